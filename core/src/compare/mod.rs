//! Comparing two documents: sentences, their alignment (the 1974 and 2007 memoirs, or any two
//! documents), word-level differences inside aligned sentences, and scoring against a hand
//! alignment. No egui here.

pub mod align;
mod beads;
pub mod diff;
pub mod eval;
pub mod projection;
mod refine;
/// Sentence splitting (the module and its function), which lives in [`crate::text`].
pub use crate::text::sentences;
pub mod similarity;

pub use crate::text::Sentence;
pub use align::{Alignment, AlignmentSummary, Entity, Pin, align_texts, align_texts_with_entities};
pub use diff::{DiffOptions, Grade, Span, word_diff};
pub use projection::{Confidence, Counterpart, Projection, Versions};

/// Which side of an aligned row: A's sentences, B's, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The first document's sentences.
    A,
    /// The second document's sentences.
    B,
    /// The pair: both at once.
    Both,
}

/// How well a group of A sentences matches a group of B sentences (indices), 0..=1: what
/// the alignment scores rows with, and what the refinement pass reuses.
pub(crate) type GroupScore = dyn Fn(&[usize], &[usize]) -> f64;

/// One row of an alignment: sentences of A and of B that say the same thing (either side may be
/// empty: a sentence found in one version only).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AlignedGroup {
    /// Indices into the A sentences.
    pub a: Vec<usize>,
    /// Indices into the B sentences.
    pub b: Vec<usize>,
    /// Lexical similarity of the two sides, 0..=1 (0 for one-sided rows).
    pub score: f64,
}

impl AlignedGroup {
    /// Is this row in one version only?
    pub fn one_sided(&self) -> bool {
        self.a.is_empty() || self.b.is_empty()
    }
}

/// Aligns two documents, using the people each names (`(start, end, person)` in chars; names
/// of one person count as the same word), with the user's pinned groups re-applied on top.
/// [`crate::Workspace::align`] finds the documents and their people by id.
pub fn align_documents_with_pins(
    a: &crate::corpus::Document,
    a_people: &[Entity],
    b: &crate::corpus::Document,
    b_people: &[Entity],
    pins: &[Pin],
) -> Alignment {
    let sa = sentences(&a.text);
    let sb = sentences(&b.text);
    let groups = align::align_sentences_with_pins(&sa, &sb, a_people, b_people, pins);
    Alignment {
        a: sa,
        b: sb,
        groups,
    }
}

/// Aligns two documents, using the people each names (see [`align_documents_with_pins`]).
pub fn align_documents(
    a: &crate::corpus::Document,
    a_people: &[Entity],
    b: &crate::corpus::Document,
    b_people: &[Entity],
) -> Alignment {
    align_documents_with_pins(a, a_people, b, b_people, &[])
}

/// The pins after pinning `new`: sentences it takes are removed from older pins.
pub fn add_pin(pins: &[Pin], new: Pin) -> Vec<Pin> {
    let mut out: Vec<Pin> = pins
        .iter()
        .map(|(a, b)| {
            (
                a.iter()
                    .copied()
                    .filter(|i| !new.0.contains(i))
                    .collect::<Vec<_>>(),
                b.iter()
                    .copied()
                    .filter(|j| !new.1.contains(j))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(a, b)| !a.is_empty() || !b.is_empty())
        .collect();
    out.push(new);
    out
}

/// The pins after linking one side of row `from` with the other side of row `to` (a link
/// dragged, or "pair with the next row"): the sentences of `side` (A or B) in `from` are pinned
/// with the other side's sentences in `to`, which leave their rows. None when either is empty,
/// the rows are one, or `side` is `Both`.
pub fn link_rows(
    groups: &[AlignedGroup],
    pins: &[Pin],
    from: usize,
    side: Side,
    to: usize,
) -> Option<Vec<Pin>> {
    let (f, t) = (groups.get(from)?, groups.get(to)?);
    if from == to {
        return None;
    }
    let pin = match side {
        Side::A => (f.a.clone(), t.b.clone()),
        Side::B => (t.a.clone(), f.b.clone()),
        Side::Both => return None,
    };
    if pin.0.is_empty() || pin.1.is_empty() {
        return None;
    }
    Some(add_pin(pins, pin))
}

/// How the two sides are named in "only in …": see [`side_label`]. Two documents of one date
/// (the two records of 22 April 1961) are told apart by what differs in their titles ("22 April
/// 1961, breakfast"), else by their short titles, else by "A" and "B".
pub fn side_labels(a: &crate::corpus::Document, b: &crate::corpus::Document) -> (String, String) {
    let (la, lb) = (side_label(a), side_label(b));
    if la != lb {
        return (la, lb);
    }
    let (ta, tb) = (a.meta.title.as_str(), b.meta.title.as_str());
    // The common beginning of the titles, cut back to a word boundary.
    let common = ta
        .char_indices()
        .zip(tb.chars())
        .find(|((_, x), y)| x != y)
        .map_or(ta.len().min(tb.len()), |((i, _), _)| i);
    let cut = ta[..common].rfind(' ').map_or(0, |i| i + 1);
    let strip = |t: &str| {
        let t = t.trim();
        t.strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .unwrap_or(t)
            .to_string()
    };
    let (ra, rb) = (strip(&ta[cut..]), strip(&tb[cut..]));
    let (ra, rb) = (ra.as_str(), rb.as_str());
    let short = |r: &str| !r.is_empty() && r.chars().count() <= 40;
    if short(ra) && short(rb) && !la.contains(ra) && !lb.contains(rb) {
        return (format!("{la}, {ra}"), format!("{lb}, {rb}"));
    }
    if a.meta.short_title != b.meta.short_title {
        return (a.meta.short_title.clone(), b.meta.short_title.clone());
    }
    (format!("{la} (A)"), format!("{lb} (B)"))
}

/// How a side is named in "only in …": the year for published versions (1974, 2007), else the
/// document's date, else its short title.
pub fn side_label(doc: &crate::corpus::Document) -> String {
    if let Some(y) = doc.meta.published {
        return y.to_string();
    }
    doc.meta
        .date
        .as_ref()
        .map_or_else(|| doc.meta.short_title.clone(), |d| d.long_form())
}
