//! The corpus builder: turns the paper's PDF extraction (`corpus/source/`) into the committed
//! corpus (`corpus/texts/*.txt`, `corpus/layout.ron`, `corpus/repairs.csv`).
//!
//! It is driven by hand-made data, never by guesses it cannot explain:
//! - `corpus/catalog.ron` says which source lines make each document and its editor's heading;
//! - `corpus/source/spec.ron` lists the footnotes (marker, text lines, number line), the lost
//!   hyphens to restore and the few paragraph decisions the short-line rule gets wrong.
//!
//! Every change it makes is written to the repair log with its source line and reason, so the
//! fidelity test can reconcile the source word for word. Run it with `readingroom corpus build`.

mod files;
mod spec;

pub use files::{build_from_dir, layout_ron, repairs_csv, repairs_markdown, write_outputs};
pub use spec::*;

use super::model::{DocumentLayout, Footnote, PageMarker};
use std::collections::BTreeMap;

fn err(line: u32, message: impl Into<String>) -> BuildError {
    BuildError {
        line,
        message: message.into(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Heading(usize),
    Text(usize),
    Footnote(usize),
}

/// Page of every source line (index 0 = line 1), from the page-start rule: a line that starts with
/// a space, or the running-header block that opens pages 10 and 34.
pub fn page_of_lines(lines: &[&str]) -> Vec<u32> {
    let mut pages = Vec::with_capacity(lines.len());
    let mut page = 0u32;
    for (i, line) in lines.iter().enumerate() {
        let starts_with_space = line.starts_with(' ') && !line.trim().is_empty();
        let header_block = line.trim() == RUNNING_HEADERS[0]
            && lines[i + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim() == RUNNING_HEADERS[1]);
        if i == 0 || starts_with_space || header_block {
            page += 1;
        }
        pages.push(page);
    }
    pages
}

fn is_bare_number(s: &str) -> Option<u32> {
    let t = s.trim();
    (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// Builds the corpus from the source text, the catalog and the spec.
pub fn build(source: &str, catalog: &Catalog, spec: &BuildSpec) -> Result<BuildOutput, BuildError> {
    let lines: Vec<&str> = source.split('\n').collect();
    let n = lines.len();
    let line_page = page_of_lines(&lines);
    let total_pages = *line_page.last().unwrap_or(&0);
    if total_pages != PAGE_COUNT {
        return Err(err(
            0,
            format!("found {total_pages} pages, expected {PAGE_COUNT}"),
        ));
    }

    let mut repairs: Vec<RepairRow> = Vec::new();
    let mut removed = vec![false; n];

    // 1. Line removals: running heads, separators, page numbers and footnote numbers.
    let footnote_number_lines: BTreeMap<u32, &FootnoteSpec> =
        spec.footnotes.iter().map(|f| (f.number_line, f)).collect();
    let mut printed_pages = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let ln = (i + 1) as u32;
        let t = line.trim();
        let (kind, why) = if RUNNING_HEADERS.contains(&t) {
            (
                RepairKind::RUNNING_HEAD,
                "running header or footer of the PDF page".to_string(),
            )
        } else if t == "***" {
            (
                RepairKind::SEPARATOR,
                "section separator between documents".to_string(),
            )
        } else if let Some(num) = is_bare_number(t) {
            if let Some(f) = footnote_number_lines.get(&ln) {
                if f.number != num {
                    return Err(err(
                        ln,
                        format!("footnote number line holds {num}, spec says {}", f.number),
                    ));
                }
                let marker_page = line_page[(f.marker_line - 1) as usize];
                if marker_page != line_page[i] {
                    return Err(err(
                        ln,
                        format!(
                            "footnote {num} is printed on page {} but its marker is on page {marker_page}",
                            line_page[i]
                        ),
                    ));
                }
                (
                    RepairKind::FOOTNOTE_NUMBER,
                    format!(
                        "number of footnote {num} at the page foot (its marker is on line {})",
                        f.marker_line
                    ),
                )
            } else if num == line_page[i] {
                printed_pages.push(num);
                (
                    RepairKind::PAGE_NUMBER,
                    format!("printed number of page {num}"),
                )
            } else {
                return Err(err(
                    ln,
                    format!(
                        "bare number {num} is neither a listed footnote number nor the page number ({})",
                        line_page[i]
                    ),
                ));
            }
        } else {
            continue;
        };
        removed[i] = true;
        repairs.push(RepairRow {
            line: ln,
            kind: kind.to_string(),
            before: t.to_string(),
            after: String::new(),
            why,
        });
    }
    if printed_pages != PRINTED_PAGE_NUMBERS {
        return Err(err(
            0,
            format!(
                "printed page numbers found {printed_pages:?}, expected {PRINTED_PAGE_NUMBERS:?}"
            ),
        ));
    }

    // 2. Ownership of lines.
    let mut owner: Vec<Option<Dest>> = vec![None; n];
    let claim = |range: (u32, u32),
                 dest: Dest,
                 owner: &mut Vec<Option<Dest>>,
                 overriding: bool|
     -> Result<(), BuildError> {
        if range.0 < 1 || range.1 < range.0 || range.1 as usize > n {
            return Err(err(range.0, format!("bad line range {range:?}")));
        }
        for ln in range.0..=range.1 {
            let i = (ln - 1) as usize;
            if removed[i] || lines[i].trim().is_empty() {
                continue;
            }
            match owner[i] {
                Some(prev) if !overriding => {
                    return Err(err(
                        ln,
                        format!("line claimed twice ({prev:?} and {dest:?})"),
                    ));
                }
                _ => owner[i] = Some(dest),
            }
        }
        Ok(())
    };
    for (d, meta) in catalog.documents.iter().enumerate() {
        let Some(src) = &meta.source_lines else {
            return Err(err(0, format!("document {} has no source_lines", meta.id)));
        };
        if let Some(h) = src.heading {
            claim(h, Dest::Heading(d), &mut owner, false)?;
        }
        claim(src.text, Dest::Text(d), &mut owner, false)?;
    }
    for (f, fs) in spec.footnotes.iter().enumerate() {
        claim(fs.text, Dest::Footnote(f), &mut owner, true)?;
    }
    for i in 0..n {
        if owner[i].is_none() && !removed[i] && !lines[i].trim().is_empty() {
            return Err(err(
                (i + 1) as u32,
                format!("line is in no document and not removed: {:?}", lines[i]),
            ));
        }
    }

    // 3. Token repairs per line.
    struct LineRepair {
        before: String,
        after: String,
        footnote: Option<u32>,
        marker_char: usize,
    }
    let mut line_repairs: BTreeMap<u32, Vec<LineRepair>> = BTreeMap::new();
    for f in &spec.footnotes {
        let num = f.number.to_string();
        let tok = &f.marker_token;
        let Some(pos) = tok.rfind(&num) else {
            return Err(err(
                f.marker_line,
                format!("marker token {tok:?} does not hold {num}"),
            ));
        };
        let after = format!("{}{}", &tok[..pos], &tok[pos + num.len()..]);
        let marker_char = tok[..pos].chars().count();
        repairs.push(RepairRow {
            line: f.marker_line,
            kind: RepairKind::FOOTNOTE_MARKER.into(),
            before: tok.clone(),
            after: after.clone(),
            why: format!(
                "marker of footnote {} kept as an anchor, not as text",
                f.number
            ),
        });
        line_repairs
            .entry(f.marker_line)
            .or_default()
            .push(LineRepair {
                before: tok.clone(),
                after,
                footnote: Some(f.number),
                marker_char,
            });
    }
    for h in &spec.hyphens {
        repairs.push(RepairRow {
            line: h.line,
            kind: RepairKind::HYPHEN.into(),
            before: h.before.clone(),
            after: h.after.clone(),
            why: h.why.clone(),
        });
        line_repairs.entry(h.line).or_default().push(LineRepair {
            before: h.before.clone(),
            after: h.after.clone(),
            footnote: None,
            marker_char: 0,
        });
    }

    // 4. Assemble every destination.
    struct Assembly {
        text: String,
        chars: usize,
        pages: Vec<PageMarker>,
        last_line: Option<u32>,
        para_open: bool,
    }
    let dest_count = catalog.documents.len() * 2 + spec.footnotes.len();
    let index = |d: Dest| match d {
        Dest::Heading(i) => i * 2,
        Dest::Text(i) => i * 2 + 1,
        Dest::Footnote(i) => catalog.documents.len() * 2 + i,
    };
    let mut asm: Vec<Assembly> = (0..dest_count)
        .map(|_| Assembly {
            text: String::new(),
            chars: 0,
            pages: Vec::new(),
            last_line: None,
            para_open: false,
        })
        .collect();
    // Per destination: short-line threshold (80% of the median line) and full width (95th
    // percentile of its lines).
    let mut lengths: Vec<Vec<usize>> = vec![Vec::new(); dest_count];
    for i in 0..n {
        if let Some(d) = owner[i] {
            lengths[index(d)].push(lines[i].trim().chars().count());
        }
    }
    let (thresholds, widths): (Vec<usize>, Vec<usize>) = lengths
        .iter_mut()
        .map(|v| {
            v.sort_unstable();
            let median = v.get(v.len() / 2).copied().unwrap_or(0);
            let p95 = v.get(v.len() * 95 / 100).copied().unwrap_or(0);
            (median * 8 / 10, p95)
        })
        .unzip();
    let joins: std::collections::BTreeSet<u32> = spec.paragraph_joins.iter().copied().collect();
    let breaks: std::collections::BTreeSet<u32> = spec.paragraph_breaks.iter().copied().collect();
    let mut anchors: BTreeMap<u32, (usize, usize)> = BTreeMap::new(); // footnote -> (doc, offset)
    let mut used_repairs: BTreeMap<u32, usize> = BTreeMap::new();

    for i in 0..n {
        let Some(dest) = owner[i] else { continue };
        let ln = (i + 1) as u32;
        let a = &mut asm[index(dest)];
        let page = line_page[i];
        // Separator from the previous line of this destination.
        if let Some(prev) = a.last_line {
            let gap: Vec<usize> = ((prev as usize)..i).collect();
            let only_blank = !gap.is_empty() && gap.iter().all(|&g| lines[g].trim().is_empty());
            let paragraph_break = matches!(dest, Dest::Text(_)) && !a.para_open;
            if paragraph_break {
                a.text.push_str("\n\n");
                a.chars += 2;
            } else {
                if !gap.is_empty() && !only_blank && matches!(dest, Dest::Text(_)) {
                    let other = gap.iter().any(|&g| owner[g].is_some_and(|o| o != dest));
                    repairs.push(RepairRow {
                        line: prev,
                        kind: RepairKind::REJOIN.into(),
                        before: lines[(prev - 1) as usize].split_whitespace().last().unwrap_or("").to_string(),
                        after: format!("… {}", lines[i].split_whitespace().next().unwrap_or("")),
                        why: if other {
                            format!("text continues on line {ln} after footnote text printed at the page foot")
                        } else {
                            format!("text continues on line {ln} after the page foot")
                        },
                    });
                }
                a.text.push(' ');
                a.chars += 1;
            }
        }
        if a.pages.last().is_none_or(|m| m.page != page) {
            a.pages.push(PageMarker { at: a.chars, page });
        }
        // Tokens of the line, with repairs applied.
        let mut first = true;
        let reps = line_repairs.get(&ln);
        for tok in lines[i].split_whitespace() {
            let rep = reps.and_then(|r| r.iter().find(|r| r.before == tok));
            let (word, footnote, marker_char) = match rep {
                Some(r) => {
                    *used_repairs.entry(ln).or_default() += 1;
                    (r.after.as_str(), r.footnote, r.marker_char)
                }
                None => (tok, None, 0),
            };
            if let (Some(num), Dest::Text(doc)) = (footnote, dest) {
                if word.is_empty() {
                    // Anchor right after the previous word (before the joining space).
                    let at = if first {
                        a.chars.saturating_sub(1)
                    } else {
                        a.chars
                    };
                    anchors.insert(num, (doc, at));
                    continue;
                }
                let sep = usize::from(!first);
                anchors.insert(num, (doc, a.chars + sep + marker_char));
            } else if footnote.is_some() {
                return Err(err(ln, "footnote marker outside a document text"));
            }
            if word.is_empty() {
                continue;
            }
            if !first {
                a.text.push(' ');
                a.chars += 1;
            }
            a.text.push_str(word);
            a.chars += word.chars().count();
            first = false;
        }
        // Does a paragraph end after this line?
        let len = lines[i].trim().chars().count();
        let next_owned = (i + 1..n).find(|&j| owner[j].is_some());
        let blank_follows = i + 1 < n
            && lines[i + 1].trim().is_empty()
            && next_owned.is_some_and(|j| (i + 1..j).all(|g| lines[g].trim().is_empty()));
        let short = len < thresholds[index(dest)];
        let next_same = next_owned.filter(|&j| owner[j] == Some(dest));
        let next_fits = next_same.is_some_and(|j| {
            let first = lines[j].split_whitespace().next().unwrap_or("");
            len + 1 + first.chars().count() + FIT_SLACK <= widths[index(dest)]
                && first
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || "“‘[<(".contains(c) || c.is_ascii_digit())
        });
        let next_standalone = next_same.is_some_and(|j| is_standalone_line(lines[j]));
        let (ends, rule) = if breaks.contains(&ln) {
            (true, "listed in spec.paragraph_breaks")
        } else if joins.contains(&ln) {
            (false, "")
        } else if blank_follows {
            (true, "a blank line follows")
        } else if short {
            (true, "short line")
        } else if is_standalone_line(lines[i]) || next_standalone {
            (
                true,
                "a heading in capitals or an omission mark stands alone",
            )
        } else if ends_sentence(lines[i]) && next_fits {
            (
                true,
                "the sentence ends and the next word would have fitted on the line",
            )
        } else {
            (false, "")
        };
        a.para_open = !ends;
        a.last_line = Some(ln);
        if ends && matches!(dest, Dest::Text(_)) {
            repairs.push(RepairRow {
                line: ln,
                kind: RepairKind::PARAGRAPH.into(),
                before: lines[i].split_whitespace().last().unwrap_or("").to_string(),
                after: "¶".into(),
                why: format!("paragraph ends: {rule}"),
            });
        }
    }
    for (ln, reps) in &line_repairs {
        if used_repairs.get(ln).copied().unwrap_or(0) != reps.len() {
            return Err(err(
                *ln,
                "a listed repair does not match any token of this line",
            ));
        }
    }

    // 5. Collect outputs.
    let mut texts = BTreeMap::new();
    let mut layout = Layout::default();
    for (d, meta) in catalog.documents.iter().enumerate() {
        let body = &asm[index(Dest::Text(d))];
        let heading = &asm[index(Dest::Heading(d))];
        texts.insert(meta.id.clone(), body.text.clone());
        layout.documents.insert(
            meta.id.clone(),
            DocumentLayout {
                heading: (!heading.text.is_empty()).then(|| heading.text.clone()),
                pages: body.pages.clone(),
            },
        );
    }
    for (f, fs) in spec.footnotes.iter().enumerate() {
        let Some(&(doc, at)) = anchors.get(&fs.number) else {
            return Err(err(
                fs.marker_line,
                format!("footnote {} has no anchor", fs.number),
            ));
        };
        layout.footnotes.push(Footnote {
            number: fs.number,
            doc: catalog.documents[doc].id.clone(),
            at,
            text: asm[index(Dest::Footnote(f))].text.clone(),
        });
    }
    layout.footnotes.sort_by_key(|f| f.number);
    repairs.sort_by(|a, b| {
        a.line
            .cmp(&b.line)
            .then(kind_rank(&a.kind).cmp(&kind_rank(&b.kind)))
    });
    Ok(BuildOutput {
        texts,
        layout,
        repairs,
    })
}

/// How many chars of room a line must have left for the next word before a sentence end counts
/// as a paragraph end (justified text varies a little in width).
const FIT_SLACK: usize = 3;

/// A line that is a paragraph of its own: capitals ("AMBASSADOR OF THE USSR ...") or `<…>`.
fn is_standalone_line(line: &str) -> bool {
    let t = line.trim();
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    t == "<…>" || (letters.len() >= 6 && letters.iter().all(|c| c.is_uppercase()))
}

/// Does the line end a sentence (and not an initial such as "N. S." or a title such as "Cde.")?
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    if !t.ends_with(['.', '?', '!', ':', '”', ')', ']', '>']) {
        return false;
    }
    let last = t.split_whitespace().last().unwrap_or("");
    let bare = last.trim_matches(|c: char| "[]()“”".contains(c));
    let core = bare.trim_end_matches('.');
    let initial = core
        .split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase));
    !(initial || ["Cde", "Mr", "Dr", "Prof"].contains(&core))
}

fn kind_rank(kind: &str) -> u8 {
    match kind {
        RepairKind::FOOTNOTE_MARKER | RepairKind::HYPHEN => 0,
        RepairKind::REJOIN => 1,
        RepairKind::PARAGRAPH => 2,
        _ => 3,
    }
}
