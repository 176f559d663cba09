//! Reading an upload: the multipart body field by field, the file counted against
//! [`MAX_UPLOAD_BYTES`](super::MAX_UPLOAD_BYTES) as it arrives, so that an oversized file is never held
//! whole and is answered with the Danish 413 form; then the checked item and file stored together.

use audit::cpr::CprFund;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::http::StatusCode;
use store::files::NewFile;

use super::super::Answer;
use super::super::{SetupPage, model_of, saved_or_refused};
use super::{Draft, MAX_UPLOAD_BYTES, Shown};
use crate::access::KoordinatorPage;
use crate::components::form::FieldErrors;
use crate::components::labels::capitalized;
use crate::error::AppError;
use crate::extract::{Fields, PagePath};
use audit::AuditNr;

/// The media type stored when the browser sends none, or one that is not a plain `type/subtype`.
const OCTET_STREAM: &str = "application/octet-stream";

/// A multipart body as read: the text fields, the file (if one was chosen) and whether it was too big.
#[derive(Debug, Default)]
struct Upload {
    fields: Fields,
    file: Option<NewFile>,
    too_large: bool,
}

fn unreadable() -> AppError {
    AppError::BadRequest(
        "Upload blev ikke modtaget helt eller kunne ikke læses. Intet er gemt; prøv igen."
            .to_owned(),
    )
}

/// Whether a multipart error means the body limit was hit.
fn over_limit(err: &MultipartError) -> bool {
    err.status() == StatusCode::PAYLOAD_TOO_LARGE
}

/// A plain `type/subtype` in lower case, else `application/octet-stream`.
fn clean_media_type(media_type: &str) -> String {
    let media_type = media_type.trim().to_ascii_lowercase();
    let token = |s: &str| {
        !s.is_empty()
            && s.len() <= 80
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    match media_type.split_once('/') {
        Some((kind, sub)) if token(kind) && token(sub) => media_type,
        _ => OCTET_STREAM.to_owned(),
    }
}

/// Reads every field; the file field is `fil`.
async fn read(mut multipart: Multipart) -> Result<Upload, AppError> {
    let mut upload = Upload::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) if over_limit(&err) => {
                upload.too_large = true;
                break;
            }
            Err(_) => return Err(unreadable()),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name != "fil" {
            match field.text().await {
                Ok(text) => upload.fields.push(&name, text),
                Err(err) if over_limit(&err) => {
                    upload.too_large = true;
                    break;
                }
                Err(_) => return Err(unreadable()),
            }
            continue;
        }
        let raw_name = field.file_name().unwrap_or_default().trim().to_owned();
        let media_type = field
            .content_type()
            .map_or_else(|| OCTET_STREAM.to_owned(), clean_media_type);
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    // Past the limit the rest is read and dropped, so the answer reaches the browser.
                    if upload.too_large || bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                        upload.too_large = true;
                        bytes = Vec::new();
                    } else {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(err) if over_limit(&err) => {
                    upload.too_large = true;
                    return Ok(upload);
                }
                Err(_) => return Err(unreadable()),
            }
        }
        // A form sent without choosing a file has an empty part with an empty name.
        let chosen = !raw_name.is_empty() || !bytes.is_empty();
        if chosen && !upload.too_large {
            upload.file = Some(NewFile {
                // No directories, control or reserved characters (`audit::file_name`).
                file_name: audit::file_name::safe_file_name(&raw_name),
                media_type,
                bytes,
            });
        }
    }
    Ok(upload)
}

/// The refusal of an empty file, as a sentence for the form, or `None` for a file with content.
fn empty_message(file: &NewFile) -> Option<String> {
    audit::file_name::check_upload(&file.file_name, file.bytes.len())
        .err()
        .map(|err| {
            format!(
                "{}. Intet er gemt; vælg den fil, der skal uploades.",
                capitalized(&err.to_string())
            )
        })
}

/// Looks for CPR numbers in the file (`crate::material_text`), off the async threads: a large PDF
/// takes a moment to read.
async fn scanned(file: NewFile) -> Result<(NewFile, Vec<CprFund>), AppError> {
    tokio::task::spawn_blocking(move || {
        let cpr = crate::material_text::scan(&file.file_name, &file.media_type, &file.bytes);
        (file, cpr)
    })
    .await
    .map_err(|err| AppError::Internal(Box::new(err)))
}

fn too_large_message() -> String {
    format!(
        "Filen er for stor: den må højst fylde {} MB. Intet er gemt; vælg en mindre fil.",
        MAX_UPLOAD_BYTES / (1024 * 1024)
    )
}

fn multipart_or_400(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Multipart, AppError> {
    multipart.map_err(|_| {
        AppError::BadRequest(
            "Formularen skal sendes som multipart/form-data med filen i feltet »fil«.".to_owned(),
        )
    })
}

/// `POST /audits/{nr}/material`: a new item with its file (or none).
pub(super) async fn add(
    page: KoordinatorPage,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = &page;
    let upload = read(multipart_or_400(multipart)?).await?;
    let model = model_of(app, audit).await?;
    let draft = Draft::from_fields(&upload.fields);
    let mut errors = FieldErrors::default();
    let material = draft.check(audit, &model, &mut errors);
    if upload.too_large {
        errors.add("fil", too_large_message());
    }
    if let Some(message) = upload.file.as_ref().and_then(empty_message) {
        errors.add("fil", message);
    }
    let Some(material) = material.filter(|_| errors.is_empty()) else {
        let status = if upload.too_large {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let shown = Shown {
            draft,
            errors,
            refusal: None,
        };
        return shown.render(&page, status).await;
    };
    let (file, cpr) = match upload.file {
        Some(file) => {
            let (file, cpr) = scanned(file).await?;
            (Some(file), cpr)
        }
        None => (None, Vec::new()),
    };
    let result = store::material_upload::add_material(
        &app.db,
        &audit.nr,
        &material,
        file.as_ref(),
        &cpr,
        user.username(),
        app.clock.now(),
    )
    .await
    .map(|_| ());
    let shown = Shown {
        draft,
        errors,
        refusal: None,
    };
    saved_or_refused(&page, result, shown).await
}

/// `POST /audits/{nr}/material/{id}/file`: a new file for an existing item.
pub(super) async fn replace(
    page: KoordinatorPage,
    PagePath((_, id)): PagePath<(AuditNr, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = &page;
    let material = audit
        .materials
        .iter()
        .find(|m| m.id.as_str() == id)
        .ok_or(AppError::NotFound)?;
    let upload = read(multipart_or_400(multipart)?).await?;
    let field = format!("fil-{}", material.id);
    let mut errors = FieldErrors::default();
    let empty = upload.file.as_ref().and_then(empty_message);
    let (status, file) = match upload.file {
        _ if upload.too_large => (StatusCode::PAYLOAD_TOO_LARGE, None),
        None => (StatusCode::UNPROCESSABLE_ENTITY, None),
        Some(_) if empty.is_some() => (StatusCode::UNPROCESSABLE_ENTITY, None),
        Some(file) => (StatusCode::OK, Some(file)),
    };
    let Some(file) = file else {
        let message = if upload.too_large {
            too_large_message()
        } else if let Some(message) = empty {
            message
        } else {
            format!(
                "Vælg den fil, der skal erstatte filen til {}.",
                material.pseudonym
            )
        };
        errors.add(&field, message);
        let shown = Shown {
            errors,
            ..Shown::default()
        };
        return shown.render(&page, status).await;
    };
    let (file, cpr) = scanned(file).await?;
    let result = store::material_upload::replace_material_file(
        &app.db,
        &audit.nr,
        &material.id,
        &file,
        &cpr,
        user.username(),
        app.clock.now(),
    )
    .await
    .map(|_| ());
    saved_or_refused(&page, result, Shown::default()).await
}

#[cfg(test)]
mod tests {
    use super::clean_media_type;

    #[test]
    fn uploaded_types_are_cleaned() {
        assert_eq!(clean_media_type("Application/PDF"), "application/pdf");
        assert_eq!(
            clean_media_type("text/html; charset=utf-8"),
            "application/octet-stream"
        );
        assert_eq!(clean_media_type("nonsense"), "application/octet-stream");
    }
}
