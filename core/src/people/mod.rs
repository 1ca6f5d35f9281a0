//! The people of the corpus: a registry (`corpus/people.ron`), mention finding with context
//! disambiguation, and each person's roles per document.

mod mentions;
mod roles;
pub mod yours;

pub use mentions::{Mention, MentionFinder};
pub use roles::{Role, RoleFilter, derive_roles};

use crate::corpus::{Corpus, CorpusError};
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One person as kept in `corpus/people.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Stable id, e.g. "fidel-castro".
    pub id: String,
    /// Canonical name, e.g. "Fidel Castro".
    pub name: String,
    /// One line: who they were in 1960-61.
    pub description: String,
    /// Every form under which the paper names them (initials, `Cde.`, capitals, spellings, typos).
    pub forms: Vec<String>,
    /// Forms shared with other people ("Raul", "Sanchez"), resolved from context.
    #[serde(default)]
    pub ambiguous_forms: Vec<String>,
}

/// The registry of people.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// People in file order.
    pub people: Vec<Person>,
}

impl Registry {
    /// The registry embedded in the binary.
    pub fn embedded() -> Registry {
        Registry::parse(
            Path::new("corpus/people.ron"),
            crate::corpus::load::EMBEDDED_PEOPLE,
        )
        .expect("the embedded registry is validated by the test suite")
    }

    /// Loads `people.ron` from a corpus directory.
    pub fn load_dir(dir: &Path) -> Result<Registry, CorpusError> {
        let file = dir.join("people.ron");
        let text = std::fs::read_to_string(&file).map_err(|e| CorpusError {
            file: file.clone(),
            line: None,
            column: None,
            field: None,
            message: format!("cannot read: {e}"),
        })?;
        Registry::parse(&file, &text)
    }

    /// Parses and validates registry text (unique ids, at least one form each).
    pub fn parse(file: &Path, text: &str) -> Result<Registry, CorpusError> {
        let people: Vec<Person> = crate::corpus::load::parse_ron(file, text)?;
        let mut ids = BTreeSet::new();
        for p in &people {
            let line = text
                .lines()
                .position(|l| l.contains(&format!("id: {:?}", p.id)))
                .map(|i| i + 1);
            let bad = |message: &str| CorpusError {
                file: file.to_path_buf(),
                line,
                column: None,
                field: Some(format!("person {:?}", p.id)),
                message: message.to_string(),
            };
            if !ids.insert(p.id.clone()) {
                return Err(bad("this id is used twice"));
            }
            if p.forms.is_empty() {
                return Err(bad("expected at least one form of the name"));
            }
        }
        Ok(Registry { people })
    }

    /// A person by id.
    pub fn get(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// A short name for tight places (the reader's speaker gutter): the surname, or initial and
    /// surname when another person shares it ("F. Castro", "R. Castro", "Kudryavtsev").
    pub fn short_name(&self, id: &str) -> String {
        let Some(p) = self.get(id) else {
            return id.to_string();
        };
        let surname = |name: &str| name.split_whitespace().last().unwrap_or(name).to_string();
        let last = surname(&p.name);
        let shared = self
            .people
            .iter()
            .any(|o| o.id != p.id && fold(&surname(&o.name)) == fold(&last));
        match p.name.chars().next() {
            Some(initial) if shared && p.name.contains(' ') => format!("{initial}. {last}"),
            _ => last,
        }
    }

    /// Resolves what a user typed (id, canonical name or any form; case, accents and
    /// punctuation ignored) to a person.
    pub fn resolve(&self, query: &str) -> Option<&Person> {
        let q = normalise_name(query);
        self.people
            .iter()
            .find(|p| p.id == query || normalise_name(&p.name) == q)
            .or_else(|| {
                self.people
                    .iter()
                    .find(|p| p.forms.iter().any(|f| normalise_name(f) == q))
            })
    }

    /// Names and forms that look like a query, best first (for "did you mean").
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<&Person> {
        let names: Vec<String> = self
            .people
            .iter()
            .map(|p| format!("{} {}", p.name, p.forms.join(" ")))
            .collect();
        crate::search::fuzzy::rank(query, &names, limit)
            .into_iter()
            .map(|(i, _)| &self.people[i])
            .collect()
    }
}

fn normalise_name(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Mentions and roles of every document, computed once for a corpus.
#[derive(Debug, Clone, Default)]
pub struct PeopleIndex {
    /// Mentions per document id, in text order.
    pub mentions: crate::analysis::PerDocument<Vec<Mention>>,
    /// Roles per document id, per person id.
    pub roles: BTreeMap<String, BTreeMap<String, BTreeSet<Role>>>,
}

impl PeopleIndex {
    /// Finds every mention and derives every role.
    pub fn build(registry: &Registry, corpus: &Corpus) -> PeopleIndex {
        let finder = MentionFinder::new(registry);
        let mut index = PeopleIndex::default();
        for doc in &corpus.documents {
            let mentions = finder.find(&doc.text);
            let roles = derive_roles(doc, &mentions, &finder);
            index.mentions.insert(doc.meta.id.clone(), mentions);
            index.roles.insert(doc.meta.id.clone(), roles);
        }
        index
    }

    /// Roles of a person in a document (empty when absent).
    pub fn roles_of(&self, doc: &str, person: &str) -> BTreeSet<Role> {
        self.roles
            .get(doc)
            .and_then(|r| r.get(person))
            .cloned()
            .unwrap_or_default()
    }

    /// Does the person take part in the document in the way the filter asks?
    pub fn matches(&self, doc: &str, person: &str, filter: RoleFilter) -> bool {
        self.roles_of(doc, person)
            .iter()
            .any(|r| filter.accepts(*r))
    }

    /// Gives each listed person a role in each listed document (the speakers, once attributed).
    pub fn add_roles(&mut self, role: Role, people_by_doc: &BTreeMap<String, BTreeSet<String>>) {
        for (doc, people) in people_by_doc {
            let roles = self.roles.entry(doc.clone()).or_default();
            for person in people {
                roles.entry(person.clone()).or_default().insert(role);
            }
        }
    }

    /// Number of documents each person appears in (any role).
    pub fn document_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for roles in self.roles.values() {
            for person in roles.keys() {
                *counts.entry(person.clone()).or_default() += 1;
            }
        }
        counts
    }
}
