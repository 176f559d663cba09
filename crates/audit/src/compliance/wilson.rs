//! The Wilson score interval for a proportion (Wilson 1927, "Probable inference, the law of succession,
//! and statistical inference", JASA 22: 209–212).
//!
//! With x successes in n trials, p̂ = x / n and z the 97.5 % quantile of the standard normal distribution,
//!
//! ```text
//!            p̂ + z²/(2n)          z         ┌ p̂(1 − p̂)     z²  ┐½
//! centre = ─────────────,  half = ──────── · │ ──────── + ──── │
//!            1 + z²/n            1 + z²/n   └    n        4n²  ┘
//! ```
//!
//! and the interval is centre ± half. Unlike the textbook p̂ ± z·√(p̂(1 − p̂)/n) it stays inside [0, 1] and
//! does not collapse to a point when p̂ is 0 or 1, which matters here: with four or five reports per tilsyn,
//! 0 of 4 and 4 of 4 are common. Brown, Cai & DasGupta (2001, "Interval estimation for a binomial
//! proportion", Statistical Science 16: 101–133) recommend it for small n.

/// z for a two-sided 95 % interval: the 0.975 quantile of the standard normal distribution.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The Wilson 95 % score interval `[lower, upper]` for `x` successes out of `n`; `None` when `n` is 0
/// or `x` exceeds `n`.
pub fn wilson(x: usize, n: usize) -> Option<[f64; 2]> {
    if n == 0 || x > n {
        return None;
    }
    let (x, n) = (x as f64, n as f64);
    let p = x / n;
    let z2 = Z_95 * Z_95;
    let naevner = 1.0 + z2 / n;
    let centrum = (p + z2 / (2.0 * n)) / naevner;
    let halv = Z_95 / naevner * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some([(centrum - halv).max(0.0), (centrum + halv).min(1.0)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f64; 2], b: [f64; 2]) -> bool {
        (a[0] - b[0]).abs() < 5e-5 && (a[1] - b[1]).abs() < 5e-5
    }

    #[test]
    fn three_of_four_by_hand() {
        // p̂ = 0.75, z² = 3.841459, z²/n = 0.960365, 1 + z²/n = 1.960365
        // centre = (0.75 + 0.480182) / 1.960365 = 1.230182 / 1.960365 = 0.627527
        // half = 1.959964 / 1.960365 · √(0.75 · 0.25 / 4 + 3.841459 / 64)
        //      = 0.999796 · √(0.046875 + 0.060023) = 0.999796 · 0.326952 = 0.326885
        // [0.627527 − 0.326885; 0.627527 + 0.326885] = [0.3006; 0.9544]
        assert!(
            close(wilson(3, 4).unwrap(), [0.3006, 0.9544]),
            "{:?}",
            wilson(3, 4)
        );
    }

    #[test]
    fn the_ends_stay_inside_zero_and_one() {
        // 0 of 4: centre = half = 0.480182 / 1.960365 = 0.244945, so [0; 0.4899].
        assert!(
            close(wilson(0, 4).unwrap(), [0.0, 0.4899]),
            "{:?}",
            wilson(0, 4)
        );
        // 4 of 4 mirrors it: [0.5101; 1].
        assert!(
            close(wilson(4, 4).unwrap(), [0.5101, 1.0]),
            "{:?}",
            wilson(4, 4)
        );
    }

    #[test]
    fn no_interval_without_trials() {
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson(5, 4), None);
    }
}
