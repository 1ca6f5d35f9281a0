//! Notebook exports: Markdown with Chicago citations (full form the first time a document is
//! cited, short form after), CSV for spreadsheets, W3C Web Annotation JSON-LD, and a clean RON
//! copy. Filters by document and tag.

use super::citation::title_with_date;
use super::cite::Position;
use super::escape::{md_literal, md_literal_keeping, md_note};
use crate::Workspace;
use crate::notes::model::{Annotation, Notebook, Target};
use crate::notes::{AnchorStatus, AnchorText};
use std::collections::{HashMap, HashSet};

use super::web_annotation::printed_page;
pub use super::web_annotation::{document_uri, json_ld, region_label};

/// What a notebook can be exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown with citations.
    Markdown,
    /// CSV.
    Csv,
    /// W3C Web Annotation JSON-LD.
    JsonLd,
    /// The notebook itself.
    Ron,
    /// The documents the notes are on, as CSL-JSON records (Zotero, pandoc, CSL processors).
    CslJson,
    /// The same records as BibLaTeX.
    BibLaTeX,
    /// The same records as classic BibTeX.
    BibTeX,
    /// The same records as RIS, each with its notes (`N1`) and their tags (`KW`).
    Ris,
    /// The annotated documents as one web page to read and print.
    Html,
    /// A folder of Markdown files, one per document, for Obsidian.
    Obsidian,
    /// A REFI-QDA project (`.qdpx`) for QDA tools, its sources written for one of them.
    Qdpx(super::refi::Variant),
    /// The codebook alone as REFI-QDA (`.qdc`).
    Qdc,
    /// The documents with their notes as TEI P5 (stand-off annotations), for editions.
    Tei,
}

impl Format {
    /// Parses a format's name on the command line ("md", "csl-json", "qdpx", "tei", …).
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "jsonld" | "json-ld" | "json" => Some(Format::JsonLd),
            "ron" => Some(Format::Ron),
            "csl-json" | "csljson" | "csl" => Some(Format::CslJson),
            "biblatex" => Some(Format::BibLaTeX),
            "bibtex" | "bib" => Some(Format::BibTeX),
            "ris" => Some(Format::Ris),
            "html" | "htm" => Some(Format::Html),
            "obsidian" => Some(Format::Obsidian),
            "qdpx" | "refi-qda" => Some(Format::Qdpx(super::refi::Variant::Standard)),
            "qdpx-maxqda" => Some(Format::Qdpx(super::refi::Variant::Maxqda)),
            "qdpx-bom" => Some(Format::Qdpx(super::refi::Variant::WithBom)),
            "qdc" => Some(Format::Qdc),
            "tei" | "xml" => Some(Format::Tei),
            _ => None,
        }
    }

    /// Every format, in the order of the window's list.
    pub const ALL: [Format; 15] = [
        Format::Markdown,
        Format::Csv,
        Format::JsonLd,
        Format::Ron,
        Format::CslJson,
        Format::BibLaTeX,
        Format::BibTeX,
        Format::Ris,
        Format::Html,
        Format::Obsidian,
        Format::Tei,
        Format::Qdpx(super::refi::Variant::Standard),
        Format::Qdpx(super::refi::Variant::Maxqda),
        Format::Qdpx(super::refi::Variant::WithBom),
        Format::Qdc,
    ];

    /// How the window's list names it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown with citations (.md)",
            Format::Csv => "CSV for a spreadsheet (.csv)",
            Format::JsonLd => "W3C Web Annotations (.jsonld)",
            Format::Ron => "Reading Room notebook (.ron)",
            Format::CslJson => "The documents as CSL-JSON, for Zotero and pandoc (.json)",
            Format::BibLaTeX => "The documents as BibLaTeX (.bib)",
            Format::BibTeX => "The documents as BibTeX (.bib)",
            Format::Ris => "The documents as RIS, with their notes, for Zotero (.ris)",
            Format::Html => "The annotated documents as a page to read and print (.html)",
            Format::Obsidian => "A Markdown file per document, for Obsidian (a folder)",
            Format::Qdpx(super::refi::Variant::Standard) => {
                "REFI-QDA project for ATLAS.ti, NVivo, QualCoder (.qdpx)"
            }
            Format::Qdpx(super::refi::Variant::Maxqda) => {
                "REFI-QDA project for MAXQDA, CRLF line ends (.qdpx)"
            }
            Format::Qdpx(super::refi::Variant::WithBom) => {
                "REFI-QDA project, sources with a BOM (.qdpx)"
            }
            Format::Qdc => "REFI-QDA codebook: the tags as codes (.qdc)",
            Format::Tei => "TEI P5 edition, the notes in stand-off markup (.xml)",
        }
    }

    /// The file extension it is written with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::JsonLd => "jsonld",
            Format::Ron => "ron",
            Format::CslJson => "json",
            Format::BibLaTeX | Format::BibTeX => "bib",
            Format::Ris => "ris",
            Format::Html => "html",
            Format::Obsidian => "",
            Format::Qdpx(_) => "qdpx",
            Format::Qdc => "qdc",
            Format::Tei => "xml",
        }
    }

    /// Its name on the command line and in the settings ("csl-json").
    pub fn slug(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::JsonLd => "jsonld",
            Format::Ron => "ron",
            Format::CslJson => "csl-json",
            Format::BibLaTeX => "biblatex",
            Format::BibTeX => "bibtex",
            Format::Ris => "ris",
            Format::Html => "html",
            Format::Obsidian => "obsidian",
            Format::Qdpx(super::refi::Variant::Standard) => "qdpx",
            Format::Qdpx(super::refi::Variant::Maxqda) => "qdpx-maxqda",
            Format::Qdpx(super::refi::Variant::WithBom) => "qdpx-bom",
            Format::Qdc => "qdc",
            Format::Tei => "tei",
        }
    }

    /// Whether it writes the documents' records (not the notes themselves).
    pub fn is_bibliography(self) -> bool {
        matches!(
            self,
            Format::CslJson | Format::BibLaTeX | Format::BibTeX | Format::Ris
        )
    }
}

/// One passage of a note as exported: its target, where it stands now (anchored), its page.
pub(super) struct Place<'a> {
    pub(super) target: &'a Target,
    pub(super) doc: Option<usize>,
    pub(super) range: Option<(usize, usize)>,
    pub(super) pages: Option<(u32, u32)>,
}

/// A note as exported, with each of its passages (a note on a pair has two).
pub(super) struct Placed<'a> {
    pub(super) note: &'a Annotation,
    pub(super) places: Vec<Place<'a>>,
}

impl Placed<'_> {
    /// The passage the note is filed under: its first one (it sorts and is headed by it).
    fn first(&self) -> &Place<'_> {
        &self.places[0]
    }
}

/// Is the note selected by the document and tag filters (an empty filter takes all)? A note on
/// several passages is selected by any of their documents; a tag takes the tags under it.
fn selected(nb: &Notebook, a: &Annotation, docs: &[String], tags: &[String]) -> bool {
    (docs.is_empty() || docs.iter().any(|d| a.is_on(d)))
        && (tags.is_empty() || tags.iter().any(|t| nb.has_tag_within(a, t)))
}

/// How many notes the document and tag filters select (what an export will hold).
pub fn selected_count(nb: &Notebook, docs: &[String], tags: &[String]) -> usize {
    nb.annotations
        .iter()
        .filter(|a| selected(nb, a, docs, tags))
        .count()
}

/// The notes selected by document and tag filters, placed in their documents, in corpus order
/// then text order of their first passage (memos last). With a document filter, a note's
/// passages in the chosen documents come first.
pub(super) fn placed<'a>(
    ws: &Workspace,
    nb: &'a Notebook,
    docs: &[String],
    tags: &[String],
) -> Vec<Placed<'a>> {
    let mut prepared: HashMap<&str, AnchorText> = HashMap::new();
    let mut place = |target: &'a Target| {
        let doc = target.doc().and_then(|d| ws.corpus.index_of(d));
        let (range, pages) = match (doc, target) {
            (Some(i), Target::Text { .. }) => {
                let d = &ws.corpus.documents[i];
                let an = prepared
                    .entry(d.id())
                    .or_insert_with(|| AnchorText::new(&d.text))
                    .anchor(target);
                if an.status == AnchorStatus::Orphan {
                    (None, None)
                } else {
                    (Some((an.start, an.end)), d.page_range(an.start, an.end))
                }
            }
            (Some(i), Target::Region { page, .. }) => {
                (None, printed_page(&ws.corpus.documents[i], *page))
            }
            _ => (None, None),
        };
        Place {
            target,
            doc,
            range,
            pages,
        }
    };
    let mut out: Vec<Placed> = nb
        .annotations
        .iter()
        .filter(|a| selected(nb, a, docs, tags))
        .map(|a| {
            let mut places: Vec<Place> = a.targets().map(&mut place).collect();
            let chosen = |p: &Place| {
                docs.is_empty() || p.target.doc().is_some_and(|d| docs.iter().any(|x| x == d))
            };
            // Stable: the note's own order within the chosen and the other passages.
            places.sort_by_key(|p| !chosen(p));
            Placed { note: a, places }
        })
        .collect();
    out.sort_by_key(|p| {
        (
            p.first().doc.unwrap_or(usize::MAX),
            p.first().range.map_or(0, |r| r.0),
        )
    });
    out
}

/// A passage's quote as a Markdown block quote.
fn md_quote(out: &mut String, q: &str) {
    for line in q.lines() {
        out.push_str(&format!("> {}\n", md_literal(line)));
    }
    out.push('\n');
}

/// Markdown grouped by document, each note with its quote, note, tags, author and citation
/// in the chosen style (in a note style, full the first time a document is cited, short
/// after), then the bibliography of the documents cited. A note on several passages is
/// written once, under the document of its first passage, as "On 2 passages:" then each
/// passage's quote with its own citation, then the note.
pub fn markdown(ws: &Workspace, nb: &Notebook, docs: &[String], tags: &[String]) -> String {
    let mut out = String::from("# Notes\n");
    let notes = placed(ws, nb, docs, tags);
    // Every citation of the export, in the order written, in one run (positions, and in
    // author-date styles works of one author and year told apart).
    let order: Vec<(usize, Option<(u32, u32)>)> = notes
        .iter()
        .flat_map(|p| {
            let cited: Vec<&Place> = if p.places.len() > 1 {
                p.places.iter().collect()
            } else {
                vec![p.first()]
            };
            cited
                .into_iter()
                .filter_map(|pl| pl.doc.map(|i| (i, pl.pages)))
        })
        .collect();
    let mut seen = HashSet::new();
    let cited: Vec<usize> = order
        .iter()
        .map(|&(i, _)| i)
        .filter(|i| seen.insert(*i))
        .collect();
    let mut citations = ws.citer.run(ws, &order).into_iter();
    let mut cite = |out: &mut String, place: &Place| {
        let Some(i) = place.doc else { return };
        let d = &ws.corpus.documents[i];
        let citation = citations.next().unwrap_or_default();
        // The processor sets titles in italics with `*`; a citation its owner wrote is literal.
        let citation = if super::cite::cited_as_written(d) {
            md_literal(&citation)
        } else {
            md_literal_keeping(&citation, &['*'])
        };
        out.push_str(&format!("**Source:** {citation}\n"));
    };
    let mut current: Option<Option<usize>> = None;
    let mut placed_tags: HashSet<String> = HashSet::new();
    for p in &notes {
        placed_tags.extend(p.note.tags.iter().cloned());
        if current != Some(p.first().doc) {
            current = Some(p.first().doc);
            match p.first().doc {
                Some(i) => {
                    let d = &ws.corpus.documents[i];
                    out.push_str(&format!("\n## {}\n", md_literal(&title_with_date(d))));
                }
                None => out.push_str("\n## Memos\n"),
            }
        }
        out.push('\n');
        let multi = p.places.len() > 1;
        if multi {
            // Each passage with its own source, then the one note on them all.
            out.push_str(&format!("*On {} passages:*\n\n", p.places.len()));
            for place in &p.places {
                if let Some(q) = place.target.quote() {
                    md_quote(&mut out, q);
                }
                if let Target::Region { page, .. } = place.target {
                    let d = place.doc.map(|i| &ws.corpus.documents[i]);
                    out.push_str(&format!("*{}*\n\n", md_literal(&region_label(d, *page))));
                }
                cite(&mut out, place);
                out.push('\n');
            }
        } else if let Some(q) = p.first().target.quote() {
            md_quote(&mut out, q);
        } else if let Target::Region { page, .. } = p.first().target {
            let d = p.first().doc.map(|i| &ws.corpus.documents[i]);
            out.push_str(&format!("*{}*\n\n", md_literal(&region_label(d, *page))));
        }
        if !p.note.note.is_empty() {
            out.push_str(&format!("{}\n\n", md_note(&p.note.note)));
        }
        let mut meta = Vec::new();
        if !p.note.tags.is_empty() {
            let tags: Vec<String> = p.note.tags.iter().map(|t| md_literal(t)).collect();
            meta.push(format!("Tags: {}", tags.join(", ")));
        }
        if !p.note.author.is_empty() {
            meta.push(format!("Author: {}", md_literal(&p.note.author)));
        }
        if !meta.is_empty() {
            out.push_str(&format!("*{}*\n\n", meta.join(" · ")));
        }
        if !multi {
            cite(&mut out, p.first());
        }
    }
    let entries = ws.citer.bibliography(ws, &cited);
    if !entries.is_empty() {
        out.push_str("\n## Bibliography\n\n");
        for e in entries {
            out.push_str(&format!("- {}\n", md_literal_keeping(&e, &['*'])));
        }
    }
    codebook_appendix(&mut out, nb, &placed_tags);
    out
}

/// The codebook of the tags the export uses (with the tags they are under), as a nested list
/// with each code's definition; nothing when the tags are flat and undefined.
fn codebook_appendix(out: &mut String, nb: &Notebook, used: &HashSet<String>) {
    let wanted = |name: &str| used.contains(name) || used.iter().any(|u| nb.tag_is_under(u, name));
    let rows: Vec<_> = nb
        .tag_tree()
        .into_iter()
        .filter(|r| wanted(&r.tag.name))
        .collect();
    if rows
        .iter()
        .all(|r| r.depth == 0 && r.tag.description.is_empty())
    {
        return;
    }
    out.push_str("\n## Codebook\n\n");
    for r in rows {
        out.push_str(&"  ".repeat(r.depth));
        out.push_str(&format!("- **{}**", md_literal(&r.tag.name)));
        if !r.tag.description.is_empty() {
            let one_line = r
                .tag
                .description
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!(": {}", md_literal(&one_line)));
        }
        out.push('\n');
    }
}

/// CSV: document id, date, title, quote, note, tags, author, page, start, end, created,
/// modified, citation, note id, passage. One row per passage: a note on a pair is two rows with
/// the same note id, "1 of 2" and "2 of 2". Cells a spreadsheet would run as a formula are
/// neutralised.
pub fn csv(ws: &Workspace, nb: &Notebook, docs: &[String], tags: &[String]) -> String {
    use super::escape::csv_cell as neutralise;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "document", "date", "title", "quote", "note", "tags", "author", "page", "start", "end",
        "created", "modified", "citation", "note id", "passage",
    ]);
    for p in placed(ws, nb, docs, tags) {
        let count = p.places.len();
        for (k, place) in p.places.iter().enumerate() {
            let d = place.doc.map(|i| &ws.corpus.documents[i]);
            let page = match place.pages {
                Some((a, b)) if a != b => format!("{a}-{b}"),
                Some((a, _)) => a.to_string(),
                None => String::new(),
            };
            let record = [
                place.target.doc().unwrap_or("").to_string(),
                d.and_then(|d| d.meta.date.as_ref())
                    .map_or(String::new(), |x| x.to_string()),
                d.map_or(String::new(), |d| d.meta.title.clone()),
                place.target.quote().unwrap_or("").to_string(),
                p.note.note.clone(),
                p.note.tags.join("; "),
                p.note.author.clone(),
                page,
                place.range.map_or(String::new(), |r| r.0.to_string()),
                place.range.map_or(String::new(), |r| r.1.to_string()),
                p.note.created.clone(),
                p.note.modified.clone(),
                d.map_or(String::new(), |d| {
                    super::citation::plain_text(&ws.citer.cite(ws, d, place.pages, Position::First))
                }),
                p.note.id.clone(),
                format!("{} of {count}", k + 1),
            ];
            let _ = w.write_record(record.iter().map(|c| neutralise(c)));
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The notebook itself (only the selected notes, with all tags), as RON.
pub fn ron(ws: &Workspace, nb: &Notebook, docs: &[String], tags: &[String]) -> String {
    let keep: HashSet<&str> = placed(ws, nb, docs, tags)
        .iter()
        .map(|p| p.note.id.as_str())
        .collect();
    let mut copy = nb.clone();
    copy.annotations.retain(|a| keep.contains(a.id.as_str()));
    copy.trash.clear();
    crate::notes::store::to_text(&copy)
}

/// Exports in a format.
pub fn export(
    ws: &Workspace,
    nb: &Notebook,
    format: Format,
    docs: &[String],
    tags: &[String],
) -> String {
    match format {
        Format::Markdown => markdown(ws, nb, docs, tags),
        Format::Csv => csv(ws, nb, docs, tags),
        Format::JsonLd => json_ld(ws, nb, docs, tags),
        Format::Ron => ron(ws, nb, docs, tags),
        Format::CslJson | Format::BibLaTeX | Format::BibTeX | Format::Ris => {
            bibliography(ws, nb, format, docs, tags)
        }
        Format::Html => super::html::annotated(ws, nb, docs, tags),
        // A folder: its files one after another (`write` puts each in its own file).
        Format::Obsidian => super::obsidian::vault(ws, nb, docs, tags)
            .into_iter()
            .map(|(name, text)| format!("<!-- {name} -->\n{text}"))
            .collect(),
        // A ZIP is not text: its project document (`write` writes the whole `.qdpx`).
        Format::Qdpx(variant) => super::refi::project(ws, nb, docs, tags, variant).qde,
        Format::Qdc => super::refi::codebook(nb),
        Format::Tei => super::tei::tei(ws, nb, docs, tags),
    }
}

/// Writes an export to `out`: a file, or for Obsidian a folder of files; never onto the
/// notebook (`notebook`).
pub fn write(
    ws: &Workspace,
    nb: &Notebook,
    format: Format,
    docs: &[String],
    tags: &[String],
    out: &std::path::Path,
    notebook: Option<&std::path::Path>,
) -> Result<(), String> {
    match format {
        Format::Obsidian => {
            super::obsidian::write_vault(out, &super::obsidian::vault(ws, nb, docs, tags), notebook)
        }
        Format::Qdpx(variant) => super::refi::write_qdpx(
            out,
            &super::refi::project(ws, nb, docs, tags, variant),
            notebook,
        ),
        _ => super::write_export(out, &export(ws, nb, format, docs, tags), notebook),
    }
}

/// The documents of placed notes and of a document filter, in the library's order.
pub(super) fn documents_of(ws: &Workspace, notes: &[Placed<'_>], docs: &[String]) -> Vec<usize> {
    let mut on: Vec<usize> = notes
        .iter()
        .flat_map(|p| p.places.iter().filter_map(|pl| pl.doc))
        .chain(docs.iter().filter_map(|d| ws.corpus.index_of(d)))
        .collect();
    on.sort_unstable();
    on.dedup();
    on
}

/// How many records a bibliographic export of these notes and documents writes (the paper
/// once for all of its documents).
pub fn record_count(ws: &Workspace, nb: &Notebook, docs: &[String], tags: &[String]) -> usize {
    let on = documents_of(ws, &placed(ws, nb, docs, tags), docs);
    super::bibliography::items(ws, &on).len()
}

/// The documents of the selected notes (and those the document filter names, notes or not),
/// in the library's order, as records; RIS carries each document's notes.
fn bibliography(
    ws: &Workspace,
    nb: &Notebook,
    format: Format,
    docs: &[String],
    tags: &[String],
) -> String {
    use super::bibliography::{csl_json, items, key_of};
    let notes = placed(ws, nb, docs, tags);
    let records = items(ws, &documents_of(ws, &notes, docs));
    match format {
        Format::CslJson => csl_json(&records),
        Format::BibLaTeX => super::bibtex::bib(&records, super::bibtex::Dialect::BibLaTeX),
        Format::BibTeX => super::bibtex::bib(&records, super::bibtex::Dialect::BibTeX),
        _ => {
            let mut attached: HashMap<String, Vec<super::ris::AttachedNote>> = HashMap::new();
            for p in &notes {
                for place in &p.places {
                    let Some(i) = place.doc else { continue };
                    let d = &ws.corpus.documents[i];
                    let page = place
                        .pages
                        .map(|(a, b)| {
                            if a == b {
                                format!(" (p. {a})")
                            } else {
                                format!(" (pp. {a}\u{2013}{b})")
                            }
                        })
                        .unwrap_or_default();
                    let quote = place
                        .target
                        .quote()
                        .map_or(String::new(), |q| format!("“{q}”{page}"));
                    let text = [quote, p.note.note.clone()]
                        .into_iter()
                        .filter(|s| !s.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join("\n\n");
                    attached
                        .entry(key_of(d))
                        .or_default()
                        .push(super::ris::AttachedNote {
                            text,
                            tags: p.note.tags.clone(),
                        });
                }
            }
            super::ris::ris(&records, &attached)
        }
    }
}
