//! Hostile input, generated: 12,000 links (scenario, mode, parameters, program, view options,
//! every kind of text a person, a paste or an attacker can put in a query) and 6,000 host
//! messages, from a fixed seed so a failure replays. Whatever arrives, the page gets a valid
//! form, a link that reads back as the same form, and problems worded briefly with nothing
//! invisible in them; a host message is read, refused or ignored, never more.

use awaitlab_core::embed::host_message::{read, HostMessage, Incoming};
use awaitlab_core::format::is_format_char;
use awaitlab_core::scenario::{parse_url, Draft};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::view_options::ViewOptions;
use serde_json::{json, Value};

/// xorshift64*: small, seedable, good enough to spread choices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const JUNK: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "1e308",
    "-0",
    "NaN",
    "inf",
    "1,2,3",
    "1,,2",
    ",",
    "0.0000001",
    "99999999999999999999",
    "３",
    "1，0.8，0.5",
    "1、2",
    "2。5",
    "A,B,C",
    "A,B,C,D,E,F,G,H,I",
    "\u{202E}evil",
    "a\u{200B}b",
    "<script>alert(1)</script>",
    "\"'&",
    "%",
    "%ZZ",
    "\0",
    "\r\n",
    "\t1",
    "😀,🙃",
    "一,二,三",
    "true",
    "1/0",
    "--",
    "LONG",
    "1 2 3",
    "data/a.json",
    "http://127.0.0.1:1/x",
    "javascript:alert(1)",
    "https://a.b/\u{2066}",
];

/// A junk value (`LONG` stands for 10,000 characters).
fn junk(rng: &mut Rng) -> String {
    match *rng.pick(JUNK) {
        "LONG" => "7".repeat(10_000),
        other => other.to_string(),
    }
}

fn text(rng: &mut Rng, for_key: &str, draft: &Draft) -> String {
    match rng.below(6) {
        // The field's own value, slightly changed.
        0 => {
            let mut v = draft.text(for_key).to_string();
            if !v.is_empty() && rng.below(2) == 0 {
                v.insert(
                    rng.below(v.len().max(1)).min(v.len()),
                    *rng.pick(&['9', ',', '.', '-', ' ', 'é']),
                );
            }
            v
        }
        1 => format!("{}", rng.below(100)),
        2 => format!("{}.{}", rng.below(20), rng.below(1000)),
        3 => (0..rng.below(10))
            .map(|_| rng.below(12).to_string())
            .collect::<Vec<_>>()
            .join(","),
        _ => junk(rng),
    }
}

fn program(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => "import asyncio\r\nasync def main():\r\n    await asyncio.sleep(1)\r\nasyncio.run(main())\r\n".into(),
        1 => "#".repeat(100_001),
        2 => "\0\u{202E}print('x')\r".into(),
        3 => String::new(),
        _ => (0..rng.below(40)).map(|_| *rng.pick(&["def ", "(", ")", ":", "\n", "    ", "await ", "x", "'", "\u{3000}", "𝔘"])).collect(),
    }
}

fn query(rng: &mut Rng) -> Vec<(String, String)> {
    let scenario = if rng.below(10) == 0 {
        "nope"
    } else {
        rng.pick(&CATALOG).id
    };
    let base = find(scenario).unwrap_or(&CATALOG[0]);
    let draft = Draft::defaults(base);
    let mut pairs = vec![("s".to_string(), scenario.to_string())];
    if rng.below(5) > 0 {
        let mode = if rng.below(8) == 0 {
            "warp".to_string()
        } else {
            rng.pick(base.modes).id.to_string()
        };
        pairs.push(("mode".into(), mode));
    }
    for _ in 0..rng.below(7) {
        let key = match rng.below(10) {
            0..=4 if !base.params.is_empty() => rng.pick(base.params).id.to_string(),
            5 => rng.pick(&["speed", "autorun", "loop"]).to_string(),
            6 => rng.pick(&awaitlab_core::view_options::KEYS).to_string(),
            7 => "code".to_string(),
            _ => junk(rng),
        };
        let value = match key.as_str() {
            "code" => program(rng),
            "host-origin" => rng
                .pick(&[
                    "https://docs.example.org",
                    "none",
                    "http://[::1]:80",
                    "file:///x",
                    "*",
                    "",
                ])
                .to_string(),
            "theme" => rng.pick(&["dark", "light", "auto", "neon", ""]).to_string(),
            _ => text(rng, &key, &draft),
        };
        pairs.push((key, value));
    }
    pairs
}

fn plainly_worded(message: &str) {
    assert!(
        message.chars().count() <= 600,
        "a problem of {} characters",
        message.chars().count()
    );
    assert!(
        !message.chars().any(|c| c.is_control() || is_format_char(c)),
        "an invisible character in {message:?}"
    );
}

#[test]
fn twelve_thousand_hostile_links_give_valid_forms_that_link_back_to_themselves() {
    let mut rng = Rng(0x5eed_a3a1_7ab0_0001);
    let mut with_problems = 0;
    for n in 0..12_000 {
        let pairs = query(&mut rng);
        let request = parse_url(&CATALOG, &pairs);
        let scenario = find(request.draft.scenario).expect("a scenario of the catalog is shown");
        assert!(
            request.draft.validate(scenario).is_ok(),
            "link {n} gave a form that does not run: {pairs:?}"
        );
        for p in &request.problems {
            plainly_worded(&p.message);
            plainly_worded(&p.param);
        }
        with_problems += usize::from(!request.problems.is_empty());
        // The address bar then reads back as the same form and view, with nothing to say.
        let mut again: Vec<(String, String)> = request.draft.to_pairs();
        again.extend(request.view.to_pairs(true));
        let back = parse_url(&CATALOG, &again);
        assert_eq!(
            back.draft.to_pairs(),
            request.draft.to_pairs(),
            "link {n}: {pairs:?}"
        );
        assert_eq!(back.view, request.view, "link {n}: {pairs:?}");
        let said: Vec<&str> = back.problems.iter().map(|p| p.param.as_str()).collect();
        assert!(
            said.is_empty(),
            "link {n} reads back with problems {:?}",
            back.problems
        );
    }
    // The generator reaches both sides: links that are fine and links with something to say.
    assert!(
        with_problems > 3_000 && with_problems < 11_000,
        "{with_problems}"
    );
}

fn message(rng: &mut Rng) -> Value {
    let kind = *rng.pick(&[
        "run",
        "stop",
        "get-trace",
        "set",
        "set",
        "set",
        "ready",
        "x",
    ]);
    let mut m = json!({ "type": format!("awaitlab:{kind}") });
    let fields = ["scenario", "mode", "params", "speed", "code", "id", "extra"];
    for _ in 0..rng.below(5) {
        let field = *rng.pick(&fields);
        let value = match rng.below(8) {
            0 => Value::Null,
            1 => json!(rng.below(1000)),
            2 => json!(junk(rng)),
            3 => json!([1, "2", null]),
            4 => json!({ "delays": [rng.below(5), 0.5], "letters": "X,Y" }),
            5 => {
                let mut params = serde_json::Map::new();
                params.insert(junk(rng), json!(junk(rng)));
                Value::Object(params)
            }
            6 => json!(rng.pick(&CATALOG).id),
            _ => json!(program(rng)),
        };
        m[field] = value;
    }
    if rng.below(20) == 0 {
        return json!(junk(rng));
    }
    m
}

#[test]
fn six_thousand_hostile_host_messages_are_read_refused_or_ignored() {
    let mut rng = Rng(0x5eed_a3a1_7ab0_0002);
    let page = parse_url(&CATALOG, &[("s".into(), "countdown".into())]).draft;
    let (mut sets, mut refused) = (0, 0);
    for n in 0..6_000 {
        let m = message(&mut rng);
        match read(&m) {
            Incoming::Ignored => {}
            Incoming::Invalid { message, .. } => {
                refused += 1;
                plainly_worded(&message);
            }
            Incoming::Request(r) => {
                if let HostMessage::Set(set) = r.message {
                    sets += 1;
                    // What a set shows is checked as a link is: a valid form, briefly worded.
                    let shown = parse_url(&CATALOG, &set.pairs_after(&page));
                    let scenario = find(shown.draft.scenario).expect("catalog");
                    assert!(shown.draft.validate(scenario).is_ok(), "message {n}: {m}");
                    shown
                        .problems
                        .iter()
                        .for_each(|p| plainly_worded(&p.message));
                    assert_eq!(
                        shown.view,
                        ViewOptions::default(),
                        "a host cannot change the view"
                    );
                }
            }
        }
    }
    assert!(
        sets > 300 && refused > 1_000,
        "{sets} sets, {refused} refused"
    );
}
