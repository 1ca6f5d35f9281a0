//! What the reader paints over and beside its text: selection and flash rectangles, the
//! caret, and the edges of notes.

use super::super::highlight::Highlights;
use super::Para;
use egui::{Rect, pos2};

/// Rectangles covering `[a, b)` (galley char indices) of a galley, relative to the galley.
pub(super) fn range_rects(galley: &egui::Galley, a: usize, b: usize) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let n = row.glyphs.len();
        let row_end = row_start + n + usize::from(row.ends_with_newline);
        let s = a.max(row_start);
        let e = b.min(row_start + n);
        if s < e || (s == e && a < b && s < row_end && n == 0) {
            let x0 = row.x_offset(egui::epaint::text::CharIndex(s - row_start));
            let x1 = row.x_offset(egui::epaint::text::CharIndex(e - row_start));
            rects.push(Rect::from_min_max(
                pos2(row.pos.x + x0, row.pos.y),
                pos2(row.pos.x + x1.max(x0 + 2.0), row.pos.y + row.size.y),
            ));
        }
        row_start = row_end;
    }
    rects
}

/// The caret at a galley index of a paragraph laid out at `text_pos`.
pub(super) fn caret(
    ui: &egui::Ui,
    galley: &egui::Galley,
    text_pos: egui::Pos2,
    index: usize,
    colour: egui::Color32,
) {
    let r = galley.pos_from_cursor(egui::text::CCursor::new(index));
    ui.painter().vline(
        text_pos.x + r.min.x,
        (text_pos.y + r.min.y)..=(text_pos.y + r.max.y),
        egui::Stroke::new(1.5, colour),
    );
}

/// Where each note begins and ends in a paragraph, as brackets in the note's colour, so two
/// notes side by side (or on two paragraphs one after the other) read as two.
pub(super) fn note_edges(
    ui: &egui::Ui,
    galley: &egui::Galley,
    text_pos: egui::Pos2,
    p: &Para,
    highlights: &Highlights,
) {
    for a in highlights
        .annotations
        .iter()
        .filter(|a| a.end > p.start && a.start < p.end)
    {
        // The tag palette reads at AA on the page in both themes (notes::model).
        let colour = a.color;
        for (at, inward) in [(a.start, 1.0), (a.end, -1.0)] {
            if at < p.start || at > p.end {
                continue;
            }
            // A note that begins where a row wraps begins on the next row.
            let cursor = egui::text::CCursor {
                prefer_next_row: inward > 0.0,
                ..egui::text::CCursor::new(p.galley_index(at))
            };
            let r = galley.pos_from_cursor(cursor);
            let x = text_pos.x + r.min.x;
            let (top, bottom) = (text_pos.y + r.min.y, text_pos.y + r.max.y);
            // A bracket: the serif at the top for a start, at the bottom for an end.
            let (serif, far) = if inward > 0.0 {
                (top, bottom)
            } else {
                (bottom, top)
            };
            ui.painter().add(egui::Shape::line(
                vec![pos2(x + 4.0 * inward, serif), pos2(x, serif), pos2(x, far)],
                egui::Stroke::new(2.0, colour),
            ));
        }
    }
}

/// Notes of the other version carried onto this one: a dashed line under their text, in the
/// note's colour, dimmed.
pub(super) fn projected_underlines(
    ui: &egui::Ui,
    galley: &egui::Galley,
    text_pos: egui::Pos2,
    p: &Para,
    highlights: &Highlights,
) {
    for m in highlights
        .projected
        .iter()
        .filter(|m| m.end > p.start && m.start < p.end)
    {
        let (a, b) = (
            p.galley_index(m.start.max(p.start)),
            p.galley_index(m.end.min(p.end)),
        );
        for r in range_rects(galley, a, b) {
            let r = r.translate(text_pos.to_vec2());
            let y = r.max.y - 1.0;
            ui.painter().extend(egui::Shape::dashed_line(
                &[pos2(r.min.x, y), pos2(r.max.x, y)],
                egui::Stroke::new(1.5, m.color.gamma_multiply(0.8)),
                5.0,
                3.0,
            ));
        }
    }
}
