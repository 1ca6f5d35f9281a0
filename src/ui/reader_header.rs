//! The reader's header: title, date, kind, author/recorder, addressee, classification, archival
//! citation, translator, the Wilson Center link, and the paper's own anomalies.

use crate::Workspace;

/// What the header asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderEvent {
    /// Open the original file of an imported document.
    OpenOriginal,
    /// Replace the text of one of the researcher's documents.
    ReplaceText,
    /// Edit the details of one of the researcher's documents.
    EditDetails,
    /// Make an editable copy of one of the paper's documents.
    CopyToEdit,
}

/// Draws the header of a document.
pub fn show(ui: &mut egui::Ui, ws: &Workspace, doc_index: usize) -> Option<HeaderEvent> {
    let doc = &ws.corpus.documents[doc_index];
    let m = &doc.meta;
    ui.heading(&m.title);
    let mut facts = Vec::new();
    if let Some(d) = &m.date {
        facts.push(d.long_form());
    }
    if let Some(d) = &m.event_date {
        facts.push(format!("recounts {}", d.long_form()));
    }
    facts.push(m.kind.label().to_string());
    if let Some(p) = m.part {
        facts.push(p.label().to_string());
    }
    if let Some(y) = m.published {
        facts.push(format!("published {y}"));
    }
    ui.label(facts.join(" · "));
    // Who and where, at a glance.
    let mut who = Vec::new();
    if let Some(r) = m.recorder.as_deref().or(m.author.as_deref()) {
        let verb = if m.recorder.is_some() {
            "Recorded by"
        } else {
            "By"
        };
        who.push(format!("{verb} {}", ws.person_name(r)));
    }
    if let Some(a) = &m.addressee {
        who.push(format!("to {}", ws.person_name(a)));
    }
    if let Some(c) = &m.classification {
        who.push(c.clone());
    }
    if let Some(c) = m
        .citation_verbatim
        .as_ref()
        .or(m.publication.as_ref().map(|p| &p.verbatim))
    {
        who.push(c.clone());
    }
    if let Some(t) = &m.translator {
        who.push(format!("trans. {t}"));
    }
    if !who.is_empty() {
        ui.add(egui::Label::new(egui::RichText::new(who.join(" · ")).small()).wrap());
    }
    egui::CollapsingHeader::new("Source and details")
        .id_salt(("header", doc_index))
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new(("facts", doc_index))
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    let mut row = |k: &str, v: Option<String>| {
                        if let Some(v) = v.filter(|v| !v.is_empty()) {
                            ui.label(egui::RichText::new(k).weak());
                            ui.add(egui::Label::new(v).wrap());
                            ui.end_row();
                        }
                    };
                    let person =
                        |id: &Option<String>| id.as_deref().map(|p| ws.person_name(p).to_string());
                    row("Author", person(&m.author));
                    row("Recorded by", person(&m.recorder));
                    row("Addressee", person(&m.addressee));
                    row("Classification", m.classification.clone());
                    row("Copy", m.copy_no.clone());
                    row("Outgoing Nº", m.outgoing_no.clone());
                    row(
                        "Journal date",
                        m.journal_date.as_ref().map(|d| d.long_form()),
                    );
                    row("Archival citation", m.citation_verbatim.clone());
                    row(
                        "Published in",
                        m.publication.as_ref().map(|p| p.verbatim.clone()),
                    );
                    row("Translator", m.translator.clone());
                    row("Place", m.place.clone());
                    row("Language", m.language.clone());
                    row("Collection", m.collection.clone());
                    row("Editor’s heading", doc.heading.clone());
                    for a in &m.anomalies {
                        row("Note on the source", Some(a.clone()));
                    }
                });
        });
    let mut event = None;
    // Wrapped: at a narrow width the buttons go to a second line rather than widening the
    // reader past its panel.
    ui.horizontal_wrapped(|ui| {
        if let Some(url) = &m.url {
            let label = if url.contains("digitalarchive.wilsoncenter.org") {
                "Open in the Wilson Center Digital Archive"
            } else {
                "Open the page this came from"
            };
            ui.hyperlink_to(label, url);
        }
        if let Some(original) = &doc.original {
            let name = original
                .extension()
                .map_or("file".to_string(), |e| e.to_string_lossy().to_uppercase());
            if ui
                .button(format!("Open original ({name})"))
                .on_hover_text(format!(
                    "The file this document was imported from, at the page you are reading (a PDF), as kept in your documents folder: {}",
                    original.display()
                ))
                .clicked()
            {
                event = Some(HeaderEvent::OpenOriginal);
            }
        }
        if doc.user_added
            && ui
                .button("Edit details…")
                .on_hover_text("Title, date, author, place, archival reference, collection, people present")
                .clicked()
        {
            event = Some(HeaderEvent::EditDetails);
        }
        if !doc.user_added
            && ui
                .button("Copy to edit…")
                .on_hover_text(
                    "The paper's documents are read-only: make your own copy (text, pages and footnotes) whose details and text you can edit; your notes on this one stay here",
                )
                .clicked()
        {
            event = Some(HeaderEvent::CopyToEdit);
        }
        if doc.user_added
            && ui
                .button("Replace text…")
                .on_hover_text(
                    "Take the text again from the original (a better extractor) or from another file (a better scan, a corrected transcription); your notes stay and re-anchor",
                )
                .clicked()
        {
            event = Some(HeaderEvent::ReplaceText);
        }
    });
    event
}
