//! Form pieces: the CSRF field every form must carry, and a labelled input with its error.

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
