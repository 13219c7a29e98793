//! A list area's bundle CSV through `count`/`check --bundles FILE --area
//! AREA` (issue 19): each row checked against the area's logged
//! `bundle_counted` of the same run and id (the auditor's replay), or
//! counted as new with `--as-new-batch` (the area's `bundle_counted` and
//! `rejected_counted` with `counting_area`); bad input refused with every
//! problem and nothing added.
//!
//! Independent checks: a Scottish region's area counted from a bundle file
//! worked by hand (its votes, its rejected papers under SSI 2015/425 Sch 2
//! r.58(1)(a), (c), (d), (e), and the region's allocation by hand from
//! Scotland Act 1998 ss.7-8), equal to the same bundles typed into the log
//! as JSON; the Senedd example's Cwm South (its heads not read, so the
//! rejected papers as one figure, `breakdown_not_given`): the two bundles
//! and 120 rejected papers typed by hand into
//! `examples/data/senedd-cwm-valleys.jsonl` (entries 9 to 11) are the
//! entries its bundle file gives.

use serde_json::{json, Value};

use crate::support::{
    example, log_of, region_with_south_counted, run, scratch, stderr, stdout, write,
};

/// North's bundle file, with a byte-order mark, CRLF line ends, quoted
/// fields and thousands separators, the columns in an order of their own
/// (IND before A), `run` empty on the first row (the area's current run):
///
/// | bundle | A | B | C | IND | papers | (a) | (c) | (d) | (e) |
/// | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
/// | N1 | 400 | 300 | 200 | 100 | 1,000 | 1 | 2 | 0 | 3 |
/// | N2 | 1,250 | 750 | 500 | 0 | (empty) | 0 | 5 | 1 | 0 |
///
/// By hand: A 1,650, B 1,050, C 700, IND 100: valid 3,500 (one vote per
/// list paper, Scotland Act 1998 s.6(2)); rejected under SSI 2015/425 Sch
/// 2 r.58(1)(a) no official mark 1, (c) votes for more than one 2 + 5 = 7,
/// (d) identifying mark 1, (e) unmarked or void 3: 12; papers counted
/// 3,512.
const NORTH_CSV: &[u8] = b"\xEF\xBB\xBFrun,table,bundle,papers,IND,A,B,C,rejected:no_official_mark,rejected:too_many_votes,rejected:identifying_mark,rejected:unmarked_or_void\r\n,T1,N1,\"1,000\",100,400,300,200,1,2,0,3\r\n1,\"T2\",N2,,0,\"1,250\",750,500,0,5,1,0\r\n";

/// North's two bundles and its rejected papers typed into the log as JSON
/// (the figures of the table above, each head's papers per row).
fn north_typed() -> Vec<Value> {
    let bundle = |b: &str, t: &str, papers: Option<u64>, votes: [u64; 4]| {
        let votes: Vec<Value> = ["A", "B", "C", "IND"]
            .iter()
            .zip(votes)
            .filter(|(_, v)| *v > 0)
            .map(|(c, v)| json!({"candidate": c, "votes": v}))
            .collect();
        let mut e = json!({"contest": "r", "run": 1, "counting_area": "north", "bundle": b, "table": t, "votes": votes});
        if let Some(p) = papers {
            e["papers"] = json!(p);
        }
        json!({ "bundle_counted": e })
    };
    let rejected = |head: &str, papers: u64| json!({"rejected_counted": {"contest": "r", "run": 1, "counting_area": "north", "head": head, "papers": papers}});
    vec![
        bundle("N1", "T1", Some(1_000), [400, 300, 200, 100]),
        rejected("no_official_mark", 1),
        rejected("too_many_votes", 2),
        rejected("unmarked_or_void", 3),
        bundle("N2", "T2", None, [1_250, 750, 500, 0]),
        rejected("too_many_votes", 5),
        rejected("identifying_mark", 1),
    ]
}

/// `count --format json` with `args` added: the list contest.
fn list_contest(args: &[&str]) -> Value {
    let o = run(&[&["count"], args, &["--format", "json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["list_contests"][0].clone()
}

fn rounds(c: &Value) -> Vec<(String, String)> {
    c["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["option"].as_str().unwrap().to_owned(),
                r["figure"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The rejected papers of an area's count by head, as (code, papers).
fn heads(count: &Value) -> Vec<(String, u64)> {
    count["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["code"].as_str().unwrap().to_owned(),
                h["papers"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// `count --bundles north.csv --area north --as-new-batch`: north counted
/// from the file, the figures worked by hand; the same as the bundles typed
/// into the log, which `check --bundles` then finds the file agrees with;
/// the region allocated by hand.
#[test]
fn a_scottish_areas_bundle_file_is_counted_and_checked_against_the_log() {
    let dir = scratch();
    let log = write(
        dir.path(),
        "r.jsonl",
        log_of(&region_with_south_counted()).as_bytes(),
    );
    let csv = write(dir.path(), "north.csv", NORTH_CSV);
    let before = std::fs::read(&log).unwrap();

    let c = list_contest(&[
        &log,
        "--bundles",
        &csv,
        "--contest",
        "r",
        "--area",
        "north",
        "--as-new-batch",
    ]);
    let north = &c["areas"][0]["count"];
    assert_eq!(c["areas"][0]["counting_area"], "north", "{}", c["areas"][0]);
    assert_eq!(north["run"], 1);
    assert_eq!(north["bundles"], 2);
    assert_eq!(north["votes"], json!([1_650, 1_050, 700, 100]));
    assert_eq!(north["valid"], 3_500);
    assert_eq!(north["papers_counted"], 3_512);
    let by_head = heads(north);
    for (head, papers) in [
        ("no_official_mark", 1),
        ("too_many_votes", 7),
        ("identifying_mark", 1),
        ("unmarked_or_void", 3),
    ] {
        assert!(
            by_head.contains(&(head.to_owned(), papers)),
            "{head} {papers}: {by_head:?}"
        );
    }
    // `count` never changes the log file.
    assert_eq!(std::fs::read(&log).unwrap(), before);

    // The same bundles typed into the log as JSON: the same area count.
    let mut events = region_with_south_counted();
    events.extend(north_typed());
    let typed = write(dir.path(), "typed.jsonl", log_of(&events).as_bytes());
    let t = list_contest(&[&typed]);
    for field in [
        "run",
        "bundles",
        "votes",
        "valid",
        "papers_counted",
        "rejected",
    ] {
        assert_eq!(t["areas"][0]["count"][field], north[field], "{field}");
    }

    // The auditor's replay: every row agrees with the area's logged bundle
    // of its run and id (its rejected columns are not compared: the log
    // ties rejected papers to no bundle); nothing is added.
    events.push(json!({"count_completed": {"contest": "r", "run": 1, "counting_area": "north"}}));
    for a in ["north", "south"] {
        events.push(json!({"local_total_authorised": {"contest": "r", "counting_area": a}}));
    }
    let done = write(dir.path(), "done.jsonl", log_of(&events).as_bytes());
    let o = run(&["check", &done, "--bundles", &csv, "--area", "north"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("{} entries", events.len())),
        "nothing added: {}",
        stdout(&o)
    );

    // The region (Scotland Act 1998 s.7: votes ÷ (1 + constituency seats +
    // regional seats so far); an individual candidate's figure is the
    // votes, s.8): A 10,650 (5 seats), B 7,050 (2), C 4,700 (2), IND 3,600.
    // Seat 1 IND 3,600.00 (then disregarded, s.8(3)); seat 2 B 7,050/3 =
    // 2,350.00; seat 3 A 10,650/6 = 1,775.00 over B 7,050/4 = 1,762.50;
    // seat 4 B 1,762.50; seat 5 C 4,700/3 = 1,566.67 over A 10,650/7 =
    // 1,521.43; seat 6 A 1,521.43 over B 7,050/5 = 1,410.00; seat 7 B
    // 1,410.00 over A 10,650/8 = 1,331.25 and C 4,700/4 = 1,175.00.
    let c = list_contest(&[&done, "--bundles", &csv, "--area", "north"]);
    assert_eq!(c["status"], "allocated", "{}", c["status_text"]);
    let expected = [
        ("IND", "3600.00"),
        ("B", "2350.00"),
        ("A", "1775.00"),
        ("B", "1762.50"),
        ("C", "1566.67"),
        ("A", "1521.43"),
        ("B", "1410.00"),
    ]
    .map(|(a, b)| (a.to_owned(), b.to_owned()));
    assert_eq!(rounds(&c), expected);
}

/// A file that differs from the log: every figure that differs is named
/// with the file, line and bundle; a row the log does not record is a
/// problem without `--as-new-batch`; the wrong area's bundles are not the
/// same bundles.
#[test]
fn every_difference_from_the_logged_bundles_is_listed() {
    let dir = scratch();
    let mut events = region_with_south_counted();
    events.extend(north_typed());
    let log = write(dir.path(), "r.jsonl", log_of(&events).as_bytes());
    let csv = write(
        dir.path(),
        "north.csv",
        b"run,table,bundle,papers,A,B,C,IND\n1,T1,N1,1000,400,300,200,100\n1,T2,N2,2501,1250,751,500,0\n1,T3,N3,10,10,0,0,0\n",
    );
    let o = run(&["check", &log, "--bundles", &csv, "--area", "north"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "north.csv:3: bundle N2 (run 1) differs from the log: valid papers: the log records 2500, the file gives 2501",
        "north.csv:3: bundle N2 (run 1) differs from the log: votes for B: the log records 750, the file gives 751",
        "north.csv:4: bundle N3 (run 1) matches no bundle the log records for contest r, area north: use `countroom count --as-new-batch`",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    assert!(!err.contains("north.csv:2:"), "N1 agrees: {err}");
    // The JSON problems carry the line and the stable codes.
    let o = run(&[
        "check",
        &log,
        "--bundles",
        &csv,
        "--area",
        "north",
        "--format",
        "json",
    ]);
    let problems: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<(&str, u64)> = problems
        .iter()
        .map(|p| (p["code"].as_str().unwrap(), p["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("differs_from_log", 3),
            ("differs_from_log", 3),
            ("not_in_log", 4)
        ]
    );
    // South's bundles are not north's: the same file at south matches
    // nothing.
    let o = run(&["check", &log, "--bundles", &csv, "--area", "south"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).matches("matches no bundle").count(),
        3,
        "{}",
        stderr(&o)
    );
}

/// The Senedd example's Cwm South (closed lists from 2026, its heads not
/// read): the bundle file of its two bundles and its 120 rejected papers as
/// one figure gives, with `--as-new-batch`, the entries typed by hand into
/// the shipped log (entries 9 to 11); `check` of the whole shipped log
/// finds the file agrees; a head that was not read is refused by name.
#[test]
fn the_senedd_examples_cwm_south_from_its_bundle_file() {
    let dir = scratch();
    // The shipped log's events of entries 1 to 8 (Cwm South not yet
    // counted) without its appointments (entries 2, 3 and 7: a log that
    // appoints its officers takes entries only from them, and the rows
    // `count --as-new-batch` adds without `--by` are recorded by the
    // bundle file; `new_bundles_recorded_by_an_appointed_officer` below
    // keeps them), and of
    // entries 9 to 11 (Cwm South's two bundles and its rejected papers).
    let shipped = std::fs::read_to_string(example("senedd-cwm-valleys.jsonl")).unwrap();
    let events: Vec<Value> = shipped
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["event"].clone())
        .collect();
    let kept = |range: std::ops::Range<usize>| -> Vec<Value> {
        events[range]
            .iter()
            .filter(|e| e.get("officer_appointed").is_none() && e.get("agent_appointed").is_none())
            .cloned()
            .collect()
    };
    let first = kept(0..8);
    assert_eq!(first.len(), 5);
    let counted = kept(8..11);
    assert!(counted[0]["bundle_counted"]["bundle"] == "CS-T1");
    assert!(counted[2]["rejected_counted"]["papers"] == 120);
    let before = write(dir.path(), "cwm.jsonl", log_of(&first).as_bytes());
    let csv = write(
        dir.path(),
        "cwm-south.csv",
        b"run,table,bundle,papers,LAB,PC,REF,CON,LD,GRN,IND-MORGAN,rejected:breakdown_not_given\n1,T1,CS-T1,,\"19,400\",\"12,300\",0,0,0,0,0,0\n1,T2,CS-T2,,0,0,\"10,100\",\"5,800\",\"1,900\",\"1,500\",\"6,900\",120\n",
    );
    let c = list_contest(&[
        &before,
        "--bundles",
        &csv,
        "--area",
        "cwm-south",
        "--as-new-batch",
    ]);
    let south = c["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["counting_area"] == "cwm-south")
        .unwrap()["count"]
        .clone();
    // By hand: 19,400 + 12,300 + 10,100 + 5,800 + 1,900 + 1,500 + 6,900 =
    // 57,900 valid; 120 rejected (one figure); 58,020 counted.
    assert_eq!(south["valid"], 57_900);
    assert_eq!(south["papers_counted"], 58_020);
    assert_eq!(heads(&south), [("breakdown_not_given".to_owned(), 120)]);

    // The entries the file gives are the shipped log's entries 9 to 11:
    // the same area count.
    let typed = write(
        dir.path(),
        "typed.jsonl",
        log_of(&first.iter().chain(&counted).cloned().collect::<Vec<_>>()).as_bytes(),
    );
    let s = list_contest(&[&typed])["areas"].clone();
    assert_eq!(c["areas"], s);

    // The whole shipped log: every row agrees with its logged bundle.
    let o = run(&[
        "check",
        example("senedd-cwm-valleys.jsonl").to_str().unwrap(),
        "--bundles",
        &csv,
        "--area",
        "cwm-south",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    // A head of a statement that was not read: refused by name.
    let bad = write(
        dir.path(),
        "bad.csv",
        b"run,table,bundle,papers,LAB,PC,REF,CON,LD,GRN,IND-MORGAN,rejected:too_many_votes\n1,T1,CS-T1,,1,0,0,0,0,0,0,0\n",
    );
    let o = run(&[
        "count",
        &before,
        "--bundles",
        &bad,
        "--area",
        "cwm-south",
        "--as-new-batch",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("bad.csv:1: field `rejected:too_many_votes`: head \"too_many_votes\" is not on the statement of rejected ballot papers under senedd-closed-list-2026 (its heads: breakdown_not_given)"),
        "{err}"
    );
}

/// Bad input: every problem named by file, line and field, nothing added
/// (exit 1); the command line's mistakes are usage errors (exit 2).
#[test]
fn bad_list_bundle_files_are_refused_with_every_problem() {
    let dir = scratch();
    let log = write(
        dir.path(),
        "r.jsonl",
        log_of(&region_with_south_counted()).as_bytes(),
    );
    let before = std::fs::read(&log).unwrap();
    let check = |name: &str, text: &[u8]| {
        let csv = write(dir.path(), name, text);
        let o = run(&[
            "count",
            &log,
            "--bundles",
            &csv,
            "--area",
            "north",
            "--as-new-batch",
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let problems: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
        problems
            .iter()
            .map(|p| {
                format!(
                    "{}:{}:{}:{}",
                    p["line"],
                    p["field"].as_str().unwrap_or(""),
                    p["code"].as_str().unwrap(),
                    p["message"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    // The header: a column naming no option of the contest, an option
    // without a column, a head not on the statement, rejected in part.
    let got = check(
        "header.csv",
        b"run,table,bundle,papers,A,B,Z,IND,rejected:unmarked,rejected_in_part\n1,T1,N1,,1,1,1,1,0,0\n",
    );
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[0].starts_with("1:Z:unknown_candidate:unknown candidate \"Z\" in contest r (candidates on the ballot paper: A, B, C, IND)"), "{got:?}");
    assert!(
        got[1].starts_with("1:rejected:unmarked:head_not_in_ruleset:"),
        "{got:?}"
    );
    assert!(
        got[2].starts_with("1:rejected_in_part:bad_value:a list ballot paper carries one vote"),
        "{got:?}"
    );
    assert_eq!(got[3], "1::missing_column:missing column \"C\"");
    // The rows: a bundle id twice, a negative figure, a figure that is not
    // whole, a badly grouped figure, an empty bundle id, a run that is not
    // a number; every one listed.
    let got = check(
        "rows.csv",
        b"run,table,bundle,papers,A,B,C,IND\n1,T1,N1,,1,2,3,4\n1,T1,N1,,1,2,3,4\n1,T1,N2,,-4,2.5,\"1,23\",0\n1,T1,,,0,0,0,0\nx,T1,N4,,0,0,0,0\n",
    );
    assert_eq!(
        got,
        [
            "3:bundle:duplicate_bundle:bundle \"N1\" is given twice for the same run (first on line 2)",
            "4:A:bad_number:\"-4\" is not a whole number of 0 or more",
            "4:B:bad_number:\"2.5\" is not a whole number of 0 or more",
            "4:C:bad_number:\"1,23\" is not a whole number of 0 or more",
            "5:bundle:empty_value:empty value",
            "6:run:bad_number:\"x\" is not a whole number of 0 or more",
        ]
    );
    // A row the replay refuses (papers not the sum of its votes: one vote
    // per list paper) beside a good one: nothing is added.
    let got = check(
        "replay.csv",
        b"run,table,bundle,papers,A,B,C,IND\n1,T1,N1,10,1,2,3,4\n1,T1,N2,11,1,2,3,4\n",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("3:"), "{got:?}");
    assert_eq!(std::fs::read(&log).unwrap(), before);

    // The command line: --area missing at a list contest, an area not the
    // contest's, --area at a candidate contest, --area with no file.
    let csv = write(dir.path(), "north.csv", NORTH_CSV);
    let o = run(&["check", &log, "--bundles", &csv]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("r is a list contest") && stderr(&o).contains("--area"),
        "{}",
        stderr(&o)
    );
    let o = run(&["check", &log, "--bundles", &csv, "--area", "east"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "--area east: not a counting area of list contest r (its counting areas: north, south)"
        ),
        "{}",
        stderr(&o)
    );
    let o = run(&["check", &log, "--area", "north"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let ward = example("westbury.jsonl");
    let ward = ward.to_str().unwrap();
    let fptp = write(
        dir.path(),
        "w.csv",
        b"run,table,bundle,papers,WB-ALLEN,WB-BAKER,WB-COLE\n",
    );
    let o = run(&["check", ward, "--bundles", &fptp, "--area", "north"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--area is for a list contest"),
        "{}",
        stderr(&o)
    );
}

/// A re-count of the area: a row with an empty `run` is the area's current
/// run (run 2 once the re-count is granted), so run 1's bundle N1 is not
/// the same bundle; `--as-new-batch` counts the file into run 2, and a row
/// naming run 1 is still compared with run 1's.
#[test]
fn an_empty_run_is_the_areas_current_run_after_a_recount() {
    let dir = scratch();
    let mut events = region_with_south_counted();
    events.push(json!({"bundle_counted": {"contest": "r", "run": 1, "counting_area": "north", "bundle": "N1",
        "votes": [{"candidate": "A", "votes": 400}, {"candidate": "B", "votes": 300}]}}));
    events.push(json!({"count_completed": {"contest": "r", "run": 1, "counting_area": "north"}}));
    events.push(json!({"recount_requested": {"contest": "r", "run": 1, "counting_area": "north", "candidate": "B"}}));
    events.push(json!({"recount_decided": {"contest": "r", "run": 1, "counting_area": "north", "granted": true}}));
    let log = write(dir.path(), "r.jsonl", log_of(&events).as_bytes());
    let current = write(
        dir.path(),
        "current.csv",
        b"run,table,bundle,papers,A,B,C,IND\n,T1,N1,,401,299,0,0\n",
    );
    let o = run(&["check", &log, "--bundles", &current, "--area", "north"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("current.csv:2: bundle N1 (run 2) matches no bundle the log records for contest r, area north"),
        "{}",
        stderr(&o)
    );
    let c = list_contest(&[
        &log,
        "--bundles",
        &current,
        "--area",
        "north",
        "--as-new-batch",
    ]);
    let north = &c["areas"][0]["count"];
    assert_eq!(north["run"], 2);
    assert_eq!(north["votes"], json!([401, 299, 0, 0]));
    assert_eq!(north["runs"], json!([700, 700]));
    // Run 1's bundle named by its run: compared with it, and it differs.
    let first = write(
        dir.path(),
        "first.csv",
        b"run,table,bundle,papers,A,B,C,IND\n1,T1,N1,,401,299,0,0\n",
    );
    let o = run(&["check", &log, "--bundles", &first, "--area", "north"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("first.csv:2: bundle N1 (run 1) differs from the log: votes for A: the log records 400, the file gives 401"),
        "{err}"
    );
    assert!(
        err.contains("first.csv:2: bundle N1 (run 1) differs from the log: votes for B: the log records 300, the file gives 299"),
        "{err}"
    );
}

/// `--by` with `--as-new-batch`: the shipped Senedd log up to entry 8 (its
/// officers appointed: the returning officer `ro` and the deputy `dro`,
/// and a counting agent) takes Cwm South's bundle file only from a person
/// it appointed who may count. Without `--by` the rows would be recorded
/// by the file, which the log has not appointed: a usage error asking for
/// `--by`; `--by dro` gives the shipped
/// log's own area count (entries 9 to 11 are the deputy's); `--by
/// agent-pc` is refused.
#[test]
fn new_bundles_recorded_by_an_appointed_officer() {
    let dir = scratch();
    let shipped = std::fs::read_to_string(example("senedd-cwm-valleys.jsonl")).unwrap();
    let prefix: String = shipped.lines().take(9).map(|l| format!("{l}\n")).collect();
    let before = write(dir.path(), "cwm.jsonl", prefix.as_bytes());
    let csv = write(
        dir.path(),
        "cwm-south.csv",
        b"run,table,bundle,papers,LAB,PC,REF,CON,LD,GRN,IND-MORGAN,rejected:breakdown_not_given\n1,T1,CS-T1,,\"19,400\",\"12,300\",0,0,0,0,0,0\n1,T2,CS-T2,,0,0,\"10,100\",\"5,800\",\"1,900\",\"1,500\",\"6,900\",120\n",
    );
    let args = |by: Option<&str>| -> Vec<String> {
        let mut a: Vec<String> = [
            "count",
            &before,
            "--bundles",
            &csv,
            "--area",
            "cwm-south",
            "--as-new-batch",
            "--format",
            "json",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        if let Some(by) = by {
            a.extend(["--by".to_owned(), by.to_owned()]);
        }
        a
    };
    let call = |by: Option<&str>| {
        let a = args(by);
        run(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };

    // Without `--by` the rows would be recorded by the file, whom the log
    // has not appointed: the command line must say who records them
    // (exit 2), naming the file.
    let o = call(None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("this log appoints its officers"), "{said}");
    assert!(said.contains("give `--by PERSON`"), "{said}");
    assert!(said.contains(&csv), "{said}");

    let o = call(Some("dro"));
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let with_by = v["list_contests"][0]["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["counting_area"] == "cwm-south")
        .unwrap()["count"]
        .clone();
    let whole = list_contest(&[example("senedd-cwm-valleys.jsonl").to_str().unwrap()]);
    let shipped_south = whole["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["counting_area"] == "cwm-south")
        .unwrap()["count"]
        .clone();
    assert_eq!(with_by["valid"], 57_900);
    assert_eq!(with_by["papers_counted"], 58_020);
    assert_eq!(with_by["valid"], shipped_south["valid"]);
    assert_eq!(with_by["papers_counted"], shipped_south["papers_counted"]);

    let o = call(Some("agent-pc"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let said = format!("{}{}", stdout(&o), stderr(&o));
    assert!(said.contains("agent-pc is a counting agent"), "{said}");

    // `--by` where no file gives an entry (a bundles file without
    // `--as-new-batch` only checks rows against the log) is a usage error.
    let o = run(&[
        "count",
        &before,
        "--bundles",
        &csv,
        "--area",
        "cwm-south",
        "--by",
        "dro",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
