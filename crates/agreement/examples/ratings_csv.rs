//! Writes the synthetic ordinal ratings of the benchmarks (`benches/support/synthetic.rs`) as the long
//! `unit,rater,value` CSV file that `auditpanel agreement` and pandas read: one row per cell, units and
//! raters numbered from 1, values 1–5, a missing rating as an empty value (10 % of the cells).
//!
//! Usage: `cargo run --release -p agreement --example ratings_csv -- FILE [UNITS] [RATERS] [SEED]`
//! (defaults 100 000 units, 200 raters, seed 2: the 20 M-rating file of `scripts/bench-cli.sh`).

use std::io::{BufWriter, Write};

#[path = "../benches/support/synthetic.rs"]
#[allow(dead_code)] // the matrix half of the generator is for the benchmarks
mod synthetic;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: ratings_csv FILE [UNITS] [RATERS] [SEED]";
    let path = args.next().ok_or(usage)?;
    let mut number = |default: usize| -> Result<usize, Box<dyn std::error::Error>> {
        Ok(args.next().map_or(Ok(default), |a| a.parse())?)
    };
    let (units, raters, seed) = (number(100_000)?, number(200)?, number(2)?);
    let cells = synthetic::ordinal_cells(units, raters, seed as u64);
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
    out.write_all(b"unit,rater,value\n")?;
    for (i, cell) in cells.iter().enumerate() {
        let (unit, rater) = (i / raters + 1, i % raters + 1);
        match cell {
            Some(c) => writeln!(out, "{unit},{rater},{}", c + 1)?,
            None => writeln!(out, "{unit},{rater},")?,
        }
    }
    out.flush()?;
    Ok(())
}
