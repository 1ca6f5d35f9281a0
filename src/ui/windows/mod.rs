//! The app's small windows, one module each with its own state and a `show` that reads what
//! it needs and returns what the user asked for: the path prompt (file dialogs through rfd, with
//! an in-app path field as fallback), quick open, adding a document, help, about, settings and
//! version history. `ReadingRoomApp::show_windows` (in `app/windows.rs`) applies what they return; nothing here
//! knows the app. The menu bar is
//! in `menu.rs`.

pub mod about;
pub mod add_document;
pub mod correct_text;
pub mod edit_details;
pub mod go_to_page;
pub mod help;
pub mod import_report;
pub mod other_version;
pub mod path_prompt;
pub mod quick_open;
pub mod settings;
pub mod versions;
pub mod welcome;
pub mod your_people;

pub use add_document::AddDocumentForm;
pub use path_prompt::{NotesScope, PathPrompt, PromptKind};
pub use quick_open::QuickOpen;

use std::path::PathBuf;

/// A one-line field in a two-column form grid: its label, the field (named for screen readers
/// by the label), a hint while empty; ends the row.
pub fn form_field(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str, width: f32) {
    ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(width),
    )
    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
    ui.end_row();
}

/// Whether Escape was pressed, taking it: the first window to ask (the topmost: the note
/// editor, then the dialogs, then the small windows) closes, and only it.
pub fn escape(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
}

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
    /// Choose a colleague's notes to merge in: a notebook, W3C annotations, a REFI-QDA project
    /// or a TEI edition (by default the notebook chooser).
    fn open_notes_to_import(&mut self, start: &std::path::Path) -> Picked {
        self.open_notebook(start)
    }
    /// Choose where to save a notebook.
    fn save_notebook(&mut self, start: &std::path::Path) -> Picked;
    /// Choose a document to add (any format Reading Room imports).
    fn open_document(&mut self, start: &std::path::Path) -> Picked;
    /// Choose a folder of documents to import.
    fn open_folder(&mut self, start: &std::path::Path) -> Picked;
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

    fn open_notes_to_import(&mut self, start: &std::path::Path) -> Picked {
        rfd::FileDialog::new()
            .set_directory(start)
            .add_filter(
                "Notes to merge in",
                &["ron", "jsonld", "json", "qdpx", "qde"],
            )
            .add_filter("Reading Room notebook", &["ron"])
            .add_filter("W3C annotations", &["jsonld", "json"])
            .add_filter("REFI-QDA project", &["qdpx", "qde"])
            .pick_file()
            .map_or(Picked::Nothing, Picked::Path)
    }

    fn open_document(&mut self, start: &std::path::Path) -> Picked {
        rfd::FileDialog::new()
            .set_directory(start)
            .add_filter(
                "Documents",
                &[
                    "pdf", "docx", "odt", "html", "htm", "xml", "tei", "txt", "md", "markdown",
                ],
            )
            .add_filter("All files", &["*"])
            .pick_file()
            .map_or(Picked::Nothing, Picked::Path)
    }

    fn open_folder(&mut self, start: &std::path::Path) -> Picked {
        rfd::FileDialog::new()
            .set_directory(start)
            .pick_folder()
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
