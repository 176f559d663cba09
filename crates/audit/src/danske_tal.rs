//! Numbers the Danish way, for every place that shows one: the generated report text, the web pages,
//! the report's appendix and the command line.
//!
//! A decimal comma ("0,74"), one minus sign, U+2212 ("−0,12"; never the hyphen "-"), no negative zero
//! ("0,00"), a space before the percent sign ("85 %"), intervals written "0,61 til 0,88", and a dash
//! ("–") for a value that is not there. The digits themselves come from
//! [`agreement::interpretation::format_decimal`], which the statistics crate needs for its own
//! sentences and which cannot depend on this crate; everything above `agreement` formats through
//! this module.

/// What stands where a value is missing or undefined: an en dash.
pub const DASH: &str = "–";

/// `value` with `decimals` decimals, a decimal comma and a real minus sign: `decimal(-0.123, 2) ==
/// "−0,12"`; a value that is not a number is written [`DASH`].
pub fn decimal(value: f64, decimals: usize) -> String {
    agreement::interpretation::format_decimal(value, decimals)
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
    agreement::interpretation::format_percent(share)
}

/// A change of a share in whole percentage points: `percentage_points(0.126) == "+13 procentpoint"`.
pub fn percentage_points(change: f64) -> String {
    format!("{} procentpoint", signed(change * 100.0, 0))
}

/// A 95 % interval: `interval([-0.05, 0.3], 2) == "−0,05 til 0,30"`.
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

/// An optional value with `decimals` decimals as [`decimal`] writes it, or [`DASH`]: `optional(None, 2)
/// == "–"` (coefficients that are undefined, means of nothing).
pub fn optional(value: Option<f64>, decimals: usize) -> String {
    or_dash(value, |v| decimal(v, decimals))
}

/// `value` written by `write`, or [`DASH`] where there is none: `or_dash(None, percent) == "–"`.
pub fn or_dash<T>(value: Option<T>, write: impl FnOnce(T) -> String) -> String {
    value.map_or_else(|| DASH.to_owned(), write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_danish_way() {
        let cases = [
            (decimal(0.7449, 2), "0,74"),
            (decimal(0.745_01, 2), "0,75"),
            (decimal(-0.123, 2), "−0,12"),
            (decimal(-0.001, 2), "0,00"),
            (decimal(3.0, 1), "3,0"),
            (decimal(f64::NAN, 2), "–"),
            (signed(0.123, 2), "+0,12"),
            (signed(-0.05, 2), "−0,05"),
            (signed(0.001, 2), "0,00"),
            (percent(0.853), "85 %"),
            (percent(0.826), "83 %"),
            (percent(1.0), "100 %"),
            (percentage_points(0.126), "+13 procentpoint"),
            (percentage_points(-0.004), "0 procentpoint"),
            (percentage_points(-0.05), "−5 procentpoint"),
            (interval([-0.05, 0.3], 2), "−0,05 til 0,30"),
            (percent_interval([0.81, 0.93]), "81 % til 93 %"),
            (or_dash(None, percent), "–"),
            (optional(None, 2), "–"),
            (optional(Some(-0.051), 2), "−0,05"),
            (or_dash(Some(0.9), percent), "90 %"),
        ];
        for (written, expected) in cases {
            assert_eq!(written, expected);
        }
    }
}
