//! Load and search on a generated corpus of 10,000 documents (~50 MB), and on the real corpus.
//! Run with `cargo bench --bench corpus`; figures go in docs/PERFORMANCE.md.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::corpus::Corpus;
use readingroom::search::SearchIndex;
use std::hint::black_box;
use std::path::Path;

/// Writes a corpus directory of `n` documents of about `bytes` each, made of the real texts.
fn generate(dir: &Path, n: usize, bytes: usize) {
    let real = Corpus::embedded();
    let pool: Vec<&str> = real.documents.iter().map(|d| d.text.as_str()).collect();
    std::fs::create_dir_all(dir.join("texts")).unwrap();
    let mut catalog = String::from("Catalog(documents: [\n");
    let mut layout = String::from("Layout(documents: {\n");
    for i in 0..n {
        let id = format!("gen-{i:05}");
        let mut text = String::with_capacity(bytes + 4096);
        let mut k = i;
        while text.len() < bytes {
            text.push_str(pool[k % pool.len()]);
            text.push_str("\n\n");
            k += 7;
        }
        text.push_str(&format!("Document number {i}."));
        std::fs::write(dir.join("texts").join(format!("{id}.txt")), &text).unwrap();
        catalog.push_str(&format!(
            "(id: \"{id}\", title: \"Generated document {i}\", short_title: \"Gen {i}\", kind: RecordOfConversation, date: Some(\"1961-{:02}-{:02}\")),\n",
            1 + i % 12,
            1 + i % 28
        ));
        layout.push_str(&format!(
            "\"{id}\": (pages: [(at: 0, page: {})]),\n",
            1 + i % 49
        ));
    }
    catalog.push_str("])\n");
    layout.push_str("}, footnotes: [])\n");
    std::fs::write(dir.join("catalog.ron"), catalog).unwrap();
    std::fs::write(dir.join("layout.ron"), layout).unwrap();
    std::fs::write(dir.join("people.ron"), "[]").unwrap();
}

fn benches(c: &mut Criterion) {
    let dir = std::env::temp_dir().join("readingroom-bench-corpus-10k");
    if !dir.join("catalog.ron").exists() {
        generate(&dir, 10_000, 5_000);
    }
    let mut group = c.benchmark_group("generated-10k");
    group.sample_size(10);
    group.bench_function("load (parse, validate, read texts)", |b| {
        b.iter(|| black_box(Corpus::load_dir(&dir).unwrap()))
    });
    group.bench_function("open: load and build the search index", |b| {
        b.iter(|| {
            let c = Corpus::load_dir(&dir).unwrap();
            black_box(SearchIndex::build(&c))
        })
    });
    let corpus = Corpus::load_dir(&dir).unwrap();
    group.bench_function("build search index", |b| {
        b.iter(|| black_box(SearchIndex::build(&corpus)))
    });
    let ws = readingroom::Workspace::from_parts(corpus.clone(), Default::default());
    let opts = readingroom::search::SearchOptions::default();
    group.bench_function("search word", |b| {
        b.iter(|| black_box(ws.find("Escambray", &opts).unwrap()))
    });
    group.bench_function("search phrase", |b| {
        b.iter(|| black_box(ws.find("\"cosmonaut of peace\"", &opts).unwrap()))
    });
    group.bench_function("search curly quote and accent", |b| {
        b.iter(|| black_box(ws.find("Castro's Nunez", &opts).unwrap()))
    });
    group.finish();

    let mut real = c.benchmark_group("embedded");
    real.bench_function("load workspace (corpus, people, search)", |b| {
        b.iter(|| black_box(readingroom::Workspace::load(None).unwrap()))
    });
    real.finish();
}

criterion_group!(corpus_benches, benches);
criterion_main!(corpus_benches);
