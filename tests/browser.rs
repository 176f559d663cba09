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

#[tokio::test]
async fn a_panelist_rates_25_1_by_clicking_radio_buttons_and_submits_in_chromium() {
    let binary = chromium_binary().expect(
        "chromium is not installed: apt-get install -y --no-install-recommends chromium \
         (or set CHROMIUM to the browser binary); the browser test does not skip",
    );
    let app = spawn_app(Engine::Sqlite).await;
    let mut browser = Browser::launch(&binary).await;

    // syd-3 has not begun 25.1 (seed `seeds/demo/25.1.toml`).
    browser.goto(&app.url("/login")).await;
    browser.type_into("#username", "syd-3").await;
    browser.type_into("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser
        .wait_until("location.pathname === '/' && document.readyState === 'complete'")
        .await;
    browser.click("a[href='/audits/25.1/bedoemmelse']").await;
    browser
        .wait_until(
            "location.pathname === '/audits/25.1/bedoemmelse' && document.readyState === 'complete'",
        )
        .await;

    // One radio per unit, in the page's (the panelist's own) order: values 1–5 in turn, and
    // "Kan ikke bedømmes" for the last unit.
    let radios = browser
        .eval(
            "Array.from(document.querySelectorAll('fieldset.unit')).map((f, i, all) => \
             f.querySelector(i === all.length - 1 ? 'input[value=kan-ikke-bedoemmes]' \
             : `input[value=\"${i % 5 + 1}\"]`).id)",
        )
        .await;
    let radios: Vec<String> = radios
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(radios.len(), 40, "10 reports × 4 indicators");
    for id in &radios {
        let selector = format!("#{id}");
        browser
            .eval(&format!(
                "document.querySelector('{selector}').scrollIntoView({{block: 'center'}})"
            ))
            .await;
        // Click the label, as a person would (it is the larger target).
        browser.click(&format!("label[for='{id}']")).await;
    }
    let checked = browser
        .eval("document.querySelectorAll('fieldset.unit input[type=radio]:checked').length")
        .await;
    assert_eq!(checked, 40, "every click checked its radio button");

    // The reason of the first unit on the page.
    let reason = browser
        .eval("document.querySelector('fieldset.unit textarea').id")
        .await;
    let reason = reason.as_str().unwrap();
    browser
        .eval(&format!(
            "document.getElementById('{reason}').scrollIntoView({{block: 'center'}})"
        ))
        .await;
    browser
        .type_into(
            &format!("#{reason}"),
            "Ledelsen har en relevant uddannelse og erfaring.",
        )
        .await;
    browser
        .screenshot(&screenshot_dir().join("rating-25.1-filled.png"))
        .await;
    viewport_screenshot(&mut browser, "rating-25.1-filled-unit.png").await;

    browser.click("button[name=handling][value=indsend]").await;
    // "Indsend" asks first, listing what will be submitted.
    browser
        .wait_until("location.pathname === '/audits/25.1/bedoemmelse/indsend' && document.readyState === 'complete'")
        .await;
    let confirmation = browser
        .eval("document.querySelector('main').textContent")
        .await;
    assert!(
        confirmation
            .as_str()
            .unwrap()
            .contains("Ledelsen har en relevant uddannelse og erfaring."),
        "{confirmation}"
    );
    browser
        .screenshot(&screenshot_dir().join("rating-25.1-confirm-submit.png"))
        .await;
    // The button is below the 40 rows; a person scrolls to it.
    browser
        .eval("document.querySelector('main form button[type=submit]').scrollIntoView({block: 'center'})")
        .await;
    browser.click("main form button[type=submit]").await;
    browser
        .wait_until("location.search === '?gemt=indsendt' && document.readyState === 'complete'")
        .await;
    let text = browser
        .eval("document.querySelector('main').textContent")
        .await;
    let text = text.as_str().unwrap();
    assert!(text.contains("Dine bedømmelser er indsendt."), "{text}");
    assert!(text.contains("40 indsendt, 0 i kladde, 0 ikke startet"));
    assert!(text.contains("Ledelsen har en relevant uddannelse og erfaring."));
    assert_eq!(
        browser
            .eval("document.querySelectorAll('main input[type=radio]').length")
            .await,
        0,
        "read-only after submitting"
    );
    browser
        .screenshot(&screenshot_dir().join("rating-25.1-submitted.png"))
        .await;
    browser.eval("window.scrollTo(0, 0)").await;
    viewport_screenshot(&mut browser, "rating-25.1-submitted-top.png").await;
}

/// A PNG of what is on the screen now (the 1280 × 900 window), for pages too long to judge whole.
async fn viewport_screenshot(browser: &mut Browser, name: &str) {
    use base64::Engine as _;
    let shot = browser
        .tab(
            "Page.captureScreenshot",
            serde_json::json!({ "format": "png" }),
        )
        .await;
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().unwrap())
        .unwrap();
    std::fs::create_dir_all(screenshot_dir()).unwrap();
    std::fs::write(screenshot_dir().join(name), png).unwrap();
}
