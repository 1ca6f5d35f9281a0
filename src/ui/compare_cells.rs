//! The cells of the comparison: a side's text with its changed words, its notes and the notes
//! of the other side carried onto it, and the grip that drags a link from one row to another.

use crate::compare::{Side, Span};
use egui::text::LayoutJob;
use egui::{Color32, FontId, TextFormat};

/// A note in a cell: char range (in the cell's text, or in the document) and its colour.
pub type NoteMark = (usize, usize, Color32);

/// How a cell's text is drawn: the font, the text colour, the changed words' background and
/// the page's colour.
pub struct CellStyle {
    /// The text's font.
    pub font: FontId,
    /// The text's colour.
    pub color: Color32,
    /// The background of changed words.
    pub changed: Color32,
    /// The page behind the text.
    pub page: Color32,
}

/// What is dragged to link a side of a row with the other side of another row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LinkDrag {
    pub(super) row: usize,
    pub(super) side: Side,
}

/// A cell: changed words on a background, notes underlined in their tag colour, notes of
/// the other side carried here (`ghosts`) thinly underlined and faintly tinted.
pub(super) fn job(
    text: &str,
    spans: &[Span],
    notes: &[NoteMark],
    ghosts: &[NoteMark],
    style: &CellStyle,
) -> LayoutJob {
    let CellStyle {
        font,
        color,
        changed,
        page,
    } = style;
    let (color, changed, page) = (*color, *changed, *page);
    let chars: Vec<char> = text.chars().collect();
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for sp in spans {
        cuts.extend([sp.start, sp.end]);
    }
    for n in notes.iter().chain(ghosts) {
        cuts.extend([n.0.min(chars.len()), n.1.min(chars.len())]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    for w in cuts.windows(2) {
        let (x, y) = (w[0], w[1]);
        let mut f = TextFormat::simple(font.clone(), color);
        if spans.iter().any(|sp| sp.start <= x && y <= sp.end) {
            f.background = changed;
            f.color = crate::ui::contrast::readable_on(changed, color);
        } else if let Some(g) = ghosts.iter().find(|n| n.0 <= x && y <= n.1) {
            f.background = page.lerp_to_gamma(g.2, 0.14);
            f.color = crate::ui::contrast::readable_on(f.background, color);
        }
        if let Some(n) = notes.iter().find(|n| n.0 <= x && y <= n.1) {
            f.underline = egui::Stroke::new(2.5, n.2);
        } else if let Some(g) = ghosts.iter().find(|n| n.0 <= x && y <= n.1) {
            f.underline = egui::Stroke::new(1.0, g.2.gamma_multiply(0.8));
        }
        job.append(&chars[x..y].iter().collect::<String>(), 0.0, f);
    }
    job
}

/// A grip beside a row's side: drag it onto the other side of another row to link the two
/// (named for screen readers; the row's menu does the same from the keyboard).
pub(super) fn link_handle(ui: &mut egui::Ui, row: usize, side: Side, label: &str) {
    let id = ui.scope_id().with(("link", row, side == Side::A));
    let r = ui.dnd_drag_source(id, LinkDrag { row, side }, |ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(8.0, 16.0), egui::Sense::hover());
        let c = ui.visuals().weak_text_color();
        for dy in [4.0, 8.0, 12.0] {
            for dx in [2.0, 6.0] {
                ui.painter()
                    .circle_filled(rect.min + egui::vec2(dx, dy), 1.2, c);
            }
        }
    });
    r.response
        .on_hover_text(format!(
            "Drag onto the other side of another row to pair this {label} side with it"
        ))
        .widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                true,
                format!("Link the {label} side of row {}", row + 1),
            )
        });
}
