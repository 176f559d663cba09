//! Numbers in markup. The text of a number is always written by `audit::danske_tal` (decimal comma,
//! the minus sign U+2212, "85 %", "0,61 til 0,88"); this module only wraps it: [`number`] puts the text
//! in `<data value="…">` so that the exact value stays machine-readable (tests and other tools read it
//! back), and a missing value is a dash read as "ingen".

use audit::danske_tal::decimal;
use maud::{Markup, html};

/// `shown` inside `<data value="…">`, with the exact value for machines.
pub fn number(value: f64, shown: &str) -> Markup {
    html! { data value=(value) { (shown) } }
}

/// An optional value as [`number`] with `audit::danske_tal::decimal`, or a dash read as "ingen".
pub fn optional(value: Option<f64>, decimals: usize) -> Markup {
    match value {
        Some(v) => number(v, &decimal(v, decimals)),
        None => none(),
    }
}

/// A dash for a missing value, read by screen readers as "ingen".
pub fn none() -> Markup {
    html! { span aria-label="ingen" { "–" } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_exact_value() {
        assert_eq!(
            number(0.25, "0,25").into_string(),
            r#"<data value="0.25">0,25</data>"#
        );
        assert_eq!(
            optional(Some(-0.123), 2).into_string(),
            r#"<data value="-0.123">−0,12</data>"#
        );
    }
}
