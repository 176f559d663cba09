//! The compliance sample of the faglig udtalelse (2023, seed `001_…`): "Auditfunktionen vil i en stikprøve
//! af tilsynsrapporter vurdere, om anbefalingerne efterleves af alle fem socialtilsyn."
//!
//! - [`tjekliste`](mod@tjekliste): the checklist of a tilsynsrapport's minimum content, as data.
//! - [`stikproeve`]: a reproducible random sample of report ids per tilsyn, with its seed.
//! - [`tabel`]: the compliance table, tilsyn × requirement, with counts, shares and Wilson 95 % intervals
//!   ([`wilson`](mod@wilson)).
//! - [`enighed`]: how far two checkers agree on the reports both checked.
//! - [`periode`]: only reports dated from the day the udtalelse took effect may be in the sample.
//!
//! The table and the agreement read the audit's ratings; pass only those the viewer may see
//! ([`crate::visibility::visible_ratings`]), as everywhere else.

pub mod enighed;
pub mod periode;
pub mod stikproeve;
pub mod tabel;
pub mod tjekliste;
pub mod wilson;

pub use self::enighed::{Tjekkerenighed, tjekkerenighed};
pub use self::stikproeve::{Stikproeve, StikproeveFejl, udtraek};
pub use self::tabel::{Celle, Efterlevelsestabel, Krav, Raekke, efterlevelsestabel};
pub use self::tjekliste::{TjeklisteFejl, tjekliste, tjeklisteskema};
pub use self::wilson::{Z_95, wilson};
