//! Every edit of a notebook goes through one command type, so undo/redo, autosave and tests all
//! see the same thing. Applying a command returns its inverse; the [`UndoStack`] keeps those.

use super::model::{AlignmentCorrection, Annotation, Notebook, Tag, Trashed};

/// An edit of a notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Add a new note.
    Add(Annotation),
    /// Replace a note (same id) with a new version: note text, tags, target.
    Update(Annotation),
    /// Move a note to the trash.
    Delete {
        /// Note id.
        id: String,
        /// When (RFC 3339).
        at: String,
    },
    /// Bring a note back from the trash.
    Restore {
        /// Note id.
        id: String,
    },
    /// Remove a note for good (the inverse of adding it).
    Remove {
        /// Note id.
        id: String,
    },
    /// Empty the trash.
    EmptyTrash,
    /// Put trashed notes back into the trash (the inverse of emptying it).
    Refill(Vec<Trashed>),
    /// Give a tag a colour (`#rrggbb`); creates the tag if needed.
    SetTagColour {
        /// The tag's name (created if the notebook lacks it).
        name: String,
        /// The colour as `#rrggbb`.
        colour: String,
    },
    /// Rename a tag everywhere; renaming onto an existing tag merges the two.
    RenameTag {
        /// The tag renamed.
        from: String,
        /// Its new name; an existing tag of this name absorbs it.
        to: String,
    },
    /// Delete a tag: it leaves the notebook and every note that had it (the notes stay).
    DeleteTag {
        /// The tag deleted.
        name: String,
    },
    /// Put a tag under another (`None`: at the top of the codebook). Refused when `parent` is
    /// the tag itself or under it.
    SetTagParent {
        /// The tag moved.
        name: String,
        /// The tag it now belongs under.
        parent: Option<String>,
    },
    /// Give a tag its definition (empty: none).
    SetTagDescription {
        /// The tag.
        name: String,
        /// What the code means.
        description: String,
    },
    /// Move a tag one place up or down among its siblings (the codebook's order).
    MoveTag {
        /// The tag moved.
        name: String,
        /// Down (after the next sibling) or up (before the previous one).
        down: bool,
    },
    /// Split a tag: the notes listed take the tag `into` instead of `from` (`into` is created
    /// beside `from`, with the same parent, when the notebook lacks it).
    SplitTag {
        /// The tag split.
        from: String,
        /// The new (or existing) tag the notes go to.
        into: String,
        /// The notes that move (ids).
        notes: Vec<String>,
    },
    /// Keep a question by name (replacing one of the same name).
    SaveQuery {
        /// Its name.
        name: String,
        /// The question.
        query: String,
    },
    /// Forget the question of this name.
    DeleteQuery {
        /// Its name.
        name: String,
    },
    /// Put the kept questions back exactly (the inverse of keeping or forgetting one).
    SetQueries(Vec<super::model::SavedQuery>),
    /// Set (or, with `None`, remove) the hand correction of the alignment of two documents.
    SetAlignment {
        /// First document id.
        a: String,
        /// Second document id.
        b: String,
        /// The pins, or `None` to go back to the automatic alignment.
        correction: Option<AlignmentCorrection>,
    },
    /// Several commands applied in order, undone together.
    Batch(Vec<Command>),
    /// Replace the whole notebook (an import merged into it): every part at once, undone by
    /// putting the previous notebook back.
    ReplaceAll(Box<Notebook>),
    /// Restore the notebook's tags and authors exactly (part of undoing an edit that created a
    /// tag or registered an author).
    RestoreMeta {
        /// All tags.
        tags: Vec<Tag>,
        /// All authors.
        authors: Vec<String>,
    },
    /// Restore tags and the tag lists of some notes exactly (the inverse of a rename or merge).
    SetTags {
        /// All tags of the notebook.
        tags: Vec<Tag>,
        /// (note id, its tags).
        notes: Vec<(String, Vec<String>)>,
    },
}

/// Why a command could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// No note with this id.
    #[error("no note with id {0}")]
    NoSuchNote(String),
    /// A note with this id already exists.
    #[error("a note with id {0} already exists")]
    DuplicateId(String),
    /// No tag with this name.
    #[error("no tag named {0:?}")]
    NoSuchTag(String),
    /// The notebook is open read-only.
    #[error("the notebook is read-only: {0}")]
    ReadOnly(String),
    /// A tag cannot belong under itself or one of its own children.
    #[error("{name:?} cannot go under {parent:?}: that tag is {name:?} itself or under it")]
    TagCycle {
        /// The tag moved.
        name: String,
        /// The parent refused.
        parent: String,
    },
}

fn tag_index(nb: &Notebook, name: &str) -> Result<usize, CommandError> {
    nb.tags
        .iter()
        .position(|t| t.name == name)
        .ok_or_else(|| CommandError::NoSuchTag(name.to_string()))
}

/// The inverse of an edit of tags and of the tag lists of the notes having `names`.
fn tags_and_notes(nb: &Notebook, names: &[&str]) -> Command {
    Command::SetTags {
        tags: nb.tags.clone(),
        notes: nb
            .annotations
            .iter()
            .filter(|a| a.tags.iter().any(|t| names.contains(&t.as_str())))
            .map(|a| (a.id.clone(), a.tags.clone()))
            .collect(),
    }
}

fn position(nb: &Notebook, id: &str) -> Result<usize, CommandError> {
    nb.annotations
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| CommandError::NoSuchNote(id.to_string()))
}

fn meta(nb: &Notebook) -> Command {
    Command::RestoreMeta {
        tags: nb.tags.clone(),
        authors: nb.authors.clone(),
    }
}

/// Applies a command; returns the command that undoes it.
pub fn apply(nb: &mut Notebook, command: Command) -> Result<Command, CommandError> {
    Ok(match command {
        Command::Add(a) => {
            if nb.get(&a.id).is_some() {
                return Err(CommandError::DuplicateId(a.id));
            }
            let before = meta(nb);
            let id = a.id.clone();
            nb.add(a);
            Command::Batch(vec![Command::Remove { id }, before])
        }
        Command::Update(a) => {
            let i = position(nb, &a.id)?;
            let before = meta(nb);
            for t in &a.tags {
                nb.ensure_tag(t);
            }
            let old = std::mem::replace(&mut nb.annotations[i], a);
            Command::Batch(vec![Command::Update(old), before])
        }
        Command::Batch(commands) => {
            let mut inverses = Vec::new();
            for c in commands {
                match apply(nb, c) {
                    Ok(inv) => inverses.push(inv),
                    Err(e) => {
                        // Leave the notebook as it was.
                        for inv in inverses.into_iter().rev() {
                            let _ = apply(nb, inv);
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Command::Batch(inverses)
        }
        Command::ReplaceAll(new) => Command::ReplaceAll(Box::new(std::mem::replace(nb, *new))),
        Command::SetAlignment { a, b, correction } => {
            let old = nb
                .alignments
                .iter()
                .position(|c| c.a == a && c.b == b)
                .map(|i| nb.alignments.remove(i));
            if let Some(c) = correction {
                nb.alignments.push(c);
            }
            Command::SetAlignment {
                a,
                b,
                correction: old,
            }
        }
        Command::RestoreMeta { tags, authors } => {
            let before = meta(nb);
            nb.tags = tags;
            nb.authors = authors;
            before
        }
        Command::Delete { id, at } => {
            if !nb.delete(&id, &at) {
                return Err(CommandError::NoSuchNote(id));
            }
            Command::Restore { id }
        }
        Command::Restore { id } => {
            let at = nb
                .trash
                .iter()
                .find(|t| t.annotation.id == id)
                .map(|t| t.deleted.clone())
                .ok_or_else(|| CommandError::NoSuchNote(id.clone()))?;
            nb.restore(&id);
            Command::Delete { id, at }
        }
        Command::Remove { id } => {
            let i = position(nb, &id)?;
            let a = nb.annotations.remove(i);
            Command::Add(a)
        }
        Command::EmptyTrash => {
            let items = std::mem::take(&mut nb.trash);
            Command::Refill(items)
        }
        Command::Refill(items) => {
            nb.trash.extend(items);
            Command::EmptyTrash
        }
        Command::SetTagColour { name, colour } => {
            let before = meta(nb);
            nb.ensure_tag(&name);
            if let Some(tag) = nb.tags.iter_mut().find(|t| t.name == name) {
                tag.colour = colour;
            }
            before
        }
        Command::RenameTag { from, to } => {
            if !nb.tags.iter().any(|t| t.name == from) {
                return Err(CommandError::NoSuchTag(from));
            }
            let inverse = Command::SetTags {
                tags: nb.tags.clone(),
                notes: nb
                    .annotations
                    .iter()
                    .filter(|a| a.tags.contains(&from))
                    .map(|a| (a.id.clone(), a.tags.clone()))
                    .collect(),
            };
            let merging = nb.tags.iter().any(|t| t.name == to);
            if merging {
                nb.tags.retain(|t| t.name != from);
            } else if let Some(t) = nb.tags.iter_mut().find(|t| t.name == from) {
                t.name = to.clone();
            }
            // Its children follow it (into the tag it merged with); a tag never ends under itself.
            for t in nb.tags.iter_mut() {
                if t.parent.as_deref() == Some(from.as_str()) {
                    t.parent = (t.name != to).then(|| to.clone());
                }
                if t.name == to && t.parent.as_deref() == Some(to.as_str()) {
                    t.parent = None;
                }
            }
            for a in nb.annotations.iter_mut().filter(|a| a.tags.contains(&from)) {
                let mut tags: Vec<String> = Vec::new();
                for t in &a.tags {
                    let t = if *t == from { to.clone() } else { t.clone() };
                    if !tags.contains(&t) {
                        tags.push(t);
                    }
                }
                a.tags = tags;
            }
            inverse
        }
        Command::DeleteTag { name } => {
            if !nb.tags.iter().any(|t| t.name == name) {
                return Err(CommandError::NoSuchTag(name));
            }
            let inverse = Command::SetTags {
                tags: nb.tags.clone(),
                notes: nb
                    .annotations
                    .iter()
                    .filter(|a| a.tags.contains(&name))
                    .map(|a| (a.id.clone(), a.tags.clone()))
                    .collect(),
            };
            // Its children move up to its parent: deleting a code keeps the codes under it.
            let parent = nb.tag(&name).and_then(|t| t.parent.clone());
            nb.tags.retain(|t| t.name != name);
            for t in nb.tags.iter_mut() {
                if t.parent.as_deref() == Some(name.as_str()) {
                    t.parent = parent.clone();
                }
            }
            for a in nb.annotations.iter_mut() {
                a.tags.retain(|t| *t != name);
            }
            inverse
        }
        Command::SetTagParent { name, parent } => {
            let i = tag_index(nb, &name)?;
            if let Some(p) = &parent {
                tag_index(nb, p)?;
                if *p == name || nb.tag_is_under(p, &name) {
                    return Err(CommandError::TagCycle {
                        name,
                        parent: p.clone(),
                    });
                }
            }
            let before = meta(nb);
            nb.tags[i].parent = parent;
            before
        }
        Command::SaveQuery { name, query } => {
            let before = Command::SetQueries(nb.queries.clone());
            match nb.queries.iter_mut().find(|q| q.name == name) {
                Some(q) => q.query = query,
                None => nb.queries.push(super::model::SavedQuery { name, query }),
            }
            before
        }
        Command::DeleteQuery { name } => {
            let before = Command::SetQueries(nb.queries.clone());
            nb.queries.retain(|q| q.name != name);
            before
        }
        Command::SetQueries(queries) => {
            Command::SetQueries(std::mem::replace(&mut nb.queries, queries))
        }
        Command::SetTagDescription { name, description } => {
            let i = tag_index(nb, &name)?;
            let before = meta(nb);
            nb.tags[i].description = description;
            before
        }
        Command::MoveTag { name, down } => {
            let i = tag_index(nb, &name)?;
            let before = meta(nb);
            let parent = nb.tags[i].parent.clone();
            let sibling = |j: &usize| nb.tags[*j].parent == parent;
            let other = if down {
                (i + 1..nb.tags.len()).find(sibling)
            } else {
                (0..i).rev().find(sibling)
            };
            if let Some(j) = other {
                let tag = nb.tags.remove(i);
                nb.tags.insert(j, tag);
            }
            before
        }
        Command::SplitTag { from, into, notes } => {
            let i = tag_index(nb, &from)?;
            let inverse = tags_and_notes(nb, &[from.as_str(), into.as_str()]);
            if nb.tag(&into).is_none() {
                let mut new = nb.tags[i].clone();
                new.name = into.clone();
                new.description = String::new();
                let used: Vec<&str> = nb.tags.iter().map(|t| t.colour.as_str()).collect();
                new.colour = super::model::TAG_PALETTE
                    .iter()
                    .find(|c| !used.contains(c))
                    .map_or(new.colour, |c| c.to_string());
                nb.tags.insert(i + 1, new);
            }
            for a in nb
                .annotations
                .iter_mut()
                .filter(|a| notes.contains(&a.id) && a.tags.contains(&from))
            {
                let mut tags: Vec<String> = Vec::new();
                for t in &a.tags {
                    let t = if *t == from { into.clone() } else { t.clone() };
                    if !tags.contains(&t) {
                        tags.push(t);
                    }
                }
                a.tags = tags;
            }
            inverse
        }
        Command::SetTags { tags, notes } => {
            let inverse = Command::SetTags {
                tags: nb.tags.clone(),
                notes: notes
                    .iter()
                    .filter_map(|(id, _)| nb.get(id).map(|a| (id.clone(), a.tags.clone())))
                    .collect(),
            };
            nb.tags = tags;
            for (id, t) in notes {
                if let Some(a) = nb.annotations.iter_mut().find(|a| a.id == id) {
                    a.tags = t;
                }
            }
            inverse
        }
    })
}

/// Undo and redo over a notebook.
#[derive(Debug, Clone, Default)]
pub struct UndoStack {
    undo: Vec<Command>,
    redo: Vec<Command>,
}

/// How many edits can be undone.
pub const UNDO_DEPTH: usize = 500;

impl UndoStack {
    /// Applies a new edit (clears the redo list).
    pub fn apply(&mut self, nb: &mut Notebook, command: Command) -> Result<(), CommandError> {
        let inverse = apply(nb, command)?;
        self.undo.push(inverse);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; returns whether there was one.
    pub fn undo(&mut self, nb: &mut Notebook) -> bool {
        let Some(inverse) = self.undo.pop() else {
            return false;
        };
        match apply(nb, inverse) {
            Ok(redo) => {
                self.redo.push(redo);
                true
            }
            Err(_) => false,
        }
    }

    /// Redoes the last undone edit; returns whether there was one.
    pub fn redo(&mut self, nb: &mut Notebook) -> bool {
        let Some(command) = self.redo.pop() else {
            return false;
        };
        match apply(nb, command) {
            Ok(inverse) => {
                self.undo.push(inverse);
                true
            }
            Err(_) => false,
        }
    }

    /// Can anything be undone?
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Can anything be redone?
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (e.g. after opening another notebook).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::{Target, new_id, now_rfc3339};

    fn note(text: &str, tags: &[&str]) -> Annotation {
        let now = now_rfc3339();
        Annotation {
            id: new_id(),
            target: Target::Memo,
            note: text.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            author: "A".into(),
            created: now.clone(),
            modified: now,
            conflict_of: None,
            other_targets: Vec::new(),
        }
    }

    #[test]
    fn every_command_undoes_and_redoes_exactly() {
        let mut nb = Notebook::default();
        let mut stack = UndoStack::default();
        let a = note("one", &["x"]);
        let b = note("two", &["y", "x"]);
        let mut states = vec![nb.clone()];
        let mut edited = a.clone();
        edited.note = "one, edited".into();
        let commands = vec![
            Command::Add(a.clone()),
            Command::Add(b.clone()),
            Command::Update(edited),
            Command::SetTagColour {
                name: "x".into(),
                colour: "#000000".into(),
            },
            Command::RenameTag {
                from: "x".into(),
                to: "y".into(),
            },
            Command::DeleteTag { name: "y".into() },
            Command::Delete {
                id: b.id.clone(),
                at: now_rfc3339(),
            },
            Command::EmptyTrash,
        ];
        for c in commands {
            stack.apply(&mut nb, c).unwrap();
            states.push(nb.clone());
        }
        for expected in states.iter().rev().skip(1) {
            assert!(stack.undo(&mut nb));
            assert_eq!(&nb, expected);
        }
        assert!(!stack.undo(&mut nb));
        for expected in states.iter().skip(1) {
            assert!(stack.redo(&mut nb));
            assert_eq!(&nb, expected);
        }
    }
}
