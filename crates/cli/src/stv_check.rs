//! `countroom stv check-sheet`: check a published stage sheet against the
//! STV rules without the ballots.

use std::path::Path;

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

/// Reads the sheet at `path`, recognising its layout.
fn load(path: &Path, seats: Option<usize>) -> Result<PublishedSheet, Failure> {
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
    let bytes = read_file(path)?;
    match read::scottish_layout(&bytes) {
        Some(false) => return read::scottish_text(&name, &bytes).map_err(|e| input(&e)),
        Some(true) => return read::scottish_csv(&name, &bytes).map_err(|e| input(&e)),
        None => {}
    }
    let Some(seats) = seats else {
        return Err(Failure::Usage(format!(
            "{name}: a CSV stage sheet does not state the seats; give --seats"
        )));
    };
    read::tool_csv(&name, &bytes, seats).map_err(|e| input(&e))
}

pub(crate) fn check_sheet(a: &CheckSheetArgs) -> Result<(), Failure> {
    let rules = match a.rules {
        StvRulesArg::Scotland => StvRules::Scotland,
        StvRulesArg::Ni => StvRules::NorthernIreland,
    };
    let mut sheet = load(&a.sheet, a.seats)?;
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
    if findings.is_empty() {
        Ok(())
    } else {
        Err(Failure::Found)
    }
}
