//! The stable JSON shapes the CLI prints. Offsets are chars into `text`.

use crate::Workspace;
use crate::corpus::Document;
use serde_json::{Value, json};

/// The printed source of a document: archival reference verbatim, or the book as cited.
pub fn source_of(doc: &Document) -> Option<String> {
    doc.meta
        .citation_verbatim
        .clone()
        .or_else(|| doc.meta.publication.as_ref().map(|p| p.verbatim.clone()))
}

/// (canonical name, role) pairs of a document, in registry order then role order.
pub fn participants(ws: &Workspace, doc: &Document) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    if let Some(roles) = ws.people.roles.get(&doc.meta.id) {
        for person in &ws.registry.people {
            if let Some(rs) = roles.get(&person.id) {
                for r in rs {
                    out.push((person.name.clone(), r.slug()));
                }
            }
        }
    }
    out
}

/// A document's metadata as JSON (what `docs --json` prints).
pub fn document(ws: &Workspace, doc: &Document) -> Value {
    let m = &doc.meta;
    json!({
        "id": m.id,
        "title": m.title,
        "short_title": m.short_title,
        "date": m.date,
        "event_date": m.event_date,
        "published": m.published,
        "kind": m.kind.slug(),
        "part": m.part.map(|p| p.slug()),
        "source": source_of(doc),
        "archival": m.archival,
        "publication": m.publication,
        "classification": m.classification,
        "copy_no": m.copy_no,
        "outgoing_no": m.outgoing_no,
        "journal_date": m.journal_date,
        "author": m.author.as_deref().map(|p| ws.person_name(p)),
        "recorder": m.recorder.as_deref().map(|p| ws.person_name(p)),
        "addressee": m.addressee.as_deref().map(|p| ws.person_name(p)),
        "translator": m.translator,
        "url": m.url,
        "collection": m.collection,
        "place": m.place,
        "language": m.language,
        "anomalies": m.anomalies,
        "participants": participants(ws, doc)
            .into_iter()
            .map(|(person, role)| json!({"person": person, "role": role}))
            .collect::<Vec<_>>(),
    })
}

/// Everything about a document (what `show --json` prints).
pub fn document_full(ws: &Workspace, doc: &Document) -> Value {
    let mut v = document(ws, doc);
    let mentions: Vec<Value> = ws
        .people
        .mentions
        .get(&doc.meta.id)
        .into_iter()
        .flatten()
        .map(|m| json!({"person": ws.person_name(&m.person), "start": m.start, "end": m.end}))
        .collect();
    let obj = v.as_object_mut().expect("object");
    obj.insert("heading".into(), json!(doc.heading));
    obj.insert("text".into(), json!(doc.text));
    obj.insert("mentions".into(), json!(mentions));
    obj.insert(
        "footnotes".into(),
        json!(ws.corpus.footnotes_of(&doc.meta.id).collect::<Vec<_>>()),
    );
    obj.insert(
        "pages".into(),
        json!(
            doc.pages
                .iter()
                .enumerate()
                .map(|(i, p)| json!({
                    "at": p.at,
                    "page": p.page,
                    "label": doc.page_labels.get(i).cloned().unwrap_or_else(|| p.page.to_string()),
                }))
                .collect::<Vec<_>>()
        ),
    );
    obj.insert("styles".into(), json!(doc.styles));
    obj.insert("original".into(), json!(doc.original));
    obj.insert("editorial".into(), json!(doc.editorial));
    v
}
