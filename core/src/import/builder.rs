//! Builds a document's text the way the corpus keeps it (paragraphs separated by one blank line,
//! whitespace inside a paragraph collapsed to single spaces) while the importer walks its file,
//! with styles, pages and note markers anchored at the right char offsets.

use super::{Extracted, NoteAt, PageStart, Style, StyleSpan, TaggedName};

/// A style or name opened and not yet closed; its start is the next char written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open(usize);

/// Accumulates one document's text.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    chars: usize,
    in_paragraph: bool,
    pending_space: bool,
    opened: Vec<Option<usize>>,
    waiting: Vec<usize>,
    pending_pages: Vec<(u32, String)>,
    styles: Vec<StyleSpan>,
    pages: Vec<PageStart>,
    notes: Vec<NoteAt>,
}

impl TextBuilder {
    /// An empty document.
    pub fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// Chars written so far.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Bytes written so far.
    pub fn byte_len(&self) -> usize {
        self.text.len()
    }

    /// Appends running text: any run of whitespace becomes one space, none at a paragraph's
    /// start or end. Control characters are dropped.
    pub fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        if c.is_whitespace() {
            if self.in_paragraph {
                self.pending_space = true;
            }
            return;
        }
        if c.is_control() || c == '\u{ad}' || c == '\u{feff}' {
            return;
        }
        if !self.in_paragraph {
            if self.chars > 0 {
                self.text.push_str("\n\n");
                self.chars += 2;
            }
            self.in_paragraph = true;
        } else if self.pending_space {
            self.text.push(' ');
            self.chars += 1;
        }
        self.pending_space = false;
        for i in self.waiting.drain(..) {
            self.opened[i] = Some(self.chars);
        }
        for (index, label) in self.pending_pages.drain(..) {
            self.pages.push(PageStart {
                at: self.chars,
                index,
                label,
            });
        }
        self.text.push(c);
        self.chars += 1;
    }

    /// Ends the paragraph being written (nothing happens if it is empty).
    pub fn end_paragraph(&mut self) {
        self.in_paragraph = false;
        self.pending_space = false;
    }

    /// A space, if running text follows (a line break inside a paragraph, a cell boundary).
    pub fn space(&mut self) {
        if self.in_paragraph {
            self.pending_space = true;
        }
    }

    /// Opens a span; it starts at the next char written.
    pub fn open(&mut self) -> Open {
        self.opened.push(None);
        self.waiting.push(self.opened.len() - 1);
        Open(self.opened.len() - 1)
    }

    /// The char range of an opened span, closed here (None if nothing was written in it).
    pub fn close(&mut self, open: Open) -> Option<(usize, usize)> {
        self.waiting.retain(|&i| i != open.0);
        let start = self.opened.get_mut(open.0)?.take()?;
        (self.chars > start).then_some((start, self.chars))
    }

    /// Closes a style span opened with [`TextBuilder::open`].
    pub fn close_style(&mut self, open: Open, style: Style) {
        if let Some((start, end)) = self.close(open) {
            self.styles.push(StyleSpan { start, end, style });
        }
    }

    /// Closes a name tagged by the file.
    pub fn close_name(&mut self, open: Open, key: &str, names: &mut Vec<TaggedName>) {
        if let Some((start, end)) = self.close(open) {
            names.push(TaggedName {
                start,
                end,
                key: key.to_string(),
            });
        }
    }

    /// A page of the original begins with the next char written.
    pub fn page(&mut self, index: u32, label: impl Into<String>) {
        self.pending_pages.push((index, label.into()));
    }

    /// A footnote marker here, with the note's text (reflowed).
    pub fn note(&mut self, mark: impl Into<String>, text: &str) {
        self.notes.push(NoteAt {
            mark: mark.into(),
            at: self.chars,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }

    /// The document so far: text, styles (in order), pages and notes.
    pub fn finish(mut self) -> Extracted {
        for (index, label) in self.pending_pages.drain(..) {
            // A last page with no text of its own still counts as a page of the original.
            if self.pages.last().is_none_or(|p| p.at < self.chars) {
                self.pages.push(PageStart {
                    at: self.chars,
                    index,
                    label,
                });
            }
        }
        self.styles.sort_by_key(|s| (s.start, s.end));
        Extracted {
            text: self.text,
            pages: self.pages,
            styles: self.styles,
            notes: self.notes,
            ..Extracted::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_paragraphs_are_separated_by_one_blank_line() {
        let mut b = TextBuilder::new();
        b.push_str("  Havana,\n 4 March\t1961. ");
        b.end_paragraph();
        b.end_paragraph();
        b.push_str("Secret.");
        let d = b.finish();
        assert_eq!(d.text, "Havana, 4 March 1961.\n\nSecret.");
    }

    #[test]
    fn styles_cover_their_words_only() {
        let mut b = TextBuilder::new();
        b.push_str("received ");
        let o = b.open();
        b.push_str(" Raúl Roa ");
        b.close_style(o, Style::Italic);
        b.push_str(" at his request");
        let d = b.finish();
        assert_eq!(d.text, "received Raúl Roa at his request");
        let s = d.styles[0];
        let words: String = d.text.chars().skip(s.start).take(s.end - s.start).collect();
        assert_eq!(words, "Raúl Roa");
    }

    #[test]
    fn pages_and_notes_anchor_at_the_next_char_and_the_marker() {
        let mut b = TextBuilder::new();
        b.page(1, "13");
        b.push_str("First page.");
        b.note("1", " A  note ");
        b.end_paragraph();
        b.page(2, "14");
        b.push_str("Second.");
        let d = b.finish();
        assert_eq!(d.pages[0].at, 0);
        assert_eq!(d.pages[1].at, "First page.\n\n".chars().count());
        assert_eq!(d.pages[1].label, "14");
        assert_eq!(d.notes[0].at, "First page.".chars().count());
        assert_eq!(d.notes[0].text, "A note");
    }

    #[test]
    fn an_empty_span_is_no_span() {
        let mut b = TextBuilder::new();
        b.push_str("a");
        let o = b.open();
        b.push_str("   ");
        b.close_style(o, Style::Bold);
        assert!(b.finish().styles.is_empty());
    }
}
