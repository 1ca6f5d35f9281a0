//! Bad input for every importer: encrypted, damaged, truncated and enormous files, zip bombs,
//! XML entity attacks, deep nesting; and mutated real files (property tests with fixed case
//! counts). Each is refused or neutralised with a reason; none panics.

use super::*;
use proptest::prelude::*;
use std::io::Write;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn extract(name: &str, bytes: &[u8]) -> Result<Vec<Extracted>, ImportError> {
    let importer = importer_for(name, bytes).unwrap_or_else(|| panic!("no importer for {name}"));
    extract_in_process(importer, bytes)
}

/// A zip of the given parts, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn a_password_protected_pdf_is_refused_and_a_print_restricted_one_imports() {
    let e = extract("x.pdf", &fixture("memo-encrypted-qpdf.pdf")).unwrap_err();
    assert!(matches!(e, ImportError::Encrypted(_)), "{e}");
    assert!(e.to_string().contains("password-protected"), "{e}");
    let d = extract("x.pdf", &fixture("memo-print-restricted-qpdf.pdf")).unwrap();
    assert!(
        d[0].text.contains("Raúl Roa at his request"),
        "{}",
        d[0].text
    );
}

#[test]
fn a_protected_word_file_says_so() {
    // Office wraps an encrypted document in an OLE compound file; its signature is enough.
    let mut cfb = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    cfb.resize(4096, 0);
    let e = extract("report.docx", &cfb).unwrap_err();
    assert!(e.to_string().contains("password-protected"), "{e}");
}

#[test]
fn a_zip_bomb_inside_a_docx_is_refused_after_the_cap_not_after_the_bomb() {
    let zeros = vec![b' '; (formats::zipped_limits::MAX_PART_BYTES + 1024) as usize];
    let bomb = zip_of(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 1024 * 1024, "a small file: {}", bomb.len());
    let e = extract("bomb.docx", &bomb).unwrap_err();
    assert!(matches!(e, ImportError::TooLarge(_)), "{e}");
    assert!(e.to_string().contains("zip bomb"), "{e}");
    // Too many entries.
    let names: Vec<String> = (0..=formats::zipped_limits::MAX_ENTRIES)
        .map(|i| format!("f{i}"))
        .collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let e = extract("many.docx", &zip_of(&parts)).unwrap_err();
    assert!(e.to_string().contains("parts"), "{e}");
}

#[test]
fn entities_and_dtds_never_expand() {
    let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>"#;
    let docx_xml = [
        &laughs[..],
        b"<w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>",
    ]
    .concat();
    let e = extract("laughs.docx", &zip_of(&[("word/document.xml", &docx_xml)])).unwrap_err();
    assert!(e.to_string().contains("DTD"), "{e}");
    let tei = [
        &laughs[..],
        br#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><p>&lol2;</p></text></TEI>"#,
    ]
    .concat();
    let e = extract("laughs.xml", &tei).unwrap_err();
    assert!(e.to_string().contains("DTD"), "{e}");
    let xxe = br#"<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><p>&x;</p></text></TEI>"#;
    assert!(extract("xxe.xml", xxe).is_err());
}

#[test]
fn deep_nesting_is_refused_or_cut_without_overflowing_the_stack() {
    let depth = 20_000;
    let tei = format!(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>{}deep{}</text></TEI>"#,
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    assert!(extract("deep.xml", tei.as_bytes()).is_err());
    let html = format!(
        "<!DOCTYPE html><html><body>{}deep text{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let _ = extract("deep.html", html.as_bytes());
    let odt_content = format!(
        r#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>{}x{}</office:text></office:body></office:document-content>"#,
        "<text:span>".repeat(depth),
        "</text:span>".repeat(depth)
    );
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", odt_content.as_bytes()),
    ]);
    assert!(extract("deep.odt", &odt).is_err());
}

#[test]
fn truncated_and_empty_files_are_damage() {
    for name in [
        "memo-pandoc.docx",
        "memo-libreoffice.odt",
        "diary-libreoffice-labelled.pdf",
        "frus-shaped-volume.xml",
    ] {
        let bytes = fixture(name);
        for cut in [0, 10, bytes.len() / 2] {
            let e = extract(name, &bytes[..cut]);
            assert!(e.is_err(), "{name} cut at {cut} was read");
        }
    }
}

/// One mutation of a file: bytes changed, a piece removed or repeated.
fn mutate(bytes: &[u8], at: usize, len: usize, how: u8, value: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return out;
    }
    let at = at % out.len();
    let len = len.min(out.len() - at);
    match how % 3 {
        0 => out[at..at + len].iter_mut().for_each(|b| *b ^= value | 1),
        1 => {
            out.drain(at..at + len);
        }
        _ => {
            let piece = out[at..at + len].to_vec();
            out.splice(at..at, piece);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Mutated DOCX, ODT, HTML, TEI and Markdown files give documents or reasons, never a
    /// panic. (Mutated PDFs run through the isolated worker: tests/it/import.rs.)
    #[test]
    fn mutated_files_never_panic(which in 0usize..6, at in 0usize..1_000_000, len in 1usize..64, how in 0u8..3, value in any::<u8>()) {
        let names = ["memo-pandoc.docx", "memo-libreoffice.odt", "memo-libreoffice.html", "frus-shaped-volume.xml", "memo.md", "wilson-center-shaped-record.html"];
        let bytes = mutate(&fixture(names[which]), at, len, how, value);
        if let Some(importer) = importer_for(names[which], &bytes) {
            let _ = extract_in_process(importer, &bytes);
        }
    }
}
