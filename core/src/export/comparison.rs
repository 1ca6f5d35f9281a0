//! Exports of a comparison: a two-column Markdown or HTML table (under the two documents'
//! citations, in the chosen style), and a CSV with both sides, the one-sided marks and the
//! scores.

use crate::compare::{Alignment, side_labels};
use crate::corpus::Document;

/// One row as exported: the texts of both sides (empty when one-sided) and the score.
struct Row {
    a: String,
    b: String,
    score: Option<f64>,
}

fn rows(al: &Alignment, a: &Document, b: &Document) -> Vec<Row> {
    let text = |doc: &Document, s: &[crate::compare::Sentence], idx: &[usize]| match (
        idx.first(),
        idx.last(),
    ) {
        (Some(f), Some(l)) => doc
            .slice_chars(s[*f].start, s[*l].end)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    };
    al.groups
        .iter()
        .map(|g| Row {
            a: text(a, &al.a, &g.a),
            b: text(b, &al.b, &g.b),
            score: (!g.one_sided()).then_some(g.score),
        })
        .collect()
}

/// Each document's citation (in full, at the pages it stands on), as Markdown.
fn sources(ws: &crate::Workspace, a: &Document, b: &Document) -> [String; 2] {
    [a, b].map(|d| {
        ws.citer.cite(
            ws,
            d,
            d.page_range(0, d.char_len),
            crate::export::cite::Position::First,
        )
    })
}

/// A table cell: the text literal (no markup from the documents), pipes escaped.
fn md_cell(s: &str) -> String {
    super::escape::md_literal_keeping(s, &['|']).replace('|', "\\|")
}

/// A Markdown two-column table under the two documents' citations.
pub fn markdown(ws: &crate::Workspace, al: &Alignment, a: &Document, b: &Document) -> String {
    let (la, lb) = side_labels(a, b);
    let cite = |d: &Document, c: &str| {
        if super::cite::cited_as_written(d) {
            super::escape::md_literal(c)
        } else {
            super::escape::md_literal_keeping(c, &['*'])
        }
    };
    let [ca, cb] = sources(ws, a, b);
    let mut out = format!(
        "# {} / {}\n\n- {la}: {}\n- {lb}: {}\n\n| {} | {} | similarity |\n|---|---|---|\n",
        super::escape::md_literal(&a.meta.title),
        super::escape::md_literal(&b.meta.title),
        cite(a, &ca),
        cite(b, &cb),
        md_cell(&a.meta.short_title),
        md_cell(&b.meta.short_title)
    );
    for r in rows(al, a, b) {
        let (ca, cb) = match (r.a.is_empty(), r.b.is_empty()) {
            (true, _) => (format!("*only in {lb}*"), md_cell(&r.b)),
            (_, true) => (md_cell(&r.a), format!("*only in {la}*")),
            _ => (md_cell(&r.a), md_cell(&r.b)),
        };
        let s = r.score.map_or(String::new(), |s| format!("{s:.2}"));
        out.push_str(&format!("| {ca} | {cb} | {s} |\n"));
    }
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A standalone HTML page with the two-column table under the two documents' citations.
pub fn html(ws: &crate::Workspace, al: &Alignment, a: &Document, b: &Document) -> String {
    let (la, lb) = side_labels(a, b);
    let [ca, cb] = sources(ws, a, b);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} / {}</title>\n<style>table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:4px 8px;vertical-align:top}}.only{{font-style:italic;color:#a0522d}}</style></head><body>\n<ul class=\"sources\"><li>{}: {}</li><li>{}: {}</li></ul>\n<table>\n<tr><th>{}</th><th>{}</th><th>similarity</th></tr>\n",
        html_escape(&a.meta.title),
        html_escape(&b.meta.title),
        html_escape(&la),
        html_escape(&super::citation::plain_text(&ca)),
        html_escape(&lb),
        html_escape(&super::citation::plain_text(&cb)),
        html_escape(&a.meta.short_title),
        html_escape(&b.meta.short_title)
    );
    for r in rows(al, a, b) {
        let cell = |t: &str, other: &str| {
            if t.is_empty() {
                format!("<td class=\"only\">only in {}</td>", html_escape(other))
            } else {
                format!("<td>{}</td>", html_escape(t))
            }
        };
        out.push_str(&format!(
            "<tr>{}{}<td>{}</td></tr>\n",
            cell(&r.a, &lb),
            cell(&r.b, &la),
            r.score.map_or(String::new(), |s| format!("{s:.2}"))
        ));
    }
    out.push_str("</table>\n</body></html>\n");
    out
}

/// A CSV: row, a, b, only_in, similarity (spreadsheet formulas neutralised).
pub fn csv(al: &Alignment, a: &Document, b: &Document) -> String {
    let (la, lb) = side_labels(a, b);
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "row",
        a.meta.id.as_str(),
        b.meta.id.as_str(),
        "only_in",
        "similarity",
    ]);
    for (i, r) in rows(al, a, b).into_iter().enumerate() {
        let only = match (r.a.is_empty(), r.b.is_empty()) {
            (true, _) => lb.clone(),
            (_, true) => la.clone(),
            _ => String::new(),
        };
        let _ = w.write_record([
            (i + 1).to_string(),
            neutralise(&r.a),
            neutralise(&r.b),
            only,
            r.score.map_or(String::new(), |s| format!("{s:.3}")),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection);
/// see [`super::escape::csv_cell`].
pub fn neutralise(cell: &str) -> String {
    super::escape::csv_cell(cell)
}
