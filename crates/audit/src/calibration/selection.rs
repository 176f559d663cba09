//! What one calibration matrix looks at: which form items, which round, whether ratings of the rater's
//! own tilsyn's material count, and how a checklist's "ikke relevant" is read.

use serde::{Deserialize, Serialize};

use crate::{ItemId, Round};

/// Which form items a matrix is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Items {
    /// Every scored item of the audit (indicator ratings, overall ratings, checklist items); they must
    /// share one scale.
    Scored,
    /// The comparable items of the form with this index in [`crate::Audit::forms`]: its scored items,
    /// nominations or case selections (reflection questions are left out, their answers are free text).
    Form(usize),
    /// Exactly these items, in this order (for example one indicator across all materials).
    Only(Vec<ItemId>),
}

/// Whether ratings of material from the rater's own tilsyn ([`crate::Audit::is_own_tilsyn`]) count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnTilsyn {
    /// They count like every other rating. The default.
    #[default]
    Include,
    /// They are left out (missing), so that own-tilsyn leniency cannot colour the figures.
    Exclude,
}

/// How a checklist answer "ikke relevant" ([`crate::IKKE_RELEVANT`]) enters the matrix.
///
/// The default is [`IkkeRelevant::Missing`]: "ikke relevant" says that a requirement does not apply to
/// a report, not whether the report meets it, so it is no judgement the checkers can agree or disagree
/// on. Counted as a category, every requirement that applies to no report would add units of trivial
/// agreement (in the faglig udtalelse sample a point that does not apply is marked so by both checkers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IkkeRelevant {
    /// A missing value; the categories are "nej" and "ja". The default.
    #[default]
    Missing,
    /// A third, unordered category, so that agreement on whether a requirement applies counts too.
    Category,
}

/// One selection of ratings to build a matrix from. Only submitted ratings ever count: drafts are
/// never shown to anyone but their author, so they are never part of the statistics either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Selection {
    /// The items.
    pub items: Items,
    /// The round: round 1 (blind) or round 2 (after the discussion).
    pub round: Round,
    /// Whether own-tilsyn ratings count.
    pub own_tilsyn: OwnTilsyn,
    /// How a checklist's "ikke relevant" is read.
    pub ikke_relevant: IkkeRelevant,
}

impl Selection {
    /// The round-1 ratings of `items`, own-tilsyn ratings included, "ikke relevant" as missing.
    pub fn new(items: Items) -> Selection {
        Selection {
            items,
            round: Round::First,
            own_tilsyn: OwnTilsyn::default(),
            ikke_relevant: IkkeRelevant::default(),
        }
    }
}
