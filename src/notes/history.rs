//! Version history: every save leaves a snapshot in `.<notebook>.history/` beside the notebook.
//! Kept: the last [`KEEP_RECENT`] snapshots, plus the newest of each day for [`KEEP_DAYS`] days.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Snapshots always kept.
pub const KEEP_RECENT: usize = 20;
/// Days for which the newest snapshot of the day is kept.
pub const KEEP_DAYS: usize = 30;

/// One saved version of a notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The snapshot file.
    pub path: PathBuf,
    /// When it was saved (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
    pub saved: String,
    /// Size in bytes.
    pub size: u64,
}

/// The history folder of a notebook.
pub fn history_dir(notebook: &Path) -> PathBuf {
    let name = notebook
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("notebook");
    notebook.with_file_name(format!(".{name}.history"))
}

fn stamp() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}-{:02}-{:02}.{:03}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        now.millisecond()
    )
}

/// Records a snapshot of the notebook just written (a hard link to it: files are only ever
/// replaced by rename, so the linked version never changes; a copy where links are not
/// supported) and prunes old snapshots.
pub fn snapshot(notebook: &Path) -> io::Result<()> {
    let dir = history_dir(notebook);
    fs::create_dir_all(&dir)?;
    let mut name = format!("{}.ron", stamp());
    let mut n = 1;
    while dir.join(&name).exists() {
        name = format!("{}-{n}.ron", stamp());
        n += 1;
    }
    let target = dir.join(name);
    if fs::hard_link(notebook, &target).is_err() {
        fs::copy(notebook, &target)?;
    }
    prune(notebook)
}

/// Saved versions, newest first.
pub fn list(notebook: &Path) -> io::Result<Vec<Version>> {
    let dir = history_dir(notebook);
    let mut out = Vec::new();
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for e in entries.flatten() {
        let path = e.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|x| x != "ron") || stem.len() < 24 {
            continue;
        }
        let s = &stem[..24];
        let saved = format!("{}:{}:{}", &s[..13], &s[14..16], &s[17..]);
        out.push(Version {
            size: e.metadata().map(|m| m.len()).unwrap_or(0),
            path,
            saved,
        });
    }
    out.sort_by(|a, b| b.path.file_name().cmp(&a.path.file_name()));
    Ok(out)
}

/// Deletes snapshots beyond the retention policy.
pub fn prune(notebook: &Path) -> io::Result<()> {
    let versions = list(notebook)?;
    let mut days_kept: Vec<String> = Vec::new();
    for (i, v) in versions.iter().enumerate() {
        let day = v.saved[..10].to_string();
        let keep = i < KEEP_RECENT || (!days_kept.contains(&day) && days_kept.len() < KEEP_DAYS);
        if !days_kept.contains(&day) {
            days_kept.push(day);
        }
        if !keep {
            fs::remove_file(&v.path)?;
        }
    }
    Ok(())
}
