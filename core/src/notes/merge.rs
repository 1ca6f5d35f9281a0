//! Three-way merge of notebooks: what we read (base), what we have (ours), what is on disk now
//! (theirs). Notes added on either side are kept; a note changed on one side takes that change;
//! a note changed on both sides is kept twice (theirs marked `conflict_of`); a deletion wins only
//! over an unchanged note.
//!
//! [`absorb`] is the other merge: taking in a colleague's notebook (import, Save As), with no
//! common base.

use super::model::{Annotation, Notebook, Target, Trashed, new_id};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The merged notebook and what happened.
#[derive(Debug, Clone)]
pub struct MergeOutcome {
    /// The merged notebook, ready to write.
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
    // Tags: ours, plus tags they created since base (a rename or merge on our side sticks); a
    // tag only they changed (its colour, parent or definition) takes their version.
    for tag in &theirs.tags {
        let base_tag = base.tags.iter().find(|t| t.name == tag.name);
        if let Some(ours) = out.tags.iter_mut().find(|t| t.name == tag.name)
            && base_tag == Some(ours)
            && base_tag != Some(tag)
        {
            *ours = tag.clone();
        }
    }
    for tag in &theirs.tags {
        if !out.tags.iter().any(|t| t.name == tag.name)
            && !base.tags.iter().any(|t| t.name == tag.name)
        {
            out.tags.push(tag.clone());
        }
    }
    // Questions: ours, plus those they kept under a name we do not have.
    for q in &theirs.queries {
        if !out.queries.iter().any(|x| x.name == q.name)
            && !base.queries.iter().any(|x| x.name == q.name)
        {
            out.queries.push(q.clone());
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

/// The same passage of the same document (whatever the ids).
type PlaceKey<'a> = (&'a str, &'a str, usize, usize);

fn place_key(a: &Annotation) -> Option<PlaceKey<'_>> {
    match &a.target {
        Target::Text {
            doc,
            quote,
            position,
            ..
        } => Some((doc, &quote.exact, position.start, position.end)),
        _ => None,
    }
}

/// Same content, ids aside.
fn same_content(a: &Annotation, b: &Annotation) -> bool {
    a.note == b.note
        && a.tags == b.tags
        && a.author == b.author
        && a.targets()
            .map(|t| (t.doc(), t.quote()))
            .eq(b.targets().map(|t| (t.doc(), t.quote())))
}

/// What [`absorb`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Absorbed {
    /// Indices (into the target's annotations) of the new notes added (conflict copies are
    /// counted in `conflicts`).
    pub added: Vec<usize>,
    /// Notes already there (same id and content, same place and content, or deleted here).
    pub skipped: usize,
    /// Notes whose id was there with other content: both kept, the incoming one flagged.
    pub conflicts: usize,
    /// Deleted notes of theirs added to the trash.
    pub trashed: usize,
}

/// Merges another notebook into `target`: **the one merge path** of File → Import, Save As
/// and `readingroom import`. Every part is merged: notes (by id and by place, conflicts kept
/// side by side), tags with their colours, authors, the trash and alignment corrections.
/// Near-linear in the number of notes (hash indexes, no scans per note).
pub fn absorb(target: &mut Notebook, inc: &Notebook) -> Absorbed {
    let mut report = Absorbed::default();
    let mut tag_names: HashSet<String> = target.tags.iter().map(|t| t.name.clone()).collect();
    for t in &inc.tags {
        if tag_names.insert(t.name.clone()) {
            target.tags.push(t.clone());
        }
    }
    let mut authors: HashSet<String> = target.authors.iter().cloned().collect();
    for a in &inc.authors {
        if authors.insert(a.clone()) {
            target.authors.push(a.clone());
        }
    }
    // Indexes of what is there: ids, places, conflict copies.
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_place: HashMap<(String, String, usize, usize), Vec<usize>> = HashMap::new();
    let mut conflicts_of: HashMap<String, Vec<usize>> = HashMap::new();
    let index = |i: usize,
                 a: &Annotation,
                 by_id: &mut HashMap<String, usize>,
                 by_place: &mut HashMap<(String, String, usize, usize), Vec<usize>>,
                 conflicts_of: &mut HashMap<String, Vec<usize>>| {
        by_id.entry(a.id.clone()).or_insert(i);
        if let Some((d, q, s, e)) = place_key(a) {
            by_place
                .entry((d.to_string(), q.to_string(), s, e))
                .or_default()
                .push(i);
        }
        if let Some(c) = &a.conflict_of {
            conflicts_of.entry(c.clone()).or_default().push(i);
        }
    };
    for (i, a) in target.annotations.iter().enumerate() {
        index(i, a, &mut by_id, &mut by_place, &mut conflicts_of);
    }
    let trashed: HashSet<String> = target
        .trash
        .iter()
        .map(|t| t.annotation.id.clone())
        .collect();
    for a in &inc.annotations {
        let mut new_note = None;
        let mut is_new = false;
        if let Some(&i) = by_id.get(&a.id) {
            let existing = &target.annotations[i];
            let seen_conflict = conflicts_of.get(&a.id).is_some_and(|list| {
                list.iter()
                    .any(|&j| same_content(&target.annotations[j], a))
            });
            if existing == a || same_content(existing, a) || seen_conflict {
                report.skipped += 1;
            } else {
                let mut copy = a.clone();
                copy.conflict_of = Some(a.id.clone());
                copy.id = format!("{}-conflict-{}", a.id, &new_id()[..8]);
                report.conflicts += 1;
                new_note = Some(copy);
            }
        } else if trashed.contains(&a.id) {
            // Deleted here: the deletion stands (Restore from the trash brings it back).
            report.skipped += 1;
        } else if place_key(a).is_some_and(|(d, q, s, e)| {
            by_place
                .get(&(d.to_string(), q.to_string(), s, e))
                .is_some_and(|list| {
                    list.iter()
                        .any(|&j| same_content(&target.annotations[j], a))
                })
        }) {
            report.skipped += 1;
        } else {
            new_note = Some(a.clone());
            is_new = true;
        }
        if let Some(n) = new_note {
            if !n.author.is_empty() && authors.insert(n.author.clone()) {
                target.authors.push(n.author.clone());
            }
            for t in &n.tags {
                if tag_names.insert(t.clone()) {
                    let colour = super::model::TAG_PALETTE
                        [target.tags.len() % super::model::TAG_PALETTE.len()];
                    target.tags.push(super::model::Tag::new(t.clone(), colour));
                }
            }
            let i = target.annotations.len();
            index(i, &n, &mut by_id, &mut by_place, &mut conflicts_of);
            target.annotations.push(n);
            if is_new {
                report.added.push(i);
            }
        }
    }
    // Their trash: deleted notes this notebook has never seen.
    let mut known: HashSet<String> = by_id.keys().cloned().collect();
    known.extend(trashed);
    for t in &inc.trash {
        if known.insert(t.annotation.id.clone()) {
            target.trash.push(t.clone());
            report.trashed += 1;
        }
    }
    // Alignment corrections of pairs this notebook has not corrected.
    for c in &inc.alignments {
        if target.alignment(&c.a, &c.b).is_none() {
            target.alignments.push(c.clone());
        }
    }
    report
}
