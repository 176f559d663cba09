//! The published history of a demo audit: the day its report was published, by which koordinator,
//! and what then happened to the actions of its follow-up plan, as a later audit would find them.
//!
//! The seed reports print no publication date and say nothing of how their plans went, so each file
//! states where its date comes from (`kilde`) and the README lists what is invented. The loader checks
//! the history with the domain's own rules before anything is stored: the report is published after
//! the meeting and on or before the day of loading, by a koordinator, and every follow-up event is one
//! the status machine ([`anvend`]) accepts from that user on that day, in order.
//!
//! Storing it is the web layer's job (`web::demo`): the report is published through the publish
//! handler's code path, so its version, snapshot and event are those of a real publication.

use std::collections::BTreeMap;

use serde::Deserialize;
use time::macros::time;
use time::{Date, OffsetDateTime};

use super::fil::Dag;
use crate::followup::status::{Haendelse, Tilstand, anvend};
use crate::{Audit, Rapportindhold, Role, User, Username, WorkflowState, dansk_dato};

/// When and by whom a demo audit's report was published, and what its follow-up plan came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offentliggoerelse {
    /// The day the report was published.
    pub dato: Date,
    /// The koordinator who published it.
    pub af: Username,
    /// Where the date comes from: the source's words, or why the date is plausible.
    pub kilde: String,
    /// What happened to the follow-up actions afterwards, in the order it happened.
    pub opfoelgning: Vec<Opfoelgningshaendelse>,
}

/// One event of a follow-up action after publication.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opfoelgningshaendelse {
    /// The action's id in the report's follow-up plan.
    pub tiltag: String,
    /// The day it happened.
    pub dato: Date,
    /// Who did it: a tilsynskontakt reporting, or a koordinator.
    pub af: Username,
    /// What happened, in the follow-up status machine's own form.
    pub haendelse: Haendelse,
}

impl Offentliggoerelse {
    /// The moment of publication: 10.00 UTC on the day (noon or 11.00 in Denmark), so the Danish date
    /// is the day itself.
    pub fn tidspunkt(&self) -> OffsetDateTime {
        paa_dagen(self.dato)
    }
}

impl Opfoelgningshaendelse {
    /// The moment of the event, on its day as [`Offentliggoerelse::tidspunkt`].
    pub fn tidspunkt(&self) -> OffsetDateTime {
        paa_dagen(self.dato)
    }
}

fn paa_dagen(dato: Date) -> OffsetDateTime {
    dato.with_time(time!(10:00)).assume_utc()
}

/// The `[offentliggoerelse]` table of an audit file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OffentliggoerelseFil {
    dato: Dag,
    af: Username,
    kilde: String,
    #[serde(default)]
    opfoelgning: Vec<HaendelseFil>,
}

/// One `[[offentliggoerelse.opfoelgning]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct HaendelseFil {
    tiltag: String,
    dato: Dag,
    af: Username,
    haendelse: Haendelse,
}

impl OffentliggoerelseFil {
    /// The history with its dates resolved against `today`, checked against the audit, its report
    /// content and the demo users (see the [module documentation](self)).
    pub(super) fn kontroller(
        &self,
        audit: &Audit,
        rapport: &Rapportindhold,
        users: &BTreeMap<&Username, &User>,
        today: Date,
    ) -> Result<Offentliggoerelse, String> {
        let dato = self.dato.dato(today)?;
        if !audit.state.is_revealed() {
            return Err(format!(
                "rapporten kan ikke være offentliggjort, når auditforløbet er i tilstanden {}; \
                 bedømmelserne afsløres før offentliggørelsen",
                audit.state
            ));
        }
        if let Some(moede) = audit.meeting_date
            && dato < moede
        {
            return Err(format!(
                "rapporten er offentliggjort {}, før auditmødet {}",
                dansk_dato(dato),
                dansk_dato(moede)
            ));
        }
        if dato > today {
            return Err(format!(
                "offentliggørelsen {} ligger efter i dag ({})",
                dansk_dato(dato),
                dansk_dato(today)
            ));
        }
        if self.kilde.trim().is_empty() {
            return Err("offentliggørelsen mangler en kilde til datoen".into());
        }
        let koordinator = bruger(users, &self.af)?;
        if koordinator.role != Role::Koordinator {
            return Err(format!(
                "rapporten er offentliggjort af »{}«, som er {}, ikke koordinator",
                self.af,
                koordinator.role.navn()
            ));
        }
        let opfoelgning = self.historik(rapport, users, dato, today)?;
        Ok(Offentliggoerelse {
            dato,
            af: self.af.clone(),
            kilde: self.kilde.trim().to_owned(),
            opfoelgning,
        })
    }

    /// The follow-up events, each replayed through the status machine from the plan's state at
    /// publication.
    fn historik(
        &self,
        rapport: &Rapportindhold,
        users: &BTreeMap<&Username, &User>,
        offentliggjort: Date,
        today: Date,
    ) -> Result<Vec<Opfoelgningshaendelse>, String> {
        let mut tilstande: BTreeMap<&str, Tilstand> = BTreeMap::new();
        let mut forrige = offentliggjort;
        let mut ud = Vec::new();
        for h in &self.opfoelgning {
            let dato = h.dato.dato(today)?;
            let Some(tiltag) = rapport.opfoelgning.iter().find(|t| t.id == h.tiltag) else {
                return Err(format!(
                    "opfølgningshændelsen nævner tiltaget »{}«, som ikke er i opfølgningsplanen",
                    h.tiltag
                ));
            };
            let tilstand = match tilstande.remove(tiltag.id.as_str()) {
                Some(found) => found,
                None => {
                    Tilstand::ny(tiltag).map_err(|e| format!("tiltaget »{}«: {e}", tiltag.id))?
                }
            };
            if dato < forrige || dato > today {
                return Err(format!(
                    "opfølgningshændelsen for »{}« den {} ligger før offentliggørelsen eller den \
                     forrige hændelse ({}) eller efter i dag; hændelserne står i den rækkefølge, de \
                     skete",
                    tiltag.id,
                    dansk_dato(dato),
                    dansk_dato(forrige)
                ));
            }
            forrige = dato;
            let aktoer = bruger(users, &h.af)?;
            let (ny, _) = anvend(tiltag, &tilstand, h.haendelse.clone(), aktoer, dato)
                .map_err(|e| format!("{}: {e}", dansk_dato(dato)))?;
            tilstande.insert(tiltag.id.as_str(), ny);
            ud.push(Opfoelgningshaendelse {
                tiltag: h.tiltag.clone(),
                dato,
                af: h.af.clone(),
                haendelse: h.haendelse.clone(),
            });
        }
        Ok(ud)
    }
}

fn bruger<'u>(
    users: &BTreeMap<&Username, &'u User>,
    username: &Username,
) -> Result<&'u User, String> {
    users
        .get(username)
        .copied()
        .ok_or_else(|| format!("»{username}« er ikke en demobruger"))
}

/// An audit that has reached opfølgning has a published report: the workflow lets an audit into
/// opfølgning only after publication, so the demo must say when that was.
pub(super) fn kraeves(audit: &Audit, har: bool) -> Result<(), String> {
    if audit.state >= WorkflowState::Opfoelgning && !har {
        return Err(format!(
            "auditforløbet er i tilstanden {}, så dets rapport er offentliggjort; filen skal angive \
             [offentliggoerelse]",
            audit.state
        ));
    }
    Ok(())
}
