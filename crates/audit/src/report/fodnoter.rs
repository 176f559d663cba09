//! Footnotes and quotations in the report's written text.
//!
//! The report content is plain text, so two small marks carry what the seed reports set apart:
//!
//! - `^[…]` inside a text is a footnote (Pandoc's inline note): "bekendtgørelse om socialtilsyn,
//!   bilag 1^[Link til bekendtgørelse nr. 1633 af 27/12/2019: https://…], hvor følgende fremgår:".
//!   Brackets inside the note nest, so a note may itself hold "[…]".
//! - a paragraph that starts with `> ` is a quotation of a source (20.1's quotation of the
//!   bekendtgørelse), set apart as one.
//!
//! When the report is built, [`nummerer`] numbers the notes in reading order, keeps each as a
//! [`Fodnote`] in [`Rapport::fodnoter`] and leaves the mark `[^N]` in the text where it was; the
//! renderers split a text with [`dele`] and find a quotation with [`citat`], so the web page and
//! the Word file read the same marks the same way.

use serde::{Deserialize, Serialize};

use super::Blok;
use super::document::{Rapport, RapportDroeftelse, Sektion};
use crate::Tekstafsnit;

/// One footnote of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fodnote {
    /// Its number, from 1, in reading order through the whole report.
    pub nummer: usize,
    /// The note's text.
    pub tekst: String,
    /// The anchor of the main section (level 1) whose text refers to it, after which a web page
    /// prints it.
    pub afsnit: String,
}

/// A piece of a text: running text, or the reference to a footnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tekstdel<'a> {
    /// Running text.
    Tekst(&'a str),
    /// The reference to footnote number N.
    Fodnote(usize),
}

/// The text of a quotation paragraph (`> …`), without its mark; `None` for any other paragraph.
pub fn citat(afsnit: &str) -> Option<&str> {
    afsnit.strip_prefix("> ").map(str::trim)
}

/// A numbered text split into running text and references to footnotes (`[^N]`). Text without
/// marks is one piece.
pub fn dele(tekst: &str) -> Vec<Tekstdel<'_>> {
    let mut ud = Vec::new();
    let mut rest = tekst;
    while let Some(start) = rest.find("[^") {
        let efter = &rest[start + 2..];
        let cifre = efter.bytes().take_while(u8::is_ascii_digit).count();
        match (
            efter[..cifre].parse::<usize>(),
            efter[cifre..].starts_with(']'),
        ) {
            (Ok(n), true) => {
                if start > 0 {
                    ud.push(Tekstdel::Tekst(&rest[..start]));
                }
                ud.push(Tekstdel::Fodnote(n));
                rest = &efter[cifre + 1..];
            }
            _ => {
                // Not a reference: keep "[^" as text and read on after it.
                ud.push(Tekstdel::Tekst(&rest[..start + 2]));
                rest = efter;
            }
        }
    }
    if !rest.is_empty() {
        ud.push(Tekstdel::Tekst(rest));
    }
    ud
}

/// A text without its footnote references, as a reader sees it where notes cannot be shown (a
/// heading, a search).
pub fn uden_henvisninger(tekst: &str) -> String {
    dele(tekst)
        .into_iter()
        .filter_map(|d| match d {
            Tekstdel::Tekst(t) => Some(t),
            Tekstdel::Fodnote(_) => None,
        })
        .collect()
}

/// Numbers the inline notes (`^[…]`) of every written text of `rapport` in reading order: each
/// becomes a [`Fodnote`] in [`Rapport::fodnoter`], and its place in the text the mark `[^N]`.
pub(super) fn nummerer(rapport: &mut Rapport) {
    let mut noter = Vec::new();
    tekster_mut(rapport, &mut |afsnit, tekst| {
        if tekst.contains("^[") {
            *tekst = udskil(tekst, afsnit, &mut noter);
        }
    });
    rapport.fodnoter = noter;
}

/// `tekst` with each inline note replaced by its reference, the notes appended to `noter`.
fn udskil(tekst: &str, afsnit: &str, noter: &mut Vec<Fodnote>) -> String {
    let mut ud = String::with_capacity(tekst.len());
    let mut rest = tekst;
    while let Some(start) = rest.find("^[") {
        let indhold = &rest[start + 2..];
        let Some(slut) = lukkende_klamme(indhold) else {
            break;
        };
        let note = indhold[..slut].trim();
        ud.push_str(&rest[..start]);
        if note.is_empty() {
            // "^[]" is no note; drop it.
        } else {
            let nummer = noter.len() + 1;
            noter.push(Fodnote {
                nummer,
                tekst: note.to_owned(),
                afsnit: afsnit.to_owned(),
            });
            ud.push_str(&format!("[^{nummer}]"));
        }
        rest = &indhold[slut + 1..];
    }
    ud.push_str(rest);
    ud
}

/// The byte position of the `]` that closes a note whose text starts `tekst`, counting nested
/// brackets; `None` when it is never closed (the text is then left as written).
fn lukkende_klamme(tekst: &str) -> Option<usize> {
    let mut dybde = 0usize;
    for (i, c) in tekst.char_indices() {
        match c {
            '[' => dybde += 1,
            ']' if dybde == 0 => return Some(i),
            ']' => dybde -= 1,
            _ => {}
        }
    }
    None
}

/// Calls `f` with every running text of the report in reading order, with the anchor of the main
/// section it stands in. Headings, generated figures and the calibration appendix hold no notes.
fn tekster_mut(r: &mut Rapport, f: &mut dyn FnMut(&str, &mut String)) {
    for s in [&mut r.indledning, &mut r.formaal] {
        let anker = s.overskrift.anker.clone();
        sektion(s, &anker, f);
    }
    let m = &mut r.metodisk_tilrettelaeggelse;
    let anker = m.overskrift.anker.clone();
    for s in [
        &mut m.fokus,
        &mut m.deltagere,
        &mut m.auditmateriale,
        &mut m.metodisk_fokus,
    ] {
        sektion(s, &anker, f);
    }
    let anker = r.droeftelser.overskrift.anker.clone();
    for d in &mut r.droeftelser.droeftelser {
        droeftelse(d, &anker, f);
    }
    for s in &mut r.droeftelser.plenum {
        sektion(s, &anker, f);
    }
    let anker = r.anbefalinger.overskrift.anker.clone();
    for a in &mut r.anbefalinger.anbefalinger {
        a.tekst
            .iter_mut()
            .chain(&mut a.punkter)
            .for_each(|t| f(&anker, t));
    }
    let plan = &mut r.opfoelgningsplan;
    let anker = plan.overskrift.anker.clone();
    f(&anker, &mut plan.indledning);
    for t in &mut plan.tiltag {
        f(&anker, &mut t.tekst);
        t.punkter.iter_mut().for_each(|p| f(&anker, p));
    }
    let anker = r.bilag.overskrift.anker.clone();
    for b in &mut r.bilag.bilag {
        for a in &mut b.afsnit {
            a.afsnit.iter_mut().for_each(|p| f(&anker, p));
        }
    }
}

fn sektion(s: &mut Sektion, anker: &str, f: &mut dyn FnMut(&str, &mut String)) {
    for b in s.genereret.iter_mut().chain(&mut s.skrevet) {
        match b {
            Blok::Afsnit(t) => f(anker, t),
            Blok::Punkter(p) | Blok::Nummereret(p) => p.iter_mut().for_each(|t| f(anker, t)),
        }
    }
    for u in &mut s.undersektioner {
        sektion(u, anker, f);
    }
}

fn tekstafsnit(a: &mut Tekstafsnit, anker: &str, f: &mut dyn FnMut(&str, &mut String)) {
    a.afsnit
        .iter_mut()
        .chain(&mut a.punkter)
        .chain(&mut a.afslutning)
        .for_each(|t| f(anker, t));
}

fn droeftelse(d: &mut RapportDroeftelse, anker: &str, f: &mut dyn FnMut(&str, &mut String)) {
    d.indledning.iter_mut().for_each(|t| f(anker, t));
    for a in &mut d.afsnit {
        tekstafsnit(a, anker, f);
    }
    d.ligheder.iter_mut().for_each(|t| f(anker, t));
    for o in d.opmaerksomheder.iter_mut().chain(&mut d.datakilder) {
        f(anker, &mut o.tekst);
    }
    if let Some(v) = &mut d.vurdering {
        tekstafsnit(v, anker, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_becomes_a_numbered_reference_and_nested_brackets_stay_in_the_note() {
        let mut noter = Vec::new();
        let ud = udskil(
            "bilag 1^[Link til bekendtgørelse nr. 1633.], hvor^[Citat med […] i.] følgende",
            "plenum",
            &mut noter,
        );
        assert_eq!(ud, "bilag 1[^1], hvor[^2] følgende");
        assert_eq!(noter[1].tekst, "Citat med […] i.");
        assert_eq!(noter[0].afsnit, "plenum");
        assert_eq!(
            dele(&ud),
            vec![
                Tekstdel::Tekst("bilag 1"),
                Tekstdel::Fodnote(1),
                Tekstdel::Tekst(", hvor"),
                Tekstdel::Fodnote(2),
                Tekstdel::Tekst(" følgende"),
            ]
        );
        assert_eq!(uden_henvisninger(&ud), "bilag 1, hvor følgende");
    }

    #[test]
    fn an_unclosed_note_and_a_bracket_that_is_no_reference_stay_text() {
        let mut noter = Vec::new();
        assert_eq!(udskil("a ^[uden slut", "x", &mut noter), "a ^[uden slut");
        assert!(noter.is_empty());
        let dele = dele("[^a] og [^");
        assert!(dele.iter().all(|d| matches!(d, Tekstdel::Tekst(_))));
        assert_eq!(uden_henvisninger("[^a] og [^"), "[^a] og [^");
    }

    #[test]
    fn a_quotation_is_a_paragraph_that_starts_with_the_mark() {
        assert_eq!(citat("> Ved godkendelse …"), Some("Ved godkendelse …"));
        assert_eq!(citat("Drøftelsen havde afsæt i >"), None);
    }
}
