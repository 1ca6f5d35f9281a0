//! An Obsidian-friendly folder: one Markdown file per document, named by its citation key,
//! opening with YAML front matter that carries the citation fields (title, key, date, kind,
//! archive and place in it, translator, link, the full citation), then the document's notes
//! (each quote with its page, the note, its tags as Obsidian tags, nested as in the codebook).

use super::bibliography::{item, key_of};
use super::citation::plain_text;
use super::cite::Position;
use super::notebook::{documents_of, placed};
use crate::Workspace;
use crate::notes::model::Notebook;

/// A YAML double-quoted string.
fn yaml(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A tag as Obsidian writes it: its codebook path ("Assassination/CIA-plots/Mafia"), letters,
/// digits, `_` and `-` kept, anything else `-`.
pub fn obsidian_tag(nb: &Notebook, tag: &str) -> String {
    let clean = |t: &str| -> String {
        t.chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    };
    let mut path: Vec<String> = nb
        .tag_ancestors(tag)
        .iter()
        .rev()
        .map(|t| clean(&t.name))
        .collect();
    path.push(clean(tag));
    path.join("/")
}

/// The files of the folder: (file name, Markdown), one per document of the selected notes
/// (and per document the filter names).
pub fn vault(
    ws: &Workspace,
    nb: &Notebook,
    docs: &[String],
    tags: &[String],
) -> Vec<(String, String)> {
    let notes = placed(ws, nb, docs, tags);
    let mut out = Vec::new();
    for i in documents_of(ws, &notes, docs) {
        let doc = &ws.corpus.documents[i];
        let record = item(ws, doc);
        // One file per document (the paper's commentary documents share a citation key).
        let file = super::bibliography::citation_key(doc.id());
        let mut tags_here: Vec<String> = Vec::new();
        let mut body = String::new();
        for p in &notes {
            for place in p.places.iter().filter(|pl| pl.doc == Some(i)) {
                let page = place
                    .pages
                    .map(|(a, b)| {
                        if a == b {
                            format!("p. {a}")
                        } else {
                            format!("pp. {a}\u{2013}{b}")
                        }
                    })
                    .unwrap_or_default();
                if let Some(q) = place.target.quote() {
                    for line in q.lines() {
                        body.push_str(&format!("> {line}\n"));
                    }
                    if !page.is_empty() {
                        body.push_str(&format!(">\n> — {page}\n"));
                    }
                    body.push('\n');
                } else if let crate::notes::Target::Region { page, .. } = place.target {
                    let d = place.doc.map(|i| &ws.corpus.documents[i]);
                    let label = super::notebook::region_label(d, *page);
                    body.push_str(&format!("*{label} of the original*\n\n"));
                }
                if !p.note.note.trim().is_empty() {
                    body.push_str(p.note.note.trim());
                    body.push_str("\n\n");
                }
                let note_tags: Vec<String> =
                    p.note.tags.iter().map(|t| obsidian_tag(nb, t)).collect();
                let by = [
                    p.note.author.as_str(),
                    p.note.created.get(..10).unwrap_or(""),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
                let line: Vec<String> = note_tags
                    .iter()
                    .map(|t| format!("#{t}"))
                    .chain((!by.is_empty()).then(|| format!("— {by}")))
                    .collect();
                if !line.is_empty() {
                    body.push_str(&line.join(" "));
                    body.push_str("\n\n");
                }
                body.push_str("---\n\n");
                for t in note_tags {
                    if !tags_here.contains(&t) {
                        tags_here.push(t);
                    }
                }
            }
        }
        let mut front = String::from("---\n");
        let mut field = |name: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                front.push_str(&format!("{name}: {}\n", yaml(&v)));
            }
        };
        field("title", Some(doc.meta.title.clone()));
        field("key", Some(key_of(doc)));
        field(
            "date",
            doc.meta.date.as_ref().map(|d| d.as_str().to_string()),
        );
        field("kind", Some(doc.meta.kind.label().to_string()));
        field(
            "citation",
            Some(plain_text(&ws.citer.cite(ws, doc, None, Position::First))),
        );
        field("archive", record.archive.clone());
        field("archive_location", record.archive_location.clone());
        field("translator", doc.meta.translator.clone());
        field("url", doc.meta.url.clone());
        front.push_str(&format!("aliases: [{}]\n", yaml(&doc.meta.short_title)));
        front.push_str(&format!(
            "tags: [{}]\n",
            tags_here
                .iter()
                .map(|t| yaml(t))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        front.push_str("---\n\n");
        let text = format!(
            "{front}# {}\n\n{}\n\n## Notes\n\n{body}",
            doc.meta.title,
            plain_text(&ws.citer.cite(ws, doc, None, Position::First))
        );
        out.push((format!("{file}.md"), text));
    }
    out
}

/// Writes the folder's files into `dir` (made if missing), each atomically; refuses a `dir` that
/// is a file, and never writes onto the notebook.
pub fn write_vault(
    dir: &std::path::Path,
    files: &[(String, String)],
    notebook: Option<&std::path::Path>,
) -> Result<(), String> {
    if dir.is_file() {
        return Err(format!(
            "{}: that is a file; choose a folder for the Markdown files",
            dir.display()
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, text) in files {
        super::write_export(&dir.join(name), text, notebook)?;
    }
    Ok(())
}
