//! The menu bar: File (notebooks, documents, exports, history, settings), Edit, View (views,
//! theme) and Help. It reads a [`MenuState`] and returns the [`Action`]s chosen; it changes
//! nothing itself. Each entry shows the label and shortcut of its action (`shortcuts.rs`).

use super::central::CentralView;
use super::prefs::Theme;
use super::shortcuts::Action;
use std::path::PathBuf;

/// What the menus need to know: which entries are enabled or checked.
#[derive(Debug, Clone, Default)]
pub struct MenuState {
    /// Something to undo / redo.
    pub can_undo: bool,
    /// Something to redo.
    pub can_redo: bool,
    /// A draft kept from an editor closed unsaved.
    pub has_draft: bool,
    /// A comparison is open (Export comparison).
    pub comparing: bool,
    /// The find bar has matches (Find next / previous).
    pub find_hits: bool,
    /// The notebook has a file (Restore version).
    pub saved_somewhere: bool,
    /// Recently opened notebooks.
    pub recent: Vec<PathBuf>,
    /// The central view shown (none while a comparison is open).
    pub view: Option<CentralView>,
    /// The theme chosen.
    pub theme: Theme,
    /// Which side panels are shown.
    pub panels: crate::ui::prefs::Panels,
    /// A note was saved with a tag (Highlight with the last tag).
    pub has_last_tag: bool,
    /// A passage of one of the researcher's documents is selected (Correct the selected text).
    pub can_correct: bool,
    /// The open document has a correction to undo.
    pub can_undo_correction: bool,
}

/// What a menu entry shows (and a screen reader reads): the action's label, then its shortcut.
pub fn entry_text(action: Action) -> String {
    match action.shortcut_text() {
        keys if keys.is_empty() => action.label().to_string(),
        keys => format!("{} {keys}", action.label()),
    }
}

/// One menu entry for an action: its label, its shortcut, enabled or not.
fn entry(ui: &mut egui::Ui, out: &mut Vec<Action>, action: Action, enabled: bool) {
    let mut button = egui::Button::new(action.label());
    let keys = action.shortcut_text();
    if !keys.is_empty() {
        button = button.shortcut_text(keys);
    }
    if ui.add_enabled(enabled, button).clicked() {
        out.push(action);
        ui.close();
    }
}

/// Every action a menu offers, in menu order (the test of menus and shortcuts walks it).
pub const MENU_ACTIONS: [Action; 46] = [
    Action::NewNotebook,
    Action::OpenNotebook,
    Action::SaveNotebookAs,
    Action::AddDocument,
    Action::ImportDocuments,
    Action::ExportNotes,
    Action::ExportConcordance,
    Action::ImportNotes,
    Action::ExportComparison,
    Action::RestoreVersion,
    Action::Settings,
    Action::Quit,
    Action::Undo,
    Action::Redo,
    Action::ResumeDraft,
    Action::Annotate,
    Action::HighlightWithLastTag,
    Action::CopyWithCitation,
    Action::CopyPandocCitation,
    Action::NewMemo,
    Action::YourPeople,
    Action::CorrectText,
    Action::UndoCorrection,
    Action::QuickOpen,
    Action::Find,
    Action::FindNext,
    Action::FindPrevious,
    Action::SearchAll,
    Action::GoToPage,
    Action::ZoomIn,
    Action::ZoomOut,
    Action::CompareMemoirs,
    Action::NextDifference,
    Action::PreviousDifference,
    Action::ToggleLibrary,
    Action::ToggleNotes,
    Action::ToggleFacsimile,
    Action::ShowView(CentralView::Reader),
    Action::ShowView(CentralView::Timeline),
    Action::ShowView(CentralView::People),
    Action::ShowView(CentralView::Speakers),
    Action::ShowView(CentralView::Questions),
    Action::ShowView(CentralView::Cooccurrence),
    Action::ShowView(CentralView::Frequency),
    Action::Help,
    Action::About,
];

/// The menu bar; returns what was chosen.
pub fn menu_bar(state: &MenuState, ui: &mut egui::Ui) -> Vec<Action> {
    let mut out = Vec::new();
    let o = &mut out;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            entry(ui, o, Action::NewNotebook, true);
            entry(ui, o, Action::OpenNotebook, true);
            entry(ui, o, Action::SaveNotebookAs, true);
            ui.menu_button("Recent notebooks", |ui| {
                if state.recent.is_empty() {
                    ui.label("None yet");
                }
                for (i, p) in state.recent.iter().enumerate() {
                    if ui.button(p.display().to_string()).clicked() {
                        o.push(Action::OpenRecent(i));
                        ui.close();
                    }
                }
            });
            entry(ui, o, Action::AddDocument, true);
            entry(ui, o, Action::ImportDocuments, true);
            entry(ui, o, Action::ExportNotes, true);
            entry(ui, o, Action::ExportConcordance, true);
            entry(ui, o, Action::ImportNotes, true);
            entry(ui, o, Action::ExportComparison, state.comparing);
            entry(ui, o, Action::RestoreVersion, state.saved_somewhere);
            ui.separator();
            entry(ui, o, Action::Settings, true);
            entry(ui, o, Action::Quit, true);
        });
        ui.menu_button("Edit", |ui| {
            entry(ui, o, Action::Undo, state.can_undo);
            entry(ui, o, Action::Redo, state.can_redo);
            entry(ui, o, Action::ResumeDraft, state.has_draft);
            ui.separator();
            entry(ui, o, Action::Annotate, true);
            entry(ui, o, Action::HighlightWithLastTag, state.has_last_tag);
            entry(ui, o, Action::CopyWithCitation, true);
            entry(ui, o, Action::CopyPandocCitation, true);
            entry(ui, o, Action::NewMemo, true);
            ui.separator();
            entry(ui, o, Action::CorrectText, state.can_correct);
            entry(ui, o, Action::UndoCorrection, state.can_undo_correction);
            ui.separator();
            entry(ui, o, Action::YourPeople, true);
        });
        ui.menu_button("View", |ui| {
            entry(ui, o, Action::QuickOpen, true);
            entry(ui, o, Action::Find, true);
            entry(ui, o, Action::FindNext, state.find_hits);
            entry(ui, o, Action::FindPrevious, state.find_hits);
            entry(ui, o, Action::SearchAll, true);
            entry(ui, o, Action::GoToPage, true);
            ui.separator();
            entry(ui, o, Action::ZoomIn, true);
            entry(ui, o, Action::ZoomOut, true);
            ui.separator();
            entry(ui, o, Action::CompareMemoirs, true);
            entry(ui, o, Action::NextDifference, state.comparing);
            entry(ui, o, Action::PreviousDifference, state.comparing);
            ui.separator();
            for (action, shown) in [
                (Action::ToggleLibrary, state.panels.library),
                (Action::ToggleNotes, state.panels.notes),
                (Action::ToggleFacsimile, state.panels.facsimile),
            ] {
                let button = egui::Button::new(action.label())
                    .selected(shown)
                    .shortcut_text(action.shortcut_text());
                if ui.add(button).clicked() {
                    o.push(action);
                    ui.close();
                }
            }
            ui.separator();
            for view in [
                CentralView::Reader,
                CentralView::Timeline,
                CentralView::People,
                CentralView::Speakers,
                CentralView::Questions,
                CentralView::Cooccurrence,
                CentralView::Frequency,
            ] {
                let action = Action::ShowView(view);
                let mut button = egui::Button::selectable(state.view == Some(view), action.label());
                let keys = action.shortcut_text();
                if !keys.is_empty() {
                    button = button.shortcut_text(keys);
                }
                if ui.add(button).clicked() {
                    o.push(action);
                    ui.close();
                }
            }
            ui.separator();
            ui.label("Theme");
            for theme in [Theme::System, Theme::Light, Theme::Dark] {
                let action = Action::SetTheme(theme);
                if ui.radio(state.theme == theme, action.label()).clicked() {
                    o.push(action);
                }
            }
        });
        ui.menu_button("Help", |ui| {
            entry(ui, o, Action::Help, true);
            entry(ui, o, Action::About, true);
        });
        // The side panels, shown or hidden, at the right end of the bar.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for (action, shown, name) in [
                (Action::ToggleNotes, state.panels.notes, "Notes"),
                (Action::ToggleLibrary, state.panels.library, "Library"),
            ] {
                let verb = if shown { "Hide" } else { "Show" };
                let tip = format!(
                    "{verb} the {} panel ({})",
                    name.to_lowercase(),
                    action.shortcut_text()
                );
                let r = ui
                    .add(egui::Button::selectable(shown, name))
                    .on_hover_text(&tip);
                r.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, shown, &tip));
                if r.clicked() {
                    o.push(action);
                }
            }
        });
    });
    out
}
