//! Extraction in a child process with a wall-clock and a memory limit. `catch_unwind` catches
//! neither a hang nor an out-of-memory abort (pdf-extract#133 ran 15 minutes before panicking),
//! so the app never extracts in its own process: it runs `readingroom extract-worker`, which
//! lowers its own address-space limit first, and kills it at the time limit.
//!
//! The worker writes one JSON value to standard output: `{"Ok": [documents]}` or
//! `{"Err": reason}`.

use super::{Extracted, ImportError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The name of the worker subcommand.
pub const WORKER_COMMAND: &str = "extract-worker";
/// Environment variable naming the program that has the worker (the app's own binary when
/// unset).
pub const EXTRACTOR_ENV: &str = "READINGROOM_EXTRACTOR";
/// Most bytes read from the worker's output.
const MAX_OUTPUT_BYTES: u64 = 1024 * 1024 * 1024;
/// Most bytes of the worker's error output kept (for the message).
const MAX_STDERR_BYTES: u64 = 64 * 1024;

/// What one extraction may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time for one file.
    pub time: Duration,
    /// Address space of the worker, in MB.
    pub memory_mb: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            time: Duration::from_secs(120),
            memory_mb: 2048,
        }
    }
}

/// How files are extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extraction {
    /// In a child process of this program (or the one [`EXTRACTOR_ENV`] names).
    Isolated {
        /// The program with the `extract-worker` subcommand.
        program: PathBuf,
        /// Its limits.
        limits: Limits,
    },
    /// In this process: for the worker itself, and for trusted files in tests.
    InProcess,
}

impl Extraction {
    /// Isolated, in the program [`EXTRACTOR_ENV`] names or else this one, with default limits.
    pub fn isolated() -> Extraction {
        let program = std::env::var_os(EXTRACTOR_ENV)
            .map(PathBuf::from)
            .or_else(|| std::env::current_exe().ok())
            .unwrap_or_else(|| PathBuf::from("readingroom"));
        Extraction::Isolated {
            program,
            limits: Limits::default(),
        }
    }

    /// Extracts a file with the named importer.
    pub fn extract(&self, importer: &str, file: &Path) -> Result<Vec<Extracted>, ImportError> {
        match self {
            Extraction::InProcess => {
                let imp = super::importer_named(importer)
                    .ok_or_else(|| ImportError::UnknownFormat(importer.to_string()))?;
                let bytes = read_for_import(file)?;
                super::extract_in_process(imp, &bytes)
            }
            Extraction::Isolated { program, limits } => {
                let mut command = Command::new(program);
                command
                    .arg(WORKER_COMMAND)
                    .arg("--format")
                    .arg(importer)
                    .arg("--memory-mb")
                    .arg(limits.memory_mb.to_string())
                    .arg("--")
                    .arg(file);
                let out = run_limited(command, *limits)?;
                let result: Result<Vec<Extracted>, ImportError> = serde_json::from_slice(&out)
                    .map_err(|e| {
                        ImportError::Crashed(format!("its answer could not be read ({e})"))
                    })?;
                result
            }
        }
    }
}

/// A file's bytes, read for import (a regular file of at most [`super::MAX_IMPORT_BYTES`]).
pub fn read_for_import(file: &Path) -> Result<Vec<u8>, ImportError> {
    crate::files::read_regular(file, super::MAX_IMPORT_BYTES).map_err(|e| match e {
        crate::files::ReadError::TooLarge { limit } => ImportError::TooLarge(format!(
            "the file is larger than {} MB, the most one file may be",
            limit / (1024 * 1024)
        )),
        e => ImportError::Damaged(format!("cannot read the file: {e}")),
    })
}

/// Runs a command with no input, returns its standard output; stops it at the time limit.
pub fn run_limited(mut command: Command, limits: Limits) -> Result<Vec<u8>, ImportError> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ImportError::Crashed(format!("could not be started ({e})")))?;
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stdout).take(MAX_OUTPUT_BYTES).read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(MAX_STDERR_BYTES).read_to_end(&mut buf);
        // Drain the rest so the child never blocks on a full pipe.
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        buf
    });
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= limits.time => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = out_reader.join();
                let _ = err_reader.join();
                return Err(ImportError::TimedOut(limits.time.as_secs().max(1)));
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(e) => return Err(ImportError::Crashed(e.to_string())),
        }
    };
    let out = out_reader.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    if status.success() {
        return Ok(out);
    }
    use std::os::unix::process::ExitStatusExt;
    let out_of_memory = err.contains("memory allocation")
        || err.contains("out of memory")
        || err.contains("capacity overflow")
        || status.signal() == Some(9);
    if out_of_memory {
        return Err(ImportError::OutOfMemory(limits.memory_mb));
    }
    let last = err
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    Err(ImportError::Crashed(match status.signal() {
        Some(sig) => format!("it stopped on signal {sig} {last}")
            .trim()
            .to_string(),
        None => format!(
            "it exited with status {} {last}",
            status.code().unwrap_or(-1)
        )
        .trim()
        .to_string(),
    }))
}

/// The worker's side: limits its own memory, extracts, and writes the JSON answer.
pub fn worker_main(format: &str, memory_mb: u64, file: &Path) -> String {
    let bytes = memory_mb.saturating_mul(1024 * 1024);
    // A limit that cannot be set is no reason to refuse the file: the parent's clock still
    // stands.
    let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    let result = Extraction::InProcess.extract(format, file);
    serde_json::to_string(&result).unwrap_or_else(|e| {
        serde_json::to_string(&Err::<Vec<Extracted>, _>(ImportError::Crashed(
            e.to_string(),
        )))
        .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hanging_extractor_is_stopped_at_the_time_limit() {
        let mut sleeper = Command::new("sleep");
        sleeper.arg("30");
        let started = Instant::now();
        let e = run_limited(
            sleeper,
            Limits {
                time: Duration::from_millis(300),
                memory_mb: 64,
            },
        )
        .unwrap_err();
        assert_eq!(e, ImportError::TimedOut(1));
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_crashing_extractor_says_how_it_ended() {
        let mut failing = Command::new("sh");
        failing.args(["-c", "echo 'thread panicked at pdf.rs' >&2; exit 101"]);
        let e = run_limited(failing, Limits::default()).unwrap_err();
        assert_eq!(
            e,
            ImportError::Crashed("it exited with status 101 thread panicked at pdf.rs".into())
        );
        let mut aborting = Command::new("sh");
        aborting.args([
            "-c",
            "echo 'memory allocation of 4096 bytes failed' >&2; kill -ABRT $$",
        ]);
        assert_eq!(
            run_limited(aborting, Limits::default()).unwrap_err(),
            ImportError::OutOfMemory(Limits::default().memory_mb)
        );
    }
}
