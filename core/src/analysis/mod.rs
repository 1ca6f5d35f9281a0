//! What is derived from each document — the people it names, their roles, the speaker of every
//! sentence — computed once per document and kept in a cache in the data directory
//! ([`cache`]), so that opening an archive again does no work that was done last time.
//!
//! A document's analysis depends on its text and metadata, on the people registry and on
//! [`ANALYSIS_VERSION`]; nothing else. Documents are analysed independently, on all cores.

pub mod cache;

use crate::corpus::{Corpus, Document, Kind};
use crate::people::{Mention, MentionFinder, PeopleIndex, Registry, Role, derive_roles};
use crate::speakers::{Attribution, Passage, SpeakerIndex, attribute_with, participants_from};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Bump when mention finding, role derivation or speaker attribution changes what it finds:
/// every cached analysis made by another version is then recomputed.
pub const ANALYSIS_VERSION: u32 = 2;

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

/// Puts per-document analyses (in corpus order) together into the indexes the views read.
pub fn assemble(corpus: &Corpus, analyses: Vec<DocumentAnalysis>) -> (PeopleIndex, SpeakerIndex) {
    let mut people = PeopleIndex::default();
    let mut speakers = SpeakerIndex::default();
    for (doc, a) in corpus.documents.iter().zip(analyses) {
        let id = doc.id().to_string();
        if matches!(
            doc.meta.kind,
            Kind::RecordOfConversation | Kind::UserDocument
        ) {
            speakers
                .participants
                .insert(id.clone(), participants_from(&a.roles));
        }
        people.mentions.insert(id.clone(), a.mentions);
        people.roles.insert(id.clone(), a.roles);
        speakers.passages.insert(id.clone(), a.passages);
        speakers.attributions.insert(id, a.attributions);
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
