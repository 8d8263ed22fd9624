//! The worker pool's script: runs the kernels (`awaitlab_core::kernels`) for jobs posted by the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    awaitlab::browser::pool::register_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The AwaitLab worker runs in a browser: build it with `trunk build` (see README.md)."
    );
}
