//! A second look at an alignment, where position decides what the words cannot. Translators
//! keep the order of what they translate, so when two versions say one thing in different
//! words, order is the evidence left:
//! - a member of a group that shares nothing with the other side, next to a sentence left
//!   unpaired on that other side, pairs with that sentence instead;
//! - a first or last member of a group that shares nothing with the other side leaves it;
//! - a lone unpaired sentence facing one or two unpaired sentences, between two confident
//!   pairs, pairs with them; in a larger gap between confident pairs, the sentences that share
//!   any words pair in order;
//! - a sentence left alone right beside a pair joins it if it shares words with its other side.
//!
//! "Shares words" always means a similarity of at least [`NOTHING`], the one threshold here.

use super::AlignedGroup;

/// Similarity of two groups of sentences (indices into A and B).
pub type Score<'a> = &'a super::GroupScore;

/// Similarity both neighbouring pairs need for the gap between them to be filled by position.
const ANCHOR: f64 = 0.3;
/// A member sharing less than this with the other side of its group shares nothing with it.
const NOTHING: f64 = 0.05;

/// Refines the groups of an alignment (reading order in, reading order out).
pub fn refine(groups: Vec<AlignedGroup>, score: Score<'_>) -> Vec<AlignedGroup> {
    let groups = detach_strays(strays_pair_with_neighbours(groups, score), score);
    lone_sentences_join_neighbours(fill_gaps(groups, score), score)
}

/// A sentence left alone right beside a pair joins it when it shares words with the pair's
/// other side (of the two neighbours, the one it shares most with).
fn lone_sentences_join_neighbours(
    mut groups: Vec<AlignedGroup>,
    score: Score<'_>,
) -> Vec<AlignedGroup> {
    let mut k = 0;
    while k < groups.len() {
        let g = &groups[k];
        if !(g.one_sided() && g.a.len() + g.b.len() == 1) {
            k += 1;
            continue;
        }
        let side_a = !g.a.is_empty();
        let x = if side_a { g.a[0] } else { g.b[0] };
        let mut best: Option<(usize, f64)> = None;
        for n in [k.checked_sub(1), Some(k + 1)].into_iter().flatten() {
            let Some(p) = groups.get(n).filter(|p| !p.one_sided()) else {
                continue;
            };
            let s = if side_a {
                score(&[x], &p.b)
            } else {
                score(&p.a, &[x])
            };
            if s >= NOTHING && best.is_none_or(|(_, b)| s > b) {
                best = Some((n, s));
            }
        }
        let Some((n, _)) = best else {
            k += 1;
            continue;
        };
        let p = &mut groups[n];
        if side_a {
            p.a.push(x);
            p.a.sort_unstable();
        } else {
            p.b.push(x);
            p.b.sort_unstable();
        }
        p.score = score(&p.a, &p.b);
        groups.remove(k);
    }
    groups
}

/// A first or last member of a group that shares nothing with the other side (and adds
/// nothing to the group's similarity) is not part of it: it becomes a row of its own.
fn detach_strays(groups: Vec<AlignedGroup>, score: Score<'_>) -> Vec<AlignedGroup> {
    let mut out = Vec::with_capacity(groups.len());
    for mut g in groups {
        let mut before = Vec::new();
        let mut after = Vec::new();
        loop {
            let mut changed = false;
            for side_a in [true, false] {
                for first in [true, false] {
                    let members = if side_a { &g.a } else { &g.b };
                    if members.len() < 2 || g.a.is_empty() || g.b.is_empty() {
                        continue;
                    }
                    let member = if first {
                        members[0]
                    } else {
                        members[members.len() - 1]
                    };
                    if !is_stray(&g, side_a, member, score) {
                        continue;
                    }
                    let row = if side_a {
                        g.a.retain(|&i| i != member);
                        AlignedGroup {
                            a: vec![member],
                            b: vec![],
                            score: 0.0,
                        }
                    } else {
                        g.b.retain(|&j| j != member);
                        AlignedGroup {
                            a: vec![],
                            b: vec![member],
                            score: 0.0,
                        }
                    };
                    if first {
                        before.push(row)
                    } else {
                        after.insert(0, row)
                    }
                    g.score = score(&g.a, &g.b);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        out.extend(before);
        out.push(g);
        out.extend(after);
    }
    out
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

fn fill_gaps(groups: Vec<AlignedGroup>, score: Score<'_>) -> Vec<AlignedGroup> {
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
        } else if anchored && !a.is_empty() && !b.is_empty() {
            out.extend(align_gap(&a, &b, score));
        } else {
            out.extend(groups[k..end].iter().cloned());
        }
        k = end;
    }
    out
}

/// Aligns the sentences of a larger gap between two confident pairs: there, order vouches for
/// any sentences that share words at all (similarity of at least [`NOTHING`]), with no length
/// term; the rest stay one-sided.
fn align_gap(a: &[usize], b: &[usize], score: Score<'_>) -> Vec<AlignedGroup> {
    use super::beads::{SKIP, best_path, gale_church_penalties};
    let penalty = gale_church_penalties();
    let path = best_path(a.len(), b.len(), &penalty, &|_, _| true, |i, j, da, db| {
        if da > 2 || db > 2 {
            return f64::INFINITY;
        }
        let s = score(&a[i..i + da], &b[j..j + db]);
        if s < NOTHING {
            f64::INFINITY
        } else {
            (da + db) as f64 * SKIP * (1.0 - s)
        }
    });
    super::beads::rows(&path, a, b, score)
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

    #[test]
    fn a_member_sharing_nothing_leaves_its_group() {
        // B1 shares nothing with A0 and no unpaired A sentence is beside it: it stands alone.
        let score = toy(&[(0, 0)]);
        let groups = vec![g(&[0], &[0, 1], 0.7), g(&[], &[2], 0.0)];
        assert_eq!(
            shape(&refine(groups, &score)),
            vec![(vec![0], vec![0]), (vec![], vec![1]), (vec![], vec![2])]
        );
    }

    #[test]
    fn a_larger_gap_pairs_in_order_the_sentences_that_share_words() {
        // Three against three between confident pairs: A2 shares words with B3 only.
        let score = toy(&[(0, 0), (2, 3), (4, 4)]);
        let groups = vec![
            g(&[0], &[0], 0.8),
            g(&[1], &[], 0.0),
            g(&[2], &[], 0.0),
            g(&[3], &[], 0.0),
            g(&[], &[1], 0.0),
            g(&[], &[2], 0.0),
            g(&[], &[3], 0.0),
            g(&[4], &[4], 0.8),
        ];
        let out = shape(&refine(groups, &score));
        assert!(out.contains(&(vec![2], vec![3])), "{out:?}");
        for one_sided in [(vec![1], vec![]), (vec![3], vec![]), (vec![], vec![1])] {
            assert!(out.contains(&one_sided), "{out:?}");
        }
        assert_eq!(out.len(), 7, "{out:?}");
    }

    #[test]
    fn a_lone_sentence_joins_the_neighbouring_pair_it_shares_words_with() {
        // A1 alone between A0-B0 and A2-B1; it shares words with B1, not with B0.
        let score = toy(&[(0, 0), (2, 1), (1, 1)]);
        let groups = vec![g(&[0], &[0], 0.9), g(&[1], &[], 0.0), g(&[2], &[1], 0.9)];
        assert_eq!(
            shape(&refine(groups, &score)),
            vec![(vec![0], vec![0]), (vec![1, 2], vec![1])]
        );
        // Sharing nothing, it stays alone.
        let score = toy(&[(0, 0), (2, 1)]);
        let groups = vec![g(&[0], &[0], 0.9), g(&[1], &[], 0.0), g(&[2], &[1], 0.9)];
        assert_eq!(refine(groups, &score).len(), 3);
    }
}
