//! Correcting an OCR error in one of your documents through the window: Edit → Correct the
//! selected text…, the passage typed right, Apply; the text changes, the correction is logged,
//! the notes stay placed, and Edit → Undo the last text correction takes it back.

use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn a_misread_passage_is_corrected_logged_and_undone_and_the_notes_stay_placed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::ui::harness_on(&dir.path().join("n.ron"));
    let pdf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/typed-ocrmypdf.pdf");
    h.state_mut().start_import_documents(
        vec![pdf],
        readingroom::import::store::ImportOptions::default(),
        None,
    );
    let started = Instant::now();
    while !h.state().jobs.is_empty() && started.elapsed() < Duration::from_secs(60) {
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
    let id = h.state().import_report.as_ref().unwrap().added[0]
        .id
        .clone();
    h.state_mut().import_report = None;
    let i = h.state().workspace.corpus.index_of(&id).unwrap();
    h.state_mut().open_doc(i);
    h.run();
    let text = h.state().open_document().text.to_string();
    // A note on a later passage.
    let later = "inform Moscow immediately";
    let at = |t: &str, q: &str| t[..t.find(q).unwrap()].chars().count();
    let start = at(&text, later);
    let note = readingroom::notes::model::Annotation {
        id: "later".into(),
        target: readingroom::notes::model::text_target(
            &id,
            &text,
            start,
            start + later.chars().count(),
        ),
        note: "Urgent".into(),
        tags: Vec::new(),
        author: "Ana".into(),
        created: "2026-12-07T10:00:00Z".into(),
        modified: "2026-12-07T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    };
    h.state_mut()
        .apply(readingroom::notes::commands::Command::Add(note));
    h.run();
    // The passage to correct, selected; Edit → Correct the selected text….
    let wrong = "attempt on his life";
    let s = at(&text, wrong);
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: s,
        head: s + wrong.chars().count(),
    });
    h.run();
    // The menu (drawn first; the notes panel has Edit buttons too).
    h.query_all_by_label("Edit").next().unwrap().click();
    h.run();
    h.get_by_label("Correct the selected text…").click();
    h.run();
    let field = h.get_by_role_and_label(egui::Role::MultilineTextInput, "Corrected text");
    assert_eq!(field.value().as_deref(), Some(wrong));
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Corrected text")
        .type_text("attempt upon his life");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let corrected = h.state().open_document().text.to_string();
    assert!(corrected.contains("attempt upon his life"));
    assert_eq!(corrected.chars().count(), text.chars().count() + 2);
    assert!(
        h.query_by_label_contains("1 notes placed, 0 orphans")
            .is_some(),
        "the status line says where the notes landed"
    );
    // The note later in the text is still on its words, two characters further on.
    let an = readingroom::notes::anchor(
        &h.state().session.notebook.get("later").unwrap().target,
        &corrected,
    );
    assert!(
        matches!(
            an.status,
            readingroom::notes::AnchorStatus::Exact | readingroom::notes::AnchorStatus::Relocated
        ),
        "{:?}",
        an.status
    );
    assert_eq!(an.start, start + 2);
    // Logged, beside the document, and the log is not taken for a document of its own.
    let (_, _, problems) =
        readingroom::corpus::user::load_user_documents(&dir.path().join("documents"));
    assert!(problems.is_empty(), "{problems:?}");
    let log = readingroom::import::correct::read_log(dir.path(), &id).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].old.as_str(), log[0].new.as_str()),
        (wrong, "attempt upon his life")
    );
    // Undone from the Edit menu.
    // The menu (drawn first; the notes panel has Edit buttons too).
    h.query_all_by_label("Edit").next().unwrap().click();
    h.run();
    h.get_by_label("Undo the last text correction").click();
    h.run();
    assert_eq!(h.state().open_document().text.to_string(), text);
    assert_eq!(
        readingroom::import::correct::read_log(dir.path(), &id)
            .unwrap()
            .len(),
        2
    );
    let an = readingroom::notes::anchor(
        &h.state().session.notebook.get("later").unwrap().target,
        &text,
    );
    assert_eq!(an.start, start);
    // The paper's own documents are not corrected in place.
    h.state_mut().open_doc(0);
    h.state_mut().reader.selection =
        Some(readingroom::ui::reader::Selection { anchor: 0, head: 5 });
    h.run();
    // The menu (drawn first; the notes panel has Edit buttons too).
    h.query_all_by_label("Edit").next().unwrap().click();
    h.run();
    assert!(
        h.get_by_label("Correct the selected text…")
            .accesskit_node()
            .is_disabled(),
        "only your own documents are corrected"
    );
}
