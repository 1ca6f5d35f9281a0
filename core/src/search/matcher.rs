//! Matching a parsed query against one document. This is the truth of what a query means: the
//! index ([`super::engine`]) only narrows down which documents to look at, and every hit, with
//! its exact char offsets, comes from here — so the window, the CLI and the fallback scan agree.

use super::query::{Expr, PersonRole, TextTerm};
use crate::corpus::Document;
use crate::people::Role;
use crate::text::fold::FoldedText;
use std::collections::{BTreeMap, BTreeSet};

/// A document's text folded and cut into words, as the index cuts it.
#[derive(Debug, Clone)]
pub struct WordText {
    /// The folded text, with its map back to the original.
    pub folded: FoldedText,
    /// Each word as a folded byte range.
    pub words: Vec<(u32, u32)>,
}

impl WordText {
    /// Folds a text and finds its words (runs of letters and digits).
    pub fn new(text: &str) -> WordText {
        let folded = FoldedText::new(text);
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in folded.folded.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s as u32, i as u32));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push((s as u32, folded.folded.len() as u32));
        }
        WordText { folded, words }
    }

    fn word(&self, i: usize) -> &str {
        let (s, e) = self.words[i];
        &self.folded.folded[s as usize..e as usize]
    }

    /// Original char range of a folded byte range.
    pub fn to_chars(&self, (s, e): (u32, u32)) -> (usize, usize) {
        (
            self.folded.to_original(s as usize).1,
            self.folded.to_original(e as usize).1,
        )
    }
}

/// What a query may ask of a document besides its words.
pub struct DocFacts<'a> {
    /// The document (date, kind, part).
    pub doc: &'a Document,
    /// Each person's roles in it (ids).
    pub roles: Option<&'a BTreeMap<String, BTreeSet<Role>>>,
    /// Your notes on it, when the search asks about notes (`tag:`, `note:`, `by:`).
    pub notes: Option<&'a super::notes::DocNotes>,
}

/// Are two words at most `max` edits apart?
pub fn within_edits(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    crate::text::distance::edit_distance(&a, &b, max).is_some()
}

fn word_matches(term: &TextTerm, k: usize, word: &str) -> bool {
    let want = &term.words[k];
    let last = k + 1 == term.words.len();
    if last && term.prefix {
        word.starts_with(want.as_str())
    } else if term.fuzzy > 0 {
        within_edits(word, want, term.fuzzy as usize)
    } else {
        word == want
    }
}

/// Where a text term occurs: (first word, last word) index pairs.
fn occurrences(term: &TextTerm, text: &WordText) -> Vec<(usize, usize)> {
    let n = term.words.len();
    if n == 0 || text.words.len() < n {
        return Vec::new();
    }
    // Most texts lack the words altogether: a substring search says so at once (a fuzzy word
    // may be spelt otherwise, so it is not checked this way).
    if term.fuzzy == 0
        && term
            .words
            .iter()
            .any(|w| !text.folded.folded.contains(w.as_str()))
    {
        return Vec::new();
    }
    (0..=text.words.len() - n)
        .filter(|&i| (0..n).all(|k| word_matches(term, k, text.word(i + k))))
        .map(|i| (i, i + n - 1))
        .collect()
}

fn span(text: &WordText, (first, last): (usize, usize)) -> (u32, u32) {
    (text.words[first].0, text.words[last].1)
}

fn person_matches(facts: &DocFacts<'_>, id: &str, role: PersonRole) -> bool {
    let Some(roles) = facts.roles.and_then(|r| r.get(id)) else {
        return false;
    };
    roles.iter().any(|r| match role {
        PersonRole::Any => true,
        PersonRole::Present => matches!(r, Role::Present | Role::Recorder),
        PersonRole::Spoke => *r == Role::Spoke,
        PersonRole::Mentioned => *r == Role::Mentioned,
        PersonRole::Author => *r == Role::Author,
    })
}

/// Does the query need the document's words (or only its metadata)?
pub fn needs_text(e: &Expr) -> bool {
    match e {
        Expr::Text(_) | Expr::Near(..) => true,
        Expr::And(v) | Expr::Or(v) => v.iter().any(needs_text),
        Expr::Not(e) => needs_text(e),
        _ => false,
    }
}

/// Matches a query against a document: `None` when it does not match, else the folded byte
/// ranges of what matched (empty for a match on metadata alone). `text` is needed only when
/// [`needs_text`] says so.
pub fn eval(e: &Expr, facts: &DocFacts<'_>, text: Option<&WordText>) -> Option<Vec<(u32, u32)>> {
    let yes = |b: bool| b.then(Vec::new);
    match e {
        Expr::Text(t) => words(t, text?),
        Expr::Near(a, b, n) => near(a, b, *n, text?),
        Expr::And(parts) => {
            let mut out = Vec::new();
            for p in parts {
                out.extend(eval(p, facts, text)?);
            }
            Some(out)
        }
        Expr::Or(parts) => {
            let found: Vec<Vec<(u32, u32)>> =
                parts.iter().filter_map(|p| eval(p, facts, text)).collect();
            (!found.is_empty()).then(|| found.into_iter().flatten().collect())
        }
        Expr::Not(inner) => yes(eval(inner, facts, text).is_none()),
        Expr::Date(from, to) => {
            let m = &facts.doc.meta;
            let (Some(first), Some(last)) = (
                m.date.as_ref().and_then(|d| d.first_day()),
                m.date.as_ref().and_then(|d| d.last_day()),
            ) else {
                return None;
            };
            yes(from.is_none_or(|f| last >= f) && to.is_none_or(|t| first <= t))
        }
        Expr::Kind(k) => yes(facts.doc.meta.kind.slug() == k),
        Expr::Part(p) => yes(facts.doc.meta.part.is_some_and(|x| x.slug() == p)
            || facts
                .doc
                .meta
                .collection
                .as_ref()
                .is_some_and(|c| c.to_lowercase() == *p)),
        Expr::Person(id, role) => yes(person_matches(facts, id, *role)),
        Expr::Doc(id) => yes(facts.doc.id() == id),
        // A search of the documents asks about the notes on each document (a question about
        // notes asks each note: `super::notes`); a passage's counterpart is a note's alone.
        Expr::Tag(name, within) => yes(facts.notes?.has_tag(name, *within)),
        Expr::By(name) => yes(facts.notes?.by(name)),
        Expr::InNote(t) => words(t, &facts.notes?.words).map(|_| Vec::new()),
        Expr::Counterpart(_) => None,
    }
}

/// Where a word or phrase occurs in a text (folded byte ranges), if it does.
pub fn words(t: &TextTerm, text: &WordText) -> Option<Vec<(u32, u32)>> {
    let occ = occurrences(t, text);
    (!occ.is_empty()).then(|| occ.into_iter().map(|o| span(text, o)).collect())
}

/// Where two words or phrases occur within `n` words of each other, if they do.
pub fn near(a: &TextTerm, b: &TextTerm, n: u32, text: &WordText) -> Option<Vec<(u32, u32)>> {
    let (oa, ob) = (occurrences(a, text), occurrences(b, text));
    let n = n as usize;
    let close = |x: (usize, usize), y: (usize, usize)| {
        let gap = if x.1 < y.0 {
            y.0 - x.1 - 1
        } else if y.1 < x.0 {
            x.0 - y.1 - 1
        } else {
            0
        };
        gap <= n
    };
    let mut out = Vec::new();
    for &x in &oa {
        for &y in &ob {
            if close(x, y) {
                out.push(span(text, x));
                out.push(span(text, y));
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits() {
        assert!(within_edits("dorticos", "dorticos", 0));
        assert!(within_edits("dortikos", "dorticos", 1));
        assert!(!within_edits("dortikoz", "dorticos", 1));
        assert!(within_edits("dortikoz", "dorticos", 2));
        assert!(within_edits("", "ab", 2));
    }

    #[test]
    fn words_are_cut_like_the_index_cuts_them() {
        let t = WordText::new("Castro’s “friends” — 1960-61, Núñez.");
        let words: Vec<&str> = (0..t.words.len()).map(|i| t.word(i)).collect();
        assert_eq!(words, ["castro", "s", "friends", "1960", "61", "nunez"]);
        assert_eq!(t.to_chars(t.words[5]), (30, 35));
    }
}
