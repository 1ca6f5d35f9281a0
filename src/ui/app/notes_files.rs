//! Notes in and out of the window: File → Export notes (all of them, or what the Notes panel
//! shows) and File → Import notes (a colleague's notebook, merged as one undoable edit).

use super::{NotesScope, ReadingRoomApp};
use crate::notes::commands::Command;
use std::path::Path;

/// What a background job hands back to the window.
#[derive(Debug)]
pub enum JobOutput {
    /// A file read for import (or why it could not be).
    Import {
        /// The file.
        path: std::path::PathBuf,
        /// Its notes, checked.
        incoming: Result<crate::export::import::Incoming, String>,
    },
    /// The library analysed: people, roles, speakers and the search index.
    Analysis(Box<crate::Workspace>),
    /// Files imported into the library (see `documents.rs`).
    Documents(Box<super::documents::ImportedDocuments>),
    /// Notes written to a file (or why not).
    Export {
        /// The file.
        path: std::path::PathBuf,
        /// What it holds ("3 notes", "4 records: the documents of 3 notes").
        what: String,
        /// Whether it was written.
        written: Result<(), String>,
    },
}

/// "Exported 3 notes to notes.md."
fn exported(what: &str, path: &Path) -> String {
    format!("Exported {what} to {}.", path.display())
}

/// "3 notes", or for a bibliographic format "4 records (the documents of 3 notes)".
fn what_is_exported(records: Option<usize>, notes: usize) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    match records {
        Some(r) => format!(
            "{} (the documents of {})",
            n(r, "record", "records"),
            n(notes, "note", "notes")
        ),
        None => n(notes, "note", "notes"),
    }
}

impl ReadingRoomApp {
    /// The (documents, tags) filters of a scope; empty lists take everything.
    fn notes_filter(&self, scope: NotesScope) -> (Vec<String>, Vec<String>) {
        if matches!(scope, NotesScope::All | NotesScope::Answers) {
            return (Vec::new(), Vec::new());
        }
        let docs = if self.prefs.notes.only_open_document {
            vec![self.open_document().meta.id.clone()]
        } else {
            Vec::new()
        };
        (docs, self.prefs.notes.tag.iter().cloned().collect())
    }

    /// How many notes an export of this scope holds.
    pub fn notes_in_scope(&self, scope: NotesScope) -> usize {
        if scope == NotesScope::Answers {
            return self.answers_scope().map_or(0, |(_, ids)| ids.len());
        }
        let (docs, tags) = self.notes_filter(scope);
        crate::export::notebook::selected_count(&self.session.notebook, &docs, &tags)
    }

    /// The notebook an export of this scope reads: the open one, or for the answers to a
    /// question only the notes that answer it (with every tag, for the codebook).
    fn scoped_notebook(&self, scope: NotesScope) -> crate::notes::Notebook {
        let mut nb = self.session.notebook.clone();
        if scope == NotesScope::Answers {
            let ids = self.answers_scope().map(|(_, ids)| ids).unwrap_or_default();
            nb.annotations.retain(|a| ids.contains(&a.id));
        }
        nb
    }

    /// The export format a file's extension asks for.
    fn notes_format(path: &Path) -> Result<crate::export::notebook::Format, String> {
        use crate::export::notebook::Format;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "jsonld" | "json" => Ok(Format::JsonLd),
            "ron" => Ok(Format::Ron),
            "bib" => Ok(Format::BibLaTeX),
            "ris" => Ok(Format::Ris),
            "html" | "htm" => Ok(Format::Html),
            "qdpx" => Ok(Format::Qdpx(crate::export::refi::Variant::Standard)),
            "qdc" => Ok(Format::Qdc),
            "xml" | "tei" => Ok(Format::Tei),
            _ => Err(
                "choose a file ending in .md, .csv, .jsonld, .ron, .bib, .ris, .html, .qdpx, .qdc or .xml (TEI)"
                    .into(),
            ),
        }
    }

    /// Writes the notes of a scope to a file: Markdown with citations, CSV, JSON-LD or RON by
    /// the file's extension (on this thread; File → Export notes runs it as a background job).
    pub fn export_notes(&mut self, path: &Path, scope: NotesScope) -> Result<(), String> {
        let format = Self::notes_format(path)?;
        let (docs, tags) = self.notes_filter(scope);
        let count = self.notes_in_scope(scope);
        let nb = self.scoped_notebook(scope);
        crate::export::notebook::write(
            &self.workspace,
            &nb,
            format,
            &docs,
            &tags,
            path,
            self.session.path.as_deref(),
        )?;
        let records = format
            .is_bibliography()
            .then(|| crate::export::notebook::record_count(&self.workspace, &nb, &docs, &tags));
        self.say(exported(&what_is_exported(records, count), path));
        Ok(())
    }

    /// Starts exporting the notes of a scope off the UI thread (placing every note and writing
    /// the file can take seconds for a large notebook); the status bar shows it, with Cancel.
    /// A wrong extension or the notebook itself as destination is refused at once.
    pub fn start_export_notes(&mut self, path: &Path, scope: NotesScope) -> Result<(), String> {
        let format = Self::notes_format(path)?;
        self.start_export_notes_as(path, scope, format)
    }

    /// How many documents the library shows, and which (for File > Export notes: the
    /// documents as records).
    pub(super) fn library_summary(&self, ctx: &egui::Context) -> (usize, String) {
        let f = &self.prefs.library;
        let filtered = !f.people.is_empty()
            || !f.text.trim().is_empty()
            || !f.kinds.is_empty()
            || f.part.is_some();
        let what = match &f.collection {
            Some(c) => format!("the collection {c}"),
            None if f.part.is_some() && f.people.is_empty() && f.text.trim().is_empty() => {
                f.part.map_or(String::new(), |p| p.label().to_string())
            }
            None if filtered => "as filtered".to_string(),
            None => "all".to_string(),
        };
        (f.visible_memo(ctx, &self.workspace).len(), what)
    }

    /// Writes the documents the library shows (by corpus index) as records in a bibliographic
    /// format, each with the notes on it (RIS), off the UI thread.
    pub fn start_export_library_documents(
        &mut self,
        path: &Path,
        shown: &[usize],
        format: crate::export::notebook::Format,
    ) -> Result<(), String> {
        let ids: Vec<String> = shown
            .iter()
            .map(|&i| self.workspace.corpus.documents[i].id().to_string())
            .collect();
        let mut nb = self.session.notebook.clone();
        nb.annotations.retain(|a| ids.iter().any(|d| a.is_on(d)));
        self.spawn_export(path, nb, format, ids, Vec::new())
    }

    /// [`Self::start_export_notes`] in the format chosen in File → Export notes' list,
    /// whatever the file's extension.
    pub fn start_export_notes_as(
        &mut self,
        path: &Path,
        scope: NotesScope,
        format: crate::export::notebook::Format,
    ) -> Result<(), String> {
        let (docs, tags) = self.notes_filter(scope);
        let notebook = self.scoped_notebook(scope);
        self.spawn_export(path, notebook, format, docs, tags)
    }

    /// Exports a notebook's notes (selected by documents and tags) in a format as a background
    /// job; the notebook itself as destination is refused at once.
    fn spawn_export(
        &mut self,
        path: &Path,
        notebook: crate::notes::Notebook,
        format: crate::export::notebook::Format,
        docs: Vec<String>,
        tags: Vec<String>,
    ) -> Result<(), String> {
        let notebook_path = self.session.path.clone();
        if let Some(nb) = &notebook_path
            && crate::export::is_same_destination(path, nb)
        {
            return Err(format!(
                "{}: that is the notebook itself; choose another file",
                path.display()
            ));
        }
        let count = crate::export::notebook::selected_count(&notebook, &docs, &tags);
        let ws = std::sync::Arc::clone(&self.workspace);
        let path = path.to_path_buf();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let job = crate::jobs::spawn(format!("Export {name}"), move |ctx| {
            ctx.report(0, Some(2), format!("Placing {count} notes"));
            let records = format
                .is_bibliography()
                .then(|| crate::export::notebook::record_count(&ws, &notebook, &docs, &tags));
            let what = what_is_exported(records, count);
            if ctx.cancelled() {
                return JobOutput::Export {
                    path,
                    what,
                    written: Err("cancelled".into()),
                };
            }
            ctx.report(1, Some(2), format!("Writing {name}"));
            let written = crate::export::notebook::write(
                &ws,
                &notebook,
                format,
                &docs,
                &tags,
                &path,
                notebook_path.as_deref(),
            );
            JobOutput::Export {
                path,
                what,
                written,
            }
        });
        self.jobs.push(job);
        Ok(())
    }

    /// Merges a colleague's notes into the open notebook, as one undoable edit (reading the file
    /// on this thread; File → Import notes reads it as a background job instead).
    pub fn import_notes(&mut self, path: &Path) -> Result<(), String> {
        let incoming =
            crate::export::import::read(&self.workspace, path).map_err(|e| e.to_string())?;
        self.apply_import(path, &incoming)
    }

    /// Starts importing a colleague's notes off the UI thread: the file is read and checked in
    /// the background (the status bar shows it, with Cancel), then merged as one undoable edit.
    pub fn start_import(&mut self, path: &Path) {
        let ws = std::sync::Arc::clone(&self.workspace);
        let path = path.to_path_buf();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let job = crate::jobs::spawn(format!("Import {name}"), move |ctx| {
            ctx.report(0, Some(1), format!("Reading and checking {name}"));
            let incoming = crate::export::import::read(&ws, &path).map_err(|e| e.to_string());
            ctx.report(1, Some(1), "Read");
            JobOutput::Import { path, incoming }
        });
        self.jobs.push(job);
    }

    /// Applies what finished jobs made (a cancelled job's result is dropped, and said so).
    pub(super) fn finish_jobs(&mut self) {
        // The analysis so far, while it goes on: people, roles and speakers of the documents
        // done appear as they arrive.
        let mut partial = None;
        for job in &self.jobs {
            if let Some(ws) = job.take_partial::<crate::Workspace>() {
                partial = Some(ws);
            }
        }
        if let Some(ws) = partial
            && !self.workspace.analysed
            && ws.corpus.documents.len() == self.workspace.corpus.documents.len()
        {
            self.replace_workspace(ws);
        }
        let mut i = 0;
        while i < self.jobs.len() {
            let Some(finished) = self.jobs[i].take_finished() else {
                i += 1;
                continue;
            };
            let job = self.jobs.remove(i);
            match finished {
                // An export says what it did, even when Cancel came too late to stop it.
                crate::jobs::Finished::Done(JobOutput::Export {
                    path,
                    what,
                    written,
                }) => match written {
                    Ok(()) => self.say(exported(&what, &path)),
                    Err(_) if job.is_cancelled() => {
                        self.say(format!("{}: cancelled; nothing was written.", job.title))
                    }
                    Err(e) => self.say(format!("Not exported: {e}")),
                },
                // What an import added before Cancel stays: every file is whole or absent.
                crate::jobs::Finished::Done(JobOutput::Documents(done)) => {
                    self.finish_import(*done, job.is_cancelled())
                }
                _ if job.is_cancelled() => {
                    self.say(format!("{}: cancelled; nothing was changed.", job.title))
                }
                crate::jobs::Finished::Failed(why) => self.say(format!(
                    "{}: failed ({why}); nothing was changed.",
                    job.title
                )),
                crate::jobs::Finished::Done(JobOutput::Analysis(ws)) => {
                    // A document added meanwhile is not in this analysis: analyse again.
                    if ws.corpus.documents.len() == self.workspace.corpus.documents.len() {
                        self.replace_workspace(*ws);
                    } else {
                        self.analyse_in_background();
                    }
                }
                crate::jobs::Finished::Done(JobOutput::Import { path, incoming }) => {
                    if let Err(e) = incoming.and_then(|inc| self.apply_import(&path, &inc)) {
                        self.say(format!("Nothing was imported: {e}"));
                    }
                }
            }
        }
    }

    /// Puts a (more) analysed workspace in place of the one shown, keeping the problems found
    /// with the researcher's documents.
    pub(super) fn replace_workspace(&mut self, mut ws: crate::Workspace) {
        ws.problems = self.workspace.problems.clone();
        // Citations as chosen meanwhile in Settings.
        ws.citer = self.workspace.citer.clone();
        self.workspace = std::sync::Arc::new(ws);
        // The reader's people underlines and speakers come from the analysis.
        self.highlight_inputs = None;
        self.search.invalidate();
    }

    /// Merges what was read from `path` into the open notebook, as one undoable edit.
    fn apply_import(
        &mut self,
        path: &Path,
        incoming: &crate::export::import::Incoming,
    ) -> Result<(), String> {
        let mut merged = self.session.notebook.clone();
        let report = crate::export::import::merge_into(&self.workspace, &mut merged, incoming);
        if report.refused_all() {
            return Err(format!(
                "{}: nothing was imported: {report}",
                path.display()
            ));
        }
        // The same merge as `readingroom import` (notes, tag colours, trash, corrections),
        // applied as one edit that one Undo takes back.
        if merged != self.session.notebook {
            self.apply(Command::ReplaceAll(Box::new(merged)));
        }
        self.say(format!("Imported from {}: {report}.", path.display()));
        Ok(())
    }
}
