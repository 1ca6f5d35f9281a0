//! Notebooks of every earlier format keep opening (tests/fixtures/notebooks), are brought up to
//! this format without losing a note, and are rewritten only after a change, with the old file
//! kept in the history.

use readingroom::notes::model::FORMAT_VERSION;
use readingroom::notes::{NotebookFile, history, migrate::Migration, store};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notebooks")
}

fn format_1() -> String {
    std::fs::read_to_string(fixtures().join("format-1.ron")).unwrap()
}

#[test]
fn every_earlier_format_in_the_fixtures_opens_and_is_brought_up_to_date() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "ron") {
            continue;
        }
        seen += 1;
        let file = NotebookFile::open(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.read_only, None, "{}", path.display());
        assert_eq!(file.notebook.format_version, FORMAT_VERSION);
        assert!(
            file.migrated.is_some_and(|m| m.from < FORMAT_VERSION),
            "{}: each fixture is of an earlier format",
            path.display()
        );
        assert!(!file.notebook.annotations.is_empty());
    }
    assert!(seen >= 1, "a fixture for every earlier format version");
    assert!(
        fixtures()
            .join(format!("format-{}.ron", FORMAT_VERSION - 1))
            .exists(),
        "the format before this one has its fixture"
    );
}

#[test]
fn version_1_pair_copies_become_one_note_on_both_passages() {
    let parsed = store::parse_full(Path::new("format-1.ron"), &format_1()).unwrap();
    assert_eq!(
        parsed.migrated,
        Some(Migration {
            from: 1,
            joined_pairs: 2
        })
    );
    let nb = parsed.notebook;
    assert_eq!(
        nb.annotations.len(),
        3,
        "five v1 notes: one single, two pairs"
    );
    let single = &nb.annotations[0];
    assert_eq!(single.note, "1974 wording only");
    assert!(!single.is_multi());
    for (a, note) in nb.annotations[1..].iter().zip([
        "The same episode in both versions",
        "Hotel Theresa, told twice",
    ]) {
        assert_eq!(a.note, note);
        let docs: Vec<_> = a.targets().map(|t| t.doc().unwrap()).collect();
        assert_eq!(docs, ["khrushchev-memoir-1974", "khrushchev-memoir-2007"]);
    }
    // No quote was lost: every passage of the v1 file is a target of a note.
    let v1_quotes = format_1().matches("exact: ").count();
    let quotes: usize = nb.annotations.iter().map(|a| a.targets().count()).sum();
    assert_eq!(quotes, v1_quotes);
    assert!(nb.annotations[1].targets().any(|t| {
        t.quote()
            .is_some_and(|q| q.contains("raging and thundering"))
    }));
}

#[test]
fn copies_edited_apart_stay_two_notes_and_a_lone_copy_is_left_alone() {
    // One copy of the first pair was edited in version 1: they are different notes now.
    let text = format_1().replacen(
        "note: \"The same episode in both versions\"",
        "note: \"The same episode, 1974 side, edited\"",
        1,
    );
    let parsed = store::parse_full(Path::new("edited.ron"), &text).unwrap();
    assert_eq!(parsed.migrated.unwrap().joined_pairs, 1);
    assert_eq!(parsed.notebook.annotations.len(), 4);
    // Both copies deleted: they are joined in the trash, restorable as one note.
    let mut nb = store::parse_full(Path::new("a.ron"), &format_1())
        .unwrap()
        .notebook;
    let pair = nb.annotations.remove(2);
    nb.annotations.truncate(1);
    let mut first = pair.clone();
    first.other_targets.clear();
    let mut second = first.clone();
    second.id = "second-copy".into();
    second.target = pair.other_targets[0].clone();
    nb.annotations.extend([first.clone(), second]);
    nb.delete(&first.id, "2026-01-02T00:00:00Z");
    nb.delete("second-copy", "2026-01-02T00:00:01Z");
    nb.format_version = 1;
    let parsed = store::parse_full(Path::new("t.ron"), &store::to_text(&nb)).unwrap();
    assert_eq!(parsed.migrated.unwrap().joined_pairs, 1);
    let trash = &parsed.notebook.trash;
    assert_eq!(
        trash.len(),
        1,
        "the two deleted copies are one deleted note"
    );
    assert_eq!(trash[0].annotation.targets().count(), 2);
    assert_eq!(trash[0].deleted, "2026-01-02T00:00:01Z");
}

#[test]
fn a_migrated_notebook_is_rewritten_only_after_a_change_and_the_old_file_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("colleague.ron");
    std::fs::write(&path, format_1()).unwrap();
    let mut file = NotebookFile::open(&path).unwrap();
    assert!(file.migrated.is_some());
    assert!(!file.is_dirty(), "opening changes nothing on disk");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), format_1());
    // A change: the notebook is written in this format, the version-1 file kept verbatim.
    file.notebook.annotations[0].note.push_str(" (checked)");
    file.save().unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains(&format!("format_version: {FORMAT_VERSION},")));
    assert!(written.contains("other_targets: [Text(doc: \"khrushchev-memoir-2007\""));
    let kept: Vec<String> = history::list(&path)
        .unwrap()
        .iter()
        .map(|v| std::fs::read_to_string(&v.path).unwrap())
        .collect();
    assert!(kept.contains(&format_1()), "the old file is in the history");
    // It reads back as it was saved, with no second migration.
    let again = NotebookFile::open(&path).unwrap();
    assert_eq!(again.migrated, None);
    assert_eq!(again.notebook, file.notebook);
}

#[test]
fn a_newer_format_still_opens_read_only_and_untouched() {
    let newer = format_1().replace("format_version: 1,", "format_version: 99,");
    let parsed = store::parse_full(Path::new("newer.ron"), &newer).unwrap();
    assert_eq!(parsed.migrated, None, "a newer notebook is never changed");
    assert_eq!(parsed.notebook.annotations.len(), 5);
    assert!(parsed.read_only_reason().is_some());
}

#[test]
fn the_window_says_what_it_changed_and_marks_a_pair_note_in_both_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("colleague.ron");
    std::fs::write(&path, format_1()).unwrap();
    let mut h = crate::ui::harness_on(&path);
    h.run();
    let notice = h.state().notice().unwrap_or_default().to_string();
    assert!(
        notice.contains("format version 1") && notice.contains("2 notes on a pair of passages"),
        "{notice}"
    );
    let pair = h.state().session.notebook.annotations[1].id.clone();
    for doc in ["khrushchev-memoir-1974", "khrushchev-memoir-2007"] {
        crate::ui::open(&mut h, doc);
        assert!(
            h.state().highlighted_notes().contains(&pair),
            "the note is highlighted in {doc}"
        );
    }
}

#[test]
fn the_cli_lists_a_pair_note_once_with_its_second_passage_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notebook.ron"), format_1()).unwrap();
    let list = |json: bool| {
        let mut args = vec!["notes", "list"];
        if json {
            args.push("--json");
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_readingroom"))
            .env("READINGROOM_DATA_DIR", dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = list(false);
    assert!(text.ends_with("3 notes\n"), "{text}");
    assert_eq!(text.matches("  and on  exact").count(), 2, "{text}");
    let v: serde_json::Value = serde_json::from_str(&list(true)).unwrap();
    assert_eq!(v[1]["doc"], "khrushchev-memoir-1974");
    assert_eq!(v[1]["other_passages"][0]["doc"], "khrushchev-memoir-2007");
    assert_eq!(v[1]["other_passages"][0]["status"], "exact");
    assert!(v[0].get("other_passages").is_none());
    // Listing is reading: the version-1 file is as it was.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notebook.ron")).unwrap(),
        format_1()
    );
}
