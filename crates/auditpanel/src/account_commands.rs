//! `auditpanel user add` and `auditpanel token create|list|revoke`: accounts and API tokens from the
//! command line.

use std::io::{BufRead, IsTerminal, Write};

use audit::{Role, Tilsyn, TokenScope, User, Username};
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

/// What a token created on the command line may do, as typed (`--scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ScopeArg {
    /// Kun læsning (GET) af /api/v1.
    Read,
    /// Læsning og skrivning af /api/v1.
    Write,
}

/// `--expires DAYS` read as a whole number of days from now, at least 1.
fn expiry(days: Option<&str>, now: OffsetDateTime) -> Result<Option<OffsetDateTime>, Failure> {
    let Some(days) = days else { return Ok(None) };
    let n: i64 = days
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=36_500).contains(n))
        .ok_or_else(|| {
            Failure::input(format!(
                "--expires skal være et helt antal dage fra 1 til 36500, ikke »{days}«"
            ))
        })?;
    Ok(Some(now + time::Duration::days(n)))
}

/// `auditpanel token create USER [--label L] [--scope read|write] [--expires DAYS]`: prints only the new
/// token.
pub(crate) fn create_token(
    name: &str,
    label: &str,
    scope: ScopeArg,
    expires: Option<&str>,
    database: &DatabaseArg,
) -> Result<String, Failure> {
    let username = Username::new(name.trim()).map_err(Failure::input)?;
    let now = now();
    let new = store::sessions::NewApiToken {
        label: label.to_owned(),
        scope: match scope {
            ScopeArg::Read => TokenScope::Read,
            ScopeArg::Write => TokenScope::Write,
        },
        expires_at: expiry(expires, now)?,
    };
    with_db(database, async |db| {
        store::sessions::create_token(db, &username, &new, now)
            .await
            .map_err(failure)
    })
}

fn day(at: OffsetDateTime) -> String {
    at.date().to_string()
}

/// `auditpanel token list [USER]`: one line per token, never the token itself (only its hash is
/// stored): id, user, scope, state now, created, expires and the label.
pub(crate) fn list_tokens(name: Option<&str>, database: &DatabaseArg) -> Result<String, Failure> {
    let username = name
        .map(|n| Username::new(n.trim()).map_err(Failure::input))
        .transpose()?;
    let now = now();
    with_db(database, async |db| {
        let tokens = store::sessions::list_api_tokens(db, username.as_ref())
            .await
            .map_err(failure)?;
        if tokens.is_empty() {
            return Ok("Der er ingen nøgler.".to_owned());
        }
        let mut out = String::from("id\tbruger\tomfang\tstatus\toprettet\tudløber\tnote\n");
        for t in tokens {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                t.id,
                t.username,
                t.scope,
                t.state(now).navn(),
                day(t.created_at),
                t.expires_at.map_or_else(|| "aldrig".to_owned(), day),
                t.label
            ));
        }
        Ok(out)
    })
}

/// `auditpanel token revoke TOKEN_OR_ID`: a number is a token's id (as `token list` shows it), anything
/// else the token itself.
pub(crate) fn revoke_token(token_or_id: &str, database: &DatabaseArg) -> Result<String, Failure> {
    let given = token_or_id.trim();
    if given.is_empty() {
        return Err(Failure::input(
            "angiv nøglen eller dens id (se »auditpanel token list«)",
        ));
    }
    let now = now();
    with_db(database, async |db| {
        let (revoked, what) = match given.parse::<i64>() {
            Ok(id) => (
                store::sessions::revoke_api_token_id(db, id, now)
                    .await
                    .map_err(failure)?,
                format!("med id {id}"),
            ),
            Err(_) => (
                store::sessions::revoke_api_token(db, given, now)
                    .await
                    .map_err(failure)?,
                "med den værdi".to_owned(),
            ),
        };
        if revoked {
            Ok(format!("Nøglen {what} er tilbagekaldt."))
        } else {
            Err(Failure::input(format!(
                "der er ingen nøgle {what}, som ikke allerede er tilbagekaldt (se »auditpanel token list«)"
            )))
        }
    })
}
