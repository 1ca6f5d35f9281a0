//! Lists driven from their filter field: while the field has the focus, Down and Up move a
//! highlighted row through the list and Enter opens it (the first row when none is
//! highlighted), as in quick open. Used by the search results, the library and the notes.

/// What the keys did to a list this frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListKeys {
    /// The highlighted row moved (scroll it into view).
    pub moved: bool,
    /// Enter: open this row.
    pub open: Option<usize>,
}

/// Applies Down, Up and Enter pressed in `field` to a list of `len` rows whose highlighted row
/// is `selected`. The field keeps the focus (the arrows do not move it to another widget).
pub fn list_keys(
    ui: &egui::Ui,
    field: &egui::Response,
    len: usize,
    selected: &mut Option<usize>,
) -> ListKeys {
    let mut out = ListKeys::default();
    if field.has_focus() {
        keep_arrows(ui, field.id);
        let (down, up) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::ArrowUp),
            )
        });
        if down && len > 0 {
            *selected = Some(selected.map_or(0, |s| (s + 1).min(len - 1)));
            out.moved = true;
        }
        if up && len > 0 {
            *selected = Some(selected.map_or(0, |s| s.saturating_sub(1)));
            out.moved = true;
        }
    }
    if let Some(s) = *selected
        && s >= len
    {
        *selected = len.checked_sub(1);
    }
    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && len > 0 {
        out.open = Some(selected.unwrap_or(0));
    }
    out
}

/// While `id` has the focus, the arrows are its own: egui does not move the focus with them
/// (Tab still does).
pub fn keep_arrows(ui: &egui::Ui, id: egui::Id) {
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            id,
            egui::EventFilter {
                vertical_arrows: true,
                horizontal_arrows: true,
                tab: false,
                escape: false,
            },
        )
    });
}

/// The highlight of the row the keys stand on.
pub fn paint_selected(ui: &egui::Ui, rect: egui::Rect) {
    ui.painter().rect_filled(
        rect,
        3.0,
        ui.visuals().selection.bg_fill.gamma_multiply(0.35),
    );
    ui.painter().rect_stroke(
        rect,
        3.0,
        egui::Stroke::new(1.5, ui.visuals().selection.stroke.color),
        egui::StrokeKind::Inside,
    );
}
