//! Bringing the researcher's files into the library from the window: File → Add document (one
//! file, described) and File → Import files and folders (many), both as one background job
//! with progress and Cancel, then a report of what was added, skipped and refused.

use super::ReadingRoomApp;
use super::notes_files::JobOutput;
use crate::import::folder::{ImportReport, import_paths};
use crate::import::store::ImportOptions;
use std::path::PathBuf;

/// What an import job brings back.
#[derive(Debug)]
pub struct ImportedDocuments {
    /// What it did, file by file.
    pub report: ImportReport,
    /// The library with the new documents analysed (None when nothing was added).
    pub workspace: Option<Box<crate::Workspace>>,
    /// How many documents the library had when the job began.
    pub base_len: usize,
    /// The Add document form it came from, to show again with the reason if the file was refused.
    pub form: Option<crate::ui::windows::AddDocumentForm>,
}

impl ReadingRoomApp {
    /// Starts importing files and folders in the background (the status bar shows it, with
    /// Cancel; Cancel stops between files, so no file is ever half-imported).
    pub fn start_import_documents(
        &mut self,
        paths: Vec<PathBuf>,
        mut options: ImportOptions,
        form: Option<crate::ui::windows::AddDocumentForm>,
    ) {
        options.extraction = self.extraction.clone();
        let ws = std::sync::Arc::clone(&self.workspace);
        let data = self.data_dir().to_path_buf();
        let title = match paths.as_slice() {
            [one] => format!(
                "Import {}",
                one.file_name().map_or_else(
                    || one.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            many => format!("Import {} items", many.len()),
        };
        let job = crate::jobs::spawn(title, move |ctx| {
            ctx.report(0, None, "Looking for files");
            let mut taken = ws.corpus.ids();
            let report = import_paths(&data, &paths, &options, &mut taken, &ws.registry, Some(ctx));
            let base_len = ws.corpus.documents.len();
            let workspace = (!report.added.is_empty()).then(|| {
                ctx.report(
                    0,
                    None,
                    format!("Analysing {} new documents", report.added.len()),
                );
                let (docs, people) = read_added(&data, &report);
                let mut next = (*ws).clone();
                next.add_documents(docs, people);
                Box::new(next)
            });
            JobOutput::Documents(Box::new(ImportedDocuments {
                report,
                workspace,
                base_len,
                form,
            }))
        });
        self.jobs.push(job);
    }

    /// Replaces the open document's text with a new extraction of `file`; says where its notes
    /// landed (those that cannot be placed are under Orphans).
    pub fn replace_open_text(&mut self, file: &std::path::Path) -> Result<(), String> {
        let doc = self.open_document();
        let id = doc.meta.id.clone();
        if !doc.user_added {
            return Err("only your own documents can have their text replaced".into());
        }
        let data = self.data_dir().to_path_buf();
        let replaced =
            crate::import::replace::replace_text(&data, &id, Some(file), &self.extraction)?;
        let (placed, orphans) = self.reload_user_document(&id)?;
        self.say(format!(
            "Replaced the text from {} ({}): {placed} notes placed, {orphans} orphans{}.",
            replaced.file_name,
            replaced.importer,
            if orphans > 0 { " (see Orphans)" } else { "" }
        ));
        Ok(())
    }

    /// Reads one of the researcher's documents again after its text changed, opens it, and
    /// counts the notes on it that were placed and those that are orphans now.
    pub(super) fn reload_user_document(&mut self, id: &str) -> Result<(usize, usize), String> {
        let id = id.to_string();
        let dir = crate::corpus::user::user_dir(self.data_dir());
        let (new, notes) =
            crate::corpus::user::load_user_document(&dir, &id).map_err(|e| e.to_string())?;
        let anchors = crate::notes::AnchorText::new(&new.text);
        let (mut placed, mut orphans) = (0, 0);
        for target in self
            .session
            .notebook
            .annotations
            .iter()
            .filter_map(|a| a.target_on(&id))
        {
            if anchors.anchor(target).status == crate::notes::AnchorStatus::Orphan {
                orphans += 1;
            } else {
                placed += 1;
            }
        }
        std::sync::Arc::make_mut(&mut self.workspace).replace_document(new, notes);
        if let Some(memo) = &mut self.anchors.memo {
            memo.forget_document(&id);
        }
        self.anchors.revision = None;
        self.highlight_inputs = None;
        self.search.invalidate();
        // The paragraphs laid out were the old text's.
        self.reader.reset();
        if let Some(i) = self.workspace.corpus.index_of(&id) {
            self.open_doc(i);
        }
        Ok((placed, orphans))
    }

    /// Saves the edited details of one of the researcher's documents and shows them.
    pub fn save_details(&mut self, meta: crate::corpus::DocumentMeta) -> Result<(), String> {
        let dir = crate::corpus::user::user_dir(self.data_dir());
        crate::corpus::user::save_user_meta(&dir, &meta)?;
        let (doc, notes) =
            crate::corpus::user::load_user_document(&dir, &meta.id).map_err(|e| e.to_string())?;
        std::sync::Arc::make_mut(&mut self.workspace).replace_document(doc, notes);
        self.search.invalidate();
        self.highlight_inputs = None;
        if let Some(i) = self.workspace.corpus.index_of(&meta.id) {
            self.open_doc(i);
        }
        self.say(format!("Saved the details of {}.", meta.title));
        Ok(())
    }

    /// Makes an editable copy of one of the paper's documents, opens it and its details.
    pub fn copy_to_edit(&mut self, doc_index: usize) {
        let doc = &self.workspace.corpus.documents[doc_index];
        let present: Vec<String> = self
            .workspace
            .people
            .roles
            .get(&doc.meta.id)
            .into_iter()
            .flatten()
            .filter(|(_, roles)| roles.contains(&crate::people::Role::Present))
            .map(|(person, _)| person.clone())
            .collect();
        let mut taken = self.workspace.corpus.ids();
        let copied = crate::import::copy::copy_paper_document(
            self.data_dir(),
            doc,
            &self.workspace.corpus.footnotes,
            present,
            &self.workspace.registry,
            &mut taken,
            &crate::import::copy::citation_of_copy(&self.workspace, doc),
        );
        let title = doc.meta.short_title.clone();
        let dir = crate::corpus::user::user_dir(self.data_dir());
        let loaded = copied.and_then(|id| {
            crate::corpus::user::load_user_document(&dir, &id).map_err(|e| e.to_string())
        });
        match loaded {
            Ok((copy, notes)) => {
                let id = copy.meta.id.clone();
                std::sync::Arc::make_mut(&mut self.workspace).add_document(copy, notes);
                self.search.invalidate();
                self.highlight_inputs = None;
                if let Some(i) = self.workspace.corpus.index_of(&id) {
                    self.open_doc(i);
                    self.details_form = Some(crate::ui::windows::edit_details::DetailsForm::of(
                        &self.workspace.corpus.documents[i].meta,
                        &|p| self.workspace.person_name(p).to_string(),
                    ));
                }
                self.say(format!(
                    "Made your copy of {title}: edit its details and text; notes on the paper's stay there."
                ));
            }
            Err(e) => self.say(format!("No copy was made: {e}")),
        }
    }

    /// Where the reader is in a document's original: the page of the selection, else of the
    /// first paragraph in view, as (its position in the file from 1, its printed label).
    pub fn original_page(&self, doc_index: usize) -> Option<(u32, String)> {
        let doc = &self.workspace.corpus.documents[doc_index];
        let at = match self.reader.selection {
            Some(s) if doc_index == self.open => s.range().0,
            _ if doc_index == self.open => self.reader.top,
            _ => 0,
        };
        let dir = crate::corpus::user::user_dir(self.data_dir());
        let layout =
            crate::import::store::read_layout(&dir.join(format!("{}.layout.ron", doc.meta.id)))?;
        let page = layout.pages.iter().rev().find(|p| p.at <= at)?;
        Some((page.index, page.label.clone()))
    }

    /// How the original of a document would be opened: with the default PDF viewer at the
    /// reader's page when it can be told one (`viewer` is its desktop entry), else with
    /// xdg-open; `installed` says whether a program is there to run.
    pub fn original_opener(
        &self,
        doc_index: usize,
        viewer: Option<&str>,
        installed: &dyn Fn(&str) -> bool,
    ) -> Option<crate::import::viewer::Opener> {
        let path = self.workspace.corpus.documents[doc_index]
            .original
            .clone()?;
        let page = self.original_page(doc_index).map(|(index, _)| index);
        Some(crate::import::viewer::opener(
            viewer, &path, page, installed,
        ))
    }

    /// Opens the kept original of an imported document with the system's viewer, at the page
    /// where the reader is when the viewer can be told a page (else says which page it is).
    pub fn open_original(&mut self, doc_index: usize) {
        let viewer = crate::import::viewer::default_pdf_viewer();
        let installed = crate::import::viewer::on_path;
        let Some(opener) = self.original_opener(doc_index, viewer.as_deref(), &installed) else {
            return;
        };
        let page = self.original_page(doc_index);
        let opened = std::process::Command::new(&opener.program)
            .args(&opener.args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        let path = self.workspace.corpus.documents[doc_index]
            .original
            .clone()
            .unwrap_or_default();
        match (opened, page) {
            (Ok(mut child), page) => {
                // Reaped when the viewer (or its launcher) ends.
                std::thread::spawn(move || child.wait());
                self.say(match page {
                    Some((_, label)) if opener.at_page => {
                        format!("Opening the original at page {label}.")
                    }
                    Some((_, label)) => format!(
                        "Opening the original at its start (your viewer cannot be told a page): the passage is on page {label}."
                    ),
                    None => format!("Opening {}", path.display()),
                })
            }
            (Err(e), _) => self.say(format!(
                "The original is {}; it could not be opened here ({e}).",
                path.display()
            )),
        }
    }

    /// Puts what an import job made in place: the new library, the report, and the document
    /// when one file of one document was added from the form.
    pub(super) fn finish_import(&mut self, done: ImportedDocuments, cancelled: bool) {
        let ImportedDocuments {
            mut report,
            workspace,
            base_len,
            form,
        } = done;
        report.cancelled |= cancelled;
        if let Some(ws) = workspace {
            if self.workspace.corpus.documents.len() == base_len {
                self.replace_workspace(*ws);
            } else {
                // The library changed meanwhile: add the new documents to what is shown now.
                let (docs, people) = read_added(self.data_dir(), &report);
                std::sync::Arc::make_mut(&mut self.workspace).add_documents(docs, people);
            }
            self.anchors.revision = None;
            if let Some(memo) = &mut self.anchors.memo {
                for a in &report.added {
                    memo.forget_document(&a.id);
                }
            }
            self.highlight_inputs = None;
        }
        let single = form.is_some();
        if let Some(mut f) = form
            && report.added.is_empty()
            && report.duplicates.is_empty()
        {
            f.error = Some(
                report
                    .refused
                    .first()
                    .map(|(_, why)| why.clone())
                    .unwrap_or_else(|| "nothing was added".into()),
            );
            self.add_document_form = Some(f);
            return;
        }
        if single
            && let [added] = report.added.as_slice()
            && let Some(i) = self.workspace.corpus.index_of(&added.id)
        {
            self.open_doc(i);
        }
        self.say(report.summary() + ".");
        // One described file that went in says so in the status line; anything more gets the
        // report.
        let plain = single && report.refused.is_empty() && report.skipped.is_empty();
        if !plain {
            self.import_report = Some(report);
        }
    }
}

/// The documents a report says were added, read back from the data directory, and the people
/// the imports added to the researcher's people file.
fn read_added(
    data: &std::path::Path,
    report: &ImportReport,
) -> (
    Vec<(crate::corpus::Document, Vec<crate::corpus::Footnote>)>,
    Vec<crate::people::Person>,
) {
    let dir = crate::corpus::user::user_dir(data);
    let docs = report
        .added
        .iter()
        .filter_map(|a| crate::corpus::user::load_user_document(&dir, &a.id).ok())
        .collect();
    let file = crate::import::store::user_people_file(data);
    let people = crate::files::read_regular(&file, 16 * 1024 * 1024)
        .ok()
        .and_then(|b| crate::people::Registry::parse(&file, &String::from_utf8_lossy(&b)).ok())
        .map(|r| r.people)
        .unwrap_or_default();
    (docs, people)
}
