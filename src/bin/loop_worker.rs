//! The loop worker's script: runs a scenario's event loop off the page's main thread
//! (`loop=worker`, see `browser::loop_worker`).

#[cfg(target_arch = "wasm32")]
fn main() {
    awaitlab::browser::loop_worker::register_loop_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The AwaitLab loop worker runs in a browser: build it with `trunk build` (see README.md)."
    );
}
