//! The original beside the text, in the reader: the pane shown (View → Original beside the
//! text, Ctrl+Shift+O, or the reader's Original button) for documents imported from a PDF,
//! and what its clicks do to the reader.

use super::ReadingRoomApp;
use crate::facsimile::{pdf_original, text_at_file_page};
use crate::notes::model::{Notebook, RegionSelector, Target};
use crate::ui::editor::Editor;
use crate::ui::facsimile::{FacsimileEvent, Linked, RegionMark};
use crate::ui::reader::{Reader, Selection};

impl ReadingRoomApp {
    /// Shows or hides the original beside the text.
    pub(super) fn toggle_facsimile(&mut self) {
        self.prefs.panels.facsimile = !self.prefs.panels.facsimile;
        self.facsimile.room_made = false;
        if self.prefs.panels.facsimile && pdf_original(self.open_document()).is_none() {
            self.say(
                "This document was not imported from a PDF: the original is shown beside \
                 documents imported from one (File > Import files and folders…).",
            );
        }
    }

    /// Opens a document at a page of its original, shown beside the text (a region note's).
    pub(super) fn show_region(&mut self, doc: &str, page: u32) {
        let Some(i) = self.workspace.corpus.index_of(doc) else {
            return;
        };
        self.comparison = None;
        self.open_doc(i);
        self.prefs.panels.facsimile = true;
        let d = &self.workspace.corpus.documents[i];
        if let Some(at) = text_at_file_page(d, page) {
            self.reader.scroll_to = Some(at);
        }
        self.facsimile.turn_to_page(page);
    }

    /// The pane of the original, at the reader's right, when it is asked for and the document
    /// has a PDF original; returns the rectangle left for the text (None: all of it). The line
    /// between the two is dragged to share the width.
    pub(super) fn facsimile_beside(
        &mut self,
        ui: &mut egui::Ui,
        doc_index: usize,
    ) -> Option<egui::Rect> {
        self.take_ocr_check();
        let workspace = self.workspace.clone();
        let doc = &workspace.corpus.documents[doc_index];
        if !self.prefs.panels.facsimile || pdf_original(doc).is_none() {
            return None;
        }
        let ctx = ui.ctx().clone();
        let extraction = self.extraction.clone();
        self.facsimile.pages.begin_frame(&ctx, || {
            crate::facsimile::worker::Runner::for_extraction(&extraction)
        });
        let full = ui.available_rect_before_wrap();
        // Too narrow for both: the library makes room, once, and says so.
        if full.width() < 660.0 && self.prefs.panels.library && !self.facsimile.room_made {
            self.facsimile.room_made = true;
            self.prefs.panels.library = false;
            self.say(format!(
                "The library is hidden to make room for the original ({} shows it again).",
                crate::ui::shortcuts::Action::ToggleLibrary.shortcut_text()
            ));
            ctx.request_repaint();
        }
        // The text keeps at least 340 points, the original at least 220.
        let share = self.facsimile.share.clamp(0.2, 0.8);
        let split = (full.left() + full.width() * (1.0 - share)).clamp(
            full.left() + 340.0,
            (full.right() - 220.0).max(full.left() + 340.0),
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
        let key = (
            self.session.revision,
            doc.meta.id.clone(),
            ui.visuals().dark_mode,
        );
        let regions = match &self.region_marks {
            Some((k, marks)) if *k == key => marks.clone(),
            _ => {
                let marks: std::sync::Arc<[RegionMark]> =
                    region_marks(&self.session.notebook, &doc.meta.id, key.2).into();
                self.region_marks = Some((key, marks.clone()));
                marks
            }
        };
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
                        regions: &regions,
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
                FacsimileEvent::NoteRegion(page, rect) => {
                    let region = RegionSelector::from_fractions(rect);
                    if region.is_valid() {
                        self.editor = Some(Editor::new(Target::Region {
                            doc: doc.meta.id.clone(),
                            page,
                            region,
                        }));
                    }
                }
                FacsimileEvent::TranscribePage(page) => self.transcribe_page(page),
                FacsimileEvent::CheckOcr(page) => self.check_ocr(&ctx, page),
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

impl ReadingRoomApp {
    /// Reads a page of the open document's original again with tesseract, off the window's
    /// thread; the result is taken by [`Self::take_ocr_check`].
    fn check_ocr(&mut self, ctx: &egui::Context, page: u32) {
        let Some(program) = crate::import::images::tesseract() else {
            self.say("Checking the OCR needs tesseract (on Debian or Ubuntu: sudo apt install tesseract-ocr).");
            return;
        };
        let id = self.open_document().meta.id.clone();
        let data = self.data_dir().to_path_buf();
        let runner = crate::facsimile::worker::Runner::for_extraction(&self.extraction);
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = ctx.clone();
        let job_id = id.clone();
        std::thread::spawn(move || {
            let r = crate::import::reocr::check_page(&data, &job_id, page, &runner, &program);
            let _ = tx.send(r);
            waker.request_repaint();
        });
        self.facsimile.checking = Some(page);
        self.ocr_check = Some((id, page, rx));
        self.say(format!("Reading page {page} again with tesseract…"));
    }

    /// Takes the result of a page read again, if it came: the document read again with its
    /// new marks, and what was found said.
    fn take_ocr_check(&mut self) {
        let Some((id, page, rx)) = &self.ocr_check else {
            return;
        };
        let Ok(result) = rx.try_recv() else {
            return;
        };
        let (id, page) = (id.clone(), *page);
        self.ocr_check = None;
        self.facsimile.checking = None;
        match result.and_then(|c| self.reload_user_document(&id).map(|_| c)) {
            Ok(c) => self.say(format!(
                "Page {page} read again: {} of its {} words read otherwise, underlined to check.",
                c.marked, c.words
            )),
            Err(e) => self.say(format!("Page {page} could not be read again: {e}")),
        }
    }
}

/// The notes on regions of a document's pages, as the page shows them (the layer of notes on
/// or off, they are shown: a region has no text to mark instead).
fn region_marks(nb: &Notebook, doc: &str, dark: bool) -> Vec<RegionMark> {
    nb.annotations
        .iter()
        .flat_map(|a| a.targets().map(move |t| (a, t)))
        .filter_map(|(a, t)| match t {
            Target::Region {
                doc: d,
                page,
                region,
            } if d == doc && region.is_valid() => {
                let (color, tags, note) = crate::ui::highlight::note_look(nb, a, dark);
                let label = [tags, note]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(": ");
                Some(RegionMark {
                    id: a.id.clone(),
                    page: *page,
                    rect: region.fractions(),
                    color,
                    label: if label.is_empty() {
                        "A region noted".into()
                    } else {
                        label
                    },
                })
            }
            _ => None,
        })
        .collect()
}
