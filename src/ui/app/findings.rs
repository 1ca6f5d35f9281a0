//! The views of findings: Questions about my notes, What co-occurs and Codes over time, and
//! what they ask of the window (open a passage, export the answers, keep a question).

use super::{NotesScope, ReadingRoomApp};
use crate::notes::commands::Command;

impl ReadingRoomApp {
    /// The question last answered in Questions about my notes and the ids of the notes that
    /// answer it (None: no question, or one that does not parse).
    pub fn answers_scope(&self) -> Option<(String, Vec<String>)> {
        let (question, hits) = self.questions.last_answers()?;
        let nb = &self.session.notebook;
        Some((
            question.to_string(),
            hits.iter()
                .filter_map(|h| nb.annotations.get(h.note).map(|a| a.id.clone()))
                .collect(),
        ))
    }

    /// Questions about my notes: the view, and what it asks for.
    pub(super) fn questions_panel(&mut self, ui: &mut egui::Ui) {
        use crate::ui::questions_view::QuestionsEvent;
        self.refresh_anchors();
        let event = self.questions.show(
            ui,
            &self.workspace,
            &self.session.notebook,
            self.session.revision,
            &self.anchors.map,
        );
        match event {
            Some(QuestionsEvent::Open(doc, s, e)) => {
                self.open_passage(ui.ctx(), doc, s, e);
            }
            Some(QuestionsEvent::Export) => {
                let mut p = super::windows::prompt(
                    crate::ui::windows::path_prompt::PromptKind::ExportNotes,
                    self,
                );
                p.notes_scope = NotesScope::Answers;
                self.prompt = Some(p);
            }
            Some(QuestionsEvent::Save(name, query)) => {
                self.apply(Command::SaveQuery {
                    name: name.clone(),
                    query,
                });
                self.say(format!("Question kept as “{name}”."));
            }
            Some(QuestionsEvent::Forget(name)) => self.apply(Command::DeleteQuery { name }),
            None => {}
        }
    }
}

impl ReadingRoomApp {
    /// Shows a passage of the findings in the reader (document index, char range).
    fn open_passage(&mut self, ctx: &egui::Context, doc: usize, start: usize, end: usize) {
        let id = self.workspace.corpus.documents[doc].meta.id.clone();
        self.view = super::CentralView::Reader;
        self.jump(ctx, &id, start, end);
    }

    /// What co-occurs: the view, and what it asks for.
    pub(super) fn cooccurrence_panel(&mut self, ui: &mut egui::Ui) {
        use crate::ui::cooccurrence_view::CooccurrenceEvent;
        self.refresh_anchors();
        let event = self.cooccurrence.show(
            ui,
            &self.workspace,
            &self.session.notebook,
            self.session.revision,
            &self.anchors.map,
        );
        match event {
            Some(CooccurrenceEvent::Open(doc, s, e)) => {
                self.open_passage(ui.ctx(), doc, s, e);
            }
            Some(CooccurrenceEvent::Copied) => {
                self.say("The table is copied as CSV: paste it into a spreadsheet.")
            }
            Some(CooccurrenceEvent::Save) => {
                self.prompt = Some(super::windows::prompt(
                    crate::ui::windows::path_prompt::PromptKind::ExportCooccurrence,
                    self,
                ));
            }
            None => {}
        }
    }
}

impl ReadingRoomApp {
    /// Codes over time: the view, and what it asks for.
    pub(super) fn frequency_panel(&mut self, ui: &mut egui::Ui) {
        use crate::ui::frequency_view::FrequencyEvent;
        self.refresh_anchors();
        let event = self.frequency.show(
            ui,
            &self.workspace,
            &self.session.notebook,
            self.session.revision,
            &self.anchors.map,
        );
        match event {
            Some(FrequencyEvent::Open(doc, s, e)) => self.open_passage(ui.ctx(), doc, s, e),
            Some(FrequencyEvent::Copied) => {
                self.say("The counts are copied as CSV: paste them into a spreadsheet.")
            }
            None => {}
        }
    }
}

impl ReadingRoomApp {
    /// Writes the co-occurrence table shown as CSV (never onto the notebook).
    pub fn export_cooccurrence(&mut self, path: &std::path::Path) -> Result<(), String> {
        let m = self.cooccurrence.table(
            &self.workspace,
            &self.session.notebook,
            self.session.revision,
            &self.anchors.map,
        );
        crate::export::write_export(path, &m.to_csv(), self.session.path.as_deref())?;
        self.say(format!(
            "Saved the table ({} rows, {} columns) to {}.",
            m.rows.len(),
            m.cols.len(),
            path.display()
        ));
        Ok(())
    }
}
