//! Security regression tests: throttle (see `tests/security.rs`).
//!
//! Login throttling counted failures per username only, so anyone could lock a user out everywhere by
//! typing wrong passwords for them. Failures now count per (client address, username) and per client
//! address: the attacker's address is refused, the user at another address still logs in. The client
//! address is the TCP peer; behind a reverse proxy the operator names the header that carries it, and
//! only then is that header believed (its right-most address, the one the proxy added).

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use reqwest::{Client, StatusCode, redirect};

use crate::helpers::{PASSWORD, TestApp, csrf_token, get, on_each_engine};

/// A client whose connections come from `address` (any of 127.0.0.0/8 works on Linux).
fn client_from(address: Ipv4Addr) -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .local_address(IpAddr::V4(address))
        .build()
        .unwrap()
}

const A: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 1);
const B: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// Posts the login form at `base` with `client`, with `forwarded` as `X-Forwarded-For` if given.
async fn login(
    base: &str,
    client: &Client,
    username: &str,
    password: &str,
    forwarded: Option<&str>,
) -> StatusCode {
    let (status, page) = get(client, &format!("{base}/login")).await;
    assert_eq!(status, StatusCode::OK);
    let mut request = client.post(format!("{base}/login")).form(&[
        ("_csrf", csrf_token(&page).as_str()),
        ("username", username),
        ("password", password),
    ]);
    if let Some(forwarded) = forwarded {
        request = request.header("X-Forwarded-For", forwarded);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    if status == StatusCode::TOO_MANY_REQUESTS {
        let page = response.text().await.unwrap();
        assert!(page.contains("For mange mislykkede forsøg"), "{page}");
    }
    status
}

/// Thirty wrong passwords for `username` at `base`; every answer is 401 or (once throttled) 429, and
/// the last is 429.
async fn thirty_failures(base: &str, client: &Client, username: &str, forwarded: Option<&str>) {
    let mut last = StatusCode::OK;
    for attempt in 1..=30 {
        last = login(base, client, username, "forkert", forwarded).await;
        assert!(
            last == StatusCode::UNAUTHORIZED || last == StatusCode::TOO_MANY_REQUESTS,
            "attempt {attempt}: {last}"
        );
    }
    assert_eq!(
        last,
        StatusCode::TOO_MANY_REQUESTS,
        "{username} is throttled"
    );
}

/// Hole: 30 wrong passwords for koordinator from one address locked koordinator out at every address.
#[tokio::test]
async fn failures_from_one_address_do_not_lock_the_user_out_elsewhere() {
    on_each_engine(async |app| {
        let attacker = client_from(A);
        thirty_failures(&app.base, &attacker, "koordinator", None).await;
        // The attacker's address stays refused, the right password included.
        assert_eq!(
            login(&app.base, &attacker, "koordinator", PASSWORD, None).await,
            StatusCode::TOO_MANY_REQUESTS
        );
        // The koordinator at another address logs in.
        let koordinator = client_from(B);
        assert_eq!(
            login(&app.base, &koordinator, "koordinator", PASSWORD, None).await,
            StatusCode::SEE_OTHER,
            "the koordinator at another address is not locked out"
        );
    })
    .await;
}

/// Hole: one address could guess across many usernames (a few tries each) without ever being
/// throttled; now the address as a whole is, and other addresses are not.
#[tokio::test]
async fn many_usernames_from_one_address_throttle_that_address() {
    on_each_engine(async |app| {
        let attacker = client_from(A);
        for attempt in 0..30 {
            let username = format!("gaet-{}", attempt / 4);
            assert_eq!(
                login(&app.base, &attacker, &username, "forkert", None).await,
                StatusCode::UNAUTHORIZED,
                "attempt {attempt}: four tries per username stay under that username's limit"
            );
        }
        assert_eq!(
            login(&app.base, &attacker, "syd-3", PASSWORD, None).await,
            StatusCode::TOO_MANY_REQUESTS,
            "the address is throttled, whatever username it tries"
        );
        let user = client_from(B);
        assert_eq!(
            login(&app.base, &user, "syd-3", PASSWORD, None).await,
            StatusCode::SEE_OTHER
        );
    })
    .await;
}

/// Starts a second server on `app`'s database that believes `X-Forwarded-For`, as
/// `serve --client-ip-header X-Forwarded-For` does; returns its base URL and the sender that stops it.
async fn server_behind_proxy(app: &TestApp) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = auditpanel::Config {
        database_url: app.db.url().to_owned(),
        demo: false,
        clock: web::Clock::Fixed(crate::helpers::NOW),
        web: web::WebConfig {
            client_ip_header: Some("X-Forwarded-For".parse().unwrap()),
            ..web::WebConfig::default()
        },
    };
    let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(auditpanel::serve_until(listener, config, async move {
        let _ = stop.await;
    }));
    let client = crate::helpers::client();
    for _ in 0..600 {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await
            && r.status() == StatusCode::OK
        {
            return (base, shutdown);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server behind the proxy did not start");
}

/// Hole: behind a reverse proxy every client has the proxy's address. With the header option the
/// client address is the right-most `X-Forwarded-For` entry, so a client cannot escape the throttle by
/// putting addresses of its own in front; without the option the header is not believed at all.
#[tokio::test]
async fn behind_a_proxy_the_named_header_gives_the_client_address() {
    on_each_engine(async |app| {
        let (base, _stop) = server_behind_proxy(app).await;
        let proxy = client_from(A);
        thirty_failures(&base, &proxy, "koordinator", Some("203.0.113.7")).await;
        // Spoofed addresses in front of the proxy's entry do not help.
        assert_eq!(
            login(
                &base,
                &proxy,
                "koordinator",
                PASSWORD,
                Some("198.51.100.1, 203.0.113.7")
            )
            .await,
            StatusCode::TOO_MANY_REQUESTS
        );
        // Another client behind the same proxy logs in.
        let other = client_from(A);
        assert_eq!(
            login(&base, &other, "koordinator", PASSWORD, Some("203.0.113.8")).await,
            StatusCode::SEE_OTHER
        );

        // The default server does not believe the header: a new header value from the same peer is
        // the same address, still refused for syd-1 after its failures.
        let direct = client_from(B);
        for _ in 0..5 {
            login(&app.base, &direct, "syd-1", "forkert", Some("192.0.2.1")).await;
        }
        assert_eq!(
            login(&app.base, &direct, "syd-1", PASSWORD, Some("192.0.2.2")).await,
            StatusCode::TOO_MANY_REQUESTS,
            "X-Forwarded-For is ignored unless the operator names it"
        );
    })
    .await;
}
