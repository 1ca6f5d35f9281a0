//! The TEI header as a document's metadata (title, author, date and place, the archival
//! reference, translator, edition, link, language), and the people a file lists.

use super::XML_NS;
use crate::import::{FoundMeta, ListedPerson};
use roxmltree::Node;

/// The people a header lists as taking part (`profileDesc/particDesc`), by name.
pub(super) fn header_participants(root: Node) -> Vec<String> {
    let Some(header) = root.children().find(|n| n.has_tag_name("teiHeader")) else {
        return Vec::new();
    };
    header
        .descendants()
        .filter(|n| n.has_tag_name("particDesc"))
        .flat_map(|p| p.descendants().filter(|n| n.has_tag_name("person")))
        .filter_map(|p| p.children().find(|c| c.has_tag_name("persName")))
        .map(|n| display_name(&text_of(n)))
        .filter(|n| !n.is_empty())
        .collect()
}

/// Text of a node, whitespace collapsed, notes left out.
pub(super) fn text_of(node: Node) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if d.is_text() && !d.ancestors().any(|a| a.has_tag_name("note") && a != node) {
            s.push_str(d.text().unwrap_or(""));
        } else if d.has_tag_name("lb") {
            s.push(' ');
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

/// "Castro Ruz, Fidel" → "Fidel Castro Ruz" (names as FRUS lists them, surname first).
pub(super) fn display_name(listed: &str) -> String {
    let listed = listed.trim().trim_end_matches(',').trim();
    match listed.split_once(", ") {
        Some((surname, given)) if !given.contains(',') && !given.is_empty() => {
            format!("{given} {surname}")
        }
        _ => listed.to_string(),
    }
}

pub(super) fn listed_people(root: Node) -> Vec<ListedPerson> {
    let mut people = Vec::new();
    for n in root.descendants() {
        if n.has_tag_name("person") {
            let Some(key) = n.attribute((XML_NS, "id")) else {
                continue;
            };
            let names: Vec<String> = n
                .children()
                .filter(|c| c.has_tag_name("persName"))
                .map(text_of)
                .filter(|s| !s.is_empty())
                .collect();
            let Some(first) = names.first() else { continue };
            let description = n
                .children()
                .find(|c| c.has_tag_name("note") || c.has_tag_name("occupation"))
                .map(text_of)
                .and_then(non_empty);
            people.push(ListedPerson {
                key: key.to_string(),
                name: display_name(first),
                forms: names.clone(),
                description,
            });
        } else if n.has_tag_name("persName")
            && let Some(key) = n.attribute((XML_NS, "id"))
        {
            // FRUS's list of persons: <item><hi><persName xml:id>Surname, Given</persName>,</hi> who.
            let listed = text_of(n);
            if listed.is_empty() {
                continue;
            }
            let item = n.ancestors().find(|a| a.has_tag_name("item"));
            let description = item.and_then(|item| {
                let all = text_of(item);
                let rest = all
                    .split_once(listed.as_str())
                    .map(|(_, r)| r)
                    .unwrap_or("");
                non_empty(rest.trim_start_matches([',', ' ']).to_string())
            });
            people.push(ListedPerson {
                key: key.to_string(),
                name: display_name(&listed),
                forms: vec![listed.trim_end_matches(',').to_string()],
                description,
            });
        }
    }
    people
}

pub(super) fn header_meta(root: Node) -> FoundMeta {
    let mut m = FoundMeta::default();
    let Some(header) = root.children().find(|n| n.has_tag_name("teiHeader")) else {
        return m;
    };
    let find = |name: &str| header.descendants().find(|n| n.has_tag_name(name));
    if let Some(title_stmt) = find("titleStmt") {
        let titles: Vec<Node> = title_stmt
            .children()
            .filter(|n| n.has_tag_name("title"))
            .collect();
        let best = titles
            .iter()
            .find(|t| t.attribute("type") == Some("complete"))
            .or(titles.first());
        m.title = best.map(|t| text_of(*t)).and_then(non_empty);
        m.author = title_stmt
            .children()
            .find(|n| n.has_tag_name("author"))
            .map(text_of)
            .and_then(non_empty);
    }
    let source = find("sourceDesc");
    // The book or edition it was taken from (our export: `bibl type="edition"`).
    m.edition = source
        .and_then(|s| {
            s.descendants()
                .find(|n| n.has_tag_name("bibl") && n.attribute("type") == Some("edition"))
        })
        .and_then(|b| b.children().find(|n| n.has_tag_name("title")))
        .map(text_of)
        .and_then(non_empty);
    let creation = header.descendants().find(|n| n.has_tag_name("creation"));
    let date = creation
        .and_then(|c| c.descendants().find(|n| n.has_tag_name("date")))
        .or_else(|| source.and_then(|s| s.descendants().find(|n| n.has_tag_name("date"))));
    m.date = date.and_then(|d| {
        // Uncertain or approximate, as the export writes EDTF's `?`, `~` and `%`.
        let q = match d.attribute("cert") {
            Some("low") => "?",
            Some("medium") => "~",
            Some("unknown") => "%",
            _ => "",
        };
        d.attribute("when")
            .map(|w| format!("{w}{q}"))
            .or_else(|| match (d.attribute("from"), d.attribute("to")) {
                (Some(f), Some(t)) => Some(format!("{f}{q}/{t}{q}")),
                (Some(f), None) => Some(format!("{f}{q}/..")),
                (None, Some(t)) => Some(format!("../{t}{q}")),
                _ => None,
            })
            .or_else(|| non_empty(text_of(d)))
    });
    m.place = creation
        .and_then(|c| c.descendants().find(|n| n.has_tag_name("placeName")))
        .map(text_of)
        .and_then(non_empty);
    // The archival reference: the manuscript's identifier when the header gives one, else
    // what the source description says.
    let ms = source.and_then(|s| s.descendants().find(|n| n.has_tag_name("msIdentifier")));
    m.archive = ms
        .and_then(|i| i.children().find(|n| n.has_tag_name("repository")))
        .map(text_of)
        .and_then(non_empty);
    m.archival_reference = ms
        .and_then(|i| i.children().find(|n| n.has_tag_name("idno")))
        .map(text_of)
        .and_then(non_empty)
        .or_else(|| source.map(text_of).and_then(non_empty));
    m.translator = find("titleStmt")
        .into_iter()
        .flat_map(|t| t.children().filter(|n| n.has_tag_name("respStmt")))
        .find(|r| {
            r.children()
                .any(|c| c.has_tag_name("resp") && text_of(c).to_lowercase().contains("transl"))
        })
        .and_then(|r| {
            r.children()
                .find(|c| c.has_tag_name("name") || c.has_tag_name("persName"))
        })
        .map(text_of)
        .and_then(non_empty);
    m.url = header
        .descendants()
        .find(|n| n.has_tag_name("idno") && n.attribute("type") == Some("URI"))
        .map(text_of)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    m.language = root
        .attribute((XML_NS, "lang"))
        .or_else(|| find("language").and_then(|l| l.attribute("ident")))
        .map(str::to_string);
    m
}
