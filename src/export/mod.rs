//! Getting notes and comparisons out of Reading Room: citations, comparison tables (notebook
//! exports to Markdown, CSV and JSON-LD follow).

pub mod citation;
pub mod comparison;
pub mod concordance;
pub mod import;
pub mod notebook;
