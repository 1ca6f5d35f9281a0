//! A Zotero export: a BibTeX or BibLaTeX file whose entries name their attached files (`file =
//! {Full Text PDF:files/12/report.pdf:application/pdf}`, as Zotero writes it, or a plain path
//! as Better BibTeX does). Each attachment is imported with the entry's metadata: title, date,
//! author, address, archive and archival location. Attachments must lie inside the export's
//! folder: a path that leads elsewhere is skipped and said so.

use super::store::ImportOptions;
use biblatex::{Bibliography, ChunksExt};
use std::path::{Path, PathBuf};

/// Largest export read.
const MAX_BIB_BYTES: u64 = 64 * 1024 * 1024;

/// One attachment to import, with what its entry says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// The file.
    pub file: PathBuf,
    /// The options for it: the entry's title, date, author, address and citation.
    pub options: ImportOptions,
}

/// The paths a `file` field names (Zotero: `description:path:mime`, several joined by `;`).
fn file_paths(field: &str) -> Vec<String> {
    field
        .split(';')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| {
            let parts: Vec<&str> = f.split(':').collect();
            match parts.as_slice() {
                [_, path, _mime] if !path.is_empty() => path.to_string(),
                _ => f.to_string(),
            }
        })
        .map(|p| p.replace("\\:", ":").replace("\\_", "_"))
        .collect()
}

/// An entry's date as Reading Room reads dates (`date = {1961-03-04}`, or `year` and `month`).
fn entry_date(get: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    if let Some(d) = get("date") {
        let d = d.replace("--", "/");
        if crate::corpus::DocDate::parse(&d).is_ok() {
            return Some(d);
        }
    }
    let year = get("year")?;
    let month = get("month").and_then(|m| {
        const NAMES: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        m.parse::<u32>().ok().or_else(|| {
            let m = m.to_lowercase();
            NAMES
                .iter()
                .position(|n| m.starts_with(n))
                .map(|i| i as u32 + 1)
        })
    });
    let d = match month {
        Some(m) => format!("{year}-{m:02}"),
        None => year,
    };
    crate::corpus::DocDate::parse(&d).ok().map(|_| d)
}

/// "Kudryavtsev, S. M. and Roa, Raúl" → "S. M. Kudryavtsev and Raúl Roa".
fn names(field: &str) -> String {
    field
        .split(" and ")
        .map(|n| match n.split_once(", ") {
            Some((family, given)) => format!("{} {}", given.trim(), family.trim()),
            None => n.trim().to_string(),
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Files not taken, each with why.
pub type NotTaken = Vec<(PathBuf, String)>;

/// The attachments of a Zotero export, and the ones not taken, each with why.
pub fn attachments(bib: &Path) -> Result<(Vec<Attachment>, NotTaken), String> {
    let bytes = crate::files::read_regular(bib, MAX_BIB_BYTES).map_err(|e| e.to_string())?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    let parsed = Bibliography::parse(text).map_err(|e| format!("not a BibTeX file: {e}"))?;
    let folder = bib
        .parent()
        .unwrap_or(Path::new("."))
        .canonicalize()
        .map_err(|e| e.to_string())?;
    let mut taken = Vec::new();
    let mut skipped = Vec::new();
    for entry in parsed.iter() {
        let get = |key: &str| {
            entry
                .get(key)
                .map(|c| c.format_verbatim())
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|s| !s.is_empty())
        };
        let Some(field) = get("file") else {
            continue;
        };
        let archive = get("archive");
        let location = get("archive_location").or_else(|| get("archivelocation"));
        let citation = match (archive, location) {
            (Some(a), Some(l)) => Some(format!("{a}, {l}")),
            (Some(a), None) => Some(a),
            (None, Some(l)) => Some(l),
            (None, None) => None,
        };
        for path in file_paths(&field) {
            let file = folder.join(&path);
            let inside = file.canonicalize().is_ok_and(|f| f.starts_with(&folder));
            if !inside {
                skipped.push((
                    file,
                    format!(
                        "{}: the attachment of {} is outside the export's folder; not followed",
                        path, entry.key
                    ),
                ));
                continue;
            }
            taken.push(Attachment {
                file,
                options: ImportOptions {
                    title: get("title").map(|t| t.replace(['{', '}'], "")),
                    date: entry_date(&get).and_then(|d| crate::corpus::DocDate::parse(&d).ok()),
                    citation: citation.clone(),
                    author: get("author").map(|a| names(&a)),
                    url: get("url"),
                    ..ImportOptions::default()
                },
            });
        }
    }
    Ok((taken, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zotero_file_fields_and_names_read_as_zotero_writes_them() {
        assert_eq!(
            file_paths(
                "Full Text PDF:files/12/report.pdf:application/pdf;Snapshot:files/12/page.html:text/html"
            ),
            ["files/12/report.pdf", "files/12/page.html"]
        );
        assert_eq!(file_paths("files/3/memo.docx"), ["files/3/memo.docx"]);
        assert_eq!(
            names("Kudryavtsev, S. M. and Roa, Raúl"),
            "S. M. Kudryavtsev and Raúl Roa"
        );
    }
}
