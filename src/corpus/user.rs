//! The researcher's own documents: `.txt` or `.md` files added with a little metadata. They live
//! in `documents/` beside the default notebook (one `<id>.txt` and one `<id>.ron` each) and work
//! like the paper's documents.

use super::load::{CorpusError, parse_ron};
use super::model::{DocDate, Document, DocumentMeta, Kind};
use std::path::{Path, PathBuf};

/// Largest document accepted.
pub const MAX_USER_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// What the user says about a document they add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDocument {
    /// Title (required).
    pub title: String,
    /// Date, `YYYY-MM-DD` or `YYYY-MM` (optional).
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

fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in crate::search::fold(title).chars() {
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

/// Adds a document from a file; returns its metadata. The file must be UTF-8 text of at most
/// [`MAX_USER_DOCUMENT_BYTES`]; ids already taken (by `taken`) get a number.
pub fn add_document(
    dir: &Path,
    file: &Path,
    new: &NewDocument,
    taken: &[String],
) -> Result<DocumentMeta, String> {
    let name = file.display();
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if !matches!(ext.as_str(), "txt" | "md" | "markdown") {
        return Err(format!("{name}: expected a .txt or .md file"));
    }
    let size = std::fs::metadata(file)
        .map_err(|e| format!("{name}: {e}"))?
        .len();
    if size > MAX_USER_DOCUMENT_BYTES {
        return Err(format!(
            "{name}: the file is {size} bytes; documents are limited to {MAX_USER_DOCUMENT_BYTES} bytes"
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("{name}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not UTF-8 text (invalid byte at offset {}); save it as UTF-8 and try again",
            e.utf8_error().valid_up_to()
        )
    })?;
    if new.title.trim().is_empty() {
        return Err("a title is needed".into());
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
    let body = paragraphs.join("\n\n");
    let base = format!("my-{}", slug(&new.title));
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) || dir.join(format!("{id}.ron")).exists() {
        id = format!("{base}-{n}");
        n += 1;
    }
    let meta = DocumentMeta {
        id: id.clone(),
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
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    crate::notes::store::write_atomic(
        &dir.join(format!("{id}.txt")),
        format!("{body}\n").as_bytes(),
    )
    .map_err(|e| format!("{}: {e}", dir.display()))?;
    let ron = ron::ser::to_string_pretty(&meta, ron::ser::PrettyConfig::new())
        .map_err(|e| e.to_string())?;
    crate::notes::store::write_atomic(&dir.join(format!("{id}.ron")), ron.as_bytes())
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(meta)
}

/// Loads every user document of a folder (none if it does not exist).
pub fn load_user_documents(dir: &Path) -> Result<Vec<Document>, CorpusError> {
    let mut docs = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(docs);
    };
    let mut metas: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    metas.sort();
    for path in metas {
        let err = |message: String| CorpusError {
            file: path.clone(),
            line: None,
            column: None,
            field: None,
            message,
        };
        let text = std::fs::read_to_string(&path).map_err(|e| err(e.to_string()))?;
        let mut meta: DocumentMeta = parse_ron(&path, &text)?;
        let text_path = path.with_extension("txt");
        let body = std::fs::read_to_string(&text_path).map_err(|e| CorpusError {
            file: text_path.clone(),
            line: None,
            column: None,
            field: None,
            message: format!("cannot read the document's text: {e}"),
        })?;
        let body = body.strip_suffix('\n').unwrap_or(&body).to_string();
        if meta.kind == Kind::Commentary {
            meta.kind = Kind::UserDocument;
        }
        let editorial = super::editorial::find_editorial_spans(&body);
        docs.push(Document::new(meta, body, None, Vec::new(), editorial, true));
    }
    Ok(docs)
}
