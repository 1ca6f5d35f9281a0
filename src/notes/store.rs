//! Notebooks on disk, as RON files. **This is where notes are saved.**
//!
//! - Saving is atomic: a temp file in the same folder, fsync, rename over the old file, fsync the
//!   folder. A failed write (full disk) leaves the old file as it was.
//! - A file that cannot be read or parsed is never overwritten; the error names file, line,
//!   column and what was expected. Files over [`MAX_NOTEBOOK_BYTES`] and absurd nesting are
//!   refused.
//! - Before writing, the file on disk is compared with the version last read; if another window
//!   or process changed it, the two are merged (see [`super::merge`]) — nobody's notes are lost.
//!   A lock file serialises writers.
//! - Every save leaves a snapshot in the version history (see [`super::history`]).

use super::history;
use super::merge::merge;
use super::model::{FORMAT_VERSION, Notebook};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Largest notebook file accepted.
pub const MAX_NOTEBOOK_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest nesting accepted when parsing.
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
    #[error("{}: the file is {size} bytes; notebooks are limited to {MAX_NOTEBOOK_BYTES} bytes", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
    },
    /// The file was written by a newer Reading Room.
    #[error("{}: format version {found} is newer than this program understands ({FORMAT_VERSION})", path.display())]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// The version found.
        found: u32,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> NotebookError + '_ {
    move |source| NotebookError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Parses notebook text (with the nesting limit), naming the file in errors.
pub fn parse(path: &Path, text: &str) -> Result<Notebook, NotebookError> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let nb: Notebook = options.from_str(text).map_err(|e| NotebookError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })?;
    if nb.format_version > FORMAT_VERSION {
        return Err(NotebookError::NewerFormat {
            path: path.to_path_buf(),
            found: nb.format_version,
        });
    }
    Ok(nb)
}

/// The canonical text of a notebook (loading then saving an unchanged notebook gives the same
/// bytes).
pub fn to_text(nb: &Notebook) -> String {
    super::format::to_text(nb)
}

/// Reads the bytes of a notebook file, refusing oversized files.
fn read_capped(path: &Path) -> Result<Option<Vec<u8>>, NotebookError> {
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path)(e)),
        Ok(m) if m.len() > MAX_NOTEBOOK_BYTES => {
            return Err(NotebookError::TooLarge {
                path: path.to_path_buf(),
                size: m.len(),
            });
        }
        Ok(_) => {}
    }
    fs::read(path).map(Some).map_err(io_err(path))
}

fn decode(path: &Path, bytes: &[u8]) -> Result<Notebook, NotebookError> {
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
    parse(path, text)
}

/// Writes `bytes` to `path` atomically with a custom writer (tests inject failures with it).
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("notebook");
    let tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        write(&mut f, bytes)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, &mut |f, b| f.write_all(b))
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

/// An open notebook file: the notebook, and the version of it last read from or written to disk
/// (the base for merging).
#[derive(Debug, Clone)]
pub struct NotebookFile {
    /// Where it lives.
    pub path: PathBuf,
    /// The notebook as edited.
    pub notebook: Notebook,
    base: Notebook,
    base_bytes: Option<Vec<u8>>,
}

impl NotebookFile {
    /// Opens a notebook; a missing file is a new empty notebook (created on first save).
    pub fn open(path: &Path) -> Result<NotebookFile, NotebookError> {
        let bytes = read_capped(path)?;
        let notebook = match &bytes {
            Some(b) => decode(path, b)?,
            None => Notebook::default(),
        };
        Ok(NotebookFile {
            path: path.to_path_buf(),
            base: notebook.clone(),
            notebook,
            base_bytes: bytes,
        })
    }

    /// A new notebook that will be saved at `path` (for "New" and after a failed open: the
    /// file there is merged with, never overwritten blindly).
    pub fn new_unsaved(path: &Path) -> NotebookFile {
        NotebookFile {
            path: path.to_path_buf(),
            notebook: Notebook::default(),
            base: Notebook::default(),
            base_bytes: None,
        }
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
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(io_err(&path))?;
        }
        let lock_path = lock_path(&path);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_err(&lock_path))?;
        lock.lock().map_err(io_err(&lock_path))?;
        let mut report = SaveReport::default();
        let on_disk = read_capped(&path)?;
        let mut to_write = self.notebook.clone();
        if on_disk != self.base_bytes
            && let Some(bytes) = &on_disk
        {
            // Someone else wrote it: merge, never clobber. A file we cannot parse is refused.
            let theirs = decode(&path, bytes)?;
            let outcome = merge(&self.base, &self.notebook, &theirs);
            report = SaveReport {
                merged: true,
                added_from_disk: outcome.added_from_theirs,
                conflicts: outcome.conflicts,
            };
            to_write = outcome.notebook;
        }
        let text = to_text(&to_write);
        if on_disk.as_deref() != Some(text.as_bytes()) {
            write_atomic_with(&path, text.as_bytes(), write).map_err(io_err(&path))?;
            // History is a convenience: a failure there must not fail the save.
            let _ = history::snapshot(&path);
        }
        drop(lock);
        self.notebook = to_write.clone();
        self.base = to_write;
        self.base_bytes = Some(text.into_bytes());
        Ok(report)
    }
}

/// The lock file beside a notebook.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("notebook");
    path.with_file_name(format!(".{name}.lock"))
}
