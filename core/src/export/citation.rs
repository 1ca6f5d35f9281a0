//! Chicago-style note citations of the paper's documents, with the working-paper page where a
//! passage stands (GUIDE §7).

use crate::corpus::{Document, Kind};

/// The paper, as cited after "in".
pub const PAPER: &str = "James G. Hershberg, “New Russian Evidence on Soviet-Cuban Relations, 1960-61,” Cold War International History Project Working Paper #90";

/// The paper in a short note, before its page ("in Hershberg, “New Russian Evidence,” 6": the
/// page is the paper's, not the memoir's).
pub const PAPER_SHORT: &str = "Hershberg, “New Russian Evidence,”";

/// A range of pages with an en dash, as Chicago sets it ("8–9").
fn page_range(a: impl std::fmt::Display, b: impl std::fmt::Display) -> String {
    format!("{a}\u{2013}{b}")
}

/// A citation without its Markdown (the `*` around book titles), for plain-text exports
/// such as CSV.
pub fn plain_text(citation: &str) -> String {
    citation.replace('*', "")
}

/// A page of a user's document as its original prints it ("xiv", "14"), by page number.
fn page_label(doc: &Document, page: u32) -> String {
    doc.pages
        .iter()
        .position(|m| m.page == page)
        .and_then(|i| doc.page_labels.get(i).cloned())
        .unwrap_or_else(|| page.to_string())
}

/// ", p. 14" or ", pp. xiv-1": the pages of a user's document as its original prints them.
fn user_pages(doc: &Document, pages: Option<(u32, u32)>) -> String {
    match pages {
        Some((a, b)) if a != b => format!(
            ", pp. {}",
            page_range(page_label(doc, a), page_label(doc, b))
        ),
        Some((a, _)) => format!(", p. {}", page_label(doc, a)),
        None => String::new(),
    }
}

/// A user's own document: the citation they gave (`add-doc --citation`), else its title and
/// date, with the page of the original where the passage stands ("p. 14", as the original
/// prints it); never the working paper, which it is not part of.
fn user_document_note(doc: &Document, pages: Option<(u32, u32)>) -> String {
    let m = &doc.meta;
    let page = user_pages(doc, pages);
    if let Some(c) = m
        .citation_verbatim
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let c = c.strip_suffix('.').unwrap_or(c);
        return format!("{c}{page}.");
    }
    let date = m
        .date
        .as_ref()
        .map(|d| d.long_form())
        .filter(|d| !m.title.contains(d.as_str()))
        .map_or(String::new(), |d| format!(", {d}"));
    let archival = m
        .archival
        .as_ref()
        .map(|a| a.normalised())
        .filter(|a| !a.is_empty())
        .map_or(String::new(), |a| format!(", {a}"));
    format!("{}{date}{archival}{page}.", m.title)
}

/// Full note citation of a passage of `doc` that stands on `pages` of the working paper.
pub fn chicago_note(doc: &Document, pages: Option<(u32, u32)>) -> String {
    let m = &doc.meta;
    if doc.user_added {
        return user_document_note(doc, pages);
    }
    let page = match pages {
        Some((a, b)) if a != b => format!(", {}", page_range(a, b)),
        Some((a, _)) => format!(", {a}"),
        None => String::new(),
    };
    let url = m.url.as_ref().map_or(String::new(), |u| format!(", {u}"));
    match m.kind {
        Kind::RecordOfConversation => {
            let title = m.citation_title.clone().unwrap_or_else(|| m.title.clone());
            let date = m
                .date
                .as_ref()
                .map_or(String::new(), |d| format!(", {}", d.long_form()));
            let archival = m
                .archival
                .as_ref()
                .map(|a| format!(", {}", a.normalised()))
                .unwrap_or_default();
            let trans = m
                .translator
                .as_ref()
                .map_or(String::new(), |t| format!(", trans. {t}"));
            format!("{title}{date}{archival}{trans}, in {PAPER}{page}{url}.")
        }
        Kind::Memoir | Kind::OralHistory => {
            let p = m.publication.as_ref();
            let book = p.map_or(String::new(), |p| {
                let by = if m.kind == Kind::OralHistory {
                    format!(
                        "{}, in {}",
                        m.citation_title.clone().unwrap_or_else(|| m.title.clone()),
                        p.by
                    )
                } else {
                    p.by.clone()
                };
                format!(
                    "{by}, *{}* ({}: {}, {}), {}",
                    p.title, p.place, p.publisher, p.years, p.pages
                )
            });
            format!("{book}, reproduced in {PAPER}{page}.")
        }
        Kind::Commentary => format!("{PAPER}{page}."),
        Kind::UserDocument => user_document_note(doc, pages),
    }
}

/// Short form for later notes: "Kudryavtsev–Castro conversation, 21 January 1961, in
/// Hershberg, “New Russian Evidence,” 19." The page is the working paper's, and the note says
/// so: "Khrushchev, Memoirs…, vol. 3, 6." would read as page 6 of the memoir.
pub fn short_note(doc: &Document, pages: Option<(u32, u32)>) -> String {
    if doc.user_added {
        let page = user_pages(doc, pages);
        return format!("{}{page}.", doc.meta.short_title.trim_end_matches('.'));
    }
    // With a page: “New Russian Evidence,” 19. Without: “New Russian Evidence.”
    let paper = match pages {
        Some((a, b)) if a != b => format!("{PAPER_SHORT} {}.", page_range(a, b)),
        Some((a, _)) => format!("{PAPER_SHORT} {a}."),
        None => format!("{}.”", PAPER_SHORT.trim_end_matches(",”")),
    };
    if doc.meta.kind == Kind::Commentary {
        return paper;
    }
    format!("{}, in {paper}", doc.meta.short_title.trim_end_matches('.'))
}

/// A quote with its full citation, ready to paste into a paper.
pub fn quote_with_citation(doc: &Document, start: usize, end: usize) -> String {
    let quote = doc.slice_chars(start, end);
    let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "“{quote}”\n\n{}",
        chicago_note(doc, doc.page_range(start, end))
    )
}

/// A document's title, followed by its date when the title does not already give it (the
/// headings of Markdown exports).
pub fn title_with_date(doc: &Document) -> String {
    let date = doc
        .meta
        .date
        .as_ref()
        .map(|d| d.long_form())
        .filter(|d| !doc.meta.title.contains(d.as_str()))
        .unwrap_or_default();
    // "… edited version (1974), 20 September 1960", not "… (1974) (20 September 1960)".
    match (date.is_empty(), doc.meta.title.ends_with(')')) {
        (true, _) => doc.meta.title.clone(),
        (false, true) => format!("{}, {date}", doc.meta.title),
        (false, false) => format!("{} ({date})", doc.meta.title),
    }
}
