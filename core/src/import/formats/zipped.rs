//! Reading the parts of a zipped document (DOCX, ODT) with caps: entries counted, each part's
//! size checked against what is actually inflated (never what the archive claims), only
//! stored and deflated entries, no encrypted ones.

use crate::import::ImportError;
use std::io::Read;

/// Most entries a zipped document may have.
pub const MAX_ENTRIES: usize = 10_000;
/// Largest part inflated.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes inflated from one file, all parts together.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// An opened zipped document.
pub struct Zipped<'a> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    inflated: u64,
    what: &'static str,
}

impl<'a> Zipped<'a> {
    /// Opens the archive; `what` names the format in messages ("Word document").
    pub fn open(bytes: &'a [u8], what: &'static str) -> Result<Zipped<'a>, ImportError> {
        // Word and LibreOffice wrap a password-protected document in an OLE compound file.
        if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
            return Err(ImportError::Encrypted(format!(
                "this {what} is password-protected (or an old binary .doc); save an unprotected .docx or .odt and import that"
            )));
        }
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            ImportError::Damaged(format!("this {what} is damaged (not a readable zip: {e})"))
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(ImportError::TooLarge(format!(
                "this {what} has {} parts; at most {MAX_ENTRIES} are read",
                archive.len()
            )));
        }
        Ok(Zipped {
            archive,
            inflated: 0,
            what,
        })
    }

    /// A part as UTF-8 text; None when it is not there.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        let what = self.what;
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let mut file = self.archive.by_index(index).map_err(|e| {
            let message = e.to_string();
            if message.to_lowercase().contains("password") || message.contains("ncrypt") {
                ImportError::Encrypted(format!(
                    "this {what} is password-protected; save an unprotected copy and import that"
                ))
            } else {
                ImportError::Damaged(format!("this {what} is damaged ({name}: {e})"))
            }
        })?;
        if file.encrypted() {
            return Err(ImportError::Encrypted(format!(
                "this {what} is password-protected; save an unprotected copy and import that"
            )));
        }
        if !matches!(
            file.compression(),
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
        ) {
            return Err(ImportError::Damaged(format!(
                "this {what} stores {name} with compression {:?}; only stored and deflated parts are read",
                file.compression()
            )));
        }
        let budget = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.inflated));
        let mut bytes = Vec::new();
        (&mut file)
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ImportError::Damaged(format!("this {what} is damaged ({name}: {e})")))?;
        if bytes.len() as u64 > budget {
            return Err(ImportError::TooLarge(format!(
                "{name} in this {what} inflates to more than {budget} bytes (a zip bomb, or a document too large to import)"
            )));
        }
        self.inflated += bytes.len() as u64;
        let text = String::from_utf8(bytes).map_err(|e| {
            ImportError::Damaged(format!(
                "this {what} is damaged ({name} is not UTF-8 at byte {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        Ok(Some(text))
    }

    /// A part that must be there.
    pub fn required(&mut self, name: &str) -> Result<String, ImportError> {
        let what = self.what;
        self.text(name)?.ok_or_else(|| {
            ImportError::Damaged(format!("this {what} has no {name}; is it really a {what}?"))
        })
    }
}
