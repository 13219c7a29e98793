//! Judgements on the record, through the log, with hand-worked figures:
//! papers valid under the saving clause (Local Elections (Principal Areas)
//! (England and Wales) Rules 2006 Sch 2 r.47(2)), objections to rejections
//! (r.47(3) pattern: "rejection objected to"), and the declaration of an
//! uncontested election (uk-count-rules §4.6).

use crate::{contest_report, replay, CountState, ProblemKind, Status};

const HEADER: &str = r#"{"schema":"countroom-count-log","version":1}"#;

/// Entries from `(by, reason, event)`, numbered from 1.
fn log(events: &[String]) -> Vec<countroom_log::Entry> {
    let mut text = String::from(HEADER);
    for (i, e) in events.iter().enumerate() {
        text.push_str(&format!(
            "\n{{\"seq\":{},\"by\":\"Returning Officer\",\"at\":\"02:00\",\"reason\":\"why {}\",\"event\":{e}}}",
            i + 1,
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

/// The problems of the last entry only (the others must replay cleanly).
fn last_problems(events: &[String]) -> Vec<String> {
    let (_, problems) = replay(&log(events));
    let last = events.len() as u64;
    assert!(
        problems.iter().all(|p| p.seq == last),
        "earlier problems: {problems:#?}"
    );
    problems.iter().map(|p| p.kind.to_string()).collect()
}

/// A two-seat English district ward (rejected in part shown), candidates
/// A, B, C.
fn ward() -> Vec<String> {
    vec![
        r#"{"election_defined":{"election":"e","name":"District elections","poll_date":"2026-05-07"}}"#.into(),
        r#"{"contest_defined":{"contest":"w","election":"e","title":"Election of District Councillors","area":"Abbey Ward","office":"principal_councillor","country":"england","electorate":5000,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"A","name":"ASH, Ann"},{"id":"B","name":"BELL, Bob"},{"id":"C","name":"COLE, Cat"}]}}"#.into(),
    ]
}

/// Batch `id`: 10 valid papers (A 8, B 7, C 4), rejected: 2 too many
/// votes, 1 unmarked or void; `saved` as given; paper `D1` set aside.
fn batch(id: &str, saved: &str) -> String {
    format!(
        r#"{{"paper_batch_counted":{{"contest":"w","run":1,"batch":"{id}","valid_papers":10,"votes":[{{"candidate":"A","votes":8}},{{"candidate":"B","votes":7}},{{"candidate":"C","votes":4}}],"rejected":[{{"head":"too_many_votes","papers":2}},{{"head":"unmarked_or_void","papers":1}}],"saved":[{saved}],"set_aside":[{{"paper":"{id}-D1","reason":"other_mark"}}]}}}}"#
    )
}

fn decided(paper: &str, decision: &str, rest: &str) -> String {
    format!(
        r#"{{"doubtful_paper_decided":{{"contest":"w","run":1,"paper":"{paper}","decision":"{decision}"{rest}}}}}"#
    )
}

fn objected(fields: &str) -> String {
    format!(r#"{{"rejection_objected":{{"contest":"w","run":1,{fields}}}}}"#)
}

/// Two batches: b1 saves 3 (tick 2, outside box 1), b2 saves 1 (more than
/// one mark); a hand count's `saved_counted` adds 2 ticks. By reason:
/// outside_box 1, tick 2 + 2 = 4, figure 0, more_than_one_mark 1; 6 in
/// all, of 20 + 5 = 25 valid papers.
#[test]
fn saved_papers_are_added_up_by_reason() {
    let mut e = ward();
    e.push(batch(
        "b1",
        r#"{"reason":"outside_box","papers":1},{"reason":"tick","papers":2}"#,
    ));
    e.push(batch("b2", r#"{"reason":"more_than_one_mark","papers":1}"#));
    e.push(r#"{"bundle_counted":{"contest":"w","run":1,"bundle":"T1","papers":5,"votes":[{"candidate":"A","votes":5},{"candidate":"C","votes":4}]}}"#.into());
    e.push(r#"{"saved_counted":{"contest":"w","run":1,"reason":"tick","papers":2}}"#.into());
    let s = state(&e);
    let run = s.contests()[0].current_run().unwrap();
    assert_eq!(run.saved(), &[1, 4, 0, 1]);
    assert_eq!(run.tally().valid_papers(), 25);
    let r = contest_report(&s.contests()[0]);
    let sc = r.rejected.unwrap().saving_clause.unwrap();
    assert_eq!(sc.total, 6);
    let lines: Vec<(&str, u64)> = sc.reasons.iter().map(|l| (l.code, l.papers)).collect();
    assert_eq!(
        lines,
        [
            ("outside_box", 1),
            ("tick", 4),
            ("figure", 0),
            ("more_than_one_mark", 1)
        ]
    );
    assert!(
        sc.citation.contains("r.47(3) (saving clause"),
        "{}",
        sc.citation
    );
}

#[test]
fn bad_saved_papers_name_the_entry_and_field() {
    let mut e = ward();
    e.push(batch("b1", r#"{"reason":"smiley","papers":1}"#));
    assert_eq!(
        last_problems(&e),
        ["field `saved[0].reason`: unknown saving-clause reason \"smiley\" (expected one of: outside_box, tick, figure, more_than_one_mark)"]
    );
    let mut e = ward();
    e.push(batch(
        "b1",
        r#"{"reason":"tick","papers":7},{"reason":"figure","papers":4}"#,
    ));
    assert_eq!(
        last_problems(&e),
        ["field `saved`: 11 papers valid under the saving clause, but the batch has only 10 valid papers"]
    );
    let mut e = ward();
    e.push(batch(
        "b1",
        r#"{"reason":"tick","papers":1},{"reason":"tick","papers":1}"#,
    ));
    assert_eq!(
        last_problems(&e),
        ["field `saved[1].reason`: saving-clause reason tick is already defined"]
    );
    // A hand count: 3 valid papers so far, 4 saved is too many.
    let mut e = ward();
    e.push(r#"{"bundle_counted":{"contest":"w","run":1,"bundle":"T1","papers":3,"votes":[{"candidate":"A","votes":3}]}}"#.into());
    e.push(r#"{"saved_counted":{"contest":"w","run":1,"reason":"figure","papers":4}}"#.into());
    assert_eq!(
        last_problems(&e),
        ["field `papers`: 4 papers valid under the saving clause, but run 1 has only 3 valid papers"]
    );
    e.pop();
    e.push(r#"{"saved_counted":{"contest":"w","run":1,"reason":"cross","papers":1}}"#.into());
    assert_eq!(
        last_problems(&e),
        ["field `reason`: unknown saving-clause reason \"cross\" (expected one of: outside_box, tick, figure, more_than_one_mark)"]
    );
}

/// Objections: b1 and b2 each reject 2 papers under (b) too many votes
/// and 1 under (d); b1-D1 is decided rejected under (c) identifying mark,
/// b2-D1 valid. Objected to: 2 of b1's (b) papers, then 1 more (b) paper
/// of the run, then b1-D1 by reference: 2 + 1 + 1 = 4 rejections
/// objected to.
#[test]
fn objections_to_rejections_are_listed_and_counted() {
    let mut e = ward();
    e.push(batch("b1", ""));
    e.push(batch("b2", ""));
    e.push(decided(
        "b1-D1",
        "rejected",
        r#","head":"identifying_mark""#,
    ));
    e.push(decided("b2-D1", "valid", r#","votes":["A"]"#));
    e.push(objected(
        r#""head":"too_many_votes","batch":"b1","papers":2,"candidate":"C""#,
    ));
    e.push(objected(r#""head":"too_many_votes","papers":1"#));
    e.push(objected(r#""paper":"b1-D1""#));
    let s = state(&e);
    let r = contest_report(&s.contests()[0]);
    let rej = r.rejected.unwrap();
    assert_eq!(rej.rejection_objected, 4);
    let lines: Vec<_> = rej
        .objections
        .iter()
        .map(|o| {
            (
                o.paper.as_deref(),
                o.head,
                o.batch.as_deref(),
                o.papers,
                o.candidate.as_deref(),
                o.reason.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                None,
                Some("too_many_votes"),
                Some("b1"),
                2,
                Some("C"),
                Some("why 7")
            ),
            (None, Some("too_many_votes"), None, 1, None, Some("why 8")),
            (
                Some("b1-D1"),
                Some("identifying_mark"),
                None,
                1,
                None,
                Some("why 9")
            ),
        ]
    );
    assert_eq!(rej.objections[0].by, "Returning Officer");
    let paper = rej
        .adjudication
        .papers
        .iter()
        .find(|p| p.paper == "b1-D1")
        .unwrap();
    assert!(paper.rejection_objected);

    // The run has 4 papers under (b), 3 already objected to: 2 more is too
    // many; b1 has 2 under (b), both objected to.
    let mut more = e.clone();
    more.push(objected(r#""head":"too_many_votes","papers":2"#));
    assert_eq!(
        last_problems(&more),
        ["field `papers`: an objection to 2 papers rejected under head \"too_many_votes\", but run 1 has 4 papers rejected under that head (3 already objected to)"]
    );
    let mut more = e.clone();
    more.push(objected(
        r#""head":"too_many_votes","batch":"b1","papers":1"#,
    ));
    assert_eq!(
        last_problems(&more),
        ["field `papers`: an objection to 1 papers rejected under head \"too_many_votes\", but batch b1 of run 1 has 2 papers rejected under that head (2 already objected to)"]
    );
    // A head with no papers rejected under it.
    let mut more = e.clone();
    more.push(objected(r#""head":"no_official_mark","papers":1"#));
    assert_eq!(
        last_problems(&more),
        ["field `papers`: an objection to 1 papers rejected under head \"no_official_mark\", but run 1 has 0 papers rejected under that head (0 already objected to)"]
    );
    // A paper decided valid, a paper never set aside, a paper objected to
    // twice, an unknown batch, a head not on the statement.
    for (fields, expected) in [
        (
            r#""paper":"b2-D1""#,
            "field `paper`: paper \"b2-D1\" was decided valid in run 1: only a rejection can be objected to",
        ),
        (
            r#""paper":"b9-D1""#,
            "field `paper`: paper \"b9-D1\" was never set aside as doubtful in run 1 (papers set aside: b1-D1, b2-D1)",
        ),
        (
            r#""paper":"b1-D1""#,
            "field `paper`: the rejection of paper \"b1-D1\" is already objected to in run 1",
        ),
        (
            r#""head":"unmarked_or_void","batch":"b9","papers":1"#,
            "field `batch`: unknown batch b9 in run 1",
        ),
        (
            r#""head":"unmarked","papers":1"#,
            "field `head`: head \"unmarked\" is not on the statement of rejected ballot papers under england-principal-2006",
        ),
        (
            r#""head":"unmarked_or_void""#,
            "field `papers`: an objection to papers rejected under a head says how many papers it covers (at least 1)",
        ),
        (
            r#""paper":"b1-D1","head":"unmarked_or_void","papers":1"#,
            "field `paper`: give either `paper` (a doubtful paper rejected) or `head` (papers rejected under a head), not both or neither",
        ),
        (
            r#""head":"unmarked_or_void","papers":1,"candidate":"Z""#,
            "field `candidate`: unknown candidate Z in contest w",
        ),
    ] {
        let mut more = e.clone();
        more.push(objected(fields));
        assert_eq!(last_problems(&more), [expected], "{fields}");
    }
}

/// An objection before the paper is decided is refused: the objection is
/// to a rejection.
#[test]
fn objection_to_an_undecided_paper_is_refused() {
    let mut e = ward();
    e.push(batch("b1", ""));
    e.push(objected(r#""paper":"b1-D1""#));
    assert_eq!(
        last_problems(&e),
        ["field `paper`: paper \"b1-D1\" is not yet decided in run 1: only a rejection can be objected to"]
    );
}

/// uk-count-rules §4.6: two candidates for three seats. Until the
/// declaration is recorded the status is `uncontested` (not declared);
/// `result_declared` with run 0 declares them, by whom and when.
#[test]
fn uncontested_election_is_declared_with_run_0() {
    let mut e = vec![
        r#"{"election_defined":{"election":"e","name":"Parish elections","poll_date":"2026-05-07"}}"#.to_owned(),
        r#"{"contest_defined":{"contest":"p","election":"e","title":"Election of Parish Councillors","area":"Little Ormsby South","office":"parish_councillor","country":"england","electorate":900,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"P","name":"PARKER, Ann"},{"id":"Q","name":"QUINN, Bob"}]}}"#.to_owned(),
    ];
    let r = contest_report(&state(&e).contests()[0]);
    assert_eq!(r.status, Status::Uncontested);
    assert_eq!(r.status.code(), "uncontested");
    assert!(r.declaration.is_none());
    assert_eq!(r.elected.len(), 2);
    assert_eq!(r.unfilled_seats, 1);

    let mut wrong = e.clone();
    wrong.push(r#"{"result_declared":{"contest":"p","run":1}}"#.into());
    assert_eq!(
        last_problems(&wrong),
        ["field `run`: contest p is uncontested (2 standing for 3 seats): there was no poll, so its result is declared with run 0, not run 1"]
    );

    e.push(r#"{"result_declared":{"contest":"p","run":0}}"#.into());
    let r = contest_report(&state(&e).contests()[0]);
    assert_eq!(r.status, Status::UncontestedDeclared);
    assert_eq!(r.status.code(), "uncontested_declared");
    let d = r.declaration.unwrap();
    assert_eq!(
        (d.run, d.by.as_str(), d.at.as_deref()),
        (0, "Returning Officer", Some("02:00"))
    );
    // Declared once: nothing more can be recorded.
    e.push(r#"{"result_declared":{"contest":"p","run":0}}"#.into());
    assert!(matches!(
        replay(&log(&e)).1[0].kind,
        ProblemKind::AlreadyDeclared { run: 0, .. }
    ));
}

/// Issue 15: every sum of figures read from the log is checked. Seats ×
/// valid papers (the most votes the papers can carry, from which unused
/// votes are taken) is exact up to `u64::MAX` and a bundle that would take
/// it past is refused, naming the figures, and changes nothing. Hand-worked:
/// 2 seats × (2^63 − 1) papers = 18,446,744,073,709,551,614 = u64::MAX − 1;
/// with 2^63 − 1 votes, 9,223,372,036,854,775,807 are unused; one more
/// paper would make 2^64.
#[test]
fn seats_times_valid_papers_is_exact_or_refused() {
    let bundle = |id: &str, papers: u64, cand: &str| {
        format!(
            r#"{{"bundle_counted":{{"contest":"w","run":1,"bundle":"{id}","papers":{papers},"votes":[{{"candidate":"{cand}","votes":{papers}}}]}}}}"#
        )
    };
    let mut e = ward();
    e.push(bundle("t1", (1u64 << 63) - 1, "A"));
    let s = state(&e);
    let r = contest_report(&s.contests()[0]);
    let rec = r.reconciliation.as_ref().unwrap();
    assert_eq!(rec.max_votes, 18_446_744_073_709_551_614);
    assert_eq!(rec.unused_votes, Some(9_223_372_036_854_775_807));
    assert_eq!(
        r.rejected.as_ref().unwrap().unused_votes,
        Some(9_223_372_036_854_775_807)
    );
    assert!(r.arithmetic_problems.is_empty());
    e.push(bundle("t2", 1, "B"));
    assert_eq!(
        last_problems(&e),
        ["bundle t2 adds 2 votes the valid papers can carry (2 seats × valid papers) to 18446744073709551614: the total would exceed the largest count, 18446744073709551615"]
    );
    // Nothing written: the state is as if the entry had not been.
    let (after, _) = replay(&log(&e));
    assert_eq!(contest_report(&after.contests()[0]), r);

    let mut e = ward();
    e.push(bundle("t1", 1u64 << 63, "A"));
    assert_eq!(
        last_problems(&e),
        ["bundle t1 adds 18446744073709551616 votes the valid papers can carry (2 seats × valid papers) to 0: the total would exceed the largest count, 18446744073709551615"]
    );
}

/// Papers saved and objections are summed exactly (128 bits), so a figure
/// near `u64::MAX` is refused with the true sum, not a clamped one: 2 + (2^64
/// − 1) = 18,446,744,073,709,551,617 papers saved against 10 valid.
#[test]
fn saved_and_objected_sums_are_exact() {
    let mut e = ward();
    e.push(batch("b1", r#"{"reason":"tick","papers":2}"#));
    e.push(
        r#"{"saved_counted":{"contest":"w","run":1,"reason":"tick","papers":18446744073709551615}}"#
            .into(),
    );
    assert_eq!(
        last_problems(&e),
        ["field `papers`: 18446744073709551617 papers valid under the saving clause, but run 1 has only 10 valid papers"]
    );
    let mut e = ward();
    e.push(batch(
        "b1",
        r#"{"reason":"tick","papers":18446744073709551615},{"reason":"figure","papers":1}"#,
    ));
    assert_eq!(
        last_problems(&e),
        ["field `saved`: 18446744073709551616 papers valid under the saving clause, but the batch has only 10 valid papers"]
    );
    let mut e = ward();
    e.push(batch("b1", ""));
    e.push(objected(r#""head":"too_many_votes","papers":1"#));
    e.push(objected(
        r#""head":"too_many_votes","papers":18446744073709551615"#,
    ));
    assert_eq!(
        last_problems(&e),
        ["field `papers`: an objection to 18446744073709551615 papers rejected under head \"too_many_votes\", but run 1 has 2 papers rejected under that head (1 already objected to)"]
    );
}
