//! Mounts the AwaitLab page.

#[cfg(target_arch = "wasm32")]
fn main() {
    awaitlab::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("AwaitLab is a web app: build it with `trunk build` (see README.md).");
}
