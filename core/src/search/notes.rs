//! Questions about your notes, in the one query language ([`super::query`]): which passages you
//! coded `tag:"CIA plots"`, in which Castro speaks, dated March to June 1961, not in commentary.
//! Each note is asked passage by passage (a note on a pair has two); a note matches when one of
//! its passages does, and the hit names that passage.
//!
//! - Plain words look in the passage and in the note; `note:` only in the note.
//! - `tag:` takes the tags under a tag; `tagonly:` just it. `by:` is who wrote the note.
//! - `spoke:` asks who speaks in the passage itself, `mentioned:` who is named in it;
//!   `present:`, `person:`, `author:`, `date:`, `kind:`, `part:`/`collection:` and `doc:` ask
//!   about the passage's document. A memo has no document: only the note's own fields match it.

use super::matcher::{DocFacts, WordText};
use super::query::{self, Expr, PersonRole, QueryError};
use crate::Workspace;
use crate::notes::model::{Annotation, Notebook, Target};
use crate::notes::{AnchorStatus, Anchored};
use std::collections::HashMap;

/// How the answers are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NoteOrder {
    /// By document (the library's order), then place in it; memos last.
    #[default]
    Document,
    /// By the document's date (undated last), then place.
    Date,
}

/// One answer: a note, and the passage of it that matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteHit {
    /// Index of the note in the notebook's live notes.
    pub note: usize,
    /// Which of its targets matched (0: its first; see `Annotation::targets`).
    pub passage: usize,
    /// The passage's document in the corpus (None: a memo, or a document not in this library).
    pub doc: Option<usize>,
    /// Where the passage stands now (None: a memo, a whole-document note or an orphan).
    pub range: Option<(usize, usize)>,
}

/// A note's passage with what a question may ask of it.
struct Asked<'a> {
    ws: &'a Workspace,
    nb: &'a Notebook,
    note: &'a Annotation,
    target: &'a Target,
    doc: Option<usize>,
    range: Option<(usize, usize)>,
    quote_words: Option<WordText>,
    note_words: Option<WordText>,
}

impl Asked<'_> {
    fn quote_words(&mut self) -> &WordText {
        let quote = self.target.quote().unwrap_or("");
        self.quote_words.get_or_insert_with(|| WordText::new(quote))
    }

    fn note_words(&mut self) -> &WordText {
        let note = &self.note.note;
        self.note_words.get_or_insert_with(|| WordText::new(note))
    }

    fn facts(&self) -> Option<DocFacts<'_>> {
        let d = &self.ws.corpus.documents[self.doc?];
        Some(DocFacts {
            doc: d,
            roles: self.ws.people.roles.get(d.id()),
        })
    }

    /// Does the passage (or its document) answer this part of the question?
    fn matches(&mut self, e: &Expr) -> bool {
        match e {
            Expr::Text(t) => {
                super::matcher::words(t, self.quote_words()).is_some()
                    || super::matcher::words(t, self.note_words()).is_some()
            }
            Expr::Near(a, b, n) => {
                super::matcher::near(a, b, *n, self.quote_words()).is_some()
                    || super::matcher::near(a, b, *n, self.note_words()).is_some()
            }
            Expr::InNote(t) => super::matcher::words(t, self.note_words()).is_some(),
            Expr::And(parts) => parts.iter().all(|p| self.matches(p)),
            Expr::Or(parts) => parts.iter().any(|p| self.matches(p)),
            Expr::Not(inner) => !self.matches(inner),
            Expr::Tag(name, true) => self.nb.has_tag_within(self.note, name),
            Expr::Tag(name, false) => self.note.tags.iter().any(|t| t == name),
            Expr::By(name) => crate::text::fold(&self.note.author) == crate::text::fold(name),
            Expr::Person(id, PersonRole::Spoke) => self.spoken_by(id),
            Expr::Person(id, PersonRole::Mentioned) => self.names(id),
            Expr::Date(..) | Expr::Kind(_) | Expr::Part(_) | Expr::Person(..) | Expr::Doc(_) => {
                self.facts()
                    .is_some_and(|f| super::matcher::eval(e, &f, None).is_some())
            }
        }
    }

    /// The passage's document id and current range, when it has both.
    fn placed(&self) -> Option<(&str, (usize, usize))> {
        Some((self.ws.corpus.documents[self.doc?].id(), self.range?))
    }

    fn spoken_by(&self, person: &str) -> bool {
        let Some((doc, (s, e))) = self.placed() else {
            return false;
        };
        self.ws.speakers.passages.get(doc).is_some_and(|ps| {
            ps.iter()
                .any(|p| p.start < e && s < p.end && p.speakers.iter().any(|x| x == person))
        })
    }

    fn names(&self, person: &str) -> bool {
        let Some((doc, (s, e))) = self.placed() else {
            return false;
        };
        self.ws.people.mentions.get(doc).is_some_and(|ms| {
            ms.iter()
                .any(|m| m.start < e && s < m.end && m.person == person)
        })
    }
}

/// Asks a question of a notebook: the notes that match, each with the passage that did.
/// `anchors` are where each note's targets stand now (by note id, in `Annotation::targets`
/// order, as [`crate::notes::anchor_memo::AnchorMemo::anchor_all`] gives them); a target not
/// found there is placed where it was made.
pub fn ask(
    ws: &Workspace,
    nb: &Notebook,
    anchors: &HashMap<String, Vec<Anchored>>,
    question: &str,
    order: NoteOrder,
) -> Result<Vec<NoteHit>, QueryError> {
    let Some(expr) = query::parse(question)? else {
        return Ok(Vec::new());
    };
    let expr = super::resolve_people(expr, &ws.registry)?;
    Ok(ask_parsed(ws, nb, anchors, &expr, order))
}

/// [`ask`] with a parsed question whose people are resolved to ids.
pub fn ask_parsed(
    ws: &Workspace,
    nb: &Notebook,
    anchors: &HashMap<String, Vec<Anchored>>,
    expr: &Expr,
    order: NoteOrder,
) -> Vec<NoteHit> {
    let mut hits = Vec::new();
    for (i, note) in nb.annotations.iter().enumerate() {
        let placed = anchors.get(&note.id);
        for (k, target) in note.targets().enumerate() {
            let doc = target.doc().and_then(|d| ws.corpus.index_of(d));
            let range = match (target, placed.and_then(|p| p.get(k))) {
                (Target::Text { .. }, Some(an))
                    if !matches!(an.status, AnchorStatus::Orphan | AnchorStatus::Unanchored) =>
                {
                    Some((an.start, an.end))
                }
                (Target::Text { position, .. }, None) => Some((position.start, position.end)),
                _ => None,
            };
            let mut asked = Asked {
                ws,
                nb,
                note,
                target,
                doc,
                range,
                quote_words: None,
                note_words: None,
            };
            if asked.matches(expr) {
                hits.push(NoteHit {
                    note: i,
                    passage: k,
                    doc,
                    range,
                });
                break;
            }
        }
    }
    sort(ws, &mut hits, order);
    hits
}

fn sort(ws: &Workspace, hits: &mut [NoteHit], order: NoteOrder) {
    let docs = &ws.corpus.documents;
    hits.sort_by_cached_key(|h| {
        let date = h
            .doc
            .and_then(|d| docs[d].meta.date.as_ref())
            .and_then(|d| d.first_day());
        let by_date = match order {
            NoteOrder::Date => (date.is_none(), date),
            NoteOrder::Document => (false, None),
        };
        (
            by_date,
            h.doc.unwrap_or(usize::MAX),
            h.range.map_or(0, |r| r.0),
            h.note,
        )
    });
}
