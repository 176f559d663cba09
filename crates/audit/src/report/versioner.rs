//! Published versions of a report: the date a new version may carry, and what changed against the
//! version before it.
//!
//! # The publication date
//! The koordinator chooses the date a version is published with (today by default): a report agreed
//! at a meeting may be sent out some days later, and the date is entered after. Two rules:
//!
//! - not after today: the date says from when the version was public, and it is readable from the
//!   moment it is stored; a date to come would print a report that claims not to exist yet;
//! - not before the latest published version: the versions' dates run in the order of their numbers,
//!   so that "version 2" never reads as older than version 1.
//!
//! There is no rule against a date before the audit's meeting: the ratings may be revealed before
//! the meeting (25.2 of the demo is), and a report may be published once they are.
//!
//! # What changed
//! [`versionsforskel`] compares two reports part by part: the sections of running text by their
//! anchor (a section's number may change when one is added before it, its content is what counts),
//! the discussions, the calibration appendix, and the recommendations and follow-up actions by
//! their ids. The version page and the publish confirmation show it.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

use super::document::{Overskrift, Rapport, Sektion};
use crate::dansk_dato;

/// Why a publication date is refused; the message is a Danish sentence naming the dates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatoFejl {
    /// A date after today.
    #[error(
        "Datoen {} ligger efter i dag ({}). En version kan ikke offentliggøres med en dato, der ikke er kommet endnu.",
        dansk_dato(*dato),
        dansk_dato(*idag)
    )]
    IFremtiden {
        /// The date chosen.
        dato: Date,
        /// Today.
        idag: Date,
    },
    /// A date before the latest published version's.
    #[error(
        "Datoen {} ligger før den seneste offentliggjorte version ({}). Vælg {} eller senere.",
        dansk_dato(*dato),
        dansk_dato(*seneste),
        dansk_dato(*seneste)
    )]
    FoerSenesteVersion {
        /// The date chosen.
        dato: Date,
        /// The latest published version's date.
        seneste: Date,
    },
}

/// Checks the publication date `dato` of a new version against `idag` and the date of the latest
/// published version, `seneste` (see the [module documentation](self) for why these two rules).
///
/// # Errors
/// [`DatoFejl::IFremtiden`] after today, [`DatoFejl::FoerSenesteVersion`] before `seneste`.
pub fn check_offentliggoerelsesdato(
    dato: Date,
    seneste: Option<Date>,
    idag: Date,
) -> Result<(), DatoFejl> {
    if dato > idag {
        return Err(DatoFejl::IFremtiden { dato, idag });
    }
    match seneste {
        Some(seneste) if dato < seneste => Err(DatoFejl::FoerSenesteVersion { dato, seneste }),
        _ => Ok(()),
    }
}

/// What happened to a part between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aendringsart {
    /// New in the later version.
    Tilfoejet,
    /// Gone from the later version.
    Fjernet,
    /// In both, with other content.
    Aendret,
}

impl Aendringsart {
    /// The Danish word ("tilføjet").
    pub fn navn(self) -> &'static str {
        match self {
            Aendringsart::Tilfoejet => "tilføjet",
            Aendringsart::Fjernet => "fjernet",
            Aendringsart::Aendret => "ændret",
        }
    }
}

/// One changed part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aendring {
    /// What happened to it.
    pub art: Aendringsart,
    /// The part as a reader finds it: "3.2 Deltagere", "Anbefaling 8.a", the action's text.
    pub navn: String,
}

/// What changed between two versions of a report. Empty when nothing a reader sees changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Versionsforskel {
    /// Sections of text, discussions and annexes, in the later version's order (removed ones last).
    pub afsnit: Vec<Aendring>,
    /// The recommendations, by id.
    pub anbefalinger: Vec<Aendring>,
    /// The follow-up actions, by id.
    pub tiltag: Vec<Aendring>,
}

impl Versionsforskel {
    /// Whether nothing changed.
    pub fn er_tom(&self) -> bool {
        self.afsnit.is_empty() && self.anbefalinger.is_empty() && self.tiltag.is_empty()
    }
}

/// What changed from `forrige` to `ny`.
pub fn versionsforskel(forrige: &Rapport, ny: &Rapport) -> Versionsforskel {
    Versionsforskel {
        afsnit: sammenlign(&afsnit(forrige), &afsnit(ny)),
        anbefalinger: sammenlign(&anbefalinger(forrige), &anbefalinger(ny)),
        tiltag: sammenlign(&tiltag(forrige), &tiltag(ny)),
    }
}

/// A comparable part: its key, its name for a reader and its content as JSON.
struct Del {
    noegle: String,
    navn: String,
    indhold: serde_json::Value,
}

fn del(noegle: &str, navn: String, indhold: impl Serialize) -> Del {
    Del {
        noegle: noegle.to_owned(),
        navn,
        indhold: serde_json::to_value(indhold).unwrap_or(serde_json::Value::Null),
    }
}

fn overskriftsnavn(o: &Overskrift) -> String {
    format!("{} {}", o.nummer, o.tekst)
}

/// Every section of running text with its own text (not its subsections'), every discussion and
/// annex, in document order. A heading's number is left out of the content, so that a section does
/// not count as changed only because one was added before it.
fn afsnit(r: &Rapport) -> Vec<Del> {
    fn sektion(s: &Sektion, ud: &mut Vec<Del>) {
        ud.push(del(
            &s.overskrift.anker,
            overskriftsnavn(&s.overskrift),
            (&s.overskrift.tekst, &s.genereret, &s.skrevet),
        ));
        for u in &s.undersektioner {
            sektion(u, ud);
        }
    }
    let mut ud = Vec::new();
    sektion(&r.indledning, &mut ud);
    sektion(&r.formaal, &mut ud);
    let m = &r.metodisk_tilrettelaeggelse;
    for s in [&m.fokus, &m.deltagere, &m.auditmateriale, &m.metodisk_fokus] {
        sektion(s, &mut ud);
    }
    for d in &r.droeftelser.droeftelser {
        let mut uden_nummer = d.clone();
        uden_nummer.overskrift.nummer.clear();
        ud.push(del(
            &d.overskrift.anker,
            overskriftsnavn(&d.overskrift),
            uden_nummer,
        ));
    }
    for s in &r.droeftelser.plenum {
        sektion(s, &mut ud);
    }
    let a = &r.anbefalinger;
    ud.push(del(
        &a.overskrift.anker,
        overskriftsnavn(&a.overskrift),
        &a.konklusion,
    ));
    let p = &r.opfoelgningsplan;
    ud.push(del(
        &p.overskrift.anker,
        overskriftsnavn(&p.overskrift),
        &p.indledning,
    ));
    for b in &r.bilag.bilag {
        ud.push(del(
            &b.overskrift.anker,
            overskriftsnavn(&b.overskrift),
            (&b.overskrift.tekst, &b.afsnit),
        ));
    }
    let k = &r.bilag;
    ud.push(del(
        &k.kalibrering_overskrift.anker,
        overskriftsnavn(&k.kalibrering_overskrift),
        (&k.kalibrering, &k.syntetisk),
    ));
    if let Some(o) = &k.spindelvaev_overskrift {
        ud.push(del(&o.anker, overskriftsnavn(o), &k.spindelvaev));
    }
    ud
}

fn anbefalinger(r: &Rapport) -> Vec<Del> {
    r.anbefalinger
        .anbefalinger
        .iter()
        .map(|a| {
            del(
                &a.id,
                format!("{} ({})", a.overskrift.tekst, a.id),
                (&a.overskrift.tekst, &a.emne, &a.tekst, &a.punkter),
            )
        })
        .collect()
}

fn tiltag(r: &Rapport) -> Vec<Del> {
    r.opfoelgningsplan
        .tiltag
        .iter()
        .map(|t| {
            del(
                &t.id,
                kort(&t.tekst),
                (
                    &t.tekst,
                    &t.punkter,
                    &t.ansvarlige,
                    t.frist.as_ref().map(|f| &f.tekst),
                    &t.anbefalinger,
                ),
            )
        })
        .collect()
}

/// The first words of an action's text, enough to recognise it.
fn kort(tekst: &str) -> String {
    const ORD: usize = 12;
    let ord: Vec<&str> = tekst.split_whitespace().collect();
    if ord.len() <= ORD {
        ord.join(" ")
    } else {
        format!("{} …", ord[..ORD].join(" "))
    }
}

/// The parts of `ny` that are new or changed against `forrige`, in `ny`'s order, then those gone.
fn sammenlign(forrige: &[Del], ny: &[Del]) -> Vec<Aendring> {
    let foer: BTreeMap<&str, &Del> = forrige.iter().map(|d| (d.noegle.as_str(), d)).collect();
    let efter: BTreeMap<&str, &Del> = ny.iter().map(|d| (d.noegle.as_str(), d)).collect();
    let mut ud: Vec<Aendring> = ny
        .iter()
        .filter_map(|d| {
            let art = match foer.get(d.noegle.as_str()) {
                None => Aendringsart::Tilfoejet,
                Some(f) if f.indhold != d.indhold => Aendringsart::Aendret,
                Some(_) => return None,
            };
            Some(Aendring {
                art,
                navn: d.navn.clone(),
            })
        })
        .collect();
    ud.extend(
        forrige
            .iter()
            .filter(|d| !efter.contains_key(d.noegle.as_str()))
            .map(|d| Aendring {
                art: Aendringsart::Fjernet,
                navn: d.navn.clone(),
            }),
    );
    ud
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::{DatoFejl, check_offentliggoerelsesdato};

    const IDAG: time::Date = date!(2025 - 03 - 03);

    #[test]
    fn a_version_is_dated_today_or_earlier_and_not_before_the_latest_version() {
        assert_eq!(check_offentliggoerelsesdato(IDAG, None, IDAG), Ok(()));
        assert_eq!(
            check_offentliggoerelsesdato(date!(2024 - 12 - 01), None, IDAG),
            Ok(())
        );
        assert_eq!(check_offentliggoerelsesdato(IDAG, Some(IDAG), IDAG), Ok(()));
        let fremtid = check_offentliggoerelsesdato(date!(2025 - 03 - 04), None, IDAG).unwrap_err();
        assert!(matches!(fremtid, DatoFejl::IFremtiden { .. }));
        assert_eq!(
            fremtid.to_string(),
            "Datoen 4. marts 2025 ligger efter i dag (3. marts 2025). En version kan ikke \
             offentliggøres med en dato, der ikke er kommet endnu."
        );
        let foer =
            check_offentliggoerelsesdato(date!(2025 - 01 - 31), Some(date!(2025 - 02 - 01)), IDAG)
                .unwrap_err();
        assert_eq!(
            foer.to_string(),
            "Datoen 31. januar 2025 ligger før den seneste offentliggjorte version (1. februar \
             2025). Vælg 1. februar 2025 eller senere."
        );
    }
}
