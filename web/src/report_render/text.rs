//! Running text: blocks of paragraphs and lists, a paragraph text split on blank lines, the
//! footnote references and quotations of the written text (`audit::report::fodnoter`), a main
//! section's notes, and numbered headings. Numbers are written by `audit::danske_tal`.

use audit::report::document::Overskrift;
use audit::report::fodnoter::{Tekstdel, citat, dele};
use audit::report::{Blok, Rapport};
use maud::{Markup, html};

/// The blocks of a section.
pub(super) fn blokke(blokke: &[Blok]) -> Markup {
    html! {
        @for b in blokke {
            @match b {
                Blok::Afsnit(t) => (afsnit(t)),
                Blok::Punkter(p) => (punkter(p)),
                Blok::Nummereret(p) => ol { @for x in p { li { (tekst(x)) } } },
            }
        }
    }
}

/// A bullet list, or nothing for no points.
pub(super) fn punkter(punkter: &[String]) -> Markup {
    html! {
        @if !punkter.is_empty() { ul { @for x in punkter { li { (tekst(x)) } } } }
    }
}

/// A text as paragraphs, one per block separated by a blank line; a paragraph marked as a quotation
/// is set as one.
pub(super) fn afsnit(t: &str) -> Markup {
    html! {
        @for p in t.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            @match citat(p) {
                Some(c) => blockquote.citat { p { (tekst(c)) } },
                None => p { (tekst(p)) },
            }
        }
    }
}

/// A text with its footnote references as superscript links to the notes.
pub(super) fn tekst(t: &str) -> Markup {
    html! {
        @for d in dele(t) {
            @match d {
                Tekstdel::Tekst(t) => (t),
                Tekstdel::Fodnote(n) => sup.fodnote-ref {
                    a href=(format!("#fodnote-{n}")) id=(format!("fodnote-ref-{n}")) aria-label=(format!("Fodnote {n}")) { (n) }
                },
            }
        }
    }
}

/// The footnotes whose references stand in the main section `anker`, printed at its end.
pub(super) fn noter(r: &Rapport, anker: &str) -> Markup {
    let noter: Vec<_> = r.fodnoter.iter().filter(|f| f.afsnit == anker).collect();
    html! {
        @if !noter.is_empty() {
            aside.fodnoter aria-label="Noter" {
                ol {
                    @for f in noter {
                        li id=(format!("fodnote-{}", f.nummer)) value=(f.nummer) {
                            (f.tekst) " "
                            a.tilbage href=(format!("#fodnote-ref-{}", f.nummer)) aria-label="Tilbage til teksten" { "↩" }
                        }
                    }
                }
            }
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
