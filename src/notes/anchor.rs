//! Finding a note's passage again after the text changed (after Hypothesis, with a minimum
//! score): the stored position if the quote is still there; else the exact quote, the occurrence
//! whose context and position fit best; else an approximate match scored on quote, prefix,
//! suffix and position (weights 50/20/20/2), accepted only above a minimum — flagged for review;
//! else the note is an orphan: kept and listed, never dropped.

use super::model::{PositionSelector, QuoteSelector, Target};
use serde::Serialize;

/// Lowest share of the quote's characters that must survive in an approximate match.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.75;
/// Lowest overall score for an approximate match.
pub const MIN_SCORE: f64 = 0.75;
/// Lowest score for the exact quote found away from its position: below it, neither the text
/// before nor the text after looks like what surrounded the note (a short, common quote that
/// happens to occur elsewhere), and the note is an orphan rather than silently misplaced.
pub const MIN_RELOCATED_SCORE: f64 = 0.7;
/// Quotes longer than this are only found exactly (approximate search is O(n·m)).
pub const MAX_FUZZY_QUOTE: usize = 2000;

/// How a note was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorStatus {
    /// At its stored position.
    Exact,
    /// Its exact quote, found elsewhere (the text around it changed).
    Relocated,
    /// An approximate match: the quote itself changed. Flagged for review.
    Fuzzy,
    /// Not found: kept in the Orphans list, re-attachable.
    Orphan,
    /// A memo or a whole-document note: nothing to find.
    Unanchored,
}

impl AnchorStatus {
    /// Should the user look at this note?
    pub fn needs_review(self) -> bool {
        matches!(self, AnchorStatus::Fuzzy | AnchorStatus::Orphan)
    }
}

/// Where a note landed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Anchored {
    /// How it was placed.
    pub status: AnchorStatus,
    /// Start char offset (meaningless for orphans).
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// Score in 0..=1 (1 for exact).
    pub score: f64,
}

impl Anchored {
    fn none(status: AnchorStatus) -> Anchored {
        Anchored {
            status,
            start: 0,
            end: 0,
            score: 0.0,
        }
    }
}

/// A document text prepared for anchoring many notes.
pub struct AnchorText {
    text: String,
    chars: Vec<char>,
    char_starts: Vec<usize>,
}

impl AnchorText {
    /// Prepares a text.
    pub fn new(text: &str) -> AnchorText {
        AnchorText {
            text: text.to_string(),
            chars: text.chars().collect(),
            char_starts: text.char_indices().map(|(b, _)| b).collect(),
        }
    }

    fn char_of_byte(&self, byte: usize) -> usize {
        self.char_starts.partition_point(|&b| b < byte)
    }

    fn slice(&self, a: usize, b: usize) -> &[char] {
        &self.chars[a.min(self.chars.len())..b.min(self.chars.len())]
    }

    /// Anchors one target in this text.
    pub fn anchor(&self, target: &Target) -> Anchored {
        let Target::Text {
            quote,
            position,
            text_hash,
            ..
        } = target
        else {
            return Anchored::none(AnchorStatus::Unanchored);
        };
        let exact: Vec<char> = quote.exact.chars().collect();
        if exact.is_empty() {
            return Anchored::none(AnchorStatus::Orphan);
        }
        // 1. The stored position, if the quote is still there.
        let _ = text_hash; // Informational: the position check below is what matters.
        if self.slice(position.start, position.end) == exact.as_slice()
            && position.end - position.start == exact.len()
        {
            return Anchored {
                status: AnchorStatus::Exact,
                start: position.start,
                end: position.end,
                score: 1.0,
            };
        }
        // 2. The exact quote elsewhere: the occurrence that fits context and position best.
        let best_exact = self
            .text
            .match_indices(quote.exact.as_str())
            .map(|(b, _)| self.char_of_byte(b))
            .map(|s| (s, self.score(quote, position, s, s + exact.len(), 1.0)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((s, score)) = best_exact.filter(|(_, score)| *score >= MIN_RELOCATED_SCORE) {
            return Anchored {
                status: AnchorStatus::Relocated,
                start: s,
                end: s + exact.len(),
                score,
            };
        }
        // 3. An approximate match above the minimum score.
        if exact.len() <= MAX_FUZZY_QUOTE
            && let Some(found) = self.approximate(quote, position, &exact)
        {
            return found;
        }
        Anchored::none(AnchorStatus::Orphan)
    }

    /// Score of a candidate placement: quote 50, prefix 20, suffix 20, position 2.
    fn score(
        &self,
        quote: &QuoteSelector,
        position: &PositionSelector,
        start: usize,
        end: usize,
        quote_similarity: f64,
    ) -> f64 {
        let prefix: Vec<char> = quote.prefix.chars().collect();
        let suffix: Vec<char> = quote.suffix.chars().collect();
        let before = self.slice(start.saturating_sub(prefix.len()), start);
        let after = self.slice(end, end + suffix.len());
        let n = self.chars.len().max(1) as f64;
        let distance = (start as f64 - position.start as f64).abs();
        let position_similarity = 1.0 - (distance / n).min(1.0);
        (50.0 * quote_similarity
            + 20.0 * similarity(&prefix, before)
            + 20.0 * similarity(&suffix, after)
            + 2.0 * position_similarity)
            / 92.0
    }

    fn approximate(
        &self,
        quote: &QuoteSelector,
        position: &PositionSelector,
        exact: &[char],
    ) -> Option<Anchored> {
        let m = exact.len();
        let k = ((m as f64) * (1.0 - MIN_QUOTE_SIMILARITY)).floor() as usize;
        // Sellers: approximate substring search, the match may start anywhere.
        let mut col: Vec<usize> = (0..=m).collect();
        let mut ends: Vec<(usize, usize)> = Vec::new(); // (distance, end)
        for (j, &c) in self.chars.iter().enumerate() {
            let mut diag = col[0];
            col[0] = 0;
            for i in 1..=m {
                let up = col[i];
                let cost = usize::from(exact[i - 1] != c);
                col[i] = (diag + cost).min(col[i - 1] + 1).min(up + 1);
                diag = up;
            }
            if col[m] <= k {
                let end = j + 1;
                match ends.last_mut() {
                    // Keep the best end of a run of neighbouring candidates.
                    Some((d, e)) if end - *e <= 1 || end - *e < m / 2 => {
                        if col[m] < *d {
                            *d = col[m];
                            *e = end;
                        }
                    }
                    _ => ends.push((col[m], end)),
                }
            }
        }
        let mut best: Option<Anchored> = None;
        for (d, end) in ends {
            let start = self.best_start(exact, end, k);
            let q = 1.0 - d as f64 / m as f64;
            let score = self.score(quote, position, start, end, q);
            if q >= MIN_QUOTE_SIMILARITY
                && score >= MIN_SCORE
                && best.is_none_or(|b| score > b.score)
            {
                best = Some(Anchored {
                    status: AnchorStatus::Fuzzy,
                    start,
                    end,
                    score,
                });
            }
        }
        best
    }

    /// The start that gives the smallest edit distance for a match ending at `end`.
    fn best_start(&self, exact: &[char], end: usize, k: usize) -> usize {
        let m = exact.len();
        let lo = end.saturating_sub(m + k);
        let window: Vec<char> = self.slice(lo, end).iter().rev().copied().collect();
        let pattern: Vec<char> = exact.iter().rev().copied().collect();
        // Standard DP anchored at `end` (reversed start), free at the other side.
        let mut prev: Vec<usize> = (0..=m).collect();
        let mut best = (prev[m], 0usize);
        for (j, &c) in window.iter().enumerate() {
            let mut cur = vec![j + 1; m + 1];
            for i in 1..=m {
                let cost = usize::from(pattern[i - 1] != c);
                cur[i] = (prev[i - 1] + cost).min(prev[i] + 1).min(cur[i - 1] + 1);
            }
            if cur[m] < best.0 || (cur[m] == best.0 && j + 1 == m) {
                best = (cur[m], j + 1);
            }
            prev = cur;
        }
        end - best.1
    }
}

/// 1 − normalised Levenshtein distance (1 for two empty strings).
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// Anchors one target in a text (prepare an [`AnchorText`] to anchor many).
pub fn anchor(target: &Target, text: &str) -> Anchored {
    AnchorText::new(text).anchor(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::text_target;

    const TEXT: &str = "Fidel Castro noted, the threat of an invasion of Cuba by the forces of the external counterrevolution has considerably lessened. Rationing will unavoidably have to be temporarily introduced.";

    fn target(quote: &str) -> Target {
        let byte = TEXT.find(quote).unwrap();
        let s = TEXT[..byte].chars().count();
        text_target("d", TEXT, s, s + quote.chars().count())
    }

    fn found(t: &Target, text: &str) -> (AnchorStatus, String) {
        let a = anchor(t, text);
        (
            a.status,
            text.chars().skip(a.start).take(a.end - a.start).collect(),
        )
    }

    #[test]
    fn unchanged_text_is_exact() {
        let t = target("has considerably lessened");
        assert_eq!(
            found(&t, TEXT),
            (AnchorStatus::Exact, "has considerably lessened".into())
        );
    }

    #[test]
    fn text_inserted_before_the_quote_relocates() {
        let t = target("has considerably lessened");
        let edited = format!("[Points 2-4 not copied] {TEXT}");
        assert_eq!(
            found(&t, &edited),
            (AnchorStatus::Relocated, "has considerably lessened".into())
        );
    }

    #[test]
    fn a_typo_fixed_inside_the_quote_is_found_approximately() {
        let t = target("the threat of an invasion of Cuba");
        let edited = TEXT.replace("invasion", "invasoin");
        let (status, s) = found(&t, &edited);
        assert_eq!(
            (status, s.as_str()),
            (AnchorStatus::Fuzzy, "the threat of an invasoin of Cuba")
        );
        assert!(status.needs_review());
    }

    #[test]
    fn a_deleted_passage_is_an_orphan() {
        let t = target("Rationing will unavoidably have to be temporarily introduced.");
        let edited = TEXT.replace(
            " Rationing will unavoidably have to be temporarily introduced.",
            "",
        );
        assert_eq!(anchor(&t, &edited).status, AnchorStatus::Orphan);
    }

    #[test]
    fn a_quote_that_occurs_twice_keeps_the_right_occurrence() {
        let text = "He said the word. Later, in Havana, he said the word. Then he left.";
        let byte = text.rfind("he said the word").unwrap();
        let s = text[..byte].chars().count();
        let t = text_target("d", text, s, s + 16);
        let edited = format!("Preface. {text}");
        let a = anchor(&t, &edited);
        assert_eq!(a.status, AnchorStatus::Relocated);
        assert_eq!(a.start, s + 9, "the second occurrence, by its context");
    }
}
