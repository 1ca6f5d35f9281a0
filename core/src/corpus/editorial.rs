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

/// The spans of one paragraph. Brackets are ASCII, so the scan is over bytes; chars are counted
/// only between marks (a 5 KB text takes microseconds, not tens of them).
fn spans_in(text: &str) -> Vec<EditorialSpan> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut counted_byte, mut counted_chars) = (0usize, 0usize);
    let mut char_at = |byte: usize| {
        counted_chars += text[counted_byte..byte].chars().count();
        counted_byte = byte;
        counted_chars
    };
    let mut i = 0;
    while let Some(found) = text[i..].find(['[', '<']) {
        let at = i + found;
        if bytes[at] == b'[' {
            let mut depth = 0usize;
            let mut j = at;
            while j < bytes.len() {
                match bytes[j] {
                    b'[' => depth += 1,
                    b']' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b'\n' => break,
                    _ => {}
                }
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b']' {
                let inner = &text[at + 1..j];
                let mut kind = classify(inner);
                // "[sic: ...]" or "[... [sic] ...]" and "[sic--trans.]" count as sic.
                if kind == EditorialKind::Note && inner.to_lowercase().contains("sic") {
                    kind = EditorialKind::Sic;
                }
                let start = char_at(at);
                let end = char_at(j + 1);
                spans.push(EditorialSpan { start, end, kind });
                i = j + 1;
                continue;
            }
        } else if text[at..].starts_with("<…>") {
            let start = char_at(at);
            spans.push(EditorialSpan {
                start,
                end: start + 3,
                kind: EditorialKind::Omission,
            });
            i = at + "<…>".len();
            continue;
        }
        i = at + 1;
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
