//! The reader's speaker gutter: beside each passage, a bar in the speaker's colour and a short
//! name; hovering shows who, why and the evidence; clicking selects the passage.

use super::highlight::SpeakerMark;
use egui::{FontId, Pos2, Rect, Sense, pos2};

/// Width of the gutter between the page margin and the text (when the layer is on).
pub const WIDTH: f32 = 104.0;

/// Draws the marks that fall in one paragraph (`para`: its char range; `galley_index` maps a
/// document offset into the paragraph's galley). Returns the passage clicked, if any.
pub fn draw(
    ui: &egui::Ui,
    id: egui::Id,
    text_pos: Pos2,
    galley: &egui::Galley,
    para: (usize, usize),
    galley_index: &dyn Fn(usize) -> usize,
    marks: &[SpeakerMark],
) -> Option<(usize, usize)> {
    let (start, end) = para;
    let mut clicked = None;
    let name_font = FontId::proportional(11.5);
    let row = |at: usize| galley.pos_from_cursor(egui::text::CCursor::new(galley_index(at)));
    for (k, mark) in marks
        .iter()
        .enumerate()
        .filter(|(_, m)| m.start < end && m.end > start)
    {
        let top = row(mark.start.max(start)).min.y;
        let bottom = row(mark.end.min(end)).max.y;
        let bar = Rect::from_min_max(
            pos2(text_pos.x - 10.0, text_pos.y + top + 2.0),
            pos2(text_pos.x - 6.0, text_pos.y + bottom - 2.0),
        );
        let (bar_color, name_color) = if mark.attributed {
            (mark.color, ui.visuals().text_color())
        } else {
            (
                mark.color.gamma_multiply(0.35),
                ui.visuals().weak_text_color(),
            )
        };
        ui.painter().rect_filled(bar, 2.0, bar_color);
        let name = ui.painter().layout(
            mark.label.clone(),
            name_font.clone(),
            name_color,
            WIDTH - 20.0,
        );
        let name_pos = pos2(bar.min.x - 6.0 - name.size().x, bar.min.y);
        let hit = Rect::from_min_max(
            pos2(name_pos.x, bar.min.y),
            pos2(bar.max.x + 2.0, bar.max.y),
        )
        .union(Rect::from_min_size(name_pos, name.size()));
        ui.painter().galley(name_pos, name, name_color);
        let response = ui.interact(hit, id.with(k), Sense::click());
        let label = format!("Speaker: {}", mark.label);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let response = response
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .on_hover_text(&mark.tooltip);
        if response.clicked() {
            clicked = Some((mark.start, mark.end));
        }
    }
    clicked
}
