//! The documents as bibliographic records: one CSL-JSON item per document, the record Zotero
//! imports and a CSL processor formats, under a stable citation key (the document's id), with
//! Zotero's mapping of item types and fields:
//!
//! - a record of conversation (or one of your documents) is a **manuscript** (Zotero's
//!   Manuscript): genre, archive, archive location (f./op./p./d./ll. or RG/Box/Folder),
//!   translator, recipient, date, URL; where the paper reproduces it is said in `note`;
//! - a memoir excerpt or the 1992 comments is a **chapter** (Zotero's Book Section) of the book
//!   the paper cites, with its publisher, place, year and pages;
//! - the editor's commentary is the working paper itself, a **report** (Zotero's Report) in the
//!   series "Cold War International History Project Working Paper", number 90. The paper does
//!   not print its publisher, place or date: they are left out, not invented.
//!
//! [`super::bibtex`] and [`super::ris`] write the same records as BibLaTeX, BibTeX and RIS.

use crate::Workspace;
use crate::corpus::{Document, Kind};
use serde::{Deserialize, Serialize};

/// The citation key of the working paper (the record of every commentary passage).
pub const PAPER_KEY: &str = "hershberg-wp90";

/// A name as CSL gives it: family and given, or a literal (an institution, a one-word name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CslName {
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub family: Option<String>,
    /// Given names.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub given: Option<String>,
    /// A name not split into parts.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub literal: Option<String>,
}

impl CslName {
    /// "Sergey Kudryavtsev" → family Kudryavtsev, given Sergey; "S. M. Kudryavtsev" → given
    /// "S. M."; one word stays whole.
    pub fn parse(name: &str) -> CslName {
        let name = name.trim();
        match name.rsplit_once(' ') {
            Some((given, family)) if !given.trim().is_empty() => CslName {
                family: Some(family.to_string()),
                given: Some(given.trim().to_string()),
                literal: None,
            },
            _ => CslName {
                literal: Some(name.to_string()),
                ..CslName::default()
            },
        }
    }

    /// "Kudryavtsev, Sergey" (BibTeX and RIS), or the literal.
    pub fn inverted(&self) -> String {
        match (&self.family, &self.given, &self.literal) {
            (Some(f), Some(g), _) => format!("{f}, {g}"),
            (Some(f), None, _) => f.clone(),
            (None, _, Some(l)) => l.clone(),
            _ => String::new(),
        }
    }
}

/// A CSL date: its parts (one date, or the two ends of a range) and whether it is approximate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CslDate {
    /// `[[1961, 1, 21]]`, `[[1961, 3], [1961, 6]]`.
    #[serde(rename = "date-parts")]
    pub date_parts: Vec<Vec<i32>>,
    /// Approximate or uncertain.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub circa: bool,
}

/// One CSL-JSON item (the variables Reading Room knows; CSL's names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub struct CslItem {
    /// The citation key.
    pub id: String,
    /// `manuscript`, `chapter`, `report`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The title.
    pub title: String,
    /// Who wrote it.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub author: Vec<CslName>,
    /// Editors (of the book a chapter is in).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub editor: Vec<CslName>,
    /// Translators.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub translator: Vec<CslName>,
    /// To whom (a record's addressee).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub recipient: Vec<CslName>,
    /// The book a chapter is in.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub container_title: Option<String>,
    /// The authors of that book, when they are not the chapter's.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub container_author: Vec<CslName>,
    /// The series (of a report).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub collection_title: Option<String>,
    /// The number in the series.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub number: Option<String>,
    /// The publisher.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub publisher: Option<String>,
    /// Where it was published.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub publisher_place: Option<String>,
    /// The pages (of a chapter in its book).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<String>,
    /// "Record of conversation".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub genre: Option<String>,
    /// The archive ("AVP RF").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub archive: Option<String>,
    /// Where in the archive ("f. 0104, op. 17, p. 118, d. 3, ll. 48-52").
    #[serde(
        rename = "archive_location",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub archive_location: Option<String>,
    /// When.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub issued: Option<CslDate>,
    /// When first published (a book cited in a later edition: "1993, 2002").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub original_date: Option<CslDate>,
    /// A link.
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    /// Where the paper reproduces it, or the citation you wrote for one of your documents.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    /// The language.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub language: Option<String>,
}

/// The record a document is cited from: its own, or (for the editor's commentary) the paper.
pub fn key_of(doc: &Document) -> String {
    if !doc.user_added && doc.meta.kind == Kind::Commentary {
        return PAPER_KEY.to_string();
    }
    citation_key(doc.id())
}

/// A document id as a citation key: letters, digits and `-_:.` kept, anything else `-` (ids
/// are unique and never change, so keys are stable from one export to the next).
pub fn citation_key(id: &str) -> String {
    let key: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if key.is_empty() { "doc".into() } else { key }
}

/// The working paper as a report.
pub fn paper_item(ws: &Workspace) -> CslItem {
    CslItem {
        id: PAPER_KEY.into(),
        kind: "report".into(),
        title: "New Russian Evidence on Soviet-Cuban Relations, 1960-61".into(),
        author: vec![CslName::parse(ws.person_name("james-hershberg"))],
        collection_title: Some("Cold War International History Project Working Paper".into()),
        number: Some("90".into()),
        ..CslItem::default()
    }
}

/// "19–23": the paper's pages a document stands on.
fn paper_pages(doc: &Document) -> Option<String> {
    let (a, b) = doc.page_range(0, doc.char_len)?;
    Some(if a == b {
        a.to_string()
    } else {
        format!("{a}\u{2013}{b}")
    })
}

/// "Reproduced in James G. Hershberg, … Working Paper #90, 19–23."
fn reproduced_in(doc: &Document) -> String {
    let pages = paper_pages(doc).map_or(String::new(), |p| format!(", {p}"));
    format!("Reproduced in {}{pages}.", super::citation::PAPER)
}

/// A person id (or a name typed for one of your documents) as a CSL name.
fn person(ws: &Workspace, id: &str) -> CslName {
    CslName::parse(ws.person_name(id))
}

/// A book's people as the paper prints them: "Sergei Khrushchev, ed." (editors), or
/// "James G. Blight, Bruce J. Allyn, and David A. Welch" (authors): (authors, editors).
fn book_people(by: &str) -> (Vec<CslName>, Vec<CslName>) {
    let by = by.trim();
    let (names, edited) = match by
        .strip_suffix(", eds.")
        .or_else(|| by.strip_suffix(", ed."))
    {
        Some(n) => (n, true),
        None => (by, false),
    };
    let people: Vec<CslName> = names
        .split(", and ")
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(", "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(CslName::parse)
        .collect();
    if edited {
        (Vec::new(), people)
    } else {
        (people, Vec::new())
    }
}

/// The CSL-JSON item of a document (the paper's item for its commentary).
pub fn item(ws: &Workspace, doc: &Document) -> CslItem {
    let m = &doc.meta;
    if !doc.user_added && m.kind == Kind::Commentary {
        return paper_item(ws);
    }
    let issued = m.date.as_ref().map(|d| {
        let (date_parts, circa) = d.parts();
        CslDate { date_parts, circa }
    });
    let names = |id: &Option<String>| id.as_deref().map(|p| person(ws, p)).into_iter().collect();
    let base = CslItem {
        id: citation_key(doc.id()),
        title: m.citation_title.clone().unwrap_or_else(|| m.title.clone()),
        author: names(&m.author),
        translator: m
            .translator
            .as_deref()
            .map(CslName::parse)
            .into_iter()
            .collect(),
        url: m.url.clone(),
        language: m.language.clone(),
        ..CslItem::default()
    };
    match (m.kind, &m.publication) {
        (Kind::Memoir | Kind::OralHistory, Some(p)) if !doc.user_added => {
            let (book_authors, editors) = book_people(&p.by);
            let years: Vec<i32> = p
                .years
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|y| y.parse::<i32>().ok())
                .collect();
            let year = |y: Option<&i32>| {
                y.map(|y| CslDate {
                    date_parts: vec![vec![*y]],
                    circa: false,
                })
            };
            let author = if base.author.is_empty() {
                book_authors.clone()
            } else {
                base.author.clone()
            };
            CslItem {
                kind: "chapter".into(),
                container_author: if book_authors == author {
                    Vec::new()
                } else {
                    book_authors
                },
                author,
                editor: editors,
                container_title: Some(p.title.clone()),
                publisher: Some(p.publisher.clone()).filter(|s| !s.is_empty()),
                publisher_place: Some(p.place.clone()).filter(|s| !s.is_empty()),
                page: Some(p.pages.replace('-', "\u{2013}")).filter(|s| !s.is_empty()),
                issued: year(years.last()),
                original_date: if years.len() > 1 {
                    year(years.first())
                } else {
                    None
                },
                note: Some(reproduced_in(doc)),
                ..base
            }
        }
        _ => {
            let archival = m.archival.as_ref();
            let location = archival
                .map(|a| {
                    a.normalised()
                        .strip_prefix(&a.archive)
                        .unwrap_or_default()
                        .trim_start_matches(',')
                        .trim()
                        .to_string()
                })
                .filter(|s| !s.is_empty());
            let note = if doc.user_added {
                m.citation_verbatim.clone().filter(|c| !c.trim().is_empty())
            } else {
                Some(reproduced_in(doc))
            };
            CslItem {
                kind: "manuscript".into(),
                genre: match m.kind {
                    Kind::RecordOfConversation => Some("Record of conversation".into()),
                    _ => None,
                },
                recipient: names(&m.addressee),
                archive: archival
                    .map(|a| a.archive.clone())
                    .filter(|a| !a.is_empty()),
                archive_location: location,
                issued,
                note,
                ..base
            }
        }
    }
}

/// The records of these documents (by corpus index), each once, in the order given; the
/// paper's record once for all its commentary, and first when any of the paper's documents is
/// there (they are reproduced in it).
pub fn items(ws: &Workspace, docs: &[usize]) -> Vec<CslItem> {
    let mut out: Vec<CslItem> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    if docs.iter().any(|&i| !ws.corpus.documents[i].user_added) {
        seen.insert(PAPER_KEY.to_string());
        out.push(paper_item(ws));
    }
    for &i in docs {
        let it = item(ws, &ws.corpus.documents[i]);
        if seen.insert(it.id.clone()) {
            out.push(it);
        }
    }
    out
}

/// The records as a CSL-JSON array (what Zotero imports).
pub fn csl_json(items: &[CslItem]) -> String {
    serde_json::to_string_pretty(items).unwrap_or_else(|_| "[]".into()) + "\n"
}

/// A Pandoc citation of a passage: `[@key, 19]`, the page the paper prints (or, for one of your
/// documents, the page its original prints); `[@key]` without one.
pub fn pandoc_citation(doc: &Document, start: usize, end: usize) -> String {
    let key = key_of(doc);
    let page = if doc.user_added {
        match (
            doc.page_label_at(start),
            doc.page_label_at(end.saturating_sub(1).max(start)),
        ) {
            (Some(a), Some(b)) if a != b => Some(format!("{a}\u{2013}{b}")),
            (Some(a), _) => Some(a),
            _ => None,
        }
    } else {
        doc.page_range(start, end).map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}\u{2013}{b}")
            }
        })
    };
    match page {
        Some(p) => format!("[@{key}, {p}]"),
        None => format!("[@{key}]"),
    }
}
