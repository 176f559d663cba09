//! `auditpanel deadline`: parses a Danish follow-up deadline and prints its kind, period and due date.

use audit::{Frist, Fristart, dansk_dato, parse_frist, parse_frist_efter};
use serde::Serialize;
use time::Date;

use crate::output::{Failure, Format, json};

/// The stable JSON form: the kind (`due`, `start`, `ongoing`, `relative`, `none`), ISO dates, `null`
/// where the deadline has no such date (a start has `from` and no `due`).
#[derive(Debug, Serialize)]
struct DeadlineJson {
    kind: &'static str,
    from: Option<Date>,
    to: Option<Date>,
    due: Option<Date>,
}

/// Runs the subcommand; `published` is the report's publication date a relative deadline counts from.
pub(crate) fn run(text: &str, published: Option<&str>, format: Format) -> Result<String, Failure> {
    let published = published.map(publication_date).transpose()?;
    let frist = parse_frist_efter(text, published).map_err(Failure::input)?;
    match format {
        Format::Json => json(&DeadlineJson {
            kind: kind(&frist),
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

/// `--published`: one calendar day, read by the domain's own date reader.
fn publication_date(text: &str) -> Result<Date, Failure> {
    match parse_frist(text).map(|frist| frist.art()) {
        Ok(Fristart::Dato(date)) => Ok(date),
        _ => Err(Failure::input(format!(
            "--published skal være én dato, f.eks. 2020-06-15, ikke »{text}«"
        ))),
    }
}

/// What the deadline means: due by a day, a start, ongoing work, counted from publication, or no date.
fn kind(frist: &Frist) -> &'static str {
    match frist.art() {
        Fristart::Periode { .. } | Fristart::Dato(_) => "due",
        Fristart::Start { .. } => "start",
        Fristart::Loebende => "ongoing",
        Fristart::Relativ { .. } => "relative",
        Fristart::VedFoerstkommendeLejlighed => "none",
    }
}

fn table(frist: &Frist) -> String {
    if let Some(why) = frist.uden_forfald() {
        return format!("Frist:   »{}«\nForfald: ingen dato. {why}\n", frist.tekst());
    }
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
