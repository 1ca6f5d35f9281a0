//! A Zotero export as CSL-JSON plus the folder of its files. CSL-JSON names no attachments, so
//! each file of the export's folder is matched to the item it belongs to: by a path the item
//! gives (`file`, as some exporters write), by its citation key (Better BibTeX names files
//! that way), or by its title, which Zotero writes into the names of the files it renames
//! ("Kudryavtsev - 1961 - Record of conversation.pdf"). Each file matched is imported with its
//! item's title, date, author, address, archive and archival location; an item no file matches
//! is reported; files outside the export's folder are never followed.

use super::store::ImportOptions;
use super::zotero::{Attachment, NotTaken};
use crate::corpus::DocDate;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Largest export read.
const MAX_CSL_BYTES: u64 = 64 * 1024 * 1024;
/// Most items read from one export.
const MAX_ITEMS: usize = 100_000;
/// The words of a title a file name must hold to be matched by title.
const TITLE_WORDS: usize = 6;

/// Whether a `.json` file looks like a CSL-JSON export (an array of items with a type).
pub fn looks_like_csl_json(path: &Path) -> bool {
    let Ok(bytes) = crate::files::read_regular(path, MAX_CSL_BYTES) else {
        return false;
    };
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| bytes[i]);
    if start != Some(b'[') {
        return false;
    }
    match serde_json::from_slice::<Vec<Value>>(&bytes) {
        Ok(items) => items.first().is_some_and(|i| i.get("type").is_some()),
        Err(_) => false,
    }
}

/// Lowercase letters and digits, words separated by one space ("Record of Conversation:
/// F. Castro" → "record of conversation f castro").
fn words(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn text(item: &Value, key: &str) -> Option<String> {
    item.get(key)
        .and_then(Value::as_str)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// A CSL date (`{"date-parts": [[1961, 6, 22]]}`, two parts for a range, `circa`, or `raw`)
/// as a Reading Room date.
fn csl_date(date: &Value) -> Option<DocDate> {
    let point = |parts: &Value| -> Option<String> {
        let p: Vec<i64> = parts
            .as_array()?
            .iter()
            .filter_map(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
            .collect();
        match p.as_slice() {
            [y] => Some(format!("{y:04}")),
            [y, m] => Some(format!("{y:04}-{m:02}")),
            [y, m, d, ..] => Some(format!("{y:04}-{m:02}-{d:02}")),
            [] => None,
        }
    };
    let written = match date.get("date-parts").and_then(Value::as_array) {
        Some(parts) => {
            let ends: Vec<String> = parts.iter().filter_map(point).collect();
            match ends.as_slice() {
                [one] => one.clone(),
                [first, last, ..] if first != last => format!("{first}/{last}"),
                [first, ..] => first.clone(),
                [] => return None,
            }
        }
        None => text(date, "raw")?,
    };
    let circa = date
        .get("circa")
        .is_some_and(|c| c.as_bool().unwrap_or(false) || c.as_i64().is_some_and(|n| n != 0));
    let written = if circa && !written.contains('/') {
        format!("{written}~")
    } else {
        written
    };
    DocDate::parse(&written).ok()
}

/// CSL names (`[{"family": "Kudryavtsev", "given": "S. M."}, {"literal": "CC CPSU"}]`) as one
/// line: "S. M. Kudryavtsev and CC CPSU".
fn csl_names(names: &Value) -> Option<String> {
    let names: Vec<String> = names
        .as_array()?
        .iter()
        .filter_map(|n| {
            if let Some(l) = text(n, "literal") {
                return Some(l);
            }
            match (text(n, "given"), text(n, "family")) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (None, Some(f)) => Some(f),
                (Some(g), None) => Some(g),
                (None, None) => None,
            }
        })
        .collect();
    (!names.is_empty()).then(|| names.join(" and "))
}

/// What an item says about the document it describes.
fn options(item: &Value) -> ImportOptions {
    let archive = text(item, "archive");
    let location = text(item, "archive_location");
    ImportOptions {
        title: text(item, "title"),
        date: item.get("issued").and_then(csl_date),
        author: item.get("author").and_then(csl_names),
        url: text(item, "URL"),
        citation: match (archive, location) {
            (Some(a), Some(l)) => Some(format!("{a}, {l}")),
            (a, l) => a.or(l),
        },
        ..ImportOptions::default()
    }
}

/// How well an item names a file: by path (3), by citation key (2), by title (1).
fn how_well(item: &Value, file: &Path, folder: &Path) -> u8 {
    let paths: Vec<String> = match item.get("file") {
        Some(Value::String(s)) => s.split(';').map(|p| p.trim().to_string()).collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    if paths
        .iter()
        .any(|p| !p.is_empty() && folder.join(p).canonicalize().ok().as_deref() == Some(file))
    {
        return 3;
    }
    let stem = file
        .file_stem()
        .map(|s| words(&s.to_string_lossy()))
        .unwrap_or_default();
    let keys = [text(item, "citation-key"), text(item, "id")];
    if keys.iter().flatten().any(|k| {
        let k = words(k.rsplit('/').next().unwrap_or(k));
        !k.is_empty() && stem == k
    }) {
        return 2;
    }
    let title = text(item, "title").map(|t| words(&t)).unwrap_or_default();
    let start: Vec<&str> = title.split(' ').take(TITLE_WORDS).collect();
    let start = start.join(" ");
    if start.len() >= 4 && format!(" {stem} ").contains(&format!(" {start} ")) {
        return 1;
    }
    0
}

/// The files of a CSL-JSON export's folder that its items describe, each with its item's
/// metadata, and what was not taken, each with why.
pub fn attachments(json: &Path, files: &[PathBuf]) -> Result<(Vec<Attachment>, NotTaken), String> {
    let bytes = crate::files::read_regular(json, MAX_CSL_BYTES).map_err(|e| e.to_string())?;
    let items: Vec<Value> = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "not a CSL-JSON export: line {}, column {}: {e}",
            e.line(),
            e.column()
        )
    })?;
    if items.len() > MAX_ITEMS {
        return Err(format!("more than {MAX_ITEMS} items in one export"));
    }
    let folder = json
        .parent()
        .unwrap_or(Path::new("."))
        .canonicalize()
        .map_err(|e| e.to_string())?;
    let mut taken = Vec::new();
    let mut not_taken = Vec::new();
    let mut used = vec![false; items.len()];
    for file in files {
        let Ok(canonical) = file.canonicalize() else {
            continue;
        };
        if !canonical.starts_with(&folder) || canonical.as_path() == json {
            continue;
        }
        let best = items
            .iter()
            .enumerate()
            .map(|(i, item)| (how_well(item, &canonical, &folder), i))
            .filter(|(score, _)| *score > 0)
            .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)));
        if let Some((_, i)) = best {
            used[i] = true;
            taken.push(Attachment {
                file: file.clone(),
                options: options(&items[i]),
            });
        }
    }
    for (item, used) in items.iter().zip(used) {
        if !used {
            let name = text(item, "title")
                .or_else(|| text(item, "id"))
                .unwrap_or_else(|| "an item without a title".into());
            not_taken.push((
                json.to_path_buf(),
                format!(
                    "{name}: no file of the export's folder is this item's; nothing imported for it"
                ),
            ));
        }
    }
    Ok((taken, not_taken))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csl_dates_ranges_circa_and_names_read_as_zotero_writes_them() {
        let d = |v: Value| csl_date(&v).map(|d| d.as_str().to_string());
        assert_eq!(
            d(json!({"date-parts": [[1961, 6, 22]]})).unwrap(),
            "1961-06-22"
        );
        assert_eq!(
            d(json!({"date-parts": [["1961", "6"]]})).unwrap(),
            "1961-06"
        );
        assert_eq!(
            d(json!({"date-parts": [[1961, 3], [1961, 6]]})).unwrap(),
            "1961-03/1961-06"
        );
        assert_eq!(
            d(json!({"date-parts": [[1961]], "circa": true})).unwrap(),
            "1961~"
        );
        assert_eq!(d(json!({"raw": "1961-02-31"})), None);
        assert_eq!(
            csl_names(
                &json!([{"family": "Kudryavtsev", "given": "S. M."}, {"literal": "CC CPSU"}])
            )
            .unwrap(),
            "S. M. Kudryavtsev and CC CPSU"
        );
        assert_eq!(
            words("Record of Conversation: F. Castro"),
            "record of conversation f castro"
        );
    }
}
