//! The window, driven headless with egui_kittest: never touches real notes (temp notebooks).

use crate::workspace;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use readingroom::ui::ReadingRoomApp;
use readingroom::ui::prefs::Prefs;
use std::path::Path;

pub fn harness_on(notebook: &Path) -> Harness<'static, ReadingRoomApp> {
    harness_stepping(notebook, 0.25)
}

/// A harness whose frames are `step_dt` seconds apart (short for double clicks).
pub fn harness_stepping(notebook: &Path, step_dt: f32) -> Harness<'static, ReadingRoomApp> {
    harness_sized(notebook, step_dt, egui::vec2(1280.0, 800.0))
}

/// A harness on a window of this size.
pub fn harness_sized(
    notebook: &Path,
    step_dt: f32,
    size: egui::Vec2,
) -> Harness<'static, ReadingRoomApp> {
    let ws = workspace().clone();
    let nb = notebook.to_path_buf();
    let dir = notebook.parent().unwrap().to_path_buf();
    let mut h = Harness::builder()
        .with_size(size)
        .with_step_dt(step_dt)
        .build_eframe(move |_cc| {
            ReadingRoomApp::with_notebook(ws.clone(), Prefs::default(), &nb, dir.clone())
        });
    // Imports extract in the real binary (the test binary has no extract-worker).
    h.state_mut().extraction = readingroom::import::isolated::Extraction::Isolated {
        program: env!("CARGO_BIN_EXE_readingroom").into(),
        limits: Default::default(),
    };
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
    annotate_selection(&mut h);
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

pub fn paragraphs(h: &Harness<'static, ReadingRoomApp>) -> Vec<egui::Rect> {
    // Paragraphs whose top is on screen in the reader.
    h.get_all_by_role(egui::Role::Paragraph)
        .map(|n| n.rect())
        .filter(|r| r.min.y > 100.0 && r.min.y < 700.0)
        .map(|r| egui::Rect::from_min_max(r.min, egui::pos2(r.max.x, r.max.y.min(760.0))))
        .collect()
}

pub fn drag(h: &mut Harness<'static, ReadingRoomApp>, from: egui::Pos2, to: egui::Pos2) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(from));
    h.event(button(from, true));
    h.step();
    let mid = from + (to - from) * 0.5;
    h.event(egui::Event::PointerMoved(mid));
    h.step();
    h.event(egui::Event::PointerMoved(to));
    h.step();
    h.event(button(to, false));
    h.step();
}

/// Drags across the first line of a paragraph.
pub fn select_first_line(h: &mut Harness<'static, ReadingRoomApp>, p: egui::Rect) {
    drag(
        h,
        egui::pos2(p.min.x + 1.0, p.min.y + 5.0),
        egui::pos2(p.max.x - 5.0, p.min.y + 5.0),
    );
    h.run();
}

/// Annotates the current selection with an empty note (Annotate, then Save).
pub fn annotate_selection(h: &mut Harness<'static, ReadingRoomApp>) {
    h.get_by_label("Annotate").click();
    h.run();
    h.get_by_label("Save").click();
    h.run();
}

pub fn open(h: &mut Harness<'static, ReadingRoomApp>, id: &str) {
    let i = h.state().workspace.corpus.index_of(id).unwrap();
    h.state_mut().open_doc(i);
    h.run();
}

#[test]
fn filtering_by_a_participant_shrinks_the_list_and_one_click_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.get_by_label("present").click();
    h.run();
    h.get_by_label("Find a person").click();
    h.get_by_label("Find a person").type_text("Celia");
    h.run();
    h.get_by_label("Celia Sánchez (1)").click();
    h.run();
    assert!(h.query_by_label_contains("1 of 28 documents").is_some());
    assert!(h.query_by_label_contains("3 March 1961 (lunch)").is_some());
    assert!(
        h.query_by_label("Celia Sánchez ×").is_some(),
        "the active filter shows as a chip"
    );
    h.get_by_label("Clear filters").click();
    h.run();
    assert!(h.query_by_label_contains("28 of 28 documents").is_some());
}

#[test]
fn drag_select_annotate_save_restart_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    let doc_id = "1961-04-13-kudryavtsev-castro";
    let created_id;
    {
        let mut h = harness_on(&path);
        open(&mut h, doc_id);
        let paras = paragraphs(&h);
        let (a, b) = (paras[3], paras[4]);
        // Across two paragraphs.
        drag(&mut h, a.center(), egui::pos2(b.min.x + 40.0, b.center().y));
        h.run();
        let sel = h.state().reader.selection.expect("a selection");
        assert!(!sel.is_empty());
        h.get_by_label("Annotate").click();
        h.run();
        h.get_by_label("Note")
            .type_text("Castro’s confidence before the invasion");
        h.get_by_label("Add a tag").type_text("Bay of Pigs\n");
        h.run();
        h.get_by_label("Save").click();
        h.run();
        h.state_mut().session.flush();
        assert!(
            h.query_by_label("1 note").is_some(),
            "one note, not '1 notes'"
        );
        let nb = &h.state().session.notebook;
        assert_eq!(nb.annotations.len(), 1);
        created_id = nb.annotations[0].id.clone();
        let doc = h.state().workspace.corpus.get(doc_id).unwrap();
        let readingroom::notes::Target::Text {
            quote, position, ..
        } = &nb.annotations[0].target
        else {
            panic!()
        };
        assert_eq!(quote.exact, doc.slice_chars(position.start, position.end));
        assert!(
            quote.exact.contains("\n\n"),
            "the selection spans a paragraph break"
        );
    }
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(
        on_disk.contains(&created_id) && on_disk.contains("Bay of Pigs"),
        "the RON file holds the note"
    );
    // Restart: the highlight is back.
    let mut h = harness_on(&path);
    open(&mut h, doc_id);
    assert_eq!(h.state().highlighted_notes(), vec![created_id.clone()]);
    // Undo in a new session cannot undo the old one's edits; delete then undo restores.
    h.get_by_label("Delete").click();
    h.run();
    assert!(h.state().highlighted_notes().is_empty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().highlighted_notes(), vec![created_id]);
}

#[test]
fn a_corrupt_notebook_shows_the_error_and_stays_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    let corrupt =
        "// my notes\nNotebook(\n    format_version: 1,\n    annotations: [ (id: \"x\", \n";
    std::fs::write(&path, corrupt).unwrap();
    let mut h = harness_on(&path);
    assert!(
        h.query_by_label_contains("could not be opened and was left untouched")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("n.ron:").is_some(),
        "the message names the file and line"
    );
    // Working on regardless does not touch the broken file.
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 10,
        head: 30,
    });
    h.run();
    annotate_selection(&mut h);
    h.state_mut().session.flush();
    assert_eq!(h.state().session.notebook.annotations.len(), 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), corrupt);
}

#[test]
fn quick_open_find_and_copy_with_citation() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
    h.get_by_label("Quick open search")
        .type_text("Gagarin record");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-04-13-kudryavtsev-castro"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("Find in document").type_text("Kennedy");
    h.run();
    let hits = h.state().find.hits.len();
    assert!(hits > 3);
    assert!(h.query_by_label(&format!("1 of {hits}")).is_some());
    h.key_press(egui::Key::F3);
    h.run();
    assert!(h.query_by_label(&format!("2 of {hits}")).is_some());
    // Ctrl+F again selects the query, so typing replaces it; Escape closes the bar.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(egui::Event::Text("Gagarin".into()));
    h.run();
    assert_eq!(h.state().find.query, "Gagarin");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().find.open, "Escape closes the find bar");
    // Select a passage and copy it with its citation.
    let doc = h.state().open_document().clone();
    let byte = doc.text.find("cosmonaut of peace").unwrap();
    let s = doc.text[..byte].chars().count();
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: s,
        head: s + 18,
    });
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::C,
    );
    h.step();
    let copied = vec![h.state().last_copy.clone().expect("copied")];
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert!(copied[0].starts_with("“cosmonaut of peace”"));
    assert!(copied[0].contains("trans. Gary Goldberg, April 13, 1961, f. 0104, op. 17, p. 118, d. 3, ll. 170-176, AVP RF, in James G. Hershberg"));
    assert!(copied[0].contains(
        "Working Paper no. 90 (n.d.), 38, https://digitalarchive.wilsoncenter.org/document/188140."
    ));
}

#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn open_document_filters_font_size_theme_and_notebook_come_back_on_the_next_start() {
    use eframe::App;
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace().clone();
    let mut app = ReadingRoomApp::new(ws.clone(), None, Some(dir.path()));
    app.open_doc(ws.corpus.index_of("1961-03-12-kudryavtsev-castro").unwrap());
    app.reader.font_size = 20.0;
    app.prefs.library.people = vec!["celia-sanchez".into()];
    app.prefs.theme = readingroom::ui::prefs::Theme::Dark;
    app.prefs.author = "Ana".into();
    let notebook = app.session.path.clone().unwrap();
    assert!(
        notebook.starts_with(dir.path()),
        "the default notebook is in the data directory"
    );
    let mut storage = MemoryStorage::default();
    app.save(&mut storage);
    drop(app);
    let again = ReadingRoomApp::new(ws, Some(&storage), Some(dir.path()));
    assert_eq!(
        again.open_document().meta.id,
        "1961-03-12-kudryavtsev-castro"
    );
    assert_eq!(again.reader.font_size, 20.0);
    assert_eq!(
        again.prefs.library.people,
        vec!["celia-sanchez".to_string()]
    );
    assert_eq!(again.prefs.theme, readingroom::ui::prefs::Theme::Dark);
    assert_eq!(again.prefs.author, "Ana");
    assert_eq!(again.session.path.as_ref(), Some(&notebook));
}

#[test]
fn orphans_are_listed_and_reattached_to_a_new_selection() {
    use readingroom::notes::model::{
        Annotation, Notebook, PositionSelector, QuoteSelector, Target, now_rfc3339,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    let mut nb = Notebook::default();
    nb.add(Annotation {
        id: "orphan-1".into(),
        target: Target::Text {
            doc: "1961-04-13-kudryavtsev-castro".into(),
            quote: QuoteSelector {
                exact: "a sentence that a later edition deleted entirely".into(),
                prefix: String::new(),
                suffix: String::new(),
            },
            position: PositionSelector {
                start: 100,
                end: 148,
            },
            text_hash: "fnv1a64:0".into(),
        },
        note: "still here".into(),
        tags: vec![],
        author: "A".into(),
        created: now_rfc3339(),
        modified: now_rfc3339(),
        conflict_of: None,
        other_targets: Vec::new(),
    });
    std::fs::write(&path, readingroom::notes::store::to_text(&nb)).unwrap();
    let mut h = harness_on(&path);
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    h.get_by_label("Orphans (1)").click();
    h.run();
    assert!(h.query_by_label_contains("still here").is_some());
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 300,
        head: 350,
    });
    h.run();
    h.get_by_label("Re-attach to selection").click();
    h.run();
    assert!(h.query_by_label("Orphans (0)").is_some());
    assert_eq!(h.state().highlighted_notes(), vec!["orphan-1".to_string()]);
}

#[test]
fn save_as_keeps_the_notes_of_an_unsaved_notebook_and_new_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Notebook(").unwrap();
    let mut h = harness_on(&broken);
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 10,
        head: 40,
    });
    h.run();
    annotate_selection(&mut h);
    let target = dir.path().join("kept.ron");
    h.state_mut().save_as(&target).unwrap();
    h.state_mut().session.flush();
    let nb = readingroom::notes::NotebookFile::open(&target)
        .unwrap()
        .notebook;
    assert_eq!(nb.annotations.len(), 1);
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), "Notebook(");
    assert!(
        h.state_mut().new_notebook(&target).is_err(),
        "New never overwrites a file"
    );
    let fresh = dir.path().join("fresh.ron");
    h.state_mut().new_notebook(&fresh).unwrap();
    assert!(h.state().session.notebook.annotations.is_empty());
    h.run();
    assert!(
        h.query_by_label_contains("fresh.ron").is_some(),
        "the status bar names the notebook"
    );
}

#[test]
fn clicking_a_note_in_the_list_opens_its_document_at_the_passage() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let p = paragraphs(&h)[4];
    select_first_line(&mut h, p);
    annotate_selection(&mut h);
    let quote = h.state().session.notebook.annotations[0]
        .target
        .quote()
        .unwrap()
        .to_string();
    open(&mut h, "1961-02-24-kudryavtsev-roa");
    h.get_by_label("All documents").click();
    h.run();
    let shown: String = quote.chars().take(30).collect();
    h.get_by_label_contains(&format!("\u{201c}{shown}")).click();
    // The passage flashes for a moment after the jump.
    h.run_steps(10);
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-04-13-kudryavtsev-castro",
        "the note's document is open again"
    );
    // The library scrolls to show which document is open.
    let item = h
        .get_all_by_label_contains("1961-04-13  ")
        .next()
        .unwrap()
        .rect();
    assert!(
        item.min.y > 150.0 && item.max.y < 560.0,
        "the open document is visible in the library list: {item:?}"
    );
    // The Show button does the same.
    open(&mut h, "1961-02-24-kudryavtsev-roa");
    h.get_by_label("Show").click();
    h.run_steps(10);
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-04-13-kudryavtsev-castro"
    );
}
