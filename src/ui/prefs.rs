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
        }
    }
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
