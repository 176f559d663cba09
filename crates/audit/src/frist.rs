//! Follow-up deadlines as a koordinator writes them in an opfølgningsplan ("2. halvår 2019",
//! "efteråret 2019", "ultimo marts 2025", "ved førstkommende lejlighed").
//!
//! [`parse_frist`] reads the text into a [`Frist`], which keeps the text exactly as typed (it is
//! what the report prints) and the period it denotes (what overdue detection and reminders use).
//! A deadline falls due on the last day of its period ([`Frist::forfald`]).
//!
//! # How the phrases are read
//!
//! Case, surrounding whitespace, commas and a final period do not matter. The words below are
//! read in front of any phrase and do not change its period:
//!
//! - "i", "i løbet af", "inden for", "senest", "den", "d.": "senest i 2. halvår 2019" is "2. halvår
//!   2019".
//! - "inden udgangen af", "ved udgangen af", "med udgangen af", "udgangen af": "inden udgangen af
//!   2019" is the whole year 2019, due 31 December 2019. The plan does not say when the action
//!   was promised, so the period starts where the named period starts.
//!
//! Three words change what a deadline means, not only its period:
//!
//! - "fra", "fra og med": 20.1's plan says "Socialstyrelsen vil fra 2. halvår 2020 initiere et
//!   udviklingsarbejde": work *begins* then. "fra 2. halvår 2020" is a start on 1 July 2020
//!   ([`Fristart::Start`]) with no due date, so it never turns overdue.
//! - "løbende": ongoing work with no date ([`Fristart::Loebende`]).
//! - A duration counted from the report's publication: "senest 6 måneder efter
//!   offentliggørelsen", "inden for et år", "inden for 3 måneder fra rapportens offentliggørelse"
//!   ([`Fristart::Relativ`]). [`parse_frist_efter`] resolves it against the publication date (due
//!   that many weeks, months or years after it); before publication it has no date.
//!
//! A bare "inden" is refused: "inden 15. marts 2025" means *before* that day, and quietly reading
//! it as "by" would put the due date one day late. The error suggests "senest".
//!
//! | phrase | period |
//! | --- | --- |
//! | "2019" | the whole year |
//! | "1. halvår 2020", "første halvår 2020" | 1 January – 30 June |
//! | "2. halvår 2019", "andet/anden halvår 2019" | 1 July – 31 December |
//! | "1. kvartal 2025", "første kvartal 2025", "1. kvt. 2025", "Q1 2025" | 1 January – 31 March; likewise 2nd/andet/anden, 3rd/tredje, 4th/fjerde |
//! | "maj 2019" | that month |
//! | "maj og juni 2019", "maj-juni 2019", "maj til juni 2019" | from the first day of the first month to the last day of the second |
//! | "foråret 2020" | 1 March – 31 May (meteorological seasons) |
//! | "sommeren 2020" | 1 June – 31 August |
//! | "efteråret 2019" | 1 September – 30 November |
//! | "vinteren 2020" | 1 December 2019 – 29 February 2020, see below |
//! | "vinteren 2019/20", "vinteren 2019-2020" | 1 December 2019 – 29 February 2020 |
//! | "primo 2025", "i begyndelsen af 2025" | January |
//! | "medio 2025", "i midten af 2025" | June and July (the two middle months) |
//! | "ultimo 2024", "i slutningen af 2024" | December |
//! | "primo marts 2025" | 1 – 10 March (the first third of the month) |
//! | "medio marts 2025" | 11 – 20 March |
//! | "ultimo marts 2025" | 21 – 31 March (the last third, to the month's last day) |
//! | "uge 12 2025" | the ISO week, Monday 17 – Sunday 23 March |
//! | "15. marts 2025", "15.3.2025", "15/3-2025", "2025-03-15" | that day |
//! | "ved førstkommende lejlighed" | no date: never overdue |
//! | "fra 2. halvår 2020", "fra og med marts 2025" | starts on the first day of the period; no due date |
//! | "løbende" | ongoing; no date |
//! | "senest 6 måneder efter offentliggørelsen", "inden for et år", "inden for to uger" | from the publication date to that long after it |
//!
//! A winter spans two years. "Vinteren 2020" follows the climatological convention that DMI and
//! the WMO use for season statistics: a winter is named after the year its January and February
//! fall in, so it runs from December 2019 to February 2020. Writing both years ("vinteren
//! 2020/21") removes the doubt.
//!
//! Primo, medio and ultimo ("at the beginning / middle / end of") are the usual Danish office
//! words. For a month they are its thirds by day (1–10, 11–20, 21–last); for a year they are its
//! first month, its two middle months and its last month, so "ultimo 2024" is due on 31 December
//! 2024 like "inden udgangen af 2024", but starts later, which matters for reminders.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::{Date, Month, Weekday};

use crate::danske_datoer::{maaned_fra_navn, maanedsnavn};

// Dates in the JSON form are ISO 8601 calendar dates ("2025-03-15").
time::serde::format_description!(iso_dato, Date, "[year]-[month]-[day]");

/// The examples every refusal ends with, so the koordinator sees what is understood.
const EKSEMPLER: &str = "»2. halvår 2025«, »1. kvartal 2025«, »maj og juni 2025«, \
    »efteråret 2025«, »ultimo marts 2025«, »senest 15. marts 2025« eller \
    »ved førstkommende lejlighed«";

/// A follow-up deadline: the text as the koordinator typed it and the period it denotes.
///
/// Build one with [`parse_frist`]. In JSON it is
/// `{"tekst": …, "fra": "YYYY-MM-DD" | null, "til": … | null, "forfald": … | null}`; reading JSON
/// back parses `tekst` again, so the text is the single source of the dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "FristJson", try_from = "FristJson")]
pub struct Frist {
    tekst: String,
    art: Fristart,
}

/// What a deadline text denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fristart {
    /// A period, both days included; due on `til`.
    Periode {
        /// The first day of the period.
        fra: Date,
        /// The last day of the period, the due date.
        til: Date,
    },
    /// A single day, which is also the due date.
    Dato(Date),
    /// "Ved førstkommende lejlighed": at the next suitable meeting, with no date to track.
    VedFoerstkommendeLejlighed,
    /// "fra 2. halvår 2020": the work begins on `fra`; a start, not a due date.
    Start {
        /// The first day of the named period.
        fra: Date,
    },
    /// "løbende": ongoing, with no date to track.
    Loebende,
    /// "senest 6 måneder efter offentliggørelsen": a duration counted from the report's publication.
    Relativ {
        /// How long after the publication the action falls due.
        varighed: Varighed,
        /// The publication date it is counted from, once known; `None` before publication.
        offentliggjort: Option<Date>,
    },
}

/// A duration in a relative deadline ("6 måneder", "et år", "to uger").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Varighed {
    /// A number of weeks.
    Uger(u16),
    /// A number of months (a year is twelve).
    Maaneder(u16),
}

impl Varighed {
    /// The day this long after `fra`; a month later than the 31st is the next month's last day.
    pub fn efter(self, fra: Date) -> Option<Date> {
        match self {
            Varighed::Uger(uger) => fra.checked_add(time::Duration::weeks(i64::from(uger))),
            Varighed::Maaneder(maaneder) => {
                let indeks = i64::from(fra.year()) * 12 + i64::from(u8::from(fra.month())) - 1
                    + i64::from(maaneder);
                let aar = i32::try_from(indeks.div_euclid(12)).ok()?;
                let maaned = Month::try_from(u8::try_from(indeks.rem_euclid(12) + 1).ok()?).ok()?;
                let dag = fra.day().min(maaned.length(aar));
                Date::from_calendar_date(aar, maaned, dag).ok()
            }
        }
    }
}

impl fmt::Display for Varighed {
    /// "6 måneder", "1 år", "2 uger".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Varighed::Uger(1) => f.write_str("1 uge"),
            Varighed::Uger(n) => write!(f, "{n} uger"),
            Varighed::Maaneder(n) if n % 12 == 0 => write!(f, "{} år", n / 12),
            Varighed::Maaneder(1) => f.write_str("1 måned"),
            Varighed::Maaneder(n) => write!(f, "{n} måneder"),
        }
    }
}

/// Why a deadline text was refused. Each message is a Danish sentence that quotes the text, so
/// it can be shown next to the form field as is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FristFejl {
    /// Nothing but whitespace (and commas or full stops) was typed.
    #[error("Fristen er tom. Skriv f.eks. {eksempler}.", eksempler = EKSEMPLER)]
    Tom,
    /// The text matches none of the known phrases.
    #[error("Kan ikke forstå fristen »{tekst}«. Skriv f.eks. {eksempler}.", eksempler = EKSEMPLER)]
    Ukendt {
        /// The text as typed, without surrounding whitespace.
        tekst: String,
    },
    /// The phrase is understood but names a day or period that does not exist.
    #[error("Fristen »{tekst}« findes ikke i kalenderen: {grund}.")]
    FindesIkke {
        /// The text as typed, without surrounding whitespace.
        tekst: String,
        /// Why, in Danish, e.g. "februar 2025 har kun 28 dage".
        grund: String,
    },
    /// A range of months whose end comes before its start ("juni-maj 2019").
    #[error(
        "Fristen »{tekst}« slutter, før den begynder. Skriv den tidligste måned først, \
         f.eks. »maj og juni 2025«."
    )]
    Baglaens {
        /// The text as typed, without surrounding whitespace.
        tekst: String,
    },
}

/// Reads a deadline as a follow-up plan states it. See the [module documentation](self) for
/// every phrase and the period it denotes. A deadline counted from the report's publication has no
/// date here; [`parse_frist_efter`] gives it one.
///
/// # Errors
/// [`FristFejl::Tom`] for empty text, [`FristFejl::Ukendt`] for text that matches no known
/// phrase, [`FristFejl::FindesIkke`] for a day or period that does not exist ("31. februar
/// 2025", "3. halvår 2020") and [`FristFejl::Baglaens`] for a month range that runs backwards.
pub fn parse_frist(tekst: &str) -> Result<Frist, FristFejl> {
    parse_frist_efter(tekst, None)
}

/// Reads a deadline as [`parse_frist`] does, counting a relative one ("senest 6 måneder efter
/// offentliggørelsen") from `offentliggjort`, the day the report was published.
///
/// # Errors
/// As [`parse_frist`].
pub fn parse_frist_efter(tekst: &str, offentliggjort: Option<Date>) -> Result<Frist, FristFejl> {
    let normal = normaliser(tekst);
    if normal.is_empty() {
        return Err(FristFejl::Tom);
    }
    let (start, udtryk) = ["fra og med ", "fra "]
        .iter()
        .find_map(|forled| normal.strip_prefix(forled))
        .map_or((false, normal.as_str()), |rest| (true, rest));
    let ord: Vec<&str> = fjern_forled(udtryk).split(' ').collect();
    let art = match ord.as_slice() {
        ["løbende"] if !start => Ok(Fristart::Loebende),
        _ => relativ(&ord, offentliggjort)
            .or_else(|| GENKENDERE.iter().find_map(|genkend| genkend(&ord)))
            .unwrap_or(Err(Afvisning::Ukendt)),
    };
    let art = art
        .and_then(|art| if start { som_start(art) } else { Ok(art) })
        .map_err(|afvisning| afvisning.med_tekst(tekst.trim()))?;
    Ok(Frist {
        tekst: tekst.to_owned(),
        art,
    })
}

/// "fra …": the first day of the period the rest names. Only a period or a day can be a start.
fn som_start(art: Fristart) -> Result<Fristart, Afvisning> {
    match art {
        Fristart::Periode { fra, .. } | Fristart::Dato(fra) => Ok(Fristart::Start { fra }),
        _ => Err(Afvisning::Ukendt),
    }
}

impl Frist {
    /// The text exactly as the koordinator typed it.
    pub fn tekst(&self) -> &str {
        &self.tekst
    }

    /// What the text denotes.
    pub fn art(&self) -> Fristart {
        self.art
    }

    /// The first day of the period; for a single date that date; for a start the day work begins;
    /// for a relative deadline the publication date; `None` without a date.
    pub fn fra(&self) -> Option<Date> {
        match self.art {
            Fristart::Periode { fra, .. } | Fristart::Start { fra } => Some(fra),
            Fristart::Dato(dato) => Some(dato),
            Fristart::Relativ { offentliggjort, .. } => offentliggjort,
            Fristart::VedFoerstkommendeLejlighed | Fristart::Loebende => None,
        }
    }

    /// The last day of the period; for a single date that date; `None` for a start, for ongoing
    /// work and for a relative deadline before publication.
    pub fn til(&self) -> Option<Date> {
        match self.art {
            Fristart::Periode { til, .. } => Some(til),
            Fristart::Dato(dato) => Some(dato),
            Fristart::Relativ {
                varighed,
                offentliggjort,
            } => offentliggjort.and_then(|dato| varighed.efter(dato)),
            Fristart::VedFoerstkommendeLejlighed | Fristart::Start { .. } | Fristart::Loebende => {
                None
            }
        }
    }

    /// The day the action falls due: the last day of the period; `None` for "ved førstkommende
    /// lejlighed", a start ("fra …"), ongoing work ("løbende") and a relative deadline before the
    /// report is published.
    pub fn forfald(&self) -> Option<Date> {
        self.til()
    }

    /// The publication date a relative deadline is counted from, once known.
    pub fn offentliggjort(&self) -> Option<Date> {
        match self.art {
            Fristart::Relativ { offentliggjort, .. } => offentliggjort,
            _ => None,
        }
    }

    /// A Danish sentence for a deadline without a due date, saying why it has none; `None` when it has one.
    pub fn uden_forfald(&self) -> Option<String> {
        match self.art {
            Fristart::Start { fra } => Some(format!(
                "Arbejdet begynder {}; fristen angiver en start, ikke en slutdato.",
                crate::dansk_dato(fra)
            )),
            Fristart::Loebende => Some("Løbende: ingen dato at følge.".to_owned()),
            Fristart::VedFoerstkommendeLejlighed => {
                Some("Ved førstkommende lejlighed: ingen dato at følge.".to_owned())
            }
            Fristart::Relativ {
                varighed,
                offentliggjort: None,
            } => Some(format!(
                "{varighed} efter rapportens offentliggørelse; datoen kendes, når rapporten er offentliggjort."
            )),
            _ => None,
        }
    }

    /// Whether the deadline has passed on `i_dag`. The due day itself is still in time, and a
    /// deadline without a date is never overdue.
    pub fn er_overskredet(&self, i_dag: Date) -> bool {
        self.forfald().is_some_and(|forfald| i_dag > forfald)
    }
}

impl FromStr for Frist {
    type Err = FristFejl;

    fn from_str(tekst: &str) -> Result<Self, Self::Err> {
        parse_frist(tekst)
    }
}

impl fmt::Display for Frist {
    /// Writes the text as typed, without surrounding whitespace.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tekst.trim())
    }
}

/// The JSON form of a [`Frist`]. The dates are written for readers of the API; on the way in
/// only `tekst` counts.
#[derive(Serialize, Deserialize)]
struct FristJson {
    tekst: String,
    #[serde(with = "iso_dato::option", default)]
    fra: Option<Date>,
    #[serde(with = "iso_dato::option", default)]
    til: Option<Date>,
    #[serde(with = "iso_dato::option", default)]
    forfald: Option<Date>,
    /// The publication date a relative deadline is counted from; absent for every other kind.
    #[serde(
        with = "iso_dato::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    offentliggjort: Option<Date>,
}

impl From<Frist> for FristJson {
    fn from(frist: Frist) -> Self {
        FristJson {
            fra: frist.fra(),
            til: frist.til(),
            forfald: frist.forfald(),
            offentliggjort: frist.offentliggjort(),
            tekst: frist.tekst,
        }
    }
}

impl TryFrom<FristJson> for Frist {
    type Error = FristFejl;

    fn try_from(json: FristJson) -> Result<Self, Self::Error> {
        parse_frist_efter(&json.tekst, json.offentliggjort)
    }
}

/// Why a phrase was refused, before the text is attached.
enum Afvisning {
    Ukendt,
    FindesIkke(String),
    Baglaens,
}

impl Afvisning {
    fn med_tekst(self, tekst: &str) -> FristFejl {
        let tekst = tekst.to_owned();
        match self {
            Afvisning::Ukendt => FristFejl::Ukendt { tekst },
            Afvisning::FindesIkke(grund) => FristFejl::FindesIkke { tekst, grund },
            Afvisning::Baglaens => FristFejl::Baglaens { tekst },
        }
    }
}

/// One kind of phrase: `None` when the words are not of this kind, otherwise what they denote.
type Genkender = fn(&[&str]) -> Option<Result<Fristart, Afvisning>>;

/// Every kind of phrase, tried in order. The kinds do not overlap, so the order only matters
/// for speed.
const GENKENDERE: [Genkender; 11] = [
    lejlighed,
    iso_dato_udtryk,
    taldato,
    dato_med_maanedsnavn,
    helt_aar,
    halvaar,
    kvartal,
    maaneder,
    aarstid,
    primo_medio_ultimo,
    uge,
];

/// Lower case, one space between words, no final period; dashes become "-" without spaces
/// around them, and "1.halvår" gets its missing space.
fn normaliser(tekst: &str) -> String {
    let mut ud = String::with_capacity(tekst.len());
    let mut forrige = ' ';
    let mut tegn = tekst.chars().peekable();
    while let Some(t) = tegn.next() {
        let t = match t {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            t if t.is_whitespace() || t == ',' => ' ',
            t => t,
        };
        if t == ' ' && (forrige == ' ' || forrige == '-') {
            continue;
        }
        if t == '-' && forrige == ' ' {
            ud.pop();
        }
        ud.extend(t.to_lowercase());
        if t == '.' && forrige.is_ascii_digit() && tegn.peek().is_some_and(|n| n.is_alphabetic()) {
            ud.push(' ');
        }
        forrige = t;
    }
    ud.trim().trim_end_matches('.').trim_end().to_owned()
}

/// The words in front of a phrase that do not change its period (see the module documentation).
const FORLED: [&str; 11] = [
    "inden udgangen af ",
    "inden for ",
    "indenfor ",
    "ved udgangen af ",
    "med udgangen af ",
    "udgangen af ",
    "i løbet af ",
    "senest ",
    "den ",
    "d. ",
    "i ",
];

/// Removes leading [`FORLED`], as many as there are ("senest i …").
fn fjern_forled(mut udtryk: &str) -> &str {
    while let Some(rest) = FORLED.iter().find_map(|f| udtryk.strip_prefix(f)) {
        udtryk = rest;
    }
    udtryk
}

/// "ved førstkommende lejlighed", also without "ved".
fn lejlighed(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    match ord {
        ["ved", "førstkommende", "lejlighed"] | ["førstkommende", "lejlighed"] => {
            Some(Ok(Fristart::VedFoerstkommendeLejlighed))
        }
        _ => None,
    }
}

/// "2025-03-15".
fn iso_dato_udtryk(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let [ord] = ord else { return None };
    let mut dele = ord.split('-');
    let (aar, maaned, dag) = (dele.next()?, dele.next()?, dele.next()?);
    if dele.next().is_some() || aar.len() != 4 {
        return None;
    }
    Some(dato_af_tal(aarstal(aar)?, tal(maaned)?, tal(dag)?))
}

/// "15.3.2025", "15.03.2025", "15/3/2025", "15/3-2025", "15-03-2025": day, month, year.
fn taldato(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let [ord] = ord else { return None };
    let mut dele = ord.split(['.', '/', '-']);
    let (dag, maaned, aar) = (dele.next()?, dele.next()?, dele.next()?);
    if dele.next().is_some() || dag.len() > 2 {
        return None;
    }
    Some(dato_af_tal(aarstal(aar)?, tal(maaned)?, tal(dag)?))
}

/// "15. marts 2025", also "15 marts 2025" and "15. jan. 2025".
fn dato_med_maanedsnavn(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let [dag, maaned, aar] = ord else { return None };
    let dag = tal(dag.strip_suffix('.').unwrap_or(dag))?;
    let maaned = maaned_fra_navn(maaned)?;
    let aar = aarstal(aar)?;
    Some(dag_i_maaned(aar, maaned, dag).map(Fristart::Dato))
}

/// "2019": the whole year.
fn helt_aar(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let [aar] = ord else { return None };
    let aar = aarstal(aar)?;
    Some(maanedsperiode(aar, Month::January, aar, Month::December))
}

/// "1. halvår 2020", "første halvår 2016", "2. halvår 2019".
fn halvaar(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let [nummer, "halvår" | "halvåret", aar] = ord else {
        return None;
    };
    let (nummer, aar) = (ordenstal(nummer)?, aarstal(aar)?);
    Some(match nummer {
        1 => maanedsperiode(aar, Month::January, aar, Month::June),
        2 => maanedsperiode(aar, Month::July, aar, Month::December),
        _ => Err(Afvisning::FindesIkke(format!(
            "et år har kun to halvår, ikke {nummer}"
        ))),
    })
}

/// "1. kvartal 2025", "første kvartal 2025", "2. kvt. 2025", "Q2 2025".
fn kvartal(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let (nummer, aar) = match ord {
        [
            nummer,
            "kvartal" | "kvartalet" | "kvt." | "kvt" | "kv." | "kv",
            aar,
        ] => (ordenstal(nummer)?, aarstal(aar)?),
        [nummer, aar] => (tal(nummer.strip_prefix('q')?)?, aarstal(aar)?),
        _ => return None,
    };
    if !(1..=4).contains(&nummer) {
        return Some(Err(Afvisning::FindesIkke(format!(
            "et år har kun fire kvartaler, ikke {nummer}"
        ))));
    }
    let foerste = Month::try_from(3 * nummer - 2).ok()?;
    Some(maanedsperiode(aar, foerste, aar, foerste.next().next()))
}

/// "maj 2019", "maj og juni 2019", "maj-juni 2019", "maj til juni 2019".
fn maaneder(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let (foerste, sidste, aar): (&str, &str, &str) = match *ord {
        [maaned, aar] => match maaned.split_once('-') {
            Some((foerste, sidste)) => (foerste, sidste, aar),
            None => (maaned, maaned, aar),
        },
        [foerste, "og" | "til", sidste, aar] => (foerste, sidste, aar),
        _ => return None,
    };
    let (foerste, sidste) = (maaned_fra_navn(foerste)?, maaned_fra_navn(sidste)?);
    let aar = aarstal(aar)?;
    if u8::from(sidste) < u8::from(foerste) {
        return Some(Err(Afvisning::Baglaens));
    }
    Some(maanedsperiode(aar, foerste, aar, sidste))
}

/// "foråret 2020", "sommeren 2020", "efteråret 2019", "vinteren 2020", "vinteren 2019/20".
fn aarstid(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let [aarstid, aar] = ord else { return None };
    let (foerste, sidste) = match *aarstid {
        "forår" | "foråret" => (Month::March, Month::May),
        "sommer" | "sommeren" => (Month::June, Month::August),
        "efterår" | "efteråret" => (Month::September, Month::November),
        "vinter" | "vinteren" => return Some(vinter(aar)),
        _ => return None,
    };
    let aar = aarstal(aar)?;
    Some(maanedsperiode(aar, foerste, aar, sidste))
}

/// The winter named by "2020" (December 2019 – February 2020, see the module documentation)
/// or by both its years: "2019/20", "2019/2020", "2019-20", "2019-2020".
fn vinter(aar: &str) -> Result<Fristart, Afvisning> {
    let Some((foerste, andet)) = aar.split_once(['/', '-']) else {
        let januar_aar = aarstal(aar).ok_or(Afvisning::Ukendt)?;
        return maanedsperiode(januar_aar - 1, Month::December, januar_aar, Month::February);
    };
    let december_aar = aarstal(foerste).ok_or(Afvisning::Ukendt)?;
    let naeste = december_aar + 1;
    // "2019/20" abbreviates the second year to its last two digits.
    let andet_passer = match andet.len() {
        4 => aarstal(andet) == Some(naeste),
        2 => tal(andet).map(i32::from) == Some(naeste % 100),
        _ => false,
    };
    if !andet_passer {
        return Err(Afvisning::FindesIkke(format!(
            "en vinter går fra december til februar året efter, så efter {december_aar} \
             skal der stå {naeste}, som i »{december_aar}/{:02}«",
            naeste % 100
        )));
    }
    maanedsperiode(december_aar, Month::December, naeste, Month::February)
}

/// "primo/medio/ultimo 2025", "primo/medio/ultimo marts 2025", and the same with "begyndelsen
/// af", "midten af", "slutningen af" (after "i" has been removed).
fn primo_medio_ultimo(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let (del, rest) = match ord {
        ["primo", rest @ ..] | ["begyndelsen", "af", rest @ ..] => (Tredjedel::Primo, rest),
        ["medio", rest @ ..] | ["midten", "af", rest @ ..] => (Tredjedel::Medio, rest),
        ["ultimo", rest @ ..] | ["slutningen", "af", rest @ ..] => (Tredjedel::Ultimo, rest),
        _ => return None,
    };
    match rest {
        [aar] => Some(del.af_aar(aarstal(aar)?)),
        [maaned, aar] => Some(del.af_maaned(aarstal(aar)?, maaned_fra_navn(maaned)?)),
        _ => None,
    }
}

/// The beginning, middle or end of a month or a year.
#[derive(Clone, Copy)]
enum Tredjedel {
    Primo,
    Medio,
    Ultimo,
}

impl Tredjedel {
    /// January; June and July; December.
    fn af_aar(self, aar: i32) -> Result<Fristart, Afvisning> {
        let (foerste, sidste) = match self {
            Tredjedel::Primo => (Month::January, Month::January),
            Tredjedel::Medio => (Month::June, Month::July),
            Tredjedel::Ultimo => (Month::December, Month::December),
        };
        maanedsperiode(aar, foerste, aar, sidste)
    }

    /// Days 1–10, 11–20 and 21 to the month's last day.
    fn af_maaned(self, aar: i32, maaned: Month) -> Result<Fristart, Afvisning> {
        let (foerste, sidste) = match self {
            Tredjedel::Primo => (1, 10),
            Tredjedel::Medio => (11, 20),
            Tredjedel::Ultimo => (21, maaned.length(aar)),
        };
        Ok(Fristart::Periode {
            fra: dag_i_maaned(aar, maaned, foerste)?,
            til: dag_i_maaned(aar, maaned, sidste)?,
        })
    }
}

/// "uge 12 2025": the ISO week, Monday to Sunday, as Danish calendars number weeks.
fn uge(ord: &[&str]) -> Option<Result<Fristart, Afvisning>> {
    let ["uge", nummer, aar] = ord else {
        return None;
    };
    let (nummer, aar) = (tal(nummer)?, aarstal(aar)?);
    let dag = |ugedag| Date::from_iso_week_date(aar, nummer, ugedag);
    Some(match (dag(Weekday::Monday), dag(Weekday::Sunday)) {
        (Ok(fra), Ok(til)) => Ok(Fristart::Periode { fra, til }),
        _ => Err(Afvisning::FindesIkke(format!(
            "{aar} har uge 1 til {}, ikke uge {nummer}",
            time::util::weeks_in_year(aar)
        ))),
    })
}

/// From the first day of one month to the last day of another.
fn maanedsperiode(
    fra_aar: i32,
    fra_maaned: Month,
    til_aar: i32,
    til_maaned: Month,
) -> Result<Fristart, Afvisning> {
    Ok(Fristart::Periode {
        fra: dag_i_maaned(fra_aar, fra_maaned, 1)?,
        til: dag_i_maaned(til_aar, til_maaned, til_maaned.length(til_aar))?,
    })
}

/// A day from numbers, refusing month 13 and the like.
fn dato_af_tal(aar: i32, maaned: u8, dag: u8) -> Result<Fristart, Afvisning> {
    let maaned = Month::try_from(maaned)
        .map_err(|_| Afvisning::FindesIkke(format!("måned {maaned} findes ikke")))?;
    dag_i_maaned(aar, maaned, dag).map(Fristart::Dato)
}

/// A day of a month, refusing days the month does not have.
fn dag_i_maaned(aar: i32, maaned: Month, dag: u8) -> Result<Date, Afvisning> {
    Date::from_calendar_date(aar, maaned, dag).map_err(|_| {
        let grund = if dag == 0 {
            "dag 0 findes ikke".to_owned()
        } else {
            format!(
                "{} {aar} har kun {} dage",
                maanedsnavn(maaned),
                maaned.length(aar)
            )
        };
        Afvisning::FindesIkke(grund)
    })
}

/// "6 måneder", "et år", "et halvt år", "to uger", optionally followed by "efter/fra
/// (rapportens) offentliggørelse(n)": a duration counted from the publication.
fn relativ(ord: &[&str], offentliggjort: Option<Date>) -> Option<Result<Fristart, Afvisning>> {
    let (varighed, rest) = match ord {
        ["et" | "en", "halvt", "år", rest @ ..] => (Varighed::Maaneder(6), rest),
        [antal, enhed, rest @ ..] => {
            let antal = antal_ord(antal)?;
            let varighed = match *enhed {
                "uge" | "uger" => Varighed::Uger(antal),
                "måned" | "måneder" | "mdr." | "mdr" | "md." => Varighed::Maaneder(antal),
                "år" => Varighed::Maaneder(antal.checked_mul(12)?),
                _ => return None,
            };
            (varighed, rest)
        }
        _ => return None,
    };
    let efter_offentliggoerelsen = match rest {
        [] => true,
        ["efter" | "fra", rest @ ..] => matches!(
            rest,
            ["offentliggørelsen"]
                | ["offentliggørelse"]
                | ["rapportens", "offentliggørelse"]
                | ["auditrapportens", "offentliggørelse"]
        ),
        _ => false,
    };
    if !efter_offentliggoerelsen {
        return None;
    }
    if antal_er_nul(varighed) {
        return Some(Err(Afvisning::FindesIkke(
            "en frist skal ligge mindst en uge efter offentliggørelsen".to_owned(),
        )));
    }
    Some(Ok(Fristart::Relativ {
        varighed,
        offentliggjort,
    }))
}

fn antal_er_nul(varighed: Varighed) -> bool {
    matches!(varighed, Varighed::Uger(0) | Varighed::Maaneder(0))
}

/// A count in a duration: digits, or the Danish words from "en/et" to "tolv", "atten" and "fireogtyve".
fn antal_ord(ord: &str) -> Option<u16> {
    Some(match ord {
        "en" | "et" | "én" | "ét" => 1,
        "to" => 2,
        "tre" => 3,
        "fire" => 4,
        "fem" => 5,
        "seks" => 6,
        "syv" => 7,
        "otte" => 8,
        "ni" => 9,
        "ti" => 10,
        "elleve" => 11,
        "tolv" => 12,
        "atten" => 18,
        "fireogtyve" => 24,
        _ if !ord.is_empty() && ord.len() <= 3 && ord.bytes().all(|b| b.is_ascii_digit()) => {
            ord.parse().ok()?
        }
        _ => return None,
    })
}

/// "1." or "1" up to "4.", and "første", "andet"/"anden", "tredje", "fjerde".
fn ordenstal(ord: &str) -> Option<u8> {
    match ord {
        "første" => Some(1),
        "andet" | "anden" => Some(2),
        "tredje" => Some(3),
        "fjerde" => Some(4),
        _ => tal(ord.strip_suffix('.').unwrap_or(ord)),
    }
}

/// A year written with four digits.
fn aarstal(ord: &str) -> Option<i32> {
    if ord.len() != 4 || !ord.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    ord.parse().ok()
}

/// A small number written with one or two digits.
fn tal(ord: &str) -> Option<u8> {
    if ord.is_empty() || ord.len() > 2 || !ord.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    ord.parse().ok()
}

#[cfg(test)]
mod tests {
    use time::Date;
    use time::macros::date;

    use crate::frist::{Frist, FristFejl, Fristart, parse_frist, parse_frist_efter};

    fn periode(fra: Date, til: Date) -> Fristart {
        Fristart::Periode { fra, til }
    }

    /// Parses every text and compares what it denotes; reports all mismatches at once.
    fn kontroller(tilfaelde: &[(&str, Fristart)]) {
        let fejl: Vec<String> = tilfaelde
            .iter()
            .filter_map(|&(tekst, forventet)| match parse_frist(tekst) {
                Ok(frist) if frist.art() == forventet => None,
                andet => Some(format!("»{tekst}«: {andet:?}, forventet {forventet:?}")),
            })
            .collect();
        assert!(fejl.is_empty(), "{}", fejl.join("\n"));
    }

    /// Every deadline phrase in the follow-up plans (opfølgningsplaner) of the three seed
    /// reports, cut out of its sentence as a koordinator would type it. Two bullets carry no
    /// deadline at all: 19.1's fourth ("på det efterfølgende møde i Mellemledernetværket") and
    /// 20.1's third ("Status på opfølgningen vil blive drøftet på møde …").
    #[test]
    fn every_deadline_in_the_seed_follow_up_plans_parses() {
        kontroller(&[
            // 002 (19.1), bullet 1: "… på Fællesmøde med tilsynschefer i maj og juni 2019."
            (
                "i maj og juni 2019",
                periode(date!(2019 - 05 - 01), date!(2019 - 06 - 30)),
            ),
            // 002, bullet 2: "Socialstyrelsen vil i 2. halvår 2019 udarbejde en forståelsesramme"
            (
                "i 2. halvår 2019",
                periode(date!(2019 - 07 - 01), date!(2019 - 12 - 31)),
            ),
            // 002, bullet 3: "Socialstyrelsen vil i 1. halvår 2020 anmode socialtilsynene om en
            // status"; 003 (19.2), bullet 2: "… i de fem socialtilsyn i 1. halvår 2020
            // konkretiserer ovenstående".
            (
                "i 1. halvår 2020",
                periode(date!(2020 - 01 - 01), date!(2020 - 06 - 30)),
            ),
            // 003, bullet 1: "… på Fællesmøde med tilsynschefer i efteråret 2019."
            (
                "i efteråret 2019",
                periode(date!(2019 - 09 - 01), date!(2019 - 11 - 30)),
            ),
            // 003, bullet 3: "… den fælles forståelsesramme i 2. halvår 2020 præsenteres"
            (
                "i 2. halvår 2020",
                periode(date!(2020 - 07 - 01), date!(2020 - 12 - 31)),
            ),
            // 000 (20.1), bullet 1: "… på Mellemledernetværksmøde ved førstkommende lejlighed."
            (
                "ved førstkommende lejlighed",
                Fristart::VedFoerstkommendeLejlighed,
            ),
            // 000, bullet 2: "Socialstyrelsen vil fra 2. halvår 2020 initiere et udviklingsarbejde":
            // the work begins then, so it is a start with no due date.
            (
                "fra 2. halvår 2020",
                Fristart::Start {
                    fra: date!(2020 - 07 - 01),
                },
            ),
        ]);
    }

    /// Dated phrases elsewhere in the seeds, which a koordinator may copy into a plan.
    #[test]
    fn other_date_phrases_in_the_seeds_parse() {
        kontroller(&[
            // 003, Baggrund: "… socialtilsynsreformen i første halvår 2016".
            (
                "i første halvår 2016",
                periode(date!(2016 - 01 - 01), date!(2016 - 06 - 30)),
            ),
            // 001, Opfølgning: "Auditfunktionen vil følge op … i første kvartal 2025."
            (
                "i første kvartal 2025",
                periode(date!(2025 - 01 - 01), date!(2025 - 03 - 31)),
            ),
            // 001, Ikrafttræden: "Anbefalingen træder i kraft 1. januar 2024."
            ("1. januar 2024", Fristart::Dato(date!(2024 - 01 - 01))),
            // 001, note 1: "Auditfunktionen ift. socialtilsynet. Maj 2022."
            (
                "Maj 2022",
                periode(date!(2022 - 05 - 01), date!(2022 - 05 - 31)),
            ),
            // 000, note 1: "bekendtgørelse nr. 1633 af 27/12/2019".
            ("27/12/2019", Fristart::Dato(date!(2019 - 12 - 27))),
        ]);
    }

    /// The phrases the follow-up issue lists, with the periods of the module documentation.
    /// Month lengths are the calendar's; 2020 and 2024 are leap years.
    #[test]
    fn every_listed_phrase_denotes_its_period() {
        kontroller(&[
            (
                "2. halvår 2019",
                periode(date!(2019 - 07 - 01), date!(2019 - 12 - 31)),
            ),
            (
                "1. halvår 2020",
                periode(date!(2020 - 01 - 01), date!(2020 - 06 - 30)),
            ),
            (
                "andet halvår 2020",
                periode(date!(2020 - 07 - 01), date!(2020 - 12 - 31)),
            ),
            (
                "første kvartal 2025",
                periode(date!(2025 - 01 - 01), date!(2025 - 03 - 31)),
            ),
            (
                "1. kvartal 2025",
                periode(date!(2025 - 01 - 01), date!(2025 - 03 - 31)),
            ),
            (
                "andet kvartal 2025",
                periode(date!(2025 - 04 - 01), date!(2025 - 06 - 30)),
            ),
            (
                "anden kvartal 2025",
                periode(date!(2025 - 04 - 01), date!(2025 - 06 - 30)),
            ),
            (
                "2. kvt. 2025",
                periode(date!(2025 - 04 - 01), date!(2025 - 06 - 30)),
            ),
            (
                "tredje kvartal 2025",
                periode(date!(2025 - 07 - 01), date!(2025 - 09 - 30)),
            ),
            (
                "fjerde kvartal 2025",
                periode(date!(2025 - 10 - 01), date!(2025 - 12 - 31)),
            ),
            (
                "Q4 2025",
                periode(date!(2025 - 10 - 01), date!(2025 - 12 - 31)),
            ),
            (
                "maj og juni 2019",
                periode(date!(2019 - 05 - 01), date!(2019 - 06 - 30)),
            ),
            (
                "maj 2019",
                periode(date!(2019 - 05 - 01), date!(2019 - 05 - 31)),
            ),
            (
                "maj-juni 2019",
                periode(date!(2019 - 05 - 01), date!(2019 - 06 - 30)),
            ),
            (
                "maj til juni 2019",
                periode(date!(2019 - 05 - 01), date!(2019 - 06 - 30)),
            ),
            (
                "efteråret 2019",
                periode(date!(2019 - 09 - 01), date!(2019 - 11 - 30)),
            ),
            (
                "foråret 2020",
                periode(date!(2020 - 03 - 01), date!(2020 - 05 - 31)),
            ),
            (
                "sommeren 2020",
                periode(date!(2020 - 06 - 01), date!(2020 - 08 - 31)),
            ),
            // Named after its January and February: December 2019 to leap day 2020.
            (
                "vinteren 2020",
                periode(date!(2019 - 12 - 01), date!(2020 - 02 - 29)),
            ),
            (
                "vinteren 2021",
                periode(date!(2020 - 12 - 01), date!(2021 - 02 - 28)),
            ),
            (
                "vinteren 2019/20",
                periode(date!(2019 - 12 - 01), date!(2020 - 02 - 29)),
            ),
            (
                "vinteren 2019-2020",
                periode(date!(2019 - 12 - 01), date!(2020 - 02 - 29)),
            ),
            (
                "vinteren 1999/00",
                periode(date!(1999 - 12 - 01), date!(2000 - 02 - 29)),
            ),
            (
                "ultimo 2024",
                periode(date!(2024 - 12 - 01), date!(2024 - 12 - 31)),
            ),
            (
                "primo 2025",
                periode(date!(2025 - 01 - 01), date!(2025 - 01 - 31)),
            ),
            (
                "medio 2025",
                periode(date!(2025 - 06 - 01), date!(2025 - 07 - 31)),
            ),
            (
                "primo marts 2025",
                periode(date!(2025 - 03 - 01), date!(2025 - 03 - 10)),
            ),
            (
                "medio marts 2025",
                periode(date!(2025 - 03 - 11), date!(2025 - 03 - 20)),
            ),
            (
                "ultimo marts 2025",
                periode(date!(2025 - 03 - 21), date!(2025 - 03 - 31)),
            ),
            (
                "ultimo februar 2024",
                periode(date!(2024 - 02 - 21), date!(2024 - 02 - 29)),
            ),
            (
                "i slutningen af marts 2025",
                periode(date!(2025 - 03 - 21), date!(2025 - 03 - 31)),
            ),
            (
                "i begyndelsen af 2025",
                periode(date!(2025 - 01 - 01), date!(2025 - 01 - 31)),
            ),
            (
                "i midten af 2025",
                periode(date!(2025 - 06 - 01), date!(2025 - 07 - 31)),
            ),
            ("15. marts 2025", Fristart::Dato(date!(2025 - 03 - 15))),
            ("15 marts 2025", Fristart::Dato(date!(2025 - 03 - 15))),
            ("15. jan. 2025", Fristart::Dato(date!(2025 - 01 - 15))),
            ("2025-03-15", Fristart::Dato(date!(2025 - 03 - 15))),
            ("15.03.2025", Fristart::Dato(date!(2025 - 03 - 15))),
            ("15/3/2025", Fristart::Dato(date!(2025 - 03 - 15))),
            ("15/3-2025", Fristart::Dato(date!(2025 - 03 - 15))),
            // ISO weeks: 2025-W12 is 17–23 March; 2020-W53 exists (2020 has 53 weeks) and ends
            // on 3 January 2021.
            (
                "uge 12 2025",
                periode(date!(2025 - 03 - 17), date!(2025 - 03 - 23)),
            ),
            (
                "uge 53, 2020",
                periode(date!(2020 - 12 - 28), date!(2021 - 01 - 03)),
            ),
            ("29. februar 2024", Fristart::Dato(date!(2024 - 02 - 29))),
            (
                "ved førstkommende lejlighed",
                Fristart::VedFoerstkommendeLejlighed,
            ),
            (
                "2019",
                periode(date!(2019 - 01 - 01), date!(2019 - 12 - 31)),
            ),
            (
                "inden udgangen af 2019",
                periode(date!(2019 - 01 - 01), date!(2019 - 12 - 31)),
            ),
        ]);
    }

    /// Case, spacing, dashes, a final period and the words in front do not change the period.
    #[test]
    fn case_spacing_and_leading_words_are_tolerated() {
        let andet_halvaar = periode(date!(2019 - 07 - 01), date!(2019 - 12 - 31));
        let maj_juni = periode(date!(2019 - 05 - 01), date!(2019 - 06 - 30));
        let femtende_marts = Fristart::Dato(date!(2025 - 03 - 15));
        kontroller(&[
            ("  I 2. HALVÅR 2019.  ", andet_halvaar),
            ("2.halvår 2019", andet_halvaar),
            ("2. \u{a0}halvår\t2019", andet_halvaar),
            ("Senest i 2. halvår 2019", andet_halvaar),
            ("i løbet af 2. halvår 2019", andet_halvaar),
            ("inden for 2. halvår 2019", andet_halvaar),
            ("senest ved udgangen af 2. halvår 2019", andet_halvaar),
            ("Maj – juni 2019", maj_juni),
            ("maj - juni 2019", maj_juni),
            ("MAJ OG JUNI 2019.", maj_juni),
            ("senest den 15. marts 2025", femtende_marts),
            ("d. 15. marts 2025", femtende_marts),
            ("Senest 2025-03-15.", femtende_marts),
            (
                "Ved førstkommende lejlighed.",
                Fristart::VedFoerstkommendeLejlighed,
            ),
            (
                "førstkommende lejlighed",
                Fristart::VedFoerstkommendeLejlighed,
            ),
        ]);
    }

    #[test]
    fn the_text_is_kept_exactly_as_typed() {
        let frist = parse_frist("  Senest i 2. halvår 2019. ").unwrap();
        assert_eq!(frist.tekst(), "  Senest i 2. halvår 2019. ");
        assert_eq!(frist.to_string(), "Senest i 2. halvår 2019.");
    }

    #[test]
    fn refusals_say_why() {
        let ukendt = |tekst: &str| FristFejl::Ukendt {
            tekst: tekst.to_owned(),
        };
        let findes_ikke = |tekst: &str, grund: &str| FristFejl::FindesIkke {
            tekst: tekst.to_owned(),
            grund: grund.to_owned(),
        };
        let tilfaelde = [
            ("", FristFejl::Tom),
            ("  . ", FristFejl::Tom),
            ("snarest muligt", ukendt("snarest muligt")),
            // A bare "inden" means "before", so it is refused rather than read as "senest".
            ("inden 15. marts 2025", ukendt("inden 15. marts 2025")),
            ("2. halvår", ukendt("2. halvår")),
            ("2. halvår 19", ukendt("2. halvår 19")),
            ("efteråret", ukendt("efteråret")),
            ("primo 1. kvartal 2025", ukendt("primo 1. kvartal 2025")),
            (
                " 31. februar 2025 ",
                findes_ikke("31. februar 2025", "februar 2025 har kun 28 dage"),
            ),
            (
                "29. februar 2023",
                findes_ikke("29. februar 2023", "februar 2023 har kun 28 dage"),
            ),
            (
                "31. april 2025",
                findes_ikke("31. april 2025", "april 2025 har kun 30 dage"),
            ),
            (
                "0. marts 2025",
                findes_ikke("0. marts 2025", "dag 0 findes ikke"),
            ),
            (
                "2025-02-30",
                findes_ikke("2025-02-30", "februar 2025 har kun 28 dage"),
            ),
            (
                "2025-13-01",
                findes_ikke("2025-13-01", "måned 13 findes ikke"),
            ),
            (
                "uge 53 2025",
                findes_ikke("uge 53 2025", "2025 har uge 1 til 52, ikke uge 53"),
            ),
            (
                "uge 0 2025",
                findes_ikke("uge 0 2025", "2025 har uge 1 til 52, ikke uge 0"),
            ),
            (
                "3. halvår 2020",
                findes_ikke("3. halvår 2020", "et år har kun to halvår, ikke 3"),
            ),
            (
                "5. kvartal 2025",
                findes_ikke("5. kvartal 2025", "et år har kun fire kvartaler, ikke 5"),
            ),
            (
                "vinteren 2019/21",
                findes_ikke(
                    "vinteren 2019/21",
                    "en vinter går fra december til februar året efter, så efter 2019 skal der \
                     stå 2020, som i »2019/20«",
                ),
            ),
            (
                "juni-maj 2019",
                FristFejl::Baglaens {
                    tekst: "juni-maj 2019".to_owned(),
                },
            ),
        ];
        for (tekst, forventet) in tilfaelde {
            assert_eq!(parse_frist(tekst), Err(forventet), "»{tekst}«");
        }
    }

    #[test]
    fn messages_are_danish_sentences_that_quote_the_text() {
        // The wording the follow-up issue asks for: "Kan ikke forstå fristen »…«. Skriv f.eks. …"
        let fejl = parse_frist(" snarest muligt ").unwrap_err();
        assert_eq!(
            fejl.to_string(),
            "Kan ikke forstå fristen »snarest muligt«. Skriv f.eks. »2. halvår 2025«, \
             »1. kvartal 2025«, »maj og juni 2025«, »efteråret 2025«, »ultimo marts 2025«, \
             »senest 15. marts 2025« eller »ved førstkommende lejlighed«."
        );
        let fejl = parse_frist("31. februar 2025").unwrap_err();
        assert_eq!(
            fejl.to_string(),
            "Fristen »31. februar 2025« findes ikke i kalenderen: februar 2025 har kun 28 dage."
        );
    }

    #[test]
    fn a_period_falls_due_on_its_last_day_and_is_overdue_the_day_after() {
        let frist = parse_frist("2. halvår 2019").unwrap();
        assert_eq!(frist.fra(), Some(date!(2019 - 07 - 01)));
        assert_eq!(frist.til(), Some(date!(2019 - 12 - 31)));
        assert_eq!(frist.forfald(), Some(date!(2019 - 12 - 31)));
        assert!(!frist.er_overskredet(date!(2019 - 08 - 15)));
        assert!(!frist.er_overskredet(date!(2019 - 12 - 31)));
        assert!(frist.er_overskredet(date!(2020 - 01 - 01)));
    }

    #[test]
    fn a_date_falls_due_that_day() {
        let frist = parse_frist("15. marts 2025").unwrap();
        assert_eq!(frist.fra(), Some(date!(2025 - 03 - 15)));
        assert_eq!(frist.forfald(), Some(date!(2025 - 03 - 15)));
        assert!(!frist.er_overskredet(date!(2025 - 03 - 15)));
        assert!(frist.er_overskredet(date!(2025 - 03 - 16)));
    }

    #[test]
    fn next_opportunity_has_no_date_and_is_never_overdue() {
        let frist = parse_frist("ved førstkommende lejlighed").unwrap();
        assert_eq!(
            (frist.fra(), frist.til(), frist.forfald()),
            (None, None, None)
        );
        assert!(!frist.er_overskredet(date!(2099 - 12 - 31)));
    }

    #[test]
    fn from_str_is_parse_frist() {
        let frist: Frist = "efteråret 2019".parse().unwrap();
        assert_eq!(frist, parse_frist("efteråret 2019").unwrap());
    }

    /// The crate has no JSON dependency, so the serde form is checked through `toml::Value`,
    /// which sees the same fields. TOML has no null: a `None` that JSON writes as `null` is an
    /// absent key here.
    #[test]
    fn serialises_text_and_iso_dates() {
        let frist = parse_frist("i 2. halvår 2019").unwrap();
        let vaerdi = toml::Value::try_from(&frist).unwrap();
        let felt = |navn: &str| vaerdi.get(navn).and_then(toml::Value::as_str);
        assert_eq!(felt("tekst"), Some("i 2. halvår 2019"));
        assert_eq!(felt("fra"), Some("2019-07-01"));
        assert_eq!(felt("til"), Some("2019-12-31"));
        assert_eq!(felt("forfald"), Some("2019-12-31"));
        assert_eq!(vaerdi.as_table().map(toml::Table::len), Some(4));

        let uden_dato = parse_frist("ved førstkommende lejlighed").unwrap();
        let vaerdi = toml::Value::try_from(&uden_dato).unwrap();
        let noegler: Vec<&str> = vaerdi
            .as_table()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(noegler, ["tekst"]);
    }

    #[test]
    fn reading_the_serde_form_back_parses_the_text_again() {
        let frist = parse_frist("ultimo marts 2025").unwrap();
        let tilbage: Frist = toml::Value::try_from(&frist).unwrap().try_into().unwrap();
        assert_eq!(tilbage, frist);

        // The text decides: stale dates beside it are ignored, and a bad text is refused.
        let forkert: toml::Value = toml::from_str(
            "tekst = \"efteråret 2019\"\nfra = \"2000-01-01\"\ntil = \"2000-01-02\"",
        )
        .unwrap();
        let frist: Frist = forkert.try_into().unwrap();
        assert_eq!(frist.forfald(), Some(date!(2019 - 11 - 30)));
        let ugyldig: toml::Value = toml::from_str("tekst = \"snarest muligt\"").unwrap();
        assert!(ugyldig.try_into::<Frist>().is_err());
    }

    /// Property tests: any text is answered, never a panic; every phrase the module documents,
    /// generated over random years, months and days, parses to a period that starts no later than
    /// it ends and contains the day the phrase names; and what is accepted round-trips through JSON
    /// and through its own text.
    mod egenskaber {
        use proptest::prelude::*;
        use time::{Date, Month};

        use crate::danske_datoer::{dansk_dato, maanedsnavn};
        use crate::frist::{Frist, FristFejl, parse_frist};

        /// A day between 1990 and 2099 (the plans span decades, not centuries).
        fn dag() -> impl Strategy<Value = Date> {
            (1990i32..2100, 1u8..=12, 1u8..=31).prop_map(|(aar, maaned, dag)| {
                let maaned = Month::try_from(maaned).unwrap();
                let dag = dag.min(maaned.length(aar));
                Date::from_calendar_date(aar, maaned, dag).unwrap()
            })
        }

        /// A documented phrase for a period around `dato`, in one of the documented spellings.
        fn frase() -> impl Strategy<Value = (String, Date)> {
            (dag(), 0usize..12, any::<bool>()).prop_map(|(dato, form, stort)| {
                let (aar, maaned) = (dato.year(), maanedsnavn(dato.month()));
                let halvaar = if u8::from(dato.month()) <= 6 { 1 } else { 2 };
                let kvartal = (u8::from(dato.month()) - 1) / 3 + 1;
                let tredjedel = match dato.day() {
                    1..=10 => "primo",
                    11..=20 => "medio",
                    _ => "ultimo",
                };
                let tekst = match form {
                    0 => format!("{aar}"),
                    1 => format!("{halvaar}. halvår {aar}"),
                    2 => format!("senest i {kvartal}. kvartal {aar}"),
                    3 => format!("Q{kvartal} {aar}"),
                    4 => format!("{maaned} {aar}"),
                    5 => format!("{tredjedel} {maaned} {aar}"),
                    6 => dansk_dato(dato),
                    7 => format!("{}", dato),
                    8 => format!("{}.{}.{aar}", dato.day(), u8::from(dato.month())),
                    9 => format!("inden udgangen af {aar}"),
                    10 => format!("uge {} {}", dato.iso_week(), dato.to_iso_week_date().0),
                    _ => format!("  i løbet af {maaned} {aar}.  "),
                };
                let tekst = if stort { tekst.to_uppercase() } else { tekst };
                (tekst, dato)
            })
        }

        proptest! {
            #[test]
            fn any_text_is_answered_and_a_refusal_quotes_it(tekst in "\\PC{0,60}") {
                match parse_frist(&tekst) {
                    Ok(frist) => prop_assert_eq!(frist.tekst(), tekst.as_str()),
                    // Empty once whitespace, commas and final full stops are gone ("  . " too).
                    Err(FristFejl::Tom) => prop_assert!(
                        tekst.chars().all(|c| c.is_whitespace() || c == ',' || c == '.'),
                        "{:?}",
                        tekst
                    ),
                    Err(fejl) => prop_assert!(fejl.to_string().contains('»'), "{}", fejl),
                }
            }

            #[test]
            fn every_documented_phrase_parses_to_a_period_holding_its_day((tekst, dato) in frase()) {
                let frist = parse_frist(&tekst).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let (fra, til) = (frist.fra().unwrap(), frist.til().unwrap());
                prop_assert!(fra <= til, "»{}«: {} > {}", tekst, fra, til);
                prop_assert!(fra <= dato && dato <= til, "»{}« ({}–{}) holds {}", tekst, fra, til, dato);
                prop_assert_eq!(frist.forfald(), Some(til));
                prop_assert!(!frist.er_overskredet(til));
                prop_assert!(frist.er_overskredet(til.next_day().unwrap()));

                let json = serde_json::to_string(&frist).unwrap();
                prop_assert_eq!(&serde_json::from_str::<Frist>(&json).unwrap(), &frist);
                let igen = parse_frist(&frist.to_string()).unwrap();
                prop_assert_eq!(igen.art(), frist.art());
            }
        }
    }

    /// "fra" and "fra og med" name when work begins: no due date, never overdue.
    #[test]
    fn a_start_has_no_due_date_and_is_never_overdue() {
        let frist = parse_frist("Fra 2. halvår 2020").unwrap();
        assert_eq!(frist.fra(), Some(date!(2020 - 07 - 01)));
        assert_eq!(frist.til(), None);
        assert_eq!(frist.forfald(), None);
        assert!(!frist.er_overskredet(date!(2030 - 01 - 01)));
        assert_eq!(
            frist.uden_forfald().as_deref(),
            Some("Arbejdet begynder 1. juli 2020; fristen angiver en start, ikke en slutdato.")
        );
        assert_eq!(
            parse_frist("fra og med 15. marts 2025").unwrap().art(),
            Fristart::Start {
                fra: date!(2025 - 03 - 15)
            }
        );
        // "senest" still means due: the same period, due at its end.
        assert_eq!(
            parse_frist("senest 2. halvår 2020").unwrap().forfald(),
            Some(date!(2020 - 12 - 31))
        );
        assert!(parse_frist("fra ved førstkommende lejlighed").is_err());
    }

    /// "løbende" is ongoing work: no dates at all.
    #[test]
    fn ongoing_work_has_no_dates() {
        let frist = parse_frist("Løbende").unwrap();
        assert_eq!(frist.art(), Fristart::Loebende);
        assert_eq!((frist.fra(), frist.forfald()), (None, None));
    }

    /// A duration after the publication is due that long after the publication date, hand-counted:
    /// 15 June 2020 + 6 months = 15 December 2020; 31 August + 6 months = the last day of February.
    #[test]
    fn a_relative_deadline_is_counted_from_the_publication() {
        let udgivet = date!(2020 - 06 - 15);
        let tilfaelde = [
            (
                "senest 6 måneder efter offentliggørelsen",
                date!(2020 - 12 - 15),
            ),
            ("inden for et år", date!(2021 - 06 - 15)),
            (
                "inden for 3 måneder fra rapportens offentliggørelse",
                date!(2020 - 09 - 15),
            ),
            ("i løbet af to uger", date!(2020 - 06 - 29)),
            (
                "senest et halvt år efter offentliggørelsen",
                date!(2020 - 12 - 15),
            ),
        ];
        for (tekst, forfald) in tilfaelde {
            let frist = parse_frist_efter(tekst, Some(udgivet)).unwrap();
            assert_eq!(frist.fra(), Some(udgivet), "{tekst}");
            assert_eq!(frist.forfald(), Some(forfald), "{tekst}");
            // Before publication there is no date, and a sentence says why.
            let uden = parse_frist(tekst).unwrap();
            assert_eq!(uden.forfald(), None, "{tekst}");
            assert!(
                uden.uden_forfald().unwrap().contains("offentliggørelse"),
                "{tekst}"
            );
        }
        let frist = parse_frist_efter(
            "senest 6 måneder efter offentliggørelsen",
            Some(date!(2019 - 08 - 31)),
        )
        .unwrap();
        assert_eq!(frist.forfald(), Some(date!(2020 - 02 - 29)));
        // The JSON keeps the publication date, so the deadline reads back with its date.
        let json = serde_json::to_string(&frist).unwrap();
        assert!(json.contains("\"offentliggjort\":\"2019-08-31\""), "{json}");
        let tilbage: Frist = serde_json::from_str(&json).unwrap();
        assert_eq!(tilbage, frist);
        // Other deadlines keep their JSON as before: no publication date.
        let json = serde_json::to_string(&parse_frist("2. halvår 2019").unwrap()).unwrap();
        assert!(!json.contains("offentliggjort"), "{json}");
        assert!(parse_frist("senest 0 måneder efter offentliggørelsen").is_err());
        assert!(parse_frist("6 måneder efter mødet").is_err());
    }
}
