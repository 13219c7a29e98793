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
    Problems, PublishedCandidate, PublishedContest, PublishedHead, PublishedMethod,
    PublishedResults, ResultsProblem, ResultsProblemKind, ResultsReport,
};
use countroom_log as log;
use countroom_model::{Country, Date, Office};
use countroom_rules::{CountingMethod, RejectionHead};
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
    /// Supplementary vote: second preferences added at the second count
    /// (results file; `votes` is then the first preferences).
    Second,
    /// A mayor's kind of authority (contests file).
    Authority,
    /// The ruleset's code (contests file).
    Ruleset,
    /// The day the seats' term ends, `YYYY-MM-DD` (contests file).
    TermEnds,
}

impl Role {
    /// Every role, for `--columns`.
    pub const ALL: [Role; 23] = [
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
        Role::Second,
        Role::Authority,
        Role::Ruleset,
        Role::TermEnds,
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
            Role::Second => "second",
            Role::Authority => "authority",
            Role::Ruleset => "ruleset",
            Role::TermEnds => "term_ends",
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
            Role::Votes => &["votes", "votes_cast", "num_ballots", "ballots_cast"],
            Role::Elected => &["elected", "is_winner"],
            Role::Country => &["country", "country name"],
            Role::Electorate => &["electorate", "total_electorate"],
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
            Role::Second => &[
                "second",
                "second_round",
                "second round",
                "second preferences",
                "second_preferences",
            ],
            Role::Authority => &["authority"],
            Role::Ruleset => &["ruleset"],
            Role::TermEnds => &["term_ends", "term ends", "term_end"],
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
    // Democracy Club's candidates CSV export
    // (DemocracyClub/yournextrepresentative,
    // ynr/apps/data_exports/csv_fields.py): its other columns.
    "election_current",
    "honorific_prefix",
    "honorific_suffix",
    "by_election",
    "by_election_reason",
    "party_description_text",
    "sopn_last_name",
    "sopn_first_names",
    "legacy_party_id",
    "party_list_position",
    "party_lists_in_use",
    "candidates_locked",
    "nuts1",
    "previous_party_affiliations",
    "tied_vote_winner",
    "turnout_reported",
    "turnout_percentage",
    "results_source",
    "email",
    "facebook_page_url",
    "facebook_personal_url",
    "homepage_url",
    "blog_url",
    "linkedin_url",
    "party_ppc_page_url",
    "twitter_username",
    "wikipedia_url",
    "wikidata_id",
    "youtube_profile",
    "instagram_url",
    "mnis_id",
    "twfy_id",
    "gender",
    "birth_date",
    "death_date",
    "favourite_biscuit",
    "statement_to_voters",
    "statement_last_updated",
    "person_last_updated",
    "image",
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
    Role::Second,
    Role::Seats,
    Role::Electorate,
    Role::Rejected,
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
    Role::Authority,
    Role::Ruleset,
    Role::TermEnds,
];

/// Header names given for roles (`--columns role=header,…`), and headers
/// to leave out (`ignore=header`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
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
    /// Columns of rejected papers by head (contests file): index, head.
    heads: Vec<(usize, RejectionHead)>,
}

/// The head a contests-file column gives rejected papers under: named by
/// its code (`no_official_mark`) or by the statutory wording of any
/// ruleset's head ("want of an official mark"), ignoring case.
fn head_for_header(header: &str) -> Option<RejectionHead> {
    let h = norm(header);
    RejectionHead::ALL
        .into_iter()
        .find(|x| x.code() == h)
        .or_else(|| {
            countroom_rules::ALL
                .iter()
                .flat_map(|r| r.heads.iter())
                .find(|spec| norm(spec.label) == h)
                .map(|spec| spec.head)
        })
        .or_else(|| {
            (h == norm(RejectionHead::BREAKDOWN_NOT_GIVEN_LABEL))
                .then_some(RejectionHead::BreakdownNotGiven)
        })
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
    with_heads: bool,
    problems: &mut Problems,
) -> Columns {
    let mut heads: Vec<(usize, RejectionHead)> = Vec::new();
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
        if with_heads && !map.ignored.iter().any(|g| norm(g) == *h) {
            if let Some(head) = head_for_header(h) {
                if let Some(&(j, _)) = heads.iter().find(|(_, x)| *x == head) {
                    problems.push(
                        ResultsProblem::new(
                            file,
                            ResultsProblemKind::DuplicateColumn {
                                role: head.code(),
                                first: headers[j].clone(),
                                second: headers[i].clone(),
                            },
                        )
                        .at(1)
                        .field(&headers[i]),
                    );
                } else {
                    heads.push((i, head));
                }
                continue;
            }
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
        heads,
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
    let mut lines = countroom_model::LineCounter::new(bytes);
    loop {
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
                    .at(lines.line_at(e.position().map(csv::Position::byte))),
                );
                return None;
            }
        }
        let end = rdr.position().byte();
        // The record's first line, counted here (LF, CRLF and CR alike):
        // the CSV reader's own count lags behind on CRLF files.
        let record_start = record.position().map_or(start, csv::Position::byte);
        let line = lines.line_at(Some(record_start));
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
    let Some(headers) = headers else {
        // Bytes that are not blank but hold no field (a lone `"`, `""`,
        // quoted blanks): no header row, so nothing to read. Found by the
        // `published_results_csv` fuzz target, which gave `"` and got no
        // problem at all.
        if problems.is_empty() {
            problems.push(ResultsProblem::new(
                file,
                ResultsProblemKind::Empty {
                    expected: expected.to_owned(),
                },
            ));
        }
        return None;
    };
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

/// The name an implied log gives its election: `Published results
/// (results.csv)`, the results file by its name only ([`implied_log`]'s
/// entries name their files the same way), so that the log's bytes do not
/// depend on where the files were.
#[must_use]
pub fn election_name(results_file: &str) -> String {
    format!("Published results ({})", file_name(results_file))
}

/// The last component of a file's path as given (`results.csv` for
/// `/data/2024/results.csv`): what a log written from the file records, so
/// that its bytes do not depend on where the file was.
fn file_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// Why `value` is not a whole number of votes or papers, as a problem:
/// too large for 64 bits, or not a whole number of 0 or more.
fn not_whole(value: &str, why: crate::NotWhole) -> ResultsProblemKind {
    match why {
        crate::NotWhole::TooLarge => ResultsProblemKind::NumberTooLarge {
            value: value.to_owned(),
        },
        _ => ResultsProblemKind::NotWholeNumber {
            value: value.to_owned(),
        },
    }
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

/// An office for messages: its code, and a mayor's kind of authority.
fn describe(office: Office) -> String {
    match office.mayor_kind() {
        Some(kind) => format!("mayor ({})", kind.code()),
        None => office.code().to_owned(),
    }
}

/// Parses `YYYY-MM-DD`.
fn parse_date(value: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(value, &format).ok()
}

const STV_REFUSED: &str = "counted by the single transferable vote: `countroom results` does not check STV polls; check a published stage sheet with `countroom stv check-sheet`";

/// The ruleset of a published contest and so how its votes were counted:
///
/// - a `ruleset` column names it by code (`countroom_rules::by_code`);
/// - else, with the poll date, `countroom_rules::select` chooses it from
///   the country, office (a mayor with its kind of authority) and date;
/// - else a Member of Parliament, and an English or Welsh councillor, are
///   counted by first past the post at every date countroom knows; a
///   councillor in Scotland or Northern Ireland is elected by the single
///   transferable vote; a mayor and a police and crime commissioner
///   changed method with the date (the supplementary vote, first past the
///   post from 2023), so one of the two must be given.
///
/// `Ok(None)`: first past the post without a ruleset named. The contest's
/// `method` is set; a referendum and an STV poll are refused by name.
///
/// # Errors
///
/// The column and the problem: an unknown office, kind of authority or
/// ruleset code, no ruleset for the poll, a refused method.
pub fn settle_rules(
    contest: &mut PublishedContest,
    code: Option<&str>,
    poll_date: Option<Date>,
) -> Result<Option<&'static countroom_rules::Ruleset>, (Role, ResultsProblemKind)> {
    let office = Office::parse(&contest.office, contest.authority.as_deref()).map_err(|e| {
        // An office of a list system is refused by name, with its
        // rulesets cited (`countroom_rules::lists`).
        if let Some(reason) = countroom_rules::lists::refusal_for_office_code(&contest.office) {
            return (
                Role::Office,
                ResultsProblemKind::UnsupportedOffice {
                    value: contest.office.clone(),
                    reason,
                },
            );
        }
        (
            Role::Office,
            ResultsProblemKind::BadRuleset {
                value: contest.office.clone(),
                reason: e.to_string(),
            },
        )
    })?;
    if office.is_question() {
        return Err((
            Role::Office,
            ResultsProblemKind::UnsupportedOffice {
                value: contest.office.clone(),
                reason: "a referendum's answers are collated from its counting areas' results with `countroom collate`".into(),
            },
        ));
    }
    let country = Country::ALL
        .into_iter()
        .find(|k| k.code() == contest.country)
        .unwrap_or(Country::England);
    let rules = match (code, poll_date) {
        (Some(code), _) => Some(countroom_rules::by_code(code).ok_or_else(|| {
            (
                Role::Ruleset,
                ResultsProblemKind::BadRuleset {
                    value: code.to_owned(),
                    reason: format!(
                        "no such ruleset (the codes: {})",
                        countroom_rules::ALL
                            .iter()
                            .map(|r| r.code)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                },
            )
        })?),
        (None, Some(date)) => {
            let id = countroom_rules::select(country, office, date).map_err(|e| {
                (
                    Role::Office,
                    ResultsProblemKind::BadRuleset {
                        value: contest.office.clone(),
                        reason: e.to_string(),
                    },
                )
            })?;
            Some(countroom_rules::ruleset(id))
        }
        (None, None) => match office {
            Office::UkParliament => None,
            Office::PrincipalCouncillor | Office::ParishCouncillor
                if matches!(country, Country::Scotland | Country::NorthernIreland) =>
            {
                return Err((
                    Role::Office,
                    ResultsProblemKind::UnsupportedOffice {
                        value: contest.office.clone(),
                        reason: format!(
                            "a councillor in {} is {STV_REFUSED}",
                            if country == Country::Scotland {
                                "Scotland"
                            } else {
                                "Northern Ireland"
                            }
                        ),
                    },
                ));
            }
            Office::PrincipalCouncillor | Office::ParishCouncillor => None,
            _ => {
                return Err((
                    Role::Office,
                    ResultsProblemKind::BadRuleset {
                        value: contest.office.clone(),
                        reason: "a mayor's or police and crime commissioner's counting method depends on the poll date (the supplementary vote, first past the post from 2023): give --date or a ruleset column".into(),
                    },
                ));
            }
        },
    };
    if let Some(r) = rules.filter(|r| r.scope.office != office) {
        return Err((
            Role::Ruleset,
            ResultsProblemKind::BadRuleset {
                value: r.code.to_owned(),
                reason: format!(
                    "the ruleset governs the polls of a {}, not of a {}",
                    describe(r.scope.office),
                    describe(office)
                ),
            },
        ));
    }
    contest.method = match rules.map(|r| r.method) {
        None | Some(CountingMethod::FirstPastThePost) => PublishedMethod::FirstPastThePost,
        Some(CountingMethod::SupplementaryVote) => PublishedMethod::SupplementaryVote,
        Some(CountingMethod::SingleTransferableVote(_)) => {
            return Err((
                Role::Ruleset,
                ResultsProblemKind::UnsupportedOffice {
                    value: contest.office.clone(),
                    reason: format!(
                        "the ruleset {} is {STV_REFUSED}",
                        rules.map_or("", |r| r.code)
                    ),
                },
            ));
        }
        Some(_) => {
            return Err((
                Role::Ruleset,
                ResultsProblemKind::UnsupportedOffice {
                    value: contest.office.clone(),
                    reason: "a referendum's answers are collated from its counting areas' results with `countroom collate`".into(),
                },
            ));
        }
    };
    Ok(rules)
}

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

    /// The seats: a whole number of 1 or more, where given.
    fn seats(&self, problems: &mut Problems) -> Option<u32> {
        let v = self.text(Role::Seats).filter(|v| !v.is_empty())?;
        match crate::whole(v).ok().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n >= 1 => Some(n),
            _ => {
                problems.push(self.problem(
                    Role::Seats,
                    ResultsProblemKind::BadSeats {
                        value: v.to_owned(),
                    },
                ));
                None
            }
        }
    }

    fn number(&self, role: Role, problems: &mut Problems) -> Option<u64> {
        let v = self.text(role)?;
        if v.is_empty() {
            return None;
        }
        match crate::whole(v) {
            Ok(n) => Some(n),
            Err(why) => {
                problems.push(self.problem(role, not_whole(v, why)));
                None
            }
        }
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
        "contest, candidate and votes (party and the rest optional)",
        &mut problems,
    ) else {
        return Err(problems.finish(file));
    };
    let columns = find_columns(
        file,
        &table.headers,
        RESULTS_ROLES,
        map,
        false,
        &mut problems,
    );
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
    // (contest index, role) → (figure, line) of a contest's figure given
    // on its rows
    let mut figures: HashMap<(usize, Role), (u64, u64)> = HashMap::new();
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
        let second = cell.number(Role::Second, &mut problems);
        let electorate = cell.number(Role::Electorate, &mut problems);
        let rejected = cell.number(Role::Rejected, &mut problems);
        let seats = cell.seats(&mut problems);
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
                // One seat, a Member of Parliament, first past the post,
                // in England, unless a contests file says otherwise.
                contests.push(
                    PublishedContest::new(id, contest_name, *line)
                        .country(country.unwrap_or("england")),
                );
                contests.len() - 1
            }
        };
        // A contest's figures repeated on each of its rows (Democracy
        // Club's seats_contested, total_electorate, spoilt_ballots): the
        // first row giving one sets it; a later row must agree.
        for (role, given) in [
            (Role::Seats, seats.map(u64::from)),
            (Role::Electorate, electorate),
            (Role::Rejected, rejected),
        ] {
            let Some(v) = given else { continue };
            match figures.get(&(ci, role)) {
                Some(&(before, first_line)) if before != v => problems.push(cell.problem(
                    role,
                    ResultsProblemKind::ContestFigureDiffers {
                        contest: id.to_owned(),
                        first: before,
                        first_line,
                        second: v,
                    },
                )),
                Some(_) => {}
                None => {
                    figures.insert((ci, role), (v, *line));
                    let c = &mut contests[ci];
                    match role {
                        Role::Seats => c.seats = u32::try_from(v).unwrap_or(c.seats),
                        Role::Electorate => c.electorate = Some(v),
                        _ => c.rejected = Some(v),
                    }
                }
            }
        }
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
        contests[ci].candidates.push(
            PublishedCandidate::new(name, party, votes, *line)
                .elected(elected)
                .second(second),
        );
    }
    if !problems.is_empty() {
        return Err(problems.finish(file));
    }
    Ok(PublishedResults::new(file.to_owned(), contests))
}

/// Reads a contests CSV (one row per contest) into `results`: seats,
/// office (with a mayor's kind of authority), ruleset, term end, country,
/// electorate, valid votes, rejected papers (in all, or by head: columns
/// named by the head's code or its statutory wording), papers counted, the
/// published majority and the member returned.
///
/// Each contest's ruleset, and so its counting method, is settled by
/// [`settle_rules`]: from a `ruleset` column, else from the office,
/// country and `poll_date` (`countroom_rules::select`).
///
/// # Errors
///
/// Every problem found, each with the file, line and column; a contest in
/// one file and not the other is one.
pub fn read_contests(
    file: &str,
    bytes: &[u8],
    map: &ColumnMap,
    poll_date: Option<Date>,
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
    let columns = find_columns(
        file,
        &table.headers,
        CONTESTS_ROLES,
        map,
        true,
        &mut problems,
    );
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
        let seats = cell.seats(&mut problems);
        let office = cell.text(Role::Office).filter(|v| !v.is_empty());
        let authority = cell.text(Role::Authority).filter(|v| !v.is_empty());
        let ruleset_code = cell.text(Role::Ruleset).filter(|v| !v.is_empty());
        let term_ends = match cell.text(Role::TermEnds).filter(|v| !v.is_empty()) {
            Some(v) => match parse_date(v) {
                Some(_) => Some(v.to_owned()),
                None => {
                    problems.push(cell.problem(
                        Role::TermEnds,
                        ResultsProblemKind::BadDate {
                            value: v.to_owned(),
                        },
                    ));
                    None
                }
            },
            None => None,
        };
        let mut heads: Vec<PublishedHead> = Vec::new();
        for &(i, head) in &columns.heads {
            let v = record.get(i).map(str::trim).unwrap_or_default();
            if v.is_empty() {
                continue;
            }
            match crate::whole(v) {
                Ok(papers) => heads.push(PublishedHead::new(head, papers)),
                Err(why) => problems.push(
                    ResultsProblem::new(file, not_whole(v, why))
                        .at(*line)
                        .field(&table.headers[i])
                        .value(v),
                ),
            }
        }
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
            c.office = o.to_owned();
        }
        c.authority = authority.map(str::to_owned);
        if let Some(k) = country {
            c.country = k.to_owned();
        }
        c.term_ends = term_ends;
        let settled = settle_rules(c, ruleset_code, poll_date);
        match settled {
            Ok(rules) => {
                if let Some(r) = rules {
                    if !r
                        .seats
                        .allows(usize::try_from(c.seats).unwrap_or(usize::MAX))
                    {
                        problems.push(cell.problem(
                            Role::Seats,
                            ResultsProblemKind::BadSeats {
                                value: format!("{} ({}: {})", c.seats, r.code, r.seats.describe()),
                            },
                        ));
                    }
                    for h in &heads {
                        if h.head != RejectionHead::BreakdownNotGiven && r.head(h.head).is_none() {
                            problems.push(
                                ResultsProblem::new(
                                    file,
                                    ResultsProblemKind::HeadNotInRuleset {
                                        contest: id.clone(),
                                        head: h.head.code(),
                                        papers: h.papers,
                                        ruleset: r.code.to_owned(),
                                        heads: r
                                            .heads
                                            .iter()
                                            .map(|x| format!("{} ({})", x.head.code(), x.label))
                                            .collect::<Vec<_>>()
                                            .join(", "),
                                    },
                                )
                                .at(*line)
                                .contest(&id),
                            );
                        }
                    }
                    heads.sort_by_key(|h| (r.position(h.head).unwrap_or(usize::MAX), h.head));
                    c.ruleset = Some(r.code.to_owned());
                }
            }
            Err((role, kind)) => problems.push(cell.problem(role, kind).contest(&id)),
        }
        if !heads.is_empty() {
            c.rejected_heads = heads;
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
        "{}, {}, {}; checked by countroom {}",
        how_many(report.contests.len() as u64, "contest"),
        how_many(candidates as u64, "candidate"),
        how_many(report.seats, "seat"),
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
        let sv = c.method == PublishedMethod::SupplementaryVote;
        if sv {
            let _ = writeln!(
                out,
                "  supplementary vote: first preferences, share, [+ second preferences added = total]"
            );
        }
        for x in &c.candidates {
            let share = x.share.map(|s| format!("{s}%")).unwrap_or_default();
            let share = match (x.second, x.total) {
                (Some(s), Some(t)) => format!("{share}  + {} = {}", thousands(s), thousands(t)),
                (Some(s), None) => format!("{share}  + {} (eliminated)", thousands(s)),
                _ => share,
            };
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
                // The share column also carries the second round at a
                // supplementary-vote poll.
                x.name,
                x.party,
                thousands(x.votes),
                share,
                mark
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        let mut figures = vec![format!("valid votes {}", thousands(c.votes))];
        if c.rejected_heads.is_empty() {
            if let Some(r) = c.rejected {
                figures.push(format!(
                    "rejected ballot papers (breakdown not given) {}",
                    thousands(r)
                ));
            }
        } else {
            let rules = c.ruleset.as_deref().and_then(countroom_rules::by_code);
            let heads: Vec<String> = c
                .rejected_heads
                .iter()
                .map(|h| {
                    let head = RejectionHead::from_code(h.head);
                    let label = match (head, rules) {
                        (Some(RejectionHead::BreakdownNotGiven), _) => {
                            RejectionHead::BREAKDOWN_NOT_GIVEN_LABEL
                        }
                        (Some(x), Some(r)) => r.head(x).map_or(h.head, |spec| spec.label),
                        _ => h.head,
                    };
                    format!("{label} {}", thousands(h.papers))
                })
                .collect();
            figures.push(format!(
                "rejected ballot papers {} ({})",
                c.rejected.map(thousands).unwrap_or_default(),
                heads.join(", ")
            ));
        }
        if let Some(p) = c.papers {
            figures.push(format!("ballot papers counted {}", thousands(p)));
        }
        if let Some(e) = c.electorate {
            figures.push(format!("electorate {}", thousands(e)));
        }
        figures.push(majority_text(c));
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
        "second",
        "total",
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
            "",
            "",
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
            &match (c.majority, c.no_majority) {
                (Some(m), _) => format!("majority {m}"),
                (None, Some(n)) => format!("majority: {}", n.describe(c.candidates.len(), c.seats)),
                (None, None) => String::new(),
            },
            "",
            "",
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
                &opt(x.second),
                &opt(x.total),
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
            "",
            "",
        ])
        .map_err(e)?;
    }
    w.into_inner().map_err(|x| x.to_string())
}

/// The title of a contest's poll in the implied log.
fn title(office: Option<Office>, seats: u32) -> String {
    match office {
        Some(Office::UkParliament) | None => "Election of a Member of Parliament".into(),
        Some(Office::PrincipalCouncillor | Office::ParishCouncillor) if seats > 1 => {
            "Election of Councillors".into()
        }
        Some(Office::PrincipalCouncillor | Office::ParishCouncillor) => {
            "Election of a Councillor".into()
        }
        Some(Office::Mayor(_)) => "Election of the Mayor".into(),
        Some(Office::PoliceAndCrimeCommissioner) => {
            "Election of the Police and Crime Commissioner".into()
        }
        Some(Office::Referendum | Office::ScottishReferendum) => "Referendum".into(),
        Some(Office::LocalPoll(kind)) => kind.title().into(),
        Some(Office::AmsConstituency(p)) => p.title().into(),
    }
}

/// What [`implied_log`] needs beyond the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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

impl LogOptions {
    /// The election `election` named `name`, polled on `poll_date`
    /// (`YYYY-MM-DD`), its entries recorded by `by`.
    #[must_use]
    pub fn new(
        election: impl Into<String>,
        name: impl Into<String>,
        poll_date: impl Into<String>,
        by: impl Into<String>,
    ) -> LogOptions {
        LogOptions {
            election: election.into(),
            name: name.into(),
            poll_date: poll_date.into(),
            by: by.into(),
        }
    }
}

/// `n` things, thousands separated, singular for one: "1 contest", "1,204
/// candidates".
#[must_use]
pub fn how_many(n: u64, thing: &str) -> String {
    format!(
        "{} {thing}{}",
        countroom_arith::thousands(n),
        if n == 1 { "" } else { "s" }
    )
}

/// A contest's majority as the report states it: `majority 2,894`, or why
/// there is none (`majority: not applicable (1 candidate for 1 seat: no
/// one unelected)`, `majority: none (equality of votes)`).
#[must_use]
pub fn majority_text(c: &countroom_collate::published::ContestCheck) -> String {
    match (c.majority, c.no_majority) {
        (Some(m), _) => format!("majority {}", countroom_arith::thousands(m)),
        (None, Some(n)) => format!("majority: {}", n.describe(c.candidates.len(), c.seats)),
        (None, None) => "majority: not known".to_owned(),
    }
}

/// Why the log the published figures imply declares no result for a
/// contest ([`not_declared`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
#[non_exhaustive]
pub enum NoDeclaration {
    /// The report lists problems for the contest (their codes, in the
    /// report's order): the published result and the figures, or the
    /// rules, disagree, or a lot the file does not record decides it.
    Problems {
        /// The problems' stable codes (`wrong_winner`, `boundary_tie`, …).
        codes: Vec<&'static str>,
    },
    /// The files do not say who was elected (no `elected` column, no
    /// member returned): a declaration would be the votes' inference, not
    /// the published result.
    WinnersNotPublished,
}

impl std::fmt::Display for NoDeclaration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoDeclaration::Problems { codes } => {
                write!(
                    f,
                    "the report lists a problem for it ({})",
                    codes.join(", ")
                )
            }
            NoDeclaration::WinnersNotPublished => {
                f.write_str("the files do not say who was elected")
            }
        }
    }
}

/// The contests of `results` whose implied log ([`implied_log`]) records
/// no `result_declared`, each with why, in the file's order.
///
/// A generated log never holds a declaration the published result does
/// not make: a contest is declared only where the files name who was
/// elected, those are the candidates the rules return (RPA 1983 Sch 1
/// r.50; the local rules' r.49; the supplementary vote's instruments) and
/// the report lists no problem for it (an equality of votes, `boundary_tie`,
/// leaves a lot the file does not record).
#[must_use]
pub fn not_declared(results: &PublishedResults) -> Vec<(String, NoDeclaration)> {
    let report = countroom_collate::published::check_results(results, None);
    report
        .contests
        .iter()
        .filter_map(|c| {
            let codes: Vec<&'static str> = report
                .problems
                .iter()
                .filter(|p| p.contest.as_deref() == Some(c.id.as_str()))
                .map(|p| p.code)
                .collect();
            if !codes.is_empty() {
                Some((c.id.clone(), NoDeclaration::Problems { codes }))
            } else if c.published_winners_agree != Some(true) {
                Some((c.id.clone(), NoDeclaration::WinnersNotPublished))
            } else {
                None
            }
        })
        .collect()
}

/// The version 2 count log the published figures imply: the election,
/// each contest (candidates `C1`, `C2`, … in the file's order, the party as
/// the description; its office, kind of authority and ruleset; seats with
/// the contests file's term end, or none for a Member of Parliament), one
/// bundle of each contest's votes (first preferences at a
/// supplementary-vote poll; with the valid papers when several seats are
/// filled), its rejected papers by head where published, else as one total
/// (`breakdown_not_given`), the count completed; at a supplementary-vote
/// poll with no first-count majority, the second preferences published as
/// added to each remaining candidate and the second count completed; and
/// the result declared only where the published result makes that
/// declaration: the files name who was elected, the rules return those
/// candidates, and the report lists no problem for the contest (so not
/// where an equality of votes leaves a lot to be drawn); [`not_declared`]
/// gives the others and why. Each entry's `reason` names the line it was
/// taken from.
///
/// # Errors
///
/// A problem for each contest that cannot be written: no electorate
/// published, an office with a fixed term and no term end, several seats
/// and no valid papers, or an identifier the log does not accept.
pub fn implied_log(
    results: &PublishedResults,
    options: &LogOptions,
) -> Result<Vec<u8>, Vec<ResultsProblem>> {
    let mut problems = Problems::default();
    let undeclared: Vec<String> = not_declared(results).into_iter().map(|(c, _)| c).collect();
    let header = countroom_count::new_log_header(&options.election);
    let mut out = Vec::new();
    let mut appender = log::Appender::start(&header, &mut out);
    let mut push = |out: &mut Vec<u8>, reason: String, event: log::Event| {
        appender.append(out, options.by.clone(), None, Some(reason), event);
    };
    push(
        &mut out,
        format!("the poll of the results in {}", file_name(&results.file)),
        log::Event::ElectionDefined(log::ElectionDefined::new(
            options.election.clone(),
            options.name.clone(),
            options.poll_date.clone(),
        )),
    );
    for c in &results.contests {
        let file = results.contests_file.as_deref().unwrap_or(&results.file);
        // Problems name the file as given; the log, the file's name only
        // (the same bytes wherever the files are).
        let named = file_name(file);
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
        let office = Office::parse(&c.office, c.authority.as_deref()).ok();
        let fixed_term = office.is_none_or(Office::has_fixed_term);
        if fixed_term && c.term_ends.is_none() {
            problems.push(
                ResultsProblem::new(
                    file,
                    ResultsProblemKind::BadMapping {
                        message: format!(
                            "contest {}: a {} has a fixed term: --log needs the day it ends (a term_ends column, YYYY-MM-DD), which published results do not give",
                            c.id, c.office
                        ),
                    },
                )
                .at(line)
                .contest(&c.id),
            );
            continue;
        }
        if c.seats > 1 && c.valid.is_none() {
            problems.push(
                ResultsProblem::new(
                    file,
                    ResultsProblemKind::BadMapping {
                        message: format!(
                            "contest {}: {} seats: --log needs the valid ballot papers (a valid column), since the votes are not the papers",
                            c.id, c.seats
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
            format!("{named} line {line}"),
            log::Event::ContestDefined(
                log::ContestDefined::new(
                    c.id.clone(),
                    options.election.clone(),
                    title(office, c.seats),
                    c.name.clone(),
                    c.office.clone(),
                    c.country.clone(),
                )
                .electorate(electorate)
                .vacancies(
                    (0..c.seats)
                        .map(|_| {
                            log::VacancyDef::new("ordinary").term_ends(if fixed_term {
                                c.term_ends.clone()
                            } else {
                                None
                            })
                        })
                        .collect(),
                )
                .candidates(
                    c.candidates
                        .iter()
                        .zip(&ids)
                        .map(|(x, id)| {
                            log::CandidateDef::new(id.clone(), x.name.clone())
                                .description((!x.party.is_empty()).then(|| x.party.clone()))
                        })
                        .collect(),
                )
                .authority(c.authority.clone())
                .ruleset(c.ruleset.clone()),
            ),
        );
        let lines: Vec<String> = c.candidates.iter().map(|x| x.line.to_string()).collect();
        push(
            &mut out,
            format!("{} lines {}", file_name(&results.file), lines.join(", ")),
            log::Event::BundleCounted(
                log::BundleCounted::new(
                    c.id.clone(),
                    1,
                    "published",
                    c.candidates
                        .iter()
                        .zip(&ids)
                        .map(|(x, id)| log::CandidateVotes::new(id.clone(), x.votes))
                        .collect(),
                )
                .papers(if c.seats > 1 { c.valid } else { None }),
            ),
        );
        if c.rejected_heads.is_empty() {
            if let Some(rejected) = c.rejected.filter(|&r| r > 0) {
                push(
                    &mut out,
                    format!("{named} line {line}: rejected papers published as one total"),
                    log::Event::RejectedCounted(log::RejectedCounted::new(
                        c.id.clone(),
                        1,
                        RejectionHead::BreakdownNotGiven.code(),
                        rejected,
                    )),
                );
            }
        }
        for h in c.rejected_heads.iter().filter(|h| h.papers > 0) {
            push(
                &mut out,
                format!(
                    "{named} line {line}: rejected papers under {}",
                    h.head.code()
                ),
                log::Event::RejectedCounted(log::RejectedCounted::new(
                    c.id.clone(),
                    1,
                    h.head.code(),
                    h.papers,
                )),
            );
        }
        push(
            &mut out,
            "the published result".into(),
            log::Event::CountCompleted(log::CountCompleted::new(c.id.clone(), 1)),
        );
        let votes: Vec<u64> = c.candidates.iter().map(|x| x.votes).collect();
        let seats = usize::try_from(c.seats).unwrap_or(usize::MAX);
        let decided = if c.method == PublishedMethod::SupplementaryVote {
            match countroom_tally::sv_first_count(&votes) {
                Ok((_, countroom_tally::SvDecision::Elected(_))) => true,
                Ok((_, countroom_tally::SvDecision::SecondCount(remaining)))
                    if remaining
                        .iter()
                        .any(|&i| c.candidates.get(i).is_some_and(|x| x.second.is_none())) =>
                {
                    problems.push(
                        ResultsProblem::new(
                            &results.file,
                            ResultsProblemKind::BadMapping {
                                message: format!(
                                    "contest {}: no candidate has more than half the first preferences, and a candidate who remains has no second-round figure: --log does not invent one",
                                    c.id
                                ),
                            },
                        )
                        .at(c.line)
                        .contest(&c.id),
                    );
                    false
                }
                Ok((_, countroom_tally::SvDecision::SecondCount(remaining))) => {
                    let second: Vec<u64> = (0..votes.len())
                        .map(|i| {
                            if remaining.contains(&i) {
                                c.candidates.get(i).and_then(|x| x.second).unwrap_or(0)
                            } else {
                                0
                            }
                        })
                        .collect();
                    let sv_lines: Vec<String> = remaining
                        .iter()
                        .filter_map(|&i| c.candidates.get(i))
                        .map(|x| x.line.to_string())
                        .collect();
                    push(
                        &mut out,
                        format!(
                            "{} lines {}: the second preferences published as added; the papers examined that gave none for a remaining candidate are not published (breakdown not given)",
                            results.file,
                            sv_lines.join(", ")
                        ),
                        log::Event::SecondPreferencesCounted(log::SecondPreferencesCounted::new(c.id.clone(), 1, "published", remaining
                                .iter()
                                .map(|&i| log::CandidateVotes::new(ids[i].clone(), second[i]))
                                .collect())),
                    );
                    push(
                        &mut out,
                        "the published result".into(),
                        log::Event::SecondCountCompleted(log::SecondCountCompleted::new(
                            c.id.clone(),
                            1,
                        )),
                    );
                    matches!(
                        countroom_tally::sv_final_count(&votes, &remaining, &second),
                        Ok((_, countroom_tally::SvDecision::Elected(_)))
                    )
                }
                _ => false,
            }
        } else {
            countroom_tally::fptp(&votes, seats).boundary_tie.is_none()
        };
        if decided && !undeclared.contains(&c.id) {
            push(
                &mut out,
                "the published result".into(),
                log::Event::ResultDeclared(log::ResultDeclared::new(c.id.clone(), 1)),
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

    /// Bytes that are not blank but hold no field have no header row: one
    /// problem, `empty_file`, never an error with no problem (a lone `"`
    /// was the `published_results_csv` fuzz target's crash). The contests
    /// file is read by the same table reader.
    #[test]
    fn a_file_of_blank_fields_is_empty_not_silent() {
        for bytes in [&b"\""[..], b"\"\"", b"\"  \"\n\"\"\r\n", b"\xEF\xBB\xBF\""] {
            let p = one_problem(bytes);
            assert_eq!(p.code, "empty_file", "{bytes:?}: {p:?}");
        }
        let mut read = read(GOOD.as_bytes()).unwrap();
        let problems =
            read_contests("c.csv", b"\"\"", &ColumnMap::default(), None, &mut read).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, "empty_file");
    }

    /// Each bad input of issue 16, with the line and column it names.
    #[test]
    fn bad_inputs_are_named_by_line_and_column() {
        let table: [(&str, &str, Option<u64>, Option<&str>); 10] = [
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
            // One more than u64::MAX: a whole number, too large.
            (
                "contest,candidate,party,votes\r\nw,A,P,\"18,446,744,073,709,551,616\"\r\n",
                "number_too_large",
                Some(2),
                Some("votes"),
            ),
            // The line after CRLF line ends is the file's own.
            (
                "contest,candidate,party,votes\r\nw,A,P,1\r\n\r\nw,B,P,x\r\n",
                "not_whole_number",
                Some(4),
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
            assert_eq!(crate::whole(text).ok(), n, "{text:?}");
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
            None,
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
            None,
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
            None,
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

    fn date(s: &str) -> Option<Date> {
        parse_date(s)
    }

    fn options(poll_date: &str) -> LogOptions {
        LogOptions {
            election: "e".into(),
            name: "Election".into(),
            poll_date: poll_date.into(),
            by: "countroom-results".into(),
        }
    }

    fn replayed(bytes: &[u8]) -> countroom_count::Report {
        let log = countroom_log::read(bytes).unwrap();
        let (state, problems) = countroom_count::replay_log(&log);
        assert!(problems.is_empty(), "{problems:?}");
        countroom_count::report(&state)
    }

    /// A mayor of a local authority polled on 6 May 2021 is elected by the
    /// supplementary vote (LAMR 2007, `mayor-sv-2007`, chosen by the date).
    /// First preferences A 4,000, B 3,000, C 2,000, D 1,000: no one has
    /// more than half of 10,000, A and B remain; A + 500 = 4,500 and
    /// B + 1,200 = 4,200, so A is returned with a lead of 300. The log the
    /// figures imply replays to the same winner.
    #[test]
    fn a_supplementary_vote_result_is_checked_and_its_log_replays() {
        let results = b"contest,candidate,party,votes,second preferences,elected\nm,\"ADAMS, A\",Red,\"4,000\",500,Y\nm,\"BROOK, B\",Blue,\"3,000\",\"1,200\",N\nm,\"CHAN, C\",Green,\"2,000\",,N\nm,\"DOYLE, D\",Gold,\"1,000\",,N\n";
        let contests = b"contest,office,authority,electorate,valid,rejected,term_ends\nm,mayor,local_authority,20000,10000,25,2025-05-08\n";
        let mut r = read(results).unwrap();
        // Without the date (or a ruleset column) the method is not known.
        let mut bare = r.clone();
        let p =
            read_contests("c.csv", contests, &ColumnMap::default(), None, &mut bare).unwrap_err();
        assert_eq!(
            (p[0].code, p[0].field.as_deref()),
            ("bad_ruleset", Some("office"))
        );
        read_contests(
            "c.csv",
            contests,
            &ColumnMap::default(),
            date("2021-05-06"),
            &mut r,
        )
        .unwrap();
        let c = &r.contests[0];
        assert_eq!(
            (c.method, c.ruleset.as_deref()),
            (PublishedMethod::SupplementaryVote, Some("mayor-sv-2007"))
        );
        let report = countroom_collate::published::check_results(&r, None);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(report.contests[0].majority, Some(300));
        let text = String::from_utf8(report_text(&report, "x")).unwrap();
        assert!(text.contains("+ 500 = 4,500"), "{text}");
        let log = replayed(&implied_log(&r, &options("2021-05-06")).unwrap());
        let k = &log.contests[0];
        assert_eq!(k.elected.len(), 1);
        assert_eq!(k.elected[0].name, "ADAMS, A");
        assert_eq!(
            k.elected[0].term_ends,
            Some(time::macros::date!(2025 - 05 - 08))
        );
        // The same poll in 2024 is first past the post (`mayor-fptp-2023`):
        // A, with the most votes, is returned and the second round is not
        // read as a count.
        let mut later = read(results).unwrap();
        read_contests(
            "c.csv",
            contests,
            &ColumnMap::default(),
            date("2024-05-02"),
            &mut later,
        )
        .unwrap();
        assert_eq!(later.contests[0].method, PublishedMethod::FirstPastThePost);
    }

    /// A ruleset column names the method; an STV ruleset, a Scottish
    /// councillor and a referendum are refused by name, with the command
    /// to use.
    #[test]
    fn stv_and_referendums_are_refused_by_name() {
        for (row, code, words) in [
            (
                "w1,principal_councillor,scotland,,",
                "unsupported_office",
                "stv check-sheet",
            ),
            (
                "w1,principal_councillor,england,scotland-stv-2011,",
                "unsupported_office",
                "stv check-sheet",
            ),
            (
                "w1,referendum,england,,",
                "unsupported_office",
                "countroom collate",
            ),
            ("w1,mayor,england,,", "bad_ruleset", "authority"),
            // A list system's office (countroom_rules::lists), refused
            // with its ruleset cited.
            (
                "w1,senedd_member,wales,,",
                "unsupported_office",
                "not yet: the list allocation is not counted through the log: a contest for office senedd_member is elected under senedd-closed-list-2026",
            ),
            (
                "w1,principal_councillor,england,nope,",
                "bad_ruleset",
                "no such ruleset",
            ),
        ] {
            let mut r = read(GOOD.as_bytes()).unwrap();
            let contests = format!("contest,office,country,ruleset,seats\n{row}\n");
            let p = read_contests(
                "c.csv",
                contests.as_bytes(),
                &ColumnMap::default(),
                None,
                &mut r,
            )
            .unwrap_err();
            assert_eq!(p[0].code, code, "{row}: {}", p[0]);
            assert!(p[0].to_string().contains(words), "{row}: {}", p[0]);
        }
    }

    /// Rejected papers by head: columns named by a head's code or its
    /// statutory wording (the Parliamentary Elections Rules r.47(4)
    /// statement: "want of an official mark", "unmarked or void for
    /// uncertainty"); 3 + 5 + 2 = 10 papers; written into the log per head
    /// and shown under the statute's words.
    #[test]
    fn rejected_papers_by_head_are_read_checked_and_logged() {
        let mut r = read(GOOD.as_bytes()).unwrap();
        read_contests(
            "c.csv",
            b"contest,electorate,valid,Want of an official mark,too_many_votes,unmarked or void for uncertainty,papers\nw1,3000,2184,3,2,5,2194\n",
            &ColumnMap::default(),
            date("2019-12-12"),
            &mut r,
        )
        .unwrap();
        let heads: Vec<(&str, u64)> = r.contests[0]
            .rejected_heads
            .iter()
            .map(|h| (h.head.code(), h.papers))
            .collect();
        assert_eq!(
            heads,
            [
                ("no_official_mark", 3),
                ("too_many_votes", 2),
                ("unmarked_or_void", 5)
            ]
        );
        let report = countroom_collate::published::check_results(&r, None);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(report.contests[0].rejected, Some(10));
        let text = String::from_utf8(report_text(&report, "x")).unwrap();
        assert!(
            text.contains("rejected ballot papers 10 (want of an official mark 3, "),
            "{text}"
        );
        let log = replayed(&implied_log(&r, &options("2019-12-12")).unwrap());
        let rejected = log.contests[0].rejected.as_ref().unwrap();
        assert_eq!(rejected.total, 10);
        let by_head: Vec<(&str, u64)> = rejected
            .heads
            .iter()
            .filter(|h| h.papers > 0)
            .map(|h| (h.code, h.papers))
            .collect();
        assert_eq!(
            by_head,
            [
                ("no_official_mark", 3),
                ("too_many_votes", 2),
                ("unmarked_or_void", 5)
            ]
        );
        // A head the ruleset does not have (STV's no first preference).
        let mut r = read(GOOD.as_bytes()).unwrap();
        let p = read_contests(
            "c.csv",
            b"contest,no_first_preference\nw1,4\n",
            &ColumnMap::default(),
            date("2019-12-12"),
            &mut r,
        )
        .unwrap_err();
        assert_eq!(p[0].code, "head_not_in_ruleset");
    }

    /// A three-seat English district ward (2006 Rules) with a term end:
    /// the votes (2,700) lie between the valid papers (1,000) and three
    /// times them; the log carries the papers and the term end, and
    /// replays to the three with the most votes.
    #[test]
    fn a_council_ward_of_several_seats_writes_a_log() {
        let mut r =
            read(b"contest,candidate,party,votes\nw,A,X,900\nw,B,Y,800\nw,C,Z,600\nw,D,V,400\n")
                .unwrap();
        let contests = b"contest,office,seats,electorate,valid,term_ends\nw,principal_councillor,3,5000,1000,2027-05-06\n";
        read_contests(
            "c.csv",
            contests,
            &ColumnMap::default(),
            date("2023-05-04"),
            &mut r,
        )
        .unwrap();
        assert_eq!(
            r.contests[0].ruleset.as_deref(),
            Some("england-principal-2006")
        );
        let report = countroom_collate::published::check_results(&r, None);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let log = replayed(&implied_log(&r, &options("2023-05-04")).unwrap());
        let names: Vec<&str> = log.contests[0]
            .elected
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, ["A", "B", "C"]);
        // No term end: --log refuses the contest rather than invent one.
        let mut r2 = read(b"contest,candidate,party,votes\nw,A,X,900\nw,B,Y,800\n").unwrap();
        read_contests(
            "c.csv",
            b"contest,office,electorate\nw,principal_councillor,5000\n",
            &ColumnMap::default(),
            None,
            &mut r2,
        )
        .unwrap();
        let p = implied_log(&r2, &options("2023-05-04")).unwrap_err();
        assert!(p[0].to_string().contains("term_ends"), "{}", p[0]);
    }

    /// Democracy Club's candidates CSV export with its results columns
    /// (the column names of DemocracyClub/yournextrepresentative
    /// `ynr/apps/data_exports/csv_fields.py`): every column is recognised
    /// or known; `seats_contested`, `total_electorate` and `spoilt_ballots`
    /// are the contest's, repeated on each row, and must agree.
    #[test]
    fn a_democracy_club_export_reads() {
        let header = "person_id,person_name,election_id,ballot_paper_id,election_date,election_current,party_name,party_id,post_label,cancelled_poll,seats_contested,votes_cast,elected,tied_vote_winner,rank,turnout_reported,spoilt_ballots,total_electorate,turnout_percentage,results_source,gss,organisation_name";
        let rows = [
            "1,Ann Ash,local.x.2024-05-02,local.x.abbey.2024-05-02,2024-05-02,False,Red Party,PP1,Abbey,False,2,900,True,False,1,1210,10,4000,30.25,http://x,E05000001,X Council",
            "2,Bo Birch,local.x.2024-05-02,local.x.abbey.2024-05-02,2024-05-02,False,Blue Party,PP2,Abbey,False,2,800,True,False,2,1210,10,4000,30.25,http://x,E05000001,X Council",
            "3,Cy Cole,local.x.2024-05-02,local.x.abbey.2024-05-02,2024-05-02,False,Green Party,PP3,Abbey,False,2,300,False,False,3,1210,10,4000,30.25,http://x,E05000001,X Council",
        ];
        let file = format!("{header}\n{}\n", rows.join("\n"));
        let r = read(file.as_bytes()).unwrap();
        let c = &r.contests[0];
        assert_eq!(
            (
                c.id.as_str(),
                c.name.as_str(),
                c.seats,
                c.electorate,
                c.rejected
            ),
            (
                "local.x.abbey.2024-05-02",
                "Abbey",
                2,
                Some(4_000),
                Some(10)
            )
        );
        assert_eq!(c.candidates[1].votes, 800);
        assert_eq!(c.candidates[2].elected, Some(false));
        // A row giving the contest another electorate.
        let bad = file.replacen(",4000,30.25", ",4001,30.25", 2).replacen(
            ",4001,30.25",
            ",4000,30.25",
            1,
        );
        let p = read(bad.as_bytes()).unwrap_err();
        assert_eq!(
            (p[0].code, p[0].line, p[0].field.as_deref()),
            ("contest_figure_differs", Some(3), Some("total_electorate"))
        );
    }
}
