//! What the window remembers between runs (eframe's storage): open document, filters, font size,
//! theme, layers, author name, recent notebooks. Notes themselves live in RON notebooks.

use super::library::Library;
use super::notes_panel::NotesPanel;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Key in eframe's storage.
pub const STORAGE_KEY: &str = "readingroom.prefs";
/// How many recent notebooks the File menu lists.
pub const RECENT_COUNT: usize = 8;

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Highlight layers shown in the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layers {
    /// Find-bar matches marked in the text.
    pub search: bool,
    /// Names of people underlined, with who they are on hover.
    pub people: bool,
    /// Notes highlighted in their tag's colour.
    pub annotations: bool,
    /// The speaker gutter (who said each passage).
    #[serde(default = "shown")]
    pub speakers: bool,
    /// Notes of the other version of the document, dimmed on the sentences aligned with theirs.
    #[serde(default = "shown")]
    pub other_version: bool,
}

fn shown() -> bool {
    true
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            search: true,
            people: false,
            annotations: true,
            speakers: true,
            other_version: true,
        }
    }
}

/// Which side panels are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panels {
    /// The library on the left.
    pub library: bool,
    /// The notes on the right.
    pub notes: bool,
    /// The original (the PDF's pages) beside the text, for documents imported from a PDF.
    #[serde(default)]
    pub facsimile: bool,
}

impl Default for Panels {
    fn default() -> Self {
        Panels {
            library: true,
            notes: true,
            facsimile: false,
        }
    }
}

/// How wide the reader's lines may grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum LineWidth {
    /// About 60 characters.
    Narrow,
    /// About 80 characters.
    #[default]
    Medium,
    /// About 100 characters.
    Wide,
}

impl LineWidth {
    /// The longest line, in points at 16 pt.
    pub fn points(self) -> f32 {
        match self {
            LineWidth::Narrow => 560.0,
            LineWidth::Medium => 720.0,
            LineWidth::Wide => 900.0,
        }
    }

    /// Its name in Settings.
    pub fn label(self) -> &'static str {
        match self {
            LineWidth::Narrow => "Narrow",
            LineWidth::Medium => "Medium",
            LineWidth::Wide => "Wide",
        }
    }
}

/// The typeface of the reader's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ReadingFont {
    /// The window's own sans-serif.
    #[default]
    Sans,
    /// A serif face from the system (DejaVu Serif, Liberation Serif, Noto Serif…), when one
    /// is installed.
    Serif,
}

/// Everything remembered between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Id of the open document.
    pub open_document: Option<String>,
    /// Library filters and sort.
    pub library: Library,
    /// Notes panel filters.
    pub notes: NotesPanel,
    /// Reader font size.
    pub font_size: f32,
    /// Light, dark or the system's.
    pub theme: Theme,
    /// Which highlight layers the reader shows.
    pub layers: Layers,
    /// The name recorded on new notes.
    pub author: String,
    /// Recently opened notebooks, newest first.
    pub recent: Vec<PathBuf>,
    /// The notebook open last time.
    pub notebook: Option<PathBuf>,
    /// Which side panels are shown.
    pub panels: Panels,
    /// How long the reader's lines may be.
    pub line_width: LineWidth,
    /// The reader's typeface.
    pub reading_font: ReadingFont,
    /// The tag of the last note saved (Ctrl+Shift+E highlights with it).
    pub last_tag: Option<String>,
    /// The welcome was shown (on the first start).
    pub welcomed: bool,
    /// The format File → Export notes used last ("md", "csl-json", "ris"…).
    pub export_format: Option<String>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            open_document: None,
            library: Library::default(),
            notes: NotesPanel::default(),
            font_size: 16.0,
            theme: Theme::System,
            layers: Layers::default(),
            author: String::new(),
            recent: Vec::new(),
            notebook: None,
            panels: Panels::default(),
            line_width: LineWidth::default(),
            reading_font: ReadingFont::default(),
            last_tag: None,
            welcomed: false,
            export_format: None,
        }
    }
}

impl Prefs {
    /// Puts a notebook at the top of the recent list.
    pub fn remember(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_COUNT);
        self.notebook = Some(path.to_path_buf());
    }
}
