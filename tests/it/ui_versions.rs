//! Notes across the two memoirs in the window: a note on the 1974 version shows, dimmed, on the
//! aligned sentences of the 2007 version (and is read out with its paragraph), the reader lists
//! it, and it is copied to the 2007 version with one click, undoably.

use crate::ui::{harness_on, open};
use egui_kittest::kittest::Queryable;
use readingroom::notes::commands::Command;

/// The rect of the comparison's cell holding this text (not the notes panel's quote).
fn cell_rect(
    h: &egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>,
    text: &str,
) -> egui::Rect {
    h.query_all_by_label_contains(text)
        .map(|n| n.rect())
        .filter(|r| r.min.x > 340.0 && r.max.x < 975.0)
        .min_by(|a, b| a.area().total_cmp(&b.area()))
        .unwrap_or_else(|| panic!("no cell holds {text:?}"))
}

/// A right click (press and release of the secondary button) at a point.
fn right_click(
    h: &mut egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>,
    at: egui::Pos2,
) {
    h.event(egui::Event::PointerMoved(at));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

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
    // The list belongs to the reader: opening the comparison closes it.
    assert!(h.state().other_version.is_some());
    h.state_mut().compare_memoirs();
    h.run();
    assert!(h.state().other_version.is_none());
    h.state_mut().comparison = None;
    h.run();
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

#[test]
fn the_comparison_says_how_sure_each_row_is_and_carries_notes_across() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().compare_memoirs();
    h.run();
    assert!(
        h.query_all_by_label_contains("confidence · similarity")
            .count()
            > 3,
        "each paired row says how sure it is"
    );
    // A note on the 1974 side of the first paired row.
    let (row, range) = {
        let c = h.state().comparison.as_ref().unwrap();
        let row = c
            .alignment
            .groups
            .iter()
            .position(|g| !g.one_sided())
            .unwrap();
        let s = &c.alignment.a[c.alignment.groups[row].a[0]];
        (row, (s.start, s.end))
    };
    let ws = crate::workspace();
    let d = ws.corpus.get(A).unwrap();
    h.state_mut()
        .apply(Command::Add(readingroom::notes::model::Annotation {
            id: "row-note".into(),
            target: readingroom::notes::model::text_target(A, &d.text, range.0, range.1),
            note: "across".into(),
            tags: vec![],
            author: "Ana".into(),
            created: "2026-12-07T10:00:00Z".into(),
            modified: "2026-12-07T10:00:00Z".into(),
            conflict_of: None,
            other_targets: Vec::new(),
        }));
    h.run();
    // Its row's menu copies it to the 2007 side.
    let first_words: String = d.slice_chars(range.0, range.0 + 25);
    let at = cell_rect(&h, &first_words).center();
    right_click(&mut h, at);
    h.get_by_label("Copy the notes of the 1974 side to 2007")
        .click();
    h.run();
    let copied: Vec<_> = h
        .state()
        .session
        .notebook
        .annotations
        .iter()
        .filter(|a| a.target.doc() == Some(B))
        .cloned()
        .collect();
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0].note, "across");
    let (rows_b, b_sents) = {
        let c = h.state().comparison.as_ref().unwrap();
        (c.alignment.groups[row].b.clone(), c.alignment.b.clone())
    };
    let want = (
        b_sents[rows_b[0]].start,
        b_sents[*rows_b.last().unwrap()].end,
    );
    assert_eq!(
        copied[0].target.quote().unwrap(),
        ws.corpus.get(B).unwrap().slice_chars(want.0, want.1),
        "onto the row's 2007 sentences"
    );
}

#[test]
fn a_link_dragged_from_one_row_to_another_is_kept_and_marked_as_yours() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().compare_memoirs();
    h.run();
    let (from, to) = {
        let g = &h.state().comparison.as_ref().unwrap().alignment.groups;
        let i = (0..g.len() - 1)
            .find(|&i| !g[i].one_sided() && !g[i + 1].one_sided())
            .unwrap();
        (i, i + 1)
    };
    let to_b_text: String = {
        let c = h.state().comparison.as_ref().unwrap();
        let j = c.alignment.groups[to].b[0];
        c.alignment.b[j].text.chars().take(25).collect()
    };
    // Drag the grip of the row's 1974 side onto the next row's 2007 side.
    let grip = h
        .get_by_label(&format!("Link the 1974 side of row {}", from + 1))
        .rect()
        .center();
    let target = cell_rect(&h, &to_b_text).center();
    crate::ui::drag(&mut h, grip, target);
    h.run();
    let nb = &h.state().session.notebook;
    let pins = &nb
        .alignment(A, B)
        .expect("the correction is kept in the notebook")
        .pins;
    assert_eq!(pins.len(), 1);
    assert!(h.query_all_by_label_contains("your correction").count() >= 1);
    // One undo takes it back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().session.notebook.alignment(A, B).is_none());
    // The row's menu does the same without dragging.
    let from_a_text: String = {
        let c = h.state().comparison.as_ref().unwrap();
        c.alignment.a[c.alignment.groups[from].a[0]]
            .text
            .chars()
            .take(25)
            .collect()
    };
    let at = cell_rect(&h, &from_a_text).center();
    right_click(&mut h, at);
    h.get_by_label("Pair the 1974 side with the next row's 2007 side")
        .click();
    h.run();
    assert_eq!(
        h.state()
            .session
            .notebook
            .alignment(A, B)
            .unwrap()
            .pins
            .len(),
        1
    );
}
