//! Where imported documents are kept, and how an import is made safe: in the data directory's
//! `documents/` folder, beside the documents added as text.
//!
//! - `originals/<hash>.<ext>`: the file as it was imported (never more readable than it was),
//!   so it can be opened and imported again with a better extractor.
//! - `<id>.txt`, `<id>.ron`: each document's text and metadata, as for any user document.
//! - `<id>.layout.ron`: what the importer found beside the text (pages with their labels,
//!   styles, footnotes, tagged names) and how it was made ([`ImportRecord`]).
//! - `imports/<hash>.ron`: the import of one file, written last. Until it is there the
//!   file's documents are not loaded, so a crash or a Cancel never leaves half a file
//!   imported; the next import of the same file clears what was left.
//! - `../people.ron` (in the data directory): people the imported files listed who were not
//!   in the registry (FRUS persons, TEI `listPerson`).

use super::isolated::{Extraction, read_for_import};
use super::{Extracted, ImportError, NoteAt, PageStart, TaggedName};
use crate::corpus::model::{DocDate, DocumentMeta, Kind, StyleSpan};
use crate::people::{Person, Registry};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How a document's text was made, kept with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// The file's name when it was imported.
    pub file_name: String,
    /// The kept copy, relative to `documents/`.
    pub original: String,
    /// The file's content hash (xxh3-128, hex).
    pub content_hash: String,
    /// The importer's name and version.
    pub importer: String,
    /// The importer's version.
    pub importer_version: u32,
    /// When (UTC, RFC 3339).
    pub imported_at: String,
    /// Which document of the file this is, from 0.
    pub part: usize,
    /// What was changed on the way in.
    #[serde(default)]
    pub repairs: Vec<String>,
}

/// What the importer found beside a document's text (`<id>.layout.ron`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedLayout {
    /// How it was made.
    pub import: ImportRecord,
    /// Pages of the original.
    #[serde(default)]
    pub pages: Vec<PageStart>,
    /// Formatting.
    #[serde(default)]
    pub styles: Vec<StyleSpan>,
    /// Footnotes and endnotes.
    #[serde(default)]
    pub notes: Vec<NoteAt>,
    /// Names the file tagged, with the registry id they were matched to.
    #[serde(default)]
    pub names: Vec<TaggedName>,
    /// Words the OCR was unsure of (char ranges), to be checked against the original.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncertain: Vec<(usize, usize)>,
}

/// One finished import (`imports/<hash>.ron`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportBatch {
    /// The file's name.
    pub file_name: String,
    /// Its content hash.
    pub content_hash: String,
    /// The importer.
    pub importer: String,
    /// The documents it made, in file order.
    pub documents: Vec<String>,
}

/// The document ids in use (the library's, and those an import has just taken).
pub type Ids = std::collections::HashSet<String>;

/// What to do with the files.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// Put the documents in this collection.
    pub collection: Option<String>,
    /// Use this title (for a file that holds one document).
    pub title: Option<String>,
    /// Use this date (for a file that holds one document).
    pub date: Option<DocDate>,
    /// Cite it this way (for a file that holds one document).
    pub citation: Option<String>,
    /// People present, besides those the file lists.
    pub present: Vec<String>,
    /// Its kind (a user document unless said).
    pub kind: Option<Kind>,
    /// Its author (for a file that holds one document).
    pub author: Option<String>,
    /// Where it is online (for a file that holds one document).
    pub url: Option<String>,
    /// How to run the extractors.
    pub extraction: Extraction,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions {
            collection: None,
            title: None,
            date: None,
            citation: None,
            present: Vec::new(),
            kind: None,
            author: None,
            url: None,
            extraction: Extraction::isolated(),
        }
    }
}

/// A document an import added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// How many pages of the original it spans.
    pub pages: usize,
    /// The file it came from.
    pub source_file: PathBuf,
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    /// Its documents were added.
    Added(Vec<Added>),
    /// The same content was imported before, as these documents.
    Duplicate(Vec<String>),
    /// It was not imported, and why.
    Refused(ImportError),
}

/// The documents folder of a data directory.
pub fn documents_dir(data_dir: &Path) -> PathBuf {
    crate::corpus::user::user_dir(data_dir)
}

/// The researcher's own additions to the people registry ([`crate::people::yours`]).
pub fn user_people_file(data_dir: &Path) -> PathBuf {
    crate::people::yours::file_in(data_dir)
}

/// The content hash recorded for a file.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

fn refused(e: impl Into<String>) -> FileOutcome {
    FileOutcome::Refused(ImportError::Damaged(e.into()))
}

/// Imports one file into the data directory; `taken` holds the ids in use (the new ones are
/// added to it) and `registry` the people known (people the file lists and the registry does
/// not know are added to the researcher's people file).
pub fn import_file(
    data_dir: &Path,
    file: &Path,
    options: &ImportOptions,
    taken: &mut Ids,
    registry: &Registry,
) -> FileOutcome {
    let dir = documents_dir(data_dir);
    if let (Ok(own), Ok(this)) = (dir.canonicalize(), file.canonicalize())
        && this.starts_with(&own)
    {
        return refused(format!(
            "this file is one of Reading Room's own (in {}); import the original instead",
            own.display()
        ));
    }
    let bytes = match read_for_import(file) {
        Ok(b) => b,
        Err(e) => return FileOutcome::Refused(e),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(importer) = super::importer_for(&name, &bytes) else {
        let ext = file
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_else(|| "no extension".into());
        return FileOutcome::Refused(ImportError::UnknownFormat(ext));
    };
    let hash = content_hash(&bytes);
    let batch_file = dir.join("imports").join(format!("{hash}.ron"));
    if let Some(batch) = read_batch(&batch_file) {
        return FileOutcome::Duplicate(batch.documents);
    }
    for sub in ["", "originals", "imports"] {
        if let Err(e) = crate::files::create_private_dir(&dir.join(sub)) {
            return refused(format!(
                "{}: cannot be created: {e}",
                dir.join(sub).display()
            ));
        }
    }
    // One import of a content at a time, across windows and processes (the lock goes with the
    // process, so a crash leaves none behind).
    let lock_path = dir.join("imports").join(format!("{hash}.lock"));
    let lock = match std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
    {
        Ok(f) => f,
        Err(e) => return refused(format!("{}: cannot be created: {e}", lock_path.display())),
    };
    if let Err(e) = lock.lock() {
        return refused(format!("{}: cannot be locked: {e}", lock_path.display()));
    }
    if let Some(batch) = read_batch(&batch_file) {
        return FileOutcome::Duplicate(batch.documents);
    }
    let ext = importer.extensions().first().copied().unwrap_or("bin");
    let original_rel = format!("originals/{hash}.{ext}");
    let original = dir.join(&original_rel);
    let mode = source_mode(file);
    let copied = match crate::files::create_new_atomic(&original, &bytes, mode) {
        Ok(created) => created,
        Err(e) => return refused(format!("{}: cannot be written: {e}", original.display())),
    };
    remove_unfinished(&dir, &hash);
    let docs = match options.extraction.extract(importer.name(), &original) {
        Ok(d) => d,
        Err(e) => {
            if copied {
                let _ = std::fs::remove_file(&original);
            }
            return FileOutcome::Refused(e);
        }
    };
    let mut people = UserPeople::load(data_dir, registry);
    let stem = crate::corpus::user::slug(
        &Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let single = docs.len() == 1;
    // Where each word stands on the pages of a PDF (for the facsimile), read once for the file;
    // a file whose glyphs cannot be read is imported all the same, without them.
    let glyphs = (importer.name() == "pdf")
        .then(|| {
            crate::facsimile::worker::Runner::for_extraction(&options.extraction)
                .glyphs(&original)
                .ok()
        })
        .flatten();
    let mut added = Vec::new();
    for (part, doc) in docs.into_iter().enumerate() {
        let record = ImportRecord {
            file_name: name.clone(),
            original: original_rel.clone(),
            content_hash: hash.clone(),
            importer: importer.name().to_string(),
            importer_version: importer.version(),
            imported_at: now.clone(),
            part,
            repairs: doc.repairs.clone(),
        };
        let title = match (&options.title, single) {
            (Some(t), true) if !t.trim().is_empty() => t.trim().to_string(),
            _ => document_title(&doc, &name, part),
        };
        let base = if single {
            format!("my-{}", crate::corpus::user::slug(&title))
        } else {
            let n = doc
                .meta
                .number
                .clone()
                .unwrap_or_else(|| (part + 1).to_string());
            format!("my-{stem}-{}", crate::corpus::user::slug(&n))
        };
        let mut present = people.add_listed(&doc);
        present.extend(options.present.iter().cloned());
        let mut meta = document_meta(&doc, &title, present, options);
        if single {
            meta.date = options.date.clone().or(meta.date);
            meta.citation_verbatim = options
                .citation
                .clone()
                .filter(|c| !c.trim().is_empty())
                .or(meta.citation_verbatim);
            meta.author = options.author.clone().or(meta.author);
            meta.url = options.url.clone().or(meta.url);
        }
        meta.kind = options.kind.unwrap_or(Kind::UserDocument);
        match write_document(&dir, &base, taken, &meta, &doc, record, mode) {
            Ok(id) => {
                if let Some(glyphs) = &glyphs {
                    let boxes = crate::facsimile::align::text_boxes(&doc.text, &doc.pages, glyphs);
                    let file = crate::facsimile::store::boxes_file(&dir, &id);
                    // Not kept, the boxes are made again when the facsimile is first shown.
                    let _ = crate::facsimile::store::write_boxes(&file, &boxes);
                }
                taken.insert(id.clone());
                added.push(Added {
                    id,
                    title,
                    pages: doc.pages.len(),
                    source_file: file.to_path_buf(),
                });
            }
            Err(e) => {
                remove_unfinished(&dir, &hash);
                return refused(e);
            }
        }
    }
    if let Err(e) = people.save() {
        remove_unfinished(&dir, &hash);
        return refused(e);
    }
    let batch = ImportBatch {
        file_name: name,
        content_hash: hash,
        importer: importer.name().to_string(),
        documents: added.iter().map(|a| a.id.clone()).collect(),
    };
    let text =
        ron::ser::to_string_pretty(&batch, ron::ser::PrettyConfig::new()).unwrap_or_default();
    match crate::files::create_new_atomic(&batch_file, text.as_bytes(), mode) {
        Ok(_) => FileOutcome::Added(added),
        Err(e) => {
            remove_unfinished(&dir, &batch.content_hash);
            refused(format!("{}: cannot be written: {e}", batch_file.display()))
        }
    }
}

pub(super) fn source_mode(file: &Path) -> crate::files::NewFileMode {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(file)
        .map(|m| m.permissions().mode())
        .unwrap_or(0o600);
    crate::files::NewFileMode(mode & 0o644)
}

pub(super) fn read_batch(path: &Path) -> Option<ImportBatch> {
    let bytes = crate::files::read_regular(path, 1024 * 1024).ok()?;
    ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()
}

/// Whether a document's import finished (its batch record is there); documents added as text
/// have no layout and always count as finished.
pub fn import_finished(dir: &Path, layout: &ImportedLayout) -> bool {
    dir.join("imports")
        .join(format!("{}.ron", layout.import.content_hash))
        .is_file()
}

/// Removes the documents an unfinished import of this content left behind.
fn remove_unfinished(dir: &Path, hash: &str) {
    if dir.join("imports").join(format!("{hash}.ron")).is_file() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(id) = name.strip_suffix(".layout.ron") else {
            continue;
        };
        let Some(layout) = read_layout(&path) else {
            continue;
        };
        if layout.import.content_hash == hash {
            for ext in ["ron", "txt", "layout.ron", "boxes"] {
                let _ = std::fs::remove_file(dir.join(format!("{id}.{ext}")));
            }
        }
    }
}

/// Reads a document's layout file.
pub fn read_layout(path: &Path) -> Option<ImportedLayout> {
    let bytes = crate::files::read_regular(path, 64 * 1024 * 1024).ok()?;
    ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()
}

fn document_title(doc: &Extracted, file_name: &str, part: usize) -> String {
    let found = doc
        .meta
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let title = match (&doc.meta.number, found) {
        (Some(n), Some(t)) => format!("{n}. {t}"),
        (None, Some(t)) => t,
        (Some(n), None) => format!("Document {n}"),
        (None, None) => {
            let stem = Path::new(file_name)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "Untitled".into());
            if part == 0 {
                stem
            } else {
                format!("{stem} ({})", part + 1)
            }
        }
    };
    title.chars().take(300).collect()
}

pub(super) fn document_meta(
    doc: &Extracted,
    title: &str,
    present: Vec<String>,
    options: &ImportOptions,
) -> DocumentMeta {
    let m = &doc.meta;
    let date = m.date.as_deref().and_then(|d| DocDate::parse(d).ok());
    let clean = |s: &Option<String>| {
        s.as_ref()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
            .map(|s| s.chars().take(2000).collect::<String>())
    };
    let citation = match (&m.edition, &m.number, &m.archival_reference) {
        (Some(ed), Some(n), _) => Some(format!("{ed}, Document {n}")),
        (_, _, Some(reference)) => Some(reference.clone()),
        _ => None,
    };
    DocumentMeta {
        id: String::new(),
        title: title.to_string(),
        short_title: title.to_string(),
        citation_title: None,
        kind: Kind::UserDocument,
        part: None,
        date,
        event_date: None,
        published: None,
        citation_verbatim: clean(&citation),
        archival: None,
        publication: None,
        classification: None,
        copy_no: None,
        outgoing_no: None,
        journal_date: None,
        author: clean(&m.author),
        recorder: None,
        addressee: None,
        translator: clean(&m.translator),
        url: clean(&m.url).filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        anomalies: Vec::new(),
        source_lines: None,
        present,
        collection: options.collection.clone().or_else(|| clean(&m.edition)),
        place: clean(&m.place),
        language: clean(&m.language),
    }
}

/// Writes one document under a free id (`base`, then `base-2`, …); returns the id.
pub(super) fn write_document(
    dir: &Path,
    base: &str,
    taken: &Ids,
    meta: &DocumentMeta,
    doc: &Extracted,
    record: ImportRecord,
    mode: crate::files::NewFileMode,
) -> Result<String, String> {
    let io = |e: std::io::Error| format!("{}: cannot be written: {e}", dir.display());
    let layout = ImportedLayout {
        import: record,
        pages: doc.pages.clone(),
        styles: doc.styles.clone(),
        notes: doc.notes.clone(),
        names: doc.names.clone(),
        uncertain: Vec::new(),
    };
    let layout_text = ron::ser::to_string(&layout).map_err(|e| e.to_string())?;
    let body = format!("{}\n", doc.text);
    for n in 1..=10_000 {
        let id = if n == 1 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        };
        if taken.contains(&id) || dir.join(format!("{id}.ron")).exists() {
            continue;
        }
        let text_path = dir.join(format!("{id}.txt"));
        if !crate::files::create_new_atomic(&text_path, body.as_bytes(), mode).map_err(io)? {
            continue;
        }
        crate::files::write_atomic(
            &dir.join(format!("{id}.layout.ron")),
            layout_text.as_bytes(),
            mode,
        )
        .map_err(io)?;
        let meta = DocumentMeta {
            id: id.clone(),
            ..meta.clone()
        };
        let ron = ron::ser::to_string_pretty(&meta, ron::ser::PrettyConfig::new())
            .map_err(|e| e.to_string())?;
        if crate::files::create_new_atomic(&dir.join(format!("{id}.ron")), ron.as_bytes(), mode)
            .map_err(io)?
        {
            return Ok(id);
        }
        let _ = std::fs::remove_file(&text_path);
        let _ = std::fs::remove_file(dir.join(format!("{id}.layout.ron")));
    }
    Err(format!("{}: no free name for {base:?}", dir.display()))
}

/// The researcher's people file, with what an import adds to it.
struct UserPeople<'a> {
    registry: &'a Registry,
    /// None when the file cannot be read: then nothing is added, and it is never written.
    yours: Option<crate::people::yours::YourPeople>,
    changed: bool,
}

impl<'a> UserPeople<'a> {
    fn load(data_dir: &Path, registry: &'a Registry) -> UserPeople<'a> {
        UserPeople {
            registry,
            yours: crate::people::yours::YourPeople::load(data_dir).ok(),
            changed: false,
        }
    }

    fn knows(&self, name: &str) -> Option<String> {
        self.registry
            .resolve(name)
            .map(|p| p.id.clone())
            .or_else(|| {
                let wanted = crate::text::fold(name);
                self.yours
                    .as_ref()?
                    .people
                    .iter()
                    .find(|p| {
                        crate::text::fold(&p.name) == wanted
                            || p.forms.iter().any(|f| crate::text::fold(f) == wanted)
                    })
                    .map(|p| p.id.clone())
            })
    }

    /// Adds the people a document's file lists and the registry does not know; returns the
    /// people present as registry ids where they resolve, as names where not.
    fn add_listed(&mut self, doc: &Extracted) -> Vec<String> {
        for listed in &doc.people {
            let mut forms: Vec<String> = vec![listed.name.clone()];
            forms.extend(listed.forms.iter().cloned());
            // The forms the text itself uses for this person (FRUS tags every mention).
            for n in doc.names.iter().filter(|n| n.key == listed.key) {
                let form: String = doc
                    .text
                    .chars()
                    .skip(n.start)
                    .take(n.end - n.start)
                    .collect();
                let form = form.split_whitespace().collect::<Vec<_>>().join(" ");
                if !form.is_empty() && form.chars().count() <= 80 {
                    forms.push(form);
                }
            }
            forms.sort();
            forms.dedup();
            if forms.iter().any(|f| self.knows(f).is_some()) {
                continue;
            }
            let registry = self.registry;
            let Some(yours) = &mut self.yours else {
                continue;
            };
            let id = yours.free_id(registry, &listed.name);
            yours.people.push(Person {
                id,
                name: listed.name.clone(),
                description: listed.description.clone().unwrap_or_default(),
                forms,
                ambiguous_forms: Vec::new(),
            });
            self.changed = true;
        }
        doc.present
            .iter()
            .map(|p| self.knows(p).unwrap_or_else(|| p.clone()))
            .collect()
    }

    fn save(&self) -> Result<(), String> {
        match &self.yours {
            Some(yours) if self.changed => yours.save(),
            _ => Ok(()),
        }
    }
}
