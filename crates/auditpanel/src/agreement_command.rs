//! `auditpanel agreement`: the whole coefficient set of a ratings CSV file, as a Danish table, JSON or CSV.

use std::fmt::Write as _;

use agreement::interpretation::format_decimal;
use agreement::{
    Analysis, AnalysisOptions, BootstrapConfig, Estimate, Level, Method, Pairwise, Variance,
    WeightScheme, analyse,
};

use audit::csv::{Cell, CsvWriter, Dialect};

use crate::output::{Failure, Format, json};
use crate::progress::Progress;
use crate::ratings_csv::{self, Layout};

/// Beregn enighed mellem bedømmere (Krippendorffs α, Fleiss' og Congers κ, Gwets AC1/AC2, ICC, …) fra en
/// CSV-fil med kolonnerne unit,rater,value (en tom værdi er en manglende bedømmelse).
#[derive(Debug, clap::Args)]
pub(crate) struct Options {
    /// CSV-filen, eller - for standard input.
    file: String,
    /// Måleniveau.
    #[arg(long, default_value = "nominal", value_parser = parse_level)]
    level: Level,
    /// De mulige kategorier i skalaens rækkefølge, f.eks. 1,2,3,4,5 (ellers dem, der forekommer).
    #[arg(long)]
    categories: Option<String>,
    /// Vægtskema til AC2: identity, linear, quadratic, ordinal, radical, ratio, circular, bipolar.
    #[arg(long, value_parser = parse_weights)]
    weights: Option<WeightScheme>,
    /// Antal bootstrap-gentagelser (percentilintervaller for alle koefficienter).
    #[arg(long, value_name = "N")]
    bootstrap: Option<usize>,
    /// Frø til bootstrap; samme frø giver samme resultat.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Én række pr. enhed og én kolonne pr. bedømmer.
    #[arg(long)]
    wide: bool,
    /// Vis Cohens κ for hvert par af bedømmere, også når der er flere end 30 (ellers kun Lights κ, deres
    /// gennemsnit).
    #[arg(long)]
    pairwise: bool,
    /// Uddataformat.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn parse_level(s: &str) -> Result<Level, String> {
    s.parse()
        .map_err(|e: agreement::UnknownLevel| e.to_string())
}

fn parse_weights(s: &str) -> Result<WeightScheme, String> {
    s.parse()
        .map_err(|e: agreement::UnknownWeightScheme| e.to_string())
}

/// Runs the subcommand.
pub(crate) fn run(options: &Options) -> Result<String, Failure> {
    let progress = Progress::new();
    let result = analyse_file(options, &progress);
    progress.clear();
    let analysis = result?;
    match options.format {
        Format::Json => json(&analysis),
        Format::Table => Ok(table(&analysis)),
        Format::Csv => Ok(csv(&analysis)),
    }
}

/// Reads the file and computes the analysis, moving `progress` along.
fn analyse_file(options: &Options, progress: &Progress) -> Result<Analysis, Failure> {
    let categories = options.categories.as_deref().map(|c| {
        c.split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    });
    let layout = if options.wide {
        Layout::Wide
    } else {
        Layout::Long
    };
    let read = |input: &mut dyn std::io::Read, size: Option<u64>| {
        progress.step("læser", size, true);
        ratings_csv::parse(input, layout, options.level, categories, &|bytes| {
            progress.set(bytes);
        })
        .map_err(Failure::input)
    };
    let ratings = if options.file == "-" {
        read(&mut std::io::stdin().lock(), None)?
    } else {
        let mut file = open(&options.file)?;
        let size = file.metadata().ok().map(|m| m.len());
        read(&mut file, size)?
    };
    let analysis_options = AnalysisOptions {
        pairwise: if options.pairwise {
            Pairwise::Always
        } else {
            Pairwise::Auto
        },
        weights: options.weights,
        bootstrap: match options.bootstrap {
            Some(0) => return Err(Failure::input("--bootstrap skal være mindst 1")),
            Some(n) => Some(BootstrapConfig::new(n, options.seed)),
            None => None,
        },
    };
    progress.step("beregner", None, false);
    let started = std::cell::Cell::new(false);
    Ok(analyse(&ratings, &analysis_options, &|done, total| {
        if !started.replace(true) {
            progress.step("beregner", Some(total as u64), false);
        }
        progress.set(done as u64);
    }))
}

/// Opens `file`, or says in Danish why it cannot be read.
fn open(file: &str) -> Result<std::fs::File, Failure> {
    std::fs::File::open(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Failure::input(format!("filen »{file}« findes ikke")),
        _ => Failure::input(format!("kan ikke læse »{file}«: {e}")),
    })
}

/// Danish names of the coefficients for the table.
fn danish_name(name: &str) -> &str {
    match name {
        "percent_agreement" => "Procentvis enighed (parvis)",
        "krippendorff_alpha" => "Krippendorffs α",
        "fleiss_kappa" => "Fleiss' κ",
        "conger_kappa" => "Congers κ",
        "light_kappa" => "Lights κ",
        "gwet_ac1" => "Gwets AC1",
        "gwet_ac2" => "Gwets AC2 (vægtet)",
        "brennan_prediger" => "Brennan–Prediger",
        "kendall_w" => "Kendalls W",
        "icc1" => "ICC(1)",
        "icc2_1" => "ICC(2,1)",
        "icc3_1" => "ICC(3,1)",
        "icc1_k" => "ICC(1,k)",
        "icc2_k" => "ICC(2,k)",
        "icc3_k" => "ICC(3,k)",
        other => other,
    }
}

fn decimal(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format_decimal(v, 3))
}

fn interval(e: &Estimate) -> String {
    e.ci95.map_or_else(String::new, |[lo, hi]| {
        format!("[{}; {}]", format_decimal(lo, 3), format_decimal(hi, 3))
    })
}

/// How the interval was obtained, naming the variance formula of an analytic one.
fn method(e: &Estimate) -> &'static str {
    match (e.method, e.variance) {
        (Some(Method::Analytic), Some(Variance::GwetRaw)) => "analytisk (Gwet, rådata)",
        (Some(Method::Analytic), Some(Variance::GwetTwoRaters)) => "analytisk (Gwet, to bedømmere)",
        (Some(Method::Analytic), Some(Variance::FDistribution)) => "analytisk (F-fordeling)",
        (Some(Method::Analytic), None) => "analytisk",
        (Some(Method::Bootstrap), _) => "bootstrap",
        (None, _) => "",
    }
}

fn table(a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Enighed mellem bedømmere");
    let _ = writeln!(
        out,
        "Niveau: {} · {} enheder · {} bedømmere · {} bedømmelser · {} enheder med mindst to bedømmelser · {} fuldstændige",
        a.level, a.units, a.raters, a.ratings, a.pairable_units, a.complete_units
    );
    let _ = writeln!(out, "Kategorier: {}", a.categories.join(", "));
    if let Some(share) = a.unanimous_share {
        let _ = writeln!(
            out,
            "Enheder hvor alle er enige: {} %",
            format_decimal(share * 100.0, 1)
        );
    }
    let _ = writeln!(
        out,
        "\n{:<30}{:>9}  {:<20}Metode",
        "Koefficient", "Estimat", "95 %-interval"
    );
    for (name, estimate) in &a.coefficients.0 {
        match estimate {
            Some(e) => {
                let _ = writeln!(
                    out,
                    "{:<30}{:>9}  {:<20}{}",
                    danish_name(name),
                    decimal(Some(e.estimate)),
                    interval(e),
                    method(e)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{:<30}{:>9}  (udefineret, se noter)",
                    danish_name(name),
                    "–"
                );
            }
        }
    }
    if !a.interpretation.is_empty() {
        let _ = writeln!(out, "\nFortolkning:");
        for line in &a.interpretation {
            let _ = writeln!(out, "- {line}");
        }
    }
    if a.rater_stats.iter().any(|r| r.severity.is_some()) {
        let _ = writeln!(
            out,
            "\nBedømmere (strenghed = gennemsnitlig afvigelse fra de øvrige; negativ = strengere):"
        );
        for r in &a.rater_stats {
            let ci = r.severity_ci95.map_or_else(String::new, |[lo, hi]| {
                format!(" [{}; {}]", format_decimal(lo, 2), format_decimal(hi, 2))
            });
            let _ = writeln!(
                out,
                "  {:<20} n = {:<5} gennemsnit {:>6}  strenghed {:>6}{ci}",
                r.rater,
                r.n,
                r.mean.map_or_else(|| "–".into(), |m| format_decimal(m, 2)),
                r.severity
                    .map_or_else(|| "–".into(), |s| format_decimal(s, 2)),
            );
        }
    }
    if !a.notes.is_empty() {
        let _ = writeln!(out, "\nNoter:");
        for note in &a.notes {
            let _ = writeln!(out, "- {note}");
        }
    }
    out
}

/// The coefficients as CSV on standard output, through the one CSV writer (`audit::csv`).
fn csv(a: &Analysis) -> String {
    let mut out = CsvWriter::new(Dialect::TERMINAL);
    out.text_row(&[
        "coefficient",
        "estimate",
        "se",
        "ci95_lower",
        "ci95_upper",
        "method",
        "variance",
    ]);
    for (name, estimate) in &a.coefficients.0 {
        let name = Cell::text(name.to_string());
        match estimate {
            Some(e) => {
                let method = match e.method {
                    Some(Method::Analytic) => "analytic",
                    Some(Method::Bootstrap) => "bootstrap",
                    None => "",
                };
                out.row(&[
                    name,
                    Cell::number(Some(e.estimate)),
                    Cell::number(e.se),
                    Cell::number(e.ci95.map(|c| c[0])),
                    Cell::number(e.ci95.map(|c| c[1])),
                    Cell::text(method),
                    Cell::text(e.variance.map_or("", Variance::id)),
                ]);
            }
            None => {
                let mut row = vec![name];
                row.resize(7, Cell::Empty);
                out.row(&row);
            }
        }
    }
    out.finish()
}
