//! Values a link or a person hands the page that it must not echo whole or let rearrange the
//! page: messages quote a short, safe excerpt of what they refuse.

mod common;

use awaitlab_core::backend::io::check_url;
use awaitlab_core::format::{is_format_char, quote, QUOTE_MAX_CHARS};
use awaitlab_core::scenario::parse_url;
use awaitlab_core::scenarios::CATALOG;
use common::pairs;

/// Every kind of value a query carries, each 100,000 characters long.
#[test]
fn a_huge_value_is_named_with_a_short_excerpt_whatever_the_field() {
    let huge = "9".repeat(100_000);
    let word = "x".repeat(100_000);
    for query in [
        format!("s={word}"),
        format!("s=countdown&mode={word}"),
        format!("s=countdown&delays={huge}"),
        format!("s=countdown&letters=A,{word},C"),
        format!("s=countdown&count={huge}"),
        format!("s=countdown&speed={huge}"),
        format!("s=countdown&loop={word}"),
        format!("s=countdown&autorun={word}"),
        format!("s=countdown&{word}=1"),
        format!("s=http&latency={huge}"),
        format!("s=http&urls=data/{word}.json"),
        format!("s=queue&work={huge}"),
        format!("s=primes&numbers={huge}"),
    ] {
        let request = parse_url(&CATALOG, &pairs(&query));
        assert!(!request.problems.is_empty(), "{}", &query[..40]);
        for p in &request.problems {
            let chars = p.message.chars().count();
            assert!(chars < 400, "{}: {chars} characters", p.param);
        }
    }
}

#[test]
fn invisible_formatting_characters_are_shown_as_code_points_and_refused_in_urls() {
    let rlo = '\u{202E}';
    assert!(is_format_char(rlo) && is_format_char('\u{200B}') && is_format_char('\u{FEFF}'));
    assert!(!is_format_char('é') && !is_format_char('中'));
    assert_eq!(quote("a\u{202E}b"), "\"aU+202Eb\"");
    assert_eq!(quote("tab\there"), "\"tabU+0009here\"");
    let long = "y".repeat(QUOTE_MAX_CHARS + 5);
    assert_eq!(
        quote(&long),
        format!(
            "\"{}…\" ({} characters)",
            "y".repeat(QUOTE_MAX_CHARS),
            long.len()
        )
    );
    let err = check_url("data/a\u{202E}nosj.json", 300).expect_err("refused");
    assert_eq!(err, "may not hold U+202E");
    assert!(check_url("data/\u{200B}a.json", 300).is_err());
    // Through a link: the URL is not kept, the message carries no raw override.
    let request = parse_url(&CATALOG, &pairs("s=http&urls=data/a\u{202E}.json"));
    let problem = request.problems.iter().find(|p| p.param == "urls");
    let problem = problem.expect("urls refused");
    assert!(!problem.message.contains(rlo), "{}", problem.message);
    assert!(!request.draft.text("urls").contains(rlo));
    // A name with an override is refused and quoted safely.
    let request = parse_url(&CATALOG, &pairs("s=countdown&letters=A\u{202E}B,C,D"));
    let message = &request.problems[0].message;
    assert!(message.contains("\"AU+202EB\""), "{message}");
}
