//! Importing the researcher's files, end to end (the file read in the isolated worker, the
//! documents written, the library loaded with them analysed and indexed, and a search that
//! finds them), beside baselines in the same run: `pdftotext` on the same PDFs (when poppler is
//! installed) and a frame of the window with no import running.
//!
//! - PDFs: ten text-layer PDFs of 8 pages each (the LibreOffice fixture, each made distinct).
//! - FRUS: a generated FRUS-shaped TEI volume of 1,000 documents (~5 MB).
//! - The window: frames while a folder of 1,000 text files imports in the background.
//!
//! Run with `cargo bench --bench import`; figures in docs/PERFORMANCE.md.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::Workspace;
use readingroom::import::folder::import_paths;
use readingroom::import::isolated::{Extraction, Limits};
use readingroom::import::store::ImportOptions;
use readingroom::search::SearchOptions;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn options() -> ImportOptions {
    ImportOptions {
        extraction: Extraction::Isolated {
            program: env!("CARGO_BIN_EXE_readingroom").into(),
            limits: Limits::default(),
        },
        ..ImportOptions::default()
    }
}

/// Ten distinct copies of the 8-page labelled PDF (a comment after `%%EOF` makes each one
/// another file to the duplicate check; readers ignore it).
fn pdf_folder() -> PathBuf {
    let dir = std::env::temp_dir().join("readingroom-bench-pdfs");
    if !dir.join("diary-9.pdf").exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let pdf = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import/diary-libreoffice-labelled.pdf"),
        )
        .unwrap();
        for i in 0..10 {
            let mut copy = pdf.clone();
            copy.extend_from_slice(format!("\n% copy {i}\n").as_bytes());
            std::fs::write(dir.join(format!("diary-{i}.pdf")), copy).unwrap();
        }
    }
    dir
}

fn frus_file() -> PathBuf {
    let dir = std::env::temp_dir().join("readingroom-bench-frus");
    let file = dir.join("volume-1000.xml");
    if !file.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            &file,
            readingroom::import::synthetic::frus_volume(1_000, 5_000),
        )
        .unwrap();
    }
    file
}

/// Imports into a fresh data directory, loads the library with the new documents analysed and
/// indexed, and searches it; returns the number of hits.
fn import_end_to_end(paths: &[PathBuf], query: &str) -> usize {
    let data = tempfile::tempdir().unwrap();
    let registry = readingroom::people::Registry::embedded();
    let report = import_paths(
        data.path(),
        paths,
        &options(),
        &mut Default::default(),
        &registry,
        None,
    );
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let ws = Workspace::load_with_user_documents(None, data.path()).unwrap();
    let hits = ws.find(query, &SearchOptions::default()).unwrap();
    assert!(hits.total > 0);
    hits.total
}

fn imports(c: &mut Criterion) {
    let pdfs = pdf_folder();
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
    {
        g.bench_function("baseline: pdftotext on 10 PDFs (80 pages)", |b| {
            b.iter(|| {
                for i in 0..10 {
                    let out = std::process::Command::new("pdftotext")
                        .arg(pdfs.join(format!("diary-{i}.pdf")))
                        .arg("-")
                        .output()
                        .unwrap();
                    black_box(out.stdout.len());
                }
            })
        });
    }
    g.bench_function(
        "10 PDFs (80 text-layer pages): import, analyse, index, search",
        |b| {
            b.iter(|| {
                black_box(import_end_to_end(
                    std::slice::from_ref(&pdfs),
                    "plenipotentiary",
                ))
            })
        },
    );
    let frus = frus_file();
    g.measurement_time(Duration::from_secs(60));
    g.bench_function(
        "FRUS volume, 1,000 documents (~5 MB): import, analyse, index, search",
        |b| b.iter(|| black_box(import_end_to_end(std::slice::from_ref(&frus), "Bonsal"))),
    );
    g.finish();
}

/// A folder of `n` small text files, each distinct.
fn text_folder(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("readingroom-bench-texts-{n}"));
    if !dir.join(format!("note-{:04}.txt", n - 1)).exists() {
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..n {
            std::fs::write(
                dir.join(format!("note-{i:04}.txt")),
                format!(
                    "Entry {i} of the embassy diary.\n\nThe ambassador met the minister, who said that Castro would speak on {i} May."
                ),
            )
            .unwrap();
        }
    }
    dir
}

fn window(c: &mut Criterion) {
    use egui_kittest::Harness;
    use readingroom::ui::ReadingRoomApp;
    use readingroom::ui::prefs::Prefs;
    let folder = text_folder(1_000);
    let home = tempfile::tempdir().unwrap();
    let data = home.path().to_path_buf();
    let make = |data: PathBuf| {
        let ws = Workspace::load(None).unwrap();
        let nb = data.join("n.ron");
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_eframe(move |_cc| {
                ReadingRoomApp::with_notebook(ws.clone(), Prefs::default(), &nb, data.clone())
            });
        h.state_mut().extraction = options().extraction;
        h.run();
        h
    };
    let mut g = c.benchmark_group("window-while-importing");
    g.sample_size(20);
    let mut idle = make(data.join("idle"));
    g.bench_function("baseline: a frame with nothing importing", |b| {
        b.iter(|| idle.step())
    });
    let mut h = make(data.join("busy"));
    let mut round = 0;
    g.bench_function("a frame while a folder of 1,000 files imports", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                if h.state().jobs.is_empty() {
                    // A fresh data directory each round, so the files are new to it.
                    round += 1;
                    let fresh = data.join(format!("busy-{round}"));
                    std::fs::create_dir_all(&fresh).unwrap();
                    h = make(fresh);
                    h.state_mut().start_import_documents(
                        vec![folder.clone()],
                        ImportOptions::default(),
                        None,
                    );
                }
                let t = Instant::now();
                h.step();
                spent += t.elapsed();
            }
            spent
        })
    });
    g.finish();
}

criterion_group!(import_group, imports, window);
criterion_main!(import_group);
