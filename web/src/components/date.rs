//! Dates the Danish way ("15. marts 2025"), as a machine-readable `<time>` element.

use maud::{Markup, Render, html};
use time::Date;

/// Renders "15. marts 2025" with `datetime="2025-03-15"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DanishDate(pub Date);

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

    use super::DanishDate;

    #[test]
    fn renders_the_danish_text_with_the_iso_date() {
        assert_eq!(
            DanishDate(date!(2025 - 03 - 15)).render().into_string(),
            r#"<time datetime="2025-03-15">15. marts 2025</time>"#
        );
    }
}
