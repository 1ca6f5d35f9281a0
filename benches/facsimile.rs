//! The original beside the text, on a 304-page PDF (the importer's LibreOffice diary, 38
//! times over, joined with poppler's `pdfunite`; the diary's 8 pages alone when it is not
//! installed):
//! - the first drawing of a page at screen width through the worker (a child process, as the
//!   window asks it), beside the same page drawn in this process (baseline);
//! - whole headless frames of the window (`App::ui` + tessellate), the reader alone (baseline),
//!   the original beside it with its page drawn (the cached path), and scrolling: the reader
//!   jumps a page each frame and the original follows without waiting for its drawings.
//!
//! Run with `cargo bench --bench facsimile`; figures in docs/PERFORMANCE.md.

use criterion::{Criterion, criterion_group, criterion_main};
use readingroom::facsimile::worker::Runner;
use readingroom::import::isolated::Extraction;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/diary-libreoffice-labelled.pdf")
}

/// The diary 38 times over (304 pages), made once with `pdfunite`; the diary if it cannot be.
fn long_pdf(dir: &Path) -> PathBuf {
    let out = dir.join("diary-304-pages.pdf");
    if out.exists() {
        return out;
    }
    let copies: Vec<PathBuf> = (0..38).map(|_| fixture()).collect();
    let made = std::process::Command::new("pdfunite")
        .args(&copies)
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        out
    } else {
        eprintln!("pdfunite (poppler-utils) is not installed: the 8-page diary is used");
        fixture()
    }
}

fn extraction() -> Extraction {
    Extraction::Isolated {
        program: env!("CARGO_BIN_EXE_readingroom").into(),
        limits: Default::default(),
    }
}

fn first_render(c: &mut Criterion) {
    let dir = std::env::temp_dir().join("readingroom-bench-facsimile");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = long_pdf(&dir);
    let bytes = std::fs::read(&pdf).unwrap();
    let pages = readingroom::facsimile::render::page_sizes(&bytes)
        .unwrap()
        .len() as u32;
    let runner = Runner::for_extraction(&extraction());
    let mut g = c.benchmark_group("facsimile-first-render");
    g.sample_size(30);
    let mut page = 0;
    // A page 1024 pixels wide (a pane of 512 points at 2 pixels per point, or 1024 at 1),
    // another page each time (nothing cached by the worker).
    g.bench_function(
        format!("a page of a {pages}-page PDF at 1024 px, through the worker"),
        |b| {
            b.iter(|| {
                page = page % pages + 1;
                black_box(runner.page(&pdf, page, 1024).unwrap())
            })
        },
    );
    g.bench_function("the same, in this process (baseline)", |b| {
        b.iter(|| {
            page = page % pages + 1;
            black_box(readingroom::facsimile::render::render_page(&bytes, page, 1024).unwrap())
        })
    });
    g.finish();
}

/// The whole window, headless, with the long PDF imported and open.
struct Window {
    ctx: egui::Context,
    app: readingroom::ui::ReadingRoomApp,
    frame: eframe::Frame,
}

impl Window {
    fn frame(&mut self) {
        use eframe::App;
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1600.0, 1000.0),
            )),
            ..Default::default()
        };
        let out = self.ctx.run_ui(raw, |ui| self.app.ui(ui, &mut self.frame));
        black_box(
            self.ctx
                .tessellate(out.shapes.clone(), out.pixels_per_point),
        );
        out.drop_without_applying_deltas();
    }

    /// Frames until `done` (at most a minute).
    fn until(&mut self, done: impl Fn(&readingroom::ui::ReadingRoomApp) -> bool) {
        let started = Instant::now();
        while !done(&self.app) {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "waited too long"
            );
            self.frame();
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn frames(c: &mut Criterion) {
    let dir = std::env::temp_dir().join("readingroom-bench-facsimile");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = long_pdf(&dir);
    let data = tempfile::tempdir().unwrap();
    let app = readingroom::ui::ReadingRoomApp::with_notebook(
        readingroom::Workspace::load(None).unwrap(),
        readingroom::ui::prefs::Prefs::default(),
        &data.path().join("bench.ron"),
        data.path().to_path_buf(),
    );
    let mut w = Window {
        ctx: egui::Context::default(),
        app,
        frame: eframe::Frame::_new_kittest(),
    };
    w.app.extraction = extraction();
    w.app
        .start_import_documents(vec![pdf], Default::default(), None);
    w.until(|a| a.jobs.is_empty());
    let id = w.app.import_report.take().unwrap().added[0].id.clone();
    let i = w.app.workspace.corpus.index_of(&id).unwrap();
    w.app.open_doc(i);
    let doc = w.app.workspace.corpus.documents[i].clone();
    let pages = *readingroom::facsimile::file_pages_of(&doc).end();
    let mut g = c.benchmark_group("facsimile-frame");
    w.app.prefs.panels.facsimile = false;
    w.frame();
    g.bench_function(
        format!("{pages}-page PDF, the reader alone (baseline)"),
        |b| b.iter(|| w.frame()),
    );
    w.app.prefs.panels.facsimile = true;
    w.until(|a| a.facsimile.drawn);
    g.bench_function(
        format!("{pages}-page PDF, the original beside the text, its page drawn, steady"),
        |b| b.iter(|| w.frame()),
    );
    let mut page = 1;
    g.bench_function(
        format!(
            "{pages}-page PDF, scrolling: the text jumps a page each frame, the original follows"
        ),
        |b| {
            b.iter(|| {
                page = page % pages + 1;
                w.app.reader.scroll_to = readingroom::facsimile::text_at_file_page(&doc, page);
                w.frame()
            })
        },
    );
    g.finish();
}

criterion_group!(facsimile_benches, first_render, frames);
criterion_main!(facsimile_benches);
