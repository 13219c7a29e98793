//! Chaining and signing a count log with the library: how the shipped
//! example logs were made, and how to make them again (after a change to the
//! ruleset table changes the digest in their headers, say).
//!
//! For each log named, it reads the entries (version 1 or 2), sets the
//! public key of every `officer_appointed` person who has a key in
//! `examples/data/keys/PERSON.key`, writes the entries as a version 2 log
//! under a new header ([`countroom::new_log_header`]), and replaces
//! every `checkpoint_signed` entry with a fresh signature over the new chain
//! head by the same signer, with the same key. The log is then replayed,
//! and written back only if nothing is wrong.
//!
//! Run with `cargo run --example sign_logs -- examples/data/abbey-ward.jsonl`.
//!
//! The keys in `examples/data/keys/` are demonstration keys, published with
//! the examples so that anyone can re-sign them: never use them for a count.

// An example program's job is to print.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};

use countroom::log::checkpoint::CheckpointKey;
use countroom::log::{read, Appender, Entry, Event};

fn keys_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data/keys")
}

fn key_of(person: &str) -> Result<Option<CheckpointKey>, Box<dyn std::error::Error>> {
    let path = keys_dir().join(format!("{person}.key"));
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path)?;
    let key = CheckpointKey::from_hex(text.trim())
        .ok_or_else(|| format!("{}: not a secret key (64 hex digits)", path.display()))?;
    Ok(Some(key))
}

fn sign_log(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    let log = read(&bytes).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("{}: {}", path.display(), lines.join("; "))
    })?;
    let elections: Vec<&str> = log
        .entries
        .iter()
        .filter_map(|e| match &e.event {
            Event::ElectionDefined(d) => Some(d.election.as_str()),
            _ => None,
        })
        .collect();
    let [election] = elections[..] else {
        return Err(format!("{}: the log must define one election", path.display()).into());
    };
    let header = countroom::new_log_header(election);

    let mut out = Vec::new();
    let mut appender = Appender::start(&header, &mut out);
    for entry in &log.entries {
        let mut entry: Entry = entry.clone();
        match &mut entry.event {
            Event::OfficerAppointed(a) => {
                if let Some(key) = key_of(&a.person)? {
                    a.public_key = Some(key.public_hex());
                }
            }
            Event::CheckpointSigned(c) => {
                let key = key_of(&entry.by)?
                    .ok_or_else(|| format!("no key in examples/data/keys for {}", entry.by))?;
                let through = appender.next_seq() - 1;
                let head = appender.head();
                c.through = through;
                c.head = head.to_hex();
                c.signature = key.sign(election, through, &head);
            }
            _ => {}
        }
        appender.append_entry(&mut out, entry);
    }

    // Check before writing: the log must read and replay with no problem.
    let signed = read(&out).map_err(|e| format!("{}: {} problems", path.display(), e.len()))?;
    let (state, problems) = countroom::count::replay_log(&signed);
    if let Some(p) = problems.first() {
        return Err(format!("{}: {p}", path.display()).into());
    }
    std::fs::write(path, &out)?;
    if let Some(evidence) = state.evidence() {
        println!(
            "{}: chain head {}",
            path.display(),
            signed.head().to_groups()
        );
        for c in &evidence.coverage {
            println!("  {c}");
        }
        println!("  {}", evidence.authority_line());
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        return Err("usage: cargo run --example sign_logs -- LOG...".into());
    }
    for path in paths {
        sign_log(Path::new(&path))?;
    }
    Ok(())
}
