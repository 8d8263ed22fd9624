//! AwaitLab: runs the asyncio tutorials' programs on the browser's real event loop and on a
//! virtual-time executor, and draws both as a timeline.
//!
//! - [`core`]: pure logic (trace, executor, scenarios, layout, statistics), tested natively.
//! - `browser`: thin adapters over browser APIs (wasm32 only).
//! - `ui`: Yew views (wasm32 only).

#![deny(missing_docs)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
