//! Plain-Danish readings of agreement coefficients: Landis & Koch's bands for κ-type coefficients,
//! Krippendorff's thresholds for α, and the κ paradox.
//!
//! Numbers are written the Danish way, with a decimal comma ("0,74") and a space before the percent sign
//! ("85 %"). The functions are pure and return finished sentences for the table output, the dashboard and the
//! report.

/// The gap `AC1 − κ` above which [`kappa_paradox`] explains the difference.
pub const PARADOX_GAP: f64 = 0.2;

/// The share of ratings in the most common category from which [`kappa_paradox`] calls the distribution
/// skewed.
///
/// Feinstein & Cicchetti's (1990) own paradox table (p_o = 0,85, κ = 0,32, AC1 = 0,81) has 87,5 % of the
/// ratings in one category (90 % for one rater, 85 % for the other), so the 0,9 of the per-category flag
/// would miss the textbook case; for two categories and p_o = 0,85 the gap between AC1 and κ passes 0,2 from a
/// prevalence of about 0,8.
pub const PARADOX_PREVALENCE: f64 = 0.8;

/// Writes `value` with `decimals` decimals and a decimal comma: `format_decimal(0.7449, 2) == "0,74"`.
/// Negative values get the minus sign U+2212 ("−0,12"), the one minus every Danish number in
/// auditpanel is written with; a value that is not a number is written "–".
pub fn format_decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let text = format!("{value:.decimals$}");
    // "-0.00" reads as a negative zero; write it as zero.
    let text = if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    };
    text.replace('.', ",").replace('-', "−")
}

/// Writes a share in `[0, 1]` as a whole percentage the Danish way: `format_percent(0.85) == "85 %"`.
pub fn format_percent(share: f64) -> String {
    format!("{} %", format_decimal(share * 100.0, 0))
}

/// The Landis & Koch (1977, p. 165) band of a κ-type coefficient, in Danish: "ringe" (below 0), "let"
/// (0,00–0,20), "rimelig" (0,21–0,40), "moderat" (0,41–0,60), "væsentlig" (0,61–0,80) and "næsten perfekt"
/// (0,81–1,00) for poor, slight, fair, moderate, substantial and almost perfect.
///
/// The value is rounded to two decimals first, so the band always matches the printed number.
pub fn landis_koch(kappa: f64) -> &'static str {
    landis_koch_band(kappa).0
}

/// The band's word and its range as printed.
fn landis_koch_band(kappa: f64) -> (&'static str, &'static str) {
    let k = (kappa * 100.0).round() / 100.0;
    if k < 0.0 {
        ("ringe", "under 0")
    } else if k <= 0.20 {
        ("let", "0,00–0,20")
    } else if k <= 0.40 {
        ("rimelig", "0,21–0,40")
    } else if k <= 0.60 {
        ("moderat", "0,41–0,60")
    } else if k <= 0.80 {
        ("væsentlig", "0,61–0,80")
    } else {
        ("næsten perfekt", "0,81–1,00")
    }
}

/// One sentence reading a κ-type coefficient (Cohen, Fleiss, Conger, Light, AC1/AC2, Brennan–Prediger) with
/// Landis & Koch's (1977) bands, e.g. "Fleiss' κ = 0,43: moderat overensstemmelse (Landis & Koch 1977:
/// 0,41–0,60)."
pub fn interpret_kappa(name: &str, kappa: f64) -> String {
    let (band, range) = landis_koch_band(kappa);
    format!(
        "{name} = {}: {band} overensstemmelse (Landis & Koch 1977: {range}).",
        format_decimal(kappa, 2)
    )
}

/// Krippendorff's (2004, p. 241; 2011) reading of α, in Danish: "pålidelig" from 0,800, "foreløbige
/// konklusioner" from 0,667 up to 0,800 (data fit only for tentative conclusions), and "utilstrækkelig"
/// below 0,667. The value is rounded to three decimals first, as it is printed.
pub fn krippendorff_band(alpha: f64) -> &'static str {
    krippendorff_reading(alpha).0
}

/// The band's word and how the sentence puts it.
fn krippendorff_reading(alpha: f64) -> (&'static str, &'static str) {
    let a = (alpha * 1000.0).round() / 1000.0;
    if a >= 0.800 {
        ("pålidelig", "pålidelig")
    } else if a >= 0.667 {
        (
            "foreløbige konklusioner",
            "kun grundlag for foreløbige konklusioner",
        )
    } else {
        ("utilstrækkelig", "utilstrækkelig")
    }
}

/// One sentence reading Krippendorff's α against his thresholds, e.g. "Krippendorffs α = 0,743: kun
/// grundlag for foreløbige konklusioner (Krippendorff: mindst 0,800 er pålideligt, 0,667–0,800 giver kun
/// foreløbige konklusioner, under 0,667 er utilstrækkeligt)."
pub fn interpret_alpha(alpha: f64) -> String {
    let reading = krippendorff_reading(alpha).1;
    format!(
        "Krippendorffs α = {}: {reading} (Krippendorff: mindst 0,800 er pålideligt, 0,667–0,800 giver kun \
         foreløbige konklusioner, under 0,667 er utilstrækkeligt).",
        format_decimal(alpha, 3)
    )
}

/// Explains, in Danish, why κ is much lower than AC1 when the ratings pile up in one category (the κ paradox
/// of Feinstein & Cicchetti 1990), or `None` when there is nothing to explain.
///
/// It speaks when `ac1 − kappa` exceeds [`PARADOX_GAP`] and the most common category holds at least
/// [`PARADOX_PREVALENCE`] of the ratings (`max_prevalence`). κ's chance agreement grows with the skew of the
/// distribution, so κ falls even though the raters agree as often as before; AC1's chance agreement does not,
/// so there AC1 and percent agreement describe the agreement better. `percent_agreement` is the pairwise
/// share of agreeing ratings.
pub fn kappa_paradox(
    kappa: f64,
    ac1: f64,
    percent_agreement: f64,
    max_prevalence: f64,
) -> Option<String> {
    let finite = [kappa, ac1, percent_agreement, max_prevalence]
        .iter()
        .all(|x| x.is_finite());
    if !finite || ac1 - kappa <= PARADOX_GAP || max_prevalence < PARADOX_PREVALENCE {
        return None;
    }
    Some(format!(
        "κ ({}) er langt lavere end AC1 ({}), selv om bedømmerne er enige i {} af tilfældene. Det skyldes den \
         skæve fordeling: {} af bedømmelserne ligger i samme kategori, så κ regner det meste af enigheden for \
         tilfældig og trækkes ned (κ-paradokset, Feinstein & Cicchetti 1990). Ved så skæv en fordeling \
         beskriver AC1 og den procentvise enighed overensstemmelsen bedre end κ.",
        format_decimal(kappa, 2),
        format_decimal(ac1, 2),
        format_percent(percent_agreement),
        format_percent(max_prevalence),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers() {
        assert_eq!(format_decimal(0.7449, 2), "0,74");
        assert_eq!(format_decimal(0.745001, 2), "0,75");
        // One minus sign everywhere (issue 12): U+2212, as the dashboard always wrote it.
        assert_eq!(format_decimal(-0.12, 2), "−0,12");
        assert_eq!(format_decimal(-0.001, 2), "0,00");
        assert_eq!(format_decimal(0.743421, 3), "0,743");
        assert_eq!(format_decimal(f64::NAN, 2), "–");
        assert_eq!(format_percent(0.85), "85 %");
        assert_eq!(format_percent(0.875), "88 %");
    }

    #[test]
    fn landis_koch_bands_follow_the_printed_value() {
        let cases = [
            (-0.05, "ringe"),
            (0.0, "let"),
            (0.2049, "let"),
            (0.205, "rimelig"),
            (0.40, "rimelig"),
            (0.43, "moderat"),
            (0.61, "væsentlig"),
            (0.80, "væsentlig"),
            (0.81, "næsten perfekt"),
            (1.0, "næsten perfekt"),
        ];
        for (value, band) in cases {
            assert_eq!(landis_koch(value), band, "{value}");
        }
        assert_eq!(
            interpret_kappa("Fleiss' κ", 0.430244520060141),
            "Fleiss' κ = 0,43: moderat overensstemmelse (Landis & Koch 1977: 0,41–0,60)."
        );
    }

    #[test]
    fn krippendorff_thresholds() {
        assert_eq!(krippendorff_band(0.6665), "foreløbige konklusioner");
        assert_eq!(krippendorff_band(0.666), "utilstrækkelig");
        assert_eq!(krippendorff_band(0.7999), "pålidelig");
        assert_eq!(
            krippendorff_band(0.743421052631579),
            "foreløbige konklusioner"
        );
        assert!(
            interpret_alpha(0.743421052631579)
                .starts_with("Krippendorffs α = 0,743: kun grundlag for foreløbige konklusioner")
        );
        assert!(interpret_alpha(0.85).contains(": pålidelig ("));
        assert!(interpret_alpha(0.4).contains(": utilstrækkelig ("));
    }

    // Feinstein & Cicchetti (1990) table (b): κ = 0,318, AC1 = 0,808, p_o = 0,85, and 175 of the 200 ratings
    // are "1" (prevalence 0,875). Table (a): κ = 0,70, AC1 = 0,70, prevalence 105/200 = 0,525.
    #[test]
    fn kappa_paradox_speaks_only_for_skewed_divergence() {
        let text = kappa_paradox(0.318181818181818, 0.808, 0.85, 0.875).unwrap();
        assert!(text.starts_with(
            "κ (0,32) er langt lavere end AC1 (0,81), selv om bedømmerne er enige i 85 % af tilfældene."
        ));
        assert!(text.contains("88 % af bedømmelserne ligger i samme kategori"));
        assert!(text.contains("AC1 og den procentvise enighed"));
        assert_eq!(kappa_paradox(0.6995, 0.70075, 0.85, 0.525), None);
        // A large gap without a skewed distribution, or a skew without a gap, is not the paradox.
        assert_eq!(kappa_paradox(0.3, 0.6, 0.7, 0.6), None);
        assert_eq!(kappa_paradox(0.8, 0.9, 0.95, 0.95), None);
        assert_eq!(kappa_paradox(f64::NAN, 0.9, 0.95, 0.95), None);
    }
}
