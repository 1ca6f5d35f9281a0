//! The people view: every person with description, number of documents, roles and first and
//! last appearance (click to filter the library by them), and a co-occurrence picture of who
//! appears with whom (click an edge for the documents they share). The picture can be narrowed
//! to one person's neighbourhood (click a person on it, or choose them) and to pairs that share
//! at least some sources, so a library of many people is not a hairball.

use crate::Workspace;
use crate::people::RoleFilter;
use egui::{Color32, Pos2, Sense, pos2, vec2};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Pairs drawn by default share at least this many sources: a pair seen together once is most
/// of the picture and says least.
pub const DEFAULT_MIN_SHARED: usize = 2;

/// People view state.
#[derive(Debug, Clone)]
pub struct PeopleView {
    /// The edge clicked: two person ids.
    pub edge: Option<(String, String)>,
    /// Text filter over names.
    pub filter: String,
    /// The person whose neighbourhood the picture shows (None: everyone).
    pub centre: Option<String>,
    /// Pairs are drawn when they share at least this many sources.
    pub min_shared: usize,
    /// The picture's people and pairs, for the (library, centre, minimum) they were chosen for.
    drawn: Option<(DrawnKey, std::sync::Arc<GraphSelection>)>,
}

/// What a graph selection was made from: the library, the centre, the minimum shared.
type DrawnKey = ((usize, usize), Option<String>, usize);

impl Default for PeopleView {
    fn default() -> Self {
        PeopleView {
            edge: None,
            filter: String::new(),
            centre: None,
            min_shared: DEFAULT_MIN_SHARED,
            drawn: None,
        }
    }
}

/// What the picture draws: the people and the pairs among them that pass its filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphSelection {
    /// Person ids, in the order of `top` (the centre, when there is one, first).
    pub people: Vec<String>,
    /// Indices into the pairs given, most shared first.
    pub pairs: Vec<usize>,
}

/// The people and pairs to draw: pairs sharing at least `min_shared` sources; around `centre`,
/// only that person, those paired with them, and the pairs among these; otherwise everyone in
/// `top` who is in a pair drawn.
pub fn select_graph(
    top: &[String],
    pairs: &[Pair],
    centre: Option<&str>,
    min_shared: usize,
) -> GraphSelection {
    let strong: Vec<usize> = (0..pairs.len())
        .filter(|&i| pairs[i].1.len() >= min_shared.max(1))
        .collect();
    let in_pair = |p: &str, among: &[usize]| {
        among
            .iter()
            .any(|&i| pairs[i].0.0 == p || pairs[i].0.1 == p)
    };
    let people: Vec<String> = match centre {
        Some(c) => {
            let with_centre: Vec<usize> = strong
                .iter()
                .copied()
                .filter(|&i| pairs[i].0.0 == c || pairs[i].0.1 == c)
                .collect();
            std::iter::once(c.to_string())
                .chain(
                    top.iter()
                        .filter(|p| p.as_str() != c && in_pair(p, &with_centre))
                        .cloned(),
                )
                .collect()
        }
        None => top
            .iter()
            .filter(|p| in_pair(p, &strong))
            .cloned()
            .collect(),
    };
    let drawn = |p: &String| people.contains(p);
    let pairs = strong
        .into_iter()
        .filter(|&i| drawn(&pairs[i].0.0) && drawn(&pairs[i].0.1))
        .collect();
    GraphSelection { people, pairs }
}

/// What the view asks the app to do.
pub enum PeopleEvent {
    /// Filter the library by a person.
    FilterBy(String),
    /// Open a document.
    Open(usize),
    /// Open the Your people window (add people, forms of names, merge, split).
    EditPeople,
}

/// Documents (indices) in which each person takes part in any role, commentary excluded.
pub fn appearances(ws: &Workspace) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in ws.corpus.documents.iter().enumerate() {
        if d.meta.kind == crate::corpus::Kind::Commentary {
            continue;
        }
        if let Some(roles) = ws.people.roles.get(d.id()) {
            for p in roles.keys() {
                out.entry(p.clone()).or_default().push(i);
            }
        }
    }
    out
}

/// Pairs of people and the documents they share, most shared first.
pub fn co_occurrences(ws: &Workspace, people: &[String]) -> Vec<((String, String), Vec<usize>)> {
    co_occurrences_in(&appearances(ws), people)
}

/// [`co_occurrences`] from appearances already computed (each list ascending, as
/// [`appearances`] makes them): shared documents by merging, not by searching.
fn co_occurrences_in(
    apps: &BTreeMap<String, Vec<usize>>,
    people: &[String],
) -> Vec<((String, String), Vec<usize>)> {
    let empty = Vec::new();
    let mut out = Vec::new();
    for (i, a) in people.iter().enumerate() {
        for b in &people[i + 1..] {
            let (da, db) = (apps.get(a).unwrap_or(&empty), apps.get(b).unwrap_or(&empty));
            let (mut x, mut y, mut shared) = (0, 0, Vec::new());
            while x < da.len() && y < db.len() {
                match da[x].cmp(&db[y]) {
                    std::cmp::Ordering::Less => x += 1,
                    std::cmp::Ordering::Greater => y += 1,
                    std::cmp::Ordering::Equal => {
                        shared.push(da[x]);
                        x += 1;
                        y += 1;
                    }
                }
            }
            if !shared.is_empty() {
                out.push(((a.clone(), b.clone()), shared));
            }
        }
    }
    out.sort_by_key(|(_, s)| std::cmp::Reverse(s.len()));
    out
}

/// Two people and the documents they share.
pub type Pair = ((String, String), Vec<usize>);

/// One person's row of the table: sources, took part / named / spoke, first – last date.
#[derive(Clone)]
struct Row {
    sources: usize,
    roles: String,
    span: String,
}

/// What the view computes from a library, remembered between frames (in egui's memory) until
/// the library changes: each person's row, the people on the circle, and the pairs among them.
#[derive(Clone, Default)]
struct Derived {
    library: (usize, usize),
    top: Arc<Vec<String>>,
    pairs: Arc<Vec<Pair>>,
    rows: Arc<BTreeMap<String, Row>>,
}

fn derived(ctx: &egui::Context, ws: &Workspace) -> Derived {
    let id = egui::Id::unique("people-view-derived");
    let library = (ws as *const Workspace as usize, ws.corpus.documents.len());
    if let Some(d) = ctx.data_mut(|m| m.get_temp::<Derived>(id))
        && d.library == library
    {
        return d;
    }
    let apps = appearances(ws);
    // Everyone who appears in a source, ordered by first appearance so that people of one
    // conversation sit next to each other on the circle.
    let mut top: Vec<&String> = apps.keys().collect();
    top.sort_by_key(|p| (apps[*p].first().copied(), std::cmp::Reverse(apps[*p].len())));
    let top: Vec<String> = top.into_iter().take(60).cloned().collect();
    let pairs = co_occurrences_in(&apps, &top);
    let rows = apps
        .iter()
        .map(|(p, docs)| {
            let count = |filter: RoleFilter| {
                docs.iter()
                    .filter(|&&i| ws.people.matches(ws.corpus.documents[i].id(), p, filter))
                    .count()
            };
            let mut dates: Vec<String> = docs
                .iter()
                .filter_map(|&i| {
                    let m = &ws.corpus.documents[i].meta;
                    m.event_date
                        .as_ref()
                        .or(m.date.as_ref())
                        .map(|d| d.to_string())
                })
                .collect();
            dates.sort();
            let span = match (dates.first(), dates.last()) {
                (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
                (Some(a), _) => a.clone(),
                _ => String::new(),
            };
            let roles = format!(
                "{} / {} / {}",
                count(RoleFilter::Present),
                count(RoleFilter::Mentioned),
                count(RoleFilter::Spoke)
            );
            let row = Row {
                sources: docs.len(),
                roles,
                span,
            };
            (p.clone(), row)
        })
        .collect();
    let d = Derived {
        library,
        top: Arc::new(top),
        pairs: Arc::new(pairs),
        rows: Arc::new(rows),
    };
    ctx.data_mut(|m| m.insert_temp(id, d.clone()));
    d
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (p - (a + ab * t)).length()
}

impl PeopleView {
    /// Draws the view.
    pub fn show(&mut self, ui: &mut egui::Ui, ws: &Workspace) -> Option<PeopleEvent> {
        let mut event = None;
        ui.heading("People");
        let derived = derived(ui.ctx(), ws);
        // Wrapped, so a narrow window puts the button under the field rather than widening the
        // view past its edge.
        ui.horizontal_wrapped(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("Find a person…"))
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::SearchInput,
                        true,
                        "Find a person in the list",
                    )
                });
            if ui
                .button("Add people and forms of names…")
                .on_hover_text("Someone missing, a spelling or a transliteration not found, two entries for one person")
                .clicked()
            {
                event = Some(PeopleEvent::EditPeople);
            }
        });
        let filter = crate::search::fold(&self.filter);
        let list_height = (ui.available_height() * 0.45).max(150.0);
        // Both ways: in a narrow window the table scrolls sideways instead of widening the view.
        egui::ScrollArea::both()
            .id_salt("people-list")
            .max_height(list_height)
            .show(ui, |ui| {
                egui::Grid::new("people-grid")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for h in [
                            "Person",
                            "Sources",
                            "Took part / named / spoke",
                            "First – last",
                        ] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for p in &ws.registry.people {
                            let Some(row) = derived.rows.get(&p.id) else {
                                continue;
                            };
                            if !filter.is_empty() && !crate::search::fold(&p.name).contains(&filter)
                            {
                                continue;
                            }
                            ui.vertical(|ui| {
                                ui.set_max_width(180.0);
                                if ui
                                    .link(&p.name)
                                    .on_hover_text("Filter the library by this person")
                                    .clicked()
                                {
                                    event = Some(PeopleEvent::FilterBy(p.id.clone()));
                                }
                                ui.add(
                                    egui::Label::new(
                                        egui::RichText::new(&p.description).small().weak(),
                                    )
                                    .wrap(),
                                );
                            });
                            ui.label(row.sources.to_string());
                            ui.label(&row.roles);
                            ui.label(&row.span);
                            ui.end_row();
                        }
                    });
            });
        ui.separator();
        ui.add(egui::Label::new("Sources are the primary documents (commentary left out). Who appears with whom in the sources; line width = sources shared. Click a line to list them, a person to see only those around them.").wrap());
        let (top, pairs) = (&*derived.top, &*derived.pairs);
        self.graph_filters(ui, ws, top);
        // Chosen again only when the library or the filters change, not every frame.
        let key = (derived.library, self.centre.clone(), self.min_shared);
        if self.drawn.as_ref().is_none_or(|(k, _)| *k != key) {
            let chosen = select_graph(top, pairs, self.centre.as_deref(), self.min_shared);
            self.drawn = Some((key, std::sync::Arc::new(chosen)));
        }
        let shown = std::sync::Arc::clone(&self.drawn.as_ref().expect("just chosen").1);
        ui.label(
            egui::RichText::new(format!(
                "{} of {} people, {} pairs drawn",
                shown.people.len(),
                top.len(),
                shown.pairs.len()
            ))
            .small()
            .weak(),
        );
        let side = ui.available_width().clamp(300.0, 720.0);
        let size = vec2(ui.available_width().max(side), side);
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        let canvas_name = match &self.centre {
            Some(c) => format!(
                "Co-occurrence of people around {}: {} people, {} pairs",
                ws.person_name(c),
                shown.people.len(),
                shown.pairs.len()
            ),
            None => format!(
                "Co-occurrence of people: {} people, {} pairs",
                shown.people.len(),
                shown.pairs.len()
            ),
        };
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, &canvas_name));
        let center = rect.center();
        // Labels radiate outward, so the circle leaves room for the longest name.
        let radius = (side / 2.0 - 160.0).max(90.0);
        // Around a person, they sit in the middle and the others on the circle.
        let ring: Vec<&String> = shown
            .people
            .iter()
            .skip(usize::from(self.centre.is_some()))
            .collect();
        let mut pos: BTreeMap<&String, Pos2> = ring
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let a = k as f32 / ring.len().max(1) as f32 * std::f32::consts::TAU
                    - std::f32::consts::FRAC_PI_2;
                (*p, center + vec2(a.cos(), a.sin()) * radius)
            })
            .collect();
        if self.centre.is_some()
            && let Some(c) = shown.people.first()
        {
            pos.insert(c, center);
        }
        let painter = ui.painter_at(rect);
        let pointer = ui.input(|i| i.pointer.hover_pos());
        let hovered_person = pointer.and_then(|p| {
            pos.iter()
                .find(|(_, at)| at.distance(p) < 9.0)
                .map(|(who, _)| (*who).clone())
        });
        let mut hovered_edge = None;
        let accent = Color32::from_rgb(220, 120, 40);
        for &i in &shown.pairs {
            let ((a, b), shared) = &pairs[i];
            let (pa, pb) = (pos[a], pos[b]);
            let selected = self.edge.as_ref() == Some(&(a.clone(), b.clone()));
            let near = hovered_person.is_none()
                && pointer.is_some_and(|p| distance_to_segment(p, pa, pb) < 5.0);
            if near {
                hovered_edge = Some((a.clone(), b.clone()));
            }
            let touches = |who: &Option<String>| who.as_ref().is_some_and(|c| c == a || c == b);
            let color = if selected || near || touches(&hovered_person) {
                accent
            } else if touches(&self.centre) {
                ui.visuals().text_color().gamma_multiply(0.7)
            } else {
                ui.visuals().weak_text_color().gamma_multiply(0.5)
            };
            painter.line_segment([pa, pb], (0.5 + shared.len() as f32 * 0.6, color));
        }
        for (p, at) in &pos {
            let is_centre = self.centre.as_ref() == Some(*p);
            let dot = if hovered_person.as_ref() == Some(*p) || is_centre {
                accent
            } else {
                Color32::from_rgb(52, 120, 200)
            };
            painter.circle_filled(*at, if is_centre { 7.0 } else { 5.0 }, dot);
            let outward = if is_centre {
                vec2(1.0, 0.0)
            } else {
                (*at - center).normalized()
            };
            let galley = painter.layout_no_wrap(
                ws.person_name(p).to_string(),
                egui::FontId::proportional(12.0),
                ui.visuals().text_color(),
            );
            let start = *at + outward * 9.0;
            let (w, h) = (galley.size().x, galley.size().y);
            if is_centre {
                // In the middle, lines run under the name: it gets the page behind it.
                painter.rect_filled(
                    egui::Rect::from_min_size(start - vec2(2.0, h / 2.0), vec2(w + 4.0, h)),
                    3.0,
                    ui.visuals().panel_fill,
                );
            }
            let angle = outward.y.atan2(outward.x);
            // Text on the left half is turned round so that it never reads upside down.
            let shape = if outward.x >= 0.0 {
                egui::epaint::TextShape::new(start - vec2(0.0, h / 2.0), galley, Color32::GRAY)
                    .with_angle_and_anchor(angle, egui::Align2::LEFT_CENTER)
            } else {
                egui::epaint::TextShape::new(start - vec2(w, h / 2.0), galley, Color32::GRAY)
                    .with_angle_and_anchor(angle + std::f32::consts::PI, egui::Align2::RIGHT_CENTER)
            };
            painter.add(shape);
        }
        if let Some(p) = &hovered_person {
            response.clone().on_hover_text(format!(
                "{}: click to see only the people around them",
                ws.person_name(p)
            ));
        }
        if response.clicked() {
            match hovered_person {
                Some(p) => {
                    self.centre = Some(p);
                    self.edge = None;
                }
                None => self.edge = hovered_edge,
            }
        }
        if let Some((a, b)) = self.edge.clone()
            && let Some((_, shared)) = pairs.iter().find(|(k, _)| *k == (a.clone(), b.clone()))
        {
            ui.label(format!(
                "{} and {} appear together in {} documents:",
                ws.person_name(&a),
                ws.person_name(&b),
                shared.len()
            ));
            // One per line: a link wrapped over two lines would be hard to hit. A large archive
            // lists the first 200 (the library's filter by both people shows them all).
            const SHOWN: usize = 200;
            if shared.len() > SHOWN {
                ui.label(format!(
                    "The first {SHOWN}; filter the library by both people for all of them."
                ));
            }
            for &i in shared.iter().take(SHOWN) {
                let d = &ws.corpus.documents[i];
                if ui.link(&d.meta.short_title).clicked() {
                    event = Some(PeopleEvent::Open(i));
                }
            }
        }
        let _ = pos2;
        event
    }

    /// The picture's filters: whose neighbourhood, and how many shared sources make a pair.
    fn graph_filters(&mut self, ui: &mut egui::Ui, ws: &Workspace, top: &[String]) {
        ui.horizontal_wrapped(|ui| {
            let around = ui.label("Around");
            egui::ComboBox::from_id_salt("people-graph-centre")
                .selected_text(
                    self.centre
                        .as_deref()
                        .map_or("everyone".to_string(), |c| ws.person_name(c).to_string()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.centre, None, "everyone");
                    let mut names: Vec<(&str, &String)> =
                        top.iter().map(|p| (ws.person_name(p), p)).collect();
                    names.sort();
                    for (name, p) in names {
                        ui.selectable_value(&mut self.centre, Some(p.clone()), name);
                    }
                })
                .response
                .labelled_by(around.id);
            let least = ui.label("At least");
            let unit = if self.min_shared == 1 {
                " shared source"
            } else {
                " shared sources"
            };
            ui.add(
                egui::DragValue::new(&mut self.min_shared)
                    .range(1..=50)
                    .suffix(unit),
            )
            .labelled_by(least.id);
            if (self.centre.is_some() || self.min_shared != DEFAULT_MIN_SHARED)
                && ui.button("Show everyone").clicked()
            {
                self.centre = None;
                self.min_shared = DEFAULT_MIN_SHARED;
            }
        });
    }
}
