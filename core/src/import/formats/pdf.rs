//! PDFs with a text layer (born-digital, or scans made searchable by OCR): the text of each
//! page in reading order (pdf-extract, chosen by measurement: docs/IMPORT.md), the pages as page
//! markers with the document's own page labels (so a citation says p. 14 where the printed
//! page says 14), and the repairs of [`crate::import::repairs`]. Title and author come from the
//! document information dictionary.
//!
//! pdf-extract can panic or run long on a broken file; the app runs it in the isolated worker
//! ([`crate::import::isolated`]), and a panic here is caught and reported as damage.

use crate::import::repairs::{RawPage, join_pages};
use crate::import::{Extracted, FoundMeta, ImportError, Importer};
use lopdf::{Document, Object};

/// The PDF importer.
pub struct Pdf;

/// Most pages read from one PDF.
pub const MAX_PAGES: usize = 5_000;

impl Importer for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }
    fn version(&self) -> u32 {
        1
    }
    fn label(&self) -> &'static str {
        "PDF"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }
    fn sniff(&self, head: &[u8]) -> bool {
        head.get(..1024)
            .unwrap_or(head)
            .windows(5)
            .any(|w| w == b"%PDF-")
    }
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
        // lopdf and pdf-extract may panic on a broken file: that is damage, not a crash.
        std::panic::catch_unwind(|| extract_pdf(bytes)).unwrap_or_else(|_| {
            Err(ImportError::Damaged(
                "this PDF could not be read (its text extractor failed on it)".into(),
            ))
        })
    }
}

/// The PDF's pages, repaired, as one document.
fn extract_pdf(bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
    let doc = Document::load_mem(bytes)
        .map_err(|e| ImportError::Damaged(format!("this PDF is damaged or truncated ({e})")))?;
    if doc.is_encrypted() {
        // An empty user password (only printing or copying restricted) still opens.
        let mut copy = doc.clone();
        if copy.decrypt("").is_err() {
            return Err(ImportError::Encrypted(
                "this PDF is password-protected; save an unprotected copy (or print it to PDF) and import that".into(),
            ));
        }
    }
    let page_count = doc.get_pages().len();
    if page_count > MAX_PAGES {
        return Err(ImportError::TooLarge(format!(
            "this PDF has {page_count} pages; at most {MAX_PAGES} are imported from one file"
        )));
    }
    let labels = page_labels(&doc, page_count);
    let meta = info(&doc);
    let texts = pdf_extract::extract_text_from_mem_by_pages(bytes)
        .map_err(|e| ImportError::Damaged(format!("this PDF could not be read ({e})")))?;
    if texts.iter().all(|t| t.trim().is_empty()) {
        return Err(ImportError::NoText(
            "this PDF has no text; run OCR first (e.g. ocrmypdf)".into(),
        ));
    }
    let pages: Vec<RawPage> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| RawPage {
            label: labels
                .get(i)
                .cloned()
                .unwrap_or_else(|| (i + 1).to_string()),
            text,
        })
        .collect();
    let mut d = join_pages(&pages);
    d.meta = meta;
    Ok(vec![d])
}

/// A text string of the PDF (PDFDocEncoding or UTF-16 with a byte-order mark).
fn pdf_string(o: &Object) -> Option<String> {
    let Object::String(bytes, _) = o else {
        return None;
    };
    let s = if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_string()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn info(doc: &Document) -> FoundMeta {
    let mut m = FoundMeta::default();
    let Ok(info) = doc.trailer.get(b"Info") else {
        return m;
    };
    let Ok((_, Object::Dictionary(info))) = doc.dereference(info) else {
        return m;
    };
    let field = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| pdf_string(o))
    };
    m.title = field(b"Title");
    m.author = field(b"Author");
    m
}

fn roman(mut n: u32, upper: bool) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v && s.len() < 64 {
            s.push_str(r);
            n -= v;
        }
    }
    if upper { s.to_uppercase() } else { s }
}

fn letters(n: u32, upper: bool) -> String {
    // a..z, then aa..zz, and so on (PDF 32000-1, 12.4.2).
    let n = n.max(1) - 1;
    let c = (b'a' + (n % 26) as u8) as char;
    let s: String = std::iter::repeat_n(c, (n / 26 + 1).min(64) as usize).collect();
    if upper { s.to_uppercase() } else { s }
}

/// The label of every page, from the catalog's `/PageLabels` number tree (PDF 32000-1, 12.4.2);
/// pages without one are numbered from 1.
pub fn page_labels(doc: &Document, page_count: usize) -> Vec<String> {
    let mut ranges: Vec<(usize, Option<Vec<u8>>, String, u32)> = Vec::new();
    let tree = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"PageLabels").ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    if let Some(tree) = tree {
        let mut stack = vec![(tree.clone(), 0usize)];
        let mut visited = 0;
        while let Some((node, depth)) = stack.pop() {
            visited += 1;
            if visited > 10_000 || depth > 32 {
                break;
            }
            if let Ok(nums) = node.get(b"Nums").and_then(|o| o.as_array()) {
                for pair in nums.chunks_exact(2) {
                    let Ok(start) = pair[0].as_i64() else {
                        continue;
                    };
                    let Ok((_, label)) = doc.dereference(&pair[1]) else {
                        continue;
                    };
                    let Ok(label) = label.as_dict() else { continue };
                    let style = label
                        .get(b"S")
                        .ok()
                        .and_then(|s| s.as_name().ok())
                        .map(<[u8]>::to_vec);
                    let prefix = label
                        .get(b"P")
                        .ok()
                        .and_then(pdf_string)
                        .unwrap_or_default();
                    let first = label
                        .get(b"St")
                        .ok()
                        .and_then(|s| s.as_i64().ok())
                        .unwrap_or(1)
                        .clamp(1, 1_000_000) as u32;
                    if start >= 0 {
                        ranges.push((start as usize, style, prefix, first));
                    }
                }
            }
            if let Ok(kids) = node.get(b"Kids").and_then(|o| o.as_array()) {
                for kid in kids {
                    if let Ok((_, Object::Dictionary(d))) = doc.dereference(kid) {
                        stack.push((d.clone(), depth + 1));
                    }
                }
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    (0..page_count)
        .map(|page| {
            let Some((start, style, prefix, first)) = ranges.iter().rev().find(|r| r.0 <= page)
            else {
                return (page + 1).to_string();
            };
            let n = first + (page - start) as u32;
            let number = match style.as_deref() {
                Some(b"D") => n.to_string(),
                Some(b"r") => roman(n, false),
                Some(b"R") => roman(n, true),
                Some(b"a") => letters(n, false),
                Some(b"A") => letters(n, true),
                _ => String::new(),
            };
            format!("{prefix}{number}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_styles() {
        assert_eq!(roman(14, false), "xiv");
        assert_eq!(roman(1999, true), "MCMXCIX");
        assert_eq!(letters(1, false), "a");
        assert_eq!(letters(28, true), "BB");
    }

    #[test]
    fn damaged_bytes_are_refused_not_panicked_on() {
        assert!(matches!(
            Pdf.extract(b"%PDF-1.4\n garbage"),
            Err(ImportError::Damaged(_))
        ));
        assert!(matches!(Pdf.extract(b""), Err(ImportError::Damaged(_))));
    }
}
