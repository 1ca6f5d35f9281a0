//! `readingroom --corpus DIR search …` straight from the search index: the texts are read and
//! checked against the index's manifest, but nothing is analysed and only the documents the
//! index names are built — the command line's answer in a fraction of a full open. It answers
//! only when the index is exactly up to date and the query needs no one's roles; otherwise
//! (`None`) the caller opens the workspace as usual, which brings the caches up to date.

use super::engine::{Engine, index_dir, index_key};
use super::query::{self, Expr};
use super::{QueryError, SearchOptions, SearchResult};
use crate::analysis::cache::{cache_file, document_key_of, registry_key};
use crate::corpus::{Corpus, Document};
use crate::people::{PeopleIndex, Registry};
use std::path::Path;

fn names_a_person(e: &Expr) -> bool {
    match e {
        Expr::Person(..) => true,
        Expr::And(v) | Expr::Or(v) => v.iter().any(names_a_person),
        Expr::Not(e) => names_a_person(e),
        _ => false,
    }
}

/// Searches a corpus folder from its up-to-date index, or `None` when that cannot be done
/// (no index yet or a stale one, a person filter, the researcher's own documents present).
pub fn search_folder(
    corpus_dir: &Path,
    data_dir: &Path,
    q: &str,
    opts: &SearchOptions,
) -> Option<Result<SearchResult, QueryError>> {
    let expr = match query::parse(q) {
        Ok(Some(e)) => e,
        Ok(None) => return None,
        Err(e) => return Some(Err(e)),
    };
    // A question about notes needs the notebook and the whole library: not answered here.
    if expr.note_field().is_some() {
        return None;
    }
    let user_dir = crate::corpus::user::user_dir(data_dir);
    if names_a_person(&expr) || std::fs::read_dir(&user_dir).is_ok_and(|mut d| d.next().is_some()) {
        return None;
    }
    let cache = cache_file(data_dir, Some(corpus_dir));
    let (catalog, layout, mut texts) =
        crate::corpus::load::read_parts(corpus_dir, Some(&cache.with_extension("catalog.bin")))
            .ok()?;
    if texts.iter().any(Option::is_none) {
        return None;
    }
    let registry = Registry::load_dir(corpus_dir).ok()?;
    let rkey = registry_key(&registry);
    let ids: Vec<usize> = (0..catalog.documents.len()).collect();
    let keys: Vec<u64> = crate::parallel::par_map(&ids, |&i| {
        let meta = &catalog.documents[i];
        let heading = layout
            .documents
            .get(&meta.id)
            .and_then(|l| l.heading.as_deref());
        index_key(
            document_key_of(
                meta,
                heading,
                texts[i].as_ref().map_or(0, |t| t.text.hash()),
            ),
            rkey,
        )
    });
    let docs: Vec<(&str, u64)> = catalog
        .documents
        .iter()
        .zip(&keys)
        .map(|(m, k)| (m.id.as_str(), *k))
        .collect();
    let engine = Engine::open_current(&index_dir(&cache), &docs)?;
    let relevance = opts.order == super::Order::Relevance;
    let (mut candidates, exact) = engine.candidates(&expr, relevance).ok()?;
    let known_total = if exact && opts.count_all {
        let matching: Vec<usize> = candidates.iter().map(|c| c.0).collect();
        engine.count_hits(&expr, &matching)
    } else {
        None
    };
    candidates.sort_by_key(|c| c.0);
    let documents: Vec<Document> = candidates
        .iter()
        .map(|&(i, _)| {
            let meta = catalog.documents[i].clone();
            let l = layout.documents.get(&meta.id).cloned().unwrap_or_default();
            match texts[i].take() {
                Some(t) => {
                    Document::with_text(meta, t.text, t.char_len, l.heading, l.pages, t.editorial)
                }
                None => Document::new(meta, String::new(), l.heading, l.pages, Vec::new(), false),
            }
        })
        .collect();
    let within = Corpus::new(documents, Vec::new());
    let candidates = candidates
        .iter()
        .enumerate()
        .map(|(j, &(_, score))| (j, score))
        .collect();
    Some(Ok(super::evaluate(
        &within,
        &PeopleIndex::default(),
        None,
        &expr,
        super::Candidates {
            list: candidates,
            exact,
            scored: relevance,
            known_total,
            date_rank: None,
        },
        opts,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_the_index_the_same_answers_as_the_workspace_and_none_when_stale() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("a");
        let data = dir.path().join("data");
        crate::corpus::synthetic::write_corpus_dir(&archive, 520, 1200).unwrap();
        // No index yet: no answer from it.
        let opts = SearchOptions::default();
        assert!(search_folder(&archive, &data, "Escambray", &opts).is_none());
        let ws = crate::Workspace::load_with_user_documents(Some(&archive), &data).unwrap();
        assert!(ws.search.has_engine());
        for q in [
            "Escambray",
            "\"cosmonaut of peace\"",
            "Castro NEAR/3 Kennedy",
            "Escambray date:1961-04..1961-06 NOT kind:memoir",
            "Castr* OR Dorticos~",
        ] {
            for order in [
                super::super::Order::Corpus,
                super::super::Order::Date,
                super::super::Order::Relevance,
            ] {
                let opts = SearchOptions {
                    limit: 300,
                    order,
                    count_all: true,
                };
                let direct = search_folder(&archive, &data, q, &opts)
                    .expect("up to date")
                    .unwrap();
                let full = ws.find(q, &opts).unwrap();
                assert_eq!(direct.hits, full.hits, "{q} {order:?}");
                assert_eq!(
                    (direct.total, direct.documents),
                    (full.total, full.documents),
                    "{q}"
                );
            }
        }
        // A person filter needs the analysis: not answered here.
        assert!(search_folder(&archive, &data, "spoke:Castro", &opts).is_none());
        // A text changed since the index was made: stale, not answered.
        let f = archive.join("texts/gen-000007.txt");
        let t = std::fs::read_to_string(&f).unwrap();
        std::fs::write(&f, format!("{t} Escambray")).unwrap();
        assert!(search_folder(&archive, &data, "Escambray", &opts).is_none());
        // A bad query is answered (with where it went wrong).
        assert!(matches!(
            search_folder(&archive, &data, "\"open", &opts),
            Some(Err(_))
        ));
    }
}
