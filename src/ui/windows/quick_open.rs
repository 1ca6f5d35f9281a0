//! Quick open (Ctrl+P): any document by title, date or person, fuzzy matched.

use crate::Workspace;

/// Quick open state.
#[derive(Debug, Clone, Default)]
pub struct QuickOpen {
    /// What is typed: matched fuzzily against title, date and people.
    pub query: String,
    /// The result Enter opens (moved with the arrow keys).
    pub selected: usize,
}

/// What quick open asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickOpenEvent {
    /// Open this document (an index into the corpus).
    Open(usize),
    /// Closed (Escape).
    Close,
}

/// The text a document is matched by, folded: its title, date and the people in it.
fn candidates(ws: &Workspace) -> Vec<String> {
    let names: std::collections::HashMap<&str, &str> = ws
        .registry
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    crate::parallel::par_map(&ws.corpus.documents, |d| {
        let people: Vec<&str> = ws
            .people
            .roles
            .get(&d.meta.id)
            .map(|r| {
                r.keys()
                    .map(|p| names.get(p.as_str()).copied().unwrap_or(p))
                    .collect()
            })
            .unwrap_or_default();
        crate::search::fold(&format!(
            "{} {} {}",
            d.meta.title,
            d.meta.date.as_ref().map_or("", |x| x.as_str()),
            people.join(" ")
        ))
    })
}

/// Above this many documents, candidates must contain every typed word before they are ranked
/// fuzzily (ranking 10,000 candidates takes tens of milliseconds).
const PREFILTER_FROM: usize = 2_000;

/// The best matches for a query (at most 12; the first 12 documents when it is empty).
fn matches(query: &str, candidates: &[String]) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..candidates.len().min(12)).collect();
    }
    let rank = |subset: &[usize]| -> Vec<usize> {
        let texts: Vec<&str> = subset.iter().map(|&i| candidates[i].as_str()).collect();
        crate::search::fuzzy::rank_folded(query, &texts, 12)
            .into_iter()
            .map(|(k, _)| subset[k])
            .collect()
    };
    let all: Vec<usize> = (0..candidates.len()).collect();
    if candidates.len() <= PREFILTER_FROM {
        return rank(&all);
    }
    let folded = crate::search::fold(query);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let subset: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| words.iter().all(|w| candidates[i].contains(w)))
        .take(5_000)
        .collect();
    if subset.is_empty() {
        rank(&all)
    } else {
        rank(&subset)
    }
}

/// What quick open remembers between frames: the folded candidates of a library, and the
/// matches of the last query.
#[derive(Clone, Default)]
struct Memo {
    library: (usize, usize),
    candidates: std::sync::Arc<Vec<String>>,
    query: Option<String>,
    results: std::sync::Arc<Vec<usize>>,
}

/// Shows quick open.
pub fn show(ctx: &egui::Context, q: &mut QuickOpen, ws: &Workspace) -> Option<QuickOpenEvent> {
    let id = egui::Id::unique("quick-open-memo");
    let mut memo: Memo = ctx.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    let library = (ws as *const Workspace as usize, ws.corpus.documents.len());
    if memo.library != library || memo.candidates.len() != ws.corpus.documents.len() {
        memo = Memo {
            library,
            candidates: std::sync::Arc::new(candidates(ws)),
            ..Memo::default()
        };
    }
    if memo.query.as_deref() != Some(q.query.as_str()) {
        memo.results = std::sync::Arc::new(matches(&q.query, &memo.candidates));
        memo.query = Some(q.query.clone());
    }
    let results = std::sync::Arc::clone(&memo.results);
    ctx.data_mut(|d| d.insert_temp(id, memo));
    let mut chosen = None;
    egui::Window::new("Quick open")
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .default_width(520.0)
        .show(ctx, |ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut q.query)
                    .hint_text("Title, date or person…")
                    .desired_width(f32::INFINITY),
            );
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Quick open search")
            });
            r.request_focus();
            let (down, up, enter) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::ArrowDown),
                    i.key_pressed(egui::Key::ArrowUp),
                    i.key_pressed(egui::Key::Enter),
                )
            });
            if down {
                q.selected = (q.selected + 1).min(results.len().saturating_sub(1));
            }
            if up {
                q.selected = q.selected.saturating_sub(1);
            }
            q.selected = q.selected.min(results.len().saturating_sub(1));
            for (k, &i) in results.iter().enumerate().take(12) {
                let d = &ws.corpus.documents[i];
                let text = format!(
                    "{}  {}",
                    d.meta.date.as_ref().map_or("", |x| x.as_str()),
                    d.meta.title
                );
                if ui.selectable_label(k == q.selected, text).clicked() {
                    chosen = Some(i);
                }
            }
            if enter && let Some(&i) = results.get(q.selected) {
                chosen = Some(i);
            }
        });
    match chosen {
        Some(i) => Some(QuickOpenEvent::Open(i)),
        None if ctx.input(|i| i.key_pressed(egui::Key::Escape)) => Some(QuickOpenEvent::Close),
        None => None,
    }
}
