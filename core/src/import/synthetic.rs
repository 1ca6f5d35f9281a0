//! A generated FRUS-shaped TEI volume (the markup of `tests/fixtures/import/frus-shaped-volume.xml`,
//! the paper's sentences recombined), for benchmarks and scale tests of the TEI importer.

/// Escapes text for XML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A volume of `documents` documents of about `bytes` bytes of text each.
pub fn frus_volume(documents: usize, bytes: usize) -> String {
    let corpus = crate::corpus::Corpus::embedded();
    let sentences: Vec<String> = corpus
        .documents
        .iter()
        .flat_map(|d| {
            d.text
                .split(". ")
                .map(|s| s.trim().replace('\n', " "))
                .filter(|s| s.len() > 40)
                .map(|s| format!("{s}."))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out = String::with_capacity(documents * (bytes + 800));
    out.push_str(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0">
<teiHeader><fileDesc><titleStmt><title type="complete">Foreign Relations of the United States, Generated Volume</title></titleStmt></fileDesc></teiHeader>
<text><front><div type="section" xml:id="persons"><list>
<item><hi rend="strong"><persName xml:id="p_CRF1">Castro Ruz, Fidel</persName>,</hi> Prime Minister of Cuba</item>
<item><hi rend="strong"><persName xml:id="p_KNS1">Khrushchev, Nikita S.</persName>,</hi> Chairman of the Council of Ministers</item>
<item><hi rend="strong"><persName xml:id="p_BPW1">Bonsal, Philip W.</persName>,</hi> Ambassador to Cuba</item>
</list></div></front><body>
"#,
    );
    let mut s = 0usize;
    let mut page = 1;
    for n in 1..=documents {
        let day = (n % 28) + 1;
        let month = (n / 28) % 12 + 1;
        let year = 1961 + n / (28 * 12);
        if n % 2 == 1 {
            out.push_str(&format!("<pb n=\"{page}\" facs=\"{page:04}\"/>\n"));
            page += 1;
        }
        out.push_str(&format!(
            "<div type=\"document\" subtype=\"historical-document\" n=\"{n}\" xml:id=\"d{n}\" frus:doc-dateTime-min=\"{year}-{month:02}-{day:02}T10:00:00-05:00\" frus:doc-dateTime-max=\"{year}-{month:02}-{day:02}T10:00:00-05:00\">\n<head>{n}. Memorandum of Conversation<note n=\"0\" type=\"source\">Source: Department of State, Central Files, 737.00/{month}–{day}{}. Secret.</note></head>\n<list type=\"participants\"><item><persName corresp=\"#p_BPW1\">Ambassador Bonsal</persName></item><item><persName corresp=\"#p_CRF1\">Fidel Castro</persName></item></list>\n",
            year % 100
        ));
        let mut written = 0;
        while written < bytes {
            out.push_str("<p>");
            for _ in 0..4 {
                let sentence = &sentences[s % sentences.len()];
                s += 1;
                let text = escape(sentence).replacen(
                    "Castro",
                    "<persName corresp=\"#p_CRF1\">Castro</persName>",
                    1,
                );
                written += sentence.len() + 1;
                out.push_str(&text);
                out.push(' ');
            }
            out.push_str("</p>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</body></text></TEI>\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_generated_volume_imports_as_that_many_documents() {
        let xml = super::frus_volume(20, 2_000);
        let docs = crate::import::formats::tei::Tei;
        let docs = crate::import::extract_in_process(&docs, xml.as_bytes()).unwrap();
        assert_eq!(docs.len(), 20);
        assert!(
            docs.iter()
                .all(|d| d.text.len() > 2_000 && d.present.len() == 2)
        );
        assert_eq!(docs[19].meta.number.as_deref(), Some("20"));
    }
}
