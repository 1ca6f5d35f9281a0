//! OpenDocument text (`.odt`, LibreOffice's own format): paragraphs, headings, italics/bold/
//! underline from the document's styles as style spans, footnotes and endnotes as notes, and
//! title/author/language/date from `meta.xml`.

use super::docx::{memfind, merge_adjacent_styles};
use super::zipped::Zipped;
use crate::import::builder::Open;
use crate::import::xml::{XmlEvent, for_each_event};
use crate::import::{Extracted, FoundMeta, ImportError, Importer, Style, TextBuilder};
use std::collections::HashMap;

/// The ODT importer.
pub struct Odt;

const WHAT: &str = "OpenDocument text";

impl Importer for Odt {
    fn name(&self) -> &'static str {
        "odt"
    }
    fn version(&self) -> u32 {
        1
    }
    fn label(&self) -> &'static str {
        "OpenDocument text"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["odt"]
    }
    fn sniff(&self, head: &[u8]) -> bool {
        head.starts_with(b"PK\x03\x04")
            && memfind(head, b"mimetypeapplication/vnd.oasis.opendocument.text")
    }
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
        let mut zip = Zipped::open(bytes, WHAT)?;
        let content = zip.required("content.xml")?;
        let mut styles = StyleTable::default();
        if let Some(xml) = zip.text("styles.xml")? {
            styles.read(&xml, "styles.xml")?;
        }
        styles.read(&content, "content.xml")?;
        let meta = meta_of(zip.text("meta.xml")?)?;
        let mut doc = body(&content, &styles)?;
        doc.meta = meta;
        merge_adjacent_styles(&mut doc);
        Ok(vec![doc])
    }
}

/// Text styles by name, with their parents.
#[derive(Default)]
struct StyleTable {
    own: HashMap<String, Vec<Style>>,
    parent: HashMap<String, String>,
}

impl StyleTable {
    fn read(&mut self, xml: &str, part: &str) -> Result<(), ImportError> {
        let mut current: Option<String> = None;
        for_each_event(xml, part, |e| {
            match &e {
                XmlEvent::Start { name, .. } if name == "style" => {
                    let n = e.attr("name").unwrap_or("").to_string();
                    if let Some(p) = e.attr("parent-style-name") {
                        self.parent.insert(n.clone(), p.to_string());
                    }
                    current = Some(n);
                }
                XmlEvent::Start { name, .. } if name == "text-properties" => {
                    if let Some(n) = &current {
                        let mut set = Vec::new();
                        if matches!(e.attr("font-style"), Some("italic" | "oblique")) {
                            set.push(Style::Italic);
                        }
                        if e.attr("font-weight").is_some_and(|w| {
                            w == "bold" || w.parse::<u32>().is_ok_and(|w| w >= 600)
                        }) {
                            set.push(Style::Bold);
                        }
                        if e.attr("text-underline-style").is_some_and(|u| u != "none") {
                            set.push(Style::Underline);
                        }
                        self.own.insert(n.clone(), set);
                    }
                }
                XmlEvent::End(name) if name == "style" => current = None,
                _ => {}
            }
            Ok(())
        })
    }

    /// A style's formatting, its own or its nearest ancestor's (at most 16 levels up).
    fn styles_of(&self, name: &str) -> Vec<Style> {
        let mut at = name;
        for _ in 0..16 {
            if let Some(s) = self.own.get(at) {
                return s.clone();
            }
            match self.parent.get(at) {
                Some(p) => at = p,
                None => break,
            }
        }
        Vec::new()
    }
}

fn meta_of(xml: Option<String>) -> Result<FoundMeta, ImportError> {
    let mut meta = FoundMeta::default();
    let Some(xml) = xml else { return Ok(meta) };
    let mut field: Option<String> = None;
    let mut user_defined: Option<String> = None;
    for_each_event(&xml, "meta.xml", |e| {
        match &e {
            XmlEvent::Start { name, .. } => {
                if name == "user-defined" {
                    user_defined = e.attr("name").map(str::to_lowercase);
                }
                field = Some(name.clone());
            }
            XmlEvent::End(_) => {
                field = None;
                user_defined = None;
            }
            XmlEvent::Text(t) => {
                let t = t.trim().to_string();
                if t.is_empty() {
                    return Ok(());
                }
                match (field.as_deref(), user_defined.as_deref()) {
                    (Some("title"), _) => meta.title = Some(t),
                    (Some("initial-creator"), _) => meta.author = Some(t),
                    (Some("creator"), _) if meta.author.is_none() => meta.author = Some(t),
                    (Some("language"), _) => meta.language = Some(t),
                    (Some("user-defined"), Some("date")) => meta.date = Some(t),
                    _ => {}
                }
            }
        }
        Ok(())
    })?;
    Ok(meta)
}

fn body(xml: &str, styles: &StyleTable) -> Result<Extracted, ImportError> {
    let mut b = TextBuilder::new();
    // Open spans, one entry per open element that carries styles.
    let mut open: Vec<(String, Vec<(Open, Style)>)> = Vec::new();
    let mut in_body = false;
    let mut paragraph_depth = 0usize;
    let mut note: Option<(String, String, bool)> = None;
    let mut in_citation = false;
    let mut skip_depth = 0usize;
    for_each_event(xml, "content.xml", |e| {
        if skip_depth > 0 {
            match e {
                XmlEvent::Start { .. } => skip_depth += 1,
                XmlEvent::End(_) => skip_depth -= 1,
                XmlEvent::Text(_) => {}
            }
            return Ok(());
        }
        match &e {
            XmlEvent::Start { name, .. } => match name.as_str() {
                "text" if !in_body => in_body = true,
                "tracked-changes" | "annotation" | "sequence-decls" => skip_depth = 1,
                "note" if in_body => note = Some((String::new(), String::new(), false)),
                "note-citation" => in_citation = true,
                "note-body" => {
                    if let Some(n) = &mut note {
                        n.2 = true;
                    }
                }
                "p" | "h" if in_body && note.is_none() => {
                    paragraph_depth += 1;
                    let mut spans = Vec::new();
                    let mut set = e
                        .attr("style-name")
                        .map(|s| styles.styles_of(s))
                        .unwrap_or_default();
                    if name == "h" {
                        let level = e
                            .attr("outline-level")
                            .and_then(|l| l.parse::<u8>().ok())
                            .unwrap_or(1)
                            .clamp(1, 9);
                        set.push(Style::Heading(level));
                    }
                    for s in set {
                        spans.push((b.open(), s));
                    }
                    open.push((name.clone(), spans));
                }
                "span" if paragraph_depth > 0 && note.is_none() => {
                    let spans = e
                        .attr("style-name")
                        .map(|s| styles.styles_of(s))
                        .unwrap_or_default()
                        .into_iter()
                        .map(|s| (b.open(), s))
                        .collect();
                    open.push(("span".into(), spans));
                }
                "s" | "tab" | "line-break" => {
                    if let Some(n) = &mut note {
                        n.1.push(' ');
                    } else {
                        b.space();
                    }
                }
                _ => {}
            },
            XmlEvent::End(name) => match name.as_str() {
                "note-citation" => in_citation = false,
                "note" => {
                    if let Some((mark, text, _)) = note.take() {
                        b.note(mark.trim(), &text);
                    }
                }
                "p" | "h" | "span"
                    if note.is_none() && open.last().is_some_and(|(n, _)| n == name) =>
                {
                    let (_, spans) = open.pop().unwrap_or_default();
                    for (o, s) in spans {
                        b.close_style(o, s);
                    }
                    if name != "span" {
                        paragraph_depth = paragraph_depth.saturating_sub(1);
                        b.end_paragraph();
                    }
                }
                "p" => {
                    if let Some(n) = &mut note {
                        n.1.push(' ');
                    }
                }
                _ => {}
            },
            XmlEvent::Text(t) => {
                if let Some(n) = &mut note {
                    if in_citation {
                        n.0.push_str(t);
                    } else if n.2 {
                        n.1.push_str(t);
                    }
                } else if paragraph_depth > 0 {
                    b.push_str(t);
                }
            }
        }
        Ok(())
    })?;
    Ok(b.finish())
}
