//! Material added together with its file: both or neither, and files frozen once rating has begun.

use audit::{Tilsyn, WorkflowState};
use store::StoreError;
use store::files::NewFile;

use crate::fixtures::{NOW, TODAY, audit, engines, koordinator, material};

fn pdf(bytes: &[u8]) -> NewFile {
    NewFile {
        file_name: "sag-c.pdf".into(),
        media_type: "application/pdf".into(),
        bytes: bytes.to_vec(),
    }
}

#[tokio::test]
async fn a_material_item_is_added_with_its_file_in_one_step() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let events_before = t.count("events").await.unwrap();
        let c = material("c", Tilsyn::Syd);
        let info = store::material_upload::add_material(
            db,
            &a.nr,
            &c,
            Some(&pdf(b"%PDF-1.4 sag C")),
            &[],
            &koordinator(),
            NOW,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!((info.size, info.file_name.as_str()), (14, "sag-c.pdf"));
        let stored = store::audits::get_audit(db, &a.nr).await.unwrap();
        assert_eq!(stored.materials.last(), Some(&c), "appended last");
        let file = store::files::material_file(db, &a.nr, &c.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(file.bytes, b"%PDF-1.4 sag C");
        assert_eq!(t.count("events").await.unwrap(), events_before + 1);

        // An item without a file is fine too.
        let d = material("d", Tilsyn::Nord);
        assert_eq!(
            store::material_upload::add_material(db, &a.nr, &d, None, &[], &koordinator(), NOW)
                .await
                .unwrap(),
            None
        );
        assert_eq!(t.count("materials").await.unwrap(), 4);
    }
}

#[tokio::test]
async fn a_refused_addition_stores_neither_item_nor_file() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let counts = async || {
            (
                t.count("materials").await.unwrap(),
                t.count("blobs").await.unwrap(),
                t.count("events").await.unwrap(),
            )
        };
        let before = counts().await;
        // The id "a" is taken: the audit's own rule refuses it.
        let err = store::material_upload::add_material(
            db,
            &a.nr,
            &material("a", Tilsyn::Syd),
            Some(&pdf(b"x")),
            &[],
            &koordinator(),
            NOW,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::InvalidAudit(_)), "{err}");
        // A file without a media type.
        let mut bad = pdf(b"y");
        bad.media_type = " ".into();
        let err = store::material_upload::add_material(
            db,
            &a.nr,
            &material("e", Tilsyn::Syd),
            Some(&bad),
            &[],
            &koordinator(),
            NOW,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        assert_eq!(counts().await, before, "nothing stored");
    }
}

#[tokio::test]
async fn material_and_its_files_are_frozen_once_rating_has_begun() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let first = store::material_upload::replace_material_file(
            db,
            &a.nr,
            &"a".parse().unwrap(),
            &pdf(b"udgave 1"),
            &[],
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(first.size, 8);
        store::audits::transition_audit(
            db,
            &a.nr,
            WorkflowState::Vurdering,
            None,
            &koordinator(),
            TODAY,
            NOW,
        )
        .await
        .unwrap();
        let before = t.count("blobs").await.unwrap();
        let err = store::material_upload::replace_material_file(
            db,
            &a.nr,
            &"a".parse().unwrap(),
            &pdf(b"udgave 2"),
            &[],
            &koordinator(),
            NOW,
        )
        .await
        .unwrap_err();
        assert!(
            err.to_string().contains("kan kun ændres under planlægning"),
            "{err}"
        );
        let err = store::material_upload::add_material(
            db,
            &a.nr,
            &material("c", Tilsyn::Syd),
            None,
            &[],
            &koordinator(),
            NOW,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::Workflow(_)), "{err}");
        assert_eq!(t.count("blobs").await.unwrap(), before);
        let file = store::files::material_file(db, &a.nr, &"a".parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(file.bytes, b"udgave 1", "the file rated is unchanged");
    }
}
