//! Colours for the categories of a scale in the server-drawn charts, safe for colour-blind readers: the
//! Okabe–Ito orange and blue for two answers (and grey for "ikke relevant"), ColorBrewer's
//! orange–purple diverging scheme (PuOr) for ordered scales of three to seven steps. Charts never rely
//! on colour alone: every cell also carries its code and a `<title>`, and a table gives the same values.

/// A fill colour and the text colour that reads on it (black or white, whichever contrasts more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    /// The fill, `#rrggbb`.
    pub fill: &'static str,
    /// The text colour on it, `#000000` or `#ffffff`.
    pub ink: &'static str,
}

const ORANGE: &str = "#E69F00";
const BLUE: &str = "#0072B2";
const GREY: &str = "#BBBBBB";

/// Fills for `n` categories in scale order (lowest first). `ordered` picks a diverging scheme for three
/// or more ordered steps; two categories (approval, ja/nej) are always orange and blue, and an
/// unordered third one (a checklist's "ikke relevant") grey. Beyond seven, the last colours repeat.
pub fn swatches(n: usize, ordered: bool) -> Vec<Swatch> {
    let fills: &[&'static str] = match (n, ordered) {
        (0, _) => &[],
        (1, _) => &[BLUE],
        (2, _) => &[ORANGE, BLUE],
        (_, false) => &[
            ORANGE, BLUE, GREY, "#009E73", "#CC79A7", "#56B4E9", "#F0E442",
        ],
        (3, true) => &["#F1A340", "#F7F7F7", "#998EC3"],
        (4, true) => &["#E66101", "#FDB863", "#B2ABD2", "#5E3C99"],
        (5, true) => &["#B35806", "#F1A340", "#F7F7F7", "#998EC3", "#542788"],
        (6, true) => &[
            "#B35806", "#F1A340", "#FEE0B6", "#D8DAEB", "#998EC3", "#542788",
        ],
        (_, true) => &[
            "#B35806", "#F1A340", "#FEE0B6", "#F7F7F7", "#D8DAEB", "#998EC3", "#542788",
        ],
    };
    (0..n)
        .map(|i| {
            let fill = fills.get(i).or(fills.last()).copied().unwrap_or(GREY);
            Swatch {
                fill,
                ink: ink_on(fill),
            }
        })
        .collect()
}

/// Black or white, whichever has the higher contrast on `fill` (WCAG relative luminance).
pub fn ink_on(fill: &str) -> &'static str {
    let luminance = relative_luminance(fill).unwrap_or(1.0);
    // Contrast with black (L + 0,05)/0,05 against contrast with white 1,05/(L + 0,05).
    if (luminance + 0.05) * (luminance + 0.05) >= 0.05 * 1.05 {
        "#000000"
    } else {
        "#ffffff"
    }
}

fn relative_luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_answers_are_orange_and_blue_with_readable_text() {
        let s = swatches(2, true);
        assert_eq!((s[0].fill, s[0].ink), (ORANGE, "#000000"));
        // #0072B2 has a relative luminance of about 0,15: white text contrasts 5,2:1.
        assert_eq!((s[1].fill, s[1].ink), (BLUE, "#ffffff"));
        let checklist = swatches(3, false);
        assert_eq!(checklist[2].fill, GREY);
    }

    #[test]
    fn the_operation_scale_gets_five_diverging_steps() {
        let s = swatches(5, true);
        assert_eq!(s.len(), 5);
        assert_eq!(
            s[2].ink, "#000000",
            "the light middle step takes black text"
        );
        assert_eq!(s[4].ink, "#ffffff", "the dark purple takes white text");
        assert_eq!(
            swatches(9, true).len(),
            9,
            "long scales repeat the last colour"
        );
    }
}
