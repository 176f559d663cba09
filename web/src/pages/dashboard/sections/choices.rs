//! Nominations of the best example (19.1) and selections of cases to discuss (19.2): how often the
//! panel picked alike, and what it picked.

use audit::calibration::choices::ChoiceAnalysis;
use maud::{Markup, html};

use super::super::figures::{coefficient_table, sizes};
use crate::components::labels::capitalized;
use crate::components::table::{Table, num, text};

/// The section of every group of choice items.
pub(in super::super) fn choices(choices: &[ChoiceAnalysis]) -> Markup {
    html! {
        section.choices aria-labelledby="valg" {
            h2 #valg { "Nomineringer og udvælgelser" }
            p {
                "Her er enheden et valg: hvilket materiale bedømmeren pegede på, eller om en sag blev valgt til "
                "drøftelse. Procentvis enighed er andelen af par af bedømmere, der valgte ens."
            }
            @for (i, choice) in choices.iter().enumerate() {
                section aria-labelledby=(format!("valg-{i}")) {
                    h3 id=(format!("valg-{i}")) { (capitalized(&choice.kind)) }
                    p.muted { (choice.forms.join("; ")) }
                    (sizes(&choice.coefficients))
                    (coefficient_table(&format!("valg-{i}-koefficienter"), "Enighed om valgene", &choice.coefficients))
                    ul.interpretation { @for s in &choice.coefficients.interpretation { li { (s) } } }
                    (Table::new(&[
                        text("Svar"), num("Antal"),
                    ]).caption("Hvad der blev valgt").rows(html! {
                        @for d in &choice.distribution {
                            tr { th scope="row" { (d.category.label) } td.num { (d.count) } }
                        }
                        @if choice.no_value > 0 {
                            tr { th scope="row" { "Intet svar" } td.num { (choice.no_value) } }
                        }
                    }))
                }
            }
        }
    }
}
