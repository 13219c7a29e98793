//! A referendum held throughout Scotland under the Referendums (Scotland)
//! Act 2020 (asp 2), chosen by its own office code `scottish_referendum`:
//! hand-worked counts citing the Act, and the selector refused outside
//! Scotland and before the Act, with the entry and field named and nothing
//! written.

use countroom::count::{replay_log, report, ContestReport, Status};
use countroom::log::read;

use crate::cli::rejects;

const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

/// A log: the election on `poll_date`, then one `scottish_referendum`
/// contest in `country` with answers Yes and No, counted with `votes`
/// (Yes, No) and `rejected` papers, completed and declared.
fn log(poll_date: &str, country: &str, yes: u64, no: u64, rejected: u64) -> String {
    let events = [
        serde_json::json!({"election_defined": {"election": "e", "name": "Referendum", "poll_date": poll_date}}),
        serde_json::json!({"contest_defined": {
            "contest": "ref", "election": "e", "title": "Referendum", "area": "Exampleshire Council area",
            "office": "scottish_referendum", "country": country, "electorate": 90000,
            "vacancies": [],
            "candidates": [{"id": "YES", "name": "Yes"}, {"id": "NO", "name": "No"}],
            "question": "Should the example proposition be approved?"}}),
        serde_json::json!({"bundle_counted": {"contest": "ref", "run": 1, "bundle": "ALL",
            "papers": yes + no,
            "votes": [{"candidate": "YES", "votes": yes}, {"candidate": "NO", "votes": no}]}}),
        serde_json::json!({"rejected_counted": {"contest": "ref", "run": 1, "head": "breakdown_not_given", "papers": rejected}}),
        serde_json::json!({"count_completed": {"contest": "ref", "run": 1}}),
        serde_json::json!({"result_declared": {"contest": "ref", "run": 1}}),
    ];
    let mut s = HEADER.to_owned();
    for (i, e) in events.iter().enumerate() {
        let v = serde_json::json!({"seq": i + 1, "by": "Counting Officer", "event": e});
        s.push_str(&format!("{v}\n"));
    }
    s
}

fn contest(text: &str) -> ContestReport {
    let file = read(text.as_bytes()).unwrap();
    let (state, problems) = replay_log(&file);
    assert!(problems.is_empty(), "{problems:#?}");
    report(&state).contests.remove(0)
}

/// Hand-worked: Yes 41,207, No 38,995, 112 rejected (one total: Sch 2 r.31,
/// the heads, not read). The counting officer certifies the papers counted,
/// the votes for each answer and the rejected papers (s.9(2)(b)); the Act
/// states no majority rule, so the answer with more votes is named as a
/// figure and the figures are the result; the counting officer for the
/// area, under the Chief Counting Officer (s.9(2)-(3), s.7).
#[test]
fn counted_under_the_2020_act() {
    let r = contest(&log("2027-10-19", "scotland", 41_207, 38_995, 112));
    assert_eq!(r.contest.ruleset, "scotland-referendum-2020");
    assert_eq!(r.status, Status::Declared);
    let rf = r.referendum.as_ref().unwrap();
    assert_eq!(rf.answer.as_deref(), Some("YES"));
    assert!(rf.proposal.is_none());
    assert!(
        rf.statement
            .starts_with("The answer with more votes is \"Yes\"; the figures certified are the result (Referendums (Scotland) Act 2020, s.9(2)(b)"),
        "{}",
        rf.statement
    );
    assert!(rf.statement.contains("the Act states no majority rule"));
    let co = r.contest.counting_officer.as_ref().unwrap();
    assert!(
        co.text.contains("under the Chief Counting Officer"),
        "{}",
        co.text
    );
    assert!(co
        .citation
        .starts_with("Referendums (Scotland) Act 2020, s.9(2)-(3)"));
    let rej = r.rejected.as_ref().unwrap();
    assert_eq!((rej.total, rej.heads[0].code), (112, "breakdown_not_given"));
    // An exact tie is reported, never drawn by lot.
    let tie = contest(&log("2027-10-19", "scotland", 500, 500, 0));
    let rf = tie.referendum.as_ref().unwrap();
    assert_eq!(rf.answer, None);
    assert_eq!(rf.tie, vec!["YES".to_owned(), "NO".to_owned()]);
    assert!(tie.lot_required.is_none());
}

/// s.1(1): "throughout Scotland"; the Act in force from 30 January 2020
/// (Royal Assent 29 January 2020). A `scottish_referendum` in England, or
/// in Scotland the day before, is refused at its contest_defined entry with
/// the reason, and nothing is written.
#[test]
fn refused_outside_scotland_and_before_the_act() {
    rejects(
        log("2027-10-19", "england", 10, 5, 0).as_bytes(),
        &[],
        &[
            "entry 2",
            "no ruleset for a scottish_referendum poll in England on 2027-10-19",
            "held throughout Scotland (s.1(1))",
        ],
    );
    rejects(
        log("2020-01-29", "scotland", 10, 5, 0).as_bytes(),
        &[],
        &[
            "entry 2",
            "no ruleset for a scottish_referendum poll in Scotland on 2020-01-29",
            "from 30 January 2020",
        ],
    );
    // The first day the Act governs is counted.
    let r = contest(&log("2020-01-30", "scotland", 10, 5, 0));
    assert_eq!(r.contest.ruleset, "scotland-referendum-2020");
}

/// The referendum collated from its counting officers' local government
/// areas (s.9(2) each area certifies, s.9(4) the Chief Counting Officer the
/// whole of Scotland): the answers are the providing Act's, so declared
/// with `--choices`; the rejected papers are one column,
/// `breakdown_not_given` (Sch 2 r.31's heads not read). Hand-worked: Yes
/// 25 + 30 = 55, No 33 + 19 = 52, rejected 2 + 1 = 3.
#[test]
fn collated_from_the_local_government_areas() {
    use crate::support::{run, scratch, stderr, stdout, write};
    let dir = scratch();
    let file = write(
        dir.path(),
        "areas.csv",
        b"Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,Yes,No,breakdown_not_given,Explanation\n\
S1,Scotland,S12000033,Aberdeen City,100,60,60,25,33,2,\n\
S1,Scotland,S12000034,Aberdeenshire,100,50,50,30,19,1,\n",
    );
    let o = run(&[
        "collate",
        file.as_str(),
        "--ruleset",
        "scotland-referendum-2020",
        "--choices",
        "Yes,No",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("  Yes 55 (51.40% of valid votes)"), "{text}");
    assert!(text.contains("  No 52 (48.60% of valid votes)"), "{text}");
    assert!(
        text.contains("    rejected ballot papers (breakdown not given) 3"),
        "{text}"
    );
    // Without --choices the statement says why the ruleset cannot give the
    // answers.
    let o = run(&[
        "collate",
        file.as_str(),
        "--ruleset",
        "scotland-referendum-2020",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o)
        .contains("the answers of a poll under scotland-referendum-2020 are the poll's own"));
}
