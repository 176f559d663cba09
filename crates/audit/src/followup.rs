//! Follow-up across audits: every action of every follow-up plan (opfølgningsplan), where it stands, the
//! overview of deadlines, the reminders and the calendar feed.
//!
//! An action's words come from the report ([`Opfoelgningstiltag`]); what happens to it afterwards is a
//! [`Tilstand`] moved by [`status::anvend`], one dated [`Historikpost`] per change. [`SporetTiltag`] ties
//! the three together with the audit the action belongs to, and is what [`oversigt`], [`paamindelse`]
//! and [`ics`] read. Nothing here reads the clock: today (or now) is always a parameter.

pub mod ics;
pub mod oversigt;
pub mod paamindelse;
pub mod status;
pub mod synlighed;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::frist::FristFejl;
use crate::{AuditNr, Opfoelgningstiltag, Rapportindhold, User};

pub use self::status::{
    Afrapportering, Dokumentation, Haendelse, Historikpost, Status, StatusFejl, Tilstand,
    UkendtStatus, anvend,
};
pub use self::synlighed::follow_up_visible_to;

/// One follow-up action as tracked: the audit it belongs to, its words, where it stands and how it got
/// there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SporetTiltag {
    /// The audit whose report holds the action.
    pub audit: AuditNr,
    /// The action as the report words it, with the deadline as first typed.
    pub tiltag: Opfoelgningstiltag,
    /// Where it stands now.
    pub tilstand: Tilstand,
    /// Every change, oldest first.
    pub historik: Vec<Historikpost>,
}

impl SporetTiltag {
    /// A newly published action: planlagt, with the report's deadline and no history.
    ///
    /// # Errors
    /// [`FristFejl`] when the report's deadline does not parse.
    pub fn ny(audit: AuditNr, tiltag: Opfoelgningstiltag) -> Result<SporetTiltag, FristFejl> {
        let tilstand = Tilstand::ny(&tiltag)?;
        Ok(SporetTiltag {
            audit,
            tiltag,
            tilstand,
            historik: Vec::new(),
        })
    }

    /// The id across all audits, `audit/tiltag` ("19.1/praesentation"): unique because a report's
    /// action ids are unique within it.
    pub fn id(&self) -> String {
        format!("{}/{}", self.audit, self.tiltag.id)
    }

    /// The current due date (the last day of the current deadline); `None` without a dated deadline.
    pub fn forfald(&self) -> Option<Date> {
        self.tilstand.forfald()
    }

    /// A short title for lists, mails and calendars: the action's text cut at a word before 70
    /// characters, with "…" when cut.
    pub fn titel(&self) -> String {
        kort_titel(&self.tiltag.tekst, 70)
    }

    /// Applies `haendelse` by `aktoer` on `dato` (see [`status::anvend`]), keeps the new state and
    /// appends the history entry, which it returns for the event log.
    ///
    /// # Errors
    /// The [`StatusFejl`] of [`status::anvend`]; the action is then unchanged.
    pub fn anvend(
        &mut self,
        haendelse: Haendelse,
        aktoer: &User,
        dato: Date,
    ) -> Result<&Historikpost, StatusFejl> {
        let (tilstand, post) = anvend(&self.tiltag, &self.tilstand, haendelse, aktoer, dato)?;
        self.tilstand = tilstand;
        self.historik.push(post);
        Ok(&self.historik[self.historik.len() - 1])
    }
}

/// The actions of a report's follow-up plan, newly published: all planlagt.
///
/// # Errors
/// [`FristFejl`] for the first deadline that does not parse (a validated report has none).
pub fn fra_rapport(
    audit: &AuditNr,
    rapport: &Rapportindhold,
) -> Result<Vec<SporetTiltag>, FristFejl> {
    rapport
        .opfoelgning
        .iter()
        .map(|t| SporetTiltag::ny(audit.clone(), t.clone()))
        .collect()
}

/// `tekst` on one line, cut at the last space before `max` characters, with "…" when cut.
fn kort_titel(tekst: &str, max: usize) -> String {
    let en_linje = tekst.split_whitespace().collect::<Vec<_>>().join(" ");
    if en_linje.chars().count() <= max {
        return en_linje;
    }
    let forreste: String = en_linje.chars().take(max).collect();
    let klip = forreste.rfind(' ').unwrap_or(forreste.len());
    format!(
        "{}…",
        forreste[..klip].trim_end_matches([',', ';', ':', '.', ' '])
    )
}

/// Names joined the Danish way: "A", "A og B", "A, B og C".
fn opremsning(navne: &[String]) -> String {
    match navne {
        [] => String::new(),
        [en] => en.clone(),
        [foerste @ .., sidste] => format!("{} og {sidste}", foerste.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_cut_at_a_word_and_marked() {
        assert_eq!(
            kort_titel("Kort  tekst\nmed linjeskift", 70),
            "Kort tekst med linjeskift"
        );
        let lang = "Afrapporteringen af auditforløbet 19.1., herunder de opstillede opmærksomheder og \
                    anbefalinger, vil blive præsenteret";
        let titel = kort_titel(lang, 70);
        assert_eq!(
            titel,
            "Afrapporteringen af auditforløbet 19.1., herunder de opstillede…"
        );
        assert!(titel.chars().count() <= 71);
    }

    #[test]
    fn names_are_listed_with_og() {
        let n = |v: &[&str]| opremsning(&v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(n(&[]), "");
        assert_eq!(n(&["Midt"]), "Midt");
        assert_eq!(n(&["Midt", "Nord"]), "Midt og Nord");
        assert_eq!(n(&["Midt", "Nord", "Syd"]), "Midt, Nord og Syd");
    }
}
