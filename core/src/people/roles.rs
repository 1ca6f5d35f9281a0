//! Roles of people in a document: author, recorder and addressee from the metadata; present from
//! the record's own words (its "with ..." heading, "Present at the conversation were",
//! "was present", lunch guests, "took part", "I met with", ...) and from the editor's title;
//! mentioned wherever the text names them.

use super::{Mention, MentionFinder};
use crate::corpus::{Document, Kind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A person's part in a document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Wrote it (memoir author, the ambassador whose journal it is, the editor).
    Author,
    /// Recorded the conversation.
    Recorder,
    /// It was addressed to them.
    Addressee,
    /// Took part in the conversation or was in the room.
    Present,
    /// Named in the text.
    Mentioned,
    /// Speaks in the text (see `speakers`): named as saying something, or its author.
    Spoke,
}

impl Role {
    /// Lowercase name used in JSON and on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Recorder => "recorder",
            Role::Addressee => "addressee",
            Role::Present => "present",
            Role::Mentioned => "mentioned",
            Role::Spoke => "spoke",
        }
    }
}

/// Which roles a participant filter accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub enum RoleFilter {
    /// Took part: present or recorder.
    Present,
    /// Named in the text.
    Mentioned,
    /// Said something in it (the speaker of at least one passage).
    Spoke,
    /// Any role at all.
    #[default]
    Any,
}

impl RoleFilter {
    /// Does this filter accept the role?
    pub fn accepts(self, role: Role) -> bool {
        match self {
            RoleFilter::Present => matches!(role, Role::Present | Role::Recorder),
            RoleFilter::Mentioned => role == Role::Mentioned,
            RoleFilter::Spoke => role == Role::Spoke,
            RoleFilter::Any => true,
        }
    }

    /// Parses "present", "mentioned", "spoke", "any" (or "either").
    pub fn parse(s: &str) -> Option<RoleFilter> {
        match s {
            "present" => Some(RoleFilter::Present),
            "mentioned" => Some(RoleFilter::Mentioned),
            "spoke" => Some(RoleFilter::Spoke),
            "any" | "either" => Some(RoleFilter::Any),
            _ => None,
        }
    }
}

/// Phrases whose sentence names people who were there.
const PRESENCE_CUES: [&str; 12] = [
    "present at the conversation",
    "was present",
    "were present",
    "were at the lunch",
    "took part in the discussion",
    "took part in the conversation",
    "also took part",
    "came to my apartment",
    "i met with",
    "i met today with",
    "i visited",
    "i invited",
];

/// Sentence-ish spans (char ranges) of a text: split after . ? ! followed by a space and a
/// capital, or at paragraph breaks. Good enough to scope a presence cue.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let end_here = (matches!(chars[i], '.' | '?' | '!')
            && chars.get(i + 1) == Some(&' ')
            && chars.get(i + 2).is_some_and(|c| c.is_uppercase())
            && !is_abbreviation(&chars[start..i]))
            || (chars[i] == '\n');
        if end_here {
            out.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
}

/// Does the text before a period end with an initial ("N", "A.I") or a title ("Cde", "Mr")?
fn is_abbreviation(before: &[char]) -> bool {
    let word: String = before
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let last = word.rsplit('.').next().unwrap_or("");
    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    initial
        || [
            "Cde", "Mr", "Mrs", "Dr", "Prof", "St", "vol", "pp", "ed", "Gen",
        ]
        .contains(&last)
}

/// Derives every person's roles in one document.
pub fn derive_roles(
    doc: &Document,
    mentions: &[Mention],
    finder: &MentionFinder,
) -> BTreeMap<String, BTreeSet<Role>> {
    let mut roles: BTreeMap<String, BTreeSet<Role>> = BTreeMap::new();
    let mut add = |person: &str, role: Role| {
        roles.entry(person.to_string()).or_default().insert(role);
    };
    let meta = &doc.meta;
    // An id (the paper's catalog), or a name as the researcher typed it for their document.
    let person = |p: &String| finder.resolve(p).unwrap_or_else(|| p.clone());
    if let Some(a) = &meta.author {
        add(&person(a), Role::Author);
    }
    if let Some(r) = &meta.recorder {
        add(&person(r), Role::Recorder);
    }
    if let Some(a) = &meta.addressee {
        add(&person(a), Role::Addressee);
    }
    for m in mentions {
        add(&m.person, Role::Mentioned);
    }
    // People the researcher listed as present in their own document.
    for p in &meta.present {
        if let Some(id) = finder.resolve(p) {
            add(&id, Role::Present);
        }
    }
    if meta.kind != Kind::RecordOfConversation {
        return roles;
    }
    // The editor's title: "Record of (a) Conversation with/between ...".
    if let Some(heading) = &doc.heading {
        let lower = heading.to_lowercase();
        if let Some(pos) = lower.find("conversation") {
            let end = lower.find("[source").unwrap_or(lower.len());
            let head_chars: Vec<char> = heading.chars().collect();
            let from = lower[..pos].chars().count();
            let to = lower[..end].chars().count();
            let title: String = head_chars[from..to].iter().collect();
            for m in finder.find(&title) {
                add(&m.person, Role::Present);
            }
        }
    }
    let chars: Vec<char> = doc.text.chars().collect();
    let in_span = |m: &Mention, (s, e): (usize, usize)| m.start >= s && m.end <= e;
    // The record's own heading block: paragraphs "with ..." before the first long paragraph.
    for (s, e) in doc.paragraphs() {
        let para: String = chars[s..e].iter().collect();
        if para.chars().count() > 120 {
            break;
        }
        if para.starts_with("with ") {
            for m in mentions.iter().filter(|m| in_span(m, (s, e))) {
                add(&m.person, Role::Present);
            }
        }
    }
    for (s, e) in sentences(&doc.text) {
        let sentence: String = chars[s..e].iter().collect::<String>().to_lowercase();
        for cue in PRESENCE_CUES {
            // Whole words only: "were presented by N. S. Khrushchev" is not "were present".
            let Some(byte) = sentence
                .match_indices(cue)
                .map(|(b, _)| b)
                .find(|&b| !sentence[b + cue.len()..].starts_with(|c: char| c.is_alphabetic()))
            else {
                continue;
            };
            // Lists ("Present at the conversation were: …", lunch guests, "took part") name
            // people all over their sentence; a visit ("I met with X and informed him that
            // N. S. Khrushchev …") names its guests right around the cue.
            let window = if ACTION_CUES.contains(&cue) {
                let at = s + sentence[..byte].chars().count();
                // The guests end where what was said to them begins ("… and informed him that").
                let rest = &sentence[byte + cue.len()..];
                let clause = [" that ", " informed ", " about ", " of the "]
                    .iter()
                    .filter_map(|w| rest.find(w))
                    .min()
                    .map_or(CUE_AFTER, |b| rest[..b].chars().count().min(CUE_AFTER));
                (
                    at.saturating_sub(CUE_BEFORE),
                    at + cue.chars().count() + clause,
                )
            } else {
                (s, e)
            };
            for m in mentions
                .iter()
                .filter(|m| in_span(m, (s, e)) && m.start >= window.0 && m.start <= window.1)
            {
                add(&m.person, Role::Present);
            }
        }
    }
    roles
}

/// Cues of a visit or meeting, whose guests are named next to them.
const ACTION_CUES: [&str; 5] = [
    "came to my apartment",
    "i met with",
    "i met today with",
    "i visited",
    "i invited",
];
/// Chars before an action cue where its people may stand ("Fidel Castro came to my apartment").
const CUE_BEFORE: usize = 30;
/// Chars after an action cue where its people may stand ("I invited Fidel Castro and President
/// Dorticos", "… came to my apartment on the evening of 25 February with [Antonio] Nunez").
const CUE_AFTER: usize = 60;
