//! The pane's controls: turning pages, Go to page, zoom, fit, rotation, and the thumbnails.

use super::page_view::paint_page;
use super::pages::Pages;
use super::{Facsimile, FacsimileEvent, Fit, THUMB_WIDTH, ZOOMS};

impl Facsimile {
    pub(super) fn toolbar(
        &mut self,
        ui: &mut egui::Ui,
        count: u32,
        events: &mut Vec<FacsimileEvent>,
    ) {
        ui.horizontal(|ui| {
            if ui
                .add_enabled(self.page > 1, egui::Button::new("<"))
                .on_hover_text("Previous page of the original (Page Up on the page)")
                .named("Previous page of the original")
                .clicked()
            {
                self.turn_to(ui, self.page - 1, events);
            }
            ui.label("Page");
            if !ui.memory(|m| m.has_focus(egui::Id::unique("facsimile-go-to-page"))) {
                self.go_to = self.page.to_string();
            }
            let r = ui.add(
                egui::TextEdit::singleline(&mut self.go_to)
                    .id(egui::Id::unique("facsimile-go-to-page"))
                    .desired_width(36.0),
            );
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Go to page of the original")
            });
            if r.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && let Ok(p) = self.go_to.trim().parse::<u32>()
            {
                self.turn_to(ui, p.clamp(1, count), events);
            }
            ui.label(format!("of {count}"));
            if ui
                .add_enabled(self.page < count, egui::Button::new(">"))
                .on_hover_text("Next page of the original (Page Down on the page)")
                .named("Next page of the original")
                .clicked()
            {
                self.turn_to(ui, self.page + 1, events);
            }
        });
        ui.horizontal_wrapped(|ui| {
            let k = ZOOMS
                .iter()
                .position(|&z| z >= self.zoom - 1e-3)
                .unwrap_or(ZOOMS.len() - 1);
            if ui
                .add_enabled(k > 0, egui::Button::new("-"))
                .on_hover_text("Zoom out")
                .named("Zoom out of the original")
                .clicked()
            {
                self.zoom = ZOOMS[k.saturating_sub(1)];
            }
            ui.label(format!("{:.0}%", self.zoom * 100.0));
            if ui
                .add_enabled(k + 1 < ZOOMS.len(), egui::Button::new("+"))
                .on_hover_text("Zoom in")
                .named("Zoom into the original")
                .clicked()
            {
                self.zoom = ZOOMS[(k + 1).min(ZOOMS.len() - 1)];
            }
            for (fit, name, tip) in [
                (Fit::Width, "Fit width", "The page as wide as the pane"),
                (Fit::Page, "Fit page", "The whole page in view"),
            ] {
                if ui
                    .add(egui::Button::selectable(
                        self.fit == fit && self.zoom == 1.0,
                        name,
                    ))
                    .on_hover_text(tip)
                    .clicked()
                {
                    self.fit = fit;
                    self.zoom = 1.0;
                }
            }
            if ui
                .button("Rotate")
                .on_hover_text("Turn the page a quarter turn clockwise")
                .named("Rotate the page")
                .clicked()
            {
                self.quarter_turns = (self.quarter_turns + 1) % 4;
            }
            ui.toggle_value(&mut self.thumbnails, "Thumbnails")
                .on_hover_text("Show every page, small, to turn to one");
            if ui
                .button("Transcribe this page…")
                .on_hover_text("Type, paste or correct the text of this page, against its image")
                .clicked()
            {
                events.push(FacsimileEvent::TranscribePage(self.page));
            }
            let tesseract = readingroom_core::import::images::tesseract().is_some();
            let label = if self.checking.is_some() {
                "Checking the OCR…"
            } else {
                "Check the OCR"
            };
            if ui
                .add_enabled(
                    tesseract && self.checking.is_none(),
                    egui::Button::new(label),
                )
                .on_hover_text(
                    "Read this page again with tesseract and underline the words of the text it \
                     reads otherwise",
                )
                .on_disabled_hover_text(if tesseract {
                    "A page is being read"
                } else {
                    "Needs tesseract (on Debian or Ubuntu: sudo apt install tesseract-ocr)"
                })
                .clicked()
            {
                events.push(FacsimileEvent::CheckOcr(self.page));
            }
            // The keyboard's way to a region note (the mouse drags out a rectangle).
            if ui
                .button("Note the page…")
                .on_hover_text(
                    "A note on this whole page of the original (or drag out a rectangle on the \
                     page to note a region of it)",
                )
                .clicked()
            {
                events.push(FacsimileEvent::NoteRegion(self.page, [0.0, 0.0, 1.0, 1.0]));
            }
        });
    }

    pub(super) fn thumbnail_strip(
        &mut self,
        ui: &mut egui::Ui,
        file: &std::path::Path,
        sizes: &[(f32, f32)],
        events: &mut Vec<FacsimileEvent>,
    ) {
        // One height for every row (pages mostly share a size); each thumbnail fits in it.
        let (w0, h0) = sizes[0];
        let row = THUMB_WIDTH * (h0 / w0.max(1.0)).clamp(0.3, 3.0) + 22.0;
        let width = Pages::width_for(THUMB_WIDTH * ui.ctx().pixels_per_point()).min(256);
        let mut wanted = Vec::new();
        let mut area = egui::ScrollArea::vertical()
            .id_salt("facsimile-thumbnails")
            .auto_shrink([false, false]);
        // The page shown is brought into the strip when it changes (or the strip opens).
        if self.thumbs_at != Some(self.page) {
            self.thumbs_at = Some(self.page);
            let spacing = ui.spacing().item_spacing.y;
            let top = (self.page - 1) as f32 * (row + spacing);
            area = area.vertical_scroll_offset((top - 2.0 * row).max(0.0));
        }
        area.show_rows(ui, row, sizes.len(), |ui, range| {
            for k in range {
                let page = k as u32 + 1;
                wanted.push(page);
                let (w, h) = sizes[k];
                let size = egui::vec2(THUMB_WIDTH, (row - 22.0).min(THUMB_WIDTH * h / w.max(1.0)));
                let (rect, r) = ui
                    .allocate_exact_size(egui::vec2(THUMB_WIDTH, row - 4.0), egui::Sense::click());
                let image = egui::Rect::from_min_size(rect.min, size);
                paint_page(ui, &mut self.pages, file, page, width, image, 0);
                let current = page == self.page;
                let stroke = if current {
                    egui::Stroke::new(3.0, ui.visuals().selection.bg_fill)
                } else {
                    ui.visuals().widgets.noninteractive.bg_stroke
                };
                ui.painter()
                    .rect_stroke(image, 0.0, stroke, egui::StrokeKind::Outside);
                ui.painter().text(
                    egui::pos2(rect.center().x, image.max.y + 2.0),
                    egui::Align2::CENTER_TOP,
                    page.to_string(),
                    egui::FontId::proportional(12.0),
                    ui.visuals().text_color(),
                );
                r.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::Role::Button,
                        true,
                        current,
                        format!("Page {page} of the original"),
                    )
                });
                if r.clicked() {
                    self.turn_to(ui, page, events);
                }
            }
        });
        // Thumbnails scrolled past before they were drawn are not drawn.
        self.pages.keep_only(file, width, &wanted);
    }
}

/// A button's name for screen readers, where its text is a symbol.
trait Named {
    fn named(self, name: &str) -> Self;
}

impl Named for egui::Response {
    fn named(self, name: &str) -> Self {
        let enabled = self.enabled();
        self.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
        self
    }
}
