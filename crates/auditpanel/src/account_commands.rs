//! `auditpanel user add` and `auditpanel token create`: accounts and API tokens from the command line.

use std::io::{BufRead, IsTerminal, Write};

use audit::{Role, Tilsyn, User, Username};
use time::OffsetDateTime;

use crate::output::Failure;
use crate::store_commands::{DatabaseArg, failure, with_db};

/// The one place these commands read the clock.
#[allow(clippy::disallowed_methods)]
fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The application roles as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RoleArg {
    /// Auditfunktionens medarbejder.
    Koordinator,
    /// Panelmedlem, der bedømmer.
    Panelist,
    /// Kontaktperson i ét socialtilsyn (kræver --tilsyn).
    Tilsynskontakt,
    /// Læser rapporter og opfølgning.
    Laeser,
}

/// Reads the password: the first line of standard input (with a prompt on a terminal).
fn read_password() -> Result<String, Failure> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Adgangskode (vises mens du skriver): ");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).map_err(|e| {
        Failure::other(format!(
            "kunne ikke læse adgangskoden fra standard input: {e}"
        ))
    })?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err(Failure::input(
            "ingen adgangskode på standard input; skriv den, eller send den ind med f.eks. echo … |",
        ));
    }
    Ok(password)
}

/// `auditpanel user add --role R [--tilsyn T] [--navn N] NAME`.
pub(crate) fn add_user(
    name: &str,
    role: RoleArg,
    tilsyn: Option<&str>,
    navn: Option<&str>,
    database: &DatabaseArg,
) -> Result<String, Failure> {
    let username = Username::new(name.trim()).map_err(Failure::input)?;
    let tilsyn = tilsyn
        .map(|t| t.parse::<Tilsyn>().map_err(Failure::input))
        .transpose()?;
    let role = match (role, tilsyn) {
        (RoleArg::Tilsynskontakt, Some(t)) => Role::Tilsynskontakt(t),
        (RoleArg::Tilsynskontakt, None) => {
            return Err(Failure::input(
                "en tilsynskontakt skal have --tilsyn (hovedstaden, midt, nord, syd eller oest)",
            ));
        }
        (_, Some(_)) => {
            return Err(Failure::input("--tilsyn gælder kun rollen tilsynskontakt"));
        }
        (RoleArg::Koordinator, None) => Role::Koordinator,
        (RoleArg::Panelist, None) => Role::Panelist,
        (RoleArg::Laeser, None) => Role::Laeser,
    };
    let password = read_password()?;
    let user = User {
        navn: navn.map_or_else(|| username.to_string(), str::to_owned),
        username,
        role,
    };
    let actor = Username::new("system").map_err(Failure::other)?;
    with_db(database, async |db| {
        store::users::create_user(db, &user, &password, &actor, now())
            .await
            .map_err(failure)?;
        Ok(format!(
            "Brugeren »{}« er oprettet med rollen {}.",
            user.username,
            user.role.navn()
        ))
    })
}

/// `auditpanel token create USER`: prints only the new token.
pub(crate) fn create_token(
    name: &str,
    label: &str,
    database: &DatabaseArg,
) -> Result<String, Failure> {
    let username = Username::new(name.trim()).map_err(Failure::input)?;
    with_db(database, async |db| {
        store::sessions::create_api_token(db, &username, label, now())
            .await
            .map_err(failure)
    })
}
