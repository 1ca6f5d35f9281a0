//! Notebooks written in an earlier format version, brought up to [`FORMAT_VERSION`] when they
//! are read. The file on disk is not touched until the next save, and that save first keeps the
//! old file in the version history (see [`super::store`]).
//!
//! - 1 → 2: version 1 had no notes on several passages, so "Note on this pair (both sides)"
//!   wrote two copies of one note, one per side: same note, tags, author and creation time, on
//!   two documents. Each such pair (both live, or both in the trash) becomes one note with two
//!   targets. Copies that were edited apart since are different notes now and stay two.

use super::model::{Annotation, FORMAT_VERSION, Notebook, Target, Trashed};
use std::collections::HashMap;

/// What bringing a notebook up to date changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    /// The format version the file was written in.
    pub from: u32,
    /// Pairs of copies joined into one note with two targets.
    pub joined_pairs: usize,
}

impl std::fmt::Display for Migration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "written by an earlier Reading Room (format version {}); it is saved in version {FORMAT_VERSION} from the next change, and the old file is kept in its history",
            self.from
        )?;
        match self.joined_pairs {
            0 => Ok(()),
            1 => write!(
                f,
                ". 1 note on a pair of passages, kept there as two copies, is now one note on both"
            ),
            n => write!(
                f,
                ". {n} notes on a pair of passages, kept there as two copies each, are now one note on both"
            ),
        }
    }
}

/// Brings a notebook of an earlier format up to [`FORMAT_VERSION`]; `None` when it already is
/// (or is newer: such a notebook opens read-only and is never changed).
pub fn migrate(nb: &mut Notebook) -> Option<Migration> {
    if nb.format_version >= FORMAT_VERSION {
        return None;
    }
    let from = nb.format_version;
    let mut joined_pairs = join_pair_copies(&mut nb.annotations);
    joined_pairs += join_trashed_pair_copies(&mut nb.trash);
    nb.format_version = FORMAT_VERSION;
    Some(Migration { from, joined_pairs })
}

/// What two copies of one pair note share (the key they are found by).
type CopyKey = (String, String, String, Vec<String>);

fn copy_key(a: &Annotation) -> Option<CopyKey> {
    let single_passage = matches!(a.target, Target::Text { .. })
        && a.other_targets.is_empty()
        && a.conflict_of.is_none();
    single_passage.then(|| {
        (
            a.created.clone(),
            a.author.clone(),
            a.note.clone(),
            a.tags.clone(),
        )
    })
}

/// The pairs of copies in `items`: (first, second) indices, the first in list order.
fn pairs<T>(items: &[T], note: impl Fn(&T) -> &Annotation) -> Vec<(usize, usize)> {
    let mut groups: HashMap<CopyKey, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(k) = copy_key(note(item)) {
            groups.entry(k).or_default().push(i);
        }
    }
    let mut out: Vec<(usize, usize)> = groups
        .into_values()
        .filter_map(|g| match g[..] {
            // Exactly two, on two documents: what "both sides" wrote. Anything else is left.
            [x, y] if note(&items[x]).target.doc() != note(&items[y]).target.doc() => Some((x, y)),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
}

/// Joins each pair of live copies into the first; returns how many were joined.
fn join_pair_copies(notes: &mut Vec<Annotation>) -> usize {
    let found = pairs(notes, |a| a);
    let mut remove = vec![false; notes.len()];
    for &(x, y) in &found {
        let second = notes[y].clone();
        let first = &mut notes[x];
        first.other_targets.push(second.target);
        first.modified = first.modified.clone().max(second.modified);
        remove[y] = true;
    }
    let mut i = 0;
    notes.retain(|_| {
        i += 1;
        !remove[i - 1]
    });
    found.len()
}

/// Joins each pair of copies that were both deleted; returns how many were joined.
fn join_trashed_pair_copies(trash: &mut Vec<Trashed>) -> usize {
    let found = pairs(trash, |t| &t.annotation);
    let mut remove = vec![false; trash.len()];
    for &(x, y) in &found {
        let second = trash[y].clone();
        let first = &mut trash[x];
        first
            .annotation
            .other_targets
            .push(second.annotation.target);
        first.annotation.modified = first
            .annotation
            .modified
            .clone()
            .max(second.annotation.modified);
        first.deleted = first.deleted.clone().max(second.deleted);
        remove[y] = true;
    }
    let mut i = 0;
    trash.retain(|_| {
        i += 1;
        !remove[i - 1]
    });
    found.len()
}
