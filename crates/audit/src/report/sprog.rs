//! Small pieces of written Danish that the generated report text is made of: number words, counted
//! nouns, lists joined with "og", and the names of socialtilsyn in running text.
//!
//! The rules follow the seed reports. Counts of one to nine are written as words ("to
//! tilsynsrapporter", "fem tilsynskonsulenter", "fra de tre socialtilsyn"); from 10 on they are
//! written with digits ("alle 10 rapporter"). One is written with the accent that marks it as a
//! number, "én" or "ét" by the noun's gender, so that it is not read as the article ("én faglig
//! leder", "ét vurderingsskema").

use crate::Tilsyn;

/// The grammatical gender of a Danish noun, which decides "én" or "ét".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Koen {
    /// Common gender (fælleskøn): "en faglig leder", "en tilsynsrapport".
    Faelleskoen,
    /// Neuter (intetkøn): "et socialtilsyn", "et vurderingsskema", "et bilag".
    Intetkoen,
}

/// A noun with its singular, plural and gender, so that it can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Navneord {
    /// The singular ("tilsynsrapport").
    pub ental: &'static str,
    /// The plural ("tilsynsrapporter").
    pub flertal: &'static str,
    /// The gender.
    pub koen: Koen,
}

impl Navneord {
    /// A noun of common gender.
    pub const fn faelleskoen(ental: &'static str, flertal: &'static str) -> Navneord {
        Navneord {
            ental,
            flertal,
            koen: Koen::Faelleskoen,
        }
    }

    /// A noun of neuter gender.
    pub const fn intetkoen(ental: &'static str, flertal: &'static str) -> Navneord {
        Navneord {
            ental,
            flertal,
            koen: Koen::Intetkoen,
        }
    }

    /// The singular or the plural, as `antal` asks for (one is singular, everything else plural).
    pub fn boejet(&self, antal: usize) -> &'static str {
        if antal == 1 { self.ental } else { self.flertal }
    }
}

/// "socialtilsyn", the same in both numbers.
pub const SOCIALTILSYN: Navneord = Navneord::intetkoen("socialtilsyn", "socialtilsyn");

/// "vurderingsskema" / "vurderingsskemaer".
pub const VURDERINGSSKEMA: Navneord = Navneord::intetkoen("vurderingsskema", "vurderingsskemaer");

/// The number words the reports write, from one to nine.
const TALORD: [&str; 9] = [
    "én", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni",
];

/// A count as the reports write it: words from one to nine ("én"/"ét" by `koen`, "to", … "ni"),
/// digits from 10 on ("10"), and "nul" for zero.
pub fn talord(antal: usize, koen: Koen) -> String {
    match antal {
        0 => "nul".to_owned(),
        1 if koen == Koen::Intetkoen => "ét".to_owned(),
        1..=9 => TALORD[antal - 1].to_owned(),
        _ => antal.to_string(),
    }
}

/// A counted noun: "én faglig leder", "to tilsynskonsulenter", "ét socialtilsyn", "10 sager".
pub fn antal(antal: usize, navneord: Navneord) -> String {
    format!(
        "{} {}",
        talord(antal, navneord.koen),
        navneord.boejet(antal)
    )
}

/// A list the Danish way: "A", "A og B", "A, B og C". No comma before "og".
pub fn opremsning<S: AsRef<str>>(dele: &[S]) -> String {
    match dele {
        [] => String::new(),
        [en] => en.as_ref().to_owned(),
        [foerste @ .., sidste] => {
            let foerste: Vec<&str> = foerste.iter().map(AsRef::as_ref).collect();
            format!("{} og {}", foerste.join(", "), sidste.as_ref())
        }
    }
}

/// The first letter in upper case, for a generated sentence that starts with a word written in lower
/// case mid-sentence ("én faglig leder …" → "Én faglig leder …").
pub fn stort_forbogstav(tekst: &str) -> String {
    let mut tegn = tekst.chars();
    match tegn.next() {
        Some(foerste) => foerste.to_uppercase().chain(tegn).collect(),
        None => String::new(),
    }
}

/// Where something comes from, naming the socialtilsyn: "Socialtilsyn Midt" for one,
/// "hvert af socialtilsynene Hovedstaden og Øst" for several, each contributing the same.
pub fn fra_hvert(tilsyn: &[Tilsyn]) -> String {
    match tilsyn {
        [et] => et.fulde_navn(),
        flere => format!("hvert af socialtilsynene {}", tilsynsliste(flere)),
    }
}

/// The short names of `tilsyn` as a list: "Hovedstaden, Midt og Øst".
pub fn tilsynsliste(tilsyn: &[Tilsyn]) -> String {
    let navne: Vec<&str> = tilsyn.iter().map(|t| t.navn()).collect();
    opremsning(&navne)
}

/// A group of socialtilsyn in running text, by how many there are of all five: "de fem socialtilsyn"
/// for all five, "Socialtilsyn Midt" for one, "de tre socialtilsyn" otherwise (with `oevrige`: "de
/// øvrige tre socialtilsyn", as 20.1 writes after naming the absent ones).
pub fn de_socialtilsyn(tilsyn: &[Tilsyn], oevrige: bool) -> String {
    match tilsyn {
        [et] => et.fulde_navn(),
        flere => {
            let antal = talord(flere.len(), Koen::Intetkoen);
            if oevrige {
                format!("de øvrige {antal} socialtilsyn")
            } else {
                format!("de {antal} socialtilsyn")
            }
        }
    }
}

/// An ASCII anchor id from a heading: lower case, æ ø å as "ae" "oe" "aa", every other run of
/// characters that are not letters or digits as one hyphen ("Metodisk fokus" → "metodisk-fokus",
/// "Indikator 8.a" → "indikator-8-a").
pub fn anker(tekst: &str) -> String {
    let mut ud = String::new();
    for c in tekst.to_lowercase().chars() {
        let erstatning = match c {
            'æ' => Some("ae"),
            'ø' => Some("oe"),
            'å' => Some("aa"),
            'é' => Some("e"),
            'ü' => Some("u"),
            'ö' => Some("oe"),
            'ä' => Some("ae"),
            _ => None,
        };
        match erstatning {
            Some(s) => ud.push_str(s),
            None if c.is_ascii_alphanumeric() => ud.push(c),
            None => {
                if !ud.is_empty() && !ud.ends_with('-') {
                    ud.push('-');
                }
            }
        }
    }
    ud.trim_end_matches('-').to_owned()
}

/// Whether `tekst` is written as a whole sentence (starts with a capital letter) rather than as a
/// phrase to be woven into a generated sentence.
pub fn er_saetning(tekst: &str) -> bool {
    tekst.trim().chars().next().is_some_and(char::is_uppercase)
}

/// `tekst` trimmed and ending with a full stop (or the question or exclamation mark it has).
pub fn med_punktum(tekst: &str) -> String {
    let tekst = tekst.trim();
    if tekst.ends_with(['.', '?', '!']) {
        tekst.to_owned()
    } else {
        format!("{tekst}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TILSYNSKONSULENT: Navneord =
        Navneord::faelleskoen("tilsynskonsulent", "tilsynskonsulenter");

    #[test]
    fn counts_are_words_below_ten_and_digits_from_ten() {
        // The seeds: "to tilsynsrapporter" (19.1), "fem tilsynskonsulenter" (20.1), "fire sager"
        // (19.2), "alle 10 rapporter" (19.1); "én" / "ét" mark the number one, as the brief asks.
        let tilfaelde = [
            (0, Koen::Faelleskoen, "nul"),
            (1, Koen::Faelleskoen, "én"),
            (1, Koen::Intetkoen, "ét"),
            (2, Koen::Intetkoen, "to"),
            (3, Koen::Faelleskoen, "tre"),
            (4, Koen::Faelleskoen, "fire"),
            (5, Koen::Intetkoen, "fem"),
            (6, Koen::Faelleskoen, "seks"),
            (7, Koen::Faelleskoen, "syv"),
            (8, Koen::Faelleskoen, "otte"),
            (9, Koen::Faelleskoen, "ni"),
            (10, Koen::Faelleskoen, "10"),
            (15, Koen::Intetkoen, "15"),
        ];
        for (n, koen, forventet) in tilfaelde {
            assert_eq!(talord(n, koen), forventet, "{n} {koen:?}");
        }
    }

    #[test]
    fn counted_nouns_take_singular_or_plural() {
        let leder = Navneord::faelleskoen("faglig leder", "faglige ledere");
        let tilfaelde = [
            (antal(1, leder), "én faglig leder"),
            (antal(2, leder), "to faglige ledere"),
            (antal(5, TILSYNSKONSULENT), "fem tilsynskonsulenter"),
            (antal(1, VURDERINGSSKEMA), "ét vurderingsskema"),
            (antal(3, VURDERINGSSKEMA), "tre vurderingsskemaer"),
            (antal(1, SOCIALTILSYN), "ét socialtilsyn"),
            (antal(5, SOCIALTILSYN), "fem socialtilsyn"),
            (antal(10, TILSYNSKONSULENT), "10 tilsynskonsulenter"),
            (antal(0, TILSYNSKONSULENT), "nul tilsynskonsulenter"),
        ];
        for (faktisk, forventet) in tilfaelde {
            assert_eq!(faktisk, forventet);
        }
    }

    #[test]
    fn lists_are_joined_with_commas_and_og() {
        // 20.1's annex and the brief: "Hovedstaden, Midt og Øst".
        let tom: [&str; 0] = [];
        let tilfaelde: [(&[&str], &str); 4] = [
            (&tom, ""),
            (&["Midt"], "Midt"),
            (&["Hovedstaden", "Øst"], "Hovedstaden og Øst"),
            (&["Hovedstaden", "Midt", "Øst"], "Hovedstaden, Midt og Øst"),
        ];
        for (dele, forventet) in tilfaelde {
            assert_eq!(opremsning(dele), forventet);
        }
    }

    #[test]
    fn tilsyn_are_named_as_the_reports_name_them() {
        use Tilsyn::*;
        assert_eq!(fra_hvert(&[Midt]), "Socialtilsyn Midt");
        assert_eq!(
            fra_hvert(&[Hovedstaden, Oest]),
            "hvert af socialtilsynene Hovedstaden og Øst"
        );
        assert_eq!(de_socialtilsyn(&Tilsyn::ALL, false), "de fem socialtilsyn");
        // 20.1: "Fra de øvrige tre socialtilsyn deltog …".
        assert_eq!(
            de_socialtilsyn(&[Hovedstaden, Midt, Oest], true),
            "de øvrige tre socialtilsyn"
        );
        assert_eq!(de_socialtilsyn(&[Syd], true), "Socialtilsyn Syd");
    }

    #[test]
    fn anchors_are_ascii() {
        let tilfaelde = [
            ("Metodisk fokus", "metodisk-fokus"),
            ("Indikator 8.a", "indikator-8-a"),
            ("Formålet med audit 20.1", "formaalet-med-audit-20-1"),
            ("Læsevejledning", "laesevejledning"),
            ("Socialtilsyn Øst", "socialtilsyn-oest"),
            ("  Forståelse af dialog  ", "forstaaelse-af-dialog"),
            ("»Citat«", "citat"),
        ];
        for (tekst, forventet) in tilfaelde {
            assert_eq!(anker(tekst), forventet, "{tekst}");
        }
    }

    #[test]
    fn sentences_and_phrases_are_told_apart() {
        assert!(er_saetning("Socialtilsyn Syd meldte afbud."));
        assert!(!er_saetning("på baggrund af en anmodning"));
        assert!(!er_saetning("  "));
        assert_eq!(med_punktum(" Syd meldte afbud "), "Syd meldte afbud.");
        assert_eq!(med_punktum("Hvorfor?"), "Hvorfor?");
        assert_eq!(stort_forbogstav("én faglig leder"), "Én faglig leder");
        assert_eq!(stort_forbogstav(""), "");
    }
}
