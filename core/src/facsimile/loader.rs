//! Pages, sizes and word boxes fetched off the window's thread: one background thread takes
//! the newest request first (the page the reader is on before the ones scrolled past), asks
//! the worker, and sends the answer back; the window is woken to show it.

use super::render::PageImage;
use super::worker::Runner;
use super::{FacsimileError, TextBoxes};
use crate::import::PageStart;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};

/// Most requests waiting: older ones are dropped (the reader has moved on).
const MAX_WAITING: usize = 24;

/// What the window asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// The pages' sizes of a file.
    Sizes {
        /// The PDF.
        file: PathBuf,
    },
    /// One page drawn `width` pixels wide.
    Page {
        /// The PDF.
        file: PathBuf,
        /// The page, from 1.
        page: u32,
        /// Its width in pixels.
        width: u32,
    },
    /// The word boxes of a document: read from `boxes_file` when they fit its text, else
    /// found from the file's glyphs and kept there.
    Boxes {
        /// The PDF.
        file: PathBuf,
        /// Where the document's boxes are kept.
        boxes_file: PathBuf,
        /// The document's text.
        text: Arc<str>,
        /// Where its pages begin, with the file's page numbers.
        pages: Vec<PageStart>,
    },
}

/// What came back.
#[derive(Debug)]
pub enum Done {
    /// The sizes of `file`'s pages, in points.
    Sizes(PathBuf, Result<Vec<(f32, f32)>, FacsimileError>),
    /// A page.
    Page {
        /// The PDF.
        file: PathBuf,
        /// The page.
        page: u32,
        /// The width asked for (the image may be narrower, for a huge page).
        width: u32,
        /// The image.
        image: Result<PageImage, FacsimileError>,
    },
    /// A document's boxes.
    Boxes(PathBuf, Result<TextBoxes, FacsimileError>),
}

struct Queue {
    jobs: Mutex<(Vec<Job>, bool)>,
    ready: Condvar,
}

/// The background thread and its two channels.
pub struct Loader {
    queue: Arc<Queue>,
    done: Receiver<Done>,
}

impl Loader {
    /// Starts the thread; `wake` is called after each answer (to repaint the window).
    pub fn start(runner: Runner, wake: impl Fn() + Send + 'static) -> Loader {
        let queue = Arc::new(Queue {
            jobs: Mutex::new((Vec::new(), false)),
            ready: Condvar::new(),
        });
        let (tx, done) = channel();
        let q = queue.clone();
        std::thread::Builder::new()
            .name("facsimile".into())
            .spawn(move || serve(&q, &runner, &tx, &wake))
            .ok();
        Loader { queue, done }
    }

    /// Asks for something (a request already waiting moves to the front).
    pub fn ask(&self, job: Job) {
        let Ok(mut q) = self.queue.jobs.lock() else {
            return;
        };
        q.0.retain(|j| *j != job);
        q.0.push(job);
        if q.0.len() > MAX_WAITING {
            q.0.remove(0);
        }
        self.queue.ready.notify_one();
    }

    /// Forgets the waiting page requests not in `keep` (pages scrolled past).
    pub fn keep_only_pages(&self, keep: impl Fn(&Path, u32, u32) -> bool) {
        if let Ok(mut q) = self.queue.jobs.lock() {
            q.0.retain(|j| match j {
                Job::Page { file, page, width } => keep(file, *page, *width),
                _ => true,
            });
        }
    }

    /// The answers that came since last asked.
    pub fn answers(&self) -> Vec<Done> {
        self.done.try_iter().collect()
    }

    /// Waits (at most `timeout`) for the next answer: for tests and benchmarks.
    pub fn wait(&self, timeout: std::time::Duration) -> Option<Done> {
        self.done.recv_timeout(timeout).ok()
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        if let Ok(mut q) = self.queue.jobs.lock() {
            q.1 = true;
            q.0.clear();
        }
        self.queue.ready.notify_all();
    }
}

fn serve(queue: &Queue, runner: &Runner, tx: &Sender<Done>, wake: &dyn Fn()) {
    loop {
        let job = {
            let Ok(mut q) = queue.jobs.lock() else {
                return;
            };
            loop {
                if q.1 {
                    return;
                }
                if let Some(job) = q.0.pop() {
                    break job;
                }
                q = match queue.ready.wait(q) {
                    Ok(q) => q,
                    Err(_) => return,
                };
            }
        };
        let done = run(runner, job);
        if tx.send(done).is_err() {
            return;
        }
        wake();
    }
}

/// Does one job.
pub fn run(runner: &Runner, job: Job) -> Done {
    match job {
        Job::Sizes { file } => {
            let sizes = runner.sizes(&file);
            Done::Sizes(file, sizes)
        }
        Job::Page { file, page, width } => {
            let image = runner.page(&file, page, width);
            Done::Page {
                file,
                page,
                width,
                image,
            }
        }
        Job::Boxes {
            file,
            boxes_file,
            text,
            pages,
        } => {
            if let Some(kept) = super::store::read_boxes(&boxes_file).filter(|b| b.fit(&text)) {
                return Done::Boxes(boxes_file, Ok(kept));
            }
            let boxes = runner
                .glyphs(&file)
                .map(|g| super::align::text_boxes(&text, &pages, &g));
            if let Ok(b) = &boxes {
                // Not kept (a read-only folder): found again next time.
                let _ = super::store::write_boxes(&boxes_file, b);
            }
            Done::Boxes(boxes_file, boxes)
        }
    }
}
