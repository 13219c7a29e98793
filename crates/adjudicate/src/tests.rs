//! Table-driven tests: one table per ruleset, every head and every case of
//! the saving clause, each citing its rule; then the properties.

use countroom_model::RulesetId;
use countroom_rules::{ruleset, RejectionHead};
use proptest::prelude::*;

use crate::{
    ballot_paper, compact, Adjudicator, BallotPaper, Category, Class, Doubt, Mark, MarkError,
    MarkKind, Outcome, Paper, Placement, SavingReason, SecondPreference,
};

use MarkKind::{Other, Tick};
use Placement::{Outside, Straddling};
use RejectionHead::*;

fn x(c: usize) -> Mark {
    Mark::cross(c)
}

fn f(c: usize, n: u32) -> Mark {
    Mark::figure(c, n)
}

fn paper(marks: &[Mark]) -> BallotPaper {
    BallotPaper::marked(marks.to_vec())
}

fn no_official(marks: &[Mark]) -> BallotPaper {
    BallotPaper {
        official_mark: false,
        ..paper(marks)
    }
}

fn identified(marks: &[Mark]) -> BallotPaper {
    BallotPaper {
        identifying_mark: true,
        ..paper(marks)
    }
}

fn valid(votes: &[usize], saved: bool) -> Outcome {
    Outcome::Valid {
        votes: votes.to_vec(),
        saved,
    }
}

fn run(id: RulesetId, candidates: usize, seats: usize, cases: &[(&str, BallotPaper, Outcome)]) {
    let adj = Adjudicator::new(ruleset(id), candidates, seats).unwrap();
    for (name, paper, expected) in cases {
        assert_eq!(
            adj.adjudicate(paper).as_ref(),
            Ok(expected),
            "{id:?}: {name}"
        );
        // Heads given are heads of this ruleset's statement.
        if let Outcome::Rejected(head) = expected {
            assert!(adj.rules().head(*head).is_some(), "{id:?}: {name}: {head}");
        }
    }
}

/// The heads and the saving clause at a single-member first-past-the-post
/// poll (three candidates).
fn single_member_cases() -> Vec<(&'static str, BallotPaper, Outcome)> {
    vec![
        ("a cross in the box", paper(&[x(1)]), valid(&[1], false)),
        ("r.47(1)(a) no official mark", no_official(&[x(1)]), Outcome::Rejected(NoOfficialMark)),
        ("r.47(1)(b) crosses for two candidates", paper(&[x(0), x(2)]), Outcome::Rejected(TooManyVotes)),
        ("r.47(1)(c) writing identifying the voter", identified(&[x(0)]), Outcome::Rejected(IdentifyingMark)),
        ("r.47(1)(d) unmarked", paper(&[]), Outcome::Rejected(UnmarkedOrVoid)),
        (
            "r.47(1)(d) void for uncertainty: one mark across two names",
            paper(&[x(0).at(Straddling)]),
            Outcome::Rejected(UnmarkedOrVoid),
        ),
        ("r.47(2)(a) elsewhere than in the proper place", paper(&[x(2).at(Outside)]), valid(&[2], true)),
        ("r.47(2)(b) otherwise than by a cross: a tick", paper(&[x(2).kind(Tick)]), valid(&[2], true)),
        ("r.47(2)(b) otherwise than by a cross: the figure 1", paper(&[f(2, 1)]), valid(&[2], true)),
        ("r.47(2)(c) by more than one mark", paper(&[x(0), x(0).at(Outside)]), valid(&[0], true)),
        (
            "r.47(2): an other mark is for the returning officer",
            paper(&[x(1).kind(Other)]),
            Outcome::Doubtful(Doubt::OtherMark),
        ),
        (
            "a cross and a mark across two names: a second vote or not is for the returning officer",
            paper(&[x(0), x(1).at(Straddling)]),
            Outcome::Doubtful(Doubt::UncertainMark),
        ),
        (
            "figures 1 and 2 are votes for two candidates: r.47(1)(b)",
            paper(&[f(0, 1), f(1, 2)]),
            Outcome::Rejected(TooManyVotes),
        ),
        (
            "r.47(2) proviso: the saving clause does not save a paper identifying the voter",
            identified(&[x(0).kind(Tick)]),
            Outcome::Rejected(IdentifyingMark),
        ),
        ("order of heads: (a) before (b)", no_official(&[x(0), x(1)]), Outcome::Rejected(NoOfficialMark)),
        ("order of heads: (b) before (c)", identified(&[x(0), x(1)]), Outcome::Rejected(TooManyVotes)),
        ("order of heads: (c) before (d)", identified(&[]), Outcome::Rejected(IdentifyingMark)),
    ]
}

/// Parliamentary Elections Rules r.47.
#[test]
fn uk_parliamentary() {
    run(RulesetId::UkParliamentary, 3, 1, &single_member_cases());
}

/// Police and Crime Commissioner Elections Order 2012 Sch 3 r.53 (as at
/// 16 January 2023): the same tests, but unmarked (d) and void for
/// uncertainty (e) are heads of their own.
#[test]
fn pcc_first_past_the_post() {
    let cases: Vec<_> = single_member_cases()
        .into_iter()
        .map(|(name, paper, outcome)| {
            let outcome = match (&outcome, paper.marks.is_empty()) {
                (Outcome::Rejected(UnmarkedOrVoid), true) => Outcome::Rejected(Unmarked),
                (Outcome::Rejected(UnmarkedOrVoid), false) => Outcome::Rejected(VoidForUncertainty),
                _ => outcome,
            };
            (name, paper, outcome)
        })
        .collect();
    run(RulesetId::PccFptp2023, 3, 1, &cases);
}

/// Local Elections (Principal Areas) Rules 2006 Sch 2 r.47: a three-seat
/// ward of five candidates.
fn multi_member_cases() -> Vec<(&'static str, BallotPaper, Outcome)> {
    vec![
        (
            "one cross: plumping is lawful, two votes unused",
            paper(&[x(3)]),
            valid(&[3], false),
        ),
        (
            "three crosses for three seats",
            paper(&[x(0), x(2), x(4)]),
            valid(&[0, 2, 4], false),
        ),
        (
            "r.47(1)(a) no official mark",
            no_official(&[x(1)]),
            Outcome::Rejected(NoOfficialMark),
        ),
        (
            "r.47(1)(b) votes for more candidates than the voter is entitled to",
            paper(&[x(0), x(1), x(2), x(3)]),
            Outcome::Rejected(TooManyVotes),
        ),
        (
            "r.47(1)(c) identifying mark",
            identified(&[x(0), x(1)]),
            Outcome::Rejected(IdentifyingMark),
        ),
        (
            "r.47(1)(d) unmarked",
            paper(&[]),
            Outcome::Rejected(UnmarkedOrVoid),
        ),
        (
            "r.47(1)(d) wholly void for uncertainty",
            paper(&[x(1).at(Straddling), x(3).at(Straddling)]),
            Outcome::Rejected(UnmarkedOrVoid),
        ),
        (
            "r.47(2) saving clause: ticks, a figure and a cross outside the box",
            paper(&[x(0).kind(Tick), f(1, 1), x(4).at(Outside)]),
            valid(&[0, 1, 4], true),
        ),
        (
            "r.47(3) rejected in part: two clear votes and a mark across two names",
            paper(&[x(0), x(4), x(2).at(Straddling)]),
            Outcome::RejectedInPart { votes: vec![0, 4] },
        ),
        (
            "r.47(3) rejected in part: one clear vote, two uncertain marks",
            paper(&[x(0), x(1).at(Straddling), x(3).at(Straddling)]),
            Outcome::RejectedInPart { votes: vec![0] },
        ),
        (
            "three clear votes and an uncertain mark may be four votes: for the returning officer",
            paper(&[x(0), x(1), x(2), x(3).at(Straddling)]),
            Outcome::Doubtful(Doubt::UncertainMark),
        ),
        (
            "two crosses for one candidate are one vote (r.47(2)(c)), not two",
            paper(&[x(0), x(0), x(1), x(2)]),
            valid(&[0, 1, 2], true),
        ),
        (
            "a clear vote and an other mark: for the returning officer",
            paper(&[x(0), x(2).kind(Other)]),
            Outcome::Doubtful(Doubt::OtherMark),
        ),
        (
            "(b) before (c): four crosses and a signature",
            identified(&[x(0), x(1), x(2), x(3)]),
            Outcome::Rejected(TooManyVotes),
        ),
    ]
}

#[test]
fn england_principal_2006() {
    run(RulesetId::EnglandPrincipal2006, 5, 3, &multi_member_cases());
}

/// Local Elections (Parishes and Communities) Rules 2006 Sch 2 r.47, in
/// the same form.
#[test]
fn england_parish_2006() {
    run(RulesetId::EnglandParish2006, 5, 3, &multi_member_cases());
}

/// Local Elections (Principal Areas) (Wales) Rules 2021 Sch 2 r.60(2),
/// (5)(b): rejected in part at a multi-member poll.
#[test]
fn wales_principal_2021() {
    run(RulesetId::WalesPrincipal2021, 5, 3, &multi_member_cases());
    // A single-member Welsh ward has no part to reject.
    run(
        RulesetId::WalesPrincipal2021,
        3,
        1,
        &[(
            "single seat: a cross and an uncertain mark is for the returning officer",
            paper(&[x(0), x(1).at(Straddling)]),
            Outcome::Doubtful(Doubt::UncertainMark),
        )],
    );
}

/// At a single-seat poll under the English local rules there is no part
/// to reject either.
#[test]
fn rejected_in_part_needs_several_seats() {
    run(
        RulesetId::EnglandPrincipal2006,
        3,
        1,
        &[(
            "single-member ward: no rejection in part",
            paper(&[x(0), x(1).at(Straddling)]),
            Outcome::Doubtful(Doubt::UncertainMark),
        )],
    );
}

/// Parliamentary Voting System and Constituencies Act 2011 Sch 2 r.42:
/// answers 0 (Remain) and 1 (Leave).
#[test]
fn uk_referendum() {
    run(
        RulesetId::UkReferendum,
        2,
        1,
        &[
            ("a cross for one answer", paper(&[x(0)]), valid(&[0], false)),
            (
                "r.42(1)(a) no official mark",
                no_official(&[x(1)]),
                Outcome::Rejected(NoOfficialMark),
            ),
            (
                "r.42(1)(b) both answers voted for",
                paper(&[x(0), x(1)]),
                Outcome::Rejected(TooManyVotes),
            ),
            (
                "r.42(1)(c) identifying mark",
                identified(&[x(1)]),
                Outcome::Rejected(IdentifyingMark),
            ),
            (
                "r.42(1)(d) unmarked",
                paper(&[]),
                Outcome::Rejected(UnmarkedOrVoid),
            ),
            (
                "r.42(1)(d) does not indicate the voter's intention with certainty",
                paper(&[x(0).at(Straddling)]),
                Outcome::Rejected(UnmarkedOrVoid),
            ),
            (
                "r.42(2)(a) elsewhere than in the proper place",
                paper(&[x(1).at(Outside)]),
                valid(&[1], true),
            ),
            (
                "r.42(2)(b) otherwise than by a cross",
                paper(&[x(1).kind(Tick)]),
                valid(&[1], true),
            ),
            (
                "r.42(2)(c) by more than one mark",
                paper(&[x(1), x(1)]),
                valid(&[1], true),
            ),
            (
                "a word against an answer: for the counting officer",
                paper(&[x(0).kind(Other)]),
                Outcome::Doubtful(Doubt::OtherMark),
            ),
        ],
    );
}

fn fp(first: usize, second: SecondPreference, saved: bool) -> Outcome {
    Outcome::FirstPreference {
        first,
        second,
        saved,
    }
}

/// The supplementary vote, four candidates.
fn sv_cases() -> Vec<(&'static str, BallotPaper, Outcome)> {
    use SecondPreference as S;
    vec![
        ("a first choice only", paper(&[x(2)]), fp(2, S::None, false)),
        (
            "first and second choices",
            paper(&[x(2), x(0).second()]),
            fp(2, S::For(0), false),
        ),
        (
            "(a) no official mark",
            no_official(&[x(2)]),
            Outcome::Rejected(NoOfficialMark),
        ),
        (
            "(b) more than one first preference vote",
            paper(&[x(0), x(1), x(2).second()]),
            Outcome::Rejected(TooManyVotes),
        ),
        (
            "(c) identifying mark",
            identified(&[x(0)]),
            Outcome::Rejected(IdentifyingMark),
        ),
        (
            "second choice for two candidates: the first preference still counts (r.48(3))",
            paper(&[x(3), x(0).second(), x(1).second()]),
            fp(3, S::Void, false),
        ),
        (
            "second choice the same candidate as the first: recorded, never counts for another",
            paper(&[x(3), x(3).second()]),
            fp(3, S::For(3), false),
        ),
        (
            "r.48(2)(i) saving clause: a tick outside the first-choice box",
            paper(&[x(1).kind(Tick).at(Outside)]),
            fp(1, S::None, true),
        ),
        (
            "an uncertain second choice is void as to the second preference only",
            paper(&[x(1), x(2).second().at(Straddling)]),
            fp(1, S::Void, false),
        ),
        (
            "an other mark in the second column: for the returning officer",
            paper(&[x(1), x(2).second().kind(Other)]),
            Outcome::Doubtful(Doubt::OtherMark),
        ),
    ]
}

/// Local Authorities (Mayoral Elections) Regulations 2007 Sch 1 r.48: four
/// heads, (d) "unmarked or void for uncertainty as to the first preference
/// vote".
#[test]
fn mayor_supplementary_vote() {
    use SecondPreference as S;
    let mut cases = sv_cases();
    cases.extend([
        (
            "(d) unmarked as to the first preference, though a second is marked",
            paper(&[x(1).second()]),
            Outcome::Rejected(UnmarkedOrVoid),
        ),
        (
            "(d) unmarked",
            paper(&[]),
            Outcome::Rejected(UnmarkedOrVoid),
        ),
        (
            "(d) void for uncertainty as to the first preference",
            paper(&[x(1).at(Straddling), x(3).second()]),
            Outcome::Rejected(UnmarkedOrVoid),
        ),
    ]);
    run(RulesetId::MayorSv2007, 4, 1, &cases);
    run(RulesetId::MayorSv2026, 4, 1, &cases);
    // r.48(2)(ii): with two candidates the paper is a single vote, and has
    // no second-choice column.
    let two = Adjudicator::new(ruleset(RulesetId::MayorSv2007), 2, 1).unwrap();
    assert_eq!(two.adjudicate(&paper(&[x(1)])), Ok(valid(&[1], false)));
    assert!(matches!(
        two.adjudicate(&paper(&[x(1), x(0).second()])),
        Err(MarkError::NoSecondColumn { .. })
    ));
    let _ = S::None;
}

/// Police and Crime Commissioner Elections Order 2012 Sch 3 r.53 in its
/// supplementary-vote form: five heads, unmarked (d) and void for
/// uncertainty (e) as to the first preference.
#[test]
fn pcc_supplementary_vote() {
    let mut cases = sv_cases();
    cases.extend([
        (
            "(d) unmarked as to the first preference",
            paper(&[x(1).second()]),
            Outcome::Rejected(Unmarked),
        ),
        (
            "(e) void for uncertainty as to the first preference",
            paper(&[x(1).at(Straddling)]),
            Outcome::Rejected(VoidForUncertainty),
        ),
    ]);
    run(RulesetId::PccSv2012, 4, 1, &cases);
}

fn prefs(order: &[usize], partial: bool, saved: bool) -> Outcome {
    Outcome::Preferences {
        order: order.to_vec(),
        partial,
        saved,
    }
}

/// Preferential papers, five candidates.
fn stv_cases() -> Vec<(&'static str, BallotPaper, Outcome)> {
    vec![
        (
            "1, 2, 3",
            paper(&[f(3, 1), f(0, 2), f(4, 3)]),
            prefs(&[3, 0, 4], false, false),
        ),
        (
            "a first preference alone",
            paper(&[f(2, 1)]),
            prefs(&[2], false, false),
        ),
        (
            "(a) no official mark",
            no_official(&[f(0, 1)]),
            Outcome::Rejected(NoOfficialMark),
        ),
        (
            "(b) no figure 1",
            paper(&[f(0, 2), f(1, 3)]),
            Outcome::Rejected(NoFirstPreference),
        ),
        (
            "(c) the figure 1 against two candidates",
            paper(&[f(0, 1), f(1, 1), f(2, 2)]),
            Outcome::Rejected(TooManyVotes),
        ),
        (
            "(d) identifying mark",
            identified(&[f(0, 1)]),
            Outcome::Rejected(IdentifyingMark),
        ),
        (
            "(e) unmarked",
            paper(&[]),
            Outcome::Rejected(UnmarkedOrVoid),
        ),
        (
            "(e) void for uncertainty: the 1 across two names",
            paper(&[f(0, 1).at(Straddling), f(3, 2)]),
            Outcome::Rejected(UnmarkedOrVoid),
        ),
        (
            "sequence broken by two 3s: counted to the 2 (partially accepted)",
            paper(&[f(0, 1), f(1, 2), f(2, 3), f(3, 3)]),
            prefs(&[0, 1], true, false),
        ),
        (
            "sequence broken by a gap: 1, 3 counts the 1 only",
            paper(&[f(0, 1), f(1, 3)]),
            prefs(&[0], true, false),
        ),
        (
            "one candidate given 1 and 2: the 2 is not a further preference",
            paper(&[f(0, 1), f(0, 2), f(1, 3)]),
            prefs(&[0], true, false),
        ),
        (
            "a figure outside the box but against the name",
            paper(&[f(0, 1).at(Outside), f(1, 2)]),
            prefs(&[0, 1], false, true),
        ),
        (
            "a cross where the 1 should be: for the returning officer",
            paper(&[x(2)]),
            Outcome::Doubtful(Doubt::NotAFigure),
        ),
        (
            "a valid 1 and a cross elsewhere: the cross is not a preference",
            paper(&[f(2, 1), x(4)]),
            prefs(&[2], true, false),
        ),
        (
            "a 1 and a second 1 across two names: for the returning officer",
            paper(&[f(2, 1), f(3, 1).at(Straddling)]),
            Outcome::Doubtful(Doubt::UncertainMark),
        ),
        (
            "(a) before (b)",
            no_official(&[f(0, 2)]),
            Outcome::Rejected(NoOfficialMark),
        ),
        (
            "(b) before (d)",
            identified(&[f(0, 2)]),
            Outcome::Rejected(NoFirstPreference),
        ),
        (
            "(c) before (d)",
            identified(&[f(0, 1), f(1, 1)]),
            Outcome::Rejected(TooManyVotes),
        ),
    ]
}

/// Scottish Local Government Elections Order 2011 Sch 1 r.44.
#[test]
fn scotland_stv_2011() {
    run(RulesetId::ScotlandStv2011, 5, 3, &stv_cases());
}

/// Electoral Law Act (Northern Ireland) 1962 Sch 5 r.46 and r.50(4).
#[test]
fn northern_ireland_stv_1962() {
    run(RulesetId::NorthernIrelandStv1962, 5, 3, &stv_cases());
}

#[test]
fn bad_papers_are_errors() {
    let adj = Adjudicator::new(ruleset(RulesetId::UkParliamentary), 3, 1).unwrap();
    assert_eq!(
        adj.adjudicate(&paper(&[x(3)])),
        Err(MarkError::UnknownCandidate {
            index: 3,
            candidates: 3
        })
    );
    assert_eq!(
        adj.adjudicate(&paper(&[x(0).second()]))
            .unwrap_err()
            .to_string(),
        "a mark in the second-choice column, but only a supplementary-vote ballot paper has one"
    );
    assert!(Adjudicator::new(ruleset(RulesetId::UkParliamentary), 3, 0).is_err());
    assert!(Adjudicator::new(ruleset(RulesetId::UkParliamentary), 0, 1).is_err());
    assert!(Adjudicator::new(ruleset(RulesetId::PccSv2012), 4, 2).is_err());
    assert!(Adjudicator::new(ruleset(RulesetId::UkParliamentary), 128, 1).is_ok());
    assert_eq!(
        Adjudicator::new(ruleset(RulesetId::UkParliamentary), 129, 1)
            .unwrap_err()
            .to_string(),
        "129 candidates: ballot papers can be adjudicated for at most 128"
    );
    // The highest candidate of the largest paper is its own vote.
    let big = Adjudicator::new(ruleset(RulesetId::EnglandPrincipal2006), 128, 2).unwrap();
    assert_eq!(
        big.adjudicate(&paper(&[x(127), x(0).kind(Tick)])),
        Ok(valid(&[0, 127], true))
    );
}

fn arb_mark(candidates: usize) -> impl Strategy<Value = Mark> {
    (
        0..candidates,
        prop_oneof![
            Just(MarkKind::Cross),
            Just(MarkKind::Tick),
            (0u32..7).prop_map(MarkKind::Figure),
            Just(MarkKind::Other),
        ],
        prop_oneof![
            Just(Placement::InBox),
            Just(Placement::Outside),
            Just(Placement::Straddling)
        ],
        any::<bool>(),
    )
        .prop_map(|(candidate, kind, placement, second)| {
            let m = Mark::cross(candidate).kind(kind).at(placement);
            if second {
                m.second()
            } else {
                m
            }
        })
}

fn arb_paper(candidates: usize, second_column: bool) -> impl Strategy<Value = BallotPaper> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(arb_mark(candidates), 0..7),
    )
        .prop_map(move |(official_mark, identifying_mark, mut marks)| {
            if !second_column {
                for m in &mut marks {
                    m.column = crate::Column::First;
                }
            }
            BallotPaper {
                official_mark: official_mark || identifying_mark,
                identifying_mark,
                marks,
            }
        })
}

const RULESETS: [(RulesetId, usize, usize); 7] = [
    (RulesetId::UkParliamentary, 4, 1),
    (RulesetId::EnglandPrincipal2006, 5, 3),
    (RulesetId::UkReferendum, 2, 1),
    (RulesetId::MayorSv2007, 4, 1),
    (RulesetId::PccSv2012, 4, 1),
    (RulesetId::ScotlandStv2011, 5, 3),
    (RulesetId::NorthernIrelandStv1962, 5, 2),
];

proptest! {
    /// Every paper lands in exactly one category, and what it carries fits
    /// the category: a head of the ruleset's own statement; between one
    /// vote and the seats for a valid paper; fewer votes than seats for a
    /// paper rejected in part; distinct candidates on the paper.
    #[test]
    fn one_category_and_well_formed(which in 0usize..7, p in arb_paper(5, true)) {
        let (id, candidates, seats) = RULESETS[which];
        let adj = Adjudicator::new(ruleset(id), candidates, seats).unwrap();
        let p = BallotPaper {
            marks: p.marks.into_iter().filter(|m| m.candidate < candidates).collect(),
            ..p
        };
        let Ok(outcome) = adj.adjudicate(&p) else {
            // Only a second-column mark where there is none.
            prop_assert!(p.marks.iter().any(|m| m.column == crate::Column::Second));
            return Ok(());
        };
        let categories = [Category::Valid, Category::RejectedInPart, Category::Rejected, Category::Doubtful];
        prop_assert_eq!(categories.iter().filter(|&&c| c == outcome.category()).count(), 1);
        match &outcome {
            Outcome::Valid { votes, .. } => {
                prop_assert!(!votes.is_empty() && votes.len() <= seats);
                prop_assert!(votes.windows(2).all(|w| w[0] < w[1]));
            }
            Outcome::RejectedInPart { votes } => {
                prop_assert!(!votes.is_empty() && votes.len() < seats);
                prop_assert!(adj.rules().rejected_in_part_applies());
            }
            Outcome::Preferences { order, .. } => {
                let mut sorted = order.clone();
                sorted.sort_unstable();
                sorted.dedup();
                prop_assert_eq!(sorted.len(), order.len());
            }
            Outcome::Rejected(head) => prop_assert!(adj.rules().head(*head).is_some()),
            Outcome::FirstPreference { .. } | Outcome::Doubtful(_) => {}
        }
        // No official mark is always head (a); the rules are the same for
        // every paper, whatever else is on it.
        if !p.official_mark {
            prop_assert_eq!(outcome, Outcome::Rejected(NoOfficialMark));
        }
    }

    /// The classification does not depend on the order in which the marks
    /// are listed.
    #[test]
    fn order_of_marks_does_not_matter(which in 0usize..7, p in arb_paper(5, true), seed in any::<u64>()) {
        let (id, candidates, seats) = RULESETS[which];
        let adj = Adjudicator::new(ruleset(id), candidates, seats).unwrap();
        let mut p = BallotPaper {
            marks: p.marks.into_iter().filter(|m| m.candidate < candidates).collect(),
            ..p
        };
        let before = adj.adjudicate(&p);
        // A deterministic shuffle from the seed.
        let mut s = seed;
        for i in (1..p.marks.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let j = usize::try_from(s >> 33).unwrap() % (i + 1);
            p.marks.swap(i, j);
        }
        prop_assert_eq!(adj.adjudicate(&p), before.clone());
        p.marks.reverse();
        prop_assert_eq!(adj.adjudicate(&p), before);
    }

    /// A compact paper (crosses in the box only) is classified by the table
    /// exactly as the full adjudication classifies it.
    #[test]
    fn compact_agrees_with_full(bits in any::<u64>(), which in 0usize..3, seats in 1usize..4) {
        let (id, candidates, _) = RULESETS[which];
        let seats = if adj_single(id) { 1 } else { seats };
        let adj = Adjudicator::new(ruleset(id), candidates, seats).unwrap();
        let marks = bits & ((1 << candidates) - 1);
        let paper = Paper::from_bits(marks | (bits & (3 << 62)));
        let full = adj.adjudicate(&ballot_paper(paper)).unwrap();
        let expected = match full {
            Outcome::Valid { saved: false, .. } => Class::Valid,
            Outcome::Rejected(h) => Class::Rejected(h),
            other => panic!("a compact paper gave {other:?}"),
        };
        prop_assert_eq!(adj.classify(paper), expected);
        prop_assert_eq!(compact(&ballot_paper(paper)), Some(paper));
    }
}

fn adj_single(id: RulesetId) -> bool {
    matches!(id, RulesetId::UkParliamentary | RulesetId::UkReferendum)
}

#[test]
fn compact_refuses_rich_papers() {
    assert_eq!(compact(&paper(&[x(0).kind(Tick)])), None);
    assert_eq!(compact(&paper(&[x(0), x(0)])), None);
    assert_eq!(compact(&paper(&[x(0).second()])), None);
    assert_eq!(compact(&paper(&[x(70)])), None);
}

proptest! {
    /// Every paper the adjudicator finds valid under the saving clause has
    /// a reason, and it does not depend on the order of the marks.
    #[test]
    fn every_saved_paper_has_one_reason(which in 0usize..7, p in arb_paper(5, true)) {
        let (id, candidates, seats) = RULESETS[which];
        let adj = Adjudicator::new(ruleset(id), candidates, seats).unwrap();
        let p = BallotPaper {
            marks: p.marks.into_iter().filter(|m| m.candidate < candidates).collect(),
            ..p
        };
        let saved = matches!(
            adj.adjudicate(&p),
            Ok(Outcome::Valid { saved: true, .. }
                | Outcome::FirstPreference { saved: true, .. }
                | Outcome::Preferences { saved: true, .. })
        );
        let reason = SavingReason::of(&p);
        if saved {
            prop_assert!(reason.is_some(), "{p:?}");
        }
        let mut reversed = p.clone();
        reversed.marks.reverse();
        prop_assert_eq!(SavingReason::of(&reversed), reason);
    }
}

/// The saving clause's reasons, hand-worked, in the statute's order
/// (Parliamentary Elections Rules r.47(2)(a)–(c)): placement before the
/// kind of mark, a tick before a figure, and more than one mark last.
#[test]
fn saving_reasons_in_statutory_order() {
    let tick = |c| x(c).kind(Tick);
    let cases: [(&[Mark], Option<SavingReason>); 8] = [
        (&[x(0)], None),
        (&[x(0), x(1)], None),
        (&[tick(0)], Some(SavingReason::Tick)),
        (&[f(1, 1)], Some(SavingReason::Figure)),
        (&[x(0).at(Outside)], Some(SavingReason::OutsideBox)),
        (&[tick(0).at(Outside)], Some(SavingReason::OutsideBox)),
        (&[f(0, 1), tick(1)], Some(SavingReason::Tick)),
        (&[x(2), x(2)], Some(SavingReason::MoreThanOneMark)),
    ];
    for (marks, reason) in cases {
        assert_eq!(SavingReason::of(&paper(marks)), reason, "{marks:?}");
    }
    // An other mark and a mark across two names are not reasons.
    assert_eq!(
        SavingReason::of(&paper(&[x(0).kind(Other), x(1).at(Straddling)])),
        None
    );
    // Codes round-trip and are in the fixed order.
    let codes: Vec<&str> = SavingReason::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(
        codes,
        ["outside_box", "tick", "figure", "more_than_one_mark"]
    );
    for r in SavingReason::ALL {
        assert_eq!(SavingReason::from_code(r.code()), Some(r));
        assert_eq!(SavingReason::ALL[r.index()], r);
    }
    assert_eq!(SavingReason::from_code("smiley"), None);
}
