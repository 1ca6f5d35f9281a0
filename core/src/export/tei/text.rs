//! The text of a document as TEI: paragraphs, pages, footnotes, formatting, the paper's
//! editorial marks and the anchors the stand-off notes point at.

use super::{attr, esc};
use crate::Workspace;
use crate::corpus::{Document, EditorialKind, Style};

/// Something at a point of the text: a page beginning, a footnote's marker, a passage's edge.
pub(super) enum Point {
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
pub(super) fn body(
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
