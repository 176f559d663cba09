//! Who may see a follow-up action: exactly those who may see the report it comes from, in the edition
//! they read ([`crate::report::udgave_for`]), and of those a tilsynskontakt only the actions addressed
//! to their tilsyn.
//!
//! The koordinator reads the draft, so sees every action. Everyone else reads the latest published
//! version, so sees an action only when that version's follow-up plan holds it: nothing of an audit whose
//! report is unpublished, and nothing the koordinator has added to the draft since. An audit that has
//! reached opfølgning counts as published with its whole plan even when no version is stored here (an
//! audit imported or seeded in that state), because the workflow lets an audit into opfølgning only
//! after a report is published.

use std::collections::BTreeSet;

use crate::report::{Rapportudgave, udgave_for};
use crate::{Opfoelgningstiltag, Role, WorkflowState};

/// Whether `role` may see `tiltag`, an action of an audit in `state` whose latest published report
/// holds the actions with the ids `offentliggjort` (`None` when no version is published).
pub fn follow_up_visible_to(
    role: Role,
    state: WorkflowState,
    offentliggjort: Option<&BTreeSet<String>>,
    tiltag: &Opfoelgningstiltag,
) -> bool {
    let report_holds_it = match udgave_for(role) {
        Rapportudgave::Kladde => true,
        Rapportudgave::SenesteOffentliggjorte => match offentliggjort {
            Some(ids) => ids.contains(&tiltag.id),
            None => state >= WorkflowState::Opfoelgning,
        },
    };
    report_holds_it
        && match role {
            Role::Tilsynskontakt(t) => tiltag.tilsyn().contains(&t),
            Role::Koordinator | Role::Panelist | Role::Laeser => true,
        }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::follow_up_visible_to;
    use crate::{Ansvarlig, Opfoelgningstiltag, Role, Tilsyn, WorkflowState};

    fn tiltag(id: &str, ansvarlige: Vec<Ansvarlig>) -> Opfoelgningstiltag {
        Opfoelgningstiltag {
            id: id.into(),
            tekst: "Tilsynet beskriver sin praksis.".into(),
            punkter: vec![],
            anbefalinger: vec![],
            ansvarlige,
            frist: None,
        }
    }

    /// Role × state × what is published, for an action addressed to Midt.
    #[test]
    fn the_matrix_of_role_state_and_publication() {
        let midt = tiltag("midt", vec![Ansvarlig::Tilsyn(Tilsyn::Midt)]);
        let published_with: BTreeSet<String> = ["midt".to_owned()].into();
        let published_without: BTreeSet<String> = ["andet".to_owned()].into();
        for state in WorkflowState::ALL {
            let reached_follow_up = state >= WorkflowState::Opfoelgning;
            for (published, readers_see) in [
                (None, reached_follow_up),
                (Some(&published_with), true),
                (Some(&published_without), false),
            ] {
                let see = |role| follow_up_visible_to(role, state, published, &midt);
                assert!(see(Role::Koordinator), "{state:?} {published:?}");
                assert_eq!(
                    see(Role::Laeser),
                    readers_see,
                    "læser {state:?} {published:?}"
                );
                assert_eq!(
                    see(Role::Panelist),
                    readers_see,
                    "panelist {state:?} {published:?}"
                );
                assert_eq!(
                    see(Role::Tilsynskontakt(Tilsyn::Midt)),
                    readers_see,
                    "midt {state:?} {published:?}"
                );
                assert!(
                    !see(Role::Tilsynskontakt(Tilsyn::Syd)),
                    "syd is not addressed: {state:?} {published:?}"
                );
            }
        }
    }

    #[test]
    fn an_action_for_all_tilsyn_is_every_tilsynskontakts_once_published() {
        let alle = tiltag("alle", vec![Ansvarlig::Socialtilsynene]);
        let published: BTreeSet<String> = ["alle".to_owned()].into();
        for t in Tilsyn::ALL {
            let role = Role::Tilsynskontakt(t);
            assert!(follow_up_visible_to(
                role,
                WorkflowState::Rapport,
                Some(&published),
                &alle
            ));
            assert!(!follow_up_visible_to(
                role,
                WorkflowState::Rapport,
                None,
                &alle
            ));
        }
    }

    #[test]
    fn the_audit_functions_own_action_is_no_tilsynskontakts() {
        let egen = tiltag("egen", vec![Ansvarlig::Auditfunktionen]);
        let published: BTreeSet<String> = ["egen".to_owned()].into();
        let state = WorkflowState::Opfoelgning;
        assert!(!follow_up_visible_to(
            Role::Tilsynskontakt(Tilsyn::Nord),
            state,
            Some(&published),
            &egen
        ));
        assert!(follow_up_visible_to(
            Role::Laeser,
            state,
            Some(&published),
            &egen
        ));
    }
}
