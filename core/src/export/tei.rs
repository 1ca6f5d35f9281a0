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

use super::notebook::{Placed, documents_of, placed};
use crate::Workspace;
use crate::corpus::{Document, EditorialKind, Style};
use crate::notes::model::{Notebook, Target};
use std::collections::{BTreeMap, HashMap};

/// The TEI namespace.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// Text escaped for XML content or a double-quoted attribute; characters XML cannot carry are
/// dropped. Line ends are kept as they are (content keeps them).
fn esc(text: &str) -> String {
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
fn attr(text: &str) -> String {
    esc(text).replace('\n', "&#10;").replace('\t', "&#9;")
}

/// The ids the taxonomy gives each tag (`tag-1`, … in the codebook's order; tags notes use that
/// the codebook lacks come after).
struct Taxonomy {
    ids: HashMap<String, String>,
    xml: String,
}

fn taxonomy(nb: &Notebook, notes: &[Placed]) -> Taxonomy {
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
fn header(ws: &Workspace, doc: &Document, prefix: &str, taxonomy: Option<&str>, out: &mut String) {
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
        esc(&super::citation::plain_text(
            &super::citation::chicago_note(doc, None)
        ))
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

/// Something at a point of the text: a page beginning, a footnote's marker, a passage's edge.
enum Point {
    Page(String),
    Footnote(u32, String),
    Start(String),
    End(String),
}

impl Point {
    /// Order at one offset: what ends here, then what stands here, then what begins here.
    fn rank(&self) -> u8 {
        match self {
            Point::End(_) => 0,
            Point::Footnote(..) => 1,
            Point::Page(_) => 2,
            Point::Start(_) => 3,
        }
    }
}

/// An element around a run of one paragraph's text.
struct Element {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

/// The editorial marks of a document as elements (and, for `[sic]`, the word it marks), with
/// any mark that has a point strictly inside it written as a plain `<seg>` where its element
/// could not hold the point (`<gap>`).
fn editorial_elements(doc: &Document, chars: &[char], points: &[(usize, Point)]) -> Vec<Element> {
    let inside = |s: usize, e: usize| points.iter().any(|(at, _)| *at > s && *at < e);
    let mut out = Vec::new();
    for span in &doc.editorial {
        let (s, e) = (span.start, span.end.min(chars.len()));
        if s >= e {
            continue;
        }
        let bracketed = chars[s] == '[' && chars[e - 1] == ']' && e - s > 2;
        match span.kind {
            EditorialKind::Sic => {
                // The word just before the mark, when one stands there.
                let mut we = s;
                while we > 0 && chars[we - 1] == ' ' {
                    we -= 1;
                }
                let mut ws = we;
                while ws > 0 && !chars[ws - 1].is_whitespace() && chars[ws - 1] != ']' {
                    ws -= 1;
                }
                let previous_end = out.last().map_or(0, |el: &Element| el.end);
                if ws < we && ws >= previous_end && chars[ws..we].iter().any(|c| c.is_alphabetic())
                {
                    out.push(Element {
                        start: ws,
                        end: we,
                        open: "<sic>".into(),
                        close: "</sic>",
                    });
                }
                out.push(Element {
                    start: s,
                    end: e,
                    open: "<metamark function=\"sic\">".into(),
                    close: "</metamark>",
                });
            }
            EditorialKind::Insertion if bracketed => out.push(Element {
                start: s + 1,
                end: e - 1,
                open: "<supplied reason=\"editorial\">".into(),
                close: "</supplied>",
            }),
            EditorialKind::Note if bracketed => out.push(Element {
                start: s + 1,
                end: e - 1,
                open: "<note type=\"editorial\" place=\"inline\">".into(),
                close: "</note>",
            }),
            EditorialKind::Omission if !inside(s, e) => out.push(Element {
                start: s,
                end: e,
                open: "<gap reason=\"omitted\"><desc>".into(),
                close: "</desc></gap>",
            }),
            kind => out.push(Element {
                start: s,
                end: e,
                open: format!(
                    "<seg type=\"editorial\" subtype=\"{}\">",
                    match kind {
                        EditorialKind::Sic => "sic",
                        EditorialKind::Insertion => "insertion",
                        EditorialKind::Note => "note",
                        EditorialKind::Omission => "omission",
                    }
                ),
                close: "</seg>",
            }),
        }
    }
    out
}

fn hi_rend(style: Style) -> String {
    match style {
        Style::Italic => "italic".into(),
        Style::Bold => "bold".into(),
        Style::Underline => "underline".into(),
        Style::Heading(n) => format!("heading{n}"),
    }
}

/// The text of one document with its points, as `<text>`.
fn body(
    ws: &Workspace,
    doc: &Document,
    prefix: &str,
    mut points: Vec<(usize, Point)>,
    out: &mut String,
) {
    let text = doc.text.read();
    let chars: Vec<char> = text.chars().collect();
    for (k, page) in doc.pages.iter().enumerate() {
        let label = doc
            .page_labels
            .get(k)
            .cloned()
            .unwrap_or_else(|| page.page.to_string());
        points.push((page.at, Point::Page(label)));
    }
    for f in ws.corpus.footnotes_of(doc.id()) {
        points.push((f.at, Point::Footnote(f.number, f.text.clone())));
    }
    // Paragraphs: runs between blank lines.
    let mut paras: Vec<(usize, usize)> = Vec::new();
    let (mut start, mut i) = (0usize, 0usize);
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
    if paras.is_empty() {
        paras.push((0, 0));
    }
    // A point between paragraphs goes to the paragraph it belongs with: an end or a footnote
    // to the one before, a beginning or a page to the one after.
    for (at, point) in points.iter_mut() {
        if paras.iter().any(|&(s, e)| *at >= s && *at <= e) {
            continue;
        }
        let before = paras.iter().rev().find(|&&(_, e)| e <= *at).map(|p| p.1);
        let after = paras.iter().find(|&&(s, _)| s >= *at).map(|p| p.0);
        *at = match point {
            Point::End(_) | Point::Footnote(..) => before.or(after),
            Point::Start(_) | Point::Page(_) => after.or(before),
        }
        .unwrap_or(0);
    }
    points.sort_by_key(|(at, p)| (*at, p.rank()));
    let elements = editorial_elements(doc, &chars, &points);
    out.push_str(&format!("<text xml:id=\"{prefix}-text\">\n<body>\n"));
    let mut next_point = 0usize;
    let mut next_element = 0usize;
    for &(ps, pe) in &paras {
        // Pages that begin with the paragraph stand before it.
        while next_point < points.len()
            && points[next_point].0 == ps
            && matches!(points[next_point].1, Point::Page(_))
        {
            if let Point::Page(label) = &points[next_point].1 {
                out.push_str(&format!("<pb n=\"{}\"/>\n", attr(label)));
            }
            next_point += 1;
        }
        let heading = doc.styles.iter().find_map(|s| match s.style {
            Style::Heading(n) if s.start <= ps && s.end >= pe && ps < pe => Some(n),
            _ => None,
        });
        match heading {
            Some(n) => out.push_str(&format!("<p rend=\"heading{n}\">")),
            None => out.push_str("<p>"),
        }
        // Elements wholly inside this paragraph.
        while next_element < elements.len() && elements[next_element].start < ps {
            next_element += 1;
        }
        let here: Vec<&Element> = elements[next_element..]
            .iter()
            .take_while(|el| el.start < pe)
            .filter(|el| el.end <= pe)
            .collect();
        let styles: Vec<(usize, usize, Style)> = doc
            .styles
            .iter()
            .filter(|s| s.start < pe && s.end > ps)
            .filter(|s| !(heading.is_some() && matches!(s.style, Style::Heading(_))))
            .map(|s| (s.start.max(ps), s.end.min(pe), s.style))
            .collect();
        let mut cuts: Vec<usize> = vec![ps, pe];
        for el in &here {
            cuts.push(el.start);
            cuts.push(el.end);
        }
        for (s, e, _) in &styles {
            cuts.push(*s);
            cuts.push(*e);
        }
        for (at, _) in points[next_point..].iter().take_while(|(at, _)| *at <= pe) {
            cuts.push(*at);
        }
        cuts.retain(|&c| c >= ps && c <= pe);
        cuts.sort_unstable();
        cuts.dedup();
        let mut open: Option<&Element> = None;
        for (k, &at) in cuts.iter().enumerate() {
            if let Some(el) = open.filter(|el| el.end == at) {
                out.push_str(el.close);
                open = None;
            }
            while next_point < points.len() && points[next_point].0 == at {
                match &points[next_point].1 {
                    Point::End(id) | Point::Start(id) => {
                        out.push_str(&format!("<anchor xml:id=\"{id}\"/>"))
                    }
                    Point::Page(label) => out.push_str(&format!("<pb n=\"{}\"/>", attr(label))),
                    Point::Footnote(n, text) => out.push_str(&format!(
                        "<note place=\"foot\" n=\"{n}\">{}</note>",
                        esc(text)
                    )),
                }
                next_point += 1;
            }
            if open.is_none()
                && let Some(el) = here.iter().find(|el| el.start == at && el.end > at)
            {
                out.push_str(&el.open);
                open = Some(el);
            }
            let Some(&next) = cuts.get(k + 1) else { break };
            let piece: String = chars[at..next].iter().collect();
            let mut piece = esc(&piece).replace('\n', "<lb/>");
            for (_, _, style) in styles.iter().filter(|(s, e, _)| *s <= at && next <= *e) {
                piece = format!("<hi rend=\"{}\">{piece}</hi>", hi_rend(*style));
            }
            out.push_str(&piece);
        }
        if let Some(el) = open {
            out.push_str(el.close);
        }
        out.push_str("</p>\n");
    }
    // Whatever stands after the last paragraph (a page with no text of its own).
    for (_, point) in &points[next_point..] {
        match point {
            Point::Page(label) => out.push_str(&format!("<pb n=\"{}\"/>\n", attr(label))),
            Point::End(id) | Point::Start(id) => {
                out.push_str(&format!("<anchor xml:id=\"{id}\"/>\n"))
            }
            Point::Footnote(..) => {}
        }
    }
    out.push_str("</body>\n</text>\n");
}

/// One passage of a note on this document, as the stand-off annotation writes it.
struct Passage<'a> {
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
        let target = match p.range {
            Some(_) => format!("#range({prefix}-a{n}-s,{prefix}-a{n}-e)", n = p.number),
            None => format!("#{prefix}-text"),
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

/// One `<TEI>`: header, notes and text of a document.
fn one_document(
    ws: &Workspace,
    doc: &Document,
    index: usize,
    passages: Vec<Passage>,
    tags: &Taxonomy,
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
    header(
        ws,
        doc,
        &prefix,
        standalone.then_some(tags.xml.as_str()),
        out,
    );
    let mut points = Vec::new();
    for p in &passages {
        if let Some((s, e)) = p.range {
            points.push((s, Point::Start(format!("{prefix}-a{}-s", p.number))));
            points.push((e, Point::End(format!("{prefix}-a{}-e", p.number))));
        }
    }
    stand_off(&prefix, &passages, &tags.ids, out);
    body(ws, doc, &prefix, points, out);
    out.push_str("</TEI>\n");
}

/// The documents the selected notes are on (and those the document filter names), with those
/// notes, as TEI: one `<TEI>`, or a `<teiCorpus>` of several.
pub fn tei(ws: &Workspace, nb: &Notebook, docs: &[String], tags: &[String]) -> String {
    let notes = placed(ws, nb, docs, tags);
    let on = documents_of(ws, &notes, docs);
    let taxonomy = taxonomy(nb, &notes);
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
