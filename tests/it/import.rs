//! Bringing in the researcher's own files through the real binary: every format, folders,
//! duplicates and refusals, the FRUS volume's people and participants, the isolated extractor's
//! limits.

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let o = crate::readingroom_in(data, args);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn a_frus_volume_imports_into_documents_whose_filters_speakers_and_citations_work() {
    let dir = tempfile::tempdir().unwrap();
    let volume = fixtures().join("frus-shaped-volume.xml");
    let (status, out, err) = run(
        dir.path(),
        &[
            "add-doc",
            volume.to_str().unwrap(),
            "--collection",
            "FRUS test volume",
            "--json",
        ],
    );
    assert_eq!(status, 0, "{err}");
    let added = json(&out)["added"].as_array().unwrap().clone();
    let ids: Vec<&str> = added.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "my-frus-shaped-volume-1",
            "my-frus-shaped-volume-2",
            "my-frus-shaped-volume-3"
        ]
    );
    assert_eq!(added[0]["title"], "1. Memorandum of Conversation");
    assert_eq!(added[1]["pages"], 2);

    // Participants filter: Bonsal was not in the registry; the import added him.
    let (_, out, err) = run(
        dir.path(),
        &[
            "docs",
            "--person",
            "Philip W. Bonsal",
            "--role",
            "present",
            "--json",
        ],
    );
    let docs = json(&out);
    let found: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["my-frus-shaped-volume-1"], "{err}");
    let (_, out, _) = run(
        dir.path(),
        &[
            "docs",
            "--person",
            "Fidel Castro",
            "--role",
            "present",
            "--json",
        ],
    );
    let found: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        found.contains(&"my-frus-shaped-volume-3".to_string()),
        "{found:?}"
    );

    // show --json: pages with labels, participants, mentions, footnotes, metadata.
    let (_, out, _) = run(dir.path(), &["show", "my-frus-shaped-volume-1", "--json"]);
    let doc = json(&out);
    assert_eq!(doc["date"], "1961-04-18", "{doc}");
    assert_eq!(doc["collection"], "FRUS test volume");
    assert_eq!(doc["place"], "Washington");
    assert_eq!(doc["pages"][0]["label"], "1");
    let mentions: Vec<&str> = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["person"].as_str().unwrap())
        .collect();
    assert!(mentions.contains(&"Philip W. Bonsal"), "{mentions:?}");
    assert!(mentions.contains(&"Fidel Castro"), "{mentions:?}");
    let notes = doc["footnotes"].as_array().unwrap();
    assert!(notes.iter().any(|n| {
        n["text"]
            .as_str()
            .unwrap()
            .contains("Central Files, 737.00")
    }));
    assert!(doc["original"].as_str().unwrap().contains("originals/"));
    let (_, out, _) = run(dir.path(), &["show", "my-frus-shaped-volume-2", "--json"]);
    assert_eq!(json(&out)["date"], "1961-04-19/1961-04-21");

    // Speakers and a citation in an export.
    let (status, _, err) = run(
        dir.path(),
        &["speakers", "my-frus-shaped-volume-1", "--json"],
    );
    assert_eq!(status, 0, "{err}");
    let (status, _, err) = run(
        dir.path(),
        &[
            "notes",
            "add",
            "--doc",
            "my-frus-shaped-volume-1",
            "--quote",
            "long and angry",
        ],
    );
    assert_eq!(status, 0, "{err}");
    let (_, md, _) = run(dir.path(), &["export", "--format", "md"]);
    assert!(
        md.contains(
            "Foreign Relations of the United States, 1961–1963, Test Volume, Cuba, Document 1"
        ),
        "{md}"
    );
    // Search finds it.
    let (_, out, _) = run(dir.path(), &["search", "\"long and angry\"", "--json"]);
    assert!(out.contains("my-frus-shaped-volume-1"), "{out}");
    // The people file lists the persons the volume added, with who they were.
    let people = std::fs::read_to_string(dir.path().join("people.ron")).unwrap();
    assert!(
        people.contains("Philip W. Bonsal") && people.contains("Ambassador to Cuba"),
        "{people}"
    );
    assert!(
        !people.contains("\"Fidel Castro Ruz\""),
        "Castro was in the registry already: {people}"
    );
}

#[test]
fn a_folder_imports_once_with_a_report_of_what_was_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("my archive");
    std::fs::create_dir_all(folder.join("scans")).unwrap();
    for name in [
        "memo-pandoc.docx",
        "memo-libreoffice.odt",
        "memo-pandoc.html",
        "diary-libreoffice-labelled.pdf",
        "diary.fodt",
        "wilson-center-shaped-record.html",
    ] {
        std::fs::copy(fixtures().join(name), folder.join(name)).unwrap();
    }
    std::fs::copy(
        fixtures().join("typed-ocrmypdf.pdf"),
        folder.join("scans/typed.pdf"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("typed-no-text-layer.pdf"),
        folder.join("scans/raw.pdf"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", folder.join("passwd.txt")).unwrap();
    let data = dir.path().join("data");
    let (status, out, err) = run(&data, &["add-doc", folder.to_str().unwrap(), "--json"]);
    assert_eq!(status, 1, "some added, some refused: {err}");
    let report = json(&out);
    assert_eq!(report["added"].as_array().unwrap().len(), 6, "{report}");
    let refused = report["refused"].as_array().unwrap();
    let reason = |file: &str| {
        refused
            .iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(file))
            .map(|r| r["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{file} not refused: {report}"))
    };
    assert_eq!(
        reason("raw.pdf"),
        "this PDF has no text; run OCR first (e.g. ocrmypdf)"
    );
    assert!(reason("diary.fodt").contains("not a kind of file Reading Room imports (.fodt)"));
    assert!(err.contains("raw.pdf: this PDF has no text"), "{err}");
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["file"].as_str().unwrap().ends_with("passwd.txt")
                && s["reason"].as_str().unwrap().contains("link")),
        "{report}"
    );
    // The PDF's pages keep their printed labels.
    let pdf = report["added"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["source_file"].as_str().unwrap().ends_with(".pdf")
                && a["title"] == "Embassy Diary, March 1961"
        })
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, out, _) = run(&data, &["show", &pdf, "--json"]);
    let labels: Vec<String> = json(&out)["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(labels[..3], ["i", "14", "15"]);
    // Again: every file is a duplicate now, nothing is added twice.
    let (status, out, err) = run(&data, &["add-doc", folder.to_str().unwrap(), "--json"]);
    assert_eq!(status, 1, "{err}");
    let report = json(&out);
    assert!(report["added"].as_array().unwrap().is_empty(), "{report}");
    assert_eq!(
        report["duplicates"].as_array().unwrap().len(),
        6,
        "{report}"
    );
    // The originals are kept, never more readable than they were.
    let originals = std::fs::read_dir(data.join("documents/originals"))
        .unwrap()
        .count();
    assert_eq!(originals, 6);
}

#[test]
fn the_extractor_is_stopped_at_its_memory_limit_and_the_app_says_so() {
    use readingroom::import::isolated::{Extraction, Limits};
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // 12 MB of text: reading, decoding and laying it out takes several times that.
    let line = "The ambassador said that the delegation would leave on Monday.\n";
    std::fs::write(&big, line.repeat(12 * 1024 * 1024 / line.len())).unwrap();
    let program = PathBuf::from(env!("CARGO_BIN_EXE_readingroom"));
    let tight = Extraction::Isolated {
        program: program.clone(),
        limits: Limits {
            time: std::time::Duration::from_secs(60),
            memory_mb: 48,
        },
    };
    let e = tight.extract("text", &big).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the extractor ran out of memory (the limit is 48 MB for one file)"
    );
    // The same file within a generous limit imports: the limit, not the file, stopped it.
    let roomy = Extraction::Isolated {
        program,
        limits: Limits::default(),
    };
    let docs = roomy.extract("text", &big).unwrap();
    assert!(docs[0].text.starts_with("The ambassador said"));
}

#[test]
fn mutated_pdfs_end_in_a_document_or_a_reason_within_the_time_limit() {
    use readingroom::import::isolated::{Extraction, Limits};
    let original = std::fs::read(fixtures().join("diary-libreoffice-labelled.pdf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let worker = Extraction::Isolated {
        program: PathBuf::from(env!("CARGO_BIN_EXE_readingroom")),
        limits: Limits {
            time: std::time::Duration::from_secs(20),
            memory_mb: 1024,
        },
    };
    // 24 fixed mutations (a linear congruential sequence): bytes flipped, cut or repeated.
    let mut state: u64 = 0x5eed;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    for case in 0..24 {
        let mut bytes = original.clone();
        let at = next() % bytes.len();
        let len = 1 + next() % 256.min(bytes.len() - at);
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
        let started = std::time::Instant::now();
        match worker.extract("pdf", &file) {
            Ok(docs) => assert!(!docs.is_empty()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "case {case}"
        );
    }
}

#[test]
fn a_pdf_passage_is_cited_at_the_page_the_original_prints() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = fixtures().join("diary-libreoffice-labelled.pdf");
    let (status, id, err) = run(dir.path(), &["add-doc", pdf.to_str().unwrap()]);
    assert_eq!(status, 0, "{err}");
    let id = id.trim();
    for quote in [
        "plenipotentiary havana the sugar economic",
        "counterrevolutionary stressed that government military consider answered",
    ] {
        let (status, _, err) = run(dir.path(), &["notes", "add", "--doc", id, "--quote", quote]);
        assert_eq!(status, 0, "{quote}: {err}");
    }
    let (_, md, _) = run(dir.path(), &["export", "--format", "md"]);
    // Cited by the processor (Chicago notes): the author the PDF names, no date invented, the
    // page as the original prints it ("i" on the roman-numbered page).
    assert!(
        md.contains(
            "A. I. Alekseev, “Embassy Diary, March 1961,” unpublished manuscript, n.d., i."
        ),
        "{md}"
    );
    assert!(
        md.contains("Alekseev, “Embassy Diary, March 1961,” 15."),
        "{md}"
    );
}

#[test]
fn your_people_and_collections_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("brief.txt");
    std::fs::write(&letter, "Chruschtschow sprach mit Bonsal über Kuba.").unwrap();
    let (status, out, err) = run(
        dir.path(),
        &["people", "alias", "Khrushchev", "Chruschtschow"],
    );
    assert_eq!(status, 0, "{err}");
    assert_eq!(out, "nikita-khrushchev: Chruschtschow\n");
    let (status, id, err) = run(
        dir.path(),
        &[
            "people",
            "add",
            "Philip W. Bonsal",
            "--form",
            "Bonsal",
            "--description",
            "US ambassador to Cuba",
        ],
    );
    assert_eq!(status, 0, "{err}");
    assert_eq!(id.trim(), "philip-w-bonsal");
    let (status, _, err) = run(dir.path(), &["people", "add", "Castro"]);
    assert_eq!(status, 2);
    assert!(err.contains("already Fidel Castro"), "{err}");
    let (status, _, err) = run(
        dir.path(),
        &[
            "add-doc",
            letter.to_str().unwrap(),
            "--title",
            "Brief",
            "--collection",
            "Bonn 1961",
        ],
    );
    assert_eq!(status, 0, "{err}");
    let (_, out, _) = run(dir.path(), &["show", "my-brief", "--json"]);
    let mentioned: Vec<String> = json(&out)["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["person"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(mentioned, ["Nikita Khrushchev", "Philip W. Bonsal"]);
    let (_, out, _) = run(dir.path(), &["collections", "--json"]);
    assert_eq!(
        json(&out),
        serde_json::json!([{"collection": "Bonn 1961", "documents": 1}])
    );
    // Merging a person of the registry away is refused; one of yours merges.
    let (status, _, err) = run(
        dir.path(),
        &["people", "merge", "Philip W. Bonsal", "Fidel Castro"],
    );
    assert_eq!(status, 2);
    assert!(err.contains("only people you"), "{err}");
    let (status, _, _) = run(dir.path(), &["people", "add", "P. W. Bonsal"]);
    assert_eq!(status, 0);
    let (status, out, err) = run(
        dir.path(),
        &["people", "merge", "Philip W. Bonsal", "P. W. Bonsal"],
    );
    assert_eq!(status, 0, "{err}");
    assert_eq!(out, "p-w-bonsal merged into philip-w-bonsal\n");
    let (_, out, _) = run(dir.path(), &["people", "--json"]);
    assert!(!out.contains("\"p-w-bonsal\""), "{out}");
    // Split again: "P. W. Bonsal" was someone else after all.
    let (status, out, err) = run(
        dir.path(),
        &[
            "people",
            "split",
            "Philip W. Bonsal",
            "--name",
            "Paul W. Bonsal",
            "--form",
            "P. W. Bonsal",
        ],
    );
    assert_eq!(status, 0, "{err}");
    assert_eq!(out, "paul-w-bonsal\n");
    let (_, out, _) = run(dir.path(), &["people", "--json"]);
    let people = json(&out);
    let paul = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "paul-w-bonsal")
        .unwrap();
    assert!(
        paul["forms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "P. W. Bonsal"),
        "{paul}"
    );
    let (status, _, err) = run(
        dir.path(),
        &[
            "people",
            "split",
            "Fidel Castro",
            "--name",
            "X",
            "--form",
            "Castro",
        ],
    );
    assert_eq!(status, 2);
    assert!(err.contains("only people you"), "{err}");
}

#[test]
fn replace_text_keeps_every_note_and_lists_the_ones_it_cannot_place() {
    let dir = tempfile::tempdir().unwrap();
    let scan = fixtures().join("typed-ocrmypdf.pdf");
    let (status, id, err) = run(
        dir.path(),
        &[
            "add-doc",
            scan.to_str().unwrap(),
            "--title",
            "Castro, 22 June 1961",
        ],
    );
    assert_eq!(status, 0, "{err}");
    let id = id.trim().to_string();
    for quote in ["attempt on his life", "inform Moscow immediately"] {
        let (status, _, err) = run(
            dir.path(),
            &["notes", "add", "--doc", &id, "--quote", quote],
        );
        assert_eq!(status, 0, "{err}");
    }
    // Re-extracting the kept original: both notes still stand.
    let (status, out, err) = run(dir.path(), &["replace-text", &id, "--json"]);
    assert_eq!(status, 0, "{err}");
    let report = json(&out);
    assert_eq!(report["importer"], "pdf");
    assert_eq!(report["placed"], 2, "{report}");
    // A corrected transcription that no longer has the second passage: one orphan, listed.
    let corrected = dir.path().join("corrected.txt");
    std::fs::write(
        &corrected,
        "SECRET Copy No. 1\n\nRECORD OF CONVERSATION WITH F. CASTRO\n\nHavana, 22 June 1961\n\nCastro said that the Cuban government had received new information about the preparation of an attempt on his life.",
    )
    .unwrap();
    let (status, out, err) = run(
        dir.path(),
        &["replace-text", &id, corrected.to_str().unwrap()],
    );
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("1 notes placed, 1 orphans"), "{out}");
    assert!(out.contains("inform Moscow immediately"), "{out}");
    let (_, out, _) = run(dir.path(), &["notes", "list", "--json"]);
    let notes = json(&out);
    assert_eq!(
        notes.as_array().unwrap().len(),
        2,
        "no note is lost: {notes}"
    );
    let (_, out, _) = run(dir.path(), &["show", &id, "--json"]);
    assert!(
        json(&out)["text"]
            .as_str()
            .unwrap()
            .ends_with("an attempt on his life.")
    );
    // The paper's documents keep their text.
    let (status, _, err) = run(
        dir.path(),
        &[
            "replace-text",
            "1961-04-13-kudryavtsev-castro",
            corrected.to_str().unwrap(),
        ],
    );
    assert_eq!(status, 2);
    assert!(err.contains("only yours"), "{err}");
}

#[test]
fn a_zotero_export_brings_its_attachments_with_their_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("Exported Items");
    std::fs::create_dir_all(export.join("files/12")).unwrap();
    std::fs::copy(
        fixtures().join("typed-ocrmypdf.pdf"),
        export.join("files/12/Kudryavtsev - 1961 - Record of conversation.pdf"),
    )
    .unwrap();
    std::fs::write(dir.path().join("outside.txt"), "Not part of the export.").unwrap();
    // The shape of Zotero's BibTeX export ("Export Files" on): file = {description:path:mime}.
    std::fs::write(
        export.join("Exported Items.bib"),
        r#"
@misc{kudryavtsev_record_1961,
	title = {Record of {Conversation} with {F}. {Castro}, 22 {June} 1961},
	url = {https://digitalarchive.wilsoncenter.org/document/999002},
	author = {Kudryavtsev, S. M.},
	month = jun,
	year = {1961},
	note = {Archive: AVP RF},
	file = {Full Text PDF:files/12/Kudryavtsev - 1961 - Record of conversation.pdf:application/pdf},
}

@misc{elsewhere_1961,
	title = {A file elsewhere},
	year = {1961},
	file = {Note:../outside.txt:text/plain},
}

@book{no_file_1993,
	title = {Khrushchev Remembers},
	year = {1993},
}
"#,
    )
    .unwrap();
    let (status, out, err) = run(dir.path(), &["add-doc", export.to_str().unwrap(), "--json"]);
    assert_eq!(status, 0, "{err}");
    let report = json(&out);
    let added = report["added"].as_array().unwrap();
    assert_eq!(added.len(), 1, "{report}");
    assert_eq!(
        added[0]["title"],
        "Record of Conversation with F. Castro, 22 June 1961"
    );
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped.iter().any(|s| s["reason"]
            .as_str()
            .unwrap()
            .contains("outside the export's folder")),
        "{report}"
    );
    let (_, out, _) = run(
        dir.path(),
        &["show", added[0]["id"].as_str().unwrap(), "--json"],
    );
    let doc = json(&out);
    assert_eq!(doc["date"], "1961-06");
    assert_eq!(
        doc["url"],
        "https://digitalarchive.wilsoncenter.org/document/999002"
    );
    assert!(
        doc["text"]
            .as_str()
            .unwrap()
            .contains("attempt on his life")
    );
    // outside.txt was never read into the library.
    let (_, out, _) = run(dir.path(), &["docs", "--json"]);
    assert!(!out.contains("A file elsewhere"), "{out}");
}

#[test]
fn a_zotero_csl_json_export_matches_its_files_to_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("Exported Items");
    std::fs::create_dir_all(export.join("files/12")).unwrap();
    std::fs::create_dir_all(export.join("files/13")).unwrap();
    // Zotero renames attachments "Creator - Year - Title"; CSL-JSON itself names no files.
    std::fs::copy(
        fixtures().join("typed-ocrmypdf.pdf"),
        export.join("files/12/Kudryavtsev - 1961 - Record of conversation with F. Castro.pdf"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("memo.md"),
        export.join("files/13/an unrelated memo.md"),
    )
    .unwrap();
    std::fs::write(
        export.join("Exported Items.json"),
        r#"[
  {"id": "http://zotero.org/users/local/kQ2bX/items/ABCD1234", "type": "manuscript",
   "title": "Record of Conversation with F. Castro, 22 June 1961",
   "author": [{"family": "Kudryavtsev", "given": "S. M."}],
   "issued": {"date-parts": [["1961", 6, 22]]},
   "archive": "AVP RF", "archive_location": "f. 0104, op. 17, p. 118, d. 3, ll. 120-123",
   "URL": "https://digitalarchive.wilsoncenter.org/document/999002"},
  {"id": "http://zotero.org/users/local/kQ2bX/items/EFGH5678", "type": "book",
   "title": "Khrushchev Remembers", "issued": {"date-parts": [[1970]]}}
]"#,
    )
    .unwrap();
    let (status, out, err) = run(dir.path(), &["add-doc", export.to_str().unwrap(), "--json"]);
    assert_eq!(status, 0, "{err}");
    let report = json(&out);
    let added = report["added"].as_array().unwrap();
    assert_eq!(
        added.len(),
        2,
        "the matched PDF and the unrelated memo: {report}"
    );
    let record = added
        .iter()
        .find(|a| a["title"] == "Record of Conversation with F. Castro, 22 June 1961")
        .unwrap_or_else(|| panic!("the PDF takes its item's title: {report}"));
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped.iter().any(|s| s["reason"]
            .as_str()
            .unwrap()
            .contains("Khrushchev Remembers: no file")),
        "an item with no file is reported: {report}"
    );
    assert!(
        report["refused"].as_array().unwrap().is_empty(),
        "the export itself is not imported as a document: {report}"
    );
    let (_, out, _) = run(
        dir.path(),
        &["show", record["id"].as_str().unwrap(), "--json"],
    );
    let doc = json(&out);
    assert_eq!(doc["date"], "1961-06-22");
    assert_eq!(doc["author"], "S. M. Kudryavtsev");
    assert!(
        doc["source"]
            .as_str()
            .unwrap()
            .contains("AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 120-123"),
        "{doc}"
    );
}
