//! The page's parts. Each renders state and sends intents; none holds business logic.

pub mod console;
pub mod controls;
pub mod editor;
pub mod embed_code;
pub mod export;
pub mod guess;
pub mod loop_view;
pub mod program;
pub mod span_table;
pub mod summary;
pub mod timeline;
