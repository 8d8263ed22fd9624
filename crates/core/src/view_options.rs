//! How the page is shown, as opposed to what it runs: the URL's `embed`, `theme`, `lang` and
//! `host-origin`. They ride along in every link the page writes (so a scrubbed or re-run embed
//! keeps its layout) but never change a run, so they live apart from the scenario's draft.

use crate::format::{quote, quote_words, Words};

/// The page's presentation, read from the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewOptions {
    /// `embed=1`: the compact layout for an iframe (no page chrome, program and form folded).
    pub embed: bool,
    /// `theme=light|dark|auto`.
    pub theme: Theme,
    /// `lang=en|zh`, else the browser's language (see [`Lang::negotiate`]).
    pub lang: Lang,
    /// Whether the language was asked for (by the URL or the switch): only then do the links
    /// the page writes carry it, so a link opens in its reader's language unless chosen.
    pub lang_asked: bool,
    /// `predict=1`: the learner guesses the console's order and the total before a run, and the
    /// prediction stays hidden until the run has answered.
    pub predict: bool,
    /// `compare=<mode>`: a second run of the same scenario and parameters in that mode, on the
    /// same time axis (checked against the scenario's modes by the page's state).
    pub compare: Option<String>,
    /// `vs.<field>=<value>` (and `vs.code=<program>`): the compared run's own values where they
    /// differ from the form's: two parameter sets, or two programs, in one comparison. Kept in
    /// the order given, one per field; checked against the scenario by the page's state.
    pub versus: Vec<(String, String)>,
    /// `host-origin=https://docs.example.org`: the only page whose messages an embed obeys and
    /// to which it posts its own. `None`: whichever page frames it.
    pub host_origin: Option<String>,
}

/// Light or dark colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// As the system prefers (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The URL's and the `data-theme` attribute's spelling.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

pub use awaitlab_i18n::Lang;

/// The URL keys this module reads.
pub const KEYS: [&str; 6] = [
    "embed",
    "theme",
    "lang",
    "predict",
    "compare",
    "host-origin",
];

/// The prefix of the compared run's own values (`vs.delays=2,2,2`, `vs.code=…`).
pub const VERSUS: &str = "vs.";

/// What reading one of [`KEYS`] gave: nothing to say, or a word for the person (the value is
/// still used when the message says so).
pub type Reading = Result<(), Words>;

impl ViewOptions {
    /// Reads `key=value` if `key` is one of [`KEYS`] or starts with [`VERSUS`] (`None`
    /// otherwise).
    pub fn read(&mut self, key: &str, value: &str) -> Option<Reading> {
        if let Some(field) = key.strip_prefix(VERSUS) {
            return Some(self.read_versus(field, value));
        }
        let value = value.trim();
        Some(match key {
            "embed" => match value {
                "1" | "true" | "" => {
                    self.embed = true;
                    Ok(())
                }
                "0" | "false" => {
                    self.embed = false;
                    Ok(())
                }
                other => Err(crate::words!("view-embed-bad", value = quote_words(other))),
            },
            "predict" => match value {
                "1" | "true" | "" => {
                    self.predict = true;
                    Ok(())
                }
                "0" | "false" => {
                    self.predict = false;
                    Ok(())
                }
                other => Err(crate::words!(
                    "view-predict-bad",
                    value = quote_words(other)
                )),
            },
            "compare" => match value {
                "" | "none" => {
                    self.compare = None;
                    Ok(())
                }
                mode if mode.len() <= 40
                    && mode
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') =>
                {
                    self.compare = Some(mode.to_string());
                    Ok(())
                }
                other => {
                    self.compare = None;
                    Err(crate::words!(
                        "view-compare-bad",
                        value = quote_words(other)
                    ))
                }
            },
            "theme" => match value {
                "auto" | "" => {
                    self.theme = Theme::Auto;
                    Ok(())
                }
                "light" => {
                    self.theme = Theme::Light;
                    Ok(())
                }
                "dark" => {
                    self.theme = Theme::Dark;
                    Ok(())
                }
                other => Err(crate::words!("view-theme-bad", value = quote_words(other))),
            },
            "lang" => match Lang::parse(value) {
                Some(lang) => {
                    self.lang = lang;
                    self.lang_asked = true;
                    Ok(())
                }
                None if value.is_empty() => Ok(()),
                None => Err(crate::words!("view-lang-bad", value = quote_words(value))),
            },
            // `none`: steered by no page (what a pin that cannot be read becomes in the links
            // the page writes, so a reload keeps it shut).
            "host-origin" if value == "none" => {
                self.host_origin = Some(String::new());
                Ok(())
            }
            "host-origin" => match parse_origin(value) {
                Ok(origin) => {
                    self.host_origin = Some(origin);
                    Ok(())
                }
                Err(why) => {
                    // A pin that cannot be read must not leave the embed open to every page:
                    // it then obeys no host at all.
                    self.host_origin = Some(String::new());
                    Err(crate::words!("view-origin-bad", why = why))
                }
            },
            _ => return None,
        })
    }

    fn read_versus(&mut self, field: &str, value: &str) -> Reading {
        let named = !field.is_empty()
            && field.len() <= 40
            && field
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !named {
            return Err(crate::words!(
                "view-versus-bad",
                value = quote_words(&format!("{VERSUS}{field}"))
            ));
        }
        // A program keeps its spaces; a field's text is trimmed, as the form's are.
        let value = if field == "code" { value } else { value.trim() };
        match self.versus.iter_mut().find(|(k, _)| k == field) {
            Some(slot) => slot.1 = value.to_string(),
            None => self.versus.push((field.to_string(), value.to_string())),
        }
        Ok(())
    }

    /// The options as query pairs, for the links the page writes: only what differs from the
    /// defaults. `embedded`: whether the link is for the embed itself (keeps `embed` and the
    /// host's pin) or for the whole page ("open in AwaitLab").
    pub fn to_pairs(&self, embedded: bool) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if embedded && self.embed {
            pairs.push(("embed".to_string(), "1".to_string()));
        }
        if self.theme != Theme::Auto {
            pairs.push(("theme".to_string(), self.theme.id().to_string()));
        }
        if let Some(mode) = &self.compare {
            pairs.push(("compare".to_string(), mode.clone()));
        }
        // A program last, as the form's own: a long one does not hide the rest of a link.
        let (code, fields): (Vec<_>, Vec<_>) = self.versus.iter().partition(|(k, _)| k == "code");
        for (field, value) in fields.into_iter().chain(code) {
            pairs.push((format!("{VERSUS}{field}"), value.clone()));
        }
        if self.predict {
            pairs.push(("predict".to_string(), "1".to_string()));
        }
        if self.lang_asked {
            pairs.push(("lang".to_string(), self.lang.id().to_string()));
        }
        if embedded {
            if let Some(origin) = &self.host_origin {
                let origin = if origin.is_empty() { "none" } else { origin };
                pairs.push(("host-origin".to_string(), origin.to_string()));
            }
        }
        pairs
    }

    /// Whether a message from `origin` may steer the embed (and whether the embed may post to
    /// it): any origin unless `host-origin` pins one.
    pub fn accepts(&self, origin: &str) -> bool {
        match &self.host_origin {
            None => true,
            Some(pinned) => !pinned.is_empty() && pinned == origin,
        }
    }
}

/// An origin as browsers serialise it (`https://example.org`, `http://127.0.0.1:8000`): scheme
/// `http` or `https`, a host, an optional port, nothing else (a trailing `/` is allowed). The
/// result is as `MessageEvent.origin` spells it: lower case, the scheme's default port dropped.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("{} is not an origin ({why})", quote(text)));
    let lower = text.to_ascii_lowercase();
    let (scheme, rest, default_port) = if let Some(rest) = lower.strip_prefix("https://") {
        ("https", rest, "443")
    } else if let Some(rest) = lower.strip_prefix("http://") {
        ("http", rest, "80")
    } else {
        return bad("it must start with https:// or http://");
    };
    let host_port = rest.strip_suffix('/').unwrap_or(rest);
    if host_port.contains(['/', '?', '#', '@', '\\']) || host_port.chars().any(char::is_whitespace)
    {
        return bad("only scheme://host[:port], no path, query or user");
    }
    // An IPv6 host is bracketed and holds colons of its own.
    let (host, port) = if host_port.starts_with('[') {
        match host_port.find(']') {
            Some(end) => (&host_port[..=end], host_port[end + 1..].strip_prefix(':')),
            None => return bad("an unclosed ["),
        }
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    if !host_ok {
        return bad("no host, or a host with characters a host cannot have");
    }
    let port = match port {
        None => String::new(),
        Some(p) if !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()) => {
            match p.parse::<u32>() {
                Ok(n) if n <= 65_535 && p == default_port => String::new(),
                Ok(n) if n <= 65_535 => format!(":{n}"),
                _ => return bad("a port is at most 65535"),
            }
        }
        Some(_) => return bad("a port is a number"),
    };
    Ok(format!("{scheme}://{host}{port}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_as_browsers_spell_them() {
        assert_eq!(
            parse_origin("https://Docs.Example.org/").unwrap(),
            "https://docs.example.org"
        );
        assert_eq!(
            parse_origin("http://127.0.0.1:8000").unwrap(),
            "http://127.0.0.1:8000"
        );
        assert_eq!(
            parse_origin("https://example.org:443").unwrap(),
            "https://example.org"
        );
        assert_eq!(
            parse_origin("http://[::1]:9000").unwrap(),
            "http://[::1]:9000"
        );
        for bad in [
            "example.org",
            "javascript:alert(1)",
            "https://",
            "https://example.org/docs",
            "https://user@example.org",
            "https://example.org:99999",
            "https://example.org:http",
            "https://exa mple.org",
            "https://exa<mple.org",
            "*",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad} was taken for an origin");
        }
    }

    #[test]
    fn a_pin_that_cannot_be_read_accepts_no_host() {
        let mut options = ViewOptions::default();
        assert!(options.accepts("https://anyone.example"));
        assert!(options
            .read("host-origin", "not an origin")
            .unwrap()
            .is_err());
        assert!(!options.accepts("https://anyone.example"));
        assert!(!options.accepts(""));
        // Written back as `none`, which reads as the same shut door (a reload keeps it).
        assert_eq!(
            options.to_pairs(true),
            [("host-origin".to_string(), "none".to_string())]
        );
        let mut again = ViewOptions::default();
        assert_eq!(again.read("host-origin", "none"), Some(Ok(())));
        assert_eq!(again, options);
        assert!(options
            .read("host-origin", "https://docs.example.org")
            .unwrap()
            .is_ok());
        assert!(options.accepts("https://docs.example.org"));
        assert!(!options.accepts("https://docs.example.org.evil.example"));
    }

    #[test]
    fn links_keep_what_differs_from_the_defaults() {
        let mut options = ViewOptions::default();
        for (k, v) in [
            ("embed", "1"),
            ("theme", "dark"),
            ("host-origin", "http://localhost:3000"),
        ] {
            assert_eq!(options.read(k, v), Some(Ok(())));
        }
        assert_eq!(options.read("s", "countdown"), None);
        let pairs = |embedded| {
            options
                .to_pairs(embedded)
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        };
        assert_eq!(
            pairs(true),
            "embed=1&theme=dark&host-origin=http://localhost:3000"
        );
        // "Open in AwaitLab" is the whole page, with no host to answer to.
        assert_eq!(pairs(false), "theme=dark");
        assert!(options.read("theme", "neon").unwrap().is_err());
        assert_eq!(
            options.theme,
            Theme::Dark,
            "a bad value keeps the one before"
        );
    }
}
