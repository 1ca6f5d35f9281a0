//! An open notebook as the window uses it: edits through [`Command`]s with undo/redo, autosave
//! after every change off the UI thread, and the save status to show the user.

use super::commands::{Command, CommandError, UndoStack};
use super::model::Notebook;
use super::saver::{SaveOutcome, Saver};
use super::store::{NotebookError, NotebookFile};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long the saver waits for more edits before writing.
pub const AUTOSAVE_DEBOUNCE: Duration = Duration::from_millis(300);

/// What the user should know about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Everything is on disk.
    Saved,
    /// Changes are waiting to be written.
    Pending,
    /// Not saved (a new notebook opened after an error, not yet given a place).
    Unsaved,
    /// The last save failed; the message says why. The file on disk is intact.
    Failed(String),
}

/// An open notebook.
pub struct NotebookSession {
    /// Where it is saved (None: not saved anywhere yet).
    pub path: Option<PathBuf>,
    /// The notebook as edited.
    pub notebook: Notebook,
    undo: UndoStack,
    saver: Option<Saver>,
    /// What the status bar says about saving (saved, pending, failed and why).
    pub status: SaveStatus,
    /// Incremented on every change (views cache on it).
    pub revision: u64,
    /// Notes that came in from another window or process at the last save.
    pub merged_in: usize,
    /// Why the notebook may not be changed (written by a newer version), if so: edits are
    /// refused and nothing is ever written to it.
    pub read_only: Option<String>,
    /// What bringing the notebook up from an earlier format changed when it was opened.
    pub migrated: Option<super::migrate::Migration>,
}

impl NotebookSession {
    /// Opens the notebook at `path` (created on the first save if missing).
    pub fn open(path: &Path) -> Result<NotebookSession, NotebookError> {
        let file = NotebookFile::open(path)?;
        let read_only = file.read_only.clone();
        let migrated = file.migrated;
        Ok(NotebookSession {
            path: Some(path.to_path_buf()),
            notebook: file.notebook.clone(),
            undo: UndoStack::default(),
            saver: read_only
                .is_none()
                .then(|| Saver::spawn(file, AUTOSAVE_DEBOUNCE)),
            status: SaveStatus::Saved,
            revision: 0,
            merged_in: 0,
            read_only,
            migrated,
        })
    }

    /// An empty notebook that is not saved anywhere (after a notebook failed to open).
    pub fn unsaved() -> NotebookSession {
        NotebookSession {
            path: None,
            notebook: Notebook::default(),
            undo: UndoStack::default(),
            saver: None,
            status: SaveStatus::Unsaved,
            revision: 0,
            merged_in: 0,
            read_only: None,
            migrated: None,
        }
    }

    /// Gives an unsaved notebook a file (Save As), merging with what is already there.
    pub fn save_as(&mut self, path: &Path) -> Result<(), NotebookError> {
        self.flush();
        let mut file = match NotebookFile::open(path) {
            Ok(f) => f,
            Err(NotebookError::Io { .. }) => NotebookFile::new_unsaved(path),
            Err(e) => return Err(e),
        };
        if let Some(reason) = &file.read_only {
            return Err(NotebookError::ReadOnly {
                path: path.to_path_buf(),
                reason: reason.clone(),
            });
        }
        // Save As writes the whole notebook (notes, tags, trash, corrections, authors) into the
        // new file; what was there is merged, not lost.
        if file.notebook == Notebook::default() {
            file.notebook = self.notebook.clone();
        } else {
            super::merge::absorb(&mut file.notebook, &self.notebook);
        }
        file.save()?;
        self.notebook = file.notebook.clone();
        self.path = Some(path.to_path_buf());
        self.saver = Some(Saver::spawn(file, AUTOSAVE_DEBOUNCE));
        self.status = SaveStatus::Saved;
        self.read_only = None;
        self.revision += 1;
        Ok(())
    }

    fn changed(&mut self) {
        self.revision += 1;
        if let Some(s) = &self.saver {
            s.save(&self.notebook);
            self.status = SaveStatus::Pending;
        }
    }

    /// Applies an edit and schedules a save (refused while the notebook is read-only).
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        if let Some(reason) = &self.read_only {
            return Err(CommandError::ReadOnly(reason.clone()));
        }
        self.undo.apply(&mut self.notebook, command)?;
        self.changed();
        Ok(())
    }

    /// Replaces the whole notebook (restoring a saved version); the previous state stays in the
    /// version history, and undo starts afresh.
    pub fn replace(&mut self, notebook: Notebook) {
        if self.read_only.is_some() {
            return;
        }
        self.notebook = notebook;
        self.undo.clear();
        self.changed();
    }

    /// Undoes the last edit.
    pub fn undo(&mut self) -> bool {
        let done = self.undo.undo(&mut self.notebook);
        if done {
            self.changed();
        }
        done
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> bool {
        let done = self.undo.redo(&mut self.notebook);
        if done {
            self.changed();
        }
        done
    }

    /// Can anything be undone / redone?
    pub fn can_undo(&self) -> (bool, bool) {
        (self.undo.can_undo(), self.undo.can_redo())
    }

    /// Picks up what the saver reported; call once per frame.
    pub fn poll(&mut self) {
        let Some(saver) = &self.saver else { return };
        for outcome in saver.poll() {
            match outcome {
                SaveOutcome::Saved(report, merged) => {
                    self.status = SaveStatus::Saved;
                    if report.merged {
                        // Another process added notes: take them in (ours are already there).
                        self.merged_in += report.added_from_disk + report.conflicts;
                        for a in merged.annotations {
                            if self.notebook.get(&a.id).is_none()
                                && !self.notebook.trash.iter().any(|t| t.annotation.id == a.id)
                            {
                                self.notebook.annotations.push(a);
                                self.revision += 1;
                            }
                        }
                    }
                }
                SaveOutcome::Failed(msg) => self.status = SaveStatus::Failed(msg),
            }
        }
    }

    /// Blocks until every change is on disk (before quitting or switching notebooks).
    pub fn flush(&mut self) {
        if let Some(s) = &self.saver {
            s.flush();
        }
        self.poll();
    }

    /// The notebook's display name (file name, or "Untitled").
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or("Untitled (not saved)".to_string(), |n| {
                n.to_string_lossy().into_owned()
            })
    }
}

impl Drop for NotebookSession {
    fn drop(&mut self) {
        self.flush();
    }
}
