//! Your people through the window: add a person, add a form of a name in another script, merge
//! two entries, split one; the library is analysed again and mentions and roles follow.

use crate::ui::harness_on;
use egui_kittest::kittest::Queryable;

type H = egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>;

fn wait_for_jobs(h: &mut H) {
    let started = std::time::Instant::now();
    while !h.state().jobs.is_empty() && started.elapsed() < std::time::Duration::from_secs(60) {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(3);
}

fn set(h: &mut H, field: &str, text: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, field)
        .focus();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, field)
        .type_text(text);
    h.run_steps(2);
}

fn mentioned(h: &H, doc: &str) -> Vec<String> {
    let mut people: Vec<String> = h
        .state()
        .workspace
        .people
        .mentions
        .get(doc)
        .into_iter()
        .flatten()
        .map(|m| m.person.clone())
        .collect();
    people.dedup();
    people
}

#[test]
fn people_and_forms_of_names_are_added_merged_and_split_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    let memo = dir.path().join("bonsal.md");
    std::fs::write(
        &memo,
        "Ambassador Bonsal called on Roa. P. Bonsal said that Хрущёв had written to Castro.\n\nLater Dr. Vallejo saw Castro; René Vallejo was his physician.\n",
    )
    .unwrap();
    h.state_mut().start_import_documents(
        vec![memo],
        readingroom::import::store::ImportOptions::default(),
        None,
    );
    wait_for_jobs(&mut h);
    let id = h.state().import_report.clone().map_or_else(
        || h.state().open_document().meta.id.clone(),
        |r| r.added[0].id.clone(),
    );
    assert!(!mentioned(&h, &id).contains(&"nikita-khrushchev".to_string()));

    // Edit → People and forms of names…
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("People and forms of names…").click();
    h.run_steps(4);
    set(&mut h, "Name", "Philip W. Bonsal");
    set(&mut h, "Who they are", "US ambassador to Cuba");
    set(&mut h, "Other forms", "Bonsal, Ambassador Bonsal");
    h.get_by_label("Add person").click();
    h.run_steps(2);
    wait_for_jobs(&mut h);
    assert!(
        h.query_all_by_label_contains("Added Philip W. Bonsal.")
            .count()
            >= 1,
        "the window says what it did"
    );
    assert!(mentioned(&h, &id).contains(&"philip-w-bonsal".to_string()));

    // Another script: Хрущёв is Khrushchev.
    set(&mut h, "Person", "Nikita Khrushchev");
    set(&mut h, "Form", "Хрущёв");
    h.get_by_label("Add form").click();
    h.run_steps(2);
    wait_for_jobs(&mut h);
    assert!(mentioned(&h, &id).contains(&"nikita-khrushchev".to_string()));

    // A second entry for Bonsal, then merged into the first.
    set(&mut h, "Name", "P. Bonsal");
    h.get_by_label("Add person").click();
    h.run_steps(2);
    wait_for_jobs(&mut h);
    assert!(h.state().workspace.registry.get("p-bonsal").is_some());
    set(&mut h, "Keep", "Philip W. Bonsal");
    set(&mut h, "Merge into it", "P. Bonsal");
    h.get_by_label("Merge").click();
    h.run_steps(2);
    wait_for_jobs(&mut h);
    assert!(
        h.state().workspace.registry.get("p-bonsal").is_none(),
        "merged away"
    );
    assert_eq!(
        h.state()
            .workspace
            .registry
            .resolve("P. Bonsal")
            .map(|p| p.id.as_str()),
        Some("philip-w-bonsal")
    );
    // The registry's own people are never merged away; the window says why.
    set(&mut h, "Keep", "Philip W. Bonsal");
    set(&mut h, "Merge into it", "Fidel Castro");
    h.get_by_label("Merge").click();
    h.run_steps(2);
    assert!(
        h.query_all_by_label_contains("Reading Room's registry")
            .count()
            >= 1
    );
    assert!(h.state().workspace.registry.get("fidel-castro").is_some());

    // Two people taken for one: Vallejo the physician split off from "Dr. Vallejo".
    set(&mut h, "Name", "Dr. Vallejo");
    set(&mut h, "Other forms", "René Vallejo");
    h.get_by_label("Add person").click();
    h.run_steps(2);
    wait_for_jobs(&mut h);
    set(&mut h, "Person to split", "Dr. Vallejo");
    set(&mut h, "Their forms", "René Vallejo");
    set(&mut h, "New person", "René Vallejo");
    h.get_by_label("Split").click();
    h.run_steps(2);
    wait_for_jobs(&mut h);
    let ws = &h.state().workspace;
    assert_eq!(
        ws.registry.resolve("René Vallejo").map(|p| p.id.as_str()),
        Some("rene-vallejo")
    );
    assert!(mentioned(&h, &id).contains(&"rene-vallejo".to_string()));

    // Kept for the next start.
    let yours = readingroom::people::yours::YourPeople::load(dir.path()).unwrap();
    let names: Vec<&str> = yours.people.iter().map(|p| p.name.as_str()).collect();
    assert!(
        names.contains(&"Philip W. Bonsal") && names.contains(&"René Vallejo"),
        "{names:?}"
    );
}
