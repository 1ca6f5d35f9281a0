//! The tags of a notebook as a codebook: a tree (a tag may belong under another), each tag with
//! a definition, in the notebook's order. What the tree means for the rest of the app:
//!
//! - a filter on a tag takes its children too ([`Notebook::has_tag_within`]);
//! - a tag with no colour of its own shows its parent's ([`Notebook::tag_colour`]);
//! - a tag whose parent is missing, or whose parents run in a circle (a damaged or hand-edited
//!   file), is shown at the top, never hidden ([`Notebook::tag_tree`]).

use super::model::{Annotation, Notebook, Tag};

/// Deepest tree walked: parents beyond this (only a damaged file has them) are not followed.
pub const MAX_TAG_DEPTH: usize = 32;

/// A tag in the codebook's tree order, with its depth (0 at the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeRow<'a> {
    /// How deep it sits (0: a top-level code).
    pub depth: usize,
    /// The tag.
    pub tag: &'a Tag,
}

impl Notebook {
    /// The tag of this name.
    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// The tag's parent, when it exists in the notebook.
    fn parent_of(&self, tag: &Tag) -> Option<&Tag> {
        tag.parent.as_deref().and_then(|p| self.tag(p))
    }

    /// The tag's ancestors, nearest first (stops at a missing parent or a circle).
    pub fn tag_ancestors(&self, name: &str) -> Vec<&Tag> {
        let mut out: Vec<&Tag> = Vec::new();
        let mut at = self.tag(name);
        while let Some(t) = at.and_then(|t| self.parent_of(t)) {
            if t.name == name || out.iter().any(|x| x.name == t.name) || out.len() >= MAX_TAG_DEPTH
            {
                break;
            }
            out.push(t);
            at = Some(t);
        }
        out
    }

    /// Is `name` under `ancestor` (at any depth)?
    pub fn tag_is_under(&self, name: &str, ancestor: &str) -> bool {
        self.tag_ancestors(name).iter().any(|t| t.name == ancestor)
    }

    /// The colour a tag shows: its own, else the nearest ancestor's that has one.
    pub fn tag_colour(&self, name: &str) -> Option<&str> {
        let own = self.tag(name)?;
        std::iter::once(own)
            .chain(self.tag_ancestors(name))
            .map(|t| t.colour.as_str())
            .find(|c| !c.is_empty())
    }

    /// The tag and everything under it, in tree order.
    pub fn tag_and_descendants(&self, name: &str) -> Vec<&str> {
        let rows = self.tag_tree();
        let Some(i) = rows.iter().position(|r| r.tag.name == name) else {
            return vec![];
        };
        let depth = rows[i].depth;
        std::iter::once(rows[i].tag.name.as_str())
            .chain(
                rows[i + 1..]
                    .iter()
                    .take_while(|r| r.depth > depth)
                    .map(|r| r.tag.name.as_str()),
            )
            .collect()
    }

    /// Does the note have this tag or one under it?
    pub fn has_tag_within(&self, a: &Annotation, name: &str) -> bool {
        a.tags
            .iter()
            .any(|t| t == name || self.tag_is_under(t, name))
    }

    /// "Assassination › CIA plots › Mafia": the tag's place in the tree.
    pub fn tag_path(&self, name: &str) -> String {
        let mut parts: Vec<&str> = self
            .tag_ancestors(name)
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        parts.reverse();
        parts.push(name);
        parts.join(" › ")
    }

    /// Every tag once, depth first: top-level tags in the notebook's order, each followed by
    /// its children (in the notebook's order). A tag whose parent is missing or in a circle is
    /// at the top.
    pub fn tag_tree(&self) -> Vec<TreeRow<'_>> {
        let mut placed = vec![false; self.tags.len()];
        let mut out = Vec::with_capacity(self.tags.len());
        // Roots first (no parent in the notebook); then, for what is left (tags in a circle of
        // parents), the first of them in the list as a root, until every tag is placed.
        let roots: Vec<usize> = (0..self.tags.len())
            .filter(|&i| self.parent_of(&self.tags[i]).is_none())
            .collect();
        let mut next_root = roots.into_iter();
        loop {
            let root = match next_root.next() {
                Some(r) => r,
                None => match placed.iter().position(|p| !p) {
                    Some(r) => r,
                    None => break,
                },
            };
            let mut stack = vec![(root, 0)];
            while let Some((i, depth)) = stack.pop() {
                if placed[i] {
                    continue;
                }
                placed[i] = true;
                out.push(TreeRow {
                    depth,
                    tag: &self.tags[i],
                });
                let name = self.tags[i].name.as_str();
                let children: Vec<usize> = (0..self.tags.len())
                    .filter(|&j| !placed[j] && self.tags[j].parent.as_deref() == Some(name))
                    .collect();
                for j in children.into_iter().rev() {
                    stack.push((j, (depth + 1).min(MAX_TAG_DEPTH)));
                }
            }
        }
        out
    }

    /// How many notes have each tag (its own count) and how many have it or a tag under it,
    /// in one pass over the notes.
    pub fn tag_counts(&self) -> std::collections::HashMap<&str, (usize, usize)> {
        let mut counts: std::collections::HashMap<&str, (usize, usize)> = self
            .tags
            .iter()
            .map(|t| (t.name.as_str(), (0, 0)))
            .collect();
        let mut within: Vec<&str> = Vec::new();
        for a in &self.annotations {
            within.clear();
            for t in &a.tags {
                if let Some(c) = counts.get_mut(t.as_str()) {
                    c.0 += 1;
                }
                within.push(t);
                within.extend(self.tag_ancestors(t).iter().map(|x| x.name.as_str()));
            }
            within.sort_unstable();
            within.dedup();
            for t in &within {
                if let Some(c) = counts.get_mut(t) {
                    c.1 += 1;
                }
            }
        }
        counts
    }

    /// The tags directly under `parent` (`None`: the top level), in the notebook's order.
    pub fn tag_children(&self, parent: Option<&str>) -> Vec<&Tag> {
        self.tags
            .iter()
            .filter(|t| match parent {
                Some(p) => t.parent.as_deref() == Some(p),
                None => self.parent_of(t).is_none(),
            })
            .collect()
    }
}
