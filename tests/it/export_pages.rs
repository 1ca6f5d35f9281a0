//! A document to read and print: the annotated page read back with an HTML parser (scraper),
//! and the Obsidian folder's files with their YAML front matter read back with serde.

use crate::workspace;
use readingroom::export::notebook::{Format, export, write};
use readingroom::notes::model::{Annotation, Notebook, Tag, text_target};

fn note(id: &str, doc: &str, word: &str, text: &str, tags: &[&str]) -> Annotation {
    let d = workspace().corpus.get(doc).unwrap();
    let b = d.text.find(word).unwrap_or_else(|| panic!("{word}"));
    let start = d.text[..b].chars().count();
    Annotation {
        id: id.into(),
        target: text_target(doc, &d.text, start, start + word.chars().count()),
        note: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: "Ana".into(),
        created: "2026-12-07T10:00:00Z".into(),
        modified: "2026-12-07T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

const DOC: &str = "1961-04-13-kudryavtsev-castro";

fn notebook() -> Notebook {
    let mut nb = Notebook {
        tags: vec![
            Tag::new("Space", "#0e7490"),
            Tag {
                parent: Some("Space".into()),
                ..Tag::new("Gagarin's flight", "#b3261e")
            },
        ],
        ..Notebook::default()
    };
    nb.add(note(
        "a",
        DOC,
        "cosmonaut of peace",
        "<script>alert(1)</script> & \"quoted\"",
        &["Gagarin's flight"],
    ));
    nb.add(note(
        "b",
        DOC,
        "Kennedy",
        "On Kennedy\n\nTwo paragraphs.",
        &["Space"],
    ));
    nb
}

#[test]
fn the_annotated_page_has_the_text_its_notes_in_the_margin_and_no_script() {
    use scraper::{Html, Selector};
    let ws = workspace();
    let html = export(ws, &notebook(), Format::Html, &[], &[]);
    let page = Html::parse_document(&html);
    let all = |css: &str| -> Vec<scraper::ElementRef<'_>> {
        page.select(&Selector::parse(css).unwrap()).collect()
    };
    let text = |e: &scraper::ElementRef| e.text().collect::<String>();
    assert!(all("script").is_empty(), "no scripts, even from a note");
    assert_eq!(
        text(&all("title")[0]),
        ws.corpus.get(DOC).unwrap().meta.title
    );
    // The two passages highlighted, in their tag's colour, numbered in text order.
    let marks = all("mark");
    let marked: Vec<String> = marks.iter().map(text).collect();
    assert!(marked.contains(&"Kennedy".to_string()), "{marked:?}");
    assert!(
        marked.contains(&"cosmonaut of peace".to_string()),
        "{marked:?}"
    );
    let cosmonaut = marks
        .iter()
        .find(|m| text(m) == "cosmonaut of peace")
        .unwrap();
    assert!(cosmonaut.value().attr("style").unwrap().contains("#b3261e"));
    // The notes in the margin: the note's text as text (the script escaped), its tags, its
    // citation at the paper's page.
    let notes = all("aside.note");
    assert_eq!(notes.len(), 2);
    let gagarin = notes
        .iter()
        .find(|n| text(n).contains("Gagarin's flight"))
        .unwrap();
    assert!(text(gagarin).contains("<script>alert(1)</script> & \"quoted\""));
    assert!(
        text(gagarin).contains("in Hershberg, New Russian Evidence, 38."),
        "{}",
        text(gagarin)
    );
    let kennedy = notes
        .iter()
        .find(|n| text(n).contains("On Kennedy"))
        .unwrap();
    assert_eq!(
        kennedy.select(&Selector::parse("p").unwrap()).count(),
        2,
        "the note's two paragraphs"
    );
    // Each reference number links to its note and back.
    for a in all("sup.ref a") {
        let target = a.value().attr("href").unwrap().trim_start_matches('#');
        assert!(all(&format!("aside#{target}")).len() == 1, "{target}");
    }
    // The paper's pages where they begin, and its footnotes at the end.
    let pages: Vec<String> = all(".pb").iter().map(text).collect();
    assert!(
        pages.contains(&"p. 37".to_string()) && pages.contains(&"p. 38".to_string()),
        "{pages:?}"
    );
    assert!(!all("section.footnotes p").is_empty());
    // Every word of the document is there, in order.
    let body: String = all("div.para p")
        .iter()
        .map(text)
        .collect::<Vec<_>>()
        .join(" ");
    let plain = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let doc_text = ws.corpus.get(DOC).unwrap().text.to_string();
    let first_words: String = doc_text
        .split_whitespace()
        .take(40)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        plain(&body).starts_with(&first_words),
        "{}",
        &plain(&body)[..200]
    );
    // A print stylesheet.
    assert!(html.contains("@media print"));
}

#[test]
fn an_obsidian_folder_has_a_file_per_document_with_its_citation_fields_and_notes() {
    let ws = workspace();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("vault");
    let mut nb = notebook();
    nb.add(note(
        "c",
        "khrushchev-memoir-1974",
        "Harlem",
        "1974",
        &["Space"],
    ));
    write(ws, &nb, Format::Obsidian, &[], &[], &out, None).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [format!("{DOC}.md"), "khrushchev-memoir-1974.md".into()]
    );
    let md = std::fs::read_to_string(out.join(format!("{DOC}.md"))).unwrap();
    let front = md
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n"))
        .map(|(f, _)| f)
        .expect("front matter");
    // YAML of this shape is JSON-compatible per line: read each "key: value" with serde_json.
    let field = |k: &str| -> serde_json::Value {
        let line = front
            .lines()
            .find(|l| l.starts_with(&format!("{k}: ")))
            .unwrap_or_else(|| panic!("{k} in {front}"));
        serde_json::from_str(&line[k.len() + 2..]).unwrap()
    };
    assert_eq!(field("key"), DOC);
    assert_eq!(field("date"), "1961-04-13");
    assert_eq!(field("archive"), "AVP RF");
    assert_eq!(
        field("archive_location"),
        "f. 0104, op. 17, p. 118, d. 3, ll. 170-176"
    );
    assert_eq!(field("translator"), "Gary Goldberg");
    assert!(
        field("citation")
            .as_str()
            .unwrap()
            .contains("Working Paper no. 90")
    );
    // Tags nested as in the codebook, Obsidian's way.
    assert_eq!(
        field("tags"),
        serde_json::json!(["Space", "Space/Gagarin-s-flight"]),
        "in the order the notes stand in the text"
    );
    assert!(md.contains("> cosmonaut of peace\n>\n> — p. 38\n"), "{md}");
    assert!(
        md.contains("#Space/Gagarin-s-flight — Ana, 2026-12-07"),
        "{md}"
    );
    // A quote in the note cannot end the front matter: it is a quoted string.
    let title = field("title");
    assert_eq!(title, ws.corpus.get(DOC).unwrap().meta.title);
    // A file there is refused as the folder.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = write(ws, &nb, Format::Obsidian, &[], &[], &file, None).unwrap_err();
    assert!(err.contains("that is a file"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn readingroom_export_writes_a_page_and_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&dir.path().join("notebook.ron"));
    file.notebook = notebook();
    file.save().unwrap();
    let out = crate::readingroom_in(dir.path(), &["export", "--format", "html", "--doc", DOC]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("<!DOCTYPE html>"));
    let out = crate::readingroom_in(dir.path(), &["export", "--format", "obsidian"]);
    assert_eq!(out.status.code(), Some(2), "a folder needs -o");
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FOLDER"));
    let vault = dir.path().join("vault");
    let out = crate::readingroom_in(
        dir.path(),
        &[
            "export",
            "--format",
            "obsidian",
            "-o",
            vault.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(vault.join(format!("{DOC}.md")).exists());
}
