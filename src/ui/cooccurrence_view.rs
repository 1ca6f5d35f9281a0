//! What co-occurs: the table of one axis against another (tags, people, documents, months) as
//! a heat map with a legend; click a cell for the passages behind its count; copy or save the
//! table as CSV.

use crate::Workspace;
use crate::notes::Anchored;
use crate::notes::model::Notebook;
use crate::search::cooccurrence::{Axis, Matrix, Proximity, cooccurrence};
use crate::search::query::PersonRole;
use std::collections::HashMap;

/// The axes offered, in the order of the lists.
const AXES: [Axis; 6] = [
    Axis::Tags,
    Axis::People(PersonRole::Spoke),
    Axis::People(PersonRole::Present),
    Axis::People(PersonRole::Mentioned),
    Axis::Documents,
    Axis::Months,
];

/// The view's state.
#[derive(Debug, Clone)]
pub struct CooccurrenceView {
    /// The rows.
    pub rows: Axis,
    /// The columns.
    pub cols: Axis,
    /// Tags against tags: when two notes' passages count together.
    pub proximity: Proximity,
    /// The sentences asked for when `proximity` is "within N sentences" (kept while the
    /// choice changes).
    pub sentences: u16,
    /// The cell clicked (row, column).
    pub selected: Option<(usize, usize)>,
    /// The passages behind the cell clicked (found once, on the click).
    selected_passages: Vec<crate::search::notes::NoteHit>,
    /// Shared, so that a frame reads the table without copying it.
    table: Option<(TableKey, std::sync::Arc<Matrix>)>,
}

/// What a table was computed from: notebook and library revisions, the axes, the proximity.
type TableKey = (u64, u64, Axis, Axis, Proximity);

impl Default for CooccurrenceView {
    fn default() -> Self {
        CooccurrenceView {
            rows: Axis::Tags,
            cols: Axis::People(PersonRole::Spoke),
            proximity: Proximity::SameNote,
            sentences: 1,
            selected: None,
            selected_passages: Vec::new(),
            table: None,
        }
    }
}

/// What the view asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum CooccurrenceEvent {
    /// Show a passage in the reader (document index, start, end).
    Open(usize, usize, usize),
    /// The table as CSV was copied (say so).
    Copied,
    /// Save the table as CSV (ask where).
    Save,
}

/// "1 passage", "3 passages".
fn passages(n: usize) -> String {
    if n == 1 {
        "1 passage".into()
    } else {
        format!("{n} passages")
    }
}

/// The heat map's colour for a count (0 transparent, the largest the strongest).
fn heat(count: usize, max: usize, dark: bool) -> egui::Color32 {
    if count == 0 || max == 0 {
        return egui::Color32::TRANSPARENT;
    }
    let t = (count as f32 / max as f32).clamp(0.0, 1.0);
    let alpha = (40.0 + 180.0 * t) as u8;
    if dark {
        egui::Color32::from_rgba_unmultiplied(90, 160, 255, alpha)
    } else {
        egui::Color32::from_rgba_unmultiplied(20, 90, 200, alpha)
    }
}

impl CooccurrenceView {
    /// The table for the current axes (computed again when the notes or the library changed).
    pub fn table(
        &mut self,
        ws: &Workspace,
        nb: &Notebook,
        revision: u64,
        anchors: &HashMap<String, Vec<Anchored>>,
    ) -> std::sync::Arc<Matrix> {
        let key = (revision, ws.revision, self.rows, self.cols, self.proximity);
        if self.table.as_ref().is_none_or(|(k, _)| *k != key) {
            let m = cooccurrence(ws, nb, anchors, self.rows, self.cols, self.proximity);
            self.table = Some((key, std::sync::Arc::new(m)));
            self.selected = None;
            self.selected_passages.clear();
        }
        std::sync::Arc::clone(&self.table.as_ref().expect("just made").1)
    }

    /// Tags against tags: when two notes count together (one note, overlapping, within N
    /// sentences).
    fn proximity_controls(&mut self, ui: &mut egui::Ui) {
        let l = ui.label("Count together");
        let within = Proximity::WithinSentences(self.sentences);
        egui::ComboBox::from_id_salt("cooccurrence-proximity")
            .selected_text(match self.proximity {
                Proximity::WithinSentences(_) => "notes within N sentences too".to_string(),
                p => p.label(),
            })
            .show_ui(ui, |ui| {
                for (p, label) in [
                    (Proximity::SameNote, Proximity::SameNote.label()),
                    (Proximity::Overlapping, Proximity::Overlapping.label()),
                    (within, "notes within N sentences too".to_string()),
                ] {
                    ui.selectable_value(&mut self.proximity, p, label);
                }
            })
            .response
            .labelled_by(l.id);
        if let Proximity::WithinSentences(n) = &mut self.proximity {
            let l = ui.label("N =");
            ui.add(egui::DragValue::new(n).range(0..=50))
                .labelled_by(l.id)
                .on_hover_text("0: in one sentence; 1: in the same or the next sentence");
            self.sentences = *n;
        }
    }

    /// Draws the view.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        nb: &Notebook,
        revision: u64,
        anchors: &HashMap<String, Vec<Anchored>>,
    ) -> Option<CooccurrenceEvent> {
        let mut event = None;
        ui.heading("What co-occurs");
        ui.horizontal_wrapped(|ui| {
            for (label, axis) in [("Rows", &mut self.rows), ("Columns", &mut self.cols)] {
                let l = ui.label(label);
                egui::ComboBox::from_id_salt(("cooccurrence-axis", label))
                    .selected_text(axis.label())
                    .show_ui(ui, |ui| {
                        for a in AXES {
                            ui.selectable_value(axis, a, a.label());
                        }
                    })
                    .response
                    .labelled_by(l.id);
            }
            if self.rows == Axis::Tags && self.cols == Axis::Tags {
                self.proximity_controls(ui);
            }
        });
        let dark = ui.visuals().dark_mode;
        let m = self.table(ws, nb, revision, anchors);
        if m.rows.is_empty() || m.cols.is_empty() {
            ui.label(
                egui::RichText::new(
                    "Nothing to count yet: tag some passages (and, for people, pick passages where they speak or are named).",
                )
                .weak(),
            );
            return event;
        }
        let max = m.max();
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Passages:").small());
            // The scale: 1, the middle and the largest count (as many of them as differ).
            let mut steps = vec![1, max.div_ceil(2), max];
            steps.dedup();
            for n in steps {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, heat(n, max, dark));
                ui.label(egui::RichText::new(n.to_string()).small());
            }
            ui.separator();
            if ui.button("Copy as CSV").clicked() {
                ui.ctx().copy_text(m.to_csv());
                event = Some(CooccurrenceEvent::Copied);
            }
            if ui.button("Save as CSV…").clicked() {
                event = Some(CooccurrenceEvent::Save);
            }
        });
        egui::ScrollArea::both()
            .id_salt("cooccurrence-table")
            .max_height(ui.available_height() * 0.6)
            .show(ui, |ui| {
                egui::Grid::new("cooccurrence-grid")
                    .striped(false)
                    .spacing([8.0, 3.0])
                    .show(ui, |ui| {
                        ui.label("");
                        for c in &m.cols {
                            ui.label(egui::RichText::new(super::excerpt(c, 18)).small().strong())
                                .on_hover_text(c);
                        }
                        ui.end_row();
                        for (r, row) in m.rows.iter().enumerate() {
                            ui.label(
                                egui::RichText::new(super::excerpt(row, 28))
                                    .small()
                                    .strong(),
                            )
                            .on_hover_text(row);
                            for (c, col) in m.cols.iter().enumerate() {
                                let n = m.count(r, c);
                                let fill = heat(n, max, dark);
                                let text = if n == 0 { String::new() } else { n.to_string() };
                                let colour = crate::ui::contrast::readable_on(
                                    fill.to_opaque(),
                                    ui.visuals().text_color(),
                                );
                                let selected = self.selected == Some((r, c));
                                let b = egui::Button::new(egui::RichText::new(text).color(colour))
                                    .fill(fill)
                                    .selected(selected)
                                    .min_size(egui::vec2(34.0, 20.0));
                                let resp = ui.add_enabled(n > 0, b);
                                resp.widget_info(|| {
                                    egui::WidgetInfo::labeled(
                                        egui::Role::Button,
                                        n > 0,
                                        format!("{row} and {col}: {}", passages(n)),
                                    )
                                });
                                if resp.clicked() {
                                    self.selected = Some((r, c));
                                    self.selected_passages = m.passages(r, c);
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        if let Some((r, c)) = self.selected
            && r < m.rows.len()
            && c < m.cols.len()
        {
            let hits = &self.selected_passages;
            ui.separator();
            ui.label(match hits.len() {
                1 => format!("The passage behind {} and {}:", m.rows[r], m.cols[c]),
                n => format!("The {n} passages behind {} and {}:", m.rows[r], m.cols[c]),
            });
            if let Some((d, s, e)) =
                super::questions_view::passage_list(ui, ws, nb, hits, "cooccurrence-passages")
            {
                event = Some(CooccurrenceEvent::Open(d, s, e));
            }
        }
        event
    }
}
