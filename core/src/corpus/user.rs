//! The researcher's own documents: `.txt` or `.md` files added with a little metadata. They live
//! in `documents/` beside the default notebook (one `<id>.txt` and one `<id>.ron` each) and work
//! like the paper's documents.

use super::date::DocDate;
use super::load::{CorpusError, parse_ron};
use super::model::{Document, DocumentMeta, Footnote, Kind, PageMarker};
use std::path::{Path, PathBuf};

/// Largest document accepted.
pub const MAX_USER_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// What the user says about a document they add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDocument {
    /// Title (required).
    pub title: String,
    /// Date (optional): anything [`super::DocDate::parse`] reads.
    pub date: Option<String>,
    /// Kind (defaults to "user document").
    pub kind: Option<Kind>,
    /// Citation as the researcher wants it printed.
    pub citation: Option<String>,
    /// People present (ids or names as the user typed them).
    pub present: Vec<String>,
}

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

/// A document that could not be added (nothing was written).
#[derive(Debug, thiserror::Error)]
pub enum AddDocumentError {
    /// Not a .txt or .md file.
    #[error("{}: expected a .txt or .md file", file.display())]
    NotText {
        /// The file.
        file: PathBuf,
    },
    /// Not a regular file, unreadable, or too large.
    #[error("{}: {what}", file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// Why.
        what: String,
    },
    /// Not UTF-8.
    #[error("{}: not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8 and try again", file.display())]
    NotUtf8 {
        /// The file.
        file: PathBuf,
        /// Where the first invalid byte is.
        offset: usize,
    },
    /// No title was given.
    #[error("a title is needed")]
    NoTitle,
    /// The date is not one Reading Room reads.
    #[error(transparent)]
    Date(#[from] super::DateError),
    /// The documents folder could not be written.
    #[error("{}: {source}", dir.display())]
    Write {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Every numbered name is taken.
    #[error("{}: no free name for {base:?} after 10,000 tries", dir.display())]
    NoFreeName {
        /// The folder.
        dir: PathBuf,
        /// The name tried.
        base: String,
    },
}

/// Largest metadata file of a user document read.
const MAX_META_BYTES: u64 = 1024 * 1024;

/// Adds a document from a file; returns its metadata. The file must be a regular file of UTF-8
/// text of at most [`MAX_USER_DOCUMENT_BYTES`]; ids already taken (by `taken`, or by a file in
/// `dir`, even one another process is creating right now) get a number: names are claimed
/// atomically and an existing document is never replaced. The copy is never more readable
/// than its source.
pub fn add_document(
    dir: &Path,
    file: &Path,
    new: &NewDocument,
    taken: &[String],
) -> Result<DocumentMeta, AddDocumentError> {
    use std::os::unix::fs::PermissionsExt;
    let read_err = |what: String| AddDocumentError::Read {
        file: file.to_path_buf(),
        what,
    };
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if !matches!(ext.as_str(), "txt" | "md" | "markdown") {
        return Err(AddDocumentError::NotText {
            file: file.to_path_buf(),
        });
    }
    let bytes = crate::files::read_regular(file, MAX_USER_DOCUMENT_BYTES).map_err(|e| match e {
        crate::files::ReadError::TooLarge { .. } => read_err(format!(
            "the file is larger than {MAX_USER_DOCUMENT_BYTES} bytes; documents are limited to {MAX_USER_DOCUMENT_BYTES} bytes"
        )),
        e => read_err(e.to_string()),
    })?;
    let source_mode = std::fs::metadata(file)
        .map_err(|e| read_err(e.to_string()))?
        .permissions()
        .mode();
    let mode = crate::files::NewFileMode(source_mode & 0o666);
    let text = String::from_utf8(bytes).map_err(|e| AddDocumentError::NotUtf8 {
        file: file.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if new.title.trim().is_empty() {
        return Err(AddDocumentError::NoTitle);
    }
    let date = match new.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(DocDate::parse(d)?),
        None => None,
    };
    // Paragraphs: blank lines separate them; lines inside a paragraph are joined.
    let text = text.replace("\r\n", "\n");
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let body = format!("{}\n", paragraphs.join("\n\n"));
    let base = format!("my-{}", slug(&new.title));
    let io = |source: std::io::Error| AddDocumentError::Write {
        dir: dir.to_path_buf(),
        source,
    };
    crate::files::create_private_dir(dir).map_err(io)?;
    for n in 1..=10_000 {
        let id = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if taken.contains(&id) || dir.join(format!("{id}.ron")).exists() {
            continue;
        }
        // The text claims the name; the metadata, written second, makes the document visible.
        let text_path = dir.join(format!("{id}.txt"));
        if !crate::files::create_new_atomic(&text_path, body.as_bytes(), mode).map_err(io)? {
            continue;
        }
        let meta = user_meta(&id, new, date.clone());
        let ron = ron::ser::to_string_pretty(&meta, ron::ser::PrettyConfig::new())
            .map_err(|e| io(std::io::Error::other(e.to_string())))?;
        let meta_path = dir.join(format!("{id}.ron"));
        if crate::files::create_new_atomic(&meta_path, ron.as_bytes(), mode).map_err(io)? {
            return Ok(meta);
        }
        // A metadata file without text was there (a half-added document): leave it, try on.
        let _ = std::fs::remove_file(&text_path);
    }
    Err(AddDocumentError::NoFreeName {
        dir: dir.to_path_buf(),
        base,
    })
}

fn user_meta(id: &str, new: &NewDocument, date: Option<DocDate>) -> DocumentMeta {
    DocumentMeta {
        id: id.to_string(),
        title: new.title.trim().to_string(),
        short_title: new.title.trim().to_string(),
        citation_title: None,
        kind: new.kind.unwrap_or(Kind::UserDocument),
        part: None,
        date,
        event_date: None,
        published: None,
        citation_verbatim: new.citation.clone().filter(|c| !c.trim().is_empty()),
        archival: None,
        publication: None,
        classification: None,
        copy_no: None,
        outgoing_no: None,
        journal_date: None,
        author: None,
        recorder: None,
        addressee: None,
        translator: None,
        url: None,
        anomalies: Vec::new(),
        source_lines: None,
        present: new.present.clone(),
        collection: None,
        place: None,
        language: None,
    }
}

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
                .is_some_and(|n| !n.ends_with(".layout.ron"))
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
    for p in layout.pages.iter().filter(|p| p.at <= len) {
        let page = p.label.parse::<u32>().unwrap_or(p.index);
        pages.push(PageMarker { at: p.at, page });
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
            number: i as u32 + 1,
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
