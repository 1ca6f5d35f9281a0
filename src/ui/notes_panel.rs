//! The notes panel: the notes of the open document or of all documents, filtered by tag, text and
//! author; the orphans (notes whose text could not be found); the trash; and the tags.

use super::highlight::{chip_text, tag_color};
use crate::Workspace;
use crate::notes::commands::Command;
use crate::notes::model::{Annotation, Notebook};
use crate::notes::{AnchorStatus, Anchored};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which list the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    /// Notes.
    Notes,
    /// Orphans.
    Orphans,
    /// Trash.
    Trash,
    /// Tags.
    Tags,
}

/// The panel's state (kept between runs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotesPanel {
    /// The tab shown: notes, orphans, trash or tags.
    pub tab: Tab,
    /// Only the open document's notes.
    pub only_open_document: bool,
    /// Only notes whose quote or text contains this (case and accents ignored).
    pub text: String,
    /// Only notes with this tag (also what "the notes the panel shows" exports).
    pub tag: Option<String>,
    /// Only notes by this author.
    pub author: Option<String>,
    #[serde(skip)]
    codebook: super::codebook_panel::CodebookEditor,
    /// How many notes the list shows (more on request; keeps frames fast with thousands).
    #[serde(skip)]
    shown: usize,
}

/// Notes shown at first, and added by "Show more".
const PAGE: usize = 60;

impl Default for NotesPanel {
    fn default() -> Self {
        NotesPanel {
            tab: Tab::Notes,
            only_open_document: true,
            text: String::new(),
            tag: None,
            author: None,
            codebook: Default::default(),
            shown: PAGE,
        }
    }
}

/// What the panel asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum NotesEvent {
    /// Show a note's passage in the reader (document id, start, end).
    Jump(String, usize, usize),
    /// Open a note in the editor.
    Edit(String),
    /// Apply an edit.
    Command(Box<Command>),
    /// Attach an orphan to the reader's current selection.
    Reattach(String),
    /// Write a new memo.
    NewMemo,
    /// Write a note on the whole open document.
    NewDocumentNote,
    /// Show a region note's page of the original beside the text (document id, page).
    ShowRegion(String, u32),
}

fn tag_chip(ui: &mut egui::Ui, nb: &Notebook, name: &str) {
    let dark = ui.visuals().dark_mode;
    let color = nb
        .tag_colour(name)
        .map_or(egui::Color32::GRAY, |c| tag_color(c, dark));
    let text = egui::RichText::new(format!(" {name} "))
        .small()
        .color(chip_text(dark))
        .background_color(color);
    let chip = ui.label(text);
    // The code's place in the tree and its definition, on hover.
    if let Some(tag) = nb.tag(name)
        && (tag.parent.is_some() || !tag.description.is_empty())
    {
        let mut hover = nb.tag_path(name);
        if !tag.description.is_empty() {
            hover.push_str(&format!("\n{}", tag.description));
        }
        chip.on_hover_text(hover);
    }
}

/// Is any of the note's passages an orphan (its text not found)?
fn is_orphan(anchors: &HashMap<String, Vec<Anchored>>, a: &Annotation) -> bool {
    anchors
        .get(&a.id)
        .is_some_and(|x| x.iter().any(|an| an.status == AnchorStatus::Orphan))
}

/// One passage of a note: its document and page, the quote (click to show it in the reader),
/// and a warning when its text changed or was not found.
fn passage(
    ui: &mut egui::Ui,
    ws: &Workspace,
    target: &crate::notes::Target,
    anchor: Option<&Anchored>,
    events: &mut Vec<NotesEvent>,
) {
    let doc_title = target
        .doc()
        .and_then(|d| ws.corpus.get(d))
        .map_or("Memo".to_string(), |d| {
            let page = anchor
                .filter(|an| an.status != AnchorStatus::Orphan)
                .filter(|_| target.quote().is_some())
                .and_then(|an| {
                    let first = d.page_label_at(an.start)?;
                    let last = d.page_label_at(an.end.saturating_sub(1).max(an.start))?;
                    Some(if first == last {
                        format!(", p. {first}")
                    } else {
                        format!(", pp. {first}\u{2013}{last}")
                    })
                })
                .unwrap_or_default();
            format!("{}{page}", d.meta.short_title)
        });
    ui.label(egui::RichText::new(doc_title).small().strong());
    if let Some(q) = target.quote() {
        let q = super::excerpt(q, 220);
        let resp = ui.add(
            egui::Label::new(egui::RichText::new(format!("“{q}”")).italics())
                .sense(egui::Sense::click()),
        );
        if resp.clicked()
            && let (Some(doc), Some(an)) = (target.doc(), anchor)
            && an.status != AnchorStatus::Orphan
        {
            events.push(NotesEvent::Jump(doc.to_string(), an.start, an.end));
        }
        resp.on_hover_text("Show in the reader");
    } else if let crate::notes::Target::Region { doc, page, .. } = target {
        let d = ws.corpus.get(doc);
        let label = crate::export::notebook::region_label(d, *page);
        let resp = ui.add(
            egui::Label::new(egui::RichText::new(format!("({label} of the original)")).italics())
                .sense(egui::Sense::click()),
        );
        if resp.clicked() {
            events.push(NotesEvent::ShowRegion(doc.clone(), *page));
        }
        resp.on_hover_text("Show the page of the original beside the text");
    } else if target.doc().is_some() {
        ui.label(egui::RichText::new("(note on the whole document)").weak());
    }
    if let Some(an) = anchor
        && an.status.needs_review()
    {
        let text = if an.status == AnchorStatus::Fuzzy {
            "Check: the text changed: check where this note landed"
        } else {
            "Orphan: its text was not found"
        };
        ui.label(
            egui::RichText::new(text)
                .color(ui.visuals().warn_fg_color)
                .small(),
        );
    }
}

fn short_date(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

impl NotesPanel {
    fn note_row(
        &self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        nb: &Notebook,
        a: &Annotation,
        anchors: &[Anchored],
        events: &mut Vec<NotesEvent>,
    ) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if a.is_multi() {
                ui.label(
                    egui::RichText::new("One note on both passages")
                        .small()
                        .weak(),
                );
            }
            for (i, target) in a.targets().enumerate() {
                passage(ui, ws, target, anchors.get(i), events);
            }
            // A conflict from a merge: theirs (this note) beside yours, and a choice.
            if let Some(orig) = a.conflict_of.as_deref().and_then(|id| nb.get(id)) {
                ui.label(
                    egui::RichText::new("Conflict: this version came from a merge; yours differs.")
                        .color(ui.visuals().warn_fg_color)
                        .small(),
                );
                ui.columns(2, |cols| {
                    cols[0].label(egui::RichText::new("Yours").strong().small());
                    cols[0].label(if orig.note.is_empty() {
                        "(no note)"
                    } else {
                        orig.note.as_str()
                    });
                    cols[1].label(egui::RichText::new("Theirs").strong().small());
                    cols[1].label(if a.note.is_empty() {
                        "(no note)"
                    } else {
                        a.note.as_str()
                    });
                });
                ui.horizontal_wrapped(|ui| {
                    let now = crate::notes::model::now_rfc3339();
                    if ui.small_button("Keep mine").clicked() {
                        events.push(NotesEvent::Command(Box::new(Command::Delete {
                            id: a.id.clone(),
                            at: now.clone(),
                        })));
                    }
                    if ui.small_button("Keep theirs").clicked() {
                        let mut theirs = a.clone();
                        theirs.id = orig.id.clone();
                        theirs.conflict_of = None;
                        events.push(NotesEvent::Command(Box::new(Command::Batch(vec![
                            Command::Update(theirs),
                            Command::Delete {
                                id: a.id.clone(),
                                at: now.clone(),
                            },
                        ]))));
                    }
                    if ui.small_button("Keep both").clicked() {
                        let mut both = a.clone();
                        both.conflict_of = None;
                        events.push(NotesEvent::Command(Box::new(Command::Update(both))));
                    }
                });
            }
            if !a.note.is_empty() {
                super::markdown::note_label(ui, &a.note);
            }
            ui.horizontal_wrapped(|ui| {
                for t in &a.tags {
                    tag_chip(ui, nb, t);
                }
                ui.label(
                    egui::RichText::new(if a.author.is_empty() {
                        short_date(&a.modified).to_string()
                    } else {
                        format!("{} · {}", a.author, short_date(&a.modified))
                    })
                    .small()
                    .weak(),
                );
            });
            ui.horizontal_wrapped(|ui| {
                let first_placed = a
                    .targets()
                    .zip(anchors)
                    .find(|(t, an)| t.doc().is_some() && an.status != AnchorStatus::Orphan);
                if let Some((t, an)) = first_placed
                    && let Some(doc) = t.doc()
                    && ui
                        .small_button("Show")
                        .on_hover_text("Open the document at this passage")
                        .clicked()
                {
                    events.push(match t {
                        crate::notes::Target::Region { page, .. } => {
                            NotesEvent::ShowRegion(doc.to_string(), *page)
                        }
                        _ => NotesEvent::Jump(doc.to_string(), an.start, an.end),
                    });
                }
                if ui.small_button("Edit").clicked() {
                    events.push(NotesEvent::Edit(a.id.clone()));
                }
                if ui.small_button("Delete").clicked() {
                    events.push(NotesEvent::Command(Box::new(Command::Delete {
                        id: a.id.clone(),
                        at: crate::notes::model::now_rfc3339(),
                    })));
                }
                if a.target.doc().is_some()
                    && anchors.iter().any(|an| an.status == AnchorStatus::Orphan)
                    && ui
                        .small_button("Re-attach to selection")
                        .on_hover_text("Select the passage in the reader first")
                        .clicked()
                {
                    events.push(NotesEvent::Reattach(a.id.clone()));
                }
            });
        });
    }

    /// Draws the panel (`revision`: the notebook's, for what is counted once per change).
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        nb: &Notebook,
        anchors: &HashMap<String, Vec<Anchored>>,
        open_docs: &[String],
        revision: u64,
    ) -> Vec<NotesEvent> {
        // `open_docs`: the reader's document, or the two compared.
        let mut events = Vec::new();
        let orphans = nb
            .annotations
            .iter()
            .filter(|a| is_orphan(anchors, a))
            .count();
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(
                &mut self.tab,
                Tab::Notes,
                format!("Notes ({})", nb.annotations.len()),
            );
            ui.selectable_value(&mut self.tab, Tab::Orphans, format!("Orphans ({orphans})"));
            ui.selectable_value(
                &mut self.tab,
                Tab::Trash,
                format!("Trash ({})", nb.trash.len()),
            );
            ui.selectable_value(&mut self.tab, Tab::Tags, "Tags");
        });
        ui.separator();
        match self.tab {
            Tab::Notes => {
                ui.horizontal_wrapped(|ui| {
                    let these = if open_docs.len() > 1 {
                        "The two compared"
                    } else {
                        "This document"
                    };
                    ui.selectable_value(&mut self.only_open_document, true, these);
                    ui.selectable_value(&mut self.only_open_document, false, "All documents");
                });
                ui.add(
                    egui::TextEdit::singleline(&mut self.text)
                        .hint_text("Filter notes…")
                        .desired_width(f32::INFINITY),
                )
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Filter notes")
                });
                ui.horizontal_wrapped(|ui| {
                    let tag_label = ui.label("Tag");
                    egui::ComboBox::from_id_salt("notes-tag-filter")
                        .width(100.0)
                        .selected_text(self.tag.clone().unwrap_or("any".into()))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.tag, None, "any");
                            for t in &nb.tags {
                                ui.selectable_value(&mut self.tag, Some(t.name.clone()), &t.name);
                            }
                        })
                        .response
                        .labelled_by(tag_label.id);
                    let author_label = ui.label("Author");
                    egui::ComboBox::from_id_salt("notes-author-filter")
                        .width(100.0)
                        .selected_text(self.author.clone().unwrap_or("any".into()))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.author, None, "any");
                            for a in &nb.authors {
                                ui.selectable_value(&mut self.author, Some(a.clone()), a);
                            }
                        })
                        .response
                        .labelled_by(author_label.id);
                });
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("New memo")
                        .on_hover_text("A note tied to no document (Ctrl+Shift+M)")
                        .clicked()
                    {
                        events.push(NotesEvent::NewMemo);
                    }
                    if ui.button("Note on this document").clicked() {
                        events.push(NotesEvent::NewDocumentNote);
                    }
                });
                let text = crate::search::fold(&self.text);
                let mut shown: Vec<&Annotation> = nb
                    .annotations
                    .iter()
                    .filter(|a| {
                        !self.only_open_document
                            || open_docs.iter().any(|o| a.is_on(o))
                            || a.target.doc().is_none()
                    })
                    // A tag takes the tags under it.
                    .filter(|a| self.tag.as_ref().is_none_or(|t| nb.has_tag_within(a, t)))
                    .filter(|a| self.author.as_ref().is_none_or(|x| &a.author == x))
                    .filter(|a| {
                        text.is_empty()
                            || crate::search::fold(&format!(
                                "{} {} {}",
                                a.note,
                                a.targets()
                                    .filter_map(|t| t.quote())
                                    .collect::<Vec<_>>()
                                    .join(" "),
                                a.tags.join(" ")
                            ))
                            .contains(&text)
                    })
                    .collect();
                shown.sort_by_key(|a| {
                    (
                        ws.corpus
                            .index_of(a.target.doc().unwrap_or(""))
                            .unwrap_or(usize::MAX),
                        anchors
                            .get(&a.id)
                            .and_then(|x| x.first())
                            .map_or(0, |x| x.start),
                    )
                });
                ui.label(
                    egui::RichText::new(match shown.len() {
                        1 => "1 note".to_string(),
                        n => format!("{n} notes"),
                    })
                    .small()
                    .weak(),
                );
                egui::ScrollArea::vertical()
                    .id_salt("notes-list")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for a in shown {
                            let placed = anchors.get(&a.id).map_or(&[][..], Vec::as_slice);
                            self.note_row(ui, ws, nb, a, placed, &mut events);
                        }
                    });
            }
            Tab::Orphans => {
                ui.label("Notes whose text could not be found after the document changed. They are kept: select the right passage in the reader, then re-attach.");
                egui::ScrollArea::vertical()
                    .id_salt("orphans")
                    .show(ui, |ui| {
                        for a in nb.annotations.iter().filter(|a| is_orphan(anchors, a)) {
                            let placed = anchors.get(&a.id).map_or(&[][..], Vec::as_slice);
                            self.note_row(ui, ws, nb, a, placed, &mut events);
                        }
                    });
            }
            Tab::Trash => {
                if ui
                    .add_enabled(!nb.trash.is_empty(), egui::Button::new("Empty trash"))
                    .clicked()
                {
                    events.push(NotesEvent::Command(Box::new(Command::EmptyTrash)));
                }
                egui::ScrollArea::vertical()
                    .id_salt("trash")
                    .show(ui, |ui| {
                        for t in &nb.trash {
                            ui.group(|ui| {
                                ui.set_width(ui.available_width());
                                for q in t.annotation.targets().filter_map(|t| t.quote()) {
                                    ui.label(
                                        egui::RichText::new(format!(
                                            "“{}”",
                                            super::excerpt(q, 160)
                                        ))
                                        .italics(),
                                    );
                                }
                                if !t.annotation.note.is_empty() {
                                    super::markdown::note_label(ui, &t.annotation.note);
                                }
                                ui.horizontal_wrapped(|ui| {
                                    ui.label(
                                        egui::RichText::new(format!(
                                            "deleted {}",
                                            short_date(&t.deleted)
                                        ))
                                        .small()
                                        .weak(),
                                    );
                                    if ui.small_button("Restore").clicked() {
                                        events.push(NotesEvent::Command(Box::new(
                                            Command::Restore {
                                                id: t.annotation.id.clone(),
                                            },
                                        )));
                                    }
                                });
                            });
                        }
                    });
            }
            Tab::Tags => {
                for c in self.codebook.show(ui, nb, revision) {
                    events.push(NotesEvent::Command(Box::new(c)));
                }
            }
        }
        events
    }
}
