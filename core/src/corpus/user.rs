//! The researcher's own documents, as kept in `documents/` beside the default notebook (one
//! `<id>.txt` and one `<id>.ron` each, and for imported files a `<id>.layout.ron`: see
//! [`crate::import::store`], which writes them). They work like the paper's documents.

use super::load::{CorpusError, parse_ron};
use super::model::{Document, DocumentMeta, Footnote, Kind, PageMarker};
use std::path::{Path, PathBuf};

/// Largest document accepted.
pub const MAX_USER_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// The folder of the user's documents inside a data directory.
pub fn user_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("documents")
}

/// A title as an id part: ASCII letters and digits, dashes between, at most 48 chars.
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in crate::text::fold(title).chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches('-').chars().take(48).collect::<String>();
    if s.is_empty() {
        "document".into()
    } else {
        s.trim_end_matches('-').to_string()
    }
}

/// Largest metadata file of a user document read.
const MAX_META_BYTES: u64 = 1024 * 1024;

/// The user's documents of a folder (none if it does not exist), with the footnotes of those
/// that were imported, and the files that could not be loaded, each with why. A broken file
/// never stops the others from loading, and is never deleted or changed. Documents of an import
/// that did not finish (see [`crate::import::store`]) are not loaded.
pub fn load_user_documents(dir: &Path) -> (Vec<Document>, Vec<Footnote>, Vec<CorpusError>) {
    let mut docs = Vec::new();
    let mut footnotes = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (docs, footnotes, problems);
    };
    let mut metas: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.ends_with(".layout.ron") && !n.ends_with(".corrections.ron"))
        })
        .collect();
    metas.sort();
    for path in metas {
        match load_one(&path) {
            Ok(Some((doc, notes))) => {
                docs.push(doc);
                footnotes.extend(notes);
            }
            Ok(None) => {}
            Err(e) => problems.push(e),
        }
    }
    (docs, footnotes, problems)
}

fn read_text(path: &Path, limit: u64, what: &str) -> Result<String, CorpusError> {
    let err = |message: String| CorpusError {
        file: path.to_path_buf(),
        line: None,
        column: None,
        field: None,
        message,
    };
    let bytes = crate::files::read_regular(path, limit)
        .map_err(|e| err(format!("cannot read the document's {what}: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "the document's {what} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// One user document of a folder, by id, with its footnotes.
pub fn load_user_document(dir: &Path, id: &str) -> Result<(Document, Vec<Footnote>), CorpusError> {
    let path = dir.join(format!("{id}.ron"));
    load_one(&path)?.ok_or_else(|| CorpusError {
        file: path,
        line: None,
        column: None,
        field: None,
        message: "the import that made this document did not finish".into(),
    })
}

/// A document and its footnotes; None for a document of an unfinished import.
fn load_one(path: &Path) -> Result<Option<(Document, Vec<Footnote>)>, CorpusError> {
    let text = read_text(path, MAX_META_BYTES, "metadata")?;
    let mut meta: DocumentMeta = parse_ron(path, text.trim_start_matches('\u{feff}'))?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if meta.id != stem {
        return Err(CorpusError {
            file: path.to_path_buf(),
            line: None,
            column: None,
            field: Some("id".into()),
            message: format!(
                "the id {:?} does not match the file name; expected id: {stem:?}",
                meta.id
            ),
        });
    }
    let body = read_text(&path.with_extension("txt"), MAX_USER_DOCUMENT_BYTES, "text")?;
    let body = body.strip_suffix('\n').unwrap_or(&body).to_string();
    if meta.kind == Kind::Commentary {
        meta.kind = Kind::UserDocument;
    }
    let editorial = super::editorial::find_editorial_spans(&body);
    let layout_path = path.with_extension("layout.ron");
    if !layout_path.exists() {
        return Ok(Some((
            Document::new(meta, body, None, Vec::new(), editorial, true),
            Vec::new(),
        )));
    }
    let layout = crate::import::store::read_layout(&layout_path).ok_or_else(|| CorpusError {
        file: layout_path.clone(),
        line: None,
        column: None,
        field: None,
        message: "the document's layout (pages, styles, footnotes) cannot be read; the file was left as it is".into(),
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    if !crate::import::store::import_finished(dir, &layout) {
        return Ok(None);
    }
    let id = meta.id.clone();
    let mut doc = Document::new(meta, body, None, Vec::new(), editorial, true);
    let len = doc.char_len;
    let mut pages = Vec::new();
    let mut labels = Vec::new();
    let mut file_pages = Vec::new();
    for p in layout.pages.iter().filter(|p| p.at <= len) {
        let page = p.label.parse::<u32>().unwrap_or(p.index);
        pages.push(PageMarker { at: p.at, page });
        file_pages.push(p.index);
        labels.push(p.label.clone());
    }
    if labels
        .iter()
        .zip(&pages)
        .any(|(l, p)| *l != p.page.to_string())
    {
        doc.page_labels = labels;
    }
    doc.pages = pages;
    doc.file_pages = file_pages;
    doc.uncertain = layout
        .uncertain
        .iter()
        .copied()
        .filter(|&(s, e)| s < e && e <= len)
        .collect();
    doc.original = Some(dir.join(&layout.import.original));
    doc.styles = layout
        .styles
        .into_iter()
        .filter(|s| s.start < s.end && s.end <= len)
        .collect();
    let notes = layout
        .notes
        .iter()
        .filter(|n| n.at <= len)
        .enumerate()
        .map(|(i, n)| Footnote {
            // The number the document prints (a copy of the paper's keeps the paper's).
            number: n.mark.parse::<u32>().unwrap_or(i as u32 + 1),
            doc: id.clone(),
            at: n.at,
            text: if n.mark.parse::<u32>().is_ok() || n.text.starts_with(&n.mark) {
                n.text.clone()
            } else {
                format!("[{}] {}", n.mark, n.text)
            },
        })
        .collect();
    Ok(Some((doc, notes)))
}

/// Saves a user document's edited metadata (`<id>.ron`, written atomically, its permissions
/// kept). Only documents already in the folder can be saved: the paper's are read-only.
pub fn save_user_meta(dir: &Path, meta: &DocumentMeta) -> Result<(), String> {
    let path = dir.join(format!("{}.ron", meta.id));
    if !path.is_file() {
        return Err(format!(
            "{} is not one of your documents; it cannot be edited",
            meta.id
        ));
    }
    // The file must still be readable as what it was: never overwrite what could not be read.
    load_one(&path).map_err(|e| e.to_string())?;
    if meta.title.trim().is_empty() {
        return Err("a title is needed".into());
    }
    let ron = ron::ser::to_string_pretty(meta, ron::ser::PrettyConfig::new())
        .map_err(|e| e.to_string())?;
    crate::files::write_atomic(&path, ron.as_bytes(), crate::files::NewFileMode(0o600))
        .map_err(|e| format!("{}: cannot be written: {e}", path.display()))
}
