//! `countroom stv check-sheet`: check a published stage sheet against the
//! STV rules without the ballots.

use std::path::Path;

use countroom_io::problem::FileKind;
use countroom_stv::check::{self, read, PublishedSheet};
use countroom_stv::StvRules;

use crate::args::{CheckSheetArgs, FindingsFormat, StvRulesArg};
use crate::input::{display, read_file};
use crate::output::print;
use crate::Failure;

fn input(e: &read::SheetError) -> Failure {
    let problem = countroom_io::Problem::new(&e.file, "unreadable_sheet", e.message.clone())
        .in_field((!e.field.is_empty()).then_some(e.field.as_str()));
    Failure::Input(vec![if e.line == 0 {
        problem
    } else {
        problem.at_line(e.line as u64)
    }])
}

/// A file given to `stv check-sheet` that is no stage sheet (a count log, a
/// BLT ballot file, a stage sheet as JSON, an empty file): what it looks
/// like, as `count`, `collate` and `stv` say of theirs.
fn not_a_sheet(bytes: &[u8]) -> Option<String> {
    let reads = "`stv check-sheet` reads a published stage sheet (text or CSV)";
    match FileKind::of(bytes) {
        FileKind::Empty => Some(format!("this is an empty file; {reads}")),
        FileKind::JsonLines | FileKind::Json => {
            let stv_json = serde_json::from_slice::<serde_json::Value>(bytes)
                .ok()
                .is_some_and(|v| v.get("stages").is_some() && v.get("quota").is_some());
            Some(if stv_json {
                format!("this is a stage sheet as JSON (`countroom stv --format json`); {reads}: write it with `--format csv` or as text")
            } else {
                format!(
                    "this is {}; {reads}: to check a count log's STV count, `countroom check LOG` replays it",
                    FileKind::of(bytes).describe()
                )
            })
        }
        FileKind::Blt => Some(format!(
            "this is a BLT ballot file; {reads}: did you mean `countroom stv --rules scotland|ni FILE`, which counts it?"
        )),
        _ => None,
    }
}

/// The rules a text sheet `countroom stv` wrote says it was counted under
/// (its line `Rules: <family>…`), if it says.
fn stated_rules(bytes: &[u8]) -> Option<StvRules> {
    let text = String::from_utf8_lossy(bytes.get(..bytes.len().min(4096)).unwrap_or_default());
    // Before the first stage (a rehearsal's heading comes first).
    let line = text
        .lines()
        .take_while(|l| !l.starts_with("Stage "))
        .find_map(|l| l.strip_prefix("Rules: "))?;
    [StvRules::Scotland, StvRules::NorthernIreland]
        .into_iter()
        .find(|r| line.starts_with(r.family()))
}

/// The seed a rehearsal sheet (`countroom stv --seed`) names: its text
/// begins `REHEARSAL (seed "…"`, its CSV has `rehearsal` rows first.
fn rehearsal_of(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes.get(..bytes.len().min(4096)).unwrap_or_default());
    // The text sheet's first line, or the CSV's `rehearsal` row (quoted,
    // its quotes doubled), among the first lines.
    text.lines().take(3).find_map(|l| {
        let start = l.find("REHEARSAL (seed ")?;
        let rest = l.get(start + "REHEARSAL (".len()..)?;
        Some(rest.split(')').next().unwrap_or(rest).replace("\"\"", "\""))
    })
}

/// Reads the sheet at `path`, recognising its layout.
/// `bytes`: the file's, where the caller has read it already.
fn load(
    path: &Path,
    seats: Option<usize>,
    bytes: Option<&[u8]>,
) -> Result<PublishedSheet, Failure> {
    let is_ni_count = path
        .file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("Count.csv"));
    if path.is_dir() || is_ni_count {
        let dir = if is_ni_count {
            path.parent().unwrap_or(Path::new("."))
        } else {
            path
        };
        let name = display(dir);
        return read::ni(
            &name,
            &read_file(&dir.join("Count.csv"))?,
            &read_file(&dir.join("ConstituencyCount.csv"))?,
            &read_file(&dir.join("NonTransferable.csv"))?,
        )
        .map_err(|e| input(&e));
    }
    let name = display(path);
    let owned;
    let bytes = match bytes {
        Some(b) => b,
        None => {
            owned = read_file(path)?;
            &owned
        }
    };
    if let Some(message) = not_a_sheet(bytes) {
        return Err(Failure::one(&name, "wrong_kind_of_file", message));
    }
    match read::scottish_layout(bytes) {
        Some(false) => return read::scottish_text(&name, bytes).map_err(|e| input(&e)),
        Some(true) => return read::scottish_csv(&name, bytes).map_err(|e| input(&e)),
        None => {}
    }
    if FileKind::of(bytes) != FileKind::Csv {
        return Err(Failure::one(
            &name,
            "wrong_kind_of_file",
            format!(
                "this is {}: no line `Stage 1` (a Scottish \"Candidate Votes Per Stage\" report or `countroom stv`'s text sheet) and no CSV header (`countroom stv --format csv`); `stv check-sheet` reads those and the NI count-sheet CSVs",
                FileKind::of(bytes).describe()
            ),
        ));
    }
    let Some(seats) = seats else {
        return Err(Failure::Usage(format!(
            "{name}: a CSV stage sheet does not state the seats; give --seats"
        )));
    };
    read::tool_csv(&name, bytes, seats).map_err(|e| input(&e))
}

pub(crate) fn check_sheet(a: &CheckSheetArgs) -> Result<(), Failure> {
    let rules = match a.rules {
        StvRulesArg::Scotland => StvRules::Scotland,
        StvRulesArg::Ni => StvRules::NorthernIreland,
    };
    // A file is read once: its stated rules, whether it is a rehearsal and
    // the sheet itself all come from the same bytes.
    let bytes = if a.sheet.is_file() {
        Some(read_file(&a.sheet)?)
    } else {
        None
    };
    if let Some(stated) = bytes
        .as_deref()
        .and_then(stated_rules)
        .filter(|s| *s != rules)
    {
        return Err(Failure::Usage(format!(
            "{}: the sheet says it was counted under the {}, but --rules names the {}: check it under the rules it states",
            display(&a.sheet),
            stated.family(),
            rules.family()
        )));
    }
    // A rehearsal sheet (`countroom stv --seed`) is checked like any, but
    // said to be one: its lots were drawn from a seed, not at the count.
    let rehearsal = bytes.as_deref().and_then(rehearsal_of);
    let mut sheet = load(&a.sheet, a.seats, bytes.as_deref())?;
    if let Some(s) = a.seats {
        sheet.seats = s;
    }
    let findings = check::check(&sheet, rules);
    let out = match a.format {
        FindingsFormat::Text => {
            let mut o = format!(
                "{}: {} ({}), {} candidates, {} seats, {} stages: {} finding{}\n",
                sheet.file,
                if sheet.title.is_empty() {
                    "stage sheet"
                } else {
                    &sheet.title
                },
                rules.citation(),
                sheet.candidates.len(),
                sheet.seats,
                sheet.stages.len(),
                findings.len(),
                if findings.len() == 1 { "" } else { "s" }
            );
            if let Some(r) = &rehearsal {
                o.push_str(&format!(
                    "This sheet is a rehearsal ({r}): its lots were drawn from a seed, not at the count, and it is never a declared result.\n"
                ));
            }
            for f in &findings {
                o.push_str(&f.to_string());
                o.push('\n');
            }
            o.into_bytes()
        }
        FindingsFormat::Json => countroom_io::problem::findings_json(&sheet, rules, &findings)
            .map_err(|e| Failure::Io(format!("the findings could not be written as JSON: {e}")))?,
    };
    print(&out)?;
    if let (Some(r), FindingsFormat::Json) = (&rehearsal, a.format) {
        eprintln!("countroom: the sheet is a rehearsal ({r}), never a declared result");
    }
    if findings.is_empty() {
        Ok(())
    } else {
        eprintln!(
            "countroom: the sheet has {} (exit code 1)",
            countroom_io::published::how_many(findings.len() as u64, "finding")
        );
        Err(Failure::Found)
    }
}
