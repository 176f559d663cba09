//! A reproducible random sample (stikprøve) of k tilsynsrapporter per socialtilsyn.
//!
//! The koordinator gives each tilsyn's list of report ids, the sample size k and a seed; [`udtraek`]
//! returns the sample together with the seed and k, which are recorded with it, so that anyone can draw
//! the same sample again and check it.
//!
//! # Algorithm
//!
//! For each tilsyn separately:
//!
//! 1. The ids are trimmed and sorted (by their bytes), so the sample depends on which reports there are,
//!    not on the order they were listed in. Blank and repeated ids are refused.
//! 2. A SplitMix64 stream (Steele, Lea & Flood 2014) is seeded with `seed` XOR the FNV-1a hash of the
//!    key `("stikproeve", tilsyn id)`, then stepped once. Each tilsyn has its own stream, so adding or
//!    removing one tilsyn's reports leaves the other tilsyn's samples as they were.
//! 3. A partial Fisher–Yates shuffle (Knuth's Algorithm P stopped after k steps): for i = 0, …, k − 1,
//!    draw j uniformly from i, …, n − 1 and swap positions i and j. The first k positions are the sample,
//!    in the order drawn. Each of the C(n, k) subsets is equally likely.
//!
//! j is drawn as i + ⌊u · (n − i)⌋, with u uniform in (0, 1) from the top 53 bits of the next output; the
//! bias this leaves is below n / 2⁵³, far below anything a sample of reports can show.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Tilsyn;
use crate::prng::SplitMix64;

/// A drawn sample with what it takes to draw it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stikproeve {
    /// The seed it was drawn with.
    pub seed: u64,
    /// Reports per tilsyn.
    pub k: usize,
    /// The sampled report ids per tilsyn, in the order drawn.
    pub udtraek: BTreeMap<Tilsyn, Vec<String>>,
}

/// A list the sample cannot be drawn from; each message names the tilsyn and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StikproeveFejl {
    /// k is 0.
    #[error("Stikprøven skal have mindst én rapport pr. tilsyn.")]
    Tom,
    /// A tilsyn has fewer reports than k.
    #[error(
        "{tilsyn} har kun {har} rapporter på listen, men stikprøven skal have {k} fra hvert tilsyn."
    )]
    ForFaa {
        /// The tilsyn, by its full name.
        tilsyn: String,
        /// Its number of reports.
        har: usize,
        /// The sample size asked for.
        k: usize,
    },
    /// A blank id.
    #[error("Listen over rapporter fra {tilsyn} har en tom linje som nr. {nr}.")]
    TomtId {
        /// The tilsyn, by its full name.
        tilsyn: String,
        /// Its place in the list, from 1.
        nr: usize,
    },
    /// An id listed twice.
    #[error("Rapporten »{id}« står to gange på listen fra {tilsyn}.")]
    Dublet {
        /// The tilsyn, by its full name.
        tilsyn: String,
        /// The id.
        id: String,
    },
}

/// Draws `k` report ids from each tilsyn's list in `rapporter` with `seed` (see the
/// [module documentation](self) for the algorithm).
///
/// # Errors
/// [`StikproeveFejl`] when k is 0, or a tilsyn's list has a blank or repeated id or fewer than k ids.
pub fn udtraek(
    rapporter: &BTreeMap<Tilsyn, Vec<String>>,
    k: usize,
    seed: u64,
) -> Result<Stikproeve, StikproeveFejl> {
    if k == 0 {
        return Err(StikproeveFejl::Tom);
    }
    let udtraek = rapporter
        .iter()
        .map(|(tilsyn, ids)| Ok((*tilsyn, udtraek_for(*tilsyn, ids, k, seed)?)))
        .collect::<Result<_, StikproeveFejl>>()?;
    Ok(Stikproeve { seed, k, udtraek })
}

fn udtraek_for(
    tilsyn: Tilsyn,
    ids: &[String],
    k: usize,
    seed: u64,
) -> Result<Vec<String>, StikproeveFejl> {
    let mut ids = kanonisk(tilsyn, ids)?;
    let n = ids.len();
    if n < k {
        return Err(StikproeveFejl::ForFaa {
            tilsyn: tilsyn.fulde_navn(),
            har: n,
            k,
        });
    }
    let mut rng = SplitMix64::keyed(seed, &["stikproeve", tilsyn.id()]);
    for i in 0..k {
        let j = i + rng.below(n - i);
        ids.swap(i, j);
    }
    ids.truncate(k);
    Ok(ids)
}

/// The ids trimmed and sorted; blank and repeated ids refused.
fn kanonisk(tilsyn: Tilsyn, ids: &[String]) -> Result<Vec<String>, StikproeveFejl> {
    let mut ud: Vec<String> = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let id = id.trim();
        if id.is_empty() {
            return Err(StikproeveFejl::TomtId {
                tilsyn: tilsyn.fulde_navn(),
                nr: i + 1,
            });
        }
        ud.push(id.to_owned());
    }
    ud.sort();
    if let Some(par) = ud.windows(2).find(|par| par[0] == par[1]) {
        return Err(StikproeveFejl::Dublet {
            tilsyn: tilsyn.fulde_navn(),
            id: par[0].clone(),
        });
    }
    Ok(ud)
}
