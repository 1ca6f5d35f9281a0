//! The codebook in the window: the Tags tab puts codes under codes, gives them definitions and
//! splits them; a filter on a code takes the codes under it; Ctrl+Z undoes each step.

use crate::ui::harness_on;
use egui_kittest::kittest::Queryable;
use readingroom::notes::commands::Command;
use readingroom::notes::model::{Annotation, text_target};

fn note(id: &str, start: usize, tags: &[&str]) -> Annotation {
    let d = crate::workspace()
        .corpus
        .get("1961-04-13-kudryavtsev-castro")
        .unwrap();
    Annotation {
        id: id.into(),
        target: text_target(d.id(), &d.text, start, start + 30),
        note: format!("note {id}"),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: "Ana".into(),
        created: "2026-12-02T10:00:00Z".into(),
        modified: "2026-12-02T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

#[test]
fn codes_go_under_codes_get_definitions_and_split_from_the_tags_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    for (id, start, tags) in [
        ("n1", 100, &["Assassination"][..]),
        ("n2", 300, &["Mafia"][..]),
        ("n3", 500, &["Mafia"][..]),
        ("n4", 700, &["Bay of Pigs"][..]),
    ] {
        h.state_mut().apply(Command::Add(note(id, start, tags)));
    }
    h.run();
    h.query_all_by_label("Tags").last().unwrap().click();
    h.run();
    // A new code, typed and Enter.
    h.get_by_label("New tag").click();
    h.run();
    h.get_by_label("New tag").type_text("Havana 1961");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().session.notebook.tag("Havana 1961").is_some());
    // Mafia under Assassination: click the code for its controls, choose in its "under" list.
    h.get_by_label("Mafia (2)").click();
    h.run();
    h.get_by_label("Tag Mafia under").click();
    h.run();
    h.get_by_label("Assassination").click_accesskit();
    h.run();
    let nb = &h.state().session.notebook;
    assert_eq!(nb.tag_path("Mafia"), "Assassination › Mafia");
    assert!(
        h.query_by_label_contains("Assassination (1; 3 with the tags under it)")
            .is_some()
    );
    // A definition, kept when the field is left.
    h.get_by_label("Definition of tag Mafia").click();
    h.run();
    h.get_by_label("Definition of tag Mafia")
        .type_text("Plots run through organised crime");
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(
        h.state().session.notebook.tag("Mafia").unwrap().description,
        "Plots run through organised crime"
    );
    // A filter on Assassination takes the notes coded Mafia.
    h.state_mut().prefs.notes.tag = Some("Assassination".into());
    h.state_mut().prefs.notes.only_open_document = false;
    h.query_all_by_label("Notes (4)").last().unwrap().click();
    h.run();
    assert!(h.query_by_label("3 notes").is_some());
    // Split Mafia: n3 goes to a new code beside it.
    h.query_all_by_label("Tags").last().unwrap().click();
    h.run();
    h.get_by_label("Split tag Mafia").click();
    h.run();
    h.get_by_label("Name of the new tag").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Name of the new tag")
        .type_text("Mafia: Giancana");
    h.run();
    h.get_by_label_contains("note n3").click();
    h.run();
    h.get_by_label("Split").click();
    h.run();
    let nb = &h.state().session.notebook;
    assert_eq!(nb.get("n3").unwrap().tags, ["Mafia: Giancana"]);
    assert_eq!(nb.get("n2").unwrap().tags, ["Mafia"]);
    assert_eq!(
        nb.tag_path("Mafia: Giancana"),
        "Assassination › Mafia: Giancana"
    );
    // Ctrl+Z, step by step: the split, the definition, the move, the new code.
    for _ in 0..4 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run();
    }
    let nb = &h.state().session.notebook;
    assert_eq!(nb.get("n3").unwrap().tags, ["Mafia"]);
    assert_eq!(nb.tag("Mafia").unwrap().description, "");
    assert_eq!(nb.tag("Mafia").unwrap().parent, None);
    assert!(nb.tag("Havana 1961").is_none());
}
