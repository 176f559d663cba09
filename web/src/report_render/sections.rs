//! Sections 1–6 of the report and its table of contents: Indledning, Formål, Metodisk
//! tilrettelæggelse, Auditpanelets drøftelser (with the generated distribution and agreement
//! paragraph), the boxed recommendations and the follow-up plan with its due dates.

use audit::danske_tal::{or_dash, percent};
use audit::report::Sektion;
use audit::report::document::{
    Opfoelgningsplan, RapportAnbefaling, RapportDroeftelse, RapportTiltag,
};
use audit::report::{Bedoemmelsesfordeling, Rapport};
use audit::{Opmaerksomhed, Tekstafsnit};
use maud::{Markup, html};

use super::tables::{self, Celle, Tabel, celle};
use super::text::{afsnit, blokke, noter, overskrift, punkter, tekst};
use crate::components::DanishDate;
use crate::components::table::{Table, num, text};

/// The table of contents: every numbered heading, linked to its anchor.
pub(super) fn indholdsfortegnelse(r: &Rapport) -> Markup {
    html! {
        nav.indhold aria-labelledby="indholdsfortegnelse" {
            h2 #indholdsfortegnelse { "Indhold" }
            ol {
                @for p in &r.indholdsfortegnelse {
                    li class=(format!("niveau-{}", p.niveau)) {
                        a href=(format!("#{}", p.anker)) { span.nummer { (p.nummer) } " " (p.overskrift) }
                    }
                }
            }
        }
    }
}

/// Sections 1–6.
pub(super) fn body(r: &Rapport) -> Markup {
    let m = &r.metodisk_tilrettelaeggelse;
    html! {
        (sektion(&r.indledning))
        (noter(r, &r.indledning.overskrift.anker))
        (sektion(&r.formaal))
        (noter(r, &r.formaal.overskrift.anker))
        section.sektion aria-labelledby=(m.overskrift.anker) {
            (overskrift(&m.overskrift))
            (sektion(&m.fokus))
            (sektion(&m.deltagere))
            (sektion(&m.auditmateriale))
            (sektion(&m.metodisk_fokus))
            (noter(r, &m.overskrift.anker))
        }
        section.sektion aria-labelledby=(r.droeftelser.overskrift.anker) {
            (overskrift(&r.droeftelser.overskrift))
            @if r.droeftelser.droeftelser.is_empty() && r.droeftelser.plenum.is_empty() {
                p.mangler { "Auditpanelets drøftelser er endnu ikke skrevet." }
            }
            @if let Some(skema) = &r.droeftelser.skemadroeftelser {
                // With a plenum after them, the discussions of the forms are one step of their own.
                section.sektion aria-labelledby=(skema.anker) {
                    (overskrift(skema))
                    @for d in &r.droeftelser.droeftelser { (droeftelse(r, d)) }
                }
            } @else {
                @for d in &r.droeftelser.droeftelser { (droeftelse(r, d)) }
            }
            @for s in &r.droeftelser.plenum { (sektion(s)) }
            (noter(r, &r.droeftelser.overskrift.anker))
        }
        section.sektion aria-labelledby=(r.anbefalinger.overskrift.anker) {
            (overskrift(&r.anbefalinger.overskrift))
            @for p in &r.anbefalinger.konklusion { p { (p) } }
            @if r.anbefalinger.anbefalinger.is_empty() {
                p.mangler { "Der er endnu ingen anbefalinger." }
            }
            @for a in &r.anbefalinger.anbefalinger { (anbefaling(r, a)) }
            (noter(r, &r.anbefalinger.overskrift.anker))
        }
        (opfoelgningsplan(r))
        (noter(r, &r.opfoelgningsplan.overskrift.anker))
    }
}

/// A section of running text with its subsections: the generated text first, then the written.
pub(super) fn sektion(s: &Sektion) -> Markup {
    html! {
        section.sektion aria-labelledby=(s.overskrift.anker) {
            (overskrift(&s.overskrift))
            @if !s.genereret.is_empty() {
                div.genereret { (blokke(&s.genereret)) }
            }
            (blokke(&s.skrevet))
            @for u in &s.undersektioner { (sektion(u)) }
        }
    }
}

fn tekstafsnit(a: &Tekstafsnit) -> Markup {
    html! {
        div.tekstafsnit {
            h5 { (a.overskrift) }
            @for p in &a.afsnit { (afsnit(p)) }
            (punkter(&a.punkter))
            @for p in &a.afslutning { (afsnit(p)) }
        }
    }
}

fn opmaerksomheder(titel: &str, punkter: &[Opmaerksomhed]) -> Markup {
    html! {
        @if !punkter.is_empty() {
            h5 { (titel) }
            @if punkter.iter().all(|p| p.overskrift.is_none()) {
                ul { @for p in punkter { li { (tekst(&p.tekst)) } } }
            } @else {
                @for p in punkter {
                    div.opmaerksomhed {
                        @if let Some(o) = &p.overskrift { h6 { (o) } }
                        (afsnit(&p.tekst))
                    }
                }
            }
        }
    }
}

/// One discussion: the indicator's text, the written parts, the generated figures and the links to
/// the recommendations that rest on it.
fn droeftelse(r: &Rapport, d: &RapportDroeftelse) -> Markup {
    html! {
        section.droeftelse aria-labelledby=(d.overskrift.anker) {
            (overskrift(&d.overskrift))
            @if let Some(i) = &d.indikator {
                div.indikatortekst {
                    p { strong { "Indikator " (i.id) ": " } (i.tekst) }
                    @if let Some((nr, tekst)) = &i.kriterium {
                        p.muted { "Kriterium " (nr) ": " (tekst) }
                    }
                    @if let Some(tema) = &i.tema { p.muted { "Tema: " (tema) } }
                }
            }
            @for p in &d.indledning { (afsnit(p)) }
            @for a in &d.afsnit { (tekstafsnit(a)) }
            @if !d.ligheder.is_empty() {
                h5 { "Ligheder på tværs" }
                @for p in &d.ligheder { (afsnit(p)) }
            }
            (opmaerksomheder("Opmærksomheder", &d.opmaerksomheder))
            (opmaerksomheder("Datakilder og undersøgelsesmetoder", &d.datakilder))
            @if let Some(v) = &d.vurdering { (tekstafsnit(v)) }
            @if !d.statistik.is_empty() || d.fordeling.is_some() {
                div.statistik {
                    h5 { "Bedømmelsernes fordeling og enighed" }
                    @for p in &d.statistik { p { (p) } }
                    @if let Some(f) = &d.fordeling { (tables::html(&fordeling_tabel(f))) }
                }
            }
            @if !d.anbefalinger.is_empty() {
                p.henvisning {
                    "Se "
                    @for (i, anker) in d.anbefalinger.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(format!("#{anker}")) { (heading_of(r, anker)) }
                    }
                    "."
                }
            }
        }
    }
}

/// The printed heading behind an anchor ("5.1 Socialstyrelsens anbefaling vedr. indikator 8.a").
pub(super) fn heading_of(r: &Rapport, anker: &str) -> String {
    r.indholdsfortegnelse
        .iter()
        .find(|p| p.anker == anker)
        .map_or_else(
            || anker.to_owned(),
            |p| format!("{} {}", p.nummer, p.overskrift),
        )
}

/// The round-1 distribution beside a discussion: each category with its count and share.
pub(super) fn fordeling_tabel(f: &Bedoemmelsesfordeling) -> Tabel {
    let i_alt = f.i_alt();
    let mut rows: Vec<Vec<Celle>> = f
        .kategorier
        .iter()
        .map(|k| {
            vec![
                celle(k.etiket.as_str()),
                celle(k.antal.to_string()),
                celle(or_dash(
                    (i_alt > 0).then(|| k.antal as f64 / i_alt as f64),
                    percent,
                )),
            ]
        })
        .collect();
    if f.uden_vaerdi > 0 {
        rows.push(vec![
            celle("Kunne ikke bedømmes"),
            celle(f.uden_vaerdi.to_string()),
            celle("–"),
        ]);
    }
    Tabel {
        caption: format!("Runde 1: {}", f.bedoemmelser),
        class: "fordeling",
        columns: vec![text("Bedømmelse"), num("Antal"), num("Andel")],
        rows,
    }
}

/// A recommendation in its box, linked to the discussion it rests on and its follow-up.
fn anbefaling(r: &Rapport, a: &RapportAnbefaling) -> Markup {
    html! {
        section.anbefaling aria-labelledby=(a.overskrift.anker) {
            p.anbefaling-maerke { (r.anbefalingsmaerke) }
            (overskrift(&a.overskrift))
            @for p in &a.tekst { (afsnit(p)) }
            (punkter(&a.punkter))
            @if let Some(g) = &a.grundlag {
                p.henvisning {
                    "Bygger på drøftelsen "
                    a href=(format!("#{}", g.droeftelse)) { (heading_of(r, &g.droeftelse)) }
                    @if let Some(i) = &g.indikator { " (indikator " (i) ")" }
                    "."
                }
            }
            @if !a.opfoelgning.is_empty() {
                p.henvisning {
                    "Opfølgning: "
                    @for (i, t) in a.opfoelgning.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(format!("#{t}")) { "tiltag " (tiltag_nummer(r, t)) }
                    }
                    " i opfølgningsplanen."
                }
            }
        }
    }
}

/// The position of an action in the plan ("6.2"), for a link text.
pub(super) fn tiltag_nummer(r: &Rapport, anker: &str) -> String {
    let plan = &r.opfoelgningsplan;
    plan.tiltag
        .iter()
        .position(|t| t.anker == anker)
        .map_or_else(
            || anker.to_owned(),
            |i| format!("{}.{}", plan.overskrift.nummer, i + 1),
        )
}

fn opfoelgningsplan(r: &Rapport) -> Markup {
    let p: &Opfoelgningsplan = &r.opfoelgningsplan;
    html! {
        section.sektion aria-labelledby=(p.overskrift.anker) {
            (overskrift(&p.overskrift))
            (afsnit(&p.indledning))
            @if p.tiltag.is_empty() {
                p.mangler { "Opfølgningsplanen har endnu ingen tiltag." }
            } @else {
                (Table::new(&[
                    text("Nr."), text("Tiltag"), text("Ansvarlig"), text("Frist"), text("Forfaldsdato"),
                ]).class("opfoelgning").rows(html! {
                    @for (i, t) in p.tiltag.iter().enumerate() {
                        (tiltag(r, &format!("{}.{}", p.overskrift.nummer, i + 1), t))
                    }
                }))
            }
        }
    }
}

fn tiltag(r: &Rapport, nummer: &str, t: &RapportTiltag) -> Markup {
    html! {
        tr id=(t.anker) {
            td { (nummer) }
            td {
                (afsnit(&t.tekst))
                (punkter(&t.punkter))
                @if !t.anbefalinger.is_empty() {
                    p.henvisning {
                        "Følger af "
                        @for (i, a) in t.anbefalinger.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href=(format!("#{a}")) { (heading_of(r, a)) }
                        }
                    }
                }
            }
            td { (t.ansvarlige.join(", ")) }
            td {
                @match &t.frist {
                    Some(f) => {
                        (f.tekst)
                        @if let Some(fejl) = &f.fejl { p.field-error { "Fristen kan ikke læses: " (fejl) } }
                    }
                    None => span.muted { "Ingen frist" },
                }
            }
            td {
                @match t.frist.as_ref().and_then(|f| f.forfald) {
                    Some(d) => (DanishDate(d)),
                    None => span aria-label="ingen" { "–" },
                }
            }
        }
    }
}
