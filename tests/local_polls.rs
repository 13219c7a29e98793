//! Parish polls, neighbourhood planning referendums (with the business
//! referendum and their combined result) and by-elections through the count
//! log, with hand-worked figures citing the rule; bad input refused with
//! the entry and field named and nothing written.

use countroom::count::{replay_log, report, ContestReport, Status};
use countroom::log::read;
use proptest::prelude::*;

use crate::cli::rejects;
use crate::support::{example, run, scratch, stdout, write};

const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

/// One line of a version 1 log.
fn line(seq: u64, event: &serde_json::Value) -> String {
    let v = serde_json::json!({"seq": seq, "by": "Counting Officer", "event": event});
    format!("{v}\n")
}

/// A log: the election on `poll_date`, then `events`, numbered from 2.
fn log(poll_date: &str, events: &[serde_json::Value]) -> String {
    let mut s = HEADER.to_owned();
    s.push_str(&line(
        1,
        &serde_json::json!({"election_defined": {"election": "e", "name": "Polls", "poll_date": poll_date}}),
    ));
    for (i, e) in events.iter().enumerate() {
        s.push_str(&line(i as u64 + 2, e));
    }
    s
}

/// A contest on a question: `office`, answers `(id, name)`.
fn question(
    contest: &str,
    office: &str,
    answers: &[(&str, &str)],
    q: Option<&str>,
) -> serde_json::Value {
    let candidates: Vec<_> = answers
        .iter()
        .map(|(id, name)| serde_json::json!({"id": id, "name": name}))
        .collect();
    let mut c = serde_json::json!({"contest_defined": {
        "contest": contest, "election": "e", "title": "Poll", "area": "Area",
        "office": office, "country": "england", "electorate": 5000,
        "vacancies": [], "candidates": candidates}});
    if let Some(q) = q {
        c["contest_defined"]["question"] = q.into();
    }
    c
}

const NP_Q: &str = "Do you want Exampleshire District Council to use the neighbourhood plan for Exampleton to help it decide planning applications in the neighbourhood area?";

fn np(contest: &str, office: &str) -> serde_json::Value {
    question(contest, office, &[("YES", "Yes"), ("NO", "No")], Some(NP_Q))
}

/// The count of `contest`: one bundle with `votes`, completed, declared.
fn counted(contest: &str, votes: &[(&str, u64)]) -> Vec<serde_json::Value> {
    let papers: u64 = votes.iter().map(|(_, v)| v).sum();
    let votes: Vec<_> = votes
        .iter()
        .map(|(c, v)| serde_json::json!({"candidate": c, "votes": v}))
        .collect();
    vec![
        serde_json::json!({"bundle_counted": {"contest": contest, "run": 1, "bundle": "ALL", "papers": papers, "votes": votes}}),
        serde_json::json!({"count_completed": {"contest": contest, "run": 1}}),
        serde_json::json!({"result_declared": {"contest": contest, "run": 1}}),
    ]
}

fn contests(text: &str) -> Vec<ContestReport> {
    let file = read(text.as_bytes()).unwrap();
    let (state, problems) = replay_log(&file);
    assert!(problems.is_empty(), "{problems:#?}");
    report(&state).contests
}

/// A residents' and a business referendum counted with these votes.
fn neighbourhood(residents: (u64, u64), business: (u64, u64)) -> Vec<ContestReport> {
    let mut events = vec![
        np("np", "neighbourhood_planning_referendum"),
        np("bus", "business_referendum"),
    ];
    events.extend(counted("np", &[("YES", residents.0), ("NO", residents.1)]));
    events.extend(counted("bus", &[("YES", business.0), ("NO", business.1)]));
    contests(&log("2026-09-10", &events))
}

/// Planning and Compulsory Purchase Act 2004 s.38A(4)(a): more than half of
/// those voting in favour. Hand-worked: 301 of 600 is more than half (in
/// favour); 300 of 600 is exactly half, an equality, "no majority in favour
/// of the making of the plan" (SI 2012/2031 Sch 3 r.41): NOT a pass.
#[test]
fn exactly_half_is_not_more_than_half() {
    let cases = [((301, 299), true), ((300, 300), false), ((299, 301), false)];
    for ((yes, no), in_favour) in cases {
        let r = &neighbourhood((yes, no), (10, 1))[0];
        let rf = r.referendum.as_ref().unwrap();
        let p = rf.proposal.as_ref().unwrap();
        assert_eq!((p.yes, p.no, p.voting), (yes, no, Some(600)));
        assert_eq!(p.in_favour, in_favour, "{yes} v {no}");
        assert_eq!(r.status, Status::Declared);
        if yes == no {
            assert!(
                rf.statement
                    .contains("there is no majority in favour of the making of the plan")
                    && rf.statement.contains("Sch 3 r.41"),
                "{}",
                rf.statement
            );
            // An equality at a referendum is the law's result, never a lot.
            assert!(r.lot_required.is_none());
        }
        if in_favour {
            assert_eq!(
                rf.statement,
                "More than half of those voting have voted in favour of the neighbourhood plan."
            );
        }
    }
}

/// PCPA 2004 s.38A(4)-(5), every combination (hand-worked): both in favour,
/// the plan must be made; neither, no duty arises; one only, the local
/// planning authority decides (stated, never decided by countroom).
#[test]
fn combined_result_of_the_two_referendums() {
    let cases = [
        ((60, 40), (30, 20), "must_be_made"),
        ((40, 60), (20, 30), "not_made"),
        ((60, 40), (25, 25), "authority_decides"),
        ((50, 50), (26, 24), "authority_decides"),
    ];
    for (residents, business, result) in cases {
        let reports = neighbourhood(residents, business);
        for r in &reports {
            let cb = r.referendum.as_ref().unwrap().combined.as_ref().unwrap();
            assert_eq!(cb.result, result, "{residents:?} {business:?}");
            assert_eq!((cb.residents.as_str(), cb.business.as_str()), ("np", "bus"));
            assert!(cb.final_result);
            if result == "authority_decides" {
                assert!(
                    cb.statement.contains("s.38A(5)")
                        && cb.statement.contains("countroom does not take it")
                );
            }
        }
    }
}

/// The shipped example: residents Yes 702, No 600 (1,302 voting; 702 > 651:
/// in favour); business Yes 88, No 88 (exactly half: not in favour); so the
/// authority decides (s.38A(5)), and its decision is recorded (entry 15).
/// Nine and three papers rejected.
#[test]
fn the_shipped_neighbourhood_plan_example() {
    let text = std::fs::read_to_string(example("exampleton-neighbourhood-plan.jsonl")).unwrap();
    let reports = contests(&text);
    assert_eq!(reports.len(), 2);
    let (r, b) = (&reports[0], &reports[1]);
    let rp = r.referendum.as_ref().unwrap().proposal.as_ref().unwrap();
    assert_eq!(
        (rp.yes, rp.no, rp.voting, rp.in_favour),
        (702, 600, Some(1302), true)
    );
    let bp = b.referendum.as_ref().unwrap().proposal.as_ref().unwrap();
    assert_eq!(
        (bp.yes, bp.no, bp.voting, bp.in_favour),
        (88, 88, Some(176), false)
    );
    assert_eq!(r.rejected.as_ref().unwrap().total, 9);
    assert_eq!(b.rejected.as_ref().unwrap().total, 3);
    assert_eq!(
        r.referendum
            .as_ref()
            .unwrap()
            .combined
            .as_ref()
            .unwrap()
            .result,
        "authority_decides"
    );
    // Entry 15: the authority's decision to make the plan (s.38A(5)),
    // shown on both referendums' documents.
    for c in [r, b] {
        let d = c.referendum.as_ref().unwrap().combined.as_ref().unwrap();
        let d = d.decision.as_ref().unwrap();
        assert_eq!((d.decision, d.entry), ("make", 15));
        assert_eq!(d.decided_on.to_string(), "2026-10-14");
    }
    assert_eq!(r.contest.question.as_deref(), Some(NP_Q));
    assert!(r
        .contest
        .counting_officer
        .as_ref()
        .unwrap()
        .citation
        .contains("reg 9"));
    // Through the command line: the declaration's words and the test.
    let o = run(&[
        "count",
        example("exampleton-neighbourhood-plan.jsonl")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for want in [
        "I, the Counting Officer at the above referendum, give notice that the number of votes cast for each answer to the question is as follows:",
        "Those voting: 1,302 (Yes 702 + No 600); more than half is more than 651: in favour",
        "Those voting: 176 (Yes 88 + No 88); more than half is more than 88: not in favour",
        "the local planning authority may make the plan but need not",
        "(b) both answers voted for",
    ] {
        assert!(out.contains(want), "{want:?} not in:\n{out}");
    }
}

/// A parish poll on a question with three answers (Local Government Act
/// 1972 Sch 12 para 18(4); SI 1987/1): the answer with the most votes.
/// Hand-worked from the shipped example: 412 + 388 + 97 = 897 valid, 6
/// rejected, 903 counted; "On the old school site" has the most votes.
#[test]
fn a_parish_poll_question_with_three_answers() {
    let text = std::fs::read_to_string(example("little-ormsby-parish-poll.jsonl")).unwrap();
    let r = contests(&text).remove(0);
    assert_eq!(r.status, Status::Declared);
    let votes: Vec<_> = r.candidates.iter().map(|c| c.votes.unwrap()).collect();
    assert_eq!(votes, [412, 388, 97]);
    let rf = r.referendum.as_ref().unwrap();
    assert_eq!(rf.answer.as_deref(), Some("SCHOOL"));
    assert!(
        rf.proposal.is_none(),
        "no 'more than half' test at a parish poll"
    );
    assert_eq!(r.rejected.as_ref().unwrap().total, 6);
    assert_eq!(r.contest.ruleset, "parish-poll-question-1987");
    assert_eq!(
        r.contest.question.as_deref(),
        Some("Where should the parish council build the new village hall?")
    );
    let o = run(&[
        "count",
        example("little-ormsby-parish-poll.jsonl").to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert!(out.contains("I, the Returning Officer at the above poll, give notice that the number of votes cast for each answer"), "{out}");
    assert!(
        out.contains("The answer with more votes is \"On the old school site\"."),
        "{out}"
    );
}

/// An equality between the two leading answers of a parish poll is reported
/// as an exact tie and never decided by lot (no rule giving a lot on a
/// question was read: SI 1987/1).
#[test]
fn a_parish_poll_tie_is_reported_never_drawn() {
    let mut events = vec![question(
        "p",
        "parish_poll_question",
        &[("A", "Option A"), ("B", "Option B"), ("C", "Option C")],
        Some("Which option?"),
    )];
    events.extend(counted("p", &[("A", 120), ("B", 120), ("C", 30)]));
    let r = contests(&log("2026-10-15", &events)).remove(0);
    let rf = r.referendum.as_ref().unwrap();
    assert_eq!(rf.answer, None);
    assert_eq!(rf.tie, ["A", "B"]);
    assert!(r.lot_required.is_none());
}

/// A parish poll on an appointment to an office: first past the post, no
/// fixed term printed (SI 1987/1 applying the parish election rules).
#[test]
fn a_parish_poll_on_an_appointment() {
    let mut def = question(
        "chair",
        "parish_poll_election",
        &[("X", "GREEN, Ann"), ("Y", "HOPE, Ben")],
        None,
    );
    def["contest_defined"]["vacancies"] = serde_json::json!([{"kind": "ordinary"}]);
    let mut events = vec![def];
    events.extend(counted("chair", &[("X", 140), ("Y", 151)]));
    let r = contests(&log("2026-10-15", &events)).remove(0);
    assert_eq!(r.elected.len(), 1);
    assert_eq!(r.elected[0].id, "Y");
    assert_eq!(r.majority, Some(11));
}

fn by_election(terms: &[&str], votes: &[u64]) -> serde_json::Value {
    let candidates: Vec<_> = (1..=votes.len())
        .map(|i| serde_json::json!({"id": format!("C{i}"), "name": format!("CANDIDATE {i}")}))
        .collect();
    let vacancies: Vec<_> = terms
        .iter()
        .map(|t| serde_json::json!({"kind": "casual", "term_ends": t}))
        .collect();
    serde_json::json!({"contest_defined": {
        "contest": "w", "election": "e", "title": "By-election", "area": "Abbey Ward",
        "office": "principal_councillor", "country": "england", "electorate": 6000,
        "vacancies": vacancies, "candidates": candidates}})
}

fn by_election_report(terms: &[&str], votes: &[u64], lots: &[serde_json::Value]) -> ContestReport {
    let mut events = vec![by_election(terms, votes)];
    let ids: Vec<String> = (1..=votes.len()).map(|i| format!("C{i}")).collect();
    let pairs: Vec<(&str, u64)> = ids
        .iter()
        .map(String::as_str)
        .zip(votes.iter().copied())
        .collect();
    let mut count = counted("w", &pairs);
    let declared = count.pop().unwrap();
    events.extend(count);
    events.extend(lots.iter().cloned());
    events.push(declared);
    contests(&log("2026-09-10", &events)).remove(0)
}

/// A stand-alone by-election: one casual vacancy, filled for the rest of
/// the vacated seat's term (Local Government Act 1972 s.89): the term ends
/// when the seat's would have (7 May 2030's ordinary election + 4 days).
#[test]
fn a_stand_alone_by_election() {
    let r = by_election_report(&["2030-05-11"], &[812, 640, 95], &[]);
    assert!(r.contest.by_election);
    assert_eq!(r.elected.len(), 1);
    assert_eq!(
        (r.elected[0].id.as_str(), r.elected[0].term_ends),
        ("C1", Some(time::macros::date!(2030 - 05 - 11)))
    );
    assert_eq!(r.elected[0].seat, "casual");
    let text = String::from_utf8(countroom::io::render::contest_text(&r)).unwrap();
    assert!(
        text.contains("By-election to fill 1 casual vacancy"),
        "{text}"
    );
}

/// A combined by-election for two seats with different terms (Local
/// Government Act 1972 s.89(4): the fewest votes takes the seat of the
/// councillor who would first have retired). Hand-worked: C1 700 takes the
/// longer term (2030), C2 650 the shorter (2028); C3 300 is not elected.
/// Then C1 and C2 equal at 700: both elected, the longer term by a
/// recorded lot (`longer_term`), which falls on C2.
#[test]
fn a_combined_by_election_for_two_seats_with_different_terms() {
    let r = by_election_report(&["2028-05-08", "2030-05-11"], &[700, 650, 300], &[]);
    let got: Vec<_> = r
        .elected
        .iter()
        .map(|e| (e.id.as_str(), e.term_ends))
        .collect();
    assert_eq!(
        got,
        [
            ("C1", Some(time::macros::date!(2030 - 05 - 11))),
            ("C2", Some(time::macros::date!(2028 - 05 - 08)))
        ]
    );
    assert!(r.contest.by_election);

    // Equal across terms: a lot is required, never guessed.
    let mut events = vec![by_election(&["2028-05-08", "2030-05-11"], &[700, 700, 300])];
    let mut count = counted("w", &[("C1", 700), ("C2", 700), ("C3", 300)]);
    count.pop();
    events.extend(count);
    let before = contests(&log("2026-09-10", &events)).remove(0);
    assert_eq!(before.status, Status::LotRequired);
    assert_eq!(before.lot_required.as_ref().unwrap().purpose, "longer_term");
    let lot = serde_json::json!({"lot_drawn": {"contest": "w", "run": 1, "purpose": "longer_term",
        "tied": ["C1", "C2"], "winners": ["C2"], "method": {"recorded": {"description": "drawn from a hat"}}}});
    let r = by_election_report(&["2028-05-08", "2030-05-11"], &[700, 700, 300], &[lot]);
    let got: Vec<_> = r
        .elected
        .iter()
        .map(|e| (e.id.as_str(), e.term_ends))
        .collect();
    assert_eq!(
        got,
        [
            ("C2", Some(time::macros::date!(2030 - 05 - 11))),
            ("C1", Some(time::macros::date!(2028 - 05 - 08)))
        ]
    );
}

/// Bad input: a kind no ruleset governs on the date (the kinds that exist
/// listed), an unknown kind, a parish poll without its question, a business
/// referendum without its residents' referendum, Yes/No answers not as the
/// statutory form; each names the entry and the field, nothing written.
#[test]
fn bad_local_polls_are_refused_by_entry_and_field() {
    let before = log(
        "2012-08-02",
        &[np("np", "neighbourhood_planning_referendum")],
    );
    rejects(
        before.as_bytes(),
        &[],
        &[
            "count.jsonl:3: entry 2: contest_defined:",
            "no ruleset for a neighbourhood_planning_referendum poll in England on 2012-08-02",
            "neighbourhood_planning_referendum in England from 3 August 2012",
            "parish_poll_question and parish_poll_election in England from 16 February 1987",
        ],
    );
    let unknown = log("2026-09-10", &[np("np", "village_referendum")]);
    rejects(
        unknown.as_bytes(),
        &[],
        &[
            "field `office`: unknown office \"village_referendum\"",
            "parish_poll_question, parish_poll_election, neighbourhood_planning_referendum, business_referendum",
        ],
    );
    let no_question = log(
        "2026-10-15",
        &[question(
            "p",
            "parish_poll_question",
            &[("A", "Yes"), ("B", "No")],
            None,
        )],
    );
    rejects(
        no_question.as_bytes(),
        &[],
        &["count.jsonl:3: entry 2: contest_defined: field `question`: a parish poll on a question must give the question put"],
    );
    let alone = log("2026-09-10", &[np("bus", "business_referendum")]);
    rejects(
        alone.as_bytes(),
        &[],
        &["count.jsonl:3: entry 2: contest_defined: field `office`: a business referendum is held only with the residents' referendum"],
    );
    let answers = log(
        "2026-09-10",
        &[question(
            "np",
            "neighbourhood_planning_referendum",
            &[("A", "For"), ("B", "Against")],
            Some(NP_Q),
        )],
    );
    rejects(
        answers.as_bytes(),
        &[],
        &["field `candidates`: the answers of a neighbourhood_planning_referendum are Yes, No in that order"],
    );
    // Before SI 2012/444 was in force (made 17 February 2012, in force the
    // next day): no ruleset, and the kinds listed with their dates.
    let tax = log(
        "2012-02-17",
        &[question(
            "t",
            "council_tax_referendum",
            &[("Y", "Yes"), ("N", "No")],
            Some("Q?"),
        )],
    );
    rejects(
        tax.as_bytes(),
        &[],
        &["council_tax_referendum in England from 18 February 2012 (SI 2012/444)"],
    );
}

/// The local planning authority's decision, recorded by
/// `planning_decision_recorded`.
fn decision(contest: &str, decision: &str, decided_on: &str) -> serde_json::Value {
    serde_json::json!({"planning_decision_recorded": {
        "contest": contest, "decision": decision,
        "decided_by": "Cabinet of Exampleshire District Council",
        "decided_on": decided_on, "resolution": "Cabinet minute 42/2026"}})
}

/// The two referendums counted and declared with these votes, then
/// `extra`.
fn neighbourhood_log(
    residents: (u64, u64),
    business: (u64, u64),
    extra: &[serde_json::Value],
) -> String {
    let mut events = vec![
        np("np", "neighbourhood_planning_referendum"),
        np("bus", "business_referendum"),
    ];
    events.extend(counted("np", &[("YES", residents.0), ("NO", residents.1)]));
    events.extend(counted("bus", &[("YES", business.0), ("NO", business.1)]));
    events.extend_from_slice(extra);
    log("2026-09-10", &events)
}

/// PCPA 2004 s.38A(5): where only one referendum is in favour the local
/// planning authority may make the plan but need not. Hand-worked:
/// residents Yes 60, No 40 (60 of 100: more than half, in favour);
/// business Yes 25, No 25 (exactly half: not in favour, SI 2012/2031
/// Sch 3 r.41 as applied); so the authority decides, and its decision (to
/// make the plan, by its cabinet on 14 October 2026) is recorded and shown
/// on both referendums' documents, in JSON, text, CSV and HTML.
#[test]
fn the_planning_authoritys_decision_is_recorded_and_shown() {
    let text = neighbourhood_log((60, 40), (25, 25), &[decision("np", "make", "2026-10-14")]);
    let reports = contests(&text);
    for r in &reports {
        let cb = r.referendum.as_ref().unwrap().combined.as_ref().unwrap();
        assert_eq!(cb.result, "authority_decides");
        let d = cb.decision.as_ref().expect("the decision is shown");
        assert_eq!(d.decision, "make");
        assert_eq!(d.decided_on.to_string(), "2026-10-14");
        assert_eq!(d.decided_by, "Cabinet of Exampleshire District Council");
        assert_eq!(d.resolution.as_deref(), Some("Cabinet minute 42/2026"));
        assert_eq!(d.recorded_by, "Counting Officer");
        // Entries: 1 election, 2-3 contests, 4-9 the counts, 10 the decision.
        assert_eq!(d.entry, 10);
        assert_eq!(
            d.statement,
            "The local planning authority decided to make the plan: decided by Cabinet of Exampleshire District Council on 2026-10-14 (Cabinet minute 42/2026)."
        );
        assert_eq!(
            d.citation,
            "Planning and Compulsory Purchase Act 2004 s.38A(5)"
        );
    }
    // Not to make it: the other decision the law allows.
    let text = neighbourhood_log(
        (40, 60),
        (26, 24),
        &[decision("np", "not_make", "2026-09-11")],
    );
    let d = contests(&text)[0]
        .referendum
        .as_ref()
        .unwrap()
        .combined
        .as_ref()
        .unwrap()
        .decision
        .clone()
        .unwrap();
    assert_eq!(d.decision, "not_make");
    assert!(d
        .statement
        .starts_with("The local planning authority decided not to make the plan"));
    // No decision recorded: none shown (the authority has yet to decide).
    let cb = neighbourhood((60, 40), (25, 25))[0]
        .referendum
        .clone()
        .unwrap()
        .combined
        .unwrap();
    assert!(cb.decision.is_none());
    // Through the command line: text, JSON, CSV and HTML.
    let dir = scratch();
    let text = neighbourhood_log((60, 40), (25, 25), &[decision("np", "make", "2026-10-14")]);
    let path = write(dir.path(), "count.jsonl", text.as_bytes());
    let out = stdout(&run(&["count", &path]));
    assert!(
        out.contains("The local planning authority decided to make the plan: decided by Cabinet of Exampleshire District Council on 2026-10-14 (Cabinet minute 42/2026). Recorded by Counting Officer (entry 10; Planning and Compulsory Purchase Act 2004 s.38A(5))."),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["count", &path, "--format", "json"]))).unwrap();
    let found = json["contests"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["referendum"]["combined"]["decision"]["decision"] == "make");
    assert!(found, "{json}");
    let csv = stdout(&run(&["count", &path, "--format", "csv"]));
    assert!(csv.contains("referendum,planning_decision,"), "{csv}");
    assert!(
        csv.contains(",make\n")
            || csv
                .lines()
                .any(|l| l.contains("planning_decision") && l.ends_with(",make")),
        "{csv}"
    );
    let out = dir.path().join("html");
    let o = run(&[
        "count",
        &path,
        "--out",
        out.to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let page = std::fs::read_to_string(out.join("np.html")).unwrap();
    assert!(
        page.contains("The local planning authority decided to make the plan"),
        "{page}"
    );
}

/// A decision the combined result does not call for is refused, naming the
/// entry and field (s.38A(4)(a): both in favour, the plan must be made;
/// neither: no duty arises); so is a second decision, one before both
/// results are declared, one on a referendum held without a business
/// referendum, a decision code the law does not give, and a day before the
/// poll. Nothing is written.
#[test]
fn a_decision_the_result_does_not_call_for_is_refused() {
    let both = neighbourhood_log((60, 40), (30, 20), &[decision("np", "make", "2026-10-14")]);
    rejects(
        both.as_bytes(),
        &[],
        &["count.jsonl:11: entry 10: planning_decision_recorded: field `decision`: both referendums are in favour: the local planning authority must make the plan (Planning and Compulsory Purchase Act 2004 s.38A(4)(a))"],
    );
    let neither = neighbourhood_log(
        (40, 60),
        (20, 30),
        &[decision("np", "not_make", "2026-10-14")],
    );
    rejects(
        neither.as_bytes(),
        &[],
        &["entry 10: planning_decision_recorded: field `decision`: neither referendum is in favour: no duty to make the plan arises"],
    );
    let twice = neighbourhood_log(
        (60, 40),
        (25, 25),
        &[
            decision("np", "make", "2026-10-14"),
            decision("np", "not_make", "2026-10-15"),
        ],
    );
    rejects(
        twice.as_bytes(),
        &[],
        &["entry 11: planning_decision_recorded: field `contest`: the local planning authority's decision on np is already recorded (entry 10)"],
    );
    // Before the business referendum is declared.
    let mut events = vec![
        np("np", "neighbourhood_planning_referendum"),
        np("bus", "business_referendum"),
    ];
    events.extend(counted("np", &[("YES", 60), ("NO", 40)]));
    events.push(decision("np", "make", "2026-10-14"));
    rejects(
        log("2026-09-10", &events).as_bytes(),
        &[],
        &["entry 7: planning_decision_recorded: field `contest`: the results of np and bus are not both declared"],
    );
    // A residents' referendum alone: s.38A(4)(a) decides; nothing to record.
    let mut events = vec![np("np", "neighbourhood_planning_referendum")];
    events.extend(counted("np", &[("YES", 60), ("NO", 40)]));
    events.push(decision("np", "make", "2026-10-14"));
    rejects(
        log("2026-09-10", &events).as_bytes(),
        &[],
        &["entry 6: planning_decision_recorded: field `contest`: no business referendum is held with np"],
    );
    // Named by the business referendum: the decision is recorded on the
    // residents' referendum.
    let on_business =
        neighbourhood_log((60, 40), (25, 25), &[decision("bus", "make", "2026-10-14")]);
    rejects(
        on_business.as_bytes(),
        &[],
        &["field `contest`: bus is a business_referendum contest"],
    );
    let bad = neighbourhood_log(
        (60, 40),
        (25, 25),
        &[decision("np", "approve", "2026-09-01")],
    );
    rejects(
        bad.as_bytes(),
        &[],
        &[
            "entry 10: planning_decision_recorded: field `decision`: unknown decision \"approve\" (expected one of: make, not_make)",
            "entry 10: planning_decision_recorded: field `decided_on`: 2026-09-01 is before the poll (2026-09-10)",
        ],
    );
    let unknown = neighbourhood_log(
        (60, 40),
        (25, 25),
        &[decision("nowhere", "make", "2026-10-14")],
    );
    rejects(
        unknown.as_bytes(),
        &[],
        &["field `contest`: unknown contest nowhere"],
    );
}

const TAX_Q: &str = "Do you want the Bedfordshire Police and Crime Commissioner to increase the amount it charges by 15.8%?";

/// A council tax referendum counted: `yes`, `no`, and `rejected` papers as
/// one total (its heads were not read).
fn council_tax(yes: u64, no: u64, rejected: u64) -> String {
    let mut events = vec![question(
        "ct",
        "council_tax_referendum",
        &[("YES", "Yes"), ("NO", "No")],
        Some(TAX_Q),
    )];
    events.push(serde_json::json!({"bundle_counted": {"contest": "ct", "run": 1, "bundle": "ALL", "papers": yes + no, "votes": [{"candidate": "YES", "votes": yes}, {"candidate": "NO", "votes": no}]}}));
    if rejected > 0 {
        events.push(serde_json::json!({"rejected_counted": {"contest": "ct", "run": 1, "head": "breakdown_not_given", "papers": rejected}}));
    }
    events.push(serde_json::json!({"count_completed": {"contest": "ct", "run": 1}}));
    events.push(serde_json::json!({"result_declared": {"contest": "ct", "run": 1}}));
    log("2015-05-07", &events)
}

/// SI 2012/444 reg 22(2)(a) and (6)(a): the increase is approved or not
/// approved "by a majority of persons voting in the referendum".
/// Independent: Bedfordshire's police and crime commissioner, 7 May 2015
/// (the only council tax referendum held), Yes 91,086, No 207,551 as
/// published (LGC and Public Sector Executive, May 2015): 298,637 voting,
/// not approved. Hand-worked: 501 to 500 approved; 500 to 500 is no
/// majority, not approved.
#[test]
fn a_council_tax_referendum() {
    let r = &contests(&council_tax(91_086, 207_551, 0))[0];
    let rf = r.referendum.as_ref().unwrap();
    let p = rf.proposal.as_ref().unwrap();
    assert_eq!(
        (p.yes, p.no, p.voting, p.in_favour),
        (91_086, 207_551, Some(298_637), false)
    );
    assert_eq!(
        rf.statement,
        "The increase is not approved by a majority of persons voting in the referendum."
    );
    assert!(p.citation.contains("reg 22(2)(a) and (6)(a)"));
    assert_eq!(r.contest.question.as_deref(), Some(TAX_Q));
    assert!(r
        .contest
        .counting_officer
        .as_ref()
        .unwrap()
        .citation
        .contains("Sch 3 r.41"));
    let approved = &contests(&council_tax(501, 500, 0))[0];
    assert_eq!(
        approved.referendum.as_ref().unwrap().statement,
        "The increase is approved by a majority of persons voting in the referendum."
    );
    let tie = &contests(&council_tax(500, 500, 0))[0];
    let rf = tie.referendum.as_ref().unwrap();
    assert!(!rf.proposal.as_ref().unwrap().in_favour);
    assert_eq!(
        rf.statement,
        "The votes for \"Yes\" and \"No\" are equal: the increase is not approved by a majority of persons voting in the referendum."
    );
    assert!(tie.lot_required.is_none());
    // Rejected papers as one total (the heads were not read): shown as
    // such, never under an invented head.
    let r = &contests(&council_tax(60, 40, 7))[0];
    let rej = r.rejected.as_ref().unwrap();
    assert_eq!(rej.total, 7);
    assert_eq!(rej.heads.len(), 1);
    assert_eq!(rej.heads[0].code, "breakdown_not_given");
    // A head of another instrument is refused, naming the entry and field.
    let events = vec![
        question(
            "ct",
            "council_tax_referendum",
            &[("YES", "Yes"), ("NO", "No")],
            Some(TAX_Q),
        ),
        serde_json::json!({"bundle_counted": {"contest": "ct", "run": 1, "bundle": "ALL", "papers": 100, "votes": [{"candidate": "YES", "votes": 60}, {"candidate": "NO", "votes": 40}]}}),
        serde_json::json!({"rejected_counted": {"contest": "ct", "run": 1, "head": "no_official_mark", "papers": 1}}),
    ];
    rejects(
        log("2015-05-07", &events).as_bytes(),
        &[],
        &["entry 4: rejected_counted: field `head`"],
    );
}

/// The shipped synthetic council tax referendum
/// (`examples/data/exampleshire-council-tax.jsonl`), hand-worked: Yes
/// 4,981 + 5,622 = 10,603, No 5,531 + 5,169 = 10,700; 21,303 voting, more
/// than half is more than 10,651½, so not approved by a majority (SI
/// 2012/444 reg 22); 43 rejected as one total; 21,346 counted = verified.
#[test]
fn the_shipped_council_tax_example() {
    let text = std::fs::read_to_string(example("exampleshire-council-tax.jsonl")).unwrap();
    let r = &contests(&text)[0];
    let rf = r.referendum.as_ref().unwrap();
    let p = rf.proposal.as_ref().unwrap();
    assert_eq!(
        (p.yes, p.no, p.voting, p.in_favour),
        (10_603, 10_700, Some(21_303), false)
    );
    assert_eq!(
        rf.statement,
        "The increase is not approved by a majority of persons voting in the referendum."
    );
    let rej = r.rejected.as_ref().unwrap();
    assert_eq!((rej.total, rej.heads[0].code), (43, "breakdown_not_given"));
    assert_eq!(r.status, Status::Declared);
}

/// SI 2012/323 reg 3 and Sch 1 para 1: "How would you like Bristol City
/// Council to be run?", the arrangements in place first. Independent:
/// Bristol, 3 May 2012, 35,880 for a leader and 41,032 for a mayor (as
/// published, Bristol Business News, November 2012; Ballotpedia): the
/// answer with more votes is the mayor. An equality is reported, never
/// drawn by lot; three answers are refused.
#[test]
fn a_governance_referendum() {
    const LEADER: &str = "By a leader who is an elected councillor chosen by a vote of the other elected councillors. This is how the council is run now.";
    const MAYOR: &str = "By a mayor who is elected by voters. This would be a change from how the council is run now.";
    let poll = |leader: u64, mayor: u64| {
        let mut events = vec![question(
            "gov",
            "governance_referendum",
            &[("LEADER", LEADER), ("MAYOR", MAYOR)],
            Some("How would you like Bristol City Council to be run?"),
        )];
        events.extend(counted("gov", &[("LEADER", leader), ("MAYOR", mayor)]));
        log("2012-05-03", &events)
    };
    let r = &contests(&poll(35_880, 41_032))[0];
    let rf = r.referendum.as_ref().unwrap();
    assert_eq!(rf.answer.as_deref(), Some("MAYOR"));
    assert!(rf.proposal.is_none());
    assert_eq!(r.status, Status::Declared);
    assert_eq!(
        r.contest.counting_officer.as_ref().unwrap().citation,
        "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 9"
    );
    let tie = &contests(&poll(500, 500))[0];
    let rf = tie.referendum.as_ref().unwrap();
    assert_eq!(rf.answer, None);
    assert_eq!(rf.tie, vec!["LEADER".to_owned(), "MAYOR".to_owned()]);
    assert!(tie.lot_required.is_none());
    let three = log(
        "2012-05-03",
        &[question(
            "gov",
            "governance_referendum",
            &[("A", LEADER), ("B", MAYOR), ("C", "By committees")],
            Some("How would you like Bristol City Council to be run?"),
        )],
    );
    rejects(
        three.as_bytes(),
        &[],
        &["entry 2: contest_defined: field `candidates`: a governance_referendum offers two answers, the arrangements in place and the change proposed"],
    );
    // The two answers are the words of one paragraph of Sch 1, the
    // arrangements in place first: reversed, or in other words, refused;
    // para 4 (committees now, a leader proposed) accepted.
    let words = |a: &str, b: &str| {
        let mut events = vec![question(
            "gov",
            "governance_referendum",
            &[("A", a), ("B", b)],
            Some("How would you like Bristol City Council to be run?"),
        )];
        events.extend(counted("gov", &[("A", 10), ("B", 20)]));
        log("2012-05-03", &events)
    };
    for (a, b) in [(MAYOR, LEADER), (LEADER, "By a mayor.")] {
        rejects(
            words(a, b).as_bytes(),
            &[],
            &["entry 2: contest_defined: field `candidates`: the answers of a governance_referendum are the words of one paragraph of Sch 1, the arrangements in place first"],
        );
    }
    const COMMITTEES: &str = "By one or more committees made up of elected councillors. This is how the council is run now.";
    const LEADER_CHANGE: &str = "By a leader who is an elected councillor chosen by a vote of the other elected councillors. This would be a change from how the council is run now.";
    let r = &contests(&words(COMMITTEES, LEADER_CHANGE))[0];
    assert_eq!(r.referendum.as_ref().unwrap().answer.as_deref(), Some("B"));
}

/// `check --format json`: the stable code `local_poll` with the field.
#[test]
fn the_refusal_has_its_stable_code() {
    let dir = scratch();
    let path = write(
        dir.path(),
        "count.jsonl",
        log("2026-09-10", &[np("bus", "business_referendum")]).as_bytes(),
    );
    let o = run(&["check", &path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "local_poll")
        .unwrap_or_else(|| panic!("no local_poll in {v}"));
    assert_eq!(p["line"], 3);
    assert!(
        p["message"].as_str().unwrap().contains(
            "field `office`: a business referendum is held only with the residents' referendum"
        ),
        "{p}"
    );
}

proptest! {
    /// For any Yes and No, the report's test is exactly `2 × yes > yes + no`
    /// (more than half of those voting), and the combined result follows
    /// s.38A(4)-(5) from the two tests.
    #[test]
    fn the_test_is_more_than_half(yes in 0u64..5_000, no in 0u64..5_000, by in 0u64..300, bn in 0u64..300) {
        let reports = neighbourhood((yes, no), (by, bn));
        let r = reports[0].referendum.as_ref().unwrap();
        let b = reports[1].referendum.as_ref().unwrap();
        let rp = r.proposal.as_ref().unwrap();
        prop_assert_eq!(rp.in_favour, 2 * yes > yes + no);
        prop_assert_eq!(rp.voting, Some(yes + no));
        let (rf, bf) = (yes > no, by > bn);
        let want = match (rf, bf) {
            (true, true) => "must_be_made",
            (false, false) => "not_made",
            _ => "authority_decides",
        };
        prop_assert_eq!(r.combined.as_ref().unwrap().result, want);
        prop_assert_eq!(b.combined.as_ref().unwrap().result, want);
    }

    /// For any two declared results, the authority's decision is accepted
    /// exactly when one referendum only is in favour (PCPA 2004 s.38A(5)),
    /// and then shown on both; otherwise it is refused and nothing is shown.
    #[test]
    fn a_decision_is_accepted_only_where_one_only_is_in_favour(
        yes in 0u64..60, no in 0u64..60, by in 0u64..30, bn in 0u64..30, make in proptest::bool::ANY
    ) {
        let code = if make { "make" } else { "not_make" };
        let text = neighbourhood_log((yes, no), (by, bn), &[decision("np", code, "2026-10-14")]);
        let file = read(text.as_bytes()).unwrap();
        let (state, problems) = replay_log(&file);
        let one_only = (yes > no) != (by > bn);
        prop_assert_eq!(problems.is_empty(), one_only, "{:?}", problems);
        for c in report(&state).contests {
            let cb = c.referendum.unwrap().combined.unwrap();
            prop_assert_eq!(cb.decision.map(|d| d.decision), one_only.then_some(code));
        }
    }
}
