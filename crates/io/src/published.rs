//! Published results as input: a results CSV (one row per candidate) and
//! an optional contests CSV (one row per contest), read into
//! [`countroom_collate::published::PublishedResults`]; the report of
//! `countroom results` written as text, JSON and CSV; and the count log the
//! figures imply.
//!
//! Columns are found by their header. The names of the House of Commons
//! Library's general election files (`ONS ID`, `Constituency name`,
//! `Candidate first name`, `Candidate surname`, `Party abbreviation`,
//! `Votes`; `Electorate`, `Valid votes`, `Invalid votes`, `Majority`,
//! `Member first name`, `Member surname`) and of Democracy Club's results
//! (`ballot_paper_id`, `post_label`, `person_name`, `party_name`,
//! `votes_cast` or `num_ballots`, `elected` or `is_winner`) are recognised,
//! as are plain names (`contest`, `candidate`, `party`, `votes`, …); the
//! other columns those publishers include (shares, genders, ids of other
//! registers) are known and left out. Any other layout is mapped with a
//! [`ColumnMap`] (`--columns contest=…,candidate=…`); a column that is
//! neither recognised, mapped nor declared `ignore=` is an error, so no
//! figure is silently dropped.
//!
//! Reading accepts a UTF-8 byte-order mark, LF, CRLF or CR-only line
//! endings, quoted fields with commas, and figures with thousands
//! separators (`59,390`); it refuses a line longer than
//! [`MAX_LINE_BYTES`], an empty file and a header with no rows. Every
//! problem names the file, line and column; the first
//! [`countroom_collate::published::MAX_PROBLEMS`] are listed and the rest
//! counted.

use std::collections::HashMap;

use countroom_collate::published::{
    Problems, PublishedCandidate, PublishedContest, PublishedResults, ResultsProblem,
    ResultsProblemKind, ResultsReport,
};
use countroom_log as log;
use serde::Serialize;

/// The longest line read (1 MiB): a results row is a few hundred bytes.
pub const MAX_LINE_BYTES: u64 = 1 << 20;

/// What a column gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Role {
    /// The contest's identifier.
    Contest,
    /// The contest's name.
    ContestName,
    /// The candidate's whole name.
    Candidate,
    /// The candidate's first name(s), joined to the surname.
    CandidateFirst,
    /// The candidate's surname.
    CandidateSurname,
    /// The party or description.
    Party,
    /// Votes.
    Votes,
    /// Elected flag.
    Elected,
    /// Country.
    Country,
    /// Electors (contests file).
    Electorate,
    /// Valid votes (contests file).
    Valid,
    /// Rejected papers in all (contests file).
    Rejected,
    /// Ballot papers counted (contests file).
    Papers,
    /// Seats (contests file).
    Seats,
    /// Office code (contests file).
    Office,
    /// The published majority (contests file).
    Majority,
    /// The member returned, whole name (contests file).
    Winner,
    /// The member's first name(s) (contests file).
    WinnerFirst,
    /// The member's surname (contests file).
    WinnerSurname,
}

impl Role {
    /// Every role, for `--columns`.
    pub const ALL: [Role; 19] = [
        Role::Contest,
        Role::ContestName,
        Role::Candidate,
        Role::CandidateFirst,
        Role::CandidateSurname,
        Role::Party,
        Role::Votes,
        Role::Elected,
        Role::Country,
        Role::Electorate,
        Role::Valid,
        Role::Rejected,
        Role::Papers,
        Role::Seats,
        Role::Office,
        Role::Majority,
        Role::Winner,
        Role::WinnerFirst,
        Role::WinnerSurname,
    ];

    /// The name used in `--columns` and messages.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Role::Contest => "contest",
            Role::ContestName => "contest_name",
            Role::Candidate => "candidate",
            Role::CandidateFirst => "candidate_first",
            Role::CandidateSurname => "candidate_surname",
            Role::Party => "party",
            Role::Votes => "votes",
            Role::Elected => "elected",
            Role::Country => "country",
            Role::Electorate => "electorate",
            Role::Valid => "valid",
            Role::Rejected => "rejected",
            Role::Papers => "papers",
            Role::Seats => "seats",
            Role::Office => "office",
            Role::Majority => "majority",
            Role::Winner => "winner",
            Role::WinnerFirst => "winner_first",
            Role::WinnerSurname => "winner_surname",
        }
    }

    /// The header names recognised for the role, in order of preference
    /// (compared ignoring case and surrounding spaces).
    #[must_use]
    pub const fn names(self) -> &'static [&'static str] {
        match self {
            Role::Contest => &[
                "contest",
                "contest_id",
                "ons id",
                "ballot_paper_id",
                "constituency id",
            ],
            Role::ContestName => &[
                "contest_name",
                "constituency name",
                "post_label",
                "ward",
                "constituency",
            ],
            Role::Candidate => &["candidate", "person_name", "candidate name", "name"],
            Role::CandidateFirst => &["candidate first name"],
            Role::CandidateSurname => &["candidate surname"],
            Role::Party => &["party", "party abbreviation", "party_name", "party name"],
            Role::Votes => &["votes", "votes_cast", "num_ballots"],
            Role::Elected => &["elected", "is_winner"],
            Role::Country => &["country", "country name"],
            Role::Electorate => &["electorate"],
            Role::Valid => &["valid", "valid votes", "valid_votes"],
            Role::Rejected => &[
                "rejected",
                "invalid votes",
                "rejected ballots",
                "rejected_ballots",
                "spoilt_ballots",
            ],
            Role::Papers => &["papers", "ballot papers counted", "total_ballots"],
            Role::Seats => &["seats", "seats_contested", "winner_count"],
            Role::Office => &["office"],
            Role::Majority => &["majority"],
            Role::Winner => &["winner"],
            Role::WinnerFirst => &["member first name"],
            Role::WinnerSurname => &["member surname"],
        }
    }
}

/// Columns the Commons Library and Democracy Club publish that `results`
/// does not use (shares it recomputes, other registers' ids, descriptive
/// fields): known, and left out.
const KNOWN_UNUSED: &[&str] = &[
    "ons region id",
    "county name",
    "region name",
    "constituency type",
    "electoral commission party id",
    "mnis party id",
    "electoral commission adjunct party id",
    "candidate gender",
    "sitting mp",
    "former mp",
    "member mnis id",
    "share",
    "change",
    "democracy club person id",
    "declaration time",
    "member gender",
    "result",
    "first party",
    "second party",
    "con",
    "lab",
    "ld",
    "brx",
    "green",
    "snp",
    "pc",
    "dup",
    "sf",
    "sdlp",
    "uup",
    "apni",
    "all other candidates",
    "of which other winner",
    "election_id",
    "election_date",
    "person_id",
    "party_id",
    "post_id",
    "gss",
    "organisation_name",
    "cancelled_poll",
    "rank",
];

const RESULTS_ROLES: &[Role] = &[
    Role::Contest,
    Role::ContestName,
    Role::Candidate,
    Role::CandidateFirst,
    Role::CandidateSurname,
    Role::Party,
    Role::Votes,
    Role::Elected,
    Role::Country,
];

const CONTESTS_ROLES: &[Role] = &[
    Role::Contest,
    Role::ContestName,
    Role::Country,
    Role::Electorate,
    Role::Valid,
    Role::Rejected,
    Role::Papers,
    Role::Seats,
    Role::Office,
    Role::Majority,
    Role::Winner,
    Role::WinnerFirst,
    Role::WinnerSurname,
];

/// Header names given for roles (`--columns role=header,…`), and headers
/// to leave out (`ignore=header`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    mapped: Vec<(Role, String)>,
    ignored: Vec<String>,
}

impl ColumnMap {
    /// Parses `role=header,role=header,…` (`ignore=header` to leave a
    /// column out). `spec` names itself `--columns` in problems.
    ///
    /// # Errors
    ///
    /// A [`ResultsProblemKind::BadMapping`] for an unknown role, a pair
    /// without `=`, or a role given twice.
    pub fn parse(spec: &str) -> Result<ColumnMap, Box<ResultsProblem>> {
        let bad = |message: String| {
            Box::new(ResultsProblem::new(
                "--columns",
                ResultsProblemKind::BadMapping { message },
            ))
        };
        let mut map = ColumnMap::default();
        for pair in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let Some((role, header)) = pair.split_once('=') else {
                return Err(bad(format!("{pair:?} is not ROLE=HEADER")));
            };
            let (role, header) = (role.trim(), header.trim());
            if header.is_empty() {
                return Err(bad(format!("{role}= names no header")));
            }
            if role == "ignore" {
                map.ignored.push(header.to_owned());
                continue;
            }
            let Some(r) = Role::ALL.into_iter().find(|r| r.code() == role) else {
                return Err(bad(format!(
                    "unknown role {role:?} (roles: {}, ignore)",
                    Role::ALL.map(Role::code).join(", ")
                )));
            };
            if map.mapped.iter().any(|(m, _)| *m == r) {
                return Err(bad(format!("role {role} is given twice")));
            }
            map.mapped.push((r, header.to_owned()));
        }
        Ok(map)
    }

    fn header_for(&self, role: Role) -> Option<&str> {
        self.mapped
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, h)| h.as_str())
    }
}

fn norm(header: &str) -> String {
    header.trim().to_lowercase()
}

/// The columns of one file: role → index.
struct Columns {
    index: HashMap<Role, usize>,
    names: Vec<String>,
}

impl Columns {
    fn get<'a>(&self, role: Role, record: &'a csv::StringRecord) -> Option<&'a str> {
        self.index
            .get(&role)
            .and_then(|&i| record.get(i))
            .map(str::trim)
    }

    fn name(&self, role: Role) -> String {
        self.index
            .get(&role)
            .and_then(|&i| self.names.get(i))
            .cloned()
            .unwrap_or_else(|| role.code().to_owned())
    }
}

fn find_columns(
    file: &str,
    headers: &[String],
    roles: &[Role],
    map: &ColumnMap,
    problems: &mut Problems,
) -> Columns {
    let lowered: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let mut index = HashMap::new();
    let mut used = vec![false; headers.len()];
    for (i, h) in lowered.iter().enumerate() {
        if let Some(j) = lowered[..i].iter().position(|o| o == h) {
            problems.push(
                ResultsProblem::new(
                    file,
                    ResultsProblemKind::DuplicateColumn {
                        role: "same header",
                        first: headers[j].clone(),
                        second: headers[i].clone(),
                    },
                )
                .at(1),
            );
        }
    }
    for &role in roles {
        if let Some(header) = map.header_for(role) {
            match lowered.iter().position(|h| *h == norm(header)) {
                Some(i) => {
                    index.insert(role, i);
                    used[i] = true;
                    continue;
                }
                None if !matches!(role, Role::Contest | Role::ContestName | Role::Country) => {
                    problems.push(
                        ResultsProblem::new(
                            file,
                            ResultsProblemKind::BadMapping {
                                message: format!(
                                    "{}={header}: the file has no column {header:?}",
                                    role.code()
                                ),
                            },
                        )
                        .at(1),
                    );
                    continue;
                }
                None => {}
            }
        }
        for name in role.names() {
            if let Some(i) = lowered.iter().position(|h| h == name) {
                if !used[i] {
                    index.insert(role, i);
                    used[i] = true;
                    break;
                }
            }
        }
    }
    // Lower-preference names of a role already found (the Commons
    // Library's `Party name` beside `Party abbreviation`) are known.
    for (i, h) in lowered.iter().enumerate() {
        if used[i] {
            continue;
        }
        let known = KNOWN_UNUSED.contains(&h.as_str())
            || map.ignored.iter().any(|g| norm(g) == *h)
            || map.mapped.iter().any(|(_, m)| norm(m) == *h)
            || Role::ALL.iter().any(|r| r.names().contains(&h.as_str()));
        if !known {
            problems.push(
                ResultsProblem::new(
                    file,
                    ResultsProblemKind::UnknownColumn {
                        column: headers[i].clone(),
                    },
                )
                .at(1)
                .field(&headers[i])
                .value(&headers[i]),
            );
        }
    }
    Columns {
        index,
        names: headers.to_vec(),
    }
}

fn missing(file: &str, role: Role) -> ResultsProblem {
    ResultsProblem::new(
        file,
        ResultsProblemKind::MissingColumn {
            role: role.code(),
            names: role.names().join(", "),
        },
    )
    .at(1)
}

/// The rows of a CSV, as text, with their line numbers.
struct Table {
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

fn read_table(file: &str, bytes: &[u8], expected: &str, problems: &mut Problems) -> Option<Table> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        problems.push(ResultsProblem::new(
            file,
            ResultsProblemKind::Empty {
                expected: expected.to_owned(),
            },
        ));
        return None;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut start = 0u64;
    let mut lines = LineCounter::default();
    loop {
        let line = rdr.position().line();
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(
                    ResultsProblem::new(
                        file,
                        ResultsProblemKind::Malformed {
                            message: e.to_string(),
                        },
                    )
                    .at(line),
                );
                return None;
            }
        }
        let end = rdr.position().byte();
        // The record's first line, counted here (LF, CRLF and CR alike):
        // the CSV reader's own count lags behind on CRLF files.
        let record_start = record.position().map_or(start, csv::Position::byte);
        let line = lines.line_at(bytes, record_start).max(line.min(1));
        // The reader only moves forward, so `end` is never before `start`.
        if end.checked_sub(start).is_some_and(|n| n > MAX_LINE_BYTES) {
            problems.push(
                ResultsProblem::new(
                    file,
                    ResultsProblemKind::LineTooLong {
                        limit: MAX_LINE_BYTES,
                    },
                )
                .at(line),
            );
            return None;
        }
        start = end;
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) && record.len() <= 1 {
            continue;
        }
        // One UTF-8 check and two allocations a row (the record's buffer
        // and its bounds), not one a field.
        let fields = match csv::StringRecord::from_byte_record(record.clone()) {
            Ok(fields) => fields,
            Err(_) => {
                problems.push(ResultsProblem::new(file, ResultsProblemKind::NotUtf8).at(line));
                continue;
            }
        };
        match &headers {
            None => {
                headers = Some(
                    fields
                        .iter()
                        .map(|f| f.trim().to_owned())
                        .collect::<Vec<_>>(),
                )
            }
            Some(h) => {
                if fields.len() != h.len() {
                    problems.push(
                        ResultsProblem::new(
                            file,
                            ResultsProblemKind::FieldCount {
                                expected: h.len() as u64,
                                found: fields.len() as u64,
                            },
                        )
                        .at(line),
                    );
                    continue;
                }
                rows.push((line, fields));
            }
        }
    }
    let headers = headers?;
    if rows.is_empty() && problems.is_empty() {
        problems.push(ResultsProblem::new(file, ResultsProblemKind::HeaderOnly).at(1));
        return None;
    }
    Some(Table { headers, rows })
}

/// A candidate's name as compared for duplicates: lower case, runs of
/// white space as one space.
fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Counts line breaks up to a byte offset, moving forward only.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u64,
}

impl LineCounter {
    /// The 1-based line of the byte at `offset` (offsets must not go back).
    fn line_at(&mut self, bytes: &[u8], offset: u64) -> u64 {
        let mut target = usize::try_from(offset)
            .unwrap_or(bytes.len())
            .min(bytes.len());
        // A record's recorded start may be the LF of the CRLF before it.
        while matches!(bytes.get(target), Some(b'\n' | b'\r')) {
            target += 1;
        }
        let mut i = self.offset;
        while i < target {
            match bytes[i] {
                b'\n' => self.line += 1,
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            i += 1;
        }
        self.offset = self.offset.max(target);
        // Bounded by the input's length.
        self.line + 1
    }
}

/// A whole number of votes or papers: digits, optionally in groups of
/// three separated by commas (`59,390`).
fn whole_number(value: &str) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    if v.contains(',') {
        let mut groups = v.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
            return None;
        }
    }
    v.replace(',', "").parse().ok()
}

fn flag(value: &str) -> Option<Option<bool>> {
    match value.trim().to_lowercase().as_str() {
        "" => Some(None),
        "y" | "yes" | "true" | "1" | "elected" | "t" => Some(Some(true)),
        "n" | "no" | "false" | "0" | "f" | "not elected" => Some(Some(false)),
        _ => None,
    }
}

fn country_code(value: &str) -> Option<&'static str> {
    match norm(value).replace(' ', "_").as_str() {
        "england" => Some("england"),
        "wales" => Some("wales"),
        "scotland" => Some("scotland"),
        "northern_ireland" => Some("northern_ireland"),
        _ => None,
    }
}

/// The offices `results` checks: those elected by first past the post at
/// every poll date (the mayors and PCCs changed method by date, and are
/// left to the count log).
const OFFICES: &[&str] = &["uk_parliament", "principal_councillor", "parish_councillor"];

struct Cell<'a> {
    file: &'a str,
    line: u64,
    columns: &'a Columns,
    record: &'a csv::StringRecord,
}

impl Cell<'_> {
    fn text(&self, role: Role) -> Option<&str> {
        self.columns.get(role, self.record)
    }

    fn problem(&self, role: Role, kind: ResultsProblemKind) -> ResultsProblem {
        let p = ResultsProblem::new(self.file, kind)
            .at(self.line)
            .field(&self.columns.name(role));
        match self.text(role) {
            Some(v) => p.value(v),
            None => p,
        }
    }

    /// The country's code, if the row gives one (an unknown name is a
    /// problem).
    fn country(&self, problems: &mut Problems) -> Option<&'static str> {
        let v = self.text(Role::Country).filter(|v| !v.is_empty())?;
        let code = country_code(v);
        if code.is_none() {
            problems.push(self.problem(
                Role::Country,
                ResultsProblemKind::BadCountry {
                    value: v.to_owned(),
                },
            ));
        }
        code
    }

    fn number(&self, role: Role, problems: &mut Problems) -> Option<u64> {
        let v = self.text(role)?;
        if v.is_empty() {
            return None;
        }
        let n = whole_number(v);
        if n.is_none() {
            problems.push(self.problem(
                role,
                ResultsProblemKind::NotWholeNumber {
                    value: v.to_owned(),
                },
            ));
        }
        n
    }
}

/// Reads a results CSV: one row per candidate.
///
/// # Errors
///
/// Every problem found (up to the limit), each with the file, line and
/// column.
pub fn read_results(
    file: &str,
    bytes: &[u8],
    map: &ColumnMap,
) -> Result<PublishedResults, Vec<ResultsProblem>> {
    let mut problems = Problems::default();
    let Some(table) = read_table(
        file,
        bytes,
        "contest, candidate, party, votes",
        &mut problems,
    ) else {
        return Err(problems.finish(file));
    };
    let columns = find_columns(file, &table.headers, RESULTS_ROLES, map, &mut problems);
    let has = |r: Role| columns.index.contains_key(&r);
    for role in [Role::Contest, Role::Votes] {
        if !has(role) {
            problems.push(missing(file, role));
        }
    }
    if !(has(Role::Candidate) || has(Role::CandidateFirst) && has(Role::CandidateSurname)) {
        problems.push(missing(file, Role::Candidate));
    }
    if !problems.is_empty() {
        return Err(problems.finish(file));
    }
    let mut contests: Vec<PublishedContest> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    // (contest index, normalised name) → index of the candidate
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    for (line, record) in &table.rows {
        let cell = Cell {
            file,
            line: *line,
            columns: &columns,
            record,
        };
        let id = cell.text(Role::Contest).unwrap_or_default();
        if id.is_empty() {
            problems.push(cell.problem(Role::Contest, ResultsProblemKind::EmptyValue));
            continue;
        }
        let name = match cell.text(Role::Candidate) {
            Some(n) => n.to_owned(),
            None => format!(
                "{} {}",
                cell.text(Role::CandidateFirst).unwrap_or_default(),
                cell.text(Role::CandidateSurname).unwrap_or_default()
            )
            .trim()
            .to_owned(),
        };
        if name.is_empty() {
            let role = if has(Role::Candidate) {
                Role::Candidate
            } else {
                Role::CandidateSurname
            };
            problems.push(cell.problem(role, ResultsProblemKind::EmptyValue));
            continue;
        }
        let votes = match cell.text(Role::Votes) {
            Some("") | None => {
                problems.push(cell.problem(Role::Votes, ResultsProblemKind::EmptyValue));
                None
            }
            Some(_) => cell.number(Role::Votes, &mut problems),
        };
        let elected = match cell.text(Role::Elected) {
            Some(v) => match flag(v) {
                Some(f) => f,
                None => {
                    problems.push(cell.problem(
                        Role::Elected,
                        ResultsProblemKind::BadFlag {
                            value: v.to_owned(),
                        },
                    ));
                    None
                }
            },
            None => None,
        };
        let party = cell.text(Role::Party).unwrap_or_default().to_owned();
        let contest_name = cell.text(Role::ContestName).unwrap_or(id);
        let country = cell.country(&mut problems);
        let ci = match by_id.get(id) {
            Some(&ci) => {
                let c = &contests[ci];
                if c.name != contest_name {
                    problems.push(cell.problem(
                        Role::ContestName,
                        ResultsProblemKind::ContestNameDiffers {
                            contest: id.to_owned(),
                            first: c.name.clone(),
                            first_line: c.line,
                            second: contest_name.to_owned(),
                        },
                    ));
                }
                ci
            }
            None => {
                by_id.insert(id.to_owned(), contests.len());
                contests.push(PublishedContest {
                    id: id.to_owned(),
                    name: contest_name.to_owned(),
                    line: *line,
                    candidates: Vec::new(),
                    seats: 1,
                    office: "uk_parliament".into(),
                    country: country.unwrap_or("england").to_owned(),
                    electorate: None,
                    valid: None,
                    rejected: None,
                    papers: None,
                    majority: None,
                    winners: Vec::new(),
                    contests_line: None,
                });
                contests.len() - 1
            }
        };
        let key = (ci, name_key(&name));
        if let Some(&first) = seen.get(&key) {
            let earlier = &contests[ci].candidates[first];
            let kind = if earlier.party == party {
                ResultsProblemKind::CandidateTwice {
                    contest: id.to_owned(),
                    candidate: name.clone(),
                    first_line: earlier.line,
                }
            } else {
                ResultsProblemKind::PartyDiffers {
                    contest: id.to_owned(),
                    candidate: name.clone(),
                    first: earlier.party.clone(),
                    first_line: earlier.line,
                    second: party.clone(),
                }
            };
            let role = if matches!(kind, ResultsProblemKind::PartyDiffers { .. }) {
                Role::Party
            } else if has(Role::Candidate) {
                Role::Candidate
            } else {
                Role::CandidateSurname
            };
            problems.push(cell.problem(role, kind).contest(id));
            continue;
        }
        let Some(votes) = votes else { continue };
        seen.insert(key, contests[ci].candidates.len());
        contests[ci].candidates.push(PublishedCandidate {
            name,
            party,
            votes,
            elected,
            line: *line,
        });
    }
    if !problems.is_empty() {
        return Err(problems.finish(file));
    }
    Ok(PublishedResults {
        file: file.to_owned(),
        contests_file: None,
        contests,
    })
}

/// Reads a contests CSV (one row per contest) into `results`: seats,
/// office, country, electorate, valid votes, rejected papers, papers
/// counted, the published majority and the member returned.
///
/// # Errors
///
/// Every problem found, each with the file, line and column; a contest in
/// one file and not the other is one.
pub fn read_contests(
    file: &str,
    bytes: &[u8],
    map: &ColumnMap,
    results: &mut PublishedResults,
) -> Result<(), Vec<ResultsProblem>> {
    let mut problems = Problems::default();
    let Some(table) = read_table(
        file,
        bytes,
        "contest, and seats, electorate, valid or rejected",
        &mut problems,
    ) else {
        return Err(problems.finish(file));
    };
    let columns = find_columns(file, &table.headers, CONTESTS_ROLES, map, &mut problems);
    if !columns.index.contains_key(&Role::Contest) {
        problems.push(missing(file, Role::Contest));
    }
    if !problems.is_empty() {
        return Err(problems.finish(file));
    }
    let by_id: HashMap<String, usize> = results
        .contests
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let mut lines: HashMap<String, u64> = HashMap::new();
    for (line, record) in &table.rows {
        let cell = Cell {
            file,
            line: *line,
            columns: &columns,
            record,
        };
        let id = cell.text(Role::Contest).unwrap_or_default().to_owned();
        if id.is_empty() {
            problems.push(cell.problem(Role::Contest, ResultsProblemKind::EmptyValue));
            continue;
        }
        if let Some(&first_line) = lines.get(&id) {
            problems.push(cell.problem(
                Role::Contest,
                ResultsProblemKind::ContestTwice {
                    contest: id.clone(),
                    first_line,
                },
            ));
            continue;
        }
        lines.insert(id.clone(), *line);
        let Some(&ci) = by_id.get(&id) else {
            problems.push(
                cell.problem(
                    Role::Contest,
                    ResultsProblemKind::NoResults {
                        contest: id.clone(),
                    },
                )
                .contest(&id),
            );
            continue;
        };
        let electorate = cell.number(Role::Electorate, &mut problems);
        let valid = cell.number(Role::Valid, &mut problems);
        let rejected = cell.number(Role::Rejected, &mut problems);
        let papers = cell.number(Role::Papers, &mut problems);
        let majority = cell.number(Role::Majority, &mut problems);
        let seats = match cell.text(Role::Seats) {
            Some(v) if !v.is_empty() => match whole_number(v).and_then(|n| u32::try_from(n).ok()) {
                Some(n) if n >= 1 => Some(n),
                _ => {
                    problems.push(cell.problem(
                        Role::Seats,
                        ResultsProblemKind::BadSeats {
                            value: v.to_owned(),
                        },
                    ));
                    None
                }
            },
            _ => None,
        };
        let office = match cell.text(Role::Office) {
            Some(v) if !v.is_empty() => {
                if OFFICES.contains(&v) {
                    Some(v.to_owned())
                } else {
                    problems.push(cell.problem(
                        Role::Office,
                        ResultsProblemKind::UnsupportedOffice {
                            value: v.to_owned(),
                        },
                    ));
                    None
                }
            }
            _ => None,
        };
        let country = cell.country(&mut problems);
        let mut winners = Vec::new();
        match cell.text(Role::Winner) {
            Some(w) if !w.is_empty() => {
                winners.extend(
                    w.split(';')
                        .map(|n| n.trim().to_owned())
                        .filter(|n| !n.is_empty()),
                );
            }
            _ => {
                let first = cell.text(Role::WinnerFirst).unwrap_or_default();
                let surname = cell.text(Role::WinnerSurname).unwrap_or_default();
                let whole = format!("{first} {surname}").trim().to_owned();
                if !whole.is_empty() {
                    winners.push(whole);
                }
            }
        }
        let c = &mut results.contests[ci];
        c.contests_line = Some(*line);
        c.electorate = electorate.or(c.electorate);
        c.valid = valid.or(c.valid);
        c.rejected = rejected.or(c.rejected);
        c.papers = papers.or(c.papers);
        c.majority = majority.or(c.majority);
        if let Some(s) = seats {
            c.seats = s;
        }
        if let Some(o) = office {
            c.office = o;
        }
        if let Some(k) = country {
            c.country = k.to_owned();
        }
        c.winners = winners;
    }
    for c in &results.contests {
        if !lines.contains_key(&c.id) {
            problems.push(
                ResultsProblem::new(
                    &results.file,
                    ResultsProblemKind::NotInContests {
                        contest: c.id.clone(),
                    },
                )
                .at(c.line)
                .contest(&c.id),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems.finish(file));
    }
    results.contests_file = Some(file.to_owned());
    Ok(())
}

/// The report as text: problems first (the headline ones leading), then
/// each contest, then the summary by party.
#[must_use]
pub fn report_text(report: &ResultsReport, source_sha256: &str) -> Vec<u8> {
    use countroom_arith::{thousands, thousands_signed};
    use std::fmt::Write as _;
    let mut out = String::new();
    let candidates: usize = report.contests.iter().map(|c| c.candidates.len()).sum();
    let _ = writeln!(out, "PUBLISHED RESULTS CHECKED");
    let _ = writeln!(out, "Source: {} (SHA-256 {source_sha256})", report.file);
    let _ = writeln!(
        out,
        "{} contests, {} candidates, {} seats; checked by countroom {}",
        thousands(report.contests.len() as u64),
        thousands(candidates as u64),
        thousands(report.seats),
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out);
    if report.problems.is_empty() {
        let _ = writeln!(out, "No problems found.");
    } else {
        let _ = writeln!(out, "PROBLEMS ({})", report.problems.len());
        for p in &report.problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    for c in &report.contests {
        let _ = writeln!(out);
        let seats = if c.seats == 1 {
            "1 seat".to_owned()
        } else {
            format!("{} seats", c.seats)
        };
        let _ = writeln!(out, "{} {} ({seats})", c.id, c.name);
        let width = c
            .candidates
            .iter()
            .map(|x| x.name.chars().count())
            .max()
            .unwrap_or(0);
        let pwidth = c
            .candidates
            .iter()
            .map(|x| x.party.chars().count())
            .max()
            .unwrap_or(0);
        for x in &c.candidates {
            let share = x.share.map(|s| format!("{s}%")).unwrap_or_default();
            let mut marks: Vec<&str> = Vec::new();
            if x.elected_by_rules {
                marks.push("elected");
            }
            if x.tied {
                marks.push("equality of votes: a lot decides");
            }
            match x.elected_as_published {
                Some(true) if x.tied => marks.push("published as elected (by lot)"),
                Some(true) if !x.elected_by_rules => marks.push("PUBLISHED AS ELECTED"),
                Some(false) if x.elected_by_rules => marks.push("NOT PUBLISHED AS ELECTED"),
                _ => {}
            }
            let mark = marks.join("; ");
            let line = format!(
                "  {:<width$}  {:<pwidth$}  {:>11}  {:>7}  {}",
                x.name,
                x.party,
                thousands(x.votes),
                share,
                mark
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        let mut figures = vec![format!("valid votes {}", thousands(c.votes))];
        if let Some(r) = c.rejected {
            figures.push(format!(
                "rejected ballot papers (breakdown not given) {}",
                thousands(r)
            ));
        }
        if let Some(p) = c.papers {
            figures.push(format!("ballot papers counted {}", thousands(p)));
        }
        if let Some(e) = c.electorate {
            figures.push(format!("electorate {}", thousands(e)));
        }
        match c.majority {
            Some(m) => figures.push(format!("majority {}", thousands(m))),
            None => figures.push("majority: none (equality of votes)".into()),
        }
        let _ = writeln!(out, "  {}", figures.join("; "));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "SUMMARY BY PARTY (shares of {} valid votes, each rounded half up to 2 places{})",
        thousands(report.votes),
        if report.previous_votes.is_some() {
            "; change: the difference of the shares as shown"
        } else {
            ""
        }
    );
    let pwidth = report
        .parties
        .iter()
        .map(|p| p.party.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let previous = report.previous_votes.is_some();
    let mut head = format!(
        "  {:<pwidth$}  {:>10}  {:>5}  {:>11}  {:>6}",
        "Party", "Candidates", "Seats", "Votes", "Share"
    );
    if previous {
        head.push_str(&format!("  {:>9}  {:>9}", "Seats +/-", "Share +/-"));
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for p in &report.parties {
        let mut line = format!(
            "  {:<pwidth$}  {:>10}  {:>5}  {:>11}  {:>6}",
            if p.party.is_empty() {
                "(none)"
            } else {
                &p.party
            },
            thousands(p.candidates),
            thousands(p.seats),
            thousands(p.votes),
            p.share.map(|s| s.to_string()).unwrap_or_default()
        );
        if previous {
            line.push_str(&format!(
                "  {:>9}  {:>9}",
                p.seat_change.map(thousands_signed).unwrap_or_default(),
                p.share_change_hundredths.map(points).unwrap_or_default()
            ));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(
        out,
        "  {:<pwidth$}  {:>10}  {:>5}  {:>11}",
        "Total",
        thousands(candidates as u64),
        thousands(report.seats),
        thousands(report.votes)
    );
    if report.seats_undecided > 0 {
        let _ = writeln!(
            out,
            "  {} seat(s) left to a lot the file does not record (counted for no party)",
            thousands(report.seats_undecided)
        );
    }
    out.into_bytes()
}

/// Hundredths of a point as a signed figure with two places: `+1.23`,
/// `-0.05`, `0.00`.
fn points(hundredths: i64) -> String {
    let sign = match hundredths {
        h if h > 0 => "+",
        h if h < 0 => "-",
        _ => "",
    };
    let a = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

#[derive(Serialize)]
struct JsonReport<'a> {
    document: &'static str,
    countroom: &'static str,
    source: &'a str,
    source_sha256: &'a str,
    rounding: &'static str,
    #[serde(flatten)]
    report: &'a ResultsReport,
}

/// The report as JSON (serde): every contest, problem (with its code) and
/// party line; shares are strings with two places.
///
/// # Errors
///
/// The serialiser's message, if the report cannot be written.
pub fn report_json(report: &ResultsReport, source_sha256: &str) -> Result<Vec<u8>, String> {
    let doc = JsonReport {
        document: "published_results_checked",
        countroom: env!("CARGO_PKG_VERSION"),
        source: &report.file,
        source_sha256,
        rounding: "shares half up to 2 places; a change is the difference of the shares as shown",
        report,
    };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

/// The report as one CSV table (the csv crate): a `section` column says
/// whether a row is a candidate, a contest, a party or a problem.
///
/// # Errors
///
/// The CSV writer's message, if the report cannot be written.
pub fn report_csv(report: &ResultsReport) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |x: csv::Error| x.to_string();
    w.write_record([
        "section",
        "contest",
        "contest_name",
        "name",
        "party",
        "votes",
        "share",
        "seats",
        "elected_by_rules",
        "elected_as_published",
        "change",
        "code",
        "line",
        "field",
        "message",
    ])
    .map_err(e)?;
    let opt = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    let flag = |v: Option<bool>| {
        v.map(|b| if b { "Y" } else { "N" })
            .unwrap_or_default()
            .to_owned()
    };
    for p in &report.problems {
        w.write_record([
            "problem",
            p.contest.as_deref().unwrap_or_default(),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            p.code,
            &opt(p.line),
            p.field.as_deref().unwrap_or_default(),
            &p.kind.to_string(),
        ])
        .map_err(e)?;
    }
    for c in &report.contests {
        w.write_record([
            "contest",
            &c.id,
            &c.name,
            "",
            "",
            &c.votes.to_string(),
            "",
            &c.seats.to_string(),
            "",
            &flag(c.published_winners_agree),
            "",
            "",
            "",
            "",
            &c.majority
                .map(|m| format!("majority {m}"))
                .unwrap_or_default(),
        ])
        .map_err(e)?;
        for x in &c.candidates {
            w.write_record([
                "candidate",
                &c.id,
                &c.name,
                &x.name,
                &x.party,
                &x.votes.to_string(),
                &x.share.map(|s| s.to_string()).unwrap_or_default(),
                "",
                if x.elected_by_rules {
                    "Y"
                } else if x.tied {
                    "lot"
                } else {
                    "N"
                },
                &flag(x.elected_as_published),
                "",
                "",
                "",
                "",
                "",
            ])
            .map_err(e)?;
        }
    }
    for p in &report.parties {
        w.write_record([
            "party",
            "",
            "",
            "",
            &p.party,
            &p.votes.to_string(),
            &p.share.map(|s| s.to_string()).unwrap_or_default(),
            &p.seats.to_string(),
            "",
            "",
            &p.share_change_hundredths.map(points).unwrap_or_default(),
            "",
            "",
            "",
            &p.seat_change
                .map(|s| format!("seats {s:+}"))
                .unwrap_or_default(),
        ])
        .map_err(e)?;
    }
    w.into_inner().map_err(|x| x.to_string())
}

/// What [`implied_log`] needs beyond the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogOptions {
    /// The election's identifier.
    pub election: String,
    /// Its name.
    pub name: String,
    /// The poll date, `YYYY-MM-DD`.
    pub poll_date: String,
    /// Who the entries are recorded by.
    pub by: String,
}

/// The version 2 count log the published figures imply: the election,
/// each contest (candidates `C1`, `C2`, … in the file's order, the party as
/// the description; seats with no term end, so only for offices without a
/// fixed term), one bundle of each contest's votes, its rejected papers as
/// one total (`breakdown_not_given`), the count completed and, unless an
/// equality of votes leaves a lot to be drawn, the result declared. Each
/// entry's `reason` names the line it was taken from.
///
/// # Errors
///
/// A problem for each contest that cannot be written: no electorate
/// published, an office with a fixed term, or an identifier the log does
/// not accept.
pub fn implied_log(
    results: &PublishedResults,
    options: &LogOptions,
) -> Result<Vec<u8>, Vec<ResultsProblem>> {
    let mut problems = Problems::default();
    let header = countroom_count::new_log_header(&options.election);
    let mut out = Vec::new();
    let mut appender = log::Appender::start(&header, &mut out);
    let mut push = |out: &mut Vec<u8>, reason: String, event: log::Event| {
        appender.append(out, options.by.clone(), None, Some(reason), event);
    };
    push(
        &mut out,
        format!("the poll of the results in {}", results.file),
        log::Event::ElectionDefined(log::ElectionDefined {
            election: options.election.clone(),
            name: options.name.clone(),
            poll_date: options.poll_date.clone(),
        }),
    );
    for c in &results.contests {
        let file = results.contests_file.as_deref().unwrap_or(&results.file);
        let line = c.contests_line.unwrap_or(c.line);
        if countroom_model::ContestId::new(&c.id).is_err() {
            problems.push(
                ResultsProblem::new(
                    &results.file,
                    ResultsProblemKind::BadMapping {
                        message: format!(
                            "contest id {:?} cannot be a count log id (letters, digits, - _ . : / only)",
                            c.id
                        ),
                    },
                )
                .at(c.line)
                .contest(&c.id),
            );
            continue;
        }
        if c.office != "uk_parliament" {
            problems.push(
                ResultsProblem::new(
                    file,
                    ResultsProblemKind::BadMapping {
                        message: format!(
                            "contest {}: --log writes contests whose seats have no fixed term (uk_parliament); a {} has a term end the results do not give",
                            c.id, c.office
                        ),
                    },
                )
                .at(line)
                .contest(&c.id),
            );
            continue;
        }
        let Some(electorate) = c.electorate else {
            problems.push(
                ResultsProblem::new(
                    file,
                    ResultsProblemKind::BadMapping {
                        message: format!(
                            "contest {}: --log needs the electorate (a contests file with an electorate column)",
                            c.id
                        ),
                    },
                )
                .at(line)
                .contest(&c.id),
            );
            continue;
        };
        let ids: Vec<String> = (1..=c.candidates.len()).map(|i| format!("C{i}")).collect();
        push(
            &mut out,
            format!("{file} line {line}"),
            log::Event::ContestDefined(log::ContestDefined {
                contest: c.id.clone(),
                election: options.election.clone(),
                title: "Election of a Member of Parliament".into(),
                area: c.name.clone(),
                office: c.office.clone(),
                authority: None,
                voting_system: None,
                country: c.country.clone(),
                electorate,
                vacancies: (0..c.seats)
                    .map(|_| log::VacancyDef {
                        kind: "ordinary".into(),
                        term_ends: None,
                    })
                    .collect(),
                candidates: c
                    .candidates
                    .iter()
                    .zip(&ids)
                    .map(|(x, id)| log::CandidateDef {
                        id: id.clone(),
                        name: x.name.clone(),
                        description: (!x.party.is_empty()).then(|| x.party.clone()),
                        withdrawn: false,
                    })
                    .collect(),
                ruleset: None,
                counting_areas: Vec::new(),
                ballot_paper_id: None,
            }),
        );
        let lines: Vec<String> = c.candidates.iter().map(|x| x.line.to_string()).collect();
        push(
            &mut out,
            format!("{} lines {}", results.file, lines.join(", ")),
            log::Event::BundleCounted(log::BundleCounted {
                contest: c.id.clone(),
                run: 1,
                bundle: "published".into(),
                table: None,
                ballot_box: None,
                papers: None,
                votes: c
                    .candidates
                    .iter()
                    .zip(&ids)
                    .map(|(x, id)| log::CandidateVotes {
                        candidate: id.clone(),
                        votes: x.votes,
                    })
                    .collect(),
            }),
        );
        if let Some(rejected) = c.rejected.filter(|&r| r > 0) {
            push(
                &mut out,
                format!("{file} line {line}: rejected papers published as one total"),
                log::Event::RejectedCounted(log::RejectedCounted {
                    contest: c.id.clone(),
                    run: 1,
                    head: countroom_rules::RejectionHead::BreakdownNotGiven
                        .code()
                        .into(),
                    papers: rejected,
                }),
            );
        }
        push(
            &mut out,
            "the published result".into(),
            log::Event::CountCompleted(log::CountCompleted {
                contest: c.id.clone(),
                run: 1,
            }),
        );
        let votes: Vec<u64> = c.candidates.iter().map(|x| x.votes).collect();
        let seats = usize::try_from(c.seats).unwrap_or(usize::MAX);
        if countroom_tally::fptp(&votes, seats).boundary_tie.is_none() {
            push(
                &mut out,
                "the published result".into(),
                log::Event::ResultDeclared(log::ResultDeclared {
                    contest: c.id.clone(),
                    run: 1,
                }),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems.finish(&results.file));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "contest,contest_name,candidate,party,votes\nw1,West,\"SMITH, Ann\",Red,\"1,204\"\nw1,West,\"JONES, Bo\",Blue,980\n";

    fn read(bytes: &[u8]) -> Result<PublishedResults, Vec<ResultsProblem>> {
        read_results("r.csv", bytes, &ColumnMap::default())
    }

    fn one_problem(bytes: &[u8]) -> ResultsProblem {
        let problems = read(bytes).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().unwrap()
    }

    /// Quoted fields with commas, thousands separators, and each line
    /// ending (LF, CRLF, CR only), with or without a byte-order mark, read
    /// to the same figures.
    #[test]
    fn every_line_ending_and_a_byte_order_mark_read_the_same() {
        let lf = read(GOOD.as_bytes()).unwrap();
        assert_eq!(lf.contests.len(), 1);
        let c = &lf.contests[0];
        assert_eq!(c.name, "West");
        assert_eq!(c.candidates[0].name, "SMITH, Ann");
        assert_eq!(c.candidates[0].votes, 1_204);
        assert_eq!(c.candidates[1].line, 3);
        for variant in [
            GOOD.replace('\n', "\r\n"),
            GOOD.replace('\n', "\r"),
            format!("\u{feff}{GOOD}"),
            format!("\u{feff}{}", GOOD.replace('\n', "\r")),
        ] {
            let r = read(variant.as_bytes()).unwrap();
            assert_eq!(r.contests, lf.contests, "{variant:?}");
        }
    }

    /// Each bad input of issue 16, with the line and column it names.
    #[test]
    fn bad_inputs_are_named_by_line_and_column() {
        let table: [(&str, &str, Option<u64>, Option<&str>); 8] = [
            ("", "empty_file", None, None),
            ("\u{feff}", "empty_file", None, None),
            (
                "contest,candidate,party,votes\n",
                "header_only",
                Some(1),
                None,
            ),
            (
                "contest,candidate,party,votes\nw,A,P,12.5\n",
                "not_whole_number",
                Some(2),
                Some("votes"),
            ),
            (
                "contest,candidate,party,votes\nw,A,P,1\nw,A,P,2\n",
                "candidate_twice",
                Some(3),
                Some("candidate"),
            ),
            (
                "contest,candidate,party,votes\nw,A,P,1\nw,A,Q,1\n",
                "party_differs",
                Some(3),
                Some("party"),
            ),
            (
                "contest,candidate,party,votes,notes\nw,A,P,1,x\n",
                "unknown_column",
                Some(1),
                Some("notes"),
            ),
            (
                "contest,candidate,party,votes\nw,A,P,-3\n",
                "not_whole_number",
                Some(2),
                Some("votes"),
            ),
        ];
        for (input, code, line, field) in table {
            let p = one_problem(input.as_bytes());
            assert_eq!(
                (p.code, p.line, p.field.as_deref()),
                (code, line, field),
                "{input:?}: {p}"
            );
            assert!(p.to_string().starts_with("r.csv"), "{p}");
        }
    }

    #[test]
    fn a_ten_megabyte_line_is_refused_by_line() {
        let mut input = b"contest,candidate,party,votes\nw,A,P,1\nw,".to_vec();
        input.extend(std::iter::repeat_n(b'x', 10 << 20));
        input.extend(b",P,1\n");
        let p = one_problem(&input);
        assert_eq!((p.code, p.line), ("line_too_long", Some(3)));
    }

    /// Thousands separators only in groups of three.
    #[test]
    fn whole_numbers() {
        for (text, n) in [
            ("0", Some(0)),
            ("59,390", Some(59_390)),
            ("1,234,567", Some(1_234_567)),
            ("12,34", None),
            (",123", None),
            ("1.0", None),
            ("", None),
            ("1e3", None),
            ("1234,567", None),
        ] {
            assert_eq!(whole_number(text), n, "{text:?}");
        }
    }

    /// A layout named by `--columns`, with a column left out.
    #[test]
    fn columns_are_mapped_and_ignored_by_name() {
        let map = ColumnMap::parse("contest=Ward,candidate=Who,votes=Count,ignore=Notes").unwrap();
        let r = read_results("r.csv", b"Ward,Who,Count,Notes\nw,A,3,hi\n", &map).unwrap();
        assert_eq!(r.contests[0].candidates[0].votes, 3);
        assert_eq!(
            ColumnMap::parse("who=x").unwrap_err().code,
            "bad_column_mapping"
        );
    }

    /// The contests file gives seats, valid, rejected and the member
    /// returned; a contest in one file and not the other is a problem.
    #[test]
    fn the_contests_file_adds_figures_and_must_match() {
        let mut r = read(GOOD.as_bytes()).unwrap();
        read_contests(
            "c.csv",
            b"contest,electorate,valid votes,invalid votes,seats\nw1,\"3,000\",2184,12,1\n",
            &ColumnMap::default(),
            &mut r,
        )
        .unwrap();
        let c = &r.contests[0];
        assert_eq!(
            (c.electorate, c.valid, c.rejected, c.seats, c.contests_line),
            (Some(3_000), Some(2_184), Some(12), 1, Some(2))
        );
        let mut r = read(GOOD.as_bytes()).unwrap();
        let problems = read_contests(
            "c.csv",
            b"contest,seats\nw2,1\n",
            &ColumnMap::default(),
            &mut r,
        )
        .unwrap_err();
        let got: Vec<&str> = problems.iter().map(|p| p.code).collect();
        assert_eq!(got, ["no_results", "not_in_contests"]);
    }

    /// The log the figures imply replays: the rejected total under
    /// `breakdown_not_given`, the seat with no term end, the result
    /// declared.
    #[test]
    fn the_implied_log_replays_to_the_same_winner() {
        let mut r = read(GOOD.as_bytes()).unwrap();
        read_contests(
            "c.csv",
            b"contest,electorate,invalid votes\nw1,3000,12\n",
            &ColumnMap::default(),
            &mut r,
        )
        .unwrap();
        let options = LogOptions {
            election: "ge".into(),
            name: "General election".into(),
            poll_date: "2029-05-03".into(),
            by: "countroom-results".into(),
        };
        let bytes = implied_log(&r, &options).unwrap();
        let log = countroom_log::read(&bytes).unwrap();
        let (state, problems) = countroom_count::replay_log(&log);
        assert!(problems.is_empty(), "{problems:?}");
        let report = countroom_count::report(&state);
        let c = &report.contests[0];
        assert_eq!(c.elected[0].name, "SMITH, Ann");
        assert!(c.elected[0].no_fixed_term && c.elected[0].term_ends.is_none());
        assert_eq!(c.majority, Some(224));
        let rejected = c.rejected.as_ref().unwrap();
        assert_eq!(rejected.total, 12);
        let last = rejected.heads.last().unwrap();
        assert_eq!(
            (last.code, last.label, last.papers),
            (
                "breakdown_not_given",
                "rejected ballot papers (breakdown not given)",
                12
            )
        );
        // Without an electorate the log cannot be written.
        let bare = read(GOOD.as_bytes()).unwrap();
        assert_eq!(
            implied_log(&bare, &options).unwrap_err()[0].code,
            "bad_column_mapping"
        );
    }
}
