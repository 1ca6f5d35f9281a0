//! The window, driven headless with egui_kittest.

use crate::workspace;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use readingroom::ui::ReadingRoomApp;

fn harness() -> Harness<'static, ReadingRoomApp> {
    let ws = workspace().clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_cc| ReadingRoomApp::new(ws.clone(), None));
    h.run();
    h
}

#[test]
fn the_library_lists_every_document_and_opens_one_in_the_reader() {
    let mut h = harness();
    assert!(h.query_by_label_contains("28 documents").is_some());
    h.get_by_label_contains("Minister of Foreign Affairs Raul Roa, 24 February 1961")
        .click();
    h.run();
    assert_eq!(
        h.state().open_document().meta.id,
        "1961-02-24-kudryavtsev-roa"
    );
    assert!(
        h.query_by_label_contains("Today I visited Raul Roa")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 94-97")
            .is_some()
    );
}
