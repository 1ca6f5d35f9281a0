//! Who said what: attribution against the hand-labelled fixtures, concordances, the "spoke"
//! role and the `said` command.

use crate::{readingroom, workspace};
use readingroom::speakers::eval::{Score, SpeakerFixture, score};
use std::path::PathBuf;

fn fixtures() -> Vec<SpeakerFixture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speakers");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            ron::from_str(&std::fs::read_to_string(f).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect()
}

fn scores() -> Vec<(SpeakerFixture, Score)> {
    let ws = workspace();
    fixtures()
        .into_iter()
        .map(|f| {
            let atts = &ws.speakers.attributions[&f.doc];
            let s = score(&f, atts).unwrap();
            (f, s)
        })
        .collect()
}

#[test]
fn fixtures_cover_at_least_three_records_including_the_3_march_lunch() {
    let f = fixtures();
    assert!(f.len() >= 3);
    assert!(
        f.iter()
            .any(|f| f.doc == "1961-03-03-kudryavtsev-castro-lunch")
    );
    assert!(f.iter().any(|f| f.held_out));
}

#[test]
fn sentence_accuracy_is_at_least_0_90_on_the_fixtures() {
    let mut correct = 0;
    let mut total = 0;
    for (f, s) in scores() {
        eprintln!(
            "{}{}: {}/{} = {:.3}",
            f.doc,
            if f.held_out { " (held out)" } else { "" },
            s.correct,
            s.total,
            s.accuracy()
        );
        for m in &s.misses {
            eprintln!(
                "  @{} {:?}: expected {:?}, got {:?}",
                m.start, m.opening, m.expected, m.got
            );
        }
        correct += s.correct;
        total += s.total;
    }
    let accuracy = correct as f64 / total as f64;
    eprintln!("all: {correct}/{total} = {accuracy:.3}");
    assert!(accuracy >= 0.90, "sentence accuracy {accuracy:.3} < 0.90");
}

#[test]
fn the_spoke_role_follows_attribution() {
    use readingroom::people::RoleFilter;
    let ws = workspace();
    let lunch = "1961-03-03-kudryavtsev-castro-lunch";
    assert!(
        ws.people
            .matches(lunch, "ernesto-guevara", RoleFilter::Spoke)
    );
    assert!(ws.people.matches(lunch, "fidel-castro", RoleFilter::Spoke));
    // Named but silent: Kennedy is talked about, never speaks.
    assert!(
        ws.people
            .matches(lunch, "john-kennedy", RoleFilter::Mentioned)
    );
    assert!(!ws.people.matches(lunch, "john-kennedy", RoleFilter::Spoke));
    // Present but silent: Kazantsev was there and said nothing on record.
    assert!(ws.people.matches(lunch, "b-kazantsev", RoleFilter::Present));
    assert!(!ws.people.matches(lunch, "b-kazantsev", RoleFilter::Spoke));
    let out = readingroom(&["docs", "--person", "Guevara", "--role", "spoke", "--json"]);
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![lunch]);
}

#[test]
fn memoirs_are_their_authors_and_commentary_the_editors() {
    let ws = workspace();
    for (doc, who) in [
        ("khrushchev-memoir-2007", "nikita-khrushchev"),
        ("castro-1992-havana", "fidel-castro"),
        ("introduction", "james-hershberg"),
    ] {
        let atts = &ws.speakers.attributions[doc];
        let prose: Vec<_> = atts.iter().filter(|a| !a.speakers.is_empty()).collect();
        assert!(!prose.is_empty(), "{doc}");
        assert!(
            prose.iter().all(|a| a.speakers == vec![who.to_string()]),
            "{doc}"
        );
        // The rest are title lines.
        assert!(
            atts.iter()
                .filter(|a| a.speakers.is_empty())
                .all(|a| a.basis == readingroom::speakers::Basis::Heading),
            "{doc}"
        );
    }
}

#[test]
fn said_prints_each_passage_with_its_evidence_as_json() {
    let ws = workspace();
    let out = readingroom(&["said", "--person", "Raul Roa", "--json"]);
    assert!(out.status.success());
    let passages: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let passages = passages.as_array().unwrap();
    assert_eq!(
        passages.len(),
        ws.speakers.concordance(&ws.corpus, "raul-roa").len()
    );
    let mut last_date = String::new();
    for p in passages {
        let doc = ws.corpus.get(p["doc"].as_str().unwrap()).unwrap();
        let (start, end) = (
            p["start"].as_u64().unwrap() as usize,
            p["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(p["text"].as_str().unwrap(), doc.slice_chars(start, end));
        let date = p["date"].as_str().unwrap().to_string();
        assert!(date >= last_date, "date order");
        last_date = date;
        // Evidence is words of the document, inside or before the passage.
        let evidence = p["evidence"].as_str().unwrap();
        let (es, ee) = (
            p["evidence_start"].as_u64().unwrap() as usize,
            p["evidence_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(doc.slice_chars(es, ee), evidence);
        assert!(ee <= end);
    }
    assert!(
        passages
            .iter()
            .any(|p| p["evidence"] == "R. Roa said" && p["doc"] == "1960-09-14-kudryavtsev-roa")
    );
    // To whom: the other participants of the conversation.
    let out = readingroom(&["said", "--person", "Fidel Castro", "--json"]);
    let castro: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lunch = castro
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["doc"] == "1961-03-03-kudryavtsev-castro-lunch")
        .unwrap();
    let with: Vec<&str> = lunch["with"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(with.contains(&"sergey-kudryavtsev") && with.contains(&"ernesto-guevara"));
    assert!(!with.contains(&"fidel-castro") && !with.contains(&"john-kennedy"));
    let unknown = readingroom(&["said", "--person", "Fidle Castro"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean"));
}

#[test]
fn the_concordance_exports_to_markdown_with_full_then_short_citations() {
    let ws = workspace();
    let entries = ws.speakers.concordance(&ws.corpus, "raul-roa");
    let md = readingroom::export::concordance::markdown(ws, "raul-roa", &entries, "");
    assert!(md.starts_with("# What Raúl Roa said"));
    let sources: Vec<&str> = md.lines().filter(|l| l.starts_with("Source: ")).collect();
    assert_eq!(sources.len(), entries.len());
    assert!(
        sources[0].contains("AVP RF, in James G. Hershberg"),
        "{}",
        sources[0]
    );
    assert!(
        !sources[1].contains("AVP RF"),
        "later notes are short: {}",
        sources[1]
    );
    assert!(md.contains("*In conversation with Sergey Kudryavtsev · Evidence: “R. Roa said”*"));
    assert!(!md.contains("Only passages containing"));
    let some = readingroom::speakers::containing(entries, "Castro");
    let md = readingroom::export::concordance::markdown(ws, "raul-roa", &some, "Castro");
    assert!(md.contains("Only passages containing “Castro”."));
    assert_eq!(md.matches("Source: ").count(), some.len());
}

#[test]
fn said_containing_keeps_only_passages_with_the_words() {
    let out = readingroom(&[
        "said",
        "--person",
        "Fidel Castro",
        "--containing",
        "KENNEDY",
        "--json",
    ]);
    assert!(out.status.success());
    let some: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let some = some.as_array().unwrap();
    let ws = workspace();
    let all = ws.speakers.concordance(&ws.corpus, "fidel-castro");
    assert!(!some.is_empty() && some.len() < all.len());
    assert!(some.iter().all(|p| {
        p["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("kennedy")
    }));
    let expected = all
        .iter()
        .filter(|e| e.text.to_lowercase().contains("kennedy"))
        .count();
    assert_eq!(some.len(), expected);
    // Accents are ignored, as in search.
    let nunez = readingroom::speakers::containing(all.clone(), "Núñez");
    assert!(nunez.iter().any(|e| e.text.contains("Nunez")));
}

#[test]
fn a_translators_note_is_not_what_the_speaker_said() {
    // The words are in a translator's note inside a passage of Castro's: not his.
    let out = readingroom(&[
        "said",
        "--person",
        "Fidel Castro",
        "--containing",
        "Isla de Tesoros",
        "--json",
    ]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    // His own words still are.
    let out = readingroom(&[
        "said",
        "--person",
        "Fidel Castro",
        "--containing",
        "Kennedy",
        "--json",
    ]);
    assert_ne!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

/// "Only what … said" for several people: what any of them says stays, the rest is dimmed,
/// every char once.
#[test]
fn what_chosen_people_do_not_say_is_everything_outside_their_passages() {
    use std::collections::BTreeSet;
    let ws = crate::workspace();
    let doc = "1961-04-22-kudryavtsev-castro-dorticos-breakfast";
    let passages = ws.speakers.passages.get(doc).unwrap();
    let len = ws.corpus.get(doc).unwrap().char_len;
    let people = |ids: &[&str]| -> BTreeSet<String> { ids.iter().map(|s| s.to_string()).collect() };
    let castro = people(&["fidel-castro"]);
    let both = people(&["fidel-castro", "osvaldo-dorticos"]);
    let dim_castro = readingroom::speakers::others_speech(passages, &castro, len);
    let dim_both = readingroom::speakers::others_speech(passages, &both, len);
    let total = |v: &[(usize, usize)]| v.iter().map(|(s, e)| e - s).sum::<usize>();
    let said = |who: &BTreeSet<String>| {
        passages
            .iter()
            .filter(|p| p.said_by_any(who))
            .map(|p| p.end - p.start)
            .sum::<usize>()
    };
    assert_eq!(total(&dim_castro) + said(&castro), len);
    assert_eq!(total(&dim_both) + said(&both), len);
    assert!(said(&both) > said(&castro), "Dorticós speaks too");
    assert!(total(&dim_both) < total(&dim_castro));
    // Nobody chosen who speaks here: everything is dimmed.
    assert_eq!(
        readingroom::speakers::others_speech(passages, &people(&["john-kennedy"]), len),
        vec![(0, len)]
    );
}
