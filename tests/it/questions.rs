//! Questions about notes in the one query language: the grammar's new fields, printing a query
//! and reading it back, answers over a notebook on the real corpus, and `readingroom query`.

use crate::workspace;
use readingroom::notes::model::{Annotation, Notebook, Tag, Target, text_target};
use readingroom::search::notes::{NoteHit, NoteOrder, ask};
use readingroom::search::query::{Expr, parse};
use std::collections::HashMap;

/// A note on a passage spoken by `speaker` in `doc` (the first such passage).
fn spoken(id: &str, doc: &str, speaker: &str, tags: &[&str]) -> Annotation {
    let ws = workspace();
    let d = ws.corpus.get(doc).unwrap();
    let p = ws
        .speakers
        .passages
        .get(doc)
        .unwrap()
        .iter()
        .find(|p| p.speakers.iter().any(|s| s == speaker) && p.end - p.start > 40)
        .unwrap_or_else(|| panic!("{speaker} speaks in {doc}"));
    Annotation {
        id: id.into(),
        target: text_target(doc, &d.text, p.start, p.start + 40),
        note: format!("note {id}"),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: "Ana".into(),
        created: "2026-12-02T10:00:00Z".into(),
        modified: "2026-12-02T10:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

/// Six notes: Castro and the ambassador speaking in April 1961, Castro in 1960, in a small
/// codebook, and a memo.
pub fn notebook() -> Notebook {
    let mut nb = Notebook {
        tags: vec![
            Tag::new("Assassination", "#b3261e"),
            Tag {
                parent: Some("Assassination".into()),
                ..Tag::new("CIA plots", "#6a3fb5")
            },
            Tag {
                parent: Some("CIA plots".into()),
                ..Tag::new("Mafia", "")
            },
            Tag::new("Bay of Pigs", "#1f5fa8"),
        ],
        ..Notebook::default()
    };
    let april = "1961-04-22-kudryavtsev-castro-dorticos-breakfast";
    nb.add(spoken(
        "castro-april",
        april,
        "fidel-castro",
        &["CIA plots"],
    ));
    nb.add(spoken(
        "castro-april-mafia",
        april,
        "fidel-castro",
        &["Mafia"],
    ));
    nb.add(spoken(
        "ambassador-april",
        april,
        "sergey-kudryavtsev",
        &["CIA plots"],
    ));
    nb.add(spoken(
        "castro-1960",
        "1960-09-20-khrushchev-castro",
        "fidel-castro",
        &["CIA plots"],
    ));
    nb.add(spoken(
        "castro-april-bay",
        april,
        "fidel-castro",
        &["Bay of Pigs"],
    ));
    let mut memo = spoken("memo", april, "fidel-castro", &["CIA plots"]);
    memo.target = Target::Memo;
    memo.note = "Ask about Operation Mongoose".into();
    memo.author = "Ben".into();
    nb.add(memo);
    nb
}

fn ids(nb: &Notebook, hits: &[NoteHit]) -> Vec<String> {
    hits.iter()
        .map(|h| nb.annotations[h.note].id.clone())
        .collect()
}

fn answer(nb: &Notebook, q: &str) -> Vec<String> {
    let hits = ask(workspace(), nb, &HashMap::new(), q, NoteOrder::Document)
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    let mut out = ids(nb, &hits);
    out.sort();
    out
}

#[test]
fn the_issues_question_finds_exactly_the_passages_it_asks_for() {
    let nb = notebook();
    assert_eq!(
        answer(
            &nb,
            "tag:\"CIA plots\" AND speaker:\"Fidel Castro\" AND date:1961-03..1961-06 AND NOT kind:commentary"
        ),
        ["castro-april", "castro-april-mafia"],
        "the tag takes Mafia under it; the ambassador, 1960 and Bay of Pigs notes are left out"
    );
    assert_eq!(
        answer(&nb, "tagonly:\"CIA plots\" AND spoke:Castro AND date:1961"),
        ["castro-april"]
    );
    assert_eq!(answer(&nb, "tag:Assassination").len(), 5);
    assert_eq!(answer(&nb, "note:Mongoose"), ["memo"]);
    assert_eq!(
        answer(&nb, "Mongoose"),
        ["memo"],
        "plain words look in the note too"
    );
    assert_eq!(answer(&nb, "by:ben"), ["memo"]);
    assert_eq!(
        answer(&nb, "doc:1960-09-20-khrushchev-castro"),
        ["castro-1960"]
    );
    // A memo has no document: document fields never match it.
    assert!(!answer(&nb, "kind:record").contains(&"memo".to_string()));
    // Words of the passage.
    let quote = nb
        .get("castro-1960")
        .unwrap()
        .target
        .quote()
        .unwrap()
        .to_string();
    let word = quote
        .split_whitespace()
        .filter(|w| w.chars().all(char::is_alphabetic))
        .max_by_key(|w| w.len())
        .unwrap();
    assert!(answer(&nb, word).contains(&"castro-1960".to_string()));
}

#[test]
fn answers_come_in_document_or_date_order_and_a_pair_note_answers_through_either_passage() {
    let ws = workspace();
    let mut nb = notebook();
    let by_doc = ask(
        ws,
        &nb,
        &HashMap::new(),
        "tag:Assassination",
        NoteOrder::Document,
    )
    .unwrap();
    let by_date = ask(
        ws,
        &nb,
        &HashMap::new(),
        "tag:Assassination",
        NoteOrder::Date,
    )
    .unwrap();
    assert_eq!(ids(&nb, &by_date)[0], "castro-1960", "1960 first");
    let docs: Vec<usize> = by_doc.iter().map(|h| h.doc.unwrap_or(usize::MAX)).collect();
    assert!(docs.windows(2).all(|w| w[0] <= w[1]));
    // A note on the 1974 and 2007 memoirs answers a question about the 2007 one: passage 1.
    let m74 = ws.corpus.get("khrushchev-memoir-1974").unwrap();
    let m07 = ws.corpus.get("khrushchev-memoir-2007").unwrap();
    let mut pair = spoken("x", "1960-09-20-khrushchev-castro", "fidel-castro", &[]);
    pair.id = "pair".into();
    pair.target = text_target(m74.id(), &m74.text, 0, 30);
    pair.other_targets = vec![text_target(m07.id(), &m07.text, 0, 30)];
    nb.add(pair);
    let hits = ask(
        ws,
        &nb,
        &HashMap::new(),
        "doc:khrushchev-memoir-2007",
        NoteOrder::Document,
    )
    .unwrap();
    assert_eq!(ids(&nb, &hits), ["pair"]);
    assert_eq!(hits[0].passage, 1);
}

#[test]
fn the_grammar_takes_note_fields_and_says_where_a_question_is_wrong() {
    assert_eq!(
        parse("tag:\"CIA plots\"").unwrap(),
        Some(Expr::Tag("CIA plots".into(), true))
    );
    assert_eq!(
        parse("tagonly:Mafia").unwrap(),
        Some(Expr::Tag("Mafia".into(), false))
    );
    assert!(
        matches!(parse("note:\"Operation Mong\"*").unwrap(), Some(Expr::InNote(t)) if t.prefix && t.words == ["operation", "mong"])
    );
    assert_eq!(parse("by:Ana").unwrap(), Some(Expr::By("Ana".into())));
    let e = parse("Castro AND tagg:x").unwrap_err();
    assert_eq!(e.at, 12);
    assert!(
        e.message
            .contains("tag:, tagonly:, note:, by: or counterpart:"),
        "{e}"
    );
    let e = parse("note:\"\"").unwrap_err();
    assert!(e.message.contains("note: needs"), "{e}");
    // A search of the documents alone says where to ask about notes.
    let ws = workspace();
    let e = ws
        .search
        .run(
            &ws.corpus,
            &ws.people,
            &ws.registry,
            "Castro tag:Mafia",
            &Default::default(),
        )
        .unwrap_err();
    assert!(e.message.contains("tag: asks about your notes"), "{e}");
    // Unknown people are named with suggestions.
    let e = ask(
        ws,
        &notebook(),
        &HashMap::new(),
        "spoke:Castor",
        NoteOrder::Document,
    )
    .unwrap_err();
    assert!(e.message.contains("no one called \"Castor\""), "{e}");
}

#[test]
fn printed_queries_read_back_as_the_same_query() {
    for q in [
        "tag:\"CIA plots\" AND speaker:\"Fidel Castro\" AND date:1961-03..1961-06 AND NOT kind:commentary",
        "Castro OR (Fidel AND -Raul) OR \"cosmonaut of peace\"",
        "castr* Dorticos~2 \"Fidel Cast\"* Castro’s",
        "Castro NEAR/5 Kennedy AND NOT (a NEAR/2 b)",
        "date:1961 date:..1961-04-17 date:1960-09.. date:..",
        "note:\"Operation Mong\"* note:castr* by:\"Ana María\" tagonly:x doc:y part:bay-of-pigs-1961",
        "NOT NOT (a OR b) OR (c OR d)",
        "of the",
    ] {
        let once = parse(q).unwrap().unwrap();
        let printed = once.to_string();
        assert_eq!(
            parse(&printed).unwrap().unwrap(),
            once,
            "{q} printed as {printed}"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Whatever parses, printed and parsed again, is the same query.
    #[test]
    fn any_query_that_parses_prints_back_to_itself(parts in proptest::collection::vec(proptest::sample::select(vec![
        "Castro", "castr*", "Dortikos~", "Dortikos~2", "\"Fidel Castro\"", "\"Fidel Cast\"*",
        "AND", "OR", "NOT", "-", "(", ")", "NEAR/3", "NEAR", "of", "the", "Castro’s",
        "date:1961", "date:1961-03..1961-06", "date:..1961-04", "kind:record",
        "part:bay-of-pigs-1961", "collection:\"My files\"", "person:\"Fidel Castro\"",
        "spoke:Roa", "present:Roa", "mentioned:Dorticos", "author:Khrushchev",
        "doc:1961-04-13-kudryavtsev-castro", "tag:\"CIA plots\"", "tagonly:Mafia",
        "note:Mongoose", "note:\"Operation Mong\"*", "by:Ana", "1960-61", "Núñez", "“curly”",
        "counterpart:missing", "counterpart:changed", "counterpart:Same",
    ]), 1..12)) {
        let q = parts.join(" ");
        if let Ok(Some(e)) = parse(&q) {
            let printed = e.to_string();
            proptest::prop_assert_eq!(parse(&printed).unwrap(), Some(e), "{} printed as {}", q, printed);
        }
    }
}

#[test]
fn readingroom_query_answers_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notebook.ron");
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&path);
    file.notebook = notebook();
    file.save().unwrap();
    let out = crate::readingroom_in(
        dir.path(),
        &[
            "query",
            "tag:\"CIA plots\" AND speaker:\"Fidel Castro\" AND date:1961-03..1961-06",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 2);
    assert!(notes.contains(&"castro-april") && notes.contains(&"castro-april-mafia"));
    assert_eq!(
        v[0]["doc"],
        "1961-04-22-kudryavtsev-castro-dorticos-breakfast"
    );
    assert!(
        v[0]["citation"]
            .as_str()
            .unwrap()
            .contains("Working Paper no. 90")
    );
    assert!(v[0]["page"].is_string());
    // Text: one line per note, then the count.
    let out = crate::readingroom_in(dir.path(), &["query", "by:Ben"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with("1 note\n"), "{text}");
    assert!(text.starts_with("(memo)"), "{text}");
    // A wrong question: where, and what was expected; exit status 2.
    let out = crate::readingroom_in(dir.path(), &["query", "tag:Mafia AND (Castro"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("at character 22") && err.contains("closing parenthesis"),
        "{err}"
    );
}

/// The documents of a search, in order.
fn docs_of(r: &readingroom::search::SearchResult) -> Vec<String> {
    let mut v: Vec<String> = r.hits.iter().map(|h| h.doc.clone()).collect();
    v.dedup();
    v
}

#[test]
fn a_search_of_the_documents_asks_about_the_notes_on_each_document() {
    use readingroom::search::SearchOptions;
    use readingroom::search::notes::NotesByDocument;
    let ws = workspace();
    let nb = notebook();
    let notes = NotesByDocument::new(ws, &nb);
    let opts = SearchOptions::default();
    let april = "1961-04-22-kudryavtsev-castro-dorticos-breakfast";
    let sept = "1960-09-20-khrushchev-castro";
    // Words in the documents I coded Assassination (or a code under it).
    let r = ws
        .find_with_notes("Castro AND tag:Assassination", &opts, &notes)
        .unwrap();
    let mut coded = docs_of(&r);
    coded.sort();
    assert_eq!(coded, [sept, april]);
    assert_eq!(r.documents, 2);
    // tagonly: only Mafia's own document.
    let r = ws
        .find_with_notes("Castro AND tagonly:Mafia", &opts, &notes)
        .unwrap();
    assert_eq!(docs_of(&r), [april]);
    // Not coded yet: every document with the word but those two.
    let all = ws.find("Castro", &opts).unwrap();
    let r = ws
        .find_with_notes("Castro AND NOT tag:\"CIA plots\"", &opts, &notes)
        .unwrap();
    assert_eq!(r.documents, all.documents - 2);
    assert!(!docs_of(&r).iter().any(|d| d == april || d == sept));
    // Note words and authors; a memo is on no document.
    let r = ws
        .find_with_notes("Castro AND note:\"note castro-1960\"", &opts, &notes)
        .unwrap();
    assert_eq!(docs_of(&r), [sept]);
    assert_eq!(
        ws.find_with_notes("by:Ben", &opts, &notes)
            .unwrap()
            .documents,
        0
    );
    assert_eq!(
        ws.find_with_notes("tag:Mafia", &opts, &notes)
            .unwrap()
            .documents,
        1,
        "a question of notes alone names the documents"
    );
    // A passage's counterpart is a note's question; without notes, note fields say where to ask.
    let e = ws
        .find_with_notes("Castro AND counterpart:missing", &opts, &notes)
        .unwrap_err();
    assert!(e.message.contains("Questions about my notes"), "{e}");
    let e = ws.find("Castro AND tag:Mafia", &opts).unwrap_err();
    assert!(e.message.contains("Questions about my notes"), "{e}");
}

#[test]
fn with_the_search_engine_note_fields_narrow_its_documents_exactly() {
    use readingroom::notes::model::{Notebook, Tag};
    use readingroom::search::SearchOptions;
    use readingroom::search::notes::NotesByDocument;
    let (data, archive) =
        crate::scale::archive(readingroom::search::engine::ENGINE_MIN_DOCUMENTS, 1200);
    let ws = readingroom::Workspace::load_unanalysed(Some(&archive), data.path())
        .unwrap()
        .analysed(None);
    assert!(ws.search.has_engine());
    let opts = SearchOptions {
        count_all: true,
        ..SearchOptions::default()
    };
    let word = ws.find("Escambray", &opts).unwrap();
    assert!(word.documents > 20);
    // Code the first ten documents that have the word.
    let mut coded: Vec<String> = word.hits.iter().map(|h| h.doc.clone()).collect();
    coded.dedup();
    coded.truncate(10);
    let mut nb = Notebook {
        tags: vec![Tag::new("Counter-revolution", "#1f5fa8")],
        ..Notebook::default()
    };
    for (k, id) in coded.iter().enumerate() {
        let d = ws.corpus.get(id).unwrap();
        nb.add(readingroom::notes::model::Annotation {
            id: format!("n{k}"),
            target: readingroom::notes::model::text_target(id, &d.text, 0, 20),
            note: String::new(),
            tags: vec!["Counter-revolution".into()],
            author: "Ana".into(),
            created: "2026-12-07T10:00:00Z".into(),
            modified: "2026-12-07T10:00:00Z".into(),
            conflict_of: None,
            other_targets: Vec::new(),
        });
    }
    let notes = NotesByDocument::new(&ws, &nb);
    let with = ws
        .find_with_notes("Escambray AND tag:Counter-revolution", &opts, &notes)
        .unwrap();
    assert_eq!(with.documents, 10);
    let without = ws
        .find_with_notes("Escambray AND NOT tag:Counter-revolution", &opts, &notes)
        .unwrap();
    assert_eq!(without.documents, word.documents - 10);
    assert_eq!(with.total + without.total, word.total, "every hit, once");
    // The first page alone agrees.
    let page = ws
        .find_with_notes(
            "Escambray AND NOT tag:Counter-revolution",
            &SearchOptions::default(),
            &notes,
        )
        .unwrap();
    assert_eq!(page.documents, without.documents);
    assert!(page.hits.iter().all(|h| !coded.contains(&h.doc)));
}

#[test]
fn readingroom_search_answers_note_fields_from_a_notebook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notebook.ron");
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&path);
    file.notebook = notebook();
    file.save().unwrap();
    let out = crate::readingroom_in(
        dir.path(),
        &["search", "Castro AND tag:Assassination", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["documents"], 2,
        "the default notebook of the data directory"
    );
    let elsewhere = dir.path().join("other.ron");
    std::fs::copy(&path, &elsewhere).unwrap();
    let out = crate::readingroom_in(
        dir.path(),
        &[
            "search",
            "Castro AND NOT tag:\"CIA plots\"",
            "--notebook",
            elsewhere.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("1961-04-22-kudryavtsev-castro-dorticos-breakfast "),
        "{text}"
    );
    let out = crate::readingroom_in(
        dir.path(),
        &["search", "tag:x", "--notebook", "/nonexistent/n.ron"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no notebook at /nonexistent/n.ron"));
}
