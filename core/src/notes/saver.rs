//! Autosave off the caller's thread: the window hands over the notebook after every change; a
//! worker coalesces bursts (only the newest state is written) and reports each outcome.

use super::model::Notebook;
use super::store::{NotebookFile, SaveReport};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// What the saver reports after each write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written (with what the merge did); carries the notebook as saved (merged).
    Saved(SaveReport, Box<Notebook>),
    /// Not written: the message says why (file, line, what went wrong). The file is intact.
    Failed(String),
}

enum Msg {
    Save(Box<Notebook>),
    Stop,
}

#[derive(Default)]
struct Progress {
    queued: u64,
    done: u64,
}

/// A background saver for one notebook file.
pub struct Saver {
    tx: Sender<Msg>,
    outcomes: Receiver<SaveOutcome>,
    progress: Arc<(Mutex<Progress>, Condvar)>,
    worker: Option<crate::jobs::Job<()>>,
}

impl Saver {
    /// Starts a saver that writes to `file`, waiting `debounce` after a change for more changes.
    pub fn spawn(mut file: NotebookFile, debounce: Duration) -> Saver {
        let (tx, rx) = mpsc::channel::<Msg>();
        let (out_tx, outcomes) = mpsc::channel();
        let progress = Arc::new((Mutex::new(Progress::default()), Condvar::new()));
        let p = progress.clone();
        // A long-running job of the runner (`crate::jobs`): it reports how many saves are done
        // and, should it ever panic, its end is seen (flush stops waiting) and reported.
        let worker = crate::jobs::spawn("Autosave", move |ctx| {
            // What the window last sent: the base for merging its next state with notes
            // that came in from disk meanwhile.
            let mut last_sent = file.notebook.clone();
            let mut stop = false;
            while !stop {
                let Ok(first) = rx.recv() else { break };
                let mut latest = match first {
                    Msg::Save(nb) => Some(nb),
                    Msg::Stop => None,
                };
                let mut taken = u64::from(latest.is_some());
                if latest.is_none() {
                    break;
                }
                // Coalesce a burst: keep only the newest state.
                loop {
                    match rx.recv_timeout(debounce) {
                        Ok(Msg::Save(nb)) => {
                            latest = Some(nb);
                            taken += 1;
                        }
                        Ok(Msg::Stop) => {
                            stop = true;
                            break;
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => {
                            stop = true;
                            break;
                        }
                    }
                }
                if let Some(nb) = latest {
                    file.notebook = super::merge::merge(&last_sent, &nb, &file.notebook).notebook;
                    last_sent = *nb;
                    let outcome = match file.save() {
                        Ok(report) => SaveOutcome::Saved(report, Box::new(file.notebook.clone())),
                        Err(e) => SaveOutcome::Failed(e.to_string()),
                    };
                    let _ = out_tx.send(outcome);
                }
                let (lock, cv) = &*p;
                let mut g = lock.lock().expect("saver progress");
                g.done += taken;
                ctx.report(g.done, Some(g.queued), "Saved");
                cv.notify_all();
            }
        });
        Saver {
            tx,
            outcomes,
            progress,
            worker: Some(worker),
        }
    }

    /// Asks for the notebook to be saved (returns at once).
    pub fn save(&self, notebook: &Notebook) {
        let (lock, _) = &*self.progress;
        lock.lock().expect("saver progress").queued += 1;
        let _ = self.tx.send(Msg::Save(Box::new(notebook.clone())));
    }

    /// Outcomes reported since the last call.
    pub fn poll(&self) -> Vec<SaveOutcome> {
        self.outcomes.try_iter().collect()
    }

    /// Blocks until every requested save has been written (or failed).
    /// (If the worker has stopped, say by a panic, this returns instead of waiting forever.)
    pub fn flush(&self) {
        let (lock, cv) = &*self.progress;
        let Ok(mut g) = lock.lock() else { return };
        while g.done < g.queued {
            if self.worker.as_ref().is_none_or(|w| w.is_finished()) {
                return;
            }
            match cv.wait_timeout(g, Duration::from_millis(100)) {
                Ok((next, _)) => g = next,
                Err(_) => return,
            }
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.flush();
        let _ = self.tx.send(Msg::Stop);
        if let Some(w) = self.worker.take() {
            let _ = w.wait();
        }
    }
}
