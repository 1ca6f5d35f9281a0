//! Making untrusted text safe in what we export: Markdown that a colleague's quote, title or
//! tag cannot turn into markup, note bodies that stay Markdown but lose raw HTML, script links
//! and forged structure, and CSV cells a spreadsheet will not run as formulas.

use pulldown_cmark::{Event, Options, Parser, Tag};
use std::ops::Range;

/// Markdown-escapes text that must read literally (quotes, titles, tags, citations): every
/// character that could start markup is backslash-escaped, and so are list, heading and
/// setext markers at the start of a line.
pub fn md_literal(s: &str) -> String {
    md_literal_keeping(s, &[])
}

/// [`md_literal`], leaving the characters of `keep` alone (our own `*italics*` in citations).
pub fn md_literal_keeping(s: &str, keep: &[char]) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let indent = line.len() - line.trim_start().len();
        out.push_str(&line[..indent]);
        let rest = &line[indent..];
        // A line may start a list, a heading underline or an ordered list item.
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        for (j, c) in rest.char_indices() {
            let at_start = j == 0;
            let special = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&'
            ) || (at_start && matches!(c, '-' | '+' | '=' | '#' | '|'))
                || (digits > 0 && j == digits && matches!(c, '.' | ')'));
            if special && !keep.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Is a link destination one that runs code or reads local files when clicked?
fn unsafe_destination(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "file")
}

/// Applies replacements (sorted by start, non-overlapping: an edit inside one already kept is
/// dropped) to `s`.
fn apply(s: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out = String::with_capacity(s.len() + 16);
    let mut at = 0;
    for (r, replacement) in edits {
        if r.start < at || r.end > s.len() || !s.is_char_boundary(r.start) {
            continue;
        }
        out.push_str(&s[at..r.start]);
        out.push_str(&replacement);
        at = r.end;
    }
    out.push_str(&s[at..]);
    out
}

/// A note's body as exported: its Markdown kept (emphasis, lists, code, safe links), but raw
/// HTML shown as text, links to `javascript:` (and `vbscript:`, `data:`, `file:`) shown as
/// text, and no headings, block quotes or lines like our own `**Source:**` / `*Tags:` lines:
/// a note cannot forge the structure of the export around it.
pub fn md_note(body: &str) -> String {
    // 1. Raw HTML and dangerous links, found by a real parser (entities and escapes included).
    let mut edits = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((range.clone(), body[range].replace('<', "&lt;")));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if unsafe_destination(&dest_url) =>
            {
                edits.push((range.clone(), md_literal(&body[range])));
            }
            _ => {}
        }
    }
    let body = apply(body, edits);
    // 2. Block structure that would look like the export's own.
    let mut edits = Vec::new();
    for (event, range) in Parser::new_ext(&body, Options::empty()).into_offset_iter() {
        let Event::Start(tag) = event else { continue };
        match tag {
            Tag::Heading { .. } => {
                let text = &body[range.clone()];
                let lead = text.len() - text.trim_start().len();
                if text.trim_start().starts_with('#') {
                    edits.push((range.start + lead..range.start + lead, "\\".to_string()));
                } else if let Some(nl) = text.trim_end().rfind('\n') {
                    // Setext: the underline becomes plain text.
                    let line = &text[nl + 1..];
                    let lead = line.len() - line.trim_start().len();
                    let at = range.start + nl + 1 + lead;
                    edits.push((at..at, "\\".to_string()));
                }
            }
            Tag::BlockQuote(_) => {
                let text = &body[range.clone()];
                let lead = text.len() - text.trim_start().len();
                edits.push((range.start + lead..range.start + lead, "\\".to_string()));
            }
            _ => {}
        }
    }
    let body = apply(&body, edits);
    // 3. Lines that imitate the export's own `**Source:**` and `*Tags: …*` lines show their
    //    asterisks instead.
    body.split('\n')
        .map(|line| {
            let t = line.trim_start();
            let lead = &line[..line.len() - t.len()];
            let stars = t.len() - t.trim_start_matches('*').len();
            let label = t[stars..].trim_start().to_lowercase();
            if stars > 0
                && ["source:", "tags:", "author:"]
                    .iter()
                    .any(|p| label.starts_with(p))
            {
                format!("{lead}{}{}", "\\*".repeat(stars), &t[stars..])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A CSV cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV
/// injection): a cell whose first non-blank character (spaces, tabs, NBSP, U+3000, a BOM and
/// other invisible leads skipped) is `= + - @` or their full-width and small forms, or that
/// starts with a tab or carriage return.
pub fn csv_cell(cell: &str) -> String {
    let first = cell.chars().find(|c| {
        !(c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}'))
    });
    let formula = matches!(
        first,
        Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠' | '﹦' | '﹢' | '﹣' | '﹫')
    );
    if formula || cell.starts_with(['\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}
