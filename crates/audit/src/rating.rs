//! Ratings (bedømmelser): one panelist's answer to one unit, in round 1 (blind) or round 2 (after discussion).

use serde::{Deserialize, Serialize};

use crate::text::{REASON_MAX, TextError, check_text};
use crate::{MaterialId, UnitKey, Username};

/// Round 1 is the blind rating before the meeting; round 2 the revised rating after the discussion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Round {
    /// The blind round before reveal.
    First,
    /// The revised round after the discussion.
    Second,
}

impl Round {
    /// 1 or 2.
    pub fn number(self) -> u8 {
        match self {
            Round::First => 1,
            Round::Second => 2,
        }
    }
}

impl TryFrom<u8> for Round {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            1 => Ok(Round::First),
            2 => Ok(Round::Second),
            _ => Err(format!("runde {n} findes ikke; brug 1 eller 2")),
        }
    }
}

impl From<Round> for u8 {
    fn from(r: Round) -> u8 {
        r.number()
    }
}

/// Whether a rating is a saved draft or submitted. Only submitted ratings count and are ever shown to others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RatingStatus {
    /// Saved, still editable, never visible to anyone else.
    Draft,
    /// Submitted: read-only for its rater, and revealed by the audit's reveal rule.
    Submitted,
}

/// The answer itself; which variant fits depends on the item's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RatingValue {
    /// A value on the form's scale (indicator rating, overall rating, checklist).
    Score(i32),
    /// The material nominated as the best example.
    Pick(MaterialId),
    /// The materials selected for discussion.
    Picks(Vec<MaterialId>),
    /// A free-text answer to a reflection question.
    Text(String),
}

/// One rating of one unit by one rater in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// Who rated.
    pub rater: Username,
    /// What was rated.
    pub unit: UnitKey,
    /// The answer; `None` is an explicit "cannot rate" (missing in the statistics).
    pub value: Option<RatingValue>,
    /// The free-text reason (begrundelse).
    #[serde(default)]
    pub reason: String,
    /// Which round.
    pub round: Round,
    /// Draft or submitted.
    pub status: RatingStatus,
}

impl Rating {
    /// The score, when the answer is a value on a scale.
    pub fn score(&self) -> Option<i32> {
        match self.value {
            Some(RatingValue::Score(v)) => Some(v),
            _ => None,
        }
    }

    /// Whether the rating is submitted.
    pub fn is_submitted(&self) -> bool {
        self.status == RatingStatus::Submitted
    }
}

/// Why the reason given with a rating is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReasonError {
    /// Too long, or with a control character ([`crate::check_text`]).
    #[error(transparent)]
    Text(#[from] TextError),
    /// A round-2 rating without a reason: a change after the discussion must say why.
    #[error("skriv en begrundelse for ændringen: en ny bedømmelse i runde 2 skal begrundes")]
    ChangeUnexplained,
}

/// Checks the reason (begrundelse) given with a rating in `round`, as typed (it is trimmed here, as it
/// is stored): at most [`REASON_MAX`] characters without control characters, and — in round 2, where a
/// new rating changes the panelist's own round-1 answer after the discussion — not empty. Returns the
/// trimmed reason. The rating page and the API both ask this, so they refuse the same ratings.
///
/// # Errors
/// [`ReasonError::Text`] for a reason over the limit or with a control character;
/// [`ReasonError::ChangeUnexplained`] for an empty round-2 reason.
pub fn check_reason(round: Round, reason: &str) -> Result<&str, ReasonError> {
    let reason = reason.trim();
    check_text("begrundelsen", reason, REASON_MAX)?;
    if round == Round::Second && reason.is_empty() {
        return Err(ReasonError::ChangeUnexplained);
    }
    Ok(reason)
}

#[cfg(test)]
mod tests {
    use super::{ReasonError, Round, check_reason};
    use crate::TextError;
    use crate::text::REASON_MAX;

    #[test]
    fn round_one_may_go_without_a_reason_but_round_two_may_not() {
        assert_eq!(check_reason(Round::First, ""), Ok(""));
        assert_eq!(check_reason(Round::First, "  \n"), Ok(""));
        assert_eq!(
            check_reason(Round::Second, ""),
            Err(ReasonError::ChangeUnexplained)
        );
        assert_eq!(
            check_reason(Round::Second, " \t\n "),
            Err(ReasonError::ChangeUnexplained),
            "blank is no reason"
        );
        assert_eq!(
            check_reason(Round::Second, "  Drøftelsen viste noget nyt. "),
            Ok("Drøftelsen viste noget nyt.")
        );
    }

    #[test]
    fn the_text_limits_hold_in_both_rounds() {
        let long = "a".repeat(REASON_MAX + 1);
        for round in [Round::First, Round::Second] {
            assert_eq!(
                check_reason(round, &"a".repeat(REASON_MAX)).map(str::len),
                Ok(REASON_MAX)
            );
            assert!(matches!(
                check_reason(round, &long),
                Err(ReasonError::Text(TextError::TooLong { chars: 5001, .. }))
            ));
            assert!(matches!(
                check_reason(round, "ok\u{7}"),
                Err(ReasonError::Text(TextError::ControlCharacter {
                    position: 3,
                    ..
                }))
            ));
        }
    }

    #[test]
    fn the_missing_reason_message_reads_as_the_page_shows_it() {
        assert_eq!(
            ReasonError::ChangeUnexplained.to_string(),
            "skriv en begrundelse for ændringen: en ny bedømmelse i runde 2 skal begrundes"
        );
    }
}
