//! Notes across two versions of a text: where a passage of one version stands in the other
//! (the sentences aligned with its sentences), whether it is there at all or changed, and how
//! sure the alignment under it is.
//!
//! Two documents are versions of one another when the paper says so (Khrushchev's 1974 and
//! 2007 recollections, [`KNOWN_VERSIONS`]) or when the notebook keeps your corrections of
//! their alignment (you compared them and said which sentences go together). The alignment
//! used is the automatic one with your corrections on top: what you pinned is the ground truth.

use super::align::{Alignment, Pin};
use super::diff::{DiffOptions, Grade, word_diff};
use crate::Workspace;
use crate::corpus::Document;
use crate::notes::model::Notebook;

/// Pairs of documents of the paper that are versions of one text.
pub const KNOWN_VERSIONS: [(&str, &str); 1] =
    [("khrushchev-memoir-1974", "khrushchev-memoir-2007")];

/// How a passage fares in the other version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counterpart {
    /// Its counterpart says it in the same words.
    Same,
    /// Its counterpart words it differently.
    Changed,
    /// Some of its sentences have a counterpart, others are in this version only.
    Partly,
    /// None of its sentences has a counterpart: it is in this version only.
    Missing,
}

impl Counterpart {
    /// Every status, in the order of the lists.
    pub const ALL: [Counterpart; 4] = [
        Counterpart::Same,
        Counterpart::Changed,
        Counterpart::Partly,
        Counterpart::Missing,
    ];

    /// The status's word in the query language (`counterpart:missing`).
    pub fn slug(self) -> &'static str {
        match self {
            Counterpart::Same => "same",
            Counterpart::Changed => "changed",
            Counterpart::Partly => "partly",
            Counterpart::Missing => "missing",
        }
    }

    /// Reads a slug.
    pub fn parse(s: &str) -> Option<Counterpart> {
        Counterpart::ALL.into_iter().find(|c| c.slug() == s)
    }

    /// Whether a passage with this status answers `counterpart:<asked>`: `changed` takes the
    /// passages only partly there too (their counterpart lacks some of them).
    pub fn answers(self, asked: Counterpart) -> bool {
        self == asked || (asked == Counterpart::Changed && self == Counterpart::Partly)
    }
}

/// How sure the alignment is of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Few shared words and no confident neighbours: check it.
    Low,
    /// Some shared words, or paired by position between two confident rows.
    Medium,
    /// Many shared words.
    High,
    /// You pinned it: the ground truth.
    Corrected,
}

/// Similarity at and above which a row is [`Confidence::High`].
pub const HIGH_SIMILARITY: f64 = 0.45;
/// Similarity at and above which a row is at least [`Confidence::Medium`].
pub const MEDIUM_SIMILARITY: f64 = 0.2;
/// Similarity of a neighbouring row that lends its confidence to a row between two such.
const CONFIDENT_NEIGHBOUR: f64 = 0.3;

impl Confidence {
    /// How it is named in the comparison.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "low confidence",
            Confidence::Medium => "medium confidence",
            Confidence::High => "high confidence",
            Confidence::Corrected => "your correction",
        }
    }

    /// What it means, with how often such links were right on our hand alignments
    /// (docs/ALIGNMENT.md).
    pub fn explanation(self) -> &'static str {
        match self {
            Confidence::Low => {
                "Few words in common and no confident rows around it: check it. On our two hand alignments, 54% of such links were right."
            }
            Confidence::Medium => {
                "Some words in common, or paired by its place between two confident rows. On our two hand alignments, 83% of such links were right."
            }
            Confidence::High => {
                "Many words in common. On our two hand alignments, 89% of such links were right."
            }
            Confidence::Corrected => "You put these sentences together: the alignment keeps it.",
        }
    }
}

/// The confidence of each row of an alignment (`pins`: the rows you pinned, by their
/// sentences).
pub fn confidences(alignment: &Alignment, pins: &[Pin]) -> Vec<Option<Confidence>> {
    let groups = &alignment.groups;
    let confident = |k: Option<usize>| {
        k.and_then(|k| groups.get(k))
            .is_some_and(|g| !g.one_sided() && g.score >= CONFIDENT_NEIGHBOUR)
    };
    groups
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let pinned = pins.iter().any(|(pa, pb)| {
                let (mut pa, mut pb) = (pa.clone(), pb.clone());
                pa.sort_unstable();
                pb.sort_unstable();
                pa == g.a && pb == g.b
            });
            if pinned {
                return Some(Confidence::Corrected);
            }
            if g.one_sided() {
                return None;
            }
            Some(if g.score >= HIGH_SIMILARITY {
                Confidence::High
            } else if g.score >= MEDIUM_SIMILARITY
                || (confident(k.checked_sub(1)) && confident(Some(k + 1)))
            {
                Confidence::Medium
            } else {
                Confidence::Low
            })
        })
        .collect()
}

/// Where a passage of one version stands in the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// The other version's document id.
    pub doc: String,
    /// Its counterpart there: from the first aligned sentence to the last (None: missing).
    pub range: Option<(usize, usize)>,
    /// Whether it is there, and in the same words.
    pub status: Counterpart,
    /// The least confidence of the rows under it (None: missing, nothing aligned).
    pub confidence: Option<Confidence>,
}

/// Your corrections of the alignment of two documents, while both texts are those you
/// corrected; `Err` holds them when a text has changed since (they are set aside, not lost).
pub fn pins_for(nb: &Notebook, a: &Document, b: &Document) -> Result<Vec<Pin>, Vec<Pin>> {
    match nb.alignment(a.id(), b.id()) {
        Some(c)
            if c.a_hash == crate::notes::model::text_hash(&a.text)
                && c.b_hash == crate::notes::model::text_hash(&b.text) =>
        {
            Ok(c.pins.clone())
        }
        Some(c) => Err(c.pins.clone()),
        None => Ok(Vec::new()),
    }
}

/// The other version of a document, and whether the document is the first of the pair: the
/// paper's known versions first, then the pairs whose alignment you corrected.
pub fn counterpart_of(ws: &Workspace, nb: &Notebook, doc: &str) -> Option<(String, bool)> {
    let pairs = KNOWN_VERSIONS
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .chain(nb.alignments.iter().map(|c| (c.a.clone(), c.b.clone())));
    for (a, b) in pairs {
        let other = if a == doc {
            Some((b, true))
        } else if b == doc {
            Some((a, false))
        } else {
            None
        };
        if let Some((o, first)) = other
            && ws.corpus.get(&o).is_some()
        {
            return Some((o, first));
        }
    }
    None
}

/// Two versions aligned (with your corrections), to carry passages from one to the other.
#[derive(Debug, Clone)]
pub struct Versions {
    /// The first document's id.
    pub a: String,
    /// The second's.
    pub b: String,
    /// The alignment, your corrections applied.
    pub alignment: Alignment,
    /// Each row's grade (identical, wording, substantive, one-sided).
    grades: Vec<Grade>,
    /// Each row's confidence (None: one-sided).
    confidence: Vec<Option<Confidence>>,
    /// For each sentence of A, of B: its row.
    row_of: [Vec<usize>; 2],
}

impl Versions {
    /// Aligns documents `a` and `b` of the library with the notebook's corrections of them.
    pub fn new(ws: &Workspace, nb: &Notebook, a: &str, b: &str) -> Option<Versions> {
        let (da, db) = (ws.corpus.get(a)?, ws.corpus.get(b)?);
        let pins = pins_for(nb, da, db).unwrap_or_default();
        let alignment = ws.align(a, b, &pins)?;
        Some(Versions::from_alignment(da, db, alignment, &pins))
    }

    /// The versions of an alignment already made (the comparison's).
    pub fn from_alignment(
        da: &Document,
        db: &Document,
        alignment: Alignment,
        pins: &[Pin],
    ) -> Versions {
        let mut row_of = [vec![0; alignment.a.len()], vec![0; alignment.b.len()]];
        for (k, g) in alignment.groups.iter().enumerate() {
            for &i in &g.a {
                if let Some(r) = row_of[0].get_mut(i) {
                    *r = k;
                }
            }
            for &j in &g.b {
                if let Some(r) = row_of[1].get_mut(j) {
                    *r = k;
                }
            }
        }
        let text = |doc: &Document, sents: &[crate::text::Sentence], idx: &[usize]| match (
            idx.first(),
            idx.last(),
        ) {
            (Some(f), Some(l)) => doc.slice_chars(sents[*f].start, sents[*l].end),
            _ => String::new(),
        };
        let grades = alignment
            .groups
            .iter()
            .map(|g| {
                if g.one_sided() {
                    return Grade::OneSided;
                }
                let (ta, tb) = (text(da, &alignment.a, &g.a), text(db, &alignment.b, &g.b));
                let (sa, sb) = word_diff(&ta, &tb, DiffOptions::default());
                Grade::of(&ta, &tb, &sa, &sb)
            })
            .collect();
        let confidence = confidences(&alignment, pins);
        Versions {
            a: da.id().to_string(),
            b: db.id().to_string(),
            alignment,
            grades,
            confidence,
            row_of,
        }
    }

    /// How sure the alignment is of row `k` (None: one-sided, or no such row).
    pub fn confidence(&self, k: usize) -> Option<Confidence> {
        self.confidence.get(k).copied().flatten()
    }

    /// The sentences of one side (0: A, 1: B) that `[start, end)` touches, as a range of
    /// sentence numbers (a passage between two sentences takes the next one).
    fn sentences_of(&self, side: usize, start: usize, end: usize) -> Option<(usize, usize)> {
        let sents = if side == 0 {
            &self.alignment.a
        } else {
            &self.alignment.b
        };
        if sents.is_empty() {
            return None;
        }
        let first = sents
            .partition_point(|s| s.end <= start)
            .min(sents.len() - 1);
        let last = sents
            .partition_point(|s| s.start < end.max(start + 1))
            .saturating_sub(1)
            .max(first);
        Some((first, last))
    }

    /// Where the passage `[start, end)` of document `doc` (one of the two) stands in the
    /// other version.
    pub fn project(&self, doc: &str, start: usize, end: usize) -> Option<Projection> {
        let (side, other_doc) = if doc == self.a {
            (0, &self.b)
        } else if doc == self.b {
            (1, &self.a)
        } else {
            return None;
        };
        let (first, last) = self.sentences_of(side, start, end)?;
        let mut rows: Vec<usize> = (first..=last).map(|s| self.row_of[side][s]).collect();
        rows.dedup();
        let other_sents = if side == 0 {
            &self.alignment.b
        } else {
            &self.alignment.a
        };
        let other: Vec<usize> = rows
            .iter()
            .flat_map(|&k| {
                let g = &self.alignment.groups[k];
                if side == 0 { g.b.clone() } else { g.a.clone() }
            })
            .collect();
        let lacking = rows
            .iter()
            .filter(|&&k| self.grades[k] == Grade::OneSided)
            .count();
        let status = if other.is_empty() {
            Counterpart::Missing
        } else if lacking > 0 {
            Counterpart::Partly
        } else if rows.iter().all(|&k| self.grades[k] == Grade::Identical) {
            Counterpart::Same
        } else {
            Counterpart::Changed
        };
        let range = match (other.iter().min(), other.iter().max()) {
            (Some(&f), Some(&l)) => Some((other_sents[f].start, other_sents[l].end)),
            _ => None,
        };
        let confidence = rows.iter().filter_map(|&k| self.confidence[k]).min();
        Some(Projection {
            doc: other_doc.clone(),
            range,
            status,
            confidence,
        })
    }
}

/// A note on the other version, carried onto a document.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectedNote {
    /// Index of the note in the notebook's live notes.
    pub note: usize,
    /// Where its passage stands in the other version (char range there).
    pub from: (usize, usize),
    /// Where it lands here, and how.
    pub projection: Projection,
}

impl Versions {
    /// The other version of one of the two documents.
    pub fn other(&self, doc: &str) -> Option<&str> {
        if doc == self.a {
            Some(&self.b)
        } else if doc == self.b {
            Some(&self.a)
        } else {
            None
        }
    }

    /// The notes on the other version of `doc`, each carried onto `doc` (those with no
    /// counterpart here too, with no range), in the notebook's order. A note already on both
    /// versions (a note on a pair) is left out: it is shown as itself. `anchors` are where the
    /// notes stand now, by id (a note missing there stands where it was made).
    pub fn notes_onto(
        &self,
        nb: &Notebook,
        anchors: &std::collections::HashMap<String, Vec<crate::notes::Anchored>>,
        doc: &str,
    ) -> Vec<ProjectedNote> {
        let Some(other) = self.other(doc) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, note) in nb.annotations.iter().enumerate() {
            if note.targets().any(|t| t.doc() == Some(doc)) {
                continue;
            }
            let placed = anchors.get(&note.id);
            for (k, target) in note.targets().enumerate() {
                if target.doc() != Some(other) {
                    continue;
                }
                let Some((s, e)) =
                    crate::search::notes::current_range(target, placed.and_then(|p| p.get(k)))
                else {
                    continue;
                };
                if let Some(projection) = self.project(other, s, e) {
                    out.push(ProjectedNote {
                        note: i,
                        from: (s, e),
                        projection,
                    });
                }
            }
        }
        out
    }
}

/// A copy of `note` on the passage `range` of `doc` (its counterpart in the other version):
/// a new note with the same tags, text and author, made now.
pub fn copy_to_version(
    note: &crate::notes::model::Annotation,
    doc: &Document,
    range: (usize, usize),
) -> crate::notes::model::Annotation {
    let now = crate::notes::model::now_rfc3339();
    crate::notes::model::Annotation {
        id: crate::notes::model::new_id(),
        target: crate::notes::model::text_target(doc.id(), &doc.text, range.0, range.1),
        note: note.note.clone(),
        tags: note.tags.clone(),
        author: note.author.clone(),
        created: now.clone(),
        modified: now,
        conflict_of: None,
        other_targets: Vec::new(),
    }
}
