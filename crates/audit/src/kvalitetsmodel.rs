//! The quality model (kvalitetsmodellen) as versioned data: temaer → kriterier → indikatorer, each indicator with
//! its applicability rule.
//!
//! A model version is read from its seed file (`seeds/kvalitetsmodel/<version>.toml`) with
//! [`Kvalitetsmodel::from_toml`], which validates it; after that the model cannot be invalid, since its fields are
//! private and reached through `&`. Its JSON form (what `auditpanel model --format json` prints and other tools read)
//! is fixed: `{"version", "titel", …, "temaer":[{"id","navn","kriterier":[{"id","tekst","indikatorer":[{"id","tekst",
//! "gaelder"}]}]}]}`. Extra fields appear at the top level only; tema descriptions and indicator sources stay in the
//! TOML.

mod gaelder;
mod validering;

use serde::{Deserialize, Deserializer, Serialize};

use crate::tilbudstype::Tilbud;

pub use self::gaelder::Gaelder;
pub use self::validering::{ModelFejl, Niveau};

/// One version of the quality model, validated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kvalitetsmodel {
    version: String,
    titel: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    gyldighed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kilde: Option<String>,
    temaer: Vec<Tema>,
}

/// A quality theme, for example "Organisation og ledelse".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tema {
    /// A stable slug such as `organisation-og-ledelse`.
    pub id: String,
    /// The Danish name as the model prints it.
    pub navn: String,
    /// The model's description of the theme, one string per paragraph; may be empty. Not part of the JSON form.
    #[serde(default, skip_serializing)]
    pub beskrivelse: Vec<String>,
    /// The criteria, in model order.
    pub kriterier: Vec<Kriterium>,
}

/// A quality criterion, for example "Kriterium 8: Tilbuddet har en kompetent ledelse".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kriterium {
    /// The criterion's number as a string (`"8"`); numbers are not consecutive (11–13 left the model in 2017).
    pub id: String,
    /// The criterion's text.
    pub tekst: String,
    /// The indicators, in model order.
    pub indikatorer: Vec<Indikator>,
}

/// A quality indicator, the unit that is rated, for example "8.c".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indikator {
    /// The id as printed, the criterion number, a dot and a letter (`"8.c"`).
    pub id: String,
    /// The indicator's text.
    pub tekst: String,
    /// Which offers the indicator applies to; [`Gaelder::Alle`] when the seed leaves it out.
    #[serde(default)]
    pub gaelder: Gaelder,
    /// Where the text comes from, when a version is pieced together from several sources. Not part of the JSON
    /// form.
    #[serde(default, skip_serializing)]
    pub kilde: Option<String>,
}

/// The top level of a seed file before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Udkast {
    version: String,
    titel: String,
    #[serde(default)]
    gyldighed: Option<String>,
    #[serde(default)]
    kilde: Option<String>,
    temaer: Vec<Tema>,
}

impl Kvalitetsmodel {
    /// Reads and validates a model version from the text of its seed file.
    ///
    /// # Errors
    /// [`ModelFejl::Toml`] when the text is not TOML in the seed schema (unknown fields and unknown offer types
    /// included), and the other [`ModelFejl`] variants for a model that breaks a rule (see [`ModelFejl`]).
    pub fn from_toml(text: &str) -> Result<Kvalitetsmodel, ModelFejl> {
        let udkast: Udkast = toml::from_str(text).map_err(|err| ModelFejl::fra_toml(text, &err))?;
        Kvalitetsmodel::try_from(udkast)
    }

    /// The version id, for example `"2024"`; an audit pins the version it ran under by this id.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The model's title.
    pub fn titel(&self) -> &str {
        &self.titel
    }

    /// When the version was in force, as Danish text, if the seed states it.
    pub fn gyldighed(&self) -> Option<&str> {
        self.gyldighed.as_deref()
    }

    /// Where the version's text comes from, if the seed states it.
    pub fn kilde(&self) -> Option<&str> {
        self.kilde.as_deref()
    }

    /// The themes, in model order.
    pub fn temaer(&self) -> &[Tema] {
        &self.temaer
    }

    /// Every criterion, in model order.
    pub fn kriterier(&self) -> impl Iterator<Item = &Kriterium> {
        self.temaer.iter().flat_map(|tema| &tema.kriterier)
    }

    /// Every indicator, in model order.
    pub fn indikatorer(&self) -> impl Iterator<Item = &Indikator> {
        self.kriterier()
            .flat_map(|kriterium| &kriterium.indikatorer)
    }

    /// The number of themes.
    pub fn antal_temaer(&self) -> usize {
        self.temaer.len()
    }

    /// The number of criteria.
    pub fn antal_kriterier(&self) -> usize {
        self.kriterier().count()
    }

    /// The number of indicators.
    pub fn antal_indikatorer(&self) -> usize {
        self.indikatorer().count()
    }

    /// The theme with this id.
    pub fn tema(&self, id: &str) -> Option<&Tema> {
        self.temaer.iter().find(|tema| tema.id == id)
    }

    /// The criterion with this id (its number, `"8"`).
    pub fn kriterium(&self, id: &str) -> Option<&Kriterium> {
        self.kriterier().find(|kriterium| kriterium.id == id)
    }

    /// The indicator with this id (`"8.c"`).
    pub fn indikator(&self, id: &str) -> Option<&Indikator> {
        self.placering(id).map(|(_, _, indikator)| indikator)
    }

    /// The criterion that the indicator with this id belongs to.
    pub fn kriterium_for(&self, indikator_id: &str) -> Option<&Kriterium> {
        self.placering(indikator_id)
            .map(|(_, kriterium, _)| kriterium)
    }

    /// The theme that the indicator with this id belongs to.
    pub fn tema_for(&self, indikator_id: &str) -> Option<&Tema> {
        self.placering(indikator_id).map(|(tema, _, _)| tema)
    }

    /// The indicators that apply to `tilbud`, in model order.
    pub fn gaeldende_indikatorer(&self, tilbud: &Tilbud) -> Vec<&Indikator> {
        self.indikatorer()
            .filter(|indikator| indikator.gaelder.omfatter(tilbud))
            .collect()
    }

    /// The theme, criterion and indicator of an indicator id.
    fn placering(&self, indikator_id: &str) -> Option<(&Tema, &Kriterium, &Indikator)> {
        self.temaer.iter().find_map(|tema| {
            tema.kriterier.iter().find_map(|kriterium| {
                let indikator = kriterium
                    .indikatorer
                    .iter()
                    .find(|i| i.id == indikator_id)?;
                Some((tema, kriterium, indikator))
            })
        })
    }
}

impl Kriterium {
    /// This criterion's indicators that apply to `tilbud`, in model order.
    pub fn gaeldende_indikatorer<'a>(
        &'a self,
        tilbud: &Tilbud,
    ) -> impl Iterator<Item = &'a Indikator> {
        let tilbud = *tilbud;
        self.indikatorer
            .iter()
            .filter(move |indikator| indikator.gaelder.omfatter(&tilbud))
    }
}

impl TryFrom<Udkast> for Kvalitetsmodel {
    type Error = ModelFejl;

    fn try_from(udkast: Udkast) -> Result<Kvalitetsmodel, ModelFejl> {
        validering::valider(&udkast)?;
        let Udkast {
            version,
            titel,
            gyldighed,
            kilde,
            temaer,
        } = udkast;
        Ok(Kvalitetsmodel {
            version,
            titel,
            gyldighed,
            kilde,
            temaer,
        })
    }
}

// Reading a model from JSON (or any serde format) validates it just like `from_toml`, so no invalid model can be
// built by deserializing.
impl<'de> Deserialize<'de> for Kvalitetsmodel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let udkast = Udkast::deserialize(deserializer)?;
        Kvalitetsmodel::try_from(udkast).map_err(serde::de::Error::custom)
    }
}

/// The one small model of the crate's unit tests (`test_model.toml`).
#[cfg(test)]
pub(crate) mod test_model {
    use super::Kvalitetsmodel;

    /// The test model as TOML, for tests that break one thing in it.
    pub(crate) const TEST_MODEL: &str = include_str!("kvalitetsmodel/test_model.toml");

    /// The test model: two themes (uddannelse-og-beskaeftigelse with criteria 1 and 2, organisation-og-
    /// ledelse with 8 and 14), 1.b not for efterskoler, 1.d only for efterskoler, 8.c only for private
    /// offers with a board.
    pub(crate) fn test_model() -> Kvalitetsmodel {
        Kvalitetsmodel::from_toml(TEST_MODEL).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use crate::kvalitetsmodel::test_model::{TEST_MODEL, test_model};
    use crate::kvalitetsmodel::{Gaelder, Kvalitetsmodel, ModelFejl, Niveau};
    use crate::tilbudstype::{Tilbud, Tilbudstype};

    #[test]
    fn reads_the_small_model_with_counts_and_defaults() {
        let model = test_model();
        assert_eq!(model.version(), "test");
        assert_eq!(model.titel(), "Testmodel");
        assert_eq!(model.gyldighed(), None);
        assert_eq!(
            (
                model.antal_temaer(),
                model.antal_kriterier(),
                model.antal_indikatorer()
            ),
            (2, 4, 7)
        );
        assert_eq!(model.indikator("1.a").unwrap().gaelder, Gaelder::Alle);
        assert_eq!(
            model.temaer()[0].beskrivelse,
            ["Første afsnit.", "Andet afsnit."]
        );
        assert_eq!(
            model.indikator("1.d").unwrap().kilde.as_deref(),
            Some("opfundet til testen")
        );
    }

    #[test]
    fn lookups_by_id_find_the_owning_criterion_and_theme() {
        let model = test_model();
        assert_eq!(model.kriterium_for("14.a").unwrap().id, "14");
        assert_eq!(
            model.tema_for("14.a").unwrap().id,
            "organisation-og-ledelse"
        );
        assert_eq!(
            model.tema_for("1.d").unwrap().navn,
            "Uddannelse og beskæftigelse"
        );
        assert_eq!(model.kriterium("8").unwrap().tekst, "Kriterium otte");
        assert_eq!(
            model
                .tema("organisation-og-ledelse")
                .unwrap()
                .kriterier
                .len(),
            2
        );
        assert!(model.indikator("1.c").is_none());
        assert!(model.kriterium_for("9.z").is_none());
        assert!(model.tema_for("").is_none());
        assert!(model.tema("kompetencer").is_none());
    }

    #[test]
    fn applicable_indicators_keep_model_order() {
        let model = test_model();
        let ids = |tilbud: Tilbud| -> Vec<String> {
            model
                .gaeldende_indikatorer(&tilbud)
                .iter()
                .map(|i| i.id.clone())
                .collect()
        };
        // test_model.toml: 1.b is not for efterskoler, 1.d only for them, 8.c only with a board.
        assert_eq!(
            ids(Tilbud::new(Tilbudstype::Botilbud)),
            ["1.a", "1.b", "2.a", "8.a", "14.a"]
        );
        assert_eq!(
            ids(Tilbud::new(Tilbudstype::Efterskole)),
            ["1.a", "1.d", "2.a", "8.a", "14.a"]
        );
        let privat = Tilbud::new(Tilbudstype::Efterskole).med_bestyrelse(true);
        assert_eq!(ids(privat), ["1.a", "1.d", "2.a", "8.a", "8.c", "14.a"]);
        let kriterium = model.kriterium("1").unwrap();
        let botilbud = Tilbud::new(Tilbudstype::Botilbud);
        assert_eq!(kriterium.gaeldende_indikatorer(&botilbud).count(), 2);
    }

    /// The JSON shape is an interface: `auditpanel model --format json` prints it and other tools read it.
    #[test]
    fn json_has_exactly_the_published_keys() {
        let json = serde_json::to_value(test_model()).unwrap();
        let keys = |value: &serde_json::Value| -> Vec<String> {
            value.as_object().unwrap().keys().cloned().collect()
        };
        // serde_json's map is sorted by key unless `preserve_order` is on, so compare sorted lists.
        assert_eq!(keys(&json), ["temaer", "titel", "version"]);
        let tema = &json["temaer"][0];
        assert_eq!(keys(tema), ["id", "kriterier", "navn"]);
        let kriterium = &tema["kriterier"][0];
        assert_eq!(keys(kriterium), ["id", "indikatorer", "tekst"]);
        let indikator = &kriterium["indikatorer"][2];
        assert_eq!(keys(indikator), ["gaelder", "id", "tekst"]);
        assert_eq!(indikator["id"], "1.d");
        assert_eq!(indikator["gaelder"]["regel"], "kun");
        assert_eq!(
            indikator["gaelder"]["tilbudstyper"],
            serde_json::json!(["efterskole"])
        );
        assert_eq!(
            kriterium["indikatorer"][0]["gaelder"],
            serde_json::json!({"regel": "alle"})
        );
        assert_eq!(
            json["temaer"][1]["kriterier"][0]["indikatorer"][1]["gaelder"]["regel"],
            "kun-privat-med-bestyrelse"
        );
    }

    #[test]
    fn json_reads_back_into_the_same_model_minus_the_toml_only_fields() {
        let model = test_model();
        let json = serde_json::to_string(&model).unwrap();
        let back: Kvalitetsmodel = serde_json::from_str(&json).unwrap();
        assert_eq!(back.antal_indikatorer(), model.antal_indikatorer());
        assert_eq!(
            back.indikator("1.d").unwrap().gaelder,
            model.indikator("1.d").unwrap().gaelder
        );
        assert!(back.temaer()[0].beskrivelse.is_empty());
        assert_eq!(back.indikator("1.d").unwrap().kilde, None);
    }

    #[test]
    fn deserializing_json_validates_too() {
        let json = r#"{"version":"x","titel":"t","temaer":[]}"#;
        let err = serde_json::from_str::<Kvalitetsmodel>(json).unwrap_err();
        assert!(
            err.to_string()
                .contains("kvalitetsmodellen har ingen temaer"),
            "{err}"
        );
    }

    #[test]
    fn a_duplicate_indicator_is_refused_in_danish() {
        let text = TEST_MODEL.replace(r#"id = "1.d""#, r#"id = "1.a""#);
        let err = Kvalitetsmodel::from_toml(&text).unwrap_err();
        assert_eq!(
            err,
            ModelFejl::DubletId {
                niveau: Niveau::Indikator,
                id: "1.a".to_owned()
            }
        );
        assert_eq!(
            err.to_string(),
            "indikator »1.a« findes mere end én gang i kvalitetsmodellen"
        );
    }

    #[test]
    fn invalid_toml_is_refused_in_danish_with_the_line() {
        let text = TEST_MODEL.replace(r#"tekst = "Kriterium otte""#, r#"tekst = "Kriterium otte"#);
        let err = Kvalitetsmodel::from_toml(&text).unwrap_err();
        let ModelFejl::Toml { linje, .. } = &err else {
            panic!("forventede en TOML-fejl, fik {err:?}")
        };
        // The broken string is on line 48 of test_model.toml.
        assert_eq!(*linje, Some(48));
        assert!(
            err.to_string()
                .starts_with("kvalitetsmodellen kan ikke læses som TOML (linje 48): "),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_offer_type_in_a_rule_gives_the_danish_message() {
        let text = TEST_MODEL.replace(r#"["efterskole"]"#, r#"["friskole"]"#);
        let err = Kvalitetsmodel::from_toml(&text).unwrap_err();
        assert!(
            err.to_string().contains("ukendt tilbudstype »friskole«"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let text = TEST_MODEL.replace("beskrivelse = ", "beskrivelsen = ");
        let err = Kvalitetsmodel::from_toml(&text).unwrap_err();
        assert!(matches!(err, ModelFejl::Toml { .. }), "{err:?}");
        assert!(err.to_string().contains("beskrivelsen"), "{err}");
    }
}
