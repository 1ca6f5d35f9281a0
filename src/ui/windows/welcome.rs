//! The welcome on the first start: three things to try, and where the shortcuts are.

/// Shows the welcome while `open`; closing it (or Escape) clears `open`.
pub fn show(ctx: &egui::Context, open: &mut bool) {
    let mut close = false;
    egui::Window::new("Welcome to Reading Room")
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label("Twenty-eight documents of Soviet-Cuban relations, 1960–61, are on the shelf. Three things to try:");
            ui.add_space(4.0);
            for (n, what) in [
                ("1", "Open a document: Ctrl+P, then a name or a date (try “Castro 13 April”) and Enter."),
                ("2", "Select a passage (drag, or Shift with the arrows) and annotate it: Ctrl+E. Your notes are saved as you write."),
                ("3", "Compare Khrushchev's two memoirs, 1974 and 2007: View > Compare memoir versions."),
            ] {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(n);
                    ui.label(what);
                });
            }
            ui.add_space(4.0);
            ui.weak("Every shortcut: F1. Your own files: File > Import files and folders…");
            if ui.button("Start reading").clicked() {
                close = true;
            }
        });
    if close || crate::ui::windows::escape(ctx) {
        *open = false;
    }
}
