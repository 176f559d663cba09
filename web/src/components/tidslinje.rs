//! A case timeline (sagsforløb) drawn on the server as SVG: the dated steps on a time axis in days from
//! the first concern, numbered, with the same steps as an ordered list beside it as the text
//! alternative. Every SVG element is closed explicitly (`<line …></line>`): inside HTML, an SVG element
//! written like an HTML void element would swallow the elements after it. Drawn from numbers and the domain's fixed step labels only; the notes typed from the
//! process description appear in the list, escaped by maud like all text.

use audit::sagsforloeb::{Sagsforloeb, Skridtart};
use maud::{Markup, html};

use crate::components::DanishDate;

const WIDTH: f64 = 760.0;
const MARGIN: f64 = 24.0;
const AXIS_Y: f64 = 78.0;

/// The days from the case's start (its first concern) to each step.
pub fn offsets(forloeb: &Sagsforloeb) -> Vec<i64> {
    let start = forloeb.start().dato;
    forloeb
        .skridt()
        .iter()
        .map(|s| (s.dato - start).whole_days())
        .collect()
}

fn class_of(art: Skridtart) -> &'static str {
    if art.er_bekymring() {
        "bekymring"
    } else if art.er_dialogmoede() {
        "dialogmoede"
    } else if art == Skridtart::Agterskrivelse {
        "agterskrivelse"
    } else if art.er_paabud() {
        "paabud"
    } else {
        "andet"
    }
}

/// The timeline of `forloeb` on an axis from `from` to `to` days (shared by every case of a page, so that
/// lengths compare); `id` makes the element ids unique on the page.
pub fn timeline(forloeb: &Sagsforloeb, from: i64, to: i64, id: &str) -> Markup {
    let span = (to - from).max(1) as f64;
    let x = |d: i64| MARGIN + (d - from) as f64 / span * (WIDTH - 2.0 * MARGIN);
    let days = offsets(forloeb);
    let ticks: Vec<i64> = {
        let step = if to - from > 400 { 90 } else { 30 };
        let first = (from as f64 / step as f64).ceil() as i64 * step;
        (0..)
            .map(|i| first + i * step)
            .take_while(|d| *d <= to)
            .collect()
    };
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-beskrivelse");
    let list_id = format!("{id}-skridt");
    let last = days.last().copied().unwrap_or(0);
    html! {
        figure.timeline {
            svg role="img" viewBox=(format!("0 0 {WIDTH} 120"))
                width="100%" aria-labelledby=(format!("{title_id} {desc_id}")) {
                title id=(title_id) { "Tidslinje for " (forloeb.sag()) }
                desc id=(desc_id) {
                    (forloeb.skridt().len()) " skridt over " (last) " dage fra den første bekymring. "
                    "Skridtene står som nummereret liste under figuren."
                }
                line.axis x1=(fmt(x(from))) y1=(AXIS_Y) x2=(fmt(x(to))) y2=(AXIS_Y) stroke="currentColor" {}
                @for d in &ticks {
                    line.tick x1=(fmt(x(*d))) y1=(AXIS_Y) x2=(fmt(x(*d))) y2=(AXIS_Y + 5.0) stroke="currentColor" {}
                    text x=(fmt(x(*d))) y=(AXIS_Y + 18.0) text-anchor="middle" font-size="11" { (d) }
                }
                text x=(fmt(WIDTH - MARGIN)) y="114" text-anchor="end" font-size="11" { "dage fra første bekymring" }
                @for (i, (s, d)) in forloeb.skridt().iter().zip(&days).enumerate() {
                    @let cx = x(*d);
                    @let label_y = if i % 2 == 0 { AXIS_Y - 16.0 } else { AXIS_Y - 34.0 };
                    g class=(format!("step {}", class_of(s.art))) {
                        line x1=(fmt(cx)) y1=(fmt(label_y + 4.0)) x2=(fmt(cx)) y2=(AXIS_Y) stroke="currentColor" stroke-width="0.5" {}
                        circle cx=(fmt(cx)) cy=(AXIS_Y) r="6" {}
                        text x=(fmt(cx)) y=(fmt(label_y)) text-anchor="middle" font-size="12" font-weight="700" { (i + 1) }
                    }
                }
            }
            figcaption {
                ol.steps-list id=(list_id) {
                    @for (s, d) in forloeb.skridt().iter().zip(&days) {
                        li class=(class_of(s.art)) {
                            (DanishDate(s.dato)) " (dag " (d) "): " strong { (s.art.etiket()) }
                            @if let Skridtart::Paabud { frist } = s.art { ", frist " (DanishDate(frist)) }
                            @if let Some(note) = &s.note { " – " (note) }
                        }
                    }
                }
            }
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
