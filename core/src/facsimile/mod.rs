//! The original beside the text: pages of an imported PDF rendered as images (with hayro, a
//! pure-Rust renderer), and where each word of the document's text stands on its page.
//!
//! - [`render`]: a page as pixels, and the pages' sizes (run in the worker, never in the window's
//!   process: a hostile PDF can only stop a child).
//! - [`glyphs`]: the glyphs of each page with their boxes, from the PDF's text layer.
//! - [`align`]: the document's text (as imported: repaired, in reading order) matched to those
//!   glyphs, giving a box per word ([`TextBox`]).
//! - [`worker`]: the child process (`readingroom facsimile-worker`) and how the app asks it.
//! - [`store`]: where the boxes of a document are kept (`<id>.boxes` beside its layout).

pub mod align;
pub mod glyphs;
pub mod images;
pub mod loader;
pub mod render;
pub mod store;
pub mod worker;

use crate::corpus::model::Document;
use crate::import::PageStart;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The original a document was imported from, if it has pages to show: a PDF, or a folder of
/// photographs of its pages.
pub fn pdf_original(doc: &Document) -> Option<&Path> {
    doc.original.as_deref().filter(|p| {
        (p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) || p.is_dir())
            && !doc.file_pages.is_empty()
    })
}

/// The page of the original (from 1) that char offset `at` of `doc` is on.
pub fn file_page_at(doc: &Document, at: usize) -> Option<u32> {
    let k = doc.pages.partition_point(|p| p.at <= at);
    doc.file_pages.get(k.saturating_sub(1)).copied()
}

/// Where page `page` of the original begins in `doc`'s text (the first char of the first
/// passage on it), if the document has text on that page.
pub fn text_at_file_page(doc: &Document, page: u32) -> Option<usize> {
    let k = doc.file_pages.iter().position(|&p| p == page)?;
    doc.pages.get(k).map(|p| p.at)
}

/// The pages of the original the document spans, in order.
pub fn file_pages_of(doc: &Document) -> std::ops::RangeInclusive<u32> {
    let first = doc.file_pages.first().copied().unwrap_or(1);
    let last = doc.file_pages.last().copied().unwrap_or(first);
    first..=last.max(first)
}

/// Where each page begins, with the original's page numbers (what boxes are found from).
pub fn page_starts(doc: &Document) -> Vec<PageStart> {
    doc.pages
        .iter()
        .zip(&doc.file_pages)
        .map(|(p, &index)| PageStart {
            at: p.at,
            index,
            label: p.page.to_string(),
        })
        .collect()
}

/// Where a word (or the part of a word on one line) of a document's text stands on a page of
/// its original.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TextBox {
    /// Char offset in the document's text where it begins.
    pub start: usize,
    /// Char offset where it ends (exclusive).
    pub end: usize,
    /// The page of the file, from 1.
    pub page: u32,
    /// Left, top, right, bottom as fractions of the page's width and height (top down, as the
    /// page is shown).
    pub rect: [f32; 4],
}

/// The boxes of a document's words, in text order, with what they are looked up by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextBoxes {
    /// Every box, by `start`.
    pub boxes: Vec<TextBox>,
    /// The hash of the text they were found for ([`text_hash`]): boxes of another text (the
    /// document's text was replaced or fixed since) are not used.
    pub text_hash: u64,
}

/// The hash boxes are kept with, of a document's text.
pub fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

impl TextBoxes {
    /// Whether these boxes were found for `text`.
    pub fn fit(&self, text: &str) -> bool {
        self.text_hash == text_hash(text)
    }

    /// Boxes of the words that overlap the char range `[start, end)`, on any page.
    pub fn overlapping(&self, start: usize, end: usize) -> &[TextBox] {
        let first = self.boxes.partition_point(|b| b.end <= start);
        let last = self.boxes.partition_point(|b| b.start < end);
        if first >= last {
            return &[];
        }
        &self.boxes[first..last]
    }

    /// The word at a point of a page (fractions of its width and height), if a word's box
    /// holds it.
    pub fn word_at(&self, page: u32, x: f32, y: f32) -> Option<&TextBox> {
        self.boxes.iter().find(|b| {
            b.page == page && b.rect[0] <= x && x <= b.rect[2] && b.rect[1] <= y && y <= b.rect[3]
        })
    }

    /// The outline of a range on one page: one rectangle per line (the boxes of a line joined).
    pub fn outline(&self, page: u32, start: usize, end: usize) -> Vec<[f32; 4]> {
        let mut lines: Vec<[f32; 4]> = Vec::new();
        for b in self
            .overlapping(start, end)
            .iter()
            .filter(|b| b.page == page)
        {
            match lines.last_mut() {
                Some(l) if same_line(l, &b.rect) => {
                    l[0] = l[0].min(b.rect[0]);
                    l[1] = l[1].min(b.rect[1]);
                    l[2] = l[2].max(b.rect[2]);
                    l[3] = l[3].max(b.rect[3]);
                }
                _ => lines.push(b.rect),
            }
        }
        lines
    }

    /// The pages (of the file) the range `[start, end)` has words on.
    pub fn pages_of(&self, start: usize, end: usize) -> Vec<u32> {
        let mut pages: Vec<u32> = self
            .overlapping(start, end)
            .iter()
            .map(|b| b.page)
            .collect();
        pages.dedup();
        pages
    }
}

/// Whether two boxes sit on one line: their vertical middles within half a line of each other,
/// the second to the right of the first's left edge.
fn same_line(a: &[f32; 4], b: &[f32; 4]) -> bool {
    let height = (a[3] - a[1]).max(b[3] - b[1]);
    let (ma, mb) = ((a[1] + a[3]) / 2.0, (b[1] + b[3]) / 2.0);
    (ma - mb).abs() < height / 2.0 && b[0] >= a[0]
}

/// Why a page could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum FacsimileError {
    /// The file is not a PDF hayro can read (damaged, or encrypted).
    #[error("the original cannot be read as a PDF ({0})")]
    Unreadable(String),
    /// No such page.
    #[error("the original has no page {page} (it has {count})")]
    NoSuchPage {
        /// The page asked for, from 1.
        page: u32,
        /// How many pages there are.
        count: u32,
    },
    /// The worker failed, was stopped or ran out of memory.
    #[error("the page could not be drawn: {0}")]
    Worker(String),
    /// The original is gone from the documents folder.
    #[error("the original file is missing: {0}")]
    Missing(String),
}
