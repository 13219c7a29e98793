//! The auditor's replay: a ballot-paper batch or a bundle re-counted from
//! its file, compared figure by figure with the entry the log records.
//!
//! ```
//! use countroom_io::audit::{compare_bundle, Difference, Figure};
//! use countroom_log::{BundleCounted, CandidateVotes};
//! let bundle = |a, b| {
//!     let votes = vec![
//!         CandidateVotes::new("A", a),
//!         CandidateVotes::new("B", b),
//!     ];
//!     BundleCounted::new("ward", 1, "B1", votes).papers(Some(100))
//! };
//! let differences = compare_bundle(&bundle(60, 40), &bundle(59, 41));
//! assert_eq!(
//!     differences,
//!     vec![
//!         Difference::Figure { figure: Figure::Votes("A".into()), logged: 60, file: 59 },
//!         Difference::Figure { figure: Figure::Votes("B".into()), logged: 40, file: 41 },
//!     ]
//! );
//! assert_eq!(differences[0].to_string(), "votes for A: the log records 60, the file gives 59");
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use countroom_log::{BundleCounted, CandidateVotes, HeadPapers, PaperBatchCounted};

/// A figure of a batch or bundle.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Figure {
    /// Valid papers (papers rejected in part included).
    ValidPapers,
    /// Votes for a candidate (by id).
    Votes(String),
    /// Papers rejected under a head (by code).
    Rejected(String),
    /// Papers rejected in part.
    RejectedInPart,
    /// Papers valid only under the saving clause, for a reason (by code).
    Saved(String),
    /// Supplementary vote: papers with first preference `first` and second
    /// preference `second` (a candidate id, or `unmarked` or `void`).
    SecondPreference {
        /// The first-preference candidate.
        first: String,
        /// The second preference.
        second: String,
    },
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::ValidPapers => f.write_str("valid papers"),
            Figure::Votes(c) => write!(f, "votes for {c}"),
            Figure::Rejected(h) => write!(f, "papers rejected under {h}"),
            Figure::RejectedInPart => f.write_str("papers rejected in part"),
            Figure::Saved(r) => write!(f, "papers valid under the saving clause ({r})"),
            Figure::SecondPreference { first, second } => match second.as_str() {
                "unmarked" | "void" => {
                    write!(f, "papers for {first} with the second preference {second}")
                }
                _ => write!(
                    f,
                    "papers for {first} with the second preference for {second}"
                ),
            },
        }
    }
}

/// How a batch or bundle re-counted from its file differs from the entry
/// the log records.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Difference {
    /// The file is not the one the log records.
    Sha256 {
        /// The SHA-256 the log records.
        logged: String,
        /// The file's.
        file: String,
    },
    /// A figure differs.
    Figure {
        /// Which.
        figure: Figure,
        /// As the log records it.
        logged: u64,
        /// As the file gives it.
        file: u64,
    },
    /// The log records a paper set aside that the file does not set aside.
    SetAsideInLogOnly {
        /// The paper's reference.
        paper: String,
    },
    /// The file sets aside a paper the log does not record as set aside.
    SetAsideInFileOnly {
        /// The paper's reference.
        paper: String,
    },
    /// Single transferable vote: a sequence of preferences is on a
    /// different number of papers (0: not in the batch).
    Preferences {
        /// The candidates in order of preference, joined by ` > `.
        order: String,
        /// Its papers as the log records them (summed exactly).
        logged: u128,
        /// Its papers as the file gives them (summed exactly).
        file: u128,
    },
    /// A paper is set aside for a different reason.
    SetAsideReason {
        /// The paper's reference.
        paper: String,
        /// The reason the log records.
        logged: Option<String>,
        /// The file's.
        file: Option<String>,
    },
}

impl Difference {
    /// Every stable code [`Difference::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "sha256",
        "figure",
        "set_aside_in_log_only",
        "set_aside_in_file_only",
        "preferences",
        "set_aside_reason",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Difference::Sha256 { .. } => "sha256",
            Difference::Figure { .. } => "figure",
            Difference::SetAsideInLogOnly { .. } => "set_aside_in_log_only",
            Difference::SetAsideInFileOnly { .. } => "set_aside_in_file_only",
            Difference::Preferences { .. } => "preferences",
            Difference::SetAsideReason { .. } => "set_aside_reason",
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = |r: &Option<String>| r.clone().unwrap_or_else(|| "no reason".to_owned());
        match self {
            Difference::Sha256 { logged, file } => {
                write!(f, "the file's SHA-256 is {file}, the log records {logged}")
            }
            Difference::Figure {
                figure,
                logged,
                file,
            } => write!(
                f,
                "{figure}: the log records {logged}, the file gives {file}"
            ),
            Difference::Preferences {
                order,
                logged,
                file,
            } => write!(
                f,
                "papers with the preferences {order}: the log records {logged}, the file gives {file}"
            ),
            Difference::SetAsideInLogOnly { paper } => write!(
                f,
                "paper {paper} is set aside in the log but not by the file"
            ),
            Difference::SetAsideInFileOnly { paper } => write!(
                f,
                "paper {paper} is set aside by the file but not in the log"
            ),
            Difference::SetAsideReason {
                paper,
                logged,
                file,
            } => write!(
                f,
                "paper {paper} is set aside for {} in the log, for {} by the file",
                reason(logged),
                reason(file)
            ),
        }
    }
}

fn votes_map(votes: &[CandidateVotes]) -> BTreeMap<&str, u64> {
    let mut map = BTreeMap::new();
    for v in votes {
        map.insert(v.candidate.as_str(), v.votes);
    }
    map
}

fn saved(b: &PaperBatchCounted) -> BTreeMap<&str, u64> {
    b.saved
        .iter()
        .map(|s| (s.reason.as_str(), s.papers))
        .collect()
}

fn heads_map(heads: &[HeadPapers]) -> BTreeMap<&str, u64> {
    let mut map = BTreeMap::new();
    for h in heads {
        map.insert(h.head.as_str(), h.papers);
    }
    map
}

/// Each key of either map whose figures differ (a key missing from one is
/// 0 there), in the order of `order` (the file's entry's order, then the
/// logged entry's) and then of the keys.
fn differ(
    logged: &BTreeMap<&str, u64>,
    file: &BTreeMap<&str, u64>,
    order: &[&str],
    figure: impl Fn(&str) -> Figure,
    out: &mut Vec<Difference>,
) {
    let mut keys: Vec<&str> = Vec::new();
    for key in order {
        if !keys.contains(key) {
            keys.push(key);
        }
    }
    let listed: BTreeSet<&str> = order.iter().copied().collect();
    keys.extend(
        logged
            .keys()
            .chain(file.keys())
            .copied()
            .filter(|k| !listed.contains(k))
            .collect::<BTreeSet<_>>(),
    );
    for key in keys {
        let l = logged.get(key).copied().unwrap_or(0);
        let x = file.get(key).copied().unwrap_or(0);
        if l != x {
            out.push(Difference::Figure {
                figure: figure(key),
                logged: l,
                file: x,
            });
        }
    }
}

/// The differences between the batch the log records (`logged`) and the
/// batch re-counted from a file (`file`, e.g. from
/// [`crate::papers::batch_event`]): the file's SHA-256, valid papers, each
/// candidate's votes (in the order the file's entry lists them), each head
/// of rejected papers, papers rejected in part, second preferences, and the
/// papers set aside. The contest, run and batch id are not compared (the
/// caller chose the logged batch by them).
#[must_use]
pub fn compare_batch(logged: &PaperBatchCounted, file: &PaperBatchCounted) -> Vec<Difference> {
    let mut out = Vec::new();
    if let (Some(l), Some(x)) = (&logged.source, &file.source) {
        if l.sha256 != x.sha256 {
            out.push(Difference::Sha256 {
                logged: l.sha256.clone(),
                file: x.sha256.clone(),
            });
        }
    }
    if logged.valid_papers != file.valid_papers {
        out.push(Difference::Figure {
            figure: Figure::ValidPapers,
            logged: logged.valid_papers,
            file: file.valid_papers,
        });
    }
    let candidates: Vec<&str> = file
        .votes
        .iter()
        .chain(&logged.votes)
        .map(|v| v.candidate.as_str())
        .collect();
    differ(
        &votes_map(&logged.votes),
        &votes_map(&file.votes),
        &candidates,
        |c| Figure::Votes(c.to_owned()),
        &mut out,
    );
    let heads: Vec<&str> = file
        .rejected
        .iter()
        .chain(&logged.rejected)
        .map(|h| h.head.as_str())
        .collect();
    differ(
        &heads_map(&logged.rejected),
        &heads_map(&file.rejected),
        &heads,
        |h| Figure::Rejected(h.to_owned()),
        &mut out,
    );
    if logged.rejected_in_part != file.rejected_in_part {
        out.push(Difference::Figure {
            figure: Figure::RejectedInPart,
            logged: logged.rejected_in_part,
            file: file.rejected_in_part,
        });
    }
    // Single transferable vote: every sequence of preferences with its
    // papers.
    // Summed exactly (128 bits: fewer than 2^64 lines of at most u64::MAX
    // each), so a file and a log that differ only past the largest count
    // still differ.
    let lines = |b: &PaperBatchCounted| -> BTreeMap<String, u128> {
        let mut map = BTreeMap::new();
        for line in &b.preferences {
            let slot = map
                .entry(line.order.iter().collect::<Vec<_>>().join(" > "))
                .or_insert(0u128);
            *slot += u128::from(line.weight);
        }
        map
    };
    let (lp, xp) = (lines(logged), lines(file));
    for order in lp.keys().chain(xp.keys()).collect::<BTreeSet<_>>() {
        let l = lp.get(order).copied().unwrap_or(0);
        let x = xp.get(order).copied().unwrap_or(0);
        if l != x {
            out.push(Difference::Preferences {
                order: order.clone(),
                logged: l,
                file: x,
            });
        }
    }
    // Papers valid under the saving clause, when the log records them (a
    // batch logged before they were recorded has none, and they are not
    // compared).
    if !logged.saved.is_empty() {
        differ(
            &saved(logged),
            &saved(file),
            &[],
            |r| Figure::Saved(r.to_owned()),
            &mut out,
        );
    }
    let second = |b: &PaperBatchCounted| {
        let mut map: BTreeMap<(String, String), u64> = BTreeMap::new();
        for row in &b.second_preferences {
            for v in &row.votes {
                map.insert((row.first.clone(), v.candidate.clone()), v.votes);
            }
            map.insert((row.first.clone(), "unmarked".to_owned()), row.unmarked);
            map.insert((row.first.clone(), "void".to_owned()), row.void);
        }
        map
    };
    let (l2, x2) = (second(logged), second(file));
    let keys: BTreeSet<&(String, String)> = l2.keys().chain(x2.keys()).collect();
    for key in keys {
        let l = l2.get(key).copied().unwrap_or(0);
        let x = x2.get(key).copied().unwrap_or(0);
        if l != x {
            out.push(Difference::Figure {
                figure: Figure::SecondPreference {
                    first: key.0.clone(),
                    second: key.1.clone(),
                },
                logged: l,
                file: x,
            });
        }
    }
    let aside = |b: &PaperBatchCounted| -> BTreeMap<String, Option<String>> {
        b.set_aside
            .iter()
            .map(|p| (p.paper.clone(), p.reason.clone()))
            .collect()
    };
    let (la, xa) = (aside(logged), aside(file));
    for (paper, reason) in &la {
        match xa.get(paper) {
            None => out.push(Difference::SetAsideInLogOnly {
                paper: paper.clone(),
            }),
            Some(r) if r != reason => out.push(Difference::SetAsideReason {
                paper: paper.clone(),
                logged: reason.clone(),
                file: r.clone(),
            }),
            Some(_) => {}
        }
    }
    for paper in xa.keys().filter(|p| !la.contains_key(*p)) {
        out.push(Difference::SetAsideInFileOnly {
            paper: paper.clone(),
        });
    }
    out
}

/// The differences between the bundle the log records and the same bundle
/// read from a bundles file: valid papers (at a single-seat poll a missing
/// figure is the sum of the votes) and each candidate's votes.
#[must_use]
pub fn compare_bundle(logged: &BundleCounted, file: &BundleCounted) -> Vec<Difference> {
    let mut out = Vec::new();
    let papers = |b: &BundleCounted| {
        b.papers
            .or_else(|| b.votes.iter().try_fold(0u64, |a, v| a.checked_add(v.votes)))
    };
    if let (Some(l), Some(x)) = (papers(logged), papers(file)) {
        if l != x {
            out.push(Difference::Figure {
                figure: Figure::ValidPapers,
                logged: l,
                file: x,
            });
        }
    }
    let candidates: Vec<&str> = file
        .votes
        .iter()
        .chain(&logged.votes)
        .map(|v| v.candidate.as_str())
        .collect();
    differ(
        &votes_map(&logged.votes),
        &votes_map(&file.votes),
        &candidates,
        |c| Figure::Votes(c.to_owned()),
        &mut out,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use countroom_log::{BatchSource, SavedPapers, SecondPreferences, SetAsidePaper};

    fn cv(candidate: &str, votes: u64) -> CandidateVotes {
        CandidateVotes::new(candidate, votes)
    }

    fn batch() -> PaperBatchCounted {
        PaperBatchCounted::new(
            "westbury",
            1,
            "b1",
            56,
            vec![cv("ALLEN", 27), cv("BAKER", 21), cv("COLE", 8)],
            vec![
                HeadPapers::new("no_official_mark", 1),
                HeadPapers::new("too_many_votes", 1),
            ],
        )
        .source(Some(BatchSource::new("papers.csv", "aa")))
        .saved(vec![SavedPapers::new("tick", 2)])
        .set_aside(vec![
            SetAsidePaper::new("P7").reason(Some("other_mark".into()))
        ])
        .preferences(countroom_log::Preferences::new())
    }

    /// Preference lines are summed exactly: a log recording the same order
    /// twice (2^64 − 1 and 1 papers, 2^64 in all) differs from a file
    /// giving 2^64 − 1, where a saturated sum would have found them equal.
    #[test]
    fn preference_sums_past_the_largest_count_are_exact() {
        let line =
            |weight| countroom_log::PreferenceLine::new(weight, vec!["ALLEN", "BAKER"].into());
        let mut logged = batch();
        logged.preferences = vec![line(u64::MAX), line(1)].into();
        let mut file = batch();
        file.preferences = vec![line(u64::MAX)].into();
        let d = compare_batch(&logged, &file);
        assert_eq!(
            d,
            vec![Difference::Preferences {
                order: "ALLEN > BAKER".into(),
                logged: 18_446_744_073_709_551_616,
                file: 18_446_744_073_709_551_615,
            }]
        );
    }

    #[test]
    fn identical_batches_have_no_differences() {
        assert_eq!(compare_batch(&batch(), &batch()), vec![]);
    }

    /// One vote moved from ALLEN to BAKER in a file with another hash: the
    /// hash and the two candidates' figures, nothing else.
    #[test]
    fn a_moved_vote_names_both_candidates() {
        let mut file = batch();
        file.votes = vec![cv("ALLEN", 26), cv("BAKER", 22), cv("COLE", 8)];
        file.source = Some(BatchSource::new("papers.csv", "bb"));
        let d = compare_batch(&batch(), &file);
        assert_eq!(
            d,
            vec![
                Difference::Sha256 {
                    logged: "aa".into(),
                    file: "bb".into()
                },
                Difference::Figure {
                    figure: Figure::Votes("ALLEN".into()),
                    logged: 27,
                    file: 26
                },
                Difference::Figure {
                    figure: Figure::Votes("BAKER".into()),
                    logged: 21,
                    file: 22
                },
            ]
        );
        assert_eq!(
            d[0].to_string(),
            "the file's SHA-256 is bb, the log records aa"
        );
        assert_eq!(
            d[2].to_string(),
            "votes for BAKER: the log records 21, the file gives 22"
        );
    }

    /// A paper moved from head (b) to valid, a head listed in one entry only
    /// (0 in the other), rejected in part, set-aside papers and second
    /// preferences: each figure is named.
    #[test]
    fn every_figure_is_compared() {
        let mut file = batch();
        file.valid_papers = 57;
        file.votes = vec![cv("ALLEN", 28), cv("BAKER", 21), cv("COLE", 8)];
        file.rejected = vec![
            HeadPapers::new("no_official_mark", 1),
            HeadPapers::new("unmarked_or_void", 2),
        ];
        file.rejected_in_part = 1;
        file.set_aside = vec![SetAsidePaper::new("P7"), SetAsidePaper::new("P9")];
        file.second_preferences = vec![SecondPreferences::new("ALLEN")
            .votes(vec![cv("BAKER", 3)])
            .unmarked(25)];
        let text: Vec<String> = compare_batch(&batch(), &file)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            text,
            vec![
                "valid papers: the log records 56, the file gives 57",
                "votes for ALLEN: the log records 27, the file gives 28",
                "papers rejected under unmarked_or_void: the log records 0, the file gives 2",
                "papers rejected under too_many_votes: the log records 1, the file gives 0",
                "papers rejected in part: the log records 0, the file gives 1",
                "papers for ALLEN with the second preference for BAKER: the log records 0, the file gives 3",
                "papers for ALLEN with the second preference unmarked: the log records 0, the file gives 25",
                "paper P7 is set aside for other_mark in the log, for no reason by the file",
                "paper P9 is set aside by the file but not in the log",
            ]
        );
    }

    #[test]
    fn bundles_compare_papers_and_votes() {
        let bundle = |papers, a, b| {
            BundleCounted::new("ward", 1, "B1", vec![cv("A", a), cv("B", b)]).papers(papers)
        };
        assert_eq!(
            compare_bundle(&bundle(None, 60, 40), &bundle(Some(100), 60, 40)),
            vec![]
        );
        assert_eq!(
            compare_bundle(&bundle(None, 60, 40), &bundle(Some(101), 60, 41)),
            vec![
                Difference::Figure {
                    figure: Figure::ValidPapers,
                    logged: 100,
                    file: 101
                },
                Difference::Figure {
                    figure: Figure::Votes("B".into()),
                    logged: 40,
                    file: 41
                },
            ]
        );
    }

    #[test]
    fn saved_papers_are_compared_by_reason_when_the_log_records_them() {
        let logged = batch();
        let mut file = batch();
        file.saved[0].papers = 3;
        assert_eq!(
            compare_batch(&logged, &file),
            vec![Difference::Figure {
                figure: Figure::Saved("tick".into()),
                logged: 2,
                file: 3,
            }]
        );
        // A batch logged before saved papers were recorded: not compared.
        let mut old = batch();
        old.saved.clear();
        assert!(compare_batch(&old, &file).is_empty());
    }
}
