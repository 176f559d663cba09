//! Running text: blocks of paragraphs and lists, a paragraph text split on blank lines, and numbered
//! headings. Numbers are written by `audit::danske_tal`.

use audit::report::Blok;
use audit::report::document::Overskrift;
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
