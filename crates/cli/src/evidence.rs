//! `countroom keygen` and `countroom sign`: the keys that sign checkpoints,
//! and appending a signed checkpoint to a log; and the evidence lines of
//! `countroom check`.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use countroom_count::CountState;
use countroom_log::checkpoint::CheckpointKey;
use countroom_log::{CheckpointSigned, Event};

use crate::args::{KeygenArgs, SignArgs};
use crate::files::write_atomically;
use crate::input::{read_file, read_log};
use crate::output::print;
use crate::Failure;

/// `PREFIX.ext`.
fn with_extension(prefix: &Path, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// Creates `path`, refusing to overwrite it; `secret` files are readable by
/// their owner only (mode 0600 on Unix).
fn create_new(path: &Path, bytes: &[u8], secret: bool) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::Io(format!("{}: {e}", path.display()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}

/// `countroom keygen --out PREFIX`: a new Ed25519 key, the secret in
/// `PREFIX.key` (64 hex digits, mode 0600) and the public key in
/// `PREFIX.pub`; neither file may exist already.
pub(crate) fn keygen(args: &KeygenArgs) -> Result<(), Failure> {
    let key_path = with_extension(&args.out, "key");
    let pub_path = with_extension(&args.out, "pub");
    for path in [&key_path, &pub_path] {
        if path.exists() {
            return Err(Failure::Io(format!(
                "{}: already exists; countroom never overwrites a key",
                path.display()
            )));
        }
    }
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret)
        .map_err(|e| Failure::Io(format!("the system's random number generator: {e}")))?;
    let key = CheckpointKey::from_secret(&secret);
    let mut hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    hex.push('\n');
    create_new(&key_path, hex.as_bytes(), true)?;
    let public = key.public_hex();
    if let Err(e) = create_new(&pub_path, format!("{public}\n").as_bytes(), false) {
        let _ = std::fs::remove_file(&key_path);
        return Err(e);
    }
    print(
        format!(
            "countroom: wrote {} (the secret: keep it to yourself) and {}\npublic key: {public}\n",
            key_path.display(),
            pub_path.display()
        )
        .as_bytes(),
    )
}

/// `countroom sign LOG --key FILE --by PERSON [--at TIME]`: checks that the
/// log replays cleanly and that the key is the one appointed for PERSON,
/// then appends a `checkpoint_signed` entry (writing the whole new log to a
/// temporary file beside it and renaming it over the log) and prints the
/// new chain head.
pub(crate) fn sign(args: &SignArgs) -> Result<(), Failure> {
    let name = args.log.display().to_string();
    let bytes = read_file(&args.log)?;
    let loaded = read_log(&args.log, "sign")?;
    let Some(file) = loaded.file.as_ref() else {
        return Err(Failure::one(&name, "not_a_log", "not a log file"));
    };
    let election = match (&file.header.election, file.tamper_evident()) {
        (Some(e), true) => e.clone(),
        _ => {
            return Err(Failure::one(&name, "not_chained", format!(
                "a version {} log has no chain and cannot be signed: run `countroom upgrade {name}` first",
                file.header.version
            )))
        }
    };
    let (state, problems) = loaded.replay();
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let key_name = args.key.display().to_string();
    let key_text = read_file(&args.key)?;
    let key = std::str::from_utf8(&key_text)
        .ok()
        .and_then(|t| CheckpointKey::from_hex(t.trim_end_matches(['\n', '\r'])))
        .ok_or_else(|| {
            Failure::one(
                &key_name,
                "not_a_key",
                "not a secret key (64 lower-case hex digits, as `countroom keygen` writes)",
            )
        })?;
    let holder = state.authority().holder(&args.by).ok_or_else(|| {
        Failure::one(&name, "not_appointed", format!(
            "{} is not appointed in the log: a checkpoint is signed with the key appointed for the signer",
            args.by
        ))
    })?;
    match &holder.public_key {
        Some(k) if *k == key.public_hex() => {}
        Some(_) => {
            return Err(Failure::one(
                &key_name,
                "wrong_key",
                format!(
                    "not the key appointed for {} (entry {})",
                    args.by, holder.seq
                ),
            ))
        }
        None => {
            return Err(Failure::one(
                &name,
                "no_public_key",
                format!(
                    "{} has no public key appointed (entry {})",
                    args.by, holder.seq
                ),
            ))
        }
    }
    let mut appender = file.appender();
    // The entries are numbered from 1, so the next is at least 1.
    let through = appender.next_seq() - 1;
    let head = appender.head();
    let signature = key.sign(&election, through, &head);
    let mut out = bytes;
    appender.append(
        &mut out,
        args.by.clone(),
        args.at.clone(),
        None,
        Event::CheckpointSigned(CheckpointSigned::new(through, head.to_hex(), signature)),
    );
    // The signed log must read and replay cleanly before it is written.
    let signed = countroom_log::read(&out).map_err(|e| {
        Failure::Input(
            e.iter()
                .map(|x| countroom_io::problem::from_log_read(&format!("{name} (signed)"), x))
                .collect(),
        )
    })?;
    let (_, problems) = countroom_count::replay_log(&signed);
    if !problems.is_empty() {
        return Err(Failure::Input(
            problems
                .iter()
                .map(|p| countroom_io::problem::from_replay(&name, p))
                .collect(),
        ));
    }
    write_atomically(&args.log, &out)?;
    print(
        format!(
            "countroom: entries 1\u{2013}{through} signed by {} ({}); chain head now {}\n",
            holder.name,
            holder.role.title(),
            signed.head().to_groups()
        )
        .as_bytes(),
    )
}

/// The evidence lines `countroom check` prints: whether authority was
/// checked, and what signed checkpoints cover.
pub(crate) fn check_lines(state: &CountState) -> String {
    let Some(evidence) = state.evidence() else {
        return String::new();
    };
    let mut s = format!("{}\n", evidence.authority_line());
    for c in &evidence.coverage {
        s.push_str(&c.to_string());
        s.push('\n');
    }
    s
}
