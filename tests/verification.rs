//! Ballot paper verification through the command line and the library.

use countroom::model::{BallotBoxId, BallotPaperAccount, PollingPlaceId};
use countroom::verify::{BoxStatus, PollVerification, Station};

use crate::cli::rejects;
use crate::support::{dataset, run, scratch, stderr, stdout, write};

const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

/// uk-count-rules.md §2.8: district poll "north" combined with a UKPGE;
/// Village Hall has stations N1 and N2; boxes 101, 102 (district), 201
/// (UKPGE, at N1) and postal box PV1; then `lines`.
fn north_log(lines: &[&str]) -> String {
    let mut out = String::from(HEADER);
    let base = [
        r#"{"election_defined":{"election":"e","name":"Combined polls","poll_date":"2029-05-03"}}"#,
        r#"{"contest_defined":{"contest":"north","election":"e","title":"Election of District Councillors","area":"North Ward","office":"principal_councillor","country":"england","electorate":9000,"vacancies":[{"kind":"ordinary","term_ends":"2033-05-09"}],"candidates":[{"id":"A","name":"A"},{"id":"B","name":"B"}]}}"#,
        r#"{"contest_defined":{"contest":"ukpge","election":"e","title":"Election of a Member of Parliament","area":"Northshire","office":"uk_parliament","country":"england","electorate":70000,"vacancies":[{"kind":"ordinary","term_ends":"2034-05-04"}],"candidates":[{"id":"X","name":"X"},{"id":"Y","name":"Y"}]}}"#,
        r#"{"polling_place_defined":{"polling_place":"VH","name":"Village Hall"}}"#,
        r#"{"polling_station_defined":{"polling_station":"N1","polling_place":"VH","name":"N1"}}"#,
        r#"{"polling_station_defined":{"polling_station":"N2","polling_place":"VH","name":"N2"}}"#,
        r#"{"ballot_box_defined":{"ballot_box":"201","polling_station":"N1","contests":["ukpge"]}}"#,
    ];
    for (i, line) in base.iter().chain(lines).enumerate() {
        out.push_str(&format!(
            "{{\"seq\":{},\"by\":\"RO\",\"event\":{line}}}\n",
            i + 1
        ));
    }
    out
}

const ACCOUNTS: &str =
    "ballot_box,polling_station,contest,entrusted,issued,unused,spoilt,cancelled,tendered\n\
101,N1,north,N0001-N1500,612,880,6,0,2\n\
102,N2,north,N1501-N2700,455,741,4,0,0\n\
PV1,,north,,,,,,\n";

/// `countroom verify` on CSV input: the §2.8 figures (610 and 457 against
/// 612 and 455 in one polling place, 2,103 postal) verify 3,170 papers,
/// with the compensating error accepted.
#[test]
fn verify_from_csv_tables() {
    let dir = scratch();
    let log = write(dir.path(), "north.jsonl", north_log(&[]).as_bytes());
    let accounts = write(dir.path(), "accounts.csv", ACCOUNTS.as_bytes());
    let counts = write(
        dir.path(),
        "counts.csv",
        b"ballot_box,contest,attempt,papers,counted_by\n101,north,1,610,Table 1\n102,north,1,457,Table 2\nPV1,north,1,2103,Table 3\n",
    );
    let o = run(&[
        "verify",
        &log,
        "--accounts",
        &accounts,
        "--counts",
        &counts,
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let north = &v["polls"][0]["verification"];
    assert_eq!(north["total_verified"], 3_170);
    assert_eq!(north["polling_station_papers"], 1_067);
    assert_eq!(north["postal_papers"], 2_103);
    let statuses: Vec<&str> = north["boxes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["compensating_error", "compensating_error", "counted"]
    );
    assert_eq!(
        v["boxes"].as_array().unwrap().len(),
        4,
        "201, 101, 102 and PV1 in the progress view"
    );
    let text = run(&["verify", &log, "--accounts", &accounts, "--counts", &counts]);
    assert!(
        stdout(&text).contains("Total ballot papers verified                   3,170"),
        "{}",
        stdout(&text)
    );
    assert!(run(&[
        "verify",
        &log,
        "--accounts",
        &accounts,
        "--counts",
        &counts,
        "--format",
        "csv"
    ])
    .status
    .success());
}

/// The §2.8 move: a district paper found in UKPGE box 201 is moved to box
/// 101; the completed verification's total feeds the count's
/// reconciliation.
#[test]
fn moves_and_completion_feed_the_count() {
    let lines = [
        r#"{"ballot_box_defined":{"ballot_box":"101","polling_station":"N1","contests":["north"]}}"#,
        r#"{"ballot_box_defined":{"ballot_box":"102","polling_station":"N2","contests":["north"]}}"#,
        r#"{"ballot_box_defined":{"ballot_box":"PV1","contests":["north"]}}"#,
        r#"{"account_entered":{"ballot_box":"101","contest":"north","entrusted":[{"first":"N0001","last":"N1500"}],"issued":612,"unused":880,"spoilt":6,"tendered":2}}"#,
        r#"{"account_entered":{"ballot_box":"102","contest":"north","entrusted":[{"first":"N1501","last":"N2700"}],"issued":455,"unused":741,"spoilt":4}}"#,
        r#"{"account_entered":{"ballot_box":"201","contest":"ukpge","entrusted":[{"first":"P0001","last":"P2000"}],"issued":1000,"unused":1000,"spoilt":0}}"#,
        r#"{"box_counted":{"ballot_box":"101","contest":"north","attempt":1,"papers":609}}"#,
        r#"{"box_counted":{"ballot_box":"201","contest":"ukpge","attempt":1,"papers":1001}}"#,
        r#"{"papers_moved":{"from_box":"201","from_contest":"ukpge","to_box":"101","to_contest":"north","papers":1}}"#,
        r#"{"box_counted":{"ballot_box":"102","contest":"north","attempt":1,"papers":457}}"#,
        r#"{"box_counted":{"ballot_box":"PV1","contest":"north","attempt":1,"papers":2103}}"#,
        r#"{"verification_completed":{"contest":"north"}}"#,
        r#"{"bundle_counted":{"contest":"north","run":1,"bundle":"B1","votes":[{"candidate":"A","votes":2000},{"candidate":"B","votes":1160}]}}"#,
        r#"{"rejected_counted":{"contest":"north","run":1,"head":"unmarked_or_void","papers":10}}"#,
    ];
    let dir = scratch();
    let log = write(dir.path(), "north.jsonl", north_log(&lines).as_bytes());
    let o = run(&["count", &log, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let north = &r["contests"][0];
    assert_eq!(north["verification"]["total_verified"], 3_170);
    assert_eq!(
        north["verification"]["boxes"][0]["moves"][0],
        "+1 from box 201 (ukpge)"
    );
    assert_eq!(north["reconciliation"]["papers_verified"], 3_170);
    assert_eq!(north["reconciliation"]["papers_counted"], 3_170);
    assert_eq!(north["reconciliation"]["variance"], 0);
    // UKPGE box 201 gave one paper away: 1,001 counted, 1,000 verified.
    let ukpge = &r["contests"][1]["verification"];
    assert_eq!(ukpge["boxes"][0]["verified"], 1_000);
    assert_eq!(ukpge["status"], "in_progress");
}

/// A combined poll of a ward (120 electors) and a county division (130
/// electors) sharing one postal ballot box, 130 papers of each poll
/// counted in it: each poll's total is held against its own electorate
/// (LEPAR 2006 Sch 3 r.45(1): the papers of each election recorded
/// separately, each with its own statement). The ward's 130 > 120 is a
/// figure that cannot be true (each elector has one ballot paper); the
/// division's 130 = 130 (every elector voted) is possible, so no problem.
#[test]
fn papers_verified_above_the_electorate_on_the_statement() {
    let contest = |id: &str, electorate: u64| {
        format!(
            r#"{{"contest_defined":{{"contest":"{id}","election":"e","title":"Election of Councillors","area":"{id}","office":"principal_councillor","country":"england","electorate":{electorate},"vacancies":[{{"kind":"ordinary","term_ends":"2033-05-09"}}],"candidates":[{{"id":"A","name":"A"}},{{"id":"B","name":"B"}}]}}}}"#
        )
    };
    let events = [
        r#"{"election_defined":{"election":"e","name":"Combined polls","poll_date":"2029-05-03"}}"#
            .to_owned(),
        contest("ward", 120),
        contest("division", 130),
        r#"{"ballot_box_defined":{"ballot_box":"PV1","contests":["ward","division"]}}"#.to_owned(),
        r#"{"box_counted":{"ballot_box":"PV1","contest":"ward","attempt":1,"papers":130}}"#
            .to_owned(),
        r#"{"box_counted":{"ballot_box":"PV1","contest":"division","attempt":1,"papers":130}}"#
            .to_owned(),
    ];
    let mut log = String::from(HEADER);
    for (i, line) in events.iter().enumerate() {
        log.push_str(&format!(
            "{{\"seq\":{},\"by\":\"RO\",\"event\":{line}}}\n",
            i + 1
        ));
    }
    let report = countroom::report_from_log(log.as_bytes()).unwrap();
    let problem = "ballot papers verified (130) exceed the electorate (120): each elector has one ballot paper, so these figures cannot be true";
    let ward = report.contests[0].verification.as_ref().unwrap();
    assert_eq!(ward.total_verified, 130);
    assert_eq!(ward.problems, [problem]);
    let division = report.contests[1].verification.as_ref().unwrap();
    assert_eq!(division.total_verified, 130);
    assert!(division.problems.is_empty(), "{:?}", division.problems);

    let text = String::from_utf8(countroom::io::render::verification_text(&report)).unwrap();
    assert!(
        text.contains(&format!(
            "  {:<40}{:>12}\n    PROBLEM: {problem}\n",
            "Total ballot papers verified", "130"
        )),
        "{text}"
    );
    assert_eq!(text.matches("PROBLEM").count(), 1, "{text}");

    let json: serde_json::Value =
        serde_json::from_slice(&countroom::io::render::verification_json(&report)).unwrap();
    assert_eq!(
        json["polls"][0]["verification"]["problems"],
        serde_json::json!([problem])
    );
    assert!(json["polls"][1]["verification"].get("problems").is_none());

    let csv = String::from_utf8(countroom::io::render::verification_csv(&report)).unwrap();
    let rows: Vec<&str> = csv.lines().filter(|l| l.contains(",problem,")).collect();
    assert_eq!(
        rows,
        [format!(
            "ward,,verification,problem,a figure that cannot be true,\"{problem}\""
        )]
    );
}

// ---- Bad input: typed errors naming the file, line and field ----

#[test]
fn bad_account_for_a_box_that_does_not_exist() {
    let log = north_log(&[
        r#"{"account_entered":{"ballot_box":"999","contest":"north","entrusted":[],"issued":1,"unused":0,"spoilt":0}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &["count.jsonl:9: entry 8: account_entered: field `ballot_box`: unknown ballot box 999"],
    );
}

#[test]
fn bad_count_for_an_unknown_poll() {
    let log = north_log(&[
        r#"{"box_counted":{"ballot_box":"201","contest":"parish","attempt":1,"papers":5}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &["count.jsonl:9: entry 8: box_counted: field `contest`: unknown contest parish"],
    );
    let log = north_log(&[
        r#"{"box_counted":{"ballot_box":"201","contest":"north","attempt":1,"papers":5}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &["field `ballot_box`: ballot box 201 does not hold papers of contest north"],
    );
    let counts = b"ballot_box,contest,attempt,papers,counted_by\n201,parish,1,5,T1\n";
    rejects(
        north_log(&[]).as_bytes(),
        &[("--counts", "counts.csv", counts)],
        &["counts.csv:2: entry 8: box_counted: field `contest`: unknown contest parish"],
    );
}

#[test]
fn bad_negative_figure() {
    let log = north_log(&[
        r#"{"box_counted":{"ballot_box":"201","contest":"ukpge","attempt":1,"papers":-3}}"#,
    ]);
    rejects(log.as_bytes(), &[], &["count.jsonl:9: field `event.box_counted.papers`: -3 is not a whole number of 0 or more"]);
    let accounts = "ballot_box,polling_station,contest,entrusted,issued,unused,spoilt,cancelled,tendered\n201,N1,ukpge,P1-P9,-1,0,0,0,0\n";
    rejects(
        north_log(&[]).as_bytes(),
        &[("--accounts", "accounts.csv", accounts.as_bytes())],
        &["accounts.csv:2: field `issued`: \"-1\" is not a whole number of 0 or more"],
    );
}

#[test]
fn bad_overlapping_serial_ranges() {
    let log = north_log(&[
        r#"{"ballot_box_defined":{"ballot_box":"101","polling_station":"N1","contests":["north"]}}"#,
        r#"{"ballot_box_defined":{"ballot_box":"102","polling_station":"N2","contests":["north"]}}"#,
        r#"{"account_entered":{"ballot_box":"101","contest":"north","entrusted":[{"first":"N0001","last":"N1500"}],"issued":612,"unused":880,"spoilt":6,"tendered":2}}"#,
        r#"{"account_entered":{"ballot_box":"102","contest":"north","entrusted":[{"first":"N1400","last":"N2700"}],"issued":455,"unused":741,"spoilt":4}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &["count.jsonl:12: entry 11: account_entered: field `entrusted[0]`: serial range N1400-N2700 overlaps range N0001-N1500 entrusted to box 101"],
    );
}

#[test]
fn bad_move_of_more_papers_than_the_box_holds() {
    let log = north_log(&[
        r#"{"ballot_box_defined":{"ballot_box":"101","polling_station":"N1","contests":["north"]}}"#,
        r#"{"box_counted":{"ballot_box":"201","contest":"ukpge","attempt":1,"papers":3}}"#,
        r#"{"papers_moved":{"from_box":"201","from_contest":"ukpge","to_box":"101","to_contest":"north","papers":4}}"#,
        r#"{"verification_completed":{"contest":"ukpge"}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &[
            "count.jsonl:11: entry 10: papers_moved: field `papers`: box 201 holds 3 papers of this poll, fewer than the 4 moved",
            "count.jsonl:12: entry 11: verification_completed: verification cannot be completed: box 201 is unresolved: no ballot paper account has been entered",
        ],
    );
}

/// The 2016 EU referendum (Electoral Commission, 382 counting areas, CR-only
/// line endings), one verification record per area: the expected figure as
/// the account, the verified figure as the count. The published sums must
/// come out, and every area where expected, verified and counted are not all
/// equal must be found.
#[test]
fn eu_referendum_2016_expected_and_verified() {
    let Some(dir) = dataset("eu-referendum-2016") else {
        return;
    };
    let mut rdr = csv::Reader::from_path(dir.join("EU-referendum-result-data.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (area, expected, verified, cast) = (
        col("Area_Code"),
        col("ExpectedBallots"),
        col("VerifiedBallotPapers"),
        col("Votes_Cast"),
    );
    let place = PollingPlaceId::new("AREA").unwrap();
    let (mut sum_expected, mut sum_verified, mut areas, mut differ, mut matched) =
        (0u64, 0u64, 0, 0, 0);
    for row in rdr.records() {
        let row = row.unwrap();
        let e: u64 = row[expected].parse().unwrap();
        let v: u64 = row[verified].parse().unwrap();
        let c: u64 = row[cast].parse().unwrap();
        let id = BallotBoxId::new(&row[area]).unwrap();
        let mut poll = PollVerification::default();
        let account = BallotPaperAccount {
            entrusted: vec![],
            issued: e,
            unused: 0,
            spoilt: 0,
            cancelled: 0,
            tendered: 0,
        };
        poll.enter_account(
            &id,
            Station::Polling {
                place: place.clone(),
            },
            account,
        );
        poll.count(&id, 1, v, "counting officer").unwrap();
        assert_eq!(
            poll.record(&id).unwrap().variance(),
            Some(i128::from(v) - i128::from(e))
        );
        if poll.status(&id) == BoxStatus::Matched {
            matched += 1;
        }
        sum_expected += e;
        sum_verified += poll.total_verified();
        areas += 1;
        if !(e == v && v == c) {
            differ += 1;
        }
    }
    assert_eq!(areas, 382);
    assert_eq!(sum_expected, 33_579_492);
    assert_eq!(sum_verified, 33_578_037);
    assert_eq!(
        differ, 279,
        "areas whose expected, verified and counted figures are not all equal"
    );
    assert!(matched > 0 && matched < 382);
}

/// A result cannot be declared before the poll's verification is completed
/// (verification precedes the count; SI 2015/654: no declaration before
/// the verification of combined polls is complete).
#[test]
fn bad_declaration_before_verification_completes() {
    let log = north_log(&[
        r#"{"ballot_box_defined":{"ballot_box":"101","polling_station":"N1","contests":["north"]}}"#,
        r#"{"box_counted":{"ballot_box":"101","contest":"north","attempt":1,"papers":3}}"#,
        r#"{"bundle_counted":{"contest":"north","run":1,"bundle":"B1","votes":[{"candidate":"A","votes":2},{"candidate":"B","votes":1}]}}"#,
        r#"{"count_completed":{"contest":"north","run":1}}"#,
        r#"{"result_declared":{"contest":"north","run":1}}"#,
        r#"{"verification_completed":{"contest":"north"}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &[
            "count.jsonl:13: entry 12: result_declared: contest north: run 1 cannot be declared: the verification of its ballot papers is not completed",
            "count.jsonl:14: entry 13: verification_completed: verification cannot be completed: box 101 is unresolved: no ballot paper account has been entered",
        ],
    );
}
