//! Questions about my notes in the window: opened with the keys, asked as text or built from
//! the lists, wrong questions say where, answers open in the reader, questions are kept by
//! name, and the answers are exported.

use crate::ui::harness_on;
use egui_kittest::kittest::Queryable;
use readingroom::notes::commands::Command;
use readingroom::ui::app::NotesScope;

type H = egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>;

fn wait_for_jobs(h: &mut H) {
    let started = std::time::Instant::now();
    while !h.state().jobs.is_empty() && started.elapsed() < std::time::Duration::from_secs(60) {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(3);
}

#[test]
fn a_question_is_asked_built_kept_opened_and_exported_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut()
        .apply(Command::ReplaceAll(Box::new(crate::questions::notebook())));
    h.run();
    // Ctrl+Shift+A opens the view.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::A,
    );
    h.run();
    assert!(h.query_by_label("Questions about my notes").is_some());
    // The keyboard is in the question field: typing asks.
    h.run();
    assert!(h.get_by_label("Question").is_focused());
    h.get_by_label("Question")
        .type_text("tag:\"CIA plots\" AND spoke:\"Fidel Castro\"");
    h.run();
    assert!(
        h.query_by_label("3 notes answer").is_some(),
        "April twice and 1960"
    );
    // The builder adds the dates to the same text.
    h.get_by_label("From date").click();
    h.get_by_label("From date").type_text("1961-03");
    h.get_by_label("To date").click();
    h.get_by_label("To date").type_text("1961-06");
    h.run();
    h.get_by_label("Add dates").click();
    h.run();
    assert_eq!(
        h.state().questions.question,
        "tag:\"CIA plots\" AND spoke:\"Fidel Castro\" AND date:1961-03..1961-06"
    );
    assert!(h.query_by_label("2 notes answer").is_some());
    // Kept by name, in the notebook.
    h.get_by_label("Name to keep the question under").click();
    h.get_by_label("Name to keep the question under")
        .type_text("Castro on CIA plots, spring 1961");
    h.run();
    h.get_by_label("Keep question").click();
    h.run();
    let kept = &h.state().session.notebook.queries;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].query, h.state().questions.question);
    // The answers are exported: the prompt offers them as a scope.
    h.get_by_label("Export these…").click();
    h.run();
    assert!(
        h.query_by_label_contains("The notes that answer the question (2: tag:")
            .is_some()
    );
    let out = dir.path().join("answers.md");
    h.state_mut()
        .start_export_notes(&out, NotesScope::Answers)
        .unwrap();
    wait_for_jobs(&mut h);
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(md.matches("**Source:**").count(), 2, "{md}");
    assert!(md.contains("note castro-april-mafia") && !md.contains("note ambassador-april"));
    h.key_press(egui::Key::Escape);
    h.run();
    // A wrong question says where it went wrong.
    h.get_by_label("Question").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    h.get_by_label("Question").type_text(" AND (");
    h.run();
    let end = h.state().questions.question.chars().count() + 1;
    assert!(
        h.query_by_label_contains(&format!("At character {end}: the search ends too soon"))
            .is_some(),
        "{:?}",
        h.state().questions.question
    );
    // Kept questions come back with a click; an answer opens the reader at its passage.
    h.get_by_label("Castro on CIA plots, spring 1961").click();
    h.run();
    assert!(h.query_by_label("2 notes answer").is_some());
    let quote = h
        .state()
        .session
        .notebook
        .get("castro-april")
        .unwrap()
        .target
        .quote()
        .unwrap()
        .to_string();
    h.query_all_by_label(&format!("“{quote}”"))
        .next()
        .unwrap()
        .click();
    // The passage flashes as it scrolls into view.
    h.run_steps(10);
    assert_eq!(h.state().view, readingroom::ui::app::CentralView::Reader);
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-04-22-kudryavtsev-castro-dorticos-breakfast"
    );
    // Forgetting a kept question is undoable.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::A,
    );
    h.run();
    h.get_by_label("Forget the question Castro on CIA plots, spring 1961")
        .click();
    h.run();
    assert!(h.state().session.notebook.queries.is_empty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().session.notebook.queries.len(), 1);
}

#[test]
fn what_co_occurs_is_a_heat_map_whose_cells_open_their_passages() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut()
        .apply(Command::ReplaceAll(Box::new(crate::questions::notebook())));
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("What co-occurs").click();
    h.run();
    // Tags against the people who speak, by default.
    h.get_by_label("CIA plots and Fidel Castro: 2 passages")
        .click();
    h.run();
    assert!(
        h.query_by_label("CIA plots and Fidel Castro: 2 passages")
            .is_some()
    );
    assert_eq!(h.state().cooccurrence.selected.map(|_| ()), Some(()));
    // Months for columns.
    h.get_by_label("Columns").click();
    h.run();
    h.get_by_label("months").click_accesskit();
    h.run();
    // The list closes as a click elsewhere would close it.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_label("CIA plots and 1961-04: 2 passages")
            .is_some()
    );
    assert!(
        h.query_by_label("CIA plots and 1960-09: 1 passage")
            .is_some()
    );
    h.get_by_label("Copy as CSV").click();
    h.run();
    let notice = h.state().notice().unwrap_or_default().to_string();
    assert!(notice.contains("copied as CSV"), "{notice:?}");
    // Saved as a file: the prompt asks where.
    h.get_by_label("Save as CSV…").click();
    h.run();
    assert!(
        h.query_by_label_contains("The table of what co-occurs, as CSV")
            .is_some()
    );
    let out = dir.path().join("table.csv");
    h.state_mut().export_cooccurrence(&out).unwrap();
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with(",1960-09,1961-04"), "{csv}");
    assert!(csv.contains("\nCIA plots,1,2\n"), "{csv}");
    h.key_press(egui::Key::Escape);
    h.run();
    // A cell's passage opens in the reader.
    h.get_by_label("Mafia and 1961-04: 1 passage").click();
    h.run();
    let quote = h
        .state()
        .session
        .notebook
        .get("castro-april-mafia")
        .unwrap()
        .target
        .quote()
        .unwrap()
        .to_string();
    h.get_by_label(&format!("“{quote}”")).click();
    h.run_steps(10);
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-04-22-kudryavtsev-castro-dorticos-breakfast"
    );
}

#[test]
fn what_co_occurs_counts_notes_within_n_sentences_when_asked() {
    use readingroom::notes::model::{Notebook, Tag};
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    let mut nb = Notebook {
        tags: vec![Tag::new("Harlem", "#1f5fa8"), Tag::new("Hotel", "#b3261e")],
        ..Notebook::default()
    };
    nb.add(crate::cooccurrence::on_sentence("harlem", 4, "Harlem"));
    nb.add(crate::cooccurrence::on_sentence("hotel", 6, "Hotel"));
    h.state_mut().apply(Command::ReplaceAll(Box::new(nb)));
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("What co-occurs").click();
    h.run();
    h.get_by_label("Columns").click();
    h.run();
    h.get_by_label("tags").click_accesskit();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Harlem and Hotel: 1 passage").is_none());
    h.get_by_label("Count together").click();
    h.run();
    h.get_by_label("notes within N sentences too")
        .click_accesskit();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    // One sentence apart is not enough; N set to 2 (as a screen reader sets it).
    assert!(h.query_by_label("Harlem and Hotel: 1 passage").is_none());
    h.get_by_label("N =").set_value_accesskit(2.0);
    h.run();
    assert_eq!(
        h.state().cooccurrence.proximity,
        readingroom::search::cooccurrence::Proximity::WithinSentences(2)
    );
    h.get_by_label("Harlem and Hotel: 1 passage").click();
    h.run();
    assert!(
        h.query_by_label_contains("The passage behind Harlem and Hotel")
            .is_some()
    );
}

#[test]
fn codes_over_time_draws_a_point_per_count_whose_passages_open_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut()
        .apply(Command::ReplaceAll(Box::new(crate::questions::notebook())));
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Codes over time").click();
    h.run();
    // The top-level codes in use are drawn: Assassination (with CIA plots and Mafia under
    // it) and Bay of Pigs.
    assert!(
        h.query_by_label_contains("Chart of 2 codes over 8 months")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Assassination, 1961-04: 3 passages")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Bay of Pigs, 1961-04: 1 passage")
            .is_some()
    );
    // Only Bay of Pigs and CIA plots, without the codes under them.
    h.get_by_label("Assassination").click();
    h.run();
    h.get_by_label("› CIA plots").click();
    h.run();
    h.get_by_label("With the codes under each").click();
    h.run();
    assert!(
        h.query_by_label_contains("Assassination, 1961-04")
            .is_none()
    );
    assert!(
        h.query_by_label_contains("CIA plots, 1961-04: 2 passages")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("CIA plots, 1960-09: 1 passage")
            .is_some()
    );
    // A point's passages, and one opened in the reader.
    h.get_by_label_contains("Bay of Pigs, 1961-04: 1 passage")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("The passage coded Bay of Pigs in 1961-04")
            .is_some()
    );
    let quote = h
        .state()
        .session
        .notebook
        .get("castro-april-bay")
        .unwrap()
        .target
        .quote()
        .unwrap()
        .to_string();
    h.get_by_label("Copy as CSV").click();
    h.run();
    let notice = h.state().notice().unwrap_or_default().to_string();
    assert!(notice.contains("copied as CSV"), "{notice:?}");
    h.get_by_label(&format!("“{quote}”")).click();
    h.run_steps(10);
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-04-22-kudryavtsev-castro-dorticos-breakfast"
    );
}

#[test]
fn search_all_documents_asks_about_the_notes_on_each_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut()
        .apply(Command::ReplaceAll(Box::new(crate::questions::notebook())));
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    h.run();
    h.event(egui::Event::Text("Castro AND tag:Assassination".into()));
    h.run();
    let castro_in_two = |h: &H| {
        h.query_all_by_label_contains("matches in 2 documents")
            .count()
            == 1
    };
    assert!(
        castro_in_two(&h),
        "the two documents coded Assassination or under it"
    );
    // A new note on a third document: the same search follows the notes.
    let ws = crate::workspace();
    let doc = "1961-03-12-kudryavtsev-castro";
    let d = ws.corpus.get(doc).unwrap();
    h.state_mut()
        .apply(Command::Add(readingroom::notes::model::Annotation {
            id: "march".into(),
            target: readingroom::notes::model::text_target(doc, &d.text, 0, 30),
            note: String::new(),
            tags: vec!["Mafia".into()],
            author: "Ana".into(),
            created: "2026-12-07T10:00:00Z".into(),
            modified: "2026-12-07T10:00:00Z".into(),
            conflict_of: None,
            other_targets: Vec::new(),
        }));
    h.run();
    assert!(
        h.query_all_by_label_contains("matches in 3 documents")
            .count()
            == 1
    );
}

#[test]
fn the_builder_writes_every_field_of_a_question_and_answers_carry_their_citation() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut()
        .apply(Command::ReplaceAll(Box::new(crate::questions::notebook())));
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::A,
    );
    h.run();
    let choose = |h: &mut H, list: &str, item: &str| {
        h.get_by_label(list).click();
        h.run();
        h.get_by_label(item).click_accesskit();
        h.run();
        h.key_press(egui::Key::Escape);
        h.run();
    };
    choose(&mut h, "collection", "Bay of Pigs 1961");
    choose(&mut h, "who is present", "Osvaldo Dorticós");
    choose(&mut h, "written by", "Ana");
    choose(&mut h, "who is named", "Fidel Castro");
    assert_eq!(
        h.state().questions.question,
        "part:bay-of-pigs-1961 AND present:\"Osvaldo Dorticós\" AND by:Ana AND mentioned:\"Fidel Castro\""
    );
    // The answers parse and come with their citation at the paper's page.
    let expected = readingroom::search::notes::ask(
        crate::workspace(),
        &crate::questions::notebook(),
        &Default::default(),
        &h.state().questions.question,
        readingroom::search::notes::NoteOrder::Document,
    )
    .unwrap()
    .len();
    assert!(expected > 0);
    assert!(
        h.query_by_label(&format!("{expected} notes answer"))
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("Cold War International History Project Working Paper")
            .count()
            >= 1,
        "each answer shows its citation"
    );
    // The documents your notes are on, by name.
    h.state_mut().questions.question.clear();
    h.run();
    choose(
        &mut h,
        "document",
        "Kudryavtsev–Castro–Dorticós conversation, 22 April 1961 (ll. 219-222)",
    );
    assert_eq!(
        h.state().questions.question,
        "doc:1961-04-22-kudryavtsev-castro-dorticos-breakfast"
    );
}
