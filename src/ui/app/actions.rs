//! Applying what the user asks for: every [`Action`] from the menus, the shortcuts and the
//! buttons goes through [`ReadingRoomApp::act`], and the menus are told what is enabled.

use super::windows::prompt;
use super::{CentralView, ReadingRoomApp};
use crate::notes::model::Target;
use crate::ui::editor::Editor;
use crate::ui::shortcuts::Action;
use crate::ui::windows::{PromptKind, QuickOpen};

impl ReadingRoomApp {
    /// Applies an action, wherever it came from (menu, shortcut, button): the one place.
    pub fn act(&mut self, ctx: &egui::Context, action: Action) {
        // Doing any of the things the welcome suggests closes it.
        if self.windows.welcome {
            self.windows.welcome = false;
            self.prefs.welcomed = true;
        }
        match action {
            Action::QuickOpen => {
                self.quick_open = Some(QuickOpen::in_collection(
                    self.prefs.library.collection.clone(),
                ))
            }
            Action::Find => {
                self.find.open = true;
                self.find.focus = true;
            }
            Action::SearchAll => self.open_search(),
            Action::FindNext | Action::FindPrevious => {
                let n = self.find.hits.len();
                if n > 0 {
                    let c = self.find.current.unwrap_or(0);
                    let next = if action == Action::FindNext {
                        (c + 1) % n
                    } else {
                        (c + n - 1) % n
                    };
                    self.find.current = Some(next);
                    self.select_find_hit();
                }
            }
            Action::Annotate => self.annotate_selection(ctx),
            Action::Undo => {
                if !self.session.undo() {
                    self.notify(ctx, "Nothing to undo.");
                }
                self.refresh_comparison();
            }
            Action::Redo => {
                if !self.session.redo() {
                    self.notify(ctx, "Nothing to redo.");
                }
                self.refresh_comparison();
            }
            Action::CopyWithCitation => self.copy_with_citation(ctx),
            Action::CopyPandocCitation => self.copy_pandoc_citation(ctx),
            Action::CorrectText => self.open_correct_form(),
            Action::UndoCorrection => self.undo_correction(),
            Action::ZoomIn => self.set_font(self.reader.font_size + 1.0),
            Action::ZoomOut => self.set_font(self.reader.font_size - 1.0),
            Action::Help => self.windows.help = !self.windows.help,
            Action::NewMemo => self.editor = Some(Editor::new(Target::Memo)),
            Action::YourPeople => self.open_your_people(),
            Action::HighlightWithLastTag => self.highlight_with_last_tag(ctx),
            Action::GoToPage => {
                self.go_to_page = Some(crate::ui::windows::go_to_page::GoToPage::default())
            }
            Action::ToggleLibrary => self.prefs.panels.library = !self.prefs.panels.library,
            Action::ToggleNotes => self.prefs.panels.notes = !self.prefs.panels.notes,
            Action::ToggleFacsimile => self.toggle_facsimile(),
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::NextDifference | Action::PreviousDifference => {
                if let Some(c) = &mut self.comparison {
                    c.step(&self.workspace, action == Action::NextDifference);
                }
            }
            Action::NewNotebook => self.prompt = Some(prompt(PromptKind::New, self)),
            Action::OpenNotebook => self.prompt = Some(prompt(PromptKind::Open, self)),
            Action::SaveNotebookAs => self.prompt = Some(prompt(PromptKind::SaveAs, self)),
            Action::OpenRecent(i) => {
                if let Some(p) = self.prefs.recent.get(i).cloned()
                    && let Err(e) = self.open_notebook(&p)
                {
                    self.notebook_error = Some(e);
                }
            }
            Action::AddDocument => {
                self.add_document_form = Some(crate::ui::windows::AddDocumentForm::default())
            }
            Action::ImportDocuments => {
                self.prompt = Some(prompt(PromptKind::ImportDocuments, self))
            }
            Action::ExportNotes => self.prompt = Some(prompt(PromptKind::ExportNotes, self)),
            Action::ExportConcordance => self.request_concordance_export(),
            Action::ImportNotes => self.prompt = Some(prompt(PromptKind::ImportNotes, self)),
            Action::ExportComparison => {
                if self.comparison.is_some() {
                    self.prompt = Some(prompt(PromptKind::ExportComparison, self));
                }
            }
            Action::RestoreVersion => {
                self.windows.version_list = self
                    .session
                    .path
                    .as_deref()
                    .and_then(|p| crate::notes::history::list(p).ok())
                    .unwrap_or_default();
                self.windows.versions = self.session.path.is_some();
            }
            Action::Settings => self.windows.settings = true,
            Action::ResumeDraft => self.resume_draft(),
            Action::CompareMemoirs => self.compare_memoirs(),
            Action::ShowView(CentralView::Search) => self.open_search(),
            Action::ShowView(view) => {
                self.view = view;
                self.comparison = None;
                self.questions.focus_question = view == CentralView::Questions;
            }
            Action::SetTheme(theme) => self.prefs.theme = theme,
            Action::About => self.windows.about = true,
        }
    }

    /// The current Find hit becomes the selection (so Ctrl+E annotates it and Ctrl+C copies
    /// it), with the caret at its end, in view.
    pub(super) fn select_find_hit(&mut self) {
        if let Some(&(start, end)) = self.find.current.and_then(|k| self.find.hits.get(k)) {
            self.reader.selection = Some(crate::ui::reader::Selection {
                anchor: start,
                head: end,
            });
            self.reader.caret = end;
            self.reader.scroll_to = Some(start);
        }
    }

    /// What the menus show enabled and checked.
    pub(super) fn menu_state(&self) -> crate::ui::menu::MenuState {
        let (can_undo, can_redo) = self.session.can_undo();
        crate::ui::menu::MenuState {
            can_undo,
            can_redo,
            has_draft: self.draft.is_some(),
            comparing: self.comparison.is_some(),
            find_hits: !self.find.hits.is_empty(),
            saved_somewhere: self.session.path.is_some(),
            recent: self.prefs.recent.clone(),
            view: self.comparison.is_none().then_some(self.view),
            theme: self.prefs.theme,
            panels: self.prefs.panels,
            has_last_tag: self.prefs.last_tag.is_some(),
            can_correct: self.comparison.is_none()
                && self.open_document().user_added
                && self.reader.selection.is_some_and(|s| !s.is_empty()),
            can_undo_correction: self
                .undoable_correction
                .as_ref()
                .is_some_and(|(id, can)| *can && *id == self.open_document().meta.id),
        }
    }

    pub(super) fn set_font(&mut self, size: f32) {
        self.reader.font_size = size.clamp(11.0, 32.0);
        self.prefs.font_size = self.reader.font_size;
    }
}
