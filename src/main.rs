//! `readingroom`: without a command, opens the workbench window; with one, runs the CLI.

use clap::Parser;
use readingroom::Workspace;
use readingroom::cli::{Cli, CliCommand};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The isolated extractor answers at once, without loading any library.
    if let Some(CliCommand::ExtractWorker {
        format,
        memory_mb,
        file,
    }) = &cli.command
    {
        let answer = readingroom::import::isolated::worker_main(format, *memory_mb, file);
        let _ = std::io::stdout().write_all(answer.as_bytes());
        return ExitCode::SUCCESS;
    }
    // So does the facsimile's worker (its answer is binary).
    if let Some(CliCommand::FacsimileWorker { memory_mb, ask }) = &cli.command {
        let (request, file) = ask.request();
        let answer = readingroom::facsimile::worker::worker_main(&request, *memory_mb, file);
        let _ = std::io::stdout().write_all(&answer);
        return ExitCode::SUCCESS;
    }
    // A search of a corpus folder is answered from its search index when that is up to date.
    if let (Some(command), Some(dir)) = (&cli.command, &cli.corpus) {
        let data = readingroom::notes::paths::data_dir(cli.data_dir.as_deref());
        if let Some(out) = readingroom::cli::search_from_index(command, dir, &data) {
            let _ = std::io::stdout().write_all(out.stdout.as_bytes());
            let _ = std::io::stderr().write_all(out.stderr.as_bytes());
            return ExitCode::from(out.status as u8);
        }
    }
    // Building the corpus must work even when the current corpus files are incomplete.
    let workspace = match &cli.command {
        Some(CliCommand::Corpus { .. } | CliCommand::GenerateArchive { .. }) => {
            Workspace::from_parts(Default::default(), Default::default())
        }
        // The window opens on the library at once and analyses it in the background.
        command => match if command.is_none() {
            Workspace::load_unanalysed(
                cli.corpus.as_deref(),
                &readingroom::notes::paths::data_dir(cli.data_dir.as_deref()),
            )
        } else {
            Workspace::load_with_user_documents(
                cli.corpus.as_deref(),
                &readingroom::notes::paths::data_dir(cli.data_dir.as_deref()),
            )
        } {
            Ok(mut ws) => {
                if let Some(style) = cli.style {
                    let paper = ws.citer.settings().paper.clone();
                    ws.set_citation_settings(readingroom::export::cite::CitationSettings {
                        style: style.style(),
                        paper,
                    });
                }
                if let Some(e) = &ws.cache_report.write_error {
                    eprintln!(
                        "warning: the analysis cache could not be saved ({e}); the next start analyses again"
                    );
                }
                for problem in &ws.problems {
                    if problem
                        .file
                        .ends_with(readingroom::export::cite::settings::SETTINGS_FILE)
                    {
                        eprintln!("warning: the citation settings were not read: {problem}");
                    } else {
                        eprintln!(
                            "warning: one of your documents was not loaded (left as it is): {problem}"
                        );
                    }
                }
                ws
            }
            Err(e) => {
                eprintln!("error: cannot load the corpus: {e}");
                return ExitCode::from(2);
            }
        },
    };
    match &cli.command {
        None => match readingroom::ui::run(workspace, cli.data_dir.clone(), cli.open.clone()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot open the window: {e}");
                ExitCode::FAILURE
            }
        },
        Some(command) => {
            let out = readingroom::cli::run(&workspace, command, cli.data_dir.as_deref());
            // Everything is written; the process ends now, and freeing a large library's
            // memory piece by piece would only delay it (0.4 s for 100,000 documents).
            std::mem::forget(workspace);
            let _ = std::io::stdout().write_all(out.stdout.as_bytes());
            let _ = std::io::stderr().write_all(out.stderr.as_bytes());
            ExitCode::from(out.status as u8)
        }
    }
}
