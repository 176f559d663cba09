//! A small deterministic random source, SplitMix64 seeded per purpose: the synthetic demo ratings, the
//! reproducible compliance sample (`crate::compliance::stikproeve`) and the per-panelist material order
//! draw from it.
//!
//! Every draw is keyed by its purpose and the things it concerns ("stoej", rater, item, material), not
//! by the order of drawing, so adding a rater or a material does not change anybody else's ratings.

/// The SplitMix64 generator (Steele, Lea & Flood 2014), as used to seed xoshiro; 64 bits of state.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// A stream for `seed` and the parts of a key.
    pub(crate) fn keyed(seed: u64, parts: &[&str]) -> SplitMix64 {
        let mut state = SplitMix64(seed ^ fnv1a(parts));
        // Mix once so that nearby keys start far apart.
        state.next_u64();
        state
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number strictly between 0 and 1.
    pub(crate) fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal number (Box–Muller).
    pub(crate) fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// A standard Gumbel number, for weighted sampling without replacement (Gumbel-top-k).
    pub(crate) fn gumbel(&mut self) -> f64 {
        -(-self.uniform().ln()).ln()
    }

    /// An index below `n` (which must be positive).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.uniform() * n as f64) as usize % n.max(1)
    }
}

/// FNV-1a over the parts, with a separator byte between them so that ("ab","c") ≠ ("a","bc").
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_reference_sequence() {
        // The first outputs for the state 1234567, computed with Vigna's reference C code
        // (prng.di.unimi.it/splitmix64.c) compiled with gcc.
        let mut g = SplitMix64(1_234_567);
        let expected = [
            6_457_827_717_110_365_317,
            3_203_168_211_198_807_973,
            9_817_491_932_198_370_423,
            4_593_380_528_125_082_431,
            16_408_922_859_458_223_821,
        ];
        for e in expected {
            assert_eq!(g.next_u64(), e);
        }
    }

    #[test]
    fn keys_not_order_decide_the_draws() {
        let a = SplitMix64::keyed(7, &["stoej", "midt-1", "3-a"]).normal();
        let b = SplitMix64::keyed(7, &["stoej", "midt-1", "3-a"]).normal();
        let c = SplitMix64::keyed(7, &["stoej", "midt-13", "-a"]).normal();
        assert_eq!(a.to_bits(), b.to_bits());
        assert_ne!(a.to_bits(), c.to_bits());
    }

    #[test]
    fn normals_have_mean_zero_and_unit_variance() {
        let mut g = SplitMix64::keyed(1, &["test"]);
        let xs: Vec<f64> = (0..20_000).map(|_| g.normal()).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.03, "{mean}");
        assert!((var - 1.0).abs() < 0.05, "{var}");
    }
}
