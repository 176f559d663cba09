//! Applicability rules ("gælder ikke …", "gælder kun …") of one indicator, as data beside their original text.

use serde::{Deserialize, Serialize};

use crate::tilbudstype::{Tilbud, Tilbudstype};

/// Which offers an indicator applies to.
///
/// The model text states that every indicator applies to every offer type "med mindre andet specifikt er angivet",
/// so [`Gaelder::Alle`] is the default and a seed file may leave the rule out. Every other rule keeps the model's
/// own Danish sentence in `tekst`, so a reader can check the machine-readable list against it.
///
/// The JSON form is an object tagged by `regel`: `{"regel":"alle"}`,
/// `{"regel":"ikke","tilbudstyper":["efterskole"],"tekst":"…"}`, `{"regel":"kun",…}` and
/// `{"regel":"kun-privat-med-bestyrelse","tekst":"…"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "regel", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Gaelder {
    /// Applies to every offer.
    #[default]
    Alle,
    /// "Gælder ikke …": applies to every offer except those of the listed types.
    Ikke {
        /// The excluded offer types.
        tilbudstyper: Vec<Tilbudstype>,
        /// The rule as the model text states it.
        tekst: String,
    },
    /// "Gælder kun …": applies only to offers of the listed types.
    Kun {
        /// The only offer types the indicator applies to.
        tilbudstyper: Vec<Tilbudstype>,
        /// The rule as the model text states it.
        tekst: String,
    },
    /// "Gælder kun for private tilbud med en bestyrelse", whatever the offer type.
    KunPrivatMedBestyrelse {
        /// The rule as the model text states it.
        tekst: String,
    },
}

impl Gaelder {
    /// Whether the indicator applies to `tilbud`.
    ///
    /// An offer of several types is covered when at least one of its types is (the union of the rules). A
    /// plejefamilie is covered by no rule: these are the rules of the quality model for tilbud, and plejefamilier
    /// are rated on a model of their own (see [`Tilbudstype::Plejefamilie`]).
    pub fn omfatter(&self, tilbud: &Tilbud) -> bool {
        if tilbud.er_plejefamilie() {
            return false;
        }
        match self {
            Gaelder::Alle => true,
            Gaelder::Ikke { tilbudstyper, .. } => {
                tilbud.tilbudstyper().any(|t| !tilbudstyper.contains(&t))
            }
            Gaelder::Kun { tilbudstyper, .. } => {
                tilbud.tilbudstyper().any(|t| tilbudstyper.contains(&t))
            }
            Gaelder::KunPrivatMedBestyrelse { .. } => tilbud.privat_med_bestyrelse,
        }
    }

    /// The original Danish rule text; `None` for [`Gaelder::Alle`], which the model text does not state per
    /// indicator.
    pub fn tekst(&self) -> Option<&str> {
        match self {
            Gaelder::Alle => None,
            Gaelder::Ikke { tekst, .. }
            | Gaelder::Kun { tekst, .. }
            | Gaelder::KunPrivatMedBestyrelse { tekst } => Some(tekst),
        }
    }

    /// The offer types the rule lists (excluded for `Ikke`, included for `Kun`); empty for the other rules.
    pub fn tilbudstyper(&self) -> &[Tilbudstype] {
        match self {
            Gaelder::Ikke { tilbudstyper, .. } | Gaelder::Kun { tilbudstyper, .. } => tilbudstyper,
            Gaelder::Alle | Gaelder::KunPrivatMedBestyrelse { .. } => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kvalitetsmodel::Gaelder;
    use crate::tilbudstype::{Tilbud, Tilbudstype};

    fn privat(tilbudstype: Tilbudstype) -> Tilbud {
        Tilbud::new(tilbudstype).med_bestyrelse(true)
    }

    #[test]
    fn alle_covers_every_offer() {
        for tilbudstype in Tilbudstype::TILBUD {
            assert!(Gaelder::Alle.omfatter(&Tilbud::new(tilbudstype)));
            assert!(Gaelder::Alle.omfatter(&privat(tilbudstype)));
        }
    }

    #[test]
    fn ikke_excludes_exactly_the_listed_types() {
        let regel = Gaelder::Ikke {
            tilbudstyper: vec![Tilbudstype::Krisecenter, Tilbudstype::Forsorgshjem],
            tekst: "gælder ikke krisecentre og forsorgshjem".to_owned(),
        };
        for tilbudstype in Tilbudstype::TILBUD {
            let listed = matches!(
                tilbudstype,
                Tilbudstype::Krisecenter | Tilbudstype::Forsorgshjem
            );
            assert_eq!(
                regel.omfatter(&Tilbud::new(tilbudstype)),
                !listed,
                "{tilbudstype:?}"
            );
        }
    }

    #[test]
    fn kun_includes_exactly_the_listed_types() {
        let regel = Gaelder::Kun {
            tilbudstyper: vec![Tilbudstype::Efterskole],
            tekst: "gælder kun efterskoler".to_owned(),
        };
        for tilbudstype in Tilbudstype::TILBUD {
            let listed = tilbudstype == Tilbudstype::Efterskole;
            assert_eq!(
                regel.omfatter(&privat(tilbudstype)),
                listed,
                "{tilbudstype:?}"
            );
        }
    }

    #[test]
    fn kun_privat_med_bestyrelse_looks_only_at_the_flag() {
        let regel = Gaelder::KunPrivatMedBestyrelse {
            tekst: "gælder kun private".to_owned(),
        };
        for tilbudstype in Tilbudstype::TILBUD {
            assert!(regel.omfatter(&privat(tilbudstype)));
            assert!(!regel.omfatter(&Tilbud::new(tilbudstype)));
        }
    }

    #[test]
    fn json_is_tagged_by_regel_in_kebab_case() {
        let cases = [
            (Gaelder::Alle, r#"{"regel":"alle"}"#),
            (
                Gaelder::Ikke {
                    tilbudstyper: vec![Tilbudstype::Efterskole],
                    tekst: "t".to_owned(),
                },
                r#"{"regel":"ikke","tilbudstyper":["efterskole"],"tekst":"t"}"#,
            ),
            (
                Gaelder::Kun {
                    tilbudstyper: vec![Tilbudstype::DelvisLukket],
                    tekst: "t".to_owned(),
                },
                r#"{"regel":"kun","tilbudstyper":["delvis-lukket"],"tekst":"t"}"#,
            ),
            (
                Gaelder::KunPrivatMedBestyrelse {
                    tekst: "t".to_owned(),
                },
                r#"{"regel":"kun-privat-med-bestyrelse","tekst":"t"}"#,
            ),
        ];
        for (regel, json) in cases {
            assert_eq!(serde_json::to_string(&regel).unwrap(), json);
            assert_eq!(serde_json::from_str::<Gaelder>(json).unwrap(), regel);
        }
    }

    #[test]
    fn a_misspelt_field_is_refused() {
        let err = serde_json::from_str::<Gaelder>(
            r#"{"regel":"ikke","tilbudstype":["efterskole"],"tekst":"t"}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("tilbudstype"), "{err}");
    }

    #[test]
    fn text_and_types_are_reachable_for_display() {
        let regel = Gaelder::Kun {
            tilbudstyper: vec![Tilbudstype::Efterskole],
            tekst: "t".to_owned(),
        };
        assert_eq!(regel.tekst(), Some("t"));
        assert_eq!(regel.tilbudstyper(), [Tilbudstype::Efterskole]);
        assert_eq!(Gaelder::Alle.tekst(), None);
        assert!(Gaelder::Alle.tilbudstyper().is_empty());
    }

    #[test]
    fn an_offer_of_several_types_is_covered_when_one_of_them_is() {
        // Seed 000_…: a tilbud "godkendt som flere tilbudstyper fx § 66 og § 107": the rules are joined.
        let ikke_krisecenter = Gaelder::Ikke {
            tilbudstyper: vec![Tilbudstype::Krisecenter],
            tekst: "gælder ikke krisecentre".to_owned(),
        };
        let kun_efterskole = Gaelder::Kun {
            tilbudstyper: vec![Tilbudstype::Efterskole],
            tekst: "gælder kun efterskoler".to_owned(),
        };
        let begge = Tilbud::af_typer([Tilbudstype::Krisecenter, Tilbudstype::Botilbud]).unwrap();
        assert!(!ikke_krisecenter.omfatter(&Tilbud::new(Tilbudstype::Krisecenter)));
        assert!(
            ikke_krisecenter.omfatter(&begge),
            "the botilbud part is not excluded"
        );
        assert!(!kun_efterskole.omfatter(&begge));
        let med_efterskole =
            Tilbud::af_typer([Tilbudstype::Krisecenter, Tilbudstype::Efterskole]).unwrap();
        assert!(kun_efterskole.omfatter(&med_efterskole));
        assert!(ikke_krisecenter.omfatter(&med_efterskole));
    }

    #[test]
    fn no_rule_of_the_tilbud_model_covers_a_plejefamilie() {
        let plejefamilie = Tilbud::new(Tilbudstype::Plejefamilie);
        assert!(!Gaelder::Alle.omfatter(&plejefamilie));
        assert!(!Gaelder::Alle.omfatter(&plejefamilie.med_bestyrelse(true)));
    }
}
