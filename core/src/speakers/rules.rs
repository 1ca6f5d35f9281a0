//! Attribution of the sentences of a record of conversation to their speakers.
//!
//! For each sentence, left to right, the first reporting verb (outside quotation marks) whose
//! subject is a participant licenses a speaker: the subject before the verb ("Fidel Castro
//! further provided assurance", "Guevara and Raul Castro, who expressed"), after it when the verb
//! opens a clause ("…, stressed Fidel Castro,"), "I" for the recorder, "he" for the current
//! speaker. A sentence without one continues the current speaker, unless it is the recorder's
//! narration ("The conversation turned on …"), a heading or an editor's bracket.

use super::cues::{ADVERBS, NARRATION, PREPOSITIONS, RECORDER_ACTS, REPORTING_VERBS, TITLES};
use super::{Attribution, Basis, Evidence};
use crate::people::Mention;
use crate::text::sentences;
use std::collections::BTreeSet;

/// A word or punctuation mark of a sentence.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    /// The sentence lower-cased, for matching the cue tables (same char positions).
    lower: String,
    /// The text as written.
    raw: String,
    word: bool,
    /// Inside “quotation marks” (direct speech).
    quoted: bool,
}

/// What a record's attribution needs to know besides its text.
#[derive(Debug, Clone)]
pub struct RecordContext<'a> {
    /// Every mention of a person in the text, in order.
    pub mentions: &'a [Mention],
    /// Who "I" is: the recorder (or, failing that, the author).
    pub first_person: Option<&'a str>,
    /// People who took part; a reporting verb licenses only them ("Kennedy continued in the
    /// previous positions" is Castro speaking). Empty: anyone may speak.
    pub participants: &'a BTreeSet<String>,
}

/// Splits a sentence into tokens, tracking quotation marks from `quoted` (the state at its start).
fn tokenize(text: &str, base: usize, quoted: &mut bool) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Option<(usize, String)> = None;
    let flush = |word: &mut Option<(usize, String)>, out: &mut Vec<Token>, end: usize, q: bool| {
        if let Some((start, raw)) = word.take() {
            out.push(Token {
                start,
                end,
                lower: raw.to_lowercase(),
                raw,
                word: true,
                quoted: q,
            });
        }
    };
    for (i, c) in text.chars().enumerate() {
        let at = base + i;
        if c.is_alphanumeric() || (c == '’' || c == '\'') && word.is_some() {
            match &mut word {
                Some((_, s)) => s.push(c),
                None => word = Some((at, c.to_string())),
            }
            continue;
        }
        flush(&mut word, &mut out, at, *quoted);
        match c {
            '“' => *quoted = true,
            '”' => *quoted = false,
            '"' => *quoted = !*quoted,
            c if c.is_whitespace() => {}
            c => out.push(Token {
                start: at,
                end: at + 1,
                lower: c.to_string(),
                raw: c.to_string(),
                word: false,
                quoted: *quoted,
            }),
        }
    }
    flush(&mut word, &mut out, base + text.chars().count(), *quoted);
    out
}

/// A word table split into phrases once.
fn phrases(table: &'static [&'static str]) -> Vec<Vec<&'static str>> {
    table.iter().map(|e| e.split(' ').collect()).collect()
}

/// Reporting verbs, split into words.
fn reporting_verbs() -> &'static [Vec<&'static str>] {
    static TABLE: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| phrases(REPORTING_VERBS))
}

/// The recorder's acts, split into words.
fn recorder_acts() -> &'static [Vec<&'static str>] {
    static TABLE: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| phrases(RECORDER_ACTS))
}

/// Length in tokens of the phrase (one of `table`) that starts at token `i`.
fn phrase_at(tokens: &[Token], i: usize, table: &[Vec<&str>]) -> Option<usize> {
    if tokens.get(i).is_none_or(|t| !t.word || t.quoted) {
        return None;
    }
    table
        .iter()
        .filter(|words| words[0] == tokens[i].lower)
        .filter_map(|words| {
            let fits = words.iter().enumerate().all(|(k, w)| {
                tokens
                    .get(i + k)
                    .is_some_and(|t| t.word && !t.quoted && t.lower == *w)
            });
            fits.then_some(words.len())
        })
        .max()
}

fn is_bracket(t: &Token) -> bool {
    !t.word && matches!(t.lower.as_str(), "[" | "]")
}

/// A subject found next to a verb: who, where it starts and ends (chars), and how.
struct Subject {
    speakers: Vec<String>,
    start: usize,
    end: usize,
    basis: Basis,
}

struct Finder<'a> {
    tokens: &'a [Token],
    ctx: &'a RecordContext<'a>,
    current: Option<&'a [String]>,
}

impl Finder<'_> {
    /// The participant whose mention ends exactly at token `j` (and the index of its first token).
    fn mention_ending_at(&self, j: usize) -> Option<(String, usize)> {
        let end = self.tokens[j].end;
        let m = self.ctx.mentions.iter().find(|m| m.end == end)?;
        if !self.ctx.participants.is_empty() && !self.ctx.participants.contains(&m.person) {
            return None;
        }
        let first = (0..=j).rev().find(|&k| self.tokens[k].start <= m.start)?;
        Some((m.person.clone(), first))
    }

    /// The participant whose mention starts at token `j` (and the index after its last token).
    fn mention_starting_at(&self, j: usize) -> Option<(String, usize)> {
        let start = self.tokens[j].start;
        let m = self.ctx.mentions.iter().find(|m| m.start == start)?;
        if !self.ctx.participants.is_empty() && !self.ctx.participants.contains(&m.person) {
            return None;
        }
        let after = (j..self.tokens.len())
            .find(|&k| self.tokens[k].start >= m.end)
            .unwrap_or(self.tokens.len());
        Some((m.person.clone(), after))
    }

    /// Index before `j` once adverbs and brackets are skipped (going left).
    fn skip_left(&self, mut j: Option<usize>) -> Option<usize> {
        while let Some(k) = j {
            let t = &self.tokens[k];
            if is_bracket(t) || (t.word && ADVERBS.contains(&t.lower.as_str())) {
                j = k.checked_sub(1);
            } else {
                break;
            }
        }
        j
    }

    /// Extends a subject leftwards over "X and [President] Y" / "X, Y".
    fn joint_left(&self, mut speakers: Vec<String>, mut first: usize) -> (Vec<String>, usize) {
        let is_title = |k: usize| TITLES.contains(&self.tokens[k].lower.as_str());
        loop {
            // "President Dorticos": the title belongs to the subject's span.
            while first > 0 && is_title(first - 1) {
                first -= 1;
            }
            let Some(joiner) = first.checked_sub(1) else {
                break;
            };
            if !matches!(self.tokens[joiner].lower.as_str(), "and" | ",") {
                break;
            }
            let Some(j) = joiner.checked_sub(1) else {
                break;
            };
            match self.mention_ending_at(j) {
                Some((p, f)) => {
                    if !speakers.contains(&p) {
                        speakers.insert(0, p);
                    }
                    first = f;
                }
                None => break,
            }
        }
        (speakers, first)
    }

    /// The subject standing before the verb at token `v`.
    fn subject_before(&self, v: usize) -> Option<Subject> {
        let mut j = self.skip_left(v.checked_sub(1))?;
        let t = &self.tokens[j];
        if t.raw == "I" {
            let who = self.ctx.first_person?;
            return Some(Subject {
                speakers: vec![who.to_string()],
                start: t.start,
                end: t.end,
                basis: Basis::FirstPerson,
            });
        }
        if matches!(t.lower.as_str(), "he" | "she") {
            let current = self.current?;
            return Some(Subject {
                speakers: current.to_vec(),
                start: t.start,
                end: t.end,
                basis: Basis::Pronoun,
            });
        }
        // "Guevara and Raul Castro, who expressed" / "President Dorticos, who took part in the
        // conversation, also expressed himself".
        if t.lower == "who" || t.lower == "," {
            let who = (j.saturating_sub(20)..=j)
                .rev()
                .find(|&k| self.tokens[k].lower == "who" && k >= 2)?;
            if self.tokens[who - 1].lower != "," {
                return None;
            }
            j = who - 2;
        }
        // "Fidel Castro was very moved by these congratulations and asked …": a coordinated
        // verb shares the subject that opens the sentence.
        if t.lower == "and" && self.mention_ending_at(j.checked_sub(1)?).is_none() {
            let mut k = 0;
            while k < j && TITLES.contains(&self.tokens[k].lower.as_str()) {
                k += 1;
            }
            let (person, after) = self.mention_starting_at(k)?;
            return Some(Subject {
                speakers: vec![person],
                start: self.tokens[0].start,
                end: self.tokens[after - 1].end,
                basis: Basis::Reported,
            });
        }
        let (person, first) = self.mention_ending_at(j)?;
        let (speakers, first) = self.joint_left(vec![person], first);
        // "The rest of the conversation with Fidel Castro and Dorticos touched on …": the
        // object of a preposition is not the subject.
        if first > 0 && PREPOSITIONS.contains(&self.tokens[first - 1].lower.as_str()) {
            return None;
        }
        Some(Subject {
            speakers,
            start: self.tokens[first].start,
            end: self.tokens[j].end,
            basis: Basis::Reported,
        })
    }

    /// The subject after a verb that opens a clause ("…, stressed Fidel Castro, …").
    fn subject_after(&self, v: usize, verb_len: usize) -> Option<Subject> {
        let opens_clause = v == 0 || self.tokens[v - 1].lower == ",";
        if !opens_clause {
            return None;
        }
        let mut j = v + verb_len;
        while j < self.tokens.len()
            && (is_bracket(&self.tokens[j])
                || (self.tokens[j].word && ADVERBS.contains(&self.tokens[j].lower.as_str())))
        {
            j += 1;
        }
        if j >= self.tokens.len() {
            return None;
        }
        let (person, mut after) = self.mention_starting_at(j)?;
        let mut speakers = vec![person];
        while after + 1 < self.tokens.len() && self.tokens[after].lower == "and" {
            match self.mention_starting_at(after + 1) {
                Some((p, a)) => {
                    if !speakers.contains(&p) {
                        speakers.push(p);
                    }
                    after = a;
                }
                None => break,
            }
        }
        Some(Subject {
            speakers,
            start: self.tokens[v].start,
            end: self.tokens[after - 1].end,
            basis: Basis::Reported,
        })
    }

    /// The leftmost licensed speaker of the sentence, with the span of its evidence.
    fn find(&self) -> Option<Subject> {
        for v in 0..self.tokens.len() {
            let t = &self.tokens[v];
            if !t.word || t.quoted {
                continue;
            }
            if let Some(len) = phrase_at(self.tokens, v, reporting_verbs()) {
                let verb_end = self.tokens[v + len - 1].end;
                if let Some(mut s) = self.subject_before(v) {
                    s.end = verb_end;
                    return Some(s);
                }
                if let Some(s) = self.subject_after(v, len) {
                    return Some(s);
                }
            } else if let Some(len) = phrase_at(self.tokens, v, recorder_acts()) {
                // "I visited Raul Roa": only the recorder's acts, never "Castro met".
                if let Some(s) = self.subject_before(v)
                    && s.basis == Basis::FirstPerson
                {
                    return Some(Subject {
                        end: self.tokens[v + len - 1].end,
                        ..s
                    });
                }
            }
        }
        None
    }
}

/// Is this sentence a heading line, a signature or the like (no sentence punctuation)?
fn is_heading_line(text: &str) -> bool {
    let t = text.trim_end();
    !t.ends_with(['.', '?', '!', '”', '"', '…', ':', ';'])
}

/// Is this sentence only an editor's bracket or an omission mark ("<…>", "[the rest …--trans.]")?
fn is_editorial(text: &str) -> bool {
    let mut depth = 0i32;
    let mut letters = 0;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if c.is_alphabetic() && depth == 0 => letters += 1,
            _ => {}
        }
    }
    letters == 0
}

/// Is this a sentence of prose (not a heading line)? The body of a record starts at the first.
fn is_prose(text: &str) -> bool {
    !is_heading_line(text) && text.split_whitespace().count() >= 5
}

/// Attributes every sentence of a record of conversation.
pub fn attribute_record(text: &str, ctx: &RecordContext<'_>) -> Vec<Attribution> {
    let mut out = Vec::new();
    let mut current: Option<(Vec<String>, Evidence)> = None;
    let mut quoted = false;
    let mut body_started = false;
    let chars: Vec<char> = text.chars().collect();
    let mut last_paragraph_end = 0;
    for s in sentences(text) {
        // Quotation marks never run over a paragraph break.
        if chars[last_paragraph_end.min(chars.len())..s.start].contains(&'\n') {
            quoted = false;
        }
        last_paragraph_end = s.end;
        let tokens = tokenize(&s.text, s.start, &mut quoted);
        body_started = body_started || is_prose(&s.text);
        let attribution = |speakers: Vec<String>, basis, evidence| Attribution {
            start: s.start,
            end: s.end,
            speakers,
            basis,
            evidence,
        };
        if !body_started || is_heading_line(&s.text) {
            current = None;
            out.push(attribution(Vec::new(), Basis::Heading, None));
            continue;
        }
        if is_editorial(&s.text) {
            current = None;
            out.push(attribution(Vec::new(), Basis::Editorial, None));
            continue;
        }
        let from = ctx.mentions.partition_point(|m| m.end <= s.start);
        let to = ctx.mentions.partition_point(|m| m.start < s.end);
        let local = RecordContext {
            mentions: &ctx.mentions[from..to.max(from)],
            ..ctx.clone()
        };
        let finder = Finder {
            tokens: &tokens,
            ctx: &local,
            current: current.as_ref().map(|(p, _)| p.as_slice()),
        };
        if let Some(subject) = finder.find() {
            let evidence = Evidence {
                start: subject.start,
                end: subject.end,
                text: chars[subject.start..subject.end].iter().collect(),
            };
            current = Some((subject.speakers.clone(), evidence.clone()));
            out.push(attribution(subject.speakers, subject.basis, Some(evidence)));
            continue;
        }
        let lower = s.text.to_lowercase();
        if NARRATION.iter().any(|cue| lower.contains(cue)) {
            current = None;
            out.push(attribution(Vec::new(), Basis::Narration, None));
            continue;
        }
        match &current {
            Some((speakers, evidence)) => out.push(attribution(
                speakers.clone(),
                Basis::Continued,
                Some(evidence.clone()),
            )),
            None => out.push(attribution(Vec::new(), Basis::Unattributed, None)),
        }
    }
    out
}

/// Attributes every sentence of a text with one voice (a memoir, testimony, the editor's
/// commentary) to that voice; heading lines and editor's brackets stay unattributed.
pub fn attribute_single_voice(text: &str, voice: Option<&str>, basis: Basis) -> Vec<Attribution> {
    sentences(text)
        .into_iter()
        .map(|s| {
            let (speakers, basis) = match voice {
                _ if is_heading_line(&s.text) && s.text.split_whitespace().count() < 12 => {
                    (Vec::new(), Basis::Heading)
                }
                _ if is_editorial(&s.text) => (Vec::new(), Basis::Editorial),
                Some(v) => (vec![v.to_string()], basis),
                None => (Vec::new(), Basis::Unattributed),
            };
            Attribution {
                start: s.start,
                end: s.end,
                speakers,
                basis,
                evidence: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{MentionFinder, Person, Registry};

    fn registry() -> Registry {
        let p = |id: &str, forms: &[&str]| Person {
            id: id.into(),
            name: id.into(),
            description: String::new(),
            forms: forms.iter().map(|s| s.to_string()).collect(),
            ambiguous_forms: Vec::new(),
        };
        Registry {
            people: vec![
                p("castro", &["Fidel Castro", "F. Castro"]),
                p("dorticos", &["Dorticos"]),
                p("roa", &["Raul Roa", "R. Roa", "Roa"]),
                p("kennedy", &["Kennedy"]),
                p("kudryavtsev", &["Kudryavtsev"]),
            ],
        }
    }

    /// (speakers, basis, evidence) per sentence.
    fn run(text: &str) -> Vec<(Vec<String>, Basis, Option<String>)> {
        let mentions = MentionFinder::new(&registry()).find(text);
        let participants: BTreeSet<String> = ["castro", "dorticos", "roa", "kudryavtsev"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let ctx = RecordContext {
            mentions: &mentions,
            first_person: Some("kudryavtsev"),
            participants: &participants,
        };
        attribute_record(text, &ctx)
            .into_iter()
            .map(|a| (a.speakers, a.basis, a.evidence.map(|e| e.text)))
            .collect()
    }

    fn who(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn verb_before_or_after_and_carry_over() {
        let r = run(
            "Fidel Castro said, we are absolutely convinced of it. The threat is real. \
             These hopes, Fidel Castro noted ironically, will remain dreams. \
             The liquidation, continued Fidel Castro, is being protracted.",
        );
        assert_eq!(r[0].0, who(&["castro"]));
        assert_eq!(r[0].2.as_deref(), Some("Fidel Castro said"));
        assert_eq!(r[1].1, Basis::Continued);
        assert_eq!(r[1].2.as_deref(), Some("Fidel Castro said"));
        assert_eq!(r[2].2.as_deref(), Some("Fidel Castro noted"));
        assert_eq!(r[3].2.as_deref(), Some("continued Fidel Castro"));
    }

    #[test]
    fn first_person_is_the_recorder_and_joint_speakers_are_kept() {
        let r = run(
            "I invited Fidel Castro and President Dorticos to breakfast at my residence. \
             Fidel Castro and President Dorticos asked that their gratitude be passed on. \
             Roa and Fidel Castro, who expressed the same views, also took part in the talk.",
        );
        assert_eq!(
            (r[0].0.clone(), r[0].1),
            (who(&["kudryavtsev"]), Basis::FirstPerson)
        );
        assert_eq!(r[1].0, who(&["castro", "dorticos"]));
        assert_eq!(
            r[1].2.as_deref(),
            Some("Fidel Castro and President Dorticos asked")
        );
        assert_eq!(r[2].0, who(&["roa", "castro"]));
    }

    #[test]
    fn quotes_non_participants_and_narration_do_not_license_a_speaker() {
        let r = run(
            "“You,” Fidel Castro continued, “made a good move by coming here. \
             I read your statement.” Of course, Kennedy continued in the previous positions on Cuba. \
             The conversation turned on the economic situation of the country. \
             He is right about all of this, of course. \
             The rest of the conversation with Fidel Castro and Dorticos touched on other questions. \
             Fidel Castro was very moved by these congratulations and asked that they be returned.",
        );
        assert_eq!(r[0].0, who(&["castro"]));
        // "I" inside the quotation is Castro's, not the recorder's.
        assert_eq!(
            (r[1].0.clone(), r[1].1),
            (who(&["castro"]), Basis::Continued)
        );
        assert_eq!(
            (r[2].0.clone(), r[2].1),
            (who(&["castro"]), Basis::Continued)
        );
        assert_eq!((r[3].0.clone(), r[3].1), (Vec::new(), Basis::Narration));
        assert_eq!((r[4].0.clone(), r[4].1), (Vec::new(), Basis::Unattributed));
        assert_eq!((r[5].0.clone(), r[5].1), (Vec::new(), Basis::Narration));
        assert_eq!(
            (r[6].0.clone(), r[6].1),
            (who(&["castro"]), Basis::Reported)
        );
    }

    #[test]
    fn pronouns_follow_the_current_speaker_and_headings_stay_unattributed() {
        let r = run(
            "RECORD OF A CONVERSATION\n\nwith Raul Roa\n\nR. Roa said in reply that the information was useful. \
             He said, we can show mercy on one condition only.\n\n(S. KUDRYAVTSEV)",
        );
        assert_eq!(r[0].1, Basis::Heading);
        assert_eq!(r[1].1, Basis::Heading);
        assert_eq!(r[2].0, who(&["roa"]));
        assert_eq!((r[3].0.clone(), r[3].1), (who(&["roa"]), Basis::Pronoun));
        assert_eq!(r[4].1, Basis::Heading);
    }
}
