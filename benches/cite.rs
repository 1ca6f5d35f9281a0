//! Citations by the CSL processor (issue 19, part 1), on what a user waits for: File → Export
//! notes as Markdown of 10,000 notes, with a citation for every note and the bibliography,
//! first with nothing remembered (a new style, or the first export of the session) and again;
//! beside a baseline in the same run, the same notes exported as a RON notebook (no citations).
//! On the paper's 28 documents and on a generated archive of 10,000 documents (one note on
//! each: every citation a different document). Run with `cargo bench --bench cite`; figures go
//! in docs/PERFORMANCE.md.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::Workspace;
use readingroom::export::cite::{CitationSettings, CitationStyle};
use readingroom::export::notebook::{Format, export};
use readingroom::notes::model::{Annotation, Notebook, new_id, text_target};
use std::hint::black_box;
use std::time::Duration;

/// `n` notes spread over the documents, 40 to 160 characters each.
fn notebook(ws: &Workspace, n: usize) -> Notebook {
    let docs: Vec<_> = ws
        .corpus
        .documents
        .iter()
        .filter(|d| d.char_len > 400)
        .collect();
    let mut nb = Notebook::default();
    for i in 0..n {
        let d = docs[i % docs.len()];
        let text = d.text.read();
        let s = (i * 131) % (d.char_len - 200);
        nb.add(Annotation {
            id: new_id(),
            target: text_target(d.id(), &text, s, s + 40 + i % 120),
            note: format!("Note {i}."),
            tags: Vec::new(),
            author: "Ana".into(),
            created: "2026-12-02T00:00:00Z".into(),
            modified: "2026-12-02T00:00:00Z".into(),
            conflict_of: None,
            other_targets: Vec::new(),
        });
    }
    nb
}

fn styled(ws: &Workspace, style: CitationStyle) -> Workspace {
    let mut ws = ws.clone();
    ws.set_citation_settings(CitationSettings {
        style,
        ..CitationSettings::default()
    });
    ws
}

fn group(c: &mut Criterion, name: &str, ws: &Workspace, nb: &Notebook, samples: usize) {
    let mut g = c.benchmark_group(name);
    g.sample_size(samples);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("baseline: the same notes as a RON notebook", |b| {
        b.iter(|| black_box(export(ws, nb, Format::Ron, &[], &[]).len()))
    });
    for style in [CitationStyle::ChicagoNotes, CitationStyle::Apa] {
        g.bench_function(
            format!("Markdown, {}, nothing remembered", style.slug()),
            |b| {
                b.iter_batched(
                    || styled(ws, style),
                    |fresh| black_box(export(&fresh, nb, Format::Markdown, &[], &[]).len()),
                    criterion::BatchSize::PerIteration,
                )
            },
        );
    }
    let warm = styled(ws, CitationStyle::ChicagoNotes);
    black_box(export(&warm, nb, Format::Markdown, &[], &[]));
    g.bench_function("Markdown, chicago-notes, again", |b| {
        b.iter(|| black_box(export(&warm, nb, Format::Markdown, &[], &[]).len()))
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let paper = Workspace::load(None).expect("the embedded corpus");
    let nb = notebook(&paper, 10_000);
    group(c, "export-10k-notes-28-documents", &paper, &nb, 20);
    let dir = std::env::temp_dir().join("readingroom-bench-archive-10000");
    if !dir.join("catalog.ron").exists() {
        readingroom::corpus::synthetic::write_corpus_dir(&dir, 10_000, 5_000).unwrap();
    }
    let data = std::env::temp_dir().join("readingroom-bench-cite-data");
    let archive = Workspace::load_unanalysed(Some(&dir), &data).expect("the archive");
    let nb = notebook(&archive, 10_000);
    group(c, "export-10k-notes-10k-documents", &archive, &nb, 10);
}

criterion_group!(cite_benches, benches);
criterion_main!(cite_benches);
