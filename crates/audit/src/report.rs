//! The auditrapport: its generated Danish text and the document model the web layer renders.
//!
//! The report has the sections of the seed reports (`000_…` 20.1, `002_…` 19.1, `003_…` 19.2):
//! Indledning, Formål, Metodisk tilrettelæggelse (Fokus, Deltagere, Auditmateriale, Metodisk
//! fokus), Auditpanelets drøftelser, Anbefalinger, Opfølgningsplan and Bilag. [`byg_rapport`]
//! builds a [`Rapport`] from an audit, its ratings, the report content, the pinned quality model
//! and the standard texts, with the calibration appendix from [`crate::calibration`]. The paragraphs the tool writes itself are pure
//! functions of the audit, usable on their own:
//!
//! - [`deltagere`]: who took part from which socialtilsyn in which roles, absences and the total;
//! - [`auditmateriale`]: the material per kind and tilsyn, with the cases' timelines;
//! - [`metodisk_fokus`]: the rating forms and their questions;
//! - [`fordelingsafsnit`], [`nomineringsafsnit`], [`sagsvalgsafsnit`]: the ratings per indicator,
//!   the nominations and the case selection.
//!
//! [`fodnoter`] reads the two marks of the written text, a footnote (`^[…]`) and a quotation
//! (`> …`), and numbers the notes.
//!
//! [`versioner`] says what date a published version may carry and what changed against the one
//! before it.
//!
//! [`sprog`] holds the small pieces of Danish they are made of (number words, plurals, lists).
//! Nothing here renders HTML, and nothing reads a file or the clock.

mod auditmateriale;
pub mod bilag;
mod byg;
mod deltagere;
pub mod document;
pub mod fodnoter;
mod indikator;
mod metodisk_fokus;
pub mod sprog;
mod udgave;
pub mod versioner;

pub use self::auditmateriale::{auditmateriale, materiale_navneord};
pub use self::bilag::{Kalibreringsbilag, MaterialeSpindelvaev, spindelvaev};
pub use self::byg::{RapportbygFejl, Rapportgrundlag, byg_rapport};
pub use self::deltagere::{deltagere, rolle_navneord};
pub use self::document::{Blok, Rapport, Redigeringsmaerke, Sektion};
pub use self::fodnoter::{Fodnote, Tekstdel};
pub use self::indikator::{
    Bedoemmelsesfordeling, Enighed, Kategoriantal, Koefficient, fordeling, fordelingsafsnit,
    nomineringsafsnit, sagsvalgsafsnit,
};
pub use self::metodisk_fokus::metodisk_fokus;
pub use self::udgave::{Rapportudgave, udgave_for};
pub use self::versioner::{
    Aendring, Aendringsart, DatoFejl, Versionsforskel, check_offentliggoerelsesdato,
    versionsforskel,
};
