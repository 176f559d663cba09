//! The auditpanel program: the command line over the domain and statistics crates (and, with its issue, the
//! web server). `main.rs` only calls [`cli::run`], so that tests can drive the same code.

mod agreement_command;
pub mod cli;
mod deadline_command;
mod model_command;
mod output;
mod ratings_csv;
mod store_commands;
