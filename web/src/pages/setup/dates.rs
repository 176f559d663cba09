//! Dates as the set-up forms take them: `2025-03-15` from `<input type="date">`, or typed the Danish
//! way ("15. marts 2025", "15.3.2025", "15/3-2025") where a browser has no date picker. The Danish
//! forms are read by the domain's deadline parser (`audit::parse_frist`), which knows the month names.

use audit::frist::Fristart;
use time::Date;
use time::macros::format_description;

/// The date in `text`, `None` when it is empty, or a Danish message saying what to write.
pub(crate) fn parse_date(text: &str) -> Result<Option<Date>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(date) = Date::parse(text, format_description!("[year]-[month]-[day]")) {
        return Ok(Some(date));
    }
    match audit::parse_frist(text).map(|frist| frist.art()) {
        Ok(Fristart::Dato(date)) => Ok(Some(date)),
        Ok(_) => Err(format!(
            "»{text}« er en periode, ikke en dato. Skriv én dag, f.eks. 15. marts 2025."
        )),
        Err(_) => Err(format!(
            "Datoen »{text}« kan ikke læses. Skriv f.eks. 15. marts 2025 eller 2025-03-15."
        )),
    }
}

/// The value for `<input type="date">`: ISO for a date that parses, else the text as typed.
pub(super) fn input_value(text: &str) -> String {
    match parse_date(text) {
        Ok(Some(date)) => date.to_string(),
        _ => text.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::parse_date;

    #[test]
    fn iso_and_danish_dates_are_read() {
        for text in ["2025-03-15", "15. marts 2025", "15.3.2025", " 15/3-2025 "] {
            assert_eq!(parse_date(text), Ok(Some(date!(2025 - 03 - 15))), "{text}");
        }
        assert_eq!(parse_date("  "), Ok(None));
    }

    #[test]
    fn periods_and_nonsense_are_refused_in_danish() {
        assert!(parse_date("marts 2025").unwrap_err().contains("periode"));
        let err = parse_date("i morgen").unwrap_err();
        assert!(
            err.contains("»i morgen«") && err.contains("15. marts 2025"),
            "{err}"
        );
        assert!(parse_date("2025-02-30").is_err());
    }
}
