//! A list poll's papers verified and counted at each constituency's count
//! (issue 19 item 3; docs/count-log.md, "Counting a list poll at the
//! constituency count"): bundles and batches of list papers, rejected
//! papers under the list ruleset's heads, re-counts, the completed count
//! standing as the area's list total in the region's collation, a
//! reported total checked against it, and the list papers' verification
//! box by box.
//!
//! Independent checks: every figure is worked by hand in the test's
//! comments, citing the rule (the allocation: Scotland Act 1998 ss.7-8;
//! the heads: Scottish Parliament (Elections etc.) Order 2015, SSI 2015/425,
//! Sch 2 r.58(1)).

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::cli::rejects;
use crate::support::{list_party, log_of, run, scratch, stderr, stdout, write, REGION_RETURNS};

/// A party with a list of `n` people named `{id}1`, `{id}2`, …
fn bundle(area: &str, run: u32, id: &str, votes: &[(&str, u64)]) -> Value {
    let votes: Vec<Value> = votes
        .iter()
        .map(|(c, v)| json!({"candidate": c, "votes": v}))
        .collect();
    json!({"bundle_counted": {"contest": "r", "run": run, "counting_area": area, "bundle": id, "votes": votes}})
}

fn rejected(area: &str, run: u32, head: &str, papers: u64) -> Value {
    json!({"rejected_counted": {"contest": "r", "run": run, "counting_area": area, "head": head, "papers": papers}})
}

fn completed(area: &str, run: u32) -> Value {
    json!({"count_completed": {"contest": "r", "run": run, "counting_area": area}})
}

fn authorise(area: &str) -> Value {
    json!({"local_total_authorised": {"contest": "r", "counting_area": area}})
}

/// A Scottish Parliament region (`scottish-parliament-regional-2016`:
/// seven regional members, Scotland Act 1998 Sch 1 para 2(3)) counted in
/// two counting areas, north and south, with its nine constituency
/// returns; `more` follows the definitions.
fn region(more: &[Value]) -> Vec<Value> {
    let mut events = vec![
        json!({"election_defined": {"election": "e", "name": "Scottish Parliament general election", "poll_date": "2026-05-07"}}),
        json!({"counting_area_defined": {"counting_area": "north", "name": "North count"}}),
        json!({"counting_area_defined": {"counting_area": "south", "name": "South count"}}),
        json!({"list_contest_defined": {
            "contest": "r", "election": "e", "title": "Regional members", "area": "Example Region",
            "office": "scottish_parliament_regional_member", "country": "scotland", "seats": 7,
            "parties": [list_party("A", 7), list_party("B", 7), list_party("C", 7), list_party("D", 7)],
            "counting_areas": ["north", "south"],
            "constituencies": REGION_RETURNS.iter().map(|r| r.0).collect::<Vec<_>>()}}),
    ];
    for (k, p) in REGION_RETURNS {
        events.push(json!({"constituency_return_reported": {"contest": "r", "constituency": k, "member": format!("MSP {k}"), "party": p}}));
    }
    events.extend(more.iter().cloned());
    events
}

/// North counted in one run: A 10,000 and B 6,000 in bundle N1, C 5,000
/// and D 2,000 in N2 (23,000 valid papers, one vote each: Scotland Act 1998
/// s.6(2)), and 70 papers rejected under the heads of the regional ballot
/// paper (SSI 2015/425 Sch 2 r.58(1)): (a) no official mark 3, (c) votes
/// for more than one party or individual 40, (d) identifying mark 2, (e)
/// unmarked or void for uncertainty 25. Papers counted: 23,070.
fn north() -> Vec<Value> {
    vec![
        bundle("north", 1, "N1", &[("A", 10_000), ("B", 6_000)]),
        bundle("north", 1, "N2", &[("C", 5_000), ("D", 2_000)]),
        rejected("north", 1, "no_official_mark", 3),
        rejected("north", 1, "too_many_votes", 40),
        rejected("north", 1, "identifying_mark", 2),
        rejected("north", 1, "unmarked_or_void", 25),
        completed("north", 1),
    ]
}

/// South: run 1 gives A 8,000, B 7,000, C 3,000, D 1,500 and 30 papers
/// under (e); B's agent asks for a re-count, granted; run 2 counts A 7,990
/// and B 7,010 (C, D and the rejected papers as before), in a batch and a
/// bundle.
fn south() -> Vec<Value> {
    vec![
        bundle(
            "south",
            1,
            "S-1",
            &[("A", 8_000), ("B", 7_000), ("C", 3_000), ("D", 1_500)],
        ),
        rejected("south", 1, "unmarked_or_void", 30),
        completed("south", 1),
        json!({"recount_requested": {"contest": "r", "run": 1, "counting_area": "south", "candidate": "B"}}),
        json!({"recount_decided": {"contest": "r", "run": 1, "counting_area": "south", "granted": true}}),
        json!({"paper_batch_counted": {"contest": "r", "run": 2, "counting_area": "south", "batch": "SB-1",
            "valid_papers": 15_000, "votes": [{"candidate": "A", "votes": 7_990}, {"candidate": "B", "votes": 7_010}],
            "rejected": [{"head": "unmarked_or_void", "papers": 30}]}}),
        bundle("south", 2, "S-2", &[("C", 3_000), ("D", 1_500)]),
        completed("south", 2),
    ]
}

/// `count --format json` of a log: its list contests.
fn list_contests(log: &str) -> Vec<Value> {
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", log.as_bytes());
    let o = run(&["count", &path, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["list_contests"].as_array().unwrap().clone()
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

/// Two counting areas of a Scottish region counted from bundles and a
/// batch, one with rejected papers by the r.58(1) heads and one re-counted,
/// then authorised and allocated. Hand-worked:
///
/// Region totals (north + south's run 2): A 10,000 + 7,990 = 17,990; B
/// 6,000 + 7,010 = 13,010; C 5,000 + 3,000 = 8,000; D 2,000 + 1,500 =
/// 3,500; rejected 70 + 30 = 100.
///
/// Regional figures (Scotland Act 1998 s.7: votes ÷ (1 + constituency seats
/// in the region + regional seats so far); s.8(1)-(2) the highest takes the
/// seat): A 17,990/6 = 2,998.33; B 13,010/3 = 4,336.67; C 8,000/3 =
/// 2,666.67; D 3,500/1 = 3,500.00.
/// Seat 1 B 4,336.67 (B now 13,010/4 = 3,252.50); seat 2 D 3,500.00 (D now
/// 1,750); seat 3 B 3,252.50 (B now 2,602); seat 4 A 2,998.33 (A now
/// 17,990/7 = 2,570); seat 5 C 2,666.67 (C now 2,000); seat 6 B 2,602.00
/// (B now 13,010/6 = 2,168.33); seat 7 A 2,570.00. Next: A 17,990/8 =
/// 2,248.75. Members (s.8(4)): B1, D1, B2, A1, C1, B3, A2.
///
/// Run 1 of south (A 8,000, B 7,000) is kept in the record but counts for
/// nothing: with it the first figures would be A 3,000.00 and B 4,333.33.
#[test]
fn two_areas_counted_from_bundles_give_the_region_its_allocation() {
    let mut more = north();
    more.extend(south());
    more.push(authorise("north"));
    more.push(authorise("south"));
    let c = &list_contests(&log_of(&region(&more)))[0];
    assert_eq!(c["status"], "allocated", "{}", c["status_text"]);
    assert_eq!(
        rounds(c),
        [
            ("B", "4336.67"),
            ("D", "3500.00"),
            ("B", "3252.50"),
            ("A", "2998.33"),
            ("C", "2666.67"),
            ("B", "2602.00"),
            ("A", "2570.00"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(c["rounds"][0]["figure_exact"], "13010/3");
    assert_eq!(c["next"]["figure"], "2248.75");
    let members: Vec<&str> = c["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["B1", "D1", "B2", "A1", "C1", "B3", "A2"]);
    let votes: Vec<u64> = c["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["votes"].as_u64().unwrap())
        .collect();
    assert_eq!(votes, [17_990, 13_010, 8_000, 3_500]);
    assert_eq!(c["rejected"], 100);

    // North: counted in the log, its completion the area's total.
    let n = &c["areas"][0];
    assert_eq!(n["status"], "authorised");
    assert_eq!(n["papers_forward"], 23_070);
    assert_eq!(n["rejected"], 70);
    let k = &n["count"];
    assert_eq!(k["source"], "counted");
    assert_eq!(
        (k["run"].clone(), k["completed"].clone()),
        (json!(1), json!(true))
    );
    assert_eq!(k["valid"], 23_000);
    assert_eq!(k["bundles"], 2);
    let heads: Vec<(String, u64)> = k["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["code"].as_str().unwrap().to_owned(),
                h["papers"].as_u64().unwrap(),
            )
        })
        .collect();
    // The regional paper's heads in r.58(1)'s order: (a), (c), (d), (e).
    assert_eq!(
        heads,
        [
            ("no_official_mark", 3),
            ("too_many_votes", 40),
            ("identifying_mark", 2),
            ("unmarked_or_void", 25)
        ]
        .map(|(h, p)| (h.to_owned(), p))
    );
    // South: re-counted at the constituency count, run 2 stands.
    let s = &c["areas"][1]["count"];
    assert_eq!(s["run"], 2);
    assert_eq!(s["runs"], json!([19_530, 19_530]));
    assert_eq!(s["batches"], 1);
    assert_eq!(s["recounts"][0]["decision"], "granted");
    assert_eq!(s["recounts"][0]["option"], "B");
    assert_eq!(c["areas"][1]["papers_forward"], 19_530);

    // The text document says where each area's total came from.
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", log_of(&region(&more)).as_bytes());
    let o = run(&["count", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("counted in the log: the completed count is the area's total"),
        "{text}"
    );
    assert!(
        text.contains("run 2 (completed): papers counted 19,530 = valid 19,500 + rejected 30"),
        "{text}"
    );
    assert!(
        text.contains("re-count of run 1 asked for by RO (for B): granted"),
        "{text}"
    );
}

/// While a re-count waits, the area's total cannot be authorised; once
/// granted, the total of run 1 is withdrawn (the allocation waits for the
/// area again) until run 2 is completed. The regional returning officer's
/// own order (`area_recount_ordered`) starts the area's next run too.
#[test]
fn a_recount_withdraws_the_area_total_until_counted_again() {
    let mut more = north();
    more.extend(south().into_iter().take(4)); // run 1 completed, re-count asked
    more.push(authorise("north"));
    rejects(
        log_of(&region(&[more.clone(), vec![authorise("south")]].concat())).as_bytes(),
        &[],
        &["local_total_authorised: contest r, area south: a request for a re-count of run 1 is waiting for the returning officer's decision"],
    );
    more.push(json!({"recount_decided": {"contest": "r", "run": 1, "counting_area": "south", "granted": true}}));
    let c = &list_contests(&log_of(&region(&more)))[0];
    assert_eq!(c["status"], "awaiting_totals");
    assert_eq!(c["areas"][1]["status"], "missing");
    assert_eq!(c["areas"][1]["count"]["source"], "counting");

    // The regional returning officer orders north re-counted: its next
    // run starts, its total withdrawn.
    more.push(json!({"area_recount_ordered": {"contest": "r", "counting_area": "north"}}));
    let c = &list_contests(&log_of(&region(&more)))[0];
    let n = &c["areas"][0];
    assert_eq!(n["status"], "missing");
    assert_eq!(n["count"]["run"], 2);
    assert_eq!(n["count"]["recounts"][0]["ordered"], true);
}

/// The list papers verified box by box (the existing verification: a box
/// of the list poll, its ballot paper account, its counts), with a box
/// whose count differs from its account: BOX-N1's account says 23,075
/// issued; it is counted three times at 23,072, so it is accepted on two
/// consecutive equal recounts (the Electoral Commission's principle; its
/// variance −3 is on the statement). North's verified list papers are
/// 23,072, and the 23,070 papers counted differ from them by −2: data on
/// the area's line, not an error; the area's total is authorised all the
/// same (its papers forward are the papers counted).
#[test]
fn list_papers_verified_with_a_variance_on_the_statement() {
    let mut more = vec![
        json!({"polling_place_defined": {"polling_place": "PP-N", "name": "North Hall", "counting_area": "north"}}),
        json!({"polling_station_defined": {"polling_station": "ST-N", "polling_place": "PP-N", "name": "Station N"}}),
        json!({"ballot_box_defined": {"ballot_box": "BOX-N1", "polling_station": "ST-N", "contests": ["r"]}}),
        json!({"account_entered": {"ballot_box": "BOX-N1", "contest": "r", "entrusted": [{"first": "R00001", "last": "R30000"}],
            "issued": 23_075, "unused": 6_925, "spoilt": 0, "cancelled": 0, "tendered": 0}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 1, "papers": 23_072}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 2, "papers": 23_072}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 3, "papers": 23_072}}),
        json!({"verification_completed": {"contest": "r"}}),
    ];
    more.extend(north());
    more.push(authorise("north"));
    let c = &list_contests(&log_of(&region(&more)))[0];
    let v = &c["verification"];
    assert_eq!(v["status"], "completed");
    assert_eq!(v["total_verified"], 23_072);
    let b = &v["boxes"][0];
    assert_eq!(b["ballot_box"], "BOX-N1");
    assert_eq!(b["variance"], -3);
    assert_eq!(b["status"], "consistent_recount");
    let k = &c["areas"][0]["count"];
    assert_eq!(k["verified"], 23_072);
    assert_eq!(k["variance"], -2);
    assert_eq!(c["areas"][0]["status"], "authorised");
    // South has no box in the log: no verified figure (never 0), and the
    // report says why.
    let mut with_south = more.clone();
    with_south.extend(south());
    let c = &list_contests(&log_of(&region(&with_south)))[0];
    let k = &c["areas"][1]["count"];
    assert_eq!(k["verified"], Value::Null);
    assert_eq!(k["variance"], Value::Null);
    assert!(
        k["verified_note"]
            .as_str()
            .unwrap()
            .contains("no ballot box of the list poll is in area south"),
        "{k}"
    );
    // `verify` states the list papers' statement and each area's verified
    // papers or why it has none (audit 12, finding 3): North 23,072
    // verified against 23,070 counted (−2), South none.
    let dir = scratch();
    let path = write(
        dir.path(),
        "count.jsonl",
        log_of(&region(&with_south)).as_bytes(),
    );
    let o = run(&["verify", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for s in [
        "STATEMENT AS TO THE RESULT OF THE VERIFICATION OF BALLOT PAPER ACCOUNTS (completed by RO)",
        "LIST PAPERS BY COUNTING AREA\n",
        "  North count: verified 23,072; papers counted in the log 23,070 (run 1, completed), counted − verified -2\n",
        "  South count: verified: none (no ballot box of the list poll is in area south); papers counted in the log",
    ] {
        assert!(text.contains(s), "{s:?} not in\n{text}");
    }
    let o = run(&["verify", &path, "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let l = &v["list_polls"][0];
    assert_eq!(l["contest"], "r");
    assert_eq!(l["verification"]["total_verified"], 23_072);
    assert_eq!(l["areas"][0]["verified"], 23_072);
    assert_eq!(l["areas"][0]["papers_counted"], 23_070);
    assert_eq!(l["areas"][1]["verified"], Value::Null);
}

/// A postal ballot box given its counting area (`ballot_box_defined`'s
/// `counting_area`) adds to that area's verified list papers: North's
/// station box verified at 23,072 and its postal box at 500 give 23,572
/// verified against 23,070 counted, a variance of -502 (data on the
/// statement, not an error). A postal box naming no area leaves every area
/// without a verified figure, saying why; `counting_area` beside a polling
/// station, or naming no defined area, is refused.
#[test]
fn a_postal_box_adds_to_its_counting_areas_verified_papers() {
    let station_box = vec![
        json!({"polling_place_defined": {"polling_place": "PP-N", "name": "North Hall", "counting_area": "north"}}),
        json!({"polling_station_defined": {"polling_station": "ST-N", "polling_place": "PP-N", "name": "Station N"}}),
        json!({"ballot_box_defined": {"ballot_box": "BOX-N1", "polling_station": "ST-N", "contests": ["r"]}}),
        json!({"account_entered": {"ballot_box": "BOX-N1", "contest": "r", "entrusted": [{"first": "R00001", "last": "R30000"}],
            "issued": 23_075, "unused": 6_925, "spoilt": 0, "cancelled": 0, "tendered": 0}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 1, "papers": 23_072}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 2, "papers": 23_072}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 3, "papers": 23_072}}),
    ];
    let postal = |area: Option<&str>| {
        let mut d = json!({"ballot_box": "POST-N", "contests": ["r"]});
        if let Some(a) = area {
            d["counting_area"] = json!(a);
        }
        vec![
            json!({"ballot_box_defined": d}),
            json!({"box_counted": {"ballot_box": "POST-N", "contest": "r", "attempt": 1, "papers": 500}}),
        ]
    };
    let with = |postal_box: Vec<Value>| {
        let mut more = station_box.clone();
        more.extend(postal_box);
        more.push(json!({"verification_completed": {"contest": "r"}}));
        more.extend(north());
        more
    };
    let c = &list_contests(&log_of(&region(&with(postal(Some("north"))))))[0];
    let k = &c["areas"][0]["count"];
    assert_eq!(k["verified"], 23_572, "{k}");
    assert_eq!(k["variance"], -502, "{k}");
    // No area for the postal box: no area has a verified figure.
    let c = &list_contests(&log_of(&region(&with(postal(None)))))[0];
    let k = &c["areas"][0]["count"];
    assert_eq!(k["verified"], Value::Null);
    assert!(
        k["verified_note"]
            .as_str()
            .unwrap()
            .contains("postal ballot box POST-N of the list poll names no counting area"),
        "{k}"
    );
    // Beside a polling station, or an area not defined: refused.
    let mut bad = region(&[]);
    bad.push(json!({"polling_place_defined": {"polling_place": "PP-N", "name": "North Hall", "counting_area": "north"}}));
    bad.push(json!({"polling_station_defined": {"polling_station": "ST-N", "polling_place": "PP-N", "name": "Station N"}}));
    bad.push(json!({"ballot_box_defined": {"ballot_box": "B1", "polling_station": "ST-N", "counting_area": "north", "contests": ["r"]}}));
    bad.push(json!({"ballot_box_defined": {"ballot_box": "B2", "counting_area": "east", "contests": ["r"]}}));
    rejects(
        log_of(&bad).as_bytes(),
        &[],
        &[
            "ballot_box_defined: field `counting_area`: a box at a polling station (ST-N) is in its polling place's counting area; counting_area is given only for a postal ballot box",
            "ballot_box_defined: field `counting_area`",
            "east",
        ],
    );
}

/// A reported total for an area counted in the log must agree with the
/// count: agreeing, it is recorded (`counted_and_reported`); disagreeing,
/// it is refused naming both entries, whichever came first.
#[test]
fn a_reported_total_must_agree_with_the_count() {
    let report = |a: u64| {
        json!({"local_total_reported": {"contest": "r", "counting_area": "north", "papers_forward": 23_070,
            "votes": [{"candidate": "A", "votes": a}, {"candidate": "B", "votes": 6_000},
                      {"candidate": "C", "votes": 5_000}, {"candidate": "D", "votes": 2_000}],
            "rejected": [{"head": "no_official_mark", "papers": 3}, {"head": "too_many_votes", "papers": 40},
                         {"head": "identifying_mark", "papers": 2}, {"head": "unmarked_or_void", "papers": 25}]}})
    };
    // Region: 4 definitions + 9 returns = entries 1-13; north's count 14-20
    // (its completion entry 20); the report entry 21.
    let mut agreeing = north();
    agreeing.push(report(10_000));
    let c = &list_contests(&log_of(&region(&agreeing)))[0];
    assert_eq!(c["areas"][0]["count"]["source"], "counted_and_reported");
    let mut after = north();
    after.push(report(9_990));
    rejects(
        log_of(&region(&after)).as_bytes(),
        &[],
        &["entry 21: local_total_reported: field `votes`: area north: the local total reported disagrees with the count of its list papers completed at entry 20 (run 1): A 9,990 reported, 10,000 counted"],
    );
    // The report first (entry 14), the count completed after it (entry 21).
    let mut before = vec![report(9_990)];
    before.extend(north());
    rejects(
        log_of(&region(&before)).as_bytes(),
        &[],
        &["entry 21: count_completed: field `run`: area north: the count of its list papers (run 1) disagrees with the local total reported at entry 14: A 9,990 reported, 10,000 counted"],
    );
}

/// Bad input, each a problem naming the entry and field, nothing written.
#[test]
fn bad_list_papers_are_refused_by_name() {
    // Entries 1-13 define the region; the bad entry is 14.
    let one = |e: Value, expected: &str| {
        rejects(log_of(&region(&[e])).as_bytes(), &[], &[expected]);
    };
    // A bundle for a party not on the list.
    one(
        bundle("north", 1, "N1", &[("A", 10), ("ZZ", 5)]),
        "entry 14: bundle_counted: field `votes[1].candidate`: unknown party or individual candidate \"ZZ\" on the list ballot of r (one of: A, B, C, D)",
    );
    // A count in an area outside the region (defined, but not one of the
    // contest's counting areas).
    rejects(
        log_of(&region(&[
            json!({"counting_area_defined": {"counting_area": "elsewhere", "name": "Elsewhere"}}),
            bundle("elsewhere", 1, "E1", &[("A", 10)]),
        ]))
        .as_bytes(),
        &[],
        &["entry 15: bundle_counted: field `counting_area`: unknown counting area \"elsewhere\" of list contest r (one of: north, south)"],
    );
    // A head the list ruleset does not have: "unmarked" is a head of the
    // police and crime commissioner's statement, not of r.58(1).
    one(
        rejected("north", 1, "unmarked", 4),
        "entry 14: rejected_counted: field `head`: head \"unmarked\" is not on the statement of rejected ballot papers under scottish-parliament-regional-2016",
    );
    // Published figures' one total is not a head of the Scottish statement
    // either: the heads were read, so papers go under them.
    one(
        rejected("north", 1, "breakdown_not_given", 4),
        "entry 14: rejected_counted: field `head`: head \"breakdown_not_given\" is not on the statement",
    );
    // A list contest's papers need their counting area.
    one(
        json!({"bundle_counted": {"contest": "r", "run": 1, "bundle": "N1", "votes": [{"candidate": "A", "votes": 1}]}}),
        "entry 14: bundle_counted: field `counting_area`: r is a list contest: its papers are counted at each counting area's count; name the counting area (one of: north, south)",
    );
    // A bundle's papers are its votes (one vote per list paper).
    one(
        json!({"bundle_counted": {"contest": "r", "run": 1, "counting_area": "north", "bundle": "N1", "papers": 12, "votes": [{"candidate": "A", "votes": 10}]}}),
        "entry 14: bundle_counted: field `papers`: 12 valid papers but 10 votes",
    );
    // Counting in a completed run.
    rejects(
        log_of(&region(&[
            completed("north", 1),
            bundle("north", 1, "N1", &[("A", 1)]),
        ]))
        .as_bytes(),
        &[],
        &["entry 15: bundle_counted: contest r, area north: the counting of run 1 is completed"],
    );
    // A figure past the largest count is a typed problem, never clamped.
    rejects(
        log_of(&region(&[
            bundle("north", 1, "N1", &[("A", u64::MAX)]),
            bundle("north", 1, "N2", &[("A", 1)]),
        ]))
        .as_bytes(),
        &[],
        &[
            "entry 15: bundle_counted: field `votes`: bundle N2: ",
            "18446744073709551615",
        ],
    );
    // `counting_area` on a contest that is not a list contest.
    rejects(
        log_of(&[
            json!({"election_defined": {"election": "e", "name": "E", "poll_date": "2026-05-07"}}),
            json!({"counting_area_defined": {"counting_area": "north", "name": "North"}}),
            json!({"contest_defined": {"contest": "w", "election": "e", "title": "T", "area": "W",
                "office": "parish_councillor", "country": "england", "electorate": 100,
                "vacancies": [{"kind": "ordinary", "term_ends": "2030-05-06"}],
                "candidates": [{"id": "P", "name": "P"}, {"id": "Q", "name": "Q"}]}}),
            json!({"bundle_counted": {"contest": "w", "run": 1, "counting_area": "north", "bundle": "B1", "votes": [{"candidate": "P", "votes": 1}]}}),
        ])
        .as_bytes(),
        &[],
        &["entry 4: bundle_counted: field `counting_area`: counting area north: contest w is not a list contest"],
    );
}

/// Senedd 2026 (`senedd-closed-list-2026`): the heads of its statement of
/// rejected papers were not read, so rejected list papers are counted as
/// one figure (`breakdown_not_given`) and a head is refused.
#[test]
fn where_heads_are_not_read_rejected_papers_are_one_figure() {
    let events = |head: &str| {
        log_of(&[
            json!({"election_defined": {"election": "e", "name": "Senedd general election", "poll_date": "2026-05-07"}}),
            json!({"counting_area_defined": {"counting_area": "x", "name": "X"}}),
            json!({"list_contest_defined": {"contest": "r", "election": "e", "title": "T", "area": "Cwm",
                "office": "senedd_member", "country": "wales", "seats": 6, "parties": [list_party("A", 6), list_party("B", 6)],
                "counting_areas": ["x"]}}),
            bundle("x", 1, "X1", &[("A", 600), ("B", 300)]),
            rejected("x", 1, head, 9),
            completed("x", 1),
            authorise("x"),
        ])
    };
    let c = &list_contests(&events("breakdown_not_given"))[0];
    assert_eq!(c["rejected"], 9);
    assert_eq!(
        c["areas"][0]["count"]["rejected"][0]["code"],
        "breakdown_not_given"
    );
    // D'Hondt on list seats (GoWA 2006 s.9 as substituted): seat 1 A 600;
    // seat 2 A 600/2 = 300 and B 300 are equal, settled by lot (the
    // Electoral Commission's guidance): the allocation asks for it.
    assert_eq!(c["status"], "lot_required");
    rejects(
        events("too_many_votes").as_bytes(),
        &[],
        &["entry 5: rejected_counted: field `head`: head \"too_many_votes\" is not on the statement of rejected ballot papers under senedd-closed-list-2026"],
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Counting the same papers in bundles in any order, split between the
    /// two areas in any way, gives the same allocation (the count is exact
    /// addition; the allocation reads only the collated totals).
    #[test]
    fn bundles_in_any_order_give_the_same_allocation(
        bundles in proptest::collection::vec((0usize..4, 1u64..20_000, any::<bool>()), 1..12),
        seed in any::<u64>(),
    ) {
        let ids = ["A", "B", "C", "D"];
        let n = bundles.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let j = usize::try_from(s >> 33).unwrap() % (i + 1);
            order.swap(i, j);
        }
        let make = |order: &[usize], flip: bool| {
            let mut more = Vec::new();
            for (k, &i) in order.iter().enumerate() {
                let (p, v, north) = bundles[i];
                let area = if north ^ flip { "north" } else { "south" };
                more.push(bundle(area, 1, &format!("B{k}"), &[(ids[p], v)]));
            }
            more.extend([completed("north", 1), completed("south", 1), authorise("north"), authorise("south")]);
            let bytes = log_of(&region(&more));
            let report = countroom::report_from_log(bytes.as_bytes()).unwrap();
            let c = &report.list_contests[0];
            (c.rounds.clone(), c.options.clone(), c.status, c.next.clone())
        };
        let straight: Vec<usize> = (0..n).collect();
        prop_assert_eq!(make(&straight, false), make(&order, true));
    }
}

/// Through the shipped Senedd example (appointments, so authority is
/// checked): Plaid Cymru's counting agent asks for Cwm South's list papers
/// to be re-counted after its count is completed (entry 12), the deputy
/// returning officer refuses (the run stands and is authorised); the text
/// names the agent as appointed.
#[test]
fn an_agent_asks_for_a_recount_of_an_area_and_it_is_refused() {
    let log = std::fs::read_to_string(crate::support::example("senedd-cwm-valleys.jsonl")).unwrap();
    let mut lines: Vec<Value> = log
        .lines()
        .skip(1)
        .take(12)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for e in &mut lines {
        e.as_object_mut().unwrap().remove("prev");
    }
    for (by, event) in [
        (
            "agent-pc",
            json!({"recount_requested": {"contest": "cwm-valleys", "run": 1, "counting_area": "cwm-south", "candidate": "PC"}}),
        ),
        (
            "dro",
            json!({"recount_decided": {"contest": "cwm-valleys", "run": 1, "counting_area": "cwm-south", "granted": false}}),
        ),
        (
            "dro",
            json!({"local_total_authorised": {"contest": "cwm-valleys", "counting_area": "cwm-south"}}),
        ),
    ] {
        lines.push(json!({"seq": lines.len() + 1, "by": by, "event": event}));
    }
    let mut text = String::from("{\"schema\":\"countroom-count-log\",\"version\":1}\n");
    for l in &lines {
        text.push_str(&serde_json::to_string(l).unwrap());
        text.push('\n');
    }
    let c = &list_contests(&text)[0];
    let south = &c["areas"][1];
    assert_eq!(south["status"], "authorised");
    assert_eq!(south["count"]["run"], 1);
    assert_eq!(south["count"]["recounts"][0]["decision"], "refused");
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", text.as_bytes());
    let o = run(&["count", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "re-count of run 1 asked for by Nia Rowlands, counting agent (for PC): refused"
        ),
        "{}",
        stdout(&o)
    );
}

// ---- Doubtful papers, the saving clause, objections and explanations at
// a list area's count (docs/count-log.md, "Counting a list poll at the
// constituency count") ---------------------------------------------------

/// A log whose entries are each (by, reason, event).
fn log_by(entries: &[(&str, Option<&str>, Value)]) -> String {
    let mut s = String::from("{\"schema\":\"countroom-count-log\",\"version\":1}\n");
    for (i, (by, reason, e)) in entries.iter().enumerate() {
        let mut entry = json!({"seq": i + 1, "by": by, "event": e});
        if let Some(r) = reason {
            entry["reason"] = json!(r);
        }
        s.push_str(&serde_json::to_string(&entry).unwrap());
        s.push('\n');
    }
    s
}

fn set_aside(area: &str, run: u32, papers: &[(&str, &str)]) -> Value {
    let papers: Vec<Value> = papers
        .iter()
        .map(|(p, why)| json!({"paper": p, "reason": why}))
        .collect();
    json!({"papers_set_aside": {"contest": "r", "run": run, "counting_area": area, "papers": papers}})
}

fn decided(
    area: &str,
    run: u32,
    paper: &str,
    decision: &str,
    votes: &[&str],
    head: Option<&str>,
) -> Value {
    let mut d = json!({"contest": "r", "run": run, "counting_area": area, "paper": paper, "decision": decision});
    if !votes.is_empty() {
        d["votes"] = json!(votes);
    }
    if let Some(h) = head {
        d["head"] = json!(h);
    }
    json!({"doubtful_paper_decided": d})
}

/// North's list papers verified in one box at 23,074 (the ballot paper
/// account: 23,075 issued; counted three times at 23,074, so the box's
/// variance −1 stands after its re-counts).
fn north_verified() -> Vec<Value> {
    vec![
        json!({"polling_place_defined": {"polling_place": "PP-N", "name": "North Hall", "counting_area": "north"}}),
        json!({"polling_station_defined": {"polling_station": "ST-N", "polling_place": "PP-N", "name": "Station N"}}),
        json!({"ballot_box_defined": {"ballot_box": "BOX-N1", "polling_station": "ST-N", "contests": ["r"]}}),
        json!({"account_entered": {"ballot_box": "BOX-N1", "contest": "r", "entrusted": [{"first": "R00001", "last": "R30000"}],
            "issued": 23_075, "unused": 6_925, "spoilt": 0, "cancelled": 0, "tendered": 0}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 1, "papers": 23_074}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 2, "papers": 23_074}}),
        json!({"box_counted": {"ballot_box": "BOX-N1", "contest": "r", "attempt": 3, "papers": 23_074}}),
        json!({"verification_completed": {"contest": "r"}}),
    ]
}

const EXPLANATION: &str = "Two regional ballot papers were found in the constituency count's papers after the list count was completed; announced to the agents before the result";

/// The Scottish region with North's doubtful papers: North counted as in
/// [`north`] (23,000 valid, 70 rejected), with two papers set aside (N-D1,
/// a cross beside party C outside its box; N-D2, the voter's signature),
/// N-D1 allowed for C (SSI 2015/425 Sch 2 r.58(2)(a): marked elsewhere
/// than in the proper place, the intention clearly appearing; recorded as
/// one paper saved, `outside_box`) and N-D2 rejected under r.58(1)(d)
/// (anything written by which the voter can be identified), D's counting
/// agent objecting (r.58(4)); the variance between North's papers counted
/// and verified explained by the returning officer. South as in [`south`].
fn doubtful_region() -> Vec<(&'static str, Option<&'static str>, Value)> {
    let mut entries: Vec<(&str, Option<&str>, Value)> = region(&north_verified())
        .into_iter()
        .map(|e| ("RO", None, e))
        .collect();
    let north: Vec<Value> = north();
    // North's bundles and rejected papers, before its completion.
    for e in &north[..north.len() - 1] {
        entries.push(("Count supervisor", None, e.clone()));
    }
    entries.push((
        "Count supervisor",
        None,
        set_aside(
            "north",
            1,
            &[
                ("N-D1", "cross beside party C outside the box"),
                ("N-D2", "signed by the voter"),
            ],
        ),
    ));
    entries.push((
        "CRO North (Morag Reid)",
        Some(
            "a cross beside C's name, outside the box: the intention clearly appears (r.58(2)(a))",
        ),
        decided("north", 1, "N-D1", "valid", &["C"], None),
    ));
    entries.push((
        "CRO North (Morag Reid)",
        Some("the voter signed the paper"),
        decided(
            "north",
            1,
            "N-D2",
            "rejected",
            &[],
            Some("identifying_mark"),
        ),
    ));
    entries.push((
        "Count supervisor",
        None,
        json!({"saved_counted": {"contest": "r", "run": 1, "counting_area": "north", "reason": "outside_box", "papers": 1}}),
    ));
    entries.push((
        "Counting agent for D (Alan Kerr)",
        Some("the signature is a party member's, not the voter's"),
        json!({"rejection_objected": {"contest": "r", "run": 1, "counting_area": "north", "paper": "N-D2", "candidate": "D"}}),
    ));
    entries.push(("CRO North (Morag Reid)", None, completed("north", 1)));
    entries.push((
        "CRO North (Morag Reid)",
        None,
        json!({"explanation_recorded": {"contest": "r", "run": 1, "counting_area": "north", "text": EXPLANATION}}),
    ));
    for e in south() {
        entries.push(("RO", None, e));
    }
    entries.push(("RO", None, authorise("north")));
    entries.push(("RO", None, authorise("south")));
    entries
}

/// North's area total and the region's allocation with the doubtful
/// papers decided, worked by hand:
///
/// North (SSI 2015/425 Sch 2): the bundles' 23,000 valid papers (A 10,000,
/// B 6,000, C 5,000, D 2,000) + N-D1 allowed for C = 23,001 valid, C
/// 5,001; rejected: the counted 70 under r.58(1) ((a) 3, (c) 40, (d) 2,
/// (e) 25) + N-D2 under (d) = 71, (d) 3; papers counted 23,001 + 71 =
/// 23,072. Verified 23,074: variance 23,072 − 23,074 = −2, explained.
///
/// Region: A 10,000 + 7,990 = 17,990; B 6,000 + 7,010 = 13,010; C 5,001 +
/// 3,000 = 8,001; D 2,000 + 1,500 = 3,500; rejected 71 + 30 = 101.
/// Regional figures (Scotland Act 1998 s.7, the divisor one more than the
/// constituency and regional seats so far; s.8): A 17,990/6 = 2,998.33; B
/// 13,010/3 = 4,336.67; C 8,001/3 = 2,667.00; D 3,500/1 = 3,500.00. Seat 1 B
/// 4,336.67 (then 13,010/4 = 3,252.50); seat 2 D 3,500.00 (then 1,750.00);
/// seat 3 B 3,252.50 (then 13,010/5 = 2,602.00); seat 4 A 2,998.33 (then
/// 17,990/7 = 2,570.00); seat 5 C 2,667.00 (then 8,001/4 = 2,000.25); seat
/// 6 B 2,602.00 (then 13,010/6 = 2,168.33); seat 7 A 2,570.00. Next: A
/// 17,990/8 = 2,248.75.
#[test]
fn a_scottish_areas_doubtful_papers_are_decided_one_by_one() {
    let log = log_by(&doubtful_region());
    let c = &list_contests(&log)[0];
    assert_eq!(c["status"], "allocated", "{}", c["status_text"]);
    assert_eq!(
        rounds(c),
        [
            ("B", "4336.67"),
            ("D", "3500.00"),
            ("B", "3252.50"),
            ("A", "2998.33"),
            ("C", "2667.00"),
            ("B", "2602.00"),
            ("A", "2570.00"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(c["rounds"][4]["figure_exact"], "2667");
    assert_eq!(c["next"]["figure"], "2248.75");
    assert_eq!(c["rejected"], 101);
    let votes: Vec<u64> = c["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["votes"].as_u64().unwrap())
        .collect();
    assert_eq!(votes, [17_990, 13_010, 8_001, 3_500]);

    let n = &c["areas"][0];
    assert_eq!(n["papers_forward"], 23_072);
    assert_eq!(n["verified"], 23_074);
    let k = &n["count"];
    assert_eq!(k["valid"], 23_001);
    assert_eq!(k["votes"], json!([10_000, 6_000, 5_001, 2_000]));
    assert_eq!(
        k["rejected"][2],
        json!({"code": "identifying_mark", "papers": 3})
    );
    assert_eq!(k["papers_counted"], 23_072);
    assert_eq!(k["verified"], 23_074);
    assert_eq!(k["variance"], -2);
    assert_eq!(
        k["saved"],
        json!([{"code": "outside_box", "label": k["saved"][0]["label"], "papers": 1}])
    );
    let d = &k["doubtful"];
    assert_eq!(d[0]["paper"], "N-D1");
    assert_eq!(d[0]["decision"], "valid");
    assert_eq!(d[0]["votes"], json!(["Party C"]));
    assert_eq!(d[0]["by"], "CRO North (Morag Reid)");
    assert_eq!(d[1]["paper"], "N-D2");
    assert_eq!(d[1]["decision"], "rejected");
    assert!(
        d[1]["head"].as_str().unwrap().starts_with("(d) "),
        "{}",
        d[1]["head"]
    );
    assert_eq!(d[1]["rejection_objected"], true);
    assert_eq!(d[1]["by"], "CRO North (Morag Reid)");
    assert_eq!(d[1]["reason"], "the voter signed the paper");
    let o = &k["objections"][0];
    assert_eq!(o["by"], "Counting agent for D (Alan Kerr)");
    assert_eq!(o["paper"], "N-D2");
    assert_eq!(o["head"], "identifying_mark");
    assert_eq!(o["candidate"], "D");
    assert_eq!(
        k["explanations"],
        json!([{"by": "CRO North (Morag Reid)", "text": EXPLANATION}])
    );
    // South has none of these: the fields are absent (old reports read
    // unchanged).
    let s = &c["areas"][1]["count"];
    for f in ["saved", "doubtful", "objections", "explanations"] {
        assert!(s.get(f).is_none(), "{f}: {s}");
    }
    assert!(c["areas"][1].get("verified").is_none());

    // The text and CSV documents list the same under North's line.
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", log.as_bytes());
    let o = run(&["count", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for line in [
        "doubtful paper N-D1 (set aside: cross beside party C outside the box): allowed for Party C; decided by CRO North (Morag Reid)",
        "doubtful paper N-D2 (set aside: signed by the voter): rejected under (d) ",
        ", rejection objected to; decided by CRO North (Morag Reid): the voter signed the paper",
        "objection by Counting agent for D (Alan Kerr) to the rejection of paper N-D2 (for D): the signature is a party member's, not the voter's",
        "explanation by CRO North (Morag Reid): Two regional ballot papers",
        "verified 23,074; papers counted - verified: -2",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let o = run(&["count", &path, "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    for row in [
        "r,,area_saved,north,outside_box,1",
        "r,,area_doubtful,north,N-D1,valid: Party C",
        "r,,area_objection,north,Counting agent for D (Alan Kerr),paper N-D2",
        "r,,area_explanation,north,CRO North (Morag Reid),",
    ] {
        assert!(csv.contains(row), "{row}\n{csv}");
    }
}

/// The page: the list papers' verification statement by counting area and
/// North's doubtful papers and objection, in headless Chromium (no console
/// error, no request, nothing wider than the window).
#[test]
fn the_list_verification_statement_and_doubtful_papers_in_the_browser() {
    let log = log_by(&doubtful_region());
    let report = countroom::report_from_log(log.as_bytes()).unwrap();
    let page = countroom::html::list_contest_page(&report.list_contests[0]);
    assert_eq!(
        page,
        countroom::html::list_contest_page(&report.list_contests[0])
    );
    assert!(page.contains("Statement as to the verification of the list papers, by counting area"));
    let Some(mut b) = crate::html::browser() else {
        return;
    };
    let loaded = b.load(&page).unwrap();
    assert_eq!(loaded.errors, Vec::<String>::new());
    assert_eq!(loaded.requests, Vec::<String>::new());
    let seen: Value = serde_json::from_str(
        b.evaluate(
            r#"JSON.stringify({
  statement: [...document.querySelectorAll('table.list-verification tbody tr')].map(tr => [tr.dataset.area, tr.dataset.source, ...[...tr.cells].slice(2).map(td => td.textContent)]),
  doubtful: [...document.querySelectorAll('table.list-doubtful[data-area="north"] tbody tr')].map(tr => [tr.dataset.paper, tr.dataset.decision, tr.cells[3].textContent, tr.cells[4].textContent, tr.cells[5].textContent]),
  objections: [...document.querySelectorAll('ul.list-objections[data-area="north"] li')].map(li => li.textContent),
  saved: (document.querySelector('p.list-saved[data-area="north"]') || {}).textContent,
  overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1
})"#,
        )
        .unwrap()
        .as_str()
        .unwrap(),
    )
    .unwrap();
    let explanation = format!("{EXPLANATION} (CRO North (Morag Reid))");
    assert_eq!(
        seen["statement"],
        json!([
            ["north", "counted", "23,072", "23,074", "-2", explanation],
            [
                "south",
                "counted",
                "19,530",
                "none (no ballot box of the list poll is in area south)",
                "",
                ""
            ]
        ])
    );
    assert_eq!(
        seen["doubtful"][0],
        json!(["N-D1", "valid", "Party C", "", "CRO North (Morag Reid)"])
    );
    assert_eq!(seen["doubtful"][1][0], "N-D2");
    assert_eq!(seen["doubtful"][1][1], "rejected");
    assert!(seen["doubtful"][1][2].as_str().unwrap().starts_with("(d) "));
    assert_eq!(seen["doubtful"][1][3], "yes");
    let objection = seen["objections"][0].as_str().unwrap();
    assert!(
        objection.starts_with("Counting agent for D (Alan Kerr) objected to the rejection of paper N-D2 for Party D: the signature is a party member's"),
        "{objection}"
    );
    assert!(
        seen["saved"].as_str().unwrap().contains("run 1"),
        "{}",
        seen["saved"]
    );
    assert_eq!(seen["overflow"], false);
}

/// Bad doubtful papers, saving-clause reasons, objections and
/// explanations at a list area, each refused naming the entry and field.
#[test]
fn bad_doubtful_papers_at_a_list_area_are_refused_by_name() {
    // Entries 1-13 define the region; entry 14 sets aside N-D1 and N-D2
    // in North, the bad entry is 15.
    let one = |e: Value, expected: &str| {
        rejects(
            log_of(&region(&[
                set_aside("north", 1, &[("N-D1", "x"), ("N-D2", "y")]),
                e,
            ]))
            .as_bytes(),
            &[],
            &[expected],
        );
    };
    // Decided for a party not on the list.
    one(
        decided("north", 1, "N-D1", "valid", &["ZZ"], None),
        "entry 15: doubtful_paper_decided: field `votes[0]`: unknown party or individual candidate \"ZZ\" on the list ballot of r (one of: A, B, C, D)",
    );
    // Under a head the ruleset does not have ("unmarked" is a police and
    // crime commissioner's head, not r.58(1)'s).
    one(
        decided("north", 1, "N-D2", "rejected", &[], Some("unmarked")),
        "entry 15: doubtful_paper_decided: field `head`: head \"unmarked\" is not on the statement of rejected ballot papers under scottish-parliament-regional-2016",
    );
    // Rejected with no head where the heads were read.
    one(
        decided("north", 1, "N-D2", "rejected", &[], None),
        "entry 15: doubtful_paper_decided: field `head`: a rejected paper needs its `head`",
    );
    // One vote per list paper: two parties, or rejected in part.
    one(
        decided("north", 1, "N-D1", "valid", &["A", "B"], None),
        "entry 15: doubtful_paper_decided: field `votes`: a list ballot paper carries one vote (Scotland Act 1998 s.6(2))",
    );
    one(
        decided("north", 1, "N-D1", "rejected_in_part", &["A"], None),
        "entry 15: doubtful_paper_decided: field `decision`: a list ballot paper carries one vote",
    );
    // A paper never set aside in that area.
    one(
        decided("south", 1, "N-D1", "valid", &["A"], None),
        "entry 15: doubtful_paper_decided: field `paper`: paper \"N-D1\" was never set aside as doubtful in run 1 (papers set aside: none)",
    );
    // The count cannot be completed while a paper is undecided.
    one(
        completed("north", 1),
        "entry 15: count_completed: run 1: 2 doubtful papers set aside are not yet decided",
    );
    // In an area outside the region.
    rejects(
        log_of(&region(&[
            json!({"counting_area_defined": {"counting_area": "elsewhere", "name": "Elsewhere"}}),
            set_aside("elsewhere", 1, &[("E-D1", "x")]),
        ]))
        .as_bytes(),
        &[],
        &["entry 15: papers_set_aside: field `counting_area`: unknown counting area \"elsewhere\" of list contest r (one of: north, south)"],
    );
    // Missing counting_area on a list contest.
    one(
        json!({"doubtful_paper_decided": {"contest": "r", "run": 1, "paper": "N-D1", "decision": "valid", "votes": ["A"]}}),
        "entry 15: doubtful_paper_decided: field `counting_area`: r is a list contest: its papers are counted at each counting area's count; name the counting area (one of: north, south)",
    );
    one(
        json!({"explanation_recorded": {"contest": "r", "run": 1, "text": "t"}}),
        "entry 15: explanation_recorded: field `counting_area`: r is a list contest",
    );
    // An explanation of an area whose papers are not counted in the log.
    one(
        json!({"explanation_recorded": {"contest": "r", "run": 1, "counting_area": "south", "text": "t"}}),
        "entry 15: explanation_recorded: field `counting_area`: area south's list papers are not counted in the log",
    );
    // An objection to a paper decided valid, and for a party not on the
    // list.
    rejects(
        log_of(&region(&[
            set_aside("north", 1, &[("N-D1", "x")]),
            decided("north", 1, "N-D1", "valid", &["A"], None),
            json!({"rejection_objected": {"contest": "r", "run": 1, "counting_area": "north", "paper": "N-D1"}}),
        ]))
        .as_bytes(),
        &[],
        &["entry 16: rejection_objected: field `paper`: paper \"N-D1\" was decided valid in run 1: only a rejection can be objected to"],
    );
    one(
        json!({"rejection_objected": {"contest": "r", "run": 1, "counting_area": "north", "head": "too_many_votes", "papers": 1, "candidate": "ZZ"}}),
        "entry 15: rejection_objected: field `candidate`: unknown party or individual candidate \"ZZ\" on the list ballot of r (one of: A, B, C, D)",
    );
    // More papers objected to under a head than were rejected under it.
    one(
        json!({"rejection_objected": {"contest": "r", "run": 1, "counting_area": "north", "head": "too_many_votes", "papers": 1}}),
        "entry 15: rejection_objected: ",
    );
    // Saved papers beyond the area run's valid papers.
    one(
        json!({"saved_counted": {"contest": "r", "run": 1, "counting_area": "north", "reason": "tick", "papers": 1}}),
        "entry 15: saved_counted: field `papers`: 1 papers valid under the saving clause",
    );
    // counting_area on a contest that is not a list contest.
    rejects(
        log_of(&[
            json!({"election_defined": {"election": "e", "name": "E", "poll_date": "2026-05-07"}}),
            json!({"counting_area_defined": {"counting_area": "north", "name": "North"}}),
            json!({"contest_defined": {"contest": "w", "election": "e", "title": "T", "area": "W",
                "office": "parish_councillor", "country": "england", "electorate": 100,
                "vacancies": [{"kind": "ordinary", "term_ends": "2030-05-06"}],
                "candidates": [{"id": "P", "name": "P"}, {"id": "Q", "name": "Q"}]}}),
            json!({"doubtful_paper_decided": {"contest": "w", "run": 1, "counting_area": "north", "paper": "D1", "decision": "valid", "votes": ["P"]}}),
        ])
        .as_bytes(),
        &[],
        &["entry 4: doubtful_paper_decided: field `counting_area`: counting area north: contest w is not a list contest"],
    );
}

/// Senedd 2026 (`senedd-closed-list-2026`): its statement's heads were not
/// read, so a doubtful paper decided rejected goes to the rejected papers
/// as one figure when no head is given, and one decided "rejected under
/// head X" is refused naming the head; its saving clause was not read
/// either, so papers saved are refused.
#[test]
fn where_heads_are_not_read_a_doubtful_paper_is_rejected_as_one_figure() {
    let events = |decision: Value| {
        log_of(&[
            json!({"election_defined": {"election": "e", "name": "Senedd general election", "poll_date": "2026-05-07"}}),
            json!({"counting_area_defined": {"counting_area": "x", "name": "X"}}),
            json!({"list_contest_defined": {"contest": "r", "election": "e", "title": "T", "area": "Cwm",
                "office": "senedd_member", "country": "wales", "seats": 6, "parties": [list_party("A", 6), list_party("B", 6)],
                "counting_areas": ["x"]}}),
            bundle("x", 1, "X1", &[("A", 600), ("B", 300)]),
            rejected("x", 1, "breakdown_not_given", 9),
            set_aside("x", 1, &[("X-D1", "writing")]),
            decision,
            completed("x", 1),
            authorise("x"),
        ])
    };
    // 9 + 1 = 10 rejected papers, as one figure; papers counted 900 + 10.
    let c = &list_contests(&events(decided("x", 1, "X-D1", "rejected", &[], None)))[0];
    assert_eq!(c["rejected"], 10);
    assert_eq!(c["areas"][0]["papers_forward"], 910);
    assert_eq!(
        c["areas"][0]["count"]["doubtful"][0]["head"],
        "rejected ballot papers (breakdown not given)"
    );
    rejects(
        events(decided("x", 1, "X-D1", "rejected", &[], Some("identifying_mark"))).as_bytes(),
        &[],
        &["entry 7: doubtful_paper_decided: field `head`: head \"identifying_mark\" is not on the statement of rejected ballot papers under senedd-closed-list-2026"],
    );
    rejects(
        events(json!({"saved_counted": {"contest": "r", "run": 1, "counting_area": "x", "reason": "tick", "papers": 1}})).as_bytes(),
        &[],
        &["entry 7: saved_counted: field `reason`: papers valid under the saving clause are not recorded under senedd-closed-list-2026"],
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Deciding the same doubtful papers in any order gives the same area
    /// totals and the same allocation (each decision adds one paper, and
    /// addition is exact and commutative).
    #[test]
    fn deciding_doubtful_papers_in_any_order_gives_the_same_totals(
        decisions in proptest::collection::vec(0usize..8, 1..12),
        seed in any::<u64>(),
    ) {
        let ids = ["A", "B", "C", "D"];
        let heads = ["no_official_mark", "too_many_votes", "identifying_mark", "unmarked_or_void"];
        let n = decisions.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let j = usize::try_from(s >> 33).unwrap() % (i + 1);
            order.swap(i, j);
        }
        let make = |order: &[usize]| {
            let refs: Vec<String> = (0..n).map(|i| format!("D{i}")).collect();
            let papers: Vec<(&str, &str)> = refs.iter().map(|r| (r.as_str(), "doubtful")).collect();
            let mut more = north()[..north().len() - 1].to_vec();
            more.push(set_aside("north", 1, &papers));
            for &i in order {
                let d = decisions[i];
                more.push(if d < 4 {
                    decided("north", 1, &refs[i], "valid", &[ids[d]], None)
                } else {
                    decided("north", 1, &refs[i], "rejected", &[], Some(heads[d - 4]))
                });
            }
            more.extend(south());
            more.extend([completed("north", 1), authorise("north"), authorise("south")]);
            let bytes = log_of(&region(&more));
            let report = countroom::report_from_log(bytes.as_bytes()).unwrap();
            let c = &report.list_contests[0];
            let k = c.areas[0].count.clone().unwrap();
            (c.rounds.clone(), c.options.clone(), k.votes, k.rejected, k.papers_counted)
        };
        let straight: Vec<usize> = (0..n).collect();
        let a = make(&straight);
        prop_assert_eq!(&a, &make(&order));
        // Every paper decided is counted once: 23,070 + n.
        prop_assert_eq!(a.4, 23_070 + n as u64);
    }
}

/// The decision is the constituency returning officer's, recorded with who
/// made it (SSI 2015/425 Sch 2 r.58(4): the CRO endorses each rejection
/// and records any objection): a returning officer appointed for North
/// decides North's doubtful papers and is refused South's, by name; a
/// batch's papers set aside are decided the same way, and an objection to
/// papers under a head names the batch they were counted in.
#[test]
fn a_constituency_returning_officer_decides_their_own_areas_papers() {
    let mut entries: Vec<(&str, Option<&str>, Value)> =
        region(&[]).into_iter().map(|e| ("ro", None, e)).collect();
    entries.push((
        "ro",
        None,
        json!({"officer_appointed": {"person": "ro", "name": "Regional RO", "role": "returning_officer"}}),
    ));
    // A returning officer holds office by law and records their own
    // appointment.
    entries.push((
        "cro-north",
        None,
        json!({"officer_appointed": {"person": "cro-north", "name": "Morag Reid", "role": "returning_officer", "contests": ["r"], "counting_area": "north"}}),
    ));
    entries.push((
        "cro-north",
        None,
        json!({"paper_batch_counted": {"contest": "r", "run": 1, "counting_area": "north", "batch": "NB-1",
            "valid_papers": 30, "votes": [{"candidate": "A", "votes": 20}, {"candidate": "B", "votes": 10}],
            "rejected": [{"head": "too_many_votes", "papers": 2}],
            "saved": [{"reason": "tick", "papers": 3}],
            "set_aside": [{"paper": "NB-D1", "reason": "other_mark"}]}}),
    ));
    entries.push(("ro", None, set_aside("south", 1, &[("S-D1", "x")])));
    let ok = entries.len();
    entries.push((
        "cro-north",
        Some("a word beside B's name: the intention clearly appears"),
        decided("north", 1, "NB-D1", "valid", &["B"], None),
    ));
    // The CRO records the objection with the endorsement (r.58(4)).
    entries.push((
        "cro-north",
        Some("A's agent objects: the second mark is a correction"),
        json!({"rejection_objected": {"contest": "r", "run": 1, "counting_area": "north", "head": "too_many_votes", "batch": "NB-1", "papers": 2, "candidate": "A"}}),
    ));
    entries.push(("cro-north", None, completed("north", 1)));
    let report = countroom::report_from_log(log_by(&entries).as_bytes()).unwrap();
    let k = report.list_contests[0].areas[0].count.clone().unwrap();
    // 30 valid in the batch + NB-D1 for B = 31; B 10 + 1 = 11; rejected 2
    // under (c); papers counted 33; 3 saved (tick, r.58(2)(b)).
    assert_eq!(k.valid, 31);
    assert_eq!(k.votes, [20, 11, 0, 0]);
    assert_eq!(k.papers_counted, 33);
    assert_eq!(k.saved[0].code, "tick");
    assert_eq!(k.saved[0].papers, 3);
    assert_eq!(k.doubtful[0].by.as_deref(), Some("cro-north"));
    assert_eq!(k.objections[0].batch.as_deref(), Some("NB-1"));
    assert_eq!(k.objections[0].papers, 2);
    assert!(k.completed);
    // North's returning officer deciding South's paper is refused.
    let mut other = entries[..ok].to_vec();
    other.push((
        "cro-north",
        None,
        decided("south", 1, "S-D1", "valid", &["A"], None),
    ));
    rejects(
        log_by(&other).as_bytes(),
        &[],
        &[&format!(
            "entry {}: doubtful_paper_decided: cro-north is the returning officer of counting area north, and may not report for counting area south",
            ok + 1
        )],
    );
    // An objection to more of the batch's papers under the head than it
    // has.
    let mut more = entries[..ok].to_vec();
    more.push((
        "cro-north",
        None,
        json!({"rejection_objected": {"contest": "r", "run": 1, "counting_area": "north", "head": "too_many_votes", "batch": "NB-1", "papers": 3}}),
    ));
    rejects(
        log_by(&more).as_bytes(),
        &[],
        &[
            &format!("entry {}: rejection_objected: ", ok + 1),
            "batch NB-1 of run 1",
        ],
    );
}

/// In a version 2 log (hash-chained, every line in canonical form) the
/// entries read and replay the same: `counting_area` is written after
/// `run`, as on the counting events, and absent where it is not given.
#[test]
fn a_list_areas_doubtful_papers_in_a_version_2_log() {
    let v1 = log_by(&doubtful_region());
    let up = countroom::count::upgrade_log(v1.as_bytes(), "Auditor", None).unwrap();
    let text = String::from_utf8(up.bytes.clone()).unwrap();
    assert!(
        text.contains(r#"{"doubtful_paper_decided":{"contest":"r","run":1,"counting_area":"north","paper":"N-D2","decision":"rejected","head":"identifying_mark"}}"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"{"explanation_recorded":{"contest":"r","run":1,"counting_area":"north","text":"#
        ),
        "{text}"
    );
    let before = countroom::report_from_log(v1.as_bytes()).unwrap();
    let after = countroom::report_from_log(&up.bytes).unwrap();
    assert_eq!(before.list_contests[0].areas, after.list_contests[0].areas);
}
