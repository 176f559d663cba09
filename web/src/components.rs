//! Small pieces of markup that several pages share. Pages are functions returning `Markup`; values that
//! appear everywhere implement `maud::Render`.

pub mod date;
pub mod form;
pub mod heatmap;
pub mod labels;
pub mod spindelvaev;
pub mod workflow;

pub use date::DanishDate;
