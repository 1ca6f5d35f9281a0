//! Annotated documents as one standalone web page to read and print (no scripts, nothing
//! fetched): each document's text with its notes highlighted in their tags' colours, each note
//! in the margin beside its paragraph (its tags, text, author and the citation at its page), the
//! working paper's pages marked where they begin, the paper's footnotes at the end of the
//! document. A print stylesheet keeps the highlights and puts the notes in the margin.

use super::cite::Position;
use super::notebook::{Placed, documents_of, placed};
use crate::Workspace;
use crate::corpus::Document;
use crate::notes::model::Notebook;

/// Text with HTML's special characters escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A note's text as paragraphs (blank lines) and line breaks, escaped.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

/// `#rrggbb` when the stored colour is one, else a neutral blue (a colour from a notebook is
/// never written into the page unchecked).
fn safe_colour(stored: Option<&str>) -> String {
    match stored {
        Some(c)
            if c.len() == 7
                && c.starts_with('#')
                && c[1..].chars().all(|x| x.is_ascii_hexdigit()) =>
        {
            c.to_ascii_lowercase()
        }
        _ => "#1f5fa8".to_string(),
    }
}

const STYLE: &str = r#"
body { font-family: Georgia, "DejaVu Serif", serif; line-height: 1.55; color: #1a1a1a;
  max-width: 46rem; margin: 2rem auto; padding: 0 20rem 0 2rem; position: relative; }
header.doc { border-bottom: 1px solid #999; margin: 3rem 0 1rem; }
header.doc h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
.cite { font-size: .85rem; color: #444; }
.para { position: relative; }
mark { background: none; border-bottom: 2px solid; padding: 0 1px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
sup.ref, sup.fn { font-size: .7rem; }
aside.note { float: right; clear: right; margin: .2rem -19rem .4rem 0; width: 17rem;
  font-size: .8rem; border-left: 4px solid; padding: .2rem .5rem; background: #fafafa;
  overflow-wrap: anywhere; }
aside.note .tags span { display: inline-block; color: #fff; border-radius: 3px;
  padding: 0 .3rem; margin-right: .2rem; font-size: .7rem;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
aside.note .by, aside.note .cite { color: #555; font-size: .75rem; }
.pb { position: absolute; left: -4.5rem; font-size: .75rem; color: #777; }
section.footnotes { font-size: .85rem; border-top: 1px solid #ccc; margin-top: 1.5rem; }
@media print {
  body { margin: 0; padding: 0 15rem 0 5rem; max-width: none; }
  aside.note { margin-right: -14rem; width: 13rem; }
  header.doc { break-before: page; }
  header.doc:first-of-type { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// One note of the page: its number, colour, passage in this document and what it says.
struct PageNote<'a> {
    number: usize,
    colour: String,
    start: usize,
    end: usize,
    placed: &'a Placed<'a>,
    pages: Option<(u32, u32)>,
    /// For a note on a region of a page: "p. 15, region" (it stands where the page begins).
    region: Option<String>,
}

/// The annotated page of the documents the selected notes are on (and those the document
/// filter names), with those notes.
pub fn annotated(ws: &Workspace, nb: &Notebook, docs: &[String], tags: &[String]) -> String {
    let notes = placed(ws, nb, docs, tags);
    let on = documents_of(ws, &notes, docs);
    let title = match on.as_slice() {
        [one] => ws.corpus.documents[*one].meta.title.clone(),
        _ => "Annotated documents".to_string(),
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"Reading Room\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    let mut number = 0;
    for &i in &on {
        let doc = &ws.corpus.documents[i];
        let mut here: Vec<PageNote> = Vec::new();
        for p in &notes {
            for place in p.places.iter().filter(|pl| pl.doc == Some(i)) {
                let region = match place.target {
                    crate::notes::Target::Region { page, .. } => Some((
                        crate::facsimile::text_at_file_page(doc, *page).unwrap_or(0),
                        super::notebook::region_label(Some(doc), *page),
                    )),
                    _ => None,
                };
                let Some((start, end)) = place.range.or(region.as_ref().map(|(at, _)| (*at, *at)))
                else {
                    continue;
                };
                number += 1;
                here.push(PageNote {
                    number,
                    colour: safe_colour(p.note.tags.first().and_then(|t| nb.tag_colour(t))),
                    start,
                    end,
                    placed: p,
                    pages: place.pages,
                    region: region.map(|(_, label)| label),
                });
            }
        }
        here.sort_by_key(|n| (n.start, n.number));
        document(ws, nb, doc, &here, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One document: its header, its paragraphs with the notes, its footnotes.
fn document(ws: &Workspace, nb: &Notebook, doc: &Document, notes: &[PageNote], out: &mut String) {
    let m = &doc.meta;
    let date = m
        .date
        .as_ref()
        .map_or(String::new(), |d| format!(" · {}", escape(&d.long_form())));
    out.push_str(&format!(
        "<header class=\"doc\" id=\"{}\">\n<h1>{}</h1>\n<p class=\"cite\">{}{date}</p>\n<p class=\"cite\">{}</p>\n</header>\n",
        escape(doc.id()),
        escape(&m.title),
        escape(m.kind.label()),
        escape(&super::citation::plain_text(&ws.citer.cite(ws, doc, None, Position::First)))
    ));
    let text = doc.text.read();
    let chars: Vec<char> = text.chars().collect();
    // Paragraphs: runs of text between blank lines.
    let mut paras: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\n' && chars.get(i + 1) == Some(&'\n') {
            if i > start {
                paras.push((start, i));
            }
            while i < chars.len() && chars[i] == '\n' {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        paras.push((start, chars.len()));
    }
    let footnotes: Vec<&crate::corpus::Footnote> = ws.corpus.footnotes_of(doc.id()).collect();
    for (ps, pe) in paras {
        out.push_str("<div class=\"para\">");
        // Pages that begin in this paragraph, in the margin.
        for (k, mark) in doc
            .pages
            .iter()
            .enumerate()
            .filter(|(_, mk)| mk.at >= ps && mk.at < pe)
        {
            let label = doc
                .page_labels
                .get(k)
                .cloned()
                .unwrap_or_else(|| mark.page.to_string());
            out.push_str(&format!(
                "<span class=\"pb\" id=\"{}-p{}\">p. {}</span>",
                escape(doc.id()),
                escape(&label),
                escape(&label)
            ));
        }
        // The notes that begin here, floated into the margin beside the paragraph's top.
        for n in notes.iter().filter(|n| n.start >= ps && n.start < pe) {
            margin_note(ws, nb, doc, n, out);
        }
        out.push_str("<p>");
        let mut cuts: Vec<usize> = vec![ps, pe];
        for n in notes {
            for at in [n.start, n.end] {
                if at > ps && at < pe {
                    cuts.push(at);
                }
            }
        }
        for f in &footnotes {
            if f.at > ps && f.at <= pe {
                cuts.push(f.at.min(pe));
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let covering: Vec<&PageNote> = notes
                .iter()
                .filter(|n| n.start <= a && b <= n.end)
                .collect();
            let piece = escape(&chars[a..b].iter().collect::<String>()).replace('\n', "<br>");
            match covering.first() {
                Some(n) => out.push_str(&format!(
                    "<mark style=\"border-color: {c}; background-color: {c}33\" title=\"note {}\">{piece}</mark>",
                    covering
                        .iter()
                        .map(|n| n.number.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    c = n.colour
                )),
                None => out.push_str(&piece),
            }
            // A note's number where it ends; a footnote's where its marker stands.
            for n in notes.iter().filter(|n| n.end == b) {
                out.push_str(&format!(
                    "<sup class=\"ref\"><a href=\"#note-{0}\" id=\"ref-{0}\">{0}</a></sup>",
                    n.number
                ));
            }
            for f in footnotes.iter().filter(|f| f.at == b) {
                out.push_str(&format!(
                    "<sup class=\"fn\"><a href=\"#{}-fn{}\">{}</a></sup>",
                    escape(doc.id()),
                    f.number,
                    f.number
                ));
            }
        }
        out.push_str("</p>\n</div>\n");
    }
    if !footnotes.is_empty() {
        out.push_str("<section class=\"footnotes\">\n");
        for f in &footnotes {
            out.push_str(&format!(
                "<p id=\"{}-fn{}\">{}. {}</p>\n",
                escape(doc.id()),
                f.number,
                f.number,
                escape(&f.text)
            ));
        }
        out.push_str("</section>\n");
    }
}

/// A note in the margin: its number, tags, text, author and date, and the passage's citation
/// (short: the document's full citation heads it).
fn margin_note(ws: &Workspace, nb: &Notebook, doc: &Document, n: &PageNote, out: &mut String) {
    let a = n.placed.note;
    let tags: String = a
        .tags
        .iter()
        .map(|t| {
            format!(
                "<span style=\"background-color: {}\">{}</span>",
                safe_colour(nb.tag_colour(t)),
                escape(t)
            )
        })
        .collect();
    let by = [a.author.as_str(), a.created.get(..10).unwrap_or("")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    out.push_str(&format!(
        "<aside class=\"note\" id=\"note-{num}\" style=\"border-color: {c}\"><a href=\"#ref-{num}\">{num}</a> <span class=\"tags\">{tags}</span>{region}{text}<div class=\"by\">{by}</div><div class=\"cite\">{cite}</div></aside>\n",
        num = n.number,
        c = n.colour,
        region = n.region.as_ref().map_or(String::new(), |r| format!(
            "<p><em>{} of the original</em></p>",
            escape(r)
        )),
        text = paragraphs(&a.note),
        by = escape(&by),
        cite = escape(&super::citation::plain_text(&ws.citer.cite(
            ws,
            doc,
            n.pages,
            Position::Subsequent
        ))),
    ));
}
