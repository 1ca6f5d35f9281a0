//! View → Go to page (Ctrl+G): a page of the open document, by the number the paper prints (36,
//! 37 …) or, for one of your PDFs, the label its pages print (xiv, 14 …).

/// The field, as typed, and why the last Go did not go.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoToPage {
    /// The page asked for.
    pub text: String,
    /// Why the page was not found.
    pub error: Option<String>,
}

/// What the window asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoToPageEvent {
    /// Go to this page.
    Go(String),
    /// Closed.
    Close,
}

/// Shows the window; `pages` says which pages the document has ("pages 36–40").
pub fn show(ctx: &egui::Context, g: &mut GoToPage, pages: &str) -> Option<GoToPageEvent> {
    let mut event = None;
    egui::Window::new("Go to page")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            ui.label(format!("This document: {pages}."));
            let r = ui.add(
                egui::TextEdit::singleline(&mut g.text)
                    .hint_text("page")
                    .desired_width(120.0),
            );
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Page"));
            r.request_focus();
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(e) = &g.error {
                ui.label(egui::RichText::new(e).color(ui.visuals().error_fg_color));
            }
            ui.horizontal(|ui| {
                if ui.button("Go").on_hover_text("Enter").clicked() || enter {
                    event = Some(GoToPageEvent::Go(g.text.trim().to_string()));
                }
                if ui.button("Cancel").on_hover_text("Escape").clicked() {
                    event = Some(GoToPageEvent::Close);
                }
            });
        });
    if event.is_none() && crate::ui::windows::escape(ctx) {
        event = Some(GoToPageEvent::Close);
    }
    event
}
