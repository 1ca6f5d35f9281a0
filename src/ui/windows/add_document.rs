//! File → Add document: one file of the user's own (PDF, Word, OpenDocument, web page, TEI,
//! Markdown or text), with what the file does not say itself: title, date, citation, the people
//! present and its kind.

use super::{FileDialogs, Picked};
use crate::import::store::ImportOptions;
use std::path::{Path, PathBuf};

/// The Add document form.
#[derive(Debug, Clone, Default)]
pub struct AddDocumentForm {
    /// The file.
    pub path: String,
    /// The title (empty: the file's own title, else its name); the id is made from it.
    pub title: String,
    /// The date as typed (anything `DocDate::parse` reads), or empty.
    pub date: String,
    /// How the document is cited, as the user writes it (used by every export).
    pub citation: String,
    /// People present, comma-separated.
    pub present: String,
    /// Its kind (none: "your document").
    pub kind: Option<crate::corpus::Kind>,
    /// Error from the last attempt.
    pub error: Option<String>,
}

/// What the form asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum AddDocumentEvent {
    /// Add this file with this description.
    Add(PathBuf, Box<ImportOptions>),
    /// Closed without adding.
    Close,
}

impl AddDocumentForm {
    /// What the user described, or why it cannot be used.
    pub fn options(&self) -> Result<ImportOptions, String> {
        let date = match self.date.trim() {
            "" => None,
            d => Some(crate::corpus::DocDate::parse(d).map_err(|e| e.to_string())?),
        };
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(ImportOptions {
            title: given(&self.title),
            date,
            citation: given(&self.citation),
            kind: self.kind,
            present: self
                .present
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            ..ImportOptions::default()
        })
    }
}

/// Shows the form; `start` is where Browse… begins.
pub fn show(
    ctx: &egui::Context,
    f: &mut AddDocumentForm,
    dialogs: &mut dyn FileDialogs,
    start: &Path,
) -> Option<AddDocumentEvent> {
    let mut event = None;
    egui::Window::new("Add document")
        .default_width(560.0)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(
                "A PDF, Word, OpenDocument, web page, TEI, Markdown or text file of your own; it joins your library and works like the paper's documents. Leave a field empty to take what the file says.",
            );
            egui::Grid::new("add-doc").num_columns(2).show(ui, |ui| {
                let field = |ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str| {
                    ui.label(label);
                    ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(360.0))
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, label)
                        });
                    ui.end_row();
                };
                field(ui, "File to add", &mut f.path, "/path/to/document.pdf");
                field(ui, "Document title", &mut f.title, "the file's own title, unless you give one");
                field(ui, "Document date", &mut f.date, "YYYY-MM-DD, YYYY-MM, YYYY, c. 1961, 1961-03/1961-06");
                field(ui, "Document citation", &mut f.citation, "as you will cite it");
                field(ui, "People present", &mut f.present, "names, separated by commas");
                ui.label("Kind");
                let kind = egui::ComboBox::from_id_salt("add-doc-kind")
                    .selected_text(f.kind.map_or("your document", |k| k.label()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut f.kind, None, "your document");
                        for k in [
                            crate::corpus::Kind::RecordOfConversation,
                            crate::corpus::Kind::Memoir,
                            crate::corpus::Kind::OralHistory,
                        ] {
                            ui.selectable_value(&mut f.kind, Some(k), k.label());
                        }
                    });
                kind.response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Document kind")
                });
                ui.end_row();
            });
            if let Some(e) = &f.error {
                ui.label(egui::RichText::new(e).color(ui.visuals().error_fg_color));
            }
            ui.horizontal(|ui| {
                if ui.button("Browse…").clicked() {
                    match dialogs.open_document(start) {
                        Picked::Path(p) => f.path = p.display().to_string(),
                        Picked::Nothing => {
                            f.error = Some(crate::ui::windows::path_prompt::NO_DIALOG.into())
                        }
                    }
                }
                if ui.button("Add").clicked() {
                    match f.options() {
                        _ if f.path.trim().is_empty() => {
                            f.error = Some("Choose a file to add first.".into())
                        }
                        Ok(options) => {
                            f.error = None;
                            event = Some(AddDocumentEvent::Add(
                                PathBuf::from(f.path.trim()),
                                Box::new(options),
                            ));
                        }
                        Err(e) => f.error = Some(e),
                    }
                }
                if ui.button("Cancel").clicked() {
                    event = Some(AddDocumentEvent::Close);
                }
            });
        });
    if event.is_none() && crate::ui::windows::escape(ctx) {
        event = Some(AddDocumentEvent::Close);
    }
    event
}
