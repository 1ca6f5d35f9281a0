//! `readingroom notes add|list`.

use super::{NotesAction, Outcome, unknown_document};
use crate::Workspace;
use crate::notes::anchor_memo::AnchorMemo;
use crate::notes::model::{Annotation, new_id, now_rfc3339, text_target};
use crate::notes::{NotebookFile, paths};
use crate::search::FoldedText;
use std::path::Path;

pub(super) fn run(ws: &Workspace, action: &NotesAction, data_dir: Option<&Path>) -> Outcome {
    match action {
        NotesAction::Add {
            notebook,
            doc,
            quote,
            occurrence,
            tags,
            note,
            author,
        } => {
            let path = notebook
                .clone()
                .unwrap_or_else(|| paths::default_notebook(data_dir));
            add(ws, &path, doc, quote, *occurrence, tags, note, author)
        }
        NotesAction::List { notebook, json } => {
            let path = notebook
                .clone()
                .unwrap_or_else(|| paths::default_notebook(data_dir));
            list(ws, &path, *json)
        }
        NotesAction::Restore {
            notebook,
            list: _,
            version,
        } => {
            let path = notebook
                .clone()
                .unwrap_or_else(|| paths::default_notebook(data_dir));
            restore(&path, version.as_deref())
        }
    }
}

/// Opens a notebook a command will write to, or the message that it cannot (unreadable, or
/// read-only): `what` says what did not happen.
pub(super) fn open_for_writing(path: &Path, what: &str) -> Result<NotebookFile, Outcome> {
    let file = NotebookFile::open(path).map_err(|e| {
        Outcome::usage(format!(
            "error: {what}: cannot read the notebook, so it was left untouched: {e}\n"
        ))
    })?;
    match &file.read_only {
        Some(reason) => Err(Outcome::usage(format!(
            "error: {what} and the notebook is untouched: {}: {reason}\n",
            path.display()
        ))),
        None => Ok(file),
    }
}

/// Text from a notebook made safe for a terminal: control characters (ANSI escapes, carriage
/// returns, bells) shown escaped, never sent raw.
pub(super) fn terminal_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

/// One note as `notes list --json` prints it (fields in alphabetical order, as always).
#[derive(serde::Serialize)]
struct ListedNote<'a> {
    author: &'a str,
    created: &'a str,
    doc: Option<&'a str>,
    end: Option<usize>,
    id: &'a str,
    modified: &'a str,
    note: &'a str,
    /// The note's further passages (a note on a pair has one); absent for a single passage.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other_passages: Vec<ListedPassage<'a>>,
    quote: Option<&'a str>,
    score: f64,
    start: Option<usize>,
    status: crate::notes::AnchorStatus,
    tags: &'a [String],
}

/// A further passage of a note, as `notes list --json` prints it.
#[derive(serde::Serialize)]
struct ListedPassage<'a> {
    doc: Option<&'a str>,
    end: Option<usize>,
    quote: Option<&'a str>,
    start: Option<usize>,
    status: crate::notes::AnchorStatus,
}

impl<'a> ListedPassage<'a> {
    fn of(target: &'a crate::notes::Target, an: &crate::notes::Anchored) -> ListedPassage<'a> {
        let placed = an.status != crate::notes::AnchorStatus::Orphan;
        ListedPassage {
            doc: target.doc(),
            end: placed.then_some(an.end),
            quote: target.quote(),
            start: placed.then_some(an.start),
            status: an.status,
        }
    }
}

/// `notes restore`: the versions of a notebook, or one of them put back.
fn restore(path: &Path, version: Option<&str>) -> Outcome {
    let versions = match crate::notes::history::list(path) {
        Ok(v) => v,
        Err(e) => return Outcome::failure(format!("error: {}: {e}\n", path.display())),
    };
    if versions.is_empty() {
        return Outcome::usage(format!("error: {} has no saved versions\n", path.display()));
    }
    let Some(wanted) = version else {
        let mut s = String::new();
        for (i, v) in versions.iter().enumerate() {
            let notes = crate::notes::store::read_file(&v.path).map_or_else(
                |_| "unreadable".to_string(),
                |p| format!("{} notes", p.notebook.annotations.len()),
            );
            s.push_str(&format!(
                "{:>3}  {}  {:>10} bytes  {notes}\n",
                i + 1,
                v.saved,
                v.size
            ));
        }
        s.push_str("restore one with: readingroom notes restore --notebook FILE NUMBER\n");
        return Outcome::ok(s);
    };
    let chosen = match wanted.parse::<usize>() {
        Ok(n) => n.checked_sub(1).and_then(|i| versions.get(i)),
        Err(_) => versions.iter().find(|v| v.saved.starts_with(wanted)),
    };
    let Some(v) = chosen else {
        return Outcome::usage(format!(
            "error: no version {wanted:?}; there are {} (1 = newest; see --list)\n",
            versions.len()
        ));
    };
    match crate::notes::store::restore_file(path, v) {
        Ok(n) => Outcome::ok(format!(
            "restored the version of {} ({n} notes); the state before is kept in the history\n",
            v.saved
        )),
        Err(e) => Outcome::failure(format!("error: nothing was restored: {e}\n")),
    }
}

/// Char ranges where `quote` occurs in `text`: exactly, or else ignoring case, accents and
/// curly quotes.
fn occurrences(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let exact: Vec<(usize, usize)> = text
        .match_indices(quote)
        .map(|(b, m)| {
            let s = text[..b].chars().count();
            (s, s + m.chars().count())
        })
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let folded = FoldedText::new(text);
    let q = crate::search::fold(quote);
    if q.is_empty() {
        return Vec::new();
    }
    folded
        .folded
        .match_indices(q.as_str())
        .map(|(b, m)| (folded.to_original(b).1, folded.to_original(b + m.len()).1))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn add(
    ws: &Workspace,
    path: &Path,
    doc_id: &str,
    quote: &str,
    occurrence: usize,
    tags: &[String],
    note: &str,
    author: &str,
) -> Outcome {
    let Some(doc) = ws.corpus.get(doc_id) else {
        return unknown_document(ws, doc_id);
    };
    let found = occurrences(&doc.text, quote);
    if found.is_empty() {
        return Outcome::usage(format!(
            "error: the quote is not in document {doc_id:?}; nothing was written\n"
        ));
    }
    let Some(&(start, end)) = occurrence.checked_sub(1).and_then(|i| found.get(i)) else {
        return Outcome::usage(format!(
            "error: --occurrence {occurrence}: the quote occurs {} time(s) in {doc_id:?}; nothing was written\n",
            found.len()
        ));
    };
    let mut file = match open_for_writing(path, "the note was not added") {
        Ok(f) => f,
        Err(refused) => return refused,
    };
    if quote.chars().count() > crate::notes::model::MAX_QUOTE_CHARS
        || note.chars().count() > crate::notes::model::MAX_NOTE_CHARS
    {
        return Outcome::usage(format!(
            "error: a note may quote at most {} and say at most {} characters; nothing was written\n",
            crate::notes::model::MAX_QUOTE_CHARS,
            crate::notes::model::MAX_NOTE_CHARS
        ));
    }
    let now = now_rfc3339();
    let annotation = Annotation {
        id: new_id(),
        target: text_target(doc_id, &doc.text, start, end),
        note: note.to_string(),
        tags: tags.to_vec(),
        author: author.to_string(),
        created: now.clone(),
        modified: now,
        conflict_of: None,
        other_targets: Vec::new(),
    };
    let id = annotation.id.clone();
    file.notebook.add(annotation);
    match file.save() {
        // Printed only now: the file is renamed into place and the folder synced.
        Ok(report) => Outcome {
            stdout: format!("{id}\n"),
            stderr: if report.merged {
                format!("note: {report}\n")
            } else {
                String::new()
            },
            status: 0,
        },
        Err(e) => Outcome::failure(format!(
            "error: the note was not saved; the notebook on disk is unchanged: {e}\n"
        )),
    }
}

/// Opens a notebook that must exist and places every note (by id, one place per target).
/// Placements are remembered beside the notebook, so an unchanged note is not searched again.
pub(super) fn open_placed(
    ws: &Workspace,
    path: &Path,
) -> Result<
    (
        NotebookFile,
        std::collections::HashMap<String, Vec<crate::notes::Anchored>>,
    ),
    Outcome,
> {
    if !path.exists() {
        return Err(Outcome::usage(format!(
            "error: no notebook at {}\n",
            path.display()
        )));
    }
    let file = NotebookFile::open(path).map_err(|e| Outcome::usage(format!("error: {e}\n")))?;
    let memo_path = AnchorMemo::path_for(path);
    let mut memo = AnchorMemo::load(&memo_path);
    let anchors = memo.anchor_all(&ws.corpus, &file.notebook);
    // Only a cache: failing to write it changes nothing.
    let _ = memo.save(&memo_path);
    Ok((file, anchors))
}

fn list(ws: &Workspace, path: &Path, as_json: bool) -> Outcome {
    let (file, anchors) = match open_placed(ws, path) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let rows: Vec<_> = file
        .notebook
        .annotations
        .iter()
        .map(|a| {
            // One place per target, whatever the map holds (two notes may share an id).
            let mut places = anchors.get(&a.id).cloned().unwrap_or_default();
            places.resize(
                a.targets().count(),
                crate::notes::Anchored::none(crate::notes::AnchorStatus::Orphan),
            );
            (a, places)
        })
        .collect();
    if as_json {
        let list: Vec<ListedNote> = rows
            .iter()
            .map(|(a, places)| {
                let an = &places[0];
                let placed = an.status != crate::notes::AnchorStatus::Orphan;
                ListedNote {
                    author: &a.author,
                    created: &a.created,
                    doc: a.target.doc(),
                    end: placed.then_some(an.end),
                    id: &a.id,
                    modified: &a.modified,
                    note: &a.note,
                    other_passages: a
                        .other_targets
                        .iter()
                        .zip(&places[1..])
                        .map(|(t, an)| ListedPassage::of(t, an))
                        .collect(),
                    quote: a.target.quote(),
                    score: an.score,
                    start: placed.then_some(an.start),
                    status: an.status,
                    tags: &a.tags,
                }
            })
            .collect();
        let text = serde_json::to_string_pretty(&list).unwrap_or_default();
        return Outcome::ok(text + "\n");
    }
    let mut s = String::new();
    for (a, places) in &rows {
        let status = |an: &crate::notes::Anchored| {
            serde_json::to_value(an.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        s.push_str(&format!(
            "{}  {:<10}  {}  “{}”  {}\n",
            terminal_safe(&a.id),
            status(&places[0]),
            terminal_safe(a.target.doc().unwrap_or("(memo)")),
            terminal_safe(a.target.quote().unwrap_or("")),
            terminal_safe(&a.note)
        ));
        // A note on several passages: each further one on a line of its own, under it.
        for (t, an) in a.other_targets.iter().zip(&places[1..]) {
            s.push_str(&format!(
                "  and on  {:<10}  {}  “{}”\n",
                status(an),
                terminal_safe(t.doc().unwrap_or("(memo)")),
                terminal_safe(t.quote().unwrap_or(""))
            ));
        }
    }
    s.push_str(&format!("{} notes\n", rows.len()));
    Outcome::ok(s)
}
