//! Web pages (`.html`, as saved from a browser or an archive's site): the main text, not the
//! navigation; italics and headings as style spans; title, author, date and language from the
//! page's metadata. A page saved from the Wilson Center Digital Archive also gives its archive,
//! archival reference, translator and address, read from the page's citation.
//!
//! Scripts, styles, forms and frames are never run or read: only text nodes are taken.

use crate::import::builder::Open;
use crate::import::{Extracted, FoundMeta, ImportError, Importer, Style, TextBuilder};
use scraper::{ElementRef, Html, Node};

/// The HTML importer.
pub struct HtmlPage;

/// Deepest nesting walked.
const MAX_DEPTH: usize = 256;

impl Importer for HtmlPage {
    fn name(&self) -> &'static str {
        "html"
    }
    fn version(&self) -> u32 {
        1
    }
    fn label(&self) -> &'static str {
        "Web page"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }
    fn sniff(&self, head: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        head.starts_with("<!doctype html") || head.starts_with("<html")
    }
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
        let text = String::from_utf8_lossy(bytes);
        let page = Html::parse_document(&text);
        let root = page.root_element();
        let mut meta = page_meta(root);
        let main = main_element(root);
        let mut walk = Walk {
            classes: css_classes(root),
            ..Walk::default()
        };
        walk.element(main, 0);
        let mut doc = walk.b.finish();
        super::docx::merge_adjacent_styles(&mut doc);
        if let Some(citation) = archive_citation(root) {
            meta.title = citation.title.or(meta.title);
            meta.date = citation.date.or(meta.date);
            meta.archive = citation.archive.or(meta.archive);
            meta.archival_reference = citation.reference.or(meta.archival_reference);
            meta.translator = citation.translator.or(meta.translator);
            meta.url = citation.url.or(meta.url);
        }
        doc.meta = meta;
        Ok(vec![doc])
    }
}

fn is_hidden_or_chrome(e: &ElementRef) -> bool {
    let name = e.value().name();
    if matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "iframe"
            | "frame"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "head"
            | "title"
            | "canvas"
            | "video"
            | "audio"
    ) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        e.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "search" | "menu")
    ) {
        return true;
    }
    let marks = format!(
        "{} {}",
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or("")
    )
    .to_lowercase();
    [
        "navbar",
        "nav-",
        "menu",
        "breadcrumb",
        "cookie",
        "share",
        "social",
        "sidebar",
        "skip-link",
        "site-footer",
        "site-header",
    ]
    .iter()
    .any(|m| marks.contains(m))
}

/// The element holding the page's main text: `<main>`, `role=main`, a lone `<article>`, or
/// else the element whose paragraphs hold the most text.
fn main_element(root: ElementRef) -> ElementRef {
    let elements: Vec<ElementRef> = root.descendent_elements().collect();
    if let Some(m) = elements
        .iter()
        .find(|e| e.value().name() == "main" || e.attr("role") == Some("main"))
    {
        return *m;
    }
    let articles: Vec<&ElementRef> = elements
        .iter()
        .filter(|e| e.value().name() == "article")
        .collect();
    if articles.len() == 1 {
        return *articles[0];
    }
    // Score each element by the text of its own paragraphs.
    let mut best: Option<(usize, ElementRef)> = None;
    for e in &elements {
        if is_hidden_or_chrome(e) {
            continue;
        }
        let score: usize = e
            .child_elements()
            .filter(|c| matches!(c.value().name(), "p" | "blockquote" | "pre"))
            .map(|c| c.text().map(str::len).sum::<usize>())
            .sum();
        if score > 0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, *e));
        }
    }
    let body = elements
        .iter()
        .find(|e| e.value().name() == "body")
        .copied();
    match (best, body) {
        // A page of one short paragraph among long menus: the body says more.
        (Some((score, e)), Some(body)) if score >= 200 => {
            let _ = body;
            e
        }
        (_, Some(body)) => body,
        (Some((_, e)), None) => e,
        (None, None) => root,
    }
}

fn meta_content(root: ElementRef, keys: &[&str]) -> Option<String> {
    for key in keys {
        for e in root
            .descendent_elements()
            .filter(|e| e.value().name() == "meta")
        {
            let name = e.attr("name").or(e.attr("property")).unwrap_or("");
            if name.eq_ignore_ascii_case(key)
                && let Some(c) = e.attr("content")
                && !c.trim().is_empty()
            {
                return Some(c.trim().to_string());
            }
        }
    }
    None
}

fn date_of(s: &str) -> Option<String> {
    let s = s.trim();
    if crate::corpus::DocDate::parse(s).is_ok() {
        return Some(s.to_string());
    }
    let day = s.get(..10)?;
    crate::corpus::DocDate::parse(day)
        .ok()
        .map(|_| day.to_string())
}

fn page_meta(root: ElementRef) -> FoundMeta {
    let title_tag = root
        .descendent_elements()
        .find(|e| e.value().name() == "title")
        .map(|t| {
            t.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| !t.is_empty());
    FoundMeta {
        title: meta_content(
            root,
            &["citation_title", "DC.title", "dc.title", "og:title"],
        )
        .or(title_tag),
        author: meta_content(
            root,
            &["citation_author", "DC.creator", "dc.creator", "author"],
        ),
        date: meta_content(
            root,
            &[
                "citation_date",
                "DC.date",
                "dc.date",
                "date",
                "article:published_time",
            ],
        )
        .and_then(|d| date_of(&d)),
        language: root.attr("lang").map(str::to_string),
        url: root
            .descendent_elements()
            .find(|e| e.value().name() == "link" && e.attr("rel") == Some("canonical"))
            .and_then(|e| e.attr("href"))
            .map(str::to_string)
            .or_else(|| meta_content(root, &["og:url"])),
        ..FoundMeta::default()
    }
}

/// What an archive's printed citation of the page says.
#[derive(Debug, Default, PartialEq)]
struct ArchiveCitation {
    title: Option<String>,
    date: Option<String>,
    archive: Option<String>,
    reference: Option<String>,
    translator: Option<String>,
    url: Option<String>,
}

/// The Wilson Center Digital Archive's citation: `"Title," March 23, 1963, History and Public
/// Policy Program Digital Archive, AVP RF, f. 0104, …, l. 66. Obtained by … and translated by
/// Gary Goldberg. https://digitalarchive.wilsoncenter.org/document/177830`.
fn archive_citation(root: ElementRef) -> Option<ArchiveCitation> {
    const MARK: &str = "Digital Archive, ";
    // The smallest element whose text holds the citation.
    let holder = root
        .descendent_elements()
        .filter(|e| !matches!(e.value().name(), "script" | "style" | "head" | "title"))
        .filter(|e| e.text().collect::<String>().contains(MARK))
        .last()?;
    let text = holder.text().collect::<String>();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = text.find(MARK)?;
    let open = text[..at].find(['“', '"'])?;
    let opening = text[open..].chars().next()?;
    let closing = if opening == '“' { '”' } else { '"' };
    let inner_from = open + opening.len_utf8();
    let close = text[inner_from..at].rfind(closing)? + inner_from;
    let title = text[inner_from..close]
        .trim()
        .trim_end_matches(',')
        .trim()
        .to_string();
    let date_text = text[close..at].trim_start_matches(['”', '"', ',', ' ']);
    let date_text = date_text.trim().trim_end_matches(',').trim();
    let date = english_date(date_text);
    let rest = &text[at + MARK.len()..];
    let end = ["Obtained by", "Translated by", "Contributed by", "http"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let reference = rest[..end].trim().trim_end_matches('.').trim().to_string();
    let archive = reference.split(',').next().map(|a| a.trim().to_string());
    let lower = rest.to_lowercase();
    let translator = lower.find("translated by ").map(|i| {
        let from = i + "translated by ".len();
        rest[from..]
            .split(['.', ','])
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    });
    let url = rest
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"))
        .map(|u| u.trim_end_matches(['.', ',', ')']).to_string());
    Some(ArchiveCitation {
        title: (!title.is_empty()).then_some(title),
        date,
        archive: archive.filter(|a| !a.is_empty()),
        reference: (!reference.is_empty()).then_some(reference),
        translator: translator.filter(|t| !t.is_empty()),
        url,
    })
}

/// "March 23, 1963" or "23 March 1963" as 1963-03-23.
fn english_date(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = s
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .collect();
    let month = words
        .iter()
        .find_map(|w| MONTHS.iter().position(|m| m == w))?
        + 1;
    let numbers: Vec<u32> = words.iter().filter_map(|w| w.parse().ok()).collect();
    let (day, year) = match numbers.as_slice() {
        [a, b] if *b > 31 => (*a, *b),
        [a, b] if *a > 31 => (*b, *a),
        [y] if *y > 31 => return Some(format!("{y:04}-{month:02}")),
        _ => return None,
    };
    let date = format!("{year:04}-{month:02}-{day:02}");
    crate::corpus::DocDate::parse(&date).ok().map(|_| date)
}

#[derive(Default)]
struct Walk {
    b: TextBuilder,
    classes: std::collections::HashMap<String, Vec<Style>>,
}

/// The styles a run of CSS declarations sets ("font-style: italic; font-weight: bold").
fn declared_styles(declarations: &str) -> Vec<Style> {
    let d = declarations.to_lowercase().replace(' ', "");
    let mut out = Vec::new();
    if d.contains("font-style:italic") || d.contains("font-style:oblique") {
        out.push(Style::Italic);
    }
    if d.contains("font-weight:bold")
        || d.contains("font-weight:700")
        || d.contains("font-weight:800")
    {
        out.push(Style::Bold);
    }
    if d.contains("text-decoration:underline") {
        out.push(Style::Underline);
    }
    out
}

/// Class names whose rules in the page's style sheets set italics, bold or underline (what
/// LibreOffice writes instead of `<em>`).
fn css_classes(root: ElementRef) -> std::collections::HashMap<String, Vec<Style>> {
    let mut out = std::collections::HashMap::new();
    for sheet in root
        .descendent_elements()
        .filter(|e| e.value().name() == "style")
    {
        let css: String = sheet.text().collect();
        for rule in css.split('}').take(10_000) {
            let Some((selectors, declarations)) = rule.split_once('{') else {
                continue;
            };
            let styles = declared_styles(declarations);
            if styles.is_empty() {
                continue;
            }
            for selector in selectors.split(',') {
                let selector = selector.trim();
                if let Some((_, class)) = selector.rsplit_once('.')
                    && !class.is_empty()
                    && class
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                {
                    out.insert(class.to_string(), styles.clone());
                }
            }
        }
    }
    out
}

impl Walk {
    fn element(&mut self, e: ElementRef, depth: usize) {
        if depth > MAX_DEPTH || is_hidden_or_chrome(&e) {
            return;
        }
        let name = e.value().name();
        let block = matches!(
            name,
            "p" | "div"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "li"
                | "blockquote"
                | "pre"
                | "tr"
                | "dt"
                | "dd"
                | "section"
                | "article"
                | "table"
                | "ul"
                | "ol"
                | "dl"
                | "figcaption"
                | "address"
                | "hr"
        );
        if block {
            self.b.end_paragraph();
        }
        if matches!(name, "br" | "td" | "th") {
            self.b.space();
        }
        let style = match name {
            "em" | "i" | "cite" | "dfn" | "var" => Some(Style::Italic),
            "strong" | "b" => Some(Style::Bold),
            "u" => Some(Style::Underline),
            "h1" => Some(Style::Heading(1)),
            "h2" => Some(Style::Heading(2)),
            "h3" => Some(Style::Heading(3)),
            "h4" | "h5" | "h6" => Some(Style::Heading(4)),
            _ => None,
        };
        let mut opened: Vec<(Open, Style)> =
            style.map(|s| (self.b.open(), s)).into_iter().collect();
        if matches!(name, "span" | "a" | "font" | "em" | "i" | "b" | "strong") {
            let mut from_css: Vec<Style> = e
                .value()
                .classes()
                .filter_map(|c| self.classes.get(c))
                .flatten()
                .copied()
                .collect();
            from_css.extend(declared_styles(e.attr("style").unwrap_or("")));
            from_css.dedup();
            for s in from_css {
                if Some(s) != style {
                    opened.push((self.b.open(), s));
                }
            }
        }
        for c in e.children() {
            match c.value() {
                Node::Text(t) => self.b.push_str(t),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(c) {
                        self.element(child, depth + 1);
                    }
                }
                _ => {}
            }
        }
        for (o, s) in opened {
            self.b.close_style(o, s);
        }
        if block {
            self.b.end_paragraph();
        } else if matches!(name, "td" | "th") {
            self.b.space();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates_read_either_way_round() {
        assert_eq!(
            english_date("March 23, 1963").as_deref(),
            Some("1963-03-23")
        );
        assert_eq!(english_date("23 March 1963").as_deref(), Some("1963-03-23"));
        assert_eq!(english_date("June, 1961").as_deref(), Some("1961-06"));
        assert_eq!(english_date("sometime").as_deref(), None);
    }

    #[test]
    fn scripts_menus_and_footers_are_not_the_text() {
        let page = br#"<!DOCTYPE html><html lang="en"><head><title>Page</title><script>alert(1)</script></head>
        <body><nav>Home | Search</nav><div class="menu">Browse</div>
        <div><p>Castro said that the Cuban government had received new information.</p>
        <p>It <em>concerned</em> an attempt on his life, prepared in Miami, he said, with the help of the American intelligence service; the ambassador promised to report it at once.</p></div>
        <footer>Copyright</footer><script>document.write('x')</script></body></html>"#;
        let d = HtmlPage.extract(page).unwrap().remove(0);
        assert!(d.text.starts_with("Castro said"), "{}", d.text);
        for chrome in ["alert", "Home", "Browse", "Copyright", "document.write"] {
            assert!(!d.text.contains(chrome), "{chrome} in {}", d.text);
        }
        assert_eq!(d.meta.language.as_deref(), Some("en"));
        assert_eq!(d.styles[0].style, Style::Italic);
    }
}
