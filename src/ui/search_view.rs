//! Search all documents: the corpus's full text in the search language (words, "phrases",
//! AND/OR/NOT, NEAR/5, prefix*, fuzzy~, date:/kind:/person: filters; case, accents and curly
//! quotes ignored), the matches grouped by document in date order (or best first) with their
//! page and context, or as a keyword-in-context table; a click opens the match in the reader,
//! where F3 steps on through that document's matches.

use crate::Workspace;
use crate::search::notes::NotesByDocument;
use crate::search::{Hit, Order, QueryError, SearchOptions, SearchResult};
use egui::RichText;

/// How many matches are listed at most (the count shows them all).
const LIMIT: usize = 1000;

/// Search view state.
#[derive(Debug, Clone, Default)]
pub struct SearchView {
    /// What is searched for.
    pub query: String,
    /// Put the keyboard in the search field on the next frame.
    pub focus: bool,
    /// Best matches first instead of date order.
    pub by_relevance: bool,
    /// Show matches as a keyword-in-context table.
    pub kwic: bool,
    /// The match Down and Up stand on (Enter opens it), an index into the result's matches.
    pub selected: Option<usize>,
    /// The result for the query and order it was computed for, and the notebook revision
    /// when the query asks about notes (recomputed only when they change).
    cache: Option<(SearchKey, Result<SearchResult, QueryError>)>,
    /// The notes by document, for the notebook and library revisions they were gathered at
    /// (only when a query asks about notes).
    notes: Option<((u64, u64), std::sync::Arc<NotesByDocument>)>,
}

/// What a result was computed for: the query, the order, and the notebook's revision when the
/// query asks about notes.
type SearchKey = (String, Order, Option<u64>);

/// The notebook a search's note fields (`tag:`, `note:`, `by:`) ask about, at its revision.
#[derive(Clone, Copy)]
pub struct NotesAsked<'a> {
    /// The notebook.
    pub notebook: &'a crate::notes::model::Notebook,
    /// Its revision (the notes are gathered again when it changes).
    pub revision: u64,
}

/// What the view asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowMatch {
    /// The document the matches are in (an id of the corpus).
    pub doc: String,
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The query, for the reader's find bar.
    pub query: String,
}

impl SearchView {
    /// Forgets the result (the library changed: search again on the next frame).
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// The order asked for: date (how historians read) or relevance.
    pub fn order(&self) -> Order {
        if self.by_relevance {
            Order::Relevance
        } else {
            Order::Date
        }
    }

    /// The result for the current query and order; its note fields ask about `notes`.
    pub fn result(
        &mut self,
        ws: &Workspace,
        notes: NotesAsked<'_>,
    ) -> &Result<SearchResult, QueryError> {
        let about_notes = matches!(
            crate::search::query::parse(&self.query),
            Ok(Some(e)) if e.note_field().is_some()
        );
        let key = (
            self.query.clone(),
            self.order(),
            about_notes.then_some(notes.revision),
        );
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let opts = SearchOptions {
                limit: LIMIT,
                order: key.1,
                count_all: false,
            };
            let result = if about_notes {
                let at = (notes.revision, ws.revision);
                if self.notes.as_ref().is_none_or(|(k, _)| *k != at) {
                    let gathered = NotesByDocument::new(ws, notes.notebook);
                    self.notes = Some((at, std::sync::Arc::new(gathered)));
                }
                let by_doc = self.notes.as_ref().expect("just gathered").1.clone();
                ws.find_with_notes(&self.query, &opts, &by_doc)
            } else {
                ws.find(&self.query, &opts)
            };
            self.cache = Some((key, result));
        }
        &self.cache.as_ref().expect("just computed").1
    }

    /// Draws the view.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        notes: NotesAsked<'_>,
    ) -> Option<ShowMatch> {
        ui.heading("Search all documents");
        ui.label(
            "Every word must occur in a document; \"quoted words\" are a phrase; also OR, NOT, \
             NEAR/5, castr*, Dorticos~, date:1961-03..1961-06, kind:record, spoke:Castro, and \
             about your notes on each document tag:\"CIA plots\", NOT tag:…, note:, by:. Case, \
             accents and curly quotes are ignored. Click a match to open it in the reader.",
        );
        ui.add_space(4.0);
        let mut field_response = None;
        ui.horizontal_wrapped(|ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("Words or \"a phrase\"…")
                    .desired_width(360.0),
            );
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Search all documents")
            });
            if self.focus {
                field.request_focus();
                self.focus = false;
            }
            field_response = Some(field);
            ui.label("Order:");
            ui.radio_value(&mut self.by_relevance, false, "By date");
            ui.radio_value(&mut self.by_relevance, true, "Best first");
            ui.checkbox(&mut self.kwic, "Keyword in context");
        });
        let query = self.query.clone();
        let kwic = self.kwic;
        if self.cache.as_ref().is_some_and(|(k, _)| k.0 != query) {
            self.selected = None;
        }
        self.result(ws, notes);
        let Some((_, result)) = &self.cache else {
            return None;
        };
        // Down / Up in the search field move through the matches; Enter opens one.
        let keys = match (&field_response, result) {
            (Some(field), Ok(r)) => {
                crate::ui::list_keys::list_keys(ui, field, r.hits.len(), &mut self.selected)
            }
            _ => Default::default(),
        };
        let selected = self.selected;
        if let (Some(k), Ok(r)) = (keys.open, result)
            && let Some(hit) = r.hits.get(k)
        {
            return Some(ShowMatch {
                doc: hit.doc.clone(),
                start: hit.start,
                end: hit.end,
                query: query.clone(),
            });
        }
        if query.trim().is_empty() {
            ui.add_space(8.0);
            ui.label(RichText::new("Type words to search the whole corpus.").weak());
            return None;
        }
        let result = match result {
            Ok(r) => r,
            Err(e) => {
                ui.add_space(8.0);
                ui.colored_label(ui.visuals().error_fg_color, e.to_string());
                return None;
            }
        };
        let matches = if result.total == 1 {
            "match"
        } else {
            "matches"
        };
        let documents = if result.documents == 1 {
            "document"
        } else {
            "documents"
        };
        let mut summary = if result.complete {
            format!(
                "{} {matches} in {} {documents}",
                result.total, result.documents
            )
        } else {
            format!("{} {documents} match", result.documents)
        };
        if !result.complete || result.total > result.hits.len() {
            summary.push_str(&format!(
                " (the first {} matches listed)",
                result.hits.len()
            ));
        }
        ui.label(RichText::new(summary).strong());
        ui.separator();
        let mut event = None;
        if kwic {
            // Rows of one height: only those in view are laid out.
            let row_height = kwic_row_height(ui);
            let mut area = egui::ScrollArea::vertical()
                .id_salt("search-kwic")
                .auto_shrink([false, false]);
            if keys.moved
                && let Some(k) = selected
            {
                let spacing = ui.spacing().item_spacing.y;
                area = area
                    .vertical_scroll_offset(((row_height + spacing) * k as f32 - 60.0).max(0.0));
            }
            area.show_rows(ui, row_height, result.hits.len(), |ui, rows| {
                let first = rows.start;
                event = keyword_in_context(ui, ws, &result.hits[rows], first, &query, selected);
            });
            return event;
        }
        grouped_results(ui, ws, &result.hits, &query, selected, keys.moved)
    }
}

/// One line of the grouped results: a document's heading (its matches are `from..to`), or one
/// match.
enum ResultRow {
    Heading { from: usize, to: usize },
    Hit(usize),
}

/// The rows of the grouped results: each document's heading, then its matches.
fn result_rows(hits: &[Hit]) -> Vec<ResultRow> {
    let mut rows = Vec::with_capacity(hits.len() + hits.len() / 2);
    let mut from = 0;
    while from < hits.len() {
        let doc = &hits[from].doc;
        let to = hits[from..]
            .iter()
            .position(|h| &h.doc != doc)
            .map_or(hits.len(), |n| from + n);
        rows.push(ResultRow::Heading { from, to });
        rows.extend((from..to).map(ResultRow::Hit));
        from = to;
    }
    rows
}

/// The matches grouped by document. Rows have two fixed heights (a heading; a match of at most
/// two lines), so only the rows in view are laid out, however many matches there are.
fn grouped_results(
    ui: &mut egui::Ui,
    ws: &Workspace,
    hits: &[Hit],
    query: &str,
    selected: Option<usize>,
    reveal: bool,
) -> Option<ShowMatch> {
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let heading_height = line + 12.0;
    let hit_height = 2.0 * line + 6.0;
    let rows = result_rows(hits);
    let mut tops = Vec::with_capacity(rows.len());
    let mut total = 0.0;
    for row in &rows {
        tops.push(total);
        total += match row {
            ResultRow::Heading { .. } => heading_height,
            ResultRow::Hit(_) => hit_height,
        };
    }
    let mut event = None;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("search-results")
        .auto_shrink([false, false]);
    if reveal
        && let Some(row) = rows
            .iter()
            .position(|r| matches!(r, ResultRow::Hit(k) if Some(*k) == selected))
    {
        area = area.vertical_scroll_offset((tops[row] - 60.0).max(0.0));
    }
    area.show_viewport(ui, |ui, viewport| {
        ui.set_height(total);
        let origin = ui.max_rect().left_top();
        let width = ui.available_width();
        let first = tops
            .partition_point(|&t| t <= viewport.min.y)
            .saturating_sub(1);
        for (i, row) in rows.iter().enumerate().skip(first) {
            if tops[i] > viewport.max.y {
                break;
            }
            let height = match row {
                ResultRow::Heading { .. } => heading_height,
                ResultRow::Hit(_) => hit_height,
            };
            let rect = egui::Rect::from_min_size(
                origin + egui::vec2(0.0, tops[i]),
                egui::vec2(width, height),
            );
            let builder = egui::UiBuilder::new().max_rect(rect).id_salt(i);
            ui.scope_builder(builder, |ui| match *row {
                ResultRow::Heading { from, to } => {
                    document_heading(ui, ws, &hits[from..to], from > 0)
                }
                ResultRow::Hit(k) => {
                    if selected == Some(k) {
                        crate::ui::list_keys::paint_selected(ui, rect);
                    }
                    if let Some(e) = match_row(ui, ws, &hits[k], query) {
                        event = Some(e);
                    }
                }
            });
        }
    });
    event
}

/// About `n` chars of a text before (or after) a byte offset, on one line.
fn context(text: &str, at: usize, n: usize, before: bool) -> String {
    let piece: String = if before {
        let chars: Vec<char> = text[..at].chars().rev().take(n).collect();
        chars.into_iter().rev().collect()
    } else {
        text[at..].chars().take(n).collect()
    };
    let line = piece.split_whitespace().collect::<Vec<_>>().join(" ");
    match (
        before,
        piece.starts_with(char::is_whitespace),
        piece.ends_with(char::is_whitespace),
    ) {
        (true, _, true) => format!("{line} "),
        (false, true, _) => format!(" {line}"),
        _ => line,
    }
}

/// Widths of keyword-in-context columns: the match (about), the source at most.
const KWIC_SOURCE_WIDTH: f32 = 190.0;
const KWIC_MATCH_WIDTH: f32 = 240.0;
/// The narrowest table that still has a source column.
const KWIC_SOURCE_FROM: f32 = 420.0;

/// Height of a keyword-in-context row (without spacing).
fn kwic_row_height(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) + 4.0
}

/// A label in a cell of fixed size, aligned to its left or right edge, cut to fit.
fn fixed_cell(
    ui: &mut egui::Ui,
    size: egui::Vec2,
    align_right: bool,
    label: egui::Label,
) -> egui::Response {
    let layout = if align_right {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_max_width(size.x);
        ui.add(label.truncate())
    })
    .inner
}

/// Rows of the matches as a keyword-in-context table: the words before, right-aligned; the
/// match; the words after; the document and page. A click on a row opens the match. `first`
/// is the index of `hits[0]` among all the matches (only the rows in view are drawn).
fn keyword_in_context(
    ui: &mut egui::Ui,
    ws: &Workspace,
    hits: &[Hit],
    first: usize,
    query: &str,
    selected: Option<usize>,
) -> Option<ShowMatch> {
    let mut event = None;
    // The source column gives way first in a narrow window: the contexts are what is read.
    // The match column is as wide as the widest match in view.
    let width = ui.available_width();
    // Too narrow for a source column too: the source is in the match's tooltip instead.
    let show_source = width >= KWIC_SOURCE_FROM;
    let source_width = if show_source {
        (width * 0.2).clamp(90.0, KWIC_SOURCE_WIDTH)
    } else {
        0.0
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let match_width = hits
        .iter()
        .filter_map(|h| {
            let doc = ws.corpus.get(&h.doc)?;
            let text = doc.slice_chars(h.start, h.end);
            Some(ui.fonts_mut(|f| {
                f.layout_no_wrap(text, font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            }))
        })
        .fold(0.0f32, f32::max)
        .clamp(40.0, KWIC_MATCH_WIDTH);
    let gaps = 3.0 * ui.spacing().item_spacing.x + 8.0;
    let side = ((width - source_width - match_width - gaps) / 2.0).max(60.0);
    let row_height = kwic_row_height(ui);
    // About how many chars fit beside the match (the left side keeps its end, next to it).
    let font_size = egui::TextStyle::Body.resolve(ui.style()).size;
    let fit = ((side / (font_size * 0.5)) as usize).max(8);
    let clickable = |text: egui::WidgetText| egui::Label::new(text).sense(egui::Sense::click());
    egui::Grid::new("kwic")
        .striped(true)
        .min_row_height(row_height)
        .show(ui, |ui| {
            for (k, hit) in hits.iter().enumerate() {
                let Some(doc) = ws.corpus.get(&hit.doc) else {
                    continue;
                };
                let (sb, eb) = (doc.byte_at(hit.start), doc.byte_at(hit.end));
                let left = context(&doc.text, sb, fit, true);
                let right = context(&doc.text, eb, fit + 20, false);
                let matched = doc.text[sb..eb]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let page = hit.page.map_or(String::new(), |p| format!(", p. {p}"));
                let mut clicked = false;
                if selected == Some(first + k) {
                    let top = ui.cursor().min;
                    let rect = egui::Rect::from_min_size(
                        top,
                        egui::vec2(ui.available_width().max(width), row_height),
                    );
                    crate::ui::list_keys::paint_selected(ui, rect);
                }
                ui.push_id(first + k, |ui| {
                    let cell = egui::vec2(side, row_height);
                    clicked |= fixed_cell(ui, cell, true, clickable(left.into())).clicked();
                    let match_cell = egui::vec2(match_width, row_height);
                    let matched = clickable(RichText::new(matched).strong().into());
                    let tip = if show_source {
                        "Open the match in the reader".to_string()
                    } else {
                        format!("{}{page}\nOpen the match in the reader", doc.meta.title)
                    };
                    clicked |= fixed_cell(ui, match_cell, false, matched)
                        .on_hover_text(tip)
                        .clicked();
                    clicked |= fixed_cell(ui, cell, false, clickable(right.into())).clicked();
                    if show_source {
                        let source =
                            RichText::new(format!("{}{page}", doc.meta.short_title)).weak();
                        let size = egui::vec2(source_width, row_height);
                        fixed_cell(ui, size, false, egui::Label::new(source))
                            .on_hover_text(format!("{}{page}", doc.meta.title));
                    }
                });
                ui.end_row();
                if clicked {
                    event = Some(ShowMatch {
                        doc: hit.doc.clone(),
                        start: hit.start,
                        end: hit.end,
                        query: query.to_string(),
                    });
                }
            }
        });
    event
}

/// A match in context, the matched words marked like the reader's search hits.
fn snippet_job(ui: &egui::Ui, page: &str, snippet: &str, matched: &str) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = egui::TextFormat::simple(font.clone(), ui.visuals().text_color());
    let weak = egui::TextFormat::simple(font.clone(), ui.visuals().weak_text_color());
    let marked = egui::TextFormat {
        background: ui.visuals().selection.bg_fill.gamma_multiply(0.6),
        color: ui.visuals().strong_text_color(),
        ..plain.clone()
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(page, 0.0, weak);
    // The snippet puts the match in its middle: take the occurrence nearest the middle.
    let matched: String = matched.split_whitespace().collect::<Vec<_>>().join(" ");
    let middle = snippet.len() / 2;
    let at = snippet
        .match_indices(matched.as_str())
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle));
    match at.filter(|_| !matched.is_empty()) {
        Some(i) => {
            job.append(&snippet[..i], 0.0, plain.clone());
            job.append(&snippet[i..i + matched.len()], 0.0, marked);
            job.append(&snippet[i + matched.len()..], 0.0, plain);
        }
        None => job.append(snippet, 0.0, plain),
    }
    job
}

/// A document's heading in the grouped results: date, title, number of matches.
fn document_heading(ui: &mut egui::Ui, ws: &Workspace, hits: &[Hit], rule_above: bool) {
    let Some(doc) = hits.first().and_then(|h| ws.corpus.get(&h.doc)) else {
        return;
    };
    if rule_above {
        ui.separator();
    } else {
        ui.add_space(6.0);
    }
    let date = doc
        .meta
        .date
        .as_ref()
        .map_or("undated".to_string(), |d| d.long_form());
    let n = if hits.len() == 1 {
        "1 match".to_string()
    } else {
        format!("{} matches", hits.len())
    };
    ui.add(
        egui::Label::new(RichText::new(format!("{date} · {} · {n}", doc.meta.title)).strong())
            .truncate(),
    );
}

/// One match in the grouped results, in at most two lines; a click opens it in the reader.
fn match_row(ui: &mut egui::Ui, ws: &Workspace, hit: &Hit, query: &str) -> Option<ShowMatch> {
    let doc = ws.corpus.get(&hit.doc)?;
    let page = hit.page.map_or(String::new(), |p| format!("p. {p}  "));
    let matched = doc.slice_chars(hit.start, hit.end);
    let mut job = snippet_job(ui, &page, &hit.snippet, &matched);
    job.wrap.max_rows = 2;
    job.wrap.overflow_character = Some('…');
    let response = ui.add(egui::Label::new(job).wrap().sense(egui::Sense::click()));
    // A screen reader reads the whole snippet, not the two lines shown.
    let full = format!("{page}{}", hit.snippet);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &full));
    let clicked = response
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text("Open the match in the reader")
        .clicked();
    clicked.then(|| ShowMatch {
        doc: hit.doc.clone(),
        start: hit.start,
        end: hit.end,
        query: query.to_string(),
    })
}
