//! The pure core: everything that does not need a browser. It never names `yew`, `web_sys`,
//! `js_sys` or `gloo` (a test checks), so it builds and tests natively.

pub mod clock;
pub mod executor;
pub mod highlight;
pub mod io;
pub mod kernels;
pub mod lab;
pub mod layout;
pub mod lock;
pub mod page;
pub mod pool;
pub mod run;
pub mod scenario;
pub mod scenarios;
pub mod schedule;
pub mod stats;
pub mod trace;
