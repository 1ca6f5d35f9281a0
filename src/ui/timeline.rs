//! The timeline: the documents on a time axis from September 1960 to June 1961 (what the memoirs
//! and the 1992 comments recount, placed where it happened, with when they were published or
//! said), coloured by kind, labelled with the main interlocutor, the key events of the period
//! marked. Hover shows title and people; click opens the document. Documents the library filters
//! out are dimmed. Zoom with the wheel or the buttons, pan by dragging.

use crate::Workspace;
use crate::corpus::{Document, Kind};
use crate::people::Role;
use egui::{Color32, Pos2, Rect, Sense, pos2, vec2};

/// Days from 1 September 1960 to the middle of a date (a day, or the middle of a month, a year
/// or a range), by the real calendar.
pub fn day_number(iso: &str) -> Option<f32> {
    let date = crate::corpus::DocDate::parse(iso).ok()?;
    let origin = time::Date::from_calendar_date(1960, time::Month::September, 1).ok()?;
    let (first, last) = (date.first_day()?, date.last_day()?);
    let days = |d: time::Date| (d - origin).whole_days() as f32;
    Some(if first == last {
        days(first)
    } else {
        (days(first) + days(last)) / 2.0
    })
}

const MONTHS: [(&str, &str); 11] = [
    ("1960-09-01", "Sep 1960"),
    ("1960-10-01", "Oct"),
    ("1960-11-01", "Nov"),
    ("1960-12-01", "Dec"),
    ("1961-01-01", "Jan 1961"),
    ("1961-02-01", "Feb"),
    ("1961-03-01", "Mar"),
    ("1961-04-01", "Apr"),
    ("1961-05-01", "May"),
    ("1961-06-01", "Jun"),
    ("1961-07-01", "Jul"),
];

/// Colour of a kind.
pub fn kind_color(kind: Kind) -> Color32 {
    match kind {
        Kind::RecordOfConversation => Color32::from_rgb(52, 120, 200),
        Kind::Memoir => Color32::from_rgb(210, 110, 40),
        Kind::OralHistory => Color32::from_rgb(150, 80, 190),
        Kind::Commentary => Color32::GRAY,
        Kind::UserDocument => Color32::from_rgb(40, 160, 90),
    }
}

/// The main interlocutor of a document, as a short label ("Roa", "Castro & Dorticós").
pub fn interlocutor(ws: &Workspace, doc: &Document) -> String {
    let id = doc.id();
    let surname = |p: &str| {
        let name = ws.person_name(p);
        name.rsplit(' ').next().unwrap_or(name).to_string()
    };
    match doc.meta.kind {
        Kind::Memoir | Kind::OralHistory => {
            doc.meta.author.as_deref().map(surname).unwrap_or_default()
        }
        _ => {
            let roles = ws.people.roles.get(id);
            let mut present: Vec<String> = roles
                .into_iter()
                .flatten()
                .filter(|(p, r)| {
                    r.contains(&Role::Present)
                        && !r.contains(&Role::Recorder)
                        && Some(p.as_str()) != doc.meta.author.as_deref()
                })
                .map(|(p, _)| p.clone())
                .collect();
            // The first names in the heading come first: Castro before his adviser.
            present.sort_by_key(|p| {
                ws.people
                    .mentions
                    .get(id)
                    .and_then(|m| m.iter().position(|x| &x.person == p))
                    .unwrap_or(usize::MAX)
            });
            present
                .iter()
                .take(2)
                .map(|p| surname(p))
                .collect::<Vec<_>>()
                .join(" & ")
        }
    }
}

/// The timeline's zoom and pan (days per pixel, first day shown), kept between frames.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// Points per day.
    pub zoom: f32,
    /// Day shown at the left edge.
    pub start: f32,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            zoom: 0.0,
            start: -5.0,
        }
    }
}

impl Timeline {
    /// Draws the timeline, with a ring and a count on each document that has notes of yours
    /// (`notes`: notes per document id); returns the document clicked.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        visible: &[usize],
        notes: &std::collections::HashMap<String, usize>,
    ) -> Option<usize> {
        let mut open = None;
        ui.horizontal(|ui| {
            ui.heading("Timeline");
            ui.label("September 1960 – June 1961. Drag to pan, scroll or use the buttons to zoom.");
        });
        let width = ui.available_width().max(300.0);
        if self.zoom <= 0.0 {
            self.zoom = width / 310.0;
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Zoom in").clicked() {
                self.zoom *= 1.5;
            }
            if ui.button("Zoom out").clicked() {
                self.zoom /= 1.5;
            }
            if ui.button("Whole period").clicked() {
                *self = Timeline {
                    zoom: width / 310.0,
                    start: -5.0,
                };
            }
            for (kind, label) in [
                (Kind::RecordOfConversation, "record"),
                (Kind::Memoir, "memoir (event recounted)"),
                (Kind::OralHistory, "oral history (event recounted)"),
            ] {
                ui.colored_label(kind_color(kind), label);
            }
        });
        let (rect, response) = ui.allocate_exact_size(
            vec2(width, ui.available_height().max(300.0)),
            Sense::click_and_drag(),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline of the documents")
        });
        if response.dragged() {
            self.start -= response.drag_delta().x / self.zoom;
        }
        if response.hovered() {
            let scroll = ui.input(|i| i.smooth_scroll_delta.y);
            if scroll != 0.0 {
                let pointer_day = ui
                    .input(|i| i.pointer.hover_pos())
                    .map_or(self.start, |p| self.start + (p.x - rect.min.x) / self.zoom);
                self.zoom = (self.zoom * (1.0 + scroll * 0.002)).clamp(0.5, 60.0);
                self.start = pointer_day
                    - ui.input(|i| i.pointer.hover_pos())
                        .map_or(0.0, |p| p.x - rect.min.x)
                        / self.zoom;
            }
        }
        let painter = ui.painter_at(rect);
        let x_of = |day: f32| rect.min.x + (day - self.start) * self.zoom;
        let axis_y = rect.max.y - 40.0;
        let weak = ui.visuals().weak_text_color();
        let text = ui.visuals().text_color();
        painter.hline(rect.x_range(), axis_y, (1.0, weak));
        for (iso, label) in MONTHS {
            let x = x_of(day_number(iso).unwrap_or(0.0));
            painter.vline(x, axis_y - 4.0..=axis_y + 4.0, (1.0, weak));
            painter.text(
                pos2(x + 2.0, axis_y + 6.0),
                egui::Align2::LEFT_TOP,
                label,
                egui::FontId::proportional(12.0),
                weak,
            );
        }
        for (
            i,
            crate::corpus::events::KeyEvent {
                first: from,
                last: to,
                label,
            },
        ) in crate::corpus::events::KEY_EVENTS.iter().enumerate()
        {
            let (a, b) = (
                x_of(day_number(from).unwrap_or(0.0)),
                x_of(day_number(to).unwrap_or(0.0) + 1.0),
            );
            let band = Rect::from_min_max(pos2(a, rect.min.y + 20.0), pos2(b.max(a + 2.0), axis_y));
            painter.rect_filled(band, 0.0, Color32::from_rgba_unmultiplied(220, 60, 60, 40));
            painter.text(
                pos2(a + 3.0, rect.min.y + 4.0 + 14.0 * i as f32),
                egui::Align2::LEFT_TOP,
                *label,
                egui::FontId::proportional(12.0),
                Color32::from_rgb(200, 70, 70),
            );
        }
        let mut shown = vec![false; ws.corpus.documents.len()];
        for &i in visible {
            if let Some(s) = shown.get_mut(i) {
                *s = true;
            }
        }
        if ws.corpus.documents.len() > BINS_FROM {
            return self.show_bins(ui, ws, &shown, rect, axis_y);
        }
        // Documents: lanes by kind, stacked where they meet on one day.
        // Each placed marker with its label, so later ones move up instead of overlapping.
        let mut used: Vec<Rect> = Vec::new();
        let pointer = ui.input(|i| i.pointer.hover_pos());
        for (i, d) in ws.corpus.documents.iter().enumerate() {
            if d.meta.kind == Kind::Commentary {
                continue;
            }
            let date = d.meta.event_date.as_ref().or(d.meta.date.as_ref());
            let Some(day) = date.and_then(|x| day_number(x.as_str())) else {
                continue;
            };
            let x = x_of(day);
            let lane = match d.meta.kind {
                Kind::RecordOfConversation => 0.0,
                Kind::Memoir => 1.0,
                _ => 2.0,
            };
            let mut label = interlocutor(ws, d);
            if let Some(p) = d.meta.published {
                label = format!("{label} (publ. {p})");
            } else if d.meta.event_date.is_some() {
                label = format!(
                    "{label} (said {})",
                    d.meta
                        .date
                        .as_ref()
                        .map_or(String::new(), |x| x.year().to_string())
                );
            }
            // Your notes on it: said in its label (and a ring on its marker, below).
            let noted = notes.get(d.id()).copied().unwrap_or(0);
            if noted > 0 {
                label = format!(
                    "{label} · {noted} note{}",
                    if noted == 1 { "" } else { "s" }
                );
            }
            let dim = !shown[i];
            let galley = painter.layout_no_wrap(
                label,
                egui::FontId::proportional(12.0),
                if dim { weak } else { text },
            );
            let width = galley.size().x;
            // Near the right edge the label goes to the left of its marker.
            let label_left = x + 9.0 + width > rect.max.x;
            let footprint = |y: f32| {
                let (l, r) = if label_left {
                    (x - 9.0 - width, x + 7.0)
                } else {
                    (x - 7.0, x + 9.0 + width)
                };
                Rect::from_min_max(pos2(l, y - 9.0), pos2(r, y + 9.0))
            };
            let mut y = axis_y - 30.0 - lane * 60.0;
            while y > rect.min.y + 40.0 && used.iter().any(|u| u.intersects(footprint(y))) {
                y -= 22.0;
            }
            used.push(footprint(y));
            let color = if dim {
                kind_color(d.meta.kind).gamma_multiply(0.25)
            } else {
                kind_color(d.meta.kind)
            };
            let center = Pos2::new(x, y);
            painter.circle_filled(center, 6.0, color);
            if noted > 0 {
                let accent = ui.visuals().hyperlink_color;
                painter.circle_stroke(center, 9.0, egui::Stroke::new(2.0, accent));
            }
            painter.line_segment(
                [pos2(x, y + 6.0), pos2(x, axis_y)],
                (1.0, color.gamma_multiply(0.4)),
            );
            let label_x = if label_left { x - 9.0 - width } else { x + 9.0 };
            painter.galley(pos2(label_x, y - galley.size().y / 2.0), galley, text);
            let hit = Rect::from_center_size(center, vec2(16.0, 16.0));
            let r = ui.interact(hit, ui.scope_id().with(("timeline-doc", i)), Sense::click());
            let title = match noted {
                0 => d.meta.title.clone(),
                1 => format!("{}, 1 note", d.meta.title),
                n => format!("{}, {n} notes", d.meta.title),
            };
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &title));
            if r.clicked() {
                open = Some(i);
            }
            if pointer.is_some_and(|p| hit.contains(p)) {
                let people: Vec<String> = ws
                    .people
                    .roles
                    .get(d.id())
                    .into_iter()
                    .flatten()
                    .filter(|(_, r)| r.contains(&Role::Present))
                    .map(|(p, _)| ws.person_name(p).to_string())
                    .collect();
                r.on_hover_ui(|ui| {
                    ui.strong(&d.meta.title);
                    if let Some(x) = &d.meta.date {
                        ui.label(x.long_form());
                    }
                    if !people.is_empty() {
                        ui.label(format!("Present: {}", people.join(", ")));
                    }
                    if noted > 0 {
                        ui.label(format!(
                            "{noted} note{} of yours",
                            if noted == 1 { "" } else { "s" }
                        ));
                    }
                });
            }
        }
        open
    }

    /// A large library: documents grouped into bins of about 28 points per lane, each drawn
    /// as one marker sized by its count; a click on a bin zooms in on it (or opens its only
    /// document). The work per frame is one pass over the documents.
    fn show_bins(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        shown: &[bool],
        rect: Rect,
        axis_y: f32,
    ) -> Option<usize> {
        let bin_days = (28.0 / self.zoom).max(1.0);
        let first = self.start - bin_days;
        let last = self.start + rect.width() / self.zoom + bin_days;
        // (lane, bin) → (documents, documents shown, first document).
        let mut bins: std::collections::BTreeMap<(u8, i64), (usize, usize, usize)> =
            std::collections::BTreeMap::new();
        for (i, &placed) in placements(ui.ctx(), ws).iter().enumerate() {
            let Some((lane, day)) = placed else {
                continue;
            };
            if day < first || day > last {
                continue;
            }
            let e = bins
                .entry((lane, (day / bin_days).floor() as i64))
                .or_insert((0, 0, i));
            e.0 += 1;
            e.1 += usize::from(shown[i]);
        }
        let painter = ui.painter_at(rect);
        let x_of = |day: f32| rect.min.x + (day - self.start) * self.zoom;
        let mut open = None;
        let mut zoom_to = None;
        for (&(lane, bin), &(n, n_shown, first_doc)) in &bins {
            let center_day = (bin as f32 + 0.5) * bin_days;
            let x = x_of(center_day);
            if !rect.x_range().contains(x) {
                continue;
            }
            let y = axis_y - 30.0 - f32::from(lane) * 60.0;
            let kind = ws.corpus.documents[first_doc].meta.kind;
            let color = if n_shown == 0 {
                kind_color(kind).gamma_multiply(0.25)
            } else {
                kind_color(kind)
            };
            let radius = (4.0 + (n as f32).ln() * 2.0).min(13.0);
            painter.circle_filled(pos2(x, y), radius, color);
            painter.line_segment(
                [pos2(x, y + radius), pos2(x, axis_y)],
                (1.0, color.gamma_multiply(0.4)),
            );
            painter.text(
                pos2(x, y - radius - 2.0),
                egui::Align2::CENTER_BOTTOM,
                n.to_string(),
                egui::FontId::proportional(11.0),
                ui.visuals().text_color(),
            );
            let hit =
                Rect::from_center_size(pos2(x, y), vec2(2.0 * radius + 4.0, 2.0 * radius + 4.0));
            let r = ui.interact(
                hit,
                ui.scope_id().with(("timeline-bin", lane, bin)),
                Sense::click(),
            );
            let what = if n == 1 {
                ws.corpus.documents[first_doc].meta.title.clone()
            } else {
                format!(
                    "{n} documents ({n_shown} shown by the library's filters); click to zoom in"
                )
            };
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &what));
            let r = r.on_hover_text(&what);
            if r.clicked() {
                if n == 1 {
                    open = Some(first_doc);
                } else {
                    zoom_to = Some(center_day);
                }
            }
        }
        if let Some(day) = zoom_to {
            self.zoom = (self.zoom * 3.0).min(60.0);
            self.start = day - rect.width() / 2.0 / self.zoom;
        }
        open
    }
}

/// Each document's lane and day on the timeline (none for commentary and undated documents),
/// computed once per library and remembered in egui's memory.
fn placements(ctx: &egui::Context, ws: &Workspace) -> std::sync::Arc<Vec<Option<(u8, f32)>>> {
    type Memo = ((usize, usize), std::sync::Arc<Vec<Option<(u8, f32)>>>);
    let id = egui::Id::unique("timeline-placements");
    let library = (ws as *const Workspace as usize, ws.corpus.documents.len());
    if let Some((l, p)) = ctx.data_mut(|d| d.get_temp::<Memo>(id))
        && l == library
    {
        return p;
    }
    let placed: Vec<Option<(u8, f32)>> = ws
        .corpus
        .documents
        .iter()
        .map(|d| {
            if d.meta.kind == Kind::Commentary {
                return None;
            }
            let date = d.meta.event_date.as_ref().or(d.meta.date.as_ref());
            let day = date.and_then(|x| day_number(x.as_str()))?;
            let lane = match d.meta.kind {
                Kind::RecordOfConversation => 0,
                Kind::Memoir => 1,
                _ => 2,
            };
            Some((lane, day))
        })
        .collect();
    let placed = std::sync::Arc::new(placed);
    ctx.data_mut(|d| d.insert_temp::<Memo>(id, (library, std::sync::Arc::clone(&placed))));
    placed
}

/// Above this many documents the timeline groups them into bins.
pub const BINS_FROM: usize = 400;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_the_first_of_september_1960() {
        assert_eq!(day_number("1960-09-01"), Some(0.0));
        assert_eq!(day_number("1960-09-20"), Some(19.0));
        assert_eq!(day_number("1961-01-20"), Some(141.0));
        assert_eq!(day_number("1961-06-24"), Some(296.0));
    }
}
