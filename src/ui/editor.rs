//! The annotation editor: the quote, tags (existing ones completed as you type, or new ones, each
//! with a colour from the 8-colour palette) and a multi-line note kept as Markdown text.

use super::highlight::{chip_text, palette_swatch, tag_color};
use crate::notes::commands::Command;
use crate::notes::model::{Annotation, Notebook, TAG_PALETTE, Target, new_id, now_rfc3339};

/// An annotation being written or edited.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The note's id when editing an existing one.
    pub existing: Option<Annotation>,
    /// What the note is attached to.
    pub target: Target,
    /// The note text.
    pub note: String,
    /// The note's tag names, in the order given (new ones get a colour on save).
    pub tags: Vec<String>,
    /// The tag being typed.
    pub tag_input: String,
    /// Colours chosen here for new tags.
    pub new_colours: Vec<(String, String)>,
    /// Further passages the note is on (a note on an aligned pair: both sides, one note).
    pub other_targets: Vec<Target>,
    /// Move keyboard focus to the note on the first frame.
    focus: bool,
    /// The tag field had the focus last frame (Tab from it goes to the note).
    tag_had_focus: bool,
}

/// What the editor asks for when it closes.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorResult {
    /// Still open: nothing to do this frame.
    Open,
    /// Closed without saving.
    Cancel,
    /// Apply these edits (one command per change, so each can be undone).
    Save(Vec<Command>),
}

impl Editor {
    /// A new note on a target.
    pub fn new(target: Target) -> Editor {
        Editor {
            existing: None,
            target,
            note: String::new(),
            tags: Vec::new(),
            tag_input: String::new(),
            new_colours: Vec::new(),
            other_targets: Vec::new(),
            focus: true,
            tag_had_focus: false,
        }
    }

    /// A new note on two passages at once (an aligned pair): one note with two targets.
    pub fn pair(first: Target, second: Target) -> Editor {
        let mut e = Editor::new(first);
        e.other_targets = vec![second];
        e
    }

    /// Every target of the note being written, the first first.
    pub fn targets(&self) -> impl Iterator<Item = &Target> {
        std::iter::once(&self.target).chain(&self.other_targets)
    }

    /// Edits an existing note.
    pub fn edit(a: &Annotation) -> Editor {
        Editor {
            existing: Some(a.clone()),
            target: a.target.clone(),
            note: a.note.clone(),
            tags: a.tags.clone(),
            tag_input: String::new(),
            new_colours: Vec::new(),
            other_targets: a.other_targets.clone(),
            focus: true,
            tag_had_focus: false,
        }
    }

    /// Has something been typed that is not saved (a note, tags, a tag being typed)?
    pub fn has_unsaved_text(&self) -> bool {
        let (note, tags) = match &self.existing {
            Some(a) => (a.note.as_str(), a.tags.as_slice()),
            None => ("", &[][..]),
        };
        self.note != note || self.tags != tags || !self.tag_input.trim().is_empty()
    }

    /// The same editor, opened again (focus on the note).
    pub fn reopened(mut self) -> Editor {
        self.focus = true;
        self
    }

    /// Adds the tags typed or pasted (one per line) to the note.
    fn add_tag(&mut self, nb: &Notebook, text: &str) {
        for name in text.lines() {
            self.add_one_tag(nb, name);
        }
        self.tag_input.clear();
    }

    /// Adds a tag to the note; a tag new to the notebook gets the first palette colour no
    /// other tag has (so two new tags never share one).
    fn add_one_tag(&mut self, nb: &Notebook, name: &str) {
        let name = name.trim();
        if !name.is_empty() && !self.tags.iter().any(|t| t == name) {
            self.tags.push(name.to_string());
            let known = nb.tags.iter().any(|t| t.name == name)
                || self.new_colours.iter().any(|(n, _)| n == name);
            if !known {
                let used = |c: &str| {
                    nb.tags.iter().any(|t| t.colour == c)
                        || self.new_colours.iter().any(|(_, x)| x == c)
                };
                let colour = TAG_PALETTE.iter().find(|c| !used(c)).copied().unwrap_or(
                    TAG_PALETTE[(nb.tags.len() + self.new_colours.len()) % TAG_PALETTE.len()],
                );
                self.new_colours
                    .push((name.to_string(), colour.to_string()));
            }
        }
    }

    fn colour_of(&self, nb: &Notebook, name: &str) -> String {
        self.new_colours
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.clone())
            .or_else(|| nb.tag_colour(name).map(str::to_string))
            .unwrap_or_else(|| {
                TAG_PALETTE[(nb.tags.len() + self.new_colours.len()) % TAG_PALETTE.len()]
                    .to_string()
            })
    }

    /// Draws the editor window; `author` is recorded on new notes; `titles` name the document
    /// of each target, in [`Self::targets`] order.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        nb: &Notebook,
        author: &str,
        titles: &[String],
    ) -> EditorResult {
        let mut result = EditorResult::Open;
        let mut open = true;
        egui::Window::new(if self.existing.is_some() {
            "Edit note"
        } else {
            "New note"
        })
        .open(&mut open)
        .collapsible(false)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            let several = !self.other_targets.is_empty();
            if several {
                ui.label(
                    egui::RichText::new(format!(
                        "One note on {} passages",
                        1 + self.other_targets.len()
                    ))
                    .weak(),
                );
            }
            for (i, target) in self.targets().enumerate() {
                let title = titles.get(i).map_or("", String::as_str);
                ui.label(egui::RichText::new(title).small().strong());
                match target {
                    Target::Text { quote, .. } => {
                        let q = super::excerpt(&quote.exact, 2000);
                        egui::ScrollArea::vertical()
                            .id_salt(("editor-quote", i))
                            .max_height(if several { 60.0 } else { 90.0 })
                            .show(ui, |ui| {
                                ui.label(egui::RichText::new(format!("“{q}”")).italics());
                            });
                    }
                    Target::Document { .. } => {
                        ui.label(egui::RichText::new("A note on the whole document").weak());
                    }
                    Target::Memo => {
                        ui.label(egui::RichText::new("A memo, tied to no document").weak());
                    }
                    Target::Region { page, region, .. } => {
                        let [x0, y0, x1, y1] = region.fractions();
                        ui.label(
                            egui::RichText::new(format!(
                                "A region of page {page} of the original ({:.0}% × {:.0}% of \
                                 the page, from {:.0}% across and {:.0}% down)",
                                (x1 - x0) * 100.0,
                                (y1 - y0) * 100.0,
                                x0 * 100.0,
                                y0 * 100.0
                            ))
                            .italics(),
                        );
                    }
                }
            }
            ui.separator();
            ui.label("Tags");
            ui.horizontal_wrapped(|ui| {
                let mut remove = None;
                let tags = self.tags.clone();
                for t in &tags {
                    let dark = ui.visuals().dark_mode;
                    let color = tag_color(&self.colour_of(nb, t), dark);
                    let resp = ui.add(
                        egui::Button::new(
                            egui::RichText::new(format!("{t} ×")).color(chip_text(dark)),
                        )
                        .fill(color),
                    );
                    if resp.on_hover_text("Remove this tag").clicked() {
                        remove = Some(t.clone());
                    }
                }
                if let Some(r) = remove {
                    self.tags.retain(|t| *t != r);
                }
            });
            let input = ui.add(
                egui::TextEdit::singleline(&mut self.tag_input)
                    .hint_text("Add a tag (Enter)…")
                    .desired_width(f32::INFINITY),
            );
            input.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Add a tag")
            });
            // Tab from the tag field goes to the note, not through the colour swatches
            // (Shift+Tab from the note reaches them).
            let tab_to_note = (input.has_focus() || self.tag_had_focus)
                && ui.input(|i| i.key_pressed(egui::Key::Tab) && !i.modifiers.shift);
            self.tag_had_focus = input.has_focus();
            if input.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let t = self.tag_input.clone();
                self.add_tag(nb, &t);
                input.request_focus();
            }
            // Completion from the notebook's tags.
            let typed = crate::search::fold(&self.tag_input);
            if !typed.is_empty() {
                let matching: Vec<String> = nb
                    .tags
                    .iter()
                    .filter(|t| {
                        crate::search::fold(&t.name).contains(&typed)
                            && !self.tags.contains(&t.name)
                    })
                    .take(8)
                    .map(|t| t.name.clone())
                    .collect();
                ui.horizontal_wrapped(|ui| {
                    for n in matching {
                        if ui.small_button(&n).clicked() {
                            self.add_tag(nb, &n);
                        }
                    }
                });
            }
            // Colours of the tags on this note.
            for t in self.tags.clone() {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(&t).small());
                    let current = self.colour_of(nb, &t);
                    for c in TAG_PALETTE {
                        let resp = palette_swatch(ui, c, current == c, &t);
                        if resp.clicked() {
                            self.new_colours.retain(|(n, _)| *n != t);
                            self.new_colours.push((t.clone(), c.to_string()));
                        }
                    }
                });
            }
            ui.separator();
            ui.label("Note (Markdown)");
            let note = ui.add(
                egui::TextEdit::multiline(&mut self.note)
                    .desired_rows(6)
                    .desired_width(f32::INFINITY)
                    .hint_text("Your note…"),
            );
            note.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Note")
            });
            if self.focus || tab_to_note {
                note.request_focus();
                self.focus = false;
            }
            ui.horizontal(|ui| {
                if ui.button("Save").on_hover_text("Ctrl+Enter").clicked()
                    || ui.input(|i| {
                        // The key event's own modifiers: a quick Ctrl+Enter saves too.
                        i.events.iter().any(|e| {
                            matches!(e, egui::Event::Key { key: egui::Key::Enter, pressed: true, modifiers, .. } if modifiers.command)
                        })
                    })
                {
                    if !self.tag_input.trim().is_empty() {
                        let t = self.tag_input.clone();
                        self.add_tag(nb, &t);
                    }
                    result = EditorResult::Save(self.commands(nb, author));
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Escape: what you typed is kept as a draft")
                    .clicked()
                {
                    result = EditorResult::Cancel;
                }
                if let Some(a) = &self.existing
                    && ui
                        .button("Delete note")
                        .on_hover_text("Moves the note to the trash (Undo brings it back)")
                        .clicked()
                {
                    result = EditorResult::Save(vec![Command::Delete {
                        id: a.id.clone(),
                        at: now_rfc3339(),
                    }]);
                }
            });
        });
        if !open || crate::ui::windows::escape(ctx) {
            result = EditorResult::Cancel;
        }
        result
    }

    /// The edits the editor's content amounts to.
    pub fn commands(&self, nb: &Notebook, author: &str) -> Vec<Command> {
        let mut out = Vec::new();
        let now = now_rfc3339();
        match &self.existing {
            Some(a) => {
                let mut updated = a.clone();
                updated.note = self.note.clone();
                updated.tags = self.tags.clone();
                updated.target = self.target.clone();
                updated.other_targets = self.other_targets.clone();
                if updated != *a {
                    updated.modified = now;
                    out.push(Command::Update(updated));
                }
            }
            None => out.push(Command::Add(Annotation {
                id: new_id(),
                target: self.target.clone(),
                note: self.note.clone(),
                tags: self.tags.clone(),
                author: author.to_string(),
                created: now.clone(),
                modified: now,
                conflict_of: None,
                other_targets: self.other_targets.clone(),
            })),
        }
        for (name, colour) in &self.new_colours {
            if self.tags.contains(name)
                && nb
                    .tags
                    .iter()
                    .find(|t| &t.name == name)
                    .is_none_or(|t| &t.colour != colour)
            {
                out.push(Command::SetTagColour {
                    name: name.clone(),
                    colour: colour.clone(),
                });
            }
        }
        out
    }
}
