//! Getting notes and comparisons out of Reading Room: citations, comparison tables (notebook
//! exports to Markdown, CSV and JSON-LD follow).

pub mod bibliography;
pub mod bibtex;
pub mod citation;
pub mod cite;
pub mod comparison;
pub mod concordance;
pub mod escape;
pub mod html;
pub mod import;
pub mod notebook;
pub mod obsidian;
pub mod refi;
pub mod refi_import;
pub mod ris;
pub mod tei;
pub mod tei_import;
pub mod web_annotation;

use std::path::Path;

/// Writes an export atomically, refusing to write onto the notebook it came from (the same
/// file by another path or through a link included): an export never replaces notes.
pub fn write_export(out: &Path, text: &str, notebook: Option<&Path>) -> Result<(), String> {
    if let Some(nb) = notebook
        && is_same_destination(out, nb)
    {
        return Err(format!(
            "{}: that is the notebook itself; choose another file (the notebook was not touched)",
            out.display()
        ));
    }
    crate::files::write_atomic(out, text.as_bytes(), crate::files::NewFileMode::SHARED)
        .map_err(|e| format!("{}: {e}", out.display()))
}

/// Would writing `out` replace `notebook` (same file, or the same place once links and `..` are
/// resolved)?
pub fn is_same_destination(out: &Path, notebook: &Path) -> bool {
    if crate::files::same_file(out, notebook) {
        return true;
    }
    let place = |p: &Path| {
        let real = crate::files::resolve_link(p).ok()?;
        let dir = match real.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        Some(std::fs::canonicalize(dir).ok()?.join(real.file_name()?))
    };
    match (place(out), place(notebook)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}
