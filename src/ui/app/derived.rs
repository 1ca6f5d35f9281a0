//! What the window derives from the notebook and the open document, recomputed only when
//! they change: where each note anchors, the find bar's hits, and the reader's highlights.

use super::ReadingRoomApp;
use crate::Workspace;
use crate::notes::anchor_memo::AnchorMemo;
use crate::notes::{AnchorStatus, Anchored};
use crate::speakers::{Basis, Passage};
use crate::ui::highlight::{AnnotationMark, Highlights, MentionMark, SpeakerMark, person_color};
use std::collections::HashMap;

/// Where each note lands, recomputed when the notebook changes (unchanged notes come from the
/// memo, which is kept on disk beside the notebook).
#[derive(Default)]
pub(super) struct AnchorCache {
    pub(super) revision: Option<u64>,
    /// Per note id, where each of its targets lands (in `Annotation::targets` order).
    pub(super) map: HashMap<String, Vec<Anchored>>,
    pub(super) memo: Option<AnchorMemo>,
}

impl AnchorCache {
    /// Where a note lands in a document, if it has a target there.
    pub(super) fn on(&self, a: &crate::notes::Annotation, doc: &str) -> Option<&Anchored> {
        let i = a.targets().position(|t| t.doc() == Some(doc))?;
        self.map.get(&a.id)?.get(i)
    }

    /// Where a note lands in a document, if it has a target there that could be placed.
    pub(super) fn placed_on(&self, a: &crate::notes::Annotation, doc: &str) -> Option<&Anchored> {
        self.on(a, doc)
            .filter(|an| !matches!(an.status, AnchorStatus::Orphan | AnchorStatus::Unanchored))
    }

    /// The cache of a notebook file, with the placements remembered for it.
    pub(super) fn for_notebook(path: Option<&std::path::Path>) -> AnchorCache {
        AnchorCache {
            memo: Some(path.map_or_else(AnchorMemo::default, |p| {
                AnchorMemo::load(&AnchorMemo::path_for(p))
            })),
            ..AnchorCache::default()
        }
    }

    /// Keeps the remembered placements beside the notebook (a cache: errors are ignored).
    pub(super) fn save(&mut self, path: Option<&std::path::Path>) {
        if let (Some(memo), Some(p)) = (&mut self.memo, path) {
            let _ = memo.save(&AnchorMemo::path_for(p));
        }
    }
}

/// What the reader's highlights were computed from; they are rebuilt when it changes.
#[derive(PartialEq, Clone)]
pub(super) struct HighlightInputs {
    pub(super) doc: usize,
    pub(super) notes: u64,
    pub(super) query: String,
    pub(super) current: Option<usize>,
    pub(super) layers: crate::ui::prefs::Layers,
    pub(super) dark: bool,
    pub(super) only_speakers: std::collections::BTreeSet<String>,
}

impl ReadingRoomApp {
    pub(super) fn refresh_anchors(&mut self) {
        if self.anchors.revision == Some(self.session.revision) {
            return;
        }
        let first = self.anchors.revision.is_none();
        let memo = self.anchors.memo.get_or_insert_with(AnchorMemo::default);
        self.anchors.map = memo.anchor_all(&self.workspace.corpus, &self.session.notebook);
        self.anchors.revision = Some(self.session.revision);
        if first {
            // Remember the placements found at start-up for the next start.
            self.anchors.save(self.session.path.as_deref());
        }
    }

    pub(super) fn refresh_find(&mut self) {
        let query = self.find.effective_query();
        let key = (self.open, query.clone());
        if self.find.computed_for.as_ref() == Some(&key) {
            return;
        }
        self.find.hits = if self.find.query.trim().is_empty() {
            Vec::new()
        } else {
            let id = self.open_document().meta.id.clone();
            self.workspace
                .search
                .find_in(&self.workspace.corpus, &id, &query)
        };
        self.find.current = if self.find.hits.is_empty() {
            None
        } else {
            Some(0)
        };
        self.find.computed_for = Some(key);
        self.select_find_hit();
    }

    pub(super) fn refresh_highlights(&mut self, dark: bool) {
        // Edits made earlier in this frame (undo, a shortcut) must be anchored first.
        self.refresh_anchors();
        let inputs = HighlightInputs {
            doc: self.open,
            notes: self.session.revision,
            query: if self.find.open {
                self.find.effective_query()
            } else {
                String::new()
            },
            current: self.find.current,
            layers: self.prefs.layers,
            dark,
            only_speakers: self.reader.only_speakers.clone(),
        };
        if self.highlight_inputs.as_ref() == Some(&inputs) {
            return;
        }
        // Notes of the other version, carried onto this one.
        let (mut projected, summary) = self.projected_marks(dark);
        self.other_version_summary = summary;
        if !(inputs.layers.annotations && inputs.layers.other_version) {
            projected.clear();
        }
        let doc = &self.workspace.corpus.documents[self.open];
        let id = doc.meta.id.as_str();
        let nb = &self.session.notebook;
        let mut h = Highlights {
            footnotes: self
                .workspace
                .corpus
                .footnotes_of(id)
                .map(|f| (f.at, f.number, f.text.clone()))
                .collect(),
            editorial: doc.editorial.iter().map(|e| (e.start, e.end)).collect(),
            uncertain: doc.uncertain.clone(),
            ..Default::default()
        };
        if inputs.layers.search && !inputs.query.is_empty() {
            h.search = self.find.hits.clone();
            h.current_search = self.find.current;
        }
        if inputs.layers.people
            && let Some(ms) = self.workspace.people.mentions.get(id)
        {
            // How many documents each person is in (once per library).
            let revision = self.workspace.revision;
            if self
                .people_counts
                .as_ref()
                .is_none_or(|(r, _)| *r != revision)
            {
                self.people_counts = Some((
                    revision,
                    std::sync::Arc::new(self.workspace.people.document_counts()),
                ));
            }
            let counts = self
                .people_counts
                .as_ref()
                .map(|(_, c)| c.clone())
                .unwrap_or_default();
            h.mentions = ms
                .iter()
                .map(|m| {
                    let roles: Vec<&str> = self
                        .workspace
                        .people
                        .roles_of(id, &m.person)
                        .iter()
                        .map(|r| r.slug())
                        .collect();
                    MentionMark {
                        start: m.start,
                        end: m.end,
                        color: person_color(&m.person, dark),
                        label: person_tooltip(
                            &self.workspace,
                            &m.person,
                            &roles,
                            counts.get(&m.person).copied().unwrap_or(0),
                        ),
                    }
                })
                .collect();
        }
        if !inputs.only_speakers.is_empty()
            && let Some(passages) = self.workspace.speakers.passages.get(id)
        {
            h.dimmed = crate::speakers::others_speech(
                passages,
                &inputs.only_speakers,
                self.workspace.corpus.documents[inputs.doc].char_len,
            );
        }
        if inputs.layers.speakers
            && let Some(passages) = self.workspace.speakers.passages.get(id)
        {
            h.speakers = speaker_marks(&self.workspace, passages, dark);
            // Only the chosen people's passages in the gutter.
            if !inputs.only_speakers.is_empty() {
                let theirs: Vec<(usize, usize)> = passages
                    .iter()
                    .filter(|p| p.said_by_any(&inputs.only_speakers))
                    .map(|p| (p.start, p.end))
                    .collect();
                h.speakers
                    .retain(|m| theirs.iter().any(|&(s, e)| s == m.start && e == m.end));
            }
        }
        h.projected = projected;
        if inputs.layers.annotations {
            for a in &nb.annotations {
                let Some(an) = self.anchors.placed_on(a, id) else {
                    continue;
                };
                let (color, tags, note) = crate::ui::highlight::note_look(nb, a, dark);
                h.annotations.push(AnnotationMark {
                    start: an.start,
                    end: an.end,
                    id: a.id.clone(),
                    color,
                    label: if note.is_empty() {
                        format!("note ({tags})")
                    } else {
                        format!("note ({tags}): {note}")
                    },
                });
            }
        }
        self.highlights = h;
        self.highlight_inputs = Some(inputs);
        self.highlight_revision += 1;
    }
}

/// Gutter marks for a document's passages: named speakers in their colours; narration and
/// unattributed text faint; headings and editor's brackets nothing.
fn speaker_marks(ws: &Workspace, passages: &[Passage], dark: bool) -> Vec<SpeakerMark> {
    passages
        .iter()
        .filter(|p| !matches!(p.basis, Basis::Heading | Basis::Editorial))
        .map(|p| {
            let names: Vec<&str> = p.speakers.iter().map(|s| ws.person_name(s)).collect();
            let why = match &p.evidence {
                Some(e) => format!("{}: “{}”", p.basis.label(), e.text),
                None => p.basis.label().to_string(),
            };
            if p.speakers.is_empty() {
                return SpeakerMark {
                    start: p.start,
                    end: p.end,
                    label: "unattributed".into(),
                    color: egui::Color32::GRAY,
                    tooltip: format!("No speaker: {why}"),
                    attributed: false,
                };
            }
            let short: Vec<String> = p
                .speakers
                .iter()
                .map(|s| ws.registry.short_name(s))
                .collect();
            SpeakerMark {
                start: p.start,
                end: p.end,
                label: short.join(" + "),
                color: person_color(&p.speakers[0], dark),
                tooltip: format!(
                    "{}\n{why}\nClick the bar to select the passage.",
                    names.join(" and ")
                ),
                attributed: true,
            }
        })
        .collect()
}

/// Who a person is, their roles in this document and how many documents they are in:
/// "Llewellyn E. Thompson, US ambassador in Moscow / here: mentioned / in 3 documents".
fn person_tooltip(ws: &crate::Workspace, person: &str, roles: &[&str], documents: usize) -> String {
    let name = ws.person_name(person);
    let mut s = match ws.registry.get(person).map(|p| p.description.trim()) {
        Some(d) if !d.is_empty() => format!("{name}, {d}"),
        _ => name.to_string(),
    };
    s.push_str(&format!("\nhere: {}", roles.join(", ")));
    s.push_str(&match documents {
        0 | 1 => "\nin this document only".to_string(),
        n => format!("\nin {n} documents"),
    });
    s
}

impl ReadingRoomApp {
    /// How many notes each document has, counted again only when the notebook changes (the
    /// timeline asks every frame).
    pub(super) fn notes_per_document(
        &mut self,
    ) -> std::sync::Arc<std::collections::HashMap<String, usize>> {
        let revision = self.session.revision;
        if let Some((r, counts)) = &self.notes_per_doc
            && *r == revision
        {
            return counts.clone();
        }
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        for a in &self.session.notebook.annotations {
            // A note on a pair counts once in each of its documents.
            let mut docs: Vec<&str> = a.targets().filter_map(|t| t.doc()).collect();
            docs.sort_unstable();
            docs.dedup();
            for d in docs {
                *counts.entry(d.to_string()).or_default() += 1;
            }
        }
        let counts = std::sync::Arc::new(counts);
        self.notes_per_doc = Some((revision, counts.clone()));
        counts
    }
}
