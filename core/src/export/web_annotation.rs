//! W3C Web Annotation JSON-LD: notes as an `AnnotationCollection`, each passage a target with
//! `TextQuoteSelector` and `TextPositionSelector`, each region of a page a `FragmentSelector`
//! (`page=N`, refined by `xywh=percent:`); and how a region is named in the other exports.

use super::notebook::{Place, placed};
use crate::Workspace;
use crate::notes::model::{Notebook, Target};
use serde_json::{Value, json};

/// The URI of a document in JSON-LD: its Wilson Center address, or a `urn:readingroom:` name.
pub fn document_uri(ws: &Workspace, id: &str) -> String {
    ws.corpus
        .get(id)
        .and_then(|d| d.meta.url.clone())
        .unwrap_or_else(|| format!("urn:readingroom:document:{id}"))
}

/// A passage as a W3C target (`None` for a memo).
fn target_json(ws: &Workspace, place: &Place) -> Option<Value> {
    Some(match place.target {
        Target::Memo => return None,
        Target::Document { doc } => {
            json!({"source": document_uri(ws, doc), "readingroom:document": doc})
        }
        Target::Text {
            doc,
            quote,
            position,
            ..
        } => json!({
            "source": document_uri(ws, doc),
            "readingroom:document": doc,
            "selector": [
                {"type": "TextQuoteSelector", "exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix},
                {"type": "TextPositionSelector", "start": place.range.map_or(position.start, |r| r.0), "end": place.range.map_or(position.end, |r| r.1)},
            ],
        }),
        // The page of the PDF (RFC 3778's `page=`), refined by the rectangle on it (a media
        // fragment, `xywh=percent:`).
        Target::Region { doc, page, region } => json!({
            "source": document_uri(ws, doc),
            "readingroom:document": doc,
            "selector": {
                "type": "FragmentSelector",
                "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
                "value": format!("page={page}"),
                "refinedBy": {
                    "type": "FragmentSelector",
                    "conformsTo": "http://www.w3.org/TR/media-frags/",
                    "value": region.media_fragment(),
                },
            },
        }),
    })
}

/// How a region note's place is written: "p. 14, region" (the page as the original prints it).
pub fn region_label(doc: Option<&crate::corpus::Document>, page: u32) -> String {
    let printed = doc
        .and_then(|d| {
            let k = d.file_pages.iter().position(|&p| p == page)?;
            Some(
                d.page_labels
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| d.pages.get(k).map_or(page, |p| p.page).to_string()),
            )
        })
        .unwrap_or_else(|| page.to_string());
    format!("p. {printed}, region")
}

/// The printed page number of a page of a document's original, for its citation.
pub(super) fn printed_page(d: &crate::corpus::Document, page: u32) -> Option<(u32, u32)> {
    let k = d.file_pages.iter().position(|&p| p == page)?;
    d.pages.get(k).map(|p| (p.page, p.page))
}

/// W3C Web Annotation JSON-LD: an `AnnotationCollection` of annotations with a commenting
/// `TextualBody`, tagging bodies, and `TextQuoteSelector` + `TextPositionSelector` targets; a
/// note on several passages has a list of targets.
pub fn json_ld(ws: &Workspace, nb: &Notebook, docs: &[String], tags: &[String]) -> String {
    let items: Vec<Value> = placed(ws, nb, docs, tags)
        .iter()
        .map(|p| {
            let a = p.note;
            let mut body = vec![json!({"type": "TextualBody", "value": a.note, "format": "text/markdown", "purpose": "commenting"})];
            body.extend(a.tags.iter().map(|t| json!({"type": "TextualBody", "value": t, "purpose": "tagging"})));
            let targets: Vec<Value> = p
                .places
                .iter()
                .filter_map(|place| target_json(ws, place))
                .collect();
            // One target as an object; a note on several passages as a list (W3C allows it).
            let target = match targets.len() {
                0 => Value::Null,
                1 => targets.into_iter().next().unwrap_or_default(),
                _ => Value::Array(targets),
            };
            let mut v = json!({
                "id": format!("urn:uuid:{}", a.id),
                "type": "Annotation",
                "motivation": "commenting",
                "created": a.created,
                "modified": a.modified,
                "creator": {"type": "Person", "name": a.author},
                "body": body,
            });
            if !target.is_null() {
                v["target"] = target;
            }
            v
        })
        .collect();
    let collection = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"readingroom": "urn:readingroom:"}],
        "type": "AnnotationCollection",
        "label": "Reading Room notes",
        "total": items.len(),
        "first": {"type": "AnnotationPage", "items": items},
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}
