//! `collate` never lets an impossible figure through (audit findings 1 and
//! 4): papers above an area's electorate are listed and never authorised,
//! an explanation authorises only the variance it states, no turnout above
//! 100% is printed in any format, and a ruleset whose polls may fill more
//! than one seat is refused unless the poll is stated to be of one seat.

use crate::support::{example, run, scratch, stderr, stdout, write};

const HEADER: &str = "Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,Yes,No,No_official_mark,Voting_for_both_answers,Writing_or_mark,Unmarked_or_void,Explanation";

/// Carrow's explanation, as in the shipped `south.csv`.
const CARROW_WHY: &str = "\"Four papers were found in the count's tray of spoilt papers from the postal opening, after verification\"";

/// A directory holding the shipped `north.csv` and a `south.csv` with
/// Carrow's Yes figure `yes` (18,800 as shipped), its explanation, and
/// (`stated`) the `Explained_Variance` column with -4, the variance the
/// explanation is of.
fn referendum(yes: u64, stated: bool) -> (tempfile::TempDir, String) {
    let dir = scratch();
    let north = std::fs::read(example("referendum-totals/north.csv")).unwrap();
    write(dir.path(), "north.csv", &north);
    let (header, carrow_end, dunmere_end) = if stated {
        (format!("{HEADER},Explained_Variance"), ",-4", ",")
    } else {
        (HEADER.to_owned(), "", "")
    };
    let south = format!(
        "{header}\nR2,South,A03,Carrow,52010,39012,39010,{yes},20160,1,25,2,18,{CARROW_WHY}{carrow_end}\nR2,South,A04,Dunmere,29875,21900,21902,11500,10360,0,14,0,28,{dunmere_end}\n"
    );
    write(dir.path(), "south.csv", south.as_bytes());
    let path = dir.path().display().to_string();
    (dir, path)
}

/// Every percentage in `text` (a number with two decimal places) that is
/// above 100.00: none may be a turnout.
fn above_one_hundred(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == '.') {
                i += 1;
            }
            let number: String = bytes[start..i].iter().collect();
            if let Some((whole, frac)) = number.split_once('.') {
                if frac.len() <= 2 && !frac.is_empty() {
                    if let Ok(w) = whole.parse::<u64>() {
                        if w > 100 || (w == 100 && !frac.trim_end_matches('0').is_empty()) {
                            found.push(number.clone());
                        }
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    found
}

/// Audit finding 1, the auditor's exact case: Carrow's Yes mistyped 18,800
/// → 48,800 on a row whose explanation is of a 4-paper variance, so 69,006
/// papers counted (+29,996 on the 39,010 going forward) against 52,010
/// electors. Before, the total was authorised, the South region's turnout
/// printed as 111.02 and "Yes" stated as the result, exit 0. Each elector
/// has one ballot paper (README, "Turnout"; PER r.45(2): tendered papers
/// are never counted), so the area is listed with its figures, not
/// authorised, and the result is Incomplete: never a result changed
/// without a listed problem. Both with and without the stated variance.
#[test]
fn the_auditors_carrow_typo_is_listed_and_not_authorised() {
    for stated in [false, true] {
        let (_dir, path) = referendum(48_800, stated);
        let o = run(&["collate", &path, "--choices", "Yes,No"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("3 of 4 counting areas authorised")
                && out.contains("Not authorised: area A03: 69,006 ballot papers counted (votes plus rejected papers) exceed the electorate of 52,010")
                && out.contains("counted 69,006 (+29,996 on verified); counted above the electorate of 52,010")
                && out.contains("Incomplete: not every area's total is reported and authorised."),
            "{out}"
        );
        assert!(!out.contains("Result:"), "{out}");
        assert!(!out.contains("111.02"), "{out}");
        assert_eq!(above_one_hundred(&out), Vec::<String>::new(), "{out}");

        let o = run(&["collate", &path, "--choices", "Yes,No", "--format", "json"]);
        assert!(o.status.success());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["outcome"]["kind"], "incomplete");
        assert_eq!(v["unauthorised"], serde_json::json!(["A03"]));
        let carrow = v["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == "A03")
            .unwrap();
        assert_eq!(carrow["authorised"], false);
        assert_eq!(
            carrow["check"]["above_electorate"],
            serde_json::json!([{"figure": "counted", "papers": 69006, "electorate": 52010}])
        );
        assert_eq!(carrow["figures"]["turnout"], serde_json::Value::Null);
        // Each area not authorised with its stable code (the review of
        // the session: the codes were documented but not printed).
        assert_eq!(v["not_authorised"][0]["code"], "above_electorate");
        assert!(v["not_authorised"][0]["message"]
            .as_str()
            .unwrap()
            .contains("exceed the electorate"));

        // The HTML page lists it too, and states no result.
        let o = run(&["collate", &path, "--choices", "Yes,No", "--format", "html"]);
        assert!(o.status.success());
        let html = stdout(&o);
        assert!(
            html.contains(
                "<p class=\"problem\">Not authorised: area A03: 69,006 ballot papers counted"
            ) && html.contains("Incomplete: not every area"),
            "{html}"
        );
        assert!(!html.contains("more votes") && !html.contains("111.02"));
    }
}

/// No turnout above 100% in any format, even where every area's papers
/// exceed its electorate: the auditor's second case, an extra `Total`
/// column taken for a choice (no `--choices`), which printed "Ballot-box
/// turnout 149.91%" with every area authorised.
#[test]
fn no_turnout_above_one_hundred_in_any_format() {
    let dir = scratch();
    for name in ["north.csv", "south.csv"] {
        let text = std::fs::read_to_string(example(&format!("referendum-totals/{name}"))).unwrap();
        let mut lines = text.lines();
        let header = lines.next().unwrap().replace(",No,", ",No,Total,");
        let mut out = format!("{header}\n");
        for line in lines {
            let cells: Vec<&str> = line.splitn(10, ',').collect();
            let total: u64 = cells[7].parse::<u64>().unwrap() + cells[8].parse::<u64>().unwrap();
            out.push_str(&format!("{},{total},{}\n", cells[..9].join(","), cells[9]));
        }
        write(dir.path(), name, out.as_bytes());
    }
    let path = dir.path().display().to_string();
    for format in [
        "text",
        "json",
        "areas-csv",
        "summary-csv",
        "html",
        "err-json",
        "err-xml",
    ] {
        let o = run(&["collate", &path, "--format", format, "--date", "2029-05-03"]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(!out.contains("149.91"), "{format}: {out}");
        if format == "text" {
            assert!(
                out.contains("0 of 4 counting areas authorised")
                    && out.contains("Not authorised: area A03: 77,966 ballot papers counted"),
                "{out}"
            );
            assert_eq!(above_one_hundred(&out), Vec::<String>::new(), "{out}");
        }
    }
    // With --published the totals were authorised when published, but
    // figures above the electorate never are.
    let o = run(&["collate", &path, "--published"]);
    let out = stdout(&o);
    assert!(
        out.contains("0 of 4 counting areas authorised") && out.contains("Incomplete"),
        "{out}"
    );
}

/// An explanation authorises only the variance it states: Carrow's Yes
/// mistyped 18,800 → 19,800 (40,006 counted, +996 on verified: below the
/// electorate, so only the tie catches it) is not authorised on an
/// explanation of -4; the shipped figures are. A file without the
/// `Explained_Variance` column still reads, and its explained total is
/// listed and not authorised (uk-count-rules.md §7: a variance must be
/// resolved or explained, and re-keyed figures are checked against the
/// signed local statement).
#[test]
fn an_explanation_authorises_only_the_variance_it_states() {
    let (_dir, path) = referendum(19_800, true);
    let out = stdout(&run(&["collate", &path]));
    assert!(
        out.contains("Not authorised: area A03: the explanation states a variance of -4 in the votes counted plus rejected papers on the ballot papers going forward (Explained_Variance), but the figures give +996")
            && out.contains("Incomplete"),
        "{out}"
    );
    let (_dir, path) = referendum(18_800, true);
    let out = stdout(&run(&["collate", &path]));
    assert!(
        out.contains("4 of 4 counting areas authorised")
            && out.contains("counted 39,006 (-4 on verified); explanation (of -4): Four papers")
            && out.contains("Result: \"Yes\" has more votes."),
        "{out}"
    );
    // The file as shipped before the column: read, and not authorised.
    let (_dir, path) = referendum(18_800, false);
    let o = run(&["collate", &path, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["outcome"]["kind"], "incomplete");
    assert_eq!(v["not_authorised"][0]["code"], "variance_not_stated");
    let why = v["not_authorised"][0]["message"].as_str().unwrap();
    assert!(
        why.contains("area A03") && why.contains("does not say which variance it explains"),
        "{why}"
    );
    // A variance stated with no explanation is a problem in the file.
    let dir = scratch();
    let text = format!(
        "{HEADER},Explained_Variance\nR2,South,A04,Dunmere,29875,21900,21902,11500,10360,0,14,0,28,,+2\n"
    );
    let file = write(dir.path(), "s.csv", text.as_bytes());
    let o = run(&["collate", &file, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["code"], "variance_without_explanation");
    assert_eq!(v[0]["line"], 2);
    assert_eq!(v[0]["field"], "Explained_Variance");
    // Not a signed whole number.
    let text = format!(
        "{HEADER},Explained_Variance\nR2,South,A03,Carrow,52010,39012,39010,18800,20160,1,25,2,18,{CARROW_WHY},minus four\n"
    );
    let file = write(dir.path(), "t.csv", text.as_bytes());
    let o = run(&["collate", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("t.csv:2: field `Explained_Variance`"),
        "{}",
        stderr(&o)
    );
}

/// The area CSV written with every column (`--format areas-csv` for a poll
/// other than a referendum) carries the stated variance, and reads back to
/// the same collation.
#[test]
fn the_stated_variance_is_written_and_reads_back() {
    let dir = scratch();
    let text = "Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,A,B,no_official_mark,too_many_votes,identifying_mark,unmarked_or_void,Explanation,Explained_Variance\n,,W1,Part one,1000,500,500,250,247,0,0,0,0,Three papers were left in the box,-3\n";
    let file = write(dir.path(), "w.csv", text.as_bytes());
    let args = ["collate", file.as_str(), "--ruleset", "uk-parliamentary"];
    let o = run(&[&args[..], &["--format", "areas-csv"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let written = stdout(&o);
    assert!(
        written
            .lines()
            .next()
            .unwrap()
            .ends_with("Explanation,Explained_Variance,Explained_Forward_Variance"),
        "{written}"
    );
    assert!(
        written.contains("Three papers were left in the box,-3,"),
        "{written}"
    );
    let again = write(dir.path(), "again.csv", written.as_bytes());
    let first = stdout(&run(&args));
    let second = stdout(&run(&[
        "collate",
        again.as_str(),
        "--ruleset",
        "uk-parliamentary",
    ]));
    assert!(first.contains("Result: A is returned."), "{first}");
    assert_eq!(first, second);
}

/// Audit finding 4: a ruleset whose polls may fill more than one seat
/// (England principal areas 2006: "the candidate or candidates … up to
/// the number of councillors to be elected") is not collated as one seat
/// by default; collation of multi-member polls is not built, so
/// `--seats N` above 1 is refused; `--seats 1` states a one-seat poll.
/// Usage errors: exit 2 (docs/formats.md, "Problems and exit codes").
#[test]
fn a_multi_member_ruleset_is_refused_unless_one_seat_is_stated() {
    let dir = scratch();
    let text = "Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,A,B,C,no_official_mark,too_many_votes,identifying_mark,unmarked_or_void\n,,W1,Ward part 1,1000,500,500,250,150,100,0,0,0,0\n,,W2,Ward part 2,1000,500,500,250,150,100,0,0,0,0\n";
    let file = write(dir.path(), "mm.csv", text.as_bytes());
    let o = run(&["collate", &file, "--ruleset", "england-principal-2006"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("--ruleset england-principal-2006: a poll under these rules may fill more than one seat")
            && err.contains("give --seats 1"),
        "{err}"
    );
    for seats in ["2", "3"] {
        let o = run(&[
            "collate",
            &file,
            "--ruleset",
            "england-principal-2006",
            "--seats",
            seats,
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains(&format!(
                "--seats {seats}: collation of multi-member polls is not built"
            )),
            "{}",
            stderr(&o)
        );
    }
    let o = run(&["collate", &file, "--ruleset", "england-parish-2006"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "collate",
        &file,
        "--ruleset",
        "england-principal-2006",
        "--seats",
        "1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Result: A is returned."),
        "{}",
        stdout(&o)
    );
    // A one-seat ruleset needs no --seats, and takes no other figure; a
    // referendum has no seats.
    let o = run(&["collate", &file, "--ruleset", "uk-parliamentary"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "collate",
        &file,
        "--ruleset",
        "uk-parliamentary",
        "--seats",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let (_dir, path) = referendum(18_800, true);
    let o = run(&["collate", &path, "--seats", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no seats"), "{}", stderr(&o));
}
