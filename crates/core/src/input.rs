//! Input as people type it: the compatibility forms Chinese, Japanese and Korean input methods
//! produce, folded to the ASCII the parsers read, and lists whose length must match another's.
//!
//! [`normalise`] is NFKC for the characters that matter in numbers, lists, names and URLs, without
//! a Unicode crate: full-width ASCII (U+FF01–U+FF5E, `３`, `，`, `．`, `－`) becomes ASCII and the
//! ideographic space a space, as NFKC does. Two more are what the person meant rather than what
//! NFKC says: with Chinese punctuation on, the `,` key types the enumeration comma `、` (or `，`)
//! and the `.` key the ideographic full stop `。`, so between items `、` is a comma and `。` a
//! decimal point. The minus sign `−` (U+2212, which the app itself prints) is a hyphen-minus.

use std::borrow::Cow;

use super::scenario::{Draft, ParamKind, Scenario};

/// `text` with full-width and ideographic forms folded to ASCII (see the module docs). Borrows
/// when there is nothing to fold, which is the common case.
pub fn normalise(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(fold).collect())
}

fn fold(c: char) -> char {
    match c {
        // Full-width ASCII: ！ … ～ → ! … ~ (NFKC).
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        // The ideographic space and the no-break space (NFKC: a space).
        '\u{3000}' | '\u{00A0}' => ' ',
        // 、 and its half-width form: the comma of a Chinese list.
        '\u{3001}' | '\u{FF64}' => ',',
        // 。 and its half-width form: what the `.` key types with Chinese punctuation on.
        '\u{3002}' | '\u{FF61}' => '.',
        '\u{2212}' => '-',
        _ => c,
    }
}

/// Two list parameters of one scenario that must be as long as each other: when a person or a
/// link gives `leader` and leaves `follower` as it was, the follower is cut or extended to match
/// instead of refusing the run. `one_for_all`: a follower of one item already fits any leader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LengthLink {
    /// The scenario.
    pub scenario: &'static str,
    /// The list given.
    pub leader: &'static str,
    /// The list that follows its length.
    pub follower: &'static str,
    /// Whether a single item of the follower stands for every item of the leader.
    pub one_for_all: bool,
}

/// The catalog's lists that must match in length (each scenario's `check` refuses a mismatch).
pub const LENGTH_LINKS: &[LengthLink] = &[
    LengthLink {
        scenario: "http",
        leader: "urls",
        follower: "latency",
        one_for_all: true,
    },
    LengthLink {
        scenario: "countdown",
        leader: "letters",
        follower: "delays",
        one_for_all: false,
    },
    LengthLink {
        scenario: "countdown",
        leader: "delays",
        follower: "letters",
        one_for_all: false,
    },
];

/// Makes the lists that follow `leader` as long as it, unless `kept` says the person set them
/// (they then mean what they typed, and a mismatch is reported instead). Numbers are cut or the
/// last one repeated; names are cut or extended with capital letters not yet used. Returns the
/// followers changed. Nothing changes while the leader itself does not parse.
pub fn follow_lengths(
    scenario: &Scenario,
    draft: &mut Draft,
    leader: &str,
    kept: impl Fn(&str) -> bool,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let Some(lead_spec) = scenario.param(leader) else {
        return changed;
    };
    let Ok(lead) = lead_spec.parse(draft.text(leader)) else {
        return changed;
    };
    let n = lead.len();
    for link in LENGTH_LINKS
        .iter()
        .filter(|l| l.scenario == scenario.id && l.leader == leader && !kept(l.follower))
    {
        let Some(spec) = scenario.param(link.follower) else {
            continue;
        };
        let text = normalise(draft.text(link.follower)).into_owned();
        let mut items: Vec<String> = text.split(',').map(|s| s.trim().to_string()).collect();
        if items.iter().any(String::is_empty)
            || items.len() == n
            || (link.one_for_all && items.len() == 1)
            || n == 0
        {
            continue;
        }
        if items.len() > n {
            items.truncate(n);
        } else if matches!(spec.kind, ParamKind::NameList { .. }) {
            let mut letters = ('A'..='Z').map(String::from);
            while items.len() < n {
                match letters.find(|l| !items.contains(l)) {
                    Some(l) => items.push(l),
                    None => break,
                }
            }
        } else {
            let last = items.last().cloned().unwrap_or_default();
            items.resize(n, last);
        }
        draft.set_text(link.follower, items.join(","));
        changed.push(link.follower);
    }
    changed
}
