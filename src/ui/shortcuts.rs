//! Every verb of the window as one [`Action`], with its label, and every keyboard shortcut in
//! one table (F1 shows it; a test checks that none clash). Menus and shortcuts only *send*
//! actions; `ReadingRoomApp::act` is the one place that applies them, so a menu entry and its
//! shortcut cannot do different things, and the shortcut a menu shows is the table's.

use super::central::CentralView;
use super::prefs::Theme;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user asks the window to do (from a menu, a shortcut or a button).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// File → New notebook.
    NewNotebook,
    /// File → Open notebook.
    OpenNotebook,
    /// File → Save notebook as.
    SaveNotebookAs,
    /// File → Recent notebooks: the n-th remembered one.
    OpenRecent(usize),
    /// File → Add document.
    AddDocument,
    /// File → Import files and folders.
    ImportDocuments,
    /// File → Export notes.
    ExportNotes,
    /// File → Export concordance.
    ExportConcordance,
    /// File → Import notes.
    ImportNotes,
    /// File → Export comparison (with a comparison open).
    ExportComparison,
    /// File → Restore version.
    RestoreVersion,
    /// File → Settings.
    Settings,
    /// Edit → Resume draft: the note being written when the editor closed unsaved.
    ResumeDraft,
    /// View → Compare memoir versions.
    CompareMemoirs,
    /// View → one of the central views.
    ShowView(CentralView),
    /// View → Theme.
    SetTheme(Theme),
    /// Help → About.
    About,
    /// Quick open (fuzzy over titles, dates, people).
    QuickOpen,
    /// Find in the document.
    Find,
    /// Search all documents.
    SearchAll,
    /// Next search hit.
    FindNext,
    /// Previous search hit.
    FindPrevious,
    /// Annotate the selection.
    Annotate,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Copy the selection with a citation.
    CopyWithCitation,
    /// Copy a Pandoc citation of the selection (`[@key, 38]`), keys as in the BibTeX export.
    CopyPandocCitation,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Show the shortcuts.
    Help,
    /// New memo (a note tied to no document).
    NewMemo,
    /// Edit → Your people: add people and forms of names, merge, split.
    YourPeople,
    /// Edit → Highlight with the last tag: a note on the selection, tagged as the last one.
    HighlightWithLastTag,
    /// View → Go to page.
    GoToPage,
    /// Edit → Correct the selected text (of one of your documents).
    CorrectText,
    /// Edit → Undo the last text correction of the open document.
    UndoCorrection,
    /// View → Library panel (show or hide).
    ToggleLibrary,
    /// View → Notes panel (show or hide).
    ToggleNotes,
    /// View → The original beside the text (show or hide).
    ToggleFacsimile,
    /// File → Quit.
    Quit,
    /// Next difference in the comparison.
    NextDifference,
    /// Previous difference in the comparison.
    PreviousDifference,
}

impl Action {
    /// The words of its menu entry.
    pub fn label(self) -> &'static str {
        match self {
            Action::NewNotebook => "New notebook…",
            Action::OpenNotebook => "Open notebook…",
            Action::SaveNotebookAs => "Save notebook as…",
            Action::OpenRecent(_) => "Open a recent notebook",
            Action::AddDocument => "Add document…",
            Action::ImportDocuments => "Import files and folders…",
            Action::ExportNotes => "Export notes…",
            Action::ExportConcordance => "Export concordance…",
            Action::ImportNotes => "Import notes…",
            Action::ExportComparison => "Export comparison…",
            Action::RestoreVersion => "Restore version…",
            Action::Settings => "Settings…",
            Action::ResumeDraft => "Resume draft",
            Action::CompareMemoirs => "Compare memoir versions",
            Action::ShowView(CentralView::Reader) => "Reader",
            Action::ShowView(CentralView::Timeline) => "Timeline",
            Action::ShowView(CentralView::People) => "People",
            Action::ShowView(CentralView::Speakers) => "Who said what",
            Action::ShowView(CentralView::Search) => "Search all documents…",
            Action::ShowView(CentralView::Questions) => "Questions about my notes",
            Action::ShowView(CentralView::Cooccurrence) => "What co-occurs",
            Action::ShowView(CentralView::Frequency) => "Codes over time",
            Action::SetTheme(Theme::System) => "Follow the system",
            Action::SetTheme(Theme::Light) => "Light",
            Action::SetTheme(Theme::Dark) => "Dark",
            Action::About => "About Reading Room",
            Action::QuickOpen => "Quick open…",
            Action::Find => "Find…",
            Action::SearchAll => "Search all documents…",
            Action::FindNext => "Find next",
            Action::FindPrevious => "Find previous",
            Action::Annotate => "Annotate selection",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::CopyWithCitation => "Copy with citation",
            Action::CopyPandocCitation => "Copy as Pandoc citation",
            Action::ZoomIn => "Larger text",
            Action::ZoomOut => "Smaller text",
            Action::Help => "Keyboard shortcuts",
            Action::NewMemo => "New memo",
            Action::YourPeople => "People and forms of names…",
            Action::HighlightWithLastTag => "Highlight with the last tag",
            Action::GoToPage => "Go to page…",
            Action::CorrectText => "Correct the selected text…",
            Action::UndoCorrection => "Undo the last text correction",
            Action::ToggleLibrary => "Library panel",
            Action::ToggleNotes => "Notes panel",
            Action::ToggleFacsimile => "Original beside the text",
            Action::Quit => "Quit",
            Action::NextDifference => "Next difference",
            Action::PreviousDifference => "Previous difference",
        }
    }

    /// Its first shortcut in the table, if it has one.
    pub fn shortcut(self) -> Option<&'static Shortcut> {
        SHORTCUTS.iter().find(|s| s.action == self)
    }

    /// The shortcut as its menu entry shows it ("Ctrl+Shift+Z"), or nothing.
    pub fn shortcut_text(self) -> String {
        self.shortcut().map_or(String::new(), |s| describe(&s.keys))
    }
}

/// A shortcut: keys, action, description.
pub struct Shortcut {
    /// The keys, matched with "at least these modifiers" (see the order of `SHORTCUTS`).
    pub keys: KeyboardShortcut,
    /// What it does.
    pub action: Action,
    /// What the help window says.
    pub description: &'static str,
}

const fn sc(modifiers: Modifiers, key: Key, action: Action, description: &'static str) -> Shortcut {
    Shortcut {
        keys: KeyboardShortcut::new(modifiers, key),
        action,
        description,
    }
}

const CMD_ALT: Modifiers = Modifiers {
    alt: true,
    ctrl: false,
    shift: false,
    mac_cmd: false,
    command: true,
};

const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// The table. Ordered so that a shortcut with more modifiers comes before the same key with
/// fewer (Ctrl+Shift+Z before Ctrl+Z): egui's `consume_shortcut` matches "at least" these
/// modifiers.
pub const SHORTCUTS: [Shortcut; 24] = [
    sc(CMD_SHIFT, Key::Z, Action::Redo, "Redo"),
    sc(
        CMD_SHIFT,
        Key::E,
        Action::HighlightWithLastTag,
        "Highlight the selection with the last tag used",
    ),
    sc(
        CMD_SHIFT,
        Key::L,
        Action::ToggleLibrary,
        "Show or hide the library",
    ),
    sc(
        CMD_SHIFT,
        Key::N,
        Action::ToggleNotes,
        "Show or hide the notes panel",
    ),
    sc(
        CMD_SHIFT,
        Key::O,
        Action::ToggleFacsimile,
        "Show or hide the original (the PDF's pages) beside the text",
    ),
    sc(CMD_SHIFT, Key::F, Action::SearchAll, "Search all documents"),
    sc(
        CMD_SHIFT,
        Key::A,
        Action::ShowView(CentralView::Questions),
        "Questions about my notes",
    ),
    sc(
        CMD_SHIFT,
        Key::C,
        Action::CopyWithCitation,
        "Copy the selection with a Chicago citation",
    ),
    sc(
        CMD_ALT,
        Key::C,
        Action::CopyPandocCitation,
        "Copy a Pandoc citation of the selection ([@key, page])",
    ),
    sc(
        CMD_SHIFT,
        Key::M,
        Action::NewMemo,
        "New memo (a note tied to no document)",
    ),
    sc(
        Modifiers::COMMAND,
        Key::P,
        Action::QuickOpen,
        "Quick open: documents by title, date or person",
    ),
    sc(
        Modifiers::COMMAND,
        Key::F,
        Action::Find,
        "Find in the document",
    ),
    sc(
        Modifiers::SHIFT,
        Key::F3,
        Action::FindPrevious,
        "Previous match",
    ),
    sc(Modifiers::NONE, Key::F3, Action::FindNext, "Next match"),
    sc(
        Modifiers::COMMAND,
        Key::E,
        Action::Annotate,
        "Annotate the selection",
    ),
    sc(
        Modifiers::COMMAND,
        Key::G,
        Action::GoToPage,
        "Go to a page (the paper's or the original's numbers)",
    ),
    sc(Modifiers::COMMAND, Key::Q, Action::Quit, "Quit"),
    sc(Modifiers::COMMAND, Key::Z, Action::Undo, "Undo"),
    sc(Modifiers::COMMAND, Key::Y, Action::Redo, "Redo"),
    sc(Modifiers::COMMAND, Key::Plus, Action::ZoomIn, "Larger text"),
    sc(
        Modifiers::COMMAND,
        Key::Minus,
        Action::ZoomOut,
        "Smaller text",
    ),
    sc(
        Modifiers::NONE,
        Key::F1,
        Action::Help,
        "Show this list of shortcuts",
    ),
    sc(
        Modifiers::SHIFT,
        Key::F7,
        Action::PreviousDifference,
        "Comparison: previous difference",
    ),
    sc(
        Modifiers::NONE,
        Key::F7,
        Action::NextDifference,
        "Comparison: next difference",
    ),
];

/// The actions whose shortcuts were pressed this frame.
pub fn pressed(ctx: &egui::Context) -> Vec<Action> {
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for s in &SHORTCUTS {
            if i.consume_shortcut(&s.keys) {
                out.push(s.action);
            }
        }
        // Ctrl+= is Ctrl+Plus on most keyboards.
        if i.consume_key(Modifiers::COMMAND, Key::Equals) {
            out.push(Action::ZoomIn);
        }
    });
    out
}

/// Human text for a shortcut ("Ctrl+Shift+C").
pub fn describe(keys: &KeyboardShortcut) -> String {
    let mut s = String::new();
    if keys.modifiers.command || keys.modifiers.ctrl {
        s.push_str("Ctrl+");
    }
    if keys.modifiers.alt {
        s.push_str("Alt+");
    }
    if keys.modifiers.shift {
        s.push_str("Shift+");
    }
    s.push_str(keys.logical_key.name());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_shortcuts_share_keys_and_specific_ones_come_first() {
        for (i, a) in SHORTCUTS.iter().enumerate() {
            for b in &SHORTCUTS[i + 1..] {
                assert!(
                    !(a.keys.logical_key == b.keys.logical_key
                        && a.keys.modifiers == b.keys.modifiers),
                    "{} and {} clash",
                    describe(&a.keys),
                    describe(&b.keys)
                );
                // A shortcut that would also match `b`'s keys must not hide it.
                if a.keys.logical_key == b.keys.logical_key {
                    assert!(
                        !b.keys.modifiers.contains(a.keys.modifiers)
                            || a.keys.modifiers == b.keys.modifiers,
                        "{} would swallow {}",
                        describe(&a.keys),
                        describe(&b.keys)
                    );
                }
            }
        }
    }
}
