//! What the rating page and the ratings API share: who rates in an audit ([`rater`]), saving a
//! rater's ratings ([`save`]) and how the domain's refusals of a rating read in Danish, next to a field
//! or as one sentence. Neither the page nor the API owns these, so both say the same.

use audit::visibility::Viewer;
use audit::{Audit, PanelMember, Rating, RatingError, RatingStatus, UnitKey};
use store::StoreError;
use store::ratings::SaveOutcome;

use crate::auth::CurrentUser;
use crate::components::labels::capitalized;
use crate::error::AppError;
use crate::state::AppState;

/// The panel member `user` is on `audit`, if they rate in it; everyone else gets the 403 page (the
/// koordinator follows progress on the audit's overview instead).
pub(crate) fn rater<'a>(audit: &'a Audit, user: &CurrentUser) -> Result<&'a PanelMember, AppError> {
    match audit.viewer(user.user()) {
        Viewer::Panelist(_) => audit.member(user.username()).ok_or(AppError::Forbidden),
        Viewer::Koordinator | Viewer::Outsider => Err(AppError::Forbidden),
    }
}

/// Saves the `ratings` of panel member `me` in `audit` with `status` (drafts, or submitted), as of
/// the server's clock; the store checks each against the domain's rules.
pub(crate) async fn save(
    app: &AppState,
    audit: &Audit,
    me: &PanelMember,
    ratings: &[Rating],
    status: RatingStatus,
) -> Result<SaveOutcome, StoreError> {
    let (today, now) = (app.clock.today(), app.clock.now());
    store::ratings::save_ratings(
        &app.db,
        &audit.nr,
        &me.username,
        ratings,
        status,
        today,
        now,
    )
    .await
}

/// A domain fragment as a sentence: capital first letter, full stop.
pub(crate) fn sentence(fragment: &str) -> String {
    let mut text = capitalized(fragment.trim());
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

/// The message shown next to a field for a rating the domain refuses.
pub(crate) fn field_message(err: &RatingError) -> String {
    match err {
        RatingError::OffScale { source, .. } => sentence(&source.to_string()),
        RatingError::WrongValue { problem, .. } => sentence(problem),
        RatingError::Text { source, .. } => sentence(&source.to_string()),
        other => sentence(&other.to_string()),
    }
}

/// The unit a refusal of the domain belongs to, when it belongs to one field.
pub(crate) fn unit_of(err: &RatingError) -> Option<&UnitKey> {
    match err {
        RatingError::UnknownUnit(unit)
        | RatingError::WrongValue { unit, .. }
        | RatingError::OffScale { unit, .. }
        | RatingError::Text { unit, .. } => Some(unit),
        RatingError::NotARater(_)
        | RatingError::RoundClosed { .. }
        | RatingError::PastDeadline(_)
        | RatingError::AlreadySubmitted(_) => None,
    }
}
