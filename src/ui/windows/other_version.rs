//! Notes from the other version: the notes on the other version of the open document (the 1974
//! memoir's in the 2007 one, and back), each with where it lands here, whether its passage is
//! here at all or reworded, and how sure the alignment is; copy one to this version, show its
//! counterpart here, or open it in the other version.

/// The window's state: the note clicked in the text comes first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OtherVersionNotes {
    /// The note clicked in the reader (its id), shown first and framed.
    pub focus: Option<String>,
}

/// One note of the other version, as the window shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The note's id.
    pub id: String,
    /// Its tags, joined.
    pub tags: String,
    /// Its text.
    pub note: String,
    /// Its passage in the other version.
    pub quote: String,
    /// Its counterpart here (None: missing here).
    pub here: Option<(usize, usize, String)>,
    /// Where it stands in the other version (char range there).
    pub there: (usize, usize),
    /// "reworded", "the same words", "partly missing here", "not in this version".
    pub status: String,
    /// "high confidence" … with its meaning on hover.
    pub confidence: Option<(String, String)>,
}

/// What the window asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum OtherVersionEvent {
    /// Copy this note onto its counterpart here.
    Copy(String),
    /// Select its counterpart here (char range).
    Show(usize, usize),
    /// Open its passage in the other version (char range there).
    Open(usize, usize),
    /// Closed.
    Close,
}

/// Shows the window: `this` and `other` name the two versions ("2007", "1974").
pub fn show(
    ctx: &egui::Context,
    w: &OtherVersionNotes,
    items: &[Item],
    this: &str,
    other: &str,
) -> Option<OtherVersionEvent> {
    let mut event = None;
    let mut open = true;
    egui::Window::new(format!("Notes from the {other} version"))
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .max_height(ctx.content_rect().height() * 0.8)
        .anchor(egui::Align2::RIGHT_TOP, [-40.0, 80.0])
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(format!(
                    "Your notes on the {other} version, on the sentences aligned with theirs in the {this} version (dimmed in the text, with a dashed line). Your corrections of the alignment decide where they land."
                ))
                .small()
                .weak(),
            );
            if items.is_empty() {
                ui.label(format!("No notes on the {other} version yet."));
                return;
            }
            let mut order: Vec<&Item> = items.iter().collect();
            order.sort_by_key(|i| Some(&i.id) != w.focus.as_ref());
            egui::ScrollArea::vertical()
                .id_salt("other-version-list")
                .show(ui, |ui| {
                    for item in order {
                        let focused = Some(&item.id) == w.focus.as_ref();
                        let mut frame = egui::Frame::group(ui.style());
                        if focused {
                            frame = frame.stroke(egui::Stroke::new(
                                2.0,
                                ui.visuals().selection.stroke.color,
                            ));
                        }
                        frame.show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(
                                egui::RichText::new(if item.tags.is_empty() {
                                    "untagged".to_string()
                                } else {
                                    item.tags.clone()
                                })
                                .small()
                                .strong(),
                            );
                            if !item.note.is_empty() {
                                ui.label(&item.note);
                            }
                            ui.label(
                                egui::RichText::new(format!(
                                    "{other}: “{}”",
                                    crate::ui::excerpt(&item.quote, 240)
                                ))
                                .italics(),
                            );
                            match &item.here {
                                Some((_, _, text)) => ui.label(
                                    egui::RichText::new(format!(
                                        "{this}: “{}”",
                                        crate::ui::excerpt(text, 240)
                                    ))
                                    .italics()
                                    .weak(),
                                ),
                                None => ui.label(
                                    egui::RichText::new(format!("Not in the {this} version."))
                                        .weak(),
                                ),
                            };
                            ui.horizontal_wrapped(|ui| {
                                ui.label(egui::RichText::new(&item.status).small());
                                if let Some((label, why)) = &item.confidence {
                                    ui.label(egui::RichText::new(format!("· {label}")).small())
                                        .on_hover_text(why);
                                }
                            });
                            ui.horizontal_wrapped(|ui| {
                                if let Some((s, e, _)) = &item.here {
                                    let copy = ui
                                        .button(format!("Copy to the {this} version"))
                                        .on_hover_text("A new note with the same tags and text on the aligned sentences (Ctrl+Z undoes)");
                                    if focused && ui.memory(|m| m.focused().is_none()) {
                                        copy.request_focus();
                                    }
                                    if copy.clicked() {
                                        event = Some(OtherVersionEvent::Copy(item.id.clone()));
                                    }
                                    if ui.button("Show it here").clicked() {
                                        event = Some(OtherVersionEvent::Show(*s, *e));
                                    }
                                }
                                if ui.button(format!("Open in the {other} version")).clicked() {
                                    event =
                                        Some(OtherVersionEvent::Open(item.there.0, item.there.1));
                                }
                            });
                        });
                    }
                });
        });
    if !open || (event.is_none() && crate::ui::windows::escape(ctx)) {
        event = Some(OtherVersionEvent::Close);
    }
    event
}
