//! What the researcher chose about citations, kept in `citation.ron` in the data directory
//! (the window's Settings and the command line read the same file): the style, and the working
//! paper's publication details the paper itself does not print.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// File name of the citation settings in the data directory.
pub const SETTINGS_FILE: &str = "citation.ron";
/// Largest settings file read.
const MAX_SETTINGS_BYTES: u64 = 64 * 1024;
/// Longest value kept in a field of the paper's details.
const MAX_FIELD_CHARS: usize = 500;

/// A citation style, as bundled with hayagriva (the official CSL styles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationStyle {
    /// The Chicago Manual of Style, notes and bibliography: a full note the first time, a short
    /// note after.
    #[default]
    ChicagoNotes,
    /// Chicago's shortened notes: a short note every time, with the bibliography.
    ChicagoShortenedNotes,
    /// The Chicago Manual of Style, author-date.
    ChicagoAuthorDate,
    /// Turabian (Chicago 17th edition notes, full then short).
    Turabian,
    /// MLA (author-page).
    Mla,
    /// APA (author-date).
    Apa,
}

impl CitationStyle {
    /// Every style, in the order Settings lists them.
    pub const ALL: [CitationStyle; 6] = [
        CitationStyle::ChicagoNotes,
        CitationStyle::ChicagoShortenedNotes,
        CitationStyle::ChicagoAuthorDate,
        CitationStyle::Turabian,
        CitationStyle::Mla,
        CitationStyle::Apa,
    ];

    /// How Settings names it.
    pub fn label(self) -> &'static str {
        match self {
            CitationStyle::ChicagoNotes => "Chicago notes and bibliography (full note, then short)",
            CitationStyle::ChicagoShortenedNotes => "Chicago shortened notes and bibliography",
            CitationStyle::ChicagoAuthorDate => "Chicago author-date",
            CitationStyle::Turabian => "Turabian (full note, then short)",
            CitationStyle::Mla => "MLA",
            CitationStyle::Apa => "APA",
        }
    }

    /// Its name on the command line and in `citation.ron`.
    pub fn slug(self) -> &'static str {
        match self {
            CitationStyle::ChicagoNotes => "chicago-notes",
            CitationStyle::ChicagoShortenedNotes => "chicago-shortened-notes",
            CitationStyle::ChicagoAuthorDate => "chicago-author-date",
            CitationStyle::Turabian => "turabian",
            CitationStyle::Mla => "mla",
            CitationStyle::Apa => "apa",
        }
    }

    /// The style named by a slug.
    pub fn parse(s: &str) -> Option<CitationStyle> {
        CitationStyle::ALL.into_iter().find(|c| c.slug() == s)
    }

    /// The name of the style in hayagriva's archive of CSL styles.
    pub(super) fn archive_name(self) -> &'static str {
        match self {
            CitationStyle::ChicagoNotes => "chicago-notes",
            CitationStyle::ChicagoShortenedNotes => "chicago-shortened-notes",
            CitationStyle::ChicagoAuthorDate => "chicago-author-date",
            CitationStyle::Turabian => "turabian-fullnote-8",
            CitationStyle::Mla => "modern-language-association",
            CitationStyle::Apa => "apa",
        }
    }

    /// Whether each bibliography entry reads the same whatever its neighbours (no "———" for a
    /// repeated author, no "1961a"): then entries are written each on its own.
    pub fn entries_stand_alone(self) -> bool {
        matches!(
            self,
            CitationStyle::ChicagoNotes | CitationStyle::ChicagoShortenedNotes
        )
    }

    /// Whether it cites in notes (else in the text, by author and date or page).
    pub fn is_note_style(self) -> bool {
        matches!(
            self,
            CitationStyle::ChicagoNotes
                | CitationStyle::ChicagoShortenedNotes
                | CitationStyle::Turabian
        )
    }
}

/// The working paper's publication details, which the paper does not print: empty until the
/// researcher fills them in (a citation says less rather than something invented).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaperDetails {
    /// Who published it ("Woodrow Wilson International Center for Scholars").
    pub publisher: String,
    /// Where ("Washington, DC").
    pub place: String,
    /// When: a year, or `YYYY-MM` / `YYYY-MM-DD`.
    pub date: String,
    /// Where it is online.
    pub url: String,
}

impl PaperDetails {
    /// The date as CSL date parts, if it is one (`2019`, `2019-05`, `2019-05-14`).
    pub fn date_parts(&self) -> Option<Vec<i32>> {
        let parts: Vec<&str> = self.date.trim().split('-').collect();
        if parts.is_empty() || parts.len() > 3 || parts[0].len() != 4 {
            return None;
        }
        let numbers: Option<Vec<i32>> = parts.iter().map(|p| p.parse::<i32>().ok()).collect();
        let numbers = numbers?;
        let ok = numbers.get(1).is_none_or(|m| (1..=12).contains(m))
            && numbers.get(2).is_none_or(|d| (1..=31).contains(d));
        ok.then_some(numbers)
    }

    /// Why a field cannot be kept, if one cannot (said next to it in Settings).
    pub fn problem(&self) -> Option<String> {
        if !self.date.trim().is_empty() && self.date_parts().is_none() {
            return Some(format!(
                "the date {:?} is not a year or YYYY-MM or YYYY-MM-DD",
                self.date
            ));
        }
        let url = self.url.trim();
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            return Some(format!(
                "the link {url:?} does not start with https:// or http://"
            ));
        }
        None
    }

    fn cleaned(mut self) -> PaperDetails {
        for f in [
            &mut self.publisher,
            &mut self.place,
            &mut self.date,
            &mut self.url,
        ] {
            *f = f
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(MAX_FIELD_CHARS)
                .collect();
        }
        self
    }
}

/// The citation settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CitationSettings {
    /// The style every citation is written in.
    pub style: CitationStyle,
    /// The working paper's publication details.
    pub paper: PaperDetails,
}

/// Where the settings are kept for a data directory.
pub fn settings_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SETTINGS_FILE)
}

impl CitationSettings {
    /// Reads the settings of a data directory: the defaults when there is no file yet, an
    /// error naming the file and the line when it cannot be read (the file is left as it is).
    pub fn load(data_dir: &Path) -> Result<CitationSettings, crate::corpus::CorpusError> {
        let path = settings_path(data_dir);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(CitationSettings::default());
        }
        let problem = |line: Option<usize>, column: Option<usize>, message: String| {
            crate::corpus::CorpusError {
                file: path.clone(),
                line,
                column,
                field: None,
                message,
            }
        };
        let bytes = crate::files::read_regular(&path, MAX_SETTINGS_BYTES)
            .map_err(|e| problem(None, None, e.to_string()))?;
        let text =
            String::from_utf8(bytes).map_err(|_| problem(None, None, "not UTF-8 text".into()))?;
        let settings: CitationSettings = ron::from_str(&text).map_err(|e| {
            problem(
                Some(e.span.start.line),
                Some(e.span.start.col),
                format!(
                    "{}; expected the citation style and the paper's details (the defaults are used, the file is left as it is)",
                    e.code
                ),
            )
        })?;
        Ok(CitationSettings {
            paper: settings.paper.cleaned(),
            ..settings
        })
    }

    /// Writes the settings to a data directory (atomically, readable by the owner only).
    pub fn save(&self, data_dir: &Path) -> Result<(), String> {
        if let Some(p) = self.paper.problem() {
            return Err(p);
        }
        std::fs::create_dir_all(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
        let path = settings_path(data_dir);
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        crate::files::write_atomic(&path, text.as_bytes(), crate::files::NewFileMode::PRIVATE)
            .map_err(|e| format!("{}: cannot be written: {e}", path.display()))
    }
}
