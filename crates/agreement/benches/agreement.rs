//! Criterion benchmarks of Krippendorff's α and its bootstrap on synthetic ordinal 1–5 data with 10 % missing
//! (see `support/synthetic.rs`): α on 20 raters × 10 000 units and on 200 raters × 100 000 units, and a
//! 1 000-resample bootstrap of α on 15 raters × 500 units; the diagnostics (without bootstrap) on the two
//! larger sets; and the whole coefficient set (`analyse`, what `auditpanel agreement` computes) on both.

use std::hint::black_box;

use agreement::{
    AnalysisOptions, BootstrapConfig, Level, analyse, bootstrap_alpha, diagnostics,
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

criterion_group!(
    benches,
    alpha,
    bootstrap,
    diagnostics_without_bootstrap,
    whole_coefficient_set
);
criterion_main!(benches);
