//! A program's trace (lines, the interpreter's lanes and labels) reads back from its export:
//! every catalog program's prediction exports, reads back with `trace_import` and exports again
//! to the same bytes.

use awaitlab_core::run::meta;
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::Source;
use awaitlab_core::trace_import::from_chrome_json;
use awaitlab_python::Program;

#[test]
fn every_catalog_programs_trace_reads_back_from_its_export() {
    let mut programs = 0;
    let mut lines = false;
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let Some(source) = mode.program() else {
                continue;
            };
            let what = format!("{} {}", scenario.id, mode.id);
            let mut draft = Draft::defaults(scenario);
            draft.mode = mode.id;
            let config = draft.validate(scenario).expect("valid defaults");
            let program = Program::compile(source).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let trace = program.predict(
                meta(&draft, &config, Source::Predicted),
                awaitlab_python::program::PREDICTION_STEPS,
            );
            lines |= trace.events.iter().any(|e| e.line.is_some());
            let text = trace.to_chrome_text(trace.total_s());
            let opened = from_chrome_json(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
            let read = &opened.first.trace;
            assert_eq!(read.tasks.len(), trace.tasks.len(), "{what}");
            assert_eq!(read.events.len(), trace.events.len(), "{what}");
            for (a, b) in trace.events.iter().zip(&read.events) {
                assert_eq!(
                    (a.task, a.kind, &a.label, a.line, &a.error, a.value),
                    (b.task, b.kind, &b.label, b.line, &b.error, b.value),
                    "{what}"
                );
                assert!((a.start_us - b.start_us).abs() <= 0.001, "{what}");
            }
            assert_eq!(opened.to_chrome_text(), text, "{what}");
            programs += 1;
        }
    }
    assert!(programs > 10, "{programs} programs");
    assert!(lines, "the programs' traces carry their lines");
}
