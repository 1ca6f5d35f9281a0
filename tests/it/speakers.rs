//! Who said what: attribution against the hand-labelled fixtures, concordances, the "spoke"
//! role and the `said` command.

use crate::workspace;
use readingroom::speakers::eval::{Score, SpeakerFixture, score};
use std::path::PathBuf;

fn fixtures() -> Vec<SpeakerFixture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speakers");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            ron::from_str(&std::fs::read_to_string(f).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect()
}

fn scores() -> Vec<(SpeakerFixture, Score)> {
    let ws = workspace();
    fixtures()
        .into_iter()
        .map(|f| {
            let atts = &ws.speakers.attributions[&f.doc];
            let s = score(&f, atts).unwrap();
            (f, s)
        })
        .collect()
}

#[test]
fn fixtures_cover_at_least_three_records_including_the_3_march_lunch() {
    let f = fixtures();
    assert!(f.len() >= 3);
    assert!(f.iter().any(|f| f.doc == "1961-03-03-kudryavtsev-castro-lunch"));
    assert!(f.iter().any(|f| f.held_out));
}

#[test]
fn sentence_accuracy_is_at_least_0_90_on_the_fixtures() {
    let mut correct = 0;
    let mut total = 0;
    for (f, s) in scores() {
        eprintln!(
            "{}{}: {}/{} = {:.3}",
            f.doc,
            if f.held_out { " (held out)" } else { "" },
            s.correct,
            s.total,
            s.accuracy()
        );
        for m in &s.misses {
            eprintln!("  @{} {:?}: expected {:?}, got {:?}", m.start, m.opening, m.expected, m.got);
        }
        correct += s.correct;
        total += s.total;
    }
    let accuracy = correct as f64 / total as f64;
    eprintln!("all: {correct}/{total} = {accuracy:.3}");
    assert!(accuracy >= 0.90, "sentence accuracy {accuracy:.3} < 0.90");
}
