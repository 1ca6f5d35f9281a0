//! Plain text (`.txt`) and Markdown (`.md`). Plain text: blank lines separate paragraphs, the
//! lines of a paragraph are joined. Markdown: read with pulldown-cmark, so `*italics*` become
//! style spans, `#` headings heading spans and `[^1]` footnotes notes, and the marks themselves
//! stay out of the text.

use crate::import::builder::Open;
use crate::import::{Extracted, ImportError, Importer, Style, TextBuilder};

/// The plain-text and Markdown importer.
pub struct PlainText;

impl Importer for PlainText {
    fn name(&self) -> &'static str {
        "text"
    }
    fn version(&self) -> u32 {
        2
    }
    fn label(&self) -> &'static str {
        "Plain text or Markdown"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }
    fn sniff(&self, _head: &[u8]) -> bool {
        false
    }
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
        let text = text_file(bytes)?;
        Ok(vec![plain(text)])
    }
}

/// The Markdown importer (by name only: Markdown is text).
pub struct Markdown;

impl Importer for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }
    fn version(&self) -> u32 {
        1
    }
    fn label(&self) -> &'static str {
        "Markdown"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }
    fn sniff(&self, _head: &[u8]) -> bool {
        false
    }
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
        Ok(vec![markdown(text_file(bytes)?)])
    }
}

/// A text file's bytes as UTF-8, refused past [`crate::corpus::user::MAX_USER_DOCUMENT_BYTES`].
fn text_file(bytes: &[u8]) -> Result<&str, ImportError> {
    let limit = crate::corpus::user::MAX_USER_DOCUMENT_BYTES;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge(format!(
            "the file is larger than {limit} bytes; text documents are limited to {limit} bytes"
        )));
    }
    utf8(bytes)
}

/// The bytes as UTF-8 text (a byte-order mark dropped), or where the first bad byte is.
pub fn utf8(bytes: &[u8]) -> Result<&str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        ImportError::Damaged(format!(
            "not UTF-8 text (invalid byte at offset {}); save it as UTF-8 and try again",
            e.valid_up_to()
        ))
    })
}

/// Plain text: blank lines separate paragraphs.
pub fn plain(text: &str) -> Extracted {
    let mut b = TextBuilder::new();
    for para in text.replace("\r\n", "\n").split("\n\n") {
        b.push_str(para);
        b.end_paragraph();
    }
    b.finish()
}

/// Markdown, its marks kept as styles.
pub fn markdown(text: &str) -> Extracted {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut b = TextBuilder::new();
    let mut open: Vec<(Open, Style)> = Vec::new();
    let mut notes: std::collections::HashMap<String, String> = Default::default();
    // Footnote definitions come after their references: collect them first.
    let mut in_definition: Option<String> = None;
    let options =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                in_definition = Some(label.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => in_definition = None,
            Event::Text(t) | Event::Code(t) => {
                if let Some(label) = &in_definition {
                    let entry = notes.entry(label.clone()).or_default();
                    entry.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(label) = &in_definition {
                    notes.entry(label.clone()).or_default().push(' ');
                }
            }
            _ => {}
        }
    }
    let mut number = 0;
    in_definition = None;
    for event in Parser::new_ext(text, options) {
        if in_definition.is_some() {
            if matches!(event, Event::End(TagEnd::FootnoteDefinition)) {
                in_definition = None;
            }
            continue;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => in_definition = Some(label.to_string()),
            Event::Start(Tag::Emphasis) => open.push((b.open(), Style::Italic)),
            Event::Start(Tag::Strong) => open.push((b.open(), Style::Bold)),
            Event::Start(Tag::Heading { level, .. }) => {
                b.end_paragraph();
                open.push((b.open(), Style::Heading(level as u8)));
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                if let Some((o, s)) = open.pop() {
                    b.close_style(o, s);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((o, s)) = open.pop() {
                    b.close_style(o, s);
                }
                b.end_paragraph();
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::CodeBlock) => {
                b.end_paragraph()
            }
            Event::Text(t) | Event::Code(t) => b.push_str(&t),
            Event::SoftBreak | Event::HardBreak => b.space(),
            Event::FootnoteReference(label) => {
                number += 1;
                let text = notes.get(label.as_ref()).cloned().unwrap_or_default();
                b.note(number.to_string(), &text);
            }
            Event::End(TagEnd::TableCell) => b.space(),
            _ => {}
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_joins_lines_and_keeps_paragraphs() {
        let d = plain("Line one\nline two.\r\n\r\nSecond   paragraph.\n");
        assert_eq!(d.text, "Line one line two.\n\nSecond paragraph.");
    }

    #[test]
    fn markdown_marks_become_styles_and_notes() {
        let d = markdown("# Title\n\nSaw *Roa* and **Castro**.[^a]\n\n[^a]: In Havana.\n");
        assert_eq!(d.text, "Title\n\nSaw Roa and Castro.");
        let words: Vec<(String, Style)> = d
            .styles
            .iter()
            .map(|s| {
                (
                    d.text.chars().skip(s.start).take(s.end - s.start).collect(),
                    s.style,
                )
            })
            .collect();
        assert!(words.contains(&("Roa".into(), Style::Italic)));
        assert!(words.contains(&("Castro".into(), Style::Bold)));
        assert!(words.contains(&("Title".into(), Style::Heading(1))));
        assert_eq!(d.notes.len(), 1);
        assert_eq!(d.notes[0].text, "In Havana.");
        assert_eq!(
            d.notes[0].at,
            "Title\n\nSaw Roa and Castro.".chars().count()
        );
    }

    #[test]
    fn text_that_is_not_utf8_says_where() {
        assert!(matches!(utf8(b"ok \xff"), Err(ImportError::Damaged(m)) if m.contains("offset 3")));
    }
}
