//! Notebooks on disk, as RON files. **This is where notes are saved.**
//!
//! - Saving is atomic ([`crate::files::write_atomic`]): a temp file in the same folder, fsync,
//!   rename over the old file, fsync the folder. A failed write (full disk) leaves the old file
//!   as it was. The file keeps its mode and owner; a new notebook is private (0600); a notebook
//!   reached through a symlink is written (and locked) as its real file.
//! - A file that cannot be read or parsed is never overwritten; the error names file, line,
//!   column and what was expected. Only regular files of at most [`MAX_NOTEBOOK_BYTES`] are
//!   read, and nesting deeper than [`MAX_NESTING`] is refused.
//! - A notebook with fields this version does not know (written by a newer Reading Room), or a
//!   newer `format_version`, opens **read-only**: nothing in it is ever stripped by a save.
//! - Saving never writes a file larger than what [`NotebookFile::open`] reads back.
//! - Before writing, the file on disk is compared with the version last read; if another window
//!   or process changed it, the two are merged (see [`super::merge`]) — nobody's notes are lost.
//!   A lock file serialises writers; under it, temp files of killed saves are cleaned up.
//! - Every save leaves a snapshot in the version history (see [`super::history`]).

use super::history;
use super::merge::merge;
use super::model::{FORMAT_VERSION, Notebook};
use crate::files::{self, NewFileMode, ReadError};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Largest notebook file read, and so the largest ever written: a 100,000-note notebook is
/// about 75 MB.
pub const MAX_NOTEBOOK_BYTES: u64 = 256 * 1024 * 1024;
/// Deepest nesting accepted when parsing (a notebook nests 6 levels deep).
pub const MAX_NESTING: usize = 32;

/// A notebook that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum NotebookError {
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The file is not a valid notebook.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// The file is larger than the cap.
    #[error("{}: the file is larger than {MAX_NOTEBOOK_BYTES} bytes, the most a notebook may be", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// A directory, FIFO, device: not a notebook.
    #[error("{}: {what}", path.display())]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is instead.
        what: String,
    },
    /// Saving would write more than [`MAX_NOTEBOOK_BYTES`] (a file that could not be read back).
    #[error("{}: not saved: the notebook would be {size} bytes, more than the {limit} a notebook may be; the file on disk is unchanged (empty the trash or split the notebook)", path.display())]
    WouldBeTooLarge {
        /// The file.
        path: PathBuf,
        /// What it would have been.
        size: u64,
        /// The most a notebook may be, in bytes.
        limit: u64,
    },
    /// The notebook is open read-only (written by a newer version); nothing is written.
    #[error("{}: not saved: {reason}", path.display())]
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// Why it is read-only.
        reason: String,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> NotebookError + '_ {
    move |source| NotebookError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What parsing a notebook found besides the notebook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The notebook (fields this version does not know are not in it).
    pub notebook: Notebook,
    /// Paths of fields this version does not know (`annotations.0.future_field`).
    pub unknown_fields: Vec<String>,
    /// Notes whose prefix or suffix was longer than the context kept, and was cut.
    pub context_cut: usize,
    /// What bringing an earlier format up to date changed, if it was earlier.
    pub migrated: Option<super::migrate::Migration>,
}

impl Parsed {
    /// Why this notebook must not be written by this version, if it must not.
    pub fn read_only_reason(&self) -> Option<String> {
        if self.notebook.format_version > FORMAT_VERSION {
            return Some(format!(
                "it was written by a newer Reading Room (format version {}; this one writes {FORMAT_VERSION}), so it opens read-only and nothing in it is lost",
                self.notebook.format_version
            ));
        }
        if !self.unknown_fields.is_empty() {
            let mut shown: Vec<&str> = self
                .unknown_fields
                .iter()
                .take(3)
                .map(String::as_str)
                .collect();
            if self.unknown_fields.len() > 3 {
                shown.push("…");
            }
            return Some(format!(
                "it has fields this version does not know ({}), probably written by a newer Reading Room, so it opens read-only and nothing in it is lost",
                shown.join(", ")
            ));
        }
        None
    }
}

/// Collects the paths of ignored (unknown) fields while deserialising.
struct CollectUnknown<'a>(&'a mut Vec<String>);

impl<'de> serde::de::DeserializeSeed<'de> for CollectUnknown<'_> {
    type Value = Notebook;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Notebook, D::Error> {
        serde_ignored::deserialize(d, |path| {
            if self.0.len() < 100 {
                self.0.push(path.to_string());
            }
        })
    }
}

/// The user's words for a RON error.
fn message_of(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => format!(
            "the file nests deeper than {MAX_NESTING} levels; a notebook never does, so it is damaged or not a notebook"
        ),
        other => other.to_string(),
    }
}

/// Parses notebook text (a leading byte-order mark is allowed), naming the file in errors;
/// reports unknown fields and cuts over-long context (see [`Parsed`]).
pub fn parse_full(path: &Path, text: &str) -> Result<Parsed, NotebookError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // What this program wrote is read by the fast reader; anything else by the general parser.
    if let Some(mut notebook) = super::format_read::read(text) {
        let context_cut = notebook.bound_context();
        let migrated = super::migrate::migrate(&mut notebook);
        return Ok(Parsed {
            notebook,
            unknown_fields: Vec::new(),
            context_cut,
            migrated,
        });
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let mut unknown_fields = Vec::new();
    let mut notebook = options
        .from_str_seed(text, CollectUnknown(&mut unknown_fields))
        .map_err(|e| NotebookError::Parse {
            path: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: message_of(&e.code),
        })?;
    let context_cut = notebook.bound_context();
    let migrated = super::migrate::migrate(&mut notebook);
    Ok(Parsed {
        notebook,
        unknown_fields,
        context_cut,
        migrated,
    })
}

/// Parses notebook text (see [`parse_full`]), refusing a notebook this version cannot keep
/// whole (newer format, unknown fields): for reading copies (history, imports).
pub fn parse(path: &Path, text: &str) -> Result<Notebook, NotebookError> {
    let parsed = parse_full(path, text)?;
    match parsed.read_only_reason() {
        Some(reason) => Err(NotebookError::ReadOnly {
            path: path.to_path_buf(),
            reason,
        }),
        None => Ok(parsed.notebook),
    }
}

/// The canonical text of a notebook (loading then saving an unchanged notebook gives the same
/// bytes).
pub fn to_text(nb: &Notebook) -> String {
    super::format::to_text(nb)
}

/// Reads a notebook file's bytes: `None` if it does not exist.
fn read_capped(path: &Path) -> Result<Option<Vec<u8>>, NotebookError> {
    match files::read_regular(path, MAX_NOTEBOOK_BYTES) {
        Ok(b) => Ok(Some(b)),
        Err(ReadError::NotFound) => Ok(None),
        Err(ReadError::TooLarge { .. }) => Err(NotebookError::TooLarge {
            path: path.to_path_buf(),
        }),
        Err(e @ ReadError::NotRegular(_)) => Err(NotebookError::NotRegular {
            path: path.to_path_buf(),
            what: e.to_string(),
        }),
        Err(ReadError::Io(e)) => Err(io_err(path)(e)),
    }
}

/// Decodes notebook bytes (UTF-8, optional BOM).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Parsed, NotebookError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        NotebookError::Parse {
            path: path.to_path_buf(),
            line,
            column: 1,
            message: "expected UTF-8 text".into(),
        }
    })?;
    parse_full(path, text)
}

/// Reads and parses a notebook file that must exist (a history version, an import).
pub fn read_file(path: &Path) -> Result<Parsed, NotebookError> {
    match read_capped(path)? {
        Some(bytes) => decode(path, &bytes),
        None => Err(io_err(path)(io::Error::from(io::ErrorKind::NotFound))),
    }
}

/// What a save did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// The file had changed on disk and was merged with ours.
    pub merged: bool,
    /// Notes that came in from the file on disk.
    pub added_from_disk: usize,
    /// Notes changed on both sides (both copies kept).
    pub conflicts: usize,
}

impl std::fmt::Display for SaveReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "another program changed the notebook meanwhile: merged, {} of its notes added, {} changed on both sides kept twice",
            self.added_from_disk, self.conflicts
        )
    }
}

/// An open notebook file: the notebook, and the version of it last read from or written to disk
/// (the base for merging).
#[derive(Debug, Clone)]
pub struct NotebookFile {
    /// Where it lives, as the user named it.
    pub path: PathBuf,
    /// The notebook as edited.
    pub notebook: Notebook,
    /// Why it must not be saved (written by a newer version), if so.
    pub read_only: Option<String>,
    /// Notes whose over-long context was cut when it was read.
    pub context_cut: usize,
    /// What bringing an earlier format up to date changed when it was read; the old file is
    /// kept in the history before the first save writes the new format.
    pub migrated: Option<super::migrate::Migration>,
    base: Notebook,
    base_bytes: Option<Vec<u8>>,
    limit: u64,
}

impl NotebookFile {
    /// Opens a notebook; a missing file is a new empty notebook (created on first save).
    pub fn open(path: &Path) -> Result<NotebookFile, NotebookError> {
        let real = files::resolve_link(path).map_err(io_err(path))?;
        let bytes = read_capped(&real)?;
        let parsed = match &bytes {
            Some(b) => decode(path, b)?,
            None => Parsed::default(),
        };
        Ok(NotebookFile {
            path: path.to_path_buf(),
            read_only: parsed.read_only_reason(),
            context_cut: parsed.context_cut,
            migrated: parsed.migrated,
            base: parsed.notebook.clone(),
            notebook: parsed.notebook,
            base_bytes: bytes,
            limit: MAX_NOTEBOOK_BYTES,
        })
    }

    /// A new notebook that will be saved at `path` (for "New" and after a failed open: the
    /// file there is merged with, never overwritten blindly).
    pub fn new_unsaved(path: &Path) -> NotebookFile {
        NotebookFile {
            path: path.to_path_buf(),
            notebook: Notebook::default(),
            read_only: None,
            context_cut: 0,
            migrated: None,
            base: Notebook::default(),
            base_bytes: None,
            limit: MAX_NOTEBOOK_BYTES,
        }
    }

    /// Lowers the largest file this handle writes (tests of the size guard use it).
    #[doc(hidden)]
    pub fn with_write_limit(mut self, limit: u64) -> NotebookFile {
        self.limit = limit.min(MAX_NOTEBOOK_BYTES);
        self
    }

    /// Has the notebook changed since it was last read or saved?
    pub fn is_dirty(&self) -> bool {
        self.notebook != self.base
    }

    /// Saves atomically, merging with whatever another process wrote since we read the file.
    /// On error the file on disk is left as it was.
    pub fn save(&mut self) -> Result<SaveReport, NotebookError> {
        self.save_with(&mut |f, b| f.write_all(b))
    }

    /// [`Self::save`] with a custom writer (tests inject failures with it).
    pub fn save_with(
        &mut self,
        write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
    ) -> Result<SaveReport, NotebookError> {
        let path = self.path.clone();
        if let Some(reason) = &self.read_only {
            return Err(NotebookError::ReadOnly {
                path,
                reason: reason.clone(),
            });
        }
        // Through a symlink, the real file is written and locked.
        let real = files::resolve_link(&path).map_err(io_err(&path))?;
        if let Some(dir) = real.parent().filter(|p| !p.as_os_str().is_empty()) {
            files::create_private_dir(dir).map_err(io_err(&path))?;
        }
        let lock = lock_writers(&real)?;
        // Every writer holds this lock while its temp file exists: any temp file now is stale.
        files::remove_stale_temps(&real);
        let mut report = SaveReport::default();
        let on_disk = read_capped(&real)?;
        let mut merged = None;
        if on_disk != self.base_bytes
            && let Some(bytes) = &on_disk
        {
            // Someone else wrote it: merge, never clobber. A file we cannot parse is refused,
            // and so is one that became read-only for us (a newer version wrote it).
            let theirs = decode(&path, bytes)?;
            if let Some(reason) = theirs.read_only_reason() {
                return Err(NotebookError::ReadOnly { path, reason });
            }
            let outcome = merge(&self.base, &self.notebook, &theirs.notebook);
            report = SaveReport {
                merged: true,
                added_from_disk: outcome.added_from_theirs,
                conflicts: outcome.conflicts,
            };
            merged = Some(outcome.notebook);
        }
        let text = to_text(merged.as_ref().unwrap_or(&self.notebook));
        if text.len() as u64 > self.limit {
            return Err(NotebookError::WouldBeTooLarge {
                path,
                size: text.len() as u64,
                limit: self.limit,
            });
        }
        if on_disk.as_deref() != Some(text.as_bytes()) {
            // A file in an earlier format is kept as it was before the first save rewrites it.
            if let Some(old) = on_disk.as_deref().filter(|_| self.migrated.is_some()) {
                history::snapshot(&real, old).map_err(io_err(&path))?;
            }
            files::write_atomic_with(&real, text.as_bytes(), NewFileMode::PRIVATE, write)
                .map_err(io_err(&path))?;
            // History is a convenience: a failure there must not fail the save.
            let _ = history::snapshot(&real, text.as_bytes());
        }
        drop(lock);
        if let Some(m) = merged {
            self.notebook = m;
        }
        self.base = self.notebook.clone();
        self.base_bytes = Some(text.into_bytes());
        self.migrated = None;
        Ok(report)
    }
}

/// Takes the writers' lock of a notebook (its real file), blocking until no other writer holds
/// it; released when the returned file is dropped.
fn lock_writers(real: &Path) -> Result<File, NotebookError> {
    let lock_path = lock_path(real);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io_err(&lock_path))?;
    lock.lock().map_err(io_err(&lock_path))?;
    Ok(lock)
}

/// The lock file beside a notebook.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("notebook");
    path.with_file_name(format!(".{name}.lock"))
}

/// Puts a saved version back as the notebook file, under the writers' lock. The version must
/// be a notebook this version can keep whole; what the file holds now — even damaged, even
/// unreadable as a notebook — is first kept in the history, so a restore can itself be undone.
/// Returns the number of notes restored.
pub fn restore_file(path: &Path, version: &history::Version) -> Result<usize, NotebookError> {
    let bytes = read_capped(&version.path)?
        .ok_or_else(|| io_err(&version.path)(io::Error::from(io::ErrorKind::NotFound)))?;
    let parsed = decode(&version.path, &bytes)?;
    if let Some(reason) = parsed.read_only_reason() {
        return Err(NotebookError::ReadOnly {
            path: version.path.clone(),
            reason,
        });
    }
    let real = files::resolve_link(path).map_err(io_err(path))?;
    let _lock = lock_writers(&real)?;
    if let Some(current) = read_capped(&real)? {
        history::snapshot(&real, &current).map_err(io_err(&real))?;
    }
    files::write_atomic(&real, &bytes, NewFileMode::PRIVATE).map_err(io_err(path))?;
    Ok(parsed.notebook.annotations.len())
}
