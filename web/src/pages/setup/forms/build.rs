//! From the builder's choices to rating forms, and back: which indicators to suggest, how the items
//! and their stable ids are made, and how stored forms fill the builder again.
//!
//! Item ids: an indicator item is the indicator's id ("8.a"); the others are `helhedsvurdering`,
//! `nominering-8.a`, `sagsudvaelgelse`, `refleksion-<slug of the question>` and
//! `tjek-<slug of the requirement>`, so saving the same choices again gives the same ids.

use std::collections::BTreeSet;

use audit::{
    Audit, FormItem, ItemId, ItemKind, Kvalitetsmodel, MaterialId, RatingForm, Scale, Tilbud,
};

use super::super::focus;
use super::super::scale::{self, main_scale, parse_scale};
use super::super::slug::{slug, unique};
use crate::components::form::FieldErrors;
use crate::extract::Fields;

/// The radio value for "all material".
pub(super) const ALL: &str = "alle";
/// The radio value for "chosen material".
pub(super) const CHOSEN: &str = "udvalgte";

/// The builder's values as text, as entered or as filled from the stored forms.
#[derive(Debug, Clone, Default)]
pub(super) struct Draft {
    pub(super) titel: String,
    pub(super) skala: String,
    pub(super) skala_labels: String,
    pub(super) materialer: String,
    pub(super) valgte: Vec<String>,
    pub(super) indikatorer: Vec<String>,
    pub(super) helhed: bool,
    pub(super) nominering: bool,
    pub(super) sager: String,
    pub(super) refleksion: String,
    pub(super) tjekliste: String,
}

impl Draft {
    pub(super) fn from_fields(fields: &Fields) -> Draft {
        Draft {
            titel: fields.trimmed("titel").to_owned(),
            skala: fields.trimmed("skala").to_owned(),
            skala_labels: fields.get("skala_labels").trim().to_owned(),
            materialer: fields.trimmed("materialer").to_owned(),
            valgte: fields.all("materiale"),
            indikatorer: fields.all("indikator"),
            helhed: fields.checked("helhed"),
            nominering: fields.checked("nominering"),
            sager: fields.trimmed("sager").to_owned(),
            refleksion: fields.get("refleksion").trim().to_owned(),
            tjekliste: fields.get("tjekliste").trim().to_owned(),
        }
    }

    /// The builder filled from the audit's forms, or with the suggested indicators when it has no items.
    pub(super) fn of_audit(audit: &Audit, suggested: &[String]) -> Draft {
        let (skala, skala_labels) =
            scale::draft_of(Some(&main_scale(audit).unwrap_or(Scale::Drift)));
        let main = audit.forms.iter().find(|f| f.scale != Scale::Tjekliste);
        let items: Vec<&FormItem> = audit.forms.iter().flat_map(|f| &f.items).collect();
        let texts = |wanted: fn(&ItemKind) -> bool| {
            items
                .iter()
                .filter(|i| wanted(&i.kind))
                .map(|i| i.tekst.clone())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let materials = main.map(|f| &f.materials).filter(|m| !m.is_empty());
        Draft {
            titel: main.map_or_else(|| "Vurderingsskema".to_owned(), |f| f.titel.clone()),
            skala,
            skala_labels,
            materialer: if materials.is_some() { CHOSEN } else { ALL }.to_owned(),
            valgte: materials
                .map(|m| m.iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
            indikatorer: if items.is_empty() {
                suggested.to_vec()
            } else {
                items
                    .iter()
                    .filter_map(|i| match &i.kind {
                        ItemKind::Indikator { indikator } => Some(indikator.clone()),
                        _ => None,
                    })
                    .collect()
            },
            helhed: items.iter().any(|i| i.kind == ItemKind::Helhedsvurdering),
            nominering: items
                .iter()
                .any(|i| matches!(i.kind, ItemKind::Nominering { .. })),
            sager: items
                .iter()
                .find_map(|i| match i.kind {
                    ItemKind::Sagsudvaelgelse { antal } => Some(antal.to_string()),
                    _ => None,
                })
                .unwrap_or_default(),
            refleksion: texts(|k| *k == ItemKind::Refleksion),
            tjekliste: texts(|k| *k == ItemKind::Tjekliste),
        }
    }
}

/// The offers of the material a form would cover (`chosen` empty: all), where known.
pub(super) fn offers(audit: &Audit, chosen: &[String]) -> Vec<Tilbud> {
    audit
        .materials
        .iter()
        .filter(|m| chosen.is_empty() || chosen.iter().any(|c| c == m.id.as_str()))
        .filter_map(|m| m.tilbud)
        .collect()
}

/// The indicators to pre-check: those in the audit's focus that apply to at least one of the covered
/// material's offers (all of the focus when no offer is known), in model order.
pub(super) fn suggested(audit: &Audit, model: &Kvalitetsmodel) -> Vec<String> {
    let in_focus = match focus::parse(model, &audit.fokus).0 {
        Some(choice) => choice.indicators(model),
        None => return Vec::new(),
    };
    let offers = offers(audit, &[]);
    model
        .indikatorer()
        .filter(|i| in_focus.contains(&i.id))
        .filter(|i| offers.is_empty() || offers.iter().any(|o| i.gaelder.omfatter(o)))
        .map(|i| i.id.clone())
        .collect()
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Appends an item with id `base` (or `base-2` … when taken); `Err` names an id the domain refuses,
/// which a slug or a model indicator id never is.
fn push(
    items: &mut Vec<FormItem>,
    base: &str,
    tekst: String,
    kind: ItemKind,
) -> Result<(), String> {
    let id = unique(base, 40, |c| items.iter().any(|i| i.id.as_str() == c));
    let id = ItemId::new(id)
        .map_err(|err| format!("Punktet »{tekst}« giver ikke et gyldigt id: {err}."))?;
    items.push(FormItem { id, tekst, kind });
    Ok(())
}

/// The forms the builder's choices make: the main form on the chosen scale, and a checklist form when
/// checklist requirements were written; or the errors next to the fields.
pub(super) fn build(
    draft: &Draft,
    audit: &Audit,
    model: &Kvalitetsmodel,
) -> Result<Vec<RatingForm>, FieldErrors> {
    let mut errors = FieldErrors::default();
    if draft.titel.is_empty() {
        errors.add(
            "titel",
            "Skriv skemaets titel, f.eks. »Vurderingsskema: Organisation og ledelse«.",
        );
    } else {
        errors.check_text(
            "titel",
            "skemaets titel",
            &draft.titel,
            audit::text::TITLE_MAX,
        );
    }
    let scale = match parse_scale(&draft.skala, &draft.skala_labels) {
        Ok(scale) => Some(scale),
        Err(message) => {
            errors.add(
                if draft.skala == "ordinal" {
                    "skala_labels"
                } else {
                    "skala"
                },
                message,
            );
            None
        }
    };
    let materials: Vec<MaterialId> = match draft.materialer.as_str() {
        CHOSEN => {
            let chosen: Vec<MaterialId> = audit
                .materials
                .iter()
                .filter(|m| draft.valgte.iter().any(|v| v == m.id.as_str()))
                .map(|m| m.id.clone())
                .collect();
            if let Some(unknown) = draft
                .valgte
                .iter()
                .find(|v| !audit.materials.iter().any(|m| m.id.as_str() == *v))
            {
                errors.add(
                    "materialer",
                    format!("Materialet »{unknown}« findes ikke i auditforløbet."),
                );
            } else if chosen.is_empty() {
                errors.add(
                    "materialer",
                    "Vælg mindst ét materiale, eller vælg »Alt materiale«.",
                );
            }
            chosen
        }
        _ => Vec::new(),
    };
    let covered = if materials.is_empty() {
        audit.materials.len()
    } else {
        materials.len()
    };
    let known: BTreeSet<&str> = model.indikatorer().map(|i| i.id.as_str()).collect();
    if let Some(unknown) = draft
        .indikatorer
        .iter()
        .find(|i| !known.contains(i.as_str()))
    {
        errors.add(
            "indikator",
            format!(
                "Indikatoren »{unknown}« findes ikke i kvalitetsmodellen version {}.",
                model.version()
            ),
        );
    }
    let sager = match draft.sager.as_str() {
        "" | "0" => None,
        text => {
            match text.parse::<u32>() {
                Ok(k) if k as usize > covered => {
                    errors.add(
                    "sager",
                    format!("Der kan ikke udvælges {k} sager, når skemaet dækker {covered} materialer."),
                );
                    None
                }
                Ok(k) => Some(k),
                Err(_) => {
                    errors.add(
                        "sager",
                        format!("Antallet af sager »{text}« er ikke et helt tal fra 1 og op."),
                    );
                    None
                }
            }
        }
    };
    let refleksion = lines(&draft.refleksion);
    let tjekliste = lines(&draft.tjekliste);
    for (field, texts) in [("refleksion", &refleksion), ("tjekliste", &tjekliste)] {
        if let Some(long) = texts.iter().find(|t| t.chars().count() > 500) {
            let start: String = long.chars().take(40).collect();
            errors.add(
                field,
                format!("Linjen »{start}…« er for lang (højst 500 tegn pr. linje)."),
            );
        } else {
            for text in texts.iter() {
                if !errors.check_text(field, "linjen", text, 500) {
                    break;
                }
            }
        }
    }
    let chosen = focus::in_model_order(model, &draft.indikatorer);
    let indicators: Vec<&audit::Indikator> = model
        .indikatorer()
        .filter(|i| chosen.contains(&i.id))
        .collect();
    let mut items = Vec::new();
    let mut refused = Vec::new();
    let mut add = |items: &mut Vec<FormItem>, base: &str, tekst: String, kind: ItemKind| {
        if let Err(message) = push(items, base, tekst, kind) {
            refused.push(message);
        }
    };
    for ind in &indicators {
        add(
            &mut items,
            &ind.id,
            ind.tekst.clone(),
            ItemKind::Indikator {
                indikator: ind.id.clone(),
            },
        );
    }
    if draft.helhed {
        add(
            &mut items,
            "helhedsvurdering",
            "Helhedsvurdering af materialet".into(),
            ItemKind::Helhedsvurdering,
        );
    }
    if draft.nominering {
        if indicators.is_empty() {
            add(
                &mut items,
                "nominering",
                "Nominér det bedste eksempel blandt materialet".into(),
                ItemKind::Nominering { indikator: None },
            );
        }
        for ind in &indicators {
            add(
                &mut items,
                &format!("nominering-{}", ind.id),
                format!(
                    "Nominér det bedste eksempel på bedømmelsen af indikator {}: {}",
                    ind.id, ind.tekst
                ),
                ItemKind::Nominering {
                    indikator: Some(ind.id.clone()),
                },
            );
        }
    }
    if let Some(antal) = sager {
        add(
            &mut items,
            "sagsudvaelgelse",
            format!("Udvælg {antal} sager, som panelet skal drøfte på auditmødet"),
            ItemKind::Sagsudvaelgelse { antal },
        );
    }
    for question in &refleksion {
        add(
            &mut items,
            &format!("refleksion-{}", slug(question, 29)),
            question.clone(),
            ItemKind::Refleksion,
        );
    }
    let mut checklist = Vec::new();
    for requirement in &tjekliste {
        // Unique across both forms: item ids are unique within the audit.
        let base = unique(&format!("tjek-{}", slug(requirement, 35)), 40, |c| {
            items.iter().any(|i| i.id.as_str() == c)
        });
        add(
            &mut checklist,
            &base,
            requirement.clone(),
            ItemKind::Tjekliste,
        );
    }
    for message in refused {
        errors.add("indikator", message);
    }
    if items.is_empty() && checklist.is_empty() && errors.is_empty() {
        errors.add(
            "indikator",
            "Skemaet har ingen punkter. Vælg mindst én indikator, eller tilføj helhedsvurdering, nominering, sagsudvælgelse, refleksionsspørgsmål eller tjeklistepunkter.",
        );
    }
    let Some(scale) = scale.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    let mut forms = Vec::new();
    if !items.is_empty() || checklist.is_empty() {
        forms.push(RatingForm {
            titel: draft.titel.clone(),
            scale,
            materials: materials.clone(),
            items,
        });
    }
    if !checklist.is_empty() {
        forms.push(RatingForm {
            titel: "Tjekliste".into(),
            scale: Scale::Tjekliste,
            materials,
            items: checklist,
        });
    }
    Ok(forms)
}

#[cfg(test)]
mod tests {
    use audit::{ItemKind, Scale};

    use super::{Draft, build};

    fn audit() -> audit::Audit {
        audit::Audit {
            nr: "25.3".parse().unwrap(),
            titel: "Ledelse".into(),
            formaal: "Kalibrering".into(),
            fokus: "Indikator 8.a og 8.c.".into(),
            model_version: "2024".into(),
            state: audit::WorkflowState::Planlaegning,
            deadline: None,
            meeting_date: None,
            reveal_rule: audit::Afsloeringsregel::VedMoedet,
            panel: vec![],
            materials: vec![],
            forms: vec![],
        }
    }

    #[test]
    fn every_kind_of_item_gets_a_stable_id() {
        let model = audit::builtin::kvalitetsmodel("2024").unwrap();
        let draft = Draft {
            titel: "Skema".into(),
            skala: "drift".into(),
            materialer: "alle".into(),
            indikatorer: vec!["8.b".into(), "8.a".into()],
            helhed: true,
            nominering: true,
            refleksion: "Hvad kendetegner god praksis?\n\nHvad kan vi lære?".into(),
            tjekliste: "Rapporten er dateret\nRapporten er dateret".into(),
            ..Draft::default()
        };
        let forms = build(&draft, &audit(), &model).unwrap();
        let ids: Vec<&str> = forms
            .iter()
            .flat_map(|f| &f.items)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "8.a",
                "8.b",
                "helhedsvurdering",
                "nominering-8.a",
                "nominering-8.b",
                "refleksion-hvad-kendetegner-god-praksis",
                "refleksion-hvad-kan-vi-laere",
                "tjek-rapporten-er-dateret",
                "tjek-rapporten-er-dateret-2",
            ]
        );
        assert_eq!(
            (forms[0].scale.clone(), forms[1].scale.clone()),
            (Scale::Drift, Scale::Tjekliste)
        );
        assert_eq!(
            forms[0].items[0].tekst,
            model.indikatorer().find(|i| i.id == "8.a").unwrap().tekst
        );
        assert_eq!(
            build(&draft, &audit(), &model).unwrap(),
            forms,
            "the same choices, the same forms"
        );
    }

    #[test]
    fn bad_choices_are_refused_next_to_their_fields() {
        let model = audit::builtin::kvalitetsmodel("2024").unwrap();
        let empty = Draft {
            titel: "Skema".into(),
            skala: "drift".into(),
            ..Draft::default()
        };
        assert!(
            build(&empty, &audit(), &model)
                .unwrap_err()
                .get("indikator")
                .unwrap()
                .contains("ingen punkter")
        );
        let too_many = Draft {
            sager: "3".into(),
            helhed: true,
            ..empty.clone()
        };
        assert!(
            build(&too_many, &audit(), &model)
                .unwrap_err()
                .get("sager")
                .unwrap()
                .contains("0 materialer")
        );
        let unknown = Draft {
            indikatorer: vec!["99.z".into()],
            ..empty
        };
        assert!(
            build(&unknown, &audit(), &model)
                .unwrap_err()
                .get("indikator")
                .unwrap()
                .contains("»99.z«")
        );
        assert!(matches!(
            ItemKind::Helhedsvurdering,
            ItemKind::Helhedsvurdering
        ));
    }
}
