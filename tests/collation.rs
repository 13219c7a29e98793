//! Collation of counting areas through the public API: the 2016 EU
//! referendum's 382 local totals collated to the Electoral Commission's
//! declared result and written back as its area file; the 2019 general
//! election summed by party; and bad input, each refused with a typed
//! problem naming the area, or the line and field.

use std::collections::BTreeMap;

use countroom::arith::{scaled_ratio, Rounding};
use countroom::collate::{
    party_totals, Area, CandidateResult, Choice, CollateError, Collation, ContestResult,
    LocalTotal, Method, Outcome, Plan, Region, SecondCountTotal,
};
use countroom::io::results::{
    self, Columns, PercentFormat, ResultsProblemKind, RowOrder, WriteOptions,
};
use countroom::io::CsvProblemKind;
use countroom::model::RulesetId;
use countroom::rules::{ruleset, RejectionHead};
use countroom::tally::fptp;

use crate::support::dataset;

const EU_FILE: &str = "EU-referendum-result-data.csv";

fn referendum_heads() -> Vec<RejectionHead> {
    ruleset(RulesetId::UkReferendum)
        .heads
        .iter()
        .map(|h| h.head)
        .collect()
}

/// The published file's rows as header → value maps, read with the `csv`
/// crate directly (independently of countroom's reader).
fn published_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// The EU referendum of 23 June 2016, collated from the Electoral
/// Commission's 382 local totals (12 regions, then the UK and Gibraltar)
/// as the Regional Counting Officers and the Chief Counting Officer did
/// (PVSCA 2011 Sch 2 rr.39, 42(5) in the 2016 regulations' form), gives
/// exactly the declared result: Remain 16,141,241; Leave 17,410,742;
/// rejected 25,359 (232 / 9,084 / 836 / 15,207); 33,577,342 ballot papers
/// counted of an electorate of 46,500,001 (72.2%). Every area's published
/// percentages are reproduced, and the area file written back matches the
/// published one field by field, row by row.
#[test]
fn eu_referendum_2016_collates_to_the_declared_result() {
    let Some(dir) = dataset("eu-referendum-2016") else {
        return;
    };
    let bytes = std::fs::read(dir.join(EU_FILE)).unwrap();
    // The file's lines end in CR alone.
    assert!(!bytes.contains(&b'\n') && bytes.contains(&b'\r'));

    let table = results::read(&bytes, EU_FILE).unwrap_or_else(|problems| {
        panic!(
            "{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert_eq!(table.rows.len(), 382);
    // Physical lines, counting CR as a line break: header on line 1.
    assert_eq!(table.rows[0].line, 2);
    assert_eq!(table.rows[381].line, 383);
    assert_eq!(table.choices, ["Remain", "Leave"]);

    let plan = table.plan(
        "eu-referendum-2016",
        Method::Referendum,
        &referendum_heads(),
    );
    assert_eq!(plan.areas.len(), 382);
    assert_eq!(plan.regions.len(), 12);
    // Areas in the file's `id` order: id 1 is the City of London.
    assert_eq!(plan.areas[0].name, "City of London");
    assert_eq!(plan.areas[381].id, "GI");

    let totals = table.local_totals(&plan).unwrap();
    let mut collation = Collation::new(plan.clone()).unwrap();
    let mut explained = 0;
    for t in totals {
        assert!(t.second.is_none());
        let area = t.total.area.clone();
        collation.report(t.total).unwrap();
        match collation.authorise(&area) {
            Ok(()) => {}
            // Papers counted differ from papers verified (Luton: 20
            // fewer): a variance the counting officer explains, and the
            // published record carries both figures (uk-count-rules.md §2.7).
            Err(CollateError::UnexplainedVariance { .. }) => {
                collation
                    .explain(&area, "as published by the Electoral Commission")
                    .unwrap();
                collation.authorise(&area).unwrap();
                explained += 1;
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(explained, 146);
    let luton = collation
        .checks()
        .into_iter()
        .find(|c| c.area == "E06000032")
        .unwrap();
    assert_eq!(luton.counted_less_forward, -20);
    assert_eq!(luton.forward_less_expected, Some(3));

    let collated = collation.collated().unwrap();
    assert!(collated.missing.is_empty() && collated.unauthorised.is_empty());
    let uk = &collated.total;
    assert_eq!(uk.areas(), 382);
    assert_eq!(uk.votes(), &[16_141_241, 17_410_742]);
    assert_eq!(uk.rejected(), &[232, 9_084, 836, 15_207]);
    assert_eq!(uk.rejected_total(), 25_359);
    assert_eq!(uk.valid(), 33_551_983);
    assert_eq!(uk.counted(), 33_577_342);
    assert_eq!(uk.electorate(), Some(46_500_001));
    // Papers going forward (VerifiedBallotPapers) and expected, summed.
    assert_eq!(uk.papers_forward(), 33_578_037);
    assert_eq!(uk.expected(), Some(33_579_492));
    // 33,577,342 / 46,500,001 = 72.2093…%: 72.21 to two places, and the
    // declared 72.2 to one.
    assert_eq!(uk.turnout().unwrap().to_string(), "72.21");
    assert_eq!(
        scaled_ratio(33_577_342, 46_500_001, 1_000, Rounding::HalfUp),
        Some(722)
    );
    assert_eq!(uk.share(0).unwrap().to_string(), "48.11");
    assert_eq!(uk.share(1).unwrap().to_string(), "51.89");
    assert_eq!(uk.rejected_share().unwrap().to_string(), "0.08");
    assert_eq!(collated.outcome, Outcome::Winner(1));
    assert_eq!(plan.choices[1].name, "Leave");

    assert_eq!(collated.regions.len(), 12);
    assert_eq!(
        collated
            .regions
            .iter()
            .map(|r| r.figures.areas())
            .sum::<u64>(),
        382
    );
    let region = |name: &str| {
        let id = &plan.regions.iter().find(|r| r.name == name).unwrap().id;
        &collated
            .regions
            .iter()
            .find(|r| &r.region == id)
            .unwrap()
            .figures
    };
    // As declared by the counting officers, from sources independent of
    // the dataset: Scotland at Grangemouth (Glasgow World, 24 June 2016),
    // Northern Ireland at Belfast (European Movement NI, "Just the Facts").
    assert_eq!(region("Scotland").votes(), &[1_661_191, 1_018_322]);
    assert_eq!(region("Scotland").areas(), 32);
    assert_eq!(region("Northern Ireland").votes(), &[440_707, 349_442]);
    assert_eq!(region("South West").areas(), 38); // with Gibraltar

    // Every area's published percentages, reproduced from the figures.
    let (header, published) = published_rows(&bytes);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let by_area: BTreeMap<&str, &countroom::collate::Figures> = collated
        .areas
        .iter()
        .map(|a| (a.area.as_str(), &a.figures))
        .collect();
    let dropped = |p: Option<countroom::arith::Percentage>| {
        let text = p.unwrap().to_string();
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    for row in &published {
        let f = by_area[row[col("Area_Code")].as_str()];
        let area = &row[col("Area")];
        assert_eq!(dropped(f.turnout()), row[col("Pct_Turnout")], "{area}");
        assert_eq!(dropped(f.share(0)), row[col("Pct_Remain")], "{area}");
        assert_eq!(dropped(f.share(1)), row[col("Pct_Leave")], "{area}");
        assert_eq!(
            dropped(f.rejected_share()),
            row[col("Pct_Rejected")],
            "{area}"
        );
    }

    // The area file written back in the 2016 layout: the same header and,
    // row by row, every field the same (lines end in LF, not CR).
    let written = results::write_areas(&plan, &collated, &WriteOptions::EC_2016);
    let (written_header, written_rows) = published_rows(&written);
    assert_eq!(written_header, results::EU_REFERENDUM_2016_COLUMNS);
    assert_eq!(written_header, header);
    assert_eq!(written_rows.len(), published.len());
    for (ours, theirs) in written_rows.iter().zip(&published) {
        for ((name, a), b) in header.iter().zip(ours).zip(theirs) {
            assert_eq!(a, b, "area {}: field {name}", theirs[col("Area")]);
        }
    }

    // The full layout reads back to the same local totals.
    let full = WriteOptions::new(Columns::Full, PercentFormat::TwoPlaces, RowOrder::Plan);
    let again = results::read_local_totals(
        &results::write_areas(&plan, &collated, &full),
        "written.csv",
        &plan,
    )
    .unwrap();
    assert_eq!(again.len(), 382);
    let mut reread = Collation::new(plan.clone()).unwrap();
    for t in again {
        let area = t.total.area.clone();
        reread.report(t.total).unwrap();
        reread.authorise(&area).unwrap(); // explanations came back too
    }
    assert_eq!(reread.collated().unwrap(), collated);

    // The summary: 12 regions and the UK.
    let summary = results::write_summary(&plan, &collated, &WriteOptions::EC_2016);
    let (summary_header, summary_rows) = published_rows(&summary);
    assert_eq!(summary_rows.len(), 13);
    let total = &summary_rows[12];
    let at = |name: &str| summary_header.iter().position(|h| h == name).unwrap();
    assert_eq!(total[at("Region")], "Total");
    assert_eq!(total[at("Areas")], "382");
    assert_eq!(total[at("Votes_Cast")], "33577342");
    assert_eq!(total[at("Remain")], "16141241");
    assert_eq!(total[at("Leave")], "17410742");
    assert_eq!(total[at("Pct_Turnout")], "72.21");
    assert_eq!(total[at("Pct_Leave")], "51.89");
}

/// The 2019 general election summed by party (each constituency's
/// candidate with most votes is elected: Parliamentary Elections Rules
/// r.50): the House of Commons Library's seat and vote totals.
#[test]
fn ge2019_party_totals() {
    let Some(dir) = dataset("general-election-2019") else {
        return;
    };
    let mut reader =
        csv::Reader::from_path(dir.join("HoC-GE2019-results-by-candidate.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (ons, party, votes) = (col("ONS ID"), col("Party abbreviation"), col("Votes"));
    let mut by_seat: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        by_seat
            .entry(row[ons].to_owned())
            .or_default()
            .push((row[party].to_owned(), row[votes].parse().unwrap()));
    }
    assert_eq!(by_seat.len(), 650);
    let contests: Vec<ContestResult> = by_seat
        .into_iter()
        .map(|(seat, candidates)| {
            let votes: Vec<u64> = candidates.iter().map(|c| c.1).collect();
            let outcome = fptp(&votes, 1);
            assert!(outcome.boundary_tie.is_none(), "{seat}");
            ContestResult::new(
                seat,
                candidates
                    .into_iter()
                    .enumerate()
                    .map(|(i, (party, votes))| {
                        CandidateResult::new(party, votes, outcome.elected.contains(&i))
                    })
                    .collect(),
            )
        })
        .collect();
    let parties = party_totals(&contests).unwrap();
    let seats: BTreeMap<&str, u64> = parties
        .iter()
        .filter(|(_, t)| t.seats > 0)
        .map(|(p, t)| (p.as_str(), t.seats))
        .collect();
    // The file abbreviates the Alliance Party "APNI" and the Speaker "Spk".
    assert_eq!(
        seats,
        BTreeMap::from([
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
        ])
    );
    assert_eq!(parties["Con"].votes, 13_966_454);
    assert_eq!(parties["Lab"].votes, 10_269_051);
    assert_eq!(parties["LD"].votes, 3_696_419);
    assert_eq!(parties["SNP"].votes, 1_242_380);
    assert_eq!(parties["Con"].candidates, 635);
    assert_eq!(parties.values().map(|t| t.candidates).sum::<u64>(), 3_320);
    assert_eq!(parties.values().map(|t| t.seats).sum::<u64>(), 650);
    assert_eq!(parties.values().map(|t| t.votes).sum::<u64>(), 32_014_110);
}

// ---------------------------------------------------------------- bad input

/// A PCC-style supplementary-vote poll of three areas and four candidates.
fn sv_plan() -> Plan {
    Plan::new(
        "pcc-2021",
        Method::SupplementaryVote,
        ["A", "B", "C", "D"]
            .iter()
            .map(|c| Choice::new(c, c))
            .collect(),
        ruleset(RulesetId::PccSv2012)
            .heads
            .iter()
            .map(|h| h.head)
            .collect(),
        vec![
            Area::new("X1", "One", Some("N"), Some(50_000)),
            Area::new("X2", "Two", Some("N"), Some(50_000)),
            Area::new("X3", "Three", None, Some(40_000)),
        ],
    )
    .regions(vec![Region::new("N", "North")])
}

fn local(area: &str, votes: &[u64]) -> LocalTotal {
    LocalTotal::new(area, votes.iter().sum(), votes.to_vec(), vec![0; 5])
}

#[test]
fn an_area_not_in_the_poll_is_refused_by_name() {
    let mut c = Collation::new(sv_plan()).unwrap();
    let errors = c.report(local("Atlantis", &[1, 2, 3, 4])).unwrap_err();
    assert_eq!(
        errors,
        [CollateError::UnknownArea {
            poll: "pcc-2021".into(),
            area: "Atlantis".into()
        }]
    );
    assert_eq!(
        errors[0].to_string(),
        "area \"Atlantis\" is not a counting area of poll pcc-2021"
    );
    assert!(matches!(
        c.authorise("Atlantis"),
        Err(CollateError::UnknownArea { area, .. }) if area == "Atlantis"
    ));
    assert!(matches!(
        c.order_recount("Atlantis"),
        Err(CollateError::UnknownArea { area, .. }) if area == "Atlantis"
    ));
}

#[test]
fn second_preferences_for_an_eliminated_candidate_are_refused() {
    let mut c = Collation::new(sv_plan()).unwrap();
    for (area, votes) in [
        ("X1", [10_000, 8_000, 4_000, 2_000]),
        ("X2", [9_000, 9_000, 3_000, 1_000]),
        ("X3", [6_000, 5_000, 3_000, 2_000]),
    ] {
        c.report(local(area, &votes)).unwrap();
        c.authorise(area).unwrap();
    }
    // A 25,000 of 62,000: no majority; A and B remain.
    assert_eq!(c.direct_second_count().unwrap(), [0, 1]);
    let errors = c
        .report_second(SecondCountTotal::new("X2", vec![500, 600, 70, 0], 10))
        .unwrap_err();
    assert_eq!(
        errors,
        [CollateError::EliminatedChoice {
            area: "X2".into(),
            choice: "C".into(),
            votes: 70
        }]
    );
    assert_eq!(
        errors[0].to_string(),
        "area X2: 70 second preferences for C, who was eliminated at the first count"
    );
    // Nothing was recorded: the corrected total is accepted.
    c.report_second(SecondCountTotal::new("X2", vec![500, 600, 0, 0], 10))
        .unwrap();
}

#[test]
fn areas_not_covering_the_poll_leave_it_incomplete() {
    let mut c = Collation::new(sv_plan()).unwrap();
    c.report(local("X1", &[10_000, 8_000, 4_000, 2_000]))
        .unwrap();
    c.authorise("X1").unwrap();
    c.report(local("X3", &[6_000, 5_000, 3_000, 2_000]))
        .unwrap();
    let collated = c.collated().unwrap();
    assert_eq!(collated.outcome, Outcome::Incomplete);
    assert_eq!(collated.missing, ["X2"]);
    assert_eq!(collated.unauthorised, ["X3"]);
    // Only authorised totals are summed.
    assert_eq!(collated.total.votes(), &[10_000, 8_000, 4_000, 2_000]);
    assert_eq!(
        c.direct_second_count(),
        Err(CollateError::Incomplete {
            poll: "pcc-2021".into(),
            missing: vec!["X2".into()],
            unauthorised: vec!["X3".into()]
        })
    );
}

#[test]
fn overflow_is_refused_naming_the_area() {
    // No electorates: figures this large exceed any, and a total above its
    // area's electorate is never authorised.
    let mut plan = sv_plan();
    for area in &mut plan.areas {
        area.electorate = None;
    }
    let mut c = Collation::new(plan).unwrap();
    let mut t = local("X1", &[0; 4]);
    t.votes = vec![u64::MAX, 0, 0, 1];
    let errors = c.report(t).unwrap_err();
    assert_eq!(
        errors,
        [CollateError::Overflow {
            scope: "area X1".into(),
            what: "valid votes"
        }]
    );
    // Each area fits, the poll's sum does not.
    let mut t = local("X1", &[0; 4]);
    t.votes = vec![u64::MAX, 0, 0, 0];
    t.papers_forward = u64::MAX;
    c.report(t).unwrap();
    c.authorise("X1").unwrap();
    let mut t = local("X3", &[1, 0, 0, 0]);
    t.papers_forward = 1;
    c.report(t).unwrap();
    c.authorise("X3").unwrap();
    assert!(matches!(
        c.collated(),
        Err(CollateError::Overflow { scope, .. }) if scope == "poll pcc-2021"
    ));
}

fn referendum_plan() -> Plan {
    Plan::new(
        "ref",
        Method::Referendum,
        vec![
            Choice::new("remain", "Remain"),
            Choice::new("leave", "Leave"),
        ],
        referendum_heads(),
        vec![
            Area::new(
                "E06000031",
                "Peterborough",
                Some("E12000006"),
                Some(120_892),
            ),
            Area::new("E06000032", "Luton", Some("E12000006"), Some(127_612)),
        ],
    )
    .regions(vec![Region::new("E12000006", "East")])
}

const HEADER: &str = "Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,Remain,Leave,No_official_mark,Voting_for_both_answers,Writing_or_mark,Unmarked_or_void,Pct_Turnout";

#[test]
fn a_bad_cell_names_the_file_line_and_field() {
    let plan = referendum_plan();
    // CR-only line endings, as in the Electoral Commission's file.
    let csv = format!(
        "{HEADER}\rE12000006,East,E06000031,Peterborough,120892,87474,87469,34176,53216,0,32,7,38,72.35\rE12000006,East,E06000032,Luton,127612,84633,84636,36708,47x73,0,85,0,50,66.31\r"
    );
    let problems = results::read_local_totals(csv.as_bytes(), "east.csv", &plan).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].line, problems[0].field.as_deref()),
        (3, Some("Leave"))
    );
    assert_eq!(
        problems[0].kind,
        ResultsProblemKind::Csv(CsvProblemKind::BadNumber {
            value: "47x73".into()
        })
    );
    assert_eq!(
        problems[0].to_string(),
        "east.csv:3: field `Leave`: \"47x73\" is not a whole number of 0 or more"
    );

    // A derived percentage that does not match (Luton's turnout is
    // 84,616 / 127,612 = 66.307…%, not 66.32).
    let csv = format!(
        "{HEADER}\r\nE12000006,East,E06000032,Luton,127612,84633,84636,36708,47773,0,85,0,50,66.32\r\n"
    );
    let problems = results::read_local_totals(csv.as_bytes(), "east.csv", &plan).unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "east.csv:2: field `Pct_Turnout`: published \"66.32\", but the figures give \"66.31\""
    );

    // An area not in the poll, on line 2.
    let csv = format!("{HEADER}\nE12000006,East,E06000033,Southend-on-Sea,1,1,1,1,0,0,0,0,0,100\n");
    let problems = results::read_local_totals(csv.as_bytes(), "east.csv", &plan).unwrap_err();
    assert_eq!(
        problems[0].kind,
        ResultsProblemKind::UnknownArea {
            area: "E06000033".into(),
            poll: "ref".into()
        }
    );
    assert_eq!(
        (problems[0].line, problems[0].field.as_deref()),
        (2, Some("Area_Code"))
    );
}

/// A `local_total_reported` that leaves out its `counting_area` (audit 12,
/// finding 16): refused by the count with the entry number and the poll's
/// counting areas, as a list contest's counting event without its area is,
/// not with the reader's raw "missing field `counting_area` (column …)"
/// and no entry number; and not as the local returning officer reporting
/// for another area. The shipped combined authority mayoral log up to
/// entry 9 (its areas northtown, southvale, westford), the entry appended
/// by Northtown's local returning officer.
#[test]
fn a_local_total_without_its_area_is_refused_naming_the_areas() {
    use crate::support::{example, run, scratch, stderr, write};
    let dir = scratch();
    let log = std::fs::read_to_string(example("exampleshire-mayor.jsonl")).unwrap();
    let head: String = log.lines().take(10).map(|l| format!("{l}\n")).collect();
    let path = write(dir.path(), "m.jsonl", head.as_bytes());
    let entry = write(
        dir.path(),
        "e.json",
        br#"{"event":{"local_total_reported":{"contest":"exampleshire-mayor","papers_forward":10,"votes":[]}}}"#,
    );
    let o = run(&["append", &path, &entry, "--by", "lro-north"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("entry 10: local_total_reported: field `counting_area`: missing: exampleshire-mayor is collated from its counting areas' local totals: name the counting area whose total this is (one of: northtown, southvale, westford)"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        head,
        "nothing written"
    );
}
