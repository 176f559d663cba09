//! An audit's revision as one row (`audit_revisions`): a counter that a trigger raises with every event
//! appended to the audit's log, so that "has this audit changed?" is one indexed read.
//!
//! Why a counter and not the id of the latest event: on PostgreSQL an event's id is drawn when it is
//! inserted, not when its transaction commits, and rating saves of one audit run side by side (they
//! share the audit's row lock). A save that drew id 100 could commit after one that drew 101, and a
//! reader in between would have cached the audit under revision 101 without the first save, for good.
//! Raising the counter locks its row until the transaction ends, so the counter grows in commit order
//! on both engines (SQLite has one writer anyway). The row is separate from `audits` because rating
//! saves hold a shared lock on that one, which the trigger's update could not upgrade without deadlock.
//! Existing audits start at the number of their events.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// Creates `audit_revisions`, fills it and installs the trigger.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// The statements, per engine.
fn statements(backend: DbBackend) -> Vec<&'static str> {
    let create = "CREATE TABLE IF NOT EXISTS audit_revisions (\
        audit_id BIGINT NOT NULL PRIMARY KEY REFERENCES audits (id) ON DELETE CASCADE, \
        revision BIGINT NOT NULL)";
    let fill = "INSERT INTO audit_revisions (audit_id, revision) \
        SELECT a.id, (SELECT count(*) FROM events e WHERE e.audit_id = a.id) FROM audits a \
        WHERE a.id NOT IN (SELECT audit_id FROM audit_revisions)";
    match backend {
        DbBackend::Postgres => vec![
            create,
            fill,
            "CREATE OR REPLACE FUNCTION auditpanel_audit_revision() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               IF NEW.audit_id IS NOT NULL THEN \
                 INSERT INTO audit_revisions (audit_id, revision) VALUES (NEW.audit_id, 1) \
                 ON CONFLICT (audit_id) DO UPDATE SET revision = audit_revisions.revision + 1; \
               END IF; \
               RETURN NULL; \
             END $$",
            "CREATE OR REPLACE TRIGGER events_audit_revision AFTER INSERT ON events \
             FOR EACH ROW EXECUTE FUNCTION auditpanel_audit_revision()",
        ],
        _ => vec![
            create,
            fill,
            "CREATE TRIGGER IF NOT EXISTS events_audit_revision AFTER INSERT ON events \
             WHEN NEW.audit_id IS NOT NULL BEGIN \
               INSERT INTO audit_revisions (audit_id, revision) VALUES (NEW.audit_id, 1) \
               ON CONFLICT (audit_id) DO UPDATE SET revision = revision + 1; \
             END",
        ],
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in statements(db.get_database_backend()) {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let drop_trigger = match db.get_database_backend() {
            DbBackend::Postgres => "DROP TRIGGER IF EXISTS events_audit_revision ON events",
            _ => "DROP TRIGGER IF EXISTS events_audit_revision",
        };
        db.execute_unprepared(drop_trigger).await?;
        db.execute_unprepared("DROP TABLE IF EXISTS audit_revisions")
            .await?;
        Ok(())
    }
}
