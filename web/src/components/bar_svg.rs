//! Small bar charts drawn on the server as SVG: a stacked bar of how often each answer was given (beside
//! a table that carries the numbers, so the bar is decoration for screen readers), with one segment
//! outlined when it holds the viewer's own answer.

use maud::{Markup, html};

use super::palette::Swatch;

/// Width and height of a stacked bar.
const WIDTH: f64 = 160.0;
const HEIGHT: f64 = 16.0;

/// A horizontal bar split into `counts` (in scale order) coloured by `colours`; the segment at
/// `highlight` gets a thick outline. Hidden from screen readers: the numbers are in the text beside it.
pub fn stacked(counts: &[usize], colours: &[Swatch], highlight: Option<usize>) -> Markup {
    let total: usize = counts.iter().sum();
    let mut x = 0.0;
    let mut segments = Vec::new();
    for (i, &count) in counts.iter().enumerate() {
        if count == 0 || total == 0 {
            continue;
        }
        let w = WIDTH * count as f64 / total as f64;
        segments.push((i, x, w, count));
        x += w;
    }
    html! {
        svg.stacked-bar width=(WIDTH + 4.0) height=(HEIGHT + 4.0)
            viewBox=(format!("-2 -2 {} {}", WIDTH + 4.0, HEIGHT + 4.0)) aria-hidden="true" focusable="false" {
            rect x="0" y="0" width=(WIDTH) height=(HEIGHT) fill="#ffffff" stroke="#767676" stroke-width="0.5" {}
            @for (i, x, w, count) in &segments {
                @let swatch = colours.get(*i).copied().unwrap_or(Swatch { fill: "#BBBBBB", ink: "#000000" });
                rect x=(x) y="0" width=(w) height=(HEIGHT) fill=(swatch.fill) stroke="#ffffff" stroke-width="0.5" {}
                @if *w >= 14.0 {
                    text x=(x + w / 2.0) y=(HEIGHT - 4.0) font-size="10" text-anchor="middle" fill=(swatch.ink) { (count) }
                }
            }
            @for (i, x, w, _) in &segments {
                @if highlight == Some(*i) {
                    rect.own x=(x + 1.0) y="1" width=((w - 2.0).max(1.0)) height=(HEIGHT - 2.0)
                        fill="none" stroke="#000000" stroke-width="2.5" {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::palette::swatches;

    #[test]
    fn segments_are_proportional_and_the_own_one_is_outlined() {
        let svg = stacked(&[1, 3, 0], &swatches(3, true), Some(1)).into_string();
        // 1 of 4 → 40 units wide, 3 of 4 → 120; the empty category draws nothing.
        assert!(
            svg.contains(r##"<rect x="0" y="0" width="40" height="16" fill="#F1A340""##),
            "{svg}"
        );
        assert!(
            svg.contains(r##"<rect x="40" y="0" width="120" height="16" fill="#F7F7F7""##),
            "{svg}"
        );
        assert_eq!(svg.matches(r#"class="own""#).count(), 1);
        // Inline SVG in HTML has no void elements: every shape is closed, or the next would nest in it.
        assert_eq!(svg.matches("<rect").count(), svg.matches("</rect>").count());
    }
}
