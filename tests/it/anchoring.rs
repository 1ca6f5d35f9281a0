//! Selectors and anchoring: stored quotes over multi-byte text, and notes finding their passage
//! again after the text was edited.

use crate::workspace;
use proptest::prelude::*;
use readingroom::notes::model::{Target, text_target};
use readingroom::notes::{AnchorStatus, AnchorText};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// For random selections (over curly apostrophes, accents, paragraph breaks) the stored quote
    /// is the document text between the stored char offsets.
    #[test]
    fn stored_quote_equals_text_between_offsets(doc in 0usize..28, a in 0usize..100_000, len in 0usize..400) {
        let d = &workspace().corpus.documents[doc];
        let start = a % d.char_len.max(1);
        let end = (start + len).min(d.char_len);
        let t = text_target(d.id(), &d.text, start, end);
        let Target::Text { quote, position, .. } = t else { unreachable!() };
        prop_assert_eq!(&quote.exact, &d.slice_chars(position.start, position.end));
        prop_assert_eq!((position.start, position.end), (start, end));
        prop_assert_eq!(&quote.prefix, &d.slice_chars(start.saturating_sub(32), start));
        prop_assert!(quote.suffix.chars().count() <= 32);
    }
}

#[test]
fn selections_over_multibyte_characters() {
    let d = workspace()
        .corpus
        .get("1960-09-20-khrushchev-castro")
        .unwrap();
    let byte = d.text.find("Núñez").unwrap();
    let s = d.text[..byte].chars().count();
    let Target::Text { quote, .. } = text_target(d.id(), &d.text, s, s + 14) else {
        panic!()
    };
    assert_eq!(quote.exact, "Núñez Jimenez,");
}

/// A small deterministic random generator for the edit experiment.
pub struct Lcg(pub u64);
impl Lcg {
    /// The next number below `n`.
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[derive(Debug, Default)]
struct Tally {
    correct: usize,
    shifted: usize,
    orphan_expected: usize,
    orphan_unexpected: usize,
    wrong: usize,
}

/// Applies an edit to a text and says where the selection [s, e) went (None if it was deleted).
fn edit(
    text: &[char],
    s: usize,
    e: usize,
    kind: usize,
    rng: &mut Lcg,
) -> (Vec<char>, Option<(usize, usize)>) {
    let mut t = text.to_vec();
    match kind {
        // Text inserted before the quote.
        0 => {
            let at = rng.next(s + 1);
            let ins: Vec<char> = "[Editor’s insertion: a corrected passage.] "
                .chars()
                .collect();
            t.splice(at..at, ins.iter().copied());
            (t, Some((s + ins.len(), e + ins.len())))
        }
        // A typo fixed inside the quote (one char replaced).
        1 => {
            let at = s + rng.next(e - s);
            t[at] = if t[at] == 'x' { 'y' } else { 'x' };
            (t, Some((s, e)))
        }
        // The passage deleted (with some text around it).
        2 => {
            let a = s.saturating_sub(rng.next(20));
            let b = (e + rng.next(20)).min(t.len());
            t.drain(a..b);
            (t, None)
        }
        // The quote's paragraph duplicated further on: the quote now occurs twice.
        3 => {
            let copy: Vec<char> = text[s.saturating_sub(60)..(e + 60).min(text.len())].to_vec();
            let mut t2 = t.clone();
            t2.push_str_chars("\n\n");
            t2.extend(copy);
            (t2, Some((s, e)))
        }
        // A word changed just after the quote, and a word inserted at the very start.
        _ => {
            let after = (e + 5).min(t.len());
            t.splice(after..after, "altered ".chars());
            t.splice(0..0, "Note. ".chars());
            (t, Some((s + 6, e + 6)))
        }
    }
}

trait PushChars {
    fn push_str_chars(&mut self, s: &str);
}
impl PushChars for Vec<char> {
    fn push_str_chars(&mut self, s: &str) {
        self.extend(s.chars());
    }
}

#[test]
fn anchoring_over_deliberately_edited_texts_rarely_lands_on_the_wrong_passage() {
    let ws = workspace();
    let mut rng = Lcg(90);
    let mut tallies: Vec<Tally> = (0..5).map(|_| Tally::default()).collect();
    for d in ws.corpus.primary() {
        let chars: Vec<char> = d.text.chars().collect();
        for _ in 0..40 {
            let len = 8 + rng.next(120);
            if chars.len() < len + 10 {
                continue;
            }
            let s = rng.next(chars.len() - len);
            let e = s + len;
            let target = text_target(d.id(), &d.text, s, e);
            for (kind, t) in tallies.iter_mut().enumerate() {
                let (edited, truth) = edit(&chars, s, e, kind, &mut rng);
                let edited: String = edited.into_iter().collect();
                let got = AnchorText::new(&edited).anchor(&target);
                match (got.status, truth) {
                    (AnchorStatus::Orphan, None) => t.orphan_expected += 1,
                    (AnchorStatus::Orphan, Some(_)) => t.orphan_unexpected += 1,
                    (_, None) => t.wrong += 1,
                    (_, Some((ts, te))) => {
                        // Right passage: the exact range, or (an edge char edited) most of it.
                        let overlap = got.end.min(te).saturating_sub(got.start.max(ts));
                        if (got.start, got.end) == (ts, te) {
                            t.correct += 1
                        } else if overlap * 10 >= (te - ts) * 8
                            && got.end - got.start <= (te - ts) * 5 / 4 + 1
                        {
                            t.shifted += 1
                        } else {
                            t.wrong += 1
                        }
                    }
                }
            }
        }
    }
    let names = [
        "insert before",
        "typo fixed in quote",
        "passage deleted",
        "quote duplicated",
        "context changed",
    ];
    let mut total = 0;
    let mut wrong = 0;
    for (name, t) in names.iter().zip(&tallies) {
        println!(
            "{name:<22} exact {:>4}  edge shifted {:>3}  orphan (right) {:>4}  orphan (lost) {:>4}  wrong passage {:>4}",
            t.correct, t.shifted, t.orphan_expected, t.orphan_unexpected, t.wrong
        );
        total += t.correct + t.shifted + t.orphan_expected + t.orphan_unexpected + t.wrong;
        wrong += t.wrong;
    }
    println!("wrong passage: {wrong} of {total}");
    assert!(total > 2000);
    assert!(
        (wrong as f64) / (total as f64) <= 0.005,
        "{wrong} of {total} notes landed on the wrong passage"
    );
    assert_eq!(
        tallies[0].correct + tallies[0].orphan_unexpected,
        tallies[0].correct,
        "insertions never lose a note"
    );
    assert!(
        tallies[1].orphan_unexpected * 20 <= tallies[1].correct + tallies[1].shifted,
        "typo fixes are found"
    );
}

#[test]
fn placements_are_remembered_beside_the_notebook_and_a_damaged_memo_is_rebuilt() {
    use readingroom::notes::anchor_memo::AnchorMemo;
    use readingroom::notes::model::{Annotation, Notebook};
    let ws = workspace();
    let d = ws.corpus.get("1961-04-13-kudryavtsev-castro").unwrap();
    let mut nb = Notebook::default();
    for (i, start) in [100usize, 900, 2000].into_iter().enumerate() {
        let mut target = text_target(d.id(), &d.text, start, start + 40);
        if i == 2 {
            // An orphan: the expensive case, the one worth remembering.
            if let Target::Text { quote, .. } = &mut target {
                quote.exact = "words that are in no document of this corpus at all".into();
            }
        }
        nb.add(Annotation {
            id: format!("n{i}"),
            target,
            note: String::new(),
            tags: vec![],
            author: String::new(),
            created: String::new(),
            modified: String::new(),
            conflict_of: None,
            other_targets: Vec::new(),
        });
    }
    let dir = tempfile::tempdir().unwrap();
    let path = AnchorMemo::path_for(&dir.path().join("nb.ron"));
    let mut memo = AnchorMemo::default();
    let cold = memo.anchor_all(&ws.corpus, &nb);
    memo.save(&path).unwrap();
    assert_eq!(cold["n2"][0].status, AnchorStatus::Orphan);
    // Read back: the same placements, and they come from the file (an edited copy proves it).
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 5, "header, 3 notes, checksum");
    let warm = AnchorMemo::load(&path).anchor_all(&ws.corpus, &nb);
    assert_eq!(warm, cold);
    // A memo entry, altered with a valid checksum, is what comes back: placements are read,
    // not searched for again.
    let body = text
        .trim_end()
        .rsplit_once('\n')
        .unwrap()
        .0
        .replace(" orphan 0 0 0", " orphan 7 7 0");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    std::fs::write(&path, format!("{body}\nend {h:016x}\n")).unwrap();
    assert_eq!(
        AnchorMemo::load(&path).anchor_all(&ws.corpus, &nb)["n2"][0].start,
        7
    );
    // A damaged memo is ignored, never trusted.
    std::fs::write(&path, text.replace(" orphan 0 0 0", " exact 1 2 1")).unwrap();
    let rebuilt = AnchorMemo::load(&path).anchor_all(&ws.corpus, &nb);
    assert_eq!(rebuilt, cold);
}
