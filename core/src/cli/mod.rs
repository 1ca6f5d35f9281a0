//! The command-line interface: stable JSON with `--json`, readable text without. Commands return
//! their output and exit status so tests can drive them without a process.

mod add_doc;
mod args;
mod exchange;
mod json;
mod notes;
pub mod package_files;
mod query;
mod said;

pub use args::{Cli, CliCommand, FormatArg, KindArg, NotesAction, OrderArg, PeopleAction, RoleArg};

use crate::Workspace;
use crate::people::RoleFilter;

/// What a command printed and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What goes to standard output (the result: text, or JSON with `--json`).
    pub stdout: String,
    /// What goes to standard error (errors, warnings, merge reports).
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
            files,
            title,
            date,
            citation,
            present,
            kind,
            collection,
            json,
        } => add_doc::add_docs(
            ws,
            data_dir,
            files,
            add_doc::Given {
                title: title.clone(),
                date: date.clone(),
                citation: citation.clone(),
                present: present.clone(),
                kind: kind.map(KindArg::kind),
                collection: collection.clone(),
            },
            *json,
        ),
        CliCommand::ReplaceText {
            id,
            file,
            notebook,
            json,
        } => add_doc::replace_text(
            ws,
            data_dir,
            id,
            file.as_deref(),
            notebook.as_deref(),
            *json,
        ),
        CliCommand::ExtractWorker {
            format,
            memory_mb,
            file,
        } => Outcome::ok(crate::import::isolated::worker_main(
            format, *memory_mb, file,
        )),
        CliCommand::GeneratePackageFiles { dir } => package_files::generate(dir),
        CliCommand::FacsimileWorker { memory_mb, ask } => {
            let (request, file) = ask.request();
            Outcome::ok(
                String::from_utf8_lossy(&crate::facsimile::worker::worker_main(
                    &request, *memory_mb, file,
                ))
                .into_owned(),
            )
        }
        CliCommand::Query {
            question,
            notebook,
            json,
            by_date,
        } => {
            let path = notebook
                .clone()
                .unwrap_or_else(|| crate::notes::paths::default_notebook(data_dir));
            query::run(ws, &path, question, *json, *by_date)
        }
        CliCommand::Cooccurrence {
            rows,
            cols,
            overlapping,
            within,
            notebook,
            json,
        } => {
            use crate::search::cooccurrence::Proximity;
            let path = notebook
                .clone()
                .unwrap_or_else(|| crate::notes::paths::default_notebook(data_dir));
            let proximity = match (within, overlapping) {
                (Some(n), _) => Proximity::WithinSentences(*n),
                (None, true) => Proximity::Overlapping,
                (None, false) => Proximity::SameNote,
            };
            query::cooccurrence(ws, &path, rows, cols, proximity, *json)
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
            collection,
            output,
        } => {
            let path = notebook
                .clone()
                .unwrap_or_else(|| crate::notes::paths::default_notebook(data_dir));
            let mut docs = docs.clone();
            if let Some(c) = collection {
                let wanted = c.to_lowercase();
                let before = docs.len();
                docs.extend(
                    ws.corpus
                        .documents
                        .iter()
                        .filter(|d| {
                            d.meta.collection.as_deref().map(str::to_lowercase)
                                == Some(wanted.clone())
                                || d.meta.part.is_some_and(|p| p.slug() == wanted)
                        })
                        .map(|d| d.id().to_string()),
                );
                if docs.len() == before {
                    return Outcome::usage(format!(
                        "error: no document is in the collection {c:?} (`readingroom collections` lists yours; the paper's parts are new-york-1960, bay-of-pigs-1961, assassination-1961)\n"
                    ));
                }
            }
            exchange::export(ws, &path, format.format(), &docs, tags, output.as_deref())
        }
        CliCommand::Docs { people, role, json } => docs(ws, people, role.filter(), *json),
        CliCommand::Show { id, json } => show(ws, id, *json),
        CliCommand::People { json, action: None } => list_people(ws, *json),
        CliCommand::People {
            action: Some(action),
            ..
        } => people_action(ws, data_dir, action),
        CliCommand::Collections { json } => collections(ws, *json),
        CliCommand::Search {
            query,
            json,
            notebook,
            ..
        } => {
            let (_, _, opts) = search_options(command).expect("a search");
            let about_notes = matches!(
                crate::search::query::parse(query),
                Ok(Some(e)) if e.note_field().is_some()
            );
            if !about_notes {
                return search(ws, query, *json, &opts);
            }
            let path = notebook
                .clone()
                .unwrap_or_else(|| crate::notes::paths::default_notebook(data_dir));
            let file = match notes::open_placed(ws, &path) {
                Ok((file, _)) => file,
                Err(e) => return e,
            };
            let by_doc = crate::search::notes::NotesByDocument::new(ws, &file.notebook);
            search_output(
                query,
                *json,
                &opts,
                ws.find_with_notes(query, &opts, &by_doc),
            )
        }
        CliCommand::GenerateArchive {
            dir,
            documents,
            bytes,
        } => match crate::corpus::synthetic::write_corpus_dir(dir, *documents, *bytes) {
            Ok(()) => Outcome::ok(format!(
                "wrote {documents} documents to {}\n",
                dir.display()
            )),
            Err(e) => Outcome::failure(format!("error: cannot write {}: {e}\n", dir.display())),
        },
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

/// `people add/alias/merge`: edits your people file (never one that could not be read).
fn people_action(
    ws: &Workspace,
    data_dir: Option<&std::path::Path>,
    action: &PeopleAction,
) -> Outcome {
    let data = crate::notes::paths::data_dir(data_dir);
    let mut yours = match crate::people::yours::YourPeople::load(&data) {
        Ok(y) => y,
        Err(e) => return Outcome::failure(format!("error: {e}; it was left as it is\n")),
    };
    let done = match action {
        PeopleAction::Add {
            name,
            description,
            forms,
        } => yours
            .add(&ws.registry, name, description, forms)
            .map(|id| format!("{id}\n")),
        PeopleAction::Alias { person, form } => yours
            .alias(&ws.registry, person, form)
            .map(|id| format!("{id}: {form}\n")),
        PeopleAction::Split {
            person,
            name,
            forms,
        } => yours
            .split(&ws.registry, &ws.base_registry, person, forms, name)
            .map(|id| format!("{id}\n")),
        PeopleAction::Merge { kept, merged } => yours
            .merge(&ws.registry, &ws.base_registry, kept, merged)
            .map(|(kept, gone)| format!("{gone} merged into {kept}\n")),
    };
    match done.and_then(|out| yours.save().map(|()| out)) {
        Ok(out) => Outcome::ok(out),
        Err(e) => Outcome::usage(format!("error: {e}\n")),
    }
}

/// Your collections and how many documents each holds.
fn collections(ws: &Workspace, as_json: bool) -> Outcome {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for d in &ws.corpus.documents {
        if let Some(c) = &d.meta.collection {
            *counts.entry(c.as_str()).or_default() += 1;
        }
    }
    if as_json {
        let list: Vec<_> = counts
            .iter()
            .map(|(c, n)| serde_json::json!({"collection": c, "documents": n}))
            .collect();
        return Outcome::ok(pretty(&serde_json::Value::Array(list)));
    }
    if counts.is_empty() {
        return Outcome::ok(
            "No collections yet: add-doc --collection NAME puts documents in one.\n".into(),
        );
    }
    Outcome::ok(
        counts
            .iter()
            .map(|(c, n)| format!("{n:>6}  {c}\n"))
            .collect(),
    )
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

fn search(
    ws: &Workspace,
    query: &str,
    as_json: bool,
    opts: &crate::search::SearchOptions,
) -> Outcome {
    search_output(query, as_json, opts, ws.find(query, opts))
}

/// The options `search` runs with (for [`search_from_index`]).
pub fn search_options(command: &CliCommand) -> Option<(&str, bool, crate::search::SearchOptions)> {
    let CliCommand::Search {
        query,
        json,
        limit,
        rank,
        order,
        ..
    } = command
    else {
        return None;
    };
    let order = if *rank {
        crate::search::Order::Relevance
    } else {
        order.order()
    };
    Some((
        query,
        *json,
        crate::search::SearchOptions {
            limit: *limit,
            order,
            count_all: true,
        },
    ))
}

/// `search` on a `--corpus` folder answered straight from its up-to-date search index, without
/// opening the workspace (see [`crate::search::direct`]); `None` when it cannot be.
pub fn search_from_index(
    command: &CliCommand,
    corpus_dir: &std::path::Path,
    data_dir: &std::path::Path,
) -> Option<Outcome> {
    let (query, json, opts) = search_options(command)?;
    let result = crate::search::direct::search_folder(corpus_dir, data_dir, query, &opts)?;
    Some(search_output(query, json, &opts, result))
}

fn search_output(
    query: &str,
    as_json: bool,
    opts: &crate::search::SearchOptions,
    result: Result<crate::search::SearchResult, crate::search::QueryError>,
) -> Outcome {
    let result = match result {
        Ok(r) => r,
        Err(e) => return Outcome::usage(format!("error: {e}\n")),
    };
    if as_json {
        return Outcome::ok(pretty(&serde_json::json!({
            "query": query,
            "order": opts.order,
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
    let al = ws.align(a, b, &[]).expect("both documents exist");
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
    let crate::compare::AlignmentSummary {
        pairs,
        only_a,
        only_b,
        average_similarity: avg,
    } = al.summary();
    out.push_str(&format!(
        "{pairs} pairs, {only_a} sentences only in {side_a}, {only_b} only in {side_b}, average similarity {avg:.2}\n"
    ));
    Outcome::ok(out)
}
