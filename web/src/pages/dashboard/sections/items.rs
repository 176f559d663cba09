//! "Drøft disse først": agreement per item (per indicator), the least agreement first, each with a link
//! to its discussion notes; and "Fordeling af bedømmelserne": how often each answer was given per item,
//! as a table with a stacked bar beside the numbers.

use audit::calibration::coefficients::paradox;
use audit::calibration::items::ItemAgreement;
use audit::calibration::{Category, ScaleAnalysis};
use audit::danske_tal::{decimal, percent};
use audit::{Audit, ItemKind};
use maud::{Markup, html};

use super::super::figures::{discussion_href, emne_of_item, value};
use super::{heading, section_id};
use crate::components::bar_svg::stacked;
use crate::components::decimal::number;
use crate::components::palette::swatches;
use crate::components::table::{Column, Table, num, scroll_region, text};

/// "Indikator 3.a", "Helhedsvurdering" or the item's id.
pub(in super::super) fn item_name(audit: &Audit, item: &ItemAgreement) -> String {
    if let Some(indikator) = &item.indikator {
        return format!("Indikator {indikator}");
    }
    match audit.item(&item.item).map(|(_, i)| &i.kind) {
        Some(ItemKind::Helhedsvurdering) => "Helhedsvurdering".to_owned(),
        _ => item.item.to_string(),
    }
}

/// The section "Drøft disse først" for scale `index`.
pub(in super::super) fn items(audit: &Audit, index: usize, scale: &ScaleAnalysis) -> Markup {
    html! {
        section.items aria-labelledby=(section_id(index, "droeft")) {
            (heading(index, "droeft"))
            p {
                "Punkterne står med den laveste enighed først: sorteret efter procentvis enighed (hvor ofte to "
                "bedømmere gav samme svar) og derefter Gwets AC1. κ er ikke sorteringsnøglen, fordi den "
                "falder eller bliver udefineret, når næsten alle svar er ens."
            }
            (Table::new(&[
                num("Nr."),
                text("Punkt"),
                num("Enheder"),
                num("Bedømmelser"),
                num("Procentvis enighed"),
                num("Alle enige"),
                num("Gwets AC1"),
                num("Fleiss' κ"),
                Column { heading: "Drøftelse", class: Some("no-print") },
            ]).caption("Enighed pr. punkt, laveste først").class("discuss-first").id(&section_id(index, "punkter")).rows(html! {
                @for (rank, item) in scale.items.iter().enumerate() {
                    @let c = &item.coefficients;
                    tr data-item=(item.item) {
                        td.num { (rank + 1) }
                        th scope="row" {
                            (item_name(audit, item))
                            br;
                            small.muted { (item.tekst) }
                            br;
                            small.muted { (item.form) }
                        }
                        td.num { (c.n_pairable_units) }
                        td.num { (c.n_ratings) }
                        td.num { (value("percent_agreement", &c.percent_agreement, true)) }
                        td.num {
                            @match c.unanimous_share {
                                Some(s) => (number(s, &percent(s))),
                                None => "–",
                            }
                        }
                        td.num { (value("gwet_ac1", &c.gwet_ac1, false)) }
                        td.num {
                            (value("fleiss_kappa", &c.fleiss_kappa, false))
                            @if item.paradox.is_some() {
                                " " a href=(format!("#{}", paradox_id(index, item))) aria-label="Se note om κ-paradokset" { sup { "*" } }
                            }
                        }
                        td.no-print {
                            @if let Some(emne) = emne_of_item(audit, &item.item) {
                                a href=(discussion_href(audit, &emne)) { "Noter" span.visually-hidden { " til " (item_name(audit, item)) } }
                            }
                        }
                    }
                }
            }))
            @let notes: Vec<&ItemAgreement> = scale.items.iter().filter(|i| i.paradox.is_some()).collect();
            @let explained = paradox(&scale.overall).is_some();
            @if !notes.is_empty() {
                h4 { "Noter til tabellen" }
                ul.footnotes {
                    @for (n, item) in notes.iter().enumerate() {
                        li id=(paradox_id(index, item)) {
                            strong { "* " (item_name(audit, item)) ": " }
                            @if explained || n > 0 {
                                (short_paradox(item))
                                " "
                                a href=(format!("#{}", if explained { section_id(index, "paradoks") } else { paradox_id(index, notes[0]) })) {
                                    "Se forklaringen."
                                }
                            } @else {
                                (item.paradox.as_deref().unwrap_or_default())
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The κ paradox of one item in one sentence; the full explanation stands once on the page.
fn short_paradox(item: &ItemAgreement) -> String {
    let c = &item.coefficients;
    match (c.fleiss_kappa.value, c.gwet_ac1.value, c.max_prevalence) {
        (Some(kappa), Some(ac1), Some(p)) => format!(
            "κ-paradokset: κ = {} mod AC1 = {}, fordi {} af bedømmelserne ligger i samme kategori.",
            decimal(kappa, 2),
            decimal(ac1, 2),
            percent(p)
        ),
        _ => item.paradox.clone().unwrap_or_default(),
    }
}

fn paradox_id(index: usize, item: &ItemAgreement) -> String {
    format!("s{index}-paradoks-{}", item.item)
}

/// The section "Fordeling af bedømmelserne" for scale `index`: per item in form order, the count of
/// each answer, the ratings without a value, and a stacked bar.
pub(in super::super) fn distributions(
    audit: &Audit,
    index: usize,
    scale: &ScaleAnalysis,
) -> Markup {
    // Every answer value, "ikke relevant" included even where it counts as missing.
    let categories: Vec<&Category> = scale.distribution.iter().map(|d| &d.category).collect();
    let colours = swatches(categories.len(), scale.scale.is_ordered());
    // Form order: the order of the heatmap's rows.
    let mut ordered: Vec<&ItemAgreement> = Vec::new();
    for row in &scale.heatmap.rows {
        if !ordered.iter().any(|i| i.item == row.item)
            && let Some(item) = scale.items.iter().find(|i| i.item == row.item)
        {
            ordered.push(item);
        }
    }
    // The column of ratings without a value only where the scale offers that answer, or one was given.
    let no_value = scale.scale.kan_ikke_bedoemmes() || ordered.iter().any(|i| i.no_value > 0);
    html! {
            section.distributions aria-labelledby=(section_id(index, "fordeling")) {
                (heading(index, "fordeling"))
                (scroll_region("Antal bedømmelser af hvert svar pr. punkt", html! {
    table id=(section_id(index, "fordelinger")) {
                    caption { "Antal bedømmelser af hvert svar pr. punkt" }
                    thead {
                        tr {
                            th scope="col" { "Punkt" }
                            @for c in &categories {
                                th.num scope="col" {
                                    @if let Some(code) = c.code { (code) " " }
                                    (c.label)
                                }
                            }
                            @if no_value { th.num scope="col" { "Kan ikke vurderes" } }
                            th scope="col" { span.visually-hidden { "Fordeling som figur" } }
                        }
                    }
                    tbody {
                        @for item in ordered {
                            @let counts: Vec<usize> = categories.iter().map(|c| {
                                item.distribution.iter().find(|d| d.category.id == c.id).map_or(0, |d| d.count)
                            }).collect();
                            tr data-item=(item.item) {
                                th scope="row" { (item_name(audit, item)) }
                                @for count in &counts { td.num { (count) } }
                                @if no_value { td.num { (item.no_value) } }
                                td { (stacked(&counts, &colours, None)) }
                            }
                        }
                    }
                }
    }))
            }
        }
}
