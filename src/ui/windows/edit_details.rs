//! Edit details: the metadata of one of the researcher's documents (title, kind, date, author,
//! recipient, recorder, place, language, the archival reference in its parts, translator,
//! address, collection, people present), checked before it is saved. The paper's documents
//! are read-only (they can be copied to edit).

use crate::corpus::{ArchivalReference, DocDate, DocumentMeta, Kind};

/// How an archive numbers its holdings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scheme {
    /// fond / opis / papka / delo / listy (Russian and Soviet archives).
    #[default]
    Fond,
    /// record group / box / folder (NARA and other Western archives).
    RecordGroup,
}

/// The form, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailsForm {
    /// The document's metadata when the form opened.
    pub original: Option<DocumentMeta>,
    /// Title.
    pub title: String,
    /// Short title (repeated citations).
    pub short_title: String,
    /// What kind of document it is.
    pub kind: Option<Kind>,
    /// Date as typed (anything `DocDate::parse` reads).
    pub date: String,
    /// Author, as written.
    pub author: String,
    /// To whom it was addressed.
    pub recipient: String,
    /// Who recorded it.
    pub recorder: String,
    /// Place written.
    pub place: String,
    /// Language.
    pub language: String,
    /// The archive ("AVP RF", "NARA").
    pub archive: String,
    /// How the archive numbers its holdings.
    pub scheme: Scheme,
    /// Parts of the reference: f., op., p., d., ll. (or RG, box, folder in the first three).
    pub parts: [String; 5],
    /// The citation as printed, when the parts do not say it.
    pub citation: String,
    /// Translator.
    pub translator: String,
    /// Address online.
    pub url: String,
    /// Collection.
    pub collection: String,
    /// People present, separated by commas.
    pub present: String,
    /// Why the last Save did not happen.
    pub error: Option<String>,
}

/// What the form asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailsEvent {
    /// Save these details.
    Save(Box<DocumentMeta>),
    /// Closed without saving.
    Close,
}

/// The labels of the parts of a reference, by scheme.
fn part_labels(scheme: Scheme) -> &'static [&'static str] {
    match scheme {
        Scheme::Fond => &[
            "f. (fond)",
            "op. (opis)",
            "p. (papka)",
            "d. (delo)",
            "ll. (listy)",
        ],
        Scheme::RecordGroup => &["RG (record group)", "Box", "Folder"],
    }
}

impl DetailsForm {
    /// A form showing a document's details, people by name (`name` gives a registry id's
    /// name). A reference written out in the usual way ("AVP RF, f. 0104, …") opens in its
    /// parts.
    pub fn of(meta: &DocumentMeta, name: &dyn Fn(&str) -> String) -> DetailsForm {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        let person = |o: &Option<String>| o.as_deref().map(name).unwrap_or_default();
        let mut citation = s(&meta.citation_verbatim);
        let archival = meta.archival.clone().or_else(|| {
            let parsed = ArchivalReference::parse(&citation)?;
            citation.clear();
            Some(parsed)
        });
        let mut form = DetailsForm {
            original: Some(meta.clone()),
            title: meta.title.clone(),
            short_title: meta.short_title.clone(),
            kind: Some(meta.kind),
            date: meta
                .date
                .as_ref()
                .map(|d| d.as_str().to_string())
                .unwrap_or_default(),
            author: person(&meta.author),
            recipient: person(&meta.addressee),
            recorder: person(&meta.recorder),
            place: s(&meta.place),
            language: s(&meta.language),
            citation,
            translator: s(&meta.translator),
            url: s(&meta.url),
            collection: s(&meta.collection),
            present: meta
                .present
                .iter()
                .map(|p| name(p))
                .collect::<Vec<_>>()
                .join(", "),
            ..DetailsForm::default()
        };
        if let Some(a) = archival {
            form.archive = a.archive.clone();
            if a.record_group.is_some() || a.box_no.is_some() || a.folder.is_some() {
                form.scheme = Scheme::RecordGroup;
                form.parts = [
                    s(&a.record_group),
                    s(&a.box_no),
                    s(&a.folder),
                    "".into(),
                    "".into(),
                ];
            } else {
                form.parts = [a.fond, a.opis, s(&a.papka), a.delo, a.listy];
            }
        }
        form
    }

    /// The reference in its parts, or what is missing from it.
    fn archival(&self) -> Result<Option<ArchivalReference>, String> {
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let archive = self.archive.trim().to_string();
        let count = part_labels(self.scheme).len();
        let parts: Vec<Option<String>> = self.parts[..count].iter().map(|p| given(p)).collect();
        if parts.iter().all(Option::is_none) {
            return Ok(given(&archive).map(|archive| ArchivalReference {
                archive,
                ..ArchivalReference::default()
            }));
        }
        if archive.is_empty() {
            return Err(
                "Archival reference: name the archive (e.g. AVP RF, NARA) before its parts.".into(),
            );
        }
        let reference = match self.scheme {
            Scheme::Fond => {
                if parts[0].is_none() {
                    return Err(
                        "Archival reference: the fond (f.) is needed with opis, papka, delo or listy."
                            .into(),
                    );
                }
                let part = |i: usize| parts[i].clone().unwrap_or_default();
                ArchivalReference {
                    archive,
                    fond: part(0),
                    opis: part(1),
                    papka: parts[2].clone(),
                    delo: part(3),
                    listy: part(4),
                    ..ArchivalReference::default()
                }
            }
            Scheme::RecordGroup => ArchivalReference {
                archive,
                record_group: parts[0].clone(),
                box_no: parts[1].clone(),
                folder: parts[2].clone(),
                ..ArchivalReference::default()
            },
        };
        Ok(Some(reference))
    }

    /// The edited metadata, or what is wrong with it.
    pub fn meta(&self) -> Result<DocumentMeta, String> {
        let mut m = self.original.clone().ok_or("no document")?;
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        m.title = given(&self.title).ok_or("A title is needed.")?;
        m.short_title = given(&self.short_title).unwrap_or_else(|| m.title.clone());
        m.kind = self.kind.unwrap_or(m.kind);
        m.date = match self.date.trim() {
            "" => None,
            d => Some(DocDate::parse(d).map_err(|e| format!("Date: {e}"))?),
        };
        let url = given(&self.url);
        if let Some(u) = &url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            return Err(
                "Address: expected a web address beginning with https:// or http://".into(),
            );
        }
        m.url = url;
        m.archival = self.archival()?;
        m.author = given(&self.author);
        m.addressee = given(&self.recipient);
        m.recorder = given(&self.recorder);
        m.place = given(&self.place);
        m.language = given(&self.language);
        m.citation_verbatim = given(&self.citation);
        m.translator = given(&self.translator);
        m.collection = given(&self.collection);
        m.present = self
            .present
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        Ok(m)
    }
}

/// A one-line field of this form.
fn field(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str) {
    super::form_field(ui, label, value, hint, 380.0);
}

/// The archive, its numbering scheme and the parts of the reference.
fn reference_rows(ui: &mut egui::Ui, f: &mut DetailsForm) {
    field(ui, "Archive", &mut f.archive, "AVP RF, RGANI, NARA");
    ui.label("Numbered by");
    ui.horizontal(|ui| {
        ui.radio_value(&mut f.scheme, Scheme::Fond, "fond / opis / delo");
        ui.radio_value(
            &mut f.scheme,
            Scheme::RecordGroup,
            "record group / box / folder",
        );
    });
    ui.end_row();
    ui.label("Reference");
    ui.horizontal_wrapped(|ui| {
        for (label, value) in part_labels(f.scheme).iter().zip(f.parts.iter_mut()) {
            let short = label.split(' ').next().unwrap_or(label);
            ui.label(short);
            // Sheets ("157-160ob.") are the longest part.
            let width = if label.starts_with("ll.") || label.starts_with("Folder") {
                70.0
            } else {
                40.0
            };
            ui.add(egui::TextEdit::singleline(value).desired_width(width))
                .on_hover_text(*label)
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, *label));
        }
    });
    ui.end_row();
}

/// Shows the form.
pub fn show(ctx: &egui::Context, f: &mut DetailsForm) -> Option<DetailsEvent> {
    let mut event = None;
    egui::Window::new("Edit details")
        .default_width(560.0)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
        .show(ctx, |ui| {
            ui.label("The details of your document: how it is listed, dated and cited. Leave a field empty if it is not known.");
            // Room below for the message and the buttons, on a small screen too.
            let height = (ctx.content_rect().height() - 230.0).max(120.0);
            egui::ScrollArea::vertical().max_height(height).show(ui, |ui| {
                egui::Grid::new("edit-details").num_columns(2).show(ui, |ui| {
                    field(ui, "Title", &mut f.title, "required");
                    field(ui, "Short title", &mut f.short_title, "for later citations");
                    ui.label("Kind");
                    let kind = f.kind.unwrap_or(Kind::UserDocument);
                    egui::ComboBox::from_id_salt("details-kind")
                        .selected_text(kind.label())
                        .show_ui(ui, |ui| {
                            for k in Kind::ALL {
                                ui.selectable_value(&mut f.kind, Some(k), k.label());
                            }
                        })
                        .response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Kind"));
                    ui.end_row();
                    field(ui, "Date", &mut f.date, "1961-03-04, 1961-03, c. 1961, 1961?, 1961-03/1961-06");
                    field(ui, "Author", &mut f.author, "as written");
                    field(ui, "Recipient", &mut f.recipient, "to whom it was addressed");
                    field(ui, "Recorded by", &mut f.recorder, "who wrote the record");
                    field(ui, "People present", &mut f.present, "names, separated by commas");
                    field(ui, "Place", &mut f.place, "where it was written");
                    field(ui, "Language", &mut f.language, "en, ru, es");
                    reference_rows(ui, f);
                    field(ui, "Citation as printed", &mut f.citation, "used instead of the parts, if given");
                    field(ui, "Translator", &mut f.translator, "as credited");
                    field(ui, "Address", &mut f.url, "https://…");
                    field(ui, "Collection", &mut f.collection, "e.g. Havana trip 2019");
                });
            });
            if let Some(e) = &f.error {
                ui.label(egui::RichText::new(e).color(ui.visuals().error_fg_color));
            }
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    match f.meta() {
                        Ok(m) => event = Some(DetailsEvent::Save(Box::new(m))),
                        Err(e) => f.error = Some(e),
                    }
                }
                if ui.button("Cancel").clicked() {
                    event = Some(DetailsEvent::Close);
                }
            });
        });
    if event.is_none() && crate::ui::windows::escape(ctx) {
        event = Some(DetailsEvent::Close);
    }
    event
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> DetailsForm {
        let meta: DocumentMeta = ron::from_str(
            r#"(id: "memo", title: "Memo", short_title: "Memo", kind: UserDocument,
                citation_verbatim: Some("AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 120-123"),
                present: ["fidel-castro", "Raúl Roa"], author: Some("fidel-castro"))"#,
        )
        .unwrap();
        DetailsForm::of(&meta, &|p| match p {
            "fidel-castro" => "Fidel Castro".into(),
            other => other.to_string(),
        })
    }

    #[test]
    fn a_written_out_reference_opens_in_its_parts_and_is_checked() {
        let mut f = form();
        assert_eq!(
            f.present, "Fidel Castro, Raúl Roa",
            "people by name, not by id"
        );
        assert_eq!(f.author, "Fidel Castro");
        assert_eq!(f.archive, "AVP RF");
        assert_eq!(f.parts[4], "120-123");
        assert!(f.citation.is_empty(), "the parts say it");
        let m = f.meta().unwrap();
        assert_eq!(
            m.archival.unwrap().normalised(),
            "AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 120-123"
        );
        f.parts[0].clear();
        assert!(f.meta().unwrap_err().contains("fond (f.) is needed"));
        f.archive.clear();
        assert!(f.meta().unwrap_err().contains("name the archive"));
        f.archive = "NARA".into();
        f.scheme = Scheme::RecordGroup;
        f.parts = ["59".into(), "3".into(), "".into(), "".into(), "".into()];
        assert_eq!(
            f.meta().unwrap().archival.unwrap().normalised(),
            "NARA, RG 59, Box 3"
        );
    }
}
