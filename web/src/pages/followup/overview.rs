//! `GET /opfoelgning`: every follow-up action the user may see, overdue first, then due within 30 days,
//! then later, undated, awaiting acknowledgement and closed (`audit::followup::oversigt`), with counts
//! per tilsyn and a GET filter form (audit, responsible party, status) that works without JavaScript.

use audit::followup::oversigt::{self, Filter, Gruppe, TilsynsTaelling};
use audit::followup::{SporetTiltag, Status};
use audit::{Ansvarlig, AuditNr, Tilsyn};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use maud::{Markup, html};
use serde::Deserialize;

use super::{action_href, parties, status_badge, tilsyn_statuses, visible_actions};
use crate::auth::CurrentUser;
use crate::components::date;
use crate::components::form::FieldErrors;
use crate::components::labels::capitalized;
use crate::components::table::{Table, text};
use crate::error::AppError;
use crate::layout;
use crate::state::AppState;

/// The filter form's fields as they came in; empty means "all".
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct FilterQuery {
    #[serde(default)]
    pub(crate) audit: String,
    #[serde(default)]
    pub(crate) ansvarlig: String,
    #[serde(default)]
    pub(crate) status: String,
}

impl FilterQuery {
    /// The domain's filter; a field that does not parse is left out and its problem returned, by field.
    pub(crate) fn parse(&self) -> (Filter, FieldErrors) {
        let mut errors = FieldErrors::default();
        let mut filter = Filter::default();
        let audit = self.audit.trim();
        if !audit.is_empty() {
            match audit.parse::<AuditNr>() {
                Ok(nr) => filter.audit = Some(nr),
                Err(_) => errors.add(
                    "audit",
                    format!("»{audit}« er ikke et auditnummer som 19.1."),
                ),
            }
        }
        let ansvarlig = self.ansvarlig.trim();
        if !ansvarlig.is_empty() {
            match ansvarlig.parse::<Ansvarlig>() {
                Ok(a) => filter.ansvarlig = Some(a),
                Err(err) => errors.add("ansvarlig", format!("{err}.")),
            }
        }
        let status = self.status.trim();
        if !status.is_empty() {
            match status.parse::<Status>() {
                Ok(s) => filter.status = Some(s),
                Err(err) => errors.add("status", format!("{err}.")),
            }
        }
        (filter, errors)
    }

    /// The query string for links that keep the filter ("?audit=19.1&…").
    pub(crate) fn query_string(&self) -> String {
        serde_urlencoded::to_string([
            ("audit", self.audit.trim()),
            ("ansvarlig", self.ansvarlig.trim()),
            ("status", self.status.trim()),
        ])
        .unwrap_or_default()
    }
}

/// The parties one can filter by, as (id, name).
fn party_options() -> Vec<(String, String)> {
    let mut parties = vec![
        Ansvarlig::Socialstyrelsen,
        Ansvarlig::Auditfunktionen,
        Ansvarlig::Socialtilsynene,
    ];
    parties.extend(Tilsyn::ALL.map(Ansvarlig::Tilsyn));
    parties.extend([
        Ansvarlig::Mellemledernetvaerket,
        Ansvarlig::FaellesmoedeMedTilsynschefer,
    ]);
    parties
        .into_iter()
        .map(|a| (a.id(), capitalized(&a.navn())))
        .collect()
}

/// `GET /opfoelgning`.
pub(crate) async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    Query(query): Query<FilterQuery>,
) -> Result<(StatusCode, Markup), AppError> {
    let today = app.clock().today();
    let actions = visible_actions(&app, user.user()).await?;
    let (filter, errors) = query.parse();
    let shown: Vec<SporetTiltag> = actions
        .iter()
        .filter(|t| filter.passer(t))
        .cloned()
        .collect();
    let overview = oversigt::oversigt(&shown, &Filter::default(), today);
    let counts = oversigt::pr_tilsyn(&shown, today);
    let mut audits: Vec<&AuditNr> = actions.iter().map(|t| &t.audit).collect();
    audits.dedup();
    let feed_since =
        store::sessions::feed_token_since(app.db(), user.username(), app.clock().now())
            .await?
            .map(|t| crate::clock::danish_time(t).date());
    let status = if !errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let content = html! {
        p.lead {
            "Alle opfølgningspunkter fra auditrapporternes opfølgningsplaner, som du har adgang til: først de "
            "overskredne, så dem, der forfalder inden for 30 dage, og derefter resten. Dato i dag: "
            (date::DanishDate(today)) "."
        }
        (filter_form(&query, &errors, &audits))
        (counts_list(&counts))
        p.no-print {
            a href=(format!("/opfoelgning.csv?{}", query.query_string())) download { "Hent som CSV (regneark)" }
        }
        @for (gruppe, tiltag) in &overview.grupper {
            (group_table(*gruppe, tiltag))
        }
        (super::calendar::offer(&user, feed_since))
    };
    Ok((status, layout::page("Opfølgning", Some(&user), content)))
}

/// One select of the filter form: "Alle" first, then `options` as `(value, label)`, the one equal to
/// the query's `current` value selected, and the field's error beside it.
fn select(
    name: &str,
    label: &str,
    current: &str,
    options: impl IntoIterator<Item = (String, String)>,
    errors: &FieldErrors,
) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-fejl");
    html! {
        div.field {
            label for=(name) { (label) }
            select id=(name) name=(name) aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| error_id.as_str())] {
                option value="" { "Alle" }
                @for (value, label) in options {
                    option value=(value) selected[value == current.trim()] { (label) }
                }
            }
            @if let Some(error) = error {
                p.field-error id=(error_id) { (error) }
            }
        }
    }
}

fn filter_form(query: &FilterQuery, errors: &FieldErrors, audits: &[&AuditNr]) -> Markup {
    let audits = audits.iter().map(|nr| (nr.to_string(), nr.to_string()));
    let statuses = Status::ALL.map(|s| (s.id().to_owned(), capitalized(s.navn())));
    html! {
        form.filters.no-print method="get" action="/opfoelgning" aria-label="Filtrér opfølgningspunkterne" {
            (select("audit", "Auditforløb", &query.audit, audits, errors))
            (select("ansvarlig", "Ansvarlig", &query.ansvarlig, party_options(), errors))
            (select("status", "Status", &query.status, statuses, errors))
            div.field.actions {
                button type="submit" { "Vis" }
                " " a href="/opfoelgning" { "Nulstil" }
            }
        }
    }
}

fn counts_list(counts: &[TilsynsTaelling]) -> Markup {
    html! {
        section aria-labelledby="pr-tilsyn" {
            h2 #pr-tilsyn { "Pr. socialtilsyn" }
            p.muted { "Punkter, som tilsynet endnu ikke har rapporteret gennemført." }
            ul.counts {
                @for c in counts {
                    li.overdue[c.overskredne > 0] {
                        strong { (c) }
                        ", " (c.inden_30_dage) " forfalder inden for 30 dage"
                    }
                }
            }
        }
    }
}

fn group_table(gruppe: Gruppe, tiltag: &[&SporetTiltag]) -> Markup {
    let id = format!("gruppe-{}", gruppe_id(gruppe));
    html! {
        section aria-labelledby=(id) {
            h2 id=(id) { (gruppe.overskrift()) " (" (tiltag.len()) ")" }
            @if tiltag.is_empty() {
                p.muted { "Ingen." }
            } @else {
                (Table::new(&[
                    text("Audit"),
                    text("Opfølgningspunkt"),
                    text("Ansvarlige"),
                    text("Frist"),
                    text("Forfalder"),
                    text("Status"),
                ]).class("followup").rows(html! {
                    @for t in tiltag {
                        tr {
                            td { (t.audit) }
                            td { a href=(action_href(t)) { (t.titel()) } }
                            td { (parties(t)) }
                            td { (t.tilstand.frist.as_ref().map_or_else(|| "–".to_owned(), ToString::to_string)) }
                            td { (date::optional(t.forfald())) }
                            td { (status_badge(t.tilstand.status)) (tilsyn_statuses(t)) }
                        }
                    }
                }))
            }
        }
    }
}

/// A stable id for a group's heading.
pub(crate) fn gruppe_id(gruppe: Gruppe) -> &'static str {
    match gruppe {
        Gruppe::Overskredet => "overskredet",
        Gruppe::Inden30Dage => "inden-30-dage",
        Gruppe::Senere => "senere",
        Gruppe::UdenDato => "uden-dato",
        Gruppe::AfventerKvittering => "afventer-kvittering",
        Gruppe::Afsluttet => "afsluttet",
    }
}
