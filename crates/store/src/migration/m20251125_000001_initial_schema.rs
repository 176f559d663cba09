//! The first schema: accounts, sessions, audits with panel, material, forms and ratings, report content,
//! and the append-only event log.
//!
//! Engine-specific SQL lives only here: the triggers that make the event log, the follow-up status
//! history and published reports append-only are written once for SQLite and once for PostgreSQL.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, big_pk_auto, blob, boolean, date_null, integer, small_integer,
    string, string_null, text, text_null, timestamp_with_time_zone, timestamp_with_time_zone_null,
};

/// Creates every table, index and trigger of the first schema.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// Tables whose rows may be inserted but never changed or deleted.
const APPEND_ONLY: [&str; 3] = ["events", "follow_up_events", "report_snapshots"];

fn table(name: &'static str) -> TableCreateStatement {
    Table::create().table(name).if_not_exists().take()
}

fn fk(
    from: &'static str,
    column: &'static str,
    to: &'static str,
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.from(from, column)
        .to(to, if to == "blobs" { "sha256" } else { "id" });
    if cascade {
        key.on_delete(ForeignKeyAction::Cascade);
    }
    key
}

fn index(
    table: &'static str,
    name: &'static str,
    columns: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).if_not_exists();
    for column in columns {
        index.col(*column);
    }
    if unique {
        index.unique();
    }
    index
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("users")
            .col(big_pk_auto("id"))
            .col(string("username").unique_key())
            .col(string("display_name"))
            .col(string("role"))
            .col(string_null("role_tilsyn"))
            .col(string("password_hash"))
            .col(timestamp_with_time_zone("created_at"))
            .take(),
        table("sessions")
            .col(big_pk_auto("id"))
            .col(string("token_hash").unique_key())
            .col(big_integer("user_id"))
            .col(string("csrf_secret"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("expires_at"))
            .foreign_key(&mut fk("sessions", "user_id", "users", true))
            .take(),
        table("api_tokens")
            .col(big_pk_auto("id"))
            .col(string("token_hash").unique_key())
            .col(big_integer("user_id"))
            .col(string("label"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .foreign_key(&mut fk("api_tokens", "user_id", "users", true))
            .take(),
        table("login_attempts")
            .col(big_pk_auto("id"))
            .col(string("username"))
            .col(boolean("succeeded"))
            .col(timestamp_with_time_zone("at"))
            .take(),
        table("model_versions")
            .col(big_pk_auto("id"))
            .col(string("version").unique_key())
            .col(text("toml"))
            .col(timestamp_with_time_zone("created_at"))
            .take(),
        table("audits")
            .col(big_pk_auto("id"))
            .col(string("nr").unique_key())
            .col(string("titel"))
            .col(text("formaal"))
            .col(text("fokus"))
            .col(string("model_version"))
            .col(string("state"))
            .col(date_null("deadline"))
            .col(date_null("meeting_date"))
            .col(string("reveal_rule"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .take(),
        table("panel_members")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(integer("position"))
            .col(string("username"))
            .col(string("navn"))
            .col(string("tilsyn"))
            .col(string("rolle"))
            .col(string("attendance"))
            .col(string_null("attendance_grund"))
            .col(boolean("afbud_paa_dagen"))
            .foreign_key(&mut fk("panel_members", "audit_id", "audits", true))
            .take(),
        table("blobs")
            .col(string("sha256").primary_key())
            .col(big_integer("size"))
            .col(string("media_type"))
            .col(blob("bytes"))
            .take(),
        table("materials")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(integer("position"))
            .col(string("material_key"))
            .col(string("pseudonym"))
            .col(string("tilsyn"))
            .col(string("kind"))
            .col(text("beskrivelse"))
            .col(text("original_scores"))
            .col(text_null("tilbud"))
            .col(text_null("sagsforloeb"))
            .col(string_null("file_name"))
            .col(string_null("blob_sha256"))
            .foreign_key(&mut fk("materials", "audit_id", "audits", true))
            .foreign_key(&mut fk("materials", "blob_sha256", "blobs", false))
            .take(),
        table("rating_forms")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(integer("position"))
            .col(string("titel"))
            .col(text("scale"))
            .col(text("materials"))
            .foreign_key(&mut fk("rating_forms", "audit_id", "audits", true))
            .take(),
        table("form_items")
            .col(big_pk_auto("id"))
            .col(big_integer("form_id"))
            .col(big_integer("audit_id"))
            .col(integer("position"))
            .col(string("item_key"))
            .col(text("tekst"))
            .col(text("kind"))
            .foreign_key(&mut fk("form_items", "form_id", "rating_forms", true))
            .foreign_key(&mut fk("form_items", "audit_id", "audits", true))
            .take(),
        table("ratings")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(string("rater"))
            .col(string("unit"))
            .col(small_integer("round"))
            .col(string("status"))
            .col(text_null("value"))
            .col(text("reason"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .col(timestamp_with_time_zone_null("submitted_at"))
            .foreign_key(&mut fk("ratings", "audit_id", "audits", false))
            .take(),
        table("discussion_notes")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(string("part_key"))
            .col(integer("position"))
            .col(text("content"))
            .col(big_integer("version"))
            .col(string("updated_by"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk("discussion_notes", "audit_id", "audits", false))
            .take(),
        table("recommendations")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(string("part_key"))
            .col(integer("position"))
            .col(text("content"))
            .col(big_integer("version"))
            .col(string("updated_by"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk("recommendations", "audit_id", "audits", false))
            .take(),
        table("report_sections")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(string("part_key"))
            .col(integer("position"))
            .col(text("content"))
            .col(big_integer("version"))
            .col(string("updated_by"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk("report_sections", "audit_id", "audits", false))
            .take(),
        table("follow_up_actions")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(string("action_key"))
            .col(integer("position"))
            .col(text("content"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk("follow_up_actions", "audit_id", "audits", false))
            .take(),
        table("follow_up_events")
            .col(big_pk_auto("id"))
            .col(big_integer("action_id"))
            .col(string("status"))
            .col(text("note"))
            .col(string_null("new_frist"))
            .col(string("actor"))
            .col(timestamp_with_time_zone("at"))
            .foreign_key(&mut fk(
                "follow_up_events",
                "action_id",
                "follow_up_actions",
                false,
            ))
            .take(),
        table("report_snapshots")
            .col(big_pk_auto("id"))
            .col(big_integer("audit_id"))
            .col(integer("version"))
            .col(string("media_type"))
            .col(text("content"))
            .col(string("content_sha256"))
            .col(string("published_by"))
            .col(timestamp_with_time_zone("published_at"))
            .foreign_key(&mut fk("report_snapshots", "audit_id", "audits", false))
            .take(),
        table("events")
            .col(big_pk_auto("id"))
            .col(big_integer_null("audit_id"))
            .col(string("actor"))
            .col(timestamp_with_time_zone("at"))
            .col(string("kind"))
            .col(text_null("before"))
            .col(text_null("after"))
            .foreign_key(&mut fk("events", "audit_id", "audits", false))
            .take(),
        table("metadata")
            .col(string("key").primary_key())
            .col(text("value"))
            .take(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("sessions", "sessions_user", &["user_id"], false),
        index("api_tokens", "api_tokens_user", &["user_id"], false),
        index(
            "login_attempts",
            "login_attempts_username_at",
            &["username", "at"],
            false,
        ),
        index(
            "panel_members",
            "panel_members_audit_username",
            &["audit_id", "username"],
            true,
        ),
        index(
            "panel_members",
            "panel_members_username",
            &["username"],
            false,
        ),
        index(
            "materials",
            "materials_audit_key",
            &["audit_id", "material_key"],
            true,
        ),
        index("rating_forms", "rating_forms_audit", &["audit_id"], false),
        index(
            "form_items",
            "form_items_audit_key",
            &["audit_id", "item_key"],
            true,
        ),
        index("form_items", "form_items_form", &["form_id"], false),
        index(
            "ratings",
            "ratings_audit_rater_unit_round",
            &["audit_id", "rater", "unit", "round"],
            true,
        ),
        index(
            "discussion_notes",
            "discussion_notes_audit_key",
            &["audit_id", "part_key"],
            true,
        ),
        index(
            "report_sections",
            "report_sections_audit_key",
            &["audit_id", "part_key"],
            true,
        ),
        index(
            "recommendations",
            "recommendations_audit_key",
            &["audit_id", "part_key"],
            true,
        ),
        index(
            "follow_up_actions",
            "follow_up_actions_audit_key",
            &["audit_id", "action_key"],
            true,
        ),
        index(
            "follow_up_events",
            "follow_up_events_action",
            &["action_id"],
            false,
        ),
        index(
            "report_snapshots",
            "report_snapshots_audit_version",
            &["audit_id", "version"],
            true,
        ),
        index("events", "events_audit", &["audit_id", "id"], false),
    ]
}

/// The statements that make [`APPEND_ONLY`] tables refuse updates and deletes, per engine.
fn append_only_triggers(backend: DbBackend) -> Vec<String> {
    let message = "rækker i denne tabel kan ikke ændres eller slettes";
    match backend {
        DbBackend::Postgres => {
            let mut sql = vec![format!(
                "CREATE OR REPLACE FUNCTION auditpanel_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION '%: {message}', TG_TABLE_NAME; END $$"
            )];
            for t in APPEND_ONLY {
                sql.push(format!(
                    "CREATE OR REPLACE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} \
                     FOR EACH ROW EXECUTE FUNCTION auditpanel_append_only()"
                ));
            }
            sql
        }
        _ => APPEND_ONLY
            .iter()
            .flat_map(|t| {
                ["UPDATE", "DELETE"].map(|op| {
                    format!(
                        "CREATE TRIGGER IF NOT EXISTS {t}_no_{op} BEFORE {op} ON {t} \
                         BEGIN SELECT RAISE(ABORT, '{t}: {message}'); END",
                        op = op.to_lowercase()
                    )
                })
            })
            .collect(),
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
        for table in tables().iter().rev() {
            let name = table.get_table_name().cloned();
            if let Some(name) = name {
                manager
                    .drop_table(Table::drop().table(name).if_exists().take())
                    .await?;
            }
        }
        Ok(())
    }
}
