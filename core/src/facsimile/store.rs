//! Where a document's word boxes are kept: `<id>.boxes` beside its text and layout in the
//! documents folder, written at import (and for documents imported before boxes existed, the
//! first time their original is shown). Derived data: a file that cannot be read is made again
//! from the original, never trusted.

use super::TextBoxes;
use std::path::{Path, PathBuf};

/// What a boxes file begins with (its format's version).
const MAGIC: &[u8] = b"RRBOXES1";
/// Largest boxes file read.
const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// The boxes file of document `id` in the documents folder `dir`.
pub fn boxes_file(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.boxes"))
}

/// The boxes kept for a document, if there are readable ones.
pub fn read_boxes(file: &Path) -> Option<TextBoxes> {
    let bytes = crate::files::read_regular(file, MAX_BYTES).ok()?;
    let body = bytes.strip_prefix(MAGIC)?;
    let boxes: TextBoxes = postcard::from_bytes(body).ok()?;
    // Kept sorted, as lookups need.
    boxes
        .boxes
        .windows(2)
        .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end))
        .then_some(boxes)
}

/// Keeps a document's boxes (atomically, private).
pub fn write_boxes(file: &Path, boxes: &TextBoxes) -> std::io::Result<()> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend(postcard::to_stdvec(boxes).map_err(std::io::Error::other)?);
    crate::files::write_atomic(file, &bytes, crate::files::NewFileMode::PRIVATE)
}
