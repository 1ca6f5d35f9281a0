//! Scoring attributions against hand-labelled fixtures (`tests/fixtures/speakers/*.ron`).

use super::Attribution;
use serde::Deserialize;
use std::collections::BTreeSet;

/// One hand-labelled sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledSentence {
    /// Start char offset of the sentence.
    pub start: usize,
    /// Its opening words, so a reader of the fixture knows which sentence it is.
    pub opening: String,
    /// Person ids; empty for unattributed.
    pub speakers: Vec<String>,
}

/// The hand-labelled speakers of one document.
#[derive(Debug, Clone, Deserialize)]
pub struct SpeakerFixture {
    /// The labelled document (an id of the corpus).
    pub doc: String,
    /// Labelled before the rules were written and never used to tune them.
    #[serde(default)]
    pub held_out: bool,
    /// Every sentence, in order.
    pub sentences: Vec<LabelledSentence>,
}

/// A sentence the rules got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// Start char offset.
    pub start: usize,
    /// The sentence's first words, to find it (and to read the fixture).
    pub opening: String,
    /// The hand label.
    pub expected: Vec<String>,
    /// What the rules said.
    pub got: Vec<String>,
}

/// Sentence accuracy of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// Sentences whose speaker set matches the label.
    pub correct: usize,
    /// How many sentences the fixture labels.
    pub total: usize,
    /// The sentences attributed otherwise than the fixture says.
    pub misses: Vec<Miss>,
}

impl Score {
    /// Correct / total.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        self.correct as f64 / self.total as f64
    }
}

/// Compares attributions with a fixture. Fails when the sentences do not line up (the
/// segmentation changed, so the fixture must be checked by hand again).
pub fn score(fixture: &SpeakerFixture, attributions: &[Attribution]) -> Result<Score, String> {
    if fixture.sentences.len() != attributions.len() {
        return Err(format!(
            "{}: the fixture has {} sentences, the segmentation {}",
            fixture.doc,
            fixture.sentences.len(),
            attributions.len()
        ));
    }
    let mut result = Score {
        correct: 0,
        total: 0,
        misses: Vec::new(),
    };
    for (label, got) in fixture.sentences.iter().zip(attributions) {
        if label.start != got.start {
            return Err(format!(
                "{}: the fixture's sentence “{}” starts at {}, the segmentation's at {}",
                fixture.doc, label.opening, label.start, got.start
            ));
        }
        result.total += 1;
        let expected: BTreeSet<&String> = label.speakers.iter().collect();
        let actual: BTreeSet<&String> = got.speakers.iter().collect();
        if expected == actual {
            result.correct += 1;
        } else {
            result.misses.push(Miss {
                start: label.start,
                opening: label.opening.clone(),
                expected: label.speakers.clone(),
                got: got.speakers.clone(),
            });
        }
    }
    Ok(result)
}
