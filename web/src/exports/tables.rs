//! The export tables as rows of cells: the ratings in long format with their codebook, agreement per
//! item, and the follow-up plan. Shared by the CSV files and the .xlsx workbook, so both hold the same
//! values. Numbers are kept as numbers ([`Cell::Number`]); the CSV writes them with a decimal point,
//! as analysis tools read them, and the workbook stores them as numbers. The CSV is written by the one
//! CSV writer, `audit::csv`, which neutralises text that a spreadsheet would run as a formula.

use audit::calibration::CalibrationReport;
use audit::csv::{CsvWriter, Dialect};
use audit::{Audit, ItemKind, Rating, RatingStatus, RatingValue, Scale, Tilsyn};
use store::follow_up_plan::VersionedAction;

pub use audit::csv::Cell;

/// A table: its header and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The column names.
    pub header: Vec<&'static str>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// The columns of the ratings in long format, with their meaning for the codebook.
pub const RATING_COLUMNS: [(&str, &str); 12] = [
    ("audit", "Auditforløbets nummer"),
    ("rater", "Bedømmerens brugernavn"),
    (
        "tilsyn",
        "Bedømmerens socialtilsyn (id, se koderne nedenfor)",
    ),
    (
        "own_tilsyn",
        "1 hvis materialet kommer fra bedømmerens eget tilsyn, ellers 0; tom for punkter uden materiale",
    ),
    (
        "material",
        "Materialets pseudonym (tom for punkter, der ikke bedømmes pr. materiale)",
    ),
    (
        "item",
        "Punktets id i vurderingsskemaet (se punkterne nedenfor)",
    ),
    (
        "indicator",
        "Kvalitetsmodellens indikator, som punktet bedømmer (tom for andre punkter)",
    ),
    (
        "round",
        "Runde: 1 = blind bedømmelse før auditmødet, 2 = revideret bedømmelse efter drøftelsen",
    ),
    (
        "value",
        "Værdien: skalaens kode for en bedømmelse, materialets pseudonym for en nominering, pseudonymerne adskilt af semikolon for en sagsudvælgelse, teksten for en refleksion; tom = kunne ikke bedømmes",
    ),
    ("label", "Værdiens danske betegnelse på skalaen"),
    ("reason", "Bedømmerens begrundelse"),
    (
        "status",
        "indsendt eller kladde (kun bedømmerens egne kladder kan forekomme)",
    ),
];

fn tilsyn_id(t: Tilsyn) -> &'static str {
    t.id()
}

/// The ratings in long format: one row per rating (rater × material × item × round), in the order
/// given.
pub fn ratings(audit: &Audit, ratings: &[Rating]) -> Table {
    let pseudonym = |id: &audit::MaterialId| {
        audit
            .material(id)
            .map_or_else(|| id.to_string(), |m| m.pseudonym.clone())
    };
    let rows = ratings
        .iter()
        .map(|r| {
            let member = audit.member(&r.rater);
            let item = audit.item(&r.unit.item);
            let scale: Option<&Scale> = item.map(|(f, _)| &f.scale);
            let indikator = match item.map(|(_, i)| &i.kind) {
                Some(ItemKind::Indikator { indikator }) => indikator.clone(),
                Some(ItemKind::Nominering { indikator: Some(i) }) => i.clone(),
                _ => String::new(),
            };
            let (value, label) = match &r.value {
                Some(RatingValue::Score(v)) => (
                    Cell::Number(f64::from(*v)),
                    Cell::text(scale.and_then(|s| s.label(*v)).unwrap_or_default()),
                ),
                Some(RatingValue::Pick(m)) => (Cell::text(pseudonym(m)), Cell::Empty),
                Some(RatingValue::Picks(ms)) => (
                    Cell::text(ms.iter().map(pseudonym).collect::<Vec<_>>().join(";")),
                    Cell::Empty,
                ),
                Some(RatingValue::Text(t)) => (Cell::text(t.clone()), Cell::Empty),
                None => (Cell::Empty, Cell::text("kunne ikke bedømmes")),
            };
            let own = match &r.unit.material {
                Some(_) => Cell::Number(if audit.is_own_tilsyn(&r.rater, &r.unit) {
                    1.0
                } else {
                    0.0
                }),
                None => Cell::Empty,
            };
            vec![
                Cell::text(audit.nr.to_string()),
                Cell::text(r.rater.to_string()),
                Cell::text(member.map_or("", |m| tilsyn_id(m.tilsyn))),
                own,
                Cell::text(r.unit.material.as_ref().map(pseudonym).unwrap_or_default()),
                Cell::text(r.unit.item.to_string()),
                Cell::text(indikator),
                Cell::Number(f64::from(r.round.number())),
                value,
                label,
                Cell::text(r.reason.clone()),
                Cell::text(match r.status {
                    RatingStatus::Submitted => "indsendt",
                    RatingStatus::Draft => "kladde",
                }),
            ]
        })
        .collect();
    Table {
        header: RATING_COLUMNS.iter().map(|(c, _)| *c).collect(),
        rows,
    }
}

/// The codebook: what each column means, and the codes of the tilsyn, the scales and the items.
pub fn codebook(audit: &Audit) -> Table {
    let row = |a: &str, b: &str, c: &str, d: &str| {
        vec![Cell::text(a), Cell::text(b), Cell::text(c), Cell::text(d)]
    };
    let mut rows: Vec<Vec<Cell>> = RATING_COLUMNS
        .iter()
        .map(|(c, d)| row("kolonne", c, "", d))
        .collect();
    for t in Tilsyn::ALL {
        rows.push(row("tilsyn", "tilsyn", t.id(), &t.fulde_navn()));
    }
    let mut scales: Vec<&Scale> = Vec::new();
    for f in &audit.forms {
        if !scales.contains(&&f.scale) {
            scales.push(&f.scale);
        }
    }
    for s in scales {
        for (code, label) in s.values() {
            rows.push(row("skala", s.navn(), &code.to_string(), &label));
        }
    }
    for f in &audit.forms {
        for i in &f.items {
            rows.push(row(
                "punkt",
                &i.id.to_string(),
                i.kind.navn(),
                &format!("{}: {} ({})", f.titel, i.tekst, f.scale.navn()),
            ));
        }
    }
    for m in &audit.materials {
        rows.push(row(
            "materiale",
            &m.pseudonym,
            m.kind.navn(),
            &m.tilsyn.fulde_navn(),
        ));
    }
    Table {
        header: vec!["art", "navn", "kode", "betydning"],
        rows,
    }
}

/// Agreement per item, as the report's calibration appendix computed it.
pub fn agreement(statistik: Option<&CalibrationReport>) -> Table {
    let mut rows = Vec::new();
    for s in statistik.iter().flat_map(|s| &s.scales) {
        let mut push = |item: &str,
                        indikator: &str,
                        tekst: &str,
                        form: &str,
                        c: &audit::calibration::Coefficients| {
            let ci = c.gwet_ac1.ci95;
            rows.push(vec![
                Cell::text(s.scale_navn.clone()),
                Cell::text(item),
                Cell::text(indikator),
                Cell::text(tekst),
                Cell::text(form),
                Cell::Number(c.n_units as f64),
                Cell::Number(c.n_ratings as f64),
                Cell::Number(c.n_raters as f64),
                Cell::number(c.percent_agreement.value),
                Cell::number(c.gwet_ac1.value),
                Cell::number(ci.map(|c| c[0])),
                Cell::number(ci.map(|c| c[1])),
                Cell::number(c.fleiss_kappa.value),
                Cell::number(c.krippendorff_alpha.value),
                Cell::number(c.brennan_prediger.value),
            ]);
        };
        push("alle", "", "Alle punkter på skalaen", "", &s.overall);
        for it in &s.items {
            push(
                &it.item.to_string(),
                it.indikator.as_deref().unwrap_or(""),
                &it.tekst,
                &it.form,
                &it.coefficients,
            );
        }
    }
    Table {
        header: vec![
            "scale",
            "item",
            "indicator",
            "text",
            "form",
            "n_units",
            "n_ratings",
            "n_raters",
            "percent_agreement",
            "gwet_ac1",
            "gwet_ac1_ci95_lower",
            "gwet_ac1_ci95_upper",
            "fleiss_kappa",
            "krippendorff_alpha",
            "brennan_prediger",
        ],
        rows,
    }
}

/// The follow-up plan.
pub fn follow_up(audit: &Audit, plan: &[VersionedAction]) -> Table {
    let rows = plan
        .iter()
        .map(|v| {
            let t = &v.action.tiltag;
            let frist = t.frist().and_then(Result::ok);
            vec![
                Cell::text(audit.nr.to_string()),
                Cell::text(t.id.clone()),
                Cell::text(t.tekst.clone()),
                Cell::text(t.anbefalinger.join(";")),
                Cell::text(
                    t.ansvarlige
                        .iter()
                        .map(|a| a.navn())
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
                Cell::text(t.frist.clone().unwrap_or_default()),
                Cell::text(
                    frist
                        .as_ref()
                        .and_then(|f| f.forfald())
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
                Cell::text(v.action.status().navn()),
            ]
        })
        .collect();
    Table {
        header: vec![
            "audit",
            "id",
            "text",
            "recommendations",
            "responsible",
            "deadline_as_typed",
            "due_date",
            "status",
        ],
        rows,
    }
}

/// The table as CSV (RFC 4180: comma-separated, quoted where needed, CRLF line ends), UTF-8 without a
/// byte-order mark, header first, written by the one CSV writer ([`audit::csv::CsvWriter`]).
pub fn csv(t: &Table) -> String {
    let mut out = CsvWriter::new(Dialect::RFC_4180);
    out.text_row(&t.header);
    for r in &t.rows {
        out.row(r);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::{Cell, Table, csv};

    #[test]
    fn csv_writes_the_header_then_the_rows_with_typed_cells() {
        let t = Table {
            header: vec!["a", "b", "c"],
            rows: vec![vec![
                Cell::Text("=Søgård, \"Øst\"".into()),
                Cell::Number(-0.5),
                Cell::Empty,
            ]],
        };
        assert_eq!(csv(&t), "a,b,c\r\n\"'=Søgård, \"\"Øst\"\"\",-0.5,\r\n");
    }
}
