//! `countroom allocate`: list seats allocated from published votes by
//! D'Hondt (the Senedd's closed lists) or the additional member system
//! (Scottish Parliament and Senedd regions, the London-wide seats).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use countroom_io::list::{self, ListProblem, VotesOptions};
use countroom_io::problem::code_of;
use countroom_io::Problem;
use countroom_list::{allocate as run_allocation, Method, Options, Status, Threshold, TieRule};

use crate::input::{display, read_file};
use crate::output::print;
use crate::Failure;

/// The divisor rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AllocateMethod {
    /// D'Hondt on list seats: divisor 1 + list seats allocated (the Senedd
    /// from 2026).
    Dhondt,
    /// The additional member system: divisor 1 + constituency seats + list
    /// seats allocated (Scottish Parliament, London Assembly, the Senedd
    /// 2007–2021).
    Ams,
}

/// What the statute says to do at equal highest figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Ties {
    /// A lot between those equal (`--lots` records it).
    Lot,
    /// Each takes a seat if enough are left; otherwise one more vote each,
    /// recalculated; then a lot.
    EachThenOneVoteThenLot,
}

/// Output format of `countroom allocate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AllocateFormat {
    /// The round table of each area, as the regional declarations lay it
    /// out.
    Text,
    /// Every round with its exact figure, the next figure, seats by party.
    Json,
    /// One table: a row per seat, the next figure, each party's seats.
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct AllocateArgs {
    /// The votes CSV: `area,party,votes`, optional `constituency_seats`
    /// (`ams`), `individual` (`yes`: the row is an individual candidate),
    /// `constituencies` and `seats_to_fill` (per area).
    pub(crate) votes: PathBuf,
    /// The divisor rule.
    #[arg(long, value_enum)]
    pub(crate) method: AllocateMethod,
    /// Seats to fill in each area without a `seats_to_fill` column.
    #[arg(long, value_name = "N")]
    pub(crate) seats: Option<u32>,
    /// Parties and individual candidates with less than PERCENT of the
    /// area's votes take no seat (London: 5). From 0 to 100; decimals
    /// allowed (`4.5`).
    #[arg(long, value_name = "PERCENT")]
    pub(crate) threshold: Option<String>,
    /// The number of constituencies in each area without a
    /// `constituencies` column (constituency seats are checked against it).
    #[arg(long, value_name = "N")]
    pub(crate) constituencies: Option<u32>,
    /// What the statute says to do at equal highest figures. Without it an
    /// equality stops the allocation and is reported, never guessed.
    #[arg(long, value_enum)]
    pub(crate) ties: Option<Ties>,
    /// The parties' lists (`area,party,position,name`, optional `status`:
    /// standing, returned, withdrawn, died), to name the members and pass
    /// over a party whose list is exhausted.
    #[arg(long, value_name = "CSV")]
    pub(crate) lists: Option<PathBuf>,
    /// Lots drawn (`area,round,winner`).
    #[arg(long, value_name = "CSV")]
    pub(crate) lots: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AllocateFormat::Text)]
    pub(crate) format: AllocateFormat,
}

fn problems(file: &str, list: Vec<ListProblem>) -> Failure {
    Failure::Input(
        list.into_iter()
            .map(|p| {
                let problem = Problem::new(file, p.kind.code(), p.kind.to_string())
                    .in_field(p.field.as_deref());
                if p.line == 0 {
                    problem
                } else {
                    problem.at_line(p.line)
                }
            })
            .collect(),
    )
}

/// A percentage as an exact fraction: `5`, `5.0`, `4.75` (digits, at most
/// one point); from 0 to 100.
fn threshold(value: &str) -> Result<Threshold, Failure> {
    let bad = || {
        Failure::Usage(format!(
            "--threshold {value:?}: not a percentage from 0 to 100 (digits, optionally a decimal point: 5, 4.5)"
        ))
    };
    let v = value.trim();
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if int.is_empty()
        || frac.len() > 9
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        || int.len() > 3
    {
        return Err(bad());
    }
    let digits = format!("{int}{frac}");
    let numerator: u64 = digits.parse().map_err(|_| bad())?;
    let denominator = 10u64.pow(u32::try_from(frac.len()).map_err(|_| bad())?);
    Threshold::percent(numerator, denominator).ok_or_else(bad)
}

pub(crate) fn allocate(a: &AllocateArgs) -> Result<(), Failure> {
    let method = match a.method {
        AllocateMethod::Dhondt => Method::DHondt,
        AllocateMethod::Ams => Method::Ams,
    };
    let tie_rule = match a.ties {
        Some(Ties::Lot) => TieRule::Lot,
        Some(Ties::EachThenOneVoteThenLot) => TieRule::EachThenOneVoteThenLot,
        None => TieRule::Unsettled,
    };
    let mut options = Options::new(method, tie_rule);
    if let Some(t) = &a.threshold {
        options = options.threshold(threshold(t)?);
    }
    let votes_file = display(&a.votes);
    let bytes = read_file(&a.votes)?;
    let mut areas = list::read_votes(
        &bytes,
        &VotesOptions {
            method,
            seats: a.seats,
            constituencies: a.constituencies,
        },
    )
    .map_err(|p| problems(&votes_file, p))?;
    if let Some(path) = &a.lists {
        let file = display(path);
        let bytes = read_file(path)?;
        list::read_lists(&bytes, &mut areas).map_err(|p| problems(&file, p))?;
    }
    let lots_file = a.lots.as_ref().map(|p| display(p)).unwrap_or_default();
    if let Some(path) = &a.lots {
        let bytes = read_file(path)?;
        list::read_lots(&bytes, &mut areas).map_err(|p| problems(&lots_file, p))?;
    }
    let allocation = run_allocation(&areas, &options).map_err(|e| {
        let file = match e {
            countroom_list::AllocationError::LotNotTied { .. }
            | countroom_list::AllocationError::LotUnused { .. }
            | countroom_list::AllocationError::LotTwice { .. } => lots_file.as_str(),
            _ => votes_file.as_str(),
        };
        Failure::Input(vec![Problem::new(file, code_of(&e), e.to_string())])
    })?;
    // An equality the rule leaves to a lot, or a rule not given: reported,
    // nothing printed.
    let mut pending = Vec::new();
    for area in &allocation.areas {
        match &area.status {
            Status::LotRequired { round, tied, .. } => pending.push(Problem::new(
                &votes_file,
                "lot_required",
                format!(
                    "area {:?}, seat {round}: equal highest figures ({}); the tie rule calls for a lot: record it with --lots (area,round,winner)",
                    area.area,
                    tied.join(", ")
                ),
            )),
            Status::TieRuleUnsettled { round, tied } => pending.push(Problem::new(
                &votes_file,
                "tie_rule_unsettled",
                format!(
                    "area {:?}, seat {round}: equal highest figures ({}); give --ties lot or --ties each-then-one-vote-then-lot as the statute for this poll says (see docs/formats.md, \"List allocation\")",
                    area.area,
                    tied.join(", ")
                ),
            )),
            Status::Complete | Status::Unfilled { .. } => {}
        }
    }
    if !pending.is_empty() {
        return Err(Failure::Input(pending));
    }
    let out = match a.format {
        AllocateFormat::Text => list::allocation_text(&allocation, &options),
        AllocateFormat::Json => {
            list::allocation_json(&allocation, &areas, &options).map_err(|e| {
                Failure::Io(format!("the allocation could not be written as JSON: {e}"))
            })?
        }
        AllocateFormat::Csv => list::allocation_csv(&allocation)
            .map_err(|e| Failure::Io(format!("the allocation could not be written as CSV: {e}")))?,
    };
    print(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_read_exactly() {
        assert_eq!(threshold("5").unwrap(), Threshold::LONDON);
        assert_eq!(threshold("5.0").unwrap().to_string(), "5%");
        assert_eq!(threshold("4.75").unwrap().to_string(), "19/4%");
        assert!(threshold("100").is_ok());
        assert!(threshold("0").is_ok());
        for bad in ["101", "-1", "5%", "", ".5", "1e3", "100.01"] {
            assert!(threshold(bad).is_err(), "{bad}");
        }
    }
}
