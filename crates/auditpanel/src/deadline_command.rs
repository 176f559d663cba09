//! `auditpanel deadline`: parses a Danish follow-up deadline and prints its period and due date.

use audit::{Frist, dansk_dato, parse_frist};
use serde::Serialize;
use time::Date;

use crate::output::{Failure, Format, json};

/// The stable JSON form: ISO dates, `null` where the deadline has no date ("ved førstkommende lejlighed").
#[derive(Debug, Serialize)]
struct DeadlineJson {
    from: Option<Date>,
    to: Option<Date>,
    due: Option<Date>,
}

/// Runs the subcommand.
pub(crate) fn run(text: &str, format: Format) -> Result<String, Failure> {
    let frist = parse_frist(text).map_err(Failure::input)?;
    match format {
        Format::Json => json(&DeadlineJson {
            from: frist.fra(),
            to: frist.til(),
            due: frist.forfald(),
        }),
        Format::Table => Ok(table(&frist)),
        Format::Csv => Err(Failure::input(
            "fristen kan vises som table eller json, ikke csv",
        )),
    }
}

fn table(frist: &Frist) -> String {
    match (frist.fra(), frist.til(), frist.forfald()) {
        (Some(from), Some(to), Some(due)) if from == to => {
            format!(
                "Frist:   »{}«\nDato:    {}\nForfald: {}\n",
                frist.tekst(),
                dansk_dato(from),
                dansk_dato(due)
            )
        }
        (Some(from), Some(to), Some(due)) => format!(
            "Frist:   »{}«\nPeriode: {} – {}\nForfald: {}\n",
            frist.tekst(),
            dansk_dato(from),
            dansk_dato(to),
            dansk_dato(due)
        ),
        _ => format!("Frist:   »{}«\nForfald: ingen dato\n", frist.tekst()),
    }
}
