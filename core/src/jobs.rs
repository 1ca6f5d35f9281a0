//! Work off the caller's thread with progress, Cancel and a report at the end: imports of large
//! files today, folders and index building next. A job runs on its own thread; it reports
//! progress and checks for Cancel through its [`JobContext`]; a panic inside it is caught and
//! reported, never brought down on the caller. The window shows running jobs in the status bar.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// How far a job has come.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    /// Units of work done (the job decides the unit: files, notes, saves).
    pub done: u64,
    /// Units in all, when known.
    pub total: Option<u64>,
    /// What it is doing now ("Reading colleague.jsonld").
    pub message: String,
}

impl Progress {
    /// Done as a share of the total, 0..=1, when the total is known.
    pub fn fraction(&self) -> Option<f32> {
        self.total
            .filter(|t| *t > 0)
            .map(|t| (self.done as f32 / t as f32).clamp(0.0, 1.0))
    }
}

/// What a running job sees: where to report progress, and whether it was cancelled.
#[derive(Debug, Clone, Default)]
pub struct JobContext {
    progress: Arc<Mutex<Progress>>,
    cancel: Arc<AtomicBool>,
    partial: Arc<Mutex<Partial>>,
}

/// What a job has made so far, handed over before it ends (the latest replaces one not taken).
#[derive(Default)]
struct Partial(Option<Box<dyn std::any::Any + Send>>);

impl std::fmt::Debug for Partial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Partial(..)"
        } else {
            "Partial(none)"
        })
    }
}

impl JobContext {
    /// Reports progress (cheap: call it as often as is useful).
    pub fn report(&self, done: u64, total: Option<u64>, message: impl Into<String>) {
        if let Ok(mut p) = self.progress.lock() {
            *p = Progress {
                done,
                total,
                message: message.into(),
            };
        }
    }

    /// Has the user asked to stop? A job checks between units of work and stops cleanly.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Hands over what is done so far, for the caller to show while the job goes on; replaces
    /// what was handed over before and not taken yet.
    pub fn hand_over<P: Send + 'static>(&self, so_far: P) {
        if let Ok(mut p) = self.partial.lock() {
            p.0 = Some(Box::new(so_far));
        }
    }
}

/// How a job ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Finished<T> {
    /// It ran to its end (it may have stopped early on Cancel: its value says so).
    Done(T),
    /// It panicked: the message, for the report. Nothing it was making was applied.
    Failed(String),
}

/// A job running on its own thread.
pub struct Job<T> {
    /// What it does, for people ("Import colleague.jsonld").
    pub title: String,
    context: JobContext,
    handle: Option<JoinHandle<T>>,
}

/// Starts a job.
pub fn spawn<T: Send + 'static>(
    title: impl Into<String>,
    work: impl FnOnce(&JobContext) -> T + Send + 'static,
) -> Job<T> {
    let context = JobContext::default();
    let ctx = context.clone();
    let title = title.into();
    let handle = std::thread::Builder::new()
        .name(format!("job: {title}"))
        .spawn(move || work(&ctx))
        .ok();
    Job {
        title,
        context,
        handle,
    }
}

impl<T> Job<T> {
    /// How far it has come.
    pub fn progress(&self) -> Progress {
        self.context
            .progress
            .lock()
            .map(|p| p.clone())
            .unwrap_or_default()
    }

    /// What it handed over since the last look ([`JobContext::hand_over`]), if it is a `P`.
    pub fn take_partial<P: 'static>(&self) -> Option<P> {
        let mut p = self.context.partial.lock().ok()?;
        match p.0.take()?.downcast::<P>() {
            Ok(v) => Some(*v),
            Err(other) => {
                p.0 = Some(other);
                None
            }
        }
    }

    /// Asks it to stop (it stops at its next check).
    pub fn cancel(&self) {
        self.context.cancel.store(true, Ordering::Relaxed);
    }

    /// Was it asked to stop?
    pub fn is_cancelled(&self) -> bool {
        self.context.cancelled()
    }

    /// Has it ended (successfully or not)?
    pub fn is_finished(&self) -> bool {
        self.handle.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Its outcome once it has ended (`None` while it runs); taken once.
    pub fn take_finished(&mut self) -> Option<Finished<T>> {
        if !self.is_finished() {
            return None;
        }
        Some(finish(self.handle.take()?))
    }

    /// Blocks until it ends and returns its outcome (tests; closing the window).
    pub fn wait(mut self) -> Finished<T> {
        match self.handle.take() {
            Some(h) => finish(h),
            None => Finished::Failed("the job could not be started".into()),
        }
    }
}

/// Joins a job's thread: its value, or its panic's message.
fn finish<T>(handle: JoinHandle<T>) -> Finished<T> {
    match handle.join() {
        Ok(value) => Finished::Done(value),
        Err(panic) => Finished::Failed(
            panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the job stopped unexpectedly".into()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_hands_over_what_it_has_so_far_and_the_latest_wins() {
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let job = spawn("count", move |ctx| {
            ctx.hand_over(1u32);
            ctx.hand_over(2u32);
            let _ = wait.recv();
            3u32
        });
        let mut seen = None;
        for _ in 0..1000 {
            seen = job.take_partial::<u32>();
            if seen.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        // It may have been looked at between the two hand-overs.
        assert!(matches!(seen, Some(1 | 2)));
        assert_eq!(
            job.take_partial::<String>(),
            None,
            "another type is left alone"
        );
        go.send(()).unwrap();
        assert_eq!(job.wait(), Finished::Done(3));
    }
    use std::time::Duration;

    #[test]
    fn a_job_reports_progress_and_its_value() {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let mut job = spawn("count", move |ctx| {
            ctx.report(1, Some(4), "one of four");
            let _ = rx.recv();
            42
        });
        while job.progress().done == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(job.progress().message, "one of four");
        assert_eq!(job.progress().fraction(), Some(0.25));
        assert!(job.take_finished().is_none(), "still running");
        tx.send(()).unwrap();
        assert_eq!(job.wait(), Finished::Done(42));
    }

    #[test]
    fn cancel_stops_a_job_at_its_next_check() {
        let job = spawn("loop", |ctx| {
            let mut n = 0u64;
            while !ctx.cancelled() {
                n += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            n
        });
        std::thread::sleep(Duration::from_millis(5));
        job.cancel();
        assert!(job.is_cancelled());
        assert!(matches!(job.wait(), Finished::Done(n) if n > 0));
    }

    #[test]
    fn a_panic_is_reported_not_raised() {
        let job = spawn("boom", |_| -> u32 { panic!("bad input at line 3") });
        assert_eq!(job.wait(), Finished::Failed("bad input at line 3".into()));
    }
}
