//! The reader's paragraphs as laid out: offsets in the laid-out text (with footnote markers
//! inserted), where an offset stands from the top of the text, and jumps (to a note, a find, a
//! page of the original) made again until their target stands on the reading line.

use super::{PARAGRAPH_GAP, READING_LINE, Reader};
use std::sync::Arc;

/// One paragraph of the text: its offsets, and its layout once it has been in view.
pub(super) struct Para {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Footnote markers inserted into the laid-out text: (doc offset, marker chars).
    pub(super) inserts: Vec<(usize, usize)>,
    pub(super) galley: Option<Arc<egui::Galley>>,
    pub(super) height: f32,
}

impl Para {
    /// Document offset of a char index in the laid-out text.
    pub(super) fn doc_offset(&self, galley_index: usize) -> usize {
        let mut extra = 0;
        for &(at, len) in &self.inserts {
            let g_at = at - self.start + extra;
            if galley_index < g_at {
                break;
            }
            if galley_index < g_at + len {
                return at;
            }
            extra += len;
        }
        (self.start + galley_index - extra).min(self.end)
    }

    /// Char index in the laid-out text of a document offset.
    pub(super) fn galley_index(&self, doc: usize) -> usize {
        let doc = doc.clamp(self.start, self.end);
        let extra: usize = self
            .inserts
            .iter()
            .filter(|(at, _)| *at <= doc)
            .map(|(_, l)| *l)
            .sum();
        doc - self.start + extra
    }
}

impl Reader {
    /// The top of the row of a char offset, from the top of the text (estimated in paragraphs
    /// not laid out yet).
    fn y_of(&self, offset: usize) -> Option<f32> {
        let mut y = 0.0;
        for p in &self.paras {
            if offset < p.end || std::ptr::eq(p, self.paras.last()?) {
                let within = match &p.galley {
                    Some(g) => {
                        g.pos_from_cursor(egui::text::CCursor::new(p.galley_index(offset)))
                            .min
                            .y
                    }
                    None => {
                        p.height * (offset.saturating_sub(p.start)) as f32
                            / (p.end - p.start).max(1) as f32
                    }
                };
                return Some(y + within);
            }
            y += p.height + PARAGRAPH_GAP;
        }
        None
    }

    /// Where to scroll this frame (the top of the text's row to put on the reading line), if
    /// a jump asks it.
    pub(super) fn jump_target(&mut self, ui: &egui::Ui) -> Option<f32> {
        let scroll_target = self.scroll_to.take();
        if let Some(o) = scroll_target {
            self.settling = Some((o, 3));
        }
        let mut target_y = scroll_target.and_then(|o| self.y_of(o));
        // A jump is made again while the paragraphs it passed are laid out and their heights
        // change (the first was made on estimates), until the target stands on the reading
        // line; a scroll of the user's ends it.
        if target_y.is_none()
            && let Some((o, n)) = self.settling
        {
            let scrolled = ui.input(|i| i.smooth_scroll_delta.y != 0.0 || i.pointer.any_down());
            self.settling = None;
            if n > 0
                && !scrolled
                && let Some(y) = self.y_of(o)
                && ((y - READING_LINE).max(0.0) - self.scroll_offset).abs() > 1.0
            {
                target_y = Some(y);
                self.settling = Some((o, n - 1));
                ui.ctx().request_repaint();
            }
        }
        target_y
    }
}
