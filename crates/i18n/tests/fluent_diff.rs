//! The compiled messages say exactly what fluent-bundle says: every message and attribute of
//! both languages, formatted by `tr_with` and by fluent-bundle (with `use_isolating(false)`, as
//! the page used it) from the same files and arguments, is the same text. Fluent features the
//! real files do not use yet (references, terms, number keys, nested selects) are compared on
//! Fluent text of the test's own, and what the compiler does not reproduce must fail the build.

use std::collections::BTreeSet;

use awaitlab_i18n::{format_compiled, resources, tr_with, Arg, Lang};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

#[path = "../build/compile.rs"]
mod compile;
#[path = "../src/markers.rs"]
mod markers;

/// The reference: a bundle of `texts` in `lang`, as the page built it before.
fn bundle(lang: Lang, texts: &[&str]) -> FluentBundle<FluentResource> {
    let tag: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap();
    let mut bundle = FluentBundle::new(vec![tag]);
    bundle.set_use_isolating(false);
    for text in texts {
        let resource = FluentResource::try_new(text.to_string()).expect("parses");
        bundle.add_resource(resource).expect("no id twice");
    }
    bundle
}

/// fluent-bundle's text for `id` (`message` or `message.attribute`) with `args`.
fn reference(bundle: &FluentBundle<FluentResource>, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let (message, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let msg = bundle.get_message(message).expect("defined");
    let pattern = match attribute {
        Some(a) => msg.get_attribute(a).expect("defined").value(),
        None => msg.value().expect("has a value"),
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.to_string()),
            Arg::Count(n) => FluentValue::from(*n),
        };
        fluent_args.set(name.to_string(), value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Every message and attribute id of `texts`, with the variables each uses and those of them
/// that select a variant.
fn ids(texts: &[&str]) -> Vec<(String, BTreeSet<String>, BTreeSet<String>)> {
    let mut out = Vec::new();
    for text in texts {
        let resource = fluent_syntax::parser::parse(*text).expect("parses");
        for entry in &resource.body {
            if let Entry::Message(m) = entry {
                let mut add = |id: String, pattern: &Pattern<&str>| {
                    let (mut vars, mut selectors) = (BTreeSet::new(), BTreeSet::new());
                    walk(pattern, &mut vars, &mut selectors);
                    out.push((id, vars, selectors));
                };
                if let Some(value) = &m.value {
                    add(m.id.name.to_string(), value);
                }
                for a in &m.attributes {
                    add(format!("{}.{}", m.id.name, a.id.name), &a.value);
                }
            }
        }
    }
    out
}

fn walk(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>, selectors: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, vars, selectors);
        }
    }
}

fn walk_expression(
    e: &Expression<&str>,
    vars: &mut BTreeSet<String>,
    selectors: &mut BTreeSet<String>,
) {
    match e {
        Expression::Inline(inline) => walk_inline(inline, vars, selectors),
        Expression::Select { selector, variants } => {
            if let InlineExpression::VariableReference { id } = selector {
                selectors.insert(id.name.to_string());
            }
            walk_inline(selector, vars, selectors);
            for v in variants {
                walk(&v.value, vars, selectors);
            }
        }
    }
}

fn walk_inline(
    e: &InlineExpression<&str>,
    vars: &mut BTreeSet<String>,
    selectors: &mut BTreeSet<String>,
) {
    match e {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, vars, selectors),
        _ => {}
    }
}

/// The argument sets a message is tried with: none (fluent-bundle writes `{$name}`), every
/// variable as text, every variable as each count, and the selectors as each count with the
/// other variables as text, and the selectors as text naming a variant.
fn argument_sets(
    vars: &BTreeSet<String>,
    selectors: &BTreeSet<String>,
) -> Vec<Vec<(String, Arg<'static>)>> {
    const COUNTS: [u64; 5] = [0, 1, 2, 5, 21];
    let text = |v: &String| Arg::from(format!("‹{v}›"));
    let mut sets = vec![Vec::new()];
    sets.push(vars.iter().map(|v| (v.clone(), text(v))).collect());
    for n in COUNTS {
        sets.push(vars.iter().map(|v| (v.clone(), Arg::Count(n))).collect());
        if !selectors.is_empty() {
            sets.push(
                vars.iter()
                    .map(|v| {
                        let value = if selectors.contains(v) {
                            Arg::Count(n)
                        } else {
                            text(v)
                        };
                        (v.clone(), value)
                    })
                    .collect(),
            );
        }
    }
    // A selector given text that names a variant.
    if !selectors.is_empty() {
        for key in ["one", "other", "few"] {
            sets.push(
                vars.iter()
                    .map(|v| {
                        let value = if selectors.contains(v) {
                            Arg::from(key)
                        } else {
                            text(v)
                        };
                        (v.clone(), value)
                    })
                    .collect(),
            );
        }
    }
    sets
}

fn borrowed<'a>(set: &'a [(String, Arg<'static>)]) -> Vec<(&'a str, Arg<'static>)> {
    set.iter().map(|(n, v)| (n.as_str(), v.clone())).collect()
}

#[test]
fn every_message_in_both_languages_is_what_fluent_bundle_says() {
    let mut compared = 0;
    let mut differ = Vec::new();
    for lang in Lang::ALL {
        let texts: Vec<&str> = resources(lang).iter().map(|(_, t)| *t).collect();
        let reference_bundle = bundle(lang, &texts);
        let all = ids(&texts);
        assert!(all.len() > 100, "{}: only {} ids", lang.id(), all.len());
        for (id, vars, selectors) in all {
            for set in argument_sets(&vars, &selectors) {
                let args = borrowed(&set);
                let ours = tr_with(lang, &id, &args);
                let theirs = reference(&reference_bundle, &id, &args);
                compared += 1;
                if ours != theirs {
                    differ.push(format!(
                        "{} {id} {args:?}:\n  ours:   {ours:?}\n  fluent: {theirs:?}",
                        lang.id()
                    ));
                }
            }
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {compared} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// Fluent the real files do not use yet, compiled by build/compile.rs and formatted by the
/// crate's resolver, against fluent-bundle.
const FEATURES: &str = r#"
-brand = AwaitLab
-thing = { $n ->
    [one] one thing
   *[other] things ({ $n })
}
    .short = thg
plain = Just text
literal = Say {"{"}quoted{"}"} and { "\u00E9\\" } then {" "}
numbers = { 5 }, { -3 }, { 1.50 }, { 0.1 }, { 007 }
vars = { $a } and { $b }{ $a }
term = Welcome to { -brand } ({ -thing }) then { $a } and { -brand }
ref = [{ plain }] [{ vars }] [{ attrs.title }]
attrs =
    .title = Title { $a }
    .label = { ref }
count = { $n ->
    [0] none
    [one] one item
    [2] a pair
   *[other] { $n } items
}
nested = { $n ->
    [one] { $kind ->
        [cat] one cat
       *[other] one { $kind }
    }
   *[other] { $kind ->
        [cat] { $n } cats
       *[other] { $n } of { $kind }
    }
} done
strings = { $kind ->
    [cat] a cat
    [one] the word one
   *[dog] a dog
}
multiline =
    First line,
      indented line
    { $a } last line.
ref-count = Count says: { count }
"#;

#[test]
fn fluent_features_compile_to_what_fluent_bundle_says() {
    for lang in Lang::ALL {
        let compiled =
            compile::compile(lang.id(), &[("features".to_string(), FEATURES.to_string())])
                .expect("compiles");
        let reference_bundle = bundle(lang, &[FEATURES]);
        let all = ids(&[FEATURES]);
        assert_eq!(all.len(), compiled.len(), "{:?}", compiled.keys());
        let everything: BTreeSet<String> = ["a", "b", "n", "kind"].map(String::from).into();
        for (id, _, selectors) in &all {
            // All variables, since referenced messages use theirs too.
            for set in argument_sets(&everything, selectors)
                .into_iter()
                .chain([vec![
                    ("n".to_string(), Arg::Count(1)),
                    ("kind".to_string(), Arg::from("cat")),
                ]])
            {
                let args = borrowed(&set);
                let ours = format_compiled(lang, &compiled[id], &args);
                let theirs = reference(&reference_bundle, id, &args);
                assert_eq!(ours, theirs, "{} {id} {args:?}", lang.id());
            }
        }
    }
}

#[test]
fn the_last_value_given_for_a_variable_wins_as_in_fluent_bundle() {
    let args = [("speed", Arg::from("1")), ("speed", Arg::from("2"))];
    let ours = tr_with(Lang::En, "status-measured", &args);
    let theirs = reference(
        &bundle(
            Lang::En,
            &[resources(Lang::En)
                .iter()
                .find(|(f, _)| *f == "page")
                .map_or("", |(_, t)| *t)],
        ),
        "status-measured",
        &args,
    );
    assert_eq!(ours, theirs);
    assert!(ours.contains(" 2 "), "{ours}");
}

#[test]
fn what_the_compiler_cannot_reproduce_fails_the_build_with_the_reason() {
    for (ftl, says) in [
        ("a = { NUMBER($n) }", "functions are not compiled"),
        ("-t = T\na = { -t(case: \"x\") }", "terms with arguments"),
        ("a = { b }", "refers to b"),
        ("a = { b.c }\nb = B", "refers to b.c"),
        ("a = { a }", "refers to itself"),
        ("a = { b }\nb = { a }", "refers to itself"),
        ("a = { \"x\" ->\n   *[x] X\n}", "only a variable can select"),
        (
            "a = { $n ->\n    [1.0] one\n   *[other] other\n}",
            "not an integer",
        ),
        ("a = text\nb = { $n", "does not parse"),
        ("a = A\na = B", "defined twice"),
        ("a = bad \u{1} text", "marks placeables"),
    ] {
        let err = compile::compile("en", &[("t".to_string(), ftl.to_string())]).expect_err(ftl);
        assert!(err.contains(says), "{ftl:?}: {err}");
    }
}

#[test]
fn a_compiled_pattern_is_its_text_until_a_mark() {
    let en = compile::compile("en", &[("t".to_string(), "a = A { $x }".to_string())]).unwrap();
    assert_eq!(en["a"], "A \u{1}x\u{2}");
    assert_eq!(
        format_compiled(Lang::En, &en["a"], &[("x", Arg::Count(1))]),
        "A 1"
    );
    assert_eq!(compile::missing().as_bytes(), [markers::MISSING]);
}
