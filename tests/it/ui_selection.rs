//! Selecting text in the reader, driven headless with egui_kittest: the keyboard, dragging past
//! the edge, and double and triple clicks.

use crate::ui::{drag, harness_on, harness_stepping, open, paragraphs};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use readingroom::ui::ReadingRoomApp;

/// Clicks `count` times with these modifiers held, a frame for each press and release (a
/// double or triple click when frames are short).
fn clicks_with(
    h: &mut Harness<'static, ReadingRoomApp>,
    pos: egui::Pos2,
    count: usize,
    modifiers: egui::Modifiers,
) {
    let button = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    };
    h.event(egui::Event::PointerMoved(pos));
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.step();
    for _ in 0..count {
        h.event(button(true));
        h.step();
        h.event(button(false));
        h.step();
    }
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.step();
}

fn clicks(h: &mut Harness<'static, ReadingRoomApp>, pos: egui::Pos2, count: usize) {
    clicks_with(h, pos, count, egui::Modifiers::NONE);
}

#[test]
fn double_click_selects_a_word_and_triple_click_its_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_stepping(&dir.path().join("n.ron"), 1.0 / 60.0);
    let id = "1961-04-13-kudryavtsev-castro";
    open(&mut h, id);
    let p = *paragraphs(&h)
        .iter()
        .find(|r| r.height() > 60.0)
        .expect("a paragraph of several lines");
    let at = egui::pos2(p.min.x + 60.0, p.min.y + 8.0);
    clicks(&mut h, at, 2);
    h.run();
    let doc = h.state().workspace.corpus.get(id).unwrap().clone();
    let word = h.state().reader.selection.expect("a word is selected");
    let text = doc.slice_chars(word.range().0, word.range().1);
    assert!(
        text.chars().count() > 1 && text.chars().all(|c| c.is_alphanumeric() || c == '’'),
        "{text:?}"
    );
    assert_eq!(doc.word_at(word.range().0), word.range());
    for _ in 0..30 {
        h.step();
    }
    clicks(&mut h, at, 3);
    h.run();
    let para = h
        .state()
        .reader
        .selection
        .expect("the paragraph is selected");
    assert_eq!(para.range(), doc.paragraph_at(word.range().0));
    assert!(para.range().1 - para.range().0 > 100);
    // Shift+click extends the word's selection to where it clicks.
    for _ in 0..30 {
        h.step();
    }
    clicks(&mut h, at, 2);
    for _ in 0..30 {
        h.step();
    }
    let further = egui::pos2(p.min.x + 200.0, p.min.y + 30.0);
    clicks_with(&mut h, further, 1, egui::Modifiers::SHIFT);
    h.run();
    let extended = h.state().reader.selection.expect("still a selection");
    assert_eq!(extended.anchor, word.anchor);
    assert!(extended.range().1 > word.range().1 + 20, "{extended:?}");
    // A single click, after a pause, clears the selection.
    for _ in 0..30 {
        h.step();
    }
    clicks(&mut h, at, 1);
    h.run();
    assert!(h.state().reader.selection.is_none());
}

#[test]
fn shift_arrows_extend_the_selection_and_dragging_past_the_edge_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    h.state_mut().reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 500,
        head: 500,
    });
    h.run();
    for _ in 0..5 {
        h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
    }
    h.run();
    assert_eq!(h.state().reader.selection.unwrap().range(), (500, 505));
    h.key_press_modifiers(
        egui::Modifiers::SHIFT | egui::Modifiers::COMMAND,
        egui::Key::ArrowRight,
    );
    h.run();
    let (_, end) = h.state().reader.selection.unwrap().range();
    assert!(end > 505, "Ctrl+Shift+Right extends by a word");
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowDown);
    h.run();
    assert!(
        h.state().reader.selection.unwrap().range().1 > end + 20,
        "Shift+Down extends by a line"
    );

    // Drag from the first visible paragraph to below the reader: the view scrolls and the
    // selection grows as long as the button is held.
    let first = paragraphs(&h)[0];
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    let start = egui::pos2(first.min.x + 5.0, first.min.y + 5.0);
    h.event(egui::Event::PointerMoved(start));
    h.event(button(start, true));
    h.step();
    let edge = egui::pos2(first.min.x + 50.0, 775.0);
    h.event(egui::Event::PointerMoved(edge));
    h.step();
    let before = paragraphs(&h)[0];
    for _ in 0..20 {
        h.event(egui::Event::PointerMoved(edge));
        h.step();
    }
    let after = paragraphs(&h)[0];
    assert_ne!(
        before, after,
        "the reader scrolled while dragging at the edge"
    );
    h.event(button(edge, false));
    h.step();
    let (s, e) = h.state().reader.selection.unwrap().range();
    assert!(e - s > 300, "the selection grew with the scroll: {s}..{e}");
}

#[test]
fn random_drag_selections_store_the_exact_text_between_their_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    // Documents with curly apostrophes, accents (Núñez) and paragraph breaks.
    let mut seed = 7u64;
    let mut next = |n: f32| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        ((seed >> 33) as f32 / (1u64 << 31) as f32) * n
    };
    for doc_id in [
        "1960-09-20-khrushchev-castro",
        "castro-1992-havana",
        "khrushchev-memoir-2007",
        "1961-03-03-kudryavtsev-castro-lunch",
    ] {
        open(&mut h, doc_id);
        for _ in 0..3 {
            let paras = paragraphs(&h);
            assert!(
                !paras.is_empty(),
                "{doc_id}: {:?}",
                h.get_all_by_role(egui::Role::Paragraph)
                    .map(|n| n.rect())
                    .take(5)
                    .collect::<Vec<_>>()
            );
            let p1 = paras[(next(paras.len() as f32) as usize).min(paras.len() - 1)];
            let p2 = paras[(next(paras.len() as f32) as usize).min(paras.len() - 1)];
            let from = egui::pos2(p1.min.x + next(p1.width()), p1.min.y + next(p1.height()));
            let to = egui::pos2(p2.min.x + next(p2.width()), p2.min.y + next(p2.height()));
            drag(&mut h, from, to);
            h.run();
            let Some(sel) = h.state().reader.selection.filter(|s| !s.is_empty()) else {
                continue;
            };
            let text = h
                .state()
                .reader
                .selected_text(h.state().open_document())
                .unwrap();
            if text.trim().is_empty() {
                continue;
            }
            let before = h.state().session.notebook.annotations.len();
            let ctx = h.ctx.clone();
            h.state_mut().annotate_selection(&ctx);
            h.run();
            h.get_by_label("Save").click();
            h.run();
            let nb = &h.state().session.notebook;
            assert_eq!(nb.annotations.len(), before + 1);
            let a = nb.annotations.last().unwrap();
            let readingroom::notes::Target::Text {
                quote, position, ..
            } = &a.target
            else {
                panic!()
            };
            let doc = h.state().open_document();
            assert_eq!(quote.exact, doc.slice_chars(position.start, position.end));
            let (s, e) = sel.range();
            assert!(
                position.start >= s && position.end <= e,
                "the note is the (trimmed) selection"
            );
        }
    }
    assert!(h.state().session.notebook.annotations.len() >= 8);
}

#[test]
fn a_drag_selects_from_where_the_button_went_down() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(&dir.path().join("n.ron"));
    open(&mut h, "1961-04-13-kudryavtsev-castro");
    let p = paragraphs(&h)[1];
    let from = egui::pos2(p.min.x + 1.0, p.min.y + 5.0);
    let to = egui::pos2(p.min.x + 160.0, p.min.y + 5.0);
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    // A quick hand: the press and the first move reach the window in the same frame, so the
    // drag is recognised only where the pointer already is.
    h.event(egui::Event::PointerMoved(from));
    h.event(button(from, true));
    h.event(egui::Event::PointerMoved(egui::pos2(
        p.min.x + 40.0,
        p.min.y + 5.0,
    )));
    h.step();
    h.event(egui::Event::PointerMoved(to));
    h.step();
    h.event(button(to, false));
    h.step();
    let sel = h.state().reader.selection.expect("a selection");
    let doc = h.state().open_document().clone();
    let para_start = doc
        .paragraphs()
        .into_iter()
        .map(|(s, _)| s)
        .filter(|&s| s <= sel.range().0)
        .max()
        .unwrap();
    assert_eq!(
        sel.range().0,
        para_start,
        "starts at the paragraph's first letter, not a word later: {:?}",
        doc.slice_chars(sel.range().0, sel.range().1)
    );
}
