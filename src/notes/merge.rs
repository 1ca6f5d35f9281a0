//! Three-way merge of notebooks: what we read (base), what we have (ours), what is on disk now
//! (theirs). Notes added on either side are kept; a note changed on one side takes that change;
//! a note changed on both sides is kept twice (theirs marked `conflict_of`); a deletion wins only
//! over an unchanged note.

use super::model::{Annotation, Notebook, Trashed};
use std::collections::{BTreeSet, HashMap};

/// The merged notebook and what happened.
#[derive(Debug, Clone)]
pub struct MergeOutcome {
    /// The result.
    pub notebook: Notebook,
    /// Notes present only in theirs that were added.
    pub added_from_theirs: usize,
    /// Notes changed on both sides.
    pub conflicts: usize,
}

fn by_id(list: &[Annotation]) -> HashMap<&str, &Annotation> {
    list.iter().map(|a| (a.id.as_str(), a)).collect()
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Notebook, ours: &Notebook, theirs: &Notebook) -> MergeOutcome {
    let b = by_id(&base.annotations);
    let o = by_id(&ours.annotations);
    let t = by_id(&theirs.annotations);
    let mut out = ours.clone();
    out.annotations.clear();
    let mut added_from_theirs = 0;
    let mut conflicts = 0;
    let mut dropped: BTreeSet<String> = BTreeSet::new();

    // Walk ours in order, then theirs' additions in their order.
    for a in &ours.annotations {
        let base_a: Option<&Annotation> = b.get(a.id.as_str()).copied();
        let theirs_a: Option<&Annotation> = t.get(a.id.as_str()).copied();
        match (base_a, theirs_a) {
            (_, Some(th)) if th == a => out.annotations.push(a.clone()),
            // Only they changed it.
            (Some(ba), Some(th)) if ba == a => out.annotations.push(th.clone()),
            // Only we changed it.
            (Some(ba), Some(th)) if ba == th => out.annotations.push(a.clone()),
            // Both changed it (or both added the same id): keep both.
            (_, Some(th)) => {
                conflicts += 1;
                out.annotations.push(a.clone());
                let mut copy = th.clone();
                copy.conflict_of = Some(a.id.clone());
                copy.id = format!("{}-conflict-{}", a.id, &super::model::new_id()[..8]);
                out.annotations.push(copy);
            }
            // They deleted it: follow unless we changed it.
            (Some(ba), None) if ba == a => {
                dropped.insert(a.id.clone());
            }
            _ => out.annotations.push(a.clone()),
        }
    }
    for th in &theirs.annotations {
        if o.contains_key(th.id.as_str()) {
            continue;
        }
        match b.get(th.id.as_str()).copied() {
            // We deleted it and they did not change it: stays deleted.
            Some(ba) if ba == th => {}
            _ => {
                added_from_theirs += 1;
                out.annotations.push(th.clone());
            }
        }
    }
    // Trash: ours, plus what they trashed since base (so emptying the trash on one side sticks),
    // minus notes that are alive.
    let alive: BTreeSet<&str> = out.annotations.iter().map(|a| a.id.as_str()).collect();
    let in_base_trash: BTreeSet<&str> = base
        .trash
        .iter()
        .map(|t| t.annotation.id.as_str())
        .collect();
    let mut trash: Vec<Trashed> = Vec::new();
    let theirs_new = theirs
        .trash
        .iter()
        .filter(|t| !in_base_trash.contains(t.annotation.id.as_str()));
    for tr in ours.trash.iter().chain(theirs_new) {
        let id = tr.annotation.id.as_str();
        if !alive.contains(id) && !trash.iter().any(|x| x.annotation.id == id) {
            trash.push(tr.clone());
        }
    }
    for id in dropped {
        if !trash.iter().any(|x| x.annotation.id == id)
            && let Some(a) = o.get(id.as_str())
        {
            trash.push(Trashed {
                annotation: (*a).clone(),
                deleted: a.modified.clone(),
            });
        }
    }
    out.trash = trash;
    // Tags: ours, plus tags they created since base (a rename or merge on our side sticks).
    for tag in &theirs.tags {
        if !out.tags.iter().any(|t| t.name == tag.name)
            && !base.tags.iter().any(|t| t.name == tag.name)
        {
            out.tags.push(tag.clone());
        }
    }
    for author in &theirs.authors {
        if !out.authors.contains(author) {
            out.authors.push(author.clone());
        }
    }
    // Alignment corrections: ours, plus pairs only they corrected.
    for c in &theirs.alignments {
        if !out.alignments.iter().any(|x| x.a == c.a && x.b == c.b) {
            out.alignments.push(c.clone());
        }
    }
    MergeOutcome {
        notebook: out,
        added_from_theirs,
        conflicts,
    }
}
