//! The spider web (spindelvæv) of tema scores as an inline SVG, drawn on the server from numbers: one
//! spoke per tema, rings at 1–5 on the operation scale, the scored temaer joined as a polygon with
//! each score written beside its point. Only presentation attributes, no `style`, so it renders under
//! the application's Content-Security-Policy and in the standalone report file alike.

use std::fmt::Write as _;

use maud::{Markup, PreEscaped, html};

/// The scale's top: the operation scale runs from 1 to 5.
const MAKS: f64 = 5.0;
const BREDDE: f64 = 560.0;
const HOEJDE: f64 = 430.0;
const CX: f64 = 280.0;
const CY: f64 = 215.0;
const RADIUS: f64 = 140.0;

/// One spoke: a tema's name and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eger<'a> {
    /// The tema's name.
    pub navn: &'a str,
    /// Its score on 1–5; `None` when none of its indicators is scored.
    pub score: Option<f64>,
    /// The score written the Danish way ("3,5").
    pub tekst: Option<&'a str>,
}

fn punkt(i: usize, n: usize, r: f64) -> (f64, f64) {
    let vinkel = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    (CX + r * vinkel.cos(), CY + r * vinkel.sin())
}

/// Escapes text for SVG; the names come from the quality model, but nothing is trusted.
fn esc(tekst: &str) -> String {
    let mut out = String::with_capacity(tekst.len());
    for c in tekst.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Splits a name into lines of at most `bredde` characters at spaces.
fn linjer(navn: &str, bredde: usize) -> Vec<String> {
    let mut ud: Vec<String> = Vec::new();
    for ord in navn.split_whitespace() {
        match ud.last_mut() {
            Some(l) if l.chars().count() + 1 + ord.chars().count() <= bredde => {
                l.push(' ');
                l.push_str(ord);
            }
            _ => ud.push(ord.to_owned()),
        }
    }
    ud
}

/// The spider web of `eger`, labelled `titel` for screen readers.
pub fn spindelvaev(titel: &str, eger: &[Eger<'_>]) -> Markup {
    let n = eger.len().max(3);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg class="spindelvaev-svg" viewBox="0 0 {BREDDE} {HOEJDE}" role="img" aria-label="{t}"><title>{t}</title>"##,
        t = esc(titel)
    );
    // Rings at 1..5, with their values on the first spoke.
    for ring in 1..=5 {
        let r = RADIUS * f64::from(ring) / MAKS;
        let pts: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = punkt(i, n, r);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="#c7ccd1" stroke-width="1"/>"##,
            pts.join(" ")
        );
        let (x, y) = punkt(0, n, r);
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#4a4a4a">{ring}</text>"##,
            x + 4.0,
            y + 3.0
        );
    }
    for (i, e) in eger.iter().enumerate() {
        let (x, y) = punkt(i, n, RADIUS);
        let _ = write!(
            svg,
            r##"<line x1="{CX}" y1="{CY}" x2="{x:.1}" y2="{y:.1}" stroke="#c7ccd1" stroke-width="1"/>"##
        );
        let (lx, ly) = punkt(i, n, RADIUS + 16.0);
        let cos = (lx - CX) / (RADIUS + 16.0);
        let anchor = if cos > 0.25 {
            "start"
        } else if cos < -0.25 {
            "end"
        } else {
            "middle"
        };
        let lines = linjer(e.navn, 22);
        // Labels above the centre grow upwards, the others downwards.
        let start_y = if ly < CY {
            ly - 13.0 * (lines.len() as f64 - 1.0)
        } else {
            ly + 9.0
        };
        let _ = write!(
            svg,
            r##"<text x="{lx:.1}" y="{start_y:.1}" font-size="11" fill="#1a1a1a" text-anchor="{anchor}">"##
        );
        for (j, l) in lines.iter().enumerate() {
            let dy = if j == 0 { 0.0 } else { 13.0 };
            let _ = write!(svg, r##"<tspan x="{lx:.1}" dy="{dy}">{}</tspan>"##, esc(l));
        }
        svg.push_str("</text>");
    }
    let scored: Vec<(usize, f64, Option<&str>)> = eger
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.score.map(|s| (i, s.clamp(0.0, MAKS), e.tekst)))
        .collect();
    if !scored.is_empty() {
        let pts: Vec<String> = scored
            .iter()
            .map(|(i, s, _)| {
                let (x, y) = punkt(*i, n, RADIUS * s / MAKS);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="#14365d" fill-opacity="0.18" stroke="#14365d" stroke-width="2"/>"##,
            pts.join(" ")
        );
        for (i, s, tekst) in &scored {
            let (x, y) = punkt(*i, n, RADIUS * s / MAKS);
            let _ = write!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="#14365d"/><text x="{:.1}" y="{:.1}" font-size="11" font-weight="700" fill="#14365d">{}</text>"##,
                x + 6.0,
                y - 5.0,
                esc(tekst.unwrap_or(""))
            );
        }
    }
    svg.push_str("</svg>");
    // Our own SVG, built from numbers and escaped names above.
    html! { (PreEscaped(svg)) }
}

#[cfg(test)]
mod tests {
    use super::{Eger, linjer, spindelvaev};

    #[test]
    fn draws_one_spoke_per_tema_and_writes_the_scores() {
        let eger = [
            Eger {
                navn: "Uddannelse & beskæftigelse",
                score: Some(3.5),
                tekst: Some("3,5"),
            },
            Eger {
                navn: "Selvstændighed og relationer",
                score: Some(4.0),
                tekst: Some("4,0"),
            },
            Eger {
                navn: "Målgruppe, metoder og resultater",
                score: None,
                tekst: None,
            },
        ];
        let svg = spindelvaev("Spindelvæv for Sag A", &eger).into_string();
        assert_eq!(svg.matches("<line ").count(), 3);
        assert!(svg.contains(">3,5</text>") && svg.contains(">4,0</text>"));
        assert!(svg.contains(">Uddannelse &amp;</tspan>"));
        assert!(svg.contains(r#"aria-label="Spindelvæv for Sag A""#));
        assert!(!svg.contains("style="), "no style attributes under the CSP");
    }

    #[test]
    fn long_names_wrap_at_spaces() {
        assert_eq!(
            linjer("Målgruppe, metoder og resultater", 22),
            vec!["Målgruppe, metoder og", "resultater"]
        );
    }
}
