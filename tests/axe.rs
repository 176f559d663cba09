//! axe-core in the browser: the WCAG 2.1 A and AA rules run on the page open in a [`Browser`] tab.
//!
//! The script is the npm package `axe-core` that `.ci/run` installs into `target/axe` (or the file
//! `$AXE_CORE` names). Without it the tests fail with the command that installs it: they never skip.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::cdp::Browser;

/// The rule tags run: WCAG 2.0 and 2.1, levels A and AA.
const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// The path of `axe.min.js`: `$AXE_CORE`, else where `.ci/run` installs it.
fn axe_path() -> PathBuf {
    std::env::var_os("AXE_CORE").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../target/axe/node_modules/axe-core/axe.min.js")
        },
        PathBuf::from,
    )
}

/// The axe-core script, read once per test.
pub(crate) fn axe_script() -> String {
    let path = axe_path();
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing at {} ({e}): install it with \
             `npm install --no-save --prefix target/axe axe-core@4` (as .ci/run does) or set AXE_CORE \
             to axe.min.js; the accessibility tests do not skip",
            path.display()
        )
    })
}

/// Runs axe-core's WCAG 2.1 A/AA rules on the page open in `browser` and returns the violations, one
/// readable line per rule and node ("rule (impact): help — selector: what to fix"); empty when none.
pub(crate) async fn violations(browser: &mut Browser, script: &str) -> Vec<String> {
    if browser.eval("typeof window.axe").await != json!("object") {
        browser.eval(script).await;
    }
    let found = browser
        .eval(&format!(
            "axe.run(document, {{ runOnly: {{ type: 'tag', values: {} }}, resultTypes: ['violations'] }})\
             .then(r => r.violations.map(v => ({{ id: v.id, impact: v.impact, help: v.help, \
             nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }})))",
            json!(TAGS)
        ))
        .await;
    let mut lines = Vec::new();
    for rule in found.as_array().into_iter().flatten() {
        for node in rule["nodes"].as_array().into_iter().flatten() {
            lines.push(format!(
                "{} ({}): {} — {}",
                text(&rule["id"]),
                text(&rule["impact"]),
                text(&rule["help"]),
                text(node)
            ));
        }
    }
    lines
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or("?")
}
