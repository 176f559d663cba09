//! The audit's dates (tidsplan): the deadline for the round-1 ratings and the meeting. Two rules, which
//! the set-up form asks before it stores a change:
//!
//! - a date set now must not lie before today, since nobody can rate or meet in the past; a date that is
//!   kept as it was stored is not judged again (an old audit keeps its dates);
//! - the meeting must not come before the deadline, since the ratings are revealed at the meeting; a
//!   pair that is kept as stored is not judged again either.
//!
//! Today is a parameter: this module never reads the clock.

use time::Date;

use crate::dansk_dato;

/// Why a date of the audit is refused. The message is a Danish fragment naming both dates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TidsplanFejl {
    /// A new date before today.
    #[error("datoen {} ligger før i dag ({}). Vælg en dato fra i dag og frem", dansk_dato(*dato), dansk_dato(*idag))]
    FoerIdag {
        /// The date entered.
        dato: Date,
        /// Today.
        idag: Date,
    },
    /// The meeting before the rating deadline.
    #[error(
        "auditmødet ({}) ligger før fristen for bedømmelserne ({}); bedømmelserne skal være afgivet før mødet",
        dansk_dato(*moede),
        dansk_dato(*frist)
    )]
    MoedeFoerFrist {
        /// The meeting date.
        moede: Date,
        /// The rating deadline.
        frist: Date,
    },
}

/// Checks `dato`, entered for a date stored as `gammel` (`None` for a new audit or an empty date),
/// against `idag`.
///
/// # Errors
/// [`TidsplanFejl::FoerIdag`] for a changed date before today.
pub fn check_dato(dato: Date, gammel: Option<Date>, idag: Date) -> Result<(), TidsplanFejl> {
    if dato < idag && Some(dato) != gammel {
        return Err(TidsplanFejl::FoerIdag { dato, idag });
    }
    Ok(())
}

/// Checks the order of the rating deadline `frist` and the meeting `moede`; `gammel` is the stored pair
/// (deadline, meeting) when editing.
///
/// # Errors
/// [`TidsplanFejl::MoedeFoerFrist`] for a meeting before the deadline, unless both are kept as stored.
pub fn check_raekkefoelge(
    frist: Date,
    moede: Date,
    gammel: Option<(Option<Date>, Option<Date>)>,
) -> Result<(), TidsplanFejl> {
    if moede < frist && gammel != Some((Some(frist), Some(moede))) {
        return Err(TidsplanFejl::MoedeFoerFrist { moede, frist });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::{TidsplanFejl, check_dato, check_raekkefoelge};

    const IDAG: time::Date = date!(2025 - 03 - 03);

    #[test]
    fn a_new_date_may_be_today_or_later_but_not_earlier() {
        assert_eq!(check_dato(date!(2025 - 03 - 03), None, IDAG), Ok(()));
        assert_eq!(check_dato(date!(2025 - 04 - 01), None, IDAG), Ok(()));
        let err = check_dato(date!(2025 - 03 - 01), None, IDAG).unwrap_err();
        assert_eq!(
            err,
            TidsplanFejl::FoerIdag {
                dato: date!(2025 - 03 - 01),
                idag: IDAG
            }
        );
        assert_eq!(
            err.to_string(),
            "datoen 1. marts 2025 ligger før i dag (3. marts 2025). Vælg en dato fra i dag og frem"
        );
    }

    #[test]
    fn a_past_date_kept_as_stored_is_not_judged_again() {
        let old = date!(2024 - 11 - 20);
        assert_eq!(check_dato(old, Some(old), IDAG), Ok(()));
        assert!(check_dato(date!(2024 - 11 - 21), Some(old), IDAG).is_err());
    }

    #[test]
    fn the_meeting_comes_on_or_after_the_deadline() {
        let frist = date!(2025 - 05 - 10);
        assert_eq!(check_raekkefoelge(frist, frist, None), Ok(()));
        assert_eq!(
            check_raekkefoelge(frist, date!(2025 - 05 - 20), None),
            Ok(())
        );
        let err = check_raekkefoelge(frist, date!(2025 - 05 - 09), None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "auditmødet (9. maj 2025) ligger før fristen for bedømmelserne (10. maj 2025); \
             bedømmelserne skal være afgivet før mødet"
        );
        // A stored pair in the wrong order is kept, but changing either date is judged.
        let stored = Some((Some(frist), Some(date!(2025 - 05 - 09))));
        assert_eq!(
            check_raekkefoelge(frist, date!(2025 - 05 - 09), stored),
            Ok(())
        );
        assert!(check_raekkefoelge(frist, date!(2025 - 05 - 08), stored).is_err());
    }
}
