//! The original beside the text, through the window: a PDF imported, its pages shown beside
//! the text with the reader's Original button; a selection in the text outlined on its page;
//! turning a page scrolls the text; a word clicked on the page is selected in the text; a region
//! dragged out on the page is noted and framed.

use egui_kittest::kittest::Queryable;
use readingroom::facsimile::store::{boxes_file, read_boxes};
use readingroom::ui::ReadingRoomApp;
use readingroom::ui::facsimile::geometry::Placed;
use std::path::Path;
use std::time::{Duration, Instant};

type H = egui_kittest::Harness<'static, ReadingRoomApp>;

/// Steps the window (the pages are drawn by a child process) until a node's label holds
/// `text`, for up to a minute.
fn wait_for_label(h: &mut H, text: &str) {
    let started = Instant::now();
    while h.query_by_label_contains(text).is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no {text:?} in the window"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(2);
}

fn click_at(h: &mut H, pos: egui::Pos2) {
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(2);
}

#[test]
fn the_original_outlines_the_selection_selects_the_word_clicked_and_notes_a_region_dragged_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut h =
        crate::ui::harness_sized(&dir.path().join("n.ron"), 0.25, egui::vec2(1600.0, 1000.0));
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/diary-libreoffice-labelled.pdf");
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
    // Not shown until asked for; the reader's Original button shows it.
    assert!(h.query_by_label_contains("of the original").is_none());
    h.get_by_label("Original").click();
    h.step();
    wait_for_label(&mut h, "Page 1 of the original");
    // Drawn, not only asked for.
    let started = Instant::now();
    while h.query_by_label_contains("being drawn").is_some() {
        assert!(started.elapsed() < Duration::from_secs(60), "page 1 drawn");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(2);

    // A passage on the third page of the PDF (printed "15") selected in the text: the
    // original turns to that page and outlines it.
    let doc = h.state().open_document().clone();
    let phrase = "plenipotentiary havana the sugar";
    let at = doc
        .text
        .find(phrase)
        .map(|b| doc.text[..b].chars().count())
        .unwrap();
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: at,
        head: at + phrase.chars().count(),
    });
    h.step();
    wait_for_label(&mut h, "the selection is outlined on page 3");
    assert_eq!(h.state().facsimile.page, 3);
    assert!(h.state().facsimile.outlined >= 1);

    // Turning to the next page scrolls the text to where page 4 begins.
    h.get_by_label("Next page of the original").click();
    h.step();
    wait_for_label(&mut h, "Page 4 of the original");
    let page4 = readingroom::facsimile::text_at_file_page(&doc, 4).unwrap();
    // The text on the reading line is page 4's.
    let started = Instant::now();
    while readingroom::facsimile::file_page_at(&doc, h.state().reader.reading) != Some(4) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the text follows: it reads at {} ({:?}), page 4 begins at {page4}",
            h.state().reader.reading,
            readingroom::facsimile::file_page_at(&doc, h.state().reader.reading)
        );
        eprintln!(
            "DBG top {} reading {} {:?}",
            h.state().reader.top,
            h.state().reader.reading,
            doc.text.chars().skip(9230).take(40).collect::<String>()
        );
        h.step();
    }
    // And the original stays on page 4 (it does not follow the text back to page 3, where
    // that paragraph begins).
    h.run_steps(4);
    assert_eq!(h.state().facsimile.page, 4);

    // A word clicked on the page is selected in the text.
    h.state_mut().reader.selection = None;
    h.run_steps(2);
    let boxes = read_boxes(&boxes_file(&dir.path().join("documents"), &id)).unwrap();
    let word = boxes
        .boxes
        .iter()
        .find(|b| b.page == 4 && b.end - b.start >= 6)
        .copied()
        .unwrap();
    let image = h.get_by_label_contains("Page 4 of the original").rect();
    let placed = Placed {
        rect: image,
        quarter_turns: 0,
    };
    let centre = placed.to_screen(
        (word.rect[0] + word.rect[2]) / 2.0,
        (word.rect[1] + word.rect[3]) / 2.0,
    );
    click_at(&mut h, centre);
    let selected = h.state().reader.selection.map(|s| s.range());
    assert_eq!(selected, Some((word.start, word.end)));
    wait_for_label(&mut h, "the selection is outlined on page 4");

    // A region dragged out on the page is noted like a passage, and framed on the page.
    let image = h.get_by_label_contains("Page 4 of the original").rect();
    let placed = Placed {
        rect: image,
        quarter_turns: 0,
    };
    let (from, to) = (placed.to_screen(0.1, 0.1), placed.to_screen(0.45, 0.22));
    h.hover_at(from);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    for k in 1..=6 {
        h.hover_at(from + (to - from) * (k as f32 / 6.0));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("A region of page 4 of the original")
            .is_some(),
        "the editor opens on the region"
    );
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Note")
        .type_text("Signature of the ambassador");
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(3);
    let notes = &h.state().session.notebook.annotations;
    let region = notes
        .iter()
        .find(|a| a.note == "Signature of the ambassador")
        .expect("the note was saved");
    match &region.target {
        readingroom::notes::model::Target::Region { doc, page, region } => {
            assert_eq!((doc.as_str(), *page), (id.as_str(), 4));
            let [x0, y0, x1, y1] = region.fractions();
            for (got, want) in [(x0, 0.1), (y0, 0.1), (x1, 0.45), (y1, 0.22)] {
                assert!((got - want).abs() < 0.01, "{:?}", region.fractions());
            }
        }
        t => panic!("{t:?}"),
    }
    wait_for_label(&mut h, "1 regions noted");

    // The notes panel lists it by its page as printed; Show turns the original back to it.
    assert!(
        h.query_by_label_contains("p. 16, region of the original")
            .is_some()
    );
    h.get_by_label("Previous page of the original").click();
    h.run_steps(3);
    assert_eq!(h.state().facsimile.page, 3);
    h.get_by_label("Show").click();
    h.run_steps(3);
    assert_eq!(h.state().facsimile.page, 4);

    // From the keyboard: a note on the whole page.
    h.get_by_label("Note the page…").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("A region of page 4 of the original (100% × 100% of the page")
            .is_some()
    );
}

#[test]
fn a_photographed_page_is_shown_beside_its_text_and_transcribed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h =
        crate::ui::harness_sized(&dir.path().join("n.ron"), 0.25, egui::vec2(1600.0, 1000.0));
    let folder = dir.path().join("Havana April 1961");
    std::fs::create_dir_all(&folder).unwrap();
    for name in ["page-01.jpg", "page-02.png", "page-03.tif"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import/photographs")
                .join(name),
            folder.join(name),
        )
        .unwrap();
    }
    h.state_mut().start_import_documents(
        vec![folder],
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
    h.get_by_label("Original").click();
    h.step();
    wait_for_label(&mut h, "Page 1 of the original");
    let started = Instant::now();
    while !h.state().facsimile.drawn {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the photograph is drawn"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    if readingroom::import::images::tesseract().is_none() {
        assert!(
            h.query_by_label_contains("not transcribed yet: the pages' text is not read")
                .is_some()
        );
    }
    // With tesseract, the word it was unsure of is marked, and says so on hover.
    let unsure = h.state().open_document().uncertain.clone();
    if readingroom::import::images::tesseract().is_some() {
        assert!(!unsure.is_empty());
        let tip = h.state().name_tooltip_at(unsure[0].0).unwrap_or_default();
        assert!(tip.contains("The OCR was unsure of this word"), "{tip}");
    }
    // Page 2's text, typed (or corrected) beside its photograph.
    h.get_by_label("Next page of the original").click();
    h.run_steps(2);
    h.get_by_label("Transcribe this page…").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("page 2 of the original")
            .is_some()
    );
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Corrected text")
        .focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Corrected text")
        .type_text("Castro stressed that the invasion was expected.");
    h.run_steps(2);
    h.get_by_label("Apply").click();
    h.run_steps(3);
    let doc = h.state().open_document().clone();
    assert_eq!(
        readingroom::ui::facsimile::page_text(&doc, 2).as_deref(),
        Some("Castro stressed that the invasion was expected.")
    );
    // What was unsure on page 2 was checked: no longer marked.
    assert!(doc.uncertain.is_empty(), "{:?}", doc.uncertain);
    // The page after it kept its place.
    if readingroom::import::images::tesseract().is_none() {
        assert_eq!(
            readingroom::ui::facsimile::page_text(&doc, 3).as_deref(),
            Some("[Page 3: not transcribed yet]")
        );
    }
    // Page 3 read again with tesseract, from the original's toolbar.
    if readingroom::import::images::tesseract().is_some() {
        h.get_by_label("Next page of the original").click();
        h.run_steps(2);
        h.get_by_label("Check the OCR").click();
        h.step();
        wait_for_label(&mut h, "Page 3 read again:");
    }
}
