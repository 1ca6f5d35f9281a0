//! Every importer on files made by real tools (pandoc, LibreOffice, OCRmyPDF, pypdf) and on the
//! FRUS-shaped TEI volume, all kept in `tests/fixtures/import/`.

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(name: &str) -> Vec<Extracted> {
    let bytes = fixture(name);
    let importer = importer_for(name, &bytes).unwrap_or_else(|| panic!("no importer for {name}"));
    extract_in_process(importer, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn styled(d: &Extracted, style: Style) -> Vec<String> {
    d.styles
        .iter()
        .filter(|s| s.style == style)
        .map(|s| d.text.chars().skip(s.start).take(s.end - s.start).collect())
        .collect()
}

/// The memo (written in Markdown, converted by pandoc and by LibreOffice) reads the same from
/// every format: its words, its emphasis as spans, its two footnotes at their markers.
#[test]
fn the_memo_reads_the_same_from_docx_odt_html_and_markdown() {
    for name in [
        "memo-pandoc.docx",
        "memo-libreoffice.docx",
        "memo-pandoc.odt",
        "memo-libreoffice.odt",
        "memo-pandoc.html",
        "memo-libreoffice.html",
        "memo.md",
    ] {
        let d = import(name).remove(0);
        assert!(
            d.text
                .contains("Today I received Minister of Foreign Affairs Raúl Roa at his request."),
            "{name}: {}",
            d.text
        );
        assert!(
            !d.text.contains('*') && !d.text.contains('<'),
            "{name}: marks in the text"
        );
        assert!(
            styled(&d, Style::Italic).contains(&"Raúl Roa".to_string()),
            "{name}: {:?}",
            d.styles
        );
        assert!(
            styled(&d, Style::Bold).contains(&"situation is serious".to_string()),
            "{name}: {:?}",
            d.styles
        );
        assert!(
            styled(&d, Style::Heading(2)).contains(&"Remarks".to_string()),
            "{name}: {:?}",
            d.styles
        );
        if name.ends_with(".html") {
            continue; // pandoc and LibreOffice write footnotes into HTML as links and text.
        }
        assert_eq!(d.notes.len(), 2, "{name}: {:?}", d.notes);
        assert_eq!(
            d.notes[0].text, "Compare the CIA assessment of the same week.",
            "{name}"
        );
        let before: String = d.text.chars().take(d.notes[0].at).collect();
        assert!(
            before.ends_with("preparations for an invasion."),
            "{name}: {before}"
        );
        if name != "memo.md" {
            assert_eq!(
                d.meta.title.as_deref(),
                Some("Memorandum of Conversation: Ambassador Kudryavtsev and Raúl Roa"),
                "{name}"
            );
            assert_eq!(
                d.meta.author.as_deref(),
                Some("S. M. Kudryavtsev"),
                "{name}"
            );
        }
    }
    assert_eq!(
        import("memo-pandoc.odt")[0].meta.date.as_deref(),
        Some("1961-03-04")
    );
    assert_eq!(
        import("memo-pandoc.docx")[0].meta.date.as_deref(),
        Some("1961-03-04")
    );
}

#[test]
fn a_pdf_keeps_its_page_labels_and_loses_its_running_heads_and_hyphens() {
    let d = import("diary-libreoffice-labelled.pdf").remove(0);
    let labels: Vec<&str> = d.pages.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["i", "14", "15", "16", "17", "18", "19", "20"]);
    assert!(!d.text.contains("Havana Embassy Records"));
    assert!(
        !d.text.contains("an- swered") && d.text.contains("answered"),
        "{}",
        &d.text[..300]
    );
    assert!(
        d.repairs
            .iter()
            .any(|r| r.contains("Havana Embassy Records")),
        "{:?}",
        d.repairs
    );
    assert!(
        d.repairs.iter().any(|r| r.contains("hyphenated")),
        "{:?}",
        d.repairs
    );
    assert_eq!(d.meta.title.as_deref(), Some("Embassy Diary, March 1961"));
    assert_eq!(d.meta.author.as_deref(), Some("A. I. Alekseev"));
    // Every word pdftotext reads on page 14 is in the text (hyphenated ones rejoined).
    assert!(
        d.text
            .contains("nationalisation friendship moscow said would concerned declared")
    );
}

#[test]
fn an_ocr_scan_reads_and_a_scan_without_text_is_refused_with_what_to_do() {
    let d = import("typed-ocrmypdf.pdf").remove(0);
    assert!(
        d.text.contains("counterrevolutionaries in Miami"),
        "{}",
        d.text
    );
    assert!(
        d.text.contains("the American intelligence service"),
        "{}",
        d.text
    );
    let bytes = fixture("typed-no-text-layer.pdf");
    let e = extract_in_process(importer_for("x.pdf", &bytes).unwrap(), &bytes).unwrap_err();
    assert_eq!(
        e.to_string(),
        "this PDF has no text; run OCR first (e.g. ocrmypdf)"
    );
}

#[test]
fn a_frus_volume_gives_one_document_per_div_with_its_metadata() {
    let docs = import("frus-shaped-volume.xml");
    assert_eq!(docs.len(), 3);
    let d1 = &docs[0];
    assert_eq!(d1.meta.number.as_deref(), Some("1"));
    assert_eq!(d1.meta.title.as_deref(), Some("Memorandum of Conversation"));
    assert_eq!(d1.meta.date.as_deref(), Some("1961-04-18"));
    assert_eq!(d1.meta.place.as_deref(), Some("Washington"));
    assert_eq!(
        d1.meta.archival_reference.as_deref(),
        Some(
            "Department of State, Central Files, 737.00/4–1861. Secret. Drafted by the test editor."
        )
    );
    assert_eq!(d1.present, ["Dean Rusk", "Philip W. Bonsal"]);
    assert_eq!(d1.pages[0].label, "1");
    let bonsal = d1.names.iter().filter(|n| n.key == "p_BPW1").count();
    assert_eq!(bonsal, 3, "{:?}", d1.names);
    assert!(styled(d1, Style::Italic).contains(&"long and angry".to_string()));
    assert!(d1.notes.iter().any(|n| n.mark == "Source"));
    assert!(
        d1.notes
            .iter()
            .any(|n| n.text == "The speech was broadcast on the evening of April 18.")
    );
    // A date range, and a page break inside the document.
    let d2 = &docs[1];
    assert_eq!(d2.meta.date.as_deref(), Some("1961-04-19/1961-04-21"));
    let labels: Vec<&str> = d2.pages.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["2", "3"]);
    // The volume's persons, with who they were.
    let castro = d1.people.iter().find(|p| p.key == "p_CRF1").unwrap();
    assert_eq!(castro.name, "Fidel Castro Ruz");
    assert_eq!(
        castro.description.as_deref(),
        Some("Prime Minister of Cuba")
    );
    assert_eq!(
        docs[2].meta.edition.as_deref(),
        Some("Foreign Relations of the United States, 1961–1963, Test Volume, Cuba")
    );
}

#[test]
fn a_saved_archive_page_gives_its_text_and_its_citation() {
    let d = import("wilson-center-shaped-record.html").remove(0);
    assert!(d.text.starts_with("Secret Copy No. 2"), "{}", d.text);
    for chrome in [
        "Home",
        "Search the Archive",
        "Skip to content",
        "welcomes reuse",
        "dataLayer",
    ] {
        assert!(!d.text.contains(chrome), "{chrome}: {}", d.text);
    }
    let m = &d.meta;
    assert_eq!(
        m.title.as_deref(),
        Some(
            "From the Journal of S. M. Kudryavtsev, 'Record of Conversation with Raúl Roa, 2 May 1961'"
        )
    );
    assert_eq!(m.date.as_deref(), Some("1961-05-10"));
    assert_eq!(m.archive.as_deref(), Some("AVP RF"));
    assert_eq!(
        m.archival_reference.as_deref(),
        Some("AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 120-123")
    );
    assert_eq!(m.translator.as_deref(), Some("Gary Goldberg"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://digitalarchive.wilsoncenter.org/document/999001")
    );
}
