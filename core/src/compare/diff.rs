//! Word-level differences inside an aligned pair, on unicode word bounds, with `similar`'s
//! Patience diff; options to ignore case and punctuation; small unchanged words between two
//! changes are folded into the change (a light semantic cleanup) so changes read as phrases.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

/// What the word diff of two aligned sentences ignores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DiffOptions {
    /// "The" and "the" are the same word.
    pub ignore_case: bool,
    /// Punctuation does not count as a difference.
    pub ignore_punctuation: bool,
}

/// A span of one side: char offsets into that side's text, and whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// Does the other side differ here?
    pub changed: bool,
}

struct Token {
    start: usize,
    end: usize,
    key: String,
}

fn tokens(text: &str, opts: DiffOptions) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pos = 0;
    for w in text.split_word_bounds() {
        let len = w.chars().count();
        let start = pos;
        pos += len;
        if w.trim().is_empty() {
            continue;
        }
        let is_punct = !w.chars().any(char::is_alphanumeric);
        if is_punct && opts.ignore_punctuation {
            continue;
        }
        let mut key = crate::search::fold(w);
        if !opts.ignore_case {
            key = w.to_string();
        }
        out.push(Token {
            start,
            end: pos,
            key,
        });
    }
    out
}

/// Changed spans of both sides (`a` spans, `b` spans), covering the changed words only.
pub fn word_diff(a: &str, b: &str, opts: DiffOptions) -> (Vec<Span>, Vec<Span>) {
    let ta = tokens(a, opts);
    let tb = tokens(b, opts);
    let ka: Vec<&str> = ta.iter().map(|t| t.key.as_str()).collect();
    let kb: Vec<&str> = tb.iter().map(|t| t.key.as_str()).collect();
    let ops = capture_diff_slices(Algorithm::Patience, &ka, &kb);
    // Changed token index ranges on each side.
    let mut changed_a = vec![false; ta.len()];
    let mut changed_b = vec![false; tb.len()];
    for op in &ops {
        match *op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => changed_a[old_index..old_index + old_len].fill(true),
            DiffOp::Insert {
                new_index, new_len, ..
            } => changed_b[new_index..new_index + new_len].fill(true),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                changed_a[old_index..old_index + old_len].fill(true);
                changed_b[new_index..new_index + new_len].fill(true);
            }
        }
    }
    cleanup(&mut changed_a);
    cleanup(&mut changed_b);
    (spans(&ta, &changed_a), spans(&tb, &changed_b))
}

/// A single unchanged token between two changed ones joins them.
fn cleanup(changed: &mut [bool]) {
    for i in 1..changed.len().saturating_sub(1) {
        if !changed[i] && changed[i - 1] && changed[i + 1] {
            changed[i] = true;
        }
    }
}

fn spans(tokens: &[Token], changed: &[bool]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (t, &c) in tokens.iter().zip(changed) {
        if !c {
            continue;
        }
        match out.last_mut() {
            // Extend over the whitespace between neighbouring changed tokens.
            Some(last)
                if last.changed
                    && tokens
                        .iter()
                        .all(|x| x.end <= last.end || x.start >= t.start) =>
            {
                last.end = t.end;
            }
            _ => out.push(Span {
                start: t.start,
                end: t.end,
                changed: true,
            }),
        }
    }
    out
}

/// How much two aligned passages differ, graded by the word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    /// The same words.
    Identical,
    /// A few words changed (at most [`WORDING_SHARE`] of the text): the same statement, worded
    /// differently.
    Wording,
    /// Much of the text changed: a different statement.
    Substantive,
    /// In one version only.
    OneSided,
}

/// The most of a pair's text that may change for the change to count as wording.
pub const WORDING_SHARE: f32 = 0.35;

impl Grade {
    /// Grades a pair from its texts and changed spans (a one-sided row has an empty side).
    pub fn of(a: &str, b: &str, spans_a: &[Span], spans_b: &[Span]) -> Grade {
        let (la, lb) = (a.chars().count(), b.chars().count());
        if la == 0 || lb == 0 {
            return Grade::OneSided;
        }
        let changed: usize = spans_a
            .iter()
            .chain(spans_b)
            .map(|s| s.end.saturating_sub(s.start))
            .sum();
        if changed == 0 {
            Grade::Identical
        } else if changed as f32 <= WORDING_SHARE * (la + lb) as f32 {
            Grade::Wording
        } else {
            Grade::Substantive
        }
    }

    /// How it is named in the comparison.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Identical => "identical",
            Grade::Wording => "wording",
            Grade::Substantive => "substantive",
            Grade::OneSided => "only in one",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed_words(text: &str, spans: &[Span]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        spans
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn pairs_are_graded_by_how_much_of_them_changed() {
        let grade = |a: &str, b: &str| {
            let (sa, sb) = word_diff(a, b, DiffOptions::default());
            Grade::of(a, b, &sa, &sb)
        };
        assert_eq!(
            grade("We went to his suite.", "We went to his suite."),
            Grade::Identical
        );
        assert_eq!(
            grade(
                "The Cubans had rented rooms in some hotel, but they were thrown out.",
                "The Cubans had rented rooms in a hotel, but they were thrown out."
            ),
            Grade::Wording
        );
        assert_eq!(
            grade(
                "We went to his suite.",
                "Then we immediately went up to his hotel rooms."
            ),
            Grade::Substantive
        );
        assert_eq!(grade("There were also the Cubans.", ""), Grade::OneSided);
    }

    #[test]
    fn changed_words_are_marked_and_options_apply() {
        let a = "We went to his suite.";
        let b = "Then we immediately went up to his hotel rooms.";
        let (sa, sb) = word_diff(a, b, DiffOptions::default());
        assert_eq!(changed_words(a, &sa), vec!["We", "suite"]);
        // "went" alone between two changes joins them (semantic cleanup).
        assert_eq!(
            changed_words(b, &sb),
            vec!["Then we immediately went up", "hotel rooms"]
        );
        let (sa, _) = word_diff(
            a,
            b,
            DiffOptions {
                ignore_case: true,
                ignore_punctuation: false,
            },
        );
        assert_eq!(changed_words(a, &sa), vec!["suite"]);
        let (sa, sb) = word_diff(
            "Castro, I said.",
            "Castro I said!",
            DiffOptions {
                ignore_case: false,
                ignore_punctuation: true,
            },
        );
        assert!(sa.is_empty() && sb.is_empty());
    }
}
