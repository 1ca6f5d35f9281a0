//! The app's small windows, one module each with its own state and a `show` that reads what
//! it needs and returns what the user asked for: the path prompt (file dialogs through rfd, with
//! an in-app path field as fallback), quick open, adding a document, help, about, settings and
//! version history. [`show_windows`] is the glue that applies what they return. The menu bar is
//! in `menu.rs`.

pub mod about;
pub mod add_document;
pub mod help;
pub mod path_prompt;
pub mod quick_open;
pub mod settings;
pub mod versions;

pub use add_document::AddDocumentForm;
pub use path_prompt::{PathPrompt, PromptKind, prompt};
pub use quick_open::QuickOpen;

use super::app::ReadingRoomApp;
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

/// Shows whichever small windows are open, and applies what they return.
pub fn show_windows(app: &mut ReadingRoomApp, ctx: &egui::Context) {
    use add_document::AddDocumentEvent;
    use path_prompt::PromptEvent;
    use quick_open::QuickOpenEvent;
    let start = app.data_dir().to_path_buf();
    if let Some(mut f) = app.add_document_form.take() {
        match add_document::show(ctx, &mut f, app.dialogs.as_mut(), &start) {
            Some(AddDocumentEvent::Add(path, new)) => match app.add_document(&path, &new) {
                Ok(()) => {}
                Err(e) => {
                    f.error = Some(e);
                    app.add_document_form = Some(f);
                }
            },
            Some(AddDocumentEvent::Close) => {}
            None => app.add_document_form = Some(f),
        }
    }
    if let Some(mut p) = app.prompt.take() {
        let info = path_prompt::info(app);
        match path_prompt::show(ctx, &mut p, &info, app.dialogs.as_mut(), &start) {
            Some(PromptEvent::Submit(path)) => {
                let result = match p.kind {
                    PromptKind::Open => app.open_notebook(&path),
                    PromptKind::New => app.new_notebook(&path),
                    PromptKind::SaveAs => app.save_as(&path),
                    PromptKind::ExportComparison => app.export_comparison(&path),
                    PromptKind::ExportNotes => app.export_notes(&path, p.notes_scope),
                    PromptKind::ExportConcordance => app.export_concordance(&path),
                    PromptKind::ImportNotes => app.import_notes(&path),
                };
                if let Err(e) = result {
                    p.error = Some(e);
                    app.prompt = Some(p);
                }
            }
            Some(PromptEvent::Close) => {}
            None => app.prompt = Some(p),
        }
    }
    if let Some(mut q) = app.quick_open.take() {
        match quick_open::show(ctx, &mut q, &app.workspace) {
            Some(QuickOpenEvent::Open(i)) => app.open_doc(i),
            Some(QuickOpenEvent::Close) => {}
            None => app.quick_open = Some(q),
        }
    }
    help::show(ctx, &mut app.windows.help);
    about::show(ctx, &mut app.windows.about);
    settings::show(ctx, &mut app.windows.settings, &mut app.prefs);
    if app.session.path.is_some() {
        let mut open = app.windows.versions;
        if open && let Some(v) = versions::show(ctx, &mut open, &app.windows.version_list) {
            app.restore_version(&v);
        }
        app.windows.versions = open;
    }
}
