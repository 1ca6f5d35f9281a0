//! Correcting the text of one of the researcher's documents (Edit → Correct the selected
//! text…, Edit → Undo the last text correction): the window's form, the correction made and
//! logged by `import::correct`, the document read again and its notes re-anchored.

use super::ReadingRoomApp;
use crate::ui::reader::Selection;
use crate::ui::windows::correct_text::CorrectForm;

impl ReadingRoomApp {
    /// Opens the Correct the text window on the reader's selection.
    pub(super) fn open_correct_form(&mut self) {
        let doc = self.open_document();
        if !doc.user_added {
            self.say(
                "Only your own documents can be corrected: Copy to edit… makes one of the \
                 paper's yours.",
            );
            return;
        }
        let Some((start, end)) = self
            .reader
            .selection
            .filter(|s| !s.is_empty())
            .map(|s| s.range())
        else {
            self.say("Select the passage to correct first.");
            return;
        };
        if end - start > crate::import::correct::MAX_CORRECTION_CHARS {
            self.say(format!(
                "Select at most {} characters to correct at once.",
                crate::import::correct::MAX_CORRECTION_CHARS
            ));
            return;
        }
        let old: String = doc.text.chars().skip(start).take(end - start).collect();
        let place = match doc.page_label_at(start) {
            Some(p) => format!("{}, p. {p}", doc.meta.short_title),
            None => doc.meta.short_title.clone(),
        };
        self.correct_form = Some(CorrectForm::new(doc.meta.id.clone(), place, start, old));
    }

    /// Opens the Correct the text window on the whole text of a page of the original (to type
    /// or paste a photographed page's text, or correct it).
    pub(super) fn transcribe_page(&mut self, page: u32) {
        let doc = self.open_document();
        let Some((start, end)) = crate::ui::facsimile::page_range(doc, page) else {
            self.say(format!(
                "Page {page} of the original has no text in this document."
            ));
            return;
        };
        if start == end {
            self.say(format!(
                "Page {page} of the original has no text in this document."
            ));
            return;
        }
        self.reader.selection = Some(Selection {
            anchor: start,
            head: end,
        });
        self.reader.scroll_to = Some(start);
        self.open_correct_form();
        let place = format!(
            "{}, page {page} of the original",
            self.open_document().meta.short_title
        );
        if let Some(f) = &mut self.correct_form {
            f.place = place;
        }
    }

    /// Applies the correction of the form; the error, if any, is for the form.
    pub fn apply_correction(&mut self, f: &CorrectForm) -> Result<(), String> {
        let data = self.data_dir().to_path_buf();
        let c = crate::import::correct::correct(
            &data,
            &f.doc,
            f.start,
            &f.old,
            &f.new,
            &self.prefs.author,
        )?;
        self.undoable_correction = None;
        let (placed, orphans) = self.reload_user_document(&f.doc)?;
        let end = c.start + c.new.chars().count();
        self.reader.selection = Some(Selection {
            anchor: c.start,
            head: end,
        });
        self.reader.caret = end;
        self.reader.scroll_to = Some(c.start);
        self.say(format!(
            "Corrected “{}” to “{}”: {placed} notes placed, {orphans} orphans{}. Edit > Undo the \
             last text correction takes it back.",
            crate::ui::excerpt(&c.old, 40),
            crate::ui::excerpt(&c.new, 40),
            if orphans > 0 { " (see Orphans)" } else { "" }
        ));
        Ok(())
    }

    /// Reads whether the open document has a correction to undo, when another document is
    /// open or a correction was made or undone (not every frame).
    pub(super) fn refresh_undoable_correction(&mut self) {
        let doc = self.open_document();
        if self
            .undoable_correction
            .as_ref()
            .is_some_and(|(id, _)| *id == doc.meta.id)
        {
            return;
        }
        let can = doc.user_added && self.correction_to_undo();
        self.undoable_correction = Some((self.open_document().meta.id.clone(), can));
    }

    /// Whether the open document has a correction to undo (read from its log).
    fn correction_to_undo(&self) -> bool {
        let id = &self.open_document().meta.id;
        crate::import::correct::read_log(self.data_dir(), id)
            .is_ok_and(|log| crate::import::correct::last_standing(&log).is_some())
    }

    /// Undoes the open document's last text correction.
    pub(super) fn undo_correction(&mut self) {
        let id = self.open_document().meta.id.clone();
        let data = self.data_dir().to_path_buf();
        self.undoable_correction = None;
        let result = crate::import::correct::undo_last(&data, &id, &self.prefs.author).and_then(
            |c| match c {
                Some(c) => self.reload_user_document(&id).map(|n| Some((c, n))),
                None => Ok(None),
            },
        );
        match result {
            Ok(Some((c, (placed, orphans)))) => {
                let end = c.start + c.new.chars().count();
                self.reader.selection = Some(Selection {
                    anchor: c.start,
                    head: end,
                });
                self.reader.scroll_to = Some(c.start);
                self.say(format!(
                    "Undone: the passage reads “{}” again; {placed} notes placed, {orphans} \
                     orphans.",
                    crate::ui::excerpt(&c.new, 40)
                ));
            }
            Ok(None) => self.say("This document has no correction to undo."),
            Err(e) => self.say(format!("The correction could not be undone: {e}")),
        }
    }
}
