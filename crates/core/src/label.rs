//! An event's label, kept inline when short: a trace holds one per event (100,000 and more in a
//! big run), and nearly all are a few bytes that repeat (`poll`, `ready`, `sleep(0.1)`, `done`).
//! A `String` took its own allocation for each (16 bytes or more of wasm heap besides the 12 of
//! the `String`); a [`Label`] of up to [`Label::INLINE`] bytes (10 on wasm32, 22 on 64-bit
//! targets) lives in the event itself, in the room a `String` took. A longer one (a printed line)
//! is one exact allocation.
//!
//! It reads as a `str` (it derefs to one), compares with strings, and serializes as a string, so
//! the loop worker's chunks and the export are unchanged.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An event's label (see the module's documentation).
#[derive(Clone)]
pub struct Label(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; Label::INLINE] },
    Heap(Box<str>),
}

impl Label {
    /// The longest label kept inline, in bytes: a `String`'s size less a length and a tag byte.
    pub const INLINE: usize = std::mem::size_of::<String>() - 2;

    /// The label as a string slice.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from a `str` cut at its end: always UTF-8.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(text) => text,
        }
    }

    /// Whether the label is kept inline (no allocation of its own).
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }

    /// The heap bytes the label holds besides itself (0 when inline).
    pub fn heap_bytes(&self) -> usize {
        match &self.0 {
            Repr::Inline { .. } => 0,
            Repr::Heap(text) => text.len(),
        }
    }
}

impl From<&str> for Label {
    fn from(text: &str) -> Self {
        if text.len() <= Label::INLINE {
            let mut bytes = [0; Label::INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Label(Repr::Inline {
                len: text.len() as u8,
                bytes,
            })
        } else {
            Label(Repr::Heap(text.into()))
        }
    }
}

impl From<String> for Label {
    fn from(text: String) -> Self {
        if text.len() <= Label::INLINE {
            Label::from(text.as_str())
        } else {
            Label(Repr::Heap(text.into_boxed_str()))
        }
    }
}

impl From<&String> for Label {
    fn from(text: &String) -> Self {
        Label::from(text.as_str())
    }
}

impl From<Label> for String {
    fn from(label: Label) -> Self {
        match label.0 {
            Repr::Heap(text) => text.into_string(),
            Repr::Inline { .. } => label.as_str().to_string(),
        }
    }
}

impl Default for Label {
    fn default() -> Self {
        Label::from("")
    }
}

impl Deref for Label {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Label {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Label {
    fn eq(&self, other: &Label) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Label {}

impl std::hash::Hash for Label {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Label {
    fn partial_cmp(&self, other: &Label) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Label {
    fn cmp(&self, other: &Label) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Label> for str {
    fn eq(&self, other: &Label) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Label> for &str {
    fn eq(&self, other: &Label) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Label> for String {
    fn eq(&self, other: &Label) -> bool {
        self == other.as_str()
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Label;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Label, E> {
                Ok(Label::from(text))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Label, E> {
                Ok(Label::from(text))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Label;

    #[test]
    fn short_labels_are_inline_and_long_ones_are_not() {
        let short = "x".repeat(Label::INLINE);
        let long = "x".repeat(Label::INLINE + 1);
        for (text, inline) in [("", true), ("poll", true), (&short, true), (&long, false)] {
            let label = Label::from(text);
            assert_eq!(label.is_inline(), inline, "{text}");
            assert_eq!(label.as_str(), text);
            assert_eq!(Label::from(text.to_string()), label);
            assert_eq!(String::from(label.clone()), text);
            assert_eq!(label.heap_bytes(), if inline { 0 } else { text.len() });
        }
        // Cut inside a character: never, a label is cut at its end only.
        let accented = "é".repeat(Label::INLINE / 2 + 1);
        assert_eq!(Label::from(accented.as_str()).as_str(), accented);
        assert_eq!(std::mem::size_of::<Label>(), std::mem::size_of::<String>());
    }

    #[test]
    fn a_label_reads_compares_and_serializes_as_a_string() {
        let label = Label::from("sleep(0.1)");
        assert_eq!(label, "sleep(0.1)");
        assert_eq!("sleep(0.1)", label);
        assert!(label.starts_with("sleep"));
        assert_eq!(format!("{label} {label:?}"), "sleep(0.1) \"sleep(0.1)\"");
        let json = serde_json::to_string(&label).unwrap();
        assert_eq!(json, "\"sleep(0.1)\"");
        assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), label);
    }
}
