//! Form pieces: the CSRF field every form must carry, a labelled input with its error, and the one
//! form-error type, [`FieldErrors`].

use maud::{Markup, html};

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
/// The one form-error type of the pages: each refused field's id and its Danish message, in the order
/// found. The view shows a field's message next to it ([`input`]) and marks it `aria-invalid`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    /// Records `message` for the field with id `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push((field.to_owned(), message.into()));
    }

    /// The (first) message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether no error was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every error, in order: `(field id, message)`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }
}

impl<F: AsRef<str>> FromIterator<(F, String)> for FieldErrors {
    fn from_iter<I: IntoIterator<Item = (F, String)>>(pairs: I) -> Self {
        FieldErrors(
            pairs
                .into_iter()
                .map(|(f, m)| (f.as_ref().to_owned(), m))
                .collect(),
        )
    }
}
