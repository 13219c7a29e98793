//! STV counted from ballot papers: the shipped synthetic ward's papers
//! (examples/data/stv-ward-papers.csv) through the binary, with its
//! decisions, golden outputs and bad input; properties of adjudication
//! (every paper counted once; the same count as the BLT of the valid
//! prefixes).

use countroom::adjudicate::{Adjudicator, BallotPaper, Mark, MarkKind, Placement};
use countroom::model::RulesetId;
use countroom::rules::ruleset;
use countroom::stv::{self, blt, Candidate, LotSource, PaperRef, StvRules};
use proptest::prelude::*;

use crate::support::{example, golden, run, scratch, stderr, stdout, write};

fn ward_args<'a>(papers: &'a str, decisions: &'a str, format: &'a str) -> Vec<&'a str> {
    vec![
        "stv",
        "--rules",
        "scotland",
        "--papers",
        papers,
        "--seats",
        "3",
        "--title",
        "Example Ward (synthetic papers)",
        "--decisions",
        decisions,
        "--format",
        format,
        // The poll date of the same ward's count log
        // (examples/data/stv-ward.jsonl): the sheet names the instrument.
        "--date",
        "2027-05-06",
    ]
}

/// The shipped ward of 120 papers, worked by hand (SLGEO 2011 Sch 1):
/// rejected under r.44(1): P017 (a) no official mark, P029 (b) no figure 1,
/// P041 (c) the figure 1 twice, P053 (d) identifying mark, P065 (e)
/// unmarked; P115 (an other mark, doubtful) decided rejected under (e):
/// 6 rejected. P077 (2 twice), P088 (3 twice) and P099 (3 missing) are
/// partially accepted; P104's 2 is outside the box (r.44(2)); P110 (a
/// cross) is decided valid for MACLEOD. Valid 114; quota floor(114/4)+1
/// = 29 (r.47). FRASER's 54 first preferences elect her (r.48); her surplus
/// of 25 at floor(25/54) = 0.46296 (r.49) gives BROWN 24 papers ×
/// 0.46296 = 11.11104, DUNCAN 17 → 7.87032, ROSS 12 → 5.55552; P077's
/// paper stops at its break (non-transferable 0.46296) and 25 − 54 ×
/// 0.46296 = 0.00016 is lost to truncation.
#[test]
fn cli_ward_papers_golden() {
    let papers = example("stv-ward-papers.csv");
    let decisions = example("stv-ward-papers.decisions.csv");
    let (p, d) = (papers.to_str().unwrap(), decisions.to_str().unwrap());
    for (format, ext) in [("text", "txt"), ("json", "json")] {
        let o = run(&ward_args(p, d, format));
        assert!(o.status.success(), "{}", stderr(&o));
        golden(&format!("stv-ward-papers.{ext}"), &o.stdout);
    }
    // CSV: the tidy stage sheet on standard output, the statement of
    // rejected papers in a file of its own (one table per file).
    let dir = scratch();
    let rejected = dir.path().join("rejected.csv");
    let rejected = rejected.to_str().unwrap();
    let mut args = ward_args(p, d, "csv");
    let o = run(&args);
    assert_eq!(
        o.status.code(),
        Some(2),
        "--rejected-out is needed with csv"
    );
    assert!(stderr(&o).contains("--rejected-out"), "{}", stderr(&o));
    args.extend(["--rejected-out", rejected]);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    golden("stv-ward-papers.csv", &o.stdout);
    golden(
        "stv-ward-papers-rejected.csv",
        &std::fs::read(rejected).unwrap(),
    );
    let o = run(&ward_args(p, d, "json"));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["valid_papers"], 114);
    assert_eq!(json["quota"], "29.00000");
    assert_eq!(
        json["stages"][0]["totals"],
        serde_json::json!(["14.00000", "17.00000", "54.00000", "25.00000", "2.00000", "2.00000"])
    );
    assert_eq!(json["stages"][1]["totals"][0], "25.11104");
    assert_eq!(json["stages"][1]["transfers"][1], "7.87032");
    assert_eq!(json["stages"][1]["transfers"][4], "5.55552");
    assert_eq!(json["stages"][1]["non_transferable"], "0.46296");
    assert_eq!(json["stages"][1]["rounding_loss"], "0.00016");
    assert_eq!(
        json["papers"],
        serde_json::json!({"read": 120, "valid": 114, "partially_accepted": 3, "saved": 1, "rejected": 6})
    );
    let heads: Vec<(String, u64)> = json["rejected"]["heads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["letter"].as_str().unwrap().to_owned(),
                h["papers"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = [("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 2)]
        .iter()
        .map(|&(l, n)| (l.to_owned(), n))
        .collect();
    assert_eq!(heads, expected);
    assert_eq!(
        json["doubtful"][0],
        serde_json::json!({"paper": "P110", "line": 111, "reason": "not_a_figure", "decision": {"valid": [4]}})
    );
    let text = String::from_utf8(run(&ward_args(p, d, "text")).stdout).unwrap();
    assert!(text.contains(
        "(b) the figure 1 not marked so as to indicate a first preference for any candidate"
    ));
}

/// The BLT path's output is unchanged by the papers path (its golden files
/// are pinned in `stv::cli_example_ward_golden`); without decisions the
/// count is refused and the doubtful papers named.
#[test]
fn cli_papers_need_decisions() {
    let papers = example("stv-ward-papers.csv");
    let o = run(&[
        "stv",
        "--rules",
        "scotland",
        "--papers",
        papers.to_str().unwrap(),
        "--seats",
        "3",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("2 doubtful paper(s) need the returning officer's decision before the count: P110 (line 111, not_a_figure), P115 (line 116, not_a_figure)"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn cli_papers_bad_input() {
    let dir = scratch();
    let bad = write(
        dir.path(),
        "bad.csv",
        b"paper,official_mark,identifying_mark,A,B,C\np1,Y,N,1,2,\np2,Y,N,1,two,\np1,Y,N,,1,\np3,maybe,N,1,,\n",
    );
    let o = run(&["stv", "--rules", "ni", "--papers", &bad, "--seats", "1"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bad.csv:3: field `B`: \"two\" is not a mark"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:4: field `paper`: paper reference \"p1\" is already used on line 2"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:5: field `official_mark`: \"maybe\" is not Y or N"),
        "{err}"
    );
    // A decision file with problems, and decisions that do not fit.
    let ok = write(
        dir.path(),
        "ok.csv",
        b"paper,official_mark,identifying_mark,A,B,C\np1,Y,N,1,2,\np2,Y,N,X,,\np3,Y,N,,1,\n",
    );
    let dec = write(
        dir.path(),
        "d.csv",
        b"paper,decision,preferences,head\np2,valid,9,\n",
    );
    let o = run(&[
        "stv",
        "--rules",
        "ni",
        "--papers",
        &ok,
        "--seats",
        "1",
        "--decisions",
        &dec,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("d.csv:2: field `preferences`: \"9\" is not candidate numbers 1..=3"),
        "{}",
        stderr(&o)
    );
    let dec = write(
        dir.path(),
        "d2.csv",
        b"paper,decision,preferences,head\np1,valid,1,\np2,rejected,,unmarked\n",
    );
    let o = run(&[
        "stv",
        "--rules",
        "ni",
        "--papers",
        &ok,
        "--seats",
        "1",
        "--decisions",
        &dec,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("d2.csv:2: paper \"p1\" was not set aside as doubtful"),
        "{err}"
    );
    assert!(
        err.contains(
            "d2.csv:3: paper \"p2\": head unmarked is not on the statement under ni-stv-1962"
        ),
        "{err}"
    );
    // NI: decided valid for B; quota floor(3/2)+1 = 2 (Sch 5 r.47); B elected.
    let dec = write(
        dir.path(),
        "d3.csv",
        b"paper,decision,preferences,head\np2,valid,2,\n",
    );
    let o = run(&[
        "stv",
        "--rules",
        "ni",
        "--papers",
        &ok,
        "--seats",
        "1",
        "--decisions",
        &dec,
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["quota"], "2.00");
    assert_eq!(json["elected"][0]["candidate"], 2);
    assert_eq!(json["title"], "ok.csv");
    assert_eq!(
        json["rejected"]["heads"][0]["label"],
        "does not bear the official mark"
    );
    // Exactly one of a BLT file and --papers; --papers needs --seats.
    let blt = example("stv-ward.blt");
    let o = run(&[
        "stv",
        "--rules",
        "scotland",
        blt.to_str().unwrap(),
        "--papers",
        &ok,
        "--seats",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["stv", "--rules", "scotland", "--papers", &ok]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["stv", "--rules", "scotland"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "stv",
        "--rules",
        "scotland",
        blt.to_str().unwrap(),
        "--seats",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// One generated paper: flags and, per candidate, an optional figure (any
/// of 1..=n+1, so sequences break and repeat) or a cross or other mark.
fn paper(n: usize) -> impl Strategy<Value = BallotPaper> {
    let cell = prop_oneof![
        6 => Just(None),
        8 => (1u32..=(n as u32 + 1)).prop_map(|f| Some(MarkKind::Figure(f))),
        1 => Just(Some(MarkKind::Cross)),
        1 => Just(Some(MarkKind::Other)),
    ];
    (
        proptest::bool::weighted(0.95),
        proptest::bool::weighted(0.05),
        proptest::collection::vec((cell, proptest::bool::weighted(0.05)), n),
    )
        .prop_map(|(official_mark, identifying_mark, cells)| BallotPaper {
            official_mark,
            identifying_mark,
            marks: cells
                .into_iter()
                .enumerate()
                .filter_map(|(c, (k, outside))| {
                    k.map(|k| {
                        let m = Mark::cross(c).kind(k);
                        if outside {
                            m.at(Placement::Outside)
                        } else {
                            m
                        }
                    })
                })
                .collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every paper read is valid, rejected under one head or doubtful and
    /// undecided; with every doubtful paper decided (alternately valid for
    /// its first marked candidate and rejected under (e)), valid + rejected
    /// = read; and the count of the papers equals the count of the BLT file
    /// of the same valid prefixes, one line per paper in file order.
    #[test]
    fn papers_conserved_and_count_as_their_blt(
        papers in proptest::collection::vec(paper(5), 20..120),
        scotland in any::<bool>(),
    ) {
        let (id, rules) = if scotland {
            (RulesetId::ScotlandStv2011, StvRules::Scotland)
        } else {
            (RulesetId::NorthernIrelandStv1962, StvRules::NorthernIreland)
        };
        let adj = Adjudicator::new(ruleset(id), 5, 2).unwrap();
        let refs: Vec<String> = (0..papers.len()).map(|i| format!("p{i}")).collect();
        let input = || papers.iter().zip(&refs).enumerate().map(|(i, (p, r))| PaperRef {
            reference: r,
            line: i as u64 + 2,
            paper: p,
        });
        let undecided = stv::adjudicate(&adj, input(), &[]).unwrap();
        let read = papers.len() as u64;
        prop_assert_eq!(undecided.papers_read, read);
        prop_assert_eq!(
            undecided.valid + undecided.rejected_total() + undecided.undecided().len() as u64,
            read
        );
        let decisions: Vec<stv::Decision> = undecided
            .doubtful
            .iter()
            .enumerate()
            .map(|(k, d)| stv::Decision {
                paper: d.reference.clone(),
                ruling: if k % 2 == 0 {
                    let i: usize = d.reference[1..].parse().unwrap();
                    let first = papers[i].marks.iter().map(|m| m.candidate).min().unwrap_or(0);
                    stv::Ruling::Valid(vec![first])
                } else {
                    stv::Ruling::Rejected(countroom::rules::RejectionHead::UnmarkedOrVoid)
                },
                line: k as u64 + 2,
            })
            .collect();
        let decided = stv::adjudicate(&adj, input(), &decisions).unwrap();
        let decided_valid = decisions.iter().filter(|d| matches!(d.ruling, stv::Ruling::Valid(_))).count() as u64;
        prop_assert_eq!(decided.valid, undecided.valid + decided_valid);
        prop_assert_eq!(decided.valid + decided.rejected_total(), read);
        prop_assume!(decided.valid > 0);

        // The BLT of the valid prefixes, one line per paper.
        let mut text = String::from("5 2\n");
        for (i, p) in papers.iter().enumerate() {
            let order = match adj.adjudicate(p).unwrap() {
                countroom::adjudicate::Outcome::Preferences { order, .. } => order,
                _ => match decisions.iter().find(|d| d.paper == refs[i]).map(|d| &d.ruling) {
                    Some(stv::Ruling::Valid(prefs)) => prefs.clone(),
                    _ => continue,
                },
            };
            text.push('1');
            for c in order {
                text.push_str(&format!(" {}", c + 1));
            }
            text.push_str(" 0\n");
        }
        text.push_str("0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n\"E\"\n\"T\"\n");
        let from_blt = blt::read(text.as_bytes()).unwrap();
        let cands = ["A", "B", "C", "D", "E"].map(|c| Candidate::new(c.as_bytes())).to_vec();
        let from_papers = decided.election("T", cands, 2).unwrap();
        prop_assert_eq!(from_papers.valid_papers(), from_blt.valid_papers());
        let a = stv::count(rules, &from_papers, &mut LotSource::none().with_seed("s", "T"));
        let b = stv::count(rules, &from_blt, &mut LotSource::none().with_seed("s", "T"));
        prop_assert_eq!(a, b);
    }
}
