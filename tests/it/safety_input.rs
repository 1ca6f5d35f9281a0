//! Issue 13, input: hostile or careless notebooks, imports and notes — oversized fields,
//! unknown fields, markup and formulas in exports, selectors that used to panic, malformed
//! JSON-LD — each reproduced, each held.

use crate::notes::add_to_13_april;
use crate::workspace;
use readingroom::export::import::merge_into;
use readingroom::notes::model::{
    AlignmentCorrection, Annotation, CONTEXT_CHARS, MAX_QUOTE_CHARS, Notebook, PositionSelector,
    QuoteSelector, Tag, Target, Trashed, text_target,
};
use readingroom::notes::store::{self, MAX_NOTEBOOK_BYTES, NotebookError};
use readingroom::notes::{AnchorStatus, AnchorText, NotebookFile};
use serde_json::json;
use std::path::Path;

fn rr(args: &[&str]) -> (i32, String, String) {
    let out = crate::readingroom(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn import(nb: &Path, from: &Path) -> (i32, String, String) {
    rr(&[
        "import",
        "--notebook",
        nb.to_str().unwrap(),
        from.to_str().unwrap(),
    ])
}

fn annotation(id: &str, target: Target, note: &str, tags: &[&str]) -> Annotation {
    Annotation {
        id: id.into(),
        target,
        note: note.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: "Ana".into(),
        created: "2026-12-01T10:00:00Z".into(),
        modified: "2026-12-01T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

fn json_note(exact: &str, prefix: &str, start: serde_json::Value) -> serde_json::Value {
    json!({
        "type": "Annotation",
        "id": format!("urn:uuid:{}", readingroom::notes::model::new_id()),
        "body": [{"type": "TextualBody", "value": "n", "purpose": "commenting"}],
        "target": {"source": "urn:readingroom:document:1961-04-13-kudryavtsev-castro",
                   "selector": [{"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": ""},
                                {"type": "TextPositionSelector", "start": start, "end": 1_000_000}]}
    })
}

#[test]
fn oversized_fields_are_refused_or_cut_and_every_saved_notebook_reads_back() {
    // Item 2: four imports of a 10 MB quote + 10 MB prefix made an 84 MB notebook that every
    // command then refused to read.
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("nb.ron");
    let huge = "x".repeat(10 * 1024 * 1024);
    let from = dir.path().join("huge.jsonld");
    std::fs::write(&from, json_note(&huge, &huge, json!(0)).to_string()).unwrap();
    for _ in 0..4 {
        let (status, _, err) = import(&nb, &from);
        assert_eq!(status, 2, "{err}");
        assert!(
            err.contains(&format!("{MAX_QUOTE_CHARS} characters")),
            "{err}"
        );
    }
    assert!(!nb.exists(), "nothing written");
    // A long prefix is context: cut to 32 chars, and said so.
    let long = dir.path().join("long.jsonld");
    let prefix = format!("{}Castro", "y".repeat(1024 * 1024));
    std::fs::write(&long, json_note("Gagarin", &prefix, json!(0)).to_string()).unwrap();
    let (status, out, err) = import(&nb, &long);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("context of 1 notes was cut to 32"), "{out}");
    let read = NotebookFile::open(&nb).unwrap().notebook;
    let Target::Text { quote, .. } = &read.annotations[0].target else {
        panic!()
    };
    assert_eq!(quote.prefix.chars().count(), CONTEXT_CHARS);
    assert!(quote.prefix.ends_with("Castro"));
    // What would be larger than what is read back is not written.
    let before = std::fs::read(&nb).unwrap();
    let mut f = NotebookFile::open(&nb)
        .unwrap()
        .with_write_limit(before.len() as u64 + 10);
    f.notebook.authors.push("a".repeat(100));
    assert!(matches!(
        f.save(),
        Err(NotebookError::WouldBeTooLarge { .. })
    ));
    assert_eq!(std::fs::read(&nb).unwrap(), before);
}

#[test]
fn a_notebook_of_100000_notes_fits_well_under_the_cap() {
    let d = workspace()
        .corpus
        .get("1961-04-13-kudryavtsev-castro")
        .unwrap();
    let mut nb = Notebook::default();
    let proto = text_target(d.id(), &d.text, 100, 260);
    for i in 0..100_000 {
        nb.annotations.push(annotation(
            &format!("{i:08}-0000-4000-8000-000000000000"),
            proto.clone(),
            "Compare with the 1974 memoir; see also *Cuba on the Brink*.",
            &["Bay of Pigs"],
        ));
    }
    let size = store::to_text(&nb).len() as u64;
    assert!(size < MAX_NOTEBOOK_BYTES / 2, "{size} bytes");
}

#[test]
fn unknown_fields_open_read_only_and_are_never_stripped() {
    // Item 3: `future_field: "keep me",` vanished after one `notes add`.
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("nb.ron");
    assert!(add_to_13_april(&nb, "Gagarin", &[]).status.success());
    let text = std::fs::read_to_string(&nb).unwrap();
    for (name, edited) in [
        (
            "future_field",
            text.replacen(
                "    authors:",
                "    future_field: \"keep me\",\n    authors:",
                1,
            ),
        ),
        (
            "annotations.0.mood",
            text.replacen(
                "            note:",
                "            mood: Some(\"wry\"),\n            note:",
                1,
            ),
        ),
    ] {
        std::fs::write(&nb, &edited).unwrap();
        let out = add_to_13_april(&nb, "cosmonaut of peace", &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name) && err.contains("read-only"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&nb).unwrap(),
            edited,
            "{name}: untouched"
        );
        let f = NotebookFile::open(&nb).unwrap();
        assert!(f.read_only.as_deref().unwrap().contains(name));
        assert_eq!(f.notebook.annotations.len(), 1, "still readable");
        // The window: edits are refused, nothing is written.
        let mut session = readingroom::notes::session::NotebookSession::open(&nb).unwrap();
        let add =
            readingroom::notes::commands::Command::Add(annotation("x", Target::Memo, "", &[]));
        assert!(session.apply(add).is_err());
        drop(session);
        assert_eq!(std::fs::read_to_string(&nb).unwrap(), edited);
    }
}

fn arbitrary_notebook() -> impl proptest::strategy::Strategy<Value = Notebook> {
    use proptest::prelude::*;
    let text = || "\\PC{0,12}";
    let ctx = || "[^\\u{0}]{0,32}";
    let target = prop_oneof![
        Just(Target::Memo),
        text().prop_map(|doc| Target::Document { doc }),
        (
            text(),
            text(),
            ctx(),
            ctx(),
            any::<usize>(),
            any::<usize>(),
            text()
        )
            .prop_map(
                |(doc, exact, prefix, suffix, start, end, text_hash)| Target::Text {
                    doc,
                    quote: QuoteSelector {
                        exact,
                        prefix,
                        suffix
                    },
                    position: PositionSelector { start, end },
                    text_hash,
                }
            ),
        // A region of a page of the original (any numbers: the format keeps what it is given).
        (text(), any::<u32>(), any::<[u32; 4]>()).prop_map(|(doc, page, [x, y, w, h])| {
            Target::Region {
                doc,
                page,
                region: readingroom::notes::model::RegionSelector { x, y, w, h },
            }
        }),
    ];
    let note = (
        text(),
        target.clone(),
        "\\PC{0,40}",
        proptest::collection::vec(text(), 0..3),
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(target, 0..3),
    )
        .prop_map(
            |(id, target, note, tags, author, conflict_of, other_targets)| Annotation {
                id,
                target,
                note,
                tags,
                author: author.clone(),
                created: author.clone(),
                modified: author,
                conflict_of,
                other_targets,
            },
        );
    (
        // This version and newer ones (older ones are migrated when read, so they change).
        readingroom::notes::model::FORMAT_VERSION..readingroom::notes::model::FORMAT_VERSION + 2,
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec((text(), text()), 0..3),
        proptest::collection::vec(note.clone(), 0..4),
        proptest::collection::vec((note, text()), 0..2),
        proptest::collection::vec(
            (
                text(),
                text(),
                proptest::collection::vec(
                    (
                        proptest::collection::vec(any::<usize>(), 0..3),
                        proptest::collection::vec(any::<usize>(), 0..3),
                    ),
                    0..3,
                ),
            ),
            0..2,
        ),
        proptest::collection::vec((text(), "\\PC{0,40}"), 0..3),
    )
        .prop_map(
            |(v, authors, tags, annotations, trash, alignments, queries)| Notebook {
                queries: queries
                    .into_iter()
                    .map(|(name, query)| readingroom::notes::model::SavedQuery { name, query })
                    .collect(),
                format_version: v,
                authors,
                tags: tags
                    .into_iter()
                    .map(|(name, colour)| Tag {
                        parent: (name.len() % 2 == 1).then(|| colour.clone()),
                        description: colour.repeat(name.len() % 3),
                        name,
                        colour,
                    })
                    .collect(),
                annotations,
                trash: trash
                    .into_iter()
                    .map(|(annotation, deleted)| Trashed {
                        annotation,
                        deleted,
                    })
                    .collect(),
                alignments: alignments
                    .into_iter()
                    .map(|(a, b, pins)| AlignmentCorrection {
                        a_hash: b.clone(),
                        b_hash: a.clone(),
                        a,
                        b,
                        pins,
                    })
                    .collect(),
            },
        )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Every part of any notebook survives the hand-written RON: parse(write(x)) == x.
    #[test]
    fn any_notebook_survives_write_then_parse(nb in arbitrary_notebook()) {
        let text = store::to_text(&nb);
        let parsed = store::parse_full(Path::new("t.ron"), &text).unwrap();
        proptest::prop_assert!(parsed.unknown_fields.is_empty());
        proptest::prop_assert_eq!(parsed.notebook, nb);
    }

    /// No selector and no text makes anchoring panic, and none makes it slow.
    #[test]
    fn anchoring_never_panics(
        text in "\\PC{0,200}",
        exact in "\\PC{0,40}",
        prefix in "\\PC{0,80}",
        suffix in "\\PC{0,80}",
        start in proptest::prelude::any::<usize>(),
        end in proptest::prelude::any::<usize>(),
        near in 0usize..250,
    ) {
        let t = AnchorText::new(&text);
        for (s, e) in [(start, end), (near, near / 2), (usize::MAX, near), (near, usize::MAX)] {
            let target = Target::Text {
                doc: "d".into(),
                quote: QuoteSelector { exact: exact.clone(), prefix: prefix.clone(), suffix: suffix.clone() },
                position: PositionSelector { start: s, end: e },
                text_hash: String::new(),
            };
            let a = t.anchor(&target);
            if a.status != AnchorStatus::Orphan {
                proptest::prop_assert!(a.start <= a.end && a.end <= text.chars().count());
            }
        }
    }
}

#[test]
fn a_planted_selector_never_panics_anchoring() {
    // Item 14: start > end (or usize::MAX) panicked at anchor.rs:90, at every launch.
    let d = workspace()
        .corpus
        .get("1961-04-13-kudryavtsev-castro")
        .unwrap();
    let Target::Text { quote, .. } = text_target(d.id(), &d.text, 3545, 3563) else {
        panic!()
    };
    for (start, end) in [
        (3563, 3545),
        (usize::MAX, 3545),
        (3545, usize::MAX),
        (usize::MAX, usize::MAX),
    ] {
        let t = Target::Text {
            doc: d.id().into(),
            quote: quote.clone(),
            position: PositionSelector { start, end },
            text_hash: String::new(),
        };
        let a = AnchorText::new(&d.text).anchor(&t);
        assert_eq!(a.status, AnchorStatus::Relocated, "{start}..{end}");
        assert_eq!((a.start, a.end), (3545, 3563));
    }
    // Planted through an import on a document this machine lacks, then the document added.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let nb = data.join("notebook.ron");
    let from = data.join("planted.ron");
    let mut planted = Notebook::default();
    planted.add(annotation(
        "p1",
        Target::Text {
            doc: "my-planted".into(),
            quote: QuoteSelector {
                exact: "Planted words".into(),
                prefix: String::new(),
                suffix: String::new(),
            },
            position: PositionSelector {
                start: usize::MAX,
                end: 3,
            },
            text_hash: String::new(),
        },
        "",
        &[],
    ));
    std::fs::write(&from, store::to_text(&planted)).unwrap();
    let (status, out, err) = import(&nb, &from);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("1 added") && out.contains("1 orphan"), "{out}");
    let src = data.join("planted.txt");
    std::fs::write(&src, "Some Planted words here.").unwrap();
    let run = |args: &[&str]| {
        let o = crate::readingroom_in(data, args);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    assert_eq!(
        run(&["add-doc", src.to_str().unwrap(), "--title", "Planted"])
            .1
            .trim(),
        "my-planted"
    );
    let (code, listed) = run(&["notes", "list"]);
    assert_eq!(code, Some(0));
    assert!(listed.contains("relocated"), "{listed}");
}

#[test]
fn context_costs_nothing_beyond_32_chars() {
    // Item 15: a 1 MB prefix cost 8 s per `notes list`; 10 MB ran for minutes.
    let d = workspace()
        .corpus
        .get("1961-04-13-kudryavtsev-castro")
        .unwrap();
    let t = AnchorText::new(&d.text);
    let Target::Text {
        mut quote,
        position,
        ..
    } = text_target(d.id(), &d.text, 2000, 2040)
    else {
        panic!()
    };
    quote.exact = quote.exact.replace('e', "E"); // force the approximate search
    let short = Target::Text {
        doc: d.id().into(),
        quote: quote.clone(),
        position,
        text_hash: String::new(),
    };
    let mut hostile = quote.clone();
    hostile.prefix = format!("{}{}", "z".repeat(2_000_000), quote.prefix);
    hostile.suffix = format!("{}{}", quote.suffix, "z".repeat(2_000_000));
    let long = Target::Text {
        doc: d.id().into(),
        quote: hostile,
        position,
        text_hash: String::new(),
    };
    assert_eq!(t.anchor(&long), t.anchor(&short));
}

#[test]
fn markup_in_quotes_titles_tags_and_notes_does_not_reach_the_export() {
    // Item 12: quotes, titles and tags were copied verbatim; a note could forge headings.
    use pulldown_cmark::{Event, Parser, Tag as MdTag, TagEnd};
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("x.txt");
    let evil_quote = "<script>alert(1)</script> [x](javascript:alert(2)) ## not a heading";
    std::fs::write(&src, format!("Before. {evil_quote} After.")).unwrap();
    let options = readingroom::import::store::ImportOptions {
        title: Some("<img src=x onerror=alert(3)> *Title*".into()),
        extraction: readingroom::import::isolated::Extraction::InProcess,
        ..Default::default()
    };
    let data = dir.path().join("data");
    let readingroom::import::store::FileOutcome::Added(added) =
        readingroom::import::store::import_file(
            &data,
            &src,
            &options,
            &mut Default::default(),
            &workspace().registry,
        )
    else {
        panic!("not added")
    };
    let docs = readingroom::corpus::user::user_dir(&data);
    let id = added[0].id.clone();
    let mut ws = workspace().clone();
    let (doc, notes) = readingroom::corpus::user::load_user_document(&docs, &id).unwrap();
    ws.add_document(doc, notes);
    let doc = ws.corpus.get(&id).unwrap();
    let s = doc.text.find(evil_quote).unwrap();
    let s = doc.text[..s].chars().count();
    let mut nb = Notebook::default();
    nb.add(annotation(
        "a1",
        text_target(&id, &doc.text, s, s + evil_quote.chars().count()),
        "A *fine* point.\n\n## Forged heading\n\n**Source:** forged citation\n\n<b onmouseover=alert(4)>x</b> [click](JaVaScRiPt:alert(5)) [ok](https://example.org)\n\n> forged quote",
        &["<i>tag</i>", "[t](javascript:alert(6))"],
    ));
    let md = readingroom::export::notebook::markdown(&ws, &nb, &[], &[]);
    let mut headings = Vec::new();
    let mut in_heading = false;
    let mut quotes = Vec::new();
    let mut in_quote = 0;
    let mut strong_sources = 0;
    let mut in_strong = false;
    for event in Parser::new(&md) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the export: {h}"),
            Event::Start(MdTag::Link { dest_url, .. }) => {
                assert!(dest_url.starts_with("https://"), "link to {dest_url}")
            }
            Event::Start(MdTag::Heading { .. }) => {
                in_heading = true;
                headings.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(MdTag::BlockQuote(_)) => {
                in_quote += 1;
                quotes.push(String::new());
            }
            Event::End(TagEnd::BlockQuote(_)) => in_quote -= 1,
            Event::Start(MdTag::Strong) => in_strong = true,
            Event::End(TagEnd::Strong) => in_strong = false,
            Event::Text(t) => {
                if in_heading {
                    headings.last_mut().unwrap().push_str(&t);
                }
                if in_quote > 0 {
                    quotes.last_mut().unwrap().push_str(&t);
                }
                if in_strong && t.as_ref() == "Source:" {
                    strong_sources += 1;
                }
            }
            _ => {}
        }
    }
    assert_eq!(
        headings,
        ["Notes", "<img src=x onerror=alert(3)> *Title*"],
        "only our headings, the title as plain text"
    );
    assert_eq!(
        quotes,
        [evil_quote],
        "the quote reads back as written; no forged quote"
    );
    assert_eq!(strong_sources, 1, "one Source line: ours");
    assert!(md.contains("A *fine* point."), "the note stays Markdown");
}

#[test]
fn formulas_after_blanks_or_in_full_width_are_neutralised() {
    // Item 13.
    use readingroom::export::escape::csv_cell;
    for cell in [
        "=cmd",
        "   =cmd",
        "\u{a0}=1+1",
        "\u{3000}+1",
        "\u{feff}@SUM(A1)",
        "＝1+1",
        "＋1",
        "－1",
        "＠x",
        "\t=x",
        "\r=x",
        " \u{200b}-2",
    ] {
        assert!(csv_cell(cell).starts_with('\''), "{cell:?}");
    }
    for cell in ["Castro", " plain", "1961-04-13", "“=quoted”"] {
        assert_eq!(csv_cell(cell), cell);
    }
    let d = workspace()
        .corpus
        .get("1961-04-13-kudryavtsev-castro")
        .unwrap();
    let mut nb = Notebook::default();
    nb.add(annotation(
        "c1",
        text_target(d.id(), &d.text, 10, 20),
        "\u{3000}=HYPERLINK(\"x\")",
        &["   +tag"],
    ));
    let csv = readingroom::export::notebook::csv(workspace(), &nb, &[], &[]);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let row = r.records().next().unwrap().unwrap();
    assert!(row.get(4).unwrap().starts_with('\''), "note");
    assert!(row.get(5).unwrap().starts_with('\''), "tags");
}

#[test]
fn malformed_json_ld_is_refused_per_annotation_with_reasons() {
    // Item 20: bad offsets became 0, a string selector made a whole-document note, a body of
    // 7 an empty note.
    let good = json_note("Gagarin", "", json!(5));
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        v
    };
    let list = json!([
        with(&|v| v["target"]["selector"][1]["start"] = json!(-5)),
        with(&|v| v["target"]["selector"][1]["start"] = json!(2.5)),
        with(&|v| v["target"]["selector"][1]["start"] = json!("12")),
        with(&|v| v["target"]["selector"][1]["start"] = json!(1e30)),
        with(&|v| v["target"]["selector"] = json!("TextQuoteSelector")),
        with(&|v| v["body"] = json!(7)),
        with(&|v| v["body"][0]["value"] = json!(7)),
        with(&|v| v["target"]["selector"][1]["start"] = json!(2_000_000)),
        good.clone(),
    ]);
    let incoming = readingroom::export::import::from_json_ld(workspace(), &list).unwrap();
    assert_eq!(incoming.notebook.annotations.len(), 1, "only the good one");
    let why = incoming.refused.join("\n");
    for expected in [
        "annotation 1 (urn:uuid:",
        "\"start\" is -5; expected a whole number",
        "\"start\" is 2.5",
        "\"start\" is text",
        "\"start\" is 1e+30",
        "annotation 5",
        "its selector is text",
        "its body is a number",
        "a body's \"value\" is a number",
        "starts at 2000000, after its end 1000000",
    ] {
        assert!(why.contains(expected), "{expected:?} in\n{why}");
    }
    let mut nb = Notebook::default();
    let report = merge_into(workspace(), &mut nb, &incoming);
    assert_eq!((report.added, report.refused.len()), (1, 8));
    assert!(report.to_string().contains("8 refused"), "{report}");
}

#[test]
fn imports_count_orphans_accept_a_bom_and_explain_deep_nesting() {
    // Item 19.
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("nb.ron");
    let mut theirs = Notebook::default();
    theirs.add(annotation(
        "o1",
        Target::Text {
            doc: "a-document-we-lack".into(),
            quote: QuoteSelector {
                exact: "words".into(),
                prefix: String::new(),
                suffix: String::new(),
            },
            position: PositionSelector { start: 0, end: 5 },
            text_hash: String::new(),
        },
        "",
        &[],
    ));
    let from = dir.path().join("bom.ron");
    std::fs::write(&from, format!("\u{feff}{}", store::to_text(&theirs))).unwrap();
    let (status, out, err) = import(&nb, &from);
    assert_eq!(status, 0, "{err}");
    assert!(
        out.starts_with(
            "1 added, 0 skipped (already there), 0 conflicts kept side by side, 1 orphan"
        ),
        "{out}"
    );
    let (_, listed, _) = rr(&["notes", "list", "--notebook", nb.to_str().unwrap()]);
    assert!(listed.contains("orphan"), "{listed}");
    // A notebook saved with a BOM by another editor opens.
    std::fs::write(
        &nb,
        format!("\u{feff}{}", std::fs::read_to_string(&nb).unwrap()),
    )
    .unwrap();
    assert_eq!(
        NotebookFile::open(&nb).unwrap().notebook.annotations.len(),
        1
    );
    let deep = dir.path().join("deep.ron");
    std::fs::write(
        &deep,
        format!("Notebook(format_version: 1, later: {})", "[".repeat(100)),
    )
    .unwrap();
    let err = NotebookFile::open(&deep).unwrap_err().to_string();
    assert!(
        err.contains("nests deeper than 32 levels") && !err.contains("recursion_limit"),
        "{err}"
    );
}

#[test]
fn the_cli_says_when_it_merged_another_writers_notes_and_takes_notes_starting_with_a_dash() {
    // Item 21.
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("nb.ron");
    let out = add_to_13_april(&nb, "Gagarin", &["--note", "-2+3"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        NotebookFile::open(&nb).unwrap().notebook.annotations[0].note,
        "-2+3"
    );
    // Hold the writers' lock so the CLI reads, then waits; change the file meanwhile.
    for wait in [800, 1600, 3200] {
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(store::lock_path(&nb))
            .unwrap();
        lock.lock().unwrap();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_readingroom"))
            .args(crate::notes::add_to_13_april_args(
                &nb,
                "cosmonaut of peace",
                &[],
            ))
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait));
        let mut other = NotebookFile::open(&nb).unwrap();
        other
            .notebook
            .authors
            .push(format!("Another writer {wait}"));
        // Written without the lock, as a careless program would.
        std::fs::write(&nb, store::to_text(&other.notebook)).unwrap();
        drop(lock);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("another program changed the notebook meanwhile: merged") {
            let after = NotebookFile::open(&nb).unwrap().notebook;
            assert!(after.authors.contains(&format!("Another writer {wait}")));
            return;
        }
    }
    panic!("the CLI never reported the merge");
}

#[test]
fn a_users_document_is_cited_with_its_own_citation() {
    // Item 22: a user's document was cited as Working Paper #90.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let src = data.join("i.txt");
    std::fs::write(&src, "We met in Harlem, he said.").unwrap();
    let run = |args: &[&str]| {
        String::from_utf8_lossy(&crate::readingroom_in(data, args).stdout).into_owned()
    };
    let cited = run(&[
        "add-doc",
        src.to_str().unwrap(),
        "--title",
        "Interview",
        "--date",
        "1995-03",
        "--citation",
        "Interview with a Cuban diplomat, Havana, March 1995, author's collection",
    ]);
    // Another file: the same content twice would be one document.
    std::fs::write(&src, "We met in Harlem, he said, and again in April.").unwrap();
    let plain = run(&[
        "add-doc",
        src.to_str().unwrap(),
        "--title",
        "Notes on a visit",
        "--date",
        "1995-04",
    ]);
    for id in [cited.trim(), plain.trim()] {
        run(&["notes", "add", "--doc", id, "--quote", "met in Harlem"]);
    }
    let md = run(&["export", "--format", "md"]);
    assert!(
        md.contains(
            "**Source:** Interview with a Cuban diplomat, Havana, March 1995, author's collection."
        ),
        "{md}"
    );
    assert!(
        md.contains("**Source:** “Notes on a Visit,” unpublished manuscript, April 1995."),
        "{md}"
    );
    assert!(!md.contains("Working Paper"), "{md}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(150))]
    /// Mutated JSON-LD never panics the import, and whatever is accepted exports and merges.
    #[test]
    fn mutated_json_ld_imports_never_panic(
        flips in proptest::collection::vec((0usize..2000, proptest::prelude::any::<u8>()), 0..6),
        cut in 0usize..2000,
    ) {
        static VALID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let valid = VALID.get_or_init(|| {
            let mut nb = Notebook::default();
            let d = workspace().corpus.get("1961-04-13-kudryavtsev-castro").unwrap();
            nb.add(annotation("j1", text_target(d.id(), &d.text, 40, 90), "a *note*", &["Space"]));
            nb.add(annotation("j2", Target::Memo, "memo", &[]));
            readingroom::export::notebook::json_ld(workspace(), &nb, &[], &[])
        });
        let mut bytes = valid.as_bytes().to_vec();
        for (at, b) in flips {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        bytes.truncate(bytes.len() - cut % (bytes.len() / 3));
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes)
            && let Ok(incoming) = readingroom::export::import::from_json_ld(workspace(), &v)
        {
            let mut nb = Notebook::default();
            merge_into(workspace(), &mut nb, &incoming);
            let _ = readingroom::export::notebook::markdown(workspace(), &nb, &[], &[]);
            let _ = readingroom::export::notebook::csv(workspace(), &nb, &[], &[]);
        }
    }

    /// A notebook file that cannot be read is left byte for byte as it was by every writer.
    #[test]
    fn an_unreadable_notebook_is_never_changed(
        flips in proptest::collection::vec((0usize..3000, proptest::prelude::any::<u8>()), 1..6),
    ) {
        static VALID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let valid = VALID.get_or_init(|| {
            let mut nb = Notebook::default();
            let d = workspace().corpus.get("1961-04-13-kudryavtsev-castro").unwrap();
            for i in 0..3 {
                nb.add(annotation(&format!("r{i}"), text_target(d.id(), &d.text, i * 50, i * 50 + 30), "n", &["t"]));
            }
            store::to_text(&nb)
        });
        let mut bytes = valid.as_bytes().to_vec();
        for (at, b) in flips {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::write(&path, &bytes).unwrap();
        match NotebookFile::open(&path) {
            Ok(f) if f.read_only.is_none() => {}
            Ok(mut f) => {
                f.notebook.authors.push("x".into());
                proptest::prop_assert!(f.save().is_err());
                proptest::prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
            }
            Err(_) => {
                let mut writer = NotebookFile::new_unsaved(&path);
                writer.notebook.authors.push("x".into());
                proptest::prop_assert!(writer.save().is_err());
                proptest::prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
            }
        }
    }
}

/// The general parser alone (what reads any notebook the fast reader does not take).
fn general_parse(text: &str) -> Result<Notebook, String> {
    ron::Options::default()
        .with_recursion_limit(32)
        .from_str::<Notebook>(text)
        .map_err(|e| e.to_string())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// The fast reader and the general parser agree: on what the writer writes, and on any
    /// mutation of it the fast reader accepts.
    #[test]
    fn the_fast_reader_reads_as_the_general_parser(
        nb in arbitrary_notebook(),
        flips in proptest::collection::vec((0usize..4000, proptest::prelude::any::<u8>()), 0..3),
    ) {
        let text = store::to_text(&nb);
        proptest::prop_assert_eq!(general_parse(&text), Ok(nb.clone()));
        let mut bytes = text.into_bytes();
        for (at, b) in flips {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        if let Ok(mutated) = std::str::from_utf8(&bytes) {
            match store::parse_full(Path::new("m.ron"), mutated) {
                Ok(p) if p.unknown_fields.is_empty() => {
                    let mut general = general_parse(mutated).map_err(|e| format!("{mutated}\n{e}"));
                    if let Ok(g) = &mut general {
                        g.bound_context();
                    }
                    proptest::prop_assert_eq!(general, Ok(p.notebook));
                }
                _ => {}
            }
        }
    }
}

#[test]
fn notes_list_shows_control_characters_escaped() {
    // Item 12: `notes list` printed ANSI escapes from imported text raw to the terminal.
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("nb.ron");
    let out = add_to_13_april(
        &nb,
        "Gagarin",
        &["--note", "\u{1b}[2J\u{1b}[31mred\u{7}\rover\u{202e}written"],
    );
    assert!(out.status.success());
    let (status, listed, _) = rr(&["notes", "list", "--notebook", nb.to_str().unwrap()]);
    assert_eq!(status, 0);
    assert!(
        !listed.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
        "{listed:?}"
    );
    assert!(
        listed.contains("\\u{1b}[31mred\\u{7}\\u{d}over\\u{202e}written"),
        "{listed}"
    );
}
