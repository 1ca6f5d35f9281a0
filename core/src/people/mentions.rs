//! Finding mentions of people in a text: longest form first, whole words, brackets transparent
//! ("[Antonio] Núñez Jimenez"), capitals and accents tolerated, shared forms resolved from
//! context (the nearest unambiguous mention of one of the candidates).

use super::Registry;
use crate::text::strip_diacritics;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A mention of a person: char offsets into the document text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Who is named (an id of the registry, `corpus/people.ron`).
    pub person: String,
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// True when the form was shared and the person was chosen from context.
    pub resolved_from_context: bool,
}

#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    /// Accents removed, case kept.
    norm: String,
    word: bool,
    all_caps: bool,
    lowercase_initial: bool,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let flush = |current: &mut Option<(usize, String)>, tokens: &mut Vec<Token>, end: usize| {
        if let Some((start, raw)) = current.take() {
            let norm = strip_diacritics(&raw);
            let letters: Vec<char> = norm.chars().filter(|c| c.is_alphabetic()).collect();
            tokens.push(Token {
                start,
                end,
                all_caps: letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()),
                lowercase_initial: letters.first().is_some_and(|c| c.is_lowercase()),
                norm,
                word: true,
            });
        }
    };
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            match &mut current {
                Some((_, s)) => s.push(c),
                None => current = Some((i, c.to_string())),
            }
        } else {
            flush(&mut current, &mut tokens, i);
            if !c.is_whitespace() {
                tokens.push(Token {
                    start: i,
                    end: i + 1,
                    norm: c.to_string(),
                    word: false,
                    all_caps: false,
                    lowercase_initial: false,
                });
            }
        }
    }
    let len = text.chars().count();
    flush(&mut current, &mut tokens, len);
    tokens
}

#[derive(Debug, Clone)]
struct Form {
    tokens: Vec<String>,
    person: usize,
    ambiguous: bool,
}

/// Finds mentions of the registry's people in texts.
#[derive(Debug, Clone)]
pub struct MentionFinder {
    ids: Vec<String>,
    by_first: HashMap<String, Vec<Form>>,
}

fn is_bracket(t: &Token) -> bool {
    !t.word && (t.norm == "[" || t.norm == "]")
}

fn token_matches(text: &Token, form: &str) -> bool {
    text.norm == form || (text.all_caps && text.norm == form.to_uppercase())
}

impl MentionFinder {
    /// Prepares the forms of every person.
    pub fn new(registry: &Registry) -> MentionFinder {
        let mut by_first: HashMap<String, Vec<Form>> = HashMap::new();
        for (p, person) in registry.people.iter().enumerate() {
            let forms = person
                .forms
                .iter()
                .map(|f| (f, false))
                .chain(person.ambiguous_forms.iter().map(|f| (f, true)));
            for (form, ambiguous) in forms {
                let tokens: Vec<String> = tokenize(form).into_iter().map(|t| t.norm).collect();
                let Some(first) = tokens.first() else {
                    continue;
                };
                let key = first.to_uppercase();
                by_first.entry(key).or_default().push(Form {
                    tokens,
                    person: p,
                    ambiguous,
                });
            }
        }
        for forms in by_first.values_mut() {
            forms.sort_by_key(|f| std::cmp::Reverse(f.tokens.len()));
        }
        MentionFinder {
            ids: registry.people.iter().map(|p| p.id.clone()).collect(),
            by_first,
        }
    }

    /// Length in tokens of the form matched at `i`, if any.
    fn match_at(tokens: &[Token], i: usize, form: &Form) -> Option<usize> {
        let mut j = i;
        for (k, f) in form.tokens.iter().enumerate() {
            if k > 0 {
                while j < tokens.len() && is_bracket(&tokens[j]) {
                    j += 1;
                }
            }
            if j >= tokens.len() || !token_matches(&tokens[j], f) {
                return None;
            }
            j += 1;
        }
        Some(j - i)
    }

    /// Every mention in the text, in order, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let tokens = tokenize(text);
        let mut found: Vec<(usize, usize, Vec<usize>, bool)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            // "anti-Castro", "pro-Moscow": an adjective, not a mention.
            let after_prefix = i >= 2
                && tokens[i - 1].norm == "-"
                && tokens[i - 1].end == t.start
                && tokens[i - 2].word
                && tokens[i - 2].end == tokens[i - 1].start
                && tokens[i - 2].lowercase_initial;
            let candidates = if t.word && !after_prefix {
                self.by_first.get(&t.norm.to_uppercase())
            } else {
                None
            };
            let mut best: Option<(usize, Vec<usize>, bool)> = None;
            for form in candidates.into_iter().flatten() {
                if let Some(len) = Self::match_at(&tokens, i, form) {
                    match &mut best {
                        Some((l, people, amb)) if *l == len => {
                            if !people.contains(&form.person) {
                                people.push(form.person);
                            }
                            *amb = *amb || form.ambiguous;
                        }
                        Some((l, _, _)) if *l > len => {}
                        _ => best = Some((len, vec![form.person], form.ambiguous)),
                    }
                }
            }
            if let Some((len, people, ambiguous)) = best {
                found.push((i, i + len - 1, people, ambiguous));
                i += len;
            } else {
                i += 1;
            }
        }
        // Resolve shared forms from the nearest unambiguous mention of a candidate.
        let unambiguous: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| f.2.len() == 1 && !f.3)
            .map(|f| (tokens[f.0].start, f.2[0]))
            .collect();
        found
            .iter()
            .map(|(first, last, people, ambiguous)| {
                let start = tokens[*first].start;
                let shared = people.len() > 1 || *ambiguous;
                let person = if shared {
                    let before = unambiguous
                        .iter()
                        .rev()
                        .find(|(pos, p)| *pos < start && people.contains(p));
                    let after = unambiguous
                        .iter()
                        .find(|(pos, p)| *pos > start && people.contains(p));
                    before.or(after).map(|(_, p)| *p).unwrap_or(people[0])
                } else {
                    people[0]
                };
                Mention {
                    person: self.ids[person].clone(),
                    start,
                    end: tokens[*last].end,
                    resolved_from_context: shared,
                }
            })
            .collect()
    }

    /// The person a typed name or id stands for (the first mention found in it).
    pub fn resolve(&self, name: &str) -> Option<String> {
        if self.ids.iter().any(|i| i == name) {
            return Some(name.to_string());
        }
        self.find(name).first().map(|m| m.person.clone())
    }

    /// Person ids in registry order.
    pub fn person_ids(&self) -> &[String] {
        &self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::Person;

    fn registry() -> Registry {
        let p = |id: &str, forms: &[&str], amb: &[&str]| Person {
            id: id.into(),
            name: id.into(),
            description: String::new(),
            forms: forms.iter().map(|s| s.to_string()).collect(),
            ambiguous_forms: amb.iter().map(|s| s.to_string()).collect(),
        };
        Registry {
            people: vec![
                p(
                    "fidel",
                    &["Fidel Castro", "F. Castro", "Castro", "Fidel Castro Ruz"],
                    &[],
                ),
                p("raul-castro", &["Raul Castro"], &["Raul"]),
                p("roa", &["Raul Roa", "Roa"], &["Raul"]),
                p("nunez", &["Antonio Núñez Jiménez", "Núñez Jiménez"], &[]),
            ],
        }
    }

    fn spans(text: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        MentionFinder::new(&registry())
            .find(text)
            .into_iter()
            .map(|m| (m.person, chars[m.start..m.end].iter().collect()))
            .collect()
    }

    #[test]
    fn longest_form_wins_and_capitals_match() {
        assert_eq!(
            spans("Fidel CASTRO RUZ met Raul Castro; Castro’s anti-Castro foes."),
            vec![
                ("fidel".into(), "Fidel CASTRO RUZ".into()),
                ("raul-castro".into(), "Raul Castro".into()),
                ("fidel".into(), "Castro".into()),
            ]
        );
    }

    #[test]
    fn brackets_and_accents_are_transparent() {
        assert_eq!(
            spans("with [Antonio] Nunez Jimenez."),
            vec![("nunez".into(), "Antonio] Nunez Jimenez".into())]
        );
    }

    #[test]
    fn shared_forms_follow_context() {
        let s = spans("Raul Roa spoke. Then Raul left.");
        assert_eq!(s[1], ("roa".into(), "Raul".into()));
        let s = spans("Raul Castro spoke. Then Raul left.");
        assert_eq!(s[1], ("raul-castro".into(), "Raul".into()));
    }
}
