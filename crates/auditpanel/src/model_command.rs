//! `auditpanel model`: prints a quality-model version, or the indicators that apply to an offer type.

use std::fmt::Write;

use audit::{Gaelder, Kvalitetsmodel, Tilbud, Tilbudstype};

use crate::output::{Failure, Format, json};

/// Runs the subcommand.
pub(crate) fn run(
    version: &str,
    applicable_to: Option<&str>,
    private_with_board: bool,
    format: Format,
) -> Result<String, Failure> {
    let model = audit::builtin::kvalitetsmodel(version).map_err(Failure::input)?;
    match applicable_to {
        Some(offer) => {
            let tilbud = parse_offer(offer)?.med_bestyrelse(private_with_board);
            if tilbud.er_plejefamilie() {
                return Err(Failure::input(format!(
                    "kvalitetsmodel {} er modellen for tilbud; plejefamilier vurderes efter kvalitetsmodellen for \
                     plejefamilier (med temaet familiestruktur og familiedynamik), som auditpanel ikke har",
                    model.version()
                )));
            }
            applicable(&model, &tilbud, format)
        }
        None => match format {
            Format::Json => json(&model),
            Format::Table => Ok(table(&model)),
            Format::Csv => Err(Failure::input(
                "kvalitetsmodellen kan vises som table eller json, ikke csv",
            )),
        },
    }
}

/// Reads `--applicable-to`: one offer type id, or several separated by commas for a tilbud approved as several
/// types at once ("fx både § 66 og § 107").
fn parse_offer(offer: &str) -> Result<Tilbud, Failure> {
    let types = offer
        .split(',')
        .map(|id| id.trim().parse::<Tilbudstype>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::input)?;
    Tilbud::af_typer(types).map_err(Failure::input)
}

fn applicable(model: &Kvalitetsmodel, tilbud: &Tilbud, format: Format) -> Result<String, Failure> {
    let indicators = model.gaeldende_indikatorer(tilbud);
    match format {
        Format::Json => json(&indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()),
        Format::Table => {
            let mut out = format!(
                "{} af {} indikatorer i kvalitetsmodel {} gælder for {}:\n",
                indicators.len(),
                model.antal_indikatorer(),
                model.version(),
                describe(tilbud)
            );
            for i in indicators {
                let _ = writeln!(out, "  {:<6}{}", i.id, i.tekst);
            }
            Ok(out)
        }
        Format::Csv => Err(Failure::input(
            "listen kan vises som table eller json, ikke csv",
        )),
    }
}

fn describe(tilbud: &Tilbud) -> String {
    let types: Vec<String> = tilbud
        .tilbudstyper()
        .map(|t| format!("{} ({})", t.navn(), t.lovhenvisning()))
        .collect();
    let board = if tilbud.privat_med_bestyrelse {
        ", privat med bestyrelse"
    } else {
        ""
    };
    format!("{}{board}", types.join(" og "))
}

fn table(model: &Kvalitetsmodel) -> String {
    let mut out = format!(
        "Kvalitetsmodel {} – {}\n{} temaer, {} kriterier, {} indikatorer\n",
        model.version(),
        model.titel(),
        model.antal_temaer(),
        model.antal_kriterier(),
        model.antal_indikatorer()
    );
    for tema in model.temaer() {
        let _ = writeln!(out, "\nTema: {}", tema.navn);
        for kriterium in &tema.kriterier {
            let _ = writeln!(out, "  Kriterium {}: {}", kriterium.id, kriterium.tekst);
            for indikator in &kriterium.indikatorer {
                let _ = writeln!(out, "    {:<6}{}", indikator.id, indikator.tekst);
                if !matches!(indikator.gaelder, Gaelder::Alle) {
                    let ids: Vec<&str> = indikator
                        .gaelder
                        .tilbudstyper()
                        .iter()
                        .map(|t| t.id())
                        .collect();
                    let rule = match &indikator.gaelder {
                        Gaelder::Ikke { .. } => format!("gælder ikke: {}", ids.join(", ")),
                        Gaelder::Kun { .. } => format!("gælder kun: {}", ids.join(", ")),
                        Gaelder::KunPrivatMedBestyrelse { .. } => {
                            "gælder kun private tilbud med bestyrelse".into()
                        }
                        Gaelder::Alle => String::new(),
                    };
                    let _ = writeln!(out, "          ({rule})");
                }
            }
        }
    }
    out
}
