//! A run stopped mid-way lets its loop go: nothing the program built keeps the executor (and
//! the clock, the trace, the VM) alive once the page drops its handles.

use std::rc::Rc;

use awaitlab_core::backend::Backends;
use awaitlab_core::clock::VirtualClock;
use awaitlab_core::executor::Executor;
use awaitlab_core::run::drive_virtual_until;
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::{EndReason, Source};
use awaitlab_python::lesson::Plan;

#[test]
fn every_catalog_mode_stopped_mid_run_frees_its_loop() {
    let mut leaks = Vec::new();
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut d = Draft::defaults(scenario);
            d.mode = mode.id;
            let plan = Plan::from_draft(&d).expect("the defaults run");
            let clock = Rc::new(VirtualClock::new());
            let exec = Executor::new(clock.clone(), plan.meta(&d, Source::Measured));
            let vm = plan.start(&exec, Backends::predicted());
            // A third of the way in, Stop.
            let total_us = exec.us_per_s() * 0.4;
            drive_virtual_until(&exec, &clock, total_us);
            exec.finish(Some(EndReason::Stopped));
            if let Some(vm) = &vm {
                vm.tear_down();
            }
            let (weak_exec, weak_clock) = (Rc::downgrade(&exec), Rc::downgrade(&clock));
            drop((vm, exec, clock));
            if weak_exec.upgrade().is_some() || weak_clock.upgrade().is_some() {
                leaks.push(format!("{} {}", scenario.id, mode.id));
            }
        }
    }
    assert!(leaks.is_empty(), "stopped runs kept alive: {leaks:?}");
}
