//! Help → Keyboard shortcuts (F1): the shortcut table and the mouse gestures of the reader.

use crate::ui::shortcuts::{SHORTCUTS, describe};

/// Shows the list while `open`; its close button clears `open`.
pub fn show(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
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
}
