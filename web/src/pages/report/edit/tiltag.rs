//! Editing one follow-up action (`?id=…`), or adding one (no id): its text and bullet points, the
//! recommendations it follows from, the responsible parties, and the deadline as typed in Danish,
//! read by `audit::parse_frist`, whose Danish complaint is shown next to the field.

use std::str::FromStr;

use audit::report::sprog::anker;
use audit::report_content::TiltagFejl;
use audit::text::{PROSE_MAX, SHORT_MAX};
use audit::{Ansvarlig, Opfoelgningstiltag, Tilsyn, parse_frist};
use axum::extract::Query;
use axum::response::Response;
use maud::{Markup, html};
use store::follow_up_plan::VersionedAction;

use super::{Draft, IdQuery, answer, conflict, edit_path, input, lines, plain, query, textarea};
use crate::access::KoordinatorPage;
use crate::auth::CurrentUser;
use crate::components::DanishDate;
use crate::components::form::{FieldErrors, csrf_field};
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::pages::report::report_path;
use crate::state::AppState;

/// The parties offered as checkboxes.
fn parties() -> Vec<Ansvarlig> {
    let mut out = vec![
        Ansvarlig::Socialstyrelsen,
        Ansvarlig::Auditfunktionen,
        Ansvarlig::Socialtilsynene,
    ];
    out.extend(Tilsyn::ALL.iter().map(|t| Ansvarlig::Tilsyn(*t)));
    out.push(Ansvarlig::Mellemledernetvaerket);
    out.push(Ansvarlig::FaellesmoedeMedTilsynschefer);
    out
}

fn view(
    user: &CurrentUser,
    nr: &audit::AuditNr,
    recommendations: &[String],
    d: &Draft<Opfoelgningstiltag>,
    before: Markup,
) -> Markup {
    let t = &d.value;
    let action = if d.new {
        format!("{}/tiltag", edit_path(nr))
    } else {
        format!("{}/tiltag{}", edit_path(nr), query("id", &t.id))
    };
    let andet: Vec<&str> = t
        .ansvarlige
        .iter()
        .filter_map(|a| match a {
            Ansvarlig::Andet(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    let frist_error = d.error("frist");
    let due = t
        .frist
        .as_deref()
        .and_then(|f| parse_frist(f).ok())
        .and_then(|f| f.forfald());
    layout::page(
        &if d.new {
            format!("Nyt opfølgningstiltag i auditrapport {nr}")
        } else {
            format!("Rediger opfølgningstiltaget »{}«", t.id)
        },
        Some(user),
        html! {
            (before)
            form.redigering method="post" action=(action) {
                (csrf_field(user.csrf_token()))
                input type="hidden" name="version" value=(d.version);
                @if d.new { (input("id", "Id (fx »praesentation«)", &t.id, d.error("id"))) }
                (textarea("tekst", "Tiltaget", "", &t.tekst, d.error("tekst")))
                (textarea("punkter", "Punkter", "Ét punkt pr. linje; kan være tomt.", &t.punkter.join("\n"), d.error("punkter")))
                fieldset.valg aria-describedby=[d.error("ansvarlige").map(|_| "ansvarlige-fejl")] {
                    legend { "Ansvarlig" }
                    @for (i, p) in parties().iter().enumerate() {
                        @let id = format!("ansvarlig-{i}");
                        input type="checkbox" id=(id) name="ansvarlig" value=(p.id()) checked[t.ansvarlige.contains(p)];
                        label for=(id) { (p.navn()) }
                    }
                    (input("andet", "Andre ansvarlige (adskilt af semikolon)", &andet.join("; "), d.error("andet")))
                    @if let Some(e) = d.error("ansvarlige") { p.field-error id="ansvarlige-fejl" role="alert" { (e) } }
                }
                @if !recommendations.is_empty() {
                    fieldset.valg {
                        legend { "Følger af anbefalingen" }
                        @for (i, a) in recommendations.iter().enumerate() {
                            @let id = format!("anbefaling-{i}");
                            input type="checkbox" id=(id) name="anbefaling" value=(a) checked[t.anbefalinger.contains(a)];
                            label for=(id) { (a) }
                        }
                    }
                }
                div.field {
                    label for="frist" { "Frist" }
                    p.hjaelp id="frist-hjaelp" { "Skriv fristen, som den skal stå i rapporten, fx »2. halvår 2026«, »1. kvartal 2026«, »15. marts 2026« eller »ved førstkommende lejlighed«. Tom: ingen frist." }
                    input type="text" id="frist" name="frist" value=(t.frist.as_deref().unwrap_or(""))
                        aria-describedby=(if frist_error.is_some() { "frist-hjaelp frist-fejl" } else { "frist-hjaelp" })
                        aria-invalid=[frist_error.map(|_| "true")];
                    @if let Some(e) = frist_error { p.field-error id="frist-fejl" role="alert" { (e) } }
                    @if let Some(due) = due { p.hjaelp { "Forfaldsdato: " (DanishDate(due)) } }
                }
                button type="submit" { "Gem opfølgningstiltaget" }
                " " a href=(edit_path(nr)) { "Tilbage uden at gemme" }
            }
        },
    )
}

async fn find(
    app: &AppState,
    nr: &audit::AuditNr,
    id: &str,
) -> Result<Option<VersionedAction>, AppError> {
    Ok(store::follow_up_plan::follow_up_plan(&app.db, nr)
        .await?
        .into_iter()
        .find(|a| a.action.tiltag.id == id))
}

async fn recommendation_ids(app: &AppState, nr: &audit::AuditNr) -> Result<Vec<String>, AppError> {
    Ok(store::report_content::recommendations(&app.db, nr)
        .await?
        .into_iter()
        .map(|a| a.value.id)
        .collect())
}

/// The form of the follow-up action `id` names, or of a new, empty one.
async fn draft(
    app: &AppState,
    nr: &audit::AuditNr,
    id: Option<&str>,
) -> Result<Draft<Opfoelgningstiltag>, AppError> {
    let found = async |id: &str| {
        let stored = find(app, nr, id).await?;
        Ok(stored.map(|v| (v.action.tiltag, v.version)))
    };
    let blank = || Opfoelgningstiltag {
        id: String::new(),
        tekst: String::new(),
        punkter: Vec::new(),
        anbefalinger: Vec::new(),
        ansvarlige: Vec::new(),
        frist: None,
    };
    Draft::of_item(id, found, blank).await
}

/// `GET …/rediger/tiltag[?id=…]`.
pub(super) async fn form(
    page: KoordinatorPage,
    Query(q): Query<IdQuery>,
) -> Result<Markup, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let recs = recommendation_ids(&app, &audit.nr).await?;
    let draft = draft(&app, &audit.nr, q.id.as_deref()).await?;
    Ok(view(&user, &audit.nr, &recs, &draft, html! {}))
}

fn shown(t: &Opfoelgningstiltag) -> Markup {
    plain(&[
        ("Tiltaget", t.tekst.clone()),
        ("Punkter", t.punkter.join("\n")),
        (
            "Ansvarlig",
            t.ansvarlige
                .iter()
                .map(|a| a.navn())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("Frist", t.frist.clone().unwrap_or_default()),
    ])
}

/// `POST …/rediger/tiltag[?id=…]`.
pub(super) async fn save(
    page: KoordinatorPage,
    Query(q): Query<IdQuery>,
    f: Fields,
) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let recs = recommendation_ids(&app, &audit.nr).await?;
    let draft = draft(&app, &audit.nr, q.id.as_deref()).await?;
    let mut errors = FieldErrors::default();
    let id = if draft.new {
        let id = f.trimmed("id").to_owned();
        if !id.is_empty() && find(&app, &audit.nr, &id).await?.is_some() {
            errors.add(
                "id",
                format!("Der findes allerede et opfølgningstiltag med id »{id}«."),
            );
        }
        id
    } else {
        draft.value.id.clone()
    };
    let mut ansvarlige: Vec<Ansvarlig> = f
        .all("ansvarlig")
        .iter()
        .filter_map(|a| Ansvarlig::from_str(a).ok())
        .collect();
    ansvarlige.extend(
        f.get("andet")
            .split(';')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| Ansvarlig::Andet(n.to_owned())),
    );
    let frist = f.trimmed("frist");
    let tiltag = Opfoelgningstiltag {
        id,
        tekst: f.trimmed("tekst").to_owned(),
        punkter: lines(f.get("punkter")),
        anbefalinger: f
            .all("anbefaling")
            .into_iter()
            .filter(|a| recs.contains(a))
            .collect(),
        ansvarlige,
        frist: (!frist.is_empty()).then(|| frist.to_owned()),
    };
    for (name, what, max) in [
        ("id", "id'et", SHORT_MAX),
        ("tekst", "teksten", PROSE_MAX),
        ("punkter", "punkterne", PROSE_MAX),
        ("andet", "de andre ansvarlige", SHORT_MAX),
        ("frist", "fristen", SHORT_MAX),
    ] {
        errors.check_text(name, what, f.get(name), max);
    }
    // The domain's check (`Opfoelgningstiltag::problems`), worded for the form.
    for problem in tiltag.problems() {
        let message = match &problem {
            TiltagFejl::ManglerTekst { .. } => "Skriv, hvad tiltaget går ud på.".to_owned(),
            TiltagFejl::ManglerAnsvarlig { .. } => "Vælg mindst én ansvarlig.".to_owned(),
            // The parser's Danish fragment quotes the text: "ukendt fristudtryk »snarest muligt« …".
            TiltagFejl::Frist { fejl, .. } => {
                format!(
                    "{}.",
                    crate::components::labels::capitalized(&fejl.to_string())
                )
            }
            TiltagFejl::ManglerId => "Skriv et id til tiltaget, fx »praesentation«.".to_owned(),
        };
        errors.add(problem.field(), message);
    }
    let draft = draft.posted(tiltag, &f, errors);
    let save = async |d: &Draft<Opfoelgningstiltag>| {
        let (by, now) = (user.username(), app.clock.now());
        if d.new {
            store::follow_up::add_follow_up_action(&app.db, &audit.nr, &d.value, by, now)
                .await
                .map(|_| ())
        } else {
            store::follow_up_plan::edit_follow_up_action(
                &app.db, &audit.nr, &d.value, d.version, by, now,
            )
            .await
            .map(|_| ())
        }
    };
    let done = format!(
        "{}#tiltag-{}",
        report_path(&audit.nr),
        anker(&draft.value.id)
    );
    let conflict_notice = async |current: i64, yours: &Opfoelgningstiltag| {
        Ok::<_, AppError>(match find(&app, &audit.nr, &yours.id).await? {
            // The log holds who edited last; the action row does not, so the notice names the version.
            Some(s) => conflict(
                current,
                html! { "version " (s.version) },
                shown(&s.action.tiltag),
                shown(yours),
            ),
            None => html! {},
        })
    };
    let view = |d: &Draft<Opfoelgningstiltag>, before| view(&user, &audit.nr, &recs, d, before);
    answer(draft, save, &done, "tekst", conflict_notice, view).await
}
