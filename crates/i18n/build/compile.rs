//! Fluent files compiled to the patterns the lookup reads (see src/markers.rs), at build time:
//! the page ships the compiled text and a small resolver, not a Fluent runtime (fluent-bundle,
//! its plural rules and its parser cost ≈ 200 KB gzipped of wasm).
//!
//! The output formats as fluent-bundle 0.16 does with `use_isolating(false)`: text and string
//! literals as written, number literals as `FluentNumber` writes them, message and term
//! references inlined, variables and selects on a variable left for run time. Whatever this
//! compiler does not reproduce exactly (functions, terms with arguments, selectors other than
//! a variable, non-integer number keys, references to what is not defined, cycles, junk) is an
//! error naming the file and the message, never different text. Used by build.rs and by the
//! tests (tests/fluent_diff.rs).

use std::collections::{BTreeMap, HashMap};

use fluent_syntax::ast;
use fluent_syntax::parser;
use fluent_syntax::unicode::unescape_unicode_to_string;

use crate::markers::{DEFAULT, END, MISSING, SELECT, SELECT_END, VAR, VARIANT};

/// fluent-bundle stops writing a message after this many placeables (MAX_PLACEABLES).
const MAX_PLACEABLES: usize = 100;

/// Compiles one language's files, `(file name, text)`, into its patterns by id (`message` or
/// `message.attribute`; a message without a value has only its attributes).
pub fn compile(lang: &str, files: &[(String, String)]) -> Result<BTreeMap<String, String>, String> {
    let mut resources = Vec::new();
    for (file, text) in files {
        let resource = parser::parse_runtime(text.as_str())
            .map_err(|(_, errors)| format!("{lang}/{file}.ftl does not parse: {errors:?}"))?;
        resources.push((file.as_str(), resource));
    }
    let mut compiler = Compiler {
        lang,
        messages: HashMap::new(),
        terms: HashMap::new(),
        stack: Vec::new(),
        in_term: false,
    };
    for (file, resource) in &resources {
        for entry in &resource.body {
            let refused = match entry {
                ast::Entry::Message(m) => compiler
                    .messages
                    .insert(m.id.name, (file, m))
                    .map(|_| format!("{lang}: message {} is defined twice", m.id.name)),
                ast::Entry::Term(t) => compiler
                    .terms
                    .insert(t.id.name, t)
                    .map(|_| format!("{lang}: term -{} is defined twice", t.id.name)),
                ast::Entry::Junk { content } => {
                    Some(format!("{lang}/{file}.ftl has junk: {content}"))
                }
                _ => None,
            };
            if let Some(e) = refused {
                return Err(e);
            }
        }
    }
    let mut out = BTreeMap::new();
    let mut ids: Vec<_> = compiler.messages.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        let (file, message) = compiler.messages[id];
        let mut patterns: Vec<(String, &ast::Pattern<&str>)> = Vec::new();
        if let Some(value) = &message.value {
            patterns.push((id.to_string(), value));
        }
        for a in &message.attributes {
            patterns.push((format!("{id}.{}", a.id.name), &a.value));
        }
        for (key, pattern) in patterns {
            let mut text = String::new();
            compiler.stack.push(key.clone());
            let placeables = compiler
                .pattern(pattern, &mut text)
                .map_err(|e| format!("{lang}/{file}.ftl: {key}: {e}"))?;
            compiler.stack.pop();
            if placeables > MAX_PLACEABLES {
                return Err(format!(
                    "{lang}/{file}.ftl: {key} may write {placeables} placeables; fluent-bundle \
                     stops after {MAX_PLACEABLES}"
                ));
            }
            out.insert(key, text);
        }
    }
    Ok(out)
}

/// The single-byte pattern of an id a language does not define.
pub fn missing() -> String {
    char::from(MISSING).to_string()
}

struct Compiler<'s> {
    lang: &'s str,
    messages: HashMap<&'s str, (&'s str, &'s ast::Message<&'s str>)>,
    terms: HashMap<&'s str, &'s ast::Term<&'s str>>,
    /// The messages and terms being inlined, to refuse a cycle.
    stack: Vec<String>,
    /// Inside a term, as fluent-bundle's `scope.local_args`: set by a term reference and
    /// cleared when it ends (not restored), the same order fluent-bundle writes in.
    in_term: bool,
}

impl<'s> Compiler<'s> {
    /// Appends `pattern`; returns the most placeables fluent-bundle can count writing it.
    fn pattern(
        &mut self,
        pattern: &'s ast::Pattern<&'s str>,
        out: &mut String,
    ) -> Result<usize, String> {
        let mut placeables = 0;
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => text(value, out)?,
                ast::PatternElement::Placeable { expression } => {
                    placeables += 1 + self.expression(expression, out)?;
                }
            }
        }
        Ok(placeables)
    }

    fn expression(
        &mut self,
        expression: &'s ast::Expression<&'s str>,
        out: &mut String,
    ) -> Result<usize, String> {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, out),
            ast::Expression::Select { selector, variants } => {
                let ast::InlineExpression::VariableReference { id } = selector else {
                    return Err(format!(
                        "only a variable can select a variant (not {selector:?}): not compiled"
                    ));
                };
                let default = variants
                    .iter()
                    .find(|v| v.default)
                    .ok_or("a select without a default variant")?;
                if self.in_term {
                    // A term's variables are its arguments, and a term here has none: the
                    // selector is an error, fluent-bundle writes the default variant.
                    return self.pattern(&default.value, out);
                }
                out.push(char::from(SELECT));
                name(id.name, out)?;
                let mut most = 0;
                for variant in variants {
                    out.push(char::from(if variant.default { DEFAULT } else { VARIANT }));
                    match variant.key {
                        ast::VariantKey::Identifier { name: key } => name(key, out)?,
                        ast::VariantKey::NumberLiteral { value } => {
                            // Only integers: a key such as `1.0` carries a fraction-digit
                            // count fluent-bundle compares too.
                            if value.is_empty()
                                || !value.bytes().all(|b| b.is_ascii_digit())
                                || value.parse::<u64>().is_err()
                            {
                                return Err(format!(
                                    "the variant key [{value}] is not an integer: not compiled"
                                ));
                            }
                            name(value, out)?;
                        }
                    }
                    most = most.max(self.pattern(&variant.value, out)?);
                }
                out.push(char::from(SELECT_END));
                Ok(most)
            }
        }
    }

    fn inline(
        &mut self,
        inline: &'s ast::InlineExpression<&'s str>,
        out: &mut String,
    ) -> Result<usize, String> {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                text(&unescape_unicode_to_string(value), out)?;
                Ok(0)
            }
            ast::InlineExpression::NumberLiteral { value } => {
                text(&number_literal(value), out)?;
                Ok(0)
            }
            ast::InlineExpression::VariableReference { id } => {
                if self.in_term {
                    // fluent-bundle's text for a variable it does not have.
                    text(&format!("{{${}}}", id.name), out)?;
                } else {
                    out.push(char::from(VAR));
                    name(id.name, out)?;
                }
                Ok(0)
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression, out),
            ast::InlineExpression::MessageReference { id, attribute } => {
                let Some((_, message)) = self.messages.get(id.name).copied() else {
                    return Err(format!(
                        "refers to {}, which {} does not define",
                        id.name, self.lang
                    ));
                };
                let (key, pattern) = match attribute {
                    Some(a) => (
                        format!("{}.{}", id.name, a.name),
                        message
                            .attributes
                            .iter()
                            .find(|x| x.id.name == a.name)
                            .map(|x| &x.value),
                    ),
                    None => (id.name.to_string(), message.value.as_ref()),
                };
                let pattern = pattern.ok_or_else(|| {
                    format!("refers to {key}, which {} does not define", self.lang)
                })?;
                self.inline_pattern(key, pattern, out)
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                if arguments.is_some() {
                    return Err(format!(
                        "-{} is given arguments: terms with arguments are not compiled",
                        id.name
                    ));
                }
                let Some(term) = self.terms.get(id.name).copied() else {
                    return Err(format!(
                        "refers to -{}, which {} does not define",
                        id.name, self.lang
                    ));
                };
                let (key, pattern) = match attribute {
                    Some(a) => (
                        format!("-{}.{}", id.name, a.name),
                        term.attributes
                            .iter()
                            .find(|x| x.id.name == a.name)
                            .map(|x| &x.value),
                    ),
                    None => (format!("-{}", id.name), Some(&term.value)),
                };
                let pattern = pattern.ok_or_else(|| {
                    format!("refers to {key}, which {} does not define", self.lang)
                })?;
                self.in_term = true;
                let placeables = self.inline_pattern(key, pattern, out);
                self.in_term = false;
                placeables
            }
            ast::InlineExpression::FunctionReference { id, .. } => {
                Err(format!("calls {}(): functions are not compiled", id.name))
            }
        }
    }

    fn inline_pattern(
        &mut self,
        key: String,
        pattern: &'s ast::Pattern<&'s str>,
        out: &mut String,
    ) -> Result<usize, String> {
        if self.stack.contains(&key) {
            return Err(format!(
                "refers to itself: {} → {key}",
                self.stack.join(" → ")
            ));
        }
        self.stack.push(key);
        let placeables = self.pattern(pattern, out);
        self.stack.pop();
        placeables
    }
}

/// Appends text, refusing the bytes that mark placeables.
fn text(value: &str, out: &mut String) -> Result<(), String> {
    if let Some(c) = value.chars().find(|c| u32::from(*c) <= u32::from(MISSING)) {
        return Err(format!(
            "the text holds U+{:04X}, which marks placeables when compiled",
            u32::from(c)
        ));
    }
    out.push_str(value);
    Ok(())
}

/// Appends a name or key and its end mark.
fn name(value: &str, out: &mut String) -> Result<(), String> {
    text(value, out)?;
    out.push(char::from(END));
    Ok(())
}

/// A number literal as fluent-bundle writes it (`FluentValue::try_number`, then
/// `FluentNumber::as_string`: the f64's shortest form, padded to the literal's fraction digits).
fn number_literal(value: &str) -> String {
    let Ok(n) = value.parse::<f64>() else {
        return value.to_string();
    };
    let mut s = n.to_string();
    if let Some(at) = value.find('.') {
        let wanted = value.len() - at - 1;
        match s.find('.') {
            Some(dot) => {
                let have = s.len() - dot - 1;
                s.push_str(&"0".repeat(wanted.saturating_sub(have)));
            }
            None => {
                s.push('.');
                s.push_str(&"0".repeat(wanted));
            }
        }
    }
    s
}
