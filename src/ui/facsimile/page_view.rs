//! The page shown: drawn (turned, zoomed), with the notes' marks, the regions noted, the
//! selection outlined; a click selects a word, a drag notes a region.

use super::geometry::Placed;
use super::pages::{PageState, Pages};
use super::{Facsimile, FacsimileEvent, Fit, Linked};
use readingroom_core::facsimile::TextBoxes;

impl Facsimile {
    pub(super) fn page_view(
        &mut self,
        ui: &mut egui::Ui,
        file: &std::path::Path,
        (w, h): (f32, f32),
        linked: &Linked,
        boxes: Option<&TextBoxes>,
        events: &mut Vec<FacsimileEvent>,
    ) {
        let turned = self.quarter_turns % 2 == 1;
        let (tw, th) = if turned { (h, w) } else { (w, h) };
        let avail = ui.available_size() - egui::vec2(14.0, 8.0);
        let fit = match self.fit {
            Fit::Width => avail.x / tw.max(1.0),
            Fit::Page => (avail.x / tw.max(1.0)).min(avail.y / th.max(1.0)),
        };
        let scale = (fit * self.zoom).max(0.05);
        let size = egui::vec2(tw * scale, th * scale);
        let page = self.page;
        let width = Pages::width_for(w * scale * ui.ctx().pixels_per_point());
        // The next page is drawn after this one (asked first: the newest is drawn first), so
        // turning is instant.
        if page < self.page_count {
            self.pages.prefetch(file, page + 1, width);
        }
        let out = egui::ScrollArea::both()
            .id_salt(("facsimile-page", linked.doc_index, page))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let (rect, r) = ui.allocate_exact_size(size, egui::Sense::click_and_drag());
                let placed = Placed {
                    rect,
                    quarter_turns: self.quarter_turns,
                };
                let state = paint_page(
                    ui,
                    &mut self.pages,
                    file,
                    page,
                    width,
                    rect,
                    self.quarter_turns,
                );
                let painter = ui.painter_at(rect);
                // Notes: tinted marks.
                let mut notes_here = 0;
                if let Some(b) = boxes {
                    for n in linked.notes {
                        let lines = b.outline(page, n.start, n.end);
                        notes_here += usize::from(!lines.is_empty());
                        for l in lines {
                            let r = placed.rect_to_screen(l).expand(1.0);
                            painter.rect_filled(r, 2.0, n.color.gamma_multiply(0.45));
                        }
                    }
                }
                // Notes on regions: framed in their tag's colour.
                let mut regions_here = 0;
                for m in linked.regions.iter().filter(|m| m.page == page) {
                    let r = placed.rect_to_screen(m.rect);
                    painter.rect_filled(r, 2.0, m.color.gamma_multiply(0.18));
                    painter.rect_stroke(
                        r,
                        2.0,
                        egui::Stroke::new(2.5, m.color),
                        egui::StrokeKind::Outside,
                    );
                    regions_here += 1;
                }
                // A region being dragged out.
                if let (Some((x0, y0)), Some(pos)) = (self.region_from, r.interact_pointer_pos()) {
                    let (x1, y1) = placed.to_page(pos);
                    let shown =
                        placed.rect_to_screen([x0, y0, x1.clamp(0.0, 1.0), y1.clamp(0.0, 1.0)]);
                    painter.rect_stroke(
                        shown,
                        0.0,
                        egui::Stroke::new(2.0, egui::Color32::from_rgb(200, 90, 0)),
                        egui::StrokeKind::Outside,
                    );
                }
                // The selection: outlined.
                let mut outlined = 0;
                if let (Some(b), Some((s, e))) = (boxes, linked.selection.filter(|(s, e)| s < e)) {
                    let stroke = egui::Stroke::new(2.0, egui::Color32::from_rgb(0, 110, 220));
                    for l in b.outline(page, s, e) {
                        let r = placed.rect_to_screen(l).expand(2.0);
                        painter.rect_filled(
                            r,
                            2.0,
                            egui::Color32::from_rgba_unmultiplied(0, 110, 220, 40),
                        );
                        painter.rect_stroke(r, 2.0, stroke, egui::StrokeKind::Outside);
                        outlined += 1;
                    }
                }
                self.outlined = outlined;
                self.drawn = matches!(state, Loaded::Ready);
                let what = match state {
                    Loaded::Ready => "",
                    Loaded::Waiting => ", being drawn",
                    Loaded::Failed => ", which could not be drawn",
                };
                let mut label = format!("Page {page} of the original{what}");
                if outlined > 0 {
                    label.push_str(&format!("; the selection is outlined on page {page}"));
                }
                if notes_here > 0 {
                    label.push_str(&format!("; {notes_here} notes marked"));
                }
                if regions_here > 0 {
                    label.push_str(&format!("; {regions_here} regions noted"));
                }
                label.push_str(". Drag on the page to note a region");
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
                // A drag notes a region; a region note double-clicked opens.
                // From where the button went down (the drag is known only once it moved).
                if r.drag_started()
                    && let Some(pos) = ui
                        .input(|i| i.pointer.press_origin())
                        .or(r.interact_pointer_pos())
                {
                    self.region_from = Some(placed.to_page(pos));
                }
                if r.drag_stopped()
                    && let (Some((x0, y0)), Some(pos)) =
                        (self.region_from.take(), r.interact_pointer_pos())
                {
                    let (x1, y1) = placed.to_page(pos);
                    let rect = [x0, y0, x1.clamp(0.0, 1.0), y1.clamp(0.0, 1.0)];
                    // Too small to mean a region: a click that moved.
                    if (rect[2] - rect[0]).abs() > 0.01 && (rect[3] - rect[1]).abs() > 0.005 {
                        events.push(FacsimileEvent::NoteRegion(page, rect));
                    }
                }
                if r.double_clicked()
                    && let Some(pos) = r.interact_pointer_pos()
                {
                    let (x, y) = placed.to_page(pos);
                    if let Some(m) = linked
                        .regions
                        .iter()
                        .find(|m| m.page == page && holds(m.rect, x, y))
                    {
                        events.push(FacsimileEvent::OpenNote(m.id.clone()));
                    }
                }
                // A word clicked is selected in the text; a note's mark double-clicked opens it.
                if let (Some(b), Some(pos)) = (boxes, r.interact_pointer_pos()) {
                    let (x, y) = placed.to_page(pos);
                    if r.double_clicked() {
                        if let Some(n) = linked.notes.iter().find(|n| {
                            b.outline(page, n.start, n.end)
                                .iter()
                                .any(|l| holds(*l, x, y))
                        }) {
                            events.push(FacsimileEvent::OpenNote(n.id.clone()));
                        }
                    } else if r.clicked()
                        && let Some(word) = b.word_at(page, x, y)
                    {
                        events.push(FacsimileEvent::Select(word.start, word.end));
                        self.last_selection = Some((word.start, word.end));
                    }
                }
                if let Some(pos) = r.hover_pos() {
                    let (x, y) = placed.to_page(pos);
                    if let Some(m) = linked
                        .regions
                        .iter()
                        .find(|m| m.page == page && holds(m.rect, x, y))
                    {
                        r.clone()
                            .on_hover_text(format!("{} (double-click to open the note)", m.label));
                    }
                    if boxes.is_some_and(|b| b.word_at(page, x, y).is_some()) {
                        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                    }
                }
                r
            });
        let r = out.inner;
        // Page Up / Page Down turn pages while the pointer is on the page.
        if r.hovered() || r.has_focus() {
            let (up, down) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::PageUp),
                    i.key_pressed(egui::Key::PageDown),
                )
            });
            if up && page > 1 {
                self.turn_to(ui, page - 1, events);
            }
            if down && page < self.page_count {
                self.turn_to(ui, page + 1, events);
            }
        }
    }
}

/// What became of a page painted.
pub(super) enum Loaded {
    Ready,
    Waiting,
    Failed,
}

/// Paints a page (white paper, then its image when drawn) turned `quarter_turns`.
pub(super) fn paint_page(
    ui: &egui::Ui,
    pages: &mut Pages,
    file: &std::path::Path,
    page: u32,
    width: u32,
    rect: egui::Rect,
    quarter_turns: u8,
) -> Loaded {
    let painter = ui.painter_at(rect.expand(1.0));
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    // The paper's edge, seen on a light theme too.
    painter.rect_stroke(
        rect,
        0.0,
        egui::Stroke::new(1.0, egui::Color32::from_gray(150)),
        egui::StrokeKind::Outside,
    );
    match pages.page(file, page, width) {
        PageState::Ready(texture) => {
            let placed = Placed {
                rect,
                quarter_turns,
            };
            let uv = placed.uv_corners();
            let corners = [
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
            ];
            let mut mesh = egui::Mesh::with_texture(texture.id());
            for (p, uv) in corners.iter().zip(uv) {
                mesh.vertices.push(egui::epaint::Vertex {
                    pos: *p,
                    uv,
                    color: egui::Color32::WHITE,
                });
            }
            mesh.indices.extend([0, 1, 2, 0, 2, 3]);
            painter.add(egui::Shape::mesh(mesh));
            Loaded::Ready
        }
        PageState::Waiting => {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                format!("Drawing page {page}…"),
                egui::FontId::proportional(13.0),
                egui::Color32::DARK_GRAY,
            );
            Loaded::Waiting
        }
        PageState::Failed(e) => {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                format!("Page {page} could not be drawn:\n{e}"),
                egui::FontId::proportional(13.0),
                egui::Color32::from_rgb(170, 0, 0),
            );
            Loaded::Failed
        }
    }
}

/// Whether a page rectangle `[x0, y0, x1, y1]` holds a page point.
fn holds(r: [f32; 4], x: f32, y: f32) -> bool {
    r[0] <= x && x <= r[2] && r[1] <= y && y <= r[3]
}
