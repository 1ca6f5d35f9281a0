//! Reading aids: Go to page (Ctrl+G) and Highlight with the last tag (Ctrl+Shift+E).

use super::ReadingRoomApp;

impl ReadingRoomApp {
    /// Sets the reader's typeface and line width from Settings (the serif face is loaded the
    /// first time it is chosen).
    pub(super) fn apply_reading_settings(&mut self, ctx: &egui::Context) {
        self.reader.line_width = self.prefs.line_width.points();
        let family = egui::FontFamily::Name(crate::ui::reader::SERIF.into());
        let wanted = self.prefs.reading_font == crate::ui::prefs::ReadingFont::Serif
            && *self
                .serif_loaded
                .get_or_insert_with(|| crate::ui::fonts::load_serif(ctx));
        // New fonts take effect from the next frame: until the family is there, the sans.
        // (Once it is there, it stays: no need to ask egui again every frame.)
        let ready = wanted
            && (self.reader.font_family == family || ctx.fonts(|f| f.families().contains(&family)));
        self.reader.font_family = if ready {
            family
        } else {
            egui::FontFamily::Proportional
        };
        if wanted && !ready {
            ctx.request_repaint();
        }
    }

    /// The pages of the open document as a reader would say them ("pages 36–40", "pages i,
    /// 14–15"), for Go to page.
    pub fn page_list(&self) -> String {
        let doc = self.open_document();
        let labels: Vec<String> = (0..doc.pages.len())
            .map(|k| {
                doc.page_labels
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| doc.pages[k].page.to_string())
            })
            .collect();
        match labels.as_slice() {
            [] => "no page numbers".into(),
            [one] => format!("page {one}"),
            [first, .., last] if doc.page_labels.is_empty() => format!("pages {first}–{last}"),
            many if many.len() <= 12 => format!("pages {}", many.join(", ")),
            [first, .., last] => format!("pages {first} to {last}"),
        }
    }

    /// Moves the reader (its caret and view) to the start of a page of the open document, by
    /// its printed number or label.
    pub fn go_to_page(&mut self, ctx: &egui::Context, page: &str) -> Result<(), String> {
        let doc = self.open_document();
        let wanted = page.trim().trim_start_matches("p.").trim();
        if wanted.is_empty() {
            return Err("Type a page number.".into());
        }
        let found = doc.pages.iter().enumerate().find(|(k, m)| {
            let label = doc
                .page_labels
                .get(*k)
                .cloned()
                .unwrap_or_else(|| m.page.to_string());
            label.eq_ignore_ascii_case(wanted)
        });
        let Some((_, marker)) = found else {
            return Err(format!(
                "This document has no page {wanted}: it has {}.",
                self.page_list()
            ));
        };
        let at = marker.at;
        self.view = super::CentralView::Reader;
        self.comparison = None;
        self.reader.selection = None;
        self.reader.caret = at;
        self.reader.scroll_to = Some(at);
        ctx.memory_mut(|m| m.request_focus(crate::ui::reader::Reader::focus_id(self.open)));
        self.say(format!("Page {wanted}."));
        Ok(())
    }

    /// A note on the selection with the tag of the last note saved, at once (undoable).
    pub fn highlight_with_last_tag(&mut self, ctx: &egui::Context) {
        let Some(tag) = self.prefs.last_tag.clone() else {
            self.notify(
                ctx,
                "No tag used yet: annotate once with a tag (Ctrl+E), then Ctrl+Shift+E highlights with it.",
            );
            return;
        };
        self.annotate_selection(ctx);
        let Some(mut editor) = self.editor.take() else {
            return;
        };
        if editor.existing.is_some() || editor.has_unsaved_text() {
            // A draft for this passage was reopened: leave it to the user.
            self.editor = Some(editor);
            return;
        }
        editor.tags = vec![tag.clone()];
        let commands = editor.commands(&self.session.notebook, &self.prefs.author);
        for c in commands {
            self.apply(c);
        }
        self.reader.selection = None;
        self.notify(ctx, format!("Highlighted with “{tag}” (Ctrl+Z undoes)."));
    }
}

impl ReadingRoomApp {
    /// "Show only what … said": the people who speak in the open document, each ticked on or
    /// off (several at once); choosing some dims everything the others say and keeps only
    /// their passages in the speaker gutter. "everyone" clears the choice.
    pub(super) fn only_speaker_choice(&mut self, ui: &mut egui::Ui, doc: usize) {
        let id = self.workspace.corpus.documents[doc].id().to_string();
        let Some(passages) = self.workspace.speakers.passages.get(&id) else {
            return;
        };
        let mut speakers: Vec<&str> = passages
            .iter()
            .flat_map(|p| p.speakers.iter().map(String::as_str))
            .collect();
        speakers.sort_unstable();
        speakers.dedup();
        if speakers.is_empty() {
            return;
        }
        // People chosen in another document who do not speak here are let go.
        self.reader
            .only_speakers
            .retain(|p| speakers.contains(&p.as_str()));
        let ws = &self.workspace;
        let label = ui.label("Only what");
        let chosen = &mut self.reader.only_speakers;
        let names: Vec<&str> = chosen.iter().map(|p| ws.person_name(p)).collect();
        let shown = match names.as_slice() {
            [] => "everyone".to_string(),
            [one] => one.to_string(),
            [a, b] => format!("{a} and {b}"),
            more => format!("{} people", more.len()),
        };
        egui::ComboBox::from_id_salt("only-speaker")
            .selected_text(format!("{shown} said"))
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show_ui(ui, |ui| {
                if ui.selectable_label(chosen.is_empty(), "everyone").clicked() {
                    chosen.clear();
                }
                ui.separator();
                for p in &speakers {
                    let mut on = chosen.contains(*p);
                    if ui.checkbox(&mut on, ws.person_name(p)).changed() {
                        if on {
                            chosen.insert(p.to_string());
                        } else {
                            chosen.remove(*p);
                        }
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Dim everything the people ticked do not say (tick several to compare)");
    }
}
