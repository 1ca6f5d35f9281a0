//! Snapshot images of the main screens (feature `snapshots`, rendered with wgpu on lavapipe).
//! Update with `UPDATE_SNAPSHOTS=1 cargo test --features snapshots snapshots`.

use crate::ui::harness_on;
use egui_kittest::kittest::Queryable;

#[test]
fn main_screens() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    let i = h
        .state()
        .workspace
        .corpus
        .index_of("1961-03-03-kudryavtsev-castro-lunch")
        .unwrap();
    h.state_mut().open_doc(i);
    h.state_mut().prefs.layers.people = true;
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 330,
        head: 420,
    });
    h.run();
    h.snapshot("workbench_lunch_1961_03_03");
    h.get_by_label("Annotate").click();
    h.run();
    h.snapshot("annotation_editor");
    h.get_by_label("Cancel").click();
    h.run();
    h.state_mut().compare_memoirs();
    h.run();
    h.snapshot("comparison_memoirs");
    h.state_mut().open_search();
    h.state_mut().search.query = "Gagarin".into();
    h.run();
    h.snapshot("search_all_documents");
}

#[test]
fn window_sizes() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (w, hgt) in [
        (800.0, 560.0),
        (1024.0, 680.0),
        (1280.0, 800.0),
        (1920.0, 1080.0),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = crate::ui::harness_sized(&dir.path().join("n.ron"), 0.25, egui::vec2(w, hgt));
        crate::ui::open(&mut h, "1961-03-03-kudryavtsev-castro-lunch");
        h.snapshot(&format!("reader_{w}x{hgt}"));
        h.state_mut().compare_memoirs();
        h.run();
        h.snapshot(&format!("comparison_{w}x{hgt}"));
        results.extend(h.take_snapshot_results());
    }
    results.unwrap();
}
