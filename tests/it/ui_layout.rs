//! The window from 800×560 to 1920×1080: the library, the reader (or the comparison) and the
//! notes side by side, nothing of one under another, nothing cut at the window's edge.

use crate::ui::harness_sized;
use egui_kittest::kittest::Queryable;

const SIZES: [(f32, f32); 4] = [
    (800.0, 560.0),
    (1024.0, 680.0),
    (1280.0, 800.0),
    (1920.0, 1080.0),
];

type H = egui_kittest::Harness<'static, readingroom::ui::ReadingRoomApp>;

/// Left and right edges of the centre: the library's filter field ends where the library does,
/// the notes' filter field starts where the notes do.
fn centre(h: &H) -> (f32, f32) {
    let library = h.get_by_label("Filter titles").rect().max.x;
    let notes = h.get_by_label("Filter notes").rect().min.x;
    (library, notes)
}

fn check(h: &H, what: &str, width: f32) {
    let (left, right) = centre(h);
    assert!(
        left < right - 300.0,
        "{what}: the centre has room ({left}..{right})"
    );
    for p in h.query_all_by_role(egui::Role::Paragraph) {
        let r = p.rect();
        assert!(
            r.min.x >= left - 1.0 && r.max.x <= right + 1.0,
            "{what}: a paragraph {r:?} is outside the centre {left}..{right}"
        );
    }
    for label in ["Notes (0)", "Tags", "New memo", "Note on this document"] {
        let r = h.get_by_label(label).rect();
        assert!(
            r.min.x >= right - 12.0 && r.max.x <= width + 0.5,
            "{what}: {label} {r:?} is cut or under the centre ({right}, window {width})"
        );
    }
}

#[test]
fn every_window_size_from_800_to_1920_fits_the_panels_and_the_text() {
    for (w, hgt) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness_sized(&dir.path().join("n.ron"), 0.25, egui::vec2(w, hgt));
        crate::ui::open(&mut h, "1961-03-03-kudryavtsev-castro-lunch");
        check(&h, &format!("reader at {w}×{hgt}"), w);
        h.state_mut().compare_memoirs();
        h.run();
        check(&h, &format!("comparison at {w}×{hgt}"), w);
        // Both columns of the comparison are in the centre.
        let (_, right) = centre(&h);
        for column in ["1974:", "2007:"] {
            let r = h.get_by_label_contains(column).rect();
            assert!(
                r.max.x <= right + 1.0,
                "{column} column at {w}×{hgt}: {r:?}"
            );
        }
    }
}
