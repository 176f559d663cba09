//! Dates the Danish way ("15. marts 2025"), as a machine-readable `<time>` element. The text is
//! written by `audit::danske_datoer`, the one date format of the application and the report.

use maud::{Markup, Render, html};
use time::{Date, OffsetDateTime};

use crate::clock::danish_time;

/// Renders "15. marts 2025" with `datetime="2025-03-15"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DanishDate(pub Date);

impl DanishDate {
    /// The Danish calendar date of the instant `at` (a UTC timestamp from the store).
    pub fn local(at: OffsetDateTime) -> DanishDate {
        DanishDate(danish_time(at).date())
    }
}

/// Renders an instant as Danish local date and time: "5. marts 2020 kl. 10.15" (the date as
/// [`DanishDate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DanishDateTime(pub OffsetDateTime);

impl Render for DanishDateTime {
    fn render(&self) -> Markup {
        let local = danish_time(self.0);
        html! {
            (DanishDate(local.date())) " kl. " (audit::danske_datoer::dansk_klokkeslaet(local.time()))
        }
    }
}

impl Render for DanishDate {
    fn render(&self) -> Markup {
        html! { time datetime=(self.0) { (audit::dansk_dato(self.0)) } }
    }
}

/// An optional date, or a dash for a screen reader to read as "ingen".
pub fn optional(date: Option<Date>) -> Markup {
    match date {
        Some(date) => DanishDate(date).render(),
        None => html! { span aria-label="ingen" { "–" } },
    }
}

#[cfg(test)]
mod tests {
    use maud::Render;
    use time::macros::date;

    use super::{DanishDate, DanishDateTime};

    #[test]
    fn renders_the_danish_text_with_the_iso_date() {
        assert_eq!(
            DanishDate(date!(2025 - 03 - 15)).render().into_string(),
            r#"<time datetime="2025-03-15">15. marts 2025</time>"#
        );
    }

    #[test]
    fn renders_the_danish_local_time() {
        // 09:05 UTC on 5 March is 10.05 in Danish winter time.
        assert_eq!(
            DanishDateTime(time::macros::datetime!(2020-03-05 09:05 UTC))
                .render()
                .into_string(),
            r#"<time datetime="2020-03-05">5. marts 2020</time> kl. 10.05"#
        );
    }
}
