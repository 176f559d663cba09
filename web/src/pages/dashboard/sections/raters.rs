//! "Enheder og bedømmere" (the units × raters heatmap with its text alternative) and "Strenghed og
//! tilsynseffekter" (rater severity with intervals, and each tilsyn's mean severity, both sorted and
//! drawn around a zero line).

use std::cmp::Ordering;

use audit::calibration::ScaleAnalysis;
use audit::calibration::severity::{RaterSeverity, TilsynEffect};
use audit::danske_tal::{interval, signed};
use maud::{Markup, html};

use super::super::figures::rater_label;
use super::{heading, section_id};
use crate::components::decimal::{number, optional};
use crate::components::deviation_svg::{DeviationRow, chart};
use crate::components::heatmap_svg;
use crate::components::table::{Table, num, scroll_region, text};

/// The heatmap section of scale `index`.
pub(in super::super) fn heatmap(index: usize, scale: &ScaleAnalysis) -> Markup {
    let ordered = scale.scale.is_ordered();
    let title = format!("Bedømmelserne på {}: enheder × bedømmere", scale.scale_navn);
    html! {
        section.heatmap-section aria-labelledby=(section_id(index, "heatmap")) {
            (heading(index, "heatmap"))
            p {
                "Hver række er et punkt for ét materiale, hver kolonne en bedømmer. Farven og tallet i cellen er "
                "svaret; hold musen over en celle for at se hvem, hvad og hvilket materiale. Rækker med flere "
                "farver er dem, panelet var uenigt om."
            }
            figure.chart {
                (scroll_region(&format!("Figur: {title}"), html! {
                    (heatmap_svg::heatmap(&section_id(index, "heatmap-figur"), &title, &scale.heatmap, &scale.categories, ordered))
                }))
                figcaption { (heatmap_svg::legend(&scale.categories, ordered)) }
            }
            details.no-print {
                summary { "Vis figuren som tabel" }
                (heatmap_svg::table(&title, &scale.heatmap))
            }
        }
    }
}

/// Ascending with undefined values last.
fn by_value(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The raters sorted harshest first, undefined last.
pub(in super::super) fn sorted_raters(raters: &[RaterSeverity]) -> Vec<&RaterSeverity> {
    let mut sorted: Vec<&RaterSeverity> = raters.iter().collect();
    sorted.sort_by(|a, b| by_value(a.severity, b.severity));
    sorted
}

/// The severity section of scale `index`.
pub(in super::super) fn severity(index: usize, scale: &ScaleAnalysis) -> Markup {
    let raters = sorted_raters(&scale.raters);
    let rows: Vec<DeviationRow> = raters
        .iter()
        .filter_map(|r| {
            Some(DeviationRow {
                label: rater_label(&r.navn, r.tilsyn),
                value: r.severity?,
                interval: r.severity_ci95,
                highlight: false,
            })
        })
        .collect();
    let mut effects: Vec<&TilsynEffect> = scale.tilsyn_effects.iter().collect();
    effects.sort_by(|a, b| by_value(a.mean_severity, b.mean_severity));
    let effect_rows: Vec<DeviationRow> = effects
        .iter()
        .filter_map(|e| {
            Some(DeviationRow {
                label: e.navn.clone(),
                value: e.mean_severity?,
                interval: None,
                highlight: false,
            })
        })
        .collect();
    html! {
        section.severity aria-labelledby=(section_id(index, "strenghed")) {
            (heading(index, "strenghed"))
            p {
                "En bedømmers strenghed er den gennemsnitlige forskel mellem bedømmerens svar og gennemsnittet af "
                "de andre bedømmeres svar på de samme enheder. Under nul: strengere end kollegerne; over nul: "
                "mildere. På godkendelsesskalaen (0 og 1) betyder −0,10 ti procentpoint færre positive svar end "
                "kollegerne gav det samme materiale."
            }
            @if rows.is_empty() {
                p { "Strenghed kan kun beregnes på en ordnet skala med mindst to bedømmere pr. enhed." }
            } @else {
                figure.chart {
                    (scroll_region("Figur: bedømmernes strenghed", html! {
                        (chart(&section_id(index, "strenghed-figur"), "Bedømmernes strenghed med 95 %-intervaller", &rows, false))
                    }))
                }
                (Table::new(&[
                    text("Bedømmer"),
                    num("Bedømmelser"),
                    num("Gennemsnit"),
                    num("Strenghed"),
                    num("95 %-interval"),
                ]).caption("Bedømmerne, strengeste først").id(&section_id(index, "bedoemmere")).rows(html! {
                    @for r in &raters {
                        tr data-rater=(r.username) {
                            th scope="row" { (rater_label(&r.navn, r.tilsyn)) }
                            td.num { (r.n) }
                            td.num { (optional(r.mean, 2)) }
                            td.num {
                                @match r.severity {
                                    Some(s) => (number(s, &signed(s, 2))),
                                    None => "–",
                                }
                            }
                            td.num { (r.severity_ci95.map_or_else(|| "–".to_owned(), |ci| interval(ci, 2))) }
                        }
                    }
                }))
                h4 { "Tilsynenes effekt" }
                p { "Et tilsyns effekt er gennemsnittet af dets bedømmeres strenghed; hver bedømmer tæller én gang." }
                @if !effect_rows.is_empty() {
                    figure.chart {
                        (scroll_region("Figur: tilsynenes gennemsnitlige strenghed", html! {
                            (chart(&section_id(index, "tilsyn-figur"), "Tilsynenes gennemsnitlige strenghed", &effect_rows, true))
                        }))
                    }
                }
                (Table::new(&[
                    text("Tilsyn"), num("Bedømmere"), num("Bedømmelser"), num("Gennemsnitlig strenghed"),
                ]).caption("Tilsynene, strengeste først").id(&section_id(index, "tilsynseffekter")).rows(html! {
                    @for e in &effects {
                        tr {
                            th scope="row" { (e.navn) }
                            td.num { (e.raters) }
                            td.num { (e.n_ratings) }
                            td.num {
                                @match e.mean_severity {
                                    Some(s) => (number(s, &signed(s, 2))),
                                    None => span.muted { "ingen bedømmere" },
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}

/// A mean with its sign, or a dash.
pub(in super::super) fn signed_or_dash(value: Option<f64>) -> Markup {
    match value {
        Some(v) => number(v, &signed(v, 2)),
        None => html! { "–" },
    }
}
