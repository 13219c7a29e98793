//! Supplementary-vote and referendum counts through the log, with
//! hand-worked figures (uk-count-rules §5.3, §3.5, §4.9).

use crate::{contest_report, replay, CountState, ProblemKind, RunOutcome, Status};
use countroom_model::CandidateIdx;

const HEADER: &str = r#"{"schema":"countroom-count-log","version":1}"#;

/// A log from event objects, numbered from 1, all by the returning officer.
fn log(events: &[String]) -> Vec<countroom_log::Entry> {
    let mut text = String::from(HEADER);
    for (i, e) in events.iter().enumerate() {
        text.push_str(&format!(
            "\n{{\"seq\":{},\"by\":\"Returning Officer\",\"event\":{e}}}",
            i + 1
        ));
    }
    countroom_log::read(text.as_bytes()).unwrap().entries
}

fn state(events: &[String]) -> CountState {
    let (state, problems) = replay(&log(events));
    assert!(problems.is_empty(), "{problems:#?}");
    state
}

fn problems(events: &[String]) -> Vec<ProblemKind> {
    replay(&log(events)).1.into_iter().map(|p| p.kind).collect()
}

/// A mayoral election under the restored supplementary vote (poll after
/// 18 June 2026), candidates A, B, C, D (or fewer).
fn mayor(candidates: &[&str]) -> Vec<String> {
    let cands: Vec<String> = candidates
        .iter()
        .map(|c| format!(r#"{{"id":"{c}","name":"Candidate {c}"}}"#))
        .collect();
    vec![
        r#"{"election_defined":{"election":"e","name":"Mayoral election","poll_date":"2028-05-04"}}"#.into(),
        format!(
            r#"{{"contest_defined":{{"contest":"m","election":"e","title":"Election of the Mayor","area":"Exampleshire Combined Authority","office":"mayor","authority":"combined_authority","country":"england","electorate":250000,"vacancies":[{{"kind":"ordinary","term_ends":"2032-05-06"}}],"candidates":[{}]}}}}"#,
            cands.join(",")
        ),
    ]
}

fn bundle(id: &str, votes: &[(&str, u64)]) -> String {
    let v: Vec<String> = votes
        .iter()
        .map(|(c, n)| format!(r#"{{"candidate":"{c}","votes":{n}}}"#))
        .collect();
    format!(
        r#"{{"bundle_counted":{{"contest":"m","run":1,"bundle":"{id}","votes":[{}]}}}}"#,
        v.join(",")
    )
}

fn rejected(head: &str, papers: u64) -> String {
    format!(r#"{{"rejected_counted":{{"contest":"m","run":1,"head":"{head}","papers":{papers}}}}}"#)
}

fn second(id: &str, votes: &[(&str, u64)], unmarked: u64, elim: u64, void: u64) -> String {
    let v: Vec<String> = votes
        .iter()
        .map(|(c, n)| format!(r#"{{"candidate":"{c}","votes":{n}}}"#))
        .collect();
    format!(
        r#"{{"second_preferences_counted":{{"contest":"m","run":1,"bundle":"{id}","votes":[{}],"unmarked":{unmarked},"for_eliminated":{elim},"void":{void}}}}}"#,
        v.join(",")
    )
}

fn event(kind: &str) -> String {
    format!(r#"{{"{kind}":{{"contest":"m","run":1}}}}"#)
}

/// §5.3: first preferences A 40,000, B 35,000, C 15,000, D 10,000, and 400
/// rejected.
fn worked_example_first_count() -> Vec<String> {
    let mut e = mayor(&["A", "B", "C", "D"]);
    e.push(bundle(
        "t1",
        &[("A", 25_000), ("B", 20_000), ("C", 9_000), ("D", 6_000)],
    ));
    e.push(bundle(
        "t2",
        &[("A", 15_000), ("B", 15_000), ("C", 6_000), ("D", 4_000)],
    ));
    e.push(rejected("unmarked_or_void", 300));
    e.push(rejected("too_many_votes", 100));
    e.push(event("count_completed"));
    e
}

fn idx(i: u32) -> CandidateIdx {
    CandidateIdx(i)
}

/// uk-count-rules §5.3, worked: no candidate has more than half of the
/// 100,000 first preferences, so A and B remain (GLAA 1999 Sch 2 para
/// 4(2)); the second count examines only C's and D's 25,000 papers: A gets
/// 6,000, B 9,500; A is returned with 46,000 against 44,500.
#[test]
fn worked_example_second_count_elects_a() {
    let mut e = worked_example_first_count();
    let s = state(&e);
    let c = &s.contests()[0];
    assert_eq!(
        c.current_outcome(),
        RunOutcome::SecondCountNeeded(vec![idx(0), idx(1)])
    );
    assert_eq!(contest_report(c).status, Status::SecondCountRequired);

    e.push(second(
        "C-papers",
        &[("A", 4_000), ("B", 5_000)],
        2_500,
        3_000,
        500,
    ));
    e.push(second(
        "D-papers",
        &[("A", 2_000), ("B", 4_500)],
        2_500,
        1_000,
        0,
    ));
    e.push(event("second_count_completed"));
    e.push(event("result_declared"));
    let s = state(&e);
    let c = &s.contests()[0];
    let RunOutcome::Elected(seats) = c.current_outcome() else {
        panic!("{:?}", c.current_outcome())
    };
    assert_eq!((seats[0].candidate, seats[0].votes), (idx(0), 46_000));
    let r = contest_report(c);
    assert_eq!(r.status, Status::Declared);
    let totals: Vec<_> = r
        .candidates
        .iter()
        .map(|x| (x.second_preferences, x.total))
        .collect();
    assert_eq!(
        totals,
        [
            (Some(6_000), Some(46_000)),
            (Some(9_500), Some(44_500)),
            (None, None),
            (None, None)
        ]
    );
    assert_eq!(r.majority, Some(1_500));
    let sv = r.supplementary_vote.unwrap();
    assert_eq!(sv.total_first_preferences, 100_000);
    assert_eq!(sv.papers_counted, 100_400);
    assert_eq!(sv.half_of_first_preferences, "50,000");
    assert_eq!(
        (sv.remaining.clone(), sv.eliminated.clone()),
        (
            vec!["A".to_owned(), "B".to_owned()],
            vec!["C".to_owned(), "D".to_owned()]
        )
    );
    let sc = sv.second_count.unwrap();
    assert_eq!(
        (sc.to_examine, sc.examined, sc.variance),
        (25_000, Some(25_000), Some(0))
    );
    // Rejected for the second count: unmarked or void as to the second
    // preference (PCCEO 2012 r.62(2)); a second preference for C or D is
    // neither counted nor rejected.
    assert_eq!(
        (sc.rejected, sc.unmarked, sc.void, sc.for_eliminated),
        (5_500, Some(5_000), Some(500), Some(4_000))
    );
    // Deposits (restored mayoral rules: £5,000, one-twentieth of the first
    // preferences): D's 10,000 is 10%, kept.
    let d = r.deposits.unwrap();
    assert_eq!(d.forfeited_at_or_below, 5_000);
    assert!(d.candidates.iter().all(|(_, f)| !f));
}

/// §5.3 tie variant: B and C equal second on 30,000 both remain with A
/// (GLAA Sch 2 para 4(3)); only D's papers are examined.
#[test]
fn equality_for_second_place_keeps_all_tied() {
    let mut e = mayor(&["A", "B", "C", "D"]);
    e.push(bundle(
        "t1",
        &[("A", 40_000), ("B", 30_000), ("C", 30_000), ("D", 10_000)],
    ));
    e.push(event("count_completed"));
    let s = state(&e);
    assert_eq!(
        s.contests()[0].current_outcome(),
        RunOutcome::SecondCountNeeded(vec![idx(0), idx(1), idx(2)])
    );
    e.push(second("D", &[("A", 1_000), ("C", 6_000)], 3_000, 0, 0));
    e.push(event("second_count_completed"));
    let s = state(&e);
    let RunOutcome::Elected(seats) = s.contests()[0].current_outcome() else {
        panic!()
    };
    assert_eq!((seats[0].candidate, seats[0].votes), (idx(0), 41_000));
}

/// More than half the first preferences elects at the first count: there
/// is no second count to record; exactly half is not more than half.
#[test]
fn majority_at_the_first_count() {
    let mut e = mayor(&["A", "B", "C"]);
    e.push(bundle("t1", &[("A", 501), ("B", 300), ("C", 199)]));
    e.push(event("count_completed"));
    let s = state(&e);
    let RunOutcome::Elected(seats) = s.contests()[0].current_outcome() else {
        panic!()
    };
    assert_eq!((seats[0].candidate, seats[0].votes), (idx(0), 501));
    e.push(second("x", &[("A", 1)], 0, 0, 0));
    assert!(matches!(
        problems(&e)[..],
        [ProblemKind::NoSecondCount { .. }]
    ));

    let mut e = mayor(&["A", "B", "C"]);
    e.push(bundle("t1", &[("A", 500), ("B", 300), ("C", 200)]));
    e.push(event("count_completed"));
    assert_eq!(
        state(&e).contests()[0].current_outcome(),
        RunOutcome::SecondCountNeeded(vec![idx(0), idx(1)])
    );
}

/// Bad input: second preferences for an eliminated candidate, before the
/// first count is completed, a bundle twice, declaring before the second
/// count; all refused and named.
#[test]
fn second_count_bad_input() {
    let mut e = worked_example_first_count();
    e.push(second("C", &[("C", 5)], 0, 0, 0));
    let p = problems(&e);
    assert!(
        matches!(&p[..], [ProblemKind::EliminatedCandidate { candidate, remaining, .. }] if candidate == "C" && remaining == "A, B"),
        "{p:?}"
    );
    let msg = p[0].to_string();
    assert!(
        msg.contains("votes[0].candidate") && msg.contains("eliminated"),
        "{msg}"
    );

    let mut e = mayor(&["A", "B", "C"]);
    e.push(bundle("t1", &[("A", 5), ("B", 4), ("C", 3)]));
    e.push(second("x", &[("A", 1)], 0, 0, 0));
    assert!(matches!(
        problems(&e)[..],
        [ProblemKind::RunNotCompleted { .. }]
    ));

    let mut e = worked_example_first_count();
    e.push(second("x", &[("A", 1)], 0, 0, 0));
    e.push(second("x", &[("A", 1)], 0, 0, 0));
    e.push(event("result_declared"));
    let p = problems(&e);
    assert!(
        matches!(&p[..], [ProblemKind::Duplicate { .. }, ProblemKind::NotDeclarable { reason, .. }] if reason.contains("second count")),
        "{p:?}"
    );
}

/// An equality of the final totals is decided by lot (GLAA Sch 2 para
/// 4(8)); the lot is a recorded input, and the winner is elected "by lot".
#[test]
fn equality_of_totals_settled_by_lot() {
    let mut e = mayor(&["A", "B", "C"]);
    e.push(bundle("t1", &[("A", 400), ("B", 350), ("C", 250)]));
    e.push(event("count_completed"));
    e.push(second("C", &[("B", 50)], 200, 0, 0));
    e.push(event("second_count_completed"));
    let s = state(&e);
    let RunOutcome::LotNeeded(lot) = s.contests()[0].current_outcome() else {
        panic!()
    };
    assert_eq!(
        (lot.tied.clone(), lot.places, lot.votes),
        (vec![idx(0), idx(1)], 1, 400)
    );
    e.push(r#"{"lot_drawn":{"contest":"m","run":1,"purpose":"election","tied":["A","B"],"winners":["B"],"method":{"recorded":{"description":"names drawn from a box"}}}}"#.into());
    let s = state(&e);
    let RunOutcome::Elected(seats) = s.contests()[0].current_outcome() else {
        panic!()
    };
    assert_eq!(
        (seats[0].candidate, seats[0].votes, seats[0].by_lot),
        (idx(1), 400, true)
    );
}

/// Two candidates: the poll is first past the post (one column); an
/// equality by lot (LAMR 2007 r.51(4)–(5)).
#[test]
fn two_candidates_is_first_past_the_post() {
    let mut e = mayor(&["A", "B"]);
    e.push(bundle("t1", &[("A", 10), ("B", 10)]));
    e.push(event("count_completed"));
    let s = state(&e);
    assert!(
        matches!(s.contests()[0].current_outcome(), RunOutcome::LotNeeded(l) if l.tied == vec![idx(0), idx(1)])
    );
    assert_eq!(
        contest_report(&s.contests()[0])
            .supplementary_vote
            .unwrap()
            .first_count,
        "equality"
    );
}

/// Papers counted in batches carry their second preferences: the second
/// count is taken from them, and rows that do not add up to the batch's
/// first preferences are refused.
#[test]
fn batch_second_preferences() {
    let batch = |rows: &str| {
        format!(
            r#"{{"paper_batch_counted":{{"contest":"m","run":1,"batch":"b","valid_papers":10,"votes":[{{"candidate":"A","votes":5}},{{"candidate":"B","votes":3}},{{"candidate":"C","votes":2}}],"rejected":[],"second_preferences":[{rows}]}}}}"#
        )
    };
    let good = r#"{"first":"A","unmarked":5},{"first":"B","votes":[{"candidate":"C","votes":3}]},{"first":"C","votes":[{"candidate":"A","votes":1}],"void":1}"#;
    let mut e = mayor(&["A", "B", "C"]);
    e.push(batch(good));
    e.push(event("count_completed"));
    e.push(event("second_count_completed"));
    let s = state(&e);
    let c = &s.contests()[0];
    let sc = c.second_count(c.current_run().unwrap()).unwrap().unwrap();
    // C is eliminated: of C's 2 papers, 1 second preference for A, 1 void;
    // B's second preferences for C are never examined.
    assert_eq!(sc.votes, [1, 0, 0]);
    assert_eq!((sc.void, sc.to_examine, sc.examined), (1, 2, 2));
    let RunOutcome::Elected(seats) = c.current_outcome() else {
        panic!()
    };
    assert_eq!((seats[0].candidate, seats[0].votes), (idx(0), 6));

    let bad = r#"{"first":"A","unmarked":4},{"first":"B","unmarked":3},{"first":"C","unmarked":2}"#;
    let mut e = mayor(&["A", "B", "C"]);
    e.push(batch(bad));
    let p = problems(&e);
    assert!(
        matches!(&p[..], [ProblemKind::SecondPreferencesMismatch { candidate, rows: 4, first: 5, .. }] if candidate == "A"),
        "{p:?}"
    );
}

fn referendum(answers: &str, vacancies: &str) -> Vec<String> {
    vec![
        r#"{"election_defined":{"election":"r","name":"Referendum","poll_date":"2027-06-24"}}"#
            .into(),
        format!(
            r#"{{"contest_defined":{{"contest":"m","election":"r","title":"Referendum","area":"Exampletown","office":"referendum","country":"england","electorate":1000,"vacancies":[{vacancies}],"candidates":[{answers}]}}}}"#
        ),
    ]
}

const YES_NO: &str = r#"{"id":"yes","name":"Yes"},{"id":"no","name":"No"}"#;

/// A referendum: the answer with more votes; an exact tie is reported and
/// may be declared, never settled by lot (PVSCA 2011 Sch 2).
#[test]
fn referendum_answer_and_tie() {
    let mut e = referendum(YES_NO, "");
    e.push(bundle("t1", &[("yes", 300), ("no", 200)]));
    e.push(rejected("too_many_votes", 4));
    e.push(event("count_completed"));
    e.push(event("result_declared"));
    let s = state(&e);
    let c = &s.contests()[0];
    assert_eq!(c.current_outcome(), RunOutcome::Answer(idx(0)));
    let r = contest_report(c);
    assert_eq!(r.status, Status::Declared);
    let rf = r.referendum.unwrap();
    assert_eq!(rf.answer.as_deref(), Some("yes"));
    assert_eq!(r.majority, Some(100));
    assert_eq!(r.deposits, None);
    assert!(r.elected.is_empty());
    // Turnout: 504 papers of 1,000 electors.
    assert_eq!(r.turnout.unwrap().ballot_box.as_deref(), Some("50.40"));

    let mut e = referendum(YES_NO, "");
    e.push(bundle("t1", &[("yes", 250), ("no", 250)]));
    e.push(event("count_completed"));
    e.push(event("result_declared"));
    let s = state(&e);
    assert_eq!(
        s.contests()[0].current_outcome(),
        RunOutcome::Tie(vec![idx(0), idx(1)])
    );
    let rf = contest_report(&s.contests()[0]).referendum.unwrap();
    assert_eq!(rf.tie, ["yes", "no"]);
    assert!(rf.statement.contains("exact tie"));
    // No lot at a referendum.
    e.pop();
    e.push(r#"{"lot_drawn":{"contest":"m","run":1,"purpose":"election","tied":["yes","no"],"winners":["yes"],"method":{"recorded":{"description":"x"}}}}"#.into());
    let p = problems(&e);
    assert!(matches!(p[..], [ProblemKind::NoLotNeeded { .. }]), "{p:?}");
}

/// A referendum has answers, not seats: at least two, and no vacancies.
#[test]
fn referendum_definition_is_checked() {
    let e = referendum(YES_NO, r#"{"kind":"ordinary","term_ends":"2030-01-01"}"#);
    let p = problems(&e);
    assert!(
        p.iter()
            .any(|k| k.to_string().contains("answers, not seats")),
        "{p:?}"
    );
    let e = referendum(r#"{"id":"yes","name":"Yes"}"#, "");
    let p = problems(&e);
    assert!(
        p.iter()
            .any(|k| k.to_string().contains("at least two answers")),
        "{p:?}"
    );
}

/// Deposits at a parliamentary election (RPA 1983 Sch 1 r.53): exactly
/// one-twentieth of the votes forfeits, one more vote keeps it.
#[test]
fn deposits_at_exactly_five_percent() {
    let e = vec![
        r#"{"election_defined":{"election":"g","name":"General election","poll_date":"2029-05-03"}}"#.to_owned(),
        r#"{"contest_defined":{"contest":"m","election":"g","title":"Election of a Member of Parliament","area":"Westbury","office":"uk_parliament","country":"england","electorate":3000,"vacancies":[{"kind":"ordinary","term_ends":"2034-05-04"}],"candidates":[{"id":"A","name":"A"},{"id":"B","name":"B"},{"id":"C","name":"C"},{"id":"D","name":"D"}]}}"#.to_owned(),
        bundle("t1", &[("A", 1_000), ("B", 799), ("C", 100), ("D", 101)]),
        event("count_completed"),
    ];
    let s = state(&e);
    let d = contest_report(&s.contests()[0]).deposits.unwrap();
    assert_eq!(
        (d.pounds, d.total_votes, d.forfeited_at_or_below),
        (500, 2_000, 100)
    );
    let forfeited: Vec<bool> = d.candidates.iter().map(|x| x.1).collect();
    assert_eq!(forfeited, [false, false, true, false]);
}

/// The shipped collated example's events (without its header, and without
/// its appointments and signatures: these tests are of the collation, and
/// record every event as one returning officer; authority is tested in
/// `authority_tests`).
fn collated_example() -> Vec<String> {
    let text = include_str!("../../../examples/data/exampleshire-mayor.jsonl");
    text.lines()
        .skip(1)
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            v["event"].to_string()
        })
        .filter(|e| {
            !["officer_appointed", "agent_appointed", "checkpoint_signed"]
                .iter()
                .any(|k| e.starts_with(&format!("{{\"{k}\"")))
        })
        .collect()
}

/// Everything before the entry of `kind` number `n` (from 0).
fn until(events: &[String], kind: &str, n: usize) -> Vec<String> {
    let pos = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.starts_with(&format!("{{\"{kind}\"")))
        .nth(n)
        .map(|(i, _)| i)
        .unwrap();
    events[..pos].to_vec()
}

/// A combined authority mayor collated from three council areas (PCCEO
/// 2012 rr.57–62 in the form applied to combined authority mayors): the
/// first preferences summed (ARORA 46,380, BELL 46,220, CROSS 22,600, DUNN
/// 15,600 of 130,800: no majority), the second count directed for ARORA and
/// BELL, and BELL returned on 46,220 + 10,400 = 56,620 against 56,380.
#[test]
fn collated_supplementary_vote() {
    let e = collated_example();
    let s = state(&e);
    let r = contest_report(&s.contests()[0]);
    assert_eq!(r.status, Status::Declared);
    let first: Vec<_> = r.candidates.iter().map(|c| c.votes.unwrap()).collect();
    assert_eq!(first, [46_380, 46_220, 22_600, 15_600]);
    let totals: Vec<_> = r.candidates.iter().map(|c| c.total).collect();
    assert_eq!(totals, [Some(56_380), Some(56_620), None, None]);
    assert_eq!(r.elected[0].id, "XS-BELL");
    assert_eq!(r.majority, Some(240));
    let col = r.collation.unwrap();
    assert_eq!(
        col.areas.iter().map(|a| a.status).collect::<Vec<_>>(),
        ["authorised"; 3]
    );
    assert_eq!(col.areas[1].counted_less_forward, Some(-3));
    assert_eq!(col.areas[2].recounts, 1);
    let sv = r.supplementary_vote.unwrap();
    assert_eq!(sv.second_count.unwrap().rejected, 7_400);
    // Ballot-box turnout: 131,512 papers counted of 409,500 electors.
    assert_eq!(r.turnout.unwrap().ballot_box.as_deref(), Some("32.12"));

    // Before the second count is directed, the status says so; the
    // declaration is refused.
    let mut before = until(&e, "second_count_directed", 0);
    assert_eq!(
        contest_report(&state(&before).contests()[0]).status,
        Status::SecondCountRequired
    );
    before.push(r#"{"result_declared":{"contest":"exampleshire-mayor","run":1}}"#.into());
    assert!(matches!(
        problems(&before)[..],
        [ProblemKind::NotDeclarable { .. }]
    ));
}

/// A re-count ordered in one area withdraws that area's total only; until
/// it reports again the collation is incomplete.
#[test]
fn collated_recount_of_one_area() {
    let e = collated_example();
    let before = until(&e, "local_total_reported", 2);
    let mut after_order = until(&e, "local_total_authorised", 2);
    assert!(after_order.len() > before.len());
    let s = state(&after_order);
    let col = contest_report(&s.contests()[0]).collation.unwrap();
    let statuses: Vec<_> = col.areas.iter().map(|a| (a.status, a.recounts)).collect();
    assert_eq!(
        statuses,
        [("authorised", 0), ("authorised", 0), ("reported", 1)]
    );
    after_order.truncate(after_order.len() - 1);
    let s = state(&after_order);
    let r = contest_report(&s.contests()[0]);
    assert_eq!(r.status, Status::Counting);
    assert_eq!(r.collation.unwrap().areas[2].status, "awaiting");
}

/// Bad input at a collated poll: an area not in the poll, second
/// preferences for an eliminated candidate, the wrong remaining candidates,
/// bundles counted at the collating officer's level: each refused and
/// named; nothing else changes.
#[test]
fn collated_bad_input() {
    let e = collated_example();
    let defined = until(&e, "local_total_reported", 0);
    let mut bad = defined.clone();
    bad.push(e[defined.len()].replace("\"northtown\"", "\"eastham\""));
    let p = problems(&bad);
    assert!(p.iter().any(|k| k.to_string().contains("eastham")), "{p:?}");

    let mut bad = defined.clone();
    bad.push(
        r#"{"bundle_counted":{"contest":"exampleshire-mayor","run":1,"bundle":"b","votes":[]}}"#
            .into(),
    );
    assert!(matches!(problems(&bad)[..], [ProblemKind::Collated { .. }]));

    let directed = until(&e, "local_second_count_reported", 0);
    let mut bad = until(&e, "second_count_directed", 0);
    bad.push(r#"{"second_count_directed":{"contest":"exampleshire-mayor","remaining":["XS-ARORA","XS-CROSS"]}}"#.into());
    let p = problems(&bad);
    assert!(p[0].to_string().contains("not XS-ARORA, XS-CROSS"), "{p:?}");

    let mut bad = directed.clone();
    bad.push(r#"{"local_second_count_reported":{"contest":"exampleshire-mayor","counting_area":"northtown","votes":[{"candidate":"XS-DUNN","votes":5}],"rejected":0}}"#.into());
    let p = problems(&bad);
    assert!(
        matches!(&p[..], [ProblemKind::EliminatedCandidate { candidate, .. }] if candidate == "XS-DUNN"),
        "{p:?}"
    );

    let mut bad = defined;
    bad.push(r#"{"local_total_reported":{"contest":"exampleshire-mayor","counting_area":"northtown","papers_forward":1,"votes":[{"candidate":"XS-ARORA","votes":18446744073709551615},{"candidate":"XS-BELL","votes":1}],"rejected":[]}}"#.into());
    let p = problems(&bad);
    assert!(!p.is_empty(), "overflow refused");
}

/// A local total whose papers counted exceed the area's electorate
/// (Northtown: 160,000 electors; its Arora figure mistyped 19,800 →
/// 169,800, so 202,300 papers counted) cannot be true, each elector having
/// one ballot paper: the collating officer's `local_total_authorised` is
/// refused however the total is explained (audit finding 1), and the
/// report gives no turnout above 100%.
#[test]
fn collated_total_above_the_electorate_is_not_authorised() {
    let e = collated_example();
    let defined = until(&e, "local_total_reported", 0);
    let reported = e[defined.len()]
        .replace("\"votes\":19800", "\"votes\":169800")
        .replace(
            "\"rejected\":[",
            "\"explanation\":\"a bundle counted twice\",\"rejected\":[",
        );
    assert!(reported.contains("169800") && reported.contains("a bundle counted twice"));
    let mut bad = defined.clone();
    bad.push(reported);
    assert_eq!(problems(&bad), []);
    bad.push(
        r#"{"local_total_authorised":{"contest":"exampleshire-mayor","counting_area":"northtown"}}"#
            .into(),
    );
    let p = problems(&bad);
    assert!(
        matches!(
            &p[..],
            [ProblemKind::Collate(countroom_collate::CollateError::AboveElectorate { area, .. })] if area == "northtown"
        ),
        "{p:?}"
    );
    assert!(
        p[0].to_string()
            .contains("202,300 ballot papers counted (votes plus rejected papers) exceed the electorate of 160,000"),
        "{}",
        p[0]
    );
}

/// A contest definition on its own (election on `date`), for the
/// definition checks.
fn defined(date: &str, fields: &str, vacancies: usize) -> Vec<ProblemKind> {
    let vac = vec![r#"{"kind":"ordinary","term_ends":"2032-05-06"}"#; vacancies].join(",");
    problems(&[
        format!(r#"{{"election_defined":{{"election":"e","name":"E","poll_date":"{date}"}}}}"#),
        format!(
            r#"{{"contest_defined":{{"contest":"c","election":"e","title":"T","area":"A",{fields},"electorate":1000,"vacancies":[{vac}],"candidates":[{{"id":"A","name":"A"}},{{"id":"B","name":"B"}},{{"id":"C","name":"C"}}]}}}}"#
        ),
    ])
}

/// A mayor whose kind of authority is not given is refused, naming the
/// field and every kind; nothing is defined.
#[test]
fn mayor_without_kind_of_authority_is_refused() {
    let p = defined("2028-05-04", r#""office":"mayor","country":"england""#, 1);
    assert_eq!(p.len(), 1, "{p:?}");
    let message = p[0].to_string();
    assert!(
        message.starts_with("field `authority`: a mayor's contest must give the kind of authority"),
        "{message}"
    );
    for kind in countroom_model::MayorKind::ALL {
        assert!(message.contains(kind.code()), "{message}");
    }
    let p = defined(
        "2028-05-04",
        r#""office":"mayor","authority":"metro","country":"england""#,
        1,
    );
    assert!(
        p[0].to_string()
            .starts_with("field `authority`: unknown kind of authority \"metro\""),
        "{:?}",
        p
    );
    let p = defined(
        "2024-07-04",
        r#""office":"uk_parliament","authority":"london","country":"england""#,
        1,
    );
    assert!(
        p[0].to_string()
            .starts_with("field `authority`: a kind of authority"),
        "{:?}",
        p
    );
    // Given, it is counted under its own rules.
    assert!(defined(
        "2028-05-04",
        r#""office":"mayor","authority":"combined_authority","country":"england""#,
        1
    )
    .is_empty());
}

/// Seats are a constraint of the ruleset: one for a Member of Parliament
/// (Parliamentary Elections Rules r.18), a mayor and a PCC; any number for
/// councillors.
#[test]
fn seats_the_ruleset_does_not_allow_are_refused() {
    let p = defined(
        "2024-07-04",
        r#""office":"uk_parliament","country":"england""#,
        2,
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        p[0].to_string(),
        "field `vacancies`: a uk_parliament contest under uk-parliamentary fills exactly one seat (one vacancy); 2 given"
    );
    let p = defined(
        "2024-05-02",
        r#""office":"mayor","authority":"london","country":"england""#,
        2,
    );
    assert!(
        matches!(
            p[..],
            [ProblemKind::Seats {
                seats: 2,
                ruleset: "london-mayor-fptp-2023",
                ..
            }]
        ),
        "{p:?}"
    );
    let p = defined(
        "2024-05-02",
        r#""office":"police_and_crime_commissioner","country":"wales""#,
        3,
    );
    assert!(
        matches!(p[..], [ProblemKind::Seats { seats: 3, .. }]),
        "{p:?}"
    );
    assert!(defined(
        "2026-05-07",
        r#""office":"principal_councillor","country":"england""#,
        3
    )
    .is_empty());
}

/// A Welsh principal council's voting system is recorded on the contest
/// (LGE(W)A 2021 s.8): the simple majority system is counted under the
/// 2021 Rules; the single transferable vote is refused with the reason; no
/// other contest chooses.
#[test]
fn welsh_council_voting_system_is_recorded_or_refused() {
    let wales = r#""office":"principal_councillor","country":"wales""#;
    let ok = format!(r#"{wales},"voting_system":"simple_majority""#);
    assert!(defined("2027-05-06", &ok, 3).is_empty());
    let s = state(&[
        r#"{"election_defined":{"election":"e","name":"E","poll_date":"2027-05-06"}}"#.to_owned(),
        format!(
            r#"{{"contest_defined":{{"contest":"c","election":"e","title":"T","area":"A",{ok},"electorate":1000,"vacancies":[{{"kind":"ordinary","term_ends":"2032-05-06"}}],"candidates":[{{"id":"A","name":"A"}},{{"id":"B","name":"B"}}]}}}}"#
        ),
    ]);
    assert_eq!(
        s.contests()[0].contest().voting_system(),
        Some(countroom_model::VotingSystem::SimpleMajority)
    );
    let stv = format!(r#"{wales},"voting_system":"single_transferable_vote""#);
    let p = defined("2027-05-06", &stv, 3);
    assert!(matches!(p[..], [ProblemKind::NoRuleset(_)]), "{p:?}");
    assert!(
        p[0].to_string()
            .contains("resolved to use the single transferable vote"),
        "{}",
        p[0]
    );
    let p = defined(
        "2026-05-07",
        r#""office":"principal_councillor","country":"england","voting_system":"simple_majority""#,
        3,
    );
    assert!(
        p[0].to_string()
            .contains("only a Welsh principal council chooses"),
        "{p:?}"
    );
    let p = defined("2027-05-06", &format!(r#"{wales},"voting_system":"av""#), 3);
    assert!(p[0].to_string().contains("voting_system"), "{p:?}");
}

/// Issue 15: the second count is `countroom_tally::sv_second_count`, the
/// one implementation, and its sums are checked. A second-count bundle
/// whose figures would pass `u64::MAX` with the run's 100,000 first
/// preferences (§5.3 worked example; entry 8) is refused, naming them (1 vote +
/// 18,446,744,073,709,551,615 unmarked = 2^64), and nothing changes: the
/// report is the same as without it, and the count goes on.
#[test]
fn second_count_overflow_is_refused_naming_the_figures() {
    let base = worked_example_first_count();
    let before = contest_report(&state(&base).contests()[0]);
    let mut e = base.clone();
    e.push(second("C", &[("A", 1)], u64::MAX, 0, 0));
    let (s, p) = replay(&log(&e));
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].to_string(),
        "entry 8 (second_preferences_counted): second-count bundle C adds 18446744073709551616 papers at the second count (counted with its papers before and the run's first-preference votes) to 100000: the total would exceed the largest count, 18446744073709551615"
    );
    assert_eq!(contest_report(&s.contests()[0]), before);
    let c = &s.contests()[0];
    let sc = c.second_count(c.current_run().unwrap()).unwrap().unwrap();
    assert_eq!((sc.bundles, sc.examined, sc.to_examine), (0, 0, 25_000));
}

/// A batch's second-preference rows whose sum for one first preference
/// passes `u64::MAX` are refused with the figures (1 + 2^64 − 1), never
/// dropped silently.
#[test]
fn batch_second_preferences_overflow_is_refused() {
    let mut e = mayor(&["A", "B", "C"]);
    e.push(r#"{"paper_batch_counted":{"contest":"m","run":1,"batch":"b","valid_papers":10,"votes":[{"candidate":"A","votes":5},{"candidate":"B","votes":3},{"candidate":"C","votes":2}],"rejected":[],"second_preferences":[{"first":"A","unmarked":18446744073709551615,"votes":[{"candidate":"B","votes":1}]}]}}"#.into());
    let p = problems(&e);
    assert!(
        p.iter().any(|k| k.to_string()
            == "first preferences for one candidate: 1 + 18446744073709551615 exceeds the largest count, 18446744073709551615"),
        "{p:?}"
    );
}
