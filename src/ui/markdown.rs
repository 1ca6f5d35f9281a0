//! A note's Markdown shown as styled text in the notes panel: emphasis in italics, strong
//! emphasis and headings in the strong text colour, code in monospace, links in the link colour,
//! list items with bullets. Parsing is `pulldown-cmark`'s, done once per note text and kept in
//! egui's frame cache (the panel draws every listed note each frame); nothing here is editable.

use egui::cache::{ComputerMut, FrameCache};
use egui::text::LayoutJob;
use egui::{FontId, TextFormat, TextStyle};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::sync::Arc;

/// How a run of a note's text is styled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Style {
    strong: bool,
    emphasis: bool,
    link: bool,
    code: bool,
}

/// A note's text in styled runs, trailing line breaks dropped.
type Runs = Vec<(String, Style)>;

/// Parses a note's Markdown into styled runs.
fn runs(markdown: &str) -> Runs {
    let mut runs: Runs = Vec::new();
    let plain = Style::default();
    let (mut strong, mut emphasis, mut link) = (0u32, 0u32, 0u32);
    let mut lists: Vec<Option<u64>> = Vec::new();
    let ends_with_newline = |runs: &Runs| runs.last().is_none_or(|(t, _)| t.ends_with('\n'));
    for event in Parser::new(markdown) {
        let style = Style {
            strong: strong > 0,
            emphasis: emphasis > 0,
            link: link > 0,
            code: false,
        };
        match event {
            Event::Start(Tag::Strong | Tag::Heading { .. }) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::End(TagEnd::Heading(_)) => {
                strong = strong.saturating_sub(1);
                runs.push(("\n".into(), plain));
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
                runs.push((bullet, plain));
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::CodeBlock)
                if !ends_with_newline(&runs) =>
            {
                runs.push(("\n".into(), plain));
            }
            Event::Text(t) => runs.push((t.to_string(), style)),
            Event::Code(t) => runs.push((
                t.to_string(),
                Style {
                    code: true,
                    ..style
                },
            )),
            Event::SoftBreak => runs.push((" ".into(), plain)),
            Event::HardBreak => runs.push(("\n".into(), plain)),
            _ => {}
        }
    }
    while runs.last().is_some_and(|(t, _)| t == "\n") {
        runs.pop();
    }
    runs
}

/// Parses for egui's frame cache.
#[derive(Default)]
struct Parse;

impl ComputerMut<&str, Arc<Runs>> for Parse {
    fn compute(&mut self, markdown: &str) -> Arc<Runs> {
        Arc::new(runs(markdown))
    }
}

/// Lays a note's Markdown out as one text job, wrapped to `width`.
pub fn note_job(ui: &egui::Ui, markdown: &str, width: f32) -> LayoutJob {
    let runs = ui.ctx().memory_mut(|m| {
        m.caches
            .cache::<FrameCache<Arc<Runs>, Parse>>()
            .get(markdown)
            .clone()
    });
    let body = TextStyle::Body.resolve(ui.style());
    let mono = FontId::monospace(body.size * 0.9);
    let visuals = ui.visuals();
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    for (text, style) in runs.iter() {
        let format = TextFormat {
            font_id: if style.code {
                mono.clone()
            } else {
                body.clone()
            },
            color: if style.link {
                visuals.hyperlink_color
            } else if style.strong {
                visuals.strong_text_color()
            } else {
                visuals.text_color()
            },
            italics: style.emphasis,
            background: if style.code {
                visuals.code_bg_color
            } else {
                egui::Color32::TRANSPARENT
            },
            ..Default::default()
        };
        job.append(text, 0.0, format);
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
