//! Notes across two versions: a passage of the 1974 memoir lands on the aligned sentence of the
//! 2007 version (and back), one-sided sentences have no counterpart, your corrections are the
//! ground truth, and each row says how sure the alignment is.

use crate::workspace;
use readingroom::compare::projection::{Confidence, Counterpart, Versions, counterpart_of};
use readingroom::notes::model::{AlignmentCorrection, Notebook, text_hash};

const A: &str = "khrushchev-memoir-1974";
const B: &str = "khrushchev-memoir-2007";

/// The sentence of `doc` that starts with `prefix`: its char range.
fn sentence(doc: &str, prefix: &str) -> (usize, usize) {
    let d = workspace().corpus.get(doc).unwrap();
    let s = readingroom::text::sentences(&d.text)
        .into_iter()
        .find(|s| s.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("{doc}: no sentence starts with {prefix:?}"));
    (s.start, s.end)
}

fn text(doc: &str, (s, e): (usize, usize)) -> String {
    workspace().corpus.get(doc).unwrap().slice_chars(s, e)
}

#[test]
fn a_passage_lands_on_the_aligned_sentence_of_the_other_version_and_back() {
    let ws = workspace();
    let nb = Notebook::default();
    let v = Versions::new(ws, &nb, A, B).unwrap();
    // The gold alignment's sure link: "The Americans …" in both versions.
    let (s, e) = sentence(A, "The Americans");
    let p = v.project(A, s + 4, e - 2).unwrap();
    assert_eq!(p.doc, B);
    // The row pairs it with "I don't remember … The Americans took …" (two 2007 sentences,
    // the gold's possible and sure links): the passage lands on both.
    let there = text(B, p.range.unwrap());
    assert!(
        there.contains("The Americans took an insulting attitude"),
        "{there}"
    );
    assert!(
        there.len() < 400,
        "the aligned sentences, not more: {there}"
    );
    assert!(matches!(p.status, Counterpart::Changed | Counterpart::Same));
    assert!(p.confidence.is_some());
    // And back: the 2007 sentence lands on the 1974 one.
    let (s2, e2) = sentence(B, "The Americans");
    let back = v.project(B, s2, e2).unwrap();
    assert_eq!(back.doc, A);
    assert!(text(A, back.range.unwrap()).contains("The Americans"));
}

#[test]
fn a_sentence_in_one_version_only_has_no_counterpart_and_a_passage_across_is_partly_there() {
    let ws = workspace();
    let nb = Notebook::default();
    let v = Versions::new(ws, &nb, A, B).unwrap();
    let al = &v.alignment;
    let k = al
        .groups
        .iter()
        .position(|g| g.a.is_empty() && !g.b.is_empty())
        .expect("the 2007 version has sentences of its own");
    let j = al.groups[k].b[0];
    let only = (al.b[j].start, al.b[j].end);
    let p = v.project(B, only.0, only.1).unwrap();
    assert_eq!(p.status, Counterpart::Missing, "{}", text(B, only));
    assert_eq!(p.range, None);
    assert_eq!(p.confidence, None);
    // With the paired sentence before it: partly there, and `changed` asks for it too.
    let before = (0..k)
        .rev()
        .find(|&r| !al.groups[r].one_sided())
        .map(|r| *al.groups[r].b.last().unwrap())
        .unwrap();
    let p = v.project(B, al.b[before].start, only.1).unwrap();
    assert_eq!(p.status, Counterpart::Partly);
    assert!(p.range.is_some());
    assert!(Counterpart::Partly.answers(Counterpart::Changed));
    assert!(!Counterpart::Missing.answers(Counterpart::Changed));
}

#[test]
fn your_corrections_are_the_ground_truth_of_the_projection() {
    let ws = workspace();
    let (da, db) = (ws.corpus.get(A).unwrap(), ws.corpus.get(B).unwrap());
    let plain = Versions::new(ws, &Notebook::default(), A, B).unwrap();
    // Pin the first 1974 sentence to the last 2007 sentence.
    let last = plain.alignment.b.len() - 1;
    let mut nb = Notebook::default();
    nb.alignments.push(AlignmentCorrection {
        a: A.into(),
        b: B.into(),
        a_hash: text_hash(&da.text),
        b_hash: text_hash(&db.text),
        pins: vec![(vec![0], vec![last])],
    });
    let v = Versions::new(ws, &nb, A, B).unwrap();
    let first = &v.alignment.a[0];
    let p = v.project(A, first.start, first.end).unwrap();
    assert_eq!(
        p.range,
        Some((v.alignment.b[last].start, v.alignment.b[last].end))
    );
    assert_eq!(p.confidence, Some(Confidence::Corrected));
    // A correction made on other texts is set aside: the automatic alignment stands.
    nb.alignments[0].a_hash = "0".into();
    let v = Versions::new(ws, &nb, A, B).unwrap();
    let p = v.project(A, first.start, first.end).unwrap();
    assert_ne!(p.confidence, Some(Confidence::Corrected));
}

#[test]
fn the_memoirs_are_versions_and_so_is_any_pair_you_corrected() {
    let ws = workspace();
    let nb = Notebook::default();
    assert_eq!(counterpart_of(ws, &nb, A), Some((B.to_string(), true)));
    assert_eq!(counterpart_of(ws, &nb, B), Some((A.to_string(), false)));
    let (x, y) = (
        "1960-09-14-kudryavtsev-roa",
        "1960-09-15-kudryavtsev-castro",
    );
    assert_eq!(counterpart_of(ws, &nb, x), None);
    let mut nb = Notebook::default();
    nb.alignments.push(AlignmentCorrection {
        a: x.into(),
        b: y.into(),
        a_hash: String::new(),
        b_hash: String::new(),
        pins: vec![(vec![0], vec![0])],
    });
    assert_eq!(counterpart_of(ws, &nb, y), Some((x.to_string(), false)));
}

#[test]
fn confidence_bands_follow_similarity_and_confident_neighbours() {
    let ws = workspace();
    let v = Versions::new(ws, &Notebook::default(), A, B).unwrap();
    let c = readingroom::compare::projection::confidences(&v.alignment, &[]);
    for (g, c) in v.alignment.groups.iter().zip(&c) {
        match c {
            None => assert!(g.one_sided()),
            Some(Confidence::High) => assert!(g.score >= 0.45),
            Some(Confidence::Medium) => assert!(g.score < 0.45),
            Some(Confidence::Low) => assert!(g.score < 0.2),
            Some(Confidence::Corrected) => panic!("nothing pinned"),
        }
    }
    assert!(c.contains(&Some(Confidence::High)) && c.contains(&Some(Confidence::Medium)));
}

/// A note on the `n`th sentence of `doc`.
fn note_on(id: &str, doc: &str, range: (usize, usize)) -> readingroom::notes::model::Annotation {
    let d = workspace().corpus.get(doc).unwrap();
    readingroom::notes::model::Annotation {
        id: id.into(),
        target: readingroom::notes::model::text_target(doc, &d.text, range.0, range.1),
        note: String::new(),
        tags: vec!["Harlem".into()],
        author: "Ana".into(),
        created: "2026-12-07T10:00:00Z".into(),
        modified: "2026-12-07T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

#[test]
fn questions_ask_for_passages_whose_counterpart_is_missing_or_changed() {
    use readingroom::search::notes::{NoteOrder, ask};
    use readingroom::search::query::{Expr, parse};
    let ws = workspace();
    assert_eq!(
        parse("counterpart:missing").unwrap(),
        Some(Expr::Counterpart(Counterpart::Missing))
    );
    let err = parse("tag:x AND counterpart:gone").unwrap_err();
    assert_eq!(err.at, 11, "{err}");
    assert!(err.message.contains("counterpart:missing"), "{err}");
    let v = Versions::new(ws, &Notebook::default(), A, B).unwrap();
    let al = &v.alignment;
    let only = al.groups.iter().find(|g| g.a.is_empty()).unwrap().b[0];
    let paired = al
        .groups
        .iter()
        .find(|g| {
            !g.one_sided()
                && v.project(B, al.b[g.b[0]].start, al.b[g.b[0]].end)
                    .unwrap()
                    .status
                    == Counterpart::Changed
        })
        .unwrap()
        .b[0];
    let mut nb = Notebook::default();
    nb.add(note_on("only-2007", B, (al.b[only].start, al.b[only].end)));
    nb.add(note_on(
        "reworded",
        B,
        (al.b[paired].start, al.b[paired].end),
    ));
    let record = ws.corpus.get("1960-09-20-khrushchev-castro").unwrap();
    nb.add(note_on("record", record.id(), (0, 30)));
    let answer = |q: &str| -> Vec<String> {
        let mut v: Vec<String> = ask(ws, &nb, &Default::default(), q, NoteOrder::Document)
            .unwrap()
            .iter()
            .map(|h| nb.annotations[h.note].id.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(answer("counterpart:missing"), ["only-2007"]);
    assert_eq!(answer("counterpart:changed"), ["reworded"]);
    assert_eq!(
        answer("counterpart:missing OR counterpart:changed"),
        ["only-2007", "reworded"]
    );
    assert_eq!(
        answer("tag:Harlem AND NOT counterpart:missing"),
        ["record", "reworded"],
        "a record has no other version: NOT takes it"
    );
    assert!(answer("counterpart:same").is_empty());
    // The document search says where to ask.
    let err = ws
        .find(
            "Castro AND counterpart:missing",
            &readingroom::search::SearchOptions::default(),
        )
        .unwrap_err();
    assert!(err.message.contains("Questions about my notes"), "{err}");
}

#[test]
fn a_link_dragged_from_one_side_to_another_row_is_kept_as_a_correction() {
    use readingroom::compare::{Side, link_rows};
    let ws = workspace();
    let v = Versions::new(ws, &Notebook::default(), A, B).unwrap();
    let groups = &v.alignment.groups;
    // A row and the next row that both pair sentences.
    let i = (0..groups.len() - 1)
        .find(|&i| !groups[i].one_sided() && !groups[i + 1].one_sided())
        .unwrap();
    let pins = link_rows(groups, &[], i, Side::A, i + 1).unwrap();
    assert_eq!(pins, vec![(groups[i].a.clone(), groups[i + 1].b.clone())]);
    // Re-aligned with the pin: the 1974 sentences of row i now face row i+1's 2007 sentences,
    // marked as your correction.
    let al = ws.align(A, B, &pins).unwrap();
    let linked = al
        .groups
        .iter()
        .position(|g| g.a == groups[i].a && g.b == groups[i + 1].b)
        .expect("the linked row");
    let c = readingroom::compare::projection::confidences(&al, &pins);
    assert_eq!(c[linked], Some(Confidence::Corrected));
    // Nothing to link: a row with itself, an empty side, both sides.
    assert!(link_rows(groups, &[], i, Side::A, i).is_none());
    assert!(link_rows(groups, &[], i, Side::Both, i + 1).is_none());
    let only_b = groups.iter().position(|g| g.a.is_empty()).unwrap();
    assert!(link_rows(groups, &[], only_b, Side::A, i).is_none());
}
