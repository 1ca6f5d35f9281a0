//! Importing a folder through the window: File → Import files and folders, the path, the job in
//! the status bar with its progress and Cancel, the report, and the new documents in the
//! library, readable and annotatable.

use crate::ui::harness_on;
use egui_kittest::kittest::Queryable;
use readingroom::export::cite::Position;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// A folder of the researcher's: Word, OpenDocument, a web page, two PDFs (one a scan without
/// OCR) and the FRUS-shaped volume in a subfolder.
fn archive(root: &Path) -> PathBuf {
    let folder = root.join("Havana trip 2019");
    std::fs::create_dir_all(folder.join("frus")).unwrap();
    for name in [
        "memo-pandoc.docx",
        "memo-libreoffice.odt",
        "wilson-center-shaped-record.html",
        "typed-ocrmypdf.pdf",
        "typed-no-text-layer.pdf",
    ] {
        std::fs::copy(fixtures().join(name), folder.join(name)).unwrap();
    }
    std::fs::copy(
        fixtures().join("frus-shaped-volume.xml"),
        folder.join("frus/volume.xml"),
    )
    .unwrap();
    folder
}

/// Steps the window until the import job ends (up to a minute: the debug build analyses the
/// new documents while other tests run).
fn wait_for_import(h: &mut egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>) {
    let started = std::time::Instant::now();
    while !h.state().jobs.is_empty() && started.elapsed() < std::time::Duration::from_secs(60) {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(h.state().jobs.is_empty(), "the import ended");
    h.run();
}

fn start_import(
    h: &mut egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>,
    path: &Path,
) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import files and folders…").click();
    h.run();
    let field = h.get_by_role_and_label(egui::Role::TextInput, "File or folder to import");
    field.focus();
    h.run();
    // Replace what the field suggests with the folder.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "File or folder to import")
        .type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("Import").click();
    h.step();
    h.step();
}

#[test]
fn a_folder_imports_through_the_window_with_its_progress_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let folder = archive(dir.path());
    let mut h = harness_on(&dir.path().join("n.ron"));
    start_import(&mut h, &folder);
    // While it runs, the status bar names it and offers Cancel.
    assert_eq!(
        h.state().jobs.len(),
        1,
        "{:?}",
        h.state().jobs.iter().map(|j| &j.title).collect::<Vec<_>>()
    );
    assert!(
        h.query_by_label_contains("Import Havana trip 2019")
            .is_some()
    );
    assert!(h.query_by_label("Cancel").is_some());
    wait_for_import(&mut h);
    // The report: what was added, what was refused and why.
    assert!(
        h.query_by_label("Import report").is_some(),
        "the report window opens"
    );
    // The summary is in the report and in the status line.
    assert!(
        h.query_all_by_label_contains("Added 7 documents from 5 files; 1 refused")
            .count()
            == 2,
        "{:?}",
        h.state().import_report.as_ref().map(|r| r.summary())
    );
    assert!(
        h.query_by_label("this PDF has no text; run OCR first (e.g. ocrmypdf)")
            .is_some()
    );
    assert!(h.query_by_label_contains("35 of 35 documents").is_some());
    // A document of the report opens in the reader, with its own words.
    h.get_by_label_contains("1. Memorandum of Conversation (volume.xml")
        .click();
    h.run();
    assert_eq!(h.state().open_document().meta.id, "my-volume-1");
    assert!(
        h.query_by_label_contains("The Secretary asked Bonsal")
            .is_some()
    );
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().import_report.is_none());
    // The volume is a collection: the library filters by it.
    h.get_by_label("Collection").click();
    h.run();
    h.get_by_label("Foreign Relations of the United States, 1961–1963, Test Volume, Cuba")
        .click();
    h.run();
    assert!(h.query_by_label_contains("3 of 35 documents").is_some());
    // Quick open looks in the collection the library shows, and anywhere when asked.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
    let scope = h.state().quick_open.as_ref().map(|q| q.scope.clone());
    assert_eq!(
        scope,
        Some(readingroom::ui::windows::quick_open::Scope::Collection(
            "Foreign Relations of the United States, 1961–1963, Test Volume, Cuba".into()
        ))
    );
    h.get_by_label("Quick open search")
        .type_text("conversation");
    h.run();
    let window = h.get_by_label("Quick open");
    assert!(
        window
            .query_by_label_contains("1. Memorandum of Conversation")
            .is_some()
    );
    assert!(
        window
            .query_by_label_contains("Record of Conversation with Raúl Roa")
            .is_none(),
        "the paper's records are not in this collection"
    );
    h.get_by_label("Look in").click();
    h.run();
    // The choice in the open list (the library has an "All documents" too).
    h.get_all_by_label("All documents").last().unwrap().click();
    h.run();
    assert!(
        h.get_by_label("Quick open")
            .query_by_label_contains("Record of Conversation with Raúl Roa")
            .is_some(),
        "in all documents, the paper's records too"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    // Bonsal, whom the registry did not know, is a person of the library now.
    assert!(
        h.state()
            .workspace
            .registry
            .resolve("Philip W. Bonsal")
            .is_some()
    );
}

#[test]
fn cancel_stops_between_files_and_leaves_only_whole_documents() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("many");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..400 {
        std::fs::write(
            folder.join(format!("note-{i:03}.txt")),
            format!("Note {i} of the embassy diary.\n\nThe ambassador met the minister."),
        )
        .unwrap();
    }
    let mut h = harness_on(&dir.path().join("n.ron"));
    start_import(&mut h, &folder);
    h.get_by_label("Cancel").click();
    h.step();
    assert!(
        h.state().jobs.iter().all(|j| j.is_cancelled()),
        "Cancel reached the job"
    );
    wait_for_import(&mut h);
    let report = h.state().import_report.clone().expect("a report");
    assert!(report.cancelled, "{}", report.summary());
    assert!(report.added.len() < 400, "{}", report.summary());
    assert!(
        report.summary().ends_with("cancelled before the end"),
        "{}",
        report.summary()
    );
    // Every document added is whole, and in the library; nothing else is on disk.
    let docs = dir.path().join("documents");
    let texts = std::fs::read_dir(&docs)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(texts, report.added.len());
    for a in &report.added {
        assert!(h.state().workspace.corpus.get(&a.id).is_some(), "{}", a.id);
    }
}

#[test]
fn replace_text_from_the_reader_keeps_the_notes_and_says_where_they_landed() {
    use readingroom::notes::model::text_target;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    let scan = fixtures().join("typed-ocrmypdf.pdf");
    h.state_mut().start_import_documents(
        vec![scan],
        readingroom::import::store::ImportOptions::default(),
        None,
    );
    wait_for_import(&mut h);
    h.get_by_label("Close").click();
    h.run();
    let i = h
        .state()
        .workspace
        .corpus
        .index_of("my-typed-ocrmypdf")
        .unwrap();
    h.state_mut().open_doc(i);
    h.run();
    let text = h.state().open_document().text.to_string();
    for quote in ["attempt on his life", "inform Moscow immediately"] {
        let start = text[..text.find(quote).unwrap()].chars().count();
        let target = text_target(
            "my-typed-ocrmypdf",
            &text,
            start,
            start + quote.chars().count(),
        );
        let note = readingroom::notes::model::Annotation {
            id: format!("n-{start}"),
            target,
            note: String::new(),
            tags: Vec::new(),
            author: "Ana".into(),
            created: "2026-12-01T10:00:00Z".into(),
            modified: "2026-12-01T10:00:00Z".into(),
            conflict_of: None,
            other_targets: Vec::new(),
        };
        h.state_mut()
            .apply(readingroom::notes::commands::Command::Add(note));
    }
    let corrected = dir.path().join("corrected.txt");
    // A corrected transcription that ends before the second passage.
    let kept = "Castro said that the Cuban government had received new information about the preparation of an attempt on his life.";
    std::fs::write(&corrected, kept).unwrap();
    h.get_by_label("Replace text…").click();
    h.run();
    let field = "File to take the text from";
    h.get_by_role_and_label(egui::Role::TextInput, field)
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, field)
        .type_text(corrected.to_str().unwrap());
    h.run();
    h.get_by_label("Replace").click();
    h.run();
    assert!(
        h.query_by_label_contains("1 notes placed, 1 orphans (see Orphans)")
            .is_some(),
        "the status line says where the notes landed: {:?}",
        h.query_all_by_label_contains("Replaced")
            .map(|n| format!("{n:?}").chars().take(300).collect::<String>())
            .collect::<Vec<_>>()
    );
    assert_eq!(h.state().open_document().text.as_str(), kept);
    assert_eq!(
        h.state().session.notebook.annotations.len(),
        2,
        "no note is lost"
    );
    assert!(h.query_by_label_contains("Orphans (1)").is_some());
}

#[test]
fn the_details_of_your_document_are_edited_checked_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().start_import_documents(
        vec![fixtures().join("memo-pandoc.docx")],
        readingroom::import::store::ImportOptions::default(),
        None,
    );
    wait_for_import(&mut h);
    let id = h.state().import_report.as_ref().unwrap().added[0]
        .id
        .clone();
    h.get_by_label("Close").click();
    h.run();
    let i = h.state().workspace.corpus.index_of(&id).unwrap();
    h.state_mut().open_doc(i);
    h.run();
    h.get_by_label("Edit details…").click();
    // The form's scroll bar settles over its first frames.
    h.run_steps(4);
    h.run();
    let set = |h: &mut egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>,
               field: &str,
               text: &str| {
        h.get_by_role_and_label(egui::Role::TextInput, field)
            .focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.get_by_role_and_label(egui::Role::TextInput, field)
            .type_text(text);
        h.run();
    };
    // A date that cannot be is refused, with why, and nothing is saved.
    set(&mut h, "Date", "1961-02-30");
    h.get_by_label("Save").click();
    h.run();
    assert!(
        h.query_by_label_contains("February 1961 has no day 30")
            .is_some()
    );
    set(&mut h, "Date", "1961-03-05");
    set(&mut h, "Place", "Havana");
    set(&mut h, "Short title", "Roa memo");
    set(&mut h, "Title", "Kudryavtsev–Roa memorandum");
    set(&mut h, "Recipient", "Fidel Castro");
    // The reference in its parts: a part without its fond is refused.
    set(&mut h, "Archive", "AVP RF");
    set(&mut h, "d. (delo)", "3");
    h.get_by_label("Save").click();
    h.run();
    assert!(
        h.query_by_label_contains("the fond (f.) is needed")
            .is_some()
    );
    for (part, value) in [
        ("f. (fond)", "0104"),
        ("op. (opis)", "17"),
        ("p. (papka)", "118"),
        ("ll. (listy)", "40"),
    ] {
        set(&mut h, part, value);
    }
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().details_form.is_none(), "saved and closed");
    let doc = h.state().open_document().clone();
    assert_eq!(doc.meta.id, id);
    assert_eq!(
        doc.meta.date.as_ref().map(|d| d.as_str()),
        Some("1961-03-05")
    );
    assert_eq!(doc.meta.place.as_deref(), Some("Havana"));
    assert!(
        h.query_by_label_contains("5 March 1961").is_some(),
        "the header shows the new date"
    );
    // On disk, for the next start.
    let (saved, _) =
        readingroom::corpus::user::load_user_document(&dir.path().join("documents"), &id).unwrap();
    assert_eq!(
        saved
            .meta
            .archival
            .as_ref()
            .map(|a| a.normalised())
            .as_deref(),
        Some("AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 40")
    );
    let ws = &h.state().workspace;
    let cited = ws.citer.cite(ws, &doc, None, Position::First);
    assert!(
        cited.contains("f. 0104, op. 17, p. 118, d. 3, ll. 40, AVP RF"),
        "cited from its parts: {cited}"
    );
    // The recipient is the registry's Fidel Castro, in the addressee's role.
    let roles = &h.state().workspace.people.roles[&id];
    assert!(
        roles
            .get("fidel-castro")
            .is_some_and(|r| r.contains(&readingroom::people::Role::Addressee)),
        "{roles:?}"
    );
    // The paper's documents have no Edit details.
    let paper = h
        .state()
        .workspace
        .corpus
        .index_of("1961-04-13-kudryavtsev-castro")
        .unwrap();
    h.state_mut().open_doc(paper);
    h.run();
    assert!(h.query_by_label("Edit details…").is_none());
}

#[test]
fn a_paper_document_is_copied_to_edit_and_the_paper_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    let paper_id = "1961-04-13-kudryavtsev-castro";
    let paper = h.state().workspace.corpus.index_of(paper_id).unwrap();
    h.state_mut().open_doc(paper);
    h.run();
    h.get_by_label("Copy to edit…").click();
    h.run_steps(4);
    h.run();
    let copy = h.state().open_document().clone();
    let original = h.state().workspace.corpus.documents[paper].clone();
    assert!(copy.user_added, "the copy is the researcher's");
    assert_ne!(copy.meta.id, paper_id);
    assert_eq!(copy.text.as_str(), original.text.as_str(), "word for word");
    assert_eq!(copy.pages, original.pages, "the paper's pages");
    let footnotes: Vec<_> = h
        .state()
        .workspace
        .corpus
        .footnotes
        .iter()
        .filter(|f| f.doc == copy.meta.id)
        .map(|f| (f.number, f.at))
        .collect();
    assert_eq!(
        footnotes,
        [(9, 482)],
        "its footnote, numbered as the paper numbers it"
    );
    // Cited as the paper's document, at the paper's page.
    let ws = &h.state().workspace;
    let cited = ws
        .citer
        .cite(ws, &copy, copy.page_range(200, 210), Position::First);
    assert!(
        cited.contains("f. 0104")
            && cited.contains("Working Paper no. 90")
            && cited.ends_with(", p. 37."),
        "{cited}"
    );
    // Its details open, with the people by name; Castro stays present.
    let form = h.state().details_form.clone().expect("its details open");
    assert_eq!(
        form.author, "Sergey Kudryavtsev",
        "the author by name in the form"
    );
    assert!(form.present.contains("Fidel Castro"), "{}", form.present);
    assert!(
        h.state().workspace.people.roles[&copy.meta.id]["fidel-castro"]
            .contains(&readingroom::people::Role::Present)
    );
    h.get_by_role_and_label(egui::Role::TextInput, "Title")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Title")
        .type_text("Kudryavtsev on Castro, 13 April 1961");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(
        h.state().open_document().meta.title,
        "Kudryavtsev on Castro, 13 April 1961"
    );
    assert_eq!(
        h.state().workspace.corpus.documents[paper].meta.title,
        original.meta.title,
        "the paper's document is unchanged"
    );
    // Both are there on the next start.
    let (docs, _, problems) =
        readingroom::corpus::user::load_user_documents(&dir.path().join("documents"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].meta.title, "Kudryavtsev on Castro, 13 April 1961");
}

#[test]
fn open_original_asks_the_pdf_viewer_for_the_page_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().start_import_documents(
        vec![fixtures().join("diary-libreoffice-labelled.pdf")],
        readingroom::import::store::ImportOptions::default(),
        None,
    );
    wait_for_import(&mut h);
    let id = h.state().import_report.as_ref().map_or_else(
        || {
            h.state()
                .workspace
                .corpus
                .documents
                .last()
                .unwrap()
                .meta
                .id
                .clone()
        },
        |r| r.added[0].id.clone(),
    );
    h.state_mut().import_report = None;
    let i = h.state().workspace.corpus.index_of(&id).unwrap();
    h.state_mut().open_doc(i);
    h.run();
    assert!(h.query_by_label("Open original (PDF)").is_some());
    // The passage selected is on the page printed "15", the PDF's third page.
    let doc = h.state().open_document().clone();
    let at = doc
        .text
        .find("plenipotentiary havana the sugar")
        .map(|b| doc.text[..b].chars().count())
        .unwrap();
    assert_eq!(doc.page_label_at(at).as_deref(), Some("15"));
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: at,
        head: at + 20,
    });
    assert_eq!(h.state().original_page(i), Some((3, "15".to_string())));
    let evince = h
        .state()
        .original_opener(i, Some("org.gnome.Evince.desktop"), &|_| true)
        .unwrap();
    assert_eq!(evince.program, "evince");
    assert_eq!(evince.args[0], std::ffi::OsString::from("--page-index=3"));
    assert!(evince.at_page);
    // Without a selection, the page of the first paragraph in view: the start.
    h.state_mut().reader.selection = None;
    h.run();
    assert_eq!(h.state().original_page(i).map(|p| p.0), Some(1));
    // A viewer that cannot be told a page: xdg-open, and the status line says the page.
    let other = h
        .state()
        .original_opener(i, Some("com.example.Viewer.desktop"), &|_| true)
        .unwrap();
    assert_eq!((other.program.as_str(), other.at_page), ("xdg-open", false));
}
