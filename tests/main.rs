//! End-to-end tests against the real server (`auditpanel::serve` on a free port), a fresh database per
//! test (SQLite, and PostgreSQL too when `DATABASE_URL` names one), over HTTP and in headless Chromium.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api;
mod audits;
mod auth;
mod blindness;
mod browser;
mod cdp;
mod compliance;
mod dashboard;
mod day;
mod followup;
mod full_round;
mod helpers;
mod kilder;
mod rating;
mod rating_api;
mod reminders;
mod report;
mod report_browser;
mod report_docx;
mod report_edit;
mod security;
mod setup;
mod setup_api;
