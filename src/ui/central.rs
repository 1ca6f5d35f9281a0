//! What the central panel shows: the reader or one of the views (the comparison, when open,
//! takes its place).

/// What the central panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CentralView {
    /// The reader.
    #[default]
    Reader,
    /// The timeline.
    Timeline,
    /// The people.
    People,
    /// Who said what: a speaker's concordance.
    Speakers,
    /// Search all documents.
    Search,
}
