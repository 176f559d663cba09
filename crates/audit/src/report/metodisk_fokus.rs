//! The generated "Metodisk fokus" text: the rating forms, what each asked of the panel, and the
//! reflection questions.
//!
//! Phrased as the seed reports phrase it. 20.1: "Med henblik på at understøtte systematiske
//! drøftelser var der udarbejdet i alt tre vurderingsskemaer, hvor deltagerne blev bedt om
//! følgende:" and a numbered list. 19.1: deltagerne skulle "identificere de bedste eksempler på
//! bedømmelser af henholdsvis indikator 8.a, indikator 8.b, […] og indikator 9.a" and "Deltagerne
//! blev for hver indikator bedt om at overveje følgende:" four questions. 19.2: "Hver deltager blev
//! desuden i forberedelsen bedt om at udvælge fire sager".
//!
//! One numbered point per form says what each panelist did in it ("I »Vurderingsskema 1: …«
//! bedømte hver deltager indikator 3.a, 3.b, 3.c og 3.d i hver af de fire godkendelsesrapporter
//! (…)"). The reflection questions follow as bullet lists; forms that ask the same questions share
//! one list ("Deltagerne blev for hver indikator bedt om at overveje følgende:").

use super::auditmateriale::materiale_navneord;
use super::document::Blok;
use super::sprog::{Koen, Navneord, VURDERINGSSKEMA, antal, opremsning, talord};
use crate::{Audit, FormItem, ItemKind, Material, Materialetype, RatingForm, Scale};

/// The "Metodisk fokus" blocks for `audit`, generated from its forms (see the [module
/// documentation](self)).
pub fn metodisk_fokus(audit: &Audit) -> Vec<Blok> {
    if audit.forms.is_empty() {
        return vec![Blok::Afsnit(format!(
            "Der er endnu ikke udarbejdet vurderingsskemaer til audit {}.",
            audit.nr
        ))];
    }
    let antal_skemaer = audit.forms.len();
    let indledning = if antal_skemaer == 1 {
        "Med henblik på at understøtte systematiske drøftelser var der udarbejdet ét \
         vurderingsskema:"
            .to_owned()
    } else {
        format!(
            "Med henblik på at understøtte systematiske drøftelser var der udarbejdet i alt {}:",
            antal(antal_skemaer, VURDERINGSSKEMA)
        )
    };
    let mut blokke = vec![
        Blok::Afsnit(indledning),
        Blok::Nummereret(audit.forms.iter().map(|f| skemapunkt(audit, f)).collect()),
    ];
    blokke.extend(spoergsmaal(&audit.forms));
    blokke
}

/// A verb in the past tense and the rest of its phrase, so that the verb can come before the
/// subject: "I »…« [bedømte] hver deltager [indikator 3.a …]".
struct Handling {
    verbum: &'static str,
    resten: String,
}

/// "I »Vurderingsskema 3: Helhedsvurdering« foretog hver deltager en helhedsvurdering af hver af de
/// fire godkendelsesrapporter (…)."
fn skemapunkt(audit: &Audit, form: &RatingForm) -> String {
    let handlinger = handlinger(audit, form);
    let Some((foerste, resten)) = handlinger.split_first() else {
        return format!("»{}« har endnu ingen punkter.", form.titel);
    };
    let mut dele = vec![format!("hver deltager {}", foerste.resten)];
    dele.extend(resten.iter().map(|h| format!("{} {}", h.verbum, h.resten)));
    format!(
        "I »{}« {} {}.",
        form.titel,
        foerste.verbum,
        opremsning(&dele)
    )
}

/// What the form asks, one phrase per kind of item, in the order the kinds first appear.
fn handlinger(audit: &Audit, form: &RatingForm) -> Vec<Handling> {
    let materialer: Vec<&Material> = audit.form_materials(form).collect();
    let mut ud = Vec::new();
    let indikatorer: Vec<&str> = form
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Indikator { indikator } => Some(indikator.as_str()),
            _ => None,
        })
        .collect();
    if !indikatorer.is_empty() {
        ud.push(Handling {
            verbum: "bedømte",
            resten: format!(
                "{} {} ({})",
                indikatorord(&indikatorer),
                i_hver_af(&materialer),
                skala(&form.scale)
            ),
        });
    }
    if has(form, |k| matches!(k, ItemKind::Helhedsvurdering)) {
        ud.push(Handling {
            verbum: "foretog",
            resten: format!(
                "en helhedsvurdering af {} ({})",
                hver_af(&materialer),
                skala(&form.scale)
            ),
        });
    }
    ud.extend(nomineringer(form, &materialer));
    ud.extend(form.items.iter().find_map(|i| match i.kind {
        ItemKind::Sagsudvaelgelse { antal: k } => Some(Handling {
            verbum: "udvalgte",
            resten: format!(
                "{} af {} til drøftelse på auditmødet",
                talord(k as usize, koen(&materialer)),
                de(&materialer)
            ),
        }),
        _ => None,
    }));
    let refleksioner = count(form, |k| matches!(k, ItemKind::Refleksion));
    if refleksioner > 0 {
        ud.push(Handling {
            verbum: "besvarede",
            resten: antal(
                refleksioner,
                Navneord::intetkoen("refleksionsspørgsmål", "refleksionsspørgsmål"),
            ),
        });
    }
    let tjekliste = count(form, |k| matches!(k, ItemKind::Tjekliste));
    if tjekliste > 0 {
        ud.push(Handling {
            verbum: "besvarede",
            resten: format!(
                "{} for {} (ja, nej eller ikke relevant)",
                antal(
                    tjekliste,
                    Navneord::intetkoen("tjeklistepunkt", "tjeklistepunkter")
                ),
                hver_af(&materialer)
            ),
        });
    }
    ud
}

fn has(form: &RatingForm, kind: impl Fn(&ItemKind) -> bool) -> bool {
    form.items.iter().any(|i| kind(&i.kind))
}

fn count(form: &RatingForm, kind: impl Fn(&ItemKind) -> bool) -> usize {
    form.items.iter().filter(|i| kind(&i.kind)).count()
}

/// "udpegede det bedste eksempel på en bedømmelse af indikator 8.a blandt de 10 tilsynsrapporter";
/// several nominations in one form: "de bedste eksempler på bedømmelser af henholdsvis indikator
/// 8.a og indikator 8.b".
fn nomineringer(form: &RatingForm, materialer: &[&Material]) -> Option<Handling> {
    let items: Vec<&FormItem> = form
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Nominering { .. }))
        .collect();
    let indikatorer: Vec<String> = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Nominering {
                indikator: Some(id),
            } => Some(format!("indikator {id}")),
            _ => None,
        })
        .collect();
    let hvad = match (items.len(), indikatorer.as_slice()) {
        (0, _) => return None,
        (1, [en]) => format!("det bedste eksempel på en bedømmelse af {en}"),
        (1, _) => "det bedste eksempel".to_owned(),
        (_, []) => "de bedste eksempler".to_owned(),
        (_, flere) => format!(
            "de bedste eksempler på bedømmelser af henholdsvis {}",
            opremsning(flere)
        ),
    };
    Some(Handling {
        verbum: "udpegede",
        resten: format!("{hvad} blandt {}", de(materialer)),
    })
}

/// "indikator 3.a" / "indikator 3.a, 3.b og 3.c".
fn indikatorord(ids: &[&str]) -> String {
    format!("indikator {}", opremsning(ids))
}

/// How the form's material is called: "sag" for process descriptions (the reports speak of cases),
/// the kind's own noun for one kind, "materiale" for a mix.
fn materialenavn(materialer: &[&Material]) -> Navneord {
    let foerste = materialer.first().map(|m| m.kind);
    match foerste {
        Some(kind) if materialer.iter().all(|m| m.kind == kind) => match kind {
            Materialetype::Procesbeskrivelse => Navneord::faelleskoen("sag", "sager"),
            _ => materiale_navneord(kind),
        },
        _ => Navneord::intetkoen("materiale", "materialer"),
    }
}

fn koen(materialer: &[&Material]) -> Koen {
    materialenavn(materialer).koen
}

/// "de 10 tilsynsrapporter", or the one material's pseudonym.
fn de(materialer: &[&Material]) -> String {
    match materialer {
        [et] => et.pseudonym.clone(),
        flere => format!("de {}", antal(flere.len(), materialenavn(flere))),
    }
}

/// "hver af de fire godkendelsesrapporter", or the one material's pseudonym.
fn hver_af(materialer: &[&Material]) -> String {
    match materialer {
        [et] => et.pseudonym.clone(),
        flere => {
            let hver = if koen(flere) == Koen::Intetkoen {
                "hvert"
            } else {
                "hver"
            };
            format!("{hver} af {}", de(flere))
        }
    }
}

/// "i hver af de fire godkendelsesrapporter", or "i Rapport A".
fn i_hver_af(materialer: &[&Material]) -> String {
    format!("i {}", hver_af(materialer))
}

/// The scale as the reports name its values: "forventes at kunne opfylde / forventes ikke at kunne
/// opfylde" (the approval scale's two values), "1 »i meget lav grad opfyldt« til 5 »i meget høj grad
/// opfyldt«", and for 20.1's graded scale the source's question ("i hvilken grad det var
/// sandsynliggjort") with its four steps.
fn skala(scale: &Scale) -> String {
    match scale {
        Scale::Godkendelse => {
            "»forventes at kunne opfylde« eller »forventes ikke at kunne opfylde«".to_owned()
        }
        Scale::Drift => {
            "på skalaen fra 1 »i meget lav grad opfyldt« til 5 »i meget høj grad opfyldt«"
                .to_owned()
        }
        Scale::Sandsynliggoerelse => {
            "i hvilken grad det var sandsynliggjort: »i høj grad«, »i nogen grad«, »i mindre grad« \
             eller »slet ikke«"
                .to_owned()
        }
        Scale::Ordinal { labels } => {
            let labels: Vec<String> = labels.iter().map(|l| format!("»{l}«")).collect();
            format!("på skalaen {}", opremsning(&labels))
        }
        Scale::Tjekliste => "ja, nej eller ikke relevant".to_owned(),
    }
}

/// The reflection questions, one bullet list per set of questions; forms asking the same questions
/// share a list.
fn spoergsmaal(forms: &[RatingForm]) -> Vec<Blok> {
    let mut grupper: Vec<(Vec<String>, Vec<&RatingForm>)> = Vec::new();
    for form in forms {
        let sp: Vec<String> = form
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Refleksion))
            .map(|i| i.tekst.trim().to_owned())
            .collect();
        if sp.is_empty() {
            continue;
        }
        match grupper.iter_mut().find(|(andre, _)| *andre == sp) {
            Some((_, fs)) => fs.push(form),
            None => grupper.push((sp, vec![form])),
        }
    }
    grupper
        .into_iter()
        .flat_map(|(sp, fs)| [Blok::Afsnit(spoergsmaalsindledning(&fs)), Blok::Punkter(sp)])
        .collect()
}

/// "Deltagerne blev for hver indikator bedt om at overveje følgende:" when every form of the group
/// nominates for one indicator (19.1), otherwise naming the forms.
fn spoergsmaalsindledning(forms: &[&RatingForm]) -> String {
    let en_indikator_hver = forms.len() > 1
        && forms.iter().all(|f| {
            f.items
                .iter()
                .filter(|i| {
                    matches!(
                        i.kind,
                        ItemKind::Nominering { indikator: Some(_) } | ItemKind::Indikator { .. }
                    )
                })
                .count()
                == 1
        });
    match forms {
        _ if en_indikator_hver => {
            "Deltagerne blev for hver indikator bedt om at overveje følgende:".to_owned()
        }
        [en] => format!(
            "I »{}« blev deltagerne bedt om at overveje følgende:",
            en.titel
        ),
        flere => {
            let titler: Vec<String> = flere.iter().map(|f| format!("»{}«", f.titel)).collect();
            format!(
                "I vurderingsskemaerne {} blev deltagerne bedt om at overveje følgende:",
                opremsning(&titler)
            )
        }
    }
}
