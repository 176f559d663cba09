//! `auditpanel serve`: the web server as a library function, so that the end-to-end tests start exactly
//! what the command starts, in-process on a socket of their own.
//!
//! Start-up: connect to the database (which runs the migrations), seed the demo when asked (printing the
//! demo users), then serve [`web::router`] until SIGINT or SIGTERM, finishing the requests in flight.

use std::future::Future;

use store::demo::{DEMO_PASSWORD, SeedOutcome};
use tokio::net::TcpListener;
use web::{AppState, Clock, WebConfig};

use crate::store_commands::load_demo;

/// What `serve` needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://FIL?mode=rwc` or `postgres://…`.
    pub database_url: String,
    /// Load the demo users and audits (password `demo`) at start.
    pub demo: bool,
    /// Where the time comes from: the system clock, or a fixed moment in tests.
    pub clock: Clock,
    /// Settings of the web application (cookies, session lifetime, login throttling).
    pub web: WebConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: store::DEFAULT_DATABASE_URL.to_owned(),
            demo: false,
            clock: Clock::System,
            web: WebConfig::default(),
        }
    }
}

/// Why the server could not start or stopped with an error; `Display` is a Danish sentence for stderr.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened or migrated.
    #[error("kunne ikke åbne databasen »{url}«: {source}")]
    Database {
        /// The URL as given.
        url: String,
        /// Why.
        source: store::StoreError,
    },
    /// `--demo` was refused or failed.
    #[error("--demo: {0}")]
    Demo(String),
    /// The socket failed.
    #[error("serveren stoppede med en fejl: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves auditpanel on `listener` until SIGINT or SIGTERM.
///
/// # Errors
/// [`ServeError`] when the database cannot be opened, the demo is refused, or the socket fails.
pub async fn serve(listener: TcpListener, config: Config) -> Result<(), ServeError> {
    serve_until(listener, config, shutdown_signal()).await
}

/// Serves auditpanel on `listener` until `shutdown` completes, then finishes the requests in flight.
///
/// # Errors
/// As [`serve`].
pub async fn serve_until(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let db = store::Db::connect(&config.database_url)
        .await
        .map_err(|source| ServeError::Database {
            url: config.database_url.clone(),
            source,
        })?;
    if config.demo {
        seed_demo(&db, config.clock).await?;
    }
    let state = AppState::new(db.clone(), config.clock, config.web);
    // The reminder job runs once before the server answers (so a restart catches up at once), then
    // shortly after every midnight; writing is idempotent across restarts and processes.
    if let Err(err) = web::reminders::run_once(&state).await {
        tracing::error!(error = %err, "påmindelsesjobbet fejlede ved start");
    }
    let daily = tokio::spawn(web::reminders::run_daily(state.clone()));
    let app = web::router(state);
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "auditpanel lytter");
        println!("auditpanel kører på http://{addr}/ — log ind på http://{addr}/login");
    }
    // The peer's address reaches the handlers (login throttling counts failures per client address).
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    daily.abort();
    tracing::info!("auditpanel er stoppet");
    let _ = db.close().await;
    Ok(())
}

/// Seeds the demo (or finds it already there) and prints the demo users; refuses a database with other
/// data.
async fn seed_demo(db: &store::Db, clock: Clock) -> Result<(), ServeError> {
    let now = clock.now();
    let demo = load_demo(clock.today()).map_err(|f| ServeError::Demo(f.message))?;
    let outcome = web::demo::seed(db, &demo, now).await.map_err(|err| {
        ServeError::Demo(format!(
            "{err}. Start uden --demo, eller brug en tom database."
        ))
    })?;
    match outcome {
        SeedOutcome::Seeded {
            users,
            audits,
            ratings,
        } => println!(
            "Demodata indlæst: {audits} auditforløb, {users} brugere og {ratings} bedømmelser."
        ),
        SeedOutcome::AlreadySeeded => {
            println!("Databasen indeholder allerede demodata; intet er ændret.");
        }
    }
    println!("Demobrugere (adgangskode »{DEMO_PASSWORD}«):");
    for user in &demo.brugere {
        println!("  {:<28} {}", user.username.as_str(), user.role.navn());
    }
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT modtaget; stopper"),
        () = terminate => tracing::info!("SIGTERM modtaget; stopper"),
    }
}

/// `auditpanel serve`: sets up logging, binds `addr` and serves until a signal.
pub(crate) fn command(
    addr: std::net::SocketAddr,
    database_url: String,
    demo: bool,
    secure_cookies: bool,
    client_ip_header: Option<axum::http::HeaderName>,
    mail: Option<web::mail::MailSettings>,
) -> Result<String, crate::output::Failure> {
    use crate::output::Failure;
    init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::other(format!("kunne ikke starte: {e}")))?;
    runtime.block_on(async {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| Failure::other(format!("kunne ikke lytte på {addr}: {e}")))?;
        let config = Config {
            database_url,
            demo,
            clock: Clock::System,
            web: WebConfig {
                secure_cookies,
                client_ip_header,
                mail,
                ..WebConfig::default()
            },
        };
        serve(listener, config).await.map_err(|err| match err {
            ServeError::Demo(_) => Failure::input(err),
            ServeError::Database { .. } | ServeError::Io(_) => Failure::other(err),
        })
    })?;
    Ok("auditpanel er stoppet.".to_owned())
}

/// Structured logs on stderr, filtered by `RUST_LOG` (default: info for auditpanel, warnings from the
/// database drivers).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
