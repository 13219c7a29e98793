//! `countroom serve`, the live results screen (issue 17 item 4): bad input
//! (a log that cannot be read, a port in use: exit 3 naming them), the
//! pages over plain HTTP as the log grows (each page's documents the same
//! as `countroom-html` makes from the log as it then stood: the same
//! function `count --format html` uses), a malformed line appended (a
//! banner, the earlier figures kept and marked), and in headless Chromium
//! (the page shows appended figures by itself).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use countroom::html;

use crate::support::{example, run, scratch, stderr};

/// The first `n` lines of the abbey ward's log, with their line feeds.
fn abbey_lines(n: usize) -> Vec<u8> {
    let log = std::fs::read(example("abbey-ward.jsonl")).unwrap();
    let end = log
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(n - 1)
        .map(|(i, _)| i + 1)
        .unwrap();
    log[..end].to_vec()
}

/// The abbey ward's contest page made from the first `n` lines, without
/// the page's head: what the live page must contain.
fn static_document(n: usize) -> String {
    let report = countroom::report_from_log(&abbey_lines(n)).unwrap();
    let c = report
        .contests
        .iter()
        .find(|c| c.contest.id == "abbey")
        .unwrap();
    let page = html::contest_page(c);
    let start = page.find("<body>\n").unwrap() + "<body>\n".len();
    let end = page.rfind("</body>").unwrap();
    page[start..end].to_owned()
}

/// `countroom serve LOG --port 0`, stopped when dropped.
struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    url: String,
    port: u16,
}

impl Served {
    fn start(log: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_countroom"))
            .args(["serve", log.to_str().unwrap(), "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("serve printed {line:?}"))
            .trim_end()
            .to_owned();
        assert!(url.starts_with("http://127.0.0.1:") && url.ends_with('/'));
        let port = url["http://127.0.0.1:".len()..url.len() - 1]
            .parse()
            .unwrap();
        Served { child, url, port }
    }

    /// A request over a plain TCP connection: (status, headers, body).
    fn request(&self, method: &str, path: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let status = head[9..12].parse().unwrap();
        (status, head.to_owned(), body.to_owned())
    }

    fn get(&self, path: &str) -> String {
        let (status, _, body) = self.request("GET", path);
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn append(path: &Path, bytes: &[u8]) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(bytes).unwrap();
}

/// Waits (up to 10 s, a loaded machine) for `done`; gives how long it took.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "waited 10 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    start.elapsed()
}

fn log_of(dir: &Path, lines: usize) -> PathBuf {
    let path = dir.join("abbey.jsonl");
    std::fs::write(&path, abbey_lines(lines)).unwrap();
    path
}

#[test]
fn serve_a_log_that_cannot_be_read_is_exit_3_naming_it() {
    let dir = scratch();
    let missing = dir.path().join("no-such-log.jsonl");
    let o = run(&["serve", missing.to_str().unwrap(), "--port", "0"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains(missing.to_str().unwrap()), "{err}");
    assert!(err.contains("could not be read"), "{err}");
    // A directory opens but does not read.
    let o = run(&["serve", dir.path().to_str().unwrap(), "--port", "0"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
}

#[test]
fn serve_on_a_port_in_use_is_exit_3_naming_the_port() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = run(&[
        "serve",
        example("two-seat-tie.jsonl").to_str().unwrap(),
        "--port",
        &port,
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains(&format!("127.0.0.1:{port}")) && err.contains(&format!("port {port}")),
        "{err}"
    );
}

#[test]
fn serve_shows_appended_entries_then_a_banner_at_a_malformed_line() {
    let dir = scratch();
    let log = log_of(dir.path(), 80);
    let served = Served::start(&log);
    // Figures that change between the two states the test shows.
    assert_ne!(static_document(80), static_document(100));

    let index = served.get("/");
    assert!(index.contains("href=\"/contest/abbey\""), "{index}");
    assert!(index.contains("href=\"/contest/abbey-town\""));
    assert!(index.contains("href=\"/verification\""));
    assert!(index.contains("counting"), "the contests' status");
    let page = served.get("/contest/abbey");
    assert!(page.contains(&static_document(80)));
    assert!(page.contains("as of entry 79 of the count log"));
    assert!(page.contains("data-doc=\"tables\""), "the count by table");
    let boxes = served.get("/verification");
    assert!(boxes.contains("Ballot boxes: progress"));

    // Read-only: nothing but GET and HEAD; unknown pages are 404.
    let (status, head, _) = served.request("POST", "/contest/abbey");
    assert_eq!(status, 405);
    assert!(head.contains("Allow: GET, HEAD"));
    assert_eq!(served.request("GET", "/contest/nope").0, 404);
    assert_eq!(served.request("GET", "/../abbey.jsonl").0, 404);

    // Appended entries are shown.
    let whole = abbey_lines(100);
    append(&log, &whole[abbey_lines(80).len()..]);
    wait_for("entries 80 to 99", || {
        served.get("/contest/abbey").contains(&static_document(100))
    });
    assert!(served
        .get("/contest/abbey")
        .contains("as of entry 99 of the count log"));

    // Half a line is not read.
    let next = &abbey_lines(101)[whole.len()..];
    append(&log, &next[..next.len() / 2]);
    std::thread::sleep(Duration::from_millis(400));
    assert!(served
        .get("/contest/abbey")
        .contains("as of entry 99 of the count log"));
    // Its other half is not valid JSON after a line feed: a malformed line.
    append(&log, b"\n");
    wait_for("the banner", || {
        served
            .get("/contest/abbey")
            .contains("later entries have a problem")
    });
    let page = served.get("/contest/abbey");
    assert!(page.contains("As of entry 99 — later entries have a problem."));
    assert!(page.contains(&format!("{}:101: ", log.display())), "{page}");
    // The earlier figures stay, marked.
    assert!(page.contains(&static_document(100)));
    assert!(page.contains("data-state=\"problem\""));
    // Every page says so.
    assert!(served.get("/").contains("later entries have a problem"));
}

#[test]
fn serve_streams_an_event_when_the_log_grows() {
    let dir = scratch();
    let log = log_of(dir.path(), 80);
    let served = Served::start(&log);
    let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut r = BufReader::new(s);
    let mut lines = Vec::new();
    let mut read_event = |lines: &mut Vec<String>| loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        if let Some(data) = line.strip_prefix("data: ") {
            lines.push(data.trim_end().to_owned());
            return serde_json::from_str::<serde_json::Value>(data).unwrap();
        }
    };
    let first = read_event(&mut lines);
    assert_eq!(first["entries"], 79);
    assert_eq!(first["problems"], 0);
    let sent = Instant::now();
    append(&log, &abbey_lines(81)[abbey_lines(80).len()..]);
    let second = read_event(&mut lines);
    eprintln!(
        "serve: an appended entry's event arrived {} ms after the write",
        sent.elapsed().as_millis()
    );
    assert_eq!(second["entries"], 80);
    assert!(second["version"].as_u64() > first["version"].as_u64());
    let report = countroom::report_from_log(&abbey_lines(81)).unwrap();
    assert_eq!(
        second["head"].as_str(),
        Some(report.evidence.unwrap().chain_head.as_str())
    );
}

#[test]
fn serve_in_the_browser_the_page_shows_appended_figures_by_itself() {
    let Some(mut b) = crate::html::browser() else {
        return;
    };
    let dir = scratch();
    let log = log_of(dir.path(), 80);
    let served = Served::start(&log);

    // The figures the page must come to show: the static page of the log
    // as it will stand, read in the same browser.
    let report = countroom::report_from_log(&abbey_lines(100)).unwrap();
    let c = report
        .contests
        .iter()
        .find(|c| c.contest.id == "abbey")
        .unwrap();
    b.load(&html::contest_page(c)).unwrap();
    let expected = crate::html::read(&mut b)["rows"].clone();

    let url = format!("{}contest/abbey", served.url);
    let loaded = b.navigate(&url).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    for r in &loaded.requests {
        assert!(r.starts_with(&served.url), "a request off the server: {r}");
    }
    let before = crate::html::read(&mut b)["rows"].clone();
    assert_ne!(before, expected);
    // The event stream is open before the log grows.
    wait_for("the event stream", || {
        b.evaluate("document.documentElement.dataset.live").unwrap() == "open"
    });

    let whole = abbey_lines(100);
    append(&log, &whole[abbey_lines(80).len()..]);
    let took = wait_for("the page to show entries 80 to 99", || {
        crate::html::read(&mut b)["rows"] == expected
    });
    eprintln!(
        "serve: the page in Chromium showed the appended figures {} ms after the write",
        took.as_millis()
    );
    let status: String = serde_json::from_value(
        b.evaluate("document.getElementById('live-status').textContent")
            .unwrap(),
    )
    .unwrap();
    assert!(status.contains("as of entry 99"), "{status}");

    // A malformed line: the banner, and the figures stay.
    append(&log, b"{\"seq\":100,\n");
    wait_for("the banner in the page", || {
        b.evaluate("document.getElementById('live-status').dataset.state")
            .unwrap()
            == "problem"
    });
    assert_eq!(crate::html::read(&mut b)["rows"], expected);
    let banner: String = serde_json::from_value(
        b.evaluate("document.getElementById('live-status').textContent")
            .unwrap(),
    )
    .unwrap();
    assert!(banner.contains("As of entry 99 — later entries have a problem."));
    assert!(banner.contains(":101: "), "{banner}");
}

/// The first `n` lines of the Senedd example's log (a list contest).
fn senedd_lines(n: usize) -> Vec<u8> {
    let log = std::fs::read(example("senedd-cwm-valleys.jsonl")).unwrap();
    let end = log
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(n - 1)
        .map(|(i, _)| i + 1)
        .unwrap();
    log[..end].to_vec()
}

/// The list contest's page made from the first `n` lines, without the
/// page's head: what the live page must contain (the same function
/// `count --format html` uses).
fn senedd_document(n: usize) -> String {
    let report = countroom::report_from_log(&senedd_lines(n)).unwrap();
    let page = html::list_contest_page(&report.list_contests[0]);
    let start = page.find("<body>\n").unwrap() + "<body>\n".len();
    let end = page.rfind("</body>").unwrap();
    page[start..end].to_owned()
}

/// A list contest on the live screen (the Senedd example, a closed list of
/// six seats): listed on the index with its status in words; its page the
/// list contest's documents as the log stands. With one count's total
/// authorised the allocation waits for the other; once both are, the five
/// seats before the equality are shown round by round and the sixth waits
/// for its lot (PC 13,200 and Rhys Morgan 13,200, hand-worked in
/// tests/list_log.rs); with the lot and the declaration, the six members.
#[test]
fn serve_shows_a_list_contest_as_the_log_grows() {
    let dir = scratch();
    let log = dir.path().join("senedd.jsonl");
    std::fs::write(&log, senedd_lines(14)).unwrap();
    let served = Served::start(&log);
    let index = served.get("/");
    assert!(index.contains("href=\"/contest/cwm-valleys\""), "{index}");
    assert!(index.contains("Cwm Valleys"), "{index}");
    let page = served.get("/contest/cwm-valleys");
    assert!(page.contains(&senedd_document(14)), "{page}");
    assert!(page.contains("as of entry 13 of the count log"), "{page}");
    assert!(
        !page.contains("13,466.67"),
        "no allocation before both totals"
    );

    // Both counts authorised: seats 1 to 5, a lot asked for at seat 6.
    let whole = senedd_lines(15);
    append(&log, &whole[senedd_lines(14).len()..]);
    wait_for("the allocation", || {
        served
            .get("/contest/cwm-valleys")
            .contains(&senedd_document(15))
    });
    let page = served.get("/contest/cwm-valleys");
    assert!(page.contains("13,466.67"), "seat 5: LAB 40,400 ÷ 3");
    assert!(served.get("/").contains("a lot is required at seat 6"));

    // The lot, the recalculation and the declaration.
    let whole = senedd_lines(19);
    append(&log, &whole[senedd_lines(15).len()..]);
    wait_for("the declaration", || {
        served
            .get("/contest/cwm-valleys")
            .contains(&senedd_document(19))
    });
    let page = served.get("/contest/cwm-valleys");
    for member in [
        "Alun Rees",
        "Iwan Roberts",
        "Neil Baker",
        "Bethan Lloyd",
        "Carwyn Hughes",
        "Rhys Morgan",
    ] {
        assert!(page.contains(member), "{member}");
    }
    assert!(page.contains("as of entry 18 of the count log"), "{page}");
}

/// The list contest's live page in headless Chromium: no console error,
/// no request off the server, and the allocation appears by itself when
/// the second count's total is authorised.
#[test]
fn serve_in_the_browser_a_list_contest_shows_its_allocation_by_itself() {
    let Some(mut b) = crate::html::browser() else {
        return;
    };
    let dir = scratch();
    let log = dir.path().join("senedd.jsonl");
    std::fs::write(&log, senedd_lines(14)).unwrap();
    let served = Served::start(&log);
    let url = format!("{}contest/cwm-valleys", served.url);
    let loaded = b.navigate(&url).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    for r in &loaded.requests {
        assert!(r.starts_with(&served.url), "a request off the server: {r}");
    }
    let text = |b: &mut countroom_chromium::Browser| -> String {
        serde_json::from_value(b.evaluate("document.body.textContent").unwrap()).unwrap()
    };
    assert!(!text(&mut b).contains("13,466.67"));
    wait_for("the event stream", || {
        b.evaluate("document.documentElement.dataset.live").unwrap() == "open"
    });
    let whole = senedd_lines(15);
    append(&log, &whole[senedd_lines(14).len()..]);
    wait_for("the rounds in the page", || {
        text(&mut b).contains("13,466.67")
    });
}
