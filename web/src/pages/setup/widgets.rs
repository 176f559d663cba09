//! Labelled form controls of the set-up pages, each with its error next to it (announced through
//! `aria-describedby`) and an optional hint, and the error summary at the top of a refused form.

use maud::{Markup, html};

use crate::components::form::{self, FieldErrors};

/// The `aria-describedby` of a control with id `id`: its hint and its error, when shown.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [(hint, "hjaelp"), (error, "fejl")]
        .into_iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, what)| format!("{id}-{what}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn hint_and_error(id: &str, hint: Option<&str>, error: Option<&str>) -> Markup {
    html! {
        @if let Some(hint) = hint { p.hint id=(format!("{id}-hjaelp")) { (hint) } }
        @if let Some(error) = error { p.field-error id=(format!("{id}-fejl")) { (error) } }
    }
}

/// What a text-like control shows and says.
pub(super) struct Control<'a> {
    /// The field's name, also its id.
    pub(super) name: &'a str,
    /// The visible label.
    pub(super) label: &'a str,
    /// The value shown (as entered, after a refused post).
    pub(super) value: &'a str,
    /// A hint under the label.
    pub(super) hint: Option<&'a str>,
    /// Whether the browser should insist on a value (the server checks anyway).
    pub(super) required: bool,
}

impl<'a> Control<'a> {
    /// A control without hint, not required.
    pub(super) fn new(name: &'a str, label: &'a str, value: &'a str) -> Control<'a> {
        Control {
            name,
            label,
            value,
            hint: None,
            required: false,
        }
    }

    /// With a hint.
    pub(super) fn hint(self, hint: &'a str) -> Control<'a> {
        Control {
            hint: Some(hint),
            ..self
        }
    }

    /// Marked as required.
    pub(super) fn required(self) -> Control<'a> {
        Control {
            required: true,
            ..self
        }
    }

    /// An `<input type=kind>`.
    pub(super) fn input(&self, kind: &str, errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        html! {
            div.field {
                label for=(self.name) { (self.label) }
                input type=(kind) id=(self.name) name=(self.name) value=(self.value)
                    required[self.required]
                    aria-invalid=[error.map(|_| "true")]
                    aria-describedby=[described_by(self.name, self.hint.is_some(), error.is_some())];
                (hint_and_error(self.name, self.hint, error))
            }
        }
    }

    /// A `<textarea>`.
    pub(super) fn textarea(&self, errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        html! {
            div.field {
                label for=(self.name) { (self.label) }
                textarea id=(self.name) name=(self.name) required[self.required]
                    aria-invalid=[error.map(|_| "true")]
                    aria-describedby=[described_by(self.name, self.hint.is_some(), error.is_some())]
                    { (self.value) }
                (hint_and_error(self.name, self.hint, error))
            }
        }
    }

    /// A `<select>` of `(value, label)` options; the option equal to the control's value is selected.
    pub(super) fn select(&self, options: &[(String, String)], errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        html! {
            div.field {
                label for=(self.name) { (self.label) }
                select id=(self.name) name=(self.name) required[self.required]
                    aria-invalid=[error.map(|_| "true")]
                    aria-describedby=[described_by(self.name, self.hint.is_some(), error.is_some())] {
                    @for (value, label) in options {
                        option value=(value) selected[value == self.value] { (label) }
                    }
                }
                (hint_and_error(self.name, self.hint, error))
            }
        }
    }

    /// A group of radio buttons in a fieldset whose legend is the label; ids are `name-value`.
    pub(super) fn radios(&self, options: &[(String, String)], errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        html! {
            fieldset.field id=(self.name)
                aria-describedby=[described_by(self.name, self.hint.is_some(), error.is_some())] {
                legend { (self.label) }
                @for (value, label) in options {
                    @let id = format!("{}-{}", self.name, value);
                    div.choice {
                        input type="radio" id=(id) name=(self.name) value=(value)
                            checked[value == self.value] required[self.required];
                        label for=(id) { (label) }
                    }
                }
                (hint_and_error(self.name, self.hint, error))
            }
        }
    }
}

/// A checkbox with its label after it.
pub(super) fn checkbox(name: &str, id: &str, value: &str, checked: bool, label: Markup) -> Markup {
    html! {
        div.choice {
            input type="checkbox" id=(id) name=(name) value=(value) checked[checked];
            label for=(id) { (label) }
        }
    }
}

/// The summary of a refused form: announced at once, each error a link to its field.
pub(super) fn error_summary(errors: &FieldErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            (form::error_summary("Formularen er ikke gemt", html! {
                ul {
                    @for (field, message) in errors.iter() {
                        li { a href=(format!("#{field}")) { (message) } }
                    }
                }
            }))
        }
    }
}

/// A refusal by the workflow or the audit's rules, as a notice at the top of the page.
pub(super) fn refusal(message: Option<&str>) -> Markup {
    html! {
        @if let Some(message) = message {
            div.notice.error role="alert" { p { (message) } }
        }
    }
}

/// `(value, label)` pairs from static strings.
pub(super) fn options<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(v, l)| (v.to_owned(), l.to_owned()))
        .collect()
}
