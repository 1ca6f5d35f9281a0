//! Quick open (Ctrl+P): any document by title, date or person, fuzzy matched; in the whole
//! library, the paper, your documents, or one of your collections.

use crate::Workspace;

/// Quick open state.
#[derive(Debug, Clone, Default)]
pub struct QuickOpen {
    /// What is typed: matched fuzzily against title, date and people.
    pub query: String,
    /// The result Enter opens (moved with the arrow keys).
    pub selected: usize,
    /// Where it looks.
    pub scope: Scope,
}

/// Which documents quick open looks in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every document.
    #[default]
    All,
    /// The paper's documents.
    Paper,
    /// The researcher's documents.
    Yours,
    /// One of the researcher's collections.
    Collection(String),
}

impl Scope {
    /// How the scope is shown.
    pub fn label(&self) -> String {
        match self {
            Scope::All => "All documents".into(),
            Scope::Paper => "Working Paper #90".into(),
            Scope::Yours => "Your documents".into(),
            Scope::Collection(c) => crate::ui::library::short_name(c),
        }
    }

    /// Whether a document is in it.
    pub fn holds(&self, d: &crate::corpus::Document) -> bool {
        match self {
            Scope::All => true,
            Scope::Paper => !d.user_added,
            Scope::Yours => d.user_added,
            Scope::Collection(c) => d.meta.collection.as_deref() == Some(c.as_str()),
        }
    }
}

impl QuickOpen {
    /// Quick open looking in one collection (the one the library shows), or everywhere.
    pub fn in_collection(collection: Option<String>) -> QuickOpen {
        QuickOpen {
            scope: collection.map_or(Scope::All, Scope::Collection),
            ..QuickOpen::default()
        }
    }
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
            "{} {} {} {}",
            d.meta.title,
            d.meta.date.as_ref().map_or("", |x| x.as_str()),
            d.meta
                .date
                .as_ref()
                .map(|x| x.long_form())
                .unwrap_or_default(),
            people.join(" ")
        ))
    })
}

/// Most candidates ranked fuzzily when every typed word is in many of them.
const MOST_RANKED: usize = 5_000;

/// The best matches for a query among the documents `within` (at most 12; the first 12 when
/// it is empty). Documents holding every typed word come first, ranked fuzzily, the paper's
/// records and yours before its commentary when they score alike ("13 April" finds the record
/// of 13 April before the editor's note on it, and not 3 or 12 March); only when no document
/// holds every word is everything ranked fuzzily.
fn matches(
    query: &str,
    candidates: &[String],
    within: Vec<usize>,
    commentary: &dyn Fn(usize) -> bool,
) -> Vec<usize> {
    if query.trim().is_empty() {
        return within.into_iter().take(12).collect();
    }
    let rank = |subset: &[usize]| -> Vec<usize> {
        let texts: Vec<&str> = subset.iter().map(|&i| candidates[i].as_str()).collect();
        let mut ranked: Vec<(usize, i64)> =
            crate::search::fuzzy::rank_folded(query, &texts, subset.len().min(200))
                .into_iter()
                .map(|(k, score)| (subset[k], score))
                .collect();
        // Scores within a tenth of each other are alike.
        let best = ranked.first().map_or(0, |r| r.1).max(1);
        ranked.sort_by_key(|&(i, score)| {
            (
                std::cmp::Reverse(score * 10 / best),
                commentary(i),
                std::cmp::Reverse(score),
            )
        });
        ranked.into_iter().take(12).map(|(i, _)| i).collect()
    };
    let folded = crate::search::fold(query);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let holding: Vec<usize> = within
        .iter()
        .copied()
        .filter(|&i| words.iter().all(|w| candidates[i].contains(w)))
        .take(MOST_RANKED)
        .collect();
    if holding.is_empty() {
        rank(&within)
    } else {
        rank(&holding)
    }
}

/// What quick open remembers between frames: the folded candidates of a library, and the
/// matches of the last query.
#[derive(Clone, Default)]
struct Memo {
    library: (usize, usize),
    candidates: std::sync::Arc<Vec<String>>,
    query: Option<(String, Scope)>,
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
    let asked = (q.query.clone(), q.scope.clone());
    if memo.query.as_ref() != Some(&asked) {
        let within: Vec<usize> = (0..ws.corpus.documents.len())
            .filter(|&i| q.scope.holds(&ws.corpus.documents[i]))
            .collect();
        let commentary =
            |i: usize| ws.corpus.documents[i].meta.kind == crate::corpus::Kind::Commentary;
        memo.results =
            std::sync::Arc::new(matches(&q.query, &memo.candidates, within, &commentary));
        memo.query = Some(asked);
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
            ui.horizontal(|ui| {
                ui.label("In");
                let mut scopes = vec![Scope::All, Scope::Paper];
                let collections = crate::ui::library::collections_memo(ui.ctx(), ws);
                if ws.corpus.documents.last().is_some_and(|d| d.user_added) {
                    scopes.push(Scope::Yours);
                }
                scopes.extend(collections.iter().cloned().map(Scope::Collection));
                egui::ComboBox::from_id_salt("quick-open-scope")
                    .selected_text(q.scope.label())
                    .show_ui(ui, |ui| {
                        for s in scopes {
                            let label = s.label();
                            ui.selectable_value(&mut q.scope, s, label);
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Look in")
                    });
            });
            if results.is_empty() {
                ui.weak(format!("Nothing in {} matches.", q.scope.label()));
            }
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
        None if crate::ui::windows::escape(ctx) => Some(QuickOpenEvent::Close),
        None => None,
    }
}
