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

use super::{ANALYSIS_VERSION, Analysed, DocumentAnalysis, Packed, analyse};
use crate::corpus::{Corpus, Document};
use crate::jobs::JobContext;
use crate::people::{MentionFinder, Person, Registry, Role};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The first bytes of a cache file.
const MAGIC: &[u8; 8] = b"RRANLYS2";
/// Largest cache file read (a 100,000-document archive needs about 1 GB).
pub const MAX_CACHE_BYTES: u64 = 4 << 30;

/// A cache file as read: its entries borrow from the file's bytes.
#[derive(Deserialize)]
struct CacheBody<'a> {
    analysis_version: u32,
    registry: Vec<Person>,
    #[serde(borrow)]
    entries: Vec<CachedEntry<'a>>,
}

#[derive(Deserialize)]
struct CachedEntry<'a> {
    doc: &'a str,
    key: u64,
    /// Each person's roles (decoded on open: the library's filters need every document's).
    roles: BTreeMap<String, BTreeSet<Role>>,
    /// The [`super::DocumentDetail`], postcard-encoded (decoded when a view asks for it; until
    /// then it stays in the file's bytes, not copied).
    detail: &'a [u8],
}

/// [`CacheBody`] by reference, for writing (encodes the same).
#[derive(Serialize)]
struct CacheBodyOut<'a> {
    analysis_version: u32,
    registry: &'a [Person],
    entries: Vec<CachedEntryOut<'a>>,
}

#[derive(Serialize)]
struct CachedEntryOut<'a> {
    doc: &'a str,
    key: u64,
    roles: &'a BTreeMap<String, BTreeSet<Role>>,
    detail: &'a [u8],
}

/// [`super::DocumentDetail`] by reference, for encoding (encodes the same).
#[derive(Serialize)]
struct DetailOut<'a> {
    mentions: &'a [crate::people::Mention],
    attributions: &'a [crate::speakers::Attribution],
    passages: &'a [crate::speakers::Passage],
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
    h.update(&postcard::to_stdvec(meta).unwrap_or_default());
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

/// The bytes of a cache file whose magic and checksum are right.
fn read_file(file: &Path) -> Result<Arc<Vec<u8>>, String> {
    let bytes = match crate::files::read_regular(file, MAX_CACHE_BYTES) {
        Ok(b) => b,
        Err(crate::files::ReadError::NotFound) => return Err("no cache yet".into()),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    if bytes.len() < 16 || &bytes[..8] != MAGIC {
        return Err("not a Reading Room cache file".into());
    }
    let sum = u64::from_le_bytes(bytes[8..16].try_into().unwrap_or_default());
    if xxhash_rust::xxh3::xxh3_64(&bytes[16..]) != sum {
        return Err("damaged (checksum mismatch)".into());
    }
    Ok(Arc::new(bytes))
}

/// The entries of a cache file read by [`read_file`].
fn decode_body(bytes: &[u8]) -> Result<CacheBody<'_>, String> {
    let body: CacheBody = postcard::from_bytes(bytes.get(16..).unwrap_or_default())
        .map_err(|e| format!("damaged (cannot decode: {e})"))?;
    if body.analysis_version != ANALYSIS_VERSION {
        return Err(format!(
            "made by analysis version {}, this is {ANALYSIS_VERSION}",
            body.analysis_version
        ));
    }
    Ok(body)
}

fn write_body(file: &Path, body: &CacheBodyOut<'_>) -> std::io::Result<()> {
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

/// Analyses a corpus, reusing what `file` holds and writing back what changed, and decodes
/// everything (see [`analyse_packed`], which leaves cached details packed).
pub fn analyse_with_cache(
    corpus: &Corpus,
    registry: &Registry,
    file: &Path,
    ctx: Option<&JobContext>,
) -> (Vec<DocumentAnalysis>, CacheReport) {
    let (analysed, report) = analyse_packed(corpus, registry, file, ctx);
    let analyses = corpus
        .documents
        .iter()
        .zip(analysed)
        .map(|(doc, a)| a.decode(doc.char_len))
        .collect();
    (analyses, report)
}

/// What opening decided for one document.
enum Decision {
    Reuse(usize),
    /// Analysed now: its roles, and its detail already packed (so that a first open of a large
    /// archive holds no more than a later one).
    Fresh {
        roles: BTreeMap<String, BTreeSet<Role>>,
        detail: Vec<u8>,
    },
    Skipped,
}

/// Analyses one document and packs its detail.
fn analyse_and_pack(doc: &Document, finder: &MentionFinder) -> Decision {
    let (roles, detail) = analyse(&doc.loaded_for_a_pass(), finder).split();
    let detail = postcard::to_stdvec(&DetailOut {
        mentions: &detail.mentions,
        attributions: &detail.attributions,
        passages: &detail.passages,
    })
    .unwrap_or_default();
    Decision::Fresh { roles, detail }
}

/// Analyses a corpus, reusing what `file` holds and writing back what changed. A reused
/// document's roles are decoded; its mentions and speakers stay packed until a view asks for
/// them. Reports progress (documents done) to `ctx` when given. Never fails: a bad cache is
/// rebuilt, and a cache that cannot be written is reported.
pub fn analyse_packed(
    corpus: &Corpus,
    registry: &Registry,
    file: &Path,
    ctx: Option<&JobContext>,
) -> (Vec<Analysed>, CacheReport) {
    analyse_packed_as_it_goes(corpus, registry, file, ctx, None)
}

/// How often, at most, [`analyse_packed_as_it_goes`] hands over what it has done so far.
pub const PARTIAL_EVERY: std::time::Duration = std::time::Duration::from_millis(1500);

/// Documents analysed between two looks at the clock (and at Cancel).
const CHUNK: usize = 512;

/// Where and how often [`analyse_packed_as_it_goes`] hands over what it has done so far.
#[derive(Clone, Copy)]
pub struct HandOver<'a> {
    /// At most this often ([`PARTIAL_EVERY`] in the window).
    pub every: std::time::Duration,
    /// Given the analyses of the first documents, in corpus order.
    pub to: &'a dyn Fn(Vec<Analysed>),
}

/// [`analyse_packed`], handing the analyses done so far to `partial` while it works, so a
/// window can show them as they arrive. A warm open finishes before the first hand-over.
pub fn analyse_packed_as_it_goes(
    corpus: &Corpus,
    registry: &Registry,
    file: &Path,
    ctx: Option<&JobContext>,
    partial: Option<HandOver<'_>>,
) -> (Vec<Analysed>, CacheReport) {
    let mut report = CacheReport::default();
    let bytes = read_file(file);
    let mut old = match bytes
        .as_deref()
        .map_err(Clone::clone)
        .and_then(|b| decode_body(b))
    {
        Ok(body) => Some(body),
        Err(why) => {
            report.discarded = Some(why);
            None
        }
    };
    let (entries, probes, redo_all): (HashMap<&str, usize>, HashSet<String>, bool) = match &old {
        None => (HashMap::new(), HashSet::new(), true),
        Some(body) => {
            let entries = body
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.doc, i))
                .collect();
            match changed_people(&body.registry, &registry.people) {
                Some(changed) => (entries, probe_words(&changed), false),
                None => (entries, HashSet::new(), true),
            }
        }
    };
    let old_registry_same = old
        .as_ref()
        .is_some_and(|body| body.registry == registry.people);
    let old_count = old.as_ref().map_or(0, |body| body.entries.len());
    let finder = MentionFinder::new(registry);
    let total = corpus.documents.len();
    let done = AtomicUsize::new(0);
    let mut analysed: Vec<(BTreeMap<String, BTreeSet<Role>>, Packed)> = Vec::with_capacity(total);
    let mut keys = Vec::with_capacity(total);
    let mut last_handed = std::time::Instant::now();
    for chunk in corpus.documents.chunks(CHUNK) {
        if ctx.is_some_and(JobContext::cancelled) {
            break;
        }
        let decisions: Vec<(Decision, u64)> = crate::parallel::par_map(chunk, |doc| {
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(ctx) = ctx
                && (n.is_multiple_of(256) || n == total)
            {
                ctx.report(n as u64, Some(total as u64), "Analysing documents");
            }
            let key = document_key(doc);
            if ctx.is_some_and(JobContext::cancelled) {
                return (Decision::Skipped, key);
            }
            let reusable = (!redo_all)
                .then(|| entries.get(doc.id()).copied())
                .flatten()
                .filter(|&i| old.as_ref().is_some_and(|b| b.entries[i].key == key))
                .filter(|_| probes.is_empty() || !could_name(doc, &probes));
            match reusable {
                Some(i) => (Decision::Reuse(i), key),
                None => (analyse_and_pack(doc, &finder), key),
            }
        });
        let start = analysed.len();
        for (doc, (decision, key)) in corpus.documents[start..].iter().zip(decisions) {
            keys.push(key);
            let (roles, detail) = match decision {
                Decision::Reuse(i) => {
                    report.reused += 1;
                    match (old.as_mut(), &bytes) {
                        (Some(body), Ok(file_bytes)) => {
                            let e = &mut body.entries[i];
                            let at = (e.detail.as_ptr() as usize)
                                .saturating_sub(file_bytes.as_ptr() as usize);
                            let packed = Packed {
                                bytes: file_bytes.clone(),
                                range: at..at + e.detail.len(),
                            };
                            (std::mem::take(&mut e.roles), packed)
                        }
                        _ => Default::default(),
                    }
                }
                Decision::Fresh { roles, detail } => {
                    report.analysed.push(doc.id().to_string());
                    (roles, Packed::whole(detail))
                }
                Decision::Skipped => Default::default(),
            };
            analysed.push((roles, detail));
        }
        if let Some(hand_over) = partial
            && analysed.len() < total
            && last_handed.elapsed() >= hand_over.every
            && !ctx.is_some_and(JobContext::cancelled)
        {
            (hand_over.to)(
                analysed
                    .iter()
                    .map(|(roles, detail)| Analysed::Cached {
                        roles: roles.clone(),
                        detail: detail.clone(),
                    })
                    .collect(),
            );
            last_handed = std::time::Instant::now();
        }
    }
    drop(entries);
    if ctx.is_some_and(JobContext::cancelled) {
        report.cancelled = true;
        let nothing = corpus
            .documents
            .iter()
            .map(|_| Analysed::Fresh(DocumentAnalysis::default()))
            .collect();
        return (nothing, report);
    }
    let unchanged = report.analysed.is_empty() && old_registry_same && old_count == analysed.len();
    drop(old);
    if !unchanged {
        let entries = corpus
            .documents
            .iter()
            .zip(&analysed)
            .zip(&keys)
            .map(|((doc, (roles, detail)), key)| CachedEntryOut {
                doc: doc.id(),
                key: *key,
                roles,
                detail: detail.as_slice(),
            })
            .collect();
        let body = CacheBodyOut {
            analysis_version: ANALYSIS_VERSION,
            registry: &registry.people,
            entries,
        };
        if let Err(e) = write_body(file, &body) {
            report.write_error = Some(format!("{}: {e}", file.display()));
        }
    }
    let analysed = analysed
        .into_iter()
        .map(|(roles, detail)| Analysed::Cached { roles, detail })
        .collect();
    (analysed, report)
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

    /// A second open decodes roles only: mentions and speakers stay packed until asked for,
    /// and then are what the first open found.
    #[test]
    fn a_second_open_leaves_mentions_and_speakers_packed_until_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, registry) = small_corpus(&dir.path().join("c"));
        let file = dir.path().join("cache/analysis.bin");
        let (fresh, _) = analyse_packed(&corpus, &registry, &file, None);
        let (people1, speakers1) = super::super::assemble_packed(&corpus, fresh);
        let (cached, report) = analyse_packed(&corpus, &registry, &file, None);
        assert_eq!(report.reused, 30);
        assert!(cached.iter().all(|a| matches!(a, Analysed::Cached { .. })));
        let (people2, speakers2) = super::super::assemble_packed(&corpus, cached);
        assert_eq!(people2.mentions.decoded(), 0);
        assert_eq!(speakers2.attributions.decoded(), 0);
        assert_eq!(people1.roles, people2.roles);
        let id = corpus.documents[4].id();
        assert_eq!(people1.mentions.get(id), people2.mentions.get(id));
        assert!(!people2.mentions[id].is_empty());
        assert_eq!(people2.mentions.decoded(), 1);
        assert_eq!(speakers1.passages, speakers2.passages);
        assert_eq!(speakers1.attributions, speakers2.attributions);
        assert_eq!(speakers1.participants, speakers2.participants);
    }

    /// A long first analysis hands over what it has done so far, in order, before it ends; what
    /// it hands over is what the end result says of those documents.
    #[test]
    fn a_long_analysis_hands_over_the_documents_done_so_far() {
        let dir = tempfile::tempdir().unwrap();
        crate::corpus::synthetic::write_corpus_dir(&dir.path().join("c"), CHUNK * 2 + 40, 200)
            .unwrap();
        let corpus = Corpus::load_dir(&dir.path().join("c")).unwrap();
        let registry = Registry::load_dir(&dir.path().join("c")).unwrap();
        let file = dir.path().join("cache/analysis.bin");
        let handed = std::sync::Mutex::new(Vec::new());
        let keep = |so_far: Vec<Analysed>| handed.lock().unwrap().push(so_far);
        let every = HandOver {
            every: std::time::Duration::ZERO,
            to: &keep,
        };
        let (all, _) = analyse_packed_as_it_goes(&corpus, &registry, &file, None, Some(every));
        let handed = handed.into_inner().unwrap();
        let sizes: Vec<usize> = handed.iter().map(Vec::len).collect();
        assert_eq!(
            sizes,
            vec![CHUNK, 2 * CHUNK],
            "one hand-over per chunk but the last"
        );
        assert_eq!(handed[1][..], all[..2 * CHUNK]);
        // A warm open is over before the first hand-over is due.
        let nothing = |_: Vec<Analysed>| panic!("nothing to hand over");
        let rarely = HandOver {
            every: std::time::Duration::from_secs(3600),
            to: &nothing,
        };
        let (again, report) =
            analyse_packed_as_it_goes(&corpus, &registry, &file, None, Some(rarely));
        assert_eq!(report.reused, corpus.documents.len());
        assert_eq!(again.len(), all.len());
    }

    /// A packed detail with an offset outside its document is left out, not trusted.
    #[test]
    fn a_packed_detail_that_does_not_fit_its_document_is_left_out() {
        let detail = super::super::DocumentDetail {
            mentions: vec![crate::people::Mention {
                person: "fidel-castro".into(),
                start: 10,
                end: 20,
                resolved_from_context: false,
            }],
            ..Default::default()
        };
        let bytes = postcard::to_stdvec(&detail).unwrap();
        let decode = |len| super::super::per_document::decode_part(&bytes, len, |d| d.mentions);
        assert_eq!(decode(20).len(), 1);
        assert!(decode(19).is_empty());
        assert!(
            super::super::per_document::decode_part(b"\xff\xff", 100, |d| d.mentions).is_empty()
        );
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
