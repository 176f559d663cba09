//! Follow-up tracking with a fixed clock: the status machine and who may move it, the overview and its
//! counts, the rule that closes an audit, and the reminder schedule with its idempotency keys.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use audit::followup::oversigt::{self, Filter, Gruppe};
use audit::followup::paamindelse::{self, Trin};
use audit::followup::{
    Dokumentation, Haendelse, SporetTiltag, Status, StatusFejl, Tilstand, fra_rapport,
};
use audit::workflow::{self, TransitionFacts};
use audit::{
    Ansvarlig, AuditNr, Opfoelgningstiltag, Rapportindhold, Role, Tilsyn, User, Username,
    WorkflowState,
};
use time::macros::date;
use time::{Date, Duration};

const I_DAG: Date = date!(2025 - 03 - 08);

fn bruger(navn: &str, role: Role) -> User {
    User {
        username: Username::new(navn).unwrap(),
        navn: navn.to_owned(),
        role,
    }
}

fn koordinator() -> User {
    bruger("koordinator", Role::Koordinator)
}

fn kontakt(t: Tilsyn) -> User {
    bruger(&format!("{}-kontakt", t.id()), Role::Tilsynskontakt(t))
}

fn tiltag(id: &str, ansvarlige: &[Ansvarlig], frist: Option<&str>) -> Opfoelgningstiltag {
    Opfoelgningstiltag {
        id: id.to_owned(),
        tekst: format!("Tiltaget {id}, som det står i opfølgningsplanen."),
        punkter: vec![],
        anbefalinger: vec![],
        ansvarlige: ansvarlige.to_vec(),
        frist: frist.map(str::to_owned),
    }
}

fn sporet(audit: &str, id: &str, ansvarlige: &[Ansvarlig], frist: Option<&str>) -> SporetTiltag {
    SporetTiltag::ny(AuditNr::new(audit).unwrap(), tiltag(id, ansvarlige, frist)).unwrap()
}

fn midt_punkt() -> SporetTiltag {
    sporet(
        "25.1",
        "midt-plan",
        &[Ansvarlig::Tilsyn(Tilsyn::Midt)],
        Some("15. marts 2025"),
    )
}

fn dok(tekst: &str) -> Haendelse {
    Haendelse::RapporterGennemfoert {
        dokumentation: Dokumentation {
            tekst: tekst.to_owned(),
            bilag: vec!["bilag-17".into()],
        },
    }
}

fn fejl(t: &mut SporetTiltag, h: Haendelse, af: &User) -> StatusFejl {
    let foer = t.clone();
    let err = t.anvend(h, af, I_DAG).unwrap_err();
    assert_eq!(*t, foer, "a refused event changes nothing");
    err
}

// ---- the status machine -------------------------------------------------------------------------

#[test]
fn a_reason_or_report_that_breaks_the_text_rule_is_refused_and_changes_nothing() {
    let mut t = midt_punkt();
    let err = fejl(
        &mut t,
        Haendelse::Bortfald {
            begrundelse: "Ikke\u{0} relevant".into(),
        },
        &koordinator(),
    );
    assert!(matches!(err, StatusFejl::Tekst(_)), "{err}");
    assert!(
        err.to_string()
            .starts_with("Begrundelsen indeholder et usynligt styretegn"),
        "{err}"
    );
    let err = fejl(&mut t, dok(&"x".repeat(5001)), &kontakt(Tilsyn::Midt));
    assert!(err.to_string().contains("højst 5000 tegn"), "{err}");
}

#[test]
fn the_responsible_tilsyn_reports_and_the_koordinator_acknowledges_with_a_dated_history() {
    let mut t = midt_punkt();
    let midt = kontakt(Tilsyn::Midt);
    t.anvend(Haendelse::Paabegynd, &midt, date!(2025 - 02 - 01))
        .unwrap();
    t.anvend(
        dok("Planen er vedtaget på ledermødet."),
        &midt,
        date!(2025 - 03 - 10),
    )
    .unwrap();
    assert_eq!(t.tilstand.status, Status::RapporteretGennemfoert);
    t.anvend(Haendelse::Kvitter, &koordinator(), date!(2025 - 03 - 12))
        .unwrap();
    assert_eq!(t.tilstand.status, Status::Kvitteret);

    let forloeb: Vec<(Date, &str, Status, Status)> = t
        .historik
        .iter()
        .map(|p| (p.dato, p.af.as_str(), p.fra, p.til))
        .collect();
    assert_eq!(
        forloeb,
        [
            (
                date!(2025 - 02 - 01),
                "midt-kontakt",
                Status::Planlagt,
                Status::IGang
            ),
            (
                date!(2025 - 03 - 10),
                "midt-kontakt",
                Status::IGang,
                Status::RapporteretGennemfoert
            ),
            (
                date!(2025 - 03 - 12),
                "koordinator",
                Status::RapporteretGennemfoert,
                Status::Kvitteret
            ),
        ]
    );
    assert_eq!(t.historik[1].rolle, Role::Tilsynskontakt(Tilsyn::Midt));
    let rapport = &t.tilstand.rapporter[0];
    assert_eq!(rapport.tilsyn, Some(Tilsyn::Midt));
    assert_eq!(rapport.dokumentation.bilag, ["bilag-17"]);
}

/// Each tilsyn an action is addressed to has its own status: Midt melder i gang and Syd reports done,
/// and the other three stay planlagt; the action as a whole is i gang until all five have reported, and a
/// send-back puts the reporters' parts back in gang.
#[test]
fn each_responsible_tilsyn_has_its_own_status_and_the_whole_is_derived() {
    let mut t = sporet(
        "25.2",
        "alle-fem",
        &[Ansvarlig::Socialtilsynene],
        Some("februar 2025"),
    );
    t.anvend(Haendelse::Paabegynd, &kontakt(Tilsyn::Midt), I_DAG)
        .unwrap();
    // Syd may still meld i gang although the action is already i gang through Midt.
    t.anvend(Haendelse::Paabegynd, &kontakt(Tilsyn::Syd), I_DAG)
        .unwrap();
    t.anvend(dok("Gjort."), &kontakt(Tilsyn::Syd), I_DAG)
        .unwrap();
    let dele = t.tilstand.per_tilsyn(&t.tiltag);
    let status = |tilsyn| dele.iter().find(|(x, _)| *x == tilsyn).unwrap().1;
    assert_eq!(dele.len(), 5);
    assert_eq!(status(Tilsyn::Midt), Status::IGang);
    assert_eq!(status(Tilsyn::Syd), Status::RapporteretGennemfoert);
    assert_eq!(status(Tilsyn::Nord), Status::Planlagt);
    assert_eq!(t.tilstand.status, Status::IGang);
    // Midt may not meld i gang twice.
    fejl(&mut t, Haendelse::Paabegynd, &kontakt(Tilsyn::Midt));
    for tilsyn in [
        Tilsyn::Midt,
        Tilsyn::Nord,
        Tilsyn::Hovedstaden,
        Tilsyn::Oest,
    ] {
        t.anvend(dok("Gjort."), &kontakt(tilsyn), I_DAG).unwrap();
    }
    assert_eq!(t.tilstand.status, Status::RapporteretGennemfoert);
    let tilbage = Haendelse::SendTilbage {
        begrundelse: "Mangler referat.".into(),
    };
    t.anvend(tilbage, &koordinator(), I_DAG).unwrap();
    assert!(
        t.tilstand
            .per_tilsyn(&t.tiltag)
            .iter()
            .all(|(_, s)| *s == Status::IGang)
    );
    // The history rebuilds the same state.
    assert_eq!(
        Tilstand::genskab(&t.tiltag, &t.historik).unwrap(),
        t.tilstand
    );
}

#[test]
fn rapporteret_gennemfoert_by_a_tilsynskontakt_of_another_tilsyn_is_refused() {
    let mut t = midt_punkt();
    let err = fejl(&mut t, dok("Gjort."), &kontakt(Tilsyn::Nord));
    assert!(matches!(err, StatusFejl::AndetTilsyn { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Socialtilsyn Nord kan ikke rapportere opfølgningspunktet »midt-plan« gennemført: punktet \
         er rettet til Socialtilsyn Midt, og kun deres tilsynskontakter kan rapportere om det."
    );
    // Also when the action is already in progress, and for starting it.
    t.anvend(Haendelse::Paabegynd, &kontakt(Tilsyn::Midt), I_DAG)
        .unwrap();
    let err = fejl(&mut t, dok("Gjort."), &kontakt(Tilsyn::Oest));
    assert!(
        err.to_string().starts_with("Socialtilsyn Øst kan ikke"),
        "{err}"
    );
}

#[test]
fn the_audit_function_acknowledges_but_never_reports_for_a_tilsyn() {
    let mut t = midt_punkt();
    let err = fejl(&mut t, dok("Gjort."), &koordinator());
    assert!(
        matches!(err, StatusFejl::TilsynetRapporterer { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("Auditfunktionen kvitterer"),
        "{err}"
    );

    t.anvend(dok("Gjort."), &kontakt(Tilsyn::Midt), I_DAG)
        .unwrap();
    let err = fejl(&mut t, Haendelse::Kvitter, &kontakt(Tilsyn::Midt));
    assert_eq!(
        err.to_string(),
        "Kun en koordinator kan kvittere for opfølgningspunktet »midt-plan«; »midt-kontakt« er \
         tilsynskontakt for Socialtilsyn Midt."
    );
}

#[test]
fn panelists_and_readers_have_no_part_in_follow_up() {
    let mut t = midt_punkt();
    for u in [
        bruger("midt-1", Role::Panelist),
        bruger("leder", Role::Laeser),
    ] {
        let err = fejl(&mut t, Haendelse::Paabegynd, &u);
        assert!(matches!(err, StatusFejl::IngenAdgang { .. }), "{err:?}");
        let err = fejl(&mut t, Haendelse::Kvitter, &u);
        assert!(matches!(err, StatusFejl::KunKoordinator { .. }), "{err:?}");
    }
}

#[test]
fn the_audit_function_reports_its_own_actions() {
    let mut t = sporet(
        "19.1",
        "forstaaelsesramme",
        &[Ansvarlig::Socialstyrelsen],
        Some("2. halvår 2019"),
    );
    let err = fejl(&mut t, dok("Gjort."), &kontakt(Tilsyn::Syd));
    assert!(
        matches!(err, StatusFejl::IkkeEtTilsynsPunkt { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("rettet til Socialstyrelsen"),
        "{err}"
    );
    t.anvend(
        dok("Forståelsesrammen er sendt til tilsynene."),
        &koordinator(),
        I_DAG,
    )
    .unwrap();
    assert_eq!(t.tilstand.status, Status::RapporteretGennemfoert);
    assert_eq!(t.tilstand.rapporter[0].tilsyn, None);
}

#[test]
fn a_report_needs_a_text_and_attachments_are_optional_but_not_blank() {
    let mut t = midt_punkt();
    let midt = kontakt(Tilsyn::Midt);
    let uden = |tekst: &str, bilag: Vec<String>| Haendelse::RapporterGennemfoert {
        dokumentation: Dokumentation {
            tekst: tekst.into(),
            bilag,
        },
    };
    let err = fejl(&mut t, uden("  \n ", vec![]), &midt);
    assert!(
        matches!(err, StatusFejl::ManglerDokumentation { .. }),
        "{err:?}"
    );
    let err = fejl(&mut t, uden("Gjort.", vec!["a".into(), " ".into()]), &midt);
    assert_eq!(
        err.to_string(),
        "Bilag nr. 2 til opfølgningspunktet »midt-plan« har ingen henvisning."
    );
    t.anvend(uden("  Gjort.  ", vec![]), &midt, I_DAG).unwrap();
    assert_eq!(t.tilstand.rapporter[0].dokumentation.tekst, "Gjort.");
}

#[test]
fn sending_back_needs_a_reason_and_asks_for_a_new_report() {
    let mut t = midt_punkt();
    let midt = kontakt(Tilsyn::Midt);
    t.anvend(dok("Gjort."), &midt, I_DAG).unwrap();
    let err = fejl(
        &mut t,
        Haendelse::SendTilbage {
            begrundelse: " ".into(),
        },
        &koordinator(),
    );
    assert_eq!(
        err.to_string(),
        "Skriv en begrundelse for at sende opfølgningspunktet »midt-plan« tilbage."
    );
    t.anvend(
        Haendelse::SendTilbage {
            begrundelse: "Referatet fra ledermødet mangler.".into(),
        },
        &koordinator(),
        I_DAG,
    )
    .unwrap();
    assert_eq!(t.tilstand.status, Status::IGang);
    assert!(t.tilstand.rapporter.is_empty());
    t.anvend(dok("Referatet er vedlagt."), &midt, I_DAG)
        .unwrap();
    assert_eq!(t.tilstand.status, Status::RapporteretGennemfoert);
    // The first report stays in the history.
    assert_eq!(t.historik.len(), 3);
}

#[test]
fn postponing_keeps_the_new_deadline_as_typed_and_must_move_it_later() {
    let mut t = midt_punkt();
    let k = koordinator();
    let udskyd = |frist: &str, grund: &str| Haendelse::Udskyd {
        ny_frist: frist.into(),
        begrundelse: grund.into(),
    };
    let err = fejl(&mut t, udskyd("2. halvår 2025", ""), &k);
    assert!(
        matches!(err, StatusFejl::ManglerBegrundelse { .. }),
        "{err:?}"
    );
    let err = fejl(&mut t, udskyd("til sommer", "Ny ledelse."), &k);
    assert!(
        err.to_string()
            .contains("Kan ikke forstå fristen »til sommer«"),
        "{err}"
    );
    let err = fejl(&mut t, udskyd("1. marts 2025", "Ny ledelse."), &k);
    assert_eq!(
        err.to_string(),
        "Den nye frist »1. marts 2025« for opfølgningspunktet »midt-plan« forfalder 1. marts 2025, \
         som ikke er senere end den nuværende frist »15. marts 2025« (15. marts 2025); et punkt kan \
         kun udskydes til en senere frist."
    );
    let err = fejl(
        &mut t,
        udskyd("2. halvår 2025", "Ny ledelse."),
        &kontakt(Tilsyn::Midt),
    );
    assert!(matches!(err, StatusFejl::KunKoordinator { .. }), "{err:?}");

    t.anvend(udskyd(" Senest 2. halvår 2025", "Ny ledelse."), &k, I_DAG)
        .unwrap();
    assert_eq!(t.tilstand.status, Status::Udskudt);
    let frist = t.tilstand.frist.as_ref().unwrap();
    assert_eq!(frist.tekst(), " Senest 2. halvår 2025");
    assert_eq!(t.forfald(), Some(date!(2025 - 12 - 31)));
    // The report's own text is untouched; the history keeps the new text as typed.
    assert_eq!(t.tiltag.frist.as_deref(), Some("15. marts 2025"));
    assert!(
        matches!(&t.historik[0].haendelse, Haendelse::Udskyd { ny_frist, .. } if ny_frist == " Senest 2. halvår 2025")
    );
    // A postponed action can be reported on directly.
    t.anvend(dok("Gjort."), &kontakt(Tilsyn::Midt), I_DAG)
        .unwrap();
    assert_eq!(t.tilstand.status, Status::RapporteretGennemfoert);
}

#[test]
fn dropping_needs_a_reason_and_closed_actions_refuse_everything() {
    let mut t = midt_punkt();
    let k = koordinator();
    let err = fejl(
        &mut t,
        Haendelse::Bortfald {
            begrundelse: "".into(),
        },
        &k,
    );
    assert!(
        matches!(err, StatusFejl::ManglerBegrundelse { .. }),
        "{err:?}"
    );
    t.anvend(
        Haendelse::Bortfald {
            begrundelse: "Indgår i 25.3.".into(),
        },
        &k,
        I_DAG,
    )
    .unwrap();
    let err = fejl(&mut t, dok("Gjort."), &kontakt(Tilsyn::Midt));
    assert_eq!(
        err.to_string(),
        "Man kan ikke rapportere opfølgningspunktet »midt-plan« gennemført, når punktet har status \
         »bortfaldet«; det kan kun ske fra »planlagt«, »i gang« eller »udskudt«."
    );
    let err = fejl(
        &mut t,
        Haendelse::Bortfald {
            begrundelse: "Igen.".into(),
        },
        &k,
    );
    assert!(
        matches!(
            err,
            StatusFejl::IkkeTilladt {
                status: Status::Bortfaldet,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn transitions_not_in_the_table_are_refused() {
    let mut t = midt_punkt();
    let k = koordinator();
    let err = fejl(&mut t, Haendelse::Kvitter, &k);
    assert!(
        err.to_string().ends_with(
            "når punktet har status »planlagt«; det kan kun ske fra »rapporteret gennemført«."
        ),
        "{err}"
    );
    t.anvend(Haendelse::Paabegynd, &kontakt(Tilsyn::Midt), I_DAG)
        .unwrap();
    let err = fejl(&mut t, Haendelse::Paabegynd, &kontakt(Tilsyn::Midt));
    assert!(
        matches!(
            err,
            StatusFejl::IkkeTilladt {
                status: Status::IGang,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn an_action_for_all_five_is_reported_by_each_and_done_when_the_last_has_reported() {
    let mut t = sporet(
        "19.2",
        "forstaaelsesramme",
        &[Ansvarlig::Socialtilsynene],
        Some("1. halvår 2020"),
    );
    let dag = date!(2020 - 05 - 01);
    t.anvend(dok("Midt har konkretiseret."), &kontakt(Tilsyn::Midt), dag)
        .unwrap();
    assert_eq!(t.tilstand.status, Status::IGang);
    assert_eq!(
        t.tilstand.mangler_rapport(&t.tiltag),
        [Tilsyn::Hovedstaden, Tilsyn::Nord, Tilsyn::Syd, Tilsyn::Oest]
    );
    let err = t
        .anvend(dok("Igen."), &kontakt(Tilsyn::Midt), dag)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Socialtilsyn Midt har allerede rapporteret opfølgningspunktet »forstaaelsesramme« \
         gennemført den 1. maj 2020."
    );
    for tilsyn in [Tilsyn::Hovedstaden, Tilsyn::Nord, Tilsyn::Syd] {
        t.anvend(dok("Gjort."), &kontakt(tilsyn), dag).unwrap();
        assert_eq!(t.tilstand.status, Status::IGang);
    }
    t.anvend(dok("Gjort."), &kontakt(Tilsyn::Oest), dag)
        .unwrap();
    assert_eq!(t.tilstand.status, Status::RapporteretGennemfoert);
    assert_eq!(t.tilstand.rapporter.len(), 5);
}

#[test]
fn the_state_is_rebuilt_from_the_history_and_the_history_round_trips_through_json() {
    let mut t = sporet(
        "19.2",
        "ramme",
        &[Ansvarlig::Socialtilsynene],
        Some("1. halvår 2020"),
    );
    let k = koordinator();
    t.anvend(Haendelse::Paabegynd, &kontakt(Tilsyn::Syd), I_DAG)
        .unwrap();
    t.anvend(
        Haendelse::Udskyd {
            ny_frist: "2. halvår 2020".into(),
            begrundelse: "Arbejdsgruppen er ikke nedsat.".into(),
        },
        &k,
        I_DAG,
    )
    .unwrap();
    for tilsyn in Tilsyn::ALL {
        t.anvend(dok("Gjort."), &kontakt(tilsyn), I_DAG).unwrap();
    }
    t.anvend(
        Haendelse::SendTilbage {
            begrundelse: "Rammen mangler.".into(),
        },
        &k,
        I_DAG,
    )
    .unwrap();
    t.anvend(dok("Rammen er vedlagt."), &kontakt(Tilsyn::Nord), I_DAG)
        .unwrap();

    let json = serde_json::to_string(&t.historik).unwrap();
    let tilbage: Vec<audit::followup::Historikpost> = serde_json::from_str(&json).unwrap();
    assert_eq!(tilbage, t.historik);
    assert_eq!(Tilstand::genskab(&t.tiltag, &tilbage).unwrap(), t.tilstand);
    assert!(
        json.contains(r#""haendelse":"udskyd","ny_frist":"2. halvår 2020""#),
        "{json}"
    );
}

#[test]
fn statuses_parse_from_their_id_and_their_danish_name() {
    for status in Status::ALL {
        assert_eq!(status.id().parse(), Ok(status));
        assert_eq!(status.navn().to_uppercase().parse(), Ok(status));
    }
    assert_eq!(
        "afsluttet".parse::<Status>().unwrap_err().to_string(),
        "ukendt status »afsluttet«; brug planlagt, i-gang, rapporteret-gennemfoert, kvitteret, \
         udskudt eller bortfaldet"
    );
}

// ---- the overview -------------------------------------------------------------------------------

/// Actions of two audits around `I_DAG` (8 March 2025), one per group.
fn portefoelje() -> Vec<SporetTiltag> {
    let midt = [Ansvarlig::Tilsyn(Tilsyn::Midt)];
    let mut reported = sporet("25.1", "rapporteret", &midt, Some("1. marts 2025"));
    reported
        .anvend(dok("Gjort."), &kontakt(Tilsyn::Midt), date!(2025 - 02 - 27))
        .unwrap();
    let mut kvitteret = sporet("25.1", "kvitteret", &midt, Some("1. januar 2025"));
    kvitteret
        .anvend(dok("Gjort."), &kontakt(Tilsyn::Midt), I_DAG)
        .unwrap();
    kvitteret
        .anvend(Haendelse::Kvitter, &koordinator(), I_DAG)
        .unwrap();
    let mut alle = sporet(
        "25.2",
        "alle-fem",
        &[Ansvarlig::Socialtilsynene],
        Some("februar 2025"),
    );
    alle.anvend(dok("Gjort."), &kontakt(Tilsyn::Midt), I_DAG)
        .unwrap();
    vec![
        sporet("25.1", "senere", &midt, Some("2. halvår 2025")),
        sporet("25.1", "overskredet", &midt, Some("7. marts 2025")),
        sporet("25.1", "i-dag", &midt, Some("8. marts 2025")),
        sporet(
            "25.1",
            "om-30-dage",
            &[Ansvarlig::Tilsyn(Tilsyn::Nord)],
            Some("7. april 2025"),
        ),
        sporet("25.1", "om-31-dage", &midt, Some("8. april 2025")),
        sporet(
            "25.2",
            "uden-dato",
            &[Ansvarlig::Mellemledernetvaerket],
            Some("ved førstkommende lejlighed"),
        ),
        sporet("25.2", "ingen-frist", &[Ansvarlig::Socialstyrelsen], None),
        reported,
        kvitteret,
        alle,
    ]
}

fn ids(liste: &[&SporetTiltag]) -> Vec<String> {
    liste.iter().map(|t| t.id()).collect()
}

#[test]
fn the_overview_shows_overdue_first_then_soon_then_later() {
    let alle = portefoelje();
    let o = oversigt::oversigt(&alle, &Filter::default(), I_DAG);
    let grupper: BTreeMap<Gruppe, Vec<String>> =
        o.grupper.iter().map(|(g, l)| (*g, ids(l))).collect();
    let forventet: BTreeMap<Gruppe, Vec<&str>> = [
        (
            Gruppe::Overskredet,
            vec!["25.2/alle-fem", "25.1/overskredet"],
        ),
        (Gruppe::Inden30Dage, vec!["25.1/i-dag", "25.1/om-30-dage"]),
        (Gruppe::Senere, vec!["25.1/om-31-dage", "25.1/senere"]),
        (Gruppe::UdenDato, vec!["25.2/ingen-frist", "25.2/uden-dato"]),
        (Gruppe::AfventerKvittering, vec!["25.1/rapporteret"]),
        (Gruppe::Afsluttet, vec!["25.1/kvitteret"]),
    ]
    .into_iter()
    .collect();
    let forventet: BTreeMap<Gruppe, Vec<String>> = forventet
        .into_iter()
        .map(|(g, l)| (g, l.into_iter().map(str::to_owned).collect()))
        .collect();
    assert_eq!(grupper, forventet);
    assert_eq!(
        o.grupper.iter().map(|(g, _)| *g).collect::<Vec<_>>(),
        Gruppe::ALL
    );
    // A reported action past its due date is not overdue: the wait is the audit function's.
    let rapporteret = alle.iter().find(|t| t.tiltag.id == "rapporteret").unwrap();
    assert!(!rapporteret.er_overskredet(I_DAG));
    assert!(
        alle.iter()
            .find(|t| t.tiltag.id == "overskredet")
            .unwrap()
            .er_overskredet(I_DAG)
    );
    // The due day itself is still in time; the next day it is overdue.
    let i_dag = alle.iter().find(|t| t.tiltag.id == "i-dag").unwrap();
    assert!(!i_dag.er_overskredet(I_DAG));
    assert!(i_dag.er_overskredet(I_DAG + Duration::days(1)));
}

#[test]
fn the_overview_filters_by_audit_responsible_and_status() {
    let alle = portefoelje();
    let vis = |f: Filter| -> Vec<String> {
        let o = oversigt::oversigt(&alle, &f, I_DAG);
        let mut v: Vec<String> = o.grupper.iter().flat_map(|(_, l)| ids(l)).collect();
        v.sort();
        v
    };
    let nr = |s: &str| Some(AuditNr::new(s).unwrap());
    assert_eq!(
        vis(Filter {
            audit: nr("25.2"),
            ..Filter::default()
        }),
        ["25.2/alle-fem", "25.2/ingen-frist", "25.2/uden-dato"]
    );
    // Nord is responsible for its own action and, through "socialtilsynene", for the one for all five.
    assert_eq!(
        vis(Filter {
            ansvarlig: Some(Ansvarlig::Tilsyn(Tilsyn::Nord)),
            ..Filter::default()
        }),
        ["25.1/om-30-dage", "25.2/alle-fem"]
    );
    assert_eq!(
        vis(Filter {
            ansvarlig: Some(Ansvarlig::Tilsyn(Tilsyn::Midt)),
            status: Some(Status::IGang),
            ..Filter::default()
        }),
        ["25.2/alle-fem"]
    );
    assert_eq!(
        vis(Filter {
            status: Some(Status::Kvitteret),
            audit: nr("25.1"),
            ..Filter::default()
        }),
        ["25.1/kvitteret"]
    );
}

#[test]
fn counts_per_tilsyn_count_what_each_tilsyn_still_owes() {
    let alle = portefoelje();
    let taelling = oversigt::pr_tilsyn(&alle, I_DAG);
    let tekster: Vec<String> = taelling.iter().map(ToString::to_string).collect();
    // Midt: "overskredet" (own); "alle-fem" is reported by Midt, so it counts for the other four only.
    assert_eq!(
        tekster,
        [
            "Hovedstaden: 1 overskredet",
            "Midt: 1 overskredet",
            "Nord: 1 overskredet",
            "Syd: 1 overskredet",
            "Øst: 1 overskredet",
        ]
    );
    let midt = taelling[1];
    assert_eq!((midt.inden_30_dage, midt.senere, midt.uden_dato), (1, 2, 0));
    assert_eq!(taelling[2].inden_30_dage, 1, "Nord's om-30-dage");

    // A week later "i-dag" is overdue too, and Midt has 2.
    let senere = oversigt::pr_tilsyn(&alle, I_DAG + Duration::days(7));
    assert_eq!(senere[1].to_string(), "Midt: 2 overskredne");
    assert_eq!(
        oversigt::pr_tilsyn(&[], I_DAG)[4].to_string(),
        "Øst: ingen overskredne"
    );
}

#[test]
fn an_audit_is_afsluttet_only_when_every_action_is_kvitteret_or_bortfaldet() {
    let nr = AuditNr::new("20.1").unwrap();
    let rapport = Rapportindhold {
        opfoelgning: vec![
            tiltag(
                "praesentation",
                &[Ansvarlig::Socialstyrelsen],
                Some("ved førstkommende lejlighed"),
            ),
            tiltag(
                "metoder",
                &[Ansvarlig::Socialtilsynene],
                Some("fra 2. halvår 2020"),
            ),
        ],
        ..Rapportindhold::default()
    };
    let mut alle = fra_rapport(&nr, &rapport).unwrap();
    alle.push(sporet(
        "19.1",
        "andet-forloeb",
        &[Ansvarlig::Socialstyrelsen],
        None,
    ));
    let facts = |open| TransitionFacts {
        today: I_DAG,
        deadline: None,
        raters: 1,
        materials: 1,
        form_items: 1,
        submitted_raters: 1,
        report_published: true,
        open_actions: open,
    };
    let luk = |alle: &[SporetTiltag]| {
        workflow::transition(
            WorkflowState::Opfoelgning,
            WorkflowState::Afsluttet,
            None,
            &facts(oversigt::aabne_tiltag(alle, &nr)),
        )
    };
    assert_eq!(oversigt::aabne_tiltag(&alle, &nr), 2);
    assert!(luk(&alle).is_err());

    let k = koordinator();
    alle[0]
        .anvend(dok("Præsenteret på Fællesmødet."), &k, I_DAG)
        .unwrap();
    assert_eq!(
        oversigt::aabne_tiltag(&alle, &nr),
        2,
        "reported is still open"
    );
    alle[0].anvend(Haendelse::Kvitter, &k, I_DAG).unwrap();
    alle[1]
        .anvend(
            Haendelse::Bortfald {
                begrundelse: "Erstattet af 21.1.".into(),
            },
            &k,
            I_DAG,
        )
        .unwrap();
    assert_eq!(oversigt::aabne_tiltag(&alle, &nr), 0);
    assert!(luk(&alle).is_ok());
}

// ---- reminders ----------------------------------------------------------------------------------

/// Runs a daily job from `fra` to `til` (both included) `koersler` times a day, as restarts or several
/// processes would, writing into a set keyed like a unique index; returns the day each key was first
/// written.
fn daglig_job(
    tiltag: &SporetTiltag,
    fra: Date,
    til: Date,
    koersler: usize,
) -> BTreeMap<String, (Date, String)> {
    let mut skrevet = BTreeMap::new();
    let mut dag = fra;
    while dag <= til {
        for _ in 0..koersler {
            if let Some(p) = paamindelse::paamindelse(tiltag, dag) {
                skrevet.entry(p.noegle).or_insert((dag, p.tekst));
            }
        }
        dag += Duration::days(1);
    }
    skrevet
}

#[test]
fn each_reminder_is_written_once_at_its_threshold_across_restarts_and_processes() {
    let t = midt_punkt(); // due 15 March 2025
    let forfald = date!(2025 - 03 - 15);
    let skrevet = daglig_job(
        &t,
        forfald - Duration::days(60),
        forfald + Duration::days(60),
        3,
    );
    let forventet = [
        (
            "25.1/midt-plan/2025-03-15/30-dage-foer",
            date!(2025 - 02 - 13),
        ),
        (
            "25.1/midt-plan/2025-03-15/7-dage-foer",
            date!(2025 - 03 - 08),
        ),
        (
            "25.1/midt-plan/2025-03-15/1-dag-foer",
            date!(2025 - 03 - 14),
        ),
        (
            "25.1/midt-plan/2025-03-15/dagen-efter",
            date!(2025 - 03 - 16),
        ),
    ];
    assert_eq!(skrevet.len(), 4, "{skrevet:?}");
    for (noegle, dag) in forventet {
        assert_eq!(skrevet[noegle].0, dag, "{noegle}");
    }
    assert_eq!(
        skrevet["25.1/midt-plan/2025-03-15/7-dage-foer"].1,
        "Opfølgningspunkt »Tiltaget midt-plan, som det står i opfølgningsplanen.« fra audit 25.1 \
         forfalder om 7 dage (15. marts 2025)."
    );
    assert_eq!(
        skrevet["25.1/midt-plan/2025-03-15/1-dag-foer"].1,
        "Opfølgningspunkt »Tiltaget midt-plan, som det står i opfølgningsplanen.« fra audit 25.1 \
         forfalder i morgen (15. marts 2025)."
    );
    assert!(
        skrevet["25.1/midt-plan/2025-03-15/dagen-efter"]
            .1
            .contains("har overskredet fristen (15. marts 2025)")
    );
}

#[test]
fn a_job_that_starts_late_sends_the_reminder_that_fits_now() {
    let t = midt_punkt();
    let p = paamindelse::paamindelse(&t, date!(2025 - 03 - 10)).unwrap();
    assert_eq!(p.trin, Trin::SyvDageFoer);
    assert!(
        p.tekst.contains("forfalder om 5 dage (15. marts 2025)"),
        "{}",
        p.tekst
    );
    let p = paamindelse::paamindelse(&t, date!(2025 - 03 - 15)).unwrap();
    assert_eq!(p.trin, Trin::EnDagFoer);
    assert!(p.tekst.contains("forfalder i dag"), "{}", p.tekst);
    assert!(paamindelse::paamindelse(&t, date!(2025 - 02 - 12)).is_none());
    assert_eq!(
        p.noegle_til("midt-kontakt"),
        "25.1/midt-plan/2025-03-15/1-dag-foer/midt-kontakt"
    );
}

#[test]
fn a_postponed_action_gets_new_keys_and_a_period_deadline_is_named() {
    let mut t = midt_punkt();
    let foer = paamindelse::paamindelse(&t, date!(2025 - 03 - 16)).unwrap();
    t.anvend(
        Haendelse::Udskyd {
            ny_frist: "2. kvartal 2025".into(),
            begrundelse: "Ny ledelse.".into(),
        },
        &koordinator(),
        date!(2025 - 03 - 16),
    )
    .unwrap();
    let skrevet = daglig_job(&t, date!(2025 - 03 - 16), date!(2025 - 07 - 31), 2);
    let noegler: Vec<&str> = skrevet.keys().map(String::as_str).collect();
    assert_eq!(
        noegler,
        [
            "25.1/midt-plan/2025-06-30/1-dag-foer",
            "25.1/midt-plan/2025-06-30/30-dage-foer",
            "25.1/midt-plan/2025-06-30/7-dage-foer",
            "25.1/midt-plan/2025-06-30/dagen-efter",
        ]
    );
    assert!(!skrevet.contains_key(&foer.noegle));
    assert!(
        skrevet["25.1/midt-plan/2025-06-30/7-dage-foer"]
            .1
            .ends_with("forfalder om 7 dage (30. juni 2025). Fristen er »2. kvartal 2025«."),
        "{}",
        skrevet["25.1/midt-plan/2025-06-30/7-dage-foer"].1
    );
}

#[test]
fn no_reminders_for_closed_reported_or_undated_actions() {
    let alle = portefoelje();
    let uden: Vec<String> = alle
        .iter()
        .filter(|t| paamindelse::paamindelse(t, I_DAG).is_none())
        .map(SporetTiltag::id)
        .collect();
    // "senere" and "om-31-dage" are simply not due yet on 8 March.
    assert_eq!(
        uden,
        [
            "25.1/senere",
            "25.1/om-31-dage",
            "25.2/uden-dato",
            "25.2/ingen-frist",
            "25.1/rapporteret",
            "25.1/kvitteret",
        ]
    );
    for status in Status::ALL {
        let due = paamindelse::trin(I_DAG, status, I_DAG).is_some();
        assert_eq!(due, status.venter_paa_ansvarlige(), "{status}");
    }
}
