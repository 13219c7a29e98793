//! `countroom allocate`'s files: the votes CSV (`area,party,votes`, with
//! optional `constituency_seats`, `individual`, `constituencies` and
//! `seats_to_fill`), the lists CSV (`area,party,position,name`, optional
//! `status`) and the lots CSV (`area,round,winner`), read into
//! [`countroom_list::Area`]s; and the allocation written as text, JSON and
//! CSV (docs/formats.md, "List allocation").
//!
//! Reading accepts a UTF-8 byte-order mark, quoted fields, and numbers with
//! thousands separators as published (`"1,234"`); column names are matched
//! without regard to case or surrounding spaces. Every problem is collected
//! with its line and field ([`ListProblem`], stable codes in
//! [`ListProblemKind::CODES`]).

use std::collections::BTreeMap;

use countroom_list::{
    Allocation, Area, AreaAllocation, Contestant, Disregarded, Figure, ListMember, Lot,
    MemberStatus, Method, Options, Status, TieRule, TieSettled,
};
use serde::Serialize;

use crate::problem::LineCounter;

/// One problem in an `allocate` input file: its 1-based line (0: the file
/// as a whole), the column, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListProblem {
    /// The 1-based physical line (0 for the file as a whole).
    pub line: u64,
    /// The column, when the problem is in one field.
    pub field: Option<String>,
    /// What is wrong.
    pub kind: ListProblemKind,
}

/// What is wrong in an `allocate` input file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ListProblemKind {
    /// No header row.
    #[error("the file is empty (a header row is needed: {0})")]
    Empty(&'static str),
    /// Not UTF-8.
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    /// Not readable as CSV.
    #[error("not readable as CSV: {0}")]
    Malformed(String),
    /// A required column is missing.
    #[error("no column `{0}`")]
    MissingColumn(&'static str),
    /// A column this file does not have.
    #[error("unknown column {name:?} (columns: {known})")]
    UnknownColumn {
        /// The header.
        name: String,
        /// The columns known.
        known: &'static str,
    },
    /// A column named twice.
    #[error("column {0:?} is named twice")]
    DuplicateColumn(String),
    /// A row with another number of fields than the header.
    #[error("{found} fields, but the header has {expected}")]
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },
    /// A required value is empty.
    #[error("empty")]
    EmptyValue,
    /// A negative number.
    #[error("{0:?} is negative: votes and seats are whole numbers, 0 or more")]
    NegativeNumber(String),
    /// A number with a fraction.
    #[error("{0:?} is not a whole number")]
    NotWholeNumber(String),
    /// Not a number.
    #[error("{0:?} is not a whole number (digits, thousands separated by commas at most)")]
    BadNumber(String),
    /// A whole number too large for the field.
    #[error("{value:?} is too large: at most {}", countroom_arith::thousands(*.max))]
    NumberTooLarge {
        /// The value as given.
        value: String,
        /// The largest the field holds.
        max: u64,
    },
    /// A flag other than yes or no.
    #[error("{0:?} is not yes or no")]
    BadFlag(String),
    /// A party listed twice in one area.
    #[error("{party:?} is listed twice in area {area:?} (first on line {first})")]
    DuplicateParty {
        /// The area.
        area: String,
        /// The party.
        party: String,
        /// The line of the first row.
        first: u64,
    },
    /// A party whose name differs from another's in the same area only
    /// in letter case (or surrounding spaces): one party spelt two ways.
    #[error("{party:?} is listed twice in area {area:?}: {other:?} on line {first} differs from it only in letter case, and names are compared without regard to case (spell the party one way)")]
    PartyCaseTwice {
        /// The area.
        area: String,
        /// This row's spelling.
        party: String,
        /// The first row's spelling.
        other: String,
        /// The line of the first row.
        first: u64,
    },
    /// An area whose name differs from an earlier area's only in letter
    /// case: one area spelt two ways, or two areas that would be confused.
    #[error("area {area:?} differs from area {other:?} (first on line {first}) only in letter case, and names are compared without regard to case (spell the area one way)")]
    AreaCaseTwice {
        /// This row's spelling.
        area: String,
        /// The first row's spelling.
        other: String,
        /// The line of the first row of the other spelling.
        first: u64,
    },
    /// An individual candidate with more than one row in one area.
    #[error("the individual candidate {name:?} has more than one row (first on line {first}); an individual candidate stands in one area, once")]
    IndividualTwice {
        /// The candidate.
        name: String,
        /// The line of the first row.
        first: u64,
    },
    /// An individual candidate's name in two areas: taken as one person,
    /// who stands in one area.
    #[error("the individual candidate {name:?} is also in area {first_area:?} (line {first}): the same name in two areas is taken as one person, and an individual candidate stands in one area; if these are different people (published files may label every independent \"Independent\"), name them apart, e.g. \"{name} ({area})\"")]
    IndividualInTwoAreas {
        /// The candidate.
        name: String,
        /// This row's area.
        area: String,
        /// The area of the first row.
        first_area: String,
        /// The line of the first row.
        first: u64,
    },
    /// Constituency seats with the D'Hondt method.
    #[error("constituency seats are counted only by the additional member system (`--method ams`); `--method dhondt` counts list seats alone")]
    ConstituencySeatsNotAms,
    /// Constituency seats for an individual candidate (more than one).
    #[error("an individual candidate can hold one constituency seat at most, not {0}")]
    IndividualSeats(u64),
    /// Constituency seats in an area summing to more than its
    /// constituencies.
    #[error("the constituency seats of area {area:?} add up to {seats}, more than its {constituencies} constituencies")]
    TooManyConstituencySeats {
        /// The area.
        area: String,
        /// The seats so far.
        seats: u64,
        /// The constituencies.
        constituencies: u64,
    },
    /// Constituency seats with no number of constituencies to check them
    /// against.
    #[error("constituency seats are given but not how many constituencies area {0:?} has (a `constituencies` column or `--constituencies N`)")]
    ConstituenciesUnknown(String),
    /// A per-area figure that differs between an area's rows.
    #[error("{value} differs from {first} on line {line} for the same area")]
    AreaValueDiffers {
        /// This row's value.
        value: u64,
        /// The first row's value.
        first: u64,
        /// The first row's line.
        line: u64,
    },
    /// A `seats_to_fill` of 0.
    #[error("0 seats to fill: an area fills 1 seat at least")]
    ZeroSeats,
    /// A header and no rows.
    #[error("the file has a header but no rows: {0}")]
    NoRows(&'static str),
    /// No number of seats to fill for an area.
    #[error("no seats to fill for area {0:?} (a `seats_to_fill` column or `--seats N`)")]
    SeatsUnknown(String),
    /// A list or lot naming a party or area that is not in the votes.
    #[error("{party:?} in area {area:?} is not in the votes file")]
    UnknownParty {
        /// The area.
        area: String,
        /// The party.
        party: String,
    },
    /// An area not in the votes file.
    #[error("area {0:?} is not in the votes file")]
    UnknownArea(String),
    /// A list for an individual candidate.
    #[error("{0:?} is an individual candidate and has no list")]
    ListForIndividual(String),
    /// A position used twice in one list.
    #[error("position {position} of {party:?} in {area:?} is given twice")]
    DuplicatePosition {
        /// The area.
        area: String,
        /// The party.
        party: String,
        /// The position.
        position: u64,
    },
    /// A list member's status that is not known.
    #[error("{0:?} is not a status (empty or standing, returned, withdrawn, died)")]
    BadStatus(String),
    /// A position or round of 0.
    #[error("0: positions and rounds count from 1")]
    Zero,
    /// Two lots for one round of one area.
    #[error("a second lot for round {round} of area {area:?}")]
    LotTwice {
        /// The area.
        area: String,
        /// The round.
        round: u64,
    },
}

impl ListProblemKind {
    /// Every stable code, in the order of the variants.
    pub const CODES: &'static [&'static str] = &[
        "empty",
        "not_utf8",
        "malformed",
        "missing_column",
        "unknown_column",
        "duplicate_column",
        "field_count",
        "empty_value",
        "negative_number",
        "not_whole_number",
        "bad_number",
        "number_too_large",
        "bad_flag",
        "duplicate_party",
        "duplicate_party_case",
        "duplicate_area_case",
        "individual_twice",
        "individual_in_two_areas",
        "constituency_seats_not_ams",
        "individual_seats",
        "too_many_constituency_seats",
        "constituencies_unknown",
        "area_value_differs",
        "zero_seats",
        "no_rows",
        "seats_unknown",
        "unknown_party",
        "unknown_area",
        "list_for_individual",
        "duplicate_position",
        "bad_status",
        "zero",
        "lot_twice",
    ];

    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        use ListProblemKind as K;
        match self {
            K::Empty(_) => "empty",
            K::NotUtf8 => "not_utf8",
            K::Malformed(_) => "malformed",
            K::MissingColumn(_) => "missing_column",
            K::UnknownColumn { .. } => "unknown_column",
            K::DuplicateColumn(_) => "duplicate_column",
            K::FieldCount { .. } => "field_count",
            K::EmptyValue => "empty_value",
            K::NegativeNumber(_) => "negative_number",
            K::NotWholeNumber(_) => "not_whole_number",
            K::BadNumber(_) => "bad_number",
            K::NumberTooLarge { .. } => "number_too_large",
            K::BadFlag(_) => "bad_flag",
            K::DuplicateParty { .. } => "duplicate_party",
            K::PartyCaseTwice { .. } => "duplicate_party_case",
            K::AreaCaseTwice { .. } => "duplicate_area_case",
            K::IndividualTwice { .. } => "individual_twice",
            K::IndividualInTwoAreas { .. } => "individual_in_two_areas",
            K::ConstituencySeatsNotAms => "constituency_seats_not_ams",
            K::IndividualSeats(_) => "individual_seats",
            K::TooManyConstituencySeats { .. } => "too_many_constituency_seats",
            K::ConstituenciesUnknown(_) => "constituencies_unknown",
            K::AreaValueDiffers { .. } => "area_value_differs",
            K::ZeroSeats => "zero_seats",
            K::NoRows(_) => "no_rows",
            K::SeatsUnknown(_) => "seats_unknown",
            K::UnknownParty { .. } => "unknown_party",
            K::UnknownArea(_) => "unknown_area",
            K::ListForIndividual(_) => "list_for_individual",
            K::DuplicatePosition { .. } => "duplicate_position",
            K::BadStatus(_) => "bad_status",
            K::Zero => "zero",
            K::LotTwice { .. } => "lot_twice",
        }
    }
}

/// What the votes file's reading needs from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VotesOptions {
    /// The method (constituency seats are refused under D'Hondt).
    pub method: Method,
    /// Seats to fill in every area without a `seats_to_fill` value.
    pub seats: Option<u32>,
    /// Constituencies of every area without a `constituencies` value.
    pub constituencies: Option<u32>,
}

const VOTES_COLUMNS: &str =
    "area, party, votes, constituency_seats, individual, constituencies, seats_to_fill";
const LISTS_COLUMNS: &str = "area, party, position, name, status";
const LOTS_COLUMNS: &str = "area, round, winner";

/// A CSV file's rows as text, each with its line; the header's columns
/// mapped to their index.
struct Table {
    columns: BTreeMap<String, usize>,
    rows: Vec<(u64, Vec<String>)>,
}

fn table(
    bytes: &[u8],
    known: &[&'static str],
    required: &[&'static str],
    known_text: &'static str,
    problems: &mut Vec<ListProblem>,
) -> Option<Table> {
    let file = |kind| ListProblem {
        line: 0,
        field: None,
        kind,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        problems.push(file(ListProblemKind::NotUtf8));
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    // The csv crate's own line numbers lag on CRLF files (rust-csv #395).
    let mut lines = LineCounter::new(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            problems.push(file(ListProblemKind::Empty(known_text)));
            return None;
        }
        Some(Err(e)) => {
            problems.push(file(ListProblemKind::Malformed(e.to_string())));
            return None;
        }
        Some(Ok(h)) => h,
    };
    let header_line = lines.line_of(header.position());
    let mut columns = BTreeMap::new();
    let before = problems.len();
    for (i, name) in header.iter().enumerate() {
        let key = name.trim().to_ascii_lowercase();
        if !known.contains(&key.as_str()) {
            problems.push(ListProblem {
                line: header_line,
                field: Some(name.to_owned()),
                kind: ListProblemKind::UnknownColumn {
                    name: name.to_owned(),
                    known: known_text,
                },
            });
        } else if columns.insert(key, i).is_some() {
            problems.push(ListProblem {
                line: header_line,
                field: Some(name.to_owned()),
                kind: ListProblemKind::DuplicateColumn(name.to_owned()),
            });
        }
    }
    for r in required {
        if !columns.contains_key(*r) {
            problems.push(ListProblem {
                line: header_line,
                field: None,
                kind: ListProblemKind::MissingColumn(r),
            });
        }
    }
    if problems.len() > before {
        return None;
    }
    let width = header.len();
    let mut rows = Vec::new();
    for record in records {
        match record {
            Err(e) => {
                let line = lines.line_of(e.position());
                problems.push(ListProblem {
                    line,
                    field: None,
                    kind: ListProblemKind::Malformed(e.to_string()),
                });
            }
            Ok(r) => {
                let line = lines.line_of(r.position());
                if r.len() == 1 && r.get(0).is_some_and(|f| f.trim().is_empty()) {
                    continue; // a blank line
                }
                if r.len() != width {
                    problems.push(ListProblem {
                        line,
                        field: None,
                        kind: ListProblemKind::FieldCount {
                            expected: width,
                            found: r.len(),
                        },
                    });
                    continue;
                }
                rows.push((line, r.iter().map(str::to_owned).collect()));
            }
        }
    }
    Some(Table { columns, rows })
}

impl Table {
    fn get<'a>(&self, row: &'a [String], column: &str) -> Option<&'a str> {
        self.columns
            .get(column)
            .and_then(|&i| row.get(i))
            .map(|s| s.trim())
    }
}

/// A whole number as published (`crate::whole`: digits, optionally in
/// groups of three separated by commas, `"59,390"`); a negative number, a
/// fraction, one too large for 64 bits and anything else are each refused
/// by name.
fn whole(value: &str) -> Result<u64, ListProblemKind> {
    use crate::NotWhole;
    crate::whole(value).map_err(|why| match why {
        NotWhole::Empty => ListProblemKind::EmptyValue,
        NotWhole::Negative => ListProblemKind::NegativeNumber(value.to_owned()),
        NotWhole::Fraction => ListProblemKind::NotWholeNumber(value.to_owned()),
        NotWhole::TooLarge => ListProblemKind::NumberTooLarge {
            value: value.to_owned(),
            max: u64::MAX,
        },
        NotWhole::Malformed => ListProblemKind::BadNumber(value.to_owned()),
    })
}

fn small(value: &str) -> Result<u32, ListProblemKind> {
    let n = whole(value).map_err(|k| match k {
        ListProblemKind::NumberTooLarge { value, .. } => ListProblemKind::NumberTooLarge {
            value,
            max: u64::from(u32::MAX),
        },
        k => k,
    })?;
    u32::try_from(n).map_err(|_| ListProblemKind::NumberTooLarge {
        value: value.to_owned(),
        max: u64::from(u32::MAX),
    })
}

/// A name as compared: trimmed and lowercased (Unicode-aware), so that
/// `Labour`, `labour` and ` LABOUR ` are one name.
fn folded(name: &str) -> String {
    name.trim().to_lowercase()
}

struct AreaBuild {
    line: u64,
    seats: Option<(u32, u64)>,
    constituencies: Option<(u32, u64)>,
    constituency_seats: u64,
    /// Each party's folded name: its first line and spelling.
    parties: BTreeMap<String, (u64, String)>,
    area: Area,
}

/// Reads a votes CSV into areas, in the order each area first appears (its
/// rows in the order given). Every problem is collected.
///
/// # Errors
///
/// Every problem, each with its line and field.
pub fn read_votes(bytes: &[u8], options: &VotesOptions) -> Result<Vec<Area>, Vec<ListProblem>> {
    let mut problems = Vec::new();
    let Some(t) = table(
        bytes,
        &[
            "area",
            "party",
            "votes",
            "constituency_seats",
            "individual",
            "constituencies",
            "seats_to_fill",
        ],
        &["area", "party", "votes"],
        VOTES_COLUMNS,
        &mut problems,
    ) else {
        return Err(problems);
    };
    if t.rows.is_empty() && problems.is_empty() {
        problems.push(ListProblem {
            line: 0,
            field: None,
            kind: ListProblemKind::NoRows(
                "nothing to allocate (a row `area,party,votes` for each party and individual candidate)",
            ),
        });
        return Err(problems);
    }
    let mut areas: Vec<AreaBuild> = Vec::new();
    // Each area's folded name: its place in `areas`.
    let mut area_index: BTreeMap<String, usize> = BTreeMap::new();
    // Each individual candidate's folded name: the first row's line, area
    // and spelling.
    let mut individuals: BTreeMap<String, (u64, String)> = BTreeMap::new();
    for (line, row) in &t.rows {
        let line = *line;
        let at = |field: &str, kind| ListProblem {
            line,
            field: Some(field.to_owned()),
            kind,
        };
        let before = problems.len();
        let text = |field: &'static str, problems: &mut Vec<ListProblem>| -> String {
            let v = t.get(row, field).unwrap_or_default();
            if v.is_empty() {
                problems.push(at(field, ListProblemKind::EmptyValue));
            }
            v.to_owned()
        };
        let area = text("area", &mut problems);
        let party = text("party", &mut problems);
        let votes = match whole(t.get(row, "votes").unwrap_or_default()) {
            Ok(v) => v,
            Err(k) => {
                problems.push(at("votes", k));
                0
            }
        };
        let individual = match t
            .get(row, "individual")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "" | "no" => false,
            "yes" => true,
            other => {
                problems.push(at("individual", ListProblemKind::BadFlag(other.to_owned())));
                false
            }
        };
        let optional = |field: &'static str, problems: &mut Vec<ListProblem>| -> Option<u32> {
            let v = t.get(row, field).unwrap_or_default();
            if v.is_empty() {
                return None;
            }
            match small(v) {
                Ok(n) => Some(n),
                Err(k) => {
                    problems.push(at(field, k));
                    None
                }
            }
        };
        let cseats = optional("constituency_seats", &mut problems).unwrap_or(0);
        if cseats > 0 && options.method == Method::DHondt {
            problems.push(at(
                "constituency_seats",
                ListProblemKind::ConstituencySeatsNotAms,
            ));
        }
        if individual && cseats > 1 {
            problems.push(at(
                "constituency_seats",
                ListProblemKind::IndividualSeats(u64::from(cseats)),
            ));
        }
        let constituencies = optional("constituencies", &mut problems);
        let seats = optional("seats_to_fill", &mut problems);
        if seats == Some(0) {
            problems.push(at("seats_to_fill", ListProblemKind::ZeroSeats));
        }
        if problems.len() > before {
            continue;
        }
        // Areas and parties are compared without regard to case: `A` and
        // `a` are one area spelt two ways, refused.
        let area_key = folded(&area);
        let found = area_index.get(&area_key).copied();
        if let Some(b) = found.and_then(|i| areas.get(i)) {
            if b.area.name != area {
                problems.push(at(
                    "area",
                    ListProblemKind::AreaCaseTwice {
                        area: area.clone(),
                        other: b.area.name.clone(),
                        first: b.line,
                    },
                ));
                continue;
            }
        }
        let party_key = folded(&party);
        if individual {
            if let Some((first, first_area)) = individuals.get(&party_key) {
                let kind = if *first_area == area {
                    ListProblemKind::IndividualTwice {
                        name: party.clone(),
                        first: *first,
                    }
                } else {
                    ListProblemKind::IndividualInTwoAreas {
                        name: party.clone(),
                        area: area.clone(),
                        first_area: first_area.clone(),
                        first: *first,
                    }
                };
                problems.push(at("party", kind));
                continue;
            }
            individuals.insert(party_key.clone(), (line, area.clone()));
        }
        let index = match found {
            Some(i) => i,
            None => {
                areas.push(AreaBuild {
                    line,
                    seats: None,
                    constituencies: None,
                    constituency_seats: 0,
                    parties: BTreeMap::new(),
                    area: Area::new(area.clone(), 0),
                });
                area_index.insert(area_key, areas.len() - 1);
                areas.len() - 1
            }
        };
        let Some(build) = areas.get_mut(index) else {
            continue;
        };
        if let Some((first, other)) = build.parties.get(&party_key) {
            let kind = if *other == party {
                ListProblemKind::DuplicateParty {
                    area: area.clone(),
                    party: party.clone(),
                    first: *first,
                }
            } else {
                ListProblemKind::PartyCaseTwice {
                    area: area.clone(),
                    party: party.clone(),
                    other: other.clone(),
                    first: *first,
                }
            };
            problems.push(at("party", kind));
            continue;
        }
        build.parties.insert(party_key, (line, party.clone()));
        for (field, value, slot) in [
            ("seats_to_fill", seats, &mut build.seats),
            ("constituencies", constituencies, &mut build.constituencies),
        ] {
            if let Some(v) = value {
                match slot {
                    Some((first, first_line)) if *first != v => problems.push(at(
                        field,
                        ListProblemKind::AreaValueDiffers {
                            value: u64::from(v),
                            first: u64::from(*first),
                            line: *first_line,
                        },
                    )),
                    Some(_) => {}
                    None => *slot = Some((v, line)),
                }
            }
        }
        build.constituency_seats += u64::from(cseats);
        if cseats > 0 {
            match build
                .constituencies
                .map(|(n, _)| n)
                .or(options.constituencies)
            {
                None => problems.push(at(
                    "constituency_seats",
                    ListProblemKind::ConstituenciesUnknown(area.clone()),
                )),
                Some(n) if build.constituency_seats > u64::from(n) => problems.push(at(
                    "constituency_seats",
                    ListProblemKind::TooManyConstituencySeats {
                        area: area.clone(),
                        seats: build.constituency_seats,
                        constituencies: u64::from(n),
                    },
                )),
                Some(_) => {}
            }
        }
        let mut c = if individual {
            Contestant::individual(party, votes)
        } else {
            Contestant::party(party, votes)
        };
        c.constituency_seats = cseats;
        build.area.contestants.push(c);
    }
    let mut out = Vec::with_capacity(areas.len());
    for b in areas {
        match b.seats.map(|(n, _)| n).or(options.seats) {
            Some(n) => {
                let mut area = b.area;
                area.seats = n;
                out.push(area);
            }
            None => problems.push(ListProblem {
                line: b.line,
                field: Some("seats_to_fill".to_owned()),
                kind: ListProblemKind::SeatsUnknown(b.area.name.clone()),
            }),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Reads a lists CSV into the areas' parties (each list in position order).
///
/// # Errors
///
/// Every problem, each with its line and field: an area or party not in
/// the votes, a list for an individual candidate, a position given twice.
pub fn read_lists(bytes: &[u8], areas: &mut [Area]) -> Result<(), Vec<ListProblem>> {
    let mut problems = Vec::new();
    let Some(t) = table(
        bytes,
        &["area", "party", "position", "name", "status"],
        &["area", "party", "position", "name"],
        LISTS_COLUMNS,
        &mut problems,
    ) else {
        return Err(problems);
    };
    if t.rows.is_empty() && problems.is_empty() {
        problems.push(ListProblem {
            line: 0,
            field: None,
            kind: ListProblemKind::NoRows(
                "no list names a member, so every party would take no seat (a row `area,party,position,name` for each person on a list)",
            ),
        });
        return Err(problems);
    }
    let mut lists: BTreeMap<(usize, usize), BTreeMap<u64, ListMember>> = BTreeMap::new();
    for (line, row) in &t.rows {
        let line = *line;
        let at = |field: &str, kind| ListProblem {
            line,
            field: Some(field.to_owned()),
            kind,
        };
        let area = t.get(row, "area").unwrap_or_default();
        let party = t.get(row, "party").unwrap_or_default();
        let name = t.get(row, "name").unwrap_or_default();
        let before = problems.len();
        for (field, v) in [("area", area), ("party", party), ("name", name)] {
            if v.is_empty() {
                problems.push(at(field, ListProblemKind::EmptyValue));
            }
        }
        let position = match whole(t.get(row, "position").unwrap_or_default()) {
            Ok(0) => {
                problems.push(at("position", ListProblemKind::Zero));
                0
            }
            Ok(p) => p,
            Err(k) => {
                problems.push(at("position", k));
                0
            }
        };
        let status = match t
            .get(row, "status")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "" | "standing" => MemberStatus::Standing,
            "returned" => MemberStatus::Returned,
            "withdrawn" => MemberStatus::Withdrawn,
            "died" => MemberStatus::Died,
            other => {
                problems.push(at("status", ListProblemKind::BadStatus(other.to_owned())));
                MemberStatus::Standing
            }
        };
        if problems.len() > before {
            continue;
        }
        // Matched to the votes file's names without regard to case (the
        // votes file refuses two names differing only in case, so this
        // finds one at most).
        let (area_key, party_key) = (folded(area), folded(party));
        let Some(ai) = areas.iter().position(|a| folded(&a.name) == area_key) else {
            problems.push(at("area", ListProblemKind::UnknownArea(area.to_owned())));
            continue;
        };
        let Some(pi) = areas.get(ai).and_then(|a| {
            a.contestants
                .iter()
                .position(|c| folded(&c.name) == party_key)
        }) else {
            problems.push(at(
                "party",
                ListProblemKind::UnknownParty {
                    area: area.to_owned(),
                    party: party.to_owned(),
                },
            ));
            continue;
        };
        if areas
            .get(ai)
            .and_then(|a| a.contestants.get(pi))
            .is_some_and(|c| c.individual)
        {
            problems.push(at(
                "party",
                ListProblemKind::ListForIndividual(party.to_owned()),
            ));
            continue;
        }
        let list = lists.entry((ai, pi)).or_default();
        if list.contains_key(&position) {
            problems.push(at(
                "position",
                ListProblemKind::DuplicatePosition {
                    area: area.to_owned(),
                    party: party.to_owned(),
                    position,
                },
            ));
            continue;
        }
        list.insert(
            position,
            ListMember {
                name: name.to_owned(),
                status,
            },
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for ((ai, pi), list) in lists {
        if let Some(c) = areas.get_mut(ai).and_then(|a| a.contestants.get_mut(pi)) {
            c.list = Some(list.into_values().collect());
        }
    }
    // A party with no rows in a lists file that was given has no list.
    for area in areas.iter_mut() {
        for c in &mut area.contestants {
            if !c.individual && c.list.is_none() {
                c.list = Some(Vec::new());
            }
        }
    }
    Ok(())
}

/// Where each lot was read: the lots file's line of the lot for a round of
/// an area, so that a problem the allocation finds with a lot
/// (`countroom_list::AllocationError::LotNotTied`, `LotUnused`,
/// `LotNoSuchRound`) names the row that recorded it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LotLines {
    lines: BTreeMap<(String, u32), u64>,
}

impl LotLines {
    /// The line of the lot for `round` of `area` (the area as the votes
    /// file spells it), if the lots file recorded one.
    #[must_use]
    pub fn line(&self, area: &str, round: u32) -> Option<u64> {
        self.lines.get(&(area.to_owned(), round)).copied()
    }
}

/// A problem the allocation found with a recorded lot, placed at the lots
/// file's row: its line and the field at fault (`winner` for a winner not
/// among those equal, `round` otherwise). `None` for any other error, or a
/// lot the file did not record.
#[must_use]
pub fn lot_problem_place(
    error: &countroom_list::AllocationError,
    lines: &LotLines,
) -> Option<(u64, &'static str)> {
    use countroom_list::AllocationError as E;
    let (area, round, field) = match error {
        E::LotNotTied { area, round, .. } => (area, *round, "winner"),
        E::LotUnused { area, round } | E::LotTwice { area, round } => (area, *round, "round"),
        E::LotNoSuchRound { area, round, .. } => (area, *round, "round"),
        _ => return None,
    };
    lines.line(area, round).map(|l| (l, field))
}

/// Reads a lots CSV (`area,round,winner`) into the areas (the area and
/// the winner matched to the votes file's names without regard to case);
/// the line of each lot read.
///
/// # Errors
///
/// Every problem: an area or winner not in the votes, a round of 0, two
/// lots for one round.
pub fn read_lots(bytes: &[u8], areas: &mut [Area]) -> Result<LotLines, Vec<ListProblem>> {
    let mut lines = LotLines::default();
    let mut problems = Vec::new();
    let Some(t) = table(
        bytes,
        &["area", "round", "winner"],
        &["area", "round", "winner"],
        LOTS_COLUMNS,
        &mut problems,
    ) else {
        return Err(problems);
    };
    for (line, row) in &t.rows {
        let line = *line;
        let at = |field: &str, kind| ListProblem {
            line,
            field: Some(field.to_owned()),
            kind,
        };
        let area = t.get(row, "area").unwrap_or_default();
        let winner = t.get(row, "winner").unwrap_or_default();
        let round = match small(t.get(row, "round").unwrap_or_default()) {
            Ok(0) => {
                problems.push(at("round", ListProblemKind::Zero));
                continue;
            }
            Ok(r) => r,
            Err(k) => {
                problems.push(at("round", k));
                continue;
            }
        };
        let (area_key, winner_key) = (folded(area), folded(winner));
        let Some(a) = areas.iter_mut().find(|a| folded(&a.name) == area_key) else {
            problems.push(at("area", ListProblemKind::UnknownArea(area.to_owned())));
            continue;
        };
        let Some(winner) = a
            .contestants
            .iter()
            .find(|c| folded(&c.name) == winner_key)
            .map(|c| c.name.clone())
        else {
            problems.push(at(
                "winner",
                ListProblemKind::UnknownParty {
                    area: area.to_owned(),
                    party: winner.to_owned(),
                },
            ));
            continue;
        };
        if a.lots.iter().any(|l| l.round == round) {
            problems.push(at(
                "round",
                ListProblemKind::LotTwice {
                    area: area.to_owned(),
                    round: u64::from(round),
                },
            ));
            continue;
        }
        lines.lines.insert((a.name.clone(), round), line);
        a.lots.push(Lot { round, winner });
    }
    if problems.is_empty() {
        Ok(lines)
    } else {
        Err(problems)
    }
}

/// The name of a method as the command line spells it.
#[must_use]
pub fn method_name(m: Method) -> &'static str {
    match m {
        Method::DHondt => "dhondt",
        Method::Ams => "ams",
    }
}

/// The name of a tie rule as `--ties` spells it (`unsettled` for none).
#[must_use]
pub fn tie_rule_name(t: TieRule) -> &'static str {
    match t {
        TieRule::Lot => "lot",
        TieRule::EachThenOneVoteThenLot => "each-then-one-vote-then-lot",
        TieRule::EachThenUnsettled => "each-then-unsettled",
        TieRule::RecalculateOneMoreSeatThenLot => "one-more-seat-then-lot",
        TieRule::Unsettled => "unsettled",
    }
}

fn tie_name(t: TieSettled) -> Option<&'static str> {
    match t {
        TieSettled::None => None,
        TieSettled::EachAllocated => Some("each_allocated"),
        TieSettled::OneMoreVote => Some("one_more_vote"),
        TieSettled::OneMoreSeat => Some("one_more_seat"),
        TieSettled::Lot => Some("lot"),
    }
}

fn disregarded_name(d: Disregarded) -> &'static str {
    match d {
        Disregarded::Threshold => "under_threshold",
        Disregarded::ReturnedAsConstituencyMember => "returned_as_constituency_member",
        Disregarded::ListExhausted => "list_exhausted",
    }
}

/// A figure's two forms; every `u64` of votes over any divisor the
/// allocation makes prints a true figure (computed in 128 bits); `"-"` only
/// for a divisor of 0, which it never makes.
fn figure_strings(f: &Figure) -> (String, String) {
    (f.decimal().unwrap_or_else(|| "-".to_owned()), f.exact())
}

#[derive(Serialize)]
struct JsonRound {
    seat: u32,
    party: String,
    individual: bool,
    votes: u64,
    divisor: u64,
    figure: String,
    figure_exact: String,
    member: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tie: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonNext {
    party: String,
    figure: String,
    figure_exact: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    equal: Vec<String>,
}

#[derive(Serialize)]
struct JsonArea {
    area: String,
    seats_to_fill: u32,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unfilled: Option<u32>,
    total_votes: String,
    rounds: Vec<JsonRound>,
    next: Option<JsonNext>,
    seats_by_party: BTreeMap<String, u32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    constituency_seats_by_party: BTreeMap<String, u32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    disregarded: BTreeMap<String, &'static str>,
}

#[derive(Serialize)]
struct JsonAllocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    rehearsal: Option<&'a Rehearsal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ruleset: Option<&'a CitedRuleset>,
    method: &'static str,
    threshold: Option<String>,
    tie_rule: &'static str,
    rounding: &'static str,
    areas: Vec<JsonArea>,
    total_by_party: BTreeMap<String, u64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    total_with_constituency_by_party: BTreeMap<String, u64>,
}

fn status_name(s: &Status) -> &'static str {
    match s {
        Status::Complete => "complete",
        Status::LotRequired { .. } => "lot_required",
        Status::TieRuleUnsettled { .. } => "tie_rule_unsettled",
        Status::MoreTiedThanSeatsLeft { .. } => "more_tied_than_seats_left",
        Status::Unfilled { .. } => "unfilled",
    }
}

fn json_area(a: &AreaAllocation, input: Option<&Area>, method: Method) -> JsonArea {
    let constituency: BTreeMap<String, u32> = match (method, input) {
        (Method::Ams, Some(area)) => area
            .contestants
            .iter()
            .map(|c| (c.name.clone(), c.constituency_seats))
            .collect(),
        _ => BTreeMap::new(),
    };
    JsonArea {
        area: a.area.clone(),
        seats_to_fill: a.seats_to_fill,
        status: status_name(&a.status),
        unfilled: match a.status {
            Status::Unfilled { seats } => Some(seats),
            _ => None,
        },
        total_votes: a.total_votes.to_string(),
        rounds: a
            .rounds
            .iter()
            .map(|r| {
                let (figure, figure_exact) = figure_strings(&r.figure);
                JsonRound {
                    seat: r.seat,
                    party: r.contestant.clone(),
                    individual: r.individual,
                    votes: r.figure.votes,
                    divisor: r.figure.divisor,
                    figure,
                    figure_exact,
                    member: r.member.clone(),
                    tie: tie_name(r.tie),
                }
            })
            .collect(),
        next: a.next.as_ref().map(|n| {
            let (figure, figure_exact) = figure_strings(&n.figure);
            JsonNext {
                party: n.contestant.clone(),
                figure,
                figure_exact,
                equal: n.equal.clone(),
            }
        }),
        seats_by_party: a.seats_by_contestant.clone(),
        constituency_seats_by_party: constituency,
        disregarded: a
            .disregarded
            .iter()
            .map(|(k, v)| (k.clone(), disregarded_name(*v)))
            .collect(),
    }
}

/// The allocation as JSON (pretty, a line feed at the end): keys of every
/// map sorted by name, rounds in order. `areas` are the inputs, for the
/// constituency seats of the additional member system.
///
/// # Errors
///
/// If serde_json fails (it does not for these types; passed on).
pub fn allocation_json(
    allocation: &Allocation,
    areas: &[Area],
    options: &Options,
) -> Result<Vec<u8>, serde_json::Error> {
    allocation_json_cited(allocation, areas, options, None)
}

/// The list ruleset an allocation was made under (`allocate --poll`), as
/// the outputs cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedRuleset {
    /// The ruleset's code (`senedd-regional-2007`).
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
    /// The Act's provisions for the voting system.
    pub system: &'static str,
    /// The conduct rules.
    pub instrument: &'static str,
    /// Where the seats per area are.
    pub seats: &'static str,
    /// Where the threshold is, if there is one.
    pub threshold: Option<&'static str>,
    /// Where the rule for equal highest figures is.
    pub equal_figures: &'static str,
}

/// The header of the text round table under a ruleset: its code and name,
/// then each provision it rests on, one a line.
#[must_use]
pub fn ruleset_header_text(r: &CitedRuleset) -> String {
    let mut s = format!("RULESET: {} ({})\n", r.code, r.name);
    s.push_str(&format!("  Voting system: {}\n", r.system));
    s.push_str(&format!("  Conduct rules: {}\n", r.instrument));
    s.push_str(&format!("  Seats: {}\n", r.seats));
    if let Some(t) = r.threshold {
        s.push_str(&format!("  Threshold: {t}\n"));
    }
    s.push_str(&format!("  Equal highest figures: {}\n\n", r.equal_figures));
    s
}

/// [`allocation_json`] with the ruleset it was made under, as a first key
/// `ruleset` (left out when `None`).
///
/// # Errors
///
/// If serde_json fails (it does not for these types; passed on).
pub fn allocation_json_cited(
    allocation: &Allocation,
    areas: &[Area],
    options: &Options,
    ruleset: Option<&CitedRuleset>,
) -> Result<Vec<u8>, serde_json::Error> {
    allocation_json_rehearsal(allocation, areas, options, ruleset, None)
}

/// Lots drawn from a published seed for a rehearsal (`allocate --seed`):
/// the allocation they settle is a rehearsal, never a declared result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rehearsal {
    /// The published seed.
    pub seed: String,
    /// The draw (`countroom-lot-v1`, docs/count-log.md "Seeded lots").
    pub algorithm: &'static str,
    /// What the output is.
    pub note: &'static str,
    /// Each draw, in the order made.
    pub draws: Vec<RehearsalDraw>,
}

/// What [`Rehearsal::note`] says.
pub const REHEARSAL_NOTE: &str =
    "a rehearsal: equal highest figures settled by draws from a published seed, not by lots drawn at the count; never a declared result";

/// One lot drawn from the seed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RehearsalDraw {
    /// The area.
    pub area: String,
    /// The seat (round) it settles.
    pub seat: u32,
    /// Those tied, in the byte order of their names (numbered from 0 for
    /// the draw).
    pub tied: Vec<String>,
    /// The one drawn.
    pub winner: String,
    /// The draw's context.
    pub context: String,
}

/// The head of the text output of a rehearsal: the seed and every draw.
#[must_use]
pub fn rehearsal_header_text(r: &Rehearsal) -> String {
    let mut s = format!(
        "REHEARSAL (seed {:?}, {}): {}.\n",
        r.seed, r.algorithm, r.note
    );
    for d in &r.draws {
        s.push_str(&format!(
            "  {}, seat {}: between {}, the draw fell on {} (context {}).\n",
            d.area,
            d.seat,
            d.tied.join(" and "),
            d.winner,
            d.context
        ));
    }
    s.push('\n');
    s
}

/// [`allocation_json_cited`] with the rehearsal's draws, as a first key
/// `rehearsal` (left out when `None`).
///
/// # Errors
///
/// If serde_json fails (it does not for these types; passed on).
pub fn allocation_json_rehearsal(
    allocation: &Allocation,
    areas: &[Area],
    options: &Options,
    ruleset: Option<&CitedRuleset>,
    rehearsal: Option<&Rehearsal>,
) -> Result<Vec<u8>, serde_json::Error> {
    let json_areas: Vec<JsonArea> = allocation
        .areas
        .iter()
        .map(|a| json_area(a, areas.iter().find(|x| x.name == a.area), options.method))
        .collect();
    let with_constituency = match options.method {
        Method::Ams => allocation.total_with_constituency.clone(),
        Method::DHondt => BTreeMap::new(),
    };
    let doc = JsonAllocation {
        rehearsal,
        ruleset,
        method: method_name(options.method),
        threshold: options.threshold.map(|t| t.to_string()),
        tie_rule: tie_rule_name(options.tie_rule),
        rounding: "figure: two places, half to even; figure_exact: the exact fraction",
        areas: json_areas,
        total_by_party: allocation.total_by_contestant.clone(),
        total_with_constituency_by_party: with_constituency,
    };
    let mut out = serde_json::to_vec_pretty(&doc)?;
    out.push(b'\n');
    Ok(out)
}

/// The allocation as one CSV table, `area,kind,seat,party,votes,divisor,
/// figure,figure_exact,member,seats`: a row per seat (`kind` `round`),
/// the next figure (`next`), and each party's seats (`seats`), area by
/// area, with the rows that let a reader reproduce the allocation as the
/// text and JSON do: the method, tie rule and threshold, each area's seats
/// to fill and status, how an equality was settled (`tie`), those equal at
/// the next figure (`next_equal`), and who was passed over and why
/// (`disregarded`). Every row kind is in docs/formats.md, "List
/// allocation".
///
/// # Errors
///
/// If the csv writer fails (it does not writing to memory; passed on).
pub fn allocation_csv(allocation: &Allocation, options: &Options) -> Result<Vec<u8>, csv::Error> {
    allocation_csv_cited(allocation, options, None, None)
}

/// [`allocation_csv`] with a rehearsal's draws first, a row each (`kind`
/// `rehearsal_lot`: the area, the seat, the one drawn as `party`, and in
/// `member` the seed and those tied), then the ruleset an allocation was
/// made under (`allocate --poll`), a `ruleset` row per provision (the
/// provision in `party`: `code`, `name`, `system`, `instrument`, `seats`,
/// `threshold`, `equal_figures`; its text in `member`).
///
/// # Errors
///
/// If the csv writer fails (it does not writing to memory; passed on).
pub fn allocation_csv_cited(
    allocation: &Allocation,
    options: &Options,
    ruleset: Option<&CitedRuleset>,
    rehearsal: Option<&Rehearsal>,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "area",
        "kind",
        "seat",
        "party",
        "votes",
        "divisor",
        "figure",
        "figure_exact",
        "member",
        "seats",
    ])?;
    if let Some(r) = rehearsal {
        for d in &r.draws {
            note(
                &mut w,
                d.area.as_str(),
                "rehearsal_lot",
                &d.seat.to_string(),
                &d.winner,
                &format!(
                    "rehearsal draw from the published seed {:?} ({}) between {}: never a declared result",
                    r.seed,
                    r.algorithm,
                    d.tied.join(" and ")
                ),
                "",
            )?;
        }
    }
    if let Some(c) = ruleset {
        let provisions = [
            ("code", Some(c.code)),
            ("name", Some(c.name)),
            ("system", Some(c.system)),
            ("instrument", Some(c.instrument)),
            ("seats", Some(c.seats)),
            ("threshold", c.threshold),
            ("equal_figures", Some(c.equal_figures)),
        ];
        for (key, text) in provisions {
            if let Some(text) = text {
                note(&mut w, "", "ruleset", "", key, text, "")?;
            }
        }
    }
    note(
        &mut w,
        "",
        "method",
        "",
        "",
        method_name(options.method),
        "",
    )?;
    note(
        &mut w,
        "",
        "tie_rule",
        "",
        "",
        tie_rule_name(options.tie_rule),
        "",
    )?;
    if let Some(t) = options.threshold {
        note(&mut w, "", "threshold", "", "", &t.to_string(), "")?;
    }
    for a in &allocation.areas {
        let area = a.area.as_str();
        note(
            &mut w,
            area,
            "seats_to_fill",
            "",
            "",
            "",
            &a.seats_to_fill.to_string(),
        )?;
        for r in &a.rounds {
            let (figure, exact) = figure_strings(&r.figure);
            let seat = r.seat.to_string();
            w.write_record([
                area,
                "round",
                &seat,
                &r.contestant,
                &r.figure.votes.to_string(),
                &r.figure.divisor.to_string(),
                &figure,
                &exact,
                r.member.as_deref().unwrap_or(""),
                "",
            ])?;
            if let Some(how) = tie_name(r.tie) {
                note(&mut w, area, "tie", &seat, &r.contestant, how, "")?;
            }
        }
        if let Some(n) = &a.next {
            let (figure, exact) = figure_strings(&n.figure);
            w.write_record([
                area,
                "next",
                "",
                &n.contestant,
                &n.figure.votes.to_string(),
                &n.figure.divisor.to_string(),
                &figure,
                &exact,
                "",
                "",
            ])?;
            for other in &n.equal {
                w.write_record([
                    area,
                    "next_equal",
                    "",
                    other,
                    "",
                    "",
                    &figure,
                    &exact,
                    "",
                    "",
                ])?;
            }
        }
        let unfilled = match a.status {
            Status::Unfilled { seats } => seats.to_string(),
            _ => String::new(),
        };
        note(
            &mut w,
            area,
            "status",
            "",
            "",
            status_name(&a.status),
            &unfilled,
        )?;
        // Who was passed over and why: the allocation's own reasons, and
        // (the round rows not saying who is an individual candidate) each
        // individual candidate who took a seat, one at most.
        let mut passed: BTreeMap<&str, &str> = a
            .disregarded
            .iter()
            .map(|(k, v)| (k.as_str(), disregarded_name(*v)))
            .collect();
        for r in a.rounds.iter().filter(|r| r.individual) {
            passed
                .entry(r.contestant.as_str())
                .or_insert("individual_elected");
        }
        for (name, why) in passed {
            note(&mut w, area, "disregarded", "", name, why, "")?;
        }
        for (party, seats) in &a.seats_by_contestant {
            note(&mut w, area, "seats", "", party, "", &seats.to_string())?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// A row with only `area`, `kind`, `seat`, `party`, `member` and `seats`
/// (the figures' columns empty).
fn note(
    w: &mut csv::Writer<Vec<u8>>,
    area: &str,
    kind: &str,
    seat: &str,
    party: &str,
    member: &str,
    seats: &str,
) -> Result<(), csv::Error> {
    w.write_record([area, kind, seat, party, "", "", "", "", member, seats])
}

/// A figure to two places with thousands separated, as the text prints
/// it; every figure the allocation makes has one (`-` only for a divisor
/// of 0, which it never makes).
fn decimal_text(f: &Figure) -> String {
    match f.hundredths() {
        // votes ÷ divisor ≤ u64::MAX, so the whole part fits a u64.
        Some(h) => match u64::try_from(h / 100) {
            Ok(whole) => format!("{}.{:02}", countroom_arith::thousands(whole), h % 100),
            Err(_) => format!("{}.{:02}", h / 100, h % 100),
        },
        None => "-".to_owned(),
    }
}

/// The allocation as text, laid out as the regional (London-wide)
/// declarations' round tables: for each area, each round's seat, who took
/// it, votes ÷ divisor = figure (two places, half to even) and the member;
/// then the next figure, and the seats by party.
#[must_use]
pub fn allocation_text(allocation: &Allocation, options: &Options) -> Vec<u8> {
    let mut s = String::new();
    let method = match options.method {
        Method::DHondt => "D'Hondt (divisor: 1 + list seats allocated)",
        Method::Ams => {
            "additional member system (divisor: 1 + constituency seats + list seats allocated)"
        }
    };
    s.push_str(&format!("ALLOCATION OF SEATS: {method}\n"));
    if let Some(t) = options.threshold {
        s.push_str(&format!(
            "Threshold: parties and individual candidates with less than {t} of the area's votes take no seat\n"
        ));
    }
    s.push_str(
        "Figures are votes ÷ divisor, shown to two places (half to even); the exact fraction is in the JSON.\n",
    );
    for a in &allocation.areas {
        s.push_str(&format!(
            "\n{}: {} seat{} to fill, {} votes\n\n",
            a.area,
            a.seats_to_fill,
            if a.seats_to_fill == 1 { "" } else { "s" },
            i128::try_from(a.total_votes)
                .map_or_else(|_| a.total_votes.to_string(), countroom_arith::thousands)
        ));
        let width = a
            .rounds
            .iter()
            .map(|r| r.contestant.chars().count())
            .chain(a.next.iter().map(|n| n.contestant.chars().count()))
            .chain(std::iter::once(5))
            .max()
            .unwrap_or(5);
        s.push_str(&format!(
            "  {:>4}  {:<width$}  {:>12}  {:>7}  {:>14}  Member\n",
            "Seat", "Party", "Votes", "Divisor", "Figure"
        ));
        for r in &a.rounds {
            let tie = match r.tie {
                TieSettled::None => "",
                TieSettled::EachAllocated => "  (equal: each allocated a seat)",
                TieSettled::OneMoreVote => "  (equal: settled with one more vote each)",
                TieSettled::OneMoreSeat => "  (equal: settled as though each had one more seat)",
                TieSettled::Lot => "  (equal: settled by lot)",
            };
            s.push_str(&format!(
                "  {:>4}  {:<width$}  {:>12}  {:>7}  {:>14}  {}{}\n",
                r.seat,
                r.contestant,
                countroom_arith::thousands(r.figure.votes),
                r.figure.divisor,
                decimal_text(&r.figure),
                r.member.as_deref().unwrap_or("-"),
                tie
            ));
        }
        if let Some(n) = &a.next {
            s.push_str(&format!(
                "  {:>4}  {:<width$}  {:>12}  {:>7}  {:>14}  (next highest figure{})\n",
                "next",
                n.contestant,
                countroom_arith::thousands(n.figure.votes),
                n.figure.divisor,
                decimal_text(&n.figure),
                if n.equal.is_empty() {
                    String::new()
                } else {
                    format!("; equal: {}", n.equal.join(", "))
                }
            ));
        }
        match &a.status {
            Status::Complete => {}
            Status::Unfilled { seats } => s.push_str(&format!(
                "  {seats} seat{} not filled: no party or candidate left to take {}\n",
                if *seats == 1 { "" } else { "s" },
                if *seats == 1 { "it" } else { "them" }
            )),
            Status::LotRequired { round, tied, .. } => s.push_str(&format!(
                "  Seat {round}: equal highest figures ({}): a lot is required\n",
                tied.join(", ")
            )),
            Status::TieRuleUnsettled { round, tied } => s.push_str(&format!(
                "  Seat {round}: equal highest figures ({}): the tie rule is not settled\n",
                tied.join(", ")
            )),
            Status::MoreTiedThanSeatsLeft {
                round,
                tied,
                seats_left,
            } => s.push_str(&format!(
                "  Seat {round}: equal highest figures ({}) for {seats_left} seat{} left: more than can each take one (Scotland Act 1998 s.8(7)); the rule for this case is not settled\n",
                tied.join(", "),
                if *seats_left == 1 { "" } else { "s" }
            )),
        }
        for (name, d) in &a.disregarded {
            s.push_str(&format!(
                "  {name}: {}\n",
                disregarded_name(*d).replace('_', " ")
            ));
        }
        s.push_str("\n  Seats allocated:\n");
        for (name, seats) in &a.seats_by_contestant {
            if *seats > 0 {
                s.push_str(&format!("    {name}: {seats}\n"));
            }
        }
    }
    if allocation.areas.len() > 1 {
        s.push_str("\nTotal seats allocated:\n");
        for (name, seats) in &allocation.total_by_contestant {
            if *seats > 0 {
                s.push_str(&format!("  {name}: {seats}\n"));
            }
        }
    }
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(method: Method) -> VotesOptions {
        VotesOptions {
            method,
            seats: Some(4),
            constituencies: None,
        }
    }

    fn codes(e: &[ListProblem]) -> Vec<&'static str> {
        e.iter().map(|p| p.kind.code()).collect()
    }

    /// A byte-order mark, quoted fields, thousands separators, CRLF and
    /// column names in any case read.
    #[test]
    fn published_forms_read() {
        let bytes = b"\xEF\xBB\xBFArea,Party,Votes,Individual\r\n\"North, Wales\",\"Plaid Cymru\",\"1,234\",\r\nNorth; Wales,A,1234567,\r\n\"North, Wales\",Jo Bloggs,\"12\",YES\r\n";
        let areas = read_votes(bytes, &opts(Method::DHondt)).unwrap();
        assert_eq!(areas.len(), 2);
        assert_eq!(areas[0].name, "North, Wales");
        assert_eq!(areas[0].contestants[0].votes, 1_234);
        assert!(areas[0].contestants[1].individual);
        assert_eq!(areas[1].contestants[0].votes, 1_234_567);
        assert_eq!(areas[0].seats, 4);
    }

    /// Line numbers are the file's own on CRLF files (a spreadsheet's
    /// export), a byte-order mark and blank lines: the csv crate's count
    /// lags by one after each CRLF (rust-csv #395). Hand-counted: the bad
    /// rows are lines 3 and 6 of the file.
    #[test]
    fn crlf_lines_are_the_files_own() {
        let bytes = b"\xEF\xBB\xBFarea,party,votes\r\nR,A,1\r\nR,B,-2\r\n\r\nR,C,3\r\nR,D,x\r\n";
        let e = read_votes(bytes, &opts(Method::DHondt)).unwrap_err();
        assert_eq!(codes(&e), ["negative_number", "bad_number"]);
        assert_eq!(e.iter().map(|p| p.line).collect::<Vec<_>>(), [3, 6]);
        let lf: Vec<u8> = bytes.iter().copied().filter(|&b| b != b'\r').collect();
        let e = read_votes(&lf, &opts(Method::DHondt)).unwrap_err();
        assert_eq!(e.iter().map(|p| p.line).collect::<Vec<_>>(), [3, 6]);
        // The header's problems are on its own line, here the second.
        let e = read_votes(b"\r\narea,party,votes,colour\r\n", &opts(Method::DHondt)).unwrap_err();
        assert_eq!(codes(&e), ["unknown_column"]);
        assert_eq!(e[0].line, 2);
    }

    #[test]
    fn bad_votes_are_named() {
        let bytes = b"area,party,votes,individual,constituency_seats\nR,A,-5,,\nR,B,12.5,,\nR,C,1;2,,\nR,A,3,,\nR,I,3,yes,\nS,I,4,yes,\nR,D,3,maybe,\nR,E,1,,2\n";
        let e = read_votes(bytes, &opts(Method::DHondt)).unwrap_err();
        assert_eq!(
            codes(&e),
            [
                "negative_number",
                "not_whole_number",
                "bad_number",
                "individual_in_two_areas",
                "bad_flag",
                "constituency_seats_not_ams"
            ]
        );
        assert_eq!(e[0].line, 2);
        assert_eq!(e[0].field.as_deref(), Some("votes"));
        // Line 5 repeats A only after its first row was refused, so the
        // duplicate is found when both rows read:
        let e = read_votes(b"area,party,votes\nR,A,1\nR,A,2\n", &opts(Method::DHondt)).unwrap_err();
        assert_eq!(codes(&e), ["duplicate_party"]);
        assert_eq!(e[0].line, 3);
    }

    #[test]
    fn constituency_seats_are_checked_against_the_constituencies() {
        let bytes = b"area,party,votes,constituency_seats,constituencies\nR,A,10,5,8\nR,B,10,4,8\n";
        let e = read_votes(bytes, &opts(Method::Ams)).unwrap_err();
        assert_eq!(codes(&e), ["too_many_constituency_seats"]);
        assert_eq!(
            (e[0].line, e[0].field.as_deref()),
            (3, Some("constituency_seats"))
        );
        let e = read_votes(
            b"area,party,votes,constituency_seats\nR,A,10,5\n",
            &opts(Method::Ams),
        )
        .unwrap_err();
        assert_eq!(codes(&e), ["constituencies_unknown"]);
        let ok = read_votes(
            b"area,party,votes,constituency_seats\nR,A,10,5\n",
            &VotesOptions {
                constituencies: Some(9),
                ..opts(Method::Ams)
            },
        )
        .unwrap();
        assert_eq!(ok[0].contestants[0].constituency_seats, 5);
    }

    #[test]
    fn lists_and_lots_read_and_are_checked() {
        let mut areas = read_votes(
            b"area,party,votes,individual\nR,A,10,\nR,I,5,yes\n",
            &opts(Method::DHondt),
        )
        .unwrap();
        let e = read_lists(
            b"area,party,position,name\nR,B,1,Bo\nR,I,1,Ivy\nR,A,1,Al\nR,A,1,Ann\nQ,A,1,Al\n",
            &mut areas,
        )
        .unwrap_err();
        assert_eq!(
            codes(&e),
            [
                "unknown_party",
                "list_for_individual",
                "duplicate_position",
                "unknown_area"
            ]
        );
        read_lists(
            b"area,party,position,name,status\nR,A,2,Bea,\nR,A,1,Al,returned\n",
            &mut areas,
        )
        .unwrap();
        let list = areas[0].contestants[0].list.as_ref().unwrap();
        assert_eq!(list[0].name, "Al");
        assert_eq!(list[0].status, MemberStatus::Returned);
        read_lots(b"area,round,winner\nR,1,A\n", &mut areas).unwrap();
        let e = read_lots(b"area,round,winner\nR,1,A\nR,0,A\nR,2,Z\n", &mut areas).unwrap_err();
        assert_eq!(codes(&e), ["lot_twice", "zero", "unknown_party"]);
    }

    fn messages(e: &[ListProblem]) -> Vec<(u64, Option<&str>, String)> {
        e.iter()
            .map(|p| (p.line, p.field.as_deref(), p.kind.to_string()))
            .collect()
    }

    /// A header and no rows is refused (there is nothing to allocate);
    /// blank lines are no rows. A lists file with no rows too (it would
    /// leave every party without a member); a lots file with none records
    /// no lot, and reads.
    #[test]
    fn a_header_without_rows_is_refused() {
        for bytes in [
            &b"area,party,votes
"[..],
            b"area,party,votes


",
        ] {
            let e = read_votes(bytes, &opts(Method::DHondt)).unwrap_err();
            assert_eq!(codes(&e), ["no_rows"]);
            assert_eq!((e[0].line, e[0].field.as_deref()), (0, None));
        }
        // A row refused for its own reason is not also "no rows".
        let e = read_votes(
            b"area,party,votes
R,A
",
            &opts(Method::DHondt),
        )
        .unwrap_err();
        assert_eq!(codes(&e), ["field_count"]);
        let mut areas = read_votes(
            b"area,party,votes
R,A,1
",
            &opts(Method::DHondt),
        )
        .unwrap();
        let e = read_lists(
            b"area,party,position,name
",
            &mut areas,
        )
        .unwrap_err();
        assert_eq!(codes(&e), ["no_rows"]);
        assert_eq!(
            read_lots(
                b"area,round,winner
",
                &mut areas
            )
            .unwrap(),
            LotLines::default()
        );
    }

    /// Names are compared without regard to case or surrounding spaces: a
    /// party spelt two ways in one area, or an area spelt two ways, is
    /// refused naming both lines; the same party in two areas is not.
    #[test]
    fn names_differing_only_in_case_are_refused() {
        let e = read_votes(
            b"area,party,votes
A,Labour,1000
A,labour,900
A,X,450
B,LABOUR,5
a,Y,3
",
            &opts(Method::DHondt),
        )
        .unwrap_err();
        assert_eq!(
            messages(&e),
            [
                (
                    3,
                    Some("party"),
                    "\"labour\" is listed twice in area \"A\": \"Labour\" on line 2 differs from it only in letter case, and names are compared without regard to case (spell the party one way)".to_owned()
                ),
                (
                    6,
                    Some("area"),
                    "area \"a\" differs from area \"A\" (first on line 2) only in letter case, and names are compared without regard to case (spell the area one way)".to_owned()
                ),
            ]
        );
        assert_eq!(codes(&e), ["duplicate_party_case", "duplicate_area_case"]);
        // Unicode-aware: Ä and ä are one letter in two cases.
        let e = read_votes(
            "area,party,votes
A,Äpfel,1
A,äPFEL,2
"
            .as_bytes(),
            &opts(Method::DHondt),
        )
        .unwrap_err();
        assert_eq!(codes(&e), ["duplicate_party_case"]);
        // The exact same spelling keeps its own message.
        let e = read_votes(
            b"area,party,votes
A,X,1
A,X,2
",
            &opts(Method::DHondt),
        )
        .unwrap_err();
        assert_eq!(codes(&e), ["duplicate_party"]);
        // The lists and lots files match the votes file's names without
        // regard to case; the votes file's spelling is kept.
        let mut areas = read_votes(
            b"area,party,votes
North,Labour,10
North,Plaid,10
",
            &opts(Method::DHondt),
        )
        .unwrap();
        read_lists(
            b"area,party,position,name
north,LABOUR,1,Ann
NORTH,labour,2,Bob
North,Plaid,1,Cai
",
            &mut areas,
        )
        .unwrap();
        let names: Vec<&str> = areas[0].contestants[0]
            .list
            .as_ref()
            .unwrap()
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["Ann", "Bob"]);
        let lines = read_lots(
            b"area,round,winner
north,1,plaid
",
            &mut areas,
        )
        .unwrap();
        assert_eq!(areas[0].lots[0].winner, "Plaid");
        assert_eq!(lines.line("North", 1), Some(2));
        // A position given twice under two spellings is still one list.
        let e = read_lists(
            b"area,party,position,name
North,Labour,1,Ann
North,LABOUR,1,Bob
",
            &mut areas,
        )
        .unwrap_err();
        assert_eq!(codes(&e), ["duplicate_position"]);
    }

    /// `seats_to_fill` of 0 is refused with its line and field.
    #[test]
    fn zero_seats_to_fill_is_refused() {
        let e = read_votes(
            b"area,party,votes,seats_to_fill
A,X,100,0
A,Y,50,0
",
            &opts(Method::DHondt),
        )
        .unwrap_err();
        assert_eq!(codes(&e), ["zero_seats", "zero_seats"]);
        assert_eq!(
            messages(&e)[0],
            (
                2,
                Some("seats_to_fill"),
                "0 seats to fill: an area fills 1 seat at least".to_owned()
            )
        );
    }

    /// A whole number past the field's limit is "too large", not "not a
    /// whole number": votes past u64 (2^64 = 18,446,744,073,709,551,616),
    /// seats past u32 (2^32 = 4,294,967,296), thousands separated or not.
    #[test]
    fn numbers_too_large_are_named() {
        let e = read_votes(
            b"area,party,votes,seats_to_fill
A,X,18446744073709551616,
A,Y,\"18,446,744,073,709,551,616\",
A,Z,18446744073709551615,4294967296
",
            &opts(Method::DHondt),
        )
        .unwrap_err();
        assert_eq!(
            messages(&e),
            [
                (
                    2,
                    Some("votes"),
                    "\"18446744073709551616\" is too large: at most 18,446,744,073,709,551,615"
                        .to_owned()
                ),
                (
                    3,
                    Some("votes"),
                    "\"18,446,744,073,709,551,616\" is too large: at most 18,446,744,073,709,551,615"
                        .to_owned()
                ),
                (
                    4,
                    Some("seats_to_fill"),
                    "\"4294967296\" is too large: at most 4,294,967,295".to_owned()
                ),
            ]
        );
        assert_eq!(codes(&e), ["number_too_large"; 3]);
        // u64::MAX itself reads.
        let ok = read_votes(
            b"area,party,votes
A,X,18446744073709551615
",
            &opts(Method::DHondt),
        )
        .unwrap();
        assert_eq!(ok[0].contestants[0].votes, u64::MAX);
    }

    /// An individual candidate's name twice in one area keeps its message;
    /// in two areas, the message says the name is taken as one person and
    /// how to name them apart (line 4's "Independent" in "North").
    #[test]
    fn an_individual_in_two_areas_is_explained() {
        let e = read_votes(
            b"area,party,votes,individual
South,Independent,10,yes
South,Independent,5,yes
North,independent,7,yes
",
            &opts(Method::DHondt),
        )
        .unwrap_err();
        assert_eq!(
            messages(&e),
            [
                (
                    3,
                    Some("party"),
                    "the individual candidate \"Independent\" has more than one row (first on line 2); an individual candidate stands in one area, once".to_owned()
                ),
                (
                    4,
                    Some("party"),
                    "the individual candidate \"independent\" is also in area \"South\" (line 2): the same name in two areas is taken as one person, and an individual candidate stands in one area; if these are different people (published files may label every independent \"Independent\"), name them apart, e.g. \"independent (North)\"".to_owned()
                ),
            ]
        );
        assert_eq!(codes(&e), ["individual_twice", "individual_in_two_areas"]);
        // Named apart, they read.
        read_votes(
            b"area,party,votes,individual
South,Independent (South),10,yes
North,Independent (North),7,yes
",
            &opts(Method::DHondt),
        )
        .unwrap();
    }

    /// The lots file's line of each lot, so that the allocation's problem
    /// with a lot names its row and field: the winner not among those
    /// equal is `winner` on line 3; a round past the area's seats is
    /// `round` on line 2.
    #[test]
    fn lot_problems_are_placed_at_their_row() {
        let mut areas = read_votes(
            b"area,party,votes
A,X,100
A,Y,50
A,Z,10
",
            &VotesOptions {
                seats: Some(2),
                ..opts(Method::DHondt)
            },
        )
        .unwrap();
        let lines = read_lots(
            b"area,round,winner
A,9,X
A,2,Z
",
            &mut areas,
        )
        .unwrap();
        let options = Options::new(Method::DHondt, TieRule::Lot);
        let e = countroom_list::allocate(&areas, &options).unwrap_err();
        assert_eq!(e.code(), "lot_no_such_round");
        assert_eq!(lot_problem_place(&e, &lines), Some((2, "round")));
        areas[0].lots.retain(|l| l.round == 2);
        let e = countroom_list::allocate(&areas, &options).unwrap_err();
        assert_eq!(e.code(), "lot_not_tied");
        assert_eq!(lot_problem_place(&e, &lines), Some((3, "winner")));
        // Another error, or a lot not from the file, has no place.
        assert_eq!(lot_problem_place(&e, &LotLines::default()), None);
    }

    #[test]
    fn codes_are_unique() {
        let set: std::collections::BTreeSet<_> = ListProblemKind::CODES.iter().collect();
        assert_eq!(set.len(), ListProblemKind::CODES.len());
    }
}
