//! Every screen size, every role, in Debian's headless chromium: each main page of each role at 390 px (a
//! phone) and 1280 px (a laptop) does not scroll sideways, and axe-core's WCAG 2.1 A/AA rules find no
//! violation on it, before and after the reveal; a reason of one 300-character word breaks instead of
//! widening the page; the sticky save bar of the rating form never covers the focused field; the
//! compliance table fits 1280 px. Screenshots of every page at both widths go to
//! `target/screenshots/screens/`. Without chromium or axe-core the tests fail; they never skip.

use std::path::PathBuf;

use serde_json::json;

use crate::axe;
use crate::cdp::{Browser, chromium_binary};
use crate::helpers::{PASSWORD, TestApp, engines, spawn_app};

/// The two widths every page is shown at: a phone held upright and a laptop.
const WIDTHS: [u32; 2] = [390, 1280];

/// The koordinator's main pages; 25.1 is in vurdering (blind), 25.2 in drøftelse (revealed), 19.1, 19.2
/// and 20.1 in opfølgning with a published report (`seeds/demo/`).
const KOORDINATOR: &[&str] = &[
    "/",
    "/audits/25.1",
    "/audits/25.2",
    "/audits/25.2/enighed",
    "/audits/25.2/droeftelser",
    "/audits/25.2/rapport",
    "/audits/25.2/rapport/rediger",
    "/audits/25.2/rapport/offentliggoer",
    "/audits/25.2/rapport/hoering",
    "/audits/19.1/rapport",
    "/audits/19.1/rapport/versioner",
    "/audits/25.2/stikproeve",
    "/audits/19.2/sagsforloeb",
    "/opfoelgning",
    "/opfoelgning/19.1/status",
    "/audits/new",
    "/audits/25.1/edit",
    "/audits/25.1/panel",
    "/audits/25.1/material",
    "/audits/25.1/forms",
    "/audits/25.1/workflow",
    "/audits/25.1/reveal",
    "/indbakke",
];

/// A panelist of 25.1 (blind; syd-3 has not begun it) who sat on 19.1 and 19.2.
const PANELIST_BLIND: &[&str] = &[
    "/",
    "/audits/25.1",
    "/audits/25.1/bedoemmelse",
    "/audits/19.1/rapport",
    "/opfoelgning",
    "/indbakke",
];

/// A panelist of 25.2, which is revealed: round 2, the agreement, their own comparison.
const PANELIST_REVEALED: &[&str] = &[
    "/",
    "/audits/25.2",
    "/audits/25.2/bedoemmelse",
    "/audits/25.2/enighed",
    "/audits/25.2/mig",
    "/audits/25.2/droeftelser",
    "/audits/25.2/stikproeve",
    "/indbakke",
];

/// Midt's contact person: the follow-up of their tilsyn and the published reports.
const TILSYNSKONTAKT: &[&str] = &[
    "/",
    "/opfoelgning",
    "/opfoelgning/19.1/status",
    "/audits/19.1/rapport",
    "/indbakke",
];

/// A reader: the published reports and the follow-up overview.
const LAESER: &[&str] = &[
    "/",
    "/audits/19.1/rapport",
    "/audits/19.1/rapport/versioner",
    "/audits/20.1/rapport",
    "/opfoelgning",
    "/opfoelgning/19.1/praesentation",
    "/indbakke",
];

/// 25.1's pages once the koordinator has revealed it, for the koordinator and for a panelist.
const KOORDINATOR_AFTER_REVEAL: &[&str] = &[
    "/audits/25.1",
    "/audits/25.1/enighed",
    "/audits/25.1/droeftelser",
    "/audits/25.1/rapport",
    "/audits/25.1/workflow",
];
const PANELIST_AFTER_REVEAL: &[&str] = &[
    "/audits/25.1",
    "/audits/25.1/bedoemmelse",
    "/audits/25.1/enighed",
    "/audits/25.1/mig",
];

/// The elements that make a page too wide: those reaching past the window's right edge that no
/// scrolling or clipping ancestor contains, innermost first (up to five), as `tag.class (right edge)`.
const TOO_WIDE: &str = "(() => { const w = window.innerWidth + 1; \
    const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { \
      if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; }; \
    const wide = Array.from(document.body.querySelectorAll('*')).filter(e => e.getBoundingClientRect().right > w && !clipped(e)); \
    return wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 5).map(e => e.tagName.toLowerCase() + \
      (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().replace(/\\s+/g, '.') : '') + \
      ' (' + Math.round(e.getBoundingClientRect().right) + ' px)').join(', '); })()";

/// One unbroken 300-character word, as a panelist might paste a URL or a run of characters.
fn long_word() -> String {
    "Tilsynsdialogforløbsbekymring".repeat(11)[..300].to_owned()
}

fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots/screens")
}

fn browser_binary() -> PathBuf {
    chromium_binary().expect(
        "chromium is not installed: apt-get install -y --no-install-recommends chromium \
         (or set CHROMIUM to the browser binary); the browser test does not skip",
    )
}

/// What one sweep found wrong, page by page; the test fails on the whole list at the end, so one run
/// shows every problem.
#[derive(Default)]
struct Findings(Vec<String>);

impl Findings {
    fn assert_none(&self) {
        assert!(
            self.0.is_empty(),
            "{} problem(s):\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

/// A browser logged in as `username` through the login form.
async fn logged_in(app: &TestApp, username: &str) -> Browser {
    let mut browser = Browser::launch(&browser_binary()).await;
    browser.goto(&app.url("/login")).await;
    browser.type_into("#username", username).await;
    browser.type_into("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser
        .wait_until("location.pathname === '/' && document.readyState === 'complete'")
        .await;
    browser
}

/// Makes the tab a window `width` px wide (a desktop window, so that nothing zooms out to hide a
/// page that is too wide).
async fn set_width(browser: &mut Browser, width: u32) {
    browser
        .tab(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 844, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await;
}

/// Opens `path` at each width as `who`: checks that it answered 200, that it does not scroll sideways
/// and that axe-core finds no violation; saves a screenshot. Problems go to `findings`.
async fn check_pages(
    browser: &mut Browser,
    app: &TestApp,
    who: &str,
    paths: &[&str],
    axe_script: &str,
    findings: &mut Findings,
) {
    for width in WIDTHS {
        set_width(browser, width).await;
        for path in paths {
            check_page(browser, app, who, path, width, axe_script, findings).await;
        }
    }
}

async fn check_page(
    browser: &mut Browser,
    app: &TestApp,
    who: &str,
    path: &str,
    width: u32,
    axe_script: &str,
    findings: &mut Findings,
) {
    let at = format!("{who} {path} at {width} px");
    browser.goto(&app.url(path)).await;
    let status = browser
        .eval("performance.getEntriesByType('navigation')[0].responseStatus")
        .await;
    if status != json!(200) {
        findings.0.push(format!("{at}: answered {status}"));
        return;
    }
    let widths = browser
        .eval("[document.documentElement.scrollWidth, window.innerWidth]")
        .await;
    let (scroll, inner) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
    assert_eq!(inner, u64::from(width), "the window is {width} px wide");
    if scroll > inner {
        let widest = browser.eval(TOO_WIDE).await;
        findings.0.push(format!(
            "{at}: the page is {scroll} px wide and scrolls sideways; too wide: {widest}"
        ));
    }
    for violation in axe::violations(browser, axe_script).await {
        findings.0.push(format!("{at}: axe: {violation}"));
    }
    let name = format!(
        "{who}{}-{width}.png",
        path.replace(['/', '.'], "_").trim_end_matches('_')
    );
    browser.screenshot(&screenshot_dir().join(name)).await;
}

#[tokio::test]
async fn every_main_page_of_every_role_fits_390_and_1280_px_and_axe_finds_no_violation() {
    let axe_script = axe::axe_script();
    for engine in engines() {
        eprintln!("running on {engine:?}");
        let app = spawn_app(engine).await;
        let mut findings = Findings::default();

        let mut anonymous = Browser::launch(&browser_binary()).await;
        check_pages(
            &mut anonymous,
            &app,
            "anonym",
            &["/login"],
            &axe_script,
            &mut findings,
        )
        .await;

        for (who, pages) in [
            ("koordinator", KOORDINATOR),
            ("syd-3", PANELIST_BLIND),
            ("midt-4", PANELIST_REVEALED),
            ("tilsynskontakt-midt", TILSYNSKONTAKT),
            ("laeser", LAESER),
        ] {
            let mut browser = logged_in(&app, who).await;
            check_pages(&mut browser, &app, who, pages, &axe_script, &mut findings).await;
        }

        // The compliance table fits a laptop's width without scrolling inside its own container.
        let mut koordinator = logged_in(&app, "koordinator").await;
        set_width(&mut koordinator, 1280).await;
        koordinator.goto(&app.url("/audits/25.2/stikproeve")).await;
        let overflowing = koordinator
            .eval(
                "Array.from(document.querySelectorAll('table.compliance')).map(t => t.closest('.table-scroll') || t)\
                 .filter(e => e.scrollWidth > e.clientWidth).length",
            )
            .await;
        if overflowing != json!(0) {
            findings
                .0
                .push("the compliance table does not fit 1280 px".to_owned());
        }
        findings.assert_none();
    }
}

#[tokio::test]
async fn a_300_character_word_in_a_reason_breaks_and_the_revealed_pages_still_fit_and_pass_axe() {
    let axe_script = axe::axe_script();
    let word = long_word();
    for engine in engines() {
        eprintln!("running on {engine:?}");
        let app = spawn_app(engine).await;
        let mut findings = Findings::default();

        // syd-3 rates every unit of 25.1, writes the long word as the first reason and submits.
        let mut panelist = logged_in(&app, "syd-3").await;
        set_width(&mut panelist, 390).await;
        panelist.goto(&app.url("/audits/25.1/bedoemmelse")).await;
        panelist
            .eval(
                "document.querySelectorAll('fieldset.unit').forEach(f => \
                 f.querySelector('input[type=radio]').checked = true)",
            )
            .await;
        panelist.type_into("fieldset.unit textarea", &word).await;
        sticky_bar_leaves_the_focused_field_visible(&mut panelist, &mut findings).await;
        panelist
            .eval("document.querySelector('button[name=handling][value=indsend]').scrollIntoView()")
            .await;
        panelist.click("button[name=handling][value=indsend]").await;
        // "Indsend" asks first and lists what will be submitted, the long word included: that page must
        // fit too.
        panelist
            .wait_until("location.pathname === '/audits/25.1/bedoemmelse/indsend' && document.readyState === 'complete'")
            .await;
        let widths = panelist
            .eval("[document.documentElement.scrollWidth, window.innerWidth]")
            .await;
        if widths[0].as_u64() > widths[1].as_u64() {
            findings.0.push(format!(
                "syd-3 the Indsend confirmation with the long word scrolls sideways: {widths}"
            ));
        }
        panelist
            .eval("document.querySelector('main form button[type=submit]').scrollIntoView({block: 'center'})")
            .await;
        panelist.click("main form button[type=submit]").await;
        panelist
            .wait_until(
                "location.search === '?gemt=indsendt' && document.readyState === 'complete'",
            )
            .await;
        assert!(
            panelist
                .eval("document.querySelector('main').textContent")
                .await
                .as_str()
                .unwrap()
                .contains(&word),
            "the submitted form shows the reason"
        );
        check_pages(
            &mut panelist,
            &app,
            "syd-3-lange-ord",
            &["/audits/25.1/bedoemmelse"],
            &axe_script,
            &mut findings,
        )
        .await;

        // The koordinator reveals 25.1 through the confirmation page.
        let mut koordinator = logged_in(&app, "koordinator").await;
        koordinator.goto(&app.url("/audits/25.1/reveal")).await;
        koordinator
            .click("form[action$='/transition'] button[type=submit]")
            .await;
        koordinator
            .wait_until(
                "location.pathname !== '/audits/25.1/reveal' && document.readyState === 'complete'",
            )
            .await;
        check_pages(
            &mut koordinator,
            &app,
            "koordinator-afsloeret",
            KOORDINATOR_AFTER_REVEAL,
            &axe_script,
            &mut findings,
        )
        .await;

        // Another panelist of 25.1 now reads syd-3's reason beside the panel's distribution.
        let mut other = logged_in(&app, "syd-1").await;
        check_pages(
            &mut other,
            &app,
            "syd-1-afsloeret",
            PANELIST_AFTER_REVEAL,
            &axe_script,
            &mut findings,
        )
        .await;
        other.goto(&app.url("/audits/25.1/bedoemmelse")).await;
        assert!(
            other
                .eval("document.querySelector('main').textContent")
                .await
                .as_str()
                .unwrap()
                .contains(&word),
            "after the reveal the panel reads syd-3's reason"
        );
        findings.assert_none();
    }
}

/// On the rating form at 390 px, focusing a field further down (as the Tab key does) scrolls it into
/// view above the sticky save bar, not under it.
async fn sticky_bar_leaves_the_focused_field_visible(
    browser: &mut Browser,
    findings: &mut Findings,
) {
    browser.eval("window.scrollTo(0, 0)").await;
    for index in [3, 12] {
        let covered = browser
            .eval(&format!(
                "(() => {{ const field = document.querySelectorAll('fieldset.unit textarea')[{index}]; \
                 field.focus(); const bar = document.querySelector('form.rating .actions').getBoundingClientRect(); \
                 const box = field.getBoundingClientRect(); \
                 return box.bottom > bar.top ? [box.bottom, bar.top] : null; }})()"
            ))
            .await;
        if !covered.is_null() {
            findings.0.push(format!(
                "the sticky save bar covers the focused reason {index}: field bottom, bar top = {covered}"
            ));
        }
    }
}

/// The ids a page's error summary links to, in the summary's order, and whether they stand in the
/// same order in the page; and which element has the focus.
const SUMMARY: &str = "(() => { const s = document.querySelector('.error-summary'); if (!s) return null; \
    const targets = Array.from(s.querySelectorAll('a[href^=\"#\"]')).map(a => document.getElementById(a.getAttribute('href').slice(1))); \
    const inOrder = targets.every((t, i) => t && (i === 0 || (targets[i - 1].compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING))); \
    return { links: targets.length, inOrder, focused: document.activeElement === s }; })()";

#[tokio::test]
async fn error_summaries_list_errors_in_page_order_take_the_focus_and_pass_axe() {
    let axe_script = axe::axe_script();
    let app = spawn_app(crate::helpers::Engine::Sqlite).await;
    let mut findings = Findings::default();

    // The koordinator sends the new-audit form empty: number, title and purpose are refused.
    let mut koordinator = logged_in(&app, "koordinator").await;
    koordinator.goto(&app.url("/audits/new")).await;
    koordinator
        .eval("document.querySelector('form.setup [name=titel]').form.submit()")
        .await;
    koordinator
        .wait_until(
            "document.readyState === 'complete' && !!document.querySelector('.error-summary')",
        )
        .await;
    let summary = koordinator.eval(SUMMARY).await;
    assert!(summary["links"].as_u64().unwrap() >= 3, "{summary}");
    assert_eq!(summary["inOrder"], json!(true), "{summary}");
    assert_eq!(summary["focused"], json!(true), "{summary}");
    for violation in axe::violations(&mut koordinator, &axe_script).await {
        findings
            .0
            .push(format!("/audits/new with errors: axe: {violation}"));
    }

    // syd-3 writes reasons without values for the 4th and 5th unit of the rating form: the 4th is
    // the first material's last item, the 5th the second material's first item, so sorting by item
    // (rather than by place on the page) would list them the other way round.
    let mut panelist = logged_in(&app, "syd-3").await;
    panelist.goto(&app.url("/audits/25.1/bedoemmelse")).await;
    for index in [4, 3] {
        panelist
            .eval(&format!(
                "document.querySelectorAll('fieldset.unit textarea')[{index}].value = 'En begrundelse uden bedømmelse'"
            ))
            .await;
    }
    panelist.click("button[name=handling][value=kladde]").await;
    panelist
        .wait_until(
            "document.readyState === 'complete' && !!document.querySelector('.error-summary')",
        )
        .await;
    let summary = panelist.eval(SUMMARY).await;
    assert_eq!(summary["links"], json!(2), "{summary}");
    assert_eq!(summary["inOrder"], json!(true), "{summary}");
    assert_eq!(summary["focused"], json!(true), "{summary}");
    for violation in axe::violations(&mut panelist, &axe_script).await {
        findings
            .0
            .push(format!("the rating form with errors: axe: {violation}"));
    }
    findings.assert_none();
}
