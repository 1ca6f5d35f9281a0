//! One importer per format (see [`crate::import::Importer`]).

pub mod docx;
pub mod html;
pub mod odt;
pub mod pdf;
pub mod tei;
pub mod text;
mod zipped;

/// The caps on zipped documents (DOCX, ODT).
pub mod zipped_limits {
    pub use super::zipped::{MAX_ENTRIES, MAX_PART_BYTES, MAX_TOTAL_BYTES};
}

use crate::import::Importer;

/// Every importer, in the order files are matched: by content first (so a mislabelled file
/// is read as what it is), then by name.
pub static ALL: &[&dyn Importer] = &[
    &pdf::Pdf,
    &odt::Odt,
    &docx::Docx,
    &tei::Tei,
    &html::HtmlPage,
    &text::Markdown,
    &text::PlainText,
];
