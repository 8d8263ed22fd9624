//! Numbers as the page writes them: seconds as a tutorial does, rates and durations in the unit
//! that suits them. A leaf, so every layer can format without importing the runtime.

/// Seconds as the tutorial writes them: `1`, `0.8`, `0.5`.
pub fn fmt_s(s: f64) -> String {
    let text = format!("{s:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Formats a rate with three significant figures and a unit: `3.45 M`, `92.1 k`, `238`.
pub fn fmt_rate(per_s: f64) -> String {
    let (x, unit) = scaled(per_s, [(1e6, " M"), (1e3, " k")], "");
    format!("{}{unit}", three_figures(x))
}

/// Microseconds in the unit that suits them: `0.29 µs`, `12.4 µs`, `4.19 ms`, `4.19 s`.
pub fn fmt_us(us: f64) -> String {
    let (x, unit) = scaled(us, [(1e6, "s"), (1e3, "ms")], "µs");
    format!("{} {unit}", three_figures(x))
}

/// `x` divided by the first of `steps` it reaches, with that step's unit (else `base`).
fn scaled(x: f64, steps: [(f64, &'static str); 2], base: &'static str) -> (f64, &'static str) {
    steps
        .iter()
        .find(|(at, _)| x >= *at)
        .map_or((x, base), |&(at, unit)| (x / at, unit))
}

/// `x` with three significant figures for 1 ≤ x < 1000 (`238`, `92.1`, `3.45`).
fn three_figures(x: f64) -> String {
    let digits = if x >= 100.0 {
        0
    } else if x >= 10.0 {
        1
    } else {
        2
    };
    format!("{x:.digits$}")
}

/// Most characters of a person's value a message quotes: a 100,000-character value must not
/// become a 100,000-character banner.
pub const QUOTE_MAX_CHARS: usize = 32;

/// `text` quoted for a message about it: in double quotes, at most [`QUOTE_MAX_CHARS`]
/// characters (then `…` and how long it was), with control and invisible formatting characters
/// (bidi overrides like U+202E, zero-width spaces, the BOM) written as `U+202E` so that they can
/// neither reorder nor hide the text around them.
pub fn quote(text: &str) -> String {
    quote_words(text).text(awaitlab_i18n::Lang::En)
}

/// [`quote`], for a message in any language (how long a cut value was is words).
pub fn quote_words(text: &str) -> Words {
    let total = text.chars().count();
    let mut out = String::from("\"");
    for c in text.chars().take(QUOTE_MAX_CHARS) {
        if c.is_control() || is_format_char(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    if total > QUOTE_MAX_CHARS {
        out.push('…');
    }
    out.push('"');
    if total > QUOTE_MAX_CHARS {
        crate::words!("quote-cut", quoted = out, total = total)
    } else {
        Words::Text(out)
    }
}

/// `name` (a key someone typed into a link) as a label: as it is when short and plainly visible,
/// else [`quote`]d, so a banner naming it is as safe and brief as one quoting a value.
pub fn label(name: &str) -> String {
    let plain = name.chars().count() <= QUOTE_MAX_CHARS
        && !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_control() || is_format_char(c) || c.is_whitespace());
    if plain {
        name.to_string()
    } else {
        quote(name)
    }
}

/// Whether `c` is an invisible formatting character (Unicode's `Cf` category where it matters:
/// bidi marks, embeddings, overrides and isolates, zero-width characters, word joiners, the
/// BOM, soft hyphen, Arabic letter mark, Mongolian vowel separator, interlinear annotations,
/// tag characters).
pub fn is_format_char(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x061C
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Words for a person, kept as a message id and its variables until they are shown, so that a
/// problem found once (a field's value, a link's) is said in the page's language of the moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Words {
    /// A Fluent message (crates/i18n/locales) and its variables, themselves words.
    Message(&'static str, Vec<(&'static str, Words)>),
    /// Said the same in every language: a number, a quoted value, code, or words from a part of
    /// the page that does not speak Chinese yet.
    Text(String),
}

impl Words {
    /// What they say in `lang`.
    pub fn text(&self, lang: awaitlab_i18n::Lang) -> String {
        match self {
            Words::Text(text) => text.clone(),
            Words::Message(id, args) => {
                let args: Vec<(&str, awaitlab_i18n::Arg)> = args
                    .iter()
                    .map(|(name, value)| (*name, value.text(lang).into()))
                    .collect();
                awaitlab_i18n::tr_with(lang, id, &args)
            }
        }
    }
}

impl<T: std::fmt::Display> From<T> for Words {
    fn from(value: T) -> Self {
        Words::Text(value.to_string())
    }
}

/// `words!("id", name = value, …)`: message `id` with its variables (anything displayable, or
/// words). Tests read the ids of these calls from the source: write the id as a literal.
#[macro_export]
macro_rules! words {
    ($id:literal) => {
        $crate::format::Words::Message($id, Vec::new())
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::format::Words::Message(
            $id,
            vec![$((stringify!($name), $crate::format::Words::from($value))),+],
        )
    };
}
