//! Notebooks: annotations, robust anchoring, and RON files that never lose a note.
//!
//! - [`model`]: annotations, selectors (quote + 32 chars of context, char positions, text hash),
//!   tags, trash.
//! - [`codebook`]: tags as a tree of codes (parents, definitions, inherited colours).
//! - [`anchor`]: finding each note's passage again after the text changed; orphans are kept.
//! - [`anchor_memo`]: anchoring results remembered on disk, so unchanged notes are not searched
//!   for again.
//! - [`migrate`]: notebooks of earlier format versions, brought up to date when read.
//! - [`store`]: **where notes are saved** — atomic RON files, merge on concurrent change.
//! - [`history`]: rolling snapshots of every save, listable and restorable.
//! - [`saver`]: autosave off the UI thread.
//! - [`paths`]: the default data directory and its overrides.
//! - [`commands`]: the one command type every edit goes through, with undo/redo.
//! - [`session`]: an open notebook as the window uses it (commands, undo, autosave, status).

pub mod anchor;
pub mod anchor_memo;
mod approx;
pub mod codebook;
pub mod commands;
mod format;
mod format_read;
pub mod history;
pub mod merge;
pub mod migrate;
pub mod model;
pub mod paths;
pub mod saver;
pub mod session;
pub mod store;

pub use anchor::{AnchorStatus, AnchorText, Anchored, anchor};
pub use model::{Annotation, Notebook, Tag, Target, Trashed};
pub use store::{NotebookError, NotebookFile, SaveReport};

/// Restores a saved version into an open notebook (the current state stays in the history,
/// since the next save snapshots it).
pub fn restore_version(
    file: &mut NotebookFile,
    version: &history::Version,
) -> Result<(), NotebookError> {
    let parsed = store::read_file(&version.path)?;
    if let Some(reason) = parsed.read_only_reason() {
        return Err(NotebookError::ReadOnly {
            path: version.path.clone(),
            reason,
        });
    }
    file.notebook = parsed.notebook;
    Ok(())
}
