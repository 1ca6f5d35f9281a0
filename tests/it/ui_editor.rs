//! The note editor and highlights, driven headless with egui_kittest: tags and their colours,
//! clicking a highlight to edit or delete its note.

use crate::ui::{annotate_selection, harness_on, open, paragraphs, select_first_line};
use egui_kittest::kittest::Queryable;

#[test]
fn new_tags_get_their_own_colours_and_the_note_shows_its_markdown_styled() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let p = paragraphs(&h)[4];
    select_first_line(&mut h, p);
    h.get_by_label("Annotate").click();
    h.run();
    h.get_by_label("Add a tag").focus();
    h.run();
    h.get_by_label("Add a tag").type_text("Harlem");
    h.key_press(egui::Key::Enter);
    h.run();
    // A pasted line break separates tags rather than entering a tag's name.
    h.get_by_label("Add a tag").focus();
    h.run();
    h.get_by_label("Add a tag")
        .type_text("US policy\nBay of Pigs");
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("Note").focus();
    h.run();
    h.get_by_label("Note")
        .type_text("Khrushchev frames the **visit** as *defiance*.");
    h.run();
    // The colours the editor shows before saving are the ones the notebook keeps.
    let previewed = h.state().editor.as_ref().unwrap().new_colours.clone();
    assert_eq!(previewed.len(), 3);
    h.get_by_label("Save").click();
    h.run();
    let nb = &h.state().session.notebook;
    for (name, colour) in &previewed {
        assert!(
            nb.tags
                .iter()
                .any(|t| &t.name == name && &t.colour == colour)
        );
    }
    let colour = |name: &str| {
        nb.tags
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.colour.clone())
            .unwrap_or_else(|| panic!("{name} has a colour: {:?}", nb.tags))
    };
    assert_ne!(colour("Harlem"), colour("US policy"));
    assert_ne!(colour("Bay of Pigs"), colour("US policy"));
    assert_eq!(
        nb.annotations[0].tags,
        ["Harlem", "US policy", "Bay of Pigs"]
    );
    // The notes panel shows the note's Markdown styled, without its marks.
    assert!(
        h.query_by_label("Khrushchev frames the visit as defiance.")
            .is_some()
    );
}

#[test]
fn the_tag_palette_has_contrast_4_5_against_the_page_in_both_themes() {
    use readingroom::notes::model::{TAG_PALETTE, contrast_ratio, tag_display_colour};
    let hex = |c: egui::Color32| format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b());
    for (dark, visuals) in [
        (false, egui::Visuals::light()),
        (true, egui::Visuals::dark()),
    ] {
        let page = hex(visuals.panel_fill);
        for c in TAG_PALETTE {
            let shown = tag_display_colour(c, dark);
            let ratio = contrast_ratio(shown, &page);
            assert!(ratio >= 4.5, "{shown} on {page} (dark: {dark}): {ratio:.2}");
        }
    }
    // Distinct colours.
    let set: std::collections::HashSet<_> = TAG_PALETTE.iter().collect();
    assert_eq!(set.len(), 8);
}

#[test]
fn clicking_a_highlight_opens_the_note_which_can_be_edited_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let paras = paragraphs(&h);
    let p = paras[4];
    // A note on the start of a paragraph.
    select_first_line(&mut h, p);
    annotate_selection(&mut h);
    assert_eq!(h.state().session.notebook.annotations.len(), 1);
    // Click the highlighted words.
    h.event(egui::Event::PointerMoved(egui::pos2(
        p.min.x + 30.0,
        p.min.y + 8.0,
    )));
    h.get_all_by_role(egui::Role::Paragraph)
        .find(|n| n.rect() == p)
        .unwrap()
        .click();
    h.run();
    assert!(h.state().editor.is_some(), "the note opens in the editor");
    h.get_by_label("Note").type_text("edited");
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(h.state().session.notebook.annotations[0].note, "edited");
    h.get_all_by_role(egui::Role::Paragraph)
        .find(|n| n.rect() == p)
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Delete note").click();
    h.run();
    assert!(h.state().session.notebook.annotations.is_empty());
    assert_eq!(h.state().session.notebook.trash.len(), 1);
}
