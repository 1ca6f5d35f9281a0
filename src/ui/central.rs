//! What the central panel shows: the reader or one of the views (the comparison, when open,
//! takes its place).

/// What the central panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CentralView {
    /// The open document with its layers (the default).
    #[default]
    Reader,
    /// Every dated document on one axis (`ui/timeline.rs`).
    Timeline,
    /// Who appears with whom (`ui/people_view.rs`).
    People,
    /// Who said what: a speaker's concordance.
    Speakers,
    /// Search all documents.
    Search,
    /// Questions about my notes (`ui/questions_view.rs`).
    Questions,
    /// What co-occurs with what (`ui/cooccurrence_view.rs`).
    Cooccurrence,
    /// How often codes appear over time (`ui/frequency_view.rs`).
    Frequency,
}
