//! The command line's arguments (clap): every subcommand and option, with its help text.

use crate::people::RoleFilter;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "readingroom",
    version,
    about = "Reading Room: read, annotate and compare the documents of CWIHP Working Paper #90.\n\
             Without a command, opens the workbench window."
)]
pub struct Cli {
    /// Load the corpus from this directory instead of the embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Keep notebooks in this directory instead of the platform data directory
    /// (also: environment variable READINGROOM_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Cite in this style for this run (default: the style chosen in Settings, kept in
    /// citation.ron in the data directory; else Chicago notes).
    #[arg(long, global = true, value_enum, value_name = "STYLE")]
    pub style: Option<StyleArg>,
    /// Open the window on this file (as the file manager does): a notebook (.ron) is opened;
    /// notes to import (.qdpx, .jsonld, .json) are offered for import, asked first.
    #[arg(value_name = "FILE")]
    pub open: Option<PathBuf>,
    /// What to do (nothing: open the window).
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// Subcommands (`readingroom docs`, `notes add`, …). Not to be confused with the notebook's
/// edit type, `notes::commands::Command`.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// List documents, optionally only those in which all the given people take part.
    Docs {
        /// A person (name, id or any form); repeat for "all of".
        #[arg(long = "person", value_name = "NAME")]
        people: Vec<String>,
        /// How the people must take part.
        #[arg(long, value_enum, default_value_t = RoleArg::Any)]
        role: RoleArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one document: metadata, text, mentions, footnotes, pages.
    Show {
        /// Document id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the people of the corpus; `people add/alias/merge` edit your people.
    People {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Change your people.
        #[command(subcommand)]
        action: Option<PeopleAction>,
    },
    /// Your collections, with how many documents each holds.
    Collections {
        /// Print JSON: [{"collection","documents"}].
        #[arg(long)]
        json: bool,
    },
    /// Search the full text: words, "phrases", AND/OR/NOT, NEAR/5, prefix*, fuzzy~, and
    /// date:1961-03..1961-06, kind:record, part:… or collection:"yours", person:/present:/spoke:/mentioned:/author:
    /// filters (case, accents and curly quotes ignored).
    Search {
        /// The query.
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// Print JSON (every hit counted; the first --limit listed).
        #[arg(long)]
        json: bool,
        /// At most this many hits.
        #[arg(long, default_value_t = 200)]
        limit: usize,
        /// Best matches first (the same as --order relevance).
        #[arg(long, conflicts_with = "order")]
        rank: bool,
        /// Order of documents.
        #[arg(long, value_enum, default_value_t = OrderArg::Corpus)]
        order: OrderArg,
        /// The notebook that tag:, tagonly:, note: and by: ask about (the notes on each
        /// document; default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
    },
    /// Ask your notes a question in the search language, plus tag:"NAME" (with the tags under
    /// it), tagonly:, note:WORDS and by:AUTHOR, e.g.
    /// 'tag:"CIA plots" AND speaker:"Fidel Castro" AND date:1961-03..1961-06 AND NOT kind:commentary'.
    Query {
        /// The question.
        #[arg(allow_hyphen_values = true)]
        question: String,
        /// Notebook file (default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// Print JSON: [{"note","doc","date","page","quote","text","tags","author","citation"}].
        #[arg(long)]
        json: bool,
        /// By the documents' dates instead of the library's order.
        #[arg(long)]
        by_date: bool,
    },
    /// What co-occurs in your notes: a table of tags against tags, people (who speak, are
    /// present or are named), documents or months; CSV by default.
    Cooccurrence {
        /// The rows: tags, people (who speak), present, mentioned, documents or months.
        #[arg(long, default_value = "tags")]
        rows: String,
        /// The columns (as --rows).
        #[arg(long, default_value = "people")]
        cols: String,
        /// Tags against tags: also count two notes whose passages overlap.
        #[arg(long, conflicts_with = "within")]
        overlapping: bool,
        /// Tags against tags: also count two notes whose passages are at most N sentences
        /// apart (0: in one sentence).
        #[arg(long, value_name = "N")]
        within: Option<u16>,
        /// Notebook file (default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// Print JSON: {"rows","cols","counts"} instead of CSV.
        #[arg(long)]
        json: bool,
    },
    /// Every passage a person spoke, in date order, with the evidence for each.
    Said {
        /// The person (name, id or any form).
        #[arg(long, value_name = "NAME")]
        person: String,
        /// Print JSON: [{"doc","date","start","end","text","evidence"}].
        #[arg(long)]
        json: bool,
        /// Print Markdown with citations instead (what File > Export concordance writes).
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// Only passages containing these words (case and accents ignored).
        #[arg(long, value_name = "WORDS", allow_hyphen_values = true)]
        containing: Option<String>,
    },
    /// The speaker of every sentence of a document, and why.
    Speakers {
        /// Document id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Align the sentences of two documents (e.g. the 1974 and 2007 memoirs).
    Align {
        /// First document id.
        a: String,
        /// Second document id.
        b: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export notes: Markdown with citations, CSV, W3C JSON-LD or RON.
    Export {
        /// Notebook file (default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// Format.
        #[arg(long, value_enum)]
        format: FormatArg,
        /// Only notes on this document; repeat for several.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Only notes with this tag; repeat for several.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The documents of this collection of yours or part of the paper (as --doc for each).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Write to this file (default: standard output).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Merge a colleague's notes into a notebook: a notebook (.ron), W3C JSON-LD, a REFI-QDA
    /// project (.qdpx) or a TEI edition with stand-off notes (.xml).
    Import {
        /// Notebook to merge into (default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// The file to import.
        from: PathBuf,
    },
    /// Add your own documents to your corpus: PDF, Word (.docx), OpenDocument (.odt), web pages
    /// (.html), TEI XML (a FRUS volume gives one document per document), Markdown and text, or
    /// folders of them; prints the ids it added (a duplicate of a file imported before is
    /// skipped).
    AddDoc {
        /// The files or folders.
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Title (for a file of one document; else the file's own title is used).
        #[arg(long, allow_hyphen_values = true)]
        title: Option<String>,
        /// Date: YYYY-MM-DD, YYYY-MM or YYYY; uncertain 1961?, approximate "c. 1961", a range 1961-03/1961-06.
        #[arg(long)]
        date: Option<String>,
        /// Citation, as you want it printed (used wherever the document is cited).
        #[arg(long, allow_hyphen_values = true)]
        citation: Option<String>,
        /// A person present; repeat for several.
        #[arg(long = "present", value_name = "NAME")]
        present: Vec<String>,
        /// Kind of document.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Put the documents in this collection ("FRUS 1961-63 vol. X").
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Print JSON: [{"id","title","pages","source_file"}], with what was skipped or refused.
        #[arg(long)]
        json: bool,
    },
    /// Replace the text of one of your documents with a new extraction: of FILE (a better scan,
    /// a corrected transcription), or of the kept original with today's importer. Notes stay and
    /// re-anchor on their quotes; those that cannot be placed are listed (orphans), never lost.
    ReplaceText {
        /// The document's id.
        id: String,
        /// The file to take the new text from (default: the original kept at import).
        file: Option<PathBuf>,
        /// Notebook whose notes to check (default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// Print JSON: {"id","importer","file","placed","orphans":[{"id","quote"}]}.
        #[arg(long)]
        json: bool,
    },
    /// Internal: extracts one file in a child process with limits (used by add-doc and the
    /// window; prints JSON).
    #[command(hide = true, name = "extract-worker")]
    ExtractWorker {
        /// The importer's name.
        #[arg(long)]
        format: String,
        /// Address-space limit in MB.
        #[arg(long, default_value_t = 2048)]
        memory_mb: u64,
        /// The file.
        file: PathBuf,
    },
    /// For packagers: writes the manual page (`readingroom.1`) and the shell completions
    /// (bash, zsh, fish) into a folder.
    #[command(hide = true, name = "generate-package-files")]
    GeneratePackageFiles {
        /// The folder to write them in (made if missing).
        dir: PathBuf,
    },
    /// Internal: draws a page of an original, or reads its glyphs, in a child process with
    /// limits (used by the window's facsimile; prints binary).
    #[command(hide = true, name = "facsimile-worker")]
    FacsimileWorker {
        /// Address-space limit in MB.
        #[arg(long, default_value_t = 1536)]
        memory_mb: u64,
        /// What to answer.
        #[command(subcommand)]
        ask: FacsimileAsk,
    },
    /// Add and list notes in a notebook (RON file).
    Notes {
        /// What to do with notes.
        #[command(subcommand)]
        action: NotesAction,
    },
    /// Maintainers: rebuild the corpus files from `corpus/source/`.
    #[command(hide = true)]
    Corpus {
        /// The corpus folder to build into.
        #[arg(long, default_value = "corpus")]
        root: PathBuf,
    },
    /// Maintainers: write a generated archive (the paper's texts, people and participants,
    /// recombined) for scale tests and benchmarks.
    #[command(hide = true)]
    GenerateArchive {
        /// The folder to write (a corpus directory, for `--corpus`).
        dir: PathBuf,
        /// How many documents.
        #[arg(long, default_value_t = 10_000)]
        documents: usize,
        /// About how many bytes each.
        #[arg(long, default_value_t = 5_000)]
        bytes: usize,
    },
}

/// Changes to your people (`<data dir>/people.ron`).
#[derive(Debug, Subcommand)]
pub enum PeopleAction {
    /// Add a person the registry does not know.
    Add {
        /// Their name as you want it shown.
        name: String,
        /// Who they were.
        #[arg(long, default_value = "")]
        description: String,
        /// Another form of the name in your documents; repeat for several.
        #[arg(long = "form", value_name = "FORM")]
        forms: Vec<String>,
    },
    /// Add another form of someone's name (a spelling, a transliteration, another script).
    Alias {
        /// The person (name, id or any form).
        person: String,
        /// The new form ("Khrushchov", "Хрущёв").
        form: String,
    },
    /// Split a person you (or an import) added in two: the forms given go to a new person.
    Split {
        /// The person split.
        person: String,
        /// The new person's name.
        #[arg(long)]
        name: String,
        /// A form that is the new person's; repeat for several.
        #[arg(long = "form", value_name = "FORM", required = true)]
        forms: Vec<String>,
    },
    /// Merge a person you (or an import) added into another: their forms join, they are gone.
    Merge {
        /// The person kept.
        kept: String,
        /// The person merged into them (one of yours).
        merged: String,
    },
}

/// How people take part (`docs --role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    /// Present at the conversation (or its author).
    Present,
    /// Named in the text.
    Mentioned,
    /// Speaks in it.
    Spoke,
    /// Any of these.
    Any,
}

impl RoleArg {
    /// The role filter it names.
    pub fn filter(self) -> RoleFilter {
        let name = match self {
            RoleArg::Present => "present",
            RoleArg::Mentioned => "mentioned",
            RoleArg::Spoke => "spoke",
            RoleArg::Any => "any",
        };
        RoleFilter::parse(name).unwrap_or_default()
    }
}

/// Orders of search results (`search --order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OrderArg {
    /// The corpus's order (stable, for scripts).
    Corpus,
    /// By document date, undated last.
    Date,
    /// Best matches first.
    Relevance,
}

impl OrderArg {
    /// The search order it names.
    pub fn order(self) -> crate::search::Order {
        match self {
            OrderArg::Corpus => crate::search::Order::Corpus,
            OrderArg::Date => crate::search::Order::Date,
            OrderArg::Relevance => crate::search::Order::Relevance,
        }
    }
}

/// Citation styles (`--style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StyleArg {
    /// Chicago notes and bibliography: a full note, then short notes.
    ChicagoNotes,
    /// Chicago shortened notes and bibliography.
    ChicagoShortenedNotes,
    /// Chicago author-date.
    ChicagoAuthorDate,
    /// Turabian (Chicago 17th edition notes).
    Turabian,
    /// MLA.
    Mla,
    /// APA.
    Apa,
}

impl StyleArg {
    /// The style it names.
    pub fn style(self) -> crate::export::cite::CitationStyle {
        use crate::export::cite::CitationStyle;
        match self {
            StyleArg::ChicagoNotes => CitationStyle::ChicagoNotes,
            StyleArg::ChicagoShortenedNotes => CitationStyle::ChicagoShortenedNotes,
            StyleArg::ChicagoAuthorDate => CitationStyle::ChicagoAuthorDate,
            StyleArg::Turabian => CitationStyle::Turabian,
            StyleArg::Mla => CitationStyle::Mla,
            StyleArg::Apa => CitationStyle::Apa,
        }
    }
}

/// Export formats (`export --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Markdown with citations.
    Md,
    /// CSV for a spreadsheet.
    Csv,
    /// W3C Web Annotation JSON-LD.
    Jsonld,
    /// A Reading Room notebook.
    Ron,
    /// The documents the notes are on, as CSL-JSON (Zotero, pandoc).
    CslJson,
    /// The same documents as BibLaTeX.
    Biblatex,
    /// The same documents as BibTeX.
    Bibtex,
    /// The same documents as RIS, with their notes.
    Ris,
    /// The annotated documents as one web page to read and print.
    Html,
    /// A folder of Markdown files, one per document, for Obsidian (needs -o FOLDER).
    Obsidian,
    /// A REFI-QDA project for ATLAS.ti, NVivo, QualCoder (needs -o FILE.qdpx).
    Qdpx,
    /// A REFI-QDA project for MAXQDA: CRLF line ends (needs -o).
    QdpxMaxqda,
    /// A REFI-QDA project whose sources start with a BOM (needs -o).
    QdpxBom,
    /// The codebook alone as REFI-QDA.
    Qdc,
    /// The documents with their notes as TEI P5 (stand-off annotations), for editions.
    Tei,
}

impl FormatArg {
    /// The export format it names.
    pub fn format(self) -> crate::export::notebook::Format {
        use crate::export::notebook::Format;
        match self {
            FormatArg::Md => Format::Markdown,
            FormatArg::Csv => Format::Csv,
            FormatArg::Jsonld => Format::JsonLd,
            FormatArg::Ron => Format::Ron,
            FormatArg::CslJson => Format::CslJson,
            FormatArg::Biblatex => Format::BibLaTeX,
            FormatArg::Bibtex => Format::BibTeX,
            FormatArg::Ris => Format::Ris,
            FormatArg::Html => Format::Html,
            FormatArg::Obsidian => Format::Obsidian,
            FormatArg::Qdpx => Format::Qdpx(crate::export::refi::Variant::Standard),
            FormatArg::QdpxMaxqda => Format::Qdpx(crate::export::refi::Variant::Maxqda),
            FormatArg::QdpxBom => Format::Qdpx(crate::export::refi::Variant::WithBom),
            FormatArg::Qdc => Format::Qdc,
            FormatArg::Tei => Format::Tei,
        }
    }
}

/// Kinds of a user's document (`add-doc --kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// A record of conversation.
    Record,
    /// A memoir.
    Memoir,
    /// Oral history.
    OralHistory,
    /// Anything else of the user's.
    User,
}

impl KindArg {
    /// The document kind it names.
    pub fn kind(self) -> crate::corpus::Kind {
        use crate::corpus::Kind;
        match self {
            KindArg::Record => Kind::RecordOfConversation,
            KindArg::Memoir => Kind::Memoir,
            KindArg::OralHistory => Kind::OralHistory,
            KindArg::User => Kind::UserDocument,
        }
    }
}

/// `notes` subcommands.
#[derive(Debug, Subcommand)]
pub enum NotesAction {
    /// Add a note on a quoted passage; prints the new note's id once it is safely on disk.
    Add {
        /// Notebook file (default: notebook.ron in the data directory). Created if missing.
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// Document id.
        #[arg(long, value_name = "ID")]
        doc: String,
        /// The passage, word for word (straight quotes match curly ones).
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        quote: String,
        /// Which occurrence of the quote, when it occurs more than once (1 = first).
        #[arg(long, default_value_t = 1, value_name = "N")]
        occurrence: usize,
        /// A tag; repeat for several.
        #[arg(long = "tag", value_name = "TAG", allow_hyphen_values = true)]
        tags: Vec<String>,
        /// The note (Markdown kept as text; it may start with '-').
        #[arg(
            long,
            default_value = "",
            value_name = "TEXT",
            allow_hyphen_values = true
        )]
        note: String,
        /// Author name.
        #[arg(
            long,
            default_value = "",
            value_name = "NAME",
            allow_hyphen_values = true
        )]
        author: String,
    },
    /// List the notes of a notebook with how each was anchored (exact, relocated, fuzzy, orphan).
    List {
        /// Notebook file (default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the saved versions of a notebook, or bring one back (the current state stays in
    /// the history, so a restore can itself be undone).
    Restore {
        /// Notebook file (default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// List the versions, newest first (the default when no VERSION is given).
        #[arg(long, conflicts_with = "version")]
        list: bool,
        /// The version to restore: its number in the list (1 = newest) or its time stamp.
        version: Option<String>,
    },
}

/// What the facsimile worker is asked.
#[derive(Debug, Subcommand)]
pub enum FacsimileAsk {
    /// The size of every page.
    Sizes {
        /// The original.
        file: PathBuf,
    },
    /// One page drawn.
    Page {
        /// The page, from 1.
        #[arg(long)]
        page: u32,
        /// Width in pixels.
        #[arg(long)]
        width: u32,
        /// The original.
        file: PathBuf,
    },
    /// The glyphs of every page.
    Glyphs {
        /// The original.
        file: PathBuf,
    },
}

impl FacsimileAsk {
    /// The request and the file it is about.
    pub fn request(&self) -> (crate::facsimile::worker::Request, &std::path::Path) {
        use crate::facsimile::worker::Request;
        match self {
            FacsimileAsk::Sizes { file } => (Request::Sizes, file),
            FacsimileAsk::Page { page, width, file } => (
                Request::Page {
                    page: *page,
                    width: *width,
                },
                file,
            ),
            FacsimileAsk::Glyphs { file } => (Request::Glyphs, file),
        }
    }
}
