//! Your people: the researcher's additions to the registry, kept in `<data dir>/people.ron` (the
//! shape of `corpus/people.ron`). Imports add the persons their files list; `readingroom people
//! add/alias/merge` edits it. An entry with the id of a registry person adds forms to that
//! person (aliases: Khrushchov, Chruschtschow, Хрущёв). A file that cannot be read is reported
//! and never overwritten.

use super::{Person, Registry};
use crate::corpus::CorpusError;
use std::path::{Path, PathBuf};

/// The researcher's people file, loaded.
#[derive(Debug, Clone, Default)]
pub struct YourPeople {
    /// Where it is kept.
    pub file: PathBuf,
    /// Its entries, in file order.
    pub people: Vec<Person>,
}

/// The file of your people in a data directory.
pub fn file_in(data_dir: &Path) -> PathBuf {
    data_dir.join("people.ron")
}

impl YourPeople {
    /// Reads the file (none yet: no people); an unreadable or invalid file is an error, so it
    /// is never overwritten.
    pub fn load(data_dir: &Path) -> Result<YourPeople, CorpusError> {
        let file = file_in(data_dir);
        let people = match crate::files::read_regular(&file, 16 * 1024 * 1024) {
            Ok(bytes) => Registry::parse(&file, &String::from_utf8_lossy(&bytes))?.people,
            Err(crate::files::ReadError::NotFound) => Vec::new(),
            Err(e) => {
                return Err(CorpusError {
                    file,
                    line: None,
                    column: None,
                    field: None,
                    message: format!("cannot read your people: {e}"),
                });
            }
        };
        Ok(YourPeople { file, people })
    }

    /// Writes the file (atomically, private).
    pub fn save(&self) -> Result<(), String> {
        let mut text = String::from(
            "// Your people: persons your imports listed and the ones you added, and forms of\n// the registry's people (same id). Edit freely: the shape of corpus/people.ron.\n",
        );
        text.push_str(
            &ron::ser::to_string_pretty(&self.people, ron::ser::PrettyConfig::new())
                .map_err(|e| e.to_string())?,
        );
        text.push('\n');
        crate::files::write_atomic(
            &self.file,
            text.as_bytes(),
            crate::files::NewFileMode(0o600),
        )
        .map_err(|e| format!("{}: cannot be written: {e}", self.file.display()))
    }

    /// The registry with your people in it: new people added, forms of known ones extended.
    pub fn apply_to(&self, registry: &mut Registry) {
        for p in &self.people {
            match registry.people.iter_mut().find(|r| r.id == p.id) {
                Some(known) => {
                    for f in &p.forms {
                        if !known.forms.contains(f) {
                            known.forms.push(f.clone());
                        }
                    }
                }
                None => registry.people.push(p.clone()),
            }
        }
    }

    /// A free id for a name (not in the registry, not yours).
    pub fn free_id(&self, registry: &Registry, name: &str) -> String {
        let base = crate::corpus::user::slug(name);
        let mut id = base.clone();
        let mut n = 2;
        while registry.get(&id).is_some() || self.people.iter().any(|p| p.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Adds a person; returns their id. Refused when the name is already someone's.
    pub fn add(
        &mut self,
        registry: &Registry,
        name: &str,
        description: &str,
        forms: &[String],
    ) -> Result<String, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("a name is needed".into());
        }
        if let Some(p) = registry.resolve(name) {
            return Err(format!("{name:?} is already {} ({})", p.name, p.id));
        }
        let id = self.free_id(registry, name);
        let mut all = vec![name.to_string()];
        all.extend(
            forms
                .iter()
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty()),
        );
        all.dedup();
        self.people.push(Person {
            id: id.clone(),
            name: name.to_string(),
            description: description.trim().to_string(),
            forms: all,
            ambiguous_forms: Vec::new(),
        });
        Ok(id)
    }

    /// Adds another form of a person's name (a spelling, a transliteration, another script).
    pub fn alias(&mut self, registry: &Registry, who: &str, form: &str) -> Result<String, String> {
        let form = form.trim();
        if form.is_empty() {
            return Err("a form is needed".into());
        }
        let person = registry
            .resolve(who)
            .ok_or_else(|| format!("no person {who:?}"))?
            .clone();
        if let Some(other) = registry.resolve(form).filter(|p| p.id != person.id) {
            return Err(format!(
                "{form:?} is already a form of {} ({})",
                other.name, other.id
            ));
        }
        self.alias_unchecked(&person, form);
        Ok(person.id)
    }

    /// Merges `absorbed` (one of yours) into `kept`: its forms become `kept`'s, and it is gone.
    /// `base` is the registry without your people: its persons are never merged away.
    pub fn merge(
        &mut self,
        registry: &Registry,
        base: &Registry,
        kept: &str,
        absorbed: &str,
    ) -> Result<(String, String), String> {
        let keep = registry
            .resolve(kept)
            .ok_or_else(|| format!("no person {kept:?}"))?
            .clone();
        let gone = registry
            .resolve(absorbed)
            .ok_or_else(|| format!("no person {absorbed:?}"))?
            .clone();
        if keep.id == gone.id {
            return Err(format!("{kept:?} and {absorbed:?} are the same person"));
        }
        let yours = self.people.iter().position(|p| p.id == gone.id);
        let Some(i) = yours.filter(|_| base.get(&gone.id).is_none()) else {
            return Err(format!(
                "{} is in Reading Room's registry; only people you or your imports added can be merged into another",
                gone.name
            ));
        };
        let removed = self.people.remove(i);
        let mut forms = vec![removed.name.clone()];
        forms.extend(removed.forms);
        for f in forms {
            self.alias_unchecked(&keep, &f);
        }
        Ok((keep.id, gone.id))
    }

    /// Splits one of yours in two: the given forms go to a new person called `name` (two people
    /// an import took for one); never one of `base`'s. Returns the new person's id.
    pub fn split(
        &mut self,
        registry: &Registry,
        base: &Registry,
        who: &str,
        forms: &[String],
        name: &str,
    ) -> Result<String, String> {
        let person = registry
            .resolve(who)
            .ok_or_else(|| format!("no person {who:?}"))?
            .clone();
        let Some(i) = self
            .people
            .iter()
            .position(|p| p.id == person.id && p.name == person.name)
            .filter(|_| base.get(&person.id).is_none())
        else {
            return Err(format!(
                "{} is in Reading Room's registry; only people you or your imports added can be split",
                person.name
            ));
        };
        let name = name.trim();
        if name.is_empty() || forms.is_empty() {
            return Err("give the new person's name and at least one form that is theirs".into());
        }
        for f in forms {
            if !self.people[i].forms.iter().any(|g| g == f) {
                return Err(format!("{f:?} is not a form of {}", person.name));
            }
        }
        self.people[i].forms.retain(|g| !forms.contains(g));
        if self.people[i].forms.is_empty() {
            let own = self.people[i].name.clone();
            self.people[i].forms.push(own);
        }
        let id = self.free_id(registry, name);
        let mut all = vec![name.to_string()];
        all.extend(forms.iter().cloned());
        all.dedup();
        self.people.push(Person {
            id: id.clone(),
            name: name.to_string(),
            description: String::new(),
            forms: all,
            ambiguous_forms: Vec::new(),
        });
        Ok(id)
    }

    fn alias_unchecked(&mut self, person: &Person, form: &str) {
        match self.people.iter_mut().find(|p| p.id == person.id) {
            Some(p) => {
                if !p.forms.iter().any(|f| f == form) {
                    p.forms.push(form.to_string());
                }
            }
            None => self.people.push(Person {
                forms: vec![form.to_string()],
                ambiguous_forms: Vec::new(),
                ..person.clone()
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_alias_and_merge_update_the_registry_they_are_applied_to() {
        let dir = tempfile::tempdir().unwrap();
        let mut base = Registry::embedded();
        let mut yours = YourPeople::load(dir.path()).unwrap();
        let id = yours
            .add(
                &base,
                "Philip W. Bonsal",
                "US ambassador to Cuba",
                &["Bonsal".into()],
            )
            .unwrap();
        assert_eq!(id, "philip-w-bonsal");
        assert!(
            yours.add(&base, "Fidel Castro", "", &[]).is_err(),
            "already in the registry"
        );
        yours.apply_to(&mut base);
        yours.alias(&base, "Nikita Khrushchev", "Хрущёв").unwrap();
        yours.alias(&base, "Khrushchev", "Chruschtschow").unwrap();
        let dup = yours.add(&base, "P. Bonsal", "", &[]).unwrap();
        yours.save().unwrap();
        let mut reg = Registry::embedded();
        let mut again = YourPeople::load(dir.path()).unwrap();
        again.apply_to(&mut reg);
        assert_eq!(
            reg.resolve("Хрущёв").map(|p| p.id.as_str()),
            Some("nikita-khrushchev")
        );
        assert_eq!(
            reg.resolve("Chruschtschow").map(|p| p.id.as_str()),
            Some("nikita-khrushchev")
        );
        let base = Registry::embedded();
        again.merge(&reg, &base, "Philip W. Bonsal", &dup).unwrap();
        assert!(
            again
                .merge(&reg, &base, "Philip W. Bonsal", "Fidel Castro")
                .is_err()
        );
        // Khrushchev has forms of yours, but is the registry's: never merged away.
        assert!(
            again
                .merge(&reg, &base, "Philip W. Bonsal", "Nikita Khrushchev")
                .unwrap_err()
                .contains("Reading Room's registry")
        );
        let mut reg = Registry::embedded();
        again.apply_to(&mut reg);
        assert_eq!(
            reg.resolve("P. Bonsal").map(|p| p.id.as_str()),
            Some("philip-w-bonsal")
        );
        assert!(reg.get(&dup).is_none());
    }

    #[test]
    fn a_file_that_cannot_be_read_is_an_error_not_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(file_in(dir.path()), "[ (id: \"x\", name: ").unwrap();
        assert!(YourPeople::load(dir.path()).is_err());
    }
}
