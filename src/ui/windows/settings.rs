//! File → Settings: the user's name (recorded on every note), the theme, how the reader sets
//! its text (typeface, line width; size with Ctrl+Plus / Ctrl+Minus), and how citations are
//! written (the style, and the working paper's publication details, which it does not print).

use crate::Workspace;
use crate::export::cite::{CitationSettings, CitationStyle, Citer, Position};
use crate::ui::prefs::{LineWidth, Prefs, ReadingFont, Theme};

/// Example citations, each with what it is ("First note") and its Markdown.
type Examples = Vec<(&'static str, String)>;

/// The citation settings being edited, with an example of what they write.
#[derive(Debug, Clone, Default)]
pub struct CitationDraft {
    /// What the fields say now.
    pub settings: CitationSettings,
    /// Why they cannot be kept, if they cannot (said under the fields).
    pub problem: Option<String>,
    /// An example citation in the chosen style, and the settings it was written with.
    preview: Option<(CitationSettings, Examples)>,
}

impl CitationDraft {
    /// A draft of these settings.
    pub fn of(settings: &CitationSettings) -> CitationDraft {
        CitationDraft {
            settings: settings.clone(),
            ..CitationDraft::default()
        }
    }

    /// A record of conversation cited at a page in the draft's style, as each place shows it
    /// (first note and later notes, or in the text; its bibliography entry): `(what, Markdown)`,
    /// written once per change.
    fn preview(&mut self, ws: &Workspace) -> Examples {
        if self
            .preview
            .as_ref()
            .is_none_or(|(s, _)| *s != self.settings)
        {
            self.preview = Some((self.settings.clone(), examples(ws, &self.settings)));
        }
        self.preview
            .as_ref()
            .map(|(_, e)| e.clone())
            .unwrap_or_default()
    }
}

/// The examples Settings shows for these settings.
fn examples(ws: &Workspace, settings: &CitationSettings) -> Examples {
    let citer = Citer::new(settings.clone());
    let Some(i) = ws
        .corpus
        .documents
        .iter()
        .position(|d| d.id() == "1961-04-13-kudryavtsev-castro")
        .or((!ws.corpus.documents.is_empty()).then_some(0))
    else {
        return Vec::new();
    };
    let d = &ws.corpus.documents[i];
    let page = d.pages.first().map(|p| (p.page, p.page));
    let mut out = if settings.style.is_note_style() {
        vec![
            ("First note", citer.cite(ws, d, page, Position::First)),
            ("Later notes", citer.cite(ws, d, page, Position::Subsequent)),
        ]
    } else {
        vec![("In the text", citer.cite(ws, d, page, Position::First))]
    };
    for entry in citer.bibliography(ws, &[i]) {
        out.push(("Bibliography", entry));
    }
    out
}

/// Text with `*…*` spans (how the processor marks titles) laid out in italics, at body size.
fn with_italics(ui: &egui::Ui, markdown: &str) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    for (k, part) in markdown.split('*').enumerate() {
        if part.is_empty() {
            continue;
        }
        job.append(
            part,
            0.0,
            egui::TextFormat {
                font_id: font.clone(),
                color,
                italics: k % 2 == 1,
                ..Default::default()
            },
        );
    }
    job
}

/// Shows the window while `open`; edits the preferences in place (they are saved by eframe).
/// Returns the citation settings when they were changed and can be kept.
pub fn show(
    ctx: &egui::Context,
    open: &mut bool,
    prefs: &mut Prefs,
    ws: &Workspace,
    citation: &mut CitationDraft,
) -> Option<CitationSettings> {
    let mut changed = None;
    egui::Window::new("Settings")
        .open(open)
        .collapsible(false)
        .default_width(480.0)
        .default_height(560.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.75)
                .show(ui, |ui| {
                    ui.label("Your name, recorded on every note you write:");
                    ui.add(
                        egui::TextEdit::singleline(&mut prefs.author).hint_text("e.g. Ana García"),
                    )
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
                        None => ui.weak(
                            "No serif font is installed (e.g. apt install fonts-dejavu-core).",
                        ),
                    };
                    ui.separator();
                    ui.label("Line width");
                    ui.horizontal(|ui| {
                        for w in [LineWidth::Narrow, LineWidth::Medium, LineWidth::Wide] {
                            ui.radio_value(&mut prefs.line_width, w, w.label());
                        }
                    });
                    ui.weak(
                        "Text size: View > Larger text (Ctrl+Plus) and Smaller text (Ctrl+Minus).",
                    );
                    ui.separator();
                    changed = citations(ui, ws, citation);
                });
        });
    if *open && crate::ui::windows::escape(ctx) {
        *open = false;
    }
    changed
}

/// The citation style, the paper's details and an example; the settings when changed and valid.
fn citations(
    ui: &mut egui::Ui,
    ws: &Workspace,
    draft: &mut CitationDraft,
) -> Option<CitationSettings> {
    let before = draft.settings.clone();
    ui.strong("Citations");
    ui.label("How Copy with citation, the exports and the concordance cite:");
    egui::ComboBox::from_label("Citation style")
        .selected_text(draft.settings.style.label())
        .width(320.0)
        .show_ui(ui, |ui| {
            for style in CitationStyle::ALL {
                ui.selectable_value(&mut draft.settings.style, style, style.label());
            }
        });
    ui.label(
        "The working paper's publication details: the paper does not print them, so citations leave them out until you fill them in.",
    );
    let paper = &mut draft.settings.paper;
    egui::Grid::new("paper-details")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, value, hint) in [
                (
                    "Publisher",
                    &mut paper.publisher,
                    "e.g. Woodrow Wilson International Center for Scholars",
                ),
                ("Place", &mut paper.place, "e.g. Washington, DC"),
                ("Year", &mut paper.date, "e.g. 2019, or 2019-05"),
                ("Link", &mut paper.url, "https://…"),
            ] {
                ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(300.0),
                )
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::TextInput,
                        true,
                        format!("The paper's {}", label.to_lowercase()),
                    )
                });
                ui.end_row();
            }
        });
    if let Some(p) = &draft.problem {
        ui.colored_label(ui.visuals().error_fg_color, p);
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Example").strong());
    let mut last = "";
    for (what, text) in draft.preview(ws) {
        if what != last {
            ui.label(egui::RichText::new(what).weak());
            last = what;
        }
        ui.add(
            egui::Label::new(with_italics(ui, &text))
                .wrap()
                .selectable(true),
        );
    }
    if draft.settings == before {
        return None;
    }
    draft.problem = draft.settings.paper.problem();
    draft.problem.is_none().then(|| draft.settings.clone())
}
