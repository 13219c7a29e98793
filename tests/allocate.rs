//! List allocation (`countroom::list`, `countroom allocate`): the Senedd
//! 2021 regions against the published seats, hand-worked cases through the
//! command line, and bad input.

use std::collections::BTreeMap;

use countroom::list::{allocate, Area, Contestant, Method, Options, Status, TieRule};

use crate::support::{dataset, root, run, scratch, stderr, stdout, write};

fn votes(s: &str) -> u64 {
    s.replace(',', "").parse().unwrap()
}

/// The Senedd 2021 regions: (region, party, published list seats, votes,
/// constituency seats won in the region, individual). Constituency seats
/// are derived from `constituency_results.csv` (the candidate with the most
/// votes in each constituency) and `tests/data/senedd-2021-constituency-
/// regions.csv` (the regions of SI 2006/1041; the dataset has no mapping).
/// The dataset's `Independent` rows are individual regional candidates,
/// named by region here (the file does not give their names).
type Row = (String, String, u32, u64, u32, bool);

fn senedd_2021() -> Option<Vec<Row>> {
    let dir = dataset("senedd-2021")?;
    let mut regions: BTreeMap<String, String> = BTreeMap::new();
    let mut per_region: BTreeMap<String, usize> = BTreeMap::new();
    let mut map =
        csv::Reader::from_path(root().join("tests/data/senedd-2021-constituency-regions.csv"))
            .unwrap();
    for r in map.records() {
        let r = r.unwrap();
        assert!(regions.insert(r[0].to_owned(), r[2].to_owned()).is_none());
        *per_region.entry(r[2].to_owned()).or_default() += 1;
    }
    // The mapping's shape, as the dataset's README states it.
    assert_eq!(regions.len(), 40);
    let counts: Vec<usize> = [
        "North Wales",
        "Mid and West Wales",
        "South Wales West",
        "South Wales Central",
        "South Wales East",
    ]
    .iter()
    .map(|r| per_region[*r])
    .collect();
    assert_eq!(counts, [9, 8, 7, 8, 8]);
    // Constituency winners by first past the post.
    let mut best: BTreeMap<String, (u64, String)> = BTreeMap::new();
    let mut c = csv::Reader::from_path(dir.join("constituency_results.csv")).unwrap();
    for r in c.records() {
        let r = r.unwrap();
        let v = votes(&r[4]);
        let e = best.entry(r[0].to_owned()).or_insert((0, String::new()));
        assert_ne!(v, e.0, "an equality in {}", &r[1]);
        if v > e.0 {
            *e = (v, r[2].to_owned());
        }
    }
    assert_eq!(best.len(), 40);
    let mut constituency: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (id, (_, party)) in &best {
        *constituency
            .entry((regions[id].clone(), party.clone()))
            .or_default() += 1;
    }
    let mut rows = Vec::new();
    let mut g = csv::Reader::from_path(dir.join("regional_results.csv")).unwrap();
    for r in g.records() {
        let r = r.unwrap();
        let region = r[1].to_owned();
        let individual = &r[2] == "Independent";
        let party = if individual {
            format!("Independent ({region})")
        } else {
            r[2].to_owned()
        };
        let cs = constituency
            .get(&(region.clone(), r[2].to_owned()))
            .copied()
            .unwrap_or(0);
        rows.push((
            region,
            party,
            r[3].parse().unwrap(),
            votes(&r[5]),
            cs,
            individual,
        ));
    }
    Some(rows)
}

fn areas_of(rows: &[Row]) -> Vec<Area> {
    let mut areas: Vec<Area> = Vec::new();
    for (region, party, _, v, cs, individual) in rows {
        if !areas.iter().any(|a| &a.name == region) {
            areas.push(Area::new(region.clone(), 4));
        }
        let c = if *individual {
            Contestant::individual(party.clone(), *v)
        } else {
            Contestant::party(party.clone(), *v).constituency_seats(*cs)
        };
        let a = areas.iter_mut().find(|a| &a.name == region).unwrap();
        a.contestants.push(c);
    }
    areas
}

/// Every Senedd 2021 region's four list seats by party, allocated by the
/// additional member system (Government of Wales Act 2006 ss.8–9 as
/// enacted: divisor 1 + constituency seats + regional seats), match the
/// published `seats` column; the national totals match the published
/// composition (constituency Lab 27, Con 8, PC 5; regional Con 8, PC 8,
/// Lab 3, LD 1; total Lab 30, Con 16, PC 13, LD 1: issue 19 and the
/// dataset's README). North Wales's order and its last figures (Con
/// 13,508.80 against PC 13,487.50) are those published. Independent of the
/// engine: the published seats and totals; the constituency seats come from
/// the votes by first past the post.
#[test]
fn senedd_2021_regions_match_the_published_seats() {
    let Some(rows) = senedd_2021() else { return };
    let areas = areas_of(&rows);
    assert_eq!(areas.len(), 5);
    let options = Options::new(Method::Ams, TieRule::EachThenOneVoteThenLot);
    let allocation = allocate(&areas, &options).unwrap();
    for a in &allocation.areas {
        assert_eq!(a.status, Status::Complete, "{}", a.area);
    }
    for (region, party, seats, ..) in &rows {
        let a = allocation.areas.iter().find(|a| &a.area == region).unwrap();
        assert_eq!(a.seats_by_contestant[party], *seats, "{region}: {party}");
    }
    let total = |name: &str| {
        allocation
            .total_by_contestant
            .get(name)
            .copied()
            .unwrap_or(0)
    };
    assert_eq!(
        [
            total("Conservative"),
            total("Plaid Cymru"),
            total("Labour"),
            total("Liberal Democrat")
        ],
        [8, 8, 3, 1]
    );
    let with = |name: &str| {
        allocation
            .total_with_constituency
            .get(name)
            .copied()
            .unwrap_or(0)
    };
    assert_eq!(
        [
            with("Labour"),
            with("Conservative"),
            with("Plaid Cymru"),
            with("Liberal Democrat")
        ],
        [30, 16, 13, 1]
    );
    let constituency: u32 = areas
        .iter()
        .flat_map(|a| &a.contestants)
        .map(|c| c.constituency_seats)
        .sum();
    assert_eq!(constituency, 40);
    let north = allocation
        .areas
        .iter()
        .find(|a| a.area == "North Wales")
        .unwrap();
    let order: Vec<&str> = north.rounds.iter().map(|r| r.contestant.as_str()).collect();
    assert_eq!(
        order,
        ["Plaid Cymru", "Conservative", "Labour", "Conservative"]
    );
    assert_eq!(north.rounds[3].figure.decimal().unwrap(), "13508.80");
    assert_eq!(north.rounds[3].figure.exact(), "67544/5");
    let next = north.next.as_ref().unwrap();
    assert_eq!(
        (next.contestant.as_str(), next.figure.decimal().unwrap()),
        ("Plaid Cymru", "13487.50".to_owned())
    );
}

/// The Senedd 2021 regions' votes as `allocate` reads them, written as
/// published (quoted numbers with thousands separators).
fn senedd_2021_votes(dir: &std::path::Path, rows: &[Row]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "area",
        "party",
        "votes",
        "constituency_seats",
        "individual",
        "constituencies",
    ])
    .unwrap();
    let per: BTreeMap<&str, &str> = [
        ("North Wales", "9"),
        ("Mid and West Wales", "8"),
        ("South Wales West", "7"),
        ("South Wales Central", "8"),
        ("South Wales East", "8"),
    ]
    .into_iter()
    .collect();
    for (region, party, _, v, cs, individual) in rows {
        let v = countroom::arith::thousands(*v);
        w.write_record([
            region.as_str(),
            party,
            &v,
            &cs.to_string(),
            if *individual { "yes" } else { "" },
            per[region.as_str()],
        ])
        .unwrap();
    }
    write(dir, "senedd.csv", &w.into_inner().unwrap())
}

/// The same through `countroom allocate --format json`, from a votes file
/// written as published (quoted numbers with thousands separators).
#[test]
fn senedd_2021_through_the_command_line() {
    let Some(rows) = senedd_2021() else { return };
    let dir = scratch();
    let path = senedd_2021_votes(dir.path(), &rows);
    let o = run(&[
        "allocate",
        &path,
        "--method",
        "ams",
        "--seats",
        "4",
        "--ties",
        "each-then-one-vote-then-lot",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for (region, party, seats, ..) in &rows {
        let area = json["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == region.as_str())
            .unwrap();
        assert_eq!(
            area["seats_by_party"][party],
            u64::from(*seats),
            "{region}: {party}"
        );
    }
    let t = &json["total_with_constituency_by_party"];
    assert_eq!(
        [
            &t["Labour"],
            &t["Conservative"],
            &t["Plaid Cymru"],
            &t["Liberal Democrat"]
        ],
        [30, 16, 13, 1]
    );
    let north = json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["area"] == "North Wales")
        .unwrap();
    assert_eq!(north["rounds"][3]["figure"], "13508.80");
    assert_eq!(north["rounds"][3]["figure_exact"], "67544/5");
    assert_eq!(north["next"]["figure"], "13487.50");
    // Text: the round table.
    let o = run(&[
        "allocate",
        &path,
        "--method",
        "ams",
        "--seats",
        "4",
        "--ties",
        "each-then-one-vote-then-lot",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("North Wales: 4 seats to fill"), "{text}");
    assert!(text.contains("13,508.80"), "{text}");
}

const HAND: &str =
    "area,party,votes,individual\nX,A,\"1,000\",\nX,I,900,yes\nX,B,450,\nX,C,\"450\",\n";

/// Hand-worked through the command line (D'Hondt, 3 seats): A 1,000; I 900
/// (an individual: elected, then passed over); A 500 for seat 3; next
/// B 450 and C 450, equal. With 4 seats, B and C tie for seat 4: the lot
/// rule stops the allocation (exit 1, nothing printed) until `--lots`
/// records the lot; the members come from `--lists`, skipping one returned.
#[test]
fn hand_worked_through_the_command_line() {
    let dir = scratch();
    let votes = write(dir.path(), "votes.csv", HAND.as_bytes());
    let o = run(&[
        "allocate", &votes, "--method", "dhondt", "--seats", "3", "--format", "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(
        csv.starts_with("area,kind,seat,party,votes,divisor,figure,figure_exact,member,seats\n"),
        "{csv}"
    );
    assert!(csv.contains("X,round,1,A,1000,1,1000.00,1000,,\n"), "{csv}");
    assert!(csv.contains("X,round,2,I,900,1,900.00,900,I,\n"), "{csv}");
    assert!(csv.contains("X,round,3,A,1000,2,500.00,500,,\n"), "{csv}");
    assert!(csv.contains("X,next,,B,450,1,450.00,450,,\n"), "{csv}");

    // A fourth seat: B and C equal at 450.
    let o = run(&[
        "allocate", &votes, "--method", "dhondt", "--seats", "4", "--ties", "lot",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("seat 4: equal highest figures (B, C)"),
        "{err}"
    );
    assert!(err.contains("--lots"), "{err}");
    // No tie rule given: refused, never guessed.
    let o = run(&[
        "allocate", &votes, "--method", "dhondt", "--seats", "4", "--format", "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let problems: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(problems[0]["code"], "tie_rule_unsettled");

    let lots = write(dir.path(), "lots.csv", b"area,round,winner\nX,4,C\n");
    let lists = write(dir.path(), "lists.csv", b"area,party,position,name,status\nX,A,1,Ann,returned\nX,A,2,Alf,\nX,A,3,Amy,\nX,C,1,Cat,\nX,B,1,Bob,\n");
    let o = run(&[
        "allocate", &votes, "--method", "dhondt", "--seats", "4", "--ties", "lot", "--lots", &lots,
        "--lists", &lists, "--format", "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rounds = json["areas"][0]["rounds"].as_array().unwrap();
    let members: Vec<&str> = rounds
        .iter()
        .map(|r| r["member"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["Alf", "I", "Amy", "Cat"]);
    assert_eq!(rounds[3]["tie"], "lot");
    assert_eq!(json["areas"][0]["next"]["party"], "B");
    assert_eq!(json["total_by_party"]["A"], 2);
    let text = stdout(&run(&[
        "allocate", &votes, "--method", "dhondt", "--seats", "4", "--ties", "lot", "--lots", &lots,
    ]));
    assert!(text.contains("(equal: settled by lot)"), "{text}");
}

/// A rehearsal (`--seed`): the lot the tie rule calls for at seat 4 of the
/// hand-worked case above (B and C equal at 450) is drawn from the
/// published seed by countroom-lot-v1 with the context
/// `X/0/seat-4/election` and the tied in the byte order of their names
/// (B 0, C 1). Worked independently (a Python ChaCha20 of the documented
/// steps, which reproduces the documented worked example): the seed
/// `rehearsal 1` draws position 0 (B), `X rehearsal` position 1 (C). The
/// same winner every run; text, JSON and CSV name the seed and the draw and
/// say it is a rehearsal, never a declared result.
#[test]
fn a_seeded_rehearsal_lot_through_the_command_line() {
    let dir = scratch();
    let votes = write(dir.path(), "votes.csv", HAND.as_bytes());
    let json_of = |seed: &str| {
        let o = run(&[
            "allocate", &votes, "--method", "dhondt", "--seats", "4", "--ties", "lot", "--seed",
            seed, "--format", "json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap()
    };
    for _ in 0..2 {
        let j = json_of("rehearsal 1");
        assert_eq!(j["areas"][0]["rounds"][3]["party"], "B");
        assert_eq!(j["areas"][0]["rounds"][3]["tie"], "lot");
        assert_eq!(j["rehearsal"]["seed"], "rehearsal 1");
        assert_eq!(j["rehearsal"]["algorithm"], "countroom-lot-v1");
        assert!(j["rehearsal"]["note"]
            .as_str()
            .unwrap()
            .contains("never a declared result"));
        assert_eq!(
            j["rehearsal"]["draws"][0],
            serde_json::json!({"area": "X", "seat": 4, "tied": ["B", "C"], "winner": "B", "context": "X/0/seat-4/election"})
        );
    }
    let j = json_of("X rehearsal");
    assert_eq!(j["areas"][0]["rounds"][3]["party"], "C");
    assert_eq!(j["areas"][0]["next"]["party"], "B");
    let text = stdout(&run(&[
        "allocate",
        &votes,
        "--method",
        "dhondt",
        "--seats",
        "4",
        "--ties",
        "lot",
        "--seed",
        "X rehearsal",
    ]));
    assert!(
        text.starts_with("REHEARSAL (seed \"X rehearsal\", countroom-lot-v1): a rehearsal"),
        "{text}"
    );
    assert!(
        text.contains(
            "X, seat 4: between B and C, the draw fell on C (context X/0/seat-4/election)."
        ),
        "{text}"
    );
    let csv = stdout(&run(&[
        "allocate",
        &votes,
        "--method",
        "dhondt",
        "--seats",
        "4",
        "--ties",
        "lot",
        "--seed",
        "X rehearsal",
        "--format",
        "csv",
    ]));
    assert!(
        csv.contains("X,rehearsal_lot,4,C,,,,,\"rehearsal draw from the published seed \"\"X rehearsal\"\" (countroom-lot-v1) between B and C: never a declared result\",\n"),
        "{csv}"
    );
    // Without a tie the seed draws nothing, and the output is the same
    // allocation, still headed as a rehearsal in JSON only by its seed.
    let o = run(&[
        "allocate",
        &votes,
        "--method",
        "dhondt",
        "--seats",
        "3",
        "--seed",
        "X rehearsal",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["rehearsal"]["draws"], serde_json::json!([]));
}

/// Bad input: each problem names its file, line and field, exit 1 and
/// nothing printed; a threshold outside 0–100 is a command-line error
/// (exit 2).
#[test]
fn bad_input_is_named() {
    let dir = scratch();
    let bad = write(
        dir.path(),
        "bad.csv",
        b"area,party,votes,individual,constituency_seats,constituencies\nR,A,10,,,3\nR,A,11,,,3\nR,B,-4,,,3\nR,C,2.5,,,3\nR,I,5,yes,,3\nS,I,5,yes,,2\nR,D,5,,4,3\n",
    );
    let o = run(&["allocate", &bad, "--method", "ams", "--seats", "2"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    for want in [
        ":3: field `party`: \"A\" is listed twice in area \"R\" (first on line 2)",
        ":4: field `votes`: \"-4\" is negative",
        ":5: field `votes`: \"2.5\" is not a whole number",
        ":7: field `party`: the individual candidate \"I\" is also in area \"R\" (line 6): the same name in two areas is taken as one person",
        ":8: field `constituency_seats`: the constituency seats of area \"R\" add up to 4, more than its 3 constituencies",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    let good = write(dir.path(), "good.csv", b"area,party,votes\nR,A,10\n");
    let lists = write(
        dir.path(),
        "lists.csv",
        b"area,party,position,name\nR,Z,1,Zed\n",
    );
    let o = run(&[
        "allocate", &good, "--method", "dhondt", "--seats", "1", "--lists", &lists,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("lists.csv:2: field `party`: \"Z\" in area \"R\" is not in the votes file"),
        "{}",
        stderr(&o)
    );
    for t in ["101", "-5", "five", "100.5"] {
        let flag = format!("--threshold={t}");
        let o = run(&[
            "allocate", &good, "--method", "dhondt", "--seats", "1", &flag,
        ]);
        assert_eq!(o.status.code(), Some(2), "{t}");
        assert!(stderr(&o).contains("--threshold"), "{}", stderr(&o));
    }
    // No seats to fill.
    let o = run(&["allocate", &good, "--method", "dhondt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no seats to fill"), "{}", stderr(&o));
    // A byte-order mark reads.
    let bom = write(
        dir.path(),
        "bom.csv",
        b"\xEF\xBB\xBFarea,party,votes\nR,A,10\n",
    );
    let o = run(&[
        "allocate",
        &bom,
        "--method",
        "dhondt",
        "--seats",
        "1",
        "--threshold",
        "5",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `--poll senedd-ams --date 2021-05-06`: the ruleset
/// `senedd-regional-2007` (Government of Wales Act 2006 ss.6–9 as enacted)
/// gives the method (AMS), the seats (four a region, Sch 1) and the tie
/// rule, with no `--method`, `--seats` or `--ties`: the published 20 list
/// seats by region and the totals Lab 30, Con 16, PC 13, LD 1 (the
/// independent source: `../shared/datasets/senedd-2021`). The header cites
/// the ruleset.
#[test]
fn senedd_2021_from_its_ruleset() {
    let Some(rows) = senedd_2021() else { return };
    let dir = scratch();
    let path = senedd_2021_votes(dir.path(), &rows);
    let o = run(&[
        "allocate",
        &path,
        "--poll",
        "senedd-ams",
        "--date",
        "2021-05-06",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["ruleset"]["code"], "senedd-regional-2007");
    assert_eq!(json["method"], "ams");
    assert_eq!(json["tie_rule"], "each-then-unsettled");
    let mut list_seats = 0;
    for (region, party, seats, ..) in &rows {
        let area = json["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == region.as_str())
            .unwrap();
        assert_eq!(area["seats_to_fill"], 4, "{region}");
        assert_eq!(
            area["seats_by_party"][party],
            u64::from(*seats),
            "{region}: {party}"
        );
        list_seats += u64::from(*seats);
    }
    assert_eq!(list_seats, 20);
    let t = &json["total_with_constituency_by_party"];
    assert_eq!(
        [
            &t["Labour"],
            &t["Conservative"],
            &t["Plaid Cymru"],
            &t["Liberal Democrat"]
        ],
        [30, 16, 13, 1]
    );
    let o = run(&[
        "allocate",
        &path,
        "--poll",
        "senedd-ams",
        "--date",
        "2021-05-06",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("RULESET: senedd-regional-2007 (National Assembly for Wales regional election (additional member system))\n"),
        "{text}"
    );
    assert!(
        text.contains("Government of Wales Act 2006 s.9(7)"),
        "{text}"
    );
    assert!(text.contains("North Wales: 4 seats to fill"), "{text}");
}

/// `--poll` with a tie its ruleset settles by lot (the Senedd from 2026:
/// D'Hondt on list seats, six seats, equal highest figures by lot), hand-
/// worked: A 1,000; I 900 (an individual); A 500; then B and C equal at
/// 450 for seat 4: the allocation stops and asks for the lot (`--lots`),
/// which then settles it; seats 5 and 6 go to the other of B and C (450)
/// and A (1,000 ÷ 3 = 333.33…). A flag that contradicts the ruleset, a
/// date no ruleset governs and a constituency poll are refused (exit 2),
/// naming what exists.
#[test]
fn poll_ruleset_requires_its_lot_and_refuses_contradictions() {
    let dir = scratch();
    let votes = write(dir.path(), "votes.csv", HAND.as_bytes());
    let senedd = [
        "allocate",
        &votes,
        "--poll",
        "senedd",
        "--date",
        "2026-05-07",
    ];
    let o = run(&senedd);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("seat 4: equal highest figures (B, C)"),
        "{err}"
    );
    assert!(err.contains("--lots"), "{err}");

    let lots = write(dir.path(), "lots.csv", b"area,round,winner\nX,4,C\n");
    let mut with_lot = senedd.to_vec();
    with_lot.extend(["--lots", &lots, "--format", "csv"]);
    let o = run(&with_lot);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.contains("X,round,4,C,450,1,450.00,450,,\n"), "{csv}");
    assert!(csv.contains("X,round,5,B,450,1,450.00,450,,\n"), "{csv}");
    assert!(
        csv.contains("X,round,6,A,1000,3,333.33,1000/3,,\n"),
        "{csv}"
    );

    // Agreeing flags are accepted; contradicting ones refused, each named.
    let mut agree = with_lot.clone();
    agree.extend(["--method", "dhondt", "--ties", "lot", "--seats", "6"]);
    assert!(run(&agree).status.success());
    let mut contra = senedd.to_vec();
    contra.extend([
        "--method",
        "ams",
        "--ties",
        "each-then-one-vote-then-lot",
        "--threshold",
        "5",
    ]);
    let o = run(&contra);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for want in [
        "selects ruleset senedd-closed-list-2026",
        "--method ams (the ruleset's method is dhondt)",
        "--ties each-then-one-vote-then-lot (the ruleset's rule is lot)",
        "--threshold 5% (the ruleset's threshold is none)",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    // A date before the closed lists: the rulesets that exist are listed.
    let o = run(&[
        "allocate",
        &votes,
        "--poll",
        "senedd",
        "--date",
        "2021-05-06",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "the rulesets for this poll are: senedd-closed-list-2026 (polls from 2026-04-07)"
        ),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "allocate",
        &votes,
        "--poll",
        "senedd-ams",
        "--date",
        "2026-05-07",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("senedd-regional-2007 (polls from 2007-05-04 to 2026-04-06)"),
        "{}",
        stderr(&o)
    );
    // Neither --method nor --poll.
    let o = run(&["allocate", &votes, "--seats", "1"]);
    assert_eq!(o.status.code(), Some(2));
}

/// London-wide (`--poll london-wide`): the 5% threshold (GLA Act 1999
/// Sch 2 para 7) and eleven seats come from the ruleset. Hand-worked: of
/// 10,000 votes, D's 499 is under 5% (500) and takes no seat. Figures:
/// A 4,000 ÷ 7 = 571.43 (6 constituency seats), B 3,000 ÷ 4 = 750 (3), C
/// 2,501. Seats 1–3 C (2,501; 1,250.5; 833.67), 4 B (750), 5 C (625.25),
/// 6 B (600), 7 A (571.43), 8 C (500.2); seat 9: A 4,000 ÷ 8 = 500 and B
/// 3,000 ÷ 6 = 500 are equal, and as though each had one more seat (Sch 2
/// Part II, explanatory notes para 53) A 4,000 ÷ 9 = 444.44 beats B
/// 3,000 ÷ 7 = 428.57: A; 10 B (500), 11 A (444.44); next B (428.57).
/// A 3, B 3, C 5.
#[test]
fn london_wide_from_its_ruleset() {
    let dir = scratch();
    // A 4,000 with 6 constituency seats (figure 4,000 ÷ 7 = 571.4…); B
    // 3,000 with 3 (3,000 ÷ 4 = 750); C 2,501 with 0; D 499 (under 5%).
    let votes = write(
        dir.path(),
        "london.csv",
        b"area,party,votes,constituency_seats,constituencies\nLondon,A,\"4,000\",6,14\nLondon,B,3000,3,14\nLondon,C,2501,0,14\nLondon,D,499,0,14\n",
    );
    let o = run(&[
        "allocate",
        &votes,
        "--poll",
        "london-wide",
        "--date",
        "2024-05-02",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["ruleset"]["code"], "london-assembly-london-wide-2008");
    assert_eq!(json["threshold"], "5%");
    assert_eq!(json["tie_rule"], "one-more-seat-then-lot");
    let area = &json["areas"][0];
    assert_eq!(area["seats_to_fill"], 11);
    assert_eq!(area["disregarded"]["D"], "under_threshold");
    let seats: u64 = ["A", "B", "C", "D"]
        .iter()
        .map(|p| area["seats_by_party"][p].as_u64().unwrap())
        .sum();
    assert_eq!(seats, 11);
    assert_eq!(area["seats_by_party"]["D"], 0);
    let won: Vec<&str> = area["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["party"].as_str().unwrap())
        .collect();
    assert_eq!(won, ["C", "C", "C", "B", "C", "B", "A", "C", "A", "B", "A"]);
    assert_eq!(area["rounds"][8]["tie"], "one_more_seat");
    assert_eq!(area["rounds"][8]["figure_exact"], "500");
    assert_eq!(area["next"]["party"], "B");
    assert_eq!(area["next"]["figure"], "428.57");
    let o = run(&[
        "allocate",
        &votes,
        "--poll",
        "london-wide",
        "--date",
        "2024-05-02",
        "--threshold",
        "4",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--threshold 4% (the ruleset's threshold is 5%)"),
        "{}",
        stderr(&o)
    );
}

/// Scotland Act 1998 s.8(7) through `allocate --poll scottish-regional`:
/// seven regional seats; P 5,000 votes takes seats 1–4 (5,000, 2,500,
/// 1,666.67, 1,250), then P's 5,000 ÷ 5 = 1,000 equals Q's, R's and S's
/// 1,000: four equal for three seats left. s.8(7) would give each a seat
/// (one member too many); the order's modification under s.12(2)(f) was
/// not read, so the allocation stops, naming those equal and the seats
/// left, nothing printed (hand-worked).
#[test]
fn scottish_regional_more_tied_than_seats_left_stops() {
    let dir = scratch();
    let votes = write(
        dir.path(),
        "votes.csv",
        b"area,party,votes\nExampleshire,P,5000\nExampleshire,Q,1000\nExampleshire,R,1000\nExampleshire,S,1000\n",
    );
    let o = run(&[
        "allocate",
        &votes,
        "--poll",
        "scottish-regional",
        "--date",
        "2021-05-06",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let problems: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(problems[0]["code"], "more_tied_than_seats_left");
    let message = problems[0]["message"].as_str().unwrap();
    assert!(
        message
            .contains("seat 5: equal highest figures (P, Q, R, S) for more than the 3 seats left"),
        "{message}"
    );
    assert!(message.contains("s.8(7)"), "{message}");
    // The library says the same, typed.
    let area = Area::new("Exampleshire", 7)
        .contestant(Contestant::party("P", 5_000))
        .contestant(Contestant::party("Q", 1_000))
        .contestant(Contestant::party("R", 1_000))
        .contestant(Contestant::party("S", 1_000));
    let a = allocate(
        &[area],
        &Options::new(Method::Ams, TieRule::EachThenUnsettled),
    )
    .unwrap();
    assert_eq!(
        a.areas[0].status,
        Status::MoreTiedThanSeatsLeft {
            round: 5,
            tied: ["P", "Q", "R", "S"].map(str::to_owned).to_vec(),
            seats_left: 3,
        }
    );
}

/// Every u64 of votes prints a true figure (audit 12, finding 14).
/// Hand-worked: one party of u64::MAX = 18,446,744,073,709,551,615 votes
/// and eight seats; seat 1 is ÷ 1 (…615.00), seat 7 ÷ 7 =
/// 2,635,249,153,387,078,802 remainder 1, 1/7 = .142… so .14; next ÷ 8 =
/// 2,305,843,009,213,693,951 remainder 7, 7/8 = .875, a half at the third
/// place: to the even .88.
#[test]
fn the_largest_votes_print_true_figures() {
    let dir = scratch();
    let big = write(
        dir.path(),
        "big.csv",
        b"area,party,votes\nA,X,18446744073709551615\n",
    );
    let o = run(&[
        "allocate", &big, "--method", "dhondt", "--seats", "7", "--format", "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rounds = &j["areas"][0]["rounds"];
    assert_eq!(rounds[0]["figure"], "18446744073709551615.00");
    assert_eq!(rounds[6]["figure"], "2635249153387078802.14");
    assert_eq!(rounds[6]["figure_exact"], "18446744073709551615/7");
    assert_eq!(j["areas"][0]["next"]["figure"], "2305843009213693951.88");
    let text = stdout(&run(&[
        "allocate", &big, "--method", "dhondt", "--seats", "7",
    ]));
    assert!(text.contains("18,446,744,073,709,551,615.00"), "{text}");
    assert!(text.contains("2,635,249,153,387,078,802.14"), "{text}");
    assert!(!text.contains(" - "), "{text}");
    let csv = stdout(&run(&[
        "allocate", &big, "--method", "dhondt", "--seats", "7", "--format", "csv",
    ]));
    assert!(
        csv.contains(
            "A,round,7,X,18446744073709551615,7,2635249153387078802.14,18446744073709551615/7,,\n"
        ),
        "{csv}"
    );
}

/// The threshold is shown as the decimal given (audit 12, finding 15),
/// `.5` reads, and a threshold with more places than are read exactly is
/// refused saying so (exit 2).
#[test]
fn the_threshold_is_shown_as_given() {
    let dir = scratch();
    let ok = write(
        dir.path(),
        "ok.csv",
        b"area,party,votes\nA,X,1901\nA,Y,100\n",
    );
    for (given, shown) in [
        ("4.5", "4.5%"),
        ("4.75", "4.75%"),
        ("33.333", "33.333%"),
        (".5", "0.5%"),
    ] {
        let o = run(&[
            "allocate",
            &ok,
            "--method",
            "dhondt",
            "--seats",
            "2",
            "--threshold",
            given,
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{given}: {}", stderr(&o));
        let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(j["threshold"], shown, "{given}");
    }
    let text = stdout(&run(&[
        "allocate",
        &ok,
        "--method",
        "dhondt",
        "--seats",
        "2",
        "--threshold",
        "4.75",
    ]));
    assert!(
        text.contains("with less than 4.75% of the area's votes take no seat"),
        "{text}"
    );
    let o = run(&[
        "allocate",
        &ok,
        "--method",
        "dhondt",
        "--seats",
        "2",
        "--threshold",
        "5.000000000000000000000000001",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("27 decimal places: a threshold is read exactly to 17 places at most"),
        "{}",
        stderr(&o)
    );
    // A contradiction with the ruleset names both as decimals.
    let o = run(&[
        "allocate",
        &ok,
        "--poll",
        "london-wide",
        "--date",
        "2021-05-06",
        "--threshold",
        "4.5",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--threshold 4.5% (the ruleset's threshold is 5%)"),
        "{}",
        stderr(&o)
    );
}

/// Bad input found by audit 12 (findings 8–13): each refused with its
/// file, line, field and stable code, nothing printed.
#[test]
fn audit_12_bad_input_is_refused_by_name() {
    let dir = scratch();
    let json_problems = |args: &[&str]| {
        let mut all = vec!["allocate"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap()
    };
    let place = |p: &serde_json::Value| {
        (
            p["line"].as_u64(),
            p["field"].as_str().map(str::to_owned),
            p["code"].as_str().unwrap().to_owned(),
        )
    };
    // 8: a header and no rows.
    let hdr = write(dir.path(), "hdr.csv", b"area,party,votes\n");
    let o = run(&["allocate", &hdr, "--method", "dhondt", "--seats", "3"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("hdr.csv: the file has a header but no rows: nothing to allocate"),
        "{}",
        stderr(&o)
    );
    let p = json_problems(&[&hdr, "--method", "dhondt", "--seats", "3"]);
    assert_eq!(place(&p[0]), (None, None, "no_rows".to_owned()));
    // 9: a party, and an area, spelt in two cases.
    let case = write(
        dir.path(),
        "case.csv",
        b"area,party,votes\nA,Labour,1000\nA,labour,900\nA,X,450\na,Y,3\n",
    );
    let p = json_problems(&[&case, "--method", "dhondt", "--seats", "3"]);
    assert_eq!(
        [place(&p[0]), place(&p[1])],
        [
            (
                Some(3),
                Some("party".to_owned()),
                "duplicate_party_case".to_owned()
            ),
            (
                Some(5),
                Some("area".to_owned()),
                "duplicate_area_case".to_owned()
            ),
        ]
    );
    assert!(
        p[0]["message"]
            .as_str()
            .unwrap()
            .contains("\"Labour\" on line 2"),
        "{}",
        p[0]
    );
    // 10: no seats.
    let ok = write(dir.path(), "ok.csv", b"area,party,votes\nA,X,100\nA,Y,50\n");
    let o = run(&["allocate", &ok, "--method", "dhondt", "--seats", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--seats 0: an area fills 1 seat at least"),
        "{}",
        stderr(&o)
    );
    let stf = write(
        dir.path(),
        "stf.csv",
        b"area,party,votes,seats_to_fill\nA,X,100,0\n",
    );
    let p = json_problems(&[&stf, "--method", "dhondt"]);
    assert_eq!(
        place(&p[0]),
        (
            Some(2),
            Some("seats_to_fill".to_owned()),
            "zero_seats".to_owned()
        )
    );
    // 11: the allocation's problems with a lot name the lots file's row:
    // X 100, Y 50 and Z 10 for two seats are equal at seat 2 between X
    // and Y (50 each); Z is not among them; a 2-seat area has no round 9.
    let tie = write(
        dir.path(),
        "tie.csv",
        b"area,party,votes\nA,X,100\nA,Y,50\nA,Z,10\n",
    );
    let tied_args = |lots: &str| -> Vec<String> {
        [
            &tie, "--method", "dhondt", "--seats", "2", "--ties", "lot", "--lots", lots,
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    };
    let lot2 = write(dir.path(), "lot2.csv", b"area,round,winner\nA,2,Z\n");
    let args = tied_args(&lot2);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let p = json_problems(&args);
    assert_eq!(
        place(&p[0]),
        (
            Some(2),
            Some("winner".to_owned()),
            "lot_not_tied".to_owned()
        )
    );
    assert!(p[0]["file"].as_str().unwrap().ends_with("lot2.csv"));
    let lot1 = write(dir.path(), "lot1.csv", b"area,round,winner\nA,2,Y\nA,1,X\n");
    let args = tied_args(&lot1);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let p = json_problems(&args);
    assert_eq!(
        place(&p[0]),
        (Some(3), Some("round".to_owned()), "lot_unused".to_owned())
    );
    let lot9 = write(dir.path(), "lot9.csv", b"area,round,winner\nA,9,X\n");
    let args = tied_args(&lot9);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let p = json_problems(&args);
    assert_eq!(
        place(&p[0]),
        (
            Some(2),
            Some("round".to_owned()),
            "lot_no_such_round".to_owned()
        )
    );
    assert_eq!(p[0]["message"], "area A fills 2 seats; there is no round 9");
    // 12: one name in two areas is taken as one person, and the message
    // says how to name them apart.
    let ind = write(
        dir.path(),
        "ind.csv",
        b"area,party,votes,individual\nSouth,Independent,10,yes\nNorth,Independent,7,yes\n",
    );
    let p = json_problems(&[&ind, "--method", "dhondt", "--seats", "1"]);
    assert_eq!(
        place(&p[0]),
        (
            Some(3),
            Some("party".to_owned()),
            "individual_in_two_areas".to_owned()
        )
    );
    assert!(
        p[0]["message"]
            .as_str()
            .unwrap()
            .contains("name them apart, e.g. \"Independent (North)\""),
        "{}",
        p[0]
    );
    // 13: too large, not "not a whole number".
    let big = write(
        dir.path(),
        "big.csv",
        b"area,party,votes\nA,X,18446744073709551616\nA,Y,5\n",
    );
    let p = json_problems(&[&big, "--method", "dhondt", "--seats", "2"]);
    assert_eq!(
        place(&p[0]),
        (
            Some(2),
            Some("votes".to_owned()),
            "number_too_large".to_owned()
        )
    );
    assert_eq!(
        p[0]["message"],
        "\"18446744073709551616\" is too large: at most 18,446,744,073,709,551,615"
    );
}

/// The CSV carries what the text and JSON do (audit 12, finding 2): the
/// method and tie rule, each area's seats to fill and status, how an
/// equality was settled (`tie`), those equal at the next figure
/// (`next_equal`), who was passed over and why (`disregarded`), the
/// threshold, and (`--poll`) the ruleset; the existing rows unchanged.
///
/// Hand-worked: X 100, Y 50, Z 10, two seats by D'Hondt: seat 1 X 100/1;
/// seat 2 X 100/2 = 50 against Y 50/1 = 50, equal, settled by the lot for
/// Y; next X at 50.
#[test]
fn the_csv_carries_ties_status_reasons_and_ruleset() {
    let dir = scratch();
    let tie = write(
        dir.path(),
        "tie.csv",
        b"area,party,votes\nA,X,100\nA,Y,50\nA,Z,10\n",
    );
    let lot = write(dir.path(), "lot.csv", b"area,round,winner\nA,2,Y\n");
    let o = run(&[
        "allocate", &tie, "--method", "dhondt", "--seats", "2", "--ties", "lot", "--lots", &lot,
        "--format", "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "area,kind,seat,party,votes,divisor,figure,figure_exact,member,seats\n\
         ,method,,,,,,,dhondt,\n\
         ,tie_rule,,,,,,,lot,\n\
         A,seats_to_fill,,,,,,,,2\n\
         A,round,1,X,100,1,100.00,100,,\n\
         A,round,2,Y,50,1,50.00,50,,\n\
         A,tie,2,Y,,,,,lot,\n\
         A,next,,X,100,2,50.00,50,,\n\
         A,status,,,,,,,complete,\n\
         A,seats,,X,,,,,,1\n\
         A,seats,,Y,,,,,,1\n\
         A,seats,,Z,,,,,,0\n"
    );

    // Five seats, X's list of two and an individual candidate Jo: X 100
    // (Ann), X 50 (Bob), Jo 40 (Jo, her own member); then X's list is
    // exhausted and Jo has her one seat: two seats unfilled.
    let few = write(
        dir.path(),
        "few.csv",
        b"area,party,votes,individual\nA,X,100,\nA,Jo,40,yes\n",
    );
    let lists = write(
        dir.path(),
        "lists.csv",
        b"area,party,position,name\nA,X,1,Ann\nA,X,2,Bob\n",
    );
    let o = run(&[
        "allocate", &few, "--method", "dhondt", "--seats", "5", "--lists", &lists, "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    for row in [
        "A,seats_to_fill,,,,,,,,5\n",
        "A,round,3,Jo,40,1,40.00,40,Jo,\n",
        "A,status,,,,,,,unfilled,2\n",
        "A,disregarded,,Jo,,,,,individual_elected,\n",
        "A,disregarded,,X,,,,,list_exhausted,\n",
    ] {
        assert!(csv.contains(row), "{row}\n{csv}");
    }

    // A threshold of 4.5%: of 1,100 votes that is 49.5; Y's 40 is under
    // it, Z's 60 is not. X 1,000 takes both seats (1,000 and 500); next X
    // 1,000/3 = 333.33.
    let th = write(
        dir.path(),
        "th.csv",
        b"area,party,votes\nA,X,1000\nA,Y,40\nA,Z,60\n",
    );
    let o = run(&[
        "allocate",
        &th,
        "--method",
        "dhondt",
        "--seats",
        "2",
        "--threshold",
        "4.5",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    for row in [
        ",threshold,,,,,,,4.5%,\n",
        "A,next,,X,1000,3,333.33,1000/3,,\n",
        "A,disregarded,,Y,,,,,under_threshold,\n",
    ] {
        assert!(csv.contains(row), "{row}\n{csv}");
    }
    assert!(!csv.contains("A,disregarded,,Z"), "{csv}");

    // Equal next figures: X 100 and 50 take the two seats; Y 40 and Z 40
    // are equal next.
    let ne = write(
        dir.path(),
        "ne.csv",
        b"area,party,votes\nA,X,100\nA,Y,40\nA,Z,40\n",
    );
    let o = run(&[
        "allocate", &ne, "--method", "dhondt", "--seats", "2", "--format", "csv",
    ]);
    let csv = stdout(&o);
    assert!(
        csv.contains("A,next,,Y,40,1,40.00,40,,\nA,next_equal,,Z,,,40.00,40,,\n"),
        "{csv}"
    );

    // A `--poll` run cites its ruleset, a row per provision, first.
    let london = write(
        dir.path(),
        "london.csv",
        b"area,party,votes\nLondon,X,1009\nLondon,Y,503\nLondon,Z,211\n",
    );
    let o = run(&[
        "allocate",
        &london,
        "--poll",
        "london-wide",
        "--date",
        "2021-05-06",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    let mut lines = csv.lines().skip(1);
    assert_eq!(
        lines.next(),
        Some(",ruleset,,code,,,,,london-assembly-london-wide-2008,")
    );
    for provision in [
        "name",
        "system",
        "instrument",
        "seats",
        "threshold",
        "equal_figures",
    ] {
        let row = lines.next().unwrap();
        assert!(
            row.starts_with(&format!(",ruleset,,{provision},,,,,")),
            "{provision}: {row}"
        );
    }
    assert_eq!(lines.next(), Some(",method,,,,,,,ams,"));
    assert_eq!(
        lines.next(),
        Some(",tie_rule,,,,,,,one-more-seat-then-lot,")
    );
    assert_eq!(lines.next(), Some(",threshold,,,,,,,5%,"));
}

/// An individual candidate is their own member, with or without
/// `--lists`; a party's member is `null` without it (audit 12, finding 7).
#[test]
fn an_individual_is_their_own_member() {
    let dir = scratch();
    let few = write(
        dir.path(),
        "few.csv",
        b"area,party,votes,individual\nA,X,100,\nA,Jo,40,yes\n",
    );
    let o = run(&[
        "allocate", &few, "--method", "dhondt", "--seats", "3", "--format", "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // X 100, X 50, Jo 40.
    let rounds = &j["areas"][0]["rounds"];
    assert_eq!(rounds[0]["member"], serde_json::Value::Null);
    assert_eq!(rounds[2]["party"], "Jo");
    assert_eq!(rounds[2]["member"], "Jo");
}

/// One seat left is "the 1 seat left", never "the 1 seats left" (audit 12,
/// finding 17). Hand-worked under `each-then-unsettled`, seven seats: P
/// 7,000 takes seats 1–6 (7,000, 3,500, 2,333.33, 1,750, 1,400, 1,166.67);
/// for seat 7, P's 7,000 ÷ 7 = 1,000 equals Q's and R's 1,000: three
/// equal for the one seat left, so the allocation stops.
#[test]
fn one_seat_left_is_singular() {
    let dir = scratch();
    let votes = write(
        dir.path(),
        "votes.csv",
        b"area,party,votes\nA,P,7000\nA,Q,1000\nA,R,1000\n",
    );
    let o = run(&[
        "allocate",
        &votes,
        "--method",
        "dhondt",
        "--seats",
        "7",
        "--ties",
        "each-then-unsettled",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "area \"A\", seat 7: equal highest figures (P, Q, R) for more than the 1 seat left;"
        ),
        "{err}"
    );
    assert!(!err.contains("1 seats"), "{err}");
}
