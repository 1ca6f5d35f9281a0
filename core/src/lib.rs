//! Reading Room's core: everything but the window. This crate cannot use egui (it does not
//! depend on it); the app crate `readingroom` adds the window and re-exports all of this.
//! - [`text`]: folding and sentence splitting, the base the other modules build on.
//! - [`corpus`]: the documents, their metadata, pages, footnotes (and the builder that made them).
//! - [`people`]: the people registry, mention finding and roles.
//! - [`notes`]: annotations, anchoring and the RON notebooks (where notes are saved).
//! - [`search`]: normalised full-text search and fuzzy matching.
//! - [`speakers`]: who said what: the speaker of every sentence, and concordances.
//! - [`files`]: safe reads (regular files, capped) and atomic writes that keep permissions.
//! - [`jobs`]: work off the UI thread with progress, Cancel and a report.
//! - [`cli`]: the command-line interface (JSON for scripts, text for people).

pub mod analysis;
pub mod cli;
pub mod compare;
pub mod corpus;
pub mod export;
pub mod facsimile;
pub mod files;
pub mod import;
pub mod jobs;
pub mod notes;
pub mod parallel;
pub mod people;
pub mod search;
pub mod speakers;
pub mod text;
pub mod workspace;

pub use workspace::Workspace;
