//! The glyphs of each page of a PDF, with the text they stand for and their boxes, read by
//! interpreting the page with hayro (in the worker process).

use super::FacsimileError;
use hayro::hayro_interpret::font::{Glyph, GlyphRun};
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};
use hayro::kurbo::{BezPath, Rect, Shape};
use serde::{Deserialize, Serialize};

/// Most glyphs kept for one file (a bound on memory and on the answer's size).
pub const MAX_GLYPHS: usize = 4_000_000;

/// A glyph on a page: what text it stands for and its box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageGlyph {
    /// The text (usually one char; a ligature gives several).
    pub text: String,
    /// Left, top, right, bottom as fractions of the page (top down).
    pub rect: [f32; 4],
}

/// The glyphs of one page, in the order the page draws them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageGlyphs {
    /// The page, from 1.
    pub page: u32,
    /// Its glyphs.
    pub glyphs: Vec<PageGlyph>,
}

/// Collects glyph boxes in page space (points, top down).
struct Collector {
    glyphs: Vec<PageGlyph>,
    size: (f64, f64),
    budget: usize,
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            if self.glyphs.len() >= self.budget {
                return;
            }
            let Some(text) = g.as_unicode().map(|u| match u {
                hayro::hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
                hayro::hayro_interpret::hayro_cmap::BfString::String(s) => s,
            }) else {
                continue;
            };
            // Glyph space is a thousandth of the font size; the em box runs from the descender
            // (-200) to the ascender (800). The width is the outline's, or half an em.
            let (x0, x1) = match &**g {
                Glyph::Outline(o) => {
                    let b = o.outline().bounding_box();
                    if b.width() > 0.0 && b.width().is_finite() {
                        (b.x0.min(0.0), b.x1.max(b.x0 + 1.0))
                    } else {
                        (0.0, 250.0)
                    }
                }
                Glyph::Type3(_) => (0.0, 500.0),
            };
            let em = Rect::new(x0, -200.0, x1, 800.0);
            let r = ((props.transform * g.transform()) * em.to_path(0.1)).bounding_box();
            let (w, h) = self.size;
            let rect = [
                (r.x0 / w) as f32,
                (r.y0 / h) as f32,
                (r.x1 / w) as f32,
                (r.y1 / h) as f32,
            ];
            if rect.iter().all(|v| v.is_finite()) {
                self.glyphs.push(PageGlyph { text, rect });
            }
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// The glyphs of every page (at most [`super::render::MAX_PAGES`] pages and [`MAX_GLYPHS`]
/// glyphs in all).
pub fn page_glyphs(bytes: &[u8]) -> Result<Vec<PageGlyphs>, FacsimileError> {
    let pdf = super::render::open(bytes)?;
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    let mut out = Vec::new();
    let mut total = 0usize;
    for (i, page) in pdf
        .pages()
        .iter()
        .take(super::render::MAX_PAGES)
        .enumerate()
    {
        let (w, h) = page.render_dimensions();
        let (w, h) = (f64::from(w.max(1.0)), f64::from(h.max(1.0)));
        let mut context = Context::new(
            page.initial_transform(true).to_kurbo(),
            Rect::new(0.0, 0.0, w, h),
            &cache,
            page.xref(),
            settings.clone(),
        );
        let mut collector = Collector {
            glyphs: Vec::new(),
            size: (w, h),
            budget: MAX_GLYPHS.saturating_sub(total),
        };
        interpret_page(page, &mut context, &mut collector);
        total += collector.glyphs.len();
        out.push(PageGlyphs {
            page: i as u32 + 1,
            glyphs: collector.glyphs,
        });
    }
    Ok(out)
}
