//! Who said what in the window: the reader's speaker gutter and the concordance view.

use crate::ui::{harness_on, open};
use crate::workspace;
use egui_kittest::kittest::Queryable;
use readingroom::ui::app::CentralView;

#[test]
fn the_gutter_names_each_passage_and_a_click_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-03-03-kudryavtsev-castro-lunch");
    assert!(
        h.query_all_by_label("Speaker: Kudryavtsev")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label("Speaker: unattributed")
            .next()
            .is_some()
    );
    let castro = h.get_all_by_label("Speaker: F. Castro").next().unwrap();
    castro.scroll_to_me();
    h.run();
    h.get_all_by_label("Speaker: F. Castro")
        .next()
        .unwrap()
        .click();
    h.run();
    let (a, b) = h.state().reader.selection.expect("a selection").range();
    let text = h.state().open_document().slice_chars(a, b);
    assert!(
        text.starts_with("Fidel Castro said, we are absolutely convinced")
            && text.ends_with("the revolutionary government."),
        "the click selected Castro's first passage, got {text:?}"
    );
    // The layer can be switched off.
    h.get_by_label("Speakers").click();
    h.run();
    assert!(
        h.query_all_by_label("Speaker: Kudryavtsev")
            .next()
            .is_none()
    );
}

#[test]
fn the_concordance_lists_a_speaker_jumps_to_a_passage_and_annotates_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Who said what").click();
    h.run();
    assert_eq!(h.state().view, CentralView::Speakers);
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Speaker:")
        .click();
    h.run();
    let ws = workspace();
    let expected = ws.speakers.concordance(&ws.corpus, "osvaldo-dorticos");
    h.get_all_by_label(&format!("Osvaldo Dorticós ({})", expected.len()))
        .last()
        .unwrap()
        .click();
    h.run();
    assert_eq!(
        h.state().concordance.person.as_deref(),
        Some("osvaldo-dorticos")
    );
    assert!(
        h.query_by_label_contains(&format!("{} passages in 2 documents", expected.len()))
            .is_some()
    );
    // The words filter narrows the list.
    h.get_by_label("Passages containing").focus();
    h.run();
    h.get_by_label("Passages containing").type_text("Kennedy");
    h.run();
    let about_kennedy = readingroom::speakers::containing(expected.clone(), "Kennedy");
    assert!(about_kennedy.len() < expected.len());
    assert!(
        h.query_by_label_contains(&format!("{} passages in", about_kennedy.len()))
            .is_some()
    );
    h.state_mut().concordance.containing.clear();
    h.run();
    // Show opens the first passage, selected.
    h.get_all_by_label("Show").next().unwrap().click();
    h.run_steps(10);
    let first = &expected[0];
    assert_eq!(h.state().open_document().meta.id, first.doc);
    assert_eq!(
        h.state().reader.selection.unwrap().range(),
        (first.start, first.end)
    );
    assert_eq!(h.state().view, CentralView::Reader);
    // Annotate opens the note editor on it.
    h.state_mut().view = CentralView::Speakers;
    h.run_steps(10);
    h.get_all_by_label("Annotate").next().unwrap().click();
    h.run_steps(10);
    assert!(h.state().editor.is_some(), "the note editor is open");
    assert_eq!(h.state().view, CentralView::Reader);
    h.get_by_label("Save").click();
    h.run();
    let nb = &h.state().session.notebook;
    assert_eq!(nb.annotations.len(), 1);
    assert_eq!(
        nb.annotations[0].target.quote().unwrap(),
        ws.corpus
            .get(&first.doc)
            .unwrap()
            .slice_chars(first.start, first.end)
    );
    // Clicking a passage's text opens it too.
    h.state_mut().view = CentralView::Speakers;
    h.run_steps(10);
    let second = &expected[1];
    let opening: String = second.text.chars().take(40).collect();
    h.get_by_label_contains(&opening).click();
    h.run_steps(10);
    assert_eq!(h.state().view, CentralView::Reader);
    assert_eq!(
        h.state().reader.selection.unwrap().range(),
        (second.start, second.end)
    );
    // File > Export concordance writes Markdown with citations.
    let out = dir.path().join("dorticos.md");
    h.state_mut().export_concordance(&out).unwrap();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# What Osvaldo Dorticós said"));
    assert!(md.contains("AVP RF"));
}

#[test]
fn show_only_what_chosen_people_said_dims_the_rest_and_filters_the_gutter() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::ui::harness_on(&dir.path().join("n.ron"));
    let doc = "1961-04-22-kudryavtsev-castro-dorticos-breakfast";
    crate::ui::open(&mut h, doc);
    assert!(
        h.state().dimmed_ranges().is_empty(),
        "nothing dimmed at first"
    );
    let everyone = h.state().gutter_passages().len();
    h.get_by_label("Only what").click();
    h.run();
    h.query_all_by_label("Fidel Castro")
        .last()
        .unwrap()
        .click_accesskit();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(
        h.state().reader.only_speakers.iter().collect::<Vec<_>>(),
        ["fidel-castro"]
    );
    let ws = crate::workspace();
    let castro: Vec<(usize, usize)> = ws
        .speakers
        .passages
        .get(doc)
        .unwrap()
        .iter()
        .filter(|p| p.speakers.iter().any(|s| s == "fidel-castro"))
        .map(|p| (p.start, p.end))
        .collect();
    let dimmed = h.state().dimmed_ranges().to_vec();
    assert!(!dimmed.is_empty());
    // What Castro says is never dimmed; everything else is.
    for &(s, e) in &castro {
        assert!(
            dimmed.iter().all(|&(a, b)| b <= s || a >= e),
            "{s}..{e} dimmed"
        );
    }
    let len = ws.corpus.get(doc).unwrap().char_len;
    let said: usize = castro.iter().map(|(s, e)| e - s).sum();
    let dim: usize = dimmed.iter().map(|(s, e)| e - s).sum();
    assert_eq!(said + dim, len, "every char is his or dimmed");
    // The gutter keeps only his passages.
    let gutter = h.state().gutter_passages();
    assert!(!gutter.is_empty() && gutter.len() < everyone);
    assert!(gutter.iter().all(|(s, e, _)| castro.contains(&(*s, *e))));
    // Dorticós ticked as well: what either says stays clear, the gutter keeps both.
    h.get_by_label("Only what").click();
    h.run();
    h.get_by_label("Osvaldo Dorticós").click_accesskit();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().reader.only_speakers.len(), 2);
    assert_eq!(
        h.get_by_label("Only what").value().as_deref(),
        Some("Fidel Castro and Osvaldo Dorticós said")
    );
    let either: Vec<(usize, usize)> = ws
        .speakers
        .passages
        .get(doc)
        .unwrap()
        .iter()
        .filter(|p| {
            p.speakers
                .iter()
                .any(|s| s == "fidel-castro" || s == "osvaldo-dorticos")
        })
        .map(|p| (p.start, p.end))
        .collect();
    assert!(either.len() > castro.len(), "Dorticós speaks here too");
    let dimmed = h.state().dimmed_ranges().to_vec();
    for &(s, e) in &either {
        assert!(
            dimmed.iter().all(|&(a, b)| b <= s || a >= e),
            "{s}..{e} dimmed"
        );
    }
    let said: usize = either.iter().map(|(s, e)| e - s).sum();
    let dim: usize = dimmed.iter().map(|(s, e)| e - s).sum();
    assert_eq!(said + dim, len, "every char is theirs or dimmed");
    let gutter = h.state().gutter_passages();
    assert_eq!(gutter.len(), either.len());
    // Everyone again.
    h.get_by_label("Only what").click();
    h.run();
    h.get_by_label("everyone").click_accesskit();
    h.run();
    assert!(h.state().dimmed_ranges().is_empty());
    assert_eq!(h.state().gutter_passages().len(), everyone);
}
