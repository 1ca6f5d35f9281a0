//! A page of a PDF drawn as pixels with hayro (in the worker process).

use super::FacsimileError;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use serde::{Deserialize, Serialize};

/// Widest page drawn, in pixels (a zoom beyond this is scaled up by the window).
pub const MAX_WIDTH_PX: u32 = 4096;
/// Most pixels in one page image (64 MB of RGBA).
pub const MAX_PIXELS: u64 = 16 * 1024 * 1024;
/// Most pages read of a file.
pub const MAX_PAGES: usize = 5_000;

/// A page drawn: `width × height` pixels, RGBA, rows top down, not premultiplied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub rgba: Vec<u8>,
}

/// The size of each page as shown (rotation applied), in points.
pub fn page_sizes(bytes: &[u8]) -> Result<Vec<(f32, f32)>, FacsimileError> {
    let pdf = open(bytes)?;
    Ok(pdf
        .pages()
        .iter()
        .take(MAX_PAGES)
        .map(|p| p.render_dimensions())
        .collect())
}

/// Opens a PDF for hayro.
pub(super) fn open(bytes: &[u8]) -> Result<Pdf, FacsimileError> {
    Pdf::new(bytes.to_vec()).map_err(|e| FacsimileError::Unreadable(format!("{e:?}")))
}

/// Draws page `page` (from 1) `width` pixels wide (at most [`MAX_WIDTH_PX`], and
/// [`MAX_PIXELS`] in all), on white.
pub fn render_page(bytes: &[u8], page: u32, width: u32) -> Result<PageImage, FacsimileError> {
    let pdf = open(bytes)?;
    let pages = pdf.pages();
    let count = pages.len().min(MAX_PAGES) as u32;
    if page == 0 || page > count {
        return Err(FacsimileError::NoSuchPage { page, count });
    }
    let p = &pages[page as usize - 1];
    let (w, h) = p.render_dimensions();
    if !(w.is_finite() && h.is_finite() && w >= 1.0 && h >= 1.0) {
        return Err(FacsimileError::Unreadable(format!(
            "page {page} has no size ({w} × {h})"
        )));
    }
    let mut scale = width.clamp(16, MAX_WIDTH_PX) as f32 / w;
    let area = (w * scale) as u64 * (h * scale) as u64;
    if area > MAX_PIXELS {
        scale *= (MAX_PIXELS as f32 / area as f32).sqrt();
    }
    // hayro's pixmaps are at most u16::MAX on a side.
    scale = scale.min(65_000.0 / w).min(65_000.0 / h);
    let pixmap = hayro::render(
        p,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: hayro::vello_cpu::color::palette::css::WHITE,
        },
    );
    let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    let rgba = pixmap.take_rgba8(hayro::vello_cpu::peniko::ImageAlphaType::Alpha);
    Ok(PageImage {
        width,
        height,
        rgba,
    })
}

impl PageImage {
    /// The share of pixels that are not (nearly) white: 0 for a blank page.
    pub fn ink(&self) -> f32 {
        let n = (self.width as usize * self.height as usize).max(1);
        let dark = self
            .rgba
            .chunks_exact(4)
            .filter(|p| u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2]) < 600)
            .count();
        dark as f32 / n as f32
    }

    /// The share of non-white pixels inside a rectangle given as fractions of the page.
    pub fn ink_in(&self, rect: [f32; 4]) -> f32 {
        let (w, h) = (self.width as f32, self.height as f32);
        let x0 = (rect[0] * w).floor().clamp(0.0, w) as usize;
        let x1 = (rect[2] * w).ceil().clamp(0.0, w) as usize;
        let y0 = (rect[1] * h).floor().clamp(0.0, h) as usize;
        let y1 = (rect[3] * h).ceil().clamp(0.0, h) as usize;
        let mut dark = 0usize;
        let mut all = 0usize;
        for y in y0..y1 {
            for x in x0..x1 {
                let i = (y * self.width as usize + x) * 4;
                all += 1;
                let p = &self.rgba[i..i + 3];
                if u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2]) < 600 {
                    dark += 1;
                }
            }
        }
        dark as f32 / all.max(1) as f32
    }
}
