//! Mentions against a hand-checked fixture (precision and recall ≥ 0.95) and roles checked by hand.

use crate::workspace;
use readingroom::people::{Role, RoleFilter};
use std::collections::HashSet;

const FIXTURES: [&str; 4] = [
    "1961-03-03-kudryavtsev-castro-lunch",
    "1960-09-14-kudryavtsev-roa",
    "1960-09-20-khrushchev-castro",
    "1961-06-24-kudryavtsev-castro",
];

#[test]
fn mentions_match_the_hand_checked_fixture() {
    let ws = workspace();
    let (mut tp, mut found, mut gold) = (0usize, 0usize, 0usize);
    for id in FIXTURES {
        let path = format!(
            "{}/tests/fixtures/mentions/{id}.tsv",
            env!("CARGO_MANIFEST_DIR")
        );
        let doc = ws.corpus.get(id).unwrap();
        let expected: HashSet<(String, usize, usize)> = std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let (s, e) = (f[1].parse().unwrap(), f[2].parse().unwrap());
                assert_eq!(
                    doc.slice_chars(s, e),
                    f[3],
                    "fixture offsets of {id} are stale"
                );
                (f[0].to_string(), s, e)
            })
            .collect();
        let got: HashSet<(String, usize, usize)> = ws.people.mentions[id]
            .iter()
            .map(|m| (m.person.clone(), m.start, m.end))
            .collect();
        tp += got.intersection(&expected).count();
        found += got.len();
        gold += expected.len();
    }
    let precision = tp as f64 / found as f64;
    let recall = tp as f64 / gold as f64;
    assert!(gold > 100);
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}"
    );
}

#[test]
fn mentions_never_overlap_and_ambiguous_names_are_resolved() {
    let ws = workspace();
    for (id, ms) in ws.people.mentions.iter() {
        for w in ms.windows(2) {
            assert!(w[0].end <= w[1].start, "{id}: overlapping mentions");
        }
    }
    let lunch = &ws.people.mentions["1961-03-03-kudryavtsev-castro-lunch"];
    let doc = ws
        .corpus
        .get("1961-03-03-kudryavtsev-castro-lunch")
        .unwrap();
    let who = |surface: &str| -> Vec<String> {
        lunch
            .iter()
            .filter(|m| doc.slice_chars(m.start, m.end).ends_with(surface))
            .map(|m| m.person.clone())
            .collect()
    };
    assert!(who("Raul Castro").iter().all(|p| p == "raul-castro"));
    assert_eq!(who("Celia Sanchez"), vec!["celia-sanchez"]);
    assert!(
        who("Martinez Sanchez")
            .iter()
            .all(|p| p == "augusto-martinez-sanchez")
    );
    assert_eq!(who("Cepero Bonilla"), vec!["raul-cepero-bonilla"]);
    // "anti-Castro" is an adjective, not a mention; Sergei is not Nikita.
    let essay = ws.corpus.get("essay-bay-of-pigs-1961").unwrap();
    assert!(
        ws.people.mentions["essay-bay-of-pigs-1961"]
            .iter()
            .all(|m| !essay
                .slice_chars(m.start.saturating_sub(5), m.start)
                .ends_with("anti-"))
    );
}

/// Roles from the metadata and the text; "spoke" is measured by the speaker fixtures instead.
fn roles(doc: &str, person: &str) -> Vec<Role> {
    workspace()
        .people
        .roles_of(doc, person)
        .into_iter()
        .filter(|r| *r != Role::Spoke)
        .collect()
}

#[test]
fn roles_of_five_documents_checked_by_hand() {
    use Role::*;
    let d = "1960-09-14-kudryavtsev-roa";
    assert_eq!(roles(d, "raul-roa"), vec![Present, Mentioned]);
    assert_eq!(
        roles(d, "sergey-kudryavtsev"),
        vec![Author, Recorder, Mentioned]
    );
    assert_eq!(roles(d, "anatoly-dobrynin"), vec![Addressee]);
    assert_eq!(roles(d, "fidel-castro"), vec![Mentioned]);

    let d = "1960-09-15-kudryavtsev-castro";
    assert_eq!(roles(d, "fidel-castro"), vec![Present, Mentioned]);
    assert_eq!(roles(d, "aleksandr-alekseyev"), vec![Present, Mentioned]);
    assert_eq!(roles(d, "antonio-nunez-jimenez"), vec![Mentioned]);

    let d = "1960-09-20-khrushchev-castro";
    for p in [
        "nikita-khrushchev",
        "fidel-castro",
        "antonio-nunez-jimenez",
        "v-lebedev",
        "aleksei-adzhubei",
        "pavel-satyukov",
    ] {
        assert!(roles(d, p).contains(&Present), "{p} present at the memcon");
    }
    assert!(roles(d, "v-vinogradov").contains(&Recorder));
    assert_eq!(roles(d, "adlai-stevenson"), vec![Mentioned]);

    let d = "1961-03-03-kudryavtsev-castro-lunch";
    for p in [
        "fidel-castro",
        "ernesto-guevara",
        "raul-castro",
        "augusto-martinez-sanchez",
        "armando-hart",
        "haydee-santamaria",
        "celia-sanchez",
        "b-kazantsev",
    ] {
        assert!(roles(d, p).contains(&Present), "{p} at the lunch");
    }
    for p in [
        "raul-roa",
        "raul-cepero-bonilla",
        "rolando-diaz-astarain",
        "john-kennedy",
        "dwight-eisenhower",
    ] {
        assert_eq!(
            roles(d, p),
            vec![Mentioned],
            "{p} only mentioned at the lunch"
        );
    }

    let d = "1961-02-25-kudryavtsev-castro";
    assert!(roles(d, "antonio-nunez-jimenez").contains(&Present));
    let d = "1961-04-22-kudryavtsev-castro-dorticos-message";
    assert!(roles(d, "osvaldo-dorticos").contains(&Present));
    let d = "1961-06-24-kudryavtsev-castro";
    assert_eq!(roles(d, "ramiro-valdes"), vec![Mentioned]);
    assert!(roles(d, "fidel-castro").contains(&Present));
}

#[test]
fn role_filters_select_documents() {
    let ws = workspace();
    let present: Vec<&str> = ws
        .corpus
        .documents
        .iter()
        .filter(|d| {
            ws.people
                .matches(&d.meta.id, "celia-sanchez", RoleFilter::Present)
        })
        .map(|d| d.meta.id.as_str())
        .collect();
    assert_eq!(present, vec!["1961-03-03-kudryavtsev-castro-lunch"]);
    let roa_mentioned = ws
        .corpus
        .documents
        .iter()
        .filter(|d| {
            ws.people
                .matches(&d.meta.id, "raul-roa", RoleFilter::Mentioned)
        })
        .count();
    let roa_present = ws
        .corpus
        .documents
        .iter()
        .filter(|d| {
            ws.people
                .matches(&d.meta.id, "raul-roa", RoleFilter::Present)
        })
        .count();
    assert!(
        roa_mentioned > roa_present && roa_present == 2,
        "{roa_mentioned} {roa_present}"
    );
}

#[test]
fn a_person_named_after_a_visit_is_mentioned_not_present() {
    use Role::*;
    // "I visited Raul Roa and informed him that N. S. Khrushchev had departed …", "positions
    // which were presented by N. S. Khrushchev" (not "were present").
    assert_eq!(
        roles("1960-09-14-kudryavtsev-roa", "nikita-khrushchev"),
        vec![Mentioned]
    );
    assert_eq!(
        roles("1960-09-15-kudryavtsev-castro", "nikita-khrushchev"),
        vec![Mentioned]
    );
    assert!(
        roles(
            "1961-04-22-kudryavtsev-castro-dorticos-breakfast",
            "osvaldo-dorticos"
        )
        .contains(&Present)
    );
}
