//! Checking a page's OCR: the page of the original (a PDF's page drawn by the worker, or the
//! photograph) read again by tesseract, and the words of the document's text where the two
//! readings disagree marked as uncertain (kept with the document in `uncertain`, underlined in
//! the reader), to be checked against the original.

use super::store::{documents_dir, read_layout, source_mode};
use crate::facsimile::worker::Runner;
use similar::{Algorithm, DiffOp};
use std::path::Path;

/// Width a PDF page is drawn at for tesseract (about 240 dpi for a letter page).
const OCR_WIDTH: u32 = 2000;

/// What checking a page found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Words of the page in the document's text.
    pub words: usize,
    /// Of those, the ones the new reading disagrees with (now marked).
    pub marked: usize,
}

/// A word folded for comparing: letters and digits, lower case.
fn fold(w: &str) -> String {
    w.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `text` (by whitespace) with their char ranges.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    for c in text.chars() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let w: String = text.chars().skip(s).take(i - s).collect();
                out.push((s, i, w));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push((s, i, text.chars().skip(s).collect()));
    }
    out
}

/// The words of the document's text (`(start, end, word)`) that a new reading does not have
/// where they stand: a diff of the two word sequences (folded), the document's side of every
/// change.
pub fn disagreements(
    document: &[(usize, usize, String)],
    reading: &[String],
) -> Vec<(usize, usize)> {
    let a: Vec<String> = document
        .iter()
        .map(|w| fold(&w.2))
        .filter(|w| !w.is_empty())
        .collect();
    let kept: Vec<&(usize, usize, String)> =
        document.iter().filter(|w| !fold(&w.2).is_empty()).collect();
    let b: Vec<String> = reading
        .iter()
        .map(|w| fold(w))
        .filter(|w| !w.is_empty())
        .collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
    let mut out = Vec::new();
    for op in similar::capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline)) {
        match op {
            DiffOp::Delete {
                old_index, old_len, ..
            }
            | DiffOp::Replace {
                old_index, old_len, ..
            } => {
                for w in &kept[old_index..old_index + old_len] {
                    out.push((w.0, w.1));
                }
            }
            _ => {}
        }
    }
    out
}

/// Reads page `page` of document `id`'s original again with tesseract (`program`), and marks
/// the words of the document's text on that page where the new reading disagrees (replacing
/// the marks that page had).
pub fn check_page(
    data_dir: &Path,
    id: &str,
    page: u32,
    runner: &Runner,
    program: &Path,
) -> Result<Checked, String> {
    let dir = documents_dir(data_dir);
    if id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') {
        return Err(format!("{id}: not one of your documents"));
    }
    let layout_path = dir.join(format!("{id}.layout.ron"));
    let mut layout = read_layout(&layout_path)
        .ok_or_else(|| format!("{id}: it has no original to read again"))?;
    let k = layout
        .pages
        .iter()
        .position(|p| p.index == page)
        .ok_or_else(|| format!("page {page} of the original has no text in this document"))?;
    let text_path = dir.join(format!("{id}.txt"));
    let body = crate::files::read_regular(&text_path, 256 * 1024 * 1024)
        .map_err(|e| format!("{}: {e}", text_path.display()))?;
    let body =
        String::from_utf8(body).map_err(|_| format!("{}: not UTF-8", text_path.display()))?;
    let text = body.strip_suffix('\n').unwrap_or(&body);
    let len = text.chars().count();
    let start = layout.pages[k].at.min(len);
    let end = layout.pages.get(k + 1).map_or(len, |p| p.at.min(len));
    let page_text: String = text.chars().skip(start).take(end - start).collect();
    // The page as an image tesseract reads: the photograph, or the PDF's page drawn.
    let original = dir.join(&layout.import.original);
    let scratch = tempfile_in(data_dir)?;
    let image = if original.is_dir() {
        crate::facsimile::images::images_in(&original)
            .map_err(|e| e.to_string())?
            .get(page as usize - 1)
            .cloned()
            .ok_or_else(|| format!("the original has no page {page}"))?
    } else {
        let drawn = runner
            .page(&original, page, OCR_WIDTH)
            .map_err(|e| e.to_string())?;
        let png = scratch.join(format!("{id}-{page}.png"));
        image::save_buffer(
            &png,
            &drawn.rgba,
            drawn.width,
            drawn.height,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| format!("the page could not be given to tesseract: {e}"))?;
        png
    };
    let reading = super::images::read_page(program, &image);
    let _ = std::fs::remove_dir_all(&scratch);
    let reading = reading.ok_or("tesseract read nothing on the page")?;
    let theirs: Vec<String> = reading
        .words
        .iter()
        .map(|w| {
            reading
                .text
                .chars()
                .skip(w.start)
                .take(w.end - w.start)
                .collect()
        })
        .collect();
    let ours: Vec<(usize, usize, String)> = words(&page_text)
        .into_iter()
        .map(|(s, e, w)| (start + s, start + e, w))
        .collect();
    let marked = disagreements(&ours, &theirs);
    layout.uncertain.retain(|&(s, e)| e <= start || s >= end);
    layout.uncertain.extend(marked.iter().copied());
    layout.uncertain.sort_unstable();
    let text = ron::ser::to_string(&layout).map_err(|e| e.to_string())?;
    crate::files::write_atomic(&layout_path, text.as_bytes(), source_mode(&text_path))
        .map_err(|e| format!("{}: {e}", layout_path.display()))?;
    Ok(Checked {
        words: ours.len(),
        marked: marked.len(),
    })
}

/// A private scratch folder in the data directory's cache (removed after use).
fn tempfile_in(data_dir: &Path) -> Result<std::path::PathBuf, String> {
    let base = data_dir.join("cache").join("reocr");
    crate::files::create_private_dir(&data_dir.join("cache"))
        .and_then(|_| crate::files::create_private_dir(&base))
        .map_err(|e| format!("{}: {e}", base.display()))?;
    let dir = base.join(format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    crate::files::create_private_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_a_new_reading_does_not_have_are_marked() {
        let text = "Castro said the atternpt on his life, failed.";
        let ours = words(text);
        let theirs: Vec<String> = "Castro said the attempt on his life failed"
            .split(' ')
            .map(String::from)
            .collect();
        let marked: Vec<String> = disagreements(&ours, &theirs)
            .iter()
            .map(|&(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect();
        // Punctuation is not a disagreement; the misread word is.
        assert_eq!(marked, ["atternpt"]);
    }
}
