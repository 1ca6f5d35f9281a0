//! The in-app path field for Open / New / Save As, exports and imports (works where no native
//! dialog is available; Browse… opens one where it is).

use super::{FileDialogs, Picked};
use std::path::{Path, PathBuf};

/// What the in-app path field is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Open a notebook.
    Open,
    /// Create a new notebook.
    New,
    /// Save the notebook elsewhere.
    SaveAs,
    /// Export the open comparison (.md, .html or .csv).
    ExportComparison,
    /// Export the notes (.md, .csv, .jsonld or .ron).
    ExportNotes,
    /// Export the speaker concordance.
    ExportConcordance,
    /// Save the co-occurrence table (.csv).
    ExportCooccurrence,
    /// Import a colleague's notes (.ron, .jsonld, a REFI-QDA .qdpx/.qde or a TEI .xml).
    ImportNotes,
    /// Import files and folders of documents.
    ImportDocuments,
    /// Replace the open document's text.
    ReplaceText,
}

/// The in-app path field (works where no native dialog is available).
#[derive(Debug, Clone)]
pub struct PathPrompt {
    /// What the path is for (open, save as, export, import), which decides the buttons.
    pub kind: PromptKind,
    /// The path typed.
    pub text: String,
    /// Error from the last attempt.
    pub error: Option<String>,
    /// Said after Browse… gave nothing (no file dialog on this system, or it was cancelled).
    pub hint: Option<String>,
    /// For Export notes: all of them, or what the Notes panel shows.
    pub notes_scope: NotesScope,
    /// For Export notes: the format chosen in the list (the file's extension follows it).
    pub format: crate::export::notebook::Format,
    /// For the documents as records: those the library shows, instead of those the notes are
    /// on.
    pub library_documents: bool,
}

/// Which notes File → Export notes writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesScope {
    /// Every note of the notebook.
    All,
    /// The notes the Notes panel shows: this document or all, and its tag filter.
    AsShown,
    /// The notes that answer the question asked in Questions about my notes.
    Answers,
}

/// What the prompt shows besides the path: for Export notes, the two scopes with their counts.
#[derive(Debug, Clone, Default)]
pub struct PromptInfo {
    /// Notes in the notebook.
    pub all_notes: usize,
    /// Notes the Notes panel shows.
    pub shown_notes: usize,
    /// What the Notes panel shows ("this document: …", "all documents", ", tag …").
    pub panel: String,
    /// The question asked in Questions about my notes and how many notes answer it, if any.
    pub answers: Option<(String, usize)>,
    /// How many documents the library shows (its filters, a collection), and what it shows.
    pub library: (usize, String),
}

/// What the user did with the prompt this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptEvent {
    /// Use this path.
    Submit(PathBuf),
    /// Closed without choosing.
    Close,
}

impl PromptKind {
    fn title(self) -> &'static str {
        match self {
            PromptKind::Open => "Open notebook",
            PromptKind::New => "New notebook",
            PromptKind::SaveAs => "Save notebook as",
            PromptKind::ExportComparison => "Export comparison",
            PromptKind::ExportNotes => "Export notes",
            PromptKind::ExportConcordance => "Export concordance",
            PromptKind::ExportCooccurrence => "Save the table",
            PromptKind::ImportNotes => "Import notes",
            PromptKind::ImportDocuments => "Import files and folders",
            PromptKind::ReplaceText => "Replace text",
        }
    }

    fn explanation(self) -> &'static str {
        match self {
            PromptKind::ExportComparison => "File (.md, .html or .csv):",
            PromptKind::ExportNotes => {
                "Your notes, or the documents they are on: for your writing (Markdown, Zotero, Word, pandoc), to read and print, for QDA tools (REFI-QDA) and for editions (TEI). Which notes:"
            }
            PromptKind::ExportConcordance => {
                "What the chosen speaker said, as Markdown (.md) with a citation for every passage:"
            }
            PromptKind::ExportCooccurrence => {
                "The table of what co-occurs, as CSV (.csv) for a spreadsheet:"
            }
            PromptKind::ImportNotes => {
                "Notebook (.ron), W3C annotations (.jsonld), REFI-QDA project (.qdpx) or TEI edition (.xml) to merge in:"
            }
            PromptKind::ImportDocuments => {
                "A file or a folder: PDF, Word (.docx), OpenDocument (.odt), web pages, TEI XML, Markdown or text. Folders are searched; files imported before are skipped."
            }
            PromptKind::ReplaceText => {
                "The file to take this document's text from: the kept original (to extract it again) or another (a better scan, a corrected transcription). The metadata stays; your notes re-anchor, and any that cannot be placed are listed under Orphans."
            }
            _ => "Notebook file (.ron):",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            PromptKind::Open => "Open",
            PromptKind::New => "Create",
            PromptKind::SaveAs => "Save",
            PromptKind::ExportComparison
            | PromptKind::ExportNotes
            | PromptKind::ExportConcordance => "Export",
            PromptKind::ExportCooccurrence => "Save",
            PromptKind::ImportNotes | PromptKind::ImportDocuments => "Import",
            PromptKind::ReplaceText => "Replace",
        }
    }
}

/// What Browse… says when no path came back: the field stays, with the path as it was.
pub const NO_DIALOG: &str = "No file was chosen. If no file dialog appeared, this desktop has no file chooser (install xdg-desktop-portal-gtk or -kde); type or paste the path in the field above.";

/// Shows the prompt; `start` is where Browse… begins.
pub fn show(
    ctx: &egui::Context,
    p: &mut PathPrompt,
    info: &PromptInfo,
    dialogs: &mut dyn FileDialogs,
    start: &Path,
) -> Option<PromptEvent> {
    let mut event = None;
    egui::Window::new(p.kind.title())
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(p.kind.explanation());
            if p.kind == PromptKind::ExportNotes {
                ui.radio_value(
                    &mut p.notes_scope,
                    NotesScope::All,
                    format!("All notes in the notebook ({})", info.all_notes),
                );
                ui.radio_value(
                    &mut p.notes_scope,
                    NotesScope::AsShown,
                    format!(
                        "The notes the Notes panel shows ({}: {})",
                        info.shown_notes, info.panel
                    ),
                );
                if let Some((question, count)) = &info.answers {
                    ui.radio_value(
                        &mut p.notes_scope,
                        NotesScope::Answers,
                        format!("The notes that answer the question ({count}: {question})"),
                    );
                }
                format_choice(ui, p, info);
            }
            let mut submit = false;
            ui.horizontal(|ui| {
                let r = ui.add(egui::TextEdit::singleline(&mut p.text).desired_width(420.0));
                let name = match p.kind {
                    PromptKind::ImportDocuments => "File or folder to import",
                    PromptKind::ReplaceText => "File to take the text from",
                    PromptKind::ImportNotes => "Notes file to import",
                    _ => "Notebook file path",
                };
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                if ui.button("Browse…").clicked() {
                    let picked = match p.kind {
                        PromptKind::Open => dialogs.open_notebook(start),
                        PromptKind::ImportNotes => dialogs.open_notes_to_import(start),
                        PromptKind::ImportDocuments => dialogs.open_folder(start),
                        PromptKind::ReplaceText => dialogs.open_document(start),
                        PromptKind::ExportNotes
                            if p.format == crate::export::notebook::Format::Obsidian =>
                        {
                            dialogs.open_folder(start)
                        }
                        PromptKind::ExportComparison
                        | PromptKind::ExportNotes
                        | PromptKind::ExportConcordance
                        | PromptKind::ExportCooccurrence => dialogs.save_file(start),
                        _ => dialogs.save_notebook(start),
                    };
                    match picked {
                        Picked::Path(path) => {
                            p.text = path.display().to_string();
                            p.hint = None;
                            submit = true;
                        }
                        Picked::Nothing => {
                            p.hint = Some(NO_DIALOG.to_string());
                            r.request_focus();
                        }
                    }
                }
            });
            if let Some(e) = &p.error {
                ui.label(egui::RichText::new(e).color(ui.visuals().error_fg_color));
            }
            if let Some(h) = &p.hint {
                ui.label(h);
            }
            ui.horizontal(|ui| {
                if ui.button(p.kind.verb()).clicked() {
                    submit = true;
                }
                if ui.button("Cancel").clicked() {
                    event = Some(PromptEvent::Close);
                }
            });
            if submit {
                event = Some(PromptEvent::Submit(PathBuf::from(p.text.trim())));
            }
        });
    if event.is_none() && crate::ui::windows::escape(ctx) {
        event = Some(PromptEvent::Close);
    }
    event
}

/// Export notes: the list of formats; choosing one gives the path its extension.
fn format_choice(ui: &mut egui::Ui, p: &mut PathPrompt, info: &PromptInfo) {
    use crate::export::notebook::Format;
    ui.horizontal(|ui| {
        let l = ui.label("Format");
        let before = p.format;
        egui::ComboBox::from_id_salt("export-format")
            .selected_text(p.format.label())
            .width(360.0)
            .show_ui(ui, |ui| {
                for f in Format::ALL {
                    ui.selectable_value(&mut p.format, f, f.label());
                }
            })
            .response
            .labelled_by(l.id);
        if p.format != before {
            let path = PathBuf::from(p.text.trim());
            p.text = path
                .with_extension(p.format.extension())
                .display()
                .to_string();
        }
    });
    if p.format.is_bibliography() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Documents:");
            ui.radio_value(
                &mut p.library_documents,
                false,
                "those the notes above are on",
            );
            ui.radio_value(
                &mut p.library_documents,
                true,
                format!(
                    "those the library shows ({}: {})",
                    info.library.0, info.library.1
                ),
            );
        });
        ui.label(
            egui::RichText::new(
                "One record per document, keyed by the document's id (the keys of Copy as Pandoc citation); RIS carries each document's notes.",
            )
            .small()
            .weak(),
        );
    }
}
