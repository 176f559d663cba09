//! The tables as sea-orm entities: crate-private, primitive columns only; repository modules map them to
//! and from `audit` types.
//!
//! Conventions: ids are `i64` identity columns; enums are stored as their stable ASCII ids (`Tilsyn::id`,
//! `WorkflowState::id`, …) so both engines agree; structured values the database never filters on
//! (scales, item kinds, rating values, original scores, event payloads) are JSON *text* columns, never
//! PostgreSQL `jsonb`, because `jsonb` reorders keys and export must give back the exact bytes.
#![allow(unreachable_pub)]

pub(crate) mod api_token;
pub(crate) mod audit;
pub(crate) mod blob;
pub(crate) mod compliance_sample;
pub(crate) mod event;
pub(crate) mod follow_up_action;
pub(crate) mod follow_up_event;
pub(crate) mod follow_up_evidence;
pub(crate) mod form_item;
pub(crate) mod hoering;
pub(crate) mod hoeringssvar;
pub(crate) mod login_attempt;
pub(crate) mod material;
pub(crate) mod material_scan;
pub(crate) mod metadata;
pub(crate) mod model_version;
pub(crate) mod panel_member;
pub(crate) mod rating;
pub(crate) mod rating_form;
pub(crate) mod reminder;
pub(crate) mod report_snapshot;
pub(crate) mod session;
pub(crate) mod user;
pub(crate) mod user_email;
