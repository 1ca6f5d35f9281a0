//! `said` (a person's concordance) and `speakers` (the speaker of every sentence of a document).

use super::{Outcome, pretty, resolve_person, unknown_document};
use crate::Workspace;
use serde_json::json;

/// `readingroom said --person NAME [--json | --markdown]`; "with" lists the other participants
/// of the conversation (to whom it was said).
pub(super) fn said(
    ws: &Workspace,
    person: &str,
    containing: Option<&str>,
    as_json: bool,
    markdown: bool,
) -> Outcome {
    let id = match resolve_person(ws, person) {
        Ok(id) => id,
        Err(e) => return e,
    };
    let entries = crate::speakers::containing(
        ws.speakers.concordance(&ws.corpus, &id),
        containing.unwrap_or(""),
    );
    if as_json {
        let passages: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                json!({
                    "doc": e.doc,
                    "date": e.date,
                    "start": e.start,
                    "end": e.end,
                    "text": e.text,
                    "evidence": e.evidence.as_ref().map(|ev| &ev.text),
                    "evidence_start": e.evidence.as_ref().map(|ev| ev.start),
                    "evidence_end": e.evidence.as_ref().map(|ev| ev.end),
                    "basis": e.basis,
                    "speakers": e.speakers,
                    "with": e.audience,
                })
            })
            .collect();
        return Outcome::ok(pretty(&serde_json::Value::Array(passages)));
    }
    if markdown {
        return Outcome::ok(crate::export::concordance::markdown(
            ws,
            &id,
            &entries,
            containing.unwrap_or(""),
        ));
    }
    let mut out = format!("{}: {} passages\n", ws.person_name(&id), entries.len());
    for e in &entries {
        let doc = ws.corpus.get(&e.doc).expect("concordance documents exist");
        let page = doc
            .page_at(e.start)
            .map_or(String::new(), |p| format!(", p. {p}"));
        let evidence = e
            .evidence
            .as_ref()
            .map_or(e.basis.label().to_string(), |ev| format!("“{}”", ev.text));
        let text: String = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!(
            "\n{} {} [{}-{}{page}] ({evidence})\n  {text}\n",
            e.date.as_deref().unwrap_or("undated"),
            e.doc,
            e.start,
            e.end
        ));
    }
    Outcome::ok(out)
}

/// `readingroom speakers ID [--json]`.
pub(super) fn speakers(ws: &Workspace, id: &str, as_json: bool) -> Outcome {
    let (Some(doc), Some(atts)) = (ws.corpus.get(id), ws.speakers.attributions.get(id)) else {
        return unknown_document(ws, id);
    };
    if as_json {
        let sentences: Vec<serde_json::Value> = atts
            .iter()
            .map(|a| {
                json!({
                    "start": a.start,
                    "end": a.end,
                    "text": doc.slice_chars(a.start, a.end),
                    "speakers": a.speakers,
                    "basis": a.basis,
                    "evidence": a.evidence.as_ref().map(|ev| &ev.text),
                })
            })
            .collect();
        return Outcome::ok(pretty(&json!({"doc": id, "sentences": sentences})));
    }
    let mut out = String::new();
    for a in atts {
        let who = if a.speakers.is_empty() {
            "-".to_string()
        } else {
            a.speakers
                .iter()
                .map(|s| ws.person_name(s))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let text: String = doc.slice_chars(a.start, a.end).chars().take(70).collect();
        out.push_str(&format!(
            "{who:<24} {:<11} {text}\n",
            format!("{:?}", a.basis)
        ));
    }
    Outcome::ok(out)
}
