//! The documents' records ([`super::bibliography`]) as BibLaTeX or BibTeX, under the same
//! citation keys as the CSL-JSON and the Pandoc citations:
//!
//! | record | BibLaTeX | BibTeX |
//! |---|---|---|
//! | manuscript (a record of conversation, your document) | `@unpublished`, `type` the genre, `library` the archive and its reference, `translator` | `@unpublished`, all of that in `note` |
//! | chapter (a memoir excerpt, the 1992 comments) | `@incollection` (with editors) or `@inbook`: `booktitle`, `bookauthor`, `editor`, `publisher`, `location`, `date`, `origdate`, `pages` | `@incollection`: `booktitle`, `editor`, `publisher`, `address`, `year`, `pages` |
//! | report (the working paper) | `@report`: `type`, `number` | `@techreport`: `type`, `number` |
//!
//! Unicode is written as is (biber and modern BibTeX read UTF-8); the characters TeX treats
//! specially are escaped, titles keep their capitals in braces.

use super::bibliography::{CslDate, CslItem, CslName};

/// BibLaTeX (biber) or classic BibTeX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// BibLaTeX, read by biber.
    BibLaTeX,
    /// Classic BibTeX.
    BibTeX,
}

/// A value with TeX's special characters escaped.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '#' | '$' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Names joined by "and", each "Family, Given".
fn names(list: &[CslName]) -> String {
    list.iter()
        .map(|n| escape(&n.inverted()))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// An ISO date for BibLaTeX (`1961-01-21`, `1961-03/1961-06`), with `~` when approximate.
fn iso_date(d: &CslDate) -> String {
    let one = |p: &Vec<i32>| match p.as_slice() {
        [y, m, d] => format!("{y:04}-{m:02}-{d:02}"),
        [y, m] => format!("{y:04}-{m:02}"),
        [y, ..] => format!("{y:04}"),
        [] => String::new(),
    };
    let text = d.date_parts.iter().map(one).collect::<Vec<_>>().join("/");
    if d.circa { format!("{text}~") } else { text }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// One entry.
fn entry(item: &CslItem, dialect: Dialect) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut add = |name: &'static str, value: String| {
        if !value.trim().is_empty() {
            fields.push((name, value));
        }
    };
    let biblatex = dialect == Dialect::BibLaTeX;
    add("author", names(&item.author));
    add("title", format!("{{{}}}", escape(&item.title)));
    let kind = match item.kind.as_str() {
        "chapter" => {
            add(
                "booktitle",
                format!(
                    "{{{}}}",
                    escape(item.container_title.as_deref().unwrap_or(""))
                ),
            );
            if biblatex {
                add("bookauthor", names(&item.container_author));
            }
            add("editor", names(&item.editor));
            add("publisher", escape(item.publisher.as_deref().unwrap_or("")));
            let place = escape(item.publisher_place.as_deref().unwrap_or(""));
            add(if biblatex { "location" } else { "address" }, place);
            add(
                "pages",
                item.page.as_deref().unwrap_or("").replace('\u{2013}', "--"),
            );
            if biblatex && !item.editor.is_empty() {
                "incollection"
            } else if biblatex {
                "inbook"
            } else {
                "incollection"
            }
        }
        "report" => {
            add(
                "type",
                escape(item.collection_title.as_deref().unwrap_or("")),
            );
            add("number", escape(item.number.as_deref().unwrap_or("")));
            add(
                "institution",
                escape(item.publisher.as_deref().unwrap_or("")),
            );
            if biblatex { "report" } else { "techreport" }
        }
        _ => "unpublished",
    };
    // When: BibLaTeX's ISO dates, BibTeX's year and month.
    if let Some(d) = &item.issued {
        if biblatex {
            add("date", iso_date(d));
        } else if let Some(first) = d.date_parts.first() {
            add(
                "year",
                first.first().map_or(String::new(), |y| y.to_string()),
            );
            if let Some(m) = first
                .get(1)
                .and_then(|m| MONTHS.get((*m as usize).wrapping_sub(1)))
            {
                add("month", format!("\u{0}{m}"));
            }
        }
    }
    if biblatex && let Some(d) = &item.original_date {
        add("origdate", iso_date(d));
    }
    // The archive: BibLaTeX's `library`, `type` and `translator`; BibTeX keeps them in `note`.
    let archival = [item.archive.as_deref(), item.archive_location.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let translators = item
        .translator
        .iter()
        .map(|n| {
            [
                n.given.as_deref(),
                n.family.as_deref(),
                n.literal.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" and ");
    if biblatex {
        if kind == "unpublished" {
            add("type", escape(item.genre.as_deref().unwrap_or("")));
        }
        add("library", escape(&archival));
        add("translator", names(&item.translator));
        add("note", escape(item.note.as_deref().unwrap_or("")));
    } else {
        let mut note: Vec<String> = Vec::new();
        if kind == "unpublished"
            && let Some(g) = &item.genre
        {
            note.push(g.clone());
        }
        if !archival.is_empty() {
            note.push(archival);
        }
        if !translators.is_empty() {
            note.push(format!("trans. {translators}"));
        }
        if let Some(n) = &item.note {
            note.push(n.trim_end_matches('.').to_string());
        }
        let note = note.join("; ");
        add(
            "note",
            escape(&if note.is_empty() {
                note
            } else {
                format!("{note}.")
            }),
        );
    }
    add("url", item.url.clone().unwrap_or_default());
    if biblatex {
        add(
            "langid",
            item.language.as_deref().map(escape).unwrap_or_default(),
        );
    }
    let body: Vec<String> = fields
        .into_iter()
        .map(|(name, value)| match value.strip_prefix('\u{0}') {
            // A month macro (`jan`) is written bare.
            Some(bare) => format!("  {name} = {bare},"),
            None => format!("  {name} = {{{value}}},"),
        })
        .collect();
    format!("@{kind}{{{},\n{}\n}}\n", item.id, body.join("\n"))
}

/// The records as a `.bib` file.
pub fn bib(items: &[CslItem], dialect: Dialect) -> String {
    let head = match dialect {
        Dialect::BibLaTeX => {
            "% BibLaTeX (biber), written by Reading Room; keys are the documents' ids.\n\n"
        }
        Dialect::BibTeX => "% BibTeX, written by Reading Room; keys are the documents' ids.\n\n",
    };
    let entries: Vec<String> = items.iter().map(|i| entry(i, dialect)).collect();
    format!("{head}{}", entries.join("\n"))
}
