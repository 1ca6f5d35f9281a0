//! The document's text matched to the glyphs of its original's pages, giving each word its
//! box. The text is not the glyphs' text: the import joined lines, rejoined hyphenated words,
//! removed running heads and page numbers. So the two are matched as sequences of letters (a
//! diff of the page's non-space chars against the glyphs'), and a word takes the boxes of its
//! matched letters, one box per line it spans.

use super::glyphs::PageGlyphs;
use super::{TextBox, TextBoxes};
use crate::import::PageStart;
use similar::{Algorithm, DiffOp};
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

/// Longest a page's match may take (a page the diff cannot finish in time keeps what it found).
const PAGE_DEADLINE: Duration = Duration::from_millis(250);

/// A char for matching: compatibility-decomposed (a ligature "ﬁ" is "fi"), lower case.
fn fold(c: char) -> impl Iterator<Item = char> {
    std::iter::once(c).nfkc().flat_map(char::to_lowercase)
}

/// The boxes of the words of `text`, whose pages begin at `pages` (char offsets and the file's
/// page numbers), on the glyphs of those pages.
pub fn text_boxes(text: &str, pages: &[PageStart], glyphs: &[PageGlyphs]) -> TextBoxes {
    let chars: Vec<char> = text.chars().collect();
    let mut boxes = Vec::new();
    for (k, p) in pages.iter().enumerate() {
        let end = pages
            .get(k + 1)
            .map_or(chars.len(), |n| n.at)
            .min(chars.len());
        if p.at >= end {
            continue;
        }
        let Some(page) = glyphs.iter().find(|g| g.page == p.index) else {
            continue;
        };
        page_boxes(&chars, p.at, end, page, &mut boxes);
    }
    boxes.sort_by_key(|b| (b.start, b.end));
    TextBoxes {
        boxes,
        text_hash: super::text_hash(text),
    }
}

/// The boxes of the words in `chars[start..end]`, found on `page`.
fn page_boxes(chars: &[char], start: usize, end: usize, page: &PageGlyphs, out: &mut Vec<TextBox>) {
    // The page's letters, each with the offset it came from.
    let mut text: Vec<(char, usize)> = Vec::new();
    for (i, &c) in chars[start..end].iter().enumerate() {
        if !c.is_whitespace() {
            text.extend(fold(c).map(|f| (f, start + i)));
        }
    }
    let mut drawn: Vec<(char, usize)> = Vec::new();
    for (g, glyph) in page.glyphs.iter().enumerate() {
        for c in glyph.text.chars().filter(|c| !c.is_whitespace()) {
            drawn.extend(fold(c).map(|f| (f, g)));
        }
    }
    let a: Vec<char> = drawn.iter().map(|d| d.0).collect();
    let b: Vec<char> = text.iter().map(|t| t.0).collect();
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &a,
        &b,
        Some(Instant::now() + PAGE_DEADLINE),
    );
    // Each offset of the text: the glyph it was drawn with, if matched.
    let mut glyph_of: Vec<Option<usize>> = vec![None; end - start];
    for op in ops {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                let offset = text[new_index + k].1;
                glyph_of[offset - start].get_or_insert(drawn[old_index + k].1);
            }
        }
    }
    // Words: runs of non-space chars.
    let mut i = start;
    while i < end {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let word_start = i;
        while i < end && !chars[i].is_whitespace() {
            i += 1;
        }
        word_boxes(word_start, i, start, &glyph_of, page, out);
    }
}

/// The boxes of one word `[ws, we)`: one per line its matched letters stand on.
fn word_boxes(
    ws: usize,
    we: usize,
    start: usize,
    glyph_of: &[Option<usize>],
    page: &PageGlyphs,
    out: &mut Vec<TextBox>,
) {
    let mut current: Option<TextBox> = None;
    for offset in ws..we {
        let Some(g) = glyph_of[offset - start] else {
            continue;
        };
        let r = page.glyphs[g].rect;
        match &mut current {
            Some(b) if same_line(&b.rect, &r) => {
                b.end = offset + 1;
                b.rect = union(b.rect, r);
            }
            _ => {
                if let Some(b) = current.take() {
                    out.push(b);
                }
                let first = out.last().is_none_or(|l| l.end <= ws);
                current = Some(TextBox {
                    start: if first { ws } else { offset },
                    end: offset + 1,
                    page: page.page,
                    rect: r,
                });
            }
        }
    }
    if let Some(mut b) = current {
        b.end = we;
        out.push(b);
    }
}

fn same_line(a: &[f32; 4], b: &[f32; 4]) -> bool {
    let height = (a[3] - a[1]).max(b[3] - b[1]);
    ((a[1] + a[3]) / 2.0 - (b[1] + b[3]) / 2.0).abs() < height / 2.0 && b[0] >= a[0] - height
}

fn union(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facsimile::glyphs::PageGlyph;

    fn glyphs(line: &str, y: f32) -> Vec<PageGlyph> {
        line.chars()
            .enumerate()
            .map(|(i, c)| PageGlyph {
                text: c.to_string(),
                rect: [i as f32 * 0.01, y, i as f32 * 0.01 + 0.01, y + 0.02],
            })
            .collect()
    }

    #[test]
    fn words_find_their_letters_through_the_imports_repairs() {
        // The page drew a running head, a word hyphenated at a line end and a page number; the
        // text has the head and number removed and the word rejoined.
        let mut g = glyphs("HEAD", 0.0);
        g.extend(glyphs("the gov-", 0.1));
        g.extend(glyphs("ernment met", 0.2));
        g.extend(glyphs("7", 0.9));
        let page = PageGlyphs { page: 3, glyphs: g };
        let text = "the government met";
        let pages = [PageStart {
            at: 0,
            index: 3,
            label: "7".into(),
        }];
        let b = text_boxes(text, &pages, &[page]);
        let words: Vec<(&str, [f32; 4])> = b
            .boxes
            .iter()
            .map(|x| {
                let s: String = text.chars().skip(x.start).take(x.end - x.start).collect();
                (Box::leak(s.into_boxed_str()) as &str, x.rect)
            })
            .collect();
        assert_eq!(words[0].0, "the");
        assert!((words[0].1[1] - 0.1).abs() < 1e-6);
        // "government" is on two lines: two boxes.
        assert_eq!(words[1].0, "gov");
        assert_eq!(words[2].0, "ernment");
        assert!((words[2].1[1] - 0.2).abs() < 1e-6);
        assert_eq!(words[3].0, "met");
        assert_eq!(b.boxes.iter().filter(|x| x.page == 3).count(), 4);
        // The outline of "government met" is two lines.
        assert_eq!(b.outline(3, 4, 18).len(), 2);
        // A point on "met" finds it.
        let at = b.word_at(3, 0.09, 0.21).unwrap();
        assert_eq!((at.start, at.end), (15, 18));
    }
}
