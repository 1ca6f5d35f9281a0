//! Your people: add a person to the registry, add a form of someone's name (a spelling, a
//! transliteration, another script: Khrushchov, Chruschtschow, Хрущёв), merge two of yours,
//! split one of yours in two. The app applies what it returns to `<data dir>/people.ron` and
//! analyses the library again, so mentions and roles follow.

use crate::people::Person;

/// The window's fields, as typed, and your people as last read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeopleForm {
    /// Add: the name.
    pub name: String,
    /// Add: who they are.
    pub description: String,
    /// Add: other forms, separated by commas.
    pub forms: String,
    /// Add a form: whose.
    pub alias_person: String,
    /// Add a form: the form.
    pub alias_form: String,
    /// Merge: the person kept.
    pub keep: String,
    /// Merge: the person merged into them.
    pub absorbed: String,
    /// Split: the person split.
    pub split_person: String,
    /// Split: the forms that are another's, separated by commas.
    pub split_forms: String,
    /// Split: the other person's name.
    pub split_name: String,
    /// Your people as the file holds them.
    pub yours: Vec<Person>,
    /// What the last action did (true) or why it did not (false).
    pub message: Option<(bool, String)>,
}

/// What the window asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleEvent {
    /// Add a person.
    Add {
        /// Name.
        name: String,
        /// Who they are.
        description: String,
        /// Other forms of the name.
        forms: Vec<String>,
    },
    /// Add a form of someone's name.
    Alias {
        /// Whose (a name or id).
        person: String,
        /// The form.
        form: String,
    },
    /// Merge `absorbed` into `kept`.
    Merge {
        /// Kept.
        kept: String,
        /// Merged into the kept one.
        absorbed: String,
    },
    /// Split some forms of a person off to a new one.
    Split {
        /// Whose forms.
        person: String,
        /// The forms that are the other's.
        forms: Vec<String>,
        /// The other's name.
        name: String,
    },
    /// Closed.
    Close,
}

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect()
}

/// A one-line field of this form.
fn field(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str) {
    super::form_field(ui, label, value, hint, 320.0);
}

/// Shows the window.
pub fn show(ctx: &egui::Context, f: &mut PeopleForm) -> Option<PeopleEvent> {
    let mut event = None;
    egui::Window::new("Your people")
        .default_width(520.0)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
        .show(ctx, |ui| {
            // Room below for the message and Close, on a small screen too.
            let height = (ctx.content_rect().height() - 230.0).max(120.0);
            egui::ScrollArea::vertical().max_height(height).show(ui, |ui| {
                ui.label("People you add, and the forms of names you teach Reading Room, are found in every document; mentions and roles follow.");
                ui.heading("Add a person");
                egui::Grid::new("people-add").num_columns(2).show(ui, |ui| {
                    field(ui, "Name", &mut f.name, "e.g. Philip W. Bonsal");
                    field(ui, "Who they are", &mut f.description, "e.g. US ambassador to Cuba, 1959-60");
                    field(ui, "Other forms", &mut f.forms, "e.g. Bonsal, Ambassador Bonsal");
                });
                if ui.button("Add person").clicked() {
                    event = Some(PeopleEvent::Add {
                        name: f.name.clone(),
                        description: f.description.clone(),
                        forms: list(&f.forms),
                    });
                }
                ui.separator();
                ui.heading("Add a form of a name");
                egui::Grid::new("people-alias").num_columns(2).show(ui, |ui| {
                    field(ui, "Person", &mut f.alias_person, "e.g. Nikita Khrushchev");
                    field(ui, "Form", &mut f.alias_form, "e.g. Хрущёв (one form at a time)");
                });
                if ui.button("Add form").clicked() {
                    event = Some(PeopleEvent::Alias {
                        person: f.alias_person.clone(),
                        form: f.alias_form.clone(),
                    });
                }
                ui.separator();
                ui.heading("Merge two people");
                ui.label("Two entries for one person: the second's forms become the first's (only people you or your imports added can be merged away).");
                egui::Grid::new("people-merge").num_columns(2).show(ui, |ui| {
                    field(ui, "Keep", &mut f.keep, "e.g. Philip W. Bonsal");
                    field(ui, "Merge into it", &mut f.absorbed, "e.g. P. Bonsal");
                });
                if ui.button("Merge").clicked() {
                    event = Some(PeopleEvent::Merge {
                        kept: f.keep.clone(),
                        absorbed: f.absorbed.clone(),
                    });
                }
                ui.separator();
                ui.heading("Split one in two");
                ui.label("Two people taken for one: the forms you name go to a new person.");
                egui::Grid::new("people-split").num_columns(2).show(ui, |ui| {
                    field(ui, "Person to split", &mut f.split_person, "a person of yours");
                    field(ui, "Their forms", &mut f.split_forms, "forms, separated by commas");
                    field(ui, "New person", &mut f.split_name, "the other one's name");
                });
                if ui.button("Split").clicked() {
                    event = Some(PeopleEvent::Split {
                        person: f.split_person.clone(),
                        forms: list(&f.split_forms),
                        name: f.split_name.clone(),
                    });
                }
                ui.separator();
                ui.heading(format!("Yours ({})", f.yours.len()));
                if f.yours.is_empty() {
                    ui.label("None yet: the people you add and those your imports list appear here.");
                }
                for p in &f.yours {
                    let forms: Vec<&str> = p
                        .forms
                        .iter()
                        .map(String::as_str)
                        .filter(|x| *x != p.name)
                        .collect();
                    let line = if forms.is_empty() {
                        p.name.clone()
                    } else {
                        format!("{} — also {}", p.name, forms.join(", "))
                    };
                    ui.label(line).on_hover_text(format!("id {}: {}", p.id, p.description));
                }
            });
            if let Some((ok, m)) = &f.message {
                let color = if *ok {
                    ui.visuals().text_color()
                } else {
                    ui.visuals().error_fg_color
                };
                ui.label(egui::RichText::new(m).color(color));
            }
            if ui.button("Close").clicked() {
                event = Some(PeopleEvent::Close);
            }
        });
    if event.is_none() && crate::ui::windows::escape(ctx) {
        event = Some(PeopleEvent::Close);
    }
    event
}
