//! The server's clock: the one place the web layer reads the time, so that tests can fix "today".
//!
//! Architecture invariant: handlers take the time from [`Clock`] (through `AppState`), never from the
//! system directly; the domain and the store take it as a parameter.

use time::{Date, Month, OffsetDateTime, UtcOffset, Weekday};

/// Where the server takes the time from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system clock (what `auditpanel serve` uses).
    #[default]
    System,
    /// A fixed moment, for tests: every request sees the same time.
    Fixed(OffsetDateTime),
}

impl Clock {
    /// The current moment in UTC.
    #[allow(clippy::disallowed_methods)]
    pub fn now(self) -> OffsetDateTime {
        match self {
            Clock::System => OffsetDateTime::now_utc(),
            Clock::Fixed(at) => at.to_offset(UtcOffset::UTC),
        }
    }

    /// Today's date in Denmark (CET/CEST), which is what deadlines and meeting dates mean.
    pub fn today(self) -> Date {
        danish_time(self.now()).date()
    }
}

/// `utc` as Danish local time: UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of
/// October 01:00 UTC (the EU rule), UTC+1 otherwise. Written out here because `time` cannot read the
/// system's time zone database without extra features.
pub fn danish_time(utc: OffsetDateTime) -> OffsetDateTime {
    let utc = utc.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let switch = |month: Month| {
        last_sunday(year, month)
            .and_then(|day| day.with_hms(1, 0, 0).ok().map(|dt| dt.assume_utc()))
    };
    let summer = match (switch(Month::March), switch(Month::October)) {
        (Some(start), Some(end)) => utc >= start && utc < end,
        _ => false,
    };
    let hours = if summer { 2 } else { 1 };
    match UtcOffset::from_hms(hours, 0, 0) {
        Ok(offset) => utc.to_offset(offset),
        Err(_) => utc,
    }
}

fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let last = Date::from_calendar_date(year, month, month.length(year)).ok()?;
    let back = last.weekday().number_days_from_sunday();
    last.checked_sub(time::Duration::days(i64::from(back)))
        .filter(|d| d.weekday() == Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::{Clock, danish_time};

    #[test]
    fn danish_time_follows_the_eu_summer_time_rule() {
        // 2025: summer time (UTC+2) from 30 March 01:00 UTC to 26 October 01:00 UTC, else UTC+1.
        for (at, hours) in [
            (datetime!(2025-03-30 0:59 UTC), 1),
            (datetime!(2025-03-30 1:00 UTC), 2),
            (datetime!(2025-10-26 0:59 UTC), 2),
            (datetime!(2025-10-26 1:00 UTC), 1),
        ] {
            assert_eq!(danish_time(at).offset().whole_hours(), hours, "{at}");
        }
    }

    #[test]
    fn today_is_the_danish_date_late_in_the_evening_utc() {
        let clock = Clock::Fixed(datetime!(2025-03-14 23:30 UTC));
        assert_eq!(clock.today().to_string(), "2025-03-15");
    }
}
