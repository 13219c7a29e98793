//! `countroom collate`: local totals read from area result files, checked,
//! authorised and summed to regions and the whole poll.

use std::fmt::Write as _;
use std::path::PathBuf;

use countroom_collate::{AreaCheck, Collated, Collation, Method, Outcome, Plan};
use countroom_io::problem::code_of;
use countroom_io::render::thousands;
use countroom_io::results::{self, ReadOptions, WriteOptions};
use countroom_io::Problem;
use countroom_rules::HeadSpec;

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
                return Err(Failure::one(
                    &display(input),
                    "no_csv_files",
                    "no .csv files of local totals in this directory",
                ));
            }
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
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
    seats(rules, args.seats)?;
    if let Some(choices) = &args.choices {
        if choices.iter().any(|c| c.trim().is_empty()) {
            return Err(Failure::Usage(format!(
                "--choices {:?}: a choice is empty (give the columns' names separated by commas, e.g. \"Remain,Leave\")",
                choices.join(",")
            )));
        }
    }
    let err_date = match (args.format, &args.date) {
        (CollateFormat::ErrJson | CollateFormat::ErrXml, None) => {
            return Err(Failure::Usage(
                "--format err-json and err-xml need --date YYYY-MM-DD: the poll date is the election's StartDate and EndDate in the standard's document".into(),
            ))
        }
        (_, Some(d)) => {
            if time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]"))
                .is_err()
            {
                return Err(Failure::Usage(format!(
                    "--date {d:?}: not a date (YYYY-MM-DD)"
                )));
            }
            d.clone()
        }
        (_, None) => String::new(),
    };
    // Without --choices, the poll's answers from its instrument where the
    // ruleset (or, for a ruleset governing several referendums, the poll
    // date) gives them; otherwise every column not of the format is a
    // choice, and the statement says why.
    let poll_date = if err_date.is_empty() {
        None
    } else {
        time::Date::parse(
            &err_date,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .ok()
    };
    use countroom_rules::referendums::NoAnswers;
    // The answers of the question named, where the ruleset carries several;
    // a question it does not have is refused whether or not --choices is
    // given.
    let from_ruleset = countroom_rules::referendums::answers_to(rules, poll_date, args.question);
    if let Err(why @ NoAnswers::NoSuchQuestion { .. }) = &from_ruleset {
        return Err(Failure::Usage(format!("--question: {why}")));
    }
    let choices_from = match &args.choices {
        Some(_) => ChoicesFrom::Declared,
        None => match from_ruleset {
            Ok(a) => ChoicesFrom::Ruleset(a),
            Err(NoAnswers::NotAReferendum { .. }) => ChoicesFrom::Columns(None),
            Err(why) => {
                let hint = match why {
                    NoAnswers::DateNeeded { .. } | NoAnswers::NotRead { .. } => {
                        "give --date of one of them, or "
                    }
                    NoAnswers::QuestionNeeded { .. } => "give --question N, or ",
                    _ => "",
                };
                ChoicesFrom::Columns(Some(format!(
                    "{why}; {hint}declare the answers with --choices, to refuse any other column"
                )))
            }
        },
    };
    let choices = match &choices_from {
        ChoicesFrom::Ruleset(a) => Some(a.columns.iter().map(|&c| c.to_owned()).collect()),
        _ => args.choices.clone(),
    };
    let options = ReadOptions::new()
        .choices(choices)
        .published(args.published);
    // A ruleset whose heads were not read (the council tax and governance
    // referendums, a referendum under the Referendums (Scotland) Act 2020)
    // takes its rejected papers as one total, never under invented heads:
    // the `breakdown_not_given` column.
    let heads: Vec<_> = if rules.heads.is_empty() {
        vec![countroom_rules::RejectionHead::BreakdownNotGiven]
    } else {
        rules.heads.iter().map(|h| h.head).collect()
    };
    let mut problems: Vec<Problem> = Vec::new();
    let mut tables = Vec::new();
    for path in files(&args.inputs)? {
        let bytes = read_file(&path)?;
        let name = display(&path);
        if let Some(message) = countroom_io::problem::wrong_kind(&bytes, "collate", false) {
            problems.push(Problem::new(&name, "wrong_kind_of_file", message));
            continue;
        }
        match results::read_with(&bytes, &name, &options) {
            Ok(t) => tables.push(t),
            Err(p) => problems.extend(p.iter().map(Problem::from)),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    let plan = results::plan_of_tables(&tables, &args.poll, method, &heads)
        .map_err(|p| Failure::Input(p.iter().map(Problem::from).collect()))?;
    let mut collation = Collation::new(plan.clone()).map_err(|e| {
        Failure::Input(
            e.iter()
                .map(|x| Problem::new("", code_of(x), x.to_string()))
                .collect(),
        )
    })?;
    let mut seconds = Vec::new();
    for t in &tables {
        match t.local_totals(&plan) {
            Ok(totals) => {
                for a in totals {
                    if let Err(e) = collation.report(a.total) {
                        problems.extend(e.iter().map(|x| {
                            Problem::new(&t.source, code_of(x), x.to_string()).at_line(a.line)
                        }));
                    }
                    seconds.extend(a.second.map(|s| (t.source.clone(), a.line, s)));
                }
            }
            Err(p) => problems.extend(p.iter().map(Problem::from)),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    // The collating officer's check: a total is authorised when its figures
    // agree, or its variance is explained by an explanation that states the
    // variance it explains (`Explained_Variance`), the one the figures
    // show; published totals were authorised when they were published.
    // Figures above the electorate are never authorised, however explained
    // or published.
    let mut withheld: Vec<results::Withheld> = Vec::new();
    // The text and HTML list the reasons; the JSON gives each its code too.
    let reasons =
        |w: &[results::Withheld]| -> Vec<String> { w.iter().map(|x| x.message.clone()).collect() };
    for check in collation.checks() {
        let authorised = if args.published {
            if check.needs_explanation && !check.explained {
                let _ = collation.explain(&check.area, "as published");
            }
            collation.authorise(&check.area)
        } else {
            collation.authorise_stated(&check.area)
        };
        if let Err(e) = authorised {
            withheld.push(results::Withheld {
                code: e.code(),
                message: e.to_string(),
            });
        }
    }
    if !seconds.is_empty() {
        if let Err(e) = collation.direct_second_count() {
            problems.push(Problem::new("", code_of(&e), format!("second count: {e}")));
        }
        for (source, line, s) in seconds {
            if let Err(e) = collation.report_second(s) {
                problems.extend(
                    e.iter()
                        .map(|x| Problem::new(&source, code_of(x), x.to_string()).at_line(line)),
                );
            }
        }
        if !problems.is_empty() {
            return Err(Failure::Input(problems));
        }
    }
    let collated = collation
        .collated()
        .map_err(|e| Failure::one("", &code_of(&e), e.to_string()))?;
    let checks = collation.checks();
    let bytes = match args.format {
        CollateFormat::Text => statement(
            &plan,
            &collated,
            &checks,
            rules.heads,
            &reasons(&withheld),
            &choices_from,
        ),
        CollateFormat::Json => {
            results::collation_json(&plan, &collated, &checks, rules.heads, &withheld).map_err(
                |e| Failure::Io(format!("the collation could not be written as JSON: {e}")),
            )?
        }
        CollateFormat::AreasCsv => {
            let options = if method == Method::Referendum {
                WriteOptions::EC_2016
            } else {
                WriteOptions::new(
                    results::Columns::Full,
                    results::PercentFormat::TwoPlaces,
                    results::RowOrder::Plan,
                )
            };
            results::write_areas(&plan, &collated, &options)
        }
        CollateFormat::Html => countroom_html::collation_page(
            &plan,
            &collated,
            &result_sentence(&plan, &collated),
            &reasons(&withheld),
        )
        .into_bytes(),
        CollateFormat::Pdf => crate::pdf::print(
            &countroom_html::collation_page(
                &plan,
                &collated,
                &result_sentence(&plan, &collated),
                &reasons(&withheld),
            ),
            &plan.poll,
            false,
        )?,
        CollateFormat::ErrJson | CollateFormat::ErrXml => {
            let info = countroom_io::render::CollationInfo {
                ruleset: rules,
                poll_date: &err_date,
            };
            let doc = if args.format == CollateFormat::ErrJson {
                countroom_io::render::err_collation_json(&plan, &collated, info)
            } else {
                countroom_io::render::err_collation_xml(&plan, &collated, info)
            };
            doc.map_err(|e| Failure::Io(e.to_string()))?
        }
        CollateFormat::SummaryCsv => results::write_summary(
            &plan,
            &collated,
            &WriteOptions::new(
                results::Columns::Published,
                results::PercentFormat::TwoPlaces,
                results::RowOrder::Plan,
            ),
        ),
    };
    print(&bytes)
}

/// The seats of the poll, where the ruleset does not fix them at one:
/// collation of multi-member polls is not built (README, "Collation of
/// multi-member polls"), so a ruleset whose contests may fill several seats
/// (`SeatRule::AnyNumber`: a council ward, "the candidate or candidates ...
/// up to the number of councillors to be elected") is collated only when
/// the poll is stated to be of one seat (`--seats 1`); never as one seat by
/// default, which would return one candidate where the law returns
/// several.
fn seats(rules: &countroom_rules::Ruleset, seats: Option<u64>) -> Result<(), Failure> {
    use countroom_rules::SeatRule;
    match (rules.seats, seats) {
        (SeatRule::AnyNumber, None) => Err(Failure::Usage(format!(
            "--ruleset {}: a poll under these rules may fill more than one seat (a ward of several councillors), and collation of multi-member polls is not built (README: not yet), so it is not collated as one seat by default: give --seats 1 if the poll is of one seat",
            rules.code
        ))),
        (SeatRule::AnyNumber, Some(1)) | (SeatRule::One, None | Some(1)) | (SeatRule::NoSeats, None) => {
            Ok(())
        }
        (SeatRule::AnyNumber, Some(0)) | (SeatRule::One, Some(_)) => Err(Failure::Usage(format!(
            "--seats {}: a poll under {} fills {}",
            seats.unwrap_or(0),
            rules.code,
            if rules.seats == SeatRule::One { rules.seats.describe() } else { "at least one seat" }
        ))),
        (SeatRule::AnyNumber, Some(n)) => Err(Failure::Usage(format!(
            "--seats {n}: collation of multi-member polls is not built (README: not yet); under {} the {n} candidates with most votes are returned and each paper may carry up to {n} votes, which the collator's check (votes plus rejected papers equal to the papers going forward) does not yet allow for",
            rules.code
        ))),
        (SeatRule::NoSeats, Some(_)) => Err(Failure::Usage(format!(
            "--seats: a poll under {} has {}",
            rules.code,
            rules.seats.describe()
        ))),
    }
}

/// Where the poll's choices came from.
enum ChoicesFrom {
    /// `--choices`.
    Declared,
    /// The answers the ruleset (or the referendum held under it on the
    /// poll date) carries.
    Ruleset(countroom_rules::referendums::PollAnswers),
    /// Every column not of the format, with why the ruleset gave none and
    /// what to do (`None` for a poll of candidates).
    Columns(Option<String>),
}

/// The collation statement as text.
///
/// The heads are in the ruleset's statutory wording, as on the statement
/// of rejected ballot papers; the areas whose papers expected, verified and
/// counted differ are listed with the figures (data, not a refusal); an
/// area that published only its votes shows "not published".
fn statement(
    plan: &Plan,
    collated: &Collated,
    checks: &[AreaCheck],
    heads: &[HeadSpec],
    withheld: &[String],
    choices_from: &ChoicesFrom,
) -> Vec<u8> {
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
    let names: Vec<&str> = plan.choices.iter().map(|c| c.name.as_str()).collect();
    let whence = match choices_from {
        ChoicesFrom::Declared => " (declared)".to_owned(),
        ChoicesFrom::Ruleset(a) => match a.referendum {
            Some(r) => format!(
                " (the answers of the referendum held on {} ({}): {})",
                r.date, r.code, a.citation
            ),
            None => format!(" (the answers the instrument sets: {})", a.citation),
        },
        ChoicesFrom::Columns(None) => {
            " (every column not of the format; declare them with --choices to refuse any other)"
                .to_owned()
        }
        ChoicesFrom::Columns(Some(why)) => format!(
            " (every column not of the format, the answers not being known from the ruleset: {why})"
        ),
    };
    let _ = writeln!(s, "  Choices: {}{whence}", names.join(", "));
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
            if f.not_published() == 0 {
                thousands(f.rejected_total())
            } else {
                "-".to_owned()
            },
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
    let unpublished = total.not_published();
    let partial = |v: u64| {
        if unpublished == 0 {
            thousands(v)
        } else if unpublished == total.areas() {
            "not published".to_owned()
        } else {
            format!(
                "{} (not published for {unpublished} area{}: the sum of the others)",
                thousands(v),
                if unpublished == 1 { "" } else { "s" }
            )
        }
    };
    let _ = writeln!(
        s,
        "  Ballot papers going forward to the count {}",
        partial(total.papers_forward())
    );
    let _ = writeln!(s, "  Ballot papers counted {}", partial(total.counted()));
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
    let _ = writeln!(s, "  Rejected ballot papers:");
    for (k, h) in plan.heads.iter().enumerate() {
        let wording = heads.iter().find(|x| x.head == *h).map_or_else(
            || {
                if *h == countroom_rules::RejectionHead::BreakdownNotGiven {
                    countroom_rules::RejectionHead::BREAKDOWN_NOT_GIVEN_LABEL.to_owned()
                } else {
                    h.code().to_owned()
                }
            },
            |x| format!("({}) {}", x.letter, x.label),
        );
        let _ = writeln!(
            s,
            "    {wording} {}",
            partial(total.rejected().get(k).copied().unwrap_or(0))
        );
    }
    let _ = writeln!(
        s,
        "  Ballot-box turnout {}",
        total.turnout().map_or_else(
            || {
                if unpublished > 0 {
                    "not known (papers counted not published)".to_owned()
                } else if total.electorate().is_some_and(|e| e > 0) {
                    "not given (the papers counted exceed the electorate, which cannot be true)"
                        .to_owned()
                } else {
                    "not known (no electorate)".to_owned()
                }
            },
            |p| format!("{p}% (half up to 2 places, from exact integers)")
        )
    );
    let area_name = |id: &str| {
        plan.areas
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_owned(), |a| format!("{} ({id})", a.name))
    };
    let differing: Vec<&AreaCheck> = checks.iter().filter(|c| c.differs()).collect();
    if !differing.is_empty() {
        let _ = writeln!(
            s,
            "\n  Areas where the papers expected, verified and counted differ ({}):",
            differing.len()
        );
        for c in differing {
            let f = collated
                .areas
                .iter()
                .find(|a| a.area == c.area)
                .map(|a| &a.figures);
            let Some(f) = f else { continue };
            let signed = |v: i128| countroom_io::render::thousands_signed(v);
            let mut line = format!("    {}:", area_name(&c.area));
            if let Some(e) = f.expected() {
                let _ = write!(line, " expected {};", thousands(e));
            }
            let _ = write!(line, " verified {}", thousands(f.papers_forward()));
            if let Some(d) = c.forward_less_expected {
                let _ = write!(line, " ({} on expected)", signed(d));
            }
            if let Some(d) = c.forward_less_verified {
                let _ = write!(line, " ({} on polling station plus postal)", signed(d));
            }
            let _ = write!(
                line,
                "; counted {} ({} on verified)",
                thousands(f.counted()),
                signed(c.counted_less_forward)
            );
            for a in &c.above_electorate {
                let _ = write!(
                    line,
                    "; {} above the electorate of {}",
                    a.what,
                    thousands(a.electorate)
                );
            }
            if let Some(e) = &c.explanation {
                let area = collated.areas.iter().find(|a| a.area == c.area);
                let stated: Vec<String> = area
                    .into_iter()
                    .flat_map(|a| [a.explained_variance, a.explained_forward_variance])
                    .flatten()
                    .map(signed)
                    .collect();
                if stated.is_empty() {
                    let _ = write!(line, "; explanation: {e}");
                } else {
                    let _ = write!(line, "; explanation (of {}): {e}", stated.join(" and "));
                }
            }
            let _ = writeln!(s, "{line}");
        }
    }
    let unpublished_areas: Vec<String> = checks
        .iter()
        .filter(|c| c.not_published)
        .map(|c| area_name(&c.area))
        .collect();
    if !unpublished_areas.is_empty() {
        let _ = writeln!(
            s,
            "\n  Areas whose papers going forward and rejected papers are not published ({}): {}",
            unpublished_areas.len(),
            unpublished_areas.join(", ")
        );
    }
    let result = result_sentence(plan, collated);
    let _ = writeln!(s, "\n{result}");
    s.into_bytes()
}

/// The sentence of the collation's result (the text and HTML statements).
fn result_sentence(plan: &Plan, collated: &Collated) -> String {
    let name = |i: usize| plan.choices.get(i).map_or("?", |c| c.name.as_str());
    match &collated.outcome {
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
    }
}
