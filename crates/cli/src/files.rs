//! Evidence: `count --out DIR` written as a whole set with its `SHA256SUMS`
//! or not at all, single files written atomically, and `countroom digest`.
//!
//! Every file is created with the permissions the process's umask gives
//! (0666 & !umask; directories 0777 & !umask), found by creating a probe
//! file and directory with `std::fs` rather than reading the umask (which
//! would need `unsafe`).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::args::DigestArgs;
use crate::input::read_file;
use crate::output::print;
use crate::Failure;

/// The name of the checksum list written into every set.
pub(crate) const SUMS: &str = "SHA256SUMS";

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> Failure + '_ {
    move |e| Failure::Io(format!("{}: {e}", path.display()))
}

/// `countroom digest FILE...`: each file's SHA-256 in groups of four hex
/// digits, two spaces, and its name.
pub(crate) fn digest(args: &DigestArgs) -> Result<(), Failure> {
    let mut out = String::new();
    for path in &args.files {
        let bytes = read_file(path)?;
        out.push_str(&countroom_io::sha256_groups(&bytes));
        out.push_str("  ");
        out.push_str(&path.display().to_string());
        out.push('\n');
    }
    print(out.as_bytes())
}

/// A contest id as a file name: `[A-Za-z0-9._-]` kept, anything else `_`.
pub(crate) fn file_stem(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The files of a set, named from their contest ids. Two contests whose
/// names are the same after sanitising (or differ only in case, which some
/// file systems do not distinguish) are refused, naming both.
pub(crate) fn name_files(
    files: Vec<(String, Vec<u8>)>,
    extension: &str,
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut named = Vec::with_capacity(files.len());
    for (id, bytes) in files {
        let name = format!("{}.{extension}", file_stem(&id));
        let key = name.to_ascii_lowercase();
        if key == SUMS.to_ascii_lowercase() {
            problems.push(countroom_io::Problem::new(
                "",
                "file_name_taken",
                format!("contest {id}: its file name {name} is the set's checksum list"),
            ));
        } else if let Some(first) = seen.get(&key) {
            problems.push(countroom_io::Problem::new(
                "",
                "file_name_taken",
                format!(
                    "contests {first} and {id} would both be written to {name}: rename one of them"
                ),
            ));
        } else {
            seen.insert(key, id);
        }
        named.push((name, bytes));
    }
    if problems.is_empty() {
        Ok(named)
    } else {
        Err(Failure::Input(problems))
    }
}

/// The modes `std::fs` gives a new file and a new directory under the
/// process's umask (0666 & !umask and 0777 & !umask), found by creating a
/// probe of each in a temporary directory inside `dir`.
#[cfg(unix)]
fn umask_modes(dir: &Path) -> Result<(u32, u32), Failure> {
    use std::os::unix::fs::PermissionsExt as _;
    let probe = tempfile::Builder::new()
        .prefix(".countroom-probe-")
        .tempdir_in(dir)
        .map_err(io_error(dir))?;
    let file = probe.path().join("file");
    fs::File::create(&file).map_err(io_error(&file))?;
    let sub = probe.path().join("dir");
    fs::create_dir(&sub).map_err(io_error(&sub))?;
    let file_mode = fs::metadata(&file)
        .map_err(io_error(&file))?
        .permissions()
        .mode()
        & 0o777;
    let dir_mode = fs::metadata(&sub)
        .map_err(io_error(&sub))?
        .permissions()
        .mode()
        & 0o7777;
    Ok((file_mode, dir_mode))
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<(), Failure> {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(io_error(path))
}

/// The directory `path` is in (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a temporary file in the same directory, then renames
/// it over `path`: readers see the old file or the whole new one. The file
/// gets the mode the umask gives a new file.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = parent_of(path);
    let io = io_error(path);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(&io)?;
    tmp.write_all(bytes).map_err(&io)?;
    tmp.as_file().sync_all().map_err(&io)?;
    #[cfg(unix)]
    set_mode(tmp.path(), umask_modes(dir)?.0)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// The `SHA256SUMS` list of `files`, in the coreutils `sha256sum` format
/// (`<64 hex>  <name>`), sorted by name.
pub(crate) fn sums(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut lines: Vec<(&str, String)> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), countroom_io::sha256_hex(bytes)))
        .collect();
    lines.sort();
    let mut out = Vec::new();
    for (name, hex) in lines {
        out.extend_from_slice(hex.as_bytes());
        out.extend_from_slice(b"  ");
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
    }
    out
}

/// Reads a `SHA256SUMS` list: name → hex, or `None` if it is not one.
fn read_sums(bytes: &[u8]) -> Option<BTreeMap<String, String>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut listed = BTreeMap::new();
    for line in text.lines() {
        let (hex, name) = line.split_once("  ")?;
        if hex.len() != 64 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return None;
        }
        listed.insert(name.to_owned(), hex.to_owned());
    }
    Some(listed)
}

/// What is at the place a set is to go.
enum Existing {
    /// Nothing.
    Absent,
    /// An empty directory, or a set countroom wrote before.
    Replaceable,
}

/// Refuses `dir` unless it is absent, an empty directory, or a set
/// countroom wrote (its `SHA256SUMS` lists every other file in it, each
/// with the SHA-256 it still has): a user's files are never deleted.
fn inspect(dir: &Path) -> Result<Existing, Failure> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Absent),
        Err(e) => return Err(io_error(dir)(e)),
    };
    let refuse = |why: String| {
        Failure::Io(format!(
            "{}: {why}; countroom replaces only an empty directory or a set it wrote (with its {SUMS}), and never deletes other files",
            dir.display()
        ))
    };
    if !meta.is_dir() {
        return Err(refuse("is not a directory".into()));
    }
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_error(dir))? {
        let entry = entry.map_err(io_error(dir))?;
        let kind = entry.file_type().map_err(io_error(&entry.path()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !kind.is_file() {
            return Err(refuse(format!("{name} is not a file countroom wrote")));
        }
        names.push(name);
    }
    if names.is_empty() {
        return Ok(Existing::Replaceable);
    }
    names.sort();
    if !names.iter().any(|n| n == SUMS) {
        let foreign = names.first().map_or("", String::as_str);
        return Err(refuse(format!(
            "holds {foreign}, and no {SUMS} of a set countroom wrote"
        )));
    }
    let sums_path = dir.join(SUMS);
    let listed = read_sums(&read_file(&sums_path)?)
        .ok_or_else(|| refuse(format!("{SUMS} is not a list countroom wrote")))?;
    for name in names.iter().filter(|n| *n != SUMS) {
        let Some(hex) = listed.get(name) else {
            return Err(refuse(format!("{name} is not listed in its {SUMS}")));
        };
        if countroom_io::sha256_hex(&read_file(&dir.join(name))?) != *hex {
            return Err(refuse(format!(
                "{name} was changed after countroom wrote it (its SHA-256 is not the one in {SUMS})"
            )));
        }
    }
    Ok(Existing::Replaceable)
}

/// Writes `files` and their `SHA256SUMS` as the directory `dir`, whole or
/// not at all: the set is built in a temporary directory beside `dir`, then
/// renamed into place (an earlier set, or an empty directory, is swapped
/// out and removed). Anything else at `dir` is refused and left untouched.
pub(crate) fn write_set(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Failure> {
    let existing = inspect(dir)?;
    let parent = parent_of(dir);
    let tmp = tempfile::Builder::new()
        .prefix(".countroom-new-")
        .tempdir_in(parent)
        .map_err(io_error(parent))?;
    #[cfg(unix)]
    let (file_mode, dir_mode) = umask_modes(tmp.path())?;
    let sums = sums(files);
    let all = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .chain(std::iter::once((SUMS, sums.as_slice())));
    for (name, bytes) in all {
        let path = tmp.path().join(name);
        let io = io_error(&path);
        let mut file = fs::File::create_new(&path).map_err(&io)?;
        file.write_all(bytes).map_err(&io)?;
        file.sync_all().map_err(&io)?;
        #[cfg(unix)]
        set_mode(&path, file_mode)?;
    }
    #[cfg(unix)]
    set_mode(tmp.path(), dir_mode)?;
    match existing {
        Existing::Absent => {
            fs::rename(tmp.path(), dir).map_err(io_error(dir))?;
            let _ = tmp.keep();
        }
        Existing::Replaceable => {
            // Reserve a name beside it for the old set, move it there, move
            // the new set in, then remove the old one.
            let old = tempfile::Builder::new()
                .prefix(".countroom-old-")
                .tempdir_in(parent)
                .map_err(io_error(parent))?;
            let old_path: PathBuf = old.path().to_owned();
            fs::rename(dir, &old_path).map_err(io_error(dir))?;
            if let Err(e) = fs::rename(tmp.path(), dir) {
                // Put the old set back; the new one is removed with `tmp`.
                let _ = fs::rename(&old_path, dir);
                let _ = old.keep();
                return Err(io_error(dir)(e));
            }
            let _ = tmp.keep();
            drop(old);
        }
    }
    Ok(())
}
