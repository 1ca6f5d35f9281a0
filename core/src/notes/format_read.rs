//! A fast reader for exactly the RON text [`super::format`] writes (ten times the speed of the
//! general parser on a large notebook). It accepts nothing else: any other layout, field order,
//! escape, comment or unknown field gives `None`, and the general parser (the `ron` crate, with
//! its error positions and unknown-field detection) reads the file instead. A property test
//! checks that whatever this accepts, the general parser reads the same way.

use super::model::{
    AlignmentCorrection, Annotation, Notebook, PositionSelector, QuoteSelector, RegionSelector,
    SavedQuery, Tag, Target, Trashed,
};

struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

type R<T> = Option<T>;

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    fn ws(&mut self) {
        let b = self.bytes();
        while self.at < b.len() && matches!(b[self.at], b' ' | b'\n' | b'\t' | b'\r') {
            self.at += 1;
        }
    }

    fn lit(&mut self, l: &str) -> R<()> {
        self.ws();
        if self.s[self.at..].starts_with(l) {
            self.at += l.len();
            Some(())
        } else {
            None
        }
    }

    fn peek(&mut self, l: &str) -> bool {
        self.ws();
        self.s[self.at..].starts_with(l)
    }

    fn field(&mut self, name: &str) -> R<()> {
        self.lit(name)?;
        self.lit(":")
    }

    /// After a field or an item: `,`, or else the closing bracket must follow (a trailing comma
    /// before it is allowed, as in RON).
    fn sep(&mut self, close: &str) -> R<()> {
        if self.lit(",").is_some() || self.peek(close) {
            Some(())
        } else {
            None
        }
    }

    fn number(&mut self) -> R<usize> {
        self.ws();
        let b = self.bytes();
        let start = self.at;
        let mut n: usize = 0;
        while self.at < b.len() && b[self.at].is_ascii_digit() {
            n = n
                .checked_mul(10)?
                .checked_add(usize::from(b[self.at] - b'0'))?;
            self.at += 1;
        }
        (self.at > start).then_some(n)
    }

    fn string(&mut self) -> R<String> {
        self.ws();
        let b = self.bytes();
        if b.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = String::new();
        let mut run = self.at;
        loop {
            let c = *b.get(self.at)?;
            match c {
                b'"' => {
                    out.push_str(&self.s[run..self.at]);
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(&self.s[run..self.at]);
                    let e = *b.get(self.at + 1)?;
                    self.at += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            if b.get(self.at) != Some(&b'{') {
                                return None;
                            }
                            let close = self.s[self.at..].find('}')? + self.at;
                            let hex = &self.s[self.at + 1..close];
                            if hex.is_empty() || hex.len() > 6 {
                                return None;
                            }
                            out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                            self.at = close + 1;
                        }
                        _ => return None,
                    }
                    run = self.at;
                }
                // The writer escapes control characters; a raw one is not its text.
                c if c < 0x20 || c == 0x7f => return None,
                _ => self.at += 1,
            }
        }
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> R<T>) -> R<Vec<T>> {
        self.lit("[")?;
        let mut out = Vec::new();
        loop {
            if self.peek("]") {
                self.at += 1;
                return Some(out);
            }
            out.push(item(self)?);
            self.sep("]")?;
        }
    }

    fn strings(&mut self) -> R<Vec<String>> {
        self.list(|c| c.string())
    }

    fn target(&mut self) -> R<Target> {
        if self.peek("Memo") {
            self.at += 4;
            return Some(Target::Memo);
        }
        if self.peek("Document(") {
            self.at += 9;
            self.field("doc")?;
            let doc = self.string()?;
            self.sep(")")?;
            self.lit(")")?;
            return Some(Target::Document { doc });
        }
        if self.peek("Region(") {
            self.at += 7;
            self.field("doc")?;
            let doc = self.string()?;
            self.sep(")")?;
            self.field("page")?;
            let page = u32::try_from(self.number()?).ok()?;
            self.sep(")")?;
            self.field("region")?;
            self.lit("RegionSelector(")?;
            let mut v = [0u32; 4];
            for (k, name) in ["x", "y", "w", "h"].iter().enumerate() {
                self.field(name)?;
                v[k] = u32::try_from(self.number()?).ok()?;
                self.sep(")")?;
            }
            self.lit(")")?;
            self.sep(")")?;
            self.lit(")")?;
            let [x, y, w, h] = v;
            return Some(Target::Region {
                doc,
                page,
                region: RegionSelector { x, y, w, h },
            });
        }
        self.lit("Text(")?;
        self.field("doc")?;
        let doc = self.string()?;
        self.sep(")")?;
        self.field("quote")?;
        self.lit("QuoteSelector(")?;
        self.field("exact")?;
        let exact = self.string()?;
        self.sep(")")?;
        self.field("prefix")?;
        let prefix = self.string()?;
        self.sep(")")?;
        self.field("suffix")?;
        let suffix = self.string()?;
        self.sep(")")?;
        self.lit(")")?;
        self.sep(")")?;
        self.field("position")?;
        self.lit("PositionSelector(")?;
        self.field("start")?;
        let start = self.number()?;
        self.sep(")")?;
        self.field("end")?;
        let end = self.number()?;
        self.sep(")")?;
        self.lit(")")?;
        self.sep(")")?;
        self.field("text_hash")?;
        let text_hash = self.string()?;
        self.sep(")")?;
        self.lit(")")?;
        Some(Target::Text {
            doc,
            quote: QuoteSelector {
                exact,
                prefix,
                suffix,
            },
            position: PositionSelector { start, end },
            text_hash,
        })
    }

    fn annotation(&mut self) -> R<Annotation> {
        self.lit("Annotation(")?;
        self.field("id")?;
        let id = self.string()?;
        self.sep(")")?;
        self.field("target")?;
        let target = self.target()?;
        self.sep(")")?;
        self.field("note")?;
        let note = self.string()?;
        self.sep(")")?;
        self.field("tags")?;
        let tags = self.strings()?;
        self.sep(")")?;
        self.field("author")?;
        let author = self.string()?;
        self.sep(")")?;
        self.field("created")?;
        let created = self.string()?;
        self.sep(")")?;
        self.field("modified")?;
        let modified = self.string()?;
        self.sep(")")?;
        let conflict_of = if self.peek("conflict_of") {
            self.field("conflict_of")?;
            self.lit("Some(")?;
            let c = self.string()?;
            self.lit(")")?;
            self.sep(")")?;
            Some(c)
        } else {
            None
        };
        let other_targets = if self.peek("other_targets") {
            self.field("other_targets")?;
            let list = self.list(|c| c.target())?;
            self.sep(")")?;
            list
        } else {
            Vec::new()
        };
        self.lit(")")?;
        Some(Annotation {
            id,
            target,
            note,
            tags,
            author,
            created,
            modified,
            conflict_of,
            other_targets,
        })
    }

    fn notebook(&mut self) -> R<Notebook> {
        // The writer's one comment line comes first.
        self.ws();
        if self.peek("//") {
            self.at += self.s[self.at..].find('\n')? + 1;
        }
        self.lit("Notebook(")?;
        self.field("format_version")?;
        let format_version = u32::try_from(self.number()?).ok()?;
        self.sep(")")?;
        self.field("authors")?;
        let authors = self.strings()?;
        self.sep(")")?;
        self.field("tags")?;
        let tags = self.list(|c| {
            c.lit("Tag(")?;
            c.field("name")?;
            let name = c.string()?;
            c.sep(")")?;
            c.field("colour")?;
            let colour = c.string()?;
            c.sep(")")?;
            let parent = if c.peek("parent") {
                c.field("parent")?;
                c.lit("Some(")?;
                let p = c.string()?;
                c.lit(")")?;
                c.sep(")")?;
                Some(p)
            } else {
                None
            };
            let description = if c.peek("description") {
                c.field("description")?;
                let d = c.string()?;
                c.sep(")")?;
                d
            } else {
                String::new()
            };
            c.lit(")")?;
            Some(Tag {
                name,
                colour,
                parent,
                description,
            })
        })?;
        self.sep(")")?;
        self.field("annotations")?;
        let annotations = self.list(|c| c.annotation())?;
        self.sep(")")?;
        self.field("trash")?;
        let trash = self.list(|c| {
            c.lit("Trashed(")?;
            c.field("annotation")?;
            let annotation = c.annotation()?;
            c.sep(")")?;
            c.field("deleted")?;
            let deleted = c.string()?;
            c.sep(")")?;
            c.lit(")")?;
            Some(Trashed {
                annotation,
                deleted,
            })
        })?;
        self.sep(")")?;
        self.field("alignments")?;
        let alignments = self.list(|c| {
            c.lit("AlignmentCorrection(")?;
            c.field("a")?;
            let a = c.string()?;
            c.sep(")")?;
            c.field("b")?;
            let b = c.string()?;
            c.sep(")")?;
            c.field("a_hash")?;
            let a_hash = c.string()?;
            c.sep(")")?;
            c.field("b_hash")?;
            let b_hash = c.string()?;
            c.sep(")")?;
            c.field("pins")?;
            let pins = c.list(|c| {
                c.lit("(")?;
                let x = c.list(|c| c.number())?;
                c.sep(")")?;
                let y = c.list(|c| c.number())?;
                c.sep(")")?;
                c.lit(")")?;
                Some((x, y))
            })?;
            c.sep(")")?;
            c.lit(")")?;
            Some(AlignmentCorrection {
                a,
                b,
                a_hash,
                b_hash,
                pins,
            })
        })?;
        self.sep(")")?;
        let queries = if self.peek("queries") {
            self.field("queries")?;
            let q = self.list(|c| {
                c.lit("SavedQuery(")?;
                c.field("name")?;
                let name = c.string()?;
                c.sep(")")?;
                c.field("query")?;
                let query = c.string()?;
                c.sep(")")?;
                c.lit(")")?;
                Some(SavedQuery { name, query })
            })?;
            self.sep(")")?;
            q
        } else {
            Vec::new()
        };
        self.lit(")")?;
        self.ws();
        (self.at == self.s.len()).then_some(Notebook {
            format_version,
            authors,
            tags,
            annotations,
            trash,
            alignments,
            queries,
        })
    }
}

/// Reads a notebook written by [`super::format::to_text`]; `None` for any other text.
pub fn read(text: &str) -> Option<Notebook> {
    Cursor { s: text, at: 0 }.notebook()
}
