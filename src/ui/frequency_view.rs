//! Codes over time: a chart of how often each chosen tag appears by the month (or year) of its
//! passages' documents, with the key events of the period drawn in; each point names its count
//! for screen readers and, clicked, lists the passages behind it; the table copies as CSV.

use crate::Workspace;
use crate::notes::Anchored;
use crate::notes::model::Notebook;
use crate::search::frequency::{Dating, Frequency, FrequencyOptions, Step, code_frequency};
use egui::{Color32, Rect, Sense, pos2, vec2};
use std::collections::HashMap;
use std::sync::Arc;

/// Codes drawn when the user has not chosen any: the first top-level codes in use.
const DEFAULT_CODES: usize = 6;

/// The view's state.
#[derive(Debug, Clone)]
pub struct FrequencyView {
    /// The tags drawn (None: not chosen yet, the first top-level codes in use).
    pub chosen: Option<Vec<String>>,
    /// What is counted and how the periods are cut.
    pub options: FrequencyOptions,
    /// Passages per dated document of the period instead of passages.
    pub per_document: bool,
    /// The point clicked (series, period).
    pub selected: Option<(usize, usize)>,
    chart: Option<(ChartKey, Arc<Frequency>)>,
    /// The codes drawn by default, for a notebook revision.
    default_tags: Option<(u64, Vec<String>)>,
}

/// What a chart was computed from: notebook and library revisions, the tags, the options.
type ChartKey = (u64, u64, Vec<String>, FrequencyOptions);

impl Default for FrequencyView {
    fn default() -> Self {
        FrequencyView {
            chosen: None,
            options: FrequencyOptions {
                with_children: true,
                ..FrequencyOptions::default()
            },
            per_document: false,
            selected: None,
            chart: None,
            default_tags: None,
        }
    }
}

/// What the view asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum FrequencyEvent {
    /// Show a passage in the reader (document index, start, end).
    Open(usize, usize, usize),
    /// The table was copied as CSV (say so).
    Copied,
}

/// A series' colour: its tag's (inherited) colour, or one of the palette's by position.
fn series_colour(nb: &Notebook, tag: &str, i: usize, dark: bool) -> Color32 {
    let stored = nb.tag_colour(tag).map(str::to_string).unwrap_or_else(|| {
        let palette = crate::notes::model::TAG_PALETTE;
        palette[i % palette.len()].to_string()
    });
    crate::ui::highlight::tag_color(&stored, dark)
}

/// The key events' colour, readable on the theme's background.
fn event_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(240, 130, 130)
    } else {
        Color32::from_rgb(170, 30, 30)
    }
}

/// "1 passage", "3 passages".
fn passages(n: usize) -> String {
    if n == 1 {
        "1 passage".into()
    } else {
        format!("{n} passages")
    }
}

impl FrequencyView {
    /// The tags drawn: those chosen that still exist, or (none chosen yet) the first top-level
    /// codes in use, found once per notebook revision.
    pub fn tags(&mut self, nb: &Notebook, revision: u64) -> Vec<String> {
        if let Some(chosen) = &self.chosen {
            return chosen
                .iter()
                .filter(|t| nb.tag(t).is_some())
                .cloned()
                .collect();
        }
        if let Some((r, tags)) = &self.default_tags
            && *r == revision
        {
            return tags.clone();
        }
        let counts = nb.tag_counts();
        let used =
            |t: &&crate::notes::model::Tag| counts.get(t.name.as_str()).is_some_and(|c| c.1 > 0);
        let mut tags: Vec<String> = nb
            .tags
            .iter()
            .filter(|t| t.parent.is_none())
            .filter(used)
            .take(DEFAULT_CODES)
            .map(|t| t.name.clone())
            .collect();
        if tags.is_empty() {
            tags = nb
                .tags
                .iter()
                .filter(used)
                .take(DEFAULT_CODES)
                .map(|t| t.name.clone())
                .collect();
        }
        self.default_tags = Some((revision, tags.clone()));
        tags
    }

    /// The chart for the tags and options chosen (computed again when the notes, the library,
    /// the tags or the options changed).
    pub fn chart(
        &mut self,
        ws: &Workspace,
        nb: &Notebook,
        revision: u64,
        anchors: &HashMap<String, Vec<Anchored>>,
    ) -> Arc<Frequency> {
        let tags = self.tags(nb, revision);
        let key = (revision, ws.revision, tags, self.options);
        if self.chart.as_ref().is_none_or(|(k, _)| *k != key) {
            let f = code_frequency(ws, nb, anchors, &key.2, self.options);
            self.chart = Some((key, Arc::new(f)));
            self.selected = None;
        }
        Arc::clone(&self.chart.as_ref().expect("just made").1)
    }

    /// Draws the view.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        nb: &Notebook,
        revision: u64,
        anchors: &HashMap<String, Vec<Anchored>>,
    ) -> Option<FrequencyEvent> {
        let mut event = None;
        let dark = ui.visuals().dark_mode;
        ui.heading("Codes over time");
        if nb.tags.is_empty() {
            ui.label(
                egui::RichText::new("No codes yet: tag some passages, then see how often each comes up, month by month.")
                    .weak(),
            );
            return None;
        }
        self.code_choice(ui, nb, revision, dark);
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.options.with_children, "With the codes under each");
            ui.separator();
            ui.label("Count");
            ui.radio_value(&mut self.per_document, false, "passages");
            ui.radio_value(&mut self.per_document, true, "per document of the period")
                .on_hover_text("Passages divided by the library's documents dated in that period");
            ui.separator();
            let l = ui.label("Periods");
            egui::ComboBox::from_id_salt("frequency-step")
                .selected_text(step_label(self.options.step))
                .show_ui(ui, |ui| {
                    for s in [Step::Auto, Step::Months, Step::Years] {
                        ui.selectable_value(&mut self.options.step, s, step_label(s));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.separator();
            let mut recounted = self.options.dating == Dating::EventRecounted;
            if ui
                .checkbox(&mut recounted, "Memoirs at the event they recount")
                .on_hover_text(
                    "As on the timeline; untick to place them when they were written or said",
                )
                .changed()
            {
                self.options.dating = if recounted {
                    Dating::EventRecounted
                } else {
                    Dating::Written
                };
            }
        });
        let f = self.chart(ws, nb, revision, anchors);
        ui.horizontal_wrapped(|ui| {
            let undated: Vec<String> = f
                .series
                .iter()
                .filter(|s| s.undated > 0)
                .map(|s| format!("{} {}", s.tag, s.undated))
                .collect();
            if !undated.is_empty() {
                ui.label(
                    egui::RichText::new(format!(
                        "Not dated (memos, undated documents): {}",
                        undated.join(", ")
                    ))
                    .small()
                    .weak(),
                );
            }
            if !f.periods.is_empty() && ui.button("Copy as CSV").clicked() {
                ui.ctx().copy_text(f.to_csv());
                event = Some(FrequencyEvent::Copied);
            }
        });
        if f.periods.is_empty() {
            ui.label(egui::RichText::new("None of these codes is on a dated passage yet.").weak());
            return event;
        }
        let height = (ui.available_height() * 0.55).clamp(220.0, 520.0);
        self.plot(ui, nb, &f, height, dark);
        if let Some((s, p)) = self.selected
            && let (Some(series), Some(period)) = (f.series.get(s), f.periods.get(p))
        {
            ui.separator();
            let hits = &series.hits[p];
            ui.label(match hits.len() {
                1 => format!("The passage coded {} in {}:", series.tag, period.label),
                n => format!("The {n} passages coded {} in {}:", series.tag, period.label),
            });
            if let Some((d, s, e)) =
                super::questions_view::passage_list(ui, ws, nb, hits, "frequency-passages")
            {
                event = Some(FrequencyEvent::Open(d, s, e));
            }
        }
        event
    }

    /// The codes to draw, ticked on and off, each in its colour.
    fn code_choice(&mut self, ui: &mut egui::Ui, nb: &Notebook, revision: u64, dark: bool) {
        let drawn = self.tags(nb, revision);
        let mut chosen = drawn.clone();
        ui.horizontal_wrapped(|ui| {
            ui.label("Codes:");
            for (i, row) in nb.tag_tree().iter().enumerate() {
                let name = &row.tag.name;
                let mut on = chosen.contains(name);
                let colour = series_colour(nb, name, i, dark);
                let label = if row.depth > 0 {
                    format!("{}{name}", "› ".repeat(row.depth))
                } else {
                    name.clone()
                };
                // The box and the name, then the code's colour (a legend entry).
                let resp = ui.checkbox(&mut on, label);
                let (rect, _) = ui.allocate_exact_size(vec2(14.0, 10.0), Sense::hover());
                ui.painter()
                    .hline(rect.x_range(), rect.center().y, (3.0, colour));
                ui.add_space(6.0);
                let resp = if row.tag.description.is_empty() {
                    resp
                } else {
                    resp.on_hover_text(&row.tag.description)
                };
                if resp.changed() {
                    if on {
                        chosen.push(name.clone());
                    } else {
                        chosen.retain(|t| t != name);
                    }
                }
            }
        });
        if chosen != drawn {
            // In the codebook's order, whatever the order of the clicks.
            let order: Vec<&str> = nb.tag_tree().iter().map(|r| r.tag.name.as_str()).collect();
            chosen.sort_by_key(|t| order.iter().position(|o| o == t));
            self.chosen = Some(chosen);
        }
    }

    /// The chart: a line per code over the periods, the key events as bands, a point per
    /// count (hover for it, click for its passages).
    fn plot(&mut self, ui: &mut egui::Ui, nb: &Notebook, f: &Frequency, height: f32, dark: bool) {
        let width = ui.available_width().max(300.0);
        let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
        let total: usize = f.series.iter().flat_map(|s| s.counts.iter()).sum();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                format!(
                    "Chart of {} codes over {} {}: {}",
                    f.series.len(),
                    f.periods.len(),
                    if f.months { "months" } else { "years" },
                    passages(total)
                ),
            )
        });
        let value = |s: usize, p: usize| -> f32 {
            let n = f.series[s].counts[p] as f32;
            if self.per_document {
                n / f.documents[p].max(1) as f32
            } else {
                n
            }
        };
        let highest = (0..f.series.len())
            .flat_map(|s| (0..f.periods.len()).map(move |p| (s, p)))
            .map(|(s, p)| value(s, p))
            .fold(0.0f32, f32::max);
        // The value axis: whole steps for passages (at most five lines), quarters for a rate.
        let (top, step) = if self.per_document {
            let top = highest.max(0.1);
            (top, top / 4.0)
        } else {
            let step = (highest / 4.0).ceil().max(1.0);
            ((highest / step).ceil().max(1.0) * step, step)
        };
        let text = ui.visuals().text_color();
        let weak = ui.visuals().weak_text_color();
        let font = egui::FontId::proportional(12.0);
        let events_height = 16.0 * f.events.len().min(4) as f32 + 6.0;
        let plot = Rect::from_min_max(
            pos2(rect.min.x + 44.0, rect.min.y + events_height),
            pos2(rect.max.x - 12.0, rect.max.y - 34.0),
        );
        let painter = ui.painter_at(rect);
        let n = f.periods.len();
        let x_at = |pos: f32| plot.min.x + pos / n as f32 * plot.width();
        let y_at = |v: f32| plot.max.y - v / top * plot.height();
        // Key events: a band from their first to their last day, named above.
        let events = event_colour(dark);
        for (i, e) in f.events.iter().enumerate() {
            let (a, b) = (x_at(e.from), x_at(e.to));
            let band = Rect::from_min_max(pos2(a, plot.min.y), pos2(b.max(a + 2.0), plot.max.y));
            painter.rect_filled(band, 0.0, events.gamma_multiply(0.18));
            painter.vline(a, plot.y_range(), (1.0, events.gamma_multiply(0.7)));
            let row = (i % 4) as f32;
            let anchor = if a > plot.center().x {
                egui::Align2::RIGHT_TOP
            } else {
                egui::Align2::LEFT_TOP
            };
            painter.text(
                pos2(a, rect.min.y + 2.0 + 16.0 * row),
                anchor,
                e.label,
                font.clone(),
                events,
            );
        }
        painter.hline(plot.x_range(), plot.max.y, (1.0, weak));
        let mut v = 0.0;
        while v <= top + step / 2.0 {
            let y = y_at(v);
            painter.hline(plot.x_range(), y, (0.5, weak.gamma_multiply(0.5)));
            let label = if self.per_document {
                format!("{v:.2}")
            } else {
                format!("{}", v.round() as i64)
            };
            painter.text(
                pos2(plot.min.x - 6.0, y),
                egui::Align2::RIGHT_CENTER,
                label,
                font.clone(),
                weak,
            );
            v += step;
        }
        // The periods: as many labels as fit.
        let every = ((58.0 * n as f32 / plot.width()).ceil() as usize).max(1);
        for (p, period) in f.periods.iter().enumerate() {
            let x = x_at(p as f32 + 0.5);
            painter.vline(x, plot.max.y..=plot.max.y + 4.0, (1.0, weak));
            if p % every == 0 {
                painter.text(
                    pos2(x, plot.max.y + 6.0),
                    egui::Align2::CENTER_TOP,
                    &period.label,
                    font.clone(),
                    weak,
                );
            }
        }
        // A line and points per code.
        let pointer = ui.input(|i| i.pointer.hover_pos());
        let mut hovered: Option<(usize, usize)> = None;
        let order: Vec<&str> = nb.tag_tree().iter().map(|r| r.tag.name.as_str()).collect();
        for (s, series) in f.series.iter().enumerate() {
            let place = order.iter().position(|t| *t == series.tag).unwrap_or(s);
            let colour = series_colour(nb, &series.tag, place, dark);
            // Codes side by side within a period, so that equal counts do not hide each other.
            let dodge = (plot.width() / n as f32 * 0.5 / f.series.len() as f32).min(6.0);
            let shift = (s as f32 - (f.series.len() - 1) as f32 / 2.0) * dodge;
            let points: Vec<egui::Pos2> = (0..n)
                .map(|p| pos2(x_at(p as f32 + 0.5) + shift, y_at(value(s, p))))
                .collect();
            painter.add(egui::Shape::line(points.clone(), (2.5, colour)));
            for (p, at) in points.into_iter().enumerate() {
                let count = series.counts[p];
                if count == 0 {
                    continue;
                }
                let selected = self.selected == Some((s, p));
                let hit = Rect::from_center_size(at, vec2(12.0, 12.0));
                let id = ui.scope_id().with(("frequency-point", s, p));
                let resp = ui.interact(hit, id, Sense::click());
                let name = format!(
                    "{}, {}: {} (of {} dated document{})",
                    series.tag,
                    f.periods[p].label,
                    passages(count),
                    f.documents[p],
                    if f.documents[p] == 1 { "" } else { "s" }
                );
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                if resp.hovered() || pointer.is_some_and(|q| hit.contains(q)) {
                    hovered = Some((s, p));
                }
                if resp.clicked() {
                    self.selected = Some((s, p));
                }
                let resp = resp.on_hover_text(&name);
                let r = if selected || resp.hovered() { 6.0 } else { 4.0 };
                painter.circle(at, r, colour, (1.5, text));
            }
        }
        if hovered.is_some() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
    }
}

/// How a choice of periods is named.
fn step_label(s: Step) -> &'static str {
    match s {
        Step::Auto => "months, or years over 3 years",
        Step::Months => "months",
        Step::Years => "years",
    }
}
