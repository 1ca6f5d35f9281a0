//! File → Restore version: the notebook's saved versions (listed once, when the window opens),
//! newest first, each with a Restore button.

use crate::notes::history::Version;

/// Shows the list while `open`; returns the version chosen for restoring.
pub fn show(ctx: &egui::Context, open: &mut bool, list: &[Version]) -> Option<Version> {
    let mut chosen = None;
    egui::Window::new("Restore version")
        .open(open)
        .collapsible(false)
        .show(ctx, |ui| {
            if list.is_empty() {
                ui.label("No saved versions yet.");
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for v in list {
                        ui.horizontal(|ui| {
                            ui.label(format!("{}  ({} KB)", v.saved, v.size.div_ceil(1024)));
                            if ui
                                .button("Restore")
                                .on_hover_text("The current notes stay in the history")
                                .clicked()
                            {
                                chosen = Some(v.clone());
                            }
                        });
                    }
                });
        });
    if *open && crate::ui::windows::escape(ctx) {
        *open = false;
    }
    chosen
}
