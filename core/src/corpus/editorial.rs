//! Finds the paper's own editorial marks in a text: `[sic]`, bracketed insertions, translator's
//! and editor's notes, and omissions (`<…>`, "[not copied]").

use super::model::{EditorialKind, EditorialSpan};

/// Classifies the content of one bracketed span (without the brackets).
fn classify(inner: &str) -> EditorialKind {
    let lower = inner.to_lowercase();
    if lower.starts_with("sic") {
        EditorialKind::Sic
    } else if lower.contains("not copied")
        || lower.starts_with("discussion of")
        || lower.starts_with("the rest of")
    {
        EditorialKind::Omission
    } else if lower.contains("trans.") || lower.contains("ed. note") || lower.ends_with("-ed.") {
        EditorialKind::Note
    } else if lower.contains("[sic") {
        EditorialKind::Sic
    } else {
        EditorialKind::Insertion
    }
}

/// All editorial spans of a text, in order, as char offsets. Nested brackets are one span.
pub fn find_editorial_spans(text: &str) -> Vec<EditorialSpan> {
    if !text.contains(['[', '<']) {
        return Vec::new();
    }
    // Work paragraph by paragraph so only paragraphs with marks are decoded to chars.
    let mut spans = Vec::new();
    let mut char_base = 0;
    for para in text.split('\n') {
        if para.contains(['[', '<']) {
            spans.extend(spans_in(para).into_iter().map(|s| EditorialSpan {
                start: s.start + char_base,
                end: s.end + char_base,
                kind: s.kind,
            }));
        }
        char_base += para.chars().count() + 1;
    }
    spans
}

fn spans_in(text: &str) -> Vec<EditorialSpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' => {
                let mut depth = 0usize;
                let mut j = i;
                while j < chars.len() {
                    match chars[j] {
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        '\n' => break,
                        _ => {}
                    }
                    j += 1;
                }
                if j < chars.len() && chars[j] == ']' {
                    let inner: String = chars[i + 1..j].iter().collect();
                    let mut kind = classify(&inner);
                    // "[sic: ...]" or "[... [sic] ...]" and "[sic--trans.]" count as sic.
                    if inner.to_lowercase().contains("sic") && kind == EditorialKind::Note {
                        kind = EditorialKind::Sic;
                    }
                    spans.push(EditorialSpan {
                        start: i,
                        end: j + 1,
                        kind,
                    });
                    i = j + 1;
                    continue;
                }
            }
            '<' if chars.get(i + 1) == Some(&'…') && chars.get(i + 2) == Some(&'>') => {
                spans.push(EditorialSpan {
                    start: i,
                    end: i + 3,
                    kind: EditorialKind::Omission,
                });
                i += 3;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, EditorialKind)> {
        let chars: Vec<char> = text.chars().collect();
        find_editorial_spans(text)
            .into_iter()
            .map(|s| (chars[s.start..s.end].iter().collect(), s.kind))
            .collect()
    }

    #[test]
    fn classifies_the_papers_marks() {
        let k = kinds(
            "in your [sic--trans.] struggle <…> [I] had [trans. note: on the Isla] [not copied] \
             Nº 149 [SIC] [ed. note: probably PSP] [January or February?-ed.]",
        );
        assert_eq!(
            k.iter().map(|(_, k)| *k).collect::<Vec<_>>(),
            vec![
                EditorialKind::Sic,
                EditorialKind::Omission,
                EditorialKind::Insertion,
                EditorialKind::Note,
                EditorialKind::Omission,
                EditorialKind::Sic,
                EditorialKind::Note,
                EditorialKind::Note,
            ]
        );
        assert_eq!(k[0].0, "[sic--trans.]");
    }

    #[test]
    fn offsets_are_chars_not_bytes() {
        let spans = find_editorial_spans("Núñez’s [Antonio] x");
        assert_eq!((spans[0].start, spans[0].end), (8, 17));
    }
}
