//! The Tags tab of the notes panel: the codebook as a tree. Each tag can be renamed (onto an
//! existing name: merged), recoloured (or take its parent's colour), put under another tag,
//! moved up or down among its siblings, given a definition, split in two, or deleted — each an
//! undoable command.

use super::highlight::palette_swatch;
use crate::notes::commands::Command;
use crate::notes::model::{Notebook, TAG_PALETTE, Tag};
use std::collections::HashMap;

/// A split being prepared: which notes of `from` go to the new tag `into`.
#[derive(Debug, Clone, Default, PartialEq)]
struct SplitForm {
    from: String,
    into: String,
    chosen: Vec<String>,
}

/// What the codebook editor keeps between frames (text being typed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodebookEditor {
    rename: HashMap<String, String>,
    definitions: HashMap<String, String>,
    new_tag: String,
    split: Option<SplitForm>,
    /// The tag whose controls are shown (one at a time keeps a long codebook short).
    open: Option<String>,
    /// Each tag's count and count with the tags under it, for the notebook revision given.
    counts: Option<(u64, TagCounts)>,
}

/// Per tag: (notes with it, notes with it or a tag under it).
type TagCounts = HashMap<String, (usize, usize)>;

/// How far each level of the tree is indented.
const INDENT: f32 = 14.0;

/// Notes a split lists at most (the rest stay; split again for them).
const SPLIT_LISTED: usize = 200;

impl CodebookEditor {
    /// Draws the codebook of the notebook at `revision`; returns the edits asked for.
    pub fn show(&mut self, ui: &mut egui::Ui, nb: &Notebook, revision: u64) -> Vec<Command> {
        let mut out = Vec::new();
        if self.counts.as_ref().is_none_or(|(r, _)| *r != revision) {
            let counts = nb
                .tag_counts()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            self.counts = Some((revision, counts));
        }
        ui.label("The codebook: tags under tags, each with its definition. A filter on a tag takes the tags under it. Rename onto an existing name to merge; Delete takes a tag off its notes (the tags under it move up).");
        ui.horizontal_wrapped(|ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.new_tag)
                    .hint_text("New tag…")
                    .desired_width(150.0),
            );
            field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New tag"));
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = self.new_tag.trim().to_string();
            let can_add = !name.is_empty() && nb.tag(&name).is_none();
            if ui
                .add_enabled(can_add, egui::Button::new("Add tag"))
                .clicked()
                || (entered && can_add)
            {
                let used: Vec<&str> = nb.tags.iter().map(|t| t.colour.as_str()).collect();
                let colour = TAG_PALETTE
                    .iter()
                    .find(|c| !used.contains(c))
                    .unwrap_or(&TAG_PALETTE[nb.tags.len() % TAG_PALETTE.len()]);
                out.push(Command::SetTagColour {
                    name,
                    colour: colour.to_string(),
                });
                self.new_tag.clear();
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("codebook")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for row in nb.tag_tree() {
                    ui.horizontal_top(|ui| {
                        ui.add_space(row.depth as f32 * INDENT);
                        ui.vertical(|ui| self.tag_row(ui, nb, row.tag, &mut out));
                    });
                    ui.separator();
                }
            });
        out
    }

    /// One tag: its colour, name and count (click to show its controls), and the controls.
    fn tag_row(&mut self, ui: &mut egui::Ui, nb: &Notebook, tag: &Tag, out: &mut Vec<Command>) {
        let name = tag.name.clone();
        let open = self.open.as_deref() == Some(name.as_str());
        let (own, within) = self
            .counts
            .as_ref()
            .and_then(|(_, c)| c.get(&name))
            .copied()
            .unwrap_or_default();
        let count = if within > own {
            format!("{name} ({own}; {within} with the tags under it)")
        } else {
            format!("{name} ({own})")
        };
        let heading = ui
            .horizontal(|ui| {
                let colour = nb.tag_colour(&name).unwrap_or("#808080");
                let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().rect_filled(
                    dot,
                    2.0,
                    super::highlight::tag_color(colour, ui.visuals().dark_mode),
                );
                ui.selectable_label(open, egui::RichText::new(count).strong())
            })
            .inner;
        let heading = if tag.description.is_empty() {
            heading.on_hover_text("Click to rename, recolour, move, define, split or delete")
        } else {
            heading.on_hover_text(&tag.description)
        };
        if heading.clicked() {
            self.open = if open { None } else { Some(name.clone()) };
        }
        if !open {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for c in TAG_PALETTE {
                if palette_swatch(ui, c, tag.colour == c, &name).clicked() {
                    out.push(Command::SetTagColour {
                        name: name.clone(),
                        colour: c.to_string(),
                    });
                }
            }
            if tag.parent.is_some()
                && ui
                    .selectable_label(tag.colour.is_empty(), "Parent's colour")
                    .clicked()
            {
                out.push(Command::SetTagColour {
                    name: name.clone(),
                    colour: String::new(),
                });
            }
        });
        ui.horizontal_wrapped(|ui| {
            let entry = self
                .rename
                .entry(name.clone())
                .or_insert_with(|| name.clone());
            ui.add(egui::TextEdit::singleline(entry).desired_width(130.0))
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::TextInput,
                        true,
                        format!("New name for tag {name}"),
                    )
                });
            if ui
                .add_enabled(
                    *entry != name && !entry.trim().is_empty(),
                    egui::Button::new("Rename"),
                )
                .clicked()
            {
                out.push(Command::RenameTag {
                    from: name.clone(),
                    to: entry.trim().to_string(),
                });
            }
            let under = ui.label("Under");
            let mut parent = tag.parent.clone();
            egui::ComboBox::from_id_salt(("tag-parent", &name))
                .width(110.0)
                .selected_text(parent.clone().unwrap_or("(top)".into()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut parent, None, "(top)");
                    for t in &nb.tags {
                        // Not itself, nor a tag under it: a code never contains itself.
                        if t.name != name && !nb.tag_is_under(&t.name, &name) {
                            ui.selectable_value(&mut parent, Some(t.name.clone()), &t.name);
                        }
                    }
                })
                .response
                .labelled_by(under.id)
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::ComboBox,
                        true,
                        format!("Tag {name} under"),
                    )
                });
            if parent != tag.parent {
                out.push(Command::SetTagParent {
                    name: name.clone(),
                    parent,
                });
            }
        });
        ui.horizontal_wrapped(|ui| {
            let definition = self
                .definitions
                .entry(name.clone())
                .or_insert_with(|| tag.description.clone());
            let field = ui.add(
                egui::TextEdit::multiline(definition)
                    .hint_text("Definition: what this code means…")
                    .desired_rows(1)
                    .desired_width(ui.available_width().min(260.0)),
            );
            field.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::MultilineTextInput,
                    true,
                    format!("Definition of tag {name}"),
                )
            });
            // Kept when the field is left (Tab or a click elsewhere).
            if field.lost_focus() && *definition != tag.description {
                out.push(Command::SetTagDescription {
                    name: name.clone(),
                    description: definition.trim().to_string(),
                });
            }
            if !field.has_focus() && *definition != tag.description && !field.lost_focus() {
                *definition = tag.description.clone();
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (label, down) in [("Up", false), ("Down", true)] {
                let b = ui.small_button(label);
                b.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Move tag {name} {}", label.to_lowercase()),
                    )
                });
                if b.clicked() {
                    out.push(Command::MoveTag {
                        name: name.clone(),
                        down,
                    });
                }
            }
            let split = ui.small_button("Split…");
            split.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Split tag {name}"))
            });
            if split.clicked() {
                self.split = Some(SplitForm {
                    from: name.clone(),
                    into: format!("{name} (2)"),
                    chosen: Vec::new(),
                });
            }
            let delete = ui.small_button("Delete").on_hover_text(format!(
                "Take “{name}” off its {own} notes and out of the notebook (the notes stay; Ctrl+Z undoes)"
            ));
            delete.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Delete tag {name}"))
            });
            if delete.clicked() {
                out.push(Command::DeleteTag { name: name.clone() });
            }
        });
        if self.split.as_ref().is_some_and(|s| s.from == name) {
            self.split_form(ui, nb, out);
        }
    }

    /// The split being prepared: the new tag's name and which notes go to it.
    fn split_form(&mut self, ui: &mut egui::Ui, nb: &Notebook, out: &mut Vec<Command>) {
        let Some(form) = &mut self.split else { return };
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!(
                "Split “{}”: the notes ticked take the new tag instead.",
                form.from
            ));
            ui.add(egui::TextEdit::singleline(&mut form.into).desired_width(160.0))
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Name of the new tag")
                });
            for a in nb
                .annotations
                .iter()
                .filter(|a| a.tags.contains(&form.from))
                .take(SPLIT_LISTED)
            {
                // The passage and the note, so that each can be told apart.
                let what = match a.target.quote() {
                    Some(q) if a.note.is_empty() => format!("“{}”", super::excerpt(q, 60)),
                    Some(q) => format!(
                        "“{}” {}",
                        super::excerpt(q, 60),
                        super::excerpt(&a.note, 40)
                    ),
                    None => super::excerpt(&a.note, 60).to_string(),
                };
                let mut on = form.chosen.contains(&a.id);
                if ui.checkbox(&mut on, what).changed() {
                    if on {
                        form.chosen.push(a.id.clone());
                    } else {
                        form.chosen.retain(|x| *x != a.id);
                    }
                }
            }
            ui.horizontal_wrapped(|ui| {
                let into = form.into.trim().to_string();
                let ok = !into.is_empty() && into != form.from && !form.chosen.is_empty();
                if ui
                    .add_enabled(ok, egui::Button::new("Split"))
                    .on_disabled_hover_text("Name the new tag and tick the notes that move")
                    .clicked()
                {
                    out.push(Command::SplitTag {
                        from: form.from.clone(),
                        into,
                        notes: form.chosen.clone(),
                    });
                    close = true;
                } else if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.split = None;
        }
    }
}
