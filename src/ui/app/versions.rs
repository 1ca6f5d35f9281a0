//! Notes across two versions in the window: the open document's other version aligned once
//! (with the notebook's corrections), its notes carried onto the open document as dimmed marks,
//! the window that lists them, and copying one to this version.

use super::ReadingRoomApp;
use crate::compare::projection::{Counterpart, ProjectedNote, Versions, counterpart_of};
use crate::notes::commands::Command;
use crate::ui::highlight::ProjectedMark;
use crate::ui::windows::other_version::{Item, OtherVersionEvent, OtherVersionNotes};
use std::sync::Arc;

/// What an alignment of two versions was made from: the library's revision, the two
/// documents, and the notebook's corrections of them.
pub(super) type VersionsKey = (u64, String, String, Vec<crate::compare::Pin>);

impl ReadingRoomApp {
    /// The open document's versions (it and its other version, aligned), made again only when
    /// the library or your corrections of the pair changed.
    pub(super) fn open_versions(&mut self) -> Option<Arc<Versions>> {
        let doc = self.open_document().meta.id.clone();
        let nb = &self.session.notebook;
        let (other, first) = counterpart_of(&self.workspace, nb, &doc)?;
        let (a, b) = if first { (doc, other) } else { (other, doc) };
        let pins = nb
            .alignment(&a, &b)
            .map(|c| c.pins.clone())
            .unwrap_or_default();
        let key = (self.workspace.revision, a.clone(), b.clone(), pins);
        if let Some((k, v)) = &self.versions
            && *k == key
        {
            return Some(v.clone());
        }
        let v = Arc::new(Versions::new(&self.workspace, nb, &a, &b)?);
        self.versions = Some((key, v.clone()));
        Some(v)
    }

    /// The notes of the other version carried onto the open document.
    fn projected_onto_open(&mut self) -> Option<(Arc<Versions>, Vec<ProjectedNote>)> {
        self.refresh_anchors();
        let v = self.open_versions()?;
        let doc = self.open_document().meta.id.clone();
        let notes = v.notes_onto(&self.session.notebook, &self.anchors.map, &doc);
        Some((v, notes))
    }

    /// How the open document and its other version are named ("2007", "1974").
    pub(super) fn version_labels(&self, v: &Versions) -> (String, String) {
        let docs = &self.workspace.corpus;
        let (Some(a), Some(b)) = (docs.get(&v.a), docs.get(&v.b)) else {
            return ("this".into(), "other".into());
        };
        let (la, lb) = crate::compare::side_labels(a, b);
        if self.open_document().meta.id == v.a {
            (la, lb)
        } else {
            (lb, la)
        }
    }

    /// The reader's marks for the notes of the other version (what the highlights show), and
    /// how many notes the other version has and its name (for the reader's button; None: the
    /// open document has no other version). Computed with the highlights, not every frame.
    pub(super) fn projected_marks(
        &mut self,
        dark: bool,
    ) -> (Vec<ProjectedMark>, Option<(usize, String)>) {
        let Some((v, notes)) = self.projected_onto_open() else {
            return (Vec::new(), None);
        };
        let (this, other) = self.version_labels(&v);
        let nb = &self.session.notebook;
        let mut marks: Vec<ProjectedMark> = notes
            .iter()
            .filter_map(|p| {
                let (start, end) = p.projection.range?;
                let a = &nb.annotations[p.note];
                let (color, tags, note) = crate::ui::highlight::note_look(nb, a, dark);
                Some(ProjectedMark {
                    start,
                    end,
                    id: a.id.clone(),
                    color,
                    label: format!(
                        "note on the {other} version ({}): {tags}{}",
                        status_label(p.projection.status, &this),
                        if note.is_empty() {
                            String::new()
                        } else {
                            format!(" — {note}")
                        }
                    ),
                })
            })
            .collect();
        marks.sort_by_key(|m| m.start);
        (marks, Some((notes.len(), other)))
    }

    /// The notes of the other version drawn in the open document: (note id, start, end).
    pub fn projected_ranges(&self) -> Vec<(String, usize, usize)> {
        self.highlights
            .projected
            .iter()
            .map(|m| (m.id.clone(), m.start, m.end))
            .collect()
    }

    /// Opens the window of the other version's notes, this one first.
    pub(super) fn open_other_version_notes(&mut self, focus: Option<String>) {
        self.other_version = Some(OtherVersionNotes { focus });
    }

    /// Shows the window of the other version's notes and does what it asks.
    pub(super) fn other_version_window(&mut self, ctx: &egui::Context) {
        let Some(w) = self.other_version.take() else {
            return;
        };
        // It belongs to the reader: another view, or the comparison, closes it.
        if self.comparison.is_some() || self.view != super::CentralView::Reader {
            return;
        }
        let Some((v, notes)) = self.projected_onto_open() else {
            return;
        };
        let (this, other) = self.version_labels(&v);
        let open_doc = self.open_document();
        let nb = &self.session.notebook;
        let other_doc = v.other(&open_doc.meta.id).unwrap_or_default().to_string();
        let items: Vec<Item> = notes
            .iter()
            .map(|p| {
                let a = &nb.annotations[p.note];
                Item {
                    id: a.id.clone(),
                    tags: a.tags.join(", "),
                    note: a.note.clone(),
                    quote: a
                        .targets()
                        .find(|t| t.doc() == Some(other_doc.as_str()))
                        .and_then(|t| t.quote())
                        .unwrap_or_default()
                        .to_string(),
                    here: p
                        .projection
                        .range
                        .map(|(s, e)| (s, e, open_doc.slice_chars(s, e))),
                    there: p.from,
                    status: status_label(p.projection.status, &this),
                    confidence: p
                        .projection
                        .confidence
                        .map(|c| (c.label().to_string(), c.explanation().to_string())),
                }
            })
            .collect();
        match crate::ui::windows::other_version::show(ctx, &w, &items, &this, &other) {
            Some(OtherVersionEvent::Copy(id)) => {
                self.copy_from_other_version(&id);
                self.other_version = Some(w);
            }
            Some(OtherVersionEvent::Show(s, e)) => {
                let doc = self.open_document().meta.id.clone();
                self.jump(ctx, &doc, s, e);
                self.other_version = Some(w);
            }
            Some(OtherVersionEvent::Open(s, e)) => self.jump(ctx, &other_doc, s, e),
            Some(OtherVersionEvent::Close) => {}
            None => self.other_version = Some(w),
        }
    }

    /// Copies a note of the other version onto its counterpart in the open document
    /// (undoable).
    pub fn copy_from_other_version(&mut self, id: &str) {
        let Some((v, notes)) = self.projected_onto_open() else {
            return;
        };
        let (this, _) = self.version_labels(&v);
        let nb = &self.session.notebook;
        let Some((note, range)) = notes.iter().find_map(|p| {
            let a = &nb.annotations[p.note];
            (a.id == id).then_some((a, p.projection.range?))
        }) else {
            self.say("That note has no counterpart here to copy it to.");
            return;
        };
        let copy = crate::compare::projection::copy_to_version(note, self.open_document(), range);
        self.apply(Command::Add(copy));
        self.say(format!(
            "Copied the note to the {this} version (Ctrl+Z undoes)."
        ));
    }
}

/// How a passage fares in a version, in words.
fn status_label(c: Counterpart, version: &str) -> String {
    match c {
        Counterpart::Same => format!("the same words in {version}"),
        Counterpart::Changed => format!("reworded in {version}"),
        Counterpart::Partly => format!("partly missing in {version}"),
        Counterpart::Missing => format!("not in {version}"),
    }
}
