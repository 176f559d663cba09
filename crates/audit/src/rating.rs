//! Ratings (bedømmelser): one panelist's answer to one unit, in round 1 (blind) or round 2 (after discussion).

use serde::{Deserialize, Serialize};

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
