//! The facsimile worker: `readingroom facsimile-worker` draws a page, or reads the glyphs of
//! every page, of an original, in a child process with a memory and a time limit, as the
//! importers' worker does (`crate::import::isolated`). hayro is safe Rust, but a hostile PDF
//! could still make it loop or exhaust memory; the window's process never interprets one.
//!
//! Answers on standard output: `RRPAGE1` + width (u32 LE) + height (u32 LE) + RGBA for a page;
//! postcard of `Result<…, FacsimileError>` for sizes and glyphs.

use super::FacsimileError;
use super::glyphs::PageGlyphs;
use super::render::PageImage;
use crate::import::isolated::{Extraction, Limits, run_limited};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The worker's subcommand.
pub const WORKER_COMMAND: &str = "facsimile-worker";
/// What a drawn page's answer begins with.
const PAGE_MAGIC: &[u8] = b"RRPAGE1";
/// Largest original read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// What the worker is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// The size of every page.
    Sizes,
    /// Page (from 1) drawn this many pixels wide.
    Page {
        /// The page, from 1.
        page: u32,
        /// Width in pixels.
        width: u32,
    },
    /// The glyphs of every page.
    Glyphs,
}

/// How the worker is run: the program (the app's own binary, or the one `READINGROOM_EXTRACTOR`
/// names, as for imports) and its limits; or in this process, for the worker itself and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runner {
    /// In a child process.
    Isolated {
        /// The program with the `facsimile-worker` subcommand.
        program: std::path::PathBuf,
        /// Its limits.
        limits: Limits,
    },
    /// In this process (trusted files, tests, the worker itself).
    InProcess,
}

impl Runner {
    /// In a child process of the app's binary, 60 s and 1.5 GB at most per request.
    pub fn isolated() -> Runner {
        Runner::for_extraction(&Extraction::isolated())
    }

    /// As imports are extracted: in a child process of the same program (with the facsimile's
    /// limits), or in this process.
    pub fn for_extraction(extraction: &Extraction) -> Runner {
        match extraction {
            Extraction::InProcess => Runner::InProcess,
            Extraction::Isolated { program, .. } => Runner::Isolated {
                program: program.clone(),
                limits: Limits {
                    time: Duration::from_secs(60),
                    memory_mb: 1536,
                },
            },
        }
    }

    /// The size of every page of `file`.
    pub fn sizes(&self, file: &Path) -> Result<Vec<(f32, f32)>, FacsimileError> {
        decode(&self.run(file, &Request::Sizes)?)?
    }

    /// Page `page` of `file`, `width` pixels wide.
    pub fn page(&self, file: &Path, page: u32, width: u32) -> Result<PageImage, FacsimileError> {
        let out = self.run(file, &Request::Page { page, width })?;
        match out.strip_prefix(PAGE_MAGIC) {
            Some(body) => decode_page(body),
            None => decode::<Result<PageImage, FacsimileError>>(&out)?,
        }
    }

    /// The glyphs of every page of `file`.
    pub fn glyphs(&self, file: &Path) -> Result<Vec<PageGlyphs>, FacsimileError> {
        decode(&self.run(file, &Request::Glyphs)?)?
    }

    fn run(&self, file: &Path, request: &Request) -> Result<Vec<u8>, FacsimileError> {
        match self {
            Runner::InProcess => Ok(answer(file, request)),
            Runner::Isolated { program, limits } => {
                let mut command = Command::new(program);
                command
                    .arg(WORKER_COMMAND)
                    .arg("--memory-mb")
                    .arg(limits.memory_mb.to_string());
                match request {
                    Request::Sizes => command.arg("sizes"),
                    Request::Glyphs => command.arg("glyphs"),
                    Request::Page { page, width } => command
                        .arg("page")
                        .arg("--page")
                        .arg(page.to_string())
                        .arg("--width")
                        .arg(width.to_string()),
                };
                command.arg("--").arg(file);
                run_limited(command, *limits).map_err(|e| FacsimileError::Worker(e.to_string()))
            }
        }
    }
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, FacsimileError> {
    postcard::from_bytes(bytes)
        .map_err(|e| FacsimileError::Worker(format!("its answer could not be read ({e})")))
}

fn decode_page(body: &[u8]) -> Result<PageImage, FacsimileError> {
    let bad = || FacsimileError::Worker("its page could not be read".into());
    let (w, rest) = body.split_first_chunk::<4>().ok_or_else(bad)?;
    let (h, rgba) = rest.split_first_chunk::<4>().ok_or_else(bad)?;
    let (width, height) = (u32::from_le_bytes(*w), u32::from_le_bytes(*h));
    if u64::from(width) * u64::from(height) * 4 != rgba.len() as u64 {
        return Err(bad());
    }
    Ok(PageImage {
        width,
        height,
        rgba: rgba.to_vec(),
    })
}

/// The worker's answer to a request about `file` (what it writes to standard output).
pub fn answer(file: &Path, request: &Request) -> Vec<u8> {
    // A folder of photographs (one image per page), or one image.
    if file.is_dir() || super::images::is_image(file) {
        return answer_images(file, request);
    }
    let bytes = crate::files::read_regular(file, MAX_FILE_BYTES)
        .map_err(|e| FacsimileError::Missing(format!("{}: {e}", file.display())));
    let encode = |r: &dyn erased::Encode| r.encode();
    match request {
        Request::Sizes => encode(&bytes.and_then(|b| super::render::page_sizes(&b))),
        Request::Glyphs => encode(&bytes.and_then(|b| super::glyphs::page_glyphs(&b))),
        Request::Page { page, width } => {
            encode_page(bytes.and_then(|b| super::render::render_page(&b, *page, *width)))
        }
    }
}

/// A page's answer: its pixels after [`PAGE_MAGIC`] and the size, or why it was not drawn.
fn encode_page(page: Result<PageImage, FacsimileError>) -> Vec<u8> {
    match page {
        Ok(img) => {
            let mut out = PAGE_MAGIC.to_vec();
            out.extend(img.width.to_le_bytes());
            out.extend(img.height.to_le_bytes());
            out.extend(img.rgba);
            out
        }
        Err(e) => erased::Encode::encode(&Err::<PageImage, _>(e)),
    }
}

/// The answer for a folder of images or one image: their sizes, a page drawn, no glyphs.
fn answer_images(file: &Path, request: &Request) -> Vec<u8> {
    use super::images::{folder_page, folder_sizes, image_size, render_image};
    let one = || {
        crate::files::read_regular(file, super::images::MAX_IMAGE_BYTES)
            .map_err(|e| FacsimileError::Missing(format!("{}: {e}", file.display())))
    };
    let dir = file.is_dir();
    let page = |page: u32, width: u32| {
        if dir {
            folder_page(file, page, width)
        } else if page == 1 {
            one().and_then(|b| render_image(&b, width))
        } else {
            Err(FacsimileError::NoSuchPage { page, count: 1 })
        }
    };
    let encode = |r: &dyn erased::Encode| r.encode();
    match request {
        Request::Sizes => encode(&if dir {
            folder_sizes(file)
        } else {
            one().and_then(|b| image_size(&b)).map(|s| vec![s])
        }),
        Request::Glyphs => encode(&Ok::<Vec<PageGlyphs>, FacsimileError>(Vec::new())),
        Request::Page { page: p, width } => encode_page(page(*p, *width)),
    }
}

/// The worker's side: limits its own memory, answers.
pub fn worker_main(request: &Request, memory_mb: u64, file: &Path) -> Vec<u8> {
    let bytes = memory_mb.saturating_mul(1024 * 1024);
    let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    answer(file, request)
}

mod erased {
    /// A result the worker writes as postcard.
    pub trait Encode {
        fn encode(&self) -> Vec<u8>;
    }
    impl<T: serde::Serialize> Encode for Result<T, super::FacsimileError> {
        fn encode(&self) -> Vec<u8> {
            postcard::to_stdvec(self).unwrap_or_default()
        }
    }
}
