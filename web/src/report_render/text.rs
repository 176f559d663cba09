//! Running text and numbers: blocks of paragraphs and lists, a paragraph text split on blank lines,
//! and numbers, percentages and intervals the Danish way ("0,74", "90 %", "0,61–0,85").

use audit::report::Blok;
use audit::report::document::Overskrift;
use audit::report::sprog::{decimaltal, procent};
use maud::{Markup, html};

/// The blocks of a section.
pub(super) fn blokke(blokke: &[Blok]) -> Markup {
    html! {
        @for b in blokke {
            @match b {
                Blok::Afsnit(t) => (afsnit(t)),
                Blok::Punkter(p) => ul { @for x in p { li { (x) } } },
                Blok::Nummereret(p) => ol { @for x in p { li { (x) } } },
            }
        }
    }
}

/// A text as paragraphs: one per block separated by a blank line.
pub(super) fn afsnit(tekst: &str) -> Markup {
    html! {
        @for p in tekst.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p { (p) }
        }
    }
}

/// A numbered heading at the level its number gives (1 → `h2`, 2 → `h3`, 3 and below → `h4`), with
/// its anchor.
pub(super) fn overskrift(o: &Overskrift) -> Markup {
    let tekst = html! { span.nummer { (o.nummer) } " " (o.tekst) };
    html! {
        @match o.niveau() {
            1 => h2 id=(o.anker) { (tekst) },
            2 => h3 id=(o.anker) { (tekst) },
            _ => h4 id=(o.anker) { (tekst) },
        }
    }
}

/// A coefficient or mean with two decimals, or a dash.
pub(super) fn tal(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| decimaltal(v, 2))
}

/// A share as a percentage, or a dash.
pub(super) fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), procent)
}

/// A 95 % interval "0,61–0,85" (with a proper minus for negative bounds), or a dash.
pub(super) fn interval(ci: Option<[f64; 2]>) -> String {
    match ci {
        Some([lo, hi]) => format!("{} til {}", decimaltal(lo, 2), decimaltal(hi, 2)),
        None => "–".to_owned(),
    }
}

/// A signed number with two decimals ("+0,12", "-0,05"), or a dash.
pub(super) fn fortegn(v: Option<f64>) -> String {
    match v {
        Some(v) if (v * 100.0).round() > 0.0 => format!("+{}", decimaltal(v, 2)),
        Some(v) => decimaltal(v, 2),
        None => "–".to_owned(),
    }
}

/// A change of a share in whole percentage points ("+13 procentpoint"), or a dash.
pub(super) fn procentpoint(v: Option<f64>) -> String {
    match v {
        Some(v) => {
            let points = (v * 100.0).round();
            let tekst = decimaltal(points, 0);
            if points > 0.0 {
                format!("+{tekst} procentpoint")
            } else {
                format!("{tekst} procentpoint")
            }
        }
        None => "–".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{fortegn, interval, pct, tal};

    #[test]
    fn numbers_are_written_the_danish_way() {
        assert_eq!(tal(Some(0.7449)), "0,74");
        assert_eq!(tal(None), "–");
        assert_eq!(pct(Some(0.9)), "90 %");
        assert_eq!(interval(Some([0.61, 0.853])), "0,61 til 0,85");
        assert_eq!(fortegn(Some(0.123)), "+0,12");
        assert_eq!(fortegn(Some(-0.05)), "-0,05");
    }
}
