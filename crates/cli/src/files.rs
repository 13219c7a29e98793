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
    // Files, and the files of subdirectories one level down (a set of
    // several logs: one subdirectory a log), named `sub/name` as listed.
    let mut names = Vec::new();
    let mut subdirs = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_error(dir))? {
        let entry = entry.map_err(io_error(dir))?;
        let kind = entry.file_type().map_err(io_error(&entry.path()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if kind.is_dir() {
            for inner in fs::read_dir(entry.path()).map_err(io_error(&entry.path()))? {
                let inner = inner.map_err(io_error(&entry.path()))?;
                let inner_kind = inner.file_type().map_err(io_error(&inner.path()))?;
                let inner_name = format!("{name}/{}", inner.file_name().to_string_lossy());
                if !inner_kind.is_file() {
                    return Err(refuse(format!(
                        "{inner_name} is not a file countroom wrote"
                    )));
                }
                names.push(inner_name);
            }
            subdirs.push(name);
            continue;
        }
        if !kind.is_file() {
            return Err(refuse(format!("{name} is not a file countroom wrote")));
        }
        names.push(name);
    }
    if names.is_empty() && !subdirs.is_empty() {
        subdirs.sort();
        return Err(refuse(format!(
            "holds {}, and no {SUMS} of a set countroom wrote",
            subdirs.first().map_or("", String::as_str)
        )));
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
/// not at all: the set is built in a temporary directory beside `dir`,
/// made durable, then moved into place. Anything else at `dir` is refused
/// and left untouched.
///
/// Durability costs one sync for the set, not one per file: every file is
/// written first, then on Linux one `syncfs(2)` on the temporary directory
/// writes the set's data and the directory's entries to the disk in one
/// call (its cost includes any other data not yet written on the same file
/// system); elsewhere each file is synced after all are written, then the
/// directory. After the move, the parent directory is synced once, so the
/// move itself is durable.
///
/// The move never leaves `dir` missing where the platform can exchange two
/// directories: on Linux, `renameat2(RENAME_EXCHANGE)` swaps the new set
/// and the old one (an earlier set or an empty directory) in one step, so a
/// reader at any moment finds the old set or the new one, never neither,
/// and the old set is then removed. Where the exchange is not available (a
/// file system or platform without it), the old set is renamed aside and
/// the new one renamed in: between the two renames `dir` is absent (for the
/// time of one rename), and if the second fails the old set is put back.
/// When nothing is at `dir`, one rename puts the set there. In every case,
/// a failure before the move leaves `dir` as it was and removes the
/// temporary directory.
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
    let mut written = Vec::with_capacity(files.len() + 1);
    for (name, bytes) in all {
        // A name `sub/file` (a set of several logs) goes in a subdirectory,
        // one level down; anything else with a separator is refused.
        if let Some((sub, file)) = name.split_once('/') {
            if sub.is_empty() || file.is_empty() || file.contains('/') || sub == "." || sub == ".."
            {
                return Err(Failure::Io(format!("{name}: not a file name of a set")));
            }
            let sub_path = tmp.path().join(sub);
            if !sub_path.is_dir() {
                fs::create_dir(&sub_path).map_err(io_error(&sub_path))?;
                #[cfg(unix)]
                {
                    set_mode(&sub_path, dir_mode)?;
                    // Synced as a file is where syncs are per file (a
                    // directory opens to sync only on Unix).
                    written.push(sub_path);
                }
            }
        }
        let path = tmp.path().join(name);
        fs::File::create_new(&path)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(io_error(&path))?;
        #[cfg(unix)]
        set_mode(&path, file_mode)?;
        written.push(path);
    }
    #[cfg(unix)]
    set_mode(tmp.path(), dir_mode)?;
    sync_set(tmp.path(), &written)?;
    match existing {
        Existing::Absent => {
            fs::rename(tmp.path(), dir).map_err(io_error(dir))?;
            let _ = tmp.keep();
        }
        Existing::Replaceable => {
            if !exchange(tmp.path(), dir)? {
                swap_by_renames(tmp.path(), dir, parent)?;
                let _ = tmp.keep();
            }
            // After an exchange `tmp` holds the old set: dropping it
            // removes it.
        }
    }
    sync_dir(parent)
}

/// Makes the files written into `dir` (and `dir`'s entries) durable, with
/// one call on Linux (`syncfs(2)`).
#[cfg(target_os = "linux")]
fn sync_set(dir: &Path, _files: &[PathBuf]) -> Result<(), Failure> {
    let d = fs::File::open(dir).map_err(io_error(dir))?;
    rustix::fs::syncfs(&d).map_err(|e| io_error(dir)(e.into()))
}

/// Makes the files written into `dir` (and `dir`'s entries) durable: each
/// file synced after all were written, then the directory.
#[cfg(not(target_os = "linux"))]
fn sync_set(dir: &Path, files: &[PathBuf]) -> Result<(), Failure> {
    for path in files {
        fs::File::open(path)
            .and_then(|f| f.sync_all())
            .map_err(io_error(path))?;
    }
    sync_dir(dir)
}

/// Syncs a directory's entries (on Unix; elsewhere a directory cannot be
/// opened to sync it, and the platform's rename is relied on).
fn sync_dir(dir: &Path) -> Result<(), Failure> {
    #[cfg(unix)]
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Exchanges the directories `new` and `dir` in one step
/// (`renameat2(RENAME_EXCHANGE)`): `Ok(true)` if done, `Ok(false)` if the
/// file system or kernel cannot (the caller falls back to two renames).
#[cfg(target_os = "linux")]
fn exchange(new: &Path, dir: &Path) -> Result<bool, Failure> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, new, CWD, dir, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(io_error(dir)(e.into())),
    }
}

/// No exchange of two directories on this platform: the caller renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_new: &Path, _dir: &Path) -> Result<bool, Failure> {
    Ok(false)
}

/// Moves the set at `dir` aside, `new` into its place, then removes the
/// old set; if the second rename fails, the old set is put back.
fn swap_by_renames(new: &Path, dir: &Path, parent: &Path) -> Result<(), Failure> {
    // Reserve a name beside it for the old set.
    let old = tempfile::Builder::new()
        .prefix(".countroom-old-")
        .tempdir_in(parent)
        .map_err(io_error(parent))?;
    let old_path: PathBuf = old.path().to_owned();
    fs::rename(dir, &old_path).map_err(io_error(dir))?;
    if let Err(e) = fs::rename(new, dir) {
        // Put the old set back; the new one is removed by the caller.
        let _ = fs::rename(&old_path, dir);
        let _ = old.keep();
        return Err(io_error(dir)(e));
    }
    drop(old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str], text: &[u8]) -> Vec<(String, Vec<u8>)> {
        names
            .iter()
            .map(|n| ((*n).to_owned(), text.to_vec()))
            .collect()
    }

    fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// A set that fails while being written (a file that cannot be
    /// created) leaves the earlier set exactly as it was, and no temporary
    /// directory beside it; a set that succeeds replaces it whole.
    #[test]
    fn a_set_is_written_whole_or_not_at_all() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("docs");
        write_set(&dir, &set(&["a.txt", "b.txt"], b"first")).unwrap();
        let before = listing(&dir);
        assert_eq!(before.len(), 3, "two files and SHA256SUMS");
        // A name two directories down cannot be written (a set has one
        // level of subdirectories): the set fails after `c.txt` is written.
        let broken = set(&["c.txt", "no/such-dir/d.txt"], b"second");
        assert!(write_set(&dir, &broken).is_err());
        assert_eq!(listing(&dir), before);
        assert_eq!(
            fs::read_dir(parent.path()).unwrap().count(),
            1,
            "no temporary left"
        );
        write_set(&dir, &set(&["c.txt"], b"second")).unwrap();
        let after = listing(&dir);
        assert_eq!(
            after.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            vec!["SHA256SUMS", "c.txt"]
        );
        assert_eq!(fs::read_dir(parent.path()).unwrap().count(), 1);
    }

    /// A set with subdirectories (several logs): each `sub/file` in its
    /// subdirectory, listed so in `SHA256SUMS`; written again over itself
    /// (replaced), but never over a subdirectory holding a file it does not
    /// list, and never with a name that leaves the set.
    #[test]
    fn a_set_with_subdirectories() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("docs");
        let files = set(&["a/x.txt", "a/y.txt", "b/x.txt"], b"one");
        write_set(&dir, &files).unwrap();
        let sums = String::from_utf8(fs::read(dir.join(SUMS)).unwrap()).unwrap();
        let names: Vec<&str> = sums.lines().map(|l| &l[66..]).collect();
        assert_eq!(names, vec!["a/x.txt", "a/y.txt", "b/x.txt"]);
        assert_eq!(fs::read(dir.join("b").join("x.txt")).unwrap(), b"one");
        write_set(&dir, &set(&["a/x.txt"], b"two")).unwrap();
        assert!(!dir.join("b").exists());
        fs::write(dir.join("a").join("mine.txt"), b"mine").unwrap();
        assert!(write_set(&dir, &set(&["a/x.txt"], b"three")).is_err());
        assert_eq!(fs::read(dir.join("a").join("mine.txt")).unwrap(), b"mine");
        for bad in ["../x.txt", "./x.txt", "/x.txt", "a/"] {
            let other = parent.path().join("other");
            assert!(write_set(&other, &set(&[bad], b"x")).is_err(), "{bad}");
            assert!(!other.exists());
        }
    }

    /// On Linux the earlier set is exchanged with the new one in one step:
    /// a reader looking all the while never finds the directory missing.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_directory_is_never_missing_while_replaced() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("docs");
        write_set(&dir, &set(&["a.txt"], b"0")).unwrap();
        let done = AtomicBool::new(false);
        let missing = std::thread::scope(|s| {
            let watcher = s.spawn(|| {
                let mut missing = 0;
                while !done.load(Ordering::Relaxed) {
                    if !dir.join(SUMS).exists() {
                        missing += 1;
                    }
                }
                missing
            });
            for k in 0..30u8 {
                write_set(&dir, &set(&["a.txt"], &[k])).unwrap();
            }
            done.store(true, Ordering::Relaxed);
            watcher.join().unwrap()
        });
        assert_eq!(missing, 0);
        assert_eq!(fs::read(dir.join("a.txt")).unwrap(), vec![29]);
    }

    /// The fallback where no exchange is available: two renames, the old
    /// set removed, nothing left beside it.
    #[test]
    fn the_fallback_swaps_by_two_renames() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("docs");
        write_set(&dir, &set(&["a.txt"], b"old")).unwrap();
        let new = parent.path().join("new");
        fs::create_dir(&new).unwrap();
        fs::write(new.join("b.txt"), b"new").unwrap();
        swap_by_renames(&new, &dir, parent.path()).unwrap();
        assert_eq!(listing(&dir), vec![("b.txt".to_owned(), b"new".to_vec())]);
        assert_eq!(fs::read_dir(parent.path()).unwrap().count(), 1);
    }
}
