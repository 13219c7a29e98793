//! countroom's HTML documents in headless Chromium: printed to PDF
//! (`countroom … --format pdf`) and inspected by the browser tests.
//!
//! Chromium is started as a child process with the flags that keep it off
//! the network (`--disable-background-networking`, `--disable-sync`,
//! `--disable-component-update`, …) and a new, empty profile in a
//! temporary directory, and driven over the Chrome DevTools Protocol on a
//! loopback WebSocket (`--remote-debugging-port=0`: Chromium picks a free
//! port and writes it to `DevToolsActivePort` in the profile). The protocol,
//! rather than `--print-to-pdf`, is what gives page numbers: Chromium does
//! not support CSS `@page` margin boxes, and only `Page.printToPDF` takes a
//! footer template (`page N of M`). The same session reports console
//! messages and every network request, which the tests assert on.
//!
//! Nothing here decides anything about a count: it prints what
//! `countroom-html` wrote. Chromium writes the time it printed as the PDF's
//! creation and modification dates; [`drop_dates`] blanks them out in
//! place, so the same page gives the same PDF bytes (with the same
//! Chromium: its version is in the PDF's `/Creator` and `/Producer`).

use std::io::Write as _;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};
use tungstenite::{Message, WebSocket};

/// What can go wrong driving Chromium.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No Chromium was found.
    #[error("headless Chromium is needed for --format pdf and was not found (looked for $COUNTROOM_CHROMIUM, chromium, chromium-browser, google-chrome on PATH); install it with `apt-get install chromium` (Debian, Ubuntu) or set COUNTROOM_CHROMIUM to its path")]
    NotFound,
    /// Chromium could not be started.
    #[error("Chromium ({path}) could not be started: {source}")]
    Start {
        /// The executable.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file (the profile, the page) could not be written or read.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// Why.
        source: std::io::Error,
    },
    /// Chromium did not answer in time.
    #[error("Chromium did not {what} within {seconds} s")]
    Timeout {
        /// What it did not do.
        what: &'static str,
        /// The time allowed.
        seconds: u64,
    },
    /// The DevTools connection failed.
    #[error("the DevTools connection to Chromium failed: {0}")]
    Protocol(String),
    /// Chromium answered a command with an error.
    #[error("Chromium refused {method}: {message}")]
    Command {
        /// The DevTools method.
        method: String,
        /// Its error.
        message: String,
    },
}

/// How long any one step may take.
const STEP: Duration = Duration::from_secs(30);

/// The Chromium executable: `$COUNTROOM_CHROMIUM`, else the first of
/// `chromium`, `chromium-browser`, `google-chrome` on `PATH`.
#[must_use]
pub fn find() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("COUNTROOM_CHROMIUM") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// A running headless Chromium with one page open.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    events: Vec<Value>,
    profile: tempfile::TempDir,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser")
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

/// What a page did while it was loaded: for the tests' assertions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Console messages and log entries of level error, and uncaught
    /// exceptions, as text.
    pub errors: Vec<String>,
    /// Every URL the page requested other than the page itself.
    pub requests: Vec<String>,
}

impl Browser {
    /// Starts Chromium (found by [`find`]) with a new empty profile and
    /// opens a blank page.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is no Chromium; otherwise when it
    /// cannot be started or does not answer.
    pub fn start() -> Result<Self, Error> {
        let path = find().ok_or(Error::NotFound)?;
        Self::start_at(&path)
    }

    /// Starts the Chromium at `path`.
    ///
    /// # Errors
    /// When it cannot be started or does not answer.
    pub fn start_at(path: &Path) -> Result<Self, Error> {
        let profile = tempfile::Builder::new()
            .prefix("countroom-chromium-")
            .tempdir()
            .map_err(|source| Error::Io {
                what: "a Chromium profile directory could not be made".into(),
                source,
            })?;
        let child = Command::new(path)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| Error::Start {
                path: path.to_owned(),
                source,
            })?;
        let mut guard = ChildGuard(Some(child));
        let port_file = profile.path().join("DevToolsActivePort");
        let start = Instant::now();
        let (port, ws_path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                let mut lines = text.lines();
                if let (Some(port), Some(p)) = (lines.next(), lines.next()) {
                    if let Ok(port) = port.trim().parse::<u16>() {
                        break (port, p.trim().to_owned());
                    }
                }
            }
            if let Some(c) = guard.0.as_mut() {
                if let Ok(Some(status)) = c.try_wait() {
                    return Err(Error::Protocol(format!(
                        "Chromium exited at start ({status})"
                    )));
                }
            }
            if start.elapsed() > STEP {
                return Err(Error::Timeout {
                    what: "start",
                    seconds: STEP.as_secs(),
                });
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(("127.0.0.1", port))
            .map_err(|e| Error::Protocol(format!("connecting to 127.0.0.1:{port}: {e}")))?;
        stream
            .set_read_timeout(Some(STEP))
            .map_err(|e| Error::Protocol(e.to_string()))?;
        let url = format!("ws://127.0.0.1:{port}{ws_path}");
        let (ws, _) = tungstenite::client(url.as_str(), stream)
            .map_err(|e| Error::Protocol(e.to_string()))?;
        let child = guard
            .0
            .take()
            .ok_or_else(|| Error::Protocol("lost the child".into()))?;
        let mut b = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            profile,
        };
        let target = b.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let target_id = target["targetId"].as_str().unwrap_or_default().to_owned();
        let attached = b.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        )?;
        b.session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            b.page(domain, json!({}))?;
        }
        Ok(b)
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<u64, Error> {
        self.next_id += 1;
        let mut msg = json!({ "id": self.next_id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .map_err(|e| Error::Protocol(e.to_string()))?;
        Ok(self.next_id)
    }

    fn read(&mut self) -> Result<Value, Error> {
        let start = Instant::now();
        loop {
            let m = match self.ws.read() {
                Ok(m) => m,
                // A signal (another test's Chromium exiting: SIGCHLD) can
                // interrupt the blocking read before any byte arrives
                // (EINTR); nothing was consumed, so the read is tried
                // again, within the step's time.
                Err(tungstenite::Error::Io(e))
                    if e.kind() == std::io::ErrorKind::Interrupted && start.elapsed() <= STEP =>
                {
                    continue
                }
                Err(e) => return Err(Error::Protocol(e.to_string())),
            };
            let text = match m {
                Message::Text(t) => t.to_string(),
                Message::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
                Message::Close(_) => {
                    return Err(Error::Protocol("Chromium closed the connection".into()))
                }
                _ => continue,
            };
            return serde_json::from_str(&text).map_err(|e| Error::Protocol(e.to_string()));
        }
    }

    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value, Error> {
        let id = self.send(session, method, params)?;
        let start = Instant::now();
        loop {
            let v = self.read()?;
            if v["id"].as_u64() == Some(id) {
                if let Some(e) = v.get("error") {
                    return Err(Error::Command {
                        method: method.to_owned(),
                        message: e["message"].as_str().unwrap_or("").to_owned(),
                    });
                }
                return Ok(v["result"].clone());
            }
            if v.get("method").is_some() {
                self.events.push(v);
            }
            if start.elapsed() > STEP {
                return Err(Error::Timeout {
                    what: "answer",
                    seconds: STEP.as_secs(),
                });
            }
        }
    }

    fn page(&mut self, method: &str, params: Value) -> Result<Value, Error> {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    /// Writes `html` to a file in the profile directory and loads it
    /// (`file://`), waiting for its load event; gives what the page logged
    /// and requested while loading.
    ///
    /// # Errors
    /// When the file cannot be written or the page does not load.
    pub fn load(&mut self, html: &str) -> Result<Loaded, Error> {
        let file = self.profile.path().join("document.html");
        std::fs::File::create(&file)
            .and_then(|mut f| f.write_all(html.as_bytes()))
            .map_err(|source| Error::Io {
                what: format!("{} could not be written", file.display()),
                source,
            })?;
        let url = format!("file://{}", file.display());
        self.navigate(&url)
    }

    /// Opens `url` (a page served on loopback, as `countroom serve` does),
    /// waiting for its load event; gives what the page logged and
    /// requested while loading (requests other than `url` itself).
    ///
    /// # Errors
    /// When the page does not load.
    pub fn navigate(&mut self, url: &str) -> Result<Loaded, Error> {
        self.events.clear();
        self.page("Page.navigate", json!({ "url": url }))?;
        let start = Instant::now();
        while !self
            .events
            .iter()
            .any(|e| e["method"] == "Page.loadEventFired")
        {
            if start.elapsed() > STEP {
                return Err(Error::Timeout {
                    what: "load the page",
                    seconds: STEP.as_secs(),
                });
            }
            let v = self.read()?;
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
        // Let late console messages arrive: a round trip flushes them.
        self.page("Runtime.evaluate", json!({ "expression": "0" }))?;
        let mut loaded = Loaded::default();
        for e in &self.events {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or("") {
                "Runtime.consoleAPICalled" if p["type"] == "error" => {
                    loaded.errors.push(p["args"].to_string());
                }
                "Runtime.exceptionThrown" => loaded.errors.push(p["exceptionDetails"].to_string()),
                "Log.entryAdded" if p["entry"]["level"] == "error" => {
                    loaded
                        .errors
                        .push(p["entry"]["text"].as_str().unwrap_or("").to_owned());
                }
                "Network.requestWillBeSent" => {
                    let u = p["request"]["url"].as_str().unwrap_or("");
                    if u != url {
                        loaded.requests.push(u.to_owned());
                    }
                }
                _ => {}
            }
        }
        Ok(loaded)
    }

    /// Evaluates a JavaScript expression in the page and gives its value
    /// (as JSON).
    ///
    /// # Errors
    /// When Chromium refuses it or it throws.
    pub fn evaluate(&mut self, expression: &str) -> Result<Value, Error> {
        let r = self.page(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        )?;
        if let Some(x) = r.get("exceptionDetails") {
            return Err(Error::Command {
                method: "Runtime.evaluate".into(),
                message: x.to_string(),
            });
        }
        Ok(r["result"]["value"].clone())
    }

    /// A PNG screenshot of the whole page at `width` CSS pixels.
    ///
    /// # Errors
    /// When Chromium cannot take it.
    pub fn screenshot(&mut self, width: u32) -> Result<Vec<u8>, Error> {
        let height = self
            .evaluate("document.documentElement.scrollHeight")?
            .as_u64()
            .unwrap_or(800);
        self.page(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height.min(16_000), "deviceScaleFactor": 1, "mobile": false }),
        )?;
        let r = self.page(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true }),
        )?;
        decode(&r["data"])
    }

    /// A PNG screenshot of the first element matching the CSS `selector`
    /// (the whole page if none matches), the page laid out `width` CSS
    /// pixels wide.
    ///
    /// # Errors
    /// When Chromium cannot take it.
    pub fn screenshot_of(&mut self, selector: &str, width: u32) -> Result<Vec<u8>, Error> {
        self.page(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": false }),
        )?;
        let rect = self.evaluate(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; const r = e.getBoundingClientRect(); return [Math.floor(r.left), Math.floor(r.top + window.scrollY), Math.ceil(r.width), Math.ceil(r.height)]; }})()",
            Value::String(selector.to_owned())
        ))?;
        let Some([x, y, w, h]) = rect.as_array().and_then(|a| {
            let n: Vec<u64> = a.iter().filter_map(Value::as_u64).collect();
            <[u64; 4]>::try_from(n).ok()
        }) else {
            return self.screenshot(width);
        };
        let r = self.page(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true,
                    "clip": { "x": x, "y": y, "width": w, "height": h, "scale": 1 } }),
        )?;
        decode(&r["data"])
    }

    /// Prints the loaded page to an A4 PDF, with `header` (plain text,
    /// escaped here) at the top of every page and "page N of M" at the
    /// foot (`page_word` and `of_word` give the wording: "page", "of").
    ///
    /// # Errors
    /// When Chromium cannot print it.
    pub fn pdf(&mut self, header: &str, page_word: &str, of_word: &str) -> Result<Vec<u8>, Error> {
        let style = "font-family:'DejaVu Sans',Arial,sans-serif;font-size:8px;width:100%;margin:0 15mm;color:#333";
        let header = format!("<div style=\"{style}\">{}</div>", escape(header));
        let footer = format!(
            "<div style=\"{style};text-align:center\">{} <span class=\"pageNumber\"></span> {} <span class=\"totalPages\"></span></div>",
            escape(page_word),
            escape(of_word)
        );
        let r = self.page(
            "Page.printToPDF",
            json!({
                "paperWidth": 8.27, "paperHeight": 11.69,
                "marginTop": 0.6, "marginBottom": 0.6, "marginLeft": 0.5, "marginRight": 0.5,
                "printBackground": true,
                "displayHeaderFooter": true,
                "headerTemplate": header,
                "footerTemplate": footer,
            }),
        )?;
        let mut bytes = decode(&r["data"])?;
        drop_dates(&mut bytes);
        Ok(bytes)
    }
}

/// Blanks out the `/CreationDate` and `/ModDate` entries of the PDF's
/// document information dictionary (the object the trailer's `/Info`
/// names), in place: each entry, from its `/` to the `)` closing its date
/// string, becomes as many spaces, which a PDF dictionary allows between
/// entries. No byte moves, so the cross-reference table's offsets stay
/// valid, and the PDF is then the same bytes for the same page (Chromium
/// writes the time it printed there, and nothing else that differs between
/// runs). Both entries are optional in the dictionary (ISO 32000-1,
/// 14.3.3); the documents carry their own dates. Returns how many entries
/// were blanked: 0 when the PDF is not laid out as expected (no trailer
/// `/Info`, no such object, a date string with a parenthesis), and it is
/// then left as it was.
pub fn drop_dates(pdf: &mut [u8]) -> usize {
    let Some((start, end)) = info_object(pdf) else {
        return 0;
    };
    let mut blanked = 0;
    for key in [&b"/CreationDate"[..], &b"/ModDate"[..]] {
        let Some(at) = find_bytes(&pdf[start..end], key).map(|i| start + i) else {
            continue;
        };
        let after = at + key.len();
        // `/Key (D:…)`: optional white space, then a literal string with no
        // parentheses or backslashes inside.
        let rest = &pdf[after..end];
        let Some(open) = rest
            .iter()
            .position(|&b| b != b' ' && b != b'\n' && b != b'\r')
        else {
            continue;
        };
        if rest[open] != b'(' {
            continue;
        }
        let Some(close) = rest[open + 1..].iter().position(|&b| b == b')') else {
            continue;
        };
        let string = &rest[open + 1..open + 1 + close];
        if string.iter().any(|&b| b == b'(' || b == b'\\') {
            continue;
        }
        let stop = after + open + 1 + close + 1;
        pdf[at..stop].fill(b' ');
        blanked += 1;
    }
    blanked
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The byte range of the object the last trailer's `/Info N G R` names,
/// from `N G obj` to its `endobj`.
fn info_object(pdf: &[u8]) -> Option<(usize, usize)> {
    let trailer = rfind_bytes(pdf, b"trailer")?;
    let info = trailer + find_bytes(&pdf[trailer..], b"/Info")? + b"/Info".len();
    let text = String::from_utf8_lossy(pdf.get(info..(info + 40).min(pdf.len()))?);
    let mut words = text.split_ascii_whitespace();
    let number: u64 = words.next()?.parse().ok()?;
    let generation: u64 = words
        .next()?
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    let head = format!("{number} {generation} obj");
    // The object at the start of a line (so `11 0 obj` is not found for `1
    // 0 obj`).
    let mut from = 0;
    let start = loop {
        let i = from + find_bytes(&pdf[from..trailer], head.as_bytes())?;
        if i == 0 || matches!(pdf[i - 1], b'\n' | b'\r') {
            break i;
        }
        from = i + 1;
    };
    let end = start + find_bytes(&pdf[start..trailer], b"endobj")?;
    Some((start, end))
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.ws.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Kills a child that never became a [`Browser`].
struct ChildGuard(Option<Child>);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn decode(data: &Value) -> Result<Vec<u8>, Error> {
    base64::engine::general_purpose::STANDARD
        .decode(data.as_str().unwrap_or(""))
        .map_err(|e| Error::Protocol(format!("Chromium's data is not base64: {e}")))
}

fn escape(s: &str) -> String {
    s.chars().fold(String::new(), |mut out, c| {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        out
    })
}

/// Prints an HTML page to PDF in a new headless Chromium: A4, `header` on
/// every page, "page N of M" at the foot.
///
/// # Errors
/// [`Error::NotFound`] (saying how to install Chromium) when there is none;
/// otherwise when it cannot print.
pub fn print_pdf(
    html: &str,
    header: &str,
    page_word: &str,
    of_word: &str,
) -> Result<Vec<u8>, Error> {
    let mut b = Browser::start()?;
    b.load(html)?;
    b.pdf(header, page_word, of_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF laid out as Chromium's (Skia's) are: the Info dictionary as
    /// object 1, a classic cross-reference table, the trailer naming it.
    fn sample(date: &str) -> Vec<u8> {
        format!(
            "%PDF-1.4\n1 0 obj\n<</Title (T \\(x\\))\n/Producer (Skia/PDF m148)\n/CreationDate (D:{date}+00'00')\n/ModDate (D:{date}+00'00')>>\nendobj\n11 0 obj\n<</CreationDate (D:keep)>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2\n/Root 11 0 R\n/Info 1 0 R>>\nstartxref\n160\n%%EOF\n"
        )
        .into_bytes()
    }

    #[test]
    fn the_dates_are_blanked_in_place_and_nothing_moves() {
        let mut a = sample("20261204094924");
        let mut b = sample("20261204094928");
        let len = a.len();
        assert_eq!(drop_dates(&mut a), 2);
        assert_eq!(drop_dates(&mut b), 2);
        assert_eq!(a, b);
        assert_eq!(a.len(), len);
        let text = String::from_utf8(a.clone()).unwrap();
        assert!(!text.contains("/CreationDate (D:2026"));
        assert!(!text.contains("/ModDate"));
        // Only the Info object: object 11's entry is kept.
        assert!(text.contains("<</CreationDate (D:keep)>>"));
        // Everything before and after each entry is where it was.
        let original = sample("20261204094924");
        for (x, y) in a.iter().zip(&original) {
            assert!(x == y || *x == b' ');
        }
        assert_eq!(&a[a.len() - 30..], &original[original.len() - 30..]);
    }

    proptest::proptest! {
        /// Any bytes (a sample with bytes changed, or noise): no panic, no
        /// byte moves, and every byte changed became a space.
        #[test]
        fn only_spaces_are_written_and_nothing_moves(
            noise in proptest::collection::vec(proptest::num::u8::ANY, 0..400),
            at in 0usize..400,
            byte in proptest::num::u8::ANY,
        ) {
            for mut pdf in [noise.clone(), {
                let mut s = sample("20261204094924");
                let i = at % s.len();
                s[i] = byte;
                s
            }] {
                let before = pdf.clone();
                drop_dates(&mut pdf);
                proptest::prop_assert_eq!(pdf.len(), before.len());
                for (x, y) in pdf.iter().zip(&before) {
                    proptest::prop_assert!(x == y || *x == b' ');
                }
            }
        }
    }

    #[test]
    fn a_pdf_of_another_layout_is_left_alone() {
        let mut p = b"%PDF-1.4\n1 0 obj\n<</CreationDate (D:2026)>>\nendobj\n%%EOF\n".to_vec();
        let before = p.clone();
        assert_eq!(drop_dates(&mut p), 0);
        assert_eq!(p, before);
        let mut q = Vec::new();
        assert_eq!(drop_dates(&mut q), 0);
    }
}
