//! Case timelines (sagsforløb) from the process descriptions (procesbeskrivelser) of a 19.2-style
//! audit, and the durations the panel discusses: how long from the first concern to the first
//! dialogue meeting, to the notice of intended decision (agterskrivelse) and to the injunction
//! (påbud).
//!
//! Audit 19.2 defines a dialogue process (dialogforløb) as the communication with an offer "fra
//! der (fx på et tilsynsbesøg) kan konstateres bekymringer for tilbuddets kvalitet, til
//! bekymringen ophører eller der er udstedt påbud", and its process descriptions list the case
//! steps: visits (anmeldte and uanmeldte), dialogue meetings (afklarende, or about the intended
//! decision), requests for a statement (redegørelse), agterskrivelse, påbud. [`Skridtart`] has a
//! kind for each.
//!
//! # Rules
//!
//! - Steps must be given in date order; steps on the same day keep the order given (19.2: some
//!   tilsyn send the agterskrivelse together with the invitation to a dialogue meeting). A
//!   timeline out of order is refused, not sorted: it is typed from a process description, and
//!   a step out of order is far more often a mistyped date than an intended order, which sorting
//!   would hide.
//! - The dialogue process starts at the first concern ([`Skridtart::er_bekymring`]). Only the
//!   first step may lie before it, typically the visit at which the concern arose. Without a
//!   concern step the first step stands for the concern.
//! - Durations ([`Sagsforloeb::varigheder`]) are whole days counted from that start, to the first
//!   step of each kind on or after it.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::danske_datoer::dansk_dato;

// Dates in the serde form are ISO 8601 calendar dates ("2019-05-27").
time::serde::format_description!(iso_dato, Date, "[year]-[month]-[day]");

/// The kind of a step in a case, with a stable kebab-case id in the serde form (`"art"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "art", rename_all = "kebab-case")]
pub enum Skridtart {
    /// An announced supervision visit ("anmeldt-tilsynsbesoeg").
    AnmeldtTilsynsbesoeg,
    /// An unannounced supervision visit ("uanmeldt-tilsynsbesoeg").
    UanmeldtTilsynsbesoeg,
    /// A concern received from outside, e.g. from a municipality ("bekymring-modtaget").
    BekymringModtaget,
    /// A concern arisen in the tilsyn's own work, e.g. at a visit ("bekymring-opstaaet").
    BekymringOpstaaet,
    /// The tilsyn turns to the offer's management about what it found
    /// ("henvendelse-til-ledelsen"); 19.2: "henvende sig til ledelsen af tilbuddet for at
    /// orientere om de konstaterede problematiske forhold".
    HenvendelseTilLedelsen,
    /// A supervision report with development points about the concern
    /// ("tilsynsrapport-med-udviklingspunkter").
    TilsynsrapportMedUdviklingspunkter,
    /// A clarifying dialogue meeting, to find out whether the concern is founded
    /// ("afklarende-dialogmoede").
    AfklarendeDialogmoede,
    /// A dialogue meeting about the intended decision, held when an injunction is announced
    /// ("dialogmoede-om-paataenkt-afgoerelse").
    DialogmoedeOmPaataenktAfgoerelse,
    /// The tilsyn asks the offer for a written statement ("anmodning-om-redegoerelse").
    AnmodningOmRedegoerelse,
    /// The offer's statement arrives ("redegoerelse-modtaget").
    RedegoerelseModtaget,
    /// Notice of the intended decision, announcing an injunction ("agterskrivelse").
    Agterskrivelse,
    /// An injunction ("paabud"), with the deadline the tilsyn must set for complying with it
    /// (lov om socialtilsyn § 8, stk. 2).
    Paabud {
        /// The day by which the injunction must be complied with.
        #[serde(with = "iso_dato")]
        frist: Date,
    },
    /// Intensified supervision ("skaerpet-tilsyn").
    SkaerpetTilsyn,
    /// The concern has ceased; the dialogue process ends without an injunction
    /// ("bekymring-ophoert").
    BekymringOphoert,
    /// Any other step, described in its note ("andet").
    Andet,
}

impl Skridtart {
    /// The stable id, the same as the `"art"` of the serde form.
    pub fn id(self) -> &'static str {
        match self {
            Skridtart::AnmeldtTilsynsbesoeg => "anmeldt-tilsynsbesoeg",
            Skridtart::UanmeldtTilsynsbesoeg => "uanmeldt-tilsynsbesoeg",
            Skridtart::BekymringModtaget => "bekymring-modtaget",
            Skridtart::BekymringOpstaaet => "bekymring-opstaaet",
            Skridtart::HenvendelseTilLedelsen => "henvendelse-til-ledelsen",
            Skridtart::TilsynsrapportMedUdviklingspunkter => "tilsynsrapport-med-udviklingspunkter",
            Skridtart::AfklarendeDialogmoede => "afklarende-dialogmoede",
            Skridtart::DialogmoedeOmPaataenktAfgoerelse => "dialogmoede-om-paataenkt-afgoerelse",
            Skridtart::AnmodningOmRedegoerelse => "anmodning-om-redegoerelse",
            Skridtart::RedegoerelseModtaget => "redegoerelse-modtaget",
            Skridtart::Agterskrivelse => "agterskrivelse",
            Skridtart::Paabud { .. } => "paabud",
            Skridtart::SkaerpetTilsyn => "skaerpet-tilsyn",
            Skridtart::BekymringOphoert => "bekymring-ophoert",
            Skridtart::Andet => "andet",
        }
    }

    /// The Danish label shown in the interface ("Uanmeldt tilsynsbesøg").
    pub fn etiket(self) -> &'static str {
        match self {
            Skridtart::AnmeldtTilsynsbesoeg => "Anmeldt tilsynsbesøg",
            Skridtart::UanmeldtTilsynsbesoeg => "Uanmeldt tilsynsbesøg",
            Skridtart::BekymringModtaget => "Bekymring modtaget",
            Skridtart::BekymringOpstaaet => "Bekymring opstået",
            Skridtart::HenvendelseTilLedelsen => "Henvendelse til ledelsen",
            Skridtart::TilsynsrapportMedUdviklingspunkter => "Tilsynsrapport med udviklingspunkter",
            Skridtart::AfklarendeDialogmoede => "Afklarende dialogmøde",
            Skridtart::DialogmoedeOmPaataenktAfgoerelse => "Dialogmøde om påtænkt afgørelse",
            Skridtart::AnmodningOmRedegoerelse => "Anmodning om redegørelse",
            Skridtart::RedegoerelseModtaget => "Redegørelse modtaget",
            Skridtart::Agterskrivelse => "Agterskrivelse",
            Skridtart::Paabud { .. } => "Påbud",
            Skridtart::SkaerpetTilsyn => "Skærpet tilsyn",
            Skridtart::BekymringOphoert => "Bekymring ophørt",
            Skridtart::Andet => "Andet",
        }
    }

    /// Whether the step records a concern, received or arisen.
    pub fn er_bekymring(self) -> bool {
        matches!(
            self,
            Skridtart::BekymringModtaget | Skridtart::BekymringOpstaaet
        )
    }

    /// Whether the step is a dialogue meeting of either kind.
    pub fn er_dialogmoede(self) -> bool {
        matches!(
            self,
            Skridtart::AfklarendeDialogmoede | Skridtart::DialogmoedeOmPaataenktAfgoerelse
        )
    }

    /// Whether the step is a supervision visit, announced or not.
    pub fn er_tilsynsbesoeg(self) -> bool {
        matches!(
            self,
            Skridtart::AnmeldtTilsynsbesoeg | Skridtart::UanmeldtTilsynsbesoeg
        )
    }

    /// Whether the step is an injunction.
    pub fn er_paabud(self) -> bool {
        matches!(self, Skridtart::Paabud { .. })
    }

    /// Whether the step ends the dialogue process by 19.2's definition: an injunction, or the
    /// concern ceasing.
    pub fn afslutter_dialogforloeb(self) -> bool {
        self.er_paabud() || self == Skridtart::BekymringOphoert
    }
}

/// One dated step of a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sagsskridt {
    /// The day the step happened.
    #[serde(with = "iso_dato")]
    pub dato: Date,
    /// What happened; in the serde form its fields sit beside `dato` (`"art"`, and `"frist"` for
    /// a påbud).
    #[serde(flatten)]
    pub art: Skridtart,
    /// Free text from the process description.
    pub note: Option<String>,
}

impl Sagsskridt {
    /// A step without a note.
    pub fn ny(dato: Date, art: Skridtart) -> Self {
        Sagsskridt {
            dato,
            art,
            note: None,
        }
    }

    /// The same step with a note.
    #[must_use]
    pub fn med_note(self, note: impl Into<String>) -> Self {
        Sagsskridt {
            note: Some(note.into()),
            ..self
        }
    }
}

/// The timeline of one case, checked against the rules of the [module documentation](self).
///
/// The serde form is `{"sag": …, "skridt": [{"dato": …, "art": …, "note": …}, …]}`; reading it
/// checks the rules again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SagsforloebJson")]
pub struct Sagsforloeb {
    sag: String,
    skridt: Vec<Sagsskridt>,
}

/// Durations of a dialogue process in whole days, from its start (the first concern) to the first
/// step of each kind; `None` when the step never happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Varigheder {
    /// From the first concern to the first dialogue meeting of either kind.
    pub til_foerste_dialogmoede: Option<i64>,
    /// From the first concern to the first agterskrivelse.
    pub til_agterskrivelse: Option<i64>,
    /// From the first concern to the first påbud.
    pub til_paabud: Option<i64>,
    /// From the first agterskrivelse to the first påbud after it.
    pub agterskrivelse_til_paabud: Option<i64>,
    /// The whole dialogue process: from the first concern to the påbud or the end of the concern,
    /// whichever comes first (19.2's definition of a dialogforløb).
    pub dialogforloeb: Option<i64>,
}

/// Why a timeline was refused. Each message is a Danish sentence naming the case and the step.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SagsforloebFejl {
    /// The case has no pseudonym.
    #[error("Sagen mangler et navn, f.eks. »Sag A«.")]
    UdenNavn,
    /// The case has no steps.
    #[error("»{sag}« har ingen skridt. Et sagsforløb skal have mindst ét skridt.")]
    IngenSkridt {
        /// The case pseudonym.
        sag: String,
    },
    /// A step is dated before the step in front of it.
    #[error(
        "Skridt {nummer} i »{sag}« ({}, {}) ligger før skridt {} ({}). \
         Skriv skridtene i datoorden.",
        .art.etiket().to_lowercase(), dansk_dato(*.dato), .nummer - 1, dansk_dato(*.forrige_dato)
    )]
    UdenForDatoorden {
        /// The case pseudonym.
        sag: String,
        /// The step's number, counted from 1.
        nummer: usize,
        /// The step's kind.
        art: Skridtart,
        /// The step's date.
        dato: Date,
        /// The date of the step in front of it.
        forrige_dato: Date,
    },
    /// A step other than the first lies before the first concern.
    #[error(
        "Skridt {nummer} i »{sag}« ({}, {}) ligger før den første bekymring ({}). Kun det første \
         skridt, f.eks. det tilsynsbesøg hvor bekymringen opstod, må ligge før bekymringen.",
        .art.etiket().to_lowercase(), dansk_dato(*.dato), dansk_dato(*.bekymring)
    )]
    FoerBekymringen {
        /// The case pseudonym.
        sag: String,
        /// The step's number, counted from 1.
        nummer: usize,
        /// The step's kind.
        art: Skridtart,
        /// The step's date.
        dato: Date,
        /// The date of the first concern.
        bekymring: Date,
    },
    /// A påbud whose deadline lies before the påbud itself.
    #[error(
        "Påbuddet i skridt {nummer} i »{sag}« er givet {}, men fristen ({}) ligger før. \
         Fristen for et påbud skal ligge på eller efter påbuddets dato.",
        dansk_dato(*.dato), dansk_dato(*.frist)
    )]
    PaabudsfristFoerPaabud {
        /// The case pseudonym.
        sag: String,
        /// The step's number, counted from 1.
        nummer: usize,
        /// The date of the påbud.
        dato: Date,
        /// The deadline of the påbud.
        frist: Date,
    },
}

impl Sagsforloeb {
    /// A case timeline, checked against the rules of the [module documentation](self).
    ///
    /// # Errors
    /// [`SagsforloebFejl::UdenNavn`] for a blank pseudonym, [`SagsforloebFejl::IngenSkridt`]
    /// without steps, [`SagsforloebFejl::UdenForDatoorden`] for steps out of date order,
    /// [`SagsforloebFejl::FoerBekymringen`] when a step other than the first lies before the
    /// first concern, and [`SagsforloebFejl::PaabudsfristFoerPaabud`] for a påbud whose deadline
    /// lies before it.
    pub fn ny(sag: impl Into<String>, skridt: Vec<Sagsskridt>) -> Result<Self, SagsforloebFejl> {
        let sag = sag.into().trim().to_owned();
        if sag.is_empty() {
            return Err(SagsforloebFejl::UdenNavn);
        }
        if skridt.is_empty() {
            return Err(SagsforloebFejl::IngenSkridt { sag });
        }
        kontroller_datoorden(&sag, &skridt)?;
        kontroller_bekymring(&sag, &skridt)?;
        kontroller_paabudsfrister(&sag, &skridt)?;
        Ok(Sagsforloeb { sag, skridt })
    }

    /// The case pseudonym shown to the panel ("Sag A").
    pub fn sag(&self) -> &str {
        &self.sag
    }

    /// The steps in date order.
    pub fn skridt(&self) -> &[Sagsskridt] {
        &self.skridt
    }

    /// The step the dialogue process starts at: the first concern, or the first step when no
    /// concern is recorded.
    pub fn start(&self) -> &Sagsskridt {
        // `ny` refuses empty timelines, and `start_indeks` is 0 or the index of a step.
        &self.skridt[start_indeks(&self.skridt)]
    }

    /// The durations of the dialogue process, in whole days from its [start](Self::start).
    pub fn varigheder(&self) -> Varigheder {
        let fra_start = &self.skridt[start_indeks(&self.skridt)..];
        let start = self.start().dato;
        let dage_fra_start = |i: usize| (fra_start[i].dato - start).whole_days();
        let agterskrivelse = foerste(fra_start, |art| art == Skridtart::Agterskrivelse);
        Varigheder {
            til_foerste_dialogmoede: foerste(fra_start, Skridtart::er_dialogmoede)
                .map(dage_fra_start),
            til_agterskrivelse: agterskrivelse.map(dage_fra_start),
            til_paabud: foerste(fra_start, Skridtart::er_paabud).map(dage_fra_start),
            agterskrivelse_til_paabud: agterskrivelse.and_then(|a| {
                let paabud = a + foerste(&fra_start[a..], Skridtart::er_paabud)?;
                Some(dage_fra_start(paabud) - dage_fra_start(a))
            }),
            dialogforloeb: foerste(fra_start, Skridtart::afslutter_dialogforloeb)
                .map(dage_fra_start),
        }
    }
}

/// The index of the first step whose kind satisfies `hvad`.
fn foerste(skridt: &[Sagsskridt], hvad: impl Fn(Skridtart) -> bool) -> Option<usize> {
    skridt.iter().position(|s| hvad(s.art))
}

/// The index of the first concern, or 0 when there is none.
fn start_indeks(skridt: &[Sagsskridt]) -> usize {
    foerste(skridt, Skridtart::er_bekymring).unwrap_or(0)
}

fn kontroller_datoorden(sag: &str, skridt: &[Sagsskridt]) -> Result<(), SagsforloebFejl> {
    let Some((i, par)) = skridt
        .windows(2)
        .enumerate()
        .find(|(_, par)| par[1].dato < par[0].dato)
    else {
        return Ok(());
    };
    Err(SagsforloebFejl::UdenForDatoorden {
        sag: sag.to_owned(),
        nummer: i + 2,
        art: par[1].art,
        dato: par[1].dato,
        forrige_dato: par[0].dato,
    })
}

fn kontroller_bekymring(sag: &str, skridt: &[Sagsskridt]) -> Result<(), SagsforloebFejl> {
    let Some(bekymring) = skridt.iter().find(|s| s.art.er_bekymring()) else {
        return Ok(());
    };
    // The first step may lie before the concern; any later one may not.
    let Some((i, for_tidligt)) = skridt
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, s)| s.dato < bekymring.dato)
    else {
        return Ok(());
    };
    Err(SagsforloebFejl::FoerBekymringen {
        sag: sag.to_owned(),
        nummer: i + 1,
        art: for_tidligt.art,
        dato: for_tidligt.dato,
        bekymring: bekymring.dato,
    })
}

fn kontroller_paabudsfrister(sag: &str, skridt: &[Sagsskridt]) -> Result<(), SagsforloebFejl> {
    for (i, s) in skridt.iter().enumerate() {
        if let Skridtart::Paabud { frist } = s.art
            && frist < s.dato
        {
            return Err(SagsforloebFejl::PaabudsfristFoerPaabud {
                sag: sag.to_owned(),
                nummer: i + 1,
                dato: s.dato,
                frist,
            });
        }
    }
    Ok(())
}

/// The serde form, read before the rules are checked.
#[derive(Deserialize)]
struct SagsforloebJson {
    sag: String,
    skridt: Vec<Sagsskridt>,
}

impl TryFrom<SagsforloebJson> for Sagsforloeb {
    type Error = SagsforloebFejl;

    fn try_from(json: SagsforloebJson) -> Result<Self, Self::Error> {
        Sagsforloeb::ny(json.sag, json.skridt)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use crate::sagsforloeb::{Sagsforloeb, SagsforloebFejl, Sagsskridt, Skridtart, Varigheder};

    /// A case with an injunction, in the shape 19.2 describes ("Socialtilsynenes dialogforløb"):
    /// an unannounced visit finds worrying conditions, the tilsyn turns to the management, holds
    /// a clarifying dialogue meeting, makes another unannounced visit and then asks for a
    /// statement ("Dette er sket efter afholdelse af dialogmøde og et uanmeldt tilsyn"); the
    /// agterskrivelse is followed by a dialogue meeting about the intended decision
    /// ("agterskrivelsen i så fald ofte vil være efterfulgt af endnu et dialogmøde"), and then
    /// the påbud. The seed report gives no dates, so the dates are made up; the concern is
    /// registered two days after the visit, which shows that durations count from the concern.
    fn sag_a() -> Sagsforloeb {
        Sagsforloeb::ny(
            "Sag A",
            vec![
                Sagsskridt::ny(date!(2019 - 01 - 15), Skridtart::UanmeldtTilsynsbesoeg)
                    .med_note("Observation af samspil mellem medarbejdere og borgere"),
                Sagsskridt::ny(date!(2019 - 01 - 17), Skridtart::BekymringOpstaaet)
                    .med_note("Bekymring for medarbejdernes kompetencer"),
                Sagsskridt::ny(date!(2019 - 01 - 22), Skridtart::HenvendelseTilLedelsen),
                Sagsskridt::ny(date!(2019 - 02 - 12), Skridtart::AfklarendeDialogmoede),
                Sagsskridt::ny(date!(2019 - 03 - 05), Skridtart::UanmeldtTilsynsbesoeg),
                Sagsskridt::ny(date!(2019 - 03 - 11), Skridtart::AnmodningOmRedegoerelse),
                Sagsskridt::ny(date!(2019 - 04 - 01), Skridtart::RedegoerelseModtaget),
                Sagsskridt::ny(date!(2019 - 04 - 24), Skridtart::Agterskrivelse),
                Sagsskridt::ny(
                    date!(2019 - 05 - 08),
                    Skridtart::DialogmoedeOmPaataenktAfgoerelse,
                ),
                Sagsskridt::ny(
                    date!(2019 - 05 - 27),
                    Skridtart::Paabud {
                        frist: date!(2019 - 08 - 31),
                    },
                ),
            ],
        )
        .unwrap()
    }

    /// A case where the dialogue ended without an injunction (19.2 discussed two such cases),
    /// started by a concern from outside and a request for a statement as one of the first steps
    /// ("et socialtilsyn ofte anmoder om en redegørelse som et af de første trin"). Dates made up.
    fn sag_b() -> Sagsforloeb {
        Sagsforloeb::ny(
            "Sag B",
            vec![
                Sagsskridt::ny(date!(2019 - 09 - 02), Skridtart::BekymringModtaget)
                    .med_note("Henvendelse fra en visiterende kommune"),
                Sagsskridt::ny(date!(2019 - 09 - 10), Skridtart::AnmodningOmRedegoerelse),
                Sagsskridt::ny(date!(2019 - 10 - 01), Skridtart::RedegoerelseModtaget),
                Sagsskridt::ny(date!(2019 - 10 - 15), Skridtart::AnmeldtTilsynsbesoeg),
                Sagsskridt::ny(date!(2019 - 11 - 20), Skridtart::BekymringOphoert),
            ],
        )
        .unwrap()
    }

    #[test]
    fn durations_of_a_case_with_an_injunction() {
        // Counted by hand from the concern on 17 January 2019 (January has 31 days, February
        // 2019 has 28, March 31, April 30):
        // - to the dialogue meeting on 12 February: 14 days left of January + 12 = 26;
        // - to the agterskrivelse on 24 April: 14 + 28 + 31 + 24 = 97;
        // - to the påbud on 27 May: 14 + 28 + 31 + 30 + 27 = 130;
        // - agterskrivelse 24 April to påbud 27 May: 6 days left of April + 27 = 33.
        // The påbud ends the dialogue process, so it too lasted 130 days.
        assert_eq!(
            sag_a().varigheder(),
            Varigheder {
                til_foerste_dialogmoede: Some(26),
                til_agterskrivelse: Some(97),
                til_paabud: Some(130),
                agterskrivelse_til_paabud: Some(33),
                dialogforloeb: Some(130),
            }
        );
    }

    #[test]
    fn durations_of_a_case_that_ended_without_an_injunction() {
        // From 2 September to 20 November 2019: 28 days left of September + 31 + 20 = 79.
        assert_eq!(
            sag_b().varigheder(),
            Varigheder {
                dialogforloeb: Some(79),
                ..Varigheder::default()
            }
        );
    }

    #[test]
    fn the_process_starts_at_the_first_concern_not_at_the_visit_before_it() {
        let sag = sag_a();
        assert_eq!(sag.start().art, Skridtart::BekymringOpstaaet);
        assert_eq!(sag.start().dato, date!(2019 - 01 - 17));
        assert_eq!(sag.skridt()[0].art, Skridtart::UanmeldtTilsynsbesoeg);
    }

    #[test]
    fn without_a_concern_step_the_first_step_is_the_start() {
        // 19.2: some tilsyn send the agterskrivelse together with the invitation to a dialogue
        // meeting, so steps on the same day are accepted in the order given.
        let sag = Sagsforloeb::ny(
            "Sag C",
            vec![
                Sagsskridt::ny(date!(2019 - 03 - 04), Skridtart::AnmeldtTilsynsbesoeg),
                Sagsskridt::ny(date!(2019 - 03 - 20), Skridtart::Agterskrivelse),
                Sagsskridt::ny(date!(2019 - 03 - 20), Skridtart::SkaerpetTilsyn),
                Sagsskridt::ny(
                    date!(2019 - 04 - 03),
                    Skridtart::DialogmoedeOmPaataenktAfgoerelse,
                ),
            ],
        )
        .unwrap();
        assert_eq!(sag.start().dato, date!(2019 - 03 - 04));
        // 4 March to 3 April: 27 days left of March + 3 = 30; to 20 March: 16. No påbud.
        assert_eq!(
            sag.varigheder(),
            Varigheder {
                til_foerste_dialogmoede: Some(30),
                til_agterskrivelse: Some(16),
                ..Varigheder::default()
            }
        );
    }

    #[test]
    fn a_timeline_that_breaks_a_rule_is_refused_with_the_step_named() {
        let besoeg = |dato| Sagsskridt::ny(dato, Skridtart::AnmeldtTilsynsbesoeg);
        let bekymring = |dato| Sagsskridt::ny(dato, Skridtart::BekymringModtaget);
        let tilfaelde = [
            (
                "  ",
                vec![bekymring(date!(2019 - 01 - 01))],
                "Sagen mangler et navn, f.eks. »Sag A«.",
            ),
            (
                "Sag D",
                vec![],
                "»Sag D« har ingen skridt. Et sagsforløb skal have mindst ét skridt.",
            ),
            (
                "Sag E",
                vec![
                    bekymring(date!(2019 - 03 - 01)),
                    Sagsskridt::ny(date!(2019 - 02 - 05), Skridtart::Agterskrivelse),
                ],
                "Skridt 2 i »Sag E« (agterskrivelse, 5. februar 2019) ligger før skridt 1 \
                 (1. marts 2019). Skriv skridtene i datoorden.",
            ),
            (
                // In date order, but two steps before the concern.
                "Sag F",
                vec![
                    besoeg(date!(2019 - 01 - 10)),
                    besoeg(date!(2019 - 01 - 20)),
                    bekymring(date!(2019 - 02 - 01)),
                ],
                "Skridt 2 i »Sag F« (anmeldt tilsynsbesøg, 20. januar 2019) ligger før den første \
                 bekymring (1. februar 2019). Kun det første skridt, f.eks. det tilsynsbesøg hvor \
                 bekymringen opstod, må ligge før bekymringen.",
            ),
            (
                "Sag G",
                vec![
                    bekymring(date!(2019 - 01 - 10)),
                    Sagsskridt::ny(
                        date!(2019 - 06 - 01),
                        Skridtart::Paabud {
                            frist: date!(2019 - 05 - 01),
                        },
                    ),
                ],
                "Påbuddet i skridt 2 i »Sag G« er givet 1. juni 2019, men fristen (1. maj 2019) \
                 ligger før. Fristen for et påbud skal ligge på eller efter påbuddets dato.",
            ),
        ];
        for (sag, skridt, forventet) in tilfaelde {
            let fejl = Sagsforloeb::ny(sag, skridt).unwrap_err();
            assert_eq!(fejl.to_string(), forventet);
        }
    }

    #[test]
    fn the_error_carries_the_offending_step() {
        let fejl = Sagsforloeb::ny(
            "Sag E",
            vec![
                Sagsskridt::ny(date!(2019 - 03 - 01), Skridtart::BekymringOpstaaet),
                Sagsskridt::ny(date!(2019 - 02 - 05), Skridtart::Agterskrivelse),
            ],
        )
        .unwrap_err();
        assert_eq!(
            fejl,
            SagsforloebFejl::UdenForDatoorden {
                sag: "Sag E".to_owned(),
                nummer: 2,
                art: Skridtart::Agterskrivelse,
                dato: date!(2019 - 02 - 05),
                forrige_dato: date!(2019 - 03 - 01),
            }
        );
    }

    /// Every kind with its id and label, written out so that a change to either is a visible
    /// diff; the ids must also be what serde writes.
    #[test]
    fn every_kind_has_a_stable_id_that_serde_uses_and_a_danish_label() {
        let alle = [
            (
                Skridtart::AnmeldtTilsynsbesoeg,
                "anmeldt-tilsynsbesoeg",
                "Anmeldt tilsynsbesøg",
            ),
            (
                Skridtart::UanmeldtTilsynsbesoeg,
                "uanmeldt-tilsynsbesoeg",
                "Uanmeldt tilsynsbesøg",
            ),
            (
                Skridtart::BekymringModtaget,
                "bekymring-modtaget",
                "Bekymring modtaget",
            ),
            (
                Skridtart::BekymringOpstaaet,
                "bekymring-opstaaet",
                "Bekymring opstået",
            ),
            (
                Skridtart::HenvendelseTilLedelsen,
                "henvendelse-til-ledelsen",
                "Henvendelse til ledelsen",
            ),
            (
                Skridtart::TilsynsrapportMedUdviklingspunkter,
                "tilsynsrapport-med-udviklingspunkter",
                "Tilsynsrapport med udviklingspunkter",
            ),
            (
                Skridtart::AfklarendeDialogmoede,
                "afklarende-dialogmoede",
                "Afklarende dialogmøde",
            ),
            (
                Skridtart::DialogmoedeOmPaataenktAfgoerelse,
                "dialogmoede-om-paataenkt-afgoerelse",
                "Dialogmøde om påtænkt afgørelse",
            ),
            (
                Skridtart::AnmodningOmRedegoerelse,
                "anmodning-om-redegoerelse",
                "Anmodning om redegørelse",
            ),
            (
                Skridtart::RedegoerelseModtaget,
                "redegoerelse-modtaget",
                "Redegørelse modtaget",
            ),
            (
                Skridtart::Agterskrivelse,
                "agterskrivelse",
                "Agterskrivelse",
            ),
            (
                Skridtart::Paabud {
                    frist: date!(2019 - 08 - 31),
                },
                "paabud",
                "Påbud",
            ),
            (
                Skridtart::SkaerpetTilsyn,
                "skaerpet-tilsyn",
                "Skærpet tilsyn",
            ),
            (
                Skridtart::BekymringOphoert,
                "bekymring-ophoert",
                "Bekymring ophørt",
            ),
            (Skridtart::Andet, "andet", "Andet"),
        ];
        for (art, id, etiket) in alle {
            assert_eq!((art.id(), art.etiket()), (id, etiket));
            let serde = toml::Value::try_from(art).unwrap();
            assert_eq!(serde.get("art").and_then(toml::Value::as_str), Some(id));
        }
    }

    /// The crate has no JSON dependency, so the serde form is checked through `toml::Value`,
    /// which sees the same fields (a `None` note, `null` in JSON, is an absent key here).
    #[test]
    fn a_step_serialises_flat_with_iso_dates() {
        let skridt = Sagsskridt::ny(
            date!(2019 - 05 - 27),
            Skridtart::Paabud {
                frist: date!(2019 - 08 - 31),
            },
        )
        .med_note("Påbud om kompetenceudvikling");
        let vaerdi = toml::Value::try_from(&skridt).unwrap();
        let felt = |navn: &str| vaerdi.get(navn).and_then(toml::Value::as_str);
        assert_eq!(felt("dato"), Some("2019-05-27"));
        assert_eq!(felt("art"), Some("paabud"));
        assert_eq!(felt("frist"), Some("2019-08-31"));
        assert_eq!(felt("note"), Some("Påbud om kompetenceudvikling"));
    }

    #[test]
    fn a_timeline_survives_its_serde_form_and_is_checked_on_the_way_in() {
        let sag = sag_a();
        let tilbage: Sagsforloeb = toml::Value::try_from(&sag).unwrap().try_into().unwrap();
        assert_eq!(tilbage, sag);

        let ude_af_orden: toml::Value = toml::from_str(
            r#"
            sag = "Sag E"
            [[skridt]]
            dato = "2019-03-01"
            art = "bekymring-modtaget"
            [[skridt]]
            dato = "2019-02-05"
            art = "agterskrivelse"
            "#,
        )
        .unwrap();
        let fejl = ude_af_orden.try_into::<Sagsforloeb>().unwrap_err();
        assert!(
            fejl.to_string().contains("Skriv skridtene i datoorden"),
            "{fejl}"
        );
    }
}
