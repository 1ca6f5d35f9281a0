//! The CLI: stable JSON, clear errors with suggestions, `--corpus DIR`.

use crate::corpus_dir;
use serde_json::Value;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = crate::readingroom(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> Value {
    let (status, out, err) = run(args);
    assert_eq!(status, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn show_prints_metadata_text_and_mentions_with_char_offsets() {
    let v = json(&["show", "1961-01-21-kudryavtsev-castro", "--json"]);
    assert_eq!(v["id"], "1961-01-21-kudryavtsev-castro");
    assert_eq!(v["date"], "1961-01-21");
    assert_eq!(v["kind"], "record");
    assert_eq!(
        v["source"],
        "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 48-52"
    );
    assert_eq!(
        v["url"],
        "https://digitalarchive.wilsoncenter.org/document/177859"
    );
    let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
    let mentions = v["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty());
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let surface: String = text[s..e].iter().collect();
        let person = m["person"].as_str().unwrap();
        if person == "Fidel Castro" {
            assert!(
                surface.to_lowercase().contains("castro") || surface == "Fidel",
                "{surface}"
            );
        }
    }
    assert!(
        v["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["person"] == "Fidel Castro" && p["role"] == "present")
    );
}

#[test]
fn docs_filters_by_people_and_role() {
    let v = json(&[
        "docs",
        "--person",
        "Celia Sanchez",
        "--role",
        "present",
        "--json",
    ]);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["1961-03-03-kudryavtsev-castro-lunch"]);
    let all = json(&["docs", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 28);
    let both = json(&[
        "docs",
        "--person",
        "Castro",
        "--person",
        "Dorticós",
        "--role",
        "present",
        "--json",
    ]);
    assert_eq!(both.as_array().unwrap().len(), 2);
    for d in all.as_array().unwrap() {
        for key in [
            "id",
            "title",
            "date",
            "kind",
            "source",
            "url",
            "participants",
        ] {
            assert!(d.get(key).is_some(), "{key} missing");
        }
    }
}

#[test]
fn search_and_people_json() {
    let v = json(&["search", "Francoist", "--json"]);
    let h = &v["hits"][0];
    assert_eq!(h["doc"], "1961-03-03-kudryavtsev-castro-lunch");
    for key in ["start", "end", "snippet", "page"] {
        assert!(h.get(key).is_some());
    }
    let people = json(&["people", "--json"]);
    assert!(people.as_array().unwrap().len() >= 40);
}

#[test]
fn unknown_id_or_person_exits_2_with_suggestions() {
    let (status, _, err) = run(&["show", "1961-01-21-kudryavtsev-kastro"]);
    assert_eq!(status, 2);
    assert!(err.contains("1961-01-21-kudryavtsev-castro"), "{err}");
    let (status, _, err) = run(&["docs", "--person", "Dorticoss"]);
    assert_eq!(status, 2);
    assert!(err.contains("Osvaldo Dorticós"), "{err}");
}

#[test]
fn corpus_dir_is_loaded_and_validated() {
    let dir = tempfile::tempdir().unwrap();
    crate::corpus_metadata::copy_dir(&corpus_dir(), dir.path());
    let d = dir.path().to_str().unwrap();
    let v = json(&["--corpus", d, "docs", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 28);
    std::fs::write(
        dir.path().join("catalog.ron"),
        "Catalog(documents: [(id: \"x\", title: 3)])",
    )
    .unwrap();
    let (status, _, err) = run(&["--corpus", d, "docs"]);
    assert_eq!(status, 2);
    assert!(err.contains("catalog.ron:1:"), "{err}");
}
