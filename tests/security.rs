//! The security suite (issue "Trust"): each hole found when the tool was tried as an attacker would, as a
//! regression test over HTTP against a real server, plus two sweeps that keep the boundaries closed as
//! routes are added: every route × role × audit state against one table of expected answers, and a
//! blindness sweep that plants a sentinel in one rater's rating and searches every page and export for it.

mod csv_injection;
mod followup_visibility;
mod freeze;
mod input_limits;
pub(crate) mod material_scan;
mod open_redirect;
mod publish_once;
pub(crate) mod route_sweep;
mod route_table;
mod sentinel_sweep;
mod throttle;
mod tokens;
