//! A minimal Chrome DevTools Protocol client: start Debian's headless `chromium`, open a tab, send
//! commands over the DevTools WebSocket and wait for their answers. Enough to navigate, type, click,
//! read the page and take screenshots, without a browser-automation framework.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{WebSocketStream, client_async};

/// How long one DevTools command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// The chromium binary: `$CHROMIUM`, else `chromium` (Debian's package) or `chromium-browser` on the
/// path.
pub(crate) fn chromium_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A running headless chromium with one tab attached.
pub(crate) struct Browser {
    socket: WebSocketStream<TcpStream>,
    session: String,
    next_id: u64,
    /// DevTools events that arrived while waiting for answers (see [`Browser::take_events`]).
    events: Vec<Value>,
    _child: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts `binary` headless with a throw-away profile and attaches to a new blank tab.
    pub(crate) async fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=1280,900",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", binary.display()));
        // Chromium writes its DevTools port and browser path into the profile once it listens.
        let port_file = profile.path().join("DevToolsActivePort");
        let started = tokio::time::Instant::now();
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file)
                && let Some((port, path)) = text.split_once('\n')
                && !path.trim().is_empty()
            {
                break (port.trim().to_owned(), path.trim().to_owned());
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromium did not open its DevTools port within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}"))
            .await
            .unwrap();
        let (socket, _) = client_async(format!("ws://127.0.0.1:{port}{path}"), stream)
            .await
            .unwrap();
        let mut browser = Browser {
            socket,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            _child: child,
            _profile: profile,
        };
        let target = browser
            .call(None, "Target.createTarget", json!({ "url": "about:blank" }))
            .await;
        let target_id = target["targetId"].as_str().unwrap().to_owned();
        let attached = browser
            .call(
                None,
                "Target.attachToTarget",
                json!({ "targetId": target_id, "flatten": true }),
            )
            .await;
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        browser
    }

    /// Sends one command (to the tab's session, or to the browser when `session` is `None`) and
    /// returns its result; events that arrive meanwhile are kept for [`Browser::take_events`].
    async fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .await
            .unwrap();
        let events = &mut self.events;
        let socket = &mut self.socket;
        let answer = tokio::time::timeout(COMMAND_TIMEOUT, async {
            while let Some(frame) = socket.next().await {
                if let Message::Text(text) = frame.unwrap() {
                    let value: Value = serde_json::from_str(&text).unwrap();
                    if value["id"] == json!(id) {
                        return value;
                    }
                    if value.get("method").is_some() {
                        events.push(value);
                    }
                }
            }
            panic!("the DevTools connection closed");
        })
        .await
        .unwrap_or_else(|_| panic!("{method} got no answer within {COMMAND_TIMEOUT:?}"));
        assert!(answer.get("error").is_none(), "{method} failed: {answer}");
        answer["result"].clone()
    }

    /// The events received so far (`{"method", "params"}`), emptying the buffer.
    pub(crate) fn take_events(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.events)
    }

    /// A command to the tab.
    pub(crate) async fn tab(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call(Some(&session), method, params).await
    }

    /// Evaluates `expression` in the page and returns its value.
    pub(crate) async fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .tab(
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
            )
            .await;
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression} threw: {result}"
        );
        result["result"]["value"].clone()
    }

    /// Opens `url` in the tab and waits until it has loaded.
    pub(crate) async fn goto(&mut self, url: &str) {
        self.tab("Page.navigate", json!({ "url": url })).await;
        self.wait_until(&format!(
            "document.readyState === 'complete' && location.href.startsWith({})",
            json!(url)
        ))
        .await;
    }

    /// Waits until `condition` (a JavaScript expression) is true in the page.
    pub(crate) async fn wait_until(&mut self, condition: &str) {
        let started = tokio::time::Instant::now();
        loop {
            if self.eval(&format!("!!({condition})")).await == json!(true) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "still not true after 20 s: {condition}; the page is {}",
                self.eval("location.href").await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Focuses the element `selector` and types `text` into it, as a keyboard would.
    pub(crate) async fn type_into(&mut self, selector: &str, text: &str) {
        self.eval(&format!(
            "document.querySelector({}).focus()",
            json!(selector)
        ))
        .await;
        self.tab("Input.insertText", json!({ "text": text })).await;
    }

    /// Clicks the middle of the element `selector` with the mouse.
    pub(crate) async fn click(&mut self, selector: &str) {
        let point = self
            .eval(&format!(
                "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); \
                 return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
                json!(selector)
            ))
            .await;
        let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.tab(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            )
            .await;
        }
    }

    /// Saves a PNG screenshot of the whole page to `path`, or of its first 12 000 px for a page taller than
    /// chromium can capture in one piece ("Page is too large"; a checklist round of 20 reports is).
    pub(crate) async fn screenshot(&mut self, path: &Path) {
        const MAX_HEIGHT: u64 = 12_000;
        let size = self
            .eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            .await;
        let (width, height) = (size[0].as_u64().unwrap_or(0), size[1].as_u64().unwrap_or(0));
        let params = if height > MAX_HEIGHT {
            json!({ "format": "png", "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": MAX_HEIGHT, "scale": 1 } })
        } else {
            json!({ "format": "png", "captureBeyondViewport": true })
        };
        let shot = self.tab("Page.captureScreenshot", params).await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}
