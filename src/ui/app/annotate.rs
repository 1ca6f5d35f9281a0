//! Annotating from the reader: the editor opened on a selection (or on the draft that was
//! being written there), drafts kept when the editor closes unsaved, Copy with citation.

use super::ReadingRoomApp;
use crate::notes::model::text_target;
use crate::ui::editor::Editor;

impl ReadingRoomApp {
    /// Opens the editor on the reader's selection (or says why not).
    pub fn annotate_selection(&mut self, ctx: &egui::Context) {
        if self.session.read_only.is_some() {
            self.notify(
                ctx,
                "This notebook is read-only (see the bar above); File > Save As… to annotate in a copy.",
            );
            return;
        }
        let Some(sel) = self.reader.selection.filter(|s| !s.is_empty()) else {
            self.notify(ctx, "Select some text first, then Annotate (Ctrl+E).");
            return;
        };
        let (mut a, mut b) = sel.range();
        let doc = self.open_document();
        // A selection dragged from a space or into one is trimmed to its words.
        let chars: Vec<char> = doc.slice_chars(a, b).chars().collect();
        let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
        let trail = chars[lead..]
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        if lead < chars.len() {
            a += lead;
            b -= trail;
        }
        let target = text_target(&doc.meta.id, &doc.text, a, b);
        if b - a > crate::notes::model::MAX_QUOTE_CHARS {
            let max = crate::notes::model::MAX_QUOTE_CHARS;
            self.notify(
                ctx,
                format!("A note may quote at most {max} characters; select less, or write a note on the whole document (Notes panel)."),
            );
            return;
        }
        if self
            .draft
            .as_ref()
            .is_some_and(|d| d.target == target && d.other_targets.is_empty())
        {
            self.resume_draft();
        } else {
            self.editor = Some(Editor::new(target));
        }
    }

    /// Opens the editor on an existing note (all of its passages).
    pub fn edit_note(&mut self, id: &str) {
        if let Some(a) = self.session.notebook.get(id) {
            self.editor = Some(Editor::edit(a));
        }
    }

    /// Reopens the note that was being written when the editor closed.
    pub fn resume_draft(&mut self) {
        if let Some(d) = self.draft.take() {
            self.editor = Some(d.reopened());
        }
    }

    /// Closes the editor without saving; what was typed is kept as a draft.
    pub(super) fn close_editor_keeping_draft(&mut self) {
        let Some(editor) = self.editor.take() else {
            return;
        };
        if editor.has_unsaved_text() {
            self.draft = Some(editor);
            self.say("Not saved: your draft is kept (Resume draft).");
        }
    }

    pub(super) fn copy_with_citation(&mut self, ctx: &egui::Context) {
        let Some(sel) = self.reader.selection.filter(|s| !s.is_empty()) else {
            self.notify(ctx, "Select a passage to copy with its citation.");
            return;
        };
        let (a, b) = sel.range();
        let text = crate::export::citation::quote_with_citation(
            &self.workspace,
            self.open_document(),
            a,
            b,
        );
        ctx.copy_text(text.clone());
        self.last_copy = Some(text);
        self.notify(ctx, "Copied the quote with its citation.");
    }

    /// Copies a Pandoc citation of the selection (`[@key, 38]`: the key of the BibTeX and
    /// CSL-JSON exports, the page the paper or the original prints), or of the open document
    /// when nothing is selected.
    pub(super) fn copy_pandoc_citation(&mut self, ctx: &egui::Context) {
        let doc = self.open_document();
        let (a, b) = self
            .reader
            .selection
            .filter(|s| !s.is_empty())
            .map_or((0, 0), |s| s.range());
        let text = if a == b {
            format!("[@{}]", crate::export::bibliography::key_of(doc))
        } else {
            crate::export::bibliography::pandoc_citation(doc, a, b)
        };
        ctx.copy_text(text.clone());
        self.notify(
            ctx,
            format!("Copied {text} (the key File > Export notes writes to BibTeX and CSL-JSON)."),
        );
        self.last_copy = Some(text);
    }
}
