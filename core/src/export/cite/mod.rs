//! Citations written by a real CSL processor (hayagriva, with the official CSL styles it
//! bundles), fed from the same CSL-JSON record per document that Zotero imports
//! ([`super::bibliography::item`]).
//!
//! A document of the paper is cited as what it is, then where it is reproduced: a record of
//! conversation as an archival item (author, title, translator, date, archival reference,
//! archive) "in" the working paper at its page; a memoir as its book at the book's pages,
//! "reproduced in" the paper at its page; the editor's commentary as the paper at its page. The
//! processor writes each part in the chosen style and at the citation's position (first,
//! subsequent, ibid.), so a page of the paper is never read as a page of the memoir. CSL has no
//! "reproduced in" of its own; in note styles the two parts are joined as a sentence, in
//! author-date styles inside one pair of parentheses. A researcher's own document with a
//! citation they wrote is cited as they wrote it, with its page.
//!
//! Rendering a citation with Chicago takes about a millisecond, so a [`Citer`] remembers each
//! (document, position) it has written, with the page left as a placeholder filled in per
//! citation: an export of 10,000 notes renders each document at most three times.

mod plan;
mod render;
pub mod settings;

pub use settings::{CitationSettings, CitationStyle, PaperDetails};

/// The CSL-JSON records the processor is given for a document: the record cited first, and
/// the paper's when the document is reproduced in it (none for a citation its owner wrote).
/// For checking the citations against another CSL processor.
pub fn citing_records(
    ws: &Workspace,
    doc: &Document,
    paper: &PaperDetails,
) -> Vec<serde_json::Value> {
    let plan = plan::plan(ws, doc, paper);
    if plan.verbatim.is_some() {
        return Vec::new();
    }
    std::iter::once(plan.primary)
        .chain(plan.reproduced.map(|(_, p)| p))
        .collect()
}

/// One CSL-JSON record rendered by the processor in a style, at a locator and position (what
/// every citation is built from; for checking against another processor).
pub fn render_record(
    style: CitationStyle,
    json: &serde_json::Value,
    locator: Option<&str>,
    position: Position,
) -> String {
    render::item(json)
        .map(|it| render::citation(style, &it, locator, position))
        .unwrap_or_default()
}

/// The bibliography entries of CSL-JSON records in a style, in the order given.
pub fn render_entries(style: CitationStyle, records: &[serde_json::Value]) -> Vec<String> {
    let items: Vec<_> = records.iter().filter_map(render::item).collect();
    render::bibliography(style, &items)
}

/// Whether a document is cited in words its owner wrote (to be kept literally, `*` and all).
pub fn cited_as_written(doc: &Document) -> bool {
    doc.user_added
        && doc
            .meta
            .citation_verbatim
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
}

use crate::Workspace;
use crate::corpus::Document;
use std::collections::HashMap;
use std::sync::Mutex;

/// Where a citation stands among the citations before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// The first citation of the document.
    First,
    /// Cited before, with something else in between.
    Subsequent,
    /// The same document as the citation just before.
    Ibid,
}

/// A record's CSL-JSON, a locator and a position: what one rendering depends on.
type RenderKey = (String, Option<String>, Position);

/// The first and last page labels of a passage (none, or the last only for a range).
type Labels = Option<(String, Option<String>)>;

/// Tells the position of each citation in a run of them (an export's, in order).
#[derive(Debug, Default)]
pub struct Positions {
    seen: std::collections::HashSet<usize>,
    last: Option<usize>,
}

impl Positions {
    /// The position of the next citation, of the document with this corpus index.
    pub fn next(&mut self, doc: usize) -> Position {
        let position = if self.last == Some(doc) {
            Position::Ibid
        } else if self.seen.contains(&doc) {
            Position::Subsequent
        } else {
            Position::First
        };
        self.seen.insert(doc);
        self.last = Some(doc);
        position
    }
}

/// The page placeholder: rendered in place of the page, then replaced by it.
const PAGE: &str = "\u{E000}";
/// The placeholder of a range of pages: numbers, so that the processor sees a range and says
/// "pp." (no real page is numbered like them).
const PAGES: &str = "7306150\u{2013}7306151";
/// Where the first page of a range goes.
const FIRST_PAGE: &str = "7306150";
/// Where the second page of a range goes.
const LAST_PAGE: &str = "7306151";
/// Most renderings remembered before the memory is cleared.
const MAX_REMEMBERED: usize = 100_000;

/// Writes citations in the chosen style (see the module documentation); shared by every view
/// and export of a workspace.
#[derive(Debug, Default)]
pub struct Citer {
    settings: CitationSettings,
    /// Whole citations of documents, with page placeholders.
    remembered: Mutex<HashMap<(String, Position, Pages), String>>,
    /// The processor's renderings of one record (its CSL-JSON), at a locator and position.
    rendered: Mutex<HashMap<RenderKey, String>>,
    /// Bibliography entries that stand alone, by record.
    entries: Mutex<HashMap<RenderKey, String>>,
}

impl Clone for Citer {
    fn clone(&self) -> Citer {
        Citer::new(self.settings.clone())
    }
}

/// Whether a citation has a page, or a range of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Pages {
    None,
    One,
    Range,
}

impl Pages {
    /// The placeholder rendered in place of the page(s).
    fn placeholder(self) -> Option<&'static str> {
        match self {
            Pages::None => None,
            Pages::One => Some(PAGE),
            Pages::Range => Some(PAGES),
        }
    }
}

/// The first and last page a passage stands on, as the document prints them ("xiv", "14").
fn page_labels(doc: &Document, pages: Option<(u32, u32)>) -> Labels {
    let label = |page: u32| {
        doc.pages
            .iter()
            .position(|m| m.page == page)
            .and_then(|i| doc.page_labels.get(i).cloned())
            .unwrap_or_else(|| page.to_string())
    };
    pages.map(|(a, b)| (label(a), (a != b).then(|| label(b))))
}

/// A note citation's end, without its final full stop.
fn open_end(s: &str) -> &str {
    s.trim_end().strip_suffix('.').unwrap_or(s.trim_end())
}

/// A note citation continued by `rest` after a comma, which goes inside a closing quotation
/// mark (“Title,” in …) as American usage sets it.
fn continued(first: &str, rest: &str) -> String {
    let t = open_end(first);
    if let Some(q) = t
        .strip_suffix(".\u{201d}")
        .or_else(|| t.strip_suffix('\u{201d}'))
    {
        format!("{q},\u{201d} {rest}")
    } else {
        format!("{t}, {rest}")
    }
}

/// The locator of a plan's first part: a memoir's book pages; the passage's page when the
/// document is cited itself; none when the page belongs to the paper that reproduces it.
fn primary_locator(plan: &plan::Plan, pages: Pages) -> Option<&str> {
    match &plan.primary_pages {
        plan::Pages::Fixed(p) => Some(p.as_str()),
        plan::Pages::Passage if plan.reproduced.is_none() => pages.placeholder(),
        plan::Pages::Passage | plan::Pages::None => None,
    }
}

/// Inside the parentheses of an in-text citation.
fn inside(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t)
}

impl Citer {
    /// A citer for these settings.
    pub fn new(settings: CitationSettings) -> Citer {
        Citer {
            settings,
            remembered: Mutex::new(HashMap::new()),
            rendered: Mutex::new(HashMap::new()),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Its settings.
    pub fn settings(&self) -> &CitationSettings {
        &self.settings
    }

    /// The style it writes.
    pub fn style(&self) -> CitationStyle {
        self.settings.style
    }

    /// A document cited at a position, with placeholders where its page(s) go.
    fn template(&self, ws: &Workspace, doc: &Document, position: Position, pages: Pages) -> String {
        let plan = plan::plan(ws, doc, &self.settings.paper);
        let key = (
            format!("{}\u{1}{}", self.settings.style.slug(), plan.key()),
            position,
            pages,
        );
        if let Some(s) = self
            .remembered
            .lock()
            .ok()
            .and_then(|m| m.get(&key).cloned())
        {
            return s;
        }
        let rendered = self.compose(&plan, position, pages);
        if let Ok(mut m) = self.remembered.lock() {
            if m.len() >= MAX_REMEMBERED {
                m.clear();
            }
            m.insert(key, rendered.clone());
        }
        rendered
    }

    /// One record rendered by the processor (remembered: the paper is rendered once for all
    /// the documents it reproduces).
    fn render(
        &self,
        json: &serde_json::Value,
        locator: Option<&str>,
        position: Position,
    ) -> String {
        let key = (json.to_string(), locator.map(str::to_string), position);
        if let Some(s) = self.rendered.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return s;
        }
        let out = render::item(json)
            .map(|it| render::citation(self.settings.style, &it, locator, position))
            .unwrap_or_default();
        if let Ok(mut m) = self.rendered.lock() {
            if m.len() >= MAX_REMEMBERED {
                m.clear();
            }
            m.insert(key, out.clone());
        }
        out
    }

    /// The citation of a plan, its parts rendered by the processor and joined.
    fn compose(&self, plan: &plan::Plan, position: Position, pages: Pages) -> String {
        if plan.verbatim.is_some() {
            return self.join(plan, position, pages, String::new());
        }
        let first = self.render(&plan.primary, primary_locator(plan, pages), position);
        self.join(plan, position, pages, first)
    }

    /// A plan's citation from its first part as rendered (`first`): the citation its owner
    /// wrote, or the first part alone, or joined to the paper's part ("in" / "reproduced in").
    fn join(&self, plan: &plan::Plan, position: Position, pages: Pages, first: String) -> String {
        let style = self.settings.style;
        if let Some(own) = &plan.verbatim {
            // As its owner wrote it, with the page (in parentheses in author-date styles).
            let own = open_end(own);
            // "p." says whose page it is after an archival reference ("Box 3, p. 14").
            let page = match pages {
                Pages::None => String::new(),
                Pages::One => format!(", p. {PAGE}"),
                Pages::Range => format!(", pp. {PAGES}"),
            };
            return if style.is_note_style() {
                format!("{own}{page}.")
            } else {
                format!("({own}{page})")
            };
        }
        let Some((connector, paper)) = &plan.reproduced else {
            return first;
        };
        let second = self.render(paper, pages.placeholder(), position);
        if style.is_note_style() {
            // The document's own link, in its first (full) citation.
            let whole = continued(&first, &format!("{connector} {}", open_end(&second)));
            match plan.url.as_ref().filter(|_| position == Position::First) {
                Some(url) => format!("{}.", continued(&whole, url)),
                None => format!("{whole}."),
            }
        } else {
            format!("({}, {connector} {})", inside(&first), inside(&second))
        }
    }

    /// A passage of `doc` standing on `pages` (of the working paper, or of the document's own
    /// original), cited at `position`, as Markdown (`*` around titles set in italics).
    pub fn cite(
        &self,
        ws: &Workspace,
        doc: &Document,
        pages: Option<(u32, u32)>,
        position: Position,
    ) -> String {
        match page_labels(doc, pages) {
            None => self.template(ws, doc, position, Pages::None),
            Some((a, None)) => self
                .template(ws, doc, position, Pages::One)
                .replace(PAGE, &a),
            Some((a, Some(b))) => self
                .template(ws, doc, position, Pages::Range)
                .replace(FIRST_PAGE, &a)
                .replace(LAST_PAGE, &b),
        }
    }

    /// A run of citations in order (an export's notes), each at the position its place in the
    /// run gives it: the first citation of a document in full, the same document again at
    /// once "ibid.", later ones "subsequent" (each style writes these its own way). In an
    /// author-date style the documents are cited together, so that two works of one author and
    /// year are told apart ("Kudryavtsev 1961a", as in the bibliography of the same documents).
    /// What is not remembered yet is rendered on every core.
    pub fn run(&self, ws: &Workspace, cites: &[(usize, Option<(u32, u32)>)]) -> Vec<String> {
        let mut positions = Positions::default();
        let wanted: Vec<(usize, Position, Labels)> = cites
            .iter()
            .map(|&(i, pages)| {
                (
                    i,
                    positions.next(i),
                    page_labels(&ws.corpus.documents[i], pages),
                )
            })
            .collect();
        let kind = |labels: &Labels| match labels {
            None => Pages::None,
            Some((_, None)) => Pages::One,
            Some((_, Some(_))) => Pages::Range,
        };
        let mut keys: Vec<(usize, Position, Pages)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, p, l) in &wanted {
            if seen.insert((*i, *p, kind(l))) {
                keys.push((*i, *p, kind(l)));
            }
        }
        let templates = if self.settings.style.is_note_style() {
            self.templates_on_every_core(ws, &keys)
        } else {
            self.in_text_together(ws, &keys)
        };
        wanted
            .into_iter()
            .map(|(i, p, labels)| {
                let template = templates
                    .get(&(i, p, kind(&labels)))
                    .cloned()
                    .unwrap_or_default();
                match labels {
                    None => template,
                    Some((a, None)) => template.replace(PAGE, &a),
                    Some((a, Some(b))) => template.replace(FIRST_PAGE, &a).replace(LAST_PAGE, &b),
                }
            })
            .collect()
    }

    /// The templates of these citations, rendered (where not remembered) on every core.
    fn templates_on_every_core(
        &self,
        ws: &Workspace,
        keys: &[(usize, Position, Pages)],
    ) -> HashMap<(usize, Position, Pages), String> {
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(keys.len().div_ceil(16).max(1));
        let chunk = keys.len().div_ceil(workers).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = keys
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|&(i, p, k)| {
                                ((i, p, k), self.template(ws, &ws.corpus.documents[i], p, k))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// The bibliography entries of these records, each on its own (remembered), on every core.
    fn entries_on_every_core(&self, records: &[(serde_json::Value, ())]) -> Vec<String> {
        let entry = |json: &serde_json::Value| {
            let key = (json.to_string(), None, Position::First);
            if let Some(e) = self.entries.lock().ok().and_then(|m| m.get(&key).cloned()) {
                return e;
            }
            let e = render::item(json)
                .map(|it| render::bibliography(self.settings.style, &[it]).join(""))
                .unwrap_or_default();
            if let Ok(mut m) = self.entries.lock() {
                if m.len() >= MAX_REMEMBERED {
                    m.clear();
                }
                m.insert(key, e.clone());
            }
            e
        };
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(records.len().div_ceil(16).max(1));
        let chunk = records.len().div_ceil(workers).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = records
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || part.iter().map(|(j, _)| entry(j)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// In-text citations of these documents rendered in one run of the processor (positions
    /// do not change them).
    fn in_text_together(
        &self,
        ws: &Workspace,
        keys: &[(usize, Position, Pages)],
    ) -> HashMap<(usize, Position, Pages), String> {
        let plans: HashMap<usize, plan::Plan> = keys
            .iter()
            .map(|&(i, _, _)| {
                (
                    i,
                    plan::plan(ws, &ws.corpus.documents[i], &self.settings.paper),
                )
            })
            .collect();
        // In the bibliography's order, so that the processor letters works of one author and
        // year as the bibliography of the same documents does.
        let mut seen = std::collections::HashSet::new();
        let mut ordered: Vec<(serde_json::Value, (usize, Pages))> = keys
            .iter()
            .filter(|&&(i, _, k)| plans[&i].verbatim.is_none() && seen.insert((i, k)))
            .map(|&(i, _, k)| (plans[&i].primary.clone(), (i, k)))
            .collect();
        render::sorted(self.settings.style, &mut ordered);
        let distinct: Vec<(usize, Pages)> = ordered.into_iter().map(|(_, key)| key).collect();
        let items: Vec<Option<hayagriva::citationberg::json::Item>> = distinct
            .iter()
            .map(|(i, _)| render::item(&plans[i].primary))
            .collect();
        let cites: Vec<(&hayagriva::citationberg::json::Item, Option<&str>)> = distinct
            .iter()
            .zip(&items)
            .filter_map(|((i, k), it)| Some((it.as_ref()?, primary_locator(&plans[i], *k))))
            .collect();
        let rendered = render::citations(self.settings.style, &cites);
        let mut firsts: HashMap<(usize, Pages), String> = HashMap::new();
        let mut next = rendered.into_iter();
        for ((i, k), it) in distinct.iter().zip(&items) {
            if it.is_some() {
                firsts.insert((*i, *k), next.next().unwrap_or_default());
            }
        }
        keys.iter()
            .map(|&(i, p, k)| {
                let first = firsts.get(&(i, k)).cloned().unwrap_or_default();
                ((i, p, k), self.join(&plans[&i], p, k, first))
            })
            .collect()
    }

    /// The bibliography of these documents (by corpus index): each record once (the paper once
    /// for all it reproduces), in the style's order, as Markdown.
    pub fn bibliography(&self, ws: &Workspace, docs: &[usize]) -> Vec<String> {
        let mut records: Vec<(serde_json::Value, ())> = Vec::new();
        let mut own = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for &i in docs {
            let doc = &ws.corpus.documents[i];
            let plan = plan::plan(ws, doc, &self.settings.paper);
            if let Some(v) = &plan.verbatim {
                if seen.insert(doc.id().to_string()) {
                    own.push(format!("{}.", open_end(v)));
                }
                continue;
            }
            for json in std::iter::once(plan.primary).chain(plan.reproduced.map(|r| r.1)) {
                let id = json["id"].as_str().unwrap_or_default().to_string();
                if seen.insert(id) {
                    records.push((json, ()));
                }
            }
        }
        render::sorted(self.settings.style, &mut records);
        let entries = if self.settings.style.entries_stand_alone() {
            self.entries_on_every_core(&records)
        } else {
            // Entries that depend on their neighbours ("———" for the same author, "1961a"):
            // written together.
            let items: Vec<_> = records
                .iter()
                .filter_map(|(j, _)| render::item(j))
                .collect();
            render::bibliography(self.settings.style, &items)
        };
        // Chicago leaves out of the bibliography what it cites in notes only (a manuscript held
        // by no archive): the processor writes nothing for it.
        let entries = entries.into_iter().filter(|e| !e.trim().is_empty());
        // The citations their owners wrote, put in alphabetical order among the others.
        own.sort_by_key(|e| e.to_lowercase());
        let mut own = own.into_iter().peekable();
        let mut out = Vec::new();
        for e in entries {
            // "———." repeats the author of the entry above: it sorts with it, never apart.
            if !e.starts_with('\u{2014}') {
                let key = e.replace('*', "").to_lowercase();
                while own.peek().is_some_and(|o| o.to_lowercase() < key) {
                    out.extend(own.next());
                }
            }
            out.push(e);
        }
        out.extend(own);
        out
    }
}
