//! AwaitLab's app: the browser adapters and Yew views on top of the pure core
//! ([`awaitlab_core`], its own crate in `crates/core`, which has no browser dependency).
//!
//! - `browser`: thin adapters over browser APIs (wasm32 only).
//! - `ui`: Yew views (wasm32 only).

#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
