//! The `auditpanel` command.

fn main() -> std::process::ExitCode {
    auditpanel::cli::run()
}
