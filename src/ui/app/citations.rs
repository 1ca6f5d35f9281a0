//! The citation style and the paper's details chosen in Settings: kept in `citation.ron` in the
//! data directory (the command line reads the same file) and used by every citation at once.

use super::ReadingRoomApp;
use crate::export::cite::CitationSettings;

impl ReadingRoomApp {
    /// Cites with these settings from now on, and keeps them for next time; a file that cannot
    /// be written is said (the settings still apply until the window closes).
    pub fn set_citation_settings(&mut self, ctx: &egui::Context, settings: CitationSettings) {
        if let Err(e) = settings.save(self.data_dir()) {
            self.notify(ctx, format!("The citation settings were not saved: {e}"));
        }
        std::sync::Arc::make_mut(&mut self.workspace).set_citation_settings(settings);
    }
}
