//! Correcting the text of a researcher's document (an OCR error, a misread word) passage by
//! passage, checked against the original beside it: the text file is rewritten, the offsets of
//! what the importer kept beside it (pages, styles, footnotes, tagged names) follow, and every
//! correction is logged in `<id>.corrections.ron` (when, by whom, where, the words before and
//! after). The last one can be undone, which is logged too. Notes are not touched: they
//! re-anchor on their quotes, and those that cannot be placed are listed as orphans.

use super::store::{ImportedLayout, documents_dir, read_layout};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Longest passage corrected at once, in chars (old or new).
pub const MAX_CORRECTION_CHARS: usize = 20_000;
/// Largest log read.
const MAX_LOG_BYTES: u64 = 64 * 1024 * 1024;
/// Largest text read.
const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;

/// One correction of a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who.
    #[serde(default)]
    pub author: String,
    /// Char offset where the passage began.
    pub start: usize,
    /// The passage before.
    pub old: String,
    /// The passage after.
    pub new: String,
    /// It undid the correction made at this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
}

/// The log of a document's corrections.
pub fn log_file(data_dir: &Path, id: &str) -> PathBuf {
    documents_dir(data_dir).join(format!("{id}.corrections.ron"))
}

/// The corrections made to a document, oldest first (none when there is no log).
pub fn read_log(data_dir: &Path, id: &str) -> Result<Vec<Correction>, String> {
    let file = log_file(data_dir, id);
    if !file.exists() {
        return Ok(Vec::new());
    }
    let bytes = crate::files::read_regular(&file, MAX_LOG_BYTES)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| format!("{}: not UTF-8", file.display()))?;
    ron::from_str(text).map_err(|e| {
        format!(
            "{}: line {}: {}; the log was left as it is",
            file.display(),
            e.span.start.line,
            e.code
        )
    })
}

/// Replaces the chars `[start, end)` of document `id`'s text with `new`, if they still read
/// `old`; logs it. Only the researcher's own documents (the paper's are copied to edit first).
pub fn correct(
    data_dir: &Path,
    id: &str,
    start: usize,
    old: &str,
    new: &str,
    author: &str,
) -> Result<Correction, String> {
    apply(data_dir, id, start, old, new, author, None)
}

/// Undoes the last correction of document `id` that is not already undone (logged as a
/// correction that undoes it); None when there is nothing to undo.
pub fn undo_last(data_dir: &Path, id: &str, author: &str) -> Result<Option<Correction>, String> {
    let log = read_log(data_dir, id)?;
    let Some(last) = last_standing(&log) else {
        return Ok(None);
    };
    // The latest correction still standing: every later one was undone, so its passage is
    // where it was left.
    apply(
        data_dir,
        id,
        last.start,
        &last.new,
        &last.old,
        author,
        Some(last.at.clone()),
    )
    .map(Some)
}

/// The latest correction of a log that was not undone (what Undo takes back), if any.
pub fn last_standing(log: &[Correction]) -> Option<&Correction> {
    let undone: std::collections::HashSet<&str> =
        log.iter().filter_map(|c| c.undoes.as_deref()).collect();
    log.iter()
        .rev()
        .find(|c| c.undoes.is_none() && !undone.contains(c.at.as_str()))
}

fn apply(
    data_dir: &Path,
    id: &str,
    start: usize,
    old: &str,
    new: &str,
    author: &str,
    undoes: Option<String>,
) -> Result<Correction, String> {
    let dir = documents_dir(data_dir);
    if id.is_empty()
        || id.contains(['/', '\\'])
        || id.starts_with('.')
        || !dir.join(format!("{id}.ron")).is_file()
    {
        return Err(format!(
            "{id}: not one of your documents (copy one of the paper's to edit it first)"
        ));
    }
    let (old_len, new_len) = (old.chars().count(), new.chars().count());
    if old_len.max(new_len) > MAX_CORRECTION_CHARS {
        return Err(format!(
            "a correction may change at most {MAX_CORRECTION_CHARS} characters at once"
        ));
    }
    if old == new {
        return Err("the passage is unchanged".into());
    }
    let text_path = dir.join(format!("{id}.txt"));
    let bytes = crate::files::read_regular(&text_path, MAX_TEXT_BYTES)
        .map_err(|e| format!("{}: {e}", text_path.display()))?;
    let body = String::from_utf8(bytes)
        .map_err(|_| format!("{}: not UTF-8; left as it is", text_path.display()))?;
    let text = body.strip_suffix('\n').unwrap_or(&body);
    let chars: Vec<char> = text.chars().collect();
    let end = start + old_len;
    if end > chars.len() || chars[start..end].iter().collect::<String>() != old {
        return Err(
            "the text there is not what was selected any more (it changed since); nothing was changed"
                .into(),
        );
    }
    let corrected: String = chars[..start]
        .iter()
        .chain(new.chars().collect::<Vec<_>>().iter())
        .chain(chars[end..].iter())
        .collect();
    let correction = Correction {
        at: crate::notes::model::now_rfc3339(),
        author: author.to_string(),
        start,
        old: old.to_string(),
        new: new.to_string(),
        undoes,
    };
    // The log first (a correction never goes unrecorded), then the layout, then the text.
    let mut log = read_log(data_dir, id)?;
    log.push(correction.clone());
    let log_text = ron::ser::to_string_pretty(&log, ron::ser::PrettyConfig::new())
        .map_err(|e| e.to_string())?;
    let mode = super::store::source_mode(&text_path);
    let log_path = log_file(data_dir, id);
    crate::files::write_atomic(&log_path, log_text.as_bytes(), mode)
        .map_err(|e| format!("{}: {e}", log_path.display()))?;
    let layout_path = dir.join(format!("{id}.layout.ron"));
    if layout_path.exists() {
        let mut layout = read_layout(&layout_path).ok_or_else(|| {
            format!(
                "{}: cannot be read; nothing was changed",
                layout_path.display()
            )
        })?;
        shift(&mut layout, start, end, new_len);
        let layout_text = ron::ser::to_string(&layout).map_err(|e| e.to_string())?;
        crate::files::write_atomic(&layout_path, layout_text.as_bytes(), mode)
            .map_err(|e| format!("{}: {e}", layout_path.display()))?;
    }
    crate::files::write_atomic(&text_path, format!("{corrected}\n").as_bytes(), mode)
        .map_err(|e| format!("{}: {e}", text_path.display()))?;
    Ok(correction)
}

/// Moves the offsets kept beside the text for `[start, end)` replaced by `new_len` chars:
/// after the passage by the difference, inside it to its bounds.
fn shift(layout: &mut ImportedLayout, start: usize, end: usize, new_len: usize) {
    let new_end = start + new_len;
    let at = |x: usize| {
        if x >= end {
            x - end + new_end
        } else if x > start {
            x.min(new_end)
        } else {
            x
        }
    };
    for p in &mut layout.pages {
        p.at = at(p.at);
    }
    for s in &mut layout.styles {
        (s.start, s.end) = (at(s.start), at(s.end));
    }
    layout.styles.retain(|s| s.start < s.end);
    for n in &mut layout.notes {
        n.at = at(n.at);
    }
    for n in &mut layout.names {
        (n.start, n.end) = (at(n.start), at(n.end));
    }
    layout.names.retain(|n| n.start < n.end);
    // The words the OCR was unsure of in the corrected passage were checked: no longer marked.
    layout.uncertain.retain(|&(s, e)| e <= start || s >= end);
    for u in &mut layout.uncertain {
        *u = (at(u.0), at(u.1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::PageStart;
    use crate::import::store::ImportRecord;

    /// A document of the researcher's with an OCR error, a page starting after it and a note
    /// marker at its end.
    fn document(data: &Path) -> String {
        let dir = documents_dir(data);
        std::fs::create_dir_all(&dir).unwrap();
        let id = "my-scan";
        std::fs::write(
            dir.join(format!("{id}.ron")),
            "(id: \"my-scan\", title: \"Scan\", short_title: \"Scan\", kind: UserDocument)",
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("{id}.txt")),
            "Castro met the Soviet arnbassador.\n\nOn the next page.\n",
        )
        .unwrap();
        let layout = ImportedLayout {
            import: ImportRecord {
                file_name: "scan.pdf".into(),
                original: "originals/x.pdf".into(),
                content_hash: "x".into(),
                importer: "pdf".into(),
                importer_version: 1,
                imported_at: String::new(),
                part: 0,
                repairs: Vec::new(),
            },
            pages: vec![
                PageStart {
                    at: 0,
                    index: 1,
                    label: "1".into(),
                },
                PageStart {
                    at: 36,
                    index: 2,
                    label: "2".into(),
                },
            ],
            styles: Vec::new(),
            notes: vec![crate::import::NoteAt {
                mark: "1".into(),
                at: 34,
                text: "A note.".into(),
            }],
            names: Vec::new(),
            uncertain: Vec::new(),
        };
        std::fs::write(
            dir.join(format!("{id}.layout.ron")),
            ron::ser::to_string(&layout).unwrap(),
        )
        .unwrap();
        id.into()
    }

    #[test]
    fn a_correction_moves_what_follows_is_logged_and_undone() {
        let data = tempfile::tempdir().unwrap();
        let id = document(data.path());
        let dir = documents_dir(data.path());
        let text = || std::fs::read_to_string(dir.join(format!("{id}.txt"))).unwrap();
        let before = text();
        let layout_before = std::fs::read_to_string(dir.join(format!("{id}.layout.ron"))).unwrap();
        // "arnbassador" (rn misread for m) at 22..33.
        let c = correct(data.path(), &id, 22, "arnbassador", "ambassador", "Ana").unwrap();
        assert_eq!(c.old, "arnbassador");
        assert_eq!(
            text(),
            "Castro met the Soviet ambassador.\n\nOn the next page.\n"
        );
        let layout = read_layout(&dir.join(format!("{id}.layout.ron"))).unwrap();
        assert_eq!(
            layout.pages[1].at, 35,
            "the next page begins a char earlier"
        );
        assert_eq!(layout.notes[0].at, 33);
        let log = read_log(data.path(), &id).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].author, "Ana");
        // A correction of text that is not there any more changes nothing.
        let err = correct(data.path(), &id, 22, "arnbassador", "x", "Ana").unwrap_err();
        assert!(err.contains("not what was selected"), "{err}");
        // Undo: the text and the layout as they were, and the undo logged.
        let undo = undo_last(data.path(), &id, "Ana").unwrap().unwrap();
        assert_eq!(undo.undoes.as_deref(), Some(c.at.as_str()));
        assert_eq!(text(), before);
        let layout_after = std::fs::read_to_string(dir.join(format!("{id}.layout.ron"))).unwrap();
        assert_eq!(
            read_layout(&dir.join(format!("{id}.layout.ron"))).unwrap(),
            ron::from_str::<ImportedLayout>(&layout_before).unwrap(),
            "{layout_after}"
        );
        assert_eq!(read_log(data.path(), &id).unwrap().len(), 2);
        // Nothing left to undo.
        assert_eq!(undo_last(data.path(), &id, "Ana").unwrap(), None);
    }

    #[test]
    fn only_your_own_documents_are_corrected() {
        let data = tempfile::tempdir().unwrap();
        document(data.path());
        for id in ["1960-09-20-khrushchev", "../my-scan", ""] {
            let err = correct(data.path(), id, 0, "C", "K", "").unwrap_err();
            assert!(err.contains("not one of your documents"), "{id}: {err}");
        }
    }
}
