//! Word documents (`.docx`, Office Open XML): paragraphs, headings, italics/bold/underline as
//! style spans, footnotes and endnotes as the document's notes, title/author/language from
//! `docProps/core.xml` and a date from a "Date" paragraph or a custom `date` property.

use super::zipped::Zipped;
use crate::import::xml::{XmlEvent, for_each_event};
use crate::import::{Extracted, FoundMeta, ImportError, Importer, Style, TextBuilder};
use std::collections::HashMap;

/// The DOCX importer.
pub struct Docx;

const WHAT: &str = "Word document";

impl Importer for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }
    fn version(&self) -> u32 {
        1
    }
    fn label(&self) -> &'static str {
        "Word document"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["docx"]
    }
    fn sniff(&self, head: &[u8]) -> bool {
        // A zip whose parts include word/: checked properly when extracting.
        head.starts_with(b"PK\x03\x04") && memfind(head, b"word/")
    }
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
        let mut zip = Zipped::open(bytes, WHAT)?;
        let document = zip.required("word/document.xml")?;
        let footnotes = notes_of(zip.text("word/footnotes.xml")?, "footnote")?;
        let endnotes = notes_of(zip.text("word/endnotes.xml")?, "endnote")?;
        let mut meta = core_properties(zip.text("docProps/core.xml")?)?;
        let custom_date = custom_property(zip.text("docProps/custom.xml")?, "date")?;
        let (mut doc, date_paragraph) = body(&document, &footnotes, &endnotes)?;
        meta.date = custom_date.or(date_paragraph);
        doc.meta = meta;
        Ok(vec![doc])
    }
}

/// Whether `needle` occurs in `hay`.
pub(crate) fn memfind(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn is_on(e: &XmlEvent) -> bool {
    !matches!(e.attr("val"), Some("0" | "false" | "none" | "off"))
}

/// The text of each footnote (or endnote) by id, separators left out.
fn notes_of(xml: Option<String>, element: &str) -> Result<HashMap<String, String>, ImportError> {
    let mut out = HashMap::new();
    let Some(xml) = xml else { return Ok(out) };
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    for_each_event(&xml, &format!("word/{element}s.xml"), |e| {
        match &e {
            XmlEvent::Start { name, .. } if name == element => {
                let separator = e.attr("type").is_some_and(|t| t != "normal");
                current =
                    (!separator).then(|| (e.attr("id").unwrap_or("").to_string(), String::new()));
            }
            XmlEvent::Start { name, .. } if name == "t" => in_text = true,
            XmlEvent::Start { name, .. } if name == "tab" || name == "br" => {
                if let Some((_, t)) = &mut current {
                    t.push(' ');
                }
            }
            XmlEvent::End(name) if name == "t" => in_text = false,
            XmlEvent::End(name) if name == "p" => {
                if let Some((_, t)) = &mut current {
                    t.push(' ');
                }
            }
            XmlEvent::End(name) if name == element => {
                if let Some((id, t)) = current.take() {
                    out.insert(id, t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            XmlEvent::Text(s) if in_text => {
                if let Some((_, t)) = &mut current {
                    t.push_str(s);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// Title, author and language from `docProps/core.xml`.
fn core_properties(xml: Option<String>) -> Result<FoundMeta, ImportError> {
    let mut meta = FoundMeta::default();
    let Some(xml) = xml else { return Ok(meta) };
    let mut field: Option<String> = None;
    for_each_event(&xml, "docProps/core.xml", |e| {
        match e {
            XmlEvent::Start { name, .. } => field = Some(name),
            XmlEvent::End(_) => field = None,
            XmlEvent::Text(t) => {
                let t = t.trim().to_string();
                if t.is_empty() {
                    return Ok(());
                }
                match field.as_deref() {
                    Some("title") => meta.title = Some(t),
                    Some("creator") => meta.author = Some(t),
                    Some("language") => meta.language = Some(t),
                    _ => {}
                }
            }
        }
        Ok(())
    })?;
    Ok(meta)
}

/// A custom property's value (`docProps/custom.xml`), by name, case ignored.
fn custom_property(xml: Option<String>, wanted: &str) -> Result<Option<String>, ImportError> {
    let Some(xml) = xml else { return Ok(None) };
    let mut in_wanted = false;
    let mut found = None;
    for_each_event(&xml, "docProps/custom.xml", |e| {
        match &e {
            XmlEvent::Start { name, .. } if name == "property" => {
                in_wanted = e
                    .attr("name")
                    .is_some_and(|n| n.eq_ignore_ascii_case(wanted));
            }
            XmlEvent::End(name) if name == "property" => in_wanted = false,
            XmlEvent::Text(t) if in_wanted && found.is_none() && !t.trim().is_empty() => {
                found = Some(t.trim().to_string());
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(found)
}

fn heading_level(style: &str) -> Option<u8> {
    let lower = style.to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let rest = lower.strip_prefix("heading")?.trim();
    rest.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

/// What is being walked in `word/document.xml`.
#[derive(Default)]
struct Walk {
    b: TextBuilder,
    in_run_props: bool,
    in_text: bool,
    skip_depth: usize,
    run: Vec<Style>,
    run_open: Vec<(crate::import::builder::Open, Style)>,
    heading: Option<(crate::import::builder::Open, u8)>,
    paragraph_style: Option<String>,
    paragraph_text: String,
    date_paragraph: Option<String>,
    note_number: usize,
}

impl Walk {
    fn text(&mut self, s: &str) {
        if self.run_open.is_empty() && !self.run.is_empty() && !s.trim().is_empty() {
            for style in self.run.clone() {
                let o = self.b.open();
                self.run_open.push((o, style));
            }
        }
        self.b.push_str(s);
        self.paragraph_text.push_str(s);
    }

    fn end_run(&mut self) {
        for (o, style) in std::mem::take(&mut self.run_open) {
            self.b.close_style(o, style);
        }
        self.run.clear();
    }

    fn end_paragraph(&mut self) {
        self.end_run();
        if let Some((o, level)) = self.heading.take() {
            self.b.close_style(o, Style::Heading(level));
        }
        if self.paragraph_style.as_deref() == Some("Date") && self.date_paragraph.is_none() {
            let t = self.paragraph_text.trim();
            if crate::corpus::DocDate::parse(t).is_ok() {
                self.date_paragraph = Some(t.to_string());
            }
        }
        self.paragraph_style = None;
        self.paragraph_text.clear();
        self.b.end_paragraph();
    }
}

/// The body's text, and the date a "Date" paragraph gives.
fn body(
    xml: &str,
    footnotes: &HashMap<String, String>,
    endnotes: &HashMap<String, String>,
) -> Result<(Extracted, Option<String>), ImportError> {
    let mut w = Walk::default();
    for_each_event(xml, "word/document.xml", |e| {
        if w.skip_depth > 0 {
            match e {
                XmlEvent::Start { .. } => w.skip_depth += 1,
                XmlEvent::End(_) => w.skip_depth -= 1,
                XmlEvent::Text(_) => {}
            }
            return Ok(());
        }
        match &e {
            XmlEvent::Start { name, .. } => match name.as_str() {
                // Deleted text, field instructions and the fallback copy of alternate content
                // are not the document's text.
                "del" | "delText" | "instrText" | "Fallback" => w.skip_depth = 1,
                "pStyle" => {
                    let style = e.attr("val").unwrap_or("").to_string();
                    if let Some(level) = heading_level(&style) {
                        let o = w.b.open();
                        w.heading = Some((o, level));
                    }
                    w.paragraph_style = Some(style);
                }
                "rPr" => w.in_run_props = true,
                "i" if w.in_run_props && is_on(&e) => w.run.push(Style::Italic),
                "b" if w.in_run_props && is_on(&e) => w.run.push(Style::Bold),
                "u" if w.in_run_props && is_on(&e) => w.run.push(Style::Underline),
                "t" => w.in_text = true,
                "tab" | "br" | "cr" => w.b.space(),
                "noBreakHyphen" => w.text("-"),
                "footnoteReference" | "endnoteReference" => {
                    let notes = if name == "footnoteReference" {
                        footnotes
                    } else {
                        endnotes
                    };
                    let id = e.attr("id").unwrap_or("");
                    if let Some(text) = notes.get(id) {
                        w.note_number += 1;
                        let mark = w.note_number.to_string();
                        w.b.note(mark, text);
                    }
                }
                _ => {}
            },
            XmlEvent::End(name) => match name.as_str() {
                "rPr" => w.in_run_props = false,
                "t" => w.in_text = false,
                "r" => w.end_run(),
                "p" => w.end_paragraph(),
                "tc" => w.b.space(),
                _ => {}
            },
            XmlEvent::Text(t) if w.in_text => w.text(t),
            XmlEvent::Text(_) => {}
        }
        Ok(())
    })?;
    let date = w.date_paragraph.take();
    let mut doc = w.b.finish();
    merge_adjacent_styles(&mut doc);
    Ok((doc, date))
}

/// Joins spans of one style separated by at most one char (word processors split emphasis
/// into runs at every word).
pub(crate) fn merge_adjacent_styles(doc: &mut Extracted) {
    let mut by_style: Vec<crate::import::StyleSpan> = Vec::new();
    let mut spans = std::mem::take(&mut doc.styles);
    spans.sort_by_key(|s| (s.style, s.start));
    for s in spans {
        if let Some(last) = by_style.last_mut()
            && last.style == s.style
            && s.start <= last.end + 1
        {
            last.end = last.end.max(s.end);
            continue;
        }
        by_style.push(s);
    }
    by_style.sort_by_key(|s| (s.start, s.end));
    doc.styles = by_style;
}
