//! File → Settings: the user's name (recorded on every note) and the theme.

use crate::ui::prefs::{Prefs, Theme};

/// Shows the window while `open`; edits the preferences in place (they are saved by eframe).
pub fn show(ctx: &egui::Context, open: &mut bool, prefs: &mut Prefs) {
    egui::Window::new("Settings")
        .open(open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label("Your name, recorded on every note you write:");
            ui.add(egui::TextEdit::singleline(&mut prefs.author).hint_text("e.g. Ana García"))
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Your name")
                });
            ui.separator();
            ui.label("Theme");
            ui.radio_value(&mut prefs.theme, Theme::System, "Follow the system");
            ui.radio_value(&mut prefs.theme, Theme::Light, "Light");
            ui.radio_value(&mut prefs.theme, Theme::Dark, "Dark");
        });
    if *open && crate::ui::windows::escape(ctx) {
        *open = false;
    }
}
