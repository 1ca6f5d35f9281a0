//! The search language, one grammar for the whole app (the search box, the CLI, and later the
//! query builder):
//!
//! ```text
//! Escambray                      a word (whole words: "castro" finds "Castro’s", not "Castroism")
//! castr*  "Fidel Cast"*          a prefix (of a word, or of a phrase's last word)
//! Dorticos~  Dorticos~2          a fuzzy word (1 or 2 edits)
//! "cosmonaut of peace"           a phrase (stop words kept inside quotes)
//! Castro AND Kennedy             both (also: just "Castro Kennedy")
//! Castro OR Fidel                either
//! NOT Raul  -Raul                without
//! Castro NEAR/5 Kennedy          within 5 words of each other, in either order
//! ( … )                          grouping
//! date:1961-03..1961-06  date:1961  date:..1961-04-17   documents dated in that range
//! kind:record  part:bay-of-pigs-1961                     kind and collection (part)
//! person:"Fidel Castro"  present:Roa  spoke:Castro  mentioned:Dorticos  author:Khrushchev
//! doc:1961-04-13-kudryavtsev-castro                      one document, by id
//! ```
//!
//! Questions about your notes ([`super::notes`], the Questions view, `readingroom query`) also
//! take:
//!
//! ```text
//! tag:"CIA plots"      notes with this tag or one under it    tagonly:"CIA plots"  just this tag
//! note:Mongoose        words in the note itself (plain words look in the passage and the note)
//! by:Ana               notes written by Ana
//! counterpart:missing  passages with no counterpart in the other version of their document
//!                      (also changed, partly, same; see `compare::projection`)
//! ```
//!
//! In a question about notes, `spoke:`/`speaker:` asks who speaks *in the passage*, and
//! `mentioned:` who is named in it; the other fields ask about the passage's document.
//!
//! Words are folded like everything else ([`crate::text::fold`]): case, accents, curly quotes,
//! dashes and Cyrillic look-alikes (and ё/е) do not matter. No stemming ("talks" does not find
//! "talk"; write `talk*`). Unquoted stop words ("of", "the") are ignored when the query has other
//! words; inside quotes they count.

use crate::corpus::DocDate;
use time::Date;

/// Words ignored outside quotes when the query has other words.
pub const STOP_WORDS: [&str; 12] = [
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with",
];

/// Largest query accepted, in chars (a query is typed or pasted, never a document).
pub const MAX_QUERY_CHARS: usize = 2_000;
/// Deepest nesting of parentheses and NOTs accepted.
pub const MAX_DEPTH: usize = 32;

/// How a person must take part in a document for a person filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonRole {
    /// Any role (`person:`).
    Any,
    /// Present or recorder (`present:`).
    Present,
    /// Speaks in it (`spoke:` or `speaker:`).
    Spoke,
    /// Named in it (`mentioned:`).
    Mentioned,
    /// Wrote it (`author:`).
    Author,
}

/// One thing to look for in the text: folded words in a row (one word, or a phrase), the last
/// possibly a prefix or fuzzy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextTerm {
    /// Folded words, in order.
    pub words: Vec<String>,
    /// The last word is a prefix (`castr*`).
    pub prefix: bool,
    /// The (single) word may be this many edits away (`Dorticos~`).
    pub fuzzy: u8,
    /// Written in quotes (stop words count).
    pub quoted: bool,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Words in the text.
    Text(TextTerm),
    /// Two text terms within `n` words of each other.
    Near(TextTerm, TextTerm, u32),
    /// Every part matches.
    And(Vec<Expr>),
    /// Any part matches.
    Or(Vec<Expr>),
    /// The part does not match.
    Not(Box<Expr>),
    /// The document's date overlaps these days (inclusive; open ends allowed).
    Date(Option<Date>, Option<Date>),
    /// The document's kind, by slug ("record", "memoir").
    Kind(String),
    /// The document's part of the paper, by slug.
    Part(String),
    /// A person (as typed; resolved against the registry when the query runs) in a role.
    Person(String, PersonRole),
    /// One document, by id (`doc:`).
    Doc(String),
    /// A note's tag: with the tags under it (`tag:`, `true`) or just it (`tagonly:`).
    Tag(String, bool),
    /// Words in the note itself (`note:`), not in its passage.
    InNote(TextTerm),
    /// Who wrote the note (`by:`).
    By(String),
    /// How the note's passage fares in the other version of its document (`counterpart:`).
    Counterpart(crate::compare::Counterpart),
}

impl Expr {
    /// The first field in it that asks about notes (`tag:`, `tagonly:`, `note:`, `by:`), which
    /// a search of the documents alone cannot answer.
    pub fn note_field(&self) -> Option<&'static str> {
        match self {
            Expr::Tag(_, true) => Some("tag:"),
            Expr::Tag(_, false) => Some("tagonly:"),
            Expr::InNote(_) => Some("note:"),
            Expr::By(_) => Some("by:"),
            Expr::Counterpart(_) => Some("counterpart:"),
            Expr::And(v) | Expr::Or(v) => v.iter().find_map(Expr::note_field),
            Expr::Not(e) => e.note_field(),
            _ => None,
        }
    }
}

/// A query that could not be parsed: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("in the search at character {at}: {message}")]
pub struct QueryError {
    /// 1-based char position.
    pub at: usize,
    /// What was wrong and what was expected.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    /// A quoted phrase, and whether a `*` follows it (its last word a prefix).
    Quoted(String, bool),
    Open,
    Close,
    And,
    Or,
    Not,
    Near(u32),
}

fn lex(q: &str) -> Result<Vec<(usize, Tok)>, QueryError> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' || c == ')' {
            out.push((at, if c == '(' { Tok::Open } else { Tok::Close }));
            i += 1;
        } else if c == '"' || c == '“' || c == '”' {
            let start = i + 1;
            let Some(len) = chars[start..]
                .iter()
                .position(|c| matches!(c, '"' | '“' | '”'))
            else {
                return Err(QueryError {
                    at,
                    message: "this quote is never closed; expected a closing \"".into(),
                });
            };
            i = start + len + 1;
            let prefix = chars.get(i) == Some(&'*');
            if prefix {
                i += 1;
            }
            out.push((
                at,
                Tok::Quoted(chars[start..start + len].iter().collect(), prefix),
            ));
        } else if c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
            out.push((at, Tok::Not));
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '(' | ')') {
                // `field:"quoted value"` keeps its quotes in the word.
                if matches!(chars[i], '"' | '“' | '”') && i > start && chars[i - 1] == ':' {
                    let close = chars[i + 1..]
                        .iter()
                        .position(|c| matches!(c, '"' | '“' | '”'))
                        .ok_or(QueryError {
                            at: i + 1,
                            message: "this quote is never closed; expected a closing \"".into(),
                        })?;
                    i += close + 2;
                } else {
                    i += 1;
                }
            }
            let word: String = chars[start..i].iter().collect();
            let tok = match word.as_str() {
                "AND" | "&&" => Tok::And,
                "OR" | "||" => Tok::Or,
                "NOT" => Tok::Not,
                w if w.starts_with("NEAR") => {
                    match w.strip_prefix("NEAR/").map(str::parse::<u32>) {
                        None if w == "NEAR" => Tok::Near(10),
                        Some(Ok(n)) if n <= 1000 => Tok::Near(n),
                        _ => Tok::Word(word),
                    }
                }
                _ => Tok::Word(word),
            };
            out.push((start + 1, tok));
        }
    }
    Ok(out)
}

/// Folded words of a piece of text, as the index cuts them (runs of letters and digits).
pub fn folded_words(s: &str) -> Vec<String> {
    crate::text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(a, _)| *a)
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T, QueryError> {
        Err(QueryError {
            at: self.at(),
            message: message.into(),
        })
    }

    fn or(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let mut parts = vec![self.and(depth)?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            parts.push(self.and(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one")
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let mut parts = vec![self.near(depth)?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.pos += 1;
                    parts.push(self.near(depth)?);
                }
                Some(Tok::Or | Tok::Close) | None => break,
                Some(_) => parts.push(self.near(depth)?),
            }
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one")
        } else {
            Expr::And(parts)
        })
    }

    fn near(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let left = self.unary(depth)?;
        let Some(&Tok::Near(n)) = self.peek() else {
            return Ok(left);
        };
        let at = self.at();
        self.pos += 1;
        let right = self.unary(depth)?;
        match (left, right) {
            (Expr::Text(a), Expr::Text(b)) => Ok(Expr::Near(a, b, n)),
            _ => Err(QueryError {
                at,
                message: "NEAR joins two words or phrases, e.g. Castro NEAR/5 Kennedy".into(),
            }),
        }
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, QueryError> {
        if depth > MAX_DEPTH {
            return self.err(format!("nested more than {MAX_DEPTH} deep"));
        }
        match self.toks.get(self.pos).cloned() {
            Some((_, Tok::Not)) => {
                self.pos += 1;
                Ok(Expr::Not(Box::new(self.unary(depth + 1)?)))
            }
            Some((_, Tok::Open)) => {
                self.pos += 1;
                let e = self.or(depth + 1)?;
                if self.peek() != Some(&Tok::Close) {
                    return self.err("expected a closing parenthesis");
                }
                self.pos += 1;
                Ok(e)
            }
            Some((_, Tok::Quoted(s, prefix))) => {
                self.pos += 1;
                let words = folded_words(&s);
                if words.is_empty() {
                    return self.err("the quotes hold no words");
                }
                Ok(Expr::Text(TextTerm {
                    words,
                    prefix,
                    fuzzy: 0,
                    quoted: true,
                }))
            }
            Some((at, Tok::Word(w))) => {
                self.pos += 1;
                word(&w, at)
            }
            Some((_, Tok::Close)) => self.err("this parenthesis closes nothing"),
            Some(_) => self.err("expected a word, a \"phrase\" or a field such as date:1961"),
            None => self.err("the search ends too soon; expected a word"),
        }
    }
}

fn person_role(field: &str) -> Option<PersonRole> {
    Some(match field {
        "person" | "who" => PersonRole::Any,
        "present" => PersonRole::Present,
        "spoke" | "speaker" => PersonRole::Spoke,
        "mentioned" => PersonRole::Mentioned,
        "author" => PersonRole::Author,
        _ => return None,
    })
}

fn date_bound(s: &str, at: usize, first: bool) -> Result<Option<Date>, QueryError> {
    if s.is_empty() {
        return Ok(None);
    }
    let d = DocDate::parse(s).map_err(|e| QueryError {
        at,
        message: format!("{s:?} is not a date ({e}); expected e.g. date:1961-03..1961-06"),
    })?;
    Ok(if first { d.first_day() } else { d.last_day() })
}

fn word(w: &str, at: usize) -> Result<Expr, QueryError> {
    if let Some((field, value)) = w.split_once(':')
        && !field.is_empty()
        && field.chars().all(|c| c.is_ascii_lowercase())
    {
        let raw = value;
        let value = value.trim_matches(|c| matches!(c, '"' | '“' | '”'));
        let empty = || QueryError {
            at,
            message: format!("{field}: needs a value, e.g. {field}:…"),
        };
        if value.is_empty() {
            return Err(empty());
        }
        return match field {
            "date" => {
                let (from, to) = value.split_once("..").unwrap_or((value, value));
                Ok(Expr::Date(
                    date_bound(from, at, true)?,
                    date_bound(to, at, false)?,
                ))
            }
            "kind" => Ok(Expr::Kind(value.to_lowercase())),
            "part" | "collection" => Ok(Expr::Part(value.to_lowercase())),
            "doc" => Ok(Expr::Doc(value.to_string())),
            "tag" => Ok(Expr::Tag(value.to_string(), true)),
            "tagonly" => Ok(Expr::Tag(value.to_string(), false)),
            "by" => Ok(Expr::By(value.to_string())),
            "note" => note_words(raw, at),
            "counterpart" => crate::compare::Counterpart::parse(&value.to_lowercase())
                .map(Expr::Counterpart)
                .ok_or_else(|| QueryError {
                    at,
                    message: format!(
                        "counterpart:{value} is not a status; expected counterpart:missing, counterpart:changed, counterpart:partly or counterpart:same"
                    ),
                }),
            f => match person_role(f) {
                Some(role) => Ok(Expr::Person(value.to_string(), role)),
                None => Err(QueryError {
                    at,
                    message: format!(
                        "unknown field {field:?}; expected date:, kind:, part:, doc:, person:, present:, spoke:, mentioned:, author:, or for notes tag:, tagonly:, note:, by: or counterpart:"
                    ),
                }),
            },
        };
    }
    let (body, fuzzy) = match w.rsplit_once('~') {
        Some((b, "")) => (b, 1),
        Some((b, n)) if n == "1" || n == "2" => (b, n.parse().unwrap_or(1)),
        _ => (w, 0),
    };
    let (body, prefix) = match body.strip_suffix('*') {
        Some(b) => (b, true),
        None => (body, false),
    };
    let words = folded_words(body);
    if words.is_empty() {
        return Err(QueryError {
            at,
            message: format!("{w:?} has no letters or digits to look for"),
        });
    }
    Ok(Expr::Text(TextTerm {
        fuzzy: if words.len() == 1 { fuzzy } else { 0 },
        words,
        prefix,
        quoted: false,
    }))
}

/// `note:` words: a word (`note:Mongoose`, `note:castr*`, `note:Dortikos~`) or a phrase
/// (`note:"Operation Mongoose"`, `note:"Operation Mong"*`).
fn note_words(raw: &str, at: usize) -> Result<Expr, QueryError> {
    let is_quote = |c: char| matches!(c, '"' | '“' | '”');
    let term = if raw.starts_with(is_quote) {
        let inner = &raw[raw.chars().next().map_or(0, char::len_utf8)..];
        let (inner, prefix) = match inner.strip_suffix('*') {
            Some(i) => (i, true),
            None => (inner, false),
        };
        let inner = inner.trim_end_matches(is_quote);
        let words = folded_words(inner);
        if words.is_empty() {
            return Err(QueryError {
                at,
                message: "note: needs words to look for in the notes, e.g. note:Mongoose".into(),
            });
        }
        TextTerm {
            words,
            prefix,
            fuzzy: 0,
            quoted: true,
        }
    } else {
        match word(raw, at)? {
            Expr::Text(t) => t,
            _ => {
                return Err(QueryError {
                    at,
                    message: "note: needs words to look for in the notes, e.g. note:Mongoose"
                        .into(),
                });
            }
        }
    };
    Ok(Expr::InNote(term))
}

/// Drops lone unquoted stop words from a top-level AND when it has other words.
fn drop_stop_words(e: Expr) -> Expr {
    let Expr::And(parts) = e else { return e };
    let is_stop = |p: &Expr| {
        matches!(p, Expr::Text(t) if !t.quoted && t.words.len() == 1 && !t.prefix
            && t.fuzzy == 0 && STOP_WORDS.contains(&t.words[0].as_str()))
    };
    if parts.iter().all(is_stop) {
        return Expr::And(parts);
    }
    let mut kept: Vec<Expr> = parts.into_iter().filter(|p| !is_stop(p)).collect();
    if kept.len() == 1 {
        kept.pop().expect("one")
    } else {
        Expr::And(kept)
    }
}

/// Parses a query; an empty query is `Ok(None)`.
pub fn parse(q: &str) -> Result<Option<Expr>, QueryError> {
    let len = q.chars().count();
    if len > MAX_QUERY_CHARS {
        return Err(QueryError {
            at: MAX_QUERY_CHARS,
            message: format!("the search is {len} characters long; the limit is {MAX_QUERY_CHARS}"),
        });
    }
    let toks = lex(q)?;
    if toks.is_empty() {
        return Ok(None);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end: len + 1,
    };
    let e = p.or(0)?;
    if p.pos < p.toks.len() {
        return p.err("this parenthesis closes nothing");
    }
    Ok(Some(drop_stop_words(e)))
}

impl Expr {
    /// The text terms that must or may occur (not under NOT): what a hit highlights.
    pub fn positive_terms(&self) -> Vec<&TextTerm> {
        let mut out = Vec::new();
        fn walk<'a>(e: &'a Expr, out: &mut Vec<&'a TextTerm>) {
            match e {
                Expr::Text(t) => out.push(t),
                Expr::Near(a, b, _) => out.extend([a, b]),
                Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| walk(e, out)),
                _ => {}
            }
        }
        walk(self, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(words: &[&str]) -> Expr {
        Expr::Text(TextTerm {
            words: words.iter().map(|w| w.to_string()).collect(),
            prefix: false,
            fuzzy: 0,
            quoted: false,
        })
    }

    fn quoted(words: &[&str]) -> Expr {
        match t(words) {
            Expr::Text(t) => Expr::Text(TextTerm { quoted: true, ..t }),
            e => e,
        }
    }

    #[test]
    fn the_grammar() {
        assert_eq!(parse("  ").unwrap(), None);
        assert_eq!(parse("Castro’s").unwrap(), Some(t(&["castro", "s"])));
        assert_eq!(
            parse("Castro Kennedy").unwrap(),
            Some(Expr::And(vec![t(&["castro"]), t(&["kennedy"])]))
        );
        assert_eq!(
            parse("Castro OR Fidel -Raul").unwrap(),
            Some(Expr::Or(vec![
                t(&["castro"]),
                Expr::And(vec![t(&["fidel"]), Expr::Not(Box::new(t(&["raul"])))])
            ]))
        );
        assert_eq!(
            parse("\"cosmonaut of peace\"").unwrap(),
            Some(quoted(&["cosmonaut", "of", "peace"]))
        );
        assert_eq!(
            parse("cosmonaut of peace").unwrap(),
            Some(Expr::And(vec![t(&["cosmonaut"]), t(&["peace"])]))
        );
        assert_eq!(
            parse("of the").unwrap(),
            Some(Expr::And(vec![t(&["of"]), t(&["the"])]))
        );
        assert!(matches!(
            parse("castr*").unwrap(),
            Some(Expr::Text(TextTerm { prefix: true, .. }))
        ));
        assert!(matches!(
            parse("Dorticos~2").unwrap(),
            Some(Expr::Text(TextTerm { fuzzy: 2, .. }))
        ));
        assert!(matches!(
            parse("Castro NEAR/5 Kennedy").unwrap(),
            Some(Expr::Near(_, _, 5))
        ));
        assert_eq!(
            parse("person:\"Fidel Castro\"").unwrap(),
            Some(Expr::Person("Fidel Castro".into(), PersonRole::Any))
        );
        let Some(Expr::Date(Some(a), Some(b))) = parse("date:1961-03..1961-06").unwrap() else {
            panic!("a date range")
        };
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("1961-03-01".into(), "1961-06-30".into())
        );
        assert!(matches!(
            parse("date:..1961").unwrap(),
            Some(Expr::Date(None, Some(_)))
        ));
    }

    #[test]
    fn bad_queries_say_where_and_what_was_expected() {
        for (q, at, says) in [
            ("\"Castro", 1, "never closed"),
            ("(Castro", 8, "closing parenthesis"),
            ("Castro)", 7, "closes nothing"),
            ("date:1961-13", 1, "not a date"),
            ("colour:red", 1, "unknown field"),
            ("Castro NEAR/3 date:1961", 8, "NEAR joins"),
            ("NOT", 4, "ends too soon"),
        ] {
            let e = parse(q).unwrap_err();
            assert_eq!(e.at, at, "{q}: {e}");
            assert!(e.message.contains(says), "{q}: {e}");
        }
        assert!(parse(&"(".repeat(100)).is_err());
        assert!(parse(&"x ".repeat(5000)).is_err());
    }
}
