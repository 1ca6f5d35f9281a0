//! The window's side of the speaker concordance (showing it, jumping to and annotating its
//! passages, exporting it) and of searching all documents (opening a match in the reader).

use super::{CentralView, ReadingRoomApp};
use crate::ui::concordance_view::ConcordanceEvent;
use std::path::Path;

impl ReadingRoomApp {
    /// The "Who said what" view in the central panel.
    pub(super) fn concordance_panel(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        match self.concordance.show(ui, &self.workspace) {
            Some(ConcordanceEvent::Show { doc, start, end }) => self.jump(&ctx, &doc, start, end),
            Some(ConcordanceEvent::Annotate { doc, start, end }) => {
                self.jump(&ctx, &doc, start, end);
                self.annotate_selection(&ctx);
            }
            Some(ConcordanceEvent::Export) => self.request_concordance_export(),
            None => {}
        }
    }

    /// View > Search all documents (Ctrl+Shift+F): the search view, its field ready to type in.
    pub fn open_search(&mut self) {
        self.view = CentralView::Search;
        self.comparison = None;
        self.search.focus = true;
    }

    /// Opens a match of the search in the reader, selected, with the reader's find bar on the
    /// same query at that match (so F3 goes on through the document).
    pub(super) fn show_search_match(
        &mut self,
        ctx: &egui::Context,
        m: &crate::ui::search_view::ShowMatch,
    ) {
        self.jump(ctx, &m.doc, m.start, m.end);
        self.view = CentralView::Reader;
        self.find.open = true;
        self.find.query = m.query.clone();
        // Search all's words may stand apart: find them as it did.
        self.find.phrase = false;
        self.find.hits = self
            .workspace
            .search
            .find_in(&self.workspace.corpus, &m.doc, &m.query);
        self.find.current = self.find.hits.iter().position(|&(s, _)| s == m.start);
        self.find.computed_for = Some((self.open, self.find.effective_query()));
    }

    /// File > Export concordance…: asks for a file, or for a speaker first.
    pub fn request_concordance_export(&mut self) {
        if self.concordance.person.is_none() {
            self.view = CentralView::Speakers;
            self.comparison = None;
            self.say("Choose a speaker, then export what they said.");
            return;
        }
        self.prompt = Some(super::windows::prompt(
            crate::ui::windows::PromptKind::ExportConcordance,
            self,
        ));
    }

    /// Writes the chosen speaker's concordance as Markdown with citations.
    pub fn export_concordance(&mut self, path: &Path) -> Result<(), String> {
        let Some(person) = self.concordance.person.clone() else {
            return Err("choose a speaker first (View > Who said what)".into());
        };
        let entries = self.concordance.entries(&self.workspace);
        let text = crate::export::concordance::markdown(
            &self.workspace,
            &person,
            &entries,
            &self.concordance.containing,
        );
        crate::export::write_export(path, &text, self.session.path.as_deref())?;
        self.say(format!(
            "Exported {} passages of {} to {}.",
            entries.len(),
            self.workspace.person_name(&person),
            path.display()
        ));
        Ok(())
    }
}
