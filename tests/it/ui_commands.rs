//! One command path: menus and shortcuts send the same actions, applied in one place; the
//! shortcut a menu entry shows is the table's.

use crate::ui::harness_on;
use egui_kittest::kittest::Queryable;
use readingroom::ui::menu::MENU_ACTIONS;
use readingroom::ui::shortcuts::{Action, SHORTCUTS, describe};

fn menu_of(action: Action) -> &'static str {
    use readingroom::ui::app::CentralView;
    match action {
        Action::Undo
        | Action::Redo
        | Action::ResumeDraft
        | Action::Annotate
        | Action::CopyWithCitation
        | Action::CopyPandocCitation
        | Action::NewMemo
        | Action::YourPeople
        | Action::CorrectText
        | Action::UndoCorrection
        | Action::HighlightWithLastTag => "Edit",
        Action::QuickOpen
        | Action::Find
        | Action::FindNext
        | Action::FindPrevious
        | Action::SearchAll
        | Action::GoToPage
        | Action::ToggleLibrary
        | Action::ToggleNotes
        | Action::ToggleFacsimile
        | Action::ZoomIn
        | Action::ZoomOut
        | Action::CompareMemoirs
        | Action::NextDifference
        | Action::PreviousDifference
        | Action::ShowView(
            CentralView::Reader
            | CentralView::Timeline
            | CentralView::People
            | CentralView::Speakers
            | CentralView::Questions
            | CentralView::Cooccurrence
            | CentralView::Frequency,
        ) => "View",
        Action::Help | Action::About => "Help",
        _ => "File",
    }
}

#[test]
fn every_shortcut_is_a_menu_entry_that_shows_it() {
    for s in &SHORTCUTS {
        assert!(
            MENU_ACTIONS.contains(&s.action),
            "{:?} ({}) has a shortcut but no menu entry",
            s.action,
            describe(&s.keys)
        );
        assert_eq!(
            s.action.shortcut_text(),
            describe(&s.action.shortcut().unwrap().keys)
        );
    }
    // Each entry is in its menu, showing its action's label and shortcut (what a screen reader
    // reads, too: "Undo Ctrl+Z").
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    for action in MENU_ACTIONS {
        h.get_by_label(menu_of(action)).click();
        h.run();
        let shown = readingroom::ui::menu::entry_text(action);
        if let Some(s) = action.shortcut() {
            assert!(shown.ends_with(&describe(&s.keys)), "{shown}");
        }
        assert!(
            h.query_all_by_label(&shown).count() >= 1,
            "{action:?}: no entry {shown:?} in {}",
            menu_of(action)
        );
        h.key_press(egui::Key::Escape);
        h.run();
    }
}

#[test]
fn edit_undo_from_the_menu_refreshes_the_comparison() {
    // Edit → Undo called session.undo() directly: the comparison kept the undone correction.
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().compare_memoirs();
    h.run();
    let pinned = |h: &egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>| {
        h.state()
            .comparison
            .as_ref()
            .unwrap()
            .alignment
            .groups
            .iter()
            .any(|g| g.a == vec![2] && g.b == vec![9])
    };
    assert!(!pinned(&h), "not what the automatic alignment gives");
    h.state_mut().correct_alignment(vec![(vec![2], vec![9])]);
    h.run();
    assert!(pinned(&h));
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Undo Ctrl+Z").click();
    h.run();
    assert!(h.state().session.notebook.alignments.is_empty());
    assert!(!pinned(&h), "the comparison shows the undo");
}

#[test]
fn view_find_from_the_menu_puts_the_cursor_in_the_find_field() {
    // View → Find… opened the bar without focusing it: typing went nowhere.
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Find… Ctrl+F").click();
    h.run();
    h.run();
    h.event(egui::Event::Text("Kennedy".into()));
    h.run();
    assert_eq!(h.state().find.query, "Kennedy");
}

/// The README's table of shortcuts, between its markers, as the command table has it.
fn readme_table() -> String {
    let mut s = String::from("| Keys | What they do |\n|---|---|\n");
    for sc in &SHORTCUTS {
        s.push_str(&format!(
            "| `{}` | {} |\n",
            describe(&sc.keys),
            sc.description
        ));
    }
    s
}

#[test]
fn the_readme_lists_the_shortcuts_of_the_command_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = "<!-- shortcuts: generated from src/ui/shortcuts.rs; a test checks it -->\n";
    let table = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once("<!-- end of shortcuts -->"))
        .map(|(t, _)| t.to_string())
        .unwrap_or_default();
    assert_eq!(
        table,
        readme_table(),
        "the README's table should read:\n{}",
        readme_table()
    );
}
