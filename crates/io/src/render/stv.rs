//! Stage sheets of the single transferable vote as JSON (through serde),
//! as a tidy CSV (through the csv crate) and as text (the layout of the
//! official Scottish "Candidate Votes Per Stage" reports, with columns
//! labelled for what they hold). Every renderer is a pure function of the
//! sheet: the same sheet gives the same bytes. The formats are described
//! in `docs/formats.md`.

use std::fmt::Write as _;

use countroom_stv::papers::{Adjudicated, Ruling};
use countroom_stv::{Action, LotMethod, StageSheet, Value};
use serde::Serialize;

use super::{thousands, to_json};

/// The rules line of a sheet: the family and, from the poll date, the
/// instrument in force; an unknown date is said, not guessed.
///
/// "Scottish local government STV rules: Scottish Local Government
/// Elections Order 2007 (SSI 2007/42), Sch 1 r.45 (first stage) onwards
/// (poll 2007-05-03)";
/// "Scottish local government STV rules (poll date not given: instrument
/// not determined)".
#[must_use]
pub fn rules_line(sheet: &StageSheet) -> String {
    let family = sheet.rules.family();
    match sheet.poll_date {
        None => format!("{family} (poll date not given: instrument not determined)"),
        Some(d) => match sheet.rules.instrument(d) {
            Some(i) => format!("{family}: {} (poll {d})", i.citation),
            None => {
                format!("{family} (poll {d}: no instrument of these rules in force on that date)")
            }
        },
    }
}

fn instrument(sheet: &StageSheet) -> Option<&'static str> {
    sheet
        .poll_date
        .and_then(|d| sheet.rules.instrument(d))
        .map(|i| i.citation)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn one_based(cs: &[usize]) -> Vec<usize> {
    cs.iter().map(|c| c + 1).collect()
}

/// What a rehearsal stage sheet says first: a count run with a published
/// seed for its lots (`countroom stv --seed`) is a rehearsal, never a
/// declared result.
pub const STV_REHEARSAL_NOTE: &str = "a rehearsal: any tie the rules leave to lot is settled by a draw from a published seed, not by a lot drawn at the count; never a declared result";

/// The algorithm of a seeded draw ([`countroom_tally::seeded_lot`]).
const LOT_ALGORITHM: &str = "countroom-lot-v1";

#[derive(Serialize)]
struct RehearsalJson {
    seed: String,
    algorithm: &'static str,
    note: &'static str,
    draws: Vec<DrawJson>,
}

impl RehearsalJson {
    /// The heading every format but JSON gives a rehearsal:
    /// `REHEARSAL (seed "…", countroom-lot-v1): a rehearsal: …`.
    fn heading(&self) -> String {
        format!(
            "REHEARSAL (seed {:?}, {}): {}",
            self.seed, self.algorithm, self.note
        )
    }
}

#[derive(Serialize)]
struct DrawJson {
    stage: u32,
    purpose: &'static str,
    tied: Vec<usize>,
    chosen: usize,
    context: String,
}

fn rehearsal_view(sheet: &StageSheet) -> Option<RehearsalJson> {
    let seed = sheet.rehearsal_seed.as_ref()?;
    Some(RehearsalJson {
        seed: seed.clone(),
        algorithm: LOT_ALGORITHM,
        note: STV_REHEARSAL_NOTE,
        draws: sheet
            .lots
            .iter()
            .filter_map(|l| match &l.method {
                LotMethod::Seeded { context, .. } => Some(DrawJson {
                    stage: l.stage,
                    purpose: l.purpose.code(),
                    tied: one_based(&l.tied),
                    chosen: l.chosen + 1,
                    context: context.clone(),
                }),
                LotMethod::Recorded => None,
            })
            .collect(),
    })
}

/// The heading of a rehearsal sheet's text (empty for a sheet counted
/// without a seed): `REHEARSAL (seed "…", countroom-lot-v1): …`, then a
/// line per draw from the seed, or that none was needed.
#[must_use]
pub fn rehearsal_text(sheet: &StageSheet) -> String {
    let Some(r) = rehearsal_view(sheet) else {
        return String::new();
    };
    let name = |c: usize| {
        c.checked_sub(1)
            .and_then(|c| sheet.candidates.get(c))
            .map(|x| x.display_name())
            .unwrap_or_default()
    };
    let mut s = format!("{}.\n", r.heading());
    if r.draws.is_empty() {
        s.push_str("  No lot was needed: nothing was drawn from the seed.\n");
    }
    for d in &r.draws {
        let tied: Vec<String> = d.tied.iter().map(|&c| name(c)).collect();
        let _ = writeln!(
            s,
            "  Lot at stage {} ({}): between {}, the draw fell on {} (context {}).",
            d.stage,
            d.purpose,
            tied.join(" and "),
            name(d.chosen),
            d.context
        );
    }
    s.push('\n');
    s
}

#[derive(Serialize)]
pub(crate) struct SheetJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    rehearsal: Option<RehearsalJson>,
    rules: &'static str,
    poll_date: Option<String>,
    instrument: Option<&'static str>,
    title: String,
    seats: usize,
    valid_papers: u64,
    quota: String,
    candidates: Vec<CandidateJson>,
    stages: Vec<StageJson>,
    elected: Vec<ElectedJson>,
    lots: Vec<LotJson>,
}

#[derive(Serialize)]
struct CandidateJson {
    number: usize,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_hex: Option<String>,
    party: Option<String>,
    withdrawn: bool,
}

#[derive(Serialize)]
struct StageJson {
    stage: u32,
    action: &'static str,
    candidate: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidates: Option<Vec<usize>>,
    transfers: Vec<String>,
    totals: Vec<String>,
    non_transferable: String,
    rounding_loss: String,
    transfer_values: Vec<TransferValueJson>,
    elected: Vec<usize>,
    excluded: Vec<usize>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct TransferValueJson {
    received: String,
    value: String,
    papers: u64,
}

#[derive(Serialize)]
struct ElectedJson {
    candidate: usize,
    stage: u32,
}

#[derive(Serialize)]
struct LotJson {
    stage: u32,
    purpose: &'static str,
    tied: Vec<usize>,
    chosen: usize,
    method: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<String>,
}

pub(crate) fn sheet_view(sheet: &StageSheet) -> SheetJson {
    let p = sheet.places;
    let fixed = |v: &Value| v.fixed(p).to_string();
    SheetJson {
        rehearsal: rehearsal_view(sheet),
        rules: sheet.rules.as_str(),
        poll_date: sheet.poll_date.map(|d| d.to_string()),
        instrument: instrument(sheet),
        title: String::from_utf8_lossy(&sheet.title).into_owned(),
        seats: sheet.seats,
        valid_papers: sheet.valid_papers,
        quota: fixed(&sheet.quota),
        candidates: sheet
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| CandidateJson {
                number: i + 1,
                name: c.display_name(),
                name_hex: std::str::from_utf8(&c.name).is_err().then(|| hex(&c.name)),
                party: c
                    .party
                    .as_ref()
                    .map(|x| String::from_utf8_lossy(x).into_owned()),
                withdrawn: sheet.withdrawn.contains(&i),
            })
            .collect(),
        stages: sheet
            .stages
            .iter()
            .map(|s| StageJson {
                stage: s.number,
                action: s.action.kind(),
                candidate: s.action.candidate().map(|c| c + 1),
                candidates: match &s.action {
                    Action::BulkExclusion(cs) => Some(one_based(cs)),
                    _ => None,
                },
                transfers: s.transfers.iter().map(fixed).collect(),
                totals: s.totals.iter().map(fixed).collect(),
                non_transferable: fixed(&s.non_transferable),
                rounding_loss: fixed(&s.rounding_loss),
                transfer_values: s
                    .transfer_values
                    .iter()
                    .map(|t| TransferValueJson {
                        received: fixed(&t.received),
                        value: fixed(&t.value),
                        papers: t.papers,
                    })
                    .collect(),
                elected: one_based(&s.elected),
                excluded: one_based(&s.excluded),
                notes: s.notes.clone(),
            })
            .collect(),
        elected: sheet
            .elected
            .iter()
            .map(|e| ElectedJson {
                candidate: e.candidate + 1,
                stage: e.stage,
            })
            .collect(),
        lots: sheet
            .lots
            .iter()
            .map(|l| {
                let (method, seed, context) = match &l.method {
                    LotMethod::Recorded => ("recorded", None, None),
                    LotMethod::Seeded { seed, context } => {
                        ("seeded", Some(seed.clone()), Some(context.clone()))
                    }
                };
                LotJson {
                    stage: l.stage,
                    purpose: l.purpose.code(),
                    tied: one_based(&l.tied),
                    chosen: l.chosen + 1,
                    method,
                    seed,
                    context,
                }
            })
            .collect(),
    }
}

/// The sheet as JSON. Candidate numbers are 1-based positions in the
/// ballot file; values are fixed-point strings with the ruleset's places;
/// `totals` and `transfers` have one entry per candidate in ballot-file
/// order; `non_transferable` (excluding the loss to truncation) and
/// `rounding_loss` are cumulative; `transfer_values` lists the values per
/// paper at which papers moved; `candidate` is `null` for first
/// preferences and for a bulk exclusion (whose candidates are in
/// `candidates`). `poll_date` and `instrument` are `null` when the poll
/// date is not known. A name that is not valid UTF-8 also has `name_hex`.
#[must_use]
pub fn sheet_json(sheet: &StageSheet) -> Vec<u8> {
    to_json(&sheet_view(sheet))
}

/// The columns of the tidy stage-sheet CSV.
pub const SHEET_CSV_HEADER: [&str; 9] = [
    "stage",
    "action",
    "subject",
    "row",
    "candidate",
    "name",
    "transfer",
    "total",
    "status",
];

/// The sheet as a tidy CSV: one row per stage per candidate, then per
/// stage one `non_transferable` row and one `rounding_loss` row. Columns
/// ([`SHEET_CSV_HEADER`]): `stage`; `action` (`first_preferences`,
/// `surplus`, `exclusion`, `bulk_exclusion`); `subject` (the 1-based
/// number of the candidate whose surplus or papers are transferred,
/// several separated by spaces for a bulk exclusion, empty at stage 1);
/// `row` (`candidate`, `non_transferable` or `rounding_loss`);
/// `candidate` (1-based number, empty on the other rows); `name`;
/// `transfer` (the change at this stage); `total` (after this stage:
/// cumulative for non-transferable votes and the loss); `status` of a
/// candidate after the stage (`continuing`, `elected`, `excluded`,
/// `withdrawn`; empty on the other rows).
#[must_use]
pub fn sheet_csv(sheet: &StageSheet) -> Vec<u8> {
    let p = sheet.places;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(SHEET_CSV_HEADER);
    // A rehearsal says so first: a `rehearsal` row (the seed and the
    // note), then a `rehearsal_lot` row per draw from the seed (the stage,
    // the tied as `subject`, the one drawn as `candidate` and `name`, the
    // purpose as `status`).
    if let Some(r) = rehearsal_view(sheet) {
        let _ = w.write_record([
            "",
            "rehearsal",
            "",
            "rehearsal",
            "",
            &r.heading(),
            "",
            "",
            "",
        ]);
        for d in &r.draws {
            let tied: Vec<String> = d.tied.iter().map(ToString::to_string).collect();
            let name = d
                .chosen
                .checked_sub(1)
                .and_then(|c| sheet.candidates.get(c))
                .map(|x| x.display_name())
                .unwrap_or_default();
            let _ = w.write_record([
                &d.stage.to_string(),
                "rehearsal",
                &tied.join(" "),
                "rehearsal_lot",
                &d.chosen.to_string(),
                &name,
                "",
                "",
                d.purpose,
            ]);
        }
    }
    let n = sheet.candidates.len();
    let mut status: Vec<&'static str> = (0..n)
        .map(|c| {
            if sheet.withdrawn.contains(&c) {
                "withdrawn"
            } else {
                "continuing"
            }
        })
        .collect();
    let mut prev_nt = Value::ZERO;
    let mut prev_loss = Value::ZERO;
    for s in &sheet.stages {
        for &c in &s.elected {
            if let Some(x) = status.get_mut(c) {
                *x = "elected";
            }
        }
        for &c in &s.excluded {
            if let Some(x) = status.get_mut(c) {
                *x = "excluded";
            }
        }
        let subject = match &s.action {
            Action::BulkExclusion(cs) => one_based(cs)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            other => other
                .candidate()
                .map(|c| (c + 1).to_string())
                .unwrap_or_default(),
        };
        let stage = s.number.to_string();
        for (c, cand) in sheet.candidates.iter().enumerate() {
            let transfer = s.transfers.get(c).copied().unwrap_or(Value::ZERO);
            let total = s.totals.get(c).copied().unwrap_or(Value::ZERO);
            let _ = w.write_record([
                stage.as_str(),
                s.action.kind(),
                &subject,
                "candidate",
                &(c + 1).to_string(),
                &cand.display_name(),
                &transfer.fixed(p).to_string(),
                &total.fixed(p).to_string(),
                status.get(c).copied().unwrap_or(""),
            ]);
        }
        let dnt = s
            .non_transferable
            .checked_sub(prev_nt)
            .unwrap_or(Value::ZERO);
        let dloss = s
            .rounding_loss
            .checked_sub(prev_loss)
            .unwrap_or(Value::ZERO);
        for (row, d, cum) in [
            ("non_transferable", dnt, s.non_transferable),
            ("rounding_loss", dloss, s.rounding_loss),
        ] {
            let _ = w.write_record([
                stage.as_str(),
                s.action.kind(),
                &subject,
                row,
                "",
                "",
                &d.fixed(p).to_string(),
                &cum.fixed(p).to_string(),
                "",
            ]);
        }
        prev_nt = s.non_transferable;
        prev_loss = s.rounding_loss;
    }
    w.into_inner().unwrap_or_default()
}

/// A value with thousands separators, as on the official sheets
/// (`1,913.00000`): the whole part grouped by [`thousands`], the decimal
/// places as they are.
fn grouped(v: Value, places: u32) -> String {
    let s = v.fixed(places).to_string();
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    // The whole part of an i64 number of units: always a u64.
    let g = int
        .parse::<u64>()
        .map_or_else(|_| int.to_owned(), thousands);
    match frac {
        Some(f) => format!("{sign}{g}.{f}"),
        None => format!("{sign}{g}"),
    }
}

fn pad_right(s: &str, width: usize) -> String {
    let n = s.chars().count();
    // A width, not a figure: no padding when the text is wider.
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// The sheet as text, in the layout of the official Scottish sheets: the
/// rules and the instrument in force at the poll date ([`rules_line`]), the
/// contest, valid votes, positions to be filled and quota; then for each
/// stage its action, the transfer value per paper of each parcel
/// transferred (a line each), and a table of each candidate's votes
/// transferred at the stage, total votes after it and status,
/// non-transferable votes (and those due to rounding, shown apart), and the
/// total; notes (tie-breaks, lots) under the stage.
#[must_use]
pub fn sheet_text(sheet: &StageSheet) -> Vec<u8> {
    let p = sheet.places;
    let name = |c: usize| {
        sheet
            .candidates
            .get(c)
            .map(|x| x.display_name())
            .unwrap_or_default()
    };
    let labels = [
        "Non-transferable votes",
        "Non-transferable votes due to rounding",
    ];
    let name_w = sheet
        .candidates
        .iter()
        .map(|c| c.display_name().chars().count())
        .chain(labels.iter().map(|l| l.chars().count()))
        .max()
        .unwrap_or(0)
        + 2;
    let has_party = sheet.candidates.iter().any(|c| c.party.is_some());
    let party_w = sheet
        .candidates
        .iter()
        .filter_map(|c| c.party.as_ref())
        .map(|p| String::from_utf8_lossy(p).chars().count())
        .chain(std::iter::once("Affiliation".len()))
        .max()
        .unwrap_or(0)
        + 2;
    let num_w = grouped(
        Value::whole(sheet.valid_papers, p).unwrap_or(Value::ZERO),
        p,
    )
    .len()
    .max("Votes transferred".len())
        + 2;
    let mut o = rehearsal_text(sheet);
    let _ = writeln!(o, "Candidate Votes Per Stage");
    let _ = writeln!(o, "Rules: {}", rules_line(sheet));
    o.push('\n');
    let _ = writeln!(
        o,
        "Contest Name                 {}",
        String::from_utf8_lossy(&sheet.title)
    );
    let _ = writeln!(
        o,
        "Total Number of Valid Votes  {}",
        grouped(
            Value::whole(sheet.valid_papers, 0).unwrap_or(Value::ZERO),
            0
        )
    );
    let _ = writeln!(o, "Positions to be Filled       {}", thousands(sheet.seats));
    let _ = writeln!(
        o,
        "Quota                        {}",
        grouped(sheet.quota, p)
    );
    if !sheet.withdrawn.is_empty() {
        let w: Vec<String> = sheet.withdrawn.iter().map(|&c| name(c)).collect();
        let _ = writeln!(o, "Withdrawn                    {}", w.join(", "));
    }
    let mut prev_nt = Value::ZERO;
    let mut prev_loss = Value::ZERO;
    for s in &sheet.stages {
        o.push('\n');
        let _ = writeln!(o, "Stage {}", s.number);
        match &s.action {
            Action::FirstPreferences => o.push_str("First preferences\n"),
            Action::Surplus(c) => {
                let _ = writeln!(o, "Surplus of {}", name(*c));
            }
            Action::Exclusion(c) => {
                let _ = writeln!(o, "Exclusion of {}", name(*c));
            }
            Action::BulkExclusion(cs) => {
                let n: Vec<String> = cs.iter().map(|&c| name(c)).collect();
                let _ = writeln!(o, "Exclusion of {}", n.join(", "));
            }
            other => {
                let _ = writeln!(o, "{}", other.kind());
            }
        }
        for t in &s.transfer_values {
            if matches!(s.action, Action::Surplus(_)) {
                let _ = writeln!(
                    o,
                    "Transfer value {} per paper ({} papers received at {})",
                    t.value.fixed(p),
                    thousands(t.papers),
                    t.received.fixed(p)
                );
            } else {
                let _ = writeln!(
                    o,
                    "Transfer value {} per paper ({} papers, at the value received)",
                    t.value.fixed(p),
                    thousands(t.papers)
                );
            }
        }
        let mut header = pad_right("Candidate Name", name_w);
        if has_party {
            header.push_str(&pad_right("Affiliation", party_w));
        }
        let _ = writeln!(
            o,
            "{header}{:>num_w$}{:>num_w$}  Status",
            "Votes transferred", "Total votes"
        );
        for (c, cand) in sheet.candidates.iter().enumerate() {
            let mut row = pad_right(&cand.display_name(), name_w);
            if has_party {
                let party = cand
                    .party
                    .as_ref()
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .unwrap_or_default();
                row.push_str(&pad_right(&party, party_w));
            }
            let status = if s.elected.contains(&c) {
                "  Elected"
            } else if s.excluded.contains(&c) {
                "  Excluded"
            } else if sheet.withdrawn.contains(&c) {
                "  Withdrawn"
            } else {
                ""
            };
            let transfer = s.transfers.get(c).copied().unwrap_or(Value::ZERO);
            let total = s.totals.get(c).copied().unwrap_or(Value::ZERO);
            let _ = writeln!(
                o,
                "{row}{:>num_w$}{:>num_w$}{status}",
                grouped(transfer, p),
                grouped(total, p)
            );
        }
        let blank = if has_party { party_w } else { 0 };
        let dnt = s
            .non_transferable
            .checked_sub(prev_nt)
            .unwrap_or(Value::ZERO);
        let dloss = s
            .rounding_loss
            .checked_sub(prev_loss)
            .unwrap_or(Value::ZERO);
        for (label, d, cum) in [
            (labels[0], dnt, s.non_transferable),
            (labels[1], dloss, s.rounding_loss),
        ] {
            let _ = writeln!(
                o,
                "{}{}{:>num_w$}{:>num_w$}",
                pad_right(label, name_w),
                " ".repeat(blank),
                grouped(d, p),
                grouped(cum, p)
            );
        }
        let total = s
            .totals
            .iter()
            .try_fold(Value::ZERO, |a, t| a.checked_add(*t))
            .and_then(|t| t.checked_add(s.non_transferable))
            .and_then(|t| t.checked_add(s.rounding_loss))
            .unwrap_or(Value::ZERO);
        let _ = writeln!(
            o,
            "{}{}{:>num_w$}{:>num_w$}",
            pad_right("Total", name_w),
            " ".repeat(blank),
            "",
            grouped(total, p)
        );
        for n in &s.notes {
            let _ = writeln!(o, "Note: {n}");
        }
        prev_nt = s.non_transferable;
        prev_loss = s.rounding_loss;
    }
    o.push('\n');
    if sheet.rehearsal_seed.is_some() {
        o.push_str("Elected in this rehearsal (never a declared result)\n");
    } else {
        o.push_str("Elected\n");
    }
    for e in &sheet.elected {
        let _ = writeln!(o, "  {} (stage {})", name(e.candidate), e.stage);
    }
    o.into_bytes()
}

/// A doubtful paper's decision as the documents write it: `valid,
/// preferences 1 3 2`, `rejected, HEAD`, `undecided`.
#[must_use]
pub fn ruling_text(ruling: Option<&Ruling>) -> String {
    match ruling {
        Some(Ruling::Valid(prefs)) => {
            let n: Vec<String> = prefs.iter().map(|c| (c + 1).to_string()).collect();
            format!("valid, preferences {}", n.join(" "))
        }
        Some(Ruling::Rejected(head)) => format!("rejected, {}", head.code()),
        None => "undecided".to_string(),
    }
}

fn decided(papers: &Adjudicated) -> (usize, usize) {
    let valid = papers
        .doubtful
        .iter()
        .filter(|d| matches!(d.ruling, Some(Ruling::Valid(_))))
        .count();
    let rejected = papers
        .doubtful
        .iter()
        .filter(|d| matches!(d.ruling, Some(Ruling::Rejected(_))))
        .count();
    (valid, rejected)
}

/// The statement of rejected ballot papers and the account of the papers
/// read, as text: each head of the ruleset in statutory order with its
/// letter, wording and papers; the papers read, valid (and of them the
/// partially accepted, counted for their preferences up to the break in the
/// sequence), rejected, and each doubtful paper with the Returning
/// Officer's decision.
#[must_use]
pub fn papers_text(papers: &Adjudicated) -> Vec<u8> {
    let rules = papers.rules();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Statement of rejected ballot papers ({})",
        rules.heads_citation
    );
    let labels: Vec<String> = papers
        .rejected
        .iter()
        .map(|h| format!("({}) {}", h.spec.letter, h.spec.label))
        .collect();
    let w = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(40)
        + 2;
    let num_w = thousands(papers.papers_read).len().max(5) + 1;
    for (label, h) in labels.iter().zip(&papers.rejected) {
        let _ = writeln!(o, "{}{:>num_w$}", pad_right(label, w), thousands(h.papers));
    }
    let _ = writeln!(
        o,
        "{}{:>num_w$}",
        pad_right("Total", w),
        thousands(papers.rejected_total())
    );
    o.push('\n');
    o.push_str("Ballot papers\n");
    let (dv, dr) = decided(papers);
    for (label, n) in [
        ("Read", papers.papers_read),
        ("Valid", papers.valid),
        ("  of which partially accepted", papers.partially_accepted),
        ("  of which a preference outside the box", papers.saved),
        ("Rejected", papers.rejected_total()),
        (
            "Doubtful, decided valid by the Returning Officer",
            dv as u64,
        ),
        (
            "Doubtful, decided rejected by the Returning Officer",
            dr as u64,
        ),
    ] {
        let _ = writeln!(o, "{}{:>num_w$}", pad_right(label, w), thousands(n));
        if label.ends_with("partially accepted") {
            o.push_str("    (counted for their preferences up to the break in the sequence)\n");
        }
    }
    for d in &papers.doubtful {
        let _ = writeln!(
            o,
            "  paper {} (line {}, {}): {}",
            d.reference,
            d.line,
            d.doubt.code(),
            ruling_text(d.ruling.as_ref())
        );
    }
    o.into_bytes()
}

/// The stage sheet as text ([`sheet_text`]) followed by the statement of
/// rejected ballot papers and the account of the papers ([`papers_text`]).
#[must_use]
pub fn sheet_text_with_papers(sheet: &StageSheet, papers: &Adjudicated) -> Vec<u8> {
    let mut o = sheet_text(sheet);
    o.push(b'\n');
    o.extend_from_slice(&papers_text(papers));
    o
}

#[derive(Serialize)]
struct PapersJson {
    read: u64,
    valid: u64,
    partially_accepted: u64,
    saved: u64,
    rejected: u64,
}

#[derive(Serialize)]
struct RejectedJson {
    citation: &'static str,
    heads: Vec<HeadJson>,
    total: u64,
}

#[derive(Serialize)]
struct HeadJson {
    head: &'static str,
    letter: &'static str,
    label: &'static str,
    papers: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum DecisionJson {
    Valid(Vec<usize>),
    Rejected(&'static str),
}

#[derive(Serialize)]
struct DoubtfulJson {
    paper: String,
    line: u64,
    reason: &'static str,
    decision: Option<DecisionJson>,
}

#[derive(Serialize)]
struct SheetWithPapersJson {
    #[serde(flatten)]
    sheet: SheetJson,
    papers: PapersJson,
    rejected: RejectedJson,
    doubtful: Vec<DoubtfulJson>,
}

/// The stage sheet as JSON ([`sheet_json`]) with three more fields:
/// `"papers"` (`read`, `valid`, `partially_accepted`, `saved`, `rejected`),
/// `"rejected"` (the statement: `citation`, `heads` — each with `head`
/// code, `letter`, `label`, `papers` — in statutory order, and `total`),
/// and `"doubtful"` (each paper's `paper` reference, `line`, `reason` and
/// `decision`: `{"valid": [numbers]}` or `{"rejected": "head"}`).
#[must_use]
pub fn sheet_json_with_papers(sheet: &StageSheet, papers: &Adjudicated) -> Vec<u8> {
    to_json(&SheetWithPapersJson {
        sheet: sheet_view(sheet),
        papers: PapersJson {
            read: papers.papers_read,
            valid: papers.valid,
            partially_accepted: papers.partially_accepted,
            saved: papers.saved,
            rejected: papers.rejected_total(),
        },
        rejected: RejectedJson {
            citation: papers.rules().heads_citation,
            heads: papers
                .rejected
                .iter()
                .map(|h| HeadJson {
                    head: h.spec.head.code(),
                    letter: h.spec.letter,
                    label: h.spec.label,
                    papers: h.papers,
                })
                .collect(),
            total: papers.rejected_total(),
        },
        doubtful: papers
            .doubtful
            .iter()
            .map(|d| DoubtfulJson {
                paper: d.reference.clone(),
                line: d.line,
                reason: d.doubt.code(),
                decision: d.ruling.as_ref().map(|r| match r {
                    Ruling::Valid(prefs) => DecisionJson::Valid(one_based(prefs)),
                    Ruling::Rejected(head) => DecisionJson::Rejected(head.code()),
                }),
            })
            .collect(),
    })
}

/// The columns of the papers CSV.
pub const PAPERS_CSV_HEADER: [&str; 4] = ["section", "item", "description", "papers"];

/// The statement of rejected ballot papers and the account of the papers
/// as CSV, a file of its own (`countroom stv --papers --rejected-out`):
/// columns `section,item,description,papers`; `papers` rows (`read`,
/// `valid`, `partially_accepted`, `saved`, `rejected`), one `rejected` row
/// per head of the statement in statutory order (item the head's letter,
/// description its wording) and its `total`, and one `doubtful` row per
/// doubtful paper (item its reference, description its reason and the
/// decision, papers 1).
#[must_use]
pub fn papers_csv(papers: &Adjudicated) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(PAPERS_CSV_HEADER);
    for (item, n) in [
        ("read", papers.papers_read),
        ("valid", papers.valid),
        ("partially_accepted", papers.partially_accepted),
        ("saved", papers.saved),
        ("rejected", papers.rejected_total()),
    ] {
        let _ = w.write_record(["papers", item, "", &n.to_string()]);
    }
    for h in &papers.rejected {
        let _ = w.write_record([
            "rejected",
            h.spec.letter,
            h.spec.label,
            &h.papers.to_string(),
        ]);
    }
    let _ = w.write_record([
        "rejected",
        "total",
        "",
        &papers.rejected_total().to_string(),
    ]);
    for d in &papers.doubtful {
        let _ = w.write_record([
            "doubtful",
            &d.reference,
            &format!("{}: {}", d.doubt.code(), ruling_text(d.ruling.as_ref())),
            "1",
        ]);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_not_utf8_survive_in_json_and_csv() {
        let e = countroom_stv::blt::read(
            b"3 1\n3 1 0\n1 2 0\n1 3 2 0\n0\n\xffA, \"x\"\n\"B\" \"P\"\nC\nT\n",
        )
        .unwrap();
        let s = countroom_stv::scotland::count(&e, &mut countroom_stv::LotSource::none()).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&sheet_json(&s)).unwrap();
        assert_eq!(json["candidates"][0]["name_hex"], "ff412c20227822");
        assert_eq!(json["candidates"][1]["party"], "P");
        assert_eq!(json["quota"], "3.00000"); // floor(5/2)+1
        assert_eq!(json["lots"], serde_json::json!([]));
        let csv = String::from_utf8(sheet_csv(&s)).unwrap();
        assert!(
            csv.starts_with("stage,action,subject,row,candidate,name,transfer,total,status\n1,first_preferences,,candidate,1,\"\u{fffd}A, \"\"x\"\"\",3.00000,3.00000,elected\n"),
            "{csv}"
        );
        // Tidy: every row as wide as the header.
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        for row in r.records() {
            assert_eq!(row.unwrap().len(), SHEET_CSV_HEADER.len());
        }
        let text = String::from_utf8(sheet_text(&s)).unwrap();
        assert!(
            text.contains("Quota                        3.00000"),
            "{text}"
        );
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(Value::from_units(-140_901_545), 5), "-1,409.01545");
        assert_eq!(grouped(Value::from_units(726_300_000), 5), "7,263.00000");
        assert_eq!(grouped(Value::from_units(99_999), 5), "0.99999");
    }
}
