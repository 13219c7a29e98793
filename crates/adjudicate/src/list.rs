//! The list adjudicator: a list ruleset's heads applied to one list
//! contest's ballot papers (the regional ballot paper of the additional
//! member system; the Senedd's closed-list paper).
//!
//! A list ballot paper carries one vote, for one registered party or one
//! individual candidate (Scotland Act 1998 s.6(2); GoWA 2006 s.6(1) as
//! substituted by the Senedd Cymru (Members and Elections) Act 2024). Its
//! options are the list contest's parties and individual candidates in the
//! order the count log defines them (`list_contest_defined`: the parties as
//! listed, then the individual candidates as listed; a [`Mark`]'s
//! `candidate` is that 0-based position). A paper is adjudicated as a
//! first past the post paper for one seat is (the same function serves
//! both, [`crate::Adjudicator`]'s single-column rule), under the list
//! ruleset's own heads table:
//!
//! - void under the first head, in statutory order, whose grounds the paper
//!   shows: at a Scottish region, SSI 2015/425 Sch 2 r.58(1)(a) want of the
//!   official mark, (c) votes for more than one registered party or
//!   individual candidate, (d) anything by which the voter can be
//!   identified, (e) unmarked or void for uncertainty;
//! - valid under the saving clause (r.58(2): marked elsewhere than in the
//!   proper place, otherwise than by a cross, or by more than one mark,
//!   where the intention clearly appears), recorded by reason
//!   ([`crate::SavingReason`]) as at any other poll;
//! - r.58(3): different numbers written apparently as a sequential order of
//!   preference, on a paper that would otherwise be void under (c), count
//!   as a vote for the option against which the figure 1 appears (the
//!   paper is valid and saved, its vote marked otherwise than by a cross,
//!   r.58(2)(b)). Read narrowly: every mark a figure against one option
//!   (never across two), no figure written twice, no option given two, and
//!   a 1 among them; a paper void under (a) or (d) stays void (the
//!   paragraph read as saving the numbers, not the want of the official
//!   mark or a mark identifying the voter);
//! - doubtful (an other mark, or a mark across two names beside a clear
//!   vote): set aside for the constituency returning officer, whose
//!   decision is recorded (`doubtful_paper_decided`), never made here.
//!
//! A list ruleset whose heads were not read (`heads: None`: the Senedd's,
//! the London members') has no adjudicator: [`ListAdjudicator::new`]
//! refuses it, naming the ruleset and where its heads are, and its areas'
//! papers are counted by figures.

use countroom_rules::lists::ListRuleset;
use countroom_rules::{HeadSpec, RejectionHead};

use crate::adjudicator::{
    classify_in, head_table, one_column_votes, AdjudicatorError, Class, MarkError, Outcome,
    MAX_MARKED_CANDIDATES,
};
use crate::mark::{BallotPaper, Column, MarkKind};
use crate::paper::Paper;

/// A list ruleset applied to one list contest's ballot papers.
///
/// ```
/// use countroom_adjudicate::{BallotPaper, ListAdjudicator, Mark, MarkKind, Outcome, Placement};
/// use countroom_rules::lists::{list_ruleset, ListRulesetId};
/// use countroom_rules::RejectionHead;
///
/// // A Scottish region's list paper: three parties and one individual.
/// let adj = ListAdjudicator::new(list_ruleset(ListRulesetId::ScottishParliamentRegional2016), 4)?;
///
/// // A tick outside the box for the individual candidate: saved (r.58(2)).
/// let tick = BallotPaper::marked(vec![Mark::cross(3).kind(MarkKind::Tick).at(Placement::Outside)]);
/// assert_eq!(adj.adjudicate(&tick), Ok(Outcome::Valid { votes: vec![3], saved: true }));
///
/// // Crosses for two parties: void under r.58(1)(c).
/// let two = BallotPaper::marked(vec![Mark::cross(0), Mark::cross(2)]);
/// assert_eq!(adj.adjudicate(&two), Ok(Outcome::Rejected(RejectionHead::TooManyVotes)));
///
/// // 1, 2, 3 as preferences: a vote for the party against the 1 (r.58(3)).
/// let numbers = BallotPaper::marked(vec![Mark::figure(2, 2), Mark::figure(1, 1), Mark::figure(0, 3)]);
/// assert_eq!(adj.adjudicate(&numbers), Ok(Outcome::Valid { votes: vec![1], saved: true }));
/// # Ok::<(), countroom_adjudicate::AdjudicatorError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ListAdjudicator {
    rules: &'static ListRuleset,
    heads: &'static [HeadSpec],
    options: usize,
    table: [u8; 16],
}

impl ListAdjudicator {
    /// The adjudicator for a list contest under `rules` with `options`
    /// parties and individual candidates on the ballot paper. Refused where
    /// the ruleset's heads were not read
    /// ([`AdjudicatorError::ListHeadsNotRead`]), with no options, or with
    /// more than a paper described by its marks can hold.
    pub fn new(
        rules: &'static ListRuleset,
        options: usize,
    ) -> Result<ListAdjudicator, AdjudicatorError> {
        let Some(heads) = rules.heads.filter(|h| !h.is_empty()) else {
            return Err(AdjudicatorError::ListHeadsNotRead {
                rules: rules.code,
                citation: rules.heads_citation,
            });
        };
        if options == 0 {
            return Err(AdjudicatorError::NoCandidates);
        }
        if options > MAX_MARKED_CANDIDATES {
            return Err(AdjudicatorError::TooManyCandidates {
                candidates: options,
            });
        }
        Ok(ListAdjudicator {
            rules,
            heads,
            options,
            table: head_table(heads),
        })
    }

    /// The list ruleset.
    #[must_use]
    pub fn rules(&self) -> &'static ListRuleset {
        self.rules
    }

    /// The heads, in statutory order.
    #[must_use]
    pub fn heads(&self) -> &'static [HeadSpec] {
        self.heads
    }

    /// Parties and individual candidates on the ballot paper.
    #[must_use]
    pub fn options(&self) -> usize {
        self.options
    }

    /// Adjudicates a compact paper (crosses in the box only): valid for its
    /// one option, or void under a head. The same result as
    /// [`ListAdjudicator::adjudicate`] on the paper written as marks (a
    /// compact paper has no figures, so r.58(3) never arises).
    #[inline]
    #[must_use]
    pub fn classify(&self, paper: Paper) -> Class {
        classify_in(&self.table, 1, paper)
    }

    /// Adjudicates a list ballot paper: valid for one option (saved or
    /// not), void under one head, or doubtful. The order of `paper.marks`
    /// does not matter. A mark against an option the ballot paper does not
    /// have, or in a second column, is an error.
    pub fn adjudicate(&self, paper: &BallotPaper) -> Result<Outcome, MarkError> {
        for m in &paper.marks {
            if m.candidate >= self.options {
                return Err(MarkError::UnknownCandidate {
                    index: m.candidate,
                    candidates: self.options,
                });
            }
            if m.column == Column::Second {
                return Err(MarkError::NoSecondColumn {
                    reason: "a list ballot paper has one column",
                });
            }
        }
        let outcome = one_column_votes(paper, 1, self.heads, false);
        if outcome == Outcome::Rejected(RejectionHead::TooManyVotes)
            && paper.official_mark
            && !paper.identifying_mark
        {
            if let Some(first) = numbered_first(paper) {
                return Ok(Outcome::Valid {
                    votes: vec![first],
                    saved: true,
                });
            }
        }
        Ok(outcome)
    }
}

/// r.58(3): the option against which the figure 1 appears, where every
/// mark is a figure against one option, no figure is written twice, no
/// option has two, and a 1 is among them.
fn numbered_first(paper: &BallotPaper) -> Option<usize> {
    let mut first = None;
    for (i, m) in paper.marks.iter().enumerate() {
        let MarkKind::Figure(n) = m.kind else {
            return None;
        };
        if !m.is_placed() {
            return None;
        }
        let clash =
            paper.marks.iter().skip(i + 1).any(|o| {
                o.candidate == m.candidate || matches!(o.kind, MarkKind::Figure(k) if k == n)
            });
        if clash {
            return None;
        }
        if n == 1 {
            first = Some(m.candidate);
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Doubt, Mark, Placement, SavingReason};
    use countroom_rules::lists::{list_ruleset, ListRulesetId};

    fn scottish(options: usize) -> ListAdjudicator {
        ListAdjudicator::new(
            list_ruleset(ListRulesetId::ScottishParliamentRegional2016),
            options,
        )
        .unwrap()
    }

    fn valid(votes: Vec<usize>, saved: bool) -> Result<Outcome, MarkError> {
        Ok(Outcome::Valid { votes, saved })
    }

    /// SSI 2015/425 Sch 2 r.58(1)(a), (c), (d), (e) on a regional paper of
    /// four options, each paper hand-worked.
    #[test]
    fn heads_of_r58_1() {
        let adj = scottish(4);
        let r = |h| Ok(Outcome::Rejected(h));
        // (a) no official mark.
        let mut a = BallotPaper::marked(vec![Mark::cross(0)]);
        a.official_mark = false;
        assert_eq!(adj.adjudicate(&a), r(RejectionHead::NoOfficialMark));
        // (c) a party and an individual candidate.
        let c = BallotPaper::marked(vec![Mark::cross(1), Mark::cross(3)]);
        assert_eq!(adj.adjudicate(&c), r(RejectionHead::TooManyVotes));
        // (d) identifying mark.
        let mut d = BallotPaper::marked(vec![Mark::cross(2)]);
        d.identifying_mark = true;
        assert_eq!(adj.adjudicate(&d), r(RejectionHead::IdentifyingMark));
        // (e) unmarked; void for uncertainty (only a mark across two names).
        assert_eq!(
            adj.adjudicate(&BallotPaper::marked(vec![])),
            r(RejectionHead::UnmarkedOrVoid)
        );
        let across = BallotPaper::marked(vec![Mark::cross(1).at(Placement::Straddling)]);
        assert_eq!(adj.adjudicate(&across), r(RejectionHead::UnmarkedOrVoid));
        // Two heads: the first in statutory order, (a) before (c).
        let mut ac = c.clone();
        ac.official_mark = false;
        assert_eq!(adj.adjudicate(&ac), r(RejectionHead::NoOfficialMark));
    }

    /// r.58(2): (a) elsewhere than in the proper place, (b) otherwise than
    /// by a cross, (c) by more than one mark: valid and saved, by reason.
    #[test]
    fn saving_clause_of_r58_2() {
        let adj = scottish(4);
        let outside = BallotPaper::marked(vec![Mark::cross(0).at(Placement::Outside)]);
        let tick = BallotPaper::marked(vec![Mark::cross(1).kind(MarkKind::Tick)]);
        let twice = BallotPaper::marked(vec![Mark::cross(2), Mark::cross(2)]);
        for (p, option, reason) in [
            (&outside, 0, SavingReason::OutsideBox),
            (&tick, 1, SavingReason::Tick),
            (&twice, 2, SavingReason::MoreThanOneMark),
        ] {
            assert_eq!(adj.adjudicate(p), valid(vec![option], true));
            assert_eq!(SavingReason::of(p), Some(reason));
        }
        assert_eq!(
            adj.adjudicate(&BallotPaper::marked(vec![Mark::cross(3)])),
            valid(vec![3], false)
        );
    }

    /// r.58(3): numbers as preferences count for the 1; read narrowly.
    #[test]
    fn numbers_of_r58_3() {
        let adj = scottish(4);
        let seq = BallotPaper::marked(vec![Mark::figure(3, 1), Mark::figure(0, 2)]);
        assert_eq!(adj.adjudicate(&seq), valid(vec![3], true));
        assert_eq!(SavingReason::of(&seq), Some(SavingReason::Figure));
        // A lone figure 1: one vote, saved under r.58(2)(b).
        let one = BallotPaper::marked(vec![Mark::figure(2, 1)]);
        assert_eq!(adj.adjudicate(&one), valid(vec![2], true));
        let tm = Ok(Outcome::Rejected(RejectionHead::TooManyVotes));
        // No 1; a figure twice; a cross among the figures: (c).
        let no_one = BallotPaper::marked(vec![Mark::figure(0, 2), Mark::figure(1, 3)]);
        assert_eq!(adj.adjudicate(&no_one), tm);
        let twice = BallotPaper::marked(vec![Mark::figure(0, 1), Mark::figure(1, 1)]);
        assert_eq!(adj.adjudicate(&twice), tm);
        let mixed = BallotPaper::marked(vec![Mark::figure(0, 1), Mark::cross(1)]);
        assert_eq!(adj.adjudicate(&mixed), tm);
        // An identifying mark: not saved by r.58(3).
        let mut ident = seq.clone();
        ident.identifying_mark = true;
        assert_eq!(adj.adjudicate(&ident), tm);
    }

    /// Judgements left to the returning officer: an other mark; a mark
    /// across two names beside a clear vote.
    #[test]
    fn doubtful_papers_are_set_aside() {
        let adj = scottish(4);
        let other = BallotPaper::marked(vec![Mark::cross(1).kind(MarkKind::Other)]);
        assert_eq!(
            adj.adjudicate(&other),
            Ok(Outcome::Doubtful(Doubt::OtherMark))
        );
        let beside = BallotPaper::marked(vec![
            Mark::cross(0),
            Mark::cross(1).at(Placement::Straddling),
        ]);
        assert_eq!(
            adj.adjudicate(&beside),
            Ok(Outcome::Doubtful(Doubt::UncertainMark))
        );
    }

    #[test]
    fn bad_marks_and_unread_heads_refused() {
        let adj = scottish(4);
        assert_eq!(
            adj.adjudicate(&BallotPaper::marked(vec![Mark::cross(4)])),
            Err(MarkError::UnknownCandidate {
                index: 4,
                candidates: 4
            })
        );
        assert!(matches!(
            adj.adjudicate(&BallotPaper::marked(vec![Mark::cross(0).second()])),
            Err(MarkError::NoSecondColumn { .. })
        ));
        for id in [
            ListRulesetId::SeneddClosedList2026,
            ListRulesetId::SeneddRegional2007,
            ListRulesetId::LondonAssemblyLondonWide2008,
        ] {
            let r = list_ruleset(id);
            let e = ListAdjudicator::new(r, 4).unwrap_err();
            assert_eq!(e.code(), "list_heads_not_read");
            let text = e.to_string();
            assert!(
                text.contains(r.code) && text.contains(r.heads_citation),
                "{text}"
            );
        }
    }

    /// The compact form gives what the marks give.
    #[test]
    fn classify_agrees_with_adjudicate() {
        let adj = scottish(5);
        for bits in 0u64..32 {
            for flags in 0..4 {
                let marks: Vec<usize> = (0..5).filter(|i| bits & (1 << i) != 0).collect();
                let p = Paper::marked(&marks)
                    .unwrap()
                    .with_no_official_mark(flags & 1 != 0)
                    .with_identifying_mark(flags & 2 != 0);
                let full = adj.adjudicate(&crate::ballot_paper(p)).unwrap();
                let expected = match full {
                    Outcome::Rejected(h) => Class::Rejected(h),
                    _ => Class::Valid,
                };
                assert_eq!(adj.classify(p), expected, "{marks:?} {flags}");
            }
        }
    }
}
