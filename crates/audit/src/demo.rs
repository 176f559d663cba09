//! The demo data: the audits of the seed reports (19.1, 19.2, 20.1), a compliance sample for the
//! faglig udtalelse and an ongoing round, with demo users and synthetic ratings, read from the text
//! of `seeds/demo/*.toml`.
//!
//! [`load`] takes the files' names and contents and the quality models, and returns domain values
//! that have passed every check the domain has: [`Audit::validate`], the panel against the users,
//! the forms and report against the pinned model version, the follow-up deadlines, the case
//! timelines, and every generated rating. It does no I/O: the binary reads or embeds the files.
//!
//! The ratings are synthetic (see [`syntetisk`]): the seed reports publish none. Each audit file says
//! so in a comment above its `[syntetiske_bedoemmelser]` table.

mod fil;
mod kontrol;
pub mod materiale;
pub mod offentliggoerelse;
pub mod syntetisk;

use std::collections::BTreeMap;

use time::Date;

use crate::kvalitetsmodel::Kvalitetsmodel;
use crate::{Audit, AuditNr, Rapportindhold, Rating, User, Username};

pub use self::fil::Kilde;
use self::fil::{AuditFil, BrugerFil};
pub use self::offentliggoerelse::{Offentliggoerelse, Opfoelgningshaendelse};
use self::syntetisk::SyntetiskeParametre;

/// The notice shown wherever a demo audit's ratings or statistics are read: the sources publish no
/// ratings, so the demo's are made up (see [`syntetisk`]).
pub const SYNTETISK_NOTE: &str = "Bedømmelserne i dette demoforløb er syntetiske: auditpanel har \
    genereret dem ud fra dokumenterede parametre. De stammer ikke fra en virkelig audit \
    (auditrapporterne offentliggør ingen enkelte bedømmelser), og tallene viser kun, hvordan \
    værktøjet virker.";

/// The name of the users file among the sources.
pub const BRUGERFIL: &str = "brugere.toml";

/// Everything the demo loads: users and audits.
#[derive(Debug, Clone, PartialEq)]
pub struct Demo {
    /// The demo users, in file order.
    pub brugere: Vec<User>,
    /// The audits, in the order of the sources.
    pub forloeb: Vec<DemoAudit>,
}

/// One demo audit with its ratings and report content.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoAudit {
    /// The seed file it came from.
    pub fil: String,
    /// The audit, dates resolved against the day of loading.
    pub audit: Audit,
    /// The synthetic ratings of both rounds.
    pub ratings: Vec<Rating>,
    /// What the report says beyond the forms.
    pub rapport: Rapportindhold,
    /// When the report was published and what its follow-up plan came to; `None` for a report that
    /// is not published (the live rounds).
    pub offentliggoerelse: Option<Offentliggoerelse>,
    /// The source report and the demo's assumptions.
    pub kilde: Kilde,
    /// The parameters the ratings were generated from, if any.
    pub syntetisk: Option<SyntetiskeParametre>,
}

/// A demo file that does not load; `Display` names the file and the problem in Danish.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("demofilen »{fil}«: {problem}")]
pub struct DemoError {
    /// The file name as given to [`load`].
    pub fil: String,
    /// What is wrong, in Danish.
    pub problem: String,
}

impl Demo {
    /// The demo audit with number `nr` ("19.1").
    pub fn forloeb(&self, nr: &str) -> Option<&DemoAudit> {
        self.forloeb.iter().find(|a| a.audit.nr.as_str() == nr)
    }

    /// The demo user with this username.
    pub fn bruger(&self, username: &str) -> Option<&User> {
        self.brugere
            .iter()
            .find(|u| u.username.as_str() == username)
    }
}

/// Loads the demo from its files: `sources` holds each file's name and content (the users file is
/// named [`BRUGERFIL`], every other file is one audit), `modeller` the quality-model versions the
/// audits pin, and `today` the day of loading, from which the ongoing round's dates are counted.
///
/// # Errors
/// [`DemoError`] naming the first file that is not valid TOML in the seed schema or breaks a rule
/// of the domain, and what is wrong.
pub fn load(
    sources: &[(&str, &str)],
    modeller: &[Kvalitetsmodel],
    today: Date,
) -> Result<Demo, DemoError> {
    let brugere = load_users(sources)?;
    let by_name: BTreeMap<&Username, &User> = brugere.iter().map(|u| (&u.username, u)).collect();
    let mut forloeb = Vec::new();
    let mut numbers: BTreeMap<AuditNr, &str> = BTreeMap::new();
    for (fil, text) in sources.iter().filter(|(name, _)| !is_users_file(name)) {
        let a = load_audit(fil, text, modeller, &by_name, today).map_err(|problem| DemoError {
            fil: (*fil).to_owned(),
            problem,
        })?;
        if let Some(other) = numbers.insert(a.audit.nr.clone(), fil) {
            return Err(DemoError {
                fil: (*fil).to_owned(),
                problem: format!("auditnummeret {} bruges også i »{other}«", a.audit.nr),
            });
        }
        forloeb.push(a);
    }
    Ok(Demo { brugere, forloeb })
}

fn is_users_file(name: &str) -> bool {
    name.rsplit(['/', '\\']).next() == Some(BRUGERFIL)
}

fn load_users(sources: &[(&str, &str)]) -> Result<Vec<User>, DemoError> {
    let Some((fil, text)) = sources.iter().find(|(name, _)| is_users_file(name)) else {
        return Err(DemoError {
            fil: BRUGERFIL.to_owned(),
            problem: "filen med demobrugerne mangler".into(),
        });
    };
    let err = |problem: String| DemoError {
        fil: (*fil).to_owned(),
        problem,
    };
    let parsed: BrugerFil = toml::from_str(text).map_err(|e| err(toml_problem(text, &e)))?;
    let mut seen = BTreeMap::new();
    for u in &parsed.brugere {
        if seen.insert(&u.username, ()).is_some() {
            return Err(err(format!("brugeren »{}« findes to gange", u.username)));
        }
    }
    Ok(parsed.brugere)
}

fn load_audit(
    fil: &str,
    text: &str,
    modeller: &[Kvalitetsmodel],
    users: &BTreeMap<&Username, &User>,
    today: Date,
) -> Result<DemoAudit, String> {
    let parsed: AuditFil = toml::from_str(text).map_err(|e| toml_problem(text, &e))?;
    let audit = parsed.audit(today)?;
    audit.validate().map_err(|e| e.to_string())?;
    let model = modeller
        .iter()
        .find(|m| m.version() == audit.model_version)
        .ok_or_else(|| {
            format!(
                "kvalitetsmodellen version {} er ikke indlæst",
                audit.model_version
            )
        })?;
    kontrol::panel(&audit, users)?;
    kontrol::forms(&audit, model)?;
    kontrol::timelines(&audit)?;
    kontrol::dates(&audit, today)?;
    parsed.rapport.validate().map_err(|e| e.to_string())?;
    parsed
        .rapport
        .check_model(model)
        .map_err(|e| e.to_string())?;
    let ratings = match &parsed.syntetiske_bedoemmelser {
        Some(p) => {
            kontrol::parameters(&audit, p)?;
            syntetisk::generer(&audit, p)
        }
        None => Vec::new(),
    };
    kontrol::ratings(&audit, &ratings)?;
    offentliggoerelse::kraeves(&audit, parsed.offentliggoerelse.is_some())?;
    let offentliggoerelse = parsed
        .offentliggoerelse
        .as_ref()
        .map(|o| o.kontroller(&audit, &parsed.rapport, users, today))
        .transpose()
        .map_err(|e| format!("offentliggoerelse: {e}"))?;
    Ok(DemoAudit {
        fil: fil.to_owned(),
        audit,
        ratings,
        rapport: parsed.rapport,
        offentliggoerelse,
        kilde: parsed.kilde,
        syntetisk: parsed.syntetiske_bedoemmelser,
    })
}

/// A TOML error as one Danish line: the parser's message with the line it points at.
fn toml_problem(text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim();
    match err.span() {
        Some(span) => {
            let line = text
                .get(..span.start)
                .map_or(0, |t| t.matches('\n').count())
                + 1;
            format!("ugyldig TOML i linje {line}: {message}")
        }
        None => format!("ugyldig TOML: {message}"),
    }
}
