//! The Rust half of `benches/compare_python.sh`: writes the benchmark data for Python and times this
//! crate on the same data.
//!
//! Usage: `cargo run --release -p agreement --example compare_python -- DIR`. Writes to `DIR`
//! `large.u8` (200 raters × 100 000 units) and `boot.u8` (15 raters × 500 units), the synthetic ordinal data
//! of the criterion benchmark (`benches/support/synthetic.rs`, same seeds), one byte per cell, rater by
//! rater (the `raters × units` shape of the Python `krippendorff` package), 1–5 or 0 for missing. Prints one
//! JSON object with our α values and timings (seconds) on stdout.

use std::num::NonZeroUsize;
use std::path::Path;
use std::time::Instant;

use agreement::{BootstrapConfig, Level, Ratings, bootstrap_alpha, krippendorff_alpha};

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

/// Writes `cells` (row-major by unit) as one byte per cell, rater-major, 0 for missing.
fn write_u8(path: &Path, cells: &[Option<u32>], raters: usize) -> std::io::Result<()> {
    let units = cells.len() / raters;
    let mut bytes = vec![0u8; cells.len()];
    for (i, cell) in cells.iter().enumerate() {
        let (u, r) = (i / raters, i % raters);
        bytes[r * units + u] = cell.map_or(0, |c| c as u8 + 1);
    }
    std::fs::write(path, bytes)
}

/// The median wall time of `runs` calls of `f`, in seconds.
fn median_seconds(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn ratings(cells: &[Option<u32>], raters: usize) -> Result<Ratings, agreement::AgreementError> {
    Ratings::from_category_indices(Level::Ordinal, &synthetic::SCALE, raters, cells)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: compare_python DIR (where to write the data)")?;
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir)?;

    let (large_units, large_raters) = (100_000, 200);
    let large_cells = synthetic::ordinal_cells(large_units, large_raters, 2);
    write_u8(&dir.join("large.u8"), &large_cells, large_raters)?;
    let (boot_units, boot_raters) = (500, 15);
    let boot_cells = synthetic::ordinal_cells(boot_units, boot_raters, 3);
    write_u8(&dir.join("boot.u8"), &boot_cells, boot_raters)?;

    let build_seconds = median_seconds(5, || {
        std::hint::black_box(ratings(&large_cells, large_raters).ok());
    });
    let large = ratings(&large_cells, large_raters)?;
    let mut alpha = Vec::new();
    for level in Level::ALL {
        let ratings = large.at_level(level)?;
        alpha.push(format!(
            "\"{level}\": {}",
            krippendorff_alpha(&ratings, level)?
        ));
    }
    let alpha_seconds = median_seconds(21, || {
        std::hint::black_box(krippendorff_alpha(&large, Level::Ordinal).ok());
    });

    let boot = synthetic::ordinal(boot_units, boot_raters, 3);
    let config = BootstrapConfig::new(1_000, 2024);
    let single = BootstrapConfig {
        threads: NonZeroUsize::new(1),
        ..config
    };
    let result = bootstrap_alpha(&boot, Level::Ordinal, &config)?;
    let bootstrap_seconds = median_seconds(11, || {
        std::hint::black_box(bootstrap_alpha(&boot, Level::Ordinal, &config).ok());
    });
    let bootstrap_1thread_seconds = median_seconds(11, || {
        std::hint::black_box(bootstrap_alpha(&boot, Level::Ordinal, &single).ok());
    });
    let json = |v: Option<f64>| v.map_or_else(|| "null".to_owned(), |v| v.to_string());
    let ci = result.estimate.ci95;
    println!(
        "{{\"alpha_large\": {{{}}}, \"build_large_seconds\": {build_seconds}, \
         \"alpha_large_seconds\": {alpha_seconds}, \"alpha_boot\": {}, \"bootstrap_se\": {}, \
         \"bootstrap_ci95\": [{}, {}], \"bootstrap_skipped\": {}, \"bootstrap_threads\": {}, \
         \"bootstrap_seconds\": {bootstrap_seconds}, \
         \"bootstrap_1thread_seconds\": {bootstrap_1thread_seconds}}}",
        alpha.join(", "),
        result.estimate.estimate,
        json(result.estimate.se),
        json(ci.map(|c| c[0])),
        json(ci.map(|c| c[1])),
        result.skipped,
        config.thread_count(),
    );
    Ok(())
}
