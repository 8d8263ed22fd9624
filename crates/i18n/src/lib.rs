//! The page's words in English and Simplified Chinese, as Fluent messages.
//!
//! Every word a person reads comes from `locales/<lang>/*.ftl` (one file per part of the page),
//! looked up by id with [`tr`] or the [`tr!`] macro; nothing else holds display text for two
//! languages. Tests (tests/keys.rs) fail when a message is missing in either language, when the
//! two disagree on a message's variables, or when code asks for an id no file defines.
//!
//! build.rs compiles the files into tables when the crate builds (build/compile.rs), so the page
//! carries the messages and a small resolver, not a Fluent runtime (fluent-bundle and its parser
//! cost the app ≈ 35 KB gzipped of wasm). tests/fluent_diff.rs holds every message to
//! fluent-bundle's text.
//!
//! Numbers reach Fluent already formatted as the page writes them (see [`Arg`]): Fluent's own
//! number formatting is not the page's, and a plural is chosen from [`Arg::Count`].

use std::borrow::Cow;

/// The language of the page's words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, in the switch's order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The URL's spelling (`lang=`) and the `<html lang>` value's first part.
    pub const fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for `<html lang>` (fonts and screen readers choose by it).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The language's own name, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// Reads a language tag as a URL or a browser gives it (`zh`, `zh-CN`, `zh-Hans-CN`, `en-GB`,
    /// any case): `None` for a language the page does not speak. Traditional Chinese (`zh-TW`,
    /// `zh-HK`, `zh-Hant`) is not Simplified: `None`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                    && !rest.contains(&"hans");
                (!traditional).then_some(Lang::Zh)
            }
            _ => None,
        }
    }

    /// The first of the browser's languages (`navigator.languages`, most wanted first) that the
    /// page speaks; English when none is.
    pub fn negotiate<S: AsRef<str>>(wanted: &[S]) -> Lang {
        wanted
            .iter()
            .find_map(|tag| Lang::parse(tag.as_ref()))
            .unwrap_or_default()
    }
}

/// A value for a message's variable.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    /// Text, shown as given (numbers the page has formatted itself are text too).
    Text(Cow<'a, str>),
    /// A count: shown as an integer and choosing the plural form (`{ $n -> [one] … *[other] … }`).
    Count(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Count(n as u64)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Count(n)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Count(u64::from(n))
    }
}

mod markers;

use markers::{DEFAULT, END, MISSING, SELECT, SELECT_END, VAR, VARIANT};

// The compiled messages (build.rs): `IDS` (every id, sorted, end to end; `ID_ENDS` where each
// ends), `PATTERNS[lang]` (each id's compiled pattern, src/markers.rs; `PATTERN_ENDS[lang]`),
// `LANGS` (the tables' language order) and `RESOURCES` (the source files, for tests).
include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

// build.rs's tables are in `Lang::ALL`'s order (a compile error otherwise).
const _: () = {
    const fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    let mut i = 0;
    while i < Lang::ALL.len() {
        assert!(same(LANGS[i], Lang::ALL[i].id()) && Lang::ALL[i] as usize == i);
        i += 1;
    }
};

/// Every Fluent file, by language: (file name, text), the files of `locales/<lang>/` by name.
/// The page does not read them (build.rs compiled them); tests do.
pub fn resources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    RESOURCES[lang as usize]
}

/// Piece `i` of `text`, whose pieces end at `ends`.
fn piece(text: &'static str, ends: &[u32], i: usize) -> Option<&'static str> {
    let start = match i {
        0 => 0,
        _ => *ends.get(i - 1)? as usize,
    };
    text.get(start..*ends.get(i)? as usize)
}

/// The compiled pattern of message `id` (or `id.attribute`) in `lang`, if `lang` defines it.
fn pattern(lang: Lang, id: &str) -> Option<&'static str> {
    let (mut low, mut high) = (0, ID_ENDS.len());
    while low < high {
        let mid = low + (high - low) / 2;
        match piece(IDS, &ID_ENDS, mid)?.cmp(id) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => {
                let l = lang as usize;
                let found = piece(PATTERNS[l], &PATTERN_ENDS[l], mid)?;
                return (found.as_bytes() != [MISSING]).then_some(found);
            }
        }
    }
    None
}

/// Message `id` (or `id.attribute`) in `lang` with `args`. A missing message falls back to
/// English, then to the id itself (never a panic: tests keep both files complete).
pub fn tr_with(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    with_fallback(|l| pattern(l, id), lang, id, args)
}

/// `lang`'s pattern from `find`, else English's (formatted as English: its plural rules),
/// else the id.
fn with_fallback<'p>(
    find: impl Fn(Lang) -> Option<&'p str>,
    lang: Lang,
    id: &str,
    args: &[(&str, Arg<'_>)],
) -> String {
    let found = find(lang)
        .map(|p| (lang, p))
        .or_else(|| Some((Lang::En, find(Lang::En)?)));
    match found {
        Some((lang, p)) => format_compiled(lang, p, args),
        None => id.to_string(),
    }
}

/// Message `id` (or `id.attribute`) in `lang`, with no variables.
pub fn tr(lang: Lang, id: &str) -> String {
    tr_with(lang, id, &[])
}

/// Whether `lang` has message `id` (or `id.attribute`) of its own.
pub fn has(lang: Lang, id: &str) -> bool {
    pattern(lang, id).is_some()
}

/// A compiled pattern (src/markers.rs) formatted as fluent-bundle formats its source with
/// `use_isolating(false)` in `lang`. Public for the differential test (tests/fluent_diff.rs),
/// which compiles Fluent text of its own; not part of the API.
#[doc(hidden)]
pub fn format_compiled(lang: Lang, pattern: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut out = String::with_capacity(pattern.len());
    write_pattern(lang, pattern, args, &mut out);
    out
}

fn is_mark(b: u8) -> bool {
    b <= MISSING
}

fn write_pattern(lang: Lang, pattern: &str, args: &[(&str, Arg<'_>)], out: &mut String) {
    let mut rest = pattern;
    loop {
        // Marks are ASCII, so every split below is on a character boundary.
        let text_end = rest.bytes().position(is_mark).unwrap_or(rest.len());
        out.push_str(&rest[..text_end]);
        let Some(&mark) = rest.as_bytes().get(text_end) else {
            return;
        };
        let (name, after) = rest[text_end + 1..]
            .split_once(char::from(END))
            .unwrap_or(("", ""));
        rest = after;
        match mark {
            VAR => match arg(args, name) {
                Some(Arg::Text(s)) => out.push_str(s),
                Some(Arg::Count(n)) => out.push_str(&number(*n)),
                // fluent-bundle's text for a variable it was not given.
                None => {
                    out.push_str("{$");
                    out.push_str(name);
                    out.push('}');
                }
            },
            SELECT => {
                let (variants, after) = split_select(rest);
                rest = after;
                let body = choose(lang, variants, arg(args, name));
                write_pattern(lang, body, args, out);
            }
            _ => {}
        }
    }
}

/// The last value given for `name` (fluent-bundle's `FluentArgs::set` keeps the last).
fn arg<'a, 'b>(args: &'a [(&str, Arg<'b>)], name: &str) -> Option<&'a Arg<'b>> {
    args.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// A count as fluent-bundle writes a number from an integer: the f64's shortest form, no
/// grouping.
fn number(n: u64) -> String {
    (n as f64).to_string()
}

/// The variants of the select that `rest` starts inside, and what follows its end.
fn split_select(rest: &str) -> (&str, &str) {
    let mut depth = 0usize;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            SELECT => depth += 1,
            SELECT_END if depth == 0 => return (&rest[..i], &rest[i + 1..]),
            SELECT_END => depth -= 1,
            _ => {}
        }
    }
    (rest, "")
}

/// The body of the first variant whose key matches `value`, else the default's.
fn choose<'p>(lang: Lang, mut variants: &'p str, value: Option<&Arg<'_>>) -> &'p str {
    let mut default = "";
    while let Some(&mark) = variants.as_bytes().first() {
        let (key, after) = variants[1..]
            .split_once(char::from(END))
            .unwrap_or(("", ""));
        // The body runs to the next variant of this select (nested selects are skipped whole).
        let mut depth = 0usize;
        let mut body_end = after.len();
        for (i, b) in after.bytes().enumerate() {
            match b {
                SELECT => depth += 1,
                SELECT_END => depth = depth.saturating_sub(1),
                VARIANT | DEFAULT if depth == 0 => {
                    body_end = i;
                    break;
                }
                _ => {}
            }
        }
        let body = &after[..body_end];
        variants = &after[body_end..];
        if value.is_some_and(|v| key_matches(lang, key, v)) {
            return body;
        }
        if mark == DEFAULT {
            default = body;
        }
    }
    default
}

/// Whether variant `key` matches `value`, as fluent-bundle's `FluentValue::matches`: a number
/// key a count equal to it, a name key the same text or the count's plural category.
fn key_matches(lang: Lang, key: &str, value: &Arg<'_>) -> bool {
    let numeric = key.as_bytes().first().is_some_and(u8::is_ascii_digit);
    match value {
        Arg::Text(s) => !numeric && key == s,
        Arg::Count(n) if numeric => key.parse::<u64>().is_ok_and(|k| k as f64 == *n as f64),
        Arg::Count(n) => key == plural_category(lang, *n),
    }
}

/// The CLDR cardinal plural category of an integer count (intl_pluralrules, as fluent-bundle
/// uses it): English `one` for 1, Chinese has only `other`.
fn plural_category(lang: Lang, n: u64) -> &'static str {
    match lang {
        Lang::En if n == 1 => "one",
        Lang::En | Lang::Zh => "other",
    }
}

/// `tr!(lang, "id")` or `tr!(lang, "id", name = value, …)`: message `id` in `lang`. Values are
/// anything [`Arg`] comes from (`&str`, `String`, counts). Tests read the ids in these calls
/// from the source, so write the id as a literal.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal) => {
        $crate::tr($lang, $id)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::tr_with($lang, $id, &[$((stringify!($name), $crate::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_missing_in_chinese_is_english_then_the_id() {
        // Chinese lacks the message: English's pattern, with English plural rules.
        let en_only = |l: Lang| {
            (l == Lang::En).then_some("\u{3}n\u{2}\u{4}one\u{2}one\u{5}other\u{2}many\u{6}")
        };
        assert_eq!(
            with_fallback(en_only, Lang::Zh, "x", &[("n", Arg::Count(1))]),
            "one"
        );
        assert_eq!(
            with_fallback(en_only, Lang::Zh, "x", &[("n", Arg::Count(2))]),
            "many"
        );
        // Chinese has it: Chinese plural rules (1 is `other`).
        let both = |_: Lang| Some("\u{3}n\u{2}\u{4}one\u{2}one\u{5}other\u{2}many\u{6}");
        assert_eq!(
            with_fallback(both, Lang::Zh, "x", &[("n", Arg::Count(1))]),
            "many"
        );
        // Neither: the id.
        assert_eq!(with_fallback(|_| None, Lang::Zh, "x-y", &[]), "x-y");
        assert!(!has(Lang::En, "no-such-message.attr"));
    }

    #[test]
    fn a_damaged_pattern_is_cut_short_not_a_panic() {
        for damaged in [
            "\u{1}",
            "\u{1}x",
            "\u{3}",
            "\u{3}n\u{2}\u{4}",
            "a\u{6}b",
            "\u{5}\u{2}",
        ] {
            let _ = format_compiled(Lang::En, damaged, &[("n", Arg::Count(1))]);
        }
        assert_eq!(format_compiled(Lang::En, "a\u{1}x", &[]), "a{$}");
    }
}
