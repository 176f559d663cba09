//! The rules a model version must keep before it is accepted, and the Danish errors when it does not.

use std::collections::BTreeSet;
use std::fmt;

use crate::kvalitetsmodel::{Gaelder, Indikator, Kriterium, Tema, Udkast};

/// A level of the model, to say where an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Niveau {
    /// A theme.
    Tema,
    /// A criterion.
    Kriterium,
    /// An indicator.
    Indikator,
}

impl fmt::Display for Niveau {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Niveau::Tema => "tema",
            Niveau::Kriterium => "kriterium",
            Niveau::Indikator => "indikator",
        })
    }
}

/// Why a model version was refused. Each message names what is wrong and where, and quotes the id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelFejl {
    /// The text is not TOML, or not in the seed schema (a missing or unknown field, an unknown offer type, …).
    #[error("kvalitetsmodellen kan ikke læses som TOML{}: {besked}", linjeangivelse(*linje))]
    Toml {
        /// The 1-based line of the error, when the parser knows it.
        linje: Option<usize>,
        /// The parser's message.
        besked: String,
    },
    /// The model has no themes.
    #[error("kvalitetsmodellen har ingen temaer")]
    IngenTemaer,
    /// A required text is empty or only whitespace.
    #[error("feltet »{felt}« er tomt i {hvor}")]
    TomtFelt {
        /// Where the field is, for example `indikator »1.a«`.
        hvor: String,
        /// The field's name in the seed file.
        felt: &'static str,
    },
    /// Two themes, criteria or indicators share an id.
    #[error("{niveau} »{id}« findes mere end én gang i kvalitetsmodellen")]
    DubletId {
        /// Which level the id is on.
        niveau: Niveau,
        /// The repeated id.
        id: String,
    },
    /// A theme id that is not a slug.
    #[error("tema-id »{0}« er ugyldigt: brug kun små bogstaver a–z, cifre og bindestreger")]
    UgyldigTemaId(String),
    /// A criterion id that is not a number.
    #[error("kriterium-id »{0}« er ugyldigt: det skal være kriteriets nummer, f.eks. »8«")]
    UgyldigKriteriumId(String),
    /// An indicator id that does not start with its criterion's number and a dot, followed by letters.
    #[error(
        "indikator »{indikator_id}« står under kriterium »{kriterium_id}«, men dens id er ikke »{kriterium_id}.« \
         efterfulgt af et bogstav"
    )]
    IndikatorIdPasserIkke {
        /// The indicator's id.
        indikator_id: String,
        /// The id of the criterion it is listed under.
        kriterium_id: String,
    },
    /// A theme without criteria.
    #[error("tema »{0}« har ingen kriterier")]
    TemaUdenKriterier(String),
    /// A criterion without indicators.
    #[error("kriterium »{0}« har ingen indikatorer")]
    KriteriumUdenIndikatorer(String),
    /// A "gælder ikke" or "gælder kun" rule with an empty list of offer types.
    #[error("gælder-reglen for indikator »{0}« nævner ingen tilbudstyper")]
    IngenTilbudstyper(String),
    /// A rule that lists the same offer type twice.
    #[error(
        "gælder-reglen for indikator »{indikator_id}« nævner tilbudstypen »{tilbudstype}« mere end én gang"
    )]
    DubletTilbudstype {
        /// The indicator's id.
        indikator_id: String,
        /// The repeated offer type id.
        tilbudstype: String,
    },
}

impl ModelFejl {
    /// Wraps a TOML parse error, with the line it points at in `text`.
    pub(super) fn fra_toml(text: &str, err: &toml::de::Error) -> ModelFejl {
        let linje = err.span().map(|span| linjenummer(text, span.start));
        ModelFejl::Toml {
            linje,
            besked: err.message().trim().to_owned(),
        }
    }
}

/// The 1-based line of a byte offset.
fn linjenummer(text: &str, offset: usize) -> usize {
    let before = text.get(..offset).unwrap_or(text);
    before.matches('\n').count() + 1
}

fn linjeangivelse(linje: Option<usize>) -> String {
    linje.map(|n| format!(" (linje {n})")).unwrap_or_default()
}

/// Checks every rule of a model version, stopping at the first broken one (in file order).
pub(super) fn valider(udkast: &Udkast) -> Result<(), ModelFejl> {
    ikke_tom(&udkast.version, "kvalitetsmodellen", "version")?;
    ikke_tom(&udkast.titel, "kvalitetsmodellen", "titel")?;
    if udkast.temaer.is_empty() {
        return Err(ModelFejl::IngenTemaer);
    }
    let mut sete = SeteIds::default();
    for tema in &udkast.temaer {
        valider_tema(tema, &mut sete)?;
    }
    Ok(())
}

/// The ids seen so far on each level; ids are unique in the whole model, not only among siblings.
#[derive(Default)]
struct SeteIds {
    temaer: BTreeSet<String>,
    kriterier: BTreeSet<String>,
    indikatorer: BTreeSet<String>,
}

fn ny_id(sete: &mut BTreeSet<String>, niveau: Niveau, id: &str) -> Result<(), ModelFejl> {
    if sete.insert(id.to_owned()) {
        Ok(())
    } else {
        Err(ModelFejl::DubletId {
            niveau,
            id: id.to_owned(),
        })
    }
}

fn valider_tema(tema: &Tema, sete: &mut SeteIds) -> Result<(), ModelFejl> {
    if !er_slug(&tema.id) {
        return Err(ModelFejl::UgyldigTemaId(tema.id.clone()));
    }
    ny_id(&mut sete.temaer, Niveau::Tema, &tema.id)?;
    let hvor = format!("tema »{}«", tema.id);
    ikke_tom(&tema.navn, &hvor, "navn")?;
    for afsnit in &tema.beskrivelse {
        ikke_tom(afsnit, &hvor, "beskrivelse")?;
    }
    if tema.kriterier.is_empty() {
        return Err(ModelFejl::TemaUdenKriterier(tema.id.clone()));
    }
    for kriterium in &tema.kriterier {
        valider_kriterium(kriterium, sete)?;
    }
    Ok(())
}

fn valider_kriterium(kriterium: &Kriterium, sete: &mut SeteIds) -> Result<(), ModelFejl> {
    if !er_nummer(&kriterium.id) {
        return Err(ModelFejl::UgyldigKriteriumId(kriterium.id.clone()));
    }
    ny_id(&mut sete.kriterier, Niveau::Kriterium, &kriterium.id)?;
    ikke_tom(
        &kriterium.tekst,
        &format!("kriterium »{}«", kriterium.id),
        "tekst",
    )?;
    if kriterium.indikatorer.is_empty() {
        return Err(ModelFejl::KriteriumUdenIndikatorer(kriterium.id.clone()));
    }
    for indikator in &kriterium.indikatorer {
        valider_indikator(indikator, &kriterium.id, sete)?;
    }
    Ok(())
}

fn valider_indikator(
    indikator: &Indikator,
    kriterium_id: &str,
    sete: &mut SeteIds,
) -> Result<(), ModelFejl> {
    if !passer_til_kriterium(&indikator.id, kriterium_id) {
        return Err(ModelFejl::IndikatorIdPasserIkke {
            indikator_id: indikator.id.clone(),
            kriterium_id: kriterium_id.to_owned(),
        });
    }
    ny_id(&mut sete.indikatorer, Niveau::Indikator, &indikator.id)?;
    let hvor = format!("indikator »{}«", indikator.id);
    ikke_tom(&indikator.tekst, &hvor, "tekst")?;
    if let Some(kilde) = &indikator.kilde {
        ikke_tom(kilde, &hvor, "kilde")?;
    }
    valider_gaelder(&indikator.gaelder, &indikator.id)
}

fn valider_gaelder(gaelder: &Gaelder, indikator_id: &str) -> Result<(), ModelFejl> {
    if let Some(tekst) = gaelder.tekst() {
        ikke_tom(
            tekst,
            &format!("gælder-reglen for indikator »{indikator_id}«"),
            "tekst",
        )?;
    }
    let tilbudstyper = gaelder.tilbudstyper();
    if matches!(gaelder, Gaelder::Ikke { .. } | Gaelder::Kun { .. }) && tilbudstyper.is_empty() {
        return Err(ModelFejl::IngenTilbudstyper(indikator_id.to_owned()));
    }
    let mut sete = BTreeSet::new();
    for tilbudstype in tilbudstyper {
        if !sete.insert(*tilbudstype) {
            return Err(ModelFejl::DubletTilbudstype {
                indikator_id: indikator_id.to_owned(),
                tilbudstype: tilbudstype.id().to_owned(),
            });
        }
    }
    Ok(())
}

fn ikke_tom(tekst: &str, hvor: &str, felt: &'static str) -> Result<(), ModelFejl> {
    if tekst.trim().is_empty() {
        Err(ModelFejl::TomtFelt {
            hvor: hvor.to_owned(),
            felt,
        })
    } else {
        Ok(())
    }
}

/// Lower-case ASCII words joined by single hyphens: `maalgruppe-metoder-og-resultater`.
fn er_slug(id: &str) -> bool {
    id.split('-').all(|del| {
        !del.is_empty()
            && del
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// A positive number without leading zeros: `"1"`, `"14"`.
fn er_nummer(id: &str) -> bool {
    !id.is_empty() && !id.starts_with('0') && id.chars().all(|c| c.is_ascii_digit())
}

/// `"8.c"` under criterion `"8"`: the criterion's number, a dot, then one or more lower-case letters.
fn passer_til_kriterium(indikator_id: &str, kriterium_id: &str) -> bool {
    indikator_id
        .strip_prefix(kriterium_id)
        .and_then(|rest| rest.strip_prefix('.'))
        .is_some_and(|bogstaver| {
            !bogstaver.is_empty() && bogstaver.chars().all(|c| c.is_ascii_lowercase())
        })
}

#[cfg(test)]
mod tests {
    use crate::kvalitetsmodel::test_model::TEST_MODEL as GYLDIG;
    use crate::kvalitetsmodel::{Kvalitetsmodel, ModelFejl, Niveau};

    /// The test model (`test_model.toml`) with the first `erstat` replaced by `med`: each test breaks one
    /// thing in the valid model.
    fn fejl(erstat: &str, med: &str) -> ModelFejl {
        assert!(
            GYLDIG.contains(erstat),
            "testen erstatter noget, der ikke findes: {erstat}"
        );
        Kvalitetsmodel::from_toml(&GYLDIG.replacen(erstat, med, 1)).unwrap_err()
    }

    #[test]
    fn the_base_model_is_valid() {
        assert_eq!(
            Kvalitetsmodel::from_toml(GYLDIG)
                .unwrap()
                .antal_indikatorer(),
            7
        );
    }

    /// Every validation error, with its full Danish message.
    #[test]
    fn each_broken_rule_gives_its_danish_message() {
        // Appended at the end, under theme organisation-og-ledelse and criterion 14.
        let to_indikatorer = format!(
            "{GYLDIG}\n[[temaer.kriterier.indikatorer]]\nid = \"14.a\"\ntekst = \"Igen\"\n"
        );
        let to_temaer = format!(
            "{GYLDIG}\n[[temaer]]\nid = \"organisation-og-ledelse\"\nnavn = \"Igen\"\n[[temaer.kriterier]]\nid = \"3\"\n\
             tekst = \"k\"\n[[temaer.kriterier.indikatorer]]\nid = \"3.a\"\ntekst = \"i\"\n"
        );
        let cases: Vec<(ModelFejl, &str)> = vec![
            (fejl(r#"version = "test""#, r#"version = " ""#), "feltet »version« er tomt i kvalitetsmodellen"),
            (fejl(r#"tekst = "Indikator et a""#, r#"tekst = """#), "feltet »tekst« er tomt i indikator »1.a«"),
            (
                fejl(r#"navn = "Uddannelse og beskæftigelse""#, r#"navn = """#),
                "feltet »navn« er tomt i tema »uddannelse-og-beskaeftigelse«",
            ),
            (
                fejl("Indikator 1.b gælder ikke efterskoler.", ""),
                "feltet »tekst« er tomt i gælder-reglen for indikator »1.b«",
            ),
            (
                fejl(r#"id = "uddannelse-og-beskaeftigelse""#, r#"id = "Uddannelse og beskæftigelse""#),
                "tema-id »Uddannelse og beskæftigelse« er ugyldigt: brug kun små bogstaver a–z, cifre og bindestreger",
            ),
            (
                fejl(r#"id = "14""#, r#"id = "K14""#),
                "kriterium-id »K14« er ugyldigt: det skal være kriteriets nummer, f.eks. »8«",
            ),
            (
                fejl(r#"id = "14.a""#, r#"id = "1.c""#),
                "indikator »1.c« står under kriterium »14«, men dens id er ikke »14.« efterfulgt af et bogstav",
            ),
            (
                fejl(r#"id = "14.a""#, r#"id = "14.""#),
                "indikator »14.« står under kriterium »14«, men dens id er ikke »14.« efterfulgt af et bogstav",
            ),
            // The first rule naming efterskole is 1.b's.
            (
                fejl(r#"["efterskole"]"#, "[]"),
                "gælder-reglen for indikator »1.b« nævner ingen tilbudstyper",
            ),
            (
                fejl(r#"["efterskole"]"#, r#"["efterskole", "efterskole"]"#),
                "gælder-reglen for indikator »1.b« nævner tilbudstypen »efterskole« mere end én gang",
            ),
            (
                Kvalitetsmodel::from_toml(&to_indikatorer).unwrap_err(),
                "indikator »14.a« findes mere end én gang i kvalitetsmodellen",
            ),
            (
                Kvalitetsmodel::from_toml(&to_temaer).unwrap_err(),
                "tema »organisation-og-ledelse« findes mere end én gang i kvalitetsmodellen",
            ),
            (
                Kvalitetsmodel::from_toml("version = \"v\"\ntitel = \"t\"\ntemaer = []\n").unwrap_err(),
                "kvalitetsmodellen har ingen temaer",
            ),
            (
                Kvalitetsmodel::from_toml(
                    "version = \"v\"\ntitel = \"t\"\n[[temaer]]\nid = \"a\"\nnavn = \"A\"\nkriterier = []\n",
                )
                .unwrap_err(),
                "tema »a« har ingen kriterier",
            ),
        ];
        for (err, message) in cases {
            assert_eq!(err.to_string(), message, "{err:?}");
        }
    }

    #[test]
    fn a_criterion_without_indicators_and_a_repeated_criterion_are_refused() {
        let uden = "version = \"v\"\ntitel = \"t\"\n[[temaer]]\nid = \"a\"\nnavn = \"A\"\n\
                    [[temaer.kriterier]]\nid = \"3\"\ntekst = \"k\"\nindikatorer = []\n";
        assert_eq!(
            Kvalitetsmodel::from_toml(uden).unwrap_err(),
            ModelFejl::KriteriumUdenIndikatorer("3".to_owned())
        );
        let igen = format!(
            "{GYLDIG}\n[[temaer.kriterier]]\nid = \"14\"\ntekst = \"k\"\n\
             [[temaer.kriterier.indikatorer]]\nid = \"14.d\"\ntekst = \"i\"\n"
        );
        let err = Kvalitetsmodel::from_toml(&igen).unwrap_err();
        assert_eq!(
            err,
            ModelFejl::DubletId {
                niveau: Niveau::Kriterium,
                id: "14".to_owned()
            }
        );
        assert_eq!(
            err.to_string(),
            "kriterium »14« findes mere end én gang i kvalitetsmodellen"
        );
    }

    #[test]
    fn a_missing_field_is_a_toml_error_with_its_line() {
        let err = Kvalitetsmodel::from_toml("version = \"v\"\ntemaer = []\n").unwrap_err();
        assert!(matches!(err, ModelFejl::Toml { .. }), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("kvalitetsmodellen kan ikke læses som TOML"),
            "{err}"
        );
        assert!(err.to_string().contains("titel"), "{err}");
    }

    #[test]
    fn criterion_numbers_have_no_leading_zero() {
        let err = fejl(r#"id = "14""#, r#"id = "014""#);
        assert_eq!(err, ModelFejl::UgyldigKriteriumId("014".to_owned()));
    }
}
