//! Reading the notes of a TEI file written as [`super::tei`] writes it: its taxonomy becomes
//! tags (names, definitions, colours, hierarchy), each stand-off `<annotation>` a note on the
//! library's document the `<TEI>` holds (found by its Reading Room id when the text is the same,
//! else by its text, else by its title), placed between the anchors its `#range(…)` names, with
//! its `@ana` as tags, its `respStmt` as author, its `revisionDesc` as dates and its `<note>` as
//! text. Annotations sharing an `@n` are one note on several passages. A passage whose document
//! is not in the library keeps its quote and becomes an orphan, never dropped.
//!
//! Untrusted input: no DTD (so no entity reaches outside the file), a bound on nodes and notes,
//! and pointers only into the file itself.

use super::import::{ImportError, Incoming, MAX_IMPORT_NOTES};
use crate::Workspace;
use crate::import::formats::tei::{documents_of_corpus, one_tei};
use crate::notes::model::{
    Annotation, CONTEXT_CHARS, PositionSelector, QuoteSelector, Tag, Target, text_hash,
};
use roxmltree::Node;
use std::collections::HashMap;
use std::path::Path;

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// Most XML nodes read.
const MAX_NODES: u32 = 20_000_000;
/// Deepest nesting of categories followed.
const MAX_CATEGORY_DEPTH: usize = 64;

/// Is this TEI with stand-off annotations (what File → Import notes… reads as notes)?
pub fn looks_like_tei(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head.contains("http://www.tei-c.org/ns/1.0")
        && (head.contains("<TEI") || head.contains("<teiCorpus"))
}

fn error(file: &Path, what: impl Into<String>) -> ImportError {
    ImportError::Read {
        file: file.to_path_buf(),
        what: what.into(),
    }
}

/// The taxonomy's categories as tags, and each category's id to its tag's name.
fn categories(root: Node, tags: &mut Vec<Tag>, names: &mut HashMap<String, String>) {
    fn walk(
        n: Node,
        parent: Option<&str>,
        depth: usize,
        tags: &mut Vec<Tag>,
        names: &mut HashMap<String, String>,
    ) {
        if depth > MAX_CATEGORY_DEPTH {
            return;
        }
        for c in n.children().filter(|c| c.has_tag_name("category")) {
            let desc = c
                .children()
                .find(|d| d.has_tag_name("catDesc"))
                .map(|d| {
                    d.descendants()
                        .filter(|t| t.is_text())
                        .filter_map(|t| t.text())
                        .collect::<String>()
                })
                .unwrap_or_default();
            let desc = desc.split_whitespace().collect::<Vec<_>>().join(" ");
            let name = c
                .attribute("n")
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| desc.clone());
            if name.is_empty() {
                continue;
            }
            let colour = c
                .attribute("style")
                .and_then(|s| s.split(';').find_map(|d| d.trim().strip_prefix("color:")))
                .map(str::trim)
                .filter(|c| {
                    c.len() == 7
                        && c.starts_with('#')
                        && c[1..].chars().all(|x| x.is_ascii_hexdigit())
                })
                .unwrap_or("")
                .to_string();
            if let Some(id) = c.attribute((XML_NS, "id")) {
                names.insert(id.to_string(), name.clone());
            }
            if !tags.iter().any(|t| t.name == name) {
                tags.push(Tag {
                    name: name.clone(),
                    colour,
                    parent: parent.map(str::to_string),
                    description: if desc == name { String::new() } else { desc },
                });
            }
            walk(c, Some(&name), depth + 1, tags, names);
        }
    }
    for t in root.descendants().filter(|n| n.has_tag_name("taxonomy")) {
        walk(t, None, 0, tags, names);
    }
}

/// `#range(a,b)` as the two anchor ids; `#id` as one.
enum Pointer<'a> {
    Range(&'a str, &'a str),
    Whole(&'a str),
}

fn pointer(target: &str) -> Option<Pointer<'_>> {
    let t = target.strip_prefix('#')?;
    if let Some(inner) = t.strip_prefix("range(").and_then(|r| r.strip_suffix(')')) {
        let (a, b) = inner.split_once(',')?;
        let (a, b) = (
            a.trim().trim_start_matches('#'),
            b.trim().trim_start_matches('#'),
        );
        return Some(Pointer::Range(a, b));
    }
    Some(Pointer::Whole(t))
}

/// The library's document a `<TEI>` is, and whether its text is the same (so offsets hold).
fn matching(ws: &Workspace, tei: Node, title: &str, text: &str) -> Option<(usize, bool)> {
    let id = tei
        .descendants()
        .find(|n| n.has_tag_name("idno") && n.attribute("type") == Some("readingroom"))
        .and_then(|n| n.text())
        .map(str::trim);
    if let Some(i) = id.and_then(|id| ws.corpus.index_of(id)) {
        let d = &ws.corpus.documents[i];
        if d.char_len == text.chars().count() && d.text.read() == text {
            return Some((i, true));
        }
    }
    super::refi_import::matching_document(ws, title, text).or_else(|| {
        let i = id.and_then(|id| ws.corpus.index_of(id))?;
        Some((i, false))
    })
}

/// One passage read from an annotation.
struct Read {
    id: String,
    target: Target,
    note: String,
    tags: Vec<String>,
    author: String,
    created: String,
    modified: String,
}

/// Reads the notes of a TEI file.
pub fn from_tei(ws: &Workspace, bytes: &[u8], file: &Path) -> Result<Incoming, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        file: file.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).map_err(|e| match e {
        roxmltree::Error::DtdDetected => error(
            file,
            "the XML declares a DTD; refused, since its entities could expand without bound or reach outside the file",
        ),
        e => {
            let p = e.pos();
            error(file, format!("line {}, column {}: {e}", p.row, p.col))
        }
    })?;
    let root = doc.root_element();
    if !root.has_tag_name("TEI") && !root.has_tag_name("teiCorpus") {
        return Err(error(
            file,
            format!(
                "not TEI: its root element is <{}>, expected <TEI> or <teiCorpus>",
                root.tag_name().name()
            ),
        ));
    }
    let total = root
        .descendants()
        .filter(|n| n.has_tag_name("annotation"))
        .count();
    if total == 0 {
        return Err(error(
            file,
            "this TEI file holds no notes (no <annotation> in a <standOff>); to add its text to the library, use File → Add document…",
        ));
    }
    if total > MAX_IMPORT_NOTES {
        return Err(ImportError::TooMany {
            file: file.to_path_buf(),
            count: total,
        });
    }
    let mut incoming = Incoming::default();
    let mut tags = Vec::new();
    let mut tag_names = HashMap::new();
    categories(root, &mut tags, &mut tag_names);
    let mut teis = documents_of_corpus(root);
    if teis.is_empty() {
        teis.push(root);
    }
    let mut passages: Vec<Read> = Vec::new();
    let now = crate::notes::model::now_rfc3339();
    for tei in teis {
        let annotations: Vec<Node> = tei
            .descendants()
            .filter(|n| n.has_tag_name("annotation"))
            .collect();
        if annotations.is_empty() {
            continue;
        }
        let title = tei
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or("")
            .trim()
            .to_string();
        let extracted = match one_tei(tei, None) {
            Ok(mut docs) if docs.len() == 1 => docs.remove(0),
            Ok(docs) => {
                incoming.refused.push(format!(
                    "{title:?}: its text holds {} documents, not one; its {} notes were not imported",
                    docs.len(),
                    annotations.len()
                ));
                continue;
            }
            Err(e) => {
                incoming.refused.push(format!(
                    "{title:?}: {e}; its {} notes were not imported",
                    annotations.len()
                ));
                continue;
            }
        };
        let chars: Vec<char> = extracted.text.chars().collect();
        let anchors: HashMap<&str, (usize, usize)> = extracted
            .anchors
            .iter()
            .map(|a| (a.id.as_str(), (a.at, a.next)))
            .collect();
        let text_id = tei
            .descendants()
            .find(|n| n.has_tag_name("text"))
            .and_then(|n| n.attribute((XML_NS, "id")));
        let zones = zones_of(tei);
        let matched = matching(ws, tei, &title, &extracted.text);
        let doc_id = match matched {
            Some((i, _)) => ws.corpus.documents[i].id().to_string(),
            None => format!("tei:{}", title.chars().take(120).collect::<String>()),
        };
        for a in annotations {
            let name = a.attribute((XML_NS, "id")).unwrap_or("an annotation");
            let quote_note = a
                .children()
                .find(|n| n.has_tag_name("note") && n.attribute("type") == Some("quote"))
                .map(|n| {
                    n.descendants()
                        .filter(|t| t.is_text())
                        .filter_map(|t| t.text())
                        .collect::<String>()
                });
            let target_attr = a.attribute("target").unwrap_or("");
            let target = match target_attr.split_whitespace().next().and_then(pointer) {
                Some(Pointer::Range(s, e)) => match (anchors.get(s), anchors.get(e)) {
                    (Some(&(_, start)), Some(&(end, _))) if start <= end && end <= chars.len() => {
                        let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
                        match matched {
                            Some((i, true)) => {
                                let d = &ws.corpus.documents[i];
                                crate::notes::model::text_target(d.id(), &d.text.read(), start, end)
                            }
                            _ => Target::Text {
                                doc: doc_id.clone(),
                                quote: QuoteSelector {
                                    exact: slice(start, end),
                                    prefix: slice(start.saturating_sub(CONTEXT_CHARS), start),
                                    suffix: slice(end, (end + CONTEXT_CHARS).min(chars.len())),
                                },
                                position: PositionSelector { start, end },
                                text_hash: text_hash(&extracted.text),
                            },
                        }
                    }
                    _ => {
                        incoming.refused.push(format!(
                            "{name} on {title:?}: its target {target_attr:?} names anchors the text does not have"
                        ));
                        continue;
                    }
                },
                // A zone of a page of the original: a note on that region.
                Some(Pointer::Whole(id)) if zones.contains_key(id) => {
                    let (page, region) = zones[id];
                    Target::Region {
                        doc: doc_id.clone(),
                        page,
                        region,
                    }
                }
                Some(Pointer::Whole(id)) if Some(id) == text_id => match quote_note {
                    // A passage the export could not place: its quote, to anchor here or orphan.
                    Some(q) if !q.is_empty() => Target::Text {
                        doc: doc_id.clone(),
                        quote: QuoteSelector {
                            exact: q,
                            prefix: String::new(),
                            suffix: String::new(),
                        },
                        position: PositionSelector { start: 0, end: 0 },
                        text_hash: String::new(),
                    },
                    _ => Target::Document {
                        doc: doc_id.clone(),
                    },
                },
                _ => {
                    incoming.refused.push(format!(
                        "{name} on {title:?}: its target {target_attr:?} is not a #range(…) of this text or the text itself"
                    ));
                    continue;
                }
            };
            let note: String = a
                .children()
                .filter(|n| n.has_tag_name("note") && n.attribute("type") != Some("quote"))
                .map(|n| {
                    n.descendants()
                        .filter(|t| t.is_text())
                        .filter_map(|t| t.text())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            let tags_here: Vec<String> = a
                .attribute("ana")
                .unwrap_or("")
                .split_whitespace()
                .filter_map(|r| tag_names.get(r.trim_start_matches('#')).cloned())
                .collect();
            let author = a
                .children()
                .filter(|n| n.has_tag_name("respStmt"))
                .find_map(|r| {
                    r.children()
                        .find(|c| c.has_tag_name("name") || c.has_tag_name("persName"))
                })
                .map(|n| {
                    n.descendants()
                        .filter(|t| t.is_text())
                        .filter_map(|t| t.text())
                        .collect::<String>()
                        .trim()
                        .to_string()
                })
                .unwrap_or_default();
            let change = |kind: &str| {
                a.descendants()
                    .find(|n| n.has_tag_name("change") && n.attribute("type") == Some(kind))
                    .and_then(|n| n.attribute("when"))
                    .map(str::to_string)
            };
            let created = change("created").unwrap_or_else(|| now.clone());
            let modified = change("modified").unwrap_or_else(|| created.clone());
            let id = a
                .attribute("n")
                .map(str::trim)
                .filter(|n| !n.is_empty() && n.chars().count() <= super::import::MAX_ID_CHARS)
                .map_or_else(crate::notes::model::new_id, str::to_string);
            passages.push(Read {
                id,
                target,
                note,
                tags: tags_here,
                author,
                created,
                modified,
            });
        }
    }
    // Passages of one note (the same @n) are one note on several passages.
    let mut index: HashMap<String, usize> = HashMap::new();
    for p in passages {
        if let Some(&k) = index.get(&p.id) {
            let a: &mut Annotation = &mut incoming.notebook.annotations[k];
            if a.other_targets.len() < crate::notes::model::MAX_OTHER_TARGETS {
                a.other_targets.push(p.target);
            }
            continue;
        }
        index.insert(p.id.clone(), incoming.notebook.annotations.len());
        incoming.notebook.annotations.push(Annotation {
            id: p.id,
            target: p.target,
            note: p.note,
            tags: p.tags,
            author: p.author,
            created: p.created,
            modified: p.modified,
            conflict_of: None,
            other_targets: Vec::new(),
        });
    }
    incoming.notebook.tags = tags;
    let mut authors: Vec<String> = incoming
        .notebook
        .annotations
        .iter()
        .map(|a| a.author.clone())
        .filter(|a| !a.is_empty())
        .collect();
    authors.sort();
    authors.dedup();
    incoming.notebook.authors = authors;
    Ok(incoming)
}

/// The zones of the `<facsimile>` surfaces of a `<TEI>` (by `xml:id`): the page (the surface's
/// `n`, from 1) and the rectangle, as fractions of the surface (its `ulx`…`lry`).
fn zones_of<'a>(
    tei: roxmltree::Node<'a, '_>,
) -> HashMap<&'a str, (u32, crate::notes::model::RegionSelector)> {
    let mut zones = HashMap::new();
    for surface in tei
        .children()
        .filter(|n| n.has_tag_name("facsimile"))
        .flat_map(|f| f.children().filter(|n| n.has_tag_name("surface")))
    {
        let num = |n: &roxmltree::Node, a: &str| {
            n.attribute(a)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite())
        };
        let Some(page) = surface
            .attribute("n")
            .and_then(|n| n.trim().parse::<u32>().ok())
            .filter(|p| *p >= 1)
        else {
            continue;
        };
        let (Some(ulx), Some(uly), Some(lrx), Some(lry)) = (
            num(&surface, "ulx"),
            num(&surface, "uly"),
            num(&surface, "lrx"),
            num(&surface, "lry"),
        ) else {
            continue;
        };
        let (w, h) = (lrx - ulx, lry - uly);
        if w <= 0.0 || h <= 0.0 {
            continue;
        }
        for zone in surface.children().filter(|n| n.has_tag_name("zone")) {
            let (Some(id), Some(x0), Some(y0), Some(x1), Some(y1)) = (
                zone.attribute((XML_NS, "id")),
                num(&zone, "ulx"),
                num(&zone, "uly"),
                num(&zone, "lrx"),
                num(&zone, "lry"),
            ) else {
                continue;
            };
            let f = |v: f64, from: f64, size: f64| ((v - from) / size) as f32;
            let region = crate::notes::model::RegionSelector::from_fractions([
                f(x0, ulx, w),
                f(y0, uly, h),
                f(x1, ulx, w),
                f(y1, uly, h),
            ]);
            if region.is_valid() {
                zones.insert(id, (page, region));
            }
        }
    }
    zones
}
