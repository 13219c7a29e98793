//! The stage sheet: what an STV count did at each stage, as the official
//! sheets show it. Renderers (JSON, CSV, text) are in countroom-io
//! (`countroom_io::render::stv`).

use countroom_model::Date;
pub use countroom_rules::StvRules;

use crate::ballots::Candidate;
use crate::lots::LotDrawn;
use crate::value::Value;

/// What a stage did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Stage 1: the first preferences (Scotland r.46; NI r.47).
    FirstPreferences,
    /// The transfer of this candidate's surplus (0-based).
    Surplus(usize),
    /// The exclusion of this candidate (0-based): one stage under both
    /// rulesets. Under the NI rules its sub-parcels (r.51) are transferred
    /// within that one stage and named in its notes.
    Exclusion(usize),
    /// The exclusion of several candidates together (NI r.51(12)).
    BulkExclusion(Vec<usize>),
}

impl Action {
    /// `first_preferences`, `surplus`, `exclusion` or `bulk_exclusion`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Action::FirstPreferences => "first_preferences",
            Action::Surplus(_) => "surplus",
            Action::Exclusion(_) => "exclusion",
            Action::BulkExclusion(_) => "bulk_exclusion",
        }
    }

    /// The one candidate the action is about, if there is one.
    #[must_use]
    pub fn candidate(&self) -> Option<usize> {
        match self {
            Action::Surplus(c) | Action::Exclusion(c) => Some(*c),
            Action::FirstPreferences | Action::BulkExclusion(_) => None,
        }
    }
}

/// One stage of the count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stage {
    /// The stage number, from 1.
    pub number: u32,
    /// What the stage did.
    pub action: Action,
    /// Each candidate's transfer at this stage, in ballot-file order (the
    /// candidate whose surplus or papers are transferred shows a negative
    /// value; at stage 1 each candidate's first preferences).
    pub transfers: Vec<Value>,
    /// Each candidate's total after this stage, in ballot-file order.
    pub totals: Vec<Value>,
    /// Non-transferable papers' value so far (cumulative), not counting the
    /// loss to truncation.
    pub non_transferable: Value,
    /// Value lost to truncation so far (cumulative): for each surplus, the
    /// surplus less the value transferred and the value of non-transferable
    /// papers ("non-transferable due to rounding").
    pub rounding_loss: Value,
    /// Candidates elected at this stage (0-based), in the order deemed
    /// elected (highest vote first; those deemed elected as continuing
    /// candidates equal to the vacancies last).
    pub elected: Vec<usize>,
    /// Candidates excluded at this stage (0-based).
    pub excluded: Vec<usize>,
    /// The values per paper at which papers were transferred at this stage,
    /// one entry per value received and value transferred, in the order
    /// first met (empty at stage 1, and where an engine does not record
    /// them).
    pub transfer_values: Vec<TransferValue>,
    /// How the stage's decisions were reached where the rules needed more
    /// than the current totals (e.g. "Perez and Hughes equal on 138.35160:
    /// Hughes excluded, lower at the most recent preceding stage at which
    /// they differed (stage 1)", "lot").
    pub notes: Vec<String>,
}

/// Papers transferred at one value per paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransferValue {
    /// The value per paper at which the papers had been received.
    pub received: Value,
    /// The value per paper at which they were transferred (a surplus: the
    /// surplus × value received ÷ total, truncated; an exclusion: the value
    /// received).
    pub value: Value,
    /// The papers.
    pub papers: u64,
}

/// A candidate elected, and the stage at which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Elected {
    /// The candidate (0-based).
    pub candidate: usize,
    /// The stage number.
    pub stage: u32,
}

/// The complete record of an STV count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StageSheet {
    /// The rules followed.
    pub rules: StvRules,
    /// Decimal places of every value.
    pub places: u32,
    /// The contest title as found.
    pub title: Vec<u8>,
    /// The poll date, if known (given, or found in the title): it decides
    /// which instrument of the family was in force
    /// ([`StvRules::instrument`]).
    pub poll_date: Option<Date>,
    /// Seats filled.
    pub seats: usize,
    /// Valid papers.
    pub valid_papers: u64,
    /// The quota.
    pub quota: Value,
    /// The candidates in ballot-file order.
    pub candidates: Vec<Candidate>,
    /// Withdrawn candidates (0-based, ascending).
    pub withdrawn: Vec<usize>,
    /// The stages in order.
    pub stages: Vec<Stage>,
    /// Who was elected, in the order elected.
    pub elected: Vec<Elected>,
    /// Every lot drawn, in order.
    pub lots: Vec<LotDrawn>,
    /// The published seed, when the count was run with one
    /// ([`crate::LotSource::with_seed`]): the sheet is then a rehearsal,
    /// whether or not a lot was drawn from it, and never a declared result;
    /// every document of it says so first.
    pub rehearsal_seed: Option<String>,
}

impl StageSheet {
    /// The same sheet with the poll date `poll_date` (which decides the
    /// instrument it names, [`StvRules::instrument`]).
    #[must_use]
    pub fn with_poll_date(mut self, poll_date: Option<Date>) -> StageSheet {
        self.poll_date = poll_date;
        self
    }

    /// The stage with this number.
    #[must_use]
    pub fn stage(&self, number: u32) -> Option<&Stage> {
        self.stages.iter().find(|s| s.number == number)
    }
}
