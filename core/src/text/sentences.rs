//! Sentence segmentation on `unicode-segmentation`'s sentence bounds, with the breaks it makes
//! after initials and abbreviations merged back ("N. S. Khrushchev", "Cde.", "A. I. Alekseyev",
//! "Mr.", "[in September 1959]"), and paragraph breaks always ending a sentence.

use unicode_segmentation::UnicodeSegmentation;

/// A sentence: char offsets into the text, and its text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive, trailing spaces excluded).
    pub end: usize,
    /// Its text, exactly as in the document (`start..end` in chars).
    pub text: String,
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "Cde", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Col", "Lt", "Capt", "Sgt", "No", "Nos",
    "vol", "pp", "ed", "eds", "trans", "cf", "e.g", "i.e", "Jr", "Sr",
];

/// Does this piece end in something that is not a sentence end (an initial, an abbreviation)?
fn ends_with_abbreviation(piece: &str) -> bool {
    // "[Adlai E.] Stevenson": an initial the editor bracketed.
    let t = piece.trim_end().trim_end_matches(']');
    if !t.ends_with('.') {
        return false;
    }
    // "1." opening a numbered point of a record.
    if t.trim_start()
        .trim_end_matches('.')
        .chars()
        .all(|c| c.is_ascii_digit())
    {
        return true;
    }
    let word = t[..t.len() - 1]
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[' || c == '“')
        .next()
        .unwrap_or("");
    let last = word.rsplit('.').next().unwrap_or("");
    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    initial || ABBREVIATIONS.contains(&word) || ABBREVIATIONS.contains(&last)
}

/// Does a bracket or parenthesis opened in this text stay open?
fn unbalanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Splits a text into sentences.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut char_base = 0;
    for para in text.split('\n') {
        let para_chars = para.chars().count();
        let mut pending: Option<(usize, String)> = None;
        let mut offset = 0;
        for piece in para.split_sentence_bounds() {
            let len = piece.chars().count();
            let start = char_base + offset;
            offset += len;
            match &mut pending {
                Some((_, acc)) => acc.push_str(piece),
                None => pending = Some((start, piece.to_string())),
            }
            let (_, acc) = pending.as_ref().expect("pending");
            // Keep going after "N.", "Cde." or inside "[in September 1959]".
            let next_starts_lower = para
                .chars()
                .skip(offset)
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| c.is_lowercase());
            if ends_with_abbreviation(acc) || unbalanced(acc) || next_starts_lower {
                continue;
            }
            let (s, acc) = pending.take().expect("pending");
            push(&mut out, s, &acc);
        }
        if let Some((s, acc)) = pending.take() {
            push(&mut out, s, &acc);
        }
        char_base += para_chars + 1;
    }
    out
}

fn push(out: &mut Vec<Sentence>, start: usize, raw: &str) {
    let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = start + lead;
    out.push(Sentence {
        start,
        end: start + trimmed.chars().count(),
        text: trimmed.to_string(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        sentences(t).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn initials_and_abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts(
                "I told R. Roa that Cde. N. S. Khrushchev will be glad. Counsellor Cde. A. I. Alekseyev was present."
            ),
            vec![
                "I told R. Roa that Cde. N. S. Khrushchev will be glad.",
                "Counsellor Cde. A. I. Alekseyev was present."
            ]
        );
        assert_eq!(
            texts(
                "He had been a guard when I was a guest of President Eisenhower [in September 1959]. Then we left."
            ),
            vec![
                "He had been a guard when I was a guest of President Eisenhower [in September 1959].",
                "Then we left."
            ]
        );
    }

    #[test]
    fn bracketed_initials_and_list_numbers_do_not_end_sentences() {
        assert_eq!(
            texts("He noted further that [Adlai E.] Stevenson said so. Then he left."),
            vec![
                "He noted further that [Adlai E.] Stevenson said so.",
                "Then he left."
            ]
        );
        assert_eq!(
            texts("1. Referring to instructions I informed them. 2. Several questions arose."),
            vec![
                "1. Referring to instructions I informed them.",
                "2. Several questions arose."
            ]
        );
    }

    #[test]
    fn paragraphs_end_sentences_and_offsets_are_chars() {
        let t = "Núñez came\n\nCastro’s delegation arrived. It was late.";
        let s = sentences(t);
        assert_eq!(s.len(), 3);
        let chars: Vec<char> = t.chars().collect();
        for x in &s {
            assert_eq!(chars[x.start..x.end].iter().collect::<String>(), x.text);
        }
    }

    #[test]
    fn quotes_and_questions() {
        assert_eq!(
            texts("“Call Castro and tell him I’m on my way,” I ordered. Was it right? Yes!"),
            vec![
                "“Call Castro and tell him I’m on my way,” I ordered.",
                "Was it right?",
                "Yes!"
            ]
        );
    }
}
