//! Search: full text over the corpus, insensitive to case, diacritics, curly quotes and
//! homoglyphs, with phrase search ("quoted") and snippets; fuzzy matching for titles and people.

pub mod fuzzy;

pub use crate::text::fold::{FoldedText, fold, strip_diacritics};

use crate::corpus::Corpus;
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

/// The result of a search.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchResult {
    /// Hits in corpus order, at most the limit asked for.
    pub hits: Vec<Hit>,
    /// All hits, including those beyond the limit.
    pub total: usize,
    /// Number of documents that match.
    pub documents: usize,
}

/// A parsed query: words (all must occur) and "quoted phrases".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Folded terms; each is a word or a phrase.
    pub terms: Vec<String>,
}

impl Query {
    /// Parses a query: `"exact phrase"` is one term, other words are terms of their own.
    /// Unquoted stop words ("of", "the") are dropped when the query has other terms.
    pub fn parse(q: &str) -> Query {
        const STOP_WORDS: [&str; 12] = [
            "a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with",
        ];
        let mut terms = Vec::new();
        for (i, part) in q.split('"').enumerate() {
            if i % 2 == 1 {
                let t = fold(part.trim());
                if !t.is_empty() {
                    terms.push(t);
                }
            } else {
                let words: Vec<String> = part
                    .split_whitespace()
                    .map(fold)
                    .filter(|t| !t.is_empty())
                    .collect();
                let content = words.iter().any(|w| !STOP_WORDS.contains(&w.as_str()));
                terms.extend(
                    words
                        .into_iter()
                        .filter(|w| !content || !STOP_WORDS.contains(&w.as_str())),
                );
            }
        }
        Query { terms }
    }
}

/// A search index: every document's folded text, built once per corpus.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    folded: Vec<FoldedText>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl SearchIndex {
    /// Folds every document of the corpus.
    pub fn build(corpus: &Corpus) -> SearchIndex {
        SearchIndex {
            folded: crate::parallel::par_map(&corpus.documents, |d| FoldedText::new(&d.text)),
        }
    }

    /// Occurrences of one folded term in one document, as folded byte ranges. Terms match at the
    /// start of a word ("castro" finds "Castro’s" but not "Fidelcastro").
    fn occurrences(&self, doc: usize, term: &str) -> Vec<(usize, usize)> {
        let hay = &self.folded[doc].folded;
        let bytes = hay.as_bytes();
        let starts_word = term.as_bytes().first().is_some_and(|b| is_word_byte(*b));
        hay.match_indices(term)
            .filter(|(i, _)| !starts_word || *i == 0 || !is_word_byte(bytes[i - 1]))
            .map(|(i, m)| (i, i + m.len()))
            .collect()
    }

    /// Runs a query over the corpus; a document matches when every term occurs in it.
    pub fn search(&self, corpus: &Corpus, query: &str, limit: usize) -> SearchResult {
        let q = Query::parse(query);
        let mut result = SearchResult::default();
        if q.terms.is_empty() {
            return result;
        }
        for (d, doc) in corpus.documents.iter().enumerate() {
            let Some(f) = self.folded.get(d) else { break };
            let mut ranges = Vec::new();
            let mut all = true;
            for term in &q.terms {
                let occ = self.occurrences(d, term);
                if occ.is_empty() {
                    all = false;
                    break;
                }
                ranges.extend(occ);
            }
            if !all {
                continue;
            }
            ranges.sort_unstable();
            ranges.dedup();
            result.documents += 1;
            result.total += ranges.len();
            for (s, e) in ranges {
                if result.hits.len() >= limit {
                    break;
                }
                let (sb, sc) = f.to_original(s);
                let (eb, ec) = f.to_original(e);
                result.hits.push(Hit {
                    doc: doc.meta.id.clone(),
                    start: sc,
                    end: ec,
                    snippet: snippet(&doc.text, sb, eb),
                    page: doc.page_at(sc),
                });
            }
        }
        result
    }

    /// Hits of a query inside one document (char ranges), for the reader's find bar.
    pub fn find_in(&self, corpus: &Corpus, doc_id: &str, query: &str) -> Vec<(usize, usize)> {
        let Some(d) = corpus.index_of(doc_id) else {
            return Vec::new();
        };
        let q = Query::parse(query);
        let f = &self.folded[d];
        let mut out: Vec<(usize, usize)> = q
            .terms
            .iter()
            .flat_map(|t| self.occurrences(d, t))
            .map(|(s, e)| (f.to_original(s).1, f.to_original(e).1))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
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
