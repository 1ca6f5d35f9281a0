//! Issue 13 in the window: a draft survives Escape, Save As and Import keep every part of a
//! notebook, and status messages stay long enough to be read.

use crate::ui::{harness_on, harness_stepping, open, paragraphs, select_first_line};
use egui_kittest::kittest::Queryable;
use readingroom::notes::commands::Command;
use readingroom::notes::model::{AlignmentCorrection, Annotation, Notebook, Tag, text_target};

/// Steps the window (a running job's spinner keeps it repainting, so `run` would not settle)
/// until no background job is left, then lets it settle.
pub fn step_until_jobs_end(
    h: &mut egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>,
) {
    for _ in 0..1000 {
        h.step();
        if h.state().jobs.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(h.state().jobs.is_empty(), "the job ended");
    h.run();
}

fn note(id: &str, start: usize, author: &str) -> Annotation {
    let d = crate::workspace()
        .corpus
        .get("1961-04-13-kudryavtsev-castro")
        .unwrap();
    Annotation {
        id: id.into(),
        target: text_target(d.id(), &d.text, start, start + 30),
        note: format!("note {id}"),
        tags: vec!["Space".into()],
        author: author.into(),
        created: "2026-12-01T10:00:00Z".into(),
        modified: "2026-12-01T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

#[test]
fn escape_keeps_the_note_being_typed_and_gives_it_back() {
    // Item 8: select, Ctrl+E, type, Escape: the text was gone and Undo had nothing.
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let p = paragraphs(&h)[4];
    select_first_line(&mut h, p);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("Note").focus();
    h.run();
    h.get_by_label("Note")
        .type_text("Gagarin's flight as propaganda: compare Pravda, 13 April.");
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().editor.is_none(), "Escape closes the editor");
    assert!(
        h.state().notice().unwrap().contains("draft is kept"),
        "{:?}",
        h.state().notice()
    );
    // The status bar offers it back, with the text as typed.
    h.get_by_label("Resume draft").click();
    h.run();
    let editor = h.state().editor.as_ref().expect("reopened");
    assert_eq!(
        editor.note,
        "Gagarin's flight as propaganda: compare Pravda, 13 April."
    );
    h.key_press(egui::Key::Escape);
    h.run();
    // Annotate on the same passage, selected again, brings it back too; saving it clears the
    // draft.
    select_first_line(&mut h, p);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(
        h.state()
            .editor
            .as_ref()
            .unwrap()
            .note
            .starts_with("Gagarin")
    );
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().draft.is_none());
    assert_eq!(h.state().session.notebook.annotations.len(), 1);
    assert!(h.query_by_label("Resume draft").is_none());
}

#[test]
fn save_as_keeps_every_part_of_the_notebook() {
    // Item 9: Save As copied only notes and tags.
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().apply(Command::Add(note("a", 10, "Ana")));
    h.state_mut().apply(Command::Add(note("b", 100, "Ben")));
    h.state_mut().apply(Command::Delete {
        id: "b".into(),
        at: "2026-12-01T11:00:00Z".into(),
    });
    h.state_mut().apply(Command::SetAlignment {
        a: "khrushchev-memoir-1974".into(),
        b: "khrushchev-memoir-2007".into(),
        correction: Some(AlignmentCorrection {
            a: "khrushchev-memoir-1974".into(),
            b: "khrushchev-memoir-2007".into(),
            a_hash: "h1".into(),
            b_hash: "h2".into(),
            pins: vec![(vec![1], vec![1, 2])],
        }),
    });
    h.state_mut().apply(Command::SetTagColour {
        name: "Space".into(),
        colour: "#0e7490".into(),
    });
    let before = h.state().session.notebook.clone();
    let target = dir.path().join("copy.ron");
    h.state_mut().save_as(&target).unwrap();
    h.state_mut().session.flush();
    let saved = readingroom::notes::NotebookFile::open(&target)
        .unwrap()
        .notebook;
    assert_eq!(saved, before, "notes, trash, corrections, tags and authors");
    assert_eq!(saved.trash.len(), 1);
    assert!(
        saved.authors.contains(&"Ben".to_string()),
        "an author without live notes"
    );
}

#[test]
fn import_in_the_window_keeps_tag_colours_and_undoes_in_one_step() {
    // Item 9: the window's import applied only additions, so colours were lost.
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().apply(Command::Add(note("mine", 10, "Ana")));
    let mut theirs = Notebook::default();
    theirs.tags.push(Tag::new("Propaganda", "#a8326e"));
    let mut t = note("theirs", 200, "Ben");
    t.tags = vec!["Propaganda".into()];
    theirs.add(t);
    theirs.alignments.push(AlignmentCorrection {
        a: "x".into(),
        b: "y".into(),
        a_hash: "1".into(),
        b_hash: "2".into(),
        pins: vec![],
    });
    let from = dir.path().join("theirs.ron");
    std::fs::write(&from, readingroom::notes::store::to_text(&theirs)).unwrap();
    h.state_mut().import_notes(&from).unwrap();
    h.run();
    let nb = &h.state().session.notebook;
    assert!(
        nb.tags
            .iter()
            .any(|t| t.name == "Propaganda" && t.colour == "#a8326e"),
        "{:?}",
        nb.tags
    );
    assert_eq!(nb.alignments.len(), 1);
    assert_eq!(nb.annotations.len(), 2);
    // The same merge as the command line's.
    let mut cli_side = Notebook::default();
    cli_side.add(note("mine", 10, "Ana"));
    let incoming = readingroom::export::import::read(&h.state().workspace, &from).unwrap();
    readingroom::export::import::merge_into(&h.state().workspace, &mut cli_side, &incoming);
    assert_eq!(cli_side.tags, h.state().session.notebook.tags);
    assert!(h.state_mut().session.undo());
    assert_eq!(h.state().session.notebook.annotations.len(), 1, "one Undo");
    assert!(h.state().session.notebook.alignments.is_empty());
}

#[test]
fn a_message_set_late_is_shown_for_its_full_time() {
    // Item 23: messages set after the app had run 6 s vanished at once.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    let mut h = harness_stepping(&path, 1.0);
    for _ in 0..10 {
        h.step();
    }
    h.state_mut().apply(Command::Add(note("a", 10, "Ana")));
    let out = dir.path().join("out.md");
    h.state_mut()
        .export_notes(&out, readingroom::ui::app::NotesScope::All)
        .unwrap();
    h.step();
    h.step();
    assert!(
        h.query_by_label_contains("Exported 1 note to").is_some(),
        "still shown after two seconds"
    );
    for _ in 0..15 {
        h.step();
    }
    assert!(
        h.query_by_label_contains("Exported 1 note to").is_none(),
        "gone after its time"
    );
}

#[test]
fn file_restore_version_lists_the_saved_versions_and_brings_one_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    let mut h = harness_on(&path);
    for (i, id) in ["first", "second", "third"].into_iter().enumerate() {
        h.state_mut()
            .apply(Command::Add(note(id, 10 + 50 * i, "Ana")));
        h.state_mut().session.flush();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Restore version…").click();
    h.run();
    let versions = h.state().windows.version_list.clone();
    assert_eq!(versions.len(), 3, "{versions:?}");
    // Newest first: the second button is the version with two notes.
    h.get_all_by_label("Restore").nth(1).unwrap().click();
    h.run();
    let ids: Vec<&str> = h
        .state()
        .session
        .notebook
        .annotations
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["first", "second"]);
    assert!(
        h.state()
            .notice()
            .unwrap()
            .starts_with("Restored the version of")
    );
}

#[test]
fn file_import_runs_in_the_background_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let mut theirs = Notebook::default();
    theirs.add(note("theirs", 200, "Ben"));
    let from = dir.path().join("theirs.ron");
    std::fs::write(&from, readingroom::notes::store::to_text(&theirs)).unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    // Through the menu and the prompt, as a user does.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import notes…").click();
    h.run();
    h.state_mut().prompt.as_mut().unwrap().text = from.display().to_string();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    step_until_jobs_end(&mut h);
    assert_eq!(h.state().session.notebook.annotations.len(), 1);
    assert!(
        h.state().notice().unwrap().contains("1 added"),
        "{:?}",
        h.state().notice()
    );
    // Cancelled: its result is dropped, and the user is told.
    h.state_mut().session.undo();
    h.state_mut().start_import(&from);
    h.state_mut().jobs[0].cancel();
    step_until_jobs_end(&mut h);
    assert!(h.state().session.notebook.annotations.is_empty());
    assert!(
        h.state()
            .notice()
            .unwrap()
            .contains("cancelled; nothing was changed")
    );
}

#[test]
fn file_export_notes_runs_in_the_background_and_refuses_the_notebook_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    let mut h = harness_on(&path);
    h.state_mut().apply(Command::Add(note("a", 10, "Ana")));
    h.state_mut().session.flush();
    let nb_before = std::fs::read(&path).unwrap();
    // Onto the notebook itself: refused in the prompt, nothing started.
    let err = h
        .state_mut()
        .start_export_notes(&path, readingroom::ui::app::NotesScope::All)
        .unwrap_err();
    assert!(err.contains("the notebook itself"), "{err}");
    assert!(h.state().jobs.is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), nb_before);
    // Elsewhere: a job, then the file and the message.
    let out = dir.path().join("notes.csv");
    h.state_mut()
        .start_export_notes(&out, readingroom::ui::app::NotesScope::All)
        .unwrap();
    assert_eq!(h.state().jobs.len(), 1);
    step_until_jobs_end(&mut h);
    assert!(std::fs::read_to_string(&out).unwrap().contains("note a"));
    assert!(
        h.state()
            .notice()
            .unwrap()
            .starts_with("Exported 1 note to")
    );
}
