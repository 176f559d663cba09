//! Section 7, Bilag: the report's own annexes (20.1's overview of each tilsyn's organisation), the
//! calibration appendix and a spider web (spindelvæv) per material with indicator scores.

use audit::report::Rapport;
use audit::report::bilag::Scorekilde;
use maud::{Markup, html};

use super::calibration;
use super::text::{afsnit, noter, overskrift};
use crate::components::spindelvaev::{Eger, spindelvaev};

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
                    p {
                        "Spindelvævene viser temaernes scorer (gennemsnittet af kriteriernes, der er gennemsnittet af "
                        "indikatorernes) på driftsskalaen fra 1 til 5, for hvert materiale med indikatorscorer: "
                        "tilsynets egne scorer og, hvor panelet bedømte indikatorerne på driftsskalaen, panelets "
                        "gennemsnitlige bedømmelse i runde 1."
                    }
                    div.spindelvaev-gitter {
                        @for w in &b.spindelvaev {
                            @let kilde = match w.kilde {
                                Scorekilde::Tilsynet => "tilsynets egne scorer",
                                Scorekilde::Panelet => "panelets gennemsnit i runde 1",
                            };
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
                                    table.spindel-tal {
                                        caption.visually-hidden { "Temascorer for " (w.pseudonym) ", " (kilde) }
                                        thead { tr { th scope="col" { "Tema" } th.num scope="col" { "Score" } } }
                                        tbody {
                                            @for p in &w.punkter {
                                                tr { td { (p.navn) } td.num { (p.score_tekst.as_deref().unwrap_or("–")) } }
                                            }
                                        }
                                    }
                                }
                                figcaption { (w.pseudonym) " (" (w.tilsyn.fulde_navn()) "): " (kilde) }
                            }
                        }
                    }
                }
            }
        }
    }
}
