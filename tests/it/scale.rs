//! A large library in the window: rows laid out only in view, the title filter narrows as it
//! grows, and the list is not recomputed on frames where nothing changed.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use readingroom::ui::ReadingRoomApp;

/// A generated archive of `n` documents of about `bytes` each, in a temporary folder that also
/// serves as the data directory.
pub fn archive(n: usize, bytes: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let data = tempfile::tempdir().unwrap();
    let archive = data.path().join("archive");
    readingroom::corpus::synthetic::write_corpus_dir(&archive, n, bytes).unwrap();
    (data, archive)
}

/// The window on a workspace, its notebook in `data`, 1280×800.
pub fn window_on(
    ws: readingroom::Workspace,
    data: &std::path::Path,
) -> Harness<'static, ReadingRoomApp> {
    let nb = data.join("n.ron");
    let dir = data.to_path_buf();
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_cc| {
            ReadingRoomApp::with_notebook(
                ws.clone(),
                readingroom::ui::prefs::Prefs::default(),
                &nb,
                dir.clone(),
            )
        })
}

#[test]
fn a_large_library_lays_out_only_the_rows_in_view_and_filters_by_title() {
    let (data, archive) = archive(2500, 400);
    let ws = readingroom::Workspace::load(Some(&archive)).unwrap();
    let mut h = window_on(ws, data.path());
    h.run();
    assert!(
        h.query_by_label_contains("2500 of 2500 documents")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("(copy 3)").is_some(),
        "the first rows are laid out"
    );
    assert!(
        h.query_by_label_contains("(copy 1999)").is_none(),
        "rows out of view are not laid out"
    );
    // Filter titles: in a library this large, typed words must occur in the title.
    h.get_by_label("Filter titles").click();
    h.run();
    for c in "copy 1999".chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run();
    }
    let lib = &h.state().prefs.library;
    assert_eq!(lib.text, "copy 1999");
    let expected = lib.visible(&h.state().workspace);
    assert_eq!(expected.len(), 1, "only “… (copy 1999)”");
    assert!(
        h.query_by_label_contains("1 of 2500 documents").is_some(),
        "the list narrowed as the words grew is the list computed from scratch"
    );
    let first = &h.state().workspace.corpus.documents[expected[0]].meta.title;
    let n = first
        .rsplit("(copy ")
        .next()
        .unwrap()
        .trim_end_matches(')')
        .to_string();
    assert!(
        h.query_by_label_contains(&format!("(copy {n})")).is_some(),
        "{first}"
    );
}

/// Above 400 documents the timeline draws bins with counts; a click on one zooms in on it.
#[test]
fn a_large_timeline_groups_documents_into_bins_that_zoom_in() {
    let (data, archive) = archive(900, 300);
    let ws = readingroom::Workspace::load(Some(&archive)).unwrap();
    let mut h = window_on(ws, data.path());
    h.state_mut().view = readingroom::ui::app::CentralView::Timeline;
    h.run();
    let bins = h.query_all_by_label_contains("click to zoom in").count();
    assert!(bins > 3, "{bins} bins");
    let zoom = h.state().timeline.zoom;
    let node = h
        .query_all_by_label_contains("click to zoom in")
        .nth(bins / 2)
        .unwrap();
    node.click();
    h.run();
    assert!(
        h.state().timeline.zoom > zoom * 2.5,
        "zoomed in: {zoom} → {}",
        h.state().timeline.zoom
    );
}

/// Quick open on a large library: typed words pick the document at once.
#[test]
fn quick_open_finds_a_document_in_a_large_library() {
    let (data, archive) = archive(2500, 300);
    let ws = readingroom::Workspace::load(Some(&archive)).unwrap();
    let mut h = window_on(ws, data.path());
    h.run();
    h.state_mut().quick_open = Some(Default::default());
    h.run();
    h.event(egui::Event::Text("copy 2222".into()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        h.state().quick_open.is_none(),
        "Enter opened the first match"
    );
    assert!(
        h.state()
            .open_document()
            .meta
            .title
            .ends_with("(copy 2222)"),
        "{}",
        h.state().open_document().meta.title
    );
}

/// The people view on a large library: the circle of who appears with whom, from merged lists.
#[test]
fn the_people_view_draws_a_large_library() {
    let (data, archive) = archive(1200, 300);
    let ws = readingroom::Workspace::load(Some(&archive)).unwrap();
    let people: Vec<String> = readingroom::ui::people_view::appearances(&ws)
        .keys()
        .cloned()
        .collect();
    let pairs = readingroom::ui::people_view::co_occurrences(&ws, &people);
    // Every pair's shared documents are exactly those both appear in.
    let apps = readingroom::ui::people_view::appearances(&ws);
    for ((a, b), shared) in pairs.iter().take(20) {
        let naive: Vec<usize> = apps[a]
            .iter()
            .copied()
            .filter(|d| apps[b].contains(d))
            .collect();
        assert_eq!(shared, &naive, "{a} {b}");
    }
    let mut h = window_on(ws, data.path());
    h.state_mut().view = readingroom::ui::app::CentralView::People;
    h.run();
    assert!(
        h.query_by_label_contains("Co-occurrence of people")
            .is_some()
    );
}
