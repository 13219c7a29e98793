//! A list contest's papers held in memory at a counting area (issue 19):
//! adjudicated under the list ruleset's heads and counted as one batch
//! (`Command::PaperBatch` with `in_area`, written as `paper_batch_counted`
//! with `counting_area`), its doubtful paper decided, the area's run
//! completed and the region allocated; a ruleset whose heads were not read
//! refused by name; bad input refused with every problem.
//!
//! Independent checks: every paper's outcome is worked by hand in the
//! comments, citing the Scottish Parliament (Elections etc.) Order 2015
//! (SSI 2015/425) Sch 2 r.58(1)-(3); the allocation by hand from Scotland
//! Act 1998 ss.7-8, and equal to the same figures entered by `ListBatch`.

use countroom::adjudicate::{BallotPaper, ListAdjudicator, Mark, MarkKind, Placement};
use countroom::count::papers::{count_list_batch, MarkedPaper, PaperBatch as Batch};
use countroom::live::{
    AreaDecision, BallotPapers, BundleId, CandidateId, Command, ContestId, Count, CountingAreaId,
    Decision, DoubtfulDecision, ListBatch, PaperBatch, Papers, RejectionHead as H, Votes,
};
use countroom::rules::lists::{list_ruleset, ListRulesetId};
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::support::{log_of, region_with_south_counted, run, scratch, stderr, stdout, write};

fn r() -> ContestId {
    ContestId::new("r").unwrap()
}

fn area(a: &str) -> CountingAreaId {
    CountingAreaId::new(a).unwrap()
}

fn id(s: &str) -> CandidateId {
    CandidateId::new(s).unwrap()
}

/// The example region with south counted (`support::region_with_south_counted`).
fn prefix() -> String {
    log_of(&region_with_south_counted())
}

/// North's papers, one of each kind, each hand-worked under SSI 2015/425
/// Sch 2 r.58:
///
/// | papers | marks | outcome |
/// | --- | --- | --- |
/// | 5, 3, 2, 2 | a cross for A, B, C, IND | valid |
/// | 1 | a cross for A, no official mark | void, r.58(1)(a) |
/// | 1 | crosses for B and IND | void, r.58(1)(c) |
/// | 1 | a cross for C, the voter's name | void, r.58(1)(d) |
/// | 1 | unmarked | void, r.58(1)(e) |
/// | 1 | a cross for A outside the box | valid, r.58(2)(a) (`outside_box`) |
/// | 1 | a tick for B | valid, r.58(2)(b) (`tick`) |
/// | 1 | the figure 1 for C | valid, r.58(2)(b) (`figure`) |
/// | 1 | two crosses for IND | valid, r.58(2)(c) (`more_than_one_mark`) |
/// | 1 | 1 for B, 2 for A | valid for B, r.58(3) (`figure`) |
/// | 1 | a word against A (N-D1) | doubtful: set aside (`other_mark`) |
///
/// Valid 12 + 5 = 17: A 5 + 1 = 6, B 3 + 1 + 1 = 5, C 2 + 1 = 3, IND 2 + 1
/// = 3; rejected 4, one under each head; saved 5 (figure 2); set aside 1;
/// 22 papers.
fn north_papers() -> BallotPapers {
    let mut p = BallotPapers::new();
    for (option, n) in [(0, 5), (1, 3), (2, 2), (3, 2)] {
        for _ in 0..n {
            p.crosses(&[option]).unwrap();
        }
    }
    let mut no_mark = BallotPaper::marked(vec![Mark::cross(0)]);
    no_mark.official_mark = false;
    let mut named = BallotPaper::marked(vec![Mark::cross(2)]);
    named.identifying_mark = true;
    let papers = [
        ("N-a", no_mark),
        (
            "N-c",
            BallotPaper::marked(vec![Mark::cross(1), Mark::cross(3)]),
        ),
        ("N-d", named),
        ("N-e", BallotPaper::marked(vec![])),
        (
            "N-out",
            BallotPaper::marked(vec![Mark::cross(0).at(Placement::Outside)]),
        ),
        (
            "N-tick",
            BallotPaper::marked(vec![Mark::cross(1).kind(MarkKind::Tick)]),
        ),
        ("N-one", BallotPaper::marked(vec![Mark::figure(2, 1)])),
        (
            "N-twice",
            BallotPaper::marked(vec![Mark::cross(3), Mark::cross(3)]),
        ),
        (
            "N-seq",
            BallotPaper::marked(vec![Mark::figure(1, 1), Mark::figure(0, 2)]),
        ),
        (
            "N-D1",
            BallotPaper::marked(vec![Mark::cross(0).kind(MarkKind::Other)]),
        ),
    ];
    for (reference, paper) in papers {
        p.paper(reference, paper).unwrap();
    }
    p
}

fn north_batch() -> Command {
    Command::PaperBatch(
        PaperBatch::new(r(), BundleId::new("NM-1").unwrap(), north_papers()).in_area(area("north")),
    )
}

/// `count --format json` of a log: its list contests.
fn list_contests(log: &[u8]) -> Vec<Value> {
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", log);
    let o = run(&["count", &path, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["list_contests"].as_array().unwrap().clone()
}

fn rounds(c: &Value) -> Vec<(String, String)> {
    c["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["option"].as_str().unwrap().to_owned(),
                r["figure"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Completes north, authorises both areas: the log's bytes.
fn finish(count: &mut Count, mut log: Vec<u8>) -> Vec<u8> {
    let ro = count.actor("RO").unwrap();
    let mut apply = |c: Command| {
        let a = count.apply(&ro, c).unwrap();
        log.extend_from_slice(&a.bytes);
    };
    apply(Command::CompleteAreaCount {
        contest: r(),
        counting_area: area("north"),
    });
    for a in ["north", "south"] {
        apply(Command::AuthoriseLocalTotal(AreaDecision::new(
            r(),
            area(a),
        )));
    }
    log
}

#[test]
fn a_list_areas_papers_in_memory_are_adjudicated_under_r58_and_allocated() {
    let mut log = prefix().into_bytes();
    let mut count = Count::open(&log).unwrap();
    let ro = count.actor("RO").unwrap();
    let applied = count.apply(&ro, north_batch()).unwrap();
    log.extend_from_slice(&applied.bytes);
    let entry: Value = serde_json::from_slice(&applied.bytes).unwrap();
    let e = &entry["event"]["paper_batch_counted"];
    assert_eq!(e["counting_area"], "north");
    assert_eq!(e["run"], 1);
    assert_eq!(e["valid_papers"], 17);
    assert_eq!(
        e["votes"],
        json!([{"candidate": "A", "votes": 6}, {"candidate": "B", "votes": 5}, {"candidate": "C", "votes": 3}, {"candidate": "IND", "votes": 3}])
    );
    assert_eq!(
        e["rejected"],
        json!([{"head": "no_official_mark", "papers": 1}, {"head": "too_many_votes", "papers": 1}, {"head": "identifying_mark", "papers": 1}, {"head": "unmarked_or_void", "papers": 1}])
    );
    assert_eq!(
        e["saved"],
        json!([{"reason": "outside_box", "papers": 1}, {"reason": "tick", "papers": 1}, {"reason": "figure", "papers": 2}, {"reason": "more_than_one_mark", "papers": 1}])
    );
    assert_eq!(
        e["set_aside"],
        json!([{"paper": "N-D1", "reason": "other_mark"}])
    );
    assert_eq!(e["source"]["name"], "memory:NM-1");
    assert_eq!(
        e["source"]["sha256"],
        north_papers().content_hash(&r()).as_str()
    );

    // The run cannot be completed while N-D1 is undecided.
    let undecided = count
        .apply(
            &ro,
            Command::CompleteAreaCount {
                contest: r(),
                counting_area: area("north"),
            },
        )
        .unwrap_err();
    assert!(undecided.to_string().contains("N-D1"), "{undecided}");

    // The constituency returning officer decides N-D1: valid for A (the
    // intention clearly appears, r.58(2)); recorded with who decided.
    let decided = count
        .apply(
            &ro,
            Command::DecideDoubtful(
                DoubtfulDecision::new(r(), "N-D1", Decision::Valid(vec![id("A")]))
                    .in_area(area("north")),
            ),
        )
        .unwrap();
    let d: Value = serde_json::from_slice(&decided.bytes).unwrap();
    assert_eq!(d["by"], "RO");
    assert_eq!(
        d["event"]["doubtful_paper_decided"]["counting_area"],
        "north"
    );
    log.extend_from_slice(&decided.bytes);
    let log = finish(&mut count, log);

    // North's run: valid 17 + 1 = 18 (A 7), rejected 4: counted 22 = the
    // papers of the batch.
    let c = &list_contests(&log)[0];
    assert_eq!(c["status"], "allocated", "{}", c["status_text"]);
    let text = serde_json::to_string(c).unwrap();
    assert!(text.contains("N-D1"), "the doubtful paper is on the record");
    let north = &c["areas"][0]["count"];
    assert_eq!(north["valid"], 18);
    assert_eq!(north["votes"], json!([7, 5, 3, 3]));
    assert_eq!(north["papers_counted"], 22);
    assert_eq!(north["batches"], 1);
    let rejected: u64 = north["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["papers"].as_u64().unwrap())
        .sum();
    assert_eq!(rejected, 4);
    let saved: u64 = north["saved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["papers"].as_u64().unwrap())
        .sum();
    assert_eq!(saved, 5);

    // The region (Scotland Act 1998 s.7: votes ÷ (1 + constituency seats +
    // regional seats so far); an individual candidate's figure is the
    // votes; s.8): A 9,007 (5 seats), B 6,005 (2), C 4,003 (2), IND 3,503.
    // Seat 1 IND 3,503.00 (then disregarded, s.8(3)); seat 2 B 6,005/3 =
    // 2,001.67; seat 3 B 6,005/4 = 1,501.25 over A 9,007/6 = 1,501.17;
    // seat 4 A 1,501.17; seat 5 C 4,003/3 = 1,334.33; seat 6 A 9,007/7 =
    // 1,286.71; seat 7 B 6,005/5 = 1,201.00 over A 9,007/8 = 1,125.88.
    let expected = [
        ("IND", "3503.00"),
        ("B", "2001.67"),
        ("B", "1501.25"),
        ("A", "1501.17"),
        ("C", "1334.33"),
        ("A", "1286.71"),
        ("B", "1201.00"),
    ]
    .map(|(a, b)| (a.to_owned(), b.to_owned()));
    assert_eq!(rounds(c), expected);

    // The same figures entered by `ListBatch`: the same allocation.
    let mut twin_log = prefix().into_bytes();
    let mut twin = Count::open(&twin_log).unwrap();
    let by = twin.actor("RO").unwrap();
    let figures = ListBatch::new(
        r(),
        area("north"),
        BundleId::new("NM-1").unwrap(),
        Papers::new(18),
    )
    .votes(id("A"), Votes::new(7))
    .votes(id("B"), Votes::new(5))
    .votes(id("C"), Votes::new(3))
    .votes(id("IND"), Votes::new(3))
    .rejected(H::NoOfficialMark, Papers::new(1))
    .rejected(H::TooManyVotes, Papers::new(1))
    .rejected(H::IdentifyingMark, Papers::new(1))
    .rejected(H::UnmarkedOrVoid, Papers::new(1));
    twin_log.extend_from_slice(&twin.apply(&by, Command::ListBatch(figures)).unwrap().bytes);
    let twin_log = finish(&mut twin, twin_log);
    let t = &list_contests(&twin_log)[0];
    assert_eq!(rounds(t), expected);
    assert_eq!(c["votes"], t["votes"]);
}

/// The typed command and the same entry given as JSON write the same bytes.
#[test]
fn the_typed_batch_and_the_json_entry_write_the_same_bytes() {
    let log = prefix().into_bytes();
    let mut typed = Count::open(&log).unwrap();
    let ro = typed.actor("RO").unwrap();
    let a = typed.apply(&ro, north_batch()).unwrap();
    let v: Value = serde_json::from_slice(&a.bytes).unwrap();
    let wire = serde_json::to_vec(&json!({"by": "RO", "event": v["event"]})).unwrap();
    let entry = countroom::log::read_new_entries(&wire)
        .unwrap()
        .entries
        .remove(0);
    let mut from_json = Count::open(&log).unwrap();
    let b = from_json.apply_entry(entry).unwrap();
    assert_eq!(a.bytes, b.bytes);
}

/// The Senedd's closed lists (heads not read: WSI 2025/864 Sch 5) and the
/// other rulesets whose heads were not read: refused by name.
#[test]
fn a_ruleset_whose_heads_were_not_read_is_refused_by_name() {
    let log = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/data/senedd-cwm-valleys.jsonl"),
    )
    .unwrap();
    let lines: Vec<&[u8]> = log.split_inclusive(|&b| b == b'\n').collect();
    let prefix = lines[..8].concat();
    let mut count = Count::open(&prefix).unwrap();
    let by = count.actor("ro").unwrap();
    let mut papers = BallotPapers::new();
    papers.crosses(&[0]).unwrap();
    let e = count
        .apply(
            &by,
            Command::PaperBatch(
                PaperBatch::new(
                    ContestId::new("cwm-valleys").unwrap(),
                    BundleId::new("M1").unwrap(),
                    papers,
                )
                .in_area(area("cwm-south")),
            ),
        )
        .unwrap_err();
    let text = e.to_string();
    assert!(text.contains("senedd-closed-list-2026"), "{text}");
    assert!(text.contains("WSI 2025/864"), "{text}");
    assert!(
        text.contains("count the area's papers by figures"),
        "{text}"
    );
    for rid in [
        ListRulesetId::SeneddRegional2007,
        ListRulesetId::LondonAssemblyLondonWide2008,
    ] {
        let rules = list_ruleset(rid);
        let e = ListAdjudicator::new(rules, 3).unwrap_err();
        assert_eq!(e.code(), "list_heads_not_read");
        assert!(e.to_string().contains(rules.heads_citation));
    }
}

/// A mark for an option the ballot paper does not have (two papers), an
/// area not the contest's: refused with every problem, the count
/// unchanged; a batch id used again in the run refused.
#[test]
fn bad_input_is_refused_with_every_problem() {
    let log = prefix().into_bytes();
    let mut count = Count::open(&log).unwrap();
    let ro = count.actor("RO").unwrap();
    let mut papers = BallotPapers::new();
    papers.crosses(&[0]).unwrap();
    papers.crosses(&[4]).unwrap();
    papers
        .paper(
            "X-1",
            BallotPaper::marked(vec![Mark::cross(7).kind(MarkKind::Tick)]),
        )
        .unwrap();
    let e = count
        .apply(
            &ro,
            Command::PaperBatch(
                PaperBatch::new(r(), BundleId::new("B1").unwrap(), papers).in_area(area("east")),
            ),
        )
        .unwrap_err();
    assert_eq!(e.problems.len(), 3, "{e}");
    let text = e.to_string();
    assert!(text.contains("east"), "{text}");
    assert!(
        text.contains("line 2") && text.contains("candidate 4"),
        "{text}"
    );
    assert!(
        text.contains("line 3") && text.contains("candidate 7"),
        "{text}"
    );
    // Unchanged: the next entry is still the one after the prefix.
    let a = count.apply(&ro, north_batch()).unwrap();
    assert_eq!(a.entry.seq, 16);
    // The batch id again, in the same run (its doubtful paper already set
    // aside too): both named.
    let again = count.apply(&ro, north_batch()).unwrap_err();
    let text = again.to_string();
    assert!(text.contains("NM-1 in run 1"), "{text}");
    assert!(text.contains("N-D1"), "{text}");
    // No counting area at a list contest.
    let mut one = BallotPapers::new();
    one.crosses(&[1]).unwrap();
    let none = count
        .apply(
            &ro,
            Command::PaperBatch(PaperBatch::new(r(), BundleId::new("B2").unwrap(), one)),
        )
        .unwrap_err();
    assert!(none.to_string().contains("in_area"), "{none}");
}

/// A paper of the proptest: its kind and its option.
fn paper_of(kind: u8, option: usize) -> BallotPaper {
    let o = option;
    let p = (o + 1) % 4;
    let mut paper = match kind {
        0 => BallotPaper::marked(vec![Mark::cross(o)]),
        1 => BallotPaper::marked(vec![Mark::cross(o), Mark::cross(p)]),
        2 => BallotPaper::marked(vec![]),
        3 => BallotPaper::marked(vec![Mark::cross(o).at(Placement::Outside)]),
        4 => BallotPaper::marked(vec![Mark::cross(o).kind(MarkKind::Tick)]),
        5 => BallotPaper::marked(vec![Mark::figure(o, 1), Mark::figure(p, 2)]),
        6 => BallotPaper::marked(vec![Mark::cross(o).kind(MarkKind::Other)]),
        7 => BallotPaper::marked(vec![
            Mark::cross(o),
            Mark::cross(p).at(Placement::Straddling),
        ]),
        _ => BallotPaper::marked(vec![Mark::cross(o), Mark::cross(o)]),
    };
    if kind == 8 && option == 0 {
        paper.official_mark = false;
    }
    if kind == 8 && option == 1 {
        paper.identifying_mark = true;
    }
    paper
}

fn batch_of(papers: &[(u8, usize)]) -> Batch {
    let mut b = Batch::default();
    for (i, &(k, o)) in papers.iter().enumerate() {
        let paper = paper_of(k, o);
        match countroom::adjudicate::compact(&paper) {
            Some(c) if k == 0 => b.papers.push(c),
            _ => b.marked.push(MarkedPaper {
                reference: format!("P{i}"),
                line: i as u64 + 1,
                paper,
            }),
        }
    }
    b
}

proptest! {
    /// The batch's figures do not depend on the order of its papers, and
    /// every paper is counted once: papers = valid + rejected + set aside.
    #[test]
    fn figures_do_not_depend_on_the_order_of_the_papers(
        papers in prop::collection::vec((0u8..9, 0usize..4), 0..60),
        seed in any::<u64>(),
    ) {
        let adj = ListAdjudicator::new(
            list_ruleset(ListRulesetId::ScottishParliamentRegional2016),
            4,
        )
        .unwrap();
        let mut shuffled = papers.clone();
        // A deterministic shuffle from the seed (Fisher-Yates, xorshift).
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let a = count_list_batch(&batch_of(&papers), &adj).unwrap();
        let b = count_list_batch(&batch_of(&shuffled), &adj).unwrap();
        prop_assert_eq!(&a.tally, &b.tally);
        prop_assert_eq!(a.saved, b.saved);
        prop_assert_eq!(a.set_aside.len(), b.set_aside.len());
        let counted = a.tally.papers_counted() + a.set_aside.len() as u64;
        prop_assert_eq!(counted, papers.len() as u64);
        prop_assert_eq!(a.tally.valid_papers(), a.tally.votes().iter().sum::<u64>());
    }
}

/// North's papers of [`north_papers`] as a ballot-paper file: the columns
/// the list contest's parties and individual candidate by id.
const NORTH_CSV: &str = "paper,official_mark,identifying_mark,A,B,C,IND
p1,Y,N,X,,,
p2,Y,N,X,,,
p3,Y,N,X,,,
p4,Y,N,X,,,
p5,Y,N,X,,,
p6,Y,N,,X,,
p7,Y,N,,X,,
p8,Y,N,,X,,
p9,Y,N,,,X,
p10,Y,N,,,X,
p11,Y,N,,,,X
p12,Y,N,,,,X
N-a,N,N,X,,,
N-c,Y,N,,X,,X
N-d,Y,Y,,,X,
N-e,Y,N,,,,
N-out,Y,N,X@outside,,,
N-tick,Y,N,,tick,,
N-one,Y,N,,,1,
N-twice,Y,N,,,,X+X
N-seq,Y,N,2,1,,
N-D1,Y,N,other,,,
";

/// `tally-papers --area`: a list area's ballot-paper file adjudicated and
/// counted into the area's batch, the same figures as the same papers
/// held in memory; `--area` required at a list contest and refused at any
/// other; `check` and `count` with `--papers --area` re-count it against
/// the log (the auditor's replay), or count it as a new batch.
#[test]
fn tally_papers_counts_a_list_areas_file() {
    let dir = scratch();
    let log = write(dir.path(), "r.jsonl", prefix().as_bytes());
    let papers = write(dir.path(), "north.csv", NORTH_CSV.as_bytes());
    let o = run(&[
        "tally-papers",
        &log,
        &papers,
        "--contest",
        "r",
        "--area",
        "north",
        "--batch",
        "NM-1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = std::fs::read_to_string(&log).unwrap();
    let last: Value = serde_json::from_str(written.lines().last().unwrap()).unwrap();
    let from_file = &last["event"]["paper_batch_counted"];
    assert_eq!(from_file["source"]["name"], "north.csv");

    let mut count = Count::open(prefix().as_bytes()).unwrap();
    let ro = count.actor("RO").unwrap();
    let memory: Value =
        serde_json::from_slice(&count.apply(&ro, north_batch()).unwrap().bytes).unwrap();
    let memory = &memory["event"]["paper_batch_counted"];
    for field in [
        "contest",
        "run",
        "counting_area",
        "batch",
        "valid_papers",
        "votes",
        "rejected",
        "saved",
        "set_aside",
    ] {
        assert_eq!(from_file[field], memory[field], "{field}");
    }
    // The same file again: its figures match, nothing added.
    let o = run(&[
        "tally-papers",
        &log,
        &papers,
        "--contest",
        "r",
        "--area",
        "north",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("figures match"), "{}", stdout(&o));
    assert_eq!(std::fs::read_to_string(&log).unwrap(), written);

    // No --area at a list contest (the log's only contest); --area at a
    // contest that is not one: usage, nothing written.
    for args in [
        vec!["tally-papers", &log, &papers],
        vec!["tally-papers", &log, &papers, "--contest", "r"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("--area"), "{}", stderr(&o));
    }
    let ward = write(
        dir.path(),
        "ward.jsonl",
        &std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/westbury.jsonl"),
        )
        .unwrap(),
    );
    let o = run(&["tally-papers", &ward, &papers, "--area", "north"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--area is for a list contest"),
        "{}",
        stderr(&o)
    );
    // The auditor's replay: `check` and `count` re-count the file against
    // the area's batch the log records; a file it does not record is a
    // problem; without --area, refused (usage).
    let o = run(&["check", &log, "--papers", &papers, "--area", "north"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "count",
        &log,
        "--papers",
        &papers,
        "--contest",
        "r",
        "--area",
        "north",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let other = write(
        dir.path(),
        "other.csv",
        b"paper,official_mark,identifying_mark,A,B,C,IND\n1,Y,N,X,,,\n",
    );
    let o = run(&["check", &log, "--papers", &other, "--area", "north"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("area north"), "{}", stderr(&o));
    let o = run(&["check", &log, "--papers", &other, "--area", "south"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = run(&["count", &log, "--papers", &papers]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("r is a list contest"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--area"), "{}", stderr(&o));
    let bundles = write(dir.path(), "b.csv", b"x\n");
    let o = run(&[
        "count",
        &log,
        "--bundles",
        &bundles,
        "--papers",
        &papers,
        "--area",
        "north",
    ]);
    // A bundle CSV is read for the area too (tests/list_bundles.rs): this
    // one has none of its columns.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("b.csv:1: missing column \"run (as column 1)\""),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&log).unwrap(), written);

    // `count --as-new-batch` counts the file into the area's current run
    // (a fresh log): north's votes as the batch gives them.
    let fresh = write(dir.path(), "fresh.jsonl", prefix().as_bytes());
    let o = run(&[
        "count",
        &fresh,
        "--papers",
        &papers,
        "--area",
        "north",
        "--as-new-batch",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let north = &v["list_contests"][0]["areas"][0]["count"];
    assert_eq!(north["votes"], json!([6, 5, 3, 3]));
    assert_eq!(north["papers_counted"], 21);
}

/// A bad file: a column naming no party, a party without a column, a mark
/// that does not read: every problem named by line and field, nothing
/// written; the Senedd's closed lists (heads not read) refused by name.
#[test]
fn tally_papers_refuses_a_bad_list_file_with_every_problem() {
    let dir = scratch();
    let log = write(dir.path(), "r.jsonl", prefix().as_bytes());
    let bad = write(
        dir.path(),
        "bad.csv",
        b"paper,official_mark,identifying_mark,A,B,Z,IND\n1,Y,N,X,,,\n",
    );
    let o = run(&[
        "tally-papers",
        &log,
        &bad,
        "--contest",
        "r",
        "--area",
        "north",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains('Z') && err.contains("C"), "{err}");
    let mark = write(
        dir.path(),
        "mark.csv",
        b"paper,official_mark,identifying_mark,A,B,C,IND\n1,Y,N,X,,,\n2,Y,N,,blot,,\n3,Y,N,,,,squiggle\n",
    );
    let o = run(&[
        "tally-papers",
        &log,
        &mark,
        "--contest",
        "r",
        "--area",
        "north",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("blot") && err.contains("squiggle"), "{err}");
    assert_eq!(std::fs::read(&log).unwrap(), prefix().as_bytes());

    let senedd = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/data/senedd-cwm-valleys.jsonl"),
    )
    .unwrap();
    let lines: Vec<&[u8]> = senedd.split_inclusive(|&b| b == b'\n').collect();
    let slog = write(dir.path(), "cwm.jsonl", &lines[..8].concat());
    let csv = write(
        dir.path(),
        "cwm.csv",
        b"paper,official_mark,identifying_mark,LAB,PC,REF,CON,LD,GRN,IND-MORGAN\n1,Y,N,X,,,,,,\n",
    );
    let o = run(&[
        "tally-papers",
        &slog,
        &csv,
        "--contest",
        "cwm-valleys",
        "--area",
        "cwm-south",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("senedd-closed-list-2026") && err.contains("were not read"),
        "{err}"
    );
}

/// `in_area` on a batch of a contest that is not a list contest: refused,
/// never written without its area (Westbury, first past the post).
#[test]
fn an_area_on_a_candidate_contests_batch_is_refused() {
    let log = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/westbury.jsonl"),
    )
    .unwrap();
    let lines: Vec<&[u8]> = log.split_inclusive(|&b| b == b'\n').collect();
    let mut count = Count::open(&lines[..4].concat()).unwrap();
    let by = count
        .actor("Acting Returning Officer (Sam Okafor)")
        .unwrap();
    let mut papers = BallotPapers::new();
    papers.crosses(&[0]).unwrap();
    let batch = PaperBatch::new(
        ContestId::new("westbury").unwrap(),
        BundleId::new("B9").unwrap(),
        papers,
    );
    let e = count
        .apply(
            &by,
            Command::PaperBatch(batch.clone().in_area(area("north"))),
        )
        .unwrap_err();
    assert!(e.to_string().contains("not a list contest"), "{e}");
    // Without it, the same batch is counted.
    count.apply(&by, Command::PaperBatch(batch)).unwrap();
}
