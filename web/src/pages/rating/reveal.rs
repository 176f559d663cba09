//! The panel's ratings of one unit once the panelist may see them: how many gave each value, and who
//! gave which value with which reason. The ratings shown are exactly those the store returned for the
//! panelist (`store::ratings::ratings_visible_to`), plus the panelist's own submitted ones; nothing here
//! decides visibility.

use audit::{ItemKind, Rating, RatingValue, Round};
use maud::{Markup, html};

use crate::pages::rating::sheet::{Sheet, UnitRef, scale_choices, score_label};

/// The revealed ratings of the unit, round 1 and (when there are any) round 2.
pub(crate) fn panel(sheet: &Sheet<'_>, u: &UnitRef<'_>) -> Markup {
    let first = round_ratings(sheet, u, Round::First);
    let second = round_ratings(sheet, u, Round::Second);
    html! {
        div.reveal {
            p.reveal-title { "Panelets bedømmelser" }
            (round_view(sheet, u, Round::First, &first))
            @if !second.is_empty() {
                (round_view(sheet, u, Round::Second, &second))
            }
        }
    }
}

/// The panelist's own submitted rating and the others' visible ones in `round`.
fn round_ratings<'a>(sheet: &Sheet<'a>, u: &UnitRef<'_>, round: Round) -> Vec<&'a Rating> {
    sheet
        .own(&u.unit, round)
        .filter(|r| r.is_submitted())
        .into_iter()
        .chain(
            sheet
                .others(&u.unit)
                .iter()
                .copied()
                .filter(|r| r.round == round),
        )
        .collect()
}

fn round_view(sheet: &Sheet<'_>, u: &UnitRef<'_>, round: Round, ratings: &[&Rating]) -> Markup {
    let caption = match round {
        Round::First => "Runde 1",
        Round::Second => "Runde 2 (ændrede bedømmelser)",
    };
    let counts = distribution(sheet, u, ratings);
    html! {
        @if ratings.is_empty() {
            p.muted { (caption) ": ingen indsendte bedømmelser." }
        } @else {
            @if !counts.is_empty() {
                table.distribution {
                    caption {
                        (caption) ": " (ratings.len())
                        @if ratings.len() == 1 { " bedømmelse" } @else { " bedømmelser" }
                    }
                    thead { tr { @for (label, _) in &counts { th.num scope="col" { (label) } } } }
                    tbody { tr { @for (_, n) in &counts { td.num { (n) } } } }
                }
            } @else {
                p.caption { (caption) }
            }
            ul.reasons {
                @for r in ratings {
                    li {
                        span.rater { (sheet.rater_name(r)) }
                        @if r.rater == sheet.me.username { " (dig)" }
                        ": "
                        span.value { (sheet.value_text(u.form, r.value.as_ref())) }
                        @if !r.reason.trim().is_empty() {
                            " – " span.reason { (r.reason) }
                        }
                    }
                }
            }
        }
    }
}

/// How many gave each answer: per scale value (and "Kan ikke bedømmes" where it can be chosen or was
/// chosen), per nominated or selected
/// material; none for free-text answers.
fn distribution(sheet: &Sheet<'_>, u: &UnitRef<'_>, ratings: &[&Rating]) -> Vec<(String, usize)> {
    let missing = ratings.iter().filter(|r| r.value.is_none()).count();
    let mut counts: Vec<(String, usize)> = match &u.item.kind {
        ItemKind::Refleksion => return Vec::new(),
        ItemKind::Nominering { .. } | ItemKind::Sagsudvaelgelse { .. } => sheet
            .form_materials(u.form)
            .into_iter()
            .map(|m| {
                let n = ratings
                    .iter()
                    .filter(|r| match &r.value {
                        Some(RatingValue::Pick(p)) => p == &m.id,
                        Some(RatingValue::Picks(ps)) => ps.contains(&m.id),
                        _ => false,
                    })
                    .count();
                (m.pseudonym.clone(), n)
            })
            .collect(),
        _ => scale_choices(&u.form.scale)
            .into_iter()
            .map(|v| {
                let n = ratings
                    .iter()
                    .filter(|r| r.value == Some(RatingValue::Score(v)))
                    .count();
                (score_label(&u.form.scale, v), n)
            })
            .collect(),
    };
    if missing > 0 || u.form.kan_ikke_bedoemmes(u.item) {
        counts.push(("Kan ikke bedømmes".to_owned(), missing));
    }
    counts
}
