//! The catalog programs' comments in both languages: every comment has its message, a
//! translated program is the same program line for line, and a learner's own comments stay.

use awaitlab_core::program_comments::{in_lang, message_id, slug, words};
use awaitlab_core::program_params::{ids, read_as, render};
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::view_options::Lang;
use awaitlab_i18n::{has, tr};

/// Every mode's Python (programs and illustrations), named.
fn all_python() -> Vec<(String, &'static str)> {
    CATALOG
        .iter()
        .flat_map(|s| {
            s.modes
                .iter()
                .map(move |m| (format!("{} {}", s.id, m.id), m.python()))
        })
        .collect()
}

/// A line without its comment (the code as Python reads it).
fn code(line: &str) -> &str {
    let mut quote = None;
    for (at, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return line[..at].trim_end(),
            None => {}
        }
    }
    line.trim_end()
}

#[test]
fn every_comment_of_the_catalog_has_its_words_in_english_and_chinese() {
    let mut missing = Vec::new();
    let mut count = 0;
    for (name, python) in all_python() {
        for (line, text) in words(python) {
            count += 1;
            let id = message_id(text);
            // The English message is the comment word for word: a comment edited in a program
            // but not in comments.ftl (or two texts with one slug) fails here.
            if tr(Lang::En, &id) != text || !has(Lang::Zh, &id) {
                missing.push(format!("{name} line {}: {id} = {text}", line + 1));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add to locales/*/comments.ftl:\n{}",
        missing.join("\n")
    );
    assert!(count > 60, "{count} comments");
}

#[test]
fn a_translated_program_is_the_same_code_line_for_line() {
    for (name, python) in all_python() {
        let zh = in_lang(python, Lang::Zh);
        assert_eq!(in_lang(python, Lang::En), python, "{name}");
        let (en_lines, zh_lines): (Vec<_>, Vec<_>) =
            (python.lines().collect(), zh.lines().collect());
        assert_eq!(en_lines.len(), zh_lines.len(), "{name}");
        for (e, z) in en_lines.iter().zip(&zh_lines) {
            assert_eq!(code(e), code(z), "{name}");
        }
        // Each comment with words is Chinese now; marks and quoted code are as they were.
        let translated = words(&zh);
        for (line, text) in words(python) {
            let (_, now) = translated
                .iter()
                .find(|(l, _)| *l == line)
                .expect("still a comment");
            assert_ne!(*now, text, "{name} line {}", line + 1);
            assert!(
                now.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{name}: {now}"
            );
        }
        assert_eq!(ids(python), ids(&zh), "{name}: the marks");
        for (e, z) in en_lines.iter().zip(&zh_lines) {
            if e.trim_start().starts_with("#   ") {
                assert_eq!(e, z, "{name}: code quoted in a comment stays");
            }
        }
    }
}

#[test]
fn the_form_writes_and_reads_a_chinese_program_as_it_does_an_english_one() {
    for scenario in CATALOG.iter() {
        let params = Draft::defaults(scenario).validate(scenario).unwrap().params;
        for mode in scenario.modes {
            let (Some(en), Some(zh)) = (mode.program_in(Lang::En), mode.program_in(Lang::Zh))
            else {
                continue;
            };
            let (en, zh) = (render(&en, &params), render(&zh, &params));
            assert_eq!(
                read_as(&en, &en),
                read_as(&zh, &zh),
                "{} {}",
                scenario.id,
                mode.id
            );
        }
    }
}

#[test]
fn a_learners_own_comment_and_a_string_with_a_hash_stay_as_they_are() {
    let program =
        "x = \"# gives the loop back\"  # my own note\nawait f()  # gives the loop back\n";
    let zh = in_lang(program, Lang::Zh);
    assert_eq!(
        zh,
        "x = \"# gives the loop back\"  # my own note\nawait f()  # 把控制权交还给事件循环\n"
    );
    // No comment with words: the text itself, not a copy.
    let plain = "print(1)\n# param: count\n";
    assert!(matches!(
        in_lang(plain, Lang::Zh),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn a_slug_keeps_letters_and_digits_and_joins_the_rest() {
    assert_eq!(slug("blocks the loop!"), "blocks-the-loop");
    assert_eq!(slug("WORKERS = 0: one per core"), "workers-0-one-per-core");
    assert_eq!(slug("  chore -> when  "), "chore-when");
    assert_eq!(message_id("read"), "comment-read");
}
