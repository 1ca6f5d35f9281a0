//! The 15 primary documents, their metadata, footnote anchors, pages and editorial marks; a
//! broken catalog gives a clear error.

use crate::{corpus_dir, workspace};
use readingroom::corpus::{Corpus, EditorialKind, Kind, Part};

/// (id, date, verbatim citation, Wilson Center document number)
const RECORDS: [(&str, &str, &str, &str); 12] = [
    (
        "1960-09-14-kudryavtsev-roa",
        "1960-09-14",
        "AVP RF, f. 0104, op. 16, p. 116, d. 4, ll. 157-160",
        "176347",
    ),
    (
        "1960-09-15-kudryavtsev-castro",
        "1960-09-15",
        "AVP RF, F. 0104, Op. 16, P. 116, D. 4, ll. 161-165",
        "177858",
    ),
    (
        "1960-09-20-khrushchev-castro",
        "1960-09-20",
        "RGANI, F. 52, Op. 1, D. 512, ll. 2-5",
        "208455",
    ),
    (
        "1961-01-21-kudryavtsev-castro",
        "1961-01-21",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 48-52",
        "177859",
    ),
    (
        "1961-02-24-kudryavtsev-roa",
        "1961-02-24",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 94-97",
        "188122",
    ),
    (
        "1961-02-25-kudryavtsev-castro",
        "1961-02-25",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 98-108",
        "188123",
    ),
    (
        "1961-03-03-kudryavtsev-castro-lunch",
        "1961-03-03",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 110-113",
        "188124",
    ),
    (
        "1961-03-12-kudryavtsev-castro",
        "1961-03-12",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 130-135, AVP RF",
        "188125",
    ),
    (
        "1961-04-13-kudryavtsev-castro",
        "1961-04-13",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 170-176",
        "188140",
    ),
    (
        "1961-04-22-kudryavtsev-castro-dorticos-message",
        "1961-04-22",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 216-218",
        "188141",
    ),
    (
        "1961-04-22-kudryavtsev-castro-dorticos-breakfast",
        "1961-04-22",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 219-222",
        "188142",
    ),
    (
        "1961-06-24-kudryavtsev-castro",
        "1961-06-24",
        "AVP RF, F. 0104. Op. 17, P. 118, D. 4, ll. 105-106",
        "188148",
    ),
];

#[test]
fn the_fifteen_primary_documents_with_dates_citations_and_urls() {
    let c = &workspace().corpus;
    assert_eq!(c.primary().count(), 15);
    for (id, date, citation, url) in RECORDS {
        let d = c.get(id).unwrap_or_else(|| panic!("missing {id}"));
        assert_eq!(d.meta.kind, Kind::RecordOfConversation, "{id}");
        assert_eq!(d.meta.date.as_ref().unwrap().as_str(), date, "{id}");
        assert_eq!(d.meta.citation_verbatim.as_deref(), Some(citation), "{id}");
        let heading = d.heading.as_deref().unwrap();
        assert!(
            heading.contains(citation),
            "{id}: the citation is verbatim from the heading"
        );
        assert_eq!(
            d.meta.url.as_deref(),
            Some(format!("https://digitalarchive.wilsoncenter.org/document/{url}").as_str())
        );
        assert!(heading.contains(url), "{id}");
    }
    let m74 = c.get("khrushchev-memoir-1974").unwrap();
    assert_eq!(
        (
            m74.meta.kind,
            m74.meta.published,
            m74.meta.date.as_ref().unwrap().as_str()
        ),
        (Kind::Memoir, Some(1974), "1960-09-20")
    );
    assert_eq!(m74.meta.publication.as_ref().unwrap().pages, "477-479");
    let m07 = c.get("khrushchev-memoir-2007").unwrap();
    assert_eq!(
        (
            m07.meta.published,
            m07.meta.publication.as_ref().unwrap().pages.as_str()
        ),
        (Some(2007), "270-272")
    );
    let c92 = c.get("castro-1992-havana").unwrap();
    assert_eq!(c92.meta.kind, Kind::OralHistory);
    assert_eq!(c92.meta.date.as_ref().unwrap().as_str(), "1992-01");
    assert_eq!(c92.meta.event_date.as_ref().unwrap().as_str(), "1960-09-20");
    assert_eq!(
        c92.meta.publication.as_ref().unwrap().also_cited_as.len(),
        1,
        "Cuba on the Brink is cited two ways"
    );
}

#[test]
fn metadata_as_printed_including_the_papers_anomalies() {
    let c = &workspace().corpus;
    let memcon = c.get("1960-09-20-khrushchev-castro").unwrap();
    assert_eq!(memcon.meta.recorder.as_deref(), Some("v-vinogradov"));
    assert_eq!(
        memcon.meta.translator.as_deref(),
        Some("Svetlana Savranskaya")
    );
    let roa = c.get("1960-09-14-kudryavtsev-roa").unwrap();
    assert_eq!(roa.meta.addressee.as_deref(), Some("anatoly-dobrynin"));
    assert_eq!(
        (
            roa.meta.classification.as_deref(),
            roa.meta.copy_no.as_deref(),
            roa.meta.outgoing_no.as_deref()
        ),
        (Some("Secret"), Some("1"), Some("97"))
    );
    let a = roa.meta.archival.as_ref().unwrap();
    assert_eq!(
        (
            a.fond.as_str(),
            a.opis.as_str(),
            a.papka.as_deref(),
            a.delo.as_str(),
            a.listy.as_str()
        ),
        ("0104", "16", Some("116"), "4", "157-160")
    );
    let feb25 = c.get("1961-02-25-kudryavtsev-castro").unwrap();
    assert!(
        feb25.meta.journal_date < feb25.meta.date,
        "journal dated before the conversation, kept"
    );
    assert!(!feb25.meta.anomalies.is_empty());
    let outgoing = |id: &str| c.get(id).unwrap().meta.outgoing_no.clone().unwrap();
    assert_eq!(
        outgoing("1961-03-03-kudryavtsev-castro-lunch"),
        outgoing("1961-03-12-kudryavtsev-castro")
    );
    assert_eq!(
        outgoing("1961-04-22-kudryavtsev-castro-dorticos-message"),
        "149 [SIC]"
    );
    assert_eq!(outgoing("1961-04-13-kudryavtsev-castro"), "149");
    assert!(
        c.get("1961-02-24-kudryavtsev-roa")
            .unwrap()
            .heading
            .as_deref()
            .unwrap()
            .contains("Kudryaytsev")
    );
    assert!(
        c.get("note-khrushchev-recollections")
            .unwrap()
            .text
            .contains("published in 1970")
    );
    // Commentary: introduction and essays.
    let commentary: Vec<_> = c
        .documents
        .iter()
        .filter(|d| d.meta.kind == Kind::Commentary)
        .collect();
    assert!(commentary.len() >= 5);
    assert_eq!(
        c.get("essay-assassination-1961").unwrap().meta.part,
        Some(Part::Assassination1961)
    );
}

#[test]
fn footnotes_are_anchored_where_their_markers_stand() {
    let c = &workspace().corpus;
    assert_eq!(c.footnotes.len(), 11);
    let before = |n: u32| {
        let f = c.footnotes.iter().find(|f| f.number == n).unwrap();
        let d = c.get(&f.doc).unwrap();
        (
            f.doc.clone(),
            d.slice_chars(f.at.saturating_sub(25), f.at),
            f.text.clone(),
        )
    };
    let (doc, text, note) = before(6);
    assert_eq!(doc, "note-castro-recollections");
    assert!(text.ends_with("interviews."), "{text:?}");
    assert!(note.starts_with("Fidel Castro and Ignacio Ramonet, My Life"));
    let (doc, text, _) = before(9);
    assert_eq!(doc, "1961-04-13-kudryavtsev-castro");
    assert!(text.ends_with("against Cuba."), "{text:?}");
    let (doc, text, _) = before(10);
    assert_eq!(doc, "1961-04-22-kudryavtsev-castro-dorticos-message");
    assert!(text.ends_with("message of 18 April."), "{text:?}");
    let (_, text, _) = before(2);
    assert!(
        text.ends_with("oral history testimony"),
        "marker glued to the word: {text:?}"
    );
    let (_, text, _) = before(8);
    assert!(text.ends_with("operation."), "{text:?}");
}

#[test]
fn passages_are_cited_with_their_working_paper_page() {
    let c = &workspace().corpus;
    let page_of = |id: &str, passage: &str| {
        let d = c.get(id).unwrap();
        let byte = d
            .text
            .find(passage)
            .unwrap_or_else(|| panic!("{passage:?} not in {id}"));
        d.page_at(d.text[..byte].chars().count()).unwrap()
    };
    assert_eq!(
        page_of("introduction", "The forging of the Soviet-Cuban alliance"),
        1
    );
    assert_eq!(
        page_of("introduction", "Reproduced below are translated documents"),
        2
    );
    assert_eq!(
        page_of(
            "1961-01-21-kudryavtsev-castro",
            "I am confident that the consistent struggle"
        ),
        19
    );
    assert_eq!(
        page_of(
            "1961-01-21-kudryavtsev-castro",
            "forced him to say that the US"
        ),
        20
    );
    assert_eq!(
        page_of("1960-09-14-kudryavtsev-roa", "The Soviet Embassy"),
        9
    );
    assert_eq!(page_of("1960-09-14-kudryavtsev-roa", "Havana"), 10);
    assert_eq!(
        page_of(
            "1961-03-12-kudryavtsev-castro",
            "counterrevolutionaries to Cuba, one of which"
        ),
        34
    );
    assert_eq!(
        page_of(
            "1961-04-13-kudryavtsev-castro",
            "the previous hostile line with respect to Cuba. Obviously"
        ),
        40
    );
    assert_eq!(
        page_of(
            "1961-06-24-kudryavtsev-castro",
            "The rest of the conversation touched"
        ),
        49
    );
}

#[test]
fn editorial_marks_are_spans_in_the_model() {
    let d = workspace()
        .corpus
        .get("1960-09-14-kudryavtsev-roa")
        .unwrap();
    let marks: Vec<(String, EditorialKind)> = d
        .editorial
        .iter()
        .map(|s| (d.slice_chars(s.start, s.end), s.kind))
        .collect();
    assert!(marks.contains(&("[sic--trans.]".into(), EditorialKind::Sic)));
    assert!(marks.contains(&("<…>".into(), EditorialKind::Omission)));
    assert!(marks.contains(&("[I]".into(), EditorialKind::Insertion)));
}

#[test]
fn a_broken_catalog_names_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&corpus_dir(), dir.path());
    let catalog = std::fs::read_to_string(dir.path().join("catalog.ron")).unwrap();
    let broken = catalog.replacen(
        "date: Some(\"1961-01-21\")",
        "date: Some(\"1961-21-01\")",
        1,
    );
    assert_ne!(broken, catalog);
    std::fs::write(dir.path().join("catalog.ron"), &broken).unwrap();
    let err = Corpus::load_dir(dir.path()).unwrap_err();
    let line = broken
        .lines()
        .position(|l| l.contains("1961-21-01"))
        .unwrap()
        + 1;
    assert!(err.file.ends_with("catalog.ron"));
    assert_eq!(err.line, Some(line), "{err}");
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");

    // A missing text file names the document.
    std::fs::write(dir.path().join("catalog.ron"), &catalog).unwrap();
    std::fs::remove_file(dir.path().join("texts/introduction.txt")).unwrap();
    let err = Corpus::load_dir(dir.path()).unwrap_err();
    assert!(err.to_string().contains("introduction"), "{err}");
    assert!(err.to_string().contains("missing"), "{err}");
}

/// Copies a directory tree.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn a_users_document_takes_partial_uncertain_and_ranged_dates_and_refuses_impossible_ones() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("d.txt");
    std::fs::write(&src, "A letter.").unwrap();
    let run = |args: &[&str]| {
        let o = crate::readingroom_in(dir.path(), args);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, _, err) = run(&[
        "add-doc",
        src.to_str().unwrap(),
        "--title",
        "X",
        "--date",
        "1961-02-31",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("February 1961 has no day 31"), "{err}");
    for (date, shown) in [
        ("c. 1961", "c. 1961"),
        ("1961-03/1961-06", "March–June 1961"),
        ("1961?", "1961?"),
    ] {
        // A letter of its own for each date (the same content twice is one document).
        std::fs::write(&src, format!("A letter dated {date}.")).unwrap();
        let (code, id, err) = run(&[
            "add-doc",
            src.to_str().unwrap(),
            "--title",
            date,
            "--date",
            date,
        ]);
        assert_eq!(code, Some(0), "{err}");
        let (_, shown_doc, _) = run(&["show", id.trim()]);
        assert!(
            shown_doc.contains(&format!("date            {shown}")),
            "{shown_doc}"
        );
    }
}
