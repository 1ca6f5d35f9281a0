//! Edit → Correct the selected text…: the passage selected in one of your documents, as it
//! reads now and as corrected (an OCR error fixed against the original beside it). Apply
//! rewrites the text and logs it; Edit → Undo the last text correction takes it back.

/// The passage being corrected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorrectForm {
    /// The document.
    pub doc: String,
    /// Its title and the passage's page, for the window's first line.
    pub place: String,
    /// Char offset where the passage begins.
    pub start: usize,
    /// The passage as it reads.
    pub old: String,
    /// The passage as corrected.
    pub new: String,
    /// Why the last Apply did not apply.
    pub error: Option<String>,
    /// The field has had its focus once.
    focused: bool,
}

impl CorrectForm {
    /// A form on a passage, its correction starting as the passage.
    pub fn new(doc: String, place: String, start: usize, old: String) -> CorrectForm {
        CorrectForm {
            doc,
            place,
            start,
            new: old.clone(),
            old,
            error: None,
            focused: false,
        }
    }
}

/// What the window asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectEvent {
    /// Apply the correction.
    Apply,
    /// Closed.
    Close,
}

/// Shows the window.
pub fn show(ctx: &egui::Context, f: &mut CorrectForm) -> Option<CorrectEvent> {
    let mut event = None;
    egui::Window::new("Correct the text")
        .collapsible(false)
        .resizable(true)
        .default_width(440.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            ui.label(egui::RichText::new(&f.place).small().strong());
            ui.label("It reads:");
            egui::ScrollArea::vertical()
                .id_salt("correct-old")
                .max_height(80.0)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(format!("“{}”", f.old)).italics());
                });
            ui.label("Corrected:");
            let r = ui.add(
                egui::TextEdit::multiline(&mut f.new)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            );
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Corrected text")
            });
            if !f.focused {
                r.request_focus();
                f.focused = true;
            }
            let apply_keys =
                ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
            ui.label(
                egui::RichText::new(
                    "The change is logged with the document; your notes find their passages \
                     again, and any that cannot are listed under Orphans.",
                )
                .small()
                .weak(),
            );
            if let Some(e) = &f.error {
                ui.label(egui::RichText::new(e).color(ui.visuals().error_fg_color));
            }
            ui.horizontal(|ui| {
                let changed = f.new != f.old;
                if ui
                    .add_enabled(changed, egui::Button::new("Apply"))
                    .on_hover_text("Ctrl+Enter")
                    .clicked()
                    || (apply_keys && changed)
                {
                    event = Some(CorrectEvent::Apply);
                }
                if ui.button("Cancel").on_hover_text("Escape").clicked() {
                    event = Some(CorrectEvent::Close);
                }
            });
        });
    if event.is_none() && crate::ui::windows::escape(ctx) {
        event = Some(CorrectEvent::Close);
    }
    event
}
