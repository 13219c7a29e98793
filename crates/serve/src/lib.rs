//! `countroom serve`: the live results screen.
//!
//! A read-only HTTP server of the documents of a count log that is still
//! being written. The log file is polled (every [`Options::poll`]); only
//! complete lines (ending in a line feed) are read, so a half-written entry
//! is never shown; each poll reads and replays only the entries appended
//! since the last ([`countroom_log::LogReader::follow`] and a
//! [`countroom_count::LogReplay`] kept between polls), and a file
//! truncated, or replaced by one that does not begin with the bytes
//! already read, is read again from its start.
//!
//! A log that stops reading or replaying (a malformed line, a broken
//! chain, an entry the replay refuses, a signature that does not verify)
//! stops the screen at the last good entry: every page shows a banner with
//! each problem in the one problem style (`FILE:LINE: entry N: …`) and says
//! the figures are as of that entry. Nothing is read past the problem until
//! the file starts again.
//!
//! Routes (all `GET`; no route changes anything):
//! `/` the contests with their status; `/contest/ID` a contest's documents
//! (`countroom_html::contest_page`) with the count by table, or a list
//! contest's (`countroom_html::list_contest_page`: the list votes, the
//! allocation round by round once made, the members returned);
//! `/verification` the verification statements and the ballot boxes box by
//! box; `/events` server-sent events, one `update` event (JSON:
//! `version`, `entries`, `head`, `problems`) whenever what is shown
//! changes. See docs/formats.md, "countroom serve".
//!
//! This crate is only built with the command line (the root package's
//! `cli` feature): a library user of `countroom` builds no HTTP server.

mod follow;
mod page;

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

pub use follow::{Snapshot, TableTally, Tables};
pub use page::{index_links, live_page, tables_section, PageError, SCRIPT};

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The count log.
    pub log: PathBuf,
    /// The address to listen on (loopback unless asked otherwise).
    pub bind: IpAddr,
    /// The port (0: any free port; [`Running::addr`] says which).
    pub port: u16,
    /// How often the log is looked at for new lines.
    pub poll: Duration,
}

impl Options {
    /// Serve `log` on loopback, port `port`, polling every 100 ms.
    #[must_use]
    pub fn new(log: PathBuf, port: u16) -> Options {
        Options {
            log,
            bind: IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            port,
            poll: Duration::from_millis(100),
        }
    }
}

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The log does not exist or cannot be read.
    #[error("{path}: the count log could not be read: {source}")]
    Log {
        /// The log's path, as given.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The address and port could not be listened on (in use, or not this
    /// machine's).
    #[error("could not listen on {addr} (port {port}): {source}")]
    Bind {
        /// The address and port.
        addr: SocketAddr,
        /// The port.
        port: u16,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The HTTP server could not be set up on the socket.
    #[error("could not serve on {addr}: {message}")]
    Server {
        /// The address and port.
        addr: SocketAddr,
        /// Why.
        message: String,
    },
}

/// The most event streams open at once (each holds a thread).
const MAX_STREAMS: usize = 64;

/// What the threads share: the latest snapshot, and a condition variable
/// the event streams wait on.
struct Shared {
    snapshot: Mutex<Arc<Snapshot>>,
    changed: Condvar,
    stop: AtomicBool,
    streams: AtomicUsize,
}

impl Shared {
    fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Waits until the version is not `seen`, or `timeout`.
    fn wait(&self, seen: u64, timeout: Duration) -> Arc<Snapshot> {
        let guard = self.snapshot.lock().unwrap_or_else(PoisonError::into_inner);
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| {
                s.version == seen && !self.stop.load(Ordering::Relaxed)
            })
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&guard)
    }
}

/// A running server.
pub struct Running {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: Arc<tiny_http::Server>,
    threads: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running").field("addr", &self.addr).finish()
    }
}

impl Running {
    /// The address and port listened on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL of the index: `http://127.0.0.1:PORT/`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// What is shown now.
    #[must_use]
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.shared.current()
    }

    /// Serves until the process ends.
    pub fn wait(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }

    /// Stops serving (open event streams end within a second).
    pub fn stop(mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.changed.notify_all();
        self.server.unblock();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// Starts serving: checks the log can be read, listens, reads the log as
/// it stands, then polls it in a thread of its own and answers requests,
/// each in a thread.
///
/// # Errors
///
/// [`ServeError::Log`] when the log does not exist or cannot be read;
/// [`ServeError::Bind`] when the address and port cannot be listened on
/// (the port is in use).
pub fn start(options: &Options) -> Result<Running, ServeError> {
    let name = options.log.display().to_string();
    check_readable(&options.log).map_err(|source| ServeError::Log {
        path: name.clone(),
        source,
    })?;
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(addr).map_err(|source| ServeError::Bind {
        addr,
        port: options.port,
        source,
    })?;
    let addr = listener.local_addr().map_err(|source| ServeError::Bind {
        addr,
        port: options.port,
        source,
    })?;
    let server = tiny_http::Server::from_listener(listener, None)
        .map(Arc::new)
        .map_err(|e| ServeError::Server {
            addr,
            message: e.to_string(),
        })?;
    let mut follower = follow::Follower::new(options.log.clone(), name);
    follower.poll();
    let shared = Arc::new(Shared {
        snapshot: Mutex::new(Arc::clone(&follower.snapshot)),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
        streams: AtomicUsize::new(0),
    });
    let watcher = {
        let shared = Arc::clone(&shared);
        let poll = options.poll;
        std::thread::spawn(move || {
            while !shared.stop.load(Ordering::Relaxed) {
                std::thread::sleep(poll);
                if follower.poll() {
                    *shared
                        .snapshot
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner) = Arc::clone(&follower.snapshot);
                    shared.changed.notify_all();
                }
            }
        })
    };
    let acceptor = {
        let shared = Arc::clone(&shared);
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                if shared.stop.load(Ordering::Relaxed) {
                    break;
                }
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || respond(request, &shared));
            }
        })
    };
    Ok(Running {
        addr,
        shared,
        server,
        threads: vec![watcher, acceptor],
    })
}

/// Opens the log and reads a byte (a directory opens but does not read).
fn check_readable(path: &std::path::Path) -> std::io::Result<()> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut byte = [0u8; 1];
    file.read(&mut byte).map(|_| ())
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn reply(request: tiny_http::Request, status: u16, content_type: &str, body: String) {
    let mut response = tiny_http::Response::from_string(body).with_status_code(status);
    for h in [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
        header("Referrer-Policy", "no-referrer"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    if status == 405 {
        if let Some(h) = header("Allow", "GET, HEAD") {
            response.add_header(h);
        }
    }
    // The client may have gone: nothing to do about it.
    let _ = request.respond(response);
}

const HTML: &str = "text/html; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

fn respond(request: tiny_http::Request, shared: &Shared) {
    let method = request.method().clone();
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        reply(
            request,
            405,
            TEXT,
            "countroom serve is read-only: only GET and HEAD are answered\n".to_owned(),
        );
        return;
    }
    // The path without a query.
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_owned();
    if path == "/events" {
        events(request, shared);
        return;
    }
    let snap = shared.current();
    let page = match path.as_str() {
        "/" => Some(index(&snap)),
        "/verification" => Some(verification(&snap)),
        _ => path
            .strip_prefix("/contest/")
            .and_then(|id| contest(&snap, id)),
    };
    match page {
        Some(Ok(body)) => reply(request, 200, HTML, body),
        Some(Err(e)) => reply(request, 500, TEXT, format!("{e}\n")),
        None => reply(request, 404, TEXT, format!("no such page: {path}\n")),
    }
}

fn title(snap: &Snapshot) -> String {
    snap.report
        .as_ref()
        .and_then(|r| {
            r.contests
                .first()
                .map(|c| c.contest.election_name.clone())
                .or_else(|| r.list_contests.first().map(|c| c.election.clone()))
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "countroom: the count".to_owned())
}

fn index(snap: &Snapshot) -> Result<String, PageError> {
    let page = countroom_html::index_page(&title(snap), &index_links(snap.report.as_ref()));
    live_page(&page, snap, "")
}

fn verification(snap: &Snapshot) -> Result<String, PageError> {
    let page = match &snap.report {
        Some(r) => countroom_html::verification_page(r),
        None => countroom_html::index_page(&title(snap), &[]),
    };
    live_page(&page, snap, "")
}

fn contest(snap: &Snapshot, id: &str) -> Option<Result<String, PageError>> {
    let report = snap.report.as_ref()?;
    if let Some(c) = report.contests.iter().find(|c| c.contest.id == id) {
        let page = countroom_html::contest_page(c);
        return Some(live_page(&page, snap, &tables_section(snap, c)));
    }
    // A list contest: its votes by counting area and in all, the
    // allocation round by round once made, the members returned
    // (`countroom_html::list_contest_page`, as `count --format html`).
    let c = report.list_contests.iter().find(|c| c.contest == id)?;
    let page = countroom_html::list_contest_page(c);
    Some(live_page(&page, snap, ""))
}

/// The data of an `update` event.
#[derive(serde::Serialize)]
struct Update<'a> {
    version: u64,
    entries: u64,
    head: &'a str,
    problems: usize,
}

/// How long an idle event stream waits before a keep-alive comment (which
/// also finds a client that has gone).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The event stream: the current version at once, then one event each time
/// it changes.
fn events(request: tiny_http::Request, shared: &Shared) {
    if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        reply(
            request,
            503,
            TEXT,
            "too many event streams open\n".to_owned(),
        );
        return;
    }
    let mut out = request.into_writer();
    let mut seen = None;
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    let mut ok = out.write_all(head).is_ok();
    while ok && !shared.stop.load(Ordering::Relaxed) {
        let snap = match seen {
            None => shared.current(),
            Some(v) => shared.wait(v, KEEP_ALIVE),
        };
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        let message = if Some(snap.version) == seen {
            Some(b": keep-alive\n\n".to_vec())
        } else {
            seen = Some(snap.version);
            serde_json::to_vec(&Update {
                version: snap.version,
                entries: snap.entries,
                head: &snap.head,
                problems: snap.problems.len(),
            })
            .ok()
            .map(|data| {
                let mut m = b"event: update\ndata: ".to_vec();
                m.extend_from_slice(&data);
                m.extend_from_slice(b"\n\n");
                m
            })
        };
        ok = match message {
            Some(m) => out.write_all(&m).and_then(|()| out.flush()).is_ok(),
            None => false,
        };
    }
    shared.streams.fetch_sub(1, Ordering::SeqCst);
}
