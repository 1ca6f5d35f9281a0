//! The loader's cache for a corpus folder (`<data dir>/cache/analysis-<hash>.catalog.bin`, one
//! checksummed postcard file): the parsed catalog and layout, and what was found in each text
//! file when it was last read (its hash, length in chars and editorial marks).
//!
//! - The catalog and layout are reused when both files hash to what was parsed last time
//!   (RON is slow to parse: a quarter of a second for 10,000 entries).
//! - A text file is not read again while its size, modification and change times and inode are
//!   what they were, and it was last modified well before the cache was written (a file
//!   changed within the same clock tick as the cache could otherwise go unnoticed; such a file
//!   is simply read again next time). Its document then reads the text when first needed.
//! - A damaged or foreign cache is ignored and rewritten; one that cannot be written costs the
//!   next start the work again, nothing more.

use super::build::{Catalog, Layout};
use super::model::EditorialSpan;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    device: u64,
}

impl Stamp {
    /// The stamp of a regular file (symlinks followed, as the reader does); `None` otherwise.
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        #[cfg(unix)]
        let (changed_ns, inode, device) = {
            use std::os::unix::fs::MetadataExt;
            (
                meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128,
                meta.ino(),
                meta.dev(),
            )
        };
        #[cfg(not(unix))]
        let (changed_ns, inode, device) = (0, 0, 0);
        Some(Stamp {
            len: meta.len(),
            modified_ns: meta.modified().ok().map_or(0, nanos_since_epoch),
            changed_ns,
            inode,
            device,
        })
    }
}

fn nanos_since_epoch(t: std::time::SystemTime) -> i128 {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// How long before the cache was written a file must have last changed for its stamp to be
/// trusted (coarse file-system clocks tick in up to two seconds).
const SETTLED_NS: i128 = 2_000_000_000;

/// What was found in one text file when it was last read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct TextFacts {
    pub(crate) stamp: Stamp,
    /// [`super::text_hash`] of the text (final newline removed).
    pub(crate) hash: u64,
    pub(crate) char_len: usize,
    pub(crate) editorial: Vec<EditorialSpan>,
}

/// The cache file's content.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct LoaderCache {
    /// Hash of `catalog.ron` and `layout.ron` as parsed into `parsed`.
    pub(crate) key: u64,
    pub(crate) parsed: Option<(Catalog, Layout)>,
    /// When the cache was written (ns since the epoch).
    pub(crate) written_ns: i128,
    /// Text facts by document id.
    pub(crate) texts: HashMap<String, TextFacts>,
}

impl LoaderCache {
    /// The facts of a text file whose stamp is still `stamp`, if they can be trusted.
    pub(crate) fn facts_for(&self, id: &str, stamp: &Stamp) -> Option<&TextFacts> {
        self.texts
            .get(id)
            .filter(|f| f.stamp == *stamp)
            .filter(|f| {
                f.stamp.modified_ns < self.written_ns - SETTLED_NS
                    && f.stamp.changed_ns < self.written_ns - SETTLED_NS
            })
    }
}

const MAGIC: &[u8; 8] = b"RRCATLG4";

/// Reads the cache; `None` when missing, damaged or not ours.
pub(crate) fn read(file: &Path) -> Option<LoaderCache> {
    let bytes = crate::files::read_regular(file, 2 * super::load::MAX_CATALOG_BYTES).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, body) = rest.split_at_checked(8)?;
    if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// [`LoaderCache`] by reference, for writing (encodes the same).
#[derive(Serialize)]
struct LoaderCacheOut<'a> {
    key: u64,
    parsed: Option<(&'a Catalog, &'a Layout)>,
    written_ns: i128,
    texts: &'a HashMap<String, TextFacts>,
}

/// Writes the cache, stamped with the time now. Errors are ignored: a cache that cannot be
/// written costs the next start the work again.
pub(crate) fn write(
    file: &Path,
    key: u64,
    parsed: Option<(&Catalog, &Layout)>,
    texts: &HashMap<String, TextFacts>,
) {
    let out = LoaderCacheOut {
        key,
        parsed,
        written_ns: nanos_since_epoch(std::time::SystemTime::now()),
        texts,
    };
    let Ok(body) = postcard::to_stdvec(&out) else {
        return;
    };
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    if let Some(folder) = file.parent() {
        let _ = crate::files::create_private_dir(folder);
    }
    let _ = crate::files::write_atomic(file, &bytes, crate::files::NewFileMode::PRIVATE);
}

/// Makes a cache look written `by_ns` later than it was (for tests of the settling rule).
#[cfg(test)]
pub(crate) fn age(file: &Path, by_ns: i128) {
    let mut cache = read(file).expect("a cache to age");
    let mut bytes = MAGIC.to_vec();
    cache.written_ns += by_ns;
    let body = postcard::to_stdvec(&cache).unwrap();
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    std::fs::write(file, bytes).unwrap();
}

/// The hash of `catalog.ron` then `layout.ron`, read in pieces (they are about 100 MB each
/// for 100,000 documents, and need not be held to be hashed).
pub(crate) fn files_key(dir: &Path, limit: u64) -> Result<u64, super::CorpusError> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (i, name) in ["catalog.ron", "layout.ron"].iter().enumerate() {
        if i > 0 {
            h.update(&[0]);
        }
        let file = dir.join(name);
        crate::files::read_regular_in_pieces(&file, limit, |piece| h.update(piece))
            .map_err(|e| super::load::read_error(&file, limit, e))?;
    }
    Ok(h.digest())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_or_foreign_cache_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.bin");
        write(&file, 7, None, &HashMap::new());
        assert_eq!(read(&file).unwrap().key, 7);
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        assert!(read(&file).is_none());
        std::fs::write(&file, b"RRANLYS1 something else").unwrap();
        assert!(read(&file).is_none());
    }

    #[test]
    fn a_stamp_is_trusted_only_when_unchanged_and_settled_before_the_cache_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "one").unwrap();
        let stamp = Stamp::of(&path).unwrap();
        let facts = TextFacts {
            stamp,
            hash: 1,
            char_len: 3,
            editorial: Vec::new(),
        };
        let mut cache = LoaderCache::default();
        cache.texts.insert("a".into(), facts);
        cache.written_ns = stamp.modified_ns.max(stamp.changed_ns) + 1;
        assert!(
            cache.facts_for("a", &stamp).is_none(),
            "written in the same tick as the file changed"
        );
        cache.written_ns += 3 * SETTLED_NS;
        assert!(cache.facts_for("a", &stamp).is_some());
        std::fs::write(&path, "two!").unwrap();
        assert!(cache.facts_for("a", &Stamp::of(&path).unwrap()).is_none());
        assert!(Stamp::of(dir.path()).is_none(), "a folder has no stamp");
    }
}
