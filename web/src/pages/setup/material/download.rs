//! `GET /audits/{nr}/material/{id}/download`: a material file as an attachment with its stored media
//! type, for the koordinator (under its uploaded name) and the audit's panel (under its pseudonym) once
//! the file is released: a file with an unconfirmed CPR warning is the koordinator's only. With `?vis=1`
//! (the rating form's link, opened in a new tab beside the form) a PDF, plain text or image is shown in the
//! browser instead of downloaded; other types are still attachments, so no uploaded HTML or script ever runs
//! in our origin.

use audit::access::Part;
use audit::{Material, MaterialId};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;

use super::super::Answer;
use super::super::slug::slug;
use crate::access;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::extract::PagePath;
use crate::state::AppState;
use audit::AuditNr;

/// The address of material `id`'s file in audit `nr`: what the audit page and the rating form link to.
pub(crate) fn href(nr: &AuditNr, id: &MaterialId) -> String {
    format!("/audits/{nr}/material/{id}/download")
}

/// The address that shows the file in the browser where its type allows (see the module documentation).
pub(crate) fn view_href(nr: &AuditNr, id: &MaterialId) -> String {
    format!("{}?vis=1", href(nr, id))
}

/// The media types shown in the browser on `?vis=1`: documents and pictures that run no script.
const SHOWN_INLINE: [&str; 4] = ["application/pdf", "text/plain", "image/png", "image/jpeg"];

/// `?vis=1`: show rather than download, where the type allows.
#[derive(Debug, Default, serde::Deserialize)]
pub(in super::super) struct View {
    #[serde(default)]
    vis: Option<String>,
}

/// The name a panelist downloads a file under: the pseudonym as a slug, with the uploaded file's
/// extension ("Rapport A" + "tilsyn-syd-bostedet.pdf" → "rapport-a.pdf").
pub(super) fn pseudonymous_name(material: &Material, uploaded: &str) -> String {
    let extension = uploaded
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .filter(|ext| {
            !ext.is_empty() && ext.len() <= 8 && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    let base = slug(&material.pseudonym, 60);
    match extension {
        Some(ext) => format!("{base}.{ext}"),
        None => base,
    }
}

/// `kind` (`attachment` or `inline`) with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187).
fn disposition(kind: &str, name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._- ()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// Serves the file of material `id` to someone who may open the audit.
pub(in super::super) async fn file(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, id)): PagePath<(AuditNr, String)>,
    Query(view): Query<View>,
) -> Answer {
    let audit = access::audit_for(&app, user.user(), &nr).await?;
    // Nothing of the material before it is released (`audit::access`), whether the id exists or not.
    if !access::may_see(user.user(), &audit, Part::MaterialFile { cleared: true }) {
        return Err(AppError::Forbidden);
    }
    let material = id
        .parse::<MaterialId>()
        .ok()
        .and_then(|id| audit.material(&id))
        .ok_or(AppError::NotFound)?;
    // A file with possible CPR numbers the koordinator has not looked at is not released to the panel.
    let cleared = store::material_scan::is_released(&app.db, &audit.nr, &material.id).await?;
    if !access::may_see(user.user(), &audit, Part::MaterialFile { cleared }) {
        tracing::info!(user = %user.username(), audit = %audit.nr, material = %material.id, "materiale med CPR-advarsel tilbageholdt");
        return Err(AppError::Forbidden);
    }
    let stored = store::files::material_file(&app.db, &audit.nr, &material.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = if access::may_see(user.user(), &audit, Part::MaterialIdentity) {
        stored.info.file_name.clone()
    } else {
        pseudonymous_name(material, &stored.info.file_name)
    };
    let content_type = HeaderValue::from_str(&stored.info.media_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let shown = view.vis.is_some() && SHOWN_INLINE.contains(&stored.info.media_type.as_str());
    let disposition = HeaderValue::from_str(&disposition(
        if shown { "inline" } else { "attachment" },
        &name,
    ))
    .unwrap_or(HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        stored.bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::{disposition, pseudonymous_name};

    #[test]
    fn names_are_quoted_safely_and_exactly() {
        assert_eq!(
            disposition("attachment", "Rapport Ø \"x\".pdf"),
            "attachment; filename=\"Rapport _ _x_.pdf\"; filename*=UTF-8''Rapport%20%C3%98%20%22x%22.pdf"
        );
    }

    #[test]
    fn a_panelist_gets_the_pseudonym_not_the_uploaded_name() {
        let material = audit::Material {
            id: "sag-a".parse().unwrap(),
            pseudonym: "Sag A".into(),
            tilsyn: audit::Tilsyn::Syd,
            kind: audit::Materialetype::Tilsynsrapport,
            beskrivelse: String::new(),
            original_scores: Default::default(),
            tilbud: None,
            sagsforloeb: None,
            dato: None,
        };
        assert_eq!(
            pseudonymous_name(&material, "Bostedet Syd 2025.PDF"),
            "sag-a.pdf"
        );
        assert_eq!(pseudonymous_name(&material, "uden-endelse"), "sag-a");
    }
}
