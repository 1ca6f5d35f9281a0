//! Bringing in a historian's own files: PDF, Word (DOCX), OpenDocument (ODT), web pages (HTML),
//! TEI XML (FRUS volumes among them), plain text and Markdown.
//!
//! - One [`Importer`] per format ([`formats`]), all behind one trait: each turns a file's bytes
//!   into [`Extracted`] documents: the text (paragraphs separated by one blank line, the
//!   document's own words: formatting is kept as [`StyleSpan`]s beside it, never inserted),
//!   pages, footnotes, metadata and people.
//! - Extraction runs in a child process with a wall-clock and a memory limit ([`isolated`]); the
//!   worker is `readingroom extract-worker`, which calls [`extract_in_process`].
//! - [`store`] keeps the original file, records what made the text, and writes the documents
//!   into the data directory; [`folder`] walks folders and imports many files in one job.

pub mod builder;
pub mod copy;
pub mod correct;
pub mod csl_json;
pub mod folder;
pub mod formats;
pub mod images;
pub mod isolated;
pub mod reocr;
pub mod repairs;
pub mod replace;
pub mod store;
pub mod synthetic;
pub mod viewer;
mod xml;
pub mod zotero;

#[cfg(test)]
mod hostile_files;
#[cfg(test)]
mod real_files;

pub use builder::TextBuilder;
use serde::{Deserialize, Serialize};

/// Largest file an importer reads.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;
/// Most documents one file may hold (a FRUS volume has a few hundred to a thousand).
pub const MAX_DOCUMENTS_PER_FILE: usize = 20_000;
/// Most chars of text extracted from one file (all its documents together).
pub const MAX_TEXT_CHARS: usize = 64 * 1024 * 1024;

pub use crate::corpus::model::{Style, StyleSpan};

/// Where a page of the original begins in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageStart {
    /// Char offset where the page begins.
    pub at: usize,
    /// The page's position in the file, from 1.
    pub index: u32,
    /// The page as printed ("14", "xiv"): the file's page label, else its position.
    pub label: String,
}

/// A footnote or endnote of the document, anchored where its marker stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteAt {
    /// The note's number or mark as the document prints it ("1", "a", "*").
    pub mark: String,
    /// Char offset of the marker in the text.
    pub at: usize,
    /// The note's text, reflowed.
    pub text: String,
}

/// A point the file names in its text (TEI `<anchor xml:id>`), where stand-off notes begin
/// and end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnchorAt {
    /// The file's id for it.
    pub id: String,
    /// Chars written before it: where a passage ending here ends.
    pub at: usize,
    /// The first char written after it: where a passage beginning here begins (past a
    /// paragraph break).
    pub next: usize,
}

/// A person the file itself lists (TEI `listPerson`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedPerson {
    /// The file's own id for the person (`p_KNS1`), without `#`.
    pub key: String,
    /// The name as the file gives it.
    pub name: String,
    /// Other forms of the name in the file.
    #[serde(default)]
    pub forms: Vec<String>,
    /// Who they were (the file's description).
    #[serde(default)]
    pub description: Option<String>,
}

/// A person named in the text at a char range, tagged by the file (TEI `persName corresp`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaggedName {
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// The listed person's key.
    pub key: String,
}

/// What the file says about a document. Every field is as found; nothing is invented.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundMeta {
    /// Title.
    pub title: Option<String>,
    /// Author(s), as written.
    pub author: Option<String>,
    /// Date, as Reading Room reads dates (`1961-03-04`, `1961-03`, `1961-03/1961-06`).
    pub date: Option<String>,
    /// Place written.
    pub place: Option<String>,
    /// Language code ("en", "ru").
    pub language: Option<String>,
    /// The archive holding the original ("AVP RF", "National Archives").
    pub archive: Option<String>,
    /// The archival reference or source note, verbatim.
    pub archival_reference: Option<String>,
    /// Translator, as credited.
    pub translator: Option<String>,
    /// Where it was published online.
    pub url: Option<String>,
    /// The document's number in its edition (FRUS document 45).
    pub number: Option<String>,
    /// The edition or volume the document belongs to.
    pub edition: Option<String>,
}

/// One document as an importer found it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    /// The text: paragraphs separated by one blank line.
    pub text: String,
    /// What the file says about it.
    pub meta: FoundMeta,
    /// Pages of the original, in text order (none for files without pages).
    pub pages: Vec<PageStart>,
    /// Formatting, in text order.
    pub styles: Vec<StyleSpan>,
    /// Footnotes and endnotes.
    pub notes: Vec<NoteAt>,
    /// People present (participants), as the file names them.
    pub present: Vec<String>,
    /// People the file lists (shared by every document of the file).
    pub people: Vec<ListedPerson>,
    /// Names the file tagged in the text.
    pub names: Vec<TaggedName>,
    /// What was changed on the way in (hyphens rejoined, running heads removed), for the user.
    pub repairs: Vec<String>,
    /// Points the file names in its text (TEI anchors), for its stand-off notes.
    #[serde(default)]
    pub anchors: Vec<AnchorAt>,
}

/// Why a file could not be imported: said so the user knows what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ImportError {
    /// No importer reads this kind of file.
    #[error(
        "not a kind of file Reading Room imports ({0}); it takes PDF, DOCX, ODT, HTML, TEI XML, .txt and .md"
    )]
    UnknownFormat(String),
    /// The file is damaged or not what its name says.
    #[error("{0}")]
    Damaged(String),
    /// The file is protected.
    #[error("{0}")]
    Encrypted(String),
    /// The file has no text to take (a scan without OCR).
    #[error("{0}")]
    NoText(String),
    /// The file is over a limit (size, entries, expansion, depth).
    #[error("{0}")]
    TooLarge(String),
    /// The extractor ran past its time limit and was stopped.
    #[error("the extractor was stopped after {0} s (the limit for one file)")]
    TimedOut(u64),
    /// The extractor ran out of the memory it is allowed.
    #[error("the extractor ran out of memory (the limit is {0} MB for one file)")]
    OutOfMemory(u64),
    /// The extractor failed in an unexpected way.
    #[error("the extractor failed: {0}")]
    Crashed(String),
}

/// One file format Reading Room imports.
pub trait Importer: Sync {
    /// Stable short name, recorded with every import ("pdf", "docx").
    fn name(&self) -> &'static str;
    /// Version of this importer's rules: a re-import with a newer version may give better text.
    fn version(&self) -> u32;
    /// What the user sees ("PDF").
    fn label(&self) -> &'static str;
    /// File name endings it takes, lower case, without the dot.
    fn extensions(&self) -> &'static [&'static str];
    /// Whether the file's first bytes look like this format.
    fn sniff(&self, head: &[u8]) -> bool;
    /// The documents in the file (most files hold one; a FRUS volume holds many).
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError>;
}

/// Every importer, most specific first.
pub fn importers() -> &'static [&'static dyn Importer] {
    formats::ALL
}

/// An importer by its recorded name.
pub fn importer_named(name: &str) -> Option<&'static dyn Importer> {
    importers().iter().copied().find(|i| i.name() == name)
}

/// The importer for a file, by its first bytes and then by its name's ending. A file whose
/// bytes say one thing and name another is read as its bytes say.
pub fn importer_for(file_name: &str, head: &[u8]) -> Option<&'static dyn Importer> {
    if let Some(i) = importers().iter().copied().find(|i| i.sniff(head)) {
        return Some(i);
    }
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)?;
    importers()
        .iter()
        .copied()
        .find(|i| i.extensions().contains(&ext.as_str()))
}

/// Extracts in this process (what the isolated worker runs; see [`isolated`] for the way the
/// app calls it). Checks what every importer promises: offsets inside the text, in order.
pub fn extract_in_process(
    importer: &dyn Importer,
    bytes: &[u8],
) -> Result<Vec<Extracted>, ImportError> {
    let docs = importer.extract(bytes)?;
    if docs.len() > MAX_DOCUMENTS_PER_FILE {
        return Err(ImportError::TooLarge(format!(
            "the file holds {} documents; at most {MAX_DOCUMENTS_PER_FILE} are taken from one file",
            docs.len()
        )));
    }
    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    if total > MAX_TEXT_CHARS {
        return Err(ImportError::TooLarge(format!(
            "the file's text is {total} bytes; at most {MAX_TEXT_CHARS} are taken from one file"
        )));
    }
    let docs: Vec<Extracted> = docs.into_iter().map(fit_offsets).collect();
    if docs.iter().all(|d| d.text.trim().is_empty()) {
        return Err(ImportError::NoText("the file has no text".into()));
    }
    Ok(docs)
}

/// Drops anchors that do not fit the text (an importer bug must not become a panic later).
fn fit_offsets(mut d: Extracted) -> Extracted {
    let len = d.text.chars().count();
    d.styles.retain(|s| s.start < s.end && s.end <= len);
    d.notes.retain(|n| n.at <= len);
    d.names.retain(|n| n.start < n.end && n.end <= len);
    d.pages.retain(|p| p.at <= len);
    d.anchors.retain(|a| a.at <= len && a.next <= len);
    d.pages.dedup_by(|b, a| {
        b.at == a.at && {
            // Two pages starting at one offset (an empty page): keep the later label.
            a.index = b.index;
            a.label = std::mem::take(&mut b.label);
            true
        }
    });
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importers_are_found_by_content_before_name() {
        let pdf = importer_for("report.txt", b"%PDF-1.7\n").unwrap();
        assert_eq!(pdf.name(), "pdf");
        assert_eq!(
            importer_for("notes.md", b"# Notes").unwrap().name(),
            "markdown"
        );
        assert_eq!(importer_for("notes.txt", b"Notes").unwrap().name(), "text");
        assert_eq!(
            importer_for("page.htm", b"<!DOCTYPE html>").unwrap().name(),
            "html"
        );
        assert!(importer_for("photo.jpg", b"\xff\xd8\xff").is_none());
        let names: Vec<&str> = importers().iter().map(|i| i.name()).collect();
        let mut unique = names.clone();
        unique.dedup();
        assert_eq!(names, unique);
    }

    #[test]
    fn anchors_outside_the_text_are_dropped() {
        let d = Extracted {
            text: "short".into(),
            styles: vec![
                StyleSpan {
                    start: 0,
                    end: 5,
                    style: Style::Italic,
                },
                StyleSpan {
                    start: 3,
                    end: 50,
                    style: Style::Bold,
                },
            ],
            notes: vec![NoteAt {
                mark: "1".into(),
                at: 99,
                text: "x".into(),
            }],
            ..Extracted::default()
        };
        let d = fit_offsets(d);
        assert_eq!(d.styles.len(), 1);
        assert!(d.notes.is_empty());
    }
}
