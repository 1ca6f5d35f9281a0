//! The menu bar: File (notebooks, documents, exports, history, settings), Edit, View (views,
//! theme) and Help.

use super::app::ReadingRoomApp;
use super::prefs::Theme;
use super::windows::{AddDocumentForm, PromptKind, QuickOpen, prompt};

/// The menu bar.
pub fn menu_bar(app: &mut ReadingRoomApp, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("New notebook…").clicked() {
                app.prompt = Some(prompt(PromptKind::New, app));
                ui.close();
            }
            if ui.button("Open notebook…").clicked() {
                app.prompt = Some(prompt(PromptKind::Open, app));
                ui.close();
            }
            if ui.button("Save notebook as…").clicked() {
                app.prompt = Some(prompt(PromptKind::SaveAs, app));
                ui.close();
            }
            ui.menu_button("Recent notebooks", |ui| {
                let recent = app.prefs.recent.clone();
                if recent.is_empty() {
                    ui.label("None yet");
                }
                for p in recent {
                    if ui.button(p.display().to_string()).clicked() {
                        if let Err(e) = app.open_notebook(&p) {
                            app.notebook_error = Some(e);
                        }
                        ui.close();
                    }
                }
            });
            if ui.button("Add document…").clicked() {
                app.add_document_form = Some(AddDocumentForm::default());
                ui.close();
            }
            if ui.button("Export notes…").clicked() {
                app.prompt = Some(prompt(PromptKind::ExportNotes, app));
                ui.close();
            }
            if ui.button("Export concordance…").clicked() {
                app.request_concordance_export();
                ui.close();
            }
            if ui.button("Import notes…").clicked() {
                app.prompt = Some(prompt(PromptKind::ImportNotes, app));
                ui.close();
            }
            if ui
                .add_enabled(
                    app.comparison.is_some(),
                    egui::Button::new("Export comparison…"),
                )
                .clicked()
            {
                app.prompt = Some(prompt(PromptKind::ExportComparison, app));
                ui.close();
            }
            if ui
                .add_enabled(
                    app.session.path.is_some(),
                    egui::Button::new("Restore version…"),
                )
                .clicked()
            {
                app.windows.versions = true;
                ui.close();
            }
            ui.separator();
            if ui.button("Settings…").clicked() {
                app.windows.settings = true;
                ui.close();
            }
        });
        ui.menu_button("Edit", |ui| {
            let (undo, redo) = app.session.can_undo();
            if ui
                .add_enabled(undo, egui::Button::new("Undo").shortcut_text("Ctrl+Z"))
                .clicked()
            {
                app.session.undo();
                ui.close();
            }
            if ui
                .add_enabled(
                    redo,
                    egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z"),
                )
                .clicked()
            {
                app.session.redo();
                ui.close();
            }
            if ui
                .add_enabled(app.draft.is_some(), egui::Button::new("Resume draft"))
                .on_hover_text("The note you were writing when the editor closed without saving")
                .clicked()
            {
                app.resume_draft();
                ui.close();
            }
            ui.separator();
            if ui.button("Annotate selection").clicked() {
                let ctx = ui.ctx().clone();
                app.annotate_selection(&ctx);
                ui.close();
            }
            if ui.button("New memo").clicked() {
                app.editor = Some(super::editor::Editor::new(
                    crate::notes::model::Target::Memo,
                ));
                ui.close();
            }
        });
        ui.menu_button("View", |ui| {
            if ui.button("Quick open…").clicked() {
                app.quick_open = Some(QuickOpen::default());
                ui.close();
            }
            if ui.button("Find…").clicked() {
                app.find.open = true;
                ui.close();
            }
            if ui.button("Search all documents…").clicked() {
                app.open_search();
                ui.close();
            }
            if ui.button("Compare memoir versions").clicked() {
                app.compare_memoirs();
                ui.close();
            }
            ui.separator();
            for (view, label) in [
                (super::app::CentralView::Reader, "Reader"),
                (super::app::CentralView::Timeline, "Timeline"),
                (super::app::CentralView::People, "People"),
                (super::app::CentralView::Speakers, "Who said what"),
            ] {
                if ui
                    .selectable_label(app.view == view && app.comparison.is_none(), label)
                    .clicked()
                {
                    app.view = view;
                    app.comparison = None;
                    ui.close();
                }
            }
            ui.separator();
            ui.label("Theme");
            ui.radio_value(&mut app.prefs.theme, Theme::System, "Follow the system");
            ui.radio_value(&mut app.prefs.theme, Theme::Light, "Light");
            ui.radio_value(&mut app.prefs.theme, Theme::Dark, "Dark");
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                app.windows.help = true;
                ui.close();
            }
            if ui.button("About Reading Room").clicked() {
                app.windows.about = true;
                ui.close();
            }
        });
    });
}
