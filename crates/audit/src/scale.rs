//! Rating scales: the quality model's approval and operation scales, the graded scale of audit 20.1,
//! custom ordinal scales and checklists.
//!
//! A value on a scale is stored as a small integer code; the scale gives its Danish label. Codes increase
//! with quality, so that ordinal statistics read them the right way round.
//!
//! "Kunne ikke bedømmes" (a rating without a value) is offered only where the source scale allows an
//! indicator to go unrated ([`Scale::kan_ikke_bedoemmes`]): on the operation scale, since the tilsyn
//! decides "hvornår og hvor tit tilbuddet skal bedømmes i forhold til de enkelte indikatorer" (seed
//! `004_…`), so a report need not rate every indicator; not on the approval scale, where "Socialtilsynet
//! skal foretage en bedømmelse af alle indikatorer i kvalitetsmodellen" (seed `004_…`, repeated in
//! 20.1), nor on 20.1's graded scale, which grades that same approval.

use serde::{Deserialize, Serialize};

/// A scale a rating form item is rated on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Scale {
    /// Approval (godkendelse): 0 "forventes ikke at kunne opfylde", 1 "forventes at kunne opfylde".
    Godkendelse,
    /// Operation (driftsorienteret tilsyn): 1 "i meget lav grad opfyldt" … 5 "i meget høj grad opfyldt".
    Drift,
    /// How far an approval is made probable (audit 20.1's three forms: "i hvilken grad det var
    /// sandsynliggjort, at tilbuddet forventes/ikke forventes at kunne opfylde …"): 1 "slet ikke",
    /// 2 "i mindre grad", 3 "i nogen grad", 4 "i høj grad".
    Sandsynliggoerelse,
    /// A custom ordered scale: codes 1..=n with the given labels, lowest first.
    Ordinal {
        /// The labels, from the lowest to the highest value.
        labels: Vec<String>,
    },
    /// A checklist answer: 1 "ja", 0 "nej", and 2 "ikke relevant" (which is not an ordered value).
    Tjekliste,
}

/// Labels of the approval scale, from the model text (seed `004_…`), indexed by code.
const GODKENDELSE: [&str; 2] = [
    "forventes ikke at kunne opfylde",
    "forventes at kunne opfylde",
];

/// Labels of the operation scale, from the model text (seed `004_…`), indexed by code − 1.
const DRIFT: [&str; 5] = [
    "i meget lav grad opfyldt",
    "i lav grad opfyldt",
    "i middel grad opfyldt",
    "i høj grad opfyldt",
    "i meget høj grad opfyldt",
];

/// Labels of the graded scale of audit 20.1 (seed `000_…`: "i hvilken grad det var sandsynliggjort"),
/// indexed by code − 1, lowest first.
const SANDSYNLIGGOERELSE: [&str; 4] = ["slet ikke", "i mindre grad", "i nogen grad", "i høj grad"];

/// The code of "ikke relevant" on a checklist.
pub const IKKE_RELEVANT: i32 = 2;

/// A value that is not on the scale it was given for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("værdien {value} findes ikke på skalaen »{scale}«; gyldige værdier er {allowed}")]
pub struct ScaleError {
    /// The scale's Danish name.
    pub scale: String,
    /// The value given.
    pub value: i32,
    /// The valid values with their labels.
    pub allowed: String,
}

impl Scale {
    /// The stable id of the scale kind ("godkendelse", "drift", "sandsynliggoerelse", "ordinal",
    /// "tjekliste").
    pub fn id(&self) -> &'static str {
        match self {
            Scale::Godkendelse => "godkendelse",
            Scale::Drift => "drift",
            Scale::Sandsynliggoerelse => "sandsynliggoerelse",
            Scale::Ordinal { .. } => "ordinal",
            Scale::Tjekliste => "tjekliste",
        }
    }

    /// The scale's Danish name.
    pub fn navn(&self) -> &'static str {
        match self {
            Scale::Godkendelse => "godkendelsesskala",
            Scale::Drift => "driftsskala 1–5",
            Scale::Sandsynliggoerelse => "sandsynliggørelsesskala (i høj grad – slet ikke)",
            Scale::Ordinal { .. } => "egen ordinalskala",
            Scale::Tjekliste => "tjekliste (ja/nej/ikke relevant)",
        }
    }

    /// Every value with its label, in increasing order of code.
    pub fn values(&self) -> Vec<(i32, String)> {
        match self {
            Scale::Godkendelse => numbered(0, GODKENDELSE.iter().map(|s| (*s).to_owned())),
            Scale::Drift => numbered(1, DRIFT.iter().map(|s| (*s).to_owned())),
            Scale::Sandsynliggoerelse => {
                numbered(1, SANDSYNLIGGOERELSE.iter().map(|s| (*s).to_owned()))
            }
            Scale::Ordinal { labels } => numbered(1, labels.iter().cloned()),
            Scale::Tjekliste => vec![
                (0, "nej".into()),
                (1, "ja".into()),
                (IKKE_RELEVANT, "ikke relevant".into()),
            ],
        }
    }

    /// The label of `value`, if it is on the scale.
    pub fn label(&self, value: i32) -> Option<String> {
        self.values()
            .into_iter()
            .find(|(v, _)| *v == value)
            .map(|(_, l)| l)
    }

    /// Checks that `value` is on the scale.
    ///
    /// # Errors
    /// [`ScaleError`] naming the scale, the value and the valid values.
    pub fn validate(&self, value: i32) -> Result<i32, ScaleError> {
        let values = self.values();
        if values.iter().any(|(v, _)| *v == value) {
            return Ok(value);
        }
        let allowed = values
            .iter()
            .map(|(v, l)| format!("{v} ({l})"))
            .collect::<Vec<_>>()
            .join(", ");
        Err(ScaleError {
            scale: self.navn().to_owned(),
            value,
            allowed,
        })
    }

    /// Whether the codes are ordered (all but the checklist, whose "ikke relevant" is outside the order).
    pub fn is_ordered(&self) -> bool {
        !matches!(self, Scale::Tjekliste)
    }

    /// Whether a rater may answer "kunne ikke bedømmes" (a rating without a value) on this scale: on
    /// the operation scale and on a custom scale, not on the approval scale, the graded approval scale
    /// or a checklist (whose "ikke relevant" is an answer of its own). See the module documentation
    /// for the source of each.
    pub fn kan_ikke_bedoemmes(&self) -> bool {
        match self {
            Scale::Drift | Scale::Ordinal { .. } => true,
            Scale::Godkendelse | Scale::Sandsynliggoerelse | Scale::Tjekliste => false,
        }
    }
}

fn numbered(first: i32, labels: impl Iterator<Item = String>) -> Vec<(i32, String)> {
    labels
        .enumerate()
        .map(|(i, l)| (first + i as i32, l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_the_model_text() {
        // Seed 004: "I meget høj grad opfyldt (5)" … "I meget lav grad opfyldt (1)".
        assert_eq!(
            Scale::Drift.label(5).as_deref(),
            Some("i meget høj grad opfyldt")
        );
        assert_eq!(
            Scale::Drift.label(1).as_deref(),
            Some("i meget lav grad opfyldt")
        );
        assert_eq!(
            Scale::Godkendelse.label(1).as_deref(),
            Some("forventes at kunne opfylde")
        );
        assert_eq!(
            Scale::Godkendelse.label(0).as_deref(),
            Some("forventes ikke at kunne opfylde")
        );
    }

    #[test]
    fn values_outside_the_scale_are_errors_naming_scale_and_value() {
        for (scale, bad) in [
            (Scale::Drift, 0),
            (Scale::Drift, 6),
            (Scale::Godkendelse, 2),
            (Scale::Tjekliste, 3),
            (
                Scale::Ordinal {
                    labels: vec!["lav".into(), "høj".into()],
                },
                3,
            ),
        ] {
            let err = scale.validate(bad).unwrap_err();
            assert_eq!(err.value, bad);
            assert!(err.to_string().contains(scale.navn()), "{err}");
        }
        assert_eq!(Scale::Drift.validate(3), Ok(3));
        assert_eq!(Scale::Tjekliste.validate(IKKE_RELEVANT), Ok(IKKE_RELEVANT));
    }

    #[test]
    fn the_graded_scale_of_20_1_has_four_steps_from_slet_ikke_to_i_hoej_grad() {
        // Seed 000, "Metodisk fokus": "Foretage en vurdering af i hvilken grad det var
        // sandsynliggjort, at tilbuddet forventes/ikke forventes at kunne opfylde indikatorerne";
        // the four steps are the demo's reading of "i hvilken grad".
        let graded = Scale::Sandsynliggoerelse;
        let labels: Vec<String> = graded.values().into_iter().map(|(_, l)| l).collect();
        assert_eq!(
            labels,
            ["slet ikke", "i mindre grad", "i nogen grad", "i høj grad"]
        );
        assert_eq!(graded.label(4).as_deref(), Some("i høj grad"));
        assert!(graded.is_ordered());
        assert!(graded.validate(0).is_err() && graded.validate(5).is_err());
        // A distinct scale from the approval scale, under its own id and Danish name.
        assert_ne!(graded.id(), Scale::Godkendelse.id());
        assert_ne!(graded.navn(), Scale::Godkendelse.navn());
        assert_ne!(graded.values(), Scale::Godkendelse.values());
    }

    #[test]
    fn kunne_ikke_bedoemmes_is_offered_only_where_the_source_scale_has_it() {
        // Seed 004: on approval "Socialtilsynet skal foretage en bedømmelse af alle indikatorer";
        // in operation the tilsyn "fastlægger selv […] hvornår og hvor tit tilbuddet skal bedømmes
        // i forhold til de enkelte indikatorer".
        assert!(!Scale::Godkendelse.kan_ikke_bedoemmes());
        assert!(!Scale::Sandsynliggoerelse.kan_ikke_bedoemmes());
        assert!(Scale::Drift.kan_ikke_bedoemmes());
        // A checklist answers "ikke relevant" instead.
        assert!(!Scale::Tjekliste.kan_ikke_bedoemmes());
        assert_eq!(
            Scale::Tjekliste.label(IKKE_RELEVANT).as_deref(),
            Some("ikke relevant")
        );
    }

    #[test]
    fn custom_ordinal_codes_start_at_one() {
        let s = Scale::Ordinal {
            labels: vec!["lav".into(), "middel".into(), "høj".into()],
        };
        assert_eq!(s.values().first().map(|v| v.0), Some(1));
        assert_eq!(s.label(3).as_deref(), Some("høj"));
    }
}
