//! Form fields as posted, with repeated names (checkboxes) kept: `serde_urlencoded` cannot read a
//! repeated name into a `Vec`, so the set-up forms read their body as pairs and look fields up here.

/// The fields of a posted form, in the order sent.
#[derive(Debug, Clone, Default)]
pub(super) struct Fields(Vec<(String, String)>);

impl Fields {
    /// The fields of a decoded body.
    pub(super) fn new(pairs: Vec<(String, String)>) -> Fields {
        Fields(pairs)
    }

    /// The first value of `name`, or "" when it was not sent (an unchecked checkbox).
    pub(super) fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The first value of `name`, trimmed.
    pub(super) fn trimmed(&self, name: &str) -> &str {
        self.get(name).trim()
    }

    /// Every value of `name` (the checked boxes of a group), trimmed, empty ones left out.
    pub(super) fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// Whether the checkbox `name` was checked.
    pub(super) fn checked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }

    /// Adds a field (for values read from a multipart body).
    pub(super) fn push(&mut self, name: &str, value: String) {
        self.0.push((name.to_owned(), value));
    }
}

/// Field errors of a form: the pages' one form-error type.
pub(super) use crate::components::form::FieldErrors as Errors;

/// Checks the free text `value` of the field with id `field` (`name` is its Danish name in definite
/// form, "titlen") against `audit::check_text` with the limit `max`; a refusal is recorded as the
/// field's error. Returns whether the text passed.
pub(super) fn check_text(
    errors: &mut Errors,
    field: &str,
    name: &str,
    value: &str,
    max: usize,
) -> bool {
    match audit::check_text(name, value, max) {
        Ok(()) => true,
        Err(err) => {
            errors.add(
                field,
                crate::components::labels::capitalized(&err.to_string()) + ".",
            );
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fields;

    #[test]
    fn repeated_names_are_all_kept_and_missing_ones_are_empty() {
        let fields = Fields::new(vec![
            ("indikator".into(), "8.a".into()),
            ("titel".into(), "  Ledelse ".into()),
            ("indikator".into(), "9.d".into()),
            ("indikator".into(), " ".into()),
        ]);
        assert_eq!(fields.all("indikator"), ["8.a", "9.d"]);
        assert_eq!(fields.trimmed("titel"), "Ledelse");
        assert_eq!(fields.get("findes-ikke"), "");
        assert!(!fields.checked("helhed"));
    }
}
