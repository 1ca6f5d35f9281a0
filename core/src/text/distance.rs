//! Levenshtein edit distance between two char sequences, for fuzzy search words and for
//! scoring anchor candidates.

/// The edit distance (insertions, deletions, substitutions), or `None` as soon as it is sure to
/// exceed `max` (pass `usize::MAX` for the exact distance).
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if max != usize::MAX && cur.iter().min().is_some_and(|m| *m > max) {
            return None;
        }
        prev = cur;
    }
    Some(prev[b.len()]).filter(|d| *d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distances() {
        assert_eq!(
            edit_distance(&chars("kitten"), &chars("sitting"), usize::MAX),
            Some(3)
        );
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting"), 2), None);
        assert_eq!(edit_distance(&[], &chars("ab"), 2), Some(2));
        assert_eq!(edit_distance(&[], &[], 0), Some(0));
    }
}
