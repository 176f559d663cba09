//! The audit's material: `GET /audits/{nr}/material` lists it; `POST` there adds an item with its
//! uploaded file (multipart, at most [`MAX_UPLOAD_BYTES`]); `POST …/material/{id}/file` replaces a file;
//! `POST …/material/remove` removes an item; `GET …/material/{id}/download` serves the file;
//! `POST …/material/{id}/cpr` confirms a file the upload's CPR scan flagged.
//!
//! Every uploaded file is scanned for CPR numbers (`crate::material_text`, `audit::cpr`); the page
//! shows each hit masked with its page or line, and a flagged file stays with the koordinator until it
//! is confirmed or replaced.
//!
//! An upload over the limit is answered with a Danish 413 page (the form again, the error next to the
//! file field) and stores nothing: the item and its file are stored together in one transaction
//! (`store::material_upload`), only after every field has been read and checked.
//!
//! Downloads are attachments with the stored media type (`X-Content-Type-Options: nosniff` is set for
//! every response). The koordinator and the audit's panel may download; a panelist gets the file under
//! its pseudonym ("rapport-a.pdf"), never under its uploaded name, which may name the offer or the
//! tilsyn.

mod download;
pub(crate) use download::href as material_file_href;
pub(crate) use download::view_href as material_view_href;
mod upload;
mod view;

use std::collections::BTreeMap;

use audit::{Audit, Kvalitetsmodel, Material, Materialetype, Scale, Tilbud, Tilbudstype, Tilsyn};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};

use super::scale::main_scale;
use super::slug::{slug, unique};
use super::{Answer, SetupPage, audit_path, saved_or_refused, see_other, show, with_status};
use crate::access::KoordinatorPage;
use crate::components::form::FieldErrors;
use crate::components::labels::capitalized;
use crate::error::AppError;
use crate::extract::{Fields, PagePath};
use crate::layout;
use crate::state::AppState;
use audit::AuditNr;

/// The largest file the koordinator may upload: 20 MB.
pub(crate) const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// Room for the form's other fields and the multipart framing around the file.
const FORM_OVERHEAD: usize = 256 * 1024;

/// The routes of this part.
pub(super) fn router() -> Router<AppState> {
    let limit = DefaultBodyLimit::max(MAX_UPLOAD_BYTES + FORM_OVERHEAD);
    Router::new()
        .route(
            "/audits/{nr}/material",
            get(show::<Shown>).post(upload::add).layer(limit),
        )
        .route(
            "/audits/{nr}/material/{id}/file",
            post(upload::replace).layer(limit),
        )
        .route("/audits/{nr}/material/remove", post(remove))
        .route("/audits/{nr}/material/{id}/cpr", post(confirm_cpr))
        .route("/audits/{nr}/material/{id}/download", get(download::file))
}

/// The serde id of a material kind ("tilsynsrapport").
fn kind_id(kind: Materialetype) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(id)) => id,
        _ => String::new(),
    }
}

/// A size in Danish: "512 B", "14,2 kB", "20,0 MB".
pub(super) fn size_text(bytes: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} kB", audit::danske_tal::decimal(b / 1024.0, 1))
    } else {
        format!(
            "{} MB",
            audit::danske_tal::decimal(b / (1024.0 * 1024.0), 1)
        )
    }
}

/// The add form's values as entered.
#[derive(Debug, Clone, Default)]
struct Draft {
    pseudonym: String,
    tilsyn: String,
    kind: String,
    beskrivelse: String,
    tilbudstyper: Vec<String>,
    privat: bool,
    original_scores: String,
    dato: String,
}

impl Draft {
    fn from_fields(fields: &Fields) -> Draft {
        Draft {
            pseudonym: fields.trimmed("pseudonym").to_owned(),
            tilsyn: fields.trimmed("tilsyn").to_owned(),
            kind: fields.trimmed("kind").to_owned(),
            beskrivelse: fields.trimmed("beskrivelse").to_owned(),
            tilbudstyper: fields.all("tilbudstype"),
            privat: fields.checked("privat"),
            original_scores: fields.trimmed("original_scores").to_owned(),
            dato: fields.trimmed("dato").to_owned(),
        }
    }

    /// The offer: none when no type is checked, one of every checked type otherwise (a tilbud may be approved
    /// as several types at once); `None` with an error beside the field when the choice is not an offer.
    fn tilbud(&self, errors: &mut FieldErrors) -> Option<Option<Tilbud>> {
        if self.tilbudstyper.is_empty() {
            if self.privat {
                errors.add(
                    "tilbudstype",
                    "Vælg tilbudstypen, når tilbuddet er markeret som privat med bestyrelse.",
                );
                return None;
            }
            return Some(None);
        }
        let types = match self
            .tilbudstyper
            .iter()
            .map(|id| id.parse::<Tilbudstype>())
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(types) => types,
            Err(audit::tilbudstype::UkendtTilbudstype(id)) => {
                errors.add("tilbudstype", format!("Ukendt tilbudstype »{id}«."));
                return None;
            }
        };
        match Tilbud::af_typer(types) {
            Ok(tilbud) => Some(Some(tilbud.med_bestyrelse(self.privat))),
            Err(e) => {
                errors.add("tilbudstype", capitalized(&e.to_string()) + ".");
                None
            }
        }
    }

    /// The new item, or errors next to the fields.
    fn check(
        &self,
        audit: &Audit,
        model: &Kvalitetsmodel,
        errors: &mut FieldErrors,
    ) -> Option<Material> {
        let pseudonym = if self.pseudonym.is_empty() {
            errors.add(
                "pseudonym",
                "Skriv det pseudonym, panelet skal se, f.eks. »Sag A«.",
            );
            None
        } else if !errors.check_text("pseudonym", "pseudonymet", &self.pseudonym, 80) {
            None
        } else if audit.pseudonym_in_use(&self.pseudonym) {
            errors.add(
                "pseudonym",
                format!(
                    "Pseudonymet »{}« bruges allerede i dette auditforløb; panelet skal kunne skelne materialet.",
                    self.pseudonym
                ),
            );
            None
        } else {
            Some(self.pseudonym.clone())
        };
        let tilsyn = self.tilsyn.parse::<Tilsyn>().ok();
        if tilsyn.is_none() {
            errors.add("tilsyn", "Vælg det socialtilsyn, materialet kommer fra.");
        }
        let kind = Materialetype::ALL
            .into_iter()
            .find(|k| kind_id(*k) == self.kind);
        if kind.is_none() {
            errors.add("kind", "Vælg materialets art.");
        }
        errors.check_text("beskrivelse", "beskrivelsen", &self.beskrivelse, 500);
        let tilbud = self.tilbud(errors);
        let scores = match parse_scores(&self.original_scores, model, main_scale(audit).as_ref()) {
            Ok(scores) => Some(scores),
            Err(message) => {
                errors.add("original_scores", message);
                None
            }
        };
        let dato = match super::dates::parse_date(&self.dato) {
            Ok(dato) => Some(dato),
            Err(message) => {
                errors.add("dato", message);
                None
            }
        };
        let (
            Some(pseudonym),
            Some(tilsyn),
            Some(kind),
            Some(tilbud),
            Some(original_scores),
            Some(dato),
        ) = (pseudonym, tilsyn, kind, tilbud, scores, dato)
        else {
            return None;
        };
        let base = slug(&pseudonym, 40);
        let id = unique(&base, 40, |c| {
            audit.materials.iter().any(|m| m.id.as_str() == c)
        });
        let id = match id.parse() {
            Ok(id) => id,
            Err(err) => {
                errors.add(
                    "pseudonym",
                    format!("Pseudonymet giver ikke et gyldigt id: {err}."),
                );
                return None;
            }
        };
        Some(Material {
            id,
            pseudonym,
            tilsyn,
            kind,
            beskrivelse: self.beskrivelse.clone(),
            original_scores,
            tilbud,
            sagsforloeb: None,
            dato,
        })
    }
}

/// The tilsyn's own scores as typed ("8.a=4, 8.b=3"; `:` for `=`, `;` or new lines between), checked
/// against the model and, when the audit has one, its scale.
fn parse_scores(
    text: &str,
    model: &Kvalitetsmodel,
    scale: Option<&Scale>,
) -> Result<BTreeMap<String, i32>, String> {
    let mut scores = BTreeMap::new();
    for part in text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some((id, value)) = part.split_once(['=', ':']) else {
            return Err(format!(
                "»{part}« mangler en score. Skriv indikator og score, f.eks. 8.a=4."
            ));
        };
        let (id, value) = (id.trim(), value.trim());
        if !model.indikatorer().any(|i| i.id == id) {
            return Err(format!(
                "Indikatoren »{id}« findes ikke i kvalitetsmodellen version {}.",
                model.version()
            ));
        }
        let Ok(value) = value.parse::<i32>() else {
            return Err(format!("Scoren »{value}« for {id} er ikke et helt tal."));
        };
        if let Some(scale) = scale
            && let Err(err) = scale.validate(value)
        {
            return Err(format!("Scoren for {id}: {err}."));
        }
        if scores.insert(id.to_owned(), value).is_some() {
            return Err(format!("Indikatoren {id} har fået to scorer."));
        }
    }
    Ok(scores)
}

/// What the page shows besides the audit and its files.
#[derive(Debug, Default)]
struct Shown {
    draft: Draft,
    errors: FieldErrors,
    refusal: Option<String>,
}

/// `POST /audits/{nr}/material/remove`: removes an item (planlægning only; not while a form names it).
async fn remove(page: KoordinatorPage, fields: Fields) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = &page;
    let id = fields.trimmed("material");
    if !audit.materials.iter().any(|m| m.id.as_str() == id) {
        return Err(AppError::Invalid(format!(
            "Materialet »{id}« findes ikke i auditforløbet."
        )));
    }
    let kept: Vec<Material> = audit
        .materials
        .iter()
        .filter(|m| m.id.as_str() != id)
        .cloned()
        .collect();
    let result =
        store::audits::set_materials(&app.db, &audit.nr, &kept, user.username(), app.clock.now())
            .await;
    saved_or_refused(&page, result, Shown::default()).await
}

/// `POST /audits/{nr}/material/{id}/cpr`: the koordinator confirms that a file with possible CPR
/// numbers may be released to the panel.
async fn confirm_cpr(
    page: KoordinatorPage,
    PagePath((_, id)): PagePath<(AuditNr, String)>,
) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = &page;
    let material = id
        .parse::<audit::MaterialId>()
        .ok()
        .filter(|id| audit.material(id).is_some())
        .ok_or(AppError::NotFound)?;
    store::material_scan::confirm_cpr_warning(
        &app.db,
        &audit.nr,
        &material,
        user.username(),
        app.clock.now(),
    )
    .await?;
    Ok(see_other(&audit_path(audit, "/material")))
}

impl SetupPage for Shown {
    const PATH: &'static str = "/material";

    fn refusal(&mut self) -> &mut Option<String> {
        &mut self.refusal
    }

    async fn render(&self, page: &KoordinatorPage, status: StatusCode) -> Answer {
        let (app, user, audit) = (&page.app, &page.user, &page.audit);
        let files = store::files::material_files(&app.db, &audit.nr).await?;
        let warnings = store::material_scan::cpr_warnings(&app.db, &audit.nr).await?;
        let title = format!("Materiale for auditforløb {}", audit.nr);
        let content = view::view(user, audit, &files, &warnings, self);
        Ok(with_status(
            status,
            layout::page(&title, Some(user), content),
        ))
    }
}

#[cfg(test)]
mod tests {
    use audit::Scale;

    use super::{parse_scores, size_text};

    #[test]
    fn sizes_are_written_with_a_decimal_comma() {
        assert_eq!(size_text(512), "512 B");
        assert_eq!(size_text(14_540), "14,2 kB");
        assert_eq!(size_text(20 * 1024 * 1024), "20,0 MB");
    }

    #[test]
    fn original_scores_are_checked_against_model_and_scale() {
        let model = audit::builtin::kvalitetsmodel("2024").unwrap();
        let scores = parse_scores("8.a=4; 8.b: 3\n9.d = 2", &model, Some(&Scale::Drift)).unwrap();
        assert_eq!(scores.len(), 3);
        assert_eq!(scores["8.b"], 3);
        assert!(parse_scores("", &model, None).unwrap().is_empty());
        assert!(
            parse_scores("8.a=6", &model, Some(&Scale::Drift))
                .unwrap_err()
                .contains("8.a")
        );
        assert!(
            parse_scores("99.z=1", &model, None)
                .unwrap_err()
                .contains("»99.z«")
        );
        assert!(
            parse_scores("8.a", &model, None)
                .unwrap_err()
                .contains("mangler en score")
        );
        assert!(
            parse_scores("8.a=fire", &model, None)
                .unwrap_err()
                .contains("helt tal")
        );
    }
}
