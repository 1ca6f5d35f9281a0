//! How often codes appear over time: for each chosen tag, the passages coded with it (or with a
//! code under it) by the month or year of their document's date, with the number of dated
//! documents in each period (for a rate) and the key events that fall in the range: what the
//! chart of codes over time draws.
//!
//! A passage is a note's passage (a note on two passages counts in each), dated by its
//! document. Memoirs and testimony can be placed at the event they recount (as the timeline
//! places them) or at when they were written or said.

use super::notes::NoteHit;
use crate::Workspace;
use crate::corpus::Document;
use crate::notes::Anchored;
use crate::notes::model::Notebook;
use std::collections::HashMap;
use time::Date;

/// How long each period of the chart is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Step {
    /// Months when the passages span at most three years, years otherwise.
    #[default]
    Auto,
    /// Calendar months.
    Months,
    /// Calendar years.
    Years,
}

/// Which date of a document places its passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Dating {
    /// The event a memoir or testimony recounts, when the catalog gives it; otherwise the
    /// document's date (as on the timeline).
    #[default]
    EventRecounted,
    /// When the document was written or said.
    Written,
}

/// What to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct FrequencyOptions {
    /// A tag also counts the passages coded with the codes under it.
    pub with_children: bool,
    /// The length of a period.
    pub step: Step,
    /// Which date places a passage.
    pub dating: Dating,
}

/// Periods further apart than this are not drawn one by one (a damaged date in year 9999):
/// the earliest are left out and counted as undated.
const MAX_PERIODS: i64 = 1_000;

/// A period of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// `1961-04` or `1961`.
    pub label: String,
    /// Its first day.
    pub first: Date,
    /// Its last day.
    pub last: Date,
}

/// One tag's counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// The tag.
    pub tag: String,
    /// Passages per period.
    pub counts: Vec<usize>,
    /// The passages behind each count.
    pub hits: Vec<Vec<NoteHit>>,
    /// Passages whose document has no date (or one outside the range drawn).
    pub undated: usize,
}

/// A key event placed on the periods: `from` and `to` in periods (period `i` runs from `i` to
/// `i + 1`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEvent {
    /// Where it begins.
    pub from: f32,
    /// Where it ends.
    pub to: f32,
    /// What happened.
    pub label: &'static str,
}

/// The chart's data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frequency {
    /// Whether the periods are months (else years).
    pub months: bool,
    /// The periods, consecutive, from the first dated passage to the last.
    pub periods: Vec<Period>,
    /// One series per tag asked for, in the order asked.
    pub series: Vec<Series>,
    /// Dated documents of the library in each period (the denominator of a rate).
    pub documents: Vec<usize>,
    /// The key events that fall in the range.
    pub events: Vec<PlacedEvent>,
}

impl Frequency {
    /// The largest count of any series.
    pub fn max(&self) -> usize {
        self.series
            .iter()
            .flat_map(|s| s.counts.iter().copied())
            .max()
            .unwrap_or(0)
    }

    /// The table as CSV: a row per period (its label, the documents dated in it, then each
    /// tag's count), and a last row of undated passages.
    pub fn to_csv(&self) -> String {
        use crate::export::escape::csv_cell;
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let header: Vec<String> = ["period".to_string(), "documents".to_string()]
            .into_iter()
            .chain(self.series.iter().map(|s| csv_cell(&s.tag)))
            .collect();
        let _ = w.write_record(&header);
        for (i, p) in self.periods.iter().enumerate() {
            let record: Vec<String> = [p.label.clone(), self.documents[i].to_string()]
                .into_iter()
                .chain(self.series.iter().map(|s| s.counts[i].to_string()))
                .collect();
            let _ = w.write_record(&record);
        }
        let undated: Vec<String> = ["undated".to_string(), String::new()]
            .into_iter()
            .chain(self.series.iter().map(|s| s.undated.to_string()))
            .collect();
        let _ = w.write_record(&undated);
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// The date that places a document's passages.
fn date_of(doc: &Document, dating: Dating) -> Option<Date> {
    let date = match dating {
        Dating::EventRecounted => doc.meta.event_date.as_ref().or(doc.meta.date.as_ref()),
        Dating::Written => doc.meta.date.as_ref(),
    };
    date?.first_day()
}

/// A date's period number: months since year 0, or the year.
fn period_of(d: Date, months: bool) -> i64 {
    if months {
        d.year() as i64 * 12 + (u8::from(d.month()) as i64 - 1)
    } else {
        d.year() as i64
    }
}

/// The first and last day of a period.
fn period_bounds(n: i64, months: bool) -> Option<(Date, Date, String)> {
    if months {
        let (y, m) = (n.div_euclid(12) as i32, (n.rem_euclid(12) + 1) as u8);
        let month = time::Month::try_from(m).ok()?;
        let first = Date::from_calendar_date(y, month, 1).ok()?;
        let last = Date::from_calendar_date(y, month, month.length(y)).ok()?;
        Some((first, last, format!("{y:04}-{m:02}")))
    } else {
        let y = n as i32;
        let first = Date::from_calendar_date(y, time::Month::January, 1).ok()?;
        let last = Date::from_calendar_date(y, time::Month::December, 31).ok()?;
        Some((first, last, format!("{y:04}")))
    }
}

/// Counts, for each of `tags`, the passages coded with it by period. `anchors` are where the
/// notes stand now (as for [`super::notes::ask`]).
pub fn code_frequency(
    ws: &Workspace,
    nb: &Notebook,
    anchors: &HashMap<String, Vec<Anchored>>,
    tags: &[String],
    options: FrequencyOptions,
) -> Frequency {
    // Which series each tag on a note counts in.
    let mut series_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in tags.iter().enumerate() {
        let mut counted = if options.with_children {
            nb.tag_and_descendants(t)
        } else {
            Vec::new()
        };
        if counted.is_empty() {
            counted.push(t.as_str());
        }
        for c in counted {
            series_of.entry(c).or_default().push(i);
        }
    }
    // Every passage of a note with a tag asked for, with its series and date.
    let mut docs = super::notes::DocLookup::default();
    let mut found: Vec<(NoteHit, Vec<usize>, Option<Date>)> = Vec::new();
    for (i, note) in nb.annotations.iter().enumerate() {
        let mut in_series: Vec<usize> = note
            .tags
            .iter()
            .filter_map(|t| series_of.get(t.as_str()))
            .flatten()
            .copied()
            .collect();
        if in_series.is_empty() {
            continue;
        }
        in_series.sort_unstable();
        in_series.dedup();
        let placed = super::notes::placements(anchors, &note.id);
        for (k, target) in note.targets().enumerate() {
            let doc = docs.index(ws, target);
            let range = super::notes::current_range(target, placed.and_then(|p| p.get(k)));
            let date = doc.and_then(|d| date_of(&ws.corpus.documents[d], options.dating));
            let hit = NoteHit {
                note: i,
                passage: k,
                doc,
                range,
            };
            found.push((hit, in_series.clone(), date));
        }
    }
    let dates = || found.iter().filter_map(|(_, _, d)| *d);
    let months = match options.step {
        Step::Months => true,
        Step::Years => false,
        Step::Auto => match (dates().min(), dates().max()) {
            (Some(a), Some(b)) => period_of(b, true) - period_of(a, true) < 36,
            _ => true,
        },
    };
    let (Some(first), Some(last)) = (
        dates().map(|d| period_of(d, months)).min(),
        dates().map(|d| period_of(d, months)).max(),
    ) else {
        return Frequency {
            months,
            series: tags
                .iter()
                .enumerate()
                .map(|(i, t)| Series {
                    tag: t.clone(),
                    undated: found.iter().filter(|(_, s, _)| s.contains(&i)).count(),
                    ..Series::default()
                })
                .collect(),
            ..Frequency::default()
        };
    };
    let first = first.max(last - (MAX_PERIODS - 1));
    let periods: Vec<Period> = (first..=last)
        .filter_map(|n| period_bounds(n, months))
        .map(|(first, last, label)| Period { label, first, last })
        .collect();
    let n = periods.len();
    let index = |d: Date| {
        let p = period_of(d, months) - first;
        (0..n as i64).contains(&p).then_some(p as usize)
    };
    let mut series: Vec<Series> = tags
        .iter()
        .map(|t| Series {
            tag: t.clone(),
            counts: vec![0; n],
            hits: vec![Vec::new(); n],
            undated: 0,
        })
        .collect();
    for (hit, in_series, date) in found {
        let at = date.and_then(index);
        for s in in_series {
            match at {
                Some(p) => {
                    series[s].counts[p] += 1;
                    series[s].hits[p].push(hit);
                }
                None => series[s].undated += 1,
            }
        }
    }
    let mut documents = vec![0; n];
    for d in &ws.corpus.documents {
        if let Some(p) = date_of(d, options.dating).and_then(index) {
            documents[p] += 1;
        }
    }
    // Key events, at their place within the periods.
    let position = |d: Date| {
        let p = period_of(d, months) - first;
        let (a, b, _) = period_bounds(period_of(d, months), months)?;
        let span = (b - a).whole_days() as f32 + 1.0;
        Some(p as f32 + (d - a).whole_days() as f32 / span)
    };
    let events = crate::corpus::events::KEY_EVENTS
        .iter()
        .filter_map(|e| {
            let a = crate::corpus::DocDate::parse(e.first).ok()?.first_day()?;
            let b = crate::corpus::DocDate::parse(e.last).ok()?.last_day()?;
            let (from, to) = (position(a)?, position(b)?);
            // The last day runs to its end.
            let to = to + 1.0 / if months { 30.0 } else { 365.0 };
            ((0.0..=n as f32).contains(&from)).then_some(PlacedEvent {
                from,
                to: to.min(n as f32),
                label: e.label,
            })
        })
        .collect();
    Frequency {
        months,
        periods,
        series,
        documents,
        events,
    }
}
