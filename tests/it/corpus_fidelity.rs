//! The corpus is faithful to the source, word for word: every whitespace token of the PDF
//! extraction is in exactly one place (a document text, an editor's heading, a footnote, or a
//! logged removal), and every change is in the repair log.

use crate::{corpus_dir, workspace};
use readingroom::corpus::build::{BuildSpec, Catalog, Layout, RepairKind, RepairRow};
use readingroom::corpus::load::parse_ron;
use std::collections::{BTreeMap, HashMap};

fn read(name: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(name)).unwrap()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Place {
    Heading(usize),
    Text(usize),
    Footnote(u32),
}

#[test]
fn every_source_word_is_in_exactly_one_place() {
    let source = read("source/cwihp-wp90-hershberg.txt");
    let lines: Vec<&str> = source.split('\n').collect();
    let catalog: Catalog =
        parse_ron(&corpus_dir().join("catalog.ron"), &read("catalog.ron")).unwrap();
    let spec: BuildSpec = parse_ron(
        &corpus_dir().join("source/spec.ron"),
        &read("source/spec.ron"),
    )
    .unwrap();
    let layout: Layout = parse_ron(&corpus_dir().join("layout.ron"), &read("layout.ron")).unwrap();
    let log: Vec<RepairRow> = csv::Reader::from_reader(read("repairs.csv").as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap();

    // Which place claims each line (footnote texts printed inside a document's lines win).
    let mut claims: Vec<Vec<Place>> = vec![Vec::new(); lines.len() + 1];
    for (d, meta) in catalog.documents.iter().enumerate() {
        let src = meta.source_lines.as_ref().unwrap();
        if let Some((a, b)) = src.heading {
            (a..=b).for_each(|l| claims[l as usize].push(Place::Heading(d)));
        }
        let (a, b) = src.text;
        (a..=b).for_each(|l| claims[l as usize].push(Place::Text(d)));
    }
    for f in &spec.footnotes {
        for l in f.text.0..=f.text.1 {
            claims[l as usize].clear();
            claims[l as usize].push(Place::Footnote(f.number));
        }
    }

    let removed: HashMap<u32, &RepairRow> = log
        .iter()
        .filter(|r| RepairKind::LINE_REMOVALS.contains(&r.kind.as_str()))
        .map(|r| (r.line, r))
        .collect();
    let mut token_repairs: HashMap<u32, Vec<&RepairRow>> = HashMap::new();
    for r in log
        .iter()
        .filter(|r| RepairKind::TOKEN_REPAIRS.contains(&r.kind.as_str()))
    {
        token_repairs.entry(r.line).or_default().push(r);
    }

    let mut expected: BTreeMap<Place, Vec<String>> = BTreeMap::new();
    let mut source_words = 0;
    let mut removed_words = 0;
    for (i, line) in lines.iter().enumerate() {
        let ln = (i + 1) as u32;
        let tokens: Vec<&str> = line.split_whitespace().collect();
        source_words += tokens.len();
        if tokens.is_empty() {
            continue;
        }
        if let Some(r) = removed.get(&ln) {
            assert_eq!(
                r.before,
                line.trim(),
                "line {ln}: the log removes a different line"
            );
            removed_words += tokens.len();
            continue;
        }
        let place = match claims[i + 1].as_slice() {
            [p] => *p,
            [] => panic!("line {ln} is in no document, footnote or removal: {line:?}"),
            many => panic!("line {ln} is claimed by {many:?}"),
        };
        let mut out: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
        for r in token_repairs.get(&ln).into_iter().flatten() {
            let hits: Vec<usize> = out
                .iter()
                .enumerate()
                .filter(|(_, t)| **t == r.before)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                hits.len(),
                1,
                "line {ln}: repair {:?} must match exactly one token",
                r.before
            );
            if r.after.is_empty() {
                out.remove(hits[0]);
                removed_words += 1;
            } else {
                out[hits[0]] = r.after.clone();
            }
        }
        expected.entry(place).or_default().extend(out);
    }

    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let mut placed = 0;
    for (d, meta) in catalog.documents.iter().enumerate() {
        let text = read(&format!("texts/{}.txt", meta.id));
        let got = words(&text);
        assert_eq!(
            expected.get(&Place::Text(d)).cloned().unwrap_or_default(),
            got,
            "text of {} differs from its source lines",
            meta.id
        );
        placed += got.len();
        let heading = layout.documents[&meta.id]
            .heading
            .clone()
            .unwrap_or_default();
        let got = words(&heading);
        assert_eq!(
            expected
                .get(&Place::Heading(d))
                .cloned()
                .unwrap_or_default(),
            got,
            "heading of {}",
            meta.id
        );
        placed += got.len();
    }
    for f in &layout.footnotes {
        let got = words(&f.text);
        assert_eq!(
            expected[&Place::Footnote(f.number)],
            got,
            "footnote {}",
            f.number
        );
        placed += got.len();
    }
    assert_eq!(
        source_words,
        placed + removed_words,
        "every source word is accounted for"
    );
}

#[test]
fn the_committed_corpus_is_what_the_builder_makes() {
    let out = readingroom::corpus::build::build_from_dir(&corpus_dir()).unwrap();
    for (id, text) in &out.texts {
        assert_eq!(
            read(&format!("texts/{id}.txt")),
            format!("{text}\n"),
            "texts/{id}.txt is stale: run `readingroom corpus build`"
        );
    }
    assert_eq!(
        read("layout.ron"),
        readingroom::corpus::build::layout_ron(&out.layout)
    );
    assert_eq!(
        read("repairs.csv"),
        readingroom::corpus::build::repairs_csv(&out.repairs)
    );
    assert_eq!(
        read("REPAIRS.md"),
        readingroom::corpus::build::repairs_markdown(&out.repairs)
    );
}

#[test]
fn repairs_restore_hyphens_and_rejoin_the_sentence_cut_by_footnote_6() {
    let ws = crate::workspace();
    let text = |id: &str| ws.corpus.get(id).unwrap().text.clone();
    assert!(text("essay-new-york-1960").contains("cigar-chomping barbudo"));
    assert!(text("essay-new-york-1960").contains("African-Americans"));
    assert!(text("essay-bay-of-pigs-1961").contains("by anti-Castro exiles"));
    assert!(
        text("1961-04-22-kudryavtsev-castro-dorticos-message").contains("combined-arms tactics")
    );
    assert!(text("essay-assassination-1961").contains("“August 1960-May 1961,”"));
    let castro = text("castro-1992-havana");
    assert!(castro.contains("dealing with a peasant—a very wise peasant—but"));
    assert!(
        !castro.contains("Ramonet"),
        "footnote 6's text is not in Castro's words"
    );
    // No running heads, page numbers or footnote numbers left in any text.
    for d in &ws.corpus.documents {
        assert!(!d.text.contains("www.cwihp.org"), "{}", d.meta.id);
        assert!(!d.text.contains("CWIHP Working Paper #90"), "{}", d.meta.id);
        assert!(!d.text.contains("***"), "{}", d.meta.id);
    }
    // Verbatim oddities are kept.
    assert!(text("1961-03-03-kudryavtsev-castro-lunch").contains("Francоist"));
    assert!(text("1960-09-14-kudryavtsev-roa").contains("your [sic--trans.] struggle"));
}

/// What a double click (a word) and a triple click (a paragraph) select.
#[test]
fn words_and_paragraphs_at_an_offset() {
    let ws = workspace();
    let doc = ws.corpus.get("khrushchev-memoir-1974").unwrap();
    let chars: Vec<char> = doc.text.chars().collect();
    let find = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        (0..chars.len())
            .find(|&i| chars[i..].starts_with(&n))
            .unwrap()
    };
    let at = find("Castro’s hotel");
    assert_eq!(doc.word_at(at + 3), (at, at + "Castro’s".chars().count()));
    assert_eq!(doc.slice_chars(at, at + 8), "Castro’s");
    let space = at + "Castro’s".chars().count();
    assert_eq!(
        doc.word_at(space),
        (space, space),
        "a space selects nothing"
    );
    let (start, end) = doc.paragraph_at(at);
    let para = doc.slice_chars(start, end);
    assert!(para.contains("Castro’s hotel") && !para.contains("\n\n"));
    assert!(start == 0 || doc.slice_chars(start - 2, start) == "\n\n");
}
