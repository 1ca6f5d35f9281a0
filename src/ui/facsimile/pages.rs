//! The facsimile's page images, sizes and word boxes: asked of the background loader, kept as
//! textures by (file, page, width), the least recently shown dropped once they pass
//! [`MAX_TEXTURE_BYTES`].

use readingroom_core::facsimile::TextBoxes;
use readingroom_core::facsimile::loader::{Done, Job, Loader};
use readingroom_core::facsimile::worker::Runner;
use readingroom_core::import::PageStart;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Most bytes of page images kept (about 24 pages 1024 pixels wide). A software renderer
/// (llvmpipe) keeps a second copy of each texture in the process, so the facsimile of a PDF of
/// any length stays near twice this.
pub const MAX_TEXTURE_BYTES: usize = 128 * 1024 * 1024;

/// Widths pages are drawn at: a page is drawn at the next one up and scaled by the window.
const WIDTH_STEP: u32 = 256;

/// A drawn page, by file, page and width.
type PageKey = (PathBuf, u32, u32);

struct Kept {
    texture: egui::TextureHandle,
    bytes: usize,
    used: u64,
}

/// What is known of a page.
pub enum PageState<'a> {
    /// Drawn (maybe at another width while the right one is drawn).
    Ready(&'a egui::TextureHandle),
    /// Being drawn.
    Waiting,
    /// It could not be drawn, and why.
    Failed(&'a str),
}

/// The textures, sizes and boxes, and the loader that fetches them.
#[derive(Default)]
pub struct Pages {
    loader: Option<Loader>,
    textures: HashMap<PageKey, Kept>,
    bytes: usize,
    frame: u64,
    asked: HashSet<PageKey>,
    failed: HashMap<(PathBuf, u32), String>,
    sizes: HashMap<PathBuf, Result<Vec<(f32, f32)>, String>>,
    boxes: HashMap<PathBuf, Result<Arc<TextBoxes>, String>>,
    boxes_asked: HashSet<PathBuf>,
}

impl Pages {
    /// Takes what the loader sent and makes textures of the pages; call once a frame.
    pub fn begin_frame(&mut self, ctx: &egui::Context, runner: impl FnOnce() -> Runner) {
        self.frame += 1;
        if self.loader.is_none() {
            let waker = ctx.clone();
            self.loader = Some(Loader::start(runner(), move || waker.request_repaint()));
        }
        let answers = self
            .loader
            .as_ref()
            .map(Loader::answers)
            .unwrap_or_default();
        for done in answers {
            self.take(ctx, done);
        }
    }

    fn take(&mut self, ctx: &egui::Context, done: Done) {
        match done {
            Done::Sizes(file, sizes) => {
                self.sizes.insert(file, sizes.map_err(|e| e.to_string()));
            }
            Done::Boxes(file, boxes) => {
                self.boxes
                    .insert(file, boxes.map(Arc::new).map_err(|e| e.to_string()));
            }
            Done::Page {
                file,
                page,
                width,
                image,
            } => {
                let key = (file, page, width);
                self.asked.remove(&key);
                match image {
                    Ok(img) => {
                        let size = [img.width as usize, img.height as usize];
                        let color = egui::ColorImage::from_rgba_unmultiplied(size, &img.rgba);
                        let name = format!("facsimile {} p. {page} {width}", key.0.display());
                        let texture = ctx.load_texture(name, color, egui::TextureOptions::LINEAR);
                        self.bytes += img.rgba.len();
                        self.failed.remove(&(key.0.clone(), page));
                        self.textures.insert(
                            key,
                            Kept {
                                texture,
                                bytes: img.rgba.len(),
                                used: self.frame,
                            },
                        );
                        self.evict();
                    }
                    Err(e) => {
                        self.failed.insert((key.0, page), e.to_string());
                    }
                }
            }
        }
    }

    /// Drops the least recently shown pages (never one shown this frame or the last) until
    /// the images fit in [`MAX_TEXTURE_BYTES`].
    fn evict(&mut self) {
        while self.bytes > MAX_TEXTURE_BYTES {
            let Some(oldest) = self
                .textures
                .iter()
                .filter(|(_, k)| k.used + 1 < self.frame)
                .min_by_key(|(_, k)| k.used)
                .map(|(key, _)| key.clone())
            else {
                return;
            };
            if let Some(k) = self.textures.remove(&oldest) {
                self.bytes -= k.bytes;
            }
        }
    }

    /// The bytes of page images kept.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The sizes of the file's pages (in points), asked for the first time they are wanted.
    pub fn sizes(&mut self, file: &Path) -> Option<&Result<Vec<(f32, f32)>, String>> {
        if !self.sizes.contains_key(file) {
            if let Some(l) = &self.loader
                && self.asked.insert((file.to_path_buf(), 0, 0))
            {
                l.ask(Job::Sizes {
                    file: file.to_path_buf(),
                });
            }
            return None;
        }
        self.sizes.get(file)
    }

    /// A document's word boxes (kept at import, or found now), asked for when first wanted.
    pub fn boxes(
        &mut self,
        file: &Path,
        boxes_file: &Path,
        text: impl FnOnce() -> Arc<str>,
        pages: impl FnOnce() -> Vec<PageStart>,
    ) -> Option<&Result<Arc<TextBoxes>, String>> {
        if !self.boxes.contains_key(boxes_file) {
            if let Some(l) = &self.loader
                && self.boxes_asked.insert(boxes_file.to_path_buf())
            {
                l.ask(Job::Boxes {
                    file: file.to_path_buf(),
                    boxes_file: boxes_file.to_path_buf(),
                    text: text(),
                    pages: pages(),
                });
            }
            return None;
        }
        self.boxes.get(boxes_file)
    }

    /// Forgets a document's boxes (its text changed): they are found again when next wanted.
    pub fn forget_boxes(&mut self, boxes_file: &Path) {
        self.boxes.remove(boxes_file);
        self.boxes_asked.remove(boxes_file);
    }

    /// The width a page `pixels` wide on the screen is drawn at.
    pub fn width_for(pixels: f32) -> u32 {
        let w = pixels.max(1.0).ceil() as u32;
        (w.div_ceil(WIDTH_STEP) * WIDTH_STEP).clamp(
            WIDTH_STEP / 2,
            readingroom_core::facsimile::render::MAX_WIDTH_PX,
        )
    }

    /// Page `page` of `file` at `width` pixels: drawn, being drawn (a kept drawing at another
    /// width is shown meanwhile), or failed. Asks for it when it is not there.
    pub fn page(&mut self, file: &Path, page: u32, width: u32) -> PageState<'_> {
        let key = (file.to_path_buf(), page, width);
        let failed = (key.0.clone(), page);
        if self.failed.contains_key(&failed) {
            // Failed at one width fails at all: not asked again.
            return PageState::Failed(self.failed[&failed].as_str());
        }
        if !self.textures.contains_key(&key)
            && self.asked.insert(key.clone())
            && let Some(l) = &self.loader
        {
            l.ask(Job::Page {
                file: key.0.clone(),
                page,
                width,
            });
        }
        let frame = self.frame;
        // The width asked for, else the nearest kept.
        let found = if self.textures.contains_key(&key) {
            Some(key)
        } else {
            self.textures
                .keys()
                .filter(|(f, p, _)| f == file && *p == page)
                .min_by_key(|(_, _, w)| w.abs_diff(width))
                .cloned()
        };
        match found.and_then(|k| self.textures.get_mut(&k)) {
            Some(kept) => {
                kept.used = frame;
                PageState::Ready(&kept.texture)
            }
            None => PageState::Waiting,
        }
    }

    /// Asks for a page not shown yet (the next one), unless it is kept or asked.
    pub fn prefetch(&mut self, file: &Path, page: u32, width: u32) {
        let key = (file.to_path_buf(), page, width);
        if !self.textures.contains_key(&key)
            && !self.failed.contains_key(&(key.0.clone(), page))
            && self.asked.insert(key.clone())
            && let Some(l) = &self.loader
        {
            l.ask(Job::Page {
                file: key.0,
                page,
                width,
            });
        }
    }

    /// Forgets the waiting requests for `file`'s pages at `width` but those of `keep` (the
    /// thumbnails scrolled past before they were drawn).
    pub fn keep_only(&mut self, file: &Path, width: u32, keep: &[u32]) {
        let stale = |f: &Path, p: u32, w: u32| f == file && w == width && !keep.contains(&p);
        if let Some(l) = &self.loader {
            l.keep_only_pages(|f, p, w| !stale(f, p, w));
        }
        self.asked.retain(|(f, p, w)| !stale(f, *p, *w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use readingroom_core::facsimile::render::PageImage;

    fn page(file: &Path, page: u32, width: u32) -> Done {
        let height = width * 13 / 10;
        Done::Page {
            file: file.to_path_buf(),
            page,
            width,
            image: Ok(PageImage {
                width,
                height,
                rgba: vec![255; (width * height * 4) as usize],
            }),
        }
    }

    #[test]
    fn the_pages_of_a_long_pdf_stay_within_the_memory_bound_and_the_page_shown_is_kept() {
        let ctx = egui::Context::default();
        let mut pages = Pages::default();
        let file = Path::new("/documents/originals/long.pdf");
        // 300 pages at 1024 px (5.4 MB each, 1.6 GB in all), one shown per frame.
        for p in 1..=300 {
            pages.frame += 1;
            pages.take(&ctx, page(file, p, 1024));
            assert!(matches!(pages.page(file, p, 1024), PageState::Ready(_)));
            assert!(
                pages.bytes() <= MAX_TEXTURE_BYTES,
                "{} bytes kept after page {p}",
                pages.bytes()
            );
        }
        // The pages shown last are there; the first were dropped.
        assert!(matches!(pages.page(file, 300, 1024), PageState::Ready(_)));
        assert!(!pages.textures.contains_key(&(file.to_path_buf(), 1, 1024)));
        assert!(
            pages.bytes() > MAX_TEXTURE_BYTES / 2,
            "the bound is used, not wasted"
        );
    }

    #[test]
    fn a_page_that_failed_says_why_and_is_not_asked_again() {
        let ctx = egui::Context::default();
        let mut pages = Pages::default();
        let file = Path::new("/documents/originals/broken.pdf");
        pages.take(
            &ctx,
            Done::Page {
                file: file.to_path_buf(),
                page: 2,
                width: 768,
                image: Err(readingroom_core::facsimile::FacsimileError::Unreadable(
                    "no cross-reference table".into(),
                )),
            },
        );
        match pages.page(file, 2, 1024) {
            PageState::Failed(why) => assert!(why.contains("cross-reference"), "{why}"),
            _ => panic!("the failure is shown"),
        }
        assert!(!pages.asked.contains(&(file.to_path_buf(), 2, 1024)));
    }
}
