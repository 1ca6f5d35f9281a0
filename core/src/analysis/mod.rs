//! What is derived from each document — the people it names, their roles, the speaker of every
//! sentence — computed once per document and kept in a cache in the data directory
//! ([`cache`]), so that opening an archive again does no work that was done last time.
//!
//! A document's analysis depends on its text and metadata, on the people registry and on
//! [`ANALYSIS_VERSION`]; nothing else. Documents are analysed independently, on all cores.

pub mod cache;
pub mod per_document;

pub use per_document::PerDocument;

use crate::corpus::{Corpus, Document, Kind};
use crate::people::{Mention, MentionFinder, PeopleIndex, Registry, Role, derive_roles};
use crate::speakers::{Attribution, Passage, SpeakerIndex, attribute_with, participants_from};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Bump when mention finding, role derivation or speaker attribution changes what it finds:
/// every cached analysis made by another version is then recomputed.
pub const ANALYSIS_VERSION: u32 = 3;

/// Everything derived from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentAnalysis {
    /// Mentions of people, in text order.
    pub mentions: Vec<Mention>,
    /// Each person's roles in the document, including who spoke.
    pub roles: BTreeMap<String, BTreeSet<Role>>,
    /// The speaker of every sentence.
    pub attributions: Vec<Attribution>,
    /// Consecutive sentences of one speaker.
    pub passages: Vec<Passage>,
}

/// Analyses one document: mentions, roles, speakers.
pub fn analyse(doc: &Document, finder: &MentionFinder) -> DocumentAnalysis {
    let mentions = finder.find(&doc.text);
    let mut roles = derive_roles(doc, &mentions, finder);
    let attributions = attribute_with(doc, &mentions, &roles);
    let passages = crate::speakers::passages(&doc.text, &attributions);
    for who in attributions.iter().flat_map(|a| a.speakers.iter()) {
        roles.entry(who.clone()).or_default().insert(Role::Spoke);
    }
    DocumentAnalysis {
        mentions,
        roles,
        attributions,
        passages,
    }
}

/// Analyses every document of a corpus on all cores, without a cache.
pub fn analyse_all(corpus: &Corpus, registry: &Registry) -> Vec<DocumentAnalysis> {
    let finder = MentionFinder::new(registry);
    crate::parallel::par_map(&corpus.documents, |d| {
        analyse(&d.loaded_for_a_pass(), &finder)
    })
}

/// The part of a document's analysis that only views of that document need (mentions and
/// speakers), kept packed until asked for; roles are needed for every document at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentDetail {
    /// Mentions of people, in text order.
    pub mentions: Vec<Mention>,
    /// The speaker of every sentence.
    pub attributions: Vec<Attribution>,
    /// Consecutive sentences of one speaker.
    pub passages: Vec<Passage>,
}

impl DocumentDetail {
    /// Whether every offset lies inside a document of `char_len` chars.
    pub fn fits(&self, char_len: usize) -> bool {
        let ok = |s: usize, e: usize| s <= e && e <= char_len;
        self.mentions.iter().all(|m| ok(m.start, m.end))
            && self.attributions.iter().all(|x| ok(x.start, x.end))
            && self.passages.iter().all(|x| ok(x.start, x.end))
    }
}

impl DocumentAnalysis {
    /// Splits into the roles and the packable rest.
    pub fn split(self) -> (BTreeMap<String, BTreeSet<Role>>, DocumentDetail) {
        (
            self.roles,
            DocumentDetail {
                mentions: self.mentions,
                attributions: self.attributions,
                passages: self.passages,
            },
        )
    }
}

/// Packed bytes: a range of a shared buffer (a cache file's bytes, or one document's own), so
/// that opening does not copy every document's packed detail out of the file it read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packed {
    pub(crate) bytes: Arc<Vec<u8>>,
    pub(crate) range: std::ops::Range<usize>,
}

impl Packed {
    /// All of `bytes`.
    pub fn whole(bytes: Vec<u8>) -> Packed {
        Packed {
            range: 0..bytes.len(),
            bytes: Arc::new(bytes),
        }
    }

    /// The bytes (none if the range is out of bounds).
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.get(self.range.clone()).unwrap_or_default()
    }
}

/// One document's analysis as opening produced it: computed now, or taken from the cache
/// (roles decoded, the rest still packed).
#[derive(Debug, Clone, PartialEq)]
pub enum Analysed {
    /// Analysed this time.
    Fresh(DocumentAnalysis),
    /// From the cache.
    Cached {
        /// Each person's roles.
        roles: BTreeMap<String, BTreeSet<Role>>,
        /// The [`DocumentDetail`], postcard-encoded.
        detail: Packed,
    },
}

impl Analysed {
    /// The whole analysis (decoding the packed part).
    pub fn decode(self, char_len: usize) -> DocumentAnalysis {
        match self {
            Analysed::Fresh(a) => a,
            Analysed::Cached { roles, detail } => {
                let d = per_document::decode_part(detail.as_slice(), char_len, |d| d);
                DocumentAnalysis {
                    mentions: d.mentions,
                    roles,
                    attributions: d.attributions,
                    passages: d.passages,
                }
            }
        }
    }
}

/// Puts per-document analyses (in corpus order) together into the indexes the views read.
pub fn assemble(corpus: &Corpus, analyses: Vec<DocumentAnalysis>) -> (PeopleIndex, SpeakerIndex) {
    assemble_packed(corpus, analyses.into_iter().map(Analysed::Fresh).collect())
}

/// [`assemble`], leaving what came packed from the cache packed until a view asks for it.
pub fn assemble_packed(corpus: &Corpus, analyses: Vec<Analysed>) -> (PeopleIndex, SpeakerIndex) {
    let mut people = PeopleIndex::default();
    let mut speakers = SpeakerIndex::default();
    for (doc, a) in corpus.documents.iter().zip(analyses) {
        let id = doc.id().to_string();
        let roles = match a {
            Analysed::Fresh(a) => {
                let (roles, detail) = a.split();
                people.mentions.insert(id.clone(), detail.mentions);
                speakers.passages.insert(id.clone(), detail.passages);
                speakers
                    .attributions
                    .insert(id.clone(), detail.attributions);
                roles
            }
            Analysed::Cached { roles, detail } => {
                let len = doc.char_len;
                people
                    .mentions
                    .insert_packed(id.clone(), detail.clone(), len, |b, n| {
                        per_document::decode_part(b, n, |d| d.mentions)
                    });
                speakers
                    .passages
                    .insert_packed(id.clone(), detail.clone(), len, |b, n| {
                        per_document::decode_part(b, n, |d| d.passages)
                    });
                speakers
                    .attributions
                    .insert_packed(id.clone(), detail, len, |b, n| {
                        per_document::decode_part(b, n, |d| d.attributions)
                    });
                roles
            }
        };
        if matches!(
            doc.meta.kind,
            Kind::RecordOfConversation | Kind::UserDocument
        ) {
            speakers
                .participants
                .insert(id.clone(), participants_from(&roles));
        }
        people.roles.insert(id, roles);
    }
    (people, speakers)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-document analysis finds what the corpus-wide indexes found before it.
    #[test]
    fn per_document_analysis_equals_the_corpus_wide_indexes() {
        let corpus = Corpus::embedded();
        let registry = Registry::embedded();
        let mut people = PeopleIndex::build(&registry, &corpus);
        let speakers = SpeakerIndex::build(&corpus, &people);
        people.add_roles(Role::Spoke, &speakers.speakers_by_document());
        let (people2, speakers2) = assemble(&corpus, analyse_all(&corpus, &registry));
        assert_eq!(people.mentions, people2.mentions);
        assert_eq!(people.roles, people2.roles);
        assert_eq!(speakers.attributions, speakers2.attributions);
        assert_eq!(speakers.passages, speakers2.passages);
        assert_eq!(speakers.participants, speakers2.participants);
    }
}
