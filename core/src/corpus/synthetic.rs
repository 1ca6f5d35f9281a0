//! A generated archive for benchmarks and scale tests: `n` documents of about `bytes` each, in
//! the corpus-directory format, made from the paper's real texts and metadata (so they keep the
//! curly quotes, accents, names, speakers and participants), with the real people registry.
//! Without the registry and participants the analysis would cost nothing and prove nothing.

use super::{Corpus, Kind};
use std::io;
use std::path::Path;

/// Writes `dir/catalog.ron`, `dir/layout.ron`, `dir/people.ron` and `dir/texts/*.txt`.
///
/// Document `i` takes the metadata of one of the paper's records, memoirs or testimony (kind,
/// author, recorder, addressee), a date spread over 1960-61, and a text that starts with that
/// document's own opening (its heading names who was present) and goes on with paragraphs of
/// the other texts until it is about `bytes` long.
pub fn write_corpus_dir(dir: &Path, n: usize, bytes: usize) -> io::Result<()> {
    let real = Corpus::embedded();
    let bases: Vec<_> = real
        .documents
        .iter()
        .filter(|d| d.meta.kind != Kind::Commentary)
        .collect();
    let paragraphs: Vec<&str> = real
        .documents
        .iter()
        .flat_map(|d| d.text.split("\n\n"))
        .filter(|p| !p.trim().is_empty())
        .collect();
    std::fs::create_dir_all(dir.join("texts"))?;
    let mut catalog = String::from("Catalog(documents: [\n");
    let mut layout = String::from("Layout(documents: {\n");
    let mut next_paragraph = 0usize;
    for i in 0..n {
        let base = bases[i % bases.len()];
        let id = format!("gen-{i:06}");
        let mut text = String::with_capacity(bytes + 4096);
        for p in base.text.split("\n\n").take(3) {
            text.push_str(p);
            text.push_str("\n\n");
        }
        while text.len() < bytes {
            text.push_str(paragraphs[next_paragraph % paragraphs.len()]);
            text.push_str("\n\n");
            next_paragraph += 7;
        }
        text.push_str(&format!("Document number {i}."));
        std::fs::write(dir.join("texts").join(format!("{id}.txt")), &text)?;
        let mut meta = base.meta.clone();
        meta.id = id.clone();
        meta.title = format!("{} (copy {i})", base.meta.title);
        meta.short_title = format!("{} ({i})", base.meta.short_title);
        meta.source_lines = None;
        meta.date = super::DocDate::parse(&format!(
            "{}-{:02}-{:02}",
            1960 + (i / 336) % 2,
            1 + (i / 28) % 12,
            1 + i % 28
        ))
        .ok();
        let entry = ron::ser::to_string(&meta).map_err(io::Error::other)?;
        catalog.push_str(&entry);
        catalog.push_str(",\n");
        layout.push_str(&format!(
            "{id:?}: (pages: [(at: 0, page: {})]),\n",
            1 + i % 49
        ));
    }
    catalog.push_str("])\n");
    layout.push_str("}, footnotes: [])\n");
    std::fs::write(dir.join("catalog.ron"), catalog)?;
    std::fs::write(dir.join("layout.ron"), layout)?;
    std::fs::write(dir.join("people.ron"), super::load::EMBEDDED_PEOPLE)?;
    Ok(())
}

/// Appends words to a document's text (for tests that edit a document).
#[cfg(test)]
pub(crate) fn append_text(doc: &mut super::Document, more: &str) {
    *doc = super::Document::new(
        doc.meta.clone(),
        format!("{}{more}", doc.text),
        doc.heading.clone(),
        doc.pages.clone(),
        doc.editorial.clone(),
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_archive_loads_with_its_people() {
        let dir = tempfile::tempdir().unwrap();
        write_corpus_dir(dir.path(), 40, 3000).unwrap();
        let ws = crate::Workspace::load(Some(dir.path())).unwrap();
        assert_eq!(ws.corpus.documents.len(), 40);
        assert!(ws.corpus.documents.iter().all(|d| d.text.len() >= 3000));
        let with_speakers = ws
            .speakers
            .speakers_by_document()
            .values()
            .filter(|s| !s.is_empty())
            .count();
        assert!(
            with_speakers > 30,
            "{with_speakers} documents have speakers"
        );
    }
}
