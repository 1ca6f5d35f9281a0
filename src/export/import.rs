//! Importing a colleague's notes: a Reading Room notebook (RON) or W3C Web Annotation JSON-LD,
//! merged without duplicates or losses. Merging is idempotent, de-duplicates by id and by
//! (document, quote, position), keeps each note's author, keeps both sides of a conflict (same
//! id, different content: the incoming one is added as a copy marked `conflict_of`), and reports
//! what it added, skipped and flagged. A malformed or hostile file is refused with a message.

use crate::Workspace;
use crate::notes::model::{Annotation, Notebook, PositionSelector, QuoteSelector, Target, new_id};
use crate::notes::store::{MAX_NOTEBOOK_BYTES, parse};
use crate::notes::{AnchorStatus, AnchorText};
use serde_json::Value;
use std::path::Path;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Notes added.
    pub added: usize,
    /// Notes already there (same id and content, or same document, quote and position).
    pub skipped: usize,
    /// Notes whose id was there with other content: both kept, the incoming one flagged.
    pub conflicts: usize,
    /// Added notes whose text could not be found (listed with the orphans).
    pub orphans: usize,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} skipped (already there), {} conflicts kept side by side, {} orphans",
            self.added, self.skipped, self.conflicts, self.orphans
        )
    }
}

/// Reads a file to import: a RON notebook, or JSON-LD (an `AnnotationCollection`, an
/// `AnnotationPage`, a list of annotations or one annotation).
pub fn read(ws: &Workspace, path: &Path) -> Result<Notebook, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.len() > MAX_NOTEBOOK_BYTES {
        return Err(format!(
            "{}: the file is {} bytes; imports are limited to {MAX_NOTEBOOK_BYTES} bytes",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{}: expected UTF-8 text", path.display()))?;
    let first = text.trim_start().chars().next();
    if matches!(first, Some('{') | Some('[')) {
        let v: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))?;
        from_json_ld(ws, &v).map_err(|e| format!("{}: {e}", path.display()))
    } else {
        parse(path, &text).map_err(|e| e.to_string())
    }
}

fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => {
            if let Some(first) = o.get("first") {
                items(first)
            } else if let Some(Value::Array(a)) = o.get("items") {
                a.iter().collect()
            } else {
                vec![v]
            }
        }
        _ => Vec::new(),
    }
}

/// Converts W3C Web Annotation JSON-LD to a notebook.
pub fn from_json_ld(ws: &Workspace, v: &Value) -> Result<Notebook, String> {
    let mut nb = Notebook::default();
    for (n, item) in items(v).into_iter().enumerate() {
        let err = |what: &str| format!("annotation {}: {what}", n + 1);
        if item.get("type").and_then(Value::as_str) != Some("Annotation") {
            return Err(err("expected \"type\": \"Annotation\""));
        }
        let id = item
            .get("id")
            .and_then(Value::as_str)
            .map(|s| s.trim_start_matches("urn:uuid:").to_string())
            .unwrap_or_else(new_id);
        let mut note = String::new();
        let mut tags = Vec::new();
        let bodies: Vec<&Value> = match item.get("body") {
            Some(Value::Array(a)) => a.iter().collect(),
            Some(b) => vec![b],
            None => Vec::new(),
        };
        for b in bodies {
            let value = b
                .get("value")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            match b.get("purpose").and_then(Value::as_str) {
                Some("tagging") => tags.push(value),
                _ => note = value,
            }
        }
        let target = match item.get("target") {
            None | Some(Value::Null) => Target::Memo,
            Some(t) => {
                let doc = t
                    .get("readingroom:document")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| {
                        let source = t.get("source").and_then(Value::as_str)?;
                        ws.corpus
                            .documents
                            .iter()
                            .find(|d| d.meta.url.as_deref() == Some(source))
                            .map(|d| d.meta.id.clone())
                            .or_else(|| {
                                source
                                    .strip_prefix("urn:readingroom:document:")
                                    .map(str::to_string)
                            })
                    })
                    .ok_or_else(|| err("the target names no document this corpus knows"))?;
                let selectors: Vec<&Value> = match t.get("selector") {
                    Some(Value::Array(a)) => a.iter().collect(),
                    Some(s) => vec![s],
                    None => Vec::new(),
                };
                let quote = selectors
                    .iter()
                    .find(|s| s.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"));
                let position = selectors.iter().find(|s| {
                    s.get("type").and_then(Value::as_str) == Some("TextPositionSelector")
                });
                match quote {
                    None => Target::Document { doc },
                    Some(q) => {
                        let s =
                            |k: &str| q.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                        let num = |k: &str| {
                            position
                                .and_then(|p| p.get(k))
                                .and_then(Value::as_u64)
                                .unwrap_or(0) as usize
                        };
                        Target::Text {
                            doc,
                            quote: QuoteSelector {
                                exact: s("exact"),
                                prefix: s("prefix"),
                                suffix: s("suffix"),
                            },
                            position: PositionSelector {
                                start: num("start"),
                                end: num("end"),
                            },
                            text_hash: String::new(),
                        }
                    }
                }
            }
        };
        let text = |k: &str| {
            item.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let author = item
            .get("creator")
            .and_then(|c| c.get("name").and_then(Value::as_str).or(c.as_str()))
            .unwrap_or("")
            .to_string();
        nb.add(Annotation {
            id,
            target,
            note,
            tags,
            author,
            created: text("created"),
            modified: text("modified"),
            conflict_of: None,
        });
    }
    Ok(nb)
}

/// The same passage of the same document (whatever the ids).
fn same_place(a: &Annotation, b: &Annotation) -> bool {
    match (&a.target, &b.target) {
        (
            Target::Text {
                doc: da,
                quote: qa,
                position: pa,
                ..
            },
            Target::Text {
                doc: db,
                quote: qb,
                position: pb,
                ..
            },
        ) => da == db && qa.exact == qb.exact && pa == pb,
        _ => false,
    }
}

/// Same content, ids aside.
fn same_content(a: &Annotation, b: &Annotation) -> bool {
    a.note == b.note
        && a.tags == b.tags
        && a.author == b.author
        && a.target.quote() == b.target.quote()
        && a.target.doc() == b.target.doc()
}

/// Merges incoming notes into a notebook.
pub fn merge_into(ws: &Workspace, target: &mut Notebook, incoming: &Notebook) -> ImportReport {
    let mut report = ImportReport::default();
    for t in &incoming.tags {
        if !target.tags.iter().any(|x| x.name == t.name) {
            target.tags.push(t.clone());
        }
    }
    for a in &incoming.annotations {
        if let Some(existing) = target.get(&a.id) {
            if existing == a || same_content(existing, a) {
                report.skipped += 1;
            } else if target
                .annotations
                .iter()
                .any(|x| x.conflict_of.as_deref() == Some(a.id.as_str()) && same_content(x, a))
            {
                report.skipped += 1; // This conflict was imported before.
            } else {
                let mut copy = a.clone();
                copy.conflict_of = Some(a.id.clone());
                copy.id = format!("{}-conflict-{}", a.id, &new_id()[..8]);
                target.add(copy);
                report.conflicts += 1;
            }
            continue;
        }
        if target
            .annotations
            .iter()
            .any(|x| same_place(x, a) && same_content(x, a))
        {
            report.skipped += 1;
            continue;
        }
        if let Some(doc) = a.target.doc().and_then(|d| ws.corpus.get(d))
            && AnchorText::new(&doc.text).anchor(&a.target).status == AnchorStatus::Orphan
        {
            report.orphans += 1;
        }
        target.add(a.clone());
        report.added += 1;
    }
    report
}
