//! Reading Room: a desktop workbench for reading, annotating and comparing the archival documents
//! of CWIHP Working Paper #90.
//!
//! Two crates: `readingroom-core` (everything but the window; it cannot use egui, it does not
//! depend on it) and this one, which adds [`ui`], the eframe window, and re-exports the core
//! so `readingroom::notes`, `readingroom::corpus`, … name the same modules.

pub use readingroom_core::*;

pub mod ui;
