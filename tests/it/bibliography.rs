//! The documents as records for Zotero and Word: CSL-JSON read back with serde, BibLaTeX and
//! BibTeX with a BibTeX parser (the `biblatex` crate), RIS with a reader of its lines; item
//! types and fields as Zotero maps them; stable keys shared with the Pandoc citations.

use crate::workspace;
use readingroom::export::bibliography::{CslItem, item, items, pandoc_citation};
use readingroom::export::notebook::{Format, export};
use readingroom::notes::model::{Annotation, Notebook, text_target};

/// A note on the first `n` chars of a document.
fn note_on(id: &str, doc: &str, start: usize, n: usize, text: &str, tags: &[&str]) -> Annotation {
    let d = workspace().corpus.get(doc).unwrap();
    Annotation {
        id: id.into(),
        target: text_target(doc, &d.text, start, start + n),
        note: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: "Ana".into(),
        created: "2026-12-07T10:00:00Z".into(),
        modified: "2026-12-07T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

/// Notes on a record, the 1974 memoir, Castro's 1992 comments and the introduction.
fn notebook() -> Notebook {
    let mut nb = Notebook::default();
    let record = "1961-04-13-kudryavtsev-castro";
    let d = workspace().corpus.get(record).unwrap();
    let at = d
        .text
        .find("cosmonaut")
        .map(|b| d.text[..b].chars().count())
        .unwrap();
    nb.add(note_on(
        "gagarin",
        record,
        at,
        9,
        "Gagarin's flight\nTY  - JOUR on a line",
        &["Space"],
    ));
    nb.add(note_on(
        "memoir",
        "khrushchev-memoir-1974",
        0,
        30,
        "1974 wording",
        &["Harlem"],
    ));
    nb.add(note_on(
        "castro",
        "castro-1992-havana",
        0,
        30,
        "",
        &["Harlem"],
    ));
    nb.add(note_on(
        "intro",
        "introduction",
        0,
        30,
        "the paper itself",
        &[],
    ));
    nb
}

fn csl(ws: &readingroom::Workspace, nb: &Notebook) -> Vec<CslItem> {
    serde_json::from_str(&export(ws, nb, Format::CslJson, &[], &[])).expect("CSL-JSON")
}

#[test]
fn csl_json_gives_each_document_its_record_as_zotero_maps_it() {
    let ws = workspace();
    let records = csl(ws, &notebook());
    let keys: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        keys,
        [
            "hershberg-wp90",
            "khrushchev-memoir-1974",
            "castro-1992-havana",
            "1961-04-13-kudryavtsev-castro"
        ],
        "the paper once (the introduction is the paper), then the library's order"
    );
    let by = |k: &str| records.iter().find(|r| r.id == k).unwrap();
    // The paper: a report in its series; no publisher, place or date invented.
    let paper = by("hershberg-wp90");
    assert_eq!(paper.kind, "report");
    assert_eq!(paper.number.as_deref(), Some("90"));
    assert!(paper.publisher.is_none() && paper.issued.is_none());
    // A record: a manuscript with its archive, place in it, translator, date and link.
    let rec = by("1961-04-13-kudryavtsev-castro");
    assert_eq!(rec.kind, "manuscript");
    assert_eq!(rec.genre.as_deref(), Some("Record of conversation"));
    assert_eq!(rec.archive.as_deref(), Some("AVP RF"));
    assert_eq!(
        rec.archive_location.as_deref(),
        Some("f. 0104, op. 17, p. 118, d. 3, ll. 170-176")
    );
    assert_eq!(rec.translator[0].family.as_deref(), Some("Goldberg"));
    assert_eq!(rec.author[0].family.as_deref(), Some("Kudryavtsev"));
    assert_eq!(rec.issued.as_ref().unwrap().date_parts, [[1961, 4, 13]]);
    assert!(rec.url.as_deref().unwrap().contains("wilsoncenter.org"));
    assert!(
        rec.note
            .as_deref()
            .unwrap()
            .contains("Working Paper #90, 36–40")
    );
    // The memoir: a chapter of the book, its publisher, place, year and pages.
    let memoir = by("khrushchev-memoir-1974");
    assert_eq!(memoir.kind, "chapter");
    assert_eq!(
        memoir.container_title.as_deref(),
        Some("Khrushchev Remembers: The Last Testament")
    );
    assert_eq!(memoir.publisher.as_deref(), Some("Little, Brown, and Co."));
    assert_eq!(memoir.publisher_place.as_deref(), Some("Boston"));
    assert_eq!(memoir.page.as_deref(), Some("477–479"));
    assert_eq!(memoir.issued.as_ref().unwrap().date_parts, [[1974]]);
    assert!(
        memoir.container_author.is_empty(),
        "Khrushchev wrote the book too"
    );
    // Castro's comments: in a book by others, in its 2002 edition of a 1993 book.
    let castro = by("castro-1992-havana");
    assert_eq!(castro.author[0].family.as_deref(), Some("Castro"));
    let book: Vec<&str> = castro
        .container_author
        .iter()
        .filter_map(|n| n.family.as_deref())
        .collect();
    assert_eq!(book, ["Blight", "Allyn", "Welch"]);
    assert_eq!(castro.issued.as_ref().unwrap().date_parts, [[2002]]);
    assert_eq!(castro.original_date.as_ref().unwrap().date_parts, [[1993]]);
    // The raw JSON uses CSL's names for the variables Zotero reads.
    let raw: serde_json::Value =
        serde_json::from_str(&export(ws, &notebook(), Format::CslJson, &[], &[])).unwrap();
    let rec = raw
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "1961-04-13-kudryavtsev-castro")
        .unwrap();
    assert_eq!(
        rec["archive_location"],
        "f. 0104, op. 17, p. 118, d. 3, ll. 170-176"
    );
    assert!(rec["URL"].is_string());
    assert_eq!(rec["issued"]["date-parts"][0][0], 1961);
}

#[test]
fn a_document_filter_takes_its_documents_even_without_notes() {
    let ws = workspace();
    let records: Vec<CslItem> = serde_json::from_str(&export(
        ws,
        &Notebook::default(),
        Format::CslJson,
        &["1960-09-14-kudryavtsev-roa".to_string()],
        &[],
    ))
    .unwrap();
    let keys: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(keys, ["hershberg-wp90", "1960-09-14-kudryavtsev-roa"]);
    assert_eq!(
        records[1].recipient[0].family.as_deref(),
        Some("Dobrynin"),
        "the record's addressee"
    );
}

#[test]
fn biblatex_and_bibtex_read_back_with_a_bibtex_parser() {
    use biblatex::{Bibliography, ChunksExt, EntryType};
    let ws = workspace();
    let nb = notebook();
    let text = export(ws, &nb, Format::BibLaTeX, &[], &[]);
    let bib = Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(bib.len(), 4);
    let rec = bib.get("1961-04-13-kudryavtsev-castro").unwrap();
    assert_eq!(rec.entry_type, EntryType::Unpublished);
    let field = |e: &biblatex::Entry, f: &str| e.fields.get(f).map(|c| c.format_verbatim());
    assert_eq!(
        field(rec, "title").as_deref(),
        Some("Record of Conversation between S. M. Kudryavtsev and Fidel Castro")
    );
    assert_eq!(
        field(rec, "library").as_deref(),
        Some("AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 170-176")
    );
    assert_eq!(field(rec, "translator").as_deref(), Some("Goldberg, Gary"));
    assert_eq!(field(rec, "date").as_deref(), Some("1961-04-13"));
    let memoir = bib.get("khrushchev-memoir-1974").unwrap();
    assert_eq!(memoir.entry_type, EntryType::InBook);
    assert_eq!(
        field(memoir, "pages").as_deref(),
        Some("477–479"),
        "written 477--479, read as a range"
    );
    assert_eq!(field(memoir, "location").as_deref(), Some("Boston"));
    let castro = bib.get("castro-1992-havana").unwrap();
    assert_eq!(field(castro, "origdate").as_deref(), Some("1993"));
    assert!(
        field(castro, "bookauthor")
            .unwrap()
            .contains("Blight, James G.")
    );
    assert_eq!(
        bib.get("hershberg-wp90").unwrap().entry_type,
        EntryType::Report
    );
    // Classic BibTeX: the archive and translator in the note, year and month.
    let text = export(ws, &nb, Format::BibTeX, &[], &[]);
    let bib = Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let rec = bib.get("1961-04-13-kudryavtsev-castro").unwrap();
    let note = field(rec, "note").unwrap();
    assert!(
        note.contains("AVP RF, f. 0104") && note.contains("trans. Gary Goldberg"),
        "{note}"
    );
    assert_eq!(field(rec, "year").as_deref(), Some("1961"));
    assert!(text.contains("month = apr,"));
    assert_eq!(
        bib.get("hershberg-wp90").unwrap().entry_type,
        EntryType::TechReport
    );
}

#[test]
fn your_document_is_a_manuscript_and_tex_characters_survive() {
    use biblatex::{Bibliography, ChunksExt};
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("memo.txt");
    std::fs::write(&src, "A memo on the Escambray bands.").unwrap();
    let out = crate::readingroom_in(
        dir.path(),
        &[
            "add-doc",
            src.to_str().unwrap(),
            "--title",
            "Memo 50% & #1 {braces} \\ end",
            "--date",
            "1961-03/1961-06",
            "--citation",
            "Memo, NARA, RG 59, Box 3",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ws = readingroom::Workspace::load_with_user_documents(None, dir.path()).unwrap();
    let d = ws.corpus.documents.iter().find(|d| d.user_added).unwrap();
    let it = item(&ws, d);
    assert_eq!(it.kind, "manuscript");
    assert_eq!(
        it.issued.as_ref().unwrap().date_parts,
        [vec![1961, 3], vec![1961, 6]]
    );
    assert_eq!(
        it.note.as_deref(),
        Some("Memo, NARA, RG 59, Box 3"),
        "the citation you wrote"
    );
    let records = items(&ws, &[ws.corpus.index_of(d.id()).unwrap()]);
    assert_eq!(records.len(), 1, "no working paper for your own document");
    let text =
        readingroom::export::bibtex::bib(&records, readingroom::export::bibtex::Dialect::BibLaTeX);
    let bib = Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let e = bib.iter().next().unwrap();
    assert_eq!(
        e.fields.get("title").unwrap().format_verbatim(),
        "Memo 50% & #1 {braces} \\ end"
    );
    assert_eq!(
        e.fields.get("date").unwrap().format_verbatim(),
        "1961-03/1961-06"
    );
}

/// RIS records as Zotero's translator reads them: a tag and its value per line, lines that are
/// not tags continuing the value before.
fn read_ris(text: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut rec: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let tagged = line.len() >= 5
            && line.as_bytes()[0].is_ascii_uppercase()
            && line.as_bytes()[1].is_ascii_alphanumeric()
            && line[2..].starts_with("  -");
        if tagged {
            let (tag, value) = (line[..2].to_string(), line[5..].trim().to_string());
            if tag == "ER" {
                out.push(std::mem::take(&mut rec));
            } else {
                rec.push((tag, value));
            }
        } else if let Some(last) = rec.last_mut() {
            last.1.push('\n');
            last.1.push_str(line);
        }
    }
    out
}

#[test]
fn ris_carries_each_documents_notes_and_tags() {
    let ws = workspace();
    let text = export(ws, &notebook(), Format::Ris, &[], &[]);
    let records = read_ris(&text);
    assert_eq!(records.len(), 4, "{text}");
    let get = |r: &Vec<(String, String)>, tag: &str| -> Vec<String> {
        r.iter()
            .filter(|(t, _)| t == tag)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let rec = records
        .iter()
        .find(|r| get(r, "ID") == ["1961-04-13-kudryavtsev-castro"])
        .unwrap();
    assert_eq!(get(rec, "TY"), ["MANSCPT"]);
    assert_eq!(get(rec, "DB"), ["AVP RF"]);
    assert_eq!(
        get(rec, "AN"),
        ["f. 0104, op. 17, p. 118, d. 3, ll. 170-176"]
    );
    assert_eq!(get(rec, "A4"), ["Goldberg, Gary"]);
    assert_eq!(get(rec, "DA"), ["1961/04/13/"]);
    let notes = get(rec, "N1");
    assert!(notes[0].starts_with("Reproduced in"));
    let gagarin = notes.iter().find(|n| n.contains("cosmonaut")).unwrap();
    assert!(gagarin.starts_with("“cosmonaut” (p. 38)"), "{gagarin}");
    assert!(
        gagarin.contains("Gagarin's flight\n TY  - JOUR on a line"),
        "a line of the note that looks like a tag stays in the note: {gagarin}"
    );
    assert_eq!(get(rec, "KW"), ["Space"]);
    let memoir = records
        .iter()
        .find(|r| get(r, "ID") == ["khrushchev-memoir-1974"])
        .unwrap();
    assert_eq!(get(memoir, "TY"), ["CHAP"]);
    assert_eq!(
        get(memoir, "T2"),
        ["Khrushchev Remembers: The Last Testament"]
    );
    assert_eq!(get(memoir, "SP"), ["477-479"]);
    // The introduction's note goes with the paper.
    let paper = records
        .iter()
        .find(|r| get(r, "ID") == ["hershberg-wp90"])
        .unwrap();
    assert_eq!(get(paper, "TY"), ["RPRT"]);
    assert!(
        get(paper, "N1")
            .iter()
            .any(|n| n.contains("the paper itself"))
    );
}

#[test]
fn keys_are_stable_and_a_pandoc_citation_uses_them() {
    let ws = workspace();
    let mut nb = notebook();
    let first: Vec<String> = csl(ws, &nb).into_iter().map(|r| r.id).collect();
    nb.annotations[0].note = "edited".into();
    nb.add(note_on(
        "more",
        "1961-04-13-kudryavtsev-castro",
        0,
        20,
        "",
        &[],
    ));
    let again: Vec<String> = csl(ws, &nb).into_iter().map(|r| r.id).collect();
    assert_eq!(first, again);
    let d = ws.corpus.get("1961-04-13-kudryavtsev-castro").unwrap();
    let at = d
        .text
        .find("cosmonaut")
        .map(|b| d.text[..b].chars().count())
        .unwrap();
    assert_eq!(
        pandoc_citation(d, at, at + 9),
        "[@1961-04-13-kudryavtsev-castro, 38]"
    );
    let intro = ws.corpus.get("introduction").unwrap();
    assert_eq!(pandoc_citation(intro, 0, 10), "[@hershberg-wp90, 1]");
    let bib = export(ws, &nb, Format::BibLaTeX, &[], &[]);
    assert!(bib.contains("@unpublished{1961-04-13-kudryavtsev-castro,"));
    assert!(bib.contains("@report{hershberg-wp90,"));
}

#[test]
fn readingroom_export_writes_the_documents_in_every_bibliographic_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&dir.path().join("notebook.ron"));
    file.notebook = notebook();
    file.save().unwrap();
    for (format, check) in [
        ("csl-json", "\"archive_location\""),
        ("biblatex", "@unpublished{1961-04-13-kudryavtsev-castro,"),
        ("bibtex", "@techreport{hershberg-wp90,"),
        ("ris", "TY  - MANSCPT"),
    ] {
        let out = crate::readingroom_in(
            dir.path(),
            &["export", "--format", format, "--tag", "Space"],
        );
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(check), "{format}: {text}");
        assert!(
            !text.contains("khrushchev-memoir-1974"),
            "{format}: only the tagged note's document"
        );
    }
}

#[test]
fn readingroom_export_takes_a_collection_of_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&dir.path().join("notebook.ron"));
    file.notebook = Notebook::default();
    file.save().unwrap();
    let out = crate::readingroom_in(
        dir.path(),
        &[
            "export",
            "--format",
            "csl-json",
            "--collection",
            "bay-of-pigs-1961",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<CslItem> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        records
            .iter()
            .any(|r| r.id == "1961-04-13-kudryavtsev-castro")
    );
    assert!(!records.iter().any(|r| r.id == "khrushchev-memoir-1974"));
    let out = crate::readingroom_in(
        dir.path(),
        &["export", "--format", "ris", "--collection", "Nothing here"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document is in the collection"));
}
