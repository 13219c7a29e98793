//! Adjudication of ballot papers under each poll's statutory rules.
//!
//! At the count, a ballot paper is valid, void under one of the heads of the
//! poll's statement of rejected ballot papers, rejected in part (at a
//! multi-member poll), or doubtful: set aside for the returning officer to
//! decide in view of the candidates and agents. This crate is the rules'
//! side of that: an [`Adjudicator`] applies one [`Ruleset`] (from
//! `countroom-rules`, where the heads, their grounds and their statutory
//! order are data) to one poll's papers.
//!
//! - [`BallotPaper`] describes a paper as the count sees it: the official
//!   mark present or not, writing identifying the voter or not, and each
//!   mark ([`Mark`]: a cross, tick, figure or other mark; in the box,
//!   outside it on the candidate's line, or across two names; in the first
//!   or second-choice column).
//! - [`Adjudicator::adjudicate`] classifies it ([`Outcome`]), applying the
//!   saving clause: a vote marked otherwise than by a cross, outside the
//!   box or by more than one mark is not void where the intention clearly
//!   appears. Whether an *other* mark shows a clear intention is a
//!   judgement, so such papers come back [`Outcome::Doubtful`]: the
//!   returning officer's decision is an input (a count-log event), never a
//!   guess made here.
//! - [`Paper`] is the compact form of a paper marked only with crosses in
//!   the box (8 bytes), and [`Adjudicator::classify`] its adjudication, a
//!   table lookup built from the same ruleset data, for counting millions
//!   of papers.
//!
//! - [`ListAdjudicator`] does the same for a list contest's ballot paper
//!   (one vote for a party or an individual candidate) under a list
//!   ruleset's heads, sharing the single-column rule with [`Adjudicator`].
//!
//! Spoilt papers (replaced in the polling station, in the ballot paper
//! account), rejected papers (void at the count), papers rejected in part,
//! and unused votes (the blanks on a valid multi-member paper, which are
//! not a rejection) are distinct things; only the second and third are this
//! crate's.
//!
//! [`Ruleset`]: countroom_rules::Ruleset

mod adjudicator;
mod list;
mod mark;
mod paper;

pub use adjudicator::{
    ballot_paper, compact, Adjudicator, AdjudicatorError, Category, Class, Doubt, MarkError,
    Outcome, SecondPreference, MAX_MARKED_CANDIDATES,
};
pub use list::ListAdjudicator;
pub use mark::{BallotPaper, Column, Mark, MarkKind, Placement, SavingReason};
pub use paper::{Paper, PaperError, MAX_CANDIDATES};

#[cfg(test)]
mod tests;
