//! The page's words in English and Simplified Chinese, as Fluent messages.
//!
//! Every word a person reads comes from `locales/<lang>/*.ftl` (one file per part of the page),
//! looked up by id with [`tr`] or the [`tr!`] macro; nothing else holds display text for two
//! languages. Tests (tests/keys.rs) fail when a message is missing in either language, when the
//! two disagree on a message's variables, or when code asks for an id no file defines.
//!
//! Numbers reach Fluent already formatted as the page writes them (see [`Arg`]): Fluent's own
//! number formatting is not the page's, and a plural is chosen from [`Arg::Count`].

use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

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
    pub fn id(self) -> &'static str {
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

/// The Fluent files of one language, by name: `include_str!` keeps them in the binary (the
/// page needs no request to speak).
macro_rules! resources {
    ($lang:literal: $($file:literal),+ $(,)?) => {
        &[$(($file, include_str!(concat!("../locales/", $lang, "/", $file, ".ftl")))),+]
    };
}

/// Every Fluent file, by language: (file name, text).
pub fn resources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => {
            resources!("en": "page", "controls", "timeline", "loop", "summary", "program", "embed", "scenarios", "guess", "compare", "comments")
        }
        Lang::Zh => {
            resources!("zh": "page", "controls", "timeline", "loop", "summary", "program", "embed", "scenarios", "guess", "compare", "comments")
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

fn build(lang: Lang) -> Bundle {
    let tag: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![tag]);
    // No U+2068/U+2069 around placeables: the page's text is compared, copied and exported as
    // plain text, and its layout is left to right in both languages.
    bundle.set_use_isolating(false);
    for (_, text) in resources(lang) {
        // A file that does not parse keeps what did (tests/keys.rs fails on any error).
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        bundle.add_resource_overriding(resource);
    }
    bundle
}

thread_local! {
    static BUNDLES: [Bundle; 2] = [build(Lang::En), build(Lang::Zh)];
}

/// Message `id` (or `id.attribute`) in `lang` with `args`. A missing message falls back to
/// English, then to the id itself (never a panic: tests keep both files complete).
pub fn tr_with(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    BUNDLES.with(|bundles| {
        let pick = |l: Lang| &bundles[l as usize];
        format_in(pick(lang), id, args)
            .or_else(|| format_in(pick(Lang::En), id, args))
            .unwrap_or_else(|| id.to_string())
    })
}

/// Message `id` (or `id.attribute`) in `lang`, with no variables.
pub fn tr(lang: Lang, id: &str) -> String {
    tr_with(lang, id, &[])
}

/// Whether `lang` has message `id` (or `id.attribute`) of its own.
pub fn has(lang: Lang, id: &str) -> bool {
    BUNDLES.with(|bundles| find(&bundles[lang as usize], id).is_some())
}

/// The pattern of message `id` or attribute `id.attribute`.
fn find<'b>(bundle: &'b Bundle, id: &str) -> Option<&'b fluent_syntax::ast::Pattern<&'b str>> {
    let (message, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let msg = bundle.get_message(message)?;
    match attribute {
        Some(a) => Some(msg.get_attribute(a)?.value()),
        None => msg.value(),
    }
}

fn format_in(bundle: &Bundle, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let pattern = find(bundle, id)?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.to_string()),
            Arg::Count(n) => FluentValue::from(*n),
        };
        fluent_args.set(name.to_string(), value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(text.into_owned())
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
