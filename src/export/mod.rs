//! Getting notes out of Reading Room: citations now (exports to Markdown, CSV, JSON-LD follow).

pub mod citation;
