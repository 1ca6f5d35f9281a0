//! Documents with their notes as TEI P5, for digital editions (oXygen, TEI Publisher, EVT).
//!
//! One document is one `<TEI>`; several are a `<teiCorpus>` of them. Each carries:
//! - a `teiHeader`: title, author, translator, the archival source (`msIdentifier`), the book
//!   or edition it was taken from with its pages, the citation, the date and place written,
//!   its language and its participants (`particDesc/listPerson`); the codebook is a
//!   `taxonomy` (nested `category`, each tag's name in `@n`, its definition in `catDesc`);
//! - its text: paragraphs as `<p>`, the working paper's pages as `<pb n>`, footnotes as
//!   `<note place="foot">` where their marker stands, formatting as `<hi rend>`, and the
//!   paper's editorial marks as TEI: `[sic]` as `<metamark function="sic">` after the word it
//!   marks (`<sic>`), bracketed insertions as `<supplied>`, translator's and editor's notes as
//!   `<note place="inline">`, omissions as `<gap>` (the brackets and the mark itself are kept as
//!   text, so the text reads back word for word);
//! - its notes in a `<standOff>`: each passage an `<annotation>` whose `@target` is
//!   `#range(start,end)` between two `<anchor>`s in the text, its tags as `@ana` pointing into
//!   the taxonomy, its author in `respStmt`, its dates in `revisionDesc`, its text as `<note>`.
//!   A note on two passages is an annotation on each with the same `@n` (the note's id).
//!
//! [`crate::export::tei_import`] reads the notes back; File → Add document… reads the text.

mod header;
mod text;

use super::notebook::{Placed, documents_of, placed};
use crate::Workspace;
use crate::corpus::Document;
use crate::notes::model::{Notebook, Target};
use std::collections::{BTreeMap, HashMap};

/// The TEI namespace.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// Text escaped for XML content or a double-quoted attribute; characters XML cannot carry are
/// dropped. Line ends are kept as they are (content keeps them).
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An attribute value on one line (line ends as character references).
pub(super) fn attr(text: &str) -> String {
    esc(text).replace('\n', "&#10;").replace('\t', "&#9;")
}

/// One passage of a note on this document, as the stand-off annotation writes it.
pub(super) struct Passage<'a> {
    number: usize,
    placed: &'a Placed<'a>,
    target: &'a Target,
    range: Option<(usize, usize)>,
}

/// Whether a timestamp is an `xsd:dateTime`.
fn is_date_time(stamp: &str) -> bool {
    stamp.len() >= 20
        && stamp.as_bytes().get(4) == Some(&b'-')
        && stamp.as_bytes().get(10) == Some(&b'T')
        && stamp
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-:.+".contains(c))
}

fn stand_off(prefix: &str, passages: &[Passage], tags: &HashMap<String, String>, out: &mut String) {
    if passages.is_empty() {
        return;
    }
    out.push_str("<standOff>\n<listAnnotation>\n");
    for p in passages {
        let a = p.placed.note;
        let target = match (p.range, p.target) {
            (Some(_), _) => format!("#range({prefix}-a{n}-s,{prefix}-a{n}-e)", n = p.number),
            (None, Target::Region { .. }) => format!("#{prefix}-region{}", p.number),
            (None, _) => format!("#{prefix}-text"),
        };
        let motivation = if !a.note.trim().is_empty() {
            "commenting"
        } else if !a.tags.is_empty() {
            "tagging"
        } else {
            "highlighting"
        };
        let ana: Vec<String> = a
            .tags
            .iter()
            .filter_map(|t| tags.get(t))
            .map(|id| format!("#{id}"))
            .collect();
        let ana = if ana.is_empty() {
            String::new()
        } else {
            format!(" ana=\"{}\"", ana.join(" "))
        };
        out.push_str(&format!(
            "<annotation xml:id=\"{prefix}-note{}\" n=\"{}\" target=\"{target}\" motivation=\"{motivation}\"{ana}>\n",
            p.number,
            attr(&a.id)
        ));
        if !a.author.trim().is_empty() {
            out.push_str(&format!(
                "<respStmt><resp>annotator</resp><name>{}</name></respStmt>\n",
                esc(&a.author)
            ));
        }
        let changes: Vec<(&str, &str)> = [
            ("created", a.created.as_str()),
            ("modified", a.modified.as_str()),
        ]
        .into_iter()
        .filter(|(_, s)| is_date_time(s))
        .collect();
        if !changes.is_empty() {
            out.push_str("<revisionDesc>");
            for (kind, when) in changes {
                out.push_str(&format!("<change type=\"{kind}\" when=\"{when}\"/>"));
            }
            out.push_str("</revisionDesc>\n");
        }
        if !a.note.is_empty() {
            out.push_str(&format!("<note>{}</note>\n", esc(&a.note)));
        }
        // A passage that could not be placed keeps its quote, so nothing is lost.
        if p.range.is_none()
            && let Some(q) = p.target.quote()
        {
            out.push_str(&format!("<note type=\"quote\">{}</note>\n", esc(q)));
        }
        out.push_str("</annotation>\n");
    }
    out.push_str("</listAnnotation>\n</standOff>\n");
}

/// The regions of pages the notes are on, as the zones of the original's surfaces (one per
/// page, measured in ten-thousandths of its width and height from its top left).
fn facsimile(prefix: &str, passages: &[Passage], out: &mut String) {
    let mut pages: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for p in passages {
        if let Target::Region { page, region, .. } = p.target
            && region.is_valid()
        {
            pages.entry(*page).or_default().push(format!(
                "<zone xml:id=\"{prefix}-region{}\" ulx=\"{}\" uly=\"{}\" lrx=\"{}\" lry=\"{}\"/>\n",
                p.number,
                region.x,
                region.y,
                region.x + region.w,
                region.y + region.h
            ));
        }
    }
    if pages.is_empty() {
        return;
    }
    let units = crate::notes::model::REGION_UNITS;
    out.push_str("<facsimile>\n");
    for (page, zones) in pages {
        out.push_str(&format!(
            "<surface n=\"{page}\" ulx=\"0\" uly=\"0\" lrx=\"{units}\" lry=\"{units}\">\n"
        ));
        for z in zones {
            out.push_str(&z);
        }
        out.push_str("</surface>\n");
    }
    out.push_str("</facsimile>\n");
}

/// One `<TEI>`: header, notes and text of a document.
fn one_document(
    ws: &Workspace,
    doc: &Document,
    index: usize,
    passages: Vec<Passage>,
    tags: &header::Taxonomy,
    standalone: bool,
    out: &mut String,
) {
    let prefix = format!("d{index}");
    let lang = doc
        .meta
        .language
        .as_deref()
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 35
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map_or(String::new(), |l| format!(" xml:lang=\"{l}\""));
    if standalone {
        out.push_str(&format!("<TEI xmlns=\"{TEI_NS}\"{lang}>\n"));
    } else {
        out.push_str(&format!("<TEI{lang}>\n"));
    }
    header::header(
        ws,
        doc,
        &prefix,
        standalone.then_some(tags.xml.as_str()),
        out,
    );
    let mut points = Vec::new();
    for p in &passages {
        if let Some((s, e)) = p.range {
            points.push((s, text::Point::Start(format!("{prefix}-a{}-s", p.number))));
            points.push((e, text::Point::End(format!("{prefix}-a{}-e", p.number))));
        }
    }
    facsimile(&prefix, &passages, out);
    stand_off(&prefix, &passages, &tags.ids, out);
    text::body(ws, doc, &prefix, points, out);
    out.push_str("</TEI>\n");
}

/// The documents the selected notes are on (and those the document filter names), with those
/// notes, as TEI: one `<TEI>`, or a `<teiCorpus>` of several.
pub fn tei(ws: &Workspace, nb: &Notebook, docs: &[String], tags: &[String]) -> String {
    let notes = placed(ws, nb, docs, tags);
    let on = documents_of(ws, &notes, docs);
    let taxonomy = header::taxonomy(nb, &notes);
    // Each document's passages, numbered in the document.
    let mut by_doc: BTreeMap<usize, Vec<Passage>> = BTreeMap::new();
    for p in &notes {
        for place in &p.places {
            let Some(i) = place.doc else { continue };
            let list = by_doc.entry(i).or_default();
            list.push(Passage {
                number: list.len() + 1,
                placed: p,
                target: place.target,
                range: place.range,
            });
        }
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match on.as_slice() {
        [one] => {
            let passages = by_doc.remove(one).unwrap_or_default();
            one_document(
                ws,
                &ws.corpus.documents[*one],
                1,
                passages,
                &taxonomy,
                true,
                &mut out,
            );
        }
        [] => {
            out.push_str(&format!(
                "<TEI xmlns=\"{TEI_NS}\">\n<teiHeader>\n<fileDesc>\n<titleStmt><title>No documents</title></titleStmt>\n<publicationStmt><authority>Reading Room</authority></publicationStmt>\n<sourceDesc><p>The export selected no document.</p></sourceDesc>\n</fileDesc>\n<encodingDesc>\n{}</encodingDesc>\n</teiHeader>\n<text><body><p/></body></text>\n</TEI>\n",
                taxonomy.xml
            ));
        }
        several => {
            out.push_str(&format!(
                "<teiCorpus xmlns=\"{TEI_NS}\">\n<teiHeader>\n<fileDesc>\n<titleStmt><title>Annotated documents</title></titleStmt>\n<publicationStmt><authority>Reading Room (export of a researcher's annotated copies)</authority></publicationStmt>\n<sourceDesc><p>{} documents with the notes made on them.</p></sourceDesc>\n</fileDesc>\n<encodingDesc>\n{}</encodingDesc>\n</teiHeader>\n",
                several.len(),
                taxonomy.xml
            ));
            for (k, &i) in several.iter().enumerate() {
                let passages = by_doc.remove(&i).unwrap_or_default();
                one_document(
                    ws,
                    &ws.corpus.documents[i],
                    k + 1,
                    passages,
                    &taxonomy,
                    false,
                    &mut out,
                );
            }
            out.push_str("</teiCorpus>\n");
        }
    }
    out
}
