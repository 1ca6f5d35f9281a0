//! Loading and validating a corpus, embedded or from a directory. Errors name the file, the line
//! and the field, and say what was expected.

use super::Corpus;
use super::build::{Catalog, Layout};
use super::editorial::find_editorial_spans;
use super::load_cache::{self, LoaderCache, Stamp, TextFacts};
use super::model::{Document, DocumentLayout, DocumentText};
use std::collections::{BTreeMap, HashMap, HashSet};
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

/// The line where `field:` of the catalog entry with `id` is written (for error messages),
/// whether the catalog is written one field per line or compactly.
fn field_line(catalog_text: &str, id: &str, field: &str) -> Option<usize> {
    let value = format!("{id:?}");
    let lines: Vec<&str> = catalog_text.lines().collect();
    let start = lines
        .iter()
        .position(|l| key_at(l, "id").is_some_and(|at| l[at..].trim_start().starts_with(&value)))?;
    lines[start..]
        .iter()
        .position(|l| key_at(l, field).is_some())
        .map(|i| start + i + 1)
        .or(Some(start + 1))
}

/// Where the value of `key:` begins on a line (`key` standing as a whole word).
fn key_at(line: &str, key: &str) -> Option<usize> {
    let pattern = format!("{key}:");
    let mut from = 0;
    while let Some(i) = line[from..].find(&pattern) {
        let at = from + i;
        let whole = line[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if whole {
            return Some(at + pattern.len());
        }
        from = at + pattern.len();
    }
    None
}

struct Sources<'a> {
    dir: PathBuf,
    /// The catalog's text (for the line numbers of error messages).
    catalog_text: &'a str,
    catalog: Catalog,
    layout: Layout,
    texts: BTreeMap<String, FoundText>,
}

pub(crate) fn load_embedded() -> Result<Corpus, CorpusError> {
    let texts = crate::parallel::par_map(embedded::TEXTS, |(id, t)| {
        let t = t.strip_suffix('\n').unwrap_or(t);
        (id.to_string(), FoundText::held(t.to_string()))
    })
    .into_iter()
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

/// Reads a document's text file as the loader takes it: a regular file of at most
/// [`MAX_TEXT_BYTES`], UTF-8, one final newline removed.
pub(crate) fn read_text(file: &Path) -> Result<String, CorpusError> {
    let mut text = read_file_capped(file, MAX_TEXT_BYTES)?;
    if text.ends_with('\n') {
        text.pop();
    }
    Ok(text)
}

/// Largest catalog or layout file accepted (100,000 documents' metadata is about 100 MB).
pub const MAX_CATALOG_BYTES: u64 = 1 << 30;

fn read_capped(dir: &Path, name: &str, limit: u64) -> Result<String, CorpusError> {
    read_file_capped(&dir.join(name), limit)
}

/// An error about a whole corpus file (no line, no field).
fn file_error(file: &Path, message: String) -> CorpusError {
    CorpusError {
        file: file.to_path_buf(),
        line: None,
        column: None,
        field: None,
        message,
    }
}

/// What could not be read of a corpus file, in the loader's words.
pub(crate) fn read_error(file: &Path, limit: u64, e: crate::files::ReadError) -> CorpusError {
    let message = match e {
        crate::files::ReadError::TooLarge { .. } => {
            format!("file is larger than {limit} bytes, the limit for this file")
        }
        e => format!("cannot read: {e}"),
    };
    file_error(file, message)
}

fn read_file_capped(file: &Path, limit: u64) -> Result<String, CorpusError> {
    // Regular files only (never a FIFO that blocks), at most `limit` bytes actually read.
    let bytes = crate::files::read_regular(file, limit).map_err(|e| read_error(file, limit, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        file_error(
            file,
            format!("expected UTF-8 text, found an invalid byte at offset {at}"),
        )
    })
}

/// A text as the loader found it: the text (held, or read when first needed), its length in
/// chars and its editorial marks.
pub(crate) struct FoundText {
    pub(crate) text: DocumentText,
    pub(crate) char_len: usize,
    pub(crate) editorial: Vec<crate::corpus::EditorialSpan>,
}

impl FoundText {
    fn held(text: String) -> FoundText {
        FoundText {
            char_len: text.chars().count(),
            editorial: find_editorial_spans(&text),
            text: DocumentText::held(text),
        }
    }
}

/// Whether an id is a slug (lowercase letters, digits, hyphens): only those name a text file.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A folder's catalog and layout, parsed or taken from the cache, and the catalog's text when
/// it was read (for the line numbers of error messages).
struct Parsed {
    catalog: Catalog,
    layout: Layout,
    catalog_text: Option<String>,
    /// How many text files were read (the others were known unchanged).
    texts_read: usize,
}

/// The catalog and layout: from `cache` when both files hash to what was parsed last time,
/// parsed otherwise.
fn parse_catalog(dir: &Path, cached: Option<(Catalog, Layout)>) -> Result<Parsed, CorpusError> {
    if let Some((catalog, layout)) = cached {
        return Ok(Parsed {
            catalog,
            layout,
            catalog_text: None,
            texts_read: 0,
        });
    }
    let catalog_text = read_capped(dir, "catalog.ron", MAX_CATALOG_BYTES)?;
    let layout_text = read_capped(dir, "layout.ron", MAX_CATALOG_BYTES)?;
    Ok(Parsed {
        catalog: parse_ron(&dir.join("catalog.ron"), &catalog_text)?,
        layout: parse_ron(&dir.join("layout.ron"), &layout_text)?,
        catalog_text: Some(catalog_text),
        texts_read: 0,
    })
}

/// What the loader found for one catalog entry's text file.
enum TextState {
    Missing,
    Failed(CorpusError),
    /// The text, and its facts when they were (re)computed this time.
    Found(FoundText, Option<TextFacts>),
}

/// Finds every catalog entry's text: unchanged files (by their stamp, see [`load_cache`]) are
/// not read; the others are read, and their facts computed. Texts are left on disk either way.
fn find_texts(dir: &Path, catalog: &Catalog, old: &LoaderCache) -> Vec<TextState> {
    crate::parallel::par_map(&catalog.documents, |meta| {
        if !is_slug(&meta.id) {
            return TextState::Missing;
        }
        let name = format!("texts/{}.txt", meta.id);
        let path = dir.join(&name);
        let stamp = Stamp::of(&path);
        if let Some(stamp) = &stamp
            && let Some(f) = old.facts_for(&meta.id, stamp)
        {
            return TextState::Found(
                FoundText {
                    text: DocumentText::on_disk(path, f.hash),
                    char_len: f.char_len,
                    editorial: f.editorial.clone(),
                },
                None,
            );
        }
        match read_text(&path) {
            Ok(text) => {
                let found = FoundText::held(text);
                let Some(stamp) = stamp else {
                    return TextState::Found(found, None);
                };
                let facts = TextFacts {
                    stamp,
                    hash: found.text.hash(),
                    char_len: found.char_len,
                    editorial: found.editorial.clone(),
                };
                let found = FoundText {
                    text: DocumentText::on_disk(path, facts.hash),
                    ..found
                };
                TextState::Found(found, Some(facts))
            }
            Err(_) if !path.exists() => TextState::Missing,
            Err(e) => TextState::Failed(e),
        }
    })
}

/// A corpus folder's catalog, layout and texts (one per catalog entry, in catalog order, `None`
/// where the file is missing or unreadable; texts left on disk), not made into documents nor
/// validated: for reading straight from the search index.
pub(crate) fn read_parts(
    dir: &Path,
    cache: Option<&Path>,
) -> Result<(Catalog, Layout, Vec<Option<FoundText>>), CorpusError> {
    let (parsed, texts) = load_sources(dir, cache)?;
    let texts = texts
        .into_iter()
        .map(|t| match t {
            TextState::Found(found, _) => Some(found),
            _ => None,
        })
        .collect();
    Ok((parsed.catalog, parsed.layout, texts))
}

/// Parses (or takes from the cache) the catalog and layout, finds the texts, and writes the
/// cache back when anything in it changed.
fn load_sources(dir: &Path, cache: Option<&Path>) -> Result<(Parsed, Vec<TextState>), CorpusError> {
    let key = load_cache::files_key(dir, MAX_CATALOG_BYTES)?;
    let mut old = cache.and_then(load_cache::read).unwrap_or_default();
    let cached = old.parsed.take().filter(|_| old.key == key);
    let reparsed = cached.is_none();
    let mut parsed = parse_catalog(dir, cached)?;
    let mut states = find_texts(dir, &parsed.catalog, &old);
    parsed.texts_read = states
        .iter()
        .filter(|s| matches!(s, TextState::Found(_, Some(_))))
        .count();
    let Some(file) = cache else {
        return Ok((parsed, states));
    };
    let fresh = states
        .iter()
        .any(|s| matches!(s, TextState::Found(_, Some(_))));
    let found = states
        .iter()
        .filter(|s| matches!(s, TextState::Found(..)))
        .count();
    if !reparsed && !fresh && found == old.texts.len() {
        // Nothing new: the cache stays as it is.
        return Ok((parsed, states));
    }
    let mut facts = HashMap::with_capacity(states.len());
    let mut changed = reparsed;
    for (meta, state) in parsed.catalog.documents.iter().zip(&mut states) {
        match state {
            TextState::Found(_, new) => match new.take() {
                Some(f) => {
                    changed = true;
                    facts.insert(meta.id.clone(), f);
                }
                None => {
                    if let Some(f) = old.texts.remove(&meta.id) {
                        facts.insert(meta.id.clone(), f);
                    }
                }
            },
            _ => changed |= old.texts.remove(&meta.id).is_some(),
        }
    }
    changed |= !old.texts.is_empty();
    if changed {
        load_cache::write(file, key, Some((&parsed.catalog, &parsed.layout)), &facts);
    }
    Ok((parsed, states))
}

pub(crate) fn load_dir(dir: &Path, cache: Option<&Path>) -> Result<Corpus, CorpusError> {
    let (parsed, states) = load_sources(dir, cache)?;
    let mut texts = BTreeMap::new();
    for (meta, state) in parsed.catalog.documents.iter().zip(states) {
        match state {
            TextState::Found(found, _) => {
                texts.insert(meta.id.clone(), found);
            }
            TextState::Missing => {}
            TextState::Failed(e) => return Err(e),
        }
    }
    // Empty when the catalog came from the cache: error messages then read it for line numbers.
    let catalog_text = parsed.catalog_text.unwrap_or_default();

    assemble(Sources {
        dir: dir.to_path_buf(),
        catalog_text: &catalog_text,
        catalog: parsed.catalog,
        layout: parsed.layout,
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
    let mut layout = std::mem::take(&mut src.layout);
    let field_err = |id: &str, field: &str, message: String| CorpusError {
        file: catalog_path.clone(),
        // The catalog's text is not read when it came parsed from the cache: read it now.
        line: if src.catalog_text.is_empty() {
            read_capped(&src.dir, "catalog.ron", MAX_CATALOG_BYTES)
                .ok()
                .and_then(|t| field_line(&t, id, field))
        } else {
            field_line(src.catalog_text, id, field)
        },
        column: None,
        field: Some(format!("document {id:?}, field {field}")),
        message,
    };
    let mut seen = HashSet::new();
    let mut documents = Vec::with_capacity(catalog.documents.len());
    for meta in catalog.documents {
        let id = meta.id.clone();
        if !is_slug(&id) {
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
        let Some(found) = src.texts.remove(&id) else {
            return Err(CorpusError {
                file: src.dir.join("texts").join(format!("{id}.txt")),
                line: None,
                column: None,
                field: Some(format!("document {id:?}")),
                message: "the catalog lists this document but its text file is missing".into(),
            });
        };
        let char_len = found.char_len;
        let DocumentLayout { heading, pages } = layout.documents.remove(&id).unwrap_or_default();
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
        documents.push(Document::with_text(
            meta,
            found.text,
            char_len,
            heading,
            pages,
            found.editorial,
        ));
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
    Ok(Corpus::new(documents, layout.footnotes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Opening a folder again reads only the text files that changed, and keeps no text in
    /// memory until it is looked at.
    #[test]
    fn only_changed_text_files_are_read_again_and_texts_stay_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let cache = data.path().join("c.catalog.bin");
        crate::corpus::synthetic::write_corpus_dir(dir.path(), 80, 400).unwrap();
        let (first, _) = load_sources(dir.path(), Some(&cache)).unwrap();
        assert_eq!(first.texts_read, 80);
        // Files written just now are read again until they are older than the clock's tick.
        let (again, _) = load_sources(dir.path(), Some(&cache)).unwrap();
        assert_eq!(again.texts_read, 80);
        load_cache::age(&cache, 10_000_000_000);
        let (settled, _) = load_sources(dir.path(), Some(&cache)).unwrap();
        assert_eq!(settled.texts_read, 0);

        let id = first.catalog.documents[7].id.clone();
        let file = dir.path().join("texts").join(format!("{id}.txt"));
        std::fs::write(&file, "Changed [sic] text.\n").unwrap();
        let (changed, _) = load_sources(dir.path(), Some(&cache)).unwrap();
        assert_eq!(changed.texts_read, 1);
        let corpus = Corpus::load_dir_cached(dir.path(), &cache).unwrap();
        assert!(corpus.documents.iter().all(|d| !d.text.is_loaded()));
        let doc = corpus.get(&id).unwrap();
        assert_eq!(doc.text, "Changed [sic] text.");
        assert_eq!(doc.char_len, 19);
        assert_eq!(doc.editorial.len(), 1);
        assert!(doc.text.is_loaded());
        let other = &corpus.documents[3];
        assert_eq!(other.char_len, other.text.chars().count());
    }

    /// A catalog error names its line whether the catalog was parsed or came from the cache.
    #[test]
    fn a_catalog_error_names_its_line_also_when_the_catalog_came_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let cache = data.path().join("c.catalog.bin");
        crate::corpus::synthetic::write_corpus_dir(dir.path(), 3, 300).unwrap();
        let file = dir.path().join("catalog.ron");
        let catalog = std::fs::read_to_string(&file).unwrap();
        let at = catalog.find(",title:\"").unwrap() + 8;
        let end = at + catalog[at..].find('"').unwrap();
        std::fs::write(&file, format!("{}  {}", &catalog[..at], &catalog[end..])).unwrap();
        let parsed = Corpus::load_dir_cached(dir.path(), &cache).unwrap_err();
        let cached = Corpus::load_dir_cached(dir.path(), &cache).unwrap_err();
        assert!(parsed.line.is_some(), "{parsed}");
        assert_eq!(parsed, cached);
    }

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
