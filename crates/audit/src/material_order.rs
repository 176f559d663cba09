//! The per-panelist order of the material, against order effects: a shuffle seeded by the audit and the
//! panelist, so that one panelist sees the same order on every visit and two panelists see different
//! orders.

use crate::prng::SplitMix64;
use crate::{Audit, Material, Username};

impl Audit {
    /// The audit's material in `rater`'s own order: a Fisher–Yates shuffle of the material (sorted by id,
    /// so that the order depends only on which material there is) drawn from a generator keyed by the
    /// audit number and the username.
    pub fn material_order(&self, rater: &Username) -> Vec<&Material> {
        let mut materials: Vec<&Material> = self.materials.iter().collect();
        materials.sort_by(|a, b| a.id.cmp(&b.id));
        let mut rng = SplitMix64::keyed(0, &["materialeorden", self.nr.as_str(), rater.as_str()]);
        for i in (1..materials.len()).rev() {
            let j = rng.below(i + 1);
            materials.swap(i, j);
        }
        materials
    }
}

#[cfg(test)]
mod tests {
    use crate::{Afsloeringsregel, Audit, Material, Materialetype, Tilsyn, Username};

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
            reveal_rule: Afsloeringsregel::default(),
            panel: Vec::new(),
            materials: (0..n)
                .map(|i| Material {
                    id: format!("m{i:02}").parse().unwrap(),
                    pseudonym: format!("Rapport {i}"),
                    tilsyn: Tilsyn::Midt,
                    kind: Materialetype::Tilsynsrapport,
                    beskrivelse: String::new(),
                    original_scores: Default::default(),
                    tilbud: None,
                    sagsforloeb: None,
                    dato: None,
                })
                .collect(),
            forms: Vec::new(),
        }
    }

    fn ids(audit: &Audit, rater: &str) -> Vec<String> {
        audit
            .material_order(&Username::new(rater).unwrap())
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
