//! Help → About Reading Room: the version and where the documents come from.

/// Shows the window while `open`.
pub fn show(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About Reading Room")
        .open(open)
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.heading(format!("Reading Room {}", env!("CARGO_PKG_VERSION")));
            ui.label("A workbench for reading, annotating and comparing archival documents, offline.");
            ui.separator();
            ui.label("The documents come from:");
            ui.label(egui::RichText::new(crate::export::citation::PAPER).italics());
            ui.label(
                "Translations by Gary Goldberg and Svetlana Savranskaya; documents from the AVP RF and RGANI, via the Wilson Center Digital Archive.",
            );
            ui.hyperlink_to(
                "Wilson Center Digital Archive",
                "https://digitalarchive.wilsoncenter.org/",
            );
        });
    if *open && crate::ui::windows::escape(ctx) {
        *open = false;
    }
}
