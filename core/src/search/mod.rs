//! Search: full text over the corpus in one query language ([`query`]), insensitive to case,
//! diacritics, curly quotes and homoglyphs, with phrases, boolean operators, NEAR, prefixes,
//! fuzzy words and date, kind, part and person filters; hits with exact char offsets, pages and
//! snippets ([`matcher`]); fuzzy matching for titles and people ([`fuzzy`]).

pub mod cooccurrence;
pub mod direct;
pub mod engine;
pub mod frequency;
pub mod fuzzy;
pub mod matcher;
pub mod notes;
pub mod query;
mod query_print;

pub use crate::text::fold::{FoldedText, fold, strip_diacritics};
pub use query::{Expr, QueryError};

use crate::corpus::Corpus;
use crate::people::{PeopleIndex, Registry};
use matcher::{DocFacts, WordText, eval, needs_text};
use serde::Serialize;

/// One hit: a document, char offsets, a snippet and the working-paper page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// The document of the match (an id of the corpus).
    pub doc: String,
    /// Start char offset into the document text.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// The hit in context, on one line.
    pub snippet: String,
    /// Page of the working paper where the hit stands (none for user documents).
    pub page: Option<u32>,
}

/// In which order matching documents come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// The corpus's own order (the paper's, then the user's documents): stable, for scripts.
    #[default]
    Corpus,
    /// By the document's date, undated last (how historians read).
    Date,
    /// Best match first (more of the query's words, in a shorter document).
    Relevance,
}

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// At most this many hits are listed (all are counted when `count_all`).
    pub limit: usize,
    /// The order of documents (hits within a document are in text order).
    pub order: Order,
    /// Count every hit in every matching document (exhaustive, for `--json`); otherwise stop
    /// looking once `limit` hits are listed (the document count stays exact).
    pub count_all: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 200,
            order: Order::Corpus,
            count_all: true,
        }
    }
}

/// The result of a search.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchResult {
    /// Hits, at most the limit asked for, document by document in the order asked for.
    pub hits: Vec<Hit>,
    /// All hits, including those beyond the limit (only those looked at when not `complete`).
    pub total: usize,
    /// Number of documents that match.
    pub documents: usize,
    /// Whether `total` counts every hit.
    pub complete: bool,
}

/// A search of the documents cannot answer questions about notes: it says where to ask them.
pub fn refuse_note_fields(e: &Expr) -> Result<(), QueryError> {
    match e.note_field() {
        Some(field) => Err(QueryError {
            at: 1,
            message: format!(
                "{field} asks about your notes; search with your notebook (Search all documents in the window, `readingroom search --notebook FILE`), or ask View > Questions about my notes (`readingroom query`)"
            ),
        }),
        None => Ok(()),
    }
}

/// Whether a part of a query asks only about notes (tags, note words, authors), so that a
/// document's notes decide it without its text.
fn only_about_notes(e: &Expr) -> bool {
    match e {
        Expr::Tag(..) | Expr::InNote(_) | Expr::By(_) => true,
        Expr::And(v) | Expr::Or(v) => v.iter().all(only_about_notes),
        Expr::Not(inner) => only_about_notes(inner),
        _ => false,
    }
}

/// The parts of a query's top-level AND that ask only about notes, and the rest (None: nothing
/// is left, every document is a candidate).
fn split_note_conjuncts(e: &Expr) -> (Vec<Expr>, Option<Expr>) {
    let parts: Vec<Expr> = match e {
        Expr::And(v) => v.clone(),
        other => vec![other.clone()],
    };
    let (notes, mut rest): (Vec<Expr>, Vec<Expr>) = parts.into_iter().partition(only_about_notes);
    let rest = match rest.len() {
        0 => None,
        1 => rest.pop(),
        _ => Some(Expr::And(rest)),
    };
    (notes, rest)
}

/// A search of the documents with your notes answers `tag:`, `note:` and `by:` about the notes
/// on each document, but `counterpart:` asks about a note's own passage: it says where to ask.
pub fn refuse_passage_fields(e: &Expr) -> Result<(), QueryError> {
    let found = match e {
        Expr::Counterpart(_) => true,
        Expr::And(v) | Expr::Or(v) => return v.iter().try_for_each(refuse_passage_fields),
        Expr::Not(inner) => return refuse_passage_fields(inner),
        _ => false,
    };
    if found {
        return Err(QueryError {
            at: 1,
            message: "counterpart: asks about a note's passage; ask it in View > Questions about my notes (or `readingroom query`)".into(),
        });
    }
    Ok(())
}

/// Replaces each person filter's name with the registry id it names.
pub(crate) fn resolve_people(e: Expr, registry: &Registry) -> Result<Expr, QueryError> {
    Ok(match e {
        Expr::Person(name, role) => match registry.resolve(&name) {
            Some(p) => Expr::Person(p.id.clone(), role),
            None => {
                let hint = registry
                    .suggest(&name, 3)
                    .iter()
                    .map(|p| p.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(QueryError {
                    at: 1,
                    message: if hint.is_empty() {
                        format!("no one called {name:?} is in the people registry")
                    } else {
                        format!(
                            "no one called {name:?} is in the people registry; did you mean {hint}?"
                        )
                    },
                });
            }
        },
        Expr::And(v) => Expr::And(
            v.into_iter()
                .map(|e| resolve_people(e, registry))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Or(v) => Expr::Or(
            v.into_iter()
                .map(|e| resolve_people(e, registry))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Not(e) => Expr::Not(Box::new(resolve_people(*e, registry)?)),
        e => e,
    })
}

/// The search index. Without an engine it scans every document (fine for the paper's 28); with
/// one ([`engine`], on disk) the engine picks and ranks the candidate documents and the
/// matcher checks them and finds the exact offsets.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    engine: Option<std::sync::Arc<engine::Engine>>,
    /// Each document's place in date order (by corpus index), made on the first search by date.
    date_rank: std::sync::OnceLock<Vec<u32>>,
    /// What opening the engine did, or why there is none (`None`: not asked for one).
    pub engine_status: Option<Result<engine::EngineReport, String>>,
}

/// One matching document: its index in the corpus, its hits (folded byte ranges), its text.
struct DocMatch {
    index: usize,
    ranges: Vec<(u32, u32)>,
    text: Option<WordText>,
    score: f32,
}

impl SearchIndex {
    /// The index for a corpus, scanning only (documents are folded as they are looked at).
    pub fn build(_corpus: &Corpus) -> SearchIndex {
        SearchIndex::default()
    }

    /// The index with its engine in `dir`, brought up to date with the corpus; scanning only
    /// if the engine cannot be opened (the reason is in `engine_status`).
    pub fn with_engine(
        dir: &std::path::Path,
        corpus: &Corpus,
        people: &PeopleIndex,
        registry: &Registry,
    ) -> SearchIndex {
        let registry_key = crate::analysis::cache::registry_key(registry);
        match engine::Engine::open(dir, corpus, people, registry_key) {
            Ok((e, report)) => SearchIndex {
                engine: Some(std::sync::Arc::new(e)),
                engine_status: Some(Ok(report)),
                date_rank: Default::default(),
            },
            Err(why) => SearchIndex {
                engine: None,
                engine_status: Some(Err(why)),
                date_rank: Default::default(),
            },
        }
    }

    /// Whether searches go through the engine.
    pub fn has_engine(&self) -> bool {
        self.engine.is_some()
    }

    /// Runs a query over the corpus.
    pub fn run(
        &self,
        corpus: &Corpus,
        people: &PeopleIndex,
        registry: &Registry,
        query: &str,
        opts: &SearchOptions,
    ) -> Result<SearchResult, QueryError> {
        self.run_with_notes(corpus, people, registry, query, opts, None)
    }

    /// Runs a query over the corpus, its note fields (`tag:`, `tagonly:`, `note:`, `by:`)
    /// asking about the notes on each document; without `notes` they are refused, saying where
    /// to ask.
    pub fn run_with_notes(
        &self,
        corpus: &Corpus,
        people: &PeopleIndex,
        registry: &Registry,
        query: &str,
        opts: &SearchOptions,
        notes: Option<&notes::NotesByDocument>,
    ) -> Result<SearchResult, QueryError> {
        let Some(expr) = query::parse(query)? else {
            return Ok(SearchResult {
                complete: true,
                ..SearchResult::default()
            });
        };
        match notes {
            None => refuse_note_fields(&expr)?,
            Some(_) => refuse_passage_fields(&expr)?,
        }
        let expr = resolve_people(expr, registry)?;
        let relevance = opts.order == Order::Relevance;
        // Parts of an AND that ask only about notes decide a document without its text: the
        // engine is asked for the rest, and its documents are kept when their notes agree.
        let (about_notes, rest) = match notes {
            Some(_) => split_note_conjuncts(&expr),
            None => (Vec::new(), Some(expr.clone())),
        };
        let from_engine = self.engine.as_ref().and_then(|e| match &rest {
            Some(r) => e.candidates(r, relevance).ok(),
            None => Some((
                (0..corpus.documents.len()).map(|i| (i, 0.0)).collect(),
                true,
            )),
        });
        let keep = |list: &mut Vec<(usize, f32)>| {
            if !about_notes.is_empty() {
                list.retain(|&(i, _)| {
                    let doc = &corpus.documents[i];
                    let facts = DocFacts {
                        doc,
                        roles: None,
                        notes: notes.and_then(|n| n.get(i)),
                    };
                    about_notes.iter().all(|p| eval(p, &facts, None).is_some())
                });
            }
        };
        let from_engine = from_engine.map(|(mut c, exact)| {
            keep(&mut c);
            (c, exact)
        });
        let known_total = match (&self.engine, &from_engine, &rest) {
            (Some(e), Some((c, true)), Some(r)) if opts.count_all => {
                let matching: Vec<usize> = c.iter().map(|x| x.0).collect();
                e.count_hits(r, &matching)
            }
            (Some(_), Some((_, true)), None) if opts.count_all => Some(0),
            _ => None,
        };
        let (candidates, exact, scored) = match from_engine {
            Some((c, exact)) => (c, exact, relevance),
            None => {
                let mut all: Vec<(usize, f32)> =
                    (0..corpus.documents.len()).map(|i| (i, 0.0)).collect();
                keep(&mut all);
                (all, false, false)
            }
        };
        let rank = (opts.order == Order::Date).then(|| self.date_rank(corpus));
        Ok(evaluate(
            corpus,
            people,
            notes,
            &expr,
            Candidates {
                list: candidates,
                exact,
                scored,
                known_total,
                date_rank: rank.as_deref(),
            },
            opts,
        ))
    }

    /// Each document's place in date order, remembered for this corpus (made afresh, and not
    /// kept, for a corpus of another size than the one it was made for).
    fn date_rank(&self, corpus: &Corpus) -> std::borrow::Cow<'_, [u32]> {
        let make = || {
            let mut order: Vec<usize> = (0..corpus.documents.len()).collect();
            order.sort_by_cached_key(|&i| date_key(corpus, i));
            let mut rank = vec![0u32; order.len()];
            for (place, i) in order.into_iter().enumerate() {
                rank[i] = place as u32;
            }
            rank
        };
        let kept = self.date_rank.get_or_init(make);
        if kept.len() == corpus.documents.len() {
            std::borrow::Cow::Borrowed(kept)
        } else {
            std::borrow::Cow::Owned(make())
        }
    }

    /// Hits of a query inside one document (char ranges), for the reader's find bar: every
    /// word and phrase of the query where a word starts with it ("Esc" finds "Escambray" as you
    /// type), operators and fields ignored.
    pub fn find_in(&self, corpus: &Corpus, doc_id: &str, query: &str) -> Vec<(usize, usize)> {
        let Some(doc) = corpus.get(doc_id) else {
            return Vec::new();
        };
        let terms: Vec<query::TextTerm> = match query::parse(query) {
            Ok(Some(e)) => e.positive_terms().into_iter().cloned().collect(),
            _ => query::folded_words(query)
                .into_iter()
                .map(|w| query::TextTerm {
                    words: vec![w],
                    prefix: true,
                    fuzzy: 0,
                    quoted: false,
                })
                .collect(),
        };
        let text = WordText::new(&doc.text);
        let facts = DocFacts {
            doc,
            roles: None,
            notes: None,
        };
        let mut out: Vec<(usize, usize)> = terms
            .into_iter()
            .filter_map(|mut t| {
                t.prefix = true;
                eval(&Expr::Text(t), &facts, Some(&text))
            })
            .flatten()
            .map(|r| text.to_chars(r))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The documents a search looks at, as the engine (or a scan) gave them.
pub(crate) struct Candidates<'a> {
    /// Corpus indexes, with the engine's score.
    pub list: Vec<(usize, f32)>,
    /// They are exactly the matching documents.
    pub exact: bool,
    /// Their scores are the engine's (BM25).
    pub scored: bool,
    /// Every hit, counted by the engine, when it can.
    pub known_total: Option<usize>,
    /// Each document's place in date order, when known (else dates are compared).
    pub date_rank: Option<&'a [u32]>,
}

/// Decides every candidate document with the matcher (or, when the candidates are exactly the
/// matches and not every hit is wanted, only as many as fill the page), in the order asked for,
/// and makes the hits: exact char offsets, snippets, pages. `exact`: the candidates are the
/// matching documents; `scored`: their scores are the engine's.
pub(crate) fn evaluate(
    corpus: &Corpus,
    people: &PeopleIndex,
    notes: Option<&notes::NotesByDocument>,
    expr: &Expr,
    found: Candidates<'_>,
    opts: &SearchOptions,
) -> SearchResult {
    let Candidates {
        list: mut candidates,
        exact,
        scored,
        known_total,
        date_rank,
    } = found;
    let relevance = opts.order == Order::Relevance;
    let wants_text = needs_text(expr);
    let check = |&(i, score): &(usize, f32)| -> Option<DocMatch> {
        let doc = &corpus.documents[i];
        let facts = DocFacts {
            doc,
            roles: people.roles.get(doc.id()),
            notes: notes.and_then(|n| n.get(i)),
        };
        let text = wants_text.then(|| WordText::new(&doc.text.read()));
        let mut ranges = eval(expr, &facts, text.as_ref())?;
        ranges.sort_unstable();
        ranges.dedup();
        let score = if scored {
            score
        } else {
            let words = text.as_ref().map_or(1, |t| t.words.len().max(1));
            ranges.len() as f32 / (words as f32).sqrt()
        };
        Some(DocMatch {
            index: i,
            ranges,
            text,
            score,
        })
    };
    let mut result = SearchResult::default();
    let page_only = !opts.count_all || known_total.is_some();
    let matches: Vec<DocMatch> = if exact && page_only && (scored || !relevance) {
        // The engine's documents are exactly the matches: look at them in order, only
        // until the page is full.
        // A page of `limit` hits needs at most `limit` documents: only those are put in order
        // (the rest only if some of them had no hit after all).
        let first = opts.limit.min(candidates.len());
        order_first(&mut candidates, first, corpus, opts.order, date_rank);
        result.documents = candidates.len();
        let mut listed = 0;
        let mut out = Vec::new();
        for k in 0..candidates.len() {
            if listed >= opts.limit {
                break;
            }
            if k == first {
                sort_candidates(&mut candidates[first..], corpus, opts.order, date_rank);
            }
            if let Some(m) = check(&candidates[k]) {
                listed += m.ranges.len();
                out.push(m);
            }
        }
        result.complete = out.len() == candidates.len();
        out
    } else {
        let mut all: Vec<DocMatch> = crate::parallel::par_map(&candidates, check)
            .into_iter()
            .flatten()
            .collect();
        sort_matches(&mut all, corpus, opts.order, date_rank);
        result.documents = all.len();
        result.complete = true;
        all
    };
    for m in &matches {
        result.total += m.ranges.len();
        let doc = &corpus.documents[m.index];
        let mut original = None;
        for &r in &m.ranges {
            if result.hits.len() >= opts.limit {
                break;
            }
            let Some(text) = &m.text else { break };
            // Read for the snippets, not kept: a session's searches do not fill memory with texts.
            let original = original.get_or_insert_with(|| doc.text.read());
            let (sb, sc) = text.folded.to_original(r.0 as usize);
            let (eb, ec) = text.folded.to_original(r.1 as usize);
            result.hits.push(Hit {
                doc: doc.meta.id.clone(),
                start: sc,
                end: ec,
                snippet: snippet(original, sb, eb),
                page: doc.page_at(sc),
            });
        }
    }
    if let Some(total) = known_total
        && exact
        && (scored || !relevance)
    {
        result.total = total;
        result.complete = true;
    }
    result
}

fn date_key(corpus: &Corpus, i: usize) -> (bool, Option<time::Date>, usize) {
    let d = corpus.documents[i].meta.date.as_ref();
    (d.is_none(), d.and_then(|d| d.first_day()), i)
}

/// The order of two documents (corpus indexes with scores) as `order` asks.
fn compare(
    a: (usize, f32),
    b: (usize, f32),
    corpus: &Corpus,
    order: Order,
    rank: Option<&[u32]>,
) -> std::cmp::Ordering {
    match order {
        Order::Corpus => a.0.cmp(&b.0),
        Order::Date => match rank {
            Some(r) => r[a.0].cmp(&r[b.0]),
            None => date_key(corpus, a.0).cmp(&date_key(corpus, b.0)),
        },
        Order::Relevance => b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)),
    }
}

fn sort_candidates(c: &mut [(usize, f32)], corpus: &Corpus, order: Order, rank: Option<&[u32]>) {
    match (order, rank) {
        (Order::Date, None) => c.sort_by_cached_key(|m| date_key(corpus, m.0)),
        _ => c.sort_by(|a, b| compare(*a, *b, corpus, order, rank)),
    }
}

/// Puts the first `n` candidates in order (and the rest after them, unordered).
fn order_first(
    c: &mut [(usize, f32)],
    n: usize,
    corpus: &Corpus,
    order: Order,
    rank: Option<&[u32]>,
) {
    if n == 0 || n >= c.len() {
        sort_candidates(c, corpus, order, rank);
        return;
    }
    c.select_nth_unstable_by(n - 1, |a, b| compare(*a, *b, corpus, order, rank));
    sort_candidates(&mut c[..n], corpus, order, rank);
}

fn sort_matches(matches: &mut [DocMatch], corpus: &Corpus, order: Order, rank: Option<&[u32]>) {
    match (order, rank) {
        (Order::Date, None) => matches.sort_by_cached_key(|m| date_key(corpus, m.index)),
        _ => matches
            .sort_by(|a, b| compare((a.index, a.score), (b.index, b.score), corpus, order, rank)),
    }
}

/// About 60 chars of context either side of a byte range, on one line, with ellipses.
pub fn snippet(text: &str, start: usize, end: usize) -> String {
    const CONTEXT: usize = 60;
    let mut s = start;
    let mut n = 0;
    while s > 0 && n < CONTEXT {
        s -= 1;
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        n += 1;
    }
    let mut e = end;
    n = 0;
    while e < text.len() && n < CONTEXT {
        e += 1;
        while !text.is_char_boundary(e) {
            e += 1;
        }
        n += 1;
    }
    let body: String = text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}{}{}",
        if s > 0 { "…" } else { "" },
        body,
        if e < text.len() { "…" } else { "" }
    )
}
