//! The window's other views, driven headless with egui_kittest: the comparison, import, the
//! researcher's own documents, the timeline and the people view.

use crate::ui::{annotate_selection, harness_on};
use crate::workspace;
use egui_kittest::kittest::Queryable;
use readingroom::ui::app::NotesScope;

#[test]
fn the_comparison_opens_from_the_menu_and_steps_through_differences() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Compare memoir versions").click();
    h.run();
    assert!(h.state().comparison.is_some());
    // The column headers begin with the side, so two titles that begin alike stay apart.
    h.get_by_label_contains("1974: Khrushchev");
    h.get_by_label_contains("2007: Khrushchev");
    assert!(
        h.query_all_by_label_contains("only in 2007").count() > 5,
        "one-sided rows are marked"
    );
    assert!(h.query_by_label_contains("sentences only").is_none());
    assert!(
        h.query_all_by_label_contains(" pairs").count() >= 1,
        "the summary bar"
    );
    h.key_press(egui::Key::F7);
    h.run();
    let first = h
        .state()
        .comparison
        .as_ref()
        .unwrap()
        .current
        .expect("a difference");
    h.get_by_label("Next difference").click();
    h.run();
    let second = h.state().comparison.as_ref().unwrap().current.unwrap();
    assert!(second > first);
    // Where F7 stands is said, and counted among the differences.
    assert!(h.query_by_label_contains("difference 2 of").is_some());
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F7);
    h.run();
    assert_eq!(h.state().comparison.as_ref().unwrap().current, Some(first));
    assert!(h.query_by_label_contains("difference 1 of").is_some());
    // The count of sentences only in 2007 steps through them, wrapping around.
    let only_2007: Vec<usize> = {
        let c = h.state().comparison.as_ref().unwrap();
        let groups = &c.alignment.groups;
        (0..groups.len())
            .filter(|&i| groups[i].a.is_empty())
            .collect()
    };
    h.state_mut().comparison.as_mut().unwrap().current = None;
    for expected in only_2007.iter().chain(only_2007.first()) {
        h.get_by_label_contains(&format!("{} only in 2007", only_2007.len()))
            .click();
        h.run();
        assert_eq!(
            h.state().comparison.as_ref().unwrap().current,
            Some(*expected)
        );
    }
    // Differences graded: rows shown at each level, fewer the higher the level.
    let rows_shown = |h: &egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>| {
        h.query_all_by_label_contains("similarity 0.").count()
            + h.query_all_by_label_contains("similarity 1.").count()
    };
    let every = rows_shown(&h);
    let mut counts = Vec::new();
    for level in [
        "changes of wording and more",
        "substantive changes and one-sided",
    ] {
        h.get_by_label("Show which rows").click();
        h.run();
        h.get_by_label(level).click();
        h.run();
        counts.push(rows_shown(&h));
    }
    assert!(
        every >= counts[0] && counts[0] > counts[1],
        "every row {every}, wording and more {}, substantive {}",
        counts[0],
        counts[1]
    );
    h.get_by_label("Close comparison").click();
    h.run();
    assert!(h.state().comparison.is_none());
}

#[test]
fn the_comparison_is_exported_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().compare_memoirs();
    h.run();
    let out = dir.path().join("memoirs.html");
    h.state_mut().export_comparison(&out).unwrap();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("only in 2007")
    );
    assert!(
        h.state_mut()
            .export_comparison(&dir.path().join("x.docx"))
            .is_err()
    );
}

#[test]
fn alignment_corrections_are_saved_in_the_notebook_reapplied_and_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    {
        let mut h = harness_on(&path);
        h.state_mut().compare_memoirs();
        h.run();
        h.state_mut().correct_alignment(vec![(vec![13], vec![14])]);
        h.run();
        let c = h.state().comparison.as_ref().unwrap();
        assert!(
            c.alignment
                .groups
                .iter()
                .any(|g| g.a == vec![13] && g.b == vec![14])
        );
        h.state_mut().session.flush();
    }
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("AlignmentCorrection(a: \"khrushchev-memoir-1974\"")
    );
    let mut h = harness_on(&path);
    h.state_mut().compare_memoirs();
    h.run();
    assert!(
        h.state()
            .comparison
            .as_ref()
            .unwrap()
            .alignment
            .groups
            .iter()
            .any(|g| g.a == vec![13] && g.b == vec![14]),
        "re-applied after a restart"
    );
    h.state_mut().correct_alignment(Vec::new());
    h.run();
    assert!(h.state().session.notebook.alignments.is_empty(), "reset");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().session.notebook.alignments.len(),
        1,
        "undo brings the correction back"
    );
    assert!(h.state().comparison.as_ref().unwrap().pins.len() == 1);
}

#[test]
fn notes_are_written_from_either_pane_or_on_a_pair_and_show_in_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().compare_memoirs();
    h.run();
    let row = {
        let c = h.state().comparison.as_ref().unwrap();
        c.alignment
            .groups
            .iter()
            .position(|g| !g.one_sided())
            .unwrap()
    };
    // A note on the 2007 side.
    h.state_mut()
        .annotate_row(row, readingroom::compare::Side::B);
    h.run();
    h.get_by_label("Note").type_text("2007 wording");
    h.get_by_label("Save").click();
    h.run();
    let nb = &h.state().session.notebook;
    assert_eq!(nb.annotations.len(), 1);
    assert_eq!(
        nb.annotations[0].target.doc(),
        Some("khrushchev-memoir-2007")
    );
    // A note on the pair: one note with two targets, one undo removes it.
    h.state_mut()
        .annotate_row(row, readingroom::compare::Side::Both);
    h.run();
    assert!(
        h.query_by_label_contains("One note on 2 passages")
            .is_some(),
        "the editor says the note is on both passages"
    );
    h.get_by_label("Note").type_text("same episode");
    h.get_by_label("Save").click();
    h.run();
    let nb = &h.state().session.notebook;
    assert_eq!(nb.annotations.len(), 2, "one note, not two copies");
    let pair = nb
        .annotations
        .iter()
        .find(|a| a.note == "same episode")
        .unwrap();
    let docs: Vec<Option<&str>> = pair.targets().map(|t| t.doc()).collect();
    assert_eq!(
        docs,
        vec![
            Some("khrushchev-memoir-1974"),
            Some("khrushchev-memoir-2007")
        ]
    );
    let pair_id = pair.id.clone();
    // It is marked on both sides of the comparison.
    for q in pair.targets().filter_map(|t| t.quote()) {
        let q: String = q.chars().take(20).collect();
        assert!(h.query_all_by_label_contains(&q).count() >= 1, "{q}");
    }
    // Edited once, it is changed on both passages: there is only one note.
    h.state_mut().edit_note(&pair_id);
    h.run();
    h.get_by_label("Note").type_text(", told twice");
    h.get_by_label("Save").click();
    h.run();
    let nb = &h.state().session.notebook;
    let edited = nb.get(&pair_id).unwrap();
    assert_eq!(edited.note, "same episode, told twice");
    assert_eq!(edited.other_targets.len(), 1, "editing keeps both passages");
    // The Notes panel lists it once, with both passages.
    assert_eq!(
        h.query_all_by_label_contains("One note on both passages")
            .count(),
        1
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().session.notebook.annotations.len(), 1);
    // The remaining note is underlined in the comparison (its text is in the 2007 cell).
    let a = &h.state().session.notebook.annotations[0];
    let quote = a.target.quote().unwrap().to_string();
    assert!(h.query_all_by_label_contains(&quote[..20]).count() >= 1);
}

#[test]
fn import_from_the_window_merges_and_conflicts_are_resolved_side_by_side() {
    use readingroom::notes::model::{Notebook, text_target};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    let mut h = harness_on(&path);
    // A note of mine.
    let doc = h
        .state()
        .workspace
        .corpus
        .get("1961-04-13-kudryavtsev-castro")
        .unwrap()
        .clone();
    h.state_mut().reader.selection = None;
    let mine = readingroom::notes::model::Annotation {
        id: "shared".into(),
        target: text_target(doc.id(), &doc.text, 100, 140),
        note: "my reading".into(),
        tags: vec![],
        author: "Me".into(),
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    };
    h.state_mut()
        .apply(readingroom::notes::commands::Command::Add(mine.clone()));
    // A colleague's notebook: the same note changed, and a new one.
    let mut theirs = Notebook::default();
    let mut changed = mine.clone();
    changed.note = "their reading".into();
    changed.author = "Colleague".into();
    theirs.add(changed);
    let mut other = mine.clone();
    other.id = "new-one".into();
    other.target = text_target(doc.id(), &doc.text, 300, 320);
    other.note = "new".into();
    theirs.add(other);
    let from = dir.path().join("colleague.ron");
    std::fs::write(&from, readingroom::notes::store::to_text(&theirs)).unwrap();
    h.state_mut().import_notes(&from).unwrap();
    h.run();
    assert_eq!(h.state().session.notebook.annotations.len(), 3);
    let i = h.state().workspace.corpus.index_of(doc.id()).unwrap();
    h.state_mut().open_doc(i);
    h.run();
    assert!(
        h.query_by_label_contains("Conflict: this version came from a merge")
            .is_some()
    );
    h.get_by_label("Keep theirs").click();
    h.run();
    let nb = &h.state().session.notebook;
    assert_eq!(nb.get("shared").unwrap().note, "their reading");
    assert!(nb.annotations.iter().all(|a| a.conflict_of.is_none()));
    assert_eq!(nb.annotations.len(), 2);
    // File -> Export notes: the dialog offers all notes or what the panel shows, with counts.
    let out = dir.path().join("notes.md");
    let export_from_menu =
        |h: &mut egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>, scope: &str| {
            h.get_by_label("File").click();
            h.run();
            h.get_by_label("Export notes…").click();
            h.run();
            h.get_by_label_contains(scope).click();
            h.run();
            h.state_mut().prompt.as_mut().unwrap().text = out.display().to_string();
            h.run();
            h.get_by_role_and_label(egui::accesskit::Role::Button, "Export")
                .click();
            // The export runs as a background job (its spinner repaints): step until it ends.
            crate::ui_safety::step_until_jobs_end(h);
            std::fs::read_to_string(&out).unwrap()
        };
    h.state_mut().prefs.notes.tag = Some("no such tag".into());
    h.run();
    let md = export_from_menu(&mut h, "All notes in the notebook (2)");
    assert!(
        md.contains("their reading") && md.contains("\nnew\n"),
        "{md}"
    );
    let md = export_from_menu(&mut h, "The notes the Notes panel shows (0");
    assert!(
        !md.contains("their reading"),
        "the panel's tag filter applies"
    );
    h.state_mut().prefs.notes.tag = None;
    h.state_mut()
        .export_notes(&out, NotesScope::AsShown)
        .unwrap();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("their reading")
    );
}

#[test]
fn add_document_from_the_window_shows_it_with_a_badge_and_it_can_be_annotated() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    let file = dir.path().join("letter.md");
    std::fs::write(
        &file,
        "A letter from Havana.\n\nRaúl Roa wrote to the ambassador.",
    )
    .unwrap();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Add document…").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Document title")
        .focus();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Document title")
        .type_text("Letter from Havana");
    h.run();
    // The path field.
    h.get_by_role_and_label(egui::Role::TextInput, "File to add")
        .focus();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "File to add")
        .type_text(file.to_str().unwrap());
    h.run();
    h.get_by_label("Add").click();
    crate::ui_safety::step_until_jobs_end(&mut h);
    if let Some(e) = h
        .state()
        .add_document_form
        .as_ref()
        .and_then(|f| f.error.clone())
    {
        panic!("{e}");
    }
    assert_eq!(h.state().open_document().meta.id, "my-letter-from-havana");
    assert!(
        h.query_by_label_contains("yours").is_some(),
        "a badge in the library"
    );
    assert!(h.query_by_label_contains("29 of 29 documents").is_some());
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 23,
        head: 32,
    });
    h.run();
    annotate_selection(&mut h);
    assert_eq!(
        h.state().session.notebook.annotations[0].target.quote(),
        Some("Raúl Roa")
    );
}

#[test]
fn the_timeline_and_the_people_view_open_and_click_through_to_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Timeline").click();
    h.run();
    assert!(h.query_by_label("Timeline of the documents").is_some());
    // Every primary document is a button on the timeline; click the 13 April record.
    let title = h
        .state()
        .workspace
        .corpus
        .get("1961-04-13-kudryavtsev-castro")
        .unwrap()
        .meta
        .title
        .clone();
    h.get_by_label(&title).click();
    h.run();
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-04-13-kudryavtsev-castro"
    );
    assert_eq!(h.state().view, readingroom::ui::app::CentralView::Reader);
    // The people view: a person filters the library; a shared-documents link opens one.
    h.state_mut().view = readingroom::ui::app::CentralView::People;
    h.run();
    assert!(
        h.query_by_label_contains("Co-occurrence of people")
            .is_some()
    );
    h.get_by_label("Find a person in the list").focus();
    h.run();
    h.get_by_label("Find a person in the list")
        .type_text("Celia");
    h.run();
    h.get_by_label("Celia Sánchez").click();
    h.run();
    assert_eq!(
        h.state().prefs.library.people,
        vec!["celia-sanchez".to_string()]
    );
    assert!(h.query_by_label_contains("1 of 28 documents").is_some());
    h.state_mut().people_view.edge = Some(("fidel-castro".into(), "nikita-khrushchev".into()));
    h.run();
    // The list of shared documents sits below the picture: scroll to it.
    h.get_by_label("Khrushchev–Castro conversation, 20 September 1960")
        .scroll_to_me();
    h.run();
    h.get_by_label("Khrushchev–Castro conversation, 20 September 1960")
        .click();
    h.run();
    assert_eq!(
        h.state().open_document().meta.id,
        "1960-09-20-khrushchev-castro"
    );
    // About.
    h.state_mut().windows.about = true;
    h.run();
    assert!(h.query_by_label_contains("Working Paper #90").is_some());
}

#[test]
fn co_occurrence_counts_shared_primary_sources_only_most_shared_first() {
    use readingroom::ui::people_view::{appearances, co_occurrences};
    let ws = workspace();
    let people: Vec<String> = appearances(ws).keys().cloned().collect();
    assert!(people.len() >= 30, "everyone in a source is on the picture");
    let pairs = co_occurrences(ws, &people);
    let lengths: Vec<usize> = pairs.iter().map(|(_, d)| d.len()).collect();
    assert!(
        lengths.windows(2).all(|w| w[0] >= w[1]),
        "most shared first"
    );
    for (_, docs) in &pairs {
        for &i in docs {
            assert_ne!(
                ws.corpus.documents[i].meta.kind,
                readingroom::corpus::Kind::Commentary
            );
        }
    }
    let shared = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|((x, y), _)| (x == a && y == b) || (x == b && y == a))
            .map(|(_, d)| {
                d.iter()
                    .map(|&i| ws.corpus.documents[i].id().to_string())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert!(
        shared("fidel-castro", "nikita-khrushchev")
            .contains(&"1960-09-20-khrushchev-castro".to_string())
    );
    // The ambassador recorded every conversation he had with Castro.
    assert!(shared("fidel-castro", "sergey-kudryavtsev").len() >= 10);
}

#[test]
fn search_all_documents_lists_matches_by_document_and_opens_one_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    h.run();
    assert_eq!(h.state().view, readingroom::ui::app::CentralView::Search);
    // The field has the keyboard: typing goes straight in.
    h.event(egui::Event::Text("\"Nunez Jimenez\"".into()));
    h.run();
    assert_eq!(h.state().search.query, "\"Nunez Jimenez\"");
    let ws = workspace();
    let expected = ws
        .find(
            "\"Nunez Jimenez\"",
            &readingroom::search::SearchOptions {
                limit: 1000,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(expected.total > 1 && expected.documents > 1);
    assert!(
        h.query_by_label(&format!(
            "{} matches in {} documents",
            expected.total, expected.documents
        ))
        .is_some()
    );
    // Click the first match: the reader opens it, selected, with the find bar on the query.
    let first = &expected.hits[0];
    let page = first.page.map_or(String::new(), |p| format!("p. {p}  "));
    h.get_by_label(&format!("{page}{}", first.snippet)).click();
    h.run_steps(10);
    let app = h.state();
    assert_eq!(app.view, readingroom::ui::app::CentralView::Reader);
    assert_eq!(app.open_document().meta.id, first.doc);
    assert_eq!(
        app.reader.selection.unwrap().range(),
        (first.start, first.end)
    );
    assert!(app.find.open && app.find.query == "\"Nunez Jimenez\"");
    assert_eq!(app.find.current, Some(0));
    assert_eq!(
        readingroom::search::fold(&app.open_document().slice_chars(first.start, first.end)),
        "nunez jimenez"
    );
}

/// The keyword-in-context table: a row per match (only those in view laid out), a click opens
/// the match in the reader.
#[test]
fn keyword_in_context_lists_matches_and_opens_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::ui::harness_on(&dir.path().join("n.ron"));
    h.state_mut().view = readingroom::ui::app::CentralView::Search;
    h.state_mut().search.query = "Castro".into();
    h.state_mut().search.kwic = true;
    h.run();
    let total = h
        .state()
        .workspace
        .find("Castro", &Default::default())
        .unwrap()
        .total;
    let rows = h.query_all_by_label("Castro").count();
    assert!(
        rows > 5 && rows < 60 && rows < total,
        "{rows} rows laid out of {total} matches"
    );
    h.query_all_by_label("Castro").next().unwrap().click();
    h.run_steps(10);
    assert_eq!(h.state().view, readingroom::ui::app::CentralView::Reader);
}

/// The grouped results lay out only the rows in view, and scrolling brings later ones in.
#[test]
fn grouped_results_lay_out_only_the_rows_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::ui::harness_on(&dir.path().join("n.ron"));
    h.state_mut().view = readingroom::ui::app::CentralView::Search;
    h.state_mut().search.query = "Castro".into();
    h.run();
    let result = h
        .state()
        .workspace
        .find(
            "Castro",
            &readingroom::search::SearchOptions {
                limit: 1000,
                order: h.state().search.order(),
                ..Default::default()
            },
        )
        .unwrap();
    let label = |hit: &readingroom::search::Hit| {
        let page = hit.page.map_or(String::new(), |p| format!("p. {p}  "));
        format!("{page}{}", hit.snippet)
    };
    let shown = |h: &egui_kittest::Harness<'_, readingroom::ui::app::ReadingRoomApp>| {
        result
            .hits
            .iter()
            .filter(|hit| h.query_by_label(&label(hit)).is_some())
            .count()
    };
    let before = shown(&h);
    assert!(
        before > 3 && before < 60 && before < result.hits.len(),
        "{before} of {} matches laid out",
        result.hits.len()
    );
    let last = result.hits.last().unwrap();
    assert!(h.query_by_label(&label(last)).is_none());
    h.get_by_label(&label(&result.hits[0])).hover();
    h.run();
    for _ in 0..300 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Default::default(),
        });
        h.run_steps(2);
    }
    assert!(
        h.query_by_label(&label(last)).is_some(),
        "the last match is shown at the end"
    );
}

#[test]
fn a_names_tooltip_says_who_the_person_is_their_role_here_and_how_often_they_appear() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::ui::harness_on(&dir.path().join("n.ron"));
    let id = "1961-04-13-kudryavtsev-castro";
    let i = h.state().workspace.corpus.index_of(id).unwrap();
    h.state_mut().open_doc(i);
    h.state_mut().prefs.layers.people = true;
    h.run();
    let doc = h.state().open_document().clone();
    let at = doc
        .text
        .find("Thompson")
        .map(|b| doc.text[..b].chars().count())
        .unwrap();
    let tip = h
        .state()
        .name_tooltip_at(at + 2)
        .expect("Thompson is marked");
    assert_eq!(
        h.state().workspace.people.document_counts()["llewellyn-thompson"],
        1
    );
    assert_eq!(
        tip,
        "Llewellyn E. Thompson, US Ambassador to the Soviet Union\nhere: mentioned\nin this document only"
    );
    // Castro, in many.
    let at = doc
        .text
        .find("Fidel Castro")
        .map(|b| doc.text[..b].chars().count())
        .unwrap();
    let tip = h.state().name_tooltip_at(at + 2).expect("Castro is marked");
    let n = h.state().workspace.people.document_counts()["fidel-castro"];
    assert!(n > 10);
    assert!(
        tip.starts_with("Fidel Castro, Prime Minister of Cuba")
            && tip.ends_with(&format!("in {n} documents")),
        "{tip}"
    );
}

#[test]
fn the_timeline_shows_where_your_notes_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::ui::harness_on(&dir.path().join("n.ron"));
    crate::ui::open(&mut h, "1961-04-13-kudryavtsev-castro");
    for (a, b) in [(300, 330), (600, 640)] {
        h.state_mut().reader.selection =
            Some(readingroom::ui::reader::Selection { anchor: a, head: b });
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
        h.run();
    }
    assert_eq!(h.state().session.notebook.annotations.len(), 2);
    h.state_mut().view = readingroom::ui::app::CentralView::Timeline;
    h.run();
    let title = h.state().open_document().meta.title.clone();
    assert!(
        h.query_by_label(&format!("{title}, 2 notes")).is_some(),
        "the document with notes says so on the timeline"
    );
}

#[test]
fn the_people_picture_narrows_to_a_neighbourhood_and_to_pairs_sharing_enough_sources() {
    use readingroom::ui::people_view::{
        DEFAULT_MIN_SHARED, appearances, co_occurrences, select_graph,
    };
    let ws = workspace();
    let people: Vec<String> = appearances(ws).keys().cloned().collect();
    let pairs = co_occurrences(ws, &people);
    let shared = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|((x, y), _)| (x == a && y == b) || (x == b && y == a))
            .map_or(0, |(_, d)| d.len())
    };
    // Everyone: the hairball the issue saw (40 people, 252 pairs).
    let all = select_graph(&people, &pairs, None, 1);
    assert_eq!(all.pairs.len(), pairs.len());
    // By default only pairs seen together in two sources or more: a readable picture.
    let strong = select_graph(&people, &pairs, None, DEFAULT_MIN_SHARED);
    assert!(
        strong.people.len() * 3 < all.people.len(),
        "{:?}",
        strong.people
    );
    assert!(strong.pairs.len() * 5 < all.pairs.len());
    for &i in &strong.pairs {
        assert!(pairs[i].1.len() >= 2);
    }
    // Around one person: them first, then exactly those who share enough sources with them.
    for (who, n) in [
        ("raul-roa", 1),
        ("nikita-khrushchev", 2),
        ("fidel-castro", 3),
    ] {
        let around = select_graph(&people, &pairs, Some(who), n);
        assert_eq!(around.people[0], who);
        for p in &people {
            let expected = p != who && shared(who, p) >= n;
            assert_eq!(around.people[1..].contains(p), expected, "{who} {p} {n}");
        }
        for &i in &around.pairs {
            let ((a, b), docs) = &pairs[i];
            assert!(docs.len() >= n);
            assert!(around.people.contains(a) && around.people.contains(b));
        }
    }
    let roa = select_graph(&people, &pairs, Some("raul-roa"), 1);
    assert!(
        roa.people.len() < all.people.len(),
        "a neighbourhood, not everyone"
    );
}

#[test]
fn the_people_picture_is_narrowed_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    h.state_mut().view = readingroom::ui::app::CentralView::People;
    h.run();
    let canvas = |h: &egui_kittest::Harness<'_, readingroom::ui::app::ReadingRoomApp>| {
        use egui_kittest::kittest::{NodeT, Queryable};
        h.query_by_label_contains("Co-occurrence of people")
            .and_then(|n| n.accesskit_node().label())
            .unwrap_or_default()
    };
    assert!(
        canvas(&h).starts_with("Co-occurrence of people: 10 people, 23 pairs"),
        "{}",
        canvas(&h)
    );
    assert!(
        h.query_by_label_contains("10 of 40 people, 23 pairs drawn")
            .is_some()
    );
    // One shared source is enough: everyone.
    {
        use egui_kittest::kittest::NodeT;
        let spin = h
            .query_all_by_label("At least")
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::SpinButton)
            .expect("the shared-sources field has a name");
        spin.set_value_accesskit(1.0);
    }
    h.run();
    assert_eq!(h.state().people_view.min_shared, 1);
    assert!(
        canvas(&h).contains(": 40 people, 252 pairs"),
        "{}",
        canvas(&h)
    );
    // Around Raúl Roa, chosen in the "Around" list.
    h.get_by_label("Around").click();
    h.run();
    // The list is longer than the window: chosen as a screen reader would.
    h.query_all_by_label("Raúl Roa")
        .last()
        .unwrap()
        .click_accesskit();
    h.run();
    let label = canvas(&h);
    assert!(
        label.starts_with("Co-occurrence of people around Raúl Roa: "),
        "{label}"
    );
    assert!(!label.contains(": 40 people"), "{label}");
    // Show everyone puts the default picture back.
    h.get_by_label("Show everyone").click();
    h.run();
    assert!(
        canvas(&h).contains(": 10 people, 23 pairs"),
        "{}",
        canvas(&h)
    );
}
