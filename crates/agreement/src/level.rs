//! Levels of measurement, which decide how far apart two different ratings are.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The level of measurement of the values (Krippendorff 2011, Stevens 1946).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Unordered categories: two ratings either agree or not.
    Nominal,
    /// Ordered categories without meaningful distances (the 1–5 operation scale read strictly).
    Ordinal,
    /// Numbers whose differences are meaningful.
    Interval,
    /// Numbers with a meaningful zero, whose ratios are meaningful.
    Ratio,
}

impl Level {
    /// All levels, from the weakest to the strongest.
    pub const ALL: [Level; 4] = [
        Level::Nominal,
        Level::Ordinal,
        Level::Interval,
        Level::Ratio,
    ];

    /// The lowercase id used on the command line and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Level::Nominal => "nominal",
            Level::Ordinal => "ordinal",
            Level::Interval => "interval",
            Level::Ratio => "ratio",
        }
    }

    /// Whether values at this level must be numbers.
    pub fn is_numeric(self) -> bool {
        matches!(self, Level::Interval | Level::Ratio)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The text was not one of the four level ids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ukendt måleniveau »{0}«; brug nominal, ordinal, interval eller ratio")]
pub struct UnknownLevel(pub String);

impl FromStr for Level {
    type Err = UnknownLevel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|level| level.id() == s.trim())
            .ok_or_else(|| UnknownLevel(s.to_owned()))
    }
}
