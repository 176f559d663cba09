//! Accounts, sessions, API tokens, login throttling, quality-model versions and material files.

use audit::{Role, Tilsyn};
use store::StoreError;
use store::files::NewFile;
use time::Duration;

use crate::fixtures::{NOW, audit, engines, koordinator, name, user};

#[tokio::test]
async fn users_round_trip_and_passwords_are_checked() {
    for t in engines().await {
        let db = t.db();
        let kontakt = user("kontakt-oest", Role::Tilsynskontakt(Tilsyn::Oest));
        store::users::create_user(db, &kontakt, "hemmelig", &koordinator(), NOW)
            .await
            .unwrap();
        assert_eq!(
            store::users::get_user(db, &kontakt.username).await.unwrap(),
            kontakt
        );
        let err = store::users::create_user(db, &kontakt, "hemmelig", &koordinator(), NOW)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::UsernameTaken(_)), "{err}");
        assert!(matches!(
            store::users::create_user(db, &user("kort", Role::Laeser), "abc", &koordinator(), NOW)
                .await,
            Err(StoreError::Invalid(_))
        ));

        assert_eq!(
            store::users::verify_password(db, &kontakt.username, "hemmelig")
                .await
                .unwrap(),
            Some(kontakt.clone())
        );
        assert_eq!(
            store::users::verify_password(db, &kontakt.username, "forkert")
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            store::users::verify_password(db, &name("ukendt"), "hemmelig")
                .await
                .unwrap(),
            None
        );
        store::users::set_password(db, &kontakt.username, "ny-kode", &koordinator(), NOW)
            .await
            .unwrap();
        assert!(
            store::users::verify_password(db, &kontakt.username, "ny-kode")
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(store::users::list_users(db).await.unwrap(), vec![kontakt]);
        // The hash is argon2id and never the password.
        assert_eq!(t.count("users").await.unwrap(), 1);
    }
}

#[tokio::test]
async fn sessions_tokens_and_login_attempts() {
    for t in engines().await {
        let db = t.db();
        let k = user("koordinator", Role::Koordinator);
        store::users::create_user(db, &k, "demo-demo", &koordinator(), NOW)
            .await
            .unwrap();

        let session = store::sessions::create_session(db, &k.username, NOW, Duration::hours(8))
            .await
            .unwrap();
        let found = store::sessions::session(db, &session.token, NOW + Duration::hours(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (found.user, found.csrf_secret.as_str()),
            (k.clone(), session.csrf_secret.as_str())
        );
        assert!(
            store::sessions::session(db, &session.token, NOW + Duration::hours(9))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store::sessions::session(db, "gættet", NOW)
                .await
                .unwrap()
                .is_none()
        );
        let other = store::sessions::create_session(db, &k.username, NOW, Duration::hours(8))
            .await
            .unwrap();
        store::sessions::end_session(db, &other.token)
            .await
            .unwrap();
        assert!(
            store::sessions::session(db, &other.token, NOW)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            store::sessions::purge_expired_sessions(db, NOW + Duration::days(1))
                .await
                .unwrap(),
            1
        );

        let token = store::sessions::create_api_token(db, &k.username, "statistik", NOW)
            .await
            .unwrap();
        assert_eq!(
            store::sessions::token_holder(db, &token, NOW)
                .await
                .unwrap()
                .map(|h| (h.user, h.scope)),
            Some((k.clone(), audit::TokenScope::Write))
        );
        assert!(
            store::sessions::revoke_api_token(db, &token, NOW)
                .await
                .unwrap()
        );
        assert_eq!(
            store::sessions::token_holder(db, &token, NOW)
                .await
                .unwrap(),
            None
        );
        // An expiring token counts until its moment, then never again; a feed token renewed revokes
        // the one before it.
        let expiring = store::sessions::NewApiToken {
            label: "kort".into(),
            scope: audit::TokenScope::Read,
            expires_at: Some(NOW + Duration::days(1)),
        };
        let token = store::sessions::create_token(db, &k.username, &expiring, NOW)
            .await
            .unwrap();
        let holder = |at| store::sessions::token_holder(db, &token, at);
        assert!(holder(NOW + Duration::hours(23)).await.unwrap().is_some());
        assert!(holder(NOW + Duration::days(1)).await.unwrap().is_none());
        let first = store::sessions::renew_feed_token(db, &k.username, NOW)
            .await
            .unwrap();
        let second = store::sessions::renew_feed_token(db, &k.username, NOW)
            .await
            .unwrap();
        assert!(
            store::sessions::token_holder(db, &first, NOW)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            store::sessions::token_holder(db, &second, NOW)
                .await
                .unwrap()
                .map(|h| h.scope),
            Some(audit::TokenScope::Feed)
        );

        let since = NOW - Duration::minutes(15);
        let a = "192.0.2.1";
        for minute in 0..3 {
            store::sessions::record_login_attempt(
                db,
                a,
                "koordinator",
                false,
                NOW + Duration::minutes(minute),
            )
            .await
            .unwrap();
        }
        let failures = async |address: &str, username: &str| {
            store::sessions::recent_failed_logins(db, address, username, since)
                .await
                .unwrap()
        };
        let from = async |address: &str| {
            store::sessions::recent_failed_logins_from(db, address, since)
                .await
                .unwrap()
        };
        assert_eq!(failures(a, "koordinator").await, 3);
        assert_eq!(
            failures("192.0.2.2", "koordinator").await,
            0,
            "another address"
        );
        assert_eq!((from(a).await, from("192.0.2.2").await), (3, 0));
        store::sessions::record_login_attempt(
            db,
            a,
            "koordinator",
            true,
            NOW + Duration::minutes(4),
        )
        .await
        .unwrap();
        assert_eq!(failures(a, "koordinator").await, 0);
        assert_eq!(
            from(a).await,
            3,
            "a success does not reset the address's count"
        );
        assert_eq!(failures(a, "andre").await, 0);

        // Purging before NOW + 2 min removes the failures at NOW and NOW + 1 min, keeps the rest.
        let before = t.count("login_attempts").await.unwrap();
        assert_eq!(
            store::sessions::purge_old_login_attempts(db, NOW + Duration::minutes(2))
                .await
                .unwrap(),
            2
        );
        assert_eq!(t.count("login_attempts").await.unwrap(), before - 2);
    }
}

#[tokio::test]
async fn model_versions_and_material_files_round_trip() {
    for t in engines().await {
        let db = t.db();
        let toml = "[model]\nversion = \"2017\"\n# æøå\n";
        store::model_versions::save_model_version(db, "2017", toml, &koordinator(), NOW)
            .await
            .unwrap();
        store::model_versions::save_model_version(db, "2017", toml, &koordinator(), NOW)
            .await
            .unwrap();
        assert!(
            store::model_versions::save_model_version(db, "2017", "andet", &koordinator(), NOW)
                .await
                .is_err()
        );
        assert_eq!(
            store::model_versions::model_version_text(db, "2017")
                .await
                .unwrap()
                .as_deref(),
            Some(toml)
        );
        assert_eq!(
            store::model_versions::model_versions(db).await.unwrap(),
            ["2017"]
        );

        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let bytes: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
        let file = NewFile {
            file_name: "rapport-a.pdf".into(),
            media_type: "application/pdf".into(),
            bytes: bytes.clone(),
        };
        for material in ["a", "b"] {
            store::material_upload::replace_material_file(
                db,
                &a.nr,
                &material.parse().unwrap(),
                &file,
                &[],
                &koordinator(),
                NOW,
            )
            .await
            .unwrap();
        }
        let stored = store::files::material_file(db, &a.nr, &"b".parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.bytes, bytes);
        assert_eq!(
            (stored.info.size, stored.info.media_type.as_str()),
            (100_000, "application/pdf")
        );
        assert_eq!(stored.info.sha256.len(), 64);
        assert_eq!(
            t.count("blobs").await.unwrap(),
            1,
            "the same content is stored once"
        );
        assert_eq!(
            store::files::material_files(db, &a.nr).await.unwrap().len(),
            2
        );
        assert!(matches!(
            store::material_upload::replace_material_file(
                db,
                &a.nr,
                &"zz".parse().unwrap(),
                &file,
                &[],
                &koordinator(),
                NOW
            )
            .await,
            Err(StoreError::NotFound { .. })
        ));
        // Replacing the material list keeps the files of items that stay.
        store::audits::set_materials(db, &a.nr, &a.materials[1..], &koordinator(), NOW)
            .await
            .unwrap();
        assert!(
            store::files::material_file(db, &a.nr, &"b".parse().unwrap())
                .await
                .unwrap()
                .is_some()
        );
    }
}
