//! Form pieces: the CSRF field every form must carry, a labelled input with its error, and the one
//! form-error type, [`FieldErrors`].

use maud::{Markup, html};

use crate::components::labels::capitalized;

/// The name of the hidden form field that carries the session's CSRF token (checked by
/// `auth::csrf::protect`).
pub const CSRF_FIELD: &str = "_csrf";

/// The hidden field with the session's CSRF token; put it in every `<form method="post">`.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name=(CSRF_FIELD) value=(token); }
}

/// A labelled text input (`kind` is the input type) with an optional error shown next to it and
/// announced to screen readers through `aria-describedby`.
pub fn input(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    error: Option<&str>,
    autocomplete: &str,
) -> Markup {
    let error_id = format!("{name}-fejl");
    html! {
        div.field {
            label for=(name) { (label) }
            input type=(kind) id=(name) name=(name) value=(value) autocomplete=(autocomplete)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| error_id.as_str())];
            @if let Some(error) = error {
                p.field-error id=(error_id) { (error) }
            }
        }
    }
}
/// What `audit::check_text` says about the free text `value` (`what` is its Danish name in definite
/// form, "titlen") with the limit `max`, as a sentence for a page; `None` when the text passes.
pub fn text_error(what: &str, value: &str, max: usize) -> Option<String> {
    audit::check_text(what, value, max)
        .err()
        .map(|err| capitalized(&err.to_string()) + ".")
}

/// The summary at the top of a refused form: `title`, then `body` (a list of the errors in the order
/// of their fields on the page, each linking to its field). The summary takes the focus when the page
/// loads, without script: `autofocus` is honoured on any focusable element on load, and `tabindex="-1"`
/// makes the summary focusable without adding it to the Tab order. (A fragment in the form's action
/// would only scroll and move the point where Tab starts, so a screen reader would not announce the
/// errors.)
pub fn error_summary(title: &str, body: Markup) -> Markup {
    html! {
        div.notice.error.error-summary #fejl role="alert" aria-labelledby="fejl-titel" tabindex="-1" autofocus {
            h2 #fejl-titel { (title) }
            (body)
        }
    }
}

/// The one form-error type of the pages: each refused field's id and its Danish message, in the order
/// found, one message per field; and the errors that belong to no single field. The view shows a
/// field's message next to it ([`input`]) and marks it `aria-invalid`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    fields: Vec<(String, String)>,
    general: Vec<String>,
}

impl FieldErrors {
    /// Records `message` for the field with id `field`, unless the field already has one: the first
    /// problem found is the one shown.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.fields.push((field.to_owned(), message.into()));
        }
    }

    /// Records `message` for the form as a whole.
    pub fn add_general(&mut self, message: impl Into<String>) {
        self.general.push(message.into());
    }

    /// Checks the free text `value` of the field `field` (`what` is its Danish name in definite form,
    /// "titlen") against `audit::check_text` with the limit `max`, and records a refusal as the field's
    /// error. Returns whether the text passed.
    pub fn check_text(&mut self, field: &str, what: &str, value: &str, max: usize) -> bool {
        match text_error(what, value, max) {
            None => true,
            Some(message) => {
                self.add(field, message);
                false
            }
        }
    }

    /// The message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether no error was found.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty()
    }

    /// The errors of single fields, in order: `(field id, message)`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }

    /// The errors of the form as a whole, in order.
    pub fn general(&self) -> impl Iterator<Item = &str> {
        self.general.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::FieldErrors;

    #[test]
    fn the_first_message_of_a_field_is_kept_and_text_is_checked_by_the_domain() {
        let mut errors = FieldErrors::default();
        assert!(errors.is_empty());
        errors.add("titel", "Skriv en titel.");
        errors.add("titel", "En anden fejl.");
        assert_eq!(errors.get("titel"), Some("Skriv en titel."));
        assert_eq!(errors.iter().count(), 1);
        // audit::check_text refuses control characters; the message is made a sentence.
        assert!(!errors.check_text("navn", "navnet", "a\u{1}b", 300));
        let message = errors.get("navn").unwrap();
        assert!(
            message.starts_with("Navnet") && message.ends_with('.'),
            "{message}"
        );
        assert!(errors.check_text("kort", "teksten", "fint", 300));
        assert_eq!(errors.get("kort"), None);
        errors.add_general("Genindlæs siden.");
        assert_eq!(errors.general().collect::<Vec<_>>(), ["Genindlæs siden."]);
    }
}
