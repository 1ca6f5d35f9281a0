//! Replace text: a document of the researcher's takes its text again from a new extraction
//! (of the kept original with today's importer, or of another file), its metadata kept. Notes
//! are never touched here: they re-anchor on their quotes, and the callers report the orphans.

use super::ImportError;
use super::isolated::{Extraction, read_for_import};
use super::store::{
    ImportBatch, ImportRecord, ImportedLayout, content_hash, documents_dir, read_batch,
    read_layout, source_mode,
};
use std::path::Path;

/// What replacing a document's text did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The importer that made the new text.
    pub importer: String,
    /// The file the new text came from.
    pub file_name: String,
    /// The new text's length in chars.
    pub chars: usize,
}

/// Replaces the text of an imported document with a new extraction: of `file` when given (a
/// better scan, a corrected transcription), else of the kept original with today's importer.
/// The metadata stays; pages, styles and footnotes are the new extraction's. Notes are not
/// touched: they re-anchor on their quotes when the document is next read, and those that
/// cannot be placed are listed as orphans, never dropped.
pub fn replace_text(
    data_dir: &Path,
    id: &str,
    file: Option<&Path>,
    extraction: &Extraction,
) -> Result<Replaced, String> {
    let dir = documents_dir(data_dir);
    let meta_path = dir.join(format!("{id}.ron"));
    if !meta_path.is_file() {
        return Err(format!("{id}: not one of your documents"));
    }
    let layout_path = dir.join(format!("{id}.layout.ron"));
    let old = read_layout(&layout_path);
    let (source, importer, part) = match (file, &old) {
        (Some(f), _) => {
            let bytes = read_for_import(f).map_err(|e| format!("{}: {e}", f.display()))?;
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let imp = super::importer_for(&name, &bytes).ok_or_else(|| {
                format!(
                    "{}: {}",
                    f.display(),
                    ImportError::UnknownFormat(name.clone())
                )
            })?;
            (
                f.to_path_buf(),
                imp,
                old.as_ref().map_or(0, |l| l.import.part),
            )
        }
        (None, Some(layout)) => {
            let imp = super::importer_named(&layout.import.importer).ok_or_else(|| {
                format!("{id}: its importer {:?} is gone", layout.import.importer)
            })?;
            (dir.join(&layout.import.original), imp, layout.import.part)
        }
        (None, None) => {
            return Err(format!(
                "{id} was added as text, with no original kept: give the file to take the text from"
            ));
        }
    };
    let bytes = read_for_import(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    let hash = content_hash(&bytes);
    let ext = importer.extensions().first().copied().unwrap_or("bin");
    let original_rel = format!("originals/{hash}.{ext}");
    for sub in ["originals", "imports"] {
        crate::files::create_private_dir(&dir.join(sub))
            .map_err(|e| format!("{}: {e}", dir.join(sub).display()))?;
    }
    let mode = source_mode(&source);
    crate::files::create_new_atomic(&dir.join(&original_rel), &bytes, mode)
        .map_err(|e| format!("{}: {e}", dir.join(&original_rel).display()))?;
    let docs = extraction
        .extract(importer.name(), &dir.join(&original_rel))
        .map_err(|e| format!("{}: {e}", source.display()))?;
    let doc = docs
        .get(part)
        .or(docs.first().filter(|_| docs.len() == 1))
        .ok_or_else(|| format!("{}: it has no document {}", source.display(), part + 1))?;
    let file_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let layout = ImportedLayout {
        import: ImportRecord {
            file_name: file_name.clone(),
            original: original_rel,
            content_hash: hash.clone(),
            importer: importer.name().to_string(),
            importer_version: importer.version(),
            imported_at: time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            part,
            repairs: doc.repairs.clone(),
        },
        pages: doc.pages.clone(),
        styles: doc.styles.clone(),
        notes: doc.notes.clone(),
        names: doc.names.clone(),
        uncertain: Vec::new(),
    };
    // The batch record of the new content (it is this document's now), then the text and the
    // layout, each written atomically.
    let batch_file = dir.join("imports").join(format!("{hash}.ron"));
    if read_batch(&batch_file).is_none() {
        let batch = ImportBatch {
            file_name: file_name.clone(),
            content_hash: hash,
            importer: importer.name().to_string(),
            documents: vec![id.to_string()],
        };
        let text = ron::ser::to_string_pretty(&batch, ron::ser::PrettyConfig::new())
            .map_err(|e| e.to_string())?;
        crate::files::write_atomic(&batch_file, text.as_bytes(), mode)
            .map_err(|e| format!("{}: {e}", batch_file.display()))?;
    }
    let layout_text = ron::ser::to_string(&layout).map_err(|e| e.to_string())?;
    crate::files::write_atomic(&layout_path, layout_text.as_bytes(), mode)
        .map_err(|e| format!("{}: {e}", layout_path.display()))?;
    let text_path = dir.join(format!("{id}.txt"));
    crate::files::write_atomic(&text_path, format!("{}\n", doc.text).as_bytes(), mode)
        .map_err(|e| format!("{}: {e}", text_path.display()))?;
    Ok(Replaced {
        importer: importer.name().to_string(),
        file_name,
        chars: doc.text.chars().count(),
    })
}
