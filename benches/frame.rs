//! One headless frame of the reader (run_ui + tessellate), as in egui_demo_lib's benchmark:
//! the longest document with 500 annotations, then with every layer overlapping, a selection
//! and the caret moving; a 2 MB document steady, after a window resize and after adding a note. Run with `cargo bench --bench frame`; figures in docs/PERFORMANCE.md.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use readingroom::corpus::{Corpus, Document, Kind};
use readingroom::ui::highlight::{AnnotationMark, Highlights};
use readingroom::ui::reader::Reader;
use std::hint::black_box;

fn input(width: f32) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(width, 800.0))),
        ..Default::default()
    }
}

struct Bench {
    ctx: egui::Context,
    reader: Reader,
    doc: Document,
    highlights: Highlights,
    revision: u64,
}

impl Bench {
    fn frame(&mut self, width: f32) {
        self.frame_input(input(width));
    }

    /// A frame in which a key is pressed with Shift (the caret extends the selection).
    fn frame_with_key(&mut self, width: f32, key: egui::Key) {
        let mut raw = input(width);

        raw.events.push(egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::SHIFT,
        });
        self.frame_input(raw);
    }

    fn frame_input(&mut self, raw: RawInput) {
        let out = self.ctx.run_ui(raw, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                black_box(
                    self.reader
                        .show(ui, 0, &self.doc, &self.highlights, self.revision),
                );
            });
        });
        let prims = self
            .ctx
            .tessellate(out.shapes.clone(), out.pixels_per_point);
        black_box(prims);
        out.drop_without_applying_deltas();
    }
}

fn with_notes(doc: &Document, n: usize) -> Highlights {
    let mut h = Highlights::default();
    let len = doc.char_len.max(1);
    for i in 0..n {
        let start = (i * 7919) % len.saturating_sub(80).max(1);
        h.annotations.push(AnnotationMark {
            start,
            end: start + 20 + i % 60,
            id: format!("n{i}"),
            color: egui::Color32::from_rgb(31, 119, 180),
            label: format!("note (tag {i})"),
        });
    }
    h.annotations.sort_by_key(|a| a.start);
    h
}

fn bench(c: &mut Criterion) {
    let corpus = Corpus::embedded();
    let longest = corpus
        .documents
        .iter()
        .max_by_key(|d| d.char_len)
        .unwrap()
        .clone();
    let mut b = Bench {
        ctx: egui::Context::default(),
        reader: Reader::default(),
        highlights: with_notes(&longest, 500),
        doc: longest,
        revision: 1,
    };
    b.frame(1280.0);
    b.frame(1280.0);
    let mut g = c.benchmark_group("reader-frame");
    g.bench_function("longest document, 500 notes, steady", |bench| {
        bench.iter(|| b.frame(1280.0))
    });
    // Every layer at once where they overlap (notes over notes, names, search hits, the
    // paper's editorial marks), a selection over several paragraphs, and the caret moved
    // with Shift+Right every frame.
    let mut every = with_notes(&b.doc, 500);
    let extra: Vec<AnnotationMark> = every
        .annotations
        .iter()
        .map(|a| AnnotationMark {
            start: a.start + 5,
            end: a.end + 15,
            id: format!("{}-over", a.id),
            color: egui::Color32::from_rgb(179, 38, 30),
            label: "note (over)".into(),
        })
        .collect();
    every.annotations.extend(extra);
    every.annotations.sort_by_key(|a| a.start);
    let len = b.doc.char_len;
    every.mentions = (0..len / 60)
        .map(|k| readingroom::ui::highlight::MentionMark {
            start: k * 60 + 3,
            end: k * 60 + 12,
            color: egui::Color32::from_rgb(120, 60, 200),
            label: "Fidel Castro, Prime Minister of Cuba".into(),
        })
        .collect();
    every.search = (0..len / 90).map(|k| (k * 90 + 7, k * 90 + 13)).collect();
    every.editorial = b.doc.editorial.iter().map(|m| (m.start, m.end)).collect();
    b.highlights = every;
    b.revision += 1;
    b.reader.selection = Some(readingroom::ui::reader::Selection {
        anchor: 200,
        head: 2200,
    });
    b.frame(1280.0);
    g.bench_function(
        "longest document, every layer overlapping, a selection, Shift+Right each frame",
        |bench| bench.iter(|| b.frame_with_key(1280.0, egui::Key::ArrowRight)),
    );

    // A 2 MB document of the researcher's own (made of the corpus texts).
    let mut text = String::new();
    while text.len() < 2_000_000 {
        for d in &corpus.documents {
            text.push_str(&d.text);
            text.push_str("\n\n");
        }
    }
    let mut meta = corpus.documents[0].meta.clone();
    meta.id = "big-user-document".into();
    meta.kind = Kind::UserDocument;
    let big = Document::new(meta, text, None, Vec::new(), Vec::new(), true);
    let mut b = Bench {
        ctx: egui::Context::default(),
        reader: Reader::default(),
        highlights: with_notes(&big, 500),
        doc: big,
        revision: 1,
    };
    b.frame(1280.0);
    b.frame(1280.0);
    g.bench_function("2 MB document, steady", |bench| {
        bench.iter(|| b.frame(1280.0))
    });
    let mut wide = false;
    g.bench_function("2 MB document, frame after a resize", |bench| {
        bench.iter(|| {
            wide = !wide;
            b.frame(if wide { 860.0 } else { 780.0 })
        })
    });
    g.bench_function("2 MB document, frame after adding a note", |bench| {
        bench.iter(|| {
            b.revision += 1;
            let s = (b.revision as usize * 131) % 5000;
            b.highlights.annotations.push(AnnotationMark {
                start: s,
                end: s + 30,
                id: format!("new{}", b.revision),
                color: egui::Color32::RED,
                label: String::new(),
            });
            b.frame(1280.0)
        })
    });
    g.finish();
}

/// The whole window (`App::ui` + tessellate, headless) on a library, the reader open.
struct Window {
    ctx: egui::Context,
    app: readingroom::ui::ReadingRoomApp,
    frame: eframe::Frame,
    events: Vec<egui::Event>,
}

impl Window {
    fn new(ws: readingroom::Workspace, data: &std::path::Path) -> Window {
        let app = readingroom::ui::ReadingRoomApp::with_notebook(
            ws,
            readingroom::ui::prefs::Prefs::default(),
            &data.join("bench.ron"),
            data.to_path_buf(),
        );
        let mut w = Window {
            ctx: egui::Context::default(),
            app,
            frame: eframe::Frame::_new_kittest(),
            events: Vec::new(),
        };
        for _ in 0..3 {
            w.frame();
        }
        w
    }

    fn frame(&mut self) {
        use eframe::App;
        let mut raw = input(1280.0);
        raw.events = std::mem::take(&mut self.events);
        let out = self.ctx.run_ui(raw, |ui| self.app.ui(ui, &mut self.frame));
        black_box(
            self.ctx
                .tessellate(out.shapes.clone(), out.pixels_per_point),
        );
        out.drop_without_applying_deltas();
    }
}

fn window(c: &mut Criterion) {
    let data = std::env::temp_dir().join("readingroom-bench-frame");
    std::fs::create_dir_all(&data).unwrap();
    let mut g = c.benchmark_group("window-frame");
    let mut paper = Window::new(readingroom::Workspace::load(None).unwrap(), &data);
    g.bench_function("the paper's 28 documents, steady (baseline)", |b| {
        b.iter(|| paper.frame())
    });
    let sizes: &[usize] = if std::env::var_os("READINGROOM_BENCH_100K").is_some() {
        &[10_000, 100_000]
    } else {
        &[10_000]
    };
    for &n in sizes {
        let dir = std::env::temp_dir().join(format!("readingroom-bench-archive-{n}"));
        if !dir.join("catalog.ron").exists() {
            readingroom::corpus::synthetic::write_corpus_dir(&dir, n, 5_000).unwrap();
        }
        let cache = std::env::temp_dir().join(format!("readingroom-bench-data-{n}"));
        let ws = readingroom::Workspace::load_unanalysed(Some(&dir), &cache)
            .unwrap()
            .analysed(None);
        let mut w = Window::new(ws, &data);
        g.bench_function(format!("{n} documents in the library, steady"), |b| {
            b.iter(|| w.frame())
        });
        // Typing in the title filter: each frame adds or removes a character.
        w.app.prefs.library.text = "cop".into();
        w.frame();
        let mut long = false;
        g.bench_function(
            format!("{n} documents, the frame after typing a character in the title filter"),
            |b| {
                b.iter(|| {
                    long = !long;
                    w.app.prefs.library.text = if long { "copy" } else { "cop" }.into();
                    w.frame()
                })
            },
        );
        w.app.prefs.library.text.clear();
        w.app.view = readingroom::ui::app::CentralView::People;
        w.frame();
        g.bench_function(format!("{n} documents, the people view, steady"), |b| {
            b.iter(|| w.frame())
        });
        w.app.view = readingroom::ui::app::CentralView::Timeline;
        w.frame();
        g.bench_function(format!("{n} documents, the timeline (bins), steady"), |b| {
            b.iter(|| w.frame())
        });
        w.app.view = readingroom::ui::app::CentralView::Reader;
    }
    g.finish();
}

criterion_group!(frame_benches, bench, window);
criterion_main!(frame_benches);
