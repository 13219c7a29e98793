//! The count through the log: hand-worked rules, and property tests of the
//! invariants (conservation, order independence, exact merging).

use countroom::count::{replay, report, ContestReport, Status};
use countroom::log::*;
use proptest::prelude::*;

fn entry(seq: u64, event: Event) -> Entry {
    Entry::new(seq, "test", event)
}

/// Election and contest: `seats` seats with the given term end years, and
/// `n` candidates C1..Cn.
fn define(seats: &[&str], n: usize) -> Vec<Event> {
    vec![
        Event::ElectionDefined(ElectionDefined::new("e", "Test", "2026-05-07")),
        Event::ContestDefined(
            ContestDefined::new(
                "w",
                "e",
                "Election of Parish Councillors",
                "Test Parish",
                "parish_councillor",
                "england",
            )
            .electorate(10_000)
            .vacancies(
                seats
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        VacancyDef::new(if i == 0 { "ordinary" } else { "casual" })
                            .term_ends(Some((*t).into()))
                    })
                    .collect(),
            )
            .candidates(
                (1..=n)
                    .map(|i| CandidateDef::new(format!("C{i}"), format!("CANDIDATE {i}")))
                    .collect(),
            ),
        ),
    ]
}

fn bundle(run: u32, id: &str, papers: u64, votes: &[u64]) -> Event {
    Event::BundleCounted(
        BundleCounted::new(
            "w",
            run,
            id,
            votes
                .iter()
                .enumerate()
                .map(|(i, &v)| CandidateVotes::new(format!("C{}", i + 1), v))
                .collect(),
        )
        .papers(Some(papers)),
    )
}

fn completed(run: u32) -> Event {
    Event::CountCompleted(CountCompleted::new("w", run))
}

fn lot(run: u32, purpose: &str, tied: &[&str], winners: &[&str]) -> Event {
    Event::LotDrawn(LotDrawn::new(
        "w",
        run,
        purpose,
        tied.iter().map(|s| (*s).to_owned()).collect(),
        winners.iter().map(|s| (*s).to_owned()).collect(),
        LotMethod::Recorded {
            description: "drawn from a hat".into(),
        },
    ))
}

fn replay_events(events: Vec<Event>) -> ContestReport {
    let entries: Vec<Entry> = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| entry(i as u64 + 1, e))
        .collect();
    let (state, problems) = replay(&entries);
    assert!(problems.is_empty(), "{problems:#?}");
    report(&state).contests.remove(0)
}

fn elected(r: &ContestReport) -> Vec<(String, Option<String>)> {
    r.elected
        .iter()
        .map(|e| (e.id.clone(), e.term_ends.map(|d| d.to_string())))
        .collect()
}

/// uk-count-rules.md §4.4, worked example: one ordinary seat (4 years) and
/// one casual vacancy (2 years); P 1,204; Q 1,190; R 1,190; S 655. Q and R
/// tie for the second seat: lot; the lot falls on R. P (most votes) takes
/// the longer term, R the shorter.
#[test]
fn ordinary_and_casual_vacancy_with_lot_at_the_boundary() {
    let mut events = define(&["2030-05-06", "2028-05-08"], 4);
    events.push(bundle(1, "B1", 2_400, &[1_204, 1_190, 1_190, 655]));
    events.push(completed(1));
    let before = replay_events(events.clone());
    assert_eq!(before.status, Status::LotRequired);
    let needed = before.lot_required.as_ref().unwrap();
    assert_eq!(
        (needed.purpose, needed.tied.clone(), needed.places),
        ("election", vec!["C2".into(), "C3".into()], 1)
    );
    events.push(lot(1, "election", &["C2", "C3"], &["C3"]));
    let after = replay_events(events);
    assert_eq!(after.status, Status::ReadyToDeclare);
    assert_eq!(
        elected(&after),
        vec![
            ("C1".into(), Some("2030-05-06".into())),
            ("C3".into(), Some("2028-05-08".into()))
        ]
    );
    assert!(after.elected[1].by_lot);
    assert_eq!(
        after.lots[0].statement,
        "Following an equality of votes, lots were drawn and, as a consequence, an additional vote was allotted to CANDIDATE 3."
    );
}

/// §4.4: "Had P and R tied for first (both elected), a second lot (purpose
/// LongerTerm) would allocate the longer term." No election lot is needed.
#[test]
fn equal_votes_across_terms_need_a_longer_term_lot() {
    let mut events = define(&["2030-05-06", "2028-05-08"], 3);
    events.push(bundle(1, "B1", 1_000, &[700, 700, 300]));
    events.push(completed(1));
    let before = replay_events(events.clone());
    assert_eq!(before.status, Status::LotRequired);
    assert_eq!(before.lot_required.as_ref().unwrap().purpose, "longer_term");
    events.push(lot(1, "longer_term", &["C1", "C2"], &["C2"]));
    let after = replay_events(events);
    assert_eq!(
        elected(&after),
        vec![
            ("C2".into(), Some("2030-05-06".into())),
            ("C1".into(), Some("2028-05-08".into()))
        ]
    );
}

/// A re-count is a new run; the earlier run stays in the record and the
/// declaration names the run it declares.
#[test]
fn recount_is_a_new_run() {
    let mut events = define(&["2030-05-06"], 2);
    events.push(bundle(1, "B1", 100, &[51, 49]));
    events.push(completed(1));
    events.push(Event::RecountRequested(
        RecountRequested::new("w", 1).candidate(Some("C2".into())),
    ));
    let pending = replay_events(events.clone());
    assert_eq!(pending.status, Status::RecountRequested);
    // The CSV and JSON documents use the same status code.
    let csv = String::from_utf8(countroom::io::render::contest_csv(&pending)).unwrap();
    assert!(
        csv.contains(
            ",status,status,\"re-count requested, awaiting decision\",recount_requested\n"
        ),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&countroom::io::render::contest_json(&pending)).unwrap();
    assert_eq!(json["status"], "recount_requested");
    events.push(Event::RecountDecided(RecountDecided::new("w", 1, true)));
    events.push(bundle(2, "B1", 100, &[50, 50]));
    events.push(completed(2));
    events.push(lot(2, "election", &["C1", "C2"], &["C2"]));
    events.push(Event::ResultDeclared(ResultDeclared::new("w", 2)));
    let r = replay_events(events);
    assert_eq!(r.status, Status::Declared);
    assert_eq!(r.run, Some(2));
    assert_eq!(r.declaration.as_ref().unwrap().run, 2);
    assert_eq!(r.runs.len(), 2);
    assert_eq!(r.runs[0].votes, vec![51, 49]);
    assert_eq!(r.recounts[0].decision, "granted");
    assert_eq!(elected(&r)[0].0, "C2");
}

#[test]
fn refused_recount_keeps_the_run() {
    let mut events = define(&["2030-05-06"], 2);
    events.push(bundle(1, "B1", 100, &[60, 40]));
    events.push(completed(1));
    events.push(Event::RecountRequested(RecountRequested::new("w", 1)));
    events.push(Event::RecountDecided(RecountDecided::new("w", 1, false)));
    events.push(Event::ResultDeclared(ResultDeclared::new("w", 1)));
    let r = replay_events(events);
    assert_eq!(r.status, Status::Declared);
    assert_eq!(r.runs.len(), 1);
    assert_eq!(r.recounts[0].decision, "refused");
    assert_eq!(r.majority, Some(20));
}

#[test]
fn uncontested_election_is_declared_without_a_poll() {
    let r = replay_events(define(&["2030-05-06", "2030-05-06", "2030-05-06"], 2));
    assert_eq!(r.status, Status::Uncontested);
    assert_eq!(r.elected.len(), 2);
    assert_eq!(r.unfilled_seats, 1);
    assert!(r.candidates.iter().all(|c| c.elected && c.votes.is_none()));
    // Terms differ: left to a lot at the council's first meeting.
    let r = replay_events(define(&["2030-05-06", "2028-05-08"], 2));
    assert!(r.elected.iter().all(|e| e.term_ends.is_none()));
}

/// Turnout (§4.8), hand-worked: 3,470 papers counted (3,459 valid + 11
/// rejected) of 10,117 electors: ballot-box 34.2987…% → 34.30; valid-vote
/// 34.1900…% → 34.19.
#[test]
fn turnout_is_rounded_half_up_from_exact_integers() {
    let mut events = define(&["2030-05-06"], 2);
    if let Event::ContestDefined(c) = &mut events[1] {
        c.electorate = 10_117;
    }
    events.push(bundle(1, "B1", 3_459, &[2_000, 1_459]));
    events.push(Event::RejectedCounted(RejectedCounted::new(
        "w",
        1,
        "unmarked_or_void",
        11,
    )));
    // No turnout until the count is completed (the figures exist).
    assert!(replay_events(events.clone()).turnout.is_none());
    events.push(completed(1));
    let r = replay_events(events);
    let t = r.turnout.unwrap();
    assert_eq!(t.ballot_box.as_deref(), Some("34.30"));
    assert_eq!(t.valid_vote.as_deref(), Some("34.19"));
}

// ---------------------------------------------------------------------
// Property tests.

/// Bundles of a three-seat, five-candidate ward: (papers, votes) with each
/// candidate's votes ≤ papers and the sum ≤ 3 × papers.
fn arb_bundles() -> impl Strategy<Value = Vec<(u64, Vec<u64>)>> {
    prop::collection::vec(
        (1u64..200).prop_flat_map(|papers| {
            prop::collection::vec(0..=papers, 5).prop_map(move |mut votes| {
                // Trim to at most 3 votes per paper.
                while votes.iter().sum::<u64>() > 3 * papers {
                    let i = votes
                        .iter()
                        .enumerate()
                        .max_by_key(|(_, v)| **v)
                        .map(|(i, _)| i)
                        .unwrap();
                    votes[i] -= 1;
                }
                (papers, votes)
            })
        }),
        1..12,
    )
}

fn count_bundles(bundles: &[(u64, Vec<u64>)], order: &[usize]) -> ContestReport {
    let mut events = define(&["2030-05-06", "2030-05-06", "2030-05-06"], 5);
    for &i in order {
        let (papers, votes) = &bundles[i];
        events.push(bundle(1, &format!("B{i}"), *papers, votes));
    }
    events.push(Event::RejectedCounted(RejectedCounted::new(
        "w",
        1,
        "too_many_votes",
        3,
    )));
    replay_events(events)
}

proptest! {
    /// Conservation: papers counted = valid + rejected; votes ≤ seats ×
    /// valid papers; unused = seats × valid − votes.
    #[test]
    fn conservation(bundles in arb_bundles()) {
        let order: Vec<usize> = (0..bundles.len()).collect();
        let r = count_bundles(&bundles, &order);
        let rec = r.reconciliation.unwrap();
        let papers: u64 = bundles.iter().map(|b| b.0).sum();
        let votes: u64 = bundles.iter().flat_map(|b| b.1.iter()).sum();
        prop_assert_eq!(rec.valid_papers, papers);
        prop_assert_eq!(rec.papers_counted, rec.valid_papers + rec.rejected_papers);
        prop_assert_eq!(rec.total_votes, votes);
        prop_assert!(rec.total_votes <= 3 * rec.valid_papers);
        prop_assert_eq!(rec.unused_votes, Some(3 * rec.valid_papers - rec.total_votes));
    }

    /// The order in which bundles are counted changes nothing in the
    /// documents, byte for byte.
    #[test]
    fn bundle_order_does_not_matter(bundles in arb_bundles(), seed in any::<u64>()) {
        let order: Vec<usize> = (0..bundles.len()).collect();
        let mut shuffled = order.clone();
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let a = count_bundles(&bundles, &order);
        let mut b = count_bundles(&bundles, &shuffled);
        // Only the bundle ids' insertion order differs: the documents do not.
        b.runs[0].bundles = a.runs[0].bundles;
        prop_assert_eq!(
            countroom::io::render::contest_json(&a),
            countroom::io::render::contest_json(&b)
        );
    }

    /// One more vote for a candidate never lowers their total nor removes
    /// them from the elected.
    #[test]
    fn one_more_vote_never_hurts(bundles in arb_bundles(), who in 0usize..5) {
        let order: Vec<usize> = (0..bundles.len()).collect();
        let before = count_bundles(&bundles, &order);
        let mut more = bundles.clone();
        more.push((1, (0..5).map(|i| u64::from(i == who)).collect()));
        let order: Vec<usize> = (0..more.len()).collect();
        let after = count_bundles(&more, &order);
        let id = format!("C{}", who + 1);
        let votes = |r: &ContestReport| r.candidates.iter().find(|c| c.id == id).unwrap().votes.unwrap();
        prop_assert_eq!(votes(&after), votes(&before) + 1);
        if before.candidates.iter().any(|c| c.id == id && c.elected) {
            prop_assert!(after.candidates.iter().any(|c| c.id == id && c.elected));
        }
    }
}
