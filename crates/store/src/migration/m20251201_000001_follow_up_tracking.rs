//! Follow-up tracking (issue 7): the domain's status history on the follow-up events, evidence
//! attachments, reminders with their idempotency keys, users' e-mail addresses for reminders, and
//! recorded compliance samples.
//!
//! - `follow_up_events.entry`: the domain's `audit::followup::Historikpost` as JSON text; `NULL` on the
//!   row that marks an action's creation (and on rows written before this migration). The table stays
//!   append-only (its triggers are the first migration's).
//! - `follow_up_evidence`: files attached to a report of an action done, content in `blobs`.
//! - `reminders`: one row per reminder and recipient; the unique `reminder_key` is the domain's
//!   idempotency key (`audit::followup::paamindelse::Paamindelse::noegle_til`), so writing a reminder
//!   twice — after a restart, or from two server processes — inserts nothing the second time.
//! - `user_emails`: where a user wants reminders by e-mail.
//! - `compliance_samples`: each drawn sample with its seed and input lists; append-only.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_pk_auto, date, integer, string, string_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null,
};

/// Adds the follow-up tracking tables.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn fk(from: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.from(from, column)
        .to(to, if to == "blobs" { "sha256" } else { "id" });
    key
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("follow_up_evidence")
            .if_not_exists()
            .col(big_pk_auto("id"))
            .col(big_integer("action_id"))
            .col(string("file_name"))
            .col(string("media_type"))
            .col(big_integer("size"))
            .col(string("blob_sha256"))
            .col(string("uploaded_by"))
            .col(timestamp_with_time_zone("uploaded_at"))
            .foreign_key(&mut fk(
                "follow_up_evidence",
                "action_id",
                "follow_up_actions",
            ))
            .foreign_key(&mut fk("follow_up_evidence", "blob_sha256", "blobs"))
            .take(),
        Table::create()
            .table("reminders")
            .if_not_exists()
            .col(big_pk_auto("id"))
            .col(string("reminder_key").unique_key())
            .col(string("username"))
            .col(string("audit_nr"))
            .col(string("action_key"))
            .col(string("step"))
            .col(date("due"))
            .col(text("message"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("read_at"))
            .col(string_null("email"))
            .col(timestamp_with_time_zone_null("mail_claimed_at"))
            .col(timestamp_with_time_zone_null("mail_sent_at"))
            .take(),
        Table::create()
            .table("user_emails")
            .if_not_exists()
            .col(string("username").primary_key())
            .col(string("email"))
            .col(timestamp_with_time_zone("updated_at"))
            .take(),
        Table::create()
            .table("compliance_samples")
            .if_not_exists()
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(string("seed"))
            .col(integer("k"))
            .col(text("content"))
            .col(string("drawn_by"))
            .col(timestamp_with_time_zone("drawn_at"))
            .foreign_key(&mut fk("compliance_samples", "audit_id", "audits"))
            .take(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    let index = |table: &'static str, name: &'static str, columns: &[&'static str]| {
        let mut index = Index::create();
        index.name(name).table(table).if_not_exists();
        for column in columns {
            index.col(*column);
        }
        index
    };
    vec![
        index(
            "follow_up_evidence",
            "follow_up_evidence_action",
            &["action_id"],
        ),
        index("reminders", "reminders_username", &["username", "id"]),
        index(
            "compliance_samples",
            "compliance_samples_audit",
            &["audit_id", "id"],
        ),
    ]
}

/// `compliance_samples` and `follow_up_evidence` refuse UPDATE and DELETE like the first migration's
/// append-only tables (its PostgreSQL function `auditpanel_append_only` is reused).
fn append_only_triggers(backend: DbBackend) -> Vec<String> {
    let message = "rækker i denne tabel kan ikke ændres eller slettes";
    let tables = ["compliance_samples", "follow_up_evidence"];
    match backend {
        DbBackend::Postgres => tables
            .iter()
            .map(|t| {
                format!(
                    "CREATE OR REPLACE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} \
                     FOR EACH ROW EXECUTE FUNCTION auditpanel_append_only()"
                )
            })
            .collect(),
        _ => tables
            .iter()
            .flat_map(|t| {
                ["update", "delete"].map(|op| {
                    format!(
                        "CREATE TRIGGER IF NOT EXISTS {t}_no_{op} BEFORE {} ON {t} \
                         BEGIN SELECT RAISE(ABORT, '{t}: {message}'); END",
                        op.to_uppercase()
                    )
                })
            })
            .collect(),
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if !manager.has_column("follow_up_events", "entry").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table("follow_up_events")
                        .add_column(text_null("entry"))
                        .take(),
                )
                .await?;
        }
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        let db = manager.get_connection();
        for sql in append_only_triggers(db.get_database_backend()) {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "compliance_samples",
            "user_emails",
            "reminders",
            "follow_up_evidence",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
