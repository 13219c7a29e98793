//! The typed commands of a list poll (`list_commands.rs`, and the counting
//! commands addressed to a counting area): each reproduces, byte for byte,
//! a line of a shipped list log (the Senedd example, typed by hand from the
//! 2024 Act's procedure, and the Exampleshire region), a Scottish region is
//! counted entirely through typed commands to the hand-worked allocation
//! of Scotland Act 1998 ss.7-8 and equals the replay of the log it wrote,
//! and a bad command is refused with every problem and the count
//! unchanged.

use countroom_model::{
    BundleId, CandidateId, ContestId, CountingAreaId, Country, ElectionId, Papers, Votes,
};
use countroom_rules::lists::ListRulesetId;
use countroom_rules::RejectionHead;
use serde_json::Value;
use time::macros::date;

use crate::verify_tests::reproduces;
use crate::*;

fn id(s: &str) -> CandidateId {
    CandidateId::new(s).unwrap()
}

fn area(s: &str) -> CountingAreaId {
    CountingAreaId::new(s).unwrap()
}

fn cwm() -> ContestId {
    ContestId::new("cwm-valleys").unwrap()
}

const SENEDD: &str = "senedd-cwm-valleys.jsonl";

fn party(pid: &str, name: &str, list: &[&str]) -> ListParty {
    list.iter().fold(ListParty::new(id(pid), name), |p, m| {
        p.member(ListMember::new(*m))
    })
}

/// Entry `seq` of the example log `name` as a typed command recorded by
/// its `by` (no `at`: `time` writes a UTC offset as `Z`, the log
/// `+00:00`): the same event.
fn same_event(name: &str, seq: usize, command: Command) {
    let (prefix, line) = crate::verify_tests::before(name, seq);
    let mut count = Count::open(&prefix).unwrap();
    let wire: Value = serde_json::from_slice(&line).unwrap();
    let by = count.actor(wire["by"].as_str().unwrap()).unwrap();
    let applied = count.apply(&by, command).unwrap();
    let typed: Value = serde_json::from_slice(&applied.bytes).unwrap();
    assert_eq!(typed["event"], wire["event"]);
}

#[test]
fn the_senedd_logs_list_lines_from_typed_commands() {
    // Entry 6: the list contest (Senedd Cymru (Members and Elections) Act
    // 2024: six members for the constituency, closed lists).
    let contest = ListContestDefinition::new(
        cwm(),
        "Cwm Valleys",
        ListOffice::SeneddMember,
        Country::Wales,
        6,
    )
    .ruleset(ListRulesetId::SeneddClosedList2026)
    .party(party(
        "LAB",
        "Welsh Labour",
        &[
            "Alun Rees",
            "Bethan Lloyd",
            "Carwyn Hughes",
            "Delyth Evans",
            "Emyr Owen",
            "Ffion Jenkins",
            "Gareth Morgan",
            "Heledd Price",
        ],
    ))
    .party(party(
        "PC",
        "Plaid Cymru",
        &[
            "Iwan Roberts",
            "Jane Williams",
            "Llyr Thomas",
            "Mari Griffiths",
        ],
    ))
    .party(party(
        "REF",
        "Reform UK",
        &["Neil Baker", "Olwen Harris", "Peter Cook"],
    ))
    .party(party(
        "CON",
        "Welsh Conservatives",
        &["Rhian Edwards", "Steffan Jones", "Tomos Wyn"],
    ))
    .party(party(
        "LD",
        "Welsh Liberal Democrats",
        &["Ursula Lewis", "Vaughan Bell"],
    ))
    .party(party(
        "GRN",
        "Wales Green Party",
        &["Wyn Parry", "Yvonne Ellis"],
    ))
    .individual(id("IND-MORGAN"), "Rhys Morgan")
    .counting_area(area("cwm-north"))
    .counting_area(area("cwm-south"));
    reproduces(
        SENEDD,
        6,
        Command::DefineListContest {
            election: ElectionId::new("senedd-2026").unwrap(),
            contest,
        },
    );
    // Entries 9-12: Cwm South's list papers counted at its count.
    reproduces(
        SENEDD,
        9,
        Command::Bundle(
            Bundle::new(cwm(), BundleId::new("CS-T1").unwrap())
                .in_area(area("cwm-south"))
                .table(TableId::new("T1").unwrap())
                .votes(id("LAB"), Votes::new(19_400))
                .votes(id("PC"), Votes::new(12_300)),
        ),
    );
    reproduces(
        SENEDD,
        10,
        Command::Bundle(
            Bundle::new(cwm(), BundleId::new("CS-T2").unwrap())
                .in_area(area("cwm-south"))
                .table(TableId::new("T2").unwrap())
                .votes(id("REF"), Votes::new(10_100))
                .votes(id("CON"), Votes::new(5_800))
                .votes(id("LD"), Votes::new(1_900))
                .votes(id("GRN"), Votes::new(1_500))
                .votes(id("IND-MORGAN"), Votes::new(6_900)),
        ),
    );
    reproduces(
        SENEDD,
        11,
        Command::Rejected(
            Rejected::new(cwm(), RejectionHead::BreakdownNotGiven, Papers::new(120))
                .in_area(area("cwm-south")),
        ),
    );
    reproduces(
        SENEDD,
        12,
        Command::CompleteAreaCount {
            contest: cwm(),
            counting_area: area("cwm-south"),
        },
    );
    // Entries 15-19: the lot the allocation asks for at seat 6, the
    // recalculation asked for and made, the declaration (run 0) and a
    // later vacancy filled from Welsh Labour's list.
    reproduces(
        SENEDD,
        15,
        Command::DrawListLot(ListLot::new(
            cwm(),
            6,
            vec![id("PC"), id("IND-MORGAN")],
            id("IND-MORGAN"),
            LotDraw::Recorded(
                "two names in identical sealed envelopes, one drawn by the returning officer"
                    .into(),
            ),
        )),
    );
    reproduces(
        SENEDD,
        16,
        Command::RequestRecalculation {
            contest: cwm(),
            option: Some(id("PC")),
        },
    );
    reproduces(
        SENEDD,
        17,
        Command::RecalculateAllocation { contest: cwm() },
    );
    reproduces(SENEDD, 18, Command::Declare { contest: cwm() });
    same_event(
        SENEDD,
        19,
        Command::FillListVacancy(
            ListVacancy::new(cwm(), "Bethan Lloyd")
                .declined("Delyth Evans")
                .filled_by("Emyr Owen"),
        ),
    );
}

#[test]
fn the_exampleshire_regions_return_from_a_typed_command() {
    reproduces(
        "exampleshire-region.jsonl",
        11,
        Command::ReportConstituencyReturn(ConstituencyReturn::new(
            ContestId::new("exampleshire-region").unwrap(),
            "Northshire North",
            "Graeme Dunbar",
            Some(id("SAL")),
        )),
    );
}

fn r() -> ContestId {
    ContestId::new("r").unwrap()
}

/// The constituencies of the region and the party that won each: A five,
/// B two, C two, D none (nine: a Scottish region has eight to ten).
const RETURNS: [(&str, &str); 9] = [
    ("S1", "A"),
    ("S2", "A"),
    ("S3", "A"),
    ("S4", "A"),
    ("S5", "A"),
    ("S6", "B"),
    ("S7", "B"),
    ("S8", "C"),
    ("S9", "C"),
];

fn list_bundle(a: &str, b: &str, votes: &[(&str, u64)]) -> Command {
    Command::Bundle(votes.iter().fold(
        Bundle::new(r(), BundleId::new(b).unwrap()).in_area(area(a)),
        |x, &(o, v)| x.votes(id(o), Votes::new(v)),
    ))
}

fn list_rejected(a: &str, head: RejectionHead, n: u64) -> Command {
    Command::Rejected(Rejected::new(r(), head, Papers::new(n)).in_area(area(a)))
}

/// The documents as JSON.
fn json(report: &countroom_count::Report) -> Value {
    serde_json::to_value(report).unwrap()
}

/// Applies `command` expecting a refusal; nothing changes.
fn refused(count: &mut Count, by: &Actor, command: Command) -> Rejection {
    let before = (
        serde_json::to_vec(&count.documents()).unwrap(),
        count.entries(),
        count.head(),
    );
    let rejection = count.apply(by, command).unwrap_err();
    assert_eq!(
        (
            serde_json::to_vec(&count.documents()).unwrap(),
            count.entries(),
            count.head()
        ),
        before,
        "the count changed"
    );
    rejection
}

/// The region of [`a_scottish_region_counted_through_typed_commands`]
/// defined through typed commands, every constituency's return made: the
/// count and the bytes of its log so far.
fn scottish_region() -> (Count, Vec<u8>) {
    let e = ElectionId::new("e").unwrap();
    let ro = PersonId::new("rro").unwrap();
    let definition = ElectionDefinition::new(
        e.clone(),
        "Scottish Parliament general election",
        date!(2026 - 05 - 07),
        ro.clone(),
    )
    // The regional returning officer collates; each constituency's
    // returning officer counts its list papers.
    .appoint(Appointment::new(
        ro.clone(),
        "Morag Reid",
        Role::CollatingOfficer,
    ))
    .appoint(Appointment::new(
        PersonId::new("ro").unwrap(),
        "Iain Shaw",
        Role::ReturningOfficer,
    ));
    let (mut count, mut log) = Count::new(&definition).unwrap();
    let by = count.actor("ro").unwrap();
    let mut apply = |count: &mut Count, command: Command| {
        let applied = count.apply(&by, command).unwrap();
        log.extend_from_slice(&applied.bytes);
    };
    for a in ["north", "south"] {
        apply(
            &mut count,
            Command::Define(Definition::CountingArea {
                id: area(a),
                name: format!("{a} count"),
                region: None,
                electorate: None,
            }),
        );
    }
    let mut contest = ListContestDefinition::new(
        r(),
        "Example Region",
        ListOffice::ScottishParliamentRegionalMember,
        Country::Scotland,
        7,
    )
    .ruleset(ListRulesetId::ScottishParliamentRegional2016)
    .counting_area(area("north"))
    .counting_area(area("south"));
    for p in ["A", "B", "C", "D"] {
        let names: Vec<String> = (1..=7).map(|i| format!("{p}{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        contest = contest.party(party(p, &format!("Party {p}"), &names));
    }
    for (k, _) in RETURNS {
        contest = contest.constituency(k);
    }
    apply(
        &mut count,
        Command::DefineListContest {
            election: e.clone(),
            contest,
        },
    );
    // The allocation waits for every constituency's return.
    for (k, p) in RETURNS {
        apply(
            &mut count,
            Command::ReportConstituencyReturn(ConstituencyReturn::new(
                r(),
                k,
                format!("MSP {k}"),
                Some(id(p)),
            )),
        );
    }
    (count, log)
}

/// A Scottish Parliament region (`scottish-parliament-regional-2016`,
/// seven regional members: Scotland Act 1998 Sch 1 para 2(3)) counted in
/// two areas entirely through typed commands, the same figures as
/// tests/list_papers.rs's hand-worked region:
///
/// North, run 1: A 10,000 and B 6,000 (bundle N1), C 5,000 and D 2,000
/// (N2); rejected under SSI 2015/425 Sch 2 r.58(1): (a) 3, (c) 40, (d) 2,
/// (e) 25. South, run 1: A 8,000, B 7,000, C 3,000, D 1,500, (e) 30;
/// re-count asked for B and granted; run 2: a batch of 15,000 valid papers
/// (A 7,990, B 7,010) with 30 under (e), and a bundle C 3,000, D 1,500.
///
/// Region totals: A 17,990; B 13,010; C 8,000; D 3,500; rejected 100.
/// Figures (s.7: votes / (1 + constituency seats + regional seats so
/// far); s.8(1)-(2)): A 17,990/6 = 2,998.33; B 13,010/3 = 4,336.67; C
/// 8,000/3 = 2,666.67; D 3,500/1. Seats: B 4,336.67; D 3,500.00; B
/// 13,010/4 = 3,252.50; A 2,998.33; C 2,666.67; B 13,010/5 = 2,602.00; A
/// 17,990/7 = 2,570.00. Next: A 17,990/8 = 2,248.75. Members (s.8(4)),
/// each the next on the party's list: B1, D1, B2, A1, C1, B3, A2.
#[test]
fn a_scottish_region_counted_through_typed_commands() {
    let (mut count, mut log) = scottish_region();
    let rro = count.actor("rro").unwrap();
    let by = count.actor("ro").unwrap();
    let mut apply = |count: &mut Count, command: Command| {
        let applied = count.apply(&by, command).unwrap();
        log.extend_from_slice(&applied.bytes);
    };
    use RejectionHead as H;
    // North.
    apply(
        &mut count,
        list_bundle("north", "N1", &[("A", 10_000), ("B", 6_000)]),
    );
    apply(
        &mut count,
        list_bundle("north", "N2", &[("C", 5_000), ("D", 2_000)]),
    );
    apply(&mut count, list_rejected("north", H::NoOfficialMark, 3));
    apply(&mut count, list_rejected("north", H::TooManyVotes, 40));
    apply(&mut count, list_rejected("north", H::IdentifyingMark, 2));
    apply(&mut count, list_rejected("north", H::UnmarkedOrVoid, 25));
    apply(
        &mut count,
        Command::CompleteAreaCount {
            contest: r(),
            counting_area: area("north"),
        },
    );
    // South, run 1, then a re-count granted.
    apply(
        &mut count,
        list_bundle(
            "south",
            "S-1",
            &[("A", 8_000), ("B", 7_000), ("C", 3_000), ("D", 1_500)],
        ),
    );
    apply(&mut count, list_rejected("south", H::UnmarkedOrVoid, 30));
    apply(
        &mut count,
        Command::CompleteAreaCount {
            contest: r(),
            counting_area: area("south"),
        },
    );
    apply(
        &mut count,
        Command::RequestAreaRecount {
            contest: r(),
            counting_area: area("south"),
            option: Some(id("B")),
        },
    );
    apply(
        &mut count,
        Command::DecideAreaRecount {
            contest: r(),
            counting_area: area("south"),
            granted: true,
        },
    );
    // Run 2 (the area's run, filled in by the count).
    let batch = ListBatch::new(
        r(),
        area("south"),
        BundleId::new("SB-1").unwrap(),
        Papers::new(15_000),
    )
    .votes(id("A"), Votes::new(7_990))
    .votes(id("B"), Votes::new(7_010))
    .rejected(H::UnmarkedOrVoid, Papers::new(30));
    let applied = count.apply(&by, Command::ListBatch(batch)).unwrap();
    assert!(String::from_utf8(applied.bytes.clone())
        .unwrap()
        .contains(r#""run":2,"counting_area":"south""#));
    log.extend_from_slice(&applied.bytes);
    let mut apply = |count: &mut Count, command: Command| {
        let applied = count.apply(&by, command).unwrap();
        log.extend_from_slice(&applied.bytes);
    };
    apply(
        &mut count,
        list_bundle("south", "S-2", &[("C", 3_000), ("D", 1_500)]),
    );

    // Bad commands, each refused with its problems, nothing changed: an
    // area not the contest's, a party not on the list ballot, the regional
    // first preference head the regional ruleset does not have, in-memory papers
    // of a list contest that name no counting area.
    let by2 = count.actor("ro").unwrap();
    let east = refused(&mut count, &by2, list_bundle("east", "E1", &[("A", 1)]));
    assert!(east.to_string().contains("east"), "{east}");
    let stray = refused(&mut count, &by2, list_bundle("south", "S-3", &[("Z", 1)]));
    assert!(stray.to_string().contains('Z'), "{stray}");
    refused(
        &mut count,
        &by2,
        list_rejected("south", H::NoFirstPreference, 1),
    );
    let memory = refused(
        &mut count,
        &by2,
        Command::PaperBatch(PaperBatch::new(
            r(),
            BundleId::new("M1").unwrap(),
            BallotPapers::new(),
        )),
    );
    assert!(memory.to_string().contains("in_area"), "{memory}");
    // Declared before the allocation is complete: refused.
    refused(&mut count, &rro, Command::Declare { contest: r() });

    apply(
        &mut count,
        Command::CompleteAreaCount {
            contest: r(),
            counting_area: area("south"),
        },
    );
    for a in ["north", "south"] {
        let applied = count
            .apply(
                &rro,
                Command::AuthoriseLocalTotal(AreaDecision::new(r(), area(a))),
            )
            .unwrap();
        log.extend_from_slice(&applied.bytes);
    }
    let docs = json(&count.documents());
    let c = &docs["list_contests"][0];
    assert_eq!(c["status"], "allocated", "{}", c["status_text"]);
    let rounds: Vec<(String, String)> = c["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["option"].as_str().unwrap().to_owned(),
                x["figure"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        rounds,
        [
            ("B", "4336.67"),
            ("D", "3500.00"),
            ("B", "3252.50"),
            ("A", "2998.33"),
            ("C", "2666.67"),
            ("B", "2602.00"),
            ("A", "2570.00"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(c["next"]["figure"], "2248.75");
    let members: Vec<&str> = c["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["B1", "D1", "B2", "A1", "C1", "B3", "A2"]);
    assert_eq!(c["rejected"], 100);

    let applied = count
        .apply(&rro, Command::Declare { contest: r() })
        .unwrap();
    log.extend_from_slice(&applied.bytes);
    // The documents equal, byte for byte, the replay of the log written.
    let file = countroom_log::read(&log).unwrap();
    let (state, problems) = countroom_count::replay_log(&file);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        serde_json::to_vec(&countroom_count::report(&state)).unwrap(),
        serde_json::to_vec(&count.documents()).unwrap()
    );
    assert_eq!(
        json(&count.documents())["list_contests"][0]["status"],
        "declared"
    );
}

/// A seeded rehearsal lot at the Senedd example's sixth seat
/// (countroom-lot-v1, docs/count-log.md: the seed `Cwm rehearsal 2026`
/// draws PC, tests/list_log.rs): accepted for PC, refused for Rhys Morgan
/// with the count unchanged, and the contest is then never declared.
#[test]
fn a_seeded_list_lot_is_recomputed() {
    let (prefix, _) = crate::verify_tests::before(SENEDD, 15);
    let mut count = Count::open(&prefix).unwrap();
    let ro = count.actor("ro").unwrap();
    let lot = |winner: &str| {
        Command::DrawListLot(ListLot::new(
            cwm(),
            6,
            vec![id("PC"), id("IND-MORGAN")],
            id(winner),
            LotDraw::Seeded("Cwm rehearsal 2026".into()),
        ))
    };
    let wrong = refused(&mut count, &ro, lot("IND-MORGAN"));
    assert!(wrong.to_string().contains("PC"), "{wrong}");
    count.apply(&ro, lot("PC")).unwrap();
    refused(&mut count, &ro, Command::Declare { contest: cwm() });
}

proptest::proptest! {
    /// Any bundles of a list area (any split of votes among the Senedd
    /// example's parties): each typed command gives the same bytes as its
    /// wire event, and the area's run counts every vote (one a paper:
    /// Scotland Act 1998 s.6(2), taken likewise for the Senedd).
    #[test]
    fn list_area_bundles_are_their_wire_events(
        bundles in proptest::collection::vec(proptest::collection::vec(0u64..5_000, 7), 1..6)
    ) {
        let (prefix, _) = crate::verify_tests::before(SENEDD, 9);
        let mut count = Count::open(&prefix).unwrap();
        let by = count.actor("dro").unwrap();
        let options = ["LAB", "PC", "REF", "CON", "LD", "GRN", "IND-MORGAN"];
        let mut total = 0u64;
        for (i, votes) in bundles.iter().enumerate() {
            let typed = votes.iter().zip(options).fold(
                Bundle::new(cwm(), BundleId::new(&format!("B{i}")).unwrap()).in_area(area("cwm-south")),
                |b, (&v, o)| b.votes(id(o), Votes::new(v)),
            );
            let wire = serde_json::json!({"bundle_counted": {
                "contest": "cwm-valleys", "run": 1, "counting_area": "cwm-south",
                "bundle": format!("B{i}"),
                "votes": votes.iter().zip(options).map(|(&v, o)| serde_json::json!({"candidate": o, "votes": v})).collect::<Vec<_>>()}});
            let event: countroom_log::Event = serde_json::from_value(wire).unwrap();
            let evented = count.clone().apply(&by, Command::Event(Box::new(event))).unwrap();
            let applied = count.apply(&by, Command::Bundle(typed)).unwrap();
            proptest::prop_assert_eq!(applied.bytes, evented.bytes);
            total += votes.iter().sum::<u64>();
        }
        let l = &count.state().list_contests()[0];
        let run = l.area_count("cwm-south").and_then(countroom_count::AreaCount::current).unwrap();
        proptest::prop_assert_eq!(run.tally().papers_counted(), total);
    }
}

/// A contest defined with the id of a list contest already defined: refused
/// as a duplicate (ids are unique among all contests: docs/count-log.md,
/// `list_contest_defined`), as a list contest with a contest's id is.
#[test]
fn a_contest_with_a_list_contests_id_is_refused() {
    let (prefix, _) = crate::verify_tests::before(SENEDD, 9);
    let mut count = Count::open(&prefix).unwrap();
    let ro = count.actor("ro").unwrap();
    let contest = ContestDefinition::new(
        cwm(),
        "Cwm",
        countroom_model::Office::PrincipalCouncillor,
        Country::Wales,
    )
    .seat(Seat::casual(date!(2027 - 05 - 06)))
    .candidate(id("T1"), "JONES, Ann");
    let r = refused(
        &mut count,
        &ro,
        Command::DefineContest {
            election: ElectionId::new("senedd-2026").unwrap(),
            contest,
        },
    );
    assert!(r.to_string().contains("cwm-valleys"), "{r}");
}

/// A list area's doubtful papers, a paper saved, an objection and an
/// explanation through typed commands (SSI 2015/425 Sch 2 r.58(1)-(4);
/// docs/count-log.md, "Counting a list poll at the constituency count"):
/// each command's line carries `counting_area` after `run`, as the JSON
/// entries of tests/list_papers.rs do, and the area's count is worked by
/// hand. North, run 1: a bundle A 10,000, B 6,000; papers N-D1 and N-D2
/// set aside; N-D1 allowed for C (a cross outside the box, r.58(2)(a)),
/// N-D2 rejected under r.58(1)(d) (identifying mark); one paper valid
/// under the saving clause (outside the box); Party D's agent objects to
/// N-D2's rejection (r.58(4)). Valid 16,001 (A 10,000, B 6,000, C 1);
/// rejected 1, under (d); papers counted 16,002.
#[test]
fn a_list_areas_doubtful_papers_through_typed_commands() {
    use countroom_adjudicate::SavingReason;
    use serde_json::json;
    let (mut count, mut log) = scottish_region();
    let by = count.actor("ro").unwrap();
    let mut lines: Vec<Value> = Vec::new();
    let mut apply = |count: &mut Count, command: Command| {
        let applied = count.apply(&by, command).unwrap();
        log.extend_from_slice(&applied.bytes);
        let line: Value = serde_json::from_slice(&applied.bytes).unwrap();
        lines.push(line["event"].clone());
    };
    apply(
        &mut count,
        list_bundle("north", "N1", &[("A", 10_000), ("B", 6_000)]),
    );
    apply(
        &mut count,
        Command::SetAside(
            SetAside::new(r())
                .paper("N-D1", Some("cross outside the box"))
                .paper("N-D2", Some("signed"))
                .in_area(area("north")),
        ),
    );
    apply(
        &mut count,
        Command::DecideDoubtful(
            DoubtfulDecision::new(r(), "N-D1", Decision::Valid(vec![id("C")]))
                .in_area(area("north")),
        ),
    );
    apply(
        &mut count,
        Command::DecideDoubtful(
            DoubtfulDecision::new(
                r(),
                "N-D2",
                Decision::Rejected(RejectionHead::IdentifyingMark),
            )
            .in_area(area("north")),
        ),
    );
    apply(
        &mut count,
        Command::Saved {
            contest: r(),
            saved: Saved::new(SavingReason::OutsideBox, Papers::new(1)).in_area(area("north")),
        },
    );
    apply(
        &mut count,
        Command::ObjectToRejection(
            Objection::new(r(), Objected::Paper("N-D2".to_owned()))
                .for_candidate(id("D"))
                .in_area(area("north")),
        ),
    );
    apply(
        &mut count,
        Command::CompleteAreaCount {
            contest: r(),
            counting_area: area("north"),
        },
    );
    apply(
        &mut count,
        Command::Explain(
            Explanation::of_run(r(), "two papers found after the count").in_area(area("north")),
        ),
    );
    assert_eq!(
        lines,
        [
            json!({"bundle_counted": {"contest": "r", "run": 1, "counting_area": "north", "bundle": "N1", "votes": [{"candidate": "A", "votes": 10_000}, {"candidate": "B", "votes": 6_000}]}}),
            json!({"papers_set_aside": {"contest": "r", "run": 1, "counting_area": "north", "papers": [{"paper": "N-D1", "reason": "cross outside the box"}, {"paper": "N-D2", "reason": "signed"}]}}),
            json!({"doubtful_paper_decided": {"contest": "r", "run": 1, "counting_area": "north", "paper": "N-D1", "decision": "valid", "votes": ["C"]}}),
            json!({"doubtful_paper_decided": {"contest": "r", "run": 1, "counting_area": "north", "paper": "N-D2", "decision": "rejected", "head": "identifying_mark"}}),
            json!({"saved_counted": {"contest": "r", "run": 1, "counting_area": "north", "reason": "outside_box", "papers": 1}}),
            json!({"rejection_objected": {"contest": "r", "run": 1, "counting_area": "north", "paper": "N-D2", "candidate": "D"}}),
            json!({"count_completed": {"contest": "r", "run": 1, "counting_area": "north"}}),
            json!({"explanation_recorded": {"contest": "r", "run": 1, "counting_area": "north", "text": "two papers found after the count"}}),
        ]
    );
    let report = json(&count.documents());
    let k = &report["list_contests"][0]["areas"][0]["count"];
    assert_eq!(k["valid"], 16_001);
    assert_eq!(k["votes"], json!([10_000, 6_000, 1, 0]));
    assert_eq!(k["papers_counted"], 16_002);
    assert_eq!(k["doubtful"][1]["rejection_objected"], true);
    assert_eq!(k["objections"][0]["candidate"], "D");
    assert_eq!(k["saved"][0]["papers"], 1);
    assert_eq!(
        k["explanations"][0]["text"],
        "two papers found after the count"
    );
    // The same documents as replaying the log the count wrote.
    assert_eq!(
        serde_json::to_vec(&count.documents()).unwrap(),
        serde_json::to_vec(&Count::open(&log).unwrap().documents()).unwrap()
    );

    // Refused, the count unchanged: a paper of an area not the contest's,
    // a paper of a list contest set aside with no counting area.
    let by = count.actor("ro").unwrap();
    let east = refused(
        &mut count,
        &by,
        Command::SetAside(SetAside::new(r()).paper("E-1", None).in_area(area("east"))),
    );
    assert!(east.to_string().contains("east"), "{east}");
    refused(
        &mut count,
        &by,
        Command::SetAside(SetAside::new(r()).paper("S-D1", None)),
    );
}

/// At a list area whose ruleset's heads were not read (the Senedd's closed
/// lists, 2026: rejected papers as one figure, docs/count-log.md), a
/// doubtful paper decided rejected under `BreakdownNotGiven` is written
/// with no head, as the JSON entry for one figure is, and adds one paper
/// to Cwm South's rejected papers; a head the ruleset does not have is
/// refused.
#[test]
fn a_doubtful_list_paper_rejected_as_one_figure() {
    let (prefix, _) = crate::verify_tests::before(SENEDD, 12);
    let mut count = Count::open(&prefix).unwrap();
    let dro = count.actor("dro").unwrap();
    let south = |c: &Count| json(&c.documents())["list_contests"][0]["areas"][1]["count"].clone();
    let before = south(&count);
    count
        .apply(
            &dro,
            Command::SetAside(
                SetAside::new(cwm())
                    .paper("CS-D1", Some("faint mark"))
                    .in_area(area("cwm-south")),
            ),
        )
        .unwrap();
    let decide = |head| {
        Command::DecideDoubtful(
            DoubtfulDecision::new(cwm(), "CS-D1", Decision::Rejected(head))
                .in_area(area("cwm-south")),
        )
    };
    refused(&mut count, &dro, decide(RejectionHead::UnmarkedOrVoid));
    let applied = count
        .apply(&dro, decide(RejectionHead::BreakdownNotGiven))
        .unwrap();
    let line: Value = serde_json::from_slice(&applied.bytes).unwrap();
    assert_eq!(
        line["event"],
        serde_json::json!({"doubtful_paper_decided": {"contest": "cwm-valleys", "run": 1, "counting_area": "cwm-south", "paper": "CS-D1", "decision": "rejected"}})
    );
    let after = south(&count);
    assert_eq!(
        after["papers_counted"].as_u64().unwrap(),
        before["papers_counted"].as_u64().unwrap() + 1
    );
}
