//! What co-occurs with what in your notes: a table of tags against tags, people, documents or
//! months, each cell the passages behind its count.
//!
//! A passage is a note's passage (a note on two passages counts in each). It falls in:
//! - the row or column of each of its note's tags (as coded: a tag's row does not take the tags
//!   under it, so that the table adds up);
//! - of each person who speaks in it, is named in it, or is present in its document (the role
//!   asked for);
//! - of its document, and of its document's month.
//!
//! Tags against tags count passages coded with both; with a [`Proximity`], two different notes
//! whose passages overlap (or lie within N sentences of each other) in a document also count,
//! each with the other's tags.
//!
//! The table keeps counts, and per passage the rows and columns it falls in, so that a cell's
//! passages are found when asked for ([`Matrix::passages`]) rather than copied into every cell.

use super::matcher::DocFacts;
use super::notes::NoteHit;
use super::query::PersonRole;
use crate::Workspace;
use crate::notes::Anchored;
use crate::notes::model::Notebook;
use std::collections::{BTreeMap, HashMap};

/// What the rows or the columns are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// The notebook's tags (in the codebook's order).
    Tags,
    /// People in the passage, in this role (`Spoke`: speaks in it; `Mentioned`: named in it;
    /// `Present` or `Any`: present in its document, or taking any part in it).
    People(PersonRole),
    /// The passages' documents.
    Documents,
    /// The months of the passages' documents (`1961-04`).
    Months,
}

impl Axis {
    /// Parses `tags`, `people` (who speaks), `present`, `mentioned`, `documents`, `months`.
    pub fn parse(s: &str) -> Option<Axis> {
        Some(match s {
            "tags" => Axis::Tags,
            "people" | "speakers" | "spoke" => Axis::People(PersonRole::Spoke),
            "present" => Axis::People(PersonRole::Present),
            "mentioned" | "named" => Axis::People(PersonRole::Mentioned),
            "documents" | "docs" => Axis::Documents,
            "months" => Axis::Months,
            _ => return None,
        })
    }

    /// How the axis is named to the user.
    pub fn label(self) -> &'static str {
        match self {
            Axis::Tags => "tags",
            Axis::People(PersonRole::Spoke) => "people who speak",
            Axis::People(PersonRole::Mentioned) => "people named",
            Axis::People(_) => "people present",
            Axis::Documents => "documents",
            Axis::Months => "months",
        }
    }
}

/// When two notes' passages count together on a table of tags against tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Proximity {
    /// Only the tags of one note count together (a passage coded with both).
    #[default]
    SameNote,
    /// Also two different notes whose passages overlap in a document.
    Overlapping,
    /// Also two different notes whose passages are at most this many sentences apart
    /// (0: they share a sentence; 1: in the same or neighbouring sentences).
    WithinSentences(u16),
}

impl Proximity {
    /// How the choice is named to the user.
    pub fn label(self) -> String {
        match self {
            Proximity::SameNote => "coded on one note".into(),
            Proximity::Overlapping => "overlapping notes too".into(),
            Proximity::WithinSentences(0) => "notes in one sentence too".into(),
            Proximity::WithinSentences(1) => "notes within 1 sentence too".into(),
            Proximity::WithinSentences(n) => format!("notes within {n} sentences too"),
        }
    }
}

/// The table: labelled rows and columns, each cell's count, and the passages behind them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matrix {
    /// Row labels (tag names, person names, document titles, months).
    pub rows: Vec<String>,
    /// Column labels.
    pub cols: Vec<String>,
    /// `counts[r * cols.len() + c]`: how many passages fall in the cell.
    counts: Vec<u32>,
    /// Every passage counted somewhere, in the notebook's order.
    passages: Vec<NoteHit>,
    /// Per passage, the rows it falls in (table positions).
    row_of: Lists,
    /// Per passage, the columns it falls in (table positions).
    col_of: Lists,
}

/// A list of numbers per passage, kept in one array (offsets into `items`).
#[derive(Debug, Clone, Default, PartialEq)]
struct Lists {
    ends: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    fn push(&mut self, items: impl IntoIterator<Item = u32>) {
        self.items.extend(items);
        self.ends.push(self.items.len() as u32);
    }

    fn get(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.items[start..self.ends[i] as usize]
    }
}

impl Matrix {
    /// The count of a cell.
    pub fn count(&self, r: usize, c: usize) -> usize {
        if r >= self.rows.len() || c >= self.cols.len() {
            return 0;
        }
        self.counts[r * self.cols.len() + c] as usize
    }

    /// The largest count (for the heat map's scale).
    pub fn max(&self) -> usize {
        self.counts.iter().copied().max().unwrap_or(0) as usize
    }

    /// The passages behind a cell, in the notebook's order, each once.
    pub fn passages(&self, r: usize, c: usize) -> Vec<NoteHit> {
        if self.count(r, c) == 0 {
            return Vec::new();
        }
        let (r, c) = (r as u32, c as u32);
        (0..self.passages.len())
            .filter(|&i| self.row_of.get(i).contains(&r) && self.col_of.get(i).contains(&c))
            .map(|i| self.passages[i])
            .collect()
    }

    /// The table as CSV: a header of column labels, then each row's label and counts.
    pub fn to_csv(&self) -> String {
        use crate::export::escape::csv_cell;
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let header: Vec<String> = std::iter::once(String::new())
            .chain(self.cols.iter().map(|c| csv_cell(c)))
            .collect();
        let _ = w.write_record(&header);
        for (r, label) in self.rows.iter().enumerate() {
            let record: Vec<String> = std::iter::once(csv_cell(label))
                .chain((0..self.cols.len()).map(|c| self.count(r, c).to_string()))
                .collect();
            let _ = w.write_record(&record);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// The keys met on one axis, each given a number (passages then carry numbers, not strings).
#[derive(Default)]
struct Keys {
    index: HashMap<String, u32>,
    keys: Vec<String>,
    /// For axes that depend on the document alone: each document's keys, found once.
    by_doc: HashMap<usize, Vec<u32>>,
    /// Per document (by corpus index), its speech passages or mentions in text order as
    /// (start, end, key numbers), made the first time a note there asks.
    spans: Vec<Option<Vec<Span>>>,
}

impl Keys {
    fn of(&mut self, key: &str) -> u32 {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let i = self.keys.len() as u32;
        self.index.insert(key.to_string(), i);
        self.keys.push(key.to_string());
        i
    }
}

/// A stretch of a document with the keys (people) it gives.
type Span = (usize, usize, Vec<u32>);

impl Keys {
    /// The spans of a document (speech passages for `Spoke`, mentions for `Mentioned`).
    fn spans(&mut self, ws: &Workspace, doc: usize, role: PersonRole) -> &[Span] {
        if self.spans.len() < ws.corpus.documents.len() {
            self.spans.resize(ws.corpus.documents.len(), None);
        }
        if self.spans[doc].is_none() {
            let id = ws.corpus.documents[doc].id();
            let made: Vec<Span> = if role == PersonRole::Spoke {
                let list = ws.speakers.passages.get(id).map_or(&[][..], Vec::as_slice);
                list.iter()
                    .map(|x| {
                        let keys = x.speakers.iter().map(|p| self.of(p)).collect();
                        (x.start, x.end, keys)
                    })
                    .collect()
            } else {
                let list = ws.people.mentions.get(id).map_or(&[][..], Vec::as_slice);
                list.iter()
                    .map(|m| (m.start, m.end, vec![self.of(&m.person)]))
                    .collect()
            };
            self.spans[doc] = Some(made);
        }
        self.spans[doc].as_deref().unwrap_or_default()
    }
}

/// Builds the table of `rows` against `cols` over the notebook's passages. `anchors` are where
/// the notes stand now (by id, in target order; a note missing there is placed where it was
/// made). On tags against tags, `proximity` says whether passages of other notes near a
/// passage lend it their tags (a row counts the passage when it or a note near it is coded so).
pub fn cooccurrence(
    ws: &Workspace,
    nb: &Notebook,
    anchors: &HashMap<String, Vec<Anchored>>,
    rows: Axis,
    cols: Axis,
    proximity: Proximity,
) -> Matrix {
    let mut passages: Vec<NoteHit> = Vec::new();
    let mut docs = super::notes::DocLookup::default();
    for (i, note) in nb.annotations.iter().enumerate() {
        let placed = super::notes::placements(anchors, &note.id);
        for (k, target) in note.targets().enumerate() {
            let doc = docs.index(ws, target);
            let range = super::notes::current_range(target, placed.and_then(|p| p.get(k)));
            passages.push(NoteHit {
                note: i,
                passage: k,
                doc,
                range,
            });
        }
    }
    let (mut row_names, mut col_names) = (Keys::default(), Keys::default());
    let mut row_keys: Vec<Vec<u32>> = passages
        .iter()
        .map(|p| keys_of(ws, nb, rows, p, &mut row_names))
        .collect();
    let col_keys: Vec<Vec<u32>> = passages
        .iter()
        .map(|p| keys_of(ws, nb, cols, p, &mut col_names))
        .collect();
    if proximity != Proximity::SameNote && rows == Axis::Tags {
        lend_near_tags(
            ws,
            &passages,
            &mut row_keys,
            row_names.keys.len(),
            proximity,
        );
    }
    // Only keys some passage falls under (a document's spans name everyone who speaks in it).
    let used = |keys: &[Vec<u32>], n: usize| {
        let mut used = vec![false; n];
        for k in keys.iter().flatten() {
            used[*k as usize] = true;
        }
        used
    };
    let mut row_order = order(ws, nb, rows, &row_names);
    let mut col_order = order(ws, nb, cols, &col_names);
    let (row_used, col_used) = (
        used(&row_keys, row_names.keys.len()),
        used(&col_keys, col_names.keys.len()),
    );
    row_order.retain(|(k, _)| row_used[*k as usize]);
    col_order.retain(|(k, _)| col_used[*k as usize]);
    // Key number → place in the table.
    let place = |order: &[(u32, String)], n: usize| {
        let mut at = vec![u32::MAX; n];
        for (i, (k, _)) in order.iter().enumerate() {
            at[*k as usize] = i as u32;
        }
        at
    };
    let row_at = place(&row_order, row_names.keys.len());
    let col_at = place(&col_order, col_names.keys.len());
    let ncols = col_order.len();
    let mut m = Matrix {
        rows: row_order.into_iter().map(|(_, l)| l).collect(),
        cols: col_order.into_iter().map(|(_, l)| l).collect(),
        counts: Vec::new(),
        passages: Vec::new(),
        row_of: Lists::default(),
        col_of: Lists::default(),
    };
    m.counts = vec![0; m.rows.len() * ncols];
    for (p, (rk, ck)) in passages.into_iter().zip(row_keys.iter().zip(&col_keys)) {
        if rk.is_empty() || ck.is_empty() {
            continue;
        }
        for &r in rk {
            let r = row_at[r as usize] as usize;
            for &c in ck {
                m.counts[r * ncols + col_at[c as usize] as usize] += 1;
            }
        }
        m.passages.push(p);
        m.row_of.push(rk.iter().map(|&r| row_at[r as usize]));
        m.col_of.push(ck.iter().map(|&c| col_at[c as usize]));
    }
    m
}

/// Where each passage stands for [`Proximity`]: (document, from, to), two passages being near
/// when, in one document, one's `from` is below the other's `to` (char offsets for
/// overlapping; sentence numbers, the last widened by N, for within N sentences).
fn reach(
    ws: &Workspace,
    passages: &[NoteHit],
    proximity: Proximity,
) -> Vec<Option<(usize, usize, usize)>> {
    let mut out: Vec<Option<(usize, usize, usize)>> = passages
        .iter()
        .map(|p| Some((p.doc?, p.range?.0, p.range?.1)))
        .collect();
    let Proximity::WithinSentences(n) = proximity else {
        return out;
    };
    // Sentences only of the documents where two notes' passages could meet.
    let mut notes_by_doc: HashMap<usize, (usize, bool)> = HashMap::new();
    for (p, at) in passages.iter().zip(&out) {
        if let Some((d, _, _)) = at {
            let e = notes_by_doc.entry(*d).or_insert((p.note, false));
            e.1 |= e.0 != p.note;
        }
    }
    let mut starts: HashMap<usize, Vec<usize>> = HashMap::new();
    for (d, (_, several)) in notes_by_doc {
        if several {
            // The speaker analysis keeps every sentence (one attribution each); an unanalysed
            // library cuts the text again.
            let doc = &ws.corpus.documents[d];
            let list = match ws.speakers.attributions.get(doc.id()) {
                Some(a) if !a.is_empty() => a.iter().map(|a| a.start).collect(),
                _ => crate::text::sentences::sentences(&doc.text.read())
                    .iter()
                    .map(|s| s.start)
                    .collect(),
            };
            starts.insert(d, list);
        }
    }
    let sentence_at =
        |starts: &[usize], at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
    for at in &mut out {
        if let Some((d, s, e)) = *at {
            *at = starts.get(&d).map(|st| {
                let first = sentence_at(st, s);
                let last = sentence_at(st, e.saturating_sub(1).max(s));
                (d, first, last + n as usize + 1)
            });
        }
    }
    out
}

/// Lends each passage the tags (`row_keys`) of the other notes' passages near it.
fn lend_near_tags(
    ws: &Workspace,
    passages: &[NoteHit],
    row_keys: &mut [Vec<u32>],
    nkeys: usize,
    proximity: Proximity,
) {
    let reach = reach(ws, passages, proximity);
    // Each passage's own tags as a bit set, and the set it ends with.
    let words = nkeys.div_ceil(64).max(1);
    let mut own = vec![0u64; passages.len() * words];
    for (i, keys) in row_keys.iter().enumerate() {
        for &k in keys {
            own[i * words + k as usize / 64] |= 1 << (k % 64);
        }
    }
    let mut lent = own.clone();
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, at) in reach.iter().enumerate() {
        if let Some((d, _, _)) = at {
            by_doc.entry(*d).or_default().push(i);
        }
    }
    let at = |i: usize| reach[i].map_or((0, 0), |(_, from, to)| (from, to));
    for list in by_doc.values_mut() {
        list.sort_by_key(|&i| at(i).0);
        // A sweep: each passage against those after it that start before it reaches.
        for (x, &i) in list.iter().enumerate() {
            let (_, to) = at(i);
            for &j in &list[x + 1..] {
                if at(j).0 >= to {
                    break;
                }
                if passages[i].note != passages[j].note {
                    for w in 0..words {
                        lent[i * words + w] |= own[j * words + w];
                        lent[j * words + w] |= own[i * words + w];
                    }
                }
            }
        }
    }
    for (i, keys) in row_keys.iter_mut().enumerate() {
        let set = &lent[i * words..(i + 1) * words];
        if set == &own[i * words..(i + 1) * words] {
            continue;
        }
        keys.clear();
        for (w, bits) in set.iter().enumerate() {
            let mut b = *bits;
            while b != 0 {
                keys.push((w * 64) as u32 + b.trailing_zeros());
                b &= b - 1;
            }
        }
    }
}

/// The keys a passage falls under on an axis (numbered in `names`), each once; for the axes
/// of the document alone, remembered per document.
fn keys_of(ws: &Workspace, nb: &Notebook, axis: Axis, p: &NoteHit, names: &mut Keys) -> Vec<u32> {
    let of_document_alone = matches!(axis, Axis::Documents | Axis::Months)
        || matches!(axis, Axis::People(r) if !matches!(r, PersonRole::Spoke | PersonRole::Mentioned));
    if of_document_alone && let Some(d) = p.doc {
        if let Some(k) = names.by_doc.get(&d) {
            return k.clone();
        }
        let k = find_keys(ws, nb, axis, p, names);
        names.by_doc.insert(d, k.clone());
        return k;
    }
    find_keys(ws, nb, axis, p, names)
}

fn find_keys(ws: &Workspace, nb: &Notebook, axis: Axis, p: &NoteHit, names: &mut Keys) -> Vec<u32> {
    let note = &nb.annotations[p.note];
    let doc = p.doc.map(|i| &ws.corpus.documents[i]);
    let mut out: Vec<u32> = match axis {
        Axis::Tags => note.tags.iter().map(|t| names.of(t)).collect(),
        Axis::Documents => doc.map(|d| names.of(d.id())).into_iter().collect(),
        Axis::Months => doc
            .and_then(|d| d.meta.date.as_ref())
            .and_then(|d| d.first_day())
            .map(|d| names.of(&format!("{:04}-{:02}", d.year(), u8::from(d.month()))))
            .into_iter()
            .collect(),
        Axis::People(role) => {
            let Some(d) = doc else {
                return Vec::new();
            };
            match (role, p.range) {
                (PersonRole::Spoke | PersonRole::Mentioned, Some((s, e))) => {
                    let Some(i) = p.doc else {
                        return Vec::new();
                    };
                    let list = names.spans(ws, i, role);
                    // In text order: skip to the first that ends after the passage starts.
                    let from = list.partition_point(|x| x.1 <= s);
                    list[from..]
                        .iter()
                        .take_while(|x| x.0 < e)
                        .flat_map(|x| x.2.iter().copied())
                        .collect()
                }
                (PersonRole::Spoke | PersonRole::Mentioned, None) => Vec::new(),
                (role, _) => {
                    let facts = DocFacts {
                        doc: d,
                        roles: ws.people.roles.get(d.id()),
                        notes: None,
                    };
                    let people: Vec<&String> = facts
                        .roles
                        .into_iter()
                        .flat_map(|r| r.keys())
                        .filter(|person| {
                            super::matcher::eval(
                                &super::query::Expr::Person((*person).clone(), role),
                                &facts,
                                None,
                            )
                            .is_some()
                        })
                        .collect();
                    people.into_iter().map(|id| names.of(id)).collect()
                }
            }
        }
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The keys met on an axis, in the axis's order, with their labels.
fn order(ws: &Workspace, nb: &Notebook, axis: Axis, names: &Keys) -> Vec<(u32, String)> {
    let key = |k: &str| names.index.get(k).copied();
    match axis {
        Axis::Tags => {
            let mut out: Vec<(u32, String)> = nb
                .tag_tree()
                .into_iter()
                .filter_map(|r| Some((key(&r.tag.name)?, r.tag.name.clone())))
                .collect();
            // Tags on notes the codebook lacks (a hand-edited file) still count, at the end.
            for (i, k) in names.keys.iter().enumerate() {
                if nb.tag(k).is_none() {
                    out.push((i as u32, k.clone()));
                }
            }
            out
        }
        Axis::Documents => ws
            .corpus
            .documents
            .iter()
            .filter_map(|d| Some((key(d.id())?, d.meta.short_title.clone())))
            .collect(),
        Axis::Months => {
            let mut out: Vec<(u32, String)> = names
                .keys
                .iter()
                .enumerate()
                .map(|(i, k)| (i as u32, k.clone()))
                .collect();
            out.sort_by(|a, b| a.1.cmp(&b.1));
            out
        }
        Axis::People(_) => {
            let mut out: Vec<(u32, String)> = names
                .keys
                .iter()
                .enumerate()
                .map(|(i, id)| (i as u32, ws.person_name(id).to_string()))
                .collect();
            out.sort_by(|a, b| a.1.cmp(&b.1));
            out
        }
    }
}
