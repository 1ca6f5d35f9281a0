//! Notes across the two memoirs in the window: a note on the 1974 version shows, dimmed, on the
//! aligned sentences of the 2007 version (and is read out with its paragraph), the reader lists
//! it, and it is copied to the 2007 version with one click, undoably.

use crate::ui::{harness_on, open};
use egui_kittest::kittest::Queryable;
use readingroom::notes::commands::Command;

const A: &str = "khrushchev-memoir-1974";
const B: &str = "khrushchev-memoir-2007";

#[test]
fn a_note_on_1974_shows_dimmed_in_2007_and_is_copied_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    let ws = crate::workspace();
    let d = ws.corpus.get(A).unwrap();
    let s = readingroom::text::sentences(&d.text)
        .into_iter()
        .find(|s| s.text.starts_with("The Americans"))
        .unwrap();
    let note = readingroom::notes::model::Annotation {
        id: "insult".into(),
        target: readingroom::notes::model::text_target(A, &d.text, s.start, s.end),
        note: "The Americans' insult".into(),
        tags: vec!["Harlem".into()],
        author: "Ana".into(),
        created: "2026-12-07T10:00:00Z".into(),
        modified: "2026-12-07T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    };
    h.state_mut().apply(Command::Add(note));
    open(&mut h, B);
    h.run();
    // Dimmed on the aligned sentences of 2007.
    let projected = h.state().projected_ranges();
    assert_eq!(projected.len(), 1, "{projected:?}");
    let (id, start, end) = projected[0].clone();
    assert_eq!(id, "insult");
    let here = ws.corpus.get(B).unwrap().slice_chars(start, end);
    assert!(
        here.contains("The Americans took an insulting attitude"),
        "{here}"
    );
    // A screen reader hears it with its paragraph.
    assert!(
        h.query_by_label_contains(
            "[note on the 1974 version (reworded in 2007): Harlem — The Americans' insult]"
        )
        .is_some()
    );
    // A click on the dimmed passage (it opens the paragraph) opens the list at that note.
    let rect = h.get_by_label_contains("[note on the 1974 version").rect();
    let at = rect.min + egui::vec2(12.0, 8.0);
    let button = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(at));
    h.event(button(true));
    h.step();
    h.event(button(false));
    h.run();
    assert_eq!(
        h.state()
            .other_version
            .as_ref()
            .and_then(|w| w.focus.as_deref()),
        Some("insult")
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().other_version.is_none(), "Escape closes it");
    // The layer can be turned off.
    h.get_by_label("1974 version").click();
    h.run();
    assert!(h.state().projected_ranges().is_empty());
    h.get_by_label("1974 version").click();
    h.run();
    assert_eq!(h.state().projected_ranges().len(), 1);
    // The reader lists it; one click copies it onto 2007.
    h.get_by_label("1 note from 1974…").click();
    h.run();
    assert!(h.query_by_label("reworded in 2007").is_some());
    assert!(
        ["high", "medium", "low"]
            .iter()
            .any(|c| h.query_by_label(&format!("· {c} confidence")).is_some()),
        "the window says how sure the alignment is"
    );
    h.get_by_label("Copy to the 2007 version").click();
    h.run();
    let nb = &h.state().session.notebook;
    let copy = nb
        .annotations
        .iter()
        .find(|a| a.target.doc() == Some(B))
        .expect("a note on 2007");
    assert_eq!(copy.note, "The Americans' insult");
    assert_eq!(copy.tags, ["Harlem"]);
    assert_eq!(copy.target.quote().unwrap(), here);
    assert!(
        h.state()
            .notice()
            .unwrap_or_default()
            .contains("Copied the note to the 2007 version")
    );
    // The copy is a note of its own; undo takes it away.
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        !h.state()
            .session
            .notebook
            .annotations
            .iter()
            .any(|a| a.target.doc() == Some(B))
    );
}
