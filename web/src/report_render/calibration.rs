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

use super::tables::{self, Celle, Tabel, celle};
use crate::components::coefficients::{coefficient_rows, round_rows};
use crate::components::heatmap_svg;
use crate::components::table::{num, text};

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

/// The coefficient table of `c`: each measure with its estimate, interval and reading.
pub(super) fn coefficient_tabel(caption: &str, c: &Coefficients) -> Tabel {
    Tabel {
        caption: caption.to_owned(),
        class: "koefficienter",
        columns: vec![
            text("Mål"),
            num("Estimat"),
            num("95 %-interval"),
            text("Læsning"),
        ],
        rows: coefficient_rows(c)
            .into_iter()
            .map(|row| {
                let reading = reading(row.key, row.percent);
                vec![
                    Celle::Raekkeoverskrift(row.name.to_owned()),
                    celle(value_text(row.coefficient, reading)),
                    celle(interval_text(row.coefficient, reading)),
                    celle(band(row.coefficient, reading)),
                ]
            })
            .collect(),
    }
}

/// The sizes under a coefficient table: ratings, units, raters and how many units were shared.
pub(super) fn sizes_text(c: &Coefficients) -> String {
    let mut t = format!(
        "{} bedømmelser af {} enheder fra {} bedømmere; {} enheder er bedømt af mindst to.",
        c.n_ratings, c.n_units, c.n_raters, c.n_pairable_units
    );
    if let Some(u) = c.unanimous_share {
        t.push_str(&format!(" Alle var enige om {} af dem.", percent(u)));
    }
    t
}

fn coefficient_table(caption: &str, c: &Coefficients) -> Markup {
    html! {
        (tables::html(&coefficient_tabel(caption, c)))
        p.muted { (sizes_text(c)) }
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
            @if s.forms.len() > 1 { (tables::html(&forms_tabel(&s.forms))) }
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

/// The coefficients per rating form.
pub(super) fn forms_tabel(forms: &[FormCoefficients]) -> Tabel {
    Tabel {
        caption: "Enighed pr. vurderingsskema".to_owned(),
        class: "skemaer",
        columns: vec![
            text("Vurderingsskema"),
            num("Bedømmelser"),
            num("Procentvis enighed"),
            num("Gwets AC1"),
            num("Fleiss' κ"),
            num("Krippendorffs α"),
        ],
        rows: forms
            .iter()
            .map(|f| {
                let c = &f.coefficients;
                vec![
                    celle(f.titel.as_str()),
                    celle(c.n_ratings.to_string()),
                    celle(or_dash(c.percent_agreement.value, percent)),
                    celle(optional(c.gwet_ac1.value, 2)),
                    celle(optional(c.fleiss_kappa.value, 2)),
                    celle(optional(c.krippendorff_alpha.value, 2)),
                ]
            })
            .collect(),
    }
}

/// The note under the per-item table: what the mark means, referring to the one explanation of the κ
/// paradox in the appendix's introduction.
pub(super) const PARADOX_NOTE: &str = "Ved punkter mærket »κ-paradoks« er κ langt lavere end AC1, selv \
    om bedømmerne for det meste er enige (κ-paradokset; se forklaringen i indledningen til \
    kalibreringsbilaget).";

/// Agreement per item, the least first.
pub(super) fn items_tabel(s: &ScaleAnalysis) -> Tabel {
    Tabel {
        caption: "Enighed pr. indikator og punkt, den laveste enighed først".to_owned(),
        class: "punkter",
        columns: vec![
            text("Punkt"),
            text("Vurderingsskema"),
            num("Bedømmelser"),
            num("Procentvis enighed"),
            num("Gwets AC1"),
            num("95 %-interval for AC1"),
            num("Fleiss' κ"),
        ],
        rows: s
            .items
            .iter()
            .map(|it| {
                let c = &it.coefficients;
                vec![
                    Celle::Punkt {
                        indikator: it.indikator.clone(),
                        tekst: it.tekst.clone(),
                        paradoks: it.paradox.is_some(),
                    },
                    celle(it.form.as_str()),
                    celle(c.n_ratings.to_string()),
                    celle(or_dash(c.percent_agreement.value, percent)),
                    celle(optional(c.gwet_ac1.value, 2)),
                    celle(or_dash(c.gwet_ac1.ci95, |ci| interval(ci, 2))),
                    celle(optional(c.fleiss_kappa.value, 2)),
                ]
            })
            .collect(),
    }
}

/// The note under the per-item table, when an item is in the κ paradox.
pub(super) fn paradox_note(s: &ScaleAnalysis) -> Option<&'static str> {
    s.items
        .iter()
        .any(|it| it.paradox.is_some())
        .then_some(PARADOX_NOTE)
}

fn items(s: &ScaleAnalysis) -> Markup {
    html! {
        (tables::html(&items_tabel(s)))
        @if let Some(note) = paradox_note(s) { p.muted.note { (note) } }
    }
}

/// What is said when the scale has no order, so no severity.
pub(super) const NO_SEVERITY: &str =
    "Skalaen er ikke ordnet, så bedømmernes strenghed kan ikke beregnes.";

/// Rater severity and the tilsyn's mean severity; `None` when the scale has no order.
pub(super) fn severity_tabeller(s: &ScaleAnalysis) -> Option<[Tabel; 2]> {
    if !s.raters.iter().any(|r| r.severity.is_some()) {
        return None;
    }
    let raters = Tabel {
        caption: "Bedømmernes strenghed (negativ: strengere, positiv: mildere end kollegerne)"
            .to_owned(),
        class: "strenghed",
        columns: vec![
            text("Bedømmer"),
            text("Tilsyn"),
            num("Bedømmelser"),
            num("Gennemsnit"),
            num("Strenghed"),
            num("95 %-interval"),
        ],
        rows: s
            .raters
            .iter()
            .map(|r| {
                vec![
                    celle(r.navn.as_str()),
                    celle(r.tilsyn.map_or("–", |t| t.navn())),
                    celle(r.n.to_string()),
                    celle(optional(r.mean, 2)),
                    celle(or_dash(r.severity, |v| signed(v, 2))),
                    celle(or_dash(r.severity_ci95, |ci| interval(ci, 2))),
                ]
            })
            .collect(),
    };
    let effects = Tabel {
        caption: "Tilsynenes gennemsnitlige strenghed".to_owned(),
        class: "tilsynseffekter",
        columns: vec![
            text("Socialtilsyn"),
            num("Bedømmere"),
            num("Bedømmelser"),
            num("Gennemsnitlig strenghed"),
        ],
        rows: s
            .tilsyn_effects
            .iter()
            .map(|e| {
                vec![
                    celle(e.navn.as_str()),
                    celle(e.raters.to_string()),
                    celle(e.n_ratings.to_string()),
                    celle(or_dash(e.mean_severity, |v| signed(v, 2))),
                ]
            })
            .collect(),
    };
    Some([raters, effects])
}

fn severity(s: &ScaleAnalysis) -> Markup {
    html! {
        @match severity_tabeller(s) {
            Some(tabeller) => @for t in &tabeller { (tables::html(t)) },
            None => p.muted { (NO_SEVERITY) },
        }
    }
}

/// Agreement between and within the tilsyn; `None` when no pair was compared.
pub(super) fn pairs_tabel(s: &ScaleAnalysis) -> Option<Tabel> {
    (!s.tilsyn_pairs.is_empty()).then(|| Tabel {
        caption: "Enighed mellem og inden for socialtilsynene".to_owned(),
        class: "tilsynspar",
        columns: vec![
            text("Tilsyn"),
            num("Sammenligninger"),
            num("Procentvis enighed"),
            num("Cohens κ"),
        ],
        rows: s
            .tilsyn_pairs
            .iter()
            .map(|p| {
                let navn = if p.a == p.b {
                    format!("Inden for {}", p.a.navn())
                } else {
                    format!("{} – {}", p.a.navn(), p.b.navn())
                };
                vec![
                    celle(navn),
                    celle(p.n.to_string()),
                    celle(or_dash(p.percent_agreement.value, percent)),
                    celle(optional(p.cohen_kappa.value, 2)),
                ]
            })
            .collect(),
    })
}

fn pairs(s: &ScaleAnalysis) -> Markup {
    html! {
        @if let Some(t) = pairs_tabel(s) { (tables::html(&t)) }
    }
}

/// Round 1 against round 2 on the same paired ratings.
pub(super) fn rounds_tabel(r: &RoundComparison) -> Tabel {
    Tabel {
        caption: format!(
            "Runde 1 og runde 2 på de samme {} parrede bedømmelser",
            r.paired_ratings
        ),
        class: "runder",
        columns: vec![text("Mål"), num("Runde 1"), num("Runde 2"), num("Ændring")],
        rows: round_rows(r)
            .iter()
            .map(|row| {
                let reading = reading(row.key, row.percent);
                let change = if row.percent {
                    or_dash(row.change, percentage_points)
                } else {
                    or_dash(row.change, |v| signed(v, 2))
                };
                vec![
                    Celle::Raekkeoverskrift(row.name.to_owned()),
                    celle(value_text(row.first, reading)),
                    celle(value_text(row.second, reading)),
                    celle(change),
                ]
            })
            .collect(),
    }
}

/// How many ratings were kept and changed between the rounds.
pub(super) fn rounds_text(r: &RoundComparison) -> String {
    let mut t = format!(
        "{} bedømmelser blev fastholdt og {} ændret",
        r.unchanged, r.changed
    );
    if r.raised + r.lowered > 0 {
        t.push_str(&format!(" ({} hævet, {} sænket)", r.raised, r.lowered));
    }
    t.push('.');
    t
}

fn rounds(r: &RoundComparison) -> Markup {
    html! {
        (tables::html(&rounds_tabel(r)))
        p { (rounds_text(r)) }
        @for p in &r.interpretation { p { (p) } }
    }
}
