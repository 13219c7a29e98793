//! Counting from ballot papers: each paper adjudicated under the poll's STV
//! ruleset (Scottish Local Government Elections Order 2011, Sch 1 r.44;
//! Electoral Law Act (Northern Ireland) 1962, Sch 5 r.46 and r.50(4)), the
//! valid papers merged into weighted ballot lines, and the statement of
//! rejected ballot papers under the ruleset's heads.
//!
//! A BLT file holds valid papers only; a ballot-paper file holds every paper
//! counted, so here:
//!
//! - a valid paper counts for its valid prefix of preferences (the first
//!   preference and the preferences after it in an unbroken sequence);
//!   where the sequence breaks (a figure missing or given twice, a
//!   candidate given two figures, a mark that is not a figure) the paper is
//!   *partially accepted*: it counts, and its later preferences are not
//!   transferable. Such papers are counted apart
//!   ([`Adjudicated::partially_accepted`]).
//! - a void paper is counted under the first head of the ruleset's
//!   statement that covers a ground found on it.
//! - a doubtful paper (a cross or other mark where the figure 1 should be,
//!   a figure 1 across two names) is left to the Returning Officer: it is
//!   set aside and counted only as a [`Decision`] says. The engine never
//!   decides it: [`Adjudicated::election`] refuses while any is undecided.
//!
//! Identical valid prefixes are merged into one ballot line whose weight is
//! the number of papers, lines in ascending order of their preferences, so
//! the [`Election`] does not depend on the order of the papers.

use std::collections::{BTreeMap, BTreeSet};

use countroom_adjudicate::{Adjudicator, BallotPaper, Doubt, MarkError, Outcome};
use countroom_rules::{BallotForm, HeadSpec, RejectionHead, Ruleset};
use thiserror::Error;

use crate::ballots::{Ballot, Candidate, Election};
use crate::error::ElectionProblem;

/// One ballot paper as read from a file.
#[derive(Debug, Clone, Copy)]
pub struct PaperRef<'a> {
    /// The paper's reference (unique in the batch; never the ballot paper
    /// number).
    pub reference: &'a str,
    /// Its 1-based line in the file it was read from.
    pub line: u64,
    /// Its marks and flags.
    pub paper: &'a BallotPaper,
}

/// The Returning Officer's decision on a doubtful paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ruling {
    /// Allowed as valid, counting for these candidates (0-based, in order
    /// of preference, first preference first).
    Valid(Vec<usize>),
    /// Rejected, counted under this head of the ruleset's statement.
    Rejected(RejectionHead),
}

/// A decision on one doubtful paper, by reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The paper's reference.
    pub paper: String,
    /// What the Returning Officer decided.
    pub ruling: Ruling,
    /// The decision's 1-based line in its file (0 when not read from one).
    pub line: u64,
}

/// A doubtful paper and, once decided, the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DoubtfulPaper {
    /// The paper's reference.
    pub reference: String,
    /// Its line in the ballot-paper file.
    pub line: u64,
    /// Why it is left to the Returning Officer.
    pub doubt: Doubt,
    /// The decision, if made.
    pub ruling: Option<Ruling>,
}

/// One head of the statement of rejected ballot papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HeadCount {
    /// The head as the ruleset words it.
    pub spec: &'static HeadSpec,
    /// Papers rejected under it (decisions included).
    pub papers: u64,
}

/// A poll's ballot papers adjudicated: the valid papers as ballot lines,
/// the statement of rejected papers, and the doubtful papers.
///
/// Every paper read is in exactly one of: valid (with
/// [`Adjudicated::partially_accepted`] among them), rejected under one head,
/// or doubtful and undecided; a decided doubtful paper is valid or rejected
/// as decided.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Adjudicated {
    rules: &'static Ruleset,
    /// Papers read.
    pub papers_read: u64,
    /// Valid papers (partially accepted and decided ones included).
    pub valid: u64,
    /// Valid papers whose sequence of preferences broke: counted for their
    /// valid prefix only.
    pub partially_accepted: u64,
    /// Valid papers with a preference marked outside the box (the saving
    /// clause, SLGEO 2011 r.44(2); ELA(NI) 1962 Sch 5 r.46(1) proviso).
    pub saved: u64,
    /// Every head of the ruleset's statement, in statutory order, with the
    /// papers rejected under it (decided papers included).
    pub rejected: Vec<HeadCount>,
    /// The doubtful papers, in file order, with any decision.
    pub doubtful: Vec<DoubtfulPaper>,
    lines: BTreeMap<Vec<u16>, u64>,
    /// The rejected papers, every head together: counted with each
    /// rejection by a checked addition (an overflow is
    /// [`PapersProblem::TooManyPapers`]), never summed afterwards.
    rejected_total: u64,
}

impl Adjudicated {
    /// The ruleset the papers were adjudicated under.
    #[must_use]
    pub fn rules(&self) -> &'static Ruleset {
        self.rules
    }

    /// The rejected papers, every head together.
    #[must_use]
    pub fn rejected_total(&self) -> u64 {
        // Kept by a checked addition with each rejection (`add_rejected`):
        // an overflow refused the papers (PapersProblem::TooManyPapers).
        self.rejected_total
    }

    /// The doubtful papers still to be decided.
    #[must_use]
    pub fn undecided(&self) -> Vec<&DoubtfulPaper> {
        self.doubtful
            .iter()
            .filter(|d| d.ruling.is_none())
            .collect()
    }

    /// The valid papers as ballot lines: each distinct valid prefix once,
    /// weighted by its papers, in ascending order of the preferences.
    #[must_use]
    pub fn ballots(&self) -> Vec<Ballot> {
        self.lines
            .iter()
            .map(|(prefs, &weight)| Ballot {
                weight,
                prefs: prefs.clone(),
            })
            .collect()
    }

    /// The election of the valid papers, to count. Refused while any
    /// doubtful paper is undecided ([`PapersProblem::Undecided`], listing
    /// them), or when the election does not validate (e.g. seats not fewer
    /// than the candidates).
    pub fn election(
        &self,
        title: impl Into<Vec<u8>>,
        candidates: Vec<Candidate>,
        seats: usize,
    ) -> Result<Election, PapersErrors> {
        let undecided: Vec<(String, u64, Doubt)> = self
            .undecided()
            .iter()
            .map(|d| (d.reference.clone(), d.line, d.doubt))
            .collect();
        if !undecided.is_empty() {
            return Err(PapersErrors(vec![PapersProblem::Undecided {
                papers: undecided,
            }]));
        }
        Election::new(title, candidates, seats, BTreeSet::new(), self.ballots())
            .map_err(|e| PapersErrors(e.into_iter().map(PapersProblem::Election).collect()))
    }
}

/// A problem with the papers or the decisions.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PapersProblem {
    /// The ruleset is not counted by preferences.
    #[error("ruleset {rules} is not marked by preferences: its papers are not counted by STV")]
    NotPreferential {
        /// The ruleset's code.
        rules: &'static str,
    },
    /// A mark that does not fit the poll.
    #[error("line {line}: paper {reference:?}: {error}")]
    Mark {
        /// The paper's line.
        line: u64,
        /// Its reference.
        reference: String,
        /// What is wrong.
        error: MarkError,
    },
    /// Two papers with one reference: a decision could not say which.
    #[error("line {line}: paper reference {reference:?} is already used on line {first}")]
    DuplicateReference {
        /// The second paper's line.
        line: u64,
        /// The reference.
        reference: String,
        /// The first paper's line.
        first: u64,
    },
    /// A decision on a paper that was not set aside as doubtful.
    #[error("decision line {line}: paper {paper:?} was not set aside as doubtful")]
    NotDoubtful {
        /// The decision's line.
        line: u64,
        /// The reference.
        paper: String,
    },
    /// A second decision on one paper.
    #[error("decision line {line}: paper {paper:?} is already decided on line {first}")]
    DecidedTwice {
        /// The second decision's line.
        line: u64,
        /// The reference.
        paper: String,
        /// The first decision's line.
        first: u64,
    },
    /// A decision to reject under a head the ruleset does not have.
    #[error(
        "decision line {line}: paper {paper:?}: head {head} is not on the statement under {rules}"
    )]
    HeadNotInRuleset {
        /// The decision's line.
        line: u64,
        /// The reference.
        paper: String,
        /// The head.
        head: RejectionHead,
        /// The ruleset's code.
        rules: &'static str,
    },
    /// A decision to allow a paper with preferences that cannot be counted.
    #[error("decision line {line}: paper {paper:?}: {reason}")]
    BadPreferences {
        /// The decision's line.
        line: u64,
        /// The reference.
        paper: String,
        /// Why.
        reason: String,
    },
    /// Doubtful papers not decided.
    #[error("{} doubtful paper(s) need the returning officer's decision before the count: {}", .papers.len(), undecided_list(.papers))]
    Undecided {
        /// Each paper's reference, line and why it is doubtful.
        papers: Vec<(String, u64, Doubt)>,
    },
    /// The election of the valid papers does not validate.
    #[error("{0}")]
    Election(ElectionProblem),
    /// More papers than fit in 64 bits.
    #[error("the number of papers does not fit in 64 bits")]
    TooManyPapers,
}

impl PapersProblem {
    /// Every stable code [`PapersProblem::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "not_preferential",
        "mark",
        "duplicate_reference",
        "not_doubtful",
        "decided_twice",
        "head_not_in_ruleset",
        "bad_preferences",
        "undecided",
        "election",
        "too_many_papers",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            PapersProblem::NotPreferential { .. } => "not_preferential",
            PapersProblem::Mark { .. } => "mark",
            PapersProblem::DuplicateReference { .. } => "duplicate_reference",
            PapersProblem::NotDoubtful { .. } => "not_doubtful",
            PapersProblem::DecidedTwice { .. } => "decided_twice",
            PapersProblem::HeadNotInRuleset { .. } => "head_not_in_ruleset",
            PapersProblem::BadPreferences { .. } => "bad_preferences",
            PapersProblem::Undecided { .. } => "undecided",
            PapersProblem::Election(..) => "election",
            PapersProblem::TooManyPapers => "too_many_papers",
        }
    }
}

fn undecided_list(papers: &[(String, u64, Doubt)]) -> String {
    papers
        .iter()
        .map(|(r, l, d)| format!("{r} (line {l}, {})", d.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every problem found (at least one).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{} problem(s) with the ballot papers; first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
pub struct PapersErrors(pub Vec<PapersProblem>);

/// Adjudicates `papers` under `adjudicator` (an STV ruleset, its candidates
/// and seats) and applies `decisions` to the doubtful ones.
///
/// Problems, all listed: a ruleset not marked by preferences; a mark
/// against a candidate not on the paper; a reference used twice; a
/// decision on a paper not set aside, a second decision, a head not on the
/// ruleset's statement, preferences out of range, repeated or empty.
pub fn adjudicate<'a>(
    adjudicator: &Adjudicator,
    papers: impl IntoIterator<Item = PaperRef<'a>>,
    decisions: &[Decision],
) -> Result<Adjudicated, PapersErrors> {
    let rules = adjudicator.rules();
    if adjudicator.form() != BallotForm::Preferences {
        return Err(PapersErrors(vec![PapersProblem::NotPreferential {
            rules: rules.code,
        }]));
    }
    let mut problems = Vec::new();
    let mut out = Adjudicated {
        rules,
        papers_read: 0,
        valid: 0,
        partially_accepted: 0,
        saved: 0,
        rejected: rules
            .heads
            .iter()
            .map(|spec| HeadCount { spec, papers: 0 })
            .collect(),
        doubtful: Vec::new(),
        lines: BTreeMap::new(),
        rejected_total: 0,
    };
    let mut seen: BTreeMap<&'a str, u64> = BTreeMap::new();
    let mut overflow = false;
    for p in papers {
        if let Some(&first) = seen.get(p.reference) {
            problems.push(PapersProblem::DuplicateReference {
                line: p.line,
                reference: p.reference.to_owned(),
                first,
            });
        } else {
            seen.insert(p.reference, p.line);
        }
        overflow |= bump(&mut out.papers_read);
        match adjudicator.adjudicate(p.paper) {
            Err(error) => problems.push(PapersProblem::Mark {
                line: p.line,
                reference: p.reference.to_owned(),
                error,
            }),
            Ok(Outcome::Preferences {
                order,
                partial,
                saved,
            }) => {
                overflow |= out.add_valid(&order);
                if partial {
                    overflow |= bump(&mut out.partially_accepted);
                }
                if saved {
                    overflow |= bump(&mut out.saved);
                }
            }
            Ok(Outcome::Rejected(head)) => overflow |= out.add_rejected(head),
            Ok(Outcome::Doubtful(doubt)) => out.doubtful.push(DoubtfulPaper {
                reference: p.reference.to_owned(),
                line: p.line,
                doubt,
                ruling: None,
            }),
            // A preferential adjudicator gives only the outcomes above.
            Ok(_) => problems.push(PapersProblem::NotPreferential { rules: rules.code }),
        }
    }
    let mut decided: BTreeMap<&str, u64> = BTreeMap::new();
    for d in decisions {
        if let Some(&first) = decided.get(d.paper.as_str()) {
            problems.push(PapersProblem::DecidedTwice {
                line: d.line,
                paper: d.paper.clone(),
                first,
            });
            continue;
        }
        decided.insert(d.paper.as_str(), d.line);
        let Some(slot) = out.doubtful.iter().position(|p| p.reference == d.paper) else {
            problems.push(PapersProblem::NotDoubtful {
                line: d.line,
                paper: d.paper.clone(),
            });
            continue;
        };
        match &d.ruling {
            Ruling::Valid(prefs) => {
                if let Some(reason) = bad_preferences(prefs, adjudicator.candidates()) {
                    problems.push(PapersProblem::BadPreferences {
                        line: d.line,
                        paper: d.paper.clone(),
                        reason,
                    });
                    continue;
                }
                overflow |= out.add_valid(prefs);
            }
            Ruling::Rejected(head) => {
                if rules.head(*head).is_none() {
                    problems.push(PapersProblem::HeadNotInRuleset {
                        line: d.line,
                        paper: d.paper.clone(),
                        head: *head,
                        rules: rules.code,
                    });
                    continue;
                }
                overflow |= out.add_rejected(*head);
            }
        }
        if let Some(p) = out.doubtful.get_mut(slot) {
            p.ruling = Some(d.ruling.clone());
        }
    }
    if overflow {
        problems.push(PapersProblem::TooManyPapers);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(PapersErrors(problems))
    }
}

/// Adds one; true on overflow.
fn bump(n: &mut u64) -> bool {
    match n.checked_add(1) {
        Some(v) => {
            *n = v;
            false
        }
        None => true,
    }
}

impl Adjudicated {
    /// Counts a valid paper for `order`; true on overflow.
    fn add_valid(&mut self, order: &[usize]) -> bool {
        // Candidates number at most MAX_MARKED_CANDIDATES (128), so every
        // index fits in u16.
        let prefs: Vec<u16> = order
            .iter()
            .map(|&c| u16::try_from(c).unwrap_or(u16::MAX))
            .collect();
        bump(self.lines.entry(prefs).or_insert(0)) | bump(&mut self.valid)
    }

    /// Counts a rejected paper under `head`; true on overflow.
    fn add_rejected(&mut self, head: RejectionHead) -> bool {
        match self.rejected.iter_mut().find(|h| h.spec.head == head) {
            Some(h) => bump(&mut h.papers) | bump(&mut self.rejected_total),
            None => false,
        }
    }
}

fn bad_preferences(prefs: &[usize], candidates: usize) -> Option<String> {
    if prefs.is_empty() {
        return Some("a paper allowed as valid needs at least a first preference".to_owned());
    }
    let mut seen = BTreeSet::new();
    for &c in prefs {
        if c >= candidates {
            return Some(format!(
                "preference for candidate {}, out of range 1..={candidates}",
                c + 1
            ));
        }
        if !seen.insert(c) {
            return Some(format!("candidate {} is given two preferences", c + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use countroom_adjudicate::{Mark, MarkKind, Placement};
    use countroom_model::RulesetId;
    use countroom_rules::ruleset;

    /// A Scottish ward: candidates A, B, C, D (0..4), two seats.
    fn scotland() -> Adjudicator {
        Adjudicator::new(ruleset(RulesetId::ScotlandStv2011), 4, 2).unwrap()
    }

    fn figures(prefs: &[(usize, u32)]) -> BallotPaper {
        BallotPaper::marked(prefs.iter().map(|&(c, n)| Mark::figure(c, n)).collect())
    }

    fn run(
        papers: &[(&str, BallotPaper)],
        decisions: &[Decision],
    ) -> Result<Adjudicated, PapersErrors> {
        adjudicate(
            &scotland(),
            papers.iter().enumerate().map(|(i, (r, p))| PaperRef {
                reference: r,
                line: i as u64 + 2,
                paper: p,
            }),
            decisions,
        )
    }

    fn head(a: &Adjudicated, h: RejectionHead) -> u64 {
        a.rejected.iter().find(|x| x.spec.head == h).unwrap().papers
    }

    /// SLGEO 2011 Sch 1 r.44(1): each kind of void paper lands under its
    /// head, in the statement's order (a)-(e); a broken sequence is counted
    /// for its valid prefix (r.44(1)(c) voids only two 1s; a later figure
    /// given twice ends the transferable preferences).
    #[test]
    fn heads_and_prefixes() {
        let mut identifying = figures(&[(0, 1)]);
        identifying.identifying_mark = true;
        let mut unofficial = figures(&[(1, 1), (0, 2)]);
        unofficial.official_mark = false;
        let papers = [
            // Valid: 1 A, 2 B.
            ("p1", figures(&[(0, 1), (1, 2)])),
            // (b) no first preference: figures 2 and 3 only.
            ("p2", figures(&[(1, 2), (2, 3)])),
            // (d) writing by which the voter can be identified.
            ("p3", identifying),
            // The figure 3 twice: valid for 1 A, 2 B only (partially accepted).
            ("p4", figures(&[(0, 1), (1, 2), (2, 3), (3, 3)])),
            // (c) the figure 1 against two candidates.
            ("p5", figures(&[(0, 1), (1, 1)])),
            // (a) want of an official mark.
            ("p6", unofficial),
            // (e) unmarked.
            ("p7", BallotPaper::marked(vec![])),
            // Valid: 1 C, 2 A, 3 D; the 2 is outside the box (r.44(2)).
            (
                "p8",
                BallotPaper::marked(vec![
                    Mark::figure(2, 1),
                    Mark::figure(0, 2).at(Placement::Outside),
                    Mark::figure(3, 3),
                ]),
            ),
        ];
        let a = run(&papers, &[]).unwrap();
        assert_eq!(a.papers_read, 8);
        assert_eq!(a.valid, 3);
        assert_eq!(a.partially_accepted, 1);
        assert_eq!(a.saved, 1);
        assert_eq!(head(&a, RejectionHead::NoOfficialMark), 1);
        assert_eq!(head(&a, RejectionHead::NoFirstPreference), 1);
        assert_eq!(head(&a, RejectionHead::TooManyVotes), 1);
        assert_eq!(head(&a, RejectionHead::IdentifyingMark), 1);
        assert_eq!(head(&a, RejectionHead::UnmarkedOrVoid), 1);
        assert_eq!(a.rejected_total(), 5);
        let letters: Vec<&str> = a.rejected.iter().map(|h| h.spec.letter).collect();
        assert_eq!(letters, ["a", "b", "c", "d", "e"]);
        // p1 and p4 share the prefix A, B: one line of weight 2.
        assert_eq!(
            a.ballots(),
            [
                Ballot {
                    weight: 2,
                    prefs: vec![0, 1]
                },
                Ballot {
                    weight: 1,
                    prefs: vec![2, 0, 3]
                },
            ]
        );
        let e = a
            .election("t", (0..4).map(|c| Candidate::new([b'A' + c])).collect(), 2)
            .unwrap();
        assert_eq!(e.valid_papers(), 3);
    }

    /// A cross where the figure 1 should be is for the returning officer
    /// (r.44(2): not void if the mark clearly indicates a preference):
    /// counting is refused until it is decided, and it counts as decided.
    #[test]
    fn doubtful_until_decided() {
        let cross = BallotPaper::marked(vec![Mark::cross(3), Mark::figure(1, 2)]);
        let other = BallotPaper::marked(vec![Mark::cross(2).kind(MarkKind::Other)]);
        let papers = [("p1", figures(&[(0, 1)])), ("p2", cross), ("p3", other)];
        let cands = || {
            (0..4)
                .map(|c| Candidate::new([b'A' + c]))
                .collect::<Vec<_>>()
        };
        let a = run(&papers, &[]).unwrap();
        assert_eq!(a.doubtful.len(), 2);
        assert_eq!(a.doubtful[0].doubt, Doubt::NotAFigure);
        let err = a.election("t", cands(), 2).unwrap_err();
        assert_eq!(
            err.0[0].to_string(),
            "2 doubtful paper(s) need the returning officer's decision before the count: p2 (line 3, not_a_figure), p3 (line 4, not_a_figure)"
        );
        let decisions = [
            Decision {
                paper: "p2".into(),
                ruling: Ruling::Valid(vec![3, 1]),
                line: 2,
            },
            Decision {
                paper: "p3".into(),
                ruling: Ruling::Rejected(RejectionHead::UnmarkedOrVoid),
                line: 3,
            },
        ];
        let a = run(&papers, &decisions).unwrap();
        assert_eq!(
            (a.valid, a.rejected_total(), a.undecided().len()),
            (2, 1, 0)
        );
        assert_eq!(
            a.ballots()[1],
            Ballot {
                weight: 1,
                prefs: vec![3, 1]
            }
        );
        assert_eq!(a.election("t", cands(), 2).unwrap().valid_papers(), 2);
    }

    #[test]
    fn bad_decisions_and_references() {
        let papers = [
            ("p1", figures(&[(0, 1)])),
            ("p2", BallotPaper::marked(vec![Mark::cross(0)])),
            ("p1", figures(&[(1, 1)])),
        ];
        let d = |paper: &str, ruling, line| Decision {
            paper: paper.into(),
            ruling,
            line,
        };
        let err = run(
            &papers,
            &[
                d("p1", Ruling::Valid(vec![0]), 2),
                d("p2", Ruling::Rejected(RejectionHead::Unmarked), 3),
                d("p2", Ruling::Valid(vec![0, 0]), 4),
                d("p9", Ruling::Valid(vec![4]), 5),
            ],
        )
        .unwrap_err();
        let msgs: Vec<String> = err.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            [
                "line 4: paper reference \"p1\" is already used on line 2",
                "decision line 2: paper \"p1\" was not set aside as doubtful",
                "decision line 3: paper \"p2\": head unmarked is not on the statement under scotland-stv-2011",
                "decision line 4: paper \"p2\" is already decided on line 3",
                "decision line 5: paper \"p9\" was not set aside as doubtful",
            ]
        );
        let err = run(&papers[..2], &[d("p2", Ruling::Valid(vec![1, 1]), 2)]).unwrap_err();
        assert_eq!(
            err.0[0].to_string(),
            "decision line 2: paper \"p2\": candidate 2 is given two preferences"
        );
        // A first-past-the-post ruleset is refused.
        let fptp = Adjudicator::new(ruleset(RulesetId::EnglandPrincipal2006), 4, 2).unwrap();
        assert!(matches!(
            adjudicate(&fptp, [], &[]).unwrap_err().0[0],
            PapersProblem::NotPreferential { .. }
        ));
    }
}
