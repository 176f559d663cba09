//! The domain of auditpanel: quality model, audit rounds, rating forms, workflow and the blind rule.

pub mod aggregering;
pub mod kvalitetsmodel;
pub mod tilbudstype;

pub use aggregering::{AggregeringsFejl, SpindelvaevPunkt, Temascore, spindelvaev, temascorer};
pub use kvalitetsmodel::{Gaelder, Indikator, Kriterium, Kvalitetsmodel, ModelFejl, Tema};
pub use tilbudstype::{Tilbud, Tilbudstype};
