//! The eframe window: the only module that uses egui/eframe/rfd.
//!
//! - [`app`]: state, frame loop, events → commands.
//! - [`library`]: documents with filters (left).
//! - [`reader`] + [`highlight`] + [`reader_header`]: the text with selection and highlight layers (centre).
//! - [`notes_panel`]: notes, orphans, trash, tags (right).
//! - [`compare_view`]: two documents side by side in aligned rows.
//! - [`timeline`], [`people_view`]: the documents in time, the people and who meets whom.
//! - [`search_view`]: search all documents; [`concordance_view`]: who said what.
//! - [`editor`]: the annotation editor; [`markdown`]: a note's Markdown shown styled.
//! - [`windows`]: menu bar, file dialogs, quick open, help, settings, versions.
//! - [`shortcuts`]: the one table of keyboard shortcuts.
//! - [`prefs`]: what is remembered between runs.

pub mod app;
pub mod central;
pub mod codebook_panel;
pub mod compare_cells;
pub mod compare_view;
pub mod concordance_view;
pub mod contrast;
pub mod cooccurrence_view;
pub mod editor;
pub mod facsimile;
pub mod fonts;
pub mod frequency_view;
pub mod highlight;
pub mod library;
pub mod list_keys;
pub mod markdown;
pub mod menu;
pub mod notes_panel;
pub mod notice;
pub mod people_view;
pub mod prefs;
pub mod questions_view;
pub mod reader;
pub mod reader_header;
pub mod search_view;
pub mod shortcuts;
pub mod speaker_gutter;
pub mod timeline;
pub mod windows;

pub use app::ReadingRoomApp;

use crate::Workspace;
use std::path::PathBuf;

/// A quote cut for display: at most `max` chars, ending at a word, with "…" when cut (so a
/// shortened quote never passes for the whole).
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|&i| i > cut.len() / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

/// Window title (the notebook's name follows it once open).
pub const WINDOW_TITLE: &str = "Reading Room";

/// Opens the window on a workspace and runs until it is closed.
/// Opens the window on the workspace; `open` is a file given on the command line (what the
/// file manager passes): a notebook to open, or notes offered for import.
pub fn run(
    workspace: Workspace,
    data_dir: Option<PathBuf>,
    open: Option<PathBuf>,
) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(WINDOW_TITLE)
            .with_icon(
                eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png"))
                    .unwrap_or_default(),
            )
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        "readingroom",
        options,
        Box::new(move |cc| {
            let mut app = ReadingRoomApp::new(workspace, cc.storage, data_dir.as_deref());
            if let Some(file) = &open {
                app.open_given_file(file);
            }
            Ok(Box::new(app))
        }),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_end_at_a_word_and_say_they_are_cut() {
        assert_eq!(
            super::excerpt("They do stupid things.", 100),
            "They do stupid things."
        );
        assert_eq!(
            super::excerpt("They do stupid things.", 16),
            "They do stupid…"
        );
        assert_eq!(super::excerpt("Однажды", 3), "Одн…");
    }
}
