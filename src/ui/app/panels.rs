//! The status bar and the central reader panel (header, layer toggles, find bar, text).

use super::{Action, CentralView, ReadingRoomApp, SaveStatus};
use crate::ui::editor::Editor;
use crate::ui::reader::ReaderEvent;

impl ReadingRoomApp {
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let (text, color) = match &self.session.status {
                SaveStatus::Saved => ("Saved".to_string(), ui.visuals().weak_text_color()),
                SaveStatus::Pending => ("Saving…".to_string(), ui.visuals().weak_text_color()),
                SaveStatus::Unsaved => (
                    "Not saved: File > Save notebook as… to keep these notes".to_string(),
                    ui.visuals().warn_fg_color,
                ),
                SaveStatus::Failed(m) => (
                    format!("Save failed (file on disk intact): {m}"),
                    ui.visuals().error_fg_color,
                ),
            };
            ui.label(egui::RichText::new(text).color(color));
            ui.separator();
            let full = self
                .session
                .path
                .as_ref()
                .map_or("not saved anywhere yet".into(), |p| p.display().to_string());
            ui.label(egui::RichText::new(self.session.name()).small().weak())
                .on_hover_text(full);
            for job in &self.jobs {
                ui.separator();
                ui.spinner();
                let progress = job.progress();
                ui.label(&job.title).on_hover_text(&progress.message);
                // Cancel before the counter, so it stays where it is while the count grows.
                if job.is_cancelled() {
                    ui.label(egui::RichText::new("cancelling…").weak());
                } else if ui
                    .small_button("Cancel")
                    .on_hover_text(format!("Stop: {}", job.title))
                    .clicked()
                {
                    job.cancel();
                }
                if let Some(f) = progress.fraction() {
                    ui.add(egui::ProgressBar::new(f).desired_width(80.0))
                        .on_hover_text(&progress.message);
                    if let Some(total) = progress.total {
                        ui.label(
                            egui::RichText::new(format!("{} of {total}", progress.done))
                                .small()
                                .weak(),
                        );
                    }
                }
            }
            if !self.jobs.is_empty() {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            if self.draft.is_some() && self.editor.is_none() {
                ui.separator();
                if ui
                    .button("Resume draft")
                    .on_hover_text("The note you were writing when the editor closed")
                    .clicked()
                {
                    self.resume_draft();
                }
                if ui
                    .small_button("Discard draft")
                    .on_hover_text("Throw the unsaved note away")
                    .clicked()
                {
                    self.draft = None;
                }
            }
            if let Some(sel) = self.reader.selection.filter(|s| !s.is_empty()) {
                let (a, b) = sel.range();
                let page = self
                    .open_document()
                    .page_at(a)
                    .map_or(String::new(), |p| format!(", p. {p}"));
                ui.separator();
                let chars = if b - a == 1 { "char" } else { "chars" };
                ui.label(format!("{} {chars} selected{page}", b - a));
            }
            if self.prefs.author.is_empty() {
                ui.separator();
                if ui.link("Set your name (Settings)").clicked() {
                    self.windows.settings = true;
                }
            }
            if let Some(n) = &self.notice {
                ui.separator();
                // Elided at the window's edge (the whole text on hover), never cut off.
                let shown =
                    ui.add(egui::Label::new(egui::RichText::new(n.headline()).strong()).truncate());
                if n.text.contains('\n') {
                    shown.on_hover_text(&n.text);
                }
            }
        });
    }

    pub(super) fn reader_panel(&mut self, ui: &mut egui::Ui) {
        let doc_index = self.open;
        let ctx = ui.ctx().clone();
        match crate::ui::reader_header::show(ui, &self.workspace, doc_index) {
            Some(crate::ui::reader_header::HeaderEvent::OpenOriginal) => {
                self.open_original(doc_index)
            }
            Some(crate::ui::reader_header::HeaderEvent::ReplaceText) => {
                let mut p =
                    super::windows::prompt(crate::ui::windows::PromptKind::ReplaceText, self);
                if let Some(original) = &self.workspace.corpus.documents[doc_index].original {
                    p.text = original.display().to_string();
                }
                self.prompt = Some(p);
            }
            Some(crate::ui::reader_header::HeaderEvent::CopyToEdit) => self.copy_to_edit(doc_index),
            Some(crate::ui::reader_header::HeaderEvent::EditDetails) => {
                self.details_form = Some(crate::ui::windows::edit_details::DetailsForm::of(
                    &self.workspace.corpus.documents[doc_index].meta,
                    &|p| self.workspace.person_name(p).to_string(),
                ));
            }
            None => {}
        }
        // The highlights first: the layers' row shows what they found (the other version's
        // notes); they are made again below if the row changes a layer.
        self.refresh_highlights(ui.visuals().dark_mode);
        ui.horizontal_wrapped(|ui| {
            ui.label("Layers:");
            ui.checkbox(&mut self.prefs.layers.annotations, "Notes");
            ui.checkbox(&mut self.prefs.layers.people, "People");
            ui.checkbox(&mut self.prefs.layers.search, "Search");
            ui.checkbox(&mut self.prefs.layers.speakers, "Speakers")
                .on_hover_text("Who said each passage, in a coloured bar beside the text");
            self.only_speaker_choice(ui, doc_index);
            if let Some((n, other)) = self.other_version_summary.clone() {
                ui.checkbox(
                    &mut self.prefs.layers.other_version,
                    format!("{other} version"),
                )
                .on_hover_text(format!(
                    "Your notes on the {other} version, dimmed on the sentences aligned with theirs"
                ));
                let label = match n {
                    1 => format!("1 note from {other}…"),
                    n => format!("{n} notes from {other}…"),
                };
                if ui
                    .add_enabled(n > 0, egui::Button::new(label))
                    .on_hover_text(format!("Your notes on the {other} version: copy them here"))
                    .clicked()
                {
                    self.open_other_version_notes(None);
                }
            }
            ui.separator();
            // The reader's buttons send the same actions as the menus and the shortcuts; their
            // hover text shows the table's keys.
            let hint = |a: Action| format!("{} ({})", a.label(), a.shortcut_text());
            let mut chosen = None;
            if ui
                .button("A-")
                .on_hover_text(hint(Action::ZoomOut))
                .clicked()
            {
                chosen = Some(Action::ZoomOut);
            }
            if ui
                .button("A+")
                .on_hover_text(hint(Action::ZoomIn))
                .clicked()
            {
                chosen = Some(Action::ZoomIn);
            }
            ui.separator();
            let has = self.reader.selection.is_some_and(|s| !s.is_empty());
            if ui
                .add_enabled(has, egui::Button::new("Annotate"))
                .on_hover_text(hint(Action::Annotate))
                .clicked()
            {
                chosen = Some(Action::Annotate);
            }
            if ui
                .add_enabled(has, egui::Button::new("Copy with citation"))
                .on_hover_text(hint(Action::CopyWithCitation))
                .clicked()
            {
                chosen = Some(Action::CopyWithCitation);
            }
            if crate::facsimile::pdf_original(&self.workspace.corpus.documents[doc_index]).is_some()
            {
                ui.separator();
                let shown = self.prefs.panels.facsimile;
                let tip = format!(
                    "{} the PDF's pages beside the text ({})",
                    if shown { "Hide" } else { "Show" },
                    Action::ToggleFacsimile.shortcut_text()
                );
                if ui
                    .add(egui::Button::selectable(shown, "Original"))
                    .on_hover_text(&tip)
                    .clicked()
                {
                    chosen = Some(Action::ToggleFacsimile);
                }
            }
            if let Some(a) = chosen {
                self.act(&ctx, a);
            }
        });
        if self.find.open {
            ui.horizontal(|ui| {
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .hint_text("Find in document…")
                        .desired_width(260.0),
                );
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Find in document")
                });
                if self.find.focus {
                    // Ctrl+F again selects the query, so typing replaces it (as in a browser).
                    r.request_focus();
                    let mut state =
                        egui::text_edit::TextEditState::load(&ctx, r.id).unwrap_or_default();
                    state
                        .cursor
                        .set_char_range(Some(egui::text::CCursorRange::select_all_str(
                            &self.find.query,
                        )));
                    state.store(&ctx, r.id);
                    self.find.focus = false;
                }
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    self.act(&ctx, Action::FindNext);
                    r.request_focus();
                }
                // Escape in the field closes the find bar, and only that: taken, so the reader
                // keeps the hit selected.
                let close_now = r.lost_focus()
                    && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
                let n = self.find.hits.len();
                ui.label(match self.find.current {
                    Some(c) if n > 0 => format!("{} of {n}", c + 1),
                    _ if self.find.query.is_empty() => String::new(),
                    _ => "no matches".into(),
                });
                ui.checkbox(&mut self.find.phrase, "Whole phrase")
                    .on_hover_text(
                        "Several words as one phrase (\"word came back\"), not each on its own",
                    );
                if ui.button("Previous").on_hover_text("Shift+F3").clicked() {
                    self.act(&ctx, Action::FindPrevious);
                }
                if ui.button("Next").on_hover_text("F3").clicked() {
                    self.act(&ctx, Action::FindNext);
                }
                if ui.button("Close").on_hover_text("Escape").clicked() || close_now {
                    self.find.open = false;
                }
            });
            self.refresh_find();
        }
        ui.separator();
        let dark = ui.visuals().dark_mode;
        self.refresh_highlights(dark);
        // The original at the right, when shown: the text keeps the rest.
        let text_rect = self.facsimile_beside(ui, doc_index);
        let doc = &self.workspace.corpus.documents[doc_index];
        let (reader, highlights, revision) =
            (&mut self.reader, &self.highlights, self.highlight_revision);
        let events = match text_rect {
            Some(rect) => {
                ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                    reader.show(ui, doc_index, doc, highlights, revision)
                })
                .inner
            }
            None => reader.show(ui, doc_index, doc, highlights, revision),
        };
        for e in events {
            match e {
                ReaderEvent::OpenAnnotation(id) => {
                    if let Some(a) = self.session.notebook.get(&id) {
                        self.editor = Some(Editor::edit(a));
                    }
                }
                ReaderEvent::OpenProjected(id) => self.open_other_version_notes(Some(id)),
                ReaderEvent::Annotate => self.act(&ctx, Action::Annotate),
                ReaderEvent::CopyWithCitation => self.act(&ctx, Action::CopyWithCitation),
                ReaderEvent::CopyPandocCitation => self.act(&ctx, Action::CopyPandocCitation),
            }
        }
    }

    /// The central panel when no comparison is open: the reader or one of the other views.
    pub(super) fn central_view(&mut self, ui: &mut egui::Ui) {
        match self.view {
            CentralView::Reader => self.reader_panel(ui),
            CentralView::Speakers => self.concordance_panel(ui),
            CentralView::Search => {
                let ctx = ui.ctx().clone();
                let notes = crate::ui::search_view::NotesAsked {
                    notebook: &self.session.notebook,
                    revision: self.session.revision,
                };
                if let Some(m) = self.search.show(ui, &self.workspace, notes) {
                    self.show_search_match(&ctx, &m);
                }
            }
            CentralView::Timeline => {
                let visible = self.prefs.library.visible_memo(ui.ctx(), &self.workspace);
                let notes = self.notes_per_document();
                if let Some(i) = self.timeline.show(ui, &self.workspace, &visible, &notes) {
                    self.open_doc(i);
                }
            }
            CentralView::Questions => self.questions_panel(ui),
            CentralView::Cooccurrence => self.cooccurrence_panel(ui),
            CentralView::Frequency => self.frequency_panel(ui),
            CentralView::People => match egui::ScrollArea::vertical()
                .id_salt("people-view")
                .show(ui, |ui| self.people_view.show(ui, &self.workspace))
                .inner
            {
                Some(crate::ui::people_view::PeopleEvent::FilterBy(p)) => {
                    let name = self.workspace.person_name(&p).to_string();
                    self.prefs.library.people = vec![p];
                    self.say(format!("The library shows the documents of {name}."));
                }
                Some(crate::ui::people_view::PeopleEvent::Open(i)) => self.open_doc(i),
                Some(crate::ui::people_view::PeopleEvent::EditPeople) => self.open_your_people(),
                None => {}
            },
        }
    }

    /// The bars above the panels: a notebook that could not be opened, a read-only notebook,
    /// the user's documents that could not be loaded.
    pub(super) fn banners(&mut self, ui: &mut egui::Ui) {
        if let Some(err) = self.notebook_error.clone() {
            egui::Panel::top("notebook-error").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        egui::RichText::new(format!(
                            "The notebook could not be opened and was left untouched: {err}"
                        ))
                        .color(ui.visuals().error_fg_color),
                    );
                    ui.label("You are working in a new, unsaved notebook.");
                    if ui.button("Dismiss").clicked() {
                        self.notebook_error = None;
                    }
                });
            });
        }
        if let Some(reason) = self.session.read_only.clone() {
            egui::Panel::top("notebook-read-only").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        egui::RichText::new(format!("{}: {reason}.", self.session.name()))
                            .color(ui.visuals().warn_fg_color),
                    );
                    ui.label("File > Save As… keeps working in a copy.");
                });
            });
        }
        if !self.workspace.problems.is_empty() && !self.problems_dismissed {
            egui::Panel::top("document-problems").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let n = self.workspace.problems.len();
                    let files = if n == 1 { "file" } else { "files" };
                    ui.label(
                        egui::RichText::new(format!(
                            "{n} of your {files} could not be read; they were left as they are:"
                        ))
                        .color(ui.visuals().warn_fg_color),
                    );
                    if ui.button("Dismiss").clicked() {
                        self.problems_dismissed = true;
                    }
                });
                for p in self.workspace.problems.iter().take(5) {
                    ui.label(egui::RichText::new(p.to_string()).small());
                }
            });
        }
    }
}
