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
                    ("Arrows", "Move the caret in the text (Ctrl: by word, by paragraph)"),
                    ("Home / End", "To the start or end of the line (Ctrl: of the document)"),
                    ("PageUp / PageDown", "A screen up or down"),
                    ("Shift+any of these", "Extend the selection"),
                    ("Tab / Shift+Tab", "Next or previous control; Enter or Space uses it"),
                    ("Ctrl+Enter", "Save the note (note editor)"),
                    ("Double click", "Select a word"),
                    ("Triple click", "Select a paragraph"),
                    ("Shift+click", "Extend the selection to here"),
                    ("Ctrl+C", "Copy the selection"),
                    ("Escape", "Close the topmost window (the note editor keeps your draft); clear the selection"),
                ] {
                    ui.label(egui::RichText::new(k).monospace());
                    ui.label(d);
                    ui.end_row();
                }
            });
        });
    if *open && crate::ui::windows::escape(ctx) {
        *open = false;
    }
}
