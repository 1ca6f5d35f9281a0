//! A note's Markdown shown as styled text in the notes panel: emphasis in italics, strong
//! emphasis and headings in the strong text colour, code in monospace, links in the link colour,
//! list items with bullets. Parsing is `pulldown-cmark`'s; nothing here is editable.

use egui::text::LayoutJob;
use egui::{FontId, TextFormat, TextStyle};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Lays a note's Markdown out as one text job, wrapped to `width`.
pub fn note_job(ui: &egui::Ui, markdown: &str, width: f32) -> LayoutJob {
    let body = TextStyle::Body.resolve(ui.style());
    let mono = FontId::monospace(body.size * 0.9);
    let visuals = ui.visuals();
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let (mut strong, mut emphasis, mut link) = (0u32, 0u32, 0u32);
    let mut lists: Vec<Option<u64>> = Vec::new();
    let format = |strong: u32, emphasis: u32, link: u32, code: bool| TextFormat {
        font_id: if code { mono.clone() } else { body.clone() },
        color: if link > 0 {
            visuals.hyperlink_color
        } else if strong > 0 {
            visuals.strong_text_color()
        } else {
            visuals.text_color()
        },
        italics: emphasis > 0,
        background: if code {
            visuals.code_bg_color
        } else {
            egui::Color32::TRANSPARENT
        },
        ..Default::default()
    };
    // Pieces first, so that trailing line breaks can be dropped before layout.
    let mut pieces: Vec<(String, TextFormat)> = Vec::new();
    let push = |pieces: &mut Vec<(String, TextFormat)>, text: &str, f: TextFormat| {
        pieces.push((text.to_string(), f));
    };
    let ends_with_newline =
        |pieces: &Vec<(String, TextFormat)>| pieces.last().is_none_or(|(t, _)| t.ends_with('\n'));
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Strong | Tag::Heading { .. }) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::End(TagEnd::Heading(_)) => {
                strong = strong.saturating_sub(1);
                push(&mut pieces, "\n", format(0, 0, 0, false));
            }
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Event::Start(Tag::Link { .. }) => link += 1,
            Event::End(TagEnd::Link) => link = link.saturating_sub(1),
            Event::Start(Tag::List(first)) => lists.push(first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                let indent = "    ".repeat(lists.len().saturating_sub(1));
                let bullet = match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{indent}{}. ", *n - 1)
                    }
                    _ => format!("{indent}• "),
                };
                push(&mut pieces, &bullet, format(0, 0, 0, false));
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::CodeBlock)
                if !ends_with_newline(&pieces) =>
            {
                push(&mut pieces, "\n", format(0, 0, 0, false));
            }
            Event::Text(t) => push(&mut pieces, &t, format(strong, emphasis, link, false)),
            Event::Code(t) => push(&mut pieces, &t, format(strong, emphasis, link, true)),
            Event::SoftBreak => push(&mut pieces, " ", format(0, 0, 0, false)),
            Event::HardBreak => push(&mut pieces, "\n", format(0, 0, 0, false)),
            _ => {}
        }
    }
    while pieces.last().is_some_and(|(t, _)| t == "\n") {
        pieces.pop();
    }
    for (text, f) in pieces {
        job.append(&text, 0.0, f);
    }
    job
}

/// Shows a note's Markdown as a wrapped label.
pub fn note_label(ui: &mut egui::Ui, markdown: &str) -> egui::Response {
    let job = note_job(ui, markdown, ui.available_width());
    ui.add(egui::Label::new(job).wrap())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(markdown: &str) -> (LayoutJob, egui::Visuals) {
        let ctx = egui::Context::default();
        let mut out = None;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            out = Some((note_job(ui, markdown, 300.0), ui.visuals().clone()));
        });
        // Nothing is painted here: the font atlas upload is dropped on purpose.
        output.textures_delta.clear();
        out.unwrap()
    }

    fn styled<'a>(job: &'a LayoutJob, word: &str) -> &'a TextFormat {
        let at = job.text.find(word).unwrap();
        &job.sections
            .iter()
            .find(|s| s.byte_range.contains(&at.into()))
            .unwrap()
            .format
    }

    #[test]
    fn markup_becomes_style_and_leaves_the_text() {
        let (job, visuals) =
            layout("Khrushchev frames the **visit** as *defiance*, see `f. 52`.\n\n- one\n- two\n");
        assert_eq!(
            job.text,
            "Khrushchev frames the visit as defiance, see f. 52.\n• one\n• two"
        );
        assert_eq!(styled(&job, "visit").color, visuals.strong_text_color());
        assert!(styled(&job, "defiance").italics);
        assert!(!styled(&job, "frames").italics);
        assert_eq!(
            styled(&job, "f. 52").font_id.family,
            egui::FontFamily::Monospace
        );
    }

    #[test]
    fn plain_notes_stay_as_written() {
        let (job, _) = layout("Castro’s confidence before the invasion");
        assert_eq!(job.text, "Castro’s confidence before the invasion");
    }
}
