//! The material page: the items with their files and the forms to replace or remove them, and the
//! multipart form to add an item with its file.

use audit::{Audit, Material, Materialetype, Tilbudstype, Tilsyn, WorkflowState};
use maud::{Markup, html};
use store::files::FileInfo;
use store::material_scan::CprWarning;

use super::super::audit_path;
use super::super::widgets::{Control, checkbox, error_summary, refusal};
use super::{MAX_UPLOAD_BYTES, Shown, kind_id, size_text};
use crate::auth::CurrentUser;
use crate::components::date::DanishDate;
use crate::components::form::FieldErrors;
use crate::components::form::csrf_field;
use crate::components::labels::capitalized;
use crate::components::table::scroll_region;

pub(super) fn view(
    user: &CurrentUser,
    audit: &Audit,
    files: &[FileInfo],
    warnings: &[CprWarning],
    shown: &Shown,
) -> Markup {
    let planning = audit.state == WorkflowState::Planlaegning;
    html! {
            p.no-print { a href=(audit_path(audit, "")) { "Tilbage til auditforløb " (audit.nr) } }
            (refusal(shown.refusal.as_deref()))
            (error_summary(&shown.errors))
            (cpr_warnings(user, audit, warnings))
            @if audit.materials.is_empty() {
                p { "Der er endnu ikke tilføjet materiale." }
            } @else {
                (scroll_region("Materialet", html! {
    table.material {
                    caption { (audit.materials.len()) " materialer. Panelet ser kun pseudonym og art." }
                    thead {
                        tr {
                            th scope="col" { "Pseudonym" }
                            th scope="col" { "Art" }
                            th scope="col" { "Socialtilsyn" }
                            th scope="col" { "Tilbud" }
                            th scope="col" { "Beskrivelse" }
                            th scope="col" { "Tilsynets egne scorer" }
                            th scope="col" { "Fil" }
                            @if planning { th.no-print scope="col" { "Ændr" } }
                        }
                    }
                    tbody {
                        @for m in &audit.materials {
                            @let file = files.iter().find(|f| f.material == m.id);
                            tr {
                                td { (m.pseudonym) }
                                td { (capitalized(m.kind.navn())) }
                                td { (m.tilsyn.fulde_navn()) }
                                td { @match &m.tilbud { Some(t) => (t), None => span.muted { "Ikke angivet" } } }
                                td {
                                    (m.beskrivelse)
                                    @if let Some(dato) = m.dato { " " span.muted { "Dateret " (DanishDate(dato)) "." } }
                                }
                                td {
                                    @if m.original_scores.is_empty() { span.muted { "Ingen" } }
                                    @else {
                                        (m.original_scores.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", "))
                                    }
                                }
                                td {
                                    @match file {
                                        Some(f) => {
                                            a href=(audit_path(audit, &format!("/material/{}/download", m.id))) {
                                                "Hent " (f.file_name)
                                            }
                                            " " span.muted { "(" (size_text(f.size)) ", " (f.media_type) ")" }
                                        },
                                        None => span.muted { "Ingen fil" },
                                    }
                                }
                                @if planning { td.no-print { (row_forms(user, audit, m, &shown.errors)) } }
                            }
                        }
                    }
                }
    }))
            }
            @if planning || !shown.draft.pseudonym.is_empty() {
                // After a refused post the form stays, with what was entered.
                (add_form(user, audit, shown))
            }
            @if !planning {
                p.notice {
                    "Auditforløbet er i tilstanden " (audit.state.navn()) ". Materialet og dets filer ligger fast, "
                    "fordi panelet bedømmer netop dem."
                }
            }
        }
}

/// The possible CPR numbers found on upload, masked, with the koordinator's choice: replace the file
/// (the row's form below) or confirm that it may be released to the panel.
fn cpr_warnings(user: &CurrentUser, audit: &Audit, warnings: &[CprWarning]) -> Markup {
    html! {
        @if !warnings.is_empty() {
            section.cpr-warnings aria-labelledby="cpr-advarsler" {
                h2 #cpr-advarsler { "Mulige CPR-numre i materialet" }
                p {
                    "Auditmateriale handler om borgere. Filerne herunder ser ud til at indeholde CPR-numre. "
                    "De frigives ikke til panelet, og vurderingen kan ikke begynde, før du har set på dem: "
                    "erstat filen med en udgave uden CPR-numre, eller bekræft, at den må frigives."
                }
                @for w in warnings {
                    @let name = audit.material(&w.material).map_or(w.material.as_str(), |m| m.pseudonym.as_str());
                    h3 { (name) }
                    ul {
                        @for f in &w.findings {
                            li { (f.placering) ": " code { (f.udsnit) } }
                        }
                    }
                    @match &w.confirmed {
                        Some((who, _)) => p.muted { "Bekræftet til panelet af " (who) "." },
                        None => form.row-form method="post"
                            action=(audit_path(audit, &format!("/material/{}/cpr", w.material))) {
                            (csrf_field(user.csrf_token()))
                            button.secondary type="submit" {
                                "Bekræft, at filen må frigives til panelet"
                                span.visually-hidden { " (" (name) ")" }
                            }
                        },
                    }
                }
            }
        }
    }
}

fn row_forms(user: &CurrentUser, audit: &Audit, m: &Material, errors: &FieldErrors) -> Markup {
    let field = format!("fil-{}", m.id);
    let error = errors.get(&field);
    html! {
        form.row-form method="post" enctype="multipart/form-data"
            action=(audit_path(audit, &format!("/material/{}/file", m.id))) {
            // First field: the CSRF middleware reads the token from the start of a multipart body.
            (csrf_field(user.csrf_token()))
            div.field {
                label for=(field) { "Ny fil" span.visually-hidden { " til " (m.pseudonym) } }
                input type="file" id=(field) name="fil" required
                    aria-invalid=[error.map(|_| "true")]
                    aria-describedby=[error.map(|_| format!("{field}-fejl"))];
                @if let Some(error) = error { p.field-error id=(format!("{field}-fejl")) { (error) } }
            }
            button.secondary type="submit" { "Erstat fil" span.visually-hidden { " til " (m.pseudonym) } }
        }
        form.row-form method="post" action=(audit_path(audit, "/material/remove")) {
            (csrf_field(user.csrf_token()))
            input type="hidden" name="material" value=(m.id);
            button.secondary type="submit" { "Fjern" span.visually-hidden { " " (m.pseudonym) } }
        }
    }
}

fn add_form(user: &CurrentUser, audit: &Audit, shown: &Shown) -> Markup {
    let draft = &shown.draft;
    let errors = &shown.errors;
    let tilsyn: Vec<(String, String)> =
        std::iter::once((String::new(), "Vælg socialtilsyn".to_owned()))
            .chain(
                Tilsyn::ALL
                    .iter()
                    .map(|t| (t.id().to_owned(), t.fulde_navn())),
            )
            .collect();
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), "Vælg art".to_owned()))
        .chain(
            Materialetype::ALL
                .iter()
                .map(|k| (kind_id(*k), capitalized(k.navn()))),
        )
        .collect();
    let file_error = errors.get("fil");
    let limit = size_text(i64::try_from(MAX_UPLOAD_BYTES).unwrap_or(i64::MAX));
    html! {
        section.no-print aria-labelledby="tilfoej-materiale" {
            h2 #tilfoej-materiale { "Tilføj materiale" }
            form.setup method="post" enctype="multipart/form-data"
                action=(audit_path(audit, "/material")) {
                // First field: the CSRF middleware reads the token from the start of a multipart body.
                (csrf_field(user.csrf_token()))
                (Control::new("pseudonym", "Pseudonym", &draft.pseudonym)
                    .hint("Det navn, panelet ser, f.eks. »Sag A«; det må ikke afsløre tilbuddet eller tilsynet.")
                    .required()
                    .input("text", errors))
                (Control::new("tilsyn", "Socialtilsyn", &draft.tilsyn).required().select(&tilsyn, errors))
                (Control::new("kind", "Art", &draft.kind).required().select(&kinds, errors))
                (Control::new("beskrivelse", "Beskrivelse (kun for koordinatoren)", &draft.beskrivelse)
                    .input("text", errors))
                (Control::new("dato", "Dokumentets dato (valgfri)", &super::super::dates::input_value(&draft.dato))
                    .hint("En tilsynsrapports dato. I en stikprøve efter den faglige udtalelse skal hver rapport have en dato fra 1. januar 2024 eller senere.")
                    .input("date", errors))
                (offer_types(&draft.tilbudstyper, errors))
                (checkbox("privat", "privat", "ja", draft.privat, html! { "Privat tilbud med bestyrelse" }))
                (Control::new("original_scores", "Tilsynets egne scorer (valgfri)", &draft.original_scores)
                    .hint("Indikator og score, f.eks. 8.a=4, 8.b=3.")
                    .input("text", errors))
                div.field {
                    label for="fil" { "Fil" }
                    input type="file" id="fil" name="fil"
                        aria-invalid=[file_error.map(|_| "true")]
                        aria-describedby=(if file_error.is_some() { "fil-hjaelp fil-fejl" } else { "fil-hjaelp" });
                    p.hint #fil-hjaelp { "Højst " (limit) " pr. fil. Filen kan også tilføjes senere." }
                    @if let Some(error) = file_error { p.field-error #fil-fejl { (error) } }
                }
                button type="submit" { "Tilføj materiale" }
            }
        }
    }
}
/// The offer types as checkboxes: a tilbud may be approved as several types at once, and then the indicators of
/// each apply.
fn offer_types(checked: &[String], errors: &FieldErrors) -> Markup {
    let error = errors.get("tilbudstype");
    html! {
        fieldset.valg #tilbudstype aria-describedby=(if error.is_some() { "tilbudstype-hjaelp tilbudstype-fejl" } else { "tilbudstype-hjaelp" }) {
            legend { "Tilbudstype (valgfri)" }
            p.hint #tilbudstype-hjaelp {
                "Afgør, hvilke indikatorer der foreslås i vurderingsskemaet. Sæt flere kryds, når tilbuddet er godkendt som flere tilbudstyper (fx både § 66 og § 107). En plejefamilie vurderes ikke efter kvalitetsmodellen for tilbud."
            }
            @for t in Tilbudstype::ALL {
                (checkbox("tilbudstype", &format!("tilbudstype-{}", t.id()), t.id(), checked.iter().any(|c| c == t.id()),
                    html! { (t.navn()) " (" (t.lovhenvisning()) ")" }))
            }
            @if let Some(e) = error { p.field-error #tilbudstype-fejl role="alert" { (e) } }
        }
    }
}
