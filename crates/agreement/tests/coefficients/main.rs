//! Agreement coefficients against published values, hand-computed cases and properties: one test binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod paradox;
mod properties;
mod reference;
mod support;
