//! The live count against hand-worked figures, bad input, and the replay.

use countroom_adjudicate::{BallotPaper, Mark, MarkKind, Placement};
use countroom_count::ProblemKind;
use countroom_model::{
    BundleId, CandidateId, ContestId, Country, ElectionId, Electorate, Office, Papers, RulesetId,
    Votes,
};
use countroom_rules::RejectionHead;
use proptest::prelude::*;
use time::macros::date;

use crate::*;

fn c(id: &str) -> CandidateId {
    CandidateId::new(id).unwrap()
}

fn ward() -> ContestId {
    ContestId::new("abbey").unwrap()
}

fn person(id: &str) -> PersonId {
    PersonId::new(id).unwrap()
}

/// A two-seat English district ward (the 2006 Principal Areas Rules) of
/// three candidates, with a Returning Officer and a count clerk appointed.
fn definition() -> ElectionDefinition {
    ElectionDefinition::new(
        ElectionId::new("district-2026").unwrap(),
        "District council elections",
        date!(2026 - 05 - 07),
        person("ro"),
    )
    .contest(
        ContestDefinition::new(
            ward(),
            "Abbey",
            Office::PrincipalCouncillor,
            Country::England,
        )
        .electorate(Electorate::new(4_000))
        .seat(Seat::ordinary(date!(2030 - 05 - 10)))
        .seat(Seat::ordinary(date!(2030 - 05 - 10)))
        .candidate_of(c("A"), "ADAMS, Jo", "Green Party")
        .candidate(c("B"), "BAKER, Sam")
        .candidate(c("C"), "COLE, Ann")
        .ruleset(RulesetId::EnglandPrincipal2006),
    )
    .appoint(Appointment::new(
        person("ro"),
        "Jane Marsh",
        Role::ReturningOfficer,
    ))
    .appoint(Appointment::new(
        person("clerk"),
        "Tom Hale",
        Role::CountClerk,
    ))
}

fn bundle(id: &str, a: u64, b: u64, cc: u64, papers: u64) -> Command {
    Command::Bundle(
        Bundle::new(ward(), BundleId::new(id).unwrap())
            .votes(c("A"), Votes::new(a))
            .votes(c("B"), Votes::new(b))
            .votes(c("C"), Votes::new(cc))
            .papers(Papers::new(papers)),
    )
}

/// The documents as JSON (the `--format json` bytes' source).
fn json(report: &countroom_count::Report) -> Vec<u8> {
    serde_json::to_vec(report).unwrap()
}

/// The documents of the log `bytes` by the auditor's route: read, replay.
fn replayed(bytes: &[u8]) -> Vec<u8> {
    let file = countroom_log::read(bytes).unwrap();
    let (state, problems) = countroom_count::replay_log(&file);
    assert!(problems.is_empty(), "{problems:?}");
    json(&countroom_count::report(&state))
}

/// Applies `command` expecting a refusal, and checks nothing changed.
fn refused(count: &mut Count, by: &Actor, command: Command) -> Rejection {
    let before = (json(&count.documents()), count.entries(), count.head());
    let rejection = count.apply(by, command).unwrap_err();
    assert_eq!(
        (json(&count.documents()), count.entries(), count.head()),
        before,
        "the count changed"
    );
    rejection
}

#[test]
fn count_is_send_and_owns_its_data() {
    fn send<T: Send + 'static>() {}
    send::<Count>();
    send::<Rejection>();
}

#[test]
fn a_ward_counted_bundle_by_bundle() {
    let (mut count, mut log) = Count::new(&definition()).unwrap();
    // Election, contest, two appointments.
    assert_eq!(count.entries(), 4);
    let clerk = count.actor("clerk").unwrap();
    let ro = count.actor("ro").unwrap();
    // PER r.45: the papers counted bundle by bundle, and the rejected
    // papers under their head (r.47(1)(d), "unmarked or void for
    // uncertainty").
    for command in [
        bundle("B1", 120, 95, 40, 150),
        bundle("B2", 80, 70, 90, 130),
        Command::Rejected(Rejected::new(
            ward(),
            RejectionHead::UnmarkedOrVoid,
            Papers::new(3),
        )),
    ] {
        let applied = count.apply(&clerk, command).unwrap();
        log.extend_from_slice(&applied.bytes);
        assert_eq!(applied.head, countroom_log::read(&log).unwrap().head());
    }
    // Hand-worked: A 120 + 80 = 200, B 95 + 70 = 165, C 40 + 90 = 130;
    // papers 150 + 130 + 3 = 283, of which 3 rejected.
    let p = count.progress(&ward()).unwrap();
    assert_eq!(p.status, Status::Counting);
    assert_eq!((p.run, p.bundles, p.batches), (1, 2, 0));
    assert_eq!(p.papers_counted, Papers::new(283));
    assert_eq!(p.rejected, Papers::new(3));
    assert_eq!(
        p.votes,
        vec![
            (c("A"), Votes::new(200)),
            (c("B"), Votes::new(165)),
            (c("C"), Votes::new(130))
        ]
    );
    let applied = count
        .apply_noted(
            &ro,
            Command::CompleteCount { contest: ward() },
            Some(time::macros::datetime!(2026-05-08 01:30 +01:00)),
            Some("all bundles counted"),
        )
        .unwrap();
    log.extend_from_slice(&applied.bytes);
    assert_eq!(
        applied.entry.at.as_deref(),
        Some("2026-05-08T01:30:00+01:00")
    );
    assert_eq!(
        count.progress(&ward()).unwrap().status,
        Status::ReadyToDeclare
    );
    log.extend_from_slice(
        &count
            .apply(&ro, Command::Declare { contest: ward() })
            .unwrap()
            .bytes,
    );
    assert_eq!(count.entries(), 9);
    let docs = count.documents();
    let abbey = &docs.contests[0];
    assert_eq!(abbey.status, Status::Declared);
    // The two seats: the two most votes (r.49(1)).
    let elected: Vec<&str> = abbey.elected.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(elected, ["A", "B"]);
    // The same documents as the auditor's replay of the bytes written.
    assert_eq!(json(&docs), replayed(&log));
    // And the log reopens where it stopped.
    let reopened = Count::open(&log).unwrap();
    assert_eq!(reopened.head(), count.head());
    assert_eq!(json(&reopened.documents()), json(&docs));
}

#[test]
fn bad_input_is_refused_with_every_problem_and_nothing_changes() {
    let (mut count, _) = Count::new(&definition()).unwrap();
    let clerk = count.actor("clerk").unwrap();
    let ro = count.actor("ro").unwrap();

    // Someone not appointed cannot record anything once the log appoints.
    let err = count.actor("mallory").unwrap_err();
    assert_eq!(
        err.problems,
        vec![Problem::NotAppointed {
            person: "mallory".into()
        }]
    );
    assert!(count.actor("ro\nDECLARED").is_err());

    // An unknown contest.
    let err = refused(
        &mut count,
        &clerk,
        Command::CompleteCount {
            contest: ContestId::new("nowhere").unwrap(),
        },
    );
    assert_eq!(
        err.problems,
        vec![Problem::UnknownContest(ContestId::new("nowhere").unwrap())]
    );

    // Two unknown candidates: both named.
    let err = refused(
        &mut count,
        &clerk,
        Command::Bundle(
            Bundle::new(ward(), BundleId::new("B1").unwrap())
                .votes(c("X"), Votes::new(1))
                .votes(c("Y"), Votes::new(1))
                .papers(Papers::new(2)),
        ),
    );
    assert_eq!(err.problems.len(), 2, "{err}");
    assert!(err.problems.iter().all(|p| matches!(
        p,
        Problem::Count(ProblemKind::Unknown {
            what: "candidate",
            ..
        })
    )));

    // A figure that overflows: a bundle of u64::MAX papers in a two-seat
    // ward can carry 2 × (2^64 − 1) = 36,893,488,147,419,103,230 votes,
    // past the largest count: refused, naming the figure (never clamped).
    let err = refused(&mut count, &clerk, bundle("BIG", u64::MAX, 0, 0, u64::MAX));
    assert!(
        err.problems.iter().any(|p| matches!(
            p,
            Problem::Count(ProblemKind::TotalOverflow {
                adds: 36_893_488_147_419_103_230,
                ..
            })
        )),
        "{err}"
    );
    // Votes past the largest count across two bundles.
    count
        .apply(&clerk, bundle("B2", u64::MAX / 2, 10, 0, u64::MAX / 2))
        .unwrap();
    let err = refused(
        &mut count,
        &clerk,
        bundle("B3", u64::MAX / 2 + 2, 0, 0, u64::MAX / 2 + 2),
    );
    assert!(
        err.problems
            .iter()
            .any(|p| matches!(p, Problem::Count(ProblemKind::TotalOverflow { .. }))),
        "{err}"
    );

    // A command the actor's role does not allow: a count clerk may not
    // complete the count (PER r.45; `complete` is the RO's).
    let err = refused(
        &mut count,
        &clerk,
        Command::CompleteCount { contest: ward() },
    );
    assert!(
        matches!(
            err.problems.as_slice(),
            [Problem::Count(ProblemKind::Authority(_))]
        ),
        "{err}"
    );

    // Contradicting the state: a bundle after completion, and a second
    // declaration.
    count
        .apply(&ro, Command::CompleteCount { contest: ward() })
        .unwrap();
    let err = refused(&mut count, &clerk, bundle("LATE", 1, 0, 0, 1));
    assert!(
        matches!(
            err.problems.as_slice(),
            [Problem::Count(ProblemKind::RunCompleted { .. })]
        ),
        "{err}"
    );
    count
        .apply(&ro, Command::Declare { contest: ward() })
        .unwrap();
    let err = refused(&mut count, &ro, Command::Declare { contest: ward() });
    assert!(
        matches!(
            err.problems.as_slice(),
            [Problem::Count(ProblemKind::AlreadyDeclared { .. })]
        ),
        "{err}"
    );

    // A reason with a line break would forge a line of a document.
    let err = count
        .apply_noted(
            &ro,
            Command::Declare { contest: ward() },
            None,
            Some("a\u{7}b"),
        )
        .unwrap_err();
    assert!(matches!(err.problems[0], Problem::Entry(_)), "{err}");

    // Events a live count does not record.
    let err = refused(
        &mut count,
        &ro,
        Command::Event(Box::new(countroom_log::Event::CheckpointSigned(
            countroom_log::CheckpointSigned::new(1, String::new(), String::new()),
        ))),
    );
    assert!(matches!(err.problems[0], Problem::NotBuilt { .. }));
}

#[test]
fn a_time_rfc_3339_cannot_write_is_refused_naming_it() {
    let (mut count, log) = Count::new(&definition()).unwrap();
    let ro = count.actor("ro").unwrap();
    let head = count.head();
    // RFC 3339 (section 5.6) has a four-digit year and an offset in hours
    // and minutes: a year before 0 and an offset with seconds cannot be
    // written. Each is refused naming the time (before today, written as
    // empty text, which the log's reader then refused), and nothing
    // changes.
    for (at, shown) in [
        (
            time::macros::datetime!(-0001-05-08 01:30 UTC),
            "-0001-05-08",
        ),
        (
            time::macros::datetime!(2026-05-08 01:30 +01:00:30),
            "+01:00:30",
        ),
    ] {
        let err = count
            .apply_noted(&ro, bundle("B1", 1, 2, 3, 6), Some(at), None)
            .unwrap_err();
        assert!(
            matches!(&err.problems[..], [Problem::UnformattableAt { at, .. }] if at.contains(shown)),
            "{err}"
        );
        assert!(err.to_string().contains(shown), "{err}");
        assert_eq!(count.head(), head);
        assert_eq!(count.entries(), 4);
    }
    // The same command at a time RFC 3339 writes is appended, `at` as the
    // log writes it.
    let applied = count
        .apply_noted(
            &ro,
            bundle("B1", 1, 2, 3, 6),
            Some(time::macros::datetime!(2026-05-08 01:30 +01:00)),
            None,
        )
        .unwrap();
    assert_eq!(
        applied.entry.at.as_deref(),
        Some("2026-05-08T01:30:00+01:00")
    );
    let mut log = log;
    log.extend_from_slice(&applied.bytes);
    assert!(countroom_log::read(&log).is_ok());
}

#[test]
fn a_lot_settles_an_equality_at_the_last_seat() {
    let (mut count, mut log) = Count::new(&definition()).unwrap();
    let ro = count.actor("ro").unwrap();
    // A 50, B 30, C 30: B and C equal for the second seat (r.49(1): the
    // Returning Officer decides between them by lot).
    for command in [
        bundle("B1", 50, 30, 30, 60),
        Command::CompleteCount { contest: ward() },
    ] {
        log.extend_from_slice(&count.apply(&ro, command).unwrap().bytes);
    }
    assert_eq!(count.progress(&ward()).unwrap().status, Status::LotRequired);
    let err = refused(&mut count, &ro, Command::Declare { contest: ward() });
    assert!(matches!(
        err.problems.as_slice(),
        [Problem::Count(ProblemKind::NotDeclarable { .. })]
    ));
    let lot = Lot::new(
        ward(),
        LotPurpose::Election,
        vec![c("B"), c("C")],
        vec![c("C")],
        LotDraw::Recorded("names drawn from a hat".into()),
    );
    log.extend_from_slice(&count.apply(&ro, Command::DrawLot(lot)).unwrap().bytes);
    log.extend_from_slice(
        &count
            .apply(&ro, Command::Declare { contest: ward() })
            .unwrap()
            .bytes,
    );
    let docs = count.documents();
    let elected: Vec<&str> = docs.contests[0]
        .elected
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(elected, ["A", "C"]);
    assert_eq!(json(&docs), replayed(&log));
}

#[test]
fn papers_from_memory_are_adjudicated_counted_and_hashed() {
    let (mut count, mut log) = Count::new(&definition()).unwrap();
    let ro = count.actor("ro").unwrap();
    let mut papers = BallotPapers::new();
    papers.crosses(&[0, 1]).unwrap(); // A and B
    papers.crosses(&[0]).unwrap(); // A
    papers.crosses(&[0, 1, 2]).unwrap(); // three votes for two seats: void
                                         // A tick outside the box for C: valid under the saving clause
                                         // (Principal Areas Rules 2006 r.47(2)).
    papers
        .paper(
            "P-4",
            BallotPaper::marked(vec![Mark::cross(2)
                .kind(MarkKind::Tick)
                .at(Placement::Outside)]),
        )
        .unwrap();
    // Another mark: whether it shows a clear intention is the Returning
    // Officer's judgement, so the paper is set aside, not counted.
    papers
        .paper(
            "P-5",
            BallotPaper::marked(vec![Mark::cross(1).kind(MarkKind::Other)]),
        )
        .unwrap();
    let canonical = String::from_utf8(papers.canonical(&ward())).unwrap();
    assert_eq!(
        canonical,
        "countroom-papers-v1\ncontest\tabbey\n\tY\tN\t1:0:X@box+1:1:X@box\n\tY\tN\t1:0:X@box\n\tY\tN\t1:0:X@box+1:1:X@box+1:2:X@box\nP-4\tY\tN\t1:2:tick@outside\nP-5\tY\tN\t1:1:other@box\n"
    );
    // The canonical form above through coreutils' `sha256sum`.
    assert_eq!(
        papers.content_hash(&ward()),
        "6c4070d82a145f53b088de969472b4961f947d29be5fc1db39432fab08512ef4"
    );
    let batch = PaperBatch::new(ward(), BundleId::new("scan-1").unwrap(), papers.clone());
    let applied = count.apply(&ro, Command::PaperBatch(batch)).unwrap();
    log.extend_from_slice(&applied.bytes);
    let countroom_log::Event::PaperBatchCounted(e) = &applied.entry.event else {
        panic!("{:?}", applied.entry.event)
    };
    let source = e.source.as_ref().unwrap();
    assert_eq!(source.name, "memory:scan-1");
    assert_eq!(source.sha256, papers.content_hash(&ward()));
    // Valid: papers 1, 2 and 4; void: paper 3 (too many votes, r.47(1)(b));
    // set aside: paper 5.
    assert_eq!(e.valid_papers, 3);
    let votes: Vec<u64> = e.votes.iter().map(|v| v.votes).collect();
    assert_eq!(votes, [2, 1, 1]);
    let too_many = e
        .rejected
        .iter()
        .find(|h| h.head == "too_many_votes")
        .unwrap();
    assert_eq!(too_many.papers, 1);
    assert_eq!(e.saved.len(), 1);
    assert_eq!(
        (e.saved[0].reason.as_str(), e.saved[0].papers),
        ("outside_box", 1)
    );
    assert_eq!(e.set_aside.len(), 1);
    assert_eq!(e.set_aside[0].paper, "P-5");
    // The same entry as the file route gives for the same papers: both go
    // through countroom_count::papers.
    assert_eq!(json(&count.documents()), replayed(&log));
    // With the file's hash instead.
    let file = PaperBatch::new(
        ward(),
        BundleId::new("scan-2").unwrap(),
        BallotPapers::new(),
    )
    .from_file("scan-2.csv", "00".repeat(32));
    let applied = count.apply(&ro, Command::PaperBatch(file)).unwrap();
    let countroom_log::Event::PaperBatchCounted(e) = &applied.entry.event else {
        panic!()
    };
    assert_eq!(e.source.as_ref().unwrap().name, "scan-2.csv");
}

#[test]
fn an_existing_log_goes_on_and_its_documents_match_the_replay() {
    let text = include_bytes!("../../../examples/data/abbey-ward.jsonl");
    let count = Count::open(text).unwrap();
    assert_eq!(json(&count.documents()), replayed(text));
    let head = countroom_log::read(text).unwrap().head();
    assert_eq!(count.head(), head);
    // A log with problems is refused: its last line without its line feed
    // is a line cut short (torn_tests.rs).
    let mut broken = text.to_vec();
    broken.truncate(broken.len() - 1);
    assert!(matches!(Count::open(&broken), Err(OpenError::TornTail(_))));
}

#[test]
fn a_version_1_log_goes_on_unchained() {
    let text = include_str!("../../../examples/data/two-seat-tie.jsonl");
    let entries = countroom_log::read(text.as_bytes()).unwrap().entries;
    // The first five entries as version 1, without a final line feed.
    let v1 = countroom_log::write(&countroom_log::Header::v1(), &entries[..5]);
    let v1 = &v1[..v1.len() - 1];
    let mut count = Count::open(v1).unwrap();
    let ro = count.actor("Returning Officer (Jane Marsh)").unwrap();
    let applied = count
        .apply(
            &ro,
            Command::CompleteCount {
                contest: ContestId::new("little-ormsby").unwrap(),
            },
        )
        .unwrap();
    // A line feed first, then a version 1 line: no `prev`.
    assert_eq!(
        String::from_utf8(applied.bytes.clone()).unwrap(),
        "\n{\"seq\":6,\"by\":\"Returning Officer (Jane Marsh)\",\"event\":{\"count_completed\":{\"contest\":\"little-ormsby\",\"run\":1}}}\n"
    );
    let mut log = v1.to_vec();
    log.extend_from_slice(&applied.bytes);
    assert_eq!(json(&count.documents()), replayed(&log));
    let docs = count.documents();
    let evidence = docs.evidence.as_ref().unwrap();
    assert!(!evidence.tamper_evident);
    assert_eq!(evidence.entries, 6);
}

#[test]
fn an_uncontested_election_is_declared_without_a_run() {
    // Two candidates for two seats: no poll (PER r.45 is not reached; the
    // candidates remaining validly nominated are declared elected).
    let mut definition = definition();
    definition.contests[0].candidates.truncate(2);
    let (mut count, mut log) = Count::new(&definition).unwrap();
    let ro = count.actor("ro").unwrap();
    assert_eq!(count.progress(&ward()).unwrap().status, Status::Uncontested);
    let applied = count
        .apply(&ro, Command::Declare { contest: ward() })
        .unwrap();
    assert!(matches!(
        &applied.entry.event,
        countroom_log::Event::ResultDeclared(d) if d.run == 0
    ));
    log.extend_from_slice(&applied.bytes);
    let p = count.progress(&ward()).unwrap();
    assert_eq!(p.status, Status::UncontestedDeclared);
    assert_eq!(
        p.status.to_string(),
        "uncontested: declared elected without a poll"
    );
    assert_eq!(json(&count.documents()), replayed(&log));
}

#[derive(Debug, Clone)]
enum Op {
    Bundle {
        a: u64,
        b: u64,
        c: u64,
        spare: u64,
        id: u8,
        unknown: bool,
    },
    Rejected(u64),
    Complete,
    Declare,
    Request,
    Decide(bool),
    Lot(bool),
    ClerkDeclares,
    /// Papers from memory: each a set of candidates crossed (bit i:
    /// candidate i; a fourth bit past the standing candidates).
    Batch {
        id: u8,
        papers: Vec<u8>,
        odd: bool,
    },
    /// A doubtful paper `D{id}` set aside.
    SetAside(u8),
    /// A doubtful paper decided: `odd` (a batch's) for id 0, else `D{id}`.
    DecideDoubtful {
        id: u8,
        valid: bool,
    },
    /// An objection to the rejection of paper `D{id}` (or `odd`).
    Object(u8),
    /// An explanation of the run.
    Explain,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u64..50, 0u64..50, 0u64..50, 0u64..20, 0u8..12, proptest::bool::weighted(0.1))
            .prop_map(|(a, b, c, spare, id, unknown)| Op::Bundle { a, b, c, spare, id, unknown }),
        1 => (0u64..5).prop_map(Op::Rejected),
        1 => Just(Op::Complete),
        1 => Just(Op::Declare),
        1 => Just(Op::Request),
        1 => any::<bool>().prop_map(Op::Decide),
        1 => any::<bool>().prop_map(Op::Lot),
        1 => Just(Op::ClerkDeclares),
        2 => (0u8..12, proptest::collection::vec(0u8..16, 0..12), proptest::bool::weighted(0.3))
            .prop_map(|(id, papers, odd)| Op::Batch { id, papers, odd }),
        1 => (0u8..4).prop_map(Op::SetAside),
        1 => (0u8..4, any::<bool>()).prop_map(|(id, valid)| Op::DecideDoubtful { id, valid }),
        1 => (0u8..4).prop_map(Op::Object),
        1 => Just(Op::Explain),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random command sequences (many refused): the documents of the live
    /// count are the documents of replaying the bytes it wrote, and a
    /// refused command changes nothing.
    #[test]
    fn documents_are_the_replay_of_the_written_bytes(ops in proptest::collection::vec(op(), 0..40)) {
        let (mut count, mut log) = Count::new(&definition()).unwrap();
        let ro = count.actor("ro").unwrap();
        let clerk = count.actor("clerk").unwrap();
        for op in ops {
            let (by, command) = match op {
                Op::Bundle { a, b, c: cc, spare, id, unknown } => {
                    // Each paper carries at most two votes: papers enough.
                    let papers = (a + b + cc).div_ceil(2) + spare;
                    let who = if unknown { "Z" } else { "C" };
                    (&clerk, Command::Bundle(
                        Bundle::new(ward(), BundleId::new(&format!("B{id}")).unwrap())
                            .votes(c("A"), Votes::new(a))
                            .votes(c("B"), Votes::new(b))
                            .votes(c(who), Votes::new(cc))
                            .papers(Papers::new(papers)),
                    ))
                }
                Op::Rejected(n) => (&clerk, Command::Rejected(Rejected::new(ward(), RejectionHead::UnmarkedOrVoid, Papers::new(n)))),
                Op::Complete => (&ro, Command::CompleteCount { contest: ward() }),
                Op::Declare => (&ro, Command::Declare { contest: ward() }),
                Op::Request => (&ro, Command::RequestRecount { contest: ward(), candidate: Some(c("C")) }),
                Op::Decide(granted) => (&ro, Command::DecideRecount { contest: ward(), granted }),
                Op::Lot(b_wins) => (&ro, Command::DrawLot(Lot::new(
                    ward(),
                    LotPurpose::Election,
                    vec![c("B"), c("C")],
                    vec![if b_wins { c("B") } else { c("C") }],
                    LotDraw::Recorded("drawn".into()),
                ))),
                Op::ClerkDeclares => (&clerk, Command::Declare { contest: ward() }),
                Op::Batch { id, papers, odd } => {
                    let mut batch = BallotPapers::new();
                    for bits in papers {
                        let crossed: Vec<usize> = (0..4).filter(|i| bits & (1 << i) != 0).collect();
                        batch.crosses(&crossed).unwrap();
                    }
                    if odd {
                        // A paper left to the Returning Officer.
                        batch.paper("odd", BallotPaper::marked(vec![Mark::cross(0).kind(MarkKind::Other)])).unwrap();
                    }
                    (&clerk, Command::PaperBatch(PaperBatch::new(ward(), BundleId::new(&format!("B{id}")).unwrap(), batch)))
                }
                Op::SetAside(id) => (&clerk, Command::SetAside(SetAside::new(ward()).paper(format!("D{id}"), Some("other mark")))),
                Op::DecideDoubtful { id, valid } => {
                    let paper = if id == 0 { "odd".to_owned() } else { format!("D{id}") };
                    let decision = if valid {
                        Decision::Valid(vec![c("A")])
                    } else {
                        Decision::Rejected(RejectionHead::UnmarkedOrVoid)
                    };
                    (&ro, Command::DecideDoubtful(DoubtfulDecision::new(ward(), paper, decision)))
                }
                Op::Object(id) => {
                    let paper = if id == 0 { "odd".to_owned() } else { format!("D{id}") };
                    (&ro, Command::ObjectToRejection(Objection::new(ward(), Objected::Paper(paper))))
                }
                Op::Explain => (&ro, Command::Explain(Explanation::of_run(ward(), "a variance of one paper"))),
            };
            let before = (json(&count.documents()), count.entries(), count.head());
            match count.apply(by, command) {
                Ok(applied) => log.extend_from_slice(&applied.bytes),
                Err(_) => prop_assert_eq!((json(&count.documents()), count.entries(), count.head()), before),
            }
        }
        prop_assert_eq!(json(&count.documents()), replayed(&log));
    }
}
