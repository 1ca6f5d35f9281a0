//! Full-text search ignores case, diacritics, curly quotes and homoglyphs; phrases; snippets.

use crate::workspace;

fn hits(q: &str) -> Vec<(String, String)> {
    let ws = workspace();
    ws.find(
        q,
        &readingroom::search::SearchOptions {
            limit: 10_000,
            ..Default::default()
        },
    )
    .unwrap()
    .hits
    .into_iter()
    .map(|h| {
        (
            h.doc.clone(),
            ws.corpus.get(&h.doc).unwrap().slice_chars(h.start, h.end),
        )
    })
    .collect()
}

#[test]
fn straight_quotes_find_curly_ones() {
    let h = hits("Castro's");
    assert!(h.len() > 10);
    assert!(h.iter().all(|(_, s)| s == "Castro’s"), "{h:?}");
}

#[test]
fn homoglyphs_and_accents_are_folded() {
    assert_eq!(
        hits("Francoist"),
        vec![(
            "1961-03-03-kudryavtsev-castro-lunch".to_string(),
            "Francоist".to_string()
        )]
    );
    let nunez = hits("Nunez");
    assert!(nunez.iter().any(|(_, s)| s == "Núñez"), "{nunez:?}");
    assert!(nunez.iter().any(|(_, s)| s == "Nunez"));
    assert!(hits("DORTICOS").iter().any(|(_, s)| s == "Dorticós"));
}

#[test]
fn phrases_and_all_words() {
    let phrase = hits("\"swinish behavior\"");
    assert_eq!(
        phrase,
        vec![(
            "khrushchev-memoir-2007".to_string(),
            "swinish behavior".to_string()
        )]
    );
    let ws = workspace();
    let r = ws
        .find(
            "motorcycles Gagarin",
            &readingroom::search::SearchOptions {
                limit: 100,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(r.documents, 0, "no document has both words");
    let r = ws
        .find(
            "motorcycles Harlem",
            &readingroom::search::SearchOptions {
                limit: 100,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        r.documents, 1,
        "only the 2007 memoir has the motorcycle police"
    );
}

#[test]
fn hits_carry_snippet_and_page() {
    let ws = workspace();
    let r = ws
        .find(
            "\"cosmonaut of peace\"",
            &readingroom::search::SearchOptions {
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    let h = &r.hits[0];
    assert_eq!(h.doc, "1961-04-13-kudryavtsev-castro");
    assert!(h.snippet.contains("Major Gagarin"), "{}", h.snippet);
    assert!(!h.snippet.contains('\n'));
    assert_eq!(h.page, Some(38));
    let words = ws
        .find(
            "cosmonaut of peace",
            &readingroom::search::SearchOptions {
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(
        words
            .hits
            .iter()
            .all(|h| ws.corpus.get(&h.doc).unwrap().slice_chars(h.start, h.end) != "of"),
        "stop words are not hits"
    );
}

fn find(q: &str, order: readingroom::search::Order) -> readingroom::search::SearchResult {
    workspace()
        .find(
            q,
            &readingroom::search::SearchOptions {
                limit: 10_000,
                order,
                count_all: true,
            },
        )
        .unwrap()
}

fn docs_of(q: &str) -> Vec<String> {
    let mut d: Vec<String> = find(q, Default::default())
        .hits
        .into_iter()
        .map(|h| h.doc)
        .collect();
    d.dedup();
    d
}

#[test]
fn words_are_whole_words_and_prefixes_are_asked_for() {
    // "Castro" is a word of "Castro’s"; "Castr" is not a word, "Castr*" is a prefix.
    assert!(!hits("Castro").is_empty());
    assert!(hits("Castr").is_empty());
    let prefix = hits("Castr*");
    assert!(prefix.iter().any(|(_, s)| s == "Castro"));
    assert!(
        prefix
            .iter()
            .all(|(_, s)| s.to_lowercase().starts_with("castr"))
    );
}

#[test]
fn boolean_queries() {
    let both = docs_of("Escambray AND Castro");
    let escambray = docs_of("Escambray");
    assert!(!both.is_empty() && both.iter().all(|d| escambray.contains(d)));
    let either = docs_of("Escambray OR Gagarin");
    let gagarin = docs_of("Gagarin");
    assert_eq!(either.len(), {
        let mut all: Vec<_> = escambray.iter().chain(&gagarin).collect();
        all.sort();
        all.dedup();
        all.len()
    });
    let without = docs_of("Escambray NOT Kudryavtsev");
    assert!(without.len() < escambray.len());
    assert_eq!(docs_of("Escambray -Kudryavtsev"), without);
    let grouped = docs_of("(Gagarin OR Escambray) AND Kudryavtsev");
    assert!(!grouped.is_empty());
    assert!(grouped.iter().all(|d| either.contains(d)));
}

#[test]
fn near_finds_words_close_to_each_other_in_either_order() {
    let near = hits("Gagarin NEAR/3 cosmonaut");
    assert!(!near.is_empty(), "“cosmonaut of peace, Major Gagarin”");
    let far = find("Gagarin NEAR/0 cosmonaut", Default::default());
    assert!(far.documents <= find("Gagarin NEAR/3 cosmonaut", Default::default()).documents);
    assert!(hits("Escambray NEAR/2 Gagarin").is_empty());
}

#[test]
fn fuzzy_words_tolerate_a_misspelling() {
    assert!(hits("Escambrai").is_empty());
    let fuzzy = hits("Escambrai~");
    assert!(fuzzy.iter().any(|(_, s)| s == "Escambray"), "{fuzzy:?}");
}

#[test]
fn date_kind_and_person_filters() {
    // The records dated in April 1961 that name the Escambray.
    let april = docs_of("Escambray date:1961-04");
    assert!(!april.is_empty());
    let ws = workspace();
    for id in &april {
        let d = ws.corpus.get(id).unwrap().meta.date.as_ref().unwrap();
        assert!(d.as_str().starts_with("1961-04"), "{id}: {}", d.as_str());
    }
    assert!(docs_of("Escambray date:1960").is_empty());
    let all = find("date:1961-03..1961-06", Default::default());
    assert!(
        all.documents > 3 && all.hits.is_empty(),
        "a filter alone lists documents"
    );
    let records = docs_of("Castro kind:record");
    assert!(
        records.iter().all(|d| ws.corpus.get(d).unwrap().meta.kind
            == readingroom::corpus::Kind::RecordOfConversation)
    );
    let memoirs = docs_of("Castro NOT kind:record NOT kind:commentary");
    assert!(memoirs.contains(&"khrushchev-memoir-2007".to_string()));
    let roa = docs_of("Castro present:Roa");
    assert!(!roa.is_empty());
    for d in &roa {
        assert!(
            ws.people
                .matches(d, "raul-roa", readingroom::people::RoleFilter::Present),
            "{d}"
        );
    }
    let spoke = docs_of("Escambray spoke:\"Fidel Castro\"");
    assert!(spoke.contains(&"1961-04-22-kudryavtsev-castro-dorticos-breakfast".to_string()));
    let err = ws.find("spoke:Napoleon", &Default::default()).unwrap_err();
    assert!(err.message.contains("Napoleon"), "{err}");
}

#[test]
fn ranking_puts_the_densest_match_first_and_date_order_reads_chronologically() {
    let ranked = find("Escambray", readingroom::search::Order::Relevance);
    let first = &ranked.hits[0].doc;
    let by_count = |d: &str| ranked.hits.iter().filter(|h| h.doc == d).count();
    // The first document has the query at least as densely as any other.
    let ws = workspace();
    let density =
        |d: &str| by_count(d) as f64 / (ws.corpus.get(d).unwrap().text.len() as f64).sqrt();
    for h in &ranked.hits {
        assert!(
            density(first) >= density(&h.doc) * 0.99,
            "{first} vs {}",
            h.doc
        );
    }
    let dated = find("Castro", readingroom::search::Order::Date);
    let dates: Vec<String> = dated
        .hits
        .iter()
        .filter_map(|h| ws.corpus.get(&h.doc).unwrap().meta.date.as_ref())
        .map(|d| d.first_day().unwrap().to_string())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "date order");
    assert_eq!(ranked.total, find("Escambray", Default::default()).total);
}

#[test]
fn cyrillic_yo_and_ye_and_look_alikes_fold_alike_in_a_users_document() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("khrushchev.txt");
    std::fs::write(&file, "Хрущёв встретился с Кастро. Francоist plans.\n").unwrap();
    let added = crate::readingroom_in(
        data.path(),
        &["add-doc", file.to_str().unwrap(), "--title", "Хрущёв"],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    for q in ["Хрущев", "ХРУЩЁВ", "хрущёв"] {
        let out = crate::readingroom_in(data.path(), &["search", q, "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["total"], 1, "{q}: {v}");
        assert_eq!(v["hits"][0]["start"], 0);
        assert_eq!(v["hits"][0]["end"], 6);
    }
}

#[test]
fn a_bad_query_says_where_and_exits_2() {
    let out = crate::readingroom(&["search", "\"Castro", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("character 1") && err.contains("never closed"),
        "{err}"
    );
}
