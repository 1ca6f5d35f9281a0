//! A streaming XML reader for the parts of DOCX and ODT files (quick-xml underneath): local
//! names, attributes as strings, text with the five predefined entities and character
//! references resolved. A DTD is refused (no entity can expand), and so is nesting deeper than
//! [`MAX_DEPTH`].

use super::ImportError;
use quick_xml::events::Event;

/// Deepest element nesting read.
pub const MAX_DEPTH: usize = 512;

/// One thing in the XML, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlEvent {
    /// An element begins (an empty element gives `Start` then `End`).
    Start {
        /// Its local name (`p` for `w:p`).
        name: String,
        /// Its attributes: local name and value.
        attrs: Vec<(String, String)>,
    },
    /// An element ends.
    End(String),
    /// Character data.
    Text(String),
}

impl XmlEvent {
    /// An attribute of a `Start`, by local name.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            XmlEvent::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    match s.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => s.into_owned(),
    }
}

fn start(e: &quick_xml::events::BytesStart<'_>, part: &str) -> Result<XmlEvent, ImportError> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| damaged(part, &err.to_string()))?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| damaged(part, &err.to_string()))?;
        attrs.push((local(a.key.as_ref()), value.into_owned()));
    }
    Ok(XmlEvent::Start {
        name: local(e.name().as_ref()),
        attrs,
    })
}

fn damaged(part: &str, what: &str) -> ImportError {
    ImportError::Damaged(format!("{part} is not well-formed XML: {what}"))
}

/// Reads a whole XML part into events, calling `each` for every one; stops at the first error.
pub fn for_each_event(
    xml: &str,
    part: &str,
    mut each: impl FnMut(XmlEvent) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| damaged(part, &e.to_string()))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::TooLarge(format!(
                        "{part} nests elements more than {MAX_DEPTH} deep"
                    )));
                }
                each(start(&e, part)?)?;
            }
            Event::Empty(e) => {
                let s = start(&e, part)?;
                let name = match &s {
                    XmlEvent::Start { name, .. } => name.clone(),
                    _ => String::new(),
                };
                each(s)?;
                each(XmlEvent::End(name))?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                each(XmlEvent::End(local(e.name().as_ref())))?;
            }
            Event::Text(t) => {
                let s = t.decode().map_err(|e| damaged(part, &e.to_string()))?;
                each(XmlEvent::Text(s.into_owned()))?;
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| damaged(part, &e.to_string()))?;
                each(XmlEvent::Text(s.into_owned()))?;
            }
            Event::GeneralRef(r) => {
                if let Some(c) = r
                    .resolve_char_ref()
                    .map_err(|e| damaged(part, &e.to_string()))?
                {
                    each(XmlEvent::Text(c.to_string()))?;
                } else {
                    let name = r.decode().map_err(|e| damaged(part, &e.to_string()))?;
                    let c = match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => {
                            return Err(damaged(
                                part,
                                &format!("it uses the entity &{other}; which it does not define"),
                            ));
                        }
                    };
                    each(XmlEvent::Text(c.to_string()))?;
                }
            }
            Event::DocType(_) => {
                return Err(ImportError::Damaged(format!(
                    "{part} declares a DTD; refused, since its entities could expand without bound or reach outside the file"
                )));
            }
            Event::Eof => return Ok(()),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<XmlEvent>, ImportError> {
        let mut out = Vec::new();
        for_each_event(xml, "test.xml", |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn names_are_local_and_entities_resolved() {
        let e =
            events(r#"<w:p a:x="1 &amp; 2"><w:t>Roa &#x26; Castro &lt;&gt;</w:t><w:br/></w:p>"#)
                .unwrap();
        assert_eq!(e[0].attr("x"), Some("1 & 2"));
        let text: String = e
            .iter()
            .filter_map(|e| match e {
                XmlEvent::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "Roa & Castro <>");
        assert!(e.contains(&XmlEvent::End("br".into())));
    }

    #[test]
    fn dtds_unknown_entities_and_deep_nesting_are_refused() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>"#;
        assert!(matches!(events(laughs), Err(ImportError::Damaged(m)) if m.contains("DTD")));
        assert!(events("<a>&nbsp;</a>").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(matches!(events(&deep), Err(ImportError::TooLarge(_))));
        assert!(events("<a><b></a>").is_err());
    }
}
