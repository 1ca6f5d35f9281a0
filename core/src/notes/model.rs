//! The model of a notebook: annotations, their selectors, tags and the trash.

use serde::{Deserialize, Serialize};

/// Version of the notebook file format written by this build.
///
/// - 1: every note has one target.
/// - 2: a note may have further targets ([`Annotation::other_targets`]): a note on an aligned
///   pair of passages is one note; tags form a codebook (a parent and a description each, see
///   [`super::codebook`]); questions are kept by name ([`Notebook::queries`]). Version-1 notebooks are migrated when read (see [`super::migrate`]);
///   their flat tags are top-level codes.
pub const FORMAT_VERSION: u32 = 2;

/// Characters of context kept before and after a quote (as Hypothesis keeps). Longer context
/// read from a file or an import is cut to this.
pub const CONTEXT_CHARS: usize = 32;
/// Longest quote a note may hold, in chars (about 50 printed pages); longer ones are refused at
/// import and by the editor.
pub const MAX_QUOTE_CHARS: usize = 100_000;
/// Longest note text, in chars.
pub const MAX_NOTE_CHARS: usize = 200_000;
/// Most passages a note may be on besides its first (a pair note has one); more are refused at
/// import.
pub const MAX_OTHER_TARGETS: usize = 15;

/// The last `n` chars of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

/// The first `n` chars of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

impl QuoteSelector {
    /// Cuts the context to [`CONTEXT_CHARS`] on each side; returns whether anything was cut.
    pub fn bound_context(&mut self) -> bool {
        let prefix = last_chars(&self.prefix, CONTEXT_CHARS);
        let suffix = first_chars(&self.suffix, CONTEXT_CHARS);
        let cut = prefix.len() != self.prefix.len() || suffix.len() != self.suffix.len();
        if cut {
            self.prefix = prefix.to_string();
            self.suffix = suffix.to_string();
        }
        cut
    }
}

/// The quoted text with some context (W3C `TextQuoteSelector`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSelector {
    /// The quoted text, exactly.
    pub exact: String,
    /// Up to 32 chars before it.
    pub prefix: String,
    /// Up to 32 chars after it.
    pub suffix: String,
}

/// Where the quote stood (W3C `TextPositionSelector`), in chars (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionSelector {
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
}

/// What an annotation is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// A free-standing memo, tied to no document.
    Memo,
    /// A whole document.
    Document {
        /// Document id.
        doc: String,
    },
    /// A passage of a document.
    Text {
        /// Document id.
        doc: String,
        /// The quote and its context.
        quote: QuoteSelector,
        /// Where it stood.
        position: PositionSelector,
        /// Hash of the document text the annotation was made on (`fnv1a64:…`).
        text_hash: String,
    },
    /// A region of a page of the document's original (a stamp, a signature, a marginal note).
    Region {
        /// Document id.
        doc: String,
        /// The page of the original file, from 1.
        page: u32,
        /// The rectangle on it.
        region: RegionSelector,
    },
}

/// Units of [`RegionSelector`]: ten-thousandths of the page's width or height (hundredths of a
/// percent, as W3C `xywh=percent:` writes them with two decimals).
pub const REGION_UNITS: u32 = 10_000;

/// A rectangle on a page (W3C `FragmentSelector` with `xywh=percent:`), from its top left, in
/// ten-thousandths of the page's width and height ([`REGION_UNITS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionSelector {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

impl RegionSelector {
    /// The rectangle of fractions `[x0, y0, x1, y1]` (any corner order), clamped to the page.
    pub fn from_fractions(r: [f32; 4]) -> RegionSelector {
        let unit = |v: f32| (v.clamp(0.0, 1.0) * REGION_UNITS as f32).round() as u32;
        let (x0, x1) = (unit(r[0].min(r[2])), unit(r[0].max(r[2])));
        let (y0, y1) = (unit(r[1].min(r[3])), unit(r[1].max(r[3])));
        RegionSelector {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }

    /// As fractions of the page, `[x0, y0, x1, y1]`.
    pub fn fractions(&self) -> [f32; 4] {
        let f = |v: u32| v.min(REGION_UNITS) as f32 / REGION_UNITS as f32;
        [f(self.x), f(self.y), f(self.x + self.w), f(self.y + self.h)]
    }

    /// Whether it lies on the page and is not empty.
    pub fn is_valid(&self) -> bool {
        self.w > 0
            && self.h > 0
            && self.x.saturating_add(self.w) <= REGION_UNITS
            && self.y.saturating_add(self.h) <= REGION_UNITS
    }

    /// The W3C media fragment: `xywh=percent:12.5,30,20,10.25`.
    pub fn media_fragment(&self) -> String {
        let p = |v: u32| {
            let s = format!("{}.{:02}", v / 100, v % 100);
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        format!(
            "xywh=percent:{},{},{},{}",
            p(self.x),
            p(self.y),
            p(self.w),
            p(self.h)
        )
    }

    /// Reads a media fragment `xywh=percent:x,y,w,h` (also with `#` before it).
    pub fn from_media_fragment(s: &str) -> Option<RegionSelector> {
        let rest = s
            .trim()
            .trim_start_matches('#')
            .strip_prefix("xywh=percent:")?;
        let mut v = rest.split(',').map(|n| {
            let n: f64 = n.trim().parse().ok()?;
            (n.is_finite() && (0.0..=100.0).contains(&n)).then(|| (n * 100.0).round() as u32)
        });
        let r = RegionSelector {
            x: v.next()??,
            y: v.next()??,
            w: v.next()??,
            h: v.next()??,
        };
        (v.next().is_none() && r.is_valid()).then_some(r)
    }
}

impl Target {
    /// The document this target belongs to, if any.
    pub fn doc(&self) -> Option<&str> {
        match self {
            Target::Memo => None,
            Target::Document { doc } | Target::Text { doc, .. } | Target::Region { doc, .. } => {
                Some(doc)
            }
        }
    }

    /// The quoted text, if any.
    pub fn quote(&self) -> Option<&str> {
        match self {
            Target::Text { quote, .. } => Some(&quote.exact),
            _ => None,
        }
    }
}

/// One note: what it is attached to, its text and tags, who wrote it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable unique id (a UUID).
    pub id: String,
    /// What it is attached to.
    pub target: Target,
    /// The note itself, Markdown kept as text.
    #[serde(default)]
    pub note: String,
    /// Its tags, by name (their colours are in the notebook's `tags`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who wrote it.
    #[serde(default)]
    pub author: String,
    /// When it was created (RFC 3339).
    pub created: String,
    /// When it was last changed (RFC 3339).
    pub modified: String,
    /// When two copies of one note were changed apart, the id of the note this one conflicts with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_of: Option<String>,
    /// Further passages this one note is on, besides `target` (a note on an aligned pair: the
    /// same episode in both versions of a memoir). Empty for a note on one passage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_targets: Vec<Target>,
}

impl Annotation {
    /// Every passage (or document) the note is on: `target` first, then the others.
    pub fn targets(&self) -> impl Iterator<Item = &Target> {
        std::iter::once(&self.target).chain(&self.other_targets)
    }

    /// The note's target in a document, if it has one there (the first, if several).
    pub fn target_on(&self, doc: &str) -> Option<&Target> {
        self.targets().find(|t| t.doc() == Some(doc))
    }

    /// Is the note on this document (any of its targets)?
    pub fn is_on(&self, doc: &str) -> bool {
        self.target_on(doc).is_some()
    }

    /// Is it on more than one passage?
    pub fn is_multi(&self) -> bool {
        !self.other_targets.is_empty()
    }
}

/// A tag, or in qualitative researchers' words a code of the codebook: a name, a colour, the
/// code it belongs under and its definition. The notebook's list keeps the codebook's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Name, unique in the notebook.
    pub name: String,
    /// Colour as `#rrggbb`; empty: the parent's colour (inherited).
    pub colour: String,
    /// The tag this one belongs under ("CIA plots" under "Assassination"); `None` at the top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// What the code means: its definition, shown on hover and exported.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Tag {
    /// A top-level tag with a colour and no description.
    pub fn new(name: impl Into<String>, colour: impl Into<String>) -> Tag {
        Tag {
            name: name.into(),
            colour: colour.into(),
            parent: None,
            description: String::new(),
        }
    }
}

/// A deleted annotation, kept until the trash is emptied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trashed {
    /// The annotation as it was.
    pub annotation: Annotation,
    /// When it was deleted (RFC 3339).
    pub deleted: String,
}

/// A notebook: what one RON file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notebook {
    /// File format version.
    pub format_version: u32,
    /// Names of everyone who wrote in it.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Tags with their colours.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The live notes, in the order they were added.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Deleted notes, kept until the trash is emptied (Restore brings one back).
    #[serde(default)]
    pub trash: Vec<Trashed>,
    /// Hand corrections of sentence alignments, per pair of documents.
    #[serde(default)]
    pub alignments: Vec<AlignmentCorrection>,
    /// Questions kept by name, answered afresh whenever they are shown (see
    /// `crate::search::notes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queries: Vec<SavedQuery>,
}

/// A question about the notes, kept by name (its answers follow the notes as they change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuery {
    /// Its name, unique in the notebook.
    pub name: String,
    /// The question, in the query language.
    pub query: String,
}

/// The user's corrections of the automatic alignment of two documents: groups of sentences
/// (indices into each document's sentences) pinned together, re-applied on top of the automatic
/// alignment as long as the texts are unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlignmentCorrection {
    /// First document id.
    pub a: String,
    /// Second document id.
    pub b: String,
    /// Hash of the first text the pins refer to.
    pub a_hash: String,
    /// Hash of the second text.
    pub b_hash: String,
    /// Pinned groups: (sentences of a, sentences of b); either side may be empty.
    pub pins: Vec<(Vec<usize>, Vec<usize>)>,
}

impl Default for Notebook {
    fn default() -> Self {
        Notebook {
            format_version: FORMAT_VERSION,
            authors: Vec::new(),
            tags: Vec::new(),
            annotations: Vec::new(),
            trash: Vec::new(),
            alignments: Vec::new(),
            queries: Vec::new(),
        }
    }
}

/// Eight tag colours (as stored in notebooks), each with contrast ≥ 4.5:1 against a light page.
pub const TAG_PALETTE: [&str; 8] = [
    "#1f5fa8", "#b3261e", "#1e7a34", "#6a3fb5", "#9a5700", "#0e7490", "#a8326e", "#6b4f2a",
];

/// The same eight colours as shown on a dark page (contrast ≥ 4.5:1 against it).
pub const TAG_PALETTE_DARK: [&str; 8] = [
    "#7fb3ff", "#ff8a80", "#6fdc8c", "#c4a7ff", "#ffb74d", "#5fd4e8", "#ff8ac0", "#d7b48a",
];

/// The colour to paint a stored tag colour with, in the light or dark theme.
pub fn tag_display_colour(stored: &str, dark: bool) -> &str {
    match TAG_PALETTE
        .iter()
        .position(|c| c.eq_ignore_ascii_case(stored))
    {
        Some(i) if dark => TAG_PALETTE_DARK[i],
        _ => stored,
    }
}

/// WCAG 2 relative luminance of an sRGB colour (0 to 1).
pub fn relative_luminance(r: u8, g: u8, b: u8) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2 contrast ratio of two relative luminances (1 to 21).
pub fn luminance_ratio(la: f64, lb: f64) -> f64 {
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21).
pub fn contrast_ratio(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
        relative_luminance((v >> 16) as u8, (v >> 8) as u8, v as u8)
    };
    luminance_ratio(luminance(a), luminance(b))
}

impl Notebook {
    /// Cuts every note's context (live and trashed) to [`CONTEXT_CHARS`]; returns how many
    /// notes were cut.
    pub fn bound_context(&mut self) -> usize {
        let targets = self
            .annotations
            .iter_mut()
            .chain(self.trash.iter_mut().map(|t| &mut t.annotation))
            .flat_map(|a| std::iter::once(&mut a.target).chain(a.other_targets.iter_mut()));
        let mut cut = 0;
        for t in targets {
            if let Target::Text { quote, .. } = t
                && quote.bound_context()
            {
                cut += 1;
            }
        }
        cut
    }

    /// An annotation by id.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// Adds an annotation, registering its author and any new tags.
    pub fn add(&mut self, annotation: Annotation) {
        if !annotation.author.is_empty() && !self.authors.contains(&annotation.author) {
            self.authors.push(annotation.author.clone());
        }
        for t in &annotation.tags {
            self.ensure_tag(t);
        }
        self.annotations.push(annotation);
    }

    /// Makes sure a tag exists, giving a new one the next palette colour.
    pub fn ensure_tag(&mut self, name: &str) {
        if !self.tags.iter().any(|t| t.name == name) {
            let colour = TAG_PALETTE[self.tags.len() % TAG_PALETTE.len()].to_string();
            self.tags.push(Tag::new(name, colour));
        }
    }

    /// Moves an annotation to the trash; returns whether it existed.
    pub fn delete(&mut self, id: &str, now: &str) -> bool {
        let Some(i) = self.annotations.iter().position(|a| a.id == id) else {
            return false;
        };
        let annotation = self.annotations.remove(i);
        self.trash.push(Trashed {
            annotation,
            deleted: now.to_string(),
        });
        true
    }

    /// Brings an annotation back from the trash; returns whether it was there.
    pub fn restore(&mut self, id: &str) -> bool {
        let Some(i) = self.trash.iter().position(|t| t.annotation.id == id) else {
            return false;
        };
        let t = self.trash.remove(i);
        self.annotations.push(t.annotation);
        true
    }

    /// The correction of the alignment of two documents, if any.
    pub fn alignment(&self, a: &str, b: &str) -> Option<&AlignmentCorrection> {
        self.alignments.iter().find(|c| c.a == a && c.b == b)
    }

    /// Empties the trash for good.
    pub fn empty_trash(&mut self) {
        self.trash.clear();
    }
}

/// FNV-1a 64-bit hash of a text, as stored in `text_hash` (stable across builds and platforms).
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}")
}

/// Builds the selectors of a passage `[start, end)` (chars) of `text`.
pub fn text_target(doc: &str, text: &str, start: usize, end: usize) -> Target {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let s = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    Target::Text {
        doc: doc.to_string(),
        quote: QuoteSelector {
            exact: s(start, end),
            prefix: s(start.saturating_sub(CONTEXT_CHARS), start),
            suffix: s(end, (end + CONTEXT_CHARS).min(chars.len())),
        },
        position: PositionSelector { start, end },
        text_hash: text_hash(text),
    }
}

/// Now, as RFC 3339 in UTC with milliseconds.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// A new random id (UUID v4).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
