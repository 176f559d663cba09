//! Høring: before the auditrapport is published, the audit function sends the draft to the
//! participating socialtilsyn for comments (høringssvar), one per tilsyn, within a deadline.
//!
//! The rules here are pure: who is a høringspart, who may read the frozen høring draft, the deadline
//! a høring is sent with, and the text of a høringssvar. The store keeps the frozen draft and the
//! answers; the web shows them.
//!
//! | who | reads the høring draft | answers |
//! | --- | --- | --- |
//! | koordinator | always | never |
//! | tilsynskontakt of a tilsyn with a rating panel member (a høringspart) | yes | once per høring |
//! | anyone else (panelists, læsere, the tilsynskontakt of an exempted or absent tilsyn) | never | never |
//!
//! An exempted tilsyn (all its members fritaget, as Nord in 20.1) is no høringspart; it is oriented
//! instead (`orientering`).

use time::Date;

use crate::text::{REASON_MAX, TextError, check_text};
use crate::{Audit, Role, Tilsyn};

/// What a høring's message in a tilsynskontakt's inbox has as its action key.
pub const HANDLING: &str = "hoering";

/// What the orientation of an exempted tilsyn has as its action key in the inbox.
pub const ORIENTERING: &str = "orientering";

/// The tilsyn a høring is sent to: those with at least one panel member who rates, in the order of
/// [`Tilsyn::ALL`].
pub fn hoeringsparter(audit: &Audit) -> Vec<Tilsyn> {
    Tilsyn::ALL
        .into_iter()
        .filter(|t| audit.panel.iter().any(|m| m.tilsyn == *t && m.rates()))
        .collect()
}

/// The tilsyn whose panel members were all exempted (fritaget): they took no part and are oriented
/// about the report rather than heard.
pub fn fritagne_tilsyn(audit: &Audit) -> Vec<Tilsyn> {
    Tilsyn::ALL
        .into_iter()
        .filter(|t| {
            let members: Vec<_> = audit.panel.iter().filter(|m| m.tilsyn == *t).collect();
            !members.is_empty() && members.iter().all(|m| !m.rates())
        })
        .collect()
}

/// The tilsyn `role` answers a høring of `audit` for: a tilsynskontakt of a høringspart.
pub fn svarer_for(role: Role, audit: &Audit) -> Option<Tilsyn> {
    match role {
        Role::Tilsynskontakt(t) if hoeringsparter(audit).contains(&t) => Some(t),
        _ => None,
    }
}

/// Whether `role` may read the høring draft of `audit`: the koordinator and the tilsynskontakt of a
/// høringspart. See the table in the module documentation.
pub fn maa_laese(role: Role, audit: &Audit) -> bool {
    role == Role::Koordinator || svarer_for(role, audit).is_some()
}

/// Why a høring or a høringssvar is refused; `Display` is the Danish message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoeringFejl {
    /// The ratings are not revealed yet, so there is no report to send.
    #[error("rapporten kan først sendes i høring, når bedømmelserne er afsløret på auditmødet")]
    IkkeAfsloeret,
    /// No tilsyn has a rating member.
    #[error("auditforløbet har ingen deltagende socialtilsyn at sende rapporten i høring hos")]
    IngenParter,
    /// The deadline is today or earlier.
    #[error("høringsfristen skal ligge efter i dag")]
    FristIkkeEfterIDag,
    /// An empty answer.
    #[error("skriv jeres bemærkninger til rapportudkastet")]
    TomtSvar,
    /// The answer's text is too long or holds a control character.
    #[error("{0}")]
    Tekst(#[from] TextError),
    /// The deadline has passed.
    #[error("høringsfristen er overskredet; kontakt auditfunktionen")]
    FristOverskredet,
}

/// Checks that a høring of `audit` may be sent now, `today`, with the deadline `frist`.
///
/// # Errors
/// [`HoeringFejl::IkkeAfsloeret`], [`HoeringFejl::IngenParter`] or [`HoeringFejl::FristIkkeEfterIDag`].
pub fn check_afsendelse(audit: &Audit, frist: Date, today: Date) -> Result<(), HoeringFejl> {
    if !audit.state.is_revealed() {
        return Err(HoeringFejl::IkkeAfsloeret);
    }
    if hoeringsparter(audit).is_empty() {
        return Err(HoeringFejl::IngenParter);
    }
    if frist <= today {
        return Err(HoeringFejl::FristIkkeEfterIDag);
    }
    Ok(())
}

/// Checks a høringssvar `tekst`, given `today` and the høring's `frist` (the deadline day itself is
/// open), and returns it trimmed.
///
/// # Errors
/// [`HoeringFejl::FristOverskredet`], [`HoeringFejl::TomtSvar`] or [`HoeringFejl::Tekst`].
pub fn check_svar(tekst: &str, frist: Date, today: Date) -> Result<String, HoeringFejl> {
    if today > frist {
        return Err(HoeringFejl::FristOverskredet);
    }
    let tekst = tekst.trim();
    if tekst.is_empty() {
        return Err(HoeringFejl::TomtSvar);
    }
    check_text("høringssvaret", tekst, REASON_MAX)?;
    Ok(tekst.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Afsloeringsregel, AuditNr, Fremmoede, PanelMember, Panelrolle, WorkflowState};
    use time::macros::date;

    fn member(name: &str, tilsyn: Tilsyn, attendance: Fremmoede) -> PanelMember {
        PanelMember {
            username: name.parse().unwrap(),
            navn: name.to_owned(),
            tilsyn,
            rolle: Panelrolle::Tilsynskonsulent,
            attendance,
        }
    }

    /// 20.1's shape: Nord exempted, Syd cancelled on the day (its member still rated), Midt took part.
    fn audit_20_1(state: WorkflowState) -> Audit {
        let fritaget = Fremmoede::Fritaget {
            grund: "fritaget".into(),
        };
        let panel = vec![
            member("midt1", Tilsyn::Midt, Fremmoede::Deltager),
            member("nord1", Tilsyn::Nord, fritaget.clone()),
            member("nord2", Tilsyn::Nord, fritaget),
            member(
                "syd1",
                Tilsyn::Syd,
                Fremmoede::Afbud {
                    grund: "sygdom".into(),
                    paa_dagen: true,
                },
            ),
        ];
        Audit {
            nr: AuditNr::new("20.1").unwrap(),
            titel: "Test".into(),
            formaal: String::new(),
            fokus: String::new(),
            model_version: "2024".into(),
            state,
            deadline: None,
            meeting_date: None,
            reveal_rule: Afsloeringsregel::default(),
            panel,
            materials: vec![],
            forms: vec![],
        }
    }

    #[test]
    fn the_parties_are_the_tilsyn_with_a_rating_member_and_the_exempted_are_apart() {
        let audit = audit_20_1(WorkflowState::Rapport);
        assert_eq!(hoeringsparter(&audit), vec![Tilsyn::Midt, Tilsyn::Syd]);
        assert_eq!(fritagne_tilsyn(&audit), vec![Tilsyn::Nord]);
    }

    #[test]
    fn only_the_koordinator_and_the_parties_contacts_read_the_draft() {
        let audit = audit_20_1(WorkflowState::Rapport);
        assert!(maa_laese(Role::Koordinator, &audit));
        assert!(maa_laese(Role::Tilsynskontakt(Tilsyn::Midt), &audit));
        assert!(!maa_laese(Role::Tilsynskontakt(Tilsyn::Nord), &audit));
        assert!(!maa_laese(Role::Tilsynskontakt(Tilsyn::Oest), &audit));
        assert!(!maa_laese(Role::Panelist, &audit));
        assert!(!maa_laese(Role::Laeser, &audit));
        assert_eq!(svarer_for(Role::Koordinator, &audit), None);
    }

    #[test]
    fn a_hoering_needs_reveal_parties_and_a_deadline_after_today() {
        let today = date!(2026 - 12 - 08);
        let before = audit_20_1(WorkflowState::Vurdering);
        assert_eq!(
            check_afsendelse(&before, date!(2026 - 12 - 20), today),
            Err(HoeringFejl::IkkeAfsloeret)
        );
        let audit = audit_20_1(WorkflowState::Rapport);
        assert_eq!(
            check_afsendelse(&audit, today, today),
            Err(HoeringFejl::FristIkkeEfterIDag)
        );
        assert_eq!(
            check_afsendelse(&audit, date!(2026 - 12 - 09), today),
            Ok(())
        );
        let mut alone = audit.clone();
        alone.panel.retain(|m| m.tilsyn == Tilsyn::Nord);
        assert_eq!(
            check_afsendelse(&alone, date!(2026 - 12 - 20), today),
            Err(HoeringFejl::IngenParter)
        );
    }

    #[test]
    fn an_answer_is_trimmed_not_empty_and_in_time() {
        let frist = date!(2026 - 12 - 20);
        assert_eq!(
            check_svar("  Ingen bemærkninger. ", frist, frist).as_deref(),
            Ok("Ingen bemærkninger.")
        );
        assert_eq!(
            check_svar("   ", frist, date!(2026 - 12 - 10)),
            Err(HoeringFejl::TomtSvar)
        );
        assert_eq!(
            check_svar("For sent", frist, date!(2026 - 12 - 21)),
            Err(HoeringFejl::FristOverskredet)
        );
        assert!(matches!(
            check_svar("a\u{0}b", frist, frist),
            Err(HoeringFejl::Tekst(_))
        ));
    }
}
