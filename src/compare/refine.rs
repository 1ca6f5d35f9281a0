//! A second look at an alignment, where position decides what the words cannot. Translators
//! keep the order of what they translate, so when two versions say one thing in different
//! words, order is the evidence left:
//! - a member of a group that shares nothing with the other side, next to a sentence left
//!   unpaired on that other side, pairs with that sentence instead;
//! - a lone unpaired sentence facing one or two unpaired sentences, between two confident
//!   pairs, pairs with them.

use super::align::AlignedGroup;

/// Similarity of two groups of sentences (indices into A and B).
pub type Score<'a> = &'a dyn Fn(&[usize], &[usize]) -> f64;

/// Similarity both neighbouring pairs need for the gap between them to be filled by position.
const ANCHOR: f64 = 0.3;
/// A member sharing less than this with the other side of its group shares nothing with it.
const NOTHING: f64 = 0.05;

/// Refines the groups of an alignment (reading order in, reading order out).
pub fn refine(groups: Vec<AlignedGroup>, score: Score<'_>) -> Vec<AlignedGroup> {
    fill_small_gaps(strays_pair_with_neighbours(groups, score), score)
}

/// Does the member (of side A or B) add nothing to its group?
fn is_stray(g: &AlignedGroup, side_a: bool, member: usize, score: Score<'_>) -> bool {
    let (mut a, mut b) = (g.a.clone(), g.b.clone());
    if side_a {
        a.retain(|&i| i != member);
    } else {
        b.retain(|&j| j != member);
    }
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let alone = [member];
    let own = if side_a {
        score(&alone, &g.b)
    } else {
        score(&g.a, &alone)
    };
    own < NOTHING && score(&a, &b) >= g.score - 1e-9
}

/// If the group's boundary member (first when `first`, else last) is a stray and the
/// neighbouring row is one sentence of the other side alone: (side A?, member, that sentence).
fn stray_candidate(
    g: &AlignedGroup,
    neighbour: &AlignedGroup,
    first: bool,
    score: Score<'_>,
) -> Option<(bool, usize, usize)> {
    let pick = |v: &Vec<usize>| if first { v.first() } else { v.last() }.copied();
    let candidate = if g.b.len() >= 2 && neighbour.b.is_empty() && neighbour.a.len() == 1 {
        (false, pick(&g.b)?, neighbour.a[0])
    } else if g.a.len() >= 2 && neighbour.a.is_empty() && neighbour.b.len() == 1 {
        (true, pick(&g.a)?, neighbour.b[0])
    } else {
        return None;
    };
    is_stray(g, candidate.0, candidate.1, score).then_some(candidate)
}

fn strays_pair_with_neighbours(
    mut groups: Vec<AlignedGroup>,
    score: Score<'_>,
) -> Vec<AlignedGroup> {
    let mut k = 0;
    while k < groups.len() {
        if groups[k].one_sided() {
            k += 1;
            continue;
        }
        for (first, n) in [(true, k.checked_sub(1)), (false, Some(k + 1))] {
            let Some(n) = n.filter(|&n| n < groups.len()) else {
                continue;
            };
            let Some((side_a, member, lone)) =
                stray_candidate(&groups[k], &groups[n], first, score)
            else {
                continue;
            };
            let (pa, pb) = if side_a {
                (vec![member], vec![lone])
            } else {
                (vec![lone], vec![member])
            };
            groups[n] = AlignedGroup {
                score: score(&pa, &pb),
                a: pa,
                b: pb,
            };
            let g = &mut groups[k];
            if side_a {
                g.a.retain(|&i| i != member);
            } else {
                g.b.retain(|&j| j != member);
            }
            g.score = score(&g.a, &g.b);
        }
        k += 1;
    }
    groups
}

fn fill_small_gaps(groups: Vec<AlignedGroup>, score: Score<'_>) -> Vec<AlignedGroup> {
    let mut out: Vec<AlignedGroup> = Vec::new();
    let mut k = 0;
    while k < groups.len() {
        if !groups[k].one_sided() {
            out.push(groups[k].clone());
            k += 1;
            continue;
        }
        let end = (k..groups.len())
            .find(|&e| !groups[e].one_sided())
            .unwrap_or(groups.len());
        let mut a: Vec<usize> = groups[k..end].iter().flat_map(|g| g.a.clone()).collect();
        let mut b: Vec<usize> = groups[k..end].iter().flat_map(|g| g.b.clone()).collect();
        let small = (a.len() == 1 && (1..=2).contains(&b.len())) || (b.len() == 1 && a.len() == 2);
        let anchored =
            k > 0 && end < groups.len() && groups[k - 1].score.min(groups[end].score) >= ANCHOR;
        if small && anchored {
            a.sort_unstable();
            b.sort_unstable();
            out.push(AlignedGroup {
                score: score(&a, &b),
                a,
                b,
            });
        } else {
            out.extend(groups[k..end].iter().cloned());
        }
        k = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(a: &[usize], b: &[usize], score: f64) -> AlignedGroup {
        AlignedGroup {
            a: a.to_vec(),
            b: b.to_vec(),
            score,
        }
    }

    /// A toy similarity: sentences "match" when listed together.
    fn toy(pairs: &'static [(usize, usize)]) -> impl Fn(&[usize], &[usize]) -> f64 {
        move |a: &[usize], b: &[usize]| {
            let hits = pairs
                .iter()
                .filter(|(x, y)| a.contains(x) && b.contains(y))
                .count() as f64;
            hits / (a.len() * b.len()) as f64
        }
    }

    fn shape(groups: &[AlignedGroup]) -> Vec<(Vec<usize>, Vec<usize>)> {
        groups.iter().map(|g| (g.a.clone(), g.b.clone())).collect()
    }

    #[test]
    fn a_stray_member_pairs_with_the_unpaired_sentence_beside_it() {
        // A0 alone; A1 with B0 and B1, but only B1 shares words with A1.
        let score = toy(&[(1, 1)]);
        let groups = vec![g(&[0], &[], 0.0), g(&[1], &[0, 1], 0.5)];
        assert_eq!(
            shape(&refine(groups, &score)),
            vec![(vec![0], vec![0]), (vec![1], vec![1])]
        );
        // A member that shares words stays.
        let score = toy(&[(1, 1), (1, 0)]);
        let groups = vec![g(&[0], &[], 0.0), g(&[1], &[0, 1], 1.0)];
        assert_eq!(
            shape(&refine(groups, &score)),
            vec![(vec![0], vec![]), (vec![1], vec![0, 1])]
        );
    }

    #[test]
    fn gaps_are_filled_only_between_confident_pairs() {
        let score = toy(&[(0, 0), (2, 3)]);
        let gap = |before: f64| {
            vec![
                g(&[0], &[0], before),
                g(&[1], &[], 0.0),
                g(&[], &[1], 0.0),
                g(&[], &[2], 0.0),
                g(&[2], &[3], 0.8),
            ]
        };
        assert_eq!(
            shape(&refine(gap(0.6), &score))[1],
            (vec![1], vec![1, 2]),
            "one sentence facing two, between confident pairs"
        );
        assert_eq!(
            refine(gap(0.1), &score).len(),
            5,
            "a weak neighbour: left alone"
        );
    }
}
