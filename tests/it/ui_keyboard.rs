//! The keyboard alone: open a document with Ctrl+P, move the caret, select with Shift and the
//! arrows, annotate, find and annotate the hit, Escape closing the topmost window only. Driven
//! by key events only.

use crate::ui::{harness_on, open};
use egui_kittest::kittest::{NodeT, Queryable};

type H = egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>;

fn key(h: &mut H, k: egui::Key) {
    h.key_press(k);
    h.run();
}

fn keys(h: &mut H, m: egui::Modifiers, k: egui::Key) {
    h.key_press_modifiers(m, k);
    h.run();
}

fn type_text(h: &mut H, text: &str) {
    h.event(egui::Event::Text(text.into()));
    h.run();
}

#[test]
fn a_reader_who_never_touches_the_mouse_opens_selects_annotates_and_finds() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    // Ctrl+P, a few words, Enter.
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::P);
    type_text(&mut h, "Castro 13 April 1961");
    key(&mut h, egui::Key::Enter);
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-04-13-kudryavtsev-castro"
    );
    assert!(h.state().quick_open.is_none());
    // The caret: at the start, then down a few lines, and back home.
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::Home);
    assert_eq!(h.state().reader.caret, 0);
    for _ in 0..3 {
        key(&mut h, egui::Key::ArrowDown);
    }
    let down = h.state().reader.caret;
    assert!(down > 0, "Down moves the caret a line");
    assert!(
        h.state().reader.selection.is_none(),
        "moving selects nothing"
    );
    key(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().reader.caret, down + 1);
    // Paragraph by paragraph (Ctrl+Down) to the first long one, then Shift+End: its first
    // line is selected.
    let doc = h.state().open_document().clone();
    let para = loop {
        keys(&mut h, egui::Modifiers::COMMAND, egui::Key::ArrowDown);
        let at = h.state().reader.caret;
        let (_, end) = *doc
            .paragraphs()
            .iter()
            .find(|&&(s, _)| s == at)
            .expect("Ctrl+Down lands on a paragraph's start");
        if end - at > 200 {
            break at;
        }
    };
    keys(&mut h, egui::Modifiers::SHIFT, egui::Key::End);
    let sel = h.state().reader.selection.expect("Shift+End selects");
    assert_eq!(sel.range().0, para);
    let line = sel.range().1 - para;
    assert!(
        line > 20 && line < 200,
        "one line, not the paragraph: {sel:?}"
    );
    // Shift+Ctrl+Right takes one more word; Shift+Left gives back a character.
    let end = sel.range().1;
    keys(
        &mut h,
        egui::Modifiers::SHIFT | egui::Modifiers::COMMAND,
        egui::Key::ArrowRight,
    );
    let longer = h.state().reader.selection.unwrap().range().1;
    assert!(longer > end);
    keys(&mut h, egui::Modifiers::SHIFT, egui::Key::ArrowLeft);
    assert_eq!(h.state().reader.selection.unwrap().range().1, longer - 1);
    // Annotate: Ctrl+E, type the note, Ctrl+Enter saves.
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::E);
    assert!(h.state().editor.is_some(), "Ctrl+E opens the editor");
    type_text(&mut h, "Opening of the record");
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::Enter);
    assert!(h.state().editor.is_none(), "Ctrl+Enter saved");
    let notes = &h.state().session.notebook.annotations;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note, "Opening of the record");

    // Find: the current hit is the selection, so Ctrl+E annotates it.
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::F);
    type_text(&mut h, "cosmonaut");
    key(&mut h, egui::Key::Escape);
    let hit = h.state().find.hits[h.state().find.current.unwrap()];
    assert_eq!(
        h.state().reader.selection.map(|s| s.range()),
        Some(hit),
        "the hit is selected"
    );
    assert_eq!(h.state().reader.caret, hit.1, "the caret follows Find");
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::E);
    assert!(h.state().editor.is_some(), "no 'Select some text first'");
    type_text(&mut h, "Gagarin");
    // Escape closes the editor and keeps the draft.
    key(&mut h, egui::Key::Escape);
    assert!(h.state().editor.is_none());
    assert!(h.state().draft.is_some(), "the draft is kept");

    // Escape closes the topmost window only: the editor over the shortcut list.
    key(&mut h, egui::Key::F1);
    assert!(h.state().windows.help);
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::E);
    assert!(h.state().editor.is_some());
    key(&mut h, egui::Key::Escape);
    assert!(h.state().editor.is_none());
    assert!(h.state().windows.help, "the shortcut list stays");
    key(&mut h, egui::Key::Escape);
    assert!(!h.state().windows.help, "and closes with the next Escape");
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
}

#[test]
fn tab_from_the_tag_field_goes_to_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 0,
        head: 20,
    });
    h.run();
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::E);
    h.get_by_role_and_label(egui::Role::TextInput, "Add a tag")
        .focus();
    h.run();
    type_text(&mut h, "space");
    key(&mut h, egui::Key::Enter);
    key(&mut h, egui::Key::Tab);
    type_text(&mut h, "typed in the note");
    assert_eq!(
        h.state().editor.as_ref().map(|e| e.note.as_str()),
        Some("typed in the note")
    );
}

/// Selects `[from, to)`, Ctrl+E, a tag in the tag field, Tab to the note, the note, Ctrl+Enter.
fn annotate_with_keys(h: &mut H, from: usize, to: usize, tag: &str, note: &str) {
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: from,
        head: to,
    });
    keys(h, egui::Modifiers::COMMAND, egui::Key::E);
    h.get_by_role_and_label(egui::Role::TextInput, "Add a tag")
        .focus();
    h.run();
    type_text(h, tag);
    key(h, egui::Key::Enter);
    key(h, egui::Key::Tab);
    type_text(h, note);
    keys(h, egui::Modifiers::COMMAND, egui::Key::Enter);
}

#[test]
fn go_to_page_moves_to_the_page_the_paper_prints_and_says_which_pages_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::G);
    assert!(h.query_by_label_contains("pages 36–40").is_some());
    type_text(&mut h, "99");
    key(&mut h, egui::Key::Enter);
    assert!(
        h.query_by_label_contains("has no page 99: it has pages 36–40")
            .is_some()
    );
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::A);
    type_text(&mut h, "38");
    key(&mut h, egui::Key::Enter);
    assert!(h.state().go_to_page.is_none(), "gone there, closed");
    let doc = h.state().open_document().clone();
    let start = doc.pages.iter().find(|m| m.page == 38).unwrap().at;
    assert_eq!(h.state().reader.caret, start);
    h.run_steps(3);
    // The page's text is in view.
    let visible: Vec<String> = h
        .get_all_by_role(egui::Role::Paragraph)
        .filter(|n| n.rect().min.y < 700.0 && n.rect().max.y > 100.0)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    let page_text: String = doc.slice_chars(start, start + 30);
    assert!(
        visible.iter().any(|p| p.contains(page_text.trim())),
        "{page_text:?} not in {visible:?}"
    );
}

#[test]
fn the_last_tag_highlights_a_selection_in_one_key_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    keys(
        &mut h,
        egui::Modifiers::SHIFT | egui::Modifiers::COMMAND,
        egui::Key::E,
    );
    assert!(
        h.query_by_label_contains("No tag used yet").is_some(),
        "says how to give it a tag"
    );
    annotate_with_keys(&mut h, 200, 240, "space race", "");
    assert_eq!(h.state().prefs.last_tag.as_deref(), Some("space race"));
    // Another passage, one key.
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 600,
        head: 640,
    });
    keys(
        &mut h,
        egui::Modifiers::SHIFT | egui::Modifiers::COMMAND,
        egui::Key::E,
    );
    assert!(h.state().editor.is_none(), "no editor: highlighted at once");
    let notes = &h.state().session.notebook.annotations;
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].tags, ["space race"]);
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(h.state().session.notebook.annotations.len(), 1);
}

#[test]
fn side_panels_hide_and_show_and_the_text_takes_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let width = |h: &H| {
        crate::ui::paragraphs(h)
            .iter()
            .map(|r| r.width())
            .fold(0.0f32, f32::max)
    };
    h.state_mut().prefs.line_width = readingroom::ui::prefs::LineWidth::Wide;
    h.run();
    let before = width(&h);
    keys(
        &mut h,
        egui::Modifiers::SHIFT | egui::Modifiers::COMMAND,
        egui::Key::N,
    );
    keys(
        &mut h,
        egui::Modifiers::SHIFT | egui::Modifiers::COMMAND,
        egui::Key::L,
    );
    assert!(h.query_by_label("Find a person…").is_none());
    assert!(h.query_by_label_contains("Filter notes").is_none());
    let after = width(&h);
    assert!(after > before + 50.0, "{before} → {after}");
    // A narrow line width narrows the text.
    h.state_mut().prefs.line_width = readingroom::ui::prefs::LineWidth::Narrow;
    h.run();
    assert!(width(&h) < after - 50.0);
    // The buttons in the menu bar bring them back.
    h.get_by_label("Show the library panel (Ctrl+Shift+L)")
        .click();
    h.run();
    h.get_by_label("Show the notes panel (Ctrl+Shift+N)")
        .click();
    h.run();
    assert!(h.state().prefs.panels.library && h.state().prefs.panels.notes);
}

#[test]
fn the_first_start_welcomes_with_three_things_to_try_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let ws = crate::workspace().clone();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_| readingroom::ui::ReadingRoomApp::new(ws.clone(), None, Some(&data)));
    h.run();
    assert!(h.query_by_label("Welcome to Reading Room").is_some());
    assert!(h.query_by_label_contains("Ctrl+P").is_some());
    key(&mut h, egui::Key::Escape);
    assert!(h.query_by_label("Welcome to Reading Room").is_none());
    assert!(h.state().prefs.welcomed, "not shown again");
}

#[test]
fn search_results_and_the_library_move_with_the_arrows_and_open_with_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    keys(
        &mut h,
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    type_text(&mut h, "Castro");
    h.run_steps(2);
    key(&mut h, egui::Key::ArrowDown);
    key(&mut h, egui::Key::ArrowDown);
    key(&mut h, egui::Key::ArrowDown);
    assert_eq!(h.state().search.selected, Some(2));
    key(&mut h, egui::Key::ArrowUp);
    assert_eq!(
        h.state().search.selected,
        Some(1),
        "Up goes back; the field keeps the keys"
    );
    // (The match flashes in the reader for a moment.)
    h.key_press(egui::Key::Enter);
    h.run_steps(10);
    assert_eq!(h.state().view, readingroom::ui::app::CentralView::Reader);
    let sel = h.state().reader.selection.expect("the match is selected");
    let doc = h.state().open_document().clone();
    assert!(
        readingroom::search::fold(&doc.slice_chars(sel.range().0, sel.range().1))
            .contains("castro"),
        "the second match opened"
    );

    // The library: Down in its filter moves, Enter opens.
    h.get_by_role_and_label(egui::Role::TextInput, "Filter titles")
        .focus();
    h.run();
    type_text(&mut h, "Roa");
    h.run_steps(2);
    key(&mut h, egui::Key::ArrowDown);
    key(&mut h, egui::Key::ArrowDown);
    assert_eq!(h.state().prefs.library.cursor, Some(1));
    let visible = h.state().prefs.library.visible(&h.state().workspace);
    assert!(visible.len() > 2);
    key(&mut h, egui::Key::Enter);
    assert_eq!(
        h.state().open,
        visible[1],
        "the second document of the list opened"
    );
}

#[test]
fn clear_filters_clears_the_role_and_the_person_search_too() {
    let mut lib = readingroom::ui::library::Library {
        role: readingroom::people::RoleFilter::Present,
        people_filter: "Cast".into(),
        ..Default::default()
    };
    assert!(lib.is_filtered());
    lib.clear();
    assert_eq!(lib.role, readingroom::people::RoleFilter::Any);
    assert!(lib.people_filter.is_empty());
    assert!(!lib.is_filtered());
}

#[test]
fn a_screen_reader_reads_the_paragraphs_their_notes_and_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let read = |h: &H, words: &str| -> String {
        h.get_all_by_role(egui::Role::Paragraph)
            .filter_map(|n| n.accesskit_node().label())
            .find(|l| l.contains(words))
            .unwrap_or_else(|| panic!("no paragraph reads {words:?}"))
    };
    // The text itself, as the document has it.
    let doc = h.state().open_document().clone();
    let (start, _) = doc
        .paragraphs()
        .into_iter()
        .find(|&(s, e)| e - s > 200)
        .unwrap();
    let first_words: String = doc.slice_chars(start, start + 40);
    assert!(read(&h, &first_words).starts_with(&first_words));
    // A note on it is announced with its tag and note; so is the selection.
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: start,
        head: start + 30,
    });
    h.run();
    assert!(read(&h, &first_words).contains(&format!(
        "[selected: {}]",
        doc.slice_chars(start, start + 30)
    )));
    annotate_with_keys(&mut h, start, start + 30, "space", "the cosmonaut");
    h.run_steps(3);
    assert!(
        read(&h, &first_words).contains("[note (space): the cosmonaut]"),
        "{}",
        read(&h, &first_words)
    );
}

/// File dialogs as on a desktop without a file chooser portal: nothing comes back.
struct NoFileChooser;

impl readingroom::ui::windows::FileDialogs for NoFileChooser {
    fn open_notebook(&mut self, _: &std::path::Path) -> readingroom::ui::windows::Picked {
        readingroom::ui::windows::Picked::Nothing
    }
    fn save_notebook(&mut self, _: &std::path::Path) -> readingroom::ui::windows::Picked {
        readingroom::ui::windows::Picked::Nothing
    }
    fn open_document(&mut self, _: &std::path::Path) -> readingroom::ui::windows::Picked {
        readingroom::ui::windows::Picked::Nothing
    }
    fn open_folder(&mut self, _: &std::path::Path) -> readingroom::ui::windows::Picked {
        readingroom::ui::windows::Picked::Nothing
    }
    fn save_file(&mut self, _: &std::path::Path) -> readingroom::ui::windows::Picked {
        readingroom::ui::windows::Picked::Nothing
    }
}

#[test]
fn browse_without_a_file_chooser_says_why_and_keeps_the_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().dialogs = Box::new(NoFileChooser);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import files and folders…").click();
    h.run();
    let before = h.state().prompt.as_ref().unwrap().text.clone();
    h.get_by_label("Browse…").click();
    h.run();
    assert!(
        h.query_by_label_contains("this desktop has no file chooser")
            .is_some(),
        "says why nothing opened"
    );
    let prompt = h.state().prompt.as_ref().expect("the prompt stays open");
    assert_eq!(prompt.text, before, "and the path as it was");
}

#[test]
fn notes_say_their_page_and_while_comparing_this_document_is_the_two_compared() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let doc = h.state().open_document().clone();
    let at = doc.pages.iter().find(|m| m.page == 38).unwrap().at + 10;
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: at,
        head: at + 25,
    });
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::E);
    type_text(&mut h, "on page 38");
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::Enter);
    h.get_by_label("All documents").click();
    h.run();
    assert!(
        h.query_by_label_contains(&format!("{}, p. 38", doc.meta.short_title))
            .is_some(),
        "the note's document and page"
    );
    h.state_mut().compare_memoirs();
    h.run();
    assert!(h.query_by_label("The two compared").is_some());
    assert!(h.query_by_label("This document").is_none());
}

#[test]
fn find_takes_several_words_as_one_phrase_unless_asked_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let doc = h.state().open_document().clone();
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::F);
    type_text(&mut h, "Fidel Castro");
    let phrase = h.state().find.hits.clone();
    assert!(!phrase.is_empty());
    for &(s, e) in &phrase {
        assert_eq!(
            readingroom::search::fold(&doc.slice_chars(s, e)),
            "fidel castro",
            "one hit per phrase"
        );
    }
    h.get_by_label("Whole phrase").click();
    h.run();
    let words = h.state().find.hits.clone();
    assert!(
        words.len() > phrase.len(),
        "each word on its own: more hits"
    );
}

#[test]
fn a_tag_is_deleted_from_the_tags_tab_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    annotate_with_keys(&mut h, 300, 340, "doubtful", "");
    h.get_by_label("Tags").click();
    h.run();
    // The code's controls open when it is clicked.
    h.get_by_label("doubtful (1)").click();
    h.run();
    h.get_by_label("Delete tag doubtful").click();
    h.run();
    let nb = &h.state().session.notebook;
    assert!(nb.tags.iter().all(|t| t.name != "doubtful"));
    assert_eq!(nb.annotations.len(), 1, "the note stays");
    assert!(nb.annotations[0].tags.is_empty());
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    let nb = &h.state().session.notebook;
    assert_eq!(nb.annotations[0].tags, ["doubtful"]);
    assert!(nb.tags.iter().any(|t| t.name == "doubtful"));
}

#[test]
fn a_quick_shift_end_extends_the_selection_though_shift_is_up_by_the_next_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::Home);
    // Shift pressed and released between two frames: only the key event says it was held.
    h.event(egui::Event::Key {
        key: egui::Key::End,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::SHIFT,
    });
    h.run();
    let sel = h.state().reader.selection.expect("Shift+End selected");
    assert_eq!(sel.range().0, 0);
    assert!(sel.range().1 > 5);
}

#[test]
fn quick_keys_in_one_frame_all_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::Home);
    let down = |m: egui::Modifiers| egui::Event::Key {
        key: egui::Key::ArrowDown,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: m,
    };
    for _ in 0..3 {
        h.event(down(egui::Modifiers::COMMAND));
    }
    h.run();
    let doc = h.state().open_document().clone();
    assert_eq!(
        h.state().reader.caret,
        doc.paragraphs()[3].0,
        "three Ctrl+Downs in one frame: three paragraphs down"
    );
    // A quick Ctrl+Enter in the editor saves.
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 300,
        head: 330,
    });
    keys(&mut h, egui::Modifiers::COMMAND, egui::Key::E);
    type_text(&mut h, "quick");
    h.event(egui::Event::Key {
        key: egui::Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    h.run();
    assert!(h.state().editor.is_none(), "saved");
    assert_eq!(h.state().session.notebook.annotations.len(), 1);
}
