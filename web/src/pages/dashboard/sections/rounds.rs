//! "Runde 1 og runde 2": did the discussion make the panel agree more? The coefficients of both rounds
//! on the same (unit, rater) cells, their change, and how many ratings were changed, raised or lowered.

use audit::calibration::ScaleAnalysis;
use audit::calibration::coefficients::Coefficient;
use audit::danske_tal::percentage_points;
use maud::{Markup, html};

use super::super::figures::value;
use super::raters::signed_or_dash;
use super::{heading, section_id};
use crate::components::decimal::number;
use crate::components::table::{Table, num, text};

/// One row: field name, Danish name, round 1, round 2, the change, and whether it is a share.
type Row<'a> = (
    &'static str,
    &'static str,
    &'a Coefficient,
    &'a Coefficient,
    Option<f64>,
    bool,
);

/// The section for scale `index`; a sentence when there are no round-2 ratings yet.
pub(in super::super) fn rounds(index: usize, scale: &ScaleAnalysis) -> Markup {
    html! {
        section.rounds aria-labelledby=(section_id(index, "runder")) {
            (heading(index, "runder"))
            @match &scale.rounds {
                None => p { "Der er endnu ingen bedømmelser i runde 2 at sammenligne med." },
                Some(r) => {
                    p {
                        "Sammenligningen bruger kun de " (r.paired_ratings) " bedømmelser, der findes i begge runder ("
                        (r.units) " enheder, " (r.raters) " bedømmere), så de to runder hviler på det samme grundlag. "
                        (r.changed) " bedømmelser blev ændret i runde 2"
                        @if scale.scale.is_ordered() { " (" (r.raised) " hævet, " (r.lowered) " sænket)" }
                        ", " (r.unchanged) " blev stående."
                    }
                    @let rows: [Row<'_>; 4] = [
                        ("percent_agreement", "Procentvis enighed", &r.first.percent_agreement, &r.second.percent_agreement, r.change.percent_agreement, true),
                        ("gwet_ac1", "Gwets AC1", &r.first.gwet_ac1, &r.second.gwet_ac1, r.change.gwet_ac1, false),
                        ("fleiss_kappa", "Fleiss' κ", &r.first.fleiss_kappa, &r.second.fleiss_kappa, r.change.fleiss_kappa, false),
                        ("krippendorff_alpha", "Krippendorffs α", &r.first.krippendorff_alpha, &r.second.krippendorff_alpha, r.change.krippendorff_alpha, false),
                    ];
                    (Table::new(&[
                        text("Koefficient"), num("Runde 1"), num("Runde 2"), num("Ændring"),
                    ]).caption("Enighed i runde 1 og runde 2 på de samme bedømmelser").id(&section_id(index, "runde-tabel")).rows(html! {
                        @for (key, name, first, second, change, percent) in rows {
                            tr data-koefficient=(key) {
                                th scope="row" { (name) }
                                td.num.round-1 { (value(key, first, percent)) }
                                td.num.round-2 { (value(key, second, percent)) }
                                td.num {
                                    @match (change, percent) {
                                        (Some(c), true) => (number(c, &percentage_points(c))),
                                        _ => (signed_or_dash(change)),
                                    }
                                }
                            }
                        }
                    }))
                    ul.interpretation { @for s in &r.interpretation { li { (s) } } }
                },
            }
        }
    }
}
