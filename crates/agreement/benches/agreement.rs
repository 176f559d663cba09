//! Criterion benchmarks of Krippendorff's α and its bootstrap on synthetic ordinal 1–5 data with 10 % missing
//! (see `support/synthetic.rs`): α on 20 raters × 10 000 units and on 200 raters × 100 000 units, and a
//! 1 000-resample bootstrap of α on 15 raters × 500 units; the diagnostics (without bootstrap) on the two
//! larger sets; the whole coefficient set (`analyse`, what `auditpanel agreement` computes) on both; and
//! building the matrix from text triples (200 raters × 20 000 units). The end-to-end comparison of the
//! command with pandas is `scripts/bench-cli.sh`.

use std::hint::black_box;

use agreement::{
    AnalysisOptions, BootstrapConfig, Level, RatingsBuilder, analyse, bootstrap_alpha, diagnostics,
    krippendorff_alpha,
};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/synthetic.rs"]
mod synthetic;

fn alpha(c: &mut Criterion) {
    let mut group = c.benchmark_group("krippendorff_alpha_ordinal");
    group.sample_size(20);
    let small = synthetic::ordinal(10_000, 20, 1);
    group.bench_function("20x10000", |b| {
        b.iter(|| krippendorff_alpha(black_box(&small), Level::Ordinal))
    });
    let large = synthetic::ordinal(100_000, 200, 2);
    group.bench_function("200x100000", |b| {
        b.iter(|| krippendorff_alpha(black_box(&large), Level::Ordinal))
    });
    group.finish();
}

fn bootstrap(c: &mut Criterion) {
    let mut group = c.benchmark_group("bootstrap_alpha_ordinal_1000");
    group.sample_size(10);
    let data = synthetic::ordinal(500, 15, 3);
    let config = BootstrapConfig::new(1_000, 2024);
    group.bench_function("15x500", |b| {
        b.iter(|| bootstrap_alpha(black_box(&data), Level::Ordinal, &config))
    });
    let single = BootstrapConfig {
        threads: std::num::NonZeroUsize::new(1),
        ..config
    };
    group.bench_function("15x500_1thread", |b| {
        b.iter(|| bootstrap_alpha(black_box(&data), Level::Ordinal, &single))
    });
    group.finish();
}

fn diagnostics_without_bootstrap(c: &mut Criterion) {
    let mut group = c.benchmark_group("diagnostics");
    group.sample_size(10);
    let small = synthetic::ordinal(10_000, 20, 1);
    group.bench_function("20x10000", |b| {
        b.iter(|| diagnostics(black_box(&small), None))
    });
    let large = synthetic::ordinal(100_000, 200, 2);
    group.bench_function("200x100000", |b| {
        b.iter(|| diagnostics(black_box(&large), None))
    });
    group.finish();
}

fn whole_coefficient_set(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyse_ordinal");
    group.sample_size(10);
    let options = AnalysisOptions::default();
    let small = synthetic::ordinal(10_000, 20, 1);
    group.bench_function("20x10000", |b| {
        b.iter(|| analyse(black_box(&small), &options, &|_, _| {}))
    });
    let large = synthetic::ordinal(100_000, 200, 2);
    group.bench_function("200x100000", |b| {
        b.iter(|| analyse(black_box(&large), &options, &|_, _| {}))
    });
    group.finish();
}

/// The matrix from `(unit, rater, value)` text triples, what `auditpanel agreement` does while it reads a
/// long CSV file (interning, checking, filling the 16-bit matrix), without the CSV tokenising.
fn builder_from_triples(c: &mut Criterion) {
    let mut group = c.benchmark_group("builder_from_triples");
    group.sample_size(10);
    let (units, raters) = (20_000, 200);
    let cells = synthetic::ordinal_cells(units, raters, 2);
    let unit_ids: Vec<String> = (1..=units).map(|u| u.to_string()).collect();
    let rater_ids: Vec<String> = (1..=raters).map(|r| r.to_string()).collect();
    group.bench_function("200x20000", |b| {
        b.iter(|| {
            let mut builder = RatingsBuilder::new(Level::Ordinal, None).ok()?;
            for (i, cell) in cells.iter().enumerate() {
                let value = cell.map(|c| synthetic::SCALE[c as usize]);
                builder
                    .add(&unit_ids[i / raters], &rater_ids[i % raters], value)
                    .ok()?;
            }
            builder.build().ok()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    builder_from_triples,
    alpha,
    bootstrap,
    diagnostics_without_bootstrap,
    whole_coefficient_set
);
criterion_main!(benches);
