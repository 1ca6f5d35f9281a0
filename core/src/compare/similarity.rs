//! Lexical similarity of sentences that survives rewording: content words reduced to their
//! Snowball (Porter 2) stem, which joins "indignant"/"indignation", "embraced"/"embrace",
//! a small table of synonyms for the variants two translations of one text use, numbers and
//! names kept whole, and words weighted by rarity (IDF) so that names and rare words count more
//! than "said" or "Cuba".

use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// Function words that carry no content.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "although", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "being", "besides", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "done", "even", "ever", "every", "for", "from", "had",
    "has", "have", "having", "he", "her", "here", "him", "himself", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor",
    "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out",
    "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "though", "through", "to", "too",
    "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "s", "t", "don", "didn",
    "wasn", "hadn", "couldn", "wouldn", "isn", "ll", "ve", "re", "d", "m",
];

/// Groups of words two translators render one original with. Each group maps to its first word.
const SYNONYMS: &[&[&str]] = &[
    &["negro", "black", "blacks", "negroes", "african"],
    &[
        "embrace",
        "enclose",
        "enclosed",
        "embraced",
        "embracing",
        "hug",
    ],
    &[
        "furious",
        "indignant",
        "raging",
        "angry",
        "outraged",
        "indignation",
        "outrage",
    ],
    &["owner", "proprietor"],
    &["thrown", "expelled", "ejected", "evicted"],
    &["hotel", "accommodations", "shelter"],
    &["bodyguard", "bodyguards", "guards", "security"],
    &["newsmen", "journalists", "reporters", "newspapers", "press"],
    &["suite", "rooms"],
    &["tall", "height"],
    &["guerrilla", "partisan"],
    &["telephone", "phone"],
    &["pleasant", "kind", "kindness", "goodness"],
    &["bourgeois", "capitalist", "capitalists"],
    &["brief", "short"],
    &["residence", "home"],
];

/// Snowball's English stemmer, made once.
fn stemmer() -> &'static rust_stemmers::Stemmer {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

fn canonical(word: &str) -> String {
    for group in SYNONYMS {
        if group.contains(&word) {
            return group[0].to_string();
        }
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    stemmer().stem(word).into_owned()
}

/// Words mapped to concepts they share with other words (a thesaurus: WordNet synsets, say),
/// whose concepts join a word's terms.
pub type Thesaurus = HashMap<String, Vec<String>>;

thread_local! {
    /// The thesaurus the aligner consults on this thread (none: the product's aligner; see
    /// [`with_thesaurus`] and docs/ALIGNMENT.md for the evaluation that decided so).
    static THESAURUS: std::cell::RefCell<Option<std::sync::Arc<Thesaurus>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` with a thesaurus: each word it knows adds its concepts (`~id`) to the terms of
/// the sentences that use it, so that two words sharing a concept count as shared content.
/// For measuring a lexical resource against the hand alignments.
pub fn with_thesaurus<R>(thesaurus: std::sync::Arc<Thesaurus>, f: impl FnOnce() -> R) -> R {
    let before = THESAURUS.with(|t| t.replace(Some(thesaurus)));
    let out = f();
    THESAURUS.with(|t| *t.borrow_mut() = before);
    out
}

/// The content terms of a text.
pub fn terms(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .unicode_words()
        .map(crate::search::fold)
        .map(|w| w.trim_end_matches("'s").to_string())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .collect();
    let mut out: Vec<String> = words.iter().map(|w| canonical(w)).collect();
    THESAURUS.with(|t| {
        if let Some(t) = t.borrow().as_ref() {
            for w in &words {
                for c in t.get(w).into_iter().flatten() {
                    out.push(format!("~{c}"));
                }
            }
        }
    });
    out
}

/// Rarity weights of terms over the sentences of both texts.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    idf: HashMap<String, f64>,
    default: f64,
}

impl Weights {
    /// Computes IDF over a collection of term lists (one per sentence).
    pub fn new<'a>(sentences: impl Iterator<Item = &'a Vec<String>>) -> Weights {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut n = 0usize;
        for terms in sentences {
            n += 1;
            let mut seen: Vec<&String> = terms.iter().collect();
            seen.sort();
            seen.dedup();
            for t in seen {
                *df.entry(t.clone()).or_default() += 1;
            }
        }
        let n = n.max(1) as f64;
        let idf = df
            .into_iter()
            .map(|(t, d)| (t, (1.0 + n / d as f64).ln()))
            .collect();
        Weights {
            idf,
            default: (1.0 + n).ln(),
        }
    }

    /// The rarity weight of a term.
    pub fn similarity_weight(&self, term: &str) -> f64 {
        self.idf.get(term).copied().unwrap_or(self.default)
    }

    /// Weighted Dice similarity of two bags of terms, in 0..=1 (used by the tests; the aligner
    /// works on interned bags).
    #[cfg(test)]
    pub fn similarity(&self, a: &[&String], b: &[&String]) -> f64 {
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        for t in a {
            counts.entry(t.as_str()).or_default().0 += 1;
        }
        for t in b {
            counts.entry(t.as_str()).or_default().1 += 1;
        }
        let (mut shared, mut total) = (0.0, 0.0);
        for (t, (x, y)) in counts {
            let w = self.similarity_weight(t);
            shared += 2.0 * w * x.min(y) as f64;
            total += w * (x + y) as f64;
        }
        if total == 0.0 { 0.0 } else { shared / total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewordings_share_terms() {
        let a = terms("We were indignant about the outrage against the Negro hotel.");
        let b = terms("We were furious about this swinish behavior toward the Black district.");
        let w = Weights::new([a.clone(), b.clone()].iter());
        let s = w.similarity(&a.iter().collect::<Vec<_>>(), &b.iter().collect::<Vec<_>>());
        assert!(s > 0.2, "{s}");
        assert!(terms("Castro’s hand").contains(&"castro".to_string()));
        // Snowball stems join inflections without joining unrelated words that begin alike.
        assert_eq!(terms("personally"), terms("person"));
        assert_eq!(terms("aired"), terms("air"));
        assert_ne!(terms("country"), terms("count"));
    }
}
