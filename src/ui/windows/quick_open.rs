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

/// The text a document is matched by: its title, date and the people in it.
fn candidates(ws: &Workspace) -> Vec<String> {
    ws.corpus
        .documents
        .iter()
        .map(|d| {
            let people: Vec<&str> = ws
                .people
                .roles
                .get(&d.meta.id)
                .map(|r| r.keys().map(|p| ws.person_name(p)).collect())
                .unwrap_or_default();
            format!(
                "{} {} {}",
                d.meta.title,
                d.meta.date.as_ref().map_or("", |x| x.as_str()),
                people.join(" ")
            )
        })
        .collect()
}

/// Shows quick open.
pub fn show(ctx: &egui::Context, q: &mut QuickOpen, ws: &Workspace) -> Option<QuickOpenEvent> {
    let candidates = candidates(ws);
    let results: Vec<usize> = if q.query.trim().is_empty() {
        (0..candidates.len()).collect()
    } else {
        crate::search::fuzzy::rank(&q.query, &candidates, 12)
            .into_iter()
            .map(|(i, _)| i)
            .collect()
    };
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
