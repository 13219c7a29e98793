//! How long `countroom serve` takes to react to an appended entry: the
//! time from the write of one complete line to the log to the `update`
//! event arriving at a client of the event stream, then to the contest's
//! new page arriving (what a live screen does on the event).
//!
//! The abbey ward's log is written up to the end of its verification,
//! then its remaining 44 entries are appended one at a time (each a
//! separate write, waited for). With the server's default poll of 100 ms
//! each write is made a different time after the last event (0 to 99 ms,
//! in steps of 37 modulo 100), as writes at a count fall at any time
//! against the poll; with a poll of 5 ms the figure is mostly the server's
//! own work (reading, replaying, the documents, the page).
//!
//! ```sh
//! cargo run --release --example serve_latency
//! ```

// An example program's job is to print.
#![allow(clippy::print_stdout)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for poll in [Duration::from_millis(100), Duration::from_millis(5)] {
        measure(poll)?;
    }
    Ok(())
}

fn measure(poll: Duration) -> Result<(), Box<dyn std::error::Error>> {
    let log = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/abbey-ward.jsonl"
    ))?;
    let ends: Vec<usize> = log
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    let first = 71; // the header and 70 entries: verification done, checkpoint signed
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("abbey.jsonl");
    std::fs::write(&path, &log[..ends[first - 1]])?;
    let mut options = countroom_serve::Options::new(path.clone(), 0);
    options.poll = poll;
    let running = countroom_serve::start(&options)?;
    let port = running.addr().port();

    let mut events = TcpStream::connect(("127.0.0.1", port))?;
    events.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(events, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut events = BufReader::new(events);
    let mut next_event = || -> std::io::Result<()> {
        loop {
            let mut line = String::new();
            if events.read_line(&mut line)? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            if line.starts_with("data: ") {
                return Ok(());
            }
        }
    };
    next_event()?; // the state as it stands

    let mut to_event = Vec::new();
    let mut to_page = Vec::new();
    let mut file = std::fs::OpenOptions::new().append(true).open(&path)?;
    let poll_ms = u64::try_from(poll.as_millis())?;
    for n in first..ends.len() {
        let line = &log[ends[n - 1]..ends[n]];
        std::thread::sleep(Duration::from_millis((n as u64 * 37) % poll_ms));
        let start = Instant::now();
        file.write_all(line)?;
        file.flush()?;
        next_event()?;
        to_event.push(start.elapsed());
        let mut s = TcpStream::connect(("127.0.0.1", port))?;
        write!(
            s,
            "GET /contest/abbey HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )?;
        let mut page = Vec::new();
        s.read_to_end(&mut page)?;
        to_page.push(start.elapsed());
    }
    running.stop();
    for (what, mut times) in [
        ("append -> update event", to_event),
        ("append -> contest page received", to_page),
    ] {
        times.sort_unstable();
        let n = times.len();
        // Milliseconds to a tenth, in integers (no floating point).
        let ms = |d: Duration| {
            let tenths = d.as_micros() / 100;
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        println!(
            "{what}: {n} appends, poll {} ms: min {} ms, median {} ms, p90 {} ms, max {} ms",
            poll.as_millis(),
            ms(times[0]),
            ms(times[n / 2]),
            ms(times[n * 9 / 10]),
            ms(times[n - 1]),
        );
    }
    Ok(())
}
