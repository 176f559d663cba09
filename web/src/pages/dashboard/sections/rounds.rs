//! "Runde 1 og runde 2": did the discussion make the panel agree more? The coefficients of both rounds
//! on the same (unit, rater) cells, their change, and how many ratings were changed, raised or lowered.

use audit::calibration::ScaleAnalysis;
use audit::danske_tal::percentage_points;
use maud::{Markup, html};

use super::super::figures::value;
use super::raters::signed_or_dash;
use super::{heading, section_id};
use crate::components::coefficients::round_rows;
use crate::components::decimal::number;
use crate::components::table::{Table, num, text};

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
                    (Table::new(&[
                        text("Koefficient"), num("Runde 1"), num("Runde 2"), num("Ændring"),
                    ]).caption("Enighed i runde 1 og runde 2 på de samme bedømmelser").id(&section_id(index, "runde-tabel")).rows(html! {
                        @for row in round_rows(r) {
                            tr data-koefficient=(row.key) {
                                th scope="row" { (row.name) }
                                td.num.round-1 { (value(row.key, row.first, row.percent)) }
                                td.num.round-2 { (value(row.key, row.second, row.percent)) }
                                td.num {
                                    @match (row.change, row.percent) {
                                        (Some(c), true) => (number(c, &percentage_points(c))),
                                        _ => (signed_or_dash(row.change)),
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
