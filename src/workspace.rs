//! Everything a session reads: the corpus, the people registry, and the indexes built on them.

use crate::corpus::{Corpus, CorpusError};
use crate::people::{PeopleIndex, Registry};
use crate::search::SearchIndex;
use std::path::Path;

/// The loaded corpus with its people and search indexes.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Documents and footnotes.
    pub corpus: Corpus,
    /// People registry.
    pub registry: Registry,
    /// Mentions and roles per document.
    pub people: PeopleIndex,
    /// Full-text index.
    pub search: SearchIndex,
}

impl Workspace {
    /// The embedded corpus, or the corpus directory given with `--corpus`.
    pub fn load(corpus_dir: Option<&Path>) -> Result<Workspace, CorpusError> {
        let (corpus, registry) = match corpus_dir {
            Some(dir) => (Corpus::load_dir(dir)?, Registry::load_dir(dir)?),
            None => (Corpus::embedded(), Registry::embedded()),
        };
        Ok(Workspace::from_parts(corpus, registry))
    }

    /// Builds the indexes over a corpus and registry.
    pub fn from_parts(corpus: Corpus, registry: Registry) -> Workspace {
        let people = PeopleIndex::build(&registry, &corpus);
        let search = SearchIndex::build(&corpus);
        Workspace {
            corpus,
            registry,
            people,
            search,
        }
    }

    /// Canonical name of a person id (the id itself if unknown).
    pub fn person_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.registry.get(id).map_or(id, |p| p.name.as_str())
    }
}
