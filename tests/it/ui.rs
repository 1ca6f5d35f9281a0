//! The window, driven headless with egui_kittest: never touches real notes (temp notebooks).

use crate::workspace;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use readingroom::ui::ReadingRoomApp;
use readingroom::ui::prefs::Prefs;
use std::path::Path;

pub fn harness_on(notebook: &Path) -> Harness<'static, ReadingRoomApp> {
    let ws = workspace().clone();
    let nb = notebook.to_path_buf();
    let dir = notebook.parent().unwrap().to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_cc| {
            ReadingRoomApp::with_notebook(ws.clone(), Prefs::default(), &nb, dir.clone())
        });
    h.run();
    h
}

#[test]
fn the_library_lists_every_document_and_opens_one_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    assert!(h.query_by_label_contains("28 of 28 documents").is_some());
    let item = h.get_by_label_contains("Minister of Foreign Affairs Raul Roa, 24 February 1961");
    item.scroll_to_me();
    h.run();
    h.get_by_label_contains("Minister of Foreign Affairs Raul Roa, 24 February 1961")
        .click();
    h.run();
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-02-24-kudryavtsev-roa"
    );
    assert!(
        h.query_by_label_contains("Today I visited Raul Roa")
            .is_some()
    );
}

#[test]
fn undo_and_redo_of_a_note_update_the_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 300,
        head: 340,
    });
    h.run();
    h.get_by_label("Annotate").click();
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(h.state().highlighted_notes().len(), 1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().highlighted_notes().len(), 0);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(
        h.state().session.notebook.annotations.len(),
        1,
        "redo brings the note back"
    );
    assert_eq!(h.state().highlighted_notes().len(), 1);
}
