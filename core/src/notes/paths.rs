//! Where notebooks live by default: the platform data directory (e.g.
//! `~/.local/share/readingroom/` on Linux), or `--data-dir DIR`, or `$READINGROOM_DATA_DIR`
//! (tests use these so they never touch real notes).

use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "READINGROOM_DATA_DIR";
/// File name of the default notebook.
pub const DEFAULT_NOTEBOOK: &str = "notebook.ron";

/// The data directory: the explicit one, else the environment variable, else the platform's.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(d) = explicit {
        return d.to_path_buf();
    }
    if let Some(d) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    directories::ProjectDirs::from("org", "Reading Room", "readingroom")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".readingroom"))
}

/// The default notebook in the data directory.
pub fn default_notebook(explicit_data_dir: Option<&Path>) -> PathBuf {
    data_dir(explicit_data_dir).join(DEFAULT_NOTEBOOK)
}
