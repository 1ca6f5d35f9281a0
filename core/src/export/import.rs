//! Importing a colleague's notes: a Reading Room notebook (RON), W3C Web Annotation JSON-LD, a
//! REFI-QDA project from a QDA tool (`super::refi_import`) or a TEI edition with stand-off
//! notes (`super::tei_import`),
//! merged without duplicates or losses. Merging is idempotent, de-duplicates by id and by
//! (document, quote, position), keeps each note's author, keeps both sides of a conflict (same
//! id, different content: the incoming one is added as a copy marked `conflict_of`), and reports
//! what it added, skipped and flagged. A malformed or hostile file is refused with a message.

use crate::Workspace;
use crate::notes::model::{
    Annotation, MAX_NOTE_CHARS, MAX_OTHER_TARGETS, MAX_QUOTE_CHARS, Notebook, PositionSelector,
    QuoteSelector, Target, new_id,
};
use crate::notes::store::{MAX_NOTEBOOK_BYTES, parse_full};
use crate::notes::{AnchorStatus, AnchorText};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// Longest note id accepted (a UUID is 36 chars).
pub const MAX_ID_CHARS: usize = 200;
/// Most annotations one import may hold.
pub const MAX_IMPORT_NOTES: usize = 1_000_000;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Notes new to the notebook, added.
    pub added: usize,
    /// Notes already there (same id and content, or same document, quote and position).
    pub skipped: usize,
    /// Notes whose id was there with other content: both kept, the incoming one flagged.
    pub conflicts: usize,
    /// Added notes whose text could not be found, or whose document this corpus lacks (listed
    /// with the orphans, placed once the document is added).
    pub orphans: usize,
    /// Annotations not imported, each with which one and why.
    pub refused: Vec<String>,
    /// Notes whose context (prefix/suffix) was longer than the 32 chars kept, and was cut.
    pub context_cut: usize,
    /// Deleted notes of theirs added to the trash.
    pub trashed: usize,
}

impl ImportReport {
    /// Did the import change nothing and refuse something (so the whole file was refused)?
    pub fn refused_all(&self) -> bool {
        self.added + self.conflicts + self.skipped + self.trashed == 0 && !self.refused.is_empty()
    }
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let orphans = if self.orphans == 1 {
            "orphan"
        } else {
            "orphans"
        };
        write!(
            f,
            "{} added, {} skipped (already there), {} conflicts kept side by side, {} {orphans}",
            self.added, self.skipped, self.conflicts, self.orphans
        )?;
        if self.trashed > 0 {
            write!(f, ", {} deleted notes added to the trash", self.trashed)?;
        }
        if self.context_cut > 0 {
            write!(
                f,
                "; the context of {} notes was cut to 32 characters",
                self.context_cut
            )?;
        }
        if !self.refused.is_empty() {
            write!(f, "; {} refused:", self.refused.len())?;
            for r in self.refused.iter().take(20) {
                write!(f, "\n  {r}")?;
            }
            if self.refused.len() > 20 {
                write!(f, "\n  … and {} more", self.refused.len() - 20)?;
            }
        }
        Ok(())
    }
}

/// A file read for import: the notes in it, and what was refused or cut on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// The importable notes (and, from a notebook, its tags, trash and corrections).
    pub notebook: Notebook,
    /// Annotations refused, each with which one and why.
    pub refused: Vec<String>,
    /// Notes whose context was cut to 32 chars.
    pub context_cut: usize,
}

/// A file that could not be imported at all (nothing was imported).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a regular file, unreadable, or over the cap.
    #[error("{}: {what}", file.display())]
    Read {
        /// The file.
        file: std::path::PathBuf,
        /// Why.
        what: String,
    },
    /// Not UTF-8.
    #[error("{}: expected UTF-8 text (invalid byte at offset {offset})", file.display())]
    NotUtf8 {
        /// The file.
        file: std::path::PathBuf,
        /// Where the first invalid byte is.
        offset: usize,
    },
    /// Not JSON (it starts like JSON).
    #[error("{}:{line}:{column}: {message}", file.display())]
    Json {
        /// The file.
        file: std::path::PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// Too many annotations.
    #[error("{}: {count} annotations; an import may hold at most {MAX_IMPORT_NOTES}", file.display())]
    TooMany {
        /// The file.
        file: std::path::PathBuf,
        /// How many.
        count: usize,
    },
    /// Not a notebook this version reads.
    #[error("{0}")]
    Notebook(#[from] crate::notes::NotebookError),
    /// A notebook written by a newer version: importing it would lose what this one cannot
    /// read.
    #[error("{}: {reason}; importing it would lose what this version cannot read, so nothing was imported", file.display())]
    Newer {
        /// The file.
        file: std::path::PathBuf,
        /// What is newer.
        reason: String,
    },
}

/// Reads a file to import: a RON notebook, or JSON-LD (an `AnnotationCollection`, an
/// `AnnotationPage`, a list of annotations or one annotation). A file that cannot be read at
/// all is an error; annotations that are malformed are refused one by one.
pub fn read(ws: &Workspace, path: &Path) -> Result<Incoming, ImportError> {
    let file = path.to_path_buf();
    let bytes = crate::files::read_regular(path, MAX_NOTEBOOK_BYTES).map_err(|e| {
        let what = match e {
            crate::files::ReadError::TooLarge { limit } => {
                format!("the file is larger than {limit} bytes, the most an import may be")
            }
            e => e.to_string(),
        };
        ImportError::Read {
            file: file.clone(),
            what,
        }
    })?;
    // A REFI-QDA project from a QDA tool (a .qdpx, or its project.qde).
    if super::refi_import::looks_like_project(&bytes) {
        return super::refi_import::from_project(ws, &bytes, &file);
    }
    // A TEI edition written with its notes in stand-off markup.
    if super::tei_import::looks_like_tei(&bytes) {
        return super::tei_import::from_tei(ws, &bytes, &file);
    }
    let text = String::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        file: file.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first = text.trim_start().chars().next();
    if matches!(first, Some('{') | Some('[')) {
        let v: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
            file: file.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        from_json_ld(ws, &v).map_err(|count| ImportError::TooMany { file, count })
    } else {
        let parsed = parse_full(path, text)?;
        if let Some(reason) = parsed.read_only_reason() {
            let reason = reason
                .split(", so it opens read-only")
                .next()
                .unwrap_or(&reason)
                .to_string();
            return Err(ImportError::Newer { file, reason });
        }
        let mut refused = Vec::new();
        let mut nb = parsed.notebook;
        nb.annotations.retain(|a| match check_sizes(a) {
            Ok(()) => true,
            Err(why) => {
                refused.push(format!("note {}: {why}", a.id));
                false
            }
        });
        Ok(Incoming {
            notebook: nb,
            refused,
            context_cut: parsed.context_cut,
        })
    }
}

/// The documented maxima of a note's fields.
fn check_sizes(a: &Annotation) -> Result<(), String> {
    if a.id.is_empty() || a.id.chars().count() > MAX_ID_CHARS {
        return Err(format!("its id must have 1 to {MAX_ID_CHARS} characters"));
    }
    if a.other_targets.len() > MAX_OTHER_TARGETS {
        return Err(format!(
            "it is on more than {} passages, the most a note may be on",
            MAX_OTHER_TARGETS + 1
        ));
    }
    if a.targets()
        .filter_map(|t| t.quote())
        .any(|q| q.chars().count() > MAX_QUOTE_CHARS)
    {
        return Err(format!(
            "its quote is longer than {MAX_QUOTE_CHARS} characters, the most a note may quote"
        ));
    }
    if a.note.chars().count() > MAX_NOTE_CHARS {
        return Err(format!(
            "its note is longer than {MAX_NOTE_CHARS} characters"
        ));
    }
    Ok(())
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

/// What a JSON value is, in words.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// An optional text field: absent or null is empty; anything but text is refused.
fn text_field(o: &Value, key: &str, what: &str) -> Result<String, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(v) => Err(format!("{what} \"{key}\" is {}; expected text", kind(v))),
    }
}

/// A char offset: a whole number ≥ 0 that fits this machine.
fn offset(p: &Value, key: &str) -> Result<usize, String> {
    match p.get(key) {
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n <= u32::MAX as usize)
            .ok_or_else(|| {
                format!(
                    "TextPositionSelector \"{key}\" is {n}; expected a whole number from 0 to {}",
                    u32::MAX
                )
            }),
        Some(v) => Err(format!(
            "TextPositionSelector \"{key}\" is {}; expected a whole number ≥ 0",
            kind(v)
        )),
        None => Err(format!("TextPositionSelector has no \"{key}\"")),
    }
}

/// Documents by the addresses JSON-LD names them with.
struct Sources<'a> {
    by_url: HashMap<&'a str, &'a str>,
}

impl<'a> Sources<'a> {
    fn new(ws: &'a Workspace) -> Sources<'a> {
        Sources {
            by_url: ws
                .corpus
                .documents
                .iter()
                .filter_map(|d| Some((d.meta.url.as_deref()?, d.meta.id.as_str())))
                .collect(),
        }
    }

    fn document(&self, source: &str) -> Option<String> {
        self.by_url.get(source).map(|d| d.to_string()).or_else(|| {
            source
                .strip_prefix("urn:readingroom:document:")
                .map(str::to_string)
        })
    }
}

fn target_of(sources: &Sources, t: &Value, cut: &mut usize) -> Result<Target, String> {
    let doc = match t {
        Value::Null => return Ok(Target::Memo),
        // A whole document named by its address.
        Value::String(source) => {
            return sources
                .document(source)
                .map(|doc| Target::Document { doc })
                .ok_or_else(|| format!("its target {source:?} is not a document of this corpus"));
        }
        Value::Object(_) => match t.get("readingroom:document") {
            Some(Value::String(d)) => d.clone(),
            Some(v) => {
                return Err(format!(
                    "\"readingroom:document\" is {}; expected text",
                    kind(v)
                ));
            }
            None => match t.get("source") {
                Some(Value::String(source)) => sources.document(source).ok_or_else(|| {
                    format!("its target {source:?} is not a document of this corpus")
                })?,
                Some(v) => {
                    return Err(format!(
                        "its target's \"source\" is {}; expected text",
                        kind(v)
                    ));
                }
                None => return Err("its target names no document (no \"source\")".into()),
            },
        },
        v => return Err(format!("its target is {}; expected an object", kind(v))),
    };
    if doc.is_empty() || doc.chars().count() > MAX_ID_CHARS {
        return Err(format!(
            "its document id must have 1 to {MAX_ID_CHARS} characters"
        ));
    }
    let selectors: Vec<&Value> = match t.get("selector") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s @ Value::Object(_)) => vec![s],
        Some(v) => {
            return Err(format!(
                "its selector is {}; expected a selector object",
                kind(v)
            ));
        }
    };
    let mut quote = None;
    let mut position = None;
    let mut fragment = None;
    for s in selectors {
        match s.get("type").and_then(Value::as_str) {
            Some("TextQuoteSelector") => quote = Some(s),
            Some("TextPositionSelector") => position = Some(s),
            Some("FragmentSelector") => fragment = Some(s),
            Some(_) => {}
            None => return Err(format!("a selector is {} without a \"type\"", kind(s))),
        }
    }
    match (quote, position) {
        (None, None) if fragment.is_some() => region_of(doc, fragment.unwrap_or(&Value::Null)),
        (None, None) => Ok(Target::Document { doc }),
        (None, Some(_)) => Err(
            "it has a TextPositionSelector but no TextQuoteSelector; the quoted words are needed"
                .into(),
        ),
        (Some(q), p) => {
            let exact = text_field(q, "exact", "TextQuoteSelector")?;
            if exact.is_empty() {
                return Err("its TextQuoteSelector has no \"exact\" text".into());
            }
            let (start, end) = match p {
                Some(p) => (offset(p, "start")?, offset(p, "end")?),
                None => (0, 0),
            };
            if start > end {
                return Err(format!(
                    "its TextPositionSelector starts at {start}, after its end {end}"
                ));
            }
            let mut quote = QuoteSelector {
                exact,
                prefix: text_field(q, "prefix", "TextQuoteSelector")?,
                suffix: text_field(q, "suffix", "TextQuoteSelector")?,
            };
            if quote.bound_context() {
                *cut += 1;
            }
            Ok(Target::Text {
                doc,
                quote,
                position: PositionSelector { start, end },
                text_hash: String::new(),
            })
        }
    }
}

/// A region of a page: `page=N` (RFC 3778) refined by `xywh=percent:x,y,w,h` (media
/// fragments), as the JSON-LD export writes it.
fn region_of(doc: String, s: &Value) -> Result<Target, String> {
    let value = |s: &Value| {
        s.get("value")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let page = value(s)
        .strip_prefix("page=")
        .and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .ok_or_else(|| {
            format!(
                "its FragmentSelector is {:?}; expected \"page=N\" (a page from 1)",
                value(s)
            )
        })?;
    let refined = s.get("refinedBy").map(value).unwrap_or_default();
    let region = crate::notes::model::RegionSelector::from_media_fragment(&refined).ok_or_else(|| {
        format!(
            "its region on page {page} is {refined:?}; expected \"xywh=percent:x,y,w,h\" on the page"
        )
    })?;
    Ok(Target::Region { doc, page, region })
}

fn annotation_of(sources: &Sources, item: &Value, cut: &mut usize) -> Result<Annotation, String> {
    if item.get("type").and_then(Value::as_str) != Some("Annotation") {
        return Err("expected \"type\": \"Annotation\"".into());
    }
    let id = match item.get("id") {
        None | Some(Value::Null) => new_id(),
        Some(Value::String(s)) => s.trim_start_matches("urn:uuid:").to_string(),
        Some(v) => return Err(format!("its \"id\" is {}; expected text", kind(v))),
    };
    let mut note = None;
    let mut tags = Vec::new();
    let bodies: Vec<&Value> = match item.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(b @ Value::Object(_)) => vec![b],
        Some(v) => {
            return Err(format!(
                "its body is {}; expected a TextualBody object",
                kind(v)
            ));
        }
    };
    for b in bodies {
        if !b.is_object() {
            return Err(format!(
                "a body is {}; expected a TextualBody object",
                kind(b)
            ));
        }
        let value = match b.get("value") {
            Some(Value::String(s)) => s.clone(),
            Some(v) => return Err(format!("a body's \"value\" is {}; expected text", kind(v))),
            None => return Err("a body has no \"value\" (only TextualBody is read)".into()),
        };
        match b.get("purpose").and_then(Value::as_str) {
            Some("tagging") => {
                if !value.trim().is_empty() && !tags.contains(&value) {
                    tags.push(value)
                }
            }
            _ if note.is_some() => {
                return Err("it has two note bodies; expected one".into());
            }
            _ => note = Some(value),
        }
    }
    // One target, or (a note on several passages, as W3C allows) a list of them.
    let (target, other_targets) = match item.get("target") {
        Some(Value::Array(list)) => {
            if list.len() > MAX_OTHER_TARGETS + 1 {
                return Err(format!(
                    "it has {} targets; a note may be on at most {}",
                    list.len(),
                    MAX_OTHER_TARGETS + 1
                ));
            }
            let mut all = list
                .iter()
                .map(|t| target_of(sources, t, cut))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter();
            let first = all
                .next()
                .ok_or("its target is an empty list; expected at least one target")?;
            (first, all.collect())
        }
        t => (
            target_of(sources, t.unwrap_or(&Value::Null), cut)?,
            Vec::new(),
        ),
    };
    let author = match item.get("creator") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(c @ Value::Object(_)) => text_field(c, "name", "creator")?,
        Some(v) => return Err(format!("its creator is {}; expected a name", kind(v))),
    };
    let a = Annotation {
        id,
        target,
        note: note.unwrap_or_default(),
        tags,
        author,
        created: text_field(item, "created", "the annotation's")?,
        modified: text_field(item, "modified", "the annotation's")?,
        conflict_of: None,
        other_targets,
    };
    check_sizes(&a)?;
    Ok(a)
}

/// Converts W3C Web Annotation JSON-LD to notes; malformed annotations are refused one by one
/// (which, and why), never changed into something they did not say. More than
/// [`MAX_IMPORT_NOTES`] annotations are refused whole: the error is how many there are.
pub fn from_json_ld(ws: &Workspace, v: &Value) -> Result<Incoming, usize> {
    let list = items(v);
    if list.len() > MAX_IMPORT_NOTES {
        return Err(list.len());
    }
    let sources = Sources::new(ws);
    let mut incoming = Incoming::default();
    for (n, item) in list.into_iter().enumerate() {
        let mut cut = 0;
        match annotation_of(&sources, item, &mut cut) {
            Ok(a) => {
                incoming.context_cut += cut;
                incoming.notebook.annotations.push(a);
            }
            Err(why) => {
                let id = item
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or(String::new(), |i| {
                        format!(" ({})", crate::text::excerpt(i, 60))
                    });
                incoming
                    .refused
                    .push(format!("annotation {}{id}: {why}", n + 1));
            }
        }
    }
    Ok(incoming)
}

/// Merges incoming notes into a notebook through the one merge path
/// ([`crate::notes::merge::absorb`], also used by Save As), and counts the added notes that are
/// orphans here (their text not found, or their document not in this corpus).
pub fn merge_into(ws: &Workspace, target: &mut Notebook, incoming: &Incoming) -> ImportReport {
    let absorbed = crate::notes::merge::absorb(target, &incoming.notebook);
    let mut texts: HashMap<&str, AnchorText> = HashMap::new();
    let mut orphans = 0;
    for &i in &absorbed.added {
        let a = &target.annotations[i];
        // A note is an orphan here when any of its passages is.
        let orphan = a.targets().any(|t| {
            let Some(doc_id) = t.doc() else {
                return false;
            };
            match ws.corpus.get(doc_id) {
                // A note on a document this corpus lacks is an orphan until it is added.
                None => true,
                Some(doc) => {
                    let text = texts
                        .entry(doc.id())
                        .or_insert_with(|| AnchorText::new(&doc.text));
                    text.anchor(t).status == AnchorStatus::Orphan
                }
            }
        });
        orphans += usize::from(orphan);
    }
    ImportReport {
        added: absorbed.added.len(),
        skipped: absorbed.skipped,
        conflicts: absorbed.conflicts,
        orphans,
        refused: incoming.refused.clone(),
        context_cut: incoming.context_cut,
        trashed: absorbed.trashed,
    }
}
