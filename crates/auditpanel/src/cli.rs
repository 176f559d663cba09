//! The command-line interface: subcommands, their options, and dispatch.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::account_commands::{RoleArg, ScopeArg};
use crate::output::{Format, finish};
use crate::{
    account_commands, agreement_command, deadline_command, model_command, serve, store_commands,
};

/// auditpanel: lærende auditforløb for socialtilsynene — blind bedømmelse, drøftelse, rapport og opfølgning,
/// og måling af kalibreringen mellem tilsynene.
#[derive(Debug, Parser)]
#[command(name = "auditpanel", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start webserveren (migrerer databasen først). Stoppes med Ctrl-C eller SIGTERM.
    Serve {
        /// Adressen, serveren lytter på.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        #[command(flatten)]
        database: store_commands::DatabaseArg,
        /// Indlæs demobrugere (adgangskode »demo«) og demoauditforløb; afvises, hvis databasen
        /// indeholder andre data.
        #[arg(long)]
        demo: bool,
        /// Sæt altid Secure på cookies (gøres ellers kun, når forespørgslen kom over https).
        #[arg(long, env = "AUDITPANEL_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Bag en reverse proxy: headeren, hvis højre adresse er klientens (f.eks. X-Forwarded-For).
        /// Uden den er klienten TCP-forbindelsens afsender, og ingen header troes.
        #[arg(long, env = "AUDITPANEL_CLIENT_IP_HEADER", value_name = "HEADER")]
        client_ip_header: Option<axum::http::HeaderName>,
        /// Send påmindelser om opfølgningsfrister på e-mail gennem denne SMTP-server: smtp://vært:port
        /// (ukrypteret, som til et lokalt relæ), smtp://vært:port?tls=required (STARTTLS) eller
        /// smtps://vært:port (TLS); bruger:adgangskode@ foran værten logger ind. Uden den skrives
        /// påmindelserne kun i brugernes indbakke.
        #[arg(long, env = "AUDITPANEL_SMTP_URL", value_name = "URL")]
        smtp_url: Option<String>,
        /// Afsenderadressen på påmindelserne.
        #[arg(
            long,
            env = "AUDITPANEL_MAIL_FROM",
            default_value = "auditpanel@localhost"
        )]
        mail_from: String,
    },
    /// Brugere: opret en bruger (adgangskoden læses fra standard input).
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// API-nøgler til /api/v1.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Vis kvalitetsmodellen, eller hvilke indikatorer der gælder for en tilbudstype.
    Model {
        /// Modelversionen (2024 eller 2017).
        #[arg(long, default_value = audit::builtin::NYESTE_VERSION)]
        version: String,
        /// Vis kun de indikatorer, der gælder for denne tilbudstype (f.eks. botilbud, efterskole, krisecenter);
        /// et tilbud godkendt som flere typer angives med komma (botilbud,boerne-og-ungehjem) og får de
        /// indikatorer, der gælder for mindst én af dem.
        #[arg(long, value_name = "TILBUDSTYPE[,TILBUDSTYPE…]")]
        applicable_to: Option<String>,
        /// Tilbuddet er privat og har en bestyrelse (kræver --applicable-to).
        #[arg(long, requires = "applicable_to")]
        private_with_board: bool,
        /// Uddataformat.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Beregn enighed mellem bedømmere (Krippendorffs α, Fleiss' og Congers κ, Gwets AC1/AC2, ICC, …)
    /// fra en CSV-fil med kolonnerne unit,rater,value (en tom værdi er en manglende bedømmelse).
    Agreement(agreement_command::Options),
    /// Fortolk en dansk frist ("2. halvår 2019", "efteråret 2019", "15. marts 2025" …).
    Deadline {
        /// Fristen, som den står i opfølgningsplanen.
        text: String,
        /// Rapportens offentliggørelsesdato (ÅÅÅÅ-MM-DD), som en relativ frist (»senest 6 måneder efter
        /// offentliggørelsen«) regnes fra.
        #[arg(long, value_name = "DATO")]
        published: Option<String>,
        /// Uddataformat.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Eksportér ét auditforløb fuldstændigt som JSON på stdout (materialefiler, bedømmelser, hændelseslog).
    Export {
        /// Auditforløbets nummer, f.eks. 19.1.
        #[arg(long = "audit", value_name = "NR")]
        nr: String,
        #[command(flatten)]
        database: store_commands::DatabaseArg,
    },
    /// Importér et auditforløb fra en eksportfil i en tom eller en anden database.
    Import {
        /// Eksportfilen.
        file: std::path::PathBuf,
        #[command(flatten)]
        database: store_commands::DatabaseArg,
    },
    /// Indlæs demodata (demobrugere med adgangskoden »demo«, demoauditforløb og bedømmelser).
    Seed {
        /// Indlæs demoen (det eneste, seed kan indtil videre).
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        database: store_commands::DatabaseArg,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Opret en bruger; adgangskoden læses fra standard input.
    Add {
        /// Brugerens rolle.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Tilsynet (kun for en tilsynskontakt): hovedstaden, midt, nord, syd eller oest.
        #[arg(long)]
        tilsyn: Option<String>,
        /// Det viste navn (ellers brugernavnet).
        #[arg(long)]
        navn: Option<String>,
        /// Brugernavnet (små bogstaver, tal, bindestreg, punktum eller understreg).
        name: String,
        #[command(flatten)]
        database: store_commands::DatabaseArg,
    },
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Opret en API-nøgle til brugeren og skriv kun nøglen ud.
    Create {
        /// Brugernavnet.
        user: String,
        /// En note om, hvad nøglen bruges til.
        #[arg(long, default_value = "")]
        label: String,
        /// Hvad nøglen må: read (kun læse, standard) eller write (også ændre).
        #[arg(long, value_enum, default_value_t = ScopeArg::Read)]
        scope: ScopeArg,
        /// Antal dage, nøglen virker (ellers til den tilbagekaldes).
        #[arg(long, value_name = "DAYS")]
        expires: Option<String>,
        #[command(flatten)]
        database: store_commands::DatabaseArg,
    },
    /// Vis nøglerne (aldrig selve nøglen): id, bruger, omfang, status, datoer og note.
    List {
        /// Kun denne brugers nøgler.
        user: Option<String>,
        #[command(flatten)]
        database: store_commands::DatabaseArg,
    },
    /// Tilbagekald en nøgle, angivet ved selve nøglen eller dens id fra »token list«.
    Revoke {
        /// Nøglen eller dens id.
        token_or_id: String,
        #[command(flatten)]
        database: store_commands::DatabaseArg,
    },
}

/// Parses the process arguments, runs the subcommand and returns the exit code (0 success, 2 bad input,
/// 1 anything else). Errors are printed in Danish on stderr.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve {
            addr,
            database,
            demo,
            secure_cookies,
            client_ip_header,
            smtp_url,
            mail_from,
        } => serve::command(
            addr,
            database.url,
            demo,
            secure_cookies,
            client_ip_header,
            smtp_url.map(|smtp_url| web::mail::MailSettings {
                smtp_url,
                from: mail_from,
            }),
        ),
        Command::User {
            command:
                UserCommand::Add {
                    role,
                    tilsyn,
                    navn,
                    name,
                    database,
                },
        } => account_commands::add_user(&name, role, tilsyn.as_deref(), navn.as_deref(), &database),
        Command::Token { command } => match command {
            TokenCommand::Create {
                user,
                label,
                scope,
                expires,
                database,
            } => {
                account_commands::create_token(&user, &label, scope, expires.as_deref(), &database)
            }
            TokenCommand::List { user, database } => {
                account_commands::list_tokens(user.as_deref(), &database)
            }
            TokenCommand::Revoke {
                token_or_id,
                database,
            } => account_commands::revoke_token(&token_or_id, &database),
        },
        Command::Model {
            version,
            applicable_to,
            private_with_board,
            format,
        } => model_command::run(
            &version,
            applicable_to.as_deref(),
            private_with_board,
            format,
        ),
        Command::Deadline {
            text,
            published,
            format,
        } => deadline_command::run(&text, published.as_deref(), format),
        Command::Agreement(options) => agreement_command::run(&options),
        Command::Export { nr, database } => store_commands::export(&nr, &database),
        Command::Import { file, database } => store_commands::import(&file, &database),
        Command::Seed { demo, database } => store_commands::seed(demo, &database),
    };
    finish(result)
}
