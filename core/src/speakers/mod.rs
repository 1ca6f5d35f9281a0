//! Who said what: the speaker of every sentence, with the evidence that licensed it.
//!
//! Records of conversation are attributed by rule ([`rules`]): reporting verbs, first person as
//! the recorder, carry-over, joint speakers. Memoirs and testimony are their author's voice;
//! commentary is the editor's. Consecutive sentences of one speaker within a paragraph make a
//! [`Passage`]; [`SpeakerIndex::concordance`] lists a person's passages across the corpus.

mod cues;
pub mod eval;
pub mod rules;

use crate::corpus::{Corpus, Document, Kind};
use crate::people::{Mention, PeopleIndex, Role};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Why a sentence has the speaker it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// A reporting verb names the speaker ("Fidel Castro said", "stressed Fidel Castro").
    Reported,
    /// "I …": the recorder.
    FirstPerson,
    /// "He said": the current speaker.
    Pronoun,
    /// No new speaker is introduced: the previous one goes on.
    Continued,
    /// The author of a memoir or testimony.
    Author,
    /// The editor of the paper (commentary).
    Editor,
    /// The recorder's narration of the meeting ("The conversation turned on …").
    Narration,
    /// A heading line, a date line or a signature.
    Heading,
    /// The editor's or translator's bracket, or an omission mark.
    Editorial,
    /// The text does not say.
    Unattributed,
}

impl Basis {
    /// A short phrase for people ("reported", "continues", "narration").
    pub fn label(self) -> &'static str {
        match self {
            Basis::Reported => "named with a reporting verb",
            Basis::FirstPerson => "first person: the recorder",
            Basis::Pronoun => "\"he\": the current speaker",
            Basis::Continued => "continues the speaker introduced by",
            Basis::Author => "the author of this text",
            Basis::Editor => "the editor's commentary",
            Basis::Narration => "the recorder's narration",
            Basis::Heading => "heading",
            Basis::Editorial => "editor's or translator's note",
            Basis::Unattributed => "unattributed: the text does not say",
        }
    }
}

/// The words that licensed an attribution: char offsets into the document text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// The words ("Fidel Castro continued").
    pub text: String,
}

/// The speaker of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// Start char offset of the sentence.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// Person ids, several when they spoke jointly; empty when unattributed.
    pub speakers: Vec<String>,
    /// Why these speakers: a reporting verb, first person, carried over, narration…
    pub basis: Basis,
    /// The evidence span (for carried-over speech, the span that introduced the speaker).
    pub evidence: Option<Evidence>,
}

/// Consecutive sentences of one paragraph with the same speakers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// Person ids; empty when unattributed.
    pub speakers: Vec<String>,
    /// Basis of the passage's first sentence.
    pub basis: Basis,
    /// Evidence of the passage's first sentence.
    pub evidence: Option<Evidence>,
}

/// A passage spoken by the person a concordance was asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcordanceEntry {
    /// The document it is in (an id of the corpus).
    pub doc: String,
    /// The document's date (ISO, as precise as known), if any.
    pub date: Option<String>,
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// The passage's text, exactly as in the document.
    pub text: String,
    /// Everyone who spoke it (the person, and others when joint).
    pub speakers: Vec<String>,
    /// To whom it was said: the other participants of the conversation (empty for memoirs,
    /// testimony and commentary).
    pub audience: Vec<String>,
    /// Why it is theirs.
    pub basis: Basis,
    /// The words that licensed it.
    pub evidence: Option<Evidence>,
}

/// Attributes every sentence of one document.
pub fn attribute(doc: &Document, people: &PeopleIndex) -> Vec<Attribution> {
    let empty = Vec::new();
    let no_roles = BTreeMap::new();
    attribute_with(
        doc,
        people.mentions.get(doc.id()).unwrap_or(&empty),
        people.roles.get(doc.id()).unwrap_or(&no_roles),
    )
}

/// Attributes every sentence of one document from its own mentions and roles (all the
/// attribution depends on, besides the document).
pub fn attribute_with(
    doc: &Document,
    mentions: &[Mention],
    roles: &BTreeMap<String, BTreeSet<Role>>,
) -> Vec<Attribution> {
    let meta = &doc.meta;
    match meta.kind {
        Kind::Memoir | Kind::OralHistory => {
            rules::attribute_single_voice(&doc.text, meta.author.as_deref(), Basis::Author)
        }
        Kind::Commentary => {
            rules::attribute_single_voice(&doc.text, meta.author.as_deref(), Basis::Editor)
        }
        Kind::RecordOfConversation | Kind::UserDocument => {
            let participants = participants_from(roles);
            let ctx = rules::RecordContext {
                mentions,
                first_person: meta.recorder.as_deref().or(meta.author.as_deref()),
                participants: &participants,
            };
            rules::attribute_record(&doc.text, &ctx)
        }
    }
}

/// Who took part in a record (present, recorder or author): the only people who may speak in it.
pub fn participants(doc: &Document, people: &PeopleIndex) -> BTreeSet<String> {
    people
        .roles
        .get(doc.id())
        .map(participants_from)
        .unwrap_or_default()
}

/// The participants among a document's roles (present, recorder or author).
pub fn participants_from(roles: &BTreeMap<String, BTreeSet<Role>>) -> BTreeSet<String> {
    roles
        .iter()
        .filter(|(_, r)| {
            r.iter()
                .any(|r| matches!(r, Role::Present | Role::Recorder | Role::Author))
        })
        .map(|(p, _)| p.clone())
        .collect()
}

impl Passage {
    /// Whether one of these people speaks the passage (alone or jointly).
    pub fn said_by_any(&self, people: &BTreeSet<String>) -> bool {
        self.speakers.iter().any(|s| people.contains(s))
    }
}

/// The stretches of a document (`len` chars) that none of `people` says: what "show only what
/// X said" dims, everything outside their passages.
pub fn others_speech(
    passages: &[Passage],
    people: &BTreeSet<String>,
    len: usize,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for p in passages.iter().filter(|p| p.said_by_any(people)) {
        if p.start > at {
            out.push((at, p.start));
        }
        at = at.max(p.end);
    }
    if at < len {
        out.push((at, len));
    }
    out
}

/// Merges sentence attributions into passages: same speakers, same paragraph, nothing between
/// but spaces.
pub fn passages(text: &str, attributions: &[Attribution]) -> Vec<Passage> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Passage> = Vec::new();
    for a in attributions {
        if let Some(last) = out.last_mut() {
            let gap = &chars[last.end.min(a.start)..a.start];
            if last.speakers == a.speakers && !gap.contains(&'\n') {
                last.end = a.end;
                continue;
            }
        }
        out.push(Passage {
            start: a.start,
            end: a.end,
            speakers: a.speakers.clone(),
            basis: a.basis,
            evidence: a.evidence.clone(),
        });
    }
    out
}

/// Attributions and passages of every document of a corpus.
#[derive(Debug, Clone, Default)]
pub struct SpeakerIndex {
    /// Sentence attributions per document id.
    pub attributions: crate::analysis::PerDocument<Vec<Attribution>>,
    /// Passages per document id.
    pub passages: crate::analysis::PerDocument<Vec<Passage>>,
    /// Who took part in each conversation (records and the researcher's own documents).
    pub participants: BTreeMap<String, BTreeSet<String>>,
}

impl SpeakerIndex {
    /// Attributes every document.
    pub fn build(corpus: &Corpus, people: &PeopleIndex) -> SpeakerIndex {
        let mut index = SpeakerIndex::default();
        for doc in &corpus.documents {
            let attributions = attribute(doc, people);
            if matches!(
                doc.meta.kind,
                Kind::RecordOfConversation | Kind::UserDocument
            ) {
                index
                    .participants
                    .insert(doc.id().to_string(), participants(doc, people));
            }
            index
                .passages
                .insert(doc.id().to_string(), passages(&doc.text, &attributions));
            index
                .attributions
                .insert(doc.id().to_string(), attributions);
        }
        index
    }

    /// Who spoke in each document (for the library's "spoke" role).
    pub fn speakers_by_document(&self) -> BTreeMap<String, BTreeSet<String>> {
        self.attributions
            .iter()
            .map(|(doc, atts)| {
                let who = atts
                    .iter()
                    .flat_map(|a| a.speakers.iter().cloned())
                    .collect();
                (doc.clone(), who)
            })
            .collect()
    }

    /// The passage covering a char offset of a document.
    pub fn passage_at(&self, doc: &str, offset: usize) -> Option<&Passage> {
        self.passages
            .get(doc)?
            .iter()
            .find(|p| p.start <= offset && offset < p.end)
    }

    /// Every passage the person spoke (alone or jointly), in date order, then document and
    /// text order. Documents without a date come last.
    pub fn concordance(&self, corpus: &Corpus, person: &str) -> Vec<ConcordanceEntry> {
        let mut docs: Vec<(usize, &Document)> = corpus.documents.iter().enumerate().collect();
        docs.sort_by_key(|(i, d)| {
            let date = d.meta.date.as_ref().map(|d| d.as_str().to_string());
            (date.is_none(), date, *i)
        });
        let mut out = Vec::new();
        for (_, doc) in docs {
            let Some(passages) = self.passages.get(doc.id()) else {
                continue;
            };
            for p in passages
                .iter()
                .filter(|p| p.speakers.iter().any(|s| s == person))
            {
                out.push(ConcordanceEntry {
                    doc: doc.id().to_string(),
                    date: doc.meta.date.as_ref().map(|d| d.as_str().to_string()),
                    start: p.start,
                    end: p.end,
                    text: doc.slice_chars(p.start, p.end),
                    speakers: p.speakers.clone(),
                    audience: self
                        .participants
                        .get(doc.id())
                        .map(|all| {
                            all.iter()
                                .filter(|x| !p.speakers.contains(x))
                                .cloned()
                                .collect()
                        })
                        .unwrap_or_default(),
                    basis: p.basis,
                    evidence: p.evidence.clone(),
                });
            }
        }
        out
    }
}

/// The entries whose text contains the query (case, accents and quote styles ignored, as in
/// search); all of them when the query is blank.
pub fn containing(entries: Vec<ConcordanceEntry>, query: &str) -> Vec<ConcordanceEntry> {
    let q = crate::text::fold(query.trim());
    if q.is_empty() {
        return entries;
    }
    entries
        .into_iter()
        .filter(|e| crate::text::fold(&spoken_text(&e.text)).contains(&q))
        .collect()
}

/// A passage without the translator's and editor's notes in it ("[trans. note: …]"): what the
/// speaker said, not what was said about it.
pub fn spoken_text(text: &str) -> String {
    let notes: Vec<(usize, usize)> = crate::corpus::editorial::find_editorial_spans(text)
        .into_iter()
        .filter(|s| s.kind == crate::corpus::EditorialKind::Note)
        .map(|s| (s.start, s.end))
        .collect();
    if notes.is_empty() {
        return text.to_string();
    }
    text.chars()
        .enumerate()
        .filter(|(i, _)| !notes.iter().any(|&(a, b)| a <= *i && *i < b))
        .map(|(_, c)| c)
        .collect()
}
