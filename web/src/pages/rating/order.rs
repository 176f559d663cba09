//! The per-panelist order of the material, against order effects: a shuffle seeded by the audit and the
//! panelist, so that one panelist sees the same order on every visit and two panelists see different
//! orders.

use audit::{Audit, Material, Username};

/// The audit's material in `rater`'s own order: a Fisher–Yates shuffle of the material (sorted by id,
/// so that the order depends only on which material there is) drawn from a generator seeded by the
/// audit number and the username.
pub(crate) fn material_order<'a>(audit: &'a Audit, rater: &Username) -> Vec<&'a Material> {
    let mut materials: Vec<&Material> = audit.materials.iter().collect();
    materials.sort_by(|a, b| a.id.cmp(&b.id));
    let mut rng = SplitMix64(fnv1a(&[
        "materialeorden",
        audit.nr.as_str(),
        rater.as_str(),
    ]));
    for i in (1..materials.len()).rev() {
        let j = rng.below(i + 1);
        materials.swap(i, j);
    }
    materials
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast and good enough to shuffle a dozen items.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (positive), by multiply-shift; the bias is far below 2⁻⁵⁰ for small `n`.
    fn below(&mut self, n: usize) -> usize {
        let n = n as u128;
        ((u128::from(self.next_u64()) * n) >> 64) as usize
    }
}

/// FNV-1a over the parts with a separator byte, so that ("ab", "c") and ("a", "bc") differ.
fn fnv1a(parts: &[&str]) -> u64 {
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
    use audit::{Audit, Material, MaterialKind, Tilsyn, Username};

    use super::material_order;

    fn audit_with(n: usize) -> Audit {
        Audit {
            nr: "25.1".parse().unwrap(),
            titel: "T".into(),
            formaal: String::new(),
            fokus: String::new(),
            model_version: "2024".into(),
            state: "vurdering".parse().unwrap(),
            deadline: None,
            meeting_date: None,
            reveal_rule: audit::RevealRule::default(),
            panel: Vec::new(),
            materials: (0..n)
                .map(|i| Material {
                    id: format!("m{i:02}").parse().unwrap(),
                    pseudonym: format!("Rapport {i}"),
                    tilsyn: Tilsyn::Midt,
                    kind: MaterialKind::Tilsynsrapport,
                    beskrivelse: String::new(),
                    original_scores: Default::default(),
                    tilbud: None,
                    sagsforloeb: None,
                })
                .collect(),
            forms: Vec::new(),
        }
    }

    fn ids(audit: &Audit, rater: &str) -> Vec<String> {
        material_order(audit, &Username::new(rater).unwrap())
            .iter()
            .map(|m| m.id.to_string())
            .collect()
    }

    #[test]
    fn the_order_is_a_stable_permutation_that_differs_between_panelists() {
        let audit = audit_with(10);
        let first = ids(&audit, "syd-3");
        assert_eq!(first, ids(&audit, "syd-3"), "stable across calls");
        let mut sorted = first.clone();
        sorted.sort();
        let all: Vec<String> = audit.materials.iter().map(|m| m.id.to_string()).collect();
        assert_eq!(sorted, all, "every material exactly once");
        assert_ne!(first, ids(&audit, "nord-1"));
        // Reordering the stored material does not change anybody's order.
        let mut reversed = audit.clone();
        reversed.materials.reverse();
        assert_eq!(first, ids(&reversed, "syd-3"));
    }

    #[test]
    fn every_material_comes_first_about_equally_often() {
        // 2,000 panelists, 10 materials: each is first about 200 times. The bounds are ±5 standard
        // deviations of a binomial(2000, 0.1) count (sd ≈ 13.4), so a fair shuffle fails them with
        // probability far below 10⁻⁵.
        let audit = audit_with(10);
        let mut firsts = std::collections::BTreeMap::<String, usize>::new();
        for i in 0..2000 {
            let order = ids(&audit, &format!("panelist-{i}"));
            *firsts.entry(order[0].clone()).or_default() += 1;
        }
        assert_eq!(firsts.len(), 10);
        for (id, count) in firsts {
            assert!((133..=267).contains(&count), "{id} first {count} times");
        }
    }
}
