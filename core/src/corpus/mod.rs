//! The corpus: the documents of CWIHP Working Paper #90 (embedded in the binary, or loaded from
//! a directory with `--corpus DIR`), with their metadata, pages, footnotes and editorial marks.
//!
//! On disk (`corpus/`): `catalog.ron` (hand-made metadata), `texts/<id>.txt` (the repaired texts),
//! `layout.ron` (pages, headings and footnotes derived by the builder), `people.ron` (the people
//! registry, read by [`crate::people`]), `repairs.csv` (every change made to the source) and
//! `source/` (the PDF extraction and the builder's spec).

pub mod build;
pub mod date;
pub mod editorial;
pub mod events;
pub mod load;
mod load_cache;
pub mod model;
pub mod synthetic;
pub mod text;
pub mod user;

pub use date::{DateError, DocDate};
pub use load::CorpusError;
pub use model::*;

/// All documents of a corpus, in paper order, with the paper's footnotes.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Documents in paper order (user documents last).
    pub documents: Vec<Document>,
    /// Footnotes, by number.
    pub footnotes: Vec<Footnote>,
    /// Where each document id is in `documents`, for [`Corpus::get`] (checked on every use,
    /// rebuilt when the documents changed).
    by_id: IdIndex,
}

/// A memo of document positions by id; a hint, never trusted without a check.
#[derive(Default)]
struct IdIndex(std::sync::RwLock<std::collections::HashMap<String, usize>>);

impl Clone for IdIndex {
    fn clone(&self) -> Self {
        IdIndex::default()
    }
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdIndex")
    }
}

impl Corpus {
    /// The corpus embedded in the binary.
    pub fn embedded() -> Corpus {
        load::load_embedded().expect("the embedded corpus is validated by the test suite")
    }

    /// Loads and validates a corpus directory (see the module docs for its layout).
    pub fn load_dir(dir: &std::path::Path) -> Result<Corpus, CorpusError> {
        load::load_dir(dir, None)
    }

    /// Loads a corpus directory, taking the parsed catalog and layout from `cache` (a checksummed postcard
    /// file) when they have not changed since it was written, and writing it when they have.
    pub fn load_dir_cached(
        dir: &std::path::Path,
        cache: &std::path::Path,
    ) -> Result<Corpus, CorpusError> {
        load::load_dir(dir, Some(cache))
    }

    /// A corpus of these documents and footnotes.
    pub fn new(documents: Vec<Document>, footnotes: Vec<Footnote>) -> Corpus {
        Corpus {
            documents,
            footnotes,
            by_id: IdIndex::default(),
        }
    }

    /// A document by id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.index_of(id).map(|i| &self.documents[i])
    }

    /// Index of a document by id (the first, if the id is used twice). Looked up in a memo
    /// that is checked against the documents, and rebuilt when they changed.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        let is_at = |i: usize| self.documents.get(i).is_some_and(|d| d.meta.id == id);
        if let Ok(memo) = self.by_id.0.read()
            && let Some(&i) = memo.get(id)
            && is_at(i)
        {
            return Some(i);
        }
        let found = self.documents.iter().position(|d| d.meta.id == id)?;
        // The memo did not know it: the documents changed since it was made.
        if let Ok(mut memo) = self.by_id.0.write() {
            memo.clear();
            for (i, d) in self.documents.iter().enumerate().rev() {
                memo.insert(d.meta.id.clone(), i);
            }
        }
        Some(found)
    }

    /// Every document id, for choosing a new one that is free.
    pub fn ids(&self) -> std::collections::HashSet<String> {
        self.documents.iter().map(|d| d.meta.id.clone()).collect()
    }

    /// The footnotes anchored in one document, in text order.
    pub fn footnotes_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Footnote> + 'a {
        self.footnotes.iter().filter(move |f| f.doc == id)
    }

    /// The primary documents (everything but commentary).
    pub fn primary(&self) -> impl Iterator<Item = &Document> {
        self.documents
            .iter()
            .filter(|d| d.meta.kind != Kind::Commentary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lookups by id stay right however the documents change under the memo.
    #[test]
    fn lookups_by_id_follow_every_change_to_the_documents() {
        let mut corpus = Corpus::embedded();
        let id = corpus.documents[5].id().to_string();
        assert_eq!(corpus.index_of(&id), Some(5));
        let moved = corpus.documents.remove(2);
        assert_eq!(corpus.index_of(&id), Some(4));
        assert_eq!(corpus.index_of(moved.id()), None);
        corpus.documents.push(moved.clone());
        assert_eq!(corpus.get(moved.id()).map(Document::id), Some(moved.id()));
        corpus.documents.swap(0, 4);
        assert_eq!(corpus.index_of(&id), Some(0));
        assert_eq!(corpus.clone().index_of(&id), Some(0));
        assert_eq!(corpus.get("no-such-document"), None);
    }
}
