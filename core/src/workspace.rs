//! Everything a session reads: the corpus, the people registry, and the indexes built on them.

use crate::analysis::cache::CacheReport;
use crate::corpus::Footnote;
use crate::corpus::{Corpus, CorpusError};
use crate::people::{PeopleIndex, Registry};
use crate::search::SearchIndex;
use crate::speakers::SpeakerIndex;
use std::path::{Path, PathBuf};

/// The loaded corpus with its people and search indexes.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Documents and footnotes (shared with the workspace a background analysis makes from this
    /// one, so that a large library is not held twice).
    pub corpus: std::sync::Arc<Corpus>,
    /// Everyone the corpus names, with every form of their names.
    pub registry: Registry,
    /// The registry before your people were put in it (the paper's, or `--corpus`'s): what
    /// [`Workspace::with_your_people`] starts from.
    pub base_registry: std::sync::Arc<Registry>,
    /// Mentions and roles per document.
    pub people: PeopleIndex,
    /// Full-text index.
    pub search: SearchIndex,
    /// The speaker of every sentence.
    pub speakers: SpeakerIndex,
    /// The user's document files that could not be loaded, each with why (the others loaded;
    /// nothing was deleted).
    pub problems: Vec<CorpusError>,
    /// The analysis cache file this workspace reads and updates, if any.
    pub cache: Option<PathBuf>,
    /// What the cache did at the last build (reused, analysed, discarded).
    pub cache_report: CacheReport,
    /// Whether people, roles and speakers are computed (see [`Workspace::load_unanalysed`]).
    pub analysed: bool,
    /// Which build this is: every workspace built or rebuilt (a document added, replaced or
    /// edited) gets a new one, so views can memoise on it.
    pub revision: u64,
    /// Writes every citation, in the style chosen in Settings (`citation.ron`).
    pub citer: std::sync::Arc<crate::export::cite::Citer>,
}

/// A new [`Workspace::revision`].
fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The corpus with the researcher's own documents, the registry (with and without your
/// people), the documents that could not be loaded, and the analysis cache file: what both
/// ways of opening start from.
fn load_library(corpus_dir: Option<&Path>, data_dir: &Path) -> Result<Library, CorpusError> {
    let cache = crate::analysis::cache::cache_file(data_dir, corpus_dir);
    let (mut corpus, mut registry) =
        load_parts(corpus_dir, Some(&cache.with_extension("catalog.bin")))?;
    let base = std::sync::Arc::new(registry.clone());
    let mut problems = add_user_documents(&mut corpus, data_dir);
    problems.extend(add_user_people(&mut registry, data_dir));
    Ok(Library {
        corpus,
        registry,
        base,
        problems,
        cache,
    })
}

/// What [`load_library`] gives.
struct Library {
    corpus: Corpus,
    registry: Registry,
    base: std::sync::Arc<Registry>,
    problems: Vec<CorpusError>,
    cache: PathBuf,
}

/// The corpus and registry, embedded or from a `--corpus` folder (its parsed catalog taken
/// from `catalog_cache` when unchanged).
fn load_parts(
    corpus_dir: Option<&Path>,
    catalog_cache: Option<&Path>,
) -> Result<(Corpus, Registry), CorpusError> {
    Ok(match corpus_dir {
        Some(dir) => {
            let corpus = match catalog_cache {
                Some(cache) => Corpus::load_dir_cached(dir, cache)?,
                None => Corpus::load_dir(dir)?,
            };
            (corpus, Registry::load_dir(dir)?)
        }
        None => (Corpus::embedded(), Registry::embedded()),
    })
}

/// Adds the researcher's own documents to a corpus; returns those that could not be loaded.
fn add_user_documents(corpus: &mut Corpus, data_dir: &Path) -> Vec<CorpusError> {
    let dir = crate::corpus::user::user_dir(data_dir);
    let (user, footnotes, mut problems) = crate::corpus::user::load_user_documents(&dir);
    let mut ids = corpus.ids();
    let mut loaded = std::collections::HashSet::new();
    for doc in user {
        if !ids.insert(doc.meta.id.clone()) {
            problems.push(CorpusError {
                file: dir.join(format!("{}.ron", doc.id())),
                line: None,
                column: None,
                field: Some("id".into()),
                message: format!(
                    "a document with id {:?} is already in the corpus; this one was not loaded",
                    doc.id()
                ),
            });
        } else {
            loaded.insert(doc.meta.id.clone());
            corpus.documents.push(doc);
        }
    }
    corpus
        .footnotes
        .extend(footnotes.into_iter().filter(|f| loaded.contains(&f.doc)));
    problems
}

/// Adds your people (`<data dir>/people.ron`: what imports listed, what you added) to the
/// registry; a file that cannot be read is reported and left as it is.
fn add_user_people(registry: &mut Registry, data_dir: &Path) -> Option<CorpusError> {
    match crate::people::yours::YourPeople::load(data_dir) {
        Ok(yours) => {
            yours.apply_to(registry);
            None
        }
        Err(e) => Some(e),
    }
}

impl Workspace {
    /// The embedded corpus, or the corpus directory given with `--corpus` (analysed without a
    /// cache).
    pub fn load(corpus_dir: Option<&Path>) -> Result<Workspace, CorpusError> {
        let (corpus, registry) = load_parts(corpus_dir, None)?;
        Ok(Workspace::from_parts(corpus, registry))
    }

    /// The corpus (embedded or `--corpus`) plus the researcher's own documents from
    /// `<data dir>/documents`, analysed with the cache in `<data dir>/cache/`.
    pub fn load_with_user_documents(
        corpus_dir: Option<&Path>,
        data_dir: &Path,
    ) -> Result<Workspace, CorpusError> {
        let lib = load_library(corpus_dir, data_dir)?;
        let mut ws = Workspace::build(lib.corpus, lib.registry, Some(lib.cache));
        ws.problems = lib.problems;
        ws.base_registry = lib.base;
        ws.load_citation_settings(data_dir);
        Ok(ws)
    }

    /// The corpus and the researcher's documents, loaded but not analysed yet: what the window
    /// shows at once, while [`Workspace::analysed`] runs in the background.
    pub fn load_unanalysed(
        corpus_dir: Option<&Path>,
        data_dir: &Path,
    ) -> Result<Workspace, CorpusError> {
        let lib = load_library(corpus_dir, data_dir)?;
        let mut ws = Workspace {
            corpus: std::sync::Arc::new(lib.corpus),
            registry: lib.registry,
            base_registry: lib.base,
            people: PeopleIndex::default(),
            search: SearchIndex::default(),
            speakers: crate::speakers::SpeakerIndex::default(),
            problems: lib.problems,
            cache: Some(lib.cache),
            cache_report: CacheReport::default(),
            analysed: false,
            revision: next_revision(),
            citer: Default::default(),
        };
        ws.load_citation_settings(data_dir);
        Ok(ws)
    }

    /// The same workspace with everything derived (mentions, roles, speakers, the search
    /// engine), using and updating the cache; reports progress to `ctx`, and hands over to it
    /// (as a `Workspace`, not yet `analysed`) what is done so far every
    /// [`crate::analysis::cache::PARTIAL_EVERY`] while it works.
    pub fn analysed(&self, ctx: Option<&crate::jobs::JobContext>) -> Workspace {
        let hand_over = |so_far: Vec<crate::analysis::Analysed>| {
            if let Some(ctx) = ctx {
                let (people, speakers) = crate::analysis::assemble_packed(&self.corpus, so_far);
                ctx.hand_over(Workspace {
                    corpus: self.corpus.clone(),
                    registry: self.registry.clone(),
                    base_registry: self.base_registry.clone(),
                    people,
                    search: SearchIndex::default(),
                    speakers,
                    problems: self.problems.clone(),
                    cache: self.cache.clone(),
                    cache_report: CacheReport::default(),
                    analysed: false,
                    revision: next_revision(),
                    citer: self.citer.clone(),
                });
            }
        };
        let mut ws = Workspace::build_reporting(
            self.corpus.clone(),
            self.registry.clone(),
            self.cache.clone(),
            ctx,
            ctx.map(|_| crate::analysis::cache::HandOver {
                every: crate::analysis::cache::PARTIAL_EVERY,
                to: &hand_over,
            }),
        );
        ws.problems = self.problems.clone();
        ws.base_registry = self.base_registry.clone();
        ws.citer = self.citer.clone();
        ws
    }

    /// Takes the citation style and the paper's details from `citation.ron` in the data
    /// directory; a file that cannot be read is reported with the problems (the defaults are
    /// used, the file is left as it is).
    pub fn load_citation_settings(&mut self, data_dir: &Path) {
        match crate::export::cite::CitationSettings::load(data_dir) {
            Ok(settings) => self.set_citation_settings(settings),
            Err(problem) => self.problems.push(problem),
        }
    }

    /// Cites in this style, with these details of the paper, from now on.
    pub fn set_citation_settings(&mut self, settings: crate::export::cite::CitationSettings) {
        self.citer = std::sync::Arc::new(crate::export::cite::Citer::new(settings));
    }

    /// The registry with your people (as now edited) put in the one the library started from:
    /// people added, forms added, people merged away gone. Mentions and roles follow once the
    /// library is analysed with it (see [`Workspace::set_registry`]).
    pub fn registry_with(&self, yours: &crate::people::yours::YourPeople) -> Registry {
        let mut registry = (*self.base_registry).clone();
        yours.apply_to(&mut registry);
        registry
    }

    /// Puts a new registry in place and marks the library as needing analysis again (with the
    /// cache, only documents that could name a changed person are analysed).
    pub fn set_registry(&mut self, registry: Registry) {
        self.registry = registry;
        self.analysed = false;
        self.revision = next_revision();
    }

    /// Adds a document (one of the researcher's) with its footnotes and brings the indexes up
    /// to date (with the cache, only the new document is analysed).
    pub fn add_document(&mut self, doc: crate::corpus::Document, footnotes: Vec<Footnote>) {
        self.add_documents(vec![(doc, footnotes)], Vec::new());
    }

    /// Puts a new version of one of the researcher's documents (same id) in place of the old,
    /// with its footnotes, and brings the indexes up to date.
    pub fn replace_document(&mut self, doc: crate::corpus::Document, footnotes: Vec<Footnote>) {
        let id = doc.meta.id.clone();
        let corpus = std::sync::Arc::make_mut(&mut self.corpus);
        corpus.footnotes.retain(|f| f.doc != id);
        match corpus.documents.iter().position(|d| d.meta.id == id) {
            // In its place, so the library keeps its order.
            Some(i) => {
                corpus.documents[i] = doc;
                corpus.footnotes.extend(footnotes);
                self.add_documents(Vec::new(), Vec::new());
            }
            None => self.add_documents(vec![(doc, footnotes)], Vec::new()),
        }
    }

    /// Adds documents with their footnotes, and people to the registry (those it does not
    /// have yet), then brings the indexes up to date.
    pub fn add_documents(
        &mut self,
        docs: Vec<(crate::corpus::Document, Vec<Footnote>)>,
        people: Vec<crate::people::Person>,
    ) {
        let mut corpus = std::mem::take(&mut self.corpus);
        {
            let corpus = std::sync::Arc::make_mut(&mut corpus);
            for (doc, notes) in docs {
                corpus.documents.push(doc);
                corpus.footnotes.extend(notes);
            }
        }
        let mut registry = std::mem::take(&mut self.registry);
        for p in people {
            if registry.get(&p.id).is_none() {
                registry.people.push(p);
            }
        }
        let problems = std::mem::take(&mut self.problems);
        let base = self.base_registry.clone();
        *self = Workspace::build_reporting(corpus, registry, self.cache.take(), None, None);
        self.problems = problems;
        self.base_registry = base;
    }

    /// Builds the indexes over a corpus and registry (no cache: every document is analysed).
    pub fn from_parts(corpus: Corpus, registry: Registry) -> Workspace {
        Workspace::build(corpus, registry, None)
    }

    /// Builds the indexes, reusing and updating the analysis cache file when one is given.
    pub fn build(corpus: Corpus, registry: Registry, cache: Option<PathBuf>) -> Workspace {
        Workspace::build_reporting(std::sync::Arc::new(corpus), registry, cache, None, None)
    }

    fn build_reporting(
        corpus: std::sync::Arc<Corpus>,
        registry: Registry,
        cache: Option<PathBuf>,
        ctx: Option<&crate::jobs::JobContext>,
        partial: Option<crate::analysis::cache::HandOver<'_>>,
    ) -> Workspace {
        let (analyses, cache_report) = match &cache {
            Some(file) => crate::analysis::cache::analyse_packed_as_it_goes(
                &corpus, &registry, file, ctx, partial,
            ),
            None => (
                crate::analysis::analyse_all(&corpus, &registry)
                    .into_iter()
                    .map(crate::analysis::Analysed::Fresh)
                    .collect(),
                CacheReport::default(),
            ),
        };
        let cancelled = cache_report.cancelled;
        let (people, speakers) = crate::analysis::assemble_packed(&corpus, analyses);
        if let Some(ctx) = ctx {
            ctx.report(0, None, "Updating the search index");
        }
        let search = match &cache {
            // A cancelled analysis is incomplete: nothing is indexed from it.
            _ if cancelled => SearchIndex::default(),
            Some(file) if corpus.documents.len() >= crate::search::engine::ENGINE_MIN_DOCUMENTS => {
                let dir = crate::search::engine::index_dir(file);
                SearchIndex::with_engine(&dir, &corpus, &people, &registry)
            }
            _ => SearchIndex::build(&corpus),
        };
        if let Some(ctx) = ctx {
            ctx.report(1, Some(1), "Search index ready");
        }
        Workspace {
            corpus,
            base_registry: std::sync::Arc::new(registry.clone()),
            registry,
            people,
            search,
            speakers,
            problems: Vec::new(),
            cache,
            cache_report,
            analysed: !cancelled,
            revision: next_revision(),
            citer: Default::default(),
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

    /// Runs a search (see [`crate::search::query`] for the language).
    pub fn find(
        &self,
        query: &str,
        opts: &crate::search::SearchOptions,
    ) -> Result<crate::search::SearchResult, crate::search::QueryError> {
        self.search
            .run(&self.corpus, &self.people, &self.registry, query, opts)
    }

    /// Runs a search whose note fields (`tag:`, `note:`, `by:`) ask about the notes on each
    /// document (see [`crate::search::notes::NotesByDocument`]).
    pub fn find_with_notes(
        &self,
        query: &str,
        opts: &crate::search::SearchOptions,
        notes: &crate::search::notes::NotesByDocument,
    ) -> Result<crate::search::SearchResult, crate::search::QueryError> {
        self.search.run_with_notes(
            &self.corpus,
            &self.people,
            &self.registry,
            query,
            opts,
            Some(notes),
        )
    }

    /// Canonical name of a person id (the id itself if unknown).
    pub fn person_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.registry.get(id).map_or(id, |p| p.name.as_str())
    }
}
