//! Finding a note's passage again after the text changed (after Hypothesis, with a minimum
//! score): the stored position if the quote is still there; else the exact quote, the occurrence
//! whose context and position fit best; else an approximate match scored on quote, prefix,
//! suffix and position (weights 50/20/20/2), accepted only above a minimum — flagged for review;
//! else the note is an orphan: kept and listed, never dropped.

use super::approx::{Pattern, match_ends};
use super::model::{CONTEXT_CHARS, PositionSelector, QuoteSelector, Target};
use serde::Serialize;

/// Lowest share of the quote's characters that must survive in an approximate match.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.75;
/// Lowest overall score for an approximate match.
pub const MIN_SCORE: f64 = 0.75;
/// Lowest score for the exact quote found away from its position: below it, neither the text
/// before nor the text after looks like what surrounded the note (a short, common quote that
/// happens to occur elsewhere), and the note is an orphan rather than silently misplaced.
pub const MIN_RELOCATED_SCORE: f64 = 0.7;
/// Quotes up to this many chars are searched approximately as a whole (bit-parallel, about
/// ⌈m/64⌉ word operations per char of the document).
pub const FULL_FUZZY_QUOTE: usize = 256;
/// Longer quotes, up to this many chars, are searched approximately by their last
/// [`TAIL_CHARS`] chars, then checked whole; longer ones still are only found exactly.
pub const MAX_FUZZY_QUOTE: usize = 2000;
/// Chars of a long quote's end searched first.
pub const TAIL_CHARS: usize = 64;
/// Candidate places of an approximate match checked at most.
const MAX_CANDIDATES: usize = 16;
/// Occurrences of an exact quote scored in full at most (the best by their nearest context).
const MAX_EXACT_SCORED: usize = 64;

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
    /// A note that was not placed.
    pub fn none(status: AnchorStatus) -> Anchored {
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

/// The context of a quote as anchoring uses it: at most [`CONTEXT_CHARS`] each side, however
/// long the stored context is (a hostile note's megabytes of context cost nothing).
struct Context {
    prefix: Vec<char>,
    suffix: Vec<char>,
}

impl Context {
    fn of(quote: &QuoteSelector) -> Context {
        let mut prefix: Vec<char> = quote.prefix.chars().rev().take(CONTEXT_CHARS).collect();
        prefix.reverse();
        Context {
            prefix,
            suffix: quote.suffix.chars().take(CONTEXT_CHARS).collect(),
        }
    }
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

    /// The chars `[a, b)`, clamped to the text (empty when `a >= b`): never panics.
    fn slice(&self, a: usize, b: usize) -> &[char] {
        let n = self.chars.len();
        let (a, b) = (a.min(n), b.min(n));
        &self.chars[a.min(b)..b]
    }

    /// Anchors one target in this text. Whatever the selectors hold (start after end, offsets
    /// past the text, megabytes of context), this returns, within a bounded time.
    pub fn anchor(&self, target: &Target) -> Anchored {
        let Target::Text {
            quote, position, ..
        } = target
        else {
            return Anchored::none(AnchorStatus::Unanchored);
        };
        let exact: Vec<char> = quote.exact.chars().collect();
        if exact.is_empty() {
            return Anchored::none(AnchorStatus::Orphan);
        }
        let context = Context::of(quote);
        // 1. The stored position, if the quote is still there.
        if position.end.checked_sub(position.start) == Some(exact.len())
            && self.slice(position.start, position.end) == exact.as_slice()
        {
            return Anchored {
                status: AnchorStatus::Exact,
                start: position.start,
                end: position.end,
                score: 1.0,
            };
        }
        // 2. The exact quote elsewhere: the occurrence that fits context and position best.
        if let Some(found) = self.relocate(&quote.exact, exact.len(), &context, position) {
            return found;
        }
        // 3. An approximate match above the minimum score.
        if exact.len() <= MAX_FUZZY_QUOTE
            && let Some(found) = self.approximate(&context, position, &exact)
        {
            return found;
        }
        Anchored::none(AnchorStatus::Orphan)
    }

    fn relocate(
        &self,
        quote: &str,
        len: usize,
        context: &Context,
        position: &PositionSelector,
    ) -> Option<Anchored> {
        // A common quote may occur thousands of times: rank them by how many chars of the
        // nearest context match, and score only the best in full.
        let near = |s: usize| {
            let before = self.slice(s.saturating_sub(context.prefix.len()), s);
            let after = self.slice(s + len, s + len + context.suffix.len());
            let p = before
                .iter()
                .rev()
                .zip(context.prefix.iter().rev())
                .filter(|(a, b)| a == b)
                .count();
            let q = after
                .iter()
                .zip(&context.suffix)
                .filter(|(a, b)| a == b)
                .count();
            p + q
        };
        let mut starts: Vec<(usize, usize)> = self
            .text
            .match_indices(quote)
            .map(|(b, _)| self.char_of_byte(b))
            .map(|s| (near(s), s))
            .collect();
        if starts.len() > MAX_EXACT_SCORED {
            starts.sort_by_key(|&(near, _)| std::cmp::Reverse(near));
            starts.truncate(MAX_EXACT_SCORED);
        }
        starts
            .into_iter()
            .map(|(_, s)| (s, self.score(context, position, s, s + len, 1.0)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .filter(|(_, score)| *score >= MIN_RELOCATED_SCORE)
            .map(|(s, score)| Anchored {
                status: AnchorStatus::Relocated,
                start: s,
                end: s + len,
                score,
            })
    }

    /// Score of a candidate placement: quote 50, prefix 20, suffix 20, position 2.
    fn score(
        &self,
        context: &Context,
        position: &PositionSelector,
        start: usize,
        end: usize,
        quote_similarity: f64,
    ) -> f64 {
        let before = self.slice(start.saturating_sub(context.prefix.len()), start);
        let after = self.slice(end, end.saturating_add(context.suffix.len()));
        let n = self.chars.len().max(1) as f64;
        let distance = (start as f64 - position.start as f64).abs();
        let position_similarity = 1.0 - (distance / n).min(1.0);
        (50.0 * quote_similarity
            + 20.0 * similarity(&context.prefix, before)
            + 20.0 * similarity(&context.suffix, after)
            + 2.0 * position_similarity)
            / 92.0
    }

    /// Places where the quote (or, for a long quote, its tail) ends with few enough edits:
    /// `(distance, end)`, the best of each run of neighbouring ends, at most
    /// [`MAX_CANDIDATES`].
    fn candidate_ends(&self, exact: &[char]) -> Vec<(usize, usize)> {
        let m = exact.len();
        let probe = if m <= FULL_FUZZY_QUOTE {
            exact
        } else {
            &exact[m - TAIL_CHARS..]
        };
        let k = ((probe.len() as f64) * (1.0 - MIN_QUOTE_SIMILARITY)).floor() as usize;
        let mut ends: Vec<(usize, usize)> = Vec::new();
        for (d, end) in match_ends(&self.chars, &Pattern::new(probe), k) {
            match ends.last_mut() {
                // Keep the best end of a run of neighbouring candidates.
                Some((bd, e)) if end - *e <= 1 || end - *e < probe.len() / 2 => {
                    if d < *bd {
                        *bd = d;
                        *e = end;
                    }
                }
                _ => ends.push((d, end)),
            }
        }
        if ends.len() > MAX_CANDIDATES {
            ends.sort_by_key(|&(d, _)| d);
            ends.truncate(MAX_CANDIDATES);
        }
        ends
    }

    fn approximate(
        &self,
        context: &Context,
        position: &PositionSelector,
        exact: &[char],
    ) -> Option<Anchored> {
        let m = exact.len();
        let k = ((m as f64) * (1.0 - MIN_QUOTE_SIMILARITY)).floor() as usize;
        let mut best: Option<Anchored> = None;
        for (_, end) in self.candidate_ends(exact) {
            let Some((d, start)) = self.best_start(exact, end, k) else {
                continue;
            };
            let q = 1.0 - d as f64 / m as f64;
            let score = self.score(context, position, start, end, q);
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

    /// The start that gives the smallest edit distance (at most `k`) for a match ending at
    /// `end`, with that distance. A banded dynamic programme: O(m · k).
    fn best_start(&self, exact: &[char], end: usize, k: usize) -> Option<(usize, usize)> {
        let m = exact.len();
        let lo = end.saturating_sub(m + k);
        // Reversed, so the match is anchored at index 0 of both and free at the far end.
        let window: Vec<char> = self.slice(lo, end).iter().rev().copied().collect();
        let w = window.len();
        const INF: usize = usize::MAX / 2;
        // Row i (pattern chars used) over columns j (window chars used), only |i − j| ≤ k.
        let mut prev: Vec<usize> = (0..=w).map(|j| if j <= k { j } else { INF }).collect();
        let mut cur = vec![INF; w + 1];
        for i in 1..=m {
            let (from, to) = (i.saturating_sub(k), (i + k).min(w));
            cur.iter_mut().for_each(|c| *c = INF);
            if from == 0 {
                cur[0] = i;
            }
            for j in from.max(1)..=to {
                let cost = usize::from(exact[m - i] != window[j - 1]);
                cur[j] = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        let mut best: Option<(usize, usize)> = None;
        for (j, &d) in prev.iter().enumerate() {
            if d > k {
                continue;
            }
            let better = match best {
                None => true,
                Some((bd, bj)) => d < bd || (d == bd && j == m && bj != m),
            };
            if better {
                best = Some((d, j));
            }
        }
        best.map(|(d, j)| (d, end - j))
    }
}

/// 1 − normalised Levenshtein distance (1 for two empty strings).
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let d = crate::text::distance::edit_distance(a, b, usize::MAX).unwrap_or(longest);
    1.0 - d as f64 / longest as f64
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
