//! The domain of auditpanel: quality model, audit rounds, panel, material, rating forms, ratings,
//! workflow and the blind rule.
//!
//! Pure Rust: no I/O, no database, no HTTP, no clock (today's date is always a parameter). The store and
//! the web layer call into this crate for every rule, so that each rule lives in one place.

pub mod access;
pub mod aggregering;
mod audit;
pub mod bedoemmelsesfrist;
pub mod builtin;
pub mod calibration;
pub mod compliance;
pub mod cpr;
pub mod csv;
pub mod danske_datoer;
pub mod danske_tal;
pub mod demo;
pub mod export;
pub mod file_name;
pub mod followup;
mod form;
pub mod frist;
pub mod hoering;
mod ids;
pub mod kvalitetsmodel;
pub mod login_throttle;
mod material;
mod material_order;
pub mod optaelling;
mod panel;
mod prng;
mod rating;
pub mod report;
pub mod report_content;
pub mod sagsforloeb;
mod scale;
pub mod tekster;
pub mod text;
pub mod tidsplan;
pub mod tilbudstype;
mod tilsyn;
pub mod token;
mod user;
pub mod visibility;
pub mod workflow;

pub use aggregering::{AggregeringsFejl, SpindelvaevPunkt, Temascore, spindelvaev, temascorer};
pub use audit::{Afsloeringsregel, Audit, AuditError, Freeze, RatingError, SetupPart};
pub use danske_datoer::dansk_dato;
pub use form::{FormItem, ItemKind, RatingForm};
pub use frist::{Frist, FristFejl, Fristart, Varighed, parse_frist, parse_frist_efter};
pub use ids::{AuditNr, IdError, ItemId, MaterialId, UnitKey, Username};
pub use kvalitetsmodel::{Gaelder, Indikator, Kriterium, Kvalitetsmodel, ModelFejl, Tema};
pub use material::{Material, Materialetype};
pub use panel::{DeltagelseFejl, Fremmoede, PanelMember, Panelrolle};
pub use rating::{Rating, RatingStatus, RatingValue, ReasonError, Round, check_reason};
pub use report_content::{
    Anbefaling, Ansvarlig, Bilag, Bilagsafsnit, Droeftelse, Emne, Opfoelgningstiltag,
    Opmaerksomhed, RapportFejl, Rapportindhold, Redigeringsmaade, Tekstafsnit, Tekstredigering,
};
pub use scale::{IKKE_RELEVANT, Scale, ScaleError};
pub use text::{TextError, check_text};
pub use tilbudstype::{Tilbud, Tilbudstype};
pub use tilsyn::{Tilsyn, UkendtTilsyn};
pub use token::{TokenScope, TokenState, TokenUse, token_permits, token_state};
pub use user::{Role, User};
pub use workflow::{Transition, TransitionFacts, WorkflowError, WorkflowState};
