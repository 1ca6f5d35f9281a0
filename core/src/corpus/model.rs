//! The corpus model: documents of Working Paper #90, their metadata, footnotes, pages and
//! editorial marks. Offsets are always Unicode scalar values (chars) into `Document::text`.

pub use super::date::DocDate;
pub use super::text::{CHAR_MARK, DocumentText, text_hash};
use serde::{Deserialize, Serialize};

/// What kind of document this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    /// A Soviet record (memorandum) of conversation.
    RecordOfConversation,
    /// Khrushchev's dictated recollections.
    Memoir,
    /// Testimony at an oral-history conference (Castro, 1992).
    OralHistory,
    /// The editor's introduction, essays and notes.
    Commentary,
    /// A document the researcher added to their own corpus.
    UserDocument,
}

impl Kind {
    /// All kinds, in display order.
    pub const ALL: [Kind; 5] = [
        Kind::RecordOfConversation,
        Kind::Memoir,
        Kind::OralHistory,
        Kind::Commentary,
        Kind::UserDocument,
    ];

    /// Human label ("record of conversation").
    pub fn label(self) -> &'static str {
        match self {
            Kind::RecordOfConversation => "record of conversation",
            Kind::Memoir => "memoir",
            Kind::OralHistory => "oral history",
            Kind::Commentary => "commentary",
            Kind::UserDocument => "user document",
        }
    }

    /// Stable machine name used in JSON and on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::RecordOfConversation => "record",
            Kind::Memoir => "memoir",
            Kind::OralHistory => "oral-history",
            Kind::Commentary => "commentary",
            Kind::UserDocument => "user",
        }
    }
}

/// The part of the paper a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Part {
    /// The meeting in New York, September 1960.
    NewYork1960,
    /// The Bay of Pigs, January-June 1961.
    BayOfPigs1961,
    /// Assassination plotting, June 1961.
    Assassination1961,
}

impl Part {
    /// All parts in paper order.
    pub const ALL: [Part; 3] = [
        Part::NewYork1960,
        Part::BayOfPigs1961,
        Part::Assassination1961,
    ];

    /// The kind as the library and the header show it ("record of conversation").
    pub fn label(self) -> &'static str {
        match self {
            Part::NewYork1960 => "New York 1960",
            Part::BayOfPigs1961 => "Bay of Pigs 1961",
            Part::Assassination1961 => "Assassination plotting 1961",
        }
    }

    /// Stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            Part::NewYork1960 => "new-york-1960",
            Part::BayOfPigs1961 => "bay-of-pigs-1961",
            Part::Assassination1961 => "assassination-1961",
        }
    }
}

/// The parts of an archival reference: a Russian archive's fond, opis, papka, delo and listy
/// ("AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 48-52"), or a Western archive's record group,
/// box and folder ("NARA, RG 59, Box 3, Folder 2"). Parts not known are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivalReference {
    /// Archive abbreviation, e.g. "AVP RF" or "RGANI".
    pub archive: String,
    /// f. (fond, collection).
    #[serde(default)]
    pub fond: String,
    /// op. (opis, inventory).
    #[serde(default)]
    pub opis: String,
    /// p. (papka, folder); RGANI references have none.
    #[serde(default)]
    pub papka: Option<String>,
    /// d. (delo, file).
    #[serde(default)]
    pub delo: String,
    /// ll. (listy, sheets).
    #[serde(default)]
    pub listy: String,
    /// RG (record group), in Western archives.
    #[serde(default)]
    pub record_group: Option<String>,
    /// Box.
    #[serde(default)]
    pub box_no: Option<String>,
    /// Folder.
    #[serde(default)]
    pub folder: Option<String>,
}

impl ArchivalReference {
    /// The normalised form used in citations: "AVP RF, f. 0104, op. 17, p. 118, d. 3, ll.
    /// 48-52", or "NARA, RG 59, Box 3, Folder 2"; parts not known are left out.
    pub fn normalised(&self) -> String {
        let parts = [
            ("", Some(self.archive.as_str())),
            ("f. ", Some(self.fond.as_str())),
            ("op. ", Some(self.opis.as_str())),
            ("p. ", self.papka.as_deref()),
            ("d. ", Some(self.delo.as_str())),
            ("ll. ", Some(self.listy.as_str())),
            ("RG ", self.record_group.as_deref()),
            ("Box ", self.box_no.as_deref()),
            ("Folder ", self.folder.as_deref()),
        ];
        parts
            .iter()
            .filter_map(|(mark, v)| {
                v.map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("{mark}{v}"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Reads a reference written the usual way ("AVP RF, f. 0104, op. 17, p. 118, d. 3, ll.
    /// 120-123"; "NARA, RG 59, Box 3, Folder 2"): the archive first, then its parts, each
    /// after its mark. None when a part is not one of these.
    pub fn parse(s: &str) -> Option<ArchivalReference> {
        let mut r = ArchivalReference::default();
        let mut parts = s.trim().trim_end_matches('.').split(',').map(str::trim);
        r.archive = parts.next().filter(|a| !a.is_empty())?.to_string();
        let mut any = false;
        for part in parts {
            let lower = part.to_lowercase();
            let after = |marks: &[&str]| {
                marks
                    .iter()
                    .find(|m| lower.starts_with(**m))
                    .and_then(|m| part.get(m.len()..))
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            if let Some(v) = after(&["ll. ", "ll.", "l. "]) {
                r.listy = v;
            } else if let Some(v) = after(&["f. ", "f.", "fond "]) {
                r.fond = v;
            } else if let Some(v) = after(&["op. ", "op.", "opis "]) {
                r.opis = v;
            } else if let Some(v) = after(&["p. ", "p.", "papka "]) {
                r.papka = Some(v);
            } else if let Some(v) = after(&["d. ", "d.", "delo "]) {
                r.delo = v;
            } else if let Some(v) = after(&["rg ", "record group "]) {
                r.record_group = Some(v);
            } else if let Some(v) = after(&["box "]) {
                r.box_no = Some(v);
            } else if let Some(v) = after(&["folder "]) {
                r.folder = Some(v);
            } else {
                return None;
            }
            any = true;
        }
        any.then_some(r)
    }
}

/// A published book a document was taken from (memoirs, the 1992 comments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// The reference exactly as the paper prints it.
    pub verbatim: String,
    /// Authors or editor as printed ("Sergei Khrushchev, ed.").
    pub by: String,
    /// The book's title, italicised in citations.
    pub title: String,
    /// Place of publication.
    pub place: String,
    /// The publisher, as the citation prints it ("Little, Brown, and Co.").
    pub publisher: String,
    /// Year(s) as printed ("1993, 2002").
    pub years: String,
    /// Pages as printed ("477-479").
    pub pages: String,
    /// Other ways the paper cites the same book, verbatim.
    #[serde(default)]
    pub also_cited_as: Vec<String>,
}

/// Which source lines a document was built from (1-based, inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLines {
    /// The editor's heading (title and [Source: ...] note), if any.
    #[serde(default)]
    pub heading: Option<(u32, u32)>,
    /// The document's text.
    pub text: (u32, u32),
}

/// Hand-authored metadata of one document, as kept in `corpus/catalog.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Stable readable slug, e.g. "1961-01-21-kudryavtsev-castro".
    pub id: String,
    /// Display title (unique in the corpus).
    pub title: String,
    /// Short form for repeated citations ("Kudryavtsev–Castro conversation, 21 January 1961").
    pub short_title: String,
    /// Title used in a full note citation ("Record of Conversation between ...").
    #[serde(default)]
    pub citation_title: Option<String>,
    /// What kind of document.
    pub kind: Kind,
    /// Part of the paper; the introduction belongs to none.
    #[serde(default)]
    pub part: Option<Part>,
    /// The conversation (records), the conference (1992), the meeting recounted (memoirs).
    #[serde(default)]
    pub date: Option<DocDate>,
    /// What the document recounts, when that differs from `date`.
    #[serde(default)]
    pub event_date: Option<DocDate>,
    /// Year of publication (memoirs).
    #[serde(default)]
    pub published: Option<i32>,
    /// The archival reference verbatim as printed (inconsistencies kept).
    #[serde(default)]
    pub citation_verbatim: Option<String>,
    /// The same reference, parsed.
    #[serde(default)]
    pub archival: Option<ArchivalReference>,
    /// Book the text was taken from.
    #[serde(default)]
    pub publication: Option<Publication>,
    /// "Secret", "Top Secret".
    #[serde(default)]
    pub classification: Option<String>,
    /// Copy number ("1", "2").
    #[serde(default)]
    pub copy_no: Option<String>,
    /// Outgoing number as printed ("97", "149 [SIC]").
    #[serde(default)]
    pub outgoing_no: Option<String>,
    /// Date the journal entry was registered.
    #[serde(default)]
    pub journal_date: Option<DocDate>,
    /// Person id of the author.
    #[serde(default)]
    pub author: Option<String>,
    /// Person id of who recorded the conversation.
    #[serde(default)]
    pub recorder: Option<String>,
    /// Person id of the addressee.
    #[serde(default)]
    pub addressee: Option<String>,
    /// Translator, as credited.
    #[serde(default)]
    pub translator: Option<String>,
    /// Wilson Center Digital Archive URL.
    #[serde(default)]
    pub url: Option<String>,
    /// The paper's own inconsistencies in this document, kept and flagged, never fixed.
    #[serde(default)]
    pub anomalies: Vec<String>,
    /// Source lines the document was built from (provenance).
    #[serde(default)]
    pub source_lines: Option<SourceLines>,
    /// People present, as the researcher listed them for their own documents (ids or names).
    #[serde(default)]
    pub present: Vec<String>,
    /// The researcher's collection the document belongs to ("FRUS 1961–63 vol. X").
    #[serde(default)]
    pub collection: Option<String>,
    /// Where it was written ("Havana").
    #[serde(default)]
    pub place: Option<String>,
    /// Its language ("en", "ru").
    #[serde(default)]
    pub language: Option<String>,
}

/// A page break of the working paper inside a document: from `at` on, the text is on `page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMarker {
    /// Char offset where the page begins.
    pub at: usize,
    /// Page number of the working paper.
    pub page: u32,
}

/// A footnote of the paper, anchored where its marker stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    /// Footnote number (1-11).
    pub number: u32,
    /// Document holding the marker.
    pub doc: String,
    /// Char offset in that document's text where the marker stands.
    pub at: usize,
    /// The footnote's text, reflowed.
    pub text: String,
}

/// What an editorial mark is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EditorialKind {
    /// `[sic]` and its variants.
    Sic,
    /// A bracketed insertion by the translator or editor (`[I]`, `[Antonio]`).
    Insertion,
    /// A translator's or editor's note (`[trans. note: ...]`, `[ed. note: ...]`, `[... --trans.]`).
    Note,
    /// An omission mark (`<…>`) or a note of text not copied.
    Omission,
}

/// A span of the paper's own editorial marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorialSpan {
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// What kind of mark.
    pub kind: EditorialKind,
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Style {
    /// Italics (emphasis, titles of books, foreign words).
    Italic,
    /// Bold (strong emphasis).
    Bold,
    /// Underlined.
    Underline,
    /// A heading of the document, with its level (1 is the highest).
    Heading(u8),
}

/// Formatting of a char range of the text, kept beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StyleSpan {
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// How it is set.
    pub style: Style,
}

/// Layout derived from the source by the corpus builder (pages, editor's heading), per document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentLayout {
    /// The editor's heading verbatim (title and source note), if any.
    #[serde(default)]
    pub heading: Option<String>,
    /// Page markers in text order; the first is at offset 0.
    pub pages: Vec<PageMarker>,
}

/// A document: metadata, text and everything anchored in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Its catalog entry: title, date, citation as printed, people, anomalies.
    pub meta: DocumentMeta,
    /// The repaired text: paragraphs separated by one blank line (in memory, or read from its
    /// file when first needed).
    pub text: DocumentText,
    /// Number of chars in `text`.
    pub char_len: usize,
    /// The editor's heading verbatim.
    pub heading: Option<String>,
    /// Where each working-paper page begins, in chars, in text order.
    pub pages: Vec<PageMarker>,
    /// The paper's own marks (`[sic]`, bracketed insertions, `<…>`), kept verbatim, in chars.
    pub editorial: Vec<EditorialSpan>,
    /// Whether the document comes from the researcher's own corpus.
    pub user_added: bool,
    /// Formatting kept beside the text (italics, headings), for imported documents.
    pub styles: Vec<StyleSpan>,
    /// The printed label of each page in `pages` ("xiv", "14"), for imported documents whose
    /// pages are not plain numbers; empty when `pages` says it all.
    pub page_labels: Vec<String>,
    /// The file an imported document was made from, as kept in the documents folder.
    pub original: Option<std::path::PathBuf>,
    /// The page of the original file (from 1) where each of `pages` is, for imported
    /// documents (what the facsimile shows); empty when there is no original with pages.
    pub file_pages: Vec<u32>,
    /// Words the OCR was unsure of (char ranges), marked in the reader to be checked.
    pub uncertain: Vec<(usize, usize)>,
}

impl Document {
    /// A document from its parts, its text held in memory; computes the length.
    pub fn new(
        meta: DocumentMeta,
        text: String,
        heading: Option<String>,
        pages: Vec<PageMarker>,
        editorial: Vec<EditorialSpan>,
        user_added: bool,
    ) -> Document {
        Document {
            meta,
            char_len: text.chars().count(),
            text: DocumentText::held(text),
            heading,
            pages,
            editorial,
            user_added,
            styles: Vec::new(),
            page_labels: Vec::new(),
            original: None,
            file_pages: Vec::new(),
            uncertain: Vec::new(),
        }
    }

    /// A document whose text is read when first needed; `char_len` and `editorial` are what
    /// the loader found in that text last time.
    pub fn with_text(
        meta: DocumentMeta,
        text: DocumentText,
        char_len: usize,
        heading: Option<String>,
        pages: Vec<PageMarker>,
        editorial: Vec<EditorialSpan>,
    ) -> Document {
        Document {
            meta,
            text,
            char_len,
            heading,
            pages,
            editorial,
            user_added: false,
            styles: Vec::new(),
            page_labels: Vec::new(),
            original: None,
            file_pages: Vec::new(),
            uncertain: Vec::new(),
        }
    }

    /// The same document with its text in memory (a copy when the text was not loaded), for
    /// one pass that reads it without keeping it in the library.
    pub fn loaded_for_a_pass(&self) -> std::borrow::Cow<'_, Document> {
        match self.text.read() {
            std::borrow::Cow::Borrowed(_) => std::borrow::Cow::Borrowed(self),
            std::borrow::Cow::Owned(text) => std::borrow::Cow::Owned(Document {
                text: DocumentText::held(text),
                ..self.clone()
            }),
        }
    }

    /// Byte offset of a char offset (clamped to the end).
    pub fn byte_at(&self, char_offset: usize) -> usize {
        let text = self.text.as_str();
        if char_offset >= self.char_len {
            return text.len();
        }
        let mark = char_offset / CHAR_MARK;
        let from = self.text.marks().get(mark).copied().unwrap_or(0);
        let skip = char_offset - mark * CHAR_MARK;
        text.get(from..)
            .and_then(|rest| rest.char_indices().nth(skip))
            .map_or(text.len(), |(b, _)| from + b)
    }

    /// Its id (`1961-01-21-kudryavtsev-castro`), stable across builds: notes refer to it.
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    /// The working-paper page where the char offset stands (None for user documents).
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        self.pages
            .iter()
            .take_while(|m| m.at <= offset)
            .last()
            .map(|m| m.page)
    }

    /// The page where the char offset stands as the original prints it ("xiv", "14").
    pub fn page_label_at(&self, offset: usize) -> Option<String> {
        let i = self
            .pages
            .iter()
            .take_while(|m| m.at <= offset)
            .count()
            .checked_sub(1)?;
        Some(
            self.page_labels
                .get(i)
                .cloned()
                .unwrap_or_else(|| self.pages[i].page.to_string()),
        )
    }

    /// The pages a char range spans, e.g. (19, 20).
    pub fn page_range(&self, start: usize, end: usize) -> Option<(u32, u32)> {
        let first = self.page_at(start)?;
        let last = self.page_at(end.saturating_sub(1).max(start))?;
        Some((first, last))
    }

    /// Text between two char offsets.
    pub fn slice_chars(&self, start: usize, end: usize) -> String {
        let end = end.max(start);
        self.text[self.byte_at(start)..self.byte_at(end)].to_string()
    }

    /// The word at a char offset, as a char range (Unicode word boundaries, so "Castro’s" and
    /// "1960-61" stay whole); an empty range at the offset if it stands on a space or a mark.
    pub fn word_at(&self, offset: usize) -> (usize, usize) {
        use unicode_segmentation::UnicodeSegmentation;
        let (start, end) = self.paragraph_at(offset);
        let para = self.slice_chars(start, end);
        let mut at = start;
        for piece in para.split_word_bounds() {
            let len = piece.chars().count();
            if offset < at + len {
                return if piece.chars().any(char::is_alphanumeric) {
                    (at, at + len)
                } else {
                    (offset, offset)
                };
            }
            at += len;
        }
        (offset, offset)
    }

    /// The paragraph holding a char offset, as a char range (the last one past the end).
    pub fn paragraph_at(&self, offset: usize) -> (usize, usize) {
        let paragraphs = self.paragraphs();
        paragraphs
            .iter()
            .copied()
            .find(|&(_, end)| offset < end)
            .or(paragraphs.last().copied())
            .unwrap_or((0, 0))
    }

    /// Paragraphs as char ranges (the text separates them with one blank line).
    pub fn paragraphs(&self) -> Vec<(usize, usize)> {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '\n' && chars.get(i + 1) == Some(&'\n') {
                if i > start {
                    out.push((start, i));
                }
                i += 2;
                start = i;
            } else {
                i += 1;
            }
        }
        if chars.len() > start {
            out.push((start, chars.len()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::ArchivalReference;

    #[test]
    fn archival_references_read_and_print_in_both_schemes() {
        let avp = ArchivalReference::parse("AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 120-123.")
            .unwrap();
        assert_eq!(avp.fond, "0104");
        assert_eq!(avp.papka.as_deref(), Some("118"));
        assert_eq!(avp.listy, "120-123");
        assert_eq!(
            avp.normalised(),
            "AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 120-123"
        );
        let nara = ArchivalReference::parse("NARA, RG 59, Box 3, Folder 2").unwrap();
        assert_eq!(nara.record_group.as_deref(), Some("59"));
        assert_eq!(nara.box_no.as_deref(), Some("3"));
        assert_eq!(nara.normalised(), "NARA, RG 59, Box 3, Folder 2");
        assert_eq!(
            ArchivalReference::parse("NARA, Record Group 59").and_then(|r| r.record_group),
            Some("59".into())
        );
        // Free text is not taken for parts.
        assert_eq!(
            ArchivalReference::parse("Castro's papers, somewhere in Havana"),
            None
        );
        assert_eq!(ArchivalReference::parse("AVP RF"), None);
    }
}
