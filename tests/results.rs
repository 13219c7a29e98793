//! `countroom results`: published results checked through the command
//! line (the shipped synthetic example, the 2019 general election as the
//! Commons Library published it), the count log the figures imply replayed
//! by `countroom count`, and contests without a term end.

use std::collections::BTreeMap;

use countroom::count::{report, Status};
use serde_json::Value;

use crate::support::{dataset, golden, root, run, scratch, stderr, stdout, write};

fn example_args() -> Vec<String> {
    [
        "results",
        "examples/data/published/results.csv",
        "--contests",
        "examples/data/published/contests.csv",
        "--previous",
        "examples/data/published/previous.csv",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn run_owned(args: &[String]) -> std::process::Output {
    run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The shipped example: Castlebury's published winner (HUGHES, 14,870) is
/// not the candidate with the most votes (IRWIN, 14,912): the headline
/// problem, first; Eastwick's two candidates on 16,420 tie for the seat.
/// Exit code 1, and the text is the golden file.
#[test]
fn the_shipped_example_names_the_wrong_winner_first() {
    let o = run_owned(&example_args());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let problems: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("results.csv:"))
        .collect();
    assert!(
        problems[0].contains(
            "contest EX03: published as electing HUGHES, Hal, but the votes elect IRWIN, Ivy"
        ),
        "{text}"
    );
    assert!(
        problems[1].contains("contest EX05: NASH, Ned, OKAFOR, Ola have 16420 votes each"),
        "{text}"
    );
    golden("results-example.txt", &o.stdout);
}

/// The JSON report (serde) carries every problem's stable code, file,
/// line and field, and the party lines worked by hand from the example:
/// Blue 21,447 + 15,310 + 14,912 + 17,554 + 16,420 = 85,643 of 189,576 =
/// 45.1766…% → 45.18; before 84,000 of 162,000 = 51.85; change −6.67.
#[test]
fn the_json_report_has_codes_and_exact_shares() {
    let mut args = example_args();
    args.extend(["--format".into(), "json".into()]);
    let o = run_owned(&args);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["wrong_winner", "boundary_tie"]);
    assert_eq!(v["problems"][0]["line"], 9);
    assert_eq!(v["problems"][0]["field"], "elected");
    let blue = &v["parties"][0];
    assert_eq!(
        (
            blue["party"].as_str(),
            blue["votes"].as_u64(),
            blue["share"].as_str()
        ),
        (Some("Blue"), Some(85_643), Some("45.18"))
    );
    assert_eq!(blue["previous_share"], "51.85");
    assert_eq!(blue["share_change_hundredths"], -667);
    assert_eq!(blue["seat_change"], -1);
    assert_eq!(v["votes"], 189_576);
    // The same bytes every time.
    assert_eq!(run_owned(&args).stdout, o.stdout);
}

/// The CSV report reads back with the csv crate: one row per problem,
/// contest, candidate and party.
#[test]
fn the_csv_report_reads_back() {
    let mut args = example_args();
    args.extend(["--format".into(), "csv".into()]);
    let o = run_owned(&args);
    let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
    let mut sections: BTreeMap<String, usize> = BTreeMap::new();
    for row in rdr.records() {
        *sections.entry(row.unwrap()[0].to_owned()).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        ("problem", 2),
        ("contest", 5),
        ("candidate", 16),
        ("party", 5),
    ]
    .into_iter()
    .map(|(k, n)| (k.to_owned(), n))
    .collect();
    assert_eq!(sections, expected);
}

/// Votes that do not sum to the published valid votes: refused with both
/// figures (exit 1, nothing written) unless `--published`, which lists it
/// on the report.
#[test]
fn votes_not_summing_to_valid_are_refused_unless_published() {
    let dir = scratch();
    let results = write(
        dir.path(),
        "r.csv",
        b"contest,candidate,party,votes\nw,A,P,600\nw,B,Q,400\n",
    );
    let contests = write(
        dir.path(),
        "c.csv",
        b"contest,electorate,valid\nw,2000,999\n",
    );
    let log = dir.path().join("out.jsonl");
    let log_arg = log.to_str().unwrap();
    let o = run(&[
        "results",
        &results,
        "--contests",
        &contests,
        "--log",
        log_arg,
        "--date",
        "2029-05-03",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("c.csv:2: field `valid`: contest w: the candidates' votes sum to 1000, but the valid votes published are 999"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    assert!(!log.exists(), "nothing is written");
    let o = run(&["results", &results, "--contests", &contests, "--published"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o)
        .contains("the candidates' votes sum to 1000, but the valid votes published are 999"));
}

/// Bad input through the command line: the file, line and column named,
/// exit 1, nothing on standard output.
#[test]
fn bad_input_names_file_line_and_column() {
    let dir = scratch();
    for (input, message) in [
        (&b""[..], "r.csv: the file is empty"),
        (
            b"contest,candidate,party,votes\n",
            "r.csv:1: the file has a header row and no results",
        ),
        (
            b"contest,candidate,party,votes\nw,A,P,1.5\n",
            "r.csv:2: field `votes`: \"1.5\" is not a whole number",
        ),
        (
            b"contest,candidate,party,votes,x\nw,A,P,1,2\n",
            "r.csv:1: field `x`: unknown column \"x\"",
        ),
    ] {
        let path = write(dir.path(), "r.csv", input);
        let o = run(&["results", &path]);
        assert_eq!(o.status.code(), Some(1), "{message}");
        let err = stderr(&o).replace(&path, "r.csv");
        assert!(err.contains(message), "{err}");
        assert!(stdout(&o).is_empty());
    }
}

/// `--log`: the count log the example implies, replayed by `countroom
/// count`: the winners by the votes (IRWIN in Castlebury, counted but not
/// declared, since the published result names HUGHES), Eastwick not
/// declared (the lot is not in the file), no term line for a Member of
/// Parliament, and the rejected papers as one total.
#[test]
fn the_implied_log_replays_through_count() {
    let dir = scratch();
    let log = dir.path().join("published.jsonl");
    let log_arg = log.to_str().unwrap().to_owned();
    let mut args = example_args();
    args.extend([
        "--log".into(),
        log_arg.clone(),
        "--date".into(),
        "2029-05-03".into(),
    ]);
    let o = run_owned(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let bytes = std::fs::read(&log).unwrap();
    let parsed = countroom::log::read(&bytes).unwrap();
    let (state, problems) = countroom::count::replay_log(&parsed);
    assert!(problems.is_empty(), "{problems:?}");
    let r = report(&state);
    let winners: Vec<(String, Option<String>)> = r
        .contests
        .iter()
        .map(|c| {
            (
                c.contest.area.clone(),
                c.elected.first().map(|e| e.name.clone()),
            )
        })
        .collect();
    assert_eq!(winners[2], ("Castlebury".into(), Some("IRWIN, Ivy".into())));
    assert_eq!(r.contests[4].status, Status::LotRequired);
    assert!(r.contests[4].lot_required.is_some());
    let o = run(&["count", &log_arg]);
    let text = stdout(&o);
    assert!(text.contains("I declare the following duly elected Member of Parliament for Abbeyford:\n  ASHDOWN, Ann, Red\n"), "{text}");
    assert!(!text.contains("term ends"));
    assert!(text.contains("rejected ballot papers (breakdown not given)"));
    // Written again, the same bytes.
    let o = run_owned(&args);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&log).unwrap(), bytes);
    // The same files elsewhere, by another path: the same bytes (the log
    // names each file by its name, never by where it was).
    let copies = dir.path().join("elsewhere");
    std::fs::create_dir(&copies).unwrap();
    for f in ["results.csv", "contests.csv", "previous.csv"] {
        std::fs::copy(
            root().join("examples/data/published").join(f),
            copies.join(f),
        )
        .unwrap();
    }
    let moved = dir.path().join("moved.jsonl");
    let path = |f: &str| copies.join(f).to_str().unwrap().to_owned();
    let o = run_owned(&[
        "results".into(),
        path("results.csv"),
        "--contests".into(),
        path("contests.csv"),
        "--previous".into(),
        path("previous.csv"),
        "--log".into(),
        moved.to_str().unwrap().to_owned(),
        "--date".into(),
        "2029-05-03".into(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read(&moved).unwrap(), bytes);
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("\"name\":\"Published results (results.csv)\""),
        "{text}"
    );
    assert!(
        text.contains("\"reason\":\"contests.csv line 2\""),
        "{text}"
    );
    assert!(!text.contains("examples/data"), "{text}");
}

/// A councillor's seat with no term end is refused (the office has a fixed
/// term); a Member of Parliament's is not.
#[test]
fn only_an_office_with_no_fixed_term_may_leave_the_term_end_out() {
    let dir = scratch();
    for (office, ok) in [("uk_parliament", true), ("principal_councillor", false)] {
        let log = format!(
            "{{\"schema\":\"countroom-count-log\",\"version\":1}}\n{{\"seq\":1,\"by\":\"ro\",\"event\":{{\"election_defined\":{{\"election\":\"e\",\"name\":\"E\",\"poll_date\":\"2029-05-03\"}}}}}}\n{{\"seq\":2,\"by\":\"ro\",\"event\":{{\"contest_defined\":{{\"contest\":\"c\",\"election\":\"e\",\"title\":\"T\",\"area\":\"A\",\"office\":\"{office}\",\"country\":\"england\",\"electorate\":100,\"vacancies\":[{{\"kind\":\"ordinary\"}}],\"candidates\":[{{\"id\":\"A\",\"name\":\"A\"}},{{\"id\":\"B\",\"name\":\"B\"}}]}}}}}}\n"
        );
        let path = write(dir.path(), "t.jsonl", log.as_bytes());
        let o = run(&["check", &path]);
        assert_eq!(o.status.success(), ok, "{office}: {}", stderr(&o));
        if !ok {
            assert!(
                stderr(&o).contains("vacancies[0].term_ends`: this office has a fixed term"),
                "{}",
                stderr(&o)
            );
        }
    }
}

/// The 2019 general election as the House of Commons Library published it
/// (CBP-8749), through `countroom results`: no problem in any of the 650
/// constituencies (every member returned is the candidate with the most
/// votes, every majority and valid total agrees), and the seats and votes
/// by party as published: Con 365, Lab 202, SNP 48, LD 11, DUP 8, SF 7,
/// PC 4, SDLP 2, Green 1, Alliance (APNI) 1, Speaker (Spk) 1; votes Con
/// 13,966,454, Lab 10,269,051, LD 3,696,419, SNP 1,242,380 (the Commons
/// Library's totals, typed by hand).
#[test]
fn ge2019_through_results() {
    let Some(dir) = dataset("general-election-2019") else {
        return;
    };
    let candidates = dir.join("HoC-GE2019-results-by-candidate.csv");
    let constituencies = dir.join("HoC-GE2019-results-by-constituency.csv");
    let out = scratch();
    let log = out.path().join("ge2019.jsonl");
    let o = run(&[
        "results",
        candidates.to_str().unwrap(),
        "--contests",
        constituencies.to_str().unwrap(),
        "--format",
        "json",
        "--log",
        log.to_str().unwrap(),
        "--date",
        "2019-12-12",
        "--election",
        "ge2019",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["problems"].as_array().unwrap().len(), 0);
    let contests = v["contests"].as_array().unwrap();
    assert_eq!(contests.len(), 650);
    assert!(contests
        .iter()
        .all(|c| c["published_winners_agree"] == true));
    let mut seats = BTreeMap::new();
    let mut votes = BTreeMap::new();
    for p in v["parties"].as_array().unwrap() {
        if p["seats"].as_u64().unwrap() > 0 {
            seats.insert(
                p["party"].as_str().unwrap().to_owned(),
                p["seats"].as_u64().unwrap(),
            );
        }
        votes.insert(
            p["party"].as_str().unwrap().to_owned(),
            p["votes"].as_u64().unwrap(),
        );
    }
    let expected: BTreeMap<String, u64> = [
        ("Con", 365),
        ("Lab", 202),
        ("SNP", 48),
        ("LD", 11),
        ("DUP", 8),
        ("SF", 7),
        ("PC", 4),
        ("SDLP", 2),
        ("Green", 1),
        ("APNI", 1),
        ("Spk", 1),
    ]
    .into_iter()
    .map(|(p, n)| (p.to_owned(), n))
    .collect();
    assert_eq!(seats, expected);
    assert_eq!(votes["Con"], 13_966_454);
    assert_eq!(votes["Lab"], 10_269_051);
    assert_eq!(votes["LD"], 3_696_419);
    assert_eq!(votes["SNP"], 1_242_380);
    // Every constituency's winner and majority against the constituency
    // file, read here independently.
    let mut rdr = csv::Reader::from_path(&constituencies).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (ons, first, surname, majority) = (
        col("ONS ID"),
        col("Member first name"),
        col("Member surname"),
        col("Majority"),
    );
    let by_id: BTreeMap<&str, &Value> = contests
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c))
        .collect();
    let mut checked = 0;
    for row in rdr.records() {
        let row = row.unwrap();
        let c = by_id[&row[ons]];
        let winner = &c["candidates"][0];
        assert_eq!(winner["elected_by_rules"], true);
        assert_eq!(
            winner["name"].as_str().unwrap(),
            format!("{} {}", &row[first], &row[surname])
        );
        assert_eq!(
            c["majority"].as_u64().unwrap(),
            row[majority].parse::<u64>().unwrap()
        );
        checked += 1;
    }
    assert_eq!(checked, 650);
    // The log the figures imply replays to the same 650 members.
    let parsed = countroom::log::read(&std::fs::read(&log).unwrap()).unwrap();
    let (state, problems) = countroom::count::replay_log(&parsed);
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(3)]
    );
    let r = report(&state);
    assert_eq!(r.contests.len(), 650);
    for (c, k) in r.contests.iter().zip(contests) {
        assert_eq!(c.status, Status::Declared);
        assert_eq!(
            c.elected[0].name,
            k["candidates"][0]["name"].as_str().unwrap()
        );
        assert_eq!(c.majority, k["majority"].as_u64());
    }
}

/// A combined authority mayor polled on 4 May 2017 (the 2017 Order:
/// supplementary vote, chosen by `--date`) and a two-seat parish ward in
/// one run. Mayor: first preferences 4,000 / 3,000 / 2,000 / 1,000, no
/// majority of 10,000; the top two get 500 and 1,200 more: 4,500 and 4,200,
/// so ADAMS is returned. Ward: 900 and 800 of 1,000 papers. The log
/// `--log` writes is replayed by `count` to the same members, with the
/// term ends from the contests file and the rejected papers by head.
#[test]
fn supplementary_vote_and_council_results_through_the_cli() {
    let dir = scratch();
    let results = write(
        dir.path(),
        "r.csv",
        b"contest,candidate,party,votes,second,elected\nmayor,\"ADAMS, Ann\",Red,4000,500,Y\nmayor,\"BROOK, Bo\",Blue,3000,1200,N\nmayor,\"CHAN, Cy\",Green,2000,,N\nmayor,\"DOYLE, Di\",Gold,1000,,N\nward,\"EAST, Ed\",Red,900,,Y\nward,\"FOX, Flo\",Blue,800,,Y\nward,\"GRAY, Gus\",Green,300,,N\n",
    );
    let contests = write(
        dir.path(),
        "c.csv",
        b"contest,office,authority,seats,electorate,valid,want of official mark,unmarked or void for uncertainty,term_ends\nmayor,mayor,combined_authority,1,30000,10000,4,6,2021-05-06\nward,parish_councillor,,2,2500,1000,,,2021-05-06\n",
    );
    let log = dir.path().join("implied.jsonl");
    let log_arg = log.to_str().unwrap().to_owned();
    let o = run(&[
        "results",
        &results,
        "--contests",
        &contests,
        "--date",
        "2017-05-04",
        "--log",
        &log_arg,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("No problems found."), "{text}");
    assert!(text.contains("+ 1,200 = 4,200"), "{text}");
    let o = run(&["count", &log_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("ADAMS, Ann"), "{text}");
    assert!(
        text.contains("EAST, Ed") && text.contains("FOX, Flo"),
        "{text}"
    );
    assert!(
        text.contains("2021-05-06") || text.contains("6 May 2021"),
        "{text}"
    );
    assert!(!text.contains("breakdown not given"), "{text}");

    // A published winner the supplementary vote does not return, and
    // second preferences added to an eliminated candidate: findings, exit 1.
    let wrong = write(
        dir.path(),
        "w.csv",
        b"contest,candidate,party,votes,second,elected\nmayor,\"ADAMS, Ann\",Red,4000,500,N\nmayor,\"BROOK, Bo\",Blue,3000,1200,Y\nmayor,\"CHAN, Cy\",Green,2000,7,N\nmayor,\"DOYLE, Di\",Gold,1000,,N\n",
    );
    let one = write(
        dir.path(),
        "c1.csv",
        b"contest,office,authority,ruleset\nmayor,mayor,combined_authority,ca-mayor-sv-2017\n",
    );
    let o = run(&["results", &wrong, "--contests", &one, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["second_votes_for_eliminated", "wrong_winner"]);

    // STV is refused by name, with the command to use.
    let stv = write(
        dir.path(),
        "s.csv",
        b"contest,office,country\nmayor,principal_councillor,scotland\n",
    );
    let o = run(&["results", &results, "--contests", &stv]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("countroom stv check-sheet"),
        "{}",
        stderr(&o)
    );
}

/// The contests of a log that record a `result_declared` (the ids in the
/// log's order).
fn declared_contests(log: &[u8]) -> Vec<String> {
    let parsed = countroom::log::read(log).unwrap();
    parsed
        .entries
        .iter()
        .filter_map(|e| match &e.event {
            countroom::log::Event::ResultDeclared(d) => Some(d.contest.clone()),
            _ => None,
        })
        .collect()
}

/// Audit finding 9, the auditor's own command: `--log` on the shipped
/// example with `--date 2029-05-03`. A generated log never holds a
/// declaration the published result does not make: Castlebury (EX03) is
/// published as won by HUGHES (14,870) though IRWIN has more votes
/// (14,912; RPA 1983 Sch 1 r.50: the candidate with the most votes is
/// returned), and Eastwick (EX05) is a tie only a lot settles (r.49), so
/// neither gets a `result_declared`; the other three, whose published
/// winners have the most votes, do (hand-checked against results.csv).
/// Exit 1 (the report lists problems), the report on standard output, the
/// log written, and standard error says which contests are not declared
/// and why. `count` then shows Castlebury's figures as a provisional sheet,
/// not a declaration.
#[test]
fn the_implied_log_declares_only_what_the_published_result_declares() {
    let dir = scratch();
    let log = dir.path().join("implied.jsonl");
    let log_arg = log.to_str().unwrap();
    let o = run(&[
        "results",
        "examples/data/published/results.csv",
        "--contests",
        "examples/data/published/contests.csv",
        "--log",
        log_arg,
        "--date",
        "2029-05-03",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("PUBLISHED RESULTS CHECKED"));
    let err = stderr(&o);
    assert!(
        err.contains("contest EX03: no result_declared written: the report lists a problem for it (wrong_winner)"),
        "{err}"
    );
    assert!(
        err.contains("contest EX05: no result_declared written: the report lists a problem for it (boundary_tie)"),
        "{err}"
    );
    assert!(
        err.contains("the report lists 2 problems (exit code 1)") && err.contains("was written"),
        "{err}"
    );
    let bytes = std::fs::read(&log).unwrap();
    assert_eq!(declared_contests(&bytes), ["EX01", "EX02", "EX04"]);
    let o = run(&["count", log_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        !text.contains("duly elected Member of Parliament for Castlebury"),
        "{text}"
    );
    assert!(
        text.contains("duly elected Member of Parliament for Abbeyford"),
        "{text}"
    );
    assert!(text.contains("NOT A DECLARATION"), "{text}");
}

/// A results file that does not say who was elected (no `elected` column,
/// no member returned): the log records the figures and the count, but
/// declares nothing, since a declaration would be countroom's inference
/// from the votes, not the published result; exit 0 (the report lists no
/// problem) with a note on standard error.
#[test]
fn no_declaration_where_the_files_do_not_say_who_was_elected() {
    let dir = scratch();
    let results = write(
        dir.path(),
        "r.csv",
        b"contest,candidate,party,votes\nw,\"SMITH, Ann\",Red,600\nw,\"JONES, Bo\",Blue,400\n",
    );
    let contests = write(
        dir.path(),
        "c.csv",
        b"contest,electorate,valid\nw,2000,1000\n",
    );
    let log = dir.path().join("out.jsonl");
    let o = run(&[
        "results",
        &results,
        "--contests",
        &contests,
        "--log",
        log.to_str().unwrap(),
        "--date",
        "2029-05-03",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "contest w: no result_declared written: the files do not say who was elected"
        ),
        "{}",
        stderr(&o)
    );
    assert!(declared_contests(&std::fs::read(&log).unwrap()).is_empty());
}

/// Audit finding 10: a contest with no more candidates than seats has no
/// majority (no one is left unelected to lead) and no equality of votes:
/// the report says "not applicable" in text, HTML and CSV, and the JSON
/// gives `majority` null with `no_majority` `no_one_unelected`; a real
/// equality (two on 10 for one seat) is still "none (equality of votes)",
/// `equality_of_votes`. The header counts in the singular for one.
#[test]
fn one_candidate_has_no_majority_and_no_equality() {
    let dir = scratch();
    let results = write(
        dir.path(),
        "one.csv",
        b"contest,contest_name,candidate,party,votes\nU1,Uncontestedville,\"SOLE, Sam\",Red,0\nT1,Tiedton,\"A, A\",Red,10\nT1,Tiedton,\"B, B\",Blue,10\n",
    );
    let o = run(&["results", &results]);
    let text = stdout(&o);
    assert!(
        text.contains(
            "valid votes 0; majority: not applicable (1 candidate for 1 seat: no one unelected)"
        ),
        "{text}"
    );
    assert!(
        text.contains("valid votes 20; majority: none (equality of votes)"),
        "{text}"
    );
    assert!(
        text.contains("2 contests, 3 candidates, 2 seats;"),
        "{text}"
    );
    let o = run(&["results", &results, "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let c = &v["contests"];
    let by_id = |id: &str| {
        c.as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("U1")["majority"], Value::Null);
    assert_eq!(by_id("U1")["no_majority"], "no_one_unelected");
    assert_eq!(by_id("T1")["no_majority"], "equality_of_votes");
    let o = run(&["results", &results, "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.contains("majority: not applicable (1 candidate for 1 seat: no one unelected)"),
        "{csv}"
    );
    let o = run(&["results", &results, "--format", "html"]);
    let html = stdout(&o);
    assert!(
        html.contains("majority: not applicable (1 candidate for 1 seat: no one unelected)"),
        "{html}"
    );
    assert!(!html.contains("Valid votes 0; majority: none"), "{html}");
    let one = write(
        dir.path(),
        "solo.csv",
        b"contest,candidate,party,votes\nU1,\"SOLE, Sam\",Red,5\n",
    );
    let o = run(&["results", &one]);
    assert!(
        stdout(&o).contains("1 contest, 1 candidate, 1 seat;"),
        "{}",
        stdout(&o)
    );
}

/// Audit finding 11: a file of the wrong kind given to `results` (as its
/// results or its contests file) is one problem saying what it looks like
/// (`wrong_kind_of_file`), as `count`, `collate` and `stv` say of theirs
/// (README, "a file of the wrong kind named as what it looks like"), never
/// a wall of column errors; an empty file is `the file is empty`.
#[test]
fn results_names_a_file_of_the_wrong_kind() {
    let dir = scratch();
    let good = "examples/data/published/results.csv";
    let json = write(dir.path(), "six.json", b"6\n");
    let empty = write(dir.path(), "e.csv", b"");
    for (args, message) in [
        (
            vec!["results", "examples/data/westbury.jsonl"],
            "examples/data/westbury.jsonl: this is a count log (JSON Lines); `results` reads CSV files: did you mean `countroom count`?",
        ),
        (
            vec!["results", "examples/data/stv-ward.blt"],
            "examples/data/stv-ward.blt: this is a BLT ballot file; `results` reads CSV files: did you mean `countroom stv`?",
        ),
        (
            vec!["results", good, "--contests", "examples/data/westbury.jsonl"],
            "examples/data/westbury.jsonl: this is a count log (JSON Lines)",
        ),
        (vec!["results", &json], "this is a JSON value, not a count log"),
        (vec!["results", &empty], "e.csv: the file is empty"),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!err.contains("unknown column"), "{err}");
        assert!(stdout(&o).is_empty());
    }
    let o = run(&[
        "results",
        "examples/data/westbury.jsonl",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["code"], "wrong_kind_of_file");
}

/// A `--columns` mapping that cannot be used is a usage error naming the
/// option once (the audit's finding 17: "--columns: --columns: …").
#[test]
fn a_bad_columns_mapping_names_the_option_once() {
    let o = run(&[
        "results",
        "examples/data/published/results.csv",
        "--columns",
        "bogus=Notes",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("error: --columns: unknown role \"bogus\""),
        "{}",
        stderr(&o)
    );
}
