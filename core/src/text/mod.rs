//! Text basics every feature builds on, depending on nothing else of Reading Room: folding for
//! search and matching (case, diacritics, curly quotes, homoglyphs) and sentence splitting
//! (with the abbreviations and initials of these documents merged back).

pub mod distance;
pub mod fold;
pub mod sentences;

pub use fold::{FoldedText, find_all, fold, strip_diacritics};
pub use sentences::{Sentence, sentences};

/// The first `max` chars of a text, with "…" when it was longer.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
