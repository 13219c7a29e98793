//! Hand-worked collations (each citing its rule) and properties.

use countroom_rules::RejectionHead;
use countroom_tally::SvDecision;
use proptest::prelude::*;

use crate::*;

const A: usize = 0;
const B: usize = 1;
const C: usize = 2;
const D: usize = 3;

/// The heads of the PCC statement in its supplementary-vote form (PCCEO
/// 2012 Sch 3 r.53(7)): (a) want of official mark, (b) more than one first
/// preference, (c) identifying mark, (d) unmarked, (e) void for
/// uncertainty.
const PCC_HEADS: [RejectionHead; 5] = [
    RejectionHead::NoOfficialMark,
    RejectionHead::TooManyVotes,
    RejectionHead::IdentifyingMark,
    RejectionHead::Unmarked,
    RejectionHead::VoidForUncertainty,
];

/// A police area of three voting areas in two groups (regions), four
/// candidates A–D.
fn pcc_plan() -> Plan {
    Plan {
        poll: "pcc".into(),
        method: Method::SupplementaryVote,
        choices: ["A", "B", "C", "D"]
            .iter()
            .map(|c| Choice::new(c, &format!("Candidate {c}")))
            .collect(),
        heads: PCC_HEADS.to_vec(),
        regions: vec![Region::new("N", "North"), Region::new("S", "South")],
        areas: vec![
            Area::new("X1", "Area one", Some("N"), Some(80_000)),
            Area::new("X2", "Area two", Some("N"), Some(90_000)),
            Area::new("X3", "Area three", Some("S"), Some(70_000)),
        ],
    }
}

/// A local total that balances: papers going forward = votes + rejected.
fn total(area: &str, votes: &[u64], rejected: &[u64]) -> LocalTotal {
    let forward = votes.iter().sum::<u64>() + rejected.iter().sum::<u64>();
    LocalTotal {
        area: area.into(),
        expected: Some(forward),
        polling_station_papers: None,
        postal_papers: None,
        papers_forward: forward,
        votes: votes.to_vec(),
        rejected: rejected.to_vec(),
        explanation: None,
        explained_variance: None,
        explained_forward_variance: None,
        not_published: false,
    }
}

fn second(area: &str, votes: &[u64], rejected: u64) -> SecondCountTotal {
    SecondCountTotal {
        area: area.into(),
        votes: votes.to_vec(),
        rejected,
    }
}

/// uk-count-rules.md §5.3 worked example split over three areas: first
/// preferences A 40,000, B 35,000, C 15,000, D 10,000 (100,000), 400
/// rejected (100,400 papers).
fn worked_example_first_count() -> Collation {
    let mut c = Collation::new(pcc_plan()).unwrap();
    c.report(total(
        "X1",
        &[15_000, 12_000, 5_000, 3_000],
        &[10, 40, 0, 60, 40],
    ))
    .unwrap();
    c.report(total(
        "X2",
        &[13_000, 13_000, 6_000, 4_000],
        &[20, 30, 5, 50, 25],
    ))
    .unwrap();
    c.report(total(
        "X3",
        &[12_000, 10_000, 4_000, 3_000],
        &[0, 20, 0, 60, 40],
    ))
    .unwrap();
    for area in ["X1", "X2", "X3"] {
        c.authorise(area).unwrap();
    }
    c
}

/// §5.3: no candidate has more than half of 100,000, so A and B remain
/// (PCCEO 2012 r.59(1), r.60(1)); of the 25,000 papers of C's and D's
/// voters, 6,000 give A a second preference and 9,500 B; A is returned with
/// 46,000 to B's 44,500 (r.62).
#[test]
fn worked_example_over_three_areas() {
    let mut c = worked_example_first_count();
    let first = c.first_count().unwrap();
    assert_eq!(first.votes, [40_000, 35_000, 15_000, 10_000]);
    assert_eq!(first.valid, 100_000);
    assert_eq!(first.decision, SvDecision::SecondCount(vec![A, B]));
    let collated = c.collated().unwrap();
    assert_eq!(collated.total.counted(), 100_400);
    assert_eq!(collated.total.rejected_total(), 400);
    assert_eq!(collated.total.rejected(), &[30, 90, 5, 170, 105]);
    assert_eq!(collated.outcome, Outcome::SecondCountNeeded(vec![A, B]));
    assert_eq!(collated.remaining, [A, B]);

    assert_eq!(c.direct_second_count().unwrap(), [A, B]);
    assert_eq!(
        c.direct_second_count(),
        Err(CollateError::SecondCountAlreadyDirected { poll: "pcc".into() })
    );
    c.report_second(second("X1", &[2_000, 3_000, 0, 0], 100))
        .unwrap();
    c.report_second(second("X2", &[2_500, 4_000, 0, 0], 200))
        .unwrap();
    assert_eq!(
        c.collated().unwrap().outcome,
        Outcome::SecondCountInProgress {
            remaining: vec![A, B],
            awaiting: vec!["X3".into()]
        }
    );
    c.report_second(second("X3", &[1_500, 2_500, 0, 0], 200))
        .unwrap();
    let collated = c.collated().unwrap();
    assert_eq!(collated.total.second_votes(), &[6_000, 9_500, 0, 0]);
    assert_eq!(collated.total.second_rejected(), 500);
    assert_eq!(collated.final_totals, Some(vec![46_000, 44_500, 0, 0]));
    assert_eq!(collated.outcome, Outcome::Winner(A));
    // Regions: North is X1 + X2, South is X3.
    assert_eq!(
        collated.regions[0].figures.votes(),
        &[28_000, 25_000, 11_000, 7_000]
    );
    assert_eq!(
        collated.regions[1].figures.second_votes(),
        &[1_500, 2_500, 0, 0]
    );
    assert_eq!(collated.regions[0].figures.electorate(), Some(170_000));
}

/// §5.3 tie variant: FP A 40,000, B 30,000, C 30,000, D 10,000: B and C
/// are equal second, so A, B and C all remain (GLAA 1999 Sch 2 para 4(3));
/// only D's voters' second preferences are counted. A second preference for
/// D, who is eliminated, is refused naming the area and candidate.
#[test]
fn tie_for_second_place_keeps_all_three() {
    let mut c = Collation::new(pcc_plan()).unwrap();
    c.report(total("X1", &[15_000, 10_000, 10_000, 3_000], &[0; 5]))
        .unwrap();
    c.report(total("X2", &[13_000, 11_000, 9_000, 4_000], &[0; 5]))
        .unwrap();
    c.report(total("X3", &[12_000, 9_000, 11_000, 3_000], &[0; 5]))
        .unwrap();
    for area in ["X1", "X2", "X3"] {
        c.authorise(area).unwrap();
    }
    assert_eq!(c.direct_second_count().unwrap(), [A, B, C]);
    assert_eq!(
        c.report_second(second("X1", &[300, 0, 2_000, 5], 0)),
        Err(vec![CollateError::EliminatedChoice {
            area: "X1".into(),
            choice: "D".into(),
            votes: 5
        }])
    );
    c.report_second(second("X1", &[300, 0, 2_000, 0], 0))
        .unwrap();
    c.report_second(second("X2", &[400, 0, 2_500, 0], 0))
        .unwrap();
    c.report_second(second("X3", &[300, 0, 1_500, 0], 0))
        .unwrap();
    let collated = c.collated().unwrap();
    assert_eq!(collated.final_totals, Some(vec![41_000, 30_000, 36_000, 0]));
    assert_eq!(collated.outcome, Outcome::Winner(A));
}

/// §5.3: "If A and B had tied … a lot decides" (GLAA 1999 Sch 2 para 4(8)).
/// The lot is an input; it must name exactly the candidates equal.
#[test]
fn equal_final_totals_are_settled_by_a_recorded_lot() {
    let mut c = worked_example_first_count();
    assert_eq!(
        c.record_lot(&[A, B], A),
        Err(CollateError::NoEquality { poll: "pcc".into() })
    );
    c.direct_second_count().unwrap();
    c.report_second(second("X1", &[500, 3_000, 0, 0], 100))
        .unwrap();
    c.report_second(second("X2", &[2_500, 4_000, 0, 0], 200))
        .unwrap();
    c.report_second(second("X3", &[1_500, 2_500, 0, 0], 200))
        .unwrap();
    let collated = c.collated().unwrap();
    assert_eq!(collated.final_totals, Some(vec![44_500, 44_500, 0, 0]));
    assert_eq!(collated.outcome, Outcome::Equality(vec![A, B]));
    assert!(matches!(
        c.record_lot(&[A, C], A),
        Err(CollateError::LotMismatch { .. })
    ));
    assert_eq!(
        c.record_lot(&[A, B], D),
        Err(CollateError::LotWinnerNotTied {
            poll: "pcc".into(),
            winner: "D".into()
        })
    );
    assert!(matches!(
        c.record_lot(&[A, 9], A),
        Err(CollateError::ChoiceIndex { index: 9, n: 4, .. })
    ));
    c.record_lot(&[B, A], B).unwrap();
    assert_eq!(c.lot(), Some(([A, B].as_slice(), B)));
    assert_eq!(
        c.record_lot(&[A, B], B),
        Err(CollateError::LotAlreadyRecorded { poll: "pcc".into() })
    );
    assert_eq!(
        c.collated().unwrap().outcome,
        Outcome::WonByLot {
            tied: vec![A, B],
            winner: B
        }
    );
    // A re-count of one area's second count withdraws the lot.
    c.order_second_recount("X1").unwrap();
    assert_eq!(c.lot(), None);
    assert_eq!(c.recounts("X1"), Some((0, 1)));
    c.report_second(second("X1", &[501, 3_000, 0, 0], 100))
        .unwrap();
    assert_eq!(c.collated().unwrap().outcome, Outcome::Winner(A));
}

/// More than half the first preferences: returned at the first count; no
/// second count can be directed (GLAA 1999 Sch 2 para 3; PCCEO 2012
/// r.59).
#[test]
fn majority_at_the_first_count() {
    let mut c = Collation::new(pcc_plan()).unwrap();
    c.report(total("X1", &[20_000, 5_000, 1_000, 1_000], &[0; 5]))
        .unwrap();
    c.report(total("X2", &[20_000, 5_000, 1_000, 1_000], &[0; 5]))
        .unwrap();
    c.report(total("X3", &[10_000, 5_000, 1_000, 1_000], &[0; 5]))
        .unwrap();
    assert!(matches!(
        c.direct_second_count(),
        Err(CollateError::Incomplete { .. })
    ));
    for area in ["X1", "X2", "X3"] {
        c.authorise(area).unwrap();
    }
    assert_eq!(
        c.direct_second_count(),
        Err(CollateError::MajorityAtFirstCount {
            poll: "pcc".into(),
            choice: "A".into()
        })
    );
    assert_eq!(c.collated().unwrap().outcome, Outcome::Winner(A));
    assert!(matches!(
        c.report_second(second("X1", &[0; 4], 0)).unwrap_err()[..],
        [CollateError::SecondCountNotDirected { .. }]
    ));
}

/// With two candidates the supplementary vote is first past the post
/// (PCCEO 2012 r.17; LAMR 2007 r.51(4)–(5)): an equality goes to a lot.
#[test]
fn two_candidates_is_first_past_the_post() {
    let mut plan = pcc_plan();
    plan.choices.truncate(2);
    let mut c = Collation::new(plan).unwrap();
    for area in ["X1", "X2", "X3"] {
        c.report(total(area, &[100, 100], &[0; 5])).unwrap();
        c.authorise(area).unwrap();
    }
    assert_eq!(
        c.direct_second_count(),
        Err(CollateError::EqualityAtFirstCount {
            poll: "pcc".into(),
            tied: vec!["A".into(), "B".into()]
        })
    );
    assert_eq!(c.collated().unwrap().outcome, Outcome::Equality(vec![A, B]));
    c.record_lot(&[A, B], A).unwrap();
    assert_eq!(
        c.collated().unwrap().outcome,
        Outcome::WonByLot {
            tied: vec![A, B],
            winner: A
        }
    );
}

fn referendum_plan() -> Plan {
    Plan {
        poll: "ref".into(),
        method: Method::Referendum,
        choices: vec![
            Choice::new("Remain", "Remain"),
            Choice::new("Leave", "Leave"),
        ],
        heads: vec![
            RejectionHead::NoOfficialMark,
            RejectionHead::TooManyVotes,
            RejectionHead::IdentifyingMark,
            RejectionHead::UnmarkedOrVoid,
        ],
        regions: vec![Region::new("E12000006", "East")],
        areas: vec![
            Area::new(
                "E06000031",
                "Peterborough",
                Some("E12000006"),
                Some(120_892),
            ),
            Area::new("E06000032", "Luton", Some("E12000006"), Some(127_612)),
            Area::new("GI", "Gibraltar", None, Some(24_119)),
        ],
    }
}

/// uk-count-rules.md §2.7, Peterborough and Luton as published: Luton's 20
/// fewer papers counted than verified is a variance that must be explained
/// before the Regional Counting Officer authorises the local total (PVSCA
/// 2011 Sch 2 r.42(5); EC guidance); Peterborough balances. A referendum
/// is won by the answer with more votes; a tie is reported and no lot is
/// drawn.
#[test]
fn referendum_variances_and_result() {
    let mut c = Collation::new(referendum_plan()).unwrap();
    let peterborough = LocalTotal {
        area: "E06000031".into(),
        expected: Some(87_474),
        polling_station_papers: None,
        postal_papers: None,
        papers_forward: 87_469,
        votes: vec![34_176, 53_216],
        rejected: vec![0, 32, 7, 38],
        explanation: None,
        explained_variance: None,
        explained_forward_variance: None,
        not_published: false,
    };
    let luton = LocalTotal {
        area: "E06000032".into(),
        expected: Some(84_633),
        polling_station_papers: None,
        postal_papers: None,
        papers_forward: 84_636,
        votes: vec![36_708, 47_773],
        rejected: vec![0, 85, 0, 50],
        explanation: None,
        explained_variance: None,
        explained_forward_variance: None,
        not_published: false,
    };
    c.report(peterborough).unwrap();
    c.report(luton).unwrap();
    let checks = c.checks();
    assert_eq!(checks.len(), 2);
    assert_eq!(checks[0].counted_less_forward, 0);
    assert_eq!(checks[0].forward_less_expected, Some(-5));
    assert!(!checks[0].needs_explanation);
    assert_eq!(checks[1].counted_less_forward, -20);
    assert_eq!(checks[1].forward_less_expected, Some(3));
    assert!(checks[1].needs_explanation && !checks[1].explained);

    c.authorise("E06000031").unwrap();
    let refused = c.authorise("E06000032").unwrap_err();
    assert_eq!(
        refused,
        CollateError::UnexplainedVariance {
            area: "E06000032".into(),
            forward_less_verified: None,
            counted_less_forward: -20
        }
    );
    assert!(refused.to_string().contains("area E06000032: the votes counted plus rejected papers differ from the ballot papers going forward to the count by -20"));
    assert_eq!(
        c.explain("E06000032", " "),
        Err(CollateError::BlankExplanation {
            area: "E06000032".into()
        })
    );
    c.explain(
        "E06000032",
        "20 papers verified were not counted: as published",
    )
    .unwrap();
    assert!(c.checks()[1].explained);
    c.authorise("E06000032").unwrap();
    assert_eq!(
        c.explain("E06000032", "again"),
        Err(CollateError::AlreadyAuthorised {
            area: "E06000032".into()
        })
    );

    // Gibraltar (in no region here) is still missing.
    let collated = c.collated().unwrap();
    assert_eq!(collated.outcome, Outcome::Incomplete);
    assert_eq!(collated.missing, ["GI"]);
    assert_eq!(collated.regions[0].figures.votes(), &[70_884, 100_989]);
    // Typed from the published file: Gibraltar Remain 19,322, Leave 823;
    // rejected 0/8/0/19; VerifiedBallotPapers 20,172.
    let mut gi = total("GI", &[19_322, 823], &[0, 8, 0, 19]);
    gi.expected = Some(20_172);
    c.report(gi).unwrap();
    c.authorise("GI").unwrap();
    let collated = c.collated().unwrap();
    assert_eq!(collated.outcome, Outcome::Winner(1));
    assert_eq!(collated.total.votes(), &[90_206, 101_812]);
    assert_eq!(collated.total.areas(), 3);
    assert_eq!(collated.regions[0].figures.areas(), 2);
    assert_eq!(
        c.record_lot(&[0, 1], 0),
        Err(CollateError::LotNotApplicable { poll: "ref".into() })
    );
}

#[test]
fn referendum_tie_is_reported_not_decided() {
    let mut c = Collation::new(referendum_plan()).unwrap();
    for (area, votes) in [
        ("E06000031", [10, 5]),
        ("E06000032", [0, 5]),
        ("GI", [5, 5]),
    ] {
        c.report(total(area, &votes, &[0; 4])).unwrap();
        c.authorise(area).unwrap();
    }
    assert_eq!(c.collated().unwrap().outcome, Outcome::Equality(vec![0, 1]));
}

/// Check 1 of the EC PARO list: papers going forward = polling station +
/// postal papers verified.
#[test]
fn verification_variance_must_be_explained() {
    let mut c = Collation::new(pcc_plan()).unwrap();
    let mut t = total("X1", &[10, 10, 10, 10], &[0; 5]);
    t.polling_station_papers = Some(30);
    t.postal_papers = Some(12);
    c.report(t).unwrap();
    assert_eq!(c.checks()[0].forward_less_verified, Some(-2));
    assert_eq!(
        c.authorise("X1"),
        Err(CollateError::UnexplainedVariance {
            area: "X1".into(),
            forward_less_verified: Some(-2),
            counted_less_forward: 0
        })
    );
    // Resolved by a re-count of the area, not explained.
    c.order_recount("X1").unwrap();
    let mut t = total("X1", &[10, 10, 10, 12], &[0; 5]);
    t.polling_station_papers = Some(30);
    t.postal_papers = Some(12);
    c.report(t).unwrap();
    c.authorise("X1").unwrap();
    assert_eq!(c.recounts("X1"), Some((1, 0)));
}

/// The collator may direct a re-count of one area only: its total is
/// withdrawn, and every other area stays reported and authorised.
#[test]
fn recount_of_one_area_leaves_the_others_authorised() {
    let mut c = worked_example_first_count();
    c.order_recount("X2").unwrap();
    assert_eq!(c.is_authorised("X1"), Some(true));
    assert_eq!(c.is_authorised("X2"), Some(false));
    assert_eq!(c.is_authorised("X3"), Some(true));
    assert_eq!(c.recounts("X2"), Some((1, 0)));
    let collated = c.collated().unwrap();
    assert_eq!(collated.missing, ["X2"]);
    assert_eq!(collated.outcome, Outcome::Incomplete);
    assert_eq!(collated.total.votes(), &[27_000, 22_000, 9_000, 6_000]);
    assert_eq!(
        c.order_recount("X2"),
        Err(CollateError::NotReported { area: "X2".into() })
    );
    c.report(total(
        "X2",
        &[13_000, 13_000, 6_000, 4_000],
        &[20, 30, 5, 50, 25],
    ))
    .unwrap();
    assert_eq!(c.collated().unwrap().unauthorised, ["X2"]);
    c.authorise("X2").unwrap();
    assert_eq!(
        c.collated().unwrap().outcome,
        Outcome::SecondCountNeeded(vec![A, B])
    );
}

/// A re-count of an area's first count during the second count withdraws
/// the direction (it rests on the first count); directed again with the
/// same remaining candidates, the other areas' second-count totals stand.
#[test]
fn recount_during_the_second_count() {
    let mut c = worked_example_first_count();
    c.direct_second_count().unwrap();
    c.report_second(second("X1", &[2_000, 3_000, 0, 0], 100))
        .unwrap();
    c.report_second(second("X2", &[2_500, 4_000, 0, 0], 200))
        .unwrap();
    c.order_recount("X1").unwrap();
    assert_eq!(c.direction(), None);
    assert!(matches!(
        c.report_second(second("X3", &[1_500, 2_500, 0, 0], 200))
            .unwrap_err()[..],
        [CollateError::SecondCountNotDirected { .. }]
    ));
    c.report(total(
        "X1",
        &[15_000, 12_000, 5_000, 3_000],
        &[10, 40, 0, 60, 40],
    ))
    .unwrap();
    c.authorise("X1").unwrap();
    assert_eq!(c.direct_second_count().unwrap(), [A, B]);
    c.report_second(second("X3", &[1_500, 2_500, 0, 0], 200))
        .unwrap();
    assert_eq!(
        c.collated().unwrap().outcome,
        Outcome::SecondCountInProgress {
            remaining: vec![A, B],
            awaiting: vec!["X1".into()]
        }
    );
    assert_eq!(
        c.report_second(second("X2", &[2_500, 4_000, 0, 0], 200)),
        Err(vec![CollateError::SecondAlreadyReported {
            area: "X2".into()
        }])
    );
    c.report_second(second("X1", &[2_000, 3_000, 0, 0], 100))
        .unwrap();
    assert_eq!(c.collated().unwrap().outcome, Outcome::Winner(A));
}

#[test]
fn plan_problems_are_all_listed() {
    let mut plan = pcc_plan();
    plan.choices.push(Choice::new("A", "again"));
    plan.heads.push(RejectionHead::Unmarked);
    plan.regions.push(Region::new("N", "North again"));
    plan.areas.push(Area::new("X1", "again", None, None));
    plan.areas.push(Area::new("X4", "four", Some("W"), None));
    plan.areas.push(Area::new("", "no id", None, None));
    let errors = Collation::new(plan).unwrap_err();
    let poll = || "pcc".to_owned();
    assert_eq!(
        errors,
        [
            CollateError::DuplicateChoice {
                poll: poll(),
                choice: "A".into()
            },
            CollateError::DuplicateHead {
                poll: poll(),
                head: RejectionHead::Unmarked
            },
            CollateError::DuplicateRegion {
                poll: poll(),
                region: "N".into()
            },
            CollateError::DuplicateArea {
                poll: poll(),
                area: "X1".into()
            },
            CollateError::UnknownRegion {
                poll: poll(),
                area: "X4".into(),
                region: "W".into()
            },
            CollateError::EmptyId {
                poll: poll(),
                what: "area",
                position: 6
            },
        ]
    );
    let mut plan = pcc_plan();
    plan.choices.clear();
    plan.areas.clear();
    assert_eq!(
        Collation::new(plan).unwrap_err(),
        [
            CollateError::NoChoices { poll: poll() },
            CollateError::NoAreas { poll: poll() }
        ]
    );
}

#[test]
fn report_problems_are_all_listed_and_change_nothing() {
    let mut c = Collation::new(pcc_plan()).unwrap();
    let errors = c.report(total("X9", &[1, 2, 3], &[0; 4])).unwrap_err();
    assert_eq!(
        errors,
        [
            CollateError::UnknownArea {
                poll: "pcc".into(),
                area: "X9".into()
            },
            CollateError::WrongLength {
                area: "X9".into(),
                what: "vote figures",
                expected: 4,
                found: 3
            },
            CollateError::WrongLength {
                area: "X9".into(),
                what: "rejected-paper heads",
                expected: 5,
                found: 4
            },
        ]
    );
    assert_eq!(
        errors[0].to_string(),
        "area \"X9\" is not a counting area of poll pcc"
    );
    let mut big = total("X1", &[0; 4], &[0; 5]);
    big.votes = vec![u64::MAX, 1, 0, 0];
    let errors = c.report(big).unwrap_err();
    assert_eq!(
        errors,
        [CollateError::Overflow {
            scope: "area X1".into(),
            what: "valid votes"
        }]
    );
    assert!(errors[0]
        .to_string()
        .starts_with("area X1: the valid votes pass 18446744073709551615"));
    assert!(c.checks().is_empty());
    c.report(total("X1", &[1, 2, 3, 4], &[0; 5])).unwrap();
    assert_eq!(
        c.report(total("X1", &[1, 2, 3, 4], &[0; 5])),
        Err(vec![CollateError::AlreadyReported { area: "X1".into() }])
    );
    assert_eq!(
        c.authorise("X2"),
        Err(CollateError::NotReported { area: "X2".into() })
    );
    assert!(matches!(
        c.authorise("X9"),
        Err(CollateError::UnknownArea { .. })
    ));
    c.authorise("X1").unwrap();
    assert_eq!(
        c.authorise("X1"),
        Err(CollateError::AlreadyAuthorised { area: "X1".into() })
    );
}

#[test]
fn second_count_problems() {
    let mut r = Collation::new(referendum_plan()).unwrap();
    assert!(matches!(
        r.direct_second_count(),
        Err(CollateError::NotSupplementaryVote { .. })
    ));
    assert!(matches!(
        r.first_count(),
        Err(CollateError::NotSupplementaryVote { .. })
    ));
    assert!(matches!(
        r.report_second(second("GI", &[0, 0], 0)).unwrap_err()[..],
        [CollateError::NotSupplementaryVote { .. }]
    ));

    let mut c = worked_example_first_count();
    assert!(matches!(
        c.order_second_recount("X1"),
        Err(CollateError::SecondCountNotDirected { .. })
    ));
    c.direct_second_count().unwrap();
    assert_eq!(
        c.order_second_recount("X1"),
        Err(CollateError::SecondNotReported { area: "X1".into() })
    );
    let errors = c.report_second(second("X9", &[1, 2, 3], 0)).unwrap_err();
    assert_eq!(
        errors,
        [
            CollateError::UnknownArea {
                poll: "pcc".into(),
                area: "X9".into()
            },
            CollateError::WrongLength {
                area: "X9".into(),
                what: "second-preference figures",
                expected: 4,
                found: 3
            },
            CollateError::EliminatedChoice {
                area: "X9".into(),
                choice: "C".into(),
                votes: 3
            },
        ]
    );
    // X3's eliminated candidates (C 4,000 + D 3,000) had 7,000 papers.
    assert_eq!(
        c.report_second(second("X3", &[4_000, 3_000, 0, 0], 1)),
        Err(vec![CollateError::SecondCountExceedsPapers {
            area: "X3".into(),
            examined: 7_001,
            available: 7_000
        }])
    );
    assert_eq!(
        c.report_second(second("X3", &[u64::MAX, 1, 0, 0], 0)),
        Err(vec![CollateError::Overflow {
            scope: "area X3".into(),
            what: "second preference votes plus rejected papers"
        }])
    );
    c.report_second(second("X3", &[4_000, 3_000, 0, 0], 0))
        .unwrap();
}

#[test]
fn first_past_the_post_equality_and_lot() {
    let mut plan = referendum_plan();
    plan.method = Method::FirstPastThePost;
    let mut c = Collation::new(plan).unwrap();
    for area in ["E06000031", "E06000032", "GI"] {
        c.report(total(area, &[7, 7], &[0; 4])).unwrap();
        c.authorise(area).unwrap();
    }
    assert_eq!(c.collated().unwrap().outcome, Outcome::Equality(vec![0, 1]));
    c.record_lot(&[0, 1], 1).unwrap();
    assert_eq!(
        c.collated().unwrap().outcome,
        Outcome::WonByLot {
            tied: vec![0, 1],
            winner: 1
        }
    );
    // A re-count withdraws the lot.
    c.order_recount("GI").unwrap();
    assert_eq!(c.lot(), None);
}

#[test]
fn collated_overflow_names_the_region() {
    // No electorate: figures this large are above any electorate, and a
    // total above its area's electorate is never authorised.
    let mut plan = referendum_plan();
    for area in &mut plan.areas {
        area.electorate = None;
    }
    let mut c = Collation::new(plan).unwrap();
    c.report(total("E06000031", &[u64::MAX - 10, 0], &[0; 4]))
        .unwrap();
    c.report(total("E06000032", &[11, 0], &[0; 4])).unwrap();
    c.authorise("E06000031").unwrap();
    c.authorise("E06000032").unwrap();
    assert!(matches!(
        c.collated(),
        Err(CollateError::Overflow { scope, .. }) if scope == "region E12000006"
    ));
}

#[test]
fn method_of_a_ruleset() {
    use countroom_rules::ALL;
    let methods: Vec<Option<Method>> = ALL.iter().map(Method::for_ruleset).collect();
    assert!(methods.contains(&Some(Method::Referendum)));
    assert!(methods.contains(&Some(Method::SupplementaryVote)));
    assert!(methods.contains(&None));
}

// ---------------------------------------------------------------- properties

/// A plan of `n` areas, each in one of three regions or none; three
/// choices, two heads.
fn prop_plan(method: Method, regions: &[Option<u8>]) -> Plan {
    Plan {
        poll: "p".into(),
        method,
        choices: (0..4).map(|c| Choice::new(&format!("c{c}"), "")).collect(),
        heads: vec![RejectionHead::NoOfficialMark, RejectionHead::UnmarkedOrVoid],
        regions: (0..3).map(|r| Region::new(&format!("r{r}"), "")).collect(),
        areas: regions
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let region = r.map(|r| format!("r{r}"));
                Area::new(&format!("a{i}"), "", region.as_deref(), Some(1_000_000))
            })
            .collect(),
    }
}

type AreaData = (Option<u8>, Vec<u64>, Vec<u64>, Vec<u64>);

fn arb_areas() -> impl Strategy<Value = Vec<AreaData>> {
    prop::collection::vec(
        (
            prop::option::of(0u8..3),
            prop::collection::vec(0u64..50_000, 4),
            prop::collection::vec(0u64..100, 2),
            prop::collection::vec(0u64..20_000, 3),
        ),
        1..12,
    )
}

/// Reports, authorises and (at a supplementary-vote poll, if needed)
/// completes the second count, taking the areas in `order`. Each area's
/// second preferences are a deterministic function of its data and the
/// remaining candidates, capped at the papers available.
fn run(method: Method, data: &[AreaData], order: &[usize]) -> Collated {
    let regions: Vec<Option<u8>> = data.iter().map(|d| d.0).collect();
    let mut c = Collation::new(prop_plan(method, &regions)).unwrap();
    for &i in order {
        let (_, votes, rejected, _) = &data[i];
        c.report(total(&format!("a{i}"), votes, rejected)).unwrap();
    }
    for &i in order {
        c.authorise(&format!("a{i}")).unwrap();
    }
    if method == Method::SupplementaryVote {
        if let Ok(remaining) = c.direct_second_count() {
            for &i in order {
                let (_, votes, _, wish) = &data[i];
                let mut available: u64 = (0..4)
                    .filter(|x| !remaining.contains(x))
                    .map(|x| votes[x])
                    .sum();
                let mut seconds = vec![0; 4];
                for (k, &r) in remaining.iter().enumerate() {
                    let give = wish.get(k).copied().unwrap_or(0).min(available);
                    seconds[r] = give;
                    available -= give;
                }
                let rejected = available / 3;
                c.report_second(second(&format!("a{i}"), &seconds, rejected))
                    .unwrap();
            }
        }
    }
    c.collated().unwrap()
}

proptest! {
    /// The collated figures (every area, region and the poll) and the
    /// outcome do not depend on the order in which areas report and are
    /// authorised.
    #[test]
    fn report_order_is_irrelevant(
        (data, order) in arb_areas().prop_flat_map(|d| {
            let n = d.len();
            (Just(d), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        }),
        method in prop_oneof![Just(Method::Referendum), Just(Method::FirstPastThePost), Just(Method::SupplementaryVote)],
    ) {
        let in_plan_order: Vec<usize> = (0..data.len()).collect();
        let a = run(method, &data, &in_plan_order);
        let b = run(method, &data, &order);
        prop_assert_eq!(&a, &b);
        prop_assert!(a.outcome != Outcome::Incomplete);
    }

    /// The poll's figures are the same for any grouping of its areas: the
    /// sum of the regions plus the areas in no region, or the areas merged
    /// in any order and split into any two groups.
    #[test]
    fn any_grouping_gives_the_same_totals(
        (data, order) in arb_areas().prop_flat_map(|d| {
            let n = d.len();
            (Just(d), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        }),
        split in 0usize..12,
    ) {
        let all: Vec<usize> = (0..data.len()).collect();
        let collated = run(Method::SupplementaryVote, &data, &all);
        let mut by_region = Figures::zero(4, 2);
        for r in &collated.regions {
            by_region.merge(&r.figures).unwrap();
        }
        for (i, d) in data.iter().enumerate() {
            if d.0.is_none() {
                by_region.merge(&collated.areas[i].figures).unwrap();
            }
        }
        prop_assert_eq!(&by_region, &collated.total);
        let split = split.min(order.len());
        let mut left = Figures::zero(4, 2);
        let mut right = Figures::zero(4, 2);
        for &i in &order[..split] {
            left.merge(&collated.areas[i].figures).unwrap();
        }
        for &i in order[split..].iter().rev() {
            right.merge(&collated.areas[i].figures).unwrap();
        }
        right.merge(&left).unwrap();
        prop_assert_eq!(&right, &collated.total);
    }

    /// The supplementary-vote winner (and the remaining candidates and
    /// final totals) does not change with the order areas report their
    /// first and second counts.
    #[test]
    fn sv_winner_does_not_depend_on_report_order(
        (data, order) in arb_areas().prop_flat_map(|d| {
            let n = d.len();
            (Just(d), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        }),
    ) {
        let in_plan_order: Vec<usize> = (0..data.len()).collect();
        let mut reversed = in_plan_order.clone();
        reversed.reverse();
        let a = run(Method::SupplementaryVote, &data, &in_plan_order);
        for other in [run(Method::SupplementaryVote, &data, &order), run(Method::SupplementaryVote, &data, &reversed)] {
            prop_assert_eq!(&a.outcome, &other.outcome);
            prop_assert_eq!(&a.remaining, &other.remaining);
            prop_assert_eq!(&a.final_totals, &other.final_totals);
        }
    }
}

/// Peterborough (expected 87,474, going forward 87,469: −5, counted
/// 87,469) and Luton (expected 84,633, forward 84,636: +3, counted 84,616:
/// −20), as the Electoral Commission published them (uk-count-rules.md
/// §2.7): both are listed as differing, as data; a balanced area is not.
#[test]
fn areas_whose_expected_verified_and_counted_papers_differ() {
    let mut c = Collation::new(referendum_plan()).unwrap();
    let mut balanced = total("E06000031", &[34_176, 53_216], &[0, 32, 7, 38]);
    balanced.expected = Some(balanced.papers_forward);
    c.report(balanced).unwrap();
    assert!(!c.checks()[0].differs());
    let luton = LocalTotal {
        area: "E06000032".into(),
        expected: Some(84_633),
        polling_station_papers: None,
        postal_papers: None,
        papers_forward: 84_636,
        votes: vec![36_708, 47_773],
        rejected: vec![0, 85, 0, 50],
        explanation: None,
        explained_variance: None,
        explained_forward_variance: None,
        not_published: false,
    };
    c.report(luton).unwrap();
    let checks = c.checks();
    assert!(checks[1].differs());
    assert_eq!(checks[1].forward_less_expected, Some(3));
    assert_eq!(checks[1].counted_less_forward, -20);
}

/// An area that published only its votes (the 2014 Scottish independence
/// referendum by council: Glasgow Yes 194,779, No 169,347; Dundee Yes
/// 53,620, No 39,880) is summed for its votes; its papers counted are not
/// known, so no check is made, it needs no explanation, and the turnout
/// and rejected share of any sum including it are unknown, never
/// computed from a partial count.
#[test]
fn areas_that_published_only_their_votes() {
    let mut plan = referendum_plan();
    plan.choices = vec![Choice::new("Yes", "Yes"), Choice::new("No", "No")];
    plan.areas.truncate(2);
    // The councils' electorates are not typed here (the plan's are
    // Peterborough's and Luton's, below these votes).
    for area in &mut plan.areas {
        area.electorate = None;
    }
    let mut c = Collation::new(plan).unwrap();
    for (area, votes) in [
        ("E06000031", [194_779, 169_347]),
        ("E06000032", [53_620, 39_880]),
    ] {
        c.report(LocalTotal {
            area: area.into(),
            expected: None,
            polling_station_papers: None,
            postal_papers: None,
            papers_forward: 0,
            votes: votes.to_vec(),
            rejected: vec![0; 4],
            explanation: None,
            explained_variance: None,
            explained_forward_variance: None,
            not_published: true,
        })
        .unwrap();
        let check = c.checks().pop().unwrap();
        assert!(check.not_published && !check.needs_explanation && !check.differs());
        c.authorise(area).unwrap();
    }
    let collated = c.collated().unwrap();
    assert_eq!(collated.total.votes(), &[248_399, 209_227]);
    assert_eq!(collated.total.not_published(), 2);
    assert_eq!(collated.total.turnout(), None);
    assert_eq!(collated.total.rejected_share(), None);
    assert_eq!(collated.outcome, Outcome::Winner(0));
}

/// The shipped example's South region (examples/data/referendum-totals/
/// south.csv): Carrow, electorate 52,010, 39,012 papers expected and 39,010
/// going forward.
fn carrow_plan() -> Plan {
    let mut plan = referendum_plan();
    plan.choices = vec![Choice::new("Yes", "Yes"), Choice::new("No", "No")];
    plan.regions = vec![Region::new("R2", "South")];
    plan.areas = vec![Area::new("A03", "Carrow", Some("R2"), Some(52_010))];
    plan
}

/// Carrow's local total with `yes` votes for Yes: No 20,160, rejected
/// 1/25/2/18 (46); 39,010 going forward, 39,012 expected, and the local
/// officer's explanation of the 4 papers short (-4), stated or not.
fn carrow(yes: u64, stated: Option<i128>) -> LocalTotal {
    LocalTotal::new("A03", 39_010, vec![yes, 20_160], vec![1, 25, 2, 18])
        .expected(Some(39_012))
        .explanation(Some(
            "Four papers were found in the count's tray of spoilt papers from the postal opening, after verification".into(),
        ))
        .explained_variance(stated)
}

/// The auditor's case (audit finding 1): Carrow's Yes mistyped 18,800 →
/// 48,800, so 69,006 papers counted (+29,996 on the 39,010 going forward)
/// against an electorate of 52,010, on a row whose explanation is of a
/// variance of -4. Each elector has one ballot paper, and tendered papers
/// are never counted (uk-count-rules.md §2: "The returning officer shall
/// not count any tendered ballot paper", PER r.45(2) and the local rules
/// in the same words), so the figures cannot be true: the total is
/// never authorised, whatever the explanation, and no turnout above 100%
/// is given (README, "Turnout").
#[test]
fn carrow_typo_above_the_electorate_is_never_authorised() {
    for stated in [None, Some(-4), Some(29_996)] {
        let mut c = Collation::new(carrow_plan()).unwrap();
        c.report(carrow(48_800, stated)).unwrap();
        let check = c.checks().pop().unwrap();
        assert_eq!(check.counted_less_forward, 29_996);
        assert_eq!(
            check.above_electorate,
            vec![AboveElectorate {
                what: "counted",
                papers: 69_006,
                electorate: 52_010
            }]
        );
        assert!(check.differs());
        let expected = Err(CollateError::AboveElectorate {
            area: "A03".into(),
            figures: check.above_electorate.clone(),
        });
        assert_eq!(c.authorise("A03"), expected);
        assert_eq!(c.authorise_stated("A03"), expected);
        assert_eq!(c.is_authorised("A03"), Some(false));
        let message = c.authorise("A03").unwrap_err().to_string();
        assert!(
            message.contains("69,006 ballot papers counted (votes plus rejected papers) exceed the electorate of 52,010"),
            "{message}"
        );
        let collated = c.collated().unwrap();
        assert_eq!(collated.outcome, Outcome::Incomplete);
        assert_eq!(collated.unauthorised, ["A03"]);
        // Its own figures give no turnout (69,006 / 52,010 would be 132.68).
        assert_eq!(collated.areas[0].figures.turnout(), None);
        assert_eq!(collated.areas[0].figures.valid_turnout(), None);
    }
}

/// Papers expected or verified above the electorate are impossible too,
/// and listed each with its figure.
#[test]
fn papers_expected_or_verified_above_the_electorate_listed() {
    let mut c = Collation::new(carrow_plan()).unwrap();
    let total = LocalTotal::new("A03", 52_011, vec![30_000, 22_000], vec![0, 11, 0, 0])
        .expected(Some(52_012));
    c.report(total).unwrap();
    let check = c.checks().pop().unwrap();
    let whats: Vec<(&str, u64)> = check
        .above_electorate
        .iter()
        .map(|a| (a.what, a.papers))
        .collect();
    assert_eq!(
        whats,
        [
            ("expected", 52_012),
            ("verified", 52_011),
            ("counted", 52_011)
        ]
    );
    assert_eq!(check.counted_less_forward, 0);
    assert!(!check.needs_explanation && check.differs());
    assert!(matches!(
        c.authorise("A03"),
        Err(CollateError::AboveElectorate { .. })
    ));
    // Exactly the electorate is possible (every elector voted): 100.00.
    let mut c = Collation::new(carrow_plan()).unwrap();
    c.report(LocalTotal::new(
        "A03",
        52_010,
        vec![30_000, 22_000],
        vec![0, 10, 0, 0],
    ))
    .unwrap();
    c.authorise_stated("A03").unwrap();
    let collated = c.collated().unwrap();
    assert_eq!(collated.total.turnout().unwrap().to_string(), "100.00");
    assert_eq!(collated.outcome, Outcome::Winner(0));
}

/// An explanation is the local officer's account of one variance, and the
/// collating officer's judgement is on that variance (uk-count-rules.md
/// §7, "Local-total invariants the collator checks", from the EC's PARO
/// guidance: any variance the local officer must resolve or explain, and
/// figures re-keyed are checked against the signed local statement, the
/// transcription check). Stated with the
/// figure it explains, it authorises that figure only: a Yes mistyped
/// 18,800 → 19,800 (40,006 counted, +996) is not authorised on the
/// explanation of -4, while the true figures are.
#[test]
fn an_explanation_authorises_only_the_variance_it_states() {
    let mut c = Collation::new(carrow_plan()).unwrap();
    c.report(carrow(19_800, Some(-4))).unwrap();
    let check = c.checks().pop().unwrap();
    assert!(check.above_electorate.is_empty());
    assert_eq!(
        check.explanation_mismatch,
        vec![VarianceMismatch {
            which: "counted_less_forward",
            stated: -4,
            found: Some(996)
        }]
    );
    for result in [c.authorise("A03"), c.authorise_stated("A03")] {
        let e = result.unwrap_err();
        assert_eq!(e.code(), "explanation_not_of_variance");
        assert!(
            e.to_string().contains("states a variance of -4") && e.to_string().contains("+996"),
            "{e}"
        );
    }
    assert_eq!(c.collated().unwrap().outcome, Outcome::Incomplete);

    // The true figures: 39,006 counted, -4 on 39,010, as stated.
    let mut c = Collation::new(carrow_plan()).unwrap();
    c.report(carrow(18_800, Some(-4))).unwrap();
    let check = c.checks().pop().unwrap();
    assert!(check.variance_stated && check.explanation_mismatch.is_empty());
    c.authorise_stated("A03").unwrap();
    let collated = c.collated().unwrap();
    assert_eq!(collated.outcome, Outcome::Winner(1));
    assert_eq!(collated.areas[0].explained_variance, Some(-4));
    // 39,006 / 52,010 = 74.996…%: 75.00.
    assert_eq!(collated.total.turnout().unwrap().to_string(), "75.00");
}

/// Without the variance stated, `authorise_stated` (the `collate`
/// command's rule for a file of local totals) refuses; `authorise` (a
/// count log, where the collating officer's own entry records the
/// judgement and who made it) accepts it as before.
#[test]
fn an_explanation_that_states_no_variance() {
    let mut c = Collation::new(carrow_plan()).unwrap();
    c.report(carrow(18_800, None)).unwrap();
    let check = c.checks().pop().unwrap();
    assert!(check.explained && !check.variance_stated);
    let e = c.authorise_stated("A03").unwrap_err();
    assert_eq!(
        e,
        CollateError::VarianceNotStated {
            area: "A03".into(),
            forward_less_verified: None,
            counted_less_forward: -4
        }
    );
    assert!(e.to_string().contains("Explained_Variance"), "{e}");
    c.authorise("A03").unwrap();
    assert_eq!(c.collated().unwrap().outcome, Outcome::Winner(1));
}

/// Both variances of the check (papers going forward on polling station
/// plus postal; counted on going forward): each must be stated where the
/// figures show it, and a stated one the figures do not give is a
/// mismatch.
#[test]
fn the_forward_variance_is_stated_too() {
    // 39,010 going forward, but 30,000 + 9,012 = 39,012 verified: -2; and
    // counted 39,006: -4.
    let verified = |t: LocalTotal| {
        t.polling_station_papers(Some(30_000))
            .postal_papers(Some(9_012))
    };
    let mut c = Collation::new(carrow_plan()).unwrap();
    c.report(verified(carrow(18_800, Some(-4)))).unwrap();
    assert!(matches!(
        c.authorise_stated("A03"),
        Err(CollateError::VarianceNotStated {
            forward_less_verified: Some(-2),
            counted_less_forward: -4,
            ..
        })
    ));
    let mut c = Collation::new(carrow_plan()).unwrap();
    c.report(verified(carrow(18_800, Some(-4))).explained_forward_variance(Some(-3)))
        .unwrap();
    assert_eq!(
        c.authorise_stated("A03").unwrap_err().code(),
        "explanation_not_of_variance"
    );
    let mut c = Collation::new(carrow_plan()).unwrap();
    c.report(verified(carrow(18_800, Some(-4))).explained_forward_variance(Some(-2)))
        .unwrap();
    c.authorise_stated("A03").unwrap();
    // Stated without the polling station and postal papers: the figures
    // do not give it.
    let mut c = Collation::new(carrow_plan()).unwrap();
    c.report(carrow(18_800, Some(-4)).explained_forward_variance(Some(-2)))
        .unwrap();
    assert_eq!(
        c.checks().pop().unwrap().explanation_mismatch,
        vec![VarianceMismatch {
            which: "forward_less_verified",
            stated: -2,
            found: None
        }]
    );
    assert!(c.authorise_stated("A03").is_err());
}

proptest! {
    /// Whatever the figures, electorate and explanation: an authorised
    /// total is never above its electorate, and no turnout of an area, a
    /// region or the poll is above 100.00.
    #[test]
    fn authorised_totals_are_never_above_the_electorate(
        electorate in 0u64..2_000,
        expected in prop::option::of(0u64..2_000),
        forward in 0u64..2_000,
        votes in prop::collection::vec(0u64..1_000, 2),
        rejected in prop::collection::vec(0u64..50, 4),
        stated in prop::option::of(-2_000i128..2_000),
        explained in any::<bool>(),
        require_stated in any::<bool>(),
    ) {
        let mut c = Collation::new(carrow_plan()).unwrap();
        let mut plan_area = c.plan().areas[0].clone();
        plan_area.electorate = Some(electorate);
        let mut plan = carrow_plan();
        plan.areas = vec![plan_area];
        c = Collation::new(plan).unwrap();
        let explanation = explained.then(|| "an explanation".to_owned());
        c.report(
            LocalTotal::new("A03", forward, votes.clone(), rejected.clone())
                .expected(expected)
                .explanation(explanation)
                .explained_variance(stated),
        )
        .unwrap();
        let counted = votes.iter().sum::<u64>() + rejected.iter().sum::<u64>();
        let result = if require_stated {
            c.authorise_stated("A03")
        } else {
            c.authorise("A03")
        };
        if result.is_ok() {
            prop_assert!(counted <= electorate && forward <= electorate);
            prop_assert!(expected.is_none_or(|e| e <= electorate));
            let variance = i128::from(counted) - i128::from(forward);
            prop_assert!(variance == 0 || (explained && stated.is_none_or(|s| s == variance)));
            if require_stated {
                prop_assert!(variance == 0 || stated == Some(variance));
            }
        }
        let collated = c.collated().unwrap();
        for f in collated
            .areas
            .iter()
            .map(|a| &a.figures)
            .chain(collated.regions.iter().map(|r| &r.figures))
            .chain([&collated.total])
        {
            if let Some(t) = f.turnout() {
                prop_assert!(t.basis_points() <= 10_000);
            }
            if let Some(t) = f.valid_turnout() {
                prop_assert!(t.basis_points() <= 10_000);
            }
        }
    }
}
