//! The original beside the text: the pages of the PDF a document was imported from, linked to
//! the reader both ways. Scrolling the text turns to its page; a selection in the text is
//! outlined on the page; a click on a word selects it in the text; notes are tinted marks on
//! the page. Zoom, fit width or page, rotate, thumbnails, Go to page.
//!
//! - [`pages`]: the page images (drawn by the worker off this thread, kept as textures within a
//!   memory bound), the pages' sizes and the word boxes.
//! - [`geometry`]: page points to screen points, for a turned page.

mod controls;
pub mod geometry;
mod page_view;
pub mod pages;

use crate::ui::highlight::AnnotationMark;
use pages::Pages;
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
    /// Type, paste or correct the text of this page.
    TranscribePage(u32),
    /// Read this page again with tesseract and mark where the text disagrees.
    CheckOcr(u32),
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
    /// The page the thumbnails' strip was last brought to.
    thumbs_at: Option<u32>,
    /// The hash of the text last checked against its boxes, by the text's address and length.
    text_hash: Option<((usize, usize), u64)>,
    /// The library was hidden to make room since the original was last shown (not again).
    pub room_made: bool,
    /// A page being read again by tesseract (the button waits).
    pub checking: Option<u32>,
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
            thumbs_at: None,
            text_hash: None,
            room_made: false,
            checking: None,
            drawn: false,
            page_count: 0,
        }
    }
}

impl Facsimile {
    /// The hash boxes are checked against, of the document's text: found once per text (the
    /// text read again after a correction is another allocation), not every frame.
    fn text_hash_of(&mut self, doc: &Document) -> u64 {
        let text = doc.text.as_str();
        let key = (text.as_ptr() as usize, text.len());
        match self.text_hash {
            Some((k, h)) if k == key => h,
            _ => {
                let h = core::text_hash(text);
                self.text_hash = Some((key, h));
                h
            }
        }
    }

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
    pub(super) fn turn_to(&mut self, ui: &egui::Ui, page: u32, events: &mut Vec<FacsimileEvent>) {
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
        let hash = self.text_hash_of(doc);
        let boxes: Option<Arc<TextBoxes>> = match self.pages.boxes(
            &file,
            &boxes_file,
            || Arc::from(doc.text.as_str()),
            || core::page_starts(doc),
        ) {
            Some(Ok(b)) if b.text_hash == hash => Some(b.clone()),
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
        // A photographed page whose text is still to come says how it comes.
        if page_text(doc, self.page)
            .is_some_and(|t| t.starts_with("[Page ") && t.ends_with(": not transcribed yet]"))
        {
            let hint = if readingroom_core::import::images::tesseract().is_some() {
                "This page's text was not read: type or paste it with Transcribe this page…"
                    .to_string()
            } else {
                format!(
                    "This page is not transcribed yet: {}.",
                    readingroom_core::import::images::TESSERACT_HINT
                )
            };
            ui.label(
                egui::RichText::new(hint)
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        }
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
            self.thumbs_at = None;
            self.page_view(ui, &file, (w, h), linked, boxes.as_deref(), &mut events);
        }
        events
    }
}

/// The text of a page of the original, as the document has it (to the next page's start).
pub fn page_text(doc: &Document, page: u32) -> Option<String> {
    let (start, end) = page_range(doc, page)?;
    Some(doc.text.chars().skip(start).take(end - start).collect())
}

/// Where the text of a page of the original begins and ends in the document (the blank line
/// before the next page left out).
pub fn page_range(doc: &Document, page: u32) -> Option<(usize, usize)> {
    let k = doc.file_pages.iter().position(|&p| p == page)?;
    let start = doc.pages.get(k)?.at;
    let next = doc.pages.get(k + 1).map_or(doc.char_len, |p| p.at);
    let text: String = doc.text.chars().skip(start).take(next - start).collect();
    let end = start + text.trim_end().chars().count();
    Some((start, end.max(start)))
}
