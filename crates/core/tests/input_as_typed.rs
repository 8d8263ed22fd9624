//! Input as people type it: full-width and ideographic forms, numbers past the range, lists that
//! follow another's length, links naming what does not exist, and the speed floor.

mod common;

use awaitlab_core::input::normalise;
use awaitlab_core::run::predict;
use awaitlab_core::scenario::{parse_url, Draft};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::stats::{speed_floor, HONEST_WAIT_MS};
use common::{pairs, predict_url};

#[test]
fn full_width_and_ideographic_forms_read_as_ascii() {
    assert_eq!(normalise("1，0.8，0.5"), "1,0.8,0.5");
    assert_eq!(normalise("３"), "3");
    assert_eq!(normalise("１、０。８"), "1,0.8");
    assert_eq!(normalise("\u{3000}2\u{3000}"), " 2 ");
    assert_eq!(normalise("−3"), "-3");
    assert_eq!(normalise("Ａ，Ｂ"), "A,B");
    // ASCII is borrowed untouched; other scripts are left alone.
    assert!(matches!(normalise("1,2"), std::borrow::Cow::Borrowed(_)));
    assert_eq!(normalise("甲,乙"), "甲,乙");
}

#[test]
fn the_form_accepts_what_a_chinese_input_method_types() {
    let scenario = find("countdown").expect("countdown");
    let mut draft = Draft::defaults(scenario);
    draft.set_text("delays", "1，0.8，0.5".into());
    draft.set_text("count", "３".into());
    draft.set_text("speed", "１００".into());
    let config = draft.validate(scenario).expect("full-width input is valid");
    assert_eq!(config.params.numbers("delays"), [1.0, 0.8, 0.5]);
    assert_eq!(config.params.int("count"), 3);
    assert_eq!(config.speed_ms_per_s, 100.0);
    // The enumeration comma and the ideographic full stop as typed with Chinese punctuation on.
    draft.set_text("delays", "1、0。8、0。5".into());
    let config = draft.validate(scenario).expect("、 and 。 are read");
    assert_eq!(config.params.numbers("delays"), [1.0, 0.8, 0.5]);
    // A link carries the ASCII form.
    assert!(draft.to_query().contains("delays=1,0.8,0.5&count=3"));
    assert!(draft.to_query().ends_with("speed=100"));
}

#[test]
fn refusals_say_why() {
    let scenario = find("countdown").expect("countdown");
    let mut draft = Draft::defaults(scenario);
    let message = |draft: &Draft, field: &str| {
        draft
            .validate(scenario)
            .expect_err("invalid")
            .into_iter()
            .find(|e| e.param == field)
            .map(|e| e.message)
            .unwrap_or_default()
    };
    draft.set_text("count", "99999999999999999999".into());
    let m = message(&draft, "count");
    assert!(m.contains("too large") && m.contains("20"), "{m}");
    draft.set_text("count", "-99999999999999999999".into());
    assert!(message(&draft, "count").contains("too small"));
    draft.set_text("count", "3".into());
    draft.set_text("delays", "1;0.8;0.5".into());
    let m = message(&draft, "delays");
    assert!(m.contains("separate items with commas"), "{m}");
    draft.set_text("delays", "1,0.8,0点5".into());
    let m = message(&draft, "delays");
    assert!(m.contains("item 3") && m.contains("U+70B9"), "{m}");
    draft.set_text("delays", "1,1e400,1".into());
    assert!(message(&draft, "delays").contains("too large"));
    let queue = find("queue").expect("queue");
    let mut q = Draft::defaults(queue);
    q.set_text("work", "5,99999999999999999999".into());
    let errors = q.validate(queue).expect_err("too large");
    assert!(errors[0].message.contains("item 2"), "{}", errors[0]);
    assert!(errors[0].message.contains("too large"), "{}", errors[0]);
}

#[test]
fn a_list_given_alone_brings_its_partner_to_its_length() {
    // urls alone: the default latency has 7 values; the first three follow.
    let request = parse_url(
        &CATALOG,
        &pairs("s=http&urls=data/a.json,data/b.json,data/c.json"),
    );
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    assert_eq!(request.draft.text("latency"), "300,800,400");
    // More URLs than latencies: the last latency repeats.
    let many = (0..9)
        .map(|i| format!("data/{i}.json"))
        .collect::<Vec<_>>()
        .join(",");
    let request = parse_url(&CATALOG, &pairs(&format!("s=http&urls={many}")));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    assert_eq!(
        request.draft.text("latency"),
        "300,800,400,300,500,500,400,400,400"
    );
    // One latency for all is kept as given.
    let request = parse_url(&CATALOG, &pairs("s=http&urls=data/a.json&latency=250"));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    assert_eq!(request.draft.text("latency"), "250");
    // Countdown: letters alone cut the delays; delays alone extend the letters.
    let request = parse_url(&CATALOG, &pairs("s=countdown&letters=X,Y"));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    assert_eq!(request.draft.text("delays"), "1,0.8");
    let request = parse_url(&CATALOG, &pairs("s=countdown&delays=1,2,3,4,5"));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    assert_eq!(request.draft.text("letters"), "A,B,C,D,E");
    // Both given and different: the person meant both, so the mismatch is reported.
    let request = parse_url(&CATALOG, &pairs("s=countdown&letters=A,B&delays=1,2,3"));
    assert!(!request.problems.is_empty());
}

#[test]
fn a_link_naming_what_does_not_exist_does_not_autorun() {
    for query in [
        "s=nope&autorun=1",
        "s=countdown&mode=turbo&autorun=1",
        "s=&autorun=1",
    ] {
        let request = parse_url(&CATALOG, &pairs(query));
        assert!(!request.autorun, "{query} would autorun");
        assert!(
            request
                .problems
                .iter()
                .any(|p| p.param == "autorun" && p.message.contains("not running")),
            "{query}: {:?}",
            request.problems
        );
    }
    // An unknown parameter alone does not stop it: what runs is what the link named.
    let request = parse_url(&CATALOG, &pairs("s=queue&mode=async&colour=red&autorun=1"));
    assert!(request.autorun);
}

#[test]
fn the_speed_floor_follows_the_shortest_wait() {
    let floor = speed_floor(&predict_url("s=countdown&mode=sync")).expect("countdown waits");
    assert_eq!(floor.shortest_wait_s, 0.5);
    assert_eq!(floor.min_speed_ms_per_s, HONEST_WAIT_MS / 0.5);
    let floor = speed_floor(&predict_url("s=countdown&mode=async&delays=0.3,0.2,0.1"))
        .expect("countdown waits");
    assert!((floor.shortest_wait_s - 0.1).abs() < 1e-9);
    // The pool's countdowns wait on the workers: their lines come once per delay.
    let floor = speed_floor(&predict_url("s=countdown&mode=pool")).expect("pool waits");
    assert!((floor.shortest_wait_s - 0.5).abs() < 0.01, "{floor:?}");
    // Added latency is a wait; CPU work and ping-pongs take real time whatever the speed.
    let floor = speed_floor(&predict_url("s=http&mode=async")).expect("latency");
    assert!((floor.shortest_wait_s - 0.3).abs() < 1e-9);
    for query in [
        "s=primes&mode=sync",
        "s=loop-impl&mode=message",
        "s=queue&mode=generator",
    ] {
        assert_eq!(speed_floor(&predict_url(query)), None, "{query}");
    }
}

#[test]
fn every_default_runs_above_its_speed_floor() {
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut draft = Draft::defaults(scenario);
            draft.mode = mode.id;
            let config = draft.validate(scenario).expect("defaults are valid");
            let speed = config.speed_ms_per_s;
            if let Some(floor) = speed_floor(&predict(scenario, &draft, config)) {
                assert!(
                    speed >= floor.min_speed_ms_per_s,
                    "{} {}: default speed {speed} is below its floor {floor:?}",
                    scenario.id,
                    mode.id
                );
            }
        }
    }
}
