//! The documents' records ([`super::bibliography`]) as RIS, with each document's notes as `N1`
//! and their tags as `KW`, so that Zotero's import gives items *with* the notes attached. Tags
//! follow Zotero's RIS translator: `TY` MANSCPT / CHAP / RPRT, `DB` the archive, `AN` the place
//! in it, `M3` the genre, `A4` translators, `T2` the book, `A2` its editors, `PB`, `CY`, `SP`,
//! `DA`, `UR`, `ID` the citation key.

use super::bibliography::{CslDate, CslItem};

/// A note attached to a record: its text as RIS carries it, and its tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedNote {
    /// The quote, the note, the page.
    pub text: String,
    /// Its tags.
    pub tags: Vec<String>,
}

/// `1961/01/21/`, `1961/05//`, `1961///`: the first date (RIS has no ranges).
fn ris_date(d: &CslDate) -> Option<String> {
    let p = d.date_parts.first()?;
    Some(match p.as_slice() {
        [y, m, d] => format!("{y:04}/{m:02}/{d:02}/"),
        [y, m] => format!("{y:04}/{m:02}//"),
        [y, ..] => format!("{y:04}///"),
        [] => return None,
    })
}

/// A value on one line (RIS is line-based); a note keeps its line breaks, each line set so
/// that it cannot be read as a tag of its own.
fn line(tag: &str, value: &str, out: &mut String) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    if tag == "N1" {
        let mut lines = value.lines();
        out.push_str(&format!("N1  - {}\n", lines.next().unwrap_or("")));
        for l in lines {
            let looks_like_tag = l.len() >= 6
                && l.as_bytes()[0].is_ascii_uppercase()
                && l.as_bytes()[1].is_ascii_alphanumeric()
                && l[2..].starts_with("  -");
            if looks_like_tag {
                out.push(' ');
            }
            out.push_str(l);
            out.push('\n');
        }
        return;
    }
    let one: String = value
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    out.push_str(&format!("{tag}  - {one}\n"));
}

/// One record with its notes.
fn record(item: &CslItem, notes: &[AttachedNote], out: &mut String) {
    let ty = match item.kind.as_str() {
        "chapter" => "CHAP",
        "report" => "RPRT",
        _ => "MANSCPT",
    };
    line("TY", ty, out);
    line("ID", &item.id, out);
    line("TI", &item.title, out);
    for a in &item.author {
        line("AU", &a.inverted(), out);
    }
    for t in &item.translator {
        line("A4", &t.inverted(), out);
    }
    match ty {
        "CHAP" => {
            line("T2", item.container_title.as_deref().unwrap_or(""), out);
            for e in &item.editor {
                line("A2", &e.inverted(), out);
            }
            // The book's own authors (Zotero's "book author").
            for a in &item.container_author {
                line("C2", &a.inverted(), out);
            }
            line(
                "SP",
                &item.page.as_deref().unwrap_or("").replace('\u{2013}', "-"),
                out,
            );
        }
        "RPRT" => {
            line("T2", item.collection_title.as_deref().unwrap_or(""), out);
            line("SN", item.number.as_deref().unwrap_or(""), out);
        }
        _ => line("M3", item.genre.as_deref().unwrap_or(""), out),
    }
    line("PB", item.publisher.as_deref().unwrap_or(""), out);
    line("CY", item.publisher_place.as_deref().unwrap_or(""), out);
    if let Some(d) = item.issued.as_ref().and_then(ris_date) {
        line("DA", &d, out);
        line("PY", &d[..4], out);
    }
    line("DB", item.archive.as_deref().unwrap_or(""), out);
    line("AN", item.archive_location.as_deref().unwrap_or(""), out);
    line("UR", item.url.as_deref().unwrap_or(""), out);
    line("LA", item.language.as_deref().unwrap_or(""), out);
    line("N1", item.note.as_deref().unwrap_or(""), out);
    let mut tags: Vec<&str> = Vec::new();
    for n in notes {
        line("N1", &n.text, out);
        for t in &n.tags {
            if !tags.contains(&t.as_str()) {
                tags.push(t);
            }
        }
    }
    for t in tags {
        line("KW", t, out);
    }
    out.push_str("ER  - \n\n");
}

/// The records as a `.ris` file, each with the notes attached to it (by citation key).
pub fn ris(
    items: &[CslItem],
    notes: &std::collections::HashMap<String, Vec<AttachedNote>>,
) -> String {
    let mut out = String::new();
    for item in items {
        record(
            item,
            notes.get(&item.id).map_or(&[][..], Vec::as_slice),
            &mut out,
        );
    }
    out
}
