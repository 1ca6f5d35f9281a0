//! Photographs of archival pages (what historians bring home from the archive: JPEG, PNG,
//! TIFF) imported as one document per folder, one page per image in the order of their names.
//! The images are kept in `originals/<hash>/` and shown beside the text; the text of each page
//! is read by `tesseract` when it is installed (found at run time, stopped after two minutes a
//! page), else each page waits for its transcription ("[Page 3: not transcribed yet]"), typed
//! or pasted with Transcribe this page….

use super::store::{
    Added, FileOutcome, Ids, ImportBatch, ImportOptions, ImportRecord, content_hash, document_meta,
    documents_dir, read_batch, source_mode, write_document,
};
use super::{Extracted, ImportError, PageStart};
use crate::facsimile::images::{MAX_IMAGE_BYTES, MAX_IMAGES, image_size};
use std::path::{Path, PathBuf};

/// The importer's name in the import record.
pub const IMPORTER: &str = "images";

/// What an untranscribed page reads until its text is typed, pasted or read.
pub fn placeholder(page: usize) -> String {
    format!("[Page {page}: not transcribed yet]")
}

/// The `tesseract` program on the PATH, if it is installed (looked for once per run).
pub fn tesseract() -> Option<PathBuf> {
    static FOUND: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    FOUND
        .get_or_init(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .map(|d| d.join("tesseract"))
                .find(|p| p.is_file())
        })
        .clone()
}

/// How to add tesseract, said where it is missing.
pub const TESSERACT_HINT: &str = "the pages' text is not read: install tesseract to read it (on Debian or Ubuntu: sudo apt install tesseract-ocr), or type or paste each page with Transcribe this page…";

/// Below this confidence (tesseract's 0–100) a word is marked to be checked.
pub const UNSURE_BELOW: f32 = 60.0;

/// A word tesseract read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadWord {
    /// Char offsets in the page's text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// tesseract's confidence, 0–100.
    pub confidence: f32,
    /// Its box, fractions of the image, top down.
    pub rect: [f32; 4],
}

/// What tesseract read on a page: its paragraphs (lines joined) and each word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadPage {
    /// The text.
    pub text: String,
    /// Its words.
    pub words: Vec<ReadWord>,
}

/// Reads tesseract's TSV (level, page, block, paragraph, line, word, left, top, width, height,
/// confidence, text): words of a paragraph joined by spaces, paragraphs by a blank line.
pub fn parse_tsv(tsv: &str) -> ReadPage {
    let mut page = ReadPage::default();
    let (mut width, mut height) = (1.0f32, 1.0f32);
    let mut paragraph = None;
    let mut chars = 0usize;
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 {
            continue;
        }
        let num = |k: usize| f[k].trim().parse::<f32>().unwrap_or(0.0);
        if f[0] == "1" {
            (width, height) = (num(8).max(1.0), num(9).max(1.0));
            continue;
        }
        let word = f[11].trim();
        if f[0] != "5" || word.is_empty() {
            continue;
        }
        let key = (f[2], f[3]);
        if paragraph != Some(key) {
            if paragraph.is_some() {
                page.text.push_str("\n\n");
                chars += 2;
            }
            paragraph = Some(key);
        } else {
            page.text.push(' ');
            chars += 1;
        }
        let start = chars;
        page.text.push_str(word);
        chars += word.chars().count();
        let (l, t, w, h) = (num(6), num(7), num(8), num(9));
        page.words.push(ReadWord {
            start,
            end: chars,
            confidence: num(10),
            rect: [l / width, t / height, (l + w) / width, (t + h) / height],
        });
    }
    page
}

/// What tesseract reads on an image (stopped after two minutes), or None.
pub fn read_page(program: &Path, image: &Path) -> Option<ReadPage> {
    let mut command = std::process::Command::new(program);
    command.arg(image).arg("stdout").arg("tsv");
    let out = super::isolated::run_limited(
        command,
        super::isolated::Limits {
            time: std::time::Duration::from_secs(120),
            memory_mb: 2048,
        },
    )
    .ok()?;
    let page = parse_tsv(&String::from_utf8_lossy(&out));
    (!page.text.is_empty()).then_some(page)
}

/// Imports `images` (photographs of the pages of one document, in order) as one document
/// titled `title` (unless the options give one).
pub fn import_images(
    data_dir: &Path,
    images: &[PathBuf],
    title: &str,
    options: &ImportOptions,
    taken: &mut Ids,
) -> FileOutcome {
    let refused = |e: String| FileOutcome::Refused(ImportError::Damaged(e));
    if images.is_empty() || images.len() > MAX_IMAGES {
        return refused(format!("1 to {MAX_IMAGES} images make one document"));
    }
    // Each image read, and checked to be one (its size read, nothing decoded here).
    let mut read = Vec::new();
    for f in images {
        let bytes = match crate::files::read_regular(f, MAX_IMAGE_BYTES) {
            Ok(b) => b,
            Err(e) => return refused(format!("{}: {e}", f.display())),
        };
        if let Err(e) = image_size(&bytes) {
            return refused(format!("{}: {e}", f.display()));
        }
        read.push(bytes);
    }
    let mut all = Vec::new();
    for b in &read {
        all.extend_from_slice(content_hash(b).as_bytes());
    }
    let hash = content_hash(&all);
    let dir = documents_dir(data_dir);
    let batch_file = dir.join("imports").join(format!("{hash}.ron"));
    if let Some(batch) = read_batch(&batch_file) {
        return FileOutcome::Duplicate(batch.documents);
    }
    for sub in ["", "originals", "imports"] {
        if let Err(e) = crate::files::create_private_dir(&dir.join(sub)) {
            return refused(format!(
                "{}: cannot be created: {e}",
                dir.join(sub).display()
            ));
        }
    }
    let original_rel = format!("originals/{hash}");
    let original = dir.join(&original_rel);
    if let Err(e) = crate::files::create_private_dir(&original) {
        return refused(format!("{}: cannot be created: {e}", original.display()));
    }
    let mode = source_mode(&images[0]);
    let mut kept = Vec::new();
    for (k, (f, bytes)) in images.iter().zip(&read).enumerate() {
        let ext = f
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("img")
            .to_ascii_lowercase();
        let copy = original.join(format!("{:04}.{ext}", k + 1));
        if let Err(e) = crate::files::create_new_atomic(&copy, bytes, mode) {
            return refused(format!("{}: cannot be written: {e}", copy.display()));
        }
        kept.push(copy);
    }
    // The text of each page: read by tesseract, or waiting for its transcription.
    let ocr = tesseract();
    let mut doc = Extracted::default();
    let mut repairs = Vec::new();
    let mut uncertain = Vec::new();
    let mut boxes = Vec::new();
    for (k, image) in kept.iter().enumerate() {
        if !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        doc.pages.push(PageStart {
            at: doc.text.chars().count(),
            index: k as u32 + 1,
            label: (k + 1).to_string(),
        });
        let read = ocr.as_deref().and_then(|p| read_page(p, image));
        match read {
            Some(page) => {
                let at = doc.text.chars().count();
                let unsure = page
                    .words
                    .iter()
                    .filter(|w| w.confidence < UNSURE_BELOW)
                    .count();
                repairs.push(format!(
                    "page {}: text read by tesseract ({} words, {unsure} unsure)",
                    k + 1,
                    page.words.len()
                ));
                for w in &page.words {
                    if w.confidence < UNSURE_BELOW {
                        uncertain.push((at + w.start, at + w.end));
                    }
                    boxes.push(crate::facsimile::TextBox {
                        start: at + w.start,
                        end: at + w.end,
                        page: k as u32 + 1,
                        rect: w.rect,
                    });
                }
                doc.text.push_str(&page.text);
            }
            None => doc.text.push_str(&placeholder(k + 1)),
        }
    }
    if ocr.is_none() {
        repairs.push(TESSERACT_HINT.to_string());
    }
    let title = options
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| title.to_string());
    let mut meta = document_meta(&doc, &title, options.present.clone(), options);
    meta.date = options.date.clone();
    meta.author = options.author.clone();
    meta.url = options.url.clone();
    meta.citation_verbatim = options.citation.clone().filter(|c| !c.trim().is_empty());
    if let Some(kind) = options.kind {
        meta.kind = kind;
    }
    let record = ImportRecord {
        file_name: images[0]
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        original: original_rel,
        content_hash: hash.clone(),
        importer: IMPORTER.into(),
        importer_version: 1,
        imported_at: crate::notes::model::now_rfc3339(),
        part: 0,
        repairs,
    };
    let base = format!("my-{}", crate::corpus::user::slug(&title));
    let id = match write_document(&dir, &base, taken, &meta, &doc, record, mode) {
        Ok(id) => id,
        Err(e) => return refused(e),
    };
    taken.insert(id.clone());
    // The words' boxes (the photographs are linked to the text like a PDF's pages) and the
    // words the OCR was unsure of; not kept, they are only missing from the window.
    if !boxes.is_empty() {
        let kept = crate::facsimile::TextBoxes {
            boxes,
            text_hash: crate::facsimile::text_hash(&doc.text),
        };
        let _ = crate::facsimile::store::write_boxes(
            &crate::facsimile::store::boxes_file(&dir, &id),
            &kept,
        );
    }
    if !uncertain.is_empty() {
        let layout_file = dir.join(format!("{id}.layout.ron"));
        if let Some(mut layout) = super::store::read_layout(&layout_file) {
            layout.uncertain = uncertain;
            if let Ok(text) = ron::ser::to_string(&layout) {
                let _ = crate::files::write_atomic(&layout_file, text.as_bytes(), mode);
            }
        }
    }
    let batch = ImportBatch {
        file_name: title.clone(),
        content_hash: hash,
        importer: IMPORTER.into(),
        documents: vec![id.clone()],
    };
    let text =
        ron::ser::to_string_pretty(&batch, ron::ser::PrettyConfig::new()).unwrap_or_default();
    if let Err(e) = crate::files::create_new_atomic(&batch_file, text.as_bytes(), mode) {
        return refused(format!("{}: cannot be written: {e}", batch_file.display()));
    }
    FileOutcome::Added(vec![Added {
        id,
        title,
        pages: kept.len(),
        source_file: images[0].parent().unwrap_or(Path::new(".")).to_path_buf(),
    }])
}
