//! One unit of the rating form (one item, for one material when it is rated per material): the
//! round-1 fieldset with the scale's labels as radio buttons, "Kan ikke bedømmes" where the form allows
//! it (`audit::RatingForm::kan_ikke_bedoemmes`) and the reason; the
//! panelist's own rating read-only once submitted; the panel's revealed ratings; and the round-2
//! fieldset for a revised rating with the reason for the change.

use audit::{ItemKind, Round, UnitKey};
use maud::{Markup, html};

use crate::pages::rating::entry::{CANNOT_RATE, Entered, REASON_PREFIX, VALUE_PREFIX};
use crate::pages::rating::reveal;
use crate::pages::rating::sheet::{
    Input, Mode, Sheet, UnitRef, dom_id, scale_choices, score_label,
};

/// Everything the page shows of one unit.
pub(crate) fn block(sheet: &Sheet<'_>, input: &Input<'_>, u: &UnitRef<'_>) -> Markup {
    let dom = dom_id(&u.unit);
    let title = sheet.item_title(u.item);
    let revealed =
        matches!(sheet.mode, Mode::SecondRound | Mode::Closed) || !sheet.others(&u.unit).is_empty();
    html! {
        div.unit-block id=(dom) {
            @if sheet.editable(&u.unit, Round::First) {
                (round_fieldset(sheet, input, u, &dom, &title, Round::First))
            } @else {
                p.unit-title { (title) (context(u)) }
                @if sheet.mode != Mode::NotOpen {
                    (own_readonly(sheet, u, Round::First))
                }
            }
            @if revealed {
                (reveal::panel(sheet, u))
            }
            @if sheet.is_scored(&u.unit) && matches!(sheet.mode, Mode::SecondRound | Mode::Closed) {
                @if sheet.editable(&u.unit, Round::Second) {
                    (round_fieldset(sheet, input, u, &dom, &title, Round::Second))
                } @else if sheet.own(&u.unit, Round::Second).is_some() {
                    (own_readonly(sheet, u, Round::Second))
                }
            }
        }
    }
}

/// The material a per-material unit is for, for screen readers (sighted users see the heading).
fn context(u: &UnitRef<'_>) -> Markup {
    html! {
        @if let Some(m) = u.material {
            span.visually-hidden { " – " (m.pseudonym) }
        }
    }
}

/// What the panelist entered (after a refused post) or saved as draft for the unit in `round`.
fn entered(sheet: &Sheet<'_>, input: &Input<'_>, unit: &UnitKey, round: Round) -> Entered {
    if input.round == round
        && let Some(entered) = input.entered.get(unit)
    {
        return entered.clone();
    }
    sheet
        .own(unit, round)
        .map(Entered::from_rating)
        .unwrap_or_default()
}

/// The error line of a unit, announced with the field through `aria-describedby`.
fn error_line(error: Option<&str>, id: &str) -> Markup {
    html! {
        @if let Some(error) = error {
            p.field-error id=(id) { span.visually-hidden { "Fejl: " } (error) }
        }
    }
}

/// What a round's fieldset of one unit is drawn from: the values entered (or stored), the unit's
/// error in that round, the error's element id, the answer field's name, and the unit's DOM id.
struct Start<'e> {
    entered: Entered,
    error: Option<&'e str>,
    error_id: String,
    name: String,
    dom: &'e str,
}

impl Start<'_> {
    /// The `aria-describedby` of the unit's fields: its error, when it has one.
    fn described(&self) -> Option<&str> {
        self.error.map(|_| self.error_id.as_str())
    }
}

/// The fieldset of one unit in `round`: the legend, the draft note and the unit's error, then the
/// round's answer fields.
fn round_fieldset(
    sheet: &Sheet<'_>,
    input: &Input<'_>,
    u: &UnitRef<'_>,
    dom: &str,
    title: &str,
    round: Round,
) -> Markup {
    let s = Start {
        entered: entered(sheet, input, &u.unit, round),
        error: (input.round == round)
            .then(|| input.errors.get(&u.unit.to_string()))
            .flatten(),
        error_id: format!("{dom}-fejl"),
        name: format!("{VALUE_PREFIX}{}", u.unit),
        dom,
    };
    let draft = sheet.own(&u.unit, round).is_some_and(|r| !r.is_submitted());
    html! {
        fieldset.unit.round-two[round == Round::Second] aria-describedby=[s.described()] {
            legend {
                @match round {
                    Round::First => { (title) },
                    Round::Second => { "Din bedømmelse i runde 2" span.visually-hidden { " – " (title) } },
                }
                (context(u))
            }
            @if draft {
                p.saved { span class="status draft" { "Kladde" } " Gemt som kladde; kun du kan se den." }
            }
            (error_line(s.error, &s.error_id))
            @match round {
                Round::First => { (first_round_answer(sheet, u, &s)) },
                Round::Second => { (second_round_answer(u, &s)) },
            }
        }
    }
}

/// The answer fields of round 1: by the item's kind, a text, a case selection, a nomination or a
/// score, each with the reason.
fn first_round_answer(sheet: &Sheet<'_>, u: &UnitRef<'_>, s: &Start<'_>) -> Markup {
    let (dom, name, entered, error) = (s.dom, &s.name, &s.entered, s.error);
    html! {
        @match &u.item.kind {
            ItemKind::Refleksion => {
                div.field {
                    label for=(format!("{dom}-svar")) { "Dit svar" }
                    textarea id=(format!("{dom}-svar")) name=(name) rows="4"
                        aria-invalid=[error.map(|_| "true")] aria-describedby=[s.described()] {
                        (entered.values.first().map_or("", String::as_str))
                    }
                }
            }
            ItemKind::Sagsudvaelgelse { .. } => {
                div.choices {
                    @for m in sheet.form_materials(u.form) {
                        @let id = format!("{dom}-{}", m.id);
                        div.choice {
                            input type="checkbox" id=(id) name=(name) value=(m.id.as_str())
                                checked[entered.has(m.id.as_str())] aria-invalid=[error.map(|_| "true")];
                            label for=(id) { (m.pseudonym) }
                        }
                    }
                }
                (reason_field(&u.unit, dom, "Begrundelse", &entered.reason, s.described()))
            }
            ItemKind::Nominering { .. } => {
                div.choices {
                    @for m in sheet.form_materials(u.form) {
                        (radio(name, &format!("{dom}-{}", m.id), m.id.as_str(), &m.pseudonym, entered, error.is_some()))
                    }
                    (radio(name, &format!("{dom}-kbb"), CANNOT_RATE, "Kan ikke bedømmes", entered, error.is_some()))
                }
                (reason_field(&u.unit, dom, "Begrundelse", &entered.reason, s.described()))
            }
            _ => {
                div.choices {
                    @for v in scale_choices(&u.form.scale) {
                        (radio(name, &format!("{dom}-v{v}"), &v.to_string(), &score_label(&u.form.scale, v), entered, error.is_some()))
                    }
                    @if u.form.kan_ikke_bedoemmes(u.item) {
                        (radio(name, &format!("{dom}-kbb"), CANNOT_RATE, "Kan ikke bedømmes", entered, error.is_some()))
                    }
                }
                (reason_field(&u.unit, dom, "Begrundelse", &entered.reason, s.described()))
            }
        }
    }
}

/// The answer fields of round 2: unchanged, or a new score with the reason for the change.
fn second_round_answer(u: &UnitRef<'_>, s: &Start<'_>) -> Markup {
    let (dom, name, entered, error) = (s.dom, &s.name, &s.entered, s.error);
    let unchanged = entered.values.iter().all(|v| v.trim().is_empty());
    html! {
        div.choices {
            div.choice {
                input type="radio" id=(format!("{dom}-uaendret")) name=(name) value="" checked[unchanged];
                label for=(format!("{dom}-uaendret")) { "Uændret – ingen ny bedømmelse" }
            }
            @for v in scale_choices(&u.form.scale) {
                (radio(name, &format!("{dom}-v{v}"), &v.to_string(), &score_label(&u.form.scale, v), entered, error.is_some()))
            }
            @if u.form.kan_ikke_bedoemmes(u.item) {
                (radio(name, &format!("{dom}-kbb"), CANNOT_RATE, "Kan ikke bedømmes", entered, error.is_some()))
            }
        }
        (reason_field(&u.unit, dom, "Begrundelse for ændringen", &entered.reason, s.described()))
    }
}

fn radio(
    name: &str,
    id: &str,
    value: &str,
    label: &str,
    entered: &Entered,
    invalid: bool,
) -> Markup {
    html! {
        div.choice {
            input type="radio" id=(id) name=(name) value=(value) checked[entered.has(value)]
                aria-invalid=[invalid.then_some("true")];
            label for=(id) { (label) }
        }
    }
}

fn reason_field(
    unit: &UnitKey,
    dom: &str,
    label: &str,
    reason: &str,
    described: Option<&str>,
) -> Markup {
    let id = format!("{dom}-begrundelse");
    html! {
        div.field {
            label for=(id) { (label) }
            textarea id=(id) name=(format!("{REASON_PREFIX}{unit}")) rows="3" aria-describedby=[described] { (reason) }
        }
    }
}

/// The panelist's own rating of the unit in `round`, read-only.
fn own_readonly(sheet: &Sheet<'_>, u: &UnitRef<'_>, round: Round) -> Markup {
    let own = sheet.own(&u.unit, round);
    let heading = match round {
        Round::First => "Din bedømmelse",
        Round::Second => "Din bedømmelse i runde 2",
    };
    html! {
        @match own {
            Some(rating) => {
                dl.own-rating {
                    dt { (heading) }
                    dd {
                        (sheet.value_text(u.form, rating.value.as_ref()))
                        " "
                        @if rating.is_submitted() {
                            span class="status submitted" { "Indsendt" }
                        } @else {
                            span class="status draft" { "Kladde" }
                        }
                    }
                    @if !rating.reason.trim().is_empty() {
                        dt { @if round == Round::Second { "Begrundelse for ændringen" } @else { "Begrundelse" } }
                        dd.reason { (rating.reason) }
                    }
                }
            }
            None => {
                @if round == Round::First {
                    p.muted { "Du har ikke besvaret punktet." }
                }
            }
        }
    }
}
