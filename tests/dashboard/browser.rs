//! The agreement dashboard in a real browser: headless chromium (Debian's package, as in
//! `tests/browser.rs`) logs in through the form, opens 20.1's dashboard and a panelist's "Dig og
//! panelet", checks that the server-drawn SVG figures are laid out, and saves screenshots under
//! `target/screenshots/`. Without chromium the test fails; it never skips.

use std::path::PathBuf;

use serde_json::json;

use crate::cdp::{Browser, chromium_binary};
use crate::helpers::{Engine, PASSWORD, spawn_app};

fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots")
}

async fn log_in(browser: &mut Browser, base: &str, username: &str) {
    browser.goto(&format!("{base}/login")).await;
    browser.type_into("#username", username).await;
    browser.type_into("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser
        .wait_until("location.pathname === '/' && document.readyState === 'complete'")
        .await;
}

#[tokio::test]
async fn the_dashboard_of_20_1_is_drawn_in_chromium() {
    let binary = chromium_binary().expect(
        "chromium is not installed: apt-get install -y --no-install-recommends chromium \
         (or set CHROMIUM to the browser binary); the browser test does not skip",
    );
    let app = spawn_app(Engine::Sqlite).await;
    let mut browser = Browser::launch(&binary).await;

    log_in(&mut browser, &app.base, "koordinator").await;
    browser.goto(&app.url("/audits/20.1/enighed")).await;
    // The heatmap is laid out with one coloured cell per rating (32 units × 8 participants, nearly all
    // rated: more than 240 in 20.1) and has width.
    let cells = browser
        .eval("document.querySelectorAll('svg.heatmap rect.cell').length")
        .await;
    assert!(cells.as_u64().unwrap() > 240, "{cells}");
    assert_eq!(
        browser
            .eval("document.querySelector('svg.heatmap').getBoundingClientRect().width > 300")
            .await,
        json!(true)
    );
    assert_eq!(
        browser
            .eval("!!document.querySelector('#s0-paradoks') && !!document.querySelector('svg.deviation-chart line.zero')")
            .await,
        json!(true)
    );
    browser
        .screenshot(&screenshot_dir().join("dashboard-20.1.png"))
        .await;

    // The koordinator's notes form for one indicator, reached from the "drøft disse først" table.
    let link = "#s0-punkter a[href='/audits/20.1/droeftelser/indikator:3.a']";
    browser
        .eval(&format!(
            "document.querySelector({}).scrollIntoView({{block: 'center'}})",
            json!(link)
        ))
        .await;
    browser.click(link).await;
    browser
        .wait_until("location.pathname === '/audits/20.1/droeftelser/indikator:3.a' && document.readyState === 'complete'")
        .await;
    assert_eq!(
        browser
            .eval("document.querySelectorAll('form.notes-form textarea').length >= 7")
            .await,
        json!(true),
        "ligheder, four opmærksomheder with two blank ones, and two blank datakilder"
    );
    browser
        .screenshot(&screenshot_dir().join("droeftelse-20.1-3.a.png"))
        .await;

    // A panelist's private view.
    browser.click(".who button[type=submit]").await;
    browser
        .wait_until("location.pathname === '/login' && document.readyState === 'complete'")
        .await;
    log_in(&mut browser, &app.base, "midt-1").await;
    browser.goto(&app.url("/audits/20.1/mig")).await;
    assert!(
        browser
            .eval("document.querySelectorAll('strong.own-value').length")
            .await
            .as_u64()
            .unwrap()
            > 25
    );
    browser
        .screenshot(&screenshot_dir().join("mig-20.1-midt-1.png"))
        .await;
}
