//! "Samlet enighed": the overall coefficients of one scale with their 95 % intervals, the plain-Danish
//! reading, the κ-paradox explained where κ and AC1 part ways, and the same coefficients per form.

use audit::calibration::ScaleAnalysis;
use audit::calibration::coefficients::paradox;
use maud::{Markup, html};

use super::super::figures::{coefficient_table, interval_below, sizes, value};
use super::{heading, section_id};
use crate::components::table::{Table, num, text};

/// The section for scale `index`.
pub(in super::super) fn overall(index: usize, scale: &ScaleAnalysis) -> Markup {
    let c = &scale.overall;
    let paradox = paradox(c);
    html! {
        section.overall aria-labelledby=(section_id(index, "samlet")) {
            (heading(index, "samlet"))
            (sizes(c))
            (coefficient_table(&section_id(index, "koefficienter"), "Alle skemapunkter på skalaen", c))
            h4 { "Sådan kan tallene læses" }
            ul.interpretation {
                @for sentence in &c.interpretation {
                    @if Some(sentence) != paradox.as_ref() { li { (sentence) } }
                }
            }
            @if let Some(text) = &paradox {
                div.notice.paradox id=(section_id(index, "paradoks")) {
                    h4 { "Hvorfor er κ så meget lavere end AC1?" }
                    p { (text) }
                    p {
                        "Derfor står Gwets AC1 og den procentvise enighed først i tabellerne: de siger, hvor "
                        "ofte to kolleger giver samme svar, også når næsten alle svar ligger i samme kategori."
                    }
                }
            }
            @if scale.forms.len() > 1 {
                (per_form(index, scale))
            }
        }
    }
}

fn per_form(index: usize, scale: &ScaleAnalysis) -> Markup {
    html! {
        (Table::new(&[
            text("Skema"),
            num("Enheder"),
            num("Procentvis enighed"),
            num("Gwets AC1"),
            num("Fleiss' κ"),
            num("Krippendorffs α"),
        ]).caption("Pr. vurderingsskema").class("per-form").id(&section_id(index, "skemaer")).rows(html! {
            @for form in &scale.forms {
                @let c = &form.coefficients;
                tr {
                    th scope="row" { (form.titel) }
                    td.num { (c.n_units) }
                    td.num { (value("percent_agreement", &c.percent_agreement, true)) (interval_below(&c.percent_agreement, true)) }
                    td.num { (value("gwet_ac1", &c.gwet_ac1, false)) (interval_below(&c.gwet_ac1, false)) }
                    td.num { (value("fleiss_kappa", &c.fleiss_kappa, false)) (interval_below(&c.fleiss_kappa, false)) }
                    td.num { (value("krippendorff_alpha", &c.krippendorff_alpha, false)) (interval_below(&c.krippendorff_alpha, false)) }
                }
            }
        }))
    }
}
