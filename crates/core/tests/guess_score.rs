//! Predict before running: the lines to order come from a prediction, start out of order, and a
//! guess is scored line by line and on its total against a run.

mod common;

use awaitlab_core::guess::{moved, printed, read_total, score, shuffled};
use common::predict_url;

#[test]
fn the_lines_to_order_are_the_predicted_console_and_start_out_of_order() {
    let trace = predict_url("s=tasks&mode=tasks");
    let lines = printed(&trace);
    assert_eq!(
        lines,
        [
            "main start",
            "main end",
            "1",
            "1",
            "2",
            "2",
            "success success"
        ]
    );
    let start = shuffled(&lines);
    assert_ne!(start, lines, "the starting order gives the answer away");
    // The same lines, only reordered; and the same order on every load.
    let (mut a, mut b) = (start.clone(), lines.clone());
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert_eq!(shuffled(&lines), start);
    // A countdown's lines too, and a single line has only one order.
    let countdown = printed(&predict_url("s=countdown&mode=async"));
    assert!(countdown.len() >= 6, "{countdown:?}");
    assert_ne!(shuffled(&countdown), countdown);
    let one = vec!["only".to_string()];
    assert_eq!(shuffled(&one), one);
    let same = vec!["x".to_string(), "x".to_string()];
    assert_eq!(shuffled(&same), same);
}

#[test]
fn a_guess_scores_line_by_line_and_on_its_total() {
    let actual: Vec<String> = ["main start", "main end", "1", "1", "2"]
        .map(String::from)
        .to_vec();
    // The learner thinks the tasks print before main ends.
    let guess: Vec<String> = ["main start", "1", "1", "main end", "2"]
        .map(String::from)
        .to_vec();
    let s = score(&guess, Some(2.0), &actual, Some(2.04));
    let right: Vec<bool> = s.lines.iter().map(|l| l.right()).collect();
    assert_eq!(right, [true, false, true, false, true]);
    assert_eq!((s.in_place(), s.of()), (3, 5));
    assert_eq!(s.lines[1].actual.as_deref(), Some("main end"));
    assert!(s.total.unwrap().close());
    // Sum against max: 6.9 s guessed for a 3.0 s run is not close; 3.2 is.
    assert!(!score(&guess, Some(6.9), &actual, Some(3.0))
        .total
        .unwrap()
        .close());
    assert!(score(&guess, Some(3.2), &actual, Some(3.0))
        .total
        .unwrap()
        .close());
    // No total guessed: only the order is scored.
    assert_eq!(score(&guess, None, &actual, Some(3.0)).total, None);
    // The run printed more than was guessed (it went further than the prediction): counted.
    let short = score(&guess[..3], None, &actual, None);
    assert_eq!(short.unguessed, ["1", "2"]);
    assert_eq!((short.in_place(), short.of()), (2, 5));
}

#[test]
fn a_total_is_read_as_typed_and_lines_move_where_they_are_dropped() {
    for (typed, value) in [
        ("3", Some(3.0)),
        (" 2.5 ", Some(2.5)),
        ("３", Some(3.0)),
        ("2。5", Some(2.5)),
        ("3 s", Some(3.0)),
        ("3秒", Some(3.0)),
        ("", None),
        ("-1", None),
        ("NaN", None),
        ("inf", None),
        ("three", None),
    ] {
        assert_eq!(read_total(typed), value, "{typed:?}");
    }
    let lines: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
    assert_eq!(moved(&lines, 0, 2), ["b", "c", "a", "d"]);
    assert_eq!(moved(&lines, 3, 0), ["d", "a", "b", "c"]);
    assert_eq!(moved(&lines, 1, 99), ["a", "c", "d", "b"]);
    assert_eq!(moved(&lines, 9, 0), lines);
}
