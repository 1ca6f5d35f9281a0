//! Issue 13's costs: anchoring worst cases on a 2 MB document, a 10,000-note notebook with
//! 1,000 orphans (cold and remembered), importing 100,000 annotations and listing a
//! 100,000-note notebook. Run with `cargo bench --bench hostile`; figures in
//! docs/PERFORMANCE.md.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::Workspace;
use readingroom::notes::anchor_memo::AnchorMemo;
use readingroom::notes::model::{Annotation, Notebook, Target, new_id, text_target};
use readingroom::notes::{AnchorText, NotebookFile};
use std::hint::black_box;
use std::time::Duration;

fn note(target: Target, i: usize) -> Annotation {
    Annotation {
        id: new_id(),
        target,
        note: format!("Note {i}: compare with the 1974 memoir."),
        tags: vec![["Bay of Pigs", "Harlem", "Kennedy"][i % 3].to_string()],
        author: ["Ana", "Ben"][i % 2].to_string(),
        created: "2026-12-01T10:00:00Z".into(),
        modified: "2026-12-01T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

/// `n` notes over the primary documents; every `orphan_every`-th quote is in no text.
fn notebook(ws: &Workspace, n: usize, orphan_every: usize) -> Notebook {
    let docs: Vec<_> = ws.corpus.primary().collect();
    let mut nb = Notebook::default();
    for i in 0..n {
        let d = docs[i % docs.len()];
        let s = (i * 131) % (d.char_len - 200);
        let mut target = text_target(d.id(), &d.text, s, s + 40 + i % 120);
        if orphan_every > 0
            && i % orphan_every == 0
            && let Target::Text { quote, .. } = &mut target
        {
            quote.exact = format!("a passage {i} that the editor removed from this text");
        }
        nb.annotations.push(note(target, i));
    }
    nb
}

fn anchoring(c: &mut Criterion) {
    let ws = Workspace::load(None).unwrap();
    let mut text = String::new();
    while text.len() < 2_000_000 {
        for d in &ws.corpus.documents {
            text.push_str(&d.text);
            text.push_str("\n\n");
        }
    }
    let big = AnchorText::new(&text);
    let at = |start: usize, len: usize| text_target("big", &text, start, start + len);
    let missing = |len: usize| {
        let mut t = at(1000, len);
        if let Target::Text { quote, .. } = &mut t {
            quote.exact = "Qzx".repeat(len / 3 + 1).chars().take(len).collect();
        }
        t
    };
    let mut g = c.benchmark_group("anchor-2MB-document");
    g.sample_size(10);
    g.bench_function("baseline: a note at its stored place", |b| {
        let t = at(1_500_000, 80);
        b.iter(|| black_box(big.anchor(&t)))
    });
    g.bench_function(
        "orphan, 256-char quote (whole-quote bit-parallel search)",
        |b| {
            let t = missing(256);
            b.iter(|| black_box(big.anchor(&t)))
        },
    );
    g.bench_function("orphan, 2000-char quote (tail search, banded check)", |b| {
        let t = missing(2000);
        b.iter(|| black_box(big.anchor(&t)))
    });
    g.bench_function("a common word moved, 1 MB of context each side", |b| {
        let mut t = at(1_500_000, 3);
        if let Target::Text {
            quote, position, ..
        } = &mut t
        {
            quote.exact = "the".into();
            quote.prefix = "p".repeat(1_000_000);
            quote.suffix = "s".repeat(1_000_000);
            position.start = 7;
            position.end = 10;
        }
        b.iter(|| black_box(big.anchor(&t)))
    });
    g.finish();

    let nb = notebook(&ws, 10_000, 10);
    let dir = tempfile::tempdir().unwrap();
    let memo_path = dir.path().join(".nb.ron.anchors");
    let mut g = c.benchmark_group("anchor-10k-notes-1k-orphans");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("cold (nothing remembered)", |b| {
        b.iter(|| black_box(AnchorMemo::default().anchor_all(&ws.corpus, &nb)))
    });
    let mut memo = AnchorMemo::default();
    memo.anchor_all(&ws.corpus, &nb);
    memo.save(&memo_path).unwrap();
    g.bench_function("remembered (memo file read, then every note placed)", |b| {
        b.iter(|| black_box(AnchorMemo::load(&memo_path).anchor_all(&ws.corpus, &nb)))
    });
    g.finish();
}

fn import_and_list(c: &mut Criterion) {
    let ws = Workspace::load(None).unwrap();
    let big = notebook(&ws, 100_000, 0);
    let dir = tempfile::tempdir().unwrap();
    let jsonld = dir.path().join("100k.jsonld");
    std::fs::write(
        &jsonld,
        readingroom::export::notebook::json_ld(&ws, &big, &[], &[]),
    )
    .unwrap();
    println!(
        "100,000 annotations of JSON-LD: {} bytes",
        std::fs::metadata(&jsonld).unwrap().len()
    );
    let mut g = c.benchmark_group("import-100k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(40));
    g.bench_function("read + merge into an empty notebook", |b| {
        b.iter(|| {
            let incoming = readingroom::export::import::read(&ws, &jsonld).unwrap();
            let mut nb = Notebook::default();
            black_box(readingroom::export::import::merge_into(
                &ws, &mut nb, &incoming,
            ))
        })
    });
    let incoming = readingroom::export::import::read(&ws, &jsonld).unwrap();
    let mut imported = Notebook::default();
    readingroom::export::import::merge_into(&ws, &mut imported, &incoming);
    g.bench_function("read + merge again (every note already there)", |b| {
        b.iter(|| {
            let incoming = readingroom::export::import::read(&ws, &jsonld).unwrap();
            let mut nb = imported.clone();
            black_box(readingroom::export::import::merge_into(
                &ws, &mut nb, &incoming,
            ))
        })
    });
    g.finish();

    let path = dir.path().join("100k.ron");
    let mut f = NotebookFile::open(&path).unwrap();
    f.notebook = imported;
    f.save().unwrap();
    let list = readingroom::cli::CliCommand::Notes {
        action: readingroom::cli::NotesAction::List {
            notebook: Some(path.clone()),
            json: true,
        },
    };
    let mut g = c.benchmark_group("list-100k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("notes list --json (open, place every note, print)", |b| {
        b.iter(|| black_box(readingroom::cli::run(&ws, &list, None)))
    });
    g.finish();
}

criterion_group!(hostile_benches, anchoring, import_and_list);
criterion_main!(hostile_benches);
