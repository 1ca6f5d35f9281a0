//! Speaker attribution speed: every sentence of the corpus attributed, and one person's
//! concordance. `cargo bench --bench speakers`.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::Workspace;
use readingroom::speakers::SpeakerIndex;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let ws = Workspace::load(None).unwrap();
    let mut g = c.benchmark_group("speakers");
    g.bench_function("attribute the whole corpus (28 documents)", |b| {
        b.iter(|| black_box(SpeakerIndex::build(&ws.corpus, &ws.people)))
    });
    g.bench_function("concordance of Fidel Castro", |b| {
        b.iter(|| black_box(ws.speakers.concordance(&ws.corpus, "fidel-castro")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
