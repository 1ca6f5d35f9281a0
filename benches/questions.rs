//! Questions about 10,000 notes (`search::notes::ask`): a notes-only question (tags with their
//! children, an author), one that also asks the passages' speakers and dates, and one with
//! words, beside a baseline in the same run: one pass over the notes comparing a tag name (the
//! least any question must do). Run with `cargo bench --bench questions`; figures go in
//! docs/PERFORMANCE.md. The budget (issue 18) is 10 ms for notes-only questions.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::Workspace;
use readingroom::notes::model::{Annotation, Notebook, Tag, new_id, text_target};
use readingroom::search::notes::{NoteOrder, NoteWords, ask_with};
use std::collections::HashMap;
use std::hint::black_box;

const TAGS: [&str; 6] = [
    "Assassination",
    "CIA plots",
    "Mafia",
    "Bay of Pigs",
    "New York",
    "Khrushchev",
];

fn notebook(ws: &Workspace, n: usize) -> Notebook {
    let docs: Vec<_> = ws.corpus.primary().collect();
    let mut nb = Notebook {
        tags: TAGS
            .iter()
            .map(|t| Tag {
                parent: match *t {
                    "CIA plots" => Some("Assassination".into()),
                    "Mafia" => Some("CIA plots".into()),
                    _ => None,
                },
                ..Tag::new(*t, "#1f5fa8")
            })
            .collect(),
        ..Notebook::default()
    };
    for i in 0..n {
        let d = docs[i % docs.len()];
        let s = (i * 131) % (d.char_len - 200);
        nb.add(Annotation {
            id: new_id(),
            target: text_target(d.id(), &d.text, s, s + 40 + i % 120),
            note: format!("Note {i}: compare with the 1974 memoir; see also Cuba on the Brink."),
            tags: vec![TAGS[i % TAGS.len()].to_string()],
            author: ["Ana", "Ben"][i % 2].to_string(),
            created: "2026-12-02T00:00:00Z".into(),
            modified: "2026-12-02T00:00:00Z".into(),
            conflict_of: None,
            other_targets: Vec::new(),
        });
    }
    nb
}

fn benches(c: &mut Criterion) {
    let ws = Workspace::load(None).expect("the embedded corpus");
    let nb = notebook(&ws, 10_000);
    let anchors = HashMap::new();
    // What the Questions view keeps per notebook revision.
    let mut words = NoteWords::default();
    words.update(&ws, &nb, 1);
    let mut g = c.benchmark_group("questions-10k-notes");
    g.bench_function("cut the notes' words (once per notebook change)", |b| {
        b.iter(|| {
            let mut w = NoteWords::default();
            w.update(&ws, &nb, 1);
            black_box(w)
        })
    });
    g.bench_function("baseline: one pass comparing a tag", |b| {
        b.iter(|| {
            black_box(
                nb.annotations
                    .iter()
                    .filter(|a| a.tags.iter().any(|t| t == "Mafia"))
                    .count(),
            )
        })
    });
    for (name, q) in [
        (
            "notes only: tag:Assassination AND by:Ana",
            "tag:Assassination AND by:Ana",
        ),
        (
            "with the passages: tag: AND spoke: AND date: AND NOT kind:",
            "tag:\"CIA plots\" AND spoke:\"Fidel Castro\" AND date:1961-03..1961-06 AND NOT kind:commentary",
        ),
        (
            "words, few notes match: Mongoose OR \"Bay of Pigs\"",
            "Mongoose OR \"Bay of Pigs\"",
        ),
        (
            "words, every note matches: Castro OR memoir",
            "Castro OR memoir",
        ),
        (
            "the other version: counterpart:missing OR counterpart:changed (memoirs aligned once)",
            "counterpart:missing OR counterpart:changed",
        ),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    ask_with(&ws, &nb, &anchors, Some(&words), q, NoteOrder::Document)
                        .unwrap()
                        .len(),
                )
            })
        });
    }
    use readingroom::search::cooccurrence::{Axis, Proximity, cooccurrence};
    use readingroom::search::query::PersonRole;
    for (name, rows, cols, proximity) in [
        (
            "co-occurrence: tags x people who speak",
            Axis::Tags,
            Axis::People(PersonRole::Spoke),
            Proximity::SameNote,
        ),
        (
            "co-occurrence: tags x tags, overlapping passages too",
            Axis::Tags,
            Axis::Tags,
            Proximity::Overlapping,
        ),
        (
            "co-occurrence: tags x tags, within 2 sentences too",
            Axis::Tags,
            Axis::Tags,
            Proximity::WithinSentences(2),
        ),
        (
            "co-occurrence: tags x months",
            Axis::Tags,
            Axis::Months,
            Proximity::SameNote,
        ),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(cooccurrence(&ws, &nb, &anchors, rows, cols, proximity).max()))
        });
    }
    use readingroom::search::frequency::{FrequencyOptions, code_frequency};
    let tags: Vec<String> = TAGS.iter().map(|t| t.to_string()).collect();
    g.bench_function(
        "codes over time: 6 codes by month, with the codes under them",
        |b| {
            let opts = FrequencyOptions {
                with_children: true,
                ..FrequencyOptions::default()
            };
            b.iter(|| black_box(code_frequency(&ws, &nb, &anchors, &tags, opts).max()))
        },
    );
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
