//! Sentence alignment speed: the memoir pair, and two 100 KB texts (made of the corpus, the
//! second an edited copy of the first). `cargo bench --bench align`.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::Workspace;
use readingroom::compare::align_texts;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let ws = Workspace::load(None).unwrap();
    let mut g = c.benchmark_group("align");
    g.bench_function("memoir pair 1974/2007 (with people)", |b| {
        b.iter(|| black_box(ws.align("khrushchev-memoir-1974", "khrushchev-memoir-2007", &[])))
    });
    let mut a = String::new();
    let mut i = 0;
    while a.len() < 100_000 {
        a.push_str(&ws.corpus.documents[i % ws.corpus.documents.len()].text);
        a.push_str("\n\n");
        i += 1;
    }
    // The second text: every seventh sentence dropped, every fifth reworded, a paragraph added.
    let sentences = readingroom::compare::sentences(&a);
    let mut b = String::new();
    for (k, s) in sentences.iter().enumerate() {
        if k % 7 == 3 {
            continue;
        }
        if k % 5 == 0 {
            b.push_str(
                &s.text
                    .replace(" the ", " that ")
                    .replace(" and ", " as well as "),
            );
        } else {
            b.push_str(&s.text);
        }
        b.push(' ');
        if k % 40 == 0 {
            b.push_str("An added sentence that has no counterpart in the other text at all. ");
        }
    }
    println!(
        "two texts of {} and {} bytes, {} sentences",
        a.len(),
        b.len(),
        sentences.len()
    );
    g.sample_size(10);
    g.bench_function("two 100 KB texts", |bch| {
        bch.iter(|| black_box(align_texts(&a, &b)))
    });
    g.finish();
}

criterion_group!(align_benches, bench);
criterion_main!(align_benches);
