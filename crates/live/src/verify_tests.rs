//! The typed commands for verification, doubtful papers, objections,
//! explanations and collation: each reproduces, byte for byte, a line of a
//! shipped example log (typed by hand from the statutes' procedure and
//! checked by the replay and the goldens), or the same entry as the
//! equivalent wire event; a bad one is refused with every problem and the
//! count unchanged.

use countroom_model::{BallotBoxId, BundleId, CandidateId, ContestId, CountingAreaId, Papers};
use countroom_rules::RejectionHead;

use crate::*;

pub(crate) fn example(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../examples/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The log `name` up to (not including) entry `seq`, and entry `seq`'s
/// line with its line feed.
pub(crate) fn before(name: &str, seq: usize) -> (Vec<u8>, Vec<u8>) {
    let bytes = example(name);
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    (lines[..seq].concat(), lines[seq].to_vec())
}

/// Entry `seq` of the example log `name` as a typed command recorded by
/// its `by`, at its `at`, for its `reason`: the same bytes as the log's
/// own line.
pub(crate) fn reproduces(name: &str, seq: usize, command: Command) {
    let (prefix, line) = before(name, seq);
    let mut count = Count::open(&prefix).unwrap();
    let wire: serde_json::Value = serde_json::from_slice(&line).unwrap();
    let by = count.actor(wire["by"].as_str().unwrap()).unwrap();
    let at = wire["at"].as_str().map(|t| {
        time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).unwrap()
    });
    let applied = count
        .apply_noted(&by, command, at, wire["reason"].as_str())
        .unwrap();
    assert_eq!(
        String::from_utf8(applied.bytes).unwrap(),
        String::from_utf8(line).unwrap()
    );
}

fn abbey() -> ContestId {
    ContestId::new("abbey").unwrap()
}

fn bx(id: &str) -> BallotBoxId {
    BallotBoxId::new(id).unwrap()
}

#[test]
fn verification_commands_reproduce_the_abbey_ward_log() {
    let log = "abbey-ward.jsonl";
    reproduces(
        log,
        36,
        Command::ReceiveBox(BoxReceipt::new(bx("BOX-AB1")).seal("S10481").seal("S10482")),
    );
    reproduces(
        log,
        44,
        Command::EnterAccount(
            Account::new(bx("BOX-AB1"), abbey(), Papers::new(1012))
                .entrusted("D0001", "D2000")
                .unused(Papers::new(980))
                .spoilt(Papers::new(6))
                .tendered(Papers::new(2)),
        ),
    );
    reproduces(
        log,
        53,
        Command::CountBox(BoxCount::new(bx("BOX-AB1"), abbey(), 1, Papers::new(1010))),
    );
    reproduces(
        log,
        66,
        Command::Explain(Explanation::of_box(
            abbey(),
            bx("BOX-AB1"),
            "BOX-AB1 -2 and BOX-AB2 +2 at Abbey Community Centre: voters used the other station's box",
        )),
    );
    reproduces(log, 68, Command::CompleteVerification { contest: abbey() });
}

#[test]
fn doubtful_papers_reproduce_the_abbey_ward_log() {
    let log = "abbey-ward.jsonl";
    reproduces(
        log,
        79,
        Command::SetAside(
            SetAside::new(abbey())
                .paper("R1-D1", Some("tick outside the box"))
                .paper("R1-D2", Some("writing on the paper")),
        ),
    );
    reproduces(
        log,
        80,
        Command::DecideDoubtful(DoubtfulDecision::new(
            abbey(),
            "R1-D1",
            Decision::Valid(vec![CandidateId::new("AB-EVANS").unwrap()]),
        )),
    );
    // Rejected under the identifying-mark head, endorsed "rejection
    // objected to" (PER r.47(3)).
    reproduces(
        log,
        81,
        Command::DecideDoubtful(
            DoubtfulDecision::new(
                abbey(),
                "R1-D2",
                Decision::Rejected(RejectionHead::IdentifyingMark),
            )
            .objected(),
        ),
    );
}

#[test]
fn collation_commands_reproduce_the_exampleshire_log() {
    let log = "exampleshire-mayor.jsonl";
    let mayor = ContestId::new("exampleshire-mayor").unwrap();
    reproduces(
        log,
        11,
        Command::AuthoriseLocalTotal(AreaDecision::new(
            mayor.clone(),
            CountingAreaId::new("northtown").unwrap(),
        )),
    );
    reproduces(
        log,
        15,
        Command::OrderAreaRecount(AreaDecision::new(
            mayor,
            CountingAreaId::new("westford").unwrap(),
        )),
    );
}

/// The count, with `command` applied and with the equivalent wire event
/// applied: the same entry bytes.
pub(crate) fn same_as_wire(count: &Count, by: &Actor, command: Command, wire: &str) {
    let event: countroom_log::Event = serde_json::from_str(wire).unwrap();
    let typed = count.clone().apply(by, command).unwrap();
    let evented = count
        .clone()
        .apply(by, Command::Event(Box::new(event)))
        .unwrap();
    assert_eq!(typed.bytes, evented.bytes);
}

#[test]
fn an_objection_is_the_wire_event_and_a_bad_one_changes_nothing() {
    // Abbey ward after the first run's rejected papers are counted (entry 83).
    let (prefix, _) = before("abbey-ward.jsonl", 84);
    let mut count = Count::open(&prefix).unwrap();
    let ro = count.actor("jmarsh").unwrap();
    // R1-D2 was endorsed "rejection objected to" when decided (entry 81):
    // a second objection is refused, typed or wire, with the same problem.
    let typed = count
        .clone()
        .apply(
            &ro,
            Command::ObjectToRejection(
                Objection::new(abbey(), Objected::Paper("R1-D2".into()))
                    .for_candidate(CandidateId::new("AB-EVANS").unwrap()),
            ),
        )
        .unwrap_err();
    let wire: countroom_log::Event = serde_json::from_str(
        r#"{"rejection_objected":{"contest":"abbey","run":1,"paper":"R1-D2","candidate":"AB-EVANS"}}"#,
    )
    .unwrap();
    let evented = count
        .clone()
        .apply(&ro, Command::Event(Box::new(wire)))
        .unwrap_err();
    assert_eq!(typed, evented);
    assert!(typed.to_string().contains("already objected to"), "{typed}");
    same_as_wire(
        &count,
        &ro,
        Command::ObjectToRejection(Objection::new(
            abbey(),
            Objected::Head {
                head: RejectionHead::UnmarkedOrVoid,
                papers: Papers::new(1),
                batch: None,
            },
        )),
        r#"{"rejection_objected":{"contest":"abbey","run":1,"head":"unmarked_or_void","papers":1}}"#,
    );
    // A paper never set aside, and a candidate not standing: both listed,
    // nothing changes.
    let before = (count.entries(), count.head());
    let refused = count
        .apply(
            &ro,
            Command::ObjectToRejection(
                Objection::new(abbey(), Objected::Paper("NO-SUCH-PAPER".into()))
                    .for_candidate(CandidateId::new("NOBODY").unwrap()),
            ),
        )
        .unwrap_err();
    assert_eq!(refused.event, "rejection_objected");
    assert!(!refused.problems.is_empty(), "{refused}");
    assert_eq!((count.entries(), count.head()), before);
    // A doubtful paper decided twice, and one in an unknown contest.
    let again = count
        .apply(
            &ro,
            Command::DecideDoubtful(DoubtfulDecision::new(
                abbey(),
                "R1-D1",
                Decision::Valid(vec![CandidateId::new("AB-EVANS").unwrap()]),
            )),
        )
        .unwrap_err();
    assert!(!again.problems.is_empty());
    let unknown = count
        .apply(
            &ro,
            Command::CompleteVerification {
                contest: ContestId::new("nowhere").unwrap(),
            },
        )
        .unwrap_err();
    assert_eq!(
        unknown.problems,
        [Problem::UnknownContest(ContestId::new("nowhere").unwrap())]
    );
    assert_eq!((count.entries(), count.head()), before);
    // Papers under a head in a batch the run does not have.
    let no_batch = count
        .apply(
            &ro,
            Command::ObjectToRejection(Objection::new(
                abbey(),
                Objected::Head {
                    head: RejectionHead::UnmarkedOrVoid,
                    papers: Papers::new(1),
                    batch: Some(BundleId::new("NO-BATCH").unwrap()),
                },
            )),
        )
        .unwrap_err();
    assert!(!no_batch.problems.is_empty());
    assert_eq!((count.entries(), count.head()), before);
}

#[test]
fn a_verification_command_the_role_does_not_allow_is_refused() {
    // Abbey ward's log appoints its officers: an election agent may not
    // count a box at verification (PER r.45; ARCHITECTURE.md, "Roles and
    // authority").
    let (prefix, _) = before("abbey-ward.jsonl", 53);
    let mut count = Count::open(&prefix).unwrap();
    let agent = count.actor("khollis").unwrap();
    let before = (count.entries(), count.head());
    let refused = count
        .apply(
            &agent,
            Command::CountBox(BoxCount::new(bx("BOX-AB1"), abbey(), 1, Papers::new(1010))),
        )
        .unwrap_err();
    assert!(
        matches!(refused.problems[..], [Problem::Count(_)]),
        "{refused}"
    );
    assert_eq!((count.entries(), count.head()), before);
}

/// The typed view of the documents: Abbey ward's declaration (the names,
/// the day and the officer as the shipped log records them and the README
/// describes them), and every shipped log's sheets read back to the wire
/// report's values.
#[test]
fn result_sheets_are_the_documents_as_domain_values() {
    let count = Count::open(&example("abbey-ward.jsonl")).unwrap();
    let sheets = count.result_sheets().unwrap();
    let abbey = sheets.iter().find(|s| s.contest == self::abbey()).unwrap();
    assert_eq!(abbey.status, Status::Declared);
    assert_eq!(abbey.poll_date, time::macros::date!(2026 - 05 - 07));
    let names: Vec<&str> = abbey.elected.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["ASHWORTH, Helen", "CHAUDHRY, Amir", "EVANS, Peter"]);
    assert!(abbey.elected.iter().all(|e| e.seat == SeatKind::Ordinary));
    assert_eq!(SeatKind::Casual.to_string(), "casual vacancy");
    assert_eq!(abbey.declaration.as_ref().unwrap().by, "jmarsh");
    for name in [
        "abbey-ward.jsonl",
        "exampletown-mayor.jsonl",
        "exampleshire-mayor.jsonl",
        "two-seat-tie.jsonl",
        "westbury.jsonl",
        "stv-ward.jsonl",
    ] {
        let count = Count::open(&example(name)).unwrap();
        let report = count.documents();
        let sheets = count.result_sheets().unwrap();
        assert_eq!(sheets.len(), report.contests.len(), "{name}");
        for (sheet, wire) in sheets.iter().zip(&report.contests) {
            assert_eq!(sheet.contest.as_str(), wire.contest.id);
            assert_eq!(sheet.poll_date, wire.contest.poll_date);
            let ids: Vec<&str> = sheet
                .candidates
                .iter()
                .map(|c| c.candidate.as_str())
                .collect();
            let wire_ids: Vec<&str> = wire.candidates.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, wire_ids, "{name}");
            for (e, w) in sheet.elected.iter().zip(&wire.elected) {
                assert_eq!(e.term_ends, w.term_ends, "{name}");
                assert_eq!(e.votes.map(Votes::get), w.votes);
            }
        }
    }
    // A wire value that does not read is named, never guessed (the poll
    // date is a `time::Date` in the wire report itself now, so it cannot
    // be one).
    let mut report = count.documents();
    report.contests[0].candidates[0].id = "A\u{7}".into();
    let e = ResultSheet::from_report(&report.contests[0]).unwrap_err();
    assert_eq!(e.field, "candidates[].id");
}
