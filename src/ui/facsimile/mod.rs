//! The original beside the text: the pages of the PDF a document was imported from, linked to
//! the reader both ways. Scrolling the text turns to its page; a selection in the text is
//! outlined on the page; a click on a word selects it in the text; notes are tinted marks on
//! the page. Zoom, fit width or page, rotate, thumbnails, Go to page.
//!
//! - [`pages`]: the page images (drawn by the worker off this thread, kept as textures within a
//!   memory bound), the pages' sizes and the word boxes.
//! - [`geometry`]: page points to screen points, for a turned page.

pub mod geometry;
pub mod pages;

use crate::ui::highlight::AnnotationMark;
use geometry::Placed;
use pages::{PageState, Pages};
use readingroom_core::corpus::model::Document;
use readingroom_core::facsimile::{self as core, TextBoxes};
use std::sync::Arc;

/// How the page is fitted to the pane (before the zoom).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// The page's width fills the pane.
    Width,
    /// The whole page is in view.
    Page,
}

/// What the pane asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum FacsimileEvent {
    /// Scroll the text to where this page of the original begins.
    ShowPage(u32),
    /// Select this range of the text (a word clicked on the page).
    Select(usize, usize),
    /// Open this note (its mark double-clicked on the page).
    OpenNote(String),
    /// Note this region of a page (dragged out on the page): `[x0, y0, x1, y1]` fractions.
    NoteRegion(u32, [f32; 4]),
}

/// A note on a region of a page, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionMark {
    /// The note's id.
    pub id: String,
    /// The page of the original, from 1.
    pub page: u32,
    /// `[x0, y0, x1, y1]` as fractions of the page.
    pub rect: [f32; 4],
    /// Its tag's colour.
    pub color: egui::Color32,
    /// Its tags and note, for the hover text.
    pub label: String,
}

/// What the pane reads of the reader.
pub struct Linked<'a> {
    /// The document shown (its index, for noticing another is opened).
    pub doc_index: usize,
    /// The document.
    pub doc: &'a Document,
    /// Where the reader is reading (the text on the reading line).
    pub top: usize,
    /// The reader's selection, if any.
    pub selection: Option<(usize, usize)>,
    /// The notes on the document, as the reader marks them (none when the layer is off).
    pub notes: &'a [AnnotationMark],
    /// The notes on regions of the document's pages.
    pub regions: &'a [RegionMark],
    /// The documents folder (where boxes are kept).
    pub documents_dir: &'a std::path::Path,
}

/// Zoom steps, as a share of the fitted size.
const ZOOMS: [f32; 9] = [0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0];
/// Width of the thumbnails' strip.
const THUMB_WIDTH: f32 = 84.0;

/// The pane's state.
pub struct Facsimile {
    /// Page images, sizes and boxes.
    pub pages: Pages,
    /// The page of the original shown, from 1.
    pub page: u32,
    /// How the page is fitted.
    pub fit: Fit,
    /// Zoom over the fit (1 = fitted).
    pub zoom: f32,
    /// Quarter turns clockwise.
    pub quarter_turns: u8,
    /// Whether the thumbnails' strip is shown.
    pub thumbnails: bool,
    doc: Option<usize>,
    last_top: Option<usize>,
    last_selection: Option<(usize, usize)>,
    /// A page turned here: the text follows, and its move is not followed back until then.
    hold_until: f64,
    go_to: String,
    /// What the page shown carries, for screen readers and tests ("the selection is outlined
    /// on page 3").
    pub outlined: usize,
    /// Whether the page shown was drawn in the last frame (not waiting for its image).
    pub drawn: bool,
    /// A region being dragged out on the page: where the drag started (page fractions).
    region_from: Option<(f32, f32)>,
    /// A page was turned from outside: the hold starts at the next frame.
    hold_pending: bool,
    /// The share of the reader's width the original takes (the rest is the text's).
    pub share: f32,
    page_count: u32,
}

impl Default for Facsimile {
    fn default() -> Self {
        Facsimile {
            pages: Pages::default(),
            page: 1,
            fit: Fit::Width,
            zoom: 1.0,
            quarter_turns: 0,
            thumbnails: false,
            doc: None,
            last_top: None,
            last_selection: None,
            hold_until: 0.0,
            go_to: String::new(),
            outlined: 0,
            share: 0.5,
            region_from: None,
            hold_pending: false,
            drawn: false,
            page_count: 0,
        }
    }
}

impl Facsimile {
    /// Follows the reader: another document, a scroll to another page, a new selection.
    fn follow(&mut self, ui: &egui::Ui, linked: &Linked, boxes: Option<&TextBoxes>) {
        let doc = linked.doc;
        let now = ui.input(|i| i.time);
        if self.doc != Some(linked.doc_index) {
            self.doc = Some(linked.doc_index);
            self.last_top = None;
            self.last_selection = None;
            self.hold_until = 0.0;
        }
        if std::mem::take(&mut self.hold_pending) {
            self.hold_until = now + 0.6;
            self.last_top = Some(linked.top);
        }
        if self.last_top != Some(linked.top) {
            self.last_top = Some(linked.top);
            if now > self.hold_until
                && let Some(p) = core::file_page_at(doc, linked.top)
            {
                self.page = p;
            }
        }
        let selection = linked.selection.filter(|(s, e)| s < e);
        if selection != self.last_selection
            && let Some(b) = boxes
        {
            self.last_selection = selection;
            if let Some((s, e)) = selection {
                let on = b.pages_of(s, e);
                if !on.is_empty() && !on.contains(&self.page) {
                    self.page = on[0];
                    self.hold_until = now + 0.6;
                }
            }
        }
    }

    /// Shows a page (asked from outside: a region note opened), not following the text back
    /// until it has scrolled there.
    pub fn turn_to_page(&mut self, page: u32) {
        self.page = page;
        self.hold_pending = true;
    }

    /// Turns to a page here, and has the text follow.
    fn turn_to(&mut self, ui: &egui::Ui, page: u32, events: &mut Vec<FacsimileEvent>) {
        if page != self.page {
            self.page = page;
            self.hold_until = ui.input(|i| i.time) + 0.6;
            events.push(FacsimileEvent::ShowPage(page));
        }
    }

    /// Shows the pane for the reader's document.
    pub fn show(&mut self, ui: &mut egui::Ui, linked: &Linked) -> Vec<FacsimileEvent> {
        let mut events = Vec::new();
        let doc = linked.doc;
        let Some(file) = core::pdf_original(doc).map(std::path::Path::to_path_buf) else {
            ui.label("This document was not imported from a PDF: there is no original to show.");
            return events;
        };
        let boxes_file = core::store::boxes_file(linked.documents_dir, &doc.meta.id);
        let boxes: Option<Arc<TextBoxes>> = match self.pages.boxes(
            &file,
            &boxes_file,
            || Arc::from(doc.text.as_str()),
            || core::page_starts(doc),
        ) {
            Some(Ok(b)) if b.fit(doc.text.as_str()) => Some(b.clone()),
            Some(Ok(_)) => {
                // Boxes of an older text (it was replaced): found again.
                self.pages.forget_boxes(&boxes_file);
                None
            }
            _ => None,
        };
        self.follow(ui, linked, boxes.as_deref());
        let sizes = match self.pages.sizes(&file) {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Opening the original…");
                });
                return events;
            }
            Some(Err(e)) => {
                ui.label(
                    egui::RichText::new(format!("The original cannot be shown: {e}"))
                        .color(ui.visuals().error_fg_color),
                );
                return events;
            }
            Some(Ok(s)) if s.is_empty() => {
                ui.label("The original has no pages.");
                return events;
            }
            Some(Ok(s)) => s.clone(),
        };
        let count = sizes.len() as u32;
        self.page_count = count;
        self.page = self.page.clamp(1, count);
        self.toolbar(ui, count, &mut events);
        ui.separator();
        let (w, h) = sizes[self.page as usize - 1];
        if self.thumbnails {
            // The thumbnails in a strip at the left, the page beside them.
            let full = ui.available_rect_before_wrap();
            let strip = egui::Rect::from_min_max(
                full.min,
                egui::pos2(full.left() + THUMB_WIDTH + 16.0, full.bottom()),
            );
            let rest =
                egui::Rect::from_min_max(egui::pos2(strip.right() + 6.0, full.top()), full.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(strip), |ui| {
                self.thumbnail_strip(ui, &file, &sizes, &mut events)
            });
            ui.painter().vline(
                strip.right() + 3.0,
                full.y_range(),
                ui.visuals().widgets.noninteractive.bg_stroke,
            );
            ui.scope_builder(egui::UiBuilder::new().max_rect(rest), |ui| {
                self.page_view(ui, &file, (w, h), linked, boxes.as_deref(), &mut events)
            });
        } else {
            self.page_view(ui, &file, (w, h), linked, boxes.as_deref(), &mut events);
        }
        events
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, count: u32, events: &mut Vec<FacsimileEvent>) {
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
        });
    }

    fn thumbnail_strip(
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
        egui::ScrollArea::vertical()
            .id_salt("facsimile-thumbnails")
            .auto_shrink([false, false])
            .show_rows(ui, row, sizes.len(), |ui, range| {
                for k in range {
                    let page = k as u32 + 1;
                    wanted.push(page);
                    let (w, h) = sizes[k];
                    let size =
                        egui::vec2(THUMB_WIDTH, (row - 22.0).min(THUMB_WIDTH * h / w.max(1.0)));
                    let (rect, r) = ui.allocate_exact_size(
                        egui::vec2(THUMB_WIDTH, row - 4.0),
                        egui::Sense::click(),
                    );
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

    fn page_view(
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
                    if let Some(m) = linked.regions.iter().find(|m| {
                        m.page == page
                            && m.rect[0] <= x
                            && x <= m.rect[2]
                            && m.rect[1] <= y
                            && y <= m.rect[3]
                    }) {
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
                                .any(|l| l[0] <= x && x <= l[2] && l[1] <= y && y <= l[3])
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
                    if let Some(m) = linked.regions.iter().find(|m| {
                        m.page == page
                            && m.rect[0] <= x
                            && x <= m.rect[2]
                            && m.rect[1] <= y
                            && y <= m.rect[3]
                    }) {
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

/// What became of a page painted.
enum Loaded {
    Ready,
    Waiting,
    Failed,
}

/// Paints a page (white paper, then its image when drawn) turned `quarter_turns`.
fn paint_page(
    ui: &egui::Ui,
    pages: &mut Pages,
    file: &std::path::Path,
    page: u32,
    width: u32,
    rect: egui::Rect,
    quarter_turns: u8,
) -> Loaded {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
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
