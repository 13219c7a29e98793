//! The command line: subcommands, exit codes, and what bad input gets.

use crate::support::{example, run, scratch, stderr, stdout, write};

const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

/// A two-seat ward with candidates A, B, C (and W, withdrawn), then `lines`.
fn ward_log(lines: &[&str]) -> String {
    let mut log = String::from(HEADER);
    let mut base = vec![
        r#"{"seq":1,"by":"RO","event":{"election_defined":{"election":"e","name":"Test elections","poll_date":"2026-05-07"}}}"#.to_owned(),
        r#"{"seq":2,"by":"RO","event":{"contest_defined":{"contest":"ward","election":"e","title":"Election of Councillors","area":"Test Ward","office":"principal_councillor","country":"england","electorate":1000,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"A","name":"ADAMS, Ann"},{"id":"B","name":"BROWN, Ben"},{"id":"W","name":"WEST, Will","withdrawn":true},{"id":"C","name":"CLARK, Cat"}]}}}"#.to_owned(),
    ];
    for (i, line) in lines.iter().enumerate() {
        base.push(format!(
            r#"{{"seq":{},"by":"Count supervisor","event":{line}}}"#,
            i + 3
        ));
    }
    for line in base {
        log.push_str(&line);
        log.push('\n');
    }
    log
}

/// Runs `count --out` on a bad input: exit 1, every `expected` message on
/// stderr, and nothing written.
pub(crate) fn rejects(log: &[u8], extra: &[(&str, &str, &[u8])], expected: &[&str]) {
    let dir = scratch();
    let log_path = write(dir.path(), "count.jsonl", log);
    let out = dir.path().join("out");
    let mut args = vec![
        "count".to_owned(),
        log_path,
        "--out".to_owned(),
        out.display().to_string(),
    ];
    for (flag, name, bytes) in extra {
        args.push((*flag).to_owned());
        args.push(write(dir.path(), name, bytes));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!out.exists(), "--out must not be created on bad input");
    // `check` reports the same problems.
    let mut check = args.clone();
    check[0] = "check";
    check.retain(|a| *a != "--out" && !a.ends_with("/out"));
    let o = run(&check);
    assert_eq!(o.status.code(), Some(1));
    for e in expected {
        assert!(
            stderr(&o).contains(e),
            "check: expected {e:?} in:\n{}",
            stderr(&o)
        );
    }
}

#[test]
fn demo_runs_and_declares() {
    let pages = crate::support::scratch();
    let o = run(&["demo", "--html-dir", pages.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("PROVISIONAL RESULT SHEET (run 1"));
    assert!(text.contains("DECLARATION OF RESULT OF POLL"));
    assert!(text.contains("an additional vote was allotted to EVANS, Peter"));
    // Part 5 is counted under the 2011 Order, as README says: the ward's
    // poll date (its log's) names the instrument (the audit's finding 18).
    assert!(
        text.contains("Rules: Scottish local government STV rules: Scottish Local Government Elections Order 2011 (SSI 2011/399), Sch 1 rr.46-53 (poll 2027-05-06)"),
        "{text}"
    );
    // Part 11, the council tax referendum (examples/data/exampleshire-
    // council-tax.jsonl), hand-worked: Yes 4,981 + 5,622 = 10,603 and No
    // 5,531 + 5,169 = 10,700 over the two tables; 10,603 is not more than
    // half of the 21,303 voting, so the increase is not approved (SI
    // 2012/444 reg 22(2)(a), (6)(a)).
    let part11 = text
        .split("countroom demo, part 11 of 12")
        .nth(1)
        .and_then(|t| t.split("countroom demo, part 12 of 12").next())
        .expect("part 11 of the demo");
    assert!(part11.contains("Yes                        10,603"));
    assert!(part11.contains("No                         10,700"));
    assert!(part11.contains("The increase is not approved by a majority of persons voting"));
    // Part 12, the governance referendum (examples/data/exampleton-
    // governance.jsonl), hand-worked: the leader 6,812 + 7,104 = 13,916,
    // the mayor 7,455 + 6,981 = 14,436; the answer with more votes is the
    // mayor, by 520 (SI 2012/323 Sch 1 para 1 for the answers' words).
    let part12 = text
        .split("countroom demo, part 12 of 12")
        .nth(1)
        .expect("part 12 of the demo");
    assert!(part12.contains("This is how the council is run now.                  13,916"));
    assert!(part12.contains("This would be a change from how the council is run now.                                                     14,436"));
    assert!(part12.contains("Majority: 520"));
    for format in ["json", "csv"] {
        assert!(run(&["demo", "--format", format]).status.success());
    }
}

#[test]
fn help_and_usage_errors() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Exit codes:"));
    for sub in [
        "demo",
        "count",
        "check",
        "tally-papers",
        "append",
        "upgrade",
    ] {
        assert!(run(&[sub, "--help"]).status.success(), "{sub} --help");
    }
    assert_eq!(run(&["recount-everything"]).status.code(), Some(2));
    assert_eq!(run(&["count"]).status.code(), Some(2));
    assert_eq!(
        run(&["count", "x.jsonl", "--format", "docx"]).status.code(),
        Some(2)
    );
}

#[test]
fn missing_file_is_an_io_error() {
    let o = run(&["count", "no/such/log.jsonl"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("no/such/log.jsonl"));
}

#[test]
fn out_writes_one_file_per_contest_atomically() {
    let dir = scratch();
    let out = dir.path().join("docs");
    let log = example("abbey-ward.jsonl").display().to_string();
    let o = run(&[
        "count",
        &log,
        "--out",
        &out.display().to_string(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec!["SHA256SUMS", "abbey-town.json", "abbey.json"],
        "no temporary files are left behind"
    );
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("abbey.json")).unwrap()).unwrap();
    assert_eq!(written["status"], "declared");
    assert_eq!(written["run"], 2);
}

#[test]
fn output_is_the_same_bytes_every_time() {
    let log = example("abbey-ward.jsonl").display().to_string();
    for format in ["text", "json", "csv"] {
        let a = run(&["count", &log, "--format", format]);
        let b = run(&["count", &log, "--format", format]);
        assert!(a.status.success());
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

/// The Westbury papers, hand-worked: 27 ALLEN, 21 BAKER, 8 COLE; one paper
/// each under heads (a) no official mark, (b) two crosses, (c) identifying
/// mark and (d) unmarked; 60 counted against 60 verified.
#[test]
fn counts_individual_ballot_papers() {
    let log = example("westbury.jsonl").display().to_string();
    let papers = example("westbury-papers.csv").display().to_string();
    let o = run(&[
        "count",
        &log,
        "--papers",
        &papers,
        "--as-new-batch",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let c = &r["contests"][0];
    let votes: Vec<u64> = c["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["votes"].as_u64().unwrap())
        .collect();
    assert_eq!(votes, vec![27, 21, 8]);
    let heads: Vec<u64> = c["rejected"]["heads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["papers"].as_u64().unwrap())
        .collect();
    assert_eq!(heads, vec![1, 1, 1, 1]);
    assert_eq!(c["reconciliation"]["papers_counted"], 60);
    assert_eq!(c["reconciliation"]["variance"], 0);
    assert_eq!(c["status"], "counting");
    assert_eq!(
        c["runs"][0]["sources"][0]
            .as_str()
            .unwrap()
            .split(' ')
            .next(),
        Some("westbury-papers.csv")
    );
}

/// tally-papers appends the batch to the log (`--print` only shows it);
/// the completed log declares; an auditor replaying the papers against that
/// log gets the same result, and a file whose figures differ from the
/// log's is reported.
#[test]
fn tally_papers_then_declare_then_audit() {
    let dir = scratch();
    let original = std::fs::read(example("westbury.jsonl")).unwrap();
    let log = write(dir.path(), "westbury.jsonl", &original);
    let papers = example("westbury-papers.csv").display().to_string();
    let tally = |extra: &[&str]| {
        let mut args = vec![
            "tally-papers",
            log.as_str(),
            papers.as_str(),
            "--by",
            "e-count operator",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let o = tally(&["--print"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let entry = stdout(&o);
    assert!(entry.starts_with(r#"{"by":"e-count operator","event":{"paper_batch_counted":{"contest":"westbury","run":1,"batch":"batch-1""#), "{entry}");
    assert_eq!(
        std::fs::read(&log).unwrap(),
        original,
        "--print writes nothing"
    );
    let o = tally(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("countroom: appended entry 4 to ") && stderr(&o).contains("chain head"),
        "{}",
        stderr(&o)
    );
    let appended = std::fs::read_to_string(&log).unwrap();
    assert!(appended.starts_with(std::str::from_utf8(&original).unwrap()));
    assert!(appended.ends_with(&entry[1..]), "{appended}");
    let close = write(
        dir.path(),
        "close.jsonl",
        concat!(
            r#"{"event":{"count_completed":{"contest":"westbury","run":1}}}"#,
            "\n",
            r#"{"event":{"result_declared":{"contest":"westbury","run":1}}}"#,
            "\n"
        )
        .as_bytes(),
    );
    let o = run(&["append", &log, &close, "--by", "ARO"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let declared = run(&["count", &log]);
    assert!(declared.status.success(), "{}", stderr(&declared));
    let text = stdout(&declared);
    assert!(text.contains("DECLARATION OF RESULT OF POLL"), "{text}");
    assert!(text.contains("Majority: 6"), "{text}");
    // The auditor's replay: same file, same figures, same documents.
    let audited = run(&["count", &log, "--papers", &papers]);
    assert!(audited.status.success(), "{}", stderr(&audited));
    assert_eq!(audited.stdout, declared.stdout);
    // Altered figures break the chain of the version 2 log ...
    let full = std::fs::read_to_string(&log).unwrap();
    let tampered = full
        .replace(r#""votes":27"#, r#""votes":26"#)
        .replace(r#""valid_papers":56"#, r#""valid_papers":55"#);
    let tampered_path = write(dir.path(), "tampered.jsonl", tampered.as_bytes());
    let o = run(&["count", &tampered_path, "--papers", &papers]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("entry 5 does not follow entry 4"),
        "{}",
        stderr(&o)
    );
    // ... and in an unchained (version 1) copy, the papers show them.
    let mut v1 = String::from(HEADER);
    for line in tampered.lines().skip(1) {
        let (head, rest) = line.split_once(r#","prev":""#).unwrap();
        v1.push_str(head);
        v1.push_str(&rest[65..]);
        v1.push('\n');
    }
    let v1_path = write(dir.path(), "tampered-v1.jsonl", v1.as_bytes());
    let o = run(&["count", &v1_path, "--papers", &papers]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("does not give the figures the log records"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bundles_csv_counts_into_the_current_run() {
    let log = ward_log(&[]);
    let dir = scratch();
    let log_path = write(dir.path(), "ward.jsonl", log.as_bytes());
    let bundles = write(
        dir.path(),
        "bundles.csv",
        b"run,table,bundle,papers,A,B,C,rejected:too_many_votes\n1,T1,B1,100,80,70,40,3\n1,T2,B2,50,41,20,30,0\n",
    );
    let o = run(&[
        "count",
        &log_path,
        "--bundles",
        &bundles,
        "--as-new-batch",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(
        csv.contains("ward,1,candidate,A,\"ADAMS, Ann\",121\n"),
        "{csv}"
    );
    assert!(csv.contains("ward,1,rejected,too_many_votes,"), "{csv}");
    assert!(
        csv.contains("ward,1,reconciliation,unused_votes,unused votes,19\n"),
        "{csv}"
    );
}

// ---- Bad input: each gives a typed error naming file, line and field ----

#[test]
fn bad_unknown_candidate() {
    let log = ward_log(&[
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"A","votes":5},{"candidate":"Z","votes":3}]}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &["count.jsonl:4: entry 3: bundle_counted: field `votes[1].candidate`: unknown candidate Z in contest ward"],
    );
}

#[test]
fn bad_vote_for_withdrawn_candidate() {
    let log = ward_log(&[
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"W","votes":3}]}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &["field `votes[0].candidate`: candidate W withdrew"],
    );
}

#[test]
fn bad_duplicate_ids() {
    let log = ward_log(&[
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"A","votes":5}]}}"#,
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"A","votes":5},{"candidate":"A","votes":1}]}}"#,
        r#"{"contest_defined":{"contest":"ward","election":"e","title":"t","area":"a","office":"parish_councillor","country":"england","electorate":1,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"X","name":"X"},{"id":"X","name":"Y"}]}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &[
            "count.jsonl:5: entry 4: bundle_counted: field `votes[1].candidate`: candidate A is already defined",
            "count.jsonl:6: entry 5: contest_defined: field `contest`: contest ward is already defined",
            "duplicate candidate id X",
        ],
    );
    let log = ward_log(&[
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"A","votes":5}]}}"#,
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"A","votes":5}]}}"#,
    ]);
    rejects(log.as_bytes(), &[], &["count.jsonl:5: entry 4: bundle_counted: field `bundle`: bundle or batch B1 in run 1 of contest ward is already defined"]);
}

#[test]
fn bad_negative_and_non_numeric_counts() {
    let log = ward_log(&[
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"A","votes":-5}]}}"#,
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B2","papers":"ten","votes":[]}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &[
            "count.jsonl:4: field `event.bundle_counted.votes[0].votes`: -5 is not a whole number of 0 or more (column 147)",
            "count.jsonl:5: field `event.bundle_counted.papers`: the text \"ten\" where the format has a whole number of 0 or more (column 113)",
        ],
    );
    let bundles = b"run,table,bundle,papers,A,B,C\n1,T1,B1,10,-1,2,x\n";
    rejects(
        ward_log(&[]).as_bytes(),
        &[("--bundles", "b.csv", bundles)],
        &[
            "b.csv:2: field `A`: \"-1\" is not a whole number of 0 or more",
            "b.csv:2: field `C`: \"x\" is not a whole number of 0 or more",
        ],
    );
}

#[test]
fn bad_missing_or_extra_column() {
    let papers = b"paper,official_mark,identifying_mark,A,B,C\n1,Y,N,X,,\n2,Y,N,X,\n3,Y,N,X,,,X\n";
    rejects(
        ward_log(&[]).as_bytes(),
        &[("--papers", "p.csv", papers)],
        &[
            "p.csv:3: 5 fields, but the header has 6",
            "p.csv:4: 7 fields, but the header has 6",
        ],
    );
    let log = ward_log(&[r#"{"count_completed":{"contest":"ward","run":1,"colour":"red"}}"#]);
    rejects(log.as_bytes(), &[], &["count.jsonl:4: field `event.count_completed.colour`: unknown field `colour` (expected one of: contest, run, counting_area) (column 94)"]);
}

#[test]
fn bad_seats() {
    let zero = ward_log(&[
        r#"{"contest_defined":{"contest":"z","election":"e","title":"t","area":"a","office":"parish_councillor","country":"england","electorate":1,"vacancies":[],"candidates":[{"id":"X","name":"X"},{"id":"Y","name":"Y"}]}}"#,
    ]);
    rejects(
        zero.as_bytes(),
        &[],
        &["count.jsonl:4: entry 3: contest_defined: contest z: seats must be at least 1"],
    );
    // Three seats for two candidates: uncontested, so nothing can be counted.
    let more = ward_log(&[
        r#"{"contest_defined":{"contest":"u","election":"e","title":"t","area":"a","office":"parish_councillor","country":"england","electorate":1,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"X","name":"X"},{"id":"Y","name":"Y"}]}}"#,
        r#"{"bundle_counted":{"contest":"u","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"X","votes":5}]}}"#,
    ]);
    rejects(more.as_bytes(), &[], &["count.jsonl:5: entry 4: bundle_counted: contest u is uncontested (2 standing for 3 seats): there is no poll and nothing to count"]);
}

#[test]
fn bad_paper_marked_for_a_candidate_who_does_not_exist() {
    let papers = b"paper,official_mark,identifying_mark,A,B,C,D\n1,Y,N,X,,,X\n";
    rejects(
        ward_log(&[]).as_bytes(),
        &[("--papers", "p.csv", papers)],
        &["p.csv:1: field `D`: unknown candidate \"D\" in contest ward"],
    );
}

#[test]
fn bad_votes_that_the_papers_cannot_carry() {
    let log = ward_log(&[
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":10,"votes":[{"candidate":"A","votes":11},{"candidate":"B","votes":10},{"candidate":"C","votes":10}]}}"#,
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B2","votes":[{"candidate":"A","votes":1}]}}"#,
    ]);
    rejects(
        log.as_bytes(),
        &[],
        &[
            "field `votes[0].votes`: candidate A has 11 votes but the bundle has only 10 papers",
            "31 votes on 10 papers exceed 2 votes per paper",
            "field `papers` is required when 2 seats are filled",
        ],
    );
}

#[test]
fn bad_truncated_jsonl_line() {
    let mut log = ward_log(&[]);
    log.push_str(r#"{"seq":3,"by":"x","event":{"count_comp"#);
    rejects(
        log.as_bytes(),
        &[],
        &["count.jsonl:4: field `event`: the line is cut short: it ends before this value is complete (column 38)"],
    );
}

#[test]
fn bad_non_utf8() {
    let mut log = ward_log(&[]).into_bytes();
    log.extend_from_slice(b"{\"seq\":3,\"by\":\"\xc3\x28\"}\n");
    rejects(
        &log,
        &[],
        &["count.jsonl:4: not valid UTF-8 (bad byte at column 16)"],
    );
    let mut papers = b"paper,official_mark,identifying_mark,A,B,C\n1,Y,N,".to_vec();
    papers.extend_from_slice(b"\xff,,\n");
    rejects(
        ward_log(&[]).as_bytes(),
        &[("--papers", "p.csv", &papers)],
        &["p.csv:2: field `A`: not valid UTF-8"],
    );
}

#[test]
fn bad_empty_files() {
    rejects(b"", &[], &["count.jsonl:1: the log is empty"]);
    rejects(
        ward_log(&[]).as_bytes(),
        &[("--papers", "p.csv", b"")],
        &["p.csv:1: the file is empty: expected a header row (paper,official_mark,identifying_mark,A,B,C)"],
    );
    rejects(
        ward_log(&[]).as_bytes(),
        &[("--bundles", "b.csv", b"")],
        &["b.csv:1: the file is empty"],
    );
}

#[test]
fn bad_lots_and_declarations() {
    // A and B tie for the second seat: the result cannot be declared until
    // the lot is drawn; a lot naming the wrong candidates is refused; a
    // seeded lot must be the draw its seed gives.
    let tie = [
        r#"{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","papers":100,"votes":[{"candidate":"A","votes":40},{"candidate":"B","votes":40},{"candidate":"C","votes":50}]}}"#,
        r#"{"count_completed":{"contest":"ward","run":1}}"#,
    ];
    let mut lines = tie.to_vec();
    lines.push(r#"{"result_declared":{"contest":"ward","run":1}}"#);
    lines.push(r#"{"lot_drawn":{"contest":"ward","run":1,"purpose":"election","tied":["A","C"],"winners":["A"],"method":{"recorded":{"description":"hat"}}}}"#);
    lines.push(r#"{"lot_drawn":{"contest":"ward","run":1,"purpose":"election","tied":["A","B"],"winners":["B"],"method":{"seeded":{"seed":"wrong"}}}}"#);
    rejects(
        ward_log(&lines).as_bytes(),
        &[],
        &[
            "count.jsonl:6: entry 5: result_declared: contest ward: run 1 cannot be declared: an equality of votes between A, B must first be settled by lot (election)",
            "count.jsonl:7: entry 6: lot_drawn: contest ward, run 1: the lot needed is 1 of A, B (40 votes each); the entry records A of A, C",
            "count.jsonl:8: entry 7: lot_drawn: contest ward, run 1: the seed \"wrong\" draws A, not B",
        ],
    );
}

/// `collate`: bad input names the file, line and field; an area listed in
/// two files is refused; a directory without CSV files is an input problem;
/// an unknown ruleset is a usage error.
#[test]
fn collate_bad_input() {
    let dir = scratch();
    let header = "Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,Yes,No,No_official_mark,Voting_for_both_answers,Writing_or_mark,Unmarked_or_void\n";
    let bad = format!("{header}R1,North,A01,Aldwick,100,50,50,2x0,20,0,0,0,0\n");
    let path = write(dir.path(), "bad.csv", bad.as_bytes());
    let o = run(&["collate", &path]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.csv:2: field `Yes`"), "{err}");

    let one = format!("{header}R1,North,A01,Aldwick,100,50,50,30,20,0,0,0,0\n");
    let a = write(dir.path(), "a.csv", one.as_bytes());
    let b = write(dir.path(), "b.csv", one.as_bytes());
    let o = run(&["collate", &a, &b]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("A01"), "{}", stderr(&o));

    let empty = scratch();
    let o = run(&["collate", &empty.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no .csv files"), "{}", stderr(&o));

    let o = run(&["collate", &a, "--ruleset", "nonesuch"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such ruleset"), "{}", stderr(&o));

    // An unexplained variance is not authorised: the poll is incomplete.
    let variance = format!("{header}R1,North,A01,Aldwick,100,50,51,30,20,0,0,0,0\n");
    let v = write(dir.path(), "v.csv", variance.as_bytes());
    let o = run(&["collate", &v]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("0 of 1 counting areas authorised") && out.contains("Incomplete"),
        "{out}"
    );
    let o = run(&["collate", &v, "--published"]);
    assert!(
        stdout(&o).contains("\"Yes\" has more votes"),
        "{}",
        stdout(&o)
    );
}

/// `append` to a log that already has a problem (a Welsh principal council
/// of 2006, for which countroom has no ruleset): the problem already in
/// the log is a warning, as README and docs/count-log.md say, whether the
/// append goes ahead or not, and is not counted with the new entries'
/// problems (the audit's finding 17: it was printed as an error and
/// counted).
#[test]
fn problems_already_in_the_log_are_warnings_on_append() {
    let tmp = scratch();
    let log = write(
        tmp.path(),
        "w6.jsonl",
        concat!(
            r#"{"schema":"countroom-count-log","version":1}"#,
            "\n",
            r#"{"seq":1,"by":"RO","event":{"election_defined":{"election":"e1","name":"Test","poll_date":"2006-05-04"}}}"#,
            "\n",
            r#"{"seq":2,"by":"RO","event":{"contest_defined":{"contest":"c1","election":"e1","title":"T","area":"A","office":"principal_councillor","country":"wales","electorate":120,"vacancies":[{"kind":"ordinary","term_ends":"2010-05-04"}],"candidates":[{"id":"A","name":"A"},{"id":"B","name":"B"},{"id":"C","name":"C"}]}}}"#,
            "\n",
        )
        .as_bytes(),
    );
    let entry = write(
        tmp.path(),
        "cc.json",
        br#"{"by":"RO","event":{"count_completed":{"contest":"c1","run":1}}}"#,
    );
    let before = std::fs::read(&log).unwrap();
    let o = run(&["append", &log, &entry]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let warnings = err.lines().filter(|l| l.starts_with("warning: ")).count();
    let errors = err.lines().filter(|l| l.starts_with("error: ")).count();
    assert!(warnings >= 1, "{err}");
    assert!(
        err.lines()
            .filter(|l| l.starts_with("warning: "))
            .all(|l| l.contains("already in the log")),
        "{err}"
    );
    assert!(
        err.lines()
            .filter(|l| l.starts_with("error: "))
            .all(|l| !l.contains("already in the log")),
        "{err}"
    );
    let summary = format!(
        "countroom: {errors} problem{} found; nothing was written",
        if errors == 1 { "" } else { "s" }
    );
    assert!(err.ends_with(&format!("{summary}\n")), "{err}");
    assert_eq!(std::fs::read(&log).unwrap(), before, "nothing appended");
}

/// The declaration names the office of whoever declared: at a UK
/// Parliamentary election in England the Acting Returning Officer
/// conducts the election and declares it (RPA 1983 s.28(1)), so the
/// document says "I, the Acting Returning Officer", not "I, the Returning
/// Officer" (the audit's finding 17), in text and HTML. Hand-worked on the
/// shipped Westbury log: 30 + 20 + 10 = the 60 papers verified.
#[test]
fn the_declaration_names_the_declaring_officers_office() {
    let tmp = scratch();
    let log = write(
        tmp.path(),
        "w.jsonl",
        &std::fs::read(example("westbury.jsonl")).unwrap(),
    );
    let entries = write(
        tmp.path(),
        "e.json",
        concat!(
            r#"{"by":"sokafor","event":{"officer_appointed":{"person":"sokafor","name":"Sam Okafor","role":"acting_returning_officer"}}}"#,
            "\n",
            r#"{"by":"sokafor","event":{"bundle_counted":{"contest":"westbury","run":1,"bundle":"B1","votes":[{"candidate":"WB-ALLEN","votes":30},{"candidate":"WB-BAKER","votes":20},{"candidate":"WB-COLE","votes":10}]}}}"#,
            "\n",
            r#"{"by":"sokafor","event":{"count_completed":{"contest":"westbury","run":1}}}"#,
            "\n",
            r#"{"by":"sokafor","event":{"result_declared":{"contest":"westbury","run":1}}}"#,
            "\n",
        )
        .as_bytes(),
    );
    let o = run(&["append", &log, &entries]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&run(&["count", &log]));
    assert!(
        text.contains("I, the Acting Returning Officer at the above election, give notice"),
        "{text}"
    );
    assert!(!text.contains("I, the Returning Officer"), "{text}");
    let html = stdout(&run(&["count", &log, "--format", "html"]));
    assert!(
        html.contains("I, the Acting Returning Officer at the above election"),
        "{html}"
    );
}

/// `--as-new-batch` adds the batches and bundles of a `--papers` or
/// `--bundles` file: with neither it is a usage error (exit 2), not
/// silently accepted (the audit's finding 17).
#[test]
fn as_new_batch_needs_a_file() {
    let log = example("westbury.jsonl").display().to_string();
    for command in ["count", "check", "verify"] {
        let o = run(&[command, &log, "--as-new-batch"]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert!(
            stderr(&o).contains("--papers <CSV>|--bundles <CSV>"),
            "{}",
            stderr(&o)
        );
    }
}

/// Entries made from a file given with the log are replayed after the
/// log's, but are not in it: the documents state the log's own entries,
/// chain head and signatures, and the added entries as added, in text,
/// JSON and CSV (found by the inputs work of the audit: "hash-chained (34
/// entries)" for a log of 23, with its head).
#[test]
fn entries_from_files_are_stated_as_added_not_as_the_logs() {
    let tmp = scratch();
    let log = example("westbury.jsonl").display().to_string();
    let bundles = write(
        tmp.path(),
        "b.csv",
        b"run,table,bundle,papers,WB-ALLEN,WB-BAKER,WB-COLE\n1,,B1,,30,20,10\n",
    );
    let args = ["count", &log, "--bundles", &bundles, "--as-new-batch"];
    let text = stdout(&run(&args));
    assert!(text.contains("hash-chained (3 entries)."), "{text}");
    assert!(
        text.contains("With 1 entry made from the other files given, replayed after the log's: not in the log, so neither chained nor signed."),
        "{text}"
    );
    assert!(
        text.contains("Signatures: entries 1–3 not signed."),
        "{text}"
    );
    let alone = stdout(&run(&["check", &log]));
    let head = alone
        .lines()
        .find_map(|l| l.split("chain head ").nth(1))
        .unwrap()
        .trim()
        .to_owned();
    assert!(
        text.contains(&format!("Chain head: {head}")),
        "{text}\n{alone}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&[&args[..], &["--format", "json"]].concat()).stdout).unwrap();
    assert_eq!(json["evidence"]["entries"], 3);
    assert_eq!(json["evidence"]["added"], 1);
    // The log alone: no `added` key.
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["count", &log, "--format", "json"]).stdout).unwrap();
    assert!(json["evidence"].get("added").is_none());
    let csv = stdout(&run(&[&args[..], &["--format", "csv"]].concat()));
    assert!(csv.contains("westbury,,evidence,added,"), "{csv}");
}

/// A negative number for a numeric option is named with its option, in
/// the words the CSV readers use (the audit's finding 17: clap took `-2`
/// for an option of its own, "unexpected argument '-2' found", or said
/// "invalid digit found in string").
#[test]
fn negative_numbers_are_named_with_their_option() {
    let blt = example("stv-ward.blt").display().to_string();
    let log = example("westbury.jsonl").display().to_string();
    for (args, option) in [
        (
            vec!["stv", "--rules", "scotland", &blt, "--seats", "-2"],
            "--seats <N>",
        ),
        (vec!["serve", &log, "--port", "-1"], "--port <PORT>"),
        (
            vec!["spending-limit", "--election", "local", "--electors", "-5"],
            "--electors <ELECTORS>",
        ),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("for '{option}': -"))
                && err.contains(" is not a whole number of 0 or more"),
            "{args:?}: {err}"
        );
    }
}
