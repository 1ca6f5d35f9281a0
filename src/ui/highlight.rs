//! Highlight layers of the reader and how a paragraph is turned into a styled `LayoutJob`:
//! search hits (yellow; the current one orange), people (underlined in their colour; hover names
//! person and role), annotations (background in the colour of their first tag, blended where
//! notes overlap, with the second note's colour underlined), the paper's editorial marks
//! (italic), and raised footnote markers.

use super::contrast::{note_background, readable_on};
use crate::corpus::Document;
use egui::text::LayoutJob;
use egui::{Color32, FontId, Stroke, TextFormat};

/// An annotation painted in the text.
#[derive(Debug, Clone)]
pub struct AnnotationMark {
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The note this highlight shows (a click opens it in the editor).
    pub id: String,
    /// Colour of its first tag.
    pub color: Color32,
    /// What a screen reader says of it: its tags and the start of its note.
    pub label: String,
}

/// A note of the other version carried onto this one (dimmed: a faint tint and a dashed
/// underline in the note's colour).
#[derive(Debug, Clone)]
pub struct ProjectedMark {
    /// Start char offset (here).
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The note (on the other version).
    pub id: String,
    /// Colour of its first tag.
    pub color: Color32,
    /// What hover and a screen reader say of it: which version, its tags and note.
    pub label: String,
}

/// A person's mention painted in the text.
#[derive(Debug, Clone)]
pub struct MentionMark {
    /// Start char offset.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The person's colour.
    pub color: Color32,
    /// "Fidel Castro — present, mentioned".
    pub label: String,
}

/// A passage's speaker, drawn as a coloured bar with a name in the reader's gutter.
#[derive(Debug, Clone)]
pub struct SpeakerMark {
    /// Start char offset of the passage.
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// Short name(s) shown in the gutter ("F. Castro + Dorticós"); "unattributed" when the
    /// text does not say.
    pub label: String,
    /// Bar colour (the person's colour; grey when unattributed).
    pub color: Color32,
    /// Full names, why, and the evidence, shown on hover.
    pub tooltip: String,
    /// False for narration and unattributed text (drawn faint).
    pub attributed: bool,
}

/// All layers of one document, in char offsets.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    /// Find-bar matches, char ranges in text order.
    pub search: Vec<(usize, usize)>,
    /// Index of the current search hit.
    pub current_search: Option<usize>,
    /// Names of people, each with who they are (the People layer).
    pub mentions: Vec<MentionMark>,
    /// Notes placed in the text, sorted by start.
    pub annotations: Vec<AnnotationMark>,
    /// Footnotes: (anchor offset, number, text).
    pub footnotes: Vec<(usize, u32, String)>,
    /// The paper's editorial marks, char ranges.
    pub editorial: Vec<(usize, usize)>,
    /// Words the OCR was unsure of (underlined in orange, to be checked), char ranges.
    pub uncertain: Vec<(usize, usize)>,
    /// Speakers of passages (empty when the layer is off).
    pub speakers: Vec<SpeakerMark>,
    /// Text dimmed because someone else says it ("show only what X said"), char ranges.
    pub dimmed: Vec<(usize, usize)>,
    /// Notes of the other version, on the sentences aligned with theirs.
    pub projected: Vec<ProjectedMark>,
}

impl Highlights {
    /// The shortest annotation covering a char offset (the innermost of overlapping notes).
    pub fn annotation_at(&self, at: usize) -> Option<&str> {
        self.annotations
            .iter()
            .filter(|a| a.start <= at && at < a.end)
            .min_by_key(|a| a.end - a.start)
            .map(|a| a.id.as_str())
    }

    /// The shortest note of the other version carried over a char offset.
    pub fn projected_at(&self, at: usize) -> Option<&ProjectedMark> {
        self.projected
            .iter()
            .filter(|a| a.start <= at && at < a.end)
            .min_by_key(|a| a.end - a.start)
    }

    /// Tooltip for a char offset (a person's name and roles; a note of the other version).
    pub fn hover_text(&self, at: usize) -> Option<String> {
        let person = self
            .mentions
            .iter()
            .find(|m| m.start <= at && at < m.end)
            .map(|m| m.label.clone());
        let projected = self
            .projected_at(at)
            .map(|p| format!("{} (click for it)", p.label));
        let unsure = self
            .uncertain
            .iter()
            .any(|&(s, e)| s <= at && at < e)
            .then(|| {
                "The OCR was unsure of this word: check it against the original \
                 (Edit > Correct the selected text…)"
                    .to_string()
            });
        let parts: Vec<String> = [person, projected, unsure].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join("\n"))
    }

    /// The footnote anchored at an offset.
    pub fn footnote_at(&self, at: usize) -> Option<(u32, &str)> {
        self.footnotes
            .iter()
            .find(|f| f.0 == at)
            .map(|f| (f.1, f.2.as_str()))
    }
}

/// A stable, distinct colour for a person id.
pub fn person_color(id: &str, dark: bool) -> Color32 {
    let h = id.bytes().fold(2166136261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16777619)
    });
    let hue = (h % 360) as f32 / 360.0;
    let value = if dark { 0.85 } else { 0.6 };
    egui::ecolor::Hsva::new(hue, 0.65, value, 1.0).into()
}

/// Parses `#rrggbb`.
pub fn parse_hex(s: &str) -> Option<Color32> {
    let s = s.strip_prefix('#')?;
    if s.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(s, 16).ok()?;
    Some(Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

/// A stored tag colour as painted in the current theme (the palette's light or dark shade).
pub fn tag_color(stored: &str, dark: bool) -> Color32 {
    parse_hex(crate::notes::model::tag_display_colour(stored, dark)).unwrap_or(Color32::GRAY)
}

/// How a note is marked: the colour of its first tag (inherited, in the theme's shade; a blue
/// when it has none), its tags joined ("untagged" when none) and the start of its note.
pub fn note_look(
    nb: &crate::notes::model::Notebook,
    a: &crate::notes::model::Annotation,
    dark: bool,
) -> (Color32, String, String) {
    let color = a
        .tags
        .first()
        .and_then(|t| nb.tag_colour(t))
        .map(|c| tag_color(c, dark))
        .unwrap_or(Color32::from_rgb(120, 160, 220));
    let tags = if a.tags.is_empty() {
        "untagged".to_string()
    } else {
        a.tags.join(", ")
    };
    let note: String = a.note.chars().take(120).collect();
    (color, tags, note.trim().to_string())
}

/// A clickable swatch of a palette colour for a tag (outlined when it is the tag's colour).
pub fn palette_swatch(
    ui: &mut egui::Ui,
    stored: &str,
    selected: bool,
    tag: &str,
) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::click());
    ui.painter()
        .rect_filled(rect, 2.0, tag_color(stored, ui.visuals().dark_mode));
    if selected {
        ui.painter().rect_stroke(
            rect.expand(1.5),
            2.0,
            (2.0, ui.visuals().strong_text_color()),
            egui::StrokeKind::Outside,
        );
    }
    resp.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            selected,
            format!("Colour {stored} for tag {tag}"),
        )
    });
    resp
}

/// Text colour on a tag chip: white on the light theme's dark shades, black on the dark theme's
/// light shades.
pub fn chip_text(dark: bool) -> Color32 {
    if dark { Color32::BLACK } else { Color32::WHITE }
}

/// The styled text of the paragraph `[start, end)`, wrapped at `width`, and the footnote
/// markers inserted into it as (doc offset, marker length in chars).
pub fn paragraph_job(
    ui: &egui::Ui,
    doc: &Document,
    highlights: &Highlights,
    start: usize,
    end: usize,
    font: &FontId,
    width: f32,
) -> (LayoutJob, Vec<(usize, usize)>) {
    let chars: Vec<char> = doc.slice_chars(start, end).chars().collect();
    let visuals = ui.visuals();
    let page = visuals.panel_fill;
    let text_color = visuals.text_color();
    let mut cuts: Vec<usize> = vec![start, end];
    let clip = |a: usize, b: usize, cuts: &mut Vec<usize>| {
        if a < end && b > start {
            cuts.push(a.max(start));
            cuts.push(b.min(end));
        }
    };
    for &(a, b) in &highlights.search {
        clip(a, b, &mut cuts);
    }
    for m in &highlights.mentions {
        clip(m.start, m.end, &mut cuts);
    }
    for a in &highlights.annotations {
        clip(a.start, a.end, &mut cuts);
    }
    for &(a, b) in &highlights.editorial {
        clip(a, b, &mut cuts);
    }
    for &(a, b) in &highlights.uncertain {
        clip(a, b, &mut cuts);
    }
    for &(a, b) in &highlights.dimmed {
        clip(a, b, &mut cuts);
    }
    for p in &highlights.projected {
        clip(p.start, p.end, &mut cuts);
    }
    // The document's own formatting (imported files): italics, bold, headings.
    let styles: Vec<&crate::corpus::StyleSpan> = doc
        .styles
        .iter()
        .filter(|s| s.start < end && s.end > start)
        .collect();
    for s in &styles {
        clip(s.start, s.end, &mut cuts);
    }
    let markers: Vec<&(usize, u32, String)> = highlights
        .footnotes
        .iter()
        .filter(|f| f.0 >= start && f.0 <= end)
        .collect();
    for f in &markers {
        cuts.push(f.0);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut inserts = Vec::new();
    let marker_format = TextFormat {
        font_id: FontId::proportional(font.size * 0.68),
        color: visuals.hyperlink_color,
        valign: egui::Align::TOP,
        ..Default::default()
    };
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        for f in markers.iter().filter(|f| f.0 == a && a != start) {
            let text = f.1.to_string();
            inserts.push((a, text.chars().count()));
            job.append(&text, 0.0, marker_format.clone());
        }
        if a == b {
            continue;
        }
        let covers = |s: usize, e: usize| s <= a && b <= e;
        let mut format = TextFormat::simple(font.clone(), text_color);
        for s in styles.iter().filter(|s| covers(s.start, s.end)) {
            match s.style {
                crate::corpus::Style::Italic => format.italics = true,
                crate::corpus::Style::Bold => format.color = visuals.strong_text_color(),
                crate::corpus::Style::Underline => {
                    format.underline = Stroke::new(1.0, text_color);
                }
                crate::corpus::Style::Heading(level) => {
                    let scale = match level {
                        1 => 1.35,
                        2 => 1.2,
                        _ => 1.1,
                    };
                    format.font_id = FontId::new(font.size * scale, font.family.clone());
                    format.color = visuals.strong_text_color();
                }
            }
        }
        if highlights.editorial.iter().any(|&(s, e)| covers(s, e)) {
            format.italics = true;
            format.color = readable_on(page, visuals.weak_text_color());
        }
        if highlights.uncertain.iter().any(|&(s, e)| covers(s, e)) {
            format.underline = Stroke::new(2.0, Color32::from_rgb(230, 120, 0));
        }
        // What someone else says, when the reader shows only one speaker: faint, still there.
        if highlights.dimmed.iter().any(|&(s, e)| covers(s, e)) {
            format.color = visuals.weak_text_color().gamma_multiply(0.55);
        }
        let notes: Vec<Color32> = highlights
            .annotations
            .iter()
            .filter(|n| covers(n.start, n.end))
            .map(|n| n.color)
            .collect();
        let mut bg = page;
        // A note of the other version: a faint tint of its colour (its dashed underline is
        // painted over the text, see `reader/marks.rs`).
        if notes.is_empty()
            && let Some(p) = highlights.projected.iter().find(|p| covers(p.start, p.end))
        {
            bg = page.lerp_to_gamma(p.color, 0.14);
            format.background = bg;
            format.color = readable_on(bg, format.color);
        }
        if !notes.is_empty() {
            // Overlapping notes lay their colours over each other (darker than one); the
            // text stays readable on them (WCAG AA, see `contrast.rs`).
            bg = note_background(page, &notes, visuals.dark_mode);
            format.background = bg;
            format.color = readable_on(bg, format.color);
        }
        // A name's underline stays visible under notes: it is the people layer's.
        if let Some(m) = highlights.mentions.iter().find(|m| covers(m.start, m.end)) {
            format.underline = Stroke::new(1.5, readable_on(bg, m.color));
        } else if notes.len() > 1 {
            format.underline = Stroke::new(2.0, readable_on(bg, notes[1]));
        }
        if let Some(i) = highlights.search.iter().position(|&(s, e)| covers(s, e)) {
            let current = highlights.current_search == Some(i);
            format.background = if current {
                Color32::from_rgb(255, 150, 30)
            } else {
                Color32::from_rgb(255, 230, 80)
            };
            format.color = Color32::BLACK;
        }
        let text: String = chars
            .get(a - start..(b - start).min(chars.len()))
            .unwrap_or_default()
            .iter()
            .collect();
        job.append(&text, 0.0, format);
    }
    // A marker at the very end of the paragraph.
    for f in markers.iter().filter(|f| f.0 == end && end != start) {
        let text = f.1.to_string();
        inserts.push((end, text.chars().count()));
        job.append(&text, 0.0, marker_format.clone());
    }
    (job, inserts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::contrast::{AA, ratio};

    /// Every run of the paragraph as the reader lays it out, on the real light and dark
    /// visuals, with a note of each palette colour over it (one, then two overlapping), the
    /// paper's editorial marks and a name in it: text on its background reaches AA, and so
    /// does the name's underline.
    #[test]
    fn text_the_reader_paints_on_every_highlight_reaches_aa_in_both_themes() {
        let corpus = crate::corpus::Corpus::embedded();
        let doc = corpus
            .get("1960-09-14-kudryavtsev-roa")
            .expect("the record");
        let (start, end) = doc
            .paragraphs()
            .into_iter()
            .find(|&(s, e)| doc.editorial.iter().any(|m| m.start >= s && m.end <= e))
            .expect("a paragraph with an editorial insertion");
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let dark = visuals.dark_mode;
            let ctx = egui::Context::default();
            ctx.set_visuals(visuals.clone());
            for stored in crate::notes::model::TAG_PALETTE {
                for overlapping in [1, 2] {
                    let mark = |i: usize| AnnotationMark {
                        start,
                        end: end - i,
                        id: format!("n{i}"),
                        color: tag_color(stored, dark),
                        label: String::new(),
                    };
                    let highlights = Highlights {
                        annotations: (0..overlapping).map(mark).collect(),
                        editorial: doc.editorial.iter().map(|m| (m.start, m.end)).collect(),
                        mentions: vec![MentionMark {
                            start: start + 3,
                            end: start + 9,
                            color: person_color("fidel-castro", dark),
                            label: String::new(),
                        }],
                        ..Highlights::default()
                    };
                    let mut checked = 0;
                    let mut output = ctx.run_ui(Default::default(), |ui| {
                        let font = FontId::proportional(16.0);
                        let (job, _) =
                            paragraph_job(ui, doc, &highlights, start, end, &font, 500.0);
                        for section in &job.sections {
                            let f = &section.format;
                            let bg = if f.background == Color32::TRANSPARENT {
                                ui.visuals().panel_fill
                            } else {
                                f.background
                            };
                            let r = ratio(f.color, bg);
                            assert!(
                                r >= AA,
                                "{stored} x{overlapping} dark={dark}: text {:?} on {bg:?} is {r:.2}",
                                f.color
                            );
                            if f.underline != Stroke::NONE {
                                assert!(ratio(f.underline.color, bg) >= AA, "underline");
                            }
                            checked += 1;
                        }
                    });
                    output.textures_delta.clear();
                    assert!(checked >= 3, "the runs were checked");
                }
            }
        }
    }
}
