//! Fuzzy matching (fuzzy-matcher's skim algorithm) for quick-open and "did you mean".

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Ranks candidates against a query, best first: (candidate index, score). Candidates that do not
/// match at all are left out; the query and candidates are folded (case, accents, quotes).
pub fn rank(query: &str, candidates: &[String], limit: usize) -> Vec<(usize, i64)> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let q = super::fold(query);
    // Every word of the query must match (fuzzily) on its own: "castro 1961-04-13" finds the
    // record of that day, not any title that happens to hold those letters in order.
    let words: Vec<&str> = q.split_whitespace().collect();
    let mut scored: Vec<(usize, i64)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let c = super::fold(c);
            words
                .iter()
                .map(|w| matcher.fuzzy_match(&c, w))
                .sum::<Option<i64>>()
                .map(|s| (i, s))
        })
        .collect();
    if scored.is_empty() {
        // Typos: fall back to shared letters so "did you mean" still has an answer.
        scored = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (i, similarity(&super::fold(c), &q)))
            .filter(|(_, s)| *s > 0)
            .collect();
    }
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}

/// [`rank`] over candidates that are already folded (the library folds its titles once).
pub fn rank_folded(query: &str, folded: &[&str], limit: usize) -> Vec<(usize, i64)> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let q = super::fold(query);
    let words: Vec<&str> = q.split_whitespace().collect();
    let mut scored: Vec<(usize, i64)> = folded
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            words
                .iter()
                .map(|w| matcher.fuzzy_match(c, w))
                .sum::<Option<i64>>()
                .map(|s| (i, s))
        })
        .collect();
    if scored.is_empty() {
        scored = folded
            .iter()
            .enumerate()
            .map(|(i, c)| (i, similarity(c, &q)))
            .filter(|(_, s)| *s > 0)
            .collect();
    }
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}

/// Number of character bigrams two strings share (a typo-tolerant fallback).
fn similarity(a: &str, b: &str) -> i64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let ga = grams(a);
    grams(b).iter().filter(|g| ga.contains(g)).count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_subsequence_matches_and_falls_back_on_typos() {
        let c = vec![
            "1961-01-21-kudryavtsev-castro".to_string(),
            "1960-09-14-kudryavtsev-roa".to_string(),
        ];
        assert_eq!(rank("roa", &c, 5)[0].0, 1);
        assert_eq!(rank("kudryavtsv castro", &c, 5)[0].0, 0);
        assert_eq!(rank("zzroaq", &c, 5)[0].0, 1);
    }
}
