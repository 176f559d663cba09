//! A chart of signed deviations around a zero line, drawn on the server as SVG: rater severity as dots
//! with their 95 % intervals, or tilsyn effects as bars from zero. Negative is harsher than the
//! colleagues (left, orange), positive milder (right, blue). The chart is an `<svg role="img">` with a
//! title and a description; the page puts the same numbers in a table beside it.

use audit::danske_tal::{decimal, signed};
use maud::{Markup, html};

/// One row of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviationRow {
    /// The label on the left ("Konsulent Midt 1 (Midt)").
    pub label: String,
    /// The deviation.
    pub value: f64,
    /// Its 95 % interval, if any.
    pub interval: Option<[f64; 2]>,
    /// Whether to draw the row emphasised (the viewer's own).
    pub highlight: bool,
}

const LABEL_W: f64 = 280.0;
const PLOT_W: f64 = 480.0;
const ROW_H: f64 = 22.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 42.0;
const NEGATIVE: &str = "#B35806";
const POSITIVE: &str = "#0072B2";

/// A half-width for the axis that holds every value and interval end, rounded up to a round step, and
/// that step.
fn axis(rows: &[DeviationRow]) -> (f64, f64) {
    let largest = rows
        .iter()
        .flat_map(|r| {
            let mut v = vec![r.value.abs()];
            if let Some([lo, hi]) = r.interval {
                v.extend([lo.abs(), hi.abs()]);
            }
            v
        })
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max)
        .max(0.05);
    let step = [0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0]
        .into_iter()
        .find(|s| largest / s <= 4.0)
        .unwrap_or(10.0);
    // A hair below the division, so that 0,3/0,1 = 2,9999… does not round up to four steps.
    ((largest / step - 1e-9).ceil() * step, step)
}

/// The chart of `rows` as an `<svg role="img">` with `id` as the prefix of its element ids. With `bars`
/// each value is a bar from zero, otherwise a dot with its interval as a whisker.
pub fn chart(id: &str, title: &str, rows: &[DeviationRow], bars: bool) -> Markup {
    let (half, step) = axis(rows);
    let x = |v: f64| LABEL_W + (v.clamp(-half, half) + half) / (2.0 * half) * PLOT_W;
    let width = LABEL_W + PLOT_W + 60.0;
    let plot_h = rows.len() as f64 * ROW_H;
    let height = TOP + plot_h + BOTTOM;
    let ticks: Vec<f64> = {
        let n = (half / step).round() as i64;
        (-n..=n).map(|i| i as f64 * step).collect()
    };
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-beskrivelse");
    // Two decimals say every round step but 0,025.
    let decimals = if step < 0.05 { 3 } else { 2 };
    html! {
        svg.deviation-chart role="img"
            width=(width) height=(height) viewBox=(format!("0 0 {width} {height}"))
            aria-labelledby=(format!("{title_id} {desc_id}")) {
            title id=(title_id) { (title) }
            desc id=(desc_id) {
                "Afvigelse fra kollegernes bedømmelser af de samme enheder; under nul er strengere, over nul mildere. "
                @for r in rows {
                    (r.label) ": " (signed(r.value, 2))
                    @if let Some(ci) = r.interval { " (95 %-interval " (decimal(ci[0], 2)) " til " (decimal(ci[1], 2)) ")" }
                    ". "
                }
            }
            @for t in &ticks {
                line x1=(x(*t)) x2=(x(*t)) y1=(TOP) y2=(TOP + plot_h) stroke="#d9dde1" stroke-width="1" {}
                text x=(x(*t)) y=(TOP + plot_h + 14.0) font-size="10" text-anchor="middle" { (signed(*t, decimals)) }
            }
            line.zero x1=(x(0.0)) x2=(x(0.0)) y1=(TOP - 4.0) y2=(TOP + plot_h + 2.0) stroke="#1a1a1a" stroke-width="1.5" {}
            text x=(x(-half)) y=(TOP + plot_h + 32.0) font-size="11" { "← strengere end kollegerne" }
            text x=(x(half)) y=(TOP + plot_h + 32.0) font-size="11" text-anchor="end" { "mildere end kollegerne →" }
            @for (i, r) in rows.iter().enumerate() {
                @let cy = TOP + i as f64 * ROW_H + ROW_H / 2.0;
                @let colour = if r.value < 0.0 { NEGATIVE } else { POSITIVE };
                @if r.highlight {
                    rect x="0" y=(cy - ROW_H / 2.0) width=(width) height=(ROW_H) fill="#fff3cd" {}
                }
                text x=(LABEL_W - 8.0) y=(cy + 4.0) font-size="11" text-anchor="end"
                    font-weight=[r.highlight.then_some("bold")] { (r.label) }
                @if bars {
                    @let (a, b) = (x(0.0).min(x(r.value)), x(0.0).max(x(r.value)));
                    rect x=(a) y=(cy - 6.0) width=((b - a).max(1.0)) height="12" fill=(colour) {}
                } @else {
                    @if let Some([lo, hi]) = r.interval {
                        line x1=(x(lo)) x2=(x(hi)) y1=(cy) y2=(cy) stroke=(colour) stroke-width="2" {}
                        line x1=(x(lo)) x2=(x(lo)) y1=(cy - 4.0) y2=(cy + 4.0) stroke=(colour) stroke-width="2" {}
                        line x1=(x(hi)) x2=(x(hi)) y1=(cy - 4.0) y2=(cy + 4.0) stroke=(colour) stroke-width="2" {}
                    }
                    circle cx=(x(r.value)) cy=(cy) r=(if r.highlight { "6" } else { "4.5" }) fill=(colour)
                        stroke="#000000" stroke-width=(if r.highlight { "2" } else { "0.5" }) {}
                }
                text x=(LABEL_W + PLOT_W + 6.0) y=(cy + 4.0) font-size="11" { (signed(r.value, 2)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(value: f64, interval: Option<[f64; 2]>) -> DeviationRow {
        DeviationRow {
            label: "x".to_owned(),
            value,
            interval,
            highlight: false,
        }
    }

    #[test]
    fn the_axis_holds_every_value_and_interval() {
        let (half, step) = axis(&[row(0.12, None), row(-0.3, None)]);
        assert!(
            (half - 0.3).abs() < 1e-12 && (step - 0.1).abs() < 1e-12,
            "{half} {step}"
        );
        assert_eq!(axis(&[row(0.1, Some([-0.9, 1.2]))]), (1.5, 0.5));
        assert_eq!(
            axis(&[row(0.0, None)]),
            (0.05, 0.025),
            "never an empty axis"
        );
    }

    #[test]
    fn the_chart_has_a_zero_line_a_title_and_decimal_commas() {
        let svg = chart(
            "s",
            "Strenghed",
            &[row(-0.25, Some([-0.4, -0.1])), row(0.1, None)],
            false,
        )
        .into_string();
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"<title id="s-titel">Strenghed</title>"#));
        assert!(svg.contains(r#"class="zero""#));
        assert!(svg.contains("−0,25"), "{svg}");
        assert!(svg.contains("95 %-interval −0,40 til −0,10"), "{svg}");
        // Inline SVG in HTML has no void elements: every shape is closed, or the next would nest in it.
        for shape in ["line", "circle", "rect"] {
            assert_eq!(
                svg.matches(&format!("<{shape} ")).count(),
                svg.matches(&format!("</{shape}>")).count(),
                "{shape}"
            );
        }
    }
}
