//! The notebook's RON text, written by hand for speed (a 10,000-note notebook serialises in a
//! few milliseconds) and stability: one field per line, the target of a note on one line, so
//! files diff well. `store::parse` reads it back with the `ron` crate; a property test checks
//! that every notebook survives the round trip.
//!
//! Every struct is destructured in full (no `..`): a field added to the model and forgotten
//! here is a compile error, not a field silently dropped on save.

use super::model::{
    AlignmentCorrection, Annotation, Notebook, PositionSelector, QuoteSelector, RegionSelector,
    SavedQuery, Tag, Target, Trashed,
};
use std::fmt::Write;

/// Appends `s` as a RON string literal: runs of plain text are copied at once; quotes,
/// backslashes and control characters (C0, DEL, C1) are escaped.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        // C1 controls are U+0080..U+009F: 0xC2 then 0x80..=0x9F in UTF-8.
        let special = x < 0x20
            || x == b'"'
            || x == b'\\'
            || x == 0x7f
            || (x == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)));
        if !special {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        let c = s[i..].chars().next().unwrap_or('\0');
        escape(out, c);
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// One escaped character of a string literal.
fn escape(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

fn strings(out: &mut String, list: &[String]) {
    out.push('[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, s);
    }
    out.push(']');
}

fn target(out: &mut String, t: &Target) {
    match t {
        Target::Memo => out.push_str("Memo"),
        Target::Document { doc } => {
            out.push_str("Document(doc: ");
            string(out, doc);
            out.push(')');
        }
        Target::Text {
            doc,
            quote:
                QuoteSelector {
                    exact,
                    prefix,
                    suffix,
                },
            position: PositionSelector { start, end },
            text_hash,
        } => {
            out.push_str("Text(doc: ");
            string(out, doc);
            out.push_str(", quote: QuoteSelector(exact: ");
            string(out, exact);
            out.push_str(", prefix: ");
            string(out, prefix);
            out.push_str(", suffix: ");
            string(out, suffix);
            let _ = write!(
                out,
                "), position: PositionSelector(start: {start}, end: {end}), text_hash: "
            );
            string(out, text_hash);
            out.push(')');
        }
        Target::Region {
            doc,
            page,
            region: RegionSelector { x, y, w, h },
        } => {
            out.push_str("Region(doc: ");
            string(out, doc);
            let _ = write!(
                out,
                ", page: {page}, region: RegionSelector(x: {x}, y: {y}, w: {w}, h: {h}))"
            );
        }
    }
}

fn annotation(out: &mut String, a: &Annotation, indent: &str) {
    let Annotation {
        id,
        target: t,
        note,
        tags,
        author,
        created,
        modified,
        conflict_of,
        other_targets,
    } = a;
    let field = |out: &mut String, name: &str| {
        out.push_str(indent);
        out.push_str("    ");
        out.push_str(name);
        out.push_str(": ");
    };
    out.push_str("Annotation(\n");
    field(out, "id");
    string(out, id);
    out.push_str(",\n");
    field(out, "target");
    target(out, t);
    out.push_str(",\n");
    field(out, "note");
    string(out, note);
    out.push_str(",\n");
    field(out, "tags");
    strings(out, tags);
    out.push_str(",\n");
    field(out, "author");
    string(out, author);
    out.push_str(",\n");
    field(out, "created");
    string(out, created);
    out.push_str(",\n");
    field(out, "modified");
    string(out, modified);
    out.push_str(",\n");
    if let Some(c) = conflict_of {
        field(out, "conflict_of");
        out.push_str("Some(");
        string(out, c);
        out.push_str("),\n");
    }
    if !other_targets.is_empty() {
        field(out, "other_targets");
        out.push('[');
        for (i, t) in other_targets.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            target(out, t);
        }
        out.push_str("],\n");
    }
    out.push_str(indent);
    out.push(')');
}

/// The canonical text of a notebook.
pub fn to_text(nb: &Notebook) -> String {
    let Notebook {
        format_version,
        authors,
        tags,
        annotations,
        trash,
        alignments,
        queries,
    } = nb;
    let mut out = String::with_capacity(256 + annotations.len() * 700);
    out.push_str("// Reading Room notebook (RON). Safe to read, diff and back up.\nNotebook(\n");
    let _ = writeln!(out, "    format_version: {format_version},");
    out.push_str("    authors: ");
    strings(&mut out, authors);
    out.push_str(",\n    tags: [\n");
    for Tag {
        name,
        colour,
        parent,
        description,
    } in tags
    {
        out.push_str("        Tag(name: ");
        string(&mut out, name);
        out.push_str(", colour: ");
        string(&mut out, colour);
        if let Some(p) = parent {
            out.push_str(", parent: Some(");
            string(&mut out, p);
            out.push(')');
        }
        if !description.is_empty() {
            out.push_str(", description: ");
            string(&mut out, description);
        }
        out.push_str("),\n");
    }
    out.push_str("    ],\n    annotations: [\n");
    for a in annotations {
        out.push_str("        ");
        annotation(&mut out, a, "        ");
        out.push_str(",\n");
    }
    out.push_str("    ],\n    trash: [\n");
    for Trashed {
        annotation: a,
        deleted,
    } in trash
    {
        out.push_str("        Trashed(\n            annotation: ");
        annotation(&mut out, a, "            ");
        out.push_str(",\n            deleted: ");
        string(&mut out, deleted);
        out.push_str(",\n        ),\n");
    }
    out.push_str("    ],\n    alignments: [\n");
    for AlignmentCorrection {
        a,
        b,
        a_hash,
        b_hash,
        pins,
    } in alignments
    {
        out.push_str("        AlignmentCorrection(a: ");
        string(&mut out, a);
        out.push_str(", b: ");
        string(&mut out, b);
        out.push_str(", a_hash: ");
        string(&mut out, a_hash);
        out.push_str(", b_hash: ");
        string(&mut out, b_hash);
        out.push_str(", pins: [");
        for (i, (pa, pb)) in pins.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let list = |v: &[usize]| {
                v.iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = write!(out, "([{}], [{}])", list(pa), list(pb));
        }
        out.push_str("]),\n");
    }
    out.push_str("    ],\n");
    if !queries.is_empty() {
        out.push_str("    queries: [\n");
        for SavedQuery { name, query } in queries {
            out.push_str("        SavedQuery(name: ");
            string(&mut out, name);
            out.push_str(", query: ");
            string(&mut out, query);
            out.push_str("),\n");
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    out
}
