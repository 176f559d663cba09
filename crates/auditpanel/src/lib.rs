//! The auditpanel program: the command line over the domain and statistics crates, and the web server.
//! `main.rs` only calls [`cli::run`], so that tests can drive the same code; the end-to-end tests start
//! the server through [`serve`] in-process.

mod account_commands;
mod agreement_command;
pub mod cli;
mod deadline_command;
mod model_command;
mod output;
mod progress;
mod ratings_csv;
pub mod serve;
mod store_commands;

pub use serve::{Config, ServeError, serve, serve_until};
