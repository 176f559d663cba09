//! Small pieces of markup that several pages share. Pages are functions returning `Markup`; values that
//! appear everywhere implement `maud::Render`.

pub mod bar_svg;
pub mod coefficients;
pub mod date;
pub mod decimal;
pub mod deviation_svg;
pub mod form;
pub mod heatmap_svg;
pub mod labels;
pub mod palette;
pub mod spindelvaev;
pub mod table;
pub mod tidslinje;
pub mod workflow;

pub use date::{DanishDate, DanishDateTime};
