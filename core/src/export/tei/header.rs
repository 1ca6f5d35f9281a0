//! The TEI header of a document: its title, people, sources and dates, and the codebook as a
//! taxonomy.

use super::{attr, esc};
use crate::Workspace;
use crate::corpus::Document;
use crate::export::notebook::Placed;
use crate::notes::model::Notebook;
use std::collections::HashMap;

/// The ids the taxonomy gives each tag (`tag-1`, … in the codebook's order; tags notes use that
/// the codebook lacks come after).
pub(super) struct Taxonomy {
    pub(super) ids: HashMap<String, String>,
    pub(super) xml: String,
}

pub(super) fn taxonomy(nb: &Notebook, notes: &[Placed]) -> Taxonomy {
    let mut ids = HashMap::new();
    let mut xml = String::from(
        "<classDecl>\n<taxonomy xml:id=\"readingroom-tags\">\n<desc>The tags of the notes (Reading Room's codebook)</desc>\n",
    );
    let mut open = 0usize;
    let mut n = 0usize;
    for row in nb.tag_tree() {
        while open > row.depth {
            xml.push_str("</category>\n");
            open -= 1;
        }
        n += 1;
        let id = format!("tag-{n}");
        let t = row.tag;
        // Its own colour only: a tag without one takes its parent's, as the nesting shows.
        category(
            &mut xml,
            &id,
            &t.name,
            &t.description,
            Some(t.colour.as_str()),
        );
        ids.insert(t.name.clone(), id);
        open = row.depth + 1;
    }
    for _ in 0..open {
        xml.push_str("</category>\n");
    }
    for p in notes {
        for tag in &p.note.tags {
            if !ids.contains_key(tag) {
                n += 1;
                let id = format!("tag-{n}");
                category(&mut xml, &id, tag, "", None);
                xml.push_str("</category>\n");
                ids.insert(tag.clone(), id);
            }
        }
    }
    xml.push_str("</taxonomy>\n</classDecl>\n");
    Taxonomy { ids, xml }
}

/// Opens a category (the caller closes it after its children).
fn category(xml: &mut String, id: &str, name: &str, description: &str, colour: Option<&str>) {
    let style = colour
        .filter(|c| {
            c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit())
        })
        .map_or(String::new(), |c| format!(" style=\"color: {c}\""));
    let desc = if description.trim().is_empty() {
        name
    } else {
        description
    };
    xml.push_str(&format!(
        "<category xml:id=\"{id}\" n=\"{}\"{style}><catDesc>{}</catDesc>\n",
        attr(name),
        esc(desc)
    ));
}

/// `when`, `from`/`to` and `cert` for an EDTF date (`1961-04~`, `1961-03/1961-06`).
fn date_attributes(edtf: &str) -> String {
    let qualifier = |s: &str| -> (String, Option<&'static str>) {
        match s.chars().last() {
            Some('?') => (s[..s.len() - 1].to_string(), Some("low")),
            Some('~') => (s[..s.len() - 1].to_string(), Some("medium")),
            Some('%') => (s[..s.len() - 1].to_string(), Some("unknown")),
            _ => (s.to_string(), None),
        }
    };
    match edtf.split_once('/') {
        Some((a, b)) => {
            let ((a, ca), (b, cb)) = (qualifier(a), qualifier(b));
            let cert = ca
                .or(cb)
                .map_or(String::new(), |c| format!(" cert=\"{c}\""));
            let mut s = String::new();
            if !a.is_empty() && a != ".." {
                s.push_str(&format!(" from=\"{}\"", attr(&a)));
            }
            if !b.is_empty() && b != ".." {
                s.push_str(&format!(" to=\"{}\"", attr(&b)));
            }
            s + &cert
        }
        None => {
            let (d, c) = qualifier(edtf);
            let cert = c.map_or(String::new(), |c| format!(" cert=\"{c}\""));
            format!(" when=\"{}\"{cert}", attr(&d))
        }
    }
}

/// People who took part (present, recorder, author, addressee), with their roles, in the
/// registry's order; then names typed for the researcher's own documents that match nobody.
fn participants(ws: &Workspace, doc: &Document) -> Vec<(String, String, Option<String>)> {
    use crate::people::Role;
    let mut out: Vec<(String, String, Option<String>)> = Vec::new();
    if let Some(roles) = ws.people.roles.get(doc.id()) {
        for person in &ws.registry.people {
            let Some(rs) = roles.get(&person.id) else {
                continue;
            };
            let taking_part: Vec<&str> = rs
                .iter()
                .filter(|r| {
                    matches!(
                        r,
                        Role::Present | Role::Recorder | Role::Author | Role::Addressee
                    )
                })
                .map(|r| r.slug())
                .collect();
            if taking_part.is_empty() {
                continue;
            }
            let description =
                (!person.description.trim().is_empty()).then(|| person.description.clone());
            out.push((person.name.clone(), taking_part.join(" "), description));
        }
    }
    for name in &doc.meta.present {
        let shown = ws.person_name(name).to_string();
        if !out.iter().any(|(n, _, _)| *n == shown) {
            out.push((shown, "present".into(), None));
        }
    }
    out
}

/// The header of one document (with the taxonomy when it stands alone).
pub(super) fn header(
    ws: &Workspace,
    doc: &Document,
    prefix: &str,
    taxonomy: Option<&str>,
    out: &mut String,
) {
    let m = &doc.meta;
    out.push_str("<teiHeader>\n<fileDesc>\n<titleStmt>\n");
    out.push_str(&format!("<title>{}</title>\n", esc(&m.title)));
    if !m.short_title.is_empty() && m.short_title != m.title {
        out.push_str(&format!(
            "<title type=\"short\">{}</title>\n",
            esc(&m.short_title)
        ));
    }
    if let Some(a) = &m.author {
        out.push_str(&format!("<author>{}</author>\n", esc(ws.person_name(a))));
    }
    if let Some(r) = &m.recorder {
        out.push_str(&format!(
            "<respStmt><resp>recorded by</resp><name>{}</name></respStmt>\n",
            esc(ws.person_name(r))
        ));
    }
    if let Some(t) = &m.translator {
        out.push_str(&format!(
            "<respStmt><resp>translated by</resp><name>{}</name></respStmt>\n",
            esc(t)
        ));
    }
    out.push_str("</titleStmt>\n<publicationStmt>\n<authority>Reading Room (export of a researcher's annotated copy)</authority>\n");
    out.push_str(&format!(
        "<idno type=\"readingroom\">{}</idno>\n",
        esc(doc.id())
    ));
    if let Some(u) = m.url.as_deref().filter(|u| u.starts_with("http")) {
        out.push_str(&format!("<idno type=\"URI\">{}</idno>\n", esc(u)));
    }
    out.push_str("</publicationStmt>\n");
    if let Some(h) = &doc.heading {
        out.push_str(&format!(
            "<notesStmt><note type=\"heading\">{}</note></notesStmt>\n",
            esc(h)
        ));
    }
    out.push_str("<sourceDesc>\n");
    let archive = m.archival.as_ref().map(|a| a.archive.clone());
    let reference = m
        .citation_verbatim
        .clone()
        .or_else(|| m.archival.as_ref().map(|a| a.normalised()));
    if reference.is_some() || archive.is_some() {
        out.push_str("<msDesc><msIdentifier>");
        if let Some(a) = archive.filter(|a| !a.trim().is_empty()) {
            out.push_str(&format!("<repository>{}</repository>", esc(&a)));
        }
        if let Some(r) = reference.filter(|r| !r.trim().is_empty()) {
            out.push_str(&format!("<idno type=\"archival\">{}</idno>", esc(&r)));
        }
        out.push_str("</msIdentifier></msDesc>\n");
    }
    if let Some(p) = &m.publication {
        out.push_str(&format!(
            "<bibl type=\"publication\"><author>{}</author> <title level=\"m\">{}</title> <pubPlace>{}</pubPlace> <publisher>{}</publisher>, {} <biblScope unit=\"page\">{}</biblScope></bibl>\n",
            esc(&p.by),
            esc(&p.title),
            esc(&p.place),
            esc(&p.publisher),
            esc(&p.years),
            esc(&p.pages)
        ));
    }
    if !doc.user_added {
        let pages = doc
            .page_range(0, doc.char_len)
            .map_or(String::new(), |(a, b)| {
                format!(" <biblScope unit=\"page\" from=\"{a}\" to=\"{b}\"/>")
            });
        out.push_str(&format!(
            "<bibl type=\"edition\"><author>{}</author> <title level=\"a\">New Russian Evidence on Soviet-Cuban Relations, 1960-61</title> <title level=\"s\">Cold War International History Project Working Paper</title> <biblScope unit=\"volume\">90</biblScope>{pages}</bibl>\n",
            esc(ws.person_name("james-hershberg"))
        ));
    } else if let Some(c) = &m.collection {
        out.push_str(&format!(
            "<bibl type=\"edition\"><title>{}</title></bibl>\n",
            esc(c)
        ));
    }
    out.push_str(&format!(
        "<bibl type=\"citation\">{}</bibl>\n",
        esc(&crate::export::citation::plain_text(&ws.citer.cite(
            ws,
            doc,
            None,
            crate::export::cite::Position::First
        )))
    ));
    out.push_str("</sourceDesc>\n</fileDesc>\n");
    if let Some(t) = taxonomy {
        out.push_str("<encodingDesc>\n");
        out.push_str(t);
        out.push_str("</encodingDesc>\n");
    }
    out.push_str("<profileDesc>\n");
    if m.date.is_some() || m.place.is_some() {
        out.push_str("<creation>");
        if let Some(d) = &m.date {
            out.push_str(&format!(
                "<date{}>{}</date>",
                date_attributes(d.as_str()),
                esc(&d.long_form())
            ));
        }
        if let Some(p) = &m.place {
            out.push_str(&format!(" <placeName>{}</placeName>", esc(p)));
        }
        out.push_str("</creation>\n");
    }
    if let Some(l) = m.language.as_deref().filter(|l| {
        !l.is_empty() && l.len() <= 35 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    }) {
        out.push_str(&format!(
            "<langUsage><language ident=\"{l}\">{l}</language></langUsage>\n"
        ));
    }
    let people = participants(ws, doc);
    if !people.is_empty() {
        out.push_str("<particDesc>\n<listPerson>\n");
        for (k, (name, roles, description)) in people.iter().enumerate() {
            out.push_str(&format!(
                "<person xml:id=\"{prefix}-person-{}\" role=\"{}\"><persName>{}</persName>",
                k + 1,
                attr(roles),
                esc(name)
            ));
            if let Some(d) = description {
                out.push_str(&format!("<note>{}</note>", esc(d)));
            }
            out.push_str("</person>\n");
        }
        out.push_str("</listPerson>\n</particDesc>\n");
    }
    out.push_str(&format!(
        "<textClass><keywords><term type=\"kind\">{}</term></keywords></textClass>\n",
        esc(m.kind.label())
    ));
    out.push_str("</profileDesc>\n</teiHeader>\n");
}
