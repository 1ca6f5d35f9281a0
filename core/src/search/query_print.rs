//! A parsed query written back as text in the query language: what the query builder shows,
//! what a saved question keeps. Parsing the printed text gives the same query (a property test
//! checks it).

use super::query::{Expr, PersonRole, TextTerm};
use std::fmt::{self, Display, Write};

/// A field's value: bare when it reads back as one word, else in quotes.
fn value(out: &mut fmt::Formatter<'_>, v: &str) -> fmt::Result {
    let bare = !v.is_empty()
        && !v
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”'));
    if bare {
        out.write_str(v)
    } else {
        write!(out, "\"{v}\"")
    }
}

/// A text term: `word`, `castr*`, `Dorticos~2`, `"a phrase"`, `"a phra"*`; unquoted words that
/// were one token (`Castro’s`) are joined by `-`, which reads back as the same words.
fn term(out: &mut fmt::Formatter<'_>, t: &TextTerm) -> fmt::Result {
    if t.quoted {
        write!(out, "\"{}\"", t.words.join(" "))?;
    } else {
        out.write_str(&t.words.join("-"))?;
    }
    if t.prefix {
        out.write_char('*')?;
    }
    if t.fuzzy > 0 {
        write!(out, "~{}", t.fuzzy)?;
    }
    Ok(())
}

fn role_field(role: PersonRole) -> &'static str {
    match role {
        PersonRole::Any => "person",
        PersonRole::Present => "present",
        PersonRole::Spoke => "spoke",
        PersonRole::Mentioned => "mentioned",
        PersonRole::Author => "author",
    }
}

/// Writes `e`, in parentheses when it would otherwise read back differently in this place.
fn part(out: &mut fmt::Formatter<'_>, e: &Expr, compound_needs_parens: bool) -> fmt::Result {
    let compound = matches!(e, Expr::And(_) | Expr::Or(_) | Expr::Near(..));
    if compound && compound_needs_parens {
        write!(out, "({e})")
    } else {
        write!(out, "{e}")
    }
}

impl Display for Expr {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Text(t) => term(out, t),
            Expr::Near(a, b, n) => {
                term(out, a)?;
                write!(out, " NEAR/{n} ")?;
                term(out, b)
            }
            Expr::And(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        out.write_str(" AND ")?;
                    }
                    // A NEAR reads back inside an AND; an AND or OR needs its parentheses.
                    part(out, p, !matches!(p, Expr::Near(..)))?;
                }
                Ok(())
            }
            Expr::Or(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        out.write_str(" OR ")?;
                    }
                    part(out, p, matches!(p, Expr::Or(_)))?;
                }
                Ok(())
            }
            Expr::Not(inner) => {
                out.write_str("NOT ")?;
                part(out, inner, true)
            }
            Expr::Date(from, to) => {
                let day = |d: &Option<time::Date>| {
                    d.map_or(String::new(), |d| {
                        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
                    })
                };
                write!(out, "date:{}..{}", day(from), day(to))
            }
            Expr::Kind(k) => {
                out.write_str("kind:")?;
                value(out, k)
            }
            Expr::Part(p) => {
                out.write_str("part:")?;
                value(out, p)
            }
            Expr::Person(name, role) => {
                write!(out, "{}:", role_field(*role))?;
                value(out, name)
            }
            Expr::Doc(id) => {
                out.write_str("doc:")?;
                value(out, id)
            }
            Expr::Tag(name, with_children) => {
                out.write_str(if *with_children { "tag:" } else { "tagonly:" })?;
                value(out, name)
            }
            Expr::InNote(t) => {
                out.write_str("note:")?;
                term(out, t)
            }
            Expr::By(name) => {
                out.write_str("by:")?;
                value(out, name)
            }
            Expr::Counterpart(c) => write!(out, "counterpart:{}", c.slug()),
        }
    }
}
