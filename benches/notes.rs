//! A notebook of 10,000 notes: save (serialise, atomic write, fsync, history snapshot) and load
//! (read, parse). Run with `cargo bench --bench notes`; figures go in docs/PERFORMANCE.md.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::corpus::Corpus;
use readingroom::notes::NotebookFile;
use readingroom::notes::model::{Annotation, Notebook, new_id, now_rfc3339, text_target};
use std::hint::black_box;

fn notebook(n: usize) -> Notebook {
    let corpus = Corpus::embedded();
    let docs: Vec<_> = corpus.primary().collect();
    let mut nb = Notebook::default();
    for i in 0..n {
        let d = docs[i % docs.len()];
        let s = (i * 131) % (d.char_len - 200);
        let now = now_rfc3339();
        nb.add(Annotation {
            id: new_id(),
            target: text_target(d.id(), &d.text, s, s + 40 + i % 120),
            note: format!("Note {i}: compare with the 1974 memoir; see also *Cuba on the Brink*."),
            tags: vec![
                ["Bay of Pigs", "New York", "Khrushchev", "assassination"][i % 4].to_string(),
            ],
            author: ["Ana", "Ben"][i % 2].to_string(),
            created: now.clone(),
            modified: now,
            conflict_of: None,
            other_targets: Vec::new(),
        });
    }
    nb
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let nb = notebook(10_000);
    let mut file = NotebookFile::open(&path).unwrap();
    file.notebook = nb.clone();
    file.save().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!("notebook of 10,000 notes: {size} bytes");
    let mut g = c.benchmark_group("notebook-10k");
    g.sample_size(20);
    let mut flip = 0u64;
    g.bench_function("save (changed, atomic, fsync, snapshot)", |b| {
        b.iter(|| {
            flip += 1;
            file.notebook.annotations[0].note = format!("edit {flip}");
            file.save().unwrap();
        })
    });
    g.bench_function("load (read, parse)", |b| {
        b.iter(|| black_box(NotebookFile::open(&path).unwrap()))
    });
    g.bench_function("serialise only", |b| {
        b.iter(|| black_box(readingroom::notes::store::to_text(&nb)))
    });
    g.finish();
}

criterion_group!(notes_benches, benches);
criterion_main!(notes_benches);
