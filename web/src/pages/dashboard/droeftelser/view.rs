//! The views of the discussion notes: the notes read-only, the koordinator's form (with errors next to
//! their fields and the typed text kept), and the conflict page that shows the stored version beside the
//! koordinator's own when someone else saved in between.

use audit::Droeftelse;
use maud::{Markup, html};
use store::report_content::Versioned;

use super::Topic;
use super::input::{List, NotesInput, PointInput};
use crate::components::DanishDateTime;
use crate::components::form::csrf_field;
use crate::components::form::{self, FieldErrors};

/// The notes of a discussion, read-only; `level` is the heading level of its parts (3 or 4).
pub(super) fn notes(d: &Droeftelse, level: u8) -> Markup {
    let empty = d.ligheder.is_empty() && d.opmaerksomheder.is_empty() && d.datakilder.is_empty();
    html! {
        @if empty {
            p.muted { "Der er endnu ingen noter fra drøftelsen." }
        }
        @if !d.ligheder.is_empty() {
            (heading(level, "Ligheder på tværs"))
            @for p in &d.ligheder { p { (p) } }
        }
        @for (title, list) in [("Opmærksomheder", &d.opmaerksomheder), ("Datakilder og undersøgelsesmetoder", &d.datakilder)] {
            @if !list.is_empty() {
                (heading(level, title))
                ul.points {
                    @for o in list {
                        li {
                            @if let Some(h) = &o.overskrift { strong { (h) } }
                            @for p in o.tekst.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) { p { (p) } }
                        }
                    }
                }
            }
        }
    }
}

fn heading(level: u8, text: &str) -> Markup {
    match level {
        3 => html! { h3 { (text) } },
        _ => html! { h4 { (text) } },
    }
}

/// "Senest gemt af Koordinator, Auditfunktionen, 5. marts 2020 kl. 10.15 (version 2)".
pub(super) fn saved_by(v: &Versioned<Droeftelse>, name: &str) -> Markup {
    html! {
        "Senest gemt af " (name) ", " (DanishDateTime(v.updated_at))
        " (version " (v.version) ")"
    }
}

/// The koordinator's form for `topic`, posting to `action`, filled with `input` and showing `errors`.
pub(super) fn form(
    csrf: &str,
    action: &str,
    topic: &Topic,
    input: &NotesInput,
    errors: &FieldErrors,
) -> Markup {
    html! {
        form.notes-form method="post" action=(action) novalidate {
            (csrf_field(csrf))
            input type="hidden" name="version" value=(input.version);
            @if !errors.is_empty() {
                (form::error_summary("Noterne er ikke gemt", html! {
                    p { "Ret det, der er markeret nedenfor, og gem igen:" }
                    ul { @for (field, message) in errors.iter() { li { a href=(format!("#{field}")) { (message) } } } }
                }))
            }
            fieldset {
                legend { "Ligheder på tværs" }
                (textarea("ligheder", &format!("Ligheder på tværs for {}", topic.titel), &input.ligheder,
                    Some("Hvad havde tilsynenes bedømmelser til fælles? Ét afsnit pr. punkt; adskil afsnit med en tom linje."),
                    errors.get("ligheder"), 8))
            }
            (points_fieldset(List::Opmaerksomheder, "Opmærksomheder", input.points(List::Opmaerksomheder), errors))
            (points_fieldset(List::Datakilder, "Datakilder og undersøgelsesmetoder", input.points(List::Datakilder), errors))
            button type="submit" { "Gem noterne" }
        }
    }
}

/// A list of points as numbered pairs of fields, with two blank pairs for new points.
fn points_fieldset(
    list: List,
    legend: &str,
    points: &[PointInput],
    errors: &FieldErrors,
) -> Markup {
    let blank = PointInput::default();
    let slots: Vec<&PointInput> = points.iter().chain([&blank, &blank]).collect();
    html! {
        fieldset.points-fields {
            legend { (legend) }
            p.hint {
                "Hvert punkt har en valgfri overskrift og en tekst (adskil afsnit med en tom linje). Tøm begge "
                "felter for at slette et punkt; de to sidste er tomme til nye punkter."
            }
            @for (i, p) in slots.iter().enumerate() {
                @let prefix = format!("{}-{i}", list.prefix());
                div.point {
                    @let heading = format!("{prefix}-overskrift");
                    @let heading_error = errors.get(&heading);
                    div.field {
                        label for=(heading) { (list.noun()) " " (i + 1) ": overskrift (valgfri)" }
                        input type="text" id=(heading) name=(heading) value=(p.overskrift)
                            aria-invalid=[heading_error.map(|_| "true")]
                            aria-describedby=[heading_error.map(|_| format!("{heading}-fejl"))];
                        @if let Some(e) = heading_error { p.field-error id=(format!("{heading}-fejl")) { (e) } }
                    }
                    @let text = format!("{prefix}-tekst");
                    (textarea(&text, &format!("{} {}: tekst", list.noun(), i + 1), &p.tekst, None,
                        errors.get(&text), 4))
                }
            }
        }
    }
}

/// A labelled textarea with an optional hint and error, both tied to it with `aria-describedby`.
fn textarea(
    name: &str,
    label: &str,
    value: &str,
    hint: Option<&str>,
    error: Option<&str>,
    rows: u8,
) -> Markup {
    let hint_id = format!("{name}-hjaelp");
    let error_id = format!("{name}-fejl");
    let described: Vec<&str> = [
        hint.map(|_| hint_id.as_str()),
        error.map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        div.field {
            label for=(name) { (label) }
            @if let Some(hint) = hint { p.hint id=(hint_id) { (hint) } }
            textarea id=(name) name=(name) rows=(rows)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[(!described.is_empty()).then(|| described.join(" "))] { (value) }
            @if let Some(error) = error { p.field-error id=(error_id) { (error) } }
        }
    }
}
