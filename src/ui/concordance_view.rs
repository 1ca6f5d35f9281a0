//! The speaker concordance ("Who said what"): every passage a chosen person spoke, in date
//! order, each with its document, date, page, evidence and citation; Show jumps to it in the
//! reader, Annotate opens the note editor on it.

use crate::Workspace;
use crate::corpus::Kind;
use crate::speakers::ConcordanceEntry;
use egui::RichText;

/// Concordance view state.
#[derive(Debug, Clone, Default)]
pub struct ConcordanceView {
    /// The chosen speaker (person id).
    pub person: Option<String>,
    /// Only records of conversation (leave out memoirs, testimony and commentary).
    pub records_only: bool,
    /// Only passages containing these words ("what did Castro say about Kennedy").
    pub containing: String,
    /// The list for (person, records only), computed when they change, not every frame.
    cache: Option<(ListKey, Vec<ConcordanceEntry>)>,
    /// Everyone who speaks, with their counts, for the workspace it was computed on.
    speakers: Option<(WorkspaceStamp, Vec<(String, usize)>)>,
}

/// Which workspace a memo was made on: its address and how many documents have speakers
/// (a workspace replaced, or one whose analysis has come further, differs).
type WorkspaceStamp = (usize, usize);

fn stamp(ws: &Workspace) -> WorkspaceStamp {
    (ws as *const Workspace as usize, ws.speakers.passages.len())
}

/// What the listed passages depend on: the workspace, the speaker, "records only" and the
/// words.
type ListKey = (WorkspaceStamp, Option<String>, bool, String);

/// What the view asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConcordanceEvent {
    /// Open the passage in the reader.
    Show {
        /// Document id.
        doc: String,
        /// Start char offset.
        start: usize,
        /// End char offset.
        end: usize,
    },
    /// Open the passage and the note editor on it.
    Annotate {
        /// Document id.
        doc: String,
        /// Start char offset.
        start: usize,
        /// End char offset.
        end: usize,
    },
    /// File > Export concordance.
    Export,
}

/// People who speak anywhere, with their number of passages, most first.
pub fn speakers_with_counts(ws: &Workspace) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for passages in ws.speakers.passages.values() {
        for p in passages {
            for s in &p.speakers {
                *counts.entry(s.as_str()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(p, n)| (p.to_string(), n))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

impl ConcordanceView {
    /// The passages the view lists (the chosen person's, filtered).
    pub fn entries(&self, ws: &Workspace) -> Vec<ConcordanceEntry> {
        let Some(person) = &self.person else {
            return Vec::new();
        };
        let all = ws
            .speakers
            .concordance(&ws.corpus, person)
            .into_iter()
            .filter(|e| {
                !self.records_only
                    || ws
                        .corpus
                        .get(&e.doc)
                        .is_some_and(|d| d.meta.kind == Kind::RecordOfConversation)
            })
            .collect();
        crate::speakers::containing(all, &self.containing)
    }

    /// Draws the view.
    pub fn show(&mut self, ui: &mut egui::Ui, ws: &Workspace) -> Option<ConcordanceEvent> {
        let mut event = None;
        ui.heading("Who said what");
        ui.label(
            "Every passage a person spoke, in date order. Speakers are attributed from the \
             text (“Fidel Castro said”, “I replied”, speech carried on from one sentence to \
             the next); the evidence is shown under each passage.",
        );
        ui.add_space(4.0);
        if self.speakers.as_ref().is_none_or(|(k, _)| *k != stamp(ws)) {
            self.speakers = Some((stamp(ws), speakers_with_counts(ws)));
        }
        // A few dozen names: cloned, so the list below may change the choice.
        let speakers = self
            .speakers
            .as_ref()
            .map_or_else(Vec::new, |(_, s)| s.clone());
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Speaker:");
            let current = self
                .person
                .as_deref()
                .map_or("Choose a person…".to_string(), |p| {
                    ws.person_name(p).to_string()
                });
            egui::ComboBox::from_id_salt("concordance-speaker")
                .selected_text(current)
                .width(220.0)
                .show_ui(ui, |ui| {
                    for (p, n) in &speakers {
                        let text = format!("{} ({n})", ws.person_name(p));
                        if ui
                            .selectable_label(self.person.as_deref() == Some(p), text)
                            .clicked()
                        {
                            self.person = Some(p.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.checkbox(&mut self.records_only, "Records of conversation only");
            ui.add(
                egui::TextEdit::singleline(&mut self.containing)
                    .hint_text("containing…")
                    .desired_width(140.0),
            )
            .on_hover_text("Only passages with these words, e.g. Kennedy")
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Passages containing")
            });
            if ui
                .add_enabled(self.person.is_some(), egui::Button::new("Export…"))
                .on_hover_text("Markdown with a citation for every passage")
                .clicked()
            {
                event = Some(ConcordanceEvent::Export);
            }
        });
        let key = (
            stamp(ws),
            self.person.clone(),
            self.records_only,
            self.containing.clone(),
        );
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            self.cache = Some((key, self.entries(ws)));
        }
        let entries: &[ConcordanceEntry] = self.cache.as_ref().map_or(&[], |(_, e)| e);
        if self.person.is_none() {
            ui.add_space(8.0);
            ui.label(RichText::new("Choose a speaker to list what they said.").weak());
            return event;
        }
        let docs: std::collections::BTreeSet<&str> =
            entries.iter().map(|e| e.doc.as_str()).collect();
        ui.label(
            RichText::new(format!(
                "{} passages in {} documents",
                entries.len(),
                docs.len()
            ))
            .strong(),
        );
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("concordance-list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, e) in entries.iter().enumerate() {
                    if let Some(ev) = entry(ui, ws, i, e, &self.containing) {
                        event = Some(ev);
                    }
                }
            });
        event
    }
}

/// One passage: where it is from, its text, evidence and citation, and its buttons.
fn entry(
    ui: &mut egui::Ui,
    ws: &Workspace,
    i: usize,
    e: &ConcordanceEntry,
    containing: &str,
) -> Option<ConcordanceEvent> {
    let doc = ws.corpus.get(&e.doc)?;
    let mut event = None;
    ui.push_id(("concordance", i), |ui| {
        let date = doc
            .meta
            .date
            .as_ref()
            .map_or("undated".to_string(), |d| d.long_form());
        let page = doc
            .page_range(e.start, e.end)
            .map_or(String::new(), |(a, b)| {
                if a == b {
                    format!(" · p. {a}")
                } else {
                    format!(" · pp. {a}\u{2013}{b}")
                }
            });
        ui.label(RichText::new(format!("{date} · {}{page}", doc.meta.short_title)).strong());
        let text: String = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = super::excerpt(&text, 700);
        // The words asked for are marked as the reader marks its search hits; a translator's
        // or editor's note in the passage is set apart (it is not the speaker's).
        let job = passage_job(ui, &shown, containing);
        // The passage itself is a click target too, like a note's quote in the notes panel.
        if ui
            .add(egui::Label::new(job).wrap().sense(egui::Sense::click()))
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .on_hover_text("Open the passage in the reader")
            .clicked()
        {
            event = Some(ConcordanceEvent::Show {
                doc: e.doc.clone(),
                start: e.start,
                end: e.end,
            });
        }
        let mut facts = Vec::new();
        if e.speakers.len() > 1 {
            let names: Vec<&str> = e.speakers.iter().map(|s| ws.person_name(s)).collect();
            facts.push(format!("jointly: {}", names.join(" and ")));
        }
        if !e.audience.is_empty() {
            let names: Vec<&str> = e.audience.iter().map(|s| ws.person_name(s)).collect();
            facts.push(format!("with {}", names.join(", ")));
        }
        facts.push(match &e.evidence {
            Some(ev) => format!("evidence: “{}”", ev.text),
            None => e.basis.label().to_string(),
        });
        facts.push(crate::export::citation::plain_text(&ws.citer.cite(
            ws,
            doc,
            doc.page_range(e.start, e.end),
            crate::export::cite::Position::Subsequent,
        )));
        ui.add(egui::Label::new(RichText::new(facts.join(" · ")).weak()).wrap());
        ui.horizontal(|ui| {
            let at = (e.doc.clone(), e.start, e.end);
            if ui
                .button("Show")
                .on_hover_text("Open the passage in the reader")
                .clicked()
            {
                event = Some(ConcordanceEvent::Show {
                    doc: at.0.clone(),
                    start: at.1,
                    end: at.2,
                });
            }
            if ui
                .button("Annotate")
                .on_hover_text("Open the passage and write a note on it")
                .clicked()
            {
                event = Some(ConcordanceEvent::Annotate {
                    doc: at.0,
                    start: at.1,
                    end: at.2,
                });
            }
        });
        ui.separator();
    });
    event
}

/// A passage as laid out in the concordance: `containing`'s words marked, translator's and
/// editor's notes in italics and the weak colour.
fn passage_job(ui: &egui::Ui, text: &str, containing: &str) -> egui::text::LayoutJob {
    let visuals = ui.visuals();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = egui::TextFormat::simple(font.clone(), visuals.text_color());
    let note = egui::TextFormat {
        italics: true,
        color: crate::ui::contrast::readable_on(visuals.panel_fill, visuals.weak_text_color()),
        ..plain.clone()
    };
    let hit = egui::TextFormat {
        background: egui::Color32::from_rgb(255, 230, 80),
        color: egui::Color32::BLACK,
        ..plain.clone()
    };
    let chars: Vec<char> = text.chars().collect();
    let notes: Vec<(usize, usize)> = crate::corpus::editorial::find_editorial_spans(text)
        .into_iter()
        .filter(|s| s.kind == crate::corpus::EditorialKind::Note)
        .map(|s| (s.start, s.end))
        .collect();
    let hits = crate::text::find_all(text, containing);
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for &(a, b) in notes.iter().chain(&hits) {
        cuts.extend([a.min(chars.len()), b.min(chars.len())]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = egui::text::LayoutJob::default();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let inside = |spans: &[(usize, usize)]| spans.iter().any(|&(s, e)| s <= a && b <= e);
        let format = if inside(&hits) && !inside(&notes) {
            hit.clone()
        } else if inside(&notes) {
            note.clone()
        } else {
            plain.clone()
        };
        job.append(&chars[a..b].iter().collect::<String>(), 0.0, format);
    }
    job
}

#[cfg(test)]
mod tests {
    use super::passage_job;

    #[test]
    fn the_words_asked_for_are_marked_and_a_translators_note_is_set_apart() {
        let text = "Castro said that Kennedy [trans. note: the US president] would not attack.";
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(Default::default(), |ui| {
            let job = passage_job(ui, text, "kennedy");
            let pieces: Vec<(String, bool, bool)> = job
                .sections
                .iter()
                .map(|s| {
                    (
                        job.text[s.byte_range.start.0..s.byte_range.end.0].to_string(),
                        s.format.background != egui::Color32::TRANSPARENT,
                        s.format.italics,
                    )
                })
                .collect();
            assert!(
                pieces.contains(&("Kennedy".to_string(), true, false)),
                "{pieces:?}"
            );
            assert!(
                pieces.contains(&("[trans. note: the US president]".to_string(), false, true)),
                "{pieces:?}"
            );
        });
        out.textures_delta.clear();
    }
}
