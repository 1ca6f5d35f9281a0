//! The documents for Zotero and Word from the window: File → Export notes offers the formats
//! in a list (the path's extension follows, the choice is remembered), and Ctrl+Alt+C copies a
//! Pandoc citation with the export's keys.

use crate::ui::harness_on;
use egui_kittest::kittest::Queryable;
use readingroom::notes::commands::Command;

type H = egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>;

fn open_export(h: &mut H) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export notes…").click();
    h.run();
}

#[test]
fn export_notes_offers_the_documents_as_ris_and_remembers_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut()
        .apply(Command::ReplaceAll(Box::new(crate::questions::notebook())));
    h.run();
    open_export(&mut h);
    assert!(
        h.state().prompt.as_ref().unwrap().text.ends_with(".md"),
        "Markdown at first"
    );
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label("The documents as RIS, with their notes, for Zotero (.ris)")
        .click_accesskit();
    h.run();
    let p = h.state().prompt.as_ref().expect("the prompt stays open");
    assert!(p.text.ends_with("notes.ris"), "{}", p.text);
    let out = dir.path().join("documents.ris");
    h.state_mut().prompt.as_mut().unwrap().text = out.display().to_string();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    crate::ui_safety::step_until_jobs_end(&mut h);
    let ris = std::fs::read_to_string(&out).unwrap();
    assert!(
        ris.contains("TY  - MANSCPT")
            && ris.contains("ID  - 1961-04-22-kudryavtsev-castro-dorticos-breakfast"),
        "{ris}"
    );
    assert!(
        ris.contains("N1  - “"),
        "the notes go with their documents: {ris}"
    );
    let notice = h.state().notice().unwrap_or_default().to_string();
    assert!(
        notice.contains("Exported 3 records (the documents of 6 notes)"),
        "{notice}"
    );
    // Next time the list starts on RIS.
    open_export(&mut h);
    let p = h.state().prompt.as_ref().unwrap();
    assert_eq!(p.format, readingroom::export::notebook::Format::Ris);
    assert!(p.text.ends_with(".ris"));
}

#[test]
fn ctrl_alt_c_copies_a_pandoc_citation_with_the_exports_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    let doc = "1961-04-13-kudryavtsev-castro";
    crate::ui::open(&mut h, doc);
    let d = crate::workspace().corpus.get(doc).unwrap();
    let at = d
        .text
        .find("cosmonaut")
        .map(|b| d.text[..b].chars().count())
        .unwrap();
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: at,
        head: at + 9,
    });
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::ALT,
        egui::Key::C,
    );
    h.run();
    assert_eq!(
        h.state().last_copy.as_deref(),
        Some("[@1961-04-13-kudryavtsev-castro, 38]")
    );
    // Nothing selected: the document's key alone.
    h.state_mut().reader.selection = None;
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Copy as Pandoc citation").click();
    h.run();
    assert_eq!(
        h.state().last_copy.as_deref(),
        Some("[@1961-04-13-kudryavtsev-castro]")
    );
}

#[test]
fn the_documents_the_library_shows_are_exported_notes_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().prefs.library.part = Some(readingroom::corpus::Part::BayOfPigs1961);
    h.run();
    let shown: Vec<String> = {
        let ws = crate::workspace();
        ws.corpus
            .documents
            .iter()
            .filter(|d| d.meta.part == Some(readingroom::corpus::Part::BayOfPigs1961))
            .map(|d| d.id().to_string())
            .collect()
    };
    open_export(&mut h);
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label("The documents as CSL-JSON, for Zotero and pandoc (.json)")
        .click_accesskit();
    h.run();
    h.get_by_label_contains("those the library shows")
        .click_accesskit();
    h.run();
    assert!(
        h.query_by_label(&format!(
            "those the library shows ({}: Bay of Pigs 1961)",
            shown.len()
        ))
        .is_some()
    );
    let out = dir.path().join("bay-of-pigs.json");
    h.state_mut().prompt.as_mut().unwrap().text = out.display().to_string();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    crate::ui_safety::step_until_jobs_end(&mut h);
    let records: Vec<readingroom::export::bibliography::CslItem> =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let keys: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(keys[0], "hershberg-wp90");
    for id in shown
        .iter()
        .filter(|id| !id.starts_with("note-") && !id.starts_with("essay-"))
    {
        assert!(keys.contains(&id.as_str()), "{id} in {keys:?}");
    }
    assert!(!keys.contains(&"khrushchev-memoir-1974"), "not in the part");
}
