//! What a panelist typed into the rating form: the posted fields parsed into ratings, with an error next
//! to each field that is wrong, and the entered values kept so that the form can be shown again.
//!
//! Field names: `v:<unit>` carries the answer (a scale code, [`CANNOT_RATE`], a material id — repeated
//! for a case selection — or the text of a reflection), `r:<unit>` the reason; `runde` is 1 or 2 and
//! `handling` is `kladde` (save a draft) or `indsend` (submit); any other `runde` or `handling` is
//! refused. Whether a value fits its item, and a reason its limit (`audit::text`), is decided by the
//! domain (`Audit::check_value`, `audit::check_text`); this module only reads the fields and adds the
//! form's own requirements (everything answered before submitting); the reason rule, round 2's included,
//! is the domain's (`audit::check_reason`).

use std::collections::BTreeMap;

use audit::{Audit, ItemKind, MaterialId, Rating, RatingStatus, RatingValue, Round};
use audit::{FormItem, RatingForm, UnitKey, Username};

use crate::components::form::FieldErrors;
pub(crate) use crate::rating_rules::{field_message, sentence, unit_of};

/// The answer that says "kan ikke bedømmes": a rating without a value (missing in the statistics).
pub(crate) const CANNOT_RATE: &str = "kan-ikke-bedoemmes";

/// The prefix of the answer fields.
pub(crate) const VALUE_PREFIX: &str = "v:";

/// The prefix of the reason fields.
pub(crate) const REASON_PREFIX: &str = "r:";

/// One unit's fields, as posted or as stored: the chosen answer(s) and the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Entered {
    /// The answer fields, in the order posted (several for a case selection).
    pub(crate) values: Vec<String>,
    /// The reason as typed.
    pub(crate) reason: String,
}

impl Entered {
    /// The fields that show `rating` again.
    pub(crate) fn from_rating(rating: &Rating) -> Entered {
        let values = match &rating.value {
            None => vec![CANNOT_RATE.to_owned()],
            Some(RatingValue::Score(v)) => vec![v.to_string()],
            Some(RatingValue::Pick(m)) => vec![m.to_string()],
            Some(RatingValue::Picks(ms)) => ms.iter().map(ToString::to_string).collect(),
            Some(RatingValue::Text(t)) => vec![t.clone()],
        };
        Entered {
            values,
            reason: rating.reason.clone(),
        }
    }

    /// Whether `value` is among the chosen answers.
    pub(crate) fn has(&self, value: &str) -> bool {
        self.values.iter().any(|v| v == value)
    }

    /// The answers that are not blank.
    fn chosen(&self) -> Vec<&str> {
        self.values
            .iter()
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
            .collect()
    }
}

/// Which button was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// "Gem kladde": save what is filled in, as drafts.
    Draft,
    /// "Indsend": submit; everything open must be answered.
    Submit,
}

/// A parsed post of the rating form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Posted {
    /// Draft or submit.
    pub(crate) action: Action,
    /// The round the form was for.
    pub(crate) round: Round,
    /// The fields per unit.
    pub(crate) entries: BTreeMap<UnitKey, Entered>,
    /// Field names whose unit could not be read at all.
    pub(crate) malformed: Vec<String>,
    /// What is wrong with the form's own fields (`runde`, `handling`), in Danish.
    pub(crate) problems: Vec<String>,
}

/// Reads the posted fields. Fields other than answers, reasons, `runde` and `handling` (such as
/// `_csrf`) are ignored; a missing `runde` is round 1 and a missing `handling` a draft, but a value the
/// form never sends (`runde=7`, `handling=slet`) is a problem of the post, not a round-1 draft.
pub(crate) fn parse(pairs: &[(String, String)]) -> Posted {
    let mut posted = Posted {
        action: Action::Draft,
        round: Round::First,
        entries: BTreeMap::new(),
        malformed: Vec::new(),
        problems: Vec::new(),
    };
    for (name, value) in pairs {
        if name == "handling" {
            match value.trim() {
                "kladde" => posted.action = Action::Draft,
                "indsend" => posted.action = Action::Submit,
                other => posted.problems.push(format!(
                    "Handlingen »{}« findes ikke; brug knapperne »Gem kladde« eller »Indsend«. Intet er gemt.",
                    shown(other)
                )),
            }
        } else if name == "runde" {
            match value.trim() {
                "1" => posted.round = Round::First,
                "2" => posted.round = Round::Second,
                other => posted.problems.push(format!(
                    "Runde »{}« findes ikke; formularen gælder runde 1 eller runde 2. Genindlæs siden, og prøv igen. Intet er gemt.",
                    shown(other)
                )),
            }
        } else if let Some((key, is_value)) = name
            .strip_prefix(VALUE_PREFIX)
            .map(|k| (k, true))
            .or_else(|| name.strip_prefix(REASON_PREFIX).map(|k| (k, false)))
        {
            match key.parse::<UnitKey>() {
                Ok(unit) => {
                    let entry = posted.entries.entry(unit).or_default();
                    if is_value {
                        entry.values.push(value.clone());
                    } else {
                        entry.reason.clone_from(value);
                    }
                }
                Err(_) => posted.malformed.push(key.to_owned()),
            }
        }
    }
    posted
}

/// A posted value as it may be quoted back in a message: at most 40 characters, control characters
/// left out.
fn shown(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// The ratings `posted` asks to save for `rater`, each checked against its item by the domain.
/// `open` are the units still to be answered in the posted round: on "Indsend" in round 1 each of them
/// must have an answer (a value, or "kan ikke bedømmes").
///
/// # Errors
/// Every problem found, so that all can be shown at once: each unit's first problem under the unit's
/// text (`UnitKey`'s `Display`, "8.a/rapport-a"), the form's own problems as general errors.
pub(crate) fn ratings_from(
    audit: &Audit,
    rater: &Username,
    posted: &Posted,
    open: &[UnitKey],
) -> Result<Vec<Rating>, FieldErrors> {
    let mut errors = FieldErrors::default();
    for problem in &posted.problems {
        errors.add_general(problem.clone());
    }
    for key in &posted.malformed {
        errors.add_general(format!(
            "Formularen nævner »{key}«, som ikke er en gyldig enhed. Genindlæs siden, og prøv igen."
        ));
    }
    let mut ratings = Vec::new();
    for (unit, entered) in &posted.entries {
        let (form, item) = match audit.check_unit(unit) {
            Ok(found) => found,
            Err(err) => {
                errors.add_general(format!(
                    "{} Genindlæs siden, og prøv igen.",
                    field_message(&err)
                ));
                continue;
            }
        };
        let chosen = entered.chosen();
        let reason = entered.reason.trim();
        // The domain's rule for the reason; an unexplained round-2 change is reported only once the
        // unit has an answer (an unchanged unit is no rating).
        let reason_check = audit::check_reason(posted.round, reason);
        if let Err(err @ audit::ReasonError::Text(_)) = &reason_check {
            errors.add(&unit.to_string(), sentence(&err.to_string()));
            continue;
        }
        if chosen.is_empty() {
            if !reason.is_empty() {
                errors.add(&unit.to_string(),
                    match posted.round {
                        Round::First if form.kan_ikke_bedoemmes(item) => "Vælg en bedømmelse eller »Kan ikke bedømmes«, før begrundelsen kan gemmes.".to_owned(),
                        Round::First => "Vælg en bedømmelse, før begrundelsen kan gemmes.".to_owned(),
                        Round::Second => "Vælg den nye bedømmelse, eller slet begrundelsen for ændringen.".to_owned(),
                    },
                );
            }
            continue;
        }
        let value = match answer(&item.kind, &chosen) {
            Ok(value) => value,
            Err(message) => {
                errors.add(&unit.to_string(), message);
                continue;
            }
        };
        if let Err(err) = audit.check_value(unit, value.as_ref()) {
            errors.add(&unit.to_string(), field_message(&err));
            continue;
        }
        if let Err(err) = reason_check {
            errors.add(&unit.to_string(), sentence(&err.to_string()));
            continue;
        }
        ratings.push(Rating {
            rater: rater.clone(),
            unit: unit.clone(),
            value,
            reason: reason.to_owned(),
            round: posted.round,
            status: RatingStatus::Draft,
        });
    }
    if posted.action == Action::Submit && posted.round == Round::First {
        for unit in open {
            if ratings.iter().any(|r| &r.unit == unit) || errors.get(&unit.to_string()).is_some() {
                continue;
            }
            if let Some((form, item)) = audit.item(&unit.item) {
                errors.add(&unit.to_string(), missing_message(form, item));
            }
        }
    }
    if errors.is_empty() && ratings.is_empty() {
        errors.add_general(match (posted.action, posted.round) {
            (_, Round::Second) => {
                "Der er ikke valgt nogen ny bedømmelse. Vælg en ny bedømmelse og skriv en begrundelse for ændringen, eller lad runde 1 stå.".to_owned()
            }
            _ => "Der er ikke udfyldt noget at gemme.".to_owned(),
        });
    }
    if errors.is_empty() {
        Ok(ratings)
    } else {
        Err(errors)
    }
}

/// What an unanswered unit is told on "Indsend".
fn missing_message(form: &RatingForm, item: &FormItem) -> String {
    match item.kind {
        ItemKind::Sagsudvaelgelse { antal } => format!("Vælg {antal} sager."),
        ItemKind::Refleksion => "Besvar spørgsmålet.".to_owned(),
        _ if form.kan_ikke_bedoemmes(item) => {
            "Vælg en bedømmelse, eller vælg »Kan ikke bedømmes«.".to_owned()
        }
        _ => "Vælg en bedømmelse.".to_owned(),
    }
}

/// The answer of the chosen fields for an item of `kind`; `None` is "kan ikke bedømmes".
fn answer(kind: &ItemKind, chosen: &[&str]) -> Result<Option<RatingValue>, String> {
    if chosen.contains(&CANNOT_RATE) {
        return if chosen.len() == 1 {
            Ok(None)
        } else {
            Err("Vælg enten et svar eller »Kan ikke bedømmes«, ikke begge.".to_owned())
        };
    }
    let single = || match chosen {
        [one] => Ok(*one),
        _ => Err("Vælg kun ét svar.".to_owned()),
    };
    let material = |text: &str| {
        MaterialId::new(text.trim())
            .map_err(|_| format!("»{text}« er ikke et materiale i vurderingsskemaet."))
    };
    Ok(Some(match kind {
        kind if kind.is_scored() => {
            let text = single()?;
            RatingValue::Score(
                text.trim()
                    .parse()
                    .map_err(|_| format!("»{text}« er ikke en værdi på skalaen."))?,
            )
        }
        ItemKind::Nominering { .. } => RatingValue::Pick(material(single()?)?),
        ItemKind::Sagsudvaelgelse { .. } => RatingValue::Picks(
            chosen
                .iter()
                .map(|m| material(m))
                .collect::<Result<_, _>>()?,
        ),
        _ => RatingValue::Text(single()?.trim().to_owned()),
    }))
}

#[cfg(test)]
mod tests {
    use audit::{Audit, Round, Username};

    use super::{Action, CANNOT_RATE, parse, ratings_from};

    fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// A small audit in vurdering: one indicator item on the operation scale for two reports, and a
    /// case selection of one.
    fn audit() -> Audit {
        serde_json::from_value(serde_json::json!({
            "nr": "25.9", "titel": "Test", "formaal": "", "fokus": "", "model_version": "2024",
            "state": "vurdering", "deadline": null, "meeting_date": null,
            "panel": [{"username": "syd-3", "navn": "Faglig leder Syd", "tilsyn": "syd",
                       "rolle": "faglig-leder", "attendance": {"status": "deltager"}}],
            "materials": [
                {"id": "rapport-a", "pseudonym": "Rapport A", "tilsyn": "syd", "kind": "tilsynsrapport"},
                {"id": "rapport-b", "pseudonym": "Rapport B", "tilsyn": "midt", "kind": "tilsynsrapport"}
            ],
            "forms": [{"titel": "Skema", "scale": {"type": "drift"}, "items": [
                {"id": "8.a", "tekst": "Ledelsen", "art": "indikator", "indikator": "8.a"},
                {"id": "sager", "tekst": "Vælg en sag", "art": "sagsudvaelgelse", "antal": 1}
            ]}]
        }))
        .unwrap()
    }

    fn me() -> Username {
        Username::new("syd-3").unwrap()
    }

    #[test]
    fn a_draft_keeps_what_is_filled_in_and_skips_the_rest() {
        let audit = audit();
        let posted = parse(&pairs(&[
            ("_csrf", "x"),
            ("v:8.a/rapport-a", "4"),
            ("r:8.a/rapport-a", "  God ledelse  "),
            ("v:8.a/rapport-b", CANNOT_RATE),
            ("r:sager", ""),
            ("handling", "kladde"),
        ]));
        assert_eq!(posted.action, Action::Draft);
        let ratings = ratings_from(&audit, &me(), &posted, &audit.units()).unwrap();
        assert_eq!(ratings.len(), 2);
        assert_eq!(ratings[0].unit.to_string(), "8.a/rapport-a");
        assert_eq!(ratings[0].score(), Some(4));
        assert_eq!(ratings[0].reason, "God ledelse");
        assert_eq!(
            ratings[1].value, None,
            "kan ikke bedømmes is a rating without value"
        );
    }

    #[test]
    fn errors_sit_at_their_unit_and_name_the_problem() {
        let audit = audit();
        let posted = parse(&pairs(&[
            ("v:8.a/rapport-a", "7"),
            ("r:8.a/rapport-b", "Begrundelse uden svar"),
            ("v:sager", "rapport-a"),
            ("v:sager", "rapport-b"),
            ("handling", "indsend"),
        ]));
        let errors = ratings_from(&audit, &me(), &posted, &audit.units()).unwrap_err();
        let at = |unit: &str| errors.get(unit).unwrap().to_owned();
        // The scale's own words (audit::Scale::validate).
        assert!(
            at("8.a/rapport-a").contains("Værdien 7 findes ikke på skalaen"),
            "{errors:?}"
        );
        assert!(at("8.a/rapport-b").contains("før begrundelsen kan gemmes"));
        assert!(at("sager").contains("Vælg præcis 1 sager (der er valgt 2)"));
    }

    #[test]
    fn submitting_needs_every_open_unit_and_an_unknown_unit_is_refused() {
        let audit = audit();
        let posted = parse(&pairs(&[("v:8.a/rapport-a", "3"), ("handling", "indsend")]));
        let errors = ratings_from(&audit, &me(), &posted, &audit.units()).unwrap_err();
        assert_eq!(errors.iter().count(), 2, "{errors:?}");
        assert!(errors.get("sager").unwrap().contains("Vælg 1 sager"));

        let posted = parse(&pairs(&[("v:9.z/rapport-a", "3")]));
        let errors = ratings_from(&audit, &me(), &posted, &audit.units()).unwrap_err();
        assert!(
            errors.general().any(|e| e.contains("»9.z/rapport-a«")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_round_two_rating_needs_a_reason_for_the_change() {
        let mut audit = audit();
        audit.state = "droeftelse".parse().unwrap();
        let posted = parse(&pairs(&[
            ("runde", "2"),
            ("v:8.a/rapport-a", "2"),
            ("v:8.a/rapport-b", ""),
        ]));
        assert_eq!(posted.round, Round::Second);
        let errors = ratings_from(&audit, &me(), &posted, &[]).unwrap_err();
        assert_eq!(
            errors.get("8.a/rapport-a"),
            Some("Skriv en begrundelse for ændringen: en ny bedømmelse i runde 2 skal begrundes.")
        );
        assert_eq!(
            errors.iter().count(),
            1,
            "an unchanged unit is no answer: {errors:?}"
        );
    }
}
