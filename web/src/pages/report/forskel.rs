//! What changed in a version of the report against the one before it, as the version page and the
//! publish confirmation show it (the comparison is the domain's `audit::report::versionsforskel`).

use audit::report::{Aendring, Rapport, Versionsforskel, versionsforskel};
use maud::{Markup, html};
use store::reports::PublishedReport;

use crate::report_render::snapshot_rapport;

/// What changed from the frozen model of `forrige` to `ny`; `None` when `forrige` holds no model to
/// compare (a snapshot published before the model was frozen in it).
pub(super) fn mod_version(forrige: &PublishedReport, ny: &Rapport) -> Option<Versionsforskel> {
    snapshot_rapport(&forrige.content).map(|f| versionsforskel(&f, ny))
}

/// The changes as lists under `overskrift` (the heading says against which version).
pub(super) fn visning(overskrift: &str, forskel: Option<&Versionsforskel>) -> Markup {
    html! {
        section.versionsforskel aria-labelledby="versionsforskel" {
            h2 #versionsforskel { (overskrift) }
            @match forskel {
                None => p { "Den forrige version kan ikke sammenlignes: den blev offentliggjort, før rapportens data blev gemt med den." },
                Some(f) if f.er_tom() => p { "Intet er ændret i teksten." },
                Some(f) => {
                    (liste("Afsnit", &f.afsnit))
                    (liste("Anbefalinger", &f.anbefalinger))
                    (liste("Opfølgningstiltag", &f.tiltag))
                },
            }
        }
    }
}

fn liste(overskrift: &str, aendringer: &[Aendring]) -> Markup {
    html! {
        @if !aendringer.is_empty() {
            h3 { (overskrift) }
            ul {
                @for a in aendringer {
                    li data-aendring=(a.art.navn()) { (a.navn) " – " strong { (a.art.navn()) } }
                }
            }
        }
    }
}
