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

    /// A document by id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.meta.id == id)
    }

    /// Index of a document by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.meta.id == id)
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
