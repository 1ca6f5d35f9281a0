//! TEI XML, FRUS volumes among them (read with roxmltree, which refuses DTDs, so no entity can
//! expand or reach outside the file).
//!
//! - A file whose text holds `div type="document"` (FRUS) gives one document per div: its
//!   number and heading, its date from `frus:doc-dateTime-min/max`, the source note as its
//!   archival citation, the participants list as the people present, `persName corresp` as
//!   names tagged in the text, `pb n` as pages and `note` as footnotes.
//! - Any other TEI file is one document, with the header's title, author, date and source.
//! - The persons the file lists (`listPerson/person`, or FRUS's `persName xml:id` in its list of
//!   persons) come with every document, with their descriptions.

use crate::import::builder::Open;
use crate::import::{
    Extracted, FoundMeta, ImportError, Importer, ListedPerson, Style, TaggedName, TextBuilder,
};
use roxmltree::{Document, Node};
use std::collections::HashMap;

mod header;
use header::{header_meta, header_participants, listed_people, non_empty, text_of};

/// The TEI importer.
pub struct Tei;

/// Deepest nesting walked.
const MAX_DEPTH: usize = 256;
/// Most XML nodes in one file.
const MAX_NODES: u32 = 20_000_000;
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const FRUS_NS: &str = "http://history.state.gov/frus/ns/1.0";

impl Importer for Tei {
    fn name(&self) -> &'static str {
        "tei"
    }
    fn version(&self) -> u32 {
        1
    }
    fn label(&self) -> &'static str {
        "TEI XML"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["xml", "tei"]
    }
    fn sniff(&self, head: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&head[..head.len().min(4096)]);
        head.contains("http://www.tei-c.org/ns/1.0") || head.contains("<TEI")
    }
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
        let text = super::text::utf8(bytes)?;
        let options = roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = Document::parse_with_options(text, options).map_err(|e| match e {
            roxmltree::Error::DtdDetected => ImportError::Damaged(
                "the XML declares a DTD; refused, since its entities could expand without bound or reach outside the file".into(),
            ),
            roxmltree::Error::NodesLimitReached => ImportError::TooLarge(format!(
                "the XML has more than {MAX_NODES} nodes"
            )),
            e => ImportError::Damaged(format!("not well-formed XML: {e}")),
        })?;
        let root = doc.root_element();
        if root.tag_name().name() != "TEI" && root.tag_name().name() != "teiCorpus" {
            return Err(ImportError::Damaged(format!(
                "not a TEI file: its root element is <{}>, expected <TEI>",
                root.tag_name().name()
            )));
        }
        let teis = documents_of_corpus(root);
        if teis.is_empty() {
            return one_tei(root, None);
        }
        let corpus_header = header_meta(root);
        let mut out = Vec::new();
        for tei in teis {
            out.extend(one_tei(tei, Some(&corpus_header))?);
        }
        Ok(out)
    }
}

/// The `<TEI>`s of a `<teiCorpus>` (in corpora nested in it too), none nested in another.
pub fn documents_of_corpus<'a, 'i>(root: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    if root.tag_name().name() != "teiCorpus" {
        return Vec::new();
    }
    root.descendants()
        .filter(|n| n.has_tag_name("TEI"))
        .filter(|n| !n.ancestors().skip(1).any(|a| a.has_tag_name("TEI")))
        .collect()
}

/// The documents of one `<TEI>` (or of a corpus read as one): one, or one per FRUS document.
pub fn one_tei(root: Node, corpus: Option<&FoundMeta>) -> Result<Vec<Extracted>, ImportError> {
    let people = listed_people(root);
    let names: HashMap<&str, &ListedPerson> = people.iter().map(|p| (p.key.as_str(), p)).collect();
    let mut header = header_meta(root);
    if let Some(c) = corpus {
        header.edition = header.edition.or_else(|| c.title.clone());
    }
    let documents: Vec<Node> = root
        .descendants()
        .filter(|n| {
            n.has_tag_name("div")
                && (n.attribute("type") == Some("document")
                    || n.attribute("subtype") == Some("historical-document"))
        })
        .collect();
    let mut out = Vec::new();
    if documents.is_empty() {
        let body = root
            .descendants()
            .find(|n| n.has_tag_name("text"))
            .ok_or_else(|| ImportError::NoText("this TEI file has no <text>".into()))?;
        let mut walk = Walk::new(&names);
        walk.block(body, 0);
        let mut d = walk.finish()?;
        d.meta = header.clone();
        d.present = header_participants(root);
        d.people = people.clone();
        out.push(d);
        return Ok(out);
    }
    let starts = page_in_effect(root, &documents);
    for (div, (index, label)) in documents.iter().zip(starts) {
        let mut walk = Walk::new(&names);
        if let Some(label) = label {
            walk.b.page(index, label);
        }
        walk.page_index = index;
        walk.block(*div, 0);
        let mut d = walk.finish()?;
        d.meta = frus_meta(*div, &header);
        d.present = participants(*div, &names);
        d.people = people.clone();
        out.push(d);
    }
    Ok(out)
}

/// The page in effect where each document begins (the last `pb` before it), as (index, label).
fn page_in_effect(root: Node, documents: &[Node]) -> Vec<(u32, Option<String>)> {
    let mut out = Vec::with_capacity(documents.len());
    let mut index = 0u32;
    let mut label: Option<String> = None;
    let mut next = 0usize;
    for n in root.descendants() {
        if next < documents.len() && n == documents[next] {
            out.push((index.max(1), label.clone()));
            next += 1;
        }
        if n.has_tag_name("pb") {
            index += 1;
            label = Some(n.attribute("n").map_or(index.to_string(), str::to_string));
        }
    }
    while out.len() < documents.len() {
        out.push((index.max(1), label.clone()));
    }
    out
}

/// A FRUS date attribute ("1961-06-03T13:00:00-04:00") as a calendar date.
fn day_of(attr: &str) -> Option<String> {
    let day = attr.get(..10)?;
    crate::corpus::DocDate::parse(day)
        .ok()
        .map(|_| day.to_string())
}

fn frus_meta(div: Node, header: &FoundMeta) -> FoundMeta {
    let mut m = FoundMeta {
        edition: header.title.clone(),
        language: header.language.clone(),
        ..FoundMeta::default()
    };
    m.number = div.attribute("n").map(str::to_string);
    let head = div.children().find(|n| n.has_tag_name("head"));
    m.title = head
        .map(text_of)
        .and_then(non_empty)
        .map(|t| match &m.number {
            Some(n) => t
                .strip_prefix(&format!("{n}."))
                .map(|r| r.trim().to_string())
                .unwrap_or(t),
            None => t,
        });
    let min = div
        .attribute((FRUS_NS, "doc-dateTime-min"))
        .and_then(day_of);
    let max = div
        .attribute((FRUS_NS, "doc-dateTime-max"))
        .and_then(day_of);
    m.date = match (min, max) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}/{b}")),
        (Some(a), _) => Some(a),
        (None, Some(b)) => Some(b),
        (None, None) => div
            .descendants()
            .find(|n| n.has_tag_name("date"))
            .and_then(|d| d.attribute("when"))
            .and_then(day_of),
    };
    let source = div
        .descendants()
        .find(|n| n.has_tag_name("note") && n.attribute("type") == Some("source"));
    m.archival_reference = source.map(text_of).and_then(non_empty).map(|s| {
        s.strip_prefix("Source:")
            .map(|r| r.trim().to_string())
            .unwrap_or(s)
    });
    m.place = div
        .descendants()
        .find(|n| n.has_tag_name("dateline"))
        .and_then(|d| d.descendants().find(|n| n.has_tag_name("placeName")))
        .map(text_of)
        .and_then(non_empty);
    m
}

fn participants(div: Node, names: &HashMap<&str, &ListedPerson>) -> Vec<String> {
    let mut out = Vec::new();
    for list in div
        .descendants()
        .filter(|n| n.has_tag_name("list") && n.attribute("type") == Some("participants"))
    {
        for item in list.children().filter(|n| n.has_tag_name("item")) {
            let tagged: Vec<String> = item
                .descendants()
                .filter(|n| n.has_tag_name("persName"))
                .filter_map(|n| n.attribute("corresp"))
                .filter_map(|c| names.get(c.trim_start_matches('#')))
                .map(|p| p.name.clone())
                .collect();
            if tagged.is_empty() {
                let t = text_of(item);
                let name = t.split(',').next().unwrap_or("").trim().to_string();
                if !name.is_empty() {
                    out.push(name);
                }
            } else {
                out.extend(tagged);
            }
        }
    }
    out.dedup();
    out
}

/// Elements that begin and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "head",
    "dateline",
    "salute",
    "signed",
    "closer",
    "opener",
    "ab",
    "row",
    "postscript",
    "byline",
    "trailer",
    "l",
    "docTitle",
    "titlePart",
    "docImprint",
    "argument",
    "epigraph",
];
/// Elements whose content is not the document's running text.
const SKIPPED: &[&str] = &[
    "teiHeader",
    "fw",
    "figure",
    "facsimile",
    "graphic",
    "listPerson",
    "standOff",
];

struct Walk<'a, 'n> {
    b: TextBuilder,
    names: &'a HashMap<&'n str, &'n ListedPerson>,
    tagged: Vec<TaggedName>,
    note_number: usize,
    page_index: u32,
    too_deep: bool,
    anchors: Vec<(String, usize, Open)>,
}

impl<'a, 'n> Walk<'a, 'n> {
    fn new(names: &'a HashMap<&'n str, &'n ListedPerson>) -> Walk<'a, 'n> {
        Walk {
            b: TextBuilder::new(),
            names,
            tagged: Vec::new(),
            note_number: 0,
            page_index: 0,
            too_deep: false,
            anchors: Vec::new(),
        }
    }

    fn finish(mut self) -> Result<Extracted, ImportError> {
        if self.too_deep {
            return Err(ImportError::TooLarge(format!(
                "the XML nests elements more than {MAX_DEPTH} deep"
            )));
        }
        let anchors: Vec<crate::import::AnchorAt> = std::mem::take(&mut self.anchors)
            .into_iter()
            .map(|(id, at, open)| crate::import::AnchorAt {
                next: self.b.close(open).map_or(at, |(start, _)| start),
                id,
                at,
            })
            .collect();
        let mut d = self.b.finish();
        d.anchors = anchors;
        d.names = self.tagged;
        d.names.sort_by_key(|n| n.start);
        Ok(d)
    }

    fn block(&mut self, node: Node, depth: usize) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        for child in node.children() {
            self.node(child, depth + 1);
        }
    }

    fn node(&mut self, n: Node, depth: usize) {
        if n.is_text() {
            self.b.push_str(n.text().unwrap_or(""));
            return;
        }
        if !n.is_element() {
            return;
        }
        let name = n.tag_name().name();
        if SKIPPED.contains(&name) {
            return;
        }
        match name {
            "pb" => {
                self.page_index += 1;
                let label = n
                    .attribute("n")
                    .map_or(self.page_index.to_string(), str::to_string);
                self.b.page(self.page_index, label);
                return;
            }
            "lb" | "cell" => {
                self.b.space();
                return;
            }
            "anchor" => {
                if let Some(id) = n.attribute((XML_NS, "id")) {
                    let at = self.b.char_len();
                    let open = self.b.open();
                    self.anchors.push((id.to_string(), at, open));
                }
                return;
            }
            // A note printed in the running text (a translator's bracketed note) is text.
            "note" if n.attribute("place") == Some("inline") => {}
            "note" => {
                self.note_number += 1;
                let mark = n
                    .attribute("n")
                    .map_or(self.note_number.to_string(), str::to_string);
                let mark = if n.attribute("type") == Some("source") {
                    "Source".to_string()
                } else {
                    mark
                };
                self.b.note(mark, &text_of(n));
                return;
            }
            _ => {}
        }
        let is_block = BLOCKS.contains(&name) || name == "list";
        if is_block {
            self.b.end_paragraph();
        }
        // "heading2": a heading of that level (how the export writes headings).
        let heading = |rend: Option<&str>| {
            rend.and_then(|r| r.strip_prefix("heading"))
                .and_then(|l| l.parse::<u8>().ok())
                .filter(|l| (1..=6).contains(l))
                .map(Style::Heading)
        };
        let style = match name {
            "head" => Some(Style::Heading(2)),
            "p" => heading(n.attribute("rend")),
            "hi" | "emph" | "title" | "foreign" => match n.attribute("rend") {
                Some("strong" | "bold") => Some(Style::Bold),
                Some("underline") => Some(Style::Underline),
                Some("roman") => None,
                r if heading(r).is_some() => heading(r),
                Some(_) | None => Some(Style::Italic),
            },
            _ => None,
        };
        let opened: Option<Open> = style.map(|_| self.b.open());
        let name_open = (name == "persName")
            .then(|| n.attribute("corresp"))
            .flatten()
            .map(|c| c.trim_start_matches('#'))
            .filter(|key| self.names.contains_key(key))
            .map(|key| (self.b.open(), key.to_string()));
        self.block(n, depth);
        if let (Some(o), Some(s)) = (opened, style) {
            self.b.close_style(o, s);
        }
        if let Some((o, key)) = name_open {
            self.b.close_name(o, &key, &mut self.tagged);
        }
        if is_block || name == "item" {
            self.b.end_paragraph();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::header::display_name;
    use super::*;

    #[test]
    fn listed_names_read_given_name_first() {
        assert_eq!(display_name("Castro Ruz, Fidel"), "Fidel Castro Ruz");
        assert_eq!(display_name("Khrushchev"), "Khrushchev");
        assert_eq!(
            display_name("Cumming, Hugh S., Jr."),
            "Cumming, Hugh S., Jr."
        );
    }

    #[test]
    fn a_dtd_is_refused() {
        let xml = br#"<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><p>&x;</p></text></TEI>"#;
        let e = Tei.extract(xml).unwrap_err();
        assert!(e.to_string().contains("DTD"), "{e}");
    }
}
