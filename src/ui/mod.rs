//! The Yew views: a reducer root (`app.rs`), the state it reduces (`state.rs`), the page's parts
//! (`components/`) and the canvas painter (`paint.rs`).

pub mod app;
pub mod components;
pub mod paint;
pub mod state;

/// Mounts the app on `<body>`.
pub fn mount() {
    // `workers=0` means one per core: the prediction needs the count too.
    crate::browser::pool::report_cores();
    yew::Renderer::<app::App>::new().render();
}
