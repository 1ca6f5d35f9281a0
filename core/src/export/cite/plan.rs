//! What a citation of a document is made of: the record the processor cites first (from the
//! document's CSL-JSON record), and, for a document the paper reproduces, the paper at the
//! passage's page.

use super::settings::PaperDetails;
use crate::Workspace;
use crate::corpus::{Document, Kind};
use crate::export::bibliography::{item, paper_item};
use serde_json::{Value, json};

/// Where the first part's page comes from.
pub(super) enum Pages {
    /// None (a record is cited whole, "in" the paper at the page).
    None,
    /// Always these pages (a memoir's pages in its book).
    Fixed(String),
    /// The passage's pages (the document is cited at them itself).
    Passage,
}

/// The parts of a document's citation.
pub(super) struct Plan {
    /// The record cited first, as CSL-JSON.
    pub primary: Value,
    /// Its page.
    pub primary_pages: Pages,
    /// "in" or "reproduced in", and the paper's record (cited at the passage's page).
    pub reproduced: Option<(&'static str, Value)>,
    /// The document's own link, written after the paper in notes.
    pub url: Option<String>,
    /// A citation the researcher wrote for their own document, kept as written.
    pub verbatim: Option<String>,
}

impl Plan {
    /// What the rendering depends on (for remembering it).
    pub fn key(&self) -> String {
        let pages = match &self.primary_pages {
            Pages::Fixed(p) => p.as_str(),
            Pages::Passage => "\u{2}",
            Pages::None => "",
        };
        format!(
            "{}\u{1}{pages}\u{1}{}\u{1}{:?}\u{1}{:?}",
            self.primary,
            self.reproduced
                .as_ref()
                .map_or(String::new(), |(c, v)| format!("{c}{v}")),
            self.url,
            self.verbatim
        )
    }
}

/// The paper's record as cited: its series as the kind of report ("Cold War International
/// History Project Working Paper no. 90"), its short title, and the publication details the
/// researcher gave (none are invented).
pub(super) fn paper(ws: &Workspace, details: &PaperDetails) -> Value {
    let mut v = serde_json::to_value(paper_item(ws)).unwrap_or_else(|_| json!({}));
    if let Some(series) = v.as_object_mut().and_then(|o| o.remove("collection-title")) {
        v["genre"] = series;
    }
    v["title-short"] = json!("New Russian Evidence");
    let set = |v: &mut Value, key: &str, value: &str| {
        if !value.trim().is_empty() {
            v[key] = json!(value.trim());
        }
    };
    set(&mut v, "publisher", &details.publisher);
    set(&mut v, "publisher-place", &details.place);
    set(&mut v, "URL", &details.url);
    if let Some(parts) = details.date_parts() {
        v["issued"] = json!({ "date-parts": [parts] });
    }
    v
}

/// The plan of a document's citation.
pub(super) fn plan(ws: &Workspace, doc: &Document, details: &PaperDetails) -> Plan {
    let m = &doc.meta;
    if doc.user_added {
        let verbatim = m
            .citation_verbatim
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        let mut primary = serde_json::to_value(item(ws, doc)).unwrap_or_else(|_| json!({}));
        if let Some(o) = primary.as_object_mut() {
            // Its note is the citation the researcher wrote, used as written above.
            o.remove("note");
            if !m.short_title.is_empty() && m.short_title != m.title {
                o.insert("title-short".into(), json!(m.short_title));
            }
        }
        return Plan {
            primary,
            primary_pages: Pages::Passage,
            reproduced: None,
            url: None,
            verbatim,
        };
    }
    if m.kind == Kind::Commentary {
        return Plan {
            primary: paper(ws, details),
            primary_pages: Pages::Passage,
            reproduced: None,
            url: None,
            verbatim: None,
        };
    }
    let mut primary = serde_json::to_value(item(ws, doc)).unwrap_or_else(|_| json!({}));
    let url = primary
        .as_object_mut()
        .and_then(|o| {
            // "Reproduced in …" is written by the citation itself.
            o.remove("note");
            o.remove("URL")
        })
        .and_then(|u| u.as_str().map(str::to_string));
    let (connector, pages) = match (m.kind, &m.publication) {
        (Kind::Memoir | Kind::OralHistory, Some(p)) => {
            if m.kind == Kind::Memoir
                && let Some(o) = primary.as_object_mut()
            {
                // A memoir is cited as its book: the excerpt has no title of its own.
                o.insert("type".into(), json!("book"));
                o.insert("title".into(), json!(p.title));
                o.remove("container-title");
                o.remove("container-author");
            }
            if let Some(o) = primary.as_object_mut() {
                o.remove("page");
            }
            let pages = p.pages.replace('-', "\u{2013}");
            (
                "reproduced in",
                if pages.is_empty() {
                    Pages::None
                } else {
                    Pages::Fixed(pages)
                },
            )
        }
        _ => {
            if let Some(o) = primary.as_object_mut() {
                // "Record of conversation" adds nothing to a title that says it.
                let redundant = o
                    .get("genre")
                    .and_then(|g| g.as_str())
                    .zip(o.get("title").and_then(|t| t.as_str()))
                    .is_some_and(|(g, t)| t.to_lowercase().starts_with(&g.to_lowercase()));
                if redundant {
                    o.remove("genre");
                }
                // The catalog's short title ("Kudryavtsev–Castro conversation, 21 January 1961")
                // tells records with one title apart in short notes; a folio range after it would
                // be set in title case ("Ll."), and the page already tells the two of one day apart.
                let short = m.short_title.trim();
                let short = match short.rfind(" (ll.") {
                    Some(i) if short.ends_with(')') => short[..i].trim_end(),
                    _ => short,
                };
                if !short.is_empty() {
                    o.insert("title-short".into(), json!(short));
                }
            }
            ("in", Pages::None)
        }
    };
    Plan {
        primary,
        primary_pages: pages,
        reproduced: Some((connector, paper(ws, details))),
        url,
        verbatim: None,
    }
}
