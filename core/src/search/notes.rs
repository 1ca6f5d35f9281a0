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
//! - `counterpart:missing` (or `changed`, `partly`, `same`) asks how the passage fares in the
//!   other version of its document (`compare::projection`); a passage of a document with no
//!   other version answers none of them.

use super::matcher::{DocFacts, WordText};
use super::query::{self, Expr, PersonRole, QueryError};
use crate::Workspace;
use crate::compare::projection::{Counterpart, Versions, counterpart_of};
use crate::notes::model::{Annotation, Notebook, Target};
use crate::notes::{AnchorStatus, Anchored};
use std::borrow::Cow;
use std::collections::HashMap;

/// Every note's words (its text and each passage's quote) and each passage's document, found
/// once and kept while the notebook and the library do not change: a question with words then
/// costs a scan, not a fold of 10,000 notes.
#[derive(Debug, Clone, Default)]
pub struct NoteWords {
    revision: Option<(u64, u64)>,
    /// Per note: its text's words, then per target its quote's words and its document.
    notes: Vec<(WordText, Vec<PassageWords>)>,
}

/// A passage's quote, cut into words, and its document in the corpus.
type PassageWords = (WordText, Option<usize>);

impl NoteWords {
    /// The words of the notebook at this revision (cut again only when it or the library
    /// changed).
    pub fn update(&mut self, ws: &Workspace, nb: &Notebook, revision: u64) {
        let key = (revision, ws.revision);
        if self.revision == Some(key) && self.notes.len() == nb.annotations.len() {
            return;
        }
        self.notes = nb
            .annotations
            .iter()
            .map(|a| {
                (
                    WordText::new(&a.note),
                    a.targets()
                        .map(|t| {
                            (
                                WordText::new(t.quote().unwrap_or("")),
                                t.doc().and_then(|d| ws.corpus.index_of(d)),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        self.revision = Some(key);
    }

    fn get(&self, note: usize, target: usize) -> Option<(&WordText, &WordText, Option<usize>)> {
        let (n, quotes) = self.notes.get(note)?;
        let (q, doc) = quotes.get(target)?;
        Some((n, q, *doc))
    }
}

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

/// What a question's note fields come to, worked out once for all notes: each `tag:` with the
/// tags under it, each `by:` folded.
#[derive(Default)]
struct Prepared<'a> {
    tags: HashMap<&'a str, Vec<&'a str>>,
    authors: HashMap<&'a str, String>,
    folded_authors: std::cell::RefCell<HashMap<&'a str, String>>,
    /// For `counterpart:`, the notebook (whose corrections the alignments take), and each
    /// pair of versions aligned the first time a passage of either asks (by document id).
    notebook: Option<&'a Notebook>,
    versions: std::cell::RefCell<HashMap<String, Option<std::rc::Rc<Versions>>>>,
}

impl<'a> Prepared<'a> {
    fn new(nb: &'a Notebook, e: &'a Expr) -> Prepared<'a> {
        let mut p = Prepared::default();
        fn walk<'a>(nb: &'a Notebook, e: &'a Expr, p: &mut Prepared<'a>) {
            match e {
                Expr::Tag(name, true) => {
                    let mut all = nb.tag_and_descendants(name);
                    if all.is_empty() {
                        all.push(name);
                    }
                    p.tags.insert(name, all);
                }
                Expr::By(name) => {
                    p.authors.insert(name, crate::text::fold(name));
                }
                Expr::Counterpart(_) => p.notebook = Some(nb),
                Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| walk(nb, e, p)),
                Expr::Not(e) => walk(nb, e, p),
                _ => {}
            }
        }
        walk(nb, e, &mut p);
        p
    }

    fn has_tag_within(&self, a: &Annotation, name: &str) -> bool {
        self.tags
            .get(name)
            .is_some_and(|all| a.tags.iter().any(|t| all.contains(&t.as_str())))
    }

    /// The versions a document belongs to (None: it has no other version), aligned once per
    /// question.
    fn versions(&self, ws: &Workspace, doc: &str) -> Option<std::rc::Rc<Versions>> {
        let nb = self.notebook?;
        if let Some(v) = self.versions.borrow().get(doc) {
            return v.clone();
        }
        let made = counterpart_of(ws, nb, doc).and_then(|(other, first)| {
            let (a, b) = if first {
                (doc, other.as_str())
            } else {
                (other.as_str(), doc)
            };
            let v = std::rc::Rc::new(Versions::new(ws, nb, a, b)?);
            self.versions
                .borrow_mut()
                .insert(other.clone(), Some(v.clone()));
            Some(v)
        });
        self.versions
            .borrow_mut()
            .insert(doc.to_string(), made.clone());
        made
    }

    fn wrote(&self, a: &'a Annotation, name: &str) -> bool {
        let Some(want) = self.authors.get(name) else {
            return false;
        };
        let mut folded = self.folded_authors.borrow_mut();
        let have = folded
            .entry(a.author.as_str())
            .or_insert_with(|| crate::text::fold(&a.author));
        have == want
    }
}

/// A note's passage with what a question may ask of it.
struct Asked<'a> {
    ws: &'a Workspace,
    prepared: &'a Prepared<'a>,
    note: &'a Annotation,
    target: &'a Target,
    doc: Option<usize>,
    range: Option<(usize, usize)>,
    quote_words: Option<Cow<'a, WordText>>,
    note_words: Option<Cow<'a, WordText>>,
}

impl Asked<'_> {
    fn quote_words(&mut self) -> &WordText {
        let quote = self.target.quote().unwrap_or("");
        self.quote_words
            .get_or_insert_with(|| Cow::Owned(WordText::new(quote)))
    }

    fn note_words(&mut self) -> &WordText {
        let note = &self.note.note;
        self.note_words
            .get_or_insert_with(|| Cow::Owned(WordText::new(note)))
    }

    fn facts(&self) -> Option<DocFacts<'_>> {
        let d = &self.ws.corpus.documents[self.doc?];
        Some(DocFacts {
            doc: d,
            roles: self.ws.people.roles.get(d.id()),
            notes: None,
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
            Expr::Tag(name, true) => self.prepared.has_tag_within(self.note, name),
            Expr::Tag(name, false) => self.note.tags.iter().any(|t| t == name),
            Expr::By(name) => self.prepared.wrote(self.note, name),
            Expr::Person(id, PersonRole::Spoke) => self.spoken_by(id),
            Expr::Person(id, PersonRole::Mentioned) => self.names(id),
            Expr::Counterpart(asked) => self.counterpart().is_some_and(|c| c.answers(*asked)),
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

    /// How the passage fares in the other version of its document (None: no other version,
    /// or not placed).
    fn counterpart(&self) -> Option<Counterpart> {
        let (doc, (s, e)) = self.placed()?;
        let v = self.prepared.versions(self.ws, doc)?;
        Some(v.project(doc, s, e)?.status)
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
    ask_with(ws, nb, anchors, None, question, order)
}

/// [`ask`] with the notes' words already cut ([`NoteWords`], kept for the notebook's revision).
pub fn ask_with(
    ws: &Workspace,
    nb: &Notebook,
    anchors: &HashMap<String, Vec<Anchored>>,
    words: Option<&NoteWords>,
    question: &str,
    order: NoteOrder,
) -> Result<Vec<NoteHit>, QueryError> {
    let Some(expr) = query::parse(question)? else {
        return Ok(Vec::new());
    };
    let expr = super::resolve_people(expr, &ws.registry)?;
    Ok(ask_parsed(ws, nb, anchors, words, &expr, order))
}

/// [`ask`] with a parsed question whose people are resolved to ids (and, when given, the
/// notes' words cut for this notebook).
pub fn ask_parsed(
    ws: &Workspace,
    nb: &Notebook,
    anchors: &HashMap<String, Vec<Anchored>>,
    words: Option<&NoteWords>,
    expr: &Expr,
    order: NoteOrder,
) -> Vec<NoteHit> {
    let mut hits = Vec::new();
    let prepared = Prepared::new(nb, expr);
    let mut docs = DocLookup::default();
    for (i, note) in nb.annotations.iter().enumerate() {
        let placed = placements(anchors, &note.id);
        for (k, target) in note.targets().enumerate() {
            let cut = words.and_then(|w| w.get(i, k));
            let doc = match cut {
                Some(c) => c.2,
                None => docs.index(ws, target),
            };
            let range = current_range(target, placed.and_then(|p| p.get(k)));
            let mut asked = Asked {
                ws,
                prepared: &prepared,
                note,
                target,
                doc,
                range,
                quote_words: cut.map(|(_, q, _)| Cow::Borrowed(q)),
                note_words: cut.map(|(n, _, _)| Cow::Borrowed(n)),
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

/// Where a note stands now (by id), when the caller placed the notes at all.
pub(super) fn placements<'a>(
    anchors: &'a HashMap<String, Vec<Anchored>>,
    id: &str,
) -> Option<&'a Vec<Anchored>> {
    // An empty map (nothing placed) is answered without hashing the id.
    if anchors.is_empty() {
        None
    } else {
        anchors.get(id)
    }
}

/// Where a target's passage stands now: where it was placed, or (not placed by the caller)
/// where it was made; `None` for a memo, a whole-document note or an orphan.
pub(crate) fn current_range(target: &Target, placed: Option<&Anchored>) -> Option<(usize, usize)> {
    match (target, placed) {
        (Target::Text { .. }, Some(an))
            if !matches!(an.status, AnchorStatus::Orphan | AnchorStatus::Unanchored) =>
        {
            Some((an.start, an.end))
        }
        (Target::Text { position, .. }, None) => Some((position.start, position.end)),
        _ => None,
    }
}

/// The corpus index of each target's document, for notes that come in runs on one document:
/// the last document asked is answered without a search.
#[derive(Default)]
pub(super) struct DocLookup<'a> {
    last: Option<(&'a str, Option<usize>)>,
}

impl<'a> DocLookup<'a> {
    /// The target's document in the corpus (None: a memo, or a document not in the library).
    pub(super) fn index(&mut self, ws: &Workspace, target: &'a Target) -> Option<usize> {
        let id = target.doc()?;
        match self.last {
            Some((d, i)) if d == id => i,
            _ => {
                let i = ws.corpus.index_of(id);
                self.last = Some((id, i));
                i
            }
        }
    }
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

/// The notes on one document, as a search of the documents asks about them: a document has
/// `tag:X` when a note on it has X or a tag under X (`tagonly:X`: X itself), `by:Ana` when Ana
/// wrote a note on it, `note:WORDS` when a note on it says them.
#[derive(Debug, Clone)]
pub struct DocNotes {
    own: std::collections::HashSet<String>,
    within: std::collections::HashSet<String>,
    authors: std::collections::HashSet<String>,
    /// The notes' texts, one after another.
    pub words: WordText,
}

impl DocNotes {
    /// Whether a note on the document has the tag (`within`: or a tag under it).
    pub fn has_tag(&self, tag: &str, within: bool) -> bool {
        if within {
            self.within.contains(tag)
        } else {
            self.own.contains(tag)
        }
    }

    /// Whether this person wrote a note on the document (names folded).
    pub fn by(&self, name: &str) -> bool {
        self.authors.contains(&crate::text::fold(name))
    }
}

/// Every document's notes (by corpus index), for a search of the documents that asks about
/// notes; made once per notebook revision.
#[derive(Debug, Clone, Default)]
pub struct NotesByDocument {
    docs: HashMap<usize, DocNotes>,
}

impl NotesByDocument {
    /// Gathers the notes of a notebook by the documents their passages are on.
    pub fn new(ws: &Workspace, nb: &Notebook) -> NotesByDocument {
        let mut texts: HashMap<usize, String> = HashMap::new();
        let mut docs: HashMap<usize, DocNotes> = HashMap::new();
        let mut lookup = DocLookup::default();
        for a in &nb.annotations {
            let mut seen: Vec<usize> = Vec::new();
            for t in a.targets() {
                let Some(d) = lookup.index(ws, t) else {
                    continue;
                };
                if seen.contains(&d) {
                    continue;
                }
                seen.push(d);
                let entry = docs.entry(d).or_insert_with(|| DocNotes {
                    own: Default::default(),
                    within: Default::default(),
                    authors: Default::default(),
                    words: WordText::new(""),
                });
                for tag in &a.tags {
                    entry.own.insert(tag.clone());
                    entry.within.insert(tag.clone());
                    for up in nb.tag_ancestors(tag) {
                        entry.within.insert(up.name.clone());
                    }
                }
                entry.authors.insert(crate::text::fold(&a.author));
                let text = texts.entry(d).or_default();
                text.push_str(&a.note);
                text.push('\n');
            }
        }
        for (d, text) in texts {
            if let Some(e) = docs.get_mut(&d) {
                e.words = WordText::new(&text);
            }
        }
        NotesByDocument { docs }
    }

    /// The notes on a document (by corpus index), if it has any.
    pub fn get(&self, doc: usize) -> Option<&DocNotes> {
        self.docs.get(&doc)
    }

    /// How many documents have notes.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document has a note.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}
