//! The compliance sample of the faglig udtalelse: `GET /audits/{nr}/stikproeve` shows the drawn sample
//! (with its seed), the compliance table tilsyn × requirement with counts, shares and Wilson 95 %
//! intervals (`audit::compliance::efterlevelsestabel`), and how far two checkers agree on the reports
//! both checked (`audit::compliance::tjekkerenighed`). `POST` (koordinator) draws a reproducible sample
//! from lists of report ids per tilsyn (`audit::compliance::udtraek`) and records it.
//!
//! The table and the agreement read only the ratings the viewer may see (`store::ratings::
//! ratings_visible_to`), and are shown only once the audit is revealed: before that they would be built
//! from the viewer's own answers or none.

use std::collections::BTreeMap;

use audit::compliance::{self, Celle, Efterlevelsestabel, StikproeveFejl};
use audit::danske_tal::percent;
use audit::{Audit, ItemKind, Materialetype, Tilsyn};
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};
use rand_core::{OsRng, RngCore};
use serde::Deserialize;
use store::compliance_samples::RecordedSample;

use crate::access::AuditPage;
use crate::auth::CurrentUser;
use crate::components::DanishDate;
use crate::components::form::{FieldErrors, csrf_field};
use crate::components::table::{Table, scroll_region, text};
use crate::error::AppError;
use crate::extract::Form;
use crate::layout;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/audits/{nr}/stikproeve", get(show).post(draw))
}

/// The draw form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct DrawForm {
    #[serde(default)]
    k: String,
    #[serde(default)]
    seed: String,
    #[serde(default)]
    rapporter_hovedstaden: String,
    #[serde(default)]
    rapporter_midt: String,
    #[serde(default)]
    rapporter_nord: String,
    #[serde(default)]
    rapporter_syd: String,
    #[serde(default)]
    rapporter_oest: String,
}

impl DrawForm {
    fn list(&self, tilsyn: Tilsyn) -> &str {
        match tilsyn {
            Tilsyn::Hovedstaden => &self.rapporter_hovedstaden,
            Tilsyn::Midt => &self.rapporter_midt,
            Tilsyn::Nord => &self.rapporter_nord,
            Tilsyn::Syd => &self.rapporter_syd,
            Tilsyn::Oest => &self.rapporter_oest,
        }
    }

    /// The audit's tilsynsrapporter per tilsyn, one per line, and k = the smallest count.
    fn prefilled(audit: &Audit) -> DrawForm {
        let ids = |t: Tilsyn| {
            audit
                .materials
                .iter()
                .filter(|m| m.tilsyn == t && m.kind == Materialetype::Tilsynsrapport)
                .map(|m| m.id.to_string())
                .collect::<Vec<_>>()
        };
        let k = Tilsyn::ALL
            .iter()
            .map(|t| ids(*t).len())
            .filter(|n| *n > 0)
            .min()
            .unwrap_or(1);
        DrawForm {
            k: k.to_string(),
            seed: String::new(),
            rapporter_hovedstaden: ids(Tilsyn::Hovedstaden).join("\n"),
            rapporter_midt: ids(Tilsyn::Midt).join("\n"),
            rapporter_nord: ids(Tilsyn::Nord).join("\n"),
            rapporter_syd: ids(Tilsyn::Syd).join("\n"),
            rapporter_oest: ids(Tilsyn::Oest).join("\n"),
        }
    }
}

/// `GET /audits/{nr}/stikproeve`.
async fn show(page: AuditPage) -> Result<Markup, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    let form = DrawForm::prefilled(&audit);
    render(&app, &user, &audit, &form, &FieldErrors::default()).await
}

async fn render(
    app: &AppState,
    user: &CurrentUser,
    audit: &Audit,
    form: &DrawForm,
    errors: &FieldErrors,
) -> Result<Markup, AppError> {
    let sample = store::compliance_samples::latest_sample(app.db(), &audit.nr).await?;
    let ratings = if audit.state.is_revealed() {
        store::ratings::ratings_visible_to(app.db(), audit, user.user()).await?
    } else {
        Vec::new()
    };
    let has_checklist = audit
        .forms
        .iter()
        .flat_map(|f| &f.items)
        .any(|i| i.kind == ItemKind::Tjekliste);
    Ok(layout::page(
        &format!("Stikprøve og efterlevelse – audit {}", audit.nr),
        Some(user),
        html! {
            p { a href=(format!("/audits/{}", audit.nr)) { "← " (audit.nr) " " (audit.titel) } }
            @if !has_checklist {
                p { "Dette auditforløb har ingen tjekliste, så der er ingen efterlevelsestabel." }
            }
            (sample_section(audit, sample.as_ref()))
            @if user.is_koordinator() { (draw_form(user, audit, form, errors)) }
            @if has_checklist {
                @if audit.state.is_revealed() {
                    (table_section(&compliance::efterlevelsestabel(audit, &ratings)))
                    (agreement_section(audit, &ratings))
                } @else {
                    section aria-labelledby="efterlevelse" {
                        h2 #efterlevelse { "Efterlevelse" }
                        p { "Tabellen og tjekkernes enighed vises, når svarene er afsløret (drøftelse). Indtil da er svarene blinde." }
                    }
                }
            }
        },
    ))
}

fn pseudonym<'a>(audit: &'a Audit, id: &'a str) -> &'a str {
    audit
        .materials
        .iter()
        .find(|m| m.id.as_str() == id)
        .map_or(id, |m| m.pseudonym.as_str())
}

fn sample_section(audit: &Audit, sample: Option<&RecordedSample>) -> Markup {
    html! {
        section aria-labelledby="stikproeve" {
            h2 #stikproeve { "Stikprøven" }
            @match sample {
                None => p {
                    "Der er endnu ikke trukket en stikprøve i auditpanel. Auditforløbets materiale er de rapporter, der tjekkes."
                },
                Some(s) => {
                    dl.facts {
                        dt { "Frø (seed)" } dd { code { (s.sample.seed) } }
                        dt { "Rapporter pr. tilsyn" } dd { (s.sample.k) }
                        dt { "Trukket af" } dd { (s.drawn_by) ", " (DanishDate::local(s.drawn_at)) }
                    }
                    p.muted { "Med samme lister, samme antal og samme frø trækkes præcis samme stikprøve igen (audit::compliance::udtraek)." }
                    (Table::new(&[
                        text("Tilsyn"), text("På listen"), text("Udtrukket, i trækningens rækkefølge"),
                    ]).rows(html! {
                        @for (tilsyn, ids) in &s.sample.udtraek {
                            tr {
                                th scope="row" { (tilsyn.fulde_navn()) }
                                td.num { (s.lists.get(tilsyn).map_or(0, Vec::len)) }
                                td { (ids.iter().map(|id| pseudonym(audit, id)).collect::<Vec<_>>().join(", ")) }
                            }
                        }
                    }))
                },
            }
        }
    }
}

fn draw_form(user: &CurrentUser, audit: &Audit, form: &DrawForm, errors: &FieldErrors) -> Markup {
    let field_error = |name: &str| errors.get(name);
    html! {
        section.no-print aria-labelledby="traek" {
            h2 #traek { "Træk en stikprøve" }
            @for error in errors.general() {
                div.notice.error role="alert" { p { (error) } }
            }
            form.stacked method="post" action=(format!("/audits/{}/stikproeve", audit.nr)) {
                (csrf_field(user.csrf_token()))
                p { "Skriv hvert tilsyns rapport-id'er, ét pr. linje. Tilsyn uden rapporter springes over." }
                @for t in Tilsyn::ALL {
                    @let name = format!("rapporter_{}", t.id());
                    @let error = field_error(&name);
                    div.field {
                        label for=(name) { "Rapporter fra " (t.fulde_navn()) }
                        textarea id=(name) name=(name)
                            aria-invalid=[error.as_ref().map(|_| "true")]
                            aria-describedby=[error.as_ref().map(|_| format!("{name}-fejl"))] { (form.list(t)) }
                        @if let Some(error) = error { p.field-error id=(format!("{name}-fejl")) role="alert" { (error) } }
                    }
                }
                (crate::components::form::input("k", "Rapporter pr. tilsyn", "number", &form.k, field_error("k"), "off"))
                (crate::components::form::input("seed", "Frø (seed), et helt tal; tomt = et tilfældigt", "text", &form.seed, field_error("seed"), "off"))
                button type="submit" { "Træk stikprøven" }
            }
        }
    }
}

/// An interval in percent with one decimal and a decimal comma ("30,1–95,4 %").
fn interval(i: [f64; 2]) -> String {
    let p = |x: f64| audit::danske_tal::decimal(x * 100.0, 1);
    format!("{}–{} %", p(i[0]), p(i[1]))
}

fn cell(c: &Celle) -> Markup {
    html! {
        @match (c.andel(), c.interval()) {
            (Some(andel), Some(i)) => {
                span.count { (c.ja) " af " (c.n()) }
                br; strong.share { (percent(andel)) }
                br; span.ci { "95 %-KI " (interval(i)) }
            },
            _ => span.muted { "–" },
        }
        @if c.ikke_relevant > 0 { br; span.muted { (c.ikke_relevant) " ikke relevant" } }
        @if c.uenige > 0 { br; span.muted { (c.uenige) " uenige" } }
        @if c.ubesvaret > 0 { br; span.muted { (c.ubesvaret) " ubesvaret" } }
    }
}

fn table_section(table: &Efterlevelsestabel) -> Markup {
    html! {
        section aria-labelledby="efterlevelse" {
            h2 #efterlevelse { "Efterlevelse pr. tilsyn og krav" }
            p {
                "Andelen er rapporter, der opfylder kravet, ud af dem, der blev besvaret ja eller nej; "
                "»ikke relevant« tæller ikke med. Intervallet er et 95 %-Wilson-interval."
            }
            (scroll_region("Efterlevelse pr. tilsyn og krav", html! {
                table.compliance {
                    caption.visually-hidden { "Efterlevelse: ét krav pr. række, ét tilsyn pr. kolonne" }
                    thead {
                        tr {
                            th scope="col" { "Krav" }
                            @for r in &table.raekker {
                                th scope="col" { (r.tilsyn.fulde_navn()) br; span.muted { (r.rapporter) " rapporter" } }
                            }
                            th scope="col" { "I alt" }
                        }
                    }
                    tbody {
                        @for (i, k) in table.krav.iter().enumerate() {
                            tr {
                                th scope="row" { (k.tekst) }
                                @for r in &table.raekker {
                                    @if let Some(c) = r.celler.get(i) { td { (cell(c)) } }
                                }
                                @if let Some(c) = table.i_alt.get(i) { td { (cell(c)) } }
                            }
                        }
                    }
                }
            }))
        }
    }
}

fn agreement_section(audit: &Audit, ratings: &[audit::Rating]) -> Markup {
    html! {
        section aria-labelledby="enighed" {
            h2 #enighed { "Enighed mellem to tjekkere" }
            @match compliance::tjekkerenighed(audit, ratings) {
                Ok(e) => {
                    p {
                        (e.rapporter) " rapporter blev tjekket af to. På " (e.n) " krav × rapport gav de samme svar i "
                        strong { (audit::danske_tal::decimal(e.procentvis_enighed * 100.0, 1)) " %" } " af tilfældene. "
                        @match &e.kappa {
                            Ok(k) => { "Cohens κ = " (audit::danske_tal::decimal(*k, 2)) ". " },
                            Err(err) => { "Cohens κ kan ikke beregnes: " (err) ". " },
                        }
                    }
                    p.muted {
                        "κ kan være lav, selv om tjekkerne næsten altid er enige, når næsten alle svar er ens; "
                        "se derfor både den procentvise enighed og κ."
                    }
                },
                Err(err) => p { "Enigheden kan ikke beregnes: " (err) "." },
            }
        }
    }
}

/// `POST /audits/{nr}/stikproeve` (koordinator): draws and records a sample.
async fn draw(page: AuditPage, Form(form): Form<DrawForm>) -> Result<Response, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    user.require_koordinator()?;
    let mut errors = FieldErrors::default();
    let k = match form.k.trim().parse::<usize>() {
        Ok(k) if k > 0 => Some(k),
        _ => {
            errors.add(
                "k",
                format!(
                    "Skriv antallet af rapporter pr. tilsyn som et helt tal over 0, ikke »{}«.",
                    form.k.trim()
                ),
            );
            None
        }
    };
    let seed = match form.seed.trim() {
        "" => Some(OsRng.next_u64()),
        text => match text.parse::<u64>() {
            Ok(seed) => Some(seed),
            Err(_) => {
                errors.add(
                    "seed",
                    format!(
                        "Frøet skal være et helt tal fra 0 til {}, ikke »{text}«.",
                        u64::MAX
                    ),
                );
                None
            }
        },
    };
    for t in Tilsyn::ALL {
        let what = format!("listen over rapporter fra {}", t.fulde_navn());
        let field = format!("rapporter_{}", t.id());
        errors.check_text(&field, &what, form.list(t), audit::text::PROSE_MAX);
    }
    let lists: BTreeMap<Tilsyn, Vec<String>> = Tilsyn::ALL
        .into_iter()
        .map(|t| {
            let ids: Vec<String> = form
                .list(t)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            (t, ids)
        })
        .filter(|(_, ids)| !ids.is_empty())
        .collect();
    if lists.is_empty() {
        errors.add_general("Skriv mindst ét tilsyns rapporter, ét id pr. linje.");
    }
    if let (Some(k), Some(seed), true) = (k, seed, errors.is_empty()) {
        match compliance::udtraek(&lists, k, seed) {
            Ok(sample) => {
                store::compliance_samples::record_sample(
                    app.db(),
                    &audit.nr,
                    &lists,
                    &sample,
                    user.username(),
                    app.clock().now(),
                )
                .await?;
                return Ok(
                    Redirect::to(&format!("/audits/{}/stikproeve", audit.nr)).into_response()
                );
            }
            Err(err) => {
                let field = match &err {
                    StikproeveFejl::Tom => Some("k".to_owned()),
                    StikproeveFejl::ForFaa { tilsyn, .. }
                    | StikproeveFejl::TomtId { tilsyn, .. }
                    | StikproeveFejl::Dublet { tilsyn, .. } => Tilsyn::ALL
                        .into_iter()
                        .find(|t| t.fulde_navn() == *tilsyn)
                        .map(|t| format!("rapporter_{}", t.id())),
                };
                match field {
                    Some(field) => errors.add(&field, err.to_string()),
                    None => errors.add_general(err.to_string()),
                }
            }
        }
    }
    let page = render(&app, &user, &audit, &form, &errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::{interval, percent};

    #[test]
    fn shares_and_intervals_are_written_the_danish_way() {
        // Wilson 95 % for 3 of 4, by hand in audit::compliance::wilson: [0,3006; 0,9544].
        assert_eq!(percent(0.75), "75 %");
        assert_eq!(interval([0.3006, 0.9544]), "30,1–95,4 %");
    }
}
