//! Codes over time: how often each tag appears by the month (or year) of its passages'
//! documents, with the documents of each month, the key events in range, and the passages
//! behind each point; CSV.

use crate::questions::notebook;
use crate::workspace;
use readingroom::search::frequency::{Dating, FrequencyOptions, Step, code_frequency};
use std::collections::HashMap;

fn tags(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn codes_are_counted_by_month_with_the_codes_under_them_and_the_key_events() {
    let ws = workspace();
    let nb = notebook();
    let none = HashMap::new();
    let opts = FrequencyOptions {
        with_children: true,
        ..FrequencyOptions::default()
    };
    let f = code_frequency(ws, &nb, &none, &tags(&["CIA plots", "Bay of Pigs"]), opts);
    assert!(f.months, "eight months: by month");
    let labels: Vec<&str> = f.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "1960-09", "1960-10", "1960-11", "1960-12", "1961-01", "1961-02", "1961-03", "1961-04"
        ],
        "every month between the first and the last, empty ones too"
    );
    let cia = &f.series[0];
    assert_eq!(cia.tag, "CIA plots");
    // April: Castro, the ambassador and the Mafia note (a code under CIA plots).
    assert_eq!(cia.counts, [1, 0, 0, 0, 0, 0, 0, 3]);
    assert_eq!(cia.undated, 1, "the memo has no document");
    let ids: Vec<&str> = cia.hits[7]
        .iter()
        .map(|h| nb.annotations[h.note].id.as_str())
        .collect();
    assert!(ids.contains(&"castro-april-mafia") && ids.contains(&"ambassador-april"));
    assert_eq!(f.series[1].counts[7], 1, "Bay of Pigs");
    assert_eq!(f.max(), 3);
    // Without the codes under it, the Mafia note leaves CIA plots.
    let own = code_frequency(
        ws,
        &nb,
        &none,
        &tags(&["CIA plots"]),
        FrequencyOptions::default(),
    );
    assert_eq!(own.series[0].counts[7], 2);
    // The library's documents dated in each month (a rate's denominator).
    let april_docs = ws
        .corpus
        .documents
        .iter()
        .filter(|d| {
            d.meta
                .event_date
                .as_ref()
                .or(d.meta.date.as_ref())
                .is_some_and(|x| x.as_str().starts_with("1961-04"))
        })
        .count();
    assert!(april_docs > 0);
    assert_eq!(f.documents[7], april_docs);
    // The key events fall where they happened: Harlem in September, the Bay of Pigs in
    // the second half of April, Kennedy in January.
    let event = |label: &str| f.events.iter().find(|e| e.label.contains(label)).unwrap();
    assert!((0.5..0.7).contains(&event("Harlem").from));
    assert!((4.5..4.7).contains(&event("Kennedy").from));
    let bay = event("Bay of Pigs");
    assert!((7.5..7.6).contains(&bay.from) && bay.to > bay.from && bay.to <= 8.0);
    // CSV: a row per month with its documents and counts, then the undated.
    let csv = f.to_csv();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "period,documents,CIA plots,Bay of Pigs"
    );
    assert!(
        csv.contains(&format!("\n1961-04,{april_docs},3,1\n")),
        "{csv}"
    );
    assert!(csv.ends_with("undated,,1,0\n"), "{csv}");
}

#[test]
fn a_long_span_is_counted_by_year_and_testimony_can_be_placed_when_it_was_said() {
    let ws = workspace();
    let mut nb = notebook();
    // A note on Castro's 1992 comments: recounting September 1960, said in January 1992.
    let doc = ws.corpus.get("castro-1992-havana").unwrap();
    nb.add(readingroom::notes::model::Annotation {
        id: "castro-1992".into(),
        target: readingroom::notes::model::text_target(doc.id(), &doc.text, 10, 60),
        tags: vec!["CIA plots".into()],
        ..nb.annotations[0].clone()
    });
    let none = HashMap::new();
    let recounted = code_frequency(
        ws,
        &nb,
        &none,
        &tags(&["CIA plots"]),
        FrequencyOptions::default(),
    );
    assert!(recounted.months);
    assert_eq!(
        recounted.series[0].counts[0], 2,
        "placed at Harlem, September 1960"
    );
    let said = code_frequency(
        ws,
        &nb,
        &none,
        &tags(&["CIA plots"]),
        FrequencyOptions {
            dating: Dating::Written,
            ..FrequencyOptions::default()
        },
    );
    assert!(!said.months, "1960 to 1992 is counted by year");
    assert_eq!(said.periods.len(), 33);
    assert_eq!(said.periods[0].label, "1960");
    assert_eq!(said.series[0].counts[0], 1);
    assert_eq!(said.series[0].counts[1], 2, "1961");
    assert_eq!(said.series[0].counts[32], 1, "1992");
    // Months can be asked for over the long span too.
    let by_month = code_frequency(
        ws,
        &nb,
        &none,
        &tags(&["CIA plots"]),
        FrequencyOptions {
            dating: Dating::Written,
            step: Step::Months,
            ..FrequencyOptions::default()
        },
    );
    assert_eq!(
        by_month.periods.len(),
        12 * 31 + 5,
        "September 1960 to January 1992"
    );
    // A tag nobody used: an empty series, nothing to draw.
    let none_used = code_frequency(
        ws,
        &nb,
        &none,
        &tags(&["Nobody"]),
        FrequencyOptions::default(),
    );
    assert!(none_used.periods.is_empty());
    assert_eq!(none_used.series[0].undated, 0);
}
