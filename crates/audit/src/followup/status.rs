//! The status of a follow-up action and the events that move it: a pure state machine with a dated
//! history.
//!
//! The audit function has no authority over the socialtilsyn: the tilsyn report, the audit function
//! acknowledges (kvitterer). [`anvend`] applies one [`Haendelse`] by one user on one date and returns the
//! new [`Tilstand`] and the [`Historikpost`] to record, or a [`StatusFejl`] whose Danish message says what
//! is wrong.
//!
//! | event | who | from | to |
//! | --- | --- | --- | --- |
//! | påbegynd | the reporter | planlagt, udskudt (the reporter's own part) | i gang |
//! | rapportér gennemført, with documentation | the reporter | planlagt, i gang, udskudt | rapporteret gennemført, or i gang while other tilsyn have still to report |
//! | kvittér | a koordinator | rapporteret gennemført | kvitteret |
//! | send tilbage, with a reason | a koordinator | rapporteret gennemført | i gang |
//! | udskyd, with a new deadline and a reason | a koordinator | planlagt, i gang, udskudt | udskudt |
//! | bortfald, with a reason | a koordinator | planlagt, i gang, udskudt, rapporteret gennemført | bortfaldet |
//!
//! Kvitteret and bortfaldet are final.
//!
//! **The reporter** of an action is whoever carries it out. For an action addressed to one or more
//! socialtilsyn ([`Opfoelgningstiltag::tilsyn`]: a named tilsyn, or "socialtilsynene" for all five) it is a
//! tilsynskontakt of one of those tilsyn; a tilsynskontakt of another tilsyn is refused, and so is a
//! koordinator, who acknowledges but never reports on a tilsyn's behalf. For an action addressed to no
//! tilsyn (Socialstyrelsen's own work, a presentation in Mellemledernetværket) the audit function itself
//! carries it out, so a koordinator is the reporter.
//!
//! **An action addressed to several tilsyn** (19.2: "de faglige ledelser i de fem socialtilsyn …
//! konkretiserer") is done only when each has done its part, so each tilsyn reports separately, with its
//! own documentation. The action stays i gang until the last of them has reported, then becomes
//! rapporteret gennemført, and the koordinator acknowledges it once, as a whole. Sending it back clears
//! every report of the round (the history keeps them): the reason says what is missing, and each tilsyn
//! reports again. Each tilsyn's part has its own status ([`Tilstand::status_for`]): planlagt until it
//! melder i gang, i gang, rapporteret gennemført once it has reported; a tilsyn's påbegynd and report
//! are checked against its own part, so one tilsyn's progress never changes another's. The action's
//! status is derived from the parts: i gang once one has started, rapporteret gennemført when all have.
//!
//! **Udskyd** replaces the deadline with a new one, parsed with [`parse_frist`] and kept exactly as typed;
//! when both deadlines have a date, the new one must fall due later, since a postponement that brings the
//! deadline forward is a mistake. Only a koordinator postpones: the deadline is the audit function's.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::Date;

use super::opremsning;
use crate::dansk_dato;
use crate::frist::{Frist, FristFejl, parse_frist};
use crate::{Opfoelgningstiltag, Role, Tilsyn, User, Username};

/// Where a follow-up action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Published in the plan, nothing reported yet.
    Planlagt,
    /// Work has started, or some of several tilsyn have reported.
    IGang,
    /// Every reporter has reported it done, with documentation; awaits the koordinator's acknowledgement.
    RapporteretGennemfoert,
    /// Acknowledged by the audit function. Final.
    Kvitteret,
    /// Postponed to a new deadline.
    Udskudt,
    /// Dropped, with a reason. Final.
    Bortfaldet,
}

impl Status {
    /// Every status, in the order of the table in the module documentation.
    pub const ALL: [Status; 6] = [
        Status::Planlagt,
        Status::IGang,
        Status::RapporteretGennemfoert,
        Status::Kvitteret,
        Status::Udskudt,
        Status::Bortfaldet,
    ];

    /// The stable ASCII id used in URLs and JSON ("rapporteret-gennemfoert").
    pub fn id(self) -> &'static str {
        match self {
            Status::Planlagt => "planlagt",
            Status::IGang => "i-gang",
            Status::RapporteretGennemfoert => "rapporteret-gennemfoert",
            Status::Kvitteret => "kvitteret",
            Status::Udskudt => "udskudt",
            Status::Bortfaldet => "bortfaldet",
        }
    }

    /// The Danish name ("rapporteret gennemført").
    pub fn navn(self) -> &'static str {
        match self {
            Status::Planlagt => "planlagt",
            Status::IGang => "i gang",
            Status::RapporteretGennemfoert => "rapporteret gennemført",
            Status::Kvitteret => "kvitteret",
            Status::Udskudt => "udskudt",
            Status::Bortfaldet => "bortfaldet",
        }
    }

    /// Kvitteret or bortfaldet: nothing more happens to the action.
    pub fn er_lukket(self) -> bool {
        matches!(self, Status::Kvitteret | Status::Bortfaldet)
    }

    /// Planlagt, i gang or udskudt: the next step is the responsible party's, so the deadline runs.
    pub fn venter_paa_ansvarlige(self) -> bool {
        matches!(self, Status::Planlagt | Status::IGang | Status::Udskudt)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.navn())
    }
}

/// A text that names no status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "ukendt status »{0}«; brug planlagt, i-gang, rapporteret-gennemfoert, kvitteret, udskudt eller \
     bortfaldet"
)]
pub struct UkendtStatus(pub String);

impl FromStr for Status {
    type Err = UkendtStatus;

    /// Accepts the id ("i-gang") and the Danish name ("i gang"), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase();
        Status::ALL
            .into_iter()
            .find(|st| st.id() == t || st.navn() == t)
            .ok_or_else(|| UkendtStatus(s.to_owned()))
    }
}

/// What the reporter documents when reporting an action done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dokumentation {
    /// What was done, in the reporter's words. Required.
    pub tekst: String,
    /// References to uploaded attachments (file ids), in order. Optional.
    #[serde(default)]
    pub bilag: Vec<String>,
}

/// Something that happens to a follow-up action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "haendelse", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Haendelse {
    /// The reporter has started the work.
    Paabegynd,
    /// The reporter reports the action done.
    RapporterGennemfoert {
        /// What was done, with attachments.
        dokumentation: Dokumentation,
    },
    /// A koordinator acknowledges the reported action.
    Kvitter,
    /// A koordinator sends the report back.
    SendTilbage {
        /// What is missing.
        begrundelse: String,
    },
    /// A koordinator postpones the action.
    Udskyd {
        /// The new deadline exactly as typed ("2. halvår 2020").
        ny_frist: String,
        /// Why.
        begrundelse: String,
    },
    /// A koordinator drops the action.
    Bortfald {
        /// Why.
        begrundelse: String,
    },
}

impl Haendelse {
    /// What the event does, as a Danish infinitive phrase with the action's id, for messages
    /// ("kvittere for opfølgningspunktet »praesentation«").
    fn handling(&self, id: &str) -> String {
        match self {
            Haendelse::Paabegynd => format!("melde opfølgningspunktet »{id}« i gang"),
            Haendelse::RapporterGennemfoert { .. } => {
                format!("rapportere opfølgningspunktet »{id}« gennemført")
            }
            Haendelse::Kvitter => format!("kvittere for opfølgningspunktet »{id}«"),
            Haendelse::SendTilbage { .. } => format!("sende opfølgningspunktet »{id}« tilbage"),
            Haendelse::Udskyd { .. } => format!("udskyde opfølgningspunktet »{id}«"),
            Haendelse::Bortfald { .. } => format!("lade opfølgningspunktet »{id}« bortfalde"),
        }
    }

    /// The statuses the event may be applied in.
    fn tilladt_fra(&self) -> &'static [Status] {
        use Status::*;
        match self {
            Haendelse::Paabegynd => &[Planlagt, Udskudt],
            Haendelse::RapporterGennemfoert { .. } | Haendelse::Udskyd { .. } => {
                &[Planlagt, IGang, Udskudt]
            }
            Haendelse::Kvitter | Haendelse::SendTilbage { .. } => &[RapporteretGennemfoert],
            Haendelse::Bortfald { .. } => &[Planlagt, IGang, Udskudt, RapporteretGennemfoert],
        }
    }

    /// The event with its free texts trimmed; the deadline text is kept exactly as typed.
    fn renset(self) -> Haendelse {
        let trim = |s: String| s.trim().to_owned();
        match self {
            Haendelse::RapporterGennemfoert { dokumentation } => Haendelse::RapporterGennemfoert {
                dokumentation: Dokumentation {
                    tekst: trim(dokumentation.tekst),
                    bilag: dokumentation.bilag.into_iter().map(trim).collect(),
                },
            },
            Haendelse::SendTilbage { begrundelse } => Haendelse::SendTilbage {
                begrundelse: trim(begrundelse),
            },
            Haendelse::Udskyd {
                ny_frist,
                begrundelse,
            } => Haendelse::Udskyd {
                ny_frist,
                begrundelse: trim(begrundelse),
            },
            Haendelse::Bortfald { begrundelse } => Haendelse::Bortfald {
                begrundelse: trim(begrundelse),
            },
            andet => andet,
        }
    }
}

/// One reporter's report that the action is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Afrapportering {
    /// The tilsyn reported for; `None` when the audit function reports its own action.
    pub tilsyn: Option<Tilsyn>,
    /// Who reported.
    pub af: Username,
    /// When.
    pub dato: Date,
    /// What was done.
    pub dokumentation: Dokumentation,
}

/// Where a follow-up action stands: its status, its current deadline and the reports of the current round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tilstand {
    /// The status.
    pub status: Status,
    /// The current deadline: the report's, or the latest postponement's; `None` when there is none.
    pub frist: Option<Frist>,
    /// The reports since the action was last sent back, one per reporting tilsyn (or one by the audit
    /// function for its own action).
    #[serde(default)]
    pub rapporter: Vec<Afrapportering>,
    /// The tilsyn that have meldt the action i gang (or had their report sent back), so that each
    /// responsible tilsyn has its own status ([`Tilstand::status_for`]).
    #[serde(default)]
    pub i_gang: Vec<Tilsyn>,
}

impl Tilstand {
    /// A newly published action: planlagt, with the report's deadline.
    ///
    /// # Errors
    /// [`FristFejl`] when the report's deadline does not parse.
    pub fn ny(tiltag: &Opfoelgningstiltag) -> Result<Tilstand, FristFejl> {
        Ok(Tilstand {
            status: Status::Planlagt,
            frist: tiltag.frist().transpose()?,
            rapporter: Vec::new(),
            i_gang: Vec::new(),
        })
    }

    /// Rebuilds the state of `tiltag` by applying its history from the start, as an event log is read back.
    ///
    /// # Errors
    /// The first [`StatusFejl`] met, which means the history was not made by [`anvend`]; or the
    /// [`FristFejl`] of the report's deadline, as [`StatusFejl::Frist`].
    pub fn genskab(
        tiltag: &Opfoelgningstiltag,
        historik: &[Historikpost],
    ) -> Result<Tilstand, StatusFejl> {
        let start = Tilstand::ny(tiltag).map_err(|fejl| StatusFejl::Frist {
            id: tiltag.id.clone(),
            fejl,
        })?;
        historik.iter().try_fold(start, |tilstand, post| {
            let aktoer = User {
                username: post.af.clone(),
                navn: post.af.to_string(),
                role: post.rolle,
            };
            anvend(
                tiltag,
                &tilstand,
                post.haendelse.clone(),
                &aktoer,
                post.dato,
            )
            .map(|(ny, _)| ny)
        })
    }

    /// The due date: the last day of the current deadline; `None` without a dated deadline.
    pub fn forfald(&self) -> Option<Date> {
        self.frist.as_ref().and_then(Frist::forfald)
    }

    /// The status of one responsible tilsyn's part (`None`: the audit function's own action): closed
    /// with the action; rapporteret gennemført once it has reported in this round; udskudt while the
    /// action is postponed; i gang once it has meldt i gang; planlagt before.
    pub fn status_for(&self, tilsyn: Option<Tilsyn>) -> Status {
        let Some(t) = tilsyn else {
            return self.status;
        };
        if self.status.er_lukket() {
            return self.status;
        }
        if self.rapporter.iter().any(|r| r.tilsyn == Some(t)) {
            return Status::RapporteretGennemfoert;
        }
        match self.status {
            Status::Udskudt => Status::Udskudt,
            _ if self.i_gang.contains(&t) => Status::IGang,
            _ => Status::Planlagt,
        }
    }

    /// Each tilsyn `tiltag` is addressed to with the status of its part, in the order of the address.
    pub fn per_tilsyn(&self, tiltag: &Opfoelgningstiltag) -> Vec<(Tilsyn, Status)> {
        tiltag
            .tilsyn()
            .into_iter()
            .map(|t| (t, self.status_for(Some(t))))
            .collect()
    }

    /// The tilsyn `tiltag` is addressed to that have not reported it done in the current round; empty for
    /// an action addressed to no tilsyn, and once every tilsyn has reported.
    pub fn mangler_rapport(&self, tiltag: &Opfoelgningstiltag) -> Vec<Tilsyn> {
        tiltag
            .tilsyn()
            .into_iter()
            .filter(|t| !self.rapporter.iter().any(|r| r.tilsyn == Some(*t)))
            .collect()
    }
}

/// One change of a follow-up action, for the status history and the event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Historikpost {
    /// The day of the change.
    pub dato: Date,
    /// Who made it.
    pub af: Username,
    /// Their role at the time (a tilsynskontakt with their tilsyn).
    pub rolle: Role,
    /// The status before.
    pub fra: Status,
    /// The status after.
    pub til: Status,
    /// What happened, with its reason, documentation or new deadline.
    pub haendelse: Haendelse,
}

/// Why an event is refused. Each message is a Danish sentence naming the action and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusFejl {
    /// The event is the audit function's, and the user is not a koordinator.
    #[error("Kun en koordinator kan {handling}; »{bruger}« er {rolle}.")]
    KunKoordinator {
        /// What was tried ("kvittere for opfølgningspunktet »x«").
        handling: String,
        /// Who tried.
        bruger: Username,
        /// Their role in words.
        rolle: String,
    },
    /// A tilsynskontakt of a tilsyn the action is not addressed to.
    #[error(
        "{tilsyn} kan ikke {handling}: punktet er rettet til {ansvarlige}, og kun deres \
         tilsynskontakter kan rapportere om det."
    )]
    AndetTilsyn {
        /// What was tried.
        handling: String,
        /// The user's tilsyn, by its full name.
        tilsyn: String,
        /// The tilsyn the action is addressed to.
        ansvarlige: String,
    },
    /// A koordinator reporting on an action that the tilsyn report on.
    #[error(
        "Auditfunktionen kan ikke {handling}: punktet er rettet til {ansvarlige}, som selv \
         rapporterer; Auditfunktionen kvitterer."
    )]
    TilsynetRapporterer {
        /// What was tried.
        handling: String,
        /// The tilsyn the action is addressed to.
        ansvarlige: String,
    },
    /// A tilsynskontakt reporting on an action addressed to no tilsyn.
    #[error(
        "{tilsyn} kan ikke {handling}: punktet er rettet til {ansvarlige} og ikke til et \
         socialtilsyn, så Auditfunktionen rapporterer selv."
    )]
    IkkeEtTilsynsPunkt {
        /// What was tried.
        handling: String,
        /// The user's tilsyn, by its full name.
        tilsyn: String,
        /// The parties the action names.
        ansvarlige: String,
    },
    /// A panelist or reader, who has no part in follow-up.
    #[error("»{bruger}« er {rolle} og kan ikke {handling}.")]
    IngenAdgang {
        /// What was tried.
        handling: String,
        /// Who tried.
        bruger: Username,
        /// Their role in words.
        rolle: String,
    },
    /// The event does not apply in the current status.
    #[error(
        "Man kan ikke {handling}, når punktet har status »{status}«; det kan kun ske fra {tilladte}."
    )]
    IkkeTilladt {
        /// What was tried.
        handling: String,
        /// The current status.
        status: Status,
        /// The statuses it may be applied in, in words.
        tilladte: String,
    },
    /// No reason given where one is required.
    #[error("Skriv en begrundelse for at {handling}.")]
    ManglerBegrundelse {
        /// What was tried.
        handling: String,
    },
    /// A report without documentation.
    #[error(
        "Skriv, hvad der er gjort, for at {handling}; dokumentationen skal have en tekst, og bilag \
         kan vedlægges."
    )]
    ManglerDokumentation {
        /// What was tried.
        handling: String,
    },
    /// An attachment reference that is blank.
    #[error("Bilag nr. {nr} til opfølgningspunktet »{id}« har ingen henvisning.")]
    TomtBilag {
        /// The action's id.
        id: String,
        /// The attachment's number, from 1.
        nr: usize,
    },
    /// The user's tilsyn has already reported in this round.
    #[error("{tilsyn} har allerede rapporteret opfølgningspunktet »{id}« gennemført den {dato}.")]
    AlleredeRapporteret {
        /// The action's id.
        id: String,
        /// The tilsyn, by its full name, or "Auditfunktionen".
        tilsyn: String,
        /// The day of the earlier report, in Danish.
        dato: String,
    },
    /// The new deadline does not parse.
    #[error("Den nye frist for opfølgningspunktet »{id}«: {fejl}")]
    Frist {
        /// The action's id.
        id: String,
        /// The parser's complaint, which quotes the text.
        fejl: FristFejl,
    },
    /// The new deadline does not fall due after the current one.
    #[error(
        "Den nye frist »{ny}« for opfølgningspunktet »{id}« forfalder {ny_dato}, som ikke er senere \
         end den nuværende frist »{nu}« ({nu_dato}); et punkt kan kun udskydes til en senere frist."
    )]
    IkkeSenere {
        /// The action's id.
        id: String,
        /// The new deadline as typed.
        ny: String,
        /// Its due date, in Danish.
        ny_dato: String,
        /// The current deadline as typed.
        nu: String,
        /// Its due date, in Danish.
        nu_dato: String,
    },
    /// A reason, documentation or deadline text that is too long or holds a control character.
    #[error("{}", saetning(.0))]
    Tekst(crate::text::TextError),
}

/// A text error (a Danish fragment) as the sentence the other messages here are.
fn saetning(fejl: &crate::text::TextError) -> String {
    let tekst = fejl.to_string();
    let mut tegn = tekst.chars();
    let mut s: String = tegn
        .next()
        .map(|c| c.to_uppercase().chain(tegn).collect())
        .unwrap_or_default();
    s.push('.');
    s
}

/// Applies `haendelse` by `aktoer` on `dato` to `tiltag` in state `tilstand`, and returns the new state and
/// the history entry to record. See the [module documentation](self) for who may do what, and when.
///
/// Checks, in order: that the user may do this at all (role and tilsyn), that the status allows it, that
/// its texts are within their limits without control characters (`crate::text`), and that the reason,
/// documentation or new deadline is there and valid.
///
/// # Errors
/// A [`StatusFejl`] naming the action and what is wrong.
pub fn anvend(
    tiltag: &Opfoelgningstiltag,
    tilstand: &Tilstand,
    haendelse: Haendelse,
    aktoer: &User,
    dato: Date,
) -> Result<(Tilstand, Historikpost), StatusFejl> {
    let haendelse = haendelse.renset();
    let handling = haendelse.handling(&tiltag.id);
    let rapportoer = match haendelse {
        Haendelse::Paabegynd | Haendelse::RapporterGennemfoert { .. } => {
            Some(rapportoer(tiltag, aktoer, &handling)?)
        }
        _ => {
            kun_koordinator(aktoer, &handling)?;
            None
        }
    };
    // A tilsyn's own events are checked against its own part, so that one tilsyn's påbegynd does not
    // stop another from melding i gang; once it has reported, against the whole (and `rapporter` names
    // the earlier report).
    let status = match rapportoer {
        Some(Some(t)) if !tilstand.rapporter.iter().any(|r| r.tilsyn == Some(t)) => {
            tilstand.status_for(Some(t))
        }
        _ => tilstand.status,
    };
    tjek_status(&haendelse, status, &handling)?;
    tjek_tekster(&haendelse)?;
    let mut ny = tilstand.clone();
    ny.status = match &haendelse {
        Haendelse::Paabegynd => {
            ny.i_gang.extend(
                rapportoer
                    .flatten()
                    .filter(|t| !tilstand.i_gang.contains(t)),
            );
            Status::IGang
        }
        Haendelse::RapporterGennemfoert { dokumentation } => {
            let afrapportering = Afrapportering {
                tilsyn: rapportoer.flatten(),
                af: aktoer.username.clone(),
                dato,
                dokumentation: dokumentation.clone(),
            };
            rapporter(tiltag, &mut ny, afrapportering, &handling)?
        }
        Haendelse::Kvitter => Status::Kvitteret,
        Haendelse::SendTilbage { begrundelse } => {
            kraev_begrundelse(begrundelse, &handling)?;
            let tilbage = ny.rapporter.drain(..).filter_map(|r| r.tilsyn);
            let tilbage: Vec<Tilsyn> = tilbage.filter(|t| !ny.i_gang.contains(t)).collect();
            ny.i_gang.extend(tilbage);
            Status::IGang
        }
        Haendelse::Udskyd {
            ny_frist,
            begrundelse,
        } => {
            ny.frist = Some(ny_frist_for(tiltag, tilstand, ny_frist)?);
            kraev_begrundelse(begrundelse, &handling)?;
            Status::Udskudt
        }
        Haendelse::Bortfald { begrundelse } => {
            kraev_begrundelse(begrundelse, &handling)?;
            Status::Bortfaldet
        }
    };
    let post = Historikpost {
        dato,
        af: aktoer.username.clone(),
        rolle: aktoer.role,
        fra: tilstand.status,
        til: ny.status,
        haendelse,
    };
    Ok((ny, post))
}

/// Who may report on `tiltag`: `Some(tilsyn)` for a tilsynskontakt of a tilsyn it is addressed to, `None`
/// for a koordinator on an action addressed to no tilsyn.
fn rapportoer(
    tiltag: &Opfoelgningstiltag,
    aktoer: &User,
    handling: &str,
) -> Result<Option<Tilsyn>, StatusFejl> {
    let adresserede = tiltag.tilsyn();
    let ansvarlige = || ansvarlige_tekst(tiltag, &adresserede);
    match (aktoer.role, adresserede.is_empty()) {
        (Role::Tilsynskontakt(t), false) if adresserede.contains(&t) => Ok(Some(t)),
        (Role::Tilsynskontakt(t), false) => Err(StatusFejl::AndetTilsyn {
            handling: handling.to_owned(),
            tilsyn: t.fulde_navn(),
            ansvarlige: ansvarlige(),
        }),
        (Role::Tilsynskontakt(t), true) => Err(StatusFejl::IkkeEtTilsynsPunkt {
            handling: handling.to_owned(),
            tilsyn: t.fulde_navn(),
            ansvarlige: ansvarlige(),
        }),
        (Role::Koordinator, true) => Ok(None),
        (Role::Koordinator, false) => Err(StatusFejl::TilsynetRapporterer {
            handling: handling.to_owned(),
            ansvarlige: ansvarlige(),
        }),
        (Role::Panelist | Role::Laeser, _) => Err(StatusFejl::IngenAdgang {
            handling: handling.to_owned(),
            bruger: aktoer.username.clone(),
            rolle: rolle_tekst(aktoer.role),
        }),
    }
}

fn kun_koordinator(aktoer: &User, handling: &str) -> Result<(), StatusFejl> {
    if aktoer.role == Role::Koordinator {
        return Ok(());
    }
    Err(StatusFejl::KunKoordinator {
        handling: handling.to_owned(),
        bruger: aktoer.username.clone(),
        rolle: rolle_tekst(aktoer.role),
    })
}

fn tjek_status(haendelse: &Haendelse, status: Status, handling: &str) -> Result<(), StatusFejl> {
    let tilladte = haendelse.tilladt_fra();
    if tilladte.contains(&status) {
        return Ok(());
    }
    let navne: Vec<String> = tilladte.iter().map(|s| format!("»{s}«")).collect();
    Err(StatusFejl::IkkeTilladt {
        handling: handling.to_owned(),
        status,
        tilladte: eller_opremsning(&navne),
    })
}

/// Adds a report to `ny` and returns the status it leads to.
fn rapporter(
    tiltag: &Opfoelgningstiltag,
    ny: &mut Tilstand,
    afrapportering: Afrapportering,
    handling: &str,
) -> Result<Status, StatusFejl> {
    let dok = &afrapportering.dokumentation;
    if dok.tekst.is_empty() {
        return Err(StatusFejl::ManglerDokumentation {
            handling: handling.to_owned(),
        });
    }
    if let Some(nr) = dok.bilag.iter().position(String::is_empty) {
        return Err(StatusFejl::TomtBilag {
            id: tiltag.id.clone(),
            nr: nr + 1,
        });
    }
    if let Some(tidligere) = ny
        .rapporter
        .iter()
        .find(|r| r.tilsyn == afrapportering.tilsyn)
    {
        return Err(StatusFejl::AlleredeRapporteret {
            id: tiltag.id.clone(),
            tilsyn: tidligere
                .tilsyn
                .map_or_else(|| "Auditfunktionen".to_owned(), Tilsyn::fulde_navn),
            dato: dansk_dato(tidligere.dato),
        });
    }
    ny.rapporter.push(afrapportering);
    Ok(if ny.mangler_rapport(tiltag).is_empty() {
        Status::RapporteretGennemfoert
    } else {
        Status::IGang
    })
}

/// The event's free texts within their limits and without control characters (`crate::text`).
fn tjek_tekster(haendelse: &Haendelse) -> Result<(), StatusFejl> {
    use crate::text::{REASON_MAX, SHORT_MAX, check_text};
    let tjek =
        |felt: &str, tekst: &str, max| check_text(felt, tekst, max).map_err(StatusFejl::Tekst);
    match haendelse {
        Haendelse::RapporterGennemfoert { dokumentation } => tjek(
            "beskrivelsen af det gjorte",
            &dokumentation.tekst,
            REASON_MAX,
        ),
        Haendelse::SendTilbage { begrundelse } | Haendelse::Bortfald { begrundelse } => {
            tjek("begrundelsen", begrundelse, REASON_MAX)
        }
        Haendelse::Udskyd {
            ny_frist,
            begrundelse,
        } => {
            tjek("den nye frist", ny_frist, SHORT_MAX)?;
            tjek("begrundelsen", begrundelse, REASON_MAX)
        }
        Haendelse::Paabegynd | Haendelse::Kvitter => Ok(()),
    }
}

fn kraev_begrundelse(begrundelse: &str, handling: &str) -> Result<(), StatusFejl> {
    if begrundelse.is_empty() {
        return Err(StatusFejl::ManglerBegrundelse {
            handling: handling.to_owned(),
        });
    }
    Ok(())
}

/// The new deadline, parsed, and later than the current one when both have a date.
fn ny_frist_for(
    tiltag: &Opfoelgningstiltag,
    tilstand: &Tilstand,
    tekst: &str,
) -> Result<Frist, StatusFejl> {
    let ny = parse_frist(tekst).map_err(|fejl| StatusFejl::Frist {
        id: tiltag.id.clone(),
        fejl,
    })?;
    if let (Some(nu), Some(nu_dato), Some(ny_dato)) =
        (&tilstand.frist, tilstand.forfald(), ny.forfald())
        && ny_dato <= nu_dato
    {
        return Err(StatusFejl::IkkeSenere {
            id: tiltag.id.clone(),
            ny: ny.to_string(),
            ny_dato: dansk_dato(ny_dato),
            nu: nu.to_string(),
            nu_dato: dansk_dato(nu_dato),
        });
    }
    Ok(ny)
}

/// The tilsyn an action is addressed to, or else the parties it names, in words.
fn ansvarlige_tekst(tiltag: &Opfoelgningstiltag, adresserede: &[Tilsyn]) -> String {
    let navne: Vec<String> = if adresserede.len() == Tilsyn::ALL.len() {
        vec!["alle fem socialtilsyn".to_owned()]
    } else if adresserede.is_empty() {
        tiltag.ansvarlige.iter().map(|a| a.navn()).collect()
    } else {
        adresserede.iter().map(|t| t.fulde_navn()).collect()
    };
    opremsning(&navne)
}

fn rolle_tekst(rolle: Role) -> String {
    match rolle {
        Role::Tilsynskontakt(t) => format!("tilsynskontakt for {}", t.fulde_navn()),
        andet => andet.navn().to_owned(),
    }
}

/// "A", "A eller B", "A, B eller C".
fn eller_opremsning(navne: &[String]) -> String {
    match navne {
        [] => String::new(),
        [en] => en.clone(),
        [foerste @ .., sidste] => format!("{} eller {sidste}", foerste.join(", ")),
    }
}
