//! Edit details: the metadata of one of the researcher's documents (title, date, author, place,
//! language, archival reference, translator, address, collection, people present), checked
//! before it is saved. The paper's documents are read-only.

use crate::corpus::{DocDate, DocumentMeta};

/// The form, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailsForm {
    /// The document's metadata when the form opened.
    pub original: Option<DocumentMeta>,
    /// Title.
    pub title: String,
    /// Short title (repeated citations).
    pub short_title: String,
    /// Date as typed (anything `DocDate::parse` reads).
    pub date: String,
    /// Author, as written.
    pub author: String,
    /// Place written.
    pub place: String,
    /// Language.
    pub language: String,
    /// Archival reference, as it should be cited.
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

impl DetailsForm {
    /// A form showing a document's details.
    pub fn of(meta: &DocumentMeta) -> DetailsForm {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        DetailsForm {
            original: Some(meta.clone()),
            title: meta.title.clone(),
            short_title: meta.short_title.clone(),
            date: meta
                .date
                .as_ref()
                .map(|d| d.as_str().to_string())
                .unwrap_or_default(),
            author: s(&meta.author),
            place: s(&meta.place),
            language: s(&meta.language),
            citation: s(&meta.citation_verbatim),
            translator: s(&meta.translator),
            url: s(&meta.url),
            collection: s(&meta.collection),
            present: meta.present.join(", "),
            error: None,
        }
    }

    /// The edited metadata, or what is wrong with it.
    pub fn meta(&self) -> Result<DocumentMeta, String> {
        let mut m = self.original.clone().ok_or("no document")?;
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        m.title = given(&self.title).ok_or("A title is needed.")?;
        m.short_title = given(&self.short_title).unwrap_or_else(|| m.title.clone());
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
        m.author = given(&self.author);
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

/// Shows the form.
pub fn show(ctx: &egui::Context, f: &mut DetailsForm) -> Option<DetailsEvent> {
    let mut event = None;
    egui::Window::new("Edit details")
        .default_width(560.0)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            ui.label("The details of your document: how it is listed, dated and cited. Leave a field empty if it is not known.");
            egui::Grid::new("edit-details").num_columns(2).show(ui, |ui| {
                let field = |ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str| {
                    ui.label(label);
                    ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(380.0))
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
                    ui.end_row();
                };
                field(ui, "Title", &mut f.title, "required");
                field(ui, "Short title", &mut f.short_title, "for later citations");
                field(ui, "Date", &mut f.date, "1961-03-04, 1961-03, c. 1961, 1961-03/1961-06");
                field(ui, "Author", &mut f.author, "as written");
                field(ui, "Place", &mut f.place, "where it was written");
                field(ui, "Language", &mut f.language, "en, ru, es");
                field(ui, "Archival reference", &mut f.citation, "AVP RF, f. 0104, op. 17, p. 118, d. 3, ll. 120-123");
                field(ui, "Translator", &mut f.translator, "as credited");
                field(ui, "Address", &mut f.url, "https://…");
                field(ui, "Collection", &mut f.collection, "e.g. Havana trip 2019");
                field(ui, "People present", &mut f.present, "names, separated by commas");
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
    if event.is_none() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        event = Some(DetailsEvent::Close);
    }
    event
}
