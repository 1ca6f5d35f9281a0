//! The key events of the paper's period, drawn on the timeline and on the chart of codes over
//! time.

/// An event: its first and last day (ISO dates) and how it is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyEvent {
    /// First day, `YYYY-MM-DD`.
    pub first: &'static str,
    /// Last day, `YYYY-MM-DD` (the first for a one-day event).
    pub last: &'static str,
    /// What happened.
    pub label: &'static str,
}

/// Key events of September 1960 to June 1961.
pub const KEY_EVENTS: [KeyEvent; 3] = [
    KeyEvent {
        first: "1960-09-20",
        last: "1960-09-20",
        label: "Khrushchev meets Castro in Harlem",
    },
    KeyEvent {
        first: "1961-01-20",
        last: "1961-01-20",
        label: "Kennedy inaugurated",
    },
    KeyEvent {
        first: "1961-04-17",
        last: "1961-04-20",
        label: "Bay of Pigs",
    },
];
