//! The calibration appendix: per scale the coefficient table with intervals and plain-Danish
//! readings, the coefficients per form, agreement per item (least agreement first), the heatmap,
//! rater severity, tilsyn effects, agreement between the tilsyn, and round 1 against round 2.

use agreement::interpretation::{krippendorff_band, landis_koch};
use audit::calibration::report::{FormCoefficients, ScaleAnalysis};
use audit::calibration::rounds::RoundComparison;
use audit::calibration::{Coefficient, Coefficients};
use audit::danske_tal::{
    interval, optional, or_dash, percent, percent_interval, percentage_points, signed,
};
use audit::report::Kalibreringsbilag;
use maud::{Markup, html};

use crate::components::coefficients::{coefficient_rows, round_rows};
use crate::components::heatmap_svg;
use crate::components::table::{Table, num, text};

/// The appendix: its explanation, then one block per scale, then the notes.
pub(super) fn appendix(k: &Kalibreringsbilag) -> Markup {
    html! {
        @for p in &k.forklaring { p { (p) } }
        @if let Some(s) = &k.statistik {
            @for (i, scale) in s.scales.iter().enumerate() { (scale_block(i, scale)) }
        }
        @if !k.noter.is_empty() {
            div.noter {
                @for n in &k.noter { p.muted { (n) } }
            }
        }
    }
}

/// How a coefficient's value is read: a share, a κ-type coefficient (Landis & Koch's bands) or
/// Krippendorff's α (his thresholds).
#[derive(Clone, Copy)]
enum Reading {
    Procent,
    Kappa,
    Alpha,
}

/// The reading of the coefficient with field name `key`.
fn reading(key: &str, percent: bool) -> Reading {
    match (percent, key) {
        (true, _) => Reading::Procent,
        (false, "krippendorff_alpha") => Reading::Alpha,
        (false, _) => Reading::Kappa,
    }
}

fn value_text(c: &Coefficient, reading: Reading) -> String {
    match reading {
        Reading::Procent => or_dash(c.value, percent),
        _ => optional(c.value, 2),
    }
}

fn interval_text(c: &Coefficient, reading: Reading) -> String {
    match (reading, c.ci95) {
        (Reading::Procent, Some(ci)) => percent_interval(ci),
        _ => or_dash(c.ci95, |ci| interval(ci, 2)),
    }
}

fn band(c: &Coefficient, reading: Reading) -> String {
    match (c.value, reading) {
        (None, _) => c.note.clone().unwrap_or_default(),
        (Some(v), Reading::Kappa) => format!("{} overensstemmelse", landis_koch(v)),
        (Some(v), Reading::Alpha) => krippendorff_band(v).to_owned(),
        (Some(_), Reading::Procent) => String::new(),
    }
}

fn coefficient_table(caption: &str, c: &Coefficients) -> Markup {
    html! {
        (Table::new(&[
            text("Mål"), num("Estimat"), num("95 %-interval"), text("Læsning"),
        ]).caption(caption).class("koefficienter").rows(html! {
            @for row in coefficient_rows(c) {
                @let reading = reading(row.key, row.percent);
                tr {
                    th scope="row" { (row.name) }
                    td.num { (value_text(row.coefficient, reading)) }
                    td.num { (interval_text(row.coefficient, reading)) }
                    td { (band(row.coefficient, reading)) }
                }
            }
        }))
        p.muted {
            (c.n_ratings) " bedømmelser af " (c.n_units) " enheder fra " (c.n_raters) " bedømmere; "
            (c.n_pairable_units) " enheder er bedømt af mindst to."
            @if let Some(u) = c.unanimous_share { " Alle var enige om " (percent(u)) " af dem." }
        }
    }
}

fn scale_block(i: usize, s: &ScaleAnalysis) -> Markup {
    let id = format!("kalibrering-skala-{}", i + 1);
    html! {
        section.kalibreringsskala aria-labelledby=(id) {
            h4 #(id) { "Bedømmelser på " (s.scale_navn) }
            (coefficient_table("Samlet enighed, runde 1", &s.overall))
            @if !s.overall.interpretation.is_empty() {
                div.fortolkning {
                    h5 { "Sådan skal tallene læses" }
                    @for p in &s.overall.interpretation { p { (p) } }
                }
            }
            @if s.forms.len() > 1 { (forms(&s.forms)) }
            (items(s))
            h5 { "Farvekort: hver bedømmers bedømmelse af hver enhed" }
            figure.heatmap {
                div.heatmap-rul {
                    (heatmap_svg::heatmap(&format!("{id}-heatmap"), "Farvekort over bedømmelserne", &s.heatmap, &s.categories, s.scale.is_ordered()))
                }
                figcaption { (heatmap_svg::legend(&s.categories, s.scale.is_ordered())) }
            }
            (severity(s))
            (pairs(s))
            @if let Some(r) = &s.rounds { (rounds(r)) }
        }
    }
}

fn forms(forms: &[FormCoefficients]) -> Markup {
    html! {
        (Table::new(&[
            text("Vurderingsskema"),
            num("Bedømmelser"),
            num("Procentvis enighed"),
            num("Gwets AC1"),
            num("Fleiss' κ"),
            num("Krippendorffs α"),
        ]).caption("Enighed pr. vurderingsskema").class("skemaer").rows(html! {
            @for f in forms {
                @let c = &f.coefficients;
                tr {
                    td { (f.titel) }
                    td.num { (c.n_ratings) }
                    td.num { (or_dash(c.percent_agreement.value, percent)) }
                    td.num { (optional(c.gwet_ac1.value, 2)) }
                    td.num { (optional(c.fleiss_kappa.value, 2)) }
                    td.num { (optional(c.krippendorff_alpha.value, 2)) }
                }
            }
        }))
    }
}

/// The κ paradox explained once under the per-item table, instead of in every row it concerns.
const PARADOX_NOTE: &str = "Note om κ-paradokset: ved punkter mærket »κ-paradoks« er κ langt lavere end AC1, \
    selv om bedømmerne for det meste er enige. Det skyldes en skæv fordeling: næsten alle bedømmelser ligger i \
    samme kategori, så κ regner det meste af enigheden for tilfældig og trækkes ned (Feinstein & Cicchetti 1990). \
    Ved så skæv en fordeling beskriver AC1 og den procentvise enighed overensstemmelsen bedre end κ.";

fn items(s: &ScaleAnalysis) -> Markup {
    let paradox = s.items.iter().any(|it| it.paradox.is_some());
    html! {
        (Table::new(&[
            text("Punkt"),
            text("Vurderingsskema"),
            num("Bedømmelser"),
            num("Procentvis enighed"),
            num("Gwets AC1"),
            num("95 %-interval for AC1"),
            num("Fleiss' κ"),
        ]).caption("Enighed pr. indikator og punkt, den laveste enighed først").class("punkter").rows(html! {
            @for it in &s.items {
                @let c = &it.coefficients;
                tr {
                    td {
                        @if let Some(ind) = &it.indikator { strong { "Indikator " (ind) } br; }
                        (it.tekst)
                        @if it.paradox.is_some() { " " span.muted { "(κ-paradoks, se note)" } }
                    }
                    td { (it.form) }
                    td.num { (c.n_ratings) }
                    td.num { (or_dash(c.percent_agreement.value, percent)) }
                    td.num { (optional(c.gwet_ac1.value, 2)) }
                    td.num { (or_dash(c.gwet_ac1.ci95, |ci| interval(ci, 2))) }
                    td.num { (optional(c.fleiss_kappa.value, 2)) }
                }
            }
        }))
        @if paradox { p.muted.note { (PARADOX_NOTE) } }
    }
}

fn severity(s: &ScaleAnalysis) -> Markup {
    let any = s.raters.iter().any(|r| r.severity.is_some());
    html! {
        @if any {
            (Table::new(&[
                text("Bedømmer"),
                text("Tilsyn"),
                num("Bedømmelser"),
                num("Gennemsnit"),
                num("Strenghed"),
                num("95 %-interval"),
            ]).caption("Bedømmernes strenghed (negativ: strengere, positiv: mildere end kollegerne)").class("strenghed").rows(html! {
                @for r in &s.raters {
                    tr {
                        td { (r.navn) }
                        td { (r.tilsyn.map_or("–", |t| t.navn())) }
                        td.num { (r.n) }
                        td.num { (optional(r.mean, 2)) }
                        td.num { (or_dash(r.severity, |v| signed(v, 2))) }
                        td.num { (or_dash(r.severity_ci95, |ci| interval(ci, 2))) }
                    }
                }
            }))
            (Table::new(&[
                text("Socialtilsyn"), num("Bedømmere"), num("Bedømmelser"), num("Gennemsnitlig strenghed"),
            ]).caption("Tilsynenes gennemsnitlige strenghed").class("tilsynseffekter").rows(html! {
                @for e in &s.tilsyn_effects {
                    tr {
                        td { (e.navn) }
                        td.num { (e.raters) }
                        td.num { (e.n_ratings) }
                        td.num { (or_dash(e.mean_severity, |v| signed(v, 2))) }
                    }
                }
            }))
        } @else {
            p.muted { "Skalaen er ikke ordnet, så bedømmernes strenghed kan ikke beregnes." }
        }
    }
}

fn pairs(s: &ScaleAnalysis) -> Markup {
    html! {
        @if !s.tilsyn_pairs.is_empty() {
            (Table::new(&[
                text("Tilsyn"), num("Sammenligninger"), num("Procentvis enighed"), num("Cohens κ"),
            ]).caption("Enighed mellem og inden for socialtilsynene").class("tilsynspar").rows(html! {
                @for p in &s.tilsyn_pairs {
                    tr {
                        td {
                            @if p.a == p.b { "Inden for " (p.a.navn()) } @else { (p.a.navn()) " – " (p.b.navn()) }
                        }
                        td.num { (p.n) }
                        td.num { (or_dash(p.percent_agreement.value, percent)) }
                        td.num { (optional(p.cohen_kappa.value, 2)) }
                    }
                }
            }))
        }
    }
}

fn rounds(r: &RoundComparison) -> Markup {
    html! {
        (Table::new(&[
            text("Mål"), num("Runde 1"), num("Runde 2"), num("Ændring"),
        ]).caption(html! { "Runde 1 og runde 2 på de samme " (r.paired_ratings) " parrede bedømmelser" }).class("runder").rows(html! {
            @for row in round_rows(r) {
                @let reading = reading(row.key, row.percent);
                tr {
                    th scope="row" { (row.name) }
                    td.num { (value_text(row.first, reading)) }
                    td.num { (value_text(row.second, reading)) }
                    td.num {
                        @if row.percent {
                            (or_dash(row.change, percentage_points))
                        } @else {
                            (or_dash(row.change, |v| signed(v, 2)))
                        }
                    }
                }
            }
        }))
        p {
            (r.unchanged) " bedømmelser blev fastholdt og " (r.changed) " ændret"
            @if r.raised + r.lowered > 0 { " (" (r.raised) " hævet, " (r.lowered) " sænket)" }
            "."
        }
        @for p in &r.interpretation { p { (p) } }
    }
}
