//! Version history: every save leaves a snapshot in `.<notebook>.history/` beside the notebook.
//! Kept: the last [`KEEP_RECENT`] snapshots, plus the newest of each day for [`KEEP_DAYS`] days,
//! within [`HISTORY_BUDGET_BYTES`] (the newest [`KEEP_ALWAYS`] are kept whatever their size).
//!
//! A snapshot is a copy of its own (not a hard link to the notebook), so damage done to the live
//! file in place (`: > notebook.ron`, another program writing into it) never reaches the history.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Snapshots always kept.
pub const KEEP_RECENT: usize = 20;
/// Days for which the newest snapshot of the day is kept.
pub const KEEP_DAYS: usize = 30;
/// Most bytes all snapshots of one notebook may take together.
pub const HISTORY_BUDGET_BYTES: u64 = 200 * 1024 * 1024;
/// Snapshots kept even beyond the budget (the newest ones).
pub const KEEP_ALWAYS: usize = 3;

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

/// The history folder of a notebook (beside its real file, when it is reached by a symlink).
pub fn history_dir(notebook: &Path) -> PathBuf {
    crate::files::hidden_sibling(notebook, "history")
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

/// Records a snapshot of the notebook just written (`bytes`, what was written) and prunes old
/// snapshots.
pub fn snapshot(notebook: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = history_dir(notebook);
    crate::files::create_private_dir(&dir)?;
    let stamp = stamp();
    let mut name = format!("{stamp}.ron");
    let mut n = 1;
    loop {
        // create_new: two writers in the same millisecond never share a snapshot file.
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(dir.join(&name))
        {
            Ok(mut f) => {
                f.write_all(bytes)?;
                break;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => {
                name = format!("{stamp}-{n}.ron");
                n += 1;
            }
            Err(e) => return Err(e),
        }
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
        if path.extension().is_none_or(|x| x != "ron") || stem.len() < 24 || !stem.is_ascii() {
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
    prune_within(notebook, HISTORY_BUDGET_BYTES)
}

/// [`prune`] with another disk budget, in bytes.
pub fn prune_within(notebook: &Path, budget: u64) -> io::Result<()> {
    let versions = list(notebook)?;
    let mut days_kept: Vec<String> = Vec::new();
    let mut bytes: u64 = 0;
    for (i, v) in versions.iter().enumerate() {
        let day = v.saved[..10].to_string();
        let keep = i < KEEP_RECENT || (!days_kept.contains(&day) && days_kept.len() < KEEP_DAYS);
        if !days_kept.contains(&day) {
            days_kept.push(day);
        }
        bytes += v.size;
        let within_budget = i < KEEP_ALWAYS || bytes <= budget;
        if !keep || !within_budget {
            fs::remove_file(&v.path)?;
        }
    }
    Ok(())
}
