//! Photographs of archival pages (JPEG, PNG, TIFF) as an original: one image per page, in a
//! folder kept with the document, decoded (in the worker) with the `image` crate within limits.

use super::FacsimileError;
use super::render::{MAX_PIXELS, MAX_WIDTH_PX, PageImage};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// The extensions of the images read as pages.
pub const IMAGE_EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "tif", "tiff"];
/// Most images in one document.
pub const MAX_IMAGES: usize = 2_000;
/// Largest image file read.
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;
/// Widest or tallest image decoded, in pixels.
const MAX_SIDE: u32 = 20_000;

/// Whether a file's name says it is an image read as a page.
pub fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The images of a folder, in the order of their names (regular files only: links and
/// subfolders are not followed), at most [`MAX_IMAGES`].
pub fn images_in(dir: &Path) -> Result<Vec<PathBuf>, FacsimileError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| FacsimileError::Missing(format!("{}: {e}", dir.display())))?;
    let mut images: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| is_image(p))
        .collect();
    images.sort();
    images.truncate(MAX_IMAGES);
    Ok(images)
}

fn reader(bytes: &[u8]) -> Result<image::ImageReader<Cursor<&[u8]>>, FacsimileError> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| FacsimileError::Unreadable(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(1024 * 1024 * 1024);
    reader.limits(limits);
    Ok(reader)
}

fn unreadable(e: impl std::fmt::Display) -> FacsimileError {
    FacsimileError::Unreadable(format!("not an image that can be read ({e})"))
}

/// The size of an image, in pixels.
pub fn image_size(bytes: &[u8]) -> Result<(f32, f32), FacsimileError> {
    let (w, h) = reader(bytes)?.into_dimensions().map_err(unreadable)?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(unreadable(format!("{w} × {h} pixels")));
    }
    Ok((w as f32, h as f32))
}

/// An image `width` pixels wide (at most [`MAX_WIDTH_PX`] and [`MAX_PIXELS`]), RGBA.
pub fn render_image(bytes: &[u8], width: u32) -> Result<PageImage, FacsimileError> {
    let img = reader(bytes)?.decode().map_err(unreadable)?;
    let (w, h) = (img.width().max(1), img.height().max(1));
    let mut width = width.clamp(16, MAX_WIDTH_PX);
    let mut height = ((h as u64 * width as u64) / w as u64).max(1) as u32;
    if width as u64 * height as u64 > MAX_PIXELS {
        let shrink = ((MAX_PIXELS as f64) / (width as f64 * height as f64)).sqrt();
        width = ((width as f64 * shrink) as u32).max(1);
        height = ((height as f64 * shrink) as u32).max(1);
    }
    let out = img
        .resize_exact(width, height, image::imageops::FilterType::Triangle)
        .into_rgba8();
    Ok(PageImage {
        width,
        height,
        rgba: out.into_raw(),
    })
}

/// The sizes of the images of a folder, as its pages.
pub fn folder_sizes(dir: &Path) -> Result<Vec<(f32, f32)>, FacsimileError> {
    images_in(dir)?
        .iter()
        .map(|p| image_size(&read(p)?))
        .collect()
}

/// Page `page` (from 1) of a folder of images, `width` pixels wide.
pub fn folder_page(dir: &Path, page: u32, width: u32) -> Result<PageImage, FacsimileError> {
    let images = images_in(dir)?;
    let count = images.len() as u32;
    let file = page
        .checked_sub(1)
        .and_then(|k| images.get(k as usize))
        .ok_or(FacsimileError::NoSuchPage { page, count })?;
    render_image(&read(file)?, width)
}

fn read(file: &Path) -> Result<Vec<u8>, FacsimileError> {
    crate::files::read_regular(file, MAX_IMAGE_BYTES)
        .map_err(|e| FacsimileError::Missing(format!("{}: {e}", file.display())))
}
