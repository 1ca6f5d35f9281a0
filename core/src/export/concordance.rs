//! A speaker concordance as Markdown: every passage a person spoke, in date order, grouped by
//! document, each with its evidence, page and citation in the chosen style (in a note style,
//! full the first time a document is cited, short after), then the bibliography.

use super::citation::title_with_date;
use super::escape::{md_literal, md_literal_keeping};
use crate::Workspace;
use crate::speakers::ConcordanceEntry;
use std::collections::HashSet;

/// The concordance of `person` (an id) as Markdown; `containing` is the words filter the
/// entries were chosen by (blank for none), stated under the title.
pub fn markdown(
    ws: &Workspace,
    person: &str,
    entries: &[ConcordanceEntry],
    containing: &str,
) -> String {
    let name = ws.person_name(person);
    let docs: HashSet<&str> = entries.iter().map(|e| e.doc.as_str()).collect();
    let mut out = format!(
        "# What {name} said\n\n{} passages in {} documents, in date order. The speaker of each \
         passage was attributed by Reading Room from the text; the words that license it are \
         given as evidence.\n",
        entries.len(),
        docs.len()
    );
    if !containing.trim().is_empty() {
        out.push_str(&format!(
            "\nOnly passages containing “{}”.\n",
            md_literal(containing.trim())
        ));
    }
    // Every citation in one run, in order (positions; works of one author and year told apart).
    let order: Vec<(usize, Option<(u32, u32)>)> = entries
        .iter()
        .filter_map(|e| {
            let i = ws.corpus.index_of(&e.doc)?;
            Some((i, ws.corpus.documents[i].page_range(e.start, e.end)))
        })
        .collect();
    let mut seen = HashSet::new();
    let cited: Vec<usize> = order
        .iter()
        .map(|&(i, _)| i)
        .filter(|i| seen.insert(*i))
        .collect();
    let mut citations = ws.citer.run(ws, &order).into_iter();
    let mut current: Option<&str> = None;
    for e in entries {
        let Some(doc) = ws.corpus.get(&e.doc) else {
            continue;
        };
        if current != Some(e.doc.as_str()) {
            current = Some(e.doc.as_str());
            out.push_str(&format!("\n## {}\n", md_literal(&title_with_date(doc))));
        }
        out.push('\n');
        let text = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("> {}\n\n", md_literal(&text)));
        let mut meta = Vec::new();
        if e.speakers.len() > 1 {
            let with: Vec<&str> = e
                .speakers
                .iter()
                .filter(|s| *s != person)
                .map(|s| ws.person_name(s))
                .collect();
            meta.push(format!("Jointly with {}", with.join(", ")));
        }
        if !e.audience.is_empty() {
            let to: Vec<&str> = e.audience.iter().map(|s| ws.person_name(s)).collect();
            meta.push(format!("In conversation with {}", to.join(", ")));
        }
        match &e.evidence {
            Some(ev) => meta.push(format!("Evidence: “{}”", md_literal(&ev.text))),
            None => meta.push(format!("Evidence: {}", e.basis.label())),
        }
        out.push_str(&format!("*{}*\n\n", meta.join(" · ")));
        let citation = citations.next().unwrap_or_default();
        let citation = if super::cite::cited_as_written(doc) {
            md_literal(&citation)
        } else {
            md_literal_keeping(&citation, &['*'])
        };
        out.push_str(&format!("Source: {citation}\n"));
    }
    let entries = ws.citer.bibliography(ws, &cited);
    if !entries.is_empty() {
        out.push_str("\n## Bibliography\n\n");
        for e in entries {
            out.push_str(&format!("- {}\n", md_literal_keeping(&e, &['*'])));
        }
    }
    out
}
