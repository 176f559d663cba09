//! The domain of auditpanel: quality model, audit rounds, rating forms, workflow and the blind rule.

pub mod danske_datoer;
pub mod frist;
pub mod sagsforloeb;
pub mod tekster;
