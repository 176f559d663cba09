//! The command-line interface: subcommands, their options, and dispatch.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::output::{Format, finish};
use crate::{deadline_command, model_command};

/// auditpanel: lærende auditforløb for socialtilsynene — blind bedømmelse, drøftelse, rapport og opfølgning,
/// og måling af kalibreringen mellem tilsynene.
#[derive(Debug, Parser)]
#[command(name = "auditpanel", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Vis kvalitetsmodellen, eller hvilke indikatorer der gælder for en tilbudstype.
    Model {
        /// Modelversionen (2024 eller 2017).
        #[arg(long, default_value = audit::builtin::NYESTE_VERSION)]
        version: String,
        /// Vis kun de indikatorer, der gælder for denne tilbudstype (f.eks. botilbud, efterskole, krisecenter).
        #[arg(long, value_name = "TILBUDSTYPE")]
        applicable_to: Option<String>,
        /// Tilbuddet er privat og har en bestyrelse (kræver --applicable-to).
        #[arg(long, requires = "applicable_to")]
        private_with_board: bool,
        /// Uddataformat.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Fortolk en dansk frist ("2. halvår 2019", "efteråret 2019", "15. marts 2025" …).
    Deadline {
        /// Fristen, som den står i opfølgningsplanen.
        text: String,
        /// Uddataformat.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// Parses the process arguments, runs the subcommand and returns the exit code (0 success, 2 bad input,
/// 1 anything else). Errors are printed in Danish on stderr.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Model {
            version,
            applicable_to,
            private_with_board,
            format,
        } => model_command::run(
            &version,
            applicable_to.as_deref(),
            private_with_board,
            format,
        ),
        Command::Deadline { text, format } => deadline_command::run(&text, format),
    };
    finish(result)
}
