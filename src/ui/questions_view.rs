//! Questions about my notes: a question in the query language (typed, or built from the lists
//! above it, which write the same text), the passages that answer it with their documents,
//! pages, quotes, notes and tags, sorted by document or date; click one to read it. Questions
//! can be kept by name in the notebook; their answers follow the notes as they change.

use crate::Workspace;
use crate::compare::Counterpart;
use crate::notes::Anchored;
use crate::notes::model::Notebook;
use crate::search::notes::{NoteHit, NoteOrder, NoteWords, ask_with};
use crate::search::query::QueryError;
use std::collections::HashMap;

/// The view's state.
#[derive(Debug, Clone, Default)]
pub struct QuestionsView {
    /// The question, as text.
    pub question: String,
    /// How the answers are sorted.
    pub order: NoteOrder,
    /// The name to keep the question under.
    pub save_name: String,
    /// Put the keyboard in the question field on the next frame (the view was just opened).
    pub focus_question: bool,
    /// The last answer and what it was computed from.
    answered: Option<Answered>,
    /// The notes' words, cut once per notebook revision.
    words: NoteWords,
    /// Builder fields: dates typed for `date:`.
    from: String,
    to: String,
}

/// The answers to a question and what they were computed from.
#[derive(Debug, Clone)]
struct Answered {
    notebook: u64,
    library: u64,
    question: String,
    order: NoteOrder,
    /// Shared, so that a frame reads the answers without copying them.
    result: Result<std::sync::Arc<[NoteHit]>, QueryError>,
}

/// What the view asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionsEvent {
    /// Show a passage in the reader (document index, start, end).
    Open(usize, usize, usize),
    /// Write the answers to a file (File → Export notes, scope "the answers").
    Export,
    /// Keep the question under this name.
    Save(String, String),
    /// Forget the kept question of this name.
    Forget(String),
}

/// Answers shown at most (the count says how many there are; export writes them all).
const SHOWN: usize = 500;

impl QuestionsView {
    /// The answers to the question as it stands (computed again when the notebook, the library
    /// or the question changed).
    pub fn answers(
        &mut self,
        ws: &Workspace,
        nb: &Notebook,
        revision: u64,
        anchors: &HashMap<String, Vec<Anchored>>,
    ) -> &Result<std::sync::Arc<[NoteHit]>, QueryError> {
        let fresh = self.answered.as_ref().is_some_and(|a| {
            a.notebook == revision
                && a.library == ws.revision
                && a.question == self.question
                && a.order == self.order
        });
        if !fresh {
            self.words.update(ws, nb, revision);
            let result = ask_with(
                ws,
                nb,
                anchors,
                Some(&self.words),
                &self.question,
                self.order,
            )
            .map(std::sync::Arc::from);
            self.answered = Some(Answered {
                notebook: revision,
                library: ws.revision,
                question: self.question.clone(),
                order: self.order,
                result,
            });
        }
        &self.answered.as_ref().expect("just answered").result
    }

    /// The question last answered and its answers, when it parsed.
    pub fn last_answers(&self) -> Option<(&str, &[NoteHit])> {
        match &self.answered {
            Some(Answered {
                question,
                result: Ok(hits),
                ..
            }) if !question.trim().is_empty() => Some((question, hits)),
            _ => None,
        }
    }

    /// Adds a clause to the question (AND), as the builder's lists do.
    fn add_clause(&mut self, clause: String) {
        let q = self.question.trim();
        self.question = if q.is_empty() {
            clause
        } else {
            format!("{q} AND {clause}")
        };
    }

    /// Draws the view.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Workspace,
        nb: &Notebook,
        revision: u64,
        anchors: &HashMap<String, Vec<Anchored>>,
    ) -> Option<QuestionsEvent> {
        let mut event = None;
        ui.heading("Questions about my notes");
        ui.add(
            egui::Label::new(
                egui::RichText::new(
                    "Ask in the search language: words, \"phrases\", AND / OR / NOT, date:1961-03..1961-06, kind:, spoke:, present:, mentioned:, and for notes tag:\"NAME\" (with the tags under it), tagonly:, note:WORDS, by:AUTHOR, counterpart:missing (or changed, partly, same: the passage in the other version).",
                )
                .small()
                .weak(),
            )
            .wrap(),
        );
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.question)
                .hint_text("tag:\"CIA plots\" AND spoke:\"Fidel Castro\" AND date:1961-03..1961-06")
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Question"));
        if std::mem::take(&mut self.focus_question) {
            field.request_focus();
        }
        self.builder(ui, ws, nb);
        ui.horizontal_wrapped(|ui| {
            ui.label("Sort:");
            ui.selectable_value(&mut self.order, NoteOrder::Document, "By document");
            ui.selectable_value(&mut self.order, NoteOrder::Date, "By date");
            ui.separator();
            ui.add(
                egui::TextEdit::singleline(&mut self.save_name)
                    .hint_text("Name…")
                    .desired_width(120.0),
            )
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::TextInput,
                    true,
                    "Name to keep the question under",
                )
            });
            let can_keep = !self.save_name.trim().is_empty() && !self.question.trim().is_empty();
            if ui
                .add_enabled(can_keep, egui::Button::new("Keep question"))
                .on_hover_text("Kept in the notebook; its answers follow your notes")
                .clicked()
            {
                event = Some(QuestionsEvent::Save(
                    self.save_name.trim().to_string(),
                    self.question.trim().to_string(),
                ));
            }
        });
        if !nb.queries.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label("Kept:");
                for q in &nb.queries {
                    let b = ui
                        .selectable_label(self.question == q.query, &q.name)
                        .on_hover_text(&q.query);
                    if b.clicked() {
                        self.question = q.query.clone();
                        self.save_name = q.name.clone();
                    }
                    let forget = ui.small_button("×");
                    forget.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Forget the question {}", q.name),
                        )
                    });
                    if forget.clicked() {
                        event = Some(QuestionsEvent::Forget(q.name.clone()));
                    }
                }
            });
        }
        ui.separator();
        let answers = match self.answers(ws, nb, revision, anchors) {
            Ok(a) => std::sync::Arc::clone(a),
            Err(e) => {
                ui.label(
                    egui::RichText::new(format!("At character {}: {}", e.at, e.message))
                        .color(ui.visuals().error_fg_color),
                );
                return event;
            }
        };
        if self.question.trim().is_empty() {
            ui.label(
                egui::RichText::new("Type a question, or build one with the lists above.").weak(),
            );
            return event;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(match answers.len() {
                1 => "1 note answers".to_string(),
                n => format!("{n} notes answer"),
            });
            if ui
                .add_enabled(!answers.is_empty(), egui::Button::new("Export these…"))
                .on_hover_text("Markdown with citations, CSV, JSON-LD or RON")
                .clicked()
            {
                event = Some(QuestionsEvent::Export);
            }
            if answers.len() > SHOWN {
                ui.label(egui::RichText::new(format!("the first {SHOWN} shown")).weak());
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("answers")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for h in answers.iter().take(SHOWN) {
                    if let Some(e) = answer_row(ui, ws, nb, h) {
                        event = Some(e);
                    }
                }
            });
        event
    }

    /// Lists that add a clause to the question: a tag, a speaker, a kind, dates.
    fn builder(&mut self, ui: &mut egui::Ui, ws: &Workspace, nb: &Notebook) {
        let mut clause = None;
        let quoted = |v: &str| {
            if v.chars().any(|c| c.is_whitespace() || c == ':') {
                format!("\"{v}\"")
            } else {
                v.to_string()
            }
        };
        let people = || {
            let mut names: Vec<String> =
                ws.registry.people.iter().map(|p| p.name.clone()).collect();
            names.sort_unstable();
            names
        };
        ui.horizontal_wrapped(|ui| {
            ui.label("Add:");
            pick(ui, "tag", &mut clause, || {
                nb.tag_tree()
                    .into_iter()
                    .map(|r| {
                        (
                            format!("{}{}", "  ".repeat(r.depth), r.tag.name),
                            format!("tag:{}", quoted(&r.tag.name)),
                        )
                    })
                    .collect()
            });
            for (label, field) in [
                ("who speaks", "spoke"),
                ("who is present", "present"),
                ("who is named", "mentioned"),
            ] {
                pick(ui, label, &mut clause, || {
                    people()
                        .into_iter()
                        .map(|n| (n.clone(), format!("{field}:{}", quoted(&n))))
                        .collect()
                });
            }
            pick(ui, "kind", &mut clause, || {
                crate::corpus::Kind::ALL
                    .iter()
                    .flat_map(|k| {
                        [
                            (k.slug().to_string(), format!("kind:{}", k.slug())),
                            (
                                format!("not {}", k.slug()),
                                format!("NOT kind:{}", k.slug()),
                            ),
                        ]
                    })
                    .collect()
            });
            pick(ui, "collection", &mut clause, || {
                let mut out: Vec<(String, String)> = crate::corpus::Part::ALL
                    .iter()
                    .map(|p| (p.label().to_string(), format!("part:{}", p.slug())))
                    .collect();
                let mut yours: Vec<&str> = ws
                    .corpus
                    .documents
                    .iter()
                    .filter_map(|d| d.meta.collection.as_deref())
                    .collect();
                yours.sort_unstable();
                yours.dedup();
                out.extend(
                    yours
                        .into_iter()
                        .map(|c| (c.to_string(), format!("collection:{}", quoted(c)))),
                );
                out
            });
            pick(ui, "document", &mut clause, || {
                // The documents your notes are on, in the library's order.
                let mut on: Vec<usize> = nb
                    .annotations
                    .iter()
                    .flat_map(|a| a.targets().filter_map(|t| t.doc()))
                    .filter_map(|id| ws.corpus.index_of(id))
                    .collect();
                on.sort_unstable();
                on.dedup();
                on.into_iter()
                    .map(|i| {
                        let d = &ws.corpus.documents[i];
                        (d.meta.short_title.clone(), format!("doc:{}", d.id()))
                    })
                    .collect()
            });
            pick(ui, "written by", &mut clause, || {
                let mut authors: Vec<&str> = nb
                    .annotations
                    .iter()
                    .map(|a| a.author.as_str())
                    .filter(|a| !a.is_empty())
                    .collect();
                authors.sort_unstable();
                authors.dedup();
                authors
                    .into_iter()
                    .map(|a| (a.to_string(), format!("by:{}", quoted(a))))
                    .collect()
            });
            pick(ui, "in the other version", &mut clause, || {
                [
                    (Counterpart::Missing, "missing (in this version only)"),
                    (Counterpart::Changed, "changed (or partly missing)"),
                    (Counterpart::Partly, "partly missing"),
                    (Counterpart::Same, "the same words"),
                ]
                .into_iter()
                .map(|(c, label)| (label.to_string(), format!("counterpart:{}", c.slug())))
                .collect()
            });
            ui.label("dates");
            for (field, name) in [(&mut self.from, "From date"), (&mut self.to, "To date")] {
                ui.add(
                    egui::TextEdit::singleline(field)
                        .hint_text(if name == "From date" {
                            "1961-03"
                        } else {
                            "1961-06"
                        })
                        .desired_width(70.0),
                )
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
            }
            let dates = !self.from.trim().is_empty() || !self.to.trim().is_empty();
            if ui
                .add_enabled(dates, egui::Button::new("Add dates"))
                .clicked()
            {
                clause = Some(format!("date:{}..{}", self.from.trim(), self.to.trim()));
            }
        });
        if let Some(c) = clause {
            self.add_clause(c);
        }
    }
}

/// A list of the builder: its label, and (shown, clause) pairs made only while it is open;
/// the one chosen becomes the clause.
fn pick(
    ui: &mut egui::Ui,
    label: &str,
    clause: &mut Option<String>,
    items: impl FnOnce() -> Vec<(String, String)>,
) {
    // The label and its list as one piece, so that a wrapping row never parts them.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = ui
        .painter()
        .layout_no_wrap(label.to_string(), font, egui::Color32::WHITE)
        .size()
        .x;
    let spacing = ui.spacing().item_spacing.x;
    let size = egui::vec2(
        text + spacing + 80.0 + 2.0 * spacing,
        ui.spacing().interact_size.y,
    );
    ui.allocate_ui_with_layout(
        size,
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            let l = ui.label(label);
            egui::ComboBox::from_id_salt(("question-list", label))
                .selected_text("…")
                .width(80.0)
                .show_ui(ui, |ui| {
                    for (shown, c) in items() {
                        if ui.selectable_label(false, shown).clicked() {
                            *clause = Some(c);
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        },
    );
}

/// The passages behind a count (a cell, a point of a chart), at most 300, each as an answer
/// row; returns the passage asked to be opened (document index, start, end).
pub(crate) fn passage_list(
    ui: &mut egui::Ui,
    ws: &Workspace,
    nb: &Notebook,
    hits: &[NoteHit],
    id: &str,
) -> Option<(usize, usize, usize)> {
    let mut open = None;
    egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for h in hits.iter().take(300) {
                if let Some(QuestionsEvent::Open(d, s, e)) = answer_row(ui, ws, nb, h) {
                    open = Some((d, s, e));
                }
            }
        });
    open
}

/// One answer: where (document, date, page), the quote (click to read it), the note, the tags.
pub(crate) fn answer_row(
    ui: &mut egui::Ui,
    ws: &Workspace,
    nb: &Notebook,
    h: &NoteHit,
) -> Option<QuestionsEvent> {
    let a = &nb.annotations[h.note];
    let target = a.targets().nth(h.passage).unwrap_or(&a.target);
    let mut event = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let place = match h.doc.map(|i| &ws.corpus.documents[i]) {
            Some(d) => {
                let date = d
                    .meta
                    .date
                    .as_ref()
                    .map_or(String::new(), |x| format!(" · {x}"));
                let page = h
                    .range
                    .and_then(|(s, _)| d.page_label_at(s))
                    .map_or(String::new(), |p| format!(" · p. {p}"));
                format!("{}{date}{page}", d.meta.short_title)
            }
            None => "Memo".to_string(),
        };
        ui.label(egui::RichText::new(place).small().strong());
        if a.is_multi() {
            ui.label(
                egui::RichText::new(format!(
                    "One note on {} passages; this one answers",
                    a.targets().count()
                ))
                .small()
                .weak(),
            );
        }
        if let Some(q) = target.quote() {
            let resp = ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("“{}”", super::excerpt(q, 300))).italics(),
                )
                .sense(egui::Sense::click()),
            );
            if resp.clicked()
                && let (Some(d), Some((s, e))) = (h.doc, h.range)
            {
                event = Some(QuestionsEvent::Open(d, s, e));
            }
            resp.on_hover_text("Show in the reader");
        }
        if !a.note.is_empty() {
            super::markdown::note_label(ui, &a.note);
        }
        if !a.tags.is_empty() {
            ui.label(
                egui::RichText::new(format!("Tags: {}", a.tags.join(", ")))
                    .small()
                    .weak(),
            );
        }
        // The passage's citation, at the working paper's page (what an export would write).
        if let Some(d) = h.doc.map(|i| &ws.corpus.documents[i]) {
            let pages = h.range.and_then(|(s, e)| d.page_range(s, e));
            let cite = crate::export::citation::plain_text(&ws.citer.cite(
                ws,
                d,
                pages,
                crate::export::cite::Position::First,
            ));
            ui.add(
                egui::Label::new(egui::RichText::new(cite).small().weak())
                    .wrap()
                    .selectable(true),
            );
        }
    });
    event
}
