//! Checking the audit form: every field against its rule and the quality model, each refusal a Danish
//! message next to its field. The rules of the dates are the domain's (`audit::tidsplan`).

use audit::text::{PROSE_MAX, TITLE_MAX};
use audit::{Afsloeringsregel, Audit, AuditNr, Kvalitetsmodel, Scale};
use store::audits::AuditSettings;
use time::Date;

use super::super::dates::parse_date;
use super::super::focus;
use super::super::scale::parse_scale;
use super::{Draft, EFTER_EGEN, VED_MOEDET};
use crate::components::form::FieldErrors;

/// What the form says once checked.
pub(super) struct Checked {
    pub(super) nr: Option<AuditNr>,
    pub(super) settings: AuditSettings,
    /// The scale for the forms; `None` when it was not posted (a frozen scale, shown read-only).
    pub(super) scale: Option<Scale>,
}

/// Checks `draft` against the model and the rules of the form; `existing` is the stored audit when
/// editing, `frozen` whether its set-up is frozen (`Audit::setup_freeze`). Dates in the past are
/// refused when they are new (an old audit keeps its dates). Whether a frozen setting may change is not
/// decided here but by the domain (`Audit::check_setup_change`); a frozen setting that is not posted
/// (the page shows it read-only) keeps its stored value.
pub(super) fn check(
    draft: &Draft,
    model: Option<&Kvalitetsmodel>,
    today: Date,
    existing: Option<&Audit>,
    frozen: bool,
) -> Result<Checked, FieldErrors> {
    let mut errors = FieldErrors::default();
    let nr = match existing {
        Some(audit) => Some(audit.nr.clone()),
        None if draft.nr.is_empty() => {
            errors.add("nr", "Skriv auditforløbets nummer, f.eks. 25.3.");
            None
        }
        None => match draft.nr.parse::<AuditNr>() {
            Ok(nr) => Some(nr),
            Err(err) => {
                errors.add("nr", sentence(&err.to_string()));
                None
            }
        },
    };
    if draft.titel.is_empty() {
        errors.add("titel", "Skriv en titel på auditforløbet.");
    } else {
        errors.check_text("titel", "titlen", &draft.titel, TITLE_MAX);
    }
    if draft.formaal.is_empty() {
        errors.add("formaal", "Skriv auditforløbets formål.");
    } else {
        errors.check_text("formaal", "formålet", &draft.formaal, PROSE_MAX);
    }
    errors.check_text(
        "fokus_tekst",
        "uddybningen af fokus",
        &draft.fokus_tekst,
        PROSE_MAX,
    );
    let fokus = match model {
        None => {
            errors.add(
                "model_version",
                format!(
                    "Kvalitetsmodellen findes ikke i version »{}«.",
                    draft.model_version
                ),
            );
            None
        }
        Some(model) => {
            match focus::from_post(model, &draft.fokus_art, &draft.indikatorer) {
                Ok(choice) => Some(focus::compose(model, &choice, &draft.fokus_tekst)),
                // An audit whose focus was written as prose (the demo's) may keep it without a choice.
                Err(_)
                    if draft.fokus_art.is_empty()
                        && existing.is_some()
                        && !draft.fokus_tekst.is_empty() =>
                {
                    Some(draft.fokus_tekst.clone())
                }
                Err(message) => {
                    errors.add("fokus_art", message);
                    None
                }
            }
        }
    };
    // A frozen scale is shown read-only and not posted: it stays as it is.
    let scale = if frozen && draft.skala.is_empty() {
        Some(None)
    } else {
        match parse_scale(&draft.skala, &draft.skala_labels) {
            Ok(scale) => Some(Some(scale)),
            Err(message) => {
                let field = if draft.skala == "ordinal" {
                    "skala_labels"
                } else {
                    "skala"
                };
                errors.add(field, message);
                None
            }
        }
    };
    let date =
        |errors: &mut FieldErrors, field: &str, text: &str, old: Option<Date>| match parse_date(
            text,
        ) {
            Ok(Some(d)) => match audit::tidsplan::check_dato(d, old, today) {
                Ok(()) => Some(Some(d)),
                Err(err) => {
                    errors.add(field, sentence(&err.to_string()));
                    None
                }
            },
            Ok(None) => Some(None),
            Err(message) => {
                errors.add(field, message);
                None
            }
        };
    let deadline = date(
        &mut errors,
        "deadline",
        &draft.deadline,
        existing.and_then(|a| a.deadline),
    );
    let meeting_date = date(
        &mut errors,
        "meeting_date",
        &draft.meeting_date,
        existing.and_then(|a| a.meeting_date),
    );
    if let (Some(Some(deadline)), Some(Some(meeting))) = (deadline, meeting_date)
        && let Err(err) = audit::tidsplan::check_raekkefoelge(
            deadline,
            meeting,
            existing.map(|a| (a.deadline, a.meeting_date)),
        )
    {
        errors.add("meeting_date", sentence(&err.to_string()));
    }
    let reveal_rule = match draft.reveal_rule.as_str() {
        // Not posted: a frozen rule is shown read-only; a new audit gets the default.
        "" => existing.map_or(Afsloeringsregel::VedMoedet, |a| a.reveal_rule),
        VED_MOEDET => Afsloeringsregel::VedMoedet,
        EFTER_EGEN => Afsloeringsregel::EfterEgenIndsendelse,
        _ => {
            errors.add("reveal_rule", "Vælg, hvornår bedømmelserne afsløres.");
            Afsloeringsregel::VedMoedet
        }
    };
    match (nr, fokus, scale, deadline, meeting_date) {
        (Some(nr), Some(fokus), Some(scale), Some(deadline), Some(meeting_date))
            if errors.is_empty() =>
        {
            Ok(Checked {
                nr: existing.is_none().then_some(nr),
                settings: AuditSettings {
                    titel: draft.titel.clone(),
                    formaal: draft.formaal.clone(),
                    fokus,
                    model_version: draft.model_version.clone(),
                    deadline,
                    meeting_date,
                    reveal_rule,
                },
                scale,
            })
        }
        _ => Err(errors),
    }
}

/// A domain fragment ("auditnummer »x« er ugyldigt: …") as a sentence.
pub(super) fn sentence(fragment: &str) -> String {
    let mut text = crate::components::labels::capitalized(fragment);
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}
