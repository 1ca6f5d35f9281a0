//! Issue 13, files: what an attack round did to notebooks, documents and exports on disk —
//! races, links, permissions, special files, stale temp files — each reproduced, each held.

use crate::notes::add_to_13_april;
use readingroom::notes::model::Notebook;
use readingroom::notes::store::{self, NotebookError};
use readingroom::notes::{NotebookFile, history};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the binary with its own data directory.
fn rr(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = crate::readingroom_in(data, args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn notes_in(path: &Path) -> usize {
    NotebookFile::open(path).unwrap().notebook.annotations.len()
}

fn add_note(path: &Path, quote: &str) {
    let out = add_to_13_april(path, quote, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn eight_concurrent_add_docs_keep_eight_documents() {
    // Item 1: ids were picked by "does the file exist", then a rename replaced the winner.
    // Eight files (the same content twice would be one document), all wanting the id my-race.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sources: Vec<std::path::PathBuf> = (0..8)
        .map(|i| {
            let src = dir.path().join(format!("r{i}.txt"));
            std::fs::write(
                &src,
                format!("A record of conversation, copy {i}.\n\nSecond paragraph."),
            )
            .unwrap();
            src
        })
        .collect();
    let children: Vec<_> = sources
        .iter()
        .map(|src| {
            Command::new(env!("CARGO_BIN_EXE_readingroom"))
                .env("READINGROOM_DATA_DIR", &data)
                .args(["add-doc", src.to_str().unwrap(), "--title", "Race"])
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut ids: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(out.status.success());
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8, "eight distinct ids: {ids:?}");
    let docs = data.join("documents");
    for id in &ids {
        assert!(docs.join(format!("{id}.ron")).is_file(), "{id}.ron");
        assert!(docs.join(format!("{id}.txt")).is_file(), "{id}.txt");
    }
    let (status, out, err) = rr(&data, &["docs", "--json"]);
    assert_eq!(status, 0, "{err}");
    for id in &ids {
        assert!(out.contains(&format!("\"{id}\"")), "{id} is listed");
    }
}

#[test]
fn the_same_file_imported_eight_times_at_once_is_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let src = dir.path().join("same.txt");
    std::fs::write(&src, "One record of conversation.").unwrap();
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_readingroom"))
                .env("READINGROOM_DATA_DIR", &data)
                .args(["add-doc", src.to_str().unwrap(), "--title", "Same"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut added = Vec::new();
    let mut skipped = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
        if id.is_empty() {
            assert!(String::from_utf8_lossy(&out.stderr).contains("already imported as my-same"));
            skipped += 1;
        } else {
            added.push(id);
        }
    }
    assert_eq!(added, ["my-same"]);
    assert_eq!(skipped, 7);
    let docs = data.join("documents");
    let texts = std::fs::read_dir(&docs)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .count();
    assert_eq!(texts, 1, "one text on disk");
}

#[test]
fn damage_to_the_live_file_never_reaches_the_history() {
    // Item 4: the newest snapshot was a hard link, so `: > nb.ron` emptied both.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.ron");
    add_note(&path, "cosmonaut of peace");
    add_note(&path, "Gagarin");
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .unwrap();
    let newest = &history::list(&path).unwrap()[0];
    assert_eq!(
        store::read_file(&newest.path)
            .unwrap()
            .notebook
            .annotations
            .len(),
        2,
        "the last note survives in the history"
    );
    assert_ne!(
        std::fs::metadata(&newest.path).unwrap().ino(),
        std::fs::metadata(&path).unwrap().ino(),
        "a copy, not a link"
    );
    // And the command line brings it back (the damaged file is kept in the history too).
    let nb = path.to_str().unwrap();
    let (status, listing, err) = rr(
        dir.path(),
        &["notes", "restore", "--notebook", nb, "--list"],
    );
    assert_eq!(status, 0, "{err}");
    assert!(listing.contains("2 notes"), "{listing}");
    let (status, out, err) = rr(dir.path(), &["notes", "restore", "--notebook", nb, "1"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("2 notes"), "{out}");
    assert_eq!(notes_in(&path), 2);
    assert!(
        history::list(&path).unwrap().iter().any(|v| v.size == 0),
        "the emptied file was kept before the restore"
    );
}

#[test]
fn history_keeps_within_its_disk_budget_but_always_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.ron");
    let big = vec![b'x'; 1000];
    for _ in 0..10 {
        history::snapshot(&path, &big).unwrap();
    }
    history::prune_within(&path, 3500).unwrap();
    let left = history::list(&path).unwrap();
    assert_eq!(left.len(), 3, "3 × 1000 bytes fit in 3500");
    history::prune_within(&path, 10).unwrap();
    assert_eq!(
        history::list(&path).unwrap().len(),
        history::KEEP_ALWAYS,
        "the newest are kept whatever the budget"
    );
}

#[test]
fn export_refuses_to_write_onto_its_notebook_by_any_path() {
    // Item 5: `export -o e.ron` replaced the notebook with CSV.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.ron");
    add_note(&path, "cosmonaut of peace");
    let before = std::fs::read(&path).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(&path, dir.path().join("link.csv")).unwrap();
    let other_path = dir.path().join("sub/../e.ron");
    let link = dir.path().join("link.csv");
    for out in [&path, &other_path, &link] {
        let (status, _, err) = rr(
            dir.path(),
            &[
                "export",
                "--notebook",
                path.to_str().unwrap(),
                "--format",
                "csv",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(status, 2, "{}", out.display());
        assert!(err.contains("the notebook itself"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{}", out.display());
    }
    assert!(readingroom::export::write_export(&link, "x", Some(&path)).is_err());
}

#[test]
fn a_notebook_reached_by_a_symlink_is_written_and_locked_as_its_real_file() {
    // Item 6: the link became a regular file and the two copies diverged.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("real")).unwrap();
    std::fs::create_dir_all(dir.path().join("work")).unwrap();
    let real = dir.path().join("real/nb.ron");
    let link = dir.path().join("work/nb.ron");
    add_note(&real, "cosmonaut of peace");
    std::os::unix::fs::symlink("../real/nb.ron", &link).unwrap();
    add_note(&link, "Gagarin");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert_eq!(notes_in(&real), 2, "the note went to the real file");
    assert!(
        dir.path().join("real/.nb.ron.lock").exists(),
        "one lock, the real file's"
    );
    assert!(!dir.path().join("work/.nb.ron.lock").exists());
    assert!(
        !history::list(&link).unwrap().is_empty(),
        "history found through the link"
    );
}

#[test]
fn broken_user_documents_are_reported_and_the_rest_load() {
    // Item 7: one unreadable .ron or a missing .txt made every command exit 2.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let src = dir.path().join("i.txt");
    std::fs::write(&src, "An interview.").unwrap();
    let (status, id, _) = rr(data, &["add-doc", src.to_str().unwrap(), "--title", "Good"]);
    assert_eq!(status, 0);
    let docs = data.join("documents");
    std::fs::write(docs.join("broken.ron"), "DocumentMeta(id: ").unwrap();
    std::fs::write(
        docs.join("lonely.ron"),
        std::fs::read_to_string(docs.join(format!("{}.ron", id.trim())))
            .unwrap()
            .replace(id.trim(), "lonely"),
    )
    .unwrap();
    let (status, out, err) = rr(data, &["docs"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains(id.trim()), "the good document loads");
    assert!(err.contains("broken.ron:1:"), "{err}");
    assert!(
        err.contains("lonely.txt") && err.contains("cannot read"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("broken.ron")).unwrap(),
        "DocumentMeta(id: ",
        "never deleted or changed"
    );
    let ws = readingroom::Workspace::load_with_user_documents(None, data).unwrap();
    assert_eq!(ws.problems.len(), 2);
}

#[test]
fn saving_keeps_the_mode_and_owner_and_the_data_folder_is_private() {
    // Item 10: a 0600 notebook owned by another user became 0644 root:root.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.ron");
    add_note(&path, "cosmonaut of peace");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let root = std::fs::metadata(&path).unwrap().uid() == 0;
    if root {
        std::os::unix::fs::chown(&path, Some(4242), Some(4343)).unwrap();
    }
    add_note(&path, "Gagarin");
    let m = std::fs::metadata(&path).unwrap();
    assert_eq!(m.mode() & 0o7777, 0o640);
    if root {
        assert_eq!((m.uid(), m.gid()), (4242, 4343), "owner kept");
    }
    // A new notebook is private, and so is the folder made for it.
    let fresh = dir.path().join("new/folder/nb.ron");
    add_note(&fresh, "Gagarin");
    assert_eq!(std::fs::metadata(&fresh).unwrap().mode() & 0o077, 0);
    assert_eq!(
        std::fs::metadata(dir.path().join("new")).unwrap().mode() & 0o777,
        0o700
    );
}

#[test]
fn a_copied_document_is_never_more_readable_than_its_source() {
    // Item 11: `ln -s /etc/shadow s.txt; add-doc s.txt` made a 0640 file 0644.
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "private words").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("s.txt");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let data = dir.path().join("data");
    let (status, id, err) = rr(&data, &["add-doc", link.to_str().unwrap(), "--title", "S"]);
    assert_eq!(status, 0, "{err}");
    for ext in ["txt", "ron"] {
        let copy = data.join(format!("documents/{}.{ext}", id.trim()));
        let mode = std::fs::metadata(&copy).unwrap().mode() & 0o777;
        assert_eq!(mode & !0o640, 0, "{ext}: {mode:o}");
    }
}

#[test]
fn special_files_are_refused_at_once() {
    // Item 17: /dev/zero read until memory ran out; a FIFO blocked forever.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let zero = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for nb in [&zero, &fifo] {
        match NotebookFile::open(nb) {
            Err(NotebookError::NotRegular { what, .. }) => {
                assert!(what.contains("not a regular file"), "{what}")
            }
            other => panic!("{other:?}"),
        }
    }
    let nb = dir.path().join("nb.ron");
    let (status, _, err) = rr(
        dir.path(),
        &[
            "import",
            "--notebook",
            nb.to_str().unwrap(),
            fifo.to_str().unwrap(),
        ],
    );
    assert_eq!(status, 2);
    assert!(err.contains("named pipe"), "{err}");
    let (status, _, err) = rr(
        dir.path(),
        &["add-doc", fifo.to_str().unwrap(), "--title", "P"],
    );
    assert_eq!(status, 2);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(!nb.exists(), "nothing written");
    // A read stops at the cap, whatever the metadata says.
    assert!(matches!(
        readingroom::files::read_regular(Path::new("/proc/self/status"), 16),
        Err(readingroom::files::ReadError::TooLarge { .. })
    ));
}

#[test]
fn temp_files_of_killed_saves_are_cleaned_up_under_the_lock() {
    // Item 18: 300 kills on a 10k notebook left 21 temp files, 121 MB.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.ron");
    let stale = dir
        .path()
        .join(".nb.ron.0123456789abcdef0123456789abcdef.tmp");
    std::fs::write(&stale, "half a notebook").unwrap();
    let other = dir
        .path()
        .join(".other.ron.0123456789abcdef0123456789abcdef.tmp");
    std::fs::write(&other, "another file's").unwrap();
    let mut f = NotebookFile::open(&path).unwrap();
    f.notebook = Notebook::default();
    f.notebook.authors.push("Ana".into());
    f.save().unwrap();
    assert!(!stale.exists(), "the killed save's temp file is gone");
    assert!(
        other.exists(),
        "another file's temp file is not ours to remove"
    );
}
