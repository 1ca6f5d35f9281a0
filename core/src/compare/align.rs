//! Sentence alignment by dynamic programming over "beads" (GUIDE §5): 1-1, 1-0, 0-1, 2-1, 1-2,
//! 2-2, 3-1, 1-3, 4-1 and 1-4. A bead's cost is its lexical dissimilarity (per sentence it
//! covers), a small penalty for merging, and a weak Gale–Church length term; a sentence left
//! alone costs a fixed amount, so two sentences are paired only when they share enough content.
//! The search runs in a band around the diagonal, so long texts stay fast.

use super::AlignedGroup;
use super::beads::{BEADS, best_path, gale_church_penalties};
use super::similarity::{Weights, terms};
use crate::text::sentences::{Sentence, sentences};
use serde::Serialize;
use std::collections::HashMap;

/// Weight of the length term (a tie-breaker: lexical similarity dominates).
const LENGTH_WEIGHT: f64 = 0.015;
/// Gale–Church variance per char.
const S2: f64 = 6.8;
/// The alignment of two texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// Sentences of A.
    pub a: Vec<Sentence>,
    /// Sentences of B.
    pub b: Vec<Sentence>,
    /// Rows in reading order.
    pub groups: Vec<AlignedGroup>,
}

impl Alignment {
    /// The sentence links (a, b) the rows make.
    pub fn links(&self) -> Vec<(usize, usize)> {
        self.groups
            .iter()
            .flat_map(|g| {
                g.a.iter()
                    .flat_map(move |&i| g.b.iter().map(move |&j| (i, j)))
            })
            .collect()
    }

    /// How many rows pair sentences, how many sentences are in one version only, and the
    /// average similarity of the pairs.
    pub fn summary(&self) -> AlignmentSummary {
        let pairs: Vec<&AlignedGroup> = self.groups.iter().filter(|g| !g.one_sided()).collect();
        let only_a = self
            .groups
            .iter()
            .filter(|g| g.b.is_empty())
            .map(|g| g.a.len())
            .sum();
        let only_b = self
            .groups
            .iter()
            .filter(|g| g.a.is_empty())
            .map(|g| g.b.len())
            .sum();
        let avg = if pairs.is_empty() {
            0.0
        } else {
            pairs.iter().map(|g| g.score).sum::<f64>() / pairs.len() as f64
        };
        AlignmentSummary {
            pairs: pairs.len(),
            only_a,
            only_b,
            average_similarity: avg,
        }
    }
}

/// The counts of an alignment ([`Alignment::summary`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignmentSummary {
    /// Rows with sentences on both sides.
    pub pairs: usize,
    /// Sentences found in A only.
    pub only_a: usize,
    /// Sentences found in B only.
    pub only_b: usize,
    /// Mean similarity of the pairs, 0..=1 (0 without pairs).
    pub average_similarity: f64,
}

/// A sentence as a sorted bag of term ids with counts.
type Bag = Vec<(u32, u32)>;

fn merge_bags(bags: &[Bag]) -> Bag {
    let mut all: Vec<(u32, u32)> = bags.iter().flatten().copied().collect();
    all.sort_unstable_by_key(|x| x.0);
    let mut out: Bag = Vec::with_capacity(all.len());
    for (id, c) in all {
        match out.last_mut() {
            Some(last) if last.0 == id => last.1 += c,
            _ => out.push((id, c)),
        }
    }
    out
}

/// Cosine similarity of two IDF-weighted bags: a short sentence whose content is all inside a
/// longer one still scores well (Dice would halve it), while chance overlaps of common words
/// stay low.
fn cosine(a: &Bag, b: &Bag, w: &[f64]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let (mut dot, mut na, mut nb) = (0.0, 0.0, 0.0);
    for x in a {
        na += (w[x.0 as usize] * f64::from(x.1)).powi(2);
    }
    for y in b {
        nb += (w[y.0 as usize] * f64::from(y.1)).powi(2);
    }
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x.0 == y.0 {
            let wt = w[x.0 as usize];
            dot += wt * wt * f64::from(x.1) * f64::from(y.1);
            i += 1;
            j += 1;
        } else if x.0 < y.0 {
            i += 1;
        } else {
            j += 1;
        }
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

/// An entity named in a text (a person, from the people index): char range and id. Two names
/// of one person ("Fidel", "Castro") then count as the same word.
pub type Entity = (usize, usize, String);

/// Aligns the sentences of two texts.
pub fn align_texts(a_text: &str, b_text: &str) -> Alignment {
    align_texts_with_entities(a_text, b_text, &[], &[])
}

/// Aligns the sentences of two texts, counting the entities each sentence names as words.
pub fn align_texts_with_entities(
    a_text: &str,
    b_text: &str,
    a_entities: &[Entity],
    b_entities: &[Entity],
) -> Alignment {
    let a = sentences(a_text);
    let b = sentences(b_text);
    let groups = align_sentences(&a, &b, a_entities, b_entities);
    Alignment { a, b, groups }
}

fn sentence_terms(s: &Sentence, entities: &[Entity]) -> Vec<String> {
    let mut t = terms(&s.text);
    t.extend(
        entities
            .iter()
            .filter(|(st, en, _)| *st >= s.start && *en <= s.end)
            .map(|(_, _, id)| format!("@{id}")),
    );
    t
}

/// A group of sentences a user pinned together: (sentences of A, sentences of B).
pub type Pin = (Vec<usize>, Vec<usize>);

/// Aligns two lists of sentences, then re-applies the user's pinned groups on top: each pin
/// takes its sentences out of the groups that held them and stands where the first of those was.
pub fn align_sentences_with_pins(
    a: &[Sentence],
    b: &[Sentence],
    a_entities: &[Entity],
    b_entities: &[Entity],
    pins: &[Pin],
) -> Vec<AlignedGroup> {
    let (mut groups, score) = align_and_scorer(a, b, a_entities, b_entities);
    for (pa, pb) in pins {
        let valid = pa.iter().all(|&i| i < a.len()) && pb.iter().all(|&j| j < b.len());
        if !valid || (pa.is_empty() && pb.is_empty()) {
            continue;
        }
        let mut at = None;
        for (k, g) in groups.iter_mut().enumerate() {
            let before = g.a.len() + g.b.len();
            g.a.retain(|i| !pa.contains(i));
            g.b.retain(|j| !pb.contains(j));
            if g.a.len() + g.b.len() != before && at.is_none() {
                at = Some(k);
            }
        }
        // Groups that lost sentences are rescored; emptied ones go.
        for g in groups.iter_mut() {
            g.score = if g.one_sided() {
                0.0
            } else {
                score(&g.a, &g.b)
            };
        }
        let at = at.unwrap_or(groups.len());
        let mut pa = pa.clone();
        let mut pb = pb.clone();
        pa.sort_unstable();
        pb.sort_unstable();
        let s = if pa.is_empty() || pb.is_empty() {
            0.0
        } else {
            score(&pa, &pb)
        };
        groups.insert(
            at,
            AlignedGroup {
                a: pa,
                b: pb,
                score: s,
            },
        );
        groups.retain(|g| !(g.a.is_empty() && g.b.is_empty()));
    }
    groups
}

/// Aligns two lists of sentences.
pub fn align_sentences(
    a: &[Sentence],
    b: &[Sentence],
    a_entities: &[Entity],
    b_entities: &[Entity],
) -> Vec<AlignedGroup> {
    align_and_scorer(a, b, a_entities, b_entities).0
}

type Scorer = Box<super::GroupScore>;

fn align_and_scorer(
    a: &[Sentence],
    b: &[Sentence],
    a_entities: &[Entity],
    b_entities: &[Entity],
) -> (Vec<AlignedGroup>, Scorer) {
    let ta: Vec<Vec<String>> = a.iter().map(|s| sentence_terms(s, a_entities)).collect();
    let tb: Vec<Vec<String>> = b.iter().map(|s| sentence_terms(s, b_entities)).collect();
    let weights = Weights::new(ta.iter().chain(tb.iter()));
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut w: Vec<f64> = Vec::new();
    let mut bag = |terms: &Vec<String>| -> Bag {
        let mut v: Vec<(u32, u32)> = terms
            .iter()
            .map(|t| {
                let next = ids.len() as u32;
                let id = *ids.entry(t.clone()).or_insert_with(|| {
                    w.push(weights.similarity_weight(t));
                    next
                });
                (id, 1)
            })
            .collect();
        v.sort_unstable_by_key(|x| x.0);
        merge_bags(&[v])
    };
    let ba: Vec<Bag> = ta.iter().map(&mut bag).collect();
    let bb: Vec<Bag> = tb.iter().map(&mut bag).collect();
    let la: Vec<f64> = a.iter().map(|s| s.text.chars().count() as f64).collect();
    let lb: Vec<f64> = b.iter().map(|s| s.text.chars().count() as f64).collect();
    let (n, m) = (a.len(), b.len());
    let ratio = if la.iter().sum::<f64>() > 0.0 {
        lb.iter().sum::<f64>() / la.iter().sum::<f64>()
    } else {
        1.0
    };
    let band = 40usize.max(n.max(m) / 6);
    let in_band = |i: usize, j: usize| -> bool {
        let expected = if n == 0 {
            0.0
        } else {
            i as f64 * m as f64 / n as f64
        };
        (j as f64 - expected).abs() <= band as f64
    };
    // Bags of every group a bead can take (sentences i..i+k), computed once.
    let groups_of = |bags: &[Bag]| -> Vec<Vec<Bag>> {
        (0..bags.len())
            .map(|i| {
                (1..=4)
                    .map(|k| merge_bags(&bags[i..(i + k).min(bags.len())]))
                    .collect()
            })
            .collect()
    };
    let group_a = groups_of(&ba);
    let group_b = groups_of(&bb);
    let dp = |penalty: &[f64; BEADS.len()]| -> Vec<(usize, usize, usize, usize)> {
        best_path(n, m, penalty, &in_band, |i, j, da, db| {
            let s = cosine(&group_a[i][da - 1], &group_b[j][db - 1], &w);
            let len_a: f64 = la[i..i + da].iter().sum();
            let len_b: f64 = lb[j..j + db].iter().sum();
            let delta = (len_b - ratio * len_a) / (len_a.max(1.0) * S2).sqrt();
            (da + db) as f64 / 2.0 * (1.0 - s) + LENGTH_WEIGHT * delta.abs().min(10.0)
        })
    };
    let path = dp(&gale_church_penalties());
    let scorer: Scorer = Box::new(move |ia: &[usize], ib: &[usize]| {
        let ga: Vec<Bag> = ia.iter().map(|&i| ba[i].clone()).collect();
        let gb: Vec<Bag> = ib.iter().map(|&j| bb[j].clone()).collect();
        cosine(&merge_bags(&ga), &merge_bags(&gb), &w)
    });
    let (all_a, all_b): (Vec<usize>, Vec<usize>) = ((0..n).collect(), (0..m).collect());
    let groups = super::beads::rows(&path, &all_a, &all_b, &*scorer);
    let groups = super::refine::refine(groups, &scorer);
    (groups, scorer)
}
