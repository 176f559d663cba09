//! The `auditpanel` command: the quality model, Danish deadlines and inter-rater agreement from the
//! command line (the web server arrives with its issue).

mod ratings_csv;

fn main() {}
