//! Search all documents: the corpus's full text (case, accents and curly quotes ignored;
//! "quoted phrases"), the matches grouped by document with their page and context; a click opens
//! the match in the reader, where F3 steps on through that document's matches.

use crate::Workspace;
use crate::search::{Hit, SearchResult};
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
    /// The result for the query it was computed for (recomputed only when the query changes).
    cache: Option<(String, SearchResult)>,
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
    /// The result for the current query.
    pub fn result(&mut self, ws: &Workspace) -> &SearchResult {
        if self.cache.as_ref().is_none_or(|(q, _)| *q != self.query) {
            let result = ws.search.search(&ws.corpus, &self.query, LIMIT);
            self.cache = Some((self.query.clone(), result));
        }
        &self.cache.as_ref().expect("just computed").1
    }

    /// Draws the view.
    pub fn show(&mut self, ui: &mut egui::Ui, ws: &Workspace) -> Option<ShowMatch> {
        ui.heading("Search all documents");
        ui.label(
            "Every word must occur in a document; \"quoted words\" are a phrase. Case, accents \
             and curly quotes are ignored. Click a match to open it in the reader.",
        );
        ui.add_space(4.0);
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
        let query = self.query.clone();
        self.result(ws);
        let Some((_, result)) = &self.cache else {
            return None;
        };
        if query.trim().is_empty() {
            ui.add_space(8.0);
            ui.label(RichText::new("Type words to search the whole corpus.").weak());
            return None;
        }
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
        let mut summary = format!(
            "{} {matches} in {} {documents}",
            result.total, result.documents
        );
        if result.total > result.hits.len() {
            summary.push_str(&format!(" (the first {} listed)", result.hits.len()));
        }
        ui.label(RichText::new(summary).strong());
        ui.separator();
        let mut event = None;
        egui::ScrollArea::vertical()
            .id_salt("search-results")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut from = 0;
                while from < result.hits.len() {
                    let doc_id = &result.hits[from].doc;
                    let to = result.hits[from..]
                        .iter()
                        .position(|h| &h.doc != doc_id)
                        .map_or(result.hits.len(), |n| from + n);
                    if let Some(e) = document_matches(ui, ws, &result.hits[from..to], &query) {
                        event = Some(e);
                    }
                    from = to;
                }
            });
        event
    }
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

/// A document's heading and its matches, each a click target.
fn document_matches(
    ui: &mut egui::Ui,
    ws: &Workspace,
    hits: &[Hit],
    query: &str,
) -> Option<ShowMatch> {
    let doc = ws.corpus.get(&hits.first()?.doc)?;
    let mut event = None;
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
    ui.label(RichText::new(format!("{date} · {} · {n}", doc.meta.title)).strong());
    for (i, hit) in hits.iter().enumerate() {
        ui.push_id((&hit.doc, i), |ui| {
            let page = hit.page.map_or(String::new(), |p| format!("p. {p}  "));
            let matched = doc.slice_chars(hit.start, hit.end);
            let clicked = ui
                .add(
                    egui::Label::new(snippet_job(ui, &page, &hit.snippet, &matched))
                        .wrap()
                        .sense(egui::Sense::click()),
                )
                .on_hover_cursor(egui::CursorIcon::PointingHand)
                .on_hover_text("Open the match in the reader")
                .clicked();
            ui.add_space(2.0);
            if clicked {
                event = Some(ShowMatch {
                    doc: hit.doc.clone(),
                    start: hit.start,
                    end: hit.end,
                    query: query.to_string(),
                });
            }
        });
    }
    ui.separator();
    event
}
