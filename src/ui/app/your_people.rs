//! Your people from the window: the edits of the Your people window applied to
//! `<data dir>/people.ron` (never to a file that could not be read), then the library analysed
//! again in the background with the new registry, so mentions and roles follow.

use super::ReadingRoomApp;
use crate::people::yours::YourPeople;
use crate::ui::windows::your_people::{PeopleEvent, PeopleForm};

impl ReadingRoomApp {
    /// Opens the Your people window.
    pub fn open_your_people(&mut self) {
        let mut form = PeopleForm::default();
        match YourPeople::load(self.data_dir()) {
            Ok(y) => form.yours = y.people,
            Err(e) => form.message = Some((false, format!("{e}; it is left as it is"))),
        }
        self.people_form = Some(form);
    }

    /// Applies one edit of the Your people window; says what it did in the window.
    pub fn edit_people(&mut self, event: &PeopleEvent, form: &mut PeopleForm) {
        let mut yours = match YourPeople::load(self.data_dir()) {
            Ok(y) => y,
            Err(e) => {
                form.message = Some((false, format!("{e}; it is left as it is")));
                return;
            }
        };
        let ws = &self.workspace;
        let (registry, base) = (&ws.registry, &*ws.base_registry);
        let done = match event {
            PeopleEvent::Add {
                name,
                description,
                forms,
            } => yours
                .add(registry, name, description, forms)
                .map(|_| format!("Added {}.", name.trim())),
            PeopleEvent::Alias { person, form: f } => yours
                .alias(registry, person, f)
                .map(|id| format!("{} is now a form of {}.", f.trim(), ws.person_name(&id))),
            PeopleEvent::Merge { kept, absorbed } => yours
                .merge(registry, base, kept, absorbed)
                .map(|(kept, _)| {
                    format!("Merged {} into {}.", absorbed.trim(), ws.person_name(&kept))
                }),
            PeopleEvent::Split {
                person,
                forms,
                name,
            } => yours.split(registry, base, person, forms, name).map(|_| {
                format!(
                    "{} is a person of their own now, with {}.",
                    name.trim(),
                    forms.join(", ")
                )
            }),
            PeopleEvent::Close => return,
        };
        let saved = done.and_then(|said| yours.save().map(|()| said));
        match saved {
            Ok(said) => {
                let registry = self.workspace.registry_with(&yours);
                std::sync::Arc::make_mut(&mut self.workspace).set_registry(registry);
                self.highlight_inputs = None;
                self.search.invalidate();
                self.analyse_in_background();
                *form = PeopleForm {
                    yours: yours.people,
                    message: Some((
                        true,
                        format!("{said} Mentions and roles are being updated."),
                    )),
                    ..PeopleForm::default()
                };
                self.say(said);
            }
            Err(e) => form.message = Some((false, e)),
        }
    }
}
