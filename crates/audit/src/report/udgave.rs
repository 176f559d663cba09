//! Which edition of an audit's report a role reads: the one rule behind `/audits/{nr}/rapport` and
//! everything that shows what the report says elsewhere (the follow-up plan's actions, say).

use crate::Role;

/// The edition of an audit's report a role reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rapportudgave {
    /// The live draft, with everything not published yet: the koordinator, who writes it.
    Kladde,
    /// The latest published version, and nothing while none is published: everyone else.
    SenesteOffentliggjorte,
}

/// The edition `role` reads. Only the koordinator writes the report, so only the koordinator reads the
/// draft; a panelist of the audit, a tilsynskontakt of a tilsyn it addresses and a læser alike read what
/// the audit function has published, so that nothing reaches them before it is published.
pub fn udgave_for(role: Role) -> Rapportudgave {
    match role {
        Role::Koordinator => Rapportudgave::Kladde,
        Role::Panelist | Role::Tilsynskontakt(_) | Role::Laeser => {
            Rapportudgave::SenesteOffentliggjorte
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Rapportudgave, udgave_for};
    use crate::{Role, Tilsyn};

    #[test]
    fn only_the_koordinator_reads_the_draft() {
        assert_eq!(udgave_for(Role::Koordinator), Rapportudgave::Kladde);
        for role in [
            Role::Panelist,
            Role::Laeser,
            Role::Tilsynskontakt(Tilsyn::Midt),
        ] {
            assert_eq!(udgave_for(role), Rapportudgave::SenesteOffentliggjorte);
        }
    }
}
