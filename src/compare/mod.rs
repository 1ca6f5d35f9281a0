//! Comparing two documents: sentences, their alignment (the 1974 and 2007 memoirs, or any two
//! documents), word-level differences inside aligned sentences, and scoring against a hand
//! alignment. No egui here.

pub mod align;
pub mod diff;
pub mod eval;
mod refine;
pub mod sentences;
mod similarity;

pub use align::{AlignedGroup, Alignment, Entity, Pin, align_texts, align_texts_with_entities};
pub use diff::{DiffOptions, Span, word_diff};
pub use sentences::{Sentence, sentences};

/// Aligns two documents of a workspace, using the people they name, with the user's pinned
/// groups re-applied on top.
pub fn align_documents_with_pins(
    ws: &crate::Workspace,
    a: &str,
    b: &str,
    pins: &[Pin],
) -> Option<Alignment> {
    let da = ws.corpus.get(a)?;
    let db = ws.corpus.get(b)?;
    let entities = |id: &str| -> Vec<Entity> {
        ws.people
            .mentions
            .get(id)
            .into_iter()
            .flatten()
            .map(|m| (m.start, m.end, m.person.clone()))
            .collect()
    };
    let sa = sentences(&da.text);
    let sb = sentences(&db.text);
    let groups = align::align_sentences_with_pins(&sa, &sb, &entities(a), &entities(b), pins);
    Some(Alignment {
        a: sa,
        b: sb,
        groups,
    })
}

/// Aligns two documents of a workspace, using the people they name.
pub fn align_documents(ws: &crate::Workspace, a: &str, b: &str) -> Option<Alignment> {
    align_documents_with_pins(ws, a, b, &[])
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
