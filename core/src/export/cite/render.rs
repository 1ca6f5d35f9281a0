//! hayagriva, Typst's CSL processor, with the official CSL styles it bundles: one citation at a
//! position, or the bibliography entries of some items, as Markdown (`*` around italics).

use super::Position;
use super::settings::CitationStyle;
use hayagriva::archive::{ArchivedStyle, locales};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{FontStyle, IndependentStyle, Locale, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, LocatorPayload, SpecificLocator,
};
use std::sync::OnceLock;

/// The en-US locale (the styles' default; loaded once).
fn en_us() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(|| {
        locales()
            .into_iter()
            .filter(|l| l.lang.as_ref().is_some_and(|c| c.0 == "en-US"))
            .collect()
    })
}

/// A style, parsed once; its bibliography left unsorted (the items are given in order: see
/// [`sorted`]), since the processor renders the sort keys anew at every comparison, which
/// takes a minute for 10,000 items.
fn style(s: CitationStyle) -> &'static IndependentStyle {
    static STYLES: [OnceLock<IndependentStyle>; 6] = [const { OnceLock::new() }; 6];
    let i = CitationStyle::ALL.iter().position(|x| *x == s).unwrap_or(0);
    STYLES[i].get_or_init(|| {
        let mut style = match ArchivedStyle::by_name(s.archive_name()).map(ArchivedStyle::get) {
            Some(Style::Independent(style)) => style,
            // Every style named here is independent and bundled; a dependent one would be a bug
            // caught by the tests, never a panic in the window.
            _ => match ArchivedStyle::ChicagoNotes.get() {
                Style::Independent(style) => style,
                Style::Dependent(_) => unreachable!("Chicago notes is an independent style"),
            },
        };
        if let Some(b) = style.bibliography.as_mut() {
            b.sort = None;
        }
        style
    })
}

/// The order these styles list a bibliography in: by the first author's (else editor's) name,
/// else the title; then, in author-date styles, the year before the title (so works of one
/// author and year are lettered "1961a", "1961b" in title order), in the others the title
/// before the date. Computed once per item from its CSL-JSON.
pub(super) fn sorted<T>(s: CitationStyle, items: &mut [(serde_json::Value, T)]) {
    let key = |v: &serde_json::Value| {
        let text = |k: &str| v[k].as_str().unwrap_or("").to_lowercase();
        let name = ["author", "editor"]
            .iter()
            .find_map(|k| v[*k].as_array().and_then(|a| a.first()).cloned())
            .map(|n| {
                let part = |k: &str| n[k].as_str().unwrap_or("").to_lowercase();
                format!(
                    "{}\u{1}{}{}",
                    part("family"),
                    part("given"),
                    part("literal")
                )
            })
            .unwrap_or_else(|| text("title"));
        let date: String = v["issued"]["date-parts"][0]
            .as_array()
            .map(|p| {
                p.iter()
                    .map(|x| format!("{:05}", x.as_i64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_else(|| "99999".into());
        let title = text("title");
        if s.is_note_style() || s == CitationStyle::Mla {
            (name, title, date)
        } else {
            (name, date, title)
        }
    };
    items.sort_by_cached_key(|(v, _)| key(v));
}

/// A CSL item from its CSL-JSON.
pub(super) fn item(json: &serde_json::Value) -> Option<Item> {
    serde_json::from_value(json.clone()).ok()
}

/// An item cited between two citations of another, so that the second is "subsequent", not
/// "ibid".
fn interloper() -> &'static Item {
    static ITEM: OnceLock<Item> = OnceLock::new();
    ITEM.get_or_init(|| {
        item(&serde_json::json!({
            "id": "readingroom-interloper",
            "type": "book",
            "title": "Interloper",
            "author": [{"family": "Interloper"}]
        }))
        .expect("a valid CSL item")
    })
}

/// Text of rendered CSL, italics as `*…*`.
pub(super) fn markdown(children: &ElemChildren) -> String {
    fn walk(children: &ElemChildren, runs: &mut Vec<(String, bool)>) {
        for c in &children.0 {
            match c {
                ElemChild::Text(t) => {
                    runs.push((t.text.clone(), t.formatting.font_style == FontStyle::Italic))
                }
                ElemChild::Elem(e) => walk(&e.children, runs),
                ElemChild::Markup(m) => runs.push((m.clone(), false)),
                ElemChild::Link { text, .. } => runs.push((
                    text.text.clone(),
                    text.formatting.font_style == FontStyle::Italic,
                )),
                ElemChild::Transparent { .. } => {}
            }
        }
    }
    let mut runs = Vec::new();
    walk(children, &mut runs);
    let mut out = String::new();
    let mut italic = false;
    for (text, it) in runs {
        if text.is_empty() {
            continue;
        }
        if it != italic {
            out.push('*');
            italic = it;
        }
        out.push_str(&text);
    }
    if italic {
        out.push('*');
    }
    punctuation_in_quotes(&out)
}

/// American English (the locale of every style offered) puts a period or comma that follows a
/// closing quotation mark inside it, as citeproc-js does (CSL's `punctuation-in-quote`);
/// hayagriva leaves it outside when nothing follows the title ("Conversation”.").
fn punctuation_in_quotes(text: &str) -> String {
    text.replace("\u{201D}.", ".\u{201D}")
        .replace("\u{201D},", ",\u{201D}")
}

/// One citation of `item` (with `locator` as its page, if any) as it reads at `position`.
pub(super) fn citation(
    s: CitationStyle,
    item: &Item,
    locator: Option<&str>,
    position: Position,
) -> String {
    let style = style(s);
    let locales = en_us();
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    // Sequences that give the item the position asked for.
    let sequence: Vec<&Item> = match position {
        Position::First => vec![item],
        Position::Ibid => vec![item, item],
        Position::Subsequent => vec![item, interloper(), item],
    };
    for (k, it) in sequence.into_iter().enumerate() {
        let loc = locator.map(|l| SpecificLocator(Locator::Page, LocatorPayload::Str(l)));
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_locator(it, loc)],
            style,
            None,
            locales,
            Some(k + 1),
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    rendered
        .citations
        .last()
        .map(|c| markdown(&c.citation))
        .unwrap_or_default()
}

/// Several citations in one run of the processor, each of an item at a locator, so that it
/// tells apart two works of one author and year ("Kudryavtsev 1961a") as a reference list does.
pub(super) fn citations(s: CitationStyle, cites: &[(&Item, Option<&str>)]) -> Vec<String> {
    let style = style(s);
    let locales = en_us();
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    for (k, (it, locator)) in cites.iter().enumerate() {
        let loc = locator.map(|l| SpecificLocator(Locator::Page, LocatorPayload::Str(l)));
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_locator(*it, loc)],
            style,
            None,
            locales,
            Some(k + 1),
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    rendered
        .citations
        .iter()
        .map(|c| markdown(&c.citation))
        .collect()
}

/// The bibliography entries of these items, in the style's order.
pub(super) fn bibliography(s: CitationStyle, items: &[Item]) -> Vec<String> {
    let style = style(s);
    let locales = en_us();
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    for (k, it) in items.iter().enumerate() {
        driver.citation(CitationRequest::new(
            vec![CitationItem::new(it, None, None, true, None)],
            style,
            None,
            locales,
            Some(k + 1),
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    rendered
        .bibliography
        .map(|b| b.items.iter().map(|i| markdown(&i.content)).collect())
        .unwrap_or_default()
}
