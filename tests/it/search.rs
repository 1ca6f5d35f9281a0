//! Full-text search ignores case, diacritics, curly quotes and homoglyphs; phrases; snippets.

use crate::workspace;

fn hits(q: &str) -> Vec<(String, String)> {
    let ws = workspace();
    ws.search
        .search(&ws.corpus, q, 10_000)
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
    let r = ws.search.search(&ws.corpus, "motorcycles Gagarin", 100);
    assert_eq!(r.documents, 0, "no document has both words");
    let r = ws.search.search(&ws.corpus, "motorcycles Harlem", 100);
    assert_eq!(
        r.documents, 1,
        "only the 2007 memoir has the motorcycle police"
    );
}

#[test]
fn hits_carry_snippet_and_page() {
    let ws = workspace();
    let r = ws.search.search(&ws.corpus, "\"cosmonaut of peace\"", 10);
    let h = &r.hits[0];
    assert_eq!(h.doc, "1961-04-13-kudryavtsev-castro");
    assert!(h.snippet.contains("Major Gagarin"), "{}", h.snippet);
    assert!(!h.snippet.contains('\n'));
    assert_eq!(h.page, Some(38));
    let words = ws.search.search(&ws.corpus, "cosmonaut of peace", 10);
    assert!(
        words
            .hits
            .iter()
            .all(|h| ws.corpus.get(&h.doc).unwrap().slice_chars(h.start, h.end) != "of"),
        "stop words are not hits"
    );
}
