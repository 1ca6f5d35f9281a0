//! The command-line interface: stable JSON with `--json`, readable text without. Commands return
//! their output and exit status so tests can drive them without a process.

mod exchange;
mod json;
mod notes;
mod said;

use crate::Workspace;
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
    /// List the people of the corpus.
    People {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search the full text (case, accents, curly quotes ignored; "quoted phrases").
    Search {
        /// The query.
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// At most this many hits.
        #[arg(long, default_value_t = 200)]
        limit: usize,
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
        /// Write to this file (default: standard output).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Merge a colleague's notes (a notebook .ron or W3C JSON-LD) into a notebook.
    Import {
        /// Notebook to merge into (default: notebook.ron in the data directory).
        #[arg(long, value_name = "FILE")]
        notebook: Option<PathBuf>,
        /// The file to import.
        from: PathBuf,
    },
    /// Add one of your own documents (.txt or .md) to your corpus; prints its id.
    AddDoc {
        /// The file.
        file: PathBuf,
        /// Title.
        #[arg(long, allow_hyphen_values = true)]
        title: String,
        /// Date (YYYY-MM-DD or YYYY-MM).
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
    fn filter(self) -> RoleFilter {
        let name = match self {
            RoleArg::Present => "present",
            RoleArg::Mentioned => "mentioned",
            RoleArg::Spoke => "spoke",
            RoleArg::Any => "any",
        };
        RoleFilter::parse(name).unwrap_or_default()
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
    fn kind(self) -> crate::corpus::Kind {
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

/// What a command printed and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status (0 ok, 1 failure, 2 bad input).
    pub status: i32,
}

impl Outcome {
    pub(crate) fn ok(stdout: String) -> Outcome {
        Outcome {
            stdout,
            stderr: String::new(),
            status: 0,
        }
    }

    pub(crate) fn failure(stderr: String) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr,
            status: 1,
        }
    }

    pub(crate) fn usage(stderr: String) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr,
            status: 2,
        }
    }
}

pub(crate) fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).expect("json") + "\n"
}

/// Runs a command against a loaded workspace; `data_dir` is the `--data-dir` option.
pub fn run(ws: &Workspace, command: &CliCommand, data_dir: Option<&std::path::Path>) -> Outcome {
    match command {
        CliCommand::Notes { action } => notes::run(ws, action, data_dir),
        CliCommand::Align { a, b, json } => align(ws, a, b, *json),
        CliCommand::Said {
            person,
            json,
            markdown,
            containing,
        } => said::said(ws, person, containing.as_deref(), *json, *markdown),
        CliCommand::Speakers { id, json } => said::speakers(ws, id, *json),
        CliCommand::AddDoc {
            file,
            title,
            date,
            citation,
            present,
            kind,
        } => {
            let kind = kind.map(KindArg::kind);
            let dir = crate::corpus::user::user_dir(&crate::notes::paths::data_dir(data_dir));
            let taken: Vec<String> = ws
                .corpus
                .documents
                .iter()
                .map(|d| d.meta.id.clone())
                .collect();
            let new = crate::corpus::user::NewDocument {
                title: title.clone(),
                date: date.clone(),
                kind,
                citation: citation.clone(),
                present: present.clone(),
            };
            match crate::corpus::user::add_document(&dir, file, &new, &taken) {
                Ok(meta) => Outcome::ok(format!("{}\n", meta.id)),
                Err(e) => Outcome::usage(format!("error: {e}\n")),
            }
        }
        CliCommand::Import { notebook, from } => {
            let path = notebook
                .clone()
                .unwrap_or_else(|| crate::notes::paths::default_notebook(data_dir));
            exchange::import(ws, &path, from)
        }
        CliCommand::Export {
            notebook,
            format,
            docs,
            tags,
            output,
        } => {
            let path = notebook
                .clone()
                .unwrap_or_else(|| crate::notes::paths::default_notebook(data_dir));
            exchange::export(ws, &path, format.format(), docs, tags, output.as_deref())
        }
        CliCommand::Docs { people, role, json } => docs(ws, people, role.filter(), *json),
        CliCommand::Show { id, json } => show(ws, id, *json),
        CliCommand::People { json } => list_people(ws, *json),
        CliCommand::Search { query, json, limit } => search(ws, query, *json, *limit),
        CliCommand::Corpus { root } => {
            match crate::corpus::build::build_from_dir(root).and_then(|out| {
                crate::corpus::build::write_outputs(root, &out)?;
                Ok(out)
            }) {
                Ok(out) => Outcome::ok(format!(
                    "built {} documents, {} footnotes, {} repair rows into {}\n",
                    out.texts.len(),
                    out.layout.footnotes.len(),
                    out.repairs.len(),
                    root.display()
                )),
                Err(e) => Outcome {
                    stdout: String::new(),
                    stderr: format!("error: {e:#}\n"),
                    status: 1,
                },
            }
        }
    }
}

pub(crate) fn unknown_document(ws: &Workspace, id: &str) -> Outcome {
    let ids: Vec<String> = ws
        .corpus
        .documents
        .iter()
        .map(|d| format!("{} {}", d.meta.id, d.meta.title))
        .collect();
    let near: Vec<&str> = crate::search::fuzzy::rank(id, &ids, 3)
        .into_iter()
        .map(|(i, _)| ws.corpus.documents[i].meta.id.as_str())
        .collect();
    Outcome::usage(format!(
        "error: unknown document id {id:?}; did you mean: {}\n",
        near.join(", ")
    ))
}

/// The id of the person a user named, or a usage error with suggestions.
pub(crate) fn resolve_person(ws: &Workspace, name: &str) -> Result<String, Outcome> {
    match ws.registry.resolve(name) {
        Some(p) => Ok(p.id.clone()),
        None => {
            let near: Vec<&str> = ws
                .registry
                .suggest(name, 3)
                .into_iter()
                .map(|p| p.name.as_str())
                .collect();
            Err(Outcome::usage(format!(
                "error: unknown person {name:?}; did you mean: {}\n",
                near.join(", ")
            )))
        }
    }
}

fn docs(ws: &Workspace, people: &[String], filter: RoleFilter, as_json: bool) -> Outcome {
    let mut ids = Vec::new();
    for name in people {
        match resolve_person(ws, name) {
            Ok(id) => ids.push(id),
            Err(e) => return e,
        }
    }
    let selected: Vec<_> = ws
        .corpus
        .documents
        .iter()
        .filter(|d| ids.iter().all(|p| ws.people.matches(&d.meta.id, p, filter)))
        .collect();
    if as_json {
        let list: Vec<_> = selected.iter().map(|d| json::document(ws, d)).collect();
        Outcome::ok(pretty(&serde_json::Value::Array(list)))
    } else {
        let mut s = String::new();
        for d in &selected {
            s.push_str(&format!(
                "{:<10}  {:<22}  {:<48}  {}\n",
                d.meta.date.as_ref().map_or("", |d| d.as_str()),
                d.meta.kind.label(),
                d.meta.id,
                d.meta.title
            ));
        }
        s.push_str(&format!(
            "{} of {} documents\n",
            selected.len(),
            ws.corpus.documents.len()
        ));
        Outcome::ok(s)
    }
}

fn show(ws: &Workspace, id: &str, as_json: bool) -> Outcome {
    let Some(doc) = ws.corpus.get(id) else {
        return unknown_document(ws, id);
    };
    if as_json {
        return Outcome::ok(pretty(&json::document_full(ws, doc)));
    }
    let m = &doc.meta;
    let mut s = format!("{}\n{}\n", m.title, "=".repeat(m.title.chars().count()));
    let mut field = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            s.push_str(&format!("{k:<15} {v}\n"));
        }
    };
    field("id", Some(m.id.clone()));
    field("date", m.date.as_ref().map(|d| d.long_form()));
    field("recounts", m.event_date.as_ref().map(|d| d.long_form()));
    field("kind", Some(m.kind.label().to_string()));
    field("part", m.part.map(|p| p.label().to_string()));
    field("source", json::source_of(doc));
    field("classification", m.classification.clone());
    field("translator", m.translator.clone());
    field("url", m.url.clone());
    let participants = json::participants(ws, doc)
        .into_iter()
        .map(|(p, r)| format!("{p} ({r})"))
        .collect::<Vec<_>>()
        .join(", ");
    field("participants", Some(participants));
    s.push('\n');
    s.push_str(&doc.text);
    s.push('\n');
    let notes: Vec<_> = ws.corpus.footnotes_of(id).collect();
    if !notes.is_empty() {
        s.push_str("\nFootnotes\n");
        for f in notes {
            s.push_str(&format!("{}. {}\n", f.number, f.text));
        }
    }
    Outcome::ok(s)
}

fn list_people(ws: &Workspace, as_json: bool) -> Outcome {
    let counts = ws.people.document_counts();
    if as_json {
        let list: Vec<_> = ws
            .registry
            .people
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id,
                    "name": p.name,
                    "description": p.description,
                    "forms": p.forms,
                    "documents": counts.get(&p.id).copied().unwrap_or(0),
                })
            })
            .collect();
        return Outcome::ok(pretty(&serde_json::Value::Array(list)));
    }
    let mut s = String::new();
    for p in &ws.registry.people {
        s.push_str(&format!(
            "{:<28} {:>3} docs  {}\n",
            p.name,
            counts.get(&p.id).copied().unwrap_or(0),
            p.description
        ));
    }
    Outcome::ok(s)
}

fn search(ws: &Workspace, query: &str, as_json: bool, limit: usize) -> Outcome {
    let result = ws.search.search(&ws.corpus, query, limit);
    if as_json {
        return Outcome::ok(pretty(&serde_json::json!({
            "query": query,
            "total": result.total,
            "documents": result.documents,
            "hits": result.hits,
        })));
    }
    let mut s = String::new();
    for h in &result.hits {
        s.push_str(&format!(
            "{}  p. {}  [{}-{}]\n    {}\n",
            h.doc,
            h.page.map_or("-".to_string(), |p| p.to_string()),
            h.start,
            h.end,
            h.snippet
        ));
    }
    s.push_str(&format!(
        "{} hits in {} documents\n",
        result.total, result.documents
    ));
    Outcome::ok(s)
}

fn align(ws: &Workspace, a: &str, b: &str, as_json: bool) -> Outcome {
    for id in [a, b] {
        if ws.corpus.get(id).is_none() {
            return unknown_document(ws, id);
        }
    }
    let al = crate::compare::align_documents(ws, a, b).expect("both documents exist");
    let (da, db) = (ws.corpus.get(a).expect("a"), ws.corpus.get(b).expect("b"));
    let side = |doc: &crate::corpus::Document, s: &[crate::compare::Sentence], idx: &[usize]| {
        let (first, last) = (idx.first()?, idx.last()?);
        let (start, end) = (s[*first].start, s[*last].end);
        Some((start, end, doc.slice_chars(start, end)))
    };
    let rows: Vec<_> = al
        .groups
        .iter()
        .map(|g| (side(da, &al.a, &g.a), side(db, &al.b, &g.b), g.score))
        .collect();
    if as_json {
        let pairs: Vec<serde_json::Value> = rows
            .iter()
            .map(|(x, y, score)| {
                let j = |v: &Option<(usize, usize, String)>| {
                    v.as_ref().map(|(s, e, t)| serde_json::json!({"start": s, "end": e, "text": t}))
                };
                serde_json::json!({"a": j(x), "b": j(y), "score": (score * 1000.0).round() / 1000.0})
            })
            .collect();
        return Outcome::ok(pretty(&serde_json::json!({"a": a, "b": b, "pairs": pairs})));
    }
    let (side_a, side_b) = crate::compare::side_labels(da, db);
    const W: usize = 58;
    let wrap = |t: &str| -> Vec<String> {
        let mut lines = vec![String::new()];
        for word in t.split_whitespace() {
            let last = lines.last_mut().expect("line");
            if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > W {
                lines.push(word.to_string());
            } else {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(word);
            }
        }
        lines
    };
    let mut out = format!(
        "{:<W$} | {}\n{}\n",
        da.meta.short_title,
        db.meta.short_title,
        "-".repeat(2 * W + 3)
    );
    for (x, y, score) in &rows {
        let left = x
            .as_ref()
            .map_or(vec![format!("(only in {})", side_b)], |v| wrap(&v.2));
        let right = y
            .as_ref()
            .map_or(vec![format!("(only in {})", side_a)], |v| wrap(&v.2));
        for k in 0..left.len().max(right.len()) {
            out.push_str(&format!(
                "{:<W$} | {}\n",
                left.get(k).map_or("", |s| s.as_str()),
                right.get(k).map_or("", |s| s.as_str())
            ));
        }
        if x.is_some() && y.is_some() {
            out.push_str(&format!("{:>W$}   similarity {score:.2}\n", ""));
        }
        out.push('\n');
    }
    let (pairs, only_a, only_b, avg) = al.summary();
    out.push_str(&format!(
        "{pairs} pairs, {only_a} sentences only in {side_a}, {only_b} only in {side_b}, average similarity {avg:.2}\n"
    ));
    Outcome::ok(out)
}
