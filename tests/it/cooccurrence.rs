//! What co-occurs: tags against tags, people, documents and months, over a notebook on the real
//! corpus; the cells hold the passages behind the counts; CSV and the command line.

use crate::questions::notebook;
use crate::workspace;
use readingroom::search::cooccurrence::{Axis, Matrix, cooccurrence};
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
        false,
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
        nb.annotations[m.cells[r][c][0].note].id,
        "castro-april-mafia"
    );
    let months = cooccurrence(ws, &nb, &none, Axis::Tags, Axis::Months, false);
    assert_eq!(cell(&months, "CIA plots", "1961-04"), 2);
    assert_eq!(cell(&months, "CIA plots", "1960-09"), 1);
    let docs = cooccurrence(ws, &nb, &none, Axis::Tags, Axis::Documents, false);
    assert_eq!(docs.cols.len(), 2, "the two documents the notes are on");
    // Tags against tags: the diagonal is each tag's passages; overlapping notes count together.
    let tags = cooccurrence(ws, &nb, &none, Axis::Tags, Axis::Tags, false);
    assert_eq!(cell(&tags, "CIA plots", "CIA plots"), 4, "with the memo");
    assert_eq!(cell(&tags, "CIA plots", "Mafia"), 0, "no note has both");
    let near = cooccurrence(ws, &nb, &none, Axis::Tags, Axis::Tags, true);
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
        false,
    );
    for c in 0..m.cols.len() {
        assert!(
            (0..m.rows.len()).any(|r| m.count(r, c) > 0),
            "{} has no passage",
            m.cols[c]
        );
    }
}
