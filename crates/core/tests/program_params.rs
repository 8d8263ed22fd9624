//! The form's parameters inside the catalog's programs: rendering values into the marked
//! literals and reading them back, for the defaults, for edited values, and for programs edited
//! by hand past what the form can describe.

mod common;

use awaitlab_core::program_params::{literal, read, read_as, render, Unreadable};
use awaitlab_core::scenario::{parse_url, Params, Scenario, Value};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::view_options::Lang;
use common::pairs;

/// The parsed parameters of a URL query (which must be valid).
fn params_of(query: &str) -> (&'static Scenario, &'static str, Params) {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(
        request.problems.is_empty(),
        "{query}: {:?}",
        request.problems
    );
    let scenario = find(request.draft.scenario).expect("scenario");
    let config = request.draft.validate(scenario).expect("valid draft");
    (scenario, config.mode, config.params)
}

/// Reads `program` as `template`'s and checks every text parses to the value `params` holds.
fn assert_reads_back(scenario: &Scenario, template: &str, program: &str, params: &Params) {
    let texts = read_as(template, program).unwrap_or_else(|e| panic!("{e}\n{program}"));
    assert!(!texts.is_empty() || !template.contains("# param:"));
    for (id, text) in texts {
        let spec = scenario.param(&id).expect("a parameter of the scenario");
        assert_eq!(
            spec.parse(&text).as_ref(),
            Ok(params.get(&id).expect("a value")),
            "{}: {id} read back as {text:?}",
            scenario.id
        );
    }
}

#[test]
fn the_defaults_render_every_program_exactly_as_written() {
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let Some(template) = mode.program() else {
                continue;
            };
            let (_, _, params) = params_of(&format!("s={}&mode={}", scenario.id, mode.id));
            let program = render(template, &params);
            assert_eq!(program, template, "{} {}", scenario.id, mode.id);
            assert_reads_back(scenario, template, &program, &params);
        }
    }
}

#[test]
fn edited_values_change_only_their_literals_and_read_back() {
    let edits = [
        (
            "s=countdown&mode=async&letters=Ä,名,x_1&delays=0.25,2,1e-3&count=12",
            &[
                "LETTERS = [\"Ä\", \"名\", \"x_1\"]  # param: letters",
                "DELAYS = [0.25, 2, 0.001]  # param: delays",
                "COUNT = 12  # param: count",
            ][..],
        ),
        (
            "s=countdown&mode=sync&letters=A&delays=3.0",
            &[
                "LETTERS = [\"A\"]  # param: letters",
                "DELAYS = [3]  # param: delays",
            ],
        ),
        (
            "s=queue&mode=async&work=2,5,10,15,20&tasks=3",
            &[
                "WORK = [2, 5, 10, 15, 20]  # param: work",
                "TASKS = 3  # param: tasks",
            ],
        ),
        (
            "s=parents&mode=polling&interval=7.5&chores=1,2",
            &[
                "EVERY = 7.5  # param: interval",
                "DUE = [1, 2]  # param: chores",
            ],
        ),
        (
            "s=parents&mode=locked&balance=0&amounts=1,2,3,4",
            &["AMOUNTS = [1, 2, 3, 4]  # param: amounts"],
        ),
        (
            "s=future&value=-42&delay=0.5",
            &["VALUE = -42  # param: value"],
        ),
        (
            "s=primes&mode=yield&numbers=18446744073709551615,2&yield-every=7",
            &[
                "NUMBERS = [18446744073709551615, 2]",
                "EVERY = 7  # param: yield-every",
            ],
        ),
        (
            "s=wait-timeout&mode=cancel&durations=0.5,3&timeout=0",
            &["DURATIONS = [0.5, 3]  # param: durations"],
        ),
    ];
    for (query, lines) in edits {
        let (scenario, mode, params) = params_of(query);
        let template = scenario
            .mode(mode)
            .and_then(|m| m.program())
            .expect("program");
        let program = render(template, &params);
        for line in lines {
            assert!(
                program.lines().any(|l| l == *line),
                "{query}: no line {line:?} in\n{program}"
            );
        }
        // Nothing but the marked literals changed.
        let changed = template
            .lines()
            .zip(program.lines())
            .filter(|(a, b)| a != b)
            .all(|(a, _)| a.contains("= ") && !a.trim_start().starts_with('#'));
        assert!(changed, "{query}");
        assert_eq!(template.lines().count(), program.lines().count());
        assert_reads_back(scenario, template, &program, &params);
    }
}

#[test]
fn literals_are_python_as_the_form_spells_it() {
    assert_eq!(literal(&Value::Int(-7)), "-7");
    assert_eq!(literal(&Value::Number(2.0)), "2");
    assert_eq!(literal(&Value::Number(0.1)), "0.1");
    assert_eq!(
        literal(&Value::Numbers(vec![1.0, 0.8, 0.5])),
        "[1, 0.8, 0.5]"
    );
    assert_eq!(literal(&Value::Ints(vec![15, 10])), "[15, 10]");
    assert_eq!(
        literal(&Value::Names(vec!["A".into(), "B".into()])),
        r#"["A", "B"]"#
    );
    assert_eq!(
        literal(&Value::Urls(vec![r#"a"b\c"#.into()])),
        r#"["a\"b\\c"]"#
    );
}

#[test]
fn hand_written_literals_read_as_python_reads_them() {
    let read1 = |line: &str| read(line).map(|v| v[0].1.clone());
    assert_eq!(read1("X = 100_000  # param: x"), Ok("100000".into()));
    assert_eq!(read1("X = -.5  # param: x"), Ok("-.5".into()));
    assert_eq!(read1("X = +3  # param: x"), Ok("3".into()));
    assert_eq!(read1("X = 1e3  # param: x"), Ok("1e3".into()));
    assert_eq!(read1("X = 1.  # param: x"), Ok("1.".into()));
    assert_eq!(read1("X = 00  # param: x"), Ok("00".into()));
    assert_eq!(read1("X = [ 1 ,2, ]  # param: x"), Ok("1,2".into()));
    assert_eq!(read1("X = []  # param: x"), Ok("".into()));
    assert_eq!(read1("X = ['a', \"b\"]  # param: x"), Ok("a,b".into()));
    assert_eq!(read1("X = '#'  # param: x"), Ok("#".into()));
    assert_eq!(read1("\tx_1 = 3 #param:x"), Ok("3".into()));
    assert_eq!(read1("# param: x\nX = [1, 2]"), Ok("1,2".into()));
    // Each text is then the form's to validate, as if typed.
    let (scenario, _, _) = params_of("s=countdown");
    let delays = scenario.param("delays").expect("delays");
    assert!(delays.parse("1,x").is_err());
}

/// The reason `read` gives for `program`, which must be unreadable.
fn reason(program: &str) -> Unreadable {
    match read(program) {
        Ok(v) => panic!("{program:?} read as {v:?}"),
        Err(e) => e,
    }
}

#[test]
fn hand_edits_past_the_form_give_a_reason_not_values() {
    let cases = [
        ("X = 1 + 2  # param: x", "must be a literal"),
        ("X = len([1])  # param: x", "must be a literal"),
        ("X = [1, 2 * 3]  # param: x", "separated by commas"),
        ("X = [[1], 2]  # param: x", "a list inside a list"),
        ("X = (1, 2)  # param: x", "written [ ]"),
        ("X = [1, 2  # param: x", "not closed"),
        (r#"X = ["a\n"]  # param: x"#, "escapes"),
        (r#"X = ["a,b"]  # param: x"#, "holds a comma"),
        ("X = 0x10  # param: x", "only decimal"),
        ("X = 1j  # param: x", "only decimal"),
        ("X = 1.2.3  # param: x", "only decimal"),
        ("X = 1_  # param: x", "underscore"),
        ("X = 1e  # param: x", "exponent"),
        ("X = 007  # param: x", "leading zeros"),
        ("X = .  # param: x", "not a number"),
        ("X = -  # param: x", "not a number"),
        ("X = True  # param: x", "must be a literal"),
        ("X == 1  # param: x", "NAME = value"),
        ("X: int = 1  # param: x", "NAME = value"),
        ("print(1)  # param: x", "NAME = value"),
        ("1 = 1  # param: x", "NAME = value"),
        ("X = 1  # param: Delays!", "one parameter id"),
        ("X = 1  # param:", "one parameter id"),
        ("X = 1  # param: x\nY = 2  # param: x", "a second time"),
        ("X = 1\n# param: x", "not followed"),
        ("# param: x\nX = 1  # param: y", "a mark of its own"),
        ("# param: x\n\nX = 1", "NAME = value"),
        ("X = 名  # param: x", "must be a literal"),
        ("X = 1 1  # param: x", "must be a literal"),
    ];
    for (program, why) in cases {
        let e = reason(program);
        assert!(
            e.to_string().contains(why),
            "{program:?}: {e} (expected it to say {why:?})"
        );
        assert!(e.line.is_some(), "{program:?}: {e}");
    }
    // Comments that are not marks, and marks inside strings, are not parameters: an unclosed
    // string swallows the mark, as it would swallow the comment in Python.
    assert_eq!(read("X = 1  # a count\nprint('# param: x')"), Ok(vec![]));
    assert_eq!(read("X = 'a  # param: x"), Ok(vec![]));
}

#[test]
fn a_program_edited_past_its_marks_is_told_apart() {
    let template = find("countdown")
        .and_then(|s| s.mode("async"))
        .and_then(|m| m.program())
        .expect("program");
    // A line removed.
    let removed: String = template
        .lines()
        .filter(|l| !l.contains("# param: delays"))
        .map(|l| format!("{l}\n"))
        .collect();
    let e = read_as(template, &removed).expect_err("delays is gone");
    assert!(e.to_string().contains("`# param: delays` is gone"), "{e}");
    // A mark the form does not have.
    let extra = format!("{template}SPEED = 3  # param: speed\n");
    let e = read_as(template, &extra).expect_err("no such parameter");
    assert!(e.to_string().contains("no parameter `speed`"), "{e}");
    // An expression where the literal was.
    let computed = template.replace("COUNT = 3  #", "COUNT = 1 + 2  #");
    let e = read_as(template, &computed).expect_err("an expression");
    assert_eq!(e.line, Some(6), "{e}");
    // Other edits leave the values readable: the page compares the text with `render` to see
    // that the program is no longer the catalog's.
    let edited = template.replace("print(\"Done.\")", "print(\"All done.\")");
    assert!(read_as(template, &edited).is_ok());
    assert_ne!(edited, template);
    // An empty program has none of the marks.
    assert!(read_as(template, "").is_err());
}

#[test]
fn no_edit_of_a_marked_line_makes_reading_or_rendering_panic() {
    let inserts = [
        "", "[", "]", "\"", "'", "#", "é", "名", "\\", ",", "-", "_", ".", "e", " ", "=", "\n",
    ];
    // Every distinct marked line of the catalog (with the line after it, for a mark on a line
    // of its own), each character replaced in turn.
    let mut pieces: Vec<(String, String)> = Vec::new();
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let Some(template) = mode.program() else {
                continue;
            };
            let lines: Vec<&str> = template.lines().collect();
            for (n, line) in lines.iter().enumerate() {
                if line.contains("param:") {
                    let piece = (
                        line.to_string(),
                        lines.get(n + 1).unwrap_or(&"").to_string(),
                    );
                    if !pieces.contains(&piece) {
                        pieces.push(piece);
                    }
                }
            }
        }
    }
    let (_, _, params) = params_of("s=countdown");
    for (line, next) in &pieces {
        let chars: Vec<char> = line.chars().chain(['\n']).chain(next.chars()).collect();
        for at in 0..=chars.len() {
            for insert in inserts {
                let mut program: String = chars[..at].iter().collect();
                program.push_str(insert);
                program.extend(chars.iter().skip(at + 1));
                let _ = read(&program);
                let _ = read_as(line, &program);
                let _ = render(&program, &params);
            }
        }
    }
}

#[test]
fn a_reason_is_said_in_the_pages_language() {
    let e = reason("X = 1 1  # param: x");
    assert_eq!(
        e.text(Lang::En),
        "line 1: `x`: its value must be a literal (a number, a string or a list of them), not \"1 1\""
    );
    assert_eq!(e.to_string(), e.text(Lang::En));
    assert_eq!(
        e.text(Lang::Zh),
        "第 1 行：`x`：它的值必须是字面量（数字、字符串或由它们组成的列表），而不是 \"1 1\""
    );
    let gone = read_as("X = 1  # param: x\n", "X = 1\n").unwrap_err();
    assert_eq!(gone.text(Lang::Zh), "标记为 `# param: x` 的那一行不见了");
}
