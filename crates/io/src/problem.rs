//! Problems found in inputs: [`Problem`], the one shape in which every
//! command reports them (text and JSON), and the CSV readers' own
//! [`CsvProblem`], which converts into it.

use std::fmt;

/// Lists of problems stop at this many; the rest are counted.
pub const LIMIT: usize = 1_000;

/// One problem found in an input, in the one shape every command reports:
/// the file, where in it (a physical line, or an entry of a count log, or
/// both), the field, a stable code and the message.
///
/// As text (its `Display`) it has one location style:
/// `FILE:LINE: field `F`: message`, `FILE:LINE: entry N: …` when the line
/// holds an entry, `FILE: entry N: …` when only the entry is known, and
/// `FILE: message` for the file as a whole; a problem with the command
/// line has no file (`--caps: …`). As JSON (`--format json`) it is an
/// object with the keys `file`, `line`, `entry`, `field` (each `null` when
/// not known), `code` and `message` (the message without the location).
///
/// `code` is stable snake_case naming the kind of problem (`bad_number`,
/// `unknown_column`, `chain_broken`, …): match on it, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Problem {
    /// The file, as the user named it (empty: the command line).
    pub file: String,
    /// The 1-based physical line.
    pub line: Option<u64>,
    /// The count log entry (its `seq`).
    pub entry: Option<u64>,
    /// The field: a CSV column's header, or a path into a log entry.
    pub field: Option<String>,
    /// Stable snake_case code of the kind of problem.
    pub code: String,
    /// What is wrong, in plain words, without the location.
    pub message: String,
    /// A finding of `stv check-sheet`: the stage (count) number of the
    /// published sheet it is at (`None`, and left out of the JSON, for
    /// every other problem).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// A finding of `stv check-sheet`: the rule it cites (left out of the
    /// JSON for every other problem).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl Problem {
    /// A problem with a whole file (no line, entry or field).
    #[must_use]
    pub fn new(
        file: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            line: None,
            entry: None,
            field: None,
            code: code.into(),
            message: message.into(),
            count: None,
            rule: None,
        }
    }

    /// The same problem on `line`.
    #[must_use]
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// The same problem in log entry `entry`.
    #[must_use]
    pub fn at_entry(mut self, entry: u64) -> Self {
        self.entry = Some(entry);
        self
    }

    /// The same problem in `field`.
    #[must_use]
    pub fn in_field(mut self, field: Option<&str>) -> Self {
        self.field = field.map(str::to_owned);
        self
    }

    /// A CSV reader's problem in `file`.
    #[must_use]
    pub fn from_csv(file: &str, p: &CsvProblem) -> Self {
        Problem::new(file, p.kind.code(), p.kind.to_string())
            .at_line(p.line)
            .in_field(p.field.as_deref())
    }

    /// A finding of `countroom stv check-sheet` on the published sheet
    /// `file`, as a problem: its kind is the code (`quota`, `balance`,
    /// `order`, …), the stage (count) number and the rule are in `count`
    /// and `rule`, and the message names them too (so the text reads
    /// alone).
    #[must_use]
    pub fn from_finding(file: &str, f: &countroom_stv::check::Finding) -> Self {
        let stage = f
            .stage
            .map_or_else(|| "the sheet".to_owned(), |n| format!("stage {n}"));
        let mut p = Problem::new(file, f.kind, format!("{stage} ({}): {}", f.rule, f.message));
        p.count = f.stage;
        p.rule = Some(f.rule.clone());
        p
    }

    /// The problem counting `more` problems not listed.
    #[must_use]
    pub fn more(file: &str, more: u64) -> Self {
        Problem::new(
            file,
            "more_problems",
            format!("{more} more problems not listed"),
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.is_empty(), self.line) {
            (false, Some(line)) => write!(f, "{}:{line}: ", self.file)?,
            (false, None) => write!(f, "{}: ", self.file)?,
            (true, Some(line)) => write!(f, "line {line}: ")?,
            (true, None) => {}
        }
        if let Some(entry) = self.entry {
            write!(f, "entry {entry}: ")?;
        }
        // The field, unless the message already names it (a replay's
        // problem says `EVENT: field `NAME`: …` itself).
        if let Some(field) = &self.field {
            if !self.message.contains(&format!("field `{field}`")) {
                write!(f, "field `{field}`: ")?;
            }
        }
        f.write_str(&self.message)
    }
}

/// A problem of `countroom results` (published results) in the one shape:
/// its file, line and field, its stable code, and what is wrong (which names
/// the contest when it is in one).
#[must_use]
pub fn from_results(p: &countroom_collate::published::ResultsProblem) -> Problem {
    let problem =
        Problem::new(p.file.as_str(), p.code, p.kind.to_string()).in_field(p.field.as_deref());
    match p.line {
        Some(line) => problem.at_line(line),
        None => problem,
    }
}

/// A count log reader's problem in `file`, in plain words: serde's
/// "invalid type: integer `6`, expected struct Header" on the first line
/// becomes what a count log's first line must be and what this one is.
#[must_use]
pub fn from_log_read(file: &str, e: &countroom_log::ReadError) -> Problem {
    use countroom_log::ReadErrorKind;
    let (field, message) = match &e.kind {
        ReadErrorKind::BadHeader { path, message } => {
            let whole = non_empty(path).is_none();
            let plain = plain_serde(message).filter(|_| whole).map_or_else(
                || {
                    if non_empty(path).is_none() {
                        format!("bad header: {message}")
                    } else {
                        format!("in the header: {message}")
                    }
                },
                |what| format!("the first line of a count log is its header, a JSON object such as {{\"schema\":\"{}\",\"version\":{},…}}; this line is {what}", countroom_log::SCHEMA, countroom_log::VERSION),
            );
            (non_empty(path), plain)
        }
        ReadErrorKind::BadEntry { path, message } => {
            let whole = non_empty(path).is_none();
            let plain = plain_serde(message).filter(|_| whole).map_or_else(
                || {
                    if non_empty(path).is_none() {
                        format!("bad entry: {message}")
                    } else {
                        message.clone()
                    }
                },
                |what| format!("each line after the header is an entry, a JSON object with `seq`, `by` and `event`; this line is {what}"),
            );
            (non_empty(path), plain)
        }
        kind => (None, kind.to_string()),
    };
    Problem::new(file, code_of(&e.kind), message)
        .at_line(e.line)
        .in_field(field.as_deref())
}

fn non_empty(path: &str) -> Option<String> {
    // serde_path_to_error's "?" is a place it could not name (input cut
    // short after a complete field): the line as a whole.
    (!path.is_empty() && path != "." && path != "?").then(|| path.to_owned())
}

/// serde_json's "invalid type: integer `6`, expected struct Header" as
/// what the value is ("the number 6"); `None` for other messages.
fn plain_serde(message: &str) -> Option<String> {
    if message.starts_with("expected value") || message.starts_with("expected ident") {
        return Some("not JSON".to_owned());
    }
    if message.starts_with("EOF while parsing") {
        return Some("cut short: its JSON ends before it is complete".to_owned());
    }
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, _) = rest.split_once(", expected")?;
    let value = |s: &str| s.trim_matches('`').to_owned();
    Some(if let Some(n) = found.strip_prefix("integer ") {
        format!("the number {}", value(n))
    } else if let Some(n) = found.strip_prefix("floating point ") {
        format!("the number {}", value(n))
    } else if let Some(t) = found.strip_prefix("string ") {
        format!("the text {t}")
    } else if found == "sequence" {
        "a JSON list, not an object".to_owned()
    } else if let Some(b) = found.strip_prefix("boolean ") {
        format!("the value {}", value(b))
    } else if found == "null" {
        "null".to_owned()
    } else {
        found.to_owned()
    })
}

/// A problem the replay found in entry `p.seq` of the log `file` (its
/// line unknown: add it with [`Problem::at_line`]): the event type, then
/// what is wrong (`entry 7: result_declared: …`).
#[must_use]
pub fn from_replay(file: &str, p: &countroom_count::LogProblem) -> Problem {
    Problem::new(file, code_of(&p.kind), format!("{}: {}", p.event, p.kind))
        .at_entry(p.seq)
        .in_field(p.kind.field().as_deref())
}

/// The problems as a JSON list (each object as [`Problem`] says), pretty
/// printed, ending in a line feed.
///
/// # Errors
///
/// If serde_json fails to write them (it does not for these types, but
/// the error is passed on, never swallowed).
pub fn problems_json(problems: &[Problem]) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = serde_json::to_vec_pretty(problems)?;
    out.push(b'\n');
    Ok(out)
}

/// The findings as a document in the one problem shape: the sheet's
/// summary, and `problems`, each finding a [`Problem`]
/// (`file`, `line`, `entry`, `field`, `code` the finding's kind, `message`,
/// and `count` and `rule`), cut at 1,000 with a count of the rest.
///
/// # Errors
///
/// serde_json's, if the document cannot be written (nothing is printed
/// then).
pub fn findings_json(
    sheet: &countroom_stv::check::PublishedSheet,
    rules: countroom_stv::StvRules,
    findings: &[countroom_stv::check::Finding],
) -> Result<Vec<u8>, serde_json::Error> {
    #[derive(serde::Serialize)]
    struct Document<'a> {
        document: &'static str,
        countroom: &'static str,
        sheet: &'a str,
        title: &'a str,
        rules: &'static str,
        citation: &'static str,
        seats: usize,
        stages: usize,
        findings: usize,
        problems: Vec<Problem>,
    }
    let problems = capped(
        findings
            .iter()
            .map(|f| Problem::from_finding(&sheet.file, f))
            .collect(),
    );
    let doc = Document {
        document: "stv_stage_sheet_checked",
        countroom: env!("CARGO_PKG_VERSION"),
        sheet: &sheet.file,
        title: &sheet.title,
        rules: rules.as_str(),
        citation: rules.citation(),
        seats: sheet.seats,
        stages: sheet.stages.len(),
        findings: findings.len(),
        problems,
    };
    let mut out = serde_json::to_vec_pretty(&doc)?;
    out.push(b'\n');
    Ok(out)
}

/// `problems` cut to [`LIMIT`], the rest counted in one last problem
/// (`more_problems`) unless the list already ends with such a count: the
/// same limit for every list a command prints, the count log reader's
/// included.
#[must_use]
pub fn capped(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() <= LIMIT {
        return problems;
    }
    // Problems listed past the limit, plus any the readers already counted:
    // problems found in the inputs, at most a few per byte read, so the sum
    // is bounded by the inputs' length.
    let mut more: u64 = 0;
    for p in problems.drain(LIMIT..) {
        more += counted_more(&p).unwrap_or(1);
    }
    problems.push(Problem::more("", more));
    problems
}

/// How many problems `problems` stands for: one for each listed, and for a
/// `more_problems` count the number it counts (so a list cut at [`LIMIT`]
/// with "500 more problems not listed" stands for 1,500, not 1,001).
#[must_use]
pub fn found(problems: &[Problem]) -> u64 {
    // Bounded by the inputs' length, as in `capped`.
    problems.iter().map(|p| counted_more(p).unwrap_or(1)).sum()
}

/// The count a `more_problems` problem carries.
fn counted_more(p: &Problem) -> Option<u64> {
    if p.code != "more_problems" {
        return None;
    }
    p.message.split(' ').next()?.parse().ok()
}

/// The line each (run, bundle) of a bundles file was first given on, to
/// name it when the same bundle comes again (the log would refuse the
/// second as a bundle id used twice in the run, far from the file's line).
/// Shared by the FPTP and the list area's bundles files; a run of `None` is
/// the list area's current run.
#[derive(Debug, Default)]
pub(crate) struct BundleLines(std::collections::BTreeMap<(Option<u32>, String), u64>);

impl BundleLines {
    /// Notes `bundle` of `run` on `line`, or gives the problem naming the
    /// line it was first given on.
    pub(crate) fn given(
        &mut self,
        run: Option<u32>,
        bundle: &str,
        line: u64,
    ) -> Option<CsvProblemKind> {
        match self.0.entry((run, bundle.to_owned())) {
            std::collections::btree_map::Entry::Occupied(first) => {
                Some(CsvProblemKind::DuplicateBundle {
                    bundle: bundle.to_owned(),
                    first_line: *first.get(),
                })
            }
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(line);
                None
            }
        }
    }
}

/// A library error or problem with a stable snake_case code of its own,
/// written out by its type (`code()` and `CODES`, beside the type), never
/// derived from a variant's name at run time: docs/formats.md, "Stable
/// codes", lists every one.
pub trait StableCode {
    /// The code.
    fn stable_code(&self) -> &'static str;
}

impl StableCode for countroom_count::ProblemKind {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_count::AppendProblem {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_count::AppendError {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_count::UpgradeLogError {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_adjudicate::AdjudicatorError {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_stv::BltProblem {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_stv::StvError {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_stv::papers::PapersProblem {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_collate::CollateError {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_accounts::LedgerProblemKind {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for crate::audit::Difference {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_list::AllocationError {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_list::FromRulesetError {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for crate::list::ListProblemKind {
    fn stable_code(&self) -> &'static str {
        self.code()
    }
}

impl StableCode for countroom_log::ReadErrorKind {
    fn stable_code(&self) -> &'static str {
        read_error_code(self)
    }
}

/// The count log reader's stable codes ([`read_error_code`]), in the
/// order of `countroom_log::ReadErrorKind`'s variants.
pub const READ_ERROR_CODES: &[&str] = &[
    "empty",
    "not_utf8",
    "bad_header",
    "wrong_schema",
    "unsupported_version",
    "bad_entry",
    "control_character",
    "out_of_sequence",
    "chain_broken",
    "missing_link",
    "unexpected_link",
    "not_canonical",
    "blank_line",
    "carriage_return",
    "no_final_newline",
    "no_entries",
    "numbered_entry",
];

/// The stable code of a count log reader's problem. The table is here, not
/// beside `countroom_log::ReadErrorKind` (whose crate another part of the
/// project owns); a variant added there without a row here is
/// `bad_entry`, the code of an entry that cannot be read, until it gets
/// one.
#[must_use]
pub fn read_error_code(kind: &countroom_log::ReadErrorKind) -> &'static str {
    use countroom_log::ReadErrorKind;
    #[allow(unreachable_patterns)]
    match kind {
        ReadErrorKind::Empty => "empty",
        ReadErrorKind::NotUtf8 { .. } => "not_utf8",
        ReadErrorKind::BadHeader { .. } => "bad_header",
        ReadErrorKind::WrongSchema { .. } => "wrong_schema",
        ReadErrorKind::UnsupportedVersion { .. } => "unsupported_version",
        ReadErrorKind::BadEntry { .. } => "bad_entry",
        ReadErrorKind::ControlCharacter { .. } => "control_character",
        ReadErrorKind::OutOfSequence { .. } => "out_of_sequence",
        ReadErrorKind::ChainBroken { .. } => "chain_broken",
        ReadErrorKind::MissingLink { .. } => "missing_link",
        ReadErrorKind::UnexpectedLink { .. } => "unexpected_link",
        ReadErrorKind::NotCanonical { .. } => "not_canonical",
        ReadErrorKind::BlankLine => "blank_line",
        ReadErrorKind::CarriageReturn => "carriage_return",
        ReadErrorKind::NoFinalNewline => "no_final_newline",
        ReadErrorKind::NoEntries => "no_entries",
        ReadErrorKind::NumberedEntry { .. } => "numbered_entry",
        _ => "bad_entry",
    }
}

/// The stable code of a library error or problem ([`StableCode`]), as an
/// owned string for [`Problem::new`].
#[must_use]
pub fn code_of<T: StableCode + ?Sized>(value: &T) -> String {
    value.stable_code().to_owned()
}

/// Every type with stable codes and its codes, in the order of the table
/// "Stable codes" of docs/formats.md (for its test).
#[must_use]
pub fn stable_code_tables() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        (
            "countroom_count::ProblemKind",
            countroom_count::ProblemKind::CODES,
        ),
        (
            "countroom_count::AppendProblem",
            countroom_count::AppendProblem::CODES,
        ),
        (
            "countroom_count::AppendError",
            countroom_count::AppendError::CODES,
        ),
        (
            "countroom_count::UpgradeLogError",
            countroom_count::UpgradeLogError::CODES,
        ),
        (
            "countroom_adjudicate::AdjudicatorError",
            countroom_adjudicate::AdjudicatorError::CODES,
        ),
        (
            "countroom_stv::BltProblem",
            countroom_stv::BltProblem::CODES,
        ),
        ("countroom_stv::StvError", countroom_stv::StvError::CODES),
        (
            "countroom_stv::papers::PapersProblem",
            countroom_stv::papers::PapersProblem::CODES,
        ),
        (
            "countroom_collate::CollateError",
            countroom_collate::CollateError::CODES,
        ),
        (
            "countroom_accounts::LedgerProblemKind",
            countroom_accounts::LedgerProblemKind::CODES,
        ),
        (
            "countroom_io::audit::Difference",
            crate::audit::Difference::CODES,
        ),
        ("countroom_log::ReadErrorKind", READ_ERROR_CODES),
        (
            "countroom_list::AllocationError",
            countroom_list::AllocationError::CODES,
        ),
        (
            "countroom_io::list::ListProblemKind",
            crate::list::ListProblemKind::CODES,
        ),
        (
            "countroom_list::FromRulesetError",
            countroom_list::FromRulesetError::CODES,
        ),
    ]
}

/// What kind of file `bytes` looks like, from its first bytes: for the
/// message when a command is given the wrong kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileKind {
    /// Nothing but white space.
    Empty,
    /// JSON Lines (a first line that is a JSON object): a count log.
    JsonLines,
    /// Some other JSON (an array, a number, a string).
    Json,
    /// A BLT ballot file (a first line of two whole numbers: candidates
    /// and seats).
    Blt,
    /// A CSV file (a first line with commas and no braces).
    Csv,
    /// Anything else.
    Other,
}

impl FileKind {
    /// The kind of `bytes`.
    #[must_use]
    pub fn of(bytes: &[u8]) -> FileKind {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first = bytes
            .split(|&b| b == b'\n' || b == b'\r')
            .map(<[u8]>::trim_ascii)
            .find(|l| !l.is_empty());
        let Some(first) = first else {
            return FileKind::Empty;
        };
        match first.first() {
            Some(b'{') => return FileKind::JsonLines,
            Some(b'[' | b'"') => return FileKind::Json,
            _ => {}
        }
        let words: Vec<&[u8]> = first
            .split(u8::is_ascii_whitespace)
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() == 2 && words.iter().all(|w| w.iter().all(u8::is_ascii_digit)) {
            return FileKind::Blt;
        }
        if first.iter().all(u8::is_ascii_digit) {
            return FileKind::Json;
        }
        if first.contains(&b',') {
            return FileKind::Csv;
        }
        FileKind::Other
    }

    /// What it is, in words: "a CSV file".
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Empty => "an empty file",
            FileKind::JsonLines => "a count log (JSON Lines)",
            FileKind::Json => "a JSON value, not a count log",
            FileKind::Blt => "a BLT ballot file",
            FileKind::Csv => "a CSV file",
            FileKind::Other => "not a file countroom reads",
        }
    }
}

/// The message for a file of the wrong kind given to `command`, which
/// reads `expected` (e.g. "a count log (JSON Lines)"), or `None` if the
/// file is of the kind the command reads.
#[must_use]
pub fn wrong_kind(bytes: &[u8], command: &str, reads_log: bool) -> Option<String> {
    let kind = FileKind::of(bytes);
    let hint = match (reads_log, kind) {
        (true, FileKind::JsonLines | FileKind::Empty | FileKind::Other) => return None,
        (false, FileKind::Csv | FileKind::Empty | FileKind::Other) => return None,
        (true, FileKind::Csv) => "did you mean `countroom results` or `countroom collate`?",
        (true, FileKind::Blt) => "did you mean `countroom stv`?",
        (true, FileKind::Json) => "a count log's first line is its header, a JSON object such as {\"schema\":\"countroom-count-log\",\"version\":2,…}",
        (false, FileKind::JsonLines) => "did you mean `countroom count`?",
        (false, FileKind::Blt) => "did you mean `countroom stv`?",
        (false, FileKind::Json) => "did you mean `countroom count`?",
    };
    let reads = if reads_log {
        "a count log (JSON Lines)"
    } else {
        "CSV files"
    };
    Some(format!(
        "this is {}; `{command}` reads {reads}: {hint}",
        kind.describe()
    ))
}

/// A problem in a CSV file, with its line and field (converted to a
/// [`Problem`] by [`Problem::from_csv`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {kind}", field.as_ref().map(|f| format!(", field `{f}`")).unwrap_or_default())]
#[non_exhaustive]
pub struct CsvProblem {
    /// 1-based line.
    pub line: u64,
    /// The column's header name, if the problem is in one field.
    pub field: Option<String>,
    /// What is wrong.
    pub kind: CsvProblemKind,
}

/// What is wrong in a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CsvProblemKind {
    /// No header row.
    #[error("the file is empty: expected a header row ({expected})")]
    Empty {
        /// The columns expected.
        expected: String,
    },
    /// A required column is missing from the header.
    #[error("missing column {column:?}")]
    MissingColumn {
        /// The column.
        column: String,
    },
    /// A header names a column twice.
    #[error("column {column:?} appears twice")]
    DuplicateColumn {
        /// The column.
        column: String,
    },
    /// A header names a candidate who is not in the contest.
    #[error("unknown candidate {candidate:?} in contest {contest} (candidates on the ballot paper: {expected})")]
    UnknownCandidate {
        /// The column name.
        candidate: String,
        /// The contest.
        contest: String,
        /// The candidates standing.
        expected: String,
    },
    /// A header names a withdrawn candidate.
    #[error("candidate {candidate:?} withdrew and is not on the ballot paper")]
    WithdrawnCandidate {
        /// The candidate.
        candidate: String,
    },
    /// A header column that the format does not have.
    #[error("unexpected column {column:?}")]
    UnknownColumn {
        /// The column.
        column: String,
    },
    /// A row with more or fewer fields than the header.
    #[error("{found} fields, but the header has {expected}")]
    FieldCount {
        /// Fields in the header.
        expected: u64,
        /// Fields in this row.
        found: u64,
    },
    /// A mark that is not in the mark grammar.
    #[error("{value:?} is not a mark: use X for a cross, tick, a figure (1, 2, …) or other, optionally followed by @outside or @straddle and preceded by 2: for the second-choice column; join several marks with +; leave empty for none")]
    BadMark {
        /// The value.
        value: String,
    },
    /// A head that is not on the contest's ruleset's statement.
    #[error("head {head:?} is not on the statement of rejected ballot papers under {ruleset} (its heads: {heads})")]
    HeadNotInRuleset {
        /// The head code.
        head: String,
        /// The ruleset.
        ruleset: &'static str,
        /// Its heads.
        heads: String,
    },
    /// A figure that is not a whole number.
    #[error("figure {value:?} is not a number: write preferences as whole numbers (1, 2, 3, …)")]
    BadFigure {
        /// The value.
        value: String,
    },
    /// A flag that is not `Y` or `N`.
    #[error("{value:?} is not Y or N")]
    BadFlag {
        /// The value.
        value: String,
    },
    /// A count that is not a whole number ≥ 0.
    #[error("{value:?} is not a whole number of 0 or more")]
    BadNumber {
        /// The value.
        value: String,
    },
    /// A whole number too large for 64 bits.
    #[error("{value:?} is too large (at most 18,446,744,073,709,551,615)")]
    NumberTooLarge {
        /// The value.
        value: String,
    },
    /// A required value is empty.
    #[error("empty value")]
    EmptyValue,
    /// A bundle id given twice for the same run in one file.
    #[error("bundle {bundle:?} is given twice for the same run (first on line {first_line})")]
    DuplicateBundle {
        /// The bundle id.
        bundle: String,
        /// The line of its first row.
        first_line: u64,
    },
    /// A value that is not of its column's kind (the message says why).
    #[error("{message}")]
    Value {
        /// Why.
        message: String,
    },
    /// Bytes that are not UTF-8.
    #[error("not valid UTF-8")]
    NotUtf8,
    /// The CSV itself is malformed.
    #[error("malformed CSV: {message}")]
    Malformed {
        /// What the CSV reader reported.
        message: String,
    },
    /// Too many problems to list.
    #[error("{more} more problems not listed")]
    More {
        /// How many.
        more: u64,
    },
}

impl CsvProblemKind {
    /// The stable snake_case code of this kind ([`Problem::code`]).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            CsvProblemKind::Empty { .. } => "empty_file",
            CsvProblemKind::MissingColumn { .. } => "missing_column",
            CsvProblemKind::DuplicateColumn { .. } => "duplicate_column",
            CsvProblemKind::UnknownCandidate { .. } => "unknown_candidate",
            CsvProblemKind::WithdrawnCandidate { .. } => "withdrawn_candidate",
            CsvProblemKind::UnknownColumn { .. } => "unknown_column",
            CsvProblemKind::FieldCount { .. } => "field_count",
            CsvProblemKind::BadMark { .. } => "bad_mark",
            CsvProblemKind::HeadNotInRuleset { .. } => "head_not_in_ruleset",
            CsvProblemKind::BadFigure { .. } => "bad_figure",
            CsvProblemKind::BadFlag { .. } => "bad_flag",
            CsvProblemKind::BadNumber { .. } => "bad_number",
            CsvProblemKind::NumberTooLarge { .. } => "number_too_large",
            CsvProblemKind::EmptyValue => "empty_value",
            CsvProblemKind::DuplicateBundle { .. } => "duplicate_bundle",
            CsvProblemKind::Value { .. } => "bad_value",
            CsvProblemKind::NotUtf8 => "not_utf8",
            CsvProblemKind::Malformed { .. } => "malformed_csv",
            CsvProblemKind::More { .. } => "more_problems",
        }
    }
}

/// Collects problems, keeping at most `LIMIT` and counting the rest, so a
/// bad file of millions of lines cannot exhaust memory.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<CsvProblem>,
    more: u64,
}

impl Problems {
    pub(crate) fn push(&mut self, line: u64, field: Option<&str>, kind: CsvProblemKind) {
        if self.list.len() < LIMIT {
            self.list.push(CsvProblem {
                line,
                field: field.map(str::to_owned),
                kind,
            });
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn into_vec(mut self, last_line: u64) -> Vec<CsvProblem> {
        if self.more > 0 {
            self.list.push(CsvProblem {
                line: last_line,
                field: None,
                kind: CsvProblemKind::More { more: self.more },
            });
        }
        self.list
    }
}

/// Checks the candidate columns of a header: each names a candidate on the
/// ballot paper, once, and every such candidate has one.
pub(crate) struct CandidateColumns<'a> {
    contest: &'a countroom_model::Contest,
    seen: Vec<bool>,
    line: u64,
}

impl<'a> CandidateColumns<'a> {
    pub(crate) fn new(contest: &'a countroom_model::Contest, line: u64) -> Self {
        CandidateColumns {
            contest,
            seen: vec![false; contest.n_standing()],
            line,
        }
    }

    /// The index of the candidate a column names, or `None` after reporting
    /// why it names none (unknown, withdrawn, or named twice).
    pub(crate) fn column(&mut self, name: &str, problems: &mut Problems) -> Option<usize> {
        let found = countroom_model::CandidateId::new(name)
            .ok()
            .and_then(|id| self.contest.find_candidate(&id));
        let kind = match found {
            Some(Ok(idx)) => match self.seen.get_mut(idx.get()) {
                Some(seen) if !*seen => {
                    *seen = true;
                    return Some(idx.get());
                }
                _ => CsvProblemKind::DuplicateColumn {
                    column: name.to_owned(),
                },
            },
            Some(Err(_)) => CsvProblemKind::WithdrawnCandidate {
                candidate: name.to_owned(),
            },
            None => CsvProblemKind::UnknownCandidate {
                candidate: name.to_owned(),
                contest: self.contest.id().to_string(),
                expected: self
                    .contest
                    .standing()
                    .map(|(_, c)| c.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        };
        problems.push(self.line, Some(name), kind);
        None
    }

    /// Reports every candidate on the ballot paper that has no column.
    pub(crate) fn finish(self, problems: &mut Problems) {
        for (idx, cand) in self.contest.standing() {
            if !self.seen.get(idx.get()).copied().unwrap_or(false) {
                problems.push(
                    self.line,
                    None,
                    CsvProblemKind::MissingColumn {
                        column: cand.id.to_string(),
                    },
                );
            }
        }
    }
}

/// Finds the line a CSV record starts on from its position
/// ([`countroom_model::LineCounter`] on the record's byte offset: the
/// `csv` crate's own line numbers lag on CRLF files, rust-csv #395).
pub(crate) struct LineCounter<'a>(countroom_model::LineCounter<'a>);

impl<'a> LineCounter<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        LineCounter(countroom_model::LineCounter::new(bytes))
    }

    /// The 1-based line of the record at `position`.
    pub(crate) fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        self.0.line_at(position.map(csv::Position::byte))
    }
}

/// Reads a CSV file's header row into `record`. An empty file, or a
/// malformed first row, is recorded in `problems` (an empty file with the
/// columns `expected`) and gives `false`.
pub(crate) fn read_header<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::StringRecord,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
    expected: impl FnOnce() -> String,
) -> bool {
    match reader.read_record(record) {
        Ok(true) => true,
        Ok(false) => {
            problems.push(
                1,
                None,
                CsvProblemKind::Empty {
                    expected: expected(),
                },
            );
            false
        }
        Err(e) => {
            csv_error(&e, problems, lines);
            false
        }
    }
}

/// [`read_header`] for byte records.
pub(crate) fn read_byte_header<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
    expected: impl FnOnce() -> String,
) -> bool {
    match reader.read_byte_record(record) {
        Ok(true) => true,
        Ok(false) => {
            problems.push(
                1,
                None,
                CsvProblemKind::Empty {
                    expected: expected(),
                },
            );
            false
        }
        Err(e) => {
            csv_error(&e, problems, lines);
            false
        }
    }
}

/// Calls `row` with each record after the header, and its line; a
/// malformed record is recorded in `problems` and passed over. Gives the
/// last line read.
pub(crate) fn each_record<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
    mut row: impl FnMut(u64, &csv::StringRecord, &mut Problems),
) -> u64 {
    let mut record = csv::StringRecord::new();
    let mut last = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return last,
            Ok(true) => {
                last = lines.line_of(record.position());
                row(last, &record, problems);
            }
            Err(e) => last = csv_error(&e, problems, lines),
        }
    }
}

/// [`each_record`] for byte records (files whose cells need not be UTF-8).
pub(crate) fn each_byte_record<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
    mut row: impl FnMut(u64, &csv::ByteRecord, &mut Problems),
) -> u64 {
    let mut record = csv::ByteRecord::new();
    let mut last = 1;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return last,
            Ok(true) => {
                last = lines.line_of(record.position());
                row(last, &record, problems);
            }
            Err(e) => last = csv_error(&e, problems, lines),
        }
    }
}

pub(crate) fn csv_error(
    e: &csv::Error,
    problems: &mut Problems,
    lines: &mut LineCounter<'_>,
) -> u64 {
    let line = lines.line_of(e.position());
    let kind = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => CsvProblemKind::FieldCount {
            expected: *expected_len,
            found: *len,
        },
        csv::ErrorKind::Utf8 { .. } => CsvProblemKind::NotUtf8,
        _ => CsvProblemKind::Malformed {
            message: e.to_string(),
        },
    };
    problems.push(line, None, kind);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one location style, for each of the eight styles issue 16
    /// found (`FILE:N:`, `FILE:line N:`, `region R1:`, `poll poll:`,
    /// `--caps (not given):1:`, `FILE:0:`, …): a line, an entry, both, a
    /// whole file, the command line.
    #[test]
    fn one_location_style() {
        let p = Problem::new("t.csv", "bad_number", "\"x\" is not a whole number");
        assert_eq!(p.to_string(), "t.csv: \"x\" is not a whole number");
        let p = p.at_line(3).in_field(Some("Leave"));
        assert_eq!(
            p.to_string(),
            "t.csv:3: field `Leave`: \"x\" is not a whole number"
        );
        let e = Problem::new(
            "count.jsonl",
            "unknown_candidate",
            "bundle_counted: unknown candidate Z",
        )
        .at_line(4)
        .at_entry(3);
        assert_eq!(
            e.to_string(),
            "count.jsonl:4: entry 3: bundle_counted: unknown candidate Z"
        );
        let e = Problem::new("count.jsonl", "x", "m").at_entry(3);
        assert_eq!(e.to_string(), "count.jsonl: entry 3: m");
        let c = Problem::new("--caps", "unknown_poll", "not given: m").in_field(Some("poll"));
        assert_eq!(c.to_string(), "--caps: field `poll`: not given: m");
        assert_eq!(Problem::new("", "x", "m").to_string(), "m");
    }

    #[test]
    fn problems_as_json_with_every_key() {
        let p = Problem::new("t.csv", "bad_number", "m").at_line(2);
        assert_eq!(
            String::from_utf8(problems_json(&[p]).unwrap()).unwrap(),
            "[\n  {\n    \"file\": \"t.csv\",\n    \"line\": 2,\n    \"entry\": null,\n    \"field\": null,\n    \"code\": \"bad_number\",\n    \"message\": \"m\"\n  }\n]\n"
        );
    }

    #[test]
    fn lists_stop_at_a_thousand_counting_the_rest() {
        let many: Vec<Problem> = (0..2_500u64)
            .map(|i| Problem::new("f", "x", "m").at_line(i))
            .collect();
        let cut = capped(many);
        assert_eq!(cut.len(), LIMIT + 1);
        assert_eq!(cut[LIMIT].message, "1500 more problems not listed");
        assert_eq!(
            super::found(&cut),
            2_500,
            "the listed 1,000 and the 1,500 counted"
        );
        // A reader's own count of problems not listed is carried over.
        let mut many: Vec<Problem> = (0..1_000u64)
            .map(|i| Problem::new("f", "x", "m").at_line(i))
            .collect();
        many.push(Problem::new("f", "y", "m"));
        many.push(Problem::more("f", 40));
        let cut = capped(many);
        assert_eq!(cut[LIMIT].message, "41 more problems not listed");
    }

    #[test]
    fn codes_from_variant_names() {
        assert_eq!(
            code_of(&countroom_log::ReadErrorKind::BlankLine),
            "blank_line"
        );
        assert_eq!(
            code_of(&countroom_log::ReadErrorKind::NotUtf8 { column: 1 }),
            "not_utf8"
        );
        assert_eq!(CsvProblemKind::EmptyValue.code(), "empty_value");
    }

    /// Every stable code of the library's errors and problems is snake_case,
    /// unique within its type, and listed in docs/formats.md ("Stable
    /// codes"); the count log reader's table covers every code it had
    /// before (the variant names, in snake_case).
    #[test]
    fn stable_codes_are_snake_case_unique_and_documented() {
        let docs = include_str!("../../../docs/formats.md");
        let start = docs.find("### Stable codes").unwrap();
        let end = start + docs[start..].find("\n## ").unwrap();
        let section = &docs[start..end];
        for (ty, codes) in stable_code_tables() {
            assert!(!codes.is_empty(), "{ty}");
            let mut seen = std::collections::BTreeSet::new();
            for code in codes {
                assert!(
                    !code.is_empty()
                        && code
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                        && !code.starts_with('_')
                        && !code.ends_with('_')
                        && !code.contains("__"),
                    "{ty}: {code:?} is not snake_case"
                );
                assert!(seen.insert(*code), "{ty}: {code} twice");
            }
            assert!(section.contains(&format!("(`{ty}`)")), "{ty} has no table");
            let table_start = section.find(&format!("(`{ty}`)")).unwrap();
            let table = &section[table_start..];
            let table = &table[..table[1..].find("\n#### ").map_or(table.len(), |i| i + 1)];
            for code in codes {
                assert!(
                    table.contains(&format!("| `{code}` |")),
                    "{ty}: {code} not documented"
                );
            }
        }
        // A value's code is the one its type lists.
        assert_eq!(
            code_of(&countroom_log::ReadErrorKind::BlankLine),
            "blank_line"
        );
        assert!(READ_ERROR_CODES.contains(&"blank_line"));
    }

    #[test]
    fn findings_convert() {
        let f = countroom_stv::check::Finding {
            stage: Some(3),
            kind: "balance",
            rule: "r.48".into(),
            message: "totals 1.00 short".into(),
        };
        let p = Problem::from_finding("sheet.csv", &f);
        assert_eq!(p.code, "balance");
        assert_eq!((p.count, p.rule.as_deref()), (Some(3), Some("r.48")));
        let json: serde_json::Value = serde_json::to_value(&p).unwrap();
        assert_eq!(json["count"], 3);
        assert_eq!(json["rule"], "r.48");
        // Other problems have no such keys.
        let other = serde_json::to_value(Problem::new("f", "c", "m")).unwrap();
        assert!(other.get("count").is_none() && other.get("rule").is_none());
        assert_eq!(
            p.to_string(),
            "sheet.csv: stage 3 (r.48): totals 1.00 short"
        );
    }

    /// What a file looks like, from its first line.
    #[test]
    fn file_kinds() {
        assert_eq!(FileKind::of(b"{\"schema\":1}\n"), FileKind::JsonLines);
        assert_eq!(
            FileKind::of(b"\xEF\xBB\xBFa,b,c\r\n1,2,3\r\n"),
            FileKind::Csv
        );
        assert_eq!(FileKind::of(b"6 3\n1 1 2 0\n"), FileKind::Blt);
        assert_eq!(FileKind::of(b"6\n"), FileKind::Json);
        assert_eq!(FileKind::of(b"  \n\n"), FileKind::Empty);
        assert_eq!(
            wrong_kind(b"a,b\n", "count", true).as_deref(),
            Some("this is a CSV file; `count` reads a count log (JSON Lines): did you mean `countroom results` or `countroom collate`?")
        );
        assert_eq!(wrong_kind(b"{}\n", "count", true), None);
        assert_eq!(wrong_kind(b"a,b\n", "collate", false), None);
    }

    /// serde's "invalid type: integer `6`, expected struct Header" in plain
    /// words: what the first line must be, and what it is.
    #[test]
    fn serde_jargon_in_plain_words() {
        let errors = countroom_log::read(b"6\n").unwrap_err();
        let p = from_log_read("x.jsonl", &errors[0]);
        assert_eq!(p.line, Some(1));
        assert!(
            p.message.ends_with("this line is the number 6"),
            "{}",
            p.message
        );
        assert!(!p.to_string().contains("invalid type"));
        // A header cut short: "EOF while parsing" in plain words.
        let errors =
            countroom_log::read(b"{\"schema\":\"countroom-count-log\",\"version\":2,\"elec")
                .unwrap_err();
        let p = from_log_read("x.jsonl", &errors[0]);
        assert!(
            p.message
                .ends_with("this line is cut short: its JSON ends before it is complete"),
            "{}",
            p.message
        );
        assert!(p.field.is_none(), "{p:?}");
        let errors = countroom_log::read(b"hello\n").unwrap_err();
        let p = from_log_read("x.jsonl", &errors[0]);
        assert!(
            p.message.ends_with("this line is not JSON"),
            "{}",
            p.message
        );
    }

    fn lines_of(text: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut counter = LineCounter::new(text.as_bytes());
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            out.push(counter.line_of(record.position()));
        }
        out
    }

    #[test]
    fn lines_after_crlf_blank_lines_and_quoted_newlines() {
        assert_eq!(lines_of("h\r\na\r\nb\r\n"), vec![1, 2, 3]);
        assert_eq!(lines_of("h\n\n\nrow\n"), vec![1, 4]);
        assert_eq!(lines_of("h\r\n\r\nrow\r\nx,y\r\n"), vec![1, 3, 4]);
        assert_eq!(lines_of("h\n\"a\nb\"\nc\n"), vec![1, 2, 4]);
    }

    /// CR alone ends a line too (the Electoral Commission's 2016 result
    /// file), so problems in such a file name the right line.
    #[test]
    fn lines_after_cr_alone() {
        assert_eq!(lines_of("h\ra\rb\r"), vec![1, 2, 3]);
        assert_eq!(lines_of("h\r\ra\r\nb"), vec![1, 3, 4]);
    }
}
