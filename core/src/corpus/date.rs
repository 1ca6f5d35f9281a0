//! Historical dates, as precise as the source allows: a subset of EDTF level 1 (ISO 8601-2).
//!
//! | written | means | shown |
//! |---|---|---|
//! | `1961-01-21` | a day | 21 January 1961 |
//! | `1961-05` | a month | May 1961 |
//! | `1961` | a year | 1961 |
//! | `1961?` / `1961-05?` | uncertain | 1961? |
//! | `1961~` (input also `c. 1961`, `ca. 1961`, `circa 1961`) | approximate | c. 1961 |
//! | `1961%` | both | c. 1961? |
//! | `1961-03/1961-06`, `1961-03/..`, `../1961` | a range, open at one end | March–June 1961 |
//!
//! Days are checked against the real calendar (`1961-02-31` is refused, `1960-02-29` is a day).
//! Dates order by their first day, then their last. Calendar arithmetic uses the `time` crate.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use time::{Date, Month};

/// A date that is not one this program reads, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "expected a date as YYYY-MM-DD, YYYY-MM or YYYY (optionally uncertain 1961?, approximate 1961~ or a range 1961-03/1961-06), found {found:?}: {why}"
)]
pub struct DateError {
    /// What was given.
    pub found: String,
    /// What is wrong with it.
    pub why: String,
}

/// How precisely a single date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// A day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// A date as precise as the source allows (see the module documentation), kept as its EDTF
/// text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocDate(String);

/// One end of a date: its first and last day, precision and qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Point {
    first: Date,
    last: Date,
    precision: Precision,
    uncertain: bool,
    approximate: bool,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_of(n: u8) -> Option<Month> {
    Month::try_from(n).ok()
}

/// Parses one date of a range (no `/`), with its qualifier.
fn point(s: &str) -> Result<Point, String> {
    let (body, uncertain, approximate) = match s.as_bytes().last() {
        Some(b'?') => (&s[..s.len() - 1], true, false),
        Some(b'~') => (&s[..s.len() - 1], false, true),
        Some(b'%') => (&s[..s.len() - 1], true, true),
        _ => (s, false, false),
    };
    let parts: Vec<&str> = body.split('-').collect();
    let num = |p: &str, len: usize, what: &str| -> Result<u32, String> {
        if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().map_err(|_| format!("the {what} is not a number"))
        } else {
            Err(format!("the {what} must have {len} digits"))
        }
    };
    let year = num(parts[0], 4, "year")? as i32;
    let month = |p: &str| -> Result<Month, String> {
        let m = num(p, 2, "month")?;
        month_of(m as u8).ok_or_else(|| format!("there is no month {m}"))
    };
    let day = |m: Month, d: u32| -> Result<Date, String> {
        Date::from_calendar_date(year, m, d as u8)
            .map_err(|_| format!("{} {year} has no day {d}", MONTHS[m as usize - 1]))
    };
    let (first, last, precision) = match parts.as_slice() {
        [_] => (
            day(Month::January, 1)?,
            day(Month::December, 31)?,
            Precision::Year,
        ),
        [_, m] => {
            let m = month(m)?;
            let first = day(m, 1)?;
            let days = time::util::days_in_month(m, year);
            (first, day(m, u32::from(days))?, Precision::Month)
        }
        [_, m, d] => {
            let m = month(m)?;
            let d = day(m, num(d, 2, "day")?)?;
            (d, d, Precision::Day)
        }
        _ => return Err("too many parts".into()),
    };
    Ok(Point {
        first,
        last,
        precision,
        uncertain,
        approximate,
    })
}

impl DocDate {
    /// Parses a date (see the module documentation). `c. 1961`, `ca. 1961` and `circa 1961`
    /// are read as the approximate `1961~`.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        let err = |why: String| DateError {
            found: s.to_string(),
            why,
        };
        let lower = s.to_ascii_lowercase();
        let text = ["c. ", "ca. ", "circa ", "c."]
            .iter()
            .find_map(|p| {
                lower
                    .strip_prefix(p)
                    .map(|rest| format!("{}~", rest.trim()))
            })
            .unwrap_or_else(|| s.to_string());
        let date = DocDate(text);
        match date.ends().map_err(err)? {
            (Some(a), Some(b)) if b.last < a.first => Err(DateError {
                found: s.to_string(),
                why: "the range ends before it starts".into(),
            }),
            (None, None) => Err(DateError {
                found: s.to_string(),
                why: "a range needs at least one end".into(),
            }),
            _ => Ok(date),
        }
    }

    /// The two ends: one point for a single date (both `Some` and equal), `None` for an open
    /// end of a range.
    fn ends(&self) -> Result<(Option<Point>, Option<Point>), String> {
        match self.0.split_once('/') {
            None => {
                let p = point(&self.0)?;
                Ok((Some(p), Some(p)))
            }
            Some((a, b)) => {
                let end = |e: &str| {
                    if e == ".." || e.is_empty() {
                        Ok(None)
                    } else {
                        point(e).map(Some)
                    }
                };
                Ok((end(a)?, end(b)?))
            }
        }
    }

    fn points(&self) -> (Option<Point>, Option<Point>) {
        self.ends().unwrap_or((None, None))
    }

    /// The EDTF text (`1961-01-21`, `1961?`, `1961-03/1961-06`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first day it may mean (for a range open at its start, its end's first day).
    pub fn first_day(&self) -> Option<Date> {
        match self.points() {
            (Some(a), _) => Some(a.first),
            (None, b) => b.map(|b| b.first),
        }
    }

    /// The last day it may mean (for a range open at its end, its start's last day).
    pub fn last_day(&self) -> Option<Date> {
        match self.points() {
            (_, Some(b)) => Some(b.last),
            (a, None) => a.map(|a| a.last),
        }
    }

    /// Its ends as date parts, as precise as they are known (`[1961, 1, 21]`, `[1961, 5]`,
    /// `[1961]`): one for a single date, two for a range (an open end left out), and whether
    /// either end is approximate or uncertain (CSL's `circa`).
    pub fn parts(&self) -> (Vec<Vec<i32>>, bool) {
        let part = |p: &Point| match p.precision {
            Precision::Day => vec![
                p.first.year(),
                u8::from(p.first.month()) as i32,
                p.first.day() as i32,
            ],
            Precision::Month => vec![p.first.year(), u8::from(p.first.month()) as i32],
            Precision::Year => vec![p.first.year()],
        };
        let (a, b) = self.points();
        let circa = [a, b]
            .iter()
            .flatten()
            .any(|p| p.uncertain || p.approximate);
        let mut out: Vec<Vec<i32>> = Vec::new();
        match (a, b) {
            (Some(a), Some(b)) if a == b => out.push(part(&a)),
            (a, b) => out.extend([a, b].iter().flatten().map(part)),
        }
        (out, circa)
    }

    /// The year of its first day.
    pub fn year(&self) -> i32 {
        self.first_day().map_or(0, |d| d.year())
    }

    /// Is it a single day, known for certain?
    pub fn is_exact_day(&self) -> bool {
        matches!(
            self.points(),
            (Some(a), Some(b)) if a == b && a.precision == Precision::Day && !a.uncertain && !a.approximate
        )
    }

    /// For people and citations: "21 January 1961", "May 1961", "1961", "c. 1961", "1961?",
    /// "March–June 1961", "March 1961 – June 1962", "from March 1961".
    pub fn long_form(&self) -> String {
        fn plain(p: &Point) -> String {
            let month = MONTHS[p.first.month() as usize - 1];
            match p.precision {
                Precision::Day => format!("{} {month} {}", p.first.day(), p.first.year()),
                Precision::Month => format!("{month} {}", p.first.year()),
                Precision::Year => p.first.year().to_string(),
            }
        }
        fn qualified(p: &Point) -> String {
            let text = plain(p);
            match (p.approximate, p.uncertain) {
                (true, true) => format!("c. {text}?"),
                (true, false) => format!("c. {text}"),
                (false, true) => format!("{text}?"),
                (false, false) => text,
            }
        }
        match self.points() {
            (Some(a), Some(b)) if a == b => qualified(&a),
            (Some(a), Some(b)) => {
                let plain_pair = !a.uncertain && !a.approximate && !b.uncertain && !b.approximate;
                if plain_pair
                    && a.precision == Precision::Month
                    && b.precision == Precision::Month
                    && a.first.year() == b.first.year()
                {
                    format!(
                        "{}–{} {}",
                        MONTHS[a.first.month() as usize - 1],
                        MONTHS[b.first.month() as usize - 1],
                        a.first.year()
                    )
                } else {
                    format!("{} – {}", qualified(&a), qualified(&b))
                }
            }
            (Some(a), None) => format!("from {}", qualified(&a)),
            (None, Some(b)) => format!("until {}", qualified(&b)),
            (None, None) => self.0.clone(),
        }
    }
}

impl Ord for DocDate {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.first_day(), self.last_day(), &self.0).cmp(&(
            other.first_day(),
            other.last_day(),
            &other.0,
        ))
    }
}

impl PartialOrd for DocDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl TryFrom<String> for DocDate {
    type Error = DateError;
    fn try_from(s: String) -> Result<Self, DateError> {
        DocDate::parse(&s)
    }
}

impl From<DocDate> for String {
    fn from(d: DocDate) -> String {
        d.0
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DocDate {
        DocDate::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn days_are_checked_against_the_calendar() {
        assert!(DocDate::parse("1961-02-31").is_err());
        assert!(DocDate::parse("1961-02-29").is_err());
        assert_eq!(d("1960-02-29").long_form(), "29 February 1960");
        assert!(DocDate::parse("1961-13").is_err());
        assert!(DocDate::parse("61-01-21").is_err());
        let e = DocDate::parse("1961-04-31").unwrap_err();
        assert!(e.to_string().contains("April 1961 has no day 31"), "{e}");
    }

    #[test]
    fn partial_uncertain_approximate_and_ranges() {
        assert_eq!(d("1961-01-21").long_form(), "21 January 1961");
        assert_eq!(d("1992-01").long_form(), "January 1992");
        assert_eq!(d("1961").long_form(), "1961");
        assert_eq!(d("1961?").long_form(), "1961?");
        assert_eq!(d("c. 1961").as_str(), "1961~");
        assert_eq!(d("circa 1961-05").long_form(), "c. May 1961");
        assert_eq!(d("1961%").long_form(), "c. 1961?");
        assert_eq!(d("1961-03/1961-06").long_form(), "March–June 1961");
        assert_eq!(d("1961-03/1962-06").long_form(), "March 1961 – June 1962");
        assert_eq!(d("1961-03/..").long_form(), "from March 1961");
        assert!(
            DocDate::parse("1961-06/1961-03").is_err(),
            "ends before it starts"
        );
        assert!(DocDate::parse("../..").is_err());
        assert!(d("1961-01-21").is_exact_day());
        assert!(!d("1961-01-21?").is_exact_day());
    }

    #[test]
    fn dates_order_by_their_first_day() {
        let mut v = [
            d("1961"),
            d("1961-05"),
            d("1960-09-20"),
            d("1961-03/1961-06"),
            d("1961-01-21"),
        ];
        v.sort();
        let order: Vec<&str> = v.iter().map(DocDate::as_str).collect();
        assert_eq!(
            order,
            [
                "1960-09-20",
                "1961",
                "1961-01-21",
                "1961-03/1961-06",
                "1961-05"
            ]
        );
        assert_eq!(
            d("1961-05").first_day(),
            Date::from_calendar_date(1961, Month::May, 1).ok()
        );
        assert_eq!(
            d("1961-02").last_day(),
            Date::from_calendar_date(1961, Month::February, 28).ok()
        );
    }
}
