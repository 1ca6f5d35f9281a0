//! The app's small windows: file dialogs (native through rfd, with an in-app path field as
//! fallback), quick open, adding a document, help, settings, and version history (the menu bar is
//! in `menu.rs`).

use super::app::{NotesScope, ReadingRoomApp};
use super::prefs::Theme;
use super::shortcuts::{SHORTCUTS, describe};
use std::path::PathBuf;

/// What a file dialog gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// A path.
    Path(PathBuf),
    /// Cancelled, or no native dialog is available here.
    Nothing,
}

/// File dialogs, behind a trait so tests never open one.
pub trait FileDialogs {
    /// Choose a notebook to open.
    fn open_notebook(&mut self, start: &std::path::Path) -> Picked;
    /// Choose where to save a notebook.
    fn save_notebook(&mut self, start: &std::path::Path) -> Picked;
    /// Choose a text document to add.
    fn open_document(&mut self, start: &std::path::Path) -> Picked;
    /// Choose where to write an export.
    fn save_file(&mut self, start: &std::path::Path) -> Picked;
}

/// Native dialogs (rfd).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open_notebook(&mut self, start: &std::path::Path) -> Picked {
        rfd::FileDialog::new()
            .set_directory(start)
            .add_filter("Reading Room notebook", &["ron"])
            .pick_file()
            .map_or(Picked::Nothing, Picked::Path)
    }

    fn open_document(&mut self, start: &std::path::Path) -> Picked {
        rfd::FileDialog::new()
            .set_directory(start)
            .add_filter("Text", &["txt", "md"])
            .pick_file()
            .map_or(Picked::Nothing, Picked::Path)
    }

    fn save_file(&mut self, start: &std::path::Path) -> Picked {
        rfd::FileDialog::new()
            .set_directory(start)
            .save_file()
            .map_or(Picked::Nothing, Picked::Path)
    }

    fn save_notebook(&mut self, start: &std::path::Path) -> Picked {
        rfd::FileDialog::new()
            .set_directory(start)
            .set_file_name("notebook.ron")
            .add_filter("Reading Room notebook", &["ron"])
            .save_file()
            .map_or(Picked::Nothing, Picked::Path)
    }
}

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
    /// Import a colleague's notes (.ron or .jsonld).
    ImportNotes,
}

/// The in-app path field (works where no native dialog is available).
#[derive(Debug, Clone)]
pub struct PathPrompt {
    /// What for.
    pub kind: PromptKind,
    /// The path typed.
    pub text: String,
    /// Error from the last attempt.
    pub error: Option<String>,
    /// For Export notes: all of them, or what the Notes panel shows.
    pub notes_scope: NotesScope,
}

/// The Add document form.
#[derive(Debug, Clone, Default)]
pub struct AddDocumentForm {
    /// The file (.txt or .md).
    pub path: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: String,
    /// Citation.
    pub citation: String,
    /// People present, comma-separated.
    pub present: String,
    /// Kind.
    pub kind: Option<crate::corpus::Kind>,
    /// Error from the last attempt.
    pub error: Option<String>,
}

/// Quick open state.
#[derive(Debug, Clone, Default)]
pub struct QuickOpen {
    /// Query.
    pub query: String,
    /// Highlighted result.
    pub selected: usize,
}

/// A path prompt of this kind, pre-filled with a file in the data directory.
pub(crate) fn prompt(kind: PromptKind, app: &ReadingRoomApp) -> PathPrompt {
    let dir = app.data_dir().to_path_buf();
    let text = match kind {
        PromptKind::Open => app.session.path.clone().unwrap_or(dir.join("notebook.ron")),
        PromptKind::ExportComparison => dir.join("comparison.md"),
        PromptKind::ExportNotes => dir.join("notes.md"),
        PromptKind::ExportConcordance => dir.join("concordance.md"),
        PromptKind::ImportNotes => dir.join("colleague.ron"),
        _ => dir.join("new-notebook.ron"),
    };
    PathPrompt {
        kind,
        text: text.display().to_string(),
        error: None,
        // What the panel shows, unless it shows nothing.
        notes_scope: if app.notes_in_scope(NotesScope::AsShown) > 0 {
            NotesScope::AsShown
        } else {
            NotesScope::All
        },
    }
}

fn path_prompt(app: &mut ReadingRoomApp, ctx: &egui::Context) {
    let Some(mut p) = app.prompt.take() else {
        return;
    };
    let title = match p.kind {
        PromptKind::Open => "Open notebook",
        PromptKind::New => "New notebook",
        PromptKind::SaveAs => "Save notebook as",
        PromptKind::ExportComparison => "Export comparison",
        PromptKind::ExportNotes => "Export notes",
        PromptKind::ExportConcordance => "Export concordance",
        PromptKind::ImportNotes => "Import notes",
    };
    let mut keep = true;
    let mut submit = false;
    egui::Window::new(title)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(if p.kind == PromptKind::ExportComparison {
                "File (.md, .html or .csv):"
            } else if p.kind == PromptKind::ExportNotes {
                "Notes to .md with citations, .csv, .jsonld or .ron:"
            } else if p.kind == PromptKind::ExportConcordance {
                "What the chosen speaker said, as Markdown (.md) with a citation for every passage:"
            } else if p.kind == PromptKind::ImportNotes {
                "Notebook (.ron) or W3C annotations (.jsonld) to merge in:"
            } else {
                "Notebook file (.ron):"
            });
            if p.kind == PromptKind::ExportNotes {
                let all = app.notes_in_scope(NotesScope::All);
                let shown = app.notes_in_scope(NotesScope::AsShown);
                let panel = if app.prefs.notes.only_open_document {
                    format!("this document: {}", app.open_document().meta.short_title)
                } else {
                    "all documents".to_string()
                };
                let tag = app
                    .prefs
                    .notes
                    .tag
                    .as_ref()
                    .map_or(String::new(), |t| format!(", tag {t}"));
                ui.radio_value(
                    &mut p.notes_scope,
                    NotesScope::All,
                    format!("All notes in the notebook ({all})"),
                );
                ui.radio_value(
                    &mut p.notes_scope,
                    NotesScope::AsShown,
                    format!("The notes the Notes panel shows ({shown}: {panel}{tag})"),
                );
            }
            ui.horizontal(|ui| {
                let r = ui.add(egui::TextEdit::singleline(&mut p.text).desired_width(420.0));
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Notebook file path")
                });
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                if ui.button("Browse…").clicked() {
                    let start = app.data_dir().to_path_buf();
                    let picked = match p.kind {
                        PromptKind::Open | PromptKind::ImportNotes => {
                            app.dialogs.open_notebook(&start)
                        }
                        PromptKind::ExportComparison
                        | PromptKind::ExportNotes
                        | PromptKind::ExportConcordance => app.dialogs.save_file(&start),
                        _ => app.dialogs.save_notebook(&start),
                    };
                    if let Picked::Path(path) = picked {
                        p.text = path.display().to_string();
                        submit = true;
                    }
                }
            });
            if let Some(e) = &p.error {
                ui.label(egui::RichText::new(e).color(ui.visuals().error_fg_color));
            }
            ui.horizontal(|ui| {
                if ui
                    .button(match p.kind {
                        PromptKind::Open => "Open",
                        PromptKind::New => "Create",
                        PromptKind::SaveAs => "Save",
                        PromptKind::ExportComparison => "Export",
                        PromptKind::ExportNotes | PromptKind::ExportConcordance => "Export",
                        PromptKind::ImportNotes => "Import",
                    })
                    .clicked()
                {
                    submit = true;
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
        });
    if submit {
        let path = PathBuf::from(p.text.trim());
        let result = match p.kind {
            PromptKind::Open => app.open_notebook(&path),
            PromptKind::New => app.new_notebook(&path),
            PromptKind::SaveAs => app.save_as(&path),
            PromptKind::ExportComparison => app.export_comparison(&path),
            PromptKind::ExportNotes => app.export_notes(&path, p.notes_scope),
            PromptKind::ExportConcordance => app.export_concordance(&path),
            PromptKind::ImportNotes => app.import_notes(&path),
        };
        match result {
            Ok(()) => keep = false,
            Err(e) => p.error = Some(e),
        }
    }
    if keep && !ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        app.prompt = Some(p);
    }
}

fn quick_open(app: &mut ReadingRoomApp, ctx: &egui::Context) {
    let Some(mut q) = app.quick_open.take() else {
        return;
    };
    let ws = &app.workspace;
    let candidates: Vec<String> = ws
        .corpus
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
        .collect();
    let results: Vec<usize> = if q.query.trim().is_empty() {
        (0..candidates.len()).collect()
    } else {
        crate::search::fuzzy::rank(&q.query, &candidates, 12)
            .into_iter()
            .map(|(i, _)| i)
            .collect()
    };
    let mut chosen = None;
    let mut keep = true;
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
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        keep = false;
    }
    if let Some(i) = chosen {
        app.open_doc(i);
        keep = false;
    }
    if keep {
        app.quick_open = Some(q);
    }
}

fn add_document_form(app: &mut ReadingRoomApp, ctx: &egui::Context) {
    let Some(mut f) = app.add_document_form.take() else {
        return;
    };
    let mut keep = true;
    let mut submit = false;
    egui::Window::new("Add document").default_width(560.0).collapsible(false).anchor(egui::Align2::CENTER_TOP, [0.0, 80.0]).show(ctx, |ui| {
        ui.label("A .txt or .md file of your own; it joins your library and works like the paper's documents.");
        egui::Grid::new("add-doc").num_columns(2).show(ui, |ui| {
            let field = |ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str| {
                ui.label(label);
                ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(360.0))
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
                ui.end_row();
            };
            field(ui, "File to add", &mut f.path, "/path/to/document.txt");
            field(ui, "Document title", &mut f.title, "e.g. Interview with a Cuban diplomat");
            field(ui, "Document date", &mut f.date, "YYYY-MM-DD or YYYY-MM");
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
                let start = app.data_dir().to_path_buf();
                if let Picked::Path(p) = app.dialogs.open_document(&start) {
                    f.path = p.display().to_string();
                }
            }
            if ui.button("Add").clicked() {
                submit = true;
            }
            if ui.button("Cancel").clicked() {
                keep = false;
            }
        });
    });
    if submit {
        let new = crate::corpus::user::NewDocument {
            title: f.title.clone(),
            date: Some(f.date.clone()),
            kind: f.kind,
            citation: Some(f.citation.clone()),
            present: f
                .present
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        };
        match app.add_document(std::path::Path::new(f.path.trim()), &new) {
            Ok(()) => keep = false,
            Err(e) => f.error = Some(e),
        }
    }
    if keep && !ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        app.add_document_form = Some(f);
    }
}

/// Shows whichever small windows are open.
pub fn show_windows(app: &mut ReadingRoomApp, ctx: &egui::Context) {
    add_document_form(app, ctx);
    path_prompt(app, ctx);
    quick_open(app, ctx);
    let mut help = app.windows.help;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut help)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for s in &SHORTCUTS {
                    ui.label(egui::RichText::new(describe(&s.keys)).monospace());
                    ui.label(s.description);
                    ui.end_row();
                }
                for (k, d) in [
                    ("Shift+Arrows", "Extend the selection"),
                    ("Double click", "Select a word"),
                    ("Triple click", "Select a paragraph"),
                    ("Shift+click", "Extend the selection to here"),
                    ("Ctrl+C", "Copy the selection"),
                    ("Escape", "Clear the selection, close a window"),
                ] {
                    ui.label(egui::RichText::new(k).monospace());
                    ui.label(d);
                    ui.end_row();
                }
            });
        });
    app.windows.help = help;
    let mut about = app.windows.about;
    egui::Window::new("About Reading Room").open(&mut about).collapsible(false).default_width(460.0).show(ctx, |ui| {
        ui.heading(format!("Reading Room {}", env!("CARGO_PKG_VERSION")));
        ui.label("A workbench for reading, annotating and comparing archival documents, offline.");
        ui.separator();
        ui.label("The documents come from:");
        ui.label(egui::RichText::new(crate::export::citation::PAPER).italics());
        ui.label("Translations by Gary Goldberg and Svetlana Savranskaya; documents from the AVP RF and RGANI, via the Wilson Center Digital Archive.");
        ui.hyperlink_to("Wilson Center Digital Archive", "https://digitalarchive.wilsoncenter.org/");
    });
    app.windows.about = about;
    let mut settings = app.windows.settings;
    egui::Window::new("Settings")
        .open(&mut settings)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label("Your name, recorded on every note you write:");
            ui.add(egui::TextEdit::singleline(&mut app.prefs.author).hint_text("e.g. Ana García"))
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Your name")
                });
            ui.separator();
            ui.label("Theme");
            ui.radio_value(&mut app.prefs.theme, Theme::System, "Follow the system");
            ui.radio_value(&mut app.prefs.theme, Theme::Light, "Light");
            ui.radio_value(&mut app.prefs.theme, Theme::Dark, "Dark");
        });
    app.windows.settings = settings;
    let mut versions = app.windows.versions;
    if versions && app.session.path.is_some() {
        let mut chosen = None;
        egui::Window::new("Restore version")
            .open(&mut versions)
            .collapsible(false)
            .show(ctx, |ui| {
                // Listed once, when the window opened (not at every frame).
                let list = &app.windows.version_list;
                if list.is_empty() {
                    ui.label("No saved versions yet.");
                }
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        for v in list {
                            ui.horizontal(|ui| {
                                ui.label(format!("{}  ({} KB)", v.saved, v.size.div_ceil(1024)));
                                if ui
                                    .button("Restore")
                                    .on_hover_text("The current notes stay in the history")
                                    .clicked()
                                {
                                    chosen = Some(v.clone());
                                }
                            });
                        }
                    });
            });
        if let Some(v) = chosen {
            app.restore_version(&v);
        }
    }
    app.windows.versions = versions;
}
