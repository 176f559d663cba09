//! Deterministic synthetic ordinal ratings for benchmarks and the Python comparison.
//!
//! The value rater `r` gives unit `u` is `clamp(round(3 + difficulty_u + severity_r + noise_ur), 1, 5)`,
//! missing with probability 0.1, where `difficulty_u = 0.9 z`, `severity_r = 0.4 z` and `noise_ur = 0.7 z`
//! and each `z` is an approximately standard normal number (a centred, scaled sum of four uniforms) drawn
//! from a SplitMix64 hash of `(seed, stream, u, r)`. Every cell is a pure function of its coordinates, so the
//! same data come out whatever the order of generation, and a reader in another language can regenerate them.

use agreement::{Level, Ratings};

/// The category labels of the 1–5 scale.
pub(crate) const SCALE: [&str; 5] = ["1", "2", "3", "4", "5"];

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) from the hash of `(seed, stream, a, b)`.
fn uniform(seed: u64, stream: u64, a: u64, b: u64) -> f64 {
    let h = splitmix64(splitmix64(splitmix64(seed ^ (stream << 56)) ^ a) ^ b);
    (h >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// An approximately standard normal number: (sum of four uniforms − 2) · √3.
fn normal(seed: u64, stream: u64, a: u64, b: u64) -> f64 {
    let s: f64 = (0..4).map(|i| uniform(seed, stream * 4 + i, a, b)).sum();
    (s - 2.0) * 3f64.sqrt()
}

/// The cells (row-major by unit, category index 0..5 for values 1..5, `None` missing) of `units × raters`
/// ordinal ratings with 10 % missing.
pub(crate) fn ordinal_cells(units: usize, raters: usize, seed: u64) -> Vec<Option<u32>> {
    let severity: Vec<f64> = (0..raters as u64)
        .map(|r| 0.4 * normal(seed, 1, r, 0))
        .collect();
    let mut cells = Vec::with_capacity(units * raters);
    for u in 0..units as u64 {
        let difficulty = 0.9 * normal(seed, 2, u, 0);
        for (r, sev) in severity.iter().enumerate() {
            let r = r as u64;
            if uniform(seed, 3, u, r) < 0.1 {
                cells.push(None);
                continue;
            }
            let noise = 0.7 * normal(seed, 4, u, r);
            let value = (3.0 + difficulty + sev + noise).round().clamp(1.0, 5.0);
            cells.push(Some(value as u32 - 1));
        }
    }
    cells
}

/// The same data as a [`Ratings`] matrix at the ordinal level with the declared categories 1–5.
pub(crate) fn ordinal(units: usize, raters: usize, seed: u64) -> Ratings {
    let cells = ordinal_cells(units, raters, seed);
    match Ratings::from_category_indices(Level::Ordinal, &SCALE, raters, &cells) {
        Ok(ratings) => ratings,
        Err(e) => panic!("synthetic data are valid by construction: {e}"),
    }
}
