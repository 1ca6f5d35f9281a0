//! What co-occurs: tags against tags, people, documents and months, over a notebook on the real
//! corpus; the cells hold the passages behind the counts; CSV and the command line.

use crate::questions::notebook;
use crate::workspace;
use readingroom::search::cooccurrence::{Axis, Matrix, Proximity, cooccurrence};
use readingroom::search::query::PersonRole;
use std::collections::HashMap;

fn cell(m: &Matrix, row: &str, col: &str) -> usize {
    let r = m
        .rows
        .iter()
        .position(|x| x == row)
        .unwrap_or_else(|| panic!("row {row}"));
    let c = m
        .cols
        .iter()
        .position(|x| x == col)
        .unwrap_or_else(|| panic!("col {col}"));
    m.count(r, c)
}

#[test]
fn tags_against_speakers_months_and_documents_count_the_passages_behind_them() {
    let ws = workspace();
    let nb = notebook();
    let none = HashMap::new();
    let m = cooccurrence(
        ws,
        &nb,
        &none,
        Axis::Tags,
        Axis::People(PersonRole::Spoke),
        Proximity::SameNote,
    );
    assert!(
        m.rows
            .starts_with(&["CIA plots".to_string(), "Mafia".to_string()])
    );
    assert_eq!(cell(&m, "CIA plots", "Fidel Castro"), 2, "April and 1960");
    assert_eq!(cell(&m, "Mafia", "Fidel Castro"), 1);
    assert_eq!(cell(&m, "CIA plots", "Sergey Kudryavtsev"), 1);
    assert_eq!(cell(&m, "Bay of Pigs", "Fidel Castro"), 1);
    // The cell holds the notes behind the count.
    let r = m.rows.iter().position(|x| x == "Mafia").unwrap();
    let c = m.cols.iter().position(|x| x == "Fidel Castro").unwrap();
    assert_eq!(
        nb.annotations[m.passages(r, c)[0].note].id,
        "castro-april-mafia"
    );
    let months = cooccurrence(
        ws,
        &nb,
        &none,
        Axis::Tags,
        Axis::Months,
        Proximity::SameNote,
    );
    assert_eq!(cell(&months, "CIA plots", "1961-04"), 2);
    assert_eq!(cell(&months, "CIA plots", "1960-09"), 1);
    let docs = cooccurrence(
        ws,
        &nb,
        &none,
        Axis::Tags,
        Axis::Documents,
        Proximity::SameNote,
    );
    assert_eq!(docs.cols.len(), 2, "the two documents the notes are on");
    // Tags against tags: the diagonal is each tag's passages; overlapping notes count together.
    let tags = cooccurrence(ws, &nb, &none, Axis::Tags, Axis::Tags, Proximity::SameNote);
    assert_eq!(cell(&tags, "CIA plots", "CIA plots"), 4, "with the memo");
    assert_eq!(cell(&tags, "CIA plots", "Mafia"), 0, "no note has both");
    let near = cooccurrence(
        ws,
        &nb,
        &none,
        Axis::Tags,
        Axis::Tags,
        Proximity::Overlapping,
    );
    assert_eq!(
        cell(&near, "CIA plots", "Mafia"),
        1,
        "the Mafia note overlaps a CIA one"
    );
    assert_eq!(
        cell(&near, "Mafia", "CIA plots"),
        1,
        "the CIA note it overlaps (the ambassador's passage is elsewhere)"
    );
    // CSV: the header is the columns, each row its label and counts.
    let csv = months.to_csv();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), ",1960-09,1961-04");
    assert!(csv.contains("\nCIA plots,1,2\n"), "{csv}");
}

#[test]
fn readingroom_cooccurrence_prints_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&dir.path().join("notebook.ron"));
    file.notebook = notebook();
    file.save().unwrap();
    let out = crate::readingroom_in(
        dir.path(),
        &[
            "cooccurrence",
            "--rows",
            "tags",
            "--cols",
            "months",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r == "CIA plots")
        .unwrap();
    let col = v["cols"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == "1961-04")
        .unwrap();
    assert_eq!(v["counts"][row][col], 2);
    let out = crate::readingroom_in(dir.path(), &["cooccurrence", "--cols", "people"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with(",Fidel Castro,"), "{csv}");
    assert!(csv.contains("\nCIA plots,2,"), "{csv}");
    let out = crate::readingroom_in(dir.path(), &["cooccurrence", "--cols", "colours"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"colours\" is not an axis"));
}

#[test]
fn only_what_some_passage_falls_under_is_a_row_or_a_column() {
    let ws = workspace();
    let nb = notebook();
    let m = cooccurrence(
        ws,
        &nb,
        &HashMap::new(),
        Axis::Tags,
        Axis::People(PersonRole::Spoke),
        Proximity::SameNote,
    );
    for c in 0..m.cols.len() {
        assert!(
            (0..m.rows.len()).any(|r| m.count(r, c) > 0),
            "{} has no passage",
            m.cols[c]
        );
    }
}

/// A note on the `n`th sentence of the 1974 memoir (its first 20 chars), coded `tag`.
pub fn on_sentence(id: &str, n: usize, tag: &str) -> readingroom::notes::model::Annotation {
    let ws = workspace();
    let doc = "khrushchev-memoir-1974";
    let d = ws.corpus.get(doc).unwrap();
    let s = &readingroom::text::sentences::sentences(&d.text)[n];
    readingroom::notes::model::Annotation {
        id: id.into(),
        target: readingroom::notes::model::text_target(doc, &d.text, s.start, s.start + 20),
        note: String::new(),
        tags: vec![tag.to_string()],
        author: "Ana".into(),
        created: "2026-12-07T10:00:00Z".into(),
        modified: "2026-12-07T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

#[test]
fn notes_within_n_sentences_count_together_and_the_cells_keep_their_passages() {
    use readingroom::notes::model::{Notebook, Tag};
    let ws = workspace();
    let mut nb = Notebook {
        tags: vec![Tag::new("Harlem", "#1f5fa8"), Tag::new("Hotel", "#b3261e")],
        ..Notebook::default()
    };
    // Sentence 4 coded Harlem, sentence 6 coded Hotel: two sentences apart.
    nb.add(on_sentence("harlem", 4, "Harlem"));
    nb.add(on_sentence("hotel", 6, "Hotel"));
    let none = HashMap::new();
    let table = |p: Proximity| cooccurrence(ws, &nb, &none, Axis::Tags, Axis::Tags, p);
    assert_eq!(cell(&table(Proximity::SameNote), "Harlem", "Hotel"), 0);
    assert_eq!(cell(&table(Proximity::Overlapping), "Harlem", "Hotel"), 0);
    assert_eq!(
        cell(&table(Proximity::WithinSentences(0)), "Harlem", "Hotel"),
        0
    );
    assert_eq!(
        cell(&table(Proximity::WithinSentences(1)), "Harlem", "Hotel"),
        0
    );
    let two = table(Proximity::WithinSentences(2));
    assert_eq!(cell(&two, "Harlem", "Hotel"), 1, "two sentences apart");
    assert_eq!(cell(&two, "Hotel", "Harlem"), 1, "either way round");
    assert_eq!(
        cell(&two, "Harlem", "Harlem"),
        1,
        "the diagonal stays each tag's own"
    );
    // The cell's passage is the one coded as the column, near one coded as the row.
    let r = two.rows.iter().position(|x| x == "Harlem").unwrap();
    let c = two.cols.iter().position(|x| x == "Hotel").unwrap();
    let behind = two.passages(r, c);
    assert_eq!(behind.len(), 1);
    assert_eq!(nb.annotations[behind[0].note].id, "hotel");
    assert!(
        two.passages(r, r)
            .iter()
            .all(|h| nb.annotations[h.note].id == "harlem")
    );
    // A third note in sentence 5 is within 1 of both.
    nb.add(on_sentence("middle", 5, "Harlem"));
    let one = cooccurrence(
        ws,
        &nb,
        &none,
        Axis::Tags,
        Axis::Tags,
        Proximity::WithinSentences(1),
    );
    assert_eq!(
        cell(&one, "Harlem", "Hotel"),
        1,
        "the middle note lends Harlem to the hotel note"
    );
    assert_eq!(cell(&one, "Hotel", "Harlem"), 1, "and takes Hotel itself");
    assert_eq!(cell(&one, "Harlem", "Harlem"), 2);
}

#[test]
fn readingroom_cooccurrence_within_n_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&dir.path().join("notebook.ron"));
    let mut nb = readingroom::notes::model::Notebook::default();
    nb.add(on_sentence("harlem", 4, "Harlem"));
    nb.add(on_sentence("hotel", 6, "Hotel"));
    file.notebook = nb;
    file.save().unwrap();
    let csv = |args: &[&str]| {
        let out = crate::readingroom_in(dir.path(), args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let base = ["cooccurrence", "--rows", "tags", "--cols", "tags"];
    assert!(csv(&base).contains("\nHarlem,1,0\n"), "{}", csv(&base));
    let within: Vec<&str> = base.iter().copied().chain(["--within", "2"]).collect();
    assert!(csv(&within).contains("\nHarlem,1,1\n"), "{}", csv(&within));
    let both: Vec<&str> = within.iter().copied().chain(["--overlapping"]).collect();
    let out = crate::readingroom_in(dir.path(), &both);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--within and --overlapping are one choice"
    );
}
