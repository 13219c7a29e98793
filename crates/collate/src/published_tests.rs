//! Hand-worked checks of published results. The figures are chosen so the
//! expected values can be worked by hand; each test names the rule.

use super::published::*;

fn candidate(name: &str, party: &str, votes: u64, elected: Option<bool>) -> PublishedCandidate {
    PublishedCandidate {
        name: name.into(),
        party: party.into(),
        votes,
        elected,
        second: None,
        line: 2,
    }
}

fn contest(id: &str, seats: u32, candidates: Vec<PublishedCandidate>) -> PublishedContest {
    PublishedContest {
        id: id.into(),
        name: id.to_uppercase(),
        line: 2,
        candidates,
        seats,
        office: "uk_parliament".into(),
        authority: None,
        ruleset: None,
        method: PublishedMethod::FirstPastThePost,
        term_ends: None,
        country: "england".into(),
        electorate: None,
        valid: None,
        rejected: None,
        rejected_heads: Vec::new(),
        papers: None,
        majority: None,
        winners: Vec::new(),
        contests_line: None,
    }
}

fn results(contests: Vec<PublishedContest>) -> PublishedResults {
    PublishedResults {
        file: "r.csv".into(),
        contests_file: None,
        contests,
    }
}

/// A field, a change to a consistent contest, and the problem expected.
type Case = (&'static str, fn(&mut PublishedContest), ResultsProblemKind);

fn codes(report: &ResultsReport) -> Vec<&'static str> {
    report.problems.iter().map(|p| p.code).collect()
}

/// A 500, B 300, C 200: valid 1,000, + 10 rejected = 1,010 papers; A is
/// elected by the most votes (PER r.50) with a majority of 500 − 300 =
/// 200; shares 50.00, 30.00, 20.00.
#[test]
fn a_consistent_contest_has_no_problems() {
    let mut c = contest(
        "a",
        1,
        vec![
            candidate("A", "X", 500, None),
            candidate("B", "Y", 300, None),
            candidate("C", "Z", 200, None),
        ],
    );
    c.valid = Some(1_000);
    c.rejected = Some(10);
    c.papers = Some(1_010);
    c.majority = Some(200);
    let r = check_results(&results(vec![c]), None);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let k = &r.contests[0];
    assert_eq!(k.majority, Some(200));
    assert_eq!(k.votes, 1_000);
    let shares: Vec<String> = k
        .candidates
        .iter()
        .map(|c| c.share.unwrap().to_string())
        .collect();
    assert_eq!(shares, ["50.00", "30.00", "20.00"]);
    assert!(k.candidates[0].elected_by_rules && !k.candidates[1].elected_by_rules);
}

/// Each inconsistency of published figures, worked by hand: the votes sum
/// to 1,000 but 999 are published as valid; 1,000 + 10 = 1,010 but 1,011
/// papers; the lead is 200 but 201 is published.
#[test]
fn inconsistent_figures_are_each_named_with_both_figures() {
    let table: [Case; 3] = [
        (
            "valid",
            |c| c.valid = Some(999),
            ResultsProblemKind::VotesNotValid {
                contest: "a".into(),
                sum: 1_000,
                valid: 999,
            },
        ),
        (
            "papers",
            |c| {
                c.rejected = Some(10);
                c.papers = Some(1_011);
            },
            ResultsProblemKind::PapersNotValidPlusRejected {
                contest: "a".into(),
                valid: 1_000,
                rejected: 10,
                sum: Some(1_010),
                papers: 1_011,
            },
        ),
        (
            "majority",
            |c| c.majority = Some(201),
            ResultsProblemKind::MajorityDiffers {
                contest: "a".into(),
                published: 201,
                computed: 200,
            },
        ),
    ];
    for (field, change, expected) in table {
        let mut c = contest(
            "a",
            1,
            vec![
                candidate("A", "X", 500, None),
                candidate("B", "Y", 300, None),
                candidate("C", "Z", 200, None),
            ],
        );
        change(&mut c);
        let r = check_results(&results(vec![c]), None);
        assert_eq!(r.problems.len(), 1, "{field}: {:?}", r.problems);
        assert_eq!(r.problems[0].kind, expected, "{field}");
        assert_eq!(r.problems[0].field.as_deref(), Some(field));
        assert!(r.problems[0].kind.is_inconsistency());
    }
}

/// B (300) published as elected over A (500): the rules elect A (PER
/// r.50); that is the headline problem, listed before any other.
#[test]
fn a_wrong_published_winner_is_the_headline_problem() {
    let mut c = contest(
        "a",
        1,
        vec![
            candidate("A", "X", 500, Some(false)),
            candidate("B", "Y", 300, Some(true)),
            candidate("C", "Z", 200, Some(false)),
        ],
    );
    c.valid = Some(999);
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["wrong_winner", "votes_not_valid"]);
    assert_eq!(
        r.problems[0].kind,
        ResultsProblemKind::WrongWinner {
            contest: "a".into(),
            published: "B".into(),
            by_rules: "A".into(),
            rule: "first past the post: the most votes, RPA 1983 Sch 1 r.50".into(),
        }
    );
    assert_eq!(r.contests[0].published_winners_agree, Some(false));
    // The seat counts for the published winner's party: it is what was
    // declared.
    let y = r.parties.iter().find(|p| p.party == "Y").unwrap();
    assert_eq!(y.seats, 1);
}

/// A 400, B 400, C 200 for one seat: an equality of votes for the seat,
/// settled by lot (PER r.49); no majority, and the seat is counted for no
/// party while the file names no winner.
#[test]
fn an_equality_at_the_boundary_is_reported_never_decided() {
    let c = contest(
        "a",
        1,
        vec![
            candidate("A", "X", 400, None),
            candidate("B", "Y", 400, None),
            candidate("C", "Z", 200, None),
        ],
    );
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["boundary_tie"]);
    assert_eq!(
        r.problems[0].kind,
        ResultsProblemKind::BoundaryTie {
            rule: "RPA 1983 Sch 1 r.49".into(),
            contest: "a".into(),
            tied: "A, B".into(),
            votes: 400,
            places: 1,
        }
    );
    assert_eq!(r.contests[0].majority, None);
    assert_eq!(r.seats_undecided, 1);
    assert!(r.parties.iter().all(|p| p.seats == 0));
}

/// Two seats: A 500, B 400, C 400, D 100. A is elected; B and C tie for
/// the second seat. A published result of A and C agrees with the rules
/// (C won the lot); A and D does not.
#[test]
fn a_published_lot_winner_agrees_and_a_non_tied_one_does_not() {
    let make = |c_elected, d_elected| {
        contest(
            "w",
            2,
            vec![
                candidate("A", "X", 500, Some(true)),
                candidate("B", "Y", 400, Some(false)),
                candidate("C", "Z", 400, Some(c_elected)),
                candidate("D", "V", 100, Some(d_elected)),
            ],
        )
    };
    let r = check_results(&results(vec![make(true, false)]), None);
    assert_eq!(codes(&r), ["boundary_tie"]);
    assert_eq!(r.contests[0].published_winners_agree, Some(true));
    let r = check_results(&results(vec![make(false, true)]), None);
    assert_eq!(codes(&r), ["boundary_tie", "wrong_winner"]);
    assert_eq!(
        r.problems[1].kind,
        ResultsProblemKind::WrongWinner {
            contest: "w".into(),
            published: "A, D".into(),
            by_rules: "A and 1 of B, C by lot".into(),
            rule: "first past the post: the most votes, RPA 1983 Sch 1 r.50".into(),
        }
    );
}

/// Two contests: X 500 + 100 = 600, Y 300 + 600 = 900, Z 200, of 1,700:
/// shares 35.29 (600/1,700 = 35.294…), 52.94 (52.941…) and 11.76
/// (11.764…), half up. Before: X 1 seat and 50 of 100 votes, Y 50: 50.00
/// each. Changes: X 35.29 − 50.00 = −14.71, Y +2.94, Z +11.76; seats X 0,
/// Y +1, Z 0; W stood before only: 0 seats, −1, its share 0.00.
#[test]
fn the_summary_by_party_has_exact_shares_and_changes() {
    let one = contest(
        "a",
        1,
        vec![
            candidate("A", "X", 500, None),
            candidate("B", "Y", 300, None),
            candidate("C", "Z", 200, None),
        ],
    );
    let two = contest(
        "b",
        1,
        vec![
            candidate("D", "X", 100, None),
            candidate("E", "Y", 600, None),
        ],
    );
    let previous = PreviousTotals {
        parties: [
            ("X".to_owned(), (1, 50)),
            ("Y".to_owned(), (0, 30)),
            ("W".to_owned(), (1, 20)),
        ]
        .into_iter()
        .collect(),
        votes: 100,
    };
    let r = check_results(&results(vec![one, two]), Some(&previous));
    assert!(r.problems.is_empty());
    assert_eq!(r.votes, 1_700);
    let line = |p: &str| r.parties.iter().find(|l| l.party == p).unwrap().clone();
    let (x, y, z, w) = (line("X"), line("Y"), line("Z"), line("W"));
    assert_eq!(
        (x.seats, x.votes, x.share.unwrap().to_string()),
        (1, 600, "35.29".into())
    );
    assert_eq!(
        (y.seats, y.votes, y.share.unwrap().to_string()),
        (1, 900, "52.94".into())
    );
    assert_eq!(z.share.unwrap().to_string(), "11.76");
    assert_eq!(x.share_change_hundredths, Some(-1_471));
    // Y before: 30/100 = 30.00; 52.94 − 30.00 = +22.94.
    assert_eq!(y.share_change_hundredths, Some(2_294));
    assert_eq!(z.share_change_hundredths, Some(1_176));
    assert_eq!(
        (x.seat_change, y.seat_change, z.seat_change),
        (Some(0), Some(1), Some(0))
    );
    assert_eq!(
        (w.seats, w.seat_change, w.share_change_hundredths),
        (0, Some(-1), Some(-2_000))
    );
    // Most seats first, then most votes: Y (1, 900), X (1, 600), then Z, W.
    let order: Vec<&str> = r.parties.iter().map(|p| p.party.as_str()).collect();
    assert_eq!(order, ["Y", "X", "Z", "W"]);
}

/// A member named in the contests file is matched by name, ignoring case
/// and spacing; a name that is no candidate's is a problem.
#[test]
fn winners_from_the_contests_file_are_matched_by_name() {
    let mut c = contest(
        "a",
        1,
        vec![
            candidate("Ann  Smith", "X", 5, None),
            candidate("Bo Lee", "Y", 3, None),
        ],
    );
    c.winners = vec!["ann smith".into()];
    let r = check_results(&results(vec![c.clone()]), None);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.contests[0].published_winners_agree, Some(true));
    c.winners = vec!["Cy Rex".into()];
    let r = check_results(&results(vec![c]), None);
    assert_eq!(
        codes(&r),
        ["winners_not_seats", "wrong_winner", "unknown_winner"]
    );
}

#[test]
fn problem_codes_are_distinct_snake_case() {
    let kinds = [
        ResultsProblemKind::HeaderOnly,
        ResultsProblemKind::NotUtf8,
        ResultsProblemKind::EmptyValue,
        ResultsProblemKind::TooMany { more: 1 },
        ResultsProblemKind::VotesNotValid {
            contest: String::new(),
            sum: 0,
            valid: 0,
        },
        ResultsProblemKind::WrongWinner {
            contest: String::new(),
            published: String::new(),
            by_rules: String::new(),
            rule: String::new(),
        },
        ResultsProblemKind::BoundaryTie {
            rule: String::new(),
            contest: String::new(),
            tied: String::new(),
            votes: 0,
            places: 0,
        },
        ResultsProblemKind::CandidateTwice {
            contest: String::new(),
            candidate: String::new(),
            first_line: 0,
        },
        ResultsProblemKind::PartyDiffers {
            contest: String::new(),
            candidate: String::new(),
            first: String::new(),
            first_line: 0,
            second: String::new(),
        },
        ResultsProblemKind::UnknownColumn {
            column: String::new(),
        },
    ];
    let mut seen = std::collections::BTreeSet::new();
    for k in &kinds {
        assert!(
            k.code()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{}",
            k.code()
        );
        assert!(seen.insert(k.code()), "{}", k.code());
    }
}

/// More than 1,000 problems: the first 1,000 are listed and the rest
/// counted in one last problem.
#[test]
fn problems_stop_at_a_thousand_and_count_the_rest() {
    let mut p = Problems::default();
    for _ in 0..1_005 {
        p.push(ResultsProblem::new("f", ResultsProblemKind::EmptyValue));
    }
    let list = p.finish("f");
    assert_eq!(list.len(), 1_001);
    assert_eq!(list[1_000].kind, ResultsProblemKind::TooMany { more: 5 });
    assert_eq!(list[1_000].to_string(), "f: 5 more problems not listed");
}

/// A supplementary-vote contest of four: first preferences A 4,000, B
/// 3,000, C 2,000, D 1,000 (10,000 valid). No one has more than half
/// (2 × 4,000 = 8,000 ≤ 10,000), so A and B remain and C and D are
/// eliminated (LAMR 2007 r.51 as summarised in `countroom_tally::sv`); the
/// second count examines C's and D's 3,000 papers.
fn sv_contest(seconds: [Option<u64>; 4], elected: [Option<bool>; 4]) -> PublishedContest {
    let firsts = [("A", 4_000), ("B", 3_000), ("C", 2_000), ("D", 1_000)];
    let mut c = contest(
        "m",
        1,
        firsts
            .iter()
            .zip(seconds)
            .zip(elected)
            .map(|((&(n, v), s), e)| {
                let mut x = candidate(n, n, v, e);
                x.second = s;
                x
            })
            .collect(),
    );
    c.office = "mayor".into();
    c.authority = Some("local_authority".into());
    c.ruleset = Some("mayor-sv-2007".into());
    c.method = PublishedMethod::SupplementaryVote;
    c.valid = Some(10_000);
    c
}

/// Each supplementary-vote check, worked by hand from the contest above.
#[test]
fn supplementary_vote_checks() {
    // A +500 = 4,500, B +1,200 = 4,200: A returned with a lead of 300;
    // 1,700 ≤ 3,000 papers examined. Clean.
    let c = sv_contest(
        [Some(500), Some(1_200), None, None],
        [Some(true), Some(false), Some(false), Some(false)],
    );
    let r = check_results(&results(vec![c]), None);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let k = &r.contests[0];
    assert_eq!(k.method, PublishedMethod::SupplementaryVote);
    assert_eq!(k.majority, Some(300));
    let got: Vec<(&str, Option<u64>, Option<u64>, bool)> = k
        .candidates
        .iter()
        .map(|c| (c.name.as_str(), c.second, c.total, c.elected_by_rules))
        .collect();
    assert_eq!(
        got,
        [
            ("A", Some(500), Some(4_500), true),
            ("B", Some(1_200), Some(4_200), false),
            ("C", None, None, false),
            ("D", None, None, false),
        ]
    );

    // B +1,600 = 4,600 overtakes A +500 = 4,500: B is returned; a file
    // naming A is the headline problem.
    let c = sv_contest(
        [Some(500), Some(1_600), None, None],
        [Some(true), Some(false), None, None],
    );
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["wrong_winner"]);
    let ResultsProblemKind::WrongWinner { by_rules, rule, .. } = &r.problems[0].kind else {
        panic!("{:?}", r.problems);
    };
    assert_eq!(by_rules, "B");
    assert!(rule.contains("SI 2007/1024"), "{rule}");

    // Second preferences added to C, eliminated at the first count.
    let c = sv_contest([Some(500), Some(1_200), Some(40), None], [None; 4]);
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["second_votes_for_eliminated"]);
    assert_eq!(r.problems[0].field.as_deref(), Some("second"));
    // A zero for an eliminated candidate adds nothing: not a problem.
    let c = sv_contest([Some(500), Some(1_200), Some(0), None], [None; 4]);
    assert!(check_results(&results(vec![c]), None).problems.is_empty());

    // B has no second-round figure: the winner cannot be checked.
    let c = sv_contest(
        [Some(500), None, None, None],
        [Some(true), None, None, None],
    );
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["second_round_missing"]);
    assert_eq!(r.contests[0].published_winners_agree, None);

    // 2,000 + 1,500 = 3,500 added, but only 3,000 papers are examined.
    let c = sv_contest([Some(2_000), Some(1_500), None, None], [None; 4]);
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["second_votes_exceed_papers"]);
    assert!(r.problems[0].kind.is_inconsistency());

    // A +700 = 4,700, B +1,700 = 4,700: an equality, settled by lot.
    let c = sv_contest([Some(700), Some(1_700), None, None], [None; 4]);
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["boundary_tie"]);
    assert_eq!(r.seats_undecided, 1);

    // The same figures for a contest counted by first past the post: a
    // second round it does not have.
    let mut c = sv_contest([Some(500), Some(1_200), None, None], [None; 4]);
    c.method = PublishedMethod::FirstPastThePost;
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["second_round_not_supplementary_vote"]);
    assert!(r.problems[0].kind.is_inconsistency());
}

/// A first-count majority: A 6,000 of 10,000 (2 × 6,000 > 10,000) is
/// returned at the first count; a published second round is not a count
/// the rules hold.
#[test]
fn a_first_count_majority_holds_no_second_round() {
    let mut c = sv_contest([None; 4], [Some(true), None, None, None]);
    c.candidates[0].votes = 6_000;
    c.candidates[3].votes = 0;
    c.valid = Some(11_000);
    c.candidates[1].votes = 3_000;
    c.candidates[2].votes = 2_000;
    let r = check_results(&results(vec![c.clone()]), None);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.contests[0].majority, Some(3_000));
    c.candidates[1].second = Some(10);
    let r = check_results(&results(vec![c]), None);
    assert_eq!(codes(&r), ["second_round_not_held"]);
}

/// Three seats: 2,500 votes from 1,000 valid papers is possible (between
/// 1,000 and 3,000); 3,200 is not, nor 900.
#[test]
fn several_seats_check_votes_against_papers() {
    let make = |a: u64| {
        let mut c = contest(
            "w",
            3,
            vec![
                candidate("A", "X", a, None),
                candidate("B", "Y", 600, None),
                candidate("C", "Z", 500, None),
                candidate("D", "V", 400, None),
            ],
        );
        c.office = "principal_councillor".into();
        c.valid = Some(1_000);
        c
    };
    assert!(check_results(&results(vec![make(1_000)]), None)
        .problems
        .is_empty());
    let r = check_results(&results(vec![make(1_700)]), None);
    assert_eq!(
        r.problems[0].kind,
        ResultsProblemKind::VotesNotWithinPapers {
            contest: "w".into(),
            sum: 3_200,
            valid: 1_000,
            seats: 3,
            seats_times_valid: Some(3_000),
        }
    );
}

/// Rejected papers by head: 3 + 5 = 8, against a published total of 9;
/// with no total the heads give it, and 1,000 + 8 = 1,008 papers.
#[test]
fn rejected_papers_by_head_sum_to_the_total() {
    use countroom_rules::RejectionHead;
    let mut c = contest(
        "a",
        1,
        vec![
            candidate("A", "X", 600, None),
            candidate("B", "Y", 400, None),
        ],
    );
    c.rejected_heads = vec![
        PublishedHead {
            head: RejectionHead::NoOfficialMark,
            papers: 3,
        },
        PublishedHead {
            head: RejectionHead::UnmarkedOrVoid,
            papers: 5,
        },
    ];
    c.papers = Some(1_008);
    let r = check_results(&results(vec![c.clone()]), None);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.contests[0].rejected, Some(8));
    c.rejected = Some(9);
    let r = check_results(&results(vec![c]), None);
    assert_eq!(
        codes(&r),
        ["heads_not_rejected", "papers_not_valid_plus_rejected"]
    );
}
