//! The comparison view: two documents in aligned rows (paired sentences side by side, one-sided
//! sentences against an empty cell marked "only in 1974" / "only in 2007"), changed words
//! highlighted within pairs, one scroll for both sides, a summary bar, an overview strip of where
//! the differences are (click to jump), next/previous difference, and toggles.

use super::compare_cells::{CellStyle, NoteMark};
use crate::Workspace;
use crate::compare::Grade;
use crate::compare::projection::Versions;
use crate::compare::{
    Alignment, DiffOptions, Pin, Side, Span, add_pin, link_rows, side_labels, word_diff,
};
use egui::{Color32, FontId};

/// Colour marking rows only in the first document.
const ONLY_A: Color32 = Color32::from_rgb(214, 120, 40);
/// Colour marking rows only in the second document.
const ONLY_B: Color32 = Color32::from_rgb(60, 140, 210);

/// An open comparison.
pub struct Comparison {
    /// First document (index in the corpus).
    pub a: usize,
    /// The second document (an index into the corpus): the right column.
    pub b: usize,
    /// The rows shown, with the user's pins applied.
    pub alignment: Alignment,
    /// What the word diff ignores (case, punctuation).
    pub options: DiffOptions,
    /// The least difference a row must have to be shown (identical: every row), and that
    /// F7 steps through (at least wording).
    pub show: Grade,
    /// The row last jumped to.
    pub current: Option<usize>,
    scroll_to: Option<usize>,
    diffs: Vec<Option<(Vec<Span>, Vec<Span>)>>,
    grades: Vec<Option<Grade>>,
    /// The user's corrections (pinned groups), re-applied on top of the automatic alignment.
    pub pins: Vec<Pin>,
    diffs_for: Option<DiffOptions>,
    labels: (String, String),
    /// The two documents as versions (projections of notes, each row's confidence).
    versions: Versions,
}

/// What the view asks the app to do.
pub enum CompareEvent {
    /// Close the comparison.
    Close,
    /// Keep these corrections (pinned groups) for this pair of documents.
    Correct(Vec<Pin>),
    /// Write a note on a row: its first side (0), its second side (1), or both at once (2).
    Annotate(usize, crate::compare::Side),
    /// Copy the notes on one side of a row onto their counterparts on the other side.
    CopyNotes(usize, crate::compare::Side),
}

impl Comparison {
    /// Aligns two documents of the workspace, re-applying the user's pinned groups.
    pub fn new(ws: &Workspace, a: usize, b: usize, pins: Vec<Pin>) -> Comparison {
        let (da, db) = (&ws.corpus.documents[a], &ws.corpus.documents[b]);
        let alignment = ws.align(da.id(), db.id(), &pins).expect("documents exist");
        let versions = Versions::from_alignment(da, db, alignment.clone(), &pins);
        Comparison {
            versions,
            a,
            b,
            diffs: vec![None; alignment.groups.len()],
            grades: vec![None; alignment.groups.len()],
            pins,
            alignment,
            options: DiffOptions::default(),
            show: Grade::Identical,
            current: None,
            scroll_to: None,
            diffs_for: None,
            labels: side_labels(da, db),
        }
    }

    /// How much row `i` differs (one-sided, substantive, wording, identical).
    pub fn grade(&mut self, ws: &Workspace, i: usize) -> Grade {
        let g = self.alignment.groups[i].clone();
        if g.one_sided() {
            return Grade::OneSided;
        }
        let (sa, sb) = self.diff(ws, i);
        if let Some(Some(grade)) = self.grades.get(i) {
            return *grade;
        }
        let (ta, tb) = (self.text(ws, 0, &g.a), self.text(ws, 1, &g.b));
        let grade = Grade::of(&ta, &tb, &sa, &sb);
        if let Some(slot) = self.grades.get_mut(i) {
            *slot = Some(grade);
        }
        grade
    }

    /// Is row `i` a difference (one-sided, or a pair whose words differ)?
    pub fn is_difference(&mut self, ws: &Workspace, i: usize) -> bool {
        self.grade(ws, i) > Grade::Identical
    }

    /// The least grade F7 stops at: the one shown, at least a change of wording.
    fn step_grade(&self) -> Grade {
        self.show.max(Grade::Wording)
    }

    /// "difference 7 of 31": the current row's place among the rows F7 stops at, and how
    /// many there are.
    pub fn position(&mut self, ws: &Workspace) -> (Option<usize>, usize) {
        let least = self.step_grade();
        let n = self.alignment.groups.len();
        let stops: Vec<usize> = (0..n).filter(|&i| self.grade(ws, i) >= least).collect();
        let at = self
            .current
            .and_then(|c| stops.iter().position(|&i| i == c))
            .map(|k| k + 1);
        (at, stops.len())
    }

    fn text(&self, ws: &Workspace, side: usize, idx: &[usize]) -> String {
        let (doc, sents) = if side == 0 {
            (&ws.corpus.documents[self.a], &self.alignment.a)
        } else {
            (&ws.corpus.documents[self.b], &self.alignment.b)
        };
        match (idx.first(), idx.last()) {
            (Some(f), Some(l)) => doc.slice_chars(sents[*f].start, sents[*l].end),
            _ => String::new(),
        }
    }

    fn diff(&mut self, ws: &Workspace, i: usize) -> (Vec<Span>, Vec<Span>) {
        if self.diffs_for != Some(self.options) || self.grades.len() != self.alignment.groups.len()
        {
            self.diffs = vec![None; self.alignment.groups.len()];
            self.grades = vec![None; self.alignment.groups.len()];
            self.diffs_for = Some(self.options);
        }
        if self.diffs[i].is_none() {
            let g = self.alignment.groups[i].clone();
            let (ta, tb) = (self.text(ws, 0, &g.a), self.text(ws, 1, &g.b));
            self.diffs[i] = Some(word_diff(&ta, &tb, self.options));
        }
        self.diffs[i].clone().expect("computed")
    }

    /// Moves to the next (or previous) difference.
    /// Jumps to the next row in one version only (A's when `side_a`) after the current row,
    /// wrapping around to the first.
    pub fn step_one_sided(&mut self, side_a: bool) {
        let groups = &self.alignment.groups;
        let n = groups.len();
        let start = self.current.map_or(0, |c| c + 1);
        let found = (0..n).map(|k| (start + k) % n).find(|&i| {
            let g = &groups[i];
            if side_a {
                g.b.is_empty() && !g.a.is_empty()
            } else {
                g.a.is_empty() && !g.b.is_empty()
            }
        });
        if let Some(i) = found {
            self.current = Some(i);
            self.scroll_to = Some(i);
        }
    }

    pub fn step(&mut self, ws: &Workspace, forward: bool) {
        let n = self.alignment.groups.len();
        let mut i = self
            .current
            .map_or(if forward { 0 } else { n.saturating_sub(1) }, |c| {
                if forward { c + 1 } else { c.wrapping_sub(1) }
            });
        let least = self.step_grade();
        while i < n {
            if self.grade(ws, i) >= least {
                self.current = Some(i);
                self.scroll_to = Some(i);
                return;
            }
            i = if forward { i + 1 } else { i.wrapping_sub(1) };
        }
    }

    /// The notes of each side carried onto the other: (notes of B on A, notes of A on B), in
    /// each document's char offsets.
    fn ghosts(
        &self,
        ws: &Workspace,
        notes_a: &[NoteMark],
        notes_b: &[NoteMark],
    ) -> (Vec<NoteMark>, Vec<NoteMark>) {
        let (ida, idb) = (
            ws.corpus.documents[self.a].id(),
            ws.corpus.documents[self.b].id(),
        );
        let carry = |notes: &[NoteMark], from: &str| {
            notes
                .iter()
                .filter_map(|&(s, e, c)| {
                    let (rs, re) = self.versions.project(from, s, e)?.range?;
                    Some((rs, re, c))
                })
                .collect::<Vec<_>>()
        };
        (carry(notes_b, idb), carry(notes_a, ida))
    }

    /// How the two sides are named ("1974", "2007").
    pub fn labels(&self) -> (&str, &str) {
        (&self.labels.0, &self.labels.1)
    }

    /// The two documents as versions: where a passage lands on the other side, each row's
    /// confidence.
    pub fn versions(&self) -> &Versions {
        &self.versions
    }

    /// Draws the view; `notes_a` / `notes_b` are the notes anchored in each document
    /// (char range, tag colour).
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        notes_a: &[(usize, usize, Color32)],
        notes_b: &[(usize, usize, Color32)],
    ) -> Option<CompareEvent> {
        let mut event = None;
        let (da, db) = (&ws.corpus.documents[self.a], &ws.corpus.documents[self.b]);
        ui.horizontal(|ui| {
            ui.heading("Comparison");
            if ui.button("Close comparison").clicked() {
                event = Some(CompareEvent::Close);
            }
        });
        let crate::compare::AlignmentSummary {
            pairs,
            only_a,
            only_b,
            average_similarity: avg,
        } = self.alignment.summary();
        let (la, lb) = self.labels.clone();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{pairs} pairs"));
            // The counts of one-sided sentences step through them.
            for (side_a, n, label, colour) in
                [(true, only_a, &la, ONLY_A), (false, only_b, &lb, ONLY_B)]
            {
                let colour = crate::ui::contrast::readable_mark(ui.visuals().panel_fill, colour);
                let text = egui::RichText::new(format!("{n} only in {label}")).color(colour);
                if ui
                    .add(egui::Button::new(text).frame(false))
                    .on_hover_text(format!("Go to the next sentence only in {label}"))
                    .clicked()
                {
                    self.step_one_sided(side_a);
                }
            }
            ui.label(format!("average similarity {avg:.2}"));
        });
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Previous difference")
                .on_hover_text("Shift+F7")
                .clicked()
            {
                self.step(ws, false);
            }
            if ui.button("Next difference").on_hover_text("F7").clicked() {
                self.step(ws, true);
            }
            ui.separator();
            ui.checkbox(&mut self.options.ignore_case, "Ignore case");
            ui.checkbox(&mut self.options.ignore_punctuation, "Ignore punctuation");
            ui.label("Show");
            let shown = match self.show {
                Grade::Identical => "every row",
                Grade::Wording => "changes of wording and more",
                Grade::Substantive => "substantive changes and one-sided",
                Grade::OneSided => "only what is in one version",
            };
            egui::ComboBox::from_id_salt("compare-show")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (g, label) in [
                        (Grade::Identical, "every row"),
                        (Grade::Wording, "changes of wording and more"),
                        (Grade::Substantive, "substantive changes and one-sided"),
                        (Grade::OneSided, "only what is in one version"),
                    ] {
                        ui.selectable_value(&mut self.show, g, label);
                    }
                })
                .response
                .on_hover_text(format!(
                    "Rows are graded by their words: identical, wording (at most {:.0}% of the words changed), substantive, or in one version only",
                    crate::compare::diff::WORDING_SHARE * 100.0
                ))
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Show which rows")
                });
            let (at, of) = self.position(ws);
            ui.label(match at {
                Some(k) => format!("difference {k} of {of}"),
                None => format!("{of} differences"),
            });
            if !self.pins.is_empty()
                && ui
                    .button("Reset to the automatic alignment")
                    .on_hover_text("Forget your corrections of this pair")
                    .clicked()
            {
                event = Some(CompareEvent::Correct(Vec::new()));
            }
        });
        ui.separator();
        let font = FontId::proportional(15.0);
        let color = ui.visuals().text_color();
        let changed = crate::ui::contrast::changed_background(ui.visuals().dark_mode);
        let n = self.alignment.groups.len();
        let grades: Vec<Grade> = (0..n).map(|i| self.grade(ws, i)).collect();
        let (ghosts_a, ghosts_b) = self.ghosts(ws, notes_a, notes_b);
        let page = ui.visuals().panel_fill;
        let style = CellStyle {
            font: font.clone(),
            color,
            changed,
            page,
        };
        // 1: only in A, 2: only in B, 3: wording, 4: substantive, 0: identical.
        let kinds: Vec<u8> = (0..n)
            .map(|i| {
                let g = &self.alignment.groups[i];
                match grades[i] {
                    Grade::OneSided if g.b.is_empty() => 1,
                    Grade::OneSided => 2,
                    Grade::Substantive => 4,
                    Grade::Wording => 3,
                    Grade::Identical => 0,
                }
            })
            .collect();
        ui.horizontal_top(|ui| {
            // The overview strip: where the differences are; click to jump.
            let strip_h = ui.available_height().max(100.0);
            let (rect, resp) =
                ui.allocate_exact_size(egui::vec2(14.0, strip_h), egui::Sense::click());
            ui.painter()
                .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
            let dark = ui.visuals().dark_mode;
            for (i, k) in kinds.iter().enumerate() {
                let c = match k {
                    1 => ONLY_A,
                    2 => ONLY_B,
                    3 if dark => Color32::from_gray(90),
                    3 => Color32::from_gray(190),
                    4 if dark => Color32::from_gray(170),
                    4 => Color32::from_gray(100),
                    _ => continue,
                };
                let y = rect.min.y + rect.height() * i as f32 / n.max(1) as f32;
                ui.painter().rect_filled(
                    egui::Rect::from_min_size(
                        egui::pos2(rect.min.x + 2.0, y),
                        egui::vec2(10.0, (rect.height() / n.max(1) as f32).max(2.0)),
                    ),
                    0.0,
                    c,
                );
            }
            // The current row's place on the strip.
            if let Some(c) = self.current {
                let y = rect.min.y + rect.height() * c as f32 / n.max(1) as f32;
                let h = (rect.height() / n.max(1) as f32).max(4.0);
                ui.painter().rect_stroke(
                    egui::Rect::from_min_size(egui::pos2(rect.min.x, y - 1.0), egui::vec2(14.0, h + 2.0)),
                    1.0,
                    egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
                    egui::StrokeKind::Outside,
                );
            }
            resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, "Overview of the differences")
            });
            if resp.clicked()
                && let Some(p) = resp.interact_pointer_pos()
            {
                let i = (((p.y - rect.min.y) / rect.height()) * n as f32) as usize;
                self.current = Some(i.min(n.saturating_sub(1)));
                self.scroll_to = self.current;
            }
            ui.vertical(|ui| {
                let visible =
                    (ui.clip_rect().right() - ui.cursor().left()).min(ui.available_width());
                let col = ((visible - 30.0) / 2.0).max(150.0);
                // The side's label first ("1974", "14 September 1960"), so that two long
                // titles that begin alike stay apart when cut; the whole title on hover.
                ui.horizontal(|ui| {
                    for (doc, label) in [(da, &self.labels.0), (db, &self.labels.1)] {
                        let header = format!("{label}: {}", doc.meta.short_title);
                        ui.add_sized(
                            [col, 18.0],
                            egui::Label::new(egui::RichText::new(header).strong()).truncate(),
                        )
                        .on_hover_text(&doc.meta.title);
                    }
                });
                let scroll_to = self.scroll_to.take();
                egui::ScrollArea::vertical()
                    .id_salt(("compare", self.a, self.b))
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let visible =
                            (ui.clip_rect().right() - ui.cursor().left()).min(ui.available_width());
                        let col = ((visible - 28.0) / 2.0).max(150.0);
                        for (i, grade) in grades.iter().enumerate() {
                            if *grade < self.show {
                                continue;
                            }
                            let g = self.alignment.groups[i].clone();
                            let (sa, sb) = if g.one_sided() {
                                (Vec::new(), Vec::new())
                            } else {
                                self.diff(ws, i)
                            };
                            let (ta, tb) = (self.text(ws, 0, &g.a), self.text(ws, 1, &g.b));
                            // The current row (F7) stands out: framed and shaded.
                            let current = self.current == Some(i);
                            let frame = egui::Frame::new()
                                .inner_margin(4.0)
                                .fill(if current {
                                    ui.visuals().selection.bg_fill.gamma_multiply(0.25)
                                } else {
                                    Color32::TRANSPARENT
                                })
                                .stroke(if current {
                                    egui::Stroke::new(2.0, ui.visuals().selection.stroke.color)
                                } else {
                                    egui::Stroke::NONE
                                });
                            let resp = frame.show(ui, |ui| {
                                let notes_here = ui.horizontal_top(|ui| {
                                    let cell_notes = |all: &[(usize, usize, Color32)], start: usize, len: usize| -> Vec<(usize, usize, Color32)> {
                                        all.iter()
                                            .filter(|n| n.0 < start + len && n.1 > start)
                                            .map(|n| (n.0.saturating_sub(start), (n.1 - start).min(len), n.2))
                                            .collect()
                                    };
                                    let start_a = g.a.first().map_or(0, |&i| self.alignment.a[i].start);
                                    let start_b = g.b.first().map_or(0, |&j| self.alignment.b[j].start);
                                    let (len_a, len_b) = (ta.chars().count(), tb.chars().count());
                                    let na = cell_notes(notes_a, start_a, len_a);
                                    let nb = cell_notes(notes_b, start_b, len_b);
                                    let ga = cell_notes(&ghosts_a, start_a, len_a);
                                    let gb = cell_notes(&ghosts_b, start_b, len_b);
                                    for (side, text, spans, other_label, mark, notes, ghosts, this_label) in [
                                        (Side::A, &ta, &sa, &lb, ONLY_B, &na, &ga, &la),
                                        (Side::B, &tb, &sb, &la, ONLY_A, &nb, &gb, &lb),
                                    ] {
                                        let cell = ui.allocate_ui(egui::vec2(col, 0.0), |ui| {
                                            ui.set_width(col);
                                            if text.is_empty() {
                                                ui.label(
                                                    egui::RichText::new(format!(
                                                        "only in {other_label}"
                                                    ))
                                                    .italics()
                                                    .color(crate::ui::contrast::readable_mark(
                                                        ui.visuals().panel_fill,
                                                        mark,
                                                    )),
                                                );
                                            } else {
                                                ui.horizontal_top(|ui| {
                                                    super::compare_cells::link_handle(ui, i, side, this_label);
                                                    ui.add(
                                                        egui::Label::new(super::compare_cells::job(
                                                            text, spans, notes, ghosts, &style,
                                                        ))
                                                        .wrap(),
                                                    );
                                                });
                                            }
                                        });
                                        // A side of another row dropped here: link them.
                                        let r = &cell.response;
                                        if let Some(d) = r.dnd_hover_payload::<super::compare_cells::LinkDrag>()
                                            && d.side != side
                                            && !text.is_empty()
                                        {
                                            ui.painter().rect_stroke(
                                                r.rect.expand(2.0),
                                                3.0,
                                                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
                                                egui::StrokeKind::Outside,
                                            );
                                        }
                                        if let Some(d) = r.dnd_release_payload::<super::compare_cells::LinkDrag>()
                                            && d.side != side
                                            && let Some(pins) = link_rows(
                                                &self.alignment.groups,
                                                &self.pins,
                                                d.row,
                                                d.side,
                                                i,
                                            )
                                        {
                                            event = Some(CompareEvent::Correct(pins));
                                        }
                                    }
                                    (!na.is_empty(), !nb.is_empty())
                                }).inner;
                                let confidence = self.versions.confidence(i);
                                if let Some(c) = confidence {
                                    let text = if g.one_sided() {
                                        c.label().to_string()
                                    } else {
                                        format!("{} · similarity {:.2}", c.label(), g.score)
                                    };
                                    let colour = match c {
                                        crate::compare::Confidence::Low => {
                                            crate::ui::contrast::readable_mark(page, ONLY_A)
                                        }
                                        _ => ui.visuals().weak_text_color(),
                                    };
                                    ui.label(egui::RichText::new(text).small().color(colour))
                                        .on_hover_text(c.explanation());
                                }
                                notes_here
                            });
                            if scroll_to == Some(i) {
                                resp.response.scroll_to_me(Some(egui::Align::Center));
                            }
                            let next = self.alignment.groups.get(i + 1).cloned();
                            let pins = self.pins.clone();
                            let has_notes = (
                                resp.inner.0,
                                resp.inner.1,
                            );
                            resp.response
                                .interact(egui::Sense::click())
                                .context_menu(|ui| {
                                    if let Some(n) = &next
                                        && ui.button("Merge with the next row").clicked()
                                    {
                                        let mut pa: Vec<usize> =
                                            g.a.iter().chain(&n.a).copied().collect();
                                        let mut pb: Vec<usize> =
                                            g.b.iter().chain(&n.b).copied().collect();
                                        pa.sort_unstable();
                                        pb.sort_unstable();
                                        event =
                                            Some(CompareEvent::Correct(add_pin(&pins, (pa, pb))));
                                        ui.close();
                                    }
                                    if !g.a.is_empty() && ui.button(format!("Annotate the {la} side…")).clicked() {
                                        event = Some(CompareEvent::Annotate(i, crate::compare::Side::A));
                                        ui.close();
                                    }
                                    if !g.b.is_empty() && ui.button(format!("Annotate the {lb} side…")).clicked() {
                                        event = Some(CompareEvent::Annotate(i, crate::compare::Side::B));
                                        ui.close();
                                    }
                                    if !g.one_sided() && ui.button("Note on this pair (both sides)…").clicked() {
                                        event = Some(CompareEvent::Annotate(i, crate::compare::Side::Both));
                                        ui.close();
                                    }
                                    // Pair one side with the other side of a neighbouring
                                    // row (what a dragged link does, from the keyboard).
                                    for (side, label, other) in [(Side::A, &la, &lb), (Side::B, &lb, &la)] {
                                        for (to, which) in [(i.wrapping_sub(1), "previous"), (i + 1, "next")] {
                                            if let Some(out) = link_rows(&self.alignment.groups, &pins, i, side, to)
                                                && ui.button(format!("Pair the {label} side with the {which} row's {other} side")).clicked()
                                            {
                                                event = Some(CompareEvent::Correct(out));
                                                ui.close();
                                            }
                                        }
                                    }
                                    if !g.one_sided() {
                                        for (side, has, from, to) in [(Side::A, has_notes.0, &la, &lb), (Side::B, has_notes.1, &lb, &la)] {
                                            if has && ui.button(format!("Copy the notes of the {from} side to {to}")).clicked() {
                                                event = Some(CompareEvent::CopyNotes(i, side));
                                                ui.close();
                                            }
                                        }
                                    }
                                    if g.a.len() + g.b.len() > 1
                                        && ui.button("Split into single sentences").clicked()
                                    {
                                        let mut out = pins.clone();
                                        for &i in &g.a {
                                            out = add_pin(&out, (vec![i], vec![]));
                                        }
                                        for &j in &g.b {
                                            out = add_pin(&out, (vec![], vec![j]));
                                        }
                                        event = Some(CompareEvent::Correct(out));
                                        ui.close();
                                    }
                                });
                            ui.separator();
                        }
                    });
            });
        });
        event
    }
}
