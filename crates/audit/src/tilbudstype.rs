//! The offer types (tilbudstyper) that the quality model's applicability rules name, with their stable ids.
//!
//! The ids are part of the interface: the seed files, the CLI (`--applicable-to`) and the JSON API use them, so an
//! id never changes once published. The legal references follow the current numbering (barnets lov, in force since
//! 1 January 2024); older model versions cite the same types with servicelov numbering in their rule texts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A type of social offer under the socialtilsyn, as the quality model's "gælder ikke / gælder kun" rules name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tilbudstype {
    /// Midlertidige og længerevarende botilbud for voksne (servicelovens § 107 og § 108).
    Botilbud,
    /// Børne- og ungehjem (barnets lov § 43, stk. 1, nr. 6).
    BoerneOgUngehjem,
    /// Børne- og ungehjem efter § 43, stk. 1, nr. 6, der alene er godkendt til støtteophold efter barnets lov § 32,
    /// stk. 1, nr. 7. Several rules exclude exactly these homes, so they are a type of their own.
    BoerneOgUngehjemStoetteophold,
    /// Delvis lukkede døgninstitutioner og delvis lukkede afdelinger på døgninstitutioner; legally also børne- og
    /// ungehjem after § 43, stk. 1, nr. 6 (indicator 2.f names them as such).
    DelvisLukket,
    /// Efterskoler, frie fagskoler og frie grundskoler med kostafdeling (barnets lov § 43, stk. 1, nr. 7). The model
    /// always names the three together, so one type covers them.
    Efterskole,
    /// Sikrede døgninstitutioner (barnets lov § 43, stk. 3).
    SikretDoegninstitution,
    /// Krisecentre (servicelovens § 109).
    Krisecenter,
    /// Forsorgshjem (servicelovens § 110).
    Forsorgshjem,
    /// Ambulant alkoholbehandling (sundhedslovens § 141).
    AmbulantAlkohol,
    /// Ambulant stofmisbrugsbehandling (servicelovens § 101 og § 101 a, barnets lov § 33).
    AmbulantStof,
    /// Plejefamilier. Socialtilsynet godkender og fører tilsyn med dem, but the quality model for tilbud (seed
    /// `004_…`: "vurdering af kvaliteten i sociale tilbud") does not rate them: it is built on the themes of lov om
    /// socialtilsyn § 6, stk. 2, nr. 1-6 og 8, while nr. 7 (familiestruktur og familiedynamik) belongs to the
    /// plejefamilier's own model. A plejefamilie is therefore an offer type that no indicator of a tilbud model
    /// applies to (see [`crate::Kvalitetsmodel::gaeldende_indikatorer`]).
    Plejefamilie,
}

/// An offer type id that is not one of [`Tilbudstype::ALL`]. The message quotes the id and lists the valid ones.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("ukendt tilbudstype »{0}«; gyldige tilbudstyper er: {ids}", ids = gyldige_ids())]
pub struct UkendtTilbudstype(pub String);

impl Tilbudstype {
    /// Every offer type, in the order the CLI and the pages list them.
    pub const ALL: [Tilbudstype; 11] = [
        Tilbudstype::Botilbud,
        Tilbudstype::BoerneOgUngehjem,
        Tilbudstype::BoerneOgUngehjemStoetteophold,
        Tilbudstype::DelvisLukket,
        Tilbudstype::Efterskole,
        Tilbudstype::SikretDoegninstitution,
        Tilbudstype::Krisecenter,
        Tilbudstype::Forsorgshjem,
        Tilbudstype::AmbulantAlkohol,
        Tilbudstype::AmbulantStof,
        Tilbudstype::Plejefamilie,
    ];

    /// The types of tilbud: every type but [`Tilbudstype::Plejefamilie`], the ones the quality model for tilbud
    /// rates.
    pub const TILBUD: [Tilbudstype; 10] = [
        Tilbudstype::Botilbud,
        Tilbudstype::BoerneOgUngehjem,
        Tilbudstype::BoerneOgUngehjemStoetteophold,
        Tilbudstype::DelvisLukket,
        Tilbudstype::Efterskole,
        Tilbudstype::SikretDoegninstitution,
        Tilbudstype::Krisecenter,
        Tilbudstype::Forsorgshjem,
        Tilbudstype::AmbulantAlkohol,
        Tilbudstype::AmbulantStof,
    ];

    /// The stable kebab-case id used in seeds, on the command line and in JSON (`"boerne-og-ungehjem"`).
    pub fn id(self) -> &'static str {
        match self {
            Tilbudstype::Botilbud => "botilbud",
            Tilbudstype::BoerneOgUngehjem => "boerne-og-ungehjem",
            Tilbudstype::BoerneOgUngehjemStoetteophold => "boerne-og-ungehjem-stoetteophold",
            Tilbudstype::DelvisLukket => "delvis-lukket",
            Tilbudstype::Efterskole => "efterskole",
            Tilbudstype::SikretDoegninstitution => "sikret-doegninstitution",
            Tilbudstype::Krisecenter => "krisecenter",
            Tilbudstype::Forsorgshjem => "forsorgshjem",
            Tilbudstype::AmbulantAlkohol => "ambulant-alkohol",
            Tilbudstype::AmbulantStof => "ambulant-stof",
            Tilbudstype::Plejefamilie => "plejefamilie",
        }
    }

    /// The Danish name shown to users.
    pub fn navn(self) -> &'static str {
        match self {
            Tilbudstype::Botilbud => "Botilbud",
            Tilbudstype::BoerneOgUngehjem => "Børne- og ungehjem",
            Tilbudstype::BoerneOgUngehjemStoetteophold => {
                "Børne- og ungehjem alene godkendt til støtteophold"
            }
            Tilbudstype::DelvisLukket => "Delvis lukket døgninstitution eller afdeling",
            Tilbudstype::Efterskole => {
                "Efterskole, fri fagskole eller fri grundskole med kostafdeling"
            }
            Tilbudstype::SikretDoegninstitution => "Sikret døgninstitution",
            Tilbudstype::Krisecenter => "Krisecenter",
            Tilbudstype::Forsorgshjem => "Forsorgshjem",
            Tilbudstype::AmbulantAlkohol => "Ambulant alkoholbehandling",
            Tilbudstype::AmbulantStof => "Ambulant stofmisbrugsbehandling",
            Tilbudstype::Plejefamilie => "Plejefamilie",
        }
    }

    /// The legal basis of the offer type, in the current numbering (barnets lov since 1 January 2024).
    pub fn lovhenvisning(self) -> &'static str {
        match self {
            Tilbudstype::Botilbud => "servicelovens § 107 og § 108",
            Tilbudstype::BoerneOgUngehjem => "barnets lov § 43, stk. 1, nr. 6",
            Tilbudstype::BoerneOgUngehjemStoetteophold => {
                "barnets lov § 43, stk. 1, nr. 6, alene godkendt til støtteophold efter § 32, stk. 1, nr. 7"
            }
            Tilbudstype::DelvisLukket => {
                "barnets lov § 43, stk. 1, nr. 6 (delvis lukkede døgninstitutioner og delvis lukkede afdelinger)"
            }
            Tilbudstype::Efterskole => "barnets lov § 43, stk. 1, nr. 7",
            Tilbudstype::SikretDoegninstitution => "barnets lov § 43, stk. 3",
            Tilbudstype::Krisecenter => "servicelovens § 109",
            Tilbudstype::Forsorgshjem => "servicelovens § 110",
            Tilbudstype::AmbulantAlkohol => "sundhedslovens § 141",
            Tilbudstype::AmbulantStof => "servicelovens § 101 og § 101 a, barnets lov § 33",
            Tilbudstype::Plejefamilie => {
                "godkendt som plejefamilie af socialtilsynet, lov om socialtilsyn"
            }
        }
    }
}

/// The valid ids, comma-separated, for error messages.
fn gyldige_ids() -> String {
    let ids: Vec<&str> = Tilbudstype::ALL.iter().map(|t| t.id()).collect();
    ids.join(", ")
}

impl FromStr for Tilbudstype {
    type Err = UkendtTilbudstype;

    /// Reads an offer type from its exact id (see [`Tilbudstype::id`]).
    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Tilbudstype::ALL
            .into_iter()
            .find(|t| t.id() == id)
            .ok_or_else(|| UkendtTilbudstype(id.to_owned()))
    }
}

impl fmt::Display for Tilbudstype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.navn())
    }
}

// Serde goes through `id()` and `FromStr`, so the ids are written down once and an unknown id in a seed file gets
// the same Danish message as on the command line.
impl Serialize for Tilbudstype {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Tilbudstype {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        id.parse().map_err(serde::de::Error::custom)
    }
}

/// One concrete offer, as far as the applicability rules care: its offer types — one or several, since a tilbud
/// may be approved as several types at once ("tilbud, der søger om godkendelse som flere tilbudstyper fx § 66 og
/// § 107", seed `000_…`) — and whether it is a private offer with a board ("private tilbud med en bestyrelse", which
/// only indicator 8.c asks about).
///
/// An indicator applies to an offer of several types when it applies to at least one of them: the offer houses
/// the target groups of each type, and the model asks about each. A plejefamilie is never combined with another
/// type (it is not a tilbud); [`Tilbud::af_typer`] refuses that.
///
/// The JSON form is `{"tilbudstyper":["botilbud","krisecenter"],"privat_med_bestyrelse":false}`; the one-type form
/// `{"tilbudstype":"botilbud",…}` of earlier files is still read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tilbud {
    /// The offer types as bits in [`Tilbudstype::ALL`] order; never empty.
    typer: u16,
    /// True for a private offer with a board.
    pub privat_med_bestyrelse: bool,
}

/// A set of offer types that cannot be one offer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TilbudFejl {
    /// No type was given.
    #[error("vælg mindst én tilbudstype")]
    Tom,
    /// A plejefamilie together with a tilbud type.
    #[error("en plejefamilie kan ikke samtidig være et tilbud af en anden type ({0})")]
    PlejefamilieMedAndet(String),
}

impl Tilbud {
    /// An offer of the given type that is not a private offer with a board.
    pub const fn new(tilbudstype: Tilbudstype) -> Tilbud {
        Tilbud {
            typer: bit(tilbudstype),
            privat_med_bestyrelse: false,
        }
    }

    /// An offer of all the given types (repeats count once).
    ///
    /// # Errors
    /// [`TilbudFejl`] for no type, or a plejefamilie together with another type.
    pub fn af_typer(
        tilbudstyper: impl IntoIterator<Item = Tilbudstype>,
    ) -> Result<Tilbud, TilbudFejl> {
        let typer = tilbudstyper.into_iter().fold(0, |bits, t| bits | bit(t));
        let tilbud = Tilbud {
            typer,
            privat_med_bestyrelse: false,
        };
        if typer == 0 {
            return Err(TilbudFejl::Tom);
        }
        if tilbud.er(Tilbudstype::Plejefamilie) && typer != bit(Tilbudstype::Plejefamilie) {
            let andre: Vec<&str> = tilbud
                .tilbudstyper()
                .filter(|t| *t != Tilbudstype::Plejefamilie)
                .map(Tilbudstype::navn)
                .collect();
            return Err(TilbudFejl::PlejefamilieMedAndet(andre.join(", ")));
        }
        Ok(tilbud)
    }

    /// The same offer, private with a board or not.
    #[must_use]
    pub const fn med_bestyrelse(self, privat_med_bestyrelse: bool) -> Tilbud {
        Tilbud {
            typer: self.typer,
            privat_med_bestyrelse,
        }
    }

    /// The offer's types, in [`Tilbudstype::ALL`] order.
    pub fn tilbudstyper(&self) -> impl Iterator<Item = Tilbudstype> + use<> {
        let typer = self.typer;
        Tilbudstype::ALL
            .into_iter()
            .filter(move |t| typer & bit(*t) != 0)
    }

    /// Whether `tilbudstype` is one of the offer's types.
    pub fn er(&self, tilbudstype: Tilbudstype) -> bool {
        self.typer & bit(tilbudstype) != 0
    }

    /// Whether the offer is a plejefamilie, which the quality model for tilbud does not cover.
    pub fn er_plejefamilie(&self) -> bool {
        self.er(Tilbudstype::Plejefamilie)
    }
}

/// The bit of one offer type in [`Tilbud`]'s set: the declaration order, which is [`Tilbudstype::ALL`]'s.
const fn bit(tilbudstype: Tilbudstype) -> u16 {
    1 << tilbudstype as u16
}

impl fmt::Display for Tilbud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let navne: Vec<&str> = self.tilbudstyper().map(Tilbudstype::navn).collect();
        f.write_str(&navne.join(" og "))?;
        if self.privat_med_bestyrelse {
            f.write_str(" (privat med bestyrelse)")?;
        }
        Ok(())
    }
}

/// The JSON form of [`Tilbud`], reading the one-type form of earlier files too.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TilbudJson {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tilbudstyper: Vec<Tilbudstype>,
    #[serde(default, skip_serializing)]
    tilbudstype: Option<Tilbudstype>,
    privat_med_bestyrelse: bool,
}

impl Serialize for Tilbud {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        TilbudJson {
            tilbudstyper: self.tilbudstyper().collect(),
            tilbudstype: None,
            privat_med_bestyrelse: self.privat_med_bestyrelse,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Tilbud {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = TilbudJson::deserialize(deserializer)?;
        let typer = json.tilbudstyper.into_iter().chain(json.tilbudstype);
        Tilbud::af_typer(typer)
            .map(|t| t.med_bestyrelse(json.privat_med_bestyrelse))
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use crate::tilbudstype::{Tilbud, Tilbudstype, UkendtTilbudstype};

    #[test]
    fn all_lists_the_types_in_declaration_order_so_the_bits_are_distinct() {
        for (i, t) in Tilbudstype::ALL.into_iter().enumerate() {
            assert_eq!(t as usize, i);
        }
    }

    #[test]
    fn every_id_parses_back_to_its_type() {
        for tilbudstype in Tilbudstype::ALL {
            assert_eq!(tilbudstype.id().parse::<Tilbudstype>(), Ok(tilbudstype));
        }
    }

    #[test]
    fn ids_are_unique_kebab_case_ascii() {
        let mut ids: Vec<&str> = Tilbudstype::ALL.iter().map(|t| t.id()).collect();
        for id in &ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "»{id}« er ikke kebab-case"
            );
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Tilbudstype::ALL.len());
    }

    /// The ids the issue fixes; renaming one would break the CLI and the API.
    #[test]
    fn the_published_ids_are_stable() {
        let ids: Vec<&str> = Tilbudstype::ALL.iter().map(|t| t.id()).collect();
        assert_eq!(
            ids,
            [
                "botilbud",
                "boerne-og-ungehjem",
                "boerne-og-ungehjem-stoetteophold",
                "delvis-lukket",
                "efterskole",
                "sikret-doegninstitution",
                "krisecenter",
                "forsorgshjem",
                "ambulant-alkohol",
                "ambulant-stof",
                "plejefamilie",
            ]
        );
    }

    #[test]
    fn unknown_id_is_refused_in_danish_quoting_it_and_listing_the_valid_ones() {
        let err = "opholdssted".parse::<Tilbudstype>().unwrap_err();
        assert_eq!(err, UkendtTilbudstype("opholdssted".to_owned()));
        let message = err.to_string();
        assert!(
            message.starts_with(
                "ukendt tilbudstype »opholdssted«; gyldige tilbudstyper er: botilbud, "
            )
        );
        assert!(
            message.ends_with("ambulant-alkohol, ambulant-stof, plejefamilie"),
            "{message}"
        );
    }

    #[test]
    fn ids_are_case_sensitive() {
        assert!("Botilbud".parse::<Tilbudstype>().is_err());
    }

    #[test]
    fn serde_uses_the_id() {
        let json = serde_json::to_string(&Tilbudstype::SikretDoegninstitution).unwrap();
        assert_eq!(json, r#""sikret-doegninstitution""#);
        let back: Tilbudstype = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Tilbudstype::SikretDoegninstitution);
    }

    #[test]
    fn serde_refuses_an_unknown_id_with_the_danish_message() {
        let err = serde_json::from_str::<Tilbudstype>(r#""herberg""#).unwrap_err();
        assert!(
            err.to_string().contains("ukendt tilbudstype »herberg«"),
            "{err}"
        );
    }

    #[test]
    fn legal_references_name_the_paragraphs_of_the_model_text() {
        assert_eq!(
            Tilbudstype::Efterskole.lovhenvisning(),
            "barnets lov § 43, stk. 1, nr. 7"
        );
        assert_eq!(
            Tilbudstype::SikretDoegninstitution.lovhenvisning(),
            "barnets lov § 43, stk. 3"
        );
        assert_eq!(
            Tilbudstype::Krisecenter.lovhenvisning(),
            "servicelovens § 109"
        );
        assert!(Tilbudstype::AmbulantStof.lovhenvisning().contains("§ 33"));
        assert!(
            Tilbudstype::BoerneOgUngehjemStoetteophold
                .lovhenvisning()
                .contains("§ 32, stk. 1, nr. 7")
        );
    }

    #[test]
    fn an_offer_shows_its_board_flag() {
        let tilbud = Tilbud::new(Tilbudstype::Botilbud).med_bestyrelse(true);
        assert_eq!(tilbud.to_string(), "Botilbud (privat med bestyrelse)");
        assert_eq!(
            Tilbud::new(Tilbudstype::Krisecenter).to_string(),
            "Krisecenter"
        );
    }

    #[test]
    fn an_offer_of_several_types_lists_them_in_model_order() {
        // Seed 000_…: "tilbud, der søger om godkendelse som flere tilbudstyper fx § 66 og § 107".
        let tilbud = Tilbud::af_typer([
            Tilbudstype::Krisecenter,
            Tilbudstype::Botilbud,
            Tilbudstype::Botilbud,
        ])
        .unwrap();
        assert_eq!(
            tilbud.tilbudstyper().collect::<Vec<_>>(),
            [Tilbudstype::Botilbud, Tilbudstype::Krisecenter]
        );
        assert_eq!(tilbud.to_string(), "Botilbud og Krisecenter");
        assert!(tilbud.er(Tilbudstype::Krisecenter));
        assert!(!tilbud.er(Tilbudstype::Efterskole));
    }

    #[test]
    fn an_offer_needs_a_type_and_a_plejefamilie_stands_alone() {
        assert_eq!(Tilbud::af_typer([]), Err(super::TilbudFejl::Tom));
        let err = Tilbud::af_typer([Tilbudstype::Plejefamilie, Tilbudstype::Botilbud]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "en plejefamilie kan ikke samtidig være et tilbud af en anden type (Botilbud)"
        );
        assert!(Tilbud::new(Tilbudstype::Plejefamilie).er_plejefamilie());
    }

    #[test]
    fn json_has_the_list_and_reads_the_one_type_form_of_earlier_files() {
        let tilbud = Tilbud::af_typer([Tilbudstype::Botilbud, Tilbudstype::Krisecenter])
            .unwrap()
            .med_bestyrelse(true);
        let json = serde_json::to_string(&tilbud).unwrap();
        assert_eq!(
            json,
            r#"{"tilbudstyper":["botilbud","krisecenter"],"privat_med_bestyrelse":true}"#
        );
        assert_eq!(serde_json::from_str::<Tilbud>(&json).unwrap(), tilbud);
        let old: Tilbud =
            serde_json::from_str(r#"{"tilbudstype":"efterskole","privat_med_bestyrelse":false}"#)
                .unwrap();
        assert_eq!(old, Tilbud::new(Tilbudstype::Efterskole));
        let empty =
            serde_json::from_str::<Tilbud>(r#"{"tilbudstyper":[],"privat_med_bestyrelse":false}"#);
        assert!(
            empty
                .unwrap_err()
                .to_string()
                .contains("vælg mindst én tilbudstype")
        );
    }
}
