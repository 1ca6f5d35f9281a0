//! The report of an import of files and folders: what was added (click to open), what was
//! already in the library, what was refused and why, and what was not looked at.

use crate::import::folder::ImportReport;

/// What the report window asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportReportEvent {
    /// Open this document.
    Open(String),
    /// Closed.
    Close,
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Shows the report.
pub fn show(ctx: &egui::Context, report: &ImportReport) -> Option<ImportReportEvent> {
    let mut event = None;
    egui::Window::new("Import report")
        .default_width(620.0)
        .max_height(ctx.content_rect().height() * 0.8)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            ui.label(egui::RichText::new(report.summary() + ".").strong());
            egui::ScrollArea::vertical()
                .max_height(ui.available_height() - 40.0)
                .show(ui, |ui| {
                    if !report.added.is_empty() {
                        ui.heading("Added");
                        for a in &report.added {
                            let pages = match a.pages {
                                0 => String::new(),
                                1 => ", 1 page".into(),
                                n => format!(", {n} pages"),
                            };
                            let text =
                                format!("{} ({}{pages})", a.title, file_name(&a.source_file));
                            if ui
                                .link(text)
                                .on_hover_text(format!("Open {}", a.id))
                                .clicked()
                            {
                                event = Some(ImportReportEvent::Open(a.id.clone()));
                            }
                        }
                    }
                    let list = |ui: &mut egui::Ui, heading: &str, rows: Vec<(String, String)>| {
                        if rows.is_empty() {
                            return;
                        }
                        ui.add_space(6.0);
                        ui.heading(heading);
                        egui::Grid::new(heading)
                            .num_columns(2)
                            .striped(true)
                            .show(ui, |ui| {
                                for (file, why) in rows {
                                    ui.label(egui::RichText::new(file).strong());
                                    ui.add(egui::Label::new(why).wrap());
                                    ui.end_row();
                                }
                            });
                    };
                    list(
                        ui,
                        "Refused",
                        report
                            .refused
                            .iter()
                            .map(|(f, why)| (file_name(f), why.clone()))
                            .collect(),
                    );
                    list(
                        ui,
                        "Already in your library",
                        report
                            .duplicates
                            .iter()
                            .map(|(f, of)| {
                                (
                                    file_name(f),
                                    format!("imported before as {}", of.join(", ")),
                                )
                            })
                            .collect(),
                    );
                    list(
                        ui,
                        "Not looked at",
                        report
                            .skipped
                            .iter()
                            .map(|(f, why)| (file_name(f), why.clone()))
                            .collect(),
                    );
                });
            if ui.button("Close").clicked() {
                event = Some(ImportReportEvent::Close);
            }
        });
    if event.is_none() && crate::ui::windows::escape(ctx) {
        event = Some(ImportReportEvent::Close);
    }
    event
}
