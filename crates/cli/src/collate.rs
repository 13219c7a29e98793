//! `countroom collate`: local totals read from area result files, checked,
//! authorised and summed to regions and the whole poll.

use std::fmt::Write as _;
use std::path::PathBuf;

use countroom_collate::{Collated, Collation, Method, Outcome, Plan};
use countroom_io::render::thousands;
use countroom_io::results::{self, AreaTable, WriteOptions};

use crate::args::{CollateArgs, CollateFormat};
use crate::input::{display, read_file};
use crate::output::print;
use crate::Failure;

/// The `.csv` files named, directories expanded to their `.csv` files in
/// name order.
fn files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input)
                .map_err(|e| Failure::Io(format!("{}: {e}", display(input))))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Failure::Input(vec![format!(
                    "{}: no .csv files of local totals in this directory",
                    display(input)
                )]));
            }
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// One plan for every file: the first file's choices, the ruleset's heads,
/// and every file's areas and regions in turn.
fn plan_of(
    tables: &[AreaTable],
    poll: &str,
    method: Method,
    heads: &[countroom_rules::RejectionHead],
) -> Plan {
    let mut plan = match tables.first() {
        Some(t) => t.plan(poll, method, heads),
        None => Plan {
            poll: poll.to_owned(),
            method,
            choices: Vec::new(),
            heads: heads.to_vec(),
            regions: Vec::new(),
            areas: Vec::new(),
        },
    };
    for t in tables.iter().skip(1) {
        let more = t.plan(poll, method, heads);
        for r in more.regions {
            if !plan.regions.iter().any(|x| x.id == r.id) {
                plan.regions.push(r);
            }
        }
        plan.areas.extend(more.areas);
    }
    plan
}

pub(crate) fn collate(args: &CollateArgs) -> Result<(), Failure> {
    let rules = countroom_rules::by_code(&args.ruleset).ok_or_else(|| {
        Failure::Usage(format!(
            "--ruleset {}: no such ruleset (one of: {})",
            args.ruleset,
            countroom_rules::ALL
                .iter()
                .map(|r| r.code)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let method = Method::for_ruleset(rules).ok_or_else(|| {
        Failure::Usage(format!(
            "--ruleset {}: a {} poll is not collated from local totals of votes",
            rules.code,
            rules.method.name()
        ))
    })?;
    let heads: Vec<_> = rules.heads.iter().map(|h| h.head).collect();
    let mut problems = Vec::new();
    let mut tables = Vec::new();
    for path in files(&args.inputs)? {
        let bytes = read_file(&path)?;
        match results::read(&bytes, &display(&path)) {
            Ok(t) => tables.push(t),
            Err(p) => problems.extend(p.iter().map(ToString::to_string)),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let plan = plan_of(&tables, &args.poll, method, &heads);
    let mut collation = Collation::new(plan.clone())
        .map_err(|e| Failure::Input(e.iter().map(ToString::to_string).collect()))?;
    let mut seconds = Vec::new();
    for t in &tables {
        match t.local_totals(&plan) {
            Ok(totals) => {
                for a in totals {
                    if let Err(e) = collation.report(a.total) {
                        problems.extend(e.iter().map(|x| format!("{}:{}: {x}", t.source, a.line)));
                    }
                    seconds.extend(a.second.map(|s| (t.source.clone(), a.line, s)));
                }
            }
            Err(p) => problems.extend(p.iter().map(ToString::to_string)),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    // The collating officer's check: a total is authorised when its figures
    // agree or its variance is explained; published totals were authorised
    // when they were published.
    let mut withheld = Vec::new();
    for check in collation.checks() {
        if check.needs_explanation && !check.explained && args.published {
            let _ = collation.explain(&check.area, "as published");
        }
        if let Err(e) = collation.authorise(&check.area) {
            withheld.push(e.to_string());
        }
    }
    if !seconds.is_empty() {
        if let Err(e) = collation.direct_second_count() {
            problems.push(format!("second count: {e}"));
        }
        for (source, line, s) in seconds {
            if let Err(e) = collation.report_second(s) {
                problems.extend(e.iter().map(|x| format!("{source}:{line}: {x}")));
            }
        }
        if !problems.is_empty() {
            return Err(Failure::Input(problems));
        }
    }
    let collated = collation
        .collated()
        .map_err(|e| Failure::Input(vec![e.to_string()]))?;
    let bytes = match args.format {
        CollateFormat::Text => statement(&plan, &collated, &withheld),
        CollateFormat::AreasCsv => {
            let options = if method == Method::Referendum {
                WriteOptions::EC_2016
            } else {
                WriteOptions {
                    columns: results::Columns::Full,
                    percentages: results::PercentFormat::TwoPlaces,
                    order: results::RowOrder::Plan,
                }
            };
            results::write_areas(&plan, &collated, &options)
        }
        CollateFormat::SummaryCsv => results::write_summary(
            &plan,
            &collated,
            &WriteOptions {
                columns: results::Columns::Published,
                percentages: results::PercentFormat::TwoPlaces,
                order: results::RowOrder::Plan,
            },
        ),
    };
    print(&bytes)
}

/// The collation statement as text.
fn statement(plan: &Plan, collated: &Collated, withheld: &[String]) -> Vec<u8> {
    let mut s = String::new();
    let total = &collated.total;
    let _ = writeln!(
        s,
        "COLLATION OF {} ({}): {} of {} counting areas authorised",
        plan.poll.to_uppercase(),
        plan.method,
        collated.areas.iter().filter(|a| a.authorised).count(),
        plan.areas.len()
    );
    for w in withheld {
        let _ = writeln!(s, "  Not authorised: {w}");
    }
    for m in &collated.missing {
        let _ = writeln!(s, "  Not reported: {m}");
    }
    let name_w = plan
        .regions
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    let _ = writeln!(s);
    let _ = write!(s, "  {:<name_w$}  {:>6}", "Region", "Areas");
    for c in &plan.choices {
        let _ = write!(s, "  {:>12}", c.name);
    }
    let _ = writeln!(s, "  {:>9}  {:>8}", "Rejected", "Turnout");
    let mut line = |name: &str, f: &countroom_collate::Figures| {
        let _ = write!(s, "  {name:<name_w$}  {:>6}", f.areas());
        for v in f.votes() {
            let _ = write!(s, "  {:>12}", thousands(*v));
        }
        let _ = writeln!(
            s,
            "  {:>9}  {:>8}",
            thousands(f.rejected_total()),
            f.turnout()
                .map_or_else(|| "-".to_owned(), |p| p.to_string())
        );
    };
    for r in &collated.regions {
        let name = plan
            .regions
            .iter()
            .find(|x| x.id == r.region)
            .map_or(r.region.as_str(), |x| x.name.as_str());
        line(name, &r.figures);
    }
    line("Total", total);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "  Electorate {}",
        total.electorate().map_or_else(|| "-".to_owned(), thousands)
    );
    let _ = writeln!(
        s,
        "  Ballot papers going forward to the count {}",
        thousands(total.papers_forward())
    );
    let _ = writeln!(s, "  Ballot papers counted {}", thousands(total.counted()));
    for (i, c) in plan.choices.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {} {} ({}% of valid votes)",
            c.name,
            thousands(total.votes().get(i).copied().unwrap_or(0)),
            total
                .share(i)
                .map_or_else(|| "-".to_owned(), |p| p.to_string())
        );
    }
    for (k, h) in plan.heads.iter().enumerate() {
        let _ = writeln!(
            s,
            "  Rejected: {} {}",
            h.code(),
            thousands(total.rejected().get(k).copied().unwrap_or(0))
        );
    }
    let _ = writeln!(
        s,
        "  Ballot-box turnout {}% (half up to 2 places, from exact integers)",
        total
            .turnout()
            .map_or_else(|| "-".to_owned(), |p| p.to_string())
    );
    let name = |i: usize| plan.choices.get(i).map_or("?", |c| c.name.as_str());
    let result = match &collated.outcome {
        Outcome::Incomplete => {
            "Incomplete: not every area's total is reported and authorised.".to_owned()
        }
        Outcome::Winner(w) if plan.method == Method::Referendum => {
            format!("Result: \"{}\" has more votes.", name(*w))
        }
        Outcome::Winner(w) => format!("Result: {} is returned.", name(*w)),
        Outcome::WonByLot { winner, .. } => {
            format!("Result: {} is returned by lot.", name(*winner))
        }
        Outcome::Equality(t) => format!(
            "Result: an equality of votes between {}{}.",
            t.iter().map(|&i| name(i)).collect::<Vec<_>>().join(" and "),
            if plan.method == Method::Referendum {
                " (an exact tie)"
            } else {
                ": a lot is needed"
            }
        ),
        Outcome::SecondCountNeeded(r) => format!(
            "No majority of first preferences: the second count for {} must be directed.",
            r.iter().map(|&i| name(i)).collect::<Vec<_>>().join(" and ")
        ),
        Outcome::SecondCountInProgress { awaiting, .. } => {
            format!("Second count awaited from {}.", awaiting.join(", "))
        }
    };
    let _ = writeln!(s, "\n{result}");
    s.into_bytes()
}
