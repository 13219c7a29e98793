//! Adjudication through the log and the files: doubtful papers set aside
//! and decided by reference, the bad inputs of the adjudication issue, and
//! the EU referendum's published rejection figures.

use countroom::adjudicate::{Adjudicator, BallotPaper, Mark, Outcome};
use countroom::count::{replay, report, ProblemKind};
use countroom::log::*;
use countroom::model::RulesetId;
use countroom::rules::{ruleset, RejectionHead};
use countroom::tally::Tally;

use crate::support::dataset;

fn entries(events: Vec<Event>) -> Vec<Entry> {
    events
        .into_iter()
        .enumerate()
        .map(|(i, event)| Entry::new(i as u64 + 1, "Deputy Returning Officer", event))
        .collect()
}

/// A two-seat parish ward, A B C, counted in one bundle of 100 papers.
fn ward(office: &str, country: &str) -> Vec<Event> {
    vec![
        Event::ElectionDefined(ElectionDefined::new("e", "Test", "2026-05-07")),
        Event::ContestDefined(
            ContestDefined::new("w", "e", "Election", "Ward", office, country)
                .electorate(1_000)
                .vacancies(vec![
                    VacancyDef::new("ordinary")
                        .term_ends(Some("2030-05-06".into()));
                    2
                ])
                .candidates(
                    ["A", "B", "C"]
                        .iter()
                        .map(|id| CandidateDef::new(*id, *id))
                        .collect(),
                ),
        ),
        Event::BundleCounted(
            BundleCounted::new(
                "w",
                1,
                "B1",
                vec![CandidateVotes::new("A", 80), CandidateVotes::new("B", 70)],
            )
            .papers(Some(100)),
        ),
    ]
}

fn set_aside(papers: &[&str]) -> Event {
    Event::PapersSetAside(PapersSetAside::new(
        "w",
        1,
        papers
            .iter()
            .map(|p| SetAsidePaper::new(*p).reason(Some("mark outside the box".into())))
            .collect(),
    ))
}

fn decide(paper: &str, decision: &str, votes: &[&str], head: Option<&str>) -> Event {
    Event::DoubtfulPaperDecided(
        DoubtfulPaperDecided::new("w", 1, paper, decision)
            .votes(votes.iter().map(|v| (*v).to_owned()).collect())
            .head(head.map(str::to_owned))
            .rejection_objected(decision != "valid"),
    )
}

fn completed() -> Event {
    Event::CountCompleted(CountCompleted::new("w", 1))
}

fn problems(events: Vec<Event>) -> Vec<String> {
    let (_, problems) = replay(&entries(events));
    problems.iter().map(ToString::to_string).collect()
}

/// Papers set aside at a manual count, decided one by one: the statement
/// counts each decision once, under its head, and shows the objections.
#[test]
fn decisions_settle_the_papers_set_aside() {
    let mut events = ward("parish_councillor", "england");
    events.push(set_aside(&["D1", "D2", "D3"]));
    events.push(decide("D1", "valid", &["C"], None));
    events.push(decide("D2", "rejected", &[], Some("identifying_mark")));
    events.push(decide("D3", "rejected_in_part", &["A"], None));
    events.push(completed());
    let (state, problems) = replay(&entries(events));
    assert!(problems.is_empty(), "{problems:#?}");
    let r = report(&state).contests.remove(0);
    let rej = r.rejected.unwrap();
    assert_eq!(rej.total, 1);
    assert_eq!(rej.rejected_in_part, Some(1));
    assert_eq!(rej.rejection_objected, 2);
    let a = &rej.adjudication;
    assert_eq!(
        (
            a.set_aside,
            a.allowed,
            a.rejected,
            a.rejected_in_part,
            a.undecided
        ),
        (3, 1, 1, 1, 0)
    );
    assert_eq!(
        a.papers[1].head.as_deref(),
        Some("(c) writing or mark by which the voter could be identified")
    );
    // 100 + 2 allowed papers; votes 80 + 1 (A), 70 (B), 1 (C).
    let rec = r.reconciliation.unwrap();
    assert_eq!(rec.valid_papers, 102);
    assert_eq!(rec.total_votes, 152);
    // Unused votes: 2 × 102 − 152 = 52, kept apart from the rejections.
    assert_eq!(rej.unused_votes, Some(52));
}

#[test]
fn bad_decision_for_a_paper_never_set_aside() {
    let mut events = ward("parish_councillor", "england");
    events.push(set_aside(&["D1"]));
    events.push(decide("D9", "valid", &["A"], None));
    assert_eq!(
        problems(events),
        ["entry 5 (doubtful_paper_decided): field `paper`: paper \"D9\" was never set aside as doubtful in run 1 (papers set aside: D1)"]
    );
}

#[test]
fn bad_second_decision_and_second_set_aside() {
    let mut events = ward("parish_councillor", "england");
    events.push(set_aside(&["D1"]));
    events.push(decide("D1", "valid", &["A"], None));
    events.push(decide("D1", "rejected", &[], Some("unmarked_or_void")));
    events.push(set_aside(&["D1"]));
    assert_eq!(
        problems(events),
        [
            "entry 6 (doubtful_paper_decided): field `paper`: paper \"D1\" was already decided in run 1; the returning officer's decision is final",
            "entry 7 (papers_set_aside): field `papers[0].paper`: paper \"D1\" is already set aside in run 1",
        ]
    );
}

#[test]
fn bad_count_completed_with_papers_undecided() {
    let mut events = ward("parish_councillor", "england");
    events.push(set_aside(&["D1", "D2"]));
    events.push(decide("D2", "valid", &["A"], None));
    events.push(completed());
    assert_eq!(
        problems(events),
        ["entry 6 (count_completed): run 1: 1 doubtful papers set aside are not yet decided by the returning officer (D1); decide them before the count is completed"]
    );
}

/// An unknown head for the poll's ruleset: `unmarked` is a head of the PCC
/// rules, not of the English local rules; `spoilt` is no head at all.
#[test]
fn bad_head_for_the_ruleset() {
    let mut events = ward("parish_councillor", "england");
    events.push(set_aside(&["D1", "D2"]));
    events.push(decide("D1", "rejected", &[], Some("unmarked")));
    events.push(decide("D2", "rejected", &[], Some("spoilt")));
    let p = problems(events);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(p[0].contains("head \"unmarked\" is not on the statement of rejected ballot papers under england-parish-2006"), "{}", p[0]);
    assert!(p[1].contains("\"spoilt\""), "{}", p[1]);
}

/// A single transferable vote poll is defined and counted in the log like
/// any other (tests/stv_log.rs); a bundle of first preferences is refused
/// there, since its papers' later preferences are not in it.
#[test]
fn stv_poll_is_defined_and_refuses_bundles() {
    // The ward's one bundle is the only entry refused.
    let p = problems(ward("principal_councillor", "scotland"));
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].starts_with("entry 3 (bundle_counted): field `bundle`: a single transferable vote poll is counted from its papers' preferences"),
        "{p:#?}"
    );
    let kind = replay(&entries(ward("principal_councillor", "scotland"))).1[0]
        .kind
        .clone();
    assert!(matches!(kind, ProblemKind::Stv { .. }), "{kind:?}");
}

/// A mark for a candidate not on the paper, and a figure that is not a
/// number: typed errors naming the file, line and field.
#[test]
fn bad_marks_in_the_papers_file() {
    use crate::support::{run, stderr};
    let dir = tempfile::tempdir().unwrap();
    let papers = dir.path().join("p.csv");
    let log = crate::support::root().join("examples/data/westbury.jsonl");
    let rejects = |csv: &str, expected: &str| {
        std::fs::write(&papers, csv).unwrap();
        let args = [
            "count",
            log.to_str().unwrap(),
            "--papers",
            papers.to_str().unwrap(),
        ];
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(expected), "expected {expected:?} in {err}");
    };
    rejects(
        "paper,official_mark,identifying_mark,WB-ALLEN,WB-BAKER,WB-COLE,WB-DAVIS\n1,Y,N,X,,,\n",
        "p.csv:1: field `WB-DAVIS`: unknown candidate \"WB-DAVIS\"",
    );
    rejects(
        "paper,official_mark,identifying_mark,WB-ALLEN,WB-BAKER,WB-COLE\n1,Y,N,X,,\n2,Y,N,,1x,\n",
        "p.csv:3: field `WB-BAKER`: figure \"1x\" is not a number",
    );
    // In the library: a mark against candidate 3 of a three-candidate paper.
    let adj = Adjudicator::new(ruleset(RulesetId::UkParliamentary), 3, 1).unwrap();
    assert!(adj
        .adjudicate(&BallotPaper::marked(vec![Mark::cross(3)]))
        .is_err());
}

/// The 2016 EU referendum: for every one of the 382 counting areas the four
/// columns of rejected papers, read as the heads of the referendum
/// ruleset's statement (PVSCA 2011 Sch 2 r.42(4)), sum to the area's
/// rejected ballots; nationally (a) 232, (b) 9,084, (c) 836, (d) 15,207,
/// 25,359 in all.
#[test]
fn eu_referendum_2016_rejected_papers_by_head() {
    let Some(dir) = dataset("eu-referendum-2016") else {
        return;
    };
    let rules = ruleset(RulesetId::UkReferendum);
    let columns = [
        ("No_official_mark", RejectionHead::NoOfficialMark),
        ("Voting_for_both_answers", RejectionHead::TooManyVotes),
        ("Writing_or_mark", RejectionHead::IdentifyingMark),
        ("Unmarked_or_void", RejectionHead::UnmarkedOrVoid),
    ];
    // The columns are the ruleset's heads, in statutory order.
    let heads: Vec<RejectionHead> = rules.heads.iter().map(|h| h.head).collect();
    assert_eq!(heads, columns.map(|(_, h)| h));
    let mut rdr = csv::Reader::from_path(dir.join("EU-referendum-result-data.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rejected_col = col("Rejected_Ballots");
    let cols: Vec<(usize, RejectionHead)> = columns.iter().map(|(n, h)| (col(n), *h)).collect();
    let mut national = Tally::new(2);
    let mut areas = 0;
    for row in rdr.records() {
        let row = row.unwrap();
        let mut area = Tally::new(2);
        for &(i, head) in &cols {
            area.add_rejected(head, row[i].parse().unwrap()).unwrap();
        }
        let published: u64 = row[rejected_col].parse().unwrap();
        assert_eq!(
            area.rejected_papers(),
            published,
            "area {}",
            &row[col("Area")]
        );
        national.merge(&area).unwrap();
        areas += 1;
    }
    assert_eq!(areas, 382);
    let by_head: Vec<u64> = heads.iter().map(|&h| national.rejected(h)).collect();
    assert_eq!(by_head, [232, 9_084, 836, 15_207]);
    assert_eq!(national.rejected_papers(), 25_359);
}

/// A referendum paper marked for both answers is void under (b) "both
/// answers voted for"; the statement's wording is the referendum's.
#[test]
fn referendum_paper_for_both_answers() {
    let adj = Adjudicator::new(ruleset(RulesetId::UkReferendum), 2, 1).unwrap();
    let both = BallotPaper::marked(vec![Mark::cross(0), Mark::cross(1)]);
    let Ok(Outcome::Rejected(head)) = adj.adjudicate(&both) else {
        panic!()
    };
    assert_eq!(
        adj.rules().head(head).unwrap().label,
        "both answers voted for"
    );
}
