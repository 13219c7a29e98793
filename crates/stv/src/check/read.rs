//! Readers of published stage sheets, for [`super::check`].
//!
//! - [`ni`]: the NI count-sheet CSVs of the 2017 Assembly dataset
//!   (`Count.csv`: a row per count per candidate with `Candidate_Id`,
//!   `Count_Number`, `Firstname`, `Surname`, `Transfers`, `Total_Votes`,
//!   `Status`, `Occurred_On_Count`; `ConstituencyCount.csv`: `Valid_Poll`,
//!   `Quota`, `Number_Of_Seats`; `NonTransferable.csv`: `Count_Number`,
//!   `Non_Transferable` per count, not cumulative).
//! - [`scottish_text`]: the official Scottish "Candidate Votes Per Stage
//!   Report" as text (`pdftotext -layout`), one table per stage, and
//!   [`scottish_csv`]: the same layout as CSV.
//! - [`tool_csv`]: the CSV `countroom stv --format csv` writes, either the
//!   tidy shape (a row per stage per candidate: `stage,action,candidate,
//!   transfer,total,status`, with rows for `non_transferable` and
//!   `rounding_loss` whose `total` is cumulative) or the wide shape (two rows
//!   per stage, a column per candidate).
//!
//! Every error names the file, the line and the field.

use std::collections::BTreeMap;

use countroom_model::LineCounter;

use super::{PublishedAction, PublishedSheet, PublishedStage};
use crate::value::Value;

/// A sheet that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {field}: {message}")]
#[non_exhaustive]
pub struct SheetError {
    /// The file.
    pub file: String,
    /// The line (1-based; 0 for the file as a whole).
    pub line: usize,
    /// The field or column.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

fn err(file: &str, line: usize, field: &str, message: impl Into<String>) -> SheetError {
    SheetError {
        file: file.to_owned(),
        line,
        field: field.to_owned(),
        message: message.into(),
    }
}

/// A count's rows: candidate -> (transfer, total).
type CountRows = BTreeMap<usize, (Value, Value)>;

/// The 1-based line of a record at `position` (its byte offset counted by
/// [`LineCounter`]: the csv crate's own line lags on CRLF files).
fn line_of(lines: &mut LineCounter<'_>, position: Option<&csv::Position>) -> usize {
    usize::try_from(lines.line_at(position.map(csv::Position::byte))).unwrap_or(usize::MAX)
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

struct Table {
    file: String,
    headers: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn read(file: &str, bytes: &[u8]) -> Result<Table, SheetError> {
        let bytes = strip_bom(bytes);
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        // The csv crate's own line numbers lag on CRLF files (rust-csv #395).
        let mut lines = LineCounter::new(bytes);
        let headers = rdr
            .headers()
            .map_err(|e| err(file, 1, "header", e.to_string()))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let mut rows = Vec::new();
        for r in rdr.records() {
            let r = r.map_err(|e| {
                err(
                    file,
                    line_of(&mut lines, e.position()),
                    "record",
                    e.to_string(),
                )
            })?;
            let line = line_of(&mut lines, r.position());
            if r.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            rows.push((line, r.iter().map(|f| f.trim().to_owned()).collect()));
        }
        Ok(Table {
            file: file.to_owned(),
            headers,
            rows,
        })
    }
    fn col(&self, name: &str) -> Result<usize, SheetError> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| err(&self.file, 1, name, "no such column"))
    }
    fn opt_col(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }
    fn get<'a>(&self, row: &'a (usize, Vec<String>), c: usize) -> &'a str {
        row.1.get(c).map_or("", String::as_str)
    }
}

fn value(file: &str, line: usize, field: &str, s: &str, places: u32) -> Result<Value, SheetError> {
    Value::parse(s, places).ok_or_else(|| {
        err(
            file,
            line,
            field,
            format!("{s:?} is not a figure to {places} places"),
        )
    })
}

fn number<T: std::str::FromStr>(
    file: &str,
    line: usize,
    field: &str,
    s: &str,
) -> Result<T, SheetError> {
    s.replace(',', "")
        .trim()
        .parse()
        .map_err(|_| err(file, line, field, format!("{s:?} is not a whole number")))
}

/// A whole number, which may be printed with decimal places that are all
/// zero (`26.00000`, as `countroom stv` prints the quota at the sheet's
/// places); any other fraction is refused.
fn whole_figure(file: &str, line: usize, field: &str, s: &str) -> Result<u64, SheetError> {
    match s.split_once('.') {
        Some((whole, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => {
            number(file, line, field, whole)
        }
        Some(_) => Err(err(
            file,
            line,
            field,
            format!("{s:?} is not a whole number"),
        )),
        None => number(file, line, field, s),
    }
}

/// The decimal places of the figures in `figures` (the most found).
fn places_of<'a>(figures: impl IntoIterator<Item = &'a str>) -> u32 {
    figures
        .into_iter()
        .filter_map(|f| f.split_once('.').map(|(_, d)| d.trim().len()))
        .max()
        .map_or(0, |p| u32::try_from(p.min(9)).unwrap_or(9))
}

/// Reads an NI count sheet: `Count.csv`, `ConstituencyCount.csv` and
/// `NonTransferable.csv` of one constituency (`dir` names them in errors).
///
/// Errors: a missing column, a figure that does not parse, a count with no
/// non-transferable figure, a candidate missing from a count.
pub fn ni(
    dir: &str,
    count: &[u8],
    constituency: &[u8],
    non_transferable: &[u8],
) -> Result<PublishedSheet, SheetError> {
    let cf = format!("{dir}/ConstituencyCount.csv");
    let t = Table::read(&cf, constituency)?;
    let Some(row) = t.rows.first() else {
        return Err(err(&cf, 2, "record", "no constituency row"));
    };
    let (vc, qc, sc) = (
        t.col("Valid_Poll")?,
        t.col("Quota")?,
        t.col("Number_Of_Seats")?,
    );
    let line = row.0;
    let valid = match t.get(row, vc) {
        "" => None,
        s => Some(number(&cf, line, "Valid_Poll", s)?),
    };
    let quota = match t.get(row, qc) {
        "" => None,
        s => Some(number(&cf, line, "Quota", s)?),
    };
    let seats = number(&cf, line, "Number_Of_Seats", t.get(row, sc))?;
    let title = t
        .opt_col("Constituency_Name")
        .map(|c| t.get(row, c).to_owned())
        .unwrap_or_default();

    let nf = format!("{dir}/NonTransferable.csv");
    let t = Table::read(&nf, non_transferable)?;
    let (nc, ntc) = (t.col("Count_Number")?, t.col("Non_Transferable")?);
    let places = places_of(t.rows.iter().map(|r| t.get(r, ntc))).max(2);
    let mut nts: BTreeMap<u32, Value> = BTreeMap::new();
    for r in &t.rows {
        let n = number(&nf, r.0, "Count_Number", t.get(r, nc))?;
        nts.insert(
            n,
            value(&nf, r.0, "Non_Transferable", t.get(r, ntc), places)?,
        );
    }

    let kf = format!("{dir}/Count.csv");
    let t = Table::read(&kf, count)?;
    let (idc, nc, trc, totc, stc, onc) = (
        t.col("Candidate_Id")?,
        t.col("Count_Number")?,
        t.col("Transfers")?,
        t.col("Total_Votes")?,
        t.col("Status")?,
        t.col("Occurred_On_Count")?,
    );
    let (fc, sc) = (t.opt_col("Firstname"), t.opt_col("Surname"));
    let mut ids: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // count -> (first line, candidate -> (transfer, total))
    let mut counts: BTreeMap<u32, (usize, CountRows)> = BTreeMap::new();
    let mut elected_on: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for r in &t.rows {
        let id = t.get(r, idc).to_owned();
        if id.is_empty() {
            return Err(err(&kf, r.0, "Candidate_Id", "empty"));
        }
        let c = match ids.iter().position(|x| *x == id) {
            Some(c) => c,
            None => {
                ids.push(id.clone());
                let name = [fc, sc]
                    .iter()
                    .flatten()
                    .map(|c| t.get(r, *c))
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                names.push(if name.is_empty() { id.clone() } else { name });
                ids.len() - 1
            }
        };
        let n: u32 = number(&kf, r.0, "Count_Number", t.get(r, nc))?;
        let tr = value(&kf, r.0, "Transfers", t.get(r, trc), places)?;
        let tot = value(&kf, r.0, "Total_Votes", t.get(r, totc), places)?;
        let entry = counts.entry(n).or_insert((r.0, BTreeMap::new()));
        if entry.1.insert(c, (tr, tot)).is_some() {
            return Err(err(
                &kf,
                r.0,
                "Candidate_Id",
                format!("candidate {id} twice in count {n}"),
            ));
        }
        if t.get(r, stc).eq_ignore_ascii_case("Elected") && !t.get(r, onc).is_empty() {
            let on: u32 = number(&kf, r.0, "Occurred_On_Count", t.get(r, onc))?;
            let v = elected_on.entry(on).or_default();
            if !v.contains(&c) {
                v.push(c);
            }
        }
    }
    let mut stages = Vec::new();
    let mut nt_cum = Value::ZERO;
    for (&n, (line, rows)) in &counts {
        let mut transfers = Vec::new();
        let mut totals = Vec::new();
        for (c, id) in ids.iter().enumerate() {
            let Some((tr, tot)) = rows.get(&c) else {
                return Err(err(
                    &kf,
                    *line,
                    "Candidate_Id",
                    format!("candidate {id} has no row in count {n}"),
                ));
            };
            transfers.push(*tr);
            totals.push(*tot);
        }
        let Some(nt) = nts.get(&n) else {
            return Err(err(
                &nf,
                0,
                "Count_Number",
                format!("no non-transferable figure for count {n}"),
            ));
        };
        nt_cum = nt_cum
            .checked_add(*nt)
            .ok_or_else(|| err(&nf, 0, "Non_Transferable", "overflow"))?;
        stages.push(PublishedStage {
            number: n,
            line: *line,
            action: if stages.is_empty() {
                PublishedAction::FirstPreferences
            } else {
                PublishedAction::NotStated
            },
            transfers,
            totals,
            non_transferable: nt_cum,
            loss: Value::ZERO,
            elected: elected_on.get(&n).cloned().unwrap_or_default(),
        });
    }
    Ok(PublishedSheet {
        file: dir.to_owned(),
        title,
        candidates: names,
        seats,
        valid,
        quota,
        places,
        marks_elected: true,
        withdrawn: Vec::new(),
        stages,
    })
}

/// Splits a layout line into its fields (runs of two or more spaces
/// separate them), with each field's starting column.
fn fields(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        while i < b.len() && !(b[i] == b' ' && (i + 1 >= b.len() || b[i + 1] == b' ')) {
            i += 1;
        }
        out.push((start, line[start..i].trim_end()));
    }
    out
}

fn is_figure(s: &str) -> bool {
    let t = s.strip_prefix('-').unwrap_or(s);
    !t.is_empty()
        && t.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// Reads the official Scottish "Candidate Votes Per Stage Report" as text
/// (`pdftotext -layout` of the council's PDF, as in
/// `glasgow-2017-official/*.derived.txt`). Each stage: `Stage N`, then
/// `Surplus of NAME` or `Exclusion of NAME`, a table of candidate rows
/// (name, affiliation, the votes transferred — headed "Transfer Value" in
/// the 2017 layout —, the total, `Elected`), `Non-transferable votes`
/// (transferred, cumulative; including the loss to truncation) and `Total`.
/// A name whose affiliation wraps onto two lines has its figures on the
/// line above the name.
///
/// Errors: no header figures, a row that names no candidate of stage 1, a
/// row without its two figures, an action naming no candidate.
pub fn scottish_text(file: &str, text: &[u8]) -> Result<PublishedSheet, SheetError> {
    let text = String::from_utf8_lossy(strip_bom(text));
    let lines = text.lines().enumerate().map(|(i, raw)| {
        let fs = fields(raw)
            .into_iter()
            .map(|(c, f)| (c, f.to_owned()))
            .collect();
        (i + 1, fs)
    });
    scottish(file, lines)
}

/// Reads the official Scottish report in the same layout as CSV: one
/// record per line of the report, a cell per column (`Stage 1`; `Surplus of
/// NAME`; `Candidate Name,Affiliation,Transfer Value,Votes,Status`; a row
/// per candidate with the name in the first cell; `Non-transferable
/// votes,,T,V`; `Total,,,V`; and the header lines `Total Number of Valid
/// Votes,7263` and so on), as a spreadsheet export of the report gives.
///
/// Errors: as [`scottish_text`], and a record the CSV reader refuses.
pub fn scottish_csv(file: &str, bytes: &[u8]) -> Result<PublishedSheet, SheetError> {
    let bytes = strip_bom(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut counter = LineCounter::new(bytes);
    let mut lines = Vec::new();
    for r in rdr.records() {
        let r = r.map_err(|e| {
            err(
                file,
                line_of(&mut counter, e.position()),
                "record",
                e.to_string(),
            )
        })?;
        let line = line_of(&mut counter, r.position());
        // The first cell is column 0 (a name); a row whose first cell is
        // empty is a continuation, as in the text layout.
        let fs: Vec<(usize, String)> = r
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.trim().is_empty())
            .map(|(k, f)| (k, f.trim().to_owned()))
            .collect();
        lines.push((line, fs));
    }
    scottish(file, lines.into_iter())
}

/// Whether `bytes` look like the official Scottish report (a line `Stage
/// 1`, as text or as a CSV record), and if so whether as CSV.
#[must_use]
pub fn scottish_layout(bytes: &[u8]) -> Option<bool> {
    let text = String::from_utf8_lossy(strip_bom(bytes));
    let mut found = None;
    for l in text.lines() {
        let cells: Vec<&str> = l
            .split(',')
            .map(|c| c.trim().trim_matches('"').trim())
            .collect();
        if cells.first() == Some(&"Stage 1") && cells[1..].iter().all(|c| c.is_empty()) {
            found = Some(l.contains(','));
        }
        if found.is_some() && l.contains("Candidate Name") {
            return Some(l.contains(','));
        }
    }
    found
}

fn scottish(
    file: &str,
    lines: impl Iterator<Item = (usize, Vec<(usize, String)>)>,
) -> Result<PublishedSheet, SheetError> {
    let mut title = String::new();
    let (mut valid, mut seats, mut quota) = (None, None, None);
    let mut candidates: Vec<String> = Vec::new();
    let mut stages: Vec<PublishedStage> = Vec::new();
    // The stage being read: number, line, action text, rows.
    struct Open {
        number: u32,
        line: usize,
        action: Option<(usize, String)>,
        rows: Vec<(usize, String, Value, Value, bool)>,
        nt: Option<Value>,
        loss: Option<Value>,
        in_table: bool,
        pending: Option<(usize, Vec<String>)>,
    }
    let mut open: Option<Open> = None;
    let mut places = 0;
    // Candidates a row marks `Withdrawn` (countroom's text sheet).
    let mut withdrawn_names: Vec<String> = Vec::new();
    let close = |o: Open,
                 candidates: &mut Vec<String>,
                 stages: &mut Vec<PublishedStage>|
     -> Result<(), SheetError> {
        if stages.is_empty() {
            *candidates = o.rows.iter().map(|r| r.1.clone()).collect();
        }
        let n = candidates.len();
        let mut transfers = vec![Value::ZERO; n];
        let mut totals = vec![Value::ZERO; n];
        let mut seen = vec![false; n];
        let mut elected = Vec::new();
        for (line, name, tr, tot, el) in &o.rows {
            let Some(c) = candidates.iter().position(|x| x == name) else {
                return Err(err(
                    file,
                    *line,
                    "Candidate Name",
                    format!("{name:?} is not a candidate of stage 1"),
                ));
            };
            if seen[c] {
                return Err(err(
                    file,
                    *line,
                    "Candidate Name",
                    format!("{name:?} twice in stage {}", o.number),
                ));
            }
            seen[c] = true;
            transfers[c] = *tr;
            totals[c] = *tot;
            if *el {
                elected.push(c);
            }
        }
        if let Some(c) = seen.iter().position(|s| !s) {
            return Err(err(
                file,
                o.line,
                "Candidate Name",
                format!("{:?} has no row in stage {}", candidates[c], o.number),
            ));
        }
        let action = match &o.action {
            None => PublishedAction::FirstPreferences,
            Some((line, a)) => {
                let (kind, name) = if let Some(n) = a.strip_prefix("Surplus of ") {
                    ("surplus", n.trim())
                } else if let Some(n) = a.strip_prefix("Exclusion of ") {
                    ("exclusion", n.trim())
                } else {
                    return Err(err(
                        file,
                        *line,
                        "action",
                        format!("{a:?} is neither \"Surplus of\" nor \"Exclusion of\" a candidate"),
                    ));
                };
                let find = |n: &str| candidates.iter().position(|x| x == n);
                match (kind, find(name)) {
                    ("surplus", Some(c)) => PublishedAction::Surplus(c),
                    (_, Some(c)) => PublishedAction::Exclusion(vec![c]),
                    ("exclusion", None) => {
                        // Several excluded together (NI, r.51(12)), as
                        // `countroom stv` writes them: "Exclusion of A, B".
                        let mut cs = Vec::new();
                        for n in name.split(", ") {
                            let Some(c) = find(n.trim()) else {
                                return Err(err(
                                    file,
                                    *line,
                                    "action",
                                    format!("{name:?} is not a candidate, nor candidates separated by \", \""),
                                ));
                            };
                            cs.push(c);
                        }
                        PublishedAction::Exclusion(cs)
                    }
                    _ => {
                        return Err(err(
                            file,
                            *line,
                            "action",
                            format!("{name:?} is not a candidate"),
                        ))
                    }
                }
            }
        };
        let Some(nt) = o.nt else {
            return Err(err(
                file,
                o.line,
                "Non-transferable votes",
                format!("no row in stage {}", o.number),
            ));
        };
        stages.push(PublishedStage {
            number: o.number,
            line: o.line,
            action,
            transfers,
            totals,
            non_transferable: nt,
            loss: o.loss.unwrap_or(Value::ZERO),
            elected,
        });
        Ok(())
    };
    for (line, fs) in lines {
        let fs: Vec<(usize, &str)> = fs.iter().map(|(c, f)| (*c, f.as_str())).collect();
        let Some(&(col0, f0)) = fs.first() else {
            continue;
        };
        let last = fs.last().map_or("", |f| f.1);
        match f0 {
            "Contest Name" if fs.len() >= 2 => {
                title = fs[1..].iter().map(|f| f.1).collect::<Vec<_>>().join(" ");
                continue;
            }
            "Total Number of Valid Votes" => {
                valid = Some(number::<u64>(file, line, f0, last)?);
                continue;
            }
            "Positions to be Filled" => {
                seats = Some(number::<usize>(file, line, f0, last)?);
                continue;
            }
            "Quota" if fs.len() == 2 => {
                quota = Some(whole_figure(file, line, f0, last)?);
                continue;
            }
            _ => {}
        }
        if let Some(n) = f0.strip_prefix("Stage ").filter(|_| fs.len() == 1) {
            if let Some(o) = open.take() {
                close(o, &mut candidates, &mut stages)?;
            }
            open = Some(Open {
                number: number(file, line, "Stage", n)?,
                line,
                action: None,
                rows: Vec::new(),
                nt: None,
                loss: None,
                in_table: false,
                pending: None,
            });
            continue;
        }
        let Some(o) = open.as_mut() else { continue };
        if f0.starts_with("Surplus of ") || f0.starts_with("Exclusion of ") {
            o.action = Some((line, f0.to_owned()));
            continue;
        }
        if f0 == "Candidate Name" {
            o.in_table = true;
            continue;
        }
        if !o.in_table {
            continue;
        }
        if f0 == "Total" {
            o.in_table = false;
            continue;
        }
        let figs: Vec<String> = fs
            .iter()
            .flat_map(|f| f.1.split(' '))
            .filter(|t| is_figure(t))
            .map(str::to_owned)
            .collect();
        if places == 0 {
            places = places_of(figs.iter().map(String::as_str));
        }
        let fig = |k: usize, figs: &[String], field: &str| -> Result<Value, SheetError> {
            value(file, line, field, &figs[k], places.max(1))
        };
        if f0 == "Non-transferable votes due to rounding" {
            // `countroom stv`'s text sheet: the loss to truncation, apart
            // from the non-transferable votes (cumulative: the last
            // figure).
            if figs.len() < 2 {
                return Err(err(
                    file,
                    line,
                    f0,
                    "needs the votes lost at this stage and the total",
                ));
            }
            o.loss = Some(fig(figs.len() - 1, &figs, f0)?);
            continue;
        }
        if f0 == "Non-transferable votes" {
            if figs.len() < 2 {
                return Err(err(
                    file,
                    line,
                    f0,
                    "needs the votes transferred and the total",
                ));
            }
            o.nt = Some(fig(figs.len() - 1, &figs, f0)?);
            continue;
        }
        if col0 > 0 {
            // An affiliation continuation, or the figures of a row whose
            // name is on the next line.
            if figs.len() >= 2 {
                o.pending = Some((line, figs));
            }
            continue;
        }
        let (fline, figs) = if figs.len() >= 2 {
            (line, figs)
        } else if let Some(p) = o.pending.take() {
            p
        } else {
            return Err(err(
                file,
                line,
                "Votes",
                format!("{f0:?}: no transfer and total"),
            ));
        };
        let k = figs.len();
        let tr = value(file, fline, "Transfer Value", &figs[k - 2], places.max(1))?;
        let tot = value(file, fline, "Votes", &figs[k - 1], places.max(1))?;
        let marked = |word: &str| fs.iter().flat_map(|f| f.1.split(' ')).any(|t| t == word);
        if marked("Withdrawn") && !withdrawn_names.iter().any(|n| n == f0) {
            withdrawn_names.push(f0.to_owned());
        }
        o.rows
            .push((line, f0.to_owned(), tr, tot, marked("Elected")));
    }
    if let Some(o) = open.take() {
        close(o, &mut candidates, &mut stages)?;
    }
    let Some(seats) = seats else {
        return Err(err(file, 0, "Positions to be Filled", "not found"));
    };
    if stages.is_empty() {
        return Err(err(file, 0, "Stage", "no stages found"));
    }
    let withdrawn = withdrawn_names
        .iter()
        .filter_map(|n| candidates.iter().position(|c| c == n))
        .collect();
    Ok(PublishedSheet {
        file: file.to_owned(),
        title,
        candidates,
        seats,
        valid,
        quota,
        places: places.max(1),
        marks_elected: true,
        withdrawn,
        stages,
    })
}

/// Reads the CSV `countroom stv --format csv` writes: the tidy shape
/// (`stage,action,candidate,transfer,total,status`, a row per stage per
/// candidate, with `non_transferable` and `rounding_loss` rows whose
/// `total` is cumulative, or instead `non_transferable` and `rounding_loss`
/// columns holding the cumulative figures; `status` `elected` from the
/// stage a candidate is elected; an optional `subject` column naming the
/// candidate acted on) or
/// the wide shape (`stage,action,subject,row,<candidates…>,
/// non_transferable,rounding_loss,elected,excluded`). Neither carries the
/// seats, which the caller gives.
///
/// Errors: a header of neither shape, a figure that does not parse, a
/// candidate missing from a stage, a subject that names no candidate.
pub fn tool_csv(file: &str, bytes: &[u8], seats: usize) -> Result<PublishedSheet, SheetError> {
    let mut t = Table::read(file, bytes)?;
    // A rehearsal sheet's first rows (`row` `rehearsal` and
    // `rehearsal_lot`: the seed and its draws) hold no figures.
    if let Some(rc) = t.opt_col("row") {
        t.rows
            .retain(|r| !r.1.get(rc).is_some_and(|k| k.starts_with("rehearsal")));
    }
    // The tidy shape has a transfer and a total on every row; the wide one
    // a column per candidate.
    if t.opt_col("transfer").is_some() && t.opt_col("total").is_some() {
        tidy_csv(&t, seats)
    } else {
        wide_csv(&t, seats)
    }
}

fn action_of(
    file: &str,
    line: usize,
    kind: &str,
    subject: &str,
    find: impl Fn(&str) -> Option<usize>,
) -> Result<PublishedAction, SheetError> {
    let kind = kind.trim().to_ascii_lowercase();
    if kind.starts_with("first") {
        return Ok(PublishedAction::FirstPreferences);
    }
    let subjects: Vec<usize> = if subject.trim().is_empty() {
        Vec::new()
    } else {
        subject
            .split(';')
            .flat_map(|s| {
                if s.contains(char::is_alphabetic) {
                    vec![s]
                } else {
                    s.split(' ').collect()
                }
            })
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                find(s)
                    .ok_or_else(|| err(file, line, "subject", format!("{s:?} is not a candidate")))
            })
            .collect::<Result<_, _>>()?
    };
    Ok(match (kind.as_str(), subjects.as_slice()) {
        ("surplus", [c]) => PublishedAction::Surplus(*c),
        ("exclusion" | "bulk_exclusion", cs) if !cs.is_empty() => {
            PublishedAction::Exclusion(cs.to_vec())
        }
        ("surplus" | "exclusion" | "bulk_exclusion", _) => PublishedAction::NotStated,
        (k, _) => {
            return Err(err(
                file,
                line,
                "action",
                format!("{k:?} is not first_preferences, surplus, exclusion or bulk_exclusion"),
            ))
        }
    })
}

fn wide_csv(t: &Table, seats: usize) -> Result<PublishedSheet, SheetError> {
    let file = &t.file;
    let row_c = t.col("row")?;
    let (sc, ac, subc) = (t.col("stage")?, t.col("action")?, t.col("subject")?);
    let ntc = t.col("non_transferable")?;
    let lc = t.col("rounding_loss")?;
    let ec = t.col("elected")?;
    let cands: Vec<String> = t.headers.get(row_c + 1..ntc).unwrap_or(&[]).to_vec();
    if cands.is_empty() {
        return Err(err(
            file,
            1,
            "header",
            "no candidate columns between row and non_transferable",
        ));
    }
    let figs = t.rows.iter().flat_map(|r| {
        r.1.get(row_c + 1..)
            .unwrap_or(&[])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    });
    let places = places_of(figs);
    let find = |s: &str| -> Option<usize> {
        s.parse::<usize>()
            .ok()
            .and_then(|k| k.checked_sub(1))
            .filter(|k| *k < cands.len())
            .or_else(|| cands.iter().position(|c| c == s))
    };
    let mut stages: Vec<PublishedStage> = Vec::new();
    let mut transfers: Option<Vec<Value>> = None;
    for r in &t.rows {
        let line = r.0;
        if r.1.len() != t.headers.len() {
            return Err(err(
                file,
                line,
                "record",
                format!("{} fields; the header has {}", r.1.len(), t.headers.len()),
            ));
        }
        let vals = (0..cands.len())
            .map(|k| value(file, line, &cands[k], t.get(r, row_c + 1 + k), places))
            .collect::<Result<Vec<_>, _>>()?;
        match t.get(r, row_c) {
            "transfer" => transfers = Some(vals),
            "total" => {
                let number: u32 = number(file, line, "stage", t.get(r, sc))?;
                let action = action_of(file, line, t.get(r, ac), t.get(r, subc), find)?;
                let elected = t
                    .get(r, ec)
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        find(s).ok_or_else(|| {
                            err(file, line, "elected", format!("{s:?} is not a candidate"))
                        })
                    })
                    .collect::<Result<_, _>>()?;
                stages.push(PublishedStage {
                    number,
                    line,
                    action,
                    transfers: transfers
                        .take()
                        .unwrap_or_else(|| vec![Value::ZERO; cands.len()]),
                    totals: vals,
                    non_transferable: value(file, line, "non_transferable", t.get(r, ntc), places)?,
                    loss: value(file, line, "rounding_loss", t.get(r, lc), places)?,
                    elected,
                });
            }
            other => {
                return Err(err(
                    file,
                    line,
                    "row",
                    format!("{other:?} is neither transfer nor total"),
                ))
            }
        }
    }
    Ok(PublishedSheet {
        file: file.clone(),
        title: String::new(),
        candidates: cands,
        seats,
        valid: None,
        quota: None,
        places,
        marks_elected: true,
        withdrawn: Vec::new(),
        stages,
    })
}

const NT_NAMES: [&str; 3] = [
    "non_transferable",
    "non-transferable",
    "non-transferable votes",
];
const LOSS_NAMES: [&str; 3] = ["rounding_loss", "loss", "non-transferable due to rounding"];

fn tidy_csv(t: &Table, seats: usize) -> Result<PublishedSheet, SheetError> {
    let file = &t.file;
    let (sc, ac, cc, trc, totc) = (
        t.col("stage")?,
        t.col("action")?,
        t.col("candidate")?,
        t.col("transfer")?,
        t.col("total")?,
    );
    let stc = t.opt_col("status");
    let subc = t.opt_col("subject");
    // Non-transferable votes and loss as columns (cumulative, on every row
    // of the stage) rather than as rows.
    let ntc = t.opt_col("non_transferable");
    let lossc = t.opt_col("rounding_loss");
    let places = places_of(t.rows.iter().flat_map(|r| [t.get(r, trc), t.get(r, totc)]));
    let is = |names: &[&str], s: &str| names.iter().any(|n| n.eq_ignore_ascii_case(s));
    // countroom's tidy sheet says what a row is in `row` (`candidate`,
    // `non_transferable`, `rounding_loss`) and names the candidate in
    // `name` (its `candidate` is the 1-based position); other tidy sheets
    // name the candidate, or the pseudo-candidate, in `candidate`.
    let rowc = t.opt_col("row");
    let namec = t.opt_col("name");
    let label = |r: &(usize, Vec<String>)| -> String {
        match rowc.map(|c| t.get(r, c)) {
            Some(k) if is(&NT_NAMES, k) || is(&LOSS_NAMES, k) => k.to_owned(),
            _ => namec
                .map(|c| t.get(r, c))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| t.get(r, cc))
                .to_owned(),
        }
    };
    // Candidates in order of first appearance.
    let mut cands: Vec<String> = Vec::new();
    for r in &t.rows {
        let c = label(r);
        let c = c.as_str();
        if !is(&NT_NAMES, c) && !is(&LOSS_NAMES, c) && !cands.iter().any(|x| x == c) {
            if c.is_empty() {
                return Err(err(file, r.0, "candidate", "empty"));
            }
            cands.push(c.to_owned());
        }
    }
    let find = |s: &str| -> Option<usize> {
        cands.iter().position(|c| c == s).or_else(|| {
            s.parse::<usize>()
                .ok()
                .and_then(|k| k.checked_sub(1))
                .filter(|k| *k < cands.len())
        })
    };
    struct Open {
        number: u32,
        line: usize,
        kind: String,
        subject: String,
        transfers: Vec<Option<Value>>,
        totals: Vec<Value>,
        nt: Value,
        loss: Value,
        status: Vec<bool>,
    }
    let mut opens: Vec<Open> = Vec::new();
    // Candidates whose `status` is `withdrawn` (countroom's sheets).
    let mut withdrawn: Vec<usize> = Vec::new();
    for r in &t.rows {
        let line = r.0;
        let number: u32 = number(file, line, "stage", t.get(r, sc))?;
        if opens.last().is_none_or(|o| o.number != number) {
            if opens.iter().any(|o| o.number == number) {
                return Err(err(
                    file,
                    line,
                    "stage",
                    format!("stage {number} is not in one run of rows"),
                ));
            }
            opens.push(Open {
                number,
                line,
                kind: t.get(r, ac).to_owned(),
                subject: subc.map(|c| t.get(r, c).to_owned()).unwrap_or_default(),
                transfers: vec![None; cands.len()],
                totals: vec![Value::ZERO; cands.len()],
                nt: Value::ZERO,
                loss: Value::ZERO,
                status: vec![false; cands.len()],
            });
        }
        let Some(o) = opens.last_mut() else { continue };
        let c = label(r);
        let c = c.as_str();
        for (col, field, slot) in [
            (ntc, "non_transferable", &mut o.nt),
            (lossc, "rounding_loss", &mut o.loss),
        ] {
            if let Some(col) = col.filter(|c| !t.get(r, *c).is_empty()) {
                *slot = value(file, line, field, t.get(r, col), places)?;
            }
        }
        let tot = value(file, line, "total", t.get(r, totc), places)?;
        if is(&NT_NAMES, c) {
            o.nt = tot;
        } else if is(&LOSS_NAMES, c) {
            o.loss = tot;
        } else if let Some(k) = find(c) {
            if o.transfers[k].is_some() {
                return Err(err(
                    file,
                    line,
                    "candidate",
                    format!("{c:?} twice in stage {number}"),
                ));
            }
            o.transfers[k] = Some(value(file, line, "transfer", t.get(r, trc), places)?);
            o.totals[k] = tot;
            o.status[k] = stc.is_some_and(|s| t.get(r, s).eq_ignore_ascii_case("elected"));
            if stc.is_some_and(|s| t.get(r, s).eq_ignore_ascii_case("withdrawn"))
                && !withdrawn.contains(&k)
            {
                withdrawn.push(k);
            }
        }
    }
    let mut stages = Vec::new();
    let mut was = vec![false; cands.len()];
    for o in opens {
        let mut transfers = Vec::new();
        for (k, tr) in o.transfers.iter().enumerate() {
            let Some(tr) = tr else {
                return Err(err(
                    file,
                    o.line,
                    "candidate",
                    format!("{:?} has no row in stage {}", cands[k], o.number),
                ));
            };
            transfers.push(*tr);
        }
        let elected = (0..cands.len())
            .filter(|k| o.status[*k] && !was[*k])
            .collect();
        was = o.status.clone();
        stages.push(PublishedStage {
            number: o.number,
            line: o.line,
            action: action_of(file, o.line, &o.kind, &o.subject, find)?,
            transfers,
            totals: o.totals,
            non_transferable: o.nt,
            loss: o.loss,
            elected,
        });
    }
    Ok(PublishedSheet {
        file: file.clone(),
        title: String::new(),
        candidates: cands,
        seats,
        valid: None,
        quota: None,
        places,
        marks_elected: stc.is_some(),
        withdrawn,
        stages,
    })
}

#[cfg(test)]
mod tests {
    use super::ni;

    /// A CRLF file's errors name the file's own line (the csv crate's line
    /// lags by one after each CRLF, rust-csv #395): hand-counted, the bad
    /// figure is on line 3, after a blank line.
    #[test]
    fn crlf_sheet_errors_name_the_files_line() {
        for constituency in [
            &b"Valid_Poll,Quota,Number_Of_Seats\r\n\r\nmany,1,5\r\n"[..],
            b"Valid_Poll,Quota,Number_Of_Seats\n\nmany,1,5\n",
            b"\xEF\xBB\xBFValid_Poll,Quota,Number_Of_Seats\r\n\r\nmany,1,5\r\n",
        ] {
            let e = ni("d", b"", constituency, b"").unwrap_err();
            assert_eq!(e.file, "d/ConstituencyCount.csv");
            assert_eq!((e.line, e.field.as_str()), (3, "Valid_Poll"));
        }
    }
}
