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

/// The notice that a demo audit's ratings are synthetic (`audit::demo::SYNTETISK_NOTE`), for the pages
/// that show its ratings or statistics; nothing for a real audit.
pub fn synthetic_notice(synthetic: bool) -> maud::Markup {
    maud::html! {
        @if synthetic {
            p.notice.syntetisk role="note" { (audit::demo::SYNTETISK_NOTE) }
        }
    }
}
