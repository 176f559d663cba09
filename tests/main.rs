//! End-to-end tests against the real server (`auditpanel::serve` on a free port), a fresh database per
//! test (SQLite, and PostgreSQL too when `DATABASE_URL` names one), over HTTP and in headless Chromium.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api;
mod audits;
mod auth;
mod axe;
mod blindness;
mod browser;
mod cdp;
mod compliance;
mod dashboard;
mod day;
mod durability;
mod followup;
mod full_round;
mod helpers;
mod hoering;
mod kilder;
mod material_link;
mod orientering;
mod rating;
mod rating_api;
mod reminders;
mod report;
mod report_browser;
mod report_docx;
mod report_edit;
mod report_genereret;
mod report_pseudonymer;
mod report_versions;
mod screens;
mod security;
mod setup;
mod setup_api;
mod several_servers;
