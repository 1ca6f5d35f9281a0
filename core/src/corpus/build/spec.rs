//! What the builder reads and makes: the catalog and the hand-made spec (footnotes, repairs),
//! the layout and repair log it writes, and the paper's fixed facts (running heads, pages).

use crate::corpus::model::{DocumentLayout, DocumentMeta, Footnote};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The running header and footer lines of the paper, removed from the text.
pub const RUNNING_HEADERS: [&str; 3] = [
    "www.cwihp.org",
    "New Russian Evidence on Soviet-Cuban Relations, 1960-61",
    "CWIHP Working Paper #90",
];

/// Page numbers actually printed in the extraction (the others were lost).
pub const PRINTED_PAGE_NUMBERS: [u32; 7] = [3, 5, 9, 19, 27, 33, 39];

/// Number of pages of the working paper.
pub const PAGE_COUNT: u32 = 49;

/// The catalog file: hand-authored document metadata.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalog {
    /// Documents in paper order.
    pub documents: Vec<DocumentMeta>,
}

/// A footnote as the build spec describes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FootnoteSpec {
    /// The footnote's number as printed in the paper (1-based, in reading order).
    pub number: u32,
    /// Source line holding the marker in the running text.
    pub marker_line: u32,
    /// The whitespace token holding the marker ("6", "testimony2,", "operation.8").
    pub marker_token: String,
    /// Source lines of the footnote text (inclusive).
    pub text: (u32, u32),
    /// Source line holding the bare footnote number printed at the page foot.
    pub number_line: u32,
}

/// A word-level repair: one whitespace token of one source line replaced.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenRepair {
    /// Source line (1-based).
    pub line: u32,
    /// The token as in the source.
    pub before: String,
    /// The token as in the corpus.
    pub after: String,
    /// Why.
    pub why: String,
}

/// Hand-made instructions for the builder (`corpus/source/spec.ron`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuildSpec {
    /// The paper's footnotes.
    pub footnotes: Vec<FootnoteSpec>,
    /// Lost line-end hyphens to restore.
    pub hyphens: Vec<TokenRepair>,
    /// Lines after which the short-line rule would end a paragraph but the paragraph goes on.
    pub paragraph_joins: Vec<u32>,
    /// Lines after which a paragraph ends although the line is full.
    pub paragraph_breaks: Vec<u32>,
}

/// Derived layout of the whole corpus (`corpus/layout.ron`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Per document id.
    pub documents: BTreeMap<String, DocumentLayout>,
    /// The footnotes, anchored.
    pub footnotes: Vec<Footnote>,
}

/// One row of the repair log (`corpus/repairs.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairRow {
    /// Source line (1-based).
    pub line: u32,
    /// Kind of repair (see [`RepairKind`]).
    pub kind: String,
    /// Text before (a whole line for removals, a token for token repairs).
    pub before: String,
    /// The text after the repair, as it stands in the corpus.
    pub after: String,
    /// Why.
    pub why: String,
}

/// Kinds of repair rows.
pub struct RepairKind;

impl RepairKind {
    /// A running header or footer line removed.
    pub const RUNNING_HEAD: &'static str = "running-head";
    /// A printed page number removed (kept as a page marker).
    pub const PAGE_NUMBER: &'static str = "page-number";
    /// A footnote number line at the page foot removed.
    pub const FOOTNOTE_NUMBER: &'static str = "footnote-number";
    /// A section separator (`***`) removed.
    pub const SEPARATOR: &'static str = "separator";
    /// A footnote marker taken out of the running text (kept as an anchor).
    pub const FOOTNOTE_MARKER: &'static str = "footnote-marker";
    /// A lost line-end hyphen restored.
    pub const HYPHEN: &'static str = "hyphen";
    /// A paragraph ends after this line (no words change).
    pub const PARAGRAPH: &'static str = "paragraph";
    /// A sentence cut by a footnote or page foot re-joined (no words change).
    pub const REJOIN: &'static str = "rejoin";

    /// Kinds that remove a whole source line.
    pub const LINE_REMOVALS: [&'static str; 4] = [
        Self::RUNNING_HEAD,
        Self::PAGE_NUMBER,
        Self::FOOTNOTE_NUMBER,
        Self::SEPARATOR,
    ];
    /// Kinds that replace one token.
    pub const TOKEN_REPAIRS: [&'static str; 2] = [Self::FOOTNOTE_MARKER, Self::HYPHEN];
}

/// The builder's output.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildOutput {
    /// Text per document id.
    pub texts: BTreeMap<String, String>,
    /// Pages, editors' headings and footnotes (what `corpus/layout.ron` holds).
    pub layout: Layout,
    /// Repair log in source order.
    pub repairs: Vec<RepairRow>,
}

/// A build failure, naming the source line when there is one.
#[derive(Debug, thiserror::Error)]
#[error("source line {line}: {message}")]
pub struct BuildError {
    /// Source line (0 when none applies).
    pub line: u32,
    /// What is wrong.
    pub message: String,
}
