//! Numbers the Danish way in tables and charts: a decimal comma ("0,74"), a real minus sign ("−0,12"),
//! a space before the percent sign ("85 %"), intervals written "0,61 til 0,88", and a dash for a value
//! that is not there. [`number`] wraps the text in `<data value="…">` so that the exact value stays
//! machine-readable (tests and other tools read it back).

use agreement::interpretation::format_decimal;
use maud::{Markup, html};

/// `value` with `decimals` decimals, a decimal comma and a real minus sign: `decimal(-0.123, 2) ==
/// "−0,12"`.
pub fn decimal(value: f64, decimals: usize) -> String {
    let text = format_decimal(value, decimals);
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

/// Like [`decimal`], with a plus sign on positive values (deviations: "+0,12", "−0,12", "0,00").
pub fn signed(value: f64, decimals: usize) -> String {
    let text = decimal(value, decimals);
    if value > 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{text}")
    } else {
        text
    }
}

/// A share in `[0, 1]` as a whole percentage: `percent(0.853) == "85 %"`.
pub fn percent(share: f64) -> String {
    format!("{} %", decimal(share * 100.0, 0))
}

/// A 95 % interval: "0,61 til 0,88".
pub fn interval(ci: [f64; 2], decimals: usize) -> String {
    format!(
        "{} til {}",
        decimal(ci[0], decimals),
        decimal(ci[1], decimals)
    )
}

/// A 95 % interval of shares: "81 % til 93 %".
pub fn percent_interval(ci: [f64; 2]) -> String {
    format!("{} til {}", percent(ci[0]), percent(ci[1]))
}

/// `shown` inside `<data value="…">`, with the exact value for machines.
pub fn number(value: f64, shown: &str) -> Markup {
    html! { data value=(value) { (shown) } }
}

/// An optional value as [`number`] with [`decimal`], or a dash read as "ingen".
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
    fn numbers_are_written_the_danish_way() {
        assert_eq!(decimal(0.7449, 2), "0,74");
        assert_eq!(decimal(-0.123, 2), "−0,12");
        assert_eq!(decimal(-0.001, 2), "0,00", "no negative zero");
        assert_eq!(signed(0.123, 2), "+0,12");
        assert_eq!(signed(-0.123, 2), "−0,12");
        assert_eq!(signed(0.001, 2), "0,00");
        assert_eq!(percent(0.853), "85 %");
        assert_eq!(interval([-0.05, 0.3], 2), "−0,05 til 0,30");
        assert_eq!(
            number(0.25, "0,25").into_string(),
            r#"<data value="0.25">0,25</data>"#
        );
    }
}
