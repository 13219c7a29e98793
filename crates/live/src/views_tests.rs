//! The collation and the STV stage sheet as domain values
//! (`collation.rs`, `stv_sheet.rs`): every shipped log's views read back to
//! the wire report's figures, and hand-worked checks.

use countroom_model::{CandidateId, ContestId, CountingAreaId, Papers, Votes};
use proptest::prelude::*;

use crate::verify_tests::{before, example};
use crate::*;

fn id(s: &str) -> CandidateId {
    CandidateId::new(s).unwrap()
}

fn area(s: &str) -> CountingAreaId {
    CountingAreaId::new(s).unwrap()
}

/// Every shipped example log, by name, in order.
fn shipped_logs() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    names
}

/// Every shipped log's collation reads back to the wire report's figures,
/// area by area and region by region.
#[test]
fn every_shipped_collation_is_the_wire_reports() {
    let mut seen = 0;
    for name in shipped_logs() {
        let count = Count::open(&example(&name)).unwrap();
        let report = count.documents();
        let views = count.collations().unwrap();
        let wires: Vec<_> = report
            .contests
            .iter()
            .filter_map(|c| c.collation.as_ref().map(|w| (c, w)))
            .collect();
        assert_eq!(views.len(), wires.len(), "{name}");
        for (v, (c, w)) in views.iter().zip(&wires) {
            seen += 1;
            assert_eq!(v.contest.as_str(), c.contest.id, "{name}");
            assert_eq!(v.areas_in_poll, w.areas_in_poll);
            assert_eq!(v.areas.len(), w.areas.len());
            for (a, wa) in v.areas.iter().zip(&w.areas) {
                assert_eq!(a.area.as_str(), wa.id);
                let status = if a.status == AreaStatus::AwaitingRecount {
                    "awaiting".to_owned()
                } else {
                    a.status.to_string()
                };
                assert_eq!(status, wa.status);
                assert_eq!(a.papers_forward.map(Papers::get), wa.papers_forward);
                let votes: Vec<u64> = a.votes.iter().map(|(_, v)| v.get()).collect();
                assert_eq!(votes, wa.votes);
                for ((cand, _), wc) in a.votes.iter().zip(&c.candidates) {
                    assert_eq!(cand.as_str(), wc.id);
                }
                assert_eq!(a.rejected.map(Papers::get), wa.rejected);
                assert_eq!(a.counted_less_forward, wa.counted_less_forward);
                assert_eq!(a.forward_less_verified, wa.forward_less_verified);
                assert_eq!(a.explanation, wa.explanation);
                assert_eq!(a.needs_explanation, wa.needs_explanation);
                assert_eq!(a.recounts, wa.recounts);
                assert_eq!(
                    a.second_votes
                        .as_ref()
                        .map(|s| s.iter().map(|(_, v)| v.get()).collect::<Vec<_>>()),
                    wa.second_votes
                );
                assert_eq!(a.second_rejected.map(Papers::get), wa.second_rejected);
                assert_eq!(a.turnout.map(|t| t.to_string()), wa.turnout);
            }
            assert_eq!(v.regions.len(), w.regions.len());
            for (g, wg) in v.regions.iter().zip(&w.regions) {
                assert_eq!(g.id.as_str(), wg.id);
                assert_eq!(g.papers_forward.get(), wg.papers_forward);
                let votes: Vec<u64> = g.votes.iter().map(|(_, v)| v.get()).collect();
                assert_eq!(votes, wg.votes);
                assert_eq!(g.rejected.get(), wg.rejected);
            }
            let missing: Vec<&str> = v.missing.iter().map(CountingAreaId::as_str).collect();
            assert_eq!(missing, w.missing);
            assert_eq!(
                v.second_count.as_ref().map(|s| s
                    .directed
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect::<Vec<_>>()),
                w.second_count_directed
            );
            let whole = v.whole_poll.as_ref().unwrap();
            let rec = c.reconciliation.as_ref().unwrap();
            assert_eq!(whole.papers_counted.get(), rec.papers_counted);
            assert_eq!(whole.rejected.get(), rec.rejected_papers);
        }
    }
    assert!(seen >= 1, "no shipped log has a collation");
}

/// Exampleshire's three areas, worked by hand from the local totals the
/// log reports (the collation of local totals at a combined authority
/// mayoral election, CA Order 2017 Sch 1 as the log's ruleset applies it;
/// the checks of PCCEO 2012 Sch 3 rr.57–58): each area's papers counted
/// (valid + rejected) less papers going forward, the areas summed, and
/// the second preferences summed for the two candidates remaining.
#[test]
fn exampleshire_areas_worked_by_hand() {
    let count = Count::open(&example("exampleshire-mayor.jsonl")).unwrap();
    let all = count.collations().unwrap();
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(c.areas_in_poll, 3);
    assert_eq!(c.authorised(), 3);
    assert!(c.missing.is_empty() && c.unauthorised.is_empty());
    let [north, south, west] = &c.areas[..] else {
        panic!("three areas");
    };
    // Northtown: 19,800 + 17,100 + 8,900 + 6,200 = 52,000 valid; + 300
    // rejected = 52,300 counted = 52,300 forward: variance 0.
    assert_eq!(north.name, "Northtown District");
    assert_eq!(north.status, AreaStatus::Authorised);
    assert_eq!(north.status.to_string(), "authorised");
    assert_eq!(north.papers_forward, Some(Papers::new(52_300)));
    assert_eq!(
        north.votes,
        [
            (id("XS-ARORA"), Votes::new(19_800)),
            (id("XS-BELL"), Votes::new(17_100)),
            (id("XS-CROSS"), Votes::new(8_900)),
            (id("XS-DUNN"), Votes::new(6_200)),
        ]
    );
    assert_eq!(north.rejected, Some(Papers::new(300)));
    assert_eq!(north.counted_less_forward, Some(0));
    // Southvale: 14,100 + 15,900 + 6,300 + 4,700 = 41,000; + 202 = 41,202
    // counted against 41,205 forward: −3, explained by the area.
    assert_eq!(south.counted_less_forward, Some(-3));
    assert!(south
        .explanation
        .as_deref()
        .unwrap()
        .starts_with("Three papers verified in postal box PB4"));
    assert!(!south.needs_explanation);
    // Westford: 12,480 + 13,220 + 7,400 + 4,700 = 37,800; + 210 = 38,010:
    // variance 0, after one re-count ordered by the collating officer.
    assert_eq!(north.area, area("northtown"));
    assert_eq!(
        north.electorate,
        Some(countroom_model::Electorate::new(160_000))
    );
    assert_eq!(south.area, area("southvale"));
    assert_eq!(west.area, area("westford"));
    assert_eq!(west.recounts, 1);
    assert_eq!(west.counted_less_forward, Some(0));
    assert_eq!(
        west.second_votes.as_ref().unwrap()[..2],
        [
            (id("XS-ARORA"), Votes::new(3_000)),
            (id("XS-BELL"), Votes::new(3_500))
        ]
    );
    assert_eq!(west.second_rejected, Some(Papers::new(2_400)));
    // The whole poll: ARORA 19,800 + 14,100 + 12,480 = 46,380; BELL
    // 17,100 + 15,900 + 13,220 = 46,220; CROSS 22,600; DUNN 15,600;
    // rejected 300 + 202 + 210 = 712; forward 52,300 + 41,205 + 38,010 =
    // 131,515; counted 131,512: variance −3.
    let whole = c.whole_poll.as_ref().unwrap();
    assert_eq!(whole.votes[0], (id("XS-ARORA"), Votes::new(46_380)));
    assert_eq!(whole.votes[1], (id("XS-BELL"), Votes::new(46_220)));
    assert_eq!(whole.votes[2].1, Votes::new(22_600));
    assert_eq!(whole.votes[3].1, Votes::new(15_600));
    assert_eq!(whole.rejected, Papers::new(712));
    assert_eq!(whole.papers_forward, Some(Papers::new(131_515)));
    assert_eq!(whole.papers_counted, Papers::new(131_512));
    assert_eq!(whole.variance, Some(-3));
    // The second count: papers of CROSS and DUNN, 22,600 + 15,600 =
    // 38,200 to examine; ARORA 4,100 + 2,900 + 3,000 = 10,000, BELL
    // 3,600 + 3,300 + 3,500 = 10,400; rejected 2,900 + 2,100 + 2,400 =
    // 7,400; BELL 46,220 + 10,400 = 56,620 against ARORA 56,380.
    let second = c.second_count.as_ref().unwrap();
    assert_eq!(second.directed, [id("XS-ARORA"), id("XS-BELL")]);
    assert!(second.completed);
    assert_eq!(second.to_examine, Papers::new(38_200));
    assert_eq!(second.rejected, Papers::new(7_400));
    assert_eq!(second.lines.len(), 2);
    assert_eq!(second.lines[0].second, Votes::new(10_000));
    assert_eq!(second.lines[0].total, Votes::new(56_380));
    assert_eq!(second.lines[1].candidate, id("XS-BELL"));
    assert_eq!(second.lines[1].second, Votes::new(10_400));
    assert_eq!(second.lines[1].total, Votes::new(56_620));
    assert_eq!(AreaStatus::AwaitingRecount.to_string(), "re-count");
    // A wire value that does not read is named, never guessed.
    let mut report = count.documents();
    if let Some(col) = report.contests[0].collation.as_mut() {
        col.areas[0].status = "lost";
    }
    let e = Collation::from_report(&report.contests[0]).unwrap_err();
    assert_eq!(e.field, "collation.areas[].status");
    // A contest not counted in areas has no collation.
    let abbey = Count::open(&example("abbey-ward.jsonl")).unwrap();
    assert!(Collation::from_report(&abbey.documents().contests[0])
        .unwrap()
        .is_none());
}

/// Every shipped log's STV stage sheet reads back to the wire sheet, value
/// by value (units and places).
#[test]
fn every_shipped_stage_sheet_is_the_wire_sheets() {
    let mut seen = 0;
    for name in shipped_logs() {
        let count = Count::open(&example(&name)).unwrap();
        let report = count.documents();
        let views = count.stv_sheets().unwrap();
        let wires: Vec<_> = report
            .contests
            .iter()
            .filter_map(|c| c.stage_sheet.as_ref().map(|w| (c, w)))
            .collect();
        assert_eq!(views.len(), wires.len(), "{name}");
        for (v, (c, w)) in views.iter().zip(&wires) {
            seen += 1;
            assert_eq!(v.contest.as_str(), c.contest.id);
            assert_eq!(v.quota.units(), w.quota.units());
            assert_eq!(v.quota.places(), w.places);
            assert_eq!(v.valid_papers.get(), w.valid_papers);
            assert_eq!(v.seats, w.seats);
            assert_eq!(v.stages.len(), w.stages.len());
            for (s, ws) in v.stages.iter().zip(&w.stages) {
                assert_eq!(s.number, ws.number);
                for (k, line) in s.lines.iter().enumerate() {
                    assert_eq!(line.candidate.as_str(), c.candidates[k].id);
                    assert_eq!(line.transfer.units(), ws.transfers[k].units());
                    assert_eq!(line.total.units(), ws.totals[k].units());
                    assert_eq!(line.total.places(), w.places);
                }
                assert_eq!(
                    s.non_transferable_total.units(),
                    ws.non_transferable.units()
                );
                assert_eq!(s.rounding_loss_total.units(), ws.rounding_loss.units());
                assert_eq!(s.elected.len(), ws.elected.len());
                assert_eq!(s.excluded.len(), ws.excluded.len());
                assert_eq!(s.transfer_values.len(), ws.transfer_values.len());
            }
            // The per-stage parts add up to the cumulative figures.
            let loss: i64 = v.stages.iter().map(|s| s.rounding_loss.units()).sum();
            let last = v.stages.last().unwrap();
            assert_eq!(loss, last.rounding_loss_total.units());
            let elected: Vec<&str> = v.elected.iter().map(|(c, _)| c.as_str()).collect();
            let wire_elected: Vec<&str> = c.elected.iter().map(|e| e.id.as_str()).collect();
            let mut a = elected.clone();
            let mut b = wire_elected.clone();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{name}");
        }
    }
    assert!(seen >= 1, "no shipped log has a stage sheet");
}

/// The shipped STV ward through the log (`stv-ward.jsonl`), stage 2 worked
/// by hand (SLGEO 2011 Sch 1 r.47 quota, r.48–49 surplus): quota
/// floor(114 / 4) + 1 = 29; FRASER's surplus 54 − 29 = 25 over 54 papers
/// at 1.00000: transfer value 25 / 54 = 0.462962… truncated to 0.46296
/// (r.49(3)); BROWN 24 × 0.46296 = 11.11104, DUNCAN 17 × 0.46296 =
/// 7.87032, ROSS 12 × 0.46296 = 5.55552, one paper non-transferable
/// 0.46296; 54 × 0.46296 = 24.99984, so 0.00016 lost to truncation.
#[test]
fn stv_ward_log_stage_two_worked_by_hand() {
    let count = Count::open(&example("stv-ward.jsonl")).unwrap();
    let sheets = count.stv_sheets().unwrap();
    let s = &sheets[0];
    assert_eq!(s.contest, ContestId::new("example-ward").unwrap());
    assert_eq!(s.quota, VoteValue::new(2_900_000, 5).unwrap());
    assert_eq!(s.quota.to_string(), "29.00000");
    assert!(s
        .instrument
        .unwrap()
        .contains("Scottish Local Government Elections Order 2011"));
    let two = s.stage(2).unwrap();
    assert_eq!(two.action, StageAction::Surplus(id("FRASER")));
    assert_eq!(two.transfer_values[0].value.to_string(), "0.46296");
    assert_eq!(two.transfer_values[0].papers, Papers::new(54));
    let transfer = |c: &str| {
        two.lines
            .iter()
            .find(|l| l.candidate == id(c))
            .unwrap()
            .transfer
            .to_string()
    };
    assert_eq!(transfer("BROWN"), "11.11104");
    assert_eq!(transfer("DUNCAN"), "7.87032");
    assert_eq!(transfer("ROSS"), "5.55552");
    assert_eq!(transfer("FRASER"), "-25.00000");
    assert_eq!(two.non_transferable.to_string(), "0.46296");
    assert_eq!(two.rounding_loss, VoteValue::new(16, 5).unwrap());
    assert_eq!(two.rounding_loss.to_string(), "0.00016");
    let three = s.stage(3).unwrap();
    assert_eq!(three.action, StageAction::Exclusion(id("WATT")));
    assert_eq!(three.action.to_string(), "exclusion of WATT");
    assert_eq!(three.excluded, [id("WATT")]);
    assert_eq!(three.rounding_loss.units(), 0);
    assert_eq!(three.rounding_loss_total.units(), 16);
    assert_eq!(s.stage(1).unwrap().elected, [id("FRASER")]);
}

/// The papers of `stv-ward.blt` counted through a live count (the ward's
/// definition from `stv-ward.jsonl`, the BLT file as one batch, as
/// `countroom tally-papers --blt` enters it), stage 2 worked by hand
/// (SLGEO 2011 Sch 1 r.49): quota floor(100 / 4) + 1 = 26; FRASER's
/// surplus 36 − 26 = 10 over 36 papers at 1.00000: 10 / 36 = 0.277777…
/// truncated to 0.27777; BROWN 30 × 0.27777 = 8.33310, ROSS 6 × 0.27777 =
/// 1.66662; 36 × 0.27777 = 9.99972, so 0.00028 lost to truncation.
#[test]
fn stv_ward_blt_stage_two_worked_by_hand() {
    let (prefix, _) = before("stv-ward.jsonl", 4);
    let mut count = Count::open(&prefix).unwrap();
    let ward = ContestId::new("example-ward").unwrap();
    let contest = count.state().contest(&ward).unwrap().contest().clone();
    let blt = example("stv-ward.blt");
    let batch =
        countroom_io::stv_batch::batch_from_blt(&blt, &contest, 1, "blt-1".into(), None).unwrap();
    let ro = count.actor("Returning Officer (Fiona Reid)").unwrap();
    count
        .apply(
            &ro,
            Command::Event(Box::new(countroom_log::Event::PaperBatchCounted(batch))),
        )
        .unwrap();
    count
        .apply(
            &ro,
            Command::CompleteCount {
                contest: ward.clone(),
            },
        )
        .unwrap();
    let sheets = count.stv_sheets().unwrap();
    let s = &sheets[0];
    assert_eq!(s.valid_papers, Papers::new(100));
    assert_eq!(s.quota.to_string(), "26.00000");
    let two = s.stage(2).unwrap();
    assert_eq!(two.action, StageAction::Surplus(id("FRASER")));
    assert_eq!(two.transfer_values[0].value.to_string(), "0.27777");
    let transfer = |c: &str| {
        two.lines
            .iter()
            .find(|l| l.candidate == id(c))
            .unwrap()
            .transfer
    };
    assert_eq!(transfer("BROWN"), VoteValue::new(833_310, 5).unwrap());
    assert_eq!(transfer("ROSS").to_string(), "1.66662");
    assert_eq!(transfer("FRASER").to_string(), "-10.00000");
    assert_eq!(two.rounding_loss.to_string(), "0.00028");
    assert_eq!(two.non_transferable.units(), 0);
    // Never floating point: the units are exact integers at five places.
    assert_eq!(transfer("BROWN").units(), 833_310);
    assert_eq!(transfer("BROWN").places(), 5);
}

/// A version 1 log of these events, each recorded by `RO` (no
/// appointments: authority is not checked).
fn log_of(events: &[serde_json::Value]) -> Vec<u8> {
    let mut s = String::from("{\"schema\":\"countroom-count-log\",\"version\":1}\n");
    for (i, e) in events.iter().enumerate() {
        let entry = serde_json::json!({"seq": i + 1, "by": "RO", "event": e});
        s.push_str(&serde_json::to_string(&entry).unwrap());
        s.push('\n');
    }
    s.into_bytes()
}

/// A combined authority mayor (SV from 18 June 2026) counted in three
/// areas collated into two regions, worked by hand. Each area's total is
/// `(A, B, C, rejected, forward)`; a region sums its authorised areas only
/// (PCCEO 2012 Sch 3 r.57 procedure as the log's collation applies it):
/// - a1 (region N): 600 + 300 + 100 = 1,000 valid + 10 rejected = 1,010
///   counted, 1,010 forward: variance 0;
/// - a2 (region N): 400 + 350 + 50 = 800 + 5 = 805 counted, 806 forward:
///   variance −1, which waits for the area's explanation;
/// - a3 (region S): 500 + 450 + 50 = 1,000 + 0 = 1,000, 1,000 forward.
///
/// With a2 unexplained and unauthorised, region N is a1 alone; once a2 is
/// explained and authorised, N is 1,000 + 800 = A 1,000, B 650, C 150,
/// rejected 15, forward 1,816, and the whole poll A 1,500, B 1,100, C 200
/// (2,800 valid: A's 1,500 is more than half, elected at the first count,
/// no second count), rejected 15, forward 2,816, counted 2,815: −1.
#[test]
fn regions_and_the_whole_poll_worked_by_hand() {
    use serde_json::json;
    let total = |area: &str, v: [u64; 3], rejected: u64, forward: u64, why: Option<&str>| {
        let mut t = json!({"local_total_reported": {"contest": "m", "counting_area": area,
            "papers_forward": forward,
            "votes": [{"candidate": "A", "votes": v[0]}, {"candidate": "B", "votes": v[1]},
                      {"candidate": "C", "votes": v[2]}],
            "rejected": [{"head": "no_official_mark", "papers": rejected}]}});
        if let Some(why) = why {
            t["local_total_reported"]["explanation"] = json!(why);
        }
        t
    };
    let authorise =
        |area: &str| json!({"local_total_authorised": {"contest": "m", "counting_area": area}});
    let head = vec![
        json!({"election_defined": {"election": "e", "name": "Mayoral election", "poll_date": "2028-05-04"}}),
        json!({"region_defined": {"region": "N", "name": "North"}}),
        json!({"region_defined": {"region": "S", "name": "South"}}),
        json!({"counting_area_defined": {"counting_area": "a1", "name": "Area One", "region": "N", "electorate": 2000}}),
        json!({"counting_area_defined": {"counting_area": "a2", "name": "Area Two", "region": "N", "electorate": 1600}}),
        json!({"counting_area_defined": {"counting_area": "a3", "name": "Area Three", "region": "S", "electorate": 2500}}),
        json!({"contest_defined": {"contest": "m", "election": "e", "title": "Election of the Mayor",
            "area": "Exampleshire", "office": "mayor", "authority": "combined_authority",
            "country": "england", "electorate": 6100,
            "vacancies": [{"kind": "ordinary", "term_ends": "2032-05-06"}],
            "candidates": [{"id": "A", "name": "A, Ann"}, {"id": "B", "name": "B, Ben"}, {"id": "C", "name": "C, Cat"}],
            "counting_areas": ["a1", "a2", "a3"]}}),
        total("a1", [600, 300, 100], 10, 1010, None),
        authorise("a1"),
        total("a3", [500, 450, 50], 0, 1000, None),
        authorise("a3"),
    ];
    let mut first = head.clone();
    first.push(total("a2", [400, 350, 50], 5, 806, None));
    let count = Count::open(&log_of(&first)).unwrap();
    let c = &count.collations().unwrap()[0];
    let a2 = &c.areas[1];
    assert_eq!(a2.status, AreaStatus::Reported);
    assert_eq!(a2.counted_less_forward, Some(-1));
    assert!(a2.needs_explanation);
    assert_eq!(c.unauthorised, [area("a2")]);
    assert_eq!(c.authorised(), 2);
    let north = &c.regions[0];
    assert_eq!((north.id.as_str(), north.name.as_str()), ("N", "North"));
    assert_eq!(north.areas, 1);
    assert_eq!(north.papers_forward, Papers::new(1010));
    assert_eq!(north.votes[0], (id("A"), Votes::new(600)));
    assert_eq!(north.rejected, Papers::new(10));
    assert!(c.second_count.is_none());
    // The collating officer orders a3 re-counted (PCCEO 2012 Sch 3 r.58):
    // its total is withdrawn until reported again.
    first.push(json!({"area_recount_ordered": {"contest": "m", "counting_area": "a3"}}));
    let count = Count::open(&log_of(&first)).unwrap();
    let c = &count.collations().unwrap()[0];
    let a3 = &c.areas[2];
    assert_eq!(a3.status, AreaStatus::AwaitingRecount);
    assert_eq!(a3.status.to_string(), "re-count");
    assert_eq!(a3.recounts, 1);
    assert!(a3.votes.is_empty() && a3.papers_forward.is_none());

    let mut second = head;
    second.push(total(
        "a2",
        [400, 350, 50],
        5,
        806,
        Some("one paper forward was a postal voting statement"),
    ));
    second.push(authorise("a2"));
    let count = Count::open(&log_of(&second)).unwrap();
    let c = &count.collations().unwrap()[0];
    assert_eq!(c.authorised(), 3);
    assert_eq!(
        c.areas[1].explanation.as_deref(),
        Some("one paper forward was a postal voting statement")
    );
    let [north, south] = &c.regions[..] else {
        panic!("two regions");
    };
    assert_eq!(north.areas, 2);
    assert_eq!(north.papers_forward, Papers::new(1816));
    assert_eq!(
        north.votes,
        [
            (id("A"), Votes::new(1000)),
            (id("B"), Votes::new(650)),
            (id("C"), Votes::new(150))
        ]
    );
    assert_eq!(north.rejected, Papers::new(15));
    assert_eq!(
        north.electorate,
        Some(countroom_model::Electorate::new(3600))
    );
    assert_eq!(south.papers_forward, Papers::new(1000));
    assert_eq!(south.votes[1], (id("B"), Votes::new(450)));
    let whole = c.whole_poll.as_ref().unwrap();
    assert_eq!(
        whole.votes,
        [
            (id("A"), Votes::new(1500)),
            (id("B"), Votes::new(1100)),
            (id("C"), Votes::new(200))
        ]
    );
    assert_eq!(whole.valid_papers, Papers::new(2800));
    assert_eq!(whole.rejected, Papers::new(15));
    assert_eq!(whole.papers_forward, Some(Papers::new(2816)));
    assert_eq!(whole.papers_counted, Papers::new(2815));
    assert_eq!(whole.variance, Some(-1));
    assert!(c.second_count.is_none());
    let sheet = &count.result_sheets().unwrap()[0];
    assert_eq!(sheet.elected[0].candidate, id("A"));
}

proptest! {
    /// A vote value is exact: its text is its units at its places, and
    /// reads back to the same units (no floating point anywhere).
    #[test]
    fn a_vote_value_prints_its_units_exactly(units in any::<i64>(), places in 0u32..=9) {
        let v = VoteValue::new(units, places).unwrap();
        let text = v.to_string();
        prop_assert_eq!(text.contains('.'), places > 0);
        if places > 0 {
            let frac = text.rsplit('.').next().unwrap();
            prop_assert_eq!(frac.len(), places as usize);
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let magnitude: u128 = digits.parse().unwrap();
        prop_assert_eq!(magnitude, u128::from(units.unsigned_abs()));
        prop_assert_eq!(text.starts_with('-'), units < 0);
        prop_assert!(VoteValue::new(units, places + 10).is_none());
    }
}

/// Who authorised each of Exampleshire's local totals and when, read by
/// hand from `examples/data/exampleshire-mayor.jsonl`'s three
/// `local_total_authorised` entries (PCCEO 2012 Sch 3 r.57, the collating
/// officer's authorisation): seq 11 Northtown at 13:20, seq 13 Southvale
/// at 13:45, seq 17 Westford at 15:20, each by `hmarsh`.
#[test]
fn exampleshire_authorisations_are_the_logs() {
    let count = Count::open(&example("exampleshire-mayor.jsonl")).unwrap();
    let c = &count.collations().unwrap()[0];
    let seen: Vec<(&str, u64, &str, Option<&str>)> = c
        .areas
        .iter()
        .map(|a| {
            let who = a.authorisation.as_ref().unwrap();
            (a.area.as_str(), who.seq, who.by.as_str(), who.at.as_deref())
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("northtown", 11, "hmarsh", Some("2028-05-05T13:20:00+01:00")),
            ("southvale", 13, "hmarsh", Some("2028-05-05T13:45:00+01:00")),
            ("westford", 17, "hmarsh", Some("2028-05-05T15:20:00+01:00")),
        ]
    );
    // The wire report does not carry it: from the report alone, none.
    let from_report = Collation::from_report(&count.documents().contests[0])
        .unwrap()
        .unwrap();
    assert!(from_report.areas.iter().all(|a| a.authorisation.is_none()));
}

/// The list contest's collation, worked by hand from
/// `examples/data/exampleshire-region.jsonl` (a Scottish Parliament
/// regional poll: each constituency area's list total reported by its
/// returning officer and authorised by the regional returning officer,
/// Eastport re-counted once after its first total, seqs 22 and 25–27).
/// Region totals over the three authorised areas:
/// SAL 18,000 + 12,500 + 9,500 = 40,000; THL 13,500 + 9,400 + 7,100 =
/// 30,000; BCON 9,000 + 6,500 + 5,000 (the re-count's) = 20,500; GRN
/// 5,000 + 3,600 + 2,400 = 11,000; Morag Campbell 1,400 + 900 + 700 =
/// 3,000; all 104,500. Rejected 215 + 127 + 93 = 435. Northshire: 46,900
/// votes + 215 rejected = 47,115 forward.
#[test]
fn exampleshire_region_list_collation_worked_by_hand() {
    let count = Count::open(&example("exampleshire-region.jsonl")).unwrap();
    let all = count.list_collations().unwrap();
    assert_eq!(all.len(), 1);
    let l = &all[0];
    assert_eq!(l.contest.as_str(), "exampleshire-region");
    assert_eq!(l.region, "Exampleshire and Glens");
    assert_eq!(l.authorised(), 3);
    let totals: Vec<(&str, bool, u64)> = l
        .totals
        .iter()
        .map(|t| (t.option.as_str(), t.individual, t.votes.get()))
        .collect();
    assert_eq!(
        totals,
        [
            ("SAL", false, 40_000),
            ("THL", false, 30_000),
            ("BCON", false, 20_500),
            ("GRN", false, 11_000),
            ("IND-CAMPBELL", true, 3_000),
        ]
    );
    assert_eq!(l.total_votes, Some(Votes::new(104_500)));
    assert_eq!(l.rejected, Papers::new(435));
    let north = &l.areas[0];
    assert_eq!(
        (north.area.as_str(), north.status, north.recounts),
        ("northshire", AreaStatus::Authorised, 0)
    );
    assert_eq!(north.papers_forward, Some(Papers::new(47_115)));
    assert_eq!(north.rejected, Some(Papers::new(215)));
    assert_eq!(north.votes[0], (id("SAL"), Votes::new(18_000)));
    let who = north.authorisation.as_ref().unwrap();
    assert_eq!(
        (who.seq, who.by.as_str(), who.at.as_deref()),
        (23, "hmarsh", Some("2026-05-08T11:20:00+01:00"))
    );
    let east = &l.areas[2];
    assert_eq!((east.area.as_str(), east.recounts), ("eastport", 1));
    assert_eq!(east.votes[2], (id("BCON"), Votes::new(5_000)));
    assert_eq!(east.authorisation.as_ref().unwrap().seq, 27);
}

/// After the re-count was ordered (the log up to seq 25) Eastport awaits
/// its re-count; before the regional returning officer authorises its
/// re-counted total (up to seq 26) it stands reported with no
/// authorisation. The typed
/// command then authorises it, and the view names the actor of that
/// command and no time (none was given).
#[test]
fn a_list_authorisation_through_the_typed_command() {
    let (prefix, _) = before("exampleshire-region.jsonl", 26);
    let count = Count::open(&prefix).unwrap();
    let east = &count.list_collations().unwrap()[0].areas[2];
    assert_eq!(east.status, AreaStatus::AwaitingRecount);
    assert_eq!(east.status.to_string(), "re-count");
    assert!(east.authorisation.is_none() && east.votes.is_empty());

    let (prefix, _) = before("exampleshire-region.jsonl", 27);
    let mut count = Count::open(&prefix).unwrap();
    let east = &count.list_collations().unwrap()[0].areas[2];
    assert_eq!(east.status, AreaStatus::Reported);
    assert!(east.authorisation.is_none());
    let by = count.actor("hmarsh").unwrap();
    let applied = count
        .apply(
            &by,
            Command::AuthoriseLocalTotal(AreaDecision::new(
                ContestId::new("exampleshire-region").unwrap(),
                area("eastport"),
            )),
        )
        .unwrap();
    assert_eq!(applied.entry.seq, 27);
    let east = &count.list_collations().unwrap()[0].areas[2];
    assert_eq!(east.status, AreaStatus::Authorised);
    let who = east.authorisation.as_ref().unwrap();
    assert_eq!(
        (who.seq, who.by.as_str(), who.at.as_deref()),
        (27, "hmarsh", None)
    );
}

/// Every shipped log's list collation reads back to the wire report's
/// figures, and region ids read as [`RegionId`]s.
#[test]
fn every_shipped_list_collation_is_the_wire_reports() {
    let mut seen = 0;
    for name in shipped_logs() {
        let count = Count::open(&example(&name)).unwrap();
        let report = count.documents();
        let views = count.list_collations().unwrap();
        assert_eq!(views.len(), report.list_contests.len(), "{name}");
        for (v, w) in views.iter().zip(&report.list_contests) {
            seen += 1;
            assert_eq!(v.contest.as_str(), w.contest);
            assert_eq!(v.total_votes.map(Votes::get), w.total_votes);
            assert_eq!(v.rejected.get(), w.rejected);
            for (a, wa) in v.areas.iter().zip(&w.areas) {
                assert_eq!(a.area.as_str(), wa.counting_area);
                let votes: Vec<u64> = a.votes.iter().map(|(_, v)| v.get()).collect();
                assert_eq!(votes, wa.votes);
                assert_eq!(a.papers_forward.map(Papers::get), wa.papers_forward);
                assert_eq!(a.rejected.map(Papers::get), wa.rejected);
                assert_eq!(
                    a.authorisation.is_some(),
                    wa.status == "authorised",
                    "{name}"
                );
            }
            for (t, wo) in v.totals.iter().zip(&w.options) {
                assert_eq!(
                    (t.option.as_str(), t.votes.get()),
                    (wo.id.as_str(), wo.votes)
                );
            }
        }
    }
    assert!(seen >= 2, "the shipped list logs");
}

/// A region id that is not an identifier does not read: the view names
/// the field.
#[test]
fn a_region_id_is_validated() {
    assert!(RegionId::new("E15000006").is_ok());
    assert!(RegionId::new("North East").is_err());
}
