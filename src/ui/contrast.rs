//! Readable colours: WCAG 2 contrast, and the text colour to use on a painted background so
//! that text on every highlight, underline and diff mark reaches AA (4.5:1) in both themes.
//! The reader and the comparison paint with these functions, and the test below checks them
//! on egui's real light and dark visuals for every palette colour.

use egui::Color32;

/// WCAG AA for body text.
pub const AA: f32 = 4.5;

/// Relative luminance of an sRGB colour (WCAG 2; the notebook's palette check uses the same).
pub fn luminance(c: Color32) -> f32 {
    crate::notes::model::relative_luminance(c.r(), c.g(), c.b()) as f32
}

/// Contrast ratio of two colours, 1 to 21.
pub fn ratio(a: Color32, b: Color32) -> f32 {
    crate::notes::model::luminance_ratio(f64::from(luminance(a)), f64::from(luminance(b))) as f32
}

/// `over` laid on `under` at `alpha`, opaque.
pub fn blend(under: Color32, over: Color32, alpha: f32) -> Color32 {
    let mix = |a: u8, b: u8| (f32::from(a) * (1.0 - alpha) + f32::from(b) * alpha).round() as u8;
    Color32::from_rgb(
        mix(under.r(), over.r()),
        mix(under.g(), over.g()),
        mix(under.b(), over.b()),
    )
}

/// The colour text should have on `bg`: `preferred` when it reaches AA there, else the nearest
/// of black and white that does (moved toward `preferred`'s hue no further than AA allows).
pub fn readable_on(bg: Color32, preferred: Color32) -> Color32 {
    if ratio(preferred, bg) >= AA {
        return preferred;
    }
    let toward = if luminance(bg) > 0.18 {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    // The least change from the preferred colour that is readable.
    for step in 1..=10 {
        let c = blend(preferred, toward, step as f32 / 10.0);
        if ratio(c, bg) >= AA {
            return c;
        }
    }
    toward
}

/// The background of text under notes: the page with each note's colour laid over it (two
/// overlapping notes are darker than one).
pub fn note_background(page: Color32, notes: &[Color32], dark: bool) -> Color32 {
    let alpha = if dark { 0.45 } else { 0.3 };
    notes.iter().fold(page, |bg, &c| blend(bg, c, alpha))
}

/// A colour for text or marks drawn straight on the page (labels like "8 only in 1974"),
/// darkened or lightened until it reads at AA.
pub fn readable_mark(page: Color32, colour: Color32) -> Color32 {
    readable_on(page, colour)
}

/// Changed words in the comparison: their background in each theme.
pub fn changed_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(110, 80, 20)
    } else {
        Color32::from_rgb(255, 224, 140)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::TAG_PALETTE;

    fn themes() -> [(egui::Visuals, bool); 2] {
        [
            (egui::Visuals::light(), false),
            (egui::Visuals::dark(), true),
        ]
    }

    #[test]
    fn text_on_every_highlight_and_mark_reaches_aa_in_both_themes() {
        for (v, dark) in themes() {
            let page = v.panel_fill;
            let text = v.text_color();
            let weak = v.weak_text_color();
            assert!(ratio(text, page) >= AA, "plain text, dark={dark}");
            for stored in TAG_PALETTE {
                let c = crate::ui::highlight::tag_color(stored, dark);
                // One note, two overlapping, and a second colour over the first.
                for notes in [vec![c], vec![c, c]] {
                    let bg = note_background(page, &notes, dark);
                    for fg in [text, weak, v.strong_text_color()] {
                        let shown = readable_on(bg, fg);
                        assert!(
                            ratio(shown, bg) >= AA,
                            "{stored} x{} dark={dark}: {shown:?} on {bg:?} is {:.2}",
                            notes.len(),
                            ratio(shown, bg)
                        );
                    }
                }
                // The tag's colour itself as a mark on the page (underlines, chips' edges).
                let mark = readable_mark(page, c);
                assert!(ratio(mark, page) >= AA, "{stored} mark dark={dark}");
            }
            // Editorial insertions, in the weak colour, on the page.
            assert!(ratio(readable_on(page, weak), page) >= AA);
            // Changed words in the comparison.
            let changed = changed_background(dark);
            assert!(
                ratio(readable_on(changed, text), changed) >= AA,
                "changed words dark={dark}"
            );
            // "only in 1974 / 2007".
            for c in [
                Color32::from_rgb(214, 120, 40),
                Color32::from_rgb(60, 140, 210),
            ] {
                assert!(ratio(readable_mark(page, c), page) >= AA);
            }
        }
    }

    #[test]
    fn the_reported_dark_theme_pairs_were_below_aa_and_are_fixed() {
        // What was measured: #8C8C8C on #41724E (1.7:1).
        let bg = Color32::from_rgb(0x41, 0x72, 0x4e);
        let text = Color32::from_rgb(0x8c, 0x8c, 0x8c);
        assert!(ratio(text, bg) < 2.0);
        assert!(ratio(readable_on(bg, text), bg) >= AA);
    }
}
