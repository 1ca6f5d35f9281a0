//! Measuring an alignment against a hand-made gold alignment: precision, recall and F1 of
//! sentence links (precision counts sure and possible links as right, recall needs the sure
//! ones), and the alignment error rate AER = 1 − (|A∩S| + |A∩P|) / (|A| + |S|).

use super::align::Alignment;
use crate::text::sentences::Sentence;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One link of a gold alignment; sentences are named by the start of their text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldLink {
    /// Start of the A sentence.
    pub a: String,
    /// Start of the B sentence.
    pub b: String,
    /// Sure (same content) or possible (partly).
    pub sure: bool,
}

/// A hand-made alignment of two documents.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldAlignment {
    /// Document A id.
    pub a: String,
    /// Document B id.
    pub b: String,
    /// The sentence links, sure and possible, as hand-made.
    pub links: Vec<GoldLink>,
}

/// Scores of an alignment against gold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Share of proposed links that are sure or possible.
    pub precision: f64,
    /// Share of sure links proposed.
    pub recall: f64,
    /// The harmonic mean of precision and recall.
    pub f1: f64,
    /// Alignment error rate.
    pub aer: f64,
}

fn index_of(sentences: &[Sentence], prefix: &str) -> Result<usize, String> {
    let found: Vec<usize> = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.text.starts_with(prefix))
        .map(|(i, _)| i)
        .collect();
    match found.as_slice() {
        [i] => Ok(*i),
        [] => Err(format!("no sentence starts with {prefix:?}")),
        _ => Err(format!("several sentences start with {prefix:?}")),
    }
}

/// Scores an alignment; errors if a gold sentence cannot be found unambiguously.
pub fn evaluate(alignment: &Alignment, gold: &GoldAlignment) -> Result<Scores, String> {
    let mut sure = HashSet::new();
    let mut possible = HashSet::new();
    for l in &gold.links {
        let link = (index_of(&alignment.a, &l.a)?, index_of(&alignment.b, &l.b)?);
        possible.insert(link);
        if l.sure {
            sure.insert(link);
        }
    }
    let proposed: HashSet<(usize, usize)> = alignment.links().into_iter().collect();
    let a_s = proposed.intersection(&sure).count() as f64;
    let a_p = proposed.intersection(&possible).count() as f64;
    let precision = if proposed.is_empty() {
        0.0
    } else {
        a_p / proposed.len() as f64
    };
    let recall = if sure.is_empty() {
        0.0
    } else {
        a_s / sure.len() as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let aer = 1.0 - (a_s + a_p) / (proposed.len() + sure.len()) as f64;
    Ok(Scores {
        precision,
        recall,
        f1,
        aer,
    })
}
