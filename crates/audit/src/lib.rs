//! The domain of auditpanel: quality model, audit rounds, panel, material, rating forms, ratings,
//! workflow and the blind rule.
//!
//! Pure Rust: no I/O, no database, no HTTP, no clock (today's date is always a parameter). The store and
//! the web layer call into this crate for every rule, so that each rule lives in one place.

mod audit;
pub mod danske_datoer;
mod form;
pub mod frist;
mod ids;
mod material;
mod panel;
mod rating;
pub mod sagsforloeb;
mod scale;
pub mod tekster;
mod tilsyn;
mod user;
pub mod visibility;
pub mod workflow;

pub use audit::{Audit, AuditError, RatingError, RevealRule};
pub use form::{FormItem, ItemKind, RatingForm};
pub use ids::{AuditNr, IdError, ItemId, MaterialId, UnitKey, Username};
pub use material::{Material, MaterialKind};
pub use panel::{Attendance, PanelMember, PanelRole};
pub use rating::{Rating, RatingStatus, RatingValue, Round};
pub use scale::{IKKE_RELEVANT, Scale, ScaleError};
pub use tilsyn::{Tilsyn, UkendtTilsyn};
pub use user::{Role, User};
pub use workflow::{Transition, TransitionFacts, WorkflowError, WorkflowState};
