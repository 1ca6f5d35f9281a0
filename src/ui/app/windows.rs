//! The glue between the app and its small windows (`ui/windows/`): what each is given, and
//! what is done with what it returns.

use super::{NotesScope, ReadingRoomApp};
use crate::ui::windows::path_prompt::{PathPrompt, PromptInfo, PromptKind};
use crate::ui::windows::{
    about, add_document, help, import_report, path_prompt, quick_open, settings, versions,
};

/// A path prompt of this kind, pre-filled with a file in the data directory.
pub fn prompt(kind: PromptKind, app: &ReadingRoomApp) -> PathPrompt {
    let dir = app.data_dir().to_path_buf();
    let text = match kind {
        PromptKind::Open => app.session.path.clone().unwrap_or(dir.join("notebook.ron")),
        PromptKind::ExportComparison => dir.join("comparison.md"),
        PromptKind::ExportNotes => dir.join("notes.md"),
        PromptKind::ExportConcordance => dir.join("concordance.md"),
        PromptKind::ExportCooccurrence => dir.join("cooccurrence.csv"),
        PromptKind::ImportNotes => dir.join("colleague.ron"),
        PromptKind::ImportDocuments => directories::UserDirs::new()
            .map(|u| {
                u.document_dir()
                    .unwrap_or_else(|| u.home_dir())
                    .to_path_buf()
            })
            .unwrap_or_default(),
        _ => dir.join("new-notebook.ron"),
    };
    let format = app
        .prefs
        .export_format
        .as_deref()
        .and_then(crate::export::notebook::Format::parse)
        .unwrap_or(crate::export::notebook::Format::Markdown);
    let text = if kind == PromptKind::ExportNotes {
        text.with_extension(format.extension())
    } else {
        text
    };
    PathPrompt {
        format,
        library_documents: false,
        kind,
        text: text.display().to_string(),
        error: None,
        hint: None,
        // What the panel shows, unless it shows nothing.
        notes_scope: if app.notes_in_scope(NotesScope::AsShown) > 0 {
            NotesScope::AsShown
        } else {
            NotesScope::All
        },
    }
}

/// What the prompt shows of the open notebook (the scopes of Export notes).
fn prompt_info(app: &ReadingRoomApp, ctx: &egui::Context) -> PromptInfo {
    let panel = if app.prefs.notes.only_open_document {
        format!("this document: {}", app.open_document().meta.short_title)
    } else {
        "all documents".to_string()
    };
    let tag = app
        .prefs
        .notes
        .tag
        .as_ref()
        .map_or(String::new(), |t| format!(", tag {t}"));
    PromptInfo {
        all_notes: app.notes_in_scope(NotesScope::All),
        shown_notes: app.notes_in_scope(NotesScope::AsShown),
        panel: format!("{panel}{tag}"),
        answers: app.answers_scope().map(|(q, ids)| (q, ids.len())),
        library: app.library_summary(ctx),
    }
}

/// Shows whichever small windows are open, and applies what they return.
pub(super) fn show_windows(app: &mut ReadingRoomApp, ctx: &egui::Context) {
    use add_document::AddDocumentEvent;
    use path_prompt::PromptEvent;
    use quick_open::QuickOpenEvent;
    let start = app.data_dir().to_path_buf();
    if let Some(mut f) = app.add_document_form.take() {
        match add_document::show(ctx, &mut f, app.dialogs.as_mut(), &start) {
            Some(AddDocumentEvent::Add(path, options)) => {
                app.start_import_documents(vec![path], *options, Some(f))
            }
            Some(AddDocumentEvent::Close) => {}
            None => app.add_document_form = Some(f),
        }
    }
    if let Some(mut p) = app.prompt.take() {
        let info = prompt_info(app, ctx);
        match path_prompt::show(ctx, &mut p, &info, app.dialogs.as_mut(), &start) {
            Some(PromptEvent::Submit(path)) => {
                let result = match p.kind {
                    PromptKind::Open => app.open_notebook(&path),
                    PromptKind::New => app.new_notebook(&path),
                    PromptKind::SaveAs => app.save_as(&path),
                    PromptKind::ExportComparison => app.export_comparison(&path),
                    PromptKind::ExportNotes => {
                        app.prefs.export_format = Some(p.format.slug().to_string());
                        if p.format.is_bibliography() && p.library_documents {
                            let shown = app.prefs.library.visible_memo(ctx, &app.workspace);
                            app.start_export_library_documents(&path, &shown, p.format)
                        } else {
                            app.start_export_notes_as(&path, p.notes_scope, p.format)
                        }
                    }
                    PromptKind::ExportConcordance => app.export_concordance(&path),
                    PromptKind::ExportCooccurrence => app.export_cooccurrence(&path),
                    PromptKind::ImportNotes => {
                        app.start_import(&path);
                        Ok(())
                    }
                    PromptKind::ReplaceText => app.replace_open_text(&path),
                    PromptKind::ImportDocuments => {
                        if path.exists() {
                            app.start_import_documents(
                                vec![path],
                                crate::import::store::ImportOptions::default(),
                                None,
                            );
                            Ok(())
                        } else {
                            Err(format!("{}: no such file or folder", path.display()))
                        }
                    }
                };
                if let Err(e) = result {
                    p.error = Some(e);
                    app.prompt = Some(p);
                }
            }
            Some(PromptEvent::Close) => {}
            None => app.prompt = Some(p),
        }
    }
    if let Some(mut q) = app.quick_open.take() {
        match quick_open::show(ctx, &mut q, &app.workspace) {
            Some(QuickOpenEvent::Open(i)) => app.open_doc(i),
            Some(QuickOpenEvent::Close) => {}
            None => app.quick_open = Some(q),
        }
    }
    if let Some(mut f) = app.details_form.take() {
        use crate::ui::windows::edit_details::{DetailsEvent, show};
        match show(ctx, &mut f) {
            Some(DetailsEvent::Save(meta)) => {
                if let Err(e) = app.save_details(*meta) {
                    f.error = Some(e);
                    app.details_form = Some(f);
                }
            }
            Some(DetailsEvent::Close) => {}
            None => app.details_form = Some(f),
        }
    }
    app.other_version_window(ctx);
    if let Some(mut f) = app.correct_form.take() {
        use crate::ui::windows::correct_text::{CorrectEvent, show};
        match show(ctx, &mut f) {
            Some(CorrectEvent::Apply) => {
                if let Err(e) = app.apply_correction(&f) {
                    f.error = Some(e);
                    app.correct_form = Some(f);
                }
            }
            Some(CorrectEvent::Close) => {}
            None => app.correct_form = Some(f),
        }
    }
    if let Some(mut g) = app.go_to_page.take() {
        use crate::ui::windows::go_to_page::{GoToPageEvent, show};
        let pages = app.page_list();
        match show(ctx, &mut g, &pages) {
            Some(GoToPageEvent::Go(page)) => {
                if let Err(e) = app.go_to_page(ctx, &page) {
                    g.error = Some(e);
                    app.go_to_page = Some(g);
                }
            }
            Some(GoToPageEvent::Close) => {}
            None => app.go_to_page = Some(g),
        }
    }
    if let Some(mut f) = app.people_form.take() {
        use crate::ui::windows::your_people::{PeopleEvent, show};
        match show(ctx, &mut f) {
            Some(PeopleEvent::Close) => {}
            Some(event) => {
                app.edit_people(&event, &mut f);
                app.people_form = Some(f);
            }
            None => app.people_form = Some(f),
        }
    }
    if let Some(report) = app.import_report.take() {
        match import_report::show(ctx, &report) {
            Some(import_report::ImportReportEvent::Open(id)) => {
                if let Some(i) = app.workspace.corpus.index_of(&id) {
                    app.open_doc(i);
                }
                app.import_report = Some(report);
            }
            Some(import_report::ImportReportEvent::Close) => {}
            None => app.import_report = Some(report),
        }
    }
    if app.windows.welcome {
        crate::ui::windows::welcome::show(ctx, &mut app.windows.welcome);
        if !app.windows.welcome {
            app.prefs.welcomed = true;
        }
    }
    help::show(ctx, &mut app.windows.help);
    about::show(ctx, &mut app.windows.about);
    if app.windows.settings {
        let ws = app.workspace.clone();
        let draft = app
            .windows
            .citation
            .get_or_insert_with(|| settings::CitationDraft::of(ws.citer.settings()));
        let changed = settings::show(ctx, &mut app.windows.settings, &mut app.prefs, &ws, draft);
        if let Some(new) = changed {
            app.set_citation_settings(ctx, new);
        }
    } else {
        app.windows.citation = None;
    }
    if app.session.path.is_some() {
        let mut open = app.windows.versions;
        if open && let Some(v) = versions::show(ctx, &mut open, &app.windows.version_list) {
            app.restore_version(&v);
        }
        app.windows.versions = open;
    }
}
