//! The original beside the text, in the reader: the pane shown (View → Original beside the
//! text, Ctrl+Shift+O, or the reader's Original button) for documents imported from a PDF,
//! and what its clicks do to the reader.

use super::ReadingRoomApp;
use crate::facsimile::{pdf_original, text_at_file_page};
use crate::ui::editor::Editor;
use crate::ui::facsimile::{FacsimileEvent, Linked};
use crate::ui::reader::{Reader, Selection};

impl ReadingRoomApp {
    /// Shows or hides the original beside the text.
    pub(super) fn toggle_facsimile(&mut self) {
        self.prefs.panels.facsimile = !self.prefs.panels.facsimile;
        if self.prefs.panels.facsimile && pdf_original(self.open_document()).is_none() {
            self.say(
                "This document was not imported from a PDF: the original is shown beside \
                 documents imported from one (File → Import files and folders…).",
            );
        }
    }

    /// The pane of the original, at the reader's right, when it is asked for and the document
    /// has a PDF original; returns the rectangle left for the text (None: all of it). The line
    /// between the two is dragged to share the width.
    pub(super) fn facsimile_beside(
        &mut self,
        ui: &mut egui::Ui,
        doc_index: usize,
    ) -> Option<egui::Rect> {
        let doc = &self.workspace.corpus.documents[doc_index];
        if !self.prefs.panels.facsimile || pdf_original(doc).is_none() {
            return None;
        }
        let ctx = ui.ctx().clone();
        let extraction = self.extraction.clone();
        self.facsimile.pages.begin_frame(&ctx, || {
            crate::facsimile::worker::Runner::for_extraction(&extraction)
        });
        let full = ui.available_rect_before_wrap();
        // The text keeps at least 260 points, the original at least 240.
        let share = self.facsimile.share.clamp(0.2, 0.8);
        let split = (full.left() + full.width() * (1.0 - share)).clamp(
            full.left() + 260.0,
            (full.right() - 240.0).max(full.left() + 260.0),
        );
        let handle = egui::Rect::from_x_y_ranges(split - 3.0..=split + 3.0, full.y_range());
        let drag = ui.interact(
            handle,
            egui::Id::unique("facsimile-split"),
            egui::Sense::drag(),
        );
        if drag.dragged()
            && let Some(p) = drag.interact_pointer_pos()
        {
            self.facsimile.share = ((full.right() - p.x) / full.width().max(1.0)).clamp(0.2, 0.8);
        }
        if drag.hovered() || drag.dragged() {
            ctx.set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
        }
        let stroke = if drag.hovered() || drag.dragged() {
            ui.visuals().widgets.hovered.fg_stroke
        } else {
            ui.visuals().widgets.noninteractive.bg_stroke
        };
        ui.painter().vline(split, full.y_range(), stroke);
        let pane = egui::Rect::from_min_max(egui::pos2(split + 6.0, full.top()), full.max);
        let documents_dir = crate::import::store::documents_dir(&self.data_dir);
        let events = ui
            .scope_builder(
                egui::UiBuilder::new()
                    .max_rect(pane)
                    .id_salt("facsimile-pane"),
                |ui| {
                    let linked = Linked {
                        doc_index,
                        doc,
                        top: self.reader.reading,
                        selection: self.reader.selection.map(|s| s.range()),
                        notes: if self.prefs.layers.annotations {
                            &self.highlights.annotations
                        } else {
                            &[]
                        },
                        documents_dir: &documents_dir,
                    };
                    self.facsimile.show(ui, &linked)
                },
            )
            .inner;
        for e in events {
            match e {
                FacsimileEvent::ShowPage(page) => {
                    if let Some(at) = text_at_file_page(doc, page) {
                        self.reader.scroll_to = Some(at);
                        self.reader.caret = at;
                    }
                }
                FacsimileEvent::Select(start, end) => {
                    self.reader.selection = Some(Selection {
                        anchor: start,
                        head: end,
                    });
                    self.reader.caret = end;
                    self.reader.scroll_to = Some(start);
                    // The keys act on it at once (Ctrl+E annotates it).
                    ctx.memory_mut(|m| m.request_focus(Reader::focus_id(doc_index)));
                }
                FacsimileEvent::OpenNote(id) => {
                    if let Some(a) = self.session.notebook.get(&id) {
                        self.editor = Some(Editor::edit(a));
                    }
                }
            }
        }
        Some(egui::Rect::from_min_max(
            full.min,
            egui::pos2(split - 6.0, full.bottom()),
        ))
    }
}
