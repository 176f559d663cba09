//! The iCalendar feed: content lines, folding and escaping by hand, and a feed of 100 actions read back
//! with an independent parser (the `ical` crate).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::io::BufReader;

use audit::followup::ics::{self, PRODID};
use audit::followup::{Dokumentation, Haendelse, SporetTiltag};
use audit::{Ansvarlig, AuditNr, Opfoelgningstiltag, Role, Tilsyn, User, Username};
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;
use time::OffsetDateTime;
use time::macros::datetime;

const NU: OffsetDateTime = datetime!(2025-03-08 10:15:30 +01:00);

fn sporet(audit: &str, id: &str, tekst: &str, frist: Option<&str>) -> SporetTiltag {
    let tiltag = Opfoelgningstiltag {
        id: id.to_owned(),
        tekst: tekst.to_owned(),
        punkter: vec![],
        anbefalinger: vec![],
        ansvarlige: vec![
            Ansvarlig::Tilsyn(Tilsyn::Midt),
            Ansvarlig::Mellemledernetvaerket,
        ],
        frist: frist.map(str::to_owned),
    };
    SporetTiltag::ny(AuditNr::new(audit).unwrap(), tiltag).unwrap()
}

fn parse(ics: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let cal = parser.next().expect("one calendar").unwrap();
    assert!(parser.next().is_none(), "exactly one calendar");
    cal
}

fn prop<'a>(props: &'a [Property], name: &str) -> &'a Property {
    let found: Vec<&Property> = props.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "exactly one {name}");
    found[0]
}

fn value<'a>(props: &'a [Property], name: &str) -> &'a str {
    prop(props, name).value.as_deref().unwrap_or_default()
}

/// The inverse of RFC 5545 §3.3.11 escaping.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {v:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every physical line: CRLF-terminated, at most 75 octets, continuation lines start with one space.
fn assert_content_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "bare CR or LF"
    );
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.ends_with([' ', '\t']),
            "line ends in whitespace: {line:?}"
        );
    }
}

/// The content lines with folds undone (RFC 5545 §3.1: remove CRLF followed by one space).
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split_terminator("\r\n")
        .map(str::to_owned)
        .collect()
}

#[test]
fn text_values_escape_backslash_semicolon_comma_and_line_breaks() {
    assert_eq!(
        ics::tekstvaerdi("a\\b;c,d\ne\r\nf\rg: h"),
        "a\\\\b\\;c\\,d\\ne\\nf\\ng: h"
    );
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_a_character() {
    // 'æ' is two octets and '€' three, so a fold at octet 75 would fall inside a character.
    for fyld in ["æ", "€", "a", "aæ€", "ab c"] {
        let linje = format!("DESCRIPTION:{}", fyld.repeat(120));
        let mut ud = String::new();
        ics::fold(&linje, &mut ud);
        assert_content_lines(&ud);
        assert_eq!(unfold(&ud), std::slice::from_ref(&linje), "{fyld}");
        assert!(ud.lines().count() > 1);
    }
    // A short line is left alone.
    let mut ud = String::new();
    ics::fold("VERSION:2.0", &mut ud);
    assert_eq!(ud, "VERSION:2.0\r\n");
    // Exactly 75 octets fit; 75 + 74 fold once, into 75 and a space with 74.
    let mut ud = String::new();
    ics::fold(&"x".repeat(75), &mut ud);
    assert_eq!(ud.lines().count(), 1);
    let mut ud = String::new();
    ics::fold(&"x".repeat(75 + 74), &mut ud);
    let lines: Vec<&str> = ud.split_terminator("\r\n").collect();
    assert_eq!(lines.iter().map(|l| l.len()).collect::<Vec<_>>(), [75, 75]);
}

#[test]
fn a_fold_never_leaves_a_space_at_the_end_of_a_physical_line() {
    // The 75th octet is a space: the fold moves before it, and the space starts the next line's text.
    let linje = format!(
        "{}{}",
        "y".repeat(74),
        " efter mellemrummet ".repeat(5).trim_end()
    );
    let mut ud = String::new();
    ics::fold(&linje, &mut ud);
    assert!(
        ud.starts_with(&format!("{}\r\n  efter", "y".repeat(74))),
        "{ud:?}"
    );
    assert_content_lines(&ud);
    assert_eq!(unfold(&ud), [linje]);
}

#[test]
fn an_event_has_the_required_properties_and_a_seven_day_alarm() {
    let t = sporet(
        "19.1",
        "praesentation",
        "Afrapporteringen af auditforløbet 19.1., herunder de opstillede opmærksomheder og \
         anbefalinger; vil blive præsenteret og drøftet på møde i Mellemledernetværket og på \
         Fællesmøde med tilsynschefer i maj og juni 2019.\nNy linje med \\ backslash.",
        Some("i maj og juni 2019"),
    );
    let ics = ics::kalender(std::slice::from_ref(&t), NU);
    assert_content_lines(&ics);
    let lines = unfold(&ics);
    assert_eq!(
        lines[..6],
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            &format!("PRODID:{PRODID}"),
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Opfølgningsfrister\\, auditpanel",
        ]
    );
    for line in [
        "BEGIN:VEVENT",
        "UID:opfoelgning-19.1-praesentation@auditpanel",
        "DTSTAMP:20250308T091530Z",
        "DTSTART;VALUE=DATE:20190630",
        "DTEND;VALUE=DATE:20190701",
        "SEQUENCE:0",
        "STATUS:CONFIRMED",
        "BEGIN:VALARM",
        "TRIGGER:-P7D",
        "ACTION:DISPLAY",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ] {
        assert!(
            lines.iter().any(|l| l == line),
            "missing {line:?} in\n{ics}"
        );
    }
    let description = lines
        .iter()
        .find_map(|l| l.strip_prefix("DESCRIPTION:Frist:"))
        .unwrap();
    assert!(
        description.starts_with(
            " i maj og juni 2019 (forfalder 30. juni 2019)\\nStatus: planlagt\\nAnsvarlige: \
             Socialtilsyn Midt og Mellemledernetværket\\nAudit: 19.1\\n\\nAfrapporteringen af \
             auditforløbet 19.1.\\, herunder de opstillede opmærksomheder og anbefalinger\\; vil"
        ),
        "{description}"
    );
    assert!(
        description.ends_with("tilsynschefer i maj og juni 2019.\\nNy linje med \\\\ backslash.")
    );
}

#[test]
fn closed_and_reported_actions_keep_their_event_without_an_alarm() {
    let koordinator = User {
        username: Username::new("koordinator").unwrap(),
        navn: "Koordinator".into(),
        role: Role::Koordinator,
    };
    let midt = User {
        username: Username::new("midt-kontakt").unwrap(),
        navn: "Midt".into(),
        role: Role::Tilsynskontakt(Tilsyn::Midt),
    };
    let dag = NU.date();
    let mut rapporteret = sporet(
        "25.1",
        "rapporteret",
        "Rapporteret.",
        Some("2. halvår 2025"),
    );
    let dok = Haendelse::RapporterGennemfoert {
        dokumentation: Dokumentation {
            tekst: "Gjort.".into(),
            bilag: vec![],
        },
    };
    rapporteret.anvend(dok, &midt, dag).unwrap();
    let mut bortfaldet = sporet("25.1", "bortfaldet", "Bortfaldet.", Some("2. halvår 2025"));
    bortfaldet
        .anvend(
            Haendelse::Bortfald {
                begrundelse: "Overhalet.".into(),
            },
            &koordinator,
            dag,
        )
        .unwrap();
    let udaterede = sporet(
        "25.1",
        "udateret",
        "Udateret.",
        Some("ved førstkommende lejlighed"),
    );
    let cal = parse(&ics::kalender(&[rapporteret, bortfaldet, udaterede], NU));
    assert_eq!(cal.events.len(), 2, "no event without a date");
    for e in &cal.events {
        assert!(e.alarms.is_empty());
        assert_eq!(value(&e.properties, "SEQUENCE"), "1");
    }
    assert_eq!(value(&cal.events[1].properties, "STATUS"), "CANCELLED");
    assert!(
        unescape(value(&cal.events[0].properties, "DESCRIPTION"))
            .contains("Status: rapporteret gennemført")
    );
}

/// 100 dated actions (and 5 undated) over three audits, with Danish letters, separators and long texts.
fn hundrede() -> Vec<SporetTiltag> {
    let frister = [
        "2. halvår 2019",
        "1. kvartal 2025",
        "maj og juni 2019",
        "efteråret 2019",
        "ultimo marts 2025",
        "senest 15. marts 2025",
        "uge 12 2025",
        "2025-10-01",
        "vinteren 2019/20",
        "primo 2026",
    ];
    let mut out = Vec::new();
    for i in 0..105 {
        let frist = if i % 21 == 20 {
            "ved førstkommende lejlighed"
        } else {
            frister[i % frister.len()]
        };
        let audit = ["19.1", "19.2", "25.1"][i % 3];
        let tekst = format!(
            "Tiltag nr. {i}: Socialstyrelsen vil, i samarbejde med socialtilsynene; Øst, Syd og \
             Nord, udarbejde en fælles forståelsesramme (\\ »dialog«) – æøå ÆØÅ €.{}",
            " Mere tekst.".repeat(i % 7)
        );
        out.push(sporet(audit, &format!("tiltag-{i}"), &tekst, Some(frist)));
    }
    out
}

fn event_uid(e: &IcalEvent) -> String {
    value(&e.properties, "UID").to_owned()
}

#[test]
fn a_feed_of_100_actions_parses_and_has_every_required_property() {
    let tiltag = hundrede();
    let ics = ics::kalender(&tiltag, NU);
    assert_content_lines(&ics);
    let cal = parse(&ics);

    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    assert_eq!(value(&cal.properties, "PRODID"), PRODID);
    assert_eq!(value(&cal.properties, "CALSCALE"), "GREGORIAN");

    let dated: Vec<&SporetTiltag> = tiltag.iter().filter(|t| t.forfald().is_some()).collect();
    assert_eq!(dated.len(), 100);
    assert_eq!(cal.events.len(), 100);
    let uids: BTreeSet<String> = cal.events.iter().map(event_uid).collect();
    assert_eq!(uids.len(), 100, "UIDs are unique");

    for (e, t) in cal.events.iter().zip(&dated) {
        let p = &e.properties;
        assert_eq!(event_uid(e), ics::uid(t));
        assert_eq!(value(p, "DTSTAMP"), "20250308T091530Z");
        let forfald = t.forfald().unwrap();
        let start = prop(p, "DTSTART");
        assert_eq!(
            start.params.as_deref(),
            Some(&[("VALUE".to_owned(), vec!["DATE".to_owned()])][..])
        );
        assert_eq!(
            start.value.as_deref(),
            Some(
                format!(
                    "{:04}{:02}{:02}",
                    forfald.year(),
                    u8::from(forfald.month()),
                    forfald.day()
                )
                .as_str()
            )
        );
        assert!(prop(p, "DTEND").value.as_deref() > start.value.as_deref());
        let summary = unescape(value(p, "SUMMARY"));
        assert!(summary.starts_with("Frist: Tiltag nr. "), "{summary}");
        let description = unescape(value(p, "DESCRIPTION"));
        let frist_tekst = t.tilstand.frist.as_ref().unwrap().to_string();
        assert!(
            description.starts_with(&format!("Frist: {frist_tekst} (forfalder ")),
            "{description}"
        );
        assert!(description.contains("\nStatus: planlagt\n"));
        assert!(
            description.ends_with(t.tiltag.tekst.as_str()),
            "the text survives escaping and folding"
        );

        assert_eq!(e.alarms.len(), 1);
        let a = &e.alarms[0].properties;
        assert_eq!(value(a, "TRIGGER"), "-P7D");
        assert_eq!(value(a, "ACTION"), "DISPLAY");
        assert!(unescape(value(a, "DESCRIPTION")).contains("forfalder om 7 dage"));
    }
}

#[test]
fn uids_are_stable_and_the_sequence_grows_with_each_change() {
    let mut t = sporet("25.1", "midt-plan", "Planen.", Some("15. marts 2025"));
    let foer = parse(&ics::kalender(std::slice::from_ref(&t), NU));
    let midt = User {
        username: Username::new("midt-kontakt").unwrap(),
        navn: "Midt".into(),
        role: Role::Tilsynskontakt(Tilsyn::Midt),
    };
    t.anvend(Haendelse::Paabegynd, &midt, NU.date()).unwrap();
    let efter = parse(&ics::kalender(std::slice::from_ref(&t), NU));
    assert_eq!(event_uid(&foer.events[0]), event_uid(&efter.events[0]));
    assert_eq!(value(&foer.events[0].properties, "SEQUENCE"), "0");
    assert_eq!(value(&efter.events[0].properties, "SEQUENCE"), "1");
    assert_eq!(
        ics::kalender(std::slice::from_ref(&t), NU),
        ics::kalender(&[t], NU),
        "deterministic"
    );
}
