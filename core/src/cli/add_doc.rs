//! `readingroom add-doc PATH...`: imports files and folders into the researcher's documents.

use super::Outcome;
use crate::Workspace;
use crate::import::folder::import_paths;
use crate::import::store::ImportOptions;
use std::path::{Path, PathBuf};

/// What the user said about the documents.
pub struct Given {
    /// `--title`.
    pub title: Option<String>,
    /// `--date`.
    pub date: Option<String>,
    /// `--citation`.
    pub citation: Option<String>,
    /// `--present`.
    pub present: Vec<String>,
    /// `--kind`.
    pub kind: Option<crate::corpus::Kind>,
    /// `--collection`.
    pub collection: Option<String>,
}

/// Imports the files; prints the ids added (or JSON), and on standard error what was skipped
/// or refused. Exit status 0 when nothing was refused, 2 when nothing could be added, 1 when
/// some files were refused and others added.
pub fn add_docs(
    ws: &Workspace,
    data_dir: Option<&Path>,
    paths: &[PathBuf],
    given: Given,
    json: bool,
) -> Outcome {
    let date = match given
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => match crate::corpus::DocDate::parse(d) {
            Ok(d) => Some(d),
            Err(e) => return Outcome::usage(format!("error: {e}\n")),
        },
        None => None,
    };
    let options = ImportOptions {
        collection: given.collection,
        title: given.title,
        date,
        citation: given.citation,
        present: given.present,
        kind: given.kind,
        ..ImportOptions::default()
    };
    let data = crate::notes::paths::data_dir(data_dir);
    let mut taken = ws.corpus.ids();
    let report = import_paths(&data, paths, &options, &mut taken, &ws.registry, None);
    let mut stderr = String::new();
    for (file, of) in &report.duplicates {
        stderr.push_str(&format!(
            "skipped: {}: already imported as {}\n",
            file.display(),
            of.join(", ")
        ));
    }
    for (file, why) in &report.skipped {
        stderr.push_str(&format!("skipped: {}: {why}\n", file.display()));
    }
    for (file, why) in &report.refused {
        stderr.push_str(&format!("error: {}: {why}\n", file.display()));
    }
    let stdout = if json {
        super::pretty(&serde_json::json!({
            "added": report.added,
            "duplicates": report.duplicates.iter().map(|(f, of)| serde_json::json!({"file": f, "documents": of})).collect::<Vec<_>>(),
            "refused": report.refused.iter().map(|(f, why)| serde_json::json!({"file": f, "reason": why})).collect::<Vec<_>>(),
            "skipped": report.skipped.iter().map(|(f, why)| serde_json::json!({"file": f, "reason": why})).collect::<Vec<_>>(),
        }))
    } else {
        report.added.iter().map(|a| format!("{}\n", a.id)).collect()
    };
    let status = match (
        report.refused.is_empty(),
        report.added.is_empty() && report.duplicates.is_empty(),
    ) {
        (true, _) => 0,
        (false, true) => 2,
        (false, false) => 1,
    };
    Outcome {
        stdout,
        stderr,
        status,
    }
}

/// `readingroom replace-text ID [FILE]`: the new text, and where the document's notes landed.
pub fn replace_text(
    ws: &Workspace,
    data_dir: Option<&Path>,
    id: &str,
    file: Option<&Path>,
    notebook: Option<&Path>,
    json: bool,
) -> Outcome {
    let Some(doc) = ws.corpus.get(id) else {
        return Outcome::usage(format!("error: no document {id:?}\n"));
    };
    if !doc.user_added {
        return Outcome::usage(format!(
            "error: {id} is one of the paper's documents; only yours can have their text replaced\n"
        ));
    }
    let data = crate::notes::paths::data_dir(data_dir);
    let extraction = crate::import::isolated::Extraction::isolated();
    let replaced = match crate::import::replace::replace_text(&data, id, file, &extraction) {
        Ok(r) => r,
        Err(e) => return Outcome::usage(format!("error: {e}; the document was left as it was\n")),
    };
    let dir = crate::corpus::user::user_dir(&data);
    let new_text = match crate::corpus::user::load_user_document(&dir, id) {
        Ok((d, _)) => d.text.to_string(),
        Err(e) => return Outcome::failure(format!("error: {e}\n")),
    };
    let path = notebook
        .map(Path::to_path_buf)
        .unwrap_or_else(|| crate::notes::paths::default_notebook(data_dir));
    let anchors = crate::notes::AnchorText::new(&new_text);
    let mut placed = 0;
    let mut orphans = Vec::new();
    if let Ok(file) = crate::notes::NotebookFile::open(&path) {
        for a in file
            .notebook
            .annotations
            .iter()
            .filter_map(|a| Some((a, a.target_on(id)?)))
        {
            let (a, target) = a;
            if anchors.anchor(target).status == crate::notes::AnchorStatus::Orphan {
                orphans.push((a.id.clone(), target.quote().unwrap_or("").to_string()));
            } else {
                placed += 1;
            }
        }
    }
    if json {
        return Outcome::ok(super::pretty(&serde_json::json!({
            "id": id,
            "importer": replaced.importer,
            "file": replaced.file_name,
            "placed": placed,
            "orphans": orphans.iter().map(|(id, quote)| serde_json::json!({"id": id, "quote": quote})).collect::<Vec<_>>(),
        })));
    }
    let mut out = format!(
        "Replaced the text of {id} from {} ({} importer, {} chars): {placed} notes placed, {} orphans.\n",
        replaced.file_name,
        replaced.importer,
        replaced.chars,
        orphans.len()
    );
    for (note, quote) in &orphans {
        out.push_str(&format!(
            "  orphan {note}: \u{201c}{quote}\u{201d} (re-attach it in Notes > Orphans)\n"
        ));
    }
    Outcome::ok(out)
}
