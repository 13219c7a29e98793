//! Ballot-paper CSV reader and writer, and counting the papers read.
//!
//! The contest is fixed: Westbury (`examples/data/westbury.jsonl`), three
//! candidates (WB-ALLEN, WB-BAKER, WB-COLE), one seat.
//!
//! Asserts, for any bytes:
//! - `io::papers::read` never panics;
//! - if it reads, `io::papers::write` of the papers reads back to the same
//!   papers, and writing those again gives the same bytes;
//! - for input without quotes, the papers are the same whether `read` takes
//!   its fast path for plain rows or its CSV reader (forced by appending a
//!   row with a quoted reference);
//! - `io::papers::count` (adjudication under the UK Parliamentary rules:
//!   compact rows by table lookup, rows with other marks in full) succeeds
//!   or names a line, and every paper read is counted as valid or rejected,
//!   or set aside as doubtful, exactly once.
//! - `io::papers::read_preferential` (`countroom stv --papers`) never
//!   panics, and the papers it reads adjudicate under the Scottish STV rules
//!   with every paper valid, rejected or doubtful exactly once (or a mark
//!   the paper cannot have is named).
//! - `io::papers::read_and_count_list` (`countroom tally-papers --area`: a
//!   list area's file, its columns a Scottish region's parties A, B and the
//!   individual candidate I) never panics, and a batch it counts gives one
//!   vote per valid paper (Scotland Act 1998 s.6(2)).

#![no_main]

use std::sync::OnceLock;

use countroom::model::Contest;
use libfuzzer_sys::fuzz_target;

const LOG: &str = include_str!("../../examples/data/westbury.jsonl");

fn contest() -> &'static Contest {
    static CONTEST: OnceLock<Contest> = OnceLock::new();
    CONTEST.get_or_init(|| {
        let log = countroom::log::read(LOG.as_bytes()).expect("westbury.jsonl reads");
        let (state, problems) = countroom::count::replay(&log.entries);
        assert!(problems.is_empty(), "westbury.jsonl replays: {problems:?}");
        state.contests()[0].contest().clone()
    })
}

/// A Scottish region (`scottish-parliament-regional-2016`) whose list
/// ballot paper has parties A and B and the individual candidate I.
const LIST_LOG: &str = concat!(
    "{\"schema\":\"countroom-count-log\",\"version\":1}\n",
    "{\"seq\":1,\"by\":\"ro\",\"event\":{\"election_defined\":{\"election\":\"e\",\"name\":\"S\",\"poll_date\":\"2026-05-07\"}}}\n",
    "{\"seq\":2,\"by\":\"ro\",\"event\":{\"counting_area_defined\":{\"counting_area\":\"n\",\"name\":\"N\"}}}\n",
    "{\"seq\":3,\"by\":\"ro\",\"event\":{\"list_contest_defined\":{\"contest\":\"r\",\"election\":\"e\",\"title\":\"R\",\"area\":\"R\",\"office\":\"scottish_parliament_regional_member\",\"country\":\"scotland\",\"seats\":7,\"parties\":[{\"id\":\"A\",\"name\":\"A\"},{\"id\":\"B\",\"name\":\"B\"}],\"individuals\":[{\"id\":\"I\",\"name\":\"I\"}],\"counting_areas\":[\"n\"],\"constituencies\":[\"S1\"]}}}\n",
);

fn list_state() -> &'static countroom::count::CountState {
    static STATE: OnceLock<countroom::count::CountState> = OnceLock::new();
    STATE.get_or_init(|| {
        let log = countroom::log::read(LIST_LOG.as_bytes()).expect("the list log reads");
        let (state, problems) = countroom::count::replay(&log.entries);
        assert!(problems.is_empty(), "the list log replays: {problems:?}");
        state
    })
}

fn list_area(data: &[u8]) {
    let list = &list_state().list_contests()[0];
    if let Ok(counted) = countroom::io::papers::read_and_count_list(data, list) {
        let t = &counted.tally;
        assert_eq!(t.valid_papers(), t.votes().iter().sum::<u64>());
    }
}

fn preferential(data: &[u8]) {
    use countroom::model::RulesetId;
    let Ok(read) = countroom::io::papers::read_preferential(data) else {
        return;
    };
    let rules = countroom::rules::ruleset(RulesetId::ScotlandStv2011);
    let Ok(adj) = countroom::adjudicate::Adjudicator::new(rules, read.candidates.len(), 1) else {
        return;
    };
    let papers = read.papers.iter().map(|m| countroom::stv::PaperRef {
        reference: &m.reference,
        line: m.line,
        paper: &m.paper,
    });
    let a = match countroom::stv::adjudicate(&adj, papers, &[]) {
        Ok(a) => a,
        Err(e) => {
            // Only a mark the paper cannot have (a second-choice column).
            assert!(e
                .0
                .iter()
                .all(|p| matches!(p, countroom::stv::PapersProblem::Mark { .. })));
            return;
        }
    };
    let undecided = a.undecided().len() as u64;
    assert_eq!(a.valid + a.rejected_total() + undecided, a.papers_read);
    assert_eq!(a.papers_read, read.papers.len() as u64);
}

fuzz_target!(|data: &[u8]| {
    preferential(data);
    list_area(data);
    let contest = contest();
    let Ok(batch) = countroom::io::papers::read(data, contest) else {
        return;
    };

    let bytes = countroom::io::papers::write(contest, &batch.papers);
    let again = match countroom::io::papers::read(&bytes, contest) {
        Ok(again) => again,
        Err(problems) => panic!(
            "papers::write output does not read back: {problems:?}\nwritten:\n{}",
            String::from_utf8_lossy(&bytes)
        ),
    };
    assert_eq!(
        again.papers, batch.papers,
        "papers::read(papers::write(papers)) changed the papers"
    );
    assert_eq!(
        countroom::io::papers::write(contest, &again.papers),
        bytes,
        "papers::write is not canonical"
    );

    // `papers::read` has a fast path for plain files (no quotes) and falls
    // back to the CSV reader for anything else. A row with a quoted
    // reference forces the CSV reader; appended to a file without quotes it
    // cannot change how the rows before it read, so both paths must give
    // the same papers.
    if !data.contains(&b'"') {
        let mut forced = data.to_vec();
        forced.extend_from_slice(b"\n\"fuzz\",Y,N");
        forced.extend(std::iter::repeat_n(b',', contest.n_standing()));
        forced.push(b'\n');
        match countroom::io::papers::read(&forced, contest) {
            Ok(slow) => {
                let blank = countroom::tally::Paper::from_bits(0);
                assert_eq!(
                    slow.papers.split_last(),
                    Some((&blank, batch.papers.as_slice())),
                    "papers::read gives other papers when the CSV reader reads the rows"
                );
                assert_eq!(slow.marked, batch.marked, "marked rows differ by path");
            }
            Err(problems) => {
                panic!("papers::read fails when the CSV reader reads the rows: {problems:?}")
            }
        }
    }

    let rules = countroom::rules::ruleset(contest.ruleset());
    let adjudicator =
        countroom::adjudicate::Adjudicator::new(rules, contest.n_standing(), contest.seats())
            .expect("westbury's poll has an adjudicator");
    let counted = match countroom::io::papers::count(&batch, &adjudicator) {
        Ok(counted) => counted,
        Err(problems) => {
            // Only a second-choice mark on a single-column paper is refused
            // here, and it names its line.
            assert!(
                problems.iter().all(|p| p.line >= 2),
                "count problems without a line: {problems:?}"
            );
            return;
        }
    };
    assert_eq!(
        counted.tally.papers_counted() + counted.set_aside.len() as u64,
        (batch.papers.len() + batch.marked.len()) as u64,
        "count did not count or set aside every paper exactly once"
    );
});
