//! REFI-QDA, the exchange format of QDA tools (ATLAS.ti, MAXQDA, NVivo, QualCoder…): a
//! project (`.qdpx`: a ZIP of `project.qde` in `urn:QDA-XML:project:1.0` and `Sources/`) or a
//! codebook alone (`.qdc`).
//!
//! - tags are codes, with their colours, definitions and the codebook's hierarchy;
//! - each document a note is on is a plain-text source (`Sources/GUID.txt`), its metadata as
//!   variables (kind, date, archive, archival reference, author, collection);
//! - each note's passage is a `PlainTextSelection` coded with the note's tags, pointing at the
//!   note (a `Note` with its text); memos are notes of the project;
//! - note authors are users;
//! - a document with notes on regions of its pages is a `PDFSource` (its PDF original in
//!   `Sources/`) with a `PDFSelection` per region (page from 1; corners in points from the page's
//!   lower left, the top left first) and its text as the source's `Representation`.
//!
//! Offsets are code points into exactly the text written to `Sources/`. Tools disagree on
//! line ends and a BOM: [`Variant`] writes what each expects, and offsets follow the text
//! written (with CRLF, every line end counts two). GUIDs are derived from what they name, so
//! exporting twice gives the same GUIDs.

use super::notebook::{Placed, documents_of, placed};
use crate::Workspace;
use crate::corpus::Document;
use crate::notes::model::{Annotation, Notebook, RegionSelector, Target};
use std::collections::HashMap;
use std::io::Write;

/// The plain text the sources are written as, for the tool that will read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    /// UTF-8, LF line ends, no BOM: REFI-QDA's own (ATLAS.ti, NVivo, QualCoder read it).
    #[default]
    Standard,
    /// CRLF line ends, no BOM: what MAXQDA counts in (with LF its codes shift by a line end).
    Maxqda,
    /// A BOM, then LF line ends: as QualCoder writes its own sources (the BOM is not counted).
    WithBom,
}

impl Variant {
    /// Every variant, in the order of the window's list.
    pub const ALL: [Variant; 3] = [Variant::Standard, Variant::Maxqda, Variant::WithBom];

    /// How the window names it.
    pub fn label(self) -> &'static str {
        match self {
            Variant::Standard => "standard (UTF-8, LF): ATLAS.ti, NVivo, QualCoder",
            Variant::Maxqda => "for MAXQDA (CRLF line ends)",
            Variant::WithBom => "with a BOM (as QualCoder writes)",
        }
    }

    /// Its name on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            Variant::Standard => "standard",
            Variant::Maxqda => "maxqda",
            Variant::WithBom => "bom",
        }
    }

    /// Reads a name.
    pub fn parse(s: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.slug() == s)
    }

    /// The text as written to `Sources/` (without the BOM, which is prepended to the bytes).
    fn text(self, text: &str) -> String {
        match self {
            Variant::Maxqda => text.replace("\r\n", "\n").replace('\n', "\r\n"),
            _ => text.to_string(),
        }
    }

    /// A char offset of the original text as a code point offset of the written text.
    fn offset(self, text: &[char], at: usize) -> usize {
        match self {
            Variant::Maxqda => {
                at + text[..at.min(text.len())]
                    .iter()
                    .filter(|c| **c == '\n')
                    .count()
            }
            _ => at,
        }
    }
}

/// A GUID derived from a name (stable from one export to the next), as REFI-QDA's pattern wants
/// it (`xxxxxxxx-xxxx-5xxx-8xxx-xxxxxxxxxxxx`).
pub fn guid(kind: &str, name: &str) -> String {
    let h = xxhash_rust::xxh3::xxh3_128(format!("readingroom:{kind}:{name}").as_bytes());
    let mut b = h.to_be_bytes();
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Text with XML's special characters escaped (attributes and content alike); characters XML
/// cannot carry are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `#rrggbb` when the stored colour is one.
fn colour(stored: &str) -> Option<String> {
    (stored.len() == 7
        && stored.starts_with('#')
        && stored[1..].chars().all(|c| c.is_ascii_hexdigit()))
    .then(|| stored.to_ascii_uppercase())
}

/// A timestamp as `xsd:dateTime` wants it (the notes' RFC 3339 stamps already are).
fn date_time(stamp: &str) -> Option<&str> {
    let ok = stamp.len() >= 20
        && stamp.as_bytes().get(4) == Some(&b'-')
        && stamp.as_bytes().get(10) == Some(&b'T');
    ok.then_some(stamp)
}

/// The codes: one per tag, nested as in the codebook (its tree, which shows every tag once even
/// in a damaged file whose parents go round in a circle).
fn codes(nb: &Notebook, out: &mut String) {
    out.push_str("<Codes>\n");
    let mut open = 0usize;
    for row in nb.tag_tree() {
        while open > row.depth {
            out.push_str("</Code>\n");
            open -= 1;
        }
        let t = row.tag;
        let c = colour(nb.tag_colour(&t.name).unwrap_or(""))
            .map_or(String::new(), |c| format!(" color=\"{c}\""));
        out.push_str(&format!(
            "<Code guid=\"{}\" name=\"{}\" isCodable=\"true\"{c}>",
            guid("code", &t.name),
            xml(&t.name)
        ));
        if !t.description.is_empty() {
            out.push_str(&format!(
                "<Description>{}</Description>",
                xml(&t.description)
            ));
        }
        open = row.depth + 1;
    }
    for _ in 0..open {
        out.push_str("</Code>\n");
    }
    out.push_str("</Codes>\n");
}

/// The codebook alone (`.qdc`).
pub fn codebook(nb: &Notebook) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Reading Room\">\n",
    );
    codes(nb, &mut out);
    out.push_str("</CodeBook>\n");
    out
}

/// What a project holds: `project.qde`, then each source's file name and bytes.
pub struct Project {
    /// The project document.
    pub qde: String,
    /// `Sources/…` files.
    pub sources: Vec<(String, Vec<u8>)>,
}

/// The variables every source carries.
const VARIABLES: [&str; 6] = [
    "kind",
    "date",
    "archive",
    "archival reference",
    "author",
    "collection",
];

fn variable_values(ws: &Workspace, doc: &Document) -> Vec<(&'static str, String)> {
    let m = &doc.meta;
    let archival = m.archival.as_ref();
    let values = [
        ("kind", Some(m.kind.label().to_string())),
        ("date", m.date.as_ref().map(|d| d.as_str().to_string())),
        ("archive", archival.map(|a| a.archive.clone())),
        (
            "archival reference",
            archival
                .map(|a| a.normalised())
                .or(m.citation_verbatim.clone()),
        ),
        (
            "author",
            m.author.as_deref().map(|a| ws.person_name(a).to_string()),
        ),
        (
            "collection",
            m.collection
                .clone()
                .or(m.part.map(|p| p.label().to_string())),
        ),
    ];
    values
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (k, v)))
        .collect()
}

/// The project of the selected notes and the documents they are on.
pub fn project(
    ws: &Workspace,
    nb: &Notebook,
    docs: &[String],
    tags: &[String],
    variant: Variant,
) -> Project {
    let notes = placed(ws, nb, docs, tags);
    let on = documents_of(ws, &notes, docs);
    let now = crate::notes::model::now_rfc3339();
    let mut users: Vec<&str> = notes
        .iter()
        .map(|p| p.note.author.as_str())
        .filter(|a| !a.is_empty())
        .collect();
    users.sort_unstable();
    users.dedup();
    let user = |name: &str| (!name.is_empty()).then(|| guid("user", name));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Reading Room notes\" origin=\"Reading Room {}\" creationDateTime=\"{}\">\n",
        env!("CARGO_PKG_VERSION"),
        xml(&now)
    );
    if !users.is_empty() {
        out.push_str("<Users>\n");
        for u in &users {
            out.push_str(&format!(
                "<User guid=\"{}\" name=\"{}\"/>\n",
                guid("user", u),
                xml(u)
            ));
        }
        out.push_str("</Users>\n");
    }
    if !nb.tags.is_empty() {
        out.push_str("<CodeBook>\n");
        codes(nb, &mut out);
        out.push_str("</CodeBook>\n");
    }
    out.push_str("<Variables>\n");
    for v in VARIABLES {
        out.push_str(&format!(
            "<Variable guid=\"{}\" name=\"{}\" typeOfVariable=\"Text\"/>\n",
            guid("variable", v),
            xml(v)
        ));
    }
    out.push_str("</Variables>\n");
    // Each note's passages, and regions of pages, by document.
    let mut by_doc: HashMap<usize, Vec<(&Placed, usize, usize)>> = HashMap::new();
    let mut regions: HashMap<usize, Vec<(&Placed, u32, RegionSelector)>> = HashMap::new();
    for p in &notes {
        for place in &p.places {
            if let (Some(d), Some((s, e))) = (place.doc, place.range) {
                by_doc.entry(d).or_default().push((p, s, e));
            }
            if let (Some(d), Target::Region { page, region, .. }) = (place.doc, place.target) {
                regions.entry(d).or_default().push((p, *page, *region));
            }
        }
    }
    let mut sources = Vec::new();
    out.push_str("<Sources>\n");
    for &i in &on {
        let doc = &ws.corpus.documents[i];
        let source = guid("source", doc.id());
        let text = doc.text.read();
        let chars: Vec<char> = text.chars().collect();
        let written = variant.text(&text);
        let mut bytes = Vec::with_capacity(written.len() + 3);
        if variant == Variant::WithBom {
            bytes.extend_from_slice("\u{feff}".as_bytes());
        }
        bytes.extend_from_slice(written.as_bytes());
        sources.push((format!("Sources/{source}.txt"), bytes));
        let description = xml(&super::citation::plain_text(&ws.citer.cite(
            ws,
            doc,
            None,
            super::cite::Position::First,
        )));
        // A document with notes on regions of its pages is its PDF, the regions PDFSelections
        // on it, the text its Representation (where the passages are).
        let pdf = regions.remove(&i).and_then(|r| Some((pdf_source(doc)?, r)));
        let as_pdf = pdf.is_some();
        if let Some(((pdf_bytes, sizes), here)) = pdf {
            let pdf_guid = guid("pdf", doc.id());
            sources.push((format!("Sources/{pdf_guid}.pdf"), pdf_bytes));
            out.push_str(&format!(
                "<PDFSource guid=\"{pdf_guid}\" name=\"{}\" path=\"internal://{pdf_guid}.pdf\">\n<Description>{description}</Description>\n",
                xml(&doc.meta.title),
            ));
            for (p, page, region) in here {
                let Some(&(w, h)) = page.checked_sub(1).and_then(|k| sizes.get(k as usize)) else {
                    continue;
                };
                let a = p.note;
                let [x0, y0, x1, y1] = region.fractions();
                let selection = guid(
                    "selection",
                    &format!("{}:{}:p{page}:{}", a.id, doc.id(), region.media_fragment()),
                );
                let by =
                    user(&a.author).map_or(String::new(), |g| format!(" creatingUser=\"{g}\""));
                let when = date_time(&a.created).map_or(String::new(), |t| {
                    format!(" creationDateTime=\"{}\"", xml(t))
                });
                // Points from the page's lower left corner, as PDF measures them: the top left
                // corner first, the bottom right second.
                out.push_str(&format!(
                    "<PDFSelection guid=\"{selection}\" name=\"{}\" page=\"{page}\" firstX=\"{}\" firstY=\"{}\" secondX=\"{}\" secondY=\"{}\"{by}{when}>\n",
                    xml(&super::notebook::region_label(Some(doc), page)),
                    (x0 * w).round() as i64,
                    ((1.0 - y0) * h).round() as i64,
                    (x1 * w).round() as i64,
                    ((1.0 - y1) * h).round() as i64,
                ));
                codings_and_note(&mut out, a, &selection, &by);
                out.push_str("</PDFSelection>\n");
            }
            out.push_str(&format!(
                "<Representation guid=\"{source}\" name=\"{}\" plainTextPath=\"internal://{source}.txt\">\n",
                xml(&doc.meta.title),
            ));
        } else {
            out.push_str(&format!(
                "<TextSource guid=\"{source}\" name=\"{}\" plainTextPath=\"internal://{source}.txt\">\n<Description>{description}</Description>\n",
                xml(&doc.meta.title),
            ));
        }
        let mut here = by_doc.remove(&i).unwrap_or_default();
        here.sort_by_key(|(p, s, _)| (*s, p.note.id.clone()));
        for (p, s, e) in here {
            let a = p.note;
            let selection = guid("selection", &format!("{}:{}:{s}:{e}", a.id, doc.id()));
            let by = user(&a.author).map_or(String::new(), |g| format!(" creatingUser=\"{g}\""));
            let when = date_time(&a.created).map_or(String::new(), |t| {
                format!(" creationDateTime=\"{}\"", xml(t))
            });
            let name: String = chars[s.min(chars.len())..e.min(chars.len())]
                .iter()
                .take(60)
                .collect();
            out.push_str(&format!(
                "<PlainTextSelection guid=\"{selection}\" name=\"{}\" startPosition=\"{}\" endPosition=\"{}\"{by}{when}>\n",
                xml(&name),
                variant.offset(&chars, s),
                variant.offset(&chars, e)
            ));
            codings_and_note(&mut out, a, &selection, &by);
            out.push_str("</PlainTextSelection>\n");
        }
        if as_pdf {
            out.push_str("</Representation>\n");
        }
        for (name, value) in variable_values(ws, doc) {
            out.push_str(&format!(
                "<VariableValue><VariableRef targetGUID=\"{}\"/><TextValue>{}</TextValue></VariableValue>\n",
                guid("variable", name),
                xml(&value)
            ));
        }
        out.push_str(if as_pdf {
            "</PDFSource>\n"
        } else {
            "</TextSource>\n"
        });
    }
    out.push_str("</Sources>\n");
    // The notes' texts (and memos, tied to no passage).
    let with_text: Vec<&Placed> = notes
        .iter()
        .filter(|p| !p.note.note.trim().is_empty())
        .collect();
    if !with_text.is_empty() {
        out.push_str("<Notes>\n");
        for p in with_text {
            let a = p.note;
            let by = user(&a.author).map_or(String::new(), |g| format!(" creatingUser=\"{g}\""));
            let when = date_time(&a.created).map_or(String::new(), |t| {
                format!(" creationDateTime=\"{}\"", xml(t))
            });
            let name: String = a.note.chars().take(60).collect();
            out.push_str(&format!(
                "<Note guid=\"{}\" name=\"{}\"{by}{when}><PlainTextContent>{}</PlainTextContent></Note>\n",
                guid("note", &a.id),
                xml(name.lines().next().unwrap_or("")),
                xml(&a.note)
            ));
        }
        out.push_str("</Notes>\n");
    }
    out.push_str("<Description>Notes exported from Reading Room, with the documents they are on.</Description>\n</Project>\n");
    Project { qde: out, sources }
}

/// A selection's codes (the note's tags) and its note.
fn codings_and_note(out: &mut String, a: &Annotation, selection: &str, by: &str) {
    for t in &a.tags {
        out.push_str(&format!(
            "<Coding guid=\"{}\"{by}><CodeRef targetGUID=\"{}\"/></Coding>\n",
            guid("coding", &format!("{selection}:{t}")),
            guid("code", t)
        ));
    }
    if !a.note.trim().is_empty() {
        out.push_str(&format!(
            "<NoteRef targetGUID=\"{}\"/>\n",
            guid("note", &a.id)
        ));
    }
}

/// Largest original PDF put in a project.
const MAX_PDF_BYTES: u64 = 256 * 1024 * 1024;

/// A PDF's bytes and the sizes of its pages, in points.
type PdfWithSizes = (Vec<u8>, Vec<(f32, f32)>);

/// A document's PDF original and its pages' sizes in points, if it has a readable one.
fn pdf_source(doc: &Document) -> Option<PdfWithSizes> {
    let file = crate::facsimile::pdf_original(doc)?;
    let bytes = crate::files::read_regular(file, MAX_PDF_BYTES).ok()?;
    // The original was imported through the isolated extractor; its page sizes are read here,
    // a panic in the reader caught.
    let sizes = std::panic::catch_unwind(|| crate::facsimile::render::page_sizes(&bytes))
        .ok()?
        .ok()?;
    Some((bytes, sizes))
}

/// The project as `.qdpx` bytes (a ZIP).
pub fn qdpx(project: &Project) -> Result<Vec<u8>, String> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut put = |name: &str, bytes: &[u8]| -> Result<(), String> {
            w.start_file(name, opts).map_err(|e| e.to_string())?;
            w.write_all(bytes).map_err(|e| e.to_string())
        };
        put("project.qde", project.qde.as_bytes())?;
        for (name, bytes) in &project.sources {
            put(name, bytes)?;
        }
        w.finish().map_err(|e| e.to_string())?;
    }
    Ok(buf.into_inner())
}

/// Writes a `.qdpx` project (atomically, never onto the notebook).
pub fn write_qdpx(
    out: &std::path::Path,
    project: &Project,
    notebook: Option<&std::path::Path>,
) -> Result<(), String> {
    if let Some(nb) = notebook
        && super::is_same_destination(out, nb)
    {
        return Err(format!(
            "{}: that is the notebook itself; choose another file (the notebook was not touched)",
            out.display()
        ));
    }
    crate::files::write_atomic(out, &qdpx(project)?, crate::files::NewFileMode::SHARED)
        .map_err(|e| format!("{}: {e}", out.display()))
}
