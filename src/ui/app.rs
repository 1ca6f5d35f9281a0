//! The application state and the frame loop: document list on the left, reader in the centre.

use crate::Workspace;
use crate::corpus::Document;

/// Key under which the open document is remembered between runs.
const OPEN_DOC_KEY: &str = "readingroom.open_document";

/// The Reading Room window.
pub struct ReadingRoomApp {
    workspace: Workspace,
    /// Index of the open document.
    pub open: usize,
}

impl ReadingRoomApp {
    /// Creates the app, reopening the document that was open last time.
    pub fn new(workspace: Workspace, storage: Option<&dyn eframe::Storage>) -> Self {
        let open = storage
            .and_then(|s| s.get_string(OPEN_DOC_KEY))
            .and_then(|id| workspace.corpus.index_of(&id))
            .unwrap_or(0);
        ReadingRoomApp { workspace, open }
    }

    /// The open document.
    pub fn open_document(&self) -> &Document {
        &self.workspace.corpus.documents[self.open]
    }

    fn library(&mut self, ui: &mut egui::Ui) {
        ui.heading("Library");
        ui.label(format!(
            "{} documents",
            self.workspace.corpus.documents.len()
        ));
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, doc) in self.workspace.corpus.documents.iter().enumerate() {
                let date = doc.meta.date.as_ref().map_or("", |d| d.as_str());
                let text = format!("{date}  {}", doc.meta.title);
                if ui.selectable_label(i == self.open, text).clicked() {
                    self.open = i;
                }
            }
        });
    }

    fn reader(&self, ui: &mut egui::Ui) {
        let doc = self.open_document();
        let m = &doc.meta;
        egui::ScrollArea::vertical()
            .id_salt(("reader", self.open))
            .show(ui, |ui| {
                ui.set_max_width(760.0);
                ui.heading(&m.title);
                let mut facts = Vec::new();
                if let Some(d) = &m.date {
                    facts.push(d.long_form());
                }
                facts.push(m.kind.label().to_string());
                if let Some(p) = m.part {
                    facts.push(p.label().to_string());
                }
                ui.label(facts.join(" · "));
                if let Some(h) = &doc.heading {
                    ui.label(egui::RichText::new(h).italics());
                }
                if let Some(url) = &m.url {
                    ui.hyperlink_to("Wilson Center Digital Archive", url);
                }
                ui.separator();
                let chars: Vec<char> = doc.text.chars().collect();
                let notes: Vec<_> = self.workspace.corpus.footnotes_of(&m.id).collect();
                let mut last_page = None;
                for (s, e) in doc.paragraphs() {
                    let (first, last) = doc.page_range(s, e).unwrap_or((0, 0));
                    let margin = if first != last {
                        format!("p. {first}–{last}")
                    } else if Some(first) != last_page && first > 0 {
                        format!("p. {first}")
                    } else {
                        String::new()
                    };
                    last_page = Some(last);
                    let job = paragraph_job(ui, &chars[s..e], s, &notes);
                    ui.horizontal_top(|ui| {
                        ui.add_sized(
                            [44.0, 14.0],
                            egui::Label::new(egui::RichText::new(margin).weak().small()),
                        );
                        ui.add(egui::Label::new(job).wrap());
                    });
                    ui.add_space(6.0);
                }
                if !notes.is_empty() {
                    ui.separator();
                    for f in notes {
                        ui.label(format!("{}. {}", f.number, f.text));
                    }
                }
            });
    }
}

/// A paragraph with its footnote markers raised after the words that cite them.
fn paragraph_job(
    ui: &egui::Ui,
    chars: &[char],
    offset: usize,
    notes: &[&crate::corpus::Footnote],
) -> egui::text::LayoutJob {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let plain = egui::TextFormat::simple(body.clone(), color);
    let marker = egui::TextFormat {
        font_id: egui::FontId::proportional(body.size * 0.7),
        color: ui.visuals().hyperlink_color,
        valign: egui::Align::TOP,
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    let mut from = 0;
    for f in notes
        .iter()
        .filter(|f| f.at >= offset && f.at <= offset + chars.len())
    {
        let at = f.at - offset;
        job.append(
            &chars[from..at].iter().collect::<String>(),
            0.0,
            plain.clone(),
        );
        job.append(&f.number.to_string(), 0.0, marker.clone());
        from = at;
    }
    job.append(&chars[from..].iter().collect::<String>(), 0.0, plain);
    job
}

impl eframe::App for ReadingRoomApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::left("library")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| self.library(ui));
        egui::CentralPanel::default().show(ui, |ui| self.reader(ui));
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(OPEN_DOC_KEY, self.open_document().meta.id.clone());
    }
}
