//! Notebook exports: Markdown golden test (pinned citations), CSV read back, JSON-LD shape, RON.

use crate::workspace;
use readingroom::export::notebook::{Format, export};
use readingroom::notes::model::{Annotation, Notebook, Target, text_target};

fn note(
    id: &str,
    doc: &str,
    quote: &str,
    occurrence: usize,
    text: &str,
    tags: &[&str],
    author: &str,
) -> Annotation {
    let d = workspace().corpus.get(doc).unwrap();
    let byte = d.text.match_indices(quote).nth(occurrence).unwrap().0;
    let s = d.text[..byte].chars().count();
    Annotation {
        id: id.into(),
        target: text_target(doc, &d.text, s, s + quote.chars().count()),
        note: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: author.into(),
        created: "2026-11-26T10:00:00Z".into(),
        modified: "2026-11-26T11:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

/// A notebook with notes on a record, a memoir, the 1992 comments, the memcon and a memo.
pub fn sample() -> Notebook {
    let mut nb = Notebook::default();
    nb.add(note(
        "n1",
        "1961-01-21-kudryavtsev-castro",
        "I am confident that the consistent struggle of N. S. Khrushchev for peace",
        0,
        "Castro credits Khrushchev for Kennedy’s tone.",
        &["Kennedy"],
        "Ana",
    ));
    nb.add(note(
        "n2",
        "1961-01-21-kudryavtsev-castro",
        "wigwam",
        0,
        "A gift, \"built in Cuba\", commas, and\na second line.",
        &["Gifts"],
        "Ana",
    ));
    nb.add(note(
        "n3",
        "khrushchev-memoir-1974",
        "He bent down and enveloped me with his whole body.",
        0,
        "=compare with 2007",
        &["embrace"],
        "Ben",
    ));
    nb.add(note(
        "n4",
        "castro-1992-havana",
        "a very wise peasant",
        0,
        "",
        &["Khrushchev"],
        "Ben",
    ));
    nb.add(note(
        "n5",
        "1960-09-20-khrushchev-castro",
        "Present at the conversation were",
        0,
        "Who was in the room.",
        &[],
        "Ben",
    ));
    nb.add(Annotation {
        id: "m1".into(),
        target: Target::Memo,
        note: "Check the Russian original.".into(),
        tags: vec![],
        author: "Ana".into(),
        created: "2026-11-26T12:00:00Z".into(),
        modified: "2026-11-26T12:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    });
    nb
}

#[test]
fn markdown_matches_the_golden_file_with_its_chicago_citations() {
    let md = export(workspace(), &sample(), Format::Markdown, &[], &[]);
    let path = format!(
        "{}/tests/fixtures/export/notes.md",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &md).unwrap();
    }
    assert_eq!(md, std::fs::read_to_string(&path).unwrap());
    // The citation forms (Chicago notes, the default style), pinned: the record as an archival
    // item "in" the paper at its page, with its link.
    assert!(md.contains("**Source:** Sergey Kudryavtsev, “Record of Conversation between S. M. Kudryavtsev and Fidel Castro,” trans. Gary Goldberg, January 21, 1961, f. 0104, op. 17, p. 118, d. 3, ll. 48-52, AVP RF, in James G. Hershberg, *New Russian Evidence on Soviet-Cuban Relations, 1960-61*, Cold War International History Project Working Paper no. 90 (n.d.), 19, https://digitalarchive.wilsoncenter.org/document/177859."));
    assert!(
        md.contains(
            "**Source:** Kudryavtsev, “Kudryavtsev–Castro Conversation, 21 January 1961,” in Hershberg, *New Russian Evidence*, 20."
        ),
        "short form for the second note, saying whose page it is"
    );
    // The memoir as its book at the book's pages, crediting its translator, then the paper's page.
    assert!(md.contains("**Source:** Nikita Khrushchev, *Khrushchev Remembers: The Last Testament*, trans. Strobe Talbott (Little, Brown, and Co., 1974), 477–479, reproduced in James G. Hershberg"));
    assert!(md.contains("**Source:** V. Vinogradov, “Record of Conversation between N. S. Khrushchev and Fidel Castro,” trans. Svetlana Savranskaya, September 20, 1960, f. 52, op. 1, d. 512, ll. 2-5, RGANI, in"));
    assert!(
        md.contains("Working Paper no. 90 (n.d.), 8\u{2013}9."),
        "a quote across a page break cites both pages, with an en dash"
    );
    // The bibliography of the documents cited, after the notes.
    assert!(md.contains("\n## Bibliography\n\n- Castro, Fidel."));
    assert!(md.contains("## Memos"));
    // A heading with a date after a title in parentheses: one pair of parentheses.
    assert!(md.contains(
        "## Khrushchev’s recollection of meeting Castro, edited version (1974), 20 September 1960\n"
    ));
}

#[test]
fn csv_reads_back_with_injection_neutralised() {
    let text = export(workspace(), &sample(), Format::Csv, &[], &[]);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        vec![
            "document", "date", "title", "quote", "note", "tags", "author", "page", "start", "end",
            "created", "modified", "citation", "note id", "passage"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 6);
    let gift = rows.iter().find(|r| &r[3] == "wigwam").unwrap();
    assert_eq!(
        &gift[4],
        "A gift, \"built in Cuba\", commas, and\na second line."
    );
    let formula = rows
        .iter()
        .find(|r| r[4].contains("compare with 2007"))
        .unwrap();
    assert_eq!(&formula[4], "'=compare with 2007");
    let d = workspace()
        .corpus
        .get("1961-01-21-kudryavtsev-castro")
        .unwrap();
    let (s, e): (usize, usize) = (gift[8].parse().unwrap(), gift[9].parse().unwrap());
    assert_eq!(d.slice_chars(s, e), "wigwam");
    // The citation column is plain text: the book's title without Markdown's asterisks.
    let memoir = rows
        .iter()
        .find(|r| &r[0] == "khrushchev-memoir-1974")
        .unwrap();
    assert!(
        memoir[12].contains("Nikita Khrushchev, Khrushchev Remembers: The Last Testament, trans. Strobe Talbott (Little, Brown, and Co., 1974), 477–479, reproduced in"),
        "{}",
        &memoir[12]
    );
    assert!(rows.iter().all(|r| !r[12].contains('*')));
}

#[test]
fn json_ld_has_the_w3c_shape() {
    let text = export(
        workspace(),
        &sample(),
        Format::JsonLd,
        &[],
        &["Kennedy".into(), "embrace".into()],
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "filtered by tag");
    for a in items {
        assert_eq!(a["type"], "Annotation");
        assert!(a["id"].as_str().unwrap().starts_with("urn:uuid:"));
        let bodies = a["body"].as_array().unwrap();
        assert!(
            bodies
                .iter()
                .any(|b| b["purpose"] == "commenting" && b["type"] == "TextualBody")
        );
        assert!(bodies.iter().any(|b| b["purpose"] == "tagging"));
        let sel = a["target"]["selector"].as_array().unwrap();
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[1]["type"], "TextPositionSelector");
        assert!(sel[0]["prefix"].is_string() && sel[0]["suffix"].is_string());
    }
    assert_eq!(
        items[1]["target"]["source"],
        "https://digitalarchive.wilsoncenter.org/document/177859"
    );
}

#[test]
fn ron_export_is_a_clean_notebook_and_the_cli_writes_files() {
    let text = export(
        workspace(),
        &sample(),
        Format::Ron,
        &["khrushchev-memoir-1974".into()],
        &[],
    );
    let nb = readingroom::notes::store::parse(std::path::Path::new("x.ron"), &text).unwrap();
    assert_eq!(nb.annotations.len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    std::fs::write(&path, readingroom::notes::store::to_text(&sample())).unwrap();
    let out = dir.path().join("out.md");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_readingroom"))
        .args([
            "export",
            "--notebook",
            path.to_str().unwrap(),
            "--format",
            "md",
            "--doc",
            "castro-1992-havana",
            "-o",
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("a very wise peasant") && !md.contains("wigwam"));
    let stdout = crate::readingroom(&[
        "export",
        "--notebook",
        path.to_str().unwrap(),
        "--format",
        "csv",
        "--tag",
        "Gifts",
    ])
    .stdout;
    assert_eq!(
        String::from_utf8(stdout).unwrap().lines().count(),
        3,
        "header + a two-line cell"
    );
}

fn import_cli(notebook: &std::path::Path, from: &std::path::Path) -> (i32, String, String) {
    let out = crate::readingroom(&[
        "import",
        "--notebook",
        notebook.to_str().unwrap(),
        from.to_str().unwrap(),
    ]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_json_ld_export_imported_into_an_empty_notebook_gives_the_same_notes() {
    let ws = workspace();
    let dir = tempfile::tempdir().unwrap();
    let jsonld = dir.path().join("notes.jsonld");
    std::fs::write(&jsonld, export(ws, &sample(), Format::JsonLd, &[], &[])).unwrap();
    let target = dir.path().join("mine.ron");
    let (status, out, err) = import_cli(&target, &jsonld);
    assert_eq!(status, 0, "{err}");
    assert!(out.starts_with("6 added"), "{out}");
    let got = readingroom::notes::NotebookFile::open(&target)
        .unwrap()
        .notebook;
    let original = sample();
    for a in &original.annotations {
        let b = got.get(&a.id).unwrap_or_else(|| panic!("{} lost", a.id));
        assert_eq!(
            (&b.note, &b.tags, &b.author, &b.created, &b.modified),
            (&a.note, &a.tags, &a.author, &a.created, &a.modified)
        );
        assert_eq!(b.target.quote(), a.target.quote());
        assert_eq!(b.target.doc(), a.target.doc());
    }
    // Twice equals once.
    let before = std::fs::read(&target).unwrap();
    let (_, out, _) = import_cli(&target, &jsonld);
    assert!(out.starts_with("0 added, 6 skipped"), "{out}");
    assert_eq!(std::fs::read(&target).unwrap(), before);
}

#[test]
fn a_colleagues_notebook_merges_with_conflicts_kept_side_by_side() {
    let ws = workspace();
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.ron");
    let theirs = dir.path().join("theirs.ron");
    let mut a = sample();
    a.annotations.truncate(3);
    std::fs::write(&mine, readingroom::notes::store::to_text(&a)).unwrap();
    let mut b = sample();
    b.annotations[0].note = "My colleague reads this differently.".into(); // same id, other content
    b.annotations[1].id = "other-id".into(); // same passage and content, other id
    std::fs::write(&theirs, readingroom::notes::store::to_text(&b)).unwrap();
    let (status, out, _) = import_cli(&mine, &theirs);
    assert_eq!(status, 0);
    assert!(
        out.starts_with("3 added, 2 skipped (already there), 1 conflicts"),
        "{out}"
    );
    let nb = readingroom::notes::NotebookFile::open(&mine)
        .unwrap()
        .notebook;
    assert_eq!(
        nb.get("n1").unwrap().note,
        "Castro credits Khrushchev for Kennedy’s tone.",
        "mine kept"
    );
    assert!(
        nb.annotations
            .iter()
            .any(|x| x.conflict_of.as_deref() == Some("n1") && x.note.starts_with("My colleague")),
        "theirs kept"
    );
    assert_eq!(nb.get("n4").unwrap().author, "Ben", "authors kept");
    // Again: nothing new.
    let (_, out, _) = import_cli(&mine, &theirs);
    assert!(out.starts_with("0 added"), "{out}");
    let merged_again = readingroom::export::import::merge_into(
        ws,
        &mut nb.clone(),
        &readingroom::export::import::Incoming {
            notebook: b.clone(),
            ..Default::default()
        },
    );
    assert_eq!(merged_again.added + merged_again.conflicts, 0);
}

#[test]
fn a_malformed_import_is_refused_and_the_notebook_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.ron");
    std::fs::write(&mine, readingroom::notes::store::to_text(&sample())).unwrap();
    let before = std::fs::read(&mine).unwrap();
    for (name, content) in [
        (
            "bad.jsonld",
            "{\"type\": \"AnnotationCollection\", \"first\": {\"items\": [ {\"type\": \"Annotation\", ",
        ),
        ("wrong.jsonld", "{\"items\": [{\"type\": \"Note\"}]}"),
        ("deep.jsonld", &"[".repeat(5000)),
        ("bad.ron", "Notebook(format_version: \"x\")"),
        (
            "nowhere.jsonld",
            "{\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/unknown\"}}",
        ),
    ] {
        let from = dir.path().join(name);
        std::fs::write(&from, content).unwrap();
        let (status, _, err) = import_cli(&mine, &from);
        assert_eq!(status, 2, "{name}");
        assert!(
            err.contains(name) && err.contains("untouched"),
            "{name}: {err}"
        );
        assert_eq!(std::fs::read(&mine).unwrap(), before, "{name}");
    }
}

fn cli(data: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readingroom"))
        .args(["--data-dir", data.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn an_added_document_can_be_annotated_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("interview.txt");
    std::fs::write(&file, "Interview with a Cuban diplomat, Havana.\n\nHe said that Fidel Castro\nmet Khrushchev in Harlem.\n").unwrap();
    let (status, id, err) = cli(
        &data,
        &[
            "add-doc",
            file.to_str().unwrap(),
            "--title",
            "Interview with a Cuban diplomat",
            "--date",
            "1995-03",
            "--present",
            "Fidel Castro",
        ],
    );
    assert_eq!(status, 0, "{err}");
    let id = id.trim().to_string();
    assert_eq!(id, "my-interview-with-a-cuban-diplomat");
    let (_, docs, _) = cli(&data, &["docs", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&docs).unwrap();
    let mine = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id.as_str())
        .unwrap();
    assert_eq!(mine["kind"], "user");
    assert!(
        mine["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["person"] == "Fidel Castro" && p["role"] == "present")
    );
    let (_, shown, _) = cli(&data, &["show", &id, "--json"]);
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        shown["text"],
        "Interview with a Cuban diplomat, Havana.\n\nHe said that Fidel Castro met Khrushchev in Harlem."
    );
    assert!(
        shown["mentions"].as_array().unwrap().len() >= 2,
        "people mentions work in added documents"
    );
    let (status, _, err) = cli(
        &data,
        &[
            "notes",
            "add",
            "--doc",
            &id,
            "--quote",
            "met Khrushchev in Harlem",
            "--tag",
            "Harlem",
        ],
    );
    assert_eq!(status, 0, "{err}");
    let (_, md, _) = cli(&data, &["export", "--format", "md"]);
    assert!(
        md.contains("> met Khrushchev in Harlem") && md.contains("Interview with a Cuban diplomat"),
        "{md}"
    );
    let (_, aligned, _) = cli(&data, &["align", &id, "khrushchev-memoir-1974", "--json"]);
    assert!(aligned.contains("\"pairs\""), "comparison works too");
    // Bad files are refused with a clear message.
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 con leche").unwrap();
    let (status, _, err) = cli(
        &data,
        &["add-doc", latin1.to_str().unwrap(), "--title", "x"],
    );
    assert_eq!(status, 2);
    assert!(err.contains("latin1.txt") && err.contains("UTF-8"), "{err}");
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(readingroom::corpus::user::MAX_USER_DOCUMENT_BYTES + 1)
        .unwrap();
    let (status, _, err) = cli(&data, &["add-doc", big.to_str().unwrap(), "--title", "x"]);
    assert_eq!(status, 2);
    assert!(err.contains("limited"), "{err}");
}

/// A notebook with one note on a pair of passages (the same moment in both memoirs).
fn with_pair_note() -> Notebook {
    let mut nb = Notebook::default();
    let mut pair = note(
        "pair",
        "khrushchev-memoir-1974",
        "I was told that Castro was furious",
        0,
        "The tent threat, told twice.",
        &["Harlem"],
        "Ana",
    );
    let later = note(
        "unused",
        "khrushchev-memoir-2007",
        "I was told that Castro was raging and thundering",
        0,
        "",
        &[],
        "",
    );
    pair.other_targets.push(later.target);
    nb.add(pair);
    nb
}

#[test]
fn a_note_on_a_pair_is_exported_once_with_both_passages_and_their_sources() {
    let ws = workspace();
    let nb = with_pair_note();
    // Markdown: once, under the first passage's document, each passage with its own source.
    let md = export(ws, &nb, Format::Markdown, &[], &[]);
    assert_eq!(
        md.matches("The tent threat, told twice.").count(),
        1,
        "{md}"
    );
    assert!(md.contains("*On 2 passages:*\n\n> I was told that Castro was furious"));
    assert_eq!(md.matches("**Source:**").count(), 2, "{md}");
    let first = md.find("Castro was furious").unwrap();
    let second = md.find("raging and thundering").unwrap();
    let note = md.find("The tent threat").unwrap();
    assert!(
        first < second && second < note,
        "passages in order, then the note"
    );
    assert!(md.contains("*Khrushchev Remembers: The Last Testament*"));
    assert_eq!(
        md.matches("\n## ").count() - md.matches("\n## Bibliography").count(),
        1,
        "one heading: the first document's"
    );
    // Filtered to the 2007 version, the 2007 passage leads.
    let md07 = export(
        ws,
        &nb,
        Format::Markdown,
        &["khrushchev-memoir-2007".into()],
        &[],
    );
    assert!(md07.find("raging").unwrap() < md07.find("furious").unwrap());
    // CSV: one row per passage, one note id.
    let text = export(ws, &nb, Format::Csv, &[], &[]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (&rows[0][0], &rows[1][0]),
        ("khrushchev-memoir-1974", "khrushchev-memoir-2007")
    );
    assert_eq!((&rows[0][13], &rows[1][13]), ("pair", "pair"));
    assert_eq!((&rows[0][14], &rows[1][14]), ("1 of 2", "2 of 2"));
    assert_eq!(&rows[1][4], "The tent threat, told twice.");
    // JSON-LD: one annotation with a list of two targets.
    let v: serde_json::Value =
        serde_json::from_str(&export(ws, &nb, Format::JsonLd, &[], &[])).unwrap();
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let targets = items[0]["target"].as_array().unwrap();
    assert_eq!(targets.len(), 2);
    assert_eq!(targets[1]["readingroom:document"], "khrushchev-memoir-2007");
    // RON keeps it as it is.
    let ron = export(ws, &nb, Format::Ron, &[], &[]);
    let back = readingroom::notes::store::parse(std::path::Path::new("x.ron"), &ron).unwrap();
    assert_eq!(back.annotations, nb.annotations);
}

#[test]
fn a_pair_note_exported_as_json_ld_imports_back_as_one_note_on_both_passages() {
    let ws = workspace();
    let dir = tempfile::tempdir().unwrap();
    let jsonld = dir.path().join("pair.jsonld");
    std::fs::write(
        &jsonld,
        export(ws, &with_pair_note(), Format::JsonLd, &[], &[]),
    )
    .unwrap();
    let target = dir.path().join("mine.ron");
    let (status, out, err) = import_cli(&target, &jsonld);
    assert_eq!(status, 0, "{err}");
    assert!(out.starts_with("1 added"), "{out}");
    let got = readingroom::notes::NotebookFile::open(&target)
        .unwrap()
        .notebook;
    let original = &with_pair_note().annotations[0];
    let a = got.get("pair").unwrap();
    let quotes = |a: &Annotation| {
        a.targets()
            .map(|t| t.quote().map(str::to_string))
            .collect::<Vec<_>>()
    };
    assert_eq!(quotes(a), quotes(original));
    // A note claiming more targets than a note may have is refused, with the reason.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&jsonld).unwrap()).unwrap();
    let one = v["first"]["items"][0]["target"][0].clone();
    v["first"]["items"][0]["target"] = serde_json::Value::Array(vec![one; 40]);
    v["first"]["items"][0]["id"] = "urn:uuid:many".into();
    std::fs::write(&jsonld, v.to_string()).unwrap();
    let (_, out, err) = import_cli(&target, &jsonld);
    assert!(
        format!("{out}{err}").contains("it has 40 targets; a note may be on at most 16"),
        "{out}{err}"
    );
}
