//! REFI-QDA for QDA tools: a `.qdpx` read back with `zip` and an XML parser (roxmltree),
//! validated against REFI-QDA's Project.xsd with xmllint; offsets checked on exactly the text
//! written, under each variant (LF, CRLF for MAXQDA, a BOM); the codebook alone (`.qdc`).

use crate::workspace;
use readingroom::export::notebook::{Format, export, write};
use readingroom::export::refi::Variant;
use readingroom::notes::model::Notebook;
use std::io::Read;

const NS: &str = "urn:QDA-XML:project:1.0";

/// The questions' notebook: a codebook of three levels (one definition), notes by Ana and Ben
/// on two documents, a memo.
fn notebook() -> Notebook {
    let mut nb = crate::questions::notebook();
    nb.tags[1].description = "Plots against Castro \"by the CIA\" & others".into();
    nb
}

/// The files of a ZIP, by name.
fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).unwrap();
            (f.name().unwrap().to_string(), buf)
        })
        .collect()
}

fn qdpx(nb: &Notebook, variant: Variant) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.qdpx");
    write(workspace(), nb, Format::Qdpx(variant), &[], &[], &out, None).unwrap();
    unzip(&std::fs::read(&out).unwrap())
}

/// Validates an XML file against REFI-QDA's Project.xsd with xmllint (required in CI:
/// `READINGROOM_REQUIRE_XMLLINT=1`; skipped, and said so, where xmllint is not installed).
pub fn validate(xml: &str) {
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/refi-qda/Project.xsd"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.qde");
    std::fs::write(&file, xml).unwrap();
    match std::process::Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(&file)
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "not valid against Project.xsd:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) if std::env::var_os("READINGROOM_REQUIRE_XMLLINT").is_none() => {
            eprintln!("xmllint is not installed: the schema check is skipped here (CI runs it)")
        }
        Err(e) => panic!("xmllint: {e}"),
    }
}

#[test]
fn a_project_holds_the_codebook_the_sources_and_each_coded_passage() {
    let ws = workspace();
    let nb = notebook();
    let files = qdpx(&nb, Variant::Standard);
    let qde = String::from_utf8(files["project.qde"].clone()).unwrap();
    validate(&qde);
    let doc = roxmltree::Document::parse(&qde).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(NS));
    assert_eq!(root.tag_name().name(), "Project");
    let named = |n: roxmltree::Node, tag: &str| n.tag_name().name() == tag;
    // The codebook: CIA plots under Assassination, Mafia under CIA plots, with the definition.
    let code = |name: &str| {
        doc.descendants()
            .find(|n| named(*n, "Code") && n.attribute("name") == Some(name))
            .unwrap_or_else(|| panic!("code {name}"))
    };
    let cia = code("CIA plots");
    assert_eq!(
        cia.parent_element().unwrap().attribute("name"),
        Some("Assassination")
    );
    assert_eq!(
        code("Mafia").parent_element().unwrap().attribute("name"),
        Some("CIA plots")
    );
    assert_eq!(
        cia.children()
            .find(|n| named(*n, "Description"))
            .unwrap()
            .text(),
        Some("Plots against Castro \"by the CIA\" & others")
    );
    assert_eq!(cia.attribute("color"), Some("#6A3FB5"));
    // Users: the notes' authors.
    let users: Vec<&str> = doc
        .descendants()
        .filter(|n| named(*n, "User"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(users, ["Ana", "Ben"]);
    // Each source's text is in the ZIP; each selection's offsets give the note's quote.
    let sources: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| named(*n, "TextSource"))
        .collect();
    assert_eq!(sources.len(), 2, "the two documents the notes are on");
    let mut checked = 0;
    for s in &sources {
        let path = s.attribute("plainTextPath").unwrap();
        let file = format!("Sources/{}", path.strip_prefix("internal://").unwrap());
        let text: Vec<char> = String::from_utf8(files[&file].clone())
            .unwrap()
            .chars()
            .collect();
        for sel in s.children().filter(|n| named(*n, "PlainTextSelection")) {
            let a: usize = sel.attribute("startPosition").unwrap().parse().unwrap();
            let b: usize = sel.attribute("endPosition").unwrap().parse().unwrap();
            let quote: String = text[a..b].iter().collect();
            assert!(
                nb.annotations
                    .iter()
                    .any(|n| n.target.quote() == Some(quote.as_str())),
                "{quote:?} is a note's quote"
            );
            // Each coding names a code of the codebook.
            for r in sel.descendants().filter(|n| named(*n, "CodeRef")) {
                let g = r.attribute("targetGUID").unwrap();
                assert!(
                    doc.descendants()
                        .any(|n| named(n, "Code") && n.attribute("guid") == Some(g))
                );
            }
            for r in sel.children().filter(|n| named(*n, "NoteRef")) {
                let g = r.attribute("targetGUID").unwrap();
                assert!(
                    doc.descendants()
                        .any(|n| named(n, "Note") && n.attribute("guid") == Some(g))
                );
            }
            checked += 1;
        }
        // The document's metadata as variables.
        assert!(
            s.descendants()
                .any(|n| named(n, "TextValue") && n.text() == Some("record of conversation"))
        );
    }
    assert_eq!(checked, 5, "the five notes on passages (the memo has none)");
    // The memo is a note of the project.
    assert!(
        doc.descendants()
            .filter(|n| named(*n, "PlainTextContent"))
            .any(|n| n.text() == Some("Ask about Operation Mongoose"))
    );
    // Exporting again gives the same GUIDs.
    let again = String::from_utf8(qdpx(&nb, Variant::Standard)["project.qde"].clone()).unwrap();
    let guids = |x: &str| -> Vec<String> {
        roxmltree::Document::parse(x)
            .unwrap()
            .descendants()
            .filter_map(|n| n.attribute("guid").map(str::to_string))
            .collect()
    };
    assert_eq!(guids(&qde), guids(&again));
    let _ = ws;
}

#[test]
fn offsets_count_the_text_written_under_each_variant() {
    let nb = notebook();
    for variant in Variant::ALL {
        let files = qdpx(&nb, variant);
        let qde = String::from_utf8(files["project.qde"].clone()).unwrap();
        validate(&qde);
        let doc = roxmltree::Document::parse(&qde).unwrap();
        for s in doc
            .descendants()
            .filter(|n| n.tag_name().name() == "TextSource")
        {
            let path = s.attribute("plainTextPath").unwrap();
            let bytes = &files[&format!("Sources/{}", &path["internal://".len()..])];
            let has_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
            assert_eq!(has_bom, variant == Variant::WithBom, "{variant:?}");
            let text = String::from_utf8(bytes.clone()).unwrap();
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            assert_eq!(
                text.contains("\r\n"),
                variant == Variant::Maxqda,
                "{variant:?}"
            );
            let chars: Vec<char> = text.chars().collect();
            for sel in s
                .children()
                .filter(|n| n.tag_name().name() == "PlainTextSelection")
            {
                let a: usize = sel.attribute("startPosition").unwrap().parse().unwrap();
                let b: usize = sel.attribute("endPosition").unwrap().parse().unwrap();
                let quote: String = chars[a..b].iter().collect::<String>().replace("\r\n", "\n");
                assert!(
                    nb.annotations
                        .iter()
                        .any(|n| n.target.quote() == Some(quote.as_str())),
                    "{variant:?}: {quote:?}"
                );
            }
        }
    }
}

#[test]
fn the_codebook_alone_is_valid_against_the_projects_code_types() {
    let nb = notebook();
    let qdc = export(workspace(), &nb, Format::Qdc, &[], &[]);
    let doc = roxmltree::Document::parse(&qdc).unwrap();
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("urn:QDA-XML:codebook:1.0")
    );
    assert_eq!(doc.root_element().tag_name().name(), "CodeBook");
    assert_eq!(
        doc.descendants()
            .filter(|n| n.tag_name().name() == "Code")
            .count(),
        nb.tags.len()
    );
    // The same codes as a project's codebook, checked with Project.xsd.
    let codes = &qdc[qdc.find("<Codes>").unwrap()..qdc.find("</CodeBook>").unwrap()];
    validate(&format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"codebook\"><CodeBook>{codes}</CodeBook></Project>"
    ));
}

#[test]
fn a_damaged_codebook_with_a_cycle_still_writes_every_code_once() {
    use readingroom::notes::model::Tag;
    let nb = Notebook {
        tags: vec![
            Tag {
                parent: Some("B".into()),
                ..Tag::new("A", "#112233")
            },
            Tag {
                parent: Some("A".into()),
                ..Tag::new("B", "not a colour")
            },
        ],
        ..Notebook::default()
    };
    let qdc = export(workspace(), &nb, Format::Qdc, &[], &[]);
    let doc = roxmltree::Document::parse(&qdc).unwrap();
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Code")
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        !qdc.contains("not a colour"),
        "a colour that is not #rrggbb is left out"
    );
}

#[test]
fn readingroom_export_writes_a_project_and_a_codebook() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&dir.path().join("notebook.ron"));
    file.notebook = notebook();
    file.save().unwrap();
    let out = crate::readingroom_in(dir.path(), &["export", "--format", "qdpx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FILE.qdpx"));
    let p = dir.path().join("maxqda.qdpx");
    let out = crate::readingroom_in(
        dir.path(),
        &[
            "export",
            "--format",
            "qdpx-maxqda",
            "-o",
            p.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = unzip(&std::fs::read(&p).unwrap());
    assert!(files.keys().any(|k| k.starts_with("Sources/")));
    let out = crate::readingroom_in(dir.path(), &["export", "--format", "qdc"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("urn:QDA-XML:codebook:1.0"));
}

#[test]
fn the_schema_check_refuses_what_the_schema_does_not_allow() {
    // Without xmllint there is nothing to check (CI requires it).
    if std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(std::env::var_os("READINGROOM_REQUIRE_XMLLINT").is_none());
        return;
    }
    let bad = std::panic::catch_unwind(|| {
        validate(
            "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\"><Sources/></Project>",
        )
    });
    assert!(
        bad.is_err(),
        "a project without its name, with empty Sources, is refused"
    );
    let bad_guid = std::panic::catch_unwind(|| {
        validate(
            "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Users><User guid=\"not-a-guid\"/></Users></Project>",
        )
    });
    assert!(bad_guid.is_err());
}

/// The notes of an empty notebook after importing a project, and the report.
fn import(
    ws: &readingroom::Workspace,
    bytes: &[u8],
) -> (Notebook, readingroom::export::import::ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project.qdpx");
    std::fs::write(&path, bytes).unwrap();
    let incoming = readingroom::export::import::read(ws, &path).unwrap();
    let mut nb = Notebook::default();
    let report = readingroom::export::import::merge_into(ws, &mut nb, &incoming);
    assert!(report.refused.is_empty() || !incoming.refused.is_empty());
    let mut report = report;
    report.refused.extend(incoming.refused.clone());
    (nb, report)
}

#[test]
fn a_project_written_here_comes_back_as_the_same_notes() {
    let ws = workspace();
    let nb = notebook();
    for variant in Variant::ALL {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("p.qdpx");
        write(ws, &nb, Format::Qdpx(variant), &[], &[], &out, None).unwrap();
        let (back, report) = import(ws, &std::fs::read(&out).unwrap());
        assert_eq!(report.orphans, 0, "{variant:?}: {report}");
        for a in nb.annotations.iter().filter(|a| a.target.quote().is_some()) {
            let b = back
                .annotations
                .iter()
                .find(|b| {
                    b.target.doc() == a.target.doc()
                        && b.target.quote() == a.target.quote()
                        && b.note == a.note
                })
                .unwrap_or_else(|| panic!("{variant:?}: {} came back", a.id));
            assert_eq!(b.tags, a.tags);
            assert_eq!(b.note, a.note);
            assert_eq!(b.author, a.author);
            match (&a.target, &b.target) {
                (
                    readingroom::notes::model::Target::Text { position: p, .. },
                    readingroom::notes::model::Target::Text { position: q, .. },
                ) => assert_eq!((p.start, p.end), (q.start, q.end), "{variant:?}"),
                _ => panic!("a passage"),
            }
        }
        // The codebook's tree and definitions, and the memo.
        let cia = back.tag("CIA plots").unwrap();
        assert_eq!(cia.parent.as_deref(), Some("Assassination"));
        assert!(cia.description.contains("by the CIA"));
        assert_eq!(
            back.tag("Mafia").unwrap().parent.as_deref(),
            Some("CIA plots")
        );
        assert!(
            back.annotations
                .iter()
                .any(|a| a.target == readingroom::notes::model::Target::Memo
                    && a.note == "Ask about Operation Mongoose")
        );
    }
}

#[test]
fn a_project_from_another_tool_is_matched_by_text_then_by_name_and_loses_nothing() {
    use std::io::Write;
    let ws = workspace();
    // The Roa record as another tool keeps it: CRLF line ends.
    let roa = ws.corpus.get("1960-09-14-kudryavtsev-roa").unwrap();
    let crlf = roa.text.replace('\n', "\r\n");
    let at = |text: &str, phrase: &str| text[..text.find(phrase).unwrap()].chars().count();
    let phrase = "General Assembly";
    let a_start = at(&crlf, phrase);
    // The 1974 memoir re-typed: a word changed, so only its name says which document it is.
    let memoir = ws.corpus.get("khrushchev-memoir-1974").unwrap();
    let retyped = memoir.text.replacen("the", "teh", 1);
    let b_phrase = "Harlem";
    let b_start = at(&retyped, b_phrase);
    let qde = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/refi-qda/by-hand.qde"
    ))
    .unwrap()
    .replace("{A_START}", &a_start.to_string())
    .replace("{A_END}", &(a_start + phrase.chars().count()).to_string())
    .replace("{B_TEXT}", &readingroom::export::refi::xml(&retyped))
    .replace("{B_START}", &b_start.to_string())
    .replace("{B_END}", &(b_start + b_phrase.chars().count()).to_string());
    validate(&qde);
    let mut zip = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut zip);
        let o = zip::write::SimpleFileOptions::default();
        for (name, bytes) in [
            ("project.qde", qde.as_bytes().to_vec()),
            ("Sources/roa.txt", crlf.into_bytes()),
            (
                "Sources/interview.txt",
                "Our talks in Havana went on for hours.".as_bytes().to_vec(),
            ),
        ] {
            w.start_file(name, o).unwrap();
            w.write_all(&bytes).unwrap();
        }
        w.finish().unwrap();
    }
    let (nb, report) = import(ws, &zip.into_inner());
    // Codes: the tree, the #rgb colour widened, the definition.
    let diplomacy = nb.tag("Diplomacy").unwrap();
    assert_eq!(diplomacy.colour, "#22aa66");
    assert_eq!(diplomacy.description, "Talks between governments");
    assert_eq!(
        nb.tag("UN visit").unwrap().parent.as_deref(),
        Some("Diplomacy")
    );
    // Matched by its text (CRLF aside): placed exactly, with its codes, note and user.
    let un = nb
        .annotations
        .iter()
        .find(|a| a.target.doc() == Some("1960-09-14-kudryavtsev-roa"))
        .expect("the Roa passage");
    assert_eq!(un.target.quote(), Some(phrase));
    assert_eq!(un.tags, ["UN visit", "Press"]);
    assert_eq!(un.note, "The delegation to the UN, seen from Havana.");
    assert_eq!(un.author, "Maria");
    assert_eq!(un.created, "2025-03-01T10:00:00Z");
    let d = roa.text.to_string();
    match &un.target {
        readingroom::notes::model::Target::Text { position, .. } => {
            assert_eq!(
                position.start,
                at(&d, phrase),
                "CRLF removed from the offset"
            )
        }
        _ => panic!(),
    }
    // Matched by name: on the memoir, placed by its quote.
    let h = nb
        .annotations
        .iter()
        .find(|a| a.target.doc() == Some("khrushchev-memoir-1974"))
        .expect("the memoir passage");
    assert_eq!(h.target.quote(), Some(b_phrase));
    assert_eq!(h.author, "Tomás");
    // Not in the library: kept, an orphan. Outside the project: refused, said why.
    assert!(nb.annotations.iter().any(|a| a.target.doc()
        == Some("qdpx:An interview the library lacks")
        && a.target.quote() == Some("talks in")));
    assert_eq!(report.orphans, 1, "{report}");
    assert!(
        report
            .refused
            .iter()
            .any(|r| r.contains("Elsewhere") && r.contains("outside the project")),
        "{report}"
    );
    // The note no passage points at is a memo.
    assert!(
        nb.annotations
            .iter()
            .any(|a| a.target == readingroom::notes::model::Target::Memo
                && a.note == "Ask the archive for the Roa file.")
    );
    assert_eq!(nb.authors, ["Maria", "Tomás"]);
}

#[test]
fn a_damaged_or_hostile_project_is_refused_with_a_reason() {
    let ws = workspace();
    let dir = tempfile::tempdir().unwrap();
    let read = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        readingroom::export::import::read(ws, &p)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    // A ZIP without a project.
    let mut zip = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut zip);
        w.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, b"hello").unwrap();
        w.finish().unwrap();
    }
    let e = read("a.qdpx", &zip.into_inner());
    assert!(e.contains("no project.qde"), "{e}");
    // Broken XML says where.
    let e = read(
        "b.qde",
        b"<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Sources>",
    );
    assert!(e.contains("project.qde:1:"), "{e}");
    // A ZIP that is cut short.
    let e = read("c.qdpx", b"PK\x03\x04 not really a zip");
    assert!(e.contains("not a readable .qdpx"), "{e}");
}

#[test]
fn file_import_notes_merges_a_refi_qda_project_from_the_window() {
    use crate::ui::harness_on;
    use crate::ui_safety::step_until_jobs_end;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("colleague.qdpx");
    let theirs = notebook();
    write(
        workspace(),
        &theirs,
        Format::Qdpx(Variant::Standard),
        &[],
        &[],
        &from,
        None,
    )
    .unwrap();
    let mut h = harness_on(&dir.path().join("mine.ron"));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import notes…").click();
    h.run();
    h.state_mut().prompt.as_mut().unwrap().text = from.display().to_string();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    step_until_jobs_end(&mut h);
    let mine = &h.state().session.notebook;
    assert_eq!(mine.annotations.len(), theirs.annotations.len());
    for tag in &theirs.tags {
        assert!(
            mine.tags.iter().any(|t| t.name == tag.name),
            "the code {} came in",
            tag.name
        );
    }
    assert!(
        h.state().notice().unwrap().contains("added"),
        "{:?}",
        h.state().notice()
    );
}
