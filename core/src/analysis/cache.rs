//! The analysis cache: one packed, checksummed file per corpus in `<data dir>/cache/`
//! (`analysis-embedded.bin` for the paper, `analysis-<hash of the folder>.bin` for a `--corpus`
//! folder). Deleting it is always safe: it is rebuilt on the next start.
//!
//! Each entry is one document's analysis, keyed by a hash of the document's text, heading and
//! metadata; the file also keeps the people registry the entries were made with and the
//! [`ANALYSIS_VERSION`]. On open:
//! - a document whose key matches reuses its entry; a changed or new one is analysed again;
//! - when the registry changed, only the documents that could name a changed person (one of
//!   that person's words, before or after the change, occurs in the document) are analysed again;
//! - a file that is damaged, truncated, from another version or not a cache at all is ignored
//!   and rebuilt, never trusted and never fatal.

use super::{ANALYSIS_VERSION, DocumentAnalysis, analyse};
use crate::corpus::{Corpus, Document};
use crate::jobs::JobContext;
use crate::people::{MentionFinder, Person, Registry};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"RRANLYS1";
/// Largest cache file read (a 100,000-document archive needs about 1 GB).
pub const MAX_CACHE_BYTES: u64 = 4 << 30;

#[derive(Serialize, Deserialize)]
struct CacheBody {
    analysis_version: u32,
    registry: Vec<Person>,
    entries: Vec<CachedEntry>,
}

#[derive(Serialize, Deserialize)]
struct CachedEntry {
    doc: String,
    key: u64,
    /// The [`DocumentAnalysis`], postcard-encoded (decoded only when used).
    analysis: Vec<u8>,
}

/// What opening with the cache did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CacheReport {
    /// Documents whose analysis came from the cache.
    pub reused: usize,
    /// Documents analysed this time (new, changed, or affected by a registry change), by id.
    pub analysed: Vec<String>,
    /// Why the cache file was not used at all, if it was not (missing, damaged, old version).
    pub discarded: Option<String>,
    /// The cache could not be written (the analysis is still complete; next start redoes it).
    pub write_error: Option<String>,
    /// Cancel came before the end: the analyses are incomplete, must not be used, and nothing
    /// was written.
    pub cancelled: bool,
}

/// The cache file for a corpus: the embedded paper, or a `--corpus` folder.
pub fn cache_file(data_dir: &Path, corpus_dir: Option<&Path>) -> PathBuf {
    let name = match corpus_dir {
        None => "analysis-embedded.bin".to_string(),
        Some(dir) => {
            let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            let hash = xxhash_rust::xxh3::xxh3_64(real.as_os_str().as_encoded_bytes());
            format!("analysis-{hash:016x}.bin")
        }
    };
    data_dir.join("cache").join(name)
}

/// What a document's analysis depends on, hashed: text, heading and metadata.
pub fn document_key(doc: &Document) -> u64 {
    document_key_of(&doc.meta, doc.heading.as_deref(), doc.text.hash())
}

/// [`document_key`] from the parts, before a `Document` is built (`text_hash` is
/// [`crate::corpus::text_hash`] of the text: the text need not be read).
pub fn document_key_of(
    meta: &crate::corpus::DocumentMeta,
    heading: Option<&str>,
    text_hash: u64,
) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&serde_json::to_vec(meta).unwrap_or_default());
    h.update(&[0]);
    h.update(heading.unwrap_or("").as_bytes());
    h.update(&[0]);
    h.update(&text_hash.to_le_bytes());
    h.digest()
}

/// What every document's analysis depends on besides the document: the people registry and
/// the analysis version, hashed.
pub fn registry_key(registry: &Registry) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&ANALYSIS_VERSION.to_le_bytes());
    h.update(&serde_json::to_vec(&registry.people).unwrap_or_default());
    h.digest()
}

fn read_body(file: &Path) -> Result<CacheBody, String> {
    let bytes = match crate::files::read_regular(file, MAX_CACHE_BYTES) {
        Ok(b) => b,
        Err(crate::files::ReadError::NotFound) => return Err("no cache yet".into()),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    if bytes.len() < 16 || &bytes[..8] != MAGIC {
        return Err("not a Reading Room cache file".into());
    }
    let (sum, body) = bytes[8..].split_at(8);
    let sum = u64::from_le_bytes(sum.try_into().unwrap_or_default());
    if xxhash_rust::xxh3::xxh3_64(body) != sum {
        return Err("damaged (checksum mismatch)".into());
    }
    let body: CacheBody =
        postcard::from_bytes(body).map_err(|e| format!("damaged (cannot decode: {e})"))?;
    if body.analysis_version != ANALYSIS_VERSION {
        return Err(format!(
            "made by analysis version {}, this is {ANALYSIS_VERSION}",
            body.analysis_version
        ));
    }
    Ok(body)
}

fn write_body(file: &Path, body: &CacheBody) -> std::io::Result<()> {
    let encoded = postcard::to_stdvec(body).map_err(std::io::Error::other)?;
    let mut bytes = Vec::with_capacity(encoded.len() + 16);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&encoded).to_le_bytes());
    bytes.extend_from_slice(&encoded);
    if let Some(dir) = file.parent() {
        crate::files::create_private_dir(dir)?;
    }
    crate::files::write_atomic(file, &bytes, crate::files::NewFileMode::PRIVATE)
}

/// The folded words that must occur in a document for it to name one of these people: for each
/// form (and name, and id), its longest word, since a form is found only where all its words are.
fn probe_words(people: &[&Person]) -> HashSet<String> {
    let mut out = HashSet::new();
    for p in people {
        for form in p
            .forms
            .iter()
            .chain(&p.ambiguous_forms)
            .chain([&p.name, &p.id])
        {
            if let Some(w) = words(&crate::text::fold(form)).max_by_key(|w| w.len()) {
                out.insert(w.to_string());
            }
        }
    }
    out
}

fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Could this document name one of the probed people (in its text, heading or metadata)?
fn could_name(doc: &Document, probes: &HashSet<String>) -> bool {
    let meta = serde_json::to_string(&doc.meta).unwrap_or_default();
    [
        &*doc.text.read(),
        doc.heading.as_deref().unwrap_or(""),
        &meta,
    ]
    .iter()
    .any(|part| words(&crate::text::fold(part)).any(|w| probes.contains(w)))
}

/// The people added, removed or changed between two registries; `None` when the order of the
/// others changed too (the finder breaks ties by order: everything must be redone).
fn changed_people<'a>(old: &'a [Person], new: &'a [Person]) -> Option<Vec<&'a Person>> {
    let old_by_id: HashMap<&str, &Person> = old.iter().map(|p| (p.id.as_str(), p)).collect();
    let new_by_id: HashMap<&str, &Person> = new.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut changed: Vec<&Person> = Vec::new();
    for p in new {
        match old_by_id.get(p.id.as_str()) {
            Some(o) if *o == p => {}
            Some(o) => changed.extend([*o, p]),
            None => changed.push(p),
        }
    }
    changed.extend(
        old.iter()
            .filter(|p| !new_by_id.contains_key(p.id.as_str())),
    );
    let kept = |list: &'a [Person]| -> Vec<&'a str> {
        list.iter()
            .filter(|p| {
                old_by_id.contains_key(p.id.as_str()) && new_by_id.contains_key(p.id.as_str())
            })
            .map(|p| p.id.as_str())
            .collect()
    };
    (kept(old) == kept(new)).then_some(changed)
}

/// A cached analysis is used only if every offset in it lies inside the document.
fn fits(a: &DocumentAnalysis, doc: &Document) -> bool {
    let ok = |s: usize, e: usize| s <= e && e <= doc.char_len;
    a.mentions.iter().all(|m| ok(m.start, m.end))
        && a.attributions.iter().all(|x| ok(x.start, x.end))
        && a.passages.iter().all(|x| ok(x.start, x.end))
}

/// Analyses a corpus, reusing what `file` holds and writing back what changed. Reports progress
/// (documents done) to `ctx` when given. Never fails: a bad cache is rebuilt, and a cache that
/// cannot be written is reported.
pub fn analyse_with_cache(
    corpus: &Corpus,
    registry: &Registry,
    file: &Path,
    ctx: Option<&JobContext>,
) -> (Vec<DocumentAnalysis>, CacheReport) {
    let mut report = CacheReport::default();
    let old = match read_body(file) {
        Ok(body) => Some(body),
        Err(why) => {
            report.discarded = Some(why);
            None
        }
    };
    let (entries, probes, redo_all): (HashMap<&str, &CachedEntry>, HashSet<String>, bool) =
        match &old {
            None => (HashMap::new(), HashSet::new(), true),
            Some(body) => {
                let entries = body.entries.iter().map(|e| (e.doc.as_str(), e)).collect();
                match changed_people(&body.registry, &registry.people) {
                    Some(changed) => (entries, probe_words(&changed), false),
                    None => (entries, HashSet::new(), true),
                }
            }
        };
    let finder = MentionFinder::new(registry);
    let total = corpus.documents.len();
    let done = AtomicUsize::new(0);
    let results: Vec<(DocumentAnalysis, u64, Option<Vec<u8>>)> =
        crate::parallel::par_map(&corpus.documents, |doc| {
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(ctx) = ctx
                && (n.is_multiple_of(256) || n == total)
            {
                ctx.report(n as u64, Some(total as u64), "Analysing documents");
            }
            let key = document_key(doc);
            if ctx.is_some_and(JobContext::cancelled) {
                return (DocumentAnalysis::default(), key, None);
            }
            let reusable = (!redo_all)
                .then(|| entries.get(doc.id()))
                .flatten()
                .filter(|e| e.key == key)
                .filter(|_| probes.is_empty() || !could_name(doc, &probes));
            if let Some(entry) = reusable
                && let Ok(a) = postcard::from_bytes::<DocumentAnalysis>(&entry.analysis)
                && fits(&a, doc)
            {
                return (a, key, Some(entry.analysis.clone()));
            }
            (analyse(&doc.loaded_for_a_pass(), &finder), key, None)
        });
    if ctx.is_some_and(JobContext::cancelled) {
        report.cancelled = true;
        return (results.into_iter().map(|r| r.0).collect(), report);
    }
    let mut analyses = Vec::with_capacity(results.len());
    let mut new_entries = Vec::with_capacity(results.len());
    for (doc, (analysis, key, bytes)) in corpus.documents.iter().zip(results) {
        let bytes = match bytes {
            Some(b) => {
                report.reused += 1;
                b
            }
            None => {
                report.analysed.push(doc.id().to_string());
                postcard::to_stdvec(&analysis).unwrap_or_default()
            }
        };
        new_entries.push(CachedEntry {
            doc: doc.id().to_string(),
            key,
            analysis: bytes,
        });
        analyses.push(analysis);
    }
    let unchanged = old.as_ref().is_some_and(|body| {
        report.analysed.is_empty()
            && body.registry == registry.people
            && body.entries.len() == new_entries.len()
    });
    if !unchanged {
        let body = CacheBody {
            analysis_version: ANALYSIS_VERSION,
            registry: registry.people.clone(),
            entries: new_entries,
        };
        if let Err(e) = write_body(file, &body) {
            report.write_error = Some(format!("{}: {e}", file.display()));
        }
    }
    (analyses, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_corpus(dir: &Path) -> (Corpus, Registry) {
        crate::corpus::synthetic::write_corpus_dir(dir, 30, 2000).unwrap();
        (
            Corpus::load_dir(dir).unwrap(),
            Registry::load_dir(dir).unwrap(),
        )
    }

    #[test]
    fn a_second_open_reuses_every_analysis_and_finds_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, registry) = small_corpus(&dir.path().join("c"));
        let file = dir.path().join("cache/analysis.bin");
        let (first, r1) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!(r1.analysed.len(), 30);
        assert_eq!(r1.discarded.as_deref(), Some("no cache yet"));
        let (second, r2) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!((r2.reused, r2.analysed.len(), r2.discarded), (30, 0, None));
        assert_eq!(first, second);
        assert_eq!(first, super::super::analyse_all(&corpus, &registry));
    }

    #[test]
    fn editing_one_document_reanalyses_that_document_only() {
        let dir = tempfile::tempdir().unwrap();
        let (mut corpus, registry) = small_corpus(&dir.path().join("c"));
        let file = dir.path().join("cache/analysis.bin");
        analyse_with_cache(&corpus, &registry, &file, None);
        crate::corpus::synthetic::append_text(
            &mut corpus.documents[7],
            " Fidel Castro said that all was well.",
        );
        let (analyses, report) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!(report.analysed, vec![corpus.documents[7].id().to_string()]);
        assert_eq!(report.reused, 29);
        assert!(
            analyses[7]
                .mentions
                .iter()
                .any(|m| m.person == "fidel-castro" && m.start > corpus.documents[7].char_len - 40)
        );
    }

    #[test]
    fn a_registry_change_reanalyses_only_documents_that_could_name_the_person() {
        let dir = tempfile::tempdir().unwrap();
        let (mut corpus, mut registry) = small_corpus(&dir.path().join("c"));
        crate::corpus::synthetic::append_text(
            &mut corpus.documents[3],
            " Then Comandante Zyxwvut spoke.",
        );
        let file = dir.path().join("cache/analysis.bin");
        analyse_with_cache(&corpus, &registry, &file, None);
        // A new person, named in one document only.
        registry.people.push(Person {
            id: "comandante-z".into(),
            name: "Comandante Zyxwvut".into(),
            description: String::new(),
            forms: vec!["Zyxwvut".into()],
            ambiguous_forms: vec![],
        });
        let (analyses, report) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!(report.analysed, vec!["gen-000003".to_string()]);
        assert_eq!(report.reused, 29);
        assert!(
            analyses[3]
                .mentions
                .iter()
                .any(|m| m.person == "comandante-z")
        );
        assert_eq!(analyses, super::super::analyse_all(&corpus, &registry));
        // Reordering the registry redoes everything (ties are broken by order).
        registry.people.reverse();
        let (redone, report) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!(report.analysed.len(), 30);
        assert_eq!(redone, super::super::analyse_all(&corpus, &registry));
    }

    #[test]
    fn a_damaged_cache_is_rebuilt_and_never_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, registry) = small_corpus(&dir.path().join("c"));
        let file = dir.path().join("cache/analysis.bin");
        let (good, _) = analyse_with_cache(&corpus, &registry, &file, None);
        let mut bytes = std::fs::read(&file).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        std::fs::write(&file, &bytes).unwrap();
        let (again, report) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!(
            report.discarded.as_deref(),
            Some("damaged (checksum mismatch)")
        );
        assert_eq!(report.analysed.len(), 30);
        assert_eq!(again, good);
        for junk in [&b""[..], b"RRANLYS1", b"not a cache at all, just text"] {
            std::fs::write(&file, junk).unwrap();
            let (again, report) = analyse_with_cache(&corpus, &registry, &file, None);
            assert!(report.discarded.is_some());
            assert_eq!(again, good);
        }
        // The rebuilt cache is good again.
        let (_, report) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!(report.reused, 30);
    }

    #[test]
    fn a_cancelled_analysis_writes_nothing_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, registry) = small_corpus(&dir.path().join("c"));
        let file = dir.path().join("cache/analysis.bin");
        let job = crate::jobs::spawn("analyse", {
            let (corpus, registry, file) = (corpus.clone(), registry.clone(), file.clone());
            move |ctx| {
                // Cancel is asked before the work starts.
                while !ctx.cancelled() {
                    std::thread::yield_now();
                }
                analyse_with_cache(&corpus, &registry, &file, Some(ctx)).1
            }
        });
        job.cancel();
        let crate::jobs::Finished::Done(report) = job.wait() else {
            panic!("the job ends")
        };
        assert!(report.cancelled);
        assert!(!file.exists(), "nothing written");
        let (_, after) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!(
            after.analysed.len(),
            30,
            "the next open analyses everything"
        );
    }

    #[test]
    fn a_cache_that_cannot_be_written_is_reported_and_the_analysis_is_complete() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, registry) = small_corpus(&dir.path().join("c"));
        std::fs::write(
            dir.path().join("cache"),
            "a file where the folder should be",
        )
        .unwrap();
        let file = dir.path().join("cache/analysis.bin");
        let (analyses, report) = analyse_with_cache(&corpus, &registry, &file, None);
        assert_eq!(analyses.len(), 30);
        assert!(report.write_error.is_some());
    }
}
