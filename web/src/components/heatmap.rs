//! The heatmap of an audit's ratings as an inline SVG: one row per unit (item × material), one
//! column per rater, each cell shaded by the value's place on the scale and carrying the value's
//! code, so that it reads in black and white too. Ratings of the rater's own tilsyn's material are
//! outlined. Drawn on the server from numbers, with presentation attributes only.

use std::fmt::Write as _;

use audit::calibration::Category;
use audit::calibration::heatmap::Heatmap;
use maud::{Markup, PreEscaped, html};

const CELLE: f64 = 22.0;
const ETIKET: f64 = 190.0;
const HOVED: f64 = 120.0;

/// Shades from light to dark blue; text turns white on the darker half (contrast above 4.5:1).
const FARVER: [&str; 5] = ["#eef3f8", "#c6d6e8", "#8fb0d3", "#4f7fb3", "#14365d"];

fn esc(tekst: &str) -> String {
    tekst
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn forkort(tekst: &str, maks: usize) -> String {
    if tekst.chars().count() <= maks {
        tekst.to_owned()
    } else {
        let mut s: String = tekst.chars().take(maks.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The shade of category index `i` of `n`.
fn farve(i: usize, n: usize) -> (&'static str, &'static str) {
    let trin = if n <= 1 {
        FARVER.len() - 1
    } else {
        i * (FARVER.len() - 1) / (n - 1)
    };
    let fyld = FARVER[trin.min(FARVER.len() - 1)];
    let tekst = if trin >= 3 { "#ffffff" } else { "#1a1a1a" };
    (fyld, tekst)
}

/// The heatmap of `h`, its shades following the order of `categories` (the scale's, lowest first).
pub fn heatmap(h: &Heatmap, categories: &[Category]) -> Markup {
    let bredde = ETIKET + CELLE * h.raters.len() as f64 + 10.0;
    let hoejde = HOVED + CELLE * h.rows.len() as f64 + 10.0;
    let mut svg = String::new();
    let beskrivelse = format!(
        "Heatmap over {} enheder og {} bedømmere; mørkere felt betyder en højere værdi på skalaen, en kant markerer bedømmelse af eget tilsyns materiale",
        h.rows.len(),
        h.raters.len()
    );
    let _ = write!(
        svg,
        r##"<svg class="heatmap-svg" viewBox="0 0 {bredde:.0} {hoejde:.0}" width="{bredde:.0}" role="img" aria-label="{b}"><title>{b}</title>"##,
        b = esc(&beskrivelse)
    );
    for (j, r) in h.raters.iter().enumerate() {
        let x = ETIKET + CELLE * j as f64 + CELLE / 2.0 + 4.0;
        let y = HOVED - 6.0;
        let navn = match r.tilsyn {
            Some(t) => format!("{} ({})", r.navn, t.navn()),
            None => r.navn.clone(),
        };
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="10" fill="#1a1a1a" transform="rotate(-60 {x:.1} {y:.1})">{}</text>"##,
            esc(&forkort(&navn, 26))
        );
    }
    for (i, row) in h.rows.iter().enumerate() {
        let y = HOVED + CELLE * i as f64;
        let etiket = match &row.pseudonym {
            Some(p) => format!("{} · {p}", row.item),
            None => row.item.to_string(),
        };
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#1a1a1a" text-anchor="end">{}</text>"##,
            ETIKET - 6.0,
            y + CELLE / 2.0 + 3.5,
            esc(&forkort(&etiket, 34))
        );
        for (j, v) in row.values.iter().enumerate() {
            let x = ETIKET + CELLE * j as f64;
            let own = row.own_tilsyn.get(j).copied().unwrap_or(false);
            let (kant, bredde_kant) = if own {
                ("#9b1c1c", 2.0)
            } else {
                ("#ffffff", 1.0)
            };
            match v {
                Some(code) => {
                    let i = categories
                        .iter()
                        .position(|c| c.code == Some(*code))
                        .unwrap_or(0);
                    let (fyld, tekst) = farve(i, categories.len());
                    let label = row.labels.get(j).cloned().flatten().unwrap_or_default();
                    let _ = write!(
                        svg,
                        r##"<rect x="{x:.1}" y="{y:.1}" width="{CELLE}" height="{CELLE}" fill="{fyld}" stroke="{kant}" stroke-width="{bredde_kant}"><title>{}</title></rect><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{tekst}">{code}</text>"##,
                        esc(&label),
                        x + CELLE / 2.0,
                        y + CELLE / 2.0 + 3.5
                    );
                }
                None => {
                    let _ = write!(
                        svg,
                        r##"<rect x="{x:.1}" y="{y:.1}" width="{CELLE}" height="{CELLE}" fill="#ffffff" stroke="#c7ccd1" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#4a4a4a">–</text>"##,
                        x + CELLE / 2.0,
                        y + CELLE / 2.0 + 3.5
                    );
                }
            }
        }
    }
    svg.push_str("</svg>");
    html! {
        figure.heatmap {
            div.heatmap-rul { (PreEscaped(svg)) }
            figcaption {
                "Værdier: "
                @for (i, c) in categories.iter().enumerate() {
                    @if i > 0 { "; " }
                    @if let Some(code) = c.code { (code) " = " }
                    (c.label)
                }
                ". Et tomt felt (–) er en manglende bedømmelse; en rød kant markerer bedømmelse af materiale fra bedømmerens eget tilsyn."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::farve;

    #[test]
    fn the_lowest_value_is_lightest_and_the_highest_darkest() {
        assert_eq!(farve(0, 2), ("#eef3f8", "#1a1a1a"));
        assert_eq!(farve(1, 2), ("#14365d", "#ffffff"));
        assert_eq!(farve(2, 5).0, "#8fb0d3");
    }
}
