//! `countroom stv`: count a BLT ballot file by the single transferable vote
//! and print the stage sheet.

use std::path::Path;

use countroom_adjudicate::Adjudicator;
use countroom_io::papers;
use countroom_io::render::stv as render;
use countroom_model::RulesetId;
use countroom_stv::blt::{self, BltLimits};
use countroom_stv::{
    BltProblem, Candidate, Election, LotSource, PaperRef, PapersProblem, StageSheet, StvError,
    StvRules,
};

use crate::args::{StvArgs, StvFormat, StvRulesArg};
use countroom_io::problem::code_of;
use countroom_io::Problem;

use crate::input::{display, read_file};
use crate::output::print;
use crate::Failure;

pub(crate) fn stv(a: &StvArgs) -> Result<(), Failure> {
    match (a.ballots.as_slice(), &a.papers) {
        ([one], None) if a.out.is_none() && !one.is_dir() => stv_blt(a, one),
        ([_, ..], None) => stv_many(a),
        ([], Some(papers)) => stv_papers(a, papers),
        _ => Err(Failure::Usage(
            "give exactly one of BLT ballot files and --papers".to_owned(),
        )),
    }
}

/// The output format asked for (text by default).
fn format(a: &StvArgs) -> StvFormat {
    a.format.unwrap_or(StvFormat::Text)
}

/// The reader's limits: the defaults, with `--max-bytes`.
pub(crate) fn limits(a: &StvArgs) -> BltLimits {
    let mut limits = BltLimits::default();
    if let Some(max) = a.max_bytes {
        limits.max_bytes = usize::try_from(max).unwrap_or(usize::MAX);
    }
    limits
}

/// Reads a BLT file in one pass (countroom_stv::blt::read_from): the size
/// checked first, then never read past the limit. A file that cannot be
/// opened or read is an I/O failure; the file's problems are input ones,
/// each with its line.
pub(crate) fn read_blt(path: &Path, limits: &BltLimits) -> Result<Election, Failure> {
    use std::io::Read;
    let file = display(path);
    let io = |e: std::io::Error| Failure::Io(format!("{file}: {e}"));
    let f = std::fs::File::open(path).map_err(io)?;
    let meta = f.metadata().map_err(io)?;
    if let Err(e) = blt::check_size(meta.len(), limits) {
        return Err(Failure::Input(
            e.0.iter()
                .map(|p| Problem::new(&file, code_of(&p.problem), p.problem.to_string()))
                .collect(),
        ));
    }
    // The start of the file, to name a count log or CSV given by mistake;
    // then read on from where it stopped.
    let mut head = Vec::with_capacity(4096);
    let mut f = f;
    (&mut f).take(4096).read_to_end(&mut head).map_err(io)?;
    if let Some(kind) = not_blt(&head) {
        return Err(Failure::Input(vec![Problem::new(
            &file,
            "wrong_kind_of_file",
            kind,
        )]));
    }
    blt::read_from(std::io::Cursor::new(head).chain(f), limits).map_err(|e| {
        if let Some(p) =
            e.0.iter()
                .find(|p| matches!(p.problem, BltProblem::Unreadable { .. }))
        {
            return Failure::Io(format!("{file}:{p}"));
        }
        Failure::Input(
            e.0.iter()
                .map(|p| {
                    let problem = Problem::new(&file, code_of(&p.problem), p.problem.to_string());
                    match p.problem {
                        BltProblem::LargerThanLimit { .. } => problem,
                        _ => problem.at_line(p.line as u64),
                    }
                })
                .collect(),
        )
    })
}

/// Reads and counts one ballot file (with `--date`, `--seed` and
/// `--lots`).
pub(crate) fn count_file(
    a: &StvArgs,
    path: &Path,
    limits: &BltLimits,
) -> Result<StageSheet, Failure> {
    let election = read_blt(path, limits)?;
    let election = match poll_date(a)? {
        Some(d) => election.with_poll_date(d),
        None => election,
    };
    count_with_lots(a, &display(path), &election)
}

pub(crate) fn rules(a: &StvArgs) -> StvRules {
    match a.rules.unwrap_or(StvRulesArg::Scotland) {
        StvRulesArg::Scotland => StvRules::Scotland,
        StvRulesArg::Ni => StvRules::NorthernIreland,
    }
}

/// The recorded lots (with their lines) and the source to count with.
struct Lots {
    file: String,
    lines: Vec<u64>,
    source: LotSource,
}

fn lot_source(a: &StvArgs, candidates: usize, title: &[u8]) -> Result<Lots, Failure> {
    let (file, lines, mut source) = match &a.lots {
        Some(path) => {
            let lots_file = display(path);
            let bytes = read_file(path)?;
            let read = countroom_io::stv::read_lots(&bytes, candidates).map_err(|e| {
                Failure::Input(e.iter().map(|p| Problem::from_csv(&lots_file, p)).collect())
            })?;
            let lines = read.iter().map(|l| l.line).collect();
            let source = LotSource::recorded(read.into_iter().map(|l| l.lot).collect());
            (lots_file, lines, source)
        }
        None => (String::new(), Vec::new(), LotSource::none()),
    };
    if let Some(seed) = &a.seed {
        // The context of every seeded draw starts with the contest title.
        source = source.with_seed(seed.clone(), String::from_utf8_lossy(title));
    }
    Ok(Lots {
        file,
        lines,
        source,
    })
}

/// The poll date given with `--date`.
fn poll_date(a: &StvArgs) -> Result<Option<time::Date>, Failure> {
    let Some(value) = &a.date else {
        return Ok(None);
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(value, &format)
        .map_err(|_| Failure::Usage(format!("--date {value:?} is not a date YYYY-MM-DD")))?;
    in_force(a, date, &format!("--date {value}"))?;
    Ok(Some(date))
}

/// A poll date before the first instrument of the rules: no count is given
/// under rules not in force then (the audit's finding 17: it counted and
/// printed a full sheet saying no instrument was in force), whether the
/// date is `--date`'s or the ballot file's title's. `what` names where the
/// date came from.
fn in_force(a: &StvArgs, date: time::Date, what: &str) -> Result<(), Failure> {
    let family = rules(a);
    if family.instrument(date).is_some() {
        return Ok(());
    }
    let first = countroom_rules::STV_INSTRUMENTS
        .iter()
        .filter(|i| i.rules == family)
        .min_by_key(|i| i.from);
    Err(Failure::Usage(match first {
        Some(i) => format!(
            "{what}: no instrument of the {} governs a poll on {date}; the first, {}, governs polls from {}: countroom does not count under rules not in force",
            family.family(),
            i.citation,
            i.from
        ),
        None => format!("{what}: no instrument of the {} is known", family.family()),
    }))
}

/// Counts `election`, then refuses a recorded lot the count did not use;
/// a lot that does not fit its tie is named by its line.
fn count_with_lots(a: &StvArgs, file: &str, election: &Election) -> Result<StageSheet, Failure> {
    if let Some(date) = election.poll_date() {
        in_force(a, date, file)?;
    }
    let mut lots = lot_source(a, election.candidates().len(), election.title())?;
    let line = |index: usize| lots.lines.get(index).copied().unwrap_or(0);
    let sheet = match countroom_stv::count(rules(a), election, &mut lots.source) {
        Ok(sheet) => sheet,
        Err(e @ StvError::LotMismatch { index, .. }) => {
            return Err(Failure::Input(vec![Problem::new(
                &lots.file,
                "lot_mismatch",
                e.to_string(),
            )
            .at_line(line(index))
            .in_field(Some("tied"))]))
        }
        Err(e @ StvError::LotRequired { stage, purpose, .. }) => {
            let mut problems = vec![Problem::new(file, code_of(&e), e.to_string())];
            // A lot recorded for that stage, for another purpose.
            let recorded = lots.source.recorded_lots();
            if let Some(index) = recorded.iter().position(|l| l.stage == stage) {
                let other = recorded.get(index).map(|l| l.purpose);
                problems.push(
                    Problem::new(
                        &lots.file,
                        "lot_purpose",
                        format!(
                    "the lot for stage {stage} decides the {}, but the tie at stage {stage} is for the {purpose}",
                    other.map(|p| p.to_string()).unwrap_or_default()
                ),
                    )
                    .at_line(line(index))
                    .in_field(Some("purpose")),
                );
            }
            // A lot recorded for an earlier stage, where no tie needed it:
            // most likely the stage of this tie, mistyped (the audit's
            // finding 17: only the missing lot was named).
            for index in lots.source.unused() {
                let Some(earlier) = recorded.get(index).filter(|l| l.stage < stage) else {
                    continue;
                };
                problems.push(
                    Problem::new(
                        &lots.file,
                        "lot_not_used",
                        format!(
                            "no tie needing a lot arose at stage {}: the lot was not used; the tie that needs one is at stage {stage} (is this lot's stage right?)",
                            earlier.stage
                        ),
                    )
                    .at_line(line(index))
                    .in_field(Some("stage")),
                );
            }
            return Err(Failure::Input(problems));
        }
        Err(e) => {
            return Err(Failure::Input(vec![Problem::new(
                file,
                code_of(&e),
                e.to_string(),
            )]))
        }
    };
    let unused: Vec<Problem> = lots
        .source
        .unused()
        .into_iter()
        .map(|index| {
            Problem::new(
                &lots.file,
                "lot_not_used",
                format!(
                "no tie needing a lot arose at stage {}: the lot was not used (a lot is recorded only for a stage whose tie the rules settle by lot)",
                sheet_stage_of(&lots.source, index)
            ),
            )
            .at_line(line(index))
            .in_field(Some("stage"))
        })
        .collect();
    if !unused.is_empty() {
        return Err(Failure::Input(unused));
    }
    Ok(sheet)
}

/// A count log or CSV file given to `stv` as its ballot file: what it is.
fn not_blt(bytes: &[u8]) -> Option<String> {
    use countroom_io::problem::FileKind;
    match FileKind::of(bytes) {
        FileKind::JsonLines => Some("this is a count log (JSON Lines); `stv` reads a BLT ballot file: did you mean `countroom count --stage-sheet text`?".to_owned()),
        FileKind::Csv => Some("this is a CSV file; `stv` reads a BLT ballot file: for a ballot-paper CSV use `countroom stv --papers FILE --seats N`".to_owned()),
        _ => None,
    }
}

fn sheet_stage_of(source: &LotSource, index: usize) -> String {
    source
        .recorded_lots()
        .get(index)
        .map(|l| format!("{} ({})", l.stage, l.purpose))
        .unwrap_or_default()
}

/// `--papers`: read the ballot-paper CSV, adjudicate every paper under the
/// ruleset, apply the decisions, count the valid papers.
fn stv_papers(a: &StvArgs, path: &Path) -> Result<(), Failure> {
    let file = display(path);
    let Some(seats) = a.seats else {
        return Err(Failure::Usage("--papers needs --seats".to_owned()));
    };
    let bytes = read_file(path)?;
    let read = papers::read_preferential(&bytes)
        .map_err(|e| Failure::Input(e.iter().map(|p| Problem::from_csv(&file, p)).collect()))?;
    let ruleset = countroom_rules::ruleset(match a.rules.unwrap_or(StvRulesArg::Scotland) {
        StvRulesArg::Scotland => RulesetId::ScotlandStv2011,
        StvRulesArg::Ni => RulesetId::NorthernIrelandStv1962,
    });
    let adjudicator = Adjudicator::new(ruleset, read.candidates.len(), seats)
        .map_err(|e| Failure::Input(vec![Problem::new(&file, code_of(&e), e.to_string())]))?;
    let decisions = match &a.decisions {
        Some(d) => {
            let dfile = display(d);
            countroom_io::stv::read_decisions(&read_file(d)?, read.candidates.len()).map_err(
                |e| Failure::Input(e.iter().map(|p| Problem::from_csv(&dfile, p)).collect()),
            )?
        }
        None => Vec::new(),
    };
    let dfile = a.decisions.as_deref().map(display).unwrap_or_default();
    let locate = |p: &PapersProblem| {
        let (in_file, line) = match p {
            PapersProblem::NotDoubtful { line, .. }
            | PapersProblem::DecidedTwice { line, .. }
            | PapersProblem::HeadNotInRuleset { line, .. }
            | PapersProblem::BadPreferences { line, .. } => (&dfile, Some(*line)),
            PapersProblem::Mark { line, .. } | PapersProblem::DuplicateReference { line, .. } => {
                (&file, Some(*line))
            }
            _ => (&file, None),
        };
        let message = p.to_string();
        // The message's own "line N: " or "decision line N: " is the
        // location, now given as the problem's line.
        let message = match line {
            Some(n) => message
                .strip_prefix(&format!("line {n}: "))
                .or_else(|| message.strip_prefix(&format!("decision line {n}: ")))
                .map_or(message.clone(), str::to_owned),
            None => message,
        };
        let problem = Problem::new(in_file.as_str(), code_of(p), message);
        match line {
            Some(n) => problem.at_line(n),
            None => problem,
        }
    };
    let adjudicated = countroom_stv::adjudicate(
        &adjudicator,
        read.papers.iter().map(|m| PaperRef {
            reference: &m.reference,
            line: m.line,
            paper: &m.paper,
        }),
        &decisions,
    )
    .map_err(|e| Failure::Input(e.0.iter().map(locate).collect()))?;
    let title = a.title.clone().unwrap_or_else(|| {
        path.file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned())
    });
    let candidates: Vec<Candidate> = read
        .candidates
        .iter()
        .map(|c| Candidate::new(c.as_bytes()))
        .collect();
    let election = adjudicated
        .election(title.as_bytes(), candidates, seats)
        .map_err(|e| Failure::Input(e.0.iter().map(locate).collect()))?;
    let election = match poll_date(a)? {
        Some(d) => election.with_poll_date(d),
        None => election,
    };
    if format(a) == StvFormat::Csv && a.rejected_out.is_none() {
        return Err(Failure::Usage(
            "--papers --format csv writes the stage sheet alone: give --rejected-out FILE for the statement of rejected ballot papers".to_owned(),
        ));
    }
    let sheet = count_with_lots(a, &file, &election)?;
    let out = match format(a) {
        StvFormat::Text => render::sheet_text_with_papers(&sheet, &adjudicated),
        StvFormat::Json => render::sheet_json_with_papers(&sheet, &adjudicated),
        StvFormat::Csv => render::sheet_csv(&sheet),
        StvFormat::Html => {
            countroom_html::stage_sheet_with_papers_page(&sheet, &adjudicated).into_bytes()
        }
        StvFormat::Pdf => crate::pdf::print(
            &countroom_html::stage_sheet_with_papers_page(&sheet, &adjudicated),
            &String::from_utf8_lossy(&sheet.title),
            false,
        )?,
    };
    if let Some(path) = &a.rejected_out {
        crate::files::write_atomically(path, &render::papers_csv(&adjudicated))?;
    }
    print(&out)
}

fn stv_blt(a: &StvArgs, ballots: &Path) -> Result<(), Failure> {
    let sheet = count_file(a, ballots, &limits(a))?;
    let out = match format(a) {
        StvFormat::Text => render::sheet_text(&sheet),
        StvFormat::Json => render::sheet_json(&sheet),
        StvFormat::Csv => render::sheet_csv(&sheet),
        StvFormat::Html => crate::pdf::stage_sheet(&sheet, false)?,
        StvFormat::Pdf => crate::pdf::stage_sheet(&sheet, true)?,
    };
    print(&out)
}

/// What one contest of a run gave: the line or sheet to write, or its
/// problems.
enum Outcome {
    Counted {
        sheet: Box<StageSheet>,
        bytes: Vec<u8>,
    },
    Failed(Vec<Problem>),
}

/// Many contests in one run: every ballot file counted (in parallel over
/// `--jobs` threads), written in input order whatever the order they
/// finish in, so the output is the same for any number of jobs.
fn stv_many(a: &StvArgs) -> Result<(), Failure> {
    use countroom_io::render::stv_contests as many;
    if a.lots.is_some() {
        return Err(Failure::Usage(
            "--lots records the lots of one contest: give one ballot file with it".to_owned(),
        ));
    }
    let fmt = format(a);
    if a.out.is_none() && a.format.is_some_and(|f| f != StvFormat::Json) {
        return Err(Failure::Usage(
            "several contests are written to standard output as JSON Lines: give --out DIR for one sheet per contest as text or CSV".to_owned(),
        ));
    }
    // Fails early on a bad date rather than once per contest.
    poll_date(a)?;
    let files = crate::many::files(&a.ballots, "blt")?;
    let limits = limits(a);
    let jobs = crate::many::jobs(a.jobs, files.len());
    let to_file = a.out.is_some();
    let work = |path: &Path| -> Outcome {
        match count_file(a, path, &limits) {
            Ok(sheet) => {
                let bytes = if to_file {
                    match fmt {
                        StvFormat::Text => render::sheet_text(&sheet),
                        StvFormat::Json => render::sheet_json(&sheet),
                        StvFormat::Csv => render::sheet_csv(&sheet),
                        StvFormat::Html | StvFormat::Pdf => {
                            match crate::pdf::stage_sheet(&sheet, fmt == StvFormat::Pdf) {
                                Ok(b) => b,
                                Err(f @ (Failure::Io(_) | Failure::Usage(_))) => {
                                    return Outcome::Failed(crate::many::problems(
                                        &display(path),
                                        f,
                                    ))
                                }
                                Err(_) => return Outcome::Failed(Vec::new()),
                            }
                        }
                    }
                } else {
                    many::counted_line(&display(path), &sheet)
                };
                Outcome::Counted {
                    sheet: Box::new(sheet),
                    bytes,
                }
            }
            Err(f) => Outcome::Failed(crate::many::problems(&display(path), f)),
        }
    };

    let mut summary = many::Summary::default();
    summary.rehearsal_seed.clone_from(&a.seed);
    let mut sheets: Vec<(String, Vec<u8>)> = Vec::new();
    let mut stdout = std::io::stdout().lock();
    let mut write_error: Option<std::io::Error> = None;
    // Each outcome in input order, as soon as all before it are in.
    let mut take = |i: usize, outcome: Outcome| {
        let Some(path) = files.get(i) else { return };
        let file = display(path);
        let bytes = match outcome {
            Outcome::Counted { sheet, bytes } => {
                summary.counted(&sheet);
                if to_file {
                    let stem = path
                        .file_stem()
                        .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
                    sheets.push((stem, bytes));
                    return;
                }
                bytes
            }
            Outcome::Failed(problems) => {
                for p in &problems {
                    eprintln!("error: {p}");
                }
                summary.failed(&file, &problems);
                if to_file {
                    return;
                }
                many::failed_line(&file, &problems)
            }
        };
        if write_error.is_none() {
            if let Err(e) = std::io::Write::write_all(&mut stdout, &bytes) {
                write_error = Some(e);
            }
        }
    };
    crate::many::in_order(&files, jobs, work, &mut take);
    if let Some(dir) = &a.out {
        let ext = match fmt {
            StvFormat::Text => "txt",
            StvFormat::Json => "json",
            StvFormat::Csv => "csv",
            StvFormat::Html => "html",
            StvFormat::Pdf => "pdf",
        };
        let mut set = crate::files::name_files(sheets, ext)?;
        if set
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("summary.json"))
        {
            return Err(Failure::Usage(
                "a ballot file named summary.blt would overwrite the run's summary.json: rename it"
                    .to_owned(),
            ));
        }
        set.push(("summary.json".to_owned(), many::summary_json(&summary)));
        crate::files::write_set(dir, &set)?;
    }
    let last = many::summary_line(&summary);
    let flushed = std::io::Write::write_all(&mut stdout, &last)
        .and_then(|()| std::io::Write::flush(&mut stdout));
    match write_error.map_or(flushed, Err) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Failure::Io(format!("standard output: {e}"))),
    }
    if summary.failed > 0 {
        eprintln!(
            "countroom: {} of {} contests failed; the others were counted",
            summary.failed, summary.contests
        );
        return Err(Failure::Found);
    }
    Ok(())
}
