//! Output formats shared by the subcommands, and the exit codes they end with.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;

/// How a subcommand prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// A readable Danish table.
    Table,
    /// Stable JSON for other tools.
    Json,
    /// CSV (only where the result is a table of rows).
    Csv,
}

/// A failed command: the Danish message for stderr and the exit code.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The message, without a trailing newline.
    pub(crate) message: String,
    /// 2 for bad input (the user can fix it), 1 for anything else.
    pub(crate) code: u8,
}

impl Failure {
    /// Bad input: exit code 2.
    pub(crate) fn input(message: impl std::fmt::Display) -> Failure {
        Failure {
            message: message.to_string(),
            code: 2,
        }
    }

    /// Anything else: exit code 1.
    pub(crate) fn other(message: impl std::fmt::Display) -> Failure {
        Failure {
            message: message.to_string(),
            code: 1,
        }
    }
}

/// Prints `result` and turns it into the process exit code.
pub(crate) fn finish(result: Result<String, Failure>) -> ExitCode {
    match result {
        Ok(mut text) => {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            // A closed pipe (`auditpanel model | head`) is not an error worth a panic.
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("fejl: kunne ikke skrive resultatet: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(failure) => {
            eprintln!("fejl: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

/// Serialises `value` as pretty JSON.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Failure::other(format!("kunne ikke skrive JSON: {e}")))
}
