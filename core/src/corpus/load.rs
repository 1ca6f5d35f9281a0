//! Loading and validating a corpus, embedded or from a directory. Errors name the file, the line
//! and the field, and say what was expected.

use super::Corpus;
use super::build::{Catalog, Layout};
use super::editorial::find_editorial_spans;
use super::model::{Document, DocumentLayout};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));
}

pub use embedded::PEOPLE as EMBEDDED_PEOPLE;

/// Largest text file accepted in a corpus directory.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// A corpus that could not be loaded: which file, which line, which field, what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    /// The file at fault.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Document id and field, e.g. `document "x", field date`.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for CorpusError {}

/// Parses RON text, turning a syntax or type error into a [`CorpusError`] with line and column.
pub fn parse_ron<T: serde::de::DeserializeOwned>(
    file: &Path,
    text: &str,
) -> Result<T, CorpusError> {
    let options = ron::Options::default().with_recursion_limit(64);
    options.from_str(text).map_err(|e| CorpusError {
        file: file.to_path_buf(),
        line: Some(e.span.start.line),
        column: Some(e.span.start.col),
        field: None,
        message: format!("{}", e.code),
    })
}

/// The line where `field:` of the catalog entry with `id` is written (for error messages).
fn field_line(catalog_text: &str, id: &str, field: &str) -> Option<usize> {
    let needle = format!("id: {id:?}");
    let lines: Vec<&str> = catalog_text.lines().collect();
    let start = lines.iter().position(|l| l.contains(&needle))?;
    let key = format!("{field}:");
    lines[start..]
        .iter()
        .position(|l| l.trim_start().starts_with(&key))
        .map(|i| start + i + 1)
        .or(Some(start + 1))
}

struct Sources<'a> {
    dir: PathBuf,
    /// The catalog's text (for the line numbers of error messages).
    catalog_text: &'a str,
    catalog: Catalog,
    layout: Layout,
    texts: BTreeMap<String, String>,
}

pub(crate) fn load_embedded() -> Result<Corpus, CorpusError> {
    let texts = embedded::TEXTS
        .iter()
        .map(|(id, t)| (id.to_string(), t.to_string()))
        .collect();
    let dir = PathBuf::from("corpus");
    assemble(Sources {
        catalog: parse_ron(&dir.join("catalog.ron"), embedded::CATALOG)?,
        layout: parse_ron(&dir.join("layout.ron"), embedded::LAYOUT)?,
        dir,
        catalog_text: embedded::CATALOG,
        texts,
    })
}

fn read(dir: &Path, name: &str) -> Result<String, CorpusError> {
    read_capped(dir, name, MAX_TEXT_BYTES)
}

/// Largest catalog or layout file accepted (100,000 documents' metadata is about 100 MB).
pub const MAX_CATALOG_BYTES: u64 = 1 << 30;

fn read_capped(dir: &Path, name: &str, limit: u64) -> Result<String, CorpusError> {
    let file = dir.join(name);
    let err = |message: String| CorpusError {
        file: file.clone(),
        line: None,
        column: None,
        field: None,
        message,
    };
    // Regular files only (never a FIFO that blocks), at most `limit` bytes actually read.
    let bytes = crate::files::read_regular(&file, limit).map_err(|e| match e {
        crate::files::ReadError::TooLarge { .. } => err(format!(
            "file is larger than {limit} bytes, the limit for this file"
        )),
        e => err(format!("cannot read: {e}")),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "expected UTF-8 text, found an invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The catalog and layout parsed, as kept in the parse cache: RON is slow to parse (a quarter
/// of a second for 10,000 entries); the same in postcard decodes in a few milliseconds.
#[derive(serde::Serialize, serde::Deserialize)]
struct ParsedCatalog {
    key: u64,
    catalog: Catalog,
    layout: Layout,
}

/// The parse cache's bytes: a checksum, then the postcard encoding.
fn decode_parsed(bytes: &[u8]) -> Option<ParsedCatalog> {
    let (sum, body) = bytes.split_at_checked(8)?;
    if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
        return None;
    }
    postcard::from_bytes(body).ok()
}

fn encode_parsed(parsed: &ParsedCatalog) -> Option<Vec<u8>> {
    let body = postcard::to_stdvec(parsed).ok()?;
    let mut out = xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes().to_vec();
    out.extend_from_slice(&body);
    Some(out)
}

/// Parses `catalog.ron` and `layout.ron`, or takes them from `cache` when both files are
/// byte for byte what was parsed last time (a hash of both is the key).
fn parse_catalog(
    dir: &Path,
    catalog_text: &str,
    layout_text: &str,
    cache: Option<&Path>,
) -> Result<(Catalog, Layout), CorpusError> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(catalog_text.as_bytes());
    h.update(&[0]);
    h.update(layout_text.as_bytes());
    let key = h.digest();
    if let Some(file) = cache
        && let Ok(bytes) = crate::files::read_regular(file, 2 * MAX_CATALOG_BYTES)
        && let Some(parsed) = decode_parsed(&bytes)
        && parsed.key == key
    {
        return Ok((parsed.catalog, parsed.layout));
    }
    let catalog: Catalog = parse_ron(&dir.join("catalog.ron"), catalog_text)?;
    let layout: Layout = parse_ron(&dir.join("layout.ron"), layout_text)?;
    if let Some(file) = cache {
        let parsed = ParsedCatalog {
            key,
            catalog,
            layout,
        };
        if let Some(bytes) = encode_parsed(&parsed) {
            if let Some(folder) = file.parent() {
                let _ = crate::files::create_private_dir(folder);
            }
            // A cache that cannot be written costs the next start a parse, nothing more.
            let _ = crate::files::write_atomic(file, &bytes, crate::files::NewFileMode::PRIVATE);
        }
        return Ok((parsed.catalog, parsed.layout));
    }
    Ok((catalog, layout))
}

/// A corpus folder's catalog, layout and texts (one per catalog entry, in catalog order, `None`
/// where the file is missing; a final newline removed as the loader does), read but not made
/// into documents nor validated: for reading straight from the search index.
pub(crate) fn read_parts(
    dir: &Path,
    cache: Option<&Path>,
) -> Result<(Catalog, Layout, Vec<Option<String>>), CorpusError> {
    let catalog_text = read_capped(dir, "catalog.ron", MAX_CATALOG_BYTES)?;
    let layout_text = read_capped(dir, "layout.ron", MAX_CATALOG_BYTES)?;
    let (catalog, layout) = parse_catalog(dir, &catalog_text, &layout_text, cache)?;
    let texts = crate::parallel::par_map(&catalog.documents, |m| {
        read(dir, &format!("texts/{}.txt", m.id)).ok().map(|mut t| {
            if t.ends_with('\n') {
                t.pop();
            }
            t
        })
    });
    Ok((catalog, layout, texts))
}

pub(crate) fn load_dir(dir: &Path, cache: Option<&Path>) -> Result<Corpus, CorpusError> {
    let catalog_text = read_capped(dir, "catalog.ron", MAX_CATALOG_BYTES)?;
    let layout_text = read_capped(dir, "layout.ron", MAX_CATALOG_BYTES)?;
    let (catalog, layout) = parse_catalog(dir, &catalog_text, &layout_text, cache)?;
    let read_one = |id: &String| -> Result<Option<(String, String)>, CorpusError> {
        let name = format!("texts/{id}.txt");
        match read(dir, &name) {
            Ok(text) => Ok(Some((id.clone(), text))),
            Err(_) if !dir.join(&name).exists() => Ok(None),
            Err(e) => Err(e),
        }
    };
    let ids: Vec<String> = catalog.documents.iter().map(|m| m.id.clone()).collect();
    let mut texts = BTreeMap::new();
    for r in crate::parallel::par_map(&ids, read_one) {
        if let Some((id, text)) = r? {
            texts.insert(id, text);
        }
    }
    assemble(Sources {
        dir: dir.to_path_buf(),
        catalog_text: &catalog_text,
        catalog,
        layout,
        texts,
    })
}

fn assemble(mut src: Sources<'_>) -> Result<Corpus, CorpusError> {
    let catalog_path = src.dir.join("catalog.ron");
    let layout_path = src.dir.join("layout.ron");
    let catalog = std::mem::replace(
        &mut src.catalog,
        Catalog {
            documents: Vec::new(),
        },
    );
    let layout = std::mem::take(&mut src.layout);
    let field_err = |id: &str, field: &str, message: String| CorpusError {
        file: catalog_path.clone(),
        line: field_line(src.catalog_text, id, field),
        column: None,
        field: Some(format!("document {id:?}, field {field}")),
        message,
    };
    // Derived per-document data (editorial marks, length), computed on all cores.
    let derived: Vec<Option<(usize, Vec<crate::corpus::EditorialSpan>)>> =
        crate::parallel::par_map(&catalog.documents, |meta| {
            src.texts.get(&meta.id).map(|t| {
                let t = t.strip_suffix('\n').unwrap_or(t);
                (t.chars().count(), find_editorial_spans(t))
            })
        });
    let mut seen = HashSet::new();
    let mut documents = Vec::new();
    for (meta, derived) in catalog.documents.into_iter().zip(derived) {
        let id = meta.id.clone();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(field_err(
                &id,
                "id",
                "expected a slug of lowercase letters, digits and hyphens".into(),
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(field_err(&id, "id", "this id is used twice".into()));
        }
        if meta.title.trim().is_empty() {
            return Err(field_err(&id, "title", "expected a non-empty title".into()));
        }
        if let Some(url) = &meta.url
            && !url.starts_with("https://")
        {
            return Err(field_err(
                &id,
                "url",
                format!("expected an https:// address, found {url:?}"),
            ));
        }
        let Some(mut text) = src.texts.remove(&id) else {
            return Err(CorpusError {
                file: src.dir.join("texts").join(format!("{id}.txt")),
                line: None,
                column: None,
                field: Some(format!("document {id:?}")),
                message: "the catalog lists this document but its text file is missing".into(),
            });
        };
        if text.ends_with('\n') {
            text.pop();
        }
        let (char_len, editorial) = derived.unwrap_or_default();
        let DocumentLayout { heading, pages } =
            layout.documents.get(&id).cloned().unwrap_or_default();
        let mut last = None;
        for m in &pages {
            if m.at > char_len || last.is_some_and(|l| l >= m.at) {
                return Err(CorpusError {
                    file: layout_path.clone(),
                    line: None,
                    column: None,
                    field: Some(format!("document {id:?}, pages")),
                    message: format!(
                        "page markers must be increasing offsets within the text ({char_len} chars)"
                    ),
                });
            }
            last = Some(m.at);
        }
        documents.push(Document::new(meta, text, heading, pages, editorial, false));
    }
    for f in &layout.footnotes {
        let ok = documents
            .iter()
            .find(|d| d.meta.id == f.doc)
            .is_some_and(|d| f.at <= d.char_len);
        if !ok {
            return Err(CorpusError {
                file: layout_path.clone(),
                line: None,
                column: None,
                field: Some(format!("footnote {}", f.number)),
                message: format!("anchor {}:{} is not inside a known document", f.doc, f.at),
            });
        }
    }
    Ok(Corpus {
        documents,
        footnotes: layout.footnotes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 100,000-document catalog is about 100 MB: more than a text may be, and accepted.
    #[test]
    fn a_catalog_larger_than_a_text_may_be_loads() {
        let dir = tempfile::tempdir().unwrap();
        crate::corpus::synthetic::write_corpus_dir(dir.path(), 3, 500).unwrap();
        let file = dir.path().join("catalog.ron");
        let mut catalog = std::fs::read_to_string(&file).unwrap();
        catalog.push_str("// ");
        catalog.push_str(&"x".repeat((MAX_TEXT_BYTES + 1024) as usize));
        catalog.push('\n');
        std::fs::write(&file, catalog).unwrap();
        let corpus = Corpus::load_dir(dir.path()).unwrap();
        assert_eq!(corpus.documents.len(), 3);
    }
}
