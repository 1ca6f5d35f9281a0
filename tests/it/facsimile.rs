//! The original beside the text, on the importer's real PDFs (LibreOffice, OCRmyPDF, qpdf):
//! pages drawn at their size and not blank, in the worker as in this process; a phrase's boxes
//! on the page hold its glyphs and its ink; damaged and encrypted files refused with a reason.

use readingroom::facsimile::glyphs::PageGlyphs;
use readingroom::facsimile::render::{page_sizes, render_page};
use readingroom::facsimile::worker::Runner;
use readingroom::facsimile::{FacsimileError, TextBoxes};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// The worker as the app runs it: a child process of the real binary.
fn isolated() -> Runner {
    Runner::for_extraction(&readingroom::import::isolated::Extraction::Isolated {
        program: env!("CARGO_BIN_EXE_readingroom").into(),
        limits: Default::default(),
    })
}

#[test]
fn pages_are_drawn_at_their_size_and_are_not_blank() {
    for (name, pages) in [
        ("memo-libreoffice.pdf", 1),
        ("typed-ocrmypdf.pdf", 1),
        ("diary-libreoffice-labelled.pdf", 8),
    ] {
        let pdf = bytes(name);
        let sizes = page_sizes(&pdf).unwrap();
        assert_eq!(sizes.len(), pages, "{name}");
        for (k, &(w, h)) in sizes.iter().enumerate() {
            let page = render_page(&pdf, k as u32 + 1, 800).unwrap();
            assert_eq!(page.width, 800, "{name} p. {}", k + 1);
            let expected = 800.0 * h / w;
            assert!(
                (page.height as f32 - expected).abs() <= 1.0,
                "{name} p. {}: {} high, {expected} expected",
                k + 1,
                page.height
            );
            assert_eq!(page.rgba.len(), 800 * page.height as usize * 4);
            let ink = page.ink();
            // Text on white: some ink, mostly paper.
            assert!(ink > 0.002 && ink < 0.5, "{name} p. {}: ink {ink}", k + 1);
        }
        // A page past the end is refused with how many there are.
        assert_eq!(
            render_page(&pdf, pages as u32 + 1, 800),
            Err(FacsimileError::NoSuchPage {
                page: pages as u32 + 1,
                count: pages as u32
            })
        );
    }
    // A US Letter page (LibreOffice's default here) is 612 × 792 points.
    let (w, h) = page_sizes(&bytes("memo-libreoffice.pdf")).unwrap()[0];
    assert!(
        (w - 612.0).abs() < 1.0 && (h - 792.0).abs() < 1.0,
        "{w} × {h}"
    );
}

#[test]
fn the_worker_draws_the_same_page_as_this_process() {
    let file = fixture("diary-libreoffice-labelled.pdf");
    let runner = isolated();
    let here = render_page(&std::fs::read(&file).unwrap(), 3, 600).unwrap();
    let there = runner.page(&file, 3, 600).unwrap();
    assert_eq!((there.width, there.height), (here.width, here.height));
    assert_eq!(there.rgba, here.rgba);
    assert_eq!(
        runner.sizes(&file).unwrap(),
        page_sizes(&std::fs::read(&file).unwrap()).unwrap()
    );
    let glyphs = runner.glyphs(&file).unwrap();
    assert_eq!(glyphs.len(), 8);
    assert!(glyphs.iter().all(|p| !p.glyphs.is_empty()));
}

#[test]
fn damaged_and_encrypted_originals_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let runner = isolated();
    // Cut in half: no cross-reference table, no pages.
    let pdf = bytes("memo-libreoffice.pdf");
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &pdf[..pdf.len() / 2]).unwrap();
    // Garbage that says it is a PDF.
    let garbage = dir.path().join("garbage.pdf");
    std::fs::write(&garbage, b"%PDF-1.7\n\x00\xff\xfe garbage").unwrap();
    for file in [&cut, &garbage] {
        let err = runner.page(file, 1, 600).unwrap_err();
        assert!(
            err.to_string().starts_with("the original cannot be read")
                || matches!(err, FacsimileError::NoSuchPage { count: 0, .. }),
            "{}: {err}",
            file.display()
        );
    }
    // A missing original says which file.
    let gone = dir.path().join("gone.pdf");
    let err = runner.page(&gone, 1, 600).unwrap_err();
    assert!(
        matches!(&err, FacsimileError::Missing(m) if m.contains("gone.pdf")),
        "{err}"
    );
    // qpdf's encrypted memo (a user password): not drawn, and the reason says so.
    let err = runner
        .page(&fixture("memo-encrypted-qpdf.pdf"), 1, 600)
        .unwrap_err();
    assert!(err.to_string().contains("cannot be read"), "{err}");
    // The print-restricted one (no user password) is drawn: restrictions are the reader's
    // business, and reading is allowed.
    let page = runner
        .page(&fixture("memo-print-restricted-qpdf.pdf"), 1, 600)
        .unwrap();
    assert!(page.ink() > 0.002);
}

/// The text of a document, and its boxes, imported by the real binary.
fn imported(data: &Path, pdf: &Path) -> (String, TextBoxes) {
    let out = crate::readingroom_in(data, &["add-doc", pdf.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let docs = data.join("documents");
    let text = std::fs::read_to_string(docs.join(format!("{id}.txt"))).unwrap();
    let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
    let boxes = readingroom::facsimile::store::read_boxes(
        &readingroom::facsimile::store::boxes_file(&docs, &id),
    )
    .expect("the import kept the word boxes");
    assert!(boxes.fit(&text), "the boxes are for this text");
    (text, boxes)
}

/// The folded letters of the glyphs whose centres lie in `rect`, in drawing order.
fn letters_in(page: &PageGlyphs, rect: [f32; 4]) -> String {
    page.glyphs
        .iter()
        .filter(|g| {
            let (x, y) = ((g.rect[0] + g.rect[2]) / 2.0, (g.rect[1] + g.rect[3]) / 2.0);
            rect[0] <= x && x <= rect[2] && rect[1] <= y && y <= rect[3]
        })
        .flat_map(|g| g.text.chars())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
fn a_phrases_boxes_on_the_page_hold_its_glyphs_and_its_ink() {
    let data = tempfile::tempdir().unwrap();
    for (name, phrase) in [
        (
            "diary-libreoffice-labelled.pdf",
            "counterrevolutionary stressed that government",
        ),
        ("memo-libreoffice.pdf", ""),
        ("typed-ocrmypdf.pdf", ""),
    ] {
        let pdf = fixture(name);
        let (text, boxes) = imported(data.path(), &pdf);
        assert!(!boxes.boxes.is_empty(), "{name}: no boxes");
        // The phrase, or the document's first ten words.
        let (start, end) = if phrase.is_empty() {
            let words: Vec<(usize, &str)> = unicode_words(&text);
            let last = words[9.min(words.len() - 1)];
            (words[0].0, last.0 + last.1.chars().count())
        } else {
            let at = text
                .find(phrase)
                .unwrap_or_else(|| panic!("{name}: {phrase}"));
            let start = text[..at].chars().count();
            (start, start + phrase.chars().count())
        };
        let glyphs = isolated().glyphs(&pdf).unwrap();
        let pages = boxes.pages_of(start, end);
        assert!(!pages.is_empty(), "{name}: the phrase is on no page");
        let mut found = String::new();
        for &p in &pages {
            let page = glyphs.iter().find(|g| g.page == p).unwrap();
            let image = render_page(&std::fs::read(&pdf).unwrap(), p, 1000).unwrap();
            let lines = boxes.outline(p, start, end);
            assert!(!lines.is_empty());
            for w in lines.windows(2) {
                assert!(w[0][1] < w[1][1], "{name}: lines out of order {lines:?}");
            }
            for b in boxes.overlapping(start, end).iter().filter(|b| b.page == p) {
                // Each word's box holds the word's letters, drawn there.
                let word: String = text.chars().skip(b.start).take(b.end - b.start).collect();
                let letters = letters_in(page, b.rect);
                assert!(
                    letters.contains(&folded(&word)),
                    "{name}: the box of {word:?} holds {letters:?}"
                );
                found.push_str(&folded(&word));
                // And ink.
                let ink = image.ink_in(b.rect);
                assert!(ink > 0.03, "{name}: the box of {word:?} is blank ({ink})");
            }
        }
        let expected: String = folded(
            &text
                .chars()
                .skip(start)
                .take(end - start)
                .collect::<String>(),
        );
        assert_eq!(
            found, expected,
            "{name}: every word of the phrase has its box"
        );
    }
}

/// The words of a text with their char offsets.
fn unicode_words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut chars = 0;
    let mut last = 0;
    for (byte, word) in unicode_segmentation::UnicodeSegmentation::unicode_word_indices(text) {
        chars += text[last..byte].chars().count();
        last = byte;
        out.push((chars, word));
    }
    out
}

/// Runs the binary on `data`; its standard output, after checking it succeeded.
fn cli(data: &Path, args: &[&str]) -> String {
    let out = crate::readingroom_in(data, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn region_notes_round_trip_through_ron_and_every_export() {
    use readingroom::notes::model::{Annotation, Notebook, RegionSelector, Target};
    let data = tempfile::tempdir().unwrap();
    let pdf = fixture("diary-libreoffice-labelled.pdf");
    let id = cli(data.path(), &["add-doc", pdf.to_str().unwrap()])
        .trim()
        .to_string();
    // A stamp in the margin of the PDF's third page (printed "15").
    let region = RegionSelector {
        x: 1250,
        y: 3000,
        w: 2000,
        h: 1025,
    };
    let note = Annotation {
        id: "9b2f6c1e-region".into(),
        target: Target::Region {
            doc: id.clone(),
            page: 3,
            region,
        },
        note: "Stamp of the embassy, struck through by hand".into(),
        tags: vec!["stamp".into()],
        author: "Ana".into(),
        created: "2026-12-07T10:00:00Z".into(),
        modified: "2026-12-07T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    };
    let mut nb = Notebook::default();
    nb.ensure_tag("stamp");
    nb.annotations.push(note.clone());
    // RON: written, then read back by the fast reader and by the general RON parser alike.
    let text = readingroom::notes::store::to_text(&nb);
    assert!(
        text.contains("Region(doc: ")
            && text.contains("RegionSelector(x: 1250, y: 3000, w: 2000, h: 1025)"),
        "{text}"
    );
    let read = readingroom::notes::store::parse(Path::new("n.ron"), &text).unwrap();
    assert_eq!(read.annotations, vec![note.clone()]);
    assert_eq!(read, nb);
    let general: Notebook = ron::from_str(&text).unwrap();
    assert_eq!(general.annotations, vec![note.clone()]);
    std::fs::write(data.path().join("notebook.ron"), &text).unwrap();
    let ws = readingroom::Workspace::load_with_user_documents(None, data.path()).unwrap();

    // Markdown: "p. 15, region", the note, and the source cited at page 15.
    let md = cli(data.path(), &["export", "--format", "md"]);
    assert!(md.contains("*p. 15, region*"), "{md}");
    assert!(md.contains("Stamp of the embassy"), "{md}");
    assert!(
        md.contains("“Embassy Diary, March 1961,” unpublished manuscript, n.d., 15."),
        "{md}"
    );
    // CSV: the page.
    let csv = cli(data.path(), &["export", "--format", "csv"]);
    let mut rows = ::csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let row = rows.records().next().unwrap().unwrap();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&row[col("page")], "15");
    assert_eq!(&row[col("note id")], "9b2f6c1e-region");
    // W3C JSON-LD: the page (RFC 3778) refined by the rectangle (a media fragment), read back
    // as the same region.
    let json = cli(data.path(), &["export", "--format", "jsonld"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let selector = &v["first"]["items"][0]["target"]["selector"];
    assert_eq!(selector["type"], "FragmentSelector");
    assert_eq!(selector["value"], "page=3");
    assert_eq!(
        selector["refinedBy"]["value"],
        "xywh=percent:12.5,30,20,10.25"
    );
    let incoming = readingroom::export::import::from_json_ld(&ws, &v).unwrap();
    assert!(incoming.refused.is_empty(), "{:?}", incoming.refused);
    assert_eq!(incoming.notebook.annotations[0].target, note.target);
    // TEI: a zone of the original's surface for that page, which the annotation points at;
    // valid against tei_all.
    let tei = cli(data.path(), &["export", "--format", "tei"]);
    crate::tei::validate(&tei);
    assert!(
        tei.contains(r#"<surface n="3" ulx="0" uly="0" lrx="10000" lry="10000">"#)
            && tei.contains(
                r#"<zone xml:id="d1-region1" ulx="1250" uly="3000" lrx="3250" lry="4025"/>"#
            )
            && tei.contains(r##"target="#d1-region1""##),
        "{tei}"
    );
    let back =
        readingroom::export::tei_import::from_tei(&ws, tei.as_bytes(), Path::new("e.xml")).unwrap();
    assert!(back.refused.is_empty(), "{:?}", back.refused);
    assert_eq!(back.notebook.annotations[0].target, note.target);
    // The web page and the Obsidian folder: the note, with where it is.
    let html = cli(data.path(), &["export", "--format", "html"]);
    assert!(
        html.contains("<em>p. 15, region of the original</em>")
            && html.contains("Stamp of the embassy"),
        "{html}"
    );
    let vault = data.path().join("vault");
    cli(
        data.path(),
        &[
            "export",
            "--format",
            "obsidian",
            "-o",
            vault.to_str().unwrap(),
        ],
    );
    let page = std::fs::read_to_string(vault.join(format!("{id}.md"))).unwrap();
    assert!(page.contains("*p. 15, region of the original*"), "{page}");

    // REFI-QDA: the document is its PDF with the region a PDFSelection (points from the
    // page's lower left), its text the Representation; valid against Project.xsd; read back as
    // the same region of the same document.
    let qdpx = data.path().join("p.qdpx");
    cli(
        data.path(),
        &["export", "--format", "qdpx", "-o", qdpx.to_str().unwrap()],
    );
    let bytes = std::fs::read(&qdpx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut qde = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut qde).unwrap();
    crate::refi_qda::validate(&qde);
    assert!(qde.contains("<PDFSource "), "{qde}");
    // A4: 595 × 842 points; the region from 12.5% across, 30% down, 20% × 10.25%.
    assert!(
        qde.contains(r#"page="3" firstX="74" firstY="589" secondX="193" secondY="503""#),
        "{qde}"
    );
    assert!(
        zip.file_names()
            .any(|n| n.is_ok_and(|n| n.ends_with(".pdf")))
    );
    let back = readingroom::export::refi_import::from_project(&ws, &bytes, &qdpx).unwrap();
    assert!(back.refused.is_empty(), "{:?}", back.refused);
    let region_back = back
        .notebook
        .annotations
        .iter()
        .find(|a| matches!(a.target, Target::Region { .. }))
        .expect("the region came back");
    match &region_back.target {
        Target::Region {
            doc,
            page,
            region: r,
        } => {
            assert_eq!((doc.as_str(), *page), (id.as_str(), 3));
            // Within a point of where it was.
            for (got, want) in r.fractions().iter().zip(region.fractions()) {
                assert!((got - want).abs() < 0.003, "{r:?}");
            }
        }
        _ => unreachable!(),
    }
    assert_eq!(region_back.tags, vec!["stamp".to_string()]);
    assert_eq!(region_back.note, note.note);

    // A rectangle off the page is refused, with why.
    let mut bad = v.clone();
    bad["first"]["items"][0]["target"]["selector"]["refinedBy"]["value"] =
        "xywh=percent:90,10,20,10".into();
    let incoming = readingroom::export::import::from_json_ld(&ws, &bad).unwrap();
    assert_eq!(incoming.refused.len(), 1);
    assert!(
        incoming.refused[0].contains("xywh=percent"),
        "{:?}",
        incoming.refused
    );
}

#[test]
fn mutated_pdfs_are_drawn_or_refused_with_a_reason_by_the_worker() {
    let original = bytes("diary-libreoffice-labelled.pdf");
    let dir = tempfile::tempdir().unwrap();
    let runner = isolated();
    // 18 fixed mutations (a linear congruential sequence): bytes flipped, cut or repeated.
    let mut state: u64 = 0xfac5;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut drawn = 0;
    for case in 0..18 {
        let mut bytes = original.clone();
        let at = next() % bytes.len();
        let len = 1 + next() % 512.min(bytes.len() - at);
        match case % 3 {
            0 => bytes[at..at + len].iter_mut().for_each(|b| *b ^= 0x5a),
            1 => {
                bytes.drain(at..at + len);
            }
            _ => {
                let piece = bytes[at..at + len].to_vec();
                bytes.splice(at..at, piece);
            }
        }
        let file = dir.path().join(format!("case-{case}.pdf"));
        std::fs::write(&file, &bytes).unwrap();
        // Every page, its glyphs and its size: an image or a reason, never a hang or a crash
        // of the asking process.
        match runner.sizes(&file) {
            Ok(sizes) => {
                for page in 1..=sizes.len().min(8) as u32 {
                    match runner.page(&file, page, 400) {
                        Ok(img) => {
                            assert_eq!(img.width, 400, "case {case} p. {page}");
                            drawn += 1;
                        }
                        Err(e) => assert!(!e.to_string().is_empty()),
                    }
                }
                let _ = runner.glyphs(&file);
            }
            Err(e) => assert!(!e.to_string().is_empty(), "case {case}"),
        }
    }
    // Most mutations leave most pages drawable: the renderer is not refusing everything.
    assert!(drawn > 40, "{drawn} pages drawn");
}

/// The photographs of three pages (JPEG, PNG, TIFF made by ImageMagick) in a folder named as
/// a historian names it.
fn photographs(root: &Path) -> PathBuf {
    let folder = root.join("Havana April 1961");
    std::fs::create_dir_all(&folder).unwrap();
    for name in ["page-01.jpg", "page-02.png", "page-03.tif"] {
        std::fs::copy(fixture(&format!("photographs/{name}")), folder.join(name)).unwrap();
    }
    folder
}

#[test]
fn a_folder_of_photographs_is_one_document_with_a_page_per_image() {
    let data = tempfile::tempdir().unwrap();
    let folder = photographs(data.path());
    let id = cli(data.path(), &["add-doc", folder.to_str().unwrap()])
        .trim()
        .to_string();
    assert_eq!(id, "my-havana-april-1961");
    let docs = data.path().join("documents");
    let text = std::fs::read_to_string(docs.join(format!("{id}.txt"))).unwrap();
    let layout =
        readingroom::import::store::read_layout(&docs.join(format!("{id}.layout.ron"))).unwrap();
    if tesseract_here() {
        // Read by tesseract: the words, their boxes on the photographs, and the word it was
        // unsure of (the blurred "ambassador" of page 2) marked to be checked.
        assert!(text.starts_with("Embassy of the USSR, Havana"), "{text}");
        assert!(
            text.contains("who said the invasion was expected."),
            "{text}"
        );
        let boxes = readingroom::facsimile::store::read_boxes(
            &readingroom::facsimile::store::boxes_file(&docs, &id),
        )
        .unwrap();
        let havana = text.find("Havana").unwrap();
        let b = boxes.overlapping(havana, havana + 6)[0];
        assert_eq!(b.page, 1);
        // Drawn at 30 + (261..335) px of 500 across, 44..60 of 650 down.
        assert!(
            (b.rect[0] - 0.52).abs() < 0.03 && (b.rect[2] - 0.67).abs() < 0.03,
            "{b:?}"
        );
        assert!((b.rect[1] - 0.068).abs() < 0.02, "{b:?}");
        assert!(!layout.uncertain.is_empty(), "the blurred word is marked");
        let page2 = layout.pages[1].at;
        let marked: Vec<String> = layout
            .uncertain
            .iter()
            .map(|&(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect();
        assert!(
            layout.uncertain.iter().all(|&(s, _)| s >= page2)
                && !marked.contains(&"invasion".into()),
            "only the blurred words of page 2 are marked: {marked:?}"
        );
    } else {
        // Each page waits for its text, in the order of the files' names.
        assert_eq!(
            text,
            "[Page 1: not transcribed yet]\n\n[Page 2: not transcribed yet]\n\n[Page 3: not transcribed yet]\n"
        );
    }
    let pages: Vec<u32> = layout.pages.iter().map(|p| p.index).collect();
    assert_eq!(pages, [1, 2, 3]);
    assert_eq!(layout.import.importer, "images");
    // The photographs kept, in order, and drawn by the worker.
    let kept = docs.join(&layout.import.original);
    let names: Vec<String> = readingroom::facsimile::images::images_in(&kept)
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["0001.jpg", "0002.png", "0003.tif"]);
    let runner = isolated();
    assert_eq!(runner.sizes(&kept).unwrap(), vec![(500.0, 650.0); 3]);
    for page in 1..=3 {
        let img = runner.page(&kept, page, 250).unwrap();
        assert_eq!((img.width, img.height), (250, 325));
        let ink = img.ink();
        assert!(ink > 0.005 && ink < 0.5, "p. {page}: {ink}");
    }
    assert!(matches!(
        runner.page(&kept, 4, 250),
        Err(FacsimileError::NoSuchPage { page: 4, count: 3 })
    ));
    // The document knows its original, and the reader can show it beside the text.
    let ws = readingroom::Workspace::load_with_user_documents(None, data.path()).unwrap();
    let doc = ws.corpus.get(&id).unwrap();
    assert_eq!(
        readingroom::facsimile::pdf_original(doc),
        Some(kept.as_path())
    );
    assert_eq!(readingroom::facsimile::file_pages_of(doc), 1..=3);
    // The same photographs again: a duplicate, not a second document.
    let out = crate::readingroom_in(data.path(), &["add-doc", folder.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A damaged photograph: the folder is refused, naming the file, and nothing is added.
    let bad = data.path().join("damaged");
    std::fs::create_dir_all(&bad).unwrap();
    let jpg = std::fs::read(fixture("photographs/page-01.jpg")).unwrap();
    std::fs::write(bad.join("a.jpg"), &jpg[..40]).unwrap();
    let out = crate::readingroom_in(data.path(), &["add-doc", bad.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("a.jpg"), "{said}");
}

/// Whether tesseract is installed here (required in CI: `READINGROOM_REQUIRE_TESSERACT=1`).
fn tesseract_here() -> bool {
    let found = readingroom::import::images::tesseract().is_some();
    if !found && std::env::var_os("READINGROOM_REQUIRE_TESSERACT").is_some() {
        panic!("tesseract is required here (READINGROOM_REQUIRE_TESSERACT) and not installed");
    }
    if !found {
        eprintln!("tesseract is not installed: the OCR checks are skipped here (CI runs them)");
    }
    found
}

#[test]
fn tesseract_output_becomes_paragraphs_words_and_boxes() {
    // Real output of tesseract 5.3 (TSV) on a photograph: two paragraphs, one unsure word.
    let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t500\t650\t-1\t
5\t1\t1\t1\t1\t1\t32\t44\t87\t21\t96.4\tEmbassy
5\t1\t1\t1\t1\t2\t127\t44\t17\t16\t96.9\tof
5\t1\t1\t1\t2\t1\t32\t74\t60\t16\t14.7\tambaeeecior
5\t1\t2\t1\t1\t1\t32\t124\t44\t16\t96.7\tFidel
";
    let page = readingroom::import::images::parse_tsv(tsv);
    assert_eq!(page.text, "Embassy of ambaeeecior\n\nFidel");
    let words: Vec<(&str, f32)> = page
        .words
        .iter()
        .map(|w| (&page.text[w.start..w.end], w.confidence))
        .collect();
    assert_eq!(
        words,
        [
            ("Embassy", 96.4),
            ("of", 96.9),
            ("ambaeeecior", 14.7),
            ("Fidel", 96.7)
        ]
    );
    let r = page.words[0].rect;
    assert!((r[0] - 32.0 / 500.0).abs() < 1e-6 && (r[3] - 65.0 / 650.0).abs() < 1e-6);
}

#[test]
fn a_page_read_again_by_tesseract_marks_the_words_the_text_has_wrong() {
    if !tesseract_here() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let pdf = fixture("typed-ocrmypdf.pdf");
    let id = cli(data.path(), &["add-doc", pdf.to_str().unwrap()])
        .trim()
        .to_string();
    let docs = data.path().join("documents");
    let text = std::fs::read_to_string(docs.join(format!("{id}.txt"))).unwrap();
    let text = text.trim_end().to_string();
    // An OCR error put into the text: "attempt" read as "atternpt".
    let at = text[..text.find("attempt").unwrap()].chars().count();
    readingroom::import::correct::correct(data.path(), &id, at, "attempt", "atternpt", "").unwrap();
    let checked = readingroom::import::reocr::check_page(
        data.path(),
        &id,
        1,
        &isolated(),
        &readingroom::import::images::tesseract().unwrap(),
    )
    .unwrap();
    let layout =
        readingroom::import::store::read_layout(&docs.join(format!("{id}.layout.ron"))).unwrap();
    let now = std::fs::read_to_string(docs.join(format!("{id}.txt"))).unwrap();
    let marked: Vec<String> = layout
        .uncertain
        .iter()
        .map(|&(s, e)| now.chars().skip(s).take(e - s).collect())
        .collect();
    assert!(marked.contains(&"atternpt".to_string()), "{marked:?}");
    // Most of the page agrees: a few words marked at most.
    assert!(
        checked.marked * 5 < checked.words,
        "{checked:?}: {marked:?}"
    );
}
