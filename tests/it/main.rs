//! Integration tests, one crate so the GUI stack is linked once.

mod anchoring;
mod bibliography;
mod cache;
mod citations;
mod cli;
mod codebook;
mod compare;
mod cooccurrence;
mod corpus_fidelity;
mod corpus_metadata;
mod export;
mod export_pages;
mod facsimile;
mod frequency;
mod import;
mod notebook_formats;
mod notes;
mod package;
mod people;
mod questions;
mod refi_qda;
mod safety_files;
mod safety_input;
mod scale;
mod search;
#[cfg(feature = "snapshots")]
mod snapshots;
mod speakers;
mod tei;
mod ui;
mod ui_bibliography;
mod ui_codebook;
mod ui_commands;
mod ui_corrections;
mod ui_editor;
mod ui_facsimile;
mod ui_import;
mod ui_keyboard;
mod ui_layout;
mod ui_people;
mod ui_questions;
mod ui_safety;
mod ui_selection;
mod ui_speakers;
mod ui_versions;
mod ui_views;
mod versions;

use std::path::PathBuf;

/// The repository's `corpus/` folder.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The embedded workspace, loaded once per test binary.
pub fn workspace() -> &'static readingroom::Workspace {
    static WS: std::sync::OnceLock<readingroom::Workspace> = std::sync::OnceLock::new();
    WS.get_or_init(|| readingroom::Workspace::load(None).expect("embedded corpus loads"))
}

/// Runs the `readingroom` binary with these arguments, never on the user's own data directory.
pub fn readingroom(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_readingroom"))
        .env(
            "READINGROOM_DATA_DIR",
            std::env::temp_dir().join("readingroom-tests-no-data"),
        )
        .args(args)
        .output()
        .unwrap()
}

/// Runs the `readingroom` binary with `data` as its data directory (no standard input).
pub fn readingroom_in(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_readingroom"))
        .env("READINGROOM_DATA_DIR", data)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}
