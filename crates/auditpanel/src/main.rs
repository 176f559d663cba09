//! The `auditpanel` command.

fn main() {}
