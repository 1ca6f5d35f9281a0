//! Everything a session reads: the corpus, the people registry, and the indexes built on them.

use crate::corpus::{Corpus, CorpusError};
use crate::people::{PeopleIndex, Registry, Role};
use crate::search::SearchIndex;
use crate::speakers::SpeakerIndex;
use std::path::Path;

/// The loaded corpus with its people and search indexes.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Documents and footnotes.
    pub corpus: Corpus,
    /// Everyone the corpus names, with every form of their names.
    pub registry: Registry,
    /// Mentions and roles per document.
    pub people: PeopleIndex,
    /// Full-text index.
    pub search: SearchIndex,
    /// The speaker of every sentence.
    pub speakers: SpeakerIndex,
    /// The user's document files that could not be loaded, each with why (the others loaded;
    /// nothing was deleted).
    pub problems: Vec<CorpusError>,
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

    /// The corpus (embedded or `--corpus`) plus the researcher's own documents from
    /// `<data dir>/documents`.
    pub fn load_with_user_documents(
        corpus_dir: Option<&Path>,
        data_dir: &Path,
    ) -> Result<Workspace, CorpusError> {
        let mut ws = Workspace::load(corpus_dir)?;
        let (user, mut problems) =
            crate::corpus::user::load_user_documents(&crate::corpus::user::user_dir(data_dir));
        if !user.is_empty() {
            let mut corpus = ws.corpus;
            for doc in user {
                if corpus.get(doc.id()).is_some() {
                    problems.push(CorpusError {
                        file: crate::corpus::user::user_dir(data_dir)
                            .join(format!("{}.ron", doc.id())),
                        line: None,
                        column: None,
                        field: Some("id".into()),
                        message: format!(
                            "a document with id {:?} is already in the corpus; this one was not loaded",
                            doc.id()
                        ),
                    });
                } else {
                    corpus.documents.push(doc);
                }
            }
            ws = Workspace::from_parts(corpus, ws.registry);
        }
        ws.problems = problems;
        Ok(ws)
    }

    /// Adds a document (one of the researcher's) and rebuilds the indexes.
    pub fn add_document(&mut self, doc: crate::corpus::Document) {
        let mut corpus = std::mem::take(&mut self.corpus);
        corpus.documents.push(doc);
        let registry = std::mem::take(&mut self.registry);
        let problems = std::mem::take(&mut self.problems);
        *self = Workspace::from_parts(corpus, registry);
        self.problems = problems;
    }

    /// Builds the indexes over a corpus and registry.
    pub fn from_parts(corpus: Corpus, registry: Registry) -> Workspace {
        let mut people = PeopleIndex::build(&registry, &corpus);
        let speakers = SpeakerIndex::build(&corpus, &people);
        people.add_roles(Role::Spoke, &speakers.speakers_by_document());
        let search = SearchIndex::build(&corpus);
        Workspace {
            corpus,
            registry,
            people,
            search,
            speakers,
            problems: Vec::new(),
        }
    }

    /// The people a document names, as the alignment reads them: `(start, end, person id)`.
    pub fn entities(&self, doc: &str) -> Vec<crate::compare::Entity> {
        self.people
            .mentions
            .get(doc)
            .into_iter()
            .flatten()
            .map(|m| (m.start, m.end, m.person.clone()))
            .collect()
    }

    /// Aligns two documents by id (their sentences, the people they name, the user's pinned
    /// groups on top); `None` if either is not in the corpus.
    pub fn align(
        &self,
        a: &str,
        b: &str,
        pins: &[crate::compare::Pin],
    ) -> Option<crate::compare::Alignment> {
        let (da, db) = (self.corpus.get(a)?, self.corpus.get(b)?);
        Some(crate::compare::align_documents_with_pins(
            da,
            &self.entities(a),
            db,
            &self.entities(b),
            pins,
        ))
    }

    /// Canonical name of a person id (the id itself if unknown).
    pub fn person_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.registry.get(id).map_or(id, |p| p.name.as_str())
    }
}
