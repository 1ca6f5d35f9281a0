//! Anchoring results remembered by (document text, note target): a note whose target and
//! document are unchanged is placed by a lookup, not searched for again. The memo is kept on
//! disk beside the notebook (`.<notebook>.anchors`), so an unchanged notebook is not re-anchored
//! at every start; a missing, stale or damaged memo file is simply rebuilt.

use super::anchor::{AnchorStatus, AnchorText, Anchored};
use super::model::{Annotation, Notebook, Target};
use crate::corpus::Corpus;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Changes whenever anchoring may place a note differently: older memos are ignored.
pub const ANCHOR_VERSION: u32 = 2;
/// Largest memo file read.
const MAX_MEMO_BYTES: u64 = 64 * 1024 * 1024;
const HEADER: &str = "readingroom-anchors";

fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
}

/// The memo key of a target anchored in a text with hash `text`.
fn key(text: u64, target: &Target) -> Option<u64> {
    let Target::Text {
        quote, position, ..
    } = target
    else {
        return None;
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(ANCHOR_VERSION);
    fnv(&mut h, &text.to_le_bytes());
    for part in [&quote.exact, &quote.prefix, &quote.suffix] {
        fnv(&mut h, &(part.len() as u64).to_le_bytes());
        fnv(&mut h, part.as_bytes());
    }
    fnv(&mut h, &(position.start as u64).to_le_bytes());
    fnv(&mut h, &(position.end as u64).to_le_bytes());
    Some(h)
}

/// Remembered placements, and the documents prepared for anchoring what is not remembered.
#[derive(Default)]
pub struct AnchorMemo {
    entries: HashMap<u64, Anchored>,
    text_hashes: HashMap<String, u64>,
    texts: HashMap<String, AnchorText>,
    used: std::collections::HashSet<u64>,
    changed: bool,
}

impl AnchorMemo {
    /// Where the memo of a notebook is kept.
    pub fn path_for(notebook: &Path) -> PathBuf {
        crate::files::hidden_sibling(notebook, "anchors")
    }

    /// Reads a memo file; anything wrong with it gives an empty memo (it is only a cache).
    pub fn load(path: &Path) -> AnchorMemo {
        let mut memo = AnchorMemo::default();
        let Ok(bytes) = crate::files::read_regular(path, MAX_MEMO_BYTES) else {
            return memo;
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return memo;
        };
        let Some((body, check)) = text.trim_end().rsplit_once('\n') else {
            return memo;
        };
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        fnv(&mut h, body.as_bytes());
        if check != format!("end {h:016x}") {
            return memo;
        }
        let mut lines = body.lines();
        if lines.next() != Some(&format!("{HEADER} {ANCHOR_VERSION}")) {
            return memo;
        }
        for line in lines {
            let mut f = line.split(' ');
            let (Some(k), Some(s), Some(a), Some(b), Some(score)) =
                (f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                return AnchorMemo::default();
            };
            let status = match s {
                "exact" => AnchorStatus::Exact,
                "relocated" => AnchorStatus::Relocated,
                "fuzzy" => AnchorStatus::Fuzzy,
                "orphan" => AnchorStatus::Orphan,
                _ => return AnchorMemo::default(),
            };
            let (Ok(k), Ok(start), Ok(end), Ok(score)) = (
                u64::from_str_radix(k, 16),
                a.parse::<usize>(),
                b.parse::<usize>(),
                score.parse::<f64>(),
            ) else {
                return AnchorMemo::default();
            };
            memo.entries.insert(
                k,
                Anchored {
                    status,
                    start,
                    end,
                    score,
                },
            );
        }
        memo
    }

    /// Writes the memo (atomically, private) if anything was added since it was read; entries
    /// this session never asked for (notes edited or deleted since) are dropped.
    pub fn save(&mut self, path: &Path) -> std::io::Result<()> {
        let stale = self.entries.keys().any(|k| !self.used.contains(k));
        if !self.changed && !stale {
            return Ok(());
        }
        let mut body = format!("{HEADER} {ANCHOR_VERSION}\n");
        for (k, a) in self.entries.iter().filter(|(k, _)| self.used.contains(*k)) {
            let status = match a.status {
                AnchorStatus::Exact => "exact",
                AnchorStatus::Relocated => "relocated",
                AnchorStatus::Fuzzy => "fuzzy",
                AnchorStatus::Orphan => "orphan",
                AnchorStatus::Unanchored => continue,
            };
            let _ = writeln!(body, "{k:016x} {status} {} {} {}", a.start, a.end, a.score);
        }
        let body = body.trim_end();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        fnv(&mut h, body.as_bytes());
        let text = format!("{body}\nend {h:016x}\n");
        crate::files::write_atomic(path, text.as_bytes(), crate::files::NewFileMode::PRIVATE)?;
        self.changed = false;
        Ok(())
    }

    /// Forgets everything known about a document's text (it was replaced or added anew).
    pub fn forget_document(&mut self, doc: &str) {
        self.text_hashes.remove(doc);
        self.texts.remove(doc);
    }

    /// Places one note's first target: from the memo when it and its document are unchanged.
    pub fn anchor(&mut self, corpus: &Corpus, a: &Annotation) -> Anchored {
        self.anchor_target(corpus, &a.target)
    }

    /// Places every target of a note, in [`Annotation::targets`] order.
    pub fn anchor_each(&mut self, corpus: &Corpus, a: &Annotation) -> Vec<Anchored> {
        a.targets().map(|t| self.anchor_target(corpus, t)).collect()
    }

    /// Places one target: from the memo when it and its document are unchanged.
    pub fn anchor_target(&mut self, corpus: &Corpus, target: &Target) -> Anchored {
        let Some(doc_id) = target.doc() else {
            return Anchored::none(AnchorStatus::Unanchored);
        };
        let Some(doc) = corpus.get(doc_id) else {
            // The document is not here (yet): an orphan, kept and listed.
            return Anchored::none(AnchorStatus::Orphan);
        };
        let text_hash = *self
            .text_hashes
            .entry(doc_id.to_string())
            .or_insert_with(|| {
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                fnv(&mut h, doc.text.as_bytes());
                h
            });
        let Some(k) = key(text_hash, target) else {
            return Anchored::none(AnchorStatus::Unanchored);
        };
        self.used.insert(k);
        if let Some(found) = self.entries.get(&k) {
            return *found;
        }
        let found = self
            .texts
            .entry(doc_id.to_string())
            .or_insert_with(|| AnchorText::new(&doc.text))
            .anchor(target);
        self.entries.insert(k, found);
        self.changed = true;
        found
    }

    /// Places every note of a notebook, by id: one place per target, in
    /// [`Annotation::targets`] order (a note on a pair of passages has two).
    pub fn anchor_all(&mut self, corpus: &Corpus, nb: &Notebook) -> HashMap<String, Vec<Anchored>> {
        nb.annotations
            .iter()
            .map(|a| (a.id.clone(), self.anchor_each(corpus, a)))
            .collect()
    }
}
