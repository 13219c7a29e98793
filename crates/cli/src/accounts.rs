//! `countroom accounts` and `countroom spending-limit`.

use std::collections::BTreeSet;
use std::path::Path;

use countroom_accounts::spending::{self, Constituency, Election, Figures};
use countroom_accounts::{Ledger, LedgerProblem, Source};
use countroom_io::accounts as csv_in;
use countroom_io::render::{self, SpendingNotice};
use countroom_io::CsvProblem;

use crate::args::{
    AccountsArgs, AccountsFormat, ConstituencyArg, FiguresArg, SpendingArgs, SpendingElection,
};
use crate::files::write_atomically;
use crate::input::{csv_problem, display, read_file};
use crate::output::print;
use crate::Failure;
use countroom_io::problem::code_of;
use countroom_io::Problem;

fn located(path: &Path, problems: &[CsvProblem]) -> Vec<Problem> {
    let file = display(path);
    problems.iter().map(|p| csv_problem(&file, p)).collect()
}

/// A CSV reader of the accounts' inputs.
type Reader<T> = fn(&[u8]) -> Result<Vec<T>, Vec<CsvProblem>>;

fn read<T>(path: &Path, reader: Reader<T>, problems: &mut Vec<Problem>) -> Result<Vec<T>, Failure> {
    let bytes = read_file(path)?;
    match reader(&bytes) {
        Ok(v) => Ok(v),
        Err(p) => {
            problems.extend(located(path, &p));
            Ok(Vec::new())
        }
    }
}

pub(crate) fn accounts(args: &AccountsArgs) -> Result<(), Failure> {
    let mut problems = Vec::new();
    let polls = read(&args.polls, csv_in::read_polls, &mut problems)?;
    let lines = read(&args.ledger, csv_in::read_ledger, &mut problems)?;
    let caps = match &args.caps {
        Some(p) => read(p, csv_in::read_caps, &mut problems)?,
        None => Vec::new(),
    };
    let scale = match &args.scale {
        Some(p) => read(p, csv_in::read_scale, &mut problems)?,
        None => Vec::new(),
    };
    let authorisations = match &args.authorisations {
        Some(p) => read(p, csv_in::read_authorisations, &mut problems)?,
        None => Vec::new(),
    };
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let file_of = |source: Source| -> String {
        match source {
            Source::Polls => display(&args.polls),
            Source::Ledger => display(&args.ledger),
            Source::Caps => args
                .caps
                .as_deref()
                .map_or_else(|| "--caps".to_owned(), display),
            Source::Scale => args
                .scale
                .as_deref()
                .map_or_else(|| "--scale".to_owned(), display),
            Source::Authorisations => args
                .authorisations
                .as_deref()
                .map_or_else(|| "--authorisations".to_owned(), display),
        }
    };
    let locate = |ps: Vec<LedgerProblem>| -> Failure {
        Failure::Input(
            ps.iter()
                .map(|p| {
                    let given = match p.input {
                        Source::Caps => args.caps.is_some(),
                        Source::Scale => args.scale.is_some(),
                        Source::Authorisations => args.authorisations.is_some(),
                        Source::Polls | Source::Ledger => true,
                    };
                    let problem = Problem::new(
                        file_of(p.input),
                        code_of(&p.kind),
                        if given {
                            p.kind.to_string()
                        } else {
                            format!("not given: {}", p.kind)
                        },
                    )
                    .in_field(Some(p.field));
                    if given {
                        problem.at_line(p.line)
                    } else {
                        problem
                    }
                })
                .collect(),
        )
    };
    let ledger = Ledger::new(polls, lines).map_err(locate)?;
    let accounts = countroom_accounts::accounts_with(&ledger, &caps, &scale, &authorisations)
        .map_err(locate)?;
    let bytes = if args.claim_form {
        match args.format {
            AccountsFormat::Text => render::claim_forms_text(&accounts),
            AccountsFormat::Json => render::claim_forms_json(&accounts),
            AccountsFormat::Csv => render::claim_forms_csv(&accounts),
            AccountsFormat::Html => countroom_html::claim_forms_page(&accounts).into_bytes(),
            AccountsFormat::Pdf => crate::pdf::print(
                &countroom_html::claim_forms_page(&accounts),
                "Claim as submitted",
                false,
            )?,
        }
    } else {
        match args.format {
            AccountsFormat::Text => render::accounts_text(&accounts),
            AccountsFormat::Json => render::accounts_json(&accounts),
            AccountsFormat::Csv => render::accounts_csv(&accounts),
            AccountsFormat::Html => countroom_html::accounts_page(&accounts).into_bytes(),
            AccountsFormat::Pdf => crate::pdf::print(
                &countroom_html::accounts_page(&accounts),
                "Election accounts",
                false,
            )?,
        }
    };
    match &args.out {
        Some(path) => write_atomically(path, &bytes),
        None => print(&bytes),
    }
}

fn non_working_days(path: &Path) -> Result<BTreeSet<time::Date>, Failure> {
    let bytes = read_file(path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::one(&display(path), "not_utf8", "not valid UTF-8"))?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let mut days = BTreeSet::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let value = line.split('#').next().unwrap_or("").trim();
        if value.is_empty() {
            continue;
        }
        match time::Date::parse(value, &format) {
            Ok(d) => {
                days.insert(d);
            }
            Err(_) => problems.push(
                Problem::new(
                    display(path),
                    "bad_date",
                    format!("{value:?} is not a date (write YYYY-MM-DD, one a line)"),
                )
                // A line of the file: its index fits a u64.
                .at_line(i as u64 + 1),
            ),
        }
    }
    if problems.is_empty() {
        Ok(days)
    } else {
        Err(Failure::Input(problems))
    }
}

pub(crate) fn spending_limit(args: &SpendingArgs) -> Result<(), Failure> {
    let constituency = || match args.constituency {
        Some(ConstituencyArg::Borough) => Ok(Constituency::Borough),
        Some(ConstituencyArg::County) => Ok(Constituency::County),
        None => Err(Failure::Usage(
            "--constituency borough|county is required for a UK Parliamentary election".into(),
        )),
    };
    let election = match args.election {
        SpendingElection::UkpgeShort => Election::UkParliamentaryShort {
            constituency: constituency()?,
        },
        SpendingElection::UkpgeLong => Election::UkParliamentaryLong {
            constituency: constituency()?,
            dissolved_in_month: args.dissolved_in_month.ok_or_else(|| {
                Failure::Usage(
                    "--dissolved-in-month N (56 to 60) is required for the long campaign".into(),
                )
            })?,
        },
        SpendingElection::Local => Election::EnglishLocal {
            joint_candidates: args.joint,
        },
        SpendingElection::NonPartyLocal => Election::NonPartyLocal,
    };
    let figures = match args.figures {
        FiguresArg::Current => Figures::Current,
        FiguresArg::Previous => Figures::Previous,
    };
    let limit = spending::spending_limit(election, figures, args.electors)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let return_deadline = match &args.declared {
        None => None,
        Some(declared) => {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            let declared = time::Date::parse(declared, &format).map_err(|_| {
                Failure::Usage(format!(
                    "--declared {declared}: not a date (write YYYY-MM-DD)"
                ))
            })?;
            let non_working = match &args.non_working {
                Some(p) => non_working_days(p)?,
                None => BTreeSet::new(),
            };
            Some(
                spending::return_deadline(declared, args.return_days, &non_working).ok_or_else(
                    || Failure::Usage("the return deadline is past the calendar's end".into()),
                )?,
            )
        }
    };
    let notice = SpendingNotice {
        limit,
        return_deadline,
    };
    print(&match args.format {
        AccountsFormat::Text => render::spending_text(&notice),
        AccountsFormat::Json => render::spending_json(&notice),
        AccountsFormat::Csv => render::spending_csv(&notice),
        AccountsFormat::Html => countroom_html::spending_page(&notice).into_bytes(),
        AccountsFormat::Pdf => crate::pdf::print(
            &countroom_html::spending_page(&notice),
            "Spending limit",
            false,
        )?,
    })
}

const DEMO_POLLS: &[u8] = include_bytes!("../../../examples/data/accounts/polls.csv");
const DEMO_LEDGER: &[u8] = include_bytes!("../../../examples/data/accounts/ledger.csv");
const DEMO_CAPS: &[u8] = include_bytes!("../../../examples/data/accounts/mra.csv");
const DEMO_SCALE: &[u8] = include_bytes!("../../../examples/data/accounts/scale.csv");
const DEMO_AUTHORISATIONS: &[u8] =
    include_bytes!("../../../examples/data/accounts/authorisations.csv");

/// The demo's accounts, as text.
pub(crate) fn demo_accounts(
    render: fn(&countroom_accounts::Accounts) -> Vec<u8>,
) -> Result<Vec<u8>, Failure> {
    let bad = |name: &str, p: Vec<CsvProblem>| {
        Failure::Input(p.iter().map(|x| Problem::from_csv(name, x)).collect())
    };
    let polls = csv_in::read_polls(DEMO_POLLS).map_err(|p| bad("polls.csv", p))?;
    let lines = csv_in::read_ledger(DEMO_LEDGER).map_err(|p| bad("ledger.csv", p))?;
    let caps = csv_in::read_caps(DEMO_CAPS).map_err(|p| bad("mra.csv", p))?;
    let scale = csv_in::read_scale(DEMO_SCALE).map_err(|p| bad("scale.csv", p))?;
    let authorisations = csv_in::read_authorisations(DEMO_AUTHORISATIONS)
        .map_err(|p| bad("authorisations.csv", p))?;
    let failed = |p: Vec<LedgerProblem>| {
        Failure::Input(
            p.iter()
                .map(|x| Problem::new("demo accounts", code_of(&x.kind), x.to_string()))
                .collect(),
        )
    };
    let ledger = Ledger::new(polls, lines).map_err(failed)?;
    let accounts = countroom_accounts::accounts_with(&ledger, &caps, &scale, &authorisations)
        .map_err(failed)?;
    Ok(render(&accounts))
}
