//! The orientation of an exempted tilsyn (issue 13, item 10). The source of 20.1
//! (`../shared/seeds/`, the 20.1 report): "Socialtilsyn Nord blev, på baggrund af en anmodning og en
//! konkret vurdering, fritaget fra deltagelse i audit 20.1. […] blev der aftalt et særskilt forløb med
//! Socialtilsyn Nord […] med henblik på orientering om drøftelserne på auditmødet." The demo publishes
//! 20.1 at its own date through the publish handler's code path, which orients Nord's tilsynskontakt;
//! publishing again orients nobody twice.

use reqwest::StatusCode;

use crate::helpers::{csrf_token, get, on_each_engine};

const ORIENTERET: &str = "Socialtilsyn Nord er orienteret om rapporten";

#[tokio::test]
async fn nord_exempted_from_20_1_is_oriented_once_and_the_report_says_so() {
    on_each_engine(async |app| {
        let nord = app.login_as("tilsynskontakt-nord").await;
        let (_, inbox) = get(&nord, &app.url("/indbakke")).await;
        assert!(
            inbox.contains("Auditrapport 20.1 er offentliggjort. Socialtilsyn Nord blev fritaget fra deltagelse i auditten"),
            "{inbox}"
        );
        assert!(inbox.contains(r#"href="/audits/20.1/rapport""#), "{inbox}");

        // Everyone reading the published report sees that Nord was oriented; a tilsyn that took part
        // (Midt) is not oriented, and an audit without an exempted tilsyn (19.1) says nothing.
        let laeser = app.login_as("laeser").await;
        let (status, report) = get(&laeser, &app.url("/audits/20.1/rapport")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(report.contains(ORIENTERET), "{report}");
        let (_, other) = get(&laeser, &app.url("/audits/19.1/rapport")).await;
        assert!(!other.contains("er orienteret om rapporten"));
        let midt = app.login_as("tilsynskontakt-midt").await;
        let (_, inbox) = get(&midt, &app.url("/indbakke")).await;
        assert!(!inbox.contains("blev fritaget fra deltagelse"), "{inbox}");

        let oriented = "reminders WHERE action_key = 'orientering'";
        assert_eq!(app.count(oriented).await, 1, "one tilsynskontakt of Nord in the demo");
        // "Offentliggør" on 20.1 again (a new version, or "already published" when the draft is the
        // demo's version): either way Nord is not oriented a second time.
        let k = app.login_as("koordinator").await;
        let path = app.url("/audits/20.1/rapport/offentliggoer");
        let (_, confirmation) = get(&k, &path).await;
        let response = k
            .post(&path)
            .form(&[("_csrf", csrf_token(&confirmation))])
            .send()
            .await
            .unwrap();
        assert!(
            matches!(response.status(), StatusCode::OK | StatusCode::SEE_OTHER),
            "{}",
            response.status()
        );
        assert_eq!(app.count(oriented).await, 1);
        let (_, draft) = get(&k, &app.url("/audits/20.1/rapport")).await;
        assert!(draft.contains(ORIENTERET));
    })
    .await;
}
