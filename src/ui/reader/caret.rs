//! Caret browsing in the reader: a caret in the text that the keyboard moves by character, word,
//! line, paragraph, page, and to the ends of a line or of the document; Shift extends the
//! selection the same way. Lines are the laid-out rows of the paragraphs (estimated for a
//! paragraph not laid out yet).

use super::{PARAGRAPH_GAP, Reader, Selection};
use crate::corpus::Document;

/// Where a key moves the caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One character (forward or back).
    Char(bool),
    /// To the end (forward) or start (back) of a word.
    Word(bool),
    /// One line down (forward) or up.
    Line(bool),
    /// To the next paragraph's start (forward), or this one's (back; the previous one's when
    /// already there).
    Paragraph(bool),
    /// A screen down (forward) or up.
    Page(bool),
    /// To the end (forward) or start of the line.
    LineEdge(bool),
    /// To the end (forward) or start of the document.
    DocumentEdge(bool),
}

/// The moves the key presses of a frame ask for, in order, each with whether Shift was held
/// with it. The modifiers are the key event's own: a quick Shift+End (both keys pressed and
/// released between two frames) still extends the selection, and three quick Downs move three
/// lines.
pub fn moves_for(i: &egui::InputState) -> Vec<(Move, bool)> {
    use egui::Key;
    i.events
        .iter()
        .filter_map(|e| {
            let egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = e
            else {
                return None;
            };
            let by_word = modifiers.command || modifiers.alt;
            let mv = match key {
                Key::ArrowRight if by_word => Move::Word(true),
                Key::ArrowRight => Move::Char(true),
                Key::ArrowLeft if by_word => Move::Word(false),
                Key::ArrowLeft => Move::Char(false),
                Key::ArrowDown if by_word => Move::Paragraph(true),
                Key::ArrowDown => Move::Line(true),
                Key::ArrowUp if by_word => Move::Paragraph(false),
                Key::ArrowUp => Move::Line(false),
                Key::PageDown => Move::Page(true),
                Key::PageUp => Move::Page(false),
                Key::Home if modifiers.command => Move::DocumentEdge(false),
                Key::Home => Move::LineEdge(false),
                Key::End if modifiers.command => Move::DocumentEdge(true),
                Key::End => Move::LineEdge(true),
                _ => return None,
            };
            Some((mv, modifiers.shift))
        })
        .collect()
}

/// Where a word step from `at` lands (letters and digits make words).
fn step_word(chars: &[char], mut at: usize, forward: bool) -> usize {
    let len = chars.len();
    if forward {
        while at < len && !chars[at].is_alphanumeric() {
            at += 1;
        }
        while at < len && chars[at].is_alphanumeric() {
            at += 1;
        }
    } else {
        while at > 0 && !chars[at - 1].is_alphanumeric() {
            at -= 1;
        }
        while at > 0 && chars[at - 1].is_alphanumeric() {
            at -= 1;
        }
    }
    at
}

impl Reader {
    /// The keyboard, when the reader has focus or nothing else has: the caret moves (Shift
    /// extends the selection), Ctrl+C copies the selection. (Escape clears it when no window
    /// took the Escape: see the app's frame.)
    pub(super) fn keyboard(&mut self, ui: &egui::Ui, doc: &Document, focus: egui::Id) {
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let focused = ui.memory(|m| m.focused());
        if focused.is_some() && focused != Some(focus) {
            return;
        }
        let (moves, copy) = ui.input(|i| {
            (
                moves_for(i),
                i.events.iter().any(|e| matches!(e, egui::Event::Copy)),
            )
        });
        if copy && let Some(t) = self.selected_text(doc) {
            ui.ctx().copy_text(t);
        }
        for (mv, shift) in moves {
            self.move_caret(doc, mv, shift);
        }
    }

    /// The paragraph holding `at` (between two paragraphs: the next one).
    pub(super) fn para_of(&self, at: usize) -> Option<usize> {
        if self.paras.is_empty() {
            return None;
        }
        let i = self.paras.partition_point(|p| p.end < at);
        Some(i.min(self.paras.len() - 1))
    }

    /// Top of paragraph `i` in the reader's content.
    pub(super) fn para_top(&self, i: usize) -> f32 {
        self.paras[..i]
            .iter()
            .map(|p| p.height + PARAGRAPH_GAP)
            .sum()
    }

    /// The caret's place in paragraph `i`: x, top and height of its row (estimated when the
    /// paragraph is not laid out).
    pub(super) fn caret_in(&self, i: usize, at: usize) -> (f32, f32, f32) {
        let p = &self.paras[i];
        match &p.galley {
            Some(g) => {
                let r = g.pos_from_cursor(egui::text::CCursor::new(p.galley_index(at)));
                (r.min.x, r.min.y, r.height().max(1.0))
            }
            None => {
                let row = self.row_height();
                let share = (at.saturating_sub(p.start)) as f32 / (p.end - p.start).max(1) as f32;
                (0.0, ((p.height - row) * share).max(0.0), row)
            }
        }
    }

    /// The offset at (x, y) of paragraph `i`.
    fn offset_in(&self, i: usize, x: f32, y: f32) -> usize {
        let p = &self.paras[i];
        match &p.galley {
            Some(g) => p.doc_offset(g.cursor_from_pos(egui::vec2(x, y)).index.0),
            None => {
                let share = (y / p.height.max(1.0)).clamp(0.0, 1.0);
                p.start + ((p.end - p.start) as f32 * share) as usize
            }
        }
    }

    fn row_height(&self) -> f32 {
        self.font_size * 1.3
    }

    /// The offset a line (or `dy` points) down or up from `at`, keeping to `x`.
    fn vertical(&self, at: usize, dy: f32, x: f32) -> usize {
        let Some(mut i) = self.para_of(at) else {
            return at;
        };
        let (_, y, h) = self.caret_in(i, at);
        let mut y = y + h / 2.0 + dy;
        // Walk into the paragraphs above or below while outside this one.
        while y < 0.0 && i > 0 {
            i -= 1;
            y += self.paras[i].height + PARAGRAPH_GAP;
        }
        while y > self.paras[i].height && i + 1 < self.paras.len() {
            y -= self.paras[i].height + PARAGRAPH_GAP;
            i += 1;
        }
        if y < 0.0 {
            return self.paras[i].start;
        }
        if y > self.paras[i].height {
            return self.paras[i].end;
        }
        self.offset_in(i, x, y.max(0.0))
    }

    /// Start or end of the laid-out row holding `at`.
    fn line_edge(&self, at: usize, end: bool) -> usize {
        let Some(i) = self.para_of(at) else {
            return at;
        };
        let p = &self.paras[i];
        let Some(g) = &p.galley else {
            return if end { p.end } else { p.start };
        };
        let gi = p.galley_index(at);
        let mut row_start = 0;
        for row in &g.rows {
            let n = row.glyphs.len();
            let row_end = row_start + n + usize::from(row.ends_with_newline);
            if gi < row_end || std::ptr::eq(row, g.rows.last().expect("a row")) {
                return p.doc_offset(if end { row_start + n } else { row_start });
            }
            row_start = row_end;
        }
        at
    }

    /// Where `mv` takes the caret from `at`; `goal_x` is the column kept by vertical moves.
    pub(super) fn moved(&self, doc: &Document, at: usize, mv: Move, goal_x: Option<f32>) -> usize {
        let len = doc.char_len;
        let at = at.min(len);
        let x = goal_x.unwrap_or_else(|| self.para_of(at).map_or(0.0, |i| self.caret_in(i, at).0));
        match mv {
            Move::Char(true) => (at + 1).min(len),
            Move::Char(false) => at.saturating_sub(1),
            Move::Word(forward) => {
                let chars: Vec<char> = doc.text.chars().collect();
                step_word(&chars, at, forward)
            }
            Move::Line(forward) => {
                let row = self.row_height();
                self.vertical(at, if forward { row } else { -row }, x)
            }
            Move::Page(forward) => {
                let page = (self.viewport_height - 2.0 * self.row_height()).max(self.row_height());
                self.vertical(at, if forward { page } else { -page }, x)
            }
            Move::Paragraph(forward) => {
                let Some(i) = self.para_of(at) else {
                    return at;
                };
                let p = &self.paras[i];
                match forward {
                    true if i + 1 < self.paras.len() => self.paras[i + 1].start,
                    true => p.end,
                    false if at > p.start => p.start,
                    false => self.paras[i.saturating_sub(1)].start,
                }
            }
            Move::LineEdge(end) => self.line_edge(at, end),
            Move::DocumentEdge(end) => {
                if end {
                    len
                } else {
                    0
                }
            }
        }
    }

    /// Moves the caret (and, with Shift, the selection's head) as a key asks.
    pub(super) fn move_caret(&mut self, doc: &Document, mv: Move, extend: bool) {
        let vertical = matches!(mv, Move::Line(_) | Move::Page(_));
        // The selection's head is where the caret is (however the selection was made).
        let from = self.selection.map_or(self.caret, |s| s.head);
        let goal = if vertical { self.goal_x } else { None };
        let goal = goal.or_else(|| {
            vertical
                .then(|| self.para_of(from).map(|i| self.caret_in(i, from).0))
                .flatten()
        });
        let to = self.moved(doc, from, mv, goal);
        self.goal_x = if vertical { goal } else { None };
        self.caret = to;
        self.reveal_caret = true;
        if extend {
            let anchor = self.selection.map_or(from, |s| s.anchor);
            self.selection = Some(Selection { anchor, head: to });
        } else {
            self.selection = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::step_word;

    #[test]
    fn word_steps_skip_spaces_and_punctuation() {
        let chars: Vec<char> = "Roa said: “we are ready.”".chars().collect();
        assert_eq!(step_word(&chars, 0, true), 3);
        assert_eq!(step_word(&chars, 3, true), 8);
        assert_eq!(step_word(&chars, 8, true), 13);
        assert_eq!(step_word(&chars, 13, false), 11);
        assert_eq!(step_word(&chars, 11, false), 4);
    }
}
