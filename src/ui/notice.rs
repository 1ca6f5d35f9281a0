//! The status bar's message ("Exported 12 notes…", import reports): one type that records when
//! it was first drawn, so a message set at any time is shown for its full time.

/// Seconds a one-line message stays; longer ones stay longer (up to [`MAX_SECONDS`]).
pub const BASE_SECONDS: f64 = 6.0;
/// The longest a message stays.
pub const MAX_SECONDS: f64 = 30.0;

/// A message for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// What to say (the first line is shown, all of it on hover).
    pub text: String,
    shown_at: Option<f64>,
}

impl Notice {
    /// A message not shown yet.
    pub fn new(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            shown_at: None,
        }
    }

    /// How long this message stays once shown: longer for longer messages, to be read.
    pub fn seconds(&self) -> f64 {
        (BASE_SECONDS + self.text.chars().count() as f64 / 25.0).min(MAX_SECONDS)
    }

    /// Called each frame with the frame time: records the first showing; true once the
    /// message has been shown for its time.
    pub fn expired(&mut self, now: f64) -> bool {
        let shown = *self.shown_at.get_or_insert(now);
        now - shown > self.seconds()
    }

    /// The line shown in the status bar.
    pub fn headline(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }
}
