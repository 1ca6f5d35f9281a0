//! File → Settings: the user's name (recorded on every note), the theme, and how the reader
//! sets its text (typeface, line width; size with Ctrl+Plus / Ctrl+Minus).

use crate::ui::prefs::{LineWidth, Prefs, ReadingFont, Theme};

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
            ui.separator();
            ui.label("Reading font");
            ui.radio_value(
                &mut prefs.reading_font,
                ReadingFont::Sans,
                "Sans-serif (the window's)",
            );
            let serif = crate::ui::fonts::find_serif();
            ui.add_enabled_ui(serif.is_some(), |ui| {
                ui.radio_value(&mut prefs.reading_font, ReadingFont::Serif, "Serif");
            });
            match serif {
                Some(p) => ui.weak(format!(
                    "Serif: {}",
                    p.file_stem().unwrap_or_default().to_string_lossy()
                )),
                None => ui.weak("No serif font is installed (e.g. apt install fonts-dejavu-core)."),
            };
            ui.separator();
            ui.label("Line width");
            ui.horizontal(|ui| {
                for w in [LineWidth::Narrow, LineWidth::Medium, LineWidth::Wide] {
                    ui.radio_value(&mut prefs.line_width, w, w.label());
                }
            });
            ui.weak("Text size: View > Larger text (Ctrl+Plus) and Smaller text (Ctrl+Minus).");
        });
    if *open && crate::ui::windows::escape(ctx) {
        *open = false;
    }
}
