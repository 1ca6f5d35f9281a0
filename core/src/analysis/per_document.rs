//! [`PerDocument`]: something derived for each document (its mentions, its speakers), by
//! document id; kept packed as the cache stored it and decoded the first time it is asked for,
//! so a large archive opens without decoding (and holding) every document's analysis.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// What each document has, by document id, in id order.
pub struct PerDocument<T> {
    slots: BTreeMap<String, Slot<T>>,
    /// Decodes a packed value; given the packed bytes and the document's length in chars
    /// (nothing may lie beyond it).
    decode: Option<fn(&[u8], usize) -> T>,
}

struct Slot<T> {
    value: OnceLock<T>,
    /// The packed value and the document's length in chars, until decoded.
    packed: Option<(super::Packed, usize)>,
}

impl<T> Default for PerDocument<T> {
    fn default() -> Self {
        PerDocument {
            slots: BTreeMap::new(),
            decode: None,
        }
    }
}

impl<T: Default> PerDocument<T> {
    /// Sets a document's value.
    pub fn insert(&mut self, id: String, value: T) {
        self.slots.insert(
            id,
            Slot {
                value: OnceLock::from(value),
                packed: None,
            },
        );
    }

    /// Sets a document's value as packed bytes, which `decode` decodes when first asked for.
    pub(crate) fn insert_packed(
        &mut self,
        id: String,
        bytes: super::Packed,
        char_len: usize,
        decode: fn(&[u8], usize) -> T,
    ) {
        self.decode = Some(decode);
        self.slots.insert(
            id,
            Slot {
                value: OnceLock::new(),
                packed: Some((bytes, char_len)),
            },
        );
    }

    fn value<'a>(&'a self, slot: &'a Slot<T>) -> &'a T {
        slot.value
            .get_or_init(|| match (&slot.packed, self.decode) {
                (Some((bytes, len)), Some(decode)) => decode(bytes.as_slice(), *len),
                _ => T::default(),
            })
    }

    /// A document's value.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.slots.get(id).map(|s| self.value(s))
    }

    /// Whether the document has a value.
    pub fn contains_key(&self, id: &str) -> bool {
        self.slots.contains_key(id)
    }

    /// Every document's value, in id order (decoding those not decoded yet).
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.slots.iter().map(|(id, s)| (id, self.value(s)))
    }

    /// Every value, in id order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.slots.values().map(|s| self.value(s))
    }

    /// The document ids, in order (decoding nothing).
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.slots.keys()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// How many values are decoded (held) now.
    pub fn decoded(&self) -> usize {
        self.slots
            .values()
            .filter(|s| s.value.get().is_some())
            .count()
    }
}

/// Decodes one part of a packed [`super::DocumentDetail`]; what cannot be decoded, or lies
/// outside the document, is left out (with a warning: the cache is checksummed and keyed by the
/// document's content, so this means a bug, not a user's mistake).
pub(crate) fn decode_part<T: Default>(
    bytes: &[u8],
    char_len: usize,
    part: impl FnOnce(super::DocumentDetail) -> T,
) -> T {
    match postcard::from_bytes::<super::DocumentDetail>(bytes) {
        Ok(detail) if detail.fits(char_len) => part(detail),
        _ => {
            eprintln!("warning: a cached analysis did not fit its document and was left out");
            T::default()
        }
    }
}

impl<T: Default + Clone> Clone for PerDocument<T> {
    fn clone(&self) -> Self {
        PerDocument {
            slots: self
                .slots
                .iter()
                .map(|(id, s)| {
                    (
                        id.clone(),
                        Slot {
                            value: s.value.clone(),
                            packed: s.packed.clone(),
                        },
                    )
                })
                .collect(),
            decode: self.decode,
        }
    }
}

impl<T: Default + PartialEq> PartialEq for PerDocument<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<T: Default + fmt::Debug> fmt::Debug for PerDocument<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<T: Default> std::ops::Index<&str> for PerDocument<T> {
    type Output = T;
    fn index(&self, id: &str) -> &T {
        match self.get(id) {
            Some(v) => v,
            None => panic!("no document {id:?}"),
        }
    }
}

impl<T: Default> std::ops::Index<&String> for PerDocument<T> {
    type Output = T;
    fn index(&self, id: &String) -> &T {
        &self[id.as_str()]
    }
}

impl<T: Default> FromIterator<(String, T)> for PerDocument<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        let mut out = PerDocument::default();
        for (id, v) in iter {
            out.insert(id, v);
        }
        out
    }
}
