//! `countroom allocate`: list seats allocated from published votes by
//! D'Hondt (the Senedd's closed lists) or the additional member system
//! (Scottish Parliament and Senedd regions, the London-wide seats).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use countroom_io::list::{self, ListProblem, VotesOptions};
use countroom_io::problem::code_of;
use countroom_io::Problem;
use countroom_list::{allocate as run_allocation, Method, Options, Status, Threshold, TieRule};
use countroom_model::Country;
use countroom_rules::lists::{select_list, ListOffice, ListRuleset, LIST_RULESETS};

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

/// The list poll whose ruleset (chosen with `--date`) gives the method,
/// threshold and tie rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Poll {
    /// The Senedd's closed lists (from 2026): D'Hondt in each constituency.
    Senedd,
    /// The Senedd's (National Assembly's) regional members, 2007–2021:
    /// the additional member system.
    SeneddAms,
    /// The Scottish Parliament's regional members: the additional member
    /// system.
    ScottishRegional,
    /// The London Assembly's London members: the additional member system
    /// with a 5% threshold.
    LondonWide,
}

impl Poll {
    fn office(self) -> (Country, ListOffice) {
        match self {
            Poll::Senedd => (Country::Wales, ListOffice::SeneddMember),
            Poll::SeneddAms => (Country::Wales, ListOffice::SeneddRegionalMember),
            Poll::ScottishRegional => (
                Country::Scotland,
                ListOffice::ScottishParliamentRegionalMember,
            ),
            Poll::LondonWide => (Country::England, ListOffice::LondonAssemblyLondonMember),
        }
    }
}

/// What the statute says to do at equal highest figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Ties {
    /// A lot between those equal (`--lots` records it).
    Lot,
    /// Each takes a seat if enough are left; otherwise one more vote each,
    /// recalculated; then a lot.
    EachThenOneVoteThenLot,
    /// Each takes a seat if enough are left; otherwise the allocation stops
    /// (the statute's rule for that case not read).
    EachThenUnsettled,
    /// Recalculated as though each had one more seat; then a lot (the
    /// London members).
    OneMoreSeatThenLot,
}

impl Ties {
    fn rule(self) -> TieRule {
        match self {
            Ties::Lot => TieRule::Lot,
            Ties::EachThenOneVoteThenLot => TieRule::EachThenOneVoteThenLot,
            Ties::EachThenUnsettled => TieRule::EachThenUnsettled,
            Ties::OneMoreSeatThenLot => TieRule::RecalculateOneMoreSeatThenLot,
        }
    }
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
    /// The list poll: its ruleset, chosen by `--date`, gives the method,
    /// threshold, tie rule and seats per area (`--method`, `--threshold`,
    /// `--ties` and `--seats` may be given only if they agree with it).
    #[arg(long, value_enum, requires = "date")]
    pub(crate) poll: Option<Poll>,
    /// The poll date (YYYY-MM-DD), with `--poll`.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "poll")]
    pub(crate) date: Option<String>,
    /// The divisor rule (required without `--poll`).
    #[arg(long, value_enum, required_unless_present = "poll")]
    pub(crate) method: Option<AllocateMethod>,
    /// Seats to fill in each area without a `seats_to_fill` column.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = crate::args::whole::<u32>)]
    pub(crate) seats: Option<u32>,
    /// Parties and individual candidates with less than PERCENT of the
    /// area's votes take no seat (London: 5). From 0 to 100; decimals
    /// allowed (`4.5`).
    #[arg(long, value_name = "PERCENT")]
    pub(crate) threshold: Option<String>,
    /// The number of constituencies in each area without a
    /// `constituencies` column (constituency seats are checked against it).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = crate::args::whole::<u32>)]
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
    /// For a rehearsal: draw each lot the tie rule calls for and `--lots`
    /// does not give from this published seed (countroom-lot-v1, context
    /// `<area>/0/seat-<seat>/election`, those tied in the byte order of
    /// their names); the output names the seed and every draw and is
    /// marked a rehearsal, never a declared result.
    #[arg(long, value_name = "SEED")]
    pub(crate) seed: Option<String>,
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

/// The most decimal places a threshold is read to: 100 × 10^17 is the
/// largest power-of-ten scaling of a percentage that fits a `u64`.
const THRESHOLD_PLACES: usize = 17;

/// A percentage as an exact fraction: `5`, `5.0`, `4.75`, `.5` (digits, at
/// most one point, trailing zeros after it ignored); from 0 to 100, to at
/// most [`THRESHOLD_PLACES`] decimal places (more is refused as such, never
/// rounded).
fn threshold(value: &str) -> Result<Threshold, Failure> {
    let refuse = |why: &str| Failure::Usage(format!("--threshold {value:?}: {why}"));
    let v = value.trim();
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return Err(refuse(
            "not a percentage from 0 to 100 (digits, optionally a decimal point: 5, 4.5, .5)",
        ));
    }
    let frac = frac.trim_end_matches('0');
    let int = int.trim_start_matches('0');
    let above = || refuse("more than 100: a percentage is from 0 to 100");
    if int.len() > 3 {
        return Err(above());
    }
    if frac.len() > THRESHOLD_PLACES {
        return Err(refuse(&format!(
            "{} decimal places: a threshold is read exactly to {THRESHOLD_PLACES} places at most",
            frac.len()
        )));
    }
    let digits = format!("{int}{frac}");
    let numerator: u64 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| above())?
    };
    let places = u32::try_from(frac.len()).map_err(|_| above())?;
    let denominator = 10u64.pow(places);
    Threshold::percent(numerator, denominator).ok_or_else(above)
}

/// The ruleset of `--poll` on `--date`: a date no ruleset of the poll
/// governs is refused, listing those that exist with their dates.
fn poll_ruleset(poll: Poll, date: &str) -> Result<&'static ListRuleset, Failure> {
    let day = time::Date::parse(
        date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| Failure::Usage(format!("--date {date:?}: not a date (YYYY-MM-DD)")))?;
    let (country, office) = poll.office();
    match select_list(country, office, day) {
        Ok(id) => Ok(countroom_rules::lists::list_ruleset(id)),
        Err(e) => {
            let exist: Vec<String> = LIST_RULESETS
                .iter()
                .filter(|r| r.office == office)
                .map(|r| match r.until {
                    Some(u) => format!("{} (polls from {} to {u})", r.code, r.from),
                    None => format!("{} (polls from {})", r.code, r.from),
                })
                .collect();
            Err(Failure::Usage(format!(
                "--poll {} --date {date}: {e}; the rulesets for this poll are: {}",
                poll.to_possible_value()
                    .map(|v| v.get_name().to_owned())
                    .unwrap_or_default(),
                exist.join("; ")
            )))
        }
    }
}

/// The options of the allocation: from the ruleset of `--poll` (a
/// `--method`, `--threshold`, `--ties` or `--seats` that contradicts it is
/// refused), or from the flags alone.
fn options_of(a: &AllocateArgs) -> Result<(Options, Option<&'static ListRuleset>), Failure> {
    let method_of = |m: AllocateMethod| match m {
        AllocateMethod::Dhondt => Method::DHondt,
        AllocateMethod::Ams => Method::Ams,
    };
    let threshold_flag = a.threshold.as_deref().map(threshold).transpose()?;
    let Some(poll) = a.poll else {
        let Some(method) = a.method else {
            return Err(Failure::Usage(
                "give --method dhondt|ams, or --poll with --date".to_owned(),
            ));
        };
        let tie_rule = a.ties.map_or(TieRule::Unsettled, Ties::rule);
        let mut options = Options::new(method_of(method), tie_rule);
        if let Some(t) = threshold_flag {
            options = options.threshold(t);
        }
        return Ok((options, None));
    };
    let ruleset = poll_ruleset(poll, a.date.as_deref().unwrap_or_default())?;
    let options = Options::from_ruleset(ruleset)
        .map_err(|e| Failure::Input(vec![Problem::new("--poll", code_of(&e), e.to_string())]))?;
    let mut contradictions = Vec::new();
    if let Some(m) = a.method {
        if method_of(m) != options.method {
            contradictions.push(format!(
                "--method {} (the ruleset's method is {})",
                list::method_name(method_of(m)),
                list::method_name(options.method)
            ));
        }
    }
    if let Some(t) = threshold_flag {
        if !options.threshold.is_some_and(|x| x.same_percent(t)) {
            contradictions.push(format!(
                "--threshold {t} (the ruleset's threshold is {})",
                options
                    .threshold
                    .map_or_else(|| "none".to_owned(), |x| x.to_string())
            ));
        }
    }
    if let Some(t) = a.ties {
        if t.rule() != options.tie_rule {
            contradictions.push(format!(
                "--ties {} (the ruleset's rule is {})",
                t.to_possible_value()
                    .map(|v| v.get_name().to_owned())
                    .unwrap_or_default(),
                list::tie_rule_name(options.tie_rule)
            ));
        }
    }
    if let Some(n) = a.seats {
        if n != ruleset.seats.per_area {
            contradictions.push(format!(
                "--seats {n} (the ruleset fills {} in each area: {})",
                ruleset.seats.per_area, ruleset.seats.citation
            ));
        }
    }
    if !contradictions.is_empty() {
        return Err(Failure::Usage(format!(
            "--poll {} --date {} selects ruleset {}, which these contradict: {}",
            poll.to_possible_value()
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default(),
            a.date.as_deref().unwrap_or_default(),
            ruleset.code,
            contradictions.join("; ")
        )));
    }
    Ok((options, Some(ruleset)))
}

pub(crate) fn allocate(a: &AllocateArgs) -> Result<(), Failure> {
    if a.seats == Some(0) {
        return Err(Failure::Usage(
            "--seats 0: an area fills 1 seat at least".to_owned(),
        ));
    }
    let (options, ruleset) = options_of(a)?;
    let method = options.method;
    let seats = match ruleset {
        Some(r) => Some(a.seats.unwrap_or(r.seats.per_area)),
        None => a.seats,
    };
    let votes_file = display(&a.votes);
    let bytes = read_file(&a.votes)?;
    let mut areas = list::read_votes(
        &bytes,
        &VotesOptions {
            method,
            seats,
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
    let mut lot_lines = list::LotLines::default();
    if let Some(path) = &a.lots {
        let bytes = read_file(path)?;
        lot_lines = list::read_lots(&bytes, &mut areas).map_err(|p| problems(&lots_file, p))?;
    }
    // A problem the allocation finds with a lot is placed at the lots
    // file's row that recorded it (its line, and `winner` or `round`).
    let run = |areas: &[countroom_list::Area]| {
        run_allocation(areas, &options).map_err(|e| {
            let problem = match list::lot_problem_place(&e, &lot_lines) {
                Some((line, field)) => Problem::new(&lots_file, code_of(&e), e.to_string())
                    .at_line(line)
                    .in_field(Some(field)),
                None => {
                    use countroom_list::AllocationError as E;
                    let lot = matches!(
                        e,
                        E::LotNotTied { .. }
                            | E::LotUnused { .. }
                            | E::LotTwice { .. }
                            | E::LotNoSuchRound { .. }
                    );
                    let file = if lot && a.lots.is_some() {
                        &lots_file
                    } else {
                        &votes_file
                    };
                    Problem::new(file, code_of(&e), e.to_string())
                }
            };
            Failure::Input(vec![problem])
        })
    };
    let mut allocation = run(&areas)?;
    // A rehearsal: each lot asked for is drawn from the seed and the
    // allocation made again, until none is asked for (each draw settles a
    // seat of an area that had none, so at most one round per seat).
    let mut rehearsal = a.seed.as_ref().map(|seed| list::Rehearsal {
        seed: seed.clone(),
        algorithm: "countroom-lot-v1",
        note: list::REHEARSAL_NOTE,
        draws: Vec::new(),
    });
    if let Some(r) = rehearsal.as_mut() {
        loop {
            let mut drew = false;
            for (i, area) in allocation.areas.iter().enumerate() {
                if let Status::LotRequired { round, tied, .. } = &area.status {
                    let mut tied = tied.clone();
                    tied.sort();
                    let context = countroom_count::list_lot_context(&area.area, *round);
                    let positions: Vec<usize> = (0..tied.len()).collect();
                    let drawn = countroom_tally::seeded_lot(&r.seed, &context, &positions, 1);
                    let Some(winner) = drawn.first().and_then(|&k| tied.get(k)).cloned() else {
                        continue;
                    };
                    if let Some(input) = areas.get_mut(i) {
                        input.lots.push(countroom_list::Lot {
                            round: *round,
                            winner: winner.clone(),
                        });
                        drew = true;
                        r.draws.push(list::RehearsalDraw {
                            area: area.area.clone(),
                            seat: *round,
                            tied,
                            winner,
                            context,
                        });
                    }
                }
            }
            if !drew {
                break;
            }
            allocation = run(&areas)?;
        }
    }
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
                    "area {:?}, seat {round}: equal highest figures ({}); {}",
                    area.area,
                    tied.join(", "),
                    match ruleset {
                        Some(r) => format!(
                            "the ruleset {} does not settle this equality ({}): it is left to the Returning Officer under the statute, never guessed",
                            r.code, r.equal_figures.citation
                        ),
                        None => "give --ties as the statute for this poll says, or --poll and --date (see docs/formats.md, \"List allocation\")".to_owned(),
                    }
                ),
            )),
            Status::MoreTiedThanSeatsLeft {
                round,
                tied,
                seats_left,
            } => pending.push(Problem::new(
                &votes_file,
                "more_tied_than_seats_left",
                format!(
                    "area {:?}, seat {round}: equal highest figures ({}) for more than the {} left; Scotland Act 1998 s.8(7) would give each a seat, and the modification for this case (s.12(2)(f), the elections order) was not read: the allocation stops here, neither recalculated nor drawn by lot",
                    area.area,
                    tied.join(", "),
                    countroom_count::seats_words(*seats_left)
                ),
            )),
            Status::Complete | Status::Unfilled { .. } => {}
        }
    }
    if !pending.is_empty() {
        return Err(Failure::Input(pending));
    }
    let cited = ruleset.map(cited);
    let out = match a.format {
        AllocateFormat::Text => {
            let mut text = Vec::new();
            if let Some(r) = &rehearsal {
                text.extend_from_slice(list::rehearsal_header_text(r).as_bytes());
            }
            if let Some(c) = &cited {
                text.extend_from_slice(list::ruleset_header_text(c).as_bytes());
            }
            text.extend_from_slice(&list::allocation_text(&allocation, &options));
            text
        }
        AllocateFormat::Json => list::allocation_json_rehearsal(
            &allocation,
            &areas,
            &options,
            cited.as_ref(),
            rehearsal.as_ref(),
        )
        .map_err(|e| Failure::Io(format!("the allocation could not be written as JSON: {e}")))?,
        AllocateFormat::Csv => {
            list::allocation_csv_cited(&allocation, &options, cited.as_ref(), rehearsal.as_ref())
                .map_err(|e| {
                    Failure::Io(format!("the allocation could not be written as CSV: {e}"))
                })?
        }
    };
    print(&out)
}

/// What the output cites of the ruleset.
fn cited(r: &'static ListRuleset) -> list::CitedRuleset {
    let threshold = match r.method {
        countroom_rules::lists::ListMethod::DHondt {
            threshold: Some(t), ..
        } => Some(t.citation),
        _ => None,
    };
    list::CitedRuleset {
        code: r.code,
        name: r.name,
        system: r.system,
        instrument: r.instrument,
        seats: r.seats.citation,
        threshold,
        equal_figures: r.equal_figures.citation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_read_exactly() {
        assert_eq!(threshold("5").unwrap(), Threshold::LONDON);
        // Shown as the decimal given (hand-worked: 4.75 is 475/100).
        for (given, shown) in [
            ("5.0", "5%"),
            ("4.5", "4.5%"),
            ("4.75", "4.75%"),
            ("4.99", "4.99%"),
            ("33.333", "33.333%"),
            (".5", "0.5%"),
            ("0.50", "0.5%"),
            ("005", "5%"),
            ("100.000", "100%"),
            ("0", "0%"),
            // 17 places, the most read; trailing zeros past them are not
            // places.
            ("5.00000000000000001", "5.00000000000000001%"),
            ("5.000000000000000000000000000", "5%"),
        ] {
            assert_eq!(threshold(given).unwrap().to_string(), shown, "{given}");
        }
        assert!(threshold(".5")
            .unwrap()
            .same_percent(Threshold::percent(1, 2).unwrap()));
        let why = |v: &str| match threshold(v) {
            Err(Failure::Usage(m)) => m,
            other => panic!("{v}: {other:?}"),
        };
        for bad in ["101", "100.01", "1000"] {
            assert!(why(bad).contains("more than 100"), "{bad}: {}", why(bad));
        }
        for bad in ["-1", "5%", "", ".", "1e3", "4.5.1"] {
            assert!(why(bad).contains("not a percentage"), "{bad}: {}", why(bad));
        }
        assert_eq!(
            why("5.000000000000000000000000001"),
            "--threshold \"5.000000000000000000000000001\": 27 decimal places: a threshold is read exactly to 17 places at most"
        );
    }
}
