//! What cites besides the citations themselves (those are written by [`super::cite`]): the
//! paper's reference as the CSL-JSON records' notes give it, a quote with its citation, and a
//! document's title with its date for headings.

use crate::corpus::Document;

/// The paper, as the CSL-JSON records' notes say where a document is reproduced.
pub const PAPER: &str = "James G. Hershberg, “New Russian Evidence on Soviet-Cuban Relations, 1960-61,” Cold War International History Project Working Paper #90";

/// A citation without its Markdown (the `*` around book titles), for plain-text exports
/// such as CSV.
pub fn plain_text(citation: &str) -> String {
    citation.replace('*', "")
}

/// A quote with its citation in the chosen style (a full note, or the in-text citation),
/// ready to paste into a paper; titles in italics are marked `*` (Markdown).
pub fn quote_with_citation(
    ws: &crate::Workspace,
    doc: &Document,
    start: usize,
    end: usize,
) -> String {
    let quote = doc.slice_chars(start, end);
    let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let citation = ws.citer.cite(
        ws,
        doc,
        doc.page_range(start, end),
        super::cite::Position::First,
    );
    format!("“{quote}”\n\n{citation}")
}

/// A document's title, followed by its date when the title does not already give it (the
/// headings of Markdown exports).
pub fn title_with_date(doc: &Document) -> String {
    let date = doc
        .meta
        .date
        .as_ref()
        .map(|d| d.long_form())
        .filter(|d| !doc.meta.title.contains(d.as_str()))
        .unwrap_or_default();
    // "… edited version (1974), 20 September 1960", not "… (1974) (20 September 1960)".
    match (date.is_empty(), doc.meta.title.ends_with(')')) {
        (true, _) => doc.meta.title.clone(),
        (false, true) => format!("{}, {date}", doc.meta.title),
        (false, false) => format!("{} ({date})", doc.meta.title),
    }
}
