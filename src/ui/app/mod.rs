//! The application: state, the frame loop, and how the panels' events become edits. Views read
//! the model and emit events; every notebook edit goes through `notes::commands::Command`.

mod actions;
mod annotate;
mod citations;
mod comparison;
mod concordance;
mod corrections;
mod derived;
mod documents;
mod facsimile;
mod findings;
mod notes_files;
pub use notes_files::JobOutput;
mod reading;
mod versions;
mod windows;
mod your_people;

pub use crate::ui::central::CentralView;
pub use crate::ui::windows::path_prompt::NotesScope;
use derived::{AnchorCache, HighlightInputs};
mod panels;

use super::editor::{Editor, EditorResult};
use super::highlight::Highlights;
use super::library::LibraryEvent;
use super::notes_panel::NotesEvent;
use super::prefs::{Prefs, STORAGE_KEY, Theme};
use super::reader::{Reader, Selection};
use super::shortcuts::{self, Action};
use super::windows::{FileDialogs, NativeDialogs, PathPrompt, QuickOpen};
use crate::Workspace;
use crate::corpus::Document;
use crate::notes::commands::Command;
use crate::notes::model::{Target, text_target};
use crate::notes::paths;
use crate::notes::session::{NotebookSession, SaveStatus};
use std::path::{Path, PathBuf};

/// The find bar.
#[derive(Debug, Clone, Default)]
pub struct FindBar {
    /// Shown?
    pub open: bool,
    /// What is searched for (folded like the full-text search: case, accents, quotes).
    pub query: String,
    /// Hits in the open document.
    pub hits: Vec<(usize, usize)>,
    /// Index into `hits` of the match F3 / Shift+F3 stand on.
    pub current: Option<usize>,
    /// Several words are found as one phrase ("word came back"), not each on its own (off
    /// when the query came from Search all, whose words may stand apart).
    pub phrase: bool,
    focus: bool,
    computed_for: Option<(usize, String)>,
}

impl FindBar {
    /// The query as it is searched: several plain words become one phrase when `phrase` is on
    /// (a query with quotes, operators or fields is taken as written).
    pub fn effective_query(&self) -> String {
        let q = self.query.trim();
        let plain = !q.contains(['"', ':', '*', '~', '(', ')'])
            && !q
                .split_whitespace()
                .any(|w| matches!(w, "AND" | "OR" | "NOT") || w.starts_with("NEAR/"));
        if self.phrase && plain && q.split_whitespace().count() > 1 {
            format!("\"{q}\"")
        } else {
            q.to_string()
        }
    }
}

/// Which small windows are open (their contents live in `ui/windows/`).
#[derive(Debug, Clone, Default)]
pub struct Windows {
    /// F1 help.
    pub help: bool,
    /// File → Settings (name, theme).
    pub settings: bool,
    /// File → Restore version (the list is `version_list`).
    pub versions: bool,
    /// Help → About.
    pub about: bool,
    /// The welcome of the first start.
    pub welcome: bool,
    /// The saved versions listed by the Restore window (read when it opens).
    pub version_list: Vec<crate::notes::history::Version>,
    /// The citation settings Settings is editing (taken from the workspace when it opens).
    pub citation: Option<crate::ui::windows::settings::CitationDraft>,
}

/// The Reading Room window.
pub struct ReadingRoomApp {
    /// Corpus, people, search.
    pub workspace: std::sync::Arc<Workspace>,
    /// The open notebook.
    pub session: NotebookSession,
    /// Preferences kept by eframe between runs (font size, theme, filters, recent notebooks).
    pub prefs: Prefs,
    /// Index of the open document.
    pub open: usize,
    /// The reader's state: selection, scroll target, laid-out paragraphs.
    pub reader: Reader,
    /// The annotation editor, when open.
    pub editor: Option<Editor>,
    /// A note being written when the editor was closed without saving (Escape, Cancel): kept,
    /// and offered back (status bar, or Annotate on the same passage).
    pub draft: Option<Editor>,
    /// The find bar (Ctrl+F) over the open document.
    pub find: FindBar,
    /// Which small windows are open.
    pub windows: Windows,
    /// A notebook that failed to open: the message (file, line, column).
    pub notebook_error: Option<String>,
    /// File dialogs (a fake in tests).
    pub dialogs: Box<dyn FileDialogs>,
    /// Quick open, when shown.
    pub quick_open: Option<QuickOpen>,
    /// In-app path field (Open/New/Save As), when shown.
    pub prompt: Option<PathPrompt>,
    /// The text last put on the clipboard by Copy with citation.
    pub last_copy: Option<String>,
    /// What the central panel shows (the comparison, when open, takes its place).
    pub view: CentralView,
    /// The timeline view.
    pub timeline: super::timeline::Timeline,
    /// The people view.
    pub people_view: super::people_view::PeopleView,
    /// Questions about my notes.
    pub questions: super::questions_view::QuestionsView,
    /// What co-occurs with what.
    pub cooccurrence: super::cooccurrence_view::CooccurrenceView,
    /// Codes over time: its state.
    pub frequency: super::frequency_view::FrequencyView,
    /// The speaker concordance.
    pub concordance: super::concordance_view::ConcordanceView,
    /// Search all documents.
    pub search: super::search_view::SearchView,
    /// The Add document form, when open.
    pub add_document_form: Option<super::windows::AddDocumentForm>,
    /// The Edit details form of one of the researcher's documents, when open.
    pub details_form: Option<super::windows::edit_details::DetailsForm>,
    /// How many documents each person is in, for the library revision it was counted for.
    pub(super) people_counts: Option<(
        u64,
        std::sync::Arc<std::collections::BTreeMap<String, usize>>,
    )>,
    /// Notes per document, for the notebook revision they were counted at (the timeline).
    pub(super) notes_per_doc: Option<(
        u64,
        std::sync::Arc<std::collections::HashMap<String, usize>>,
    )>,
    /// Whether the serif reading face was loaded (None: not tried yet).
    pub serif_loaded: Option<bool>,
    /// Go to page, when open.
    pub go_to_page: Option<super::windows::go_to_page::GoToPage>,
    /// The Correct the text window, when open.
    pub correct_form: Option<super::windows::correct_text::CorrectForm>,
    /// The document whose corrections log was last read, and whether it has one to undo.
    pub(super) undoable_correction: Option<(String, bool)>,
    /// A page being read again by tesseract: the document, the page, the answer to come.
    pub(super) ocr_check: Option<(String, u32, OcrAnswer)>,
    /// The region notes of the open document as the original shows them, for the notebook's
    /// revision, the document and the theme they were found for (not found every frame).
    pub(super) region_marks: Option<(RegionMarksKey, std::sync::Arc<[RegionMark]>)>,
    /// The window of the notes from the other version, when open.
    pub other_version: Option<super::windows::other_version::OtherVersionNotes>,
    /// The notes of the open document's other version, and its name (None: it has none),
    /// found with the highlights.
    pub(super) other_version_summary: Option<(usize, String)>,
    /// The open document and its other version, aligned (see `app/versions.rs`).
    pub(super) versions: Option<(
        versions::VersionsKey,
        std::sync::Arc<crate::compare::projection::Versions>,
    )>,
    /// The Your people window, when open.
    pub people_form: Option<super::windows::your_people::PeopleForm>,
    /// The report of the last import of files, while it is shown.
    pub import_report: Option<crate::import::folder::ImportReport>,
    /// How imported files are extracted (a limited child process of this program).
    pub extraction: crate::import::isolated::Extraction,
    /// Work running off the UI thread (imports), shown in the status bar with Cancel.
    pub jobs: Vec<crate::jobs::Job<JobOutput>>,
    /// The comparison shown instead of the reader, if any.
    pub comparison: Option<super::compare_view::Comparison>,
    /// The original beside the text (the pages of a PDF), its images and word boxes.
    pub facsimile: crate::ui::facsimile::Facsimile,
    data_dir: PathBuf,
    notice: Option<super::notice::Notice>,
    problems_dismissed: bool,
    anchors: AnchorCache,
    highlights: Highlights,
    highlight_inputs: Option<HighlightInputs>,
    highlight_revision: u64,
    title: String,
}

use crate::ui::facsimile::RegionMark;

/// What the region marks were found for: the notebook's revision, the document, dark or light.
pub(super) type RegionMarksKey = (u64, String, bool);

/// Where the answer of a page read again by tesseract comes.
pub(super) type OcrAnswer =
    std::sync::mpsc::Receiver<Result<crate::import::reocr::Checked, String>>;

impl ReadingRoomApp {
    /// Creates the app: preferences from eframe's storage, the last notebook (or the default one
    /// in the data directory).
    pub fn new(
        workspace: Workspace,
        storage: Option<&dyn eframe::Storage>,
        data_dir: Option<&Path>,
    ) -> Self {
        let prefs: Prefs = storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        // An explicit data directory (--data-dir or READINGROOM_DATA_DIR) means its notebook,
        // not the one remembered from another run.
        let explicit = data_dir.is_some() || std::env::var_os(paths::DATA_DIR_ENV).is_some();
        let data_dir = paths::data_dir(data_dir);
        let notebook = match &prefs.notebook {
            Some(p) if !explicit => p.clone(),
            _ => data_dir.join(paths::DEFAULT_NOTEBOOK),
        };
        let first_start = !prefs.welcomed;
        let mut app = Self::with_notebook(workspace, prefs, &notebook, data_dir);
        app.windows.welcome = first_start;
        app
    }

    /// Creates the app on a given notebook file.
    pub fn with_notebook(
        workspace: Workspace,
        mut prefs: Prefs,
        notebook: &Path,
        data_dir: PathBuf,
    ) -> Self {
        let (session, notebook_error) = match NotebookSession::open(notebook) {
            Ok(s) => {
                prefs.remember(notebook);
                (s, None)
            }
            Err(e) => (NotebookSession::unsaved(), Some(e.to_string())),
        };
        let open = prefs
            .open_document
            .as_deref()
            .and_then(|id| workspace.corpus.index_of(id))
            .unwrap_or(0);
        let mut reader = Reader::default();
        reader.font_size = prefs.font_size;
        let anchors = AnchorCache::for_notebook(session.path.as_deref());
        let mut app = ReadingRoomApp {
            workspace: std::sync::Arc::new(workspace),
            session,
            prefs,
            open,
            reader,
            editor: None,
            draft: None,
            find: FindBar {
                phrase: true,
                ..FindBar::default()
            },
            windows: Windows::default(),
            notebook_error,
            dialogs: Box::new(NativeDialogs),
            quick_open: None,
            prompt: None,
            last_copy: None,
            comparison: None,
            jobs: Vec::new(),
            add_document_form: None,
            import_report: None,
            details_form: None,
            people_form: None,
            go_to_page: None,
            correct_form: None,
            undoable_correction: None,
            ocr_check: None,
            region_marks: None,
            other_version: None,
            other_version_summary: None,
            versions: None,
            serif_loaded: None,
            people_counts: None,
            notes_per_doc: None,
            extraction: crate::import::isolated::Extraction::isolated(),
            view: CentralView::Reader,
            timeline: Default::default(),
            people_view: Default::default(),
            questions: Default::default(),
            cooccurrence: Default::default(),
            frequency: Default::default(),
            concordance: Default::default(),
            search: Default::default(),
            facsimile: Default::default(),
            data_dir,
            notice: None,
            problems_dismissed: false,
            anchors,
            highlights: Highlights::default(),
            highlight_inputs: None,
            highlight_revision: 0,
            title: String::new(),
        };
        app.analyse_in_background();
        app.say_what_migration_changed();
        app
    }

    /// Says in the status bar when the notebook just opened was in an earlier format.
    fn say_what_migration_changed(&mut self) {
        if let (Some(m), Some(path)) = (self.session.migrated, &self.session.path) {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let joined = match m.joined_pairs {
                0 => String::new(),
                1 => "; 1 note on a pair is now one note on both passages".into(),
                n => format!("; {n} notes on a pair are now one note on both passages each"),
            };
            self.say(format!(
                "{name} is from an earlier Reading Room{joined}.\n{name}: {m}."
            ));
        }
    }

    /// Starts analysing the library (people, roles, speakers, search index) off the UI thread
    /// when it is not analysed yet; the window works meanwhile, and the status bar shows how far
    /// it has come.
    pub fn analyse_in_background(&mut self) {
        if self.workspace.analysed {
            return;
        }
        let ws = std::sync::Arc::clone(&self.workspace);
        let job = crate::jobs::spawn("Analysing the library", move |ctx| {
            notes_files::JobOutput::Analysis(Box::new(ws.analysed(Some(ctx))))
        });
        self.jobs.push(job);
    }

    /// The open document.
    pub fn open_document(&self) -> &Document {
        &self.workspace.corpus.documents[self.open]
    }

    /// What hovering a name at this offset of the open document shows: who the person is,
    /// their roles here and how many documents they are in (None where no name is marked).
    pub fn name_tooltip_at(&self, at: usize) -> Option<String> {
        self.highlights.hover_text(at)
    }

    /// Ids of the notes highlighted in the reader right now (for tests and screen readers).
    pub fn highlighted_notes(&self) -> Vec<String> {
        self.highlights
            .annotations
            .iter()
            .map(|a| a.id.clone())
            .collect()
    }

    /// The stretches of the open document dimmed by "show only what … said" (char ranges).
    pub fn dimmed_ranges(&self) -> &[(usize, usize)] {
        &self.highlights.dimmed
    }

    /// The passages in the speaker gutter of the open document: (start, end, label).
    pub fn gutter_passages(&self) -> Vec<(usize, usize, String)> {
        self.highlights
            .speakers
            .iter()
            .map(|m| (m.start, m.end, m.label.clone()))
            .collect()
    }

    /// Where notebooks go by default.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Opens a document in the reader.
    pub fn open_doc(&mut self, index: usize) {
        self.view = CentralView::Reader;
        if index != self.open {
            self.open = index;
            self.reader.reset();
            self.find.computed_for = None;
        }
        self.prefs.open_document = Some(self.open_document().meta.id.clone());
    }

    /// Shows a short message in the status bar.
    pub fn notify(&mut self, _ctx: &egui::Context, text: impl Into<String>) {
        self.say(text);
    }

    /// Shows a message in the status bar, for its full time from the frame it first appears.
    pub fn say(&mut self, text: impl Into<String>) {
        self.notice = Some(super::notice::Notice::new(text));
    }

    /// The status bar's message, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// Applies an edit to the notebook (undoable, autosaved).
    pub fn apply(&mut self, command: Command) {
        if let Err(e) = self.session.apply(command) {
            self.say(format!("Could not apply: {e}"));
        }
    }

    /// A file given on the command line (opened from the file manager): a notebook is opened;
    /// anything else is offered in the Import notes window, which asks before it merges.
    pub fn open_given_file(&mut self, file: &Path) {
        let is_notebook = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if is_notebook {
            if let Err(e) = self.open_notebook(file) {
                self.say(format!("{} could not be opened: {e}", file.display()));
            }
            return;
        }
        let mut p = windows::prompt(super::windows::PromptKind::ImportNotes, self);
        p.text = file.display().to_string();
        self.prompt = Some(p);
    }

    /// Switches to another notebook file (flushing the current one).
    pub fn open_notebook(&mut self, path: &Path) -> Result<(), String> {
        let session = NotebookSession::open(path).map_err(|e| e.to_string())?;
        self.session.flush();
        self.anchors.save(self.session.path.as_deref());
        self.session = session;
        self.prefs.remember(path);
        self.notebook_error = None;
        self.anchors = AnchorCache::for_notebook(Some(path));
        self.say_what_migration_changed();
        Ok(())
    }

    /// Creates a new, empty notebook at `path` (refuses to touch an existing file).
    pub fn new_notebook(&mut self, path: &Path) -> Result<(), String> {
        if path.exists() {
            return Err(format!(
                "{} already exists: use Open to open it",
                path.display()
            ));
        }
        self.open_notebook(path)
    }

    /// Brings back a saved version as one change (the notes before it stay in the history).
    pub fn restore_version(&mut self, v: &crate::notes::history::Version) {
        if let Some(reason) = &self.session.read_only {
            self.say(format!("Not restored: {reason}."));
            return;
        }
        match crate::notes::store::read_file(&v.path) {
            Ok(parsed) if parsed.read_only_reason().is_none() => {
                self.session.replace(parsed.notebook);
                self.refresh_comparison();
                self.say(format!(
                    "Restored the version of {}; the notes before it are kept in the history.",
                    v.saved
                ));
            }
            Ok(parsed) => self.say(format!(
                "Not restored: {}.",
                parsed.read_only_reason().unwrap_or_default()
            )),
            Err(e) => self.say(format!("Not restored: {e}")),
        }
    }

    /// Saves the (unsaved) notebook to a new place.
    pub fn save_as(&mut self, path: &Path) -> Result<(), String> {
        self.session.save_as(path).map_err(|e| e.to_string())?;
        self.prefs.remember(path);
        self.notebook_error = None;
        Ok(())
    }

    fn jump(&mut self, ctx: &egui::Context, doc: &str, start: usize, end: usize) {
        if let Some(i) = self.workspace.corpus.index_of(doc) {
            self.open_doc(i);
            self.reader.scroll_to = Some(start);
            self.reader.flash = Some((start, end, ctx.input(|i| i.time)));
            self.reader.selection = Some(Selection {
                anchor: start,
                head: end,
            });
        }
    }

    fn handle_notes_events(&mut self, ctx: &egui::Context, events: Vec<NotesEvent>) {
        for e in events {
            match e {
                NotesEvent::Jump(doc, s, t) => self.jump(ctx, &doc, s, t),
                NotesEvent::ShowRegion(doc, page) => self.show_region(&doc, page),
                NotesEvent::Edit(id) => self.edit_note(&id),
                NotesEvent::Command(c) => self.apply(*c),
                NotesEvent::NewMemo => self.editor = Some(Editor::new(Target::Memo)),
                NotesEvent::NewDocumentNote => {
                    let doc = self.open_document().meta.id.clone();
                    self.editor = Some(Editor::new(Target::Document { doc }));
                }
                NotesEvent::Reattach(id) => {
                    let Some(sel) = self.reader.selection.filter(|s| !s.is_empty()) else {
                        self.notify(ctx, "Select the passage in the reader, then Re-attach.");
                        continue;
                    };
                    if let Some(a) = self.session.notebook.get(&id) {
                        let (s, t) = sel.range();
                        let doc = self.open_document();
                        let mut updated = a.clone();
                        let placed = text_target(&doc.meta.id, &doc.text, s, t);
                        // A note on a pair keeps its other passage: the one in this document
                        // is moved (or, with none here, the first).
                        match updated
                            .other_targets
                            .iter_mut()
                            .find(|t| t.doc() == Some(doc.meta.id.as_str()))
                        {
                            Some(other) => *other = placed,
                            None => updated.target = placed,
                        }
                        updated.modified = crate::notes::model::now_rfc3339();
                        self.apply(Command::Update(updated));
                        self.notify(ctx, "Note re-attached.");
                    }
                }
            }
        }
    }
}

impl eframe::App for ReadingRoomApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        ctx.set_theme(match self.prefs.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
        self.session.poll();
        self.finish_jobs();
        self.apply_reading_settings(&ctx);
        self.refresh_anchors();
        let title = format!("Reading Room — {}", self.session.name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        let now = ctx.input(|i| i.time);
        if self.notice.as_mut().is_some_and(|n| n.expired(now)) {
            self.notice = None;
        }
        if self.editor.is_none()
            && self.quick_open.is_none()
            && self.prompt.is_none()
            && self.add_document_form.is_none()
            && self.go_to_page.is_none()
            && self.correct_form.is_none()
        {
            for action in shortcuts::pressed(&ctx) {
                self.act(&ctx, action);
            }
        }
        self.refresh_undoable_correction();
        let menu = self.menu_state();
        let chosen = egui::Panel::top("menu")
            .show(ui, |ui| super::menu::menu_bar(&menu, ui))
            .inner;
        for action in chosen {
            self.act(&ctx, action);
        }
        self.banners(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        // Side panels: hidden and shown with Ctrl+Shift+L / Ctrl+Shift+N (or the buttons in
        // the menu bar); sized to the window at first, never so wide that the text has no room.
        let width = ctx.content_rect().width();
        let side = |share: f32, most: f32| (width * share).clamp(180.0, most);
        if self.prefs.panels.library {
            egui::Panel::left("library")
                .resizable(true)
                .default_size(side(0.26, 360.0))
                .min_size(180.0)
                .max_size((width * 0.27).max(180.0))
                .show(ui, |ui| {
                    let ws = &self.workspace;
                    match self.prefs.library.show(ui, ws, self.open) {
                        Some(LibraryEvent::Open(i)) => {
                            self.comparison = None;
                            self.open_doc(i);
                        }
                        Some(LibraryEvent::CompareWithOpen(i)) => {
                            let open = self.open;
                            self.compare(open, i);
                        }
                        None => {}
                    }
                });
        }
        self.refresh_anchors();
        if self.prefs.panels.notes {
            egui::Panel::right("notes")
                .resizable(true)
                .default_size(side(0.24, 340.0))
                .min_size(180.0)
                .max_size((width * 0.27).max(180.0))
                .show(ui, |ui| {
                    // While comparing, "this document" is the two compared.
                    let open_ids: Vec<String> = match &self.comparison {
                        Some(c) => [c.a, c.b]
                            .iter()
                            .map(|&i| self.workspace.corpus.documents[i].meta.id.clone())
                            .collect(),
                        None => vec![self.open_document().meta.id.clone()],
                    };
                    let events = self.prefs.notes.show(
                        ui,
                        &self.workspace,
                        &self.session.notebook,
                        &self.anchors.map,
                        &open_ids,
                        self.session.revision,
                    );
                    self.handle_notes_events(&ctx, events);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.comparison.is_some() {
                self.comparison_panel(ui);
            } else {
                self.central_view(ui);
            }
        });

        if let Some(editor) = &mut self.editor {
            let titles: Vec<String> = editor
                .targets()
                .map(|t| {
                    t.doc()
                        .and_then(|d| self.workspace.corpus.get(d))
                        .map_or("Memo".to_string(), |d| d.meta.short_title.clone())
                })
                .collect();
            match editor.show(&ctx, &self.session.notebook, &self.prefs.author, &titles) {
                EditorResult::Open => {}
                EditorResult::Cancel => self.close_editor_keeping_draft(),
                EditorResult::Save(commands) => {
                    if let Some(t) = self.editor.as_ref().and_then(|e| e.tags.last()) {
                        self.prefs.last_tag = Some(t.clone());
                    }
                    self.editor = None;
                    self.draft = None;
                    for c in commands {
                        self.apply(c);
                    }
                    self.reader.selection = None;
                }
            }
        }
        windows::show_windows(self, &ctx);
        // An Escape no window closed with clears the reader's selection.
        if crate::ui::windows::escape(&ctx) {
            self.reader.selection = None;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.open_document = Some(self.open_document().meta.id.clone());
        self.prefs.font_size = self.reader.font_size;
        eframe::set_value(storage, STORAGE_KEY, &self.prefs);
    }

    fn on_exit(&mut self) {
        self.session.flush();
        self.anchors.save(self.session.path.as_deref());
    }
}
