//! The repairs a page-by-page text needs before it reads as a document (the same ones the
//! paper's own corpus needed): running heads and footers repeated across pages removed, bare
//! page numbers removed, words hyphenated at a line end rejoined, and the hard line breaks
//! inside a paragraph joined. Every repair is counted and described, so the user can see what
//! was changed.

use super::{Extracted, TextBuilder};
use std::collections::HashMap;

/// One page of text as extracted: lines, blank lines between paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    /// The page as printed ("14", "xiv").
    pub label: String,
    /// Its text.
    pub text: String,
}

/// A line that looks like a page number alone: "14", "- 14 -", "Page 14", "14 of 20", "xiv".
fn is_bare_page_number(line: &str) -> bool {
    let l = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c == ' ');
    let l = l.to_lowercase();
    let l = l.strip_prefix("page ").unwrap_or(&l).trim();
    let l = match l.split_once(" of ") {
        Some((a, b)) if b.trim().chars().all(|c| c.is_ascii_digit()) => a.trim(),
        _ => l,
    };
    if l.is_empty() || l.len() > 8 {
        return false;
    }
    l.chars().all(|c| c.is_ascii_digit()) || l.chars().all(|c| "ivxlcdm".contains(c))
}

/// A line as compared across pages: digits stand for any number, case and spacing ignored.
fn shape(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Lines of a page, whitespace collapsed; blank lines kept as empty strings.
fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// How many lines at each end of a page can be a running head or footer.
const EDGE: usize = 2;

/// Fewest lines a page needs before its edges are taken for running heads (on a shorter page
/// they are its text).
const FULL_PAGE: usize = 6;

/// Indices of the first and last `EDGE` non-empty lines (none on a short page).
fn edge_lines(lines: &[String]) -> Vec<usize> {
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    if filled.len() < FULL_PAGE {
        return Vec::new();
    }
    let mut out: Vec<usize> = filled.iter().take(EDGE).copied().collect();
    for &i in filled.iter().rev().take(EDGE) {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Turns pages into one document's text, repaired; the repairs are listed in `repairs`.
pub fn join_pages(pages: &[RawPage]) -> Extracted {
    let mut pages_lines: Vec<Vec<String>> = pages.iter().map(|p| lines_of(&p.text)).collect();
    let mut repairs = Vec::new();

    // Running heads and footers: the same line (numbers aside) at an edge of many pages.
    if pages.len() >= 3 {
        let mut seen: HashMap<String, (usize, String)> = HashMap::new();
        for lines in &pages_lines {
            let mut on_this_page = Vec::new();
            for i in edge_lines(lines) {
                let s = shape(&lines[i]);
                if s.chars().any(char::is_alphabetic) && !on_this_page.contains(&s) {
                    on_this_page.push(s.clone());
                    seen.entry(s).or_insert((0, lines[i].clone())).0 += 1;
                }
            }
        }
        let threshold = (pages.len() / 2).max(3);
        let running: Vec<(String, String)> = seen
            .into_iter()
            .filter(|(_, (n, _))| *n >= threshold)
            .map(|(s, (_, example))| (s, example))
            .collect();
        for (s, example) in &running {
            let mut removed = 0;
            for lines in &mut pages_lines {
                for i in edge_lines(lines) {
                    if &shape(&lines[i]) == s {
                        lines[i].clear();
                        removed += 1;
                    }
                }
            }
            repairs.push(format!(
                "removed the running head or footer “{example}” from {removed} pages"
            ));
        }
    }
    // Bare page numbers at the top or bottom of a page (the first or last line).
    let mut numbers = 0;
    for lines in &mut pages_lines {
        let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
        let ends = [filled.first().copied(), filled.last().copied()];
        for i in ends.into_iter().flatten() {
            if is_bare_page_number(&lines[i]) {
                lines[i].clear();
                numbers += 1;
            }
        }
    }
    if numbers > 0 {
        repairs.push(format!("removed {numbers} bare page numbers"));
    }

    // Paragraphs: blank lines end them; lines inside are joined, hyphens at line ends rejoined.
    let mut b = TextBuilder::new();
    let mut hyphens = 0;
    let mut joined = 0;
    let mut paragraph = String::new();
    let flush = |b: &mut TextBuilder, paragraph: &mut String| {
        b.push_str(paragraph);
        b.end_paragraph();
        paragraph.clear();
    };
    for (n, (page, lines)) in pages.iter().zip(&pages_lines).enumerate() {
        // A paragraph runs on over the page break when it did not end a sentence and the next
        // page begins in lower case.
        let next_starts_lower = lines
            .iter()
            .find(|l| !l.is_empty())
            .and_then(|l| l.chars().next())
            .is_some_and(char::is_lowercase);
        let ended = paragraph
            .trim_end()
            .ends_with(['.', '!', '?', ':', '”', '"', ')']);
        if !paragraph.is_empty() && (ended || !next_starts_lower) {
            flush(&mut b, &mut paragraph);
        }
        if !paragraph.is_empty() {
            // The page begins inside the paragraph: write what came before, keep going.
            b.push_str(&paragraph);
            paragraph.clear();
            b.space();
        }
        b.page(n as u32 + 1, page.label.clone());
        for line in lines {
            if line.is_empty() {
                if !paragraph.is_empty() {
                    flush(&mut b, &mut paragraph);
                }
                continue;
            }
            if paragraph.is_empty() {
                paragraph.push_str(line);
                continue;
            }
            joined += 1;
            let before_hyphen = paragraph.trim_end_matches('-').chars().last();
            let next_lower = line.chars().next().is_some_and(char::is_lowercase);
            if paragraph.ends_with('-')
                && !paragraph.ends_with("--")
                && before_hyphen.is_some_and(char::is_alphabetic)
                && next_lower
            {
                paragraph.pop();
                hyphens += 1;
            } else if !paragraph.ends_with('-') {
                paragraph.push(' ');
            }
            paragraph.push_str(line);
        }
    }
    flush(&mut b, &mut paragraph);
    if hyphens > 0 {
        repairs.push(format!("rejoined {hyphens} words hyphenated at a line end"));
    }
    if joined > 0 {
        repairs.push(format!("joined {joined} line breaks inside paragraphs"));
    }
    let mut doc = b.finish();
    doc.repairs = repairs;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(label: &str, text: &str) -> RawPage {
        RawPage {
            label: label.into(),
            text: text.into(),
        }
    }

    #[test]
    fn running_heads_page_numbers_and_hyphens_are_repaired_and_logged() {
        let subjects = ["sugar", "oil", "arms", "credit"];
        let pages: Vec<RawPage> = (14..18)
            .zip(subjects)
            .map(|(n, subject)| {
                page(
                    &n.to_string(),
                    &format!(
                        "Havana Embassy Records\n\nOn {subject} the ambassador said that the govern-\nment would consider it.\n\nThe minister asked about {subject}\nand about the delivery of {subject},\nwhich was late by {n} days.\n\n{n}\n"
                    ),
                )
            })
            .collect();
        let d = join_pages(&pages);
        assert!(!d.text.contains("Havana Embassy Records"), "{}", d.text);
        assert!(!d.text.contains("14"), "{}", d.text);
        assert!(
            d.text
                .starts_with("On sugar the ambassador said that the government would consider it."),
            "{}",
            d.text
        );
        assert_eq!(d.pages.len(), 4);
        assert_eq!(d.pages[1].label, "15");
        assert!(
            d.repairs.iter().any(|r| r.contains("running head")),
            "{:?}",
            d.repairs
        );
        assert!(
            d.repairs.iter().any(|r| r.contains("4 words hyphenated")),
            "{:?}",
            d.repairs
        );
        assert!(
            d.repairs.iter().any(|r| r.contains("bare page numbers")),
            "{:?}",
            d.repairs
        );
    }

    #[test]
    fn a_paragraph_runs_on_across_a_page_break() {
        let d = join_pages(&[
            page("1", "It was agreed that the\ndelegation"),
            page("2", "would leave on Monday.\n\nNext."),
        ]);
        assert_eq!(
            d.text,
            "It was agreed that the delegation would leave on Monday.\n\nNext."
        );
        assert_eq!(
            d.pages[1].at,
            "It was agreed that the delegation ".chars().count()
        );
    }

    #[test]
    fn compounds_before_a_capital_keep_their_hyphen() {
        let d = join_pages(&[page("1", "the Soviet-\nCuban talks")]);
        assert_eq!(d.text, "the Soviet-Cuban talks");
    }
}
