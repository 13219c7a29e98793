//! Election accounts as CSV: the polls table, the cost ledger, the
//! maximum recoverable amounts and a council's scale. See
//! `docs/formats.md`. Columns are found by their header name (in any
//! order); optional columns may be left out.
//!
//! - **Polls** (`--polls`): `poll,name,framework,area,contested,unit,advance`;
//!   `framework` is `ukpe-2017`, `pcc-2024` or `council-scale`; `contested`
//!   `Y`/`N` (default `Y`); `unit` the unit of apportionment (default: the
//!   poll); `advance` pounds received on account (default 0).
//! - **Ledger**: `line,date,type,refunds,category,attribution,polls,amount,payee,evidence,description`;
//!   `type` is `cost` (default) or `refund` (then `refunds` names the line);
//!   `category` a head code (`expenses.premises`, …); `attribution` is
//!   `solely`, `shared` or `combination`; `polls` the polls named, joined
//!   by `;` (for `combination`, empty means every poll); `amount` in pounds
//!   with at most two decimal places, never negative.
//! - **Caps** (`--caps`): `poll,area,services,expenses,overall,uncontested_overall`.
//! - **Scale** (`--scale`): `poll,category,maximum,description`; `poll` `*`
//!   for every poll under a council's scale; `maximum` empty for the actual
//!   cost.

use countroom_accounts::{
    Attribution, Authorisation, Caps, CostLine, Event, Framework, Head, LineType, Money, Poll,
    PollKind, ScaleItem,
};

use crate::problem::{each_record, read_header, CsvProblem, CsvProblemKind, LineCounter, Problems};

/// The polls table's columns: required, then optional.
pub const POLL_COLUMNS: (&[&str], &[&str]) = (
    &["poll", "name", "framework"],
    &["area", "contested", "unit", "advance", "poll_date"],
);
/// The ledger's columns: required, then optional.
pub const LEDGER_COLUMNS: (&[&str], &[&str]) = (
    &["line", "date", "category", "attribution", "polls", "amount"],
    &["type", "refunds", "payee", "evidence", "description"],
);
/// The caps table's columns: required, then optional.
pub const CAPS_COLUMNS: (&[&str], &[&str]) = (
    &["poll", "area", "services", "expenses", "overall"],
    &["uncontested_overall"],
);
/// The authorisations table's columns: required, then optional.
pub const AUTHORISATION_COLUMNS: (&[&str], &[&str]) = (
    &["id", "event", "amount", "date", "by"],
    &["poll", "cap", "request", "reference"],
);
/// The scale's columns: required, then optional.
pub const SCALE_COLUMNS: (&[&str], &[&str]) = (&["poll", "category", "maximum"], &["description"]);

/// A row being read: its fields by column name.
struct Row<'a> {
    line: u64,
    header: &'a [String],
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| self.record.get(i))
            .map_or("", str::trim)
    }

    fn required<'s>(&'s self, column: &'static str, problems: &mut Problems) -> Option<&'s str> {
        let v = self.get(column);
        if v.is_empty() {
            problems.push(self.line, Some(column), CsvProblemKind::EmptyValue);
            None
        } else {
            Some(v)
        }
    }

    fn money(&self, column: &'static str, problems: &mut Problems) -> Option<Money> {
        let v = self.required(column, problems)?;
        self.parse_money(column, v, problems)
    }

    fn parse_money(&self, column: &'static str, v: &str, problems: &mut Problems) -> Option<Money> {
        match Money::parse(v) {
            Ok(m) => Some(m),
            Err(e) => {
                problems.push(
                    self.line,
                    Some(column),
                    CsvProblemKind::Value {
                        message: e.to_string(),
                    },
                );
                None
            }
        }
    }

    fn optional_money(
        &self,
        column: &'static str,
        problems: &mut Problems,
    ) -> Option<Option<Money>> {
        let v = self.get(column);
        if v.is_empty() {
            Some(None)
        } else {
            self.parse_money(column, v, problems).map(Some)
        }
    }

    fn head(&self, problems: &mut Problems) -> Option<Head> {
        let v = self.required("category", problems)?;
        match Head::from_code(v) {
            Some(h) => Some(h),
            None => {
                problems.push(
                    self.line,
                    Some("category"),
                    CsvProblemKind::Value {
                        message: format!(
                            "unknown category {v:?} (the categories: {})",
                            Head::codes()
                        ),
                    },
                );
                None
            }
        }
    }

    fn bad(&self, column: &'static str, message: String, problems: &mut Problems) {
        problems.push(self.line, Some(column), CsvProblemKind::Value { message });
    }
}

/// Reads a table whose header names `required` columns (and perhaps some
/// of `optional`), calling `row` for each record.
fn read_named<T>(
    bytes: &[u8],
    (required, optional): (&[&str], &[&str]),
    mut row: impl FnMut(&Row<'_>, &mut Problems) -> Option<T>,
) -> Result<Vec<T>, Vec<CsvProblem>> {
    let mut problems = Problems::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut lines = LineCounter::new(bytes);
    let mut record = csv::StringRecord::new();
    if !read_header(&mut reader, &mut record, &mut lines, &mut problems, || {
        required.join(",")
    }) {
        return Err(problems.into_vec(1));
    }
    let header: Vec<String> = record
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    for (i, name) in header.iter().enumerate() {
        if header.iter().take(i).any(|h| h == name) {
            problems.push(
                1,
                Some(name),
                CsvProblemKind::DuplicateColumn {
                    column: name.clone(),
                },
            );
        } else if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
            problems.push(
                1,
                Some(name),
                CsvProblemKind::UnknownColumn {
                    column: name.clone(),
                },
            );
        }
    }
    for name in required {
        if !header.iter().any(|h| h == name) {
            problems.push(
                1,
                None,
                CsvProblemKind::MissingColumn {
                    column: (*name).to_owned(),
                },
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_vec(1));
    }
    let mut out = Vec::new();
    let last = each_record(
        &mut reader,
        &mut lines,
        &mut problems,
        |line, record, problems| {
            let r = Row {
                line,
                header: &header,
                record,
            };
            if let Some(v) = row(&r, problems) {
                out.push(v);
            }
        },
    );
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.into_vec(last))
    }
}

fn flag(
    row: &Row<'_>,
    column: &'static str,
    default: bool,
    problems: &mut Problems,
) -> Option<bool> {
    match row.get(column) {
        "" => Some(default),
        "Y" | "y" => Some(true),
        "N" | "n" => Some(false),
        other => {
            problems.push(
                row.line,
                Some(column),
                CsvProblemKind::BadFlag {
                    value: other.to_owned(),
                },
            );
            None
        }
    }
}

/// Reads the polls table.
pub fn read_polls(bytes: &[u8]) -> Result<Vec<Poll>, Vec<CsvProblem>> {
    read_named(bytes, POLL_COLUMNS, |row, problems| {
        let id = row.required("poll", problems);
        let name = row.required("name", problems);
        let poll_date = match row.get("poll_date") {
            "" => Some(None),
            _ => date_in(row, "poll_date", problems).map(Some),
        };
        let framework = row.required("framework", problems).and_then(|f| {
            if let Some(f) = Framework::from_code(f) {
                return Some(f);
            }
            let Some(kind) = PollKind::from_code(f) else {
                row.bad(
                    "framework",
                    format!(
                        "unknown framework {f:?} (the orders: {}; or a kind of poll, the order then chosen by `poll_date`: {})",
                        Framework::codes(),
                        PollKind::codes()
                    ),
                    problems,
                );
                return None;
            };
            // A kind accounted for against a scale, whatever the date (a
            // combined authority mayor: RPA 1983 s.36(4C)).
            if let Some(f) = kind.scale() {
                return Some(f);
            }
            match poll_date {
                Some(Some(d)) => match countroom_accounts::orders::choose(kind, d) {
                    countroom_accounts::orders::Choice::Order(o) => Some(o.framework),
                    countroom_accounts::orders::Choice::None(orders) => {
                        row.bad(
                            "framework",
                            format!(
                                "no charges order for a {f} poll on {} is known (the orders of that kind: {orders})",
                                countroom_accounts::iso_date(d)
                            ),
                            problems,
                        );
                        None
                    }
                },
                Some(None) => {
                    row.bad(
                        "poll_date",
                        format!("a kind of poll ({f}) needs its poll_date to choose the order"),
                        problems,
                    );
                    None
                }
                None => None,
            }
        });
        let contested = flag(row, "contested", true, problems);
        let advance = row.optional_money("advance", problems);
        let (id, name, framework, contested, advance, poll_date) =
            (id?, name?, framework?, contested?, advance?, poll_date?);
        let unit = match row.get("unit") {
            "" => id.to_owned(),
            u => u.to_owned(),
        };
        Some(
            Poll::new(id, name, framework, row.get("area"), contested)
                .source_line(row.line)
                .unit(unit)
                .advance(advance.unwrap_or(Money::ZERO))
                .poll_date(poll_date),
        )
    })
}

fn date(row: &Row<'_>, problems: &mut Problems) -> Option<time::Date> {
    date_in(row, "date", problems)
}

fn date_in(row: &Row<'_>, column: &'static str, problems: &mut Problems) -> Option<time::Date> {
    let v = row.required(column, problems)?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(v, &format) {
        Ok(d) => Some(d),
        Err(_) => {
            row.bad(
                column,
                format!("{v:?} is not a date (write YYYY-MM-DD)"),
                problems,
            );
            None
        }
    }
}

/// Reads the cost ledger.
pub fn read_ledger(bytes: &[u8]) -> Result<Vec<CostLine>, Vec<CsvProblem>> {
    read_named(bytes, LEDGER_COLUMNS, |row, problems| {
        let id = row.required("line", problems);
        let date = date(row, problems);
        let category = row.head(problems);
        let amount = row.money("amount", problems);
        let line_type = match (row.get("type"), row.get("refunds")) {
            ("" | "cost", "") => Some(LineType::Cost),
            ("" | "cost", _) => {
                row.bad(
                    "refunds",
                    "only a line of type `refund` names a line it refunds".into(),
                    problems,
                );
                None
            }
            ("refund", "") => {
                row.bad(
                    "refunds",
                    "a refund names the line it refunds".into(),
                    problems,
                );
                None
            }
            ("refund", of) => Some(LineType::Refund { of: of.to_owned() }),
            (other, _) => {
                row.bad(
                    "type",
                    format!("{other:?} is not a line type (cost or refund)"),
                    problems,
                );
                None
            }
        };
        let named: Vec<String> = row
            .get("polls")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        let attribution = match row.get("attribution") {
            "solely" => match named.as_slice() {
                [one] => Some(Attribution::Solely(one.clone())),
                _ => {
                    row.bad(
                        "polls",
                        format!(
                            "a `solely` cost names exactly one poll (found {})",
                            named.len()
                        ),
                        problems,
                    );
                    None
                }
            },
            "shared" if named.len() >= 2 => Some(Attribution::Shared(named)),
            "shared" => {
                row.bad(
                    "polls",
                    format!(
                        "a shared cost names at least two polls, joined by `;` (found {}); a cost of one poll is `solely`",
                        named.len()
                    ),
                    problems,
                );
                None
            }
            "combination" => Some(Attribution::Combination(named)),
            "" => {
                problems.push(row.line, Some("attribution"), CsvProblemKind::EmptyValue);
                None
            }
            other => {
                row.bad(
                    "attribution",
                    format!("{other:?} is not an attribution (solely, shared or combination)"),
                    problems,
                );
                None
            }
        };
        Some(
            CostLine::new(id?, line_type?, date?, category?, attribution?, amount?)
                .source_line(row.line)
                .payee(row.get("payee"))
                .evidence(row.get("evidence"))
                .description(row.get("description")),
        )
    })
}

/// Reads the maximum recoverable amounts.
pub fn read_caps(bytes: &[u8]) -> Result<Vec<Caps>, Vec<CsvProblem>> {
    read_named(bytes, CAPS_COLUMNS, |row, problems| {
        let poll = row.required("poll", problems);
        let area = row.required("area", problems);
        let services = row.money("services", problems);
        let expenses = row.money("expenses", problems);
        let overall = row.money("overall", problems);
        let uncontested = row.optional_money("uncontested_overall", problems);
        Some(
            Caps::new(poll?, area?, services?, expenses?, overall?)
                .source_line(row.line)
                .uncontested_overall(uncontested?),
        )
    })
}

/// Reads a council's scale of fees and charges.
pub fn read_scale(bytes: &[u8]) -> Result<Vec<ScaleItem>, Vec<CsvProblem>> {
    read_named(bytes, SCALE_COLUMNS, |row, problems| {
        let poll = row.required("poll", problems);
        let category = row.head(problems);
        let maximum = row.optional_money("maximum", problems);
        Some(
            ScaleItem::new(category?, row.get("description"))
                .source_line(row.line)
                .poll(match poll? {
                    "*" => None,
                    p => Some(p.to_owned()),
                })
                .maximum(maximum?),
        )
    })
}

/// Reads the requests for and grants of authorisation above a cap:
/// `id,event,poll,cap,request,amount,date,by,reference`. A request names
/// its poll and cap (`services`, `expenses` or `overall`); a grant names
/// the request it answers (its poll and cap may be left empty, or must be
/// the request's). Whether the poll and cap exist, and whether a grant
/// follows its request, are checked with the polls
/// (`countroom_accounts::authorisation::check`).
pub fn read_authorisations(bytes: &[u8]) -> Result<Vec<Authorisation>, Vec<CsvProblem>> {
    read_named(bytes, AUTHORISATION_COLUMNS, |row, problems| {
        let id = row.required("id", problems);
        let amount = row.money("amount", problems);
        let date = date(row, problems);
        let by = row.required("by", problems);
        let event = match row.get("event") {
            "request" => {
                if !row.get("request").is_empty() {
                    row.bad(
                        "request",
                        "only a grant names the request it answers".into(),
                        problems,
                    );
                }
                let poll = row.required("poll", problems);
                let cap = row.required("cap", problems);
                poll.and(cap).map(|_| Event::Request)
            }
            "grant" => match row.get("request") {
                "" => {
                    row.bad(
                        "request",
                        "a grant names the request it answers: a grant without a request is refused".into(),
                        problems,
                    );
                    None
                }
                r => Some(Event::Grant(r.to_owned())),
            },
            "" => {
                problems.push(row.line, Some("event"), CsvProblemKind::EmptyValue);
                None
            }
            other => {
                row.bad(
                    "event",
                    format!("{other:?} is not an event (request or grant)"),
                    problems,
                );
                None
            }
        };
        Some(
            Authorisation::new(
                id?,
                event?,
                row.get("poll"),
                row.get("cap"),
                amount?,
                date?,
                by?,
            )
            .source_line(row.line)
            .reference(row.get("reference")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLLS: &str = "poll,name,framework,area,contested,unit,advance\n\
        ukpge,Exampleton UK Parliamentary,ukpe-2017,Exampleton,Y,,1000\n\
        district,Abbey ward,council-scale,,,,\n";

    #[test]
    fn reads_polls_and_ledger() {
        let polls = read_polls(POLLS.as_bytes()).unwrap();
        assert_eq!(polls.len(), 2);
        assert_eq!(polls[0].advance.pence(), 100_000);
        assert_eq!(polls[1].unit, "district");
        assert!(polls[1].contested);
        let ledger = "line,date,category,attribution,polls,amount,payee,evidence,type,refunds\n\
            L1,2024-07-01,expenses.premises,shared,ukpge;district,£1,200.00,Hall,INV-1,,\n\
            L2,2024-07-09,expenses.premises,shared,ukpge;district,50,Hall,CN-1,refund,L1\n";
        // A quoted amount may have a thousands separator.
        let ledger = ledger.replace("£1,200.00", "\"£1,200.00\"");
        let lines = read_ledger(ledger.as_bytes()).unwrap();
        assert_eq!(lines[0].amount.pence(), 120_000);
        assert_eq!(lines[1].line_type, LineType::Refund { of: "L1".into() });
        assert_eq!(lines[0].source_line, 2);
    }

    /// Bad input: every problem named with its line and field.
    #[test]
    fn bad_ledger_cells_name_line_and_field() {
        let ledger = "line,date,category,attribution,polls,amount\n\
            L1,2024-07-01,expenses.premises,solely,ukpge,12.345\n\
            L2,2024-07-01,expenses.premises,solely,ukpge,-5.00\n\
            L3,2024-13-01,expenses.champagne,shared,ukpge,5\n\
            L4,2024-07-01,expenses.premises,sometimes,ukpge,5\n";
        let problems = read_ledger(ledger.as_bytes()).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "line 2, field `amount`: \"12.345\" has more than two decimal places: amounts are in pounds and pence",
                "line 3, field `amount`: \"-5.00\" is negative: a cost is never negative; record a refund as a line of type `refund`",
                "line 4, field `date`: \"2024-13-01\" is not a date (write YYYY-MM-DD)",
                &format!("line 4, field `category`: unknown category \"expenses.champagne\" (the categories: {})", Head::codes()),
                "line 4, field `polls`: a shared cost names at least two polls, joined by `;` (found 1); a cost of one poll is `solely`",
                "line 5, field `attribution`: \"sometimes\" is not an attribution (solely, shared or combination)",
            ]
        );
    }

    #[test]
    fn headers_are_checked() {
        let problems = read_caps(b"poll,area,services,overall,colour\n").unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "line 1, field `colour`: unexpected column \"colour\"",
                "line 1: missing column \"expenses\""
            ]
        );
        assert!(read_scale(b"").is_err());
        let scale =
            read_scale(b"poll,category,maximum,description\n*,expenses.staff,,Poll clerks\n")
                .unwrap();
        assert_eq!(scale[0].poll, None);
        assert_eq!(scale[0].maximum, None);
    }
}
