//! The catalog speaks both languages: its message ids are built at run time (`scenario-<id>`,
//! `mode-<scenario>-<mode>.note`…), so the source scan in crates/i18n cannot see them; this walks
//! every scenario, mode and parameter instead. The English of the fields the page still reads
//! (a scenario's `title`, a mode's `label`) must be the Fluent English, byte for byte.

use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::view_options::Lang;
use awaitlab_i18n::has;

#[test]
fn every_scenario_mode_and_parameter_has_its_words_in_both_languages() {
    let mut missing = Vec::new();
    let mut ids = 0;
    for scenario in CATALOG.iter() {
        for id in scenario.message_ids() {
            ids += 1;
            for lang in Lang::ALL {
                if !has(lang, &id) {
                    missing.push(format!("{}: {id}", lang.id()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "missing:\n{}", missing.join("\n"));
    assert!(
        ids > 150,
        "only {ids} ids: is the walk still reading the catalog?"
    );
}

#[test]
fn chinese_titles_and_notes_are_chinese() {
    let countdown = &CATALOG[0];
    assert_eq!(countdown.title_in(Lang::Zh), "倒计时：A、B、C");
    let pool = countdown.mode("pool").unwrap();
    assert!(pool.note_in(countdown, Lang::Zh).contains("事件循环"));
    // Parameter labels are the program's marked names: the same in both languages.
    let delays = countdown.param("delays").unwrap();
    assert_eq!(delays.label_in(countdown, Lang::Zh), "delays");
    assert!(delays.help_in(countdown, Lang::Zh).contains("秒"));
    let loop_impl = awaitlab_core::scenarios::find("loop-impl").unwrap();
    let all = loop_impl.mode("all").unwrap();
    assert!(all.program_missing_in(loop_impl, Lang::Zh).is_some());
    assert_eq!(
        countdown
            .mode("async")
            .unwrap()
            .program_missing_in(countdown, Lang::Zh),
        None
    );
}
