//! Notebooks on disk: RON files that never lose a note (atomic saves, merges, history, trash,
//! hostile input). Selectors and anchoring are in `anchoring.rs`.

use crate::anchoring::Lcg;
use crate::workspace;
use proptest::prelude::*;
use readingroom::notes::model::{Annotation, Notebook, Target, new_id, now_rfc3339, text_target};
use readingroom::notes::saver::{SaveOutcome, Saver};
use readingroom::notes::store::{self, MAX_NOTEBOOK_BYTES, NotebookError};
use readingroom::notes::{NotebookFile, history};
use std::path::Path;
use std::time::Duration;

fn note_on(doc: &str, start: usize, end: usize, note: &str) -> Annotation {
    let text = &workspace().corpus.get(doc).unwrap().text;
    let now = now_rfc3339();
    Annotation {
        id: new_id(),
        target: text_target(doc, text, start, end),
        note: note.into(),
        tags: vec!["Bay of Pigs".into()],
        author: "Tester".into(),
        created: now.clone(),
        modified: now,
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn notebook_with(n: usize) -> Notebook {
    let mut nb = Notebook::default();
    let d = "1961-04-13-kudryavtsev-castro";
    let len = workspace().corpus.get(d).unwrap().char_len;
    for i in 0..n {
        let s = (i * 37) % (len - 50);
        nb.add(note_on(
            d,
            s,
            s + 20 + i % 30,
            &format!("note {i}, with “quotes”, commas and\nnewlines"),
        ));
    }
    nb
}

#[test]
fn loading_then_saving_an_unchanged_notebook_gives_the_same_bytes() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let mut f = NotebookFile::open(&path).unwrap();
    f.notebook = notebook_with(5);
    f.save().unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut again = NotebookFile::open(&path).unwrap();
    assert!(!again.is_dirty());
    again.save().unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        store::to_text(&again.notebook).as_bytes(),
        before.as_slice()
    );
}

#[test]
fn a_failed_write_leaves_the_previous_file_intact() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let mut f = NotebookFile::open(&path).unwrap();
    f.notebook = notebook_with(3);
    f.save().unwrap();
    let before = std::fs::read(&path).unwrap();
    f.notebook
        .add(note_on("1961-04-13-kudryavtsev-castro", 10, 30, "lost?"));
    // A disk that fills up half-way through the write.
    let err = f
        .save_with(&mut |file, bytes| {
            use std::io::Write;
            file.write_all(&bytes[..bytes.len() / 2])?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        })
        .unwrap_err();
    assert!(err.to_string().contains("No space left"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "old file intact");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp file cleaned up");
    // The note is still in memory and the next save succeeds.
    f.save().unwrap();
    assert_eq!(
        NotebookFile::open(&path)
            .unwrap()
            .notebook
            .annotations
            .len(),
        4
    );
}

#[test]
fn a_notebook_that_fails_to_parse_is_never_overwritten() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let mut f = NotebookFile::open(&path).unwrap();
    f.notebook = notebook_with(2);
    f.save().unwrap();
    let good = std::fs::read_to_string(&path).unwrap();
    let broken = good.replacen("note: \"note 1", "note: 17 \"note 1", 1);
    std::fs::write(&path, &broken).unwrap();
    match NotebookFile::open(&path).unwrap_err() {
        NotebookError::Parse {
            line,
            column,
            message,
            path: p,
        } => {
            assert_eq!(p, path);
            assert_eq!(
                line,
                broken.lines().position(|l| l.contains("note: 17")).unwrap() + 1
            );
            assert!(column > 1 && !message.is_empty());
        }
        e => panic!("{e}"),
    }
    // Another handle that read the good version cannot clobber the broken file either.
    f.notebook
        .add(note_on("1961-04-13-kudryavtsev-castro", 1, 9, "x"));
    assert!(f.save().is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    // Nor can the CLI.
    let out = add_to_13_april(&path, "Gagarin", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("n.ron:"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        broken,
        "byte for byte unchanged"
    );
}

#[test]
fn hostile_notebooks_are_refused_without_panicking() {
    let dir = tmp();
    let p = |name: &str| dir.path().join(name);
    // Too large (a sparse file).
    let big = std::fs::File::create(p("big.ron")).unwrap();
    big.set_len(MAX_NOTEBOOK_BYTES + 1).unwrap();
    assert!(matches!(
        NotebookFile::open(&p("big.ron")),
        Err(NotebookError::TooLarge { .. })
    ));
    // Absurd nesting.
    let deep = format!(
        "Notebook(format_version: 1, authors: {}{})",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    std::fs::write(p("deep.ron"), deep).unwrap();
    assert!(matches!(
        NotebookFile::open(&p("deep.ron")),
        Err(NotebookError::Parse { .. })
    ));
    // Wrong types, a huge string, a newer format, not UTF-8.
    std::fs::write(p("types.ron"), "Notebook(format_version: \"one\")").unwrap();
    assert!(NotebookFile::open(&p("types.ron")).is_err());
    std::fs::write(
        p("huge.ron"),
        format!(
            "Notebook(format_version: 1, authors: [\"{}\"])",
            "x".repeat(5_000_000)
        ),
    )
    .unwrap();
    assert_eq!(
        NotebookFile::open(&p("huge.ron")).unwrap().notebook.authors[0].len(),
        5_000_000
    );
    std::fs::write(p("newer.ron"), "Notebook(format_version: 99)").unwrap();
    // A newer format opens read-only: readable, never written.
    let mut newer = NotebookFile::open(&p("newer.ron")).unwrap();
    assert!(newer.read_only.as_deref().unwrap().contains("newer"));
    assert!(matches!(newer.save(), Err(NotebookError::ReadOnly { .. })));
    assert_eq!(
        std::fs::read_to_string(p("newer.ron")).unwrap(),
        "Notebook(format_version: 99)"
    );
    std::fs::write(p("bin.ron"), b"Notebook(\xff\xfe)").unwrap();
    assert!(matches!(
        NotebookFile::open(&p("bin.ron")),
        Err(NotebookError::Parse { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Mutated valid notebooks (truncated, bytes changed, junk inserted) never panic the loader.
    #[test]
    fn mutated_notebooks_never_panic(cut in 0usize..4000, flips in proptest::collection::vec((0usize..4000, any::<u8>()), 0..8), junk in "[\\[\\](){}\",:a-z0-9 ]{0,40}") {
        static VALID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let valid = VALID.get_or_init(|| store::to_text(&notebook_with(4)));
        let mut bytes = valid.as_bytes().to_vec();
        for (at, b) in flips {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        let at = cut % bytes.len();
        bytes.splice(at..at, junk.bytes());
        bytes.truncate((cut * 7) % (bytes.len() + 1) + bytes.len() / 2);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = store::parse(Path::new("mutated.ron"), text);
        }
    }
}

#[test]
fn two_handles_adding_different_notes_both_keep_them() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let mut a = NotebookFile::open(&path).unwrap();
    let mut b = NotebookFile::open(&path).unwrap();
    a.notebook.add(note_on(
        "1961-04-13-kudryavtsev-castro",
        0,
        10,
        "from window A",
    ));
    b.notebook.add(note_on(
        "1961-04-13-kudryavtsev-castro",
        20,
        40,
        "from window B",
    ));
    a.save().unwrap();
    let report = b.save().unwrap();
    assert!(report.merged);
    assert_eq!(report.added_from_disk, 1);
    let on_disk = NotebookFile::open(&path).unwrap().notebook;
    let notes: Vec<&str> = on_disk
        .annotations
        .iter()
        .map(|n| n.note.as_str())
        .collect();
    assert_eq!(notes.len(), 2);
    assert!(notes.contains(&"from window A") && notes.contains(&"from window B"));
    // An edit on one side and an unrelated deletion on the other.
    let id_a = on_disk
        .annotations
        .iter()
        .find(|n| n.note == "from window A")
        .unwrap()
        .id
        .clone();
    let id_b = on_disk
        .annotations
        .iter()
        .find(|n| n.note == "from window B")
        .unwrap()
        .id
        .clone();
    let mut a = NotebookFile::open(&path).unwrap();
    let mut b = NotebookFile::open(&path).unwrap();
    a.notebook
        .annotations
        .iter_mut()
        .find(|n| n.id == id_a)
        .unwrap()
        .note = "edited in A".into();
    b.notebook.delete(&id_b, &now_rfc3339());
    a.save().unwrap();
    b.save().unwrap();
    let nb = NotebookFile::open(&path).unwrap().notebook;
    assert_eq!(nb.get(&id_a).unwrap().note, "edited in A");
    assert!(nb.get(&id_b).is_none());
    assert!(
        nb.trash.iter().any(|t| t.annotation.id == id_b),
        "deleted note is in the trash"
    );
    // Both sides edit the same note: both versions are kept.
    let mut a = NotebookFile::open(&path).unwrap();
    let mut b = NotebookFile::open(&path).unwrap();
    a.notebook
        .annotations
        .iter_mut()
        .find(|n| n.id == id_a)
        .unwrap()
        .note = "A's wording".into();
    b.notebook
        .annotations
        .iter_mut()
        .find(|n| n.id == id_a)
        .unwrap()
        .note = "B's wording".into();
    a.save().unwrap();
    assert_eq!(b.save().unwrap().conflicts, 1);
    let nb = NotebookFile::open(&path).unwrap().notebook;
    let wordings: Vec<&str> = nb.annotations.iter().map(|n| n.note.as_str()).collect();
    assert!(wordings.contains(&"A's wording") && wordings.contains(&"B's wording"));
}

/// The arguments of `notes add` on the record of 13 April 1961 with this quote (and extras).
pub fn add_to_13_april_args<'a>(path: &'a Path, quote: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "notes",
        "add",
        "--notebook",
        path.to_str().unwrap(),
        "--doc",
        "1961-04-13-kudryavtsev-castro",
        "--quote",
        quote,
    ];
    args.extend_from_slice(extra);
    args
}

/// Runs `notes add` on the record of 13 April 1961 with this quote (and extra arguments).
pub fn add_to_13_april(path: &Path, quote: &str, extra: &[&str]) -> std::process::Output {
    crate::readingroom(&add_to_13_april_args(path, quote, extra))
}

fn cli_add(path: &Path, quote: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_readingroom"))
        .args(add_to_13_april_args(path, quote, &["--note", "cli"]))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn concurrent_processes_each_keep_their_notes() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let children: Vec<_> = (0..12)
        .map(|i| cli_add(&path, if i % 2 == 0 { "Gagarin" } else { "Kennedy" }))
        .collect();
    let ids: Vec<String> = children
        .into_iter()
        .map(|c| {
            String::from_utf8(c.wait_with_output().unwrap().stdout)
                .unwrap()
                .trim()
                .to_string()
        })
        .collect();
    assert!(ids.iter().all(|id| id.len() == 36), "{ids:?}");
    let nb = NotebookFile::open(&path).unwrap().notebook;
    for id in &ids {
        assert!(nb.get(id).is_some(), "note {id} lost");
    }
}

#[test]
fn kill_9_at_any_moment_keeps_every_acknowledged_note() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let mut rng = Lcg(7);
    let mut acknowledged = Vec::new();
    for round in 0..30 {
        let mut child = cli_add(&path, "Gagarin");
        std::thread::sleep(Duration::from_micros(200 + rng.next(8_000) as u64));
        let _ = child.kill(); // SIGKILL on Unix
        let out = child.wait_with_output().unwrap();
        let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
        if !id.is_empty() {
            acknowledged.push(id);
        }
        if path.exists() {
            let nb = NotebookFile::open(&path)
                .unwrap_or_else(|e| panic!("round {round}: {e}"))
                .notebook;
            for id in &acknowledged {
                assert!(nb.get(id).is_some(), "acknowledged note {id} lost");
            }
        }
    }
}

#[test]
fn history_keeps_versions_that_can_be_restored() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let mut f = NotebookFile::open(&path).unwrap();
    for i in 0..25 {
        f.notebook.add(note_on(
            "1961-04-13-kudryavtsev-castro",
            i,
            i + 5,
            &format!("v{i}"),
        ));
        f.save().unwrap();
    }
    let versions = history::list(&path).unwrap();
    assert!(
        versions.len() >= history::KEEP_RECENT && versions.len() <= 25,
        "{}",
        versions.len()
    );
    assert!(versions[0].saved >= versions[1].saved, "newest first");
    // Restore the version with 10 notes... find it by content.
    let v10 = versions
        .iter()
        .find(|v| {
            store::parse(&v.path, &std::fs::read_to_string(&v.path).unwrap())
                .unwrap()
                .annotations
                .len()
                == 10
        })
        .unwrap();
    readingroom::notes::restore_version(&mut f, v10).unwrap();
    f.save().unwrap();
    assert_eq!(
        NotebookFile::open(&path)
            .unwrap()
            .notebook
            .annotations
            .len(),
        10
    );
    // The state before the restore is still in the history.
    let newest_before = history::list(&path).unwrap();
    assert!(newest_before.iter().any(|v| {
        std::fs::read_to_string(&v.path)
            .unwrap()
            .contains("\"v24\"")
    }));
}

#[test]
fn deleted_notes_go_to_the_trash_and_can_come_back() {
    let mut nb = notebook_with(3);
    let id = nb.annotations[1].id.clone();
    assert!(nb.delete(&id, &now_rfc3339()));
    assert!(nb.get(&id).is_none());
    assert_eq!(nb.trash.len(), 1);
    assert!(nb.restore(&id));
    assert!(nb.get(&id).is_some() && nb.trash.is_empty());
    nb.delete(&id, &now_rfc3339());
    nb.empty_trash();
    assert!(nb.trash.is_empty() && nb.get(&id).is_none());
}

#[test]
fn the_saver_writes_off_thread_coalesces_and_reports() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let saver = Saver::spawn(
        NotebookFile::open(&path).unwrap(),
        Duration::from_millis(50),
    );
    let mut nb = Notebook::default();
    for i in 0..100 {
        nb.add(note_on(
            "1961-04-13-kudryavtsev-castro",
            i,
            i + 3,
            &format!("{i}"),
        ));
        saver.save(&nb);
    }
    saver.flush();
    let outcomes = saver.poll();
    assert!(
        !outcomes.is_empty() && outcomes.len() < 20,
        "{} writes for 100 changes",
        outcomes.len()
    );
    assert!(outcomes.iter().all(|o| matches!(o, SaveOutcome::Saved(..))));
    assert_eq!(
        NotebookFile::open(&path)
            .unwrap()
            .notebook
            .annotations
            .len(),
        100
    );
    drop(saver);
    // A failure is reported, not swallowed: the notebook's folder is a file.
    std::fs::write(dir.path().join("blocker"), "").unwrap();
    let saver = Saver::spawn(
        NotebookFile::new_unsaved(&dir.path().join("blocker/n.ron")),
        Duration::from_millis(1),
    );
    saver.save(&nb);
    saver.flush();
    assert!(
        matches!(saver.poll().as_slice(), [SaveOutcome::Failed(msg)] if msg.contains("blocker"))
    );
}

#[test]
fn data_dir_override_keeps_tests_away_from_real_notes() {
    let dir = tmp();
    let out = crate::readingroom(&[
        "--data-dir",
        dir.path().to_str().unwrap(),
        "notes",
        "add",
        "--doc",
        "1961-04-13-kudryavtsev-castro",
        "--quote",
        "cosmonaut of peace",
        "--tag",
        "space",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("notebook.ron");
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_readingroom"))
        .env("READINGROOM_DATA_DIR", dir.path())
        .args(["notes", "list", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(v[0]["quote"], "cosmonaut of peace");
    assert_eq!(v[0]["status"], "exact");
    assert_eq!(v[0]["tags"][0], "space");
    assert!(path.exists());
}

#[test]
fn notes_add_refuses_a_quote_not_in_the_document_and_leaves_the_file_alone() {
    let dir = tmp();
    let path = dir.path().join("n.ron");
    let out = add_to_13_april(&path, "the moon landing", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!path.exists());
    // A typed straight apostrophe finds the curly one; --occurrence picks among repeats.
    let out = add_to_13_april(&path, "Kennedy's statement", &["--occurrence", "2"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nb = NotebookFile::open(&path).unwrap().notebook;
    assert_eq!(
        nb.annotations[0].target.quote(),
        Some("Kennedy’s statement")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Whatever a note holds (quotes, backslashes, control chars, any script), the notebook
    /// written by hand reads back equal.
    #[test]
    fn every_notebook_survives_the_round_trip(note in "\\PC*", exact in ".*", tag in "[^\\u{0}]{0,12}", ctl in "[\\u{0}-\\u{1f}\\u{7f}]{0,4}") {
        let mut nb = Notebook::default();
        let now = now_rfc3339();
        nb.add(Annotation {
            id: new_id(),
            target: Target::Text {
                doc: "d".into(),
                quote: readingroom::notes::model::QuoteSelector { exact: exact.clone(), prefix: ctl.clone(), suffix: "\"\\".into() },
                position: readingroom::notes::model::PositionSelector { start: 1, end: 2 },
                text_hash: "h".into(),
            },
            note: format!("{note}{ctl}"),
            tags: vec![tag.clone()],
            author: "Á\"b".into(),
            created: now.clone(),
            modified: now.clone(),
            conflict_of: Some("x".into()),
            other_targets: vec![Target::Text {
                doc: tag.clone(),
                quote: readingroom::notes::model::QuoteSelector { exact: note.clone(), prefix: String::new(), suffix: ctl.clone() },
                position: readingroom::notes::model::PositionSelector { start: 3, end: 4 },
                text_hash: "h2".into(),
            }, Target::Document { doc: exact.clone() }],
        });
        nb.add(Annotation { id: new_id(), target: Target::Memo, note: String::new(), tags: vec![], author: String::new(), created: now.clone(), modified: now.clone(), conflict_of: None, other_targets: Vec::new() });
        let id = nb.annotations[0].id.clone();
        nb.delete(&id, &now);
        nb.alignments.push(readingroom::notes::model::AlignmentCorrection {
            a: "a".into(),
            b: tag.clone(),
            a_hash: "h".into(),
            b_hash: note.clone(),
            pins: vec![(vec![1, 2], vec![]), (vec![], vec![3])],
        });
        let text = store::to_text(&nb);
        prop_assert_eq!(store::parse(Path::new("t.ron"), &text).unwrap(), nb);
    }
}
