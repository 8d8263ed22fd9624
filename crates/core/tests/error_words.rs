//! Problems with a value are said in the page's language: every `words!` id the code uses is in
//! both languages (crates/i18n's scan reads `tr!` calls only), and a problem found once reads in
//! Chinese as well as in the English the other tests hold.

use std::path::Path;

use awaitlab_core::scenario::{parse_url, Draft};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::view_options::Lang;
use awaitlab_i18n::has;

/// The literal ids of `words!("id"` in the Rust files under `dir`.
fn word_ids(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            word_ids(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            // Comments show calls, they do not make them.
            let code: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            let text = code.join("\n");
            for (at, _) in text.match_indices("words!(") {
                let rest = text[at + "words!(".len()..].trim_start();
                if let Some(lit) = rest.strip_prefix('"') {
                    out.push(lit[..lit.find('"').unwrap()].to_string());
                }
            }
        }
    }
}

#[test]
fn every_id_a_problem_is_said_with_is_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut ids = Vec::new();
    for dir in ["core/src", "python/src", "view-state/src"] {
        word_ids(&root.join(dir), &mut ids);
    }
    let missing: Vec<String> = ids
        .iter()
        .flat_map(|id| Lang::ALL.map(|lang| (lang, id)))
        .filter(|(lang, id)| !has(*lang, id))
        .map(|(lang, id)| format!("{}: {id}", lang.id()))
        .collect();
    assert!(missing.is_empty(), "missing:\n{}", missing.join("\n"));
    assert!(
        ids.len() > 40,
        "only {} ids: is the scan reading the calls?",
        ids.len()
    );
}

fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn a_links_problems_read_in_chinese_and_keep_their_english() {
    let request = parse_url(
        &CATALOG,
        &pairs("s=countdown&delays=1,x,0.5&count=99&loop=moon"),
    );
    let said: Vec<(String, String)> = request
        .problems
        .iter()
        .map(|p| (p.message.clone(), p.message_in(Lang::Zh)))
        .collect();
    assert_eq!(
        said,
        [
            (
                r#"item 2 ("x") is not a number; keeping 1,0.8,0.5"#.to_string(),
                r#"第 2 项（"x"）不是数字；保留 1,0.8,0.5"#.to_string()
            ),
            (
                "must be between 1 and 20; keeping 3".to_string(),
                "必须在 1 到 20 之间；保留 3".to_string()
            ),
            (
                r#""moon" is not page or worker; using page"#.to_string(),
                r#""moon" 不是 page 或 worker；改用 page"#.to_string()
            ),
        ]
    );
    for p in &request.problems {
        assert_eq!(p.message_in(Lang::En), p.message);
    }
}

#[test]
fn a_fields_problem_and_a_check_across_fields_read_in_chinese() {
    let countdown = find("countdown").unwrap();
    let mut draft = Draft::defaults(countdown);
    draft.set_text("letters", "A,B".to_string());
    draft.set_text("count", "-3".to_string());
    let errors = draft.validate(countdown).unwrap_err();
    let count = errors.iter().find(|e| e.param == "count").unwrap();
    assert_eq!(count.message_in(Lang::Zh), "必须在 1 到 20 之间");
    draft.set_text("count", "3".to_string());
    let errors = draft.validate(countdown).unwrap_err();
    assert_eq!(
        errors[0].message,
        "give one delay per letter: 2 letters, 3 delays"
    );
    assert_eq!(
        errors[0].message_in(Lang::Zh),
        "每个字母需要一个延迟：2 个字母，3 个延迟"
    );
}

#[test]
fn a_refused_url_says_why_in_chinese() {
    let http = find("http").unwrap();
    for (url, zh) in [
        ("ftp://x/y", "用了“ftp:”；只允许"),
        ("//x/y", "以 // 开头"),
        ("http:x", "在 http: 后面需要 //"),
        ("https://", "// 后面没有主机名"),
        ("data/a b.json", "不能包含 ' '"),
    ] {
        let mut draft = Draft::defaults(http);
        draft.set_text("urls", url.to_string());
        let errors = draft.validate(http).unwrap_err();
        let said = errors[0].message_in(Lang::Zh);
        assert!(said.contains(zh), "{url}: {said}");
        // No English sentence left in it: at most the URL itself and the schemes' names.
        let english = said
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 3 && !["http", "https", "json", "data", "example"].contains(w))
            .count();
        assert_eq!(english, 0, "{url}: {said}");
    }
}
