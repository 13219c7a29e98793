//! The typed commands for the rest of the count (`more_commands.rs`):
//! each reproduces, byte for byte, a line of a shipped example log (typed
//! by hand from the statutes' procedure and checked by the replay and the
//! goldens), gives the same entry as the equivalent wire event, and a bad
//! one is refused with every problem and the count unchanged.

use countroom_model::{
    BallotBoxId, BundleId, CandidateId, ContestId, CountingAreaId, Electorate, Papers,
    PollingPlaceId, PollingStationId, Votes,
};
use countroom_rules::RejectionHead;

use crate::verify_tests::{before, example, reproduces, same_as_wire};
use crate::*;

fn id(s: &str) -> CandidateId {
    CandidateId::new(s).unwrap()
}

fn contest(s: &str) -> ContestId {
    ContestId::new(s).unwrap()
}

fn bx(s: &str) -> BallotBoxId {
    BallotBoxId::new(s).unwrap()
}

#[test]
fn verification_and_definitions_reproduce_the_abbey_ward_log() {
    let log = "abbey-ward.jsonl";
    reproduces(
        log,
        17,
        Command::Define(Definition::PollingPlace {
            id: PollingPlaceId::new("PP-ABBEY-CC").unwrap(),
            name: "Abbey Community Centre, Mill Lane".into(),
            counting_area: None,
        }),
    );
    reproduces(
        log,
        19,
        Command::Define(Definition::PollingStation {
            id: PollingStationId::new("AB1").unwrap(),
            polling_place: PollingPlaceId::new("PP-ABBEY-CC").unwrap(),
            name: "Station AB1".into(),
        }),
    );
    reproduces(
        log,
        23,
        Command::AppointAgent(AgentAppointment::for_candidate(
            PersonId::new("khollis").unwrap(),
            "Kim Hollis",
            Role::ElectionAgent,
            contest("abbey"),
            id("AB-EVANS"),
        )),
    );
    reproduces(
        log,
        24,
        Command::Define(Definition::BallotBox {
            id: bx("BOX-AB1"),
            polling_station: Some(PollingStationId::new("AB1").unwrap()),
            contests: vec![contest("abbey")],
        }),
    );
    // RPR 2001 reg 87: the statements rejected, by reason.
    reproduces(
        log,
        32,
        Command::RecordPostalOpening(
            PostalOpening::new("PO-1", contest("abbey"))
                .placed(bx("PV-1"), Papers::new(402))
                .rejected(PostalRejection::SignatureMismatch, 6)
                .rejected(PostalRejection::DateOfBirthMismatch, 4)
                .rejected(PostalRejection::SignatureBlank, 2)
                .rejected(PostalRejection::DateOfBirthBlank, 1)
                .rejected(PostalRejection::PaperWithoutStatement, 3)
                .rejected(PostalRejection::StatementWithoutPaper, 1),
        ),
    );
    reproduces(
        log,
        50,
        Command::ListTenderedVotes {
            ballot_box: bx("BOX-AB1"),
            contest: contest("abbey"),
            entries: 2,
        },
    );
    reproduces(
        log,
        59,
        Command::MovePapers(PapersMove::new(
            bx("TBOX-AB3"),
            contest("abbey-town"),
            bx("BOX-AB3"),
            contest("abbey"),
            Papers::new(1),
        )),
    );
    reproduces(
        log,
        84,
        Command::RejectedInPart {
            contest: contest("abbey"),
            papers: Papers::new(2),
        },
    );
}

#[test]
fn single_figures_reproduce_the_mayoral_logs() {
    reproduces(
        "exampletown-mayor.jsonl",
        5,
        Command::VerifyPapers {
            contest: contest("exampletown-mayor"),
            papers: Papers::new(4000),
        },
    );
    reproduces(
        "exampletown-mayor.jsonl",
        9,
        Command::CompleteSecondCount {
            contest: contest("exampletown-mayor"),
        },
    );
}

#[test]
fn collation_reproduces_the_exampleshire_log() {
    let log = "exampleshire-mayor.jsonl";
    let mayor = contest("exampleshire-mayor");
    let north = CountingAreaId::new("northtown").unwrap();
    reproduces(
        log,
        2,
        Command::Define(Definition::CountingArea {
            id: north.clone(),
            name: "Northtown District".into(),
            region: None,
            electorate: Some(Electorate::new(160_000)),
        }),
    );
    // A local returning officer records their own appointment (as the
    // Returning Officer does): `Count::appointee`, not `Count::actor`.
    let appointment = Appointment::new(
        PersonId::new("lro-north").unwrap(),
        "Alex Green",
        Role::ReturningOfficer,
    )
    .for_contest(mayor.clone())
    .counting_area(north.clone());
    let (prefix, line) = before(log, 7);
    let mut count = Count::open(&prefix).unwrap();
    assert!(count.actor("lro-north").is_err());
    let by = count.appointee(&appointment).unwrap();
    let applied = count.apply(&by, Command::Appoint(appointment)).unwrap();
    assert_eq!(applied.bytes, line);
    // A clerk's appointment is recorded by someone appointed.
    let clerk = Appointment::new(PersonId::new("clerk").unwrap(), "C", Role::CountClerk);
    assert!(count.appointee(&clerk).is_err());
    // PCCEO 2012 Sch 3 r.57: the local returning officer's statement.
    reproduces(
        log,
        10,
        Command::ReportLocalTotal(
            LocalTotal::new(mayor.clone(), north.clone(), Papers::new(52_300))
                .verified(
                    Papers::new(52_304),
                    Papers::new(37_100),
                    Papers::new(15_200),
                )
                .votes(id("XS-ARORA"), Votes::new(19_800))
                .votes(id("XS-BELL"), Votes::new(17_100))
                .votes(id("XS-CROSS"), Votes::new(8_900))
                .votes(id("XS-DUNN"), Votes::new(6_200))
                .rejected(RejectionHead::NoOfficialMark, Papers::new(20))
                .rejected(RejectionHead::TooManyVotes, Papers::new(110))
                .rejected(RejectionHead::IdentifyingMark, Papers::new(10))
                .rejected(RejectionHead::UnmarkedOrVoid, Papers::new(160)),
        ),
    );
    reproduces(
        log,
        19,
        Command::DirectSecondCount {
            contest: mayor.clone(),
            remaining: vec![id("XS-ARORA"), id("XS-BELL")],
        },
    );
    reproduces(
        log,
        20,
        Command::ReportLocalSecondCount(
            LocalSecondCount::new(mayor, north, Papers::new(2900))
                .votes(id("XS-ARORA"), Votes::new(4100))
                .votes(id("XS-BELL"), Votes::new(3600)),
        ),
    );
}

/// The papers of `stv-ward-papers.csv` as a scanner would hold them.
fn stv_ward_papers() -> BallotPapers {
    let csv = example("stv-ward-papers.csv");
    let read = countroom_io::papers::read_preferential(&csv).unwrap();
    let mut papers = BallotPapers::new();
    for m in read.papers {
        papers.paper(&m.reference, m.paper).unwrap();
    }
    papers
}

/// STV preference papers from memory: the shipped STV ward's batch, which
/// `countroom tally-papers` made from `stv-ward-papers.csv` (SLGEO 2011
/// Sch 1 r.45 adjudication: the same valid prefixes, rejected heads, saved
/// and doubtful papers), byte for byte; without the file, the batch is
/// tied to the papers by their content hash.
#[test]
fn a_preference_batch_from_memory_is_the_tally_papers_entry() {
    let csv = example("stv-ward-papers.csv");
    let sha = countroom_io::sha256_hex(&csv);
    let ward = contest("example-ward");
    reproduces(
        "stv-ward.jsonl",
        4,
        Command::PreferenceBatch(
            PreferenceBatch::new(
                ward.clone(),
                BundleId::new("batch-1").unwrap(),
                stv_ward_papers(),
            )
            .from_file("stv-ward-papers.csv", sha),
        ),
    );
    let (prefix, line) = before("stv-ward.jsonl", 4);
    let mut count = Count::open(&prefix).unwrap();
    let wire: serde_json::Value = serde_json::from_slice(&line).unwrap();
    let by = count.actor(wire["by"].as_str().unwrap()).unwrap();
    let papers = stv_ward_papers();
    let hash = papers.content_hash(&ward);
    let applied = count
        .apply(
            &by,
            Command::PreferenceBatch(PreferenceBatch::new(
                ward,
                BundleId::new("batch-1").unwrap(),
                papers,
            )),
        )
        .unwrap();
    let Some(countroom_log::Event::PaperBatchCounted(batch)) = Some(&applied.entry.event) else {
        panic!("not a batch");
    };
    let source = batch.source.as_ref().unwrap();
    assert_eq!(source.name, "memory:batch-1");
    assert_eq!(source.sha256, hash);
    let mut logged = wire["event"]["paper_batch_counted"].clone();
    logged["source"] = serde_json::json!({"name": "memory:batch-1", "sha256": hash});
    assert_eq!(
        serde_json::to_value(&applied.entry.event).unwrap()["paper_batch_counted"],
        logged
    );
}

#[test]
fn the_typed_commands_are_their_wire_events() {
    // Abbey ward in its first run, after the rejected papers (entry 83).
    let (prefix, _) = before("abbey-ward.jsonl", 84);
    let count = Count::open(&prefix).unwrap();
    let ro = count.actor("jmarsh").unwrap();
    same_as_wire(
        &count,
        &ro,
        Command::Saved {
            contest: contest("abbey"),
            saved: Saved::new(SavingReason::Tick, Papers::new(3)),
        },
        r#"{"saved_counted":{"contest":"abbey","run":1,"reason":"tick","papers":3}}"#,
    );
    same_as_wire(
        &count,
        &ro,
        Command::RejectedInPart {
            contest: contest("abbey"),
            papers: Papers::new(2),
        },
        r#"{"rejected_in_part_counted":{"contest":"abbey","run":1,"papers":2}}"#,
    );
    same_as_wire(
        &count,
        &ro,
        Command::Define(Definition::Region {
            id: countroom_model::RegionId::new("E15000006").unwrap(),
            name: "Eastern".into(),
        }),
        r#"{"region_defined":{"region":"E15000006","name":"Eastern"}}"#,
    );
    same_as_wire(
        &count,
        &ro,
        Command::AppointAgent(AgentAppointment::observer(
            PersonId::new("obs1").unwrap(),
            "An Observer",
        )),
        r#"{"agent_appointed":{"person":"obs1","name":"An Observer","role":"observer"}}"#,
    );
    // The supplementary vote's second count at one count: Exampletown
    // after its first count is completed (entry 7).
    let (prefix, _) = before("exampletown-mayor.jsonl", 8);
    let count = Count::open(&prefix).unwrap();
    let ro = count.actor("pnair").unwrap();
    same_as_wire(
        &count,
        &ro,
        Command::VerifyPapers {
            contest: contest("exampletown-mayor"),
            papers: Papers::new(4001),
        },
        r#"{"papers_verified":{"contest":"exampletown-mayor","papers":4001}}"#,
    );
    let probe = count.clone().apply(
        &ro,
        Command::CountSecondPreferences(
            SecondPreferenceBundle::new(contest("exampletown-mayor"), BundleId::new("S1").unwrap())
                .votes(id("ET-CHAN"), Votes::new(1)),
        ),
    );
    // Whatever the state says of it, typed and wire agree.
    let wire = r#"{"second_preferences_counted":{"contest":"exampletown-mayor","run":1,"bundle":"S1","votes":[{"candidate":"ET-CHAN","votes":1}]}}"#;
    let evented = count.clone().apply(
        &ro,
        Command::Event(Box::new(serde_json::from_str(wire).unwrap())),
    );
    assert_eq!(
        probe.as_ref().map(|a| &a.bytes),
        evented.as_ref().map(|a| &a.bytes)
    );
    assert_eq!(probe.err(), evented.err());
}

#[test]
fn bad_typed_commands_are_refused_with_every_problem_and_nothing_changes() {
    let (prefix, _) = before("abbey-ward.jsonl", 84);
    let mut count = Count::open(&prefix).unwrap();
    let ro = count.actor("jmarsh").unwrap();
    let before = (count.entries(), count.head(), count.documents());
    // An unknown contest.
    let unknown = count
        .apply(
            &ro,
            Command::RejectedInPart {
                contest: contest("nowhere"),
                papers: Papers::new(1),
            },
        )
        .unwrap_err();
    assert_eq!(
        unknown.problems,
        [Problem::UnknownContest(contest("nowhere"))]
    );
    // Statements that add up past the largest count (a checked sum).
    let overflow = count
        .apply(
            &ro,
            Command::RecordPostalOpening(
                PostalOpening::new("PO-9", contest("abbey"))
                    .rejected(PostalRejection::SignatureBlank, u64::MAX)
                    .rejected(PostalRejection::SignatureBlank, 1),
            ),
        )
        .unwrap_err();
    assert!(
        matches!(&overflow.problems[..], [Problem::Overflow { what }] if what.contains("signature not given")),
        "{overflow}"
    );
    // A local total for a poll not counted in counting areas, with an
    // unknown candidate and area: refused by the replay's checks.
    let local = count
        .apply(
            &ro,
            Command::ReportLocalTotal(
                LocalTotal::new(
                    contest("abbey"),
                    CountingAreaId::new("nowhere").unwrap(),
                    Papers::new(1),
                )
                .votes(id("NOBODY"), Votes::new(1)),
            ),
        )
        .unwrap_err();
    assert_eq!(local.event, "local_total_reported");
    assert!(!local.problems.is_empty());
    // A second count at a poll that has none (abbey is first past the
    // post).
    let second = count
        .apply(
            &ro,
            Command::CompleteSecondCount {
                contest: contest("abbey"),
            },
        )
        .unwrap_err();
    assert!(!second.problems.is_empty(), "{second}");
    // A preference batch at a poll that is not STV.
    let mut papers = BallotPapers::new();
    papers.crosses(&[0]).unwrap();
    let not_stv = count
        .apply(
            &ro,
            Command::PreferenceBatch(PreferenceBatch::new(
                contest("abbey"),
                BundleId::new("P1").unwrap(),
                papers,
            )),
        )
        .unwrap_err();
    assert!(
        matches!(&not_stv.problems[..], [Problem::Papers(_), ..]),
        "{not_stv}"
    );
    // An agent may not move papers (PER r.45; the table of roles).
    let agent = count.actor("khollis").unwrap();
    let moved = count
        .apply(
            &agent,
            Command::MovePapers(PapersMove::new(
                bx("TBOX-AB3"),
                contest("abbey-town"),
                bx("BOX-AB3"),
                contest("abbey"),
                Papers::new(1),
            )),
        )
        .unwrap_err();
    assert!(matches!(moved.problems[..], [Problem::Count(_)]), "{moved}");
    // A box defined twice.
    let twice = count
        .apply(
            &ro,
            Command::Define(Definition::BallotBox {
                id: bx("BOX-AB1"),
                polling_station: None,
                contests: vec![contest("abbey")],
            }),
        )
        .unwrap_err();
    assert!(!twice.problems.is_empty(), "{twice}");
    assert_eq!((count.entries(), count.head(), count.documents()), before);
}

#[test]
fn postal_rejections_read_in_the_regulations_words() {
    assert_eq!(
        PostalRejection::StatementWithoutPaper.to_string(),
        "postal voting statement received without a ballot paper"
    );
}

/// The other statements as domain values: Little Ormsby's (two-seat-tie)
/// turnout worked by hand (2,411 papers of 3,120 electors = 77.2756…%,
/// half up 77.28; 2,400 valid = 76.9230…%, 76.92), its 11 papers under
/// head (d) of the Parish Rules 2006 Sch 2 r.47, its lot between Q and R
/// falling on R (the shipped log); and every shipped log's statements read
/// back to the wire report's figures.
#[test]
fn statements_are_the_documents_as_domain_values() {
    let count = Count::open(&example("two-seat-tie.jsonl")).unwrap();
    let s = &count.statements().unwrap()[0];
    let turnout = s.turnout.as_ref().unwrap();
    assert_eq!(turnout.electorate, Electorate::new(3120));
    assert_eq!(turnout.ballot_box.unwrap().hundredths(), 7728);
    assert_eq!(turnout.valid_vote.unwrap().to_string(), "76.92");
    let rejected = s.rejected.as_ref().unwrap();
    assert_eq!(rejected.total, Papers::new(11));
    let d = &rejected.heads[3];
    assert_eq!(d.head, RejectionHead::UnmarkedOrVoid);
    assert_eq!(
        d.to_string(),
        "(d) being unmarked or wholly void for uncertainty"
    );
    assert_eq!(rejected.saved.len(), 4);
    assert_eq!(rejected.saved[1].0, SavingReason::Tick);
    let lot = &s.lots[0];
    assert_eq!(lot.purpose, LotPurpose::Election);
    assert_eq!(lot.tied, [id("Q"), id("R")]);
    assert_eq!(lot.winners, [id("R")]);
    let rec = s.reconciliation.as_ref().unwrap();
    assert_eq!(rec.papers_counted, Papers::new(2411));
    assert_eq!(rec.variance, Some(0));
    assert_eq!(RecountDecision::Refused.to_string(), "re-count refused");
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
        let all = count.statements().unwrap();
        assert_eq!(all.len(), report.contests.len(), "{name}");
        for (s, wire) in all.iter().zip(&report.contests) {
            assert_eq!(s.contest.as_str(), wire.contest.id, "{name}");
            assert_eq!(
                s.rejected.as_ref().map(|r| r.total.get()),
                wire.rejected.as_ref().map(|r| r.total),
                "{name}"
            );
            assert_eq!(
                s.turnout
                    .as_ref()
                    .and_then(|t| t.ballot_box)
                    .map(|p| p.to_string()),
                wire.turnout.as_ref().and_then(|t| t.ballot_box.clone()),
                "{name}"
            );
            assert_eq!(s.lots.len(), wire.lots.len(), "{name}");
            assert_eq!(s.recounts.len(), wire.recounts.len(), "{name}");
            for (r, w) in s.recounts.iter().zip(&wire.recounts) {
                assert_eq!(r.run, w.run);
            }
            assert_eq!(
                s.deposits.as_ref().map(|d| d.candidates.len()),
                wire.deposits.as_ref().map(|d| d.candidates.len()),
                "{name}"
            );
        }
    }
    // Abbey ward's verification statement (the shipped log): BOX-AB1's
    // 1,010 papers against 1,012 issued, accepted as a compensating error
    // with BOX-AB2's +2 in the same polling place (the EC's discrepancy
    // procedure, step 3), and every box's status as the wire report's.
    let abbey = Count::open(&example("abbey-ward.jsonl")).unwrap();
    let wire = abbey.documents();
    let all = abbey.statements().unwrap();
    let (s, w) = all
        .iter()
        .zip(&wire.contests)
        .find(|(s, _)| s.contest == contest("abbey"))
        .unwrap();
    let v = s.verification.as_ref().unwrap();
    assert!(v.completed);
    let ab1 = v
        .boxes
        .iter()
        .find(|b| b.ballot_box == bx("BOX-AB1"))
        .unwrap();
    assert_eq!(ab1.counts[0], Papers::new(1010));
    assert_eq!(ab1.status, BoxStatus::CompensatingError);
    let wv = w.verification.as_ref().unwrap();
    for (b, wb) in v.boxes.iter().zip(&wv.boxes) {
        assert_eq!(b.status.code(), wb.status);
        assert_eq!(b.status.describe(), wb.status_text);
    }
    assert_eq!(v.total_verified.get(), wv.total_verified);
    // A wire value that does not read is named, never guessed.
    let mut report = count.documents();
    report.contests[0].turnout.as_mut().unwrap().ballot_box = Some("77.3".into());
    let e = Statements::from_report(&report.contests[0]).unwrap_err();
    assert_eq!(e.field, "turnout.ballot_box");
}

/// A contest defined after the start is the `contest_defined` entry
/// `Count::new` writes for the same definition.
#[test]
fn a_contest_defined_after_the_start_is_the_definition_entry() {
    use countroom_model::{Country, ElectionId, Office};
    let ro = PersonId::new("ro").unwrap();
    let election = ElectionId::new("e").unwrap();
    let ward = |id: &str| {
        ContestDefinition::new(
            contest(id),
            id,
            Office::PrincipalCouncillor,
            Country::England,
        )
        .electorate(Electorate::new(100))
        .seat(Seat::ordinary(time::macros::date!(2030 - 05 - 09)))
        .candidate(id_of("A"), "A")
        .candidate(id_of("B"), "B")
    };
    fn id_of(s: &str) -> CandidateId {
        CandidateId::new(s).unwrap()
    }
    let def = |wards: &[&str]| {
        wards.iter().fold(
            ElectionDefinition::new(
                election.clone(),
                "E",
                time::macros::date!(2026 - 05 - 07),
                ro.clone(),
            ),
            |d, w| d.contest(ward(w)),
        )
    };
    let (both, both_log) = Count::new(&def(&["x", "y"])).unwrap();
    let (mut one, _) = Count::new(&def(&["x"])).unwrap();
    let by = one.actor("ro").unwrap();
    let applied = one
        .apply(
            &by,
            Command::DefineContest {
                election: election.clone(),
                contest: ward("y"),
            },
        )
        .unwrap();
    let third: serde_json::Value =
        serde_json::from_slice(both_log.split(|&b| b == b'\n').nth(3).unwrap()).unwrap();
    assert_eq!(
        serde_json::to_value(&applied.entry.event).unwrap(),
        third["event"]
    );
    assert_eq!(one.documents().contests, both.documents().contests);
    // Defined twice: refused, nothing changes.
    let before = (one.entries(), one.head());
    let again = one
        .apply(
            &by,
            Command::DefineContest {
                election,
                contest: ward("y"),
            },
        )
        .unwrap_err();
    assert!(!again.problems.is_empty());
    assert_eq!((one.entries(), one.head()), before);
}
