//! The seed reports' facts, read from the demo as the server loaded it (`auditpanel serve --demo`):
//! what the store holds and the pages show must say what the sources say. Each test quotes the line of
//! the source it checks (`000_…` auditrapport 20.1, `003_…` 19.2, `002_…` 19.1, in `shared/seeds/`);
//! where the demo had to choose, the choice is named with its place in `seeds/demo/`.

use std::collections::{BTreeMap, BTreeSet};

use audit::{Fremmoede, Fristart, Round, Scale, Tilsyn};
use reqwest::StatusCode;

use crate::helpers::{TestApp, get, on_each_engine};

async fn stored_audit(app: &TestApp, nr: &str) -> audit::Audit {
    store::audits::get_audit(app.db.db(), &nr.parse().unwrap())
        .await
        .unwrap()
}

/// The ratings the koordinator may see of audit `nr` (after reveal: every submitted one).
async fn stored_ratings(app: &TestApp, audit: &audit::Audit) -> Vec<audit::Rating> {
    let koordinator = store::users::get_user(app.db.db(), &"koordinator".parse().unwrap())
        .await
        .unwrap();
    store::ratings::ratings_visible_to(app.db.db(), audit, &koordinator)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_raters_tilsyn_scale_and_forms_of_20_1_are_the_sources() {
    on_each_engine(async |app| {
        let a = stored_audit(app, "20.1").await;
        // 000, Deltagere: "Socialtilsyn Nord blev, på baggrund af en anmodning og en konkret
        // vurdering, fritaget fra deltagelse i audit 20.1. […] Socialtilsyn Syd meldte afbud på dagen
        // for auditmødet. […] I alt deltog 8 personer fra de tre socialtilsyn." The stored ratings,
        // which the agreement counts, come from exactly those 8, each present at the meeting.
        let ratings = stored_ratings(app, &a).await;
        let raters: BTreeSet<&audit::Username> = ratings.iter().map(|r| &r.rater).collect();
        assert_eq!(raters.len(), 8);
        let members: Vec<&audit::PanelMember> =
            raters.iter().map(|u| a.member(u).unwrap()).collect();
        assert!(members.iter().all(|m| m.attendance == Fremmoede::Deltager));
        let rating_tilsyn: BTreeSet<Tilsyn> = members.iter().map(|m| m.tilsyn).collect();
        assert_eq!(
            rating_tilsyn,
            BTreeSet::from([Tilsyn::Hovedstaden, Tilsyn::Midt, Tilsyn::Oest])
        );
        // Nord is exempted and Syd cancelled on the day, as the panel records them.
        let attendance = |t: Tilsyn| a.panel.iter().filter(move |m| m.tilsyn == t);
        assert!(attendance(Tilsyn::Nord).count() > 0 && attendance(Tilsyn::Syd).count() > 0);
        assert!(
            attendance(Tilsyn::Nord).all(|m| matches!(m.attendance, Fremmoede::Fritaget { .. }))
        );
        assert!(attendance(Tilsyn::Syd).all(|m| matches!(
            m.attendance,
            Fremmoede::Afbud {
                paa_dagen: true,
                ..
            }
        )));

        // 000, Metodisk fokus: "var der udarbejdet i alt tre vurderingsskemaer, hvor deltagerne blev
        // bedt om følgende: 1. Foretage en vurdering af i hvilken grad det var sandsynliggjort, at
        // tilbuddet forventes/ikke forventes at kunne opfylde indikatorerne inden for temaet
        // ”Målgruppe, metoder og resultater”. 2. […] ”Uddannelse og beskæftigelse”. 3. Foretage en
        // helhedsvurdering af den samlede kvalitetsvurdering".
        let titles: Vec<&str> = a.forms.iter().map(|f| f.titel.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Vurderingsskema 1: Målgruppe, metoder og resultater",
                "Vurderingsskema 2: Uddannelse og beskæftigelse",
                "Vurderingsskema 3: Helhedsvurdering"
            ]
        );
        // "i hvilken grad": a graded scale, not the approval scale's two answers, and without
        // "kunne ikke bedømmes" (000: "socialtilsynet skal foretage en bedømmelse af alle
        // indikatorer i kvalitetsmodellen").
        for f in &a.forms {
            assert_eq!(f.scale, Scale::Sandsynliggoerelse, "{}", f.titel);
            assert!(!f.scale.kan_ikke_bedoemmes());
        }
        assert!(ratings.iter().all(|r| r.value.is_some()));
        let steps: BTreeSet<i32> = ratings.iter().filter_map(audit::Rating::score).collect();
        assert!(steps.len() > 2, "graded, not yes/no: {steps:?}");
        // The dashboard names the scale and its steps in Danish, with no column for an answer the
        // scale does not have.
        let k = app.login_as("koordinator").await;
        let (status, page) = get(&k, &app.url("/audits/20.1/enighed")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Bedømmelserne på sandsynliggørelsesskala (i høj grad – slet ikke)"),
            "{page}"
        );
        assert!(page.contains(r#"<th class="num" scope="col">4 i høj grad</th>"#));
        assert!(!page.contains("Kan ikke vurderes"));

        // 000, drøftelsen af indikator 3.a: "Et særligt opmærksomhedspunkt er tilbud, der søger om godkendelse som flere
        // tilbudstyper fx § 66 og §107 (hhv. børn, unge og voksne)." Rapport A and C are such approvals
        // (seeds/demo/20.1.toml): one offer of both types, not one of them.
        for id in ["rapport-a", "rapport-c"] {
            let material = a.materials.iter().find(|m| m.id.as_str() == id).unwrap();
            let types: Vec<audit::Tilbudstype> = material.tilbud.unwrap().tilbudstyper().collect();
            assert_eq!(
                types,
                [
                    audit::Tilbudstype::Botilbud,
                    audit::Tilbudstype::BoerneOgUngehjem
                ],
                "{id}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn the_case_selection_of_19_2_follows_the_sources_rule() {
    on_each_engine(async |app| {
        let a = stored_audit(app, "19.2").await;
        let ratings = stored_ratings(app, &a).await;
        // 003, Metodisk tilgang: "Hver deltager blev desuden i forberedelsen bedt om at udvælge fire
        // sager".
        let picks: BTreeMap<&str, usize> = ratings
            .iter()
            .filter(|r| r.round == Round::First && r.unit.item.as_str() == "sagsvalg")
            .filter_map(|r| match &r.value {
                Some(audit::RatingValue::Picks(p)) => Some((r.rater.as_str(), p.len())),
                _ => None,
            })
            .collect();
        assert!(!picks.is_empty());
        assert!(picks.values().all(|n| *n == 4), "{picks:?}");
        // 003: "Med udgangspunkt i auditdeltagernes valg af sager, blev der på auditmødet udvalgt én
        // sag fra hvert socialtilsyn til drøftelse. Der blev i alt drøftet tre sager, hvor der var
        // udstedt påbud og to sager, hvor dialogforløbet resulterede i, at der ikke blev udstedt
        // påbud."
        let chosen = audit::optaelling::udvaelg_til_droeftelse(
            &a,
            &ratings,
            &"sagsvalg".parse().unwrap(),
            Round::First,
            audit::optaelling::Udvaelgelsesregel::AUDIT_19_2,
        )
        .unwrap();
        let materials: Vec<&audit::Material> =
            chosen.iter().map(|id| a.material(id).unwrap()).collect();
        let tilsyn: BTreeSet<Tilsyn> = materials.iter().map(|m| m.tilsyn).collect();
        assert_eq!(tilsyn.len(), 5, "one case per tilsyn");
        let paabud = materials
            .iter()
            .filter(|m| {
                m.sagsforloeb
                    .as_ref()
                    .is_some_and(|f| f.skridt().iter().any(|s| s.art.er_paabud()))
            })
            .count();
        assert_eq!((paabud, materials.len() - paabud), (3, 2));
    })
    .await;
}

#[tokio::test]
async fn the_deadlines_keep_the_kind_the_plans_give_them() {
    on_each_engine(async |app| {
        let art = async |nr: &str, id: &str| {
            store::follow_up_tracking::tracked_action(app.db.db(), &nr.parse().unwrap(), id)
                .await
                .unwrap()
                .sporet
                .tiltag
                .frist()
                .map(|f| f.unwrap().art())
        };
        // 002: "Socialstyrelsen vil i 2. halvår 2019 udarbejde en forståelsesramme": due by the end
        // of the half-year.
        assert!(matches!(
            art("19.1", "forstaaelsesramme").await,
            Some(Fristart::Periode { .. })
        ));
        // 000: "Socialstyrelsen vil fra 2. halvår 2020 initiere et udviklingsarbejde": a start, never
        // overdue.
        assert!(matches!(
            art("20.1", "udviklingsarbejde").await,
            Some(Fristart::Start { .. })
        ));
        // 000: "… på Mellemledernetværksmøde ved førstkommende lejlighed": no date to track.
        assert_eq!(
            art("20.1", "praesentation").await,
            Some(Fristart::VedFoerstkommendeLejlighed)
        );
        // 002: "Socialstyrelsen vil drøfte denne status på det efterfølgende møde": no deadline.
        assert_eq!(art("19.1", "droeftelse-af-status").await, None);
    })
    .await;
}
