//! wuye (物业): turns a service centre's Markdown and CSV into its notice
//! board, staff handbook, charts, committee reports and internal report.
//!
//! The pipeline is one module per stage, each taking plain data in and
//! giving plain data out:
//!
//! ```text
//! config ──► content ──► data ──► metrics ──► charts ──► render ──► output
//! (load)     (load)      (load +   (compute)  (compute)  (templates) (atomic
//!                         validate)                                   write)
//! ```
//!
//! [`pipeline`] strings the stages together; [`cli`] is the only place that
//! prints diagnostics.

pub mod charts;
pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod datetime;
pub mod diagnostics;
pub mod guard;
pub mod init;
pub mod markdown;
pub mod messages;
pub mod metrics;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod theme;
