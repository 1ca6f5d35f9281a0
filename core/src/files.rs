//! Reading and writing files safely; notebooks, exports and the user's documents all go through
//! here.
//!
//! - Reads take regular files only (never a FIFO that blocks or `/dev/zero` that never ends) and
//!   stop at a cap counted in bytes actually read, not in what the metadata claims.
//! - Writes are atomic (temp file in the same folder, fsync, rename, fsync the folder), keep the
//!   replaced file's mode and, where the process may set it, its owner; a symlink is written
//!   through to the real file, never replaced by a regular one.
//! - Folders this program creates are private (0700).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Symlinks followed at most when resolving a path (as the kernel's ELOOP limit).
pub const MAX_LINK_DEPTH: usize = 40;

/// A file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Nothing is there.
    #[error("no such file")]
    NotFound,
    /// A directory, FIFO, socket or device.
    #[error("not a regular file (it is a {0}); only regular files are read")]
    NotRegular(&'static str),
    /// More bytes than the cap.
    #[error("the file is larger than {limit} bytes; files here are limited to {limit} bytes")]
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
    /// Another read error.
    #[error("{0}")]
    Io(#[from] io::Error),
}

fn kind_of(t: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "directory"
    } else if t.is_fifo() {
        "named pipe"
    } else if t.is_socket() {
        "socket"
    } else if t.is_char_device() || t.is_block_device() {
        "device"
    } else {
        "special file"
    }
}

/// Opens a regular file of at most `limit` bytes (symlinks are followed to a regular file).
fn open_regular(path: &Path, limit: u64) -> Result<(File, u64), ReadError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ReadError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        // O_NONBLOCK: a file swapped for a FIFO after the check above must not block the open.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(0o4000);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok((file, meta.len()))
}

/// Reads a regular file of at most `limit` bytes (symlinks are followed to a regular file).
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, limit)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Reads a regular file of at most `limit` bytes a piece at a time, without holding it whole.
pub fn read_regular_in_pieces(
    path: &Path,
    limit: u64,
    mut piece: impl FnMut(&[u8]),
) -> Result<(), ReadError> {
    let (mut file, _) = open_regular(path, limit)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        total += n as u64;
        if total > limit {
            return Err(ReadError::TooLarge { limit });
        }
        piece(&buf[..n]);
    }
}

/// The real file a path names: symlinks on the last component followed (to a target that may
/// not exist yet), at most [`MAX_LINK_DEPTH`] deep. Writes and locks use it, so a notebook
/// opened through a link and through its real path is one file with one lock.
pub fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINK_DEPTH {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{}: more than {MAX_LINK_DEPTH} symbolic links in a row",
        path.display()
    )))
}

/// A hidden file or folder beside the real file a path names (`.<name>.<suffix>`, links
/// followed): where a notebook's history, lock and anchor memo live.
pub fn hidden_sibling(path: &Path, suffix: &str) -> PathBuf {
    let real = resolve_link(path).unwrap_or_else(|_| path.to_path_buf());
    let name = real
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("notebook");
    real.with_file_name(format!(".{name}.{suffix}"))
}

/// Creates a folder and its missing parents; those created are private (0700).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// How a new file (one that replaces nothing) is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewFileMode(pub u32);

impl NewFileMode {
    /// Readable by others as the umask allows (exports: made to be shared).
    pub const SHARED: NewFileMode = NewFileMode(0o666);
    /// Readable by the owner only (notebooks: private notes).
    pub const PRIVATE: NewFileMode = NewFileMode(0o600);
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The name temp files of `path` get: `.<name>.<random>.tmp` in the same folder.
pub fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    format!(".{name}.")
}

/// Writes a complete temp file beside `real` with `bytes`, with the mode and owner the final
/// file must have; returns its path. The caller renames or links it into place.
fn write_temp(
    real: &Path,
    bytes: &[u8],
    new_mode: NewFileMode,
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<PathBuf> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    let dir = folder_of(real);
    create_private_dir(dir)?;
    let existing = match fs::metadata(real) {
        Ok(m) if !m.is_file() => {
            return Err(io::Error::other(format!(
                "{}: not a regular file (it is a {}); it was left as it is",
                real.display(),
                kind_of(m.file_type())
            )));
        }
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let tmp = dir.join(format!(
        "{}{}.tmp",
        temp_prefix(real),
        uuid::Uuid::new_v4().simple()
    ));
    let result = (|| {
        // Born private: the content is never readable by others before the mode is set.
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(if existing.is_some() {
                0o600
            } else {
                new_mode.0
            })
            .open(&tmp)?;
        write(&mut f, bytes)?;
        f.flush()?;
        if let Some(m) = &existing {
            if m.uid() != f.metadata()?.uid() || m.gid() != f.metadata()?.gid() {
                // Only a privileged process may give the file away; otherwise it stays ours.
                let _ = std::os::unix::fs::fchown(&f, Some(m.uid()), Some(m.gid()));
            }
            f.set_permissions(fs::Permissions::from_mode(m.mode() & 0o7777))?;
        }
        f.sync_all()?;
        Ok(())
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn sync_folder(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `path` atomically with a custom writer (tests inject failures with it).
/// A symlink is written through to its real file; the replaced file keeps its mode and owner.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    new_mode: NewFileMode,
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let real = resolve_link(path)?;
    let tmp = write_temp(&real, bytes, new_mode, write)?;
    if let Err(e) = fs::rename(&tmp, &real) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_folder(folder_of(&real));
    Ok(())
}

/// Writes `bytes` to `path` atomically (see [`write_atomic_with`]).
pub fn write_atomic(path: &Path, bytes: &[u8], new_mode: NewFileMode) -> io::Result<()> {
    write_atomic_with(path, bytes, new_mode, &mut |f, b| f.write_all(b))
}

/// Creates `path` with `bytes` only if nothing is there: atomically, never replacing a file
/// another process created meanwhile. Returns `false` when the name was taken.
pub fn create_new_atomic(path: &Path, bytes: &[u8], mode: NewFileMode) -> io::Result<bool> {
    if fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    let tmp = write_temp(path, bytes, mode, &mut |f, b| f.write_all(b))?;
    // link(2) fails with EEXIST instead of replacing: the name is claimed atomically.
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            sync_folder(folder_of(path));
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Are two paths the same file (same device and inode, links followed)?
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Deletes the temp files [`write_atomic`] left beside `path` when a writer was killed. Call
/// only while holding the lock that every writer of `path` takes before it creates a temp file:
/// then no temp file there belongs to a live writer.
pub fn remove_stale_temps(path: &Path) -> usize {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_temp = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()));
        if is_temp && e.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}
