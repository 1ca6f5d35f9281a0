//! Text folding for search: case, diacritics, curly vs straight quotes, dashes, Cyrillic
//! homoglyphs ("Francоist" with a Cyrillic о) and runs of whitespace all fold to one form.
//! A folded text keeps a sparse map back to the original byte and char offsets.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Latin look-alikes of (lowercase) Cyrillic letters that turn up in PDF extractions
/// ("Francоist" with a Cyrillic о). Applied after lowercasing, so both cases fold alike.
fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        'і' => 'i',
        'к' => 'k',
        'м' => 'm',
        'т' => 't',
        'н' => 'h',
        'в' => 'b',
        _ => return None,
    })
}

/// Pushes the folded form of one char (lowercase, no accents, plain quotes and dashes).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '’' | '‘' | 'ʼ' | '′' | '‚' => out.push('\''),
        '“' | '”' | '„' | '″' | '«' | '»' => out.push('"'),
        '–' | '—' | '‐' | '‑' | '‒' | '―' => out.push('-'),
        '…' => out.push_str("..."),
        _ => {
            for d in std::iter::once(c).nfkd() {
                if is_combining_mark(d) {
                    continue;
                }
                // "Ё" decomposes to "Е", lowercases to "е", and folds on to the Latin "e".
                for l in d.to_lowercase() {
                    out.push(homoglyph(l).unwrap_or(l));
                }
            }
        }
    }
}

/// Folds a string for comparison: "Castro’s" and "castro's" fold alike, "Núñez" to "nunez".
pub fn fold(s: &str) -> String {
    FoldedText::new(s).folded
}

/// Removes accents but keeps case and everything else ("Núñez" → "Nunez").
pub fn strip_diacritics(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.chars()
        .flat_map(|c| {
            let mut v: Vec<char> = Vec::new();
            let lower = c.to_lowercase().next().unwrap_or(c);
            if let Some(h) = homoglyph(lower) {
                v.push(if c.is_uppercase() {
                    h.to_ascii_uppercase()
                } else {
                    h
                });
            } else {
                v.extend(std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)));
            }
            v
        })
        .collect()
}

/// A point where the relation between folded and original offsets changes.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    folded: u32,
    orig_byte: u32,
    orig_char: u32,
}

/// A folded text with a map back to the original offsets.
#[derive(Debug, Clone)]
pub struct FoldedText {
    /// The folded text.
    pub folded: String,
    checkpoints: Vec<Checkpoint>,
}

impl FoldedText {
    /// Folds `text` and records the offset map. ASCII (most of the corpus) takes a fast path;
    /// a checkpoint is recorded after every char whose folded form is not one byte for one byte.
    pub fn new(text: &str) -> FoldedText {
        let bytes = text.as_bytes();
        let mut folded = String::with_capacity(text.len());
        let mut checkpoints = vec![Checkpoint {
            folded: 0,
            orig_byte: 0,
            orig_char: 0,
        }];
        let mut last_space = false;
        let mut need_checkpoint = false;
        let mut ci = 0usize;
        let mut bi = 0usize;
        while bi < bytes.len() {
            if need_checkpoint {
                checkpoints.push(Checkpoint {
                    folded: folded.len() as u32,
                    orig_byte: bi as u32,
                    orig_char: ci as u32,
                });
                need_checkpoint = false;
            }
            let b = bytes[bi];
            if b < 0x80 {
                if b.is_ascii_whitespace() {
                    if last_space {
                        need_checkpoint = true;
                    } else {
                        folded.push(' ');
                    }
                    last_space = true;
                } else {
                    folded.push(b.to_ascii_lowercase() as char);
                    last_space = false;
                }
                bi += 1;
            } else {
                let c = text[bi..].chars().next().expect("char boundary");
                if c.is_whitespace() {
                    if !last_space {
                        folded.push(' ');
                    }
                    last_space = true;
                } else {
                    fold_char(c, &mut folded);
                    last_space = false;
                }
                bi += c.len_utf8();
                need_checkpoint = true;
            }
            ci += 1;
        }
        FoldedText {
            folded,
            checkpoints,
        }
    }

    /// Original (byte, char) offset of a folded byte offset.
    pub fn to_original(&self, folded_byte: usize) -> (usize, usize) {
        let i = self
            .checkpoints
            .partition_point(|c| c.folded as usize <= folded_byte)
            .saturating_sub(1);
        let cp = self.checkpoints[i];
        let d = folded_byte - cp.folded as usize;
        let mut byte = cp.orig_byte as usize + d;
        let mut ch = cp.orig_char as usize + d;
        // Inside an expansion ("…" → "..."): clamp to the next checkpoint.
        if let Some(next) = self.checkpoints.get(i + 1) {
            byte = byte.min(next.orig_byte as usize);
            ch = ch.min(next.orig_char as usize);
        }
        (byte, ch)
    }
}

/// Where a query occurs in a text, folded alike ("kennedy" finds "Kennedy’s", "nunez" finds
/// "Núñez"): char ranges of the original text, in order.
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let folded = FoldedText::new(text);
    folded
        .folded
        .match_indices(q.as_str())
        .map(|(i, m)| (folded.to_original(i).1, folded.to_original(i + m.len()).1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_all_gives_char_ranges_of_the_original() {
        let text = "Núñez said Kennedy’s plan; KENNEDY again.";
        let hits = find_all(text, "kennedy");
        let chars: Vec<char> = text.chars().collect();
        let words: Vec<String> = hits
            .iter()
            .map(|&(a, b)| chars[a..b].iter().collect())
            .collect();
        assert_eq!(words, ["Kennedy", "KENNEDY"]);
        assert_eq!(find_all(text, "nunez"), [(0, 5)]);
        assert!(find_all(text, "  ").is_empty());
    }

    #[test]
    fn folds_quotes_accents_homoglyphs_and_case() {
        assert_eq!(fold("Castro’s"), fold("castro's"));
        assert_eq!(fold("Núñez Jiménez"), "nunez jimenez");
        assert_eq!(fold("Francоist"), "francoist");
        assert_eq!(fold("a  \n\n b"), "a b");
        assert_eq!(strip_diacritics("Dorticós"), "Dorticos");
    }

    #[test]
    fn maps_folded_offsets_back() {
        let text = "Núñez’s … “Francоist” priests";
        let f = FoldedText::new(text);
        let pos = f.folded.find("priests").unwrap();
        let (byte, ch) = f.to_original(pos);
        assert_eq!(&text[byte..], "priests");
        assert_eq!(text.chars().skip(ch).collect::<String>(), "priests");
        let pos = f.folded.find("francoist").unwrap();
        let (_, ch) = f.to_original(pos);
        let (_, end) = f.to_original(pos + "francoist".len());
        assert_eq!(
            text.chars().skip(ch).take(end - ch).collect::<String>(),
            "Francоist"
        );
    }
}
