//! A document's text, held in memory or read from its file the first time it is needed.
//!
//! A large archive's texts are not all kept in memory: when the loader knows a text file has
//! not changed since it was last read (see `load`), the document keeps only the file's path,
//! the text's hash and length; the text is read when a view or a search first looks at it.
//! Passes over every document (analysis, indexing) use [`DocumentText::read`], which reads a
//! text that is not loaded without keeping it.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Distance in chars between two entries of a text's char-to-byte index.
pub const CHAR_MARK: usize = 256;

/// The hash of a text as the caches record it.
pub fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// A document's text: dereferences to `str`.
#[derive(Clone)]
pub struct DocumentText {
    inner: Arc<Inner>,
}

struct Inner {
    hash: u64,
    source: Source,
}

enum Source {
    Held(Loaded),
    OnDisk {
        path: PathBuf,
        loaded: OnceLock<Loaded>,
    },
}

struct Loaded {
    text: String,
    /// Byte offset of every [`CHAR_MARK`]-th char, so char slices of long texts are cheap.
    marks: Vec<usize>,
}

impl Loaded {
    fn new(text: String) -> Loaded {
        let marks = text
            .char_indices()
            .step_by(CHAR_MARK)
            .map(|(b, _)| b)
            .collect();
        Loaded { text, marks }
    }
}

impl DocumentText {
    /// A text held in memory.
    pub fn held(text: String) -> DocumentText {
        DocumentText {
            inner: Arc::new(Inner {
                hash: text_hash(&text),
                source: Source::Held(Loaded::new(text)),
            }),
        }
    }

    /// A text read from `path` when first needed; `hash` is the hash of the text the file held
    /// when it was last read.
    pub fn on_disk(path: PathBuf, hash: u64) -> DocumentText {
        DocumentText {
            inner: Arc::new(Inner {
                hash,
                source: Source::OnDisk {
                    path,
                    loaded: OnceLock::new(),
                },
            }),
        }
    }

    fn loaded(&self) -> &Loaded {
        match &self.inner.source {
            Source::Held(l) => l,
            Source::OnDisk { path, loaded } => {
                loaded.get_or_init(|| Loaded::new(load_checked(path, self.inner.hash)))
            }
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.loaded().text
    }

    /// The text for one look, without keeping it in memory if it was not loaded yet: for
    /// passes over every document of an archive.
    pub fn read(&self) -> Cow<'_, str> {
        match &self.inner.source {
            Source::Held(l) => Cow::Borrowed(&l.text),
            Source::OnDisk { loaded, .. } if loaded.get().is_some() => Cow::Borrowed(self.as_str()),
            Source::OnDisk { path, .. } => Cow::Owned(load_checked(path, self.inner.hash)),
        }
    }

    /// The hash of the text (as [`text_hash`] computes it), known without reading it.
    pub fn hash(&self) -> u64 {
        self.inner.hash
    }

    /// Whether the text is in memory now.
    pub fn is_loaded(&self) -> bool {
        match &self.inner.source {
            Source::Held(_) => true,
            Source::OnDisk { loaded, .. } => loaded.get().is_some(),
        }
    }

    /// The char-to-byte index: byte offset of every [`CHAR_MARK`]-th char.
    pub(crate) fn marks(&self) -> &[usize] {
        &self.loaded().marks
    }
}

/// Reads a text that the loader found unchanged. A file that has since been removed, made
/// unreadable or changed gives what can be read (nothing, or the new text) and a warning: the
/// next start analyses it again.
fn load_checked(path: &std::path::Path, hash: u64) -> String {
    match super::load::read_text(path) {
        Ok(text) => {
            if text_hash(&text) != hash {
                eprintln!(
                    "warning: {} changed while Reading Room was open; reopen the library to analyse it again",
                    path.display()
                );
            }
            text
        }
        Err(e) => {
            eprintln!("warning: cannot read a text any more: {e}");
            String::new()
        }
    }
}

impl Deref for DocumentText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for DocumentText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for DocumentText {
    fn eq(&self, other: &DocumentText) -> bool {
        self.hash() == other.hash() && self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for DocumentText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for DocumentText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for DocumentText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Debug for DocumentText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.source {
            Source::Held(l) => fmt::Debug::fmt(&l.text, f),
            Source::OnDisk { path, loaded } => match loaded.get() {
                Some(l) => fmt::Debug::fmt(&l.text, f),
                None => write!(f, "<text of {}, not loaded>", path.display()),
            },
        }
    }
}

impl fmt::Display for DocumentText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_on_disk_is_read_when_first_needed_and_not_kept_by_a_passing_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Fidel Castro said.\n").unwrap();
        let text = DocumentText::on_disk(path.clone(), text_hash("Fidel Castro said."));
        assert!(!text.is_loaded());
        assert_eq!(&*text.read(), "Fidel Castro said.");
        assert!(!text.is_loaded(), "a passing read keeps nothing");
        assert_eq!(text.len(), 18);
        assert!(text.is_loaded());
        assert_eq!(text, DocumentText::held("Fidel Castro said.".into()));
    }

    #[test]
    fn a_text_file_removed_while_open_reads_as_empty_rather_than_failing() {
        let dir = tempfile::tempdir().unwrap();
        let text = DocumentText::on_disk(dir.path().join("gone.txt"), 1);
        assert_eq!(text.as_str(), "");
        assert!(text.marks().is_empty());
    }
}
