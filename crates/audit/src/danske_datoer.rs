//! Danish month names and dates as the interface writes them ("15. marts 2025").
//!
//! One table of month names serves both directions: [`dansk_dato`] writes dates, and
//! [`maaned_fra_navn`] lets the deadline parser in [`crate::frist`] read them back.

use time::{Date, Month};

/// The Danish month names in calendar order, lower case as Danish writes them mid-sentence.
pub const MAANEDSNAVNE: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// The months in calendar order, parallel to [`MAANEDSNAVNE`].
const MAANEDER: [Month; 12] = [
    Month::January,
    Month::February,
    Month::March,
    Month::April,
    Month::May,
    Month::June,
    Month::July,
    Month::August,
    Month::September,
    Month::October,
    Month::November,
    Month::December,
];

/// Short forms seen in Danish office writing ("15. jan. 2025", "sept. 2025"), each with its month.
/// "maj" needs no entry: it is already a full name. "mar" and "dec" are the only readings of
/// those letters, so the table is unambiguous.
const FORKORTELSER: [(&str, Month); 13] = [
    ("jan", Month::January),
    ("feb", Month::February),
    ("mar", Month::March),
    ("apr", Month::April),
    ("jun", Month::June),
    ("jul", Month::July),
    ("aug", Month::August),
    ("sep", Month::September),
    ("sept", Month::September),
    ("okt", Month::October),
    ("nov", Month::November),
    ("dec", Month::December),
    ("febr", Month::February),
];

/// The Danish name of `maaned`, lower case ("marts").
pub fn maanedsnavn(maaned: Month) -> &'static str {
    // `Month` is 1-based; the table is 0-based.
    MAANEDSNAVNE[usize::from(u8::from(maaned)) - 1]
}

/// The month and year as a report's title page writes them ("Marts 2025").
pub fn maaned_og_aar(dato: Date) -> String {
    let navn = maanedsnavn(dato.month());
    let mut tegn = navn.chars();
    let stort: String = tegn
        .next()
        .map(|c| c.to_uppercase().chain(tegn).collect())
        .unwrap_or_default();
    format!("{stort} {}", dato.year())
}

/// The month a Danish month name or common short form denotes, in any case.
///
/// Accepts the full names of [`MAANEDSNAVNE`] and the short forms "jan", "feb", "febr", "mar",
/// "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov" and "dec", each with or without a
/// final period (so "maj." is read too). Returns `None` for anything else.
pub fn maaned_fra_navn(navn: &str) -> Option<Month> {
    let navn = navn.trim().to_lowercase();
    let navn = navn.strip_suffix('.').unwrap_or(&navn);
    if let Some(fuld) = MAANEDSNAVNE.iter().position(|&m| m == navn) {
        return Some(MAANEDER[fuld]);
    }
    FORKORTELSER
        .iter()
        .find(|(forkortelse, _)| *forkortelse == navn)
        .map(|&(_, maaned)| maaned)
}

/// A date the Danish way, day without leading zero and the month by name: "15. marts 2025".
pub fn dansk_dato(dato: Date) -> String {
    format!(
        "{}. {} {}",
        dato.day(),
        maanedsnavn(dato.month()),
        dato.year()
    )
}

/// A time of day the Danish way, hours and minutes with a period: "10.15", "09.05".
pub fn dansk_klokkeslaet(tid: time::Time) -> String {
    format!("{:02}.{:02}", tid.hour(), tid.minute())
}

/// How far `dato` lies from `i_dag`, the Danish way: "i dag", "i morgen", "om 12 dage", "i går", "for
/// 3 dage siden".
pub fn dage_til(dato: Date, i_dag: Date) -> String {
    match (dato - i_dag).whole_days() {
        0 => "i dag".to_owned(),
        1 => "i morgen".to_owned(),
        -1 => "i går".to_owned(),
        n if n > 0 => format!("om {n} dage"),
        n => format!("for {} dage siden", -n),
    }
}

#[cfg(test)]
mod tests {
    use time::Month;
    use time::macros::date;

    use crate::danske_datoer::{
        MAANEDSNAVNE, dage_til, dansk_dato, maaned_fra_navn, maaned_og_aar, maanedsnavn,
    };

    #[test]
    fn dates_are_written_with_day_month_name_and_year() {
        // The format of the design note ("Danish dates \"15. marts 2025\"").
        let tilfaelde = [
            (date!(2025 - 03 - 15), "15. marts 2025"),
            (date!(2024 - 01 - 01), "1. januar 2024"),
            (date!(2019 - 12 - 31), "31. december 2019"),
            (date!(2020 - 02 - 29), "29. februar 2020"),
            (date!(2019 - 05 - 07), "7. maj 2019"),
        ];
        for (dato, forventet) in tilfaelde {
            assert_eq!(dansk_dato(dato), forventet, "{dato}");
        }
    }

    #[test]
    fn a_title_page_writes_month_and_year_with_a_capital() {
        // The seed reports' title pages: "Juni 2020" (20.1), "December 2019" (19.2).
        assert_eq!(maaned_og_aar(date!(2020 - 06 - 30)), "Juni 2020");
        assert_eq!(maaned_og_aar(date!(2019 - 12 - 02)), "December 2019");
        assert_eq!(maaned_og_aar(date!(2025 - 03 - 01)), "Marts 2025");
    }

    #[test]
    fn every_month_name_reads_back_as_its_month() {
        let mut maaned = Month::January;
        for navn in MAANEDSNAVNE {
            assert_eq!(maanedsnavn(maaned), navn);
            assert_eq!(maaned_fra_navn(navn), Some(maaned), "{navn}");
            assert_eq!(
                maaned_fra_navn(&navn.to_uppercase()),
                Some(maaned),
                "{navn}"
            );
            maaned = maaned.next();
        }
    }

    #[test]
    fn short_forms_are_read_and_unknown_words_are_not() {
        let tilfaelde = [
            ("jan.", Some(Month::January)),
            ("Sept.", Some(Month::September)),
            ("okt", Some(Month::October)),
            ("maj.", Some(Month::May)),
            ("mart", None), // neither the full name nor a listed short form
            ("halvår", None),
            ("", None),
        ];
        for (navn, forventet) in tilfaelde {
            assert_eq!(maaned_fra_navn(navn), forventet, "{navn:?}");
        }
    }

    #[test]
    fn days_to_a_date_are_counted_in_words() {
        let i_dag = date!(2025 - 03 - 03);
        assert_eq!(dage_til(date!(2025 - 03 - 03), i_dag), "i dag");
        assert_eq!(dage_til(date!(2025 - 03 - 04), i_dag), "i morgen");
        assert_eq!(dage_til(date!(2025 - 03 - 15), i_dag), "om 12 dage");
        assert_eq!(dage_til(date!(2025 - 03 - 02), i_dag), "i går");
        assert_eq!(dage_til(date!(2025 - 02 - 28), i_dag), "for 3 dage siden");
    }
}
