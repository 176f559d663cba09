//! The orientation of an exempted tilsyn (20.1: "Socialtilsyn Nord blev … fritaget fra deltagelse i
//! audit 20.1", with "et særskilt forløb … med henblik på orientering"): when a report is published,
//! the tilsynskontakt of every tilsyn whose panel members were all exempted
//! (`audit::hoering::fritagne_tilsyn`) gets a message in the inbox, once per audit and tilsyn (the
//! inbox's idempotency key); the report pages say who has been oriented ([`notice`]).

use audit::hoering::{ORIENTERING, fritagne_tilsyn};
use audit::{Audit, Role, Tilsyn};
use maud::{Markup, html};
use time::OffsetDateTime;

use super::hoering::{Besked, notify};
use crate::clock::danish_time;
use crate::error::AppError;
use crate::state::AppState;

/// Orients the exempted tilsyn of `audit` about its report, published at `at`; a tilsyn oriented
/// before is not oriented again.
pub(crate) async fn orienter(
    app: &AppState,
    audit: &Audit,
    at: OffsetDateTime,
) -> Result<(), AppError> {
    for tilsyn in fritagne_tilsyn(audit) {
        let message = format!(
            "Auditrapport {} er offentliggjort. {} blev fritaget fra deltagelse i auditten og orienteres hermed om rapporten og drøftelserne på auditmødet.",
            audit.nr,
            tilsyn.fulde_navn()
        );
        let besked = Besked {
            action: ORIENTERING,
            key: tilsyn.id(),
            due: danish_time(at).date(),
            message: &message,
            at,
        };
        notify(app, audit, &[tilsyn], besked).await?;
    }
    Ok(())
}

/// The exempted tilsyn of `audit` that have been oriented (a message written to one of their
/// tilsynskontakter).
async fn oriented(app: &AppState, audit: &Audit) -> Result<Vec<Tilsyn>, AppError> {
    let fritagne = fritagne_tilsyn(audit);
    if fritagne.is_empty() {
        return Ok(Vec::new());
    }
    let reminded = store::reminders::reminded(app.db(), &audit.nr, ORIENTERING).await?;
    let users = store::users::list_users(app.db()).await?;
    Ok(fritagne
        .into_iter()
        .filter(|t| {
            reminded.iter().any(|(username, _)| {
                users
                    .iter()
                    .any(|u| u.username == *username && u.role == Role::Tilsynskontakt(*t))
            })
        })
        .collect())
}

/// "Socialtilsyn Nord er orienteret om rapporten." for each oriented exempted tilsyn; nothing when
/// none is.
pub(crate) async fn notice(app: &AppState, audit: &Audit) -> Result<Markup, AppError> {
    let oriented = oriented(app, audit).await?;
    Ok(html! {
        @for t in oriented {
            p.notice.orientering {
                (t.fulde_navn()) " er orienteret om rapporten (fritaget fra deltagelse i auditten)."
            }
        }
    })
}
