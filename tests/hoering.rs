//! Høring over HTTP (issue 13, item 10): the koordinator sends the draft of 25.2 (in drøftelse, so
//! revealed and unpublished) in høring with a deadline; the tilsynskontakt of a tilsyn on its panel
//! reads the frozen draft and gives one høringssvar; the koordinator reads it beside the draft; the
//! publish confirmation says how far the høring has come; the event log records both steps.
//!
//! The parties come from the demo seeds: 25.2's panel (`seeds/demo/25.2.toml`) has a rating member
//! from each of the five tilsyn; in 20.1 (`seeds/demo/20.1.toml`) Nord was exempted ("fritaget"), so
//! Nord is no party there. The dates are counted from the tests' clock (`helpers::NOW`,
//! 3 March 2025).

use reqwest::StatusCode;

use crate::helpers::{csrf_token, get, on_each_engine};

const HOERING: &str = "/audits/25.2/rapport/hoering";

#[tokio::test]
async fn a_draft_is_sent_in_hoering_answered_once_per_tilsyn_and_read_beside_the_draft() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let (status, page) = get(&k, &app.url(HOERING)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Send kladden i høring"), "{page}");
        // The draft page links to it.
        let (_, draft) = get(&k, &app.url("/audits/25.2/rapport")).await;
        assert!(draft.contains(r#"href="/audits/25.2/rapport/hoering""#));

        // A deadline that is today is refused next to its field, and nothing is sent.
        let send = async |page: &str, frist: &str| {
            k.post(app.url(HOERING))
                .form(&[("_csrf", csrf_token(page).as_str()), ("frist", frist)])
                .send()
                .await
                .unwrap()
        };
        let refused = send(&page, "2025-03-03").await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert!(body.contains("Høringsfristen skal ligge efter i dag."), "{body}");
        assert_eq!(app.count("hoeringer").await, 0);

        let sent = send(&page, "2025-03-17").await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.count("hoeringer").await, 1);

        // Hovedstaden is a party: its contact is told in the inbox and reads the frozen draft.
        let h = app.login_as("tilsynskontakt-hovedstaden").await;
        let (_, inbox) = get(&h, &app.url("/indbakke")).await;
        assert!(
            inbox.contains("Udkastet til auditrapport 25.2 er sendt i høring hos jer. Høringsfristen er 17. marts 2025."),
            "{inbox}"
        );
        assert!(inbox.contains(r#"href="/audits/25.2/rapport/hoering""#));
        let (status, page) = get(&h, &app.url(HOERING)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(
            page.contains(r#"i høring hos Socialtilsyn Hovedstaden. Høringsfristen er <time datetime="2025-03-17">17. marts 2025</time>."#),
            "{page}"
        );
        assert!(page.contains(r#"id="rapport-titel""#), "the frozen draft is shown: {page}");

        // An empty answer is refused in Danish; the first real one is stored; a second is refused.
        let answer = async |page: &str, svar: &str| {
            h.post(app.url(&format!("{HOERING}/svar")))
                .form(&[("_csrf", csrf_token(page).as_str()), ("svar", svar)])
                .send()
                .await
                .unwrap()
        };
        let empty = answer(&page, "   ").await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = empty.text().await.unwrap();
        assert!(body.contains("Skriv jeres bemærkninger til rapportudkastet."), "{body}");
        assert_eq!(app.count("hoeringssvar").await, 0);
        let svar = "Socialtilsyn Hovedstaden har ingen bemærkninger til afsnit 3.";
        assert_eq!(answer(&page, svar).await.status(), StatusCode::SEE_OTHER);
        let (_, after) = get(&h, &app.url(HOERING)).await;
        assert!(after.contains("Jeres høringssvar") && after.contains(svar), "{after}");
        let again = answer(&page, "Et svar mere.").await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = again.text().await.unwrap();
        assert!(body.contains("Socialtilsyn Hovedstaden har allerede afgivet høringssvar."), "{body}");
        assert_eq!(app.count("hoeringssvar").await, 1);

        // The koordinator reads the answer, who gave it, and the parties that have not answered.
        let (_, page) = get(&k, &app.url(HOERING)).await;
        assert!(page.contains(svar), "{page}");
        assert!(page.contains("Afgivet af tilsynskontakt-hovedstaden"), "{page}");
        assert!(page.contains("Socialtilsyn Nord") && page.contains("Intet svar endnu."));
        // Publishing stays possible, and the confirmation says how far the høring is (5 parties).
        let (status, confirm) = get(&k, &app.url("/audits/25.2/rapport/offentliggoer")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(confirm.contains("1 af 5 socialtilsyn har afgivet høringssvar. Høringsfristen er ikke udløbet endnu."), "{confirm}");

        // A reader and a panel member are no party: neither reads the draft.
        for who in ["laeser", "hovedstaden-4"] {
            let c = app.login_as(who).await;
            let (status, _) = get(&c, &app.url(HOERING)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
        }

        let nr: audit::AuditNr = "25.2".parse().unwrap();
        let kinds: Vec<String> = store::events::events_of_audit(app.db.db(), &nr)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert!(kinds.iter().any(|k| k == "hoering_sent"), "{kinds:?}");
        assert!(kinds.iter().any(|k| k == "hoeringssvar_submitted"), "{kinds:?}");
    })
    .await;
}

#[tokio::test]
async fn an_exempted_tilsyn_is_no_party_to_the_hoering() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let path = "/audits/20.1/rapport/hoering";
        let (_, page) = get(&k, &app.url(path)).await;
        assert!(
            !page.contains("Socialtilsyn Nord"),
            "Nord is not listed as a party: {page}"
        );
        let response = k
            .post(app.url(path))
            .form(&[
                ("_csrf", csrf_token(&page).as_str()),
                ("frist", "2025-03-17"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let nord = app.login_as("tilsynskontakt-nord").await;
        let (status, _) = get(&nord, &app.url(path)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, inbox) = get(&nord, &app.url("/indbakke")).await;
        assert!(!inbox.contains("sendt i høring"), "{inbox}");
        let midt = app.login_as("tilsynskontakt-midt").await;
        let (status, page) = get(&midt, &app.url(path)).await;
        assert_eq!(status, StatusCode::OK, "Midt took part in 20.1: {page}");
    })
    .await;
}

#[tokio::test]
async fn before_reveal_no_draft_is_sent_in_hoering() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let path = "/audits/25.1/rapport/hoering";
        let (status, page) = get(&k, &app.url(path)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Rapporten kan sendes i høring, når bedømmelserne er afsløret."));
        let response = k
            .post(app.url(path))
            .form(&[
                ("_csrf", csrf_token(&page).as_str()),
                ("frist", "2025-03-17"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = response.text().await.unwrap();
        assert!(
            body.contains(
                "Rapporten kan først sendes i høring, når bedømmelserne er afsløret på auditmødet."
            ),
            "{body}"
        );
        assert_eq!(app.count("hoeringer").await, 0);
    })
    .await;
}
