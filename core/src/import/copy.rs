//! A copy of one of the paper's documents for the researcher to edit: its text, pages and
//! footnotes as the paper gives them, stored like an imported document (the paper's text is
//! kept as its "original"), with its details editable. The paper's own document stays as it
//! was, with its notes.

use super::store::{ImportBatch, ImportRecord, content_hash, documents_dir, write_document};
use super::{Extracted, NoteAt, PageStart};
use crate::corpus::{Document, Footnote};
use std::path::Path;

/// The collection copies are put in.
pub const COPIES: &str = "Your copies of Working Paper #90";

/// Copies one of the paper's documents into the researcher's documents, with these people
/// present (the roles the paper's document gives) and `citation` as its citation (the paper's
/// document as cited in the chosen style: see [`citation_of_copy`]); people are written by
/// name, so the copy's details read as the researcher would type them. Returns the copy's id.
pub fn copy_paper_document(
    data_dir: &Path,
    doc: &Document,
    footnotes: &[Footnote],
    present: Vec<String>,
    registry: &crate::people::Registry,
    taken: &mut super::store::Ids,
    citation: &str,
) -> Result<String, String> {
    if doc.user_added {
        return Err(format!(
            "{} is one of your documents already: edit it directly",
            doc.meta.title
        ));
    }
    let dir = documents_dir(data_dir);
    for sub in ["", "originals", "imports"] {
        crate::files::create_private_dir(&dir.join(sub))
            .map_err(|e| format!("{}: cannot be created: {e}", dir.join(sub).display()))?;
    }
    let text = doc.text.read().into_owned();
    let now = time::OffsetDateTime::now_utc();
    let stamp = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    // Every copy is its own (a second copy is not a duplicate of the first).
    let hash = content_hash(
        format!("{}\n{}\n{}", doc.meta.id, now.unix_timestamp_nanos(), text).as_bytes(),
    );
    let mode = crate::files::NewFileMode(0o600);
    let original_rel = format!("originals/{hash}.txt");
    crate::files::create_new_atomic(&dir.join(&original_rel), text.as_bytes(), mode).map_err(
        |e| {
            format!(
                "{}: cannot be written: {e}",
                dir.join(&original_rel).display()
            )
        },
    )?;
    let extracted = Extracted {
        text,
        pages: doc
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| PageStart {
                at: p.at,
                index: i as u32 + 1,
                label: p.page.to_string(),
            })
            .collect(),
        styles: doc.styles.clone(),
        notes: footnotes
            .iter()
            .filter(|f| f.doc == doc.meta.id)
            .map(|f| NoteAt {
                mark: f.number.to_string(),
                at: f.at,
                text: f.text.clone(),
            })
            .collect(),
        ..Extracted::default()
    };
    let record = ImportRecord {
        file_name: format!("{} (Working Paper #90)", doc.meta.id),
        original: original_rel,
        content_hash: hash.clone(),
        importer: "working-paper-copy".into(),
        importer_version: 1,
        imported_at: stamp,
        part: 0,
        repairs: Vec::new(),
    };
    let mut meta = doc.meta.clone();
    meta.citation_verbatim = Some(citation.trim_end_matches('.').to_string());
    meta.title = format!("{} (your copy)", doc.meta.title);
    meta.short_title = format!("{} (copy)", doc.meta.short_title);
    meta.part = None;
    meta.anomalies.clear();
    meta.source_lines = None;
    meta.collection = Some(COPIES.to_string());
    let name = |id: &Option<String>| {
        id.as_deref().map(|p| {
            registry
                .get(p)
                .map_or(p, |person| person.name.as_str())
                .to_string()
        })
    };
    meta.author = name(&doc.meta.author);
    meta.recorder = name(&doc.meta.recorder);
    meta.addressee = name(&doc.meta.addressee);
    meta.present = present
        .iter()
        .map(|p| name(&Some(p.clone())).unwrap_or_default())
        .collect();
    let base = format!("my-{}", doc.meta.id);
    let id = write_document(&dir, &base, taken, &meta, &extracted, record, mode)?;
    taken.insert(id.clone());
    let batch = ImportBatch {
        file_name: format!("{} (Working Paper #90)", doc.meta.id),
        content_hash: hash.clone(),
        importer: "working-paper-copy".into(),
        documents: vec![id.clone()],
    };
    let ron = ron::ser::to_string_pretty(&batch, ron::ser::PrettyConfig::new())
        .map_err(|e| e.to_string())?;
    let batch_file = dir.join("imports").join(format!("{hash}.ron"));
    crate::files::create_new_atomic(&batch_file, ron.as_bytes(), mode)
        .map_err(|e| format!("{}: cannot be written: {e}", batch_file.display()))?;
    Ok(id)
}

/// How a copy of a paper's document is cited: as the paper's document (without its own link),
/// as a full Chicago note (a citation in words, which the researcher may edit), with no page
/// (the copy's pages are added where it is cited).
pub fn citation_of_copy(ws: &crate::Workspace, doc: &Document) -> String {
    use crate::export::cite::{CitationSettings, CitationStyle, Citer};
    let cited = Document {
        meta: crate::corpus::DocumentMeta {
            url: None,
            ..doc.meta.clone()
        },
        ..doc.clone()
    };
    let chicago = Citer::new(CitationSettings {
        style: CitationStyle::ChicagoNotes,
        paper: ws.citer.settings().paper.clone(),
    });
    crate::export::citation::plain_text(&chicago.cite(
        ws,
        &cited,
        None,
        crate::export::cite::Position::First,
    ))
}
