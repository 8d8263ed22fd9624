//! The page's state as Yew holds it: the pure reducer of `awaitlab-view-state` (what the page
//! shows, the intents that change it) behind Yew's `Reducible`.

use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

pub use awaitlab_view_state::{side_labels, Action, AppState, Phase, PAGE_PREDICTION_STEPS};

/// [`AppState`] for `use_reducer`. An action that changes nothing hands back the same state, so
/// Yew re-renders nothing.
#[derive(Debug, PartialEq)]
pub struct PageState(Rc<AppState>);

impl PageState {
    /// Holds `state`.
    pub fn new(state: AppState) -> Self {
        PageState(Rc::new(state))
    }
}

impl Deref for PageState {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        &self.0
    }
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.0.clone().reduce(action);
        if Rc::ptr_eq(&next, &self.0) {
            self
        } else {
            Rc::new(PageState(next))
        }
    }
}
