//! The follow-up deadlines as an iCalendar feed (RFC 5545), so that each user's own calendar shows them.
//!
//! [`kalender`] writes one VCALENDAR with one all-day VEVENT per action with a dated deadline:
//!
//! - `UID` is `opfoelgning-<audit>-<tiltag>@auditpanel`: stable, so a calendar that subscribes updates
//!   the event rather than adding a new one when the deadline or status changes; `SEQUENCE` is the number
//!   of history entries, which grows with every change.
//! - `DTSTAMP` is the `nu` parameter in UTC (the crate never reads the clock).
//! - `DTSTART;VALUE=DATE` is the due date and `DTEND;VALUE=DATE` the day after (RFC 5545 §3.6.1: the end
//!   of an all-day event is exclusive).
//! - `SUMMARY` is "Frist: `short title` (audit 19.1)"; `DESCRIPTION` has the deadline exactly as typed
//!   with its due date, the status, the responsible parties and the full text.
//! - A `VALARM` (`TRIGGER:-P7D`, `ACTION:DISPLAY`) 7 days before, on actions that still wait on the
//!   responsible party (planlagt, i gang, udskudt). Actions reported done, acknowledged or dropped keep
//!   their event, without an alarm; a dropped one is `STATUS:CANCELLED`.
//!
//! Actions without a date ("ved førstkommende lejlighed") have no event. Which actions a user may see is
//! the caller's decision: pass only those.
//!
//! The text follows the RFC's rules for content lines (§3.1): lines end in CRLF; a line longer than 75
//! octets is folded by a CRLF followed by one space, and a fold never splits a UTF-8 character. A fold is
//! also placed so that no physical line ends in a space or tab: unfolding restores the text exactly
//! either way, but some parsers trim the end of each physical line before unfolding. TEXT values escape
//! `\`, `;` and `,` with a backslash and write a line break as `\n` (§3.3.11).
//!
//! Why by hand: the `ics` crate (0.5.8), small and pure, was tried for this (issue 12). It folds a line
//! right after a space and counts the folding space outside its 75 octets; the `ical` crate, like other
//! parsers that trim physical lines, then reads "ab c" back as "abc", so the Danish text would not
//! survive (`tests/ics.rs` reads every feed back with `ical` and caught it). `icalendar` brings chrono.
//! The writing is two small functions below, each with its tests.

use std::fmt::Write as _;

use time::{Date, OffsetDateTime, UtcOffset};

use super::paamindelse::Trin;
use super::{SporetTiltag, Status, opremsning};
use crate::dansk_dato;

/// The product identifier (RFC 5545 §3.7.3).
pub const PRODID: &str = "-//Social- og Boligstyrelsen//auditpanel//DA";

/// The longest content line, in octets without the CRLF (RFC 5545 §3.1).
const MAKS_OKTETTER: usize = 75;

/// The calendar of the dated actions among `tiltag`, stamped `nu`. See the [module documentation](self).
pub fn kalender(tiltag: &[SporetTiltag], nu: OffsetDateTime) -> String {
    let stempel = utc_stempel(nu);
    let mut linjer: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            tekstvaerdi("Opfølgningsfrister, auditpanel")
        ),
    ];
    for t in tiltag {
        if let Some(forfald) = t.forfald() {
            linjer.extend(vevent(t, forfald, &stempel));
        }
    }
    linjer.push("END:VCALENDAR".into());
    let mut ud = String::new();
    for linje in &linjer {
        fold(linje, &mut ud);
    }
    ud
}

/// The stable UID of an action's event.
pub fn uid(tiltag: &SporetTiltag) -> String {
    format!(
        "opfoelgning-{}-{}@auditpanel",
        tiltag.audit, tiltag.tiltag.id
    )
}

fn vevent(t: &SporetTiltag, forfald: Date, stempel: &str) -> Vec<String> {
    let mut linjer = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", tekstvaerdi(&uid(t))),
        format!("DTSTAMP:{stempel}"),
        format!("DTSTART;VALUE=DATE:{}", dato_vaerdi(forfald)),
    ];
    if let Some(slut) = forfald.next_day() {
        linjer.push(format!("DTEND;VALUE=DATE:{}", dato_vaerdi(slut)));
    }
    linjer.extend([
        format!("SEQUENCE:{}", t.historik.len()),
        format!(
            "SUMMARY:{}",
            tekstvaerdi(&format!("Frist: {} (audit {})", t.titel(), t.audit))
        ),
        format!("DESCRIPTION:{}", tekstvaerdi(&beskrivelse(t, forfald))),
        format!("STATUS:{}", ics_status(t.tilstand.status)),
        "TRANSP:TRANSPARENT".to_owned(),
    ]);
    if t.tilstand.status.venter_paa_ansvarlige() {
        linjer.extend(valarm(t, forfald));
    }
    linjer.push("END:VEVENT".into());
    linjer
}

fn valarm(t: &SporetTiltag, forfald: Date) -> [String; 5] {
    let dage = Trin::SyvDageFoer.dage_foer();
    let tekst = format!(
        "Opfølgningspunkt »{}« fra audit {} forfalder om {dage} dage ({}).",
        t.titel(),
        t.audit,
        dansk_dato(forfald)
    );
    [
        "BEGIN:VALARM".into(),
        format!("TRIGGER:-P{dage}D"),
        "ACTION:DISPLAY".into(),
        format!("DESCRIPTION:{}", tekstvaerdi(&tekst)),
        "END:VALARM".into(),
    ]
}

/// The description: deadline as typed with its due date, status, parties, audit, and the action's text.
fn beskrivelse(t: &SporetTiltag, forfald: Date) -> String {
    let frist = t
        .tilstand
        .frist
        .as_ref()
        .map_or_else(String::new, ToString::to_string);
    let ansvarlige: Vec<String> = t.tiltag.ansvarlige.iter().map(|a| a.navn()).collect();
    let mut tekst = format!(
        "Frist: {frist} (forfalder {})\nStatus: {}\nAnsvarlige: {}\nAudit: {}\n\n{}",
        dansk_dato(forfald),
        t.tilstand.status,
        opremsning(&ansvarlige),
        t.audit,
        t.tiltag.tekst.trim()
    );
    for punkt in &t.tiltag.punkter {
        let _ = write!(tekst, "\n- {punkt}");
    }
    tekst
}

fn ics_status(status: Status) -> &'static str {
    match status {
        Status::Bortfaldet => "CANCELLED",
        _ => "CONFIRMED",
    }
}

/// `nu` in UTC as a DATE-TIME value ("20250315T093000Z").
fn utc_stempel(nu: OffsetDateTime) -> String {
    let utc = nu.to_offset(UtcOffset::UTC);
    format!(
        "{}T{:02}{:02}{:02}Z",
        dato_vaerdi(utc.date()),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// A DATE value ("20250315").
fn dato_vaerdi(dato: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        dato.year(),
        u8::from(dato.month()),
        dato.day()
    )
}

/// A TEXT value escaped (RFC 5545 §3.3.11): `\` `;` `,` get a backslash, a line break becomes `\n`.
pub fn tekstvaerdi(tekst: &str) -> String {
    let mut ud = String::with_capacity(tekst.len());
    let mut tegn = tekst.chars().peekable();
    while let Some(c) = tegn.next() {
        match c {
            '\\' => ud.push_str("\\\\"),
            ';' => ud.push_str("\\;"),
            ',' => ud.push_str("\\,"),
            '\r' => {
                tegn.next_if_eq(&'\n');
                ud.push_str("\\n");
            }
            '\n' => ud.push_str("\\n"),
            c => ud.push(c),
        }
    }
    ud
}

/// Appends `linje` to `ud` folded to at most 75 octets per physical line, each ending in CRLF (see the
/// [module documentation](self)).
pub fn fold(linje: &str, ud: &mut String) {
    let mut rest = linje;
    // The first physical line holds 75 octets; a continuation line holds the folding space and 74.
    let mut plads = MAKS_OKTETTER;
    while rest.len() > plads {
        let mut klip = plads;
        while !rest.is_char_boundary(klip) {
            klip -= 1;
        }
        let uden_blanke = rest[..klip].trim_end_matches([' ', '\t']).len();
        if uden_blanke > 0 {
            klip = uden_blanke;
        }
        ud.push_str(&rest[..klip]);
        ud.push_str("\r\n ");
        rest = &rest[klip..];
        plads = MAKS_OKTETTER - 1;
    }
    ud.push_str(rest);
    ud.push_str("\r\n");
}
