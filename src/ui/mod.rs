//! The Yew views: the root (`app.rs`) holding the page's state (`state.rs`) and a run's
//! session (`run_session.rs`), the page's parts (`components/`) and the canvas painter
//! (`paint.rs`).

pub mod app;
pub mod components;
pub mod i18n;
pub mod paint;
pub mod run_session;
pub mod state;

/// Mounts the app on `<body>`.
pub fn mount() {
    // `workers=0` means one per core: the prediction needs the count too.
    crate::browser::pool::report_cores();
    yew::Renderer::<app::App>::new().render();
}
