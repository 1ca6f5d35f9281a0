//! Many files at once: folders walked (recursively, links never followed), every file imported
//! in turn, with progress, Cancel between files (so no file is ever half-imported) and a
//! report of what was added, skipped as a duplicate and refused, with the reason per file.

use super::ImportError;
use super::store::{Added, FileOutcome, Ids, ImportOptions, import_file};
use crate::jobs::JobContext;
use crate::people::Registry;
use std::path::{Path, PathBuf};

/// Most files taken from the folders of one import.
pub const MAX_FILES: usize = 100_000;
/// Deepest folder nesting walked.
pub const MAX_DEPTH: usize = 32;

/// What an import of many files did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// The documents added, file by file.
    pub added: Vec<Added>,
    /// Files whose content was imported before, with the documents they are.
    pub duplicates: Vec<(PathBuf, Vec<String>)>,
    /// Files not imported, with why.
    pub refused: Vec<(PathBuf, String)>,
    /// Files not looked at (links, hidden files, past the limits), with why.
    pub skipped: Vec<(PathBuf, String)>,
    /// Whether it was cancelled before the end.
    pub cancelled: bool,
}

impl ImportReport {
    /// One line for people: "Added 12 documents from 10 files; 2 duplicates; 1 refused".
    pub fn summary(&self) -> String {
        let files: std::collections::BTreeSet<&PathBuf> =
            self.added.iter().map(|a| &a.source_file).collect();
        let mut s = if self.added.is_empty() {
            "Nothing new was added".to_string()
        } else {
            format!(
                "Added {} document{} from {} file{}",
                self.added.len(),
                if self.added.len() == 1 { "" } else { "s" },
                files.len(),
                if files.len() == 1 { "" } else { "s" }
            )
        };
        if !self.duplicates.is_empty() {
            s.push_str(&format!(
                "; {} already imported (skipped)",
                self.duplicates.len()
            ));
        }
        if !self.refused.is_empty() {
            s.push_str(&format!("; {} refused", self.refused.len()));
        }
        if !self.skipped.is_empty() {
            s.push_str(&format!("; {} not looked at", self.skipped.len()));
        }
        if self.cancelled {
            s.push_str("; cancelled before the end");
        }
        s
    }
}

/// The files to import: each path that is a file, and every file under each folder (sorted,
/// hidden files and links left out and listed).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, 0, &mut files, &mut skipped),
            _ => files.push(path.clone()),
        }
    }
    if files.len() > MAX_FILES {
        for f in files.drain(MAX_FILES..) {
            skipped.push((f, format!("more than {MAX_FILES} files in one import")));
        }
    }
    (files, skipped)
}

fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, skipped: &mut Vec<(PathBuf, String)>) {
    if depth > MAX_DEPTH {
        skipped.push((
            dir.to_path_buf(),
            format!("nested more than {MAX_DEPTH} folders deep"),
        ));
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        skipped.push((dir.to_path_buf(), "the folder cannot be read".into()));
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if files.len() > MAX_FILES {
            return;
        }
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            skipped.push((
                path,
                "a link (links inside folders are not followed)".into(),
            ));
        } else if kind.is_dir() {
            walk(&path, depth + 1, files, skipped);
        } else if kind.is_file() {
            files.push(path);
        } else {
            skipped.push((path, "not a regular file".into()));
        }
    }
}

/// Imports files and folders: the folders walked, every file imported in turn; what was not
/// looked at is in the report's `skipped`.
pub fn import_paths(
    data_dir: &Path,
    paths: &[PathBuf],
    options: &ImportOptions,
    taken: &mut Ids,
    registry: &Registry,
    job: Option<&JobContext>,
) -> ImportReport {
    let (files, skipped) = collect_files(paths);
    // A Zotero export brings its attachments, each with its entry's metadata (and they are
    // not imported a second time, bare, as files of the folder).
    let (exports, files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("bib")));
    let mut report = ImportReport {
        skipped,
        ..ImportReport::default()
    };
    let mut attached = Vec::new();
    for bib in exports {
        match super::zotero::attachments(&bib) {
            Ok((found, not_taken)) => {
                report.skipped.extend(not_taken);
                attached.extend(found);
            }
            Err(e) => report.refused.push((bib, e)),
        }
    }
    // A CSL-JSON export names no files: the files of its folder are matched to its items.
    let (csl, mut files): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| {
        f.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            && super::csl_json::looks_like_csl_json(f)
    });
    for json in csl {
        let folder = json.parent().unwrap_or(Path::new(".")).to_path_buf();
        let (beside, _) = collect_files(&[folder]);
        match super::csl_json::attachments(&json, &beside) {
            Ok((found, not_taken)) => {
                report.skipped.extend(not_taken);
                attached.extend(found);
            }
            Err(e) => report.refused.push((json, e)),
        }
    }
    let canonical = |p: &PathBuf| p.canonicalize().unwrap_or_else(|_| p.clone());
    let attached_files: std::collections::HashSet<PathBuf> =
        attached.iter().map(|a| canonical(&a.file)).collect();
    files.retain(|f| !attached_files.contains(&canonical(f)));
    for a in attached {
        if job.is_some_and(JobContext::cancelled) {
            report.cancelled = true;
            return report;
        }
        let each = ImportOptions {
            extraction: options.extraction.clone(),
            collection: options.collection.clone(),
            ..a.options
        };
        let one = import_files(data_dir, &[a.file], &each, taken, registry, None);
        report.added.extend(one.added);
        report.duplicates.extend(one.duplicates);
        report.refused.extend(one.refused);
    }
    // Photographs of pages: the images of one folder are one document, a page each.
    let (images, files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|f| crate::facsimile::images::is_image(f));
    let mut folders: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    for image in images {
        let folder = image.parent().unwrap_or(Path::new(".")).to_path_buf();
        match folders.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, list)) => list.push(image),
            None => folders.push((folder, vec![image])),
        }
    }
    for (folder, list) in folders {
        if job.is_some_and(JobContext::cancelled) {
            report.cancelled = true;
            return report;
        }
        if let Some(job) = job {
            job.report(
                0,
                None,
                format!("Importing the photographs in {}", folder.display()),
            );
        }
        let title = folder.file_name().map_or_else(
            || "Photographs".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match super::images::import_images(data_dir, &list, &title, options, taken) {
            FileOutcome::Added(added) => report.added.extend(added),
            FileOutcome::Duplicate(of) => report.duplicates.push((folder, of)),
            FileOutcome::Refused(e) => report.refused.push((folder, reason(&e))),
        }
    }
    let rest = import_files(data_dir, &files, options, taken, registry, job);
    report.added.extend(rest.added);
    report.duplicates.extend(rest.duplicates);
    report.refused.extend(rest.refused);
    report.cancelled |= rest.cancelled;
    report
}

/// Imports files one after another, reporting progress to the job and stopping between files
/// when it is cancelled.
pub fn import_files(
    data_dir: &Path,
    files: &[PathBuf],
    options: &ImportOptions,
    taken: &mut Ids,
    registry: &Registry,
    job: Option<&JobContext>,
) -> ImportReport {
    let mut report = ImportReport::default();
    for (i, file) in files.iter().enumerate() {
        if job.is_some_and(JobContext::cancelled) {
            report.cancelled = true;
            break;
        }
        if let Some(job) = job {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            job.report(
                i as u64,
                Some(files.len() as u64),
                format!("Importing {name}"),
            );
        }
        match import_file(data_dir, file, options, taken, registry) {
            FileOutcome::Added(added) => report.added.extend(added),
            FileOutcome::Duplicate(of) => report.duplicates.push((file.clone(), of)),
            FileOutcome::Refused(e) => report.refused.push((file.clone(), reason(&e))),
        }
    }
    if let Some(job) = job {
        job.report(
            files.len() as u64,
            Some(files.len() as u64),
            report.summary(),
        );
    }
    report
}

fn reason(e: &ImportError) -> String {
    e.to_string()
}
