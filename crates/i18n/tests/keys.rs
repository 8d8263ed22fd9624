//! Both languages say everything: every Fluent file parses, English and Chinese define the same
//! messages and attributes in the same files with the same variables, no id is defined twice,
//! and every id the code asks for (a literal in `tr!`/`tr`/`tr_with`) exists in both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use awaitlab_i18n::{has, resources, tr, tr_with, Arg, Lang};
use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// Every message and attribute id in `lang`, with its file and the variables it uses.
fn catalogue(lang: Lang) -> BTreeMap<String, (&'static str, BTreeSet<String>)> {
    let mut ids = BTreeMap::new();
    for (file, text) in resources(lang) {
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(r) => r,
            Err((_, errors)) => panic!("{}/{file}.ftl does not parse: {errors:?}", lang.id()),
        };
        for entry in resource.entries() {
            match entry {
                Entry::Message(m) => {
                    let mut add = |id: String, pattern: Option<&Pattern<&str>>| {
                        let mut vars = BTreeSet::new();
                        if let Some(p) = pattern {
                            variables(p, &mut vars);
                        }
                        let before = ids.insert(id.clone(), (*file, vars));
                        assert!(before.is_none(), "{}: {id} is defined twice", lang.id());
                    };
                    add(m.id.name.to_string(), m.value.as_ref());
                    for a in &m.attributes {
                        add(format!("{}.{}", m.id.name, a.id.name), Some(&a.value));
                    }
                }
                Entry::Term(t) => panic!(
                    "{}/{file}.ftl: terms are not used (-{})",
                    lang.id(),
                    t.id.name
                ),
                Entry::Junk { content } => panic!("{}/{file}.ftl has junk: {content}", lang.id()),
                _ => {}
            }
        }
    }
    ids
}

fn variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[test]
fn english_and_chinese_define_the_same_messages_in_the_same_files_with_the_same_variables() {
    let (en, zh) = (catalogue(Lang::En), catalogue(Lang::Zh));
    let en_files: Vec<_> = resources(Lang::En).iter().map(|(f, _)| *f).collect();
    let zh_files: Vec<_> = resources(Lang::Zh).iter().map(|(f, _)| *f).collect();
    assert_eq!(en_files, zh_files);
    let missing_zh: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let missing_en: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing_zh.is_empty(), "missing in zh: {missing_zh:?}");
    assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
    for (id, (file, vars)) in &en {
        let (zh_file, zh_vars) = &zh[id];
        assert_eq!(
            file, zh_file,
            "{id} is in en/{file}.ftl but zh/{zh_file}.ftl"
        );
        assert_eq!(vars, zh_vars, "{id}: en and zh use different variables");
    }
    assert!(en.len() > 40, "{} messages", en.len());
}

#[test]
fn chinese_is_chinese_where_english_is_words() {
    // A message copied over untranslated is a missing translation in disguise. Names, symbols
    // and code stay as they are; a message with three or more English words must not be the
    // same text in Chinese.
    let (en, zh) = (catalogue(Lang::En), catalogue(Lang::Zh));
    let same: Vec<_> = en
        .keys()
        .filter(|id| {
            let english = tr(Lang::En, id);
            let words = english
                .split_whitespace()
                .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
                .count();
            words >= 3 && zh.contains_key(*id) && tr(Lang::Zh, id) == english
        })
        .collect();
    assert!(same.is_empty(), "untranslated in zh: {same:?}");
}

#[test]
fn the_lookup_formats_variables_and_plurals_without_isolation_marks() {
    let text = tr_with(Lang::En, "status-measured", &[("speed", Arg::from("20"))]);
    assert_eq!(text, "measured run · 20 ms per scenario second");
    assert!(!text.contains('\u{2068}'));
    assert_eq!(
        tr_with(Lang::Zh, "status-measured", &[("speed", Arg::from("20"))]),
        "实测运行 · 每场景秒 20 毫秒"
    );
    // A missing id is the id itself (tests keep that from reaching a person).
    assert_eq!(tr(Lang::Zh, "no-such-message"), "no-such-message");
    assert!(!has(Lang::En, "no-such-message"));
}

#[test]
fn languages_come_from_urls_and_browsers_as_they_spell_them() {
    for (tag, lang) in [
        ("zh", Some(Lang::Zh)),
        ("zh-CN", Some(Lang::Zh)),
        ("ZH_hans", Some(Lang::Zh)),
        ("zh-Hans-TW", Some(Lang::Zh)),
        ("zh-TW", None),
        ("zh-Hant", None),
        ("en-GB", Some(Lang::En)),
        ("fr", None),
        ("", None),
    ] {
        assert_eq!(Lang::parse(tag), lang, "{tag}");
    }
    assert_eq!(Lang::negotiate(&["fr-FR", "zh-CN", "en"]), Lang::Zh);
    assert_eq!(Lang::negotiate(&["de", "en-US", "zh"]), Lang::En);
    assert_eq!(Lang::negotiate::<&str>(&[]), Lang::En);
}

/// The workspace's Rust sources outside tests.
fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    let mut stack = vec![root.join("src"), root.join("crates")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "tests" && name != "target" {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    out
}

/// The literal ids in `tr!(…, "id"`, `tr(…, "id")` and `tr_with(…, "id"` calls of `source`.
fn asked_ids(source: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for call in ["tr!(", "tr(", "tr_with("] {
        let mut rest = source;
        while let Some(at) = rest.find(call) {
            let preceded = rest[..at].chars().next_back();
            rest = &rest[at + call.len()..];
            // `str(`, `attr(`…: not a lookup.
            if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // The first argument (the language) has no string in it; the id is the next literal.
            let Some(comma) = rest.find(',') else {
                continue;
            };
            let after = rest[comma + 1..].trim_start();
            if let Some(lit) = after.strip_prefix('"') {
                if let Some(end) = lit.find('"') {
                    ids.push(lit[..end].to_string());
                }
            }
        }
    }
    ids
}

#[test]
fn every_id_the_code_asks_for_is_in_both_languages() {
    let mut asked = 0;
    let mut missing = Vec::new();
    for path in sources() {
        let text = std::fs::read_to_string(&path).unwrap();
        // Comments show calls, they do not make them.
        let code: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        for id in asked_ids(&code.join("\n")) {
            asked += 1;
            for lang in Lang::ALL {
                if !has(lang, &id) {
                    missing.push(format!("{}: {} in {}", lang.id(), id, path.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "asked for but not defined:\n{}",
        missing.join("\n")
    );
    assert!(
        asked > 20,
        "only {asked} lookups found: is the scan still reading the calls?"
    );
}

#[test]
fn the_scan_reads_the_calls_as_written() {
    let ids = asked_ids(
        r#"tr!(lang, "a-b"); tr(Lang::Zh, "c.d"); tr_with(l, "e", &[]); attr(x, "no"); tr!(t, "f", n = 1)"#,
    );
    assert_eq!(ids, ["a-b", "f", "c.d", "e"]);
}
