//! `GET /audits/{nr}/mig`, "Dig og panelet": a panelist's private view, after reveal, of where their own
//! ratings sit against the others' — for every unit the panel's answers with the panelist's own
//! highlighted, and the panelist's severity with its interval beside the colleagues', who appear under
//! the report's pseudonyms.
//!
//! The page only ever shows the logged-in panelist's own view: there is no parameter naming another
//! panelist, and anyone who is not one of the audit's raters (the koordinator, an exempted member, an
//! outsider) gets 403. The figures are those of the dashboard (`audit::calibration::report` on the
//! ratings the store lets the panelist see).

use audit::calibration::heatmap::HeatmapRow;
use audit::calibration::pseudonymer::pseudonym;
use audit::calibration::{CalibrationReport, Category, ScaleAnalysis};
use audit::danske_tal::{interval, signed};
use audit::visibility::Viewer;
use audit::{Audit, Rating, Round, Username};
use maud::{Markup, html};

use super::figures::rater_label;
use super::sections::sorted_raters;
use crate::access::RevealedPage;
use crate::components::bar_svg::stacked;

use crate::components::decimal::number;
use crate::components::deviation_svg::{DeviationRow, chart};
use crate::components::heatmap_svg::row_label;
use crate::components::palette::swatches;
use crate::components::table::{Table, num, scroll_region, text};
use crate::error::AppError;
use crate::layout;

/// `GET /audits/{nr}/mig`.
pub(super) async fn show(page: RevealedPage) -> Result<Markup, AppError> {
    let RevealedPage {
        app,
        user,
        audit,
        revision,
        ..
    } = page;
    let Viewer::Panelist(me) = audit.viewer(user.user()) else {
        // The koordinator has no ratings of their own; nobody may open another panelist's view.
        return Err(AppError::Forbidden);
    };
    let me = me.clone();
    let agreement = super::calibration_report(&app, &audit, revision, user.user()).await?;
    let notice = super::synthetic_notice(&app, &audit).await?;
    let content = html! {
        (super::subnav(&audit, user.user(), user.path()))
        (notice)
        (super::intervals_notice(&agreement))
        (view(&audit, &agreement.report, &agreement.ratings, &me))
    };
    Ok(layout::page(
        &format!("Dig og panelet i auditforløb {}", audit.nr),
        Some(&user),
        content,
    ))
}

fn view(audit: &Audit, report: &CalibrationReport, ratings: &[Rating], me: &Username) -> Markup {
    html! {
        div.mine {
            p.lead {
                "Denne side er kun for dig. Den viser, hvor dine bedømmelser i runde "
                (report.round.number()) " ligger i forhold til de andre panelisters bedømmelser af det samme "
                "materiale."
            }
            @for (i, scale) in report.scales.iter().enumerate() {
                @let column = scale.heatmap.raters.iter().position(|r| &r.username == me);
                section aria-labelledby=(format!("mig-{i}")) {
                    h2 id=(format!("mig-{i}")) { "Dine bedømmelser på " (scale.scale_navn) }
                    @match column {
                        None => p { "Du har ingen indsendte bedømmelser på denne skala i runde " (report.round.number()) "." },
                        Some(column) => {
                            (severity(i, audit, scale, me))
                            (units(i, audit, scale, column, ratings, me))
                        },
                    }
                }
            }
            @if report.scales.is_empty() {
                p { "Auditforløbet har ingen bedømmelser på en skala at sammenligne." }
            }
        }
    }
}

/// The panelist's severity against the others', with a sentence reading it. The colleagues appear
/// under the pseudonyms of the published report ("Bedømmer C (Syd)"): the page ranks no named colleague.
fn severity(index: usize, audit: &Audit, scale: &ScaleAnalysis, me: &Username) -> Markup {
    let raters = sorted_raters(&scale.raters);
    let mine = raters.iter().find(|r| &r.username == me);
    let rows: Vec<DeviationRow> = raters
        .iter()
        .filter_map(|r| {
            let own = &r.username == me;
            Some(DeviationRow {
                label: if own {
                    format!("Dig ({})", r.navn)
                } else {
                    rater_label(&pseudonym(audit, &r.username).navn, r.tilsyn)
                },
                value: r.severity?,
                interval: r.severity_ci95,
                highlight: own,
            })
        })
        .collect();
    let own_bias = scale
        .own_tilsyn
        .raters
        .iter()
        .find(|r| &r.username == me && r.own.n > 0);
    html! {
        h3 { "Din strenghed" }
        @match mine.and_then(|r| r.severity.map(|s| (r, s))) {
            None => p { "Din strenghed kan ikke beregnes på denne skala." },
            Some((r, s)) => {
                p.own-severity {
                    "Din strenghed er " strong { (number(s, &signed(s, 2))) }
                    @if let Some(ci) = r.severity_ci95 { " (95 %-interval " (interval(ci, 2)) ")" }
                    ". " (reading(s, r.severity_ci95))
                }
                figure.chart {
                    (scroll_region("Figur: din strenghed blandt panelets", html! {
                        (chart(&format!("mig-{index}-strenghed"), "Din strenghed blandt panelets", &rows, false))
                    }))
                }
            },
        }
        @if let Some(b) = own_bias {
            p {
                "På materiale fra dit eget tilsyn afviger du i gennemsnit "
                (b.own.mean.map_or_else(|| "–".to_owned(), |m| signed(m, 2)))
                " fra de andre tilsyns bedømmere (" (b.own.n) " bedømmelser), på andet materiale "
                (b.other.mean.map_or_else(|| "–".to_owned(), |m| signed(m, 2)))
                " (" (b.other.n) " bedømmelser)."
            }
        }
    }
}

/// Severity in words: harsher, milder, or no sure difference when the interval holds zero.
fn reading(severity: f64, ci: Option<[f64; 2]>) -> &'static str {
    match ci {
        Some([lo, hi]) if lo <= 0.0 && hi >= 0.0 => {
            "Intervallet rummer nul, så der er ingen sikker forskel på dig og kollegerne."
        }
        _ if severity < 0.0 => "Du bedømmer strengere end kollegerne bedømte det samme materiale.",
        _ if severity > 0.0 => "Du bedømmer mildere end kollegerne bedømte det samme materiale.",
        _ => "Du bedømmer i gennemsnit som kollegerne.",
    }
}

/// One unit as the panelist sees it against the panel.
struct UnitView<'a> {
    row: &'a HeatmapRow,
    own: Option<i32>,
    counts: Vec<usize>,
    own_category: Option<usize>,
    others: usize,
    same: usize,
}

fn unit_view<'a>(row: &'a HeatmapRow, column: usize, categories: &[Category]) -> UnitView<'a> {
    let own = row.values.get(column).copied().flatten();
    let counts = categories
        .iter()
        .map(|c| {
            row.values
                .iter()
                .filter(|v| v.is_some() && **v == c.code)
                .count()
        })
        .collect();
    let others = row
        .values
        .iter()
        .enumerate()
        .filter(|(r, v)| *r != column && v.is_some())
        .count();
    let same = own.map_or(0, |own| {
        row.values
            .iter()
            .enumerate()
            .filter(|(r, v)| *r != column && **v == Some(own))
            .count()
    });
    UnitView {
        row,
        own,
        counts,
        own_category: own.and_then(|o| categories.iter().position(|c| c.code == Some(o))),
        others,
        same,
    }
}

fn units(
    index: usize,
    audit: &Audit,
    scale: &ScaleAnalysis,
    column: usize,
    ratings: &[Rating],
    me: &Username,
) -> Markup {
    let colours = swatches(scale.categories.len(), scale.scale.is_ordered());
    let views: Vec<UnitView> = scale
        .heatmap
        .rows
        .iter()
        .map(|row| unit_view(row, column, &scale.categories))
        .collect();
    let rated: Vec<&UnitView> = views
        .iter()
        .filter(|v| v.own.is_some() && v.others > 0)
        .collect();
    let apart = rated.iter().filter(|v| 2 * v.same < v.others).count();
    let label = |code: i32| {
        scale
            .categories
            .iter()
            .find(|c| c.code == Some(code))
            .map_or_else(|| code.to_string(), |c| c.label.clone())
    };
    let round_two = |row: &HeatmapRow| {
        ratings
            .iter()
            .find(|r| {
                &r.rater == me
                    && r.round == Round::Second
                    && r.is_submitted()
                    && r.unit.to_string() == row.unit
            })
            .and_then(Rating::score)
    };
    html! {
        h3 { "Dine svar enhed for enhed" }
        p {
            "Du har bedømt " (rated.len()) " enheder, som også andre har bedømt. På " (apart)
            " af dem gav under halvdelen af de andre samme svar som dig; de er markeret "
            strong { "Afviger" } "."
        }
        (Table::new(&[
            text("Enhed"), text("Dit svar"), text("Panelets svar"), num("Andre med samme svar"),
        ]).caption("Dit svar og panelets svar pr. enhed").class("mine-units").id(&format!("mig-{index}-enheder")).rows(html! {
            @for (n, v) in views.iter().enumerate() {
                @let differs = v.own.is_some() && v.others > 0 && 2 * v.same < v.others;
                @let first_of_item = n == 0 || views[n - 1].row.item != v.row.item;
                tr data-unit=(v.row.unit) class=[differs.then_some("differs")] {
                    th scope="row" {
                        (row_label(v.row))
                        @if first_of_item && let Some((_, item)) = audit.item(&v.row.item) {
                            br; small.muted { (item.tekst) }
                        }
                    }
                    td {
                        @match v.own {
                            Some(code) => { strong.own-value data-value=(code) { (code) " " (label(code)) } },
                            None => span.muted { "ikke bedømt" },
                        }
                        @match (round_two(v.row), v.own) {
                            (Some(second), Some(first)) if second == first => { br; small { "Runde 2: uændret" } },
                            (Some(second), _) => { br; small { "Runde 2: " (second) " " (label(second)) } },
                            _ => {},
                        }
                        @if differs { br; span.tag.differs-tag { "Afviger" } }
                    }
                    td {
                        (stacked(&v.counts, &colours, v.own_category))
                        ul.counts {
                            @for (i, (category, count)) in scale.categories.iter().zip(&v.counts).enumerate() {
                                @if *count > 0 {
                                    li class=[(v.own_category == Some(i)).then_some("own")] {
                                        (count) " × " (category.label)
                                        @if v.own_category == Some(i) { " (heraf dig)" }
                                    }
                                }
                            }
                        }
                    }
                    td.num {
                        @if v.own.is_some() { (v.same) " af " (v.others) } @else { "–" }
                    }
                }
            }
        }))
    }
}
