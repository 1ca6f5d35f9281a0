//! The comparison in the window: opening it with the notebook's corrections, keeping new
//! corrections (undoable), exporting it.

use super::ReadingRoomApp;
use crate::notes::commands::Command;
use std::path::Path;

impl ReadingRoomApp {
    /// Opens the comparison of two documents (by index) in place of the reader, with the
    /// notebook's corrections of that pair re-applied while the texts are unchanged.
    pub fn compare(&mut self, a: usize, b: usize) {
        let docs = &self.workspace.corpus.documents;
        let (da, db) = (&docs[a], &docs[b]);
        let pins = match crate::compare::projection::pins_for(&self.session.notebook, da, db) {
            Ok(pins) => pins,
            Err(_) => {
                self.say("The texts changed since you corrected this alignment: your corrections are set aside (kept in the notebook).");
                Vec::new()
            }
        };
        self.comparison = Some(crate::ui::compare_view::Comparison::new(
            &self.workspace,
            a,
            b,
            pins,
        ));
    }

    /// The open comparison in the central panel, and what it asks for.
    pub(super) fn comparison_panel(&mut self, ui: &mut egui::Ui) {
        if let Some(c) = &mut self.comparison {
            let (da, db) = (
                self.workspace.corpus.documents[c.a].meta.id.clone(),
                self.workspace.corpus.documents[c.b].meta.id.clone(),
            );
            let marks = |doc: &str| -> Vec<(usize, usize, egui::Color32)> {
                let nb = &self.session.notebook;
                nb.annotations
                    .iter()
                    .filter_map(|a| {
                        let an = self.anchors.placed_on(a, doc)?;
                        let (color, _, _) =
                            crate::ui::highlight::note_look(nb, a, ui.visuals().dark_mode);
                        Some((an.start, an.end, color))
                    })
                    .collect()
            };
            let (marks_a, marks_b) = (marks(&da), marks(&db));
            match c.show(ui, &self.workspace, &marks_a, &marks_b) {
                Some(crate::ui::compare_view::CompareEvent::Close) => self.comparison = None,
                Some(crate::ui::compare_view::CompareEvent::Correct(pins)) => {
                    self.correct_alignment(pins)
                }
                Some(crate::ui::compare_view::CompareEvent::Annotate(row, side)) => {
                    self.annotate_row(row, side)
                }
                Some(crate::ui::compare_view::CompareEvent::CopyNotes(row, side)) => {
                    self.copy_row_notes(row, side)
                }
                None => {}
            }
        }
    }

    /// Re-aligns the open comparison (after undo/redo may have changed its corrections).
    pub(super) fn refresh_comparison(&mut self) {
        if let Some(c) = &self.comparison {
            let (a, b, options, only) = (c.a, c.b, c.options, c.show);
            self.compare(a, b);
            if let Some(c) = &mut self.comparison {
                c.options = options;
                c.show = only;
            }
        }
    }

    /// Keeps corrections of the open comparison in the notebook (undoable) and re-aligns.
    pub fn correct_alignment(&mut self, pins: Vec<crate::compare::Pin>) {
        let Some(c) = &self.comparison else { return };
        let (a, b) = (c.a, c.b);
        let docs = &self.workspace.corpus.documents;
        let (da, db) = (&docs[a], &docs[b]);
        let correction = (!pins.is_empty()).then(|| crate::notes::model::AlignmentCorrection {
            a: da.meta.id.clone(),
            b: db.meta.id.clone(),
            a_hash: crate::notes::model::text_hash(&da.text),
            b_hash: crate::notes::model::text_hash(&db.text),
            pins,
        });
        let command = Command::SetAlignment {
            a: da.meta.id.clone(),
            b: db.meta.id.clone(),
            correction,
        };
        self.apply(command);
        self.refresh_comparison();
    }

    /// Writes the open comparison to a file: Markdown, HTML or CSV by the file's extension.
    pub fn export_comparison(&mut self, path: &Path) -> Result<(), String> {
        let c = self.comparison.as_ref().ok_or("no comparison is open")?;
        let docs = &self.workspace.corpus.documents;
        let (a, b) = (&docs[c.a], &docs[c.b]);
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_lowercase();
        let text = match ext.as_str() {
            "md" | "markdown" => {
                crate::export::comparison::markdown(&self.workspace, &c.alignment, a, b)
            }
            "html" | "htm" => crate::export::comparison::html(&self.workspace, &c.alignment, a, b),
            "csv" => crate::export::comparison::csv(&c.alignment, a, b),
            _ => return Err("choose a file ending in .md, .html or .csv".into()),
        };
        crate::export::write_export(path, &text, self.session.path.as_deref())
    }

    /// Compares the two versions of Khrushchev's recollection.
    pub fn compare_memoirs(&mut self) {
        let c = &self.workspace.corpus;
        if let (Some(a), Some(b)) = (
            c.index_of("khrushchev-memoir-1974"),
            c.index_of("khrushchev-memoir-2007"),
        ) {
            self.compare(a, b);
        }
    }

    /// Copies the notes on one side of a comparison row onto their counterparts on the other
    /// side (one undoable step).
    pub fn copy_row_notes(&mut self, row: usize, side: crate::compare::Side) {
        use crate::compare::Side;
        let Some(c) = &self.comparison else { return };
        let Some(g) = c.alignment.groups.get(row) else {
            return;
        };
        let docs = &self.workspace.corpus.documents;
        let (from, to, sents, idx, to_label) = match side {
            Side::A => (
                &docs[c.a],
                &docs[c.b],
                &c.alignment.a,
                &g.a,
                side_name(c, false),
            ),
            Side::B => (
                &docs[c.b],
                &docs[c.a],
                &c.alignment.b,
                &g.b,
                side_name(c, true),
            ),
            Side::Both => return,
        };
        let (Some(f), Some(l)) = (idx.first(), idx.last()) else {
            return;
        };
        let (row_start, row_end) = (sents[*f].start, sents[*l].end);
        let nb = &self.session.notebook;
        let copies: Vec<Command> = nb
            .annotations
            .iter()
            .filter(|a| !a.is_on(to.id()))
            .filter_map(|a| {
                let an = self.anchors.placed_on(a, from.id())?;
                if an.end <= row_start || an.start >= row_end {
                    return None;
                }
                let range = c.versions().project(from.id(), an.start, an.end)?.range?;
                Some(Command::Add(crate::compare::projection::copy_to_version(
                    a, to, range,
                )))
            })
            .collect();
        let n = copies.len();
        if n == 0 {
            self.say("No note on that side has a counterpart to copy it to.");
            return;
        }
        self.apply(Command::Batch(copies));
        self.say(match n {
            1 => format!("Copied 1 note to {to_label} (Ctrl+Z undoes)."),
            n => format!("Copied {n} notes to {to_label} (Ctrl+Z undoes)."),
        });
    }

    /// Opens the editor on a side of a comparison row (0: first, 1: second, 2: both).
    pub fn annotate_row(&mut self, row: usize, side: crate::compare::Side) {
        let Some(c) = &self.comparison else { return };
        let Some(g) = c.alignment.groups.get(row) else {
            return;
        };
        let docs = &self.workspace.corpus.documents;
        let target = |doc: usize, sents: &[crate::compare::Sentence], idx: &[usize]| {
            let (f, l) = (idx.first()?, idx.last()?);
            let d = &docs[doc];
            Some(crate::notes::model::text_target(
                &d.meta.id,
                &d.text,
                sents[*f].start,
                sents[*l].end,
            ))
        };
        let ta = target(c.a, &c.alignment.a, &g.a);
        let tb = target(c.b, &c.alignment.b, &g.b);
        use crate::compare::Side;
        let editor = match (side, ta, tb) {
            (Side::A, Some(t), _) | (Side::B, _, Some(t)) => {
                Some(crate::ui::editor::Editor::new(t))
            }
            (Side::Both, Some(a), Some(b)) => Some(crate::ui::editor::Editor::pair(a, b)),
            _ => None,
        };
        // The note being written on these very passages comes back as it was left.
        let same_passages = |d: &crate::ui::editor::Editor| {
            editor.as_ref().is_some_and(|e| e.targets().eq(d.targets()))
        };
        if self.draft.as_ref().is_some_and(same_passages) {
            self.resume_draft();
        } else {
            self.editor = editor;
        }
    }
}

/// How a side of the comparison is named ("1974"; `first`: the left one).
fn side_name(c: &crate::ui::compare_view::Comparison, first: bool) -> String {
    let (a, b) = c.labels();
    if first { a.to_string() } else { b.to_string() }
}
