//! The library panel: the documents as a sortable list with filters (title text, kind, part,
//! participants with "any of / all of" and a role), active filters shown as chips.

use crate::Workspace;
use crate::corpus::{Kind, Part};
use crate::people::RoleFilter;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What the library is sorted by (remembered between runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortBy {
    /// The order of the working paper (its pages).
    Paper,
    /// Date.
    Date,
    /// Title.
    Title,
    /// Kind.
    Kind,
    /// Part.
    Part,
}

/// How several selected participants combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Combine {
    /// A document with any of them.
    Any,
    /// Only documents with all of them.
    All,
}

/// The library's filters and sort (kept between runs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Library {
    /// Fuzzy text over titles.
    pub text: String,
    /// Kinds shown (empty: all).
    pub kinds: Vec<Kind>,
    /// Only documents of this part of the paper (none: all parts).
    pub part: Option<Part>,
    /// Only documents of this collection of yours (none: all).
    #[serde(default)]
    pub collection: Option<String>,
    /// Selected participants (person ids).
    pub people: Vec<String>,
    /// Any of / all of.
    pub combine: Combine,
    /// Role the participants must have.
    pub role: RoleFilter,
    /// Sort column and direction.
    pub sort: (SortBy, bool),
    /// Filter over the people list.
    pub people_filter: String,
    /// Show the people list.
    pub show_people: bool,
    /// The row Down and Up in the title filter stand on (Enter opens it), an index into the
    /// visible documents.
    #[serde(skip)]
    pub cursor: Option<usize>,
}

impl Default for Library {
    fn default() -> Self {
        Library {
            text: String::new(),
            kinds: Vec::new(),
            part: None,
            collection: None,
            people: Vec::new(),
            combine: Combine::Any,
            role: RoleFilter::Any,
            sort: (SortBy::Paper, true),
            people_filter: String::new(),
            show_people: true,
            cursor: None,
        }
    }
}

/// What the library asks the app to do.
pub enum LibraryEvent {
    /// Open a document.
    Open(usize),
    /// Compare a document with the open one.
    CompareWithOpen(usize),
}

impl Library {
    /// Are any filters active?
    pub fn is_filtered(&self) -> bool {
        !self.text.is_empty()
            || !self.kinds.is_empty()
            || self.part.is_some()
            || self.collection.is_some()
            || !self.people.is_empty()
            || self.role != RoleFilter::Any
            || !self.people_filter.is_empty()
    }

    /// Clears every filter: titles, kinds, part, collection, people, their role and how they
    /// combine, and the text typed to find a person.
    pub fn clear(&mut self) {
        self.text.clear();
        self.kinds.clear();
        self.part = None;
        self.collection = None;
        self.people.clear();
        self.role = RoleFilter::Any;
        self.combine = Combine::Any;
        self.people_filter.clear();
        self.cursor = None;
    }

    /// Does a document pass the filters (other than the text filter)?
    fn passes(&self, ws: &Workspace, i: usize) -> bool {
        let d = &ws.corpus.documents[i];
        if !self.kinds.is_empty() && !self.kinds.contains(&d.meta.kind) {
            return false;
        }
        if self.part.is_some() && d.meta.part != self.part {
            return false;
        }
        if self.collection.is_some() && d.meta.collection != self.collection {
            return false;
        }
        if !self.people.is_empty() {
            let has = |p: &String| ws.people.matches(&d.meta.id, p, self.role);
            let ok = match self.combine {
                Combine::Any => self.people.iter().any(has),
                Combine::All => self.people.iter().all(has),
            };
            if !ok {
                return false;
            }
        }
        true
    }

    /// The documents shown, in display order (computed from scratch).
    pub fn visible(&self, ws: &Workspace) -> Vec<usize> {
        let titles = folded_titles(ws);
        self.compute_visible(ws, &titles, None)
    }

    /// The documents shown, remembered between frames in `ctx`: recomputed only when the
    /// library or a filter changed, and while the title filter grows, narrowed from the last
    /// result instead of the whole library.
    pub fn visible_memo(&self, ctx: &egui::Context, ws: &Workspace) -> Arc<Vec<usize>> {
        let key = MemoKey {
            library: ws.revision as usize,
            documents: ws.corpus.documents.len(),
            filters: self.filter_key(),
        };
        let id = egui::Id::unique("library-memo");
        let mut memo: LibraryMemo = ctx.data_mut(|d| d.get_temp(id)).unwrap_or_default();
        if memo.key.as_ref() == Some(&key) {
            return memo.visible;
        }
        let same_library = memo
            .key
            .as_ref()
            .is_some_and(|k| k.library == key.library && k.documents == key.documents);
        if !same_library || memo.titles.len() != ws.corpus.documents.len() {
            memo.titles = Arc::new(folded_titles(ws));
        }
        // Typing on in the title filter narrows what the shorter text found.
        let narrow_from = memo.key.as_ref().filter(|k| {
            same_library
                && k.filters.0 == key.filters.0
                && !k.filters.1.is_empty()
                && key.filters.1.starts_with(&k.filters.1)
                && !memo.visible.is_empty()
        });
        let visible = match narrow_from {
            Some(_) => {
                let narrowed = self.compute_visible(ws, &memo.titles, Some(&memo.visible));
                if narrowed.is_empty() {
                    self.compute_visible(ws, &memo.titles, None)
                } else {
                    narrowed
                }
            }
            None => self.compute_visible(ws, &memo.titles, None),
        };
        memo.visible = Arc::new(visible);
        memo.key = Some(key);
        let out = Arc::clone(&memo.visible);
        ctx.data_mut(|d| d.insert_temp(id, memo));
        out
    }

    /// Everything the list depends on but the library itself: (other filters and sort, text).
    fn filter_key(&self) -> (String, String) {
        (
            format!(
                "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
                self.kinds,
                self.part,
                self.collection,
                self.people,
                self.combine,
                self.role,
                self.sort
            ),
            crate::search::fold(self.text.trim()),
        )
    }

    fn compute_visible(
        &self,
        ws: &Workspace,
        titles: &[String],
        within: Option<&[usize]>,
    ) -> Vec<usize> {
        let mut list: Vec<usize> = match within {
            Some(prev) => prev.to_vec(),
            None => (0..ws.corpus.documents.len())
                .filter(|&i| self.passes(ws, i))
                .collect(),
        };
        if !self.text.trim().is_empty() && titles.len() > FUZZY_TITLES_UP_TO {
            // A large library: every typed word must occur in the title or date (a substring
            // scan of the folded titles, well under a frame even for 100,000 documents).
            let folded = crate::search::fold(&self.text);
            let words: Vec<&str> = folded.split_whitespace().collect();
            list.retain(|&i| words.iter().all(|w| titles[i].contains(w)));
        } else if !self.text.trim().is_empty() {
            let candidates: Vec<&str> = list.iter().map(|&i| titles[i].as_str()).collect();
            let ranked = crate::search::fuzzy::rank_folded(&self.text, &candidates, usize::MAX);
            let mut keep = vec![false; list.len()];
            for (i, _) in ranked {
                keep[i] = true;
            }
            let mut k = keep.into_iter();
            list.retain(|_| k.next().unwrap_or(false));
        }
        if within.is_some() {
            // Already sorted: narrowing keeps the order.
            return list;
        }
        let docs = &ws.corpus.documents;
        let (by, asc) = self.sort;
        list.sort_by(|&a, &b| {
            let (ma, mb) = (&docs[a].meta, &docs[b].meta);
            let o = match by {
                SortBy::Paper => a.cmp(&b),
                SortBy::Date => ma.date.cmp(&mb.date).then(a.cmp(&b)),
                SortBy::Title => ma.title.cmp(&mb.title),
                SortBy::Kind => ma.kind.cmp(&mb.kind).then(a.cmp(&b)),
                SortBy::Part => ma.part.cmp(&mb.part).then(a.cmp(&b)),
            };
            if asc { o } else { o.reverse() }
        });
        list
    }

    /// Draws the panel.
    pub fn show(&mut self, ui: &mut egui::Ui, ws: &Workspace, open: usize) -> Option<LibraryEvent> {
        let mut event = None;
        let visible = self.visible_memo(ui.ctx(), ws);
        ui.horizontal_wrapped(|ui| {
            ui.heading("Library");
            ui.label(format!(
                "{} of {} documents",
                visible.len(),
                ws.corpus.documents.len()
            ));
        });
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.text)
                .hint_text("Filter titles… (Down, Enter)")
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Filter titles")
        });
        if field.changed() {
            self.cursor = None;
        }
        // Down / Up in the filter move through the list; Enter opens the document.
        let keys = crate::ui::list_keys::list_keys(ui, &field, visible.len(), &mut self.cursor);
        if let Some(k) = keys.open
            && let Some(&i) = visible.get(k)
        {
            event = Some(LibraryEvent::Open(i));
        }
        let cursor = self.cursor.and_then(|k| visible.get(k).copied());
        ui.horizontal_wrapped(|ui| {
            for kind in [
                Kind::RecordOfConversation,
                Kind::Memoir,
                Kind::OralHistory,
                Kind::Commentary,
            ] {
                let mut on = self.kinds.contains(&kind);
                if ui.toggle_value(&mut on, kind.label()).changed() {
                    if on {
                        self.kinds.push(kind);
                    } else {
                        self.kinds.retain(|k| *k != kind);
                    }
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::from_label("Part")
                .selected_text(self.part.map_or("All parts", |p| p.label()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.part, None, "All parts");
                    for p in Part::ALL {
                        ui.selectable_value(&mut self.part, Some(p), p.label());
                    }
                });
            // Your collections (remembered until the library changes).
            let names = collections_memo(ui.ctx(), ws);
            if !names.is_empty() || self.collection.is_some() {
                // A long name (a FRUS volume's title) is cut, never widening the panel.
                let shown = self.collection.clone();
                let combo = egui::ComboBox::from_label("Collection")
                    .width(150.0)
                    .selected_text(short_name(
                        self.collection.as_deref().unwrap_or("All collections"),
                    ))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.collection, None, "All collections");
                        for n in names.iter() {
                            ui.selectable_value(&mut self.collection, Some(n.clone()), n.as_str());
                        }
                    });
                if let Some(full) = shown {
                    combo.response.on_hover_text(full);
                }
            }
        });
        // Active filters at a glance.
        if self.is_filtered() {
            ui.horizontal_wrapped(|ui| {
                let mut remove_person = None;
                for p in &self.people {
                    let name = ws.person_name(p);
                    if ui
                        .small_button(format!("{name} ×"))
                        .on_hover_text("Remove this person from the filter")
                        .clicked()
                    {
                        remove_person = Some(p.clone());
                    }
                }
                if let Some(p) = remove_person {
                    self.people.retain(|x| *x != p);
                }
                if ui.button("Clear filters").clicked() {
                    self.clear();
                }
            });
        }
        ui.separator();
        // Sort header.
        ui.horizontal_wrapped(|ui| {
            ui.label("Sort:");
            for (by, label) in [
                (SortBy::Paper, "Paper"),
                (SortBy::Date, "Date"),
                (SortBy::Title, "Title"),
                (SortBy::Kind, "Kind"),
                (SortBy::Part, "Part"),
            ] {
                let current = self.sort.0 == by;
                let text = if current {
                    format!("{label} {}", if self.sort.1 { "(asc)" } else { "(desc)" })
                } else {
                    label.to_string()
                };
                if ui.selectable_label(current, text).clicked() {
                    self.sort = if current {
                        (by, !self.sort.1)
                    } else {
                        (by, true)
                    };
                }
            }
        });
        let people_height = if self.show_people { 230.0 } else { 24.0 };
        let list_height = (ui.available_height() - people_height).max(120.0);
        let scroll = egui::ScrollArea::vertical()
            .id_salt("library-list")
            .max_height(list_height)
            .auto_shrink([false, false]);
        if visible.len() > VIRTUAL_ROWS_FROM {
            // A large library: only the rows in view are laid out, one line each.
            let row_height = ui.spacing().interact_size.y
                + ui.text_style_height(&egui::TextStyle::Small)
                + ui.spacing().item_spacing.y * 2.0;
            let reveal = egui::Id::unique("library-revealed-virtual");
            let mut scroll = scroll;
            if ui.data(|d| d.get_temp::<usize>(reveal)) != Some(open)
                && let Some(pos) = visible.iter().position(|&i| i == open)
            {
                scroll = scroll.vertical_scroll_offset(pos as f32 * row_height);
                ui.data_mut(|d| d.insert_temp(reveal, open));
            }
            if keys.moved
                && let Some(k) = self.cursor
            {
                scroll = scroll.vertical_scroll_offset((k as f32 * row_height - 60.0).max(0.0));
            }
            scroll.show_rows(ui, row_height, visible.len(), |ui, rows| {
                for &i in &visible[rows] {
                    if let Some(e) = self.row(
                        ui,
                        ws,
                        i,
                        open,
                        RowLook {
                            wrap: false,
                            cursor: cursor == Some(i),
                            reveal: false,
                        },
                    ) {
                        event = Some(e);
                    }
                }
            });
        } else {
            scroll.show(ui, |ui| {
                for &i in visible.iter() {
                    let here = cursor == Some(i);
                    if let Some(e) = self.row(
                        ui,
                        ws,
                        i,
                        open,
                        RowLook {
                            wrap: true,
                            cursor: here,
                            reveal: here && keys.moved,
                        },
                    ) {
                        event = Some(e);
                    }
                }
            });
        }
        ui.separator();
        egui::CollapsingHeader::new("Participants")
            .default_open(self.show_people)
            .show(ui, |ui| {
                self.show_people = true;
                ui.horizontal_wrapped(|ui| {
                    ui.selectable_value(&mut self.combine, Combine::Any, "any of");
                    ui.selectable_value(&mut self.combine, Combine::All, "all of");
                });
                ui.horizontal_wrapped(|ui| {
                    ui.label("role:");
                    ui.selectable_value(&mut self.role, RoleFilter::Present, "present");
                    ui.selectable_value(&mut self.role, RoleFilter::Mentioned, "mentioned");
                    ui.selectable_value(&mut self.role, RoleFilter::Spoke, "spoke");
                    ui.selectable_value(&mut self.role, RoleFilter::Any, "any role");
                });
                ui.add(
                    egui::TextEdit::singleline(&mut self.people_filter).hint_text("Find a person…"),
                )
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find a person")
                });
                let counts = people_counts_memo(ui.ctx(), ws, self.role);
                let filter = crate::search::fold(&self.people_filter);
                egui::ScrollArea::vertical()
                    .id_salt("library-people")
                    .max_height(170.0)
                    .show(ui, |ui| {
                        for p in &ws.registry.people {
                            let n = counts.get(&p.id).copied().unwrap_or(0);
                            if n == 0
                                || (!filter.is_empty()
                                    && !crate::search::fold(&p.name).contains(&filter))
                            {
                                continue;
                            }
                            let mut on = self.people.contains(&p.id);
                            if ui
                                .checkbox(&mut on, format!("{} ({n})", p.name))
                                .on_hover_text(&p.description)
                                .changed()
                            {
                                if on {
                                    self.people.push(p.id.clone());
                                } else {
                                    self.people.retain(|x| *x != p.id);
                                }
                            }
                        }
                    });
            });
        event
    }

    /// One document's row: date and title (wrapped, or cut to one line in a large library),
    /// kind and part below; a click opens it, the context menu compares it with the open one.
    fn row(
        &self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        i: usize,
        open: usize,
        look: RowLook,
    ) -> Option<LibraryEvent> {
        let RowLook {
            wrap,
            cursor,
            reveal,
        } = look;
        let mut event = None;
        let d = &ws.corpus.documents[i];
        let date = d
            .meta
            .date
            .as_ref()
            .map_or(String::new(), |d| d.as_str().to_string());
        let selected = i == open;
        let button = egui::Button::selectable(
            selected,
            egui::RichText::new(format!("{date}  {}", d.meta.title)),
        );
        let resp = ui.add(if wrap {
            button.wrap()
        } else {
            button.truncate()
        });
        let sub = format!(
            "{}{}{}",
            if d.user_added { "yours · " } else { "" },
            d.meta.kind.label(),
            d.meta
                .part
                .map_or(String::new(), |p| format!(" · {}", p.label()))
        );
        ui.label(egui::RichText::new(sub).small().weak());
        if cursor {
            crate::ui::list_keys::paint_selected(ui, resp.rect.expand(1.0));
            if reveal {
                resp.scroll_to_me(None);
            }
        }
        if selected && wrap {
            // When the document was opened from elsewhere (a note, the timeline), bring it
            // into view once.
            let key = egui::Id::unique("library-revealed");
            if ui.data(|d| d.get_temp::<usize>(key)) != Some(i) {
                resp.scroll_to_me(None);
                ui.data_mut(|d| d.insert_temp(key, i));
            }
        }
        if resp.clicked() {
            event = Some(LibraryEvent::Open(i));
        }
        resp.context_menu(|ui| {
            if ui
                .add_enabled(
                    i != open,
                    egui::Button::new("Compare with the open document"),
                )
                .clicked()
            {
                event = Some(LibraryEvent::CompareWithOpen(i));
                ui.close();
            }
        });
        event
    }
}

/// How a library row is drawn.
#[derive(Clone, Copy)]
struct RowLook {
    /// Titles wrapped (else cut to one line, in a large library).
    wrap: bool,
    /// The keyboard's row (Down / Up in the filter).
    cursor: bool,
    /// Scroll it into view (the keys just moved to it).
    reveal: bool,
}

/// Up to this many documents the title filter is fuzzy (letters in order, typos tolerated);
/// above, it matches words, which stays fast at any size.
pub const FUZZY_TITLES_UP_TO: usize = 2_000;

/// Above this many rows the list lays out only the rows in view.
pub const VIRTUAL_ROWS_FROM: usize = 300;

/// Each document's "title date", folded once (the title filter matches against these).
fn folded_titles(ws: &Workspace) -> Vec<String> {
    crate::parallel::par_map(&ws.corpus.documents, |d| {
        let m = &d.meta;
        crate::search::fold(&format!(
            "{} {}",
            m.title,
            m.date.as_ref().map_or("", |d| d.as_str())
        ))
    })
}

/// Documents per person id.
type PeopleCounts = std::collections::HashMap<String, usize>;

/// The key of the library memo: which library, which filters.
#[derive(Clone, PartialEq)]
struct MemoKey {
    library: usize,
    documents: usize,
    filters: (String, String),
}

/// What the library remembers between frames (in egui's memory).
#[derive(Clone, Default)]
struct LibraryMemo {
    key: Option<MemoKey>,
    visible: Arc<Vec<usize>>,
    titles: Arc<Vec<String>>,
    counts: Option<(usize, usize, RoleFilter, Arc<PeopleCounts>)>,
}

/// A name cut to fit a narrow box ("Foreign Relations of the…").
pub fn short_name(name: &str) -> String {
    const MOST: usize = 22;
    if name.chars().count() <= MOST {
        return name.to_string();
    }
    format!(
        "{}…",
        name.chars().take(MOST - 1).collect::<String>().trim_end()
    )
}

/// The names of the researcher's collections (your documents come last in the library),
/// sorted, remembered until the library changes.
pub fn collections_memo(ctx: &egui::Context, ws: &Workspace) -> Arc<Vec<String>> {
    let id = egui::Id::unique("library-collections");
    if let Some((rev, names)) = ctx.data(|d| d.get_temp::<(u64, Arc<Vec<String>>)>(id))
        && rev == ws.revision
    {
        return names;
    }
    let mut names: Vec<String> = ws
        .corpus
        .documents
        .iter()
        .rev()
        .take_while(|d| d.user_added)
        .filter_map(|d| d.meta.collection.clone())
        .collect();
    names.sort_unstable();
    names.dedup();
    let names = Arc::new(names);
    ctx.data_mut(|d| d.insert_temp(id, (ws.revision, Arc::clone(&names))));
    names
}

/// [`people_counts`], remembered until the library or the role changes.
fn people_counts_memo(ctx: &egui::Context, ws: &Workspace, role: RoleFilter) -> Arc<PeopleCounts> {
    let id = egui::Id::unique("library-memo");
    let key = (ws.revision as usize, ws.corpus.documents.len(), role);
    let mut memo: LibraryMemo = ctx.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    if let Some((l, n, r, counts)) = &memo.counts
        && (*l, *n, *r) == key
    {
        return Arc::clone(counts);
    }
    let counts = Arc::new(people_counts(ws, role));
    memo.counts = Some((key.0, key.1, key.2, Arc::clone(&counts)));
    ctx.data_mut(|d| d.insert_temp(id, memo));
    counts
}

/// Documents per person under a role filter.
pub fn people_counts(ws: &Workspace, role: RoleFilter) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for (doc, roles) in &ws.people.roles {
        for person in roles.keys() {
            if ws.people.matches(doc, person, role) {
                *counts.entry(person.clone()).or_default() += 1;
            }
        }
    }
    counts
}
