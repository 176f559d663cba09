//! Section 7, Bilag: the report's own annexes (20.1's overview of each tilsyn's organisation), the
//! calibration appendix and a spider web (spindelvæv) per material with indicator scores.

use audit::report::MaterialeSpindelvaev;
use audit::report::Rapport;
use audit::report::bilag::Scorekilde;
use maud::{Markup, html};

use super::calibration;
use super::tables::{Celle, Tabel, celle};
use super::text::{afsnit, noter, overskrift};
use crate::components::spindelvaev::{Eger, spindelvaev};
use crate::components::table::{num, text};

/// Section 7.
pub(super) fn bilag(r: &Rapport) -> Markup {
    let b = &r.bilag;
    html! {
        section.sektion.bilag aria-labelledby=(b.overskrift.anker) {
            (overskrift(&b.overskrift))
            @for eget in &b.bilag {
                section.sektion aria-labelledby=(eget.overskrift.anker) {
                    (overskrift(&eget.overskrift))
                    @for a in &eget.afsnit {
                        div.bilagsafsnit {
                            h4 {
                                @if let Some(t) = a.tilsyn { (t.fulde_navn()) ": " }
                                (a.overskrift)
                            }
                            @for p in &a.afsnit { (afsnit(p)) }
                        }
                    }
                }
            }
            (noter(r, &b.overskrift.anker))
            section.sektion.kalibrering aria-labelledby=(b.kalibrering_overskrift.anker) {
                (overskrift(&b.kalibrering_overskrift))
                @if let Some(note) = &b.syntetisk {
                    p.notice.syntetisk role="note" { (note) }
                }
                (calibration::appendix(&b.kalibrering))
            }
            @if let Some(o) = &b.spindelvaev_overskrift {
                section.sektion aria-labelledby=(o.anker) {
                    (overskrift(o))
                    p { (SPINDELVAEV_FORKLARING) }
                    div.spindelvaev-gitter {
                        @for w in &b.spindelvaev {
                            @let kilde = kilde(w.kilde);
                            figure.spindelvaev {
                                @if let Some(fejl) = &w.fejl {
                                    p.muted { (fejl) }
                                } @else {
                                    @let eger: Vec<Eger<'_>> = w.punkter.iter().map(|p| Eger {
                                        navn: &p.navn,
                                        score: p.score,
                                        tekst: p.score_tekst.as_deref(),
                                    }).collect();
                                    (spindelvaev(&format!("Spindelvæv for {}, {kilde}", w.pseudonym), &eger))
                                    @let t = spindel_tabel(w);
                                    // The same frame as the table component, with a caption for screen readers only.
                                    table.spindel-tal {
                                        caption.visually-hidden { (t.caption) }
                                        thead { tr { @for c in &t.columns { th class=[c.class] scope="col" { (c.heading) } } } }
                                        tbody {
                                            @for row in &t.rows {
                                                tr { @for (c, col) in row.iter().zip(&t.columns) {
                                                    td class=[col.class] { @if let Celle::Tekst(x) = c { (x) } }
                                                } }
                                            }
                                        }
                                    }
                                }
                                figcaption { (figurtekst(w)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the spider webs show, before them.
pub(super) const SPINDELVAEV_FORKLARING: &str = "Spindelvævene viser temaernes scorer (gennemsnittet af \
    kriteriernes, der er gennemsnittet af indikatorernes) på driftsskalaen fra 1 til 5, for hvert materiale \
    med indikatorscorer: tilsynets egne scorer og, hvor panelet bedømte indikatorerne på driftsskalaen, \
    panelets gennemsnitlige bedømmelse i runde 1.";

/// Where a spider web's scores come from, in words.
pub(super) fn kilde(k: Scorekilde) -> &'static str {
    match k {
        Scorekilde::Tilsynet => "tilsynets egne scorer",
        Scorekilde::Panelet => "panelets gennemsnit i runde 1",
    }
}

/// A spider web's caption: the material, its tilsyn and where the scores come from.
pub(super) fn figurtekst(w: &MaterialeSpindelvaev) -> String {
    format!(
        "{} ({}): {}",
        w.pseudonym,
        w.tilsyn.fulde_navn(),
        kilde(w.kilde)
    )
}

/// The spider web's numbers: each tema with its score.
pub(super) fn spindel_tabel(w: &MaterialeSpindelvaev) -> Tabel {
    Tabel {
        caption: format!("Temascorer for {}, {}", w.pseudonym, kilde(w.kilde)),
        class: "spindel-tal",
        columns: vec![text("Tema"), num("Score")],
        rows: w
            .punkter
            .iter()
            .map(|p| {
                vec![
                    celle(p.navn.as_str()),
                    celle(p.score_tekst.as_deref().unwrap_or("–")),
                ]
            })
            .collect(),
    }
}
