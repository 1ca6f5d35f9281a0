//! `readingroom query 'QUESTION'`: the notes of a notebook that answer a question (see
//! [`crate::search::notes`]), with their passages, pages and citations.

use super::Outcome;
use super::notes::terminal_safe;
use crate::Workspace;
use crate::search::notes::{NoteOrder, ask};
use std::path::Path;

/// One answer as `query --json` prints it (fields in alphabetical order, as always).
#[derive(serde::Serialize)]
struct Answer<'a> {
    author: &'a str,
    citation: Option<String>,
    date: Option<String>,
    doc: Option<&'a str>,
    end: Option<usize>,
    note: &'a str,
    page: Option<String>,
    quote: Option<&'a str>,
    start: Option<usize>,
    tags: &'a [String],
    text: &'a str,
}

/// Runs the question over the notebook at `path`.
pub(super) fn run(
    ws: &Workspace,
    path: &Path,
    question: &str,
    json: bool,
    by_date: bool,
) -> Outcome {
    let (file, anchors) = match super::notes::open_placed(ws, path) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let order = if by_date {
        NoteOrder::Date
    } else {
        NoteOrder::Document
    };
    let hits = match ask(ws, &file.notebook, &anchors, question, order) {
        Ok(h) => h,
        Err(e) => return Outcome::usage(format!("error: {e}\n")),
    };
    let answers: Vec<Answer> = hits
        .iter()
        .map(|h| {
            let a = &file.notebook.annotations[h.note];
            let target = a.targets().nth(h.passage).unwrap_or(&a.target);
            let doc = h.doc.map(|i| &ws.corpus.documents[i]);
            let pages = match (doc, h.range) {
                (Some(d), Some((s, e))) => d.page_range(s, e),
                _ => None,
            };
            Answer {
                author: &a.author,
                citation: doc.map(|d| {
                    crate::export::citation::plain_text(&ws.citer.cite(
                        ws,
                        d,
                        pages,
                        crate::export::cite::Position::First,
                    ))
                }),
                date: doc
                    .and_then(|d| d.meta.date.as_ref())
                    .map(|d| d.to_string()),
                doc: target.doc(),
                end: h.range.map(|r| r.1),
                note: &a.id,
                page: match (doc, h.range) {
                    (Some(d), Some((s, _))) => d.page_label_at(s),
                    _ => None,
                },
                quote: target.quote(),
                start: h.range.map(|r| r.0),
                tags: &a.tags,
                text: &a.note,
            }
        })
        .collect();
    if json {
        return Outcome::ok(serde_json::to_string_pretty(&answers).unwrap_or_default() + "\n");
    }
    let mut s = String::new();
    for a in &answers {
        let place = match (&a.doc, &a.page) {
            (Some(d), Some(p)) => format!("{d}, p. {p}"),
            (Some(d), None) => d.to_string(),
            _ => "(memo)".into(),
        };
        s.push_str(&format!(
            "{}  “{}”  {}  [{}]\n",
            terminal_safe(&place),
            terminal_safe(&crate::text::excerpt(a.quote.unwrap_or(""), 120)),
            terminal_safe(a.text),
            terminal_safe(&a.tags.join(", "))
        ));
    }
    s.push_str(&match answers.len() {
        1 => "1 note\n".to_string(),
        n => format!("{n} notes\n"),
    });
    Outcome::ok(s)
}

/// `readingroom cooccurrence`: the table of one axis against another, as CSV or JSON.
pub(super) fn cooccurrence(
    ws: &Workspace,
    path: &Path,
    rows: &str,
    cols: &str,
    proximity: crate::search::cooccurrence::Proximity,
    json: bool,
) -> Outcome {
    use crate::search::cooccurrence::{Axis, cooccurrence};
    let axis = |s: &str| {
        Axis::parse(s).ok_or_else(|| {
            Outcome::usage(format!(
                "error: {s:?} is not an axis; expected tags, people, present, mentioned, documents or months\n"
            ))
        })
    };
    let (rows, cols) = match (axis(rows), axis(cols)) {
        (Ok(r), Ok(c)) => (r, c),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let (file, anchors) = match super::notes::open_placed(ws, path) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let m = cooccurrence(ws, &file.notebook, &anchors, rows, cols, proximity);
    if json {
        let counts: Vec<Vec<usize>> = (0..m.rows.len())
            .map(|r| (0..m.cols.len()).map(|c| m.count(r, c)).collect())
            .collect();
        let v = serde_json::json!({"cols": m.cols, "counts": counts, "rows": m.rows});
        return Outcome::ok(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n");
    }
    Outcome::ok(m.to_csv())
}
