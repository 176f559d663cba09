//! In a real browser: Debian's headless chromium logs in through the form by typing and clicking, and
//! screenshots go to `target/screenshots/`. Without chromium this test fails (install it with
//! `apt-get install -y --no-install-recommends chromium`, as `.ci/run` does); it never skips.

use std::path::PathBuf;

use crate::cdp::{Browser, chromium_binary};
use crate::helpers::{Engine, PASSWORD, spawn_app};

fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots")
}

#[tokio::test]
async fn a_koordinator_logs_in_through_the_form_in_chromium() {
    let binary = chromium_binary().expect(
        "chromium is not installed: apt-get install -y --no-install-recommends chromium \
         (or set CHROMIUM to the browser binary); the browser test does not skip",
    );
    let app = spawn_app(Engine::Sqlite).await;
    let mut browser = Browser::launch(&binary).await;

    browser.goto(&app.url("/login")).await;
    assert_eq!(browser.eval("document.documentElement.lang").await, "da");
    browser
        .screenshot(&screenshot_dir().join("login.png"))
        .await;
    browser.type_into("#username", "koordinator").await;
    browser.type_into("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser
        .wait_until("location.pathname === '/' && document.readyState === 'complete'")
        .await;
    assert_eq!(
        browser
            .eval("document.querySelector('h1').textContent")
            .await,
        "Auditforløb"
    );
    // The stylesheet loaded under the Content-Security-Policy (no inline styles needed).
    assert_eq!(
        browser
            .eval("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
            .await,
        "rgb(20, 54, 93)"
    );
    browser
        .screenshot(&screenshot_dir().join("start-koordinator.png"))
        .await;

    browser.click("a[href='/audits/25.1']").await;
    browser
        .wait_until("location.pathname === '/audits/25.1' && document.readyState === 'complete'")
        .await;
    assert_eq!(
        browser.eval("!!document.getElementById('fremdrift')").await,
        true
    );
    browser
        .screenshot(&screenshot_dir().join("audit-25.1-progress.png"))
        .await;

    // Log out with the button in the header.
    browser.click(".who button[type=submit]").await;
    browser
        .wait_until("location.pathname === '/login' && document.readyState === 'complete'")
        .await;
    assert!(
        browser
            .eval("document.body.textContent")
            .await
            .as_str()
            .unwrap()
            .contains("Du er logget ud.")
    );
}
