//! The host API and the embed snippets, natively: which messages an embed follows, how a `set`
//! becomes a form checked as a link is, what it answers, and markup that survives hostile text.

mod common;

use awaitlab_core::embed::host_message::{read, CodeChange, HostMessage, Incoming, SetRequest};
use awaitlab_core::embed::{outgoing, snippet};
use awaitlab_core::scenario::{parse_url, Draft, UrlRequest};
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::view_options::{Theme, ViewOptions};
use serde_json::{json, Value};

fn url(query: &str) -> UrlRequest {
    parse_url(&CATALOG, &common::pairs(query))
}

fn set_of(message: Value) -> SetRequest {
    match read(&message) {
        Incoming::Request(r) => match r.message {
            HostMessage::Set(set) => set,
            other => panic!("not a set: {other:?}"),
        },
        other => panic!("not a request: {other:?}"),
    }
}

fn after(current: &Draft, message: Value) -> UrlRequest {
    parse_url(&CATALOG, &set_of(message).pairs_after(current))
}

fn invalid(message: Value) -> String {
    match read(&message) {
        Incoming::Invalid { message, .. } => message,
        other => panic!("{message} was not refused: {other:?}"),
    }
}

#[test]
fn only_awaitlab_messages_are_read() {
    for ignored in [
        json!("awaitlab:run"),
        json!(null),
        json!([{"type": "awaitlab:run"}]),
        json!({"type": "webpackOk"}),
        json!({"type": 7}),
        json!({"kind": "awaitlab:run"}),
        // The embed's own messages echoed back, and types of a newer version.
        json!({"type": "awaitlab:ready", "version": "1"}),
        json!({"type": "awaitlab:teleport"}),
    ] {
        assert_eq!(read(&ignored), Incoming::Ignored, "{ignored}");
    }
    for (message, expected) in [
        (json!({"type": "awaitlab:run"}), HostMessage::Run),
        (json!({"type": "awaitlab:stop"}), HostMessage::Stop),
        (
            json!({"type": "awaitlab:get-trace", "id": 3}),
            HostMessage::GetTrace,
        ),
    ] {
        match read(&message) {
            Incoming::Request(r) => assert_eq!(r.message, expected),
            other => panic!("{message}: {other:?}"),
        }
    }
    match read(&json!({"type": "awaitlab:get-trace", "id": "q-1"})) {
        Incoming::Request(r) => assert_eq!(r.id, Some(json!("q-1"))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_wrong_shape_is_refused_naming_the_field() {
    assert!(invalid(json!({"type": "awaitlab:run", "now": true})).contains("\"now\""));
    assert!(
        invalid(json!({"type": "awaitlab:set", "scenari": "queue"})).contains("it has: scenario")
    );
    assert!(invalid(json!({"type": "awaitlab:set", "scenario": 3})).contains("scenario must be"));
    assert!(
        invalid(json!({"type": "awaitlab:set", "params": "delays=1"}))
            .contains("params must be an object")
    );
    assert!(
        invalid(json!({"type": "awaitlab:set", "params": {"delays": {"a": 1}}}))
            .contains("params.delays")
    );
    assert!(
        invalid(json!({"type": "awaitlab:set", "params": {"autorun": 1}}))
            .contains("field of the message")
    );
    assert!(invalid(json!({"type": "awaitlab:set", "code": 12})).contains("code must be a string"));
    assert!(
        invalid(json!({"type": "awaitlab:set", "code": "#".repeat(100_001)})).contains("101 KB")
    );
    assert!(invalid(json!({"type": "awaitlab:set", "speed": [1]})).contains("speed must be"));
    assert!(invalid(json!({"type": "awaitlab:run", "id": {"x": 1}})).contains("id must be"));
    // The id is echoed even when the rest is wrong, so the host knows which message failed.
    match read(&json!({"type": "awaitlab:set", "id": 9, "mode": false})) {
        Incoming::Invalid { id, .. } => assert_eq!(id, Some(json!(9))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn set_is_checked_as_a_link_is() {
    let page = url("s=countdown&mode=async&speed=20").draft;
    // Numbers and lists arrive as JSON; a list given alone brings its follower to its length.
    let shown = after(
        &page,
        json!({"type": "awaitlab:set", "params": {"letters": ["W", "X", "Y", "Z"]}}),
    );
    assert!(shown.problems.is_empty(), "{:?}", shown.problems);
    assert_eq!(shown.draft.text("letters"), "W,X,Y,Z");
    assert_eq!(shown.draft.text("delays").split(',').count(), 4);
    assert_eq!(
        (shown.draft.mode, shown.draft.speed.as_str()),
        ("async", "20"),
        "the rest stays"
    );

    let shown = after(
        &page,
        json!({"type": "awaitlab:set", "params": {"delays": [2, 0.5, 1]}, "speed": 50}),
    );
    assert_eq!(shown.draft.text("delays"), "2,0.5,1");
    assert_eq!(shown.draft.speed, "50");

    // Another scenario starts from its defaults.
    let shown = after(
        &page,
        json!({"type": "awaitlab:set", "scenario": "queue", "mode": "async"}),
    );
    assert_eq!((shown.draft.scenario, shown.draft.mode), ("queue", "async"));
    assert!(shown.problems.is_empty());

    // What does not exist is said, as for a link (which mode is shown instead), and the form
    // keeps a valid value.
    let shown = after(
        &page,
        json!({"type": "awaitlab:set", "mode": "warp", "params": {"count": 999}}),
    );
    let said: Vec<&str> = shown.problems.iter().map(|p| p.param.as_str()).collect();
    assert_eq!(said, ["mode", "count"]);
    assert!(
        shown.problems[0].message.ends_with("using sync"),
        "{:?}",
        shown.problems
    );
    assert_eq!(shown.draft.mode, "sync");
    assert_eq!(shown.draft.text("count"), "3");
}

#[test]
fn a_program_comes_and_goes_with_set() {
    let page = url("s=countdown&mode=async").draft;
    let shown = after(
        &page,
        json!({"type": "awaitlab:set", "code": "print('hi')\r\n"}),
    );
    assert_eq!(shown.draft.code.as_deref(), Some("print('hi')\n"));
    let edited = shown.draft;
    // Another field keeps the program; null gives the mode's own back; so does another mode.
    let kept = after(&edited, json!({"type": "awaitlab:set", "speed": 100}));
    assert_eq!(kept.draft.code.as_deref(), Some("print('hi')\n"));
    assert_eq!(
        set_of(json!({"type": "awaitlab:set", "code": null})).code,
        CodeChange::Clear
    );
    assert_eq!(
        after(&edited, json!({"type": "awaitlab:set", "code": null}))
            .draft
            .code,
        None
    );
    assert_eq!(
        after(&edited, json!({"type": "awaitlab:set", "mode": "sync"}))
            .draft
            .code,
        None
    );
    let both = after(
        &edited,
        json!({"type": "awaitlab:set", "mode": "sync", "code": "x = 1"}),
    );
    assert_eq!(
        (both.draft.mode, both.draft.code.as_deref()),
        ("sync", Some("x = 1"))
    );
}

#[test]
fn answers_carry_their_type_and_the_hosts_id() {
    let page = url("s=countdown&mode=async").draft;
    let ready = outgoing::ready("0.1.0", &page);
    assert_eq!(ready["type"], "awaitlab:ready");
    assert_eq!(
        (ready["scenario"].as_str(), ready["mode"].as_str()),
        (Some("countdown"), Some("async"))
    );
    let state = outgoing::state("done", &page, Some(3.01), Some(3.0), None);
    assert_eq!(
        (state["type"].as_str(), state["state"].as_str()),
        (Some("awaitlab:state"), Some("done"))
    );
    assert_eq!(state["measured_s"], json!(3.01));
    let trace = outgoing::trace(Some(&json!("t1")), None);
    assert_eq!(
        (trace["id"].as_str(), trace["trace"].is_null()),
        (Some("t1"), true)
    );
    let error = outgoing::error(None, "set: no such field");
    assert_eq!(error["type"], "awaitlab:error");
    assert!(error.get("id").is_none());
    assert_eq!(outgoing::resize(412.2)["height"], json!(413.0));
}

/// Undoes [`snippet::escape_html`], as an HTML parser reads attribute values and text.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn decode_query(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

#[test]
fn snippets_survive_hostile_programs_and_round_trip() {
    let program = "import asyncio\n# </pre><script>alert('x')</script> & \"quotes\"\nprint('a<b', \"&amp;\")\n";
    let page = parse_url(
        &CATALOG,
        &[
            ("s".into(), "countdown".into()),
            ("mode".into(), "async".into()),
            ("speed".into(), "20".into()),
            ("code".into(), program.into()),
        ],
    )
    .draft;
    let mut view = ViewOptions::default();
    view.read("theme", "dark");
    view.read("embed", "1");
    view.read("host-origin", "https://docs.example.org");

    let block = snippet::live_block("https://x.org/awaitlab/index.html?s=queue", &page, &view);
    assert!(
        block.ends_with("<script src=\"https://x.org/awaitlab/embed.js\" defer></script>"),
        "{block}"
    );
    let pre = block.strip_prefix("<pre data-awaitlab=\"").expect(&block);
    let (options, rest) = pre.split_once("\">").unwrap();
    let (text, _) = rest.split_once("</pre>").unwrap();
    assert!(!text.contains('<') && !options.contains('"'), "{block}");
    assert_eq!(
        unescape(text),
        program,
        "the block holds the program, readable"
    );
    // The block's options are the form: read back as a link they give the same draft.
    let mut pairs = decode_query(&unescape(options));
    assert!(
        pairs
            .iter()
            .all(|(k, _)| k != "embed" && k != "host-origin"),
        "{pairs:?}"
    );
    assert!(pairs.contains(&("theme".into(), "dark".into())));
    pairs.push(("code".into(), program.into()));
    assert_eq!(parse_url(&CATALOG, &pairs).draft, page);

    let frame = snippet::iframe(
        "https://x.org/awaitlab/",
        &page,
        &view,
        "AwaitLab: \"countdown\" <async>",
    );
    let src = frame
        .split("src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let src = unescape(src);
    let query = src.strip_prefix("https://x.org/awaitlab/?").expect(&src);
    let request = parse_url(&CATALOG, &decode_query(query));
    assert_eq!(request.draft, page);
    assert!(request.view.embed && request.view.theme == Theme::Dark);
    assert_eq!(
        request.view.host_origin, None,
        "a snippet is for any page; its host pins itself"
    );
    assert!(
        frame.contains("title=\"AwaitLab: &quot;countdown&quot; &lt;async&gt;\""),
        "{frame}"
    );

    // A catalog scenario, unedited: a div for embed.js.
    let plain = url("s=queue&mode=async").draft;
    let block = snippet::live_block("http://127.0.0.1:8080/", &plain, &ViewOptions::default());
    assert!(
        block.starts_with("<div data-awaitlab=\"?s=queue&amp;mode=async"),
        "{block}"
    );
}
