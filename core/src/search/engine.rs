//! The search engine for large archives: a tantivy index on disk, in
//! `<data dir>/cache/search-<corpus>/` (memory-mapped segments, updated incrementally), that finds
//! and ranks the documents a query can match. It never decides a hit by itself: the documents it
//! returns are checked, and their exact char offsets found, by [`super::matcher`] — so its words
//! are cut by the same code ([`WordText`]) and folded by the same function.
//!
//! - Tokenizer: the text is folded ([`crate::text::fold`]: case, accents, curly quotes, dashes,
//!   Cyrillic look-alikes) and cut into runs of letters and digits; no stop words are removed
//!   (phrases such as "cosmonaut of peace" stay exact; the query drops lone unquoted stop words),
//!   no stemming; prefixes (`castr*`) and fuzzy words (`Dorticos~`) are expanded from the term
//!   dictionary.
//! - BM25 ranks the documents for "best first".
//! - Metadata is indexed beside the text: the date as first and last day, kind, part, and each
//!   person's roles, so filters are answered from the index.
//! - A damaged, foreign or stale index is rebuilt; an index another process is writing is used
//!   read-only when it is up to date, and otherwise the search scans.

use super::matcher::WordText;
use super::query::{Expr, PersonRole, TextTerm};
use crate::corpus::{Corpus, Document};
use crate::people::{PeopleIndex, Role};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{
    AllQuery, BooleanQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// Bump when the schema or the tokenizer changes: older indexes are rebuilt.
pub const ENGINE_VERSION: u32 = 2;
/// Below this many documents a scan is as fast as the index (and needs no disk).
pub const ENGINE_MIN_DOCUMENTS: usize = 500;
const TOKENIZER: &str = "readingroom-fold";

/// The folding tokenizer: the words [`WordText`] finds, as tantivy tokens.
#[derive(Clone, Default)]
pub struct FoldTokenizer;

/// The tokens of one text.
pub struct FoldTokens {
    tokens: Vec<Token>,
    at: usize,
}

impl Tokenizer for FoldTokenizer {
    type TokenStream<'a> = FoldTokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldTokens {
        let words = WordText::new(text);
        let tokens = words
            .words
            .iter()
            .enumerate()
            .map(|(position, &(s, e))| Token {
                offset_from: s as usize,
                offset_to: e as usize,
                position,
                text: words.folded.folded[s as usize..e as usize].to_string(),
                position_length: 1,
            })
            .collect();
        FoldTokens { tokens, at: 0 }
    }
}

impl TokenStream for FoldTokens {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    slot: Field,
    body: Field,
    first_day: Field,
    last_day: Field,
    kind: Field,
    part: Field,
    roles: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let body = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING),
        slot: b.add_u64_field("slot", FAST),
        body: b.add_text_field("body", body),
        first_day: b.add_i64_field("first_day", INDEXED | FAST),
        last_day: b.add_i64_field("last_day", INDEXED | FAST),
        kind: b.add_text_field("kind", STRING),
        part: b.add_text_field("part", STRING),
        roles: b.add_text_field("roles", STRING),
    };
    (b.build(), fields)
}

/// A document's slot: how the index names it (a hash of its id).
pub fn slot(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

fn day(d: time::Date) -> i64 {
    d.to_julian_day() as i64
}

/// The role terms of a person filter ("present:raul-roa").
fn role_term(id: &str, role: PersonRole) -> String {
    let r = match role {
        PersonRole::Any => "any",
        PersonRole::Present => "present",
        PersonRole::Spoke => "spoke",
        PersonRole::Mentioned => "mentioned",
        PersonRole::Author => "author",
    };
    format!("{r}:{id}")
}

fn role_terms(roles: Option<&BTreeMap<String, BTreeSet<Role>>>) -> Vec<String> {
    let mut out = Vec::new();
    for (id, rs) in roles.into_iter().flatten() {
        out.push(role_term(id, PersonRole::Any));
        for r in rs {
            let kind = match r {
                Role::Present | Role::Recorder => Some(PersonRole::Present),
                Role::Spoke => Some(PersonRole::Spoke),
                Role::Mentioned => Some(PersonRole::Mentioned),
                Role::Author => Some(PersonRole::Author),
                Role::Addressee => None,
            };
            if let Some(k) = kind {
                out.push(role_term(id, k));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What the index holds of a document depends on: its text and metadata, and (through its
/// roles) the registry and the analysis version — all known before the analysis runs, so the
/// CLI can tell whether the index is up to date without analysing anything.
pub fn index_key(document_key: u64, registry_key: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&document_key.to_le_bytes());
    h.update(&registry_key.to_le_bytes());
    h.update(&ENGINE_VERSION.to_le_bytes());
    h.digest()
}

fn to_document(doc: &Document, people: &PeopleIndex, f: Fields) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.id, doc.id());
    d.add_u64(f.slot, slot(doc.id()));
    d.add_text(f.body, &*doc.text.read());
    if let Some(date) = &doc.meta.date
        && let (Some(a), Some(b)) = (date.first_day(), date.last_day())
    {
        d.add_i64(f.first_day, day(a));
        d.add_i64(f.last_day, day(b));
    }
    d.add_text(f.kind, doc.meta.kind.slug());
    if let Some(p) = doc.meta.part {
        d.add_text(f.part, p.slug());
    }
    // `collection:NAME` finds the researcher's collections as well as the paper's parts.
    if let Some(c) = &doc.meta.collection {
        d.add_text(f.part, c.to_lowercase());
    }
    for t in role_terms(people.roles.get(doc.id())) {
        d.add_text(f.roles, &t);
    }
    d
}

/// What the index holds, kept beside it: each document's id and key, and the commit they are
/// from (a manifest that does not belong to the index's last commit means: rebuild).
#[derive(Serialize, Deserialize, Default)]
struct Manifest {
    version: u32,
    opstamp: u64,
    entries: Vec<(String, u64)>,
}

const MANIFEST: &str = "readingroom-manifest.bin";

fn read_manifest(dir: &Path) -> Option<Manifest> {
    let bytes = crate::files::read_regular(&dir.join(MANIFEST), 1 << 30).ok()?;
    let (sum, body) = bytes.split_at_checked(8)?;
    if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
        return None;
    }
    postcard::from_bytes::<Manifest>(body)
        .ok()
        .filter(|m| m.version == ENGINE_VERSION)
}

fn write_manifest(dir: &Path, m: &Manifest) -> std::io::Result<()> {
    let body = postcard::to_stdvec(m).map_err(std::io::Error::other)?;
    let mut bytes = xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes().to_vec();
    bytes.extend_from_slice(&body);
    crate::files::write_atomic(
        &dir.join(MANIFEST),
        &bytes,
        crate::files::NewFileMode::PRIVATE,
    )
}

/// How the index came to be up to date when it was opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngineReport {
    /// Documents (re)indexed this time.
    pub indexed: usize,
    /// Documents taken out (gone or changed).
    pub removed: usize,
    /// Why the index was rebuilt from nothing, if it was.
    pub rebuilt: Option<String>,
    /// Another process was writing it: it was opened read-only.
    pub read_only: bool,
}

/// An open search index.
pub struct Engine {
    reader: IndexReader,
    fields: Fields,
    /// Slot → index of the document in the corpus.
    slots: HashMap<u64, usize>,
    /// For each segment of the reader's searcher (by ordinal; the reader is never reloaded),
    /// each document's index in the corpus ([`NO_DOCUMENT`] where none): made once on open, so
    /// a search maps its matches with one array look-up each.
    in_corpus: Vec<Arc<Vec<u32>>>,
}

/// A segment's document that is not in the corpus.
const NO_DOCUMENT: u32 = u32::MAX;

/// [`Engine::in_corpus`] for a reader.
fn corpus_indexes(reader: &IndexReader, slots: &HashMap<u64, usize>) -> Vec<Arc<Vec<u32>>> {
    reader
        .searcher()
        .segment_readers()
        .iter()
        .map(|segment| {
            let mut map = vec![NO_DOCUMENT; segment.max_doc() as usize];
            if let Ok(column) = segment.fast_fields().u64("slot") {
                for (doc, at) in map.iter_mut().enumerate() {
                    if let Some(slot) = column.first(doc as u32)
                        && let Some(&i) = slots.get(&slot)
                    {
                        *at = i as u32;
                    }
                }
            }
            Arc::new(map)
        })
        .collect()
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Engine({} documents)", self.slots.len())
    }
}

/// The index folder beside an analysis cache file (`analysis-X.bin` → `search-X/`).
pub fn index_dir(analysis_cache: &Path) -> PathBuf {
    let name = analysis_cache
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("analysis")
        .replacen("analysis", "search", 1);
    analysis_cache.with_file_name(name)
}

fn open_or_create(dir: &Path, schema: &Schema) -> Result<(Index, Option<String>), String> {
    crate::files::create_private_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let fresh = |why: String| -> Result<(Index, Option<String>), String> {
        // The folder is ours (in the cache): clear what is in it and start again.
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                let _ = if p.is_dir() && !p.is_symlink() {
                    std::fs::remove_dir_all(&p)
                } else {
                    std::fs::remove_file(&p)
                };
            }
        }
        Index::create_in_dir(dir, schema.clone())
            .map(|i| (i, Some(why)))
            .map_err(|e| format!("cannot create the search index in {}: {e}", dir.display()))
    };
    match Index::open_in_dir(dir) {
        Ok(index) if index.schema() == *schema => Ok((index, None)),
        Ok(_) => fresh("made by another version".into()),
        Err(tantivy::TantivyError::OpenDirectoryError(e)) => Err(e.to_string()),
        Err(e) => {
            let empty = std::fs::read_dir(dir)
                .map(|mut d| d.next().is_none())
                .unwrap_or(true);
            fresh(if empty {
                "no index yet".into()
            } else {
                format!("damaged ({e})")
            })
        }
    }
}

impl Engine {
    /// Opens the index in `dir`, bringing it up to date with the corpus: only documents that
    /// are new or changed (text, metadata, roles) are indexed, those gone are removed.
    pub fn open(
        dir: &Path,
        corpus: &Corpus,
        people: &PeopleIndex,
        registry_key: u64,
    ) -> Result<(Engine, EngineReport), String> {
        let (schema, fields) = schema();
        let (index, rebuilt) = open_or_create(dir, &schema)?;
        index.tokenizers().register(TOKENIZER, FoldTokenizer);
        let mut report = EngineReport {
            rebuilt,
            ..EngineReport::default()
        };
        let opstamp = index.load_metas().map(|m| m.opstamp).unwrap_or(0);
        let manifest = read_manifest(dir).filter(|m| m.opstamp == opstamp);
        if manifest.is_none() && report.rebuilt.is_none() && opstamp > 0 {
            report.rebuilt = Some("its manifest does not match it".into());
        }
        let old: HashMap<String, u64> = manifest
            .map(|m| m.entries.into_iter().collect())
            .unwrap_or_default();
        let keys: Vec<u64> = crate::parallel::par_map(&corpus.documents, |d| {
            index_key(crate::analysis::cache::document_key(d), registry_key)
        });
        let current: HashMap<&str, u64> = corpus
            .documents
            .iter()
            .zip(&keys)
            .map(|(d, k)| (d.id(), *k))
            .collect();
        let stale: Vec<&String> = old
            .iter()
            .filter(|(id, k)| current.get(id.as_str()) != Some(k))
            .map(|(id, _)| id)
            .collect();
        let missing: Vec<usize> = corpus
            .documents
            .iter()
            .enumerate()
            .filter(|(i, d)| old.get(d.id()) != Some(&keys[*i]))
            .map(|(i, _)| i)
            .collect();
        if !stale.is_empty() || !missing.is_empty() || opstamp == 0 {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
            match index.writer_with_num_threads::<TantivyDocument>(threads, 60_000_000 * threads) {
                Ok(mut writer) => {
                    if manifest_lost(&old, opstamp) {
                        let _ = writer.delete_all_documents();
                    }
                    for id in &stale {
                        writer.delete_term(Term::from_field_text(fields.id, id));
                    }
                    for &i in &missing {
                        let doc = &corpus.documents[i];
                        if old.contains_key(doc.id()) {
                            writer.delete_term(Term::from_field_text(fields.id, doc.id()));
                        }
                        writer
                            .add_document(to_document(doc, people, fields))
                            .map_err(|e| e.to_string())?;
                    }
                    let opstamp = writer.commit().map_err(|e| e.to_string())?;
                    let entries = corpus
                        .documents
                        .iter()
                        .zip(&keys)
                        .map(|(d, k)| (d.id().to_string(), *k))
                        .collect();
                    write_manifest(
                        dir,
                        &Manifest {
                            version: ENGINE_VERSION,
                            opstamp,
                            entries,
                        },
                    )
                    .map_err(|e| e.to_string())?;
                    report.indexed = missing.len();
                    report.removed = stale.len();
                }
                Err(tantivy::TantivyError::LockFailure(..)) => {
                    if !stale.is_empty() || !missing.is_empty() {
                        return Err("another Reading Room is updating the search index".into());
                    }
                    report.read_only = true;
                }
                Err(e) => return Err(e.to_string()),
            }
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| e.to_string())?;
        let slots = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (slot(d.id()), i))
            .collect();
        let in_corpus = corpus_indexes(&reader, &slots);
        Ok((
            Engine {
                reader,
                fields,
                slots,
                in_corpus,
            },
            report,
        ))
    }

    /// Opens the index read-only, only if it holds exactly these documents as they are now
    /// (`(id, index key)` in corpus order); `None` when it is missing, stale, damaged or from
    /// another version. Nothing is written.
    pub fn open_current(dir: &Path, docs: &[(&str, u64)]) -> Option<Engine> {
        let manifest = read_manifest(dir)?;
        let (schema, fields) = schema();
        let index = Index::open_in_dir(dir).ok()?;
        if index.schema() != schema
            || index.load_metas().ok()?.opstamp != manifest.opstamp
            || manifest.entries.len() != docs.len()
        {
            return None;
        }
        let stored: HashMap<&str, u64> = manifest
            .entries
            .iter()
            .map(|(id, k)| (id.as_str(), *k))
            .collect();
        if docs.iter().any(|(id, k)| stored.get(id) != Some(k)) {
            return None;
        }
        index.tokenizers().register(TOKENIZER, FoldTokenizer);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .ok()?;
        let slots = docs
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (slot(id), i))
            .collect();
        let in_corpus = corpus_indexes(&reader, &slots);
        Some(Engine {
            reader,
            fields,
            slots,
            in_corpus,
        })
    }

    /// The documents that may match (corpus indexes, with their BM25 score when `scored`), and
    /// whether they are exactly the matching ones (else the matcher must check every one).
    pub fn candidates(
        &self,
        expr: &Expr,
        scored: bool,
    ) -> Result<(Vec<(usize, f32)>, bool), String> {
        let (query, exact) = self.translate(expr);
        let searcher = self.reader.searcher();
        let found = searcher
            .search(
                query.as_ref(),
                &AllMatches {
                    scored,
                    in_corpus: &self.in_corpus,
                },
            )
            .map_err(|e| e.to_string())?;
        let out = found
            .into_iter()
            .map(|(i, score)| (i as usize, score))
            .collect();
        Ok((out, exact))
    }

    /// The number of hits in the given matching documents (corpus indexes), counted from the
    /// index's term frequencies, when that equals what the matcher would find: the query's
    /// words are plain words (no phrase, prefix, fuzzy or NEAR), all of them counted in every
    /// matching document (a word, an AND of words, filters and NOTs, or an OR of words).
    /// `None` otherwise: the caller counts with the matcher.
    pub fn count_hits(&self, expr: &Expr, matching: &[usize]) -> Option<usize> {
        fn plain(e: &Expr) -> Option<&str> {
            match e {
                Expr::Text(t) if t.words.len() == 1 && !t.prefix && t.fuzzy == 0 => {
                    Some(t.words[0].as_str())
                }
                _ => None,
            }
        }
        let is_filter = |e: &Expr| {
            matches!(
                e,
                Expr::Date(..) | Expr::Kind(_) | Expr::Part(_) | Expr::Person(..) | Expr::Not(_)
            )
        };
        let mut words: Vec<&str> = match expr {
            Expr::Or(parts) => parts.iter().map(plain).collect::<Option<_>>()?,
            Expr::And(parts) => {
                let mut w = Vec::new();
                for p in parts {
                    match plain(p) {
                        Some(x) => w.push(x),
                        None if is_filter(p) => {}
                        None => return None,
                    }
                }
                w
            }
            e if is_filter(e) => Vec::new(),
            e => vec![plain(e)?],
        };
        words.sort_unstable();
        words.dedup();
        let mut wanted = vec![false; self.slots.len()];
        for &i in matching {
            *wanted.get_mut(i)? = true;
        }
        let searcher = self.reader.searcher();
        let mut total = 0usize;
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let in_corpus = self.in_corpus.get(ordinal)?;
            let inverted = segment.inverted_index(self.fields.body).ok()?;
            let alive = segment.alive_bitset();
            for w in &words {
                let term = Term::from_field_text(self.fields.body, w);
                let Some(mut postings) = inverted
                    .read_postings(&term, IndexRecordOption::WithFreqs)
                    .ok()?
                else {
                    continue;
                };
                use tantivy::DocSet;
                use tantivy::postings::Postings;
                let mut doc = postings.doc();
                while doc != tantivy::TERMINATED {
                    if alive.is_none_or(|a| a.is_alive(doc))
                        && let Some(&i) = in_corpus.get(doc as usize)
                        && wanted.get(i as usize) == Some(&true)
                    {
                        total += postings.term_freq() as usize;
                    }
                    doc = postings.advance();
                }
            }
        }
        Some(total)
    }

    fn text_query(&self, t: &TextTerm) -> Box<dyn Query> {
        let term = |w: &str| Term::from_field_text(self.fields.body, w);
        let terms: Vec<Term> = t.words.iter().map(|w| term(w)).collect();
        match (terms.len(), t.prefix, t.fuzzy) {
            (1, true, _) => {
                match RegexQuery::from_pattern(&format!("{}.*", t.words[0]), self.fields.body) {
                    Ok(q) => Box::new(q),
                    Err(_) => Box::new(AllQuery),
                }
            }
            (1, false, d) if d > 0 => Box::new(FuzzyTermQuery::new(terms[0].clone(), d, false)),
            (1, _, _) => Box::new(TermQuery::new(
                terms[0].clone(),
                IndexRecordOption::WithFreqs,
            )),
            (_, true, _) => Box::new(PhrasePrefixQuery::new(terms)),
            _ => Box::new(PhraseQuery::new(terms)),
        }
    }

    /// A tantivy query that finds at least every document the expression matches, and whether
    /// it finds exactly those.
    fn translate(&self, e: &Expr) -> (Box<dyn Query>, bool) {
        let string = |f: Field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(f, v),
                IndexRecordOption::Basic,
            ))
        };
        match e {
            Expr::Text(t) => (self.text_query(t), true),
            Expr::Near(a, b, _) => (
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, self.text_query(a)),
                    (Occur::Must, self.text_query(b)),
                ])),
                false,
            ),
            Expr::And(parts) | Expr::Or(parts) => {
                let occur = if matches!(e, Expr::And(_)) {
                    Occur::Must
                } else {
                    Occur::Should
                };
                let mut exact = true;
                let clauses = parts
                    .iter()
                    .map(|p| {
                        let (q, x) = self.translate(p);
                        exact &= x;
                        (occur, q)
                    })
                    .collect();
                (Box::new(BooleanQuery::new(clauses)), exact)
            }
            Expr::Not(inner) => match self.translate(inner) {
                (q, true) => (
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                        (Occur::MustNot, q),
                    ])),
                    true,
                ),
                // NOT of a superset would be a subset: look at everything instead.
                (_, false) => (Box::new(AllQuery), false),
            },
            Expr::Date(from, to) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                // Overlap: the document's last day on or after `from`, its first on or before `to`.
                if let Some(f) = from {
                    clauses.push((
                        Occur::Must,
                        Box::new(RangeQuery::new(
                            Bound::Included(Term::from_field_i64(self.fields.last_day, day(*f))),
                            Bound::Unbounded,
                        )),
                    ));
                }
                if let Some(t) = to {
                    clauses.push((
                        Occur::Must,
                        Box::new(RangeQuery::new(
                            Bound::Unbounded,
                            Bound::Included(Term::from_field_i64(self.fields.first_day, day(*t))),
                        )),
                    ));
                }
                if clauses.is_empty() {
                    // `date:..` : any dated document.
                    clauses.push((
                        Occur::Must,
                        Box::new(RangeQuery::new(
                            Bound::Included(Term::from_field_i64(self.fields.first_day, i64::MIN)),
                            Bound::Unbounded,
                        )),
                    ));
                }
                (Box::new(BooleanQuery::new(clauses)), true)
            }
            Expr::Kind(k) => (string(self.fields.kind, k), true),
            Expr::Part(p) => (string(self.fields.part, p), true),
            Expr::Person(id, role) => (string(self.fields.roles, &role_term(id, *role)), true),
            // The matcher decides these: every document is a candidate.
            Expr::Doc(_) | Expr::Tag(..) | Expr::InNote(_) | Expr::By(_) | Expr::Counterpart(_) => {
                (Box::new(AllQuery), false)
            }
        }
    }
}

fn manifest_lost(old: &HashMap<String, u64>, opstamp: u64) -> bool {
    old.is_empty() && opstamp > 0
}

/// Collects every matching document's slot, with its score when asked.
/// Collects every matching document as (corpus index, score).
struct AllMatches<'a> {
    scored: bool,
    in_corpus: &'a [Arc<Vec<u32>>],
}

struct SegmentMatches {
    in_corpus: Arc<Vec<u32>>,
    found: Vec<(u32, f32)>,
}

impl Collector for AllMatches<'_> {
    type Fruit = Vec<(u32, f32)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: u32,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let in_corpus = self
            .in_corpus
            .get(segment as usize)
            .filter(|m| m.len() == reader.max_doc() as usize)
            .cloned()
            .ok_or_else(|| {
                tantivy::TantivyError::InternalError("the index changed since it was opened".into())
            })?;
        Ok(SegmentMatches {
            in_corpus,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, f32)>>) -> tantivy::Result<Vec<(u32, f32)>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<(u32, f32)>;

    fn collect(&mut self, doc: u32, score: f32) {
        if let Some(&i) = self.in_corpus.get(doc as usize)
            && i != NO_DOCUMENT
        {
            self.found.push((i, score));
        }
    }

    fn harvest(self) -> Vec<(u32, f32)> {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Order, SearchIndex, SearchOptions};

    fn archive(dir: &Path, n: usize) -> crate::Workspace {
        crate::corpus::synthetic::write_corpus_dir(dir, n, 1500).unwrap();
        crate::Workspace::load(Some(dir)).unwrap()
    }

    const QUERIES: [&str; 12] = [
        "Escambray",
        "\"cosmonaut of peace\"",
        "Castro AND Kennedy",
        "Escambray OR Gagarin",
        "Castro NOT Escambray",
        "Gagarin NEAR/3 cosmonaut",
        "Castr*",
        "\"Fidel Cast\"*",
        "Escambrai~",
        "Escambray date:1961-04..1961-06",
        "kind:memoir Castro",
        "spoke:\"Fidel Castro\" NOT present:Roa",
    ];

    /// Whatever the engine picks, the hits are those of a scan of every document.
    #[test]
    fn the_engine_finds_what_the_scan_finds() {
        let dir = tempfile::tempdir().unwrap();
        let ws = archive(&dir.path().join("a"), 80);
        let engine = SearchIndex::with_engine(
            &dir.path().join("index"),
            &ws.corpus,
            &ws.people,
            &ws.registry,
        );
        assert!(engine.has_engine(), "{:?}", engine.engine_status);
        let scan = SearchIndex::build(&ws.corpus);
        for q in QUERIES {
            for order in [Order::Corpus, Order::Date] {
                let opts = SearchOptions {
                    limit: 100_000,
                    order,
                    count_all: true,
                };
                let a = engine
                    .run(&ws.corpus, &ws.people, &ws.registry, q, &opts)
                    .unwrap();
                let b = scan
                    .run(&ws.corpus, &ws.people, &ws.registry, q, &opts)
                    .unwrap();
                assert_eq!(a.hits, b.hits, "{q}");
                assert_eq!((a.total, a.documents), (b.total, b.documents), "{q}");
            }
            // A first page puts only its documents in order: the same page as a full sort.
            for order in [Order::Corpus, Order::Date] {
                let first_page = SearchOptions {
                    limit: 20,
                    order,
                    count_all: false,
                };
                let a = engine
                    .run(&ws.corpus, &ws.people, &ws.registry, q, &first_page)
                    .unwrap();
                let b = scan
                    .run(&ws.corpus, &ws.people, &ws.registry, q, &first_page)
                    .unwrap();
                assert_eq!(a.hits, b.hits, "{q}: first page by {order:?}");
                assert_eq!(
                    a.documents, b.documents,
                    "{q}: the document count stays exact"
                );
            }
        }
    }

    /// A search reads the texts it looks into without keeping them: a session's searches do
    /// not fill memory with an archive's texts.
    #[test]
    fn a_search_keeps_no_text_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let ws = archive(&dir.path().join("a"), 30);
        assert!(ws.corpus.documents.iter().all(|d| !d.text.is_loaded()));
        let r = ws.find("Castro", &SearchOptions::default()).unwrap();
        assert!(r.hits.len() > 10 && r.hits.iter().all(|h| !h.snippet.is_empty()));
        assert!(ws.corpus.documents.iter().all(|d| !d.text.is_loaded()));
    }

    #[test]
    fn bm25_puts_the_document_that_is_most_about_the_word_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = archive(&dir.path().join("a"), 40);
        crate::corpus::synthetic::append_text(
            &mut std::sync::Arc::make_mut(&mut ws.corpus).documents[17],
            "\n\nZapata. Zapata spoke of Zapata.",
        );
        crate::corpus::synthetic::append_text(
            &mut std::sync::Arc::make_mut(&mut ws.corpus).documents[3],
            "\n\nOne Zapata.",
        );
        let engine = SearchIndex::with_engine(
            &dir.path().join("index"),
            &ws.corpus,
            &ws.people,
            &ws.registry,
        );
        let opts = SearchOptions {
            limit: 10,
            order: Order::Relevance,
            count_all: false,
        };
        let r = engine
            .run(&ws.corpus, &ws.people, &ws.registry, "zapata", &opts)
            .unwrap();
        assert_eq!(r.documents, 2);
        assert_eq!(r.hits[0].doc, ws.corpus.documents[17].id());
        assert_eq!(r.hits.last().unwrap().doc, ws.corpus.documents[3].id());
    }

    #[test]
    fn the_index_is_updated_incrementally_and_rebuilt_when_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = archive(&dir.path().join("a"), 30);
        let index = dir.path().join("index");
        let (_, first) = Engine::open(&index, &ws.corpus, &ws.people, 7).unwrap();
        assert_eq!(
            (first.indexed, first.rebuilt.as_deref()),
            (30, Some("no index yet"))
        );
        let (_, warm) = Engine::open(&index, &ws.corpus, &ws.people, 7).unwrap();
        assert_eq!(warm, EngineReport::default(), "nothing to do");
        // One document changes, one goes.
        crate::corpus::synthetic::append_text(
            &mut std::sync::Arc::make_mut(&mut ws.corpus).documents[5],
            " Quetzalcoatl.",
        );
        std::sync::Arc::make_mut(&mut ws.corpus).documents.remove(9);
        let (engine, changed) = Engine::open(&index, &ws.corpus, &ws.people, 7).unwrap();
        assert_eq!((changed.indexed, changed.removed), (1, 2));
        let expr = crate::search::query::parse("quetzalcoatl")
            .unwrap()
            .unwrap();
        assert_eq!(engine.candidates(&expr, false).unwrap().0.len(), 1);
        drop(engine);
        // Damage every file of the index: it is rebuilt, and finds the same.
        for e in std::fs::read_dir(&index).unwrap().flatten() {
            std::fs::write(e.path(), b"damaged").unwrap();
        }
        let (engine, rebuilt) = Engine::open(&index, &ws.corpus, &ws.people, 7).unwrap();
        assert!(rebuilt.rebuilt.is_some(), "{rebuilt:?}");
        assert_eq!(rebuilt.indexed, 29);
        assert_eq!(engine.candidates(&expr, false).unwrap().0.len(), 1);
    }
}
