//! Issue 16, items 3 and 4 through the CLI: `collate` hardened (declared
//! choices, official ids in region files, thousands separators, areas that
//! publish only their votes, statutory wording, areas whose papers
//! expected, verified and counted differ) and one problem format for every
//! command (one location style, `--format json`, lists capped at 1,000,
//! the wrong kind of file named, `--contest` checked and filtering).

use std::collections::BTreeMap;

use crate::support::{dataset, example, run, scratch, stderr, stdout, write};

const EU_FILE: &str = "EU-referendum-result-data.csv";

/// The example: with `--published`, an extra whole-number "Total"
/// column became a third answer and "Result: "Total" has more votes."
/// (exit 0). Declared with `--choices`, it is refused naming the file,
/// line 1 and the column, and nothing is written.
#[test]
fn collate_refuses_a_column_that_is_not_a_declared_choice() {
    let dir = scratch();
    let file = write(
        dir.path(),
        "areas.csv",
        b"Area_Code,Area,Electorate,Remain,Leave,Total\nA1,One,200,40,50,90\n",
    );
    let o = run(&["collate", &file, "--published", "--choices", "Remain,Leave"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        format!("error: {file}:1: field `Total`: column \"Total\" is neither a column of the local totals format nor a declared choice (choices: Remain, Leave): remove the column, or declare it a choice with --choices\ncountroom: 1 problem found; nothing was written\n")
    );
    // As JSON: the same problem, as data.
    let o = run(&[
        "collate",
        &file,
        "--published",
        "--choices",
        "Remain,Leave",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let problems: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        problems,
        serde_json::json!([{
            "file": file,
            "line": 1,
            "entry": null,
            "field": "Total",
            "code": "not_a_choice",
            "message": "column \"Total\" is neither a column of the local totals format nor a declared choice (choices: Remain, Leave): remove the column, or declare it a choice with --choices"
        }])
    );
}

/// The 2014 Scottish independence referendum by council publishes Yes, No
/// and the turnout only. Three councils as declared (Glasgow City
/// Council: Yes 194,779, No 169,347, 75.00%; Dundee: Yes 53,620, No
/// 39,880; Clackmannanshire: Yes 16,350, No 19,036), with thousands
/// separators as published: collated as published, the totals are Yes
/// 264,749 and No 228,263 (summed by hand), "Yes" has more votes in these
/// three councils (Glasgow and Dundee voted Yes), and the
/// papers and rejected papers are shown as not published, never as zero.
#[test]
fn collate_areas_that_published_only_their_votes() {
    let dir = scratch();
    let file = write(
        dir.path(),
        "scotland-2014.csv",
        b"Area_Code,Area,Yes,No,Pct_Turnout\nS12000046,Glasgow City,\"194,779\",\"169,347\",75.0\nS12000042,Dundee City,\"53,620\",\"39,880\",78.8\nS12000005,Clackmannanshire,\"16,350\",\"19,036\",88.6\n",
    );
    let o = run(&[
        "collate",
        &file,
        "--published",
        "--choices",
        "Yes,No",
        "--poll",
        "Scottish independence referendum",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for expected in [
        "3 of 3 counting areas authorised",
        "Choices: Yes, No (declared)",
        "Yes 264,749 (53.70% of valid votes)",
        "No 228,263 (46.30% of valid votes)",
        "Ballot papers counted not published",
        "(a) no official mark not published",
        "Areas whose papers going forward and rejected papers are not published (3): Glasgow City (S12000046), Dundee City (S12000042), Clackmannanshire (S12000005)",
        "Ballot-box turnout not known (papers counted not published)",
        "Result: \"Yes\" has more votes.",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    // JSON: a figure not published is null.
    let o = run(&[
        "collate",
        &file,
        "--published",
        "--choices",
        "Yes,No",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["total"]["votes"], serde_json::json!([264_749, 228_263]));
    assert_eq!(v["total"]["rejected"], serde_json::Value::Null);
    assert_eq!(v["total"]["turnout"], serde_json::Value::Null);
    assert_eq!(v["not_published_areas"].as_array().unwrap().len(), 3);
    assert_eq!(
        v["outcome"],
        serde_json::json!({"kind": "winner", "choices": ["Yes"]})
    );
    // Not published, the sheet is refused for its missing columns.
    let o = run(&["collate", &file, "--choices", "Yes,No"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!(
        "{file}:1: missing column \"VerifiedBallotPapers\""
    )));
}

/// The 2016 EU referendum by region, published as region files with the
/// official ids (issue 16: "field `id`: published "143", but the figures
/// give "18""): each region's file holds a subset of the ids, and read
/// together they collate to the declared result. Every region's Remain
/// and Leave as the Electoral Commission declared them (typed from its
/// regional results, "EU referendum results by region", 24 June 2016; they
/// sum to the declared 16,141,241 and 17,410,742), and every area whose
/// papers expected, verified and counted differ is listed as data: the
/// list is worked out here from the published columns (ExpectedBallots,
/// VerifiedBallotPapers, Votes_Cast) read with the csv crate, not by
/// countroom.
#[test]
fn eu_referendum_2016_by_region_files() {
    let Some(dir) = dataset("eu-referendum-2016") else {
        eprintln!("skipping eu_referendum_2016_by_region_files: nothing asserted");
        return;
    };
    let bytes = std::fs::read(dir.join(EU_FILE)).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 382);

    // One file per region, with the official ids and thousands separators
    // in the figures, as a region's own sheet might print them.
    let scratch = scratch();
    let mut by_region: BTreeMap<String, Vec<&csv::StringRecord>> = BTreeMap::new();
    for r in &rows {
        by_region
            .entry(r[col("Region")].to_owned())
            .or_default()
            .push(r);
    }
    assert_eq!(by_region.len(), 12);
    let grouped = |v: &str| {
        let digits: Vec<char> = v.chars().collect();
        let mut out = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(*c);
        }
        out
    };
    for (i, (_, rows)) in by_region.iter().enumerate() {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&header).unwrap();
        for r in rows {
            let cells: Vec<String> = header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| {
                    if ["Electorate", "VerifiedBallotPapers", "Remain", "Leave"].contains(&h) {
                        grouped(v)
                    } else {
                        v.to_owned()
                    }
                })
                .collect();
            w.write_record(&cells).unwrap();
        }
        write(
            scratch.path(),
            &format!("region-{i:02}.csv"),
            &w.into_inner().unwrap(),
        );
    }
    let path = scratch.path().display().to_string();
    let o = run(&[
        "collate",
        &path,
        "--published",
        "--choices",
        "Remain,Leave",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["total"]["votes"],
        serde_json::json!([16_141_241u64, 17_410_742u64])
    );
    assert_eq!(v["total"]["rejected_total"], 25_359);
    assert_eq!(v["total"]["turnout"], "72.21");
    // Areas in official id order across the files: id 1 is the City of
    // London, 382 Gibraltar.
    assert_eq!(v["areas"][0]["name"], "City of London");
    assert_eq!(v["areas"][381]["area"], "GI");

    // Each region: its Remain and Leave votes derived here from the
    // dataset itself (the sum of its areas' rows, computed in this test
    // without countroom), then compared with the collation.
    // Three regions are also typed from sources independent of the
    // dataset, as their counting officers declared them: East 1,448,616 /
    // 1,880,367 (Chelmsford City Council, "EU referendum results 2016", the
    // Eastern region's count); Scotland 1,661,191 / 1,018,322 (the
    // declaration at Grangemouth as reported by the Glasgow World and the
    // Milngavie Herald, 24 June 2016); Northern Ireland 440,707 / 349,442
    // (the Counting Officer's declaration at the Titanic Exhibition Centre,
    // as quoted by the European Movement NI, "Just the Facts"). The other
    // nine could not be confirmed from an independent source in this
    // session, so they are derived from the dataset, never typed. The UK totals are the House of Commons
    // Library's (CBP-7639): Remain 16,141,241, Leave 17,410,742.
    let mut by_region: std::collections::BTreeMap<String, (u64, u64)> =
        std::collections::BTreeMap::new();
    for r in &rows {
        let e = by_region.entry(r[col("Region")].to_owned()).or_default();
        e.0 += r[col("Remain")].parse::<u64>().unwrap();
        e.1 += r[col("Leave")].parse::<u64>().unwrap();
    }
    assert_eq!(by_region.len(), 12);
    assert_eq!(by_region["East"], (1_448_616, 1_880_367));
    assert_eq!(by_region["Scotland"], (1_661_191, 1_018_322));
    assert_eq!(by_region["Northern Ireland"], (440_707, 349_442));
    let regions = v["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 12);
    for (name, &(remain, leave)) in &by_region {
        let r = regions
            .iter()
            .find(|r| r["name"] == name.as_str())
            .unwrap_or_else(|| panic!("region {name}"));
        assert_eq!(
            r["figures"]["votes"],
            serde_json::json!([remain, leave]),
            "{name}"
        );
    }
    assert_eq!(by_region.values().map(|d| d.0).sum::<u64>(), 16_141_241);
    assert_eq!(by_region.values().map(|d| d.1).sum::<u64>(), 17_410_742);

    // Every area whose papers expected, verified and counted differ.
    let number = |r: &csv::StringRecord, name: &str| r[col(name)].parse::<i64>().unwrap();
    let mut expected: Vec<&str> = rows
        .iter()
        .filter(|r| {
            let (e, f, c) = (
                number(r, "ExpectedBallots"),
                number(r, "VerifiedBallotPapers"),
                number(r, "Votes_Cast"),
            );
            e != f || f != c
        })
        .map(|r| &r[col("Area_Code")])
        .collect();
    expected.sort_unstable();
    let mut listed: Vec<&str> = v["differing_areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, expected);
    // 279 areas, of which 146 counted other than they verified.
    assert_eq!(listed.len(), 279);
    let counted_differs = rows
        .iter()
        .filter(|r| number(r, "VerifiedBallotPapers") != number(r, "Votes_Cast"))
        .count();
    assert_eq!(counted_differs, 146);
    // Luton, as data on the report: forward +3 on expected, counted −20.
    let luton = v["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["area"] == "E06000032")
        .unwrap();
    assert_eq!(luton["check"]["forward_less_expected"], "3");
    assert_eq!(luton["check"]["counted_less_forward"], "-20");
    // The text statement lists them with the figures.
    let o = run(&["collate", &path, "--published", "--choices", "Remain,Leave"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Areas where the papers expected, verified and counted differ (279):"));
    assert!(text.contains(
        "Luton (E06000032): expected 84,633; verified 84,636 (+3 on expected); counted 84,616 (-20 on verified); explanation: as published"
    ));
    assert!(text.contains("(b) both answers voted for 9,084"), "{text}");

    // The same id in two region files is refused, saying what to do.
    let dup = std::fs::read_to_string(scratch.path().join("region-00.csv")).unwrap();
    let first_id = dup
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_owned();
    let mut lines: Vec<String> = std::fs::read_to_string(scratch.path().join("region-01.csv"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let rest = lines[1].split_once(',').unwrap().1.to_owned();
    lines[1] = format!("{first_id},{rest}");
    write(scratch.path(), "region-01.csv", lines.join("\n").as_bytes());
    let o = run(&["collate", &path, "--published", "--choices", "Remain,Leave"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the id column orders the areas, so each area needs its own; correct it, or leave the id column empty in every file to keep the files' order"),
        "{}",
        stderr(&o)
    );
}

/// A file of the wrong kind says what it looks like and what the command
/// reads (issue 16's examples).
#[test]
fn the_wrong_kind_of_file_is_named() {
    let dir = scratch();
    let csv = write(
        dir.path(),
        "results.csv",
        b"constituency,candidate,party,votes\nX,A,P,6\n",
    );
    let o = run(&["count", &csv]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("error: {csv}: this is a CSV file; `count` reads a count log (JSON Lines): did you mean `countroom results` or `countroom collate`?\ncountroom: 1 problem found; nothing was written\n")
    );
    let blt = write(
        dir.path(),
        "ward.blt",
        b"3 1\n1 1 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n",
    );
    let o = run(&["check", &blt]);
    assert!(
        stderr(&o).contains(&format!(
            "{blt}: this is a BLT ballot file; `check` reads a count log (JSON Lines): did you mean `countroom stv`?"
        )),
        "{}",
        stderr(&o)
    );
    let log = example("abbey-ward.jsonl").display().to_string();
    let o = run(&["collate", &log]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "{log}: this is a count log (JSON Lines); `collate` reads CSV files: did you mean `countroom count`?"
        )),
        "{}",
        stderr(&o)
    );
    // serde's "invalid type: integer `6`, expected struct Header" in plain
    // words naming the line.
    let six = write(dir.path(), "six.jsonl", b"{}\n6\n");
    let o = run(&["count", &six]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(!err.contains("invalid type"), "{err}");
    let number = write(dir.path(), "number.jsonl", b"6\n");
    let o = run(&["verify", &number]);
    assert!(
        stderr(&o).contains(&format!("{number}: this is a JSON value, not a count log; `verify` reads a count log (JSON Lines): a count log's first line is its header")),
        "{}",
        stderr(&o)
    );
    // The header the hint shows is one the reader takes (the auditor's
    // finding 12: it named the schema `countroom-log`, which is refused).
    assert!(
        stderr(&o).contains(&format!(
            "{{\"schema\":\"{}\",\"version\":2,…}}",
            countroom::log::SCHEMA
        )),
        "{}",
        stderr(&o)
    );
}

/// `--contest` naming no contest is exit 2 with the contests listed; naming
/// one, the output is that contest's alone (issue 16: `--contest abbey`
/// still printed both).
#[test]
fn contest_is_checked_and_filters_the_output() {
    let log = example("abbey-ward.jsonl").display().to_string();
    for command in ["count", "verify", "check"] {
        let o = run(&[command, &log, "--contest", "nope"]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert_eq!(
            stderr(&o),
            "error: --contest nope: the log defines no such contest (its contests: abbey, abbey-town)\n",
            "{command}"
        );
    }
    // A papers file on the two-contest log without `--contest`: the
    // contests are listed, as for a wrong `--contest` (the audit's finding
    // 17).
    let papers = example("abbey-town-papers.csv").display().to_string();
    let o = run(&["check", &log, "--papers", &papers]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: the log defines 2 contests: name one with --contest (its contests: abbey, abbey-town)\n"
    );
    let o = run(&["count", &log, "--contest", "abbey", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v["contests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["contest"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["abbey"]);
    let o = run(&["count", &log, "--contest", "abbey"]);
    assert!(
        !stdout(&o).contains("Election of Town Councillors"),
        "{}",
        stdout(&o)
    );
    let o = run(&["check", &log, "--contest", "abbey-town"]);
    assert!(stdout(&o).contains("contest abbey-town, no problems found"));
}

/// `--format json` on `check`, `verify` and the STV commands prints the
/// problems as a JSON list on standard output; `check` with none prints
/// `[]`.
#[test]
fn problems_as_json() {
    let dir = scratch();
    let log = example("abbey-ward.jsonl").display().to_string();
    let o = run(&["check", &log, "--format", "json"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "[]\n");
    let bad = write(
        dir.path(),
        "count.jsonl",
        b"{\"schema\":\"countroom-count-log\",\"version\":1}\n{\"seq\":1,\"by\":\"RO\",\"event\":{\"count_completed\":{\"contest\":\"x\",\"run\":1,\"colour\":1}}}\n",
    );
    for command in ["check", "verify"] {
        let o = run(&[command, &bad, "--format", "json"]);
        assert_eq!(o.status.code(), Some(1));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v[0]["file"], bad.as_str());
        assert_eq!(v[0]["line"], 2);
        assert_eq!(v[0]["field"], "event.count_completed.colour");
        assert_eq!(v[0]["code"], "bad_entry");
    }
    let blt = write(
        dir.path(),
        "bad.blt",
        b"3 1\n1 1 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n",
    );
    let o = run(&["stv", "--rules", "scotland", &blt, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["line"], 2);
    assert_eq!(v[0]["file"], blt.as_str());
}

/// The log reader's problems stop at 1,000 with a count of the rest, as the
/// CSV readers' do: 20,000 bad lines give 1,000 problems and "19,000 more".
#[test]
fn log_problems_stop_at_a_thousand() {
    let dir = scratch();
    let mut log = b"{\"schema\":\"countroom-count-log\",\"version\":1}\n".to_vec();
    for _ in 0..20_000 {
        log.extend_from_slice(b"not json\n");
    }
    let path = write(dir.path(), "bad.jsonl", &log);
    let o = run(&["check", &path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1_001);
    assert_eq!(list[1_000]["code"], "more_problems");
    assert_eq!(list[1_000]["message"], "19000 more problems not listed");
    let o = run(&["check", &path]);
    assert!(stderr(&o).ends_with("error: 19000 more problems not listed\ncountroom: 20000 problems found; nothing was written\n"));
}
