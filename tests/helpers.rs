//! The harness: [`spawn_app`] starts the server the way `auditpanel serve --demo` does, on 127.0.0.1:0
//! with a fresh database and a fixed clock, and hands back its address and HTTP clients.

use std::time::Duration;

use reqwest::{Client, StatusCode, redirect};
use store::testing::TestDb;
use time::OffsetDateTime;
use time::macros::datetime;
use tokio::sync::oneshot;

/// The moment the tests' clock stands still at: demo dates are counted from it.
pub(crate) const NOW: OffsetDateTime = datetime!(2025-03-03 09:00 UTC);

/// The demo's password.
pub(crate) const PASSWORD: &str = store::demo::DEMO_PASSWORD;

/// A database engine the tests run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    /// A SQLite file in a temporary directory.
    Sqlite,
    /// A database of its own on the PostgreSQL server of `DATABASE_URL`.
    Postgres,
}

/// The engines to run on: SQLite always, PostgreSQL when `DATABASE_URL` names a server (else a loud
/// warning says it was not run).
pub(crate) fn engines() -> Vec<Engine> {
    if store::testing::postgres_server_url().is_some() {
        vec![Engine::Sqlite, Engine::Postgres]
    } else {
        store::testing::warn_postgres_not_run();
        vec![Engine::Sqlite]
    }
}

/// A running auditpanel with the demo, on a random port, with its own database.
pub(crate) struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub(crate) base: String,
    /// A client with its own cookie jar that follows no redirects; not logged in.
    pub(crate) client: Client,
    shutdown: Option<oneshot::Sender<()>>,
    /// The database (dropped last; a PostgreSQL database is dropped with it).
    pub(crate) db: TestDb,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// A fresh client: its own cookie jar, no redirects followed.
pub(crate) fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Starts the same server `auditpanel serve --demo` starts, on 127.0.0.1:0, and waits until it answers.
pub(crate) async fn spawn_app(engine: Engine) -> TestApp {
    let db = match engine {
        Engine::Sqlite => TestDb::sqlite().await.unwrap(),
        Engine::Postgres => TestDb::postgres(&store::testing::postgres_server_url().unwrap())
            .await
            .unwrap(),
    };
    let (base, shutdown) = start_server(db.url()).await;
    TestApp {
        base,
        client: client(),
        shutdown: Some(shutdown),
        db,
    }
}

/// A second server process on the same database, as when several `serve` run side by side; it stops
/// when the returned sender is dropped.
pub(crate) async fn spawn_second_server(app: &TestApp) -> (String, oneshot::Sender<()>) {
    start_server(app.db.url()).await
}

/// Runs `auditpanel::serve_until` with the demo and the fixed clock on a free port of 127.0.0.1 and
/// waits until `/healthz` answers; returns the base URL and the sender that stops it.
async fn start_server(database_url: &str) -> (String, oneshot::Sender<()>) {
    start_server_with(database_url, true, NOW).await
}

/// As [`start_server`], with or without seeding the demo and with the clock standing at `now`: a second
/// server on the same database that lives at another moment (after a deadline, a day later …).
pub(crate) async fn start_server_with(
    database_url: &str,
    demo: bool,
    now: OffsetDateTime,
) -> (String, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = auditpanel::Config {
        database_url: database_url.to_owned(),
        demo,
        clock: web::Clock::Fixed(now),
        web: web::WebConfig::default(),
    };
    let (shutdown, stop) = oneshot::channel::<()>();
    let server = tokio::spawn(auditpanel::serve_until(listener, config, async move {
        let _ = stop.await;
    }));
    let client = client();
    let started = tokio::time::Instant::now();
    loop {
        if server.is_finished() {
            panic!("the server stopped at start: {:?}", server.await);
        }
        if let Ok(response) = client.get(format!("{base}/healthz")).send().await
            && response.status() == StatusCode::OK
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server did not answer /healthz within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (base, shutdown)
}

/// Runs `test` against a fresh app on every engine, one after the other.
pub(crate) async fn on_each_engine(test: impl AsyncFn(&TestApp)) {
    for engine in engines() {
        let app = spawn_app(engine).await;
        // Say which engine a failure happened on.
        eprintln!("running on {engine:?}");
        test(&app).await;
    }
}

/// Publishes the draft of `nr` as the koordinator `k`; returns the new version's path
/// (`/audits/20.1/rapport/v/1`).
pub(crate) async fn publish(app: &TestApp, k: &Client, nr: &str) -> String {
    let path = format!("/audits/{nr}/rapport/offentliggoer");
    let (status, confirmation) = get(k, &app.url(&path)).await;
    assert_eq!(status, StatusCode::OK, "{confirmation}");
    // The date the confirmation proposes: today.
    let date = NOW.date().to_string();
    assert!(
        confirmation.contains(&format!(r#"value="{date}""#)),
        "{confirmation}"
    );
    let response = k
        .post(app.url(&path))
        .form(&[("_csrf", csrf_token(&confirmation)), ("dato", date)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// The value of the hidden `_csrf` field in a page.
pub(crate) fn csrf_token(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no CSRF field in the page:\n{html}"))
        + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].to_owned()
}

/// A page's status and body.
pub(crate) async fn get(client: &Client, url: &str) -> (StatusCode, String) {
    let response = client.get(url).send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

/// What an agreement page says while its bootstrap intervals are computed in the background
/// (`web::agreement_cache`).
pub(crate) const INTERVALS_PENDING: &str = "Bootstrap-intervallerne for Krippendorffs α";

/// An agreement page once its bootstrap intervals are there: asks again while the page says they are still
/// being computed (at most 600 times, 50 ms apart), and fails if they never come.
pub(crate) async fn get_with_intervals(client: &Client, url: &str) -> (StatusCode, String) {
    for _ in 0..600 {
        let (status, page) = get(client, url).await;
        if !page.contains(INTERVALS_PENDING) {
            return (status, page);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{url}: the bootstrap intervals never arrived");
}

impl TestApp {
    /// `base` + `path`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Posts the login form with `client` (fetching the form, and so its CSRF token, first).
    pub(crate) async fn post_login(
        &self,
        client: &Client,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        let (status, page) = get(client, &self.url("/login")).await;
        assert_eq!(status, StatusCode::OK);
        client
            .post(self.url("/login"))
            .form(&[
                ("_csrf", csrf_token(&page).as_str()),
                ("username", username),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
    }

    /// A new client logged in as the demo user `username`.
    pub(crate) async fn login_as(&self, username: &str) -> Client {
        let client = client();
        let response = self.post_login(&client, username, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "login as {username} failed: {}",
            response.text().await.unwrap_or_default()
        );
        client
    }

    /// Rows in `table`, read directly from the database.
    pub(crate) async fn count(&self, table: &str) -> i64 {
        self.db.count(table).await.unwrap()
    }
}
