//! The tilsyn against each other: agreement pair by pair, own-tilsyn bias (with the coefficients with
//! and without ratings of the rater's own tilsyn's material), and the tilsyn's own scores against the
//! panel's.

use audit::calibration::ScaleAnalysis;
use audit::danske_tal::optional;
use maud::{Markup, html};

use super::super::figures::{interval_below, rater_label, value};
use super::raters::signed_or_dash;
use super::{heading, section_id};
use crate::components::table::{Table, num, text};

/// "Enighed mellem tilsynene" for scale `index`: every pair with at least one comparison.
pub(in super::super) fn tilsyn_pairs(index: usize, scale: &ScaleAnalysis) -> Markup {
    let pairs: Vec<_> = scale.tilsyn_pairs.iter().filter(|p| p.n > 0).collect();
    html! {
        section.pairs aria-labelledby=(section_id(index, "tilsynspar")) {
            (heading(index, "tilsynspar"))
            p {
                "For hvert par af tilsyn sammenlignes hver bedømmer fra det ene med hver bedømmer fra det andet "
                "på de enheder, begge har bedømt. Enigheden inden for ét tilsyn er målestokken, parrene på tværs "
                "kan læses imod."
            }
            @if pairs.is_empty() {
                p { "Ingen enhed er bedømt af bedømmere fra to tilsyn." }
            } @else {
                (Table::new(&[
                    text("Tilsyn"),
                    num("Bedømmerpar"),
                    num("Enheder"),
                    num("Sammenligninger"),
                    num("Procentvis enighed"),
                    num("Cohens κ"),
                ]).caption("Enighed pr. par af tilsyn").id(&section_id(index, "par")).rows(html! {
                    @for p in pairs {
                        tr {
                            th scope="row" {
                                @if p.a == p.b { (p.a.navn()) " (inden for tilsynet)" }
                                @else { (p.a.navn()) " – " (p.b.navn()) }
                            }
                            td.num { (p.rater_pairs) }
                            td.num { (p.units) }
                            td.num { (p.n) }
                            td.num { (value("percent_agreement", &p.percent_agreement, true)) }
                            td.num { (value("cohen_kappa", &p.cohen_kappa, false)) (interval_below(&p.cohen_kappa, false)) }
                        }
                    }
                }))
            }
        }
    }
}

/// "Bedømmelser af eget tilsyn" for scale `index`.
pub(in super::super) fn own_tilsyn(index: usize, scale: &ScaleAnalysis) -> Markup {
    let own = &scale.own_tilsyn;
    let raters: Vec<_> = own.raters.iter().filter(|r| r.own.n > 0).collect();
    html! {
        section.own-tilsyn aria-labelledby=(section_id(index, "eget-tilsyn")) {
            (heading(index, "eget-tilsyn"))
            ul.interpretation { @for s in &own.interpretation { li { (s) } } }
            @if !raters.is_empty() {
                (Table::new(&[
                    text("Bedømmer"),
                    num("Eget tilsyn: bedømmelser"),
                    num("Eget tilsyn: afvigelse"),
                    num("Andet materiale: bedømmelser"),
                    num("Andet materiale: afvigelse"),
                    num("Forskel"),
                ]).caption("Afvigelse fra de andre tilsyns bedømmere, pr. bedømmer").id(&section_id(index, "eget-tilsyn-bedoemmere")).rows(html! {
                    @for r in raters {
                        tr {
                            th scope="row" { (rater_label(&r.navn, r.tilsyn)) }
                            td.num { (r.own.n) }
                            td.num { (signed_or_dash(r.own.mean)) }
                            td.num { (r.other.n) }
                            td.num { (signed_or_dash(r.other.mean)) }
                            td.num { (signed_or_dash(r.difference)) }
                        }
                    }
                }))
            }
            (Table::new(&[
                text("Koefficient"), num("Med"), num("Uden"),
            ]).caption("Enighed med og uden bedømmelser af eget tilsyns materiale").id(&section_id(index, "med-uden")).rows(html! {
                @let without = own.without_own.as_ref();
                tr {
                    th scope="row" { "Bedømmelser" }
                    td.num { (own.with_own.n_ratings) }
                    td.num { (without.map_or_else(|| "–".to_owned(), |w| w.n_ratings.to_string())) }
                }
                tr {
                    th scope="row" { "Procentvis enighed" }
                    td.num { (value("percent_agreement", &own.with_own.percent_agreement, true)) }
                    td.num { @if let Some(w) = without { (value("percent_agreement", &w.percent_agreement, true)) } @else { "–" } }
                }
                tr {
                    th scope="row" { "Gwets AC1" }
                    td.num { (value("gwet_ac1", &own.with_own.gwet_ac1, false)) }
                    td.num { @if let Some(w) = without { (value("gwet_ac1", &w.gwet_ac1, false)) } @else { "–" } }
                }
                tr {
                    th scope="row" { "Fleiss' κ" }
                    td.num { (value("fleiss_kappa", &own.with_own.fleiss_kappa, false)) }
                    td.num { @if let Some(w) = without { (value("fleiss_kappa", &w.fleiss_kappa, false)) } @else { "–" } }
                }
            }))
        }
    }
}

/// "Tilsynenes egne scorer og panelets" for scale `index`.
pub(in super::super) fn original(index: usize, scale: &ScaleAnalysis) -> Markup {
    html! {
        section.original aria-labelledby=(section_id(index, "original")) {
            (heading(index, "original"))
            @if scale.original_vs_panel.is_empty() {
                p { "Materialet har ingen af tilsynenes egne indikatorscorer på denne skala at sammenligne med." }
            } @else {
                p {
                    "Hvor et materiale har tilsynets egen score for en indikator, sammenlignes den med gennemsnittet "
                    "af de andre tilsyns bedømmere. Over nul: tilsynet scorede højere end panelet."
                }
                (Table::new(&[
                    text("Indikator"), num("Materialer"), num("Gennemsnitlig forskel"),
                ]).caption("Pr. indikator").id(&section_id(index, "original-indikatorer")).rows(html! {
                    @for d in &scale.original_by_indicator {
                        tr { th scope="row" { (d.indikator) } td.num { (d.materials) } td.num { (signed_or_dash(d.mean_difference)) } }
                    }
                }))
                (Table::new(&[
                    text("Materiale"),
                    text("Tilsyn"),
                    text("Indikator"),
                    text("Tilsynets score"),
                    num("Panelets gennemsnit"),
                    num("Median"),
                    num("Bedømmere"),
                    num("Forskel"),
                ]).caption("Pr. materiale og indikator").id(&section_id(index, "original-materialer")).rows(html! {
                    @for o in &scale.original_vs_panel {
                        tr {
                            th scope="row" { (o.pseudonym) }
                            td { (o.tilsyn.navn()) }
                            td { (o.indikator) }
                            td { (o.original) @if let Some(l) = &o.original_label { " " small { (l) } } }
                            td.num { (optional(o.panel_mean, 2)) }
                            td.num { (optional(o.panel_median, 2)) }
                            td.num { (o.panel_n) }
                            td.num { (signed_or_dash(o.difference)) }
                        }
                    }
                }))
            }
        }
    }
}
