//! `readingroom export` and `readingroom import`: notes out (never onto the notebook itself)
//! and a colleague's notes in (the one merge path, with a report of what was refused and why).

use super::{Outcome, unknown_document};
use crate::Workspace;

pub(super) fn export(
    ws: &Workspace,
    path: &std::path::Path,
    format: crate::export::notebook::Format,
    docs: &[String],
    tags: &[String],
    output: Option<&std::path::Path>,
) -> Outcome {
    for d in docs {
        if ws.corpus.get(d).is_none() {
            return unknown_document(ws, d);
        }
    }
    let nb = match crate::notes::NotebookFile::open(path) {
        Ok(f) if path.exists() => f.notebook,
        Ok(_) => return Outcome::usage(format!("error: no notebook at {}\n", path.display())),
        Err(e) => return Outcome::usage(format!("error: {e}\n")),
    };
    use crate::export::notebook::Format;
    match output {
        None if format == Format::Obsidian => Outcome::usage(
            "error: --format obsidian writes a folder of files: give it with -o FOLDER\n".into(),
        ),
        None if matches!(format, Format::Qdpx(_)) => Outcome::usage(
            "error: a .qdpx project is a ZIP file: give it with -o FILE.qdpx\n".into(),
        ),
        None => Outcome::ok(crate::export::notebook::export(ws, &nb, format, docs, tags)),
        Some(out) if crate::export::is_same_destination(out, path) => Outcome::usage(format!(
            "error: {} is the notebook itself; nothing was written (choose another file with -o)\n",
            out.display()
        )),
        Some(out) => {
            match crate::export::notebook::write(ws, &nb, format, docs, tags, out, Some(path)) {
                Ok(()) => Outcome::ok(String::new()),
                Err(e) => Outcome::failure(format!("error: {e}\n")),
            }
        }
    }
}

pub(super) fn import(ws: &Workspace, path: &std::path::Path, from: &std::path::Path) -> Outcome {
    let mut file = match super::notes::open_for_writing(path, "nothing was imported") {
        Ok(f) => f,
        Err(refused) => return refused,
    };
    let incoming = match crate::export::import::read(ws, from) {
        Ok(nb) => nb,
        Err(e) => {
            return Outcome::usage(format!(
                "error: nothing was imported and the notebook is untouched: {e}\n"
            ));
        }
    };
    let report = crate::export::import::merge_into(ws, &mut file.notebook, &incoming);
    if report.refused_all() {
        return Outcome::usage(format!(
            "error: nothing was imported and the notebook is untouched: {}: {report}\n",
            from.display()
        ));
    }
    let mut stderr = String::new();
    if file.is_dirty() {
        match file.save() {
            Ok(saved) if saved.merged => stderr = format!("note: {saved}\n"),
            Ok(_) => {}
            Err(e) => return Outcome::failure(format!("error: the notebook was not saved: {e}\n")),
        }
    }
    Outcome {
        stdout: format!("{report}\n"),
        stderr,
        status: 0,
    }
}
