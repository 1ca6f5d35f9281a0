//! One importer per format (see [`crate::import::Importer`]).

pub mod docx;
pub mod html;
pub mod odt;
pub mod pdf;
pub mod tei;
pub mod text;
mod zipped;

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
