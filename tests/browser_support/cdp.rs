//! Just enough of the Chrome DevTools Protocol to drive a headless Chromium
//! from a test, with no crate beyond serde_json.
//!
//! Chromium speaks CDP over a pipe (`--remote-debugging-pipe`): it reads
//! commands from file descriptor 3 and writes replies and events to file
//! descriptor 4, each message one JSON object ended by a NUL byte. The
//! standard library cannot hand a child descriptors 3 and 4, so Chromium
//! is started through `/bin/sh`, which moves our stdin and stdout pipes
//! there. No port, no WebSocket, nothing another process could connect to.
//!
//! Every page gets its own target and a flat session; every event is kept,
//! so a test can ask afterwards what a page logged and requested.

use serde_json::{Value, json};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long one command or awaited event may take. Generous: the machine
/// running the tests may be busy compiling.
const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Browser {
    child: Child,
    commands: ChildStdin,
    messages: Receiver<Value>,
    /// Every event received so far (messages without an id), in order.
    events: Vec<Value>,
    next_id: u64,
    profile: tempfile::TempDir,
}

/// One open page: its target and the session attached to it.
pub struct Tab {
    pub target: String,
    pub session: String,
    /// Index into the event log where this tab's last navigation began.
    mark: usize,
}

/// The size of the window a page is laid out in.
#[derive(Clone, Copy)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
    pub mobile: bool,
}

impl Viewport {
    /// A small phone held upright.
    pub const PHONE: Viewport = Viewport {
        width: 360,
        height: 780,
        mobile: true,
    };
}

/// What a page did, from the browser's own records.
#[derive(Debug, Default)]
pub struct Record {
    /// console.error / console.assert calls, uncaught exceptions and the
    /// browser's own error log entries (failed loads, blocked resources).
    pub console_errors: Vec<String>,
    /// Every URL the page asked for, including data: and the document.
    pub requests: Vec<String>,
    /// URLs that answered with HTTP 400 or above.
    pub failed_responses: Vec<String>,
}

impl Browser {
    /// Starts `chromium` headless with a fresh profile and the flags the
    /// project uses everywhere; host names other than 127.0.0.1 resolve to
    /// nothing, so a stray request can be seen but never leaves the machine.
    pub fn launch(chromium: &Path) -> Result<Browser, String> {
        let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
        let log = File::create(profile.path().join("chromium.log")).map_err(|e| e.to_string())?;
        let mut child = Command::new("/bin/sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>&2"#)
            .arg(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", chromium.display()))?;
        let commands = child.stdin.take().ok_or("no pipe to Chromium")?;
        let replies = child.stdout.take().ok_or("no pipe from Chromium")?;
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(replies);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if message.last() == Some(&0) {
                            message.pop();
                        }
                        let Ok(value) = serde_json::from_slice::<Value>(&message) else {
                            continue;
                        };
                        if sender.send(value).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            commands,
            messages,
            events: Vec::new(),
            next_id: 1,
            profile,
        };
        // Fails fast, with Chromium's log, if the pipe does not work.
        browser.call(None, "Browser.getVersion", json!({}))?;
        Ok(browser)
    }

    /// Sends one command (to a page session, or to the browser) and waits
    /// for its reply, keeping the events that arrive meanwhile.
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).map_err(|e| e.to_string())?;
        bytes.push(0);
        self.commands
            .write_all(&bytes)
            .and_then(|()| self.commands.flush())
            .map_err(|e| format!("{method}: cannot write to Chromium: {e}{}", self.log_tail()))?;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline, method)?;
            if message.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(error) = message.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(message.get("result").cloned().unwrap_or(Value::Null));
            }
            if message.get("id").is_none() {
                self.events.push(message);
            }
        }
    }

    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Result<Value, String> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => Ok(message),
            Err(RecvTimeoutError::Timeout) => Err(format!(
                "Chromium did not answer {waiting_for} within {TIMEOUT:?}{}",
                self.log_tail()
            )),
            Err(RecvTimeoutError::Disconnected) => Err(format!(
                "Chromium closed the pipe while we waited for {waiting_for}{}",
                self.log_tail()
            )),
        }
    }

    /// The end of Chromium's own log, to explain a failure.
    fn log_tail(&self) -> String {
        let text =
            std::fs::read_to_string(self.profile.path().join("chromium.log")).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("\n--- chromium log (last lines) ---\n{tail}")
    }

    /// Waits for `method` on `session`, among events from index `since` on.
    fn wait_event(&mut self, session: &str, method: &str, since: usize) -> Result<Value, String> {
        let matches = |event: &Value| {
            event["method"] == method && event["sessionId"].as_str() == Some(session)
        };
        if let Some(event) = self.events[since.min(self.events.len())..]
            .iter()
            .find(|e| matches(e))
        {
            return Ok(event.clone());
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline, method)?;
            if message.get("id").is_some() {
                continue;
            }
            let found = matches(&message);
            self.events.push(message.clone());
            if found {
                return Ok(message);
            }
        }
    }

    /// Opens a new page laid out at `viewport`, with console, log and
    /// network recording on, and loads `url` in it.
    pub fn open(&mut self, url: &str, viewport: Viewport) -> Result<Tab, String> {
        let created = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let target = created["targetId"]
            .as_str()
            .ok_or("Target.createTarget gave no targetId")?
            .to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("Target.attachToTarget gave no sessionId")?
            .to_string();
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            self.call(Some(&session), domain, json!({}))?;
        }
        self.call(
            Some(&session),
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": viewport.width,
                "height": viewport.height,
                "deviceScaleFactor": 1,
                "mobile": viewport.mobile,
            }),
        )?;
        let mut tab = Tab {
            target,
            session,
            mark: 0,
        };
        self.navigate(&mut tab, url)?;
        Ok(tab)
    }

    /// Loads `url` in `tab` and waits for its load event and a short quiet
    /// moment after it (deferred scripts have run by then).
    pub fn navigate(&mut self, tab: &mut Tab, url: &str) -> Result<(), String> {
        tab.mark = self.events.len();
        let navigated = self.call(Some(&tab.session), "Page.navigate", json!({ "url": url }))?;
        if let Some(error) = navigated.get("errorText").and_then(Value::as_str) {
            return Err(format!("cannot load {url}: {error}"));
        }
        let session = tab.session.clone();
        self.wait_event(&session, "Page.loadEventFired", tab.mark)?;
        self.eval(tab, "new Promise(done => setTimeout(done, 150))")?;
        Ok(())
    }

    /// Evaluates `expression` in the page, awaiting a promise, and returns
    /// its value. A thrown exception is an error.
    pub fn eval(&mut self, tab: &Tab, expression: &str) -> Result<Value, String> {
        let result = self.call(
            Some(&tab.session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            return Err(format!("{expression}: {details}"));
        }
        Ok(result["result"]["value"].clone())
    }

    /// Types `text` into the focused element the way an input method
    /// commits it (one insertion, as when a Chinese word is chosen).
    pub fn type_text(&mut self, tab: &Tab, text: &str) -> Result<(), String> {
        self.call(
            Some(&tab.session),
            "Input.insertText",
            json!({ "text": text }),
        )
        .map(|_| ())
    }

    /// Presses and releases Enter.
    pub fn press_enter(&mut self, tab: &Tab) -> Result<(), String> {
        for kind in ["keyDown", "keyUp"] {
            let mut key = json!({
                "type": kind,
                "key": "Enter",
                "code": "Enter",
                "windowsVirtualKeyCode": 13,
                "nativeVirtualKeyCode": 13,
            });
            if kind == "keyDown" {
                key["text"] = json!("\r");
            }
            self.call(Some(&tab.session), "Input.dispatchKeyEvent", key)?;
        }
        Ok(())
    }

    /// What the tab did since it was opened, from every event kept.
    pub fn record(&self, tab: &Tab) -> Record {
        let mut record = Record::default();
        for event in &self.events {
            if event["sessionId"].as_str() != Some(tab.session.as_str()) {
                continue;
            }
            let params = &event["params"];
            match event["method"].as_str().unwrap_or("") {
                "Runtime.consoleAPICalled" => {
                    let kind = params["type"].as_str().unwrap_or("");
                    if kind == "error" || kind == "assert" {
                        let text: Vec<String> = params["args"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|arg| match &arg["value"] {
                                Value::String(s) => s.clone(),
                                Value::Null => arg["description"].as_str().unwrap_or("").into(),
                                other => other.to_string(),
                            })
                            .collect();
                        record
                            .console_errors
                            .push(format!("console.{kind}: {}", text.join(" ")));
                    }
                }
                "Runtime.exceptionThrown" => {
                    let details = &params["exceptionDetails"];
                    let text = details["exception"]["description"]
                        .as_str()
                        .or(details["text"].as_str())
                        .unwrap_or("exception");
                    record
                        .console_errors
                        .push(format!("uncaught exception: {text}"));
                }
                "Log.entryAdded" => {
                    let entry = &params["entry"];
                    if entry["level"] == "error" {
                        record.console_errors.push(format!(
                            "log ({}): {} {}",
                            entry["source"].as_str().unwrap_or(""),
                            entry["text"].as_str().unwrap_or(""),
                            entry["url"].as_str().unwrap_or("")
                        ));
                    }
                }
                "Network.requestWillBeSent" => {
                    if let Some(url) = params["request"]["url"].as_str() {
                        record.requests.push(url.to_string());
                    }
                }
                "Network.responseReceived" => {
                    let response = &params["response"];
                    if response["status"].as_u64().unwrap_or(0) >= 400 {
                        record.failed_responses.push(format!(
                            "{} {}",
                            response["status"],
                            response["url"].as_str().unwrap_or("")
                        ));
                    }
                }
                _ => {}
            }
        }
        record
    }

    pub fn close(&mut self, tab: Tab) -> Result<(), String> {
        self.call(
            None,
            "Target.closeTarget",
            json!({ "targetId": tab.target }),
        )
        .map(|_| ())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ask politely, then make sure: the profile folder is removed after.
        let _ = self.call(None, "Browser.close", json!({}));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
