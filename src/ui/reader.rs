//! The reader: a document's text as paragraphs painted by hand, so that a selection (mouse, also
//! across paragraphs with auto-scroll; double click a word, triple click a paragraph,
//! Shift+click to extend; or the keyboard: a caret moved by arrows, Ctrl+arrows, Home/End and
//! PageUp/PageDown, Shift to extend, see `caret.rs`) gives exact char offsets, and highlight
//! layers (search hits, people, annotations) are drawn in the text. Only visible paragraphs are
//! laid out; galleys are cached per (document, width, font size, highlight revision).

mod caret;
mod marks;
mod paragraphs;

use paragraphs::Para;

use super::highlight::{Highlights, paragraph_job};
use crate::corpus::Document;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Vec2, vec2};

/// Width of the page margin on the left of the text.
pub const MARGIN: f32 = 56.0;
/// Longest comfortable line, in points at the default font size (Settings can change it).
pub const MAX_LINE_WIDTH: f32 = 720.0;
/// The font family of a serif reading face, when one was loaded (see `ui::fonts`).
pub const SERIF: &str = "reading-serif";
/// Space between paragraphs.
const PARAGRAPH_GAP: f32 = 10.0;

/// A selection in document char offsets: where it started and where it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Where the drag or Shift-move started.
    pub anchor: usize,
    /// Where it is now.
    pub head: usize,
}

impl Selection {
    /// Ordered (start, end).
    pub fn range(&self) -> (usize, usize) {
        (self.anchor.min(self.head), self.anchor.max(self.head))
    }

    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.anchor == self.head
    }
}

/// What the user did in the reader, for the app to act on.
#[derive(Debug, Clone, PartialEq)]
pub enum ReaderEvent {
    /// Clicked a highlighted annotation.
    OpenAnnotation(String),
    /// Clicked a note of the other version carried onto this one (its id).
    OpenProjected(String),
    /// Asked for the context menu's "Annotate selection".
    Annotate,
    /// Asked for "Copy with citation".
    CopyWithCitation,
    /// Asked for "Copy as Pandoc citation".
    CopyPandocCitation,
}

/// How far below the top of the view a jump puts its target (a note, a find, a page), and
/// where [`Reader::reading`] is read.
pub const READING_LINE: f32 = 220.0;

#[derive(PartialEq, Clone, Copy)]
struct LayoutKey {
    doc: usize,
    width: u32,
    font: u32,
    serif: bool,
    highlights: u64,
    dark: bool,
}

/// The reader's state.
pub struct Reader {
    /// Selection, if any.
    pub selection: Option<Selection>,
    /// Show only what these people say (person ids; empty: everyone): the rest is dimmed,
    /// and the speaker gutter shows only their passages.
    pub only_speakers: std::collections::BTreeSet<String>,
    /// Font size of the text.
    pub font_size: f32,
    /// Longest line at 16 pt (Settings: narrow, medium, wide).
    pub line_width: f32,
    /// The typeface of the text.
    pub font_family: egui::FontFamily,
    /// Scroll so this char offset is visible (set by the notes panel, find, quick open).
    pub scroll_to: Option<usize>,
    /// A range to flash briefly (a note clicked in the notes panel), with the time it started.
    pub flash: Option<(usize, usize, f64)>,
    /// Char offset where the first paragraph in view begins (where the reader is).
    pub top: usize,
    /// Char offset on the reading line ([`READING_LINE`] below the top of the view, where a
    /// jump puts its target): what the original beside the text follows.
    pub reading: usize,
    /// The caret: where the keyboard reads and selects from (the selection's head when there
    /// is one).
    pub caret: usize,
    /// The column vertical moves keep to.
    goal_x: Option<f32>,
    /// Scroll so the caret is in view (it was moved by the keyboard).
    reveal_caret: bool,
    /// Height of the text in view.
    viewport_height: f32,
    /// Last frame's scroll offset.
    scroll_offset: f32,
    dragging: bool,
    /// A jump being settled: its target and how many more frames it may be made again.
    settling: Option<(usize, u8)>,
    key: Option<LayoutKey>,
    paras: Vec<Para>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            selection: None,
            only_speakers: Default::default(),
            font_size: 16.0,
            line_width: MAX_LINE_WIDTH,
            font_family: egui::FontFamily::Proportional,
            scroll_to: None,
            flash: None,
            top: 0,
            reading: 0,
            caret: 0,
            goal_x: None,
            reveal_caret: false,
            viewport_height: 400.0,
            scroll_offset: 0.0,
            dragging: false,
            settling: None,
            key: None,
            paras: Vec::new(),
        }
    }
}

impl Reader {
    /// The id of the reader's keyboard focus for a document (request it to read with the keys).
    pub fn focus_id(doc_index: usize) -> egui::Id {
        egui::Id::unique(("reader-focus", doc_index))
    }

    /// Forget layout and selection (another document opened).
    pub fn reset(&mut self) {
        self.selection = None;
        self.top = 0;
        self.reading = 0;
        self.caret = 0;
        self.goal_x = None;
        self.key = None;
        self.paras.clear();
        self.dragging = false;
        self.settling = None;
    }

    /// The selected text.
    pub fn selected_text(&self, doc: &Document) -> Option<String> {
        let sel = self.selection.filter(|s| !s.is_empty())?;
        let (a, b) = sel.range();
        Some(doc.slice_chars(a, b))
    }

    fn ensure_paragraphs(&mut self, key: LayoutKey, doc: &Document, row_height: f32, width: f32) {
        if self.key == Some(key) {
            return;
        }
        let same_doc = self.key.is_some_and(|k| k.doc == key.doc);
        self.key = Some(key);
        if !same_doc {
            self.paras.clear();
        }
        if self.paras.is_empty() {
            self.paras = doc
                .paragraphs()
                .into_iter()
                .map(|(start, end)| Para {
                    start,
                    end,
                    inserts: Vec::new(),
                    galley: None,
                    height: 0.0,
                })
                .collect();
        }
        // Estimate heights; visible paragraphs are laid out (and measured) when painted.
        let chars_per_row = (width / (self.font_size * 0.5)).max(10.0);
        for p in &mut self.paras {
            p.galley = None;
            let rows = ((p.end - p.start) as f32 / chars_per_row).ceil().max(1.0);
            p.height = rows * row_height;
        }
    }

    /// Shows the document. `highlights` holds the layers to paint; `revision` changes whenever
    /// they do (so cached galleys are rebuilt only then).
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc_index: usize,
        doc: &Document,
        highlights: &Highlights,
        revision: u64,
    ) -> Vec<ReaderEvent> {
        let mut events = Vec::new();
        let margin = if highlights.speakers.is_empty() {
            MARGIN
        } else {
            MARGIN + super::speaker_gutter::WIDTH
        };
        // Never wider than the panel (a narrow window wraps the text short rather than clipping
        // it), never wider than a comfortable line.
        let width = (ui.available_width() - margin - 16.0)
            .min(self.line_width * self.font_size / 16.0)
            .max(80.0);
        let font = FontId::new(self.font_size, self.font_family.clone());
        let row_height = ui.fonts_mut(|f| f.row_height(&font));
        let key = LayoutKey {
            doc: doc_index,
            width: width.round() as u32,
            font: (self.font_size * 10.0) as u32,
            serif: self.font_family != egui::FontFamily::Proportional,
            highlights: revision,
            dark: ui.visuals().dark_mode,
        };
        self.ensure_paragraphs(key, doc, row_height, width);
        // The reader's own focus: Tab reaches it, and while it has it the arrows move the caret
        // rather than the focus.
        let focus = ui
            .interact(
                ui.available_rect_before_wrap(),
                Reader::focus_id(doc_index),
                Sense::focusable_noninteractive(),
            )
            .on_hover_cursor(egui::CursorIcon::Text);
        let title = doc.meta.title.clone();
        focus.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, &title));
        if focus.has_focus() {
            super::list_keys::keep_arrows(ui, focus.id);
        }
        self.keyboard(ui, doc, focus.id);
        let head_before = self.selection.map(|s| s.head);
        let show_caret = ui.memory(|m| m.focused()).is_none_or(|f| f == focus.id);

        let target_y = self.jump_target(ui);
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("reader", doc_index))
            .auto_shrink([false, false]);
        if let Some(y) = target_y {
            area = area.vertical_scroll_offset((y - READING_LINE).max(0.0));
        } else if std::mem::take(&mut self.reveal_caret)
            && let Some(i) = self.para_of(self.caret)
        {
            // Just enough scrolling to show the caret's line.
            let (_, y, h) = self.caret_in(i, self.caret);
            let top = self.para_top(i) + y;
            let (from, height) = (self.scroll_offset, self.viewport_height);
            if top < from + 8.0 {
                area = area.vertical_scroll_offset((top - 8.0).max(0.0));
            } else if top + h > from + height - 8.0 {
                area = area.vertical_scroll_offset((top + h + 8.0 - height).max(0.0));
            }
        }
        let now = ui.input(|i| i.time);
        let caret_color = ui.visuals().strong_text_color();
        area.show_viewport(ui, |ui, viewport| {
            self.viewport_height = viewport.height();
            self.scroll_offset = viewport.min.y;
            let caret_para = self.para_of(self.caret);
            let origin = ui.min_rect().min;
            let total: f32 = self.paras.iter().map(|p| p.height + PARAGRAPH_GAP).sum();
            ui.set_min_size(vec2(width + margin, total));
            let pointer = ui.input(|i| i.pointer.interact_pos());
            let primary_down = ui.input(|i| i.pointer.primary_down());
            let mut y = 0.0;
            let mut last_page = None;
            let mut top = None;
            let mut reading = None;
            let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
            for i in 0..self.paras.len() {
                let p_height = self.paras[i].height;
                let visible = y + p_height >= viewport.min.y - 200.0 && y <= viewport.max.y + 200.0;
                if top.is_none() && y + p_height > viewport.min.y {
                    top = Some(self.paras[i].start);
                }
                let (first_page, _) = doc
                    .page_range(self.paras[i].start, self.paras[i].end)
                    .unwrap_or((0, 0));
                if visible {
                    // Lay out (once per key) and measure.
                    if self.paras[i].galley.is_none() {
                        let (job, inserts) = paragraph_job(
                            ui,
                            doc,
                            highlights,
                            self.paras[i].start,
                            self.paras[i].end,
                            &font,
                            width,
                        );
                        let galley = ui.painter().layout_job(job);
                        let p = &mut self.paras[i];
                        p.height = galley.size().y;
                        p.inserts = inserts;
                        p.galley = Some(galley);
                    }
                    let p = &self.paras[i];
                    let galley = p.galley.clone().expect("laid out");
                    let text_pos = origin + vec2(margin, y);
                    let rect = Rect::from_min_size(text_pos, galley.size());
                    let response = ui.interact(
                        rect,
                        ui.scope_id().with(("para", i)),
                        Sense::click_and_drag(),
                    );
                    let (ps, pe) = (p.start, p.end);
                    // A screen reader reads the paragraph, then the notes on it and the
                    // selection in it.
                    response.widget_info(|| {
                        let mut said = doc.slice_chars(ps, pe);
                        for a in highlights
                            .annotations
                            .iter()
                            .filter(|a| a.start < pe && a.end > ps)
                        {
                            said.push_str(&format!(" [{}]", a.label));
                        }
                        for m in highlights
                            .projected
                            .iter()
                            .filter(|m| m.start < pe && m.end > ps)
                        {
                            said.push_str(&format!(" [{}]", m.label));
                        }
                        if let Some(sel) = self.selection.filter(|s| !s.is_empty()) {
                            let (a, b) = sel.range();
                            if a < pe && b > ps {
                                said.push_str(&format!(
                                    " [selected: {}]",
                                    doc.slice_chars(a.max(ps), b.min(pe))
                                ));
                            }
                        }
                        egui::WidgetInfo::labeled(egui::Role::Paragraph, true, said)
                    });
                    // Page in the margin: at the paragraph if it starts a page, and where a
                    // page begins inside it.
                    let margin_font = FontId::proportional(11.0);
                    let weak = ui.visuals().weak_text_color();
                    if Some(first_page) != last_page && first_page > 0 {
                        ui.painter().text(
                            origin + vec2(4.0, y),
                            Align2::LEFT_TOP,
                            format!(
                                "p. {}",
                                doc.page_label_at(p.start)
                                    .unwrap_or_else(|| first_page.to_string())
                            ),
                            margin_font.clone(),
                            weak,
                        );
                    }
                    for (k, m) in doc
                        .pages
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| m.at > p.start && m.at < p.end)
                    {
                        let label = doc
                            .page_labels
                            .get(k)
                            .cloned()
                            .unwrap_or_else(|| m.page.to_string());
                        let r =
                            galley.pos_from_cursor(egui::text::CCursor::new(p.galley_index(m.at)));
                        ui.painter().text(
                            origin + vec2(4.0, y + r.min.y),
                            Align2::LEFT_TOP,
                            format!("p. {label}"),
                            margin_font.clone(),
                            weak,
                        );
                        ui.painter().hline(
                            text_pos.x - 8.0..=text_pos.x - 2.0,
                            text_pos.y + r.min.y + 2.0,
                            (1.0, weak),
                        );
                    }
                    if let Some((anchor, head)) = super::speaker_gutter::draw(
                        ui,
                        ui.scope_id().with(("speaker", i)),
                        text_pos,
                        &galley,
                        (p.start, p.end),
                        &|at| p.galley_index(at),
                        &highlights.speakers,
                    ) {
                        self.selection = Some(Selection { anchor, head });
                    }
                    // Flash (a note opened from the notes panel).
                    if let Some((a, b, t0)) = self.flash {
                        let age = now - t0;
                        if age < 1.5 && a < p.end && b > p.start {
                            let alpha = (1.0 - age / 1.5) as f32;
                            for r in marks::range_rects(
                                &galley,
                                p.galley_index(a.max(p.start)),
                                p.galley_index(b.min(p.end)),
                            ) {
                                ui.painter().rect_filled(
                                    r.translate(text_pos.to_vec2()).expand(2.0),
                                    3.0,
                                    Color32::from_rgb(255, 200, 0).gamma_multiply(alpha),
                                );
                            }
                            ui.ctx().request_repaint();
                        }
                    }
                    // Selection.
                    if let Some(sel) = self.selection.filter(|s| !s.is_empty()) {
                        let (a, b) = sel.range();
                        if a < p.end && b > p.start {
                            let ga = p.galley_index(a.max(p.start));
                            let gb = p.galley_index(b.min(p.end));
                            for r in marks::range_rects(&galley, ga, gb) {
                                ui.painter().rect_filled(
                                    r.translate(text_pos.to_vec2()),
                                    0.0,
                                    selection_color,
                                );
                            }
                        }
                    }
                    ui.painter()
                        .galley(text_pos, galley.clone(), ui.visuals().text_color());
                    if y <= viewport.max.y && y + p_height >= viewport.min.y {
                        marks::note_edges(ui, &galley, text_pos, p, highlights);
                        marks::projected_underlines(ui, &galley, text_pos, p, highlights);
                    }
                    if show_caret && caret_para == Some(i) {
                        marks::caret(
                            ui,
                            &galley,
                            text_pos,
                            p.galley_index(self.caret),
                            caret_color,
                        );
                    }
                    // Mouse: press starts a selection, drag extends it, click opens a note.
                    let doc_at = |pos: Pos2| -> usize {
                        let c = galley.cursor_from_pos(pos - text_pos);
                        p.doc_offset(c.index.0)
                    };
                    // The selection starts where the button went down, not where the drag
                    // was recognised a few points later.
                    let pressed_at = ui.input(|i| i.pointer.press_origin()).or(pointer);
                    if (response.drag_started()
                        || (response.is_pointer_button_down_on() && !self.dragging))
                        && let Some(pos) = pressed_at
                        && rect.contains(pos)
                    {
                        let at = doc_at(pos);
                        ui.memory_mut(|m| m.request_focus(focus.id));
                        let shift = ui.input(|i| i.modifiers.shift);
                        self.selection = Some(match (shift, self.selection) {
                            (true, Some(s)) => Selection {
                                anchor: s.anchor,
                                head: at,
                            },
                            _ => Selection {
                                anchor: at,
                                head: at,
                            },
                        });
                        self.dragging = true;
                    }
                    if self.dragging
                        && primary_down
                        && let Some(pos) = pointer
                        && pos.y >= rect.min.y - PARAGRAPH_GAP / 2.0
                        && pos.y < rect.max.y + PARAGRAPH_GAP / 2.0
                        && let Some(sel) = &mut self.selection
                    {
                        sel.head = doc_at(pos);
                    }
                    if response.clicked()
                        && let Some(pos) = pointer
                    {
                        let at = doc_at(pos);
                        if let Some(id) = highlights.annotation_at(at) {
                            events.push(ReaderEvent::OpenAnnotation(id.to_string()));
                        } else if let Some(m) = highlights.projected_at(at) {
                            events.push(ReaderEvent::OpenProjected(m.id.clone()));
                        }
                        // Double click: the word; triple click: the paragraph.
                        let range = if response.triple_clicked() {
                            Some((p.start, p.end))
                        } else if response.double_clicked() {
                            Some(doc.word_at(at))
                        } else {
                            None
                        };
                        // A Shift+click keeps the selection its press extended.
                        if range.is_some() || !ui.input(|i| i.modifiers.shift) {
                            self.selection = range.map(|(anchor, head)| Selection { anchor, head });
                        }
                    }
                    // Hover: people and footnotes.
                    if let Some(pos) = response.hover_pos() {
                        let c = galley.cursor_from_pos(pos - text_pos).index.0;
                        if let Some(&(at, _)) = p.inserts.iter().find(|(at, len)| {
                            let g = p.galley_index(*at);
                            c + 1 >= g && c < g + len + 1
                        }) && let Some(f) = highlights.footnote_at(at)
                        {
                            response.clone().on_hover_ui_at_pointer(|ui| {
                                ui.set_max_width(420.0);
                                ui.label(format!("{}. {}", f.0, f.1));
                            });
                        } else if let Some(text) = highlights.hover_text(p.doc_offset(c)) {
                            response.clone().on_hover_text_at_pointer(text);
                        }
                    }
                    response.context_menu(|ui| {
                        let has = self.selection.is_some_and(|s| !s.is_empty());
                        if ui
                            .add_enabled(has, egui::Button::new("Annotate selection…"))
                            .clicked()
                        {
                            events.push(ReaderEvent::Annotate);
                            ui.close();
                        }
                        if ui.add_enabled(has, egui::Button::new("Copy")).clicked() {
                            if let Some(t) = self.selected_text(doc) {
                                ui.ctx().copy_text(t);
                            }
                            ui.close();
                        }
                        if ui
                            .add_enabled(has, egui::Button::new("Copy with citation"))
                            .clicked()
                        {
                            events.push(ReaderEvent::CopyWithCitation);
                            ui.close();
                        }
                        if ui
                            .add_enabled(has, egui::Button::new("Copy as Pandoc citation"))
                            .clicked()
                        {
                            events.push(ReaderEvent::CopyPandocCitation);
                            ui.close();
                        }
                    });
                }
                last_page = doc
                    .page_range(self.paras[i].start, self.paras[i].end)
                    .map(|r| r.1);
                let line = viewport.min.y + READING_LINE.min(viewport.height() / 2.0);
                if reading.is_none() && y + self.paras[i].height + PARAGRAPH_GAP > line + 4.0 {
                    let p = &self.paras[i];
                    reading = Some(match &p.galley {
                        // The line's last char: a page that begins on the line is read.
                        Some(g) => p.doc_offset(
                            g.cursor_from_pos(vec2(g.size().x, (line - y + 4.0).max(0.0)))
                                .index
                                .0,
                        ),
                        None => p.start,
                    });
                }
                y += self.paras[i].height + PARAGRAPH_GAP;
            }
            self.top = top.unwrap_or(0);
            self.reading = reading.or(top).unwrap_or(0);
            // Auto-scroll while dragging a selection past the edges.
            if self.dragging {
                if !primary_down {
                    self.dragging = false;
                } else if let Some(pos) = pointer {
                    let clip = ui.clip_rect();
                    if pos.y < clip.min.y + 20.0 {
                        ui.scroll_with_delta(Vec2::new(0.0, 12.0));
                        ui.ctx().request_repaint();
                    } else if pos.y > clip.max.y - 20.0 {
                        ui.scroll_with_delta(Vec2::new(0.0, -12.0));
                        ui.ctx().request_repaint();
                    }
                }
            }
        });
        // A selection made with the mouse moves the caret to its head.
        if let Some(s) = self.selection
            && Some(s.head) != head_before
        {
            self.caret = s.head;
            self.goal_x = None;
        }
        events
    }
}
