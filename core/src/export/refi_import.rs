//! Reading a REFI-QDA project made by another tool (a `.qdpx`, or its `project.qde` alone): its
//! codes become tags (colours, definitions, hierarchy), each coded passage of a plain-text source
//! a note on the matching document (found by its text, then by its name), with its codes as
//! tags, the note it points at as its text and its user as author. A passage whose document is
//! not in the library, or whose text is not where it was, is kept as an orphan, never dropped.
//!
//! Untrusted input: sizes and counts are bounded, a source's text is read only from inside the
//! project (`internal://`), never from a path elsewhere, and nothing in the file is followed.

use super::import::{ImportError, Incoming};
use crate::Workspace;
use crate::notes::model::{
    Annotation, CONTEXT_CHARS, PositionSelector, QuoteSelector, RegionSelector, Tag, Target,
    text_hash,
};
use roxmltree::Node;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// The most bytes `project.qde` may have.
const MAX_QDE_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes one source's text may have.
const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;
/// The most entries a project's ZIP may hold.
const MAX_ENTRIES: usize = 100_000;
/// The most bytes of sources a project may unpack to.
const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// The deepest nesting of codes followed.
const MAX_CODE_DEPTH: usize = 64;

/// Does this look like a REFI-QDA project (a ZIP, or the project's XML)?
pub fn looks_like_project(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || (bytes.starts_with(b"<")
            && String::from_utf8_lossy(&bytes[..bytes.len().min(4096)])
                .contains("urn:QDA-XML:project"))
}

fn error(file: &Path, what: impl Into<String>) -> ImportError {
    ImportError::Read {
        file: file.to_path_buf(),
        what: what.into(),
    }
}

/// The project's XML and its `Sources/` files (by name inside the project).
struct Unpacked {
    qde: String,
    sources: HashMap<String, Vec<u8>>,
}

fn read_entry(
    entry: impl Read,
    limit: u64,
    name: &str,
    file: &Path,
) -> Result<Vec<u8>, ImportError> {
    let mut buf = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| error(file, format!("{name}: {e}")))?;
    if buf.len() as u64 > limit {
        return Err(error(
            file,
            format!("{name} is larger than {limit} bytes, the most a project's part may be"),
        ));
    }
    Ok(buf)
}

fn unpack(bytes: &[u8], file: &Path) -> Result<Unpacked, ImportError> {
    if !bytes.starts_with(b"PK") {
        let qde = String::from_utf8(bytes.to_vec()).map_err(|e| {
            error(
                file,
                format!(
                    "expected UTF-8 XML (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        return Ok(Unpacked {
            qde,
            sources: HashMap::new(),
        });
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| error(file, format!("not a readable .qdpx (ZIP): {e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(error(
            file,
            format!(
                "{} files; a project may hold at most {MAX_ENTRIES}",
                zip.len()
            ),
        ));
    }
    let mut qde = None;
    let mut sources = HashMap::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| error(file, format!("entry {i}: {e}")))?;
        let name = entry
            .name()
            .map_err(|e| error(file, e.to_string()))?
            .to_string();
        if name.ends_with(".qde") && !name.contains('/') {
            let b = read_entry(entry, MAX_QDE_BYTES, &name, file)?;
            qde = Some(
                String::from_utf8(b)
                    .map_err(|_| error(file, format!("{name}: expected UTF-8 XML")))?,
            );
        } else if let Some(rest) = name.strip_prefix("Sources/")
            && !rest.contains('/')
            && (rest.ends_with(".txt") || rest.to_ascii_lowercase().ends_with(".pdf"))
        {
            let b = read_entry(entry, MAX_SOURCE_BYTES, &name, file)?;
            total += b.len() as u64;
            if total > MAX_TOTAL_BYTES {
                return Err(error(
                    file,
                    format!("its sources unpack to more than {MAX_TOTAL_BYTES} bytes"),
                ));
            }
            sources.insert(rest.to_string(), b);
        }
    }
    let qde = qde.ok_or_else(|| error(file, "no project.qde in it: not a REFI-QDA project"))?;
    Ok(Unpacked { qde, sources })
}

fn named(n: &Node, tag: &str) -> bool {
    n.is_element() && n.tag_name().name() == tag
}

fn child<'a, 'i>(n: &Node<'a, 'i>, tag: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| named(c, tag))
}

/// A code's colour as a tag colour (`#rrggbb`; `#rgb` widened).
fn colour(c: Option<&str>) -> String {
    match c.map(|c| c.trim()) {
        Some(c)
            if c.len() == 7
                && c.starts_with('#')
                && c[1..].chars().all(|x| x.is_ascii_hexdigit()) =>
        {
            c.to_ascii_lowercase()
        }
        Some(c)
            if c.len() == 4
                && c.starts_with('#')
                && c[1..].chars().all(|x| x.is_ascii_hexdigit()) =>
        {
            let d: String = c[1..].chars().flat_map(|x| [x, x]).collect();
            format!("#{}", d.to_ascii_lowercase())
        }
        _ => String::new(),
    }
}

/// The project's codes as tags (depth-first, the tree's order), and each code's name by GUID.
fn codes(root: &Node, tags: &mut Vec<Tag>, by_guid: &mut HashMap<String, String>) {
    let Some(codes) = root
        .children()
        .find(|n| named(n, "CodeBook"))
        .and_then(|b| child(&b, "Codes"))
    else {
        return;
    };
    // (node, parent name, depth), without recursion.
    let mut stack: Vec<(Node, Option<String>, usize)> = codes
        .children()
        .filter(|n| named(n, "Code"))
        .map(|n| (n, None, 0))
        .collect();
    stack.reverse();
    while let Some((n, parent, depth)) = stack.pop() {
        let Some(name) = n.attribute("name").map(str::trim).filter(|s| !s.is_empty()) else {
            continue;
        };
        let name = name.chars().take(200).collect::<String>();
        if let Some(g) = n.attribute("guid") {
            by_guid.insert(g.to_string(), name.clone());
        }
        if !tags.iter().any(|t| t.name == name) {
            tags.push(Tag {
                name: name.clone(),
                colour: colour(n.attribute("color")),
                parent: parent.clone(),
                description: child(&n, "Description")
                    .and_then(|d| d.text())
                    .unwrap_or("")
                    .chars()
                    .take(10_000)
                    .collect(),
            });
        }
        if depth < MAX_CODE_DEPTH {
            let mut kids: Vec<_> = n
                .children()
                .filter(|c| named(c, "Code"))
                .map(|c| (c, Some(name.clone()), depth + 1))
                .collect();
            kids.reverse();
            stack.extend(kids);
        }
    }
}

/// A source's text: its own content, or its file inside the project (`internal://X`); a path
/// elsewhere is not followed.
fn source_text(n: &Node, sources: &HashMap<String, Vec<u8>>) -> Result<String, String> {
    if let Some(t) = child(n, "PlainTextContent").and_then(|c| c.text()) {
        return Ok(t.to_string());
    }
    let Some(path) = n.attribute("plainTextPath") else {
        return Err("it has no plain text".into());
    };
    let Some(inside) = path.strip_prefix("internal://") else {
        return Err(format!(
            "its text is at {path:?}, outside the project: not followed"
        ));
    };
    let bytes = sources
        .get(inside)
        .ok_or_else(|| format!("its text {inside:?} is not in the project"))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| format!("its text {inside:?} is not UTF-8"))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// The sizes (points) of the pages of a PDF source's file, when it is inside the project and
/// readable (a panic of the reader caught: the file is untrusted).
fn pdf_page_sizes(n: &Node, sources: &HashMap<String, Vec<u8>>) -> Option<Vec<(f32, f32)>> {
    let inside = n.attribute("path")?.strip_prefix("internal://")?;
    let bytes = sources.get(inside)?;
    std::panic::catch_unwind(|| crate::facsimile::render::page_sizes(bytes))
        .ok()?
        .ok()
        .filter(|s| s.iter().all(|(w, h)| *w >= 1.0 && *h >= 1.0))
}

/// The library's document a source is: the one with the same text (line ends aside), else the
/// one of the same name (title, short title or id).
pub(super) fn matching_document(ws: &Workspace, name: &str, text: &str) -> Option<(usize, bool)> {
    let lf = text.replace("\r\n", "\n");
    let len = lf.chars().count();
    let hash = text_hash(&lf);
    for (i, d) in ws.corpus.documents.iter().enumerate() {
        if d.char_len == len && text_hash(&d.text.read()) == hash {
            return Some((i, true));
        }
    }
    let name = name.trim().to_lowercase();
    if name.is_empty() {
        return None;
    }
    ws.corpus
        .documents
        .iter()
        .position(|d| {
            d.meta.title.to_lowercase() == name
                || d.meta.short_title.to_lowercase() == name
                || d.id().to_lowercase() == name
        })
        .map(|i| (i, false))
}

/// Reads a REFI-QDA project into notes to merge.
pub fn from_project(ws: &Workspace, bytes: &[u8], file: &Path) -> Result<Incoming, ImportError> {
    let unpacked = unpack(bytes, file)?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&unpacked.qde, opts).map_err(|e| {
        let p = e.pos();
        error(file, format!("project.qde:{}:{}: {e}", p.row, p.col))
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return Err(error(
            file,
            "its XML is not a REFI-QDA project (no <Project> root)",
        ));
    }
    let mut incoming = Incoming::default();
    let mut tags = Vec::new();
    let mut code_names = HashMap::new();
    codes(&root, &mut tags, &mut code_names);
    let users: HashMap<&str, &str> = doc
        .descendants()
        .filter(|n| named(n, "User"))
        .filter_map(|n| {
            Some((
                n.attribute("guid")?,
                n.attribute("name").or(n.attribute("id"))?,
            ))
        })
        .collect();
    let notes: HashMap<&str, String> = root
        .children()
        .find(|n| named(n, "Notes"))
        .into_iter()
        .flat_map(|ns| ns.children().filter(|n| named(n, "Note")))
        .filter_map(|n| {
            let text = child(&n, "PlainTextContent")
                .and_then(|c| c.text())
                .map(str::to_string)
                .or_else(|| source_text(&n, &unpacked.sources).ok())?;
            Some((n.attribute("guid")?, text))
        })
        .collect();
    let mut used_notes: std::collections::HashSet<String> = Default::default();
    let now = crate::notes::model::now_rfc3339();
    let stamp = |n: &Node| n.attribute("creationDateTime").unwrap_or(&now).to_string();
    let author = |n: &Node| {
        n.attribute("creatingUser")
            .and_then(|g| users.get(g))
            .map_or(String::new(), |u| u.to_string())
    };
    let mut count = 0usize;
    // A selection's codes (as tags) and the text of the notes it points at.
    let mut coded = |sel: &Node<'_, '_>| -> (Vec<String>, String) {
        let tags: Vec<String> = sel
            .descendants()
            .filter(|n| named(n, "CodeRef"))
            .filter_map(|r| code_names.get(r.attribute("targetGUID")?).cloned())
            .collect();
        let note = sel
            .children()
            .filter(|n| named(n, "NoteRef"))
            .filter_map(|r| {
                let g = r.attribute("targetGUID")?;
                used_notes.insert(g.to_string());
                notes.get(g).cloned()
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        (tags, note)
    };
    // Plain-text sources, and the text of PDF sources (their Representation).
    for source in doc
        .descendants()
        .filter(|n| named(n, "TextSource") || named(n, "Representation"))
    {
        let name = source.attribute("name").unwrap_or("").to_string();
        let selections: Vec<Node> = source
            .children()
            .filter(|n| named(n, "PlainTextSelection"))
            .collect();
        if selections.is_empty() {
            continue;
        }
        let text = match source_text(&source, &unpacked.sources) {
            Ok(t) => t,
            Err(why) => {
                incoming.refused.push(format!(
                    "source {name:?}: {why}; its {} coded passages were not imported",
                    selections.len()
                ));
                continue;
            }
        };
        let chars: Vec<char> = text.chars().collect();
        let matched = matching_document(ws, &name, &text);
        for sel in selections {
            count += 1;
            if count > super::import::MAX_IMPORT_NOTES {
                return Err(ImportError::TooMany {
                    file: file.to_path_buf(),
                    count,
                });
            }
            let pos = |a: &str| {
                sel.attribute(a)
                    .and_then(|v| v.trim().parse::<usize>().ok())
            };
            let (Some(s), Some(e)) = (pos("startPosition"), pos("endPosition")) else {
                incoming.refused.push(format!(
                    "a passage of {name:?}: its start or end is not a number"
                ));
                continue;
            };
            let (s, e) = (s.min(chars.len()), e.min(chars.len()));
            if s >= e {
                incoming
                    .refused
                    .push(format!("a passage of {name:?} at {s}-{e}: empty"));
                continue;
            }
            let slice =
                |a: usize, b: usize| chars[a..b].iter().collect::<String>().replace("\r\n", "\n");
            // Offsets without the carriage returns (the library's texts have LF line ends).
            let lf = |at: usize| at - chars[..at].iter().filter(|c| **c == '\r').count();
            let exact = slice(s, e);
            let (tags_here, note) = coded(&sel);
            let target = match matched {
                Some((i, true)) => {
                    let d = &ws.corpus.documents[i];
                    crate::notes::model::text_target(d.id(), &d.text.read(), lf(s), lf(e))
                }
                // By name, or not in the library: the quote and its context, placed (or
                // orphaned) when the notebook anchors it.
                other => Target::Text {
                    doc: other.map_or_else(
                        || format!("qdpx:{}", name.chars().take(120).collect::<String>()),
                        |(i, _)| ws.corpus.documents[i].id().to_string(),
                    ),
                    quote: QuoteSelector {
                        exact,
                        prefix: slice(s.saturating_sub(CONTEXT_CHARS), s),
                        suffix: slice(e, (e + CONTEXT_CHARS).min(chars.len())),
                    },
                    position: PositionSelector {
                        start: lf(s),
                        end: lf(e),
                    },
                    text_hash: text_hash(&text.replace("\r\n", "\n")),
                },
            };
            let guid = sel.attribute("guid").unwrap_or("");
            incoming.notebook.annotations.push(Annotation {
                id: if guid.is_empty() {
                    crate::notes::model::new_id()
                } else {
                    format!("qdpx-{}", guid.trim_matches(|c| c == '{' || c == '}'))
                },
                target,
                note,
                tags: tags_here,
                author: author(&sel),
                created: stamp(&sel),
                modified: stamp(&sel),
                conflict_of: None,
                other_targets: Vec::new(),
            });
        }
    }
    // Regions of the pages of PDF sources.
    for source in doc.descendants().filter(|n| named(n, "PDFSource")) {
        let name = source.attribute("name").unwrap_or("").to_string();
        let selections: Vec<Node> = source
            .children()
            .filter(|n| named(n, "PDFSelection"))
            .collect();
        if selections.is_empty() {
            continue;
        }
        let refuse_all = |why: String, refused: &mut Vec<String>| {
            refused.push(format!(
                "PDF source {name:?}: {why}; its {} regions were not imported",
                selections.len()
            ));
        };
        // The document: by its text (the Representation), else by its name.
        let text =
            child(&source, "Representation").and_then(|r| source_text(&r, &unpacked.sources).ok());
        let Some((i, _)) = matching_document(ws, &name, text.as_deref().unwrap_or("")) else {
            refuse_all(
                "no document of the library has its text or name".into(),
                &mut incoming.refused,
            );
            continue;
        };
        let Some(sizes) = pdf_page_sizes(&source, &unpacked.sources) else {
            refuse_all(
                "its PDF is not in the project, so its regions cannot be measured".into(),
                &mut incoming.refused,
            );
            continue;
        };
        let doc_id = ws.corpus.documents[i].id().to_string();
        for sel in selections {
            count += 1;
            if count > super::import::MAX_IMPORT_NOTES {
                return Err(ImportError::TooMany {
                    file: file.to_path_buf(),
                    count,
                });
            }
            let int = |a: &str| sel.attribute(a).and_then(|v| v.trim().parse::<i64>().ok());
            let (Some(page), Some(x0), Some(y0), Some(x1), Some(y1)) = (
                int("page"),
                int("firstX"),
                int("firstY"),
                int("secondX"),
                int("secondY"),
            ) else {
                incoming.refused.push(format!(
                    "a region of {name:?}: its page or corners are not whole numbers"
                ));
                continue;
            };
            let Some(&(w, h)) = usize::try_from(page)
                .ok()
                .and_then(|p| p.checked_sub(1))
                .and_then(|k| sizes.get(k))
            else {
                incoming.refused.push(format!(
                    "a region of {name:?}: its page {page} is not one of the PDF's {} pages",
                    sizes.len()
                ));
                continue;
            };
            // Points from the lower left to fractions from the top left.
            let region = RegionSelector::from_fractions([
                x0 as f32 / w,
                1.0 - y0 as f32 / h,
                x1 as f32 / w,
                1.0 - y1 as f32 / h,
            ]);
            if !region.is_valid() {
                incoming.refused.push(format!(
                    "a region of {name:?} on page {page}: empty or off the page"
                ));
                continue;
            }
            let (tags_here, note) = coded(&sel);
            let guid = sel.attribute("guid").unwrap_or("");
            incoming.notebook.annotations.push(Annotation {
                id: if guid.is_empty() {
                    crate::notes::model::new_id()
                } else {
                    format!("qdpx-{}", guid.trim_matches(|c| c == '{' || c == '}'))
                },
                target: Target::Region {
                    doc: doc_id.clone(),
                    page: page as u32,
                    region,
                },
                note,
                tags: tags_here,
                author: author(&sel),
                created: stamp(&sel),
                modified: stamp(&sel),
                conflict_of: None,
                other_targets: Vec::new(),
            });
        }
    }
    // Notes no passage points at: memos.
    for n in root
        .children()
        .find(|n| named(n, "Notes"))
        .into_iter()
        .flat_map(|ns| ns.children().filter(|n| named(n, "Note")))
    {
        let Some(g) = n.attribute("guid") else {
            continue;
        };
        if used_notes.contains(g) {
            continue;
        }
        let Some(text) = notes.get(g) else { continue };
        incoming.notebook.annotations.push(Annotation {
            id: format!("qdpx-{}", g.trim_matches(|c| c == '{' || c == '}')),
            target: Target::Memo,
            note: text.clone(),
            tags: Vec::new(),
            author: author(&n),
            created: stamp(&n),
            modified: stamp(&n),
            conflict_of: None,
            other_targets: Vec::new(),
        });
    }
    incoming.notebook.tags = tags;
    let mut authors: Vec<String> = incoming
        .notebook
        .annotations
        .iter()
        .map(|a| a.author.clone())
        .filter(|a| !a.is_empty())
        .collect();
    authors.sort();
    authors.dedup();
    incoming.notebook.authors = authors;
    Ok(incoming)
}
