//! Adapters over browser APIs, one concern each. Handles that own a callback cancel it on drop.

pub mod canvas;
pub mod clock;
pub mod dom;
pub mod driver;
pub mod export;
pub mod fetch;
pub mod frame;
pub mod host;
pub mod loop_worker;
pub mod meter;
pub mod owned_worker;
pub mod pool;
pub mod ready;
pub mod resources;
pub mod schedule;
pub mod url;
pub mod worker_scope;
